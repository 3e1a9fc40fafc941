"""``toneloc lint [paths] [--locales ...] [--format ...] [--baseline FILE] [--write-baseline FILE] [--strict]``.

Exit codes: 0 clean, 1 errors found (or warnings with ``--strict``), 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", default=["."], help="catalogs, templates or directories (default: .)")
    parser.add_argument("--locales", nargs="+", metavar="TAG",
                        help="configured locales (overrides [tool.toneloc] locales); commas allowed")
    parser.add_argument("--format", default="text", choices=["text", "json", "github", "sarif", "junit"],
                        help="output format (default: text)")
    parser.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    parser.add_argument("--baseline", metavar="FILE", help="hide findings recorded in this baseline file")
    parser.add_argument("--write-baseline", metavar="FILE", help="record the current findings as a baseline and exit 0")
    parser.add_argument("--strict", action="store_true", help="warnings fail the run too")
    parser.add_argument("--config", metavar="FILE", help="toneloc.toml or pyproject.toml (default: discovered)")
    parser.add_argument("--disable", action="append", default=[], metavar="RULE", help="disable a rule (repeatable)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from toneloc.errors import ConfigError
    from toneloc.lint import lint_paths, load_baseline, load_config, render, write_baseline
    from toneloc.lint._config import _check_rule

    start = Path(args.paths[0]) if args.paths else Path.cwd()
    config = load_config(args.config, start=start if start.is_dir() else start.parent)
    if args.locales:
        tags = tuple(t for raw in args.locales for t in raw.split(",") if t.strip())
        config = config.with_locales(tags)
    if args.disable:
        rules = frozenset(_check_rule(r, "--disable", None) for raw in args.disable for r in raw.split(","))
        config = replace(config, disable=config.disable | rules)
    if args.baseline and args.write_baseline:
        raise ConfigError("--baseline and --write-baseline exclude each other", hint="use one of them")
    baseline = load_baseline(args.baseline) if args.baseline else None
    result = lint_paths(args.paths, config=config, baseline=baseline)
    if args.write_baseline:
        n = write_baseline(args.write_baseline, result.findings)
        print(f"wrote {n} finding(s) to {args.write_baseline}", file=sys.stderr)
        return 0
    report = render(result, args.format, strict=args.strict)
    if args.output:
        try:
            Path(args.output).write_text(report + "\n", encoding="utf-8")
        except OSError as exc:
            from toneloc.errors import LintError

            raise LintError(f"cannot write the report: {exc.strerror or exc}", path=args.output,
                            hint="--output takes a file path in an existing folder") from None
    elif report:
        sys.stdout.write(report + "\n")
    if args.output and args.format != "text":  # the report went to a file: say how it went
        c = result.counts
        print(f"{c['error']} error(s), {c['warning']} warning(s), {c['info']} info", file=sys.stderr)
    return result.exit_code(strict=args.strict)
