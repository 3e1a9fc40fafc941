"""German tone rules: du <-> Sie with verb agreement, imperatives, greetings and closings.

Informal -> formal (``to_formal``):

* pronouns: ``du`` -> ``Sie``, ``dich`` -> ``Sie``, ``dir`` -> ``Ihnen``, ``dein*`` -> ``Ihr*``;
  reflexive ``dich``/``dir`` (the subject of the clause is *du* or an imperative) -> ``sich``
  (``Melde dich`` -> ``Melden Sie sich``); plural ``ihr``/``euch``/``euer*`` with an adjacent verb.
* the verb agreeing with *du* -> 3rd person plural: adjacent (``du hast``, ``Hast du`` ->
  ``Haben Sie``) or clause-final in a subordinate clause (``dass du ... gewählt hast`` ->
  ``... gewählt haben``); see :mod:`toneloc.rules._german_verbs`.
* imperatives at the start of a clause: ``Schick mir`` -> ``Schicken Sie mir``.
* greeting and closing lines: ``Hallo``/``Hi``/``Hey`` -> ``Guten Tag``; ``LG``, ``Viele Grüße``,
  ``Liebe Grüße`` -> ``Mit freundlichen Grüßen``; ``Tschüss`` -> ``Auf Wiedersehen``.

Formal -> informal (``to_informal``) runs only on unambiguous forms: ``Sie`` capitalised inside a
sentence or right after a finite verb (``Haben Sie``), ``Ihnen``, ``Ihr*`` inside a sentence.
A sentence-initial ``Sie`` (she/they/you) is left alone and the result is flagged for review.

Case matters: ``Sie`` (you) vs ``sie`` (she/they) and ``Ihr`` (your) vs ``ihr`` (her/you-plural).

Directness (one :class:`~toneloc.rules._directness.SentencePass` per direction; a sentence is
rewritten by at most one rule, atomically, and never if a negation or number would be lost):

``indirect`` (``soften``)
    - ``de.soften.imperative``: ``Senden Sie uns das Foto.`` -> ``Bitte senden Sie uns das Foto.``
      (support verbs only; not when *bitte* is already there, not ``Sehen Sie, ...`` or ``Lassen
      Sie uns ...``);
    - ``de.soften.obligation``: ``Sie müssen das Formular ausfüllen.`` -> ``Bitte füllen Sie das
      Formular aus.`` (separable particle to the end of the clause, Satzklammer); ``Sie müssen
      nicht/nur ...`` stays, an obligation with a condition (``um ... zu``, ``wenn``) is flagged;
    - ``de.soften.refusal``: ``Wir können ... nicht ...``, ``... ist nicht (mehr) möglich/verfügbar``
      -> *leider* right before the negation (``Wir können Ihre Bestellung leider nicht stornieren.``);
      good news with a negation (``Wir berechnen keine Versandkosten.``) stays;
    - ``de.soften.apology``: bad news (``Ihre Zahlung wurde abgelehnt.``) -> *leider* after the
      finite verb (``Ihre Zahlung wurde leider abgelehnt.``).

``direct`` (``sharpen``)
    - ``de.sharpen.request``: ``Könnten/Würden Sie (uns) (bitte/vielleicht) ... INF?`` and
      ``Können Sie bitte ...?`` -> ``Bitte VERB Sie ... PARTIKEL.`` (``Könnten Sie das Formular
      ausfüllen?`` -> ``Bitte füllen Sie das Formular aus.``; an object clause ``, ob ...`` follows);
      ``Können Sie ...?`` without *bitte* (ability?) and ``Wären Sie so freundlich, ... zu ...`` are
      flagged;
    - ``de.sharpen.lead-in``: ``Ich wollte Ihnen mitteilen, dass``, ``Bitte beachten Sie, dass``,
      ``Hiermit teilen wir Ihnen mit, dass`` ... are dropped and the dass-clause becomes a main
      clause with the finite verb in second place (``..., dass Ihre Bestellung heute versendet
      wurde.`` -> ``Ihre Bestellung wurde heute versendet.``). Only when the subject is clear
      (pronoun, name, placeholder or article + noun) and the verb cannot be separable; otherwise
      flagged and left;
    - ``de.sharpen.answer-first``: an opening ``Vielen Dank für Ihre Nachricht.`` moves behind the
      answer, unless the next sentence refers back to it (``Diese haben wir ...``: flagged).

Epistemic hedges (*vielleicht*, *möglicherweise*, *voraussichtlich*) are kept in ``direct`` mode
(dropping them would turn an estimate into a promise). The reviewed table is
``tests/data/tone/directness_de.tsv``.

References:
    Duden, "Anrede mit du und Sie" and "Großschreibung der Höflichkeitsanrede" (Duden online,
    Sprachwissen); Amtliches Regelwerk der deutschen Rechtschreibung (Rat für deutsche
    Rechtschreibung, 2024), § 65 (Sie, Ihr, Ihnen groß; du, dein klein, in Briefen auch groß);
    Duden - Die Grammatik (2016), §§ 626-650 (Konjugation, Imperativ); DIN 5008:2020 (Grußformeln
    in Geschäftsbriefen: "Mit freundlichen Grüßen"); E. T. Hall, Beyond Culture (1976);
    J. House, "Understanding misunderstanding", in H. Spencer-Oatey (ed.), Culturally Speaking
    (2000) and "Politeness in Germany", in Hickey & Stewart (eds.), Politeness in Europe (2005) for
    German directness; J. House & G. Kasper, "Politeness markers in English and German" (1981);
    S. Blum-Kulka, J. House & G. Kasper (eds.), Cross-Cultural Pragmatics (1989).
"""

from __future__ import annotations

import bisect

import regex

from toneloc.rules._base import (
    CLAUSE_BREAK,
    CultureRules,
    Edit,
    RegexRule,
    RuleContext,
    WordMapRule,
    at_sentence_start,
    compile_rx,
    marker,
    word_pattern,
)
from toneloc.rules._directness import SentencePass, SentenceRule
from toneloc.rules._german_verbs import imperative_infinitive, to_second_singular, to_third_plural

__all__ = ["German", "Rules"]

POSSESSIVE = {
    "dein": "Ihr", "deine": "Ihre", "deinen": "Ihren", "deinem": "Ihrem", "deiner": "Ihrer",
    "deines": "Ihres", "deins": "Ihres", "deinige": "Ihrige",
    "euer": "Ihr", "eure": "Ihre", "euren": "Ihren", "eurem": "Ihrem", "eurer": "Ihrer", "eures": "Ihres",
    "euere": "Ihre", "eueren": "Ihren", "euerem": "Ihrem", "euerer": "Ihrer",
}
POSSESSIVE_BACK = {
    "Ihr": "dein", "Ihre": "deine", "Ihren": "deinen", "Ihrem": "deinem", "Ihrer": "deiner", "Ihres": "deines",
}
SUBJECTS = frozenset({"ich", "er", "sie", "es", "wir", "man", "ihr", "du", "jemand", "niemand", "das", "dies"})
# Words that look like imperatives but open sentences in other roles.
NOT_IMPERATIVE = frozenset({
    "danke", "bitte", "hoffe", "glaube", "denke", "finde", "meine", "liebe", "grüße", "schade", "ende",
    "gerne", "gern", "weiß", "stimmt", "klar", "genau", "super", "ja", "nein", "also", "nun", "na",
    "gut", "toll", "bis", "mal", "hallo", "tschüss", "wie", "was", "wo", "wann", "warum", "wer", "frage",
    "antwort", "rufe", "habe", "sage", "wette", "rate", "sorry", "hätte", "wäre", "würde", "möchte",
    "hilfe", "schau", "kaufe", "sitze", "lebe", "wohne", "arbeite", "spiele", "mache", "ziehe",
})
COMMON_IMPERATIVES = frozenset({
    "schick", "schicke", "sende", "send", "melde", "meld", "gib", "klick", "klicke", "prüf", "prüfe",
    "lass", "komm", "ruf", "rufe", "geh", "warte", "wart", "versuch", "versuche", "öffne", "hab", "sei",
    "nimm", "sag", "erzähl", "erzähle", "hör", "höre", "stell", "stelle", "füg", "füge", "denk", "mach",
    "vergiss", "kontaktiere", "besuch", "besuche", "lies", "wähle", "wähl", "trag", "trage", "lad",
    "lade", "schreib", "schreibe", "antworte", "bestätige", "bestätig", "sieh", "hilf", "genieß",
    "genieße", "achte", "überprüfe", "überprüf", "aktualisiere", "starte", "installiere", "logg", "logge",
    "teile", "teil", "nutze", "nutz", "verwende", "wende", "zögere", "zögre", "beachte", "entschuldige",
    "schau", "guck", "tu", "triff", "iss", "bleib", "bleibe", "setz", "setze", "leg", "lege", "bring",
    "bringe", "pass", "grüß", "such", "suche", "folge", "folg", "frag", "frage", "kauf", "zahl", "fülle",
    "füll", "drücke", "drück", "tippe", "tipp", "speichere", "lösche", "lösch", "ändere", "änder",
})
PREPOSITIONS = frozenset({
    "mit", "bei", "von", "zu", "für", "an", "auf", "aus", "nach", "über", "unter", "vor", "hinter", "neben",
    "zwischen", "gegen", "ohne", "durch", "wegen", "trotz", "seit", "ab", "außer", "gegenüber",
})
REFLEXIVE_CUES = frozenset({"du", "ihr"})
# 2nd person plural -> 3rd person plural for "ihr" as subject.
PLURAL_VERBS = {
    "seid": "sind", "habt": "haben", "könnt": "können", "müsst": "müssen", "wollt": "wollen", "dürft": "dürfen",
    "sollt": "sollen", "wisst": "wissen", "werdet": "werden", "wart": "waren", "hattet": "hatten",
    "würdet": "würden", "könntet": "könnten", "mögt": "mögen", "möchtet": "möchten", "tut": "tun",
}


def _cap(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _verb_edit(tok: _Tok, new: str, text: str, rule: str, why: str) -> Edit:
    new = _cap(new, tok.text) if at_sentence_start(text, tok.start) or tok.text[:1].isupper() else new
    return Edit(tok.start, tok.end, tok.text, new, rule, why)


class DuToSie:
    """du/dich/dir/dein* -> Sie/Sie/Ihnen/Ihr* with verb agreement and imperatives (one clause at a time)."""

    id = "de.du-sie"
    explanation = "informal 'du' becomes formal 'Sie' with the verb in the 3rd person plural"

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        if not _HAS_INFORMAL.search(text) and not _MAYBE_IMPERATIVE.search(text):
            return []
        edits: list[Edit] = []
        for clause in _clauses(text, ctx):
            edits.extend(self._clause(text, clause, ctx))
        return edits

    def _clause(self, text: str, cl: list[_Tok], ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        lows = [t.low for t in cl]
        done: set[int] = set()
        subject_du = False
        imperative = False
        # 1. imperative at the start of the clause (optionally after "bitte", "und", "dann", "jetzt")
        k = 0
        while k < len(cl) - 1 and lows[k] in ("bitte", "und", "dann", "jetzt", "also", "oder", "aber", "einfach"):
            k += 1
        if cl and "du" not in lows and "ihr" not in lows[k + 1 : k + 2]:
            imp = self._imperative(text, cl, k, ctx)
            if imp is not None:
                out.append(imp)
                done.add(k)
                imperative = True
        # 1b. coordinated imperatives: "... und stell sicher", "oder lass sie rein"
        if imperative:
            for j in range(k + 1, len(cl) - 1):
                if lows[j] in ("und", "oder") and j + 1 not in done and cl[j + 1].text[:1].islower():
                    imp2 = self._imperative(text, cl, j + 1, ctx, coordinated=True)
                    if imp2 is not None:
                        out.append(imp2)
                        done.add(j + 1)
        if _CUES.isdisjoint(lows):
            return out  # steps 2-4 need du/dich/dir/dein*/ihr/euch/euer* in the clause (hot path: skip)
        # 2. du and its verb
        for i, t in enumerate(cl):
            if t.low != "du" or (i + 1 < len(cl) and lows[i + 1] in ("meine", "lieber", "liebe", "meiner")):
                continue
            subject_du = True
            out.append(Edit(t.start, t.end, t.text, "Sie", self.id + ".pronoun", "du -> Sie"))
            done.add(i)
            verb_idx = None
            for j, loose in ((i - 1, False), (i + 1, False), (i - 1, True), (i + 1, True)):
                if 0 <= j < len(cl) and j not in done and self._finite(cl[j], loose=loose):
                    verb_idx = j
                    break
            if verb_idx is None:  # verb-final subordinate clause: the next finite-looking word
                for j in range(i + 2, len(cl)):
                    if lows[j] == "du":
                        break
                    if j not in done and cl[j].text[:1].islower() and self._finite(cl[j], loose=False):
                        verb_idx = j
                        break
            if verb_idx is not None:
                v = cl[verb_idx]
                new = to_third_plural(v.low, strict=False)
                if new:
                    out.append(_verb_edit(v, new, text, self.id + ".verb", "verb agrees with Sie (3rd person plural)"))
                    done.add(verb_idx)
            else:
                ctx.flag(f"no verb found for 'du' at offset {t.start}; check the agreement")
            # coordinated verbs of the same subject: "wenn du lügst und dann erwischt wirst"
            for j in range(i + 1, len(cl)):
                if lows[j] == "du":
                    break
                if j not in done and cl[j].text[:1].islower() and self._finite(cl[j], loose=False):
                    new = to_third_plural(cl[j].low)
                    if new:
                        out.append(_verb_edit(cl[j], new, text, self.id + ".verb", "verb agrees with Sie"))
                        done.add(j)
        # 3. plural ihr with an adjacent 2nd plural verb
        for i, t in enumerate(cl):
            if t.text != "ihr" and not (t.text == "Ihr" and at_sentence_start(text, t.start)):
                continue
            for j in (i - 1, i + 1):
                if 0 <= j < len(cl) and cl[j].low in PLURAL_VERBS and j not in done:
                    out.append(Edit(t.start, t.end, t.text, "Sie", self.id + ".plural", "ihr -> Sie"))
                    out.append(_verb_edit(cl[j], PLURAL_VERBS[cl[j].low], text, self.id + ".verb", "ihr -> Sie"))
                    done.update((i, j))
                    subject_du = True
                    break
        # 4. objects and possessives
        reflexive = subject_du or imperative or self._infinitive_clause(cl)
        for i, t in enumerate(cl):
            if i in done:
                continue
            low = t.low
            after_prep = i > 0 and cl[i - 1].low in PREPOSITIONS
            if low == "dich":
                new = "sich" if (subject_du or imperative or (reflexive and not after_prep)) else "Sie"
                out.append(Edit(t.start, t.end, t.text, new, self.id + ".object", f"dich -> {new}"))
            elif low == "dir":
                new = "sich" if (subject_du or imperative) and not self._dative_object(cl, i) else "Ihnen"
                out.append(Edit(t.start, t.end, t.text, new, self.id + ".object", f"dir -> {new}"))
            elif low == "euch":
                new = "sich" if reflexive else "Sie"
                out.append(Edit(t.start, t.end, t.text, new, self.id + ".object", f"euch -> {new}"))
            elif low in POSSESSIVE and (not low.startswith("eu") or True):
                out.append(
                    Edit(t.start, t.end, t.text, POSSESSIVE[low], self.id + ".possessive", f"{t.text} -> Ihr-")
                )
        return out

    @staticmethod
    def _infinitive_clause(cl: list[_Tok]) -> bool:
        # "um dich zu waschen", "eine Art, dich auszudrücken": no subject, a zu-infinitive
        if any(t.low in SUBJECTS for t in cl):
            return False
        return any(t.low == "zu" for t in cl) or any(_ZU_INF.fullmatch(t.low) for t in cl)

    @staticmethod
    def _dative_object(cl: list[_Tok], i: int) -> bool:
        # "Ich schicke dir" -> Ihnen: a first-person subject in the clause means dir is not reflexive
        return any(t.low in ("ich", "wir", "er", "es", "man") for t in cl[:i])

    @staticmethod
    def _finite(tok: _Tok, *, loose: bool) -> bool:
        low = tok.low
        if not tok.word or len(low) < 3:
            return False
        if low == "weiß":
            return loose
        if not low.endswith(("st", "ßt", "zt", "xt")) or low in ("ist", "fast", "selbst", "erst"):
            return False
        return to_third_plural(low, strict=not loose) is not None

    def _imperative(
        self, text: str, cl: list[_Tok], k: int, ctx: RuleContext, *, coordinated: bool = False
    ) -> Edit | None:
        t = cl[k]
        low = t.low
        if not coordinated and k + 1 < len(cl) and low.endswith("t") and any(
            x.low in ("euch", "eure", "euer", "euren", "eurem", "eurer") for x in cl
        ):
            inf = imperative_infinitive(low[:-1] if not low.endswith("et") else low[:-2])
            if inf and at_sentence_start(text, t.start):
                return Edit(t.start, t.end, t.text, _cap(inf, t.text) + " Sie", self.id + ".imperative",
                            "plural imperative -> Sie-imperative")
        if low in NOT_IMPERATIVE and low not in COMMON_IMPERATIVES:
            return None
        nxt = cl[k + 1].low if k + 1 < len(cl) else ""
        if coordinated and nxt in ("sie", "es", "das"):
            nxt = ""
        if nxt in SUBJECTS or nxt == "sie" or (k + 1 < len(cl) and cl[k + 1].text == "Sie"):
            return None
        start_ok = (
            coordinated or at_sentence_start(text, t.start) or k > 0 or text[max(0, t.start - 2) : t.start] == ", "
        )
        if not start_ok:
            return None
        if t.text[:1].isupper() and not at_sentence_start(text, t.start):
            return None  # a noun inside a sentence
        inf = imperative_infinitive(low, known_only=False)
        if inf is None and low in COMMON_IMPERATIVES:
            inf = low + "n" if low.endswith("e") else low + "en"
        if inf is None:
            return None
        evidence = coordinated or low in COMMON_IMPERATIVES or any(
            x.low in ("mir", "mich", "uns", "dich", "dir", "bitte", "euch") or x.low in POSSESSIVE for x in cl
        )
        end = text[cl[-1].end : cl[-1].end + 2]
        if not evidence and "!" not in end:
            return None
        if low in ("sei", "seid"):
            inf = "seien"
        new = _cap(inf, t.text) + " Sie"
        return Edit(t.start, t.end, t.text, new, self.id + ".imperative", "imperative -> Sie-imperative")


_CUES = frozenset({"du", "dich", "dir", "euch", "ihr", *POSSESSIVE})
_WORDS = regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*|\p{N}+|[^\s\p{L}\p{M}\p{N}]", regex.V1)


class _Tok:
    """A word or number of a clause (a light ``Token``: built ~60 times per reply)."""

    __slots__ = ("end", "low", "start", "text", "word")

    def __init__(self, start: int, end: int, text: str, low: str, word: bool) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.low = low
        self.word = word


def _clauses(text: str, ctx: RuleContext) -> list[list[_Tok]]:
    """``split_clauses(tokenize(text, ctx))`` in one pass (the hot path of the German rules).

    Same clauses and tokens: a token intersecting a protected span is left out (protected spans
    are skipped by a merge walk instead of a bisect per token), punctuation in
    :data:`~toneloc.rules._base.CLAUSE_BREAK` ends a clause, other punctuation is dropped.
    """
    spans = ctx.protected
    out: list[list[_Tok]] = []
    cur: list[_Tok] = []
    j = 0
    n = len(spans)
    for m in _WORDS.finditer(text):
        s, e = m.span()
        while j < n and spans[j][1] <= s:
            j += 1
        if j < n and spans[j][0] < e:
            continue
        t = m.group(0)
        c = t[0]
        if c.isalpha():
            cur.append(_Tok(s, e, t, t.lower(), True))
        elif c.isdigit():
            cur.append(_Tok(s, e, t, t.lower(), False))
        elif t in CLAUSE_BREAK and cur:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


_ZU_INF = regex.compile(r"\p{L}{2,}zu\p{L}{2,}en")
_HAS_INFORMAL = compile_rx(word_pattern("du", "dich", "dir", "euch", "ihr", "Ihr", *POSSESSIVE), regex.I)
_MAYBE_IMPERATIVE = regex.compile(r"(?:^|[.!?:\n,]\s*)\p{L}+", regex.V1)


class SieToDu:
    """Sie/Ihnen/Ihr* -> du/dir/dein* where unambiguous (capitalised inside a sentence)."""

    id = "de.sie-du"
    explanation = "formal 'Sie' becomes informal 'du' with the verb in the 2nd person singular"

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        if not _HAS_FORMAL.search(text):
            return []
        out: list[Edit] = []
        for cl in _clauses(text, ctx):
            done: set[int] = set()
            for i, t in enumerate(cl):
                if t.text not in ("Sie", "Ihnen", *POSSESSIVE_BACK):
                    continue
                initial = at_sentence_start(text, t.start)
                if t.text == "Sie":
                    prev_verb = i > 0 and cl[i - 1].low.endswith(("en", "n")) and cl[i - 1].low not in ("wenn", "denn")
                    if initial and not prev_verb:
                        ctx.flag(f"sentence-initial 'Sie' at offset {t.start} may mean she/they; left unchanged")
                        continue
                    reflexive_clause = any(x.low == "sich" for x in cl)
                    du = "du" if not initial else "Du"
                    out.append(Edit(t.start, t.end, t.text, du, self.id + ".pronoun", "Sie -> du"))
                    done.add(i)
                    if prev_verb and i - 1 not in done:
                        v = cl[i - 1]
                        sg = to_second_singular(v.low)
                        if sg:
                            out.append(_verb_edit(v, sg, text, self.id + ".verb", "verb agrees with du"))
                            done.add(i - 1)
                    elif i + 1 < len(cl) and to_second_singular(cl[i + 1].low) and cl[i + 1].text[:1].islower():
                        v = cl[i + 1]
                        out.append(_verb_edit(v, to_second_singular(v.low) or v.text, text, self.id + ".verb", "du"))
                        done.add(i + 1)
                    if reflexive_clause:
                        for j, x in enumerate(cl):
                            if x.low == "sich" and j not in done:
                                out.append(Edit(x.start, x.end, x.text, "dich", self.id + ".object", "sich -> dich"))
                                done.add(j)
                elif t.text == "Ihnen" and not initial:
                    out.append(Edit(t.start, t.end, t.text, "dir", self.id + ".object", "Ihnen -> dir"))
                elif t.text in POSSESSIVE_BACK and not initial:
                    out.append(
                        Edit(t.start, t.end, t.text, POSSESSIVE_BACK[t.text], self.id + ".possessive", "Ihr- -> dein-")
                    )
        return out


_HAS_FORMAL = regex.compile(word_pattern("Sie", "Ihnen", *POSSESSIVE_BACK), regex.V1)

GREETING = RegexRule(
    "de.greeting",
    r"(?m)^[ \t]*\K(?:Hallo|Hi|Hey|Servus|Moin(?:\s+moin)?|Huhu)"
    r"(?=[ \t]*[,!]?[ \t]*\n|[ \t]+\p{Lu}\p{Ll}+[ \t]*[,!]?[ \t]*\n)",
    "Guten Tag",
    "a formal greeting for customers (DIN 5008 style)",
)
CLOSING = RegexRule(
    "de.closing",
    r"(?m)^[ \t]*\K(?:LG|VG|Liebe\s+Grüße|Viele\s+Grüße|Lieben\s+Gruß|Liebe\s+Grüsse|Viele\s+Grüsse|Grüße|Gruß|"
    r"Beste\s+Grüße)(?=[ \t]*[,!]?[ \t]*$)",
    "Mit freundlichen Grüßen",
    "the standard business closing (DIN 5008)",
)
FAREWELL = RegexRule(
    "de.farewell",
    r"(?m)^[ \t]*\K(?:Tschüss|Tschüs|Ciao|Bye|Tschau)(?=[ \t]*[,!.]?[ \t]*$)",
    "Auf Wiedersehen",
    "a formal farewell",
)
INFORMAL_GREETING_BACK = RegexRule(
    "de.greeting-informal",
    r"(?m)^[ \t]*\KMit\s+freundlichen\s+Grüßen(?=[ \t]*[,!]?[ \t]*$)",
    "Viele Grüße",
    "a friendly closing",
)
COLLOQUIAL = WordMapRule(
    "de.colloquial",
    {"nen": "einen", "ne": "eine", "gibts": "gibt es", "gibt's": "gibt es", "haste": "hast du"},
    "colloquial contractions are written out in formal replies",
    case_sensitive=True,
)

# ---------------------------------------------------------------- directness
# Infinitives (without a separable prefix) a support reply asks the customer to do. The sentence
# rules below restructure a clause only around these verbs; anything else is left alone.
ACTION_VERBS = frozenset({
    "senden", "schicken", "prüfen", "überprüfen", "klicken", "tippen", "drücken", "melden", "geben", "füllen",
    "bestätigen", "starten", "aktualisieren", "installieren", "löschen", "laden", "kontaktieren", "wenden",
    "warten", "beachten", "legen", "öffnen", "nennen", "teilen", "leiten", "setzen", "rufen", "wählen",
    "tragen", "schauen", "sehen", "lesen", "drucken", "speichern", "ändern", "kopieren", "fügen", "reichen",
    "versuchen", "probieren", "loggen", "schließen", "nehmen", "verwenden", "nutzen", "erneuern", "aktivieren",
    "deaktivieren", "entfernen", "stellen", "bringen", "zahlen", "bezahlen", "überweisen", "antworten",
    "beantworten", "halten", "tauschen", "kündigen", "stornieren", "bestellen", "verbinden", "trennen",
    "schalten", "wiederholen", "lassen", "fotografieren", "hinterlegen", "verpacken", "packen", "kommen",
    "informieren", "leeren", "folgen", "scannen", "notieren", "buchen", "erstellen", "beschreiben", "schreiben",
    "sagen", "erklären", "zeigen",
})
SEPARABLE = ("herunter", "zusammen", "zurück", "weiter", "vorbei", "hoch", "fest", "frei", "los", "ab", "an",
             "auf", "aus", "bei", "ein", "mit", "nach", "vor", "weg", "zu", "her", "hin", "bereit")
# Prefixes that may be separable; a verb-final verb starting with one is not moved (it might split).
VERB_PREFIXES = (*SEPARABLE, "gut", "statt", "teil", "fern", "heim", "hinzu", "hinaus", "heraus", "herein",
                             "hinein", "voran", "voraus", "zurecht", "bekannt", "dar", "entgegen", "kennen",
                             "wieder", "um", "durch", "über", "unter", "fort", "nieder", "dabei", "dazu", "davon")
DE_NEGATION = regex.compile(
    r"(?i)(?<!\p{L})(?:nicht|nichts|nie|niemals|kein|keine|keinen|keinem|keiner|keines|nein|weder|noch\s+nicht|"
    r"ohne)(?!\p{L})",
    regex.V1,
)
_TOK = regex.compile(r"\{\{.*?\}\}|\{[^{}]*\}|[\p{L}\p{N}][\p{L}\p{N}_\-]*|\S", regex.V1)
_SOFT_DE = regex.compile(r"(?i)\b(?:leider|bedauerlicherweise|entschuldig\w*|bedauern|sorry)\b|tut\s+uns\s+leid")


def split_separable(infinitive: str) -> tuple[str, str] | None:
    """``(particle, verb)`` of a support verb's infinitive, or ``None`` if it is not a known one.

    >>> split_separable("ausfüllen"), split_separable("senden"), split_separable("analysieren")
    (('aus', 'füllen'), ('', 'senden'), None)
    """
    if infinitive in ACTION_VERBS:
        return "", infinitive
    for p in SEPARABLE:
        if infinitive.startswith(p) and infinitive[len(p) :] in ACTION_VERBS:
            return p, infinitive[len(p) :]
    return None


def _toks(text: str, s: int, e: int, ctx: RuleContext) -> list[tuple[int, int, str]]:
    """Tokens of ``text[s:e]``; a protected span (URL, quote, placeholder) is one token."""
    out: list[tuple[int, int, str]] = []
    spans = ctx.protected
    starts = [a for a, _ in spans]
    skip_to = -1
    for m in _TOK.finditer(text, s, e):
        if m.start() < skip_to:
            continue
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and spans[i][0] <= m.start() < spans[i][1]:
            a, b = spans[i]
            out.append((a, b, text[a:b]))
            skip_to = b
            continue
        out.append((m.start(), m.end(), m.group(0)))
    return out


def _final(text: str, s: int, e: int, marks: str) -> int | None:
    return e - 1 if e > s and text[e - 1] in marks else None


_FILLER = frozenset({"bitte", "vielleicht", "eventuell", "mal", "freundlicherweise", "doch", "netterweise"})
_CONDITION = frozenset({"um", "damit", "wenn", "falls", "bevor", "sobald", "zu", "ob", "dass", "weil"})


def _to_imperative(text: str, head: tuple[int, int], toks: list[tuple[int, int, str]], end: int,
                   rule: str, why: str, drop_fillers: bool) -> list[Edit] | None:
    """``<head> Sie MIDDLE INF<end>`` -> ``Bitte VERB Sie MIDDLE PARTICLE<end>`` (shared by two rules)."""
    if len(toks) < 1:
        return None
    inf = toks[-1]
    split = split_separable(inf[2]) if inf[2].islower() else None
    if split is None:
        return None
    particle, verb = split
    middle = toks[:-1]
    if any(t[2] in (",", ";", ":") or t[2].lower() in _CONDITION or t[2] in _COORD for t in middle):
        return None  # a condition or a second infinitive ("ausschalten und 30 Sekunden warten")
    if any(DE_NEGATION.fullmatch(t[2]) or t[2].lower() == "nur" for t in middle):
        return None  # negated or "nur" ("Sie müssen nur ...": all you need to do is)
    edits = [Edit(head[0], head[1], text[head[0] : head[1]], f"Bitte {verb} Sie", rule, why)]
    for st, en, w in middle:
        if w.lower() in _FILLER and (drop_fillers or w.lower() == "bitte"):
            edits.append(Edit(st, en + 1, text[st : en + 1], "", rule, "a softening particle is dropped"))
    prev_end = middle[-1][1] if middle else head[1]
    if particle:
        edits.append(Edit(inf[0], inf[1], inf[2], particle, rule, "the separable particle goes to the end"))
    else:
        edits.append(Edit(prev_end, inf[1], text[prev_end : inf[1]], "", rule, "the verb moves to the front"))
    if text[end] == "?":
        edits.append(Edit(end, end + 1, "?", ".", rule, "the request is a statement"))
    return edits


# --- indirect (soften)
_BITTE = regex.compile(r"(?i)\bbitte\b", regex.V1)
_AND_WE_DE = regex.compile(r"\b(?:und|oder)\s+(?:wir|ich)\b", regex.V1)
_LET_US = regex.compile(r"Lassen\s+Sie\s+(?:uns|mich)\b", regex.V1)
_WOULD_YOU_BE_SO_KIND = regex.compile(r"(?:Wären\s+Sie\s+so\s+(?:freundlich|nett)|Dürfte\s+ich\s+Sie\s+bitten)",
                                      regex.V1)
_IMPERATIVE_DE = regex.compile(r"(\p{Lu}\p{Ll}+en)\s+Sie\b", regex.V1)


def _soften_imperative(text: str, s: int, e: int, ctx: RuleContext) -> list[Edit] | None:
    m = _IMPERATIVE_DE.match(text, s, e)
    if m is None or _final(text, s, e, ".!") is None or m.group(1).lower() not in ACTION_VERBS | {"haben", "seien"}:
        return None
    if _BITTE.search(text, s, e):
        return []
    if text.startswith(",", m.end()) or _LET_US.match(text, s, e) or _AND_WE_DE.search(text, s, e):
        return None  # "Sehen Sie, ..." (discourse marker), "Lassen Sie uns ..." (an offer)
    return [Edit(s, m.end(1), m.group(1), "Bitte " + m.group(1).lower(), "de.soften.imperative",
                 "a bare Sie-imperative gets 'Bitte' (DIN 5008 business style)")]


_OBLIGATION_DE = regex.compile(r"Sie\s+müssen(?=\s)", regex.V1)


def _soften_obligation(text: str, s: int, e: int, ctx: RuleContext) -> list[Edit] | None:
    m = _OBLIGATION_DE.match(text, s, e)
    end = _final(text, s, e, ".!")
    if m is None or end is None:
        return None
    toks = _toks(text, m.end(), end, ctx)
    edits = _to_imperative(text, (s, m.end()), toks, end, "de.soften.obligation",
                           "'Sie müssen ...' becomes a request 'Bitte ... Sie ...' (the action stays)", False)
    if edits is None:
        if any(t[2] in (",", ";") or t[2].lower() in _CONDITION for t in toks):
            ctx.flag(f"'Sie müssen' at offset {s} states a condition, not an instruction; left as it is")
        return []
    return edits


_REFUSAL_DE = regex.compile(
    r"(?:Wir|Ich)\s+(?:können|kann|konnten|konnte|dürfen|darf|liefern|versenden|akzeptieren|erstatten|tauschen|"
    r"bieten|nehmen|reparieren|verkaufen|führen|übernehmen)\b",
    regex.V1,
)
_UNAVAILABLE_DE = regex.compile(
    r"(?:nicht|keine?)\s+(?:mehr\s+)?(?:möglich|erlaubt|zulässig|verfügbar|lieferbar|vorrätig|erhältlich|"
    r"erstattungsfähig)\b|(?:Das|Dies|Es)\s+(?:geht|funktioniert|klappt)\s+nicht\b",
    regex.V1,
)
_NEG_DE = regex.compile(r"(?<!\p{L})(?:nicht|kein|keine|keinen|keinem|keiner|keines)(?!\p{L})(?!\s+nur\b)", regex.V1)


def _soften_refusal(text: str, s: int, e: int, ctx: RuleContext) -> list[Edit] | None:
    if _final(text, s, e, "?") is not None or _SOFT_DE.search(text, s, e):
        return None
    if not (_REFUSAL_DE.match(text, s, e) or _UNAVAILABLE_DE.search(text, s, e)):
        return None
    n = _NEG_DE.search(text, s, e)
    if n is None:
        return None
    return [Edit(n.start(), n.start(), "", "leider ", "de.soften.refusal",
                 "a refusal is softened with 'leider' before the negation (the negation stays)")]


_BAD_NEWS_DE = regex.compile(
    r"(?:Ihre?|Die|Der|Das)\s+(?:\p{Ll}+\s+)?(?:Bestellung|Lieferung|Sendung|Paket|Erstattung|Rückerstattung|Zahlung|"
    r"Rücksendung|Artikel|Anfrage|Karte|Konto)(?:\s+\{[^{}]*\}|\s+\d+)?\s+(?:ist|wurde|hat\s+sich|wird\s+sich)\s+"
    r"(?=(?:[\p{L}\p{N}]+\s+){0,4}?(?:verspätet|verzögert|verzögern|storniert|beschädigt|verloren|abgelehnt|"
    r"ausverkauft|gesperrt)\b)",
    regex.V1,
)


_REQUESTED_DE = regex.compile(r"(?i)\b(?:wie\s+(?:gewünscht|vereinbart|besprochen)|auf\s+Ihren\s+Wunsch)\b")


def _soften_bad_news(text: str, s: int, e: int, ctx: RuleContext) -> list[Edit] | None:
    m = _BAD_NEWS_DE.match(text, s, e)
    if m is None or _final(text, s, e, ".!") is None or _SOFT_DE.search(text, s, e):
        return None
    if DE_NEGATION.search(text, s, e) or _REQUESTED_DE.search(text, s, e):
        return None  # "ist nicht verspätet" / "wurde wie gewünscht storniert": no bad news
    return [Edit(m.end(), m.end(), "", "leider ", "de.soften.apology",
                 "bad news gets 'leider' after the finite verb (expression of regret; CCSARP)")]


# --- direct (sharpen)
_LEAD_IN_DE = regex.compile(
    r"(?:(?:Ich|Wir)\s+(?:wollte|wollten|möchte|möchten)\s+(?:Ihnen\s+)?(?:nur\s+)?(?:kurz\s+)?(?:mal\s+)?"
    r"(?:mitteilen|sagen|Bescheid\s+geben)|(?:Ich|Wir)\s+(?:möchte|möchten|wollte|wollten)\s+Sie\s+(?:darüber\s+)?"
    r"(?:informieren|in\s+Kenntnis\s+setzen)|Hiermit\s+(?:teilen|informieren)\s+wir\s+Ihnen\s+mit|"
    r"Hiermit\s+teile\s+ich\s+Ihnen\s+mit|Gerne\s+teilen\s+wir\s+Ihnen\s+mit|"
    r"Wir\s+freuen\s+uns,\s+Ihnen\s+mitteilen\s+zu\s+können|Bitte\s+beachten\s+Sie|"
    r"Wir\s+bedauern,\s+Ihnen\s+mitteilen\s+zu\s+müssen|Leider\s+müssen\s+wir\s+Ihnen\s+mitteilen|"
    r"Wir\s+können\s+Ihnen\s+bestätigen|Ich\s+kann\s+Ihnen\s+bestätigen)(,\s+dass\s+|:\s+)",
    regex.V1,
)
_PRON = frozenset({"wir", "ich", "Sie", "es", "er", "sie", "man", "dies"})
_DET = frozenset({
    "ihr", "ihre", "ihren", "ihrem", "ihrer", "ihres", "die", "der", "das", "den", "dem", "ein", "eine", "einen",
    "einem", "einer", "unser", "unsere", "unseren", "unserem", "unserer", "diese", "dieser", "dieses", "diesen",
    "alle", "beide", "sämtliche",
})
_AUX = frozenset({
    "ist", "sind", "war", "waren", "wurde", "wurden", "wird", "werden", "hat", "haben", "hatte", "hatten", "kann",
    "können", "konnte", "konnten", "muss", "müssen", "musste", "mussten", "soll", "sollen", "sollte", "sollten",
    "darf", "dürfen", "möchte", "möchten", "will", "wollen", "bin", "habe", "werde", "würde", "würden",
})
_POST_NOUN = frozenset({"vom", "von", "des", "der"})  # a genitive/attribute: the verb cannot follow the noun
_COORD = frozenset({"und", "oder", "aber", "sowie", "sondern", "denn", "bzw"})
_SUBORD = frozenset({"dass", "weil", "wenn", "ob", "falls", "da", "obwohl", "sobald", "bevor", "nachdem", "damit"})


def _subject_end(toks: list[tuple[int, int, str]]) -> int | None:
    """Index after the subject noun phrase at the start of a verb-final clause, or ``None``."""
    if not toks:
        return None
    w = toks[0][2]
    if w.lower() in _DET:
        i = 1
        while i < len(toks) and toks[i][2][:1].islower() and toks[i][2].endswith(("e", "en", "er", "es", "em")):
            i += 1
        if i < len(toks) and toks[i][2][:1].isupper():
            i += 1
            # "Ihre Bestellung 12345 wurde ...": a number/placeholder right after the noun names it,
            # unless a noun follows ("die Erstattung 5 Tage dauert": 5 counts the days)
            while (i < len(toks) and (toks[i][2].startswith("{") or toks[i][2][:1].isdigit() or toks[i][2] == "#")
                   and not (i + 1 < len(toks) and toks[i + 1][2][:1].isupper())):
                i += 1
            if i < len(toks) and toks[i][2].lower() in _POST_NOUN:
                return None
            return i
        return None
    if w in _PRON or w.lower() in ("wir", "ich", "es", "man"):
        return 1
    if (w.startswith("{") or w[:1].isupper()) and len(toks) > 1 and toks[1][2][:1].islower():
        return 1  # a name or a placeholder: "dass {product} nicht ... fällt", "dass DHL ... liefert"
    return None


def _sharpen_lead_in(text: str, s: int, e: int, ctx: RuleContext) -> list[Edit] | None:
    m = _LEAD_IN_DE.match(text, s, e)
    end = _final(text, s, e, ".!")
    if m is None or end is None:
        return None
    why = "answer first: the lead-in before the answer is dropped (House 2000: German content orientation)"
    toks = _toks(text, m.end(), end, ctx)
    if not toks:
        return None
    first = toks[0]
    cap = first[2][:1].upper() + first[2][1:]
    if m.group(1).startswith(":"):  # "Ich wollte Ihnen Bescheid geben: Ihr Paket ist da."
        return [Edit(s, first[1], text[s : first[1]], cap, "de.sharpen.lead-in", why)]
    fail = f"lead-in at offset {s}: the dass-clause could not be turned into a main clause; left as it is"
    if any(t[2] in (",", ";", ":") or t[2].lower() in _SUBORD or t[2] in _COORD for t in toks):
        ctx.flag(fail)  # a second clause ("..., das ...", "... und ... wird") would take the wrong verb
        return []
    subj = _subject_end(toks)
    verb = toks[-1]
    vw = verb[2]
    movable = vw.islower() and vw.isalpha() and (
        vw in _AUX or (vw.endswith(("t", "en")) and not any(vw.startswith(p) and len(vw) - len(p) > 3
                                                            for p in VERB_PREFIXES))
    )
    if subj is None or not movable or subj > len(toks) - 1:
        ctx.flag(fail)
        return []
    prev_end = toks[-2][1]
    np_end = toks[subj - 1][1]
    if ctx.is_protected(first[0], first[1]):  # a placeholder opens the clause: drop only the lead-in
        edits = [Edit(s, first[0], text[s : first[0]], "", "de.sharpen.lead-in", why)]
    else:
        edits = [Edit(s, first[1], text[s : first[1]], cap, "de.sharpen.lead-in", why)]
    if np_end != prev_end:
        edits.append(Edit(np_end, np_end, "", " " + vw, "de.sharpen.lead-in", "the finite verb moves to second place"))
        edits.append(Edit(prev_end, verb[1], text[prev_end : verb[1]], "", "de.sharpen.lead-in",
                          "the finite verb moves to second place"))
    return edits


_REQUEST_HEAD = regex.compile(r"(?:Könnten|Können|Würden)\s+Sie(?=\s)", regex.V1)
_ALTERNATIVE_DE = regex.compile(r"\boder\s+(?:sollen|soll|möchten|wollen|können|ist|sind|würden|wäre)\b", regex.V1)
_TAIL = regex.compile(r",\s+(?:ob|wann|wo|wie|welche\w*|was|wer|warum|wohin|woher)\b[^?]*(?=\?)", regex.V1)


def _sharpen_request(text: str, s: int, e: int, ctx: RuleContext) -> list[Edit] | None:
    end = _final(text, s, e, "?")
    if _WOULD_YOU_BE_SO_KIND.match(text, s, e):
        ctx.flag(f"request at offset {s} ('Wären Sie so freundlich ... zu'): not rewritten; left as it is")
        return []
    h = _REQUEST_HEAD.match(text, s, e)
    if h is None or end is None or _ALTERNATIVE_DE.search(text, s, e):
        return None
    tail = _TAIL.search(text, h.end(), end + 1)
    stop = tail.start() if tail else end
    toks = _toks(text, h.end(), stop, ctx)
    has_bitte = any(t[2].lower() == "bitte" for t in toks)
    if text.startswith("Können", s) and not has_bitte:
        inf = toks[-1][2] if toks else ""
        if split_separable(inf) is not None:
            ctx.flag(f"'Können Sie ...?' at offset {s} may ask about ability, not request; left as it is")
            return []
        return None
    return _to_imperative(text, (s, h.end()), toks, end, "de.sharpen.request",
                          "a hedged request ('Könnten Sie ...?') becomes 'Bitte ... Sie ...' (the action stays)", True)


DE_COURTESY = regex.compile(
    r"(?:(?:(?:Vielen|Herzlichen|Besten)\s+Dank|Danke(?:schön)?|Wir\s+danken\s+Ihnen)\s+für\s+Ihre\s+(?:Nachricht|"
    r"Anfrage|E-Mail|Mail|Geduld|Bestellung|Rückmeldung|Frage|Mitteilung|Kontaktaufnahme)|(?:Vielen\s+Dank|Danke),"
    r"\s+dass\s+Sie\s+(?:uns\s+)?(?:kontaktiert|geschrieben|sich\s+an\s+uns\s+gewandt)\s+haben|Ich\s+hoffe,\s+es\s+"
    r"geht\s+Ihnen\s+gut)[.!]",
    regex.V1,
)
DE_ANAPHORA = regex.compile(
    r"(?:(?:Es|Das|Dies|Diese[rsmn]?|Er)(?!\s+\p{Lu})|Darin|Dort|Dabei|Daraus|Darauf|Dafür|Damit)\b", regex.V1
)

SOFTEN_PASS = SentencePass(
    "de.soften",
    (
        SentenceRule("de.soften.refusal", "a refusal is softened with 'leider'", _soften_refusal),
        SentenceRule("de.soften.apology", "bad news gets 'leider'", _soften_bad_news),
        SentenceRule("de.soften.obligation", "'Sie müssen ...' becomes 'Bitte ... Sie ...'", _soften_obligation),
        SentenceRule("de.soften.imperative", "a bare Sie-imperative gets 'Bitte'", _soften_imperative),
    ),
    negation=DE_NEGATION,
)
SHARPEN_PASS = SentencePass(
    "de.sharpen",
    (
        SentenceRule("de.sharpen.lead-in", "the lead-in before the answer is dropped", _sharpen_lead_in),
        SentenceRule("de.sharpen.request", "'Könnten Sie ...?' becomes 'Bitte ... Sie ...'", _sharpen_request),
    ),
    negation=DE_NEGATION,
    courtesy=DE_COURTESY,
    anaphora=DE_ANAPHORA,
    courtesy_id="de.sharpen.answer-first",
    courtesy_explanation="answer first: the opening thanks move behind the answer (House 2000)",
)


class German(CultureRules):
    """German (de-DE, de-AT, de-CH): Sie for customers by default.

    References:
        Duden online, "Anrede mit du und Sie"; Amtliches Regelwerk der deutschen Rechtschreibung
        (2024) § 65; Duden - Die Grammatik (2016) §§ 626-650; DIN 5008:2020; E. T. Hall, Beyond
        Culture (1976); J. House (2000, 2005); House & Kasper (1981); Blum-Kulka, House & Kasper (1989).
    """

    language = "de"
    default_formality = "formal"
    references = (
        "Duden online, 'Anrede mit du und Sie' (duden.de/sprachwissen)",
        "Amtliches Regelwerk der deutschen Rechtschreibung (2024), § 65",
        "Duden - Die Grammatik, 9th ed. (2016), §§ 626-650",
        "DIN 5008:2020, Schreib- und Gestaltungsregeln (Grußformeln)",
        "J. House (2000), 'Understanding misunderstanding', in Spencer-Oatey (ed.), Culturally Speaking",
        "J. House (2005), 'Politeness in Germany', in Hickey & Stewart (eds.), Politeness in Europe",
        "J. House & G. Kasper (1981), 'Politeness markers in English and German' (bitte, downtoners)",
        "S. Blum-Kulka, J. House & G. Kasper (eds.) (1989), Cross-Cultural Pragmatics: Requests and Apologies",
    )
    to_formal = (GREETING, CLOSING, FAREWELL, DuToSie())
    to_informal = (INFORMAL_GREETING_BACK, SieToDu())
    soften = (SOFTEN_PASS,)
    sharpen = (SHARPEN_PASS,)
    markers = (
        marker("de.register.du", word_pattern("du", "dich", "dir", *POSSESSIVE), "informal", "informal address (du)",
               flags=regex.I),
        marker("de.register.sie", r"(?<![.!?:]\s|^)(?<=\S\s)(?:Sie|Ihnen|Ihre[mnrs]?|Ihr)(?!\p{L})", "formal",
               "formal address (Sie)"),
        marker("de.register.greeting", r"(?m)^[ \t]*(?:Hi|Hey|Servus|LG|VG)(?!\p{L})", "informal",
               "informal greeting or closing"),
    )


Rules = German
