"""Reliability targets with real processes: SIGKILL while approving, 8 concurrent claimers."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_review_fixtures import DSN_ENV, drop_schema, postgres_dsn
from toneloc.review import ItemKey, NewItem, ReviewState, SQLiteReviewStore

APPROVER = """
import sys
from toneloc.review import ReviewState, SQLiteReviewStore
store = SQLiteReviewStore(sys.argv[1])
for item in store.list(locale="de", states=[ReviewState.NEEDS_REVIEW]):
    store.approve(item.id, reviewer="crash-test", text=f"genehmigt {item.id}")
    print(item.id, flush=True)          # printed only after the commit returned
print("done", flush=True)
"""

CLAIMER = """
import sys
from toneloc.review import open_store, SQLiteReviewStore
spec, out = sys.argv[1], sys.argv[2]
if spec.startswith("pg:"):
    import os
    from toneloc.review import PostgresReviewStore
    store = PostgresReviewStore(os.environ["TONELOC_TEST_POSTGRES_DSN"], schema=spec[3:])
else:
    store = SQLiteReviewStore(spec, synchronous="NORMAL")
got = []
while True:
    item = store.claim_next(sys.argv[3], locale="de")
    if item is None:
        break
    got.append(item.id)
with open(out, "w") as fh:
    fh.write("\\n".join(map(str, got)))
"""


def _seed(store: SQLiteReviewStore | object, n: int) -> list[int]:
    items = [NewItem(ItemKey.message(f"message {i}"), f"message {i}", "de") for i in range(n)]
    return store.enqueue(items, who="seed")  # type: ignore[attr-defined, no-any-return]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    return env


@pytest.mark.slow
def test_sigkill_while_approving_loses_no_committed_approval(tmp_path: Path) -> None:
    """Kill the approver at random points; every approval it reported is in the store, which stays readable."""
    db = tmp_path / "crash.db"
    with SQLiteReviewStore(db) as s:
        _seed(s, 1000)
    script = tmp_path / "approve.py"
    script.write_text(APPROVER)
    rng = random.Random(1234)
    reported: set[int] = set()
    kills = 0
    for _round in range(12):
        proc = subprocess.Popen([sys.executable, str(script), str(db)], stdout=subprocess.PIPE, text=True,
                                env=_env())
        assert proc.stdout is not None
        stop_after = rng.randint(1, 250)
        finished = False
        for n, line in enumerate(proc.stdout, 1):
            if line.strip() == "done":
                finished = True
                break
            reported.add(int(line))
            if n >= stop_after:
                os.kill(proc.pid, signal.SIGKILL)
                kills += 1
                break
        proc.stdout.close()
        proc.wait()
        # Readable after every kill, and no reported approval lost.
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        conn.close()
        with SQLiteReviewStore(db) as s:
            approved = {i.id for i in s.list(states=[ReviewState.APPROVED])}
        assert reported <= approved, sorted(reported - approved)[:5]
        if finished:
            break
    assert kills >= 3
    with SQLiteReviewStore(db) as s:
        items = s.list()
        assert all(i.state is ReviewState.APPROVED and i.translation == f"genehmigt {i.id}" for i in items)
        assert len(items) == 1000


def _claim_race(spec: str, tmp_path: Path, procs: int = 8) -> list[int]:
    script = tmp_path / "claim.py"
    script.write_text(CLAIMER)
    outs = [tmp_path / f"claimed-{i}.txt" for i in range(procs)]
    running = [subprocess.Popen([sys.executable, str(script), spec, str(out), f"reviewer-{i}"], env=_env())
               for i, out in enumerate(outs)]
    for p in running:
        assert p.wait(timeout=120) == 0
    claimed: list[int] = []
    for out in outs:
        text = out.read_text()
        claimed += [int(x) for x in text.split()]
    return claimed


@pytest.mark.slow
def test_eight_processes_claim_every_item_exactly_once_sqlite(tmp_path: Path) -> None:
    """8 processes claim from 10,000 items: every item handed out once, none twice."""
    db = tmp_path / "race.db"
    with SQLiteReviewStore(db, synchronous="NORMAL") as s:
        ids = _seed(s, 10_000)
    start = time.perf_counter()
    claimed = _claim_race(str(db), tmp_path)
    assert sorted(claimed) == sorted(ids)
    assert time.perf_counter() - start < 60


@pytest.mark.slow
@pytest.mark.postgres
def test_eight_processes_claim_every_item_exactly_once_postgres(tmp_path: Path) -> None:
    """The same race on PostgreSQL (``FOR UPDATE SKIP LOCKED``)."""
    dsn = postgres_dsn()
    from toneloc.review import PostgresReviewStore

    schema = f"race_{os.getpid()}"
    drop_schema(dsn, schema)
    try:
        with PostgresReviewStore(dsn, schema=schema) as s:
            ids = _seed(s, 10_000)
        os.environ.setdefault(DSN_ENV, dsn)
        claimed = _claim_race(f"pg:{schema}", tmp_path)
        assert sorted(claimed) == sorted(ids)
    finally:
        drop_schema(dsn, schema)
