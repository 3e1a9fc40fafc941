"""Translate a Markdown (KB) article, keeping its structure byte for byte outside the translated text.

:func:`translate_markdown` splits an article into *segments* (headings, paragraphs, list items,
block quotes, table cells and chosen front-matter values), sends all of them to the translator in
**one** :meth:`~toneloc.translate.Translator.translate_batch` call, and puts the translations back.
Kept verbatim: YAML front matter (except the values of *front_matter_keys*), fenced and indented
code blocks, ``<pre>``/``<script>``/``<style>`` blocks and HTML comments, Jinja statement lines,
thematic breaks, setext underlines, table rules, reference-link definitions and the Markdown
prefix of every line (``## ``, ``1. ``, ``> ``, ``- [ ] ``). Inside a segment, inline code and
link targets are protected tokens of :func:`toneloc.translate.mask` (together with placeholders,
tags, URLs, e-mails and ids), so they come back unchanged or the segment goes to review.
A segment whose emphasis markers (``**``, ``*``, ``__``, ``~~``) changed also goes to review.

Lines of one paragraph are joined with a space before translation (MT needs whole sentences), so a
translated paragraph is one line.

>>> from toneloc.translate import SafeTranslator, SQLiteTranslationMemory
>>> tm = SQLiteTranslationMemory()
>>> tm.add("Reset your password", "Passwort zurücksetzen", "de")
>>> tm.add("Open `Settings` and click **Reset**.",
...        "Öffnen Sie `Settings` und klicken Sie auf **Zurücksetzen**.", "de")
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

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import regex

from toneloc.errors import InvalidInputError
from toneloc.locale import LocaleLike, locale_tag, parse_locale
from toneloc.translate._types import Translation, Translator
from toneloc.translate.masking import find_protected

__all__ = ["MarkdownSegment", "MarkdownTranslation", "translate_markdown"]

_FENCE = regex.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = regex.compile(r"^( {0,3}#{1,6}[ \t]+)(.*?)([ \t]+#+[ \t]*)?$")
_ITEM = regex.compile(r"^([ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)(\S.*)$")
_QUOTE = regex.compile(r"^( {0,3}>[ \t]?(?:>[ \t]?)*)(.*)$")
_BREAK = regex.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*)$")
_TABLE_RULE = regex.compile(r"^[ \t]*\|?[ \t]*:?-{1,}:?[ \t]*(?:\|[ \t]*:?-{1,}:?[ \t]*)+\|?[ \t]*$")
_JINJA_LINE = regex.compile(r"^[ \t]*(?:\{%.*?%\}|\{#.*?#\}|[ \t])+$")
_RAW_HTML_OPEN = regex.compile(r"^ {0,3}<(pre|script|style|textarea)\b", regex.IGNORECASE)
_COMMENT_OPEN = regex.compile(r"^ {0,3}<!--")
_REFDEF = regex.compile(r"^ {0,3}\[[^\]]+\]:[ \t]+\S")
_INDENTED = regex.compile(r"^(?: {4}|\t)")
_FM_LINE = regex.compile(r"^([A-Za-z_][\w-]*)([ \t]*:[ \t]*)(.*?)([ \t]*)$")
_EMPHASIS = regex.compile(r"\*\*|__|~~|\*")
_CELL_SPLIT = regex.compile(r"(?<!\\)\|")
_LETTER = regex.compile(r"\p{L}")


@dataclass(frozen=True, slots=True)
class MarkdownSegment:
    """One translatable unit of the article.

    Attributes:
        index: position among the segments (0-based).
        line: 1-based line of the source where the segment starts.
        kind: ``heading``, ``paragraph``, ``list-item``, ``quote``, ``table-cell`` or ``front-matter``.
        source: the source text sent to the translator (without its Markdown prefix).
        text: what was written back.
        translation: the translator's result (provenance, risk, reasons).
    """

    index: int
    line: int
    kind: str
    source: str
    text: str
    translation: Translation | None


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


@dataclass(slots=True)
class _Slot:
    """A placeholder in the output: segment *seg* written between *prefix* and *suffix*."""

    seg: int
    prefix: str
    suffix: str
    quote: str = ""


def _emphasis(text: str) -> Counter[str]:
    out = text
    for _, tok, _ in reversed(find_protected(text)):
        out = out.replace(tok, " ")
    return Counter(_EMPHASIS.findall(out))


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


def translate_markdown(
    text: str,
    *,
    translator: Translator,
    locale: LocaleLike,
    source: LocaleLike = "en",
    front_matter_keys: Sequence[str] = ("title", "description", "summary"),
) -> MarkdownTranslation:
    """Translate a Markdown article into *locale*, structure intact (see the module docs).

    Args:
        text: the article (front matter optional).
        translator: usually a :class:`~toneloc.translate.SafeTranslator`; called once for all segments.
        locale: target locale.
        source: source locale of the article.
        front_matter_keys: front-matter keys whose plain string values are translated.

    Raises:
        InvalidInputError: *text* is not a string.
    """
    if not isinstance(text, str):
        raise InvalidInputError(f"the article must be str, got {type(text).__name__}",
                                hint="decode the file first: Path(p).read_text(encoding='utf-8')")
    tgt, src = parse_locale(locale), parse_locale(source)
    lines = text.splitlines(keepends=True)
    out: list[str | _Slot] = []
    seg_src: list[tuple[int, str, str]] = []  # (line, kind, text)

    def slot(line_no: int, kind: str, body: str, prefix: str, suffix: str, quote: str = "") -> None:
        if not _LETTER.search(body):
            out.append(prefix + body + suffix)
            return
        out.append(_Slot(len(seg_src), prefix, suffix, quote))
        seg_src.append((line_no, kind, body))

    i = 0
    n = len(lines)
    # -- front matter -----------------------------------------------------------------------------
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
                slot(k + 1, "front-matter", parsed[0], m.group(1) + m.group(2), m.group(4) + eol, parsed[1])
            out.append(lines[end])
            i = end + 1

    para: list[tuple[int, str, str]] = []  # (line, text, line ending)

    def flush() -> None:
        if para:
            first = para[0][1]
            lead = first[: len(first) - len(first.lstrip())]
            slot(para[0][0], "paragraph", " ".join(p.strip() for _, p, _ in para), lead, para[-1][2])
            para.clear()

    fence: str | None = None
    raw_end: regex.Pattern[str] | None = None
    prev_blank = True
    in_list = False
    while i < n:
        raw = lines[i]
        body = raw.rstrip("\r\n")
        eol = raw[len(body):]
        line_no = i + 1
        i += 1
        if fence is not None:
            out.append(raw)
            stripped = body.strip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = None
            continue
        if raw_end is not None:
            out.append(raw)
            if raw_end.search(body):
                raw_end = None
            continue
        m_fence = _FENCE.match(body)
        if m_fence:
            flush()
            fence = m_fence.group(1)
            out.append(raw)
            prev_blank = False
            continue
        if not body.strip():
            flush()
            out.append(raw)
            prev_blank = True
            continue
        if not _INDENTED.match(body) and not _ITEM.match(body) and not para:
            in_list = False  # a block that is neither a list item nor indented ends the list
        if prev_blank and not in_list and _INDENTED.match(body) and not para:
            out.append(raw)  # indented code block
            continue
        m_raw = _RAW_HTML_OPEN.match(body)
        if m_raw or _COMMENT_OPEN.match(body):
            flush()
            out.append(raw)
            closing = (regex.compile(rf"</{m_raw.group(1)}\s*>", regex.IGNORECASE) if m_raw
                       else regex.compile(r"-->"))
            rest = body[m_raw.end():] if m_raw else body[body.index("<!--") + 4:]
            if not closing.search(rest):
                raw_end = closing
            prev_blank = False
            continue
        if _JINJA_LINE.match(body) or _BREAK.match(body) or _TABLE_RULE.match(body) or _REFDEF.match(body):
            flush()
            out.append(raw)
            prev_blank = False
            continue
        m_head = _HEADING.match(body)
        if m_head:
            flush()
            slot(line_no, "heading", m_head.group(2), m_head.group(1), (m_head.group(3) or "") + eol)
            prev_blank, in_list = False, False
            continue
        m_item = _ITEM.match(body)
        if m_item:
            flush()
            slot(line_no, "list-item", m_item.group(2), m_item.group(1), eol)
            prev_blank, in_list = False, True
            continue
        m_quote = _QUOTE.match(body)
        if m_quote:
            flush()
            slot(line_no, "quote", m_quote.group(2), m_quote.group(1), eol)
            prev_blank = False
            continue
        if body.lstrip().startswith("|") and (
                body.rstrip().endswith("|") or (i < n and _TABLE_RULE.match(lines[i].rstrip("\r\n")))):
            flush()
            cells = _CELL_SPLIT.split(body)
            for c, cell in enumerate(cells):
                if c:
                    out.append("|")
                core = cell.strip()
                lead = cell[: len(cell) - len(cell.lstrip())]
                trail = cell[len(cell.rstrip()):]
                if core:
                    slot(line_no, "table-cell", core, lead, trail)
                else:
                    out.append(cell)
            out.append(eol)
            prev_blank = False
            continue
        para.append((line_no, body, eol))
        prev_blank = False
    flush()

    sources = [s for _, _, s in seg_src]
    results = translator.translate_batch(sources, locale=tgt, source=src) if sources else []
    if len(results) != len(sources):
        raise InvalidInputError(f"the translator returned {len(results)} results for {len(sources)} segments",
                                hint="translate_batch must return one Translation per input")
    segments: list[MarkdownSegment] = []
    reasons: list[str] = []
    for k, ((line_no, kind, seg_text), t) in enumerate(zip(seg_src, results, strict=True)):
        if _emphasis(seg_text) != _emphasis(t.text) and t.origin == "machine":
            t = replace(t, decision="needs-review", reasons=("Markdown emphasis markers changed", *t.reasons))
        if t.needs_review:
            reasons.extend(f"line {line_no} ({kind}): {r}" for r in (t.reasons or ("needs review",)))
        segments.append(MarkdownSegment(k, line_no, kind, seg_text, t.text, t))
    pieces: list[str] = []
    for part in out:
        if isinstance(part, str):
            pieces.append(part)
            continue
        seg = segments[part.seg]
        value = seg.text if seg.kind != "front-matter" else _fm_quote(seg.text, part.quote)
        if seg.kind != "front-matter":
            value = value.replace("\n", " ")
        pieces.append(part.prefix + value + part.suffix)
    return MarkdownTranslation("".join(pieces), locale_tag(tgt), locale_tag(src), tuple(segments),
                               any(s.translation is not None and s.translation.needs_review for s in segments),
                               tuple(reasons))
