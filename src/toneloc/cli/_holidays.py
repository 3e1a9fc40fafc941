"""``toneloc holidays --locale TAG [--year Y | --from D --to D] [--country XX] [--json]``."""

from __future__ import annotations

import argparse
from datetime import date

from toneloc.cli import print_json


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--locale", required=True, help="customer locale; names are in its language")
    parser.add_argument("--year", type=int, help="calendar year (default: this year)")
    parser.add_argument("--from", dest="start", help="first day (YYYY-MM-DD) instead of --year")
    parser.add_argument("--to", dest="end", help="last day (YYYY-MM-DD) instead of --year")
    parser.add_argument("--country", help="ISO country (default: the culture's holiday country)")
    parser.add_argument("--subdivision", help="subdivision code, e.g. QC or BY")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from toneloc.errors import InvalidInputError
    from toneloc.formatting import format_date, holidays_between, parse_iso_date

    if (args.start is None) != (args.end is None):
        raise InvalidInputError("--from and --to go together")
    if args.start is not None:
        if args.year is not None:
            raise InvalidInputError("use either --year or --from/--to")
        start, end = parse_iso_date(args.start), parse_iso_date(args.end)
    else:
        year = args.year if args.year is not None else date.today().year
        if not 1900 <= year <= 2200:
            raise InvalidInputError(f"year {year} is out of range", hint="use 1900..2200")
        start, end = date(year, 1, 1), date(year, 12, 31)
    found = holidays_between(start, end, locale=args.locale, country=args.country, subdivision=args.subdivision)
    if args.json:
        print_json([{"date": h.date.isoformat(), "name": h.name, "language": h.language_used,
                     "fallback": h.fallback, "country": h.country, "subdivision": h.subdivision} for h in found])
        return 0
    for h in found:
        mark = "  (English fallback)" if h.fallback else ""
        print(f"{h.date.isoformat()}  {format_date(h.date, locale=args.locale, format='full')}  {h.name}{mark}")
    return 0
