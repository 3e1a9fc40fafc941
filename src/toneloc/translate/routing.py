"""Route translations that need a human into the review queue (:mod:`toneloc.review`).

:func:`to_review_item` turns a :class:`~toneloc.translate.Translation` into a
``toneloc.review.NewItem`` whose candidate carries the engine, model, score, every hypothesis and
the result of every risk check, and whose reasons are the translation's reasons.
:func:`route_to_review` enqueues the ones that need review (or all) and returns the item ids.

>>> from toneloc.review import open_store
>>> from toneloc.translate import SafeTranslator
>>> store = open_store(":memory:")
>>> t = SafeTranslator(None).translate("Your parcel is late.", locale="de")
>>> t.decision
'needs-review'
>>> ids = route_to_review(store, [t])
>>> item = store.get(ids[0])
>>> (item.source, item.locale, item.reasons[0])
('Your parcel is late.', 'de', 'no translation memory match and no MT engine configured')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from toneloc.errors import InvalidInputError
from toneloc.translate._types import Translation

if TYPE_CHECKING:  # pragma: no cover
    from toneloc.review import ItemKey, NewItem, ReviewStore

__all__ = ["route_to_review", "to_review_item"]


def to_review_item(translation: Translation, *, key: ItemKey | None = None, customer_id: str | None = None,
                   meta: Mapping[str, Any] | None = None) -> NewItem:
    """A review-queue item for *translation* (key defaults to ``ItemKey.message(source)``).

    >>> from toneloc.translate import Translation
    >>> t = Translation("Hallo {name}", "Hi {name}", "de", "machine", "argos-ct2", "argos:en-de@1.9", -0.3,
    ...                 ("Hallo {name}", "Hi {name}"), True, 0.6, ("low model confidence",), "needs-review",
    ...                 checks=(("placeholders", True), ("logprob", False)))
    >>> item = to_review_item(t)
    >>> item.candidates[0].provenance()
    'engine=argos-ct2 model=argos:en-de@1.9 score=-0.3'
    >>> dict(item.candidates[0].checks)
    {'placeholders': 'ok', 'logprob': 'failed'}
    """
    from toneloc.review import Candidate, ItemKey, NewItem
    from toneloc.review import Hypothesis as ReviewHypothesis

    if not isinstance(translation, Translation):
        raise InvalidInputError(f"expected a Translation, got {type(translation).__name__}",
                                hint="pass the results of SafeTranslator.translate_batch()")
    cand = Candidate(
        translation.text,
        engine=translation.engine,
        model=translation.model_version or None,
        score=translation.score,
        hypotheses=tuple(ReviewHypothesis(h) for h in translation.hypotheses),
        checks={name: "ok" if ok else "failed" for name, ok in translation.checks},
    )
    info: dict[str, Any] = {"origin": translation.origin, "risk": translation.risk,
                            "decision": translation.decision, "source_locale": translation.source_locale,
                            "protected_tokens_ok": translation.protected_tokens_ok}
    info.update(meta or {})
    return NewItem(key or ItemKey.message(translation.source), translation.source, translation.locale,
                   candidates=[cand], reasons=list(translation.reasons), customer_id=customer_id, meta=info)


def route_to_review(store: ReviewStore, translations: Sequence[Translation], *,
                    keys: Sequence[ItemKey] | None = None, who: str = "toneloc.translate",
                    only_needing_review: bool = True) -> list[int]:
    """Enqueue *translations* (by default only those with ``decision == "needs-review"``); return item ids.

    *keys*, when given, pairs one review key with each translation (e.g. ``ItemKey.kb(article, sid)``).
    """
    if keys is not None and len(keys) != len(translations):
        raise InvalidInputError(f"{len(keys)} keys for {len(translations)} translations",
                                hint="pass one key per translation, or none")
    items = [to_review_item(t, key=keys[i] if keys is not None else None)
             for i, t in enumerate(translations) if t.needs_review or not only_needing_review]
    return store.enqueue(items, who=who) if items else []
