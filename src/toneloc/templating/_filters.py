"""Template filters and globals over :mod:`toneloc.formatting`, bound to one locale.

Templates never pass the locale: an environment is built per locale and its filters are closures over
it. The customer's time zone (``customer.timezone``) and the render time (``now``) come from the
render context.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import babel
from jinja2 import pass_context
from jinja2.runtime import Context

from toneloc import formatting as fmt
from toneloc.errors import InvalidInputError

if TYPE_CHECKING:
    from toneloc.culture import Culture

__all__ = ["customer_value", "make_filters", "make_globals"]


def customer_value(ctx: Context, name: str) -> Any:
    """``customer.<name>`` from the render context (a :class:`Customer` or a mapping), or ``None``."""
    customer = ctx.get("customer")
    if customer is None:
        return None
    if isinstance(customer, Mapping):
        return customer.get(name)
    return getattr(customer, name, None)


def _now(ctx: Context) -> datetime:
    now = ctx.get("now")
    return now if isinstance(now, datetime) and now.tzinfo is not None else datetime.now(UTC)


def _as_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return fmt.parse_iso_datetime(value) if "T" in value else fmt.parse_iso_date(value)
    raise InvalidInputError(f"expected a date or an ISO date string, got {type(value).__name__}")


def _as_datetime(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        return fmt.parse_iso_datetime(value)
    raise InvalidInputError(f"expected an aware datetime or an ISO timestamp, got {type(value).__name__}",
                            hint="pass e.g. 2026-10-02T15:00+02:00")


def make_filters(loc: babel.Locale) -> dict[str, Any]:
    """The formatting filters for *loc* (see ``docs/templates.md`` for the list)."""

    def money(amount: Decimal | int | str, currency: str | None = None, format_type: str = "standard") -> str:
        return fmt.format_money(amount, currency, locale=loc, format_type=format_type)

    def number(value: Decimal | int | str | float) -> str:
        return fmt.format_number(value, locale=loc)

    def percent(value: Decimal | int | str | float) -> str:
        return fmt.format_percent(value, locale=loc)

    @pass_context
    def date_(ctx: Context, value: Any, format: str = "medium") -> str:
        tz = customer_value(ctx, "timezone") if isinstance(value, datetime) else None
        return fmt.format_date(_as_date(value), locale=loc, format=format, tz=tz)

    @pass_context
    def datetime_(ctx: Context, value: Any, format: str = "medium", tz: str | None = None) -> str:
        return fmt.format_datetime(_as_datetime(value), locale=loc, format=format,
                                   tz=tz or customer_value(ctx, "timezone"))

    @pass_context
    def time_(ctx: Context, value: Any, format: str = "short", tz: str | None = None) -> str:
        return fmt.format_time(_as_datetime(value), locale=loc, format=format,
                               tz=tz or customer_value(ctx, "timezone"))

    @pass_context
    def relative(ctx: Context, value: Any) -> str:
        if isinstance(value, timedelta):
            return fmt.format_relative(value, locale=loc)
        return fmt.format_relative(_as_datetime(value) - _now(ctx), locale=loc)

    @pass_context
    def deadline(ctx: Context, value: Any, show_zone: bool = False) -> str:
        return fmt.format_deadline(_as_datetime(value), locale=loc, tz=customer_value(ctx, "timezone"),
                                   show_zone=show_zone)

    @pass_context
    def holiday(ctx: Context, value: Any, country: str | None = None) -> str:
        found = fmt.holiday_on(_as_date(value), locale=loc, country=country or customer_value(ctx, "country"))
        return found.name if found is not None else ""

    def join_list(items: Sequence[Any], style: str = "standard") -> str:
        if isinstance(items, str):
            raise InvalidInputError("join_list expects a list of items, got a string")
        return fmt.format_list([str(i) for i in items], locale=loc, style=style)

    return {
        "money": money, "number": number, "percent": percent, "date": date_, "datetime": datetime_,
        "time": time_, "relative": relative, "deadline": deadline, "holiday": holiday, "join_list": join_list,
    }


def make_globals(loc: babel.Locale) -> dict[str, Any]:
    """``business_deadline`` and ``holiday_name`` for *loc*."""
    lock = threading.Lock()
    calendars: dict[str, fmt.BusinessCalendar] = {}

    @functools.cache
    def culture() -> Culture:  # resolved once per environment, not on every business_deadline call
        from toneloc.culture import get_culture

        return get_culture(loc)

    def calendar(ctx: Context) -> fmt.BusinessCalendar:
        """The culture's calendar; for a region spanning several zones (en-CA) in the customer's zone."""

        zone = ""
        if not culture().timezone:
            raw = customer_value(ctx, "timezone")
            zone = str(getattr(raw, "key", None) or raw) if raw else ""
            if not zone:
                culture().require_timezone(
                    context="business_deadline: ",
                    supply="set the customer's timezone (Customer(..., timezone=...) or customer={'timezone': ...} "
                           "in the render context; a template cannot pick a zone)",
                )
        with lock:
            cal = calendars.get(zone or "default")
            if cal is None:
                cal = calendars[zone or "default"] = fmt.BusinessCalendar.for_culture(loc, tz=zone or None)
        return cal

    @pass_context
    def business_deadline(ctx: Context, hours: float | int | None = None, days: int | None = None,
                          start: Any = None, show_zone: bool = False) -> str:
        """The exact time by which the team will answer, in the customer's zone ("we'll reply by ...")."""
        if (hours is None) == (days is None):
            raise InvalidInputError("business_deadline needs exactly one of hours= or days=")
        begin = _as_datetime(start) if start is not None else _now(ctx)
        cal = calendar(ctx)
        if hours is not None:
            due = cal.add_business_hours(begin, hours)
        else:
            due = cal.add_business_days(begin, int(days or 0))
        zone: str | tzinfo | None = customer_value(ctx, "timezone")
        return fmt.format_deadline(due, locale=loc, tz=zone, show_zone=show_zone)

    @pass_context
    def holiday_name(ctx: Context, day: Any, country: str | None = None) -> str:
        found = fmt.holiday_on(_as_date(day), locale=loc, country=country or customer_value(ctx, "country"))
        return found.name if found is not None else ""

    return {"business_deadline": business_deadline, "holiday_name": holiday_name}
