"""``toneloc catalog {init,update,compile}``: standard gettext catalogs for translators (wraps Babel).

- ``init -i messages.pot -d locales --locale pt-BR``: a new ``locales/pt_BR/LC_MESSAGES/messages.po`` with the
  CLDR ``Plural-Forms`` header for the language.
- ``update -i messages.pot -d locales``: merge new/changed messages into every catalog (changed ones fuzzy).
- ``compile -d locales``: write ``.mo`` files and report completeness and placeholder problems;
  ``--strict`` exits 1 when any problem was found.
"""

from __future__ import annotations

import argparse
import sys

from toneloc.cli import print_json


def register(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    init = sub.add_parser("init", help="create a .po catalog for a new locale from a POT",
                          description="create a .po catalog for a new locale from a POT")
    init.add_argument("--locale", "-l", required=True, help="e.g. pt-BR")
    init.add_argument("--force", action="store_true", help="overwrite an existing catalog")
    update = sub.add_parser("update", help="merge a new POT into the existing catalogs",
                            description="merge a new POT into the existing catalogs")
    update.add_argument("--locale", "-l", action="append", help="only this locale (repeatable)")
    update.add_argument("--no-fuzzy-matching", action="store_true", help="do not guess translations of changed msgids")
    comp = sub.add_parser("compile", help="compile .po catalogs to .mo and check them",
                          description="compile .po catalogs to .mo and check them")
    comp.add_argument("--locale", "-l", action="append", help="only this locale (repeatable)")
    comp.add_argument("--use-fuzzy", action="store_true", help="include fuzzy translations")
    comp.add_argument("--strict", action="store_true", help="exit 1 when a catalog has problems")
    for p in (init, update):
        p.add_argument("--input", "-i", required=True, help="the POT file (from `toneloc extract`)")
    for p in (init, update, comp):
        p.add_argument("--dir", "-d", required=True, help="catalog folder (holds <locale>/LC_MESSAGES/)")
        p.add_argument("--domain", default="messages", help="gettext domain (default: messages)")
        p.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from toneloc.templating import compile_catalogs, init_catalog, update_catalogs

    if args.action == "init":
        path = init_catalog(args.input, args.dir, locale=args.locale, domain=args.domain, force=args.force)
        if args.json:
            print_json({"action": "init", "path": str(path)})
        else:
            print(f"created {path}")
        return 0
    if args.action == "update":
        stats = update_catalogs(args.input, args.dir, domain=args.domain, locales=args.locale,
                                no_fuzzy_matching=args.no_fuzzy_matching)
    else:
        stats = compile_catalogs(args.dir, domain=args.domain, locales=args.locale, use_fuzzy=args.use_fuzzy)
    if args.json:
        print_json({"action": args.action, "catalogs": [
            {"locale": s.locale, "path": s.path, "total": s.total, "translated": s.translated, "fuzzy": s.fuzzy,
             "percent": round(s.percent, 1), "errors": list(s.errors)} for s in stats]})
    else:
        for s in stats:
            counts = f"{s.translated:4}/{s.total:<4} translated ({s.percent:5.1f} %), {s.fuzzy} fuzzy"
            print(f"{s.locale:8} {counts}  {s.path}")
            for err in s.errors:
                print(f"  {err}", file=sys.stderr)
    problems = any(s.errors for s in stats)
    return 1 if (args.action == "compile" and args.strict and problems) else 0
