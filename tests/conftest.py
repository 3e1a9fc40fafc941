"""Shared fixtures. Tests never touch the network or the user's home directory."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(autouse=True)
def _isolate_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point XDG and Argos folders at a temporary directory for every test."""
    base = tmp_path_factory.getbasetemp() / "home"
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(base / var.lower()))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(base / "argos-packages"))
    monkeypatch.setenv("ARGOS_INTRA_THREADS", "1")
    monkeypatch.delenv("TONELOC_REVIEW_DB", raising=False)  # the pipeline's default store must be the test's
