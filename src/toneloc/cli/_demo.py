"""``toneloc demo``: the end-to-end demo on bundled example data."""

from __future__ import annotations

import argparse

from toneloc.culture import CULTURES, get_culture


def register(parser: argparse.ArgumentParser) -> None:
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    for tag in CULTURES:
        c = get_culture(tag)
        print(f"{c.tag:<6} {c.register:<8} {c.currency} {c.timezone}")
    return 0
