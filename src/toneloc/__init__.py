"""toneloc: answer every helpdesk customer in their own language, in the tone their culture expects.

``import toneloc`` is cheap: submodules (formatting, detect, translate, review, tone, templating,
lint, pipeline) load on first attribute access.

>>> import toneloc
>>> toneloc.get_culture("de-DE").register
'formal'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0.dev0"

# Lazy public API: attribute -> module that defines it. One line each; keep sorted by module.
_LAZY: dict[str, str] = {
    "Culture": "toneloc.culture",
    "CultureMatch": "toneloc.culture",
    "available_cultures": "toneloc.culture",
    "get_culture": "toneloc.culture",
    "resolve_culture": "toneloc.culture",
    "Detection": "toneloc.detect",
    "DetectorConfig": "toneloc.detect",
    "LanguageDetector": "toneloc.detect",
    "detect_many": "toneloc.detect",
    "TonelocError": "toneloc.errors",
    "UnknownLocaleError": "toneloc.errors",
    "BusinessCalendar": "toneloc.formatting",
    "ConvertedPrice": "toneloc.formatting",
    "ExchangeRates": "toneloc.formatting",
    "Holiday": "toneloc.formatting",
    "format_compact": "toneloc.formatting",
    "format_converted_price": "toneloc.formatting",
    "format_date": "toneloc.formatting",
    "format_datetime": "toneloc.formatting",
    "format_deadline": "toneloc.formatting",
    "format_interval": "toneloc.formatting",
    "format_list": "toneloc.formatting",
    "format_money": "toneloc.formatting",
    "format_number": "toneloc.formatting",
    "format_percent": "toneloc.formatting",
    "format_relative": "toneloc.formatting",
    "format_time": "toneloc.formatting",
    "format_unit": "toneloc.formatting",
    "holiday_on": "toneloc.formatting",
    "holidays_between": "toneloc.formatting",
    "Finding": "toneloc.lint",
    "LintConfig": "toneloc.lint",
    "LintResult": "toneloc.lint",
    "lint_paths": "toneloc.lint",
    "fallback_chain": "toneloc.locale",
    "locale_tag": "toneloc.locale",
    "parse_locale": "toneloc.locale",
    "ItemKey": "toneloc.review",
    "NewItem": "toneloc.review",
    "ReviewItem": "toneloc.review",
    "ReviewState": "toneloc.review",
    "ReviewStore": "toneloc.review",
    "open_store": "toneloc.review",
    "Pipeline": "toneloc.pipeline",
    "PipelineConfig": "toneloc.pipeline",
    "Reply": "toneloc.pipeline",
    "translate_kb": "toneloc.pipeline",
    "Edit": "toneloc.tone",
    "RegisterHit": "toneloc.tone",
    "RewriteResult": "toneloc.tone",
    "check_register": "toneloc.tone",
    "culture_address": "toneloc.tone",
    "rewrite": "toneloc.tone",
    "Customer": "toneloc.templating",
    "Rendered": "toneloc.templating",
    "TemplateSet": "toneloc.templating",
    "render_kb": "toneloc.templating",
    "render_template": "toneloc.templating",
    "RiskPolicy": "toneloc.translate",
    "SafeTranslator": "toneloc.translate",
    "Translation": "toneloc.translate",
    "Translator": "toneloc.translate",
    "mask": "toneloc.translate",
    "translate_markdown": "toneloc.translate",
    "unmask": "toneloc.translate",
}

if TYPE_CHECKING:  # pragma: no cover
    from toneloc.culture import Culture, CultureMatch, available_cultures, get_culture, resolve_culture
    from toneloc.detect import Detection, DetectorConfig, LanguageDetector, detect_many
    from toneloc.errors import TonelocError, UnknownLocaleError
    from toneloc.formatting import (
        BusinessCalendar,
        ConvertedPrice,
        ExchangeRates,
        Holiday,
        format_compact,
        format_converted_price,
        format_date,
        format_datetime,
        format_deadline,
        format_interval,
        format_list,
        format_money,
        format_number,
        format_percent,
        format_relative,
        format_time,
        format_unit,
        holiday_on,
        holidays_between,
    )
    from toneloc.lint import Finding, LintConfig, LintResult, lint_paths
    from toneloc.locale import fallback_chain, locale_tag, parse_locale
    from toneloc.pipeline import Pipeline, PipelineConfig, Reply, translate_kb
    from toneloc.review import ItemKey, NewItem, ReviewItem, ReviewState, ReviewStore, open_store
    from toneloc.templating import Customer, Rendered, TemplateSet, render_kb, render_template
    from toneloc.tone import Edit, RegisterHit, RewriteResult, check_register, culture_address, rewrite
    from toneloc.translate import (
        RiskPolicy,
        SafeTranslator,
        Translation,
        Translator,
        mask,
        translate_markdown,
        unmask,
    )

__all__ = [
    "BusinessCalendar",
    "ConvertedPrice",
    "Culture",
    "CultureMatch",
    "Customer",
    "Detection",
    "DetectorConfig",
    "Edit",
    "ExchangeRates",
    "Finding",
    "Holiday",
    "ItemKey",
    "LanguageDetector",
    "LintConfig",
    "LintResult",
    "NewItem",
    "Pipeline",
    "PipelineConfig",
    "RegisterHit",
    "Rendered",
    "Reply",
    "ReviewItem",
    "ReviewState",
    "ReviewStore",
    "RewriteResult",
    "RiskPolicy",
    "SafeTranslator",
    "TemplateSet",
    "TonelocError",
    "Translation",
    "Translator",
    "UnknownLocaleError",
    "__version__",
    "available_cultures",
    "check_register",
    "culture_address",
    "detect_many",
    "fallback_chain",
    "format_compact",
    "format_converted_price",
    "format_date",
    "format_datetime",
    "format_deadline",
    "format_interval",
    "format_list",
    "format_money",
    "format_number",
    "format_percent",
    "format_relative",
    "format_time",
    "format_unit",
    "get_culture",
    "holiday_on",
    "holidays_between",
    "lint_paths",
    "locale_tag",
    "mask",
    "open_store",
    "parse_locale",
    "render_kb",
    "render_template",
    "resolve_culture",
    "rewrite",
    "translate_kb",
    "translate_markdown",
    "unmask",
]


def __getattr__(name: str) -> Any:
    mod = _LAZY.get(name)
    if mod is None:
        raise AttributeError(f"module 'toneloc' has no attribute {name!r}")
    value = getattr(importlib.import_module(mod), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
