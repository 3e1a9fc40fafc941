"""The embedded review store: one SQLite file in WAL mode.

Every change runs in its own transaction; claims start with ``BEGIN IMMEDIATE`` so only one writer
picks the next item at a time. ``secure_delete`` is on, so erased personal data is overwritten.

>>> import tempfile, os
>>> from toneloc.review import ItemKey, NewItem, SQLiteReviewStore
>>> path = os.path.join(tempfile.mkdtemp(), "review.db")
>>> with SQLiteReviewStore(path) as store:
...     [item_id] = store.enqueue([NewItem(ItemKey.message("Thanks!"), "Thanks!", "de")], who="bot")
...     store.claim_next("ana", locale="de").claimed_by
'ana'
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from toneloc.errors import ReviewError, os_error_reason
from toneloc.review._store import SCHEMA_VERSION, Cursor, SQLReviewStore

__all__ = ["DEFAULT_DB_ENV", "SQLiteReviewStore", "default_db_path"]

DEFAULT_DB_ENV = "TONELOC_REVIEW_DB"


def default_db_path() -> Path:
    """``$TONELOC_REVIEW_DB``, else ``$XDG_DATA_HOME/toneloc/review.db`` (``~/.local/share/...``)."""
    env = os.environ.get(DEFAULT_DB_ENV)
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "toneloc" / "review.db"


class SQLiteReviewStore(SQLReviewStore):
    """A :class:`~toneloc.review.ReviewStore` in one SQLite file (``":memory:"`` for tests).

    Args:
        path: the database file; created (with its directory) when missing.
        synchronous: SQLite's ``synchronous`` pragma. ``FULL`` (default) makes every commit durable even
            across power loss; ``NORMAL`` survives process crashes (SIGKILL) but may lose the last
            commits on power loss, and is faster.
        busy_timeout: seconds to wait for another writer.
        clock: epoch seconds (tests pass a fake clock to expire leases).
    """

    def __init__(
        self,
        path: str | os.PathLike[str] = ":memory:",
        *,
        synchronous: str = "FULL",
        busy_timeout: float = 30.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(clock=clock)
        if synchronous.upper() not in ("OFF", "NORMAL", "FULL", "EXTRA"):
            raise ReviewError(f"unknown synchronous mode {synchronous!r}", hint="use FULL or NORMAL")
        self.path = str(path)
        if self.path != ":memory:":
            try:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ReviewError(f"cannot create the review database folder: {os_error_reason(exc)}",
                                  path=exc.filename or self.path, hint="pass another --db path") from None
        try:
            self._conn = sqlite3.connect(self.path, isolation_level=None, timeout=busy_timeout,
                                         check_same_thread=False)
        except sqlite3.Error as exc:
            raise ReviewError(f"cannot open review database: {exc}", path=self.path) from exc
        try:
            # Refuse a newer schema before anything (even the WAL switch) touches the file.
            cur = self._conn.cursor()
            self._conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            found = self._schema_version(cur)
            self._check_version(found, self.path)
            if found is None or self._conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute(f"PRAGMA synchronous = {synchronous.upper()}")
            self._conn.execute("PRAGMA secure_delete = ON")
            self._conn.execute("PRAGMA foreign_keys = ON")
            if found != SCHEMA_VERSION:  # create or migrate; opening a current database writes nothing
                with self._write() as wcur:
                    version = self._schema_version(wcur)
                    self._check_version(version, self.path)
                    if version != SCHEMA_VERSION:
                        self._migrate(wcur, version)
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            err = self._db_error(exc)
            if "damaged" not in err.message and "locked" not in err.message:
                err = ReviewError(f"not a usable review database: {exc}", path=self.path,
                                  hint="pass another --db path")
            raise err from exc
        except BaseException:
            self._conn.close()
            raise

    def _schema_version(self, cur: Cursor) -> int | None:
        cur.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'toneloc_meta'")
        if cur.fetchone() is None:
            return None
        cur.execute("SELECT value FROM toneloc_meta WHERE name = 'schema_version'")
        row = cur.fetchone()
        return None if row is None else int(row[0])

    def _db_error(self, exc: sqlite3.Error) -> ReviewError:
        """A clear error for a failed statement (the transaction was rolled back: nothing written)."""
        text = str(exc)
        if "locked" in text or "busy" in text:
            return ReviewError(f"the review database is locked by another process ({text}); nothing was changed",
                               path=self.path, hint="retry when the other writer is done, or raise busy_timeout")
        if isinstance(exc, sqlite3.DatabaseError) and ("malformed" in text or "corrupt" in text):
            return ReviewError(f"the review database is damaged ({text}); nothing was changed", path=self.path,
                               hint="restore a backup, or salvage it with `sqlite3 FILE .recover`")
        return ReviewError(f"review database error: {text}; nothing was changed", path=self.path)

    def _rollback(self) -> None:
        if self._conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):  # SQLite may have rolled back already
                self._conn.execute("ROLLBACK")

    @contextmanager
    def _write(self) -> Iterator[Cursor]:
        with self._lock:
            try:
                cur = self._conn.cursor()
                cur.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self._db_error(exc) from exc
            try:
                yield cur
                cur.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback()
                raise self._db_error(exc) from exc
            except BaseException:
                self._rollback()
                raise

    @contextmanager
    def _read(self) -> Iterator[Cursor]:
        with self._lock:
            try:
                cur = self._conn.cursor()
                cur.execute("BEGIN")
            except sqlite3.Error as exc:
                raise self._db_error(exc) from exc
            try:
                yield cur
            except sqlite3.Error as exc:
                raise self._db_error(exc) from exc
            finally:
                self._rollback()  # a read changes nothing; ending it releases the snapshot

    def _claim_select(self) -> str:
        return ("SELECT id, state, queue_state, claimed_by FROM items WHERE {locale} AND available_at <= ?{where} "
                "ORDER BY available_at, id LIMIT 1")

    def _after_erase(self) -> None:
        with self._lock:
            try:
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self._conn.execute("VACUUM")
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error as exc:  # the rows are deleted; only the overwrite of free pages failed
                raise ReviewError(f"erased, but compacting the file failed: {exc}", path=self.path,
                                  hint="run `sqlite3 FILE 'VACUUM'` when no other process uses it") from exc

    def close(self) -> None:
        self._conn.close()

