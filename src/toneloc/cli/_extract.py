"""``toneloc extract PATH... [-o messages.pot] [--project NAME] [--version V] [--json]``.

Collects translatable strings from Python files and Jinja2 templates (``.html .htm .xml .txt .md .j2``):
``_()``, ``gettext``, ``ngettext``, ``pgettext``, ``npgettext`` and ``{% trans %}`` blocks, into a standard
POT file that ``toneloc catalog init/update``, Poedit and Weblate read. Without ``-o`` the POT goes to stdout.
"""

from __future__ import annotations

import argparse
import io
import sys

from toneloc.cli import print_json


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", help="files or folders to scan")
    parser.add_argument("-o", "--output", help="POT file to write (default: stdout)")
    parser.add_argument("--project", default="PROJECT", help="Project-Id-Version name")
    parser.add_argument("--version", dest="project_version", default="VERSION", help="Project-Id-Version version")
    parser.add_argument("--json", action="store_true", help="print a summary as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from babel.messages.pofile import write_po

    from toneloc.templating import extract_messages, write_catalog

    catalog = extract_messages(args.paths, project=args.project, version=args.project_version)
    messages = [m for m in catalog if m.id]
    if args.output:
        write_catalog(catalog, args.output)
    elif not args.json:
        buf = io.BytesIO()
        write_po(buf, catalog, width=100, sort_by_file=True)
        sys.stdout.write(buf.getvalue().decode("utf-8"))
    if args.json:
        print_json({"output": args.output, "messages": len(messages),
                    "plural": sum(1 for m in messages if m.pluralizable),
                    "with_context": sum(1 for m in messages if m.context),
                    "msgids": [m.id[0] if isinstance(m.id, tuple) else m.id for m in messages]})
    elif args.output:
        print(f"wrote {len(messages)} messages to {args.output}", file=sys.stderr)
    return 0
