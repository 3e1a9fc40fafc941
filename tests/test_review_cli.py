"""``toneloc review ...``: scripting subcommands (in-process and piped) and the interactive loop (pexpect)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from toneloc.cli import main
from toneloc.cli._review import word_diff
from toneloc.review import Candidate, Hypothesis, ItemKey, NewItem, ReviewState, SQLiteReviewStore

SHIPPED = "Your order {order_id} has shipped."


def seed(db: Path) -> list[int]:
    with SQLiteReviewStore(db) as s:
        ids = s.enqueue([
            NewItem(ItemKey.message(SHIPPED, msgctxt="email"), SHIPPED, "de",
                    candidates=[Candidate("Ihre Bestellung {order_id} wurde versandt.", engine="argos",
                                          model="translate-en_de", model_version="1.9", score=-0.41,
                                          hypotheses=(Hypothesis("Ihre Bestellung {order_id} ist unterwegs.", -0.8),),
                                          tone_rules=("de.sie",))],
                    reasons=["low-confidence"], customer_id="c-1"),
            NewItem(ItemKey.message("Write to {email}: help@example.org"), "Write to {email}: help@example.org", "de",
                    candidates=[Candidate("Schreib an {email}: help@example.org", tone_rules=("de.du",))],
                    reasons=["register"], customer_id="c-2"),
            NewItem(ItemKey.message("Thanks!"), "Thanks!", "de", candidates=[Candidate("Danke!")]),
        ], who="seed")
        s.approve(ids[2], reviewer="old")
        s.update_source(ItemKey.message("Thanks!"), source="Thanks a lot!", who="ci")
    return ids


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def ok(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    return out


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "review.db"
    monkeypatch.setenv("TONELOC_REVIEW_DB", str(path))
    monkeypatch.delenv("TONELOC_REVIEWER", raising=False)
    return path


def test_word_diff() -> None:
    """The stale-item diff marks removed and added words."""
    assert word_diff("Thanks!", "Thanks a lot!") == "[-Thanks!-]{+Thanks a lot!+}"
    assert word_diff("a b c", "a x c") == "a [-b-]{+x+} c"


def test_list_show_stats_json(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``list``/``show``/``stats`` with ``--json``; personal data masked without an identity."""
    a, b, c = seed(db)
    code, out, _ = run(capsys, "review", "list", "--json", "--state", "needs-review")
    assert code == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == [a, b]
    assert rows[1]["source"] == "Write to {email}: [EMAIL-1]"
    code, out, _ = run(capsys, "review", "show", str(c), "--json")
    shown = json.loads(out)
    assert (shown["state"], shown["previous_source"], shown["source"]) == ("stale", "Thanks!", "Thanks a lot!")
    assert [h["action"] for h in shown["history"]] == ["enqueue", "approve", "source-changed"]
    code, out, _ = run(capsys, "review", "stats", "--json")
    assert json.loads(out) == {"de": {"needs-review": 2, "stale": 1}}


def test_approve_reject_comment_record_reviewer(db: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Changes need an identity (flag or environment) and record it."""
    a, b, _c = seed(db)
    code, _, err = run(capsys, "review", "approve", str(a))
    assert code == 2
    assert "--reviewer NAME or set TONELOC_REVIEWER" in err
    monkeypatch.setenv("TONELOC_REVIEWER", "ana")
    code, out, _ = run(capsys, "review", "approve", str(a), "--candidate", "1", "--json")
    assert code == 0
    assert json.loads(out)["reviewer"] == "ana"
    code, out, _ = run(capsys, "review", "comment", str(b), "Sie, not du", "--reviewer", "ben", "--json")
    assert json.loads(out)["comments"][0] == {"author": "ben", "at": json.loads(out)["comments"][0]["at"],
                                              "text": "Sie, not du"}
    code, out, _ = run(capsys, "review", "reject", str(b), "--note", "wrong register")
    assert (code, out.strip()) == (0, f"rejected #{b}")
    with SQLiteReviewStore(db) as s:
        assert s.get(b).history[-2].who == "ana"


def test_bad_edits_and_transitions_are_clear_errors(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A dropped placeholder, a stale approval, an unknown locale: exit 2, one line, nothing written."""
    a, _b, c = seed(db)
    code, _, err = run(capsys, "review", "approve", str(a), "--text", "Bestellung versandt", "--reviewer", "ana")
    assert code == 2
    assert "placeholder-missing: missing {order_id}" in err
    code, _, err = run(capsys, "review", "approve", str(c), "--reviewer", "ana")
    assert code == 2
    assert "cannot go from stale to approved" in err
    assert "hint:" in err
    code, _, err = run(capsys, "review", "next", "--locale", "xx-QQ", "--reviewer", "ana")
    assert code == 2
    assert "unknown locale" in err
    code, out, _ = run(capsys, "review", "stats", "--json")
    assert json.loads(out) == {"de": {"needs-review": 2, "stale": 1}}


def test_export_import_erase_purge_grant(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The file and privacy subcommands, end to end."""
    a, b, _c = seed(db)
    po = tmp_path / "de.po"
    out = ok(capsys, "review", "export", "--locale", "de", "-o", str(po), "--json")
    assert json.loads(out) == {"path": str(po), "format": "po", "count": 3}
    import polib

    cat = polib.pofile(str(po))
    entry = cat.find(SHIPPED, msgctxt="email")
    assert entry is not None
    entry.flags.remove("fuzzy")
    cat.save(str(po))
    out = ok(capsys, "review", "import", str(po), "--reviewer", "ana", "--json")
    assert json.loads(out)["approved"] == 1
    out = ok(capsys, "review", "grant", "dpo", "--reviewer", "admin")
    assert out.strip() == "granted personal-data for dpo"
    out = ok(capsys, "review", "show", str(b), "--reviewer", "dpo", "--json")
    assert json.loads(out)["source"] == "Write to {email}: help@example.org"
    out = ok(capsys, "review", "erase", "--customer", "c-2", "--reviewer", "dpo", "--json")
    assert json.loads(out) == {"customer": "c-2", "erased": 1}
    out = ok(capsys, "review", "purge", "--older-than", "0", "--reviewer", "admin", "--json")
    assert json.loads(out)["purged"] == 1  # the approved item (a); the stale one stays
    with SQLiteReviewStore(db) as s:
        assert [i.state for i in s.list()] == [ReviewState.STALE]
    del a


def test_piped_output_is_plain_and_fits_80_columns(db: Path) -> None:
    """Through a pipe: no escape codes, no line wider than 80 columns."""
    seed(db)
    env = {**os.environ, "TONELOC_REVIEW_DB": str(db), "COLUMNS": "200"}
    for argv in (["list"], ["show", "1"], ["stats"]):
        res = subprocess.run([sys.executable, "-m", "toneloc", "review", *argv], capture_output=True, text=True,
                             env=env, check=True)
        assert "\x1b[" not in res.stdout
        assert max(len(line) for line in res.stdout.splitlines()) <= 80, res.stdout
        assert res.stdout.strip()


def _spawn(db: Path, *extra: str, env: dict[str, str] | None = None) -> pexpect.spawn:
    full = {**os.environ, "TONELOC_REVIEW_DB": str(db), "TERM": "dumb", "COLUMNS": "80", "LINES": "40",
            **(env or {})}
    full.pop("EDITOR", None) if env is None or "EDITOR" not in env else None
    full.pop("VISUAL", None)
    return pexpect.spawn(sys.executable, ["-m", "toneloc", "review", "next", "--locale", "de", "--reviewer", "ana",
                                          *extra], env=full, encoding="utf-8", timeout=20, dimensions=(40, 80))


def test_interactive_loop_as_a_translator(db: Path) -> None:
    """Comment, a refused edit, a good edit, a rejection with a note, a stale item with its diff, the end."""
    a, b, c = seed(db)
    child = _spawn(db, "--inline")
    child.expect("Ihre Bestellung {order_id} wurde versandt.")
    child.expect("ist unterwegs")            # the n-best alternative
    child.expect("low-confidence")           # why it was flagged
    child.expect("de.sie")                   # tone rules applied
    child.expect("> ")
    child.sendline("c")
    child.expect("comment> ")
    child.sendline("Kunde siezen")
    child.expect("comment saved")
    child.expect("> ")
    child.sendline("e")
    child.expect("new text> ")
    child.sendline("Ihre Bestellung wurde versandt.")
    child.expect("not saved:")
    child.expect("missing {order_id}")
    child.expect("> ")
    child.sendline("e")
    child.expect("new text> ")
    child.sendline("Ihre Bestellung {order_id} ist auf dem Weg.")
    child.expect(f"approved #{a} with your edit")
    child.expect(r"Write to \{email\}: \[EMAIL-1\]")  # masked: ana may not see personal data
    child.expect("> ")
    child.sendline("r")
    child.expect("why\\? > ")
    child.sendline("du statt Sie")
    child.expect(f"rejected #{b}")
    child.expect("stale")
    child.expect(r"\[-Thanks!-\]\{\+Thanks a lot!\+\}")  # the previous-source diff
    child.expect("> ")
    child.sendline("a")
    child.expect(f"approved #{c}")
    child.expect("No more items to review for de.")
    child.expect("2 approved, 1 rejected, 0 skipped")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    with SQLiteReviewStore(db) as s:
        first = s.get(a)
        assert (first.translation, first.reviewer) == ("Ihre Bestellung {order_id} ist auf dem Weg.", "ana")
        assert [x.text for x in first.comments] == ["Kunde siezen"]
        assert s.get(b).comments[-1].text == "rejected: du statt Sie"
        assert s.get(c).state is ReviewState.APPROVED


def test_interactive_editor_pick_skip_and_quit(db: Path, tmp_path: Path) -> None:
    """$EDITOR edits; a number picks an alternative; skip passes; quit releases the claim."""
    a, b, c = seed(db)
    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\nsed -i 's/Schreib an/Schreiben Sie an/' \"$1\"\n")
    editor.chmod(0o755)
    child = _spawn(db, env={"EDITOR": str(editor)})
    child.expect("> ")
    child.sendline("2")
    child.expect(f"approved #{a} with alternative 2")
    child.expect("> ")
    child.sendline("e")
    child.expect(f"approved #{b} with your edit")
    child.expect("> ")
    child.sendline("s")
    child.expect("No more items")
    child.expect(pexpect.EOF)
    child.close()
    with SQLiteReviewStore(db) as s:
        assert s.get(a).translation == "Ihre Bestellung {order_id} ist unterwegs."
        # The edit was made on masked text and restored before saving: no mask in the translation.
        assert s.get(b).translation == "Schreiben Sie an {email}: help@example.org"
        assert s.get(c).state is ReviewState.STALE
        assert s.get(c).claimed_by is None
    child = _spawn(db)
    child.expect("> ")
    child.sendline("q")
    child.expect(pexpect.EOF)
    with SQLiteReviewStore(db) as s:
        assert s.get(c).claimed_by is None  # quit released it


def test_masked_reviewer_edits_and_grant_needs_the_right(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A reviewer who sees ``[EMAIL-1]`` types it back: the value is restored. Only a holder of the
    personal-data right can hand it on (the first grant bootstraps)."""
    _a, b, _c = seed(db)
    out = ok(capsys, "review", "approve", str(b), "--text", "Schreiben Sie an {email}: [EMAIL-1]",
             "--reviewer", "ben", "--json")
    assert json.loads(out)["translation"] == "Schreiben Sie an {email}: [EMAIL-1]"  # ben still sees masks
    with SQLiteReviewStore(db) as s:
        assert s.get(b).translation == "Schreiben Sie an {email}: help@example.org"
    ok(capsys, "review", "grant", "dpo", "--reviewer", "dpo")  # nobody holds the right yet: bootstrap
    code, _, err = run(capsys, "review", "grant", "ben", "--reviewer", "ben")
    assert code == 2
    assert "ben does not hold the personal-data right" in err
    ok(capsys, "review", "grant", "ben", "--reviewer", "dpo")
    out = ok(capsys, "review", "show", str(b), "--reviewer", "ben", "--json")
    assert json.loads(out)["translation"] == "Schreiben Sie an {email}: help@example.org"


def test_damaged_database_is_one_line_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--db`` pointing at something that is not a review store: exit 2 and one clear line."""
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"plain text, not SQLite\n" * 200)
    code, _, err = run(capsys, "review", "stats", "--db", str(bad))
    assert code == 2
    assert "Traceback" not in err
    assert f"{bad}: not a usable review database: file is not a database" in err


def test_interactive_claim_taken_over_after_the_lease_ran_out(db: Path) -> None:
    """A translator idles past the lease, someone else claims the item: the loop says so and moves on
    instead of approving over the other reviewer."""
    import time

    a, b, _c = seed(db)
    child = _spawn(db, "--lease", "0.01")  # 0.6 s
    child.expect("low-confidence")
    child.expect("> ")
    time.sleep(1.0)
    with SQLiteReviewStore(db) as s:
        taken = s.claim_next("eve", locale="de", reasons=["low-confidence"])
        assert taken is not None
        assert taken.id == a
    child.sendline("a")
    child.expect(f"your claim on #{a} ran out and was taken over")
    child.expect(r"Write to \{email\}")  # the next item
    child.expect("> ")
    child.sendline("q")
    child.expect(pexpect.EOF)
    with SQLiteReviewStore(db) as s:
        first = s.get(a)
        assert (first.state, first.claimed_by) == (ReviewState.IN_REVIEW, "eve")
        assert s.get(b).claimed_by is None
