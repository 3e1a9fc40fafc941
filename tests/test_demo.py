"""``toneloc demo`` runs the whole loop on the bundled tickets, fast, and says what it did."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("jinja2")

from toneloc.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_demo_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each ticket shows detection, locale and reason, reply, tone edits and routing; the loop closes."""
    db = tmp_path / "demo.db"
    t0 = time.perf_counter()
    assert main(["demo", "--db", str(db)]) == 0
    assert time.perf_counter() - t0 < 30
    out = capsys.readouterr().out
    assert f"review queue: {db}" in out
    assert db.is_file()
    # Vietnamese: detected, human catalog, the agent's informal note made formal
    assert "detected: vi (confidence 1.00)" in out
    assert "    Kính gửi Quý khách Nguyễn Thị Lan," in out
    assert "'Bạn' -> 'Quý khách' (vi.address.you)" in out
    # Latvian: the English note is honestly queued for a human translator
    assert ("source  : 'We have also added a 10 EUR voucher to your account for t...': "
            "untranslated: queued for a human translator") in out
    assert "status  : WAITS FOR REVIEW: queue items 1" in out
    # Indonesian: kamu -> Anda
    assert "'Kamu' -> 'Anda' (id.pronoun.you)" in out
    assert "    Anda sudah cek folder spam Anda?" in out
    # Austrian customer whose message says nothing: the profile decides
    assert "locale  : de-AT  [customer-profile]" in out
    # closing the loop
    assert "again   : translation memory 1.00; status SEND NOW" in out
    summary = out[out.index("=== summary"):]
    for row in ("T-1001   vi        vi-VN   detected          send",
                "T-1002   lv        lv-LV   detected          review",
                "T-1003   id        id-ID   detected          send",
                "T-1005   und       de-AT   customer-profile  send",
                "T-1008   und       en-US   fallback          send"):
        assert row in summary
    assert "review queue: it-IT: 6 needs-review, lv-LV: 1 approved" in summary


def test_demo_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--db", str(tmp_path / "d.db"), "--json", "--translator", "none"]) == 0
    data = json.loads(capsys.readouterr().out)
    replies = {r["ticket_id"]: r for r in data["replies"]}
    assert {r["locale"] for r in replies.values()} >= {"vi-VN", "lv-LV", "id-ID"}
    # without MT the Brazilian note is queued too, never sent untranslated
    br = replies["T-1004"]
    assert br["status"] == "review"
    assert [s["origin"] for s in br["segments"] if s["key"] == "note"] == ["untranslated"]
    assert data["after_review"][0]["status"] == "send"


def test_demo_default_db_goes_to_a_printed_temp_dir() -> None:
    """Run as a user would: the console script, a temporary review DB whose path is printed."""
    proc = subprocess.run([sys.executable, "-m", "toneloc", "demo", "--no-loop", "--translator", "none"],
                          capture_output=True, text=True, timeout=60, cwd=ROOT, check=False)
    assert proc.returncode == 0, proc.stderr
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("review queue: /"))
    path = Path(line.split(": ", 1)[1])
    assert path.name == "review.db"
    assert path.parent.name.startswith("toneloc-demo-")
    assert path.is_file()
    shutil.rmtree(path.parent)
