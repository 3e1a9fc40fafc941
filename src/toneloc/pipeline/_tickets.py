"""Tickets as JSON (the demo's, the web service's and ``toneloc reply``'s input) and the bundled examples.

A ticket file::

    {"id": "T-1001", "template": "delayed_shipment", "message": "Tôi chưa nhận được hàng",
     "customer": {"id": "c-17", "name": "Lan", "locale": "vi-VN", "timezone": "Asia/Ho_Chi_Minh"},
     "context": {"order_id": "A-1043", ...}, "note": "optional line from the agent"}

Numbers with a decimal point are read as exact :class:`~decimal.Decimal` (money is never a float).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from toneloc.errors import InvalidInputError

__all__ = ["Ticket", "demo_config", "examples_root", "load_ticket", "parse_ticket", "read_utf8"]

DEMO_LOCALES = ("en-US", "de-DE", "de-AT", "fr-FR", "es-ES", "pt-BR", "ja-JP", "vi-VN", "id-ID", "lv-LV",
                "it-IT", "ru-RU", "pl-PL", "ar-SA")
"""The locales the bundled demo answers in."""


@dataclass(frozen=True, slots=True)
class Ticket:
    """One support ticket: the customer's message, the reply template and its context."""

    id: str | None
    template: str
    message: str | None = None
    customer: Mapping[str, Any] = field(default_factory=dict)
    context: Mapping[str, Any] = field(default_factory=dict)
    note: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


def _line_of(text: str, key: str) -> int | None:
    needle = f'"{key}"'
    for n, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return n
    return None


def parse_ticket(data: Any, *, path: str | os.PathLike[str] | None = None, text: str = "") -> Ticket:
    """A :class:`Ticket` from decoded JSON; bad fields raise :class:`~toneloc.errors.InvalidInputError`
    naming the field (and file:line when *path*/*text* are given).

    >>> parse_ticket({"template": "refund", "message": "Hi", "context": {"order_id": "A-1"}}).template
    'refund'
    >>> parse_ticket({"message": "Hi"})
    Traceback (most recent call last):
    ...
    toneloc.errors.InvalidInputError: ticket field 'template' is missing (hint: ...)
    """
    where = Path(path) if path is not None else None
    if not isinstance(data, Mapping):
        raise InvalidInputError("a ticket must be a JSON object", path=where, line=1,
                                hint='{"template": "refund", "message": "...", "customer": {...}, "context": {...}}')

    def bad(key: str, msg: str, hint: str | None = None) -> InvalidInputError:
        return InvalidInputError(f"ticket field {key!r} {msg}", path=where, line=_line_of(text, key) if text else None,
                                 hint=hint)

    template = data.get("template")
    if template is None:
        raise bad("template", "is missing", 'add "template": "refund" (a template name)')
    if not isinstance(template, str) or not template.strip():
        raise bad("template", "must be a non-empty string", 'e.g. "template": "refund"')
    for key in ("message", "note", "id"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise bad(key, "must be a string", f'e.g. "{key}": "..." (or leave it out)')
    for key in ("customer", "context"):
        if data.get(key) is not None and not isinstance(data[key], Mapping):
            raise bad(key, "must be an object", f'e.g. "{key}": {{"name": "..."}} (or leave it out)')
    context = dict(data.get("context") or {})
    nested = context.pop("customer", None)
    if nested is not None and not isinstance(nested, Mapping):
        raise bad("customer", "(inside context) must be an object", 'e.g. "customer": {"name": "..."}')
    customer = dict(data.get("customer") or nested or {})
    known = {"id", "template", "message", "customer", "context", "note"}
    return Ticket(id=data.get("id"), template=template, message=data.get("message"), customer=customer,
                  context=context, note=data.get("note"), extra={k: v for k, v in data.items() if k not in known})


def read_utf8(path: str | os.PathLike[str], *, what: str = "file") -> str:
    """The text of a UTF-8 file; a missing file or invalid UTF-8 raises
    :class:`~toneloc.errors.InvalidInputError` naming the file, line and column of the bad byte.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.json"
    >>> _ = p.write_bytes(b'{"message":\\n "caf\\xe9"}')
    >>> read_utf8(p, what="ticket")
    Traceback (most recent call last):
    ...
    toneloc.errors.InvalidInputError: ...t.json:2:6: ticket is not valid UTF-8 (byte 0xe9) (hint: ...)
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InvalidInputError(f"cannot read {what}: {exc.strerror or exc}", path=p) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise InvalidInputError(f"{what} is not valid UTF-8 (byte 0x{data[exc.start]:02x})", path=p, line=line,
                                column=column, hint="save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)") from None


def load_ticket(path: str | os.PathLike[str]) -> Ticket:
    """Read a ticket JSON file (decimals exact); errors name the file and line."""
    p = Path(path)
    text = read_utf8(p, what="ticket")
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise InvalidInputError(f"ticket is not valid JSON: {exc.msg}", path=p, line=exc.lineno,
                                column=exc.colno) from None
    return parse_ticket(data, path=p, text=text)


def examples_root() -> Path | None:
    """The repository's ``examples/`` folder (``$TONELOC_EXAMPLES``, next to the source tree of an
    editable install, or under the current folder), or ``None`` when it cannot be found."""
    env = os.environ.get("TONELOC_EXAMPLES")
    candidates = [Path(env)] if env else []
    here = Path(__file__).resolve()
    candidates += [here.parents[3] / "examples", Path.cwd() / "examples"]
    for c in candidates:
        if (c / "helpdesk" / "templates").is_dir() and (c / "tickets").is_dir():
            return c
    return None


def demo_config(**overrides: Any) -> Any:
    """The :class:`~toneloc.pipeline.PipelineConfig` of the bundled example helpdesk."""
    from toneloc.errors import PipelineError
    from toneloc.pipeline._config import PipelineConfig

    root = examples_root()
    if root is None:
        raise PipelineError("the example helpdesk (examples/helpdesk, examples/tickets) was not found",
                            hint="run from a clone of the toneloc repository or set TONELOC_EXAMPLES=/path/to/examples")
    values: dict[str, Any] = {"templates": (root / "helpdesk" / "templates",),
                              "catalogs": root / "helpdesk" / "locales", "locales": DEMO_LOCALES}
    values.update(overrides)
    return PipelineConfig(**values)
