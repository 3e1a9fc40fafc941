"""Money, numbers, percentages, compact numbers, units and lists: thin over :mod:`babel.numbers`.

Money is never formatted from a binary ``float``: pass :class:`~decimal.Decimal`, ``int`` or a
decimal string. Without ``currency`` the customer's culture supplies it.

>>> from decimal import Decimal
>>> format_money(Decimal("1234.5"), "EUR", locale="de-DE")
'1.234,50\\xa0€'
>>> format_money("1234567", locale="vi-VN")
'1.234.567\\xa0₫'
>>> format_money(1234.5, "EUR", locale="de-DE")
Traceback (most recent call last):
...
toneloc.errors.InvalidInputError: amount 1234.5 is a binary float; money is never formatted from floats (hint: ...)
>>> format_list(["E-Mail", "Telefon", "Chat"], locale="de")
'E-Mail, Telefon und Chat'
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from babel import lists as _lists
from babel import numbers as _numbers

from toneloc.errors import CultureNotFoundError, FormattingError, InvalidInputError, close_matches
from toneloc.formatting._common import (
    ambient_ok,
    get_locale,
    locale_and_culture,
    to_decimal,
    validate_currency,
    wide_decimals,
)
from toneloc.locale import LocaleLike

__all__ = [
    "format_compact",
    "format_list",
    "format_money",
    "format_number",
    "format_percent",
    "format_unit",
]

_FORMAT_TYPES = ("standard", "accounting", "name")
_LIST_STYLES = ("standard", "standard-short", "standard-narrow", "or", "or-short", "or-narrow",
                "unit", "unit-short", "unit-narrow")


def format_money(
    amount: Decimal | int | str,
    currency: str | None = None,
    *,
    locale: LocaleLike,
    format_type: str = "standard",
) -> str:
    """Format *amount* of *currency* for *locale*, with the currency's CLDR digits.

    ``format_type`` is ``standard``, ``accounting`` (negative in parentheses where the locale does
    that) or ``name`` (``1,234.50 euros``). Floats raise :class:`~toneloc.errors.InvalidInputError`;
    unknown codes raise :class:`~toneloc.errors.UnknownCurrencyError`.

    >>> format_money("1234.5", "JPY", locale="ja-JP")
    '￥1,234'
    >>> format_money(Decimal("-5"), "USD", locale="en-US", format_type="accounting")
    '($5.00)'
    >>> format_money(3, "EUR", locale="en-US", format_type="name")
    '3.00 euros'
    """
    value = to_decimal(amount, "amount")
    if currency is None:
        loc, culture = locale_and_culture(locale)
        if culture is None:
            raise CultureNotFoundError(f"no culture profile for {str(loc)!r} to take a currency from",
                                       hint="pass the currency code, e.g. 'EUR'")
        code = culture.currency
    else:
        loc = get_locale(locale)
        code = validate_currency(currency)
    if format_type in _FORMAT_TYPES:
        if ambient_ok(value):
            return _numbers.format_currency(value, code, locale=loc, format_type=format_type)  # type: ignore[arg-type]
        with wide_decimals(value):
            return _numbers.format_currency(value, code, locale=loc, format_type=format_type)  # type: ignore[arg-type]
    raise InvalidInputError(f"unknown format_type {format_type!r}", hint=f"use one of {_FORMAT_TYPES}")


def format_number(value: Decimal | int | str | float, *, locale: LocaleLike) -> str:
    """Format a plain number with the locale's separators (floats allowed: display only).

    >>> format_number(Decimal("1234567.891"), locale="lv-LV")
    '1\\xa0234\\xa0567,891'
    >>> format_number("12345.5", locale="hi-IN")
    '12,345.5'
    """
    num = to_decimal(value, "value", allow_float=True)
    if ambient_ok(num):
        return _numbers.format_decimal(num, locale=get_locale(locale))
    with wide_decimals(num):
        return _numbers.format_decimal(num, locale=get_locale(locale))


def format_percent(value: Decimal | int | str | float, *, locale: LocaleLike) -> str:
    """Format a ratio as a percentage (``0.25`` is 25 %).

    >>> format_percent(Decimal("0.25"), locale="de-DE")
    '25\\xa0%'
    >>> format_percent("0.075", locale="tr-TR")
    '%8'
    """
    num = to_decimal(value, "value", allow_float=True)
    with wide_decimals(num):
        return _numbers.format_percent(num, locale=get_locale(locale))


def format_compact(value: Decimal | int | float, *, locale: LocaleLike, fraction_digits: int = 0) -> str:
    """Short compact form (``1.2K``, ``1,2 Mio.``, ``1,2万``).

    >>> format_compact(1_200_000, locale="de-DE", fraction_digits=1)
    '1,2\\xa0Mio.'
    >>> format_compact(12_000, locale="ja-JP")
    '1万'
    """
    num = to_decimal(value, "value", allow_float=True)
    with wide_decimals(num):
        return _numbers.format_compact_decimal(num, format_type="short", locale=get_locale(locale),
                                               fraction_digits=fraction_digits)


def format_unit(value: Decimal | int | float, unit: str, *, locale: LocaleLike, length: str = "long") -> str:
    """A measurement with its unit (CLDR unit ids: ``kilogram``, ``day``, ``gigabyte``...).

    >>> format_unit(3, "day", locale="pl-PL")
    '3 dni'
    >>> format_unit(Decimal("2.5"), "gigabyte", locale="fr-FR", length="short")
    '2,5\\u202fGo'
    """
    from babel.units import UnknownUnitError

    loc = get_locale(locale)
    if length not in ("long", "short", "narrow"):
        raise InvalidInputError(f"unknown unit length {length!r}", hint="use 'long', 'short' or 'narrow'")
    num = to_decimal(value, "value", allow_float=True)
    try:
        with wide_decimals(num):
            return _numbers_unit(num, unit, length, loc)
    except UnknownUnitError as exc:
        units = [k.split("-", 1)[-1] for k in loc._data["unit_patterns"]]
        hits = close_matches(unit, units)
        raise FormattingError(f"unknown unit {unit!r} for locale {str(loc)!r}",
                              hint=("did you mean: " + ", ".join(hits)) if hits else "use a CLDR unit id") from exc


def _numbers_unit(num: object, unit: str, length: str, loc: object) -> str:
    from babel.units import format_unit as _fu

    return _fu(num, unit, length=length, locale=loc)  # type: ignore[arg-type]


_STR_ONLY = frozenset({str})


def format_list(items: Sequence[str], *, locale: LocaleLike, style: str = "standard") -> str:
    """Join *items* the way the locale does (``A, B und C``; ``A、B、C``).

    >>> format_list(["Alipay", "WeChat Pay", "UnionPay"], locale="zh")
    'Alipay、WeChat Pay和UnionPay'
    >>> format_list(["MoMo", "ZaloPay"], locale="vi-VN", style="or")
    'MoMo hoặc ZaloPay'
    """
    if style not in _LIST_STYLES:
        raise InvalidInputError(f"unknown list style {style!r}", hint=f"use one of {_LIST_STYLES}")
    if isinstance(items, str):
        raise InvalidInputError("items must be a sequence of strings, not a single string")
    try:
        values = list(items)
    except TypeError:
        raise InvalidInputError(f"items must be a sequence of strings, got {type(items).__name__}") from None
    bad = None if set(map(type, values)) <= _STR_ONLY else next(
        (i for i, v in enumerate(values) if not isinstance(v, str)), None)  # str subclasses (Markup) are fine
    if bad is not None:
        raise InvalidInputError(f"items[{bad}] must be a string, got {type(values[bad]).__name__}",
                                hint="format numbers and dates first, e.g. with format_number")
    return _lists.format_list(values, style=style, locale=get_locale(locale))  # type: ignore[arg-type]
