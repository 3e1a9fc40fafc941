"""Process-parallel batches: ``LanguageDetector.detect_many(texts, workers=N)``.

One Python process decides about 30,000-45,000 messages a second, and no part of a decision can run
outside the interpreter lock (fastText's binding holds it), so threads cannot help. A long backlog
is split instead over *N* processes: the calling one and ``N - 1`` helper processes, which the
detector keeps between calls (starting one costs what ``import toneloc.detect`` and
:meth:`~toneloc.detect.LanguageDetector.warm_up` cost, 0.2-1 s, paid once per helper and in
parallel).

How a batch is shared: the distinct messages are cut into chunks of :data:`CHUNK`. The calling
process decides the list from the end, :data:`CALLER_CHUNK` messages at a time; between two of its
own, it collects what the helpers finished and hands each idle helper the next chunk from the
front (:data:`AHEAD`). A helper gets work only once it has loaded its models, so a short batch on a
cold pool is not left waiting for helpers that are still starting. No chunk is handed out twice; at
the end the caller waits only for the chunks the helpers hold.

Each helper has its own pipe (not :class:`concurrent.futures.ProcessPoolExecutor`'s shared result
queue, which hangs for good when a helper is killed halfway through writing a large result, as this
module's first version measured on Python 3.11): a helper that dies closes its pipe, the caller
reads the end of it at once and raises :class:`~toneloc.errors.DetectionError`, and stops the other
helpers; the next batch starts new ones. Helpers ignore Ctrl-C (it reaches the whole process group;
stopping the batch is the caller's business) and are daemonic, so they end with the caller.

Helpers send back plain tuples, not :class:`~toneloc.detect.Detection` objects (measured: 5.8 µs a
message to pickle, unpickle and rebuild, against 15-17 µs for the objects); the caller rebuilds the
results, each span's text cut from the message it already holds.

Answers are those of ``workers=1``: each helper runs the same detector (the same configuration, the
same build: compiled or Python, as :mod:`toneloc._native` decides in that process).

Helpers are started with the ``spawn`` method on every platform (``fork`` is unsafe in a process
with threads, which numpy's BLAS alone starts), so, as for any ``multiprocessing`` code, a script
that uses ``workers > 1`` must guard its entry point with ``if __name__ == "__main__":``.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import operator
import os
import signal
import threading
import time
import weakref
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, SupportsIndex, TypeAlias, cast

from toneloc.detect._detector import DetectorEngine, engine_for
from toneloc.detect._types import Detection, DetectorConfig, Span
from toneloc.errors import DetectionError

__all__ = ["AHEAD", "CALLER_CHUNK", "CHUNK", "DetectorPool", "worker_count"]

CHUNK = 512
"""Messages per helper task: about 15 ms of work, against well under 1 ms of hand-over."""

CALLER_CHUNK = 64
"""Messages the caller decides between two looks at its helpers (about 2 ms): how long a helper that
finished may wait for its next chunk."""

AHEAD = 1
"""Chunks a helper holds at most. One: a chunk is sent only to a helper that has answered all it
held, so it is reading; with two, a large chunk sent while the helper writes a large answer would
fill both directions of the pipe and each side would wait for the other for good."""

_FlatSpan: TypeAlias = tuple[int, int, str, float, str]
_Flat: TypeAlias = tuple[str, "str | None", float, bool, tuple[tuple[str, float], ...], tuple[_FlatSpan, ...],
                         tuple[str, ...]]
_HINT = "use workers=1 to detect in this process"


def worker_count(workers: object) -> int:
    """*workers* as a whole number >= 1 (``int``, numpy integers...), else a
    :class:`~toneloc.errors.DetectionError`.

    >>> worker_count(4)
    4
    >>> worker_count(True)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    toneloc.errors.DetectionError: detect_many: workers must be a whole number >= 1, got True ...
    """
    n = -1
    if not isinstance(workers, bool) and hasattr(workers, "__index__"):
        n = operator.index(cast("SupportsIndex", workers))
    if n < 1:
        raise DetectionError(f"detect_many: workers must be a whole number >= 1, got {workers!r}",
                             hint="1 detects in this process; N > 1 adds N - 1 helper processes")
    return int(n)


# --- the helper process -------------------------------------------------------------------------
def _flat(d: Detection) -> _Flat:
    spans = tuple((s.start, s.end, s.language, s.confidence, s.kind) for s in d.spans)
    return (d.language, d.script, d.confidence, d.reliable, d.alternatives, spans, d.reasons)


def _serve(conn: Connection, config: DetectorConfig) -> None:
    """A helper's life: load, say so, then answer each chunk of texts with its results (plain
    tuples) until told to stop (``None``) or the caller goes away."""
    if threading.current_thread() is threading.main_thread():  # as it is in a helper process
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the process group; it is the caller's
        if hasattr(signal, "pthread_sigmask"):  # blocked by the caller while it started this process
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    try:
        engine = engine_for(config)
        engine.warm_up()
    except Exception as exc:  # loading failed (a missing model file is an OSError too): say why
        with contextlib.suppress(OSError):
            conn.send(("failed", f"could not load the detector: {type(exc).__name__}: {exc}"))
        return
    try:
        conn.send(("ready", None))
        while True:
            texts = conn.recv()
            if texts is None:
                return
            try:
                reply: tuple[str, Any] = ("done", [_flat(d) for d in engine.detect_many(texts)])
            except Exception as exc:  # reported to the caller, which raises it as a DetectionError
                reply = ("failed", f"{type(exc).__name__}: {exc}")
            conn.send(reply)
    except (EOFError, OSError):  # the caller closed its end: nothing left to do
        return
    except Exception as exc:  # an answer that could not be sent (not picklable...)
        with contextlib.suppress(OSError):
            conn.send(("failed", f"{type(exc).__name__}: {exc}"))


def _rebuild(texts: list[str], flats: list[_Flat]) -> list[Detection]:
    out: list[Detection] = []
    for text, (language, script, confidence, reliable, alternatives, spans, reasons) in zip(texts, flats, strict=True):
        out.append(Detection(language, script, confidence, reliable, alternatives,
                             tuple(Span(a, b, text[a:b], lang, conf, kind) for a, b, lang, conf, kind in spans),
                             reasons))
    return out


# --- the calling process ------------------------------------------------------------------------
@dataclass(eq=False)
class _Helper:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    held: deque[int] = field(default_factory=deque)
    """Chunks handed to it, oldest first (it answers in order)."""


def _stop(helpers: list[_Helper], grace: float = 2.0) -> None:
    """Ask *helpers* to stop, then end those that do not within *grace* seconds (one still loading
    holds no work: it is ended at once rather than waited for)."""
    for h in helpers:
        if not h.ready:
            h.process.terminate()
            continue
        with contextlib.suppress(OSError, ValueError):  # already gone, or the pipe closed
            h.conn.send(None)
    deadline = time.monotonic() + grace
    for h in helpers:
        h.process.join(max(0.0, deadline - time.monotonic()))
        if h.process.is_alive():
            h.process.terminate()
            h.process.join(1.0)
        if h.process.is_alive():
            h.process.kill()
            h.process.join(1.0)
        h.conn.close()


_POOLS: weakref.WeakSet[DetectorPool] = weakref.WeakSet()


def _forget_in_forked_child() -> None:
    """In a process forked from one with helpers (a preforking server's worker), the helpers are
    the parent's: this process must not use, stop or terminate them (multiprocessing's exit hook
    would terminate every daemonic child it lists)."""
    children = getattr(multiprocessing.process, "_children", None)
    for pool in list(_POOLS):
        if pool._finalizer is not None:
            pool._finalizer.detach()
            pool._finalizer = None
        for h in pool._helpers:
            if isinstance(children, set):
                children.discard(h.process)
            with contextlib.suppress(OSError):
                h.conn.close()  # this process's copy only: a helper still sees its caller go away
        pool._helpers = []
        pool._busy = threading.Lock()
        pool._owner = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_in_forked_child)


class DetectorPool:
    """``processes`` helper processes that run *config*'s detector, for
    :meth:`toneloc.detect.LanguageDetector.detect_many`; started on the first :meth:`run` (or by
    :meth:`start`). One batch at a time: while one thread's batch has the helpers, another
    thread's batch is decided in the calling process alone.

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
        self._helpers: list[_Helper] = []
        self._busy = threading.Lock()  # held for a whole batch
        self._owner: int | None = None  # the thread holding _busy
        self._finalizer: weakref.finalize[..., DetectorPool] | None = None
        _POOLS.add(self)

    @property
    def started(self) -> bool:
        """Whether the helper processes are running (or starting)."""
        return bool(self._helpers)

    @property
    def loaded(self) -> int:
        """How many helpers have said they are loaded (as far as a batch or :meth:`start` has read)."""
        return sum(h.ready for h in self._helpers)

    def _launch(self) -> list[_Helper]:
        """The helpers, started now if they are not running (call with ``_busy`` held)."""
        if self._helpers:
            if all(h.process.is_alive() for h in self._helpers):
                return self._helpers
            self._abandon()  # one died while idle (killed for memory...): start afresh
        if multiprocessing.current_process().daemon:
            raise DetectionError("detect_many(workers > 1) cannot start helper processes in a daemonic process",
                                 hint=_HINT)
        ctx = multiprocessing.get_context("spawn")
        helpers: list[_Helper] = []
        masked = hasattr(signal, "pthread_sigmask")
        try:
            # Ctrl-C while a helper starts would kill it before it can ignore Ctrl-C (it unblocks)
            old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}) if masked else None
            try:
                for _ in range(self.processes):
                    mine, theirs = ctx.Pipe()
                    process = ctx.Process(target=_serve, args=(theirs, self.config), daemon=True,
                                          name="toneloc-detect-helper")
                    process.start()
                    theirs.close()  # the helper holds the only other end: its death is an end of file here
                    helpers.append(_Helper(process, mine))
            finally:
                if old is not None:
                    signal.pthread_sigmask(signal.SIG_SETMASK, old)
        except BaseException as exc:
            _stop(helpers, grace=0.0)
            if not isinstance(exc, (OSError, RuntimeError)):
                raise
            raise DetectionError(f"could not start {self.processes} detector helper process(es): {exc}",
                                 hint=_HINT) from exc
        self._helpers = helpers
        self._finalizer = weakref.finalize(self, _stop, helpers)  # a pool dropped without close()
        return helpers

    def start(self, timeout: float = 120.0) -> None:
        """Start the helpers and wait until every one has loaded its models (a
        :class:`~toneloc.errors.DetectionError` if one cannot, or after *timeout* seconds)."""
        with self._busy:
            self._owner = threading.get_ident()
            helpers = self._launch()
            deadline = time.monotonic() + timeout
            try:
                while not all(h.ready for h in helpers):
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise DetectionError(f"detector helper processes not ready after {timeout:g} s",
                                             hint=_HINT)
                    self._receive(helpers, {}, block=left)
            except BaseException:
                self._abandon()  # one failed or none in time: start afresh next time
                raise
            finally:
                self._owner = None

    def run(self, engine: DetectorEngine, texts: list[str]) -> list[Detection]:
        """Detect *texts* (distinct and already checked, see :meth:`DetectorEngine.check`) over the
        helpers and this process; results follow *texts*."""
        if not self._busy.acquire(blocking=False):  # another thread's batch has the helpers
            return engine.detect_many(texts)
        self._owner = threading.get_ident()
        try:
            return self._run(engine, texts)
        except BaseException:
            self._abandon()  # chunks may still be in the helpers' pipes: never reuse them
            raise
        finally:
            self._owner = None
            self._busy.release()

    def _run(self, engine: DetectorEngine, texts: list[str]) -> list[Detection]:
        helpers = self._launch()
        chunks = [texts[i : i + CHUNK] for i in range(0, len(texts), CHUNK)]
        done: dict[int, list[Detection]] = {}
        answers: dict[int, list[_Flat]] = {}  # received, not yet rebuilt
        mine: list[list[Detection]] = []  # the caller's results, from the end backwards
        lo = 0  # chunks[:lo] are the helpers'
        hi = len(texts)  # texts[hi:] are the caller's
        while True:
            self._receive(helpers, answers, block=None)
            for h in helpers:  # first the helpers' next work, then the rebuilding
                while h.ready and len(h.held) < AHEAD and (lo + 1) * CHUNK <= hi:
                    try:
                        h.conn.send(chunks[lo])
                    except OSError as exc:  # it died since the last look
                        raise self._stopped(h) from exc
                    h.held.append(lo)
                    lo += 1
            for i in list(answers):
                done[i] = _rebuild(chunks[i], answers.pop(i))
            if hi > lo * CHUNK:
                start = max(lo * CHUNK, hi - CALLER_CHUNK)
                mine.append(engine.detect_many(texts[start:hi]))
                hi = start
            elif any(h.held for h in helpers):
                self._receive(helpers, answers, block=60.0)
            else:
                break
        out = [d for i in range(lo) for d in done[i]]
        for part in reversed(mine):
            out.extend(part)
        return out

    def _receive(self, helpers: list[_Helper], answers: dict[int, list[_Flat]], block: float | None) -> None:
        """Read every message the helpers have sent (waiting up to *block* seconds for the first
        when given); results go to *answers* by chunk. A helper that died or failed is an error."""
        conns = {h.conn: h for h in helpers}
        ready = wait(list(conns), timeout=0 if block is None else block)
        for conn in ready:
            h = conns[cast("Connection", conn)]
            while True:
                try:
                    kind, payload = h.conn.recv()
                except (EOFError, OSError) as exc:
                    raise self._stopped(h) from exc
                if kind == "ready":
                    h.ready = True
                elif kind == "done":
                    i = h.held.popleft()
                    answers[i] = payload
                else:
                    raise DetectionError(f"a detector helper process failed: {payload}", hint=_HINT)
                if not h.conn.poll():
                    break

    @staticmethod
    def _stopped(h: _Helper) -> DetectionError:
        h.process.join(0.5)  # reaped, for its exit code
        return DetectionError(
            f"a detector helper process stopped (pid {h.process.pid}, exit code {h.process.exitcode})",
            hint="the next call starts new helpers; a script using workers > 1 must guard its "
            "entry point with `if __name__ == \"__main__\":` (helpers are spawned); " + _HINT,
        )

    def _abandon(self) -> None:
        """Stop the helpers without waiting for their work (after an error or an interruption)."""
        helpers, self._helpers = self._helpers, []
        if self._finalizer is not None:
            self._finalizer.detach()
            self._finalizer = None
        for h in helpers:
            if h.process.is_alive():
                h.process.terminate()
        _stop(helpers, grace=1.0)

    def close(self) -> None:
        """Stop the helper processes (waiting for a batch another thread runs on them); they start
        again on the next :meth:`run`."""
        if self._owner == threading.get_ident():  # a signal handler interrupting this thread's batch
            self._abandon()  # (that batch then fails: its helpers are gone)
            return
        with self._busy:
            helpers, self._helpers = self._helpers, []
            if self._finalizer is not None:
                self._finalizer.detach()
                self._finalizer = None
            _stop(helpers)
