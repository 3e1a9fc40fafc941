"""``toneloc detect [TEXT...] [--file F] [--candidates en,de] [--prior de] [--threshold 0.5] [--workers N] [--json]``.

Text comes from the arguments (one message), ``--file`` (one message per line; ``-`` is stdin)
or, without either, from standard input (one message per line). Output: one line per message,
``language<TAB>confidence<TAB>reliable<TAB>message``; with ``--json`` an array of detections.
Exit code 0, or 2 on bad input (unknown candidate, unreadable file).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from toneloc.cli import print_json


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", nargs="*", help="the message (words are joined with spaces)")
    parser.add_argument("--file", "-f", help="read one message per line from this file ('-' = stdin)")
    parser.add_argument("--candidates", "-c", help="comma-separated ISO 639-1 codes the helpdesk supports")
    parser.add_argument("--prior", help="the customer's profile language, e.g. de")
    parser.add_argument("--threshold", type=float, help="minimum confidence for a reliable answer (default 0.5)")
    parser.add_argument("--no-spans", action="store_true", help="skip per-part spans")
    parser.add_argument("--workers", type=int, default=1,
                        help="processes sharing a long file: this one and N-1 helpers (default 1)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(func=run)


def _lines(path: str) -> Iterator[str]:
    from toneloc.cli._io import read_text

    # strict UTF-8: a bad byte is an error naming file:line:column, never a silent U+FFFD
    yield from read_text(path, "message file").splitlines()


def run(args: argparse.Namespace) -> int:
    from toneloc.detect import DetectorConfig
    from toneloc.detect._parallel import worker_count

    workers = worker_count(args.workers)  # before reading stdin, which may never end
    kwargs: dict[str, object] = {"spans": not args.no_spans}
    if args.candidates:
        kwargs["candidates"] = tuple(c.strip() for c in args.candidates.split(",") if c.strip())
    if args.prior:
        kwargs["prior"] = args.prior.strip()
    if args.threshold is not None:
        kwargs["threshold"] = args.threshold
    detector = DetectorConfig(**kwargs).build()  # type: ignore[arg-type]

    messages = [" ".join(args.text)] if args.text else list(_lines(args.file or "-"))
    with detector:  # stops the helper processes of --workers N
        results = detector.detect_many(messages, workers=workers)
    if args.json:
        print_json([dict(d.as_dict(), text=m) for m, d in zip(messages, results, strict=True)])
        return 0
    for message, d in zip(messages, results, strict=True):
        flag = "reliable" if d.reliable else f"unsure:{d.best_guess}"
        print(f"{d.language}\t{d.confidence:.3f}\t{flag}\t{message}")
    return 0
