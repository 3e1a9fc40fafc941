"""toneloc.formatting: money, numbers, dates and exchange rates, with real CLDR strings (Babel 2.19)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import babel
import pytest
from babel import numbers as bnum

from toneloc.errors import (
    ConfigError,
    FormattingError,
    InvalidInputError,
    NaiveDatetimeError,
    TonelocError,
    UnknownCurrencyError,
    UnknownLocaleError,
)
from toneloc.formatting import (
    ExchangeRates,
    format_compact,
    format_converted_price,
    format_date,
    format_datetime,
    format_deadline,
    format_interval,
    format_list,
    format_money,
    format_number,
    format_percent,
    format_relative,
    format_time,
    format_unit,
    parse_iso_date,
    parse_iso_datetime,
)

ECB_SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "data" / "ecb-rates.xml"
RLM = "\u200f"  # RIGHT-TO-LEFT MARK
NBSP = "\xa0"
NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("de-DE", "1.234.567,89 €"),
        ("de-AT", "€ 1.234.567,89"),
        ("fr-FR", f"1{NNBSP}234{NNBSP}567,89 €"),
        ("lv-LV", "1 234 567,89 €"),
        ("vi-VN", "1.234.568 ₫"),  # VND has 0 CLDR digits
        ("id-ID", "Rp1.234.568"),  # IDR shown without decimals in id
        ("ja-JP", "￥1,234,568"),
        ("ko-KR", "₩1,234,568"),
        ("hi-IN", "₹12,34,567.89"),  # Indian lakh grouping
        ("tr-TR", "₺1.234.567,89"),
        ("ar-SA", f"{RLM}1,234,567.89 ر.س.{RLM}"),  # right-to-left marks around the amount
        ("pl-PL", "1 234 567,89 zł"),
        ("sv-SE", "1 234 567,89 kr"),
        ("en-GB", "£1,234,567.89"),
    ],
)
def test_money_in_culture_currency(locale: str, expected: str) -> None:
    """Without a currency the culture's one is used, with its CLDR digits and the locale's symbols."""
    assert format_money(Decimal("1234567.891"), locale=locale) == expected.replace(" ", NBSP)


@pytest.mark.parametrize("amount", [Decimal("1234.5"), "1234.5", "1_234.50", " 1234.50 "])
def test_money_accepts_decimal_and_str(amount: Decimal | str) -> None:
    """Decimal and decimal strings are formatted exactly."""
    assert format_money(amount, "EUR", locale="de-DE") == f"1.234,50{NBSP}€"


def test_money_accepts_int_and_explicit_currency_case_insensitive() -> None:
    """Ints are exact too, and a lower-case code is accepted."""
    assert format_money(3, "usd", locale="en-US") == "$3.00"
    assert format_money(-5, "USD", locale="en-US", format_type="accounting") == "($5.00)"
    assert format_money(3, "EUR", locale="en-US", format_type="name") == "3.00 euros"


@pytest.mark.parametrize("bad", [1234.5, 0.1, float("nan")])
def test_money_rejects_binary_floats(bad: float) -> None:
    """Floats are never formatted silently as money; the hint shows the exact alternative."""
    with pytest.raises(InvalidInputError, match="binary float") as info:
        format_money(bad, "EUR", locale="de-DE")  # type: ignore[arg-type]
    assert "Decimal(" in (info.value.hint or "")
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("bad", ["12,50", "abc", "", "NaN", "Infinity", True, None, [1]])
def test_money_rejects_non_numbers(bad: object) -> None:
    """Strings that are not plain decimals, non-finite values, bools and other types are refused."""
    with pytest.raises(InvalidInputError):
        format_money(bad, "EUR", locale="de-DE")  # type: ignore[arg-type]


def test_unknown_currency_has_suggestions() -> None:
    """An unknown ISO code raises UnknownCurrencyError (a LookupError) with close matches."""
    with pytest.raises(UnknownCurrencyError, match="'EUX'") as info:
        format_money("1", "EUX", locale="de-DE")
    assert isinstance(info.value, LookupError)
    assert "EUR" in (info.value.hint or "")


def test_unknown_locale_is_a_toneloc_error() -> None:
    """Locales go through toneloc.locale.parse_locale: bad tags raise UnknownLocaleError."""
    with pytest.raises(UnknownLocaleError):
        format_money("1", "EUR", locale="xx-YY")


def test_babel_locale_objects_are_accepted() -> None:
    """A pre-parsed babel.Locale is used as is."""
    assert format_number(Decimal("1234.5"), locale=babel.Locale.parse("lv_LV")) == f"1{NBSP}234,5"


@pytest.mark.parametrize(
    ("locale", "number", "percent"),
    [
        ("de-DE", "-1.234,5", f"12{NBSP}%"),
        ("vi-VN", "-1.234,5", "12%"),
        ("tr-TR", "-1.234,5", "%12"),  # the percent sign comes first in Turkish
        ("ja-JP", "-1,234.5", "12%"),
        ("fr-FR", f"-1{NNBSP}234,5", f"12{NBSP}%"),
    ],
)
def test_number_and_percent(locale: str, number: str, percent: str) -> None:
    """Separators and percent placement follow CLDR (0.125 rounds half-even to 12 %)."""
    assert format_number("-1234.5", locale=locale) == number
    assert format_percent(Decimal("0.125"), locale=locale) == percent


def test_compact_units_lists() -> None:
    """Compact numbers (incl. Indian lakh), units with plural forms and locale list joiners."""
    assert format_compact(1_500_000, locale="hi-IN", fraction_digits=1) == f"15{NBSP}लाख"
    assert format_compact(1_500_000, locale="vi-VN", fraction_digits=1) == f"1,5{NBSP}Tr"
    assert format_compact(12_000, locale="ja-JP") == "1万"
    assert format_unit(5, "kilogram", locale="lv-LV") == "5 kilogrami"
    assert format_unit(3, "day", locale="pl-PL") == "3 dni"
    assert format_list(["GoPay", "OVO", "DANA"], locale="id-ID", style="or") == "GoPay, OVO, atau DANA"
    assert format_list(["Alipay", "WeChat Pay"], locale="zh") == "Alipay和WeChat Pay"


def test_unit_and_list_errors() -> None:
    """Unknown units suggest close ids; unknown list styles and bare strings are refused."""
    with pytest.raises(FormattingError, match="kilogramm") as info:
        format_unit(1, "kilogramm", locale="de-DE")
    assert "kilogram" in (info.value.hint or "")
    with pytest.raises(InvalidInputError):
        format_list(["a"], locale="de-DE", style="fancy")
    with pytest.raises(InvalidInputError):
        format_list("abc", locale="de-DE")


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("vi-VN", "5 tháng 3, 2026"),
        ("lv-LV", "2026. gada 5. marts"),
        ("id-ID", "5 Maret 2026"),
        ("ja-JP", "2026年3月5日"),
        ("ar-SA", "5 مارس 2026"),
        ("ru-RU", f"5 марта 2026{NNBSP}г."),
        ("pt-PT", "5 de março de 2026"),
    ],
)
def test_long_dates(locale: str, expected: str) -> None:
    """Long date formats from CLDR."""
    assert format_date(date(2026, 3, 5), locale=locale, format="long") == expected


MOMENT = datetime(2026, 3, 5, 14, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("vi-VN", "21:30:00 5 thg 3, 2026"),  # Asia/Ho_Chi_Minh, UTC+7, time first
        ("ja-JP", "2026/03/05 23:30:00"),  # Asia/Tokyo
        ("ar-SA", f"05{RLM}/03{RLM}/2026، 5:30:00 م"),  # Asia/Riyadh, RLM after date parts
        ("de-DE", "05.03.2026, 15:30:00"),  # Europe/Berlin, CET
        ("id-ID", "5 Mar 2026 21.30.00"),  # Asia/Jakarta, dots in times
        ("lv-LV", "2026. gada 5. marts 16:30:00"),  # Europe/Riga, EET
    ],
)
def test_datetime_in_culture_zone(locale: str, expected: str) -> None:
    """An aware datetime is shown in the customer's culture time zone by default."""
    assert format_datetime(MOMENT, locale=locale) == expected


def test_explicit_tz_and_time() -> None:
    """tz= overrides the culture zone; format_time shows the local wall clock."""
    assert format_time(MOMENT, locale="en-US") == f"9:30{NNBSP}AM"
    assert format_time(MOMENT, locale="en-US", tz="America/Los_Angeles") == f"6:30{NNBSP}AM"
    assert format_date(datetime(2026, 11, 28, 23, 30, tzinfo=UTC), locale="id-ID", format="full") == \
        "Minggu, 29 November 2026"


@pytest.mark.parametrize("func", [format_datetime, format_time, format_date, format_deadline])
def test_naive_datetimes_are_refused(func: object) -> None:
    """toneloc never guesses a zone: naive datetimes raise NaiveDatetimeError with a hint."""
    with pytest.raises(NaiveDatetimeError, match="naive") as info:
        func(datetime(2026, 3, 5, 14, 30), locale="de-DE")  # type: ignore[operator]
    assert "tzinfo" in (info.value.hint or "")


def test_unknown_time_zone() -> None:
    """An unknown zone name raises InvalidInputError with close matches."""
    with pytest.raises(InvalidInputError, match="Europe/Berln") as info:
        format_datetime(MOMENT, locale="de-DE", tz="Europe/Berln")
    assert "Europe/Berlin" in (info.value.hint or "")


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13-01", "2025-02-29", "yesterday"])
def test_impossible_dates(text: str) -> None:
    """Impossible or malformed dates from text raise InvalidInputError, not a bare ValueError trace."""
    with pytest.raises(InvalidInputError, match="invalid date"):
        parse_iso_date(text)


def test_parse_iso_datetime() -> None:
    """Timestamps need an offset; impossible ones are refused."""
    assert parse_iso_datetime("2026-10-02T15:00+02:00").utcoffset() == timedelta(hours=2)
    with pytest.raises(NaiveDatetimeError):
        parse_iso_datetime("2026-10-02T15:00")
    with pytest.raises(InvalidInputError):
        parse_iso_datetime("2026-10-02T25:00+02:00")


def test_interval_and_relative() -> None:
    """Intervals share common parts; relative times are rounded (display only)."""
    start = datetime(2026, 12, 24, 12, tzinfo=UTC)
    assert format_interval(start, start + timedelta(days=3), locale="de-DE") == "24.–27. Dez. 2026"
    assert format_interval(datetime(2026, 3, 5, 9, tzinfo=UTC), datetime(2026, 3, 5, 17, tzinfo=UTC),
                           locale="de-DE", skeleton="Hm", tz="UTC") == "09:00–17:00 Uhr"
    assert format_relative(timedelta(days=-3), locale="vi-VN") == "3 ngày trước"
    assert format_relative(timedelta(hours=26), locale="en-US") == "in 1 day"  # why it is never used for promises


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("de-DE", "Dienstag, 6. Oktober 2026, 17:00"),
        ("vi-VN", "22:00 Thứ Ba, 6 tháng 10, 2026"),
        ("ja-JP", "2026年10月7日水曜日 0:00"),  # next day in Tokyo
        ("ar-SA", "الثلاثاء، 6 أكتوبر 2026، 6:00 م"),
    ],
)
def test_deadline_is_exact(locale: str, expected: str) -> None:
    """Deadlines show the weekday, the date and the minute in the customer's zone, never rounded."""
    assert format_deadline(datetime(2026, 10, 6, 15, 0, tzinfo=UTC), locale=locale) == expected


def test_deadline_keeps_minutes_that_relative_time_would_round_away() -> None:
    """26 hours and 59 minutes stays 26 h 59 min: the deadline shows 17:59, not 'in 1 day'."""
    start = datetime(2026, 10, 5, 15, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    due = start + timedelta(hours=26, minutes=59)
    assert format_deadline(due, locale="de-DE") == "Dienstag, 6. Oktober 2026, 17:59"
    assert format_deadline(due, locale="en-US", tz="America/New_York", show_zone=True) == \
        f"Tuesday, October 6, 2026, 11:59{NNBSP}AM EDT"


# -- exchange rates -------------------------------------------------------------------------------


def test_ecb_sample_file_loads() -> None:
    """The bundled sample in the ECB eurofxref format parses into Decimal rates with its date."""
    rates = ExchangeRates.from_ecb_xml(ECB_SAMPLE)
    assert rates.base == "EUR"
    assert rates.as_of == date(2026, 11, 27)
    assert rates.rates["USD"] == Decimal("1.0543")
    assert rates.rates["EUR"] == Decimal(1)
    assert "ECB" in rates.source


def test_converted_price_vnd_with_rate_stated() -> None:
    """The issue's example: a VND price with the rate and its date, rounded to VND's 0 digits."""
    rates = ExchangeRates(base="EUR", rates={"VND": Decimal("27345")}, as_of=date(2026, 11, 28))
    price = format_converted_price(Decimal("45.15"), "EUR", rates=rates, locale="vi-VN", today=date(2026, 11, 28))
    assert price.text == f"≈ 1.234.627{NBSP}₫ (1 EUR = 27.345{NBSP}₫, tỷ giá ngày 28 thg 11, 2026)"
    assert price.amount == Decimal("1234627")  # 45.15 * 27345 = 1234626.75, half-up
    assert price.currency == "VND"
    assert not price.stale


def test_cross_rate_and_stale_flag() -> None:
    """USD->JPY goes through EUR; a rate older than max_age_days is flagged in the text and field."""
    rates = ExchangeRates.from_ecb_xml(ECB_SAMPLE)
    price = format_converted_price("49.90", "USD", to="JPY", rates=rates, locale="ja-JP", today=date(2026, 12, 8))
    assert price.rate == Decimal("153.988")  # 162.35 / 1.0543 to 6 significant digits
    assert price.amount == Decimal("7684")
    assert price.stale
    assert price.text == "≈ ￥7,684 (1 USD = ￥153.988、2026/11/27時点のレート、最新ではない可能性があります)"
    digits = bnum.get_currency_precision("JPY")
    assert -price.amount.as_tuple().exponent == digits  # type: ignore[operator]


def test_converted_price_defaults_to_culture_currency() -> None:
    """Without to= the customer's culture currency is the target."""
    rates = ExchangeRates.from_ecb_xml(ECB_SAMPLE)
    price = format_converted_price("49.90", "EUR", rates=rates, locale="pt-BR", today=date(2026, 11, 28))
    assert price.text == f"≈ R${NBSP}313,74 (1 EUR = R${NBSP}6,2874, câmbio de 27 de nov. de 2026)"


def test_exchange_errors(tmp_path: Path) -> None:
    """Missing rates, float rates and broken files raise toneloc errors naming what and where."""
    rates = ExchangeRates.from_ecb_xml(ECB_SAMPLE)
    with pytest.raises(UnknownCurrencyError, match="no VND rate"):
        format_converted_price("1", "EUR", to="VND", rates=rates, locale="vi-VN", today=date(2026, 11, 28))
    with pytest.raises(InvalidInputError, match="float"):
        ExchangeRates(base="EUR", rates={"USD": 1.05}, as_of=date(2026, 1, 1))  # type: ignore[dict-item]
    with pytest.raises(InvalidInputError, match="positive"):
        ExchangeRates(base="EUR", rates={"USD": "0"}, as_of=date(2026, 1, 1))  # type: ignore[dict-item]
    bad = tmp_path / "rates.xml"
    bad.write_text("<Envelope>\n<Cube time='2026-01-01'>\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        ExchangeRates.from_ecb_xml(bad)
    assert info.value.path == str(bad)
    assert info.value.line is not None
    with pytest.raises(ConfigError, match="not found"):
        ExchangeRates.from_ecb_xml(tmp_path / "missing.xml")


def test_every_error_is_a_toneloc_error() -> None:
    """Callers can catch TonelocError for anything formatting raises."""
    for exc in (UnknownCurrencyError, NaiveDatetimeError, InvalidInputError, FormattingError, ConfigError):
        assert issubclass(exc, TonelocError)


@pytest.mark.parametrize(("locale", "expected"), [
    ("en-US", "≈ $10.54 (1 EUR = $1.0543, rate of Nov 20, 2026, may be out of date)"),
    ("de-DE", f"≈ 10,54{NBSP}$ (1 EUR = 1,0543{NBSP}$, Kurs vom 20.11.2026, möglicherweise veraltet)"),
])
def test_converted_price_states_rate_date_and_staleness_in_the_customers_language(locale: str, expected: str) -> None:
    rates = ExchangeRates(base="EUR", rates={"USD": Decimal("1.0543")}, as_of=date(2026, 11, 20))
    price = format_converted_price("10", "EUR", to="USD", rates=rates, locale=locale, today=date(2026, 11, 28))
    assert price.stale
    assert price.text == expected


def test_callers_decimal_settings_do_not_change_the_output() -> None:
    """A finance app's ROUND_DOWN or trapped Inexact in its thread must not leak into customer text."""
    import decimal

    with decimal.localcontext() as ctx:
        ctx.rounding = decimal.ROUND_DOWN
        ctx.traps[decimal.Inexact] = True
        assert format_money(Decimal("2.675"), "USD", locale="en-US") == "$2.68"
        assert format_number(Decimal("1.23456"), locale="en-US") == "1.235"


def test_traditional_chinese_rate_note_is_in_traditional_characters() -> None:
    rates = ExchangeRates(base="EUR", rates={"TWD": Decimal("34.5")}, as_of=date(2026, 11, 20))
    text = format_converted_price("10", "EUR", to="TWD", rates=rates, locale="zh-TW", today=date(2026, 11, 28)).text
    assert text.endswith("2026年11月20日的匯率，可能已過時)")
