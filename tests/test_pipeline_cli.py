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
    assert out.startswith("locale: vi-VN (detected: detected vi with confidence 0.99)\nstatus: SEND NOW\n")
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


def _bad_files(tmp: Path) -> dict[str, Path]:
    files = {"latin1.json": b'{"order_id": "A-1",\n "note": "caf\xe9"}', "msg.txt": b"Xin ch\xe0o",
             "ticket.json": b'{"template": "refund",\n "message": "S\xe3o Paulo"}',
             "list.json": b"[1, 2]", "cust.json": b'{"customer": "Lan"}'}
    for name, data in files.items():
        (tmp / name).write_bytes(data)
    return {name: tmp / name for name in files}


@pytest.mark.parametrize(("case", "expected"), [
    ("unknown-template", "template 'refnud' not found"),
    ("broken-json", "ctx.json:2:3: context file is not valid JSON"),
    ("latin1-context", "latin1.json:2:14: context file is not valid UTF-8 (byte 0xe9)"),
    ("context-not-object", "list.json:1: the context file must hold a JSON object"),
    ("customer-not-object", "'customer' in the context file must be an object"),
    ("missing-context", "context file not found"),
    ("invalid-utf8-argv", "message is not valid UTF-8: byte 0xe9 at character 3"),
    ("invalid-utf8-file", "msg.txt:1:7: message file is not valid UTF-8 (byte 0xe0)"),
    ("invalid-utf8-ticket", "ticket.json:2:15: ticket is not valid UTF-8 (byte 0xe3)"),
    ("huge-message", "message is 20,001 characters long; the limit is 20,000"),
    ("unknown-locale", "unknown locale 'xx-YY'"),
    ("both-messages", "give --message or --message-file, not both"),
])
def test_reply_bad_input_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str,
                                          expected: str) -> None:
    """Each bad input is one line on stderr naming what and where, with exit code 2 and no traceback."""
    f = _bad_files(tmp_path)
    (tmp_path / "ctx.json").write_text('{"order_id": "A-1",\n  oops}', encoding="utf-8")
    (tmp_path / "huge.txt").write_text("Tôi " * 5000 + "a", encoding="utf-8")
    base = ["reply", "--db", str(tmp_path / "r.db"), "--translator", "none"]
    args = {
        "unknown-template": ["--template", "refnud", "--message", "hi", "--context", CTX],
        "broken-json": ["--template", "refund", "--message", "hi", "--context", str(tmp_path / "ctx.json")],
        "latin1-context": ["--template", "refund", "--message", "hi", "--context", str(f["latin1.json"])],
        "context-not-object": ["--template", "refund", "--message", "hi", "--context", str(f["list.json"])],
        "customer-not-object": ["--template", "refund", "--message", "hi", "--context", str(f["cust.json"])],
        "missing-context": ["--template", "refund", "--message", "hi", "--context", str(tmp_path / "nope.json")],
        # what Python makes of the bytes b"caf\xe9" on the command line (surrogateescape)
        "invalid-utf8-argv": ["--template", "refund", "--message", b"caf\xe9".decode("utf-8", "surrogateescape"),
                              "--context", CTX],
        "invalid-utf8-file": ["--template", "refund", "--message-file", str(f["msg.txt"]), "--context", CTX],
        "invalid-utf8-ticket": ["--ticket", str(f["ticket.json"])],
        "huge-message": ["--template", "refund", "--message-file", str(tmp_path / "huge.txt"), "--context", CTX],
        "unknown-locale": ["--template", "refund", "--message", "hi", "--locale", "xx-YY", "--context", CTX],
        "both-messages": ["--template", "refund", "--message", "hi", "--message-file", "-", "--context", CTX],
    }[case]
    assert main(base + args) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("toneloc reply: error:")


def test_reply_message_from_stdin(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """``--message-file -`` reads the message from standard input as UTF-8."""
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Tôi chưa nhận được hàng".encode())))
    assert main(["reply", "--template", "refund", "--message-file", "-", "--context", CTX, "--json",
                 "--db", str(tmp_path / "r.db"), "--translator", "none"]) == 0
    assert json.loads(capsys.readouterr().out)["locale"] == "vi-VN"


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


def test_kb_translate_bad_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing path or an unknown locale fails at once (exit 2, no progress bar); a folder without
    source articles says so (exit 1); an article that is not UTF-8 is reported with file and line."""
    db = ["--translator", "pseudo", "--db", str(tmp_path / "r.db")]
    assert main(["kb", "translate", str(tmp_path / "nope"), "-l", "de", *db]) == 2
    err = capsys.readouterr().err
    assert "nope: article or folder not found" in err
    assert "kb translate" not in err  # no progress bar was drawn
    assert main(["kb", "translate", str(ROOT / "examples/helpdesk/kb"), "-l", "xx-YY", *db]) == 2
    assert "unknown locale 'xx-YY'" in capsys.readouterr().err
    only = tmp_path / "only"
    only.mkdir()
    (only / "track-your-order.de.md").write_text("---\ntitle: x\n---\nHallo\n", encoding="utf-8")
    assert main(["kb", "translate", str(only), "-l", "fr", "--no-progress", *db]) == 1
    assert "no source-language (en) articles found" in capsys.readouterr().err
    bad = tmp_path / "latin1.md"
    bad.write_bytes(b"---\ntitle: caf\xe9\n---\nHi\n")
    assert main(["kb", "translate", str(bad), "-l", "de", "--no-progress", *db]) == 1
    assert "latin1.md:2: KB article is not valid UTF-8" in capsys.readouterr().err
