"""Package-level contract: cheap import, lazy API, the CLI shell."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

import toneloc
from toneloc.cli import COMMANDS, main


def test_import_is_lazy_and_fast() -> None:
    """`import toneloc` loads no capability module (detect, translate...) and takes well under a second."""
    code = (
        "import sys, time; t = time.perf_counter(); import toneloc; dt = time.perf_counter() - t; "
        "heavy = [m for m in ('toneloc.detect', 'toneloc.translate', 'toneloc.templating', 'toneloc.review', "
        "'toneloc.tone', 'toneloc.lint', 'babel', 'jinja2', 'ctranslate2') if m in sys.modules]; "
        "print(dt, heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    dt, heavy = out.split(" ", 1)
    assert heavy.strip() == "[]"
    assert float(dt) < 0.5


def test_lazy_attributes_resolve() -> None:
    """Every name in `toneloc.__all__` resolves."""
    for name in toneloc.__all__:
        assert getattr(toneloc, name) is not None, name
    with pytest.raises(AttributeError):
        _ = toneloc.does_not_exist  # type: ignore[attr-defined]


def test_cli_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    """`toneloc --version` prints the version; no command prints help and exits 2."""
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert toneloc.__version__ in capsys.readouterr().out
    assert main([]) == 2


def test_cli_maps_toneloc_errors_to_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A TonelocError becomes one line on stderr and exit code 2, never a traceback."""
    assert main(["cultures", "xx-YY"]) == 2
    err = capsys.readouterr().err
    assert "unknown locale" in err
    assert "Traceback" not in err


def test_every_registered_command_has_help() -> None:
    """Each command whose module exists answers --help (exit 0)."""
    import importlib.util

    for name, (module, _help) in COMMANDS.items():
        if importlib.util.find_spec(module) is None:
            continue
        t = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "toneloc", name, "--help"], capture_output=True, text=True, check=False
        )
        assert proc.returncode == 0, (name, proc.stderr)
        assert "usage: toneloc" in proc.stdout
        assert time.perf_counter() - t < 10
