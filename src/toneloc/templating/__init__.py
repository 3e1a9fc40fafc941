"""Localized, sandboxed template rendering for support replies and knowledge-base articles.

Reply macros are Jinja2 templates written by content editors; toneloc renders them for a customer's
locale in a hardened sandbox, with translations from standard gettext catalogs (``.po``/``.mo``,
CLDR plural rules, the locale's fallback chain), culture-correct formatting filters and a record of
what happened (locale used, fallbacks, untranslated messages, file rendered).

>>> import tempfile, pathlib
>>> from decimal import Decimal
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> _ = (root / "refund.txt").write_text("{{ amount|money('EUR') }} for {{ customer.name }}")
>>> render("refund.txt", {"amount": Decimal("42.5")}, templates=root, locale="fr-FR",
...        customer=Customer("Zoé")).text
'42,50\\xa0€ for Zoé'

Install with ``pip install toneloc[templates]``. See ``docs/templates.md``.
"""

from __future__ import annotations

from toneloc.templating._bidi import FSI, PDI, isolate, text_direction
from toneloc.templating._catalogs import CatalogLink, find_catalog, load_catalog, load_translations
from toneloc.templating._core import (
    HTML_SUFFIXES,
    Customer,
    Rendered,
    TemplateSet,
    clear_caches,
    create_environment,
    fill_message,
    render,
)
from toneloc.templating._sandbox import HardenedSandbox
from toneloc.templating._tools import (
    CatalogStats,
    compile_catalogs,
    extract_messages,
    init_catalog,
    update_catalogs,
    write_catalog,
)
from toneloc.templating.kb import Article, RenderedArticle, find_article, load_article, render_article, render_kb

render_template = render
"""``toneloc.render_template``: the same function as :func:`render` (a clearer name at the top level)."""

__all__ = [
    "FSI",
    "HTML_SUFFIXES",
    "PDI",
    "Article",
    "CatalogLink",
    "CatalogStats",
    "Customer",
    "HardenedSandbox",
    "Rendered",
    "RenderedArticle",
    "TemplateSet",
    "clear_caches",
    "compile_catalogs",
    "create_environment",
    "extract_messages",
    "fill_message",
    "find_article",
    "find_catalog",
    "init_catalog",
    "isolate",
    "load_article",
    "load_catalog",
    "load_translations",
    "render",
    "render_article",
    "render_kb",
    "render_template",
    "text_direction",
    "update_catalogs",
    "write_catalog",
]
