"""Benchmark: toneloc.formatting vs the same Babel calls made directly, and deadline throughput.

The fair peer is Babel called with a *pre-parsed* ``babel.Locale`` (and a pre-built ``ZoneInfo``):
what a careful caller would hand-wire. toneloc is called the way users call it, with a locale string
(``"de-DE"``) and the culture's default currency/time zone where that is its job. Both run in the
same process, interleaved, best of several repeats; the ratio is what matters on a shared machine.

Run: ``python bench/bench_formatting.py`` (or ``nox -s bench``).
"""

from __future__ import annotations

import platform
import random
import sys
import timeit
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import babel
from babel import dates as bdates
from babel import numbers as bnum

from toneloc.formatting import BusinessCalendar, format_date, format_datetime, format_money, format_number

LOC = babel.Locale.parse("de_DE")
ZONE = ZoneInfo("Europe/Berlin")
AMOUNT = Decimal("1234567.891")
DAY = date(2026, 10, 2)
MOMENT = datetime(2026, 10, 2, 13, 0, tzinfo=UTC)

CASES: list[tuple[str, Callable[[], object], Callable[[], object]]] = [
    ("format_money", lambda: format_money(AMOUNT, "EUR", locale="de-DE"),
     lambda: bnum.format_currency(AMOUNT, "EUR", locale=LOC)),
    ("format_money (culture currency)", lambda: format_money(AMOUNT, locale="de-DE"),
     lambda: bnum.format_currency(AMOUNT, "EUR", locale=LOC)),
    ("format_number", lambda: format_number(AMOUNT, locale="de-DE"),
     lambda: bnum.format_decimal(AMOUNT, locale=LOC)),
    ("format_date", lambda: format_date(DAY, locale="de-DE"),
     lambda: bdates.format_date(DAY, "medium", locale=LOC)),
    ("format_datetime (culture zone)", lambda: format_datetime(MOMENT, locale="de-DE"),
     lambda: bdates.format_datetime(MOMENT, "medium", tzinfo=ZONE, locale=LOC)),
]


def best_per_call(fn: Callable[[], object], number: int, repeat: int) -> float:
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def bench_formatting(number: int = 2000, repeat: int = 7) -> list[tuple[str, float, float, float]]:
    rows = []
    for name, ours, peer in CASES:
        assert ours() == peer(), (name, ours(), peer())  # same output, or the comparison is meaningless
        ours(), peer()  # warm caches
        t_ours, t_peer = [], []
        for _ in range(repeat):  # interleave so load spikes hit both
            t_ours.append(best_per_call(ours, number, 1))
            t_peer.append(best_per_call(peer, number, 1))
        o, p = min(t_ours), min(t_peer)
        rows.append((name, o * 1e6, p * 1e6, o / p))
    return rows


def bench_deadlines(n: int = 20_000) -> list[tuple[str, float]]:
    rng = random.Random(42)
    base = datetime(2026, 1, 1, tzinfo=UTC)
    starts = [base + timedelta(minutes=rng.randrange(0, 365 * 24 * 60)) for _ in range(n)]
    amounts = [timedelta(minutes=rng.randrange(1, 60 * 40)) for _ in range(n)]
    out = []
    for label, fresh in [("add_business_hours, one calendar (warm cache)", False),
                         ("add_business_hours, new calendar every 1000", True)]:
        cal = BusinessCalendar.for_culture("de-DE")
        t0 = timeit.default_timer()
        for i, (s, a) in enumerate(zip(starts, amounts, strict=True)):
            if fresh and i % 1000 == 0:
                cal = BusinessCalendar.for_culture("de-DE")
            cal.add_business_hours(s, a)
        out.append((label, n / (timeit.default_timer() - t0)))
    cal = BusinessCalendar.for_culture("de-DE")
    t0 = timeit.default_timer()
    for i, s in enumerate(starts):
        cal.add_business_days(s, 1 + i % 5)
    out.append(("add_business_days (1-5 days)", n / (timeit.default_timer() - t0)))
    return out


def main() -> int:
    print(f"toneloc formatting benchmark - Python {platform.python_version()}, Babel {babel.__version__}, "
          f"{platform.machine()}, {sys.platform}")
    print()
    print(f"{'call':<34}{'toneloc µs':>12}{'Babel µs':>12}{'ratio':>8}")
    worst = 0.0
    for name, o, p, r in bench_formatting():
        worst = max(worst, r)
        print(f"{name:<34}{o:>12.2f}{p:>12.2f}{r:>8.3f}")
    print(f"worst ratio: {worst:.3f} (target <= 1.1)")
    print()
    print(f"{'business deadlines':<46}{'per second':>14}")
    for name, rate in bench_deadlines():
        print(f"{name:<46}{rate:>14,.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
