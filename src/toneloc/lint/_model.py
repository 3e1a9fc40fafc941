"""Value types of the linter: severities, rules, findings and the check protocols.

>>> f = Finding("TL201", "error", "locale/de/LC_MESSAGES/messages.po", 12, 1,
...             "placeholder {order_id} missing in translation", "copy {order_id} into msgstr", "de")
>>> f.where
'locale/de/LC_MESSAGES/messages.po:12:1'
>>> RULES["TL201"].name
'placeholder-mismatch'
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

if TYPE_CHECKING:  # pragma: no cover
    from toneloc.lint._catalog import CatalogFile
    from toneloc.lint._config import LintConfig
    from toneloc.lint._templates import TemplateFile

__all__ = [
    "RULES",
    "SEVERITIES",
    "CatalogCheck",
    "Finding",
    "ProjectCheck",
    "Rule",
    "Severity",
    "TemplateCheck",
]

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Rule:
    """A lint rule: a stable id (``TL201``), a kebab-case name, a default severity and a summary."""

    id: str
    name: str
    severity: Severity
    summary: str


# The rule registry: one line per rule. Ids are stable; never reuse a retired id.
RULES: dict[str, Rule] = {r.id: r for r in (
    Rule("TL001", "unreadable-file", "error",
         "A catalog or template cannot be read or parsed (binary, bad encoding, syntax)."),
    Rule("TL002", "unknown-locale", "warning", "A catalog whose locale cannot be determined or is not in CLDR."),
    Rule("TL003", "bad-ignore", "warning", "An inline ignore without a reason or naming an unknown rule."),
    Rule("TL101", "missing-locale-variant", "error",
         "A template or KB article with no variant or catalog for a configured locale."),
    Rule("TL102", "msgid-missing-in-catalog", "error",
         "A msgid used in templates or the POT file is missing from a locale's catalog."),
    Rule("TL103", "untranslated", "warning", "An entry with an empty translation."),
    Rule("TL104", "fuzzy", "warning", "An entry marked fuzzy (gettext does not use it at run time)."),
    Rule("TL105", "obsolete", "info", "An obsolete (#~) entry kept in the catalog."),
    Rule("TL106", "unconfigured-locale-catalog", "warning", "A catalog for a locale that is not configured."),
    Rule("TL201", "placeholder-mismatch", "error",
         "Placeholders (printf, brace, Jinja, ICU, HTML tags) differ between source and translation."),
    Rule("TL301", "plural-forms-header-mismatch", "warning",
         "The Plural-Forms header is missing or disagrees with CLDR."),
    Rule("TL302", "plural-form-count", "error", "A plural entry has the wrong number of forms, or an empty form."),
    Rule("TL401", "template-syntax", "error", "A template does not parse."),
    Rule("TL402", "trans-block-expression", "error",
         "A {% trans %} block uses an expression or control structure Jinja2 rejects."),
    Rule("TL403", "undeclared-variable", "warning", "A template variable that the context schema does not declare."),
    Rule("TL404", "autoescape-newstyle-pitfall", "warning",
         "A gettext/autoescape usage that breaks with newstyle gettext or escaping."),
    Rule("TL500", "tone-unavailable", "info",
         "The tone checker (toneloc.tone) is not installed; register checks skipped."),
    Rule("TL501", "register-violation", "warning",
         "A translation uses a register (du/Sie, tu/vous...) the culture does not want."),
    Rule("TL502", "mixed-register", "warning", "A translation mixes formal and informal register."),
    Rule("TL601", "unreviewed-machine-translation", "error", "A machine-made translation that no human approved."),
    Rule("TL701", "inconsistent-translation", "warning",
         "The same source is translated differently within one locale."),
    Rule("TL702", "glossary-term", "warning", "A glossary term is not translated as the glossary requires."),
    Rule("TL703", "whitespace-mismatch", "warning",
         "Leading or trailing whitespace differs between source and translation."),
    Rule("TL704", "punctuation-mismatch", "warning", "The final punctuation differs between source and translation."),
    Rule("TL705", "untranslated-copy", "warning", "The translation is an unchanged copy of the source."),
)}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by a check.

    Attributes:
        rule_id: stable rule id, e.g. ``TL201`` (see :data:`RULES`).
        severity: ``error`` | ``warning`` | ``info`` after configuration is applied.
        path: the file, relative to the working directory when possible.
        line: 1-based line (for PO entries the ``msgstr`` line, else the ``msgid`` line); 0 = whole file.
        column: 1-based column.
        message: what is wrong, in one sentence.
        hint: how to fix it.
        locale: the catalog or variant locale (``de``, ``pt_BR``) or ``None``.
        subject: a line-independent key of the offending thing (msgctxt+msgid, template line text),
            used for baseline fingerprints so a finding survives line moves.
    """

    rule_id: str
    severity: Severity
    path: str
    line: int
    column: int
    message: str
    hint: str
    locale: str | None = None
    subject: str = field(default="", compare=False)

    @property
    def name(self) -> str:
        """The rule's kebab-case name (``placeholder-mismatch``)."""
        rule = RULES.get(self.rule_id)
        return rule.name if rule else self.rule_id.lower()

    @property
    def where(self) -> str:
        """``path:line:column``."""
        return f"{self.path}:{self.line}:{self.column}"

    @property
    def fingerprint(self) -> str:
        """A stable id that ignores line numbers (rule, path, locale, subject, message).

        >>> a = Finding("TL103", "warning", "de.po", 10, 1, "untranslated", "", "de", subject="Hello")
        >>> b = Finding("TL103", "warning", "de.po", 99, 1, "untranslated", "", "de", subject="Hello")
        >>> a.fingerprint == b.fingerprint
        True
        """
        key = "\x1f".join((self.rule_id, self.path.replace("\\", "/"), self.locale or "",
                           self.subject or self.message, self.message))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict (used by the JSON reporter)."""
        return {
            "rule_id": self.rule_id, "name": self.name, "severity": self.severity, "path": self.path,
            "line": self.line, "column": self.column, "message": self.message, "hint": self.hint,
            "locale": self.locale, "fingerprint": self.fingerprint,
        }


@runtime_checkable
class CatalogCheck(Protocol):
    """A check run on every readable gettext catalog (``.po``).

    ``rules`` lists the rule ids it can emit (so disabled rules can skip the whole check).
    """

    rules: tuple[str, ...]

    def check_catalog(self, catalog: CatalogFile, config: LintConfig) -> Iterable[Finding]: ...


@runtime_checkable
class TemplateCheck(Protocol):
    """A check run on every parsed template."""

    rules: tuple[str, ...]

    def check_template(self, template: TemplateFile, config: LintConfig) -> Iterable[Finding]: ...


@runtime_checkable
class ProjectCheck(Protocol):
    """A check that needs every catalog and template at once (coverage, consistency)."""

    rules: tuple[str, ...]

    def check_project(self, catalogs: list[CatalogFile], templates: list[TemplateFile],
                      config: LintConfig) -> Iterable[Finding]: ...
