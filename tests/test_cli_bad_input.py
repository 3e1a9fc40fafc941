"""Bad input through every ``toneloc`` command: a one-line ``toneloc`` error naming what and where.

The project rule (STYLE.md): unknown locale, malformed PO file, broken template, invalid UTF-8, huge
text... get a clear error naming the thing and its ``file:line``; never a bare traceback, never silent
loss. Usage and input errors exit with 2 and print nothing on stdout (so ``--json`` consumers never read
half a document); each case below was a traceback, a misleading message or a silent success before.
"""

from __future__ import annotations

import importlib.util
import io
import os
import subprocess
import sys
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from toneloc.cli import main
from toneloc.errors import (
    CatalogError,
    ConfigError,
    FormattingError,
    InvalidInputError,
    TemplateError,
    TonelocError,
)

PO_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'


@pytest.fixture
def d(tmp_path: Path) -> Path:
    """A folder of bad inputs (and a few good ones to combine them with)."""
    (tmp_path / "badutf8.txt").write_bytes(b"Hallo\nab\xff\xfe cd\n")
    (tmp_path / "utf16.txt").write_text("Hallo Welt, wie geht es?\n", encoding="utf-16")
    (tmp_path / "junk.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty.pot").write_bytes(b"")
    (tmp_path / "adir").mkdir()
    (tmp_path / "blocker").write_text("a file where a folder is needed\n", encoding="utf-8")
    (tmp_path / "bad.po").write_text(PO_HEADER + '\nmsgid "Hello"\nmsgstr "Hallo\n', encoding="utf-8")
    (tmp_path / "badplural.po").write_text(PO_HEADER.replace('\\n"\n', '\\n"\n"Plural-Forms: nplurals=banana;\\n"\n', 1)
                                           + '\nmsgid "Hello"\nmsgstr "Hallo"\n', encoding="utf-8")
    (tmp_path / "good.pot").write_text(PO_HEADER + '\nmsgid "Hello"\nmsgstr ""\n', encoding="utf-8")
    (tmp_path / "broken.txt").write_text("Hello {{ name }}\n{{ _('Hi') \n", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Hello {{ name }}\n", encoding="utf-8")
    (tmp_path / "when.txt").write_text("Due {{ due|deadline }}\n", encoding="utf-8")
    (tmp_path / "bad.json").write_text('{"a": 1,\n "b": }\n', encoding="utf-8")
    for name, src in (("cat_bad", "bad.po"), ("cat_plural", "badplural.po")):
        folder = tmp_path / name / "de" / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "messages.po").write_bytes((tmp_path / src).read_bytes())
    return tmp_path


# (argv with {d} for the fixture folder, substrings the one-line error must contain)
CASES: list[tuple[str, list[str], list[str]]] = [
    # numbers: Babel's 28-digit context used to raise a bare decimal.InvalidOperation
    ("huge-number", ["format", "number", "1e999999999", "--locale", "de-DE"],
     ["value '1e999999999' is out of range", "10^999999999"]),
    ("tiny-amount", ["format", "money", "1e-999999", "--currency", "EUR", "--locale", "de-DE"],
     ["amount '1e-999999' is out of range"]),
    # dates: a time field in a date pattern was an AttributeError; an unterminated quote was dropped silently
    ("date-pattern-time-field", ["format", "date", "2026-02-01", "--format", "bogus", "--locale", "de-DE"],
     ["date format 'bogus' asks for a time field", "2026-02-01"]),
    ("date-pattern-quote", ["format", "date", "2026-02-01", "--format", "d 'de", "--locale", "es"],
     ["unterminated quote"]),
    ("datetime-past-9999", ["format", "datetime", "9999-12-31T23:59+00:00", "--tz", "Pacific/Kiritimati",
                            "--locale", "de-DE"], ["out of the representable date range"]),
    # deadlines: OverflowError tracebacks; a repr() of dates in the closure message
    ("deadline-huge-hours", ["deadline", "--locale", "de-DE", "--start", "2026-02-03T10:00+01:00",
                             "--hours", "1e20"], ["hours 1E+20 is too large"]),
    ("deadline-past-9999", ["deadline", "--locale", "de-DE", "--start", "9999-12-30T10:00+01:00", "--days", "5"],
     ["runs past the year 9999"]),
    ("deadline-closure-order", ["deadline", "--locale", "de-DE", "--start", "2026-02-03T10:00+01:00", "--days", "1",
                                "--closure", "2026-12-31..2026-12-01"],
     ["closure 2026-12-31..2026-12-01 must be", "first <= last"]),
    # cultures: an empty tag listed every culture instead of failing
    ("cultures-empty-tag", ["cultures", ""], ["unknown locale ''", "malformed tag"]),
    # extract: UnicodeDecodeError / IsADirectoryError tracebacks; a broken template was skipped silently
    ("extract-bad-utf8", ["extract", "{d}/badutf8.txt"], ["{d}/badutf8.txt:2: file is not valid UTF-8 (byte 0xff)"]),
    ("extract-utf16", ["extract", "{d}/utf16.txt"], ["{d}/utf16.txt:1: file is UTF-16", "iconv"]),
    ("extract-broken-template", ["extract", "{d}/broken.txt"], ["{d}/broken.txt:2: template syntax error"]),
    ("extract-unknown-suffix", ["extract", "{d}/junk.bin"], ["{d}/junk.bin: cannot extract from a .bin file"]),
    ("extract-output-is-dir", ["extract", "{d}/ok.txt", "-o", "{d}/adir"],
     ["{d}/adir: is a directory; cannot write the catalog there"]),
    ("extract-output-under-file", ["extract", "{d}/ok.txt", "-o", "{d}/blocker/x.pot"],
     ["{d}/blocker", "a file is in the way where a folder is needed"]),
    # catalog: NotADirectoryError traceback; a folder passed as the POT was "not found"
    ("catalog-dir-is-file", ["catalog", "init", "--locale", "de", "--input", "{d}/good.pot", "--dir", "{d}/blocker"],
     ["{d}/blocker", "cannot write catalog", "a file is in the way"]),
    ("catalog-input-is-dir", ["catalog", "init", "--locale", "de", "--input", "{d}/adir", "--dir", "{d}/out"],
     ["{d}/adir: is a directory, not a catalog file"]),
    ("catalog-bad-plural-header", ["catalog", "compile", "--dir", "{d}/cat_plural"],
     ["{d}/cat_plural/de/LC_MESSAGES/messages.po:4: malformed .po header", "Plural-Forms"]),
    # render: UnicodeDecodeError traceback for the context; an unknown --customer-tz was accepted
    ("render-context-bad-utf8", ["render", "--locale", "de-DE", "--context", "{d}/badutf8.txt", "{d}/ok.txt"],
     ["{d}/badutf8.txt:2: context file is not valid UTF-8 (byte 0xff)"]),
    ("render-context-bad-json", ["render", "--locale", "de-DE", "--context", "{d}/bad.json", "{d}/ok.txt"],
     ["{d}/bad.json:2:7: context file is not valid JSON"]),
    ("render-unknown-tz", ["render", "--locale", "de-DE", "--customer-tz", "Mars/Phobos", "--var", "name=x",
                           "{d}/ok.txt"], ["unknown time zone 'Mars/Phobos'"]),
    ("render-malformed-catalog", ["render", "--locale", "de", "--catalogs", "{d}/cat_bad", "--var", "name=x",
                                  "{d}/ok.txt"], ["{d}/cat_bad/de/LC_MESSAGES/messages.po:6: malformed .po file"]),
    ("render-undefined-into-filter", ["render", "--locale", "de-DE", "{d}/when.txt"],
     ["{d}/when.txt:1: undefined value: 'due' is undefined"]),
    # translate: a malformed or empty catalog was translated silently (polib drops what it cannot read)
    ("translate-malformed-po", ["translate", "--to", "de", "{d}/bad.po"],
     ["{d}/bad.po:6: malformed .po file: expected a quoted string"]),
    ("translate-empty-pot", ["translate", "--to", "de", "{d}/empty.pot"], ["{d}/empty.pot: catalog is empty"]),
    ("translate-pot-is-dir", ["translate", "--to", "de", "{d}/adir"], ["{d}/adir: catalog is a directory"]),
    ("translate-malformed-memory", ["translate", "--to", "de", "{d}/good.pot", "--memory", "{d}/bad.po"],
     ["{d}/bad.po:6: malformed .po file"]),
    ("translate-missing-memory", ["translate", "--to", "de", "{d}/good.pot", "--memory", "{d}/nope.po"],
     ["{d}/nope.po: translation-memory catalog not found"]),
    ("translate-batch-size", ["translate", "--to", "de", "{d}/good.pot", "--batch-size", "0"],
     ["batch_size must be a positive int, got 0"]),
    ("translate-out-dir-is-file", ["translate", "--to", "de", "{d}/good.pot", "--out-dir", "{d}/blocker"],
     ["{d}/blocker: cannot create the output folder"]),
    ("models-dir-is-file", ["models", "--model-dir", "{d}/blocker", "list"],
     ["{d}/blocker: --model-dir is a file, not a packages folder"]),
    # review: FileExistsError traceback; a negative --limit listed everything
    ("review-export-under-file", ["review", "export", "--db", "{d}/r.db", "--locale", "de", "-o", "{d}/blocker/x.po"],
     ["{d}/blocker: cannot write x.po", "a file is in the way"]),
    ("review-db-under-file", ["review", "list", "--db", "{d}/blocker/r.db"],
     ["{d}/blocker: cannot create the review database folder"]),
    ("review-negative-limit", ["review", "list", "--db", "{d}/r.db", "--limit", "-1"],
     ["limit must be a positive int, got -1"]),
    # detect: invalid UTF-8 and UTF-16 were decoded with U+FFFD replacement and "detected"
    ("detect-bad-utf8", ["detect", "--file", "{d}/badutf8.txt"],
     ["{d}/badutf8.txt:2:3: message file is not valid UTF-8 (byte 0xff)"]),
    ("detect-utf16", ["detect", "--file", "{d}/utf16.txt"], ["{d}/utf16.txt:1: message file is UTF-16"]),
    ("detect-dir", ["detect", "--file", "{d}/adir"], ["{d}/adir: message file is a directory"]),
    # lint: IsADirectoryError traceback for --output
    ("lint-output-is-dir", ["lint", "--output", "{d}/adir", "{d}/ok.txt"],
     ["{d}/adir: cannot write the report: Is a directory"]),
    # reply / kb: a bad --customer-locale was ignored; non-UTF-8 toneloc.toml and --workers 0 were tracebacks
    ("reply-customer-locale", ["reply", "--template", "refund", "--message", "hi", "--customer-locale", "xx-QQ",
                               "--translator", "none", "--db", "{d}/r.db"], ["unknown locale 'xx-QQ'"]),
    ("reply-config-bad-utf8", ["reply", "--template", "refund", "--message", "hi", "--config", "{d}/badutf8.txt",
                               "--translator", "none", "--db", "{d}/r.db"],
     ["{d}/badutf8.txt:2: configuration is not valid UTF-8"]),
    # reply: an unusable --db was only noticed when a reply needed review
    ("reply-db-under-file", ["reply", "--template", "refund", "--message", "Hello, where is my refund?",
                             "--translator", "none", "--db", "{d}/blocker/r.db"],
     ["{d}/blocker: cannot create the review database folder"]),
    # deadline: a region without a profile spanning several zones was silently given New York time
    ("deadline-multi-zone-region", ["deadline", "--locale", "en-AU", "--start", "2026-10-02T09:00+10:00",
                                    "--days", "1"],
     ["'en-AU' has no reviewed profile", "pass --tz (the customer's IANA time zone)"]),
    ("kb-zero-workers", ["kb", "translate", "--locale", "de", "{d}/adir", "--workers", "0", "--executor", "threads",
                         "--dry-run", "--no-progress", "--translator", "none"],
     ["workers must be a positive int, got 0"]),
]


@pytest.mark.parametrize(("argv", "needles"), [pytest.param(a, n, id=i) for i, a, n in CASES])
def test_bad_input_is_one_line_error_exit_2(capsys: pytest.CaptureFixture[str], d: Path, argv: list[str],
                                            needles: list[str]) -> None:
    args = [a.format(d=d) for a in argv]
    code = main(args)
    out, err = capsys.readouterr()
    lines = [ln for ln in err.splitlines() if not ln.startswith("toneloc: no toneloc.toml found")]
    assert code == 2, err
    assert out == ""
    assert len(lines) == 1, err
    assert lines[0].startswith(f"toneloc {args[0]}: error: ")
    for needle in needles:
        assert needle.format(d=d) in lines[0]


@pytest.mark.skipif(importlib.util.find_spec("distributed") is None, reason="needs dask distributed (toneloc[scale])")
def test_kb_bad_dask_scheduler(capsys: pytest.CaptureFixture[str], d: Path) -> None:
    """A malformed scheduler address was a bare ValueError from distributed."""
    code = main(["kb", "translate", "--locale", "de", str(d / "adir"), "--executor", "dask", "--scheduler",
                 "bogus://x", "--dry-run", "--no-progress", "--translator", "none"])
    err = capsys.readouterr().err
    assert code == 2
    assert "cannot connect to the Dask scheduler 'bogus://x'" in err


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes | None) -> None:
    monkeypatch.setattr(sys, "stdin", None if data is None else io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


@pytest.mark.parametrize(("argv", "data", "needle"), [
    (["detect"], b"ok\nbad \xff\n", "<stdin>:2:5: standard input is not valid UTF-8 (byte 0xff)"),
    (["rewrite", "--locale", "de-DE", "-"], b"\xff\xfeH\x00i\x00", "<stdin>:1: standard input is UTF-16"),
    (["detect", "--json"], None, "<stdin>: standard input is closed"),
    (["rewrite", "--locale", "de-DE", "-"], None, "<stdin>: standard input is closed"),
    (["reply", "--template", "refund", "--message-file", "-"], None, "message on standard input is closed"),
])
def test_stdin_is_strict_utf8(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                              argv: list[str], data: bytes | None, needle: str) -> None:
    _stdin(monkeypatch, data)
    code = main(argv)
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert needle in err.splitlines()[-1]


def test_review_next_with_closed_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                      tmp_path: Path) -> None:
    """The interactive queue used to die with "RuntimeError: input(): lost sys.stdin" holding a claim."""
    _stdin(monkeypatch, None)
    code = main(["review", "next", "--db", str(tmp_path / "r.db"), "--reviewer", "ana", "--locale", "de"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err == ("toneloc review: error: <stdin>: `review next` is interactive but standard input is closed "
                   "(hint: run it in a terminal, or use `toneloc review approve/reject` or export/import)\n")


def test_stdin_good_input_still_works(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A UTF-8 BOM is dropped, not detected as text; valid input is unchanged."""
    _stdin(monkeypatch, "\ufeffGuten Morgen, wie geht es Ihnen heute?\n".encode())
    assert main(["detect"]) == 0
    assert capsys.readouterr().out.startswith("de\t")


def test_big_numbers_format_exactly(capsys: pytest.CaptureFixture[str]) -> None:
    """30 significant digits used to fail in Babel's 28-digit context; now they format exactly."""
    assert main(["format", "money", "123456789012345678901234567890.12", "--currency", "EUR",
                 "--locale", "de-DE"]) == 0
    assert capsys.readouterr().out == "123.456.789.012.345.678.901.234.567.890,12\xa0€\n"
    assert main(["format", "number", "1e27", "--locale", "en-US"]) == 0
    assert capsys.readouterr().out == "1,000,000,000,000,000,000,000,000,000\n"


# --- the library entry points the CLI is thin over ------------------------------------------------


def test_library_raises_toneloc_errors(tmp_path: Path) -> None:
    from toneloc.formatting import BusinessCalendar, format_date, format_money, format_percent
    from toneloc.templating import extract_messages, render
    from toneloc.translate.catalog import check_po_syntax

    assert format_percent(Decimal("1e30"), locale="en-US").startswith("100,000,000,000,000,000")
    with pytest.raises(InvalidInputError, match=r"out of range \(\d+ bits\)"):
        format_money(10**500, "EUR", locale="de-DE")
    with pytest.raises(FormattingError, match="asks for a time field"):
        format_date(date(2026, 2, 1), locale="de-DE", format="h:mm a")
    cal = BusinessCalendar.for_culture("de-DE")
    with pytest.raises(InvalidInputError, match="too large"):
        cal.add_business_hours(datetime(2026, 2, 3, 10, tzinfo=UTC), 1e20)
    with pytest.raises(ConfigError, match="empty"):
        BusinessCalendar.for_culture("de-DE", hours={0: [(datetime(2026, 1, 1, 9).time(),) * 2]})
    broken = tmp_path / "broken.html"
    broken.write_text("<p>{{ _('Hi') </p>\n", encoding="utf-8")
    with pytest.raises(TemplateError) as exc_info:
        extract_messages([broken])
    assert (exc_info.value.path, exc_info.value.line) == (str(broken), 1)
    tpl = tmp_path / "t.txt"
    tpl.write_text("{{ amount|money('EUR') }}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="'amount' is undefined"):
        render(str(tpl), {}, locale="de-DE")
    po = tmp_path / "x.po"
    po.write_text(PO_HEADER + '\nmsgid "a"\nmsgstr "b\n', encoding="utf-8")
    with pytest.raises(CatalogError) as cat_info:
        check_po_syntax(po)
    assert cat_info.value.where == f"{po}:6"


def test_errors_are_toneloc_errors_with_builtin_bases() -> None:
    """Callers can catch the natural builtin too (the errors.py contract)."""
    from toneloc.formatting import format_number

    with pytest.raises(ValueError, match="out of range") as info:
        format_number("1e5000", locale="de")
    assert isinstance(info.value, TonelocError)


# --- real processes: nothing but the one line reaches stderr ---------------------------------------


def _toneloc(*argv: str, close_stdin: bool = False) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "toneloc", *argv], capture_output=True, text=True, timeout=60,
                          check=False, preexec_fn=(lambda: os.close(0)) if close_stdin else None)


@pytest.mark.parametrize(("argv", "close_stdin", "needle"), [
    (["format", "number", "1e999999999", "--locale", "de-DE"], False, "is out of range"),
    (["deadline", "--locale", "de-DE", "--start", "2026-02-03T10:00+01:00", "--hours", "1e20"], False,
     "hours 1E+20 is too large"),
    (["detect"], True, "standard input is closed"),
])
def test_no_traceback_in_a_real_process(argv: list[str], close_stdin: bool, needle: str) -> None:
    proc = _toneloc(*argv, close_stdin=close_stdin)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1
    assert needle in proc.stderr


def test_malformed_po_in_a_real_process(d: Path) -> None:
    proc = _toneloc("translate", "--to", "de", str(d / "bad.po"), "--json")
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == (f"toneloc translate: error: {d}/bad.po:6: malformed .po file: expected a quoted string "
                           "(unterminated or stray quote?) (hint: open it in Poedit or run `msgfmt -c` to see the "
                           "problem)\n")
