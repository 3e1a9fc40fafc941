"""``toneloc reply`` and ``toneloc kb translate`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("jinja2")

from toneloc.cli import main

ROOT = Path(__file__).resolve().parents[1]
CTX = str(ROOT / "examples/helpdesk/contexts/refund.json")


def test_reply_issue_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The command from the issue: a Vietnamese message, the refund template, the example context."""
    rc = main(["reply", "--template", "refund", "--message", "Tôi chưa nhận được hàng", "--context", CTX,
               "--db", str(tmp_path / "r.db"), "--translator", "none"])
    captured = capsys.readouterr()
    assert rc == 0
    assert "using the example helpdesk" in captured.err
    out = captured.out
    assert out.startswith("locale: vi-VN (detected: detected vi with confidence 1.00)\nstatus: SEND NOW\n")
    assert "Kính gửi Quý khách Amélie Laurent," in out
    assert "human catalog (vi)" in out


def test_reply_json_ticket_queued(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "r.db"
    rc = main(["reply", "--ticket", str(ROOT / "examples/tickets/t-1002-lv.json"), "--json", "--db", str(db),
               "--translator", "none"])
    assert rc == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["locale"], data["status"], data["review_item_ids"]) == ("lv-LV", "review", [1])
    # the item is in the store `toneloc review` reads
    assert main(["review", "list", "--db", str(db), "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    items = items["items"] if isinstance(items, dict) else items
    assert [i["source"] for i in items] == ["We have also added a 10 EUR voucher to your account for the trouble."]


def test_reply_tone_on_the_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["reply", "--template", "refund", "--context", CTX, "--customer-locale", "de-DE", "--message", "???",
               "--note", "Hast du die Rechnung bekommen?", "--db", str(tmp_path / "r.db"), "--translator", "none"])
    out = capsys.readouterr().out
    assert rc == 0
    assert "locale: de-DE (customer-profile" in out
    assert "Haben Sie die Rechnung bekommen?" in out
    assert "tone de.du-sie.verb: 'Hast' -> 'Haben'" in out


def test_reply_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reply", "--message", "hi", "--db", str(tmp_path / "r.db")]) == 2
    assert "--template is required" in capsys.readouterr().err
    bad = tmp_path / "ctx.json"
    bad.write_text('{"order_id": "A-1",\n  oops}', encoding="utf-8")
    assert main(["reply", "--template", "refund", "--context", str(bad), "--db", str(tmp_path / "r.db")]) == 2
    assert f"{bad}:2:" in capsys.readouterr().err


def test_kb_translate_progress_bar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "track-your-order.md").write_text((ROOT / "examples/helpdesk/kb/track-your-order.md").read_text("utf-8"),
                                            encoding="utf-8")
    rc = main(["kb", "translate", str(kb), "-l", "de", "-l", "fr", "--translator", "pseudo",
               "--db", str(tmp_path / "r.db"), "--write-incomplete"])
    captured = capsys.readouterr()
    assert rc == 0
    assert "kb translate" in captured.err
    assert "2/2" in captured.err
    assert "2 article translations in" in captured.out
    assert (kb / "track-your-order.fr.md").is_file()
