"""``toneloc format {money,number,percent,date,datetime} VALUE --locale TAG [--json]``."""

from __future__ import annotations

import argparse

from toneloc.cli import print_json


def register(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    money = sub.add_parser("money", help="format an amount of money (exact decimals, never floats)",
                           description="format an amount of money (exact decimals, never floats)")
    money.add_argument("amount", help="decimal amount, e.g. 1234.50")
    money.add_argument("--currency", help="ISO 4217 code (default: the culture's currency)")
    money.add_argument("--format-type", default="standard", choices=["standard", "accounting", "name"])
    number = sub.add_parser("number", help="format a number", description="format a number")
    number.add_argument("value", help="decimal number")
    percent = sub.add_parser("percent", help="format a ratio as a percentage (0.25 is 25 %%)",
                             description="format a ratio as a percentage")
    percent.add_argument("value", help="decimal ratio")
    date_p = sub.add_parser("date", help="format a date (YYYY-MM-DD)", description="format a date (YYYY-MM-DD)")
    date_p.add_argument("value", help="ISO date, e.g. 2026-10-02")
    date_p.add_argument("--format", default="medium", help="short, medium, long, full or a CLDR pattern")
    dt = sub.add_parser("datetime", help="format an aware timestamp in the customer's time zone",
                        description="format an aware timestamp in the customer's time zone")
    dt.add_argument("value", help="ISO timestamp with offset, e.g. 2026-10-02T15:00+02:00")
    dt.add_argument("--format", default="medium", help="short, medium, long, full or a CLDR pattern")
    dt.add_argument("--tz", help="IANA time zone (default: the culture's)")
    for p in (money, number, percent, date_p, dt):
        p.add_argument("--locale", required=True, help="customer locale, e.g. de-DE")
        p.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from toneloc import formatting as f
    from toneloc.locale import locale_tag

    kind: str = args.kind
    if kind == "money":
        text = f.format_money(args.amount, args.currency, locale=args.locale, format_type=args.format_type)
        value = args.amount
    elif kind == "number":
        text, value = f.format_number(args.value, locale=args.locale), args.value
    elif kind == "percent":
        text, value = f.format_percent(args.value, locale=args.locale), args.value
    elif kind == "date":
        day = f.parse_iso_date(args.value)
        text, value = f.format_date(day, locale=args.locale, format=args.format), day.isoformat()
    else:
        moment = f.parse_iso_datetime(args.value)
        text = f.format_datetime(moment, locale=args.locale, format=args.format, tz=args.tz)
        value = moment.isoformat()
    if args.json:
        print_json({"kind": kind, "input": value, "locale": locale_tag(args.locale), "text": text})
    else:
        print(text)
    return 0
