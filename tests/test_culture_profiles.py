"""Culture profiles: the registry, the TOML files and docs/cultures.md agree; every profile loads,
cites sources and works end to end with formatting, holidays and business calendars."""

from __future__ import annotations

import re
import tomllib
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from toneloc.culture import CULTURES, PRIMARY_CULTURE, Culture, get_culture
from toneloc.formatting import (
    BusinessCalendar,
    format_date,
    format_datetime,
    format_deadline,
    format_money,
    holiday_on,
    holidays_between,
    supported_countries,
)

DOCS = Path(__file__).resolve().parents[1] / "docs" / "cultures.md"
LOCALES = resources.files("toneloc.locales")
ROW = re.compile(r"^\| `(?P<tag>[A-Za-z-]+)` \| (?P<rest>.*)\|$")
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

def _params() -> list[object]:
    return list(CULTURES)


def _profile(tag: str) -> Culture:
    """Load via the profile's own Babel locale so that zh-CN's profile is checked too."""
    data = tomllib.loads(LOCALES.joinpath(CULTURES[tag][1]).read_text(encoding="utf-8"))
    culture = get_culture(data.get("locale", tag))
    assert culture.tag == tag
    return culture


def _docs_rows() -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        m = ROW.match(line)
        if m:
            rows[m["tag"]] = [c.strip() for c in m["rest"].split("|")]
    return rows


def test_registry_files_and_docs_agree() -> None:
    """Every registry line has a profile file and a docs row, and vice versa."""
    files = {p.name for p in LOCALES.iterdir() if p.name.endswith(".toml")}
    assert files == {filename for _, filename in CULTURES.values()}
    assert all(filename == f"{tag}.toml" for tag, (_, filename) in CULTURES.items())
    assert list(_docs_rows()) == list(CULTURES)
    assert set(PRIMARY_CULTURE.values()) <= set(CULTURES)


@pytest.mark.parametrize("tag", list(CULTURES))
def test_profile_loads_and_cites_sources(tag: str) -> None:
    """Each profile loads, is valid for Babel/zoneinfo/holidays, cites sources and matches its docs row."""
    c = _profile(tag)
    assert c.register in ("formal", "informal")
    assert c.directness in ("direct", "balanced", "indirect")
    assert len(c.sources) >= 1
    assert all(len(s) > 10 for s in c.sources)
    assert c.payment_methods
    assert c.contact_channels
    assert isinstance(c.reviewed, date)
    ZoneInfo(c.timezone)
    assert c.holiday_country in supported_countries()
    if c.holiday_subdivision:
        assert c.holiday_subdivision in supported_countries()[c.holiday_country]
    assert format_money("1", c.currency, locale=c.locale)  # CLDR knows the currency
    name, register, directness, currency, tz, hol, weekend, week_start, payments = _docs_rows()[tag]
    assert (name, register, directness, currency, tz) == (c.name, c.register, c.directness, c.currency, c.timezone)
    assert hol == c.holiday_country + (f"-{c.holiday_subdivision}" if c.holiday_subdivision else "")
    assert weekend.split("–") == [DAYS[d] for d in sorted({c.weekend[0], c.weekend[-1]}, key=c.weekend.index)]
    assert week_start == DAYS[c.week_start]
    assert payments == ", ".join(c.payment_methods)


@pytest.mark.parametrize(
    ("tag", "facts"),
    [
        ("pt-BR", ("BRL", "America/Sao_Paulo", "Pix")),
        ("nl-NL", ("EUR", "Europe/Amsterdam", "iDEAL")),
        ("zh-CN", ("CNY", "Asia/Shanghai", "支付宝 (Alipay)")),
        ("vi-VN", ("VND", "Asia/Ho_Chi_Minh", "MoMo")),
        ("id-ID", ("IDR", "Asia/Jakarta", "QRIS")),
        ("hi-IN", ("INR", "Asia/Kolkata", "UPI (PhonePe, Google Pay, Paytm, BHIM)")),
        ("pl-PL", ("PLN", "Europe/Warsaw", "BLIK")),
        ("sv-SE", ("SEK", "Europe/Stockholm", "Swish")),
        ("es-ES", ("EUR", "Europe/Madrid", "Bizum")),
        ("ja-JP", ("JPY", "Asia/Tokyo", "PayPay")),
    ],
)
def test_market_payment_methods(tag: str, facts: tuple[str, str, str]) -> None:
    """Replies can name the payment methods customers in each market expect."""
    c = _profile(tag)
    currency, tz, method = facts
    assert (c.currency, c.timezone) == (currency, tz)
    assert method in c.payment_methods


def test_registers_and_weekends() -> None:
    """Swedish support is informal (du-reformen); Saudi weekend is Friday-Saturday (CLDR)."""
    assert _profile("sv-SE").register == "informal"
    assert _profile("de-AT").register == "formal"
    assert _profile("ar-SA").weekend == (4, 5)
    assert _profile("ar-SA").text_direction == "rtl"
    assert _profile("hi-IN").weekend == (6,)
    assert _profile("fr-CA").holiday_subdivision == "QC"


@pytest.mark.parametrize("tag", _params())
def test_smoke_every_culture(tag: str) -> None:
    """For every culture (by its tag): money, dates, this year's holidays and a business calendar work."""
    c = get_culture(tag)
    assert format_money(Decimal("1234.5"), locale=tag)
    assert format_date(date(2026, 10, 2), locale=tag, format="full")
    assert format_datetime(datetime(2026, 10, 2, 12, tzinfo=UTC), locale=tag)
    year = date.today().year
    assert len(holidays_between(date(year, 1, 1), date(year, 12, 31), locale=tag)) >= 3
    cal = BusinessCalendar.for_culture(tag)
    due = cal.add_business_days(datetime(2026, 10, 2, 12, tzinfo=UTC), 1)
    assert due > datetime(2026, 10, 2, 12, tzinfo=UTC)
    assert cal.is_open(due - timedelta(microseconds=1))
    assert format_deadline(due, locale=tag)
    assert cal.weekend == c.weekend


def test_cultures_cli_lists_every_profile(capsys: pytest.CaptureFixture[str]) -> None:
    """``toneloc cultures --json`` lists all 24 profiles in registry order (zh-CN included)."""
    import json

    from toneloc.cli import main

    assert main(["cultures", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["tag"] for r in rows] == list(CULTURES)
    assert main(["cultures", "sv-SE"]) == 0
    assert capsys.readouterr().out.split()[:3] == ["sv-SE", "informal", "direct"]


class TestRegionsWithoutAProfile:
    """A region with no reviewed profile keeps its language's conventions but its own market facts:
    a Swiss customer is never quoted in euros or shown German holidays."""

    def test_derived_culture_takes_market_data_from_the_region(self) -> None:
        from toneloc.culture import resolve_culture

        match = resolve_culture("de-CH")
        c = match.culture
        assert (c.tag, c.derived_from, c.register, c.directness) == ("de-CH", "de-DE", "formal",
                                                                     get_culture("de-DE").directness)
        assert (c.currency, c.timezone, c.holiday_country, c.holiday_subdivision) == ("CHF", "Europe/Zurich", "CH",
                                                                                     None)
        assert c.payment_methods == ()
        assert c.reviewed is None
        assert not match.exact
        assert "register and directness from 'de-DE'" in match.reason
        assert "of CH" in match.reason

    def test_formatting_uses_the_regions_currency_and_holidays(self) -> None:
        assert format_money("12", locale="de-CH") == "CHF\xa012.00"
        assert format_money("12", locale="fr-BE") == "12,00\xa0€"
        assert holiday_on(date(2026, 10, 3), locale="de-CH") is None  # German Unity Day is not Swiss
        swiss = holiday_on(date(2026, 8, 1), locale="de-CH")
        assert swiss is not None
        assert swiss.name == "Nationalfeiertag"

    def test_a_region_with_several_zones_needs_tz(self) -> None:
        from toneloc.errors import CultureNotFoundError

        assert get_culture("en-CA").currency == "CAD"
        moment = datetime(2026, 10, 2, 13, 0, tzinfo=UTC)
        with pytest.raises(CultureNotFoundError, match="'en-CA' has no reviewed profile and its region spans"):
            format_datetime(moment, locale="en-CA")
        toronto = format_datetime(moment, locale="en-CA", tz="America/Toronto", format="short")
        assert toronto == "2026-10-02, 9:00\u202fa.m."
        with pytest.raises(CultureNotFoundError, match="pass tz="):
            BusinessCalendar.for_culture("en-AU")
        assert BusinessCalendar.for_culture("en-AU", tz="Australia/Sydney").country == "AU"

    def test_script_subtag_finds_the_profile(self) -> None:
        from toneloc.culture import resolve_culture

        match = resolve_culture("zh-Hans-CN")
        assert (match.culture.tag, match.exact, match.culture.derived_from) == ("zh-CN", True, None)

    def test_no_fallback_means_no_derived_culture(self) -> None:
        from toneloc.errors import CultureNotFoundError

        with pytest.raises(CultureNotFoundError, match="no culture profile for 'de-CH'"):
            get_culture("de-CH", fallback=False)

    def test_a_region_group_is_not_a_country(self) -> None:
        """es-419 (Latin America) has no currency or holidays of its own: the recorded primary-culture fallback."""
        from toneloc.culture import resolve_culture

        match = resolve_culture("es-419")
        assert (match.culture.tag, match.exact) == ("es-ES", False)
        assert "419 is a region group, not a country" in match.reason
        assert resolve_culture("en-001").culture.tag == "en-US"

    def test_a_region_without_a_known_zone_says_so(self) -> None:
        from toneloc.errors import CultureNotFoundError

        with pytest.raises(CultureNotFoundError, match="no time zone is known for its region") as info:
            get_culture("en-DG").require_timezone()
        assert "e.g." not in (info.value.hint or "")
