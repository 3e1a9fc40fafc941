"""Glossaries per language pair: forced terms and do-not-translate terms.

A glossary file is TOML or CSV. TOML::

    source = "en"                # source language of every term

    [[term]]
    source = "Zendesk"
    dnt = true                   # never translated, in any target language

    [[term]]
    source = "refund"
    de = "Rückerstattung"        # forced target term per language
    fr = "remboursement"

CSV has a header ``source,dnt,<lang>,<lang>...`` (``dnt`` is ``1``/``true`` or empty).

Before MT, do-not-translate terms are masked and restored unchanged; forced terms are masked and
restored as the target term (see :func:`toneloc.translate.masking.mask`). After MT,
:meth:`Glossary.check` verifies that every forced term and every do-not-translate term present in
the source appears in the translation.

>>> g = Glossary.from_dict({"source": "en", "term": [{"source": "Zendesk", "dnt": True},
...                                                   {"source": "refund", "de": "Rückerstattung"}]})
>>> g.dnt_terms()
('Zendesk',)
>>> g.forced("de-AT")
{'refund': 'Rückerstattung'}
>>> g.check("Your refund via Zendesk", "Ihre Erstattung über Zendesk", locale="de")
['glossary: "refund" must be translated as "Rückerstattung"']
"""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from toneloc.errors import ConfigError
from toneloc.locale import LocaleLike, parse_locale

__all__ = ["Glossary", "GlossaryEntry", "load_glossary"]

_TRUE = {"1", "true", "yes", "y", "x"}


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """One term: its source form, whether it is never translated, and its forced translations."""

    source: str
    dnt: bool = False
    targets: Mapping[str, str] = field(default_factory=dict)
    line: int | None = None


def _lang(locale: LocaleLike) -> list[str]:
    loc = parse_locale(locale)
    keys = [str(loc).replace("_", "-").lower(), loc.language]
    return list(dict.fromkeys(keys))


def _contains(text: str, term: str) -> bool:
    return regex.search(rf"(?<!\w){regex.escape(term)}(?!\w)", text, regex.IGNORECASE) is not None


@dataclass(frozen=True, slots=True)
class Glossary:
    """Terms for one source language. Build with :func:`load_glossary` or :meth:`from_dict`."""

    source_language: str = "en"
    entries: tuple[GlossaryEntry, ...] = ()
    path: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, path: str | None = None) -> Glossary:
        """Build from the parsed TOML structure (``source`` + a list of ``term`` tables)."""
        src = str(data.get("source", "en"))
        terms = data.get("term", [])
        if not isinstance(terms, list):
            raise ConfigError("'term' must be an array of tables ([[term]])", path=path,
                              hint="write each term as a [[term]] table with a 'source' key")
        entries = []
        for i, t in enumerate(terms, 1):
            if not isinstance(t, Mapping) or not str(t.get("source", "")).strip():
                raise ConfigError(f"term #{i} has no 'source'", path=path, hint='add source = "the term"')
            targets = {k.lower(): str(v) for k, v in t.items() if k not in {"source", "dnt", "note"}}
            entries.append(GlossaryEntry(str(t["source"]), bool(t.get("dnt", False)), targets))
        return cls(src, tuple(entries), path)

    def dnt_terms(self) -> tuple[str, ...]:
        """Terms never translated."""
        return tuple(e.source for e in self.entries if e.dnt)

    def forced(self, locale: LocaleLike) -> dict[str, str]:
        """``{source term: required target term}`` for a target locale (``de-AT`` falls back to ``de``)."""
        keys = _lang(locale)
        out: dict[str, str] = {}
        for e in self.entries:
            if e.dnt:
                continue
            for k in keys:
                if k in e.targets:
                    out[e.source] = e.targets[k]
                    break
        return out

    def hits(self, source: str, *, locale: LocaleLike) -> list[str]:
        """The glossary terms (do-not-translate and forced for *locale*) present in *source*."""
        terms = list(self.dnt_terms()) + list(self.forced(locale))
        return [t for t in terms if _contains(source, t)]

    def check(self, source: str, translation: str, *, locale: LocaleLike) -> list[str]:
        """Problems: a term in *source* whose required form is missing from *translation*."""
        problems = []
        for t in self.dnt_terms():
            if _contains(source, t) and t not in translation:
                problems.append(f'glossary: "{t}" must stay untranslated')
        for s, tgt in self.forced(locale).items():
            if _contains(source, s) and not _contains(translation, tgt):
                problems.append(f'glossary: "{s}" must be translated as "{tgt}"')
        return problems


def load_glossary(path: str | Path) -> Glossary:
    """Load a glossary from a ``.toml`` or ``.csv`` file; errors name the file and line."""
    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"glossary file not found: {p}", path=p, hint="pass a .toml or .csv glossary")
    text = p.read_text(encoding="utf-8")
    if p.suffix.lower() == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            line = getattr(exc, "lineno", None)
            raise ConfigError(f"invalid TOML: {exc}", path=p, line=line,
                              hint="see docs/translation.md for the glossary format") from exc
        return Glossary.from_dict(data, path=str(p))
    if p.suffix.lower() == ".csv":
        rows = list(csv.reader(text.splitlines()))
        if not rows or "source" not in [h.strip().lower() for h in rows[0]]:
            raise ConfigError("the CSV header must contain a 'source' column", path=p, line=1,
                              hint="e.g. source,dnt,de,fr")
        header = [h.strip().lower() for h in rows[0]]
        entries = []
        src_lang = "en"
        for n, row in enumerate(rows[1:], 2):
            if not row or not any(c.strip() for c in row) or row[0].lstrip().startswith("#"):
                continue
            if len(row) > len(header):
                raise ConfigError(f"{len(row)} columns, header has {len(header)}", path=p, line=n,
                                  hint="quote values that contain commas")
            rec = {header[i]: row[i].strip() for i in range(len(row))}
            if not rec.get("source"):
                raise ConfigError("empty 'source' cell", path=p, line=n, hint="every row needs a source term")
            targets = {k: v for k, v in rec.items() if k not in {"source", "dnt", "note"} and v}
            entries.append(GlossaryEntry(rec["source"], rec.get("dnt", "").lower() in _TRUE, targets, n))
        return Glossary(src_lang, tuple(entries), str(p))
    raise ConfigError(f"unsupported glossary format {p.suffix!r}", path=p, hint="use .toml or .csv")
