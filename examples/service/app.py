"""A small web service a helpdesk developer can copy: POST a ticket, get the localized reply.

Run it::

    pip install "toneloc[all,service]"
    python examples/service/app.py --port 8080            # the bundled example helpdesk
    TONELOC_CONFIG=toneloc.toml python examples/service/app.py   # your templates and review store

Ask it::

    curl -s localhost:8080/reply -H 'content-type: application/json' \\
         -d '{"id": "T-1", "template": "refund", "message": "Tôi chưa nhận được hàng",
              "customer": {"name": "Lan"}, "context": {"order_id": "A-1", "amount": 10.5, "currency": "EUR",
              "items": [], "business_days": 3}}'

The answer is :meth:`toneloc.pipeline.Reply.to_dict`: ``status`` (``send`` or ``review``), ``locale``
and why, ``text`` and ``html``, per-segment provenance, checks and the review item ids. Bad input is a
400 with ``{"error": ..., "type": ..., "where": ..., "hint": ...}`` (a body that is not UTF-8, not
JSON, a missing field, an unknown template, an over-long message...), a body over 1 MB a 413; nothing
else about the server leaks.

One :class:`~toneloc.pipeline.Pipeline` serves every request (it is thread-safe); engines, catalogs
and compiled templates stay warm between requests.
"""

from __future__ import annotations

import argparse
import json
import os
from decimal import Decimal
from typing import Any

from flask import Flask, Response, request

from toneloc.errors import InvalidInputError, TonelocError
from toneloc.pipeline import Pipeline, demo_config, load_config, parse_ticket

MAX_BODY_BYTES = 1_000_000
"""Larger request bodies get a 413 (a message itself is limited by ``max_message_chars``)."""


def default_pipeline() -> Pipeline:
    """``$TONELOC_CONFIG`` (a toneloc.toml), else the bundled example helpdesk."""
    path = os.environ.get("TONELOC_CONFIG")
    return Pipeline(load_config(path) if path else demo_config(review_store=os.environ.get("TONELOC_REVIEW_DB")))


def _json(data: Any, status: int = 200) -> Response:
    return Response(json.dumps(data, ensure_ascii=False, default=str), status=status,
                    mimetype="application/json; charset=utf-8")


def create_app(pipeline: Pipeline | None = None) -> Flask:
    """The Flask application; pass your own pipeline (tests pass one with an in-memory store)."""
    app = Flask(__name__)
    pipe = pipeline or default_pipeline()
    app.config["PIPELINE"] = pipe
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES

    @app.errorhandler(413)
    def too_large(_exc: Exception) -> Response:
        return _json({"error": f"the request body is larger than {MAX_BODY_BYTES:,} bytes", "type": "RequestTooLarge",
                      "where": None, "hint": "send one ticket with the customer's latest message"}, 413)

    @app.get("/health")
    def health() -> Response:
        return _json({"ok": True, "locales": list(pipe.config.locales)})

    @app.post("/reply")
    def reply() -> Response:
        body = request.get_data()
        try:
            try:
                raw = body.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InvalidInputError(f"body is not valid UTF-8 (byte 0x{body[exc.start]:02x} at offset {exc.start})",
                                        hint="send the ticket JSON encoded as UTF-8") from None
            try:
                data = json.loads(raw, parse_float=Decimal)  # money stays exact
            except json.JSONDecodeError as exc:
                raise InvalidInputError(f"body is not valid JSON: {exc.msg}", line=exc.lineno, column=exc.colno,
                                        hint="send a ticket object with template, message, customer, context") from None
            ticket = parse_ticket(data)
            customer = dict(ticket.customer)
            customer.setdefault("name", "")
            result = pipe.reply(message=ticket.message, template=ticket.template, context=ticket.context,
                                customer=customer, note=ticket.note, ticket_id=ticket.id)
        except TonelocError as exc:
            return _json({"error": exc.message, "type": type(exc).__name__, "where": exc.where, "hint": exc.hint},
                         400)
        return _json(result.to_dict())

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args()
    create_app().run(host=args.host, port=args.port)


if __name__ == "__main__":
    main()
