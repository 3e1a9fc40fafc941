"""Developer sessions. Versions and dependency groups come from pyproject.toml (one source of truth).

    nox                # tests, lint, typing, docs
    nox -s bench       # benchmarks (not default): writes figures for docs/benchmarks.md
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import nox

ROOT = Path(__file__).parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PYTHON = PYPROJECT["project"]["requires-python"].removeprefix(">=")
EXTRAS = PYPROJECT["project"]["optional-dependencies"]

nox.options.sessions = ["tests", "lint", "typing", "docs"]
nox.options.reuse_existing_virtualenvs = True


def _install(session: nox.Session, extras: str) -> None:
    session.install("-e", f".[{extras}]")
    # argostranslate without its stanza -> torch chain (see docs/install.md)
    session.install("--no-deps", "argostranslate>=1.9")
    if "dev" in extras.split(","):  # mypyc comes with mypy: compile detection as run.py does
        # exit 1 (no C compiler...): the sessions run on the Python sources
        session.run("python", "-m", "toneloc._native", "build", "--if-stale", success_codes=[0, 1])


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """The full test suite (same as `python3 run.py test`)."""
    _install(session, "all,dev")
    session.run("pytest", *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff check."""
    session.install(*[d for d in EXTRAS["dev"] if d.startswith("ruff")])
    session.run("ruff", "check", "src", "tests", "bench", "examples", "noxfile.py", "run.py")


@nox.session(python=PYTHON)
def typing(session: nox.Session) -> None:
    """mypy --strict over the package and the typed usage file."""
    _install(session, "all,dev")
    session.run("mypy")
    session.run("mypy", "--strict", "tests/typing_usage.py")


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Every example the docs show: package doctests, the ``>>>``/code examples of docs/*.md, the
    bundled helpdesk example linted as CI would, and the end-to-end demo."""
    _install(session, "all,dev")
    # test_detect_native runs the doctests of the compiled detection modules on their sources
    session.run("pytest", "src/toneloc", "tests/test_detect_native.py", "-q")
    session.run("pytest", "-q", *sorted(str(p) for p in (ROOT / "tests").glob("test_*docs*.py")))
    with session.chdir(ROOT / "examples" / "helpdesk"):
        session.run("toneloc", "lint")
    session.run("toneloc", "demo")


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Benchmarks side by side with the peers a user would pick instead (not in the timed tests)."""
    _install(session, "all,dev,bench")
    names = session.posargs or sorted(p.stem for p in (ROOT / "bench").glob("bench_*.py"))
    for name in names:
        session.run("python", f"bench/{name}.py", env={"ARGOS_INTRA_THREADS": "1"})
