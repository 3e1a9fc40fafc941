"""The human-review queue: items, states, stores (SQLite, PostgreSQL), PO/XLIFF exchange, privacy.

Everything a machine translated, rewrote or flagged waits here for a person. Translators work through
it with ``toneloc review next``; scripts use the store directly.

>>> from toneloc.review import ItemKey, NewItem, Candidate, open_store
>>> store = open_store(":memory:")
>>> [item_id] = store.enqueue(
...     [NewItem(ItemKey.message("Your order {order_id} has shipped."), "Your order {order_id} has shipped.", "de",
...              candidates=[Candidate("Ihre Bestellung {order_id} wurde versandt.", engine="argos")],
...              reasons=["low-confidence"])],
...     who="pipeline")
>>> item = store.claim_next("ana", locale="de")
>>> store.approve(item.id, reviewer="ana").state
<ReviewState.APPROVED: 'approved'>
>>> [p.translation for p in store.approved_pairs(locale="de")]
['Ihre Bestellung {order_id} wurde versandt.']
"""

from __future__ import annotations

import os

from toneloc.review._checks import EditProblem, check_edit, placeholders
from toneloc.review._model import (
    CHECK_REASONS,
    REASON_CODES,
    TRANSITIONS,
    Candidate,
    Comment,
    HistoryEntry,
    Hypothesis,
    ItemKey,
    NewItem,
    ReviewItem,
    ReviewState,
    check_transition,
    codes_from_checks,
    reason_code,
    reason_matches,
)
from toneloc.review._postgres import PostgresReviewStore
from toneloc.review._privacy import PERSONAL_DATA_RIGHT, iban_ok, luhn_ok, mask_item, mask_text, unmask
from toneloc.review._sqlite import DEFAULT_DB_ENV, SQLiteReviewStore, default_db_path
from toneloc.review._store import (
    DEFAULT_LEASE,
    SCHEMA_VERSION,
    ApprovedPair,
    ImportRecord,
    ImportSummary,
    ReviewStore,
    SQLReviewStore,
    plural_rule,
)
from toneloc.review._tm import ReviewMemory, feed_translation_memory

__all__ = [
    "CHECK_REASONS",
    "DEFAULT_DB_ENV",
    "DEFAULT_LEASE",
    "PERSONAL_DATA_RIGHT",
    "REASON_CODES",
    "SCHEMA_VERSION",
    "TRANSITIONS",
    "ApprovedPair",
    "Candidate",
    "Comment",
    "EditProblem",
    "HistoryEntry",
    "Hypothesis",
    "ImportRecord",
    "ImportSummary",
    "ItemKey",
    "NewItem",
    "PostgresReviewStore",
    "ReviewItem",
    "ReviewMemory",
    "ReviewState",
    "ReviewStore",
    "SQLReviewStore",
    "SQLiteReviewStore",
    "check_edit",
    "check_transition",
    "codes_from_checks",
    "default_db_path",
    "feed_translation_memory",
    "iban_ok",
    "luhn_ok",
    "mask_item",
    "mask_text",
    "open_store",
    "placeholders",
    "plural_rule",
    "reason_code",
    "reason_matches",
    "unmask",
]


def open_store(spec: str | os.PathLike[str] | None = None) -> SQLReviewStore:
    """Open a review store: a ``postgresql://`` DSN, a SQLite path, ``":memory:"``, or the default path.

    >>> open_store(":memory:").schema_version == SCHEMA_VERSION
    True
    """
    if spec is None:
        spec = default_db_path()
    text = os.fspath(spec)
    if text.startswith(("postgresql://", "postgres://")):
        from toneloc.review._postgres import PostgresReviewStore

        return PostgresReviewStore(text)
    return SQLiteReviewStore(text)

