"""Public holidays with localized names (toneloc.formatting.holiday_on / holidays_between)."""

from __future__ import annotations

from datetime import date

import pytest

from toneloc.errors import CultureNotFoundError, InvalidInputError, UnsupportedCountryError
from toneloc.formatting import Holiday, holiday_on, holidays_between


def test_vietnamese_names_for_vietnam() -> None:
    """A Vietnamese customer gets Vietnamese holiday names, with no fallback recorded."""
    got = holidays_between(date(2026, 2, 14), date(2026, 2, 22), locale="vi-VN")
    assert [(h.date.isoformat(), h.name) for h in got] == [
        ("2026-02-16", "Giao thừa Tết Nguyên Đán"),
        ("2026-02-17", "Tết Nguyên Đán"),
        ("2026-02-18", "Mùng hai Tết Nguyên Đán"),
        ("2026-02-19", "Mùng ba Tết Nguyên Đán"),
        ("2026-02-20", "Mùng bốn Tết Nguyên Đán"),
    ]
    assert all(h.language_used == "vi" and not h.fallback and h.country == "VN" for h in got)


def test_english_fallback_is_recorded() -> None:
    """No Japanese names for German holidays: English is used and the fallback is flagged."""
    h = holiday_on(date(2026, 10, 3), locale="ja-JP", country="DE")
    assert h == Holiday(date(2026, 10, 3), "German Unity Day", "en_US", True, "DE", None)


@pytest.mark.parametrize(
    ("locale", "day", "name", "language"),
    [
        ("de-DE", date(2026, 10, 3), "Tag der Deutschen Einheit", "de"),
        ("de-AT", date(2026, 10, 26), "Nationalfeiertag", "de"),
        ("pt-BR", date(2026, 11, 20), "Dia Nacional de Zumbi e da Consciência Negra", "pt_BR"),
        ("ja-JP", date(2026, 2, 11), "建国記念の日", "ja"),
        ("ar-SA", date(2026, 2, 22), "يوم التأسيس", "ar"),
        ("hi-IN", date(2026, 1, 26), "गणतंत्र दिवस", "hi"),
        ("lv-LV", date(2026, 11, 18), "Latvijas Republikas Proklamēšanas diena", "lv"),
        ("id-ID", date(2026, 8, 17), "Hari Kemerdekaan Republik Indonesia", "id"),
        ("en-US", date(2026, 11, 26), "Thanksgiving Day", "en_US"),
        ("sv-SE", date(2026, 6, 6), "Nationaldagen", "sv"),
    ],
)
def test_localized_names(locale: str, day: date, name: str, language: str) -> None:
    """Names come in the customer's language for the culture's country."""
    h = holiday_on(day, locale=locale)
    assert h is not None
    assert (h.name, h.language_used, h.fallback) == (name, language, False)


def test_subdivision_matters_for_quebec() -> None:
    """fr-CA uses the QC calendar: 24 June is a holiday there, not nationally."""
    h = holiday_on(date(2026, 6, 24), locale="fr-CA")
    assert h is not None
    assert (h.name, h.subdivision) == ("Fête nationale du Québec", "QC")
    assert holiday_on(date(2026, 6, 24), locale="fr-CA", country="CA") is None


def test_no_holiday_and_range_bounds() -> None:
    """Ordinary days give None; ranges are inclusive and ordered; reversed ranges are refused."""
    assert holiday_on(date(2026, 10, 5), locale="de-DE") is None
    got = holidays_between(date(2026, 12, 24), date(2026, 12, 26), locale="pl-PL")
    assert [h.name for h in got] == ["Wigilia Bożego Narodzenia", "Boże Narodzenie (pierwszy dzień)",
                                     "Boże Narodzenie (drugi dzień)"]
    assert holidays_between(date(2026, 12, 29), date(2027, 1, 2), locale="de-DE")[0].date == date(2027, 1, 1)
    with pytest.raises(InvalidInputError, match="before"):
        holidays_between(date(2026, 2, 1), date(2026, 1, 1), locale="de-DE")


def test_unsupported_country_and_subdivision() -> None:
    """Unknown countries/subdivisions raise UnsupportedCountryError (a LookupError) with hints."""
    with pytest.raises(UnsupportedCountryError, match="'XY'") as info:
        holiday_on(date(2026, 1, 1), locale="de-DE", country="XY")
    assert isinstance(info.value, LookupError)
    with pytest.raises(UnsupportedCountryError, match="subdivision 'BZ'") as info:
        holiday_on(date(2026, 1, 1), locale="de-DE", country="DE", subdivision="BZ")
    assert "BY" in (info.value.hint or "")


def test_bad_inputs() -> None:
    """Strings are not dates; a locale without a culture needs an explicit country."""
    with pytest.raises(InvalidInputError, match="must be a date"):
        holiday_on("2026-01-01", locale="de-DE")  # type: ignore[arg-type]
    with pytest.raises(CultureNotFoundError, match="holiday country"):
        holiday_on(date(2026, 1, 1), locale="xh")
    assert holiday_on(date(2026, 1, 1), locale="xh", country="ZA") is not None
