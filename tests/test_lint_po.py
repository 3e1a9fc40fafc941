"""The linter's PO reader agrees with polib on valid catalogs and pinpoints errors on broken ones."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from hypothesis import given
from hypothesis import strategies as st

from toneloc.lint._po import PoSyntaxError, parse_po

DATA = Path(__file__).parent / "data" / "lint"
VALID = sorted(p for p in DATA.rglob("*.po") if "broken" not in p.parts)


def _polib_view(text: str) -> list[tuple[object, ...]]:
    po = polib.pofile(text)
    return [(e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, dict(e.msgstr_plural), sorted(e.flags), bool(e.obsolete),
             e.tcomment, e.comment)
            for e in po if e.msgid or e.msgctxt]


def _ours(text: str) -> list[tuple[object, ...]]:
    po = parse_po(text)
    return [(e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, dict(e.msgstr_plural), sorted(e.flags), e.obsolete,
             e.tcomment, e.comment)
            for e in (*po.entries, *po.obsolete)]


@pytest.mark.parametrize("path", VALID, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_same_entries_as_polib(path: Path) -> None:
    """Every fixture catalog parses to the same entries (ids, context, translations, flags) as polib."""
    text = path.read_text(encoding="utf-8")
    assert sorted(map(repr, _ours(text))) == sorted(map(repr, _polib_view(text)))


def test_lines_of_msgid_and_msgstr_forms() -> None:
    """The reader records where msgid and each msgstr[n] start, for file:line findings."""
    po = parse_po((DATA / "plurals" / "ru.po").read_text(encoding="utf-8"))
    day = po.entries[1]
    assert (day.linenum, day.msgid_line, day.msgstr_lines) == (17, 19, {0: 21, 1: 22, 2: 23})
    assert po.metadata["Plural-Forms"].startswith("nplurals=3;")


@pytest.mark.parametrize(("text", "line", "message"), [
    ('msgid "a"\nmsgstr "b\n', 2, "unterminated string"),
    ('msgid "a"\nmsgstr "b"\nmsgstr "c"\n', 3, "second msgstr in one entry"),
    ('msgid "a"\nmsgstr "say "hi""\n', 2, 'unescaped " inside a string'),
    ('msgid "a"\nmsgid_plural "as"\nmsgstr "x"\n', 3, "plural entry needs msgstr[0], msgstr[1]..."),
    ('msgid "a"\nmsgstr[0] "x"\n', 2, "msgstr[n] must follow msgid_plural"),
    ('"orphan"\n', 1, "string without a keyword before it"),
    ('msgid "a"\nmsgtsr "b"\n', 2, "unknown keyword 'msgtsr'"),
    ('msgid "a"\n\nmsgid "b"\nmsgstr ""\n', 3, "msgid out of order"),
    ('msgid "a"\nmsgstr "ends with backslash\\"\n', 2, "unterminated string (escaped closing quote)"),
])
def test_syntax_errors_name_the_line(text: str, line: int, message: str) -> None:
    """A broken catalog raises PoSyntaxError with the first bad line."""
    with pytest.raises(PoSyntaxError) as info:
        parse_po(text)
    assert (info.value.line, info.value.message) == (line, message)


_text = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00\r"), max_size=40)


@given(st.lists(st.tuples(st.one_of(st.none(), _text.filter(bool)), _text.filter(bool), _text,
                          st.booleans()), min_size=1, max_size=6, unique_by=lambda t: (t[0], t[1])))
def test_round_trip_through_polib_writer(items: list[tuple[str | None, str, str, bool]]) -> None:
    """Whatever polib writes (escapes, newlines, quotes, context, fuzzy), this reader reads back."""
    po = polib.POFile(wrapwidth=20)
    po.metadata = {"Language": "de", "Content-Type": "text/plain; charset=UTF-8"}
    for ctx, msgid, msgstr, fuzzy in items:
        po.append(polib.POEntry(msgctxt=ctx, msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if fuzzy else []))
    got = parse_po(str(po))
    assert [(e.msgctxt, e.msgid, e.msgstr, "fuzzy" in e.flags) for e in got.entries] == items
    assert got.metadata["Language"] == "de"
