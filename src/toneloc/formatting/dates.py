"""Dates, times, datetimes, intervals, relative times and exact deadlines: thin over :mod:`babel.dates`.

Datetimes must be timezone-aware (toneloc never guesses a zone); they are shown in ``tz`` or, when
omitted, in the customer's culture time zone.

>>> from datetime import date, datetime, timezone
>>> format_date(date(2026, 10, 2), locale="de-DE", format="full")
'Freitag, 2. Oktober 2026'
>>> format_date(date(2026, 10, 2), locale="vi-VN", format="long")
'2 tháng 10, 2026'
>>> format_datetime(datetime(2026, 10, 2, 13, 0, tzinfo=timezone.utc), locale="ja-JP")
'2026/10/02 22:00:00'
>>> format_datetime(datetime(2026, 10, 2, 13, 0), locale="ja-JP")
Traceback (most recent call last):
...
toneloc.errors.NaiveDatetimeError: value 2026-10-02T13:00:00 is naive; toneloc never guesses a time zone (hint: ...)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, tzinfo
from typing import TypeVar

from babel import dates as _dates

from toneloc.errors import FormattingError, InvalidInputError, TonelocError
from toneloc.formatting._common import ensure_aware, get_locale, locale_and_culture, zone_for
from toneloc.locale import LocaleLike

__all__ = [
    "format_date",
    "format_datetime",
    "format_deadline",
    "format_interval",
    "format_relative",
    "format_time",
]


_T = TypeVar("_T")
_WIDTHS = frozenset({"short", "medium", "long", "full"})


def _check_pattern(format: object) -> None:
    """Refuse an empty pattern or one with an open quote before Babel misreads it."""
    if format not in _WIDTHS:
        if not isinstance(format, str) or not format.strip():
            raise FormattingError(f"empty or non-string date format {format!r}",
                                  hint="use short, medium, long, full or a CLDR pattern such as 'd. MMMM y'")
        if format.replace("''", "").count("'") % 2:
            raise FormattingError(f"date format {format!r} has an unterminated quote",
                                  hint="quote literal text as 'text' and write '' for a single quote")


def _babel_error(exc: Exception, what: object, format: str | None) -> TonelocError:
    """The toneloc error for a bare error Babel (or a time-zone move) raised on *what*."""
    if isinstance(exc, OverflowError):
        return InvalidInputError(f"{what} is out of the representable date range once moved to the time zone",
                                 hint="use a date between years 1 and 9999")
    if isinstance(exc, AttributeError):
        return FormattingError(f"date format {format!r} asks for a time field, but {what} is a date without a time",
                               hint="use date fields only (y M d E...), or format a datetime")
    return FormattingError(f"cannot format {what} with pattern {format!r}: {exc}",
                           hint="use short, medium, long, full or a CLDR pattern such as 'd. MMMM y'")


_BABEL_ERRORS = (OverflowError, AttributeError, KeyError, TypeError, ValueError)


def _guarded(call: Callable[[], _T], what: object, format: str | None = None) -> _T:
    """Run a Babel call, turning its bare errors into toneloc ones that name the value and pattern."""
    if format is not None:
        _check_pattern(format)
    try:
        return call()
    except _BABEL_ERRORS as exc:
        raise _babel_error(exc, what, format) from exc


def format_date(value: date | datetime, *, locale: LocaleLike, format: str = "medium", tz: str | None = None) -> str:
    """Format a calendar date (``short``/``medium``/``long``/``full`` or a CLDR pattern).

    An aware ``datetime`` is first moved to *tz* (default: the culture's zone), so the customer sees
    *their* calendar day; a naive ``datetime`` raises :class:`~toneloc.errors.NaiveDatetimeError`.

    >>> format_date(date(2026, 11, 28), locale="lv-LV", format="long")
    '2026. gada 28. novembris'
    >>> from datetime import timezone
    >>> format_date(datetime(2026, 11, 28, 23, 30, tzinfo=timezone.utc), locale="id-ID", format="full")
    'Minggu, 29 November 2026'
    """
    loc = get_locale(locale)
    if isinstance(value, datetime):
        ensure_aware(value)
        zone = zone_for(loc, tz, value.tzinfo)
        moment = value
        value = _guarded(lambda: moment.astimezone(zone).date(), moment)
    elif not isinstance(value, date):
        raise InvalidInputError(f"value must be a date or datetime, got {type(value).__name__}",
                                hint="parse strings with toneloc.formatting.parse_iso_date")
    if format not in _WIDTHS:
        _check_pattern(format)
    try:  # inline rather than _guarded: the hot path of template date filters
        return _dates.format_date(value, format=format, locale=loc)
    except _BABEL_ERRORS as exc:
        raise _babel_error(exc, value, format) from exc


def format_time(value: datetime, *, locale: LocaleLike, format: str = "short", tz: str | None = None) -> str:
    """Format the wall-clock time of an aware datetime in *tz* (default: the culture's zone).

    >>> from datetime import timezone
    >>> format_time(datetime(2026, 10, 2, 13, 0, tzinfo=timezone.utc), locale="en-US")
    '9:00\\u202fAM'
    """
    loc, culture = locale_and_culture(locale)
    ensure_aware(value)
    zone = zone_for(loc, tz, value.tzinfo, culture)
    return _guarded(lambda: _dates.format_time(value, format=format, tzinfo=zone, locale=loc), value, format)


def format_datetime(value: datetime, *, locale: LocaleLike, format: str = "medium", tz: str | None = None) -> str:
    """Format an aware datetime in *tz* (default: the culture's zone).

    >>> from datetime import timezone
    >>> format_datetime(datetime(2026, 10, 2, 13, 0, tzinfo=timezone.utc), locale="pt-BR", format="short")
    '02/10/2026 10:00'
    """
    loc, culture = locale_and_culture(locale)
    ensure_aware(value)
    zone = zone_for(loc, tz, value.tzinfo, culture)
    if format not in _WIDTHS:
        _check_pattern(format)
    try:  # inline rather than _guarded: the hot path of template datetime filters
        return _dates.format_datetime(value, format=format, tzinfo=zone, locale=loc)
    except _BABEL_ERRORS as exc:
        raise _babel_error(exc, value, format) from exc


def format_interval(start: datetime, end: datetime, *, locale: LocaleLike, skeleton: str = "yMMMd",
                    tz: str | None = None) -> str:
    """A date/time range using CLDR interval formats (shared parts are not repeated).

    >>> from datetime import timezone
    >>> s = datetime(2026, 12, 24, 12, tzinfo=timezone.utc)
    >>> format_interval(s, s + timedelta(days=3), locale="de-DE")
    '24.–27. Dez. 2026'
    """
    loc = get_locale(locale)
    ensure_aware(start, "start")
    ensure_aware(end, "end")
    zone = zone_for(loc, tz, start.tzinfo)
    return _dates.format_interval(start.astimezone(zone), end.astimezone(zone), skeleton=skeleton, locale=loc)


def format_relative(delta: timedelta, *, locale: LocaleLike, add_direction: bool = True) -> str:
    """A *rounded* relative time for display ("in 2 days"). Never use it for promises:
    Babel rounds 26 hours to "1 day"; use :func:`format_deadline` for an exact time.

    >>> format_relative(timedelta(hours=26), locale="en-US")
    'in 1 day'
    >>> format_relative(timedelta(minutes=-5), locale="ko-KR")
    '5분 전'
    """
    if not isinstance(delta, timedelta):
        raise InvalidInputError(f"delta must be a timedelta, got {type(delta).__name__}")
    return _dates.format_timedelta(delta, add_direction=add_direction, locale=get_locale(locale))


def format_deadline(deadline: datetime, *, locale: LocaleLike, tz: str | tzinfo | None = None,
                    show_zone: bool = False) -> str:
    """The exact deadline: full weekday and date plus the minute, never rounded.

    Shown in *tz* (default: the culture's zone). With ``show_zone`` the zone's localized short name
    is appended (useful when team and customer zones differ).

    >>> from datetime import timezone
    >>> d = datetime(2026, 10, 6, 15, 0, tzinfo=timezone.utc)
    >>> format_deadline(d, locale="de-DE")
    'Dienstag, 6. Oktober 2026, 17:00'
    >>> format_deadline(d, locale="vi-VN")
    '22:00 Thứ Ba, 6 tháng 10, 2026'
    >>> format_deadline(d, locale="en-US", tz="America/New_York", show_zone=True)
    'Tuesday, October 6, 2026, 11:00\\u202fAM EDT'
    """
    loc = get_locale(locale)
    ensure_aware(deadline, "deadline")
    zone = zone_for(loc, tz, deadline.tzinfo)
    local = _guarded(lambda: deadline.astimezone(zone), deadline)
    day = _dates.format_date(local.date(), format="full", locale=loc)
    clock = _dates.format_time(local, format="short", tzinfo=local.tzinfo, locale=loc)
    if show_zone:
        clock += " " + _dates.get_timezone_name(local, width="short", locale=loc)
    pattern = str(loc.datetime_formats.get("full", "{1} {0}"))
    return pattern.replace("{1}", day).replace("{0}", clock)
