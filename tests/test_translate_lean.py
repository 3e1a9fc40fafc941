"""The lean MT install (`toneloc[mt]` without templates or rich) translates catalogs, errors stay one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from mt_fixtures import fixtures as _mt

pytestmark = pytest.mark.mt
for _mod in ("ctranslate2", "sentencepiece", "minisbd"):  # the `mt` extra
    pytest.importorskip(_mod)

tiny_archive = _mt.tiny_archive
unsure_archive = _mt.unsure_archive
packages_dir = _mt.packages_dir

# What `pip install "toneloc[mt]"` does not bring: the templates extra (Jinja2, MarkupSafe...) and rich.
_NOT_IN_MT = ("jinja2", "markupsafe", "markdown_it", "yaml", "rich")


def test_translate_catalog_without_templates_or_rich(packages_dir: Path, tmp_path: Path) -> None:
    """`toneloc translate` needs neither Jinja2/MarkupSafe nor rich; a bad catalog still names its line."""
    pot = polib.POFile()
    pot.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    pot.append(polib.POEntry(msgid="Hello, your order has shipped."))
    pot.save(str(tmp_path / "messages.pot"))
    (tmp_path / "broken.pot").write_text('msgid "Hello\nmsgstr ""\n', encoding="utf-8")
    code = (
        "import contextlib, io, json, sys\n"
        f"for m in {_NOT_IN_MT!r}: sys.modules[m] = None\n"
        "from toneloc.cli import main\n"
        "res = []\n"
        "for name in ('messages.pot', 'broken.pot'):\n"
        "    err = io.StringIO()\n"
        "    with contextlib.redirect_stderr(err):\n"
        f"        rc = main(['translate', {str(tmp_path)!r} + '/' + name, '--to', 'de', '--engine', 'argos',\n"
        f"                   '--model-dir', {str(packages_dir)!r}, '--out-dir', {str(tmp_path / 'out')!r}])\n"
        "    res.append([rc, err.getvalue()])\n"
        f"res.append([m for m in {_NOT_IN_MT!r} if sys.modules[m] is not None])\n"
        "print(json.dumps(res))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120)
    assert proc.returncode == 0, proc.stderr
    (rc, err), (bad_rc, bad_err), loaded = json.loads(proc.stdout.strip().splitlines()[-1])
    assert (rc, err, loaded) == (0, "", [])
    entry = polib.pofile(str(tmp_path / "out" / "de.po")).find("Hello, your order has shipped.")
    assert entry is not None
    assert entry.msgstr == "Hallo, Ihre Bestellung wurde versandt."
    assert bad_rc == 2
    assert bad_err.startswith(f"toneloc translate: error: {tmp_path / 'broken.pot'}:1: malformed .po file: "
                              "expected a quoted string")


def test_progress_falls_back_to_a_plain_line_without_rich(monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """No rich (it comes with the review extra): the progress is one updating line on stderr."""
    from toneloc.cli._translate import _progress_factory

    monkeypatch.setitem(sys.modules, "rich.progress", None)
    prog, cb = _progress_factory(True)
    with prog:
        cb("de", 64, 128)
        cb("de", 128, 128)
    assert capsys.readouterr().err == "\rtranslating de: 64/128\rtranslating de: 128/128\n"
