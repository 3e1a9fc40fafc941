"""Reporters: text, JSON (with summary counts), GitHub workflow commands, SARIF 2.1.0 and JUnit XML.

>>> from toneloc.lint._runner import LintResult
>>> f = Finding("TL201", "error", "po/de.po", 12, 1, "placeholder {order_id} missing in translation",
...             "keep it", "de")
>>> res = LintResult((f,), ("po/de.po",), ("de",), ("TL201",), 0, {"error": 1, "warning": 0, "info": 0})
>>> print(render(res, "github"))  # doctest: +NORMALIZE_WHITESPACE
::error file=po/de.po,line=12,col=1,title=TL201 placeholder-mismatch::placeholder {order_id} missing in translation
[de] (hint: keep it)
"""

from __future__ import annotations

import json
import urllib.parse
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from toneloc.errors import LintError
from toneloc.lint._model import RULES, Finding

if TYPE_CHECKING:  # pragma: no cover
    from toneloc.lint._runner import LintResult

__all__ = ["FORMATS", "render"]

FORMATS = ("text", "json", "github", "sarif", "junit")
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def render(result: LintResult, fmt: str = "text", *, strict: bool = False) -> str:
    """Render *result* in *fmt* (one of :data:`FORMATS`)."""
    if fmt == "text":
        return _text(result)
    if fmt == "json":
        return _json(result, strict)
    if fmt == "github":
        return _github(result)
    if fmt == "sarif":
        return json.dumps(sarif(result), ensure_ascii=False, indent=2)
    if fmt == "junit":
        return _junit(result, strict)
    raise LintError(f"unknown format {fmt!r}", hint="use one of " + ", ".join(FORMATS))


def _summary_line(result: LintResult) -> str:
    c = result.counts
    text = (f"{c.get('error', 0)} error(s), {c.get('warning', 0)} warning(s), {c.get('info', 0)} info "
            f"in {len(result.files)} file(s)")
    if result.baselined:
        text += f"; {result.baselined} hidden by the baseline"
    return text


def _text(result: LintResult) -> str:
    out = []
    for f in result.findings:
        loc = f" [{f.locale}]" if f.locale else ""
        out.append(f"{f.where}: {f.severity} {f.rule_id} {f.name}: {f.message}{loc}")
        if f.hint:
            out.append(f"    hint: {f.hint}")
    out.append(_summary_line(result))
    return "\n".join(out)


def _json(result: LintResult, strict: bool) -> str:
    by_rule = Counter(f.rule_id for f in result.findings)
    by_locale = Counter(f.locale or "-" for f in result.findings)
    doc = {
        "version": 1,
        "tool": "toneloc lint",
        "summary": {**{k: result.counts.get(k, 0) for k in ("error", "warning", "info")},
                    "total": len(result.findings), "files": len(result.files), "baselined": result.baselined,
                    "by_rule": dict(sorted(by_rule.items())), "by_locale": dict(sorted(by_locale.items())),
                    "exit_code": result.exit_code(strict=strict)},
        "findings": [f.to_dict() for f in result.findings],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def _gh_escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_escape_prop(s: str) -> str:
    return _gh_escape_data(s).replace(":", "%3A").replace(",", "%2C")


def _github(result: LintResult) -> str:
    cmd = {"error": "error", "warning": "warning", "info": "notice"}
    out = []
    for f in result.findings:
        props = [f"file={_gh_escape_prop(f.path)}"]
        if f.line:
            props += [f"line={f.line}", f"col={f.column}"]
        props.append(f"title={_gh_escape_prop(f'{f.rule_id} {f.name}')}")
        loc = f" [{f.locale}]" if f.locale else ""
        hint = f" (hint: {f.hint})" if f.hint else ""
        out.append(f"::{cmd[f.severity]} {','.join(props)}::{_gh_escape_data(f.message + loc + hint)}")
    return "\n".join(out)


def _uri(path: str) -> str:
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return urllib.parse.quote(path.replace("\\", "/"))


def sarif(result: LintResult) -> dict[str, Any]:
    """The SARIF 2.1.0 log of *result* as a dict (validated against the OASIS schema in the tests)."""
    from toneloc import __version__

    rule_ids = sorted(set(result.rules) | {f.rule_id for f in result.findings})
    index = {r: i for i, r in enumerate(rule_ids)}
    level = {"error": "error", "warning": "warning", "info": "note"}
    rules = []
    for rid in rule_ids:
        r = RULES.get(rid)
        rules.append({
            "id": rid,
            "name": r.name if r else rid.lower(),
            "shortDescription": {"text": r.summary if r else rid},
            "defaultConfiguration": {"level": level[r.severity] if r else "warning"},
            "helpUri": f"https://toneloc.readthedocs.io/en/latest/lint/#{rid.lower()}",
        })
    results = []
    for f in result.findings:
        phys: dict[str, Any] = {"artifactLocation": {"uri": _uri(f.path)}}
        if f.line > 0:
            phys["region"] = {"startLine": f.line, "startColumn": max(f.column, 1)}
        item: dict[str, Any] = {
            "ruleId": f.rule_id,
            "ruleIndex": index[f.rule_id],
            "level": level[f.severity],
            "message": {"text": f.message + (f" Hint: {f.hint}" if f.hint else "")},
            "locations": [{"physicalLocation": phys}],
            "partialFingerprints": {"tonelocFingerprint/v1": f.fingerprint},
        }
        if f.locale:
            item["properties"] = {"locale": f.locale}
        results.append(item)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "toneloc lint", "version": __version__,
                                "informationUri": "https://toneloc.readthedocs.io/en/latest/lint/",
                                "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def _junit(result: LintResult, strict: bool) -> str:
    failing = {"error"} | ({"warning"} if strict else set())
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in result.findings:
        groups[(f.locale or "global", f.rule_id)].append(f)
    locales = sorted(set(result.locales) | {k[0] for k in groups} | {"global"})
    rule_ids = sorted(set(result.rules) | {k[1] for k in groups})
    suites = ET.Element("testsuites", name="toneloc lint")
    total = fails = 0
    for loc in locales:
        suite = ET.SubElement(suites, "testsuite", name=f"toneloc lint [{loc}]")
        n = nf = 0
        for rid in rule_ids:
            rule = RULES.get(rid)
            case = ET.SubElement(suite, "testcase", classname=f"toneloc.lint.{loc}",
                                 name=f"{rid} {rule.name if rule else rid}")
            n += 1
            items = groups.get((loc, rid), [])
            bad = [f for f in items if f.severity in failing]
            if bad:
                nf += 1
                fail = ET.SubElement(case, "failure", message=f"{len(bad)} finding(s)", type=bad[0].severity)
                fail.text = "\n".join(f"{f.where}: {f.message} (hint: {f.hint})" for f in bad)
            rest = [f for f in items if f.severity not in failing]
            if rest:
                out = ET.SubElement(case, "system-out")
                out.text = "\n".join(f"{f.where}: {f.severity}: {f.message}" for f in rest)
        suite.set("tests", str(n))
        suite.set("failures", str(nf))
        suite.set("errors", "0")
        total += n
        fails += nf
    suites.set("tests", str(total))
    suites.set("failures", str(fails))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")
