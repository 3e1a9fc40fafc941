"""Process-parallel batches: ``LanguageDetector.detect_many(texts, workers=N)``.

One Python process decides about 30,000-45,000 messages a second, and no part of a decision can run
outside the interpreter lock (fastText's binding holds it), so threads cannot help. A long backlog
is split instead over *N* processes: the calling one and ``N - 1`` helper processes of a
:class:`concurrent.futures.ProcessPoolExecutor`, which the detector keeps between calls (starting
one costs what ``import toneloc.detect`` and :meth:`~toneloc.detect.LanguageDetector.warm_up` cost,
0.2-1 s, paid once per helper and in parallel).

How a batch is shared: the distinct messages are cut into chunks of :data:`CHUNK`; every chunk is
submitted to the pool, and the calling process takes chunks from the end of the list for itself,
each one it takes cancelled in the pool first (a chunk not yet handed to a helper can still be
cancelled), so nothing is decided twice and a slow helper holds no one up. Helpers send back plain
tuples, not :class:`~toneloc.detect.Detection` objects (measured: 5.8 µs a message to pickle,
unpickle and rebuild, against 15-17 µs for the objects); the calling process rebuilds the results,
each span's text cut from the message it already holds.

Answers are those of ``workers=1``: each helper runs the same detector (the same configuration, the
same build: compiled or Python, as :mod:`toneloc._native` decides in that process).

Helpers are started with the ``spawn`` method on every platform (``fork`` is unsafe in a process
with threads, which numpy's BLAS alone starts), so, as for any ``multiprocessing`` code, a script
that uses ``workers > 1`` must guard its entry point with ``if __name__ == "__main__":``.
"""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeAlias

from toneloc.detect._detector import DetectorEngine, engine_for
from toneloc.detect._types import Detection, DetectorConfig, Span
from toneloc.errors import DetectionError, TonelocError

__all__ = ["CHUNK", "DetectorPool"]

CHUNK = 512
"""Messages per task: about 15 ms of work, against well under 1 ms of hand-over."""

_FlatSpan: TypeAlias = tuple[int, int, str, float, str]
_Flat: TypeAlias = tuple[str, "str | None", float, bool, tuple[tuple[str, float], ...], tuple[_FlatSpan, ...],
                         tuple[str, ...]]

_ENGINE: DetectorEngine | None = None  # the helper process's detector (set by _start)


def _start(config: DetectorConfig) -> None:
    """Initialiser of a helper process: build this configuration's detector and load its models."""
    global _ENGINE
    _ENGINE = engine_for(config)
    _ENGINE.warm_up()


def _flat(d: Detection) -> _Flat:
    spans = tuple((s.start, s.end, s.language, s.confidence, s.kind) for s in d.spans)
    return (d.language, d.script, d.confidence, d.reliable, d.alternatives, spans, d.reasons)


def _work(texts: list[str]) -> list[_Flat]:
    """A helper's task: detect *texts* (already checked by the calling process)."""
    if _ENGINE is None:  # pragma: no cover - the initialiser always runs first
        raise RuntimeError("detector helper started without its initialiser")
    return [_flat(d) for d in _ENGINE.detect_many(texts)]


def _rebuild(texts: list[str], flats: list[_Flat]) -> list[Detection]:
    out: list[Detection] = []
    for text, (language, script, confidence, reliable, alternatives, spans, reasons) in zip(texts, flats, strict=True):
        out.append(Detection(language, script, confidence, reliable, alternatives,
                             tuple(Span(a, b, text[a:b], lang, conf, kind) for a, b, lang, conf, kind in spans),
                             reasons))
    return out


class DetectorPool:
    """``processes`` helper processes that run *config*'s detector, for
    :meth:`toneloc.detect.LanguageDetector.detect_many`; started on the first :meth:`run`.

    >>> pool = DetectorPool(DetectorConfig(candidates=("de", "en")), processes=1)
    >>> pool.started
    False
    >>> pool.close()  # nothing to stop yet
    """

    def __init__(self, config: DetectorConfig, processes: int) -> None:
        if processes < 1:
            raise DetectionError(f"a detector pool needs at least one helper process, got {processes}")
        self.config = config
        self.processes = processes
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    @property
    def started(self) -> bool:
        """Whether the helper processes are running."""
        return self._executor is not None

    def _pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                try:
                    self._executor = ProcessPoolExecutor(
                        max_workers=self.processes, mp_context=multiprocessing.get_context("spawn"),
                        initializer=_start, initargs=(self.config,),
                    )
                except (OSError, ValueError, AssertionError) as exc:  # e.g. inside a daemonic process
                    raise DetectionError(f"could not start {self.processes} detector helper process(es): {exc}",
                                         hint="use workers=1 to detect in this process") from exc
            return self._executor

    def run(self, engine: DetectorEngine, texts: list[str]) -> list[Detection]:
        """Detect *texts* (distinct and already checked, see :meth:`DetectorEngine.check`) over the
        helpers and this process; results follow *texts*."""
        chunks = [texts[i : i + CHUNK] for i in range(0, len(texts), CHUNK)]
        executor = self._pool()
        futures: list[Future[list[_Flat]]] = []
        try:
            for chunk in chunks:
                futures.append(executor.submit(_work, chunk))
        except (BrokenProcessPool, RuntimeError) as exc:
            self._discard(executor)
            raise self._failed(exc) from exc
        done: list[list[Detection] | None] = [None] * len(chunks)
        try:
            for i in range(len(chunks) - 1, -1, -1):  # this process works from the end
                if futures[i].cancel():
                    done[i] = engine.detect_many(chunks[i])
            for i, future in enumerate(futures):
                if done[i] is None:
                    done[i] = _rebuild(chunks[i], future.result())
        except BaseException as exc:
            for future in futures:
                future.cancel()
            if isinstance(exc, BrokenProcessPool):
                self._discard(executor)
                raise self._failed(exc) from exc
            if isinstance(exc, Exception) and not isinstance(exc, TonelocError):
                raise DetectionError(f"a detector helper process failed: {type(exc).__name__}: {exc}") from exc
            raise
        return [d for part in done if part is not None for d in part]

    def _failed(self, exc: BaseException) -> DetectionError:
        return DetectionError(
            f"a detector helper process stopped ({type(exc).__name__}: {exc})",
            hint="the next call starts new helpers; a script using workers > 1 must guard its entry point "
            "with `if __name__ == \"__main__\":` (helpers are spawned); workers=1 detects in this process",
        )

    def _discard(self, executor: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._executor is executor:
                self._executor = None
        executor.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Stop the helper processes (they start again on the next :meth:`run`)."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
