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
    "TonelocError": "toneloc.errors",
    "UnknownLocaleError": "toneloc.errors",
    "fallback_chain": "toneloc.locale",
    "locale_tag": "toneloc.locale",
    "parse_locale": "toneloc.locale",
}

if TYPE_CHECKING:  # pragma: no cover
    from toneloc.culture import Culture, CultureMatch, available_cultures, get_culture, resolve_culture
    from toneloc.errors import TonelocError, UnknownLocaleError
    from toneloc.locale import fallback_chain, locale_tag, parse_locale

__all__ = [
    "Culture",
    "CultureMatch",
    "TonelocError",
    "UnknownLocaleError",
    "__version__",
    "available_cultures",
    "fallback_chain",
    "get_culture",
    "locale_tag",
    "parse_locale",
    "resolve_culture",
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
