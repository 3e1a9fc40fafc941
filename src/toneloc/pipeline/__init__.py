"""The reply pipeline: from a customer's message to a localized, checked reply — sent or queued.

::

    message ─► detect ─► choose locale (detected / customer profile / fallback)
    template + context ─► render with catalogs ─► strings no catalog has: translation memory ─► MT
    ─► tone rules of the culture ─► checks ─► send now | review queue (item ids)

>>> from toneloc.pipeline import Pipeline, PipelineConfig
>>> import pathlib, tempfile
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> _ = (root / "thanks.txt").write_text("{{ _('Thank you, %(name)s!', name=customer.name) }}")
>>> p = Pipeline(PipelineConfig(templates=(root,), locales=("en-US", "pt-BR"), translator="pseudo",
...                               review_store=":memory:"))
>>> r = p.reply(message="Não recebi meu pedido.", template="thanks", customer={"name": "Ana"})
>>> r.locale, r.locale_reason, r.segments[0].origin, r.sendable
('pt-BR', 'detected', 'machine', False)

See ``docs/pipeline.md`` and ``docs/tutorial.md``.
"""

from __future__ import annotations

from toneloc.pipeline._config import TRANSLATORS, PipelineConfig, TonePolicy, find_config, load_config
from toneloc.pipeline._core import Pipeline
from toneloc.pipeline._engines import CachedEngine, PseudoEngine
from toneloc.pipeline._kb import (
    EXECUTORS,
    KBReport,
    StaleTranslation,
    diff_segments,
    find_stale,
    kb_task,
    translate_article,
    translate_kb,
)
from toneloc.pipeline._tickets import (
    DEMO_LOCALES,
    Ticket,
    demo_config,
    examples_root,
    load_ticket,
    parse_ticket,
    read_utf8,
)
from toneloc.pipeline._types import (
    ArticleTranslation,
    CheckResult,
    LocaleChoice,
    LocaleReason,
    Reply,
    Segment,
    SegmentOrigin,
)
from toneloc.translate.markdown import (
    MarkdownDocument,
    SourceSegment,
    join_markdown,
    protect_inline,
    restore_inline,
    segment_ids,
    split_markdown,
)

__all__ = [
    "DEMO_LOCALES",
    "EXECUTORS",
    "TRANSLATORS",
    "ArticleTranslation",
    "CachedEngine",
    "CheckResult",
    "KBReport",
    "LocaleChoice",
    "LocaleReason",
    "MarkdownDocument",
    "Pipeline",
    "PipelineConfig",
    "PseudoEngine",
    "Reply",
    "Segment",
    "SegmentOrigin",
    "SourceSegment",
    "StaleTranslation",
    "Ticket",
    "TonePolicy",
    "demo_config",
    "diff_segments",
    "examples_root",
    "find_config",
    "find_stale",
    "join_markdown",
    "kb_task",
    "load_config",
    "load_ticket",
    "parse_ticket",
    "protect_inline",
    "read_utf8",
    "restore_inline",
    "segment_ids",
    "split_markdown",
    "translate_article",
    "translate_kb",
]
