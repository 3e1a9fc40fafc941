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

Inflection. A forced term also matches its inflected source forms: regular English plurals and
possessives when the glossary's source is English (``refund`` -> ``refunds``, ``policy`` ->
``policies``, ``customer's``), plus any listed in ``forms = ["..."]``. A target may be a list of
forms, singular first and plural second (``de = ["Rückerstattung", "Rückerstattungen"]``; CSV:
``Rückerstattung|Rückerstattungen``): a plural source form is then replaced by the plural target.
:meth:`Glossary.check` accepts the target term in any inflected form: a listed form, the base form
followed by an inflection ending of up to three letters (``Rückerstattungen``, ``remboursements``),
or, when ``simplemma`` is installed, any word with the same lemma.

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
>>> g.check("Two refunds", "Zwei Rückerstattungen", locale="de")
[]
>>> g.mask_terms("de")
{'refund': 'Rückerstattung', "refund's": 'Rückerstattung', 'refunds': 'Rückerstattung', "refunds'": 'Rückerstattung'}
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


_INFLECTION = 3  # letters an inflection ending may add to a target term in check()


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """One term: its source form, whether it is never translated, and its forced translations.

    Attributes:
        source: the source term (base form).
        dnt: never translated.
        targets: ``{language: base target term}`` (``de``, ``pt-br``...).
        line: line in the glossary file (CSV).
        forms: extra inflected source forms (matched like the base form).
        target_forms: ``{language: (singular, plural, ...)}`` when a list of forms was given.
    """

    source: str
    dnt: bool = False
    targets: Mapping[str, str] = field(default_factory=dict)
    line: int | None = None
    forms: tuple[str, ...] = ()
    target_forms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def english_forms(term: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Regular English ``(singular forms, plural forms)`` of *term* (its last word is inflected).

    >>> english_forms("credit card")
    (('credit card', "credit card's"), ('credit cards', "credit cards'"))
    >>> english_forms("policy")[1], english_forms("box")[1]
    (('policies', "policies'"), ('boxes', "boxes'"))
    """
    head, _, last = term.rpartition(" ")
    prefix = head + " " if head else ""
    low = last.lower()
    if low.endswith(("s", "x", "z", "ch", "sh")):
        plural = last + "es"
    elif low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return (prefix + last, prefix + last + "'s"), (prefix + plural, prefix + plural + "'")


def _split_forms(value: Any) -> tuple[str, ...]:
    if isinstance(value, list | tuple):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(v.strip() for v in str(value).split("|") if v.strip())


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
            forms = {k.lower(): _split_forms(v) for k, v in t.items() if k not in {"source", "dnt", "note", "forms"}}
            forms = {k: v for k, v in forms.items() if v}
            entries.append(GlossaryEntry(str(t["source"]), bool(t.get("dnt", False)),
                                         {k: v[0] for k, v in forms.items()}, None,
                                         _split_forms(t.get("forms", ())), forms))
        return cls(src, tuple(entries), path)

    def dnt_terms(self) -> tuple[str, ...]:
        """Terms never translated."""
        return tuple(e.source for e in self.entries if e.dnt)

    def _target_forms(self, entry: GlossaryEntry, keys: list[str]) -> tuple[str, ...] | None:
        for k in keys:
            if k in entry.target_forms:
                return entry.target_forms[k]
            if k in entry.targets:
                return (entry.targets[k],)
        return None

    def _source_forms(self, entry: GlossaryEntry) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """``(singular-like forms, plural forms)`` of an entry's source term."""
        if self.source_language.split("-")[0].lower() == "en":
            sing, plur = english_forms(entry.source)
        else:
            sing, plur = (entry.source,), ()
        return tuple(dict.fromkeys((*sing, *entry.forms))), plur

    def forced(self, locale: LocaleLike) -> dict[str, str]:
        """``{source term: required target term}`` for a target locale (``de-AT`` falls back to ``de``)."""
        keys = _lang(locale)
        out: dict[str, str] = {}
        for e in self.entries:
            forms = None if e.dnt else self._target_forms(e, keys)
            if forms:
                out[e.source] = forms[0]
        return out

    def mask_terms(self, locale: LocaleLike) -> dict[str, str]:
        """``{source form: target form}`` for masking: every inflected source form of every forced term.

        Plural source forms map to the plural target form when the glossary lists one.
        """
        keys = _lang(locale)
        out: dict[str, str] = {}
        for e in self.entries:
            forms = None if e.dnt else self._target_forms(e, keys)
            if not forms:
                continue
            sing, plur = self._source_forms(e)
            for f in sing:
                out.setdefault(f.lower(), forms[0])
            for f in plur:
                out.setdefault(f.lower(), forms[1] if len(forms) > 1 else forms[0])
        return out

    def _in_source(self, source: str, entry: GlossaryEntry) -> bool:
        sing, plur = self._source_forms(entry)
        return any(_contains(source, f) for f in (*sing, *plur))

    def hits(self, source: str, *, locale: LocaleLike) -> list[str]:
        """The glossary terms (do-not-translate and forced for *locale*) present in *source*."""
        keys = _lang(locale)
        out = [e.source for e in self.entries if e.dnt and _contains(source, e.source)]
        out += [e.source for e in self.entries
                if not e.dnt and self._target_forms(e, keys) and self._in_source(source, e)]
        return out

    def check(self, source: str, translation: str, *, locale: LocaleLike) -> list[str]:
        """Problems: a term in *source* whose required form is missing from *translation*.

        Forced target terms are accepted in any inflected form (see the module docs).
        """
        problems = []
        keys = _lang(locale)
        for t in self.dnt_terms():
            if _contains(source, t) and t not in translation:
                problems.append(f'glossary: "{t}" must stay untranslated')
        for e in self.entries:
            forms = None if e.dnt else self._target_forms(e, keys)
            if forms and self._in_source(source, e) and not _target_present(translation, forms, keys[-1]):
                problems.append(f'glossary: "{e.source}" must be translated as "{forms[0]}"')
        return problems


def _target_present(translation: str, forms: tuple[str, ...], language: str) -> bool:
    """Whether any form (or an inflection of it) occurs in *translation*."""
    for f in forms:
        if _contains(translation, f):
            return True
        if regex.search(rf"(?<!\w){regex.escape(f)}\p{{L}}{{1,{_INFLECTION}}}(?!\w)", translation,
                        regex.IGNORECASE):
            return True
    lemmatize = _lemmatizer(language)
    if lemmatize is None:
        return False
    words = regex.findall(r"\w+", translation)
    for f in forms:
        parts = regex.findall(r"\w+", f)
        if not parts:
            continue
        want = [lemmatize(p).casefold() for p in parts]
        got = [lemmatize(w).casefold() for w in words]
        if any(got[i:i + len(want)] == want for i in range(len(got) - len(want) + 1)):
            return True
    return False


def _lemmatizer(language: str) -> Any:
    try:
        import simplemma
    except ImportError:
        return None
    try:
        simplemma.lemmatize("a", lang=language)
    except ValueError:  # unsupported language
        return None

    def lemma(word: str) -> str:
        return str(simplemma.lemmatize(word, lang=language))

    return lemma


def load_glossary(path: str | Path) -> Glossary:
    """Load a glossary from a ``.toml`` or ``.csv`` file; errors name the file and line."""
    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"glossary file not found: {p}", path=p, hint="pass a .toml or .csv glossary")
    raw = p.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"invalid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})", path=p,
                          line=raw.count(b"\n", 0, exc.start) + 1,
                          hint="save the glossary as UTF-8") from exc
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
            forms = {k: _split_forms(v) for k, v in rec.items() if k not in {"source", "dnt", "note", "forms"} and v}
            forms = {k: v for k, v in forms.items() if v}
            entries.append(GlossaryEntry(rec["source"], rec.get("dnt", "").lower() in _TRUE,
                                         {k: v[0] for k, v in forms.items()}, n,
                                         _split_forms(rec.get("forms", "")), forms))
        return Glossary(src_lang, tuple(entries), str(p))
    raise ConfigError(f"unsupported glossary format {p.suffix!r}", path=p, hint="use .toml or .csv")
