"""Per-culture tone rules: one module per language, loaded lazily through :data:`RULES`.

Each module defines a :class:`~toneloc.rules._base.CultureRules` subclass bound to the module-level
name ``Rules`` (see :mod:`toneloc.rules._base` for the contract). ``import toneloc.rules`` imports
no culture module; :func:`get_rules` imports one on first use, under a lock, and caches an instance.

>>> "de" in RULES
True
>>> get_rules("de").language
'de'
>>> get_rules("de-AT") is get_rules("de")
True
"""

from __future__ import annotations

import importlib
import threading

from toneloc.errors import CultureNotFoundError, close_matches
from toneloc.rules._base import CultureRules

__all__ = ["RULES", "available_languages", "get_rules"]

# The registry: one line per language -> module defining ``Rules``. A test asserts it matches rules/*.py.
RULES: dict[str, str] = {
    "de": "toneloc.rules.de",
    "en": "toneloc.rules.en",
    "es": "toneloc.rules.es",
    "fr": "toneloc.rules.fr",
    "it": "toneloc.rules.it",
    "nl": "toneloc.rules.nl",
    "pt": "toneloc.rules.pt",
    "sv": "toneloc.rules.sv",
    "hi": "toneloc.rules.hi",
    "id": "toneloc.rules.id",
    "ja": "toneloc.rules.ja",
    "ko": "toneloc.rules.ko",
    "lv": "toneloc.rules.lv",
    "ru": "toneloc.rules.ru",
    "vi": "toneloc.rules.vi",
}

_lock = threading.Lock()
_cache: dict[str, CultureRules] = {}


def available_languages() -> tuple[str, ...]:
    """Language codes that have tone rules, in registry order."""
    return tuple(RULES)


def get_rules(language: str) -> CultureRules:
    """The (cached) rules instance for *language* (``de``; a tag such as ``de-AT`` uses its language).

    Raises :class:`~toneloc.errors.CultureNotFoundError` (a ``LookupError``) for a language
    without rules, with close matches as hint.
    """
    lang = language.replace("_", "-").split("-")[0].lower()
    found = _cache.get(lang)
    if found is not None:
        return found
    module = RULES.get(lang)
    if module is None:
        hits = close_matches(lang, RULES)
        raise CultureNotFoundError(
            f"no tone rules for language {language!r}",
            hint=("did you mean: " + ", ".join(hits)) if hits else "available: " + ", ".join(RULES),
        )
    with _lock:
        found = _cache.get(lang)
        if found is None:
            try:
                mod = importlib.import_module(module)
            except ModuleNotFoundError as exc:
                if exc.name != module:
                    raise
                raise CultureNotFoundError(
                    f"tone rules for {lang!r} are registered but {module} is missing",
                    path="src/toneloc/rules/__init__.py",
                    hint="remove the line from RULES or add the module",
                ) from exc
            cls = getattr(mod, "Rules", None)
            if not (isinstance(cls, type) and issubclass(cls, CultureRules)):
                raise CultureNotFoundError(
                    f"{module} does not define a CultureRules subclass named 'Rules'",
                    path=f"src/{module.replace('.', '/')}.py",
                    hint="bind the culture class to the module-level name Rules",
                )
            found = cls()
            _cache[lang] = found
    return found
