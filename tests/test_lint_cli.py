"""`toneloc lint` on the command line: formats, exit codes, baseline, configuration errors."""

from __future__ import annotations

import json
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]
import pytest

from toneloc.cli import main

DATA = Path(__file__).parent / "data" / "lint"
SCHEMA = Path(__file__).parent / "data" / "sarif-2.1.0.json"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["lint", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_exit_codes_clean_errors_usage(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """0 when clean, 1 with errors, 2 for a usage/configuration error."""
    clean = tmp_path / "de.po"
    clean.write_text('msgid ""\nmsgstr ""\n"Language: de\\n"\n\nmsgid "Hello"\nmsgstr "Hallo"\n', encoding="utf-8")
    assert _run(capsys, str(clean))[0] == 0
    code, out, _ = _run(capsys, str(DATA / "placeholders"))
    assert code == 1
    assert "de.po:13:1: error TL201 placeholder-mismatch: placeholder {order_id} missing in translation [de]" in out
    assert _run(capsys, str(tmp_path / "nope"))[0] == 2
    (tmp_path / "notes.toml").write_text("x = 1\n", encoding="utf-8")
    code, _, err = _run(capsys, str(tmp_path / "notes.toml"))
    assert code == 2
    assert "cannot lint .toml files" in err
    bad = tmp_path / "toneloc.toml"
    bad.write_text('[lint]\nseverity = { TL201 = "fatal" }\n', encoding="utf-8")
    code, _, err = _run(capsys, str(clean), "--config", str(bad))
    assert code == 2
    assert "severity of TL201 must be one of error, warning, info" in err
    bad.write_text("[lint\n", encoding="utf-8")
    code, _, err = _run(capsys, str(clean), "--config", str(bad))
    assert code == 2
    assert "toneloc.toml:1" in err
    assert "invalid TOML" in err


def test_warnings_fail_only_with_strict(capsys: pytest.CaptureFixture[str]) -> None:
    """The fr fixture without its TL601 errors has only warnings: exit 0, or 1 with --strict."""
    args = (str(DATA / "state"), "--disable", "TL601")
    assert _run(capsys, *args)[0] == 0
    assert _run(capsys, *args, "--strict")[0] == 1


def test_json_has_summary_counts(capsys: pytest.CaptureFixture[str]) -> None:
    """JSON output: findings plus summary counts by severity, rule and locale."""
    code, out, _ = _run(capsys, str(DATA / "plurals"), "--format", "json")
    doc = json.loads(out)
    assert code == 1
    assert doc["summary"]["by_rule"] == {"TL301": 3, "TL302": 5}
    assert (doc["summary"]["error"], doc["summary"]["warning"]) == (6, 2)
    assert doc["summary"]["by_locale"]["ru"] == 3
    first = doc["findings"][0]
    assert set(first) >= {"rule_id", "severity", "path", "line", "column", "message", "hint", "locale", "fingerprint"}


def test_sarif_is_valid_against_the_official_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """SARIF 2.1.0 output validates against the OASIS schema (errata01) shipped in tests/data."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for target in ("placeholders", "broken", "project"):
        _, out, _ = _run(capsys, str(DATA / target), "--format", "sarif")
        log = json.loads(out)
        jsonschema.validate(log, schema)
        results = log["runs"][0]["results"]
        assert results, target
        rules = log["runs"][0]["tool"]["driver"]["rules"]
        assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    # and the validator is not a rubber stamp
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(log, schema)


def test_github_annotations(capsys: pytest.CaptureFixture[str]) -> None:
    """GitHub workflow commands with file, line, col and escaped properties."""
    pl = DATA / "plurals" / "pl.po"
    _, out, _ = _run(capsys, str(pl), "--format", "github")
    rel = os.path.relpath(pl)
    shown = str(pl) if rel.startswith("..") else rel.replace(os.sep, "/")
    assert out.splitlines() == [
        f"::error file={shown},line=6,col=1,title=TL301 plural-forms-header-mismatch::"
        "Plural-Forms has nplurals=2 but CLDR has 3 forms for pl [pl] (hint: use the CLDR rule: nplurals=3; "
        "plural=n == 1 ? 0 : n %25 10 >= 2 && n %25 10 <= 4 && (n %25 100 < 12 || n %25 100 > 14) ? 1 : 2;)"
    ]  # '%' is escaped as %25 in workflow commands


def test_junit_one_case_per_locale_and_rule(capsys: pytest.CaptureFixture[str]) -> None:
    """JUnit XML: a testcase per (locale, rule); failures only for errors unless --strict."""
    _, out, _ = _run(capsys, str(DATA / "plurals"), "--format", "junit")
    root = ET.fromstring(out)
    cases = root.findall(".//testcase")
    names = {(c.get("classname"), c.get("name")) for c in cases}
    assert len(names) == len(cases)
    assert ("toneloc.lint.ru", "TL302 plural-form-count") in names
    ru302 = next(c for c in cases if c.get("classname") == "toneloc.lint.ru" and c.get("name", "").startswith("TL302"))
    failure = ru302.find("failure")
    assert failure is not None
    assert failure.get("message") == "3 finding(s)"
    lv301 = next(c for c in cases if c.get("classname") == "toneloc.lint.lv" and c.get("name", "").startswith("TL301"))
    assert lv301.find("failure") is None
    assert lv301.find("system-out") is not None
    _, strict, _ = _run(capsys, str(DATA / "plurals"), "--format", "junit", "--strict")
    lv301s = next(c for c in ET.fromstring(strict).findall(".//testcase")
                  if c.get("classname") == "toneloc.lint.lv" and c.get("name", "").startswith("TL301"))
    assert lv301s.find("failure") is not None


def test_baseline_survives_line_moves(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Adopt on an existing project: write a baseline, then only new findings fail."""
    work = tmp_path / "po"
    shutil.copytree(DATA / "plurals", work)
    base = tmp_path / "baseline.json"
    assert _run(capsys, str(work), "--write-baseline", str(base))[0] == 0
    assert _run(capsys, str(work), "--baseline", str(base))[0] == 0
    ru = work / "ru.po"
    text = ru.read_text(encoding="utf-8")
    # move every entry down by three lines, and add a new broken plural entry
    text = text.replace("#: templates/queue.html:3", "# moved\n# moved\n# moved\n#: templates/queue.html:3")
    text += ('\n#, python-format\nmsgid "%(count)d agent"\nmsgid_plural "%(count)d agents"\n'
             'msgstr[0] "%(count)d агент"\n')
    ru.write_text(text, encoding="utf-8")
    code, out, _ = _run(capsys, str(work), "--baseline", str(base))
    assert code == 1
    assert "'%(count)d agent' has 1 form(s)" in out
    assert "open ticket" not in out
    assert "8 hidden by the baseline" in out
    (tmp_path / "junk.json").write_text("[]", encoding="utf-8")
    assert _run(capsys, str(work), "--baseline", str(tmp_path / "junk.json"))[0] == 2


@pytest.mark.parametrize("where", ["missing/baseline.json", ".", "ru.po/baseline.json"])
def test_write_baseline_to_a_bad_path_is_an_error_not_a_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, where: str
) -> None:
    work = tmp_path / "po"
    shutil.copytree(DATA / "plurals", work)
    code, _, err = _run(capsys, str(work), "--write-baseline", str(work / where))
    assert code == 2
    assert "cannot write baseline" in err
    assert "Traceback" not in err
    assert sorted(p.name for p in work.iterdir()) == sorted(p.name for p in (DATA / "plurals").iterdir())


def test_locales_option_and_pyproject_config(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--locales overrides the configuration; [tool.toneloc] in pyproject.toml is discovered."""
    (tmp_path / "pyproject.toml").write_text('[tool.toneloc]\nlocales = ["de"]\n', encoding="utf-8")
    cat = tmp_path / "locale" / "it" / "LC_MESSAGES"
    cat.mkdir(parents=True)
    (cat / "messages.po").write_text('msgid ""\nmsgstr ""\n"Language: it\\n"\n\nmsgid "Hi"\nmsgstr "Ciao"\n',
                                     encoding="utf-8")
    _, out, _ = _run(capsys, str(tmp_path), "--format", "json")
    assert [f["rule_id"] for f in json.loads(out)["findings"]] == ["TL106"]
    _code, out, _ = _run(capsys, str(tmp_path), "--format", "json", "--locales", "de,it")
    assert json.loads(out)["findings"] == []
    assert _run(capsys, str(tmp_path), "--locales", "xx-YY")[0] == 2


def test_output_file_and_text_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """-o writes the report to a file; stderr still tells the counts; text ends with a summary line."""
    target = tmp_path / "report.sarif"
    code, out, err = _run(capsys, str(DATA / "tone"), "--format", "sarif", "-o", str(target))
    assert (code, out) == (0, "")
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert err.strip() in ("0 error(s), 2 warning(s), 0 info", "0 error(s), 0 warning(s), 1 info")
    _, text, _ = _run(capsys, str(DATA / "broken" / "templates"))
    assert text.splitlines()[-1] == "2 error(s), 0 warning(s), 0 info in 2 file(s)"
