"""Review store benchmark: bulk enqueue and claim-next latency, toneloc vs hand-written sqlite3.

    python bench/bench_review.py [--items 100000] [--claims 1000]

Targets (issue 6): enqueue 10,000 items in one call < 1 s; claim-next p95 < 5 ms with 100,000 items
on SQLite. The peer is the minimum a hand-rolled queue does with the standard library's sqlite3
(one table, one index, ``BEGIN IMMEDIATE`` + ``SELECT`` + ``UPDATE``, no history, no JSON), measured
in the same run so the ratio is meaningful on a loaded machine. With ``TONELOC_TEST_POSTGRES_DSN``
set, the PostgreSQL backend is measured too.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from toneloc.review import Candidate, ItemKey, NewItem, SQLiteReviewStore, SQLReviewStore


def make_items(n: int, start: int = 0) -> list[NewItem]:
    return [
        NewItem(ItemKey.message(f"Your order {{order_id}} has shipped. #{i}", msgctxt="email"),
                f"Your order {{order_id}} has shipped. #{i}", "de",
                candidates=[Candidate(f"Ihre Bestellung {{order_id}} wurde versandt. #{i}", engine="argos",
                                      model="translate-en_de", model_version="1.9", score=-0.4)],
                reasons=["low-confidence"])
        for i in range(start, start + n)
    ]


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def bench_toneloc_enqueue(store: SQLReviewStore, n: int) -> float:
    items = make_items(n)
    t = time.perf_counter()
    store.enqueue(items, who="bench")
    return time.perf_counter() - t


def seed(store: SQLReviewStore, total: int, chunk: int = 20_000) -> None:
    done = 0
    while done < total:
        k = min(chunk, total - done)
        store.enqueue(make_items(k, done), who="bench")
        done += k


def bench_toneloc_claims(store: SQLReviewStore, claims: int) -> list[float]:
    out = []
    for i in range(claims):
        t = time.perf_counter()
        item = store.claim_next(f"r{i % 8}", locale="de")
        out.append(time.perf_counter() - t)
        assert item is not None
    return out


RAW_SCHEMA = """
CREATE TABLE q (id INTEGER PRIMARY KEY, locale TEXT, key TEXT, source TEXT, candidate TEXT, state TEXT,
                claimed_by TEXT, available_at REAL, UNIQUE (locale, key));
CREATE INDEX q_queue ON q (locale, available_at, id);
"""


def raw_conn(path: str, synchronous: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(f"PRAGMA synchronous = {synchronous}")
    return conn


def bench_raw_enqueue(conn: sqlite3.Connection, n: int, start: int = 0) -> float:
    rows = [("de", f"msg:email\x04Your order {{order_id}} has shipped. #{i}", f"Your order has shipped. #{i}",
             f"Ihre Bestellung wurde versandt. #{i}", "needs-review", time.time()) for i in range(start, start + n)]
    t = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("INSERT INTO q (locale, key, source, candidate, state, available_at) VALUES (?, ?, ?, ?, ?, ?)",
                     rows)
    conn.execute("COMMIT")
    return time.perf_counter() - t


def bench_raw_claims(conn: sqlite3.Connection, claims: int) -> list[float]:
    out = []
    for i in range(claims):
        t = time.perf_counter()
        now = time.time()
        conn.execute("BEGIN IMMEDIATE")
        row = conn.execute("SELECT id FROM q WHERE locale = 'de' AND available_at <= ? ORDER BY available_at, id "
                           "LIMIT 1", (now,)).fetchone()
        conn.execute("UPDATE q SET state = 'in-review', claimed_by = ?, available_at = ? WHERE id = ?",
                     (f"r{i % 8}", now + 900, row[0]))
        conn.execute("COMMIT")
        out.append(time.perf_counter() - t)
    return out


def bench_exchange(tmp: str, n: int) -> list[tuple[str, str, str, str]]:
    """PO round trip of *n* items: toneloc export/import vs polib alone (what a hand-rolled workflow does)."""
    import polib

    from toneloc.review.exchange import export_po, import_file

    store = SQLiteReviewStore(os.path.join(tmp, "exchange.db"), synchronous="NORMAL")
    ids = store.enqueue(make_items(n), who="bench")
    for i in ids[: n // 2]:
        store.approve(i, reviewer="bench")
    path = os.path.join(tmp, "toneloc.po")
    t = time.perf_counter()
    export_po(store, path, locale="de")
    t_export = time.perf_counter() - t
    po = polib.pofile(path)
    for e in po:
        if e.fuzzy:
            e.flags.remove("fuzzy")
    po.save(path)
    t = time.perf_counter()
    import_file(store, path, reviewer="bench")
    t_import = time.perf_counter() - t
    store.close()
    # The peer: polib writes entries from rows it is given and reads them back (no store, no checks).
    rows = [(it.source, it.candidates[0].text) for it in make_items(n)]
    peer_path = os.path.join(tmp, "polib.po")
    t = time.perf_counter()
    peer = polib.POFile(wrapwidth=0)
    peer.metadata = {"Language": "de", "Content-Type": "text/plain; charset=UTF-8"}
    for k, (src, tgt) in enumerate(rows):
        peer.append(polib.POEntry(msgid=src, msgstr=tgt, msgctxt="email", flags=[] if k < n // 2 else ["fuzzy"]))
    peer.save(peer_path)
    p_export = time.perf_counter() - t
    t = time.perf_counter()
    _ = [(e.msgid, e.msgstr, e.fuzzy) for e in polib.pofile(peer_path)]
    p_import = time.perf_counter() - t
    return [
        (f"toneloc export_po / import_file ({n:,})", f"{t_export:.3f}", f"{t_import:.3f}", ""),
        (f"polib write / read ({n:,})", f"{p_export:.3f}", f"{p_import:.3f}", ""),
        ("  ratio toneloc/polib", f"{t_export / p_export:.1f}x", f"{t_import / p_import:.1f}x", ""),
    ]


def ms(x: float) -> str:
    return f"{x * 1000:.2f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--items", type=int, default=100_000, help="queue size for the claim benchmark")
    ap.add_argument("--enqueue", type=int, default=10_000, help="items enqueued in one call")
    ap.add_argument("--claims", type=int, default=1000, help="claims timed")
    ap.add_argument("--exchange", type=int, default=5000, help="items in the PO round trip")
    args = ap.parse_args()
    rows: list[tuple[str, str, str, str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        exchange = bench_exchange(tmp, args.exchange)
        for sync in ("FULL", "NORMAL"):
            db = os.path.join(tmp, f"toneloc-{sync}.db")
            store = SQLiteReviewStore(db, synchronous=sync)
            enq = bench_toneloc_enqueue(store, args.enqueue)
            seed_t = time.perf_counter()
            seed(store, args.items - args.enqueue) if args.items > args.enqueue else None
            seed_t = time.perf_counter() - seed_t
            lat = bench_toneloc_claims(store, args.claims)
            store.close()
            conn = raw_conn(os.path.join(tmp, f"raw-{sync}.db"), sync)
            conn.executescript(RAW_SCHEMA)
            raw_enq = bench_raw_enqueue(conn, args.enqueue)
            bench_raw_enqueue(conn, max(0, args.items - args.enqueue), args.enqueue)
            raw_lat = bench_raw_claims(conn, args.claims)
            conn.close()
            rows.append((f"toneloc SQLite ({sync})", f"{enq:.3f}", ms(statistics.median(lat)), ms(pct(lat, 0.95)),
                         ms(pct(lat, 0.99)), f"{seed_t:.1f}"))
            rows.append((f"raw sqlite3 ({sync})", f"{raw_enq:.3f}", ms(statistics.median(raw_lat)),
                         ms(pct(raw_lat, 0.95)), ms(pct(raw_lat, 0.99)), "-"))
            rows.append((f"  ratio toneloc/raw ({sync})", f"{enq / raw_enq:.1f}x",
                         f"{statistics.median(lat) / statistics.median(raw_lat):.1f}x",
                         f"{pct(lat, 0.95) / pct(raw_lat, 0.95):.1f}x", "", ""))
    dsn = os.environ.get("TONELOC_TEST_POSTGRES_DSN")
    if dsn:
        import psycopg

        from toneloc.review import PostgresReviewStore

        schema = "bench_review"
        with psycopg.connect(dsn, autocommit=True) as c:
            c.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        store = PostgresReviewStore(dsn, schema=schema)
        enq = bench_toneloc_enqueue(store, args.enqueue)
        seed_t = time.perf_counter()
        seed(store, args.items - args.enqueue) if args.items > args.enqueue else None
        seed_t = time.perf_counter() - seed_t
        lat = bench_toneloc_claims(store, args.claims)
        store.close()
        with psycopg.connect(dsn, autocommit=True) as c:
            c.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        rows.append(("toneloc PostgreSQL", f"{enq:.3f}", ms(statistics.median(lat)), ms(pct(lat, 0.95)),
                     ms(pct(lat, 0.99)), f"{seed_t:.1f}"))
    head = ("backend", f"enqueue {args.enqueue:,} (s)", "claim p50 (ms)", "claim p95 (ms)", "claim p99 (ms)",
            "seed (s)")
    print(f"queue size {args.items:,}, {args.claims:,} claims timed, python {sys.version.split()[0]}, "
          f"sqlite {sqlite3.sqlite_version}, load {os.getloadavg()[0]:.1f}")
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    for r in [head, *rows]:
        print(" | ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)))
    print()
    head2 = ("PO round trip", "export (s)", "import (s)", "")
    widths = [max(len(str(r[i])) for r in [head2, *exchange]) for i in range(3)]
    for r in [head2, *exchange]:
        print(" | ".join(str(c).ljust(w) for c, w in zip(r[:3], widths, strict=True)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
