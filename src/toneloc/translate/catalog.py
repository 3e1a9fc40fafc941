"""Machine-translate gettext catalogs (POT/PO), resumably, with provenance on every entry.

Each target locale gets ``<out_dir>/<ll[_RR]>.po``. Entries that already have a translation are
skipped, so an interrupted run continues where it stopped (the file is saved after every batch).
Machine translations are flagged ``fuzzy`` (gettext does not use them until a reviewer clears the
flag) and carry a translator comment such as::

    # toneloc: machine engine=argos-ct2 model=argos:en-de@1.9 score=-0.12 risk=0.00 decision=auto-accept

Exact translation-memory matches are written without the fuzzy flag (a human approved them).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from toneloc.errors import CatalogError, InvalidInputError, os_error_reason
from toneloc.locale import LocaleLike, locale_tag, parse_locale
from toneloc.translate._types import Translation, Translator

__all__ = ["CatalogReport", "translate_catalog"]

_MARK = "toneloc:"


@dataclass(frozen=True, slots=True)
class CatalogReport:
    """What :func:`translate_catalog` did for one locale."""

    locale: str
    path: Path
    total: int
    skipped: int
    machine: int
    memory: int
    auto_accepted: int
    needs_review: int


@functools.cache
def _po_scanner() -> Callable[..., None]:
    """toneloc's strict ``.po`` syntax pass (``toneloc.templating._catalogs._scan_po``), without Jinja2.

    The scanner needs only Babel, but importing it through :mod:`toneloc.templating` runs that
    package's ``__init__``, which needs the ``templates`` extra (Jinja2, MarkupSafe). A lean MT install
    (``toneloc[mt]``) has neither, so then the scanner's module file is loaded on its own: the same
    code, no duplicate to keep in sync.
    """
    try:
        from toneloc.templating._catalogs import _scan_po
    except ModuleNotFoundError as exc:
        if (exc.name or "").partition(".")[0] not in _TEMPLATES_MODULES:
            raise
    else:
        return _scan_po
    import importlib.util
    import sys

    import toneloc

    name = "toneloc.translate._po_syntax"
    module = sys.modules.get(name)
    if module is None:
        spec = importlib.util.spec_from_file_location(
            name, Path(toneloc.__file__).parent / "templating" / "_catalogs.py")
        if spec is None or spec.loader is None:  # pragma: no cover - the file ships with toneloc
            raise CatalogError("toneloc's .po syntax checker is missing from this installation",
                               hint='reinstall toneloc: pip install --force-reinstall "toneloc[mt]"')
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses resolve their module while the class is created
        spec.loader.exec_module(module)
    scan: Callable[..., None] = module._scan_po
    return scan


_TEMPLATES_MODULES = frozenset({"jinja2", "markupsafe", "markdown_it", "yaml"})


def check_po_syntax(path: Path, what: str = "catalog") -> None:
    """Refuse a missing, folder or malformed ``.po``/``.pot`` file before polib reads it.

    polib is lenient: an unterminated string or a stray line is silently dropped, so a translation
    run would quietly lose entries. A UTF-8 file gets toneloc's strict line-by-line syntax check
    (the one ``load_catalog`` uses), which names the first bad line; other charsets are left to polib.
    """
    _scan_po = _po_scanner()
    if path.is_dir():
        raise CatalogError(f"{what} is a directory, not a .po/.pot file", path=path,
                           hint="pass the file itself, e.g. locales/messages.pot")
    if not path.is_file():
        raise CatalogError(f"{what} not found: {path}", path=path,
                           hint="pass an existing .pot/.po file (extract one with `toneloc extract`)")
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return  # a declared legacy charset: polib decodes it (and reports bad bytes itself)
    except OSError as exc:
        raise CatalogError(f"cannot read {what}: {exc.strerror or exc}", path=path) from exc
    if not text.strip():
        raise CatalogError(f"{what} is empty", path=path,
                           hint="extract the messages first: toneloc extract templates/ -o messages.pot")
    _scan_po(text, path, has_locale=True)


def _load(path: Path) -> Any:
    import polib

    check_po_syntax(path)
    try:
        return polib.pofile(str(path), wrapwidth=0)
    except UnicodeDecodeError as exc:
        raw = path.read_bytes()
        pos = raw.find(exc.object[exc.start:exc.end]) if isinstance(exc.object, bytes) else -1
        line = raw.count(b"\n", 0, pos) + 1 if pos >= 0 else None
        raise CatalogError(f"invalid {exc.encoding} in the catalog: {exc.reason}", path=path, line=line,
                           hint="fix the bytes or the charset in the Content-Type header") from exc
    except (OSError, ValueError) as exc:
        raise CatalogError(f"cannot read catalog: {exc}", path=path,
                           hint="check it is a valid gettext .pot/.po file") from exc


def _plural_forms(locale: Any) -> tuple[int, str]:
    from babel.messages.plurals import get_plural

    pl = get_plural(locale)
    return pl.num_plurals, pl.plural_forms


def _provenance(t: Translation) -> str:
    score = f" score={t.score:.2f}" if t.score is not None else ""
    line = (f"{_MARK} {t.origin} engine={t.engine}" + (f" model={t.model_version}" if t.model_version else "")
            + f"{score} risk={t.risk:.2f} decision={t.decision}")
    if t.needs_review and t.reasons:
        line += " reasons=" + " | ".join(t.reasons[:3])
    return line


def _untranslated(entry: Any) -> bool:
    if entry.msgid_plural:
        return not any(v for v in entry.msgstr_plural.values())
    return not entry.msgstr


def translate_catalog(
    catalog: str | Path,
    locales: Sequence[LocaleLike],
    *,
    translator: Translator,
    source: LocaleLike = "en",
    out_dir: str | Path | None = None,
    batch_size: int = 64,
    progress: Callable[[str, int, int], None] | None = None,
    on_result: Callable[[Any, tuple[Translation, ...]], None] | None = None,
) -> list[CatalogReport]:
    """Translate every untranslated entry of *catalog* into each of *locales*.

    Args:
        catalog: a ``.pot`` (or ``.po``) file whose msgids are in *source*.
        locales: target locales (``["de", "fr-CA"]``).
        translator: usually a :class:`~toneloc.translate.SafeTranslator`.
        out_dir: where ``<locale>.po`` files go (default: next to *catalog*).
        batch_size: strings per translation batch (and per save).
        progress: called as ``progress(locale, done, total)`` after every batch.
        on_result: called as ``on_result(entry, translations)`` for every translated entry (the
            ``polib`` entry and its one or two :class:`~toneloc.translate.Translation` s), e.g. to
            put the ones that need review into the review queue.
    """
    import polib

    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise InvalidInputError(f"batch_size must be a positive int, got {batch_size!r}", hint="e.g. 64")
    src_path = Path(catalog)
    pot = _load(src_path)
    out = Path(out_dir) if out_dir is not None else src_path.parent
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CatalogError(f"cannot create the output folder: {os_error_reason(exc)}", path=exc.filename or out,
                           hint="--out-dir must be a folder (it is created if missing)") from exc
    reports = []
    for loc_like in locales:
        loc = parse_locale(loc_like)
        tag = locale_tag(loc)
        path = out / f"{loc!s}.po"
        nplurals, plural_forms = _plural_forms(loc)
        if path.exists():
            po = _load(path)
        else:
            po = polib.POFile(wrapwidth=0)
            po.metadata = dict(pot.metadata)
            po.metadata.update({
                "Language": str(loc),
                "Plural-Forms": plural_forms,
                "Content-Type": "text/plain; charset=UTF-8",
                "PO-Revision-Date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000"),
            })
        have = {(e.msgctxt, e.msgid) for e in po}
        for e in pot:
            if e.obsolete or not e.msgid or (e.msgctxt, e.msgid) in have:
                continue
            po.append(polib.POEntry(
                msgid=e.msgid, msgid_plural=e.msgid_plural, msgctxt=e.msgctxt, occurrences=e.occurrences,
                comment=e.comment, flags=[f for f in e.flags if f != "fuzzy"],
                msgstr="",
                msgstr_plural=dict.fromkeys(range(nplurals), "") if e.msgid_plural else {},
            ))
        todo = [e for e in po if not e.obsolete and e.msgid and _untranslated(e)]
        total = len([e for e in po if not e.obsolete and e.msgid])
        counts = {"machine": 0, "memory": 0, "auto": 0, "review": 0}
        done = 0
        for start in range(0, len(todo), max(1, batch_size)):
            chunk = todo[start:start + batch_size]
            texts: list[str] = []
            for e in chunk:
                texts.append(e.msgid)
                if e.msgid_plural:
                    texts.append(e.msgid_plural)
            results = iter(translator.translate_batch(texts, locale=loc, source=source))
            for e in chunk:
                first = next(results)
                group = [first]
                if e.msgid_plural:
                    other = next(results)
                    group.append(other)
                    e.msgstr_plural = {i: (first.text if i == 0 else other.text) for i in range(nplurals)}
                else:
                    e.msgstr = first.text
                worst = max(group, key=lambda t: (t.needs_review, t.risk))
                machine = any(t.origin == "machine" for t in group)
                counts["machine" if machine else "memory"] += 1
                counts["review" if worst.needs_review else "auto"] += 1
                if (machine or worst.needs_review) and "fuzzy" not in e.flags:
                    e.flags.append("fuzzy")
                kept = [ln for ln in (e.tcomment or "").splitlines() if not ln.startswith(_MARK)]
                e.tcomment = "\n".join([*kept, _provenance(worst)])
                if on_result is not None:
                    on_result(e, tuple(group))
            done += len(chunk)
            po.save(str(path))
            if progress is not None:
                progress(tag, done, len(todo))
        if not todo:
            po.save(str(path))
        reports.append(CatalogReport(tag, path, total, total - len(todo), counts["machine"], counts["memory"],
                                     counts["auto"], counts["review"]))
    return reports
