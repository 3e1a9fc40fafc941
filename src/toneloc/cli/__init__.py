"""The ``toneloc`` command: a thin shell over the library.

Subcommands live in ``toneloc/cli/_<name>.py``; each module defines
``register(parser: argparse.ArgumentParser) -> None`` (add arguments and ``set_defaults(func=...)``)
where ``func(args) -> int`` returns the exit code. Modules are imported only when their command runs,
so ``toneloc --help`` stays fast. Every ``TonelocError`` becomes a one-line message and exit code 2.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import sys
from collections.abc import Sequence
from typing import Any

from toneloc import __version__
from toneloc.errors import TonelocError

# The command registry: name -> (module, one-line help). One line per command.
COMMANDS: dict[str, tuple[str, str]] = {
    "demo": ("toneloc.cli._demo", "run the end-to-end demo on the bundled example tickets"),
    "cultures": ("toneloc.cli._cultures", "list culture profiles or show one"),
    "format": ("toneloc.cli._format", "format money, numbers and dates for a locale"),
    "holidays": ("toneloc.cli._holidays", "public holidays of a culture, with localized names"),
    "deadline": ("toneloc.cli._deadline", "business-day/hour deadline for a support calendar"),
    "detect": ("toneloc.cli._detect", "detect the language of messages"),
    "render": ("toneloc.cli._render", "render a localized template"),
    "extract": ("toneloc.cli._extract", "extract translatable strings into a POT file"),
    "catalog": ("toneloc.cli._catalog", "init/update/compile gettext catalogs"),
    "translate": ("toneloc.cli._translate", "machine-translate a POT/PO catalog offline"),
    "models": ("toneloc.cli._models", "list/install/remove offline translation models"),
    "review": ("toneloc.cli._review", "the translators' review queue"),
    "rewrite": ("toneloc.cli._rewrite", "rewrite text into a culture's register and directness"),
    "lint": ("toneloc.cli._lint", "lint templates and catalogs for locale gaps"),
    "reply": ("toneloc.cli._reply", "produce a localized, reviewed reply to a ticket"),
    "kb": ("toneloc.cli._kb", "translate knowledge-base articles"),
}


def print_json(obj: Any) -> None:
    """Write *obj* as pretty JSON (UTF-8, non-ASCII kept) to stdout."""
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _available(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Build the argument parser; with *only*, import just that subcommand's module."""
    parser = argparse.ArgumentParser(prog="toneloc", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--version", action="version", version=f"toneloc {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_) in COMMANDS.items():
        if not _available(module):
            continue
        p = sub.add_parser(name, help=help_, description=help_)
        if only is None or only == name:
            importlib.import_module(module).register(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``toneloc`` console script."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    only = next((a for a in args_list if not a.startswith("-")), None)
    parser = build_parser(only if only in COMMANDS else None)
    args = parser.parse_args(args_list)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        return int(func(args))
    except TonelocError as exc:
        print(f"toneloc {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
