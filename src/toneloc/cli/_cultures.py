"""``toneloc cultures [TAG] [--json]``."""

from __future__ import annotations

import argparse
import dataclasses
import tomllib
from importlib import resources

from toneloc.cli import print_json
from toneloc.culture import CULTURES, Culture, get_culture
from toneloc.errors import UnknownLocaleError


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("tag", nargs="?", help="culture or locale tag (e.g. de-AT); omit to list all")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(func=run)


def _lookup(tag: str) -> Culture:
    """The culture for *tag*; registered tags whose spelling Babel lists under another identifier
    (``zh-CN`` is ``zh_Hans_CN`` in CLDR) are loaded through their profile's own ``locale``."""
    if tag in CULTURES:
        try:
            return get_culture(tag)
        except UnknownLocaleError:
            data = tomllib.loads(resources.files("toneloc.locales").joinpath(CULTURES[tag][1])
                                 .read_text(encoding="utf-8"))
            return get_culture(data.get("locale", tag))
    return get_culture(tag)


def _as_dict(tag: str) -> dict[str, object]:
    c = _lookup(tag)
    d = {f.name: getattr(c, f.name) for f in dataclasses.fields(c)}
    d["locale"] = str(c.locale)
    return d


def run(args: argparse.Namespace) -> int:
    tags = [args.tag] if args.tag is not None else list(CULTURES)  # '' is a (malformed) tag, not "all"
    rows = [_as_dict(t) for t in tags]
    if args.json:
        print_json(rows if args.tag is None else rows[0])
        return 0
    for r in rows:
        print(f"{r['tag']:<7} {r['register']:<9} {r['directness']:<9} {r['currency']:<4} {r['timezone']:<20} "
              f"{r['name']}")
    return 0
