"""Review items, their states and the validated transition table.

>>> ReviewState.STALE.can_become(ReviewState.APPROVED)
False
>>> check_transition(ReviewState.NEEDS_REVIEW, ReviewState.APPROVED)
>>> key = ItemKey.message("Your order has shipped.", msgctxt="email")
>>> key.canonical()
'msg:email\\x04Your order has shipped.'
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from toneloc.errors import InvalidInputError, ReviewStateError

__all__ = [
    "CHECK_REASONS",
    "LEGACY_REASONS",
    "REASON_CODES",
    "TRANSITIONS",
    "Candidate",
    "Comment",
    "HistoryEntry",
    "Hypothesis",
    "ItemKey",
    "NewItem",
    "ReviewItem",
    "ReviewState",
    "canonical_reasons",
    "check_transition",
    "codes_from_checks",
    "reason_code",
    "reason_matches",
]

REASON_CODES: Mapping[str, str] = {
    "untranslated": "no catalog entry, no translation-memory match and no MT model: a translator writes it",
    "placeholder": "a placeholder or protected token was changed, dropped or left unfilled",
    "number": "a number of the source is missing from the translation",
    "glossary": "a glossary term is missing or translated differently",
    "copied": "the engine returned the source text unchanged",
    "wrong-language": "the translation (or the whole reply) reads as another language",
    "unscored": "the engine gives no confidence score, so a person confirms the translation",
    "low-confidence": "the model's log-probability is below the policy's minimum",
    "ambiguous": "the best two MT hypotheses are almost equally likely",
    "length": "the translation is much shorter or longer than the source",
    "high-risk": "the combined risk of the soft checks is above the policy's maximum",
    "memory-fuzzy": "a fuzzy (not exact) translation-memory match a reviewer must adapt",
    "plural": "a plural message: every plural form of the target language must be written or confirmed",
    "tone-unsure": "a tone rule rewrote the text but was not sure of its edit",
    "register": "the reply mixes registers (formal and familiar forms) or uses the wrong one",
    "pseudo": "pseudo-localization output, not a translation",
    "check-failed": "a check of the whole reply failed, so the reply is queued as one item",
}
"""The reason codes stored on review items (first in ``reasons``, before free-text details) and
accepted by ``--reason`` / ``reasons=`` filters. A stored reason is a code, or ``"code: detail"``."""

LEGACY_REASONS: Mapping[str, str] = {
    "needs-translation": "untranslated",
    "mt-risk": "low-confidence",
}
"""Reason tags written by earlier toneloc versions -> the :data:`REASON_CODES` code they mean. Stored
items keep their tag; filters (``reasons=``, ``--reason``) and :func:`reason_code` treat it as the code."""

CHECK_REASONS: Mapping[str, str] = {
    "placeholders": "placeholder",
    "numbers": "number",
    "glossary": "glossary",
    "translated": "copied",
    "language": "wrong-language",
    "scored": "unscored",
    "logprob": "low-confidence",
    "margin": "ambiguous",
    "length": "length",
}
"""Risk-check ids of :func:`toneloc.translate.risk.assess` -> the reason code their failure stores."""


def reason_code(reason: str) -> str | None:
    """The code of a stored reason (``"low-confidence: log-prob -3.1"`` -> ``low-confidence``), or ``None``
    for free text.

    >>> reason_code("placeholder: %(order)s missing"), reason_code("unscored"), reason_code("risk 0.7 > 0.5")
    ('placeholder', 'unscored', None)

    A legacy tag of :data:`LEGACY_REASONS` gives its current code:

    >>> reason_code("needs-translation"), reason_code("mt-risk: log-prob -3.1")
    ('untranslated', 'low-confidence')
    """
    head = reason.split(":", 1)[0].strip()
    return head if head in REASON_CODES else LEGACY_REASONS.get(head)


def canonical_reasons(wanted: Sequence[str]) -> list[str]:
    """Filter codes with legacy tags (:data:`LEGACY_REASONS`) replaced by their current code.

    Unknown names are kept unchanged (the caller reports them).

    >>> canonical_reasons(["needs-translation", "placeholder", "mt-risk", "low-confidence"])
    ['untranslated', 'placeholder', 'low-confidence']
    """
    return list(dict.fromkeys(LEGACY_REASONS.get(w, w) for w in wanted))


def reason_matches(reasons: Sequence[str], wanted: Sequence[str]) -> bool:
    """Whether any stored reason carries one of the *wanted* codes (exact code, or ``code: ...``).

    >>> reason_matches(["low-confidence", "low model confidence: log-prob -3.10 < -1.50"], ["placeholder", "low"])
    False
    >>> reason_matches(["placeholder: {order} missing"], ["placeholder"])
    True
    """
    codes = {reason_code(r) for r in reasons}
    return any(w in codes for w in canonical_reasons(wanted))


def codes_from_checks(checks: Mapping[str, str] | Sequence[tuple[str, bool]]) -> list[str]:
    """Reason codes for the failed risk checks of a candidate (``{"logprob": "failed"}`` or
    ``(("logprob", False),)``), in check order.

    >>> codes_from_checks({"placeholders": "ok", "scored": "failed"})
    ['unscored']
    >>> codes_from_checks((("logprob", False), ("length", False), ("margin", True)))
    ['low-confidence', 'length']
    """
    pairs = checks.items() if isinstance(checks, Mapping) else checks
    out = []
    for name, result in pairs:
        failed = result is False or result == "failed"
        code = CHECK_REASONS.get(name)
        if failed and code is not None and code not in out:
            out.append(code)
    return out


class ReviewState(enum.StrEnum):
    """Where an item is in the review workflow.

    >>> ReviewState("needs-review") is ReviewState.NEEDS_REVIEW
    True
    """

    NEW = "new"
    NEEDS_REVIEW = "needs-review"
    IN_REVIEW = "in-review"
    APPROVED = "approved"
    REJECTED = "rejected"
    STALE = "stale"

    @property
    def resolved(self) -> bool:
        """Approved and rejected items are resolved (retention purges only those)."""
        return self in (ReviewState.APPROVED, ReviewState.REJECTED)

    @property
    def queued(self) -> bool:
        """States a reviewer can claim from the queue."""
        return self in (ReviewState.NEW, ReviewState.NEEDS_REVIEW, ReviewState.STALE)

    def can_become(self, target: ReviewState) -> bool:
        """Whether the transition table allows ``self -> target``."""
        return target in TRANSITIONS[self]


_S = ReviewState
TRANSITIONS: Mapping[ReviewState, frozenset[ReviewState]] = {
    # A fresh machine output: triage flags it, a reviewer claims it or approves/rejects it directly.
    _S.NEW: frozenset({_S.NEEDS_REVIEW, _S.IN_REVIEW, _S.APPROVED, _S.REJECTED}),
    _S.NEEDS_REVIEW: frozenset({_S.IN_REVIEW, _S.APPROVED, _S.REJECTED}),
    # A claim ends with a decision or goes back to the queue in the state it had before the claim
    # (release, expired lease): a released stale item is still stale. Another reviewer may re-claim
    # an expired claim (in-review -> in-review).
    _S.IN_REVIEW: frozenset({_S.APPROVED, _S.REJECTED, _S.NEW, _S.NEEDS_REVIEW, _S.STALE, _S.IN_REVIEW}),
    # The source changed after approval: stale. Reopening is explicit.
    _S.APPROVED: frozenset({_S.STALE, _S.NEEDS_REVIEW}),
    _S.REJECTED: frozenset({_S.NEEDS_REVIEW}),
    # Approving a stale item needs a fresh look: claim it (in-review) or send it back to the queue first.
    _S.STALE: frozenset({_S.IN_REVIEW, _S.NEEDS_REVIEW}),
}
"""Allowed transitions: ``state -> states it may become``."""

_HINTS: Mapping[tuple[ReviewState, ReviewState], str] = {
    (_S.STALE, _S.APPROVED): "the source changed after approval: claim it (`toneloc review next`) "
    "and look at the source diff, or reopen it, before approving",
    (_S.STALE, _S.REJECTED): "claim it first and look at the source diff",
    (_S.APPROVED, _S.APPROVED): "it is already approved",
    (_S.REJECTED, _S.REJECTED): "it is already rejected",
    (_S.APPROVED, _S.REJECTED): "reopen it first (state needs-review)",
    (_S.REJECTED, _S.APPROVED): "reopen it first (state needs-review)",
}


def check_transition(before: ReviewState, after: ReviewState, *, item_id: int | None = None) -> None:
    """Raise :class:`~toneloc.errors.ReviewStateError` unless ``before -> after`` is allowed.

    >>> check_transition(ReviewState.STALE, ReviewState.APPROVED, item_id=7)
    Traceback (most recent call last):
    ...
    toneloc.errors.ReviewStateError: item 7: cannot go from stale to approved (hint: the source changed ...)
    """
    if before.can_become(after):
        return
    allowed = ", ".join(sorted(s.value for s in TRANSITIONS[before])) or "nothing"
    where = f"item {item_id}: " if item_id is not None else ""
    hint = _HINTS.get((before, after), f"from {before.value} it may become: {allowed}")
    raise ReviewStateError(f"{where}cannot go from {before.value} to {after.value}", hint=hint)


@dataclass(frozen=True, slots=True)
class ItemKey:
    """What a string is: a gettext message, a template key or a knowledge-base article segment.

    >>> ItemKey.template_key("emails/shipped.html", "greeting").canonical()
    'tpl:emails/shipped.html#greeting'
    >>> ItemKey.kb("reset-password", "p3", revision="7").canonical()
    'kb:reset-password#p3'
    """

    kind: str = "msg"  # "msg" | "tpl" | "kb"
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    template: str | None = None
    name: str | None = None
    article: str | None = None
    revision: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in ("msg", "tpl", "kb"):
            raise InvalidInputError(f"unknown item key kind {self.kind!r}", hint="use 'msg', 'tpl' or 'kb'")

    @classmethod
    def message(cls, msgid: str, *, msgctxt: str | None = None, msgid_plural: str | None = None) -> ItemKey:
        """A gettext message (``msgctxt`` + ``msgid``)."""
        return cls("msg", msgid=msgid, msgctxt=msgctxt, msgid_plural=msgid_plural)

    @classmethod
    def template_key(cls, template: str, name: str) -> ItemKey:
        """A named string in a template."""
        return cls("tpl", template=template, name=name)

    @classmethod
    def kb(cls, article: str, segment: str, *, revision: str | None = None) -> ItemKey:
        """A segment of a knowledge-base article; the revision is metadata, not identity."""
        return cls("kb", article=article, name=segment, revision=revision)

    def canonical(self) -> str:
        """The identity string (unique per locale in a store)."""
        if self.kind == "msg":
            return f"msg:{self.msgctxt or ''}\x04{self.msgid}"
        if self.kind == "tpl":
            return f"tpl:{self.template}#{self.name}"
        return f"kb:{self.article}#{self.name}"

    def label(self) -> str:
        """A short human label (``msgctxt|msgid``, ``template#key``, ``article@rev#segment``)."""
        if self.kind == "msg":
            return f"{self.msgctxt}|{self.msgid}" if self.msgctxt else self.msgid
        if self.kind == "tpl":
            return f"{self.template}#{self.name}"
        rev = f"@{self.revision}" if self.revision else ""
        return f"{self.article}{rev}#{self.name}"

    def to_dict(self) -> dict[str, Any]:
        """The set fields (``None`` left out), as stored in the database and in exported files."""
        out = {}
        for name in _KEY_FIELDS:
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ItemKey:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})


_KEY_FIELDS = ("kind", "msgid", "msgctxt", "msgid_plural", "template", "name", "article", "revision")


@dataclass(frozen=True, slots=True)
class Hypothesis:
    """One n-best hypothesis of an engine, with its score (higher is better)."""

    text: str
    score: float | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposed translation with its provenance.

    >>> c = Candidate("Ihre Bestellung wurde versandt.", engine="argos", model="translate-en_de", model_version="1.9")
    >>> c.provenance()
    'engine=argos model=translate-en_de 1.9'
    """

    text: str
    engine: str = "human"
    model: str | None = None
    model_version: str | None = None
    score: float | None = None
    hypotheses: tuple[Hypothesis, ...] = ()
    tone_rules: tuple[str, ...] = ()
    checks: Mapping[str, str] = field(default_factory=dict)  # check id -> "ok" or a message
    plural_forms: tuple[str, ...] = ()

    def provenance(self) -> str:
        """One line saying where this candidate came from."""
        parts = [f"engine={self.engine}"]
        if self.model:
            parts.append(f"model={self.model}" + (f" {self.model_version}" if self.model_version else ""))
        if self.score is not None:
            parts.append(f"score={self.score:.3g}")
        if self.tone_rules:
            parts.append("tone=" + ",".join(self.tone_rules))
        return " ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "engine": self.engine}
        for name in ("model", "model_version", "score"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.hypotheses:
            out["hypotheses"] = [{"text": h.text, "score": h.score} for h in self.hypotheses]
        if self.tone_rules:
            out["tone_rules"] = list(self.tone_rules)
        if self.checks:
            out["checks"] = dict(self.checks)
        if self.plural_forms:
            out["plural_forms"] = list(self.plural_forms)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Candidate:
        return cls(
            text=str(data["text"]),
            engine=str(data.get("engine", "human")),
            model=data.get("model"),
            model_version=data.get("model_version"),
            score=data.get("score"),
            hypotheses=tuple(Hypothesis(str(h["text"]), h.get("score")) for h in data.get("hypotheses", ())),
            tone_rules=tuple(data.get("tone_rules", ())),
            checks=dict(data.get("checks", {})),
            plural_forms=tuple(data.get("plural_forms", ())),
        )


@dataclass(frozen=True, slots=True)
class Comment:
    """A reviewer's comment on an item."""

    author: str
    at: datetime
    text: str


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One change to an item: who, when, what action, the fields before and after."""

    who: str
    at: datetime
    action: str
    before: Mapping[str, Any]
    after: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class NewItem:
    """What callers enqueue: a source string waiting for review in one locale.

    ``locale`` is parsed by the store (:func:`toneloc.locale.parse_locale`).
    """

    key: ItemKey
    source: str
    locale: str
    candidates: Sequence[Candidate] = ()
    reasons: Sequence[str] = ()
    customer_id: str | None = None
    state: ReviewState = ReviewState.NEEDS_REVIEW
    meta: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """A string in the review queue, as stored (or masked for a reviewer, see ``masked``)."""

    id: int
    key: ItemKey
    source: str
    locale: str
    state: ReviewState
    candidates: tuple[Candidate, ...] = ()
    reasons: tuple[str, ...] = ()
    previous_source: str | None = None
    translation: str | None = None
    translation_plural: tuple[str, ...] = ()
    reviewer: str | None = None
    claimed_by: str | None = None
    lease_until: datetime | None = None
    customer_id: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    comments: tuple[Comment, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)
    masked: bool = False

    @property
    def candidate(self) -> Candidate | None:
        """The first (best) candidate, if any."""
        return self.candidates[0] if self.candidates else None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (used by ``--json``)."""
        return {
            "id": self.id,
            "key": self.key.to_dict(),
            "label": self.key.label(),
            "source": self.source,
            "previous_source": self.previous_source,
            "locale": self.locale,
            "state": self.state.value,
            "candidates": [c.to_dict() for c in self.candidates],
            "reasons": list(self.reasons),
            "translation": self.translation,
            "translation_plural": list(self.translation_plural),
            "reviewer": self.reviewer,
            "claimed_by": self.claimed_by,
            "lease_until": _iso(self.lease_until),
            "customer_id": self.customer_id,
            "created_at": _iso(self.created_at),
            "updated_at": _iso(self.updated_at),
            "comments": [{"author": c.author, "at": _iso(c.at), "text": c.text} for c in self.comments],
            "history": [
                {"who": h.who, "at": _iso(h.at), "action": h.action, "before": dict(h.before), "after": dict(h.after)}
                for h in self.history
            ],
            "meta": dict(self.meta),
            "masked": self.masked,
        }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def from_epoch(value: float | None) -> datetime | None:
    """An aware UTC datetime from epoch seconds (``None`` stays ``None``)."""
    return None if value is None else datetime.fromtimestamp(value, UTC)


def dumps(obj: Any) -> str:
    """Compact, stable JSON for stored columns."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
