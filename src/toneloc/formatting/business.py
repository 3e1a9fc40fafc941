"""Business time for support promises: opening hours, weekends, holidays, closures, deadlines.

A :class:`BusinessCalendar` is explicit configuration (no global state): the team's time zone,
opening hours per weekday (Monday = 0), the holiday country/subdivision and extra closures. All
arithmetic is done on real elapsed time (UTC), so DST transitions are handled: a shift that crosses a
spring-forward night is one hour shorter.

Conventions (documented because promises depend on them):

* Opening hours are half-open ``[open, close)``: at closing time the team is closed.
* A shift whose close is not after its open (``(time(22), time(6))``) is an *overnight* shift that
  ends the next day; ``(time(0), time(0))`` is open 24 hours. An overnight shift belongs to the day
  it starts on (a holiday on that day cancels it).
* Half-days: where the ``holidays`` package's ``half_day`` category means that everyone stops work
  early (Turkey: "from 1pm" on the eves of Republic Day and the Bayrams), shifts end at
  ``half_day_close``. Other countries' ``half_day`` entries (e.g. China's, which apply only to some
  groups) are ignored.
* ``add_business_hours(start, N)`` is the earliest instant by which N business hours have elapsed
  since *start*; it may be a closing time ("17:00"). Therefore adding N then M equals adding N+M.
* ``add_business_days(start, N)`` is the close of the N-th business day *after* the start's local date
  (a ticket from Friday 15:00 with 1 business day is due at the close of Monday, or Tuesday when
  Monday is a holiday).

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> cal = BusinessCalendar.for_culture("de-DE")
>>> friday = datetime(2022, 9, 30, 15, 0, tzinfo=ZoneInfo("Europe/Berlin"))  # Monday 3 Oct 2022 is a holiday
>>> cal.add_business_days(friday, 1).isoformat()
'2022-10-04T17:00:00+02:00'
>>> cal.add_business_hours(friday, 4).isoformat()
'2022-10-04T11:00:00+02:00'
>>> cal.is_open(friday), cal.next_open(datetime(2022, 10, 1, 12, tzinfo=ZoneInfo("Europe/Berlin"))).isoformat()
(True, '2022-10-04T09:00:00+02:00')
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from toneloc.culture import get_culture
from toneloc.errors import ConfigError, InvalidInputError
from toneloc.formatting._common import ensure_aware, get_zone
from toneloc.formatting.calendar_holidays import _calendar, _check_country, _languages, names_on
from toneloc.locale import LocaleLike

__all__ = ["DEFAULT_HOURS", "HALF_DAY_COUNTRIES", "BusinessCalendar"]

DEFAULT_HOURS: tuple[tuple[time, time], ...] = ((time(9, 0), time(17, 0)),)
"""The default shift of :meth:`BusinessCalendar.for_culture`: 09:00-17:00 local time."""

HALF_DAY_COUNTRIES: frozenset[str] = frozenset({"TR"})
"""Countries whose ``holidays`` ``half_day`` category means a general early closing."""

_MAX_DAYS = 3660  # give up searching for an opening after ~10 years of closures
_CACHE_LIMIT = 50_000
_ZERO = timedelta(0)
_DAY = timedelta(days=1)

Interval = tuple[datetime, datetime]
_HOURS_HINT = "business hours are searched at most ~10 years ahead"


def _past_9999(start: datetime) -> InvalidInputError:
    return InvalidInputError(f"the calendar search from {start.isoformat()} runs past the year 9999",
                             hint="check the start timestamp")


def _as_timedelta(amount: float | int | Decimal | timedelta, what: str) -> timedelta:
    if isinstance(amount, bool):
        raise InvalidInputError(f"{what} must be a number or timedelta, got bool")
    if isinstance(amount, timedelta):
        out = amount
    elif isinstance(amount, Decimal):
        if not amount.is_finite():
            raise InvalidInputError(f"{what} must be finite, got {amount}")
        try:
            out = timedelta(microseconds=int((amount * 3_600_000_000).to_integral_value()))
        except (OverflowError, ArithmeticError) as exc:
            raise InvalidInputError(f"{what} {amount} is too large", hint=_HOURS_HINT) from exc
    elif isinstance(amount, int | float):
        if amount != amount or amount in (float("inf"), float("-inf")):
            raise InvalidInputError(f"{what} must be finite, got {amount}")
        try:
            out = timedelta(hours=amount)
        except OverflowError as exc:
            raise InvalidInputError(f"{what} {amount} is too large", hint=_HOURS_HINT) from exc
    else:
        raise InvalidInputError(f"{what} must be hours (int, float, Decimal) or a timedelta, "
                                f"got {type(amount).__name__}")
    if out < _ZERO:
        raise InvalidInputError(f"{what} must not be negative, got {amount}")
    return out


def _normalize_hours(hours: Mapping[int, Sequence[tuple[time, time]]]) -> Mapping[int, tuple[tuple[time, time], ...]]:
    if not isinstance(hours, Mapping):
        raise ConfigError(f"hours must map weekday (0=Monday) to shifts, got {type(hours).__name__}")
    out: dict[int, tuple[tuple[time, time], ...]] = {}
    for day, shifts in hours.items():
        if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= 6:
            raise ConfigError(f"hours key {day!r} is not a weekday number", hint="use 0 (Monday) to 6 (Sunday)")
        clean: list[tuple[time, time]] = []
        for shift in shifts:
            try:
                start, end = shift
            except (TypeError, ValueError) as exc:
                raise ConfigError(f"shift {shift!r} on weekday {day} is not an (open, close) pair") from exc
            if not isinstance(start, time) or not isinstance(end, time):
                raise ConfigError(f"shift {shift!r} on weekday {day} must be datetime.time values",
                                  hint="e.g. (time(9), time(17))")
            if start.tzinfo is not None or end.tzinfo is not None:
                raise ConfigError(f"shift {shift!r} on weekday {day} has a tzinfo; hours are local to the calendar's "
                                  "time zone")
            if start == end and start != time(0):
                raise ConfigError(f"shift {start.isoformat('minutes')}-{end.isoformat('minutes')} on weekday {day} "
                                  "is empty (open and close are the same time)",
                                  hint="use (time(0), time(0)) for 24 hours")
            clean.append((start, end))
        if clean:
            out[day] = tuple(sorted(clean))
    if not out:
        raise ConfigError("a business calendar needs opening hours on at least one weekday")
    return MappingProxyType(out)


def _normalize_closures(closures: Sequence[date | tuple[date, date]]) -> tuple[tuple[date, date], ...]:
    out: list[tuple[date, date]] = []
    for item in closures:
        if isinstance(item, datetime):
            raise ConfigError(f"closure {item!r} must be a date (or a (first, last) pair of dates), not a datetime")
        if isinstance(item, date):
            out.append((item, item))
            continue
        try:
            first, last = item
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"closure {item!r} must be a date or a (first, last) pair of dates") from exc
        if not isinstance(first, date) or not isinstance(last, date) or last < first:
            shown = f"{first}..{last}" if isinstance(first, date) and isinstance(last, date) else repr(item)
            raise ConfigError(f"closure {shown} must be a (first, last) pair of dates with first <= last",
                              hint="write the earlier day first, e.g. 2026-12-24..2026-12-31")
        out.append((first, last))
    return tuple(sorted(out))


@dataclass(frozen=True)
class BusinessCalendar:
    """A support team's calendar. Immutable; build directly or with :meth:`for_culture`.

    Args:
        timezone: IANA zone the opening hours are in.
        hours: weekday (0 = Monday) -> shifts ``(open, close)`` as local :class:`datetime.time`.
        country: ISO country for public holidays (``holidays`` package), or None for none.
        subdivision: holiday subdivision (``QC``, ``BY``...).
        closures: extra closed dates or inclusive ``(first, last)`` date ranges.
        half_days: close early on general half-day holidays (see :data:`HALF_DAY_COUNTRIES`).
        half_day_close: when a half-day ends.

    >>> cal = BusinessCalendar("Asia/Ho_Chi_Minh", {d: [(time(8), time(12)), (time(13), time(17, 30))]
    ...                                              for d in range(6)}, "VN")
    >>> sorted(cal.weekend)
    [6]
    """

    timezone: str
    hours: Mapping[int, Sequence[tuple[time, time]]] = field(hash=False)
    country: str | None = None
    subdivision: str | None = None
    closures: Sequence[date | tuple[date, date]] = ()
    half_days: bool = True
    half_day_close: time = time(13, 0)
    _days: dict[date, tuple[Interval, ...]] = field(default_factory=dict, init=False, repr=False, compare=False,
                                                     hash=False)

    def __post_init__(self) -> None:
        get_zone(self.timezone)  # validates the name
        object.__setattr__(self, "hours", _normalize_hours(self.hours))
        object.__setattr__(self, "closures", _normalize_closures(self.closures))
        if self.country is not None:
            code, sub = _check_country(self.country, self.subdivision)
            object.__setattr__(self, "country", code)
            object.__setattr__(self, "subdivision", sub)
        elif self.subdivision is not None:
            raise ConfigError("a holiday subdivision needs a country")

    @classmethod
    def for_culture(cls, locale: LocaleLike, *,
                    hours: Mapping[int, Sequence[tuple[time, time]]] | None = None,
                    closures: Sequence[date | tuple[date, date]] = (), tz: str | None = None) -> BusinessCalendar:
        """The culture's zone (or *tz*), weekend and holidays with 09:00-17:00 shifts (or *hours*).

        >>> BusinessCalendar.for_culture("ar-SA").weekend  # Friday and Saturday
        (4, 5)
        >>> BusinessCalendar.for_culture("de-CH").describe()["country"]   # no profile: Swiss holidays
        'CH'
        """
        culture = get_culture(locale)
        if hours is None:
            hours = {d: DEFAULT_HOURS for d in range(7) if d not in culture.weekend}
        return cls(tz or culture.require_timezone(), hours, culture.holiday_country, culture.holiday_subdivision,
                   closures)

    @property
    def weekend(self) -> tuple[int, ...]:
        """Weekdays without any opening hours."""
        return tuple(d for d in range(7) if d not in self.hours)

    # -- the day model ---------------------------------------------------------------------------

    def closed_reason(self, day: date) -> str | None:
        """Why *day* is closed all day (``closure``, a holiday name, ``weekend``), else None.

        >>> BusinessCalendar.for_culture("de-DE").closed_reason(date(2026, 12, 25))
        'holiday: Erster Weihnachtstag'
        """
        for first, last in self.closures:  # type: ignore[misc]
            if first <= day <= last:
                return "closure"
        if self.country is not None:
            names = names_on(_calendar(self.country, self.subdivision, _languages(self.country)[1] or None, ()), day)
            if names:
                return "holiday: " + "; ".join(names)
        if day.weekday() not in self.hours:
            return "weekend"
        return None

    def _half_day(self, day: date) -> bool:
        if not self.half_days or self.country not in HALF_DAY_COUNTRIES:
            return False
        return bool(names_on(_calendar(self.country, self.subdivision, None, ("half_day",)), day))

    def intervals_on(self, day: date) -> tuple[Interval, ...]:
        """Opening intervals (UTC, half-open) of the shifts that start on local *day*."""
        hit = self._days.get(day)
        if hit is not None:
            return hit
        out: list[Interval] = []
        if self.closed_reason(day) is None:
            zone = get_zone(self.timezone)
            cutoff = datetime.combine(day, self.half_day_close, zone) if self._half_day(day) else None
            for start, end in self.hours.get(day.weekday(), ()):
                a = datetime.combine(day, start, zone)
                b = datetime.combine(day if end > start else day + _DAY, end, zone)
                if cutoff is not None and b > cutoff:
                    b = cutoff
                a_utc, b_utc = a.astimezone(UTC), b.astimezone(UTC)
                if b_utc > a_utc:
                    out.append((a_utc, b_utc))
        result = tuple(out)
        if len(self._days) > _CACHE_LIMIT:
            self._days.clear()
        self._days[day] = result
        return result

    def _iter_from(self, t: datetime) -> Iterator[Interval]:
        """Disjoint, ordered opening intervals ending after *t* (UTC)."""
        zone = get_zone(self.timezone)
        day = t.astimezone(zone).date() - _DAY
        covered = t
        for i in range(_MAX_DAYS):
            try:
                spans = self.intervals_on(day + timedelta(days=i))
            except OverflowError as exc:
                raise _past_9999(t) from exc
            for a, b in spans:
                if b <= covered:
                    continue
                yield max(a, covered), b
                covered = b
        raise ConfigError(f"no business hours within {_MAX_DAYS} days after {t.isoformat()}",
                          hint="check the calendar's hours and closures")

    def _out(self, t: datetime) -> datetime:
        return t.astimezone(get_zone(self.timezone))

    # -- public queries ----------------------------------------------------------------------------

    def is_open(self, at: datetime) -> bool:
        """Is the team open at *at* (an aware datetime)?"""
        t = ensure_aware(at, "at").astimezone(UTC)
        a, _ = next(self._iter_from(t))
        return a <= t

    def next_open(self, at: datetime) -> datetime:
        """*at* itself if open, else the next opening time (in the calendar's zone)."""
        t = ensure_aware(at, "at").astimezone(UTC)
        a, _ = next(self._iter_from(t))
        return self._out(max(a, t))

    def add_business_hours(self, start: datetime, hours: float | Decimal | timedelta) -> datetime:
        """The earliest instant by which *hours* of opening time have elapsed since *start*.

        >>> from zoneinfo import ZoneInfo
        >>> cal = BusinessCalendar.for_culture("en-GB")
        >>> cal.add_business_hours(datetime(2026, 12, 24, 16, tzinfo=ZoneInfo("Europe/London")), 2).isoformat()
        '2026-12-29T10:00:00+00:00'
        """
        remaining = _as_timedelta(hours, "hours")
        if remaining > timedelta(days=_MAX_DAYS):  # even a 24/7 calendar could not fit it in the search window
            raise InvalidInputError(f"hours {hours} is more than {_MAX_DAYS * 24:,} hours (~10 years)",
                                    hint="business deadlines are computed up to ~10 years ahead")
        t = ensure_aware(start, "start").astimezone(UTC)
        if remaining == _ZERO:
            return self._out(t)
        seen = False
        try:
            for a, b in self._iter_from(t):
                seen = True
                avail = b - a
                if remaining <= avail:
                    try:
                        return self._out(a + remaining)
                    except OverflowError as exc:  # pragma: no cover - needs a slot ending in 9999
                        raise _past_9999(start) from exc
                remaining -= avail
        except ConfigError as exc:
            if not seen:
                raise  # the calendar has no opening hours at all
            raise InvalidInputError(f"hours {hours} of business time do not fit in the {_MAX_DAYS:,} days searched",
                                    hint="business deadlines are computed up to ~10 years ahead") from exc
        raise AssertionError("unreachable")  # pragma: no cover - _iter_from raises first

    def add_business_days(self, start: datetime, days: int) -> datetime:
        """Close of the *days*-th business day after the start's local date (0: today's close if still ahead)."""
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise InvalidInputError(f"days must be a non-negative int, got {days!r}")
        if days > _MAX_DAYS:
            raise InvalidInputError(f"days {days:,} is more than {_MAX_DAYS:,} days (~10 years)",
                                    hint="business deadlines are computed up to ~10 years ahead")
        t = ensure_aware(start, "start").astimezone(UTC)
        zone = get_zone(self.timezone)
        day = t.astimezone(zone).date()
        if days == 0:
            today = self.intervals_on(day)
            if today and today[-1][1] > t:
                return self._out(today[-1][1])
            days = 1
        seen = 0
        for _ in range(_MAX_DAYS):
            try:
                day += _DAY
                spans = self.intervals_on(day)
            except OverflowError as exc:
                raise _past_9999(start) from exc
            if spans:
                seen += 1
                if seen == days:
                    return self._out(spans[-1][1])
        raise ConfigError(f"fewer than {days} business days within {_MAX_DAYS} days after {start.isoformat()}")

    def business_hours_between(self, start: datetime, end: datetime) -> timedelta:
        """Opening time between two instants (negative when *end* is before *start*)."""
        s = ensure_aware(start, "start").astimezone(UTC)
        e = ensure_aware(end, "end").astimezone(UTC)
        if e < s:
            return -self.business_hours_between(end, start)
        total = _ZERO
        for a, b in self._iter_from(s):
            if a >= e:
                break
            total += min(b, e) - a
        return total

    def describe(self) -> dict[str, Any]:
        """A JSON-friendly summary (used by ``toneloc deadline --json``)."""
        return {
            "timezone": self.timezone,
            "hours": {str(d): [[s.isoformat("minutes"), e.isoformat("minutes")] for s, e in shifts]
                      for d, shifts in self.hours.items()},
            "country": self.country,
            "subdivision": self.subdivision,
            "closures": [[a.isoformat(), b.isoformat()] for a, b in self.closures],  # type: ignore[misc]
        }
