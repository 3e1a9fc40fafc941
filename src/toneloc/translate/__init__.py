"""Offline machine translation that never breaks a placeholder and knows when to ask a human.

>>> from toneloc.translate import mask, unmask
>>> m = mask("Hi {name}, your ticket #A-1182 is closed.")
>>> m.text
'Hi ZQ0Z, your ticket ZQ1Z is closed.'
>>> unmask(m, "Hallo ZQ0Z, Ihr Ticket ZQ1Z ist geschlossen.").text
'Hallo {name}, Ihr Ticket #A-1182 ist geschlossen.'

The pieces:

* :class:`SafeTranslator`: memory -> masked MT with n-best -> restore/verify -> risk -> decision.
* Engines (:class:`MTEngine`): :class:`ArgosEngine` (CTranslate2 on Argos packages, batched),
  :class:`ArgostranslateEngine` (through argostranslate), :class:`FastTranslateEngine` (en <-> pt-BR).
* :class:`SQLiteTranslationMemory` (:class:`TranslationMemory`), :class:`Glossary`,
  :class:`RiskPolicy`, package management (:func:`install_package`, :func:`list_packages`...).
* :func:`translate_catalog` for POT/PO files, :func:`translate_markdown` for KB articles.
* :func:`to_review_item` / :func:`route_to_review` put translations into a :mod:`toneloc.review` store.

CTranslate2, SentencePiece and argostranslate are imported only when a model is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from toneloc.translate._types import (
    Decision,
    Hypothesis,
    Match,
    MTEngine,
    Origin,
    Translation,
    TranslationMemory,
    Translator,
)
from toneloc.translate.masking import Masked, ProtectedToken, Unmasked, find_protected, mask, unmask, verify
from toneloc.translate.risk import Assessment, RiskPolicy, assess

_LAZY: dict[str, str] = {
    "ArgosEngine": "toneloc.translate.argos",
    "ArgostranslateEngine": "toneloc.translate.argos",
    "ModelPackage": "toneloc.translate.argos",
    "available_packages": "toneloc.translate.argos",
    "default_packages_dir": "toneloc.translate.argos",
    "find_package": "toneloc.translate.argos",
    "install_from_index": "toneloc.translate.argos",
    "install_package": "toneloc.translate.argos",
    "list_packages": "toneloc.translate.argos",
    "remove_package": "toneloc.translate.argos",
    "validate_archive": "toneloc.translate.argos",
    "CatalogReport": "toneloc.translate.catalog",
    "translate_catalog": "toneloc.translate.catalog",
    "FastTranslateEngine": "toneloc.translate.fast",
    "Glossary": "toneloc.translate.glossary",
    "load_glossary": "toneloc.translate.glossary",
    "SQLiteTranslationMemory": "toneloc.translate.memory",
    "load_po_into": "toneloc.translate.memory",
    "MarkdownSegment": "toneloc.translate.markdown",
    "MarkdownTranslation": "toneloc.translate.markdown",
    "translate_markdown": "toneloc.translate.markdown",
    "route_to_review": "toneloc.translate.routing",
    "to_review_item": "toneloc.translate.routing",
    "SafeTranslator": "toneloc.translate.pipeline",
    "get_engine": "toneloc.translate.pipeline",
}

if TYPE_CHECKING:  # pragma: no cover
    from toneloc.translate.argos import (
        ArgosEngine,
        ArgostranslateEngine,
        ModelPackage,
        available_packages,
        default_packages_dir,
        find_package,
        install_from_index,
        install_package,
        list_packages,
        remove_package,
        validate_archive,
    )
    from toneloc.translate.catalog import CatalogReport, translate_catalog
    from toneloc.translate.fast import FastTranslateEngine
    from toneloc.translate.glossary import Glossary, load_glossary
    from toneloc.translate.markdown import MarkdownSegment, MarkdownTranslation, translate_markdown
    from toneloc.translate.memory import SQLiteTranslationMemory, load_po_into
    from toneloc.translate.pipeline import SafeTranslator, get_engine
    from toneloc.translate.routing import route_to_review, to_review_item

__all__ = [
    "ArgosEngine",
    "ArgostranslateEngine",
    "Assessment",
    "CatalogReport",
    "Decision",
    "FastTranslateEngine",
    "Glossary",
    "Hypothesis",
    "MTEngine",
    "MarkdownSegment",
    "MarkdownTranslation",
    "Masked",
    "Match",
    "ModelPackage",
    "Origin",
    "ProtectedToken",
    "RiskPolicy",
    "SQLiteTranslationMemory",
    "SafeTranslator",
    "Translation",
    "TranslationMemory",
    "Translator",
    "Unmasked",
    "assess",
    "available_packages",
    "default_packages_dir",
    "find_package",
    "find_protected",
    "get_engine",
    "install_from_index",
    "install_package",
    "list_packages",
    "load_glossary",
    "load_po_into",
    "mask",
    "remove_package",
    "route_to_review",
    "to_review_item",
    "translate_catalog",
    "translate_markdown",
    "unmask",
    "validate_archive",
    "verify",
]


def __getattr__(name: str) -> Any:
    mod = _LAZY.get(name)
    if mod is None:
        raise AttributeError(f"module 'toneloc.translate' has no attribute {name!r}")
    value = getattr(importlib.import_module(mod), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
