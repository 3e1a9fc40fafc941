"""Prices in the customer's currency with the exchange rate stated, from rates the caller supplies.

toneloc never fetches rates: pass a mapping, or load a file you downloaded (the ECB's
``eurofxref-daily.xml`` format). The converted amount is rounded to the target currency's CLDR
digits (half-up), the rate and its date are stated, and stale rates are flagged.

>>> from datetime import date
>>> from decimal import Decimal
>>> rates = ExchangeRates(base="EUR", rates={"VND": Decimal("27345")}, as_of=date(2026, 11, 28))
>>> p = format_converted_price(Decimal("45.15"), "EUR", rates=rates, locale="vi-VN", today=date(2026, 11, 28))
>>> p.text
'≈ 1.234.627\\xa0₫ (1 EUR = 27.345\\xa0₫, tỷ giá ngày 28 thg 11, 2026)'
>>> p.amount, p.stale
(Decimal('1234627'), False)
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from os import PathLike
from pathlib import Path
from types import MappingProxyType

import babel
from babel import dates as _dates
from babel import numbers as _numbers

from toneloc.errors import ConfigError, CultureNotFoundError, InvalidInputError, UnknownCurrencyError
from toneloc.formatting._common import culture_or_none, get_locale, to_decimal, validate_currency
from toneloc.locale import LocaleLike

__all__ = ["ConvertedPrice", "ExchangeRates", "format_converted_price"]

_ECB_NS = "http://www.ecb.int/vocabulary/2002-08-01/eurofxref"
_RATE_CONTEXT = Context(prec=6)


@dataclass(frozen=True, slots=True)
class ExchangeRates:
    """Rates of one day: 1 *base* = ``rates[code]`` units of *code*. Immutable.

    >>> r = ExchangeRates(base="EUR", rates={"USD": "1.0543"}, as_of=date(2026, 11, 27))
    >>> r.rate("EUR", "USD"), r.rate("USD", "EUR")
    (Decimal('1.0543'), Decimal('0.948497'))
    """

    base: str
    rates: Mapping[str, Decimal]
    as_of: date
    source: str = "caller-supplied"

    def __post_init__(self) -> None:
        base = validate_currency(self.base)
        clean: dict[str, Decimal] = {base: Decimal(1)}
        for code, value in dict(self.rates).items():
            if isinstance(value, float):
                raise InvalidInputError(f"rate for {code} is a binary float", hint="pass Decimal or str")
            dec = to_decimal(value, f"rate for {code}")
            if not isinstance(dec, Decimal):
                dec = Decimal(dec)
            if dec <= 0:
                raise InvalidInputError(f"rate for {code} must be positive, got {value}")
            clean[validate_currency(code)] = dec
        if not isinstance(self.as_of, date):
            raise InvalidInputError(f"as_of must be a date, got {type(self.as_of).__name__}")
        object.__setattr__(self, "base", base)
        object.__setattr__(self, "rates", MappingProxyType(clean))

    def rate(self, source: str, target: str) -> Decimal:
        """Units of *target* per 1 *source* (a cross rate via the base, 6 significant digits)."""
        src, dst = validate_currency(source), validate_currency(target)
        for code in (src, dst):
            if code not in self.rates:
                raise UnknownCurrencyError(
                    f"no {code} rate in {self.source} of {self.as_of.isoformat()}",
                    hint="known: " + ", ".join(sorted(self.rates)),
                )
        if src == dst:
            return Decimal(1)
        if src == self.base:
            return self.rates[dst]
        return _RATE_CONTEXT.divide(self.rates[dst], self.rates[src])

    @classmethod
    def from_ecb_xml(cls, path: str | PathLike[str]) -> ExchangeRates:
        """Load the ECB daily reference rates (``eurofxref-daily.xml``) from a file you provide.

        The file is parsed with :mod:`xml.etree.ElementTree`; only load files you trust. The rates
        are dated by the file's ``<Cube time=...>``; ``examples/data/ecb-rates.xml`` is a sample.
        """
        p = Path(path)
        try:
            root = ET.parse(p).getroot()
        except FileNotFoundError as exc:
            raise ConfigError(f"exchange-rate file not found: {p}", path=p) from exc
        except ET.ParseError as exc:
            line = exc.position[0] if exc.position else None
            raise ConfigError(f"not well-formed XML: {exc}", path=p, line=line,
                              hint="expected the ECB eurofxref-daily.xml format") from exc
        day_cube = root.find(f".//{{{_ECB_NS}}}Cube[@time]")
        if day_cube is None:
            raise ConfigError("no <Cube time='...'> element (not an ECB eurofxref file)", path=p,
                              hint="download https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml")
        try:
            as_of = date.fromisoformat(day_cube.attrib["time"])
        except ValueError as exc:
            raise ConfigError(f"bad rate date {day_cube.attrib['time']!r}", path=p) from exc
        rates: dict[str, Decimal] = {}
        for cube in day_cube.findall(f"{{{_ECB_NS}}}Cube"):
            code, value = cube.attrib.get("currency"), cube.attrib.get("rate")
            if not code or not value:
                raise ConfigError("a <Cube> lacks currency or rate", path=p)
            try:
                rates[code] = Decimal(value)
            except InvalidOperation as exc:
                raise ConfigError(f"bad rate {value!r} for {code}", path=p) from exc
        if not rates:
            raise ConfigError("the rate date has no rates", path=p)
        return cls(base="EUR", rates=rates, as_of=as_of, source=f"ECB reference rates ({p.name})")


@dataclass(frozen=True, slots=True)
class ConvertedPrice:
    """A converted price with everything needed to state it honestly.

    Attributes:
        text: ``≈ amount (1 SRC = rate, rate of DATE)`` in the locale's language; "may be out of date"
            is added when the rate is old.
        amount: the converted amount, rounded to the target currency's CLDR digits.
        currency: the target currency.
        rate: units of *currency* per 1 unit of the source currency.
        as_of: the date of the rate.
        stale: True when the rate is older than ``max_age_days``.
        amount_text: the formatted converted amount alone (for templates that phrase the rest).
        rate_text: ``1 EUR = 27.345 ₫`` alone.
    """

    text: str
    amount: Decimal
    currency: str
    rate: Decimal
    as_of: date
    stale: bool
    amount_text: str = field(default="", compare=False)
    rate_text: str = field(default="", compare=False)


def format_converted_price(
    amount: Decimal | int | str,
    currency: str,
    *,
    to: str | None = None,
    rates: ExchangeRates,
    locale: LocaleLike,
    today: date | None = None,
    max_age_days: int = 3,
) -> ConvertedPrice:
    """Convert *amount* of *currency* into *to* (default: the culture's currency) and state the rate.

    *today* is the reference day for staleness (default: ``date.today()``).
    """
    loc = get_locale(locale)
    value = to_decimal(amount, "amount")
    src = validate_currency(currency)
    if to is None:
        culture = culture_or_none(loc)
        if culture is None:
            raise CultureNotFoundError(f"no culture profile for {str(loc)!r} to take a target currency from",
                                       hint="pass to='EUR'")
        dst = culture.currency
    else:
        dst = validate_currency(to)
    if not isinstance(rates, ExchangeRates):
        raise InvalidInputError("rates must be an ExchangeRates", hint="ExchangeRates(base=..., rates=..., as_of=...)")
    rate = rates.rate(src, dst)
    digits = _numbers.get_currency_precision(dst)
    converted = (Decimal(value) * rate).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    amount_text = _numbers.format_currency(converted, dst, locale=loc)
    rate_text = f"1 {src} = " + _format_rate(rate, dst, loc)
    ref = today if today is not None else date.today()
    if max_age_days < 0:
        raise InvalidInputError(f"max_age_days must be >= 0, got {max_age_days}")
    stale = (ref - rates.as_of).days > max_age_days
    when = _dates.format_date(rates.as_of, format="medium", locale=loc)
    text = f"≈ {amount_text} ({_rate_note(loc, rate_text, when, stale)})"
    return ConvertedPrice(text, converted, dst, rate, rates.as_of, stale, amount_text, rate_text)


# "rate of <date>" and "may be out of date" per language (one line each; reviewed by the formatting
# engineer, fluent review welcome); other languages get English. Separator between the parts in [2].
_RATE_WORDS: dict[str, tuple[str, str, str]] = {
    "en": ("rate of {date}", "may be out of date", ", "),
    "ar": ("سعر الصرف بتاريخ {date}", "قد يكون قديمًا", "، "),
    "de": ("Kurs vom {date}", "möglicherweise veraltet", ", "),
    "es": ("tipo de cambio del {date}", "puede estar desactualizado", ", "),
    "fr": ("taux du {date}", "peut-être obsolète", ", "),
    "hi": ("{date} की दर", "पुरानी हो सकती है", ", "),
    "id": ("kurs per {date}", "mungkin sudah tidak berlaku", ", "),
    "it": ("tasso del {date}", "potrebbe non essere aggiornato", ", "),
    "ja": ("{date}時点のレート", "最新ではない可能性があります", "、"),
    "ko": ("{date} 기준 환율", "최신이 아닐 수 있음", ", "),
    "lv": ("kurss {date}", "var būt novecojis", ", "),
    "nl": ("koers van {date}", "mogelijk verouderd", ", "),
    "pl": ("kurs z {date}", "może być nieaktualny", ", "),
    "pt": ("câmbio de {date}", "pode estar desatualizado", ", "),
    "ru": ("курс на {date}", "может быть устаревшим", ", "),
    "sv": ("kurs per {date}", "kan vara inaktuell", ", "),
    "th": ("อัตราแลกเปลี่ยน ณ {date}", "อาจไม่เป็นปัจจุบัน", " "),
    "tr": ("{date} tarihli kur", "güncel olmayabilir", ", "),
    "vi": ("tỷ giá ngày {date}", "có thể đã cũ", ", "),
    "zh": ("{date}的汇率", "可能已过时", "，"),
    "zh-Hant": ("{date}的匯率", "可能已過時", "，"),
}
_TRADITIONAL_TERRITORIES = frozenset({"TW", "HK", "MO"})


def _rate_note(loc: babel.Locale, rate_text: str, when: str, stale: bool) -> str:
    """``1 EUR = 1,0543 $, Kurs vom 27.11.2026[, möglicherweise veraltet]`` in the locale's language."""
    lang = str(loc.language)
    if lang == "zh" and (loc.script == "Hant" or (loc.script is None and loc.territory in _TRADITIONAL_TERRITORIES)):
        lang = "zh-Hant"
    as_of, old, sep = _RATE_WORDS.get(lang, _RATE_WORDS["en"])
    parts = [rate_text, as_of.format(date=when)]
    if stale:
        parts.append(old)
    return sep.join(parts)


def _format_rate(rate: Decimal, currency: str, loc: babel.Locale) -> str:
    """The rate with all its significant digits and no padding zeros (``27.345 ₫``, ``1,0543 $``)."""
    pattern = copy.copy(loc.currency_formats["standard"])
    pattern.frac_prec = (0, 6)
    return str(pattern.apply(rate, loc, currency=currency, currency_digits=False, decimal_quantization=False))
