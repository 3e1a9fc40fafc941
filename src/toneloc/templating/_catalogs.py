"""Gettext catalogs: load ``.po``/``.mo`` files with Babel, find them per locale, chain the fallbacks.

Catalogs follow the standard layout Babel, Poedit and Weblate use::

    locales/
      de/LC_MESSAGES/messages.po
      pt_BR/LC_MESSAGES/messages.po      (pt-BR is accepted too)

A ``.po`` file is read directly (it is what translators edit; no compile step is needed to see a change),
a ``.mo`` file is used when there is no ``.po`` next to it. Malformed files raise
:class:`~toneloc.errors.CatalogError` with the file and line.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import babel
from babel.support import Translations

from toneloc.errors import CatalogError
from toneloc.locale import locale_tag

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

__all__ = ["CatalogLink", "catalog_dirs", "find_catalog", "load_catalog", "load_translations"]



def catalog_dirs(loc: babel.Locale) -> tuple[str, ...]:
    """Directory names a catalog for *loc* may live under, preferred first.

    >>> catalog_dirs(babel.Locale.parse("pt_BR"))
    ('pt_BR', 'pt-BR')
    >>> catalog_dirs(babel.Locale.parse("de"))
    ('de',)
    """
    ident = str(loc)
    tag = locale_tag(loc)
    return (ident,) if tag == ident else (ident, tag)


def find_catalog(root: Path, loc: babel.Locale, domain: str = "messages") -> Path | None:
    """The ``.po`` (preferred) or ``.mo`` file of *domain* for exactly *loc* under *root*, if any."""
    for name in catalog_dirs(loc):
        base = root / name / "LC_MESSAGES" / domain
        for ext in (".po", ".mo"):
            path = base.with_suffix(ext)
            if path.is_file():
                return path
    return None


def load_catalog(path: str | os.PathLike[str], *, locale: babel.Locale | str | None = None) -> Catalog:
    """Read a ``.po`` or ``.mo`` file into a :class:`babel.messages.Catalog`.

    Raises :class:`~toneloc.errors.CatalogError` (with the line for ``.po`` files) when the file is
    missing, not UTF-8, malformed (unterminated strings, bad escapes, duplicates, a msgid without msgstr),
    or has plural entries that do not match its ``Plural-Forms`` header.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "bad.po"
    >>> _ = p.write_text('msgid "a"\\nmsgstr "b\\n', encoding="utf-8")
    >>> load_catalog(p)
    Traceback (most recent call last):
    ...
    toneloc.errors.CatalogError: ...bad.po:2: malformed .po file: expected a quoted string ...
    """
    from babel.messages.mofile import read_mo
    from babel.messages.pofile import PoFileError, read_po

    p = Path(path)
    if p.is_dir():
        raise CatalogError("is a directory, not a catalog file", path=p,
                           hint="pass a .po, .pot or .mo file (catalog folders go to --dir/--catalogs)")
    if not p.is_file():
        raise CatalogError("catalog file not found", path=p,
                           hint="create it with `toneloc catalog init` or check the --catalogs directory")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise CatalogError(f"cannot read catalog: {exc.strerror}", path=p) from exc
    if p.suffix == ".mo":
        try:
            return read_mo(io.BytesIO(data))
        except Exception as exc:  # struct.error, UnicodeDecodeError, IndexError on truncated files
            raise CatalogError(f"malformed .mo file: {exc}", path=p,
                               hint="recompile it with `toneloc catalog compile`") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogError("catalog is not valid UTF-8", path=p, line=line,
                           hint='save it as UTF-8 and declare "Content-Type: text/plain; charset=UTF-8"') from exc
    _scan_po(text, p, has_locale=locale is not None)
    try:
        catalog = read_po(io.StringIO(text), locale=locale, abort_invalid=True)
    except PoFileError as exc:
        raise CatalogError(f"malformed .po file: {exc}", path=p, line=exc.lineno if exc.lineno > 0 else None,
                           hint="open it in Poedit or run `msgfmt -c` to see the problem") from exc
    except (ValueError, babel.UnknownLocaleError) as exc:
        header = next((n for n, ln in enumerate(text.splitlines(), 1)
                       if ln.lstrip('"').startswith(("Plural-Forms:", "Language:"))), None)
        raise CatalogError(f"malformed .po header: {exc}", path=p, line=header,
                           hint="check the header (Language, Plural-Forms), "
                                "e.g. Plural-Forms: nplurals=2; plural=(n != 1);") from exc
    return catalog


_PO_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"\s*$')
_PO_KEYWORD = re.compile(r"^(msgctxt|msgid|msgid_plural|msgstr|msgstr\[(\d+)\])\s+(.*)$")
_PO_ESCAPE = re.compile(r"\\(.)")
_LANGUAGE_HEADER = re.compile(r'"Language:\s*[A-Za-z]')
_NPLURALS_HEADER = re.compile(r'"Plural-Forms:[^"]*?nplurals\s*=\s*(\d+)')
_PO_ESCAPES = frozenset('ntrabfv"\\01234567')


def _scan_po(text: str, path: Path, *, has_locale: bool = False) -> None:
    """A strict syntax pass (Babel's reader is lenient) so errors point at the right line."""

    def bad(line: int, what: str) -> CatalogError:
        return CatalogError(f"malformed .po file: {what}", path=path, line=line,
                            hint="open it in Poedit or run `msgfmt -c` to see the problem")

    def check_string(raw: str, line: int) -> None:
        m = _PO_STRING.match(raw)
        if not m:
            raise bad(line, "expected a quoted string (unterminated or stray quote?)")
        for esc in _PO_ESCAPE.finditer(m.group(1)):
            if esc.group(1) not in _PO_ESCAPES:
                raise bad(line, f"invalid escape sequence \\{esc.group(1)}")

    has_locale = has_locale or path.suffix == ".pot" or _LANGUAGE_HEADER.search(text) is not None
    header = _NPLURALS_HEADER.search(text)
    nplurals = int(header.group(1)) if header else None
    seen: dict[tuple[str | None, str], int] = {}
    entry: dict[str, object] = {}
    last_key: str | None = None

    def finish() -> None:
        if not entry:
            return
        start = int(str(entry.get("line", 0)))
        if "msgid" not in entry:
            raise bad(start, "msgstr without msgid")
        if not any(str(k).startswith("msgstr") for k in entry):
            raise bad(start, f"missing msgstr for msgid {entry['msgid']!r}")
        if "msgid_plural" in entry and "msgstr" in entry:
            raise bad(start, "a plural entry (msgid_plural) needs msgstr[0], msgstr[1], ... not msgstr")
        forms = sum(1 for k in entry if str(k).startswith("msgstr["))
        if "msgid_plural" not in entry and forms:
            raise bad(start, "msgstr[N] without msgid_plural")
        if "msgid_plural" in entry and nplurals is None and not has_locale:
            raise bad(start, "a plural message needs a Plural-Forms header (or a Language to derive it from)")
        if "msgid_plural" in entry and nplurals is not None and forms != nplurals:
            raise bad(start, f"plural message {entry['msgid']!r} has {forms} msgstr forms but the Plural-Forms "
                             f"header says nplurals={nplurals} (`toneloc catalog init` writes the CLDR header)")
        key = (str(entry["msgctxt"]) if "msgctxt" in entry else None, str(entry["msgid"]))
        if key[1] and key in seen:
            raise bad(start, f"duplicate message {key[1]!r} (first defined on line {seen[key]})")
        seen[key] = start
        entry.clear()

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line and entry and last_key is not None and last_key.startswith("msgstr"):
                finish()
                last_key = None
            continue
        if line.startswith('"'):
            if last_key is None:
                raise bad(number, "a continuation string with no keyword before it")
            check_string(line, number)
            entry[last_key] = str(entry[last_key]) + line
            continue
        m = _PO_KEYWORD.match(line)
        if not m:
            raise bad(number, f"unknown keyword in {line[:30]!r}")
        keyword = m.group(1)
        if keyword in ("msgctxt", "msgid") and last_key is not None and last_key.startswith("msgstr"):
            finish()
        if keyword == "msgid" and "msgid" in entry:
            raise bad(int(str(entry["line"])), f"missing msgstr for msgid {entry['msgid']!r}")
        check_string(m.group(3), number)
        if not entry:
            entry["line"] = number
        entry[keyword] = _PO_STRING.match(m.group(3)).group(1)  # type: ignore[union-attr]
        last_key = keyword
    finish()


def load_translations(path: str | os.PathLike[str], *, domain: str = "messages",
                      locale: babel.Locale | str | None = None) -> Translations:
    """A :class:`babel.support.Translations` (a standard ``gettext`` object) from a ``.po`` or ``.mo`` file.

    Fuzzy and empty entries are left out, as ``msgfmt`` does. *locale* (known from the catalog's folder)
    supplies the CLDR plural rule when the file has no ``Plural-Forms`` header.
    """
    from babel.messages.mofile import write_mo

    catalog = load_catalog(path, locale=locale)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    try:
        return Translations(fp=buf, domain=domain)
    except Exception as exc:  # pragma: no cover - write_mo output is well formed
        raise CatalogError(f"cannot load catalog: {exc}", path=Path(path)) from exc


@dataclass(frozen=True)
class CatalogLink:
    """One link of a locale's fallback chain: the locale and its translations (``None``: no catalog)."""

    tag: str
    locale: babel.Locale
    path: Path | None
    translations: Translations | None
    mtime: float = 0.0


def chain_links(root: Path | None, chain: Sequence[babel.Locale], domain: str,
                cache: dict[tuple[str, float], Translations] | None = None) -> tuple[CatalogLink, ...]:
    """Load the catalogs for every locale of *chain* found under *root* (each file once per *cache*)."""
    out: list[CatalogLink] = []
    for loc in chain:
        path = find_catalog(root, loc, domain) if root is not None else None
        trans: Translations | None = None
        mtime = 0.0
        if path is not None:
            mtime = path.stat().st_mtime
            key = (str(path), mtime)
            trans = cache.get(key) if cache is not None else None
            if trans is None:
                trans = load_translations(path, domain=domain, locale=loc)
                if cache is not None:
                    cache[key] = trans
        out.append(CatalogLink(locale_tag(loc), loc, path, trans, mtime))
    return tuple(out)
