"""Translation memory: approved human translations, consulted before machine translation.

:class:`SQLiteTranslationMemory` implements the :class:`~toneloc.translate.TranslationMemory`
protocol on SQLite (``":memory:"`` by default, or a file shared with a team). Exact matches score
``1.0``; fuzzy matches score the similarity of the normalised strings (difflib ratio over words and
characters), restricted to candidates sharing at least one word.

>>> tm = SQLiteTranslationMemory()
>>> tm.add("Your order has shipped.", "Ihre Bestellung wurde versandt.", "de")
>>> tm.lookup("Your order has shipped.", "de").score
1.0
>>> m = tm.lookup("Your order has shipped!", "de")
>>> (m.target, round(m.score, 2))
('Ihre Bestellung wurde versandt.', 0.98)
>>> tm.lookup("Completely different words", "de") is None
True
"""

from __future__ import annotations

import difflib
import sqlite3
import threading
from collections import defaultdict
from pathlib import Path

import regex

from toneloc.errors import CatalogError
from toneloc.locale import LocaleLike, locale_tag, parse_locale
from toneloc.translate._types import Match, Origin

__all__ = ["SQLiteTranslationMemory", "load_po_into"]

_WORD = regex.compile(r"\w+")
_SPACE = regex.compile(r"\s+")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS tm (
    id INTEGER PRIMARY KEY,
    locale TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    origin TEXT NOT NULL DEFAULT 'human',
    provenance TEXT NOT NULL DEFAULT '',
    UNIQUE(locale, source)
);
"""


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text.strip()).casefold()


def similarity(a: str, b: str) -> float:
    """Similarity of two strings in ``[0, 1]`` (1 only when identical).

    >>> similarity("Reset your password", "Reset your password")
    1.0
    >>> round(similarity("Reset your password", "Reset your PIN"), 2)
    0.7
    """
    if a == b:
        return 1.0
    na, nb = _norm(a), _norm(b)
    if na == nb:
        return 0.99  # differs only in case or spacing
    words = difflib.SequenceMatcher(None, _WORD.findall(na), _WORD.findall(nb), autojunk=False).ratio()
    chars = difflib.SequenceMatcher(None, na, nb, autojunk=False).ratio()
    return min(0.989, 0.5 * words + 0.5 * chars)


class SQLiteTranslationMemory:
    """A translation memory in SQLite.

    Args:
        path: database file, or ``":memory:"``.
        min_score: fuzzy matches below this similarity are not returned.
        max_candidates: how many word-sharing candidates to score per lookup.
    """

    def __init__(self, path: str | Path = ":memory:", *, min_score: float = 0.75, max_candidates: int = 200) -> None:
        self.path = str(path)
        self.min_score = min_score
        self.max_candidates = max_candidates
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False)
        self._db.executescript(_SCHEMA)
        self._index: dict[str, dict[str, set[int]]] = {}

    def _tag(self, locale: LocaleLike) -> str:
        return locale_tag(parse_locale(locale))

    def add(self, source: str, target: str, locale: LocaleLike, *, origin: Origin = "human",
            provenance: str = "") -> None:
        """Record (or replace) an approved translation of *source* into *locale*."""
        tag = self._tag(locale)
        with self._lock, self._db:
            self._db.execute(
                "INSERT INTO tm(locale, source, target, origin, provenance) VALUES (?,?,?,?,?) "
                "ON CONFLICT(locale, source) DO UPDATE SET target=excluded.target, origin=excluded.origin, "
                "provenance=excluded.provenance",
                (tag, source, target, origin, provenance),
            )
            self._index.pop(tag, None)

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM tm").fetchone()[0])

    def _words(self, tag: str) -> dict[str, set[int]]:
        idx = self._index.get(tag)
        if idx is None:
            idx = defaultdict(set)
            for rowid, src in self._db.execute("SELECT id, source FROM tm WHERE locale=?", (tag,)):
                for w in set(_WORD.findall(_norm(src))):
                    idx[w].add(rowid)
            self._index[tag] = idx
        return idx

    def _row(self, rowid: int) -> tuple[str, str, str, str]:
        row = self._db.execute("SELECT source, target, origin, provenance FROM tm WHERE id=?", (rowid,)).fetchone()
        return row[0], row[1], row[2], row[3]

    def lookup(self, source: str, locale: LocaleLike) -> Match | None:
        """Best match for *source* in *locale*: exact first, then fuzzy (>= ``min_score``).

        A regional locale falls back to its language (``de-AT`` finds ``de`` entries).
        """
        loc = parse_locale(locale)
        tags = list(dict.fromkeys([locale_tag(loc), loc.language]))
        best: Match | None = None
        with self._lock:
            for tag in tags:
                row = self._db.execute(
                    "SELECT source, target, origin, provenance FROM tm WHERE locale=? AND source=?", (tag, source)
                ).fetchone()
                if row is not None:
                    return Match(row[0], row[1], tag, 1.0, row[2], row[3])
            for tag in tags:
                idx = self._words(tag)
                counts: dict[int, int] = defaultdict(int)
                for w in set(_WORD.findall(_norm(source))):
                    for rowid in idx.get(w, ()):
                        counts[rowid] += 1
                for rowid, _ in sorted(counts.items(), key=lambda kv: -kv[1])[: self.max_candidates]:
                    src, tgt, origin, prov = self._row(rowid)
                    score = similarity(source, src)
                    if score >= self.min_score and (best is None or score > best.score):
                        best = Match(src, tgt, tag, score, origin, prov)  # type: ignore[arg-type]
        return best

    def close(self) -> None:
        """Close the database."""
        self._db.close()


def load_po_into(memory: SQLiteTranslationMemory | object, path: str | Path, *,
                 locale: LocaleLike | None = None) -> int:
    """Add every translated, non-fuzzy, non-obsolete entry of a ``.po`` file to *memory*.

    The locale is read from the catalog's ``Language`` header unless given. Returns how many entries
    were added. Plural entries contribute their singular form.
    """
    import polib

    from toneloc.translate.catalog import check_po_syntax

    p = Path(path)
    check_po_syntax(p, "translation-memory catalog")
    try:
        po = polib.pofile(str(p))
    except (OSError, ValueError) as exc:
        raise CatalogError(f"cannot read PO file: {exc}", path=p,
                           hint="check the file is a valid gettext catalog") from exc
    lang = locale or po.metadata.get("Language", "")
    if not lang:
        raise CatalogError("the catalog has no 'Language' header", path=p, hint="pass locale= explicitly")
    add = getattr(memory, "add", None)
    if add is None:
        raise TypeError("memory must have an add(source, target, locale, *, origin, provenance) method")
    n = 0
    for e in po:
        if e.obsolete or "fuzzy" in e.flags:
            continue
        target = e.msgstr or (e.msgstr_plural.get(0) if e.msgstr_plural else "")
        if not target:
            continue
        add(e.msgid, target, lang, origin="human", provenance=f"{p}:{e.linenum}")
        n += 1
    return n
