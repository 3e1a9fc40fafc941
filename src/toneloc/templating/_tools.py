"""Translator tooling over Babel: extract a POT, init/update ``.po`` catalogs, compile ``.mo`` files.

The files are the standard ones Poedit, Weblate and ``pybabel`` read and write. The equivalent
``pybabel`` mapping (``babel.cfg``) for the extraction below is::

    [python: **.py]
    [jinja2: **.html]
    [jinja2: **.txt]
    [jinja2: **.md]
    extensions = jinja2.ext.i18n
    newstyle_gettext = true
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toneloc.errors import CatalogError, TemplateError, os_error_reason
from toneloc.locale import LocaleLike, parse_locale
from toneloc.templating._catalogs import catalog_dirs, load_catalog

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

__all__ = [
    "CatalogStats",
    "compile_catalogs",
    "extract_messages",
    "init_catalog",
    "update_catalogs",
    "write_catalog",
]

KEYWORDS: dict[str, Any] = {
    "_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3), "lazy_gettext": None,
}
_JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true", "trim_blocks": "true",
                  "lstrip_blocks": "true", "silent": "false"}  # silent=false: a broken template is an error
_METHODS = {".py": "python", ".html": "jinja2", ".htm": "jinja2", ".xml": "jinja2", ".txt": "jinja2",
            ".md": "jinja2", ".j2": "jinja2", ".jinja": "jinja2"}


def _files(paths: Iterable[str | os.PathLike[str]]) -> list[tuple[Path, Path]]:
    out: list[tuple[Path, Path]] = []
    for raw in paths:
        p = Path(raw)
        if p.is_file():
            if p.suffix.lower() not in _METHODS:  # named explicitly: skipping it silently would lose its strings
                raise TemplateError(f"cannot extract from a {p.suffix or 'suffix-less'} file", path=p,
                                    hint="toneloc extracts from " + ", ".join(sorted(_METHODS))
                                    + " files; folders are scanned for those")
            out.append((p, p.parent))
        elif p.is_dir():
            for dirpath, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
                for f in sorted(files):
                    out.append((Path(dirpath) / f, p))
        else:
            raise TemplateError("path to extract from not found", path=p)
    return out


def extract_messages(paths: Sequence[str | os.PathLike[str]], *, project: str = "PROJECT",
                     version: str = "VERSION", width: int = 100) -> Catalog:
    """Collect translatable strings from Python files and Jinja2 templates (``.html .txt .md ...``) into a POT catalog.

    Templates are parsed with the i18n extension in newstyle mode, so ``_("Hi %(name)s", name=x)``,
    ``ngettext``, ``pgettext`` and ``{% trans %}`` blocks are all found. A template with a syntax error
    raises :class:`~toneloc.errors.TemplateError` with its file and line.
    """
    import jinja2
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract
    from jinja2.ext import babel_extract

    catalog = Catalog(project=project, version=version, charset="utf-8", fuzzy=False)
    for path, base in _files(paths):
        method = _METHODS.get(path.suffix.lower())
        if method is None:
            continue
        func: Any = babel_extract if method == "jinja2" else "python"
        options = _JINJA_OPTIONS if method == "jinja2" else {}
        try:
            with path.open("rb") as fh:
                found = list(extract(func, fh, keywords=KEYWORDS, comment_tags=("Translators:",),
                                     options=options, strip_comment_tags=True))
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"template syntax error: {exc.message}", path=path, line=exc.lineno) from None
        except SyntaxError as exc:
            raise TemplateError(f"Python syntax error: {exc.msg}", path=path, line=exc.lineno) from None
        except UnicodeDecodeError as exc:
            raise _not_utf8(path) from exc
        except OSError as exc:
            raise TemplateError(f"cannot read file to extract from: {exc.strerror}", path=path) from exc
        location = path.relative_to(base).as_posix()
        for lineno, message, comments, context in found:
            flags = {"python-format"} if _has_placeholder(message) else set()
            catalog.add(message, None, [(location, lineno)], auto_comments=comments, context=context, flags=flags)
    return catalog


def _not_utf8(path: Path) -> TemplateError:
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return TemplateError("file is UTF-16 (byte order mark), not UTF-8", path=path, line=1,
                             hint="convert it: iconv -f utf-16 -t utf-8")
    try:
        data.decode("utf-8")
        start = 0
    except UnicodeDecodeError as exc:
        start = exc.start
    return TemplateError(f"file is not valid UTF-8 (byte 0x{data[start]:02x})", path=path,
                         line=data[:start].count(b"\n") + 1, hint="save it as UTF-8")


def _has_placeholder(message: str | tuple[str, ...]) -> bool:
    texts = message if isinstance(message, tuple) else (message,)
    return any("%(" in t or "%d" in t or "%s" in t for t in texts)


def write_catalog(catalog: Catalog, path: str | os.PathLike[str], *, width: int = 100) -> Path:
    """Write *catalog* as a ``.po``/``.pot`` file (sorted by file, as Babel does)."""
    from babel.messages.pofile import write_po

    p = Path(path)
    buf = io.BytesIO()
    write_po(buf, catalog, width=width, sort_by_file=True, include_previous=True)
    _write_bytes(p, buf.getvalue())
    return p


def _write_bytes(p: Path, data: bytes) -> None:
    """Write *data* to *p* (creating its folder), turning OS errors into :class:`CatalogError`."""
    if p.is_dir():
        raise CatalogError("is a directory; cannot write the catalog there", path=p,
                           hint="pass a file path such as messages.pot")
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    except OSError as exc:
        raise CatalogError(f"cannot write catalog: {os_error_reason(exc)}", path=exc.filename or p,
                           hint="check that the folder exists, is a folder and is writable") from exc


def _po_path(root: Path, locale: LocaleLike, domain: str) -> Path:
    loc = parse_locale(locale)
    for name in catalog_dirs(loc):
        candidate = root / name / "LC_MESSAGES" / f"{domain}.po"
        if candidate.exists():
            return candidate
    return root / str(loc) / "LC_MESSAGES" / f"{domain}.po"


def init_catalog(template: str | os.PathLike[str], root: str | os.PathLike[str], *, locale: LocaleLike,
                 domain: str = "messages", force: bool = False) -> Path:
    """Create ``<root>/<ll_RR>/LC_MESSAGES/<domain>.po`` from a POT, with the CLDR ``Plural-Forms`` header."""
    from babel.messages.catalog import Catalog

    loc = parse_locale(locale)
    out = _po_path(Path(root), loc, domain)
    if out.exists() and not force:
        raise CatalogError("catalog already exists", path=out, hint="use `toneloc catalog update`, or --force")
    pot = load_catalog(template)
    catalog = Catalog(locale=loc, domain=domain, project=pot.project, version=pot.version, charset="utf-8",
                      fuzzy=False, revision_date=datetime.now(UTC))
    for message in pot:
        if message.id:
            empty: str | tuple[str, ...] = ("",) * catalog.num_plurals if message.pluralizable else ""
            catalog.add(message.id, empty, message.locations, flags=message.flags,
                        auto_comments=message.auto_comments, user_comments=message.user_comments,
                        context=message.context)
    return write_catalog(catalog, out)


@dataclass(frozen=True)
class CatalogStats:
    """Per-catalog counts reported by :func:`update_catalogs` and :func:`compile_catalogs`."""

    locale: str
    path: str
    total: int
    translated: int
    fuzzy: int
    errors: tuple[str, ...] = ()

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def _po_files(root: Path, domain: str, locales: Sequence[LocaleLike] | None) -> list[tuple[str, Path]]:
    if not root.is_dir():
        raise CatalogError("catalog directory not found", path=root)
    found: list[tuple[str, Path]] = []
    for child in sorted(root.iterdir()):
        po = child / "LC_MESSAGES" / f"{domain}.po"
        if po.is_file():
            found.append((child.name, po))
    if locales is not None:
        wanted = {str(parse_locale(x)) for x in locales}
        found = [(n, p) for n, p in found if str(parse_locale(n)) in wanted]
    return found


def _stats(name: str, path: Path, catalog: Catalog, errors: Sequence[str] = ()) -> CatalogStats:
    messages = [m for m in catalog if m.id]
    translated = sum(1 for m in messages if not m.fuzzy and (all(m.string) if isinstance(m.string, (list, tuple))
                                                            else bool(m.string)))
    fuzzy = sum(1 for m in messages if m.fuzzy)
    return CatalogStats(name, str(path), len(messages), translated, fuzzy, tuple(errors))


def update_catalogs(template: str | os.PathLike[str], root: str | os.PathLike[str], *, domain: str = "messages",
                    locales: Sequence[LocaleLike] | None = None, no_fuzzy_matching: bool = False) -> list[CatalogStats]:
    """Merge a new POT into every ``.po`` under *root* (new messages added, changed ones marked fuzzy,
    removed ones kept as obsolete ``#~`` entries), as ``pybabel update`` does."""
    pot = load_catalog(template)
    out: list[CatalogStats] = []
    for name, po in _po_files(Path(root), domain, locales):
        catalog = load_catalog(po, locale=str(parse_locale(name)))
        catalog.update(pot, no_fuzzy_matching=no_fuzzy_matching)
        write_catalog(catalog, po)
        out.append(_stats(name, po, catalog))
    return out


def compile_catalogs(root: str | os.PathLike[str], *, domain: str = "messages",
                     locales: Sequence[LocaleLike] | None = None, use_fuzzy: bool = False,
                     check: bool = True) -> list[CatalogStats]:
    """Compile every ``.po`` under *root* to ``.mo`` next to it; with *check*, Babel's checkers
    (placeholders, plural counts) run and their findings are reported in :attr:`CatalogStats.errors`
    (the file is still compiled, as ``msgfmt`` without ``-c`` would)."""
    from babel.messages.mofile import write_mo

    out: list[CatalogStats] = []
    for name, po in _po_files(Path(root), domain, locales):
        catalog = load_catalog(po, locale=str(parse_locale(name)))
        errors: list[str] = []
        if check:
            for message, errs in catalog.check():
                msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
                errors.extend(f"{po}:{message.lineno}: {msgid!r}: {err}" for err in errs)
        buf = io.BytesIO()
        write_mo(buf, catalog, use_fuzzy=use_fuzzy)
        _write_bytes(po.with_suffix(".mo"), buf.getvalue())
        out.append(_stats(name, po, catalog, errors))
    return out
