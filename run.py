#!/usr/bin/env python3
"""One-command set-up for toneloc: ``python3 run.py demo`` and ``python3 run.py test``.

Needs only Python >= 3.11 with pip. It creates ``.venv`` next to this file (once), installs toneloc
with every extra plus the development tools into it, and then runs the demo or the test suite.

argostranslate is installed with ``--no-deps`` on purpose: its declared dependency chain
(stanza -> torch) weighs about 6 GB; toneloc needs only ctranslate2, sentencepiece and minisbd,
which the ``mt`` extra provides. See docs/install.md.

Language detection is then compiled with mypyc (``python -m toneloc._native build``, about a minute;
~20% faster, same answers). ``TONELOC_NATIVE=0`` skips it; without a C compiler toneloc runs as
Python and says so.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("TONELOC_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
STAMP = VENV / ".toneloc-installed"


def _sh(*args: str | Path) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT)


def _fingerprint() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + Path(__file__).read_bytes()).hexdigest()


def ensure_env() -> None:
    """Create the virtual environment and install toneloc[all,dev] unless already up to date."""
    if sys.version_info < (3, 11):  # noqa: UP036 - this script may be started by an older python3
        sys.exit(f"toneloc needs Python >= 3.11; this is {sys.version.split()[0]}")
    if not PY.exists():
        print(f"creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if not (STAMP.exists() and STAMP.read_text() == _fingerprint()):
        pip = (PY, "-m", "pip", "install", "--disable-pip-version-check", "-q")
        _sh(*pip, "-e", ".[all,dev]")
        _sh(*pip, "--no-deps", "argostranslate>=1.9")
        STAMP.write_text(_fingerprint())
    if os.environ.get("TONELOC_NATIVE", "1") != "0":  # compiles only when the build is missing or stale
        done = subprocess.run([str(PY), "-m", "toneloc._native", "build", "--if-stale"], cwd=ROOT, check=False)
        if done.returncode:  # no C compiler or mypyc: the Python sources serve (tried again next time)
            print("run.py: detection runs as Python (no compiled build); see the message above", flush=True)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"demo", "test", "setup"}:
        print(__doc__)
        print("usage: python3 run.py demo | test [pytest args...] | setup")
        return 2
    ensure_env()
    env = dict(os.environ, PYTHONUTF8="1")
    if argv[0] == "setup":
        return 0
    if argv[0] == "demo":
        return subprocess.run([str(BIN / "toneloc"), "demo", *argv[1:]], cwd=ROOT, env=env).returncode
    return subprocess.run([str(PY), "-m", "pytest", *argv[1:]], cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
