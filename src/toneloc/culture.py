"""Culture profiles: what a support reply must respect in one market.

A *locale* (``de-AT``) says how to spell numbers and dates; a *culture* adds what a support team
needs on top: the register customers expect (``formal``: Sie/vous/Anda; ``informal``: du in
Sweden), how direct a reply may be, the currency, time zone and holiday calendar, weekend days, and
the payment methods and contact channels customers in that market know.

Profiles are data: one TOML file per culture in ``toneloc/locales/`` with the source of each
convention cited. :data:`CULTURES` is the registry literal, one reviewable line per culture; files
are loaded lazily on first use and cached.

>>> c = get_culture("de-DE")
>>> c.register, c.currency, c.timezone, c.holiday_country
('formal', 'EUR', 'Europe/Berlin', 'DE')
>>> get_culture("de").tag  # a bare language resolves to its primary culture
'de-DE'

A region without a profile of its own gets a *derived* culture: the language's conventions (register,
directness, honorifics) from the primary culture, and the market facts from data about the region
itself: currency from CLDR, holidays from ``holidays``, weekend from CLDR, the time zone when CLDR
lists exactly one for the region. The reason says so:

>>> c = get_culture("de-CH")
>>> c.tag, c.register, c.currency, c.timezone, c.holiday_country, c.derived_from
('de-CH', 'formal', 'CHF', 'Europe/Zurich', 'CH', 'de-DE')
>>> resolve_culture("de-CH").reason
"no profile for 'de-CH'; register and directness from 'de-DE', currency, time zone and holidays of CH"
>>> get_culture("en-CA").timezone   # 23 zones: no guess; formatting asks for tz=
''
"""

from __future__ import annotations

import threading
import tomllib
from dataclasses import dataclass, field, replace
from datetime import date
from importlib import resources
from typing import Literal

import babel

from toneloc.errors import CultureNotFoundError, close_matches
from toneloc.locale import LocaleLike, locale_tag, parse_locale

__all__ = [
    "CULTURES",
    "PRIMARY_CULTURE",
    "Culture",
    "CultureMatch",
    "Directness",
    "Register",
    "available_cultures",
    "get_culture",
    "resolve_culture",
]

Register = Literal["formal", "informal"]
Directness = Literal["direct", "balanced", "indirect"]

# The registry: one line per culture -> (English name, profile file in toneloc/locales/).
# A test asserts this literal, the files in locales/ and the table in docs/cultures.md agree.
CULTURES: dict[str, tuple[str, str]] = {
    "en-US": ("English (United States)", "en-US.toml"),
    "en-GB": ("English (United Kingdom)", "en-GB.toml"),
    "de-DE": ("German (Germany)", "de-DE.toml"),
    "de-AT": ("German (Austria)", "de-AT.toml"),
    "fr-FR": ("French (France)", "fr-FR.toml"),
    "fr-CA": ("French (Canada)", "fr-CA.toml"),
    "es-ES": ("Spanish (Spain)", "es-ES.toml"),
    "es-MX": ("Spanish (Mexico)", "es-MX.toml"),
    "it-IT": ("Italian (Italy)", "it-IT.toml"),
    "pt-BR": ("Portuguese (Brazil)", "pt-BR.toml"),
    "pt-PT": ("Portuguese (Portugal)", "pt-PT.toml"),
    "nl-NL": ("Dutch (Netherlands)", "nl-NL.toml"),
    "ja-JP": ("Japanese (Japan)", "ja-JP.toml"),
    "ko-KR": ("Korean (South Korea)", "ko-KR.toml"),
    "zh-CN": ("Chinese (China, Simplified)", "zh-CN.toml"),
    "vi-VN": ("Vietnamese (Vietnam)", "vi-VN.toml"),
    "id-ID": ("Indonesian (Indonesia)", "id-ID.toml"),
    "lv-LV": ("Latvian (Latvia)", "lv-LV.toml"),
    "hi-IN": ("Hindi (India)", "hi-IN.toml"),
    "ar-SA": ("Arabic (Saudi Arabia)", "ar-SA.toml"),
    "tr-TR": ("Turkish (Turkey)", "tr-TR.toml"),
    "pl-PL": ("Polish (Poland)", "pl-PL.toml"),
    "ru-RU": ("Russian (Russia)", "ru-RU.toml"),
    "sv-SE": ("Swedish (Sweden)", "sv-SE.toml"),
}

# The culture a bare language tag (or an unprofiled region) resolves to.
PRIMARY_CULTURE: dict[str, str] = {
    "en": "en-US", "de": "de-DE", "fr": "fr-FR", "es": "es-ES", "it": "it-IT", "pt": "pt-BR",
    "nl": "nl-NL", "ja": "ja-JP", "ko": "ko-KR", "zh": "zh-CN", "vi": "vi-VN", "id": "id-ID",
    "lv": "lv-LV", "hi": "hi-IN", "ar": "ar-SA", "tr": "tr-TR", "pl": "pl-PL", "ru": "ru-RU",
    "sv": "sv-SE",
}


@dataclass(frozen=True, slots=True)
class Culture:
    """One market's conventions for customer support. Immutable; load with :func:`get_culture`.

    Attributes:
        tag: BCP 47 tag of the profile (``de-DE``).
        name: English name.
        locale: the parsed Babel locale.
        register: the register support replies use by default (``formal`` or ``informal``).
        directness: how direct a reply may be (``direct``, ``balanced``, ``indirect``).
        currency: ISO 4217 code customers pay in.
        timezone: IANA zone of the market's main population centre.
        holiday_country: ISO 3166 code for the ``holidays`` package.
        holiday_subdivision: subdivision code where holidays differ within the country, else None.
        weekend: weekday numbers (Monday = 0) of the weekend, from CLDR unless the profile overrides.
        week_start: weekday number that starts the week (CLDR).
        payment_methods: methods customers in this market expect a reply to name.
        contact_channels: channels customers use to reach support.
        honorifics: address forms for customers (e.g. ``Bapak/Ibu``), empty where none are used.
        notes: free-form remarks for translators and reviewers.
        sources: citations for the conventions above.
        reviewed: date the profile was last reviewed.
        derived_from: for a region without a profile, the profile its language conventions come
            from (``de-DE`` for ``de-CH``); ``None`` for a reviewed profile. A derived culture's
            ``timezone`` is ``""`` when the region spans several zones (pass ``tz=``).
    """

    tag: str
    name: str
    locale: babel.Locale
    register: Register
    directness: Directness
    currency: str
    timezone: str
    holiday_country: str
    holiday_subdivision: str | None
    weekend: tuple[int, ...]
    week_start: int
    payment_methods: tuple[str, ...] = ()
    contact_channels: tuple[str, ...] = ()
    honorifics: tuple[str, ...] = ()
    notes: str = ""
    sources: tuple[str, ...] = field(default=(), repr=False)
    reviewed: date | None = None
    derived_from: str | None = None

    def require_timezone(self, *, supply: str = "pass tz= (the customer's zone; --tz on the command line)",
                         context: str = "") -> str:
        """:attr:`timezone`, or a :class:`~toneloc.errors.CultureNotFoundError` for a derived culture
        whose region spans several time zones (toneloc never guesses a time zone). *supply* says how
        the caller's user passes a zone (the hint, followed by up to three of the region's zones);
        *context* prefixes the message (``"business_deadline: "``).

        >>> get_culture("de-CH").require_timezone()
        'Europe/Zurich'
        >>> try:
        ...     get_culture("en-CA").require_timezone(supply="pass --tz")
        ... except CultureNotFoundError as exc:
        ...     print(exc.hint.split(", e.g.")[0])
        pass --tz
        """
        if self.timezone:
            return self.timezone
        from babel.core import get_global

        zones = get_global("territory_zones").get(str(self.locale.territory), ())
        spans = f"its region spans {len(zones)} time zones" if zones else "no time zone is known for its region"
        example = (", e.g. " + ", ".join(zones[:3])) if zones else ""
        raise CultureNotFoundError(f"{context}{self.tag!r} has no reviewed profile and {spans}", hint=supply + example)

    @property
    def language(self) -> str:
        """ISO 639 language code (``de``)."""
        return str(self.locale.language)

    @property
    def text_direction(self) -> str:
        """``ltr`` or ``rtl`` from CLDR."""
        return str(self.locale.text_direction)


@dataclass(frozen=True, slots=True)
class CultureMatch:
    """The outcome of :func:`resolve_culture`: the culture used and why (never a silent fallback)."""

    requested: str
    culture: Culture
    exact: bool
    reason: str


_lock = threading.Lock()
_cache: dict[str, Culture] = {}


def available_cultures() -> tuple[str, ...]:
    """Tags of every registered culture, in registry order."""
    return tuple(CULTURES)


def _weekend_from_cldr(loc: babel.Locale) -> tuple[int, ...]:
    start, end = int(loc.weekend_start), int(loc.weekend_end)
    days = [start]
    while days[-1] != end:
        days.append((days[-1] + 1) % 7)
    return tuple(days)


def _load(tag: str) -> Culture:
    name, filename = CULTURES[tag]
    res = resources.files("toneloc.locales").joinpath(filename)
    where = f"toneloc/locales/{filename}"
    try:
        data = tomllib.loads(res.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CultureNotFoundError(f"culture {tag!r} is registered but its profile is missing",
                                   path=where, hint="add the profile file or remove the registry line") from exc
    except tomllib.TOMLDecodeError as exc:
        raise CultureNotFoundError(f"culture profile {tag!r} is not valid TOML: {exc}", path=where) from exc
    try:
        loc = parse_locale(data.get("locale", tag))
        weekend = tuple(int(d) for d in data["weekend"]) if "weekend" in data else _weekend_from_cldr(loc)
        reviewed = data.get("reviewed")
        return Culture(
            tag=tag,
            name=name,
            locale=loc,
            register=data["register"],
            directness=data["directness"],
            currency=data["currency"],
            timezone=data["timezone"],
            holiday_country=data["holidays"]["country"],
            holiday_subdivision=data["holidays"].get("subdivision"),
            weekend=weekend,
            week_start=int(data.get("week_start", loc.first_week_day)),
            payment_methods=tuple(data.get("payment_methods", ())),
            contact_channels=tuple(data.get("contact_channels", ())),
            honorifics=tuple(data.get("honorifics", ())),
            notes=data.get("notes", ""),
            sources=tuple(data.get("sources", ())),
            reviewed=reviewed if isinstance(reviewed, date) else None,
        )
    except KeyError as exc:
        raise CultureNotFoundError(f"culture profile {tag!r} lacks required field {exc.args[0]!r}",
                                   path=where) from exc


def _get(tag: str) -> Culture:
    hit = _cache.get(tag)
    if hit is None:
        with _lock:
            hit = _cache.get(tag)
            if hit is None:
                hit = _cache[tag] = _load(tag)
    return hit


def _is_country(territory: str) -> bool:
    """A two-letter territory CLDR gives a currency for (not 419, 001, 150 or the EU)."""
    if len(territory) != 2 or not territory.isalpha():
        return False
    from babel.numbers import get_territory_currencies

    return bool(get_territory_currencies(territory, date.today()))


def _derive(tag: str, loc: babel.Locale, base: Culture) -> Culture:
    """A culture for a region without a profile: *base*'s language conventions, the region's market data."""
    hit = _cache.get(tag)
    if hit is not None:
        return hit
    from babel.core import get_global
    from babel.numbers import get_territory_currencies

    territory = str(loc.territory)
    currencies = get_territory_currencies(territory, date.today())
    zones = get_global("territory_zones").get(territory, ())
    culture = replace(
        base,
        tag=tag,
        name=f"{loc.get_display_name('en')} (derived from {base.tag})",
        locale=loc,
        currency=currencies[0],
        timezone=zones[0] if len(zones) == 1 else "",
        holiday_country=territory,
        holiday_subdivision=None,
        weekend=_weekend_from_cldr(loc),
        week_start=int(loc.first_week_day),
        payment_methods=(),
        contact_channels=(),
        notes=f"Derived: no reviewed profile for {tag}. Register, directness and honorifics come from "
              f"{base.tag}; currency, weekend and time zone from CLDR, holidays from the holidays package.",
        sources=("Unicode CLDR via Babel (currency, weekend, time zones)", "python-holidays (public holidays)"),
        reviewed=None,
        derived_from=base.tag,
    )
    with _lock:
        return _cache.setdefault(tag, culture)


def resolve_culture(locale: LocaleLike, *, fallback: bool = True) -> CultureMatch:
    """Find the culture profile for *locale*, recording any fallback and its reason.

    Order: the exact tag; a bare language gets its primary culture; then (if *fallback*) a region
    without a profile gets a culture derived from the language's primary culture and the region's
    own CLDR and holiday data (see the module docs).
    Raises :class:`~toneloc.errors.CultureNotFoundError` when none applies.
    """
    loc = parse_locale(locale)
    tag = locale_tag(loc)
    if tag in CULTURES:
        return CultureMatch(tag, _get(tag), True, "exact profile")
    lang = str(loc.language)
    if loc.script is not None and loc.territory is not None and f"{lang}-{loc.territory}" in CULTURES:
        bare = f"{lang}-{loc.territory}"  # zh-Hans-CN is the zh-CN profile
        return CultureMatch(tag, _get(bare), True, f"exact profile {bare!r} (script {loc.script})")
    if loc.territory is None and lang in PRIMARY_CULTURE:
        primary = PRIMARY_CULTURE[lang]
        return CultureMatch(
            tag, _get(primary), False, f"{tag!r} is a bare language; used its primary culture {primary!r}"
        )
    if fallback and lang in PRIMARY_CULTURE:
        primary = PRIMARY_CULTURE[lang]
        territory = str(loc.territory)
        if not _is_country(territory):  # es-419, en-001, en-150: a region group has no currency or holidays
            return CultureMatch(tag, _get(primary), False,
                                f"no profile for {tag!r}, and {territory} is a region group, not a country; "
                                f"used {primary!r}, the primary culture of {lang!r}")
        derived = _derive(tag, loc, _get(primary))
        zone = "" if derived.timezone else " (no single time zone: pass tz=)"
        return CultureMatch(tag, derived, False, f"no profile for {tag!r}; register and directness from {primary!r}, "
                                                 f"currency, time zone and holidays of {territory}{zone}")
    hits = close_matches(tag, CULTURES)
    raise CultureNotFoundError(
        f"no culture profile for {tag!r}",
        hint=("did you mean: " + ", ".join(hits)) if hits else "see `toneloc cultures` for the registered cultures",
    )


def get_culture(locale: LocaleLike, *, fallback: bool = True) -> Culture:
    """The :class:`Culture` for *locale* (see :func:`resolve_culture` for the fallback rules).

    >>> get_culture("sv-SE").register
    'informal'
    """
    return resolve_culture(locale, fallback=fallback).culture
