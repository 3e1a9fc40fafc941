"""Swedish tone rules: informal *du* is the norm; formal *ni* (singular) is rare and dated.

Since the *du-reformen* of the late 1960s, Swedish addresses customers with *du*; the singular
polite *ni* survives mostly with the very old and can sound distant or even rude. So:

* ``to_informal`` (the culture default for sv-SE): singular polite ``ni``/``er``/``ert``/``era``
  -> ``du``/``dig``/``ditt``/``dina`` only where the text marks the reader as one person
  (``Ni själv`` is left alone; a plural *ni* is indistinguishable, so texts are flagged
  ``needs_review`` when ``ni`` is rewritten). Verbs do not change (Swedish verbs do not inflect
  for person).
* ``to_formal``: not attempted (rewriting *du* to *ni* would sound old-fashioned or plural): the
  text comes back unchanged and is flagged when it contains *du*.

References:
    Svenska Akademiens grammatik (SAG, 1999), vol. 2, § Pronomen 2 (du/ni som tilltal);
    Språkrådet, "Du eller ni?" (Språkriktighetsboken, 2005); Institutet för språk och folkminnen,
    "Du-reformen" (isof.se).
"""

from __future__ import annotations

import regex

from toneloc.rules._base import CultureRules, Edit, RuleContext, compile_rx, marker, match_case, word_pattern

__all__ = ["Rules", "Swedish"]

_NI_WORD = compile_rx(r"(?<!\p{L})[Nn]i(?!\p{L})")
_PLURAL_NI = compile_rx(r"(?<!\p{L})(?:ni\s+alla|ni\s+båda|alla\s+ni|ni\s+två)(?!\p{L})", regex.I)
_DU = compile_rx(r"(?<!\p{L})du(?!\p{L})", regex.I)

_NI = {"ni": "du", "er": "dig", "ert": "ditt", "era": "dina", "eder": "dig", "eran": "din", "ers": "din"}


class NiToDu:
    """Polite singular ni -> du (and its object and possessive forms)."""

    id = "sv.ni-du"
    explanation = "Swedish customer service uses 'du' (du-reformen); polite singular 'ni' sounds distant"
    PATTERN = compile_rx(word_pattern("Ni", "ni", "Er", "er", "Ert", "ert", "Era", "era", "Eder", "eder"), regex.V1)

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        if not _NI_WORD.search(text):
            return out  # "er/era" alone also mean "you (pl.)" / other senses: only rewrite texts with ni
        if _PLURAL_NI.search(text):
            ctx.flag("'ni' is plural here; left unchanged")
            return out
        for m in self.PATTERN.finditer(text):
            w = m.group(0)
            new = _NI[w.lower()]
            out.append(Edit(m.start(), m.end(), w, match_case(w, new), self.id, self.explanation))
        if out:
            ctx.flag("'ni' may address several people; check that one customer is meant")
        return out


class Swedish(CultureRules):
    """Swedish (sv-SE): informal *du* by default.

    References:
        Svenska Akademiens grammatik (1999); Språkrådet, "Du eller ni?"; ISOF, "Du-reformen".
    """

    language = "sv"
    default_formality = "informal"
    references = (
        "Svenska Akademiens grammatik (SAG, 1999), vol. 2, Pronomen",
        "Språkrådet, Språkriktighetsboken (2005): 'Du eller ni?'",
        "Institutet för språk och folkminnen, 'Du-reformen'",
    )
    to_formal = ()
    to_informal = (NiToDu(),)
    markers = (
        marker("sv.register.du", word_pattern("du", "dig", "din", "ditt", "dina"), "informal", "informal du",
               flags=regex.I),
        marker("sv.register.ni", word_pattern("Ni", "Er", "Ert", "Era"), "formal", "polite Ni (capitalised)"),
    )

    def preprocess(self, text: str, ctx: RuleContext) -> None:
        if ctx.formality == "formal" and _DU.search(text):
            ctx.flag("Swedish support replies use 'du'; a formal 'ni' rewrite is not offered")


Rules = Swedish
