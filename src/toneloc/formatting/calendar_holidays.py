"""Public holidays with names in the customer's language: thin over the ``holidays`` package.

The country (and subdivision) come from the customer's culture unless given. Names are asked for in
the customer's language; when ``holidays`` has no translation for it, the English name is used and
:attr:`Holiday.fallback` says so (never a silent fallback).

>>> from datetime import date
>>> h = holiday_on(date(2026, 9, 2), locale="vi-VN")
>>> h.name, h.language_used, h.fallback
('Quốc khánh', 'vi', False)
>>> holiday_on(date(2026, 9, 2), locale="en-US", country="VN").name
'National Day'
>>> holiday_on(date(2026, 10, 3), locale="ja-JP", country="DE").language_used  # no Japanese names for DE
'en_US'
>>> [h.name for h in holidays_between(date(2026, 6, 1), date(2026, 7, 31), locale="fr-CA")]
['Fête nationale du Québec', 'Fête du Canada']
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from datetime import date
from typing import Any

import babel

from toneloc.errors import CultureNotFoundError, InvalidInputError, UnsupportedCountryError, close_matches
from toneloc.formatting._common import culture_or_none, get_locale
from toneloc.locale import LocaleLike

__all__ = ["Holiday", "holiday_on", "holidays_between", "supported_countries"]

_MAX_RANGE_DAYS = 366 * 30


@dataclass(frozen=True, slots=True)
class Holiday:
    """One public holiday (several on the same day are joined with ``"; "`` in :attr:`name`).

    Attributes:
        date: the day.
        name: the name in :attr:`language_used`.
        language_used: the ``holidays`` language code the name is in (``vi``, ``pt_BR``, ``en_US``).
        fallback: True when the customer's language was not available and English (or the country's
            own language) was used instead.
        country: ISO 3166 code.
        subdivision: subdivision code or ``None`` for the national calendar.
    """

    date: date
    name: str
    language_used: str
    fallback: bool
    country: str
    subdivision: str | None = None


@functools.lru_cache(maxsize=1)
def supported_countries() -> dict[str, tuple[str, ...]]:
    """Country code -> subdivision codes, as the installed ``holidays`` package supports them."""
    import holidays

    return {k: tuple(v) for k, v in holidays.list_supported_countries().items()}


def _check_country(country: str, subdivision: str | None) -> tuple[str, str | None]:
    code = country.strip().upper() if isinstance(country, str) else ""
    supported = supported_countries()
    if code not in supported:
        hits = close_matches(code, supported)
        raise UnsupportedCountryError(
            f"the holidays package does not cover country {country!r}",
            hint=("did you mean: " + ", ".join(hits)) if hits else "use an ISO 3166 alpha-2 code such as 'DE'",
        )
    if subdivision is not None:
        sub = subdivision.strip().upper()
        subs = supported[code]
        if sub not in subs:
            hits = close_matches(sub, subs)
            raise UnsupportedCountryError(
                f"the holidays package does not know subdivision {subdivision!r} of {code}",
                hint=("did you mean: " + ", ".join(hits)) if hits else f"known: {', '.join(subs[:12])}",
            )
        return code, sub
    return code, None


@functools.lru_cache(maxsize=256)
def _languages(country: str) -> tuple[tuple[str, ...], str]:
    import holidays

    cls = type(holidays.country_holidays(country))
    return tuple(getattr(cls, "supported_languages", ()) or ()), str(getattr(cls, "default_language", "") or "")


def choose_language(loc: babel.Locale, country: str) -> tuple[str | None, bool]:
    """The ``holidays`` language for *loc* in *country*, and whether it is a fallback.

    Tries ``ll_RR``, ``ll``, any ``ll_*`` the country offers; else ``en_US`` (or the country's
    default language when it has no English), flagged as a fallback.
    """
    supported, default = _languages(country)
    lang = str(loc.language)
    candidates = [f"{lang}_{loc.territory}" if loc.territory else None, lang]
    for cand in candidates:
        if cand and cand in supported:
            return cand, False
    for cand in supported:
        if cand.split("_")[0] == lang:
            return cand, False
    if default and default.split("_")[0] == lang:
        return default, False
    if "en_US" in supported:
        return "en_US", True
    return (default or None), True


_lock = threading.Lock()


@functools.lru_cache(maxsize=256)
def _calendar(country: str, subdivision: str | None, language: str | None, categories: tuple[str, ...]) -> Any:
    import holidays

    kwargs: dict[str, Any] = {"subdiv": subdivision, "language": language}
    if categories:
        kwargs["categories"] = categories
    return holidays.country_holidays(country, **kwargs)


def names_on(cal: Any, day: date) -> list[str]:
    """Thread-safe lookup of the holiday names on *day* (``holidays`` expands years lazily)."""
    with _lock:
        return [str(n) for n in cal.get_list(day)]


def _defaults(loc: babel.Locale, country: str | None, subdivision: str | None) -> tuple[str, str | None]:
    if country is None:
        culture = culture_or_none(loc)
        if culture is None:
            raise CultureNotFoundError(f"no culture profile for {str(loc)!r} to take a holiday country from",
                                       hint="pass country='XX'")
        country, subdivision = culture.holiday_country, culture.holiday_subdivision if subdivision is None \
            else subdivision
    return _check_country(country, subdivision)


def holiday_on(day: date, *, locale: LocaleLike, country: str | None = None,
               subdivision: str | None = None) -> Holiday | None:
    """The public holiday on *day* in the culture's (or the given) country, or ``None``.

    >>> holiday_on(date(2026, 10, 3), locale="de-DE").name
    'Tag der Deutschen Einheit'
    >>> holiday_on(date(2026, 10, 5), locale="de-DE") is None
    True
    """
    if not isinstance(day, date):
        raise InvalidInputError(f"day must be a date, got {type(day).__name__}",
                                hint="parse strings with toneloc.formatting.parse_iso_date")
    loc = get_locale(locale)
    code, sub = _defaults(loc, country, subdivision)
    lang, fallback = choose_language(loc, code)
    names = names_on(_calendar(code, sub, lang, ()), day)
    if not names:
        return None
    return Holiday(day, "; ".join(names), lang or "", fallback, code, sub)


def holidays_between(start: date, end: date, *, locale: LocaleLike, country: str | None = None,
                     subdivision: str | None = None) -> tuple[Holiday, ...]:
    """Public holidays from *start* to *end* inclusive, in date order.

    >>> for h in holidays_between(date(2026, 12, 24), date(2026, 12, 31), locale="pl-PL"):
    ...     print(h.date, h.name)
    2026-12-24 Wigilia Bożego Narodzenia
    2026-12-25 Boże Narodzenie (pierwszy dzień)
    2026-12-26 Boże Narodzenie (drugi dzień)
    """
    if not isinstance(start, date) or not isinstance(end, date):
        raise InvalidInputError("start and end must be dates")
    if end < start:
        raise InvalidInputError(f"end {end} is before start {start}")
    if (end - start).days > _MAX_RANGE_DAYS:
        raise InvalidInputError(f"range {start}..{end} is longer than 30 years")
    loc = get_locale(locale)
    code, sub = _defaults(loc, country, subdivision)
    lang, fallback = choose_language(loc, code)
    cal = _calendar(code, sub, lang, ())
    with _lock:
        for year in range(start.year, end.year + 1):
            _ = date(year, 1, 1) in cal  # membership makes ``holidays`` expand that year once
        hits = sorted(d for d in cal if start <= d <= end)
        return tuple(Holiday(d, "; ".join(str(n) for n in cal.get_list(d)), lang or "", fallback, code, sub)
                     for d in hits)

