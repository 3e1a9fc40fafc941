#!/usr/bin/env python3
"""Batch language detection: toneloc's ``detect_many`` (one process, and with helper processes)
against single calls, side by side with py3langid (no batch API: one call per text) and lingua (whose
batch API, ``detect_languages_in_parallel_of``, runs on all CPUs), in one run.

Usage (from the repository root)::

    python bench/bench_detect_batch.py              # dev set + greetings, distinct texts
    python bench/bench_detect_batch.py --repeat 5   # best of 5 passes (default 3)
    python bench/bench_detect_batch.py --workers 4  # helper processes: workers - 1 (default 2)

Data: the shared development set (``../shared/eval/langid/dev.tsv``) and the greetings check set of
``bench_detect.py``, duplicates removed, so no batch gains from repeats (a helpdesk stream has them:
``detect_many`` decides a repeated message once). Times are wall-clock (helper processes and lingua's
threads work beside the caller), best of ``--repeat`` passes, the contenders interleaved so machine
load hits all alike. ``workers=N, first call`` includes starting the helpers (once per detector).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_detect  # noqa: E402 - the data loaders and peers of the single-text bench


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    if not bench_detect.DEFAULT_DATA.is_file():
        print(f"bench_detect_batch: no data at {bench_detect.DEFAULT_DATA}", file=sys.stderr)
        return 2
    rows = bench_detect.load_rows(bench_detect.DEFAULT_DATA) + bench_detect.greeting_rows()
    texts = list(dict.fromkeys(r["text"] for r in rows))

    from toneloc.detect import DetectorConfig, LanguageDetector

    det = LanguageDetector(DetectorConfig())
    reference = [det.detect(t) for t in texts]
    if det.detect_many(texts) != reference:
        print("bench_detect_batch: detect_many changed an answer", file=sys.stderr)
        return 1
    contenders: dict[str, Callable[[], object]] = {
        "toneloc `detect()` per text": lambda: [det.detect(t) for t in texts],
        "toneloc `detect_many` (1 process)": lambda: det.detect_many(texts),
        f"toneloc `detect_many(workers={args.workers})`": lambda: det.detect_many(texts, workers=args.workers),
    }
    t0 = time.perf_counter()
    parallel = det.detect_many(texts, workers=args.workers)
    first = time.perf_counter() - t0
    if parallel != reference:
        print("bench_detect_batch: workers changed an answer", file=sys.stderr)
        return 1
    peers: dict[str, Callable[[], object]] = {}
    try:
        py3 = bench_detect.make_py3langid()
        peers["py3langid (restricted) per text"] = lambda: [py3(t) for t in texts]
    except ImportError as exc:
        print(f"- py3langid: not installed ({exc})", file=sys.stderr)
    try:
        from lingua import IsoCode639_1, LanguageDetectorBuilder

        lingua = LanguageDetectorBuilder.from_iso_codes_639_1(
            *[getattr(IsoCode639_1, c.upper()) for c in bench_detect.TARGET]).with_preloaded_language_models().build()
        peers["lingua high (restricted) per text"] = lambda: [lingua.detect_language_of(t) for t in texts]
        peers["lingua `detect_languages_in_parallel_of`"] = lambda: lingua.detect_languages_in_parallel_of(texts)
    except ImportError as exc:
        print(f"- lingua: not installed ({exc})", file=sys.stderr)
    runs = {**contenders, **peers}
    for fn in runs.values():
        fn()  # warm: models, tables, lingua's lazy parts
    best = dict.fromkeys(runs, math.inf)
    for _ in range(max(1, args.repeat)):
        for name, fn in runs.items():
            t0 = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - t0)
    det.close()

    single = best["toneloc `detect()` per text"]
    py3_time = best.get("py3langid (restricted) per text")
    print(f"Data: dev.tsv + greetings, {len(texts):,} distinct texts; python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs, load avg {os.getloadavg()[0]:.2f}; wall-clock, best of {args.repeat}\n")
    print("| contender | texts/s | vs toneloc `detect()` | vs py3langid |")
    print("|---|---|---|---|")
    for name, seconds in best.items():
        vs_py3 = f"{py3_time / seconds:.2f}x" if py3_time else "—"
        print(f"| {name} | {len(texts) / seconds:,.0f} | {single / seconds:.2f}x | {vs_py3} |")
    print(f"| toneloc `detect_many(workers={args.workers})`, first call (starts the helpers) "
          f"| {len(texts) / first:,.0f} | {single / first:.2f}x | "
          f"{f'{py3_time / first:.2f}x' if py3_time else '—'} |")
    lingua_single = best.get("lingua high (restricted) per text")
    lingua_batch = best.get("lingua `detect_languages_in_parallel_of`")
    if lingua_single and lingua_batch:
        print(f"\nlingua's own batch vs its single calls: {lingua_single / lingua_batch:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
