"""Markdown (KB articles): one segmenter for translation, with structure kept byte for byte.

:func:`split_markdown` cuts an article into translatable *segments* (headings, paragraphs, list
items, block quotes, table cells and chosen front-matter values) and verbatim parts; every caller
that translates Markdown — :func:`translate_markdown` and ``toneloc.pipeline.translate_article`` —
uses it, so both keep the same things intact:

* YAML front matter (except the plain string values of *front_matter_keys*);
* fenced code (also inside block quotes and list items) and indented code blocks;
* HTML blocks (``<pre>``/``<script>``/``<style>``/``<textarea>`` up to their closing tag, comments,
  block-level tags such as ``<div>``/``<table>`` and any tag alone on its line up to the next blank
  line) and Jinja statement or comment lines;
* thematic breaks, setext underlines, table rules, reference-link definitions and the Markdown
  prefix of every line (``## ``, ``1. ``, ``> ``, ``- [ ] ``, ``> - ``).

Inside a segment, :func:`protect_inline` replaces inline code, link and image targets, reference
labels, footnote marks, autolinks, inline HTML tags and **runs** of adjacent Jinja tags
(``{% if a %}{{ b }}{% endif %}`` is one piece) with ``%(tlN)s`` placeholders, which the
translator's masking keeps; the pieces are put back by :func:`restore_inline`, and a segment
whose pieces did not all come back is left in the source language for a person. Link and image *text* is translated.

Segment ids are **content-based** (:func:`segment_ids`): a hash of the whitespace-normalised text
plus the occurrence among equal texts, so inserting or removing a paragraph leaves the id of every
other segment unchanged and only the edited segments look new.

Lines of one paragraph (and the lazy continuation lines of a list item or quote) are joined with a
space before translation (MT needs whole sentences), so a translated paragraph is one line; a hard
line break (two trailing spaces or ``\\``) ends a segment and is kept. A segment without a
translation is written back exactly as it was, so ``join_markdown(doc, [])`` returns the input.

>>> from toneloc.translate import SafeTranslator, SQLiteTranslationMemory
>>> tm = SQLiteTranslationMemory()
>>> tm.add("Reset your password", "Passwort zurücksetzen", "de")
>>> tm.add("Open `Settings` and click **Reset**.",
...        "Öffnen Sie %(tl0)s und klicken Sie auf **Zurücksetzen**.", "de")
>>> art = "---\\ntitle: Reset your password\\nid: 42\\n---\\n# Reset your password\\n\\n" \\
...       "Open `Settings` and click **Reset**.\\n\\n```sh\\ntoneloc reset\\n```\\n"
>>> r = translate_markdown(art, translator=SafeTranslator(None, memory=tm), locale="de")
>>> print(r.text, end="")
---
title: Passwort zurücksetzen
id: 42
---
# Passwort zurücksetzen
<BLANKLINE>
Öffnen Sie `Settings` und klicken Sie auf **Zurücksetzen**.
<BLANKLINE>
```sh
toneloc reset
```
>>> [(s.line, s.kind, s.translation.origin) for s in r.segments if s.translation]
[(2, 'front-matter', 'memory'), (5, 'heading', 'memory'), (7, 'paragraph', 'memory')]
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import regex

from toneloc.errors import InvalidInputError
from toneloc.locale import LocaleLike, locale_tag, parse_locale
from toneloc.translate._types import Match, Origin, Translation, TranslationMemory, Translator
from toneloc.translate.masking import find_protected

__all__ = [
    "MarkdownDocument",
    "MarkdownSegment",
    "MarkdownTranslation",
    "SourceSegment",
    "join_markdown",
    "protect_inline",
    "restore_inline",
    "segment_ids",
    "split_markdown",
    "translate_markdown",
    "translate_segments",
]

_FENCE = regex.compile(r"^([ \t]*)(`{3,}|~{3,})(.*)$")
_HEADING = regex.compile(r"^( {0,3}#{1,6}[ \t]+)(.*?)([ \t]+#+[ \t]*)?$")
_ITEM = regex.compile(r"^([ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)(\S.*)$")
_QUOTE = regex.compile(r"^( {0,3}>[ \t]?(?:>[ \t]?)*)(.*)$")
_BREAK = regex.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_SETEXT_EQ = regex.compile(r"^ {0,3}=+[ \t]*$")
_TABLE_RULE = regex.compile(r"^[ \t]*\|?[ \t]*:?-{1,}:?[ \t]*(?:\|[ \t]*:?-{1,}:?[ \t]*)+\|?[ \t]*$")
_JINJA_LINE = regex.compile(r"^[ \t]*(?:\{%.*?%\}|\{#.*?#\}|[ \t])+$")
_JINJA_COMMENT_OPEN = regex.compile(r"^[ \t]*\{#(?!.*#\})")
_RAW_HTML_OPEN = regex.compile(r"^ {0,3}<(pre|script|style|textarea)(?=[\s>]|$)", regex.IGNORECASE)
_COMMENT_OPEN = regex.compile(r"^ {0,3}<!--")
_HTML_BLOCK = regex.compile(
    r"^ {0,3}</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|"
    r"dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|"
    r"iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|"
    r"table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[\s/>]|$)", regex.IGNORECASE)
_HTML_TAG_LINE = regex.compile(
    r"^ {0,3}(?:<[A-Za-z][\w-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>"
    r"|</[A-Za-z][\w-]*\s*>)[ \t]*$")
_REFDEF = regex.compile(r"^ {0,3}\[[^\]]+\]:[ \t]+\S")
_INDENTED = regex.compile(r"^(?: {4}|\t)")
_FM_LINE = regex.compile(r"^([A-Za-z_][\w-]*)([ \t]*:[ \t]*)(.*?)([ \t]*)$")
_EMPHASIS = regex.compile(r"\*\*|__|~~|\*")
_CELL_SPLIT = regex.compile(r"(?<!\\)\|")
_LETTER = regex.compile(r"\p{L}")
_HARD_BREAK = regex.compile(r"(?:[ ]{2,}|\\)$")

_JINJA_TAG = r"(?:\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})"
_INLINE = regex.compile(
    r"(?P<code>(`+)(?!`).+?(?<!`)\2(?!`))"                              # inline code
    rf"|(?P<jinja>{_JINJA_TAG}(?:[ \t]*{_JINJA_TAG})*)"                 # a run of Jinja tags = one piece
    r"|(?P<target>(?<=\])\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\))"  # (url "title")
    r"|(?P<label>(?<=\])\[[^\]\n]*\])"                                   # [text][label]
    r"|(?P<note>\[\^[^\]\s]+\])"                                        # footnote mark [^1]
    r"|(?P<auto><(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s@<>]+@[^\s@<>]+)>)"  # <https://..>, <a@b.c>
    r"|(?P<tag></?[A-Za-z][\w-]*(?:\s+[^<>]*?)?\s*/?>)"                    # inline HTML tags
)
_TOKEN = regex.compile(r"%\(tl(\d+)\)s")
_LINES = regex.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_NEWLINE = regex.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t]*")


@dataclass(frozen=True, slots=True)
class SourceSegment:
    """One translatable unit of a Markdown text, as found by :func:`split_markdown`.

    Attributes:
        sid: content-based id (see :func:`segment_ids`): stable when other segments move.
        index: position among the segments (0-based).
        line: 1-based line of the source where the segment starts.
        kind: ``heading``, ``paragraph``, ``list-item``, ``quote``, ``table-cell`` or ``front-matter``.
        text: the source text (Markdown prefix removed; continuation lines joined with a space).
    """

    sid: str
    index: int
    line: int
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class _Slot:
    """Where segment *seg* goes in the output: between *prefix* and *suffix*; *raw* is the source bytes."""

    seg: int
    prefix: str
    suffix: str
    raw: str
    quote: str | None = None  # front matter: the YAML quoting of the value


@dataclass(frozen=True, slots=True)
class MarkdownDocument:
    """A Markdown text split into verbatim parts and segments; :func:`join_markdown` puts it back."""

    parts: tuple[str | _Slot, ...]
    segments: tuple[SourceSegment, ...]

    def join(self, translations: Sequence[str | None] | Mapping[str, str] = ()) -> str:
        """Same as :func:`join_markdown`."""
        return join_markdown(self, translations)


def _norm(text: str) -> str:
    return " ".join(text.split())


def segment_ids(texts: Iterable[str]) -> list[str]:
    """Content-based ids for segments in document order: 12 hex digits of the SHA-1 of the
    whitespace-normalised text, and ``.2``, ``.3``... for the second, third... occurrence of equal text.

    Moving, inserting or removing other segments does not change an id; editing a segment does.

    >>> segment_ids(["Hello  world", "Bye", "Hello world"])
    ['7b502c3a1f48', 'f792424064d0', '7b502c3a1f48.2']
    """
    seen: Counter[str] = Counter()
    out: list[str] = []
    for text in texts:
        h = hashlib.sha1(_norm(text).encode("utf-8")).hexdigest()[:12]
        seen[h] += 1
        out.append(h if seen[h] == 1 else f"{h}.{seen[h]}")
    return out


def _fm_value(raw: str) -> tuple[str, str] | None:
    """``(value, quote)`` of a plain or quoted YAML scalar, or ``None`` for anything else."""
    if len(raw) >= 2 and raw[0] == raw[-1] == '"':
        try:
            value = json.loads(raw)
        except ValueError:
            return None
        return (value, '"') if isinstance(value, str) else None
    if len(raw) >= 2 and raw[0] == raw[-1] == "'":
        return raw[1:-1].replace("''", "'"), "'"
    if not raw or raw[0] in "[{>|&*!%@`#'\"" or " #" in raw:
        return None
    return raw, ""


def _fm_quote(value: str, quote: str) -> str:
    if quote == "'":
        return "'" + value.replace("'", "''") + "'"
    if quote == '"' or ": " in value or value[:1] in "[]{}>|&*!%@`#'\"-?:," or value.endswith(":"):
        return json.dumps(value, ensure_ascii=False)
    return value


def _closing_fence(body: str, fence: str) -> bool:
    stripped = body.strip()
    return stripped.startswith(fence) and not stripped.strip(fence[0])


def _row_cells(line: str) -> int:
    core = line.strip()
    core = core[1:] if core.startswith("|") else core
    core = core[:-1] if core.endswith("|") and not core.endswith("\\|") else core
    return len(_CELL_SPLIT.split(core))


def _is_table_header(line: str, following: str) -> bool:
    """A GFM table starts with a header row followed by a delimiter row with as many cells."""
    return "|" in line and bool(_TABLE_RULE.match(following)) and _row_cells(line) == _row_cells(following)


def split_markdown(text: str, *, front_matter_keys: Sequence[str] = ()) -> MarkdownDocument:
    """Split *text* into verbatim parts and translatable segments (see the module docs).

    Args:
        text: a Markdown article (front matter optional; any line endings).
        front_matter_keys: front-matter keys whose plain string values are segments.

    >>> doc = split_markdown("# Track\\n\\nOpen **My orders**\\nnow.\\n\\n```sh\\ncurl x\\n```\\n- Step [one](/a)\\n")
    >>> [(s.kind, s.text) for s in doc.segments]
    [('heading', 'Track'), ('paragraph', 'Open **My orders** now.'), ('list-item', 'Step [one](/a)')]
    >>> doc.join(["Verfolgen", "Öffnen Sie jetzt **Meine Bestellungen**.", None])
    '# Verfolgen\\n\\nÖffnen Sie jetzt **Meine Bestellungen**.\\n\\n```sh\\ncurl x\\n```\\n- Step [one](/a)\\n'

    Raises:
        InvalidInputError: *text* is not a string.
    """
    if not isinstance(text, str):
        raise InvalidInputError(f"the article must be str, got {type(text).__name__}",
                                hint="decode the file first: Path(p).read_text(encoding='utf-8')")
    lines = _LINES.findall(text)  # Markdown line endings only (str.splitlines also cuts at U+2028, \f...)
    out: list[str | _Slot] = []
    found: list[tuple[int, str, str]] = []  # (line, kind, text)

    def slot(line_no: int, kind: str, body: str, prefix: str, suffix: str, raw: str,
             quote: str | None = None) -> None:
        if not _LETTER.search(_TOKEN.sub("", protect_inline(body)[0])):
            out.append(raw)
            return
        out.append(_Slot(len(found), prefix, suffix, raw, quote))
        found.append((line_no, kind, body))

    i, n = 0, len(lines)
    if lines and lines[0].rstrip("\r\n") == "---":
        end = next((k for k in range(1, n) if lines[k].rstrip("\r\n") in {"---", "..."}), None)
        if end is not None:
            out.append(lines[0])
            for k in range(1, end):
                body, eol = lines[k].rstrip("\r\n"), lines[k][len(lines[k].rstrip("\r\n")):]
                m = _FM_LINE.match(body)
                parsed = _fm_value(m.group(3)) if m and m.group(1) in front_matter_keys else None
                if m is None or parsed is None or not parsed[0].strip():
                    out.append(lines[k])
                    continue
                slot(k + 1, "front-matter", parsed[0], m.group(1) + m.group(2), m.group(4) + eol, lines[k], parsed[1])
            out.append(lines[end])
            i = end + 1

    # an open segment that following lines may continue: (line, kind, prefix, [(body, eol, raw)])
    open_seg: list[tuple[int, str, str, list[tuple[str, str, str]]]] = []

    def flush() -> None:
        if not open_seg:
            return
        line_no, kind, prefix, pieces = open_seg.pop()
        joined = " ".join(b.strip() for b, _, _ in pieces)
        slot(line_no, kind, joined, prefix, pieces[-1][1], "".join(r for _, _, r in pieces))

    def ends_segment(body: str) -> bool:
        return bool(_HARD_BREAK.search(body))

    def start(line_no: int, kind: str, prefix: str, body: str, eol: str, raw: str) -> None:
        flush()
        open_seg.append((line_no, kind, prefix, [(body, eol, raw)]))
        if ends_segment(body):
            _close_with_break()

    def _close_with_break() -> None:
        line_no, kind, prefix, pieces = open_seg.pop()
        body, eol, _ = pieces[-1]
        brk = _HARD_BREAK.search(body)
        assert brk is not None
        pieces[-1] = (body[: brk.start()], body[brk.start():] + eol, pieces[-1][2])
        open_seg.append((line_no, kind, prefix, pieces))
        flush()
        broken_kind[0] = kind

    broken_kind: list[str | None] = [None]  # kind of the segment a hard line break ended on the last line
    fence: str | None = None
    fence_quote = ""  # the quote prefix a fence was opened in ("> ")
    fence_in_item = 0  # a fence inside a list item: the item's text column (a line left of it ends both)
    raw_end: regex.Pattern[str] | None = None
    until_blank = False
    in_list = False
    list_indent = 0
    in_table = False
    while i < n:
        raw = lines[i]
        body = raw.rstrip("\r\n")
        eol = raw[len(body):]
        line_no = i + 1
        i += 1
        prev_broken, broken_kind[0] = broken_kind[0], None
        if fence is not None and fence_in_item and body.strip() and \
                len(body.expandtabs(4)) - len(body.expandtabs(4).lstrip(" ")) < fence_in_item:
            fence, in_list = None, False  # a line left of the list item's text ends the item and its fence
        if fence is not None:
            out.append(raw)
            inner = body
            if fence_quote:
                mq = _QUOTE.match(body)
                inner = mq.group(2) if mq else body
            if _closing_fence(inner, fence):
                fence = None
            continue
        if raw_end is not None:
            out.append(raw)
            if raw_end.search(body):
                raw_end = None
            continue
        if until_blank:
            if body.strip():
                out.append(raw)
                continue
            until_blank = False
        if not body.strip():
            flush()
            out.append(raw)
            in_table = False
            continue
        was_table, in_table = in_table, False  # any other block ends a table
        # the kind of the paragraph this line may continue (also one a hard line break just cut)
        open_kind: str | None = open_seg[-1][1] if open_seg else prev_broken
        m_fence = _FENCE.match(body)
        if m_fence and not (m_fence.group(2)[0] == "`" and "`" in m_fence.group(3)) and not (
                _INDENTED.match(body) and (not in_list or len(m_fence.group(1).expandtabs(4)) >= list_indent + 4)):
            flush()
            fence, fence_quote = m_fence.group(2), ""
            in_list = in_list and len(m_fence.group(1).expandtabs(4)) >= list_indent
            fence_in_item = list_indent if in_list else 0
            out.append(raw)
            continue
        indented = bool(_INDENTED.match(body))
        if not indented and not _ITEM.match(body) and (not open_kind or _QUOTE.match(body) or _HEADING.match(body)
                                                       or _BREAK.match(body) or _HTML_BLOCK.match(body)
                                                       or _RAW_HTML_OPEN.match(body) or _JINJA_LINE.match(body)
                                                       or _COMMENT_OPEN.match(body) or _HTML_TAG_LINE.match(body)):
            in_list = False  # a block that is neither a list item nor indented (nor a lazy line) ends the list
        width = len(body.expandtabs(4)) - len(body.expandtabs(4).lstrip(" "))
        if indented and not open_kind and (not in_list or width >= list_indent + 4):
            out.append(raw)  # indented code block (in a list: indented 4 past the item's text)
            continue
        m_raw = _RAW_HTML_OPEN.match(body)
        if m_raw or _COMMENT_OPEN.match(body) or _JINJA_COMMENT_OPEN.match(body):
            flush()
            out.append(raw)
            if m_raw:
                closing = regex.compile(rf"</{m_raw.group(1)}\s*>", regex.IGNORECASE)
                rest = body[m_raw.end():]
            elif _COMMENT_OPEN.match(body):
                closing, rest = regex.compile(r"-->"), body[body.index("<!--") + 4:]
            else:
                closing, rest = regex.compile(r"#\}"), body[body.index("{#") + 2:]
            if not closing.search(rest):
                raw_end = closing
            continue
        if _HTML_BLOCK.match(body) or (_HTML_TAG_LINE.match(body) and not open_kind):
            flush()
            out.append(raw)
            until_blank = True
            continue
        lazy = open_kind in ("list-item", "quote")  # a lazy line cannot start a table
        setext = bool(_SETEXT_EQ.match(body)) and open_kind == "paragraph"
        if _JINJA_LINE.match(body) or _BREAK.match(body) or setext or (_TABLE_RULE.match(body) and not lazy) \
                or (_REFDEF.match(body) and not open_kind):
            flush()
            out.append(raw)
            in_table = was_table and bool(_TABLE_RULE.match(body))  # the delimiter row under a header
            continue
        m_head = _HEADING.match(body)
        if m_head:
            flush()
            slot(line_no, "heading", m_head.group(2), m_head.group(1), (m_head.group(3) or "") + eol, raw)
            in_list = False
            continue
        m_item = _ITEM.match(body)
        if m_item and open_kind == "paragraph" and m_item.group(1).strip()[:1].isdigit() \
                and not m_item.group(1).strip().startswith(("1.", "1)")):
            m_item = None  # only a list starting at 1 may interrupt a paragraph: "7. a" continues it
        if m_item:
            start(line_no, "list-item", m_item.group(1), m_item.group(2), eol, raw)
            in_list, list_indent = True, len(m_item.group(1).expandtabs(4))
            continue
        m_quote = _QUOTE.match(body)
        if m_quote:
            q_prefix, inner = m_quote.group(1), m_quote.group(2)
            m_qf = _FENCE.match(inner)
            if m_qf:
                flush()
                fence, fence_quote, fence_in_item = m_qf.group(2), q_prefix, 0
                out.append(raw)
            elif not inner.strip() or _BREAK.match(inner) or _JINJA_LINE.match(inner):
                flush()
                out.append(raw)
            elif (m_qh := _HEADING.match(inner)) is not None:
                flush()
                slot(line_no, "quote", m_qh.group(2), q_prefix + m_qh.group(1), (m_qh.group(3) or "") + eol, raw)
            elif (m_qi := _ITEM.match(inner)) is not None:
                start(line_no, "quote", q_prefix + m_qi.group(1), m_qi.group(2), eol, raw)
            elif open_seg and open_seg[-1][1] == "quote" and open_seg[-1][2].strip() == q_prefix.strip():
                open_seg[-1][3].append((inner, eol, raw))  # the next line of the same quoted paragraph
                if ends_segment(inner):
                    _close_with_break()
            else:
                start(line_no, "quote", q_prefix, inner, eol, raw)
            continue
        if was_table or (not lazy and i < n and _is_table_header(body, lines[i].rstrip("\r\n"))):
            flush()
            cells = _CELL_SPLIT.split(body)
            for c, cell in enumerate(cells):
                if c:
                    out.append("|")
                core = cell.strip()
                lead = cell[: len(cell) - len(cell.lstrip())]
                trail = cell[len(cell.rstrip()):]
                if core:
                    slot(line_no, "table-cell", core, lead, trail, cell)
                else:
                    out.append(cell)
            out.append(eol)
            in_table = True
            continue
        if open_seg:
            open_seg[-1][3].append((body, eol, raw))  # paragraph or lazy continuation line (item, quote)
            if ends_segment(body):
                _close_with_break()
        else:
            lead = body[: len(body) - len(body.lstrip())]
            # after a hard line break the next line continues the same paragraph (of an item, a quote...)
            start(line_no, prev_broken or "paragraph", lead, body.lstrip(), eol, raw)
    flush()
    ids = segment_ids(t for _, _, t in found)
    segs = tuple(SourceSegment(sid, k, line_no, kind, body)
                 for k, (sid, (line_no, kind, body)) in enumerate(zip(ids, found, strict=True)))
    return MarkdownDocument(tuple(out), segs)


def join_markdown(doc: MarkdownDocument, translations: Sequence[str | None] | Mapping[str, str] = ()) -> str:
    """Rebuild the text of *doc* with *translations*.

    Args:
        doc: the result of :func:`split_markdown`.
        translations: by position (one entry per segment, ``None`` keeps the source) or by segment id.
            A segment without a translation is written back exactly as it was in the source; a
            translation is written on one line between the segment's Markdown prefix and suffix.

    >>> doc = split_markdown("- one\\n- two\\n")
    >>> join_markdown(doc, {doc.segments[1].sid: "zwei"})
    '- one\\n- zwei\\n'
    """
    if isinstance(translations, Mapping):
        by_index: list[str | None] = [translations.get(s.sid) for s in doc.segments]
    else:
        by_index = list(translations) + [None] * (len(doc.segments) - len(translations))
    pieces: list[str] = []
    for part in doc.parts:
        if isinstance(part, str):
            pieces.append(part)
            continue
        value = by_index[part.seg]
        if value is None:
            pieces.append(part.raw)
        elif part.quote is not None:
            pieces.append(part.prefix + _fm_quote(value, part.quote) + part.suffix)
        else:
            pieces.append(part.prefix + _NEWLINE.sub(" ", value) + part.suffix)
    return "".join(pieces)


def protect_inline(text: str) -> tuple[str, tuple[str, ...]]:
    """Replace inline code, link/image targets, reference labels, footnote marks, autolinks and runs of
    Jinja tags with ``%(tlN)s`` placeholders (which MT masking protects); link text stays translatable.

    >>> protect_inline("Run `toneloc kb`, see [docs](https://x.io/a_b) {% if a %}{{ b }}{% endif %}.")
    ('Run %(tl0)s, see [docs]%(tl1)s %(tl2)s.', ('`toneloc kb`', '(https://x.io/a_b)', '{% if a %}{{ b }}{% endif %}'))
    """
    saved: list[str] = []

    def keep(m: regex.Match[str]) -> str:
        saved.append(m.group(0))
        return f"%(tl{len(saved) - 1})s"

    return _INLINE.sub(keep, text), tuple(saved)


def restore_inline(text: str, saved: Sequence[str]) -> tuple[str, bool]:
    """Put the protected pieces back; the flag says whether every piece came back exactly once.

    >>> restore_inline("Siehe %(tl0)s.", ("`x`",))
    ('Siehe `x`.', True)
    >>> restore_inline("Siehe.", ("`x`",))
    ('Siehe.', False)
    """
    seen: list[int] = []

    def put(m: regex.Match[str]) -> str:
        k = int(m.group(1))
        if k >= len(saved):
            return m.group(0)
        seen.append(k)
        return saved[k]

    out = _TOKEN.sub(put, text)
    return out, sorted(seen) == list(range(len(saved)))


# -- translate_markdown ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class MarkdownSegment:
    """One translated unit of the article.

    Attributes:
        index: position among the segments (0-based).
        line: 1-based line of the source where the segment starts.
        kind: ``heading``, ``paragraph``, ``list-item``, ``quote``, ``table-cell`` or ``front-matter``.
        source: the source text (without its Markdown prefix).
        text: what was written back (the source text when the translation could not be used).
        translation: the translator's result (provenance, risk, reasons).
        sid: the content-based segment id (:func:`segment_ids`).
    """

    index: int
    line: int
    kind: str
    source: str
    text: str
    translation: Translation | None
    sid: str = ""


@dataclass(frozen=True, slots=True)
class MarkdownTranslation:
    """A translated article with per-segment provenance.

    Attributes:
        text: the translated article.
        locale: target locale tag.
        source_locale: source locale tag.
        segments: every segment, in order.
        needs_review: ``True`` when any segment needs a human.
        reasons: ``line N (kind): reason`` for every segment that needs review.
    """

    text: str
    locale: str
    source_locale: str
    segments: tuple[MarkdownSegment, ...]
    needs_review: bool
    reasons: tuple[str, ...]

    @property
    def origins(self) -> Counter[str]:
        """How many segments came from ``memory``, ``machine``, ``human``."""
        return Counter(s.translation.origin for s in self.segments if s.translation is not None)


def _emphasis(text: str) -> Counter[str]:
    out = text
    for _, tok, _ in reversed(find_protected(text)):
        out = out.replace(tok, " ")
    return Counter(_EMPHASIS.findall(out))


class _UnprotectedMemory:
    """A translation memory seen through :func:`protect_inline`: looks up the *original* segment text
    (what reviewers approved) and hands the hit back with the protected pieces as placeholders."""

    def __init__(self, inner: TranslationMemory, table: Mapping[str, tuple[str, tuple[str, ...]]]) -> None:
        self.inner = inner
        self.table = table  # protected text -> (original text, pieces)

    def add(self, source: str, target: str, locale: LocaleLike, *, origin: Origin = "human",
            provenance: str = "") -> None:
        self.inner.add(source, target, locale, origin=origin, provenance=provenance)

    def lookup(self, source: str, locale: LocaleLike) -> Match | None:
        original, pieces = self.table.get(source, (source, ()))
        hit = self.inner.lookup(original, locale)
        if hit is None or not pieces:
            return hit
        target = hit.target
        for k, piece in sorted(enumerate(pieces), key=lambda kp: -len(kp[1])):
            target = target.replace(piece, f"%(tl{k})s", 1)
        return replace(hit, target=target)


def translate_segments(translator: Translator, texts: Sequence[str], *, locale: LocaleLike,
                       source: LocaleLike = "en") -> list[tuple[Translation, str, bool]]:
    """Translate Markdown segment texts in one batch with their inline pieces protected.

    Returns one ``(translation, text, pieces_ok)`` per input: *text* has the pieces restored (the
    source text when they did not all come back, so a damaged link or tag is never written). In
    machine translations, spaces MT put inside ``**``/``__``/``~~`` are removed, and a segment whose
    emphasis markers changed goes to review. The
    translator's memory (``translator.memory``, as on :class:`~toneloc.translate.SafeTranslator`) is
    consulted with the original text, as reviewers approved it.
    """
    protected = [protect_inline(t) for t in texts]
    masked = [p[0] for p in protected]
    memory = getattr(translator, "memory", None)
    if memory is not None and any(p[1] for p in protected):
        table = {m: (t, pieces) for t, (m, pieces) in zip(texts, protected, strict=True) if pieces}
        translator = copy.copy(translator)  # shared translators stay untouched (thread safety)
        translator.memory = _UnprotectedMemory(memory, table)  # type: ignore[attr-defined]
    results = translator.translate_batch(masked, locale=locale, source=source) if masked else []
    if len(results) != len(masked):
        raise InvalidInputError(f"the translator returned {len(results)} results for {len(masked)} segments",
                                hint="translate_batch must return one Translation per input")
    out: list[tuple[Translation, str, bool]] = []
    for text, (_m, pieces), t in zip(texts, protected, results, strict=True):
        restored, ok = restore_inline(t.text, pieces)
        ok = ok and t.protected_tokens_ok
        if pieces:  # reasons name the pieces, not their placeholders
            t = replace(t, reasons=tuple(restore_inline(r, pieces)[0] for r in t.reasons))
        if not ok:
            restored = text
            if t.decision != "needs-review" or t.protected_tokens_ok:
                t = replace(t, decision="needs-review", reasons=(
                    "protected Markdown pieces (inline code, link targets, Jinja tags) did not survive", *t.reasons))
        elif t.origin == "machine":
            restored = _tighten_emphasis(restored)
            if _emphasis(text) != _emphasis(restored):
                t = replace(t, decision="needs-review", reasons=("Markdown emphasis markers changed", *t.reasons))
        out.append((replace(t, text=restored, source=text), restored, ok))
    return out


_SPACED_EMPHASIS = regex.compile(r"(\*\*|__|~~)[ \t]*(\S(?:[^\n]*?\S)?)[ \t]*\1")


def _tighten_emphasis(text: str) -> str:
    """MT often writes ``** Pacote**``, which is not bold in CommonMark: drop spaces inside ``**``/``__``/``~~``.

    >>> _tighten_emphasis("Selecione ** Pacote de rastreamento**. E **ok** .")
    'Selecione **Pacote de rastreamento**. E **ok** .'
    """
    return _SPACED_EMPHASIS.sub(lambda m: m.group(1) + m.group(2) + m.group(1), text)


def translate_markdown(
    text: str,
    *,
    translator: Translator,
    locale: LocaleLike,
    source: LocaleLike = "en",
    front_matter_keys: Sequence[str] = ("title", "description", "summary"),
) -> MarkdownTranslation:
    """Translate a Markdown article into *locale*, structure intact (see the module docs).

    All segments go to the translator in **one** ``translate_batch`` call, with their inline pieces
    protected (:func:`protect_inline`) by :func:`translate_segments`. A segment whose protected pieces
    did not survive goes to review and is written in the source language; one whose emphasis markers
    changed goes to review.

    Args:
        text: the article (front matter optional).
        translator: usually a :class:`~toneloc.translate.SafeTranslator`.
        locale: target locale.
        source: source locale of the article.
        front_matter_keys: front-matter keys whose plain string values are translated.

    Raises:
        InvalidInputError: *text* is not a string, or the translator returned the wrong number of results.
    """
    tgt, src = parse_locale(locale), parse_locale(source)
    doc = split_markdown(text, front_matter_keys=front_matter_keys)
    done = translate_segments(translator, [s.text for s in doc.segments], locale=tgt, source=src)
    segments: list[MarkdownSegment] = []
    written: list[str | None] = []
    reasons: list[str] = []
    for seg, (t, restored, ok) in zip(doc.segments, done, strict=True):
        if t.needs_review:
            reasons.extend(f"line {seg.line} ({seg.kind}): {r}" for r in (t.reasons or ("needs review",)))
        segments.append(MarkdownSegment(seg.index, seg.line, seg.kind, seg.text, restored, t, seg.sid))
        written.append(restored if ok else None)  # a damaged segment is written exactly as in the source
    out = join_markdown(doc, written)
    return MarkdownTranslation(out, locale_tag(tgt), locale_tag(src), tuple(segments),
                               any(s.translation is not None and s.translation.needs_review for s in segments),
                               tuple(reasons))
