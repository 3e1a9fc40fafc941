"""Approved items feed the translation memory.

``toneloc.translate`` defines the translation memory; this module only needs something with an
``add(source, target, *, locale=...)`` method, so any memory (or a test double) can be fed.

>>> from toneloc.review import ItemKey, NewItem, Candidate, open_store
>>> store = open_store(":memory:")
>>> [i] = store.enqueue([NewItem(ItemKey.message("Thanks!"), "Thanks!", "de", candidates=[Candidate("Danke!")])],
...                     who="bot")
>>> _ = store.approve(i, reviewer="ana")
>>> class Memory:
...     def __init__(self): self.pairs = []
...     def add(self, source, target, *, locale, **meta): self.pairs.append((source, target, locale))
>>> mem = Memory()
>>> feed_translation_memory(store, mem, locale="de")
1
>>> mem.pairs
[('Thanks!', 'Danke!', 'de')]
"""

from __future__ import annotations

import inspect
from typing import Any, Protocol

from toneloc.locale import LocaleLike, locale_tag, parse_locale
from toneloc.review._model import Candidate, ItemKey, NewItem
from toneloc.review._store import ReviewStore

__all__ = ["MemoryWriter", "ReviewMemory", "feed_translation_memory"]


class MemoryWriter(Protocol):
    """The part of a translation memory the review queue writes to."""

    def add(self, source: str, target: str, *, locale: Any, **meta: Any) -> Any: ...


def feed_translation_memory(store: ReviewStore, memory: MemoryWriter, *, locale: LocaleLike) -> int:
    """Add every approved translation of *locale* to *memory*; returns how many pairs were added.

    Extra keyword arguments (``origin="human"``, ``context``, ``reviewer``) are passed only when the
    memory's ``add`` accepts them.
    """
    try:
        params = inspect.signature(memory.add).parameters
    except (TypeError, ValueError):  # pragma: no cover - builtins without a signature
        params = {}  # type: ignore[assignment]
    takes_all = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
    n = 0
    for pair in store.approved_pairs(locale=locale):
        extra: dict[str, Any] = {}
        provenance = f"review item {pair.item_id} approved by {pair.reviewer or '?'}"
        for name, value in (("origin", "human"), ("provenance", provenance), ("reviewer", pair.reviewer)):
            if takes_all or name in params:
                extra[name] = value
        memory.add(pair.source, pair.translation, locale=pair.locale, **extra)
        n += 1
    return n


class ReviewMemory:
    """The review store seen as a ``toneloc.translate.TranslationMemory`` (``add``/``lookup``).

    ``lookup`` returns approved translations only: exact source first (score 1.0), else the closest
    approved source at or above *threshold* (``toneloc.translate.memory.similarity``: words and
    characters); a regional locale falls back to its language (``de-AT`` finds ``de``). ``add`` records
    an already-approved pair (e.g. from a legacy catalog) as an approved item whose history names the adder.
    For large memories, feed a ``SQLiteTranslationMemory`` with :func:`feed_translation_memory` instead:
    its fuzzy search is indexed; this one scans the approved items of the locale.

    >>> from toneloc.review import open_store
    >>> mem = ReviewMemory(open_store(":memory:"), who="import")
    >>> mem.add("Thank you!", "Vielen Dank!", "de")
    >>> mem.lookup("Thank you!", "de").target
    'Vielen Dank!'
    >>> round(mem.lookup("Thank you!!", "de-AT").score, 2), mem.lookup("Something else", "de")
    (0.98, None)
    """

    def __init__(self, store: ReviewStore, *, who: str = "translation-memory", threshold: float = 0.75) -> None:
        self.store = store
        self.who = who
        self.threshold = threshold

    def add(self, source: str, target: str, locale: LocaleLike, *, origin: str = "human",
            provenance: str = "") -> None:
        """Store *target* as the approved translation of *source* in *locale*."""
        [item_id] = self.store.enqueue(
            [NewItem(ItemKey.message(source), source, locale_tag(parse_locale(locale)),
                     candidates=[Candidate(target, engine=origin)],
                     meta={"provenance": provenance} if provenance else {})],
            who=self.who,
        )
        item = self.store.get(item_id)
        if item.state.value == "approved":
            return
        if item.state.value == "stale":
            self.store.reopen(item_id, reviewer=self.who)
        self.store.approve(item_id, reviewer=self.who, text=target)

    def lookup(self, source: str, locale: LocaleLike) -> Any:
        """The best approved match (a ``toneloc.translate`` ``Match``) or ``None``."""
        from toneloc.translate._types import Match
        from toneloc.translate.memory import similarity

        loc = parse_locale(locale)
        tags = list(dict.fromkeys([locale_tag(loc), loc.language]))
        for tag in tags:
            for pair in self.store.approved_pairs(locale=tag, source=source):
                return Match(pair.source, pair.translation, tag, 1.0, "human", f"review item {pair.item_id}")
        best: tuple[float, str, Any] | None = None
        for tag in tags:
            for pair in self.store.approved_pairs(locale=tag):
                score = similarity(source, pair.source)
                if score >= self.threshold and (best is None or score > best[0]):
                    best = (score, tag, pair)
        if best is None:
            return None
        score, tag, pair = best
        return Match(pair.source, pair.translation, tag, score, "human", f"review item {pair.item_id}")
