"""CLI: ``toneloc format``, ``toneloc holidays`` and ``toneloc deadline`` (text and --json)."""

from __future__ import annotations

import json

import pytest

from toneloc.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_format_money_and_date(capsys: pytest.CaptureFixture[str]) -> None:
    """Money and dates print the Babel/CLDR string; --json wraps it with the inputs."""
    assert run(capsys, "format", "money", "1234.5", "--currency", "EUR", "--locale", "de-DE") == \
        (0, "1.234,50\xa0€\n", "")
    code, out, _ = run(capsys, "format", "date", "2026-10-02", "--locale", "vi-VN", "--format", "full", "--json")
    assert code == 0
    assert json.loads(out) == {"kind": "date", "input": "2026-10-02", "locale": "vi-VN",
                               "text": "Thứ Sáu, 2 tháng 10, 2026"}
    assert run(capsys, "format", "datetime", "2026-10-02T15:00+02:00", "--locale", "ja-JP") == \
        (0, "2026/10/02 22:00:00\n", "")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["format", "date", "2026-02-30", "--locale", "de-DE"], "invalid date '2026-02-30'"),
        (["format", "money", "12", "--currency", "EUX", "--locale", "de-DE"], "unknown currency 'EUX'"),
        (["format", "datetime", "2026-10-02T15:00", "--locale", "de-DE"], "has no UTC offset"),
        (["holidays", "--locale", "de-DE", "--country", "XY"], "does not cover country 'XY'"),
        (["deadline", "--locale", "de-DE", "--start", "2026-10-02T15:00", "--days", "1"], "2026-10-02T15:00+02:00"),
    ],
)
def test_errors_are_one_line_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    """Bad input gives exit code 2 and a one-line toneloc error, never a traceback."""
    code, _out, err = run(capsys, *argv)
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert err.count("\n") == 1


def test_holidays_json_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    """``toneloc holidays --locale vi-VN --year 2026 --json`` lists Vietnamese names."""
    code, out, _ = run(capsys, "holidays", "--locale", "vi-VN", "--year", "2026", "--json")
    rows = json.loads(out)
    assert code == 0
    assert rows[0] == {"date": "2026-01-01", "name": "Tết Dương lịch", "language": "vi", "fallback": False,
                       "country": "VN", "subdivision": None}
    assert {"date": "2026-09-02", "name": "Quốc khánh", "language": "vi", "fallback": False, "country": "VN",
            "subdivision": None} in rows


def test_holidays_text_marks_fallback(capsys: pytest.CaptureFixture[str]) -> None:
    """Text output flags English fallback names."""
    code, out, _ = run(capsys, "holidays", "--locale", "ja", "--country", "DE", "--from", "2026-10-01",
                       "--to", "2026-10-31")
    assert (code, out) == (0, "2026-10-03  2026年10月3日土曜日  German Unity Day  (English fallback)\n")


def test_deadline(capsys: pytest.CaptureFixture[str]) -> None:
    """German ticket on Friday 30 Sep 2022 (Monday holiday) is due Tuesday; other zones show the zone."""
    assert run(capsys, "deadline", "--locale", "de-DE", "--start", "2022-09-30T15:00+02:00", "--days", "1") == \
        (0, "Dienstag, 4. Oktober 2022, 17:00\n", "")
    code, out, _ = run(capsys, "deadline", "--locale", "de-DE", "--start", "2026-10-02T15:00+02:00",
                       "--hours", "3", "--closure", "2026-10-05..2026-10-06", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["deadline"] == "2026-10-07T10:00:00+02:00"
    assert data["text"] == "Mittwoch, 7. Oktober 2026, 10:00"
    _code, out, _ = run(capsys, "deadline", "--locale", "en-US", "--team-locale", "de-DE",
                       "--start", "2026-10-02T15:00+02:00", "--hours", "3")
    assert out == "Monday, October 5, 2026, 4:00\u202fAM EDT\n"


def test_help_everywhere(capsys: pytest.CaptureFixture[str]) -> None:
    """--help works for each command."""
    for argv in (["format", "--help"], ["format", "money", "--help"], ["holidays", "--help"],
                 ["deadline", "--help"]):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 0
        assert "usage: toneloc" in capsys.readouterr().out


def test_deadline_multi_zone_region_takes_tz_and_team_tz(capsys: pytest.CaptureFixture[str]) -> None:
    """en-CA/en-AU span several zones: --tz also sets the same-locale team calendar; --team-tz a foreign one."""
    base = ("deadline", "--locale", "en-CA", "--start", "2026-10-02T09:00-04:00", "--days", "1")
    assert run(capsys, *base, "--tz", "America/Toronto", "--team-locale", "en-CA") == \
        (0, "Monday, October 5, 2026, 5:00\u202fp.m.\n", "")
    code, _, err = run(capsys, *base, "--tz", "America/Toronto", "--team-locale", "en-AU")
    assert code == 2
    assert "'en-AU' has no reviewed profile and its region spans 12 time zones" in err
    assert "hint: pass --team-tz (the support team's IANA time zone), e.g. Australia/Adelaide" in err
    assert run(capsys, *base, "--tz", "America/Toronto", "--team-locale", "en-AU", "--team-tz",
               "Australia/Sydney") == (0, "Monday, October 5, 2026, 2:00\u202fa.m. EDT\n", "")
    code, _, err = run(capsys, *base, "--team-locale", "de-DE")
    assert code == 2
    assert "'en-CA' has no reviewed profile" in err
    assert "hint: pass --tz (the customer's IANA time zone)" in err
