"""Sentence-level machinery for the directness rules of :mod:`toneloc.rules.en` and :mod:`toneloc.rules.de`.

Directness edits work on whole sentences (an imperative becomes a question, a lead-in is dropped,
a courtesy sentence moves behind the answer), so they are run by one :class:`SentencePass` rule
that looks at one sentence at a time and lets the **first** matching :class:`SentenceRule` propose
*all* the edits for that sentence. The edits of one sentence are therefore atomic: either every
piece applies (``Send`` -> ``Could you please send`` *and* ``.`` -> ``?``) or none does. Edits are
minimal (they never cover a placeholder, URL or quoted text inside the sentence) and every set of
edits is checked before it is proposed:

* no edit may touch a protected span;
* the negation words, digits and protected spans of the sentence must be the same before and after
  (a rewrite that would lose a *not*/*nicht* is discarded and the result flagged for review).

Answer first (``direct``): a line that opens with a pure courtesy sentence ("Thank you for your
message.") followed by the answer gets the courtesy sentence moved behind the answer, unless the
next sentence starts with an anaphoric word that may point back to it ("It", "Das"); then the line
is left alone and flagged.

>>> import regex
>>> sentence_spans("Hi. Send it, e.g. by mail. Thanks!")
[(0, 3), (4, 26), (27, 34)]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import regex

from toneloc.rules._base import Edit, RuleContext

__all__ = ["SentencePass", "SentenceRule", "sentence_spans"]

_ABBREV = frozenset({
    "e.g", "i.e", "etc", "approx", "no", "nr", "dr", "mr", "mrs", "ms", "st", "vs", "z.b", "u.a", "bzw", "ca",
    "usw", "inkl", "ggf", "evtl", "bspw", "d.h", "fa", "str", "tel", "abs", "vgl", "s", "mio", "mrd", "jan", "feb",
    "aug", "sept", "okt", "nov", "dez",
})
_BOUNDARY = regex.compile(r"[.!?…]+[\"”»)]*(?=\s+[\p{Lu}\p{N}\"“„«({]|\s*$)", regex.V1)
_MONTH = regex.compile(
    r"\s+(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b", regex.V1
)
_WORD_BEFORE = regex.compile(r"([\p{L}.]+)$", regex.V1)
_DIGITS = regex.compile(r"\d+")
LIST_ITEM = regex.compile(r"[ \t]*(?:\d{1,3}[.)]|[-*•–])[ \t]+", regex.V1)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence in ``text[start:end]`` (one line), trailing spaces excluded.

    A sentence ends at ``.``/``!``/``?`` followed by a capital, a digit, an opening bracket/quote or
    the end; abbreviations (``e.g.``, ``z. B.``, ``Nr.``) and ordinals (``3. März``) do not end one.
    """
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    pos = start
    for m in _BOUNDARY.finditer(text, start, end):
        if m.group(0)[0] == ".":
            before = _WORD_BEFORE.search(text, max(start, m.start() - 12), m.start())
            w = before.group(1).lower().strip(".") if before else ""
            if w in _ABBREV or (len(w) == 1 and w.isalpha()):
                continue
            if m.start() > start and text[m.start() - 1].isdigit() and _MONTH.match(text, m.end()):
                continue  # "am 3. März": an ordinal, not the end of a sentence
        e = m.end()
        s = pos
        while s < e and text[s].isspace():
            s += 1
        if s < e:
            out.append((s, e))
        pos = e
    s = pos
    while s < end and text[s].isspace():
        s += 1
    e = end
    while e > s and text[e - 1].isspace():
        e -= 1
    if s < e:
        out.append((s, e))
    return out


SentenceFn = Callable[[str, int, int, RuleContext], "list[Edit] | None"]


@dataclass(frozen=True, slots=True)
class SentenceRule:
    """One sentence rewrite: ``fn(text, start, end, ctx)`` returns its edits, or ``None`` to pass.

    ``fn`` may call ``ctx.flag`` and return ``[]`` to claim the sentence without changing it (it is
    then left alone by the later rules).
    """

    id: str
    explanation: str
    fn: SentenceFn


class SentencePass:
    """A :class:`~toneloc.rules._base.Rule` running :class:`SentenceRule` s sentence by sentence.

    Args:
        id: rule id of the pass (each edit carries the id of the sentence rule that made it).
        rules: sentence rules by priority; the first that returns a list claims the sentence.
        negation: pattern of the language's negation words (checked before/after every rewrite).
        courtesy: pattern of a full courtesy sentence moved behind the answer (``None``: no move).
        anaphora: pattern of sentence openers that may refer back to a courtesy sentence.
        courtesy_id / courtesy_explanation: id and explanation of the move.
    """

    __slots__ = ("anaphora", "courtesy", "courtesy_explanation", "courtesy_id", "explanation", "id", "negation",
                 "rules")

    def __init__(
        self,
        id: str,
        rules: Sequence[SentenceRule],
        *,
        negation: regex.Pattern[str],
        courtesy: regex.Pattern[str] | None = None,
        anaphora: regex.Pattern[str] | None = None,
        courtesy_id: str = "",
        courtesy_explanation: str = "",
    ) -> None:
        self.id = id
        self.explanation = "; ".join(r.explanation for r in rules)
        self.rules = tuple(rules)
        self.negation = negation
        self.courtesy = courtesy
        self.anaphora = anaphora
        self.courtesy_id = courtesy_id
        self.courtesy_explanation = courtesy_explanation

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        line_start = 0
        n = len(text)
        while line_start <= n:
            line_end = text.find("\n", line_start)
            if line_end < 0:
                line_end = n
            if line_end > line_start:
                out.extend(self._line(text, line_start, line_end, ctx))
            line_start = line_end + 1
        return out

    # ---------------------------------------------------------------- one line
    def _line(self, text: str, start: int, end: int, ctx: RuleContext) -> list[Edit]:
        if LIST_ITEM.match(text, start, end):
            return []  # numbered steps and bullet points keep their imperative form (GOV.UK style)
        spans = sentence_spans(text, start, end)
        out: list[Edit] = []
        skip = 0
        if self.courtesy is not None:
            moved = self._answer_first(text, spans, ctx)
            if moved:
                out.extend(moved)
                skip = 1
        for s, e in spans[skip:]:
            for rule in self.rules:
                edits = rule.fn(text, s, e, ctx)
                if edits is None:
                    continue
                if edits and self._safe(text, s, e, edits, ctx):
                    out.extend(edits)
                break
        return out

    def _answer_first(self, text: str, spans: list[tuple[int, int]], ctx: RuleContext) -> list[Edit]:
        assert self.courtesy is not None
        if len(spans) < 2:
            return []
        s0, e0 = spans[0]
        if not self.courtesy.fullmatch(text, s0, e0) or any(self.courtesy.fullmatch(text, s, e) for s, e in spans[1:]):
            return []
        s1 = spans[1][0]
        if self.anaphora is not None and self.anaphora.match(text, s1):
            ctx.flag(f"courtesy sentence at offset {s0} not moved behind the answer: the next sentence may refer to it")
            return []
        last = spans[-1][1]
        if ctx.is_protected(s0, s1) or ctx.is_protected(last, last):
            return []
        sentence = text[s0:e0]
        return [
            Edit(s0, s1, text[s0:s1], "", self.courtesy_id, self.courtesy_explanation),
            Edit(last, last, "", " " + sentence, self.courtesy_id, self.courtesy_explanation),
        ]

    def _safe(self, text: str, s: int, e: int, edits: list[Edit], ctx: RuleContext) -> bool:
        """No edit touches a protected span; the negations and numbers the edits remove come back.

        Edits only move or replace whole words, so comparing what they remove (``before``) with what
        they insert (``after``) is enough: a verb moved to second place is removed and re-inserted.
        """
        for ed in edits:
            if ctx.is_protected(ed.start, ed.end) or ed.start < s or ed.end > e:
                return False
        removed = " ".join(ed.before for ed in edits)
        inserted = " ".join(ed.after for ed in edits)
        neg = self.negation
        if (
            sorted(m.lower() for m in neg.findall(removed)) != sorted(m.lower() for m in neg.findall(inserted))
            or sorted(_DIGITS.findall(removed)) != sorted(_DIGITS.findall(inserted))
        ):
            ctx.flag(f"directness rewrite at offset {s} would change a negation or a number; left unchanged")
            return False
        return True
