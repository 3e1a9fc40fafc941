"""Compare toneloc lint's placeholder (TL201) and plural-count (TL302) findings with translate-toolkit's
pofilter (printf, variables, pythonbraceformat, xmltags / nplurals) on real catalogs.

Usage::

    python bench/compare_lint_pofilter.py DIR [DIR ...] [--show N]

Prints per-corpus agreement and every disagreement (file, msgid, both tools' verdicts), so each can be
explained in docs/lint.md. Fuzzy entries are excluded on both sides (gettext does not use them).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import polib

from toneloc.lint import LintConfig, lint_paths

PLACEHOLDER_TESTS = ("printf", "variables", "pythonbraceformat", "xmltags")
PLURAL_TESTS = ("nplurals",)
HEADER_NOTES: dict[str, str] = {}  # file -> the catalog-level plural finding toneloc reported instead


def _pofilter(files: list[Path], out: Path) -> dict[tuple[str, str], dict[str, str]]:
    """{(file, msgid): {test: note}} from one pofilter run over *files*."""
    found: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    tests = [a for t in (*PLACEHOLDER_TESTS, *PLURAL_TESTS) for a in ("-t", t)]
    for f in files:
        dest = out / (str(abs(hash(str(f)))) + ".po")
        lang = polib.pofile(str(f)).metadata.get("Language") or f.stem  # pofilter's nplurals needs --language
        subprocess.run(["pofilter", "--progress=none", "--nofuzzy", f"--language={lang}", *tests, str(f), str(dest)],
                       check=False, capture_output=True)
        if not dest.exists():
            continue
        for e in polib.pofile(str(dest)):
            for line in (e.tcomment or "").splitlines():
                if line.startswith("(pofilter) "):
                    test, _, note = line[len("(pofilter) "):].partition(": ")
                    found[(str(f), (e.msgctxt or "") + "\x04" + e.msgid)][test] = note
    return found


def _toneloc(files: list[Path]) -> dict[tuple[str, str], dict[str, str]]:
    found: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    result = lint_paths(files, config=LintConfig())
    by_display = {str(Path(f).resolve()): str(f) for f in files}
    for f in result.findings:
        key = by_display.get(str(Path(f.path).resolve()), f.path)
        if f.rule_id in ("TL201", "TL302"):
            found[(key, f.subject)][f.rule_id] = f.message
        elif f.rule_id in ("TL301", "TL002"):
            HEADER_NOTES[key] = f"{f.rule_id} ({f.severity})"
    return found


_ADDR = re.compile(r"<[^<>\s]*(@|://)[^<>\s]*>")
_ANGLE = re.compile(r"<[^<>]+>")


def _reason(cat: polib.POFile, msgid: str, note: str) -> str:
    """A short cause for a disagreement (used to explain them in docs/lint.md)."""
    if note.startswith("nplurals"):
        e = next((x for x in cat if x.msgid == msgid and x.msgid_plural), None)
        forms = list(e.msgstr_plural.values()) if e else []
        if forms and not any(forms):
            return "nplurals on an untranslated entry (toneloc: TL103 untranslated)"
        if forms and not all(forms):
            return "nplurals on a partly translated entry (toneloc: TL302 only if a form is empty and others not)"
        hdr = HEADER_NOTES.get(str(cat.fpath))
        if hdr:
            return f"nplurals: entry matches its header, header disagrees with the language -> toneloc: {hdr} once"
        return "nplurals: entry matches its Plural-Forms header; translate-toolkit's own table disagrees"
    if not note.startswith("xmltags"):
        return note.split(":", 1)[0]
    e = next((x for x in cat if x.msgid == msgid), None)
    text = (e.msgstr or " ".join(e.msgstr_plural.values())) if e else ""
    if _ADDR.search(text) or _ADDR.search(msgid):
        return "xmltags on an e-mail address or URL in <...> (not markup)"
    if _ANGLE.search(text) or _ANGLE.search(msgid):
        return "xmltags on a <METAVAR> / <text> in CLI help (not markup)"
    return "xmltags with no <...> in either string (pofilter heuristic)"


def compare(dirs: list[Path], show: int) -> int:
    files = sorted(p for d in dirs for p in d.rglob("*.po"))
    with tempfile.TemporaryDirectory() as tmp:
        pf = _pofilter(files, Path(tmp))
    tl = _toneloc(files)
    totals: Counter[str] = Counter()
    rows: list[tuple[str, str, str, str, str]] = []
    for kind, tl_rule, pf_tests in (("placeholder", "TL201", PLACEHOLDER_TESTS), ("plural", "TL302", PLURAL_TESTS)):
        keys = {k for k, v in tl.items() if tl_rule in v} | {k for k, v in pf.items() if set(v) & set(pf_tests)}
        for key in sorted(keys):
            a = tl.get(key, {}).get(tl_rule)
            b = "; ".join(f"{t}: {n}" for t, n in pf.get(key, {}).items() if t in pf_tests)
            verdict = "both" if a and b else ("toneloc only" if a else "pofilter only")
            totals[f"{kind} {verdict}"] += 1
            if verdict != "both":
                rows.append((kind, verdict, key[0], key[1].split("\x04", 1)[1], a or b))
    cats = {str(f): polib.pofile(str(f)) for f in files}
    entries = sum(len(c.translated_entries()) for c in cats.values())
    print(f"{len(files)} catalogs, {entries} translated entries")
    for k in sorted(totals):
        print(f"  {k:<28} {totals[k]}")
    why: Counter[str] = Counter()
    for kind, verdict, path, msgid, note in rows:
        why[f"{kind}, {verdict}: {_reason(cats[path], msgid, note)}"] += 1
    print("disagreements by cause:")
    for k, n in why.most_common():
        print(f"  {n:>4}  {k}")
    for kind, verdict, path, msgid, note in rows[:show]:
        print(f"- [{kind}, {verdict}] {Path(path).parent.name}/{Path(path).name}: {msgid[:70]!r}\n    {note[:200]}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--show", type=int, default=200, help="disagreements to print")
    args = ap.parse_args(argv)
    return compare(args.dirs, args.show)


if __name__ == "__main__":
    sys.exit(main())
