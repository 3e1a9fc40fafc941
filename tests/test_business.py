"""BusinessCalendar: deadlines over weekends, holidays, closures, overnight shifts, half-days and DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toneloc.errors import ConfigError, InvalidInputError, NaiveDatetimeError, UnsupportedCountryError
from toneloc.formatting import BusinessCalendar, format_deadline

BERLIN = ZoneInfo("Europe/Berlin")
US = timedelta(microseconds=1)

DE = BusinessCalendar.for_culture("de-DE")


def test_friday_before_tag_der_deutschen_einheit_on_a_monday() -> None:
    """3 Oct 2022 was a Monday: a German ticket from Friday 30 Sep, 15:00, due in 1 business day,
    is due at the close of *Tuesday* 4 Oct - not Monday, a public holiday."""
    friday = datetime(2022, 9, 30, 15, 0, tzinfo=BERLIN)
    due = DE.add_business_days(friday, 1)
    assert due == datetime(2022, 10, 4, 17, 0, tzinfo=BERLIN)
    assert format_deadline(due, locale="de-DE") == "Dienstag, 4. Oktober 2022, 17:00"
    # 4 business hours: 2 on Friday, Monday skipped, 2 on Tuesday
    assert DE.add_business_hours(friday, 4) == datetime(2022, 10, 4, 11, 0, tzinfo=BERLIN)
    assert DE.closed_reason(date(2022, 10, 3)) == "holiday: Tag der Deutschen Einheit"


def test_friday_2_october_2026_holiday_on_saturday_changes_nothing() -> None:
    """In 2026, 3 Oct is a Saturday and Germany has no substitute days: Friday 2 Oct + 1 business day
    is the close of Monday 5 Oct (the contrast case to 2022)."""
    due = DE.add_business_days(datetime(2026, 10, 2, 15, 0, tzinfo=BERLIN), 1)
    assert format_deadline(due, locale="de-DE") == "Montag, 5. Oktober 2026, 17:00"
    assert DE.add_business_days(datetime(2026, 10, 2, 15, 0, tzinfo=BERLIN), 2) == \
        datetime(2026, 10, 6, 17, 0, tzinfo=BERLIN)


def test_open_next_open_and_days_zero() -> None:
    """is_open is half-open at closing time; next_open skips the weekend; 0 days = today's close."""
    assert DE.is_open(datetime(2026, 10, 5, 9, 0, tzinfo=BERLIN))
    assert not DE.is_open(datetime(2026, 10, 5, 17, 0, tzinfo=BERLIN))
    assert not DE.is_open(datetime(2026, 10, 5, 8, 59, tzinfo=BERLIN))
    assert DE.next_open(datetime(2026, 10, 2, 17, 0, tzinfo=BERLIN)) == datetime(2026, 10, 5, 9, 0, tzinfo=BERLIN)
    monday = datetime(2026, 10, 5, 10, 0, tzinfo=BERLIN)
    assert DE.next_open(monday) == monday
    assert DE.add_business_days(monday, 0) == datetime(2026, 10, 5, 17, 0, tzinfo=BERLIN)
    assert DE.add_business_days(monday.replace(hour=18), 0) == datetime(2026, 10, 6, 17, 0, tzinfo=BERLIN)


def test_amount_types() -> None:
    """Hours may be int, float, Decimal or timedelta; zero returns the start itself."""
    start = datetime(2026, 10, 5, 9, 0, tzinfo=BERLIN)
    want = datetime(2026, 10, 5, 10, 30, tzinfo=BERLIN)
    assert DE.add_business_hours(start, 1.5) == want
    assert DE.add_business_hours(start, Decimal("1.5")) == want
    assert DE.add_business_hours(start, timedelta(minutes=90)) == want
    assert DE.add_business_hours(start, 0) == start


def test_result_is_in_the_calendar_zone_whatever_the_input_zone() -> None:
    """A UTC input gives a Berlin-zoned deadline (same instant arithmetic)."""
    due = DE.add_business_hours(datetime(2026, 10, 5, 7, 0, tzinfo=UTC), 1)
    assert due.isoformat() == "2026-10-05T10:00:00+02:00"


def test_arabic_weekend_is_friday_saturday() -> None:
    """ar-SA: Friday and Saturday are the weekend (CLDR); Thursday 16:00 + 2 h is Sunday 10:00."""
    cal = BusinessCalendar.for_culture("ar-SA")
    riyadh = ZoneInfo("Asia/Riyadh")
    assert cal.weekend == (4, 5)
    assert cal.add_business_hours(datetime(2026, 10, 8, 16, 0, tzinfo=riyadh), 2) == \
        datetime(2026, 10, 11, 10, 0, tzinfo=riyadh)


def test_tet_in_ho_chi_minh_city() -> None:
    """Asia/Ho_Chi_Minh has no DST; Tết (16-20 Feb 2026) closes the whole week."""
    cal = BusinessCalendar.for_culture("vi-VN")
    hcm = ZoneInfo("Asia/Ho_Chi_Minh")
    due = cal.add_business_hours(datetime(2026, 2, 13, 16, 0, tzinfo=hcm), 2)
    assert due.isoformat() == "2026-02-23T10:00:00+07:00"
    assert format_deadline(due, locale="vi-VN") == "10:00 Thứ Hai, 23 tháng 2, 2026"


def test_turkish_half_day() -> None:
    """28 Oct 2026 (eve of Republic Day) ends at 13:00 in Turkey; 29 Oct is a holiday."""
    cal = BusinessCalendar.for_culture("tr-TR")
    ist = ZoneInfo("Europe/Istanbul")
    assert cal.is_open(datetime(2026, 10, 28, 12, 59, tzinfo=ist))
    assert not cal.is_open(datetime(2026, 10, 28, 13, 0, tzinfo=ist))
    assert cal.add_business_hours(datetime(2026, 10, 28, 11, 0, tzinfo=ist), 3) == \
        datetime(2026, 10, 30, 10, 0, tzinfo=ist)
    assert cal.add_business_days(datetime(2026, 10, 27, 10, 0, tzinfo=ist), 1) == \
        datetime(2026, 10, 28, 13, 0, tzinfo=ist)


def test_extra_closures() -> None:
    """Closures (single dates and inclusive ranges) close the team on top of holidays."""
    cal = BusinessCalendar.for_culture("de-DE", closures=[(date(2026, 12, 24), date(2026, 12, 31)), date(2027, 1, 4)])
    due = cal.add_business_hours(datetime(2026, 12, 23, 16, 0, tzinfo=BERLIN), 2)
    assert due == datetime(2027, 1, 5, 10, 0, tzinfo=BERLIN)  # 1 Jan holiday, 2-3 Jan weekend, 4 Jan closed
    assert cal.closed_reason(date(2026, 12, 28)) == "closure"


NIGHTS = BusinessCalendar("Europe/Berlin", {d: [(time(22), time(6))] for d in range(5)}, None)


def test_overnight_shift() -> None:
    """A Friday 22:00-06:00 shift is open early Saturday; the team is closed Saturday 07:00."""
    assert NIGHTS.is_open(datetime(2026, 10, 10, 3, 0, tzinfo=BERLIN))
    assert not NIGHTS.is_open(datetime(2026, 10, 10, 7, 0, tzinfo=BERLIN))
    assert NIGHTS.next_open(datetime(2026, 10, 10, 7, 0, tzinfo=BERLIN)) == datetime(2026, 10, 12, 22, 0, tzinfo=BERLIN)


OVERLAPPING = BusinessCalendar("Asia/Ho_Chi_Minh", {0: [(time(0), time(8)), (time(9), time(13)), (time(11), time(17))],
                                                   6: [(time(22), time(6))]}, None)


def test_overlapping_shifts_are_not_double_counted() -> None:
    """Overlapping shifts (9-13 and 11-17; a Sunday night shift into Monday's 00-08) count once."""
    hcm = ZoneInfo("Asia/Ho_Chi_Minh")
    monday = datetime(2026, 10, 5, 9, 0, tzinfo=hcm)
    assert OVERLAPPING.business_hours_between(monday, monday.replace(hour=17)) == timedelta(hours=8)
    assert OVERLAPPING.add_business_hours(monday, 8) == monday.replace(hour=17)
    sunday_night = datetime(2026, 10, 4, 22, 0, tzinfo=hcm)
    assert OVERLAPPING.add_business_hours(sunday_night, 8) == datetime(2026, 10, 5, 6, 0, tzinfo=hcm)
    assert OVERLAPPING.business_hours_between(sunday_night, datetime(2026, 10, 5, 8, 0, tzinfo=hcm)) == \
        timedelta(hours=10)  # 22:00-08:00 once, not 8 h + 8 h


def test_dst_berlin_overnight_shift_lengths() -> None:
    """Europe/Berlin: the night of 26-27 Mar 2026 is normal (8 h); shifts that span the change last
    7 h (spring forward, Sunday 29 Mar 2026 02:00) or 9 h (fall back, Sunday 25 Oct 2026 03:00)."""
    allnights = BusinessCalendar("Europe/Berlin", {d: [(time(22), time(6))] for d in range(7)}, None)

    def shift(day: date) -> timedelta:
        start = datetime.combine(day, time(22), BERLIN)
        return allnights.business_hours_between(start, start + timedelta(hours=12))

    assert shift(date(2026, 3, 26)) == timedelta(hours=8)
    assert shift(date(2026, 3, 28)) == timedelta(hours=7)
    assert shift(date(2026, 10, 24)) == timedelta(hours=9)
    # 8 business hours from Saturday 22:00: 7 in the short night, the 8th from 22:00 on Sunday
    assert allnights.add_business_hours(datetime(2026, 3, 28, 22, 0, tzinfo=BERLIN), 8) == \
        datetime(2026, 3, 29, 23, 0, tzinfo=BERLIN)


def test_dst_berlin_day_shifts_keep_wall_clock() -> None:
    """Day shifts keep their 09:00-17:00 wall-clock hours across the DST weekend."""
    due = DE.add_business_hours(datetime(2026, 3, 27, 16, 0, tzinfo=BERLIN), 2)
    assert due.isoformat() == "2026-03-30T10:00:00+02:00"


@pytest.mark.parametrize(
    ("zone", "saturday"),
    [
        # Brazil abolished DST in 2019 (Decreto 9.772), so use its last spring-forward: midnight of
        # Sunday 4 Nov 2018 did not exist in Sao Paulo (00:00 -> 01:00).
        ("America/Sao_Paulo", date(2018, 11, 3)),
        # Chile still moves clocks at midnight: Sunday 6 Sep 2026 00:00 -> 01:00 in Santiago.
        ("America/Santiago", date(2026, 9, 5)),
    ],
)
def test_dst_at_midnight_24_7(zone: str, saturday: date) -> None:
    """A 24/7 team in a zone whose clocks jump at midnight: Saturday noon to Sunday noon is 23 real
    hours, and 24 business hours from Saturday noon end at Sunday 13:00."""
    cal = BusinessCalendar(zone, {d: [(time(0), time(0))] for d in range(7)}, None)
    tz = ZoneInfo(zone)
    start = datetime.combine(saturday, time(12), tz)
    sunday_noon = datetime.combine(saturday + timedelta(days=1), time(12), tz)
    assert cal.business_hours_between(start, sunday_noon) == timedelta(hours=23)
    assert cal.add_business_hours(start, 24) == sunday_noon + timedelta(hours=1)
    assert cal.is_open(datetime.combine(saturday + timedelta(days=1), time(0, 30), tz))


def test_bad_input_and_config() -> None:
    """Naive datetimes, negative amounts and broken configuration raise toneloc errors."""
    with pytest.raises(NaiveDatetimeError):
        DE.is_open(datetime(2026, 10, 5, 9, 0))
    with pytest.raises(InvalidInputError, match="negative"):
        DE.add_business_hours(datetime(2026, 10, 5, 9, 0, tzinfo=BERLIN), -1)
    with pytest.raises(InvalidInputError, match="non-negative int"):
        DE.add_business_days(datetime(2026, 10, 5, 9, 0, tzinfo=BERLIN), True)
    with pytest.raises(InvalidInputError, match="unknown time zone"):
        BusinessCalendar("Mars/Olympus", {0: [(time(9), time(17))]}, None)
    with pytest.raises(ConfigError, match="weekday number"):
        BusinessCalendar("UTC", {7: [(time(9), time(17))]}, None)
    with pytest.raises(ConfigError, match=r"datetime\.time"):
        BusinessCalendar("UTC", {0: [("09:00", "17:00")]}, None)  # type: ignore[list-item]
    with pytest.raises(ConfigError, match="at least one weekday"):
        BusinessCalendar("UTC", {}, None)
    with pytest.raises(UnsupportedCountryError):
        BusinessCalendar("UTC", {0: [(time(9), time(17))]}, "XY")
    closed = BusinessCalendar("UTC", {0: [(time(9), time(17))]}, None,
                              closures=[(date(2026, 1, 1), date(2040, 1, 1))])
    with pytest.raises(ConfigError, match="no business hours"):
        closed.next_open(datetime(2026, 1, 1, tzinfo=UTC))


# -- properties -----------------------------------------------------------------------------------

CALENDARS = [
    DE,
    NIGHTS,
    OVERLAPPING,
    BusinessCalendar.for_culture("ar-SA"),
    BusinessCalendar.for_culture("tr-TR", closures=[(date(2026, 7, 1), date(2026, 7, 14))]),
    BusinessCalendar("America/Santiago", {0: [(time(8), time(12)), (time(13), time(18))], 2: [(time(0), time(0))],
                                          4: [(time(20), time(2))]}, "CL"),
]

cals = st.sampled_from(CALENDARS)
instants = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31),
                        timezones=st.just(UTC))
spans = st.integers(min_value=1, max_value=60 * 80).map(lambda m: timedelta(minutes=m))


@given(cals, instants, spans)
def test_deadline_is_inside_opening_hours(cal: BusinessCalendar, start: datetime, amount: timedelta) -> None:
    """A deadline is never inside a closure, weekend or holiday: the instant just before it is open."""
    due = cal.add_business_hours(start, amount)
    assert cal.is_open(due - US)
    assert due > start


@given(cals, instants, spans, spans)
def test_adding_n_then_m_equals_n_plus_m(cal: BusinessCalendar, start: datetime, n: timedelta,
                                         m: timedelta) -> None:
    """Adding N then M business hours equals adding N+M."""
    assert cal.add_business_hours(cal.add_business_hours(start, n), m) == cal.add_business_hours(start, n + m)


@given(cals, instants, spans)
def test_between_inverts_add(cal: BusinessCalendar, start: datetime, amount: timedelta) -> None:
    """business_hours_between(start, add_business_hours(start, N)) == N, and negates when swapped."""
    due = cal.add_business_hours(start, amount)
    assert cal.business_hours_between(start, due) == amount
    assert cal.business_hours_between(due, start) == -amount


@given(cals, instants, st.integers(min_value=0, max_value=15))
def test_business_days_end_at_a_close(cal: BusinessCalendar, start: datetime, days: int) -> None:
    """add_business_days ends at a closing time (open just before, closed at it) after the start."""
    due = cal.add_business_days(start, days)
    assert due > start
    assert cal.is_open(due - US)
    assert not cal.is_open(due) or cal.next_open(due) == due


@given(cals, instants)
def test_next_open_is_open(cal: BusinessCalendar, at: datetime) -> None:
    """next_open returns an open instant with no business time before it."""
    nxt = cal.next_open(at)
    assert cal.is_open(nxt)
    assert cal.business_hours_between(at, nxt) == timedelta(0)


def test_amounts_beyond_the_search_window_say_so() -> None:
    """A deadline years away is refused as too large, not reported as a calendar without hours."""
    cal = BusinessCalendar.for_culture("de-DE")
    start = datetime(2026, 1, 5, 9, tzinfo=ZoneInfo("Europe/Berlin"))
    with pytest.raises(InvalidInputError, match="more than 87,840 hours"):
        cal.add_business_hours(start, 10**9)
    with pytest.raises(InvalidInputError, match="do not fit in the 3,660 days searched"):
        cal.add_business_hours(start, 80_000)  # ~10,000 eight-hour days
    with pytest.raises(InvalidInputError, match="more than 3,660 days"):
        cal.add_business_days(start, 1_000_000)
