"""Value types of :mod:`toneloc.detect`: results, configuration and the ``Detector`` protocol."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, cast, runtime_checkable

from toneloc.errors import DetectionError, close_matches

if TYPE_CHECKING:  # pragma: no cover
    from toneloc.detect._api import LanguageDetector

__all__ = ["DEFAULT_CANDIDATES", "UNDETERMINED", "Detection", "Detector", "DetectorConfig", "Span"]

UNDETERMINED = "und"
"""BCP 47 tag for "language not determined" (what an abstaining :class:`Detection` reports)."""

DEFAULT_CANDIDATES: tuple[str, ...] = (
    "en", "de", "fr", "es", "it", "pt", "nl", "vi", "id", "lv",
    "ja", "zh", "ko", "ru", "pl", "tr", "ar", "hi", "sv", "th",
)
"""The 20 languages toneloc is measured on; a helpdesk passes its own supported languages."""


@dataclass(frozen=True, slots=True)
class Span:
    """A part of a message and the language detected for it.

    ``kind`` says what the part is: ``body`` (the customer's own words), ``quoted`` (a phrase in
    quotation marks, e.g. a pasted error message), ``quote`` (the quoted previous reply),
    ``code`` (code or machine output) or ``signature``. Only ``body`` spans decide the message.
    """

    start: int
    end: int
    text: str
    language: str
    confidence: float
    kind: str = "body"


@dataclass(frozen=True, slots=True)
class Detection:
    """The language of a message, how sure toneloc is, and why.

    Attributes:
        language: ISO 639-1 code (``zh-Hans``/``zh-Hant`` when the characters say so), or ``"und"``
            when toneloc abstains (no language in the text, or confidence below the threshold).
        script: ISO 15924 script of the text (``Latn``, ``Cyrl``, ``Hans``, ``Jpan``...), or ``None``.
        confidence: calibrated probability that :attr:`best_guess` is right, in ``[0, 1]``.
        reliable: ``confidence >= threshold`` and the text carried language; act on it only then.
        alternatives: ``(language, probability)`` for the candidates, best first (at most 5).
        spans: the parts of the message and their languages (see :class:`Span`).
        reasons: why: the rules that fired and what was stripped, in order.

    >>> d = Detection("de", "Latn", 0.97, True, (("de", 0.97), ("nl", 0.02)))
    >>> d.best_guess, d.as_dict()["alternatives"][1]
    ('de', ['nl', 0.02])
    """

    language: str
    script: str | None
    confidence: float
    reliable: bool
    alternatives: tuple[tuple[str, float], ...] = ()
    spans: tuple[Span, ...] = ()
    reasons: tuple[str, ...] = ()

    @property
    def best_guess(self) -> str:
        """The most probable language even when toneloc abstains (``"und"`` without any letter)."""
        if self.language != UNDETERMINED:
            return self.language
        return self.alternatives[0][0] if self.alternatives else UNDETERMINED

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready dict (used by ``toneloc detect --json``)."""
        return {
            "language": self.language,
            "best_guess": self.best_guess,
            "script": self.script,
            "confidence": round(self.confidence, 4),
            "reliable": self.reliable,
            "alternatives": [[lang, round(p, 4)] for lang, p in self.alternatives],
            "spans": [dataclasses.asdict(s) for s in self.spans],
            "reasons": list(self.reasons),
        }


@runtime_checkable
class Detector(Protocol):
    """Anything that detects languages: toneloc's :class:`~toneloc.detect.LanguageDetector`, or
    a user's own backend (a cloud API, a fake in tests) that the pipeline can use instead."""

    def detect(self, text: str) -> Detection:
        """Detect the language of one message."""
        ...

    def detect_many(self, texts: Iterable[str]) -> list[Detection]:
        """Detect many messages; results follow the input order."""
        ...


def _check_lang(code: object, what: str, known: frozenset[str]) -> str:
    if not isinstance(code, str):
        raise DetectionError(f"{what}: language codes must be strings, got {type(code).__name__}")
    norm = code.strip().replace("_", "-").split("-")[0].lower()
    if norm not in known:
        hint = close_matches(norm, sorted(known))
        raise DetectionError(
            f"{what}: unknown or unsupported language {code!r}",
            hint=(f"did you mean: {', '.join(hint)}?" if hint else "use ISO 639-1 codes such as 'de', 'pt', 'zh'"),
        )
    return norm


@dataclass(frozen=True, slots=True)
class DetectorConfig:
    """How a :class:`~toneloc.detect.LanguageDetector` decides; immutable, build once, share.

    Attributes:
        candidates: the languages the helpdesk supports (ISO 639-1); detection never answers
            outside them. Default: :data:`DEFAULT_CANDIDATES`.
        threshold: minimum calibrated confidence for ``reliable=True`` (default 0.5).
        prior: optional prior belief, e.g. the customer's profile language: a code (counts
            :attr:`prior_weight` times as likely as each other candidate before the text is
            read) or a mapping ``{code: weight}`` (relative weights, missing candidates 1.0).
        prior_weight: weight of a single-code prior (default 4.0).
        spans: compute per-part spans for multi-part messages (default ``True``).
        max_chars: longer texts are cut to this many characters before scoring (default 20,000);
            a message's language is settled long before that.

    >>> cfg = DetectorConfig().with_candidates(["de", "en"]).with_threshold(0.8)
    >>> cfg.candidates, cfg.threshold
    (('de', 'en'), 0.8)
    >>> DetectorConfig(candidates=("xx",))
    Traceback (most recent call last):
    ...
    toneloc.errors.DetectionError: candidates: unknown or unsupported language 'xx' (hint: ...)
    """

    candidates: tuple[str, ...] = DEFAULT_CANDIDATES
    threshold: float = 0.5
    prior: tuple[tuple[str, float], ...] | str | None = None
    prior_weight: float = 4.0
    spans: bool = True
    max_chars: int = 20_000
    _prior_map: tuple[tuple[str, float], ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        from toneloc.detect._models import NB_LANGUAGES

        if isinstance(self.candidates, str) or not isinstance(self.candidates, Sequence):
            raise DetectionError("candidates: expected a sequence of language codes such as ('de', 'en')")
        cands = tuple(dict.fromkeys(_check_lang(c, "candidates", NB_LANGUAGES) for c in self.candidates))
        if not cands:
            raise DetectionError("candidates: need at least one language", hint="omit it for the default 20")
        object.__setattr__(self, "candidates", cands)
        if not (isinstance(self.threshold, int | float) and 0.0 <= self.threshold <= 1.0):
            raise DetectionError(f"threshold: must be a number in [0, 1], got {self.threshold!r}")
        if not (isinstance(self.prior_weight, int | float) and self.prior_weight > 0):
            raise DetectionError(f"prior_weight: must be > 0, got {self.prior_weight!r}")
        if not (isinstance(self.max_chars, int) and self.max_chars >= 100):
            raise DetectionError(f"max_chars: must be an int >= 100, got {self.max_chars!r}")
        object.__setattr__(self, "_prior_map", self._normalise_prior(self.prior, cands))

    def _normalise_prior(
        self, prior: object, cands: tuple[str, ...]
    ) -> tuple[tuple[str, float], ...]:
        if prior is None:
            return ()
        if isinstance(prior, str):
            code = _check_lang(prior, "prior", frozenset(cands))
            object.__setattr__(self, "prior", code)
            return ((code, float(self.prior_weight)),)
        items = cast("Iterable[tuple[object, object]]", prior.items() if isinstance(prior, Mapping) else prior)
        out: dict[str, float] = {}
        try:
            for key, weight in items:
                w = float(weight)  # type: ignore[arg-type]
                if not (w > 0 and math.isfinite(w)):
                    raise DetectionError(f"prior: weight for {key!r} must be a positive number, got {weight!r}")
                out[_check_lang(key, "prior", frozenset(cands))] = w
        except DetectionError:
            raise
        except (TypeError, ValueError) as exc:
            raise DetectionError(
                f"prior: expected a language code or a mapping {{code: weight}}, got {prior!r}"
            ) from exc
        frozen = tuple(sorted(out.items()))
        object.__setattr__(self, "prior", frozen)
        return frozen

    @property
    def prior_map(self) -> Mapping[str, float]:
        """The prior as ``{code: relative weight}`` (empty without a prior)."""
        return dict(self._prior_map)

    def with_candidates(self, candidates: Iterable[str]) -> DetectorConfig:
        """A copy restricted to *candidates*."""
        return dataclasses.replace(self, candidates=tuple(candidates))

    def with_threshold(self, threshold: float) -> DetectorConfig:
        """A copy with another reliability threshold."""
        return dataclasses.replace(self, threshold=threshold)

    def with_prior(self, prior: str | Mapping[str, float] | None) -> DetectorConfig:
        """A copy with a prior (a language code or ``{code: weight}``), or without one."""
        value: tuple[tuple[str, float], ...] | str | None
        value = tuple(prior.items()) if isinstance(prior, Mapping) else prior
        return dataclasses.replace(self, prior=value)

    def build(self) -> LanguageDetector:
        """The detector for this configuration (models load lazily on its first call)."""
        from toneloc.detect._api import LanguageDetector

        return LanguageDetector(self)
