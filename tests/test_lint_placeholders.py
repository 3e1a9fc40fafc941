"""Placeholder extraction and comparison, with property tests; the linter never crashes on junk."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toneloc.lint import lint_paths
from toneloc.lint._placeholders import compare, formats_for, placeholders

ANY = formats_for([])
PY = formats_for(["python-format"])
C = formats_for(["c-format"])
BRACE = formats_for(["python-brace-format"])


@pytest.mark.parametrize(("source", "target", "fmts", "expected"), [
    ("Order {order_id} shipped", "Bestellung {order_id} versandt", ANY, []),
    ("Order {order_id} shipped", "Bestellung {order} versandt", ANY, ["placeholder {order_id} renamed to {order}"]),
    ("{0} of {1}", "{1} von {0}", ANY, []),
    ("{} of {}", "{} von", ANY, ["placeholder {} missing in translation"]),
    ("{amount:.2f} EUR", "{amount} EUR", ANY, ["placeholder {amount:.2f} renamed to {amount}"]),
    ("Use {{ and }} for braces: {name}", "Nutze {{ und }}: {name}", BRACE, []),
    ("%(count)d of %(total)d", "%(total)d に対して %(count)d", PY, []),
    ("100%% done: %s", "%s : 100 %% fait", PY, []),
    ("%s took %d s", "%d s für %s", C, ["placeholder %s renamed to %d", "placeholder %d renamed to %s"]),
    ("%s took %d s", "%2$d s für %1$s", C, []),
    ("%lu bytes", "%u Bytes", C, ["placeholder %lu renamed to %u"]),
    ("%<PRIu64> bytes", "%<PRIu64> octets", C, []),
    ("%i items", "%d éléments", C, []),
    ("Hello {{ customer.name }}", "Hallo {{customer.name}}", ANY, []),
    ("<b>Note:</b> {x}", "<strong>Hinweis:</strong> {x}", ANY,
     ["placeholder <b> renamed to <strong>", "placeholder </b> renamed to </strong>"]),
    ("Line<br>break", "Zeile<br />Umbruch", ANY, []),  # void elements: <br> = <br/> = <br />
    ("<i>a</i> <b>b</b>", "<b>b</b> <i>a</i>", ANY, []),
    ('<a href="{url}">here</a>', '<a href="{link}">hier</a>', ANY,
     ["placeholder {url} renamed to {link}", 'placeholder <a href="{url}"> renamed to <a href="{link}">']),
    ("Usage: wget [OPTION]... <URL>", "Uso: wget [OPCIÓN]... <URL>", C, []),
    ("Copy <file> to <dir>", "Copier <fichier> vers <dossier>", C, []),  # CLI metavariables, not markup
    ("{n, plural, one {# day} other {# days}}", "{n, plural, one {# день} few {# дня} many {# дней} other {# дня}}",
     ANY, []),
    ("{n, number} tickets", "{n} Tickets", ANY, ["placeholder {n, number} missing in translation",
                                                  "placeholder {n} in translation is not in the source"]),
])
def test_compare_examples(source: str, target: str, fmts: frozenset[str], expected: list[str]) -> None:
    """Worked examples per placeholder family."""
    assert [str(m) for m in compare(placeholders(source, fmts), placeholders(target, fmts))] == expected


_names = st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True)
_words = st.lists(st.from_regex(r"[A-Za-zäöüéß]{1,8}", fullmatch=True), min_size=1, max_size=4)
_style = st.sampled_from(["{%s}", "%%(%s)s", "{{ %s }}"])


@given(st.lists(_names, min_size=1, max_size=5, unique=True), _style, _words, st.randoms())
def test_named_placeholders_are_order_independent(names: list[str], style: str, words: list[str],
                                                  rnd: random.Random) -> None:
    """Any permutation of named placeholders, with any other words, is not a finding."""
    phs = [style % n for n in names]
    source = " ".join(w for pair in zip(phs, words * len(phs), strict=False) for w in pair)
    shuffled = phs[:]
    rnd.shuffle(shuffled)
    target = " x ".join(shuffled) + " " + " ".join(reversed(words))
    assert compare(placeholders(source, ANY), placeholders(target, ANY)) == []


@given(st.lists(_names, min_size=2, max_size=5, unique=True), _style, st.data())
def test_dropping_a_placeholder_is_reported_once(names: list[str], style: str, data: st.DataObject) -> None:
    """Removing one placeholder gives exactly one 'missing' mismatch naming it."""
    phs = [style % n for n in names]
    drop = data.draw(st.sampled_from(phs))
    got = compare(placeholders("a " + " b ".join(phs), ANY),
                  placeholders("c " + " d ".join(p for p in phs if p != drop), ANY))
    assert [str(m) for m in got] == [f"placeholder {drop} missing in translation"]


@given(st.binary(max_size=400))
def test_linter_never_crashes_on_arbitrary_bytes(tmp_path_factory: pytest.TempPathFactory, blob: bytes) -> None:
    """Random bytes as a .po file or a template: findings at most, never an exception."""
    d = tmp_path_factory.mktemp("fuzz")
    (d / "de.po").write_bytes(b'msgid ""\nmsgstr "Language: de\\n"\n\n' + blob)
    (d / "templates").mkdir()
    (d / "templates" / "t.html").write_bytes(blob)
    result = lint_paths([d])
    assert all(f.line >= 0 and f.rule_id for f in result.findings)
    assert not [f.message for f in result.findings if "internal error" in f.message]  # no check crashed


@given(st.text(alphabet=st.sampled_from(list('msgidtr "\\\n#~|[]0123456789{}%()<>/_:,ä')), max_size=300))
def test_linter_never_crashes_on_po_like_text(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    """PO-looking noise (keywords, quotes, escapes, brackets) never raises."""
    d = tmp_path_factory.mktemp("fuzzpo")
    (d / "ru.po").write_text('msgid ""\nmsgstr ""\n"Language: ru\\n"\n\n' + text, encoding="utf-8")
    result = lint_paths([d])
    assert not [f.message for f in result.findings if "internal error" in f.message]  # no check crashed



def test_icu_branch_that_drops_an_argument(tmp_path: Path) -> None:
    """An argument every source branch uses must be in every translated branch (except =N branches)."""
    (tmp_path / "ru.po").write_text(
        'msgid "{n, plural, one {# ticket for {name}} other {# tickets for {name}}}"\n'
        'msgstr "{n, plural, one {# обращение} few {# обращения для {name}} many {# обращений для {name}} '
        'other {# обращения для {name}}}"\n\n'
        'msgid "{n, plural, =0 {No tickets} one {# ticket for {name}} other {# tickets for {name}}}"\n'
        'msgstr "{n, plural, =0 {Нет обращений} one {# обращение для {name}} few {# обращения для {name}} '
        'many {# обращений для {name}} other {# обращения для {name}}}"\n', encoding="utf-8")
    got = [(f.rule_id, f.line, f.message) for f in lint_paths([tmp_path]).findings]
    assert got == [("TL201", 2, "ICU branch 'one' of {n, plural} lacks {name}")]
