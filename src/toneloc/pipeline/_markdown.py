"""Split a Markdown body into translatable segments and put translations back, structure intact.

Headings, list items, block quotes, table cells and paragraphs are segments; fenced and indented
code blocks, blank lines, HTML blocks, Jinja statement lines and table rules are kept verbatim. The
Markdown prefix of a line (``## ``, ``1. ``, ``> ``) is never sent to MT. Inside a segment,
inline code and link targets are replaced by placeholders before MT (see :func:`protect_inline`), so
a translation keeps every `` `command` `` and ``(https://...)`` byte for byte.

>>> blocks = split_markdown("# Track\\n\\nOpen **My orders**.\\n\\n```sh\\ncurl x\\n```\\n- Step [one](/a)\\n")
>>> [(b.sid, b.prefix, b.text) for b in blocks if b.sid]
[('s1', '# ', 'Track'), ('s2', '', 'Open **My orders**.'), ('s3', '- ', 'Step [one](/a)')]
>>> join_blocks(blocks, {"s1": "Verfolgen", "s2": "Öffnen Sie **Meine Bestellungen**.", "s3": "Schritt [eins](/a)"})
'# Verfolgen\\n\\nÖffnen Sie **Meine Bestellungen**.\\n\\n```sh\\ncurl x\\n```\\n- Schritt [eins](/a)\\n'
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

import regex

__all__ = ["Block", "join_blocks", "protect_inline", "restore_inline", "segment_hash", "split_markdown"]

_FENCE = regex.compile(r"^(\s{0,3})(`{3,}|~{3,})")
_HEADING = regex.compile(r"^(\s{0,3}#{1,6}\s+)(.*?)(\s+#+\s*)?$")
_ITEM = regex.compile(r"^(\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?)(\S.*)$")
_QUOTE = regex.compile(r"^(\s{0,3}>\s?)(.*)$")
_RULE = regex.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_TABLE_RULE = regex.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_JINJA_LINE = regex.compile(r"^\s*(?:\{%.*%\}|\{#.*#\})\s*$")
_HTML_LINE = regex.compile(r"^\s{0,3}<(?:/?[A-Za-z][\w-]*[\s>/]|!--)")
_INLINE_CODE = regex.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")
_LINK_TARGET = regex.compile(r"(?<=\])\((?:[^()\s]|\([^()\s]*\))+(?:\s+\"[^\"]*\")?\)")
_JINJA_RUN = regex.compile(r"(?:\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})(?:\s*(?:\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}))*")
_TOKEN = regex.compile(r"%\(tl(\d+)\)s")


@dataclass(frozen=True, slots=True)
class Block:
    """A piece of the body: verbatim text (``sid is None``) or a segment with its line prefix/suffix."""

    text: str
    sid: str | None = None
    prefix: str = ""
    suffix: str = "\n"


def split_markdown(body: str) -> list[Block]:
    """Split *body* into verbatim blocks and numbered segments (``s1``, ``s2``...), in order."""
    lines = body.splitlines()
    out: list[Block] = []
    n = 0
    para: list[str] = []

    def seg(text: str, prefix: str = "", suffix: str = "\n") -> None:
        nonlocal n
        n += 1
        out.append(Block(text, f"s{n}", prefix, suffix))

    def flush() -> None:
        if para:
            seg(" ".join(p.strip() for p in para))
            para.clear()

    i = 0
    fence: str | None = None
    prev_blank = True
    while i < len(lines):
        line = lines[i]
        if fence is not None:
            out.append(Block(line + "\n"))
            if line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
                fence = None
            i += 1
            continue
        m = _FENCE.match(line)
        if m:
            flush()
            fence = m.group(2)
            out.append(Block(line + "\n"))
            i += 1
            continue
        if not line.strip():
            flush()
            out.append(Block("\n"))
            prev_blank = True
            i += 1
            continue
        if prev_blank and not para and line.startswith(("    ", "\t")) and not (out and out[-1].prefix.strip()):
            out.append(Block(line + "\n"))  # indented code block
            i += 1
            continue
        prev_blank = False
        if _RULE.match(line) or _TABLE_RULE.match(line) or _JINJA_LINE.match(line) or _HTML_LINE.match(line):
            flush()
            out.append(Block(line + "\n"))
        elif (h := _HEADING.match(line)) is not None:
            flush()
            seg(h.group(2), h.group(1), (h.group(3) or "") + "\n")
        elif (it := _ITEM.match(line)) is not None:
            flush()
            text = it.group(2)
            while i + 1 < len(lines) and lines[i + 1].strip() and lines[i + 1].startswith("  ") \
                    and not _ITEM.match(lines[i + 1]) and not _FENCE.match(lines[i + 1]):
                i += 1
                text += " " + lines[i].strip()
            seg(text, it.group(1))
        elif (q := _QUOTE.match(line)) is not None:
            flush()
            if q.group(2).strip():
                seg(q.group(2), q.group(1))
            else:
                out.append(Block(line + "\n"))
        elif line.lstrip().startswith("|") and line.count("|") >= 2:
            flush()
            _table_row(line, out, seg)
        else:
            para.append(line)
        i += 1
    flush()
    if out and not body.endswith("\n"):
        last = out[-1]
        out[-1] = Block(last.text.rstrip("\n") if last.sid is None else last.text, last.sid, last.prefix,
                        last.suffix.rstrip("\n") if last.sid else "")
    return out


def _table_row(line: str, out: list[Block], seg: object) -> None:
    cells = line.split("|")
    lead = cells[0]
    out.append(Block(lead + "|"))
    for cell in cells[1:-1]:
        stripped = cell.strip()
        if stripped:
            left = cell[: len(cell) - len(cell.lstrip())]
            right = cell[len(cell.rstrip()):]
            seg(stripped, left, right + "|")  # type: ignore[operator]
        else:
            out.append(Block(cell + "|"))
    out.append(Block(cells[-1] + "\n"))


def join_blocks(blocks: list[Block], translations: Mapping[str, str]) -> str:
    """Rebuild the body with *translations* (sid -> text); segments without one keep their source text."""
    parts: list[str] = []
    for b in blocks:
        if b.sid is None:
            parts.append(b.text)
        else:
            parts.append(b.prefix + translations.get(b.sid, b.text).replace("\n", " ") + b.suffix)
    return "".join(parts)


def protect_inline(text: str) -> tuple[str, tuple[str, ...]]:
    """Replace inline code, runs of Jinja tags and link targets with ``%(tlN)s`` placeholders (MT
    masking protects those); a run of adjacent Jinja tags becomes one placeholder.

    >>> protect_inline("Run `toneloc kb` and see [docs](https://x.io/a_b).")
    ('Run %(tl0)s and see [docs]%(tl1)s.', ('`toneloc kb`', '(https://x.io/a_b)'))
    """
    saved: list[str] = []

    def keep(m: regex.Match[str]) -> str:
        saved.append(m.group(0))
        return f"%(tl{len(saved) - 1})s"

    return _LINK_TARGET.sub(keep, _JINJA_RUN.sub(keep, _INLINE_CODE.sub(keep, text))), tuple(saved)


def restore_inline(text: str, saved: tuple[str, ...]) -> tuple[str, bool]:
    """Put the protected pieces back; the flag says whether every piece came back exactly once."""
    seen: list[int] = []

    def put(m: regex.Match[str]) -> str:
        k = int(m.group(1))
        if k >= len(saved):
            return m.group(0)
        seen.append(k)
        return saved[k]

    out = _TOKEN.sub(put, text)
    return out, sorted(seen) == list(range(len(saved)))


def segment_hash(text: str) -> str:
    """A short stable fingerprint of a segment's source (to detect changed segments)."""
    return hashlib.sha1(text.strip().encode("utf-8")).hexdigest()[:12]
