"""``toneloc lint``: the CI gate for locale gaps in templates and catalogs.

Checks gettext catalogs (``.po``/``.pot``), Jinja2 templates and KB articles for missing locales and
msgids, placeholder and plural mistakes, template pitfalls, register problems, unreviewed machine
translation and inconsistencies. Every problem is a frozen :class:`Finding` with a stable rule id
(see :data:`RULES`), ``file:line:column``, a severity and a fix hint. Reporters write text, JSON,
GitHub annotations, SARIF 2.1.0 and JUnit XML.

>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "ru.po").write_text('''msgid ""
... msgstr ""
... "Language: ru\\\\n"
... "Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
... "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\\\n"
...
... msgid "%(count)d ticket"
... msgid_plural "%(count)d tickets"
... msgstr[0] "%(count)d обращение"
... msgstr[1] "%(count)d обращения"
... ''', encoding="utf-8")
>>> [(f.rule_id, f.line) for f in lint_paths([d]).findings]
[('TL302', 9)]
"""

from __future__ import annotations

from toneloc.lint._catalog import CatalogFile, PluralInfo, parse_plural_forms, read_catalog
from toneloc.lint._checks import (
    ConsistencyCheck,
    EntryStateCheck,
    PlaceholderCheck,
    PluralCheck,
    StyleCheck,
    ToneCheck,
    cldr_plural,
)
from toneloc.lint._config import LintConfig, config_from_mapping, find_config, load_config
from toneloc.lint._coverage import CoverageCheck
from toneloc.lint._model import RULES, CatalogCheck, Finding, ProjectCheck, Rule, Severity, TemplateCheck
from toneloc.lint._placeholders import Placeholder, compare, formats_for, placeholders
from toneloc.lint._report import FORMATS, render, sarif
from toneloc.lint._runner import (
    LintResult,
    apply_baseline,
    default_checks,
    discover,
    lint_paths,
    load_baseline,
    write_baseline,
)
from toneloc.lint._templates import TemplateFile, TemplateSyntaxCheck, read_template, read_template_source

__all__ = [
    "FORMATS",
    "RULES",
    "CatalogCheck",
    "CatalogFile",
    "ConsistencyCheck",
    "CoverageCheck",
    "EntryStateCheck",
    "Finding",
    "LintConfig",
    "LintResult",
    "Placeholder",
    "PlaceholderCheck",
    "PluralCheck",
    "PluralInfo",
    "ProjectCheck",
    "Rule",
    "Severity",
    "StyleCheck",
    "TemplateCheck",
    "TemplateFile",
    "TemplateSyntaxCheck",
    "ToneCheck",
    "apply_baseline",
    "cldr_plural",
    "compare",
    "config_from_mapping",
    "default_checks",
    "discover",
    "find_config",
    "formats_for",
    "lint_paths",
    "load_baseline",
    "load_config",
    "parse_plural_forms",
    "placeholders",
    "read_catalog",
    "read_template",
    "read_template_source",
    "render",
    "sarif",
    "write_baseline",
]
