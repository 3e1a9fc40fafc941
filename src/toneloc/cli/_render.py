"""``toneloc render TEMPLATE --locale TAG [--templates DIR] [--catalogs DIR] [--context FILE] [--var K=V] [--json]``.

TEMPLATE is a template file (``examples/helpdesk/templates/refund.html``), a template name with
``--templates``, or a KB article: a source article (``kb/track-your-order.md``: the best language for
``--locale`` is chosen), a given translation (``kb/track-your-order.de.md``) or an article folder.
Context values come from a JSON file (numbers with a decimal point are read as exact decimals) and
``--var key=value`` pairs.
With ``--json`` the text and its metadata (locale used, fallbacks, untranslated msgids, file) are printed.
"""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from toneloc.cli import print_json
from toneloc.errors import InvalidInputError


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("template", help="template file, template name (with --templates), KB article or folder")
    parser.add_argument("--locale", "-l", required=True, help="customer locale, e.g. de-DE")
    parser.add_argument("--templates", "-t", help="template folder (TEMPLATE is then a name inside it)")
    parser.add_argument("--catalogs", "-c", help="catalog folder (<locale>/LC_MESSAGES/messages.po); "
                                                  "default: a locales/ folder next to the templates")
    parser.add_argument("--context", help="JSON file with the render context")
    parser.add_argument("--var", action="append", default=[], metavar="KEY=VALUE", help="a context value (repeatable)")
    parser.add_argument("--customer-name", help="customer.name")
    parser.add_argument("--customer-tz", help="customer.timezone (IANA, e.g. Europe/Berlin)")
    parser.add_argument("--now", help="render time as an ISO timestamp with offset (default: now)")
    parser.add_argument("--no-sandbox", action="store_true", help="trusted templates only: plain Jinja2 environment")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(func=run)


def _context(args: argparse.Namespace) -> dict[str, Any]:
    ctx: dict[str, Any] = {}
    if args.context:
        path = Path(args.context)
        try:
            data = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
        except FileNotFoundError:
            raise InvalidInputError("context file not found", path=path) from None
        except UnicodeDecodeError as exc:
            raw = path.read_bytes()
            raise InvalidInputError(f"context file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})", path=path,
                                    line=raw[: exc.start].count(b"\n") + 1,
                                    hint="save the file as UTF-8 (JSON is UTF-8)") from None
        except OSError as exc:
            raise InvalidInputError(f"cannot read context file: {exc.strerror or exc}", path=path) from None
        except json.JSONDecodeError as exc:
            raise InvalidInputError(f"context file is not valid JSON: {exc.msg}", path=path, line=exc.lineno,
                                    column=exc.colno) from None
        if not isinstance(data, dict):
            raise InvalidInputError("the context file must hold a JSON object", path=path, line=1)
        ctx.update(data)
    for item in args.var:
        key, sep, value = item.partition("=")
        if not sep or not key.isidentifier():
            raise InvalidInputError(f"--var expects KEY=VALUE with an identifier key, got {item!r}")
        ctx[key] = value
    customer = dict(ctx.get("customer") or {})
    if args.customer_name:
        customer["name"] = args.customer_name
    if args.customer_tz:
        from toneloc.formatting._common import get_zone

        get_zone(args.customer_tz)  # an unknown zone fails here, naming the option's value
        customer["timezone"] = args.customer_tz
    if customer:
        ctx["customer"] = customer
    return ctx


def run(args: argparse.Namespace) -> int:
    from toneloc.formatting import parse_iso_datetime
    from toneloc.templating import TemplateSet, render
    from toneloc.templating.kb import render_article, render_kb, split_article_name

    ctx = _context(args)
    now = parse_iso_datetime(args.now) if args.now else None
    target = Path(args.template)
    if args.templates is None and (target.is_dir() or target.suffix == ".md"):
        templates = TemplateSet(catalogs=args.catalogs) if args.catalogs else None
        slug, lang = split_article_name(target)
        if target.is_dir() or lang is None:  # a folder or a source article: pick the best language
            art = render_kb(target.parent, target.name if target.is_dir() else slug, ctx, locale=args.locale,
                            templates=templates, now=now)
        else:
            art = render_article(target, ctx, locale=args.locale, templates=templates, now=now)
        if args.json:
            print_json({"html": art.html, "title": art.title, "lang": art.lang, "dir": art.dir,
                        "outdated": art.outdated, "notice": art.notice, "path": art.path,
                        "source_path": art.source_path, "locale": art.locale, "fallbacks": list(art.fallbacks),
                        "missing_msgids": list(art.missing_msgids)})
        else:
            print(art.html, end="")
        return 0
    if args.no_sandbox:
        root = Path(args.templates) if args.templates else target.parent
        catalogs = args.catalogs or (root.parent / "locales" if (root.parent / "locales").is_dir() else None)
        ts = TemplateSet(root, catalogs=catalogs, sandbox=False)
        result = ts.render(args.template if args.templates else target.name, ctx, locale=args.locale, now=now)
    else:
        result = render(args.template, ctx, locale=args.locale, templates=args.templates, catalogs=args.catalogs,
                        now=now)
    if args.json:
        print_json({"text": result.text, "locale": result.locale, "locale_used": result.locale_used,
                    "fallbacks": list(result.fallbacks), "missing_msgids": list(result.missing_msgids),
                    "template_path": result.template_path, "template_locale": result.template_locale,
                    "autoescape": result.autoescape})
    else:
        print(result.text, end="" if result.text.endswith("\n") else "\n")
    return 0
