"""``toneloc deadline --locale TAG --start ISO (--days N | --hours H) [--tz ZONE] [--team-locale TAG]
[--team-tz ZONE] [--json]``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from toneloc.culture import Culture


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--locale", required=True, help="customer locale: the deadline is rendered for it")
    parser.add_argument("--start", required=True, help="ticket time, ISO 8601 with offset (2026-10-02T15:00+02:00)")
    amount = parser.add_mutually_exclusive_group(required=True)
    amount.add_argument("--days", type=int, help="business days (due at the close of the N-th business day)")
    amount.add_argument("--hours", help="business hours (decimal, e.g. 4 or 1.5)")
    parser.add_argument("--tz", help="customer's IANA time zone (default: the culture's; needed for regions "
                        "without a profile that span several zones, e.g. en-CA)")
    parser.add_argument("--team-locale", help="culture of the support team's calendar (default: --locale)")
    parser.add_argument("--team-tz", help="support team's IANA time zone, used for the team calendar (default: "
                        "--tz when the team locale is the customer's, else the team culture's zone)")
    parser.add_argument("--open", default="09:00", help="daily opening time (default 09:00)")
    parser.add_argument("--close", default="17:00", help="daily closing time (default 17:00)")
    parser.add_argument("--closure", action="append", default=[], metavar="DAY[..DAY]",
                        help="extra closed day or range, repeatable (2026-12-24..2026-12-31)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from datetime import date, time
    from decimal import Decimal, InvalidOperation

    from toneloc.cli import print_json
    from toneloc.culture import get_culture
    from toneloc.errors import InvalidInputError
    from toneloc.formatting import BusinessCalendar, format_deadline, parse_iso_date, parse_iso_datetime

    start = parse_iso_datetime(args.start)
    try:
        opens, closes = time.fromisoformat(args.open), time.fromisoformat(args.close)
    except ValueError as exc:
        raise InvalidInputError(f"bad --open/--close time: {exc}", hint="use HH:MM") from exc
    closures: list[date | tuple[date, date]] = []
    for item in args.closure:
        first, _, last = item.partition("..")
        closures.append((parse_iso_date(first), parse_iso_date(last)) if last else parse_iso_date(first))
    customer = get_culture(args.locale)
    team = get_culture(args.team_locale or args.locale)
    same_team = team.tag == customer.tag
    team_tz = args.team_tz or (args.tz if same_team else None) or _zone(team, "--tz" if same_team else "--team-tz")
    hours = {d: [(opens, closes)] for d in range(7) if d not in team.weekend}
    cal = BusinessCalendar.for_culture(team.locale, hours=hours, closures=closures, tz=team_tz)
    if args.days is not None:
        due = cal.add_business_days(start, args.days)
        amount = f"{args.days} business day(s)"
    else:
        try:
            hrs = Decimal(args.hours)
        except InvalidOperation as exc:
            raise InvalidInputError(f"--hours {args.hours!r} is not a number") from exc
        due = cal.add_business_hours(start, hrs)
        amount = f"{args.hours} business hour(s)"
    customer_tz = args.tz or _zone(customer, "--tz")
    text = format_deadline(due, locale=args.locale, tz=customer_tz, show_zone=customer_tz != cal.timezone)
    if args.json:
        print_json({"start": start.isoformat(), "amount": amount, "deadline": due.isoformat(),
                    "deadline_unix": due.timestamp(),
                    "text": text, "locale": args.locale, "calendar": cal.describe()})
    else:
        print(text)
    return 0


def _zone(culture: Culture, option: str) -> str:
    """*culture*'s time zone, or an error naming the command-line *option* that supplies it."""
    whose = "the support team's" if option == "--team-tz" else "the customer's"
    return culture.require_timezone(supply=f"pass {option} ({whose} IANA time zone)")
