"""Checks a reviewer's edit must pass before it is saved: placeholders, markup tags, plural forms.

>>> placeholders("Hi {name}, you have %(count)d new %s and {{ ticket.id }}")
('%(count)d', '%s', '{name}', '{{ ticket.id }}')
>>> [p.code for p in check_edit("Hello {name}", "Hallo {nom}")]
['placeholder-missing', 'placeholder-extra']
>>> check_edit("<b>{n}</b> items", "<b>{n}</b> Artikel")
()
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from toneloc.locale import LocaleLike, parse_locale

__all__ = ["PLACEHOLDER_RE", "EditProblem", "check_edit", "placeholders", "plural_count", "tags"]

PLACEHOLDER_RE = re.compile(
    r"\{\{.*?\}\}"                       # Jinja2 expressions
    r"|\{%.*?%\}"                        # Jinja2 statements
    r"|\{[A-Za-z_][\w.]*(?:![rsa])?(?::[^{}]*)?\}|\{\d*\}"  # str.format / ICU simple arguments
    r"|%(?:\([\w.]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifuxXeEgGcr%]"  # printf / Python %-format
    r"|\$\{\w+\}"                        # ${shell}
    r"|\[(?:EMAIL|PHONE|CARD|IBAN)-\d+\]"  # privacy masks: must survive an edit unchanged
)
"""Protected tokens a translation must keep unchanged."""

_TAG_RE = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")


@dataclass(frozen=True, slots=True)
class EditProblem:
    """Why an edit cannot be saved."""

    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


def placeholders(text: str) -> tuple[str, ...]:
    """The protected tokens of *text*, sorted (``%%`` excluded)."""
    return tuple(sorted(m.group(0) for m in PLACEHOLDER_RE.finditer(text) if m.group(0) != "%%"))


def tags(text: str) -> tuple[str, ...]:
    """Markup tag names with their direction (``<b>``, ``</b>``), sorted; attributes ignored."""
    out = []
    for m in _TAG_RE.finditer(text):
        raw = m.group(0)
        name = re.match(r"</?([A-Za-z][\w:-]*)", raw)
        assert name is not None
        opener = "</" if raw.startswith("</") else "<"
        out.append(opener + name.group(1).lower() + ("/>" if raw.endswith("/>") else ">"))
    return tuple(sorted(out))


def plural_count(locale: LocaleLike) -> int:
    """How many plural forms gettext expects for *locale* (CLDR via Babel).

    >>> plural_count("de"), plural_count("ru"), plural_count("ja")
    (2, 3, 1)
    """
    from babel.messages.plurals import get_plural

    return int(get_plural(str(parse_locale(locale))).num_plurals)


def check_edit(
    source: str,
    text: str,
    *,
    plural_forms: Sequence[str] = (),
    locale: LocaleLike | None = None,
    source_plural: str | None = None,
) -> tuple[EditProblem, ...]:
    """Problems of *text* as a translation of *source*; empty when it may be saved.

    For a plural message pass the forms (*plural_forms*), *source_plural* and *locale*.
    """
    problems: list[EditProblem] = []
    if not text.strip():
        problems.append(EditProblem("empty", "the translation is empty"))
    texts = [text, *plural_forms]
    want = Counter(placeholders(source)) | Counter(placeholders(source_plural or ""))
    if plural_forms:
        # A plural form may drop the count ("eine Nachricht"), but no form may invent a placeholder and
        # together the forms must keep every one.
        seen: Counter[str] = Counter()
        for t in texts:
            have = Counter(placeholders(t))
            seen |= have
            if have - want:
                problems.append(EditProblem("placeholder-extra", "not in the source: " + ", ".join(
                    sorted((have - want).elements()))))
        if want - seen:
            missing = ", ".join(sorted((want - seen).elements()))
            problems.append(EditProblem("placeholder-missing", "missing " + missing))
    else:
        have = Counter(placeholders(text))
        if want - have:
            missing = ", ".join(sorted((want - have).elements()))
            problems.append(EditProblem("placeholder-missing", "missing " + missing))
        if have - want:
            problems.append(EditProblem("placeholder-extra", "not in the source: " + ", ".join(
                sorted((have - want).elements()))))
    if Counter(tags(source)) != Counter(tags(text)):
        problems.append(EditProblem("tags", f"markup tags differ: source {list(tags(source))}, "
                                            f"translation {list(tags(text))}"))
    if source_plural is not None and locale is not None:
        n = plural_count(locale)
        if len(texts) != n:
            problems.append(EditProblem("plural-forms", f"{parse_locale(locale)} needs {n} plural form(s), "
                                                        f"got {len(texts)}"))
    return tuple(dict.fromkeys(problems))
