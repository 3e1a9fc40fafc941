"""The ``toneloc`` command: a thin shell over the library.

Subcommands live in ``toneloc/cli/_<name>.py``; each module defines
``register(parser: argparse.ArgumentParser) -> None`` (add arguments and ``set_defaults(func=...)``)
where ``func(args) -> int`` returns the exit code. Modules are imported only when their command runs,
so ``toneloc --help`` stays fast. Every ``TonelocError`` becomes a one-line message and exit code 2,
and so does a missing optional dependency: ``toneloc render: error: this command needs the
'templates' extra: pip install 'toneloc[templates]' (jinja2 is not installed)``. Which extra provides
which module is read from toneloc's own ``[project.optional-dependencies]`` (see
:func:`missing_dependency`), so the mapping lives in ``pyproject.toml`` only.
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
from toneloc.errors import MissingDependencyError, TonelocError

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


# Distributions whose import name differs from their normalised name (pyproject lists distributions).
_IMPORT_NAME = {"pyyaml": "yaml", "markdown_it_py": "markdown_it", "fasttext_predict": "fasttext",
                "lingua_language_detector": "lingua", "translate_toolkit": "translate"}
# Modules toneloc imports directly that arrive with a listed distribution, not on their own line.
_ARRIVES_WITH = {"markupsafe": "jinja2"}
_NOT_FOR_USERS = ("dev", "bench")


def _requirement_module(requirement: str) -> str | None:
    import re

    m = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    if m is None:
        return None
    name = re.sub(r"[-_.]+", "_", m.group(1)).lower()
    return None if name == "toneloc" else _IMPORT_NAME.get(name, name)


def _optional_dependencies(pyproject: Any = None) -> dict[str, list[str]]:
    """toneloc's ``[project.optional-dependencies]``: from ``pyproject.toml`` in a source checkout
    (always current), else from the installed distribution's metadata (built from that file)."""
    import re
    import tomllib
    from pathlib import Path

    if pyproject is None:
        pyproject = Path(__file__).resolve().parents[3] / "pyproject.toml"
    try:
        project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
    except (OSError, ValueError):
        project = {}
    if project.get("name") == "toneloc" and isinstance(project.get("optional-dependencies"), dict):
        return {str(k): [str(r) for r in v] for k, v in project["optional-dependencies"].items()}
    from importlib import metadata

    out: dict[str, list[str]] = {}
    try:
        requires = metadata.requires("toneloc") or []
    except metadata.PackageNotFoundError:  # pragma: no cover - running from an unpacked tree
        return out
    for req in requires:
        m = re.search(r"""extra\s*==\s*["']([^"']+)["']""", req)
        if m:
            out.setdefault(m.group(1), []).append(req.split(";")[0])
    return out


def _extra_modules() -> dict[str, set[str]]:
    """Extra -> the import names it installs, aggregates (``pipeline = ["toneloc[detect,...]"]``) expanded."""
    import re

    deps = _optional_dependencies()

    def modules(extra: str, seen: frozenset[str]) -> set[str]:
        out: set[str] = set()
        for req in deps.get(extra, []):
            inner = re.match(r"\s*toneloc\s*\[([^\]]*)\]", req)
            if inner:
                for sub in inner.group(1).split(","):
                    if sub.strip() and sub.strip() not in seen:
                        out |= modules(sub.strip(), seen | {sub.strip()})
            elif (mod := _requirement_module(req)) is not None:
                out.add(mod)
        return out

    return {extra: modules(extra, frozenset({extra})) for extra in deps if extra not in _NOT_FOR_USERS}


def extras_for_module(module: str) -> list[str]:
    """The extras (in ``pyproject.toml`` order, ``all`` last) that install the importable *module*.

    >>> extras_for_module("jinja2")
    ['templates', 'lint', 'pipeline', 'all']
    >>> extras_for_module("rich.progress")[0], extras_for_module("markupsafe")[0], extras_for_module("os")
    ('review', 'templates', [])
    """
    top = module.partition(".")[0]
    top = _ARRIVES_WITH.get(top, top)
    found = [extra for extra, mods in _extra_modules().items() if top in mods]
    return sorted(found, key=lambda e: e == "all")


# The extra that serves each command as a whole (preferred when it provides the missing module).
COMMAND_EXTRAS: dict[str, str] = {
    "demo": "pipeline", "reply": "pipeline", "kb": "pipeline", "detect": "detect", "render": "templates",
    "extract": "templates", "catalog": "templates", "translate": "mt", "models": "mt", "review": "review",
    "rewrite": "tone", "lint": "lint",
}


def missing_dependency(exc: ModuleNotFoundError, command: str | None = None) -> MissingDependencyError | None:
    """The :class:`~toneloc.errors.MissingDependencyError` for an optional module that failed to import.

    ``None`` when no extra provides the module (then it is a bug, not a missing extra). The extra
    that serves the whole *command* (:data:`COMMAND_EXTRAS`: ``toneloc kb`` -> ``pipeline``) wins
    when it provides the module, else the first extra listing it.

    >>> str(missing_dependency(ModuleNotFoundError("No module named 'jinja2'", name="jinja2"), "render"))
    "this command needs the 'templates' extra: pip install 'toneloc[templates]' (jinja2 is not installed)"
    """
    name = exc.name or ""
    top = name.partition(".")[0]
    if top != name and _available(top):
        return None  # a submodule of an installed package is missing: a bug or a version mismatch, not an extra
    extras = extras_for_module(name)
    if not extras:
        return None
    preferred = COMMAND_EXTRAS.get(command or "")
    extra = preferred if preferred in extras else extras[0]
    return MissingDependencyError(f"this command needs the {extra!r} extra: pip install 'toneloc[{extra}]' "
                                  f"({name.partition('.')[0]} is not installed)")


def _available(module: str) -> bool:
    """*module* can be imported (a module blocked with ``sys.modules[name] = None`` counts as missing)."""
    if sys.modules.get(module, True) is None:
        return False
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


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
    command = only if only in COMMANDS else None
    try:
        parser = build_parser(command)
        args = parser.parse_args(args_list)
        func = getattr(args, "func", None)
        if func is None:
            parser.print_help()
            return 2
        return int(func(args))
    except TonelocError as exc:
        print(f"toneloc {command}: error: {exc}", file=sys.stderr)
        return 2
    except ModuleNotFoundError as exc:
        missing = missing_dependency(exc, command)
        if missing is None:
            raise
        print(f"toneloc {command}: error: {missing}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
