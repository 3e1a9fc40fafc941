"""The ``ReviewStore`` protocol and the SQL implementation shared by the SQLite and PostgreSQL backends.

Both backends run the same statements (``?`` placeholders, rewritten to ``%s`` for psycopg); they
differ only in how a transaction starts and how the next item is claimed:

- SQLite: ``BEGIN IMMEDIATE`` takes the single writer lock, so two claimers never see the same row.
- PostgreSQL: ``SELECT ... FOR UPDATE SKIP LOCKED`` lets many claimers pick different rows at once.

Timestamps are stored as epoch seconds; the queue order is ``available_at, id`` (first in, first
out; an expired claim becomes available again when its lease ends).
"""

from __future__ import annotations

import abc
import builtins
import functools
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol, runtime_checkable

from toneloc.errors import InvalidInputError, ReviewError, ReviewStateError, SchemaVersionError
from toneloc.locale import LocaleLike, locale_tag, parse_locale
from toneloc.review._model import (
    LEGACY_REASONS,
    REASON_CODES,
    Candidate,
    Comment,
    HistoryEntry,
    ItemKey,
    NewItem,
    ReviewItem,
    ReviewState,
    canonical_reasons,
    check_transition,
    codes_from_checks,
    dumps,
    from_epoch,
    reason_code,
)
from toneloc.review._privacy import PERSONAL_DATA_RIGHT, mask_item, unmask

__all__ = [
    "DEFAULT_LEASE",
    "SCHEMA_VERSION",
    "ApprovedPair",
    "ImportRecord",
    "ImportSummary",
    "ReviewStore",
]

SCHEMA_VERSION = 2
"""The schema version this toneloc writes. A database with a higher version is refused."""

DEFAULT_LEASE = timedelta(minutes=15)
"""How long a claim lasts unless renewed; an expired claim goes back to the queue."""

# Each migration: (version it produces, statements). ``{pk}`` is the backend's auto-increment key.
MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (
        1,
        (
            """CREATE TABLE items (
                id {pk},
                locale TEXT NOT NULL,
                key TEXT NOT NULL,
                key_json TEXT NOT NULL,
                source TEXT NOT NULL,
                previous_source TEXT,
                state TEXT NOT NULL,
                queue_state TEXT,
                candidates TEXT NOT NULL,
                reasons TEXT NOT NULL,
                translation TEXT,
                translation_plural TEXT NOT NULL,
                reviewer TEXT,
                claimed_by TEXT,
                lease_until DOUBLE PRECISION,
                available_at DOUBLE PRECISION,
                customer_id TEXT,
                created_at DOUBLE PRECISION NOT NULL,
                updated_at DOUBLE PRECISION NOT NULL,
                meta TEXT NOT NULL,
                UNIQUE (locale, key)
            )""",
            "CREATE INDEX items_queue ON items (locale, available_at, id)",
            "CREATE INDEX items_state ON items (state, updated_at)",
            """CREATE TABLE comments (
                id {pk},
                item_id BIGINT NOT NULL,
                author TEXT NOT NULL,
                at DOUBLE PRECISION NOT NULL,
                text TEXT NOT NULL
            )""",
            "CREATE INDEX comments_item ON comments (item_id)",
            """CREATE TABLE history (
                id {pk},
                item_id BIGINT NOT NULL,
                who TEXT NOT NULL,
                at DOUBLE PRECISION NOT NULL,
                action TEXT NOT NULL,
                before TEXT NOT NULL,
                after TEXT NOT NULL
            )""",
            "CREATE INDEX history_item ON history (item_id)",
        ),
    ),
    (
        2,
        (
            "CREATE TABLE rights (reviewer TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (reviewer, name))",
            "CREATE INDEX items_customer ON items (customer_id)",
        ),
    ),
)

_MASK_TOKEN = re.compile(r"\[(?:EMAIL|PHONE|CARD|IBAN)-\d+\]")

_ITEM_COLS = (
    "id, locale, key_json, source, previous_source, state, queue_state, candidates, reasons, translation, "
    "translation_plural, reviewer, claimed_by, lease_until, customer_id, created_at, updated_at, meta"
)


@dataclass(frozen=True, slots=True)
class ApprovedPair:
    """An approved translation, as fed to a translation memory."""

    item_id: int
    key: ItemKey
    locale: str
    source: str
    translation: str
    reviewer: str | None


@dataclass(frozen=True, slots=True)
class ImportRecord:
    """One reviewed entry read from a ``.po`` or XLIFF file (see :mod:`toneloc.review.exchange`)."""

    key: ItemKey
    source: str
    text: str
    approved: bool
    item_id: int | None = None
    plural: tuple[str, ...] = ()
    comment: str | None = None
    line: int | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import changed."""

    approved: int = 0
    revised: int = 0
    requeued: int = 0
    created: int = 0
    unchanged: int = 0

    def to_dict(self) -> dict[str, int]:
        return {
            "approved": self.approved,
            "revised": self.revised,
            "requeued": self.requeued,
            "created": self.created,
            "unchanged": self.unchanged,
        }


@runtime_checkable
class ReviewStore(Protocol):
    """Where review items live. :class:`SQLiteReviewStore` and :class:`PostgresReviewStore` implement it.

    Every method that changes something records who did it in the item's history.
    """

    def enqueue(self, items: Iterable[NewItem], *, who: str) -> list[int]: ...
    def get(self, item_id: int, *, viewer: str | None = None) -> ReviewItem: ...
    def list(
        self,
        *,
        locale: LocaleLike | None = None,
        states: Sequence[ReviewState] | None = None,
        reasons: Sequence[str] | None = None,
        customer_id: str | None = None,
        limit: int | None = None,
        viewer: str | None = None,
        variants: bool = False,
    ) -> list[ReviewItem]: ...
    def claim_next(
        self,
        reviewer: str,
        *,
        locale: LocaleLike,
        states: Sequence[ReviewState] | None = None,
        reasons: Sequence[str] | None = None,
        lease: timedelta = DEFAULT_LEASE,
        exclude: Sequence[int] = (),
        variants: bool = False,
    ) -> ReviewItem | None: ...
    def renew(self, item_id: int, *, reviewer: str, lease: timedelta = DEFAULT_LEASE) -> ReviewItem: ...
    def release(self, item_id: int, *, reviewer: str) -> ReviewItem: ...
    def approve(
        self,
        item_id: int,
        *,
        reviewer: str,
        text: str | None = None,
        candidate: int = 0,
        plural: Sequence[str] = (),
        seen_source: str | None = None,
    ) -> ReviewItem: ...
    def reject(self, item_id: int, *, reviewer: str, note: str) -> ReviewItem: ...
    def reopen(self, item_id: int, *, reviewer: str) -> ReviewItem: ...
    def comment(self, item_id: int, *, author: str, text: str) -> ReviewItem: ...
    def update_source(
        self, key: ItemKey, *, source: str, who: str, locale: LocaleLike | None = None
    ) -> builtins.list[int]: ...
    def stats(self) -> dict[str, dict[str, int]]: ...
    def approved_pairs(self, *, locale: LocaleLike, source: str | None = None) -> Iterator[ApprovedPair]: ...
    def find(self, key: ItemKey, *, locale: LocaleLike) -> ReviewItem | None: ...
    def apply_import(self, records: Sequence[ImportRecord], *, locale: LocaleLike, reviewer: str) -> ImportSummary: ...
    def erase(self, customer_id: str, *, who: str) -> int: ...
    def purge(self, *, older_than: timedelta, who: str) -> int: ...
    def grant(self, reviewer: str, right: str = PERSONAL_DATA_RIGHT) -> None: ...
    def revoke(self, reviewer: str, right: str = PERSONAL_DATA_RIGHT) -> None: ...
    def has_right(self, reviewer: str, right: str = PERSONAL_DATA_RIGHT) -> bool: ...
    def rights_holders(self, right: str = PERSONAL_DATA_RIGHT) -> builtins.list[str]: ...
    def close(self) -> None: ...


class Cursor(Protocol):
    """The DB-API cursor subset both drivers provide."""

    def execute(self, sql: Any, params: Any = ...) -> Any: ...
    def executemany(self, sql: Any, params: Any) -> Any: ...
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...


@functools.lru_cache(maxsize=256)
def _norm_str_locale(locale: str) -> str:
    return locale_tag(parse_locale(locale))


def _norm_locale(locale: LocaleLike) -> str:
    return _norm_str_locale(locale) if isinstance(locale, str) else locale_tag(parse_locale(locale))


def _reasons_clause(reasons: Sequence[str] | None) -> tuple[str, list[Any]]:
    """Match items carrying one of the reason *codes* (stored as ``"code"`` or ``"code: detail"``).

    A legacy tag (:data:`~toneloc.review._model.LEGACY_REASONS`, e.g. ``needs-translation``) is accepted
    as its code, and a code also matches items stored with its legacy tags.
    """
    if not reasons:
        return "", []
    from toneloc.errors import close_matches

    for r in reasons:
        if r not in REASON_CODES and r not in LEGACY_REASONS:
            hits = close_matches(r, list(REASON_CODES))
            raise InvalidInputError(f"unknown reason code {r!r}", hint=("did you mean: " + ", ".join(hits) + "; ")
                                    * bool(hits) + "codes: " + ", ".join(REASON_CODES))
    tags = [t for c in canonical_reasons(reasons)
            for t in (c, *(old for old, new in LEGACY_REASONS.items() if new == c))]
    # Tags are [a-z-] only (no LIKE wildcards); the JSON quote anchors the tag at the start of a reason.
    parts = " OR ".join("reasons LIKE ? OR reasons LIKE ?" for _ in tags)
    return f" AND ({parts})", [p for t in tags for p in (f'%"{t}"%', f'%"{t}:%')]


def _coded_reasons(it: NewItem) -> list[str]:
    """The item's reasons with the codes of its best candidate's failed checks first (deduplicated)."""
    stated = list(it.reasons)
    have = {reason_code(r) for r in stated}
    derived = []
    if it.candidates:
        derived = [c for c in codes_from_checks(it.candidates[0].checks) if c not in have]
    return list(dict.fromkeys([*derived, *stated]))


def _locale_clause(loc: str, variants: bool) -> tuple[str, list[Any]]:
    """``locale = ?``; with *variants* a bare language (``de``) also matches its regional locales (``de-DE``)."""
    if variants and "-" not in loc:
        return "(locale = ? OR locale LIKE ?)", [loc, f"{loc}-%"]
    return "locale = ?", [loc]


def _states_clause(column: str, states: Sequence[ReviewState] | None) -> tuple[str, list[Any]]:
    if not states:
        return "", []
    return f" AND {column} IN ({', '.join('?' for _ in states)})", [ReviewState(s).value for s in states]


class SQLReviewStore(abc.ABC):
    """The review store logic, written once against a DB-API cursor (see the backends)."""

    placeholder = "?"
    pk_type = "INTEGER PRIMARY KEY AUTOINCREMENT"

    def __init__(self, *, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        # One connection per store object: threads sharing it take turns (a transaction at a time).
        # Threads or processes with their own store objects run concurrently (the database arbitrates).
        self._lock = threading.RLock()

    # -- backend hooks -------------------------------------------------------------------------
    @abc.abstractmethod
    def _write(self) -> AbstractContextManager[Cursor]:
        """A write transaction (committed on exit, rolled back on error)."""

    @abc.abstractmethod
    def _read(self) -> AbstractContextManager[Cursor]:
        """A consistent read."""

    @abc.abstractmethod
    def _claim_select(self) -> str:
        """The ``SELECT ... LIMIT 1`` (+ locking clause) that picks the next claimable item."""

    @abc.abstractmethod
    def _after_erase(self) -> None:
        """Make deleted data unrecoverable (VACUUM and friends)."""

    @abc.abstractmethod
    def close(self) -> None:
        """Close the connection."""

    def __enter__(self) -> SQLReviewStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _q(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def _x(self, cur: Cursor, sql: str, params: Sequence[Any] = ()) -> Cursor:
        cur.execute(self._q(sql), tuple(params))
        return cur

    # -- schema --------------------------------------------------------------------------------
    def _schema_version(self, cur: Cursor) -> int | None:
        """The stored version, or ``None`` for an empty database."""
        raise NotImplementedError  # pragma: no cover - backends override

    def _check_version(self, version: int | None, where: str) -> None:
        if version is not None and version > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"review database {where} has schema version {version}, this toneloc supports up to "
                f"{SCHEMA_VERSION}; nothing was changed",
                hint="upgrade toneloc (pip install -U toneloc) to open it",
            )

    def _migrate(self, cur: Cursor, current: int | None) -> None:
        if current is None:
            self._x(cur, "CREATE TABLE IF NOT EXISTS toneloc_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
            self._x(cur, "INSERT INTO toneloc_meta (name, value) VALUES ('schema_version', '0')")
            current = 0
        for version, statements in MIGRATIONS:
            if version <= current:
                continue
            for stmt in statements:
                self._x(cur, stmt.format(pk=self.pk_type))
            self._x(cur, "UPDATE toneloc_meta SET value = ? WHERE name = 'schema_version'", (str(version),))

    @property
    def schema_version(self) -> int:
        with self._read() as cur:
            v = self._schema_version(cur)
        return v or 0

    # -- helpers -------------------------------------------------------------------------------
    def _now(self) -> float:
        return float(self._clock())

    def _history(
        self, cur: Cursor, item_id: int, who: str, action: str, before: Mapping[str, Any], after: Mapping[str, Any]
    ) -> None:
        self._x(
            cur,
            "INSERT INTO history (item_id, who, at, action, before, after) VALUES (?, ?, ?, ?, ?, ?)",
            (item_id, who, self._now(), action, dumps(dict(before)), dumps(dict(after))),
        )

    def _row(self, cur: Cursor, item_id: int, *, lock: bool = False) -> tuple[Any, ...]:
        sql = f"SELECT {_ITEM_COLS} FROM items WHERE id = ?"
        if lock and self.placeholder != "?":
            sql += " FOR UPDATE"
        row = self._x(cur, sql, (item_id,)).fetchone()
        if row is None:
            raise ReviewError(f"no review item with id {item_id}", hint="see `toneloc review list`")
        return tuple(row)

    def _item(self, row: Sequence[Any], cur: Cursor | None = None, *, detail: bool = False) -> ReviewItem:
        import json

        (iid, locale, key_json, source, prev, state, queue_state, cands, reasons, translation, plural,
         reviewer, claimed_by, lease_until, customer_id, created, updated, meta) = row
        st = ReviewState(state)
        if st is ReviewState.IN_REVIEW and lease_until is not None and lease_until <= self._now():
            st = ReviewState(queue_state or ReviewState.NEEDS_REVIEW.value)  # the lease expired: back in the queue
            claimed_by, lease_until = None, None
        comments: tuple[Comment, ...] = ()
        history: tuple[HistoryEntry, ...] = ()
        if detail and cur is not None:
            comments = tuple(
                Comment(a, from_epoch(at) or _epoch0(), t)
                for a, at, t in self._x(
                    cur, "SELECT author, at, text FROM comments WHERE item_id = ? ORDER BY id", (iid,)
                ).fetchall()
            )
            history = tuple(
                HistoryEntry(w, from_epoch(at) or _epoch0(), act, json.loads(b), json.loads(a))
                for w, at, act, b, a in self._x(
                    cur, "SELECT who, at, action, before, after FROM history WHERE item_id = ? ORDER BY id", (iid,)
                ).fetchall()
            )
        return ReviewItem(
            id=int(iid),
            key=ItemKey.from_dict(json.loads(key_json)),
            source=source,
            locale=locale,
            state=st,
            candidates=tuple(Candidate.from_dict(c) for c in json.loads(cands)),
            reasons=tuple(json.loads(reasons)),
            previous_source=prev,
            translation=translation,
            translation_plural=tuple(json.loads(plural)),
            reviewer=reviewer,
            claimed_by=claimed_by,
            lease_until=from_epoch(lease_until),
            customer_id=customer_id,
            created_at=from_epoch(created),
            updated_at=from_epoch(updated),
            comments=comments,
            history=history,
            meta=json.loads(meta),
        )

    def _view(self, item: ReviewItem, cur: Cursor, viewer: str | None) -> ReviewItem:
        if viewer is None or self._has_right(cur, viewer, PERSONAL_DATA_RIGHT):
            return item
        return mask_item(item)[0]

    def _set(
        self, cur: Cursor, item_id: int, who: str, action: str, before: Mapping[str, Any], changes: Mapping[str, Any]
    ) -> None:
        cols = ", ".join(f"{k} = ?" for k in changes)
        self._x(cur, f"UPDATE items SET {cols}, updated_at = ? WHERE id = ?", (*changes.values(), self._now(), item_id))
        shown = {k: v for k, v in changes.items() if k not in ("available_at", "queue_state")}
        self._history(cur, item_id, who, action, {k: before.get(k) for k in shown}, shown)

    def _queued(self, state: ReviewState, at: float) -> dict[str, Any]:
        return {"state": state.value, "queue_state": state.value, "available_at": at, "claimed_by": None,
                "lease_until": None}

    # -- writing -------------------------------------------------------------------------------
    def enqueue(self, items: Iterable[NewItem], *, who: str) -> list[int]:
        """Add items (one transaction); an existing key+locale is updated (see ``update_source``).

        Locales are validated before anything is written. Returns the item ids, in order.
        """
        prepared = []
        for it in items:
            if not isinstance(it, NewItem):
                raise InvalidInputError(f"enqueue() expects NewItem, got {type(it).__name__}")
            st = ReviewState(it.state)
            if not st.queued:
                raise ReviewStateError(f"new items must be new, needs-review or stale, not {st.value}",
                                       hint="enqueue, then approve")
            prepared.append((it, _norm_locale(it.locale), st))
        ids: list[int] = []
        now = self._now()
        insert = self._q(
            "INSERT INTO items (locale, key, key_json, source, previous_source, state, queue_state, candidates, "
            "reasons, translation, translation_plural, reviewer, claimed_by, lease_until, available_at, customer_id, "
            "created_at, updated_at, meta) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, NULL, '[]', NULL, NULL, NULL, ?, ?, "
            "?, ?, ?) ON CONFLICT (locale, key) DO NOTHING RETURNING id"
        )
        history: list[tuple[Any, ...]] = []
        with self._write() as cur:
            for it, loc, st in prepared:
                cands = dumps([c.to_dict() for c in it.candidates])
                cur.execute(insert, (loc, it.key.canonical(), dumps(it.key.to_dict()), it.source, st.value, st.value,
                                     cands, dumps(_coded_reasons(it)), now, it.customer_id, now, now,
                                     dumps(dict(it.meta))))
                row = cur.fetchone()
                if row is not None:
                    ids.append(int(row[0]))
                    history.append((int(row[0]), who, now, "enqueue", "{}", dumps({"state": st.value})))
                    continue
                ids.append(self._requeue_existing(cur, it, loc, who))
            if history:
                cur.executemany(
                    self._q("INSERT INTO history (item_id, who, at, action, before, after) VALUES (?, ?, ?, ?, ?, ?)"),
                    history,
                )
        return ids

    def _requeue_existing(self, cur: Cursor, it: NewItem, loc: str, who: str) -> int:
        found = self._x(cur, "SELECT id FROM items WHERE locale = ? AND key = ?", (loc, it.key.canonical())).fetchone()
        assert found is not None
        item_id = int(found[0])
        item = self._item(self._row(cur, item_id, lock=True))
        if item.key != it.key:  # same identity, new metadata (e.g. a KB article's revision)
            self._set(cur, item_id, who, "key-changed", {"key_json": dumps(item.key.to_dict())},
                      {"key_json": dumps(it.key.to_dict())})
        if item.source != it.source:
            self._source_changed(cur, item, it.source, who)
        item = self._item(self._row(cur, item_id))
        # No candidates in the new item: keep the ones the item has (a re-run without MT must not wipe them).
        candidates = list(it.candidates) or list(item.candidates)
        if item.state is ReviewState.APPROVED or (
            list(item.candidates) == candidates and set(_coded_reasons(it)) <= set(item.reasons)
        ):
            return item_id
        reasons = list(dict.fromkeys([*item.reasons, *_coded_reasons(it)]))
        self._set(cur, item_id, who, "requeue",
                  {"candidates": [c.to_dict() for c in item.candidates], "reasons": list(item.reasons)},
                  {"candidates": dumps([c.to_dict() for c in candidates]), "reasons": dumps(reasons)})
        return item_id

    def _source_changed(self, cur: Cursor, item: ReviewItem, source: str, who: str) -> None:
        now = self._now()
        before = {"state": item.state.value, "source": item.source, "previous_source": item.previous_source}
        if item.state is ReviewState.APPROVED:
            changes: dict[str, Any] = {"source": source, "previous_source": item.source, **self._queued(
                ReviewState.STALE, now)}
        elif item.state is ReviewState.STALE:
            changes = {"source": source}  # keep the source the translation was approved for
        else:
            prev = item.previous_source if item.previous_source is not None else item.source
            changes = {"source": source, "previous_source": prev, **self._queued(ReviewState.NEEDS_REVIEW, now)}
        self._set(cur, item.id, who, "source-changed", before, changes)

    def update_source(self, key: ItemKey, *, source: str, who: str, locale: LocaleLike | None = None) -> list[int]:
        """The source text of *key* changed: approved translations become stale (in every locale unless
        *locale* is given), the old source is kept in ``previous_source`` for a diff. Returns changed ids."""
        loc = None if locale is None else _norm_locale(locale)
        changed: list[int] = []
        with self._write() as cur:
            sql = "SELECT id FROM items WHERE key = ?" + (" AND locale = ?" if loc else "") + " ORDER BY id"
            params = (key.canonical(), loc) if loc else (key.canonical(),)
            ids = [int(r[0]) for r in self._x(cur, sql, params).fetchall()]
            for item_id in ids:
                item = self._item(self._row(cur, item_id, lock=True))
                if item.source != source:
                    self._source_changed(cur, item, source, who)
                    changed.append(item_id)
        return changed

    def claim_next(
        self,
        reviewer: str,
        *,
        locale: LocaleLike,
        states: Sequence[ReviewState] | None = None,
        reasons: Sequence[str] | None = None,
        lease: timedelta = DEFAULT_LEASE,
        exclude: Sequence[int] = (),
        variants: bool = False,
    ) -> ReviewItem | None:
        """Claim the oldest available item of *locale* for *reviewer* until the lease ends.

        No item is handed to two reviewers while a lease runs; an expired claim is available again.
        *exclude* lists item ids to pass over (items the reviewer skipped in this session). With
        *variants*, a bare language (``de``) also claims items of its regional locales (``de-DE``, ``de-AT``).
        """
        loc = _norm_locale(locale)
        if states and any(not ReviewState(s).queued for s in states):
            raise ReviewStateError("only new, needs-review and stale items can be claimed",
                                   hint="use --state new,needs-review,stale")
        st_sql, st_params = _states_clause("queue_state", states)
        rs_sql, rs_params = _reasons_clause(reasons)
        ex_sql = f" AND id NOT IN ({', '.join('?' for _ in exclude)})" if exclude else ""
        with self._write() as cur:
            now = self._now()
            loc_sql, loc_params = _locale_clause(loc, variants)
            sql = self._claim_select().format(locale=loc_sql, where=st_sql + rs_sql + ex_sql)
            row = self._x(cur, sql, (*loc_params, now, *st_params, *rs_params,
                                     *(int(i) for i in exclude))).fetchone()
            if row is None:
                return None
            item_id, state, queue_state, claimed_by = int(row[0]), row[1], row[2], row[3]
            until = now + lease.total_seconds()
            self._x(
                cur,
                "UPDATE items SET state = 'in-review', claimed_by = ?, lease_until = ?, available_at = ?, "
                "updated_at = ? WHERE id = ?",
                (reviewer, until, until, now, item_id),
            )
            before_state = queue_state if state == ReviewState.IN_REVIEW.value else state
            self._history(cur, item_id, reviewer, "claim",
                          {"state": before_state, "claimed_by": claimed_by if state == "in-review" else None},
                          {"state": "in-review", "claimed_by": reviewer, "lease_until": until})
            return self._item(self._row(cur, item_id), cur, detail=True)

    def renew(self, item_id: int, *, reviewer: str, lease: timedelta = DEFAULT_LEASE) -> ReviewItem:
        """Extend *reviewer*'s claim on *item_id* (recorded in the history).

        A claim whose lease ran out can be renewed as long as nobody else claimed the item meanwhile.
        """
        with self._write() as cur:
            row = self._row(cur, item_id, lock=True)
            item = self._item(row)
            if not (row[5] == ReviewState.IN_REVIEW.value and row[12] == reviewer):
                self._own_claim(item, reviewer)  # raises: someone else holds it, or it is no longer claimed
            until = self._now() + lease.total_seconds()
            self._x(cur, "UPDATE items SET lease_until = ?, available_at = ?, updated_at = ? WHERE id = ?",
                    (until, until, self._now(), item_id))
            self._history(cur, item_id, reviewer, "renew", {"lease_until": row[13]}, {"lease_until": until})
            return self._item(self._row(cur, item_id), cur, detail=True)

    def _own_claim(self, item: ReviewItem, reviewer: str) -> None:
        if item.state is not ReviewState.IN_REVIEW or item.claimed_by != reviewer:
            who = f"claimed by {item.claimed_by}" if item.claimed_by else f"in state {item.state.value}"
            raise ReviewStateError(f"item {item.id} is {who}, not claimed by {reviewer}",
                                   hint="claim it with `toneloc review next`")

    def _not_claimed_by_other(self, item: ReviewItem, reviewer: str) -> None:
        if item.state is ReviewState.IN_REVIEW and item.claimed_by not in (None, reviewer):
            until = item.lease_until.isoformat(timespec="seconds") if item.lease_until else "?"
            raise ReviewStateError(f"item {item.id} is claimed by {item.claimed_by} until {until}",
                                   hint="wait for the lease to end or ask them to release it")

    def release(self, item_id: int, *, reviewer: str) -> ReviewItem:
        """Give a claimed item back to the queue (its state before the claim)."""
        with self._write() as cur:
            row = self._row(cur, item_id, lock=True)
            item = self._item(row)
            self._own_claim(item, reviewer)
            back = ReviewState(row[6] or ReviewState.NEEDS_REVIEW.value)
            self._set(cur, item_id, reviewer, "release", {"state": "in-review", "claimed_by": reviewer},
                      self._queued(back, self._now()))
            return self._item(self._row(cur, item_id), cur, detail=True)

    def approve(
        self,
        item_id: int,
        *,
        reviewer: str,
        text: str | None = None,
        candidate: int = 0,
        plural: Sequence[str] = (),
        seen_source: str | None = None,
    ) -> ReviewItem:
        """Approve *item_id* with *text*, or with candidate number *candidate* (0 = best).

        *seen_source* is the source the reviewer looked at: if it changed meanwhile, the approval is refused.
        """
        with self._write() as cur:
            item = self._item(self._row(cur, item_id, lock=True))
            self._approve_tx(cur, item, reviewer, text, candidate, plural, seen_source, "approve")
            return self._item(self._row(cur, item_id), cur, detail=True)

    def _approve_tx(
        self,
        cur: Cursor,
        item: ReviewItem,
        reviewer: str,
        text: str | None,
        candidate: int,
        plural: Sequence[str],
        seen_source: str | None,
        action: str,
    ) -> None:
        self._not_claimed_by_other(item, reviewer)
        check_transition(item.state, ReviewState.APPROVED, item_id=item.id)
        if seen_source is not None and seen_source != item.source:
            raise ReviewStateError(f"item {item.id}: the source changed while you were reviewing it",
                                   hint="look at the new source and review again")
        if text is None and plural:
            text = plural[0]  # every form given: msgstr[0] is the translation
        if text is None:
            if not item.candidates:
                raise InvalidInputError(f"item {item.id} has no candidate to approve", hint="pass the text to approve")
            if not 0 <= candidate < len(item.candidates):
                raise InvalidInputError(
                    f"item {item.id} has {len(item.candidates)} candidate(s), no number {candidate + 1}")
            chosen = item.candidates[candidate]
            text = chosen.text
            plural = plural or chosen.plural_forms
        if item.key.msgid_plural is not None:
            # A plural message is approved with every gettext form of its locale (msgstr[0..n-1]): one
            # approved text served for every count is how "5 дня" happens in Russian.
            need, rule = _plural_rule(item.locale)
            forms = list(plural) or ([text] if text else [])
            if len(forms) != need or not all(f.strip() for f in forms):
                raise InvalidInputError(
                    f"item {item.id} is a plural message: {item.locale} needs {need} plural form(s) "
                    f"[{rule}], got {len(forms)}" + (" (an empty one)" if len(forms) == need else ""),
                    hint="pass every form in msgstr order (toneloc review approve ID --plural F0 --plural F1 ...)")
            plural, text = forms, forms[0]
        leaked = sorted({t for f in (text, *plural) for t in _MASK_TOKEN.findall(f)} - set(_MASK_TOKEN.findall(
            item.source)))
        if leaked:
            raise InvalidInputError(
                f"item {item.id}: the translation contains privacy masks {', '.join(leaked)} instead of the values",
                hint="edit the item again (masks are restored automatically) or ask a reviewer with the "
                     "personal-data right")
        before = {"state": item.state.value, "translation": item.translation,
                  "translation_plural": list(item.translation_plural), "reviewer": item.reviewer,
                  "previous_source": item.previous_source}
        changes: dict[str, Any] = {
            "state": ReviewState.APPROVED.value, "queue_state": None, "available_at": None, "claimed_by": None,
            "lease_until": None, "translation": text, "translation_plural": dumps(list(plural)),
            "reviewer": reviewer,
        }
        if item.previous_source is not None:
            changes["previous_source"] = None  # approved for the current source: the diff is done (kept in history)
        self._set(cur, item.id, reviewer, action, before, changes)

    def reject(self, item_id: int, *, reviewer: str, note: str) -> ReviewItem:
        """Reject the candidate(s) of *item_id*; the *note* says why (stored as a comment)."""
        if not note.strip():
            raise InvalidInputError("a rejection needs a note saying why", hint="--note 'wrong register'")
        with self._write() as cur:
            item = self._item(self._row(cur, item_id, lock=True))
            self._not_claimed_by_other(item, reviewer)
            check_transition(item.state, ReviewState.REJECTED, item_id=item_id)
            self._set(cur, item_id, reviewer, "reject", {"state": item.state.value, "reviewer": item.reviewer}, {
                "state": ReviewState.REJECTED.value, "queue_state": None, "available_at": None, "claimed_by": None,
                "lease_until": None, "reviewer": reviewer,
            })
            self._comment_tx(cur, item_id, reviewer, f"rejected: {note}")
            return self._item(self._row(cur, item_id), cur, detail=True)

    def reopen(self, item_id: int, *, reviewer: str) -> ReviewItem:
        """Send an approved, rejected or stale item back to the queue (needs-review)."""
        with self._write() as cur:
            item = self._item(self._row(cur, item_id, lock=True))
            self._not_claimed_by_other(item, reviewer)
            check_transition(item.state, ReviewState.NEEDS_REVIEW, item_id=item_id)
            self._set(cur, item_id, reviewer, "reopen", {"state": item.state.value},
                      self._queued(ReviewState.NEEDS_REVIEW, self._now()))
            return self._item(self._row(cur, item_id), cur, detail=True)

    def comment(self, item_id: int, *, author: str, text: str) -> ReviewItem:
        """Add a comment to *item_id* (also recorded in its history)."""
        if not text.strip():
            raise InvalidInputError("empty comment")
        with self._write() as cur:
            self._row(cur, item_id, lock=True)
            self._comment_tx(cur, item_id, author, text)
            return self._item(self._row(cur, item_id), cur, detail=True)

    def _comment_tx(self, cur: Cursor, item_id: int, author: str, text: str) -> None:
        self._x(cur, "INSERT INTO comments (item_id, author, at, text) VALUES (?, ?, ?, ?)",
                (item_id, author, self._now(), text))
        self._history(cur, item_id, author, "comment", {}, {"comment": text})

    def apply_import(self, records: Sequence[ImportRecord], *, locale: LocaleLike, reviewer: str) -> ImportSummary:
        """Apply reviewed entries from a file, all in one transaction (an error leaves nothing written).

        Approved entries approve (or revise) their item; others add their text as a candidate and queue
        the item; entries without an item create one.
        """
        loc = _norm_locale(locale)
        counts = {"approved": 0, "revised": 0, "requeued": 0, "created": 0, "unchanged": 0}
        with self._write() as cur:
            for rec in records:
                item_id = self._find(cur, rec, loc)
                cand = Candidate(rec.text, engine="import", plural_forms=rec.plural)
                if item_id is None:
                    now = self._now()
                    st = ReviewState.NEEDS_REVIEW
                    row = self._x(cur,
                        "INSERT INTO items (locale, key, key_json, source, state, queue_state, candidates, reasons, "
                        "translation_plural, available_at, created_at, updated_at, meta) VALUES "
                        "(?, ?, ?, ?, ?, ?, ?, '[]', '[]', ?, ?, ?, ?) RETURNING id",
                        (loc, rec.key.canonical(), dumps(rec.key.to_dict()), rec.source, st.value, st.value,
                         dumps([cand.to_dict()] if rec.text else []), now, now, now, dumps(dict(rec.meta)))).fetchone()
                    new_id = int(row[0])
                    self._history(cur, new_id, reviewer, "import", {}, {"state": st.value})
                    if rec.approved and rec.text:
                        item = self._item(self._row(cur, new_id))
                        try:
                            self._approve_tx(cur, item, reviewer, rec.text, 0, rec.plural, None, "import-approve")
                        except InvalidInputError as exc:
                            raise InvalidInputError(exc.message, path=rec.meta.get("path"), line=rec.line,
                                                    hint=exc.hint) from exc
                    counts["created"] += 1
                    continue
                item = self._item(self._row(cur, item_id, lock=True))
                if item.source != rec.source or any(_MASK_TOKEN.search(t) for t in (
                        rec.text, *rec.plural, rec.comment or "")):
                    rec = self._unmasked_record(cur, item, rec)
                if rec.approved and rec.text:
                    if item.state in (ReviewState.STALE, ReviewState.REJECTED):
                        # The translator saw the current source (and the `#|` previous one) in the file: that
                        # is the fresh look a stale item needs. Reopen it, then approve: two history entries.
                        check_transition(item.state, ReviewState.NEEDS_REVIEW, item_id=item.id)
                        self._set(cur, item.id, reviewer, "import-reopen", {"state": item.state.value},
                                  self._queued(ReviewState.NEEDS_REVIEW, self._now()))
                        item = self._item(self._row(cur, item.id))
                    if item.state is ReviewState.APPROVED:
                        if item.translation == rec.text and tuple(item.translation_plural) == tuple(rec.plural):
                            counts["unchanged"] += 1
                            continue
                        self._set(cur, item.id, reviewer, "import-revise",
                                  {"translation": item.translation,
                                   "translation_plural": list(item.translation_plural)},
                                  {"translation": rec.text, "translation_plural": dumps(list(rec.plural))})
                        counts["revised"] += 1
                        continue
                    try:
                        self._approve_tx(cur, item, reviewer, rec.text, 0, rec.plural, None, "import-approve")
                    except (ReviewStateError, InvalidInputError) as exc:
                        raise type(exc)(exc.message, path=rec.meta.get("path"), line=rec.line,
                                        hint=exc.hint) from exc
                    counts["approved"] += 1
                elif rec.text and rec.text != item.translation and all(c.text != rec.text for c in item.candidates):
                    cands = [cand.to_dict(), *(c.to_dict() for c in item.candidates)]
                    changes: dict[str, Any] = {"candidates": dumps(cands)}
                    if item.state.resolved:
                        check_transition(item.state, ReviewState.NEEDS_REVIEW, item_id=item.id)
                        changes.update(self._queued(ReviewState.NEEDS_REVIEW, self._now()))
                    self._set(cur, item.id, reviewer, "import-candidate",
                              {"state": item.state.value, "candidates": [c.to_dict() for c in item.candidates]},
                              changes)
                    counts["requeued"] += 1
                else:
                    counts["unchanged"] += 1
                if rec.comment and rec.comment != item.meta.get("tcomment") and all(
                        c.text != rec.comment for c in self._item(self._row(cur, item.id), cur, detail=True).comments):
                    self._comment_tx(cur, item.id, reviewer, rec.comment)
        return ImportSummary(**counts)

    def _unmasked_record(self, cur: Cursor, item: ReviewItem, rec: ImportRecord) -> ImportRecord:
        """*rec* from a file exported with personal data masked: restore the values, or raise."""
        import dataclasses

        masked, mapping = mask_item(self._item(self._row(cur, item.id), cur, detail=True))
        if rec.source not in (item.source, masked.source):
            raise ReviewStateError(
                f"item {item.id}: the file's source differs from the store's (the source changed after export)",
                path=rec.meta.get("path"), line=rec.line, hint="export again and review the new source")
        return dataclasses.replace(
            rec, source=item.source, text=unmask(rec.text, mapping),
            plural=tuple(unmask(f, mapping) for f in rec.plural),
            comment=None if rec.comment is None else unmask(rec.comment, mapping))

    def _find(self, cur: Cursor, rec: ImportRecord, loc: str) -> int | None:
        if rec.item_id is not None:
            row = self._x(cur, "SELECT id, key, locale FROM items WHERE id = ?", (rec.item_id,)).fetchone()
            if row is not None and row[2] == loc and (row[1] == rec.key.canonical() or rec.key.canonical() == mask_item(
                    self._item(self._row(cur, int(row[0]))))[0].key.canonical()):
                return int(row[0])  # the key as stored, or as exported with personal data masked
        row = self._x(cur, "SELECT id FROM items WHERE locale = ? AND key = ?", (loc, rec.key.canonical())).fetchone()
        return None if row is None else int(row[0])

    # -- privacy -------------------------------------------------------------------------------
    def erase(self, customer_id: str, *, who: str) -> int:
        """Remove every trace of *customer_id* (items, comments, history); returns the number of items.

        Deleted pages are overwritten (SQLite ``secure_delete``, ``VACUUM`` and a WAL checkpoint).
        """
        if not customer_id:
            raise InvalidInputError("erase needs a customer id")
        with self._write() as cur:
            ids = [int(r[0]) for r in self._x(cur, "SELECT id FROM items WHERE customer_id = ?",
                                               (customer_id,)).fetchall()]
            for table in ("comments", "history"):
                self._x(cur, f"DELETE FROM {table} WHERE item_id IN (SELECT id FROM items WHERE customer_id = ?)",
                        (customer_id,))
            self._x(cur, "DELETE FROM items WHERE customer_id = ?", (customer_id,))
        self._after_erase()
        return len(ids)

    def purge(self, *, older_than: timedelta, who: str) -> int:
        """Delete resolved (approved/rejected) items not changed for *older_than*; returns how many."""
        if older_than.total_seconds() < 0:
            raise InvalidInputError("the retention period must not be negative")
        cutoff = self._now() - older_than.total_seconds()
        with self._write() as cur:
            sel = "SELECT id FROM items WHERE state IN ('approved', 'rejected') AND updated_at < ?"
            ids = [int(r[0]) for r in self._x(cur, sel, (cutoff,)).fetchall()]
            for table in ("comments", "history"):
                self._x(cur, f"DELETE FROM {table} WHERE item_id IN ({sel})",
                        (cutoff,))
            self._x(cur, "DELETE FROM items WHERE state IN ('approved', 'rejected') AND updated_at < ?", (cutoff,))
        if ids:
            self._after_erase()
        return len(ids)

    def grant(self, reviewer: str, right: str = PERSONAL_DATA_RIGHT) -> None:
        """Give *reviewer* a right (``personal-data``: see unmasked e-mails, phones, cards, IBANs)."""
        with self._write() as cur:
            self._x(cur, "INSERT INTO rights (reviewer, name) VALUES (?, ?) ON CONFLICT DO NOTHING", (reviewer, right))

    def revoke(self, reviewer: str, right: str = PERSONAL_DATA_RIGHT) -> None:
        """Take a right away."""
        with self._write() as cur:
            self._x(cur, "DELETE FROM rights WHERE reviewer = ? AND name = ?", (reviewer, right))

    def has_right(self, reviewer: str, right: str = PERSONAL_DATA_RIGHT) -> bool:
        """Whether *reviewer* holds *right*."""
        with self._read() as cur:
            return self._has_right(cur, reviewer, right)

    def rights_holders(self, right: str = PERSONAL_DATA_RIGHT) -> list[str]:
        """The reviewers holding *right*, sorted."""
        with self._read() as cur:
            return [str(r[0]) for r in self._x(cur, "SELECT reviewer FROM rights WHERE name = ? ORDER BY reviewer",
                                              (right,)).fetchall()]

    def _has_right(self, cur: Cursor, reviewer: str, right: str) -> bool:
        return self._x(cur, "SELECT 1 FROM rights WHERE reviewer = ? AND name = ?", (reviewer, right)).fetchone() \
            is not None

    # -- reading -------------------------------------------------------------------------------
    def get(self, item_id: int, *, viewer: str | None = None) -> ReviewItem:
        """One item with its comments and history; masked unless *viewer* is ``None`` or may see personal data."""
        with self._read() as cur:
            return self._view(self._item(self._row(cur, item_id), cur, detail=True), cur, viewer)

    def list(
        self,
        *,
        locale: LocaleLike | None = None,
        states: Sequence[ReviewState] | None = None,
        reasons: Sequence[str] | None = None,
        customer_id: str | None = None,
        limit: int | None = None,
        viewer: str | None = None,
        variants: bool = False,
    ) -> list[ReviewItem]:
        """Items (without comments/history; see ``get``), oldest first, filtered by effective state.

        *reasons* are codes of :data:`~toneloc.review._model.REASON_CODES` (legacy tags such as
        ``needs-translation`` count as their code, see ``LEGACY_REASONS``); with *variants* a bare
        language (``de``) also lists its regional locales (``de-DE``)."""
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
            raise InvalidInputError(f"limit must be a positive int, got {limit!r}", hint="omit it for all items")
        sql = f"SELECT {_ITEM_COLS} FROM items WHERE 1 = 1"
        params: list[Any] = []
        if locale is not None:
            loc_sql, loc_params = _locale_clause(_norm_locale(locale), variants)
            sql += " AND " + loc_sql
            params += loc_params
        if customer_id is not None:
            sql += " AND customer_id = ?"
            params.append(customer_id)
        rs_sql, rs_params = _reasons_clause(reasons)
        sql += rs_sql + " ORDER BY id"
        params += rs_params
        wanted = {ReviewState(s) for s in states} if states else None
        out: list[ReviewItem] = []
        with self._read() as cur:
            see_all = viewer is None or self._has_right(cur, viewer, PERSONAL_DATA_RIGHT)
            for row in self._x(cur, sql, params).fetchall():
                item = self._item(row)
                if wanted is not None and item.state not in wanted:
                    continue
                out.append(item if see_all else mask_item(item)[0])
                if limit is not None and len(out) >= limit:
                    break
        return out

    def stats(self) -> dict[str, dict[str, int]]:
        """``{locale: {state: count}}`` (expired claims count as their queue state)."""
        sql = ("SELECT locale, CASE WHEN state = 'in-review' AND lease_until <= ? THEN queue_state ELSE state END "
               "AS st, COUNT(*) FROM items GROUP BY locale, st ORDER BY locale, st")
        out: dict[str, dict[str, int]] = {}
        with self._read() as cur:
            for loc, st, n in self._x(cur, sql, (self._now(),)).fetchall():
                out.setdefault(loc, {})[st] = int(n)
        return out

    def approved_pairs(self, *, locale: LocaleLike, source: str | None = None) -> Iterator[ApprovedPair]:
        """Every approved translation of *locale* (only those of *source* when given), for a translation memory.

        Plural messages are left out: a source -> target pair cannot hold their forms, and serving one
        approved form for every count is the bug it would cause (``5 дня``). The pipeline reads them
        per plural form with :meth:`find`.
        """
        import json

        loc = _norm_locale(locale)
        sql = ("SELECT id, key_json, source, translation, reviewer FROM items WHERE locale = ? AND state = 'approved'"
               " AND key_json NOT LIKE ?")
        params: tuple[Any, ...] = (loc, '%"msgid_plural"%')
        if source is not None:
            sql, params = sql + " AND source = ?", (*params, source)
        with self._read() as cur:
            rows = self._x(cur, sql + " ORDER BY id", params).fetchall()
        for iid, key_json, source, translation, reviewer in rows:
            yield ApprovedPair(int(iid), ItemKey.from_dict(json.loads(key_json)), loc, source, translation, reviewer)


    def find(self, key: ItemKey, *, locale: LocaleLike) -> ReviewItem | None:
        """The item of *key* in exactly *locale* (no comments or history), or ``None``."""
        loc = _norm_locale(locale)
        with self._read() as cur:
            row = self._x(cur, f"SELECT {_ITEM_COLS} FROM items WHERE locale = ? AND key = ?",
                          (loc, key.canonical())).fetchone()
            return None if row is None else self._item(row)


def plural_rule(locale: str) -> tuple[int, str]:
    """``(nplurals, "one (1, 21, 31...); few (2-4, 22-24...); many (0, 5-20...)")`` of *locale*:
    the gettext forms and the CLDR categories (with sample counts) each one covers.

    >>> plural_rule("ru")
    (3, 'one (1, 21, 31, 41...); few (2, 3, 4, 22...); many (0, 5, 6, 7...)')
    >>> plural_rule("ja")
    (1, 'other (0, 1, 2, 3...)')
    """
    return _plural_rule(locale)


@functools.lru_cache(maxsize=64)
def _plural_rule(locale: str) -> tuple[int, str]:
    import gettext

    from babel.messages.plurals import get_plural

    loc = parse_locale(locale)
    pt = get_plural(str(loc))
    index = gettext.c2py(pt.plural_expr)
    cats: dict[int, list[str]] = {}
    samples: dict[int, list[int]] = {}
    for k in [*range(200), 1000, 1_000_000, 2_000_000]:  # French and Spanish use a form from a million up
        i = index(k)
        cat = str(loc.plural_form(k))
        if cat not in cats.setdefault(i, []):
            cats[i].append(cat)
        if len(samples.setdefault(i, [])) < 4:
            samples[i].append(k)
    parts = [f"{'/'.join(cats.get(i, ['?']))} ({', '.join(map(str, samples.get(i, [])))}...)"
             for i in range(pt.num_plurals)]
    return int(pt.num_plurals), "; ".join(parts)


def _epoch0() -> datetime:  # pragma: no cover - timestamps are NOT NULL
    from datetime import UTC

    return datetime.fromtimestamp(0, UTC)
