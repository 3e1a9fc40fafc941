"""Benchmark: `toneloc lint` vs translate-toolkit's `pofilter` on the same catalogs, in one run.

The corpus is built from REAL catalogs (GNU hello and GNU wget sources from Debian, humanize's
catalogs from site-packages, whatever of those is present): 50 catalogs x 2,000 entries by default,
each made by replicating one real catalog's entries (repeats get a distinct ``msgctxt`` so every
entry stays unique). Both tools run as command-line subprocesses, so start-up is included.

Usage::

    python bench/bench_lint.py [--catalogs 50] [--entries 2000] [--repeat 3] [--source DIR ...]

Without --source it looks for ``/tmp/lintreal/*/po`` (see docs/lint.md for how to fetch them) and
humanize's catalogs; it exits with a message if it finds none.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PLACEHOLDER_PLURAL_TESTS = ["printf", "variables", "pythonbraceformat", "xmltags", "nplurals"]
TONELOC_ONLY_PLACEHOLDER_PLURAL = ["TL003", "TL101", "TL102", "TL103", "TL104", "TL105", "TL106", "TL401", "TL402",
                                   "TL403", "TL404", "TL500", "TL501", "TL502", "TL601", "TL701", "TL702", "TL703",
                                   "TL704", "TL705"]


def _default_sources() -> list[Path]:
    found = sorted(p for p in Path("/tmp/lintreal").glob("*/po") if p.is_dir())
    try:
        import humanize

        found.append(Path(humanize.__file__).parent / "locale")
    except ImportError:
        pass
    return found


def _blocks(text: str) -> tuple[str, list[str]]:
    parts = [b for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    header, entries = parts[0], parts[1:]
    live = [b for b in entries if "#~" not in b and "msgid " in b and "msgctxt" not in b]
    return header, live


def build_corpus(sources: list[Path], out: Path, catalogs: int, entries: int) -> tuple[int, int]:
    real = sorted(p for s in sources for p in s.rglob("*.po"))
    if not real:
        raise SystemExit("no source catalogs found: pass --source DIR (see docs/lint.md)")
    usable = []
    for p in real:
        try:
            header, blocks = _blocks(p.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue
        if len(blocks) >= 20:
            usable.append((p, header, blocks))
    total = 0
    for i in range(catalogs):
        src, header, blocks = usable[i % len(usable)]
        lang = src.stem if src.parent.name == "po" else src.parent.parent.name
        body: list[str] = []
        k = 0
        while len(body) < entries:
            for b in blocks:
                if len(body) >= entries:
                    break
                if k == 0:
                    body.append(b)
                else:
                    lines = b.split("\n")
                    j = next(n for n, ln in enumerate(lines) if ln.startswith("msgid "))
                    lines.insert(j, f'msgctxt "copy {k}"')
                    body.append("\n".join(lines))
            k += 1
        d = out / f"{i:02d}-{lang}"
        d.mkdir(parents=True)
        (d / f"{lang}.po").write_text(header + "\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
        total += len(body)
    return min(catalogs, len(usable)), total


def _time(cmd: list[str], repeat: int, cleanup: Path | None = None) -> list[float]:
    times = []
    for _ in range(repeat):
        if cleanup is not None and cleanup.exists():
            shutil.rmtree(cleanup)
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, check=False)
        times.append(time.perf_counter() - t0)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd[:3])} failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    return times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--catalogs", type=int, default=50)
    ap.add_argument("--entries", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--source", type=Path, action="append", help="directory with real .po files (repeatable)")
    args = ap.parse_args(argv)
    toneloc = shutil.which("toneloc")
    pofilter = shutil.which("pofilter")
    if not toneloc or not pofilter:
        raise SystemExit("needs both `toneloc` and `pofilter` (pip install translate-toolkit) on PATH")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        n_real, n_entries = build_corpus(args.source or _default_sources(), corpus, args.catalogs, args.entries)
        out = Path(tmp) / "pofilter-out"
        disable = ",".join(TONELOC_ONLY_PLACEHOLDER_PLURAL)
        rows = [
            ("toneloc lint (all 25 rules)", _time([toneloc, "lint", str(corpus), "--format", "json", "-o",
                                                   os.devnull], args.repeat)),
            ("pofilter (all 46 default tests)", _time([pofilter, "--progress=none", str(corpus), str(out)],
                                                       args.repeat, out)),
            ("toneloc lint (placeholders + plurals)", _time([toneloc, "lint", str(corpus), "--disable", disable,
                                                             "--format", "json", "-o", os.devnull], args.repeat)),
            ("pofilter -t printf,variables,pythonbraceformat,xmltags,nplurals",
             _time([pofilter, "--progress=none", *[a for t in PLACEHOLDER_PLURAL_TESTS for a in ("-t", t)],
                    str(corpus), str(out)], args.repeat, out)),
        ]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"corpus: {args.catalogs} catalogs x {args.entries} entries = {n_entries} entries, each replicated "
          f"from one of {n_real} distinct real catalogs; {args.repeat} runs each; load average {load:.1f} on "
          f"{os.cpu_count()} CPUs")
    print(f"{'tool':<66} {'median s':>9} {'best s':>8} {'entries/s':>10}")
    for name, ts in rows:
        med = statistics.median(ts)
        print(f"{name:<66} {med:>9.2f} {min(ts):>8.2f} {n_entries / med:>10,.0f}")
    for label, a, b in (("all checks", 0, 1), ("placeholders + plurals", 2, 3)):
        med = statistics.median(rows[b][1]) / statistics.median(rows[a][1])
        best = min(rows[b][1]) / min(rows[a][1])
        print(f"speed-up, {label + ':':<24} {med:.1f}x (medians), {best:.1f}x (best runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
