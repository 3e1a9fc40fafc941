"""A small, fast, strict gettext PO reader for the linter.

polib is a fine general library, but the linter reads tens of thousands of entries per run and needs
the line of every ``msgstr[n]`` and a precise error on bad input. This reader is a single pass over
the lines; it records where each part of an entry starts and raises :class:`PoSyntaxError` with the
line and column of the first problem.

>>> cat = parse_po('msgid ""\\nmsgstr "Language: de\\\\n"\\n\\n#, fuzzy\\nmsgid "A"\\nmsgid_plural "As"\\n'
...                'msgstr[0] "Ein"\\nmsgstr[1] "Eine"\\n')
>>> cat.metadata["Language"], cat.entries[0].msgstr_plural, cat.entries[0].msgstr_lines
('de', {0: 'Ein', 1: 'Eine'}, {0: 7, 1: 8})
>>> parse_po('msgid "a"\\nmsgstr "b\\n')
Traceback (most recent call last):
...
toneloc.lint._po.PoSyntaxError: line 2: unterminated string
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["PoEntry", "PoFile", "PoSyntaxError", "parse_po"]

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_ESC = re.compile(r"\\(.)")
_INDEX = re.compile(r"msgstr\[(\d+)\]")


class PoSyntaxError(ValueError):
    """A PO file that does not parse; ``line``/``column`` are 1-based."""

    def __init__(self, message: str, line: int, column: int = 1) -> None:
        super().__init__(f"line {line}: {message}")
        self.message = message
        self.line = line
        self.column = column


class PoEntry:
    """One catalog entry (the attributes the linter needs, with polib's names)."""

    __slots__ = ("comment", "flags", "linenum", "msgctxt", "msgid", "msgid_line", "msgid_plural", "msgstr",
                 "msgstr_lines", "msgstr_plural", "obsolete", "tcomment")

    def __init__(self, linenum: int, obsolete: bool) -> None:
        self.linenum = linenum
        self.obsolete = obsolete
        self.msgctxt: str | None = None
        self.msgid = ""
        self.msgid_plural = ""
        self.msgstr = ""
        self.msgstr_plural: dict[int, str] = {}
        self.flags: list[str] = []
        self.tcomment = ""
        self.comment = ""  # extracted (#.) comments
        self.msgid_line = linenum
        self.msgstr_lines: dict[int | None, int] = {}

    def __repr__(self) -> str:
        return f"PoEntry(line={self.linenum}, msgid={self.msgid!r})"


@dataclass
class PoFile:
    """A parsed catalog: header metadata, entries (header excluded) and obsolete entries."""

    metadata: dict[str, str] = field(default_factory=dict)
    entries: list[PoEntry] = field(default_factory=list)
    obsolete: list[PoEntry] = field(default_factory=list)
    header_line: int = 0


def _unescape(s: str) -> str:
    if "\\" not in s:
        return s
    if "\\\\" not in s:  # fast path: no escaped backslash, so the simple escapes cannot overlap
        s = s.replace("\\n", "\n").replace("\\t", "\t").replace('\\"', '"')
        if "\\" not in s:
            return s

    def rep(m: re.Match[str]) -> str:
        c = m.group(1)
        return _ESCAPES.get(c, "\\" + c)  # unknown escapes are kept (msgfmt warns, gettext keeps them)

    return _ESC.sub(rep, s)


def _string(seg: str, line: int, column: int) -> str:
    """The content of *seg*, a stripped ``"..."`` string; *column* is where it starts (for errors)."""
    if len(seg) < 2 or seg[-1] != '"':
        raise PoSyntaxError("unterminated string", line, column + len(seg))
    body = seg[1:-1]
    if '"' in body:
        # every inner quote must be escaped by an odd number of backslashes
        i = body.find('"')
        while i >= 0:
            k = i - 1
            while k >= 0 and body[k] == "\\":
                k -= 1
            if (i - k - 1) % 2 == 0:
                raise PoSyntaxError('unescaped " inside a string', line, column + i + 1)
            i = body.find('"', i + 1)
    if body.endswith("\\"):
        k = len(body) - 1
        while k >= 0 and body[k] == "\\":
            k -= 1
        if (len(body) - k - 1) % 2 == 1:
            raise PoSyntaxError("unterminated string (escaped closing quote)", line, column + len(seg))
    return _unescape(body)


def parse_po(text: str) -> PoFile:
    """Parse PO *text*; raises :class:`PoSyntaxError` on the first malformed line."""
    out = PoFile()
    cur: PoEntry | None = None
    state = ""  # the part a continuation line extends: ctxt, id, plural, str, str[n]
    index = -1
    tcomments: list[str] = []
    xcomments: list[str] = []

    def finish() -> None:
        nonlocal cur, tcomments, xcomments
        if cur is None:
            return
        if state in ("", "ctxt", "id", "plural") and not cur.msgstr_lines:
            raise PoSyntaxError("entry without msgstr", cur.msgid_line)
        cur.tcomment = "\n".join(tcomments)
        cur.comment = "\n".join(xcomments)
        if cur.obsolete:
            out.obsolete.append(cur)
        elif cur.msgid == "" and cur.msgctxt is None:
            if not out.header_line:
                out.header_line = cur.msgid_line
                for hl in cur.msgstr.split("\n"):
                    key, sep, val = hl.partition(":")
                    if sep:
                        out.metadata[key.strip()] = val.strip()
        else:
            out.entries.append(cur)
        cur = None
        tcomments = []
        xcomments = []

    in_str = False  # state is "str" or "str[n]": a comment or msgid starts the next entry
    for no, raw in enumerate(text.split("\n"), 1):  # not splitlines(): U+001E, U+2028... may sit in strings
        line = raw.strip(" \t\r\f\v")
        if not line:
            continue
        first = line[0]
        obsolete = False
        if first == "#":
            kind = line[1:2]
            if kind == "~":
                obsolete = True
                line = line[2:].lstrip()
                if not line or line[0] == "|":
                    continue
                first = line[0]
            else:
                if in_str:
                    finish()
                    state = ""
                    in_str = False
                if cur is None:
                    cur = PoEntry(no, False)
                if kind == ",":
                    cur.flags.extend(f.strip() for f in line[2:].split(",") if f.strip())
                elif kind == " " or kind == "":
                    tcomments.append(line[2:] if kind == " " else "")
                elif kind == "." and len(line) > 2:
                    xcomments.append(line[2:].lstrip())
                continue
        if first == '"':
            if cur is None or not state:
                raise PoSyntaxError("string without a keyword before it", no)
            body = line[1:-1]
            if line[-1] != '"' or len(line) < 2 or '"' in body or body.endswith("\\"):
                s = _string(line, no, raw.find('"') + 1)
            else:
                s = _unescape(body)
            if state == "str":
                cur.msgstr += s
            elif state == "id":
                cur.msgid += s
            elif state == "str[n]":
                cur.msgstr_plural[index] += s
            elif state == "plural":
                cur.msgid_plural += s
            else:
                cur.msgctxt = (cur.msgctxt or "") + s
            continue
        q = line.find('"')
        if q < 0:
            keyword = (line.split(None, 1) or [line])[0]
            raise PoSyntaxError(f"expected a quoted string after {keyword!r}" if keyword.startswith("msg")
                                else f"unexpected text {line[:30]!r}", no, len(keyword) + 2)
        keyword = line[:q].rstrip()
        seg = line[q:]
        body = seg[1:-1]
        if seg[-1] != '"' or len(seg) < 2 or '"' in body or body.endswith("\\"):
            s = _string(seg, no, raw.find('"') + 1)
        else:
            s = _unescape(body)
        if keyword == "msgid" or keyword == "msgctxt":
            if in_str or (cur is not None and cur.obsolete != obsolete and state):
                finish()
                state = ""
                in_str = False
            if cur is None:
                cur = PoEntry(no, obsolete)
            cur.obsolete = cur.obsolete or obsolete
            if keyword == "msgctxt":
                if state:
                    raise PoSyntaxError("msgctxt must come before msgid", no)
                cur.msgctxt = s
                state = "ctxt"
            else:
                if state not in ("", "ctxt"):
                    raise PoSyntaxError("msgid out of order", no)
                cur.msgid = s
                cur.msgid_line = no
                state = "id"
        elif keyword == "msgstr":
            if cur is not None and cur.msgid_plural and state == "plural":
                raise PoSyntaxError("plural entry needs msgstr[0], msgstr[1]...", no)
            if cur is None or state != "id":
                raise PoSyntaxError("second msgstr in one entry" if state == "str" else "msgstr must follow msgid", no)
            cur.msgstr = s
            cur.msgstr_lines[None] = no
            state = "str"
            in_str = True
        elif keyword == "msgid_plural":
            if cur is None or state != "id":
                raise PoSyntaxError("msgid_plural must follow msgid", no)
            cur.msgid_plural = s
            state = "plural"
        elif keyword.startswith("msgstr["):
            m = _INDEX.fullmatch(keyword)
            if m is None or cur is None or state not in ("plural", "str[n]"):
                raise PoSyntaxError("msgstr[n] must follow msgid_plural", no)
            index = int(m.group(1))
            if index in cur.msgstr_plural:
                raise PoSyntaxError(f"duplicate msgstr[{index}]", no)
            cur.msgstr_plural[index] = s
            cur.msgstr_lines[index] = no
            state = "str[n]"
            in_str = True
        else:
            raise PoSyntaxError(f"unknown keyword {keyword!r}", no)
    if cur is not None:
        if not state:
            cur = None  # trailing comments
        else:
            finish()
    return out
