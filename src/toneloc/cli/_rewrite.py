"""``toneloc rewrite TEXT --locale de-DE [--formality formal] [--directness ...] [--json] [--explain]``.

TEXT ``-`` reads standard input. Exit code 0; 1 when ``--check`` is given and the result needs review.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys

from toneloc.cli import print_json


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", help="the reply to rewrite ('-' reads standard input)")
    parser.add_argument("--locale", "-l", required=True, help="the customer's locale, e.g. de-DE, pt-BR")
    parser.add_argument("--formality", choices=["formal", "informal"], default=None,
                        help="target register (default: the culture's)")
    parser.add_argument("--directness", choices=["direct", "balanced", "indirect", "culture"], default=None,
                        help="target directness ('culture' = the culture's; default: leave it)")
    parser.add_argument("--protect", action="append", default=[], metavar="NAME",
                        help="a product name or phrase never to touch (repeatable)")
    parser.add_argument("--json", action="store_true", help="the full result as JSON (text, edits, reasons)")
    parser.add_argument("--explain", action="store_true", help="list every edit with its rule and reason")
    parser.add_argument("--check", action="store_true", help="exit 1 when the result needs review")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from toneloc.cli._io import read_stdin
    from toneloc.tone import rewrite

    text = read_stdin() if args.text == "-" else args.text  # strict UTF-8; a closed stdin is an error
    res = rewrite(text, args.locale, formality=args.formality, directness=args.directness, protect=args.protect)
    if args.json:
        print_json(dataclasses.asdict(res))
    else:
        sys.stdout.write(res.text + ("" if res.text.endswith("\n") else "\n"))
        if args.explain:
            for e in res.edits:
                print(f"  [{e.start}:{e.end}] {e.before!r} -> {e.after!r}  ({e.rule_id}: {e.explanation})",
                      file=sys.stderr)
            for r in res.reasons:
                print(f"  review: {r}", file=sys.stderr)
    return 1 if args.check and res.needs_review else 0
