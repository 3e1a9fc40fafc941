"""The review store contract: every test runs on SQLite and on PostgreSQL (see test_review_fixtures)."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from test_review_fixtures import *  # noqa: F403  (the backend, clock and store fixtures)
from test_review_fixtures import FakeClock, drop_schema, open_backend, postgres_dsn
from toneloc.errors import InvalidInputError, ReviewError, ReviewStateError, SchemaVersionError, UnknownLocaleError
from toneloc.review import (
    Candidate,
    Hypothesis,
    ItemKey,
    NewItem,
    ReviewState,
    ReviewStore,
    SQLReviewStore,
    feed_translation_memory,
)

SHIPPED = "Your order {order_id} has shipped."


def item(
    msgid: str = SHIPPED,
    *,
    locale: str = "de",
    text: str = "Ihre Bestellung {order_id} wurde versandt.",
    customer: str | None = None,
    reasons: tuple[str, ...] = ("low-confidence",),
    source: str | None = None,
) -> NewItem:
    return NewItem(
        key=ItemKey.message(msgid, msgctxt="email"),
        source=source or msgid,
        locale=locale,
        candidates=[
            Candidate(text, engine="argos", model="translate-en_de", model_version="1.9", score=-0.41,
                      hypotheses=(Hypothesis(text, -0.41), Hypothesis(text.replace("Ihre", "Deine"), -0.9)),
                      tone_rules=("de.sie",), checks={"placeholders": "ok"}),
            Candidate(text.replace("wurde versandt", "ist unterwegs"), engine="argos"),
        ],
        reasons=list(reasons),
        customer_id=customer,
        meta={"occurrences": [["emails/shipped.txt", "3"]]},
    )


def test_store_satisfies_the_protocol(store: SQLReviewStore) -> None:
    """Both backends are ``ReviewStore``s."""
    assert isinstance(store, ReviewStore)


def test_enqueue_and_get_keep_every_field(store: SQLReviewStore) -> None:
    """What goes in (key, candidates with provenance, reasons, customer, meta) comes out unchanged."""
    [iid] = store.enqueue([item(customer="cust-1")], who="pipeline")
    got = store.get(iid)
    assert got.key == ItemKey.message(SHIPPED, msgctxt="email")
    assert got.locale == "de"
    assert got.state is ReviewState.NEEDS_REVIEW
    assert got.candidates[0].provenance() == "engine=argos model=translate-en_de 1.9 score=-0.41 tone=de.sie"
    assert got.candidates[0].hypotheses[1] == Hypothesis("Deine Bestellung {order_id} wurde versandt.", -0.9)
    assert got.candidates[0].checks == {"placeholders": "ok"}
    assert got.candidates[1].text == "Ihre Bestellung {order_id} ist unterwegs."
    assert got.reasons == ("low-confidence",)
    assert got.customer_id == "cust-1"
    assert got.meta == {"occurrences": [["emails/shipped.txt", "3"]]}
    assert [(h.who, h.action, dict(h.after)) for h in got.history] == [
        ("pipeline", "enqueue", {"state": "needs-review"})]
    assert got.created_at is not None
    assert got.created_at.tzinfo is not None


def test_unknown_locale_writes_nothing(store: SQLReviewStore) -> None:
    """One bad locale in a batch rejects the whole batch before anything is written."""
    with pytest.raises(UnknownLocaleError, match="xx"):
        store.enqueue([item(), item("Other", locale="xx-YY")], who="pipeline")
    assert store.stats() == {}


def test_claims_hand_out_each_item_once(store: SQLReviewStore) -> None:
    """Two reviewers claim in turn: oldest first, never the same item, then nothing is left."""
    ids = store.enqueue([item(f"m{i}") for i in range(3)], who="bot")
    a = store.claim_next("ana", locale="de")
    b = store.claim_next("ben", locale="de")
    c = store.claim_next("ana", locale="de")
    assert a is not None
    assert b is not None
    assert c is not None
    assert [a.id, b.id, c.id] == ids
    assert (a.state, a.claimed_by) == (ReviewState.IN_REVIEW, "ana")
    assert store.claim_next("ben", locale="de") is None
    assert store.claim_next("ben", locale="fr") is None


def test_expired_lease_returns_item_to_queue(store: SQLReviewStore, clock: FakeClock) -> None:
    """A claim whose lease ends goes back to the queue; the first claimer can no longer approve it."""
    [iid] = store.enqueue([item()], who="bot")
    assert store.claim_next("ana", locale="de", lease=timedelta(minutes=5)) is not None
    assert store.claim_next("ben", locale="de") is None
    clock.advance(301)
    assert store.get(iid).state is ReviewState.NEEDS_REVIEW  # effective state once the lease ended
    again = store.claim_next("ben", locale="de")
    assert again is not None
    assert again.id == iid
    assert again.claimed_by == "ben"
    with pytest.raises(ReviewStateError, match="claimed by ben"):
        store.approve(iid, reviewer="ana")
    assert store.approve(iid, reviewer="ben").reviewer == "ben"
    assert [h.action for h in store.get(iid).history] == ["enqueue", "claim", "claim", "approve"]


def test_release_and_renew(store: SQLReviewStore, clock: FakeClock) -> None:
    """Release puts the item back at once; renew extends only the claimer's lease."""
    [iid] = store.enqueue([item()], who="bot")
    store.claim_next("ana", locale="de", lease=timedelta(seconds=60))
    with pytest.raises(ReviewStateError, match="not claimed by ben"):
        store.renew(iid, reviewer="ben")
    clock.advance(50)
    store.renew(iid, reviewer="ana", lease=timedelta(seconds=60))
    clock.advance(50)
    assert store.claim_next("ben", locale="de") is None
    assert store.release(iid, reviewer="ana").state is ReviewState.NEEDS_REVIEW
    assert store.claim_next("ben", locale="de") is not None


def test_approve_picks_candidate_or_text_and_records_history(store: SQLReviewStore) -> None:
    """Approval stores the chosen text and who approved it; history shows before and after."""
    a, b = store.enqueue([item("one"), item("two")], who="bot")
    got = store.approve(a, reviewer="ana", candidate=1)
    assert got.translation == "Ihre Bestellung {order_id} ist unterwegs."
    got = store.approve(b, reviewer="ana", text="Versandt!")
    assert (got.state, got.translation, got.reviewer) == (ReviewState.APPROVED, "Versandt!", "ana")
    last = got.history[-1]
    assert (last.who, last.action, last.before["state"], last.after["state"]) == (
        "ana", "approve", "needs-review", "approved")
    assert last.before["translation"] is None
    assert last.after["translation"] == "Versandt!"
    with pytest.raises(InvalidInputError, match="no number 5"):
        store.approve(store.enqueue([item("three")], who="bot")[0], reviewer="ana", candidate=4)


def test_invalid_transitions_raise_and_change_nothing(store: SQLReviewStore) -> None:
    """Approving twice, approving a rejected item, rejecting without a note: clear errors, no change."""
    a, b = store.enqueue([item("one"), item("two")], who="bot")
    store.approve(a, reviewer="ana")
    before = store.get(a)
    with pytest.raises(ReviewStateError, match="cannot go from approved to approved"):
        store.approve(a, reviewer="ana")
    assert store.get(a) == before
    store.reject(b, reviewer="ana", note="wrong register: Du instead of Sie")
    with pytest.raises(ReviewStateError, match="reopen it first"):
        store.approve(b, reviewer="ana")
    with pytest.raises(InvalidInputError, match="needs a note"):
        store.reject(store.enqueue([item("three")], who="bot")[0], reviewer="ana", note=" ")
    rejected = store.get(b)
    assert rejected.comments[0].text == "rejected: wrong register: Du instead of Sie"
    assert store.reopen(b, reviewer="ana").state is ReviewState.NEEDS_REVIEW
    with pytest.raises(ReviewError, match="no review item with id 999"):
        store.get(999)


def test_source_update_marks_approved_stale_and_needs_a_fresh_look(store: SQLReviewStore) -> None:
    """A changed source makes approvals stale (previous source kept); a stale item must be claimed first."""
    [iid] = store.enqueue([item()], who="bot")
    store.approve(iid, reviewer="ana")
    key = ItemKey.message(SHIPPED, msgctxt="email")
    assert store.update_source(key, source="Your order {order_id} is on its way.", who="ci") == [iid]
    stale = store.get(iid)
    assert (stale.state, stale.previous_source) == (ReviewState.STALE, SHIPPED)
    assert stale.translation == "Ihre Bestellung {order_id} wurde versandt."  # kept for the diff
    store.update_source(key, source="Your order {order_id} left our warehouse.", who="ci")
    assert store.get(iid).previous_source == SHIPPED  # still the source the translation was approved for
    with pytest.raises(ReviewStateError, match="stale to approved"):
        store.approve(iid, reviewer="ana")
    claimed = store.claim_next("ana", locale="de", states=[ReviewState.STALE])
    assert claimed is not None
    assert claimed.id == iid
    with pytest.raises(ReviewStateError, match="source changed while you were reviewing"):
        store.approve(iid, reviewer="ana", text="x", seen_source=SHIPPED)
    done = store.approve(iid, reviewer="ana", text="Ihre Bestellung {order_id} hat unser Lager verlassen.",
                         seen_source="Your order {order_id} left our warehouse.")
    assert (done.state, done.previous_source) == (ReviewState.APPROVED, None)  # the diff was looked at
    assert done.history[-1].before["previous_source"] == SHIPPED  # ... and stays in the history


def test_enqueue_existing_key_with_new_source_is_a_source_update(store: SQLReviewStore) -> None:
    """Re-enqueueing a key with another source updates it in place (no duplicate)."""
    [iid] = store.enqueue([item()], who="bot")
    store.approve(iid, reviewer="ana")
    [again] = store.enqueue([item(source="Your order {order_id} is on its way.")], who="bot")
    assert again == iid
    got = store.get(iid)
    assert (got.state, got.source, got.previous_source) == (
        ReviewState.STALE, "Your order {order_id} is on its way.", SHIPPED)
    assert len(store.list(locale="de")) == 1


def test_reason_codes_with_details_and_language_variants(store: SQLReviewStore) -> None:
    """A reason ``"code: detail"`` matches its code; a bare language claims its regional locales on request."""
    a, b, c = store.enqueue([item("one", reasons=("placeholder: {order_id} missing",)),
                             item("two", locale="de-AT", reasons=("glossary",)),
                             item("three", locale="de-DE", reasons=("placeholderish text",))], who="bot")
    assert [i.id for i in store.list(reasons=["placeholder"])] == [a]
    assert [i.id for i in store.list(locale="de", variants=True)] == [a, b, c]
    assert [i.id for i in store.list(locale="de")] == [a]
    assert [i.id for i in store.list(locale="de-AT", variants=True)] == [b]
    with pytest.raises(InvalidInputError, match=r"unknown reason code 'placeholders'.*did you mean: placeholder"):
        store.list(reasons=["placeholders"])
    got = store.claim_next("ana", locale="de", reasons=["glossary"], variants=True)
    assert got is not None
    assert got.id == b
    assert store.claim_next("ana", locale="de", reasons=["glossary"]) is None


def test_plural_item_needs_every_form(store: SQLReviewStore) -> None:
    """A plural message is approved with all the locale's forms (ru: 3), never with one text for every count."""
    key = ItemKey.message("%(num)d day", msgid_plural="%(num)d days")
    [iid] = store.enqueue([NewItem(key, "%(num)d day", "ru", reasons=["untranslated", "plural"])], who="bot")
    with pytest.raises(InvalidInputError, match=r"ru needs 3 plural form\(s\) \[one \(1, 21, 31, 41...\); few "):
        store.approve(iid, reviewer="olga", text="%(num)d дня")
    with pytest.raises(InvalidInputError, match="got 3 \\(an empty one\\)"):
        store.approve(iid, reviewer="olga", plural=["%(num)d день", "", "%(num)d дней"])
    done = store.approve(iid, reviewer="olga", plural=["%(num)d день", "%(num)d дня", "%(num)d дней"])
    forms = ("%(num)d день", "%(num)d дня", "%(num)d дней")
    assert (done.translation, done.translation_plural) == (forms[0], forms)
    assert store.find(key, locale="ru") == store.list(locale="ru")[0]
    assert list(store.approved_pairs(locale="ru")) == []  # a flat memory cannot hold plural forms


def test_filters_by_state_and_reason(store: SQLReviewStore) -> None:
    """``claim_next`` and ``list`` filter by flagged reason and state."""
    a, b = store.enqueue([item("one", reasons=("placeholder",)), item("two", reasons=("low-confidence",))],
                         who="bot")
    assert [i.id for i in store.list(locale="de", reasons=["placeholder"])] == [a]
    got = store.claim_next("ana", locale="de", reasons=["low-confidence"])
    assert got is not None
    assert got.id == b
    assert [i.id for i in store.list(states=[ReviewState.IN_REVIEW])] == [b]
    with pytest.raises(ReviewStateError, match="can be claimed"):
        store.claim_next("ana", locale="de", states=[ReviewState.APPROVED])


def test_stats_per_locale_and_state(store: SQLReviewStore) -> None:
    """``stats`` counts items per locale and state."""
    ids = store.enqueue([item("a"), item("b"), item("c"), item("a", locale="fr-CA")], who="bot")
    store.approve(ids[0], reviewer="ana")
    store.claim_next("ben", locale="de")
    assert store.stats() == {"de": {"approved": 1, "in-review": 1, "needs-review": 1}, "fr-CA": {"needs-review": 1}}


def test_approved_items_feed_translation_memory(store: SQLReviewStore) -> None:
    """Only approved pairs of the locale reach the memory, with their origin."""
    a, _b, c = store.enqueue([item("a"), item("b"), item("a", locale="fr")], who="bot")
    store.approve(a, reviewer="ana", text="A!")
    store.approve(c, reviewer="ana", text="A fr")
    added: list[tuple[str, str, str, str]] = []

    class Memory:
        def add(self, source: str, target: str, *, locale: str, origin: str) -> None:
            added.append((source, target, locale, origin))

    assert feed_translation_memory(store, Memory(), locale="de") == 1
    assert added == [("a", "A!", "de", "human")]


def test_personal_data_masked_unless_granted(store: SQLReviewStore) -> None:
    """E-mails, phones, Luhn-valid cards and mod-97-valid IBANs are masked for reviewers without the right."""
    src = ("Mail ana@example.org or call +49 30 1234567; card 4111 1111 1111 1111; "
           "IBAN DE89 3704 0044 0532 0130 00; order 4111 1111 1111 1112")
    [iid] = store.enqueue([NewItem(ItemKey.kb("ticket-7", "p1"), src, "de", customer_id="c-7",
                                   candidates=[Candidate("Schreiben Sie an ana@example.org")])], who="bot")
    store.comment(iid, author="ben", text="customer ana@example.org asked twice")
    masked = store.get(iid, viewer="ben")
    assert masked.masked
    assert masked.source == ("Mail [EMAIL-1] or call [PHONE-1]; card [CARD-1]; IBAN [IBAN-1]; "
                             "order 4111 1111 1111 1112")
    assert masked.candidates[0].text == "Schreiben Sie an [EMAIL-1]"
    assert masked.comments[0].text == "customer [EMAIL-1] asked twice"
    assert "ana@example.org" not in repr(store.list(viewer="ben"))
    store.grant("dpo")
    assert store.get(iid, viewer="dpo").source == src
    assert store.has_right("dpo")
    assert not store.has_right("ben")
    store.revoke("dpo")
    assert store.get(iid, viewer="dpo").masked


def test_erase_removes_every_trace_of_a_customer(store: SQLReviewStore, backend: tuple[str, str]) -> None:
    """``erase`` deletes the customer's items, comments and history; deleted bytes are not in the file."""
    secret = "zelda.secret@example.org"
    [mine] = store.enqueue([item("mine " + secret, customer="c-1")], who="bot")
    [other] = store.enqueue([item("other", customer="c-2")], who="bot")
    store.comment(mine, author="ana", text="wrote to " + secret)
    store.approve(mine, reviewer="ana", text="an " + secret)
    assert store.erase("c-1", who="dpo") == 1
    assert store.list(customer_id="c-1") == []
    with pytest.raises(ReviewError):
        store.get(mine)
    assert store.get(other).customer_id == "c-2"
    kind, spec = backend
    if kind == "sqlite":
        conn = sqlite3.connect(spec)
        assert conn.execute("SELECT COUNT(*) FROM history WHERE item_id = ?", (mine,)).fetchone() == (0,)
        assert conn.execute("SELECT COUNT(*) FROM comments WHERE item_id = ?", (mine,)).fetchone() == (0,)
        conn.close()
        for path in Path(spec).parent.glob("review.db*"):
            assert secret.encode() not in path.read_bytes(), path


def test_purge_removes_old_resolved_items_only(store: SQLReviewStore, clock: FakeClock) -> None:
    """Retention: resolved items older than the period go; open and recent ones stay."""
    old_ok, old_open, old_rej = store.enqueue([item("a"), item("b"), item("c")], who="bot")
    store.approve(old_ok, reviewer="ana")
    store.reject(old_rej, reviewer="ana", note="no")
    clock.advance(timedelta(days=40).total_seconds())
    [new_ok] = store.enqueue([item("d")], who="bot")
    store.approve(new_ok, reviewer="ana")
    assert store.purge(older_than=timedelta(days=30), who="retention") == 2
    assert sorted(i.id for i in store.list()) == [old_open, new_ok]
    with pytest.raises(InvalidInputError):
        store.purge(older_than=timedelta(days=-1), who="x")


def test_newer_schema_is_refused_and_nothing_written(backend: tuple[str, str]) -> None:
    """A database from a newer toneloc raises SchemaVersionError and stays byte-identical."""
    kind, spec = backend
    s = open_backend(kind, spec)
    s.enqueue([item()], who="bot")
    s.close()
    if kind == "sqlite":
        conn = sqlite3.connect(spec)
        conn.execute("UPDATE toneloc_meta SET value = '99' WHERE name = 'schema_version'")
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        digest = hashlib.sha256(Path(spec).read_bytes()).hexdigest()
        with pytest.raises(SchemaVersionError, match="schema version 99"):
            open_backend(kind, spec)
        assert hashlib.sha256(Path(spec).read_bytes()).hexdigest() == digest
        return
    import os

    import psycopg

    with psycopg.connect(os.environ["TONELOC_TEST_POSTGRES_DSN"], autocommit=True) as conn:
        conn.execute(f"UPDATE {spec}.toneloc_meta SET value = '99' WHERE name = 'schema_version'")
        with pytest.raises(SchemaVersionError, match="schema version 99"):
            open_backend(kind, spec)
        rows = conn.execute(f"SELECT COUNT(*) FROM {spec}.items").fetchone()
        assert rows == (1,)


def test_migrates_a_version_1_database(tmp_path: Path) -> None:
    """A schema-1 database (no rights table) is migrated to the current version on open."""
    from toneloc.review._store import MIGRATIONS, SCHEMA_VERSION

    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE toneloc_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("INSERT INTO toneloc_meta VALUES ('schema_version', '1')")
    for stmt in MIGRATIONS[0][1]:
        conn.execute(stmt.format(pk="INTEGER PRIMARY KEY AUTOINCREMENT"))
    conn.commit()
    conn.close()
    s = open_backend("sqlite", str(path))
    assert s.schema_version == SCHEMA_VERSION
    s.grant("dpo")
    assert s.has_right("dpo")
    s.close()


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    """A file that is not SQLite gives a ReviewError naming the path."""
    bad = tmp_path / "notes.txt"
    bad.write_text("hello, I am not a database\n" * 100)
    with pytest.raises(ReviewError, match="not a usable review database"):
        open_backend("sqlite", str(bad))


def _claim_all(s: SQLReviewStore, who: str, out: list[int], start: Any) -> None:
    import time

    start.wait()
    while (got := s.claim_next(who, locale="de")) is not None:
        out.append(got.id)
        time.sleep(0.001)  # a reviewer looks at the item: the others get their turn


@pytest.mark.parametrize("shared", [True, False], ids=["one-store", "own-connections"])
def test_threads_claim_every_item_exactly_once(backend: tuple[str, str], shared: bool) -> None:
    """8 threads claim 240 items, sharing one store object or each with its own connection: each item once."""
    import threading

    first = open_backend(*backend)
    ids = first.enqueue([item(f"m{i}") for i in range(240)], who="bot")
    stores = [first] * 8 if shared else [open_backend(*backend) for _ in range(8)]
    claimed: list[list[int]] = [[] for _ in range(8)]
    start = threading.Barrier(8)
    threads = [threading.Thread(target=_claim_all, args=(stores[i], f"r{i}", claimed[i], start)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    everything = [i for got in claimed for i in got]
    assert sorted(everything) == ids
    assert sum(1 for got in claimed if got) >= 2  # the work really was spread over threads
    assert first.stats() == {"de": {"in-review": 240}}
    for s in {id(s): s for s in stores}.values():
        s.close()


def test_renew_is_recorded_and_reacquires_an_expired_claim_nobody_took(store: SQLReviewStore,
                                                                      clock: FakeClock) -> None:
    """A lease that ran out can be renewed by its holder until someone else claims the item."""
    a, b = store.enqueue([item("a"), item("b")], who="bot")
    store.claim_next("ana", locale="de", lease=timedelta(seconds=60))
    clock.advance(120)
    assert store.get(a).state is ReviewState.NEEDS_REVIEW  # expired
    renewed = store.renew(a, reviewer="ana", lease=timedelta(seconds=60))
    assert (renewed.state, renewed.claimed_by) == (ReviewState.IN_REVIEW, "ana")
    assert [h.action for h in renewed.history] == ["enqueue", "claim", "renew"]
    assert renewed.history[-1].who == "ana"
    store.claim_next("ana", locale="de", lease=timedelta(seconds=60))  # b
    clock.advance(120)
    store.claim_next("ben", locale="de")  # ben takes a (oldest available) after ana's lease ran out again
    with pytest.raises(ReviewStateError, match="claimed by ben"):
        store.renew(a, reviewer="ana")
    assert store.renew(b, reviewer="ana").claimed_by == "ana"


def test_kb_revision_and_source_update_on_reenqueue(store: SQLReviewStore) -> None:
    """A KB segment re-enqueued from a new article revision keeps its item, records the revision and goes stale."""
    key7 = ItemKey.kb("reset-password", "p3", revision="7")
    [iid] = store.enqueue([NewItem(key7, "Click Reset.", "de", candidates=[Candidate("Klicken Sie auf Reset.")])],
                          who="kb")
    store.approve(iid, reviewer="ana")
    key8 = ItemKey.kb("reset-password", "p3", revision="8")
    [again] = store.enqueue([NewItem(key8, "Click Reset password.", "de")], who="kb")
    got = store.get(again)
    assert again == iid
    assert (got.key.revision, got.state, got.previous_source) == ("8", ReviewState.STALE, "Click Reset.")
    assert [h.action for h in got.history] == ["enqueue", "approve", "key-changed", "source-changed"]


def test_approve_refuses_a_translation_with_leftover_masks(store: SQLReviewStore) -> None:
    """A privacy mask ([EMAIL-1]) never ends up in an approved translation."""
    [iid] = store.enqueue([NewItem(ItemKey.message("Mail ana@example.org"), "Mail ana@example.org", "de")],
                          who="bot")
    with pytest.raises(InvalidInputError, match=r"privacy masks \[EMAIL-1\]"):
        store.approve(iid, reviewer="ben", text="Mail an [EMAIL-1]")
    assert store.get(iid).state is ReviewState.NEEDS_REVIEW


def test_locked_database_is_a_clear_error_and_changes_nothing(tmp_path: Path) -> None:
    """Another process holding the write lock past the busy timeout: ReviewError naming the file, no change."""
    from toneloc.review import SQLiteReviewStore

    db = tmp_path / "locked.db"
    with SQLiteReviewStore(db) as s:
        [iid] = s.enqueue([item()], who="bot")
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    s = SQLiteReviewStore(db, busy_timeout=0.05)
    with pytest.raises(ReviewError, match="locked by another process") as err:
        s.approve(iid, reviewer="ana")
    assert err.value.path == str(db)
    other.execute("ROLLBACK")
    other.close()
    assert s.get(iid).state is ReviewState.NEEDS_REVIEW
    assert s.approve(iid, reviewer="ana").state is ReviewState.APPROVED  # usable once the lock is gone
    s.close()


def test_corrupt_database_is_a_clear_error(tmp_path: Path) -> None:
    """Garbage over the data pages: a ReviewError that names the file and suggests a recovery."""
    from toneloc.review import SQLiteReviewStore

    db = tmp_path / "corrupt.db"
    with SQLiteReviewStore(db) as s:
        s.enqueue([item(f"m{i}") for i in range(300)], who="bot")
    data = bytearray(db.read_bytes())
    data[4096:] = b"\xde\xad\xbe\xef" * ((len(data) - 4096) // 4)
    db.write_bytes(bytes(data))
    with pytest.raises(ReviewError) as err, SQLiteReviewStore(db) as s:
        s.list()
    assert err.value.path == str(db)
    assert "the review database is damaged (database disk image is malformed)" in str(err.value)
    assert "sqlite3 FILE .recover" in str(err.value)


@pytest.mark.postgres
def test_lost_postgres_connection_is_a_clear_error() -> None:
    """The server drops the connection: ReviewError saying so (no psycopg traceback); a new store works."""
    import uuid

    import psycopg

    dsn = postgres_dsn()
    spec = f"t_{uuid.uuid4().hex[:16]}"
    try:
        s = open_backend("postgres", spec)
        [iid] = s.enqueue([item()], who="bot")
        with psycopg.connect(dsn, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (s._conn.info.backend_pid,))  # type: ignore[attr-defined]
        with pytest.raises(ReviewError, match="connection to PostgreSQL"):
            s.approve(iid, reviewer="ana")
        s.close()
        with open_backend("postgres", spec) as again:
            assert again.get(iid).state is ReviewState.NEEDS_REVIEW
    finally:
        drop_schema(dsn, spec)


def test_translation_memory_exact_fuzzy_and_regional_fallback(store: SQLReviewStore) -> None:
    """Approved pairs feed toneloc's SQLite TM; the store itself answers exact and fuzzy lookups (de-AT -> de)."""
    from toneloc.review import ReviewMemory
    from toneloc.translate.memory import SQLiteTranslationMemory

    a, b = store.enqueue([item("Your password was reset."), item("Your invoice is attached.")], who="bot")
    store.approve(a, reviewer="ana", text="Ihr Passwort wurde zurückgesetzt.")
    tm = SQLiteTranslationMemory()
    assert feed_translation_memory(store, tm, locale="de") == 1  # b is not approved: not in the memory
    hit = tm.lookup("Your password was reset.", "de")
    assert hit is not None
    assert (hit.target, hit.exact, hit.origin, hit.provenance) == (
        "Ihr Passwort wurde zurückgesetzt.", True, "human", f"review item {a} approved by ana")
    mem = ReviewMemory(store)
    exact = mem.lookup("Your password was reset.", "de-AT")
    assert (exact.target, exact.score, exact.locale) == ("Ihr Passwort wurde zurückgesetzt.", 1.0, "de")
    fuzzy = mem.lookup("Your password has been reset.", "de")
    assert fuzzy.target == "Ihr Passwort wurde zurückgesetzt."
    assert 0.75 <= fuzzy.score < 1.0
    assert mem.lookup("Your invoice is attached.", "de") is None  # only approved translations are returned
    mem.add("Thank you!", "Vielen Dank!", "de")
    assert mem.lookup("Thank you!", "de").target == "Vielen Dank!"
    tm.close()
    del b


def test_review_module_docstring_examples() -> None:
    """The ``>>>`` examples in the review modules run."""
    import doctest
    import importlib

    for name in ("toneloc.review", "toneloc.review._model", "toneloc.review._privacy", "toneloc.review._checks",
                 "toneloc.review._tm", "toneloc.review._sqlite", "toneloc.review.exchange", "toneloc.cli._review"):
        result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
        assert result.failed == 0, name
        assert result.attempted > 0, name


def test_item_key_serialises_every_field() -> None:
    """``ItemKey.to_dict`` knows every field (a new field must be stored too) and round-trips."""
    from toneloc.review._model import _KEY_FIELDS

    assert set(_KEY_FIELDS) == set(ItemKey.__dataclass_fields__)
    key = ItemKey("kb", msgid="m", msgctxt="c", msgid_plural="p", template="t", name="n", article="a", revision="9")
    assert ItemKey.from_dict(key.to_dict()) == key


def test_legacy_reason_tags_are_filtered_as_their_codes(store: SQLReviewStore) -> None:
    """Items stored by earlier versions carry ``needs-translation`` / ``mt-risk``: filters map them to the
    codes ``untranslated`` / ``low-confidence``, and the legacy names are accepted as filter aliases."""
    old_a, old_b, new_c, other = store.enqueue([
        item("one", reasons=("needs-translation",)),
        item("two", reasons=("mt-risk: log-prob -3.10 < -1.50",)),
        item("three", reasons=("untranslated",)),
        item("four", reasons=("placeholder",)),
    ], who="bot")
    assert [i.id for i in store.list(reasons=["untranslated"])] == [old_a, new_c]
    assert [i.id for i in store.list(reasons=["low-confidence"])] == [old_b]
    assert [i.id for i in store.list(reasons=["needs-translation"])] == [old_a, new_c]
    assert [i.id for i in store.list(reasons=["mt-risk", "placeholder"])] == [old_b, other]
    assert store.get(old_a).reasons == ("needs-translation",)  # the stored tag itself is kept
    got = store.claim_next("ana", locale="de", reasons=["low-confidence"])
    assert got is not None
    assert got.id == old_b
    with pytest.raises(InvalidInputError, match=r"unknown reason code 'needs-translations'"):
        store.list(reasons=["needs-translations"])


def test_review_list_cli_accepts_legacy_reason_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--reason needs-translation`` is an alias of ``untranslated`` (with a note on stderr)."""
    import json

    from toneloc.cli import main
    from toneloc.review import open_store

    db = str(tmp_path / "r.db")
    with open_store(db) as s:
        old, new, _ = s.enqueue([item("one", reasons=("needs-translation",)), item("two", reasons=("untranslated",)),
                                 item("three", reasons=("mt-risk",))], who="bot")
    assert main(["review", "list", "--db", db, "--json", "--reason", "needs-translation"]) == 0
    out, err = capsys.readouterr()
    assert [i["id"] for i in json.loads(out)] == [old, new]
    assert err == ("toneloc review: note: --reason needs-translation is the legacy name of untranslated "
                   "(items stored with either tag are matched)\n")
    assert main(["review", "list", "--db", db, "--json", "--reason", "untranslated"]) == 0
    assert [i["id"] for i in json.loads(capsys.readouterr().out)] == [old, new]
