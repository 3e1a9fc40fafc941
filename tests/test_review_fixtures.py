"""Fixtures shared by the review tests: the same tests run on SQLite and on PostgreSQL.

PostgreSQL tests read ``TONELOC_TEST_POSTGRES_DSN`` (``.ci/services/postgres.sh`` exports it). Without
it they are skipped locally, but they FAIL when ``CI`` is set: CI must never silently skip a backend.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from toneloc.review import SQLiteReviewStore, SQLReviewStore

__all__ = ["DSN_ENV", "FakeClock", "backend", "clock", "drop_schema", "open_backend", "postgres_dsn", "store"]

DSN_ENV = "TONELOC_TEST_POSTGRES_DSN"


class FakeClock:
    """Epoch seconds that only move when a test says so."""

    def __init__(self, start: float = 1_750_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def postgres_dsn() -> str:
    """The test DSN, or skip (locally) / fail (under CI)."""
    dsn = os.environ.get(DSN_ENV)
    if not dsn:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {DSN_ENV} is missing: .ci/services/postgres.sh did not start PostgreSQL")
        pytest.skip(f"{DSN_ENV} not set (source .ci/services/postgres.sh to run the PostgreSQL tests)")
    return dsn


def drop_schema(dsn: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, tmp_path: os.PathLike[str]) -> Iterator[tuple[str, str]]:
    """``(kind, spec)``: a fresh SQLite path or a fresh PostgreSQL schema name, dropped afterwards."""
    if request.param == "sqlite":
        yield "sqlite", os.path.join(tmp_path, "review.db")
        return
    dsn = postgres_dsn()
    schema = f"t_{uuid.uuid4().hex[:16]}"
    try:
        yield "postgres", schema
    finally:
        drop_schema(dsn, schema)


def open_backend(kind: str, spec: str, clock: FakeClock | None = None) -> SQLReviewStore:
    """Open (another connection to) the store of a ``backend`` fixture value."""
    kw = {"clock": clock} if clock is not None else {}
    if kind == "sqlite":
        return SQLiteReviewStore(spec, **kw)  # type: ignore[arg-type]
    from toneloc.review import PostgresReviewStore

    return PostgresReviewStore(os.environ[DSN_ENV], schema=spec, **kw)  # type: ignore[arg-type]


@pytest.fixture
def store(backend: tuple[str, str], clock: FakeClock) -> Iterator[SQLReviewStore]:
    s = open_backend(*backend, clock=clock)
    try:
        yield s
    finally:
        s.close()
