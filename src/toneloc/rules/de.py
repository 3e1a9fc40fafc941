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

References:
    Duden, "Anrede mit du und Sie" and "Großschreibung der Höflichkeitsanrede" (Duden online,
    Sprachwissen); Amtliches Regelwerk der deutschen Rechtschreibung (Rat für deutsche
    Rechtschreibung, 2024), § 65 (Sie, Ihr, Ihnen groß; du, dein klein, in Briefen auch groß);
    Duden - Die Grammatik (2016), §§ 626-650 (Konjugation, Imperativ); DIN 5008:2020 (Grußformeln
    in Geschäftsbriefen: "Mit freundlichen Grüßen"); E. T. Hall, Beyond Culture (1976) and
    House, J., "Misunderstanding in intercultural communication" (2000) for German directness.
"""

from __future__ import annotations

import regex

from toneloc.rules._base import (
    CultureRules,
    Edit,
    RegexRule,
    RuleContext,
    Token,
    WordMapRule,
    at_sentence_start,
    marker,
    split_clauses,
    tokenize,
    word_pattern,
)
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


def _verb_edit(tok: Token, new: str, text: str, rule: str, why: str) -> Edit:
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
        for clause in split_clauses(tokenize(text, ctx)):
            edits.extend(self._clause(text, clause, ctx))
        return edits

    def _clause(self, text: str, cl: list[Token], ctx: RuleContext) -> list[Edit]:
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
    def _infinitive_clause(cl: list[Token]) -> bool:
        # "um dich zu waschen", "eine Art, dich auszudrücken": no subject, a zu-infinitive
        if any(t.low in SUBJECTS for t in cl):
            return False
        return any(t.low == "zu" for t in cl) or any(_ZU_INF.fullmatch(t.low) for t in cl)

    @staticmethod
    def _dative_object(cl: list[Token], i: int) -> bool:
        # "Ich schicke dir" -> Ihnen: a first-person subject in the clause means dir is not reflexive
        return any(t.low in ("ich", "wir", "er", "es", "man") for t in cl[:i])

    @staticmethod
    def _finite(tok: Token, *, loose: bool) -> bool:
        low = tok.low
        if not tok.word or len(low) < 3:
            return False
        if low == "weiß":
            return loose
        if not low.endswith(("st", "ßt", "zt", "xt")) or low in ("ist", "fast", "selbst", "erst"):
            return False
        return to_third_plural(low, strict=not loose) is not None

    def _imperative(
        self, text: str, cl: list[Token], k: int, ctx: RuleContext, *, coordinated: bool = False
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


_ZU_INF = regex.compile(r"\p{L}{2,}zu\p{L}{2,}en")
_HAS_INFORMAL = regex.compile(
    word_pattern("du", "dich", "dir", "euch", "ihr", "Ihr", *POSSESSIVE), regex.I | regex.V1
)
_MAYBE_IMPERATIVE = regex.compile(r"(?:^|[.!?:\n,]\s*)\p{L}+", regex.V1)


class SieToDu:
    """Sie/Ihnen/Ihr* -> du/dir/dein* where unambiguous (capitalised inside a sentence)."""

    id = "de.sie-du"
    explanation = "formal 'Sie' becomes informal 'du' with the verb in the 2nd person singular"

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        if not _HAS_FORMAL.search(text):
            return []
        out: list[Edit] = []
        for cl in split_clauses(tokenize(text, ctx)):
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

# Directness: soften bare Sie-imperatives into requests; sharpen by removing filler hedges.
SOFTEN_IMPERATIVE = RegexRule(
    "de.soften.imperative",
    r"(?m)(?:^|(?<=[.!?]\s))(?!Bitte\b)(\p{Lu}\p{Ll}+en)\s+Sie\b(?=[^.!?\n]*[.!])",
    lambda m, t, c: f"Bitte {m.group(1)[0].lower()}{m.group(1)[1:]} Sie",
    "a bare imperative becomes a polite request with 'bitte'",
)
SOFTEN_REFUSAL = RegexRule(
    "de.soften.refusal",
    r"(?m)(?:^|(?<=[.!?]\s))(?=Das\s+(?:ist|geht)\s+nicht\b|Wir\s+können\s+[^.!?\n]*\bnicht\b)",
    "Leider ",
    "a refusal is softened with 'Leider' (the negation stays)",
)
SHARPEN_HEDGE = RegexRule(
    "de.sharpen.hedge",
    r"\s(?:eventuell|vielleicht|möglicherweise|irgendwie)(?=\s)",
    "",
    "filler hedges are dropped for a direct reply (negations and facts stay)",
)
SHARPEN_OPENER = RegexRule(
    "de.sharpen.opener",
    r"(?m)^(?:Ich\s+wollte\s+(?:nur\s+)?(?:kurz\s+)?(?:mal\s+)?(?:sagen|mitteilen|Bescheid\s+geben),\s+dass\s+)",
    "",
    "answer first: the lead-in before the answer is dropped",
)


class German(CultureRules):
    """German (de-DE, de-AT, de-CH): Sie for customers by default.

    References:
        Duden online, "Anrede mit du und Sie"; Amtliches Regelwerk der deutschen Rechtschreibung
        (2024) § 65; Duden - Die Grammatik (2016) §§ 626-650; DIN 5008:2020; E. T. Hall, Beyond
        Culture (1976); J. House, "Misunderstanding in intercultural communication" (2000).
    """

    language = "de"
    default_formality = "formal"
    references = (
        "Duden online, 'Anrede mit du und Sie' (duden.de/sprachwissen)",
        "Amtliches Regelwerk der deutschen Rechtschreibung (2024), § 65",
        "Duden - Die Grammatik, 9th ed. (2016), §§ 626-650",
        "DIN 5008:2020, Schreib- und Gestaltungsregeln (Grußformeln)",
        "J. House (2000), Misunderstanding in intercultural communication: German directness",
    )
    to_formal = (GREETING, CLOSING, FAREWELL, DuToSie())
    to_informal = (INFORMAL_GREETING_BACK, SieToDu())
    soften = (SOFTEN_IMPERATIVE, SOFTEN_REFUSAL)
    sharpen = (SHARPEN_OPENER, SHARPEN_HEDGE)
    markers = (
        marker("de.register.du", word_pattern("du", "dich", "dir", *POSSESSIVE), "informal", "informal address (du)",
               flags=regex.I),
        marker("de.register.sie", r"(?<![.!?:]\s|^)(?<=\S\s)(?:Sie|Ihnen|Ihre[mnrs]?|Ihr)(?!\p{L})", "formal",
               "formal address (Sie)"),
        marker("de.register.greeting", r"(?m)^[ \t]*(?:Hi|Hey|Servus|LG|VG)(?!\p{L})", "informal",
               "informal greeting or closing"),
    )


Rules = German
