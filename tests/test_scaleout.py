"""Scale-out: KB translation on a Dask LocalCluster with two worker processes and the review store on
PostgreSQL (``TONELOC_TEST_POSTGRES_DSN``; skipped locally without it, a failure under CI)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

pytest.importorskip("distributed")
pytest.importorskip("psycopg")
pytest.importorskip("yaml")

from toneloc.pipeline import PipelineConfig, translate_kb
from toneloc.review import PostgresReviewStore

ROOT = Path(__file__).resolve().parents[1]
DSN_ENV = "TONELOC_TEST_POSTGRES_DSN"


def _dsn() -> str:
    dsn = os.environ.get(DSN_ENV)
    if not dsn:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {DSN_ENV} is missing: .ci/services/postgres.sh did not start PostgreSQL")
        pytest.skip(f"{DSN_ENV} not set (source .ci/services/postgres.sh)")
    return dsn


@pytest.mark.postgres
@pytest.mark.slow
def test_dask_two_workers_postgres_store(tmp_path: Path) -> None:
    """8 articles x 2 locales on 2 Dask worker processes: every job done once, files written, every queued
    segment in the shared PostgreSQL queue, and both workers took part."""
    dsn = _dsn()
    schema = "tl_scale_" + uuid.uuid4().hex[:10]
    kb = tmp_path / "kb"
    kb.mkdir()
    source = (ROOT / "examples/helpdesk/kb/track-your-order.md").read_text(encoding="utf-8")
    for i in range(8):
        (kb / f"article-{i}.md").write_text(source.replace("Track your order", f"Track your order {i}"),
                                            encoding="utf-8")
    cfg = PipelineConfig(translator="pseudo", review_store=dsn, review_schema=schema)
    try:
        report = translate_kb(cfg, [kb], ["de", "vi"], executor="dask", workers=2)
        assert report.errors == ()
        assert report.executor == "dask"
        assert report.workers == 2
        assert sorted((r.slug, r.locale) for r in report.results) == sorted(
            (f"article-{i}", loc) for i in range(8) for loc in ("de", "vi"))
        assert all(r.path is not None and Path(r.path).is_file() for r in report.results)
        assert len({r.worker_pid for r in report.results}) == 2
        queued = sum(len(r.review_item_ids) for r in report.results)
        store = PostgresReviewStore(dsn, schema=schema)
        try:
            stats = store.stats()
            assert sum(stats["de"].values()) + sum(stats["vi"].values()) == queued == 16 * 5
        finally:
            store.close()
    finally:
        import psycopg

        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
