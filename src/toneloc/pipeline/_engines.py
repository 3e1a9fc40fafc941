"""MT engines the pipeline adds: a pseudo-localization engine and a caching wrapper.

>>> PseudoEngine().hypotheses(["Your order ZQ0Z has shipped."], source="en", target="de")[0][0].text
'⟦Ýöûŕ öŕðéŕ ZQ0Z ĥåš šĥîppéð.⟧'
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import regex

from toneloc.translate._types import Hypothesis, MTEngine

__all__ = ["CachedEngine", "PseudoEngine"]

_ACCENTS = str.maketrans(
    "aceinorsuyACEINORSUYdhtDHT", "åçéîñöŕšûýÅÇÉÎÑÖŔŠÛÝðĥþÐĤÞ"
)
_SENTINEL = regex.compile(r"(?i)zq\d{1,4}z")


class PseudoEngine:
    """Pseudo-localization: accents every letter and brackets the text, for any language pair.

    It is not a translation; it shows in a test or a staging system which strings went through MT
    and whether layouts survive longer, accented text. Protected-token sentinels are kept verbatim and
    every hypothesis scores ``-0.1``.
    """

    name = "pseudo"

    def supports(self, source: str, target: str) -> bool:
        return True

    def model_version(self, source: str, target: str) -> str:
        return "pseudo-1"

    def hypotheses(self, texts: Sequence[str], *, source: str, target: str, n: int = 4) -> list[list[Hypothesis]]:
        out: list[list[Hypothesis]] = []
        for text in texts:
            pieces: list[str] = []
            last = 0
            for m in _SENTINEL.finditer(text):
                pieces.append(text[last:m.start()].translate(_ACCENTS))
                pieces.append(m.group(0))
                last = m.end()
            pieces.append(text[last:].translate(_ACCENTS))
            out.append([Hypothesis("⟦" + "".join(pieces) + "⟧", -0.1)])
        return out


class CachedEngine:
    """Wrap an engine with an LRU cache of its hypotheses (per text, pair and n); thread-safe.

    Support replies reuse the same template strings all day, so a warm pipeline never runs the model
    twice for one string.
    """

    def __init__(self, engine: MTEngine, *, size: int = 4096) -> None:
        self.engine = engine
        self.name = engine.name
        self.size = size
        self.hits = 0
        self.misses = 0
        self._cache: OrderedDict[tuple[str, str, str, int], list[Hypothesis]] = OrderedDict()
        self._lock = threading.Lock()

    def supports(self, source: str, target: str) -> bool:
        return self.engine.supports(source, target)

    def model_version(self, source: str, target: str) -> str:
        return self.engine.model_version(source, target)

    def engine_name(self, source: str, target: str) -> str:
        pick = getattr(self.engine, "engine_name", None)
        return str(pick(source, target)) if callable(pick) else self.engine.name

    def hypotheses(self, texts: Sequence[str], *, source: str, target: str, n: int = 4) -> list[list[Hypothesis]]:
        results: list[list[Hypothesis] | None] = []
        todo: list[int] = []
        with self._lock:
            for i, t in enumerate(texts):
                hit = self._cache.get((t, source, target, n))
                if hit is not None:
                    self._cache.move_to_end((t, source, target, n))
                    self.hits += 1
                else:
                    todo.append(i)
                    self.misses += 1
                results.append(hit)
        if todo:
            fresh = self.engine.hypotheses([texts[i] for i in todo], source=source, target=target, n=n)
            with self._lock:
                for i, hyps in zip(todo, fresh, strict=True):
                    results[i] = hyps
                    self._cache[(texts[i], source, target, n)] = hyps
                while len(self._cache) > self.size:
                    self._cache.popitem(last=False)
        return [r if r is not None else [] for r in results]
