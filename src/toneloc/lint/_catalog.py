"""Reading gettext catalogs for the linter, robustly: every failure becomes a TL001 finding.

>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "de.po").write_text('msgid ""\\nmsgstr "Language: de\\\\n"\\n\\nmsgid "Hi"\\nmsgstr "Hallo"\\n')
>>> cat = read_catalog(d / "de.po", "de.po")
>>> cat.locale, len(cat.entries)
('de', 1)
>>> (d / "bin.po").write_bytes(b"\\x00\\x01\\x02") and read_catalog(d / "bin.po", "bin.po").message
'binary file, not a PO catalog'
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from toneloc.lint._config import LintConfig
from toneloc.lint._model import RULES, Finding
from toneloc.lint._po import PoEntry, PoSyntaxError, parse_po

__all__ = ["CatalogFile", "PluralInfo", "catalog_locale", "parse_plural_forms", "read_catalog"]

_IGNORE = re.compile(r"toneloc:\s*ignore\[([^\]]*)\]\s*(.*)")
_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")
_MAX_NPLURALS = 16  # CLDR needs at most 6 (ar, cy); anything far above is a typo, not a language
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+);?", re.S)


@dataclass(frozen=True, slots=True)
class PluralInfo:
    """A parsed ``Plural-Forms`` header: ``nplurals`` and the formula as a function of *n*."""

    nplurals: int
    expression: str
    func: Callable[[int], int]


def parse_plural_forms(header: str) -> PluralInfo | None:
    """Parse a ``Plural-Forms`` header; ``None`` if it is malformed.

    >>> info = parse_plural_forms("nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 ? 1 : 2);")
    >>> info.nplurals, [info.func(n) for n in (1, 2, 5, 22)]
    (3, [0, 1, 2, 1])
    >>> parse_plural_forms("nplurals=2; plural=import os;") is None
    True
    >>> parse_plural_forms("nplurals=999999999; plural=n;") is None  # CLDR's maximum is 6
    True
    """
    m = _NPLURALS.search(header)
    if not m or not 1 <= int(m.group(1)) <= _MAX_NPLURALS:
        return None
    expr = m.group(2).strip()
    try:
        func = gettext.c2py(expr)
        func(0)
        func(1)
    except (ValueError, SyntaxError, ZeroDivisionError, RecursionError, TypeError):
        return None
    return PluralInfo(int(m.group(1)), expr, func)


def catalog_locale(path: Path, header_language: str | None) -> tuple[str | None, str]:
    """Best guess of a catalog's locale: the ``Language`` header, else the path (``de/LC_MESSAGES``,
    ``de.po``, ``messages.de.po``). Returns ``(babel identifier or None, the raw tag seen)``.

    >>> catalog_locale(Path("locale/pt_BR/LC_MESSAGES/messages.po"), None)
    ('pt_BR', 'pt_BR')
    >>> catalog_locale(Path("po/sr@latin.po"), None)
    ('sr', 'sr@latin')
    """
    from toneloc.errors import TonelocError
    from toneloc.locale import parse_locale

    candidates: list[str] = []
    if header_language and header_language.strip():
        candidates.append(header_language.strip())
    parts = path.parts
    if "LC_MESSAGES" in parts:
        i = parts.index("LC_MESSAGES")
        if i > 0:
            candidates.append(parts[i - 1])
    stem = path.stem
    candidates.append(stem)
    for sep in (".", "-", "_"):
        if sep in stem:
            candidates.append(stem.rsplit(sep, 1)[1])
    if path.parent.name:
        candidates.append(path.parent.name)
    first = candidates[0] if candidates else ""
    import babel

    for cand in candidates:
        tag = cand.split("@", 1)[0].split(".", 1)[0]
        try:
            return str(parse_locale(tag)), cand
        except TonelocError:
            pass
        try:  # CLDR spells some gettext locales with a script: zh_CN -> zh_Hans_CN
            if "_" in tag or "-" in tag:
                return str(parse_locale(str(babel.Locale.parse(tag.replace("-", "_"))))), cand
        except (TonelocError, ValueError, babel.UnknownLocaleError):
            pass
    return None, first


@dataclass
class CatalogFile:
    """A readable catalog: the parsed PO file plus what the checks need (locale, plural info, lines)."""

    path: Path
    display: str
    metadata: dict[str, str]
    header_line: int
    text: str
    locale: str | None
    raw_locale: str
    is_template: bool
    domain: str
    plural: PluralInfo | None
    entries: list[PoEntry] = field(default_factory=list)
    obsolete: list[PoEntry] = field(default_factory=list)
    bad_ignores: list[Finding] = field(default_factory=list)
    _ignores: dict[int, dict[str, str]] = field(default_factory=dict)

    @property
    def language(self) -> str | None:
        """The language subtag of the locale (``pt`` for ``pt_BR``)."""
        return self.locale.split("_", 1)[0] if self.locale else None

    def msgstr_line(self, entry: PoEntry, form: int | None = None) -> int:
        """1-based line of the entry's ``msgstr`` (or ``msgstr[form]``); the msgid line if there is none."""
        lines = entry.msgstr_lines
        got = lines.get(None) or lines.get(0) if form is None else lines.get(form)
        return got or entry.msgid_line

    def header_key_line(self, key: str) -> int:
        """1-based line of a header field (``Plural-Forms``), else the header's line (1 if none)."""
        i = self.text.find(f'"{key}:', 0, 20000)
        if i < 0:
            return self.header_line or 1
        return self.text.count("\n", 0, i) + 1

    def msgid_line(self, entry: PoEntry) -> int:
        """1-based line of the entry's ``msgid``."""
        return entry.msgid_line

    def ignored(self, entry: PoEntry, rule_id: str) -> bool:
        """Whether a ``# toneloc: ignore[RULE] reason`` comment on *entry* silences *rule_id*."""
        rules = self._ignores.get(entry.linenum)
        return bool(rules) and (rule_id in rules or "*" in rules)  # type: ignore[operator]

    def emit(self, config: LintConfig, rule_id: str, entry: PoEntry | None, message: str, hint: str,
             *, line: int | None = None, column: int = 1) -> Finding | None:
        """Build a finding for *entry* (severity from *config*), or ``None`` if ignored inline."""
        if entry is not None and self.ignored(entry, rule_id):
            return None
        if line is None:
            line = self.msgstr_line(entry) if entry is not None else 1
        subject = ""
        if entry is not None:
            subject = (entry.msgctxt or "") + "\x04" + entry.msgid
        return Finding(rule_id, config.severity_of(rule_id), self.display, line, column, message, hint,
                       self.locale, subject=subject)


def _unreadable(display: str, line: int, message: str, hint: str, config: LintConfig,
                locale: str | None = None) -> Finding:
    return Finding("TL001", config.severity_of("TL001"), display, line, 1, message, hint, locale,
                   subject=message)


def _decode(data: bytes, display: str, config: LintConfig) -> str | Finding:
    head = data[:4096]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _unreadable(display, 1, "UTF-16 file; gettext catalogs must use an ASCII-compatible charset",
                           "re-save it as UTF-8 (iconv -f UTF-16 -t UTF-8) and set charset=UTF-8", config)
    if data[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde"):
        return _unreadable(display, 0, "compiled MO file, not a PO catalog", "lint the .po source instead", config)
    if b"\x00" in head:
        return _unreadable(display, 0, "binary file, not a PO catalog", "remove it or fix the file glob", config)
    charset = "utf-8"
    m = _CHARSET.search(data[:8192])
    if m:
        charset = m.group(1).decode("ascii").lower()
        if charset == "charset":  # the POT placeholder "CHARSET"
            charset = "utf-8"
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode(charset)
    except LookupError:
        line = data.count(b"\n", 0, m.start()) + 1 if m else 1
        return _unreadable(display, line, f"unknown charset {charset!r} in the Content-Type header",
                           "use charset=UTF-8 (or a charset Python knows, e.g. ISO-8859-1, cp1252)", config)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return Finding("TL001", config.severity_of("TL001"), display, line, col,
                       f"invalid {charset} at byte {exc.start} ({exc.reason})",
                       "re-save the file as UTF-8 (msgconv -t UTF-8) and set charset=UTF-8", None,
                       subject=f"decode:{charset}")


def read_catalog(path: Path, display: str, config: LintConfig | None = None) -> CatalogFile | Finding:
    """Read and parse a ``.po``/``.pot`` file; a TL001 :class:`Finding` instead of raising on bad input."""
    config = config or LintConfig()
    try:
        data = path.read_bytes()
    except OSError as exc:
        return _unreadable(display, 0, f"cannot read file: {exc.strerror or exc}", "check the path and permissions",
                           config)
    text = _decode(data, display, config)
    if isinstance(text, Finding):
        return text
    try:
        po = parse_po(text)
    except PoSyntaxError as exc:
        return Finding("TL001", config.severity_of("TL001"), display, exc.line, exc.column,
                       f"syntax error: {exc.message}", "check the entry: [msgctxt] msgid [msgid_plural] msgstr, "
                       'strings in double quotes with inner quotes escaped as \\"', None, subject=exc.message)
    meta = po.metadata
    is_template = path.suffix == ".pot"
    locale, raw = (None, "") if is_template else catalog_locale(path, meta.get("Language"))
    domain = path.stem if "LC_MESSAGES" in path.parts or is_template else path.parent.name
    plural = parse_plural_forms(meta["Plural-Forms"]) if "Plural-Forms" in meta else None
    cat = CatalogFile(path=path, display=display, metadata=meta, header_line=po.header_line, text=text, locale=locale,
                      raw_locale=raw, is_template=is_template, domain=domain, plural=plural,
                      entries=po.entries, obsolete=po.obsolete)
    for e in po.entries:
        if e.tcomment and "toneloc:" in e.tcomment:
            _collect_ignores(cat, e, config)
    return cat


def _collect_ignores(cat: CatalogFile, entry: PoEntry, config: LintConfig) -> None:
    for m in _IGNORE.finditer(entry.tcomment):
        rules = {r.strip().upper() for r in m.group(1).split(",") if r.strip()}
        reason = m.group(2).strip()
        comment_line = entry.linenum
        unknown = sorted(r for r in rules if r not in RULES and r != "*")
        if not reason or unknown:
            msg = (f"inline ignore of {', '.join(sorted(rules))} has no reason" if not reason
                   else f"inline ignore names unknown rule(s) {', '.join(unknown)}")
            cat.bad_ignores.append(Finding(
                "TL003", config.severity_of("TL003"), cat.display, comment_line, 1, msg,
                "write `# toneloc: ignore[TL201] why this is fine` with known rule ids", cat.locale,
                subject=entry.msgid))
        if reason:
            cat._ignores.setdefault(entry.linenum, {}).update(dict.fromkeys(rules - set(unknown), reason))
