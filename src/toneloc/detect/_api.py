"""The public face of language detection: typed entry points over the detector engine.

The work is done by :class:`~toneloc.detect._detector.DetectorEngine`, which a compiled build turns
into C (mypyc, :mod:`toneloc._native`); this module stays Python so that its annotations
are for type checkers only and a wrong argument reaches the engine's check, which raises a clear
:class:`~toneloc.errors.InvalidInputError` (a compiled function would reject it itself with a bare
``TypeError``). It adds one Python call per message.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from types import TracebackType

from toneloc.detect import _clean
from toneloc.detect._clean import Block
from toneloc.detect._detector import DetectorEngine, engine_for
from toneloc.detect._detector import _Decision as Decision
from toneloc.detect._parallel import CHUNK, DetectorPool, worker_count
from toneloc.detect._types import UNDETERMINED, Detection, DetectorConfig
from toneloc.errors import InvalidInputError

__all__ = ["LanguageDetector", "detect", "detect_language", "detect_many", "split_blocks", "strip_noise"]


class LanguageDetector:
    """Detects the language of support messages; implements the :class:`Detector` protocol.

    Build it from a :class:`DetectorConfig` (or ``DetectorConfig(...).build()``); it holds no
    mutable state besides read-only models, so one instance can serve many threads.

    >>> det = LanguageDetector(DetectorConfig(candidates=("de", "en", "ko")))
    >>> det.detect("Wo bleibt meine Bestellung?").language
    'de'
    >>> det.detect("감사합니다").reasons[-1]
    'script Hangul -> ko'

    ``detect_many(texts, workers=N)`` shares a long batch with ``N - 1`` helper processes, which the
    detector keeps for later batches until :meth:`close` (or the end of a ``with`` block).
    """

    __slots__ = ("__weakref__", "_engine", "_lock", "_pool")

    def __init__(self, config: DetectorConfig | None = None) -> None:
        self._engine = engine_for(config if config is not None else DetectorConfig())
        self._pool: DetectorPool | None = None
        self._lock = threading.Lock()

    @property
    def config(self) -> DetectorConfig:
        """The configuration this detector decides with."""
        return self._engine.config

    def detect(self, text: str) -> Detection:
        """Detect the language of one message (see :mod:`toneloc.detect._detector` for the steps)."""
        return self._engine.detect(text)

    def decide(self, text: str) -> Decision:
        """The decision :meth:`detect` reports, as a light tuple (language, script, confidence,
        alternatives, reasons, has_language); no threshold, no spans."""
        return self._engine.decide(text)

    def detect_many(self, texts: Iterable[str], *, workers: int = 1) -> list[Detection]:
        """Detect many messages with exactly the answers of :meth:`detect`; results follow *texts*.

        Duplicates, and messages that differ only in stripped noise (order numbers, URLs, e-mails),
        are decided once, and the texts that need the naive Bayes model are scored together, one
        matrix product per 512 messages: faster per text than :meth:`detect` when messages or
        sentences repeat, about as fast when none do. *workers* > 1 shares the distinct messages
        between this process and ``workers - 1`` helper processes (:mod:`toneloc.detect._parallel`:
        started by the first such call, which does not wait for them, or by :meth:`warm_up`, and
        kept until :meth:`close`); a batch of one chunk (512 distinct messages) or fewer stays in
        this process.

        >>> det = LanguageDetector(DetectorConfig(candidates=("de", "en")))
        >>> [d.language for d in det.detect_many(["Danke schön", "Thank you", "Danke schön"])]
        ['de', 'en', 'de']
        """
        workers = worker_count(workers)
        if workers == 1:
            return self._engine.detect_many(texts)
        engine = self._engine
        items = [engine.check(t) for t in texts]
        unique = list(dict.fromkeys(items))
        small = len(unique) <= CHUNK  # one chunk: handing it over would cost more than it saves
        found = engine.detect_many(unique) if small else self._helpers(workers - 1).run(engine, unique)
        by_text = dict(zip(unique, found, strict=True))
        return [by_text[t] for t in items]

    def _helpers(self, processes: int) -> DetectorPool:
        with self._lock:
            old = pool = self._pool
            if pool is None or pool.processes != processes:
                pool = self._pool = DetectorPool(self.config, processes)
            else:
                old = None
        if old is not None:
            old.close()  # outside the lock: it waits for a batch another thread runs on it
        return pool

    def close(self) -> None:
        """Stop the helper processes of ``detect_many(workers=N)``, if any (they start again when
        needed); the detector itself stays usable."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()

    def __enter__(self) -> LanguageDetector:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def warm_up(self, *, workers: int = 1) -> None:
        """Load the models, tables and word lists this detector's candidates need now rather than
        on the first messages (steady latency in a service); calling it again does nothing.
        *workers* > 1 also starts the ``workers - 1`` helper processes of ``detect_many(...,
        workers=N)`` and waits until each has loaded its models."""
        self._engine.warm_up()
        workers = worker_count(workers)
        if workers > 1:
            self._helpers(workers - 1).start()

    def __repr__(self) -> str:
        return f"LanguageDetector({self.config!r})"

    def __reduce__(self) -> tuple[type[LanguageDetector], tuple[DetectorConfig]]:
        """Pickled as its configuration (the models are loaded again where it is unpickled)."""
        return (LanguageDetector, (self.config,))


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise InvalidInputError(f"{what}: expected text as str, got {type(value).__name__}",
                                hint="decode bytes first, e.g. data.decode('utf-8', errors='replace')")
    return value


def strip_noise(text: str) -> str:
    """Remove URLs, e-mails, order numbers, code, identifiers and acronyms from *text*.

    >>> strip_noise("Paldies, viss kārtībā! SKU 4710-XB406351")
    'Paldies, viss kārtībā!'
    """
    return _clean.strip_noise(_text(text, "strip_noise"))


def split_blocks(text: str) -> list[Block]:
    """Label each line of *text* (``body``, ``quote``, ``signature``, ``code``) and merge runs of the
    same kind into :class:`~toneloc.detect._clean.Block` ranges.

    >>> [b.kind for b in split_blocks("Danke!\\n\\nOn Mon, 3 Jun 2024, Ann wrote:\\n> Hello")]
    ['body', 'quote']
    """
    return _clean.split_blocks(_text(text, "split_blocks"))


def _config(candidates: Iterable[str] | None, prior: str | Mapping[str, float] | None,
            threshold: float | None) -> DetectorConfig:
    kwargs: dict[str, object] = {}
    if candidates is not None:
        kwargs["candidates"] = tuple(candidates) if not isinstance(candidates, str) else candidates
    if prior is not None:
        kwargs["prior"] = tuple(prior.items()) if isinstance(prior, Mapping) else prior
    if threshold is not None:
        kwargs["threshold"] = threshold
    return DetectorConfig(**kwargs)  # type: ignore[arg-type]


def detect(
    text: str,
    *,
    candidates: Iterable[str] | None = None,
    prior: str | Mapping[str, float] | None = None,
    threshold: float | None = None,
) -> Detection:
    """Detect the language of one support message.

    >>> detect("Cảm ơn").language
    'vi'
    >>> d = detect("#A-1182 🙏 https://shop.example/o/1182")
    >>> d.language, d.reliable
    ('und', False)
    >>> detect("Merci beaucoup", candidates=["fr", "en"]).alternatives[0][0]
    'fr'
    """
    return engine_for(_config(candidates, prior, threshold)).detect(text)


def detect_many(
    texts: Iterable[str],
    *,
    candidates: Iterable[str] | None = None,
    prior: str | Mapping[str, float] | None = None,
    threshold: float | None = None,
    workers: int = 1,
) -> list[Detection]:
    """:func:`detect` for many messages at once; results follow the input (repeated messages, and
    messages that differ only in stripped noise, are decided once). *workers* > 1 shares a long
    batch with ``workers - 1`` helper processes started for this call and stopped after it (a
    :class:`LanguageDetector` keeps them between batches instead).

    >>> [d.language for d in detect_many(["Danke schön", "감사합니다", ""])]
    ['de', 'ko', 'und']
    """
    config = _config(candidates, prior, threshold)
    if worker_count(workers) == 1:
        return engine_for(config).detect_many(texts)
    with LanguageDetector(config) as detector:
        return detector.detect_many(texts, workers=workers)


_LEAN: DetectorEngine = engine_for(DetectorConfig(spans=False))


def detect_language(text: str) -> tuple[str, float] | None:
    """``(best guess, confidence)`` with the default candidates, or ``None`` without any language.

    The interface of the shared evaluation script: it reports the best guess even when the
    confidence is below the threshold (a caller routing on reliability uses :func:`detect`).

    >>> detect_language("Terima kasih banyak")[0]
    'id'
    >>> detect_language("12345 !!!") is None
    True
    """
    d = _LEAN.decide(text)  # the decision of detect(), without assembling a Detection
    if d.language != UNDETERMINED:
        return d.language, d.confidence
    return (d.alternatives[0][0], d.confidence) if d.alternatives else None
