"""Strict text input for the CLI: files and standard input are UTF-8, checked byte by byte, never replaced.

A bad byte is an :class:`~toneloc.errors.InvalidInputError` naming the file (or ``<stdin>``), the line
and the column; a UTF-16 file says so; a closed standard input is an error, not a traceback.

>>> decode_utf8(b"Hallo\\nWelt", where="msg.txt")
'Hallo\\nWelt'
>>> decode_utf8(b"ok\\nbad \\xff", where="msg.txt")
Traceback (most recent call last):
...
toneloc.errors.InvalidInputError: msg.txt:2:5: text is not valid UTF-8 (byte 0xff) (hint: ...)
"""

from __future__ import annotations

import sys
from pathlib import Path

from toneloc.errors import InvalidInputError

__all__ = ["STDIN", "decode_utf8", "read_stdin", "read_text"]

STDIN = "<stdin>"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_utf8(data: bytes, *, where: str, what: str = "text") -> str:
    """Decode *data* as strict UTF-8 (a leading UTF-8 BOM is dropped); errors name *where*:line:column."""
    if data.startswith(_UTF16_BOMS):
        raise InvalidInputError(f"{what} is UTF-16 (byte order mark), not UTF-8", path=where, line=1,
                                hint="convert it first, e.g. iconv -f utf-16 -t utf-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        raise InvalidInputError(
            f"{what} is not valid UTF-8 (byte 0x{data[exc.start]:02x})", path=where,
            line=data.count(b"\n", 0, exc.start) + 1, column=exc.start - line_start + 1,
            hint="convert it first, e.g. iconv -f latin1 -t utf-8",
        ) from None
    return text.removeprefix("\ufeff")


def read_stdin(what: str = "standard input") -> str:
    """All of standard input as text (strict UTF-8 when it is a byte stream)."""
    stream = sys.stdin
    if stream is None or getattr(stream, "closed", False):
        raise InvalidInputError(f"{what} is closed; nothing to read", path=STDIN,
                                hint="pipe the text in, or pass it as an argument / with --file")
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # an in-memory text stream (tests, embedding)
        return str(stream.read())
    return decode_utf8(buffer.read(), where=STDIN, what=what)


def read_text(path: str | Path, what: str = "file") -> str:
    """A UTF-8 file's text; ``-`` reads standard input. Missing files and folders are clear errors."""
    if str(path) == "-":
        return read_stdin()
    p = Path(path)
    if p.is_dir():
        raise InvalidInputError(f"{what} is a directory", path=p, hint="pass a file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InvalidInputError(f"cannot read {what}: {exc.strerror or exc}", path=p,
                                hint="check the path, or use '-' for stdin") from None
    return decode_utf8(data, where=str(p), what=what)
