"""Repository-wide test setup: every test and every doctest under src/toneloc runs with the user's
home folders (XDG data/config/cache, Argos packages, the review store) pointed at a temporary
directory, so nothing a developer or CI machine keeps there is read or written."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolate_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point XDG and Argos folders at a temporary directory for every test."""
    base = tmp_path_factory.getbasetemp() / "home"
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(base / var.lower()))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(base / "argos-packages"))
    monkeypatch.setenv("ARGOS_INTRA_THREADS", "1")
    monkeypatch.delenv("TONELOC_REVIEW_DB", raising=False)  # the pipeline's default store must be the test's


def _compiled_detector_sources() -> list[str]:
    """The detector modules the compiled build (mypyc, ``toneloc._native``) replaces, when it is in
    use: pytest cannot collect a module's doctests from its ``.py`` file when the import system
    loads it from a compiled file, so tests/test_detect_native.py runs those doctests against the
    Python sources in a subprocess instead."""
    from toneloc import _native  # in_use() imports toneloc.detect, which decides which build loads

    if not _native.in_use():
        return []
    return [f"src/toneloc/detect/{name}.py" for name in _native.COMPILED]


collect_ignore = _compiled_detector_sources()
