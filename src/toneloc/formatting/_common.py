"""Shared plumbing for :mod:`toneloc.formatting`: cached locale parsing, zones, decimals, culture defaults.

Everything here is cached so that a toneloc formatting call costs a dictionary lookup more than the
Babel call it wraps (see ``bench/bench_formatting.py``).
"""

from __future__ import annotations

import functools
from contextlib import AbstractContextManager, nullcontext
from datetime import date, datetime, tzinfo
from decimal import ROUND_HALF_EVEN, Context, Decimal, Inexact, InvalidOperation, Rounded, getcontext, localcontext
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import babel

from toneloc.culture import Culture, resolve_culture
from toneloc.errors import (
    CultureNotFoundError,
    InvalidInputError,
    NaiveDatetimeError,
    UnknownCurrencyError,
    close_matches,
)
from toneloc.locale import LocaleLike, parse_locale

__all__ = [
    "ambient_ok",
    "culture_or_none",
    "ensure_aware",
    "get_locale",
    "get_zone",
    "locale_and_culture",
    "to_decimal",
    "validate_currency",
    "wide_decimals",
]

MAX_MAGNITUDE = 400
"""Largest decimal exponent (either sign) toneloc formats; beyond it a number is rejected, not mangled."""

_WIDE = Context(prec=MAX_MAGNITUDE + 100, Emax=MAX_MAGNITUDE * 4, Emin=-MAX_MAGNITUDE * 4)


_AMBIENT_OK = 20
"""Numbers up to 10^20 (and down to 10^-20) format exactly in Python's default 28-digit context."""
_NO_CONTEXT: AbstractContextManager[None] = nullcontext()


def ambient_ok(value: Decimal | int | float) -> bool:
    """True when Python's ambient :mod:`decimal` context formats *value* exactly: magnitude within
    10^±20, and the thread's context has the default precision (28 digits) or more, half-even rounding
    and no trap on inexact results. The common case; otherwise :func:`wide_decimals` gives a fixed context,
    so a caller's own decimal settings never change what toneloc prints."""
    kind = type(value)
    if kind is Decimal:
        small = -_AMBIENT_OK <= value.adjusted() <= _AMBIENT_OK or value.is_zero()  # type: ignore[union-attr]
    elif kind is int:
        small = -_INT_OK < value < _INT_OK
    else:
        small = value == 0 or 1e-20 <= abs(float(value)) <= 1e20
    if not small:
        return False
    ctx = getcontext()  # a caller's own settings (ROUND_DOWN, trapped Inexact) must not change our output
    return ctx.prec >= 28 and ctx.rounding == ROUND_HALF_EVEN and not (ctx.traps[Inexact] or ctx.traps[Rounded])


_INT_OK = 1 << 64


def wide_decimals(value: Decimal | int | float) -> AbstractContextManager[Context | None]:
    """A :mod:`decimal` context precise enough to format *value* (any number :func:`to_decimal` accepts).

    Babel quantizes in the ambient context (28 digits), so ``1e27`` or a 30-digit amount would fail
    with a bare ``decimal.InvalidOperation``; inside this context they format exactly. Everyday
    numbers (magnitude within 10^±20) keep the ambient context when it has the default precision or
    more (:func:`ambient_ok`): entering a context costs about a microsecond, a tenth of a Babel call.

    >>> from toneloc.formatting.money import format_number
    >>> format_number(Decimal("1e30"), locale="en")
    '1,000,000,000,000,000,000,000,000,000,000'
    """
    return _NO_CONTEXT if ambient_ok(value) else localcontext(_WIDE)


def _check_magnitude(value: Decimal | int | float, what: str, shown: object) -> None:
    if isinstance(value, float) or (isinstance(value, int) and value.bit_length() <= 1300):
        return  # every finite float, and ints below ~10^391, are within 10^±400
    if value == 0:
        return
    exp = Decimal(value).adjusted() if not isinstance(value, Decimal) else value.adjusted()
    if abs(exp) > MAX_MAGNITUDE:
        raise InvalidInputError(
            f"{what} {shown} is out of range (its magnitude is 10^{exp})",
            hint=f"toneloc formats numbers between 1e-{MAX_MAGNITUDE} and 1e{MAX_MAGNITUDE}",
        )


_LOCALES: dict[str, babel.Locale] = {}


def get_locale(locale: LocaleLike) -> babel.Locale:
    """:func:`toneloc.locale.parse_locale` with a string-keyed cache in front (a dict hit per call)."""
    hit = _LOCALES.get(locale) if type(locale) is str else None  # the common case first: one dict hit
    if hit is not None:
        return hit
    if isinstance(locale, babel.Locale):
        return locale
    parsed = parse_locale(locale)
    if isinstance(locale, str) and len(_LOCALES) < 4096:
        _LOCALES[locale] = parsed
    return parsed


@functools.lru_cache(maxsize=512)
def _culture_cached(ident: str) -> Culture | None:
    try:
        return resolve_culture(ident).culture
    except CultureNotFoundError:
        return None


_BY_LOCALE: dict[int, tuple[babel.Locale, Culture | None]] = {}  # id -> (the Locale itself, its culture)


def culture_or_none(loc: babel.Locale) -> Culture | None:
    """The culture profile for *loc* (with toneloc's fallback rules) or ``None`` when none applies."""
    hit = _BY_LOCALE.get(id(loc))
    if hit is not None and hit[0] is loc:  # the entry holds the object, so its id cannot be reused
        return hit[1]
    culture = _culture_cached(str(loc))  # str(Locale) costs ~0.6 µs: once per Locale object
    if len(_BY_LOCALE) < 4096:
        _BY_LOCALE[id(loc)] = (loc, culture)
    return culture


@functools.lru_cache(maxsize=512)
def get_zone(name: str) -> ZoneInfo:
    """A cached :class:`zoneinfo.ZoneInfo`; unknown names raise :class:`~toneloc.errors.InvalidInputError`."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        hits = close_matches(name, available_timezones())
        raise InvalidInputError(
            f"unknown time zone {name!r}",
            hint=("did you mean: " + ", ".join(hits)) if hits else "use an IANA name such as 'Europe/Berlin'",
        ) from exc


_WITH_CULTURE: dict[str, tuple[babel.Locale, Culture | None]] = {}


def locale_and_culture(locale: LocaleLike) -> tuple[babel.Locale, Culture | None]:
    """The parsed locale and its culture (or None), one dict hit for string arguments."""
    if isinstance(locale, str):
        hit = _WITH_CULTURE.get(locale)
        if hit is None:
            loc = get_locale(locale)
            hit = (loc, culture_or_none(loc))
            if len(_WITH_CULTURE) < 4096:
                _WITH_CULTURE[locale] = hit
        return hit
    loc = get_locale(locale)
    return loc, culture_or_none(loc)


def zone_for(loc: babel.Locale, tz: str | tzinfo | None, fallback: tzinfo | None = None,
             culture: Culture | None = None) -> tzinfo:
    """*tz* if given, else the culture's zone, else *fallback* (the value's own zone)."""
    if tz is not None:
        return get_zone(tz) if isinstance(tz, str) else tz
    if culture is None:
        culture = culture_or_none(loc)
    if culture is not None:
        return get_zone(culture.require_timezone())
    if fallback is not None:
        return fallback
    raise CultureNotFoundError(f"no culture profile for {str(loc)!r} to take a time zone from",
                               hint="pass tz='Area/City'")


def ensure_aware(value: datetime, what: str = "value") -> datetime:
    """Return *value* if it is timezone-aware, else raise :class:`~toneloc.errors.NaiveDatetimeError`."""
    if not isinstance(value, datetime):
        raise InvalidInputError(f"{what} must be a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError(
            f"{what} {value.isoformat()} is naive; toneloc never guesses a time zone",
            hint="attach one, e.g. value.replace(tzinfo=ZoneInfo('Europe/Berlin')) or datetime.now(timezone.utc)",
        )
    return value


def to_decimal(value: object, what: str = "amount", *, allow_float: bool = False) -> Decimal | int | float:
    """Validate a numeric argument. ``str`` becomes :class:`~decimal.Decimal`; floats only if allowed."""
    kind = type(value)
    if kind is Decimal:  # the everyday cases first: this runs before every formatting call
        if value.is_finite() and -MAX_MAGNITUDE <= value.adjusted() <= MAX_MAGNITUDE:  # type: ignore[attr-defined]
            return value  # type: ignore[return-value]
    elif kind is int and value.bit_length() <= 1300:  # type: ignore[attr-defined]
        return value  # type: ignore[return-value]
    if isinstance(value, bool):
        raise InvalidInputError(f"{what} must be a number, got bool {value!r}")
    if isinstance(value, Decimal | int):
        if isinstance(value, Decimal) and not value.is_finite():
            raise InvalidInputError(f"{what} must be finite, got {value}")
        if isinstance(value, int) and value.bit_length() > 1400:  # > ~10^421, before any str()
            raise InvalidInputError(f"{what} is out of range ({value.bit_length()} bits)",
                                    hint=f"toneloc formats numbers below 1e{MAX_MAGNITUDE}")
        _check_magnitude(value, what, value)
        return value
    if isinstance(value, float):
        if not allow_float:
            raise InvalidInputError(
                f"{what} {value!r} is a binary float; money is never formatted from floats",
                hint=f"pass Decimal({str(value)!r}) or the string {str(value)!r}",
            )
        if value != value or value in (float("inf"), float("-inf")):
            raise InvalidInputError(f"{what} must be finite, got {value}")
        _check_magnitude(value, what, value)
        return value
    if isinstance(value, str):
        try:
            dec = Decimal(value.strip().replace("_", ""))
        except InvalidOperation as exc:
            raise InvalidInputError(f"{what} {value!r} is not a number",
                                    hint="use a plain decimal such as '1234.50'") from exc
        if not dec.is_finite():
            raise InvalidInputError(f"{what} must be finite, got {value!r}")
        _check_magnitude(dec, what, repr(value))
        return dec
    raise InvalidInputError(f"{what} must be Decimal, int or str, got {type(value).__name__}")


@functools.lru_cache(maxsize=1)
def _currencies() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def validate_currency(code: str) -> str:
    """Upper-case *code* and check CLDR knows it; else :class:`~toneloc.errors.UnknownCurrencyError`."""
    if not isinstance(code, str):
        raise UnknownCurrencyError(f"currency must be an ISO 4217 code string, got {type(code).__name__}")
    if code in _currencies():
        return code
    up = code.strip().upper()
    if up in _currencies():
        return up
    hits = close_matches(up, _currencies())
    raise UnknownCurrencyError(
        f"unknown currency {code!r} (not an ISO 4217 code CLDR knows)",
        hint=("did you mean: " + ", ".join(hits)) if hits else "use an ISO 4217 code such as 'EUR'",
    )


def parse_iso_date(text: str) -> date:
    """Parse ``YYYY-MM-DD``; impossible dates (``2026-02-30``) raise :class:`~toneloc.errors.InvalidInputError`."""
    try:
        return date.fromisoformat(text.strip())
    except (ValueError, AttributeError) as exc:
        raise InvalidInputError(f"invalid date {text!r}: {exc}", hint="use ISO 8601, e.g. 2026-10-02") from exc


def parse_iso_datetime(text: str) -> datetime:
    """Parse an ISO 8601 timestamp with an offset; naive or impossible ones raise toneloc errors."""
    try:
        value = datetime.fromisoformat(text.strip())
    except (ValueError, AttributeError) as exc:
        raise InvalidInputError(f"invalid timestamp {text!r}: {exc}",
                                hint="use ISO 8601 with an offset, e.g. 2026-10-02T15:00+02:00") from exc
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError(f"timestamp {text.strip()!r} has no UTC offset; toneloc never guesses a time zone",
                                 hint="add one, e.g. 2026-10-02T15:00+02:00 or 2026-10-02T13:00Z")
    return value
