"""``toneloc detect``: arguments, files, stdin, JSON, errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from toneloc.cli import main


def test_text_argument(capsys: pytest.CaptureFixture[str]) -> None:
    """Words given as arguments are one message; the line is tab-separated."""
    assert main(["detect", "Cảm", "ơn", "nhiều"]) == 0
    lang, conf, flag, text = capsys.readouterr().out.rstrip("\n").split("\t")
    assert (lang, flag, text) == ("vi", "reliable", "Cảm ơn nhiều")
    assert 0.5 <= float(conf) <= 1.0


def test_stdin_one_message_per_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Without arguments, each stdin line is a message; abstentions say so."""
    monkeypatch.setattr("sys.stdin", io.StringIO("Merci beaucoup\n감사합니다\n#A-1182\n"))
    assert main(["detect"]) == 0
    lines = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert [(parts[0], parts[2]) for parts in lines] == [
        ("fr", "reliable"), ("ko", "reliable"), ("und", "unsure:und"),
    ]


def test_file_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--file`` reads lines; ``--json`` prints detections with the text, spans and reasons."""
    f = tmp_path / "tickets.txt"
    f.write_text('Danke für die schnelle Hilfe!\nSaya coba tapi muncul "Invalid password, please try again" terus.\n',
                 encoding="utf-8")
    assert main(["detect", "--file", str(f), "--json", "--candidates", "de,id,en"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [d["language"] for d in out] == ["de", "id"]
    assert out[1]["text"].startswith("Saya coba")
    assert any(s["kind"] == "quoted" and s["language"] == "en" for s in out[1]["spans"])
    assert all(0.0 <= d["confidence"] <= 1.0 for d in out)


def test_prior_and_threshold_options(capsys: pytest.CaptureFixture[str]) -> None:
    """``--prior`` tips an ambiguous word; ``--threshold 1`` makes everything unsure."""
    assert main(["detect", "--candidates", "es,pl", "--prior", "pl", "Historia"]) == 0
    assert capsys.readouterr().out.startswith("pl\t")
    assert main(["detect", "--threshold", "1", "Merci beaucoup"]) == 0
    assert capsys.readouterr().out.split("\t")[2] == "unsure:fr"


def test_unknown_candidate_is_a_clean_error(capsys: pytest.CaptureFixture[str]) -> None:
    """A bad candidate exits 2 with a one-line message, no traceback."""
    assert main(["detect", "--candidates", "de,xx", "Hallo"]) == 2
    err = capsys.readouterr().err
    assert "unknown or unsupported language 'xx'" in err
    assert "Traceback" not in err


def test_missing_file_is_a_clean_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unreadable file names the path and suggests a fix."""
    missing = tmp_path / "nope.txt"
    assert main(["detect", "--file", str(missing)]) == 2
    err = capsys.readouterr().err
    assert str(missing) in err
    assert "hint:" in err


def test_workers_share_a_long_file_with_the_same_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--workers 2`` detects a long file with a helper process; the output is that of one process."""
    words = ["Danke schön", "Merci beaucoup", "Thank you", "감사합니다", "Cảm ơn", "Terima kasih", "Grazie mille",
             "Muchas gracias", "Tack så mycket"]
    f = tmp_path / "backlog.txt"
    f.write_text("\n".join(f"{a}, {b}. {c}!" for a in words for b in words for c in words) + "\n", encoding="utf-8")
    assert main(["detect", "--file", str(f), "--json"]) == 0
    alone = json.loads(capsys.readouterr().out)
    assert len(alone) == 729  # more than one chunk (512): a helper is started (and helps once loaded)
    assert main(["detect", "--file", str(f), "--json", "--workers", "2", "--candidates",
                 "en,de,fr,es,it,pt,nl,vi,id,lv,ja,zh,ko,ru,pl,tr,ar,hi,sv,th"]) == 0
    assert json.loads(capsys.readouterr().out) == alone


def test_bad_workers_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["detect", "--workers", "0", "Danke"]) == 2
    assert "workers must be a whole number" in capsys.readouterr().err
