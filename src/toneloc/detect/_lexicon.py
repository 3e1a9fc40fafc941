"""Word-level lexical evidence for short Latin-script texts, from ``wordfreq``'s shipped word lists.

``wordfreq`` (code Apache-2.0, data CC BY-SA 4.0) ships, per language, the words seen at least
once per million words of its mixed corpora (Wikipedia, subtitles, news, books, web, Reddit,
Twitter), bucketed by frequency. A one- or two-word UI label such as "Historia" or "Versie" has
too few characters for n-gram models, but whether it is a *word* of Spanish, Portuguese or Polish
is a different and stronger kind of evidence.

Only the data files are read (``small_<lang>.msgpack.gz`` inside the installed package; the package
itself is not imported, so its dependencies are not loaded), lazily, one language at a time. Each
language is kept compactly as one sorted ``array('Q')`` of 56-bit word hashes with the Zipf value
x 10 in the low byte (~0.3 MB a language instead of ~4 MB as a Python dict).

A word no list knows may be a closed compound (Dutch "Modemstatus", German "Spamfilter", Swedish
"Batteristatus"); for nl, de and sv it is looked up as the best split into two known words of at
least three letters each (:data:`COMPOUND_COST` lower). Nothing here downloads anything.
"""

from __future__ import annotations

import gzip
import importlib.util
import os
import threading
import zlib
from array import array
from bisect import bisect_right
from pathlib import Path

__all__ = ["COMPOUND_COST", "COMPOUND_LANGUAGES", "UNKNOWN_ZIPF", "Lexicon", "lexicon", "word_key", "zipf", "zipf_of"]

UNKNOWN_ZIPF = 1.0
"""Zipf value of a word the list does not know (the lists stop at Zipf 3: once per million words)."""
COMPOUND_LANGUAGES = frozenset({"nl", "de", "sv"})
"""Languages that write compounds closed up, so an unknown word may be split into two known ones."""
COMPOUND_COST = 1.0
"""A compound counts as its rarer part, this much (Zipf) lower."""
_MIN_PART = 3


def _key(word: str) -> int:
    """A 56-bit hash of the word (CRC-32 and 24 bits of Adler-32): deterministic across runs."""
    data = word.encode("utf-8")
    return (zlib.crc32(data) << 24) | (zlib.adler32(data) & 0xFFFFFF)


class Lexicon:
    """Zipf frequencies of one language's shipped word list (read-only after construction).

    Stored as one sorted ``array('Q')`` of ``hash << 8 | Zipf x 10``.
    """

    def __init__(self, entries: array[int]) -> None:
        self._entries = entries

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        """A word list, from toneloc's cache (as the py3langid arrays, see :mod:`._models`) when
        there, else read from the ``wordfreq`` file and then cached."""
        from toneloc.detect._models import cache_dir

        root = cache_dir()
        cached = None
        if root is not None:
            try:
                st = path.stat()
                cached = root / f"wordfreq-v2-{path.name.split('.')[0]}-{st.st_size}-{st.st_mtime_ns}.bin"
                if cached.is_file():
                    raw = cached.read_bytes()  # the entries, then their CRC-32 (8 bytes, little-endian)
                    body = raw[:-8]
                    if not body or int.from_bytes(raw[-8:], "little") != zlib.crc32(body):
                        raise ValueError("empty or damaged cache file")
                    entries = array("Q")
                    entries.frombytes(body)
                    return cls(entries)
            except (OSError, ValueError):  # unreadable or damaged: read the word list again
                pass
        lex = cls.read(path)
        if cached is not None:
            try:
                cached.parent.mkdir(parents=True, exist_ok=True)
                tmp = cached.with_name(f".tmp-{os.getpid()}-{threading.get_ident()}-{cached.name}")
                body = lex._entries.tobytes()
                tmp.write_bytes(body + zlib.crc32(body).to_bytes(8, "little"))
                os.replace(tmp, cached)
            except OSError:  # a cache that cannot be written is skipped
                pass
        return lex

    @classmethod
    def read(cls, path: Path) -> Lexicon:
        """Read a ``wordfreq`` ``cB`` msgpack file: a header, then lists of words per centibel."""
        import msgpack

        with gzip.open(path, "rb") as fh:
            data = msgpack.unpackb(fh.read(), raw=False)
        packed: list[int] = []
        for cb, words in enumerate(data[1:]):
            if words:
                z = max(0, min(255, round(90 - cb / 10)))  # Zipf x 10; Zipf = 9 + log10(freq) = 9 - cB/100
                packed.extend([(_key(w) << 8) | z for w in words])
        del data
        packed.sort()  # equal hashes: the highest Zipf sorts last (see get)
        return cls(array("Q", packed))

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, word: str) -> float:
        """Zipf value of a lower-case word, 0.0 when the list does not have it.

        >>> lex = Lexicon(array("Q", sorted([(_key("huis") << 8) | 52])))
        >>> lex.get("huis"), lex.get("house")
        (5.2, 0.0)
        """
        return self.get_key(_key(word))

    def get_key(self, k: int) -> float:
        """:meth:`get` for a word's :func:`word_key`."""
        i = bisect_right(self._entries, (k << 8) | 0xFF) - 1
        if i >= 0 and self._entries[i] >> 8 == k:
            return (self._entries[i] & 0xFF) / 10.0
        return 0.0


word_key = _key

_LOCK = threading.Lock()
_CACHE: dict[str, Lexicon | None] = {}


def _data_dir() -> Path | None:
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def lexicon(lang: str) -> Lexicon | None:
    """The shipped word list of *lang*, loaded once; ``None`` when wordfreq or the list is missing."""
    hit = _CACHE.get(lang, False)
    if hit is not False:
        return hit  # type: ignore[return-value]
    with _LOCK:
        if lang not in _CACHE:
            base = _data_dir()
            path = base / f"small_{lang}.msgpack.gz" if base is not None else None
            _CACHE[lang] = Lexicon.load(path) if path is not None and path.is_file() else None
        return _CACHE[lang]


def zipf(word: str, lang: str) -> float | None:
    """Zipf frequency (0-8) of a word in *lang*: known word, else a two-part compound, else
    :data:`UNKNOWN_ZIPF`; ``None`` when there is no word list for *lang*.

    >>> zipf("historia", "es") > zipf("historia", "pt") > UNKNOWN_ZIPF
    True
    >>> zipf("modemstatus", "nl") > zipf("modemstatus", "en")
    True
    """
    lex = lexicon(lang)
    if lex is None:
        return None
    w = word.lower()
    return zipf_of(lex, w, _key(w), lang in COMPOUND_LANGUAGES)


def zipf_of(lex: Lexicon, w: str, key: int, compounds: bool) -> float:
    """:func:`zipf` for a lower-case word whose :func:`word_key` is known (a text's words are
    hashed once and looked up in several languages).

    >>> lex = lexicon("nl")
    >>> lex is not None and zipf_of(lex, "status", word_key("status"), True) > 3.0
    True
    """
    z = lex.get_key(key)
    if z:
        return z
    if compounds and len(w) >= 2 * _MIN_PART + 1:
        best = 0.0
        for i in range(_MIN_PART, len(w) - _MIN_PART + 1):
            head = lex.get(w[:i])
            if head <= best:
                continue
            tail = lex.get(w[i:])
            best = max(best, min(head, tail))
        if best:
            return max(UNKNOWN_ZIPF, best - COMPOUND_COST)
    return UNKNOWN_ZIPF
