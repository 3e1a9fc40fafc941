"""Dutch tone rules: je/jij <-> u with verb forms, possessives and reflexives.

Informal -> formal (``to_formal``):

* subject ``je``/``jij`` -> ``u``; an inverted present-tense verb gets its ``-t`` back
  (``heb je`` -> ``hebt u``, ``kun je`` -> ``kunt u``, ``ben je`` -> ``bent u``, ``vind je`` ->
  ``vindt u``, ``ga je`` -> ``gaat u``); past tense and stems in ``-t`` stay (``had je`` ->
  ``had u``, ``weet je`` -> ``weet u``); ``je kan``/``je wil``/``je zal`` -> ``u kunt``/``u wilt``/``u zult``;
* ``jouw``/``je`` before a noun -> ``uw``; object ``jou``/``je`` -> ``u``; reflexive ``je`` after a
  ``u`` subject -> ``zich`` (``maak je je zorgen`` -> ``maakt u zich zorgen``); ``jezelf`` -> ``uzelf``;
* ``alsjeblieft`` -> ``alstublieft``, ``dank je (wel)`` -> ``dank u (wel)``, greeting lines
  ``Hoi``/``Hey``/``Hallo`` -> ``Beste``/``Goedendag``, ``Groetjes``/``Doei`` -> ``Met vriendelijke groet``.

Generic *je* ("je weet maar nooit", *one*) cannot be told from *you* by form alone; it is rewritten
like the others, and the result is flagged ``needs_review`` when the sentence does not otherwise
address the reader (no question, no jij/jouw, no imperative).

Formal -> informal (``to_informal``) is reliable in Dutch (``u`` is always *you*): ``u`` ->
``je``, ``uw`` -> ``je``, inverted verbs lose the ``-t`` (``hebt u`` -> ``heb je``), ``zich`` after
``u`` -> ``je``, ``alstublieft`` -> ``alsjeblieft``.

References:
    Algemene Nederlandse Spraakkunst (ANS, 2nd ed. 1997, e-ANS online), §§ 5.2.2-5.2.3 (je/jij/u),
    § 2.3.2.1 (t-regel bij inversie); Taaladvies.net (Nederlandse Taalunie), "Hebt u / heeft u",
    "U en uw met hoofdletter?", "Je en jij"; Onze Taal, "Generieke je".
"""

from __future__ import annotations

import functools

import regex

from toneloc.rules._base import (
    CultureRules,
    Edit,
    RegexRule,
    RuleContext,
    Token,
    WordMapRule,
    at_sentence_start,
    lemmatizer,
    marker,
    split_clauses,
    tokenize,
    word_pattern,
)

__all__ = ["Dutch", "Rules"]

# inverted 2sg (stem) -> form with u
INVERTED = {
    "heb": "hebt", "ben": "bent", "kun": "kunt", "kan": "kunt", "wil": "wilt", "zal": "zult", "zul": "zult",
    "ga": "gaat", "doe": "doet", "sta": "staat", "zie": "ziet", "sla": "slaat", "hou": "houdt", "houd": "houdt",
    "mag": "mag", "zou": "zou", "moet": "moet", "weet": "weet", "word": "wordt", "vind": "vindt",
}
# non-inverted informal forms that differ with u
AFTER_JE = {"kan": "kunt", "wil": "wilt", "zal": "zult", "heb": "heeft", "hebt": "heeft", "ben": "bent"}
COORDINATORS = frozenset({"en", "maar", "want", "dus", "of", "toch", "dan", "nou", "ja", "nee", "oké", "oke"})
SUBORDINATORS = frozenset({
    "dat", "als", "wat", "omdat", "wanneer", "hoe", "waar", "toen", "terwijl", "zodat", "voordat", "nadat", "die",
    "wie", "waarom", "welke", "zoals", "tenzij", "hoewel", "sinds", "waarvan", "waarin", "waarmee", "waarop",
    "waarover", "waardoor", "zodra", "totdat", "indien", "mits", "alsof", "of",
})
SUBJECT_PRONOUNS = frozenset({"ik", "hij", "zij", "ze", "we", "wij", "men", "jullie"})
PREPOSITIONS = frozenset({
    "op", "in", "aan", "voor", "met", "van", "bij", "naar", "over", "uit", "om", "door", "tegen", "zonder",
    "onder", "boven", "achter", "naast", "tussen", "tot", "via", "per", "rond", "sinds", "na", "binnen",
})
NOT_NOUN = frozenset({
    "zorgen", "best", "niet", "ook", "nog", "al", "wel", "daar", "hier", "er", "dat", "het", "een", "de", "te",
    "zo", "even", "maar", "echt", "toch", "misschien", "altijd", "nooit", "graag", "eerder", "later", "nu", "dan",
    "vaak", "zelf", "ooit", "gisteren", "morgen", "vandaag", "direct", "meteen", "snel", "gewoon", "alleen",
    "heel", "erg", "zeker", "wat", "iets", "niets", "die", "deze", "dit", "mee", "op", "in", "aan", "af", "uit",
    "terug", "weer", "soms", "meestal", "eens", "daarmee", "ermee", "erover", "hierover", "goed",
})
PAST = frozenset({
    "was", "had", "kon", "wist", "ging", "zag", "deed", "kwam", "wilde", "wou", "zou", "mocht", "moest", "dacht",
    "kocht", "zei", "vond", "nam", "gaf", "liet", "stond", "bleef", "kreeg", "werd", "hield", "liep", "at",
    "waren", "hadden", "zat", "lag", "zocht", "bracht", "schreef", "las", "sprak", "wilden", "kende",
})
SUBJECT_INTRO = frozenset({
    "dat", "als", "wat", "of", "omdat", "wanneer", "hoe", "waar", "want", "en", "maar", "toen", "terwijl",
    "zodat", "voordat", "nadat", "die", "wie", "waarom", "welke", "dan", "zoals", "tenzij", "hoewel", "sinds",
})
# formal inverted -> informal
BACK_INVERTED = {"hebt": "heb", "heeft": "heb", "bent": "ben", "kunt": "kun", "wilt": "wil", "zult": "zul",
                 "houdt": "hou", "wordt": "word"}
BACK_AFTER = {"heeft": "hebt"}


@functools.lru_cache(maxsize=8192)
def _lemma(word: str) -> str:
    simplemma = lemmatizer()

    return str(simplemma.lemmatize(word, lang="nl"))


def _is_verb_stem(word: str) -> bool:
    w = word.lower()
    if w in INVERTED or w in PAST:
        return True
    lemma = _lemma(w)
    return lemma != w and lemma.endswith("en") and len(lemma) > 3


def with_t(stem: str) -> str:
    """The present form used with u: ``heb`` -> ``hebt``, ``vind`` -> ``vindt``, ``weet`` -> ``weet``."""
    w = stem.lower()
    if w in INVERTED:
        return INVERTED[w]
    if w in PAST or w.endswith("t"):
        return w
    return w + "t"


class JeToU:
    """je/jij/jou/jouw -> u/uw with the verb forms of u."""

    id = "nl.je-u"
    explanation = "informal 'je/jij' becomes formal 'u' with the verb form of u"

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        for cl in split_clauses(tokenize(text, ctx)):
            out.extend(self._clause(text, cl, ctx))
        return out

    def _clause(self, text: str, cl: list[Token], ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        lows = [t.low for t in cl]
        done: set[int] = set()
        subject_seen = False

        def put_u(t: Token, new: str, why: str, rule: str = ".pronoun") -> None:
            cap = t.text[:1].isupper() and at_sentence_start(text, t.start)
            out.append(Edit(t.start, t.end, t.text, new[:1].upper() + new[1:] if cap else new, self.id + rule, why))

        for i, t in enumerate(cl):
            if i in done:
                continue
            low = t.low
            nxt = lows[i + 1] if i + 1 < len(cl) else ""
            prev = lows[i - 1] if i else ""
            if low in ("je", "jij"):
                has_subject = any(x in SUBJECT_PRONOUNS for x in lows[: max(0, i - 1)])
                # inversion: verb + je ("heb je", "Kun je")
                if i > 0 and prev.endswith("en") and prev not in INVERTED and self._nounish(cl, i + 1):
                    put_u(t, "uw", "possessive je after a plural verb -> uw")  # "Zouden je ouders ..."
                    done.add(i)
                    continue
                if i > 0 and i - 1 not in done and not subject_seen and not has_subject and _is_verb_stem(prev):
                    v = cl[i - 1]
                    if prev not in PAST:
                        new = with_t(prev)
                        if new != prev:
                            cap = v.text[:1].isupper()
                            out.append(Edit(v.start, v.end, v.text, new[:1].upper() + new[1:] if cap else new,
                                            self.id + ".verb", "the verb takes -t with u"))
                    put_u(t, "u", f"{t.text} -> u")
                    done.update((i - 1, i))
                    subject_seen = True
                    continue
                main_start = i == 0 or prev in COORDINATORS
                if main_start and self._nounish(cl, i + 1) and not _is_verb_stem(nxt):
                    put_u(t, "uw", "possessive je -> uw")
                    done.add(i)
                    continue
                if prev in SUBORDINATORS:
                    subject_seen = False
                if not subject_seen and (main_start or prev in SUBORDINATORS):
                    put_u(t, "u", f"{t.text} -> u")
                    done.add(i)
                    subject_seen = True
                    for j in range(i + 1, len(cl)):  # the finite verb of u: "je kan" -> "u kunt", "hebt" -> "heeft"
                        if lows[j] in AFTER_JE and (j == i + 1 or lows[j] in ("hebt", "heb")) and j not in done:
                            v = cl[j]
                            out.append(Edit(v.start, v.end, v.text, AFTER_JE[lows[j]], self.id + ".verb",
                                            "verb form with u"))
                            done.add(j)
                            break
                    continue
                if low == "jij":
                    put_u(t, "u", "jij -> u")
                    done.add(i)
                    subject_seen = True
                    continue
                if prev in PREPOSITIONS:
                    poss = i + 1 < len(cl) and nxt not in NOT_NOUN and not (_lemma(nxt) == nxt and nxt.endswith("en"))
                    put_u(t, "uw" if poss else "u", "je after a preposition: uw + noun, else u")
                # je after the subject: reflexive (je + verb/participle/adverb) or possessive (je + noun)
                elif subject_seen and nxt and not self._nounish(cl, i + 1):
                    put_u(t, "zich", "reflexive je -> zich")
                elif self._nounish(cl, i + 1):
                    put_u(t, "uw", "possessive je -> uw")
                else:
                    put_u(t, "u", "object je -> u")
                done.add(i)
            elif low == "jouw" or low == "jouwe":
                put_u(t, "uw" if low == "jouw" else "de uwe", f"{t.text} -> uw")
            elif low == "jou":
                put_u(t, "u", "jou -> u")
            elif low == "jezelf" or low == "jijzelf":
                put_u(t, "uzelf", "jezelf -> uzelf")
        return out

    @staticmethod
    def _nounish(cl: list[Token], j: int) -> bool:
        if j >= len(cl):
            return False
        w = cl[j].low
        if w in ("eigen", "beste", "nieuwe", "oude", "eerste", "grote", "kleine", "vorige", "huidige", "hele"):
            return True
        if cl[j].text[:1].isupper():
            return True
        if w in ("je", "jij", "u", "zich", "me", "mij", "hem", "haar", "ons", "hen", "ze") or w in PAST:
            return False
        if w.endswith("en") and (j + 1 == len(cl) or cl[j + 1].low in SUBORDINATORS):
            return False  # clause-final infinitive: "Ik wilde je vragen wat ..."
        lemma = _lemma(w)
        if lemma.endswith("en") and lemma != w and not w.endswith(("e", "s")):
            return False  # a verb form (je hebt, je vergist)
        if lemma == w and w.endswith("en") and len(w) > 4:
            return False  # an infinitive (je je herinneren)
        if w.startswith(("ge", "be", "ver")) and w.endswith(("d", "t", "en")):
            return False  # participle
        return w not in NOT_NOUN


class UToJe:
    """u/uw -> je with the informal verb forms (u is always 'you' in Dutch)."""

    id = "nl.u-je"
    explanation = "formal 'u' becomes informal 'je' with the informal verb form"

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        for cl in split_clauses(tokenize(text, ctx)):
            lows = [t.low for t in cl]
            subject = False
            for i, t in enumerate(cl):
                low = t.low
                cap = t.text[:1].isupper() and at_sentence_start(text, t.start)

                def put(new: str, tok: Token = t, c: bool = cap, why: str = "u -> je") -> None:
                    out.append(Edit(tok.start, tok.end, tok.text, new[:1].upper() + new[1:] if c else new,
                                    self.id, why))

                if low == "u":
                    prev = lows[i - 1] if i else ""
                    if i > 0 and prev not in SUBJECT_INTRO and (prev in BACK_INVERTED or _is_finite_t(prev)):
                        v = cl[i - 1]
                        new = BACK_INVERTED.get(prev) or _drop_t(prev)
                        if new != prev:
                            put(new, v, v.text[:1].isupper(), "verb loses -t with inverted je")
                        subject = True
                        put("je")
                    else:
                        nxt = lows[i + 1] if i + 1 < len(cl) else ""
                        if nxt in BACK_AFTER:
                            put(BACK_AFTER[nxt], cl[i + 1], False, "heeft -> hebt")
                        subject = subject or bool(nxt)
                        put("je")
                elif low == "uw":
                    put("je")
                elif low == "uzelf":
                    put("jezelf")
                elif low == "zich" and subject and "u" in lows[:i]:
                    put("je")
        return out


def _is_finite_t(word: str) -> bool:
    if not word.endswith("t") or len(word) < 3:
        return False
    lemma = _lemma(word)
    return lemma != word and lemma.endswith("en")


def _drop_t(word: str) -> str:
    lemma = _lemma(word)
    if lemma.endswith(("ten", "tten")) or word in PAST:
        return word
    return word[:-1] if word.endswith("t") else word


_PLEASE = WordMapRule(
    "nl.please",
    {"alsjeblieft": "alstublieft", "alsjeblief": "alstublieft", "aub": "a.u.b.", "ajb": "a.u.b."},
    "the formal 'please'",
)
_THANKS = RegexRule(
    "nl.thanks",
    r"(?i)(?<!\p{L})(dank\s+)je(?=(?:\s+wel)?(?!\p{L}))|(?<!\p{L})dankjewel(?!\p{L})",
    lambda m, t, c: (m.group(1) + "u") if m.group(1) else ("Dank u wel" if m.group(0)[0].isupper() else "dank u wel"),
    "thanks in the formal register",
)
GREETING = RegexRule(
    "nl.greeting",
    r"(?m)^[ \t]*\K(?:Hoi|Hey|Hai|Hallo|Hee|Hi)(?=[ \t]*[,!]?[ \t]*\n|[ \t]+\p{Lu}\p{Ll}+[ \t]*[,!]?[ \t]*\n)",
    "Beste",
    "a formal salutation line",
)
CLOSING = RegexRule(
    "nl.closing",
    r"(?m)^[ \t]*\K(?:Groetjes|Groeten|Doei|Liefs|Gr\.?|Grtz|Later)(?=[ \t]*[,!.]?[ \t]*$)",
    "Met vriendelijke groet",
    "the standard business closing",
)
_BACK_PLEASE = WordMapRule("nl.please-informal", {"alstublieft": "alsjeblieft"}, "the informal 'please'")


class Dutch(CultureRules):
    """Dutch (nl-NL, nl-BE): u for customers by default.

    References:
        ANS (e-ANS), §§ 5.2.2-5.2.3, 2.3.2.1; Nederlandse Taalunie, Taaladvies.net ("Hebt u / heeft u",
        "Je en jij"); Onze Taal, "Generieke je".
    """

    language = "nl"
    default_formality = "formal"
    references = (
        "Algemene Nederlandse Spraakkunst (e-ANS), §§ 5.2.2-5.2.3, 2.3.2.1",
        "Nederlandse Taalunie, Taaladvies.net: 'Hebt u / heeft u', 'Je en jij'",
        "Onze Taal, 'Generieke je'",
    )
    to_formal = (GREETING, CLOSING, _PLEASE, _THANKS, JeToU())
    to_informal = (_BACK_PLEASE, UToJe())
    markers = (
        marker("nl.register.je", word_pattern("je", "jij", "jou", "jouw", "jezelf"), "informal",
               "informal address (je/jij)", flags=regex.I),
        marker("nl.register.u", word_pattern("u", "uw", "uzelf"), "formal", "formal address (u)", flags=regex.I),
    )

    def preprocess(self, text: str, ctx: RuleContext) -> None:
        if ctx.formality != "formal":
            return
        for sent in regex.split(r"(?<=[.!?])\s+", text):
            low = sent.lower()
            if regex.search(r"(?<!\p{L})je(?!\p{L})", low) and not (
                "?" in sent or regex.search(r"(?<!\p{L})(?:jij|jou|jouw|jullie)(?!\p{L})", low)
            ):
                ctx.flag("'je' may be generic (one/people) here; check that the reader is meant")
                return


Rules = Dutch
