"""Shared fixtures. Tests never touch the network or the user's home directory."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


# The home-folder isolation fixture lives in the repository's root conftest.py, so the package's
# doctests (src/toneloc) are isolated too.
