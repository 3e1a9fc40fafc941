"""Culture-aware formatting for support replies: thin over Babel (CLDR) and ``holidays``.

Money (never from binary floats), numbers, dates and times in the customer's zone, converted prices
with the rate stated, public holidays with localized names, and business-hour deadlines.
Every function takes a keyword-only ``locale=`` (``"de-AT"``, ``"pt_BR"`` or a :class:`babel.Locale`);
parsed locales are cached, so a call costs about what the Babel call it wraps costs.

>>> from decimal import Decimal
>>> from toneloc.formatting import format_money, format_date
>>> format_money(Decimal("19.99"), locale="sv-SE")
'19,99\\xa0kr'
>>> from datetime import date
>>> format_date(date(2026, 12, 24), locale="ko-KR", format="full")
'2026년 12월 24일 목요일'
"""

from __future__ import annotations

from toneloc.formatting._common import parse_iso_date, parse_iso_datetime
from toneloc.formatting.business import DEFAULT_HOURS, HALF_DAY_COUNTRIES, BusinessCalendar
from toneloc.formatting.calendar_holidays import Holiday, holiday_on, holidays_between, supported_countries
from toneloc.formatting.dates import (
    format_date,
    format_datetime,
    format_deadline,
    format_interval,
    format_relative,
    format_time,
)
from toneloc.formatting.exchange import ConvertedPrice, ExchangeRates, format_converted_price
from toneloc.formatting.money import (
    format_compact,
    format_list,
    format_money,
    format_number,
    format_percent,
    format_unit,
)

__all__ = [
    "DEFAULT_HOURS",
    "HALF_DAY_COUNTRIES",
    "BusinessCalendar",
    "ConvertedPrice",
    "ExchangeRates",
    "Holiday",
    "format_compact",
    "format_converted_price",
    "format_date",
    "format_datetime",
    "format_deadline",
    "format_interval",
    "format_list",
    "format_money",
    "format_number",
    "format_percent",
    "format_relative",
    "format_time",
    "format_unit",
    "holiday_on",
    "holidays_between",
    "parse_iso_date",
    "parse_iso_datetime",
    "supported_countries",
]
