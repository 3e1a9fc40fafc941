"""Word-level lexical evidence from ``wordfreq``'s shipped word lists: for short Latin-script texts,
and for kanji-only text (Japanese or Chinese words, :func:`kanji_word_evidence`).

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
least three letters each (:data:`COMPOUND_COST` lower). :class:`WordTable` merges the lists of a
detector's candidates so that a word is looked up once for all of them. Nothing here downloads
anything.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import math
import os
import re
import threading
import unicodedata
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

__all__ = [
    "CHAT_WORDS", "COMPOUND_COST", "COMPOUND_LANGUAGES", "UNKNOWN_ZIPF", "FoldedWords", "Lexicon", "WordTable",
    "fold", "folded_words", "kanji_word_evidence", "lexicon", "word_key", "zipf", "zipf_of",
]

UNKNOWN_ZIPF = 1.0
"""Zipf value of a word the list does not know (the lists stop at Zipf 3: once per million words)."""
COMPOUND_LANGUAGES = frozenset({"nl", "de", "sv"})
"""Languages that write compounds closed up, so an unknown word may be split into two known ones."""
COMPOUND_COST = 1.0
"""A compound counts as its rarer part, this much (Zipf) lower."""
_MIN_PART = 3
_T = TypeVar("_T")
_MAX_COMPOUND = 64
"""Longer words are not split into compound parts: each split hashes both parts, so the work grows
with the square of the length ("a" * 20000 took 0.17 s); Donaudampfschifffahrtsgesellschaftskapitän
has 42 letters."""


def _key(word: str) -> int:
    """A 56-bit hash of the word (CRC-32 and 24 bits of Adler-32): deterministic across runs."""
    data = word.encode("utf-8")
    return (zlib.crc32(data) << 24) | (zlib.adler32(data) & 0xFFFFFF)


def _read_cached(cached: Path) -> bytes | None:
    """The body of a cache file :func:`_write_cached` wrote (the bytes before their CRC-32 trailer),
    or ``None`` when it is missing, unreadable, empty or damaged."""
    try:
        if not cached.is_file():
            return None
        raw = cached.read_bytes()
    except OSError:
        return None
    body = raw[:-8]
    if not body or int.from_bytes(raw[-8:], "little") != zlib.crc32(body):
        return None
    return body


def _write_cached(cached: Path, body: bytes, prefix: str, keep: int) -> None:
    """Store *body* with its CRC-32 (8 bytes, little-endian) at *cached*, atomically (a temporary
    file, then a rename); a cache that cannot be written is skipped. Then only the *keep* newest
    entries whose names start with *prefix* stay (copies from earlier installs or lists)."""
    from toneloc.detect._models import prune_cache

    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_name(f".tmp-{os.getpid()}-{threading.get_ident()}-{cached.name}")
        tmp.write_bytes(body + zlib.crc32(body).to_bytes(8, "little"))
        os.replace(tmp, cached)
    except OSError:
        return
    prune_cache(cached.parent, prefix, keep)


def _cache_path(path: Path, kind: str, suffix: str) -> Path | None:
    """Where the cached *kind* of the wordfreq file *path* lives (keyed by its size and modification
    time, so an upgrade makes a new entry), or ``None`` without a cache directory or a readable file."""
    from toneloc.detect._models import cache_dir

    root = cache_dir()
    if root is None:
        return None
    try:
        st = path.stat()
    except OSError:
        return None
    return root / f"wordfreq-v2-{kind}{path.name.split('.')[0]}-{st.st_size}-{st.st_mtime_ns}{suffix}"


def _read_wordfreq(path: Path) -> list[list[str]]:
    """The words of a ``wordfreq`` ``cB`` msgpack file by centibel (Zipf = 9 - cB/100), most frequent first."""
    import msgpack

    with gzip.open(path, "rb") as fh:
        data = msgpack.unpackb(fh.read(), raw=False)
    return list(data[1:])  # data[0] is a header


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
        from toneloc.detect._models import _CACHE_KEEP

        cached = _cache_path(path, "", ".bin")
        body = _read_cached(cached) if cached is not None else None
        if body is not None:
            try:  # the entries
                entries = array("Q")
                entries.frombytes(body)
                return cls(entries)
            except ValueError:  # not whole entries: read the word list again
                pass
        lex = cls.read(path)
        if cached is not None:  # copies from earlier installs of this list go
            _write_cached(cached, lex._entries.tobytes(), cached.name.rsplit("-", 2)[0] + "-", _CACHE_KEEP)
        return lex

    @classmethod
    def read(cls, path: Path) -> Lexicon:
        """Read a ``wordfreq`` ``cB`` msgpack file: a header, then lists of words per centibel."""
        packed: list[int] = []
        for cb, words in enumerate(_read_wordfreq(path)):
            if words:
                z = max(0, min(255, round(90 - cb / 10)))  # Zipf x 10; Zipf = 9 + log10(freq) = 9 - cB/100
                packed.extend([(_key(w) << 8) | z for w in words])
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

    @property
    def entries(self) -> array[int]:
        """The sorted ``hash << 8 | Zipf x 10`` entries (read-only by convention)."""
        return self._entries


_BUCKET_SHIFT = 40  # word keys have 56 bits (see _key)
_BUCKETS = 1 << 16


class WordTable:
    """Several languages' word lists merged for looking a word up in all of them at once.

    One sorted ``array('Q')`` of the distinct word hashes and, per hash, one byte per language
    (Zipf x 10, 0 when the language's list lacks the word): a word costs one binary search for
    every candidate instead of one per candidate. :meth:`zipfs` gives exactly what :func:`zipf_of`
    gives per language (the same compound splitting for the compounding ones).
    """

    def __init__(self, keys: array[int], z: bytes, compounds: list[bool]) -> None:
        import numpy as np

        self._keys = keys
        self._z = z
        self._n = len(compounds)
        self._compound_cols = tuple(j for j, c in enumerate(compounds) if c)
        # where each bucket (the keys' top 16 bits) starts: a search probes ~3 keys instead of ~19
        starts = np.searchsorted(np.frombuffer(keys, dtype=np.uint64) >> np.uint64(_BUCKET_SHIFT),
                                 np.arange(_BUCKETS + 1, dtype=np.uint64))
        self._starts = array("I", starts.astype(np.uint32).tobytes())

    @classmethod
    def build(cls, lexicons: list[Lexicon], compounds: list[bool]) -> WordTable:
        """Merge *lexicons*; cached in toneloc's cache directory (keyed by a CRC-32 of the lists,
        so any change to one makes a new table) like the lists themselves."""
        from toneloc.detect._models import cache_dir

        crc = 0
        for lex in lexicons:
            crc = zlib.crc32(lex.entries, crc)
        n, root = len(lexicons), cache_dir()
        cached = root / f"wordtable-v1-{n}-{crc:08x}.bin" if root is not None else None
        body = _read_cached(cached) if cached is not None else None
        if body is not None:  # n_keys (8 bytes), the keys, the Zipf bytes
            n_keys = int.from_bytes(body[:8], "little")
            if len(body) == 8 + n_keys * (8 + n):
                keys = array("Q")
                keys.frombytes(body[8 : 8 + 8 * n_keys])
                return cls(keys, body[8 + 8 * n_keys :], compounds)
        keys, z = cls._merge(lexicons)
        if cached is not None:  # one table per candidate set in use; tables of old word lists go
            _write_cached(cached, len(keys).to_bytes(8, "little") + keys.tobytes() + z, "wordtable-", _TABLES_KEPT)
        return cls(keys, z, compounds)

    @staticmethod
    def _merge(lexicons: list[Lexicon]) -> tuple[array[int], bytes]:
        import numpy as np

        n = len(lexicons)
        shift, low = np.uint64(8), np.uint64(0xFF)
        parts = [np.frombuffer(lex.entries, dtype=np.uint64) if len(lex) else np.zeros(0, np.uint64)
                 for lex in lexicons]
        if not parts:
            return array("Q"), b""
        # each list is sorted: a stable sort (timsort) merges the runs quickly; then drop repeats
        merged = np.sort(np.concatenate([p >> shift for p in parts]), kind="stable")
        keep = np.ones(len(merged), dtype=bool)
        np.not_equal(merged[1:], merged[:-1], out=keep[1:])
        unique = merged[keep]
        table = np.zeros((len(unique), n), dtype=np.uint8)
        for j, p in enumerate(parts):  # one language at a time keeps the temporary arrays small
            # a hash twice in one list (a collision): its highest Zipf, as Lexicon.get does
            np.maximum.at(table[:, j], np.searchsorted(unique, p >> shift), (p & low).astype(np.uint8))
        keys = array("Q")
        keys.frombytes(unique.tobytes())
        return keys, table.tobytes()

    def _row(self, key: int) -> int:
        bucket = key >> _BUCKET_SHIFT
        end = self._starts[bucket + 1]
        i = bisect_left(self._keys, key, self._starts[bucket], end)
        return i if i < end and self._keys[i] == key else -1

    def zipfs(self, w: str, key: int) -> list[float]:
        """:func:`zipf_of` of a lower-case word in every language of the table, in their order.

        >>> t = WordTable.build([Lexicon(array("Q", [(_key("huis") << 8) | 52])), Lexicon(array("Q"))], [True, False])
        >>> t.zipfs("huis", _key("huis"))
        [5.2, 1.0]
        """
        n, z = self._n, self._z
        row = self._row(key)
        out = [z[row * n + j] / 10.0 for j in range(n)] if row >= 0 else [0.0] * n
        unknown = [j for j in self._compound_cols if not out[j]]
        if unknown and 2 * _MIN_PART + 1 <= len(w) <= _MAX_COMPOUND:
            best = dict.fromkeys(unknown, 0.0)
            for i in range(_MIN_PART, len(w) - _MIN_PART + 1):
                head_row = self._row(_part_key(w[:i]))
                if head_row < 0:
                    continue
                tail_row = -2  # looked up when a head is worth it
                for j in unknown:
                    head = z[head_row * n + j] / 10.0
                    if head <= best[j]:
                        continue
                    if tail_row == -2:
                        tail_row = self._row(_part_key(w[i:]))
                    tail = z[tail_row * n + j] / 10.0 if tail_row >= 0 else 0.0
                    best[j] = max(best[j], min(head, tail))
            for j in unknown:
                if best[j]:
                    out[j] = max(UNKNOWN_ZIPF, best[j] - COMPOUND_COST)
        return [v if v else UNKNOWN_ZIPF for v in out]


word_key = _key
_TABLES_KEPT = 8
"""Merged word tables the cache keeps (one per candidate set a service uses)."""
_part_key = functools.lru_cache(maxsize=4096)(_key)
"""Keys of compound parts: a text's parts are looked up in every compounding language (nl, de, sv)."""

_LOCK = threading.Lock()
_CACHE: dict[str, Lexicon | None] = {}


def _data_dir() -> Path | None:
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _load_once(cache: dict[str, _T | None], lang: str, load: Callable[[Path], _T]) -> _T | None:
    """``load(path)`` of the shipped ``wordfreq`` list of *lang*, kept in *cache* (one load per
    language and process); ``None`` when wordfreq or the list is missing."""
    hit = cache.get(lang, False)
    if hit is not False:
        return hit  # type: ignore[return-value]
    with _LOCK:
        if lang not in cache:
            base = _data_dir()
            path = base / f"small_{lang}.msgpack.gz" if base is not None else None
            cache[lang] = load(path) if path is not None and path.is_file() else None
        return cache[lang]


def lexicon(lang: str) -> Lexicon | None:
    """The shipped word list of *lang*, loaded once; ``None`` when wordfreq or the list is missing."""
    return _load_once(_CACHE, lang, Lexicon.load)


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
            head = lex.get_key(_part_key(w[:i]))
            if head <= best:
                continue
            tail = lex.get_key(_part_key(w[i:]))
            best = max(best, min(head, tail))
        if best:
            return max(UNKNOWN_ZIPF, best - COMPOUND_COST)
    return UNKNOWN_ZIPF


# --- Vietnamese typed without diacritics ------------------------------------------------------------
_FOLD = str.maketrans({"đ": "d", "Đ": "D"})
VI_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnprstvx])?"  # onset
    r"(?:[aeiou](?:ng|[cmnpt])?|[aei](?:ch|nh)|y|ai|ao|au|ay|eo|eu|ia|iu|oi|ui|uu|ua|oai|oay|oeo|uoi|uou"
    r"|ieu|yeu|uya|uyu|ue|oa(?:ch|nh|ng|[cmnpt])?|oe[nt]?|oo(?:ng|c)|(?:ie|ye|uo|uye)(?:ng|[cmnpt])"
    r"|uy(?:ch|nh|[nt])?|ue(?:ch|nh)|ua(?:ng|[nt]))"  # rhyme: vowels and coda
)
"""The shape of a Vietnamese syllable without its diacritics: an optional onset (one of the 26
consonant spellings, đ folded into d) and a rhyme of the standard inventory, folded: a vowel or a
diphthong or triphthong of the language (*ai ao au ay eo êu ia iu oi ui ưu ưa oai oay oeo uôi ươi
ươu iêu yêu uya uyu uê*), those that take a final consonant with the ones they take (*c ch m n ng nh p t*: *ch*
and *nh* only after *a ê i oa uê uy*; *iê yê uô ươ uyê* only closed). English "you", "see",
"they", "rain" or "soon" have no such rhyme. Nearly all Vietnamese words are single syllables written
apart; English, Indonesian or Polish words rarely fit it ("khong", "duoc", "nguoi" do; "shop",
"order", "terima", "dziekuje" do not)."""
CHAT_WORDS = frozenset({"ko", "k", "kh", "dc", "j", "ak", "ad", "ib", "bn", "shop"})
"""Chat spellings that Vietnamese customers write for whole words and that the syllable shape
misses (or, "ko", fits but matters most): *ko/k/kh* (không), *dc* (được, also written "đc"),
*j* (gì), *ak* (à), *bn* (bao nhiêu / bạn), *ib* (inbox), and the vocatives
*shop* and *ad* (admin) a customer addresses the seller with ("shop ơi"; two-word chat such as
"shop oi" or "ko dc" is still too little to decide). Each is in wordfreq's
Vietnamese list itself (its Twitter and Reddit sources), which is what their frequencies come from;
the list only marks them as Vietnamese-looking for :meth:`FoldedWords.syllabic` (a gate, never a
decision: English "shop" keeps its English frequency)."""


def fold(word: str) -> str:
    """*word* without diacritics, đ as d: how Vietnamese is typed on a keyboard without its input
    method ("cảm ơn" -> "cam on").

    >>> fold("Được"), fold("đơn hàng")
    ('Duoc', 'don hang')
    """
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFD", word.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class FoldedWords:
    """A word list with its diacritics removed (read-only after construction): the Zipf frequency of
    each folded form is that of all the words it stands for ("cam": cảm, cầm, cam, cấm...), and the
    folded forms that have the shape of a Vietnamese syllable (:data:`VI_SYLLABLE`) or are common
    chat spellings (:data:`CHAT_WORDS`) are marked as syllables.

    A plain dict (some 7,000 short ASCII words for Vietnamese): looking up a word costs one hash,
    less than a :class:`Lexicon` lookup, because :meth:`syllabic` asks it for most ASCII messages.
    """

    def __init__(self, zipfs: dict[str, float]) -> None:
        self._zipfs = zipfs
        shaped = [w for w in zipfs if VI_SYLLABLE.fullmatch(w)]
        self._syllables = frozenset(shaped + [w for w in CHAT_WORDS if w in zipfs])

    @classmethod
    def load(cls, path: Path) -> FoldedWords:
        """Folded from a ``wordfreq`` file, through toneloc's cache like :meth:`Lexicon.load`."""
        from toneloc.detect._models import _CACHE_KEEP

        cached = _cache_path(path, "folded_", ".txt")
        body = _read_cached(cached) if cached is not None else None
        if body is not None:
            try:  # "word zipf" lines
                pairs = (line.split(" ") for line in body.decode("ascii").splitlines())
                return cls({w: float(z) for w, z in pairs})
            except ValueError:  # not such lines: fold the list again
                pass
        words = cls.read(path)
        if cached is not None:
            body = "".join(f"{w} {z}\n" for w, z in sorted(words._zipfs.items())).encode("ascii")
            _write_cached(cached, body, cached.name.rsplit("-", 2)[0] + "-", _CACHE_KEEP)
        return words

    @classmethod
    def read(cls, path: Path) -> FoldedWords:
        """Fold a ``wordfreq`` ``cB`` msgpack file: frequencies of words that fold alike add up."""
        freq: dict[str, float] = {}
        for cb, words in enumerate(_read_wordfreq(path)):
            f = 10.0 ** (9.0 - cb / 100.0)  # Zipf = 9 - cB/100
            for w in words:
                k = fold(w).lower()
                if k.isascii() and k.isalpha():
                    freq[k] = freq.get(k, 0.0) + f
        return cls({w: round(math.log10(f), 2) for w, f in freq.items()})

    def __len__(self) -> int:
        return len(self._zipfs)

    def get(self, word: str) -> float:
        """Zipf value of a folded lower-case word, 0.0 when the list has no word that folds to it.

        >>> fw = FoldedWords({"cam": 6.2, "on": 5.7})
        >>> fw.get("cam"), fw.get("thanks")
        (6.2, 0.0)
        """
        return self._zipfs.get(word, 0.0)

    def syllabic(self, words: list[str]) -> bool:
        """Whether lower-case ASCII *words* (the text split at spaces) read as Vietnamese typed
        without diacritics: at least :data:`SYLLABLE_SHARE` of them are syllables of the list
        (:data:`VI_SYLLABLE`, :data:`CHAT_WORDS`), two of them of two letters or more (one letter
        is too little: "I thi" is cut English). Punctuation around a word is ignored; numbers and
        words with digits ("1182", "50kg") are evidence neither way. Stops at the first word that
        rules it out.

        >>> fw = FoldedWords({"cam": 6.2, "on": 5.7, "shop": 3.6})
        >>> fw.syllabic(["cam", "on", "shop!"]), fw.syllabic(["thanks", "shop"]), fw.syllabic(["cam", "1182"])
        (True, False, False)
        """
        syllables = self._syllables
        allowed = int(len(words) * (1.0 - SYLLABLE_SHARE) + 1e-9)  # words that may be something else
        misses = longer = 0
        for w in words:
            if w not in syllables:
                if not w.isalpha():
                    w = w.strip(_PUNCT)
                    if w in syllables:
                        longer += len(w) > 1
                        continue
                    if not w.isalpha() and any(c.isdigit() for c in w):  # a number, a size, a code
                        continue
                misses += 1
                if misses > allowed:
                    return False
            elif len(w) > 1:
                longer += 1
        return longer >= 2


_PUNCT = ".,:;!?()[]\"'-/*~_"
SYLLABLE_SHARE = 2 / 3
"""Share of a text's words that must be Vietnamese syllables for :meth:`FoldedWords.syllabic`."""

_FOLDED: dict[str, FoldedWords | None] = {}


def folded_words(lang: str) -> FoldedWords | None:
    """The shipped word list of *lang* without diacritics (:class:`FoldedWords`), loaded once;
    ``None`` when wordfreq or the list is missing."""
    return _load_once(_FOLDED, lang, FoldedWords.load)


_SIMPLIFY: dict[int, str] | None = None


def _simplify_table() -> dict[int, str]:
    """wordfreq's Traditional -> Simplified character map (its Chinese list is in Simplified)."""
    global _SIMPLIFY
    if _SIMPLIFY is None:
        with _LOCK:
            if _SIMPLIFY is None:
                import msgpack

                base = _data_dir()
                path = base / "_chinese_mapping.msgpack.gz" if base is not None else None
                table: dict[int, str] = {}
                if path is not None and path.is_file():
                    with gzip.open(path, "rb") as fh:
                        table = msgpack.unpackb(fh.read(), raw=False, strict_map_key=False)
                _SIMPLIFY = table
    return _SIMPLIFY


def kanji_word_evidence(runs: list[str]) -> tuple[float, float] | None:
    """For Han-only words (*runs*) that are all in Japanese's word list: their summed Zipf
    frequencies in Japanese and, in Simplified form, in Chinese. ``None`` when Japanese's list
    lacks one of them (the common case for Chinese text, decided after the first lookups) or a
    word list is missing.

    >>> ja, zh = kanji_word_evidence(["検索"])
    >>> ja > 3.0 > zh
    True
    >>> kanji_word_evidence(["账号"]) is None
    True
    """
    ja, zh = lexicon("ja"), lexicon("zh")
    if ja is None or zh is None:
        return None
    ja_z = []
    for r in runs:
        z = ja.get(r)
        if not z:
            return None
        ja_z.append(z)
    simplify = _simplify_table()
    return math.fsum(ja_z), math.fsum(zh.get(r.translate(simplify)) for r in runs)
