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

* possessive or subject *je*: ``je`` + noun phrase is ``uw`` (an inflected adjective, a plural
  noun, a noun followed by a finite verb); in a subordinate clause the finite verb comes last, so
  ``je`` before a noun is the possessive when that verb cannot agree with ``je`` (``zodra je pakket
  is aangekomen`` -> ``uw pakket``; ``als je vragen hebt`` keeps ``u ... heeft``) or when a bare
  singular count noun follows (a count noun needs a determiner: ``als je klant zegt``);
* ``jullie`` -> ``u`` (u is singular and plural) with the verb form of u (``hebben jullie`` ->
  ``hebt u``, ``jullie gaan`` -> ``u gaat``), possessive ``jullie`` -> ``uw``.

Generic *je* ("je weet maar nooit", *one*) cannot be told from *you* by form alone; it is rewritten
like the others, and the result is flagged ``needs_review`` when the sentence does not otherwise
address the reader (no question, no jij/jouw, no imperative).

Formal -> informal (``to_informal``) is reliable in Dutch (``u`` is always *you*): ``u`` ->
``je``, ``uw`` -> ``je``, inverted verbs lose the ``-t`` (``hebt u`` -> ``heb je``), ``zich`` after
``u`` -> ``je``, ``alstublieft`` -> ``alsjeblieft``.

References:
    Algemene Nederlandse Spraakkunst (ANS, 2nd ed. 1997, e-ANS online), §§ 5.2.2-5.2.3 (je/jij/u,
    jullie), § 2.3.2.1 (t-regel bij inversie), the word-order chapter (finite verb last in a
    subordinate clause) and the chapter on the article (count nouns need a determiner);
    Taaladvies.net (Nederlandse Taalunie), "Hebt u / heeft u", "U en uw met hoofdletter?", "Je en
    jij", "Jullie of u"; Onze Taal, "Generieke je"; Woordenlijst (Groene Boekje) for the spelling of
    stems (maken -> maak, geven -> geef).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import regex

from toneloc.rules._base import (
    CultureRules,
    Edit,
    RegexRule,
    RuleContext,
    Token,
    WordMapRule,
    at_sentence_start,
    compile_rx,
    lemmatizer,
    marker,
    split_clauses,
    tokenize,
    word_pattern,
)

__all__ = ["Dutch", "Rules"]

_SENTENCES = compile_rx(r"(?<=[.!?])\s+")
_JE = compile_rx(r"(?<!\p{L})je(?!\p{L})")
_DIRECT = compile_rx(r"(?<!\p{L})(?:jij|jou|jouw|jullie)(?!\p{L})")

# inverted 2sg (stem) -> form with u
INVERTED = {
    "heb": "hebt", "ben": "bent", "kun": "kunt", "kan": "kunt", "wil": "wilt", "zal": "zult", "zul": "zult",
    "ga": "gaat", "doe": "doet", "sta": "staat", "zie": "ziet", "sla": "slaat", "hou": "houdt", "houd": "houdt",
    "mag": "mag", "zou": "zou", "moet": "moet", "weet": "weet", "word": "wordt", "vind": "vindt",
}
# non-inverted informal forms that differ with u
# "u hebt" and "u heeft" are both standard (Taaladvies, "Hebt u / heeft u"); after u the rules write
# heeft, in inversion hebt u (the more frequent forms in each position)
AFTER_JE = {"kan": "kunt", "wil": "wilt", "zal": "zult", "heb": "heeft", "hebt": "heeft", "ben": "bent"}
# coordinators that join two main clauses, each with its own subject (ANS 10.3, nevenschikking)
CLAUSE_COORDINATORS = frozenset({"en", "of", "maar", "want"})
COORDINATORS = frozenset({"en", "maar", "want", "dus", "of", "toch", "dan", "nou", "ja", "nee", "oké", "oke"})
SUBORDINATORS = frozenset({
    "dat", "als", "wat", "omdat", "wanneer", "hoe", "waar", "toen", "terwijl", "zodat", "voordat", "nadat", "die",
    "wie", "waarom", "welke", "zoals", "tenzij", "hoewel", "sinds", "waarvan", "waarin", "waarmee", "waarop",
    "waarover", "waardoor", "zodra", "totdat", "indien", "mits", "alsof", "of",
})
SUBJECT_PRONOUNS = frozenset({"ik", "hij", "zij", "ze", "we", "wij", "men"})
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
    # circumposition particles: "om je heen", "naar je toe", "bij je vandaan" (ANS 8.5, achterzetsels)
    "heen", "toe", "vandaan",
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
ADJECTIVES = frozenset({"eigen", "beste", "nieuwe", "oude", "eerste", "grote", "kleine", "vorige", "huidige", "hele",
                        "normale", "favoriete", "laatste", "volgende", "persoonlijke", "mobiele"})
COPULAS = frozenset({"is", "was", "zijn", "waren", "blijft", "wordt", "lijkt"})
# finite forms that cannot have je as subject (3sg-only or plural; ANS, persoonsvorm)
FINITE_SG = frozenset({"is", "heeft"})
FINITE_PL = frozenset({"zijn", "hebben", "zullen", "kunnen", "worden", "waren", "hadden", "zouden", "konden",
                       "willen", "moeten", "mogen", "gaan", "komen", "blijven"})
# adverbs that often follow the subject je (so je + adverb is not je + noun)
AUX_MODAL = frozenset({
    "kan", "kun", "kunt", "wil", "wilt", "wilde", "zal", "zul", "zult", "zou", "moet", "mag", "ga", "gaat", "gaan",
    "willen", "kunnen", "zullen", "moeten", "mogen", "wilden", "hoef", "hoeft", "laat", "laten", "durf", "durft",
})
VERBS_EN = frozenset({"worden", "zijn", "hebben", "gaan", "komen", "laten", "kunnen", "willen", "moeten", "zullen",
                      "mogen", "blijven", "helpen", "bellen", "mailen", "sturen", "geven", "wachten"})
ADVERBS = frozenset({
    "stiekem", "echter", "absoluut", "bijvoorbeeld", "waarschijnlijk", "natuurlijk", "eigenlijk", "inderdaad",
    "eenmaal", "pas", "net", "juist", "vast", "helemaal", "precies", "ongeveer", "liever", "meer", "minder", "veel",
    "weinig", "ergens", "overal", "iemand", "niemand", "alles", "ervan", "erin", "ervoor", "erop", "eraan",
    "daarvan", "daarin", "daarvoor", "hiervan", "hiermee", "bijna", "zomaar", "dus", "wellicht", "mogelijk",
    "vaak", "nog", "steeds", "opnieuw", "ook", "toch", "echt", "zelfs", "graag", "dan", "wel", "nu", "dit",
})
SECOND_SG = frozenset({"hebt", "heb", "bent", "ben", "kunt", "kun", "wilt", "zult", "jij", "jezelf"})
MASS_NOUNS = frozenset({"hulp", "tijd", "toegang", "zin", "interesse", "geld", "last", "moeite", "behoefte", "recht",
                        "informatie", "contact", "vertrouwen", "pech", "geluk", "genoeg", "plezier", "honger",
                        "dorst", "koorts", "werk", "ruimte", "internet", "wifi", "korting", "geduld"})
# plural verb forms -> the form used with u (hebt u and heeft u are both correct: Taaladvies "Hebt u / heeft u")
PLURAL_TO_U = {
    "zijn": "bent", "hebben": "hebt", "kunnen": "kunt", "willen": "wilt", "zullen": "zult", "mogen": "mag",
    "gaan": "gaat", "doen": "doet", "staan": "staat", "slaan": "slaat", "zien": "ziet", "komen": "komt",
    "weten": "weet", "worden": "wordt", "moeten": "moet", "hadden": "had", "waren": "was", "konden": "kon",
    "wilden": "wilde", "zouden": "zou", "kwamen": "kwam", "gingen": "ging", "moesten": "moest", "mochten": "mocht",
    "deden": "deed", "zagen": "zag", "wisten": "wist", "kregen": "kreeg", "werden": "werd", "bleven": "bleef",
}
V2_LEAD = frozenset({"wat", "waar", "hoe", "waarom", "wanneer", "welke", "wie", "nu", "dan", "daar", "hier", "ook",
                     "misschien", "toch", "dus", "zo", "morgen", "vandaag", "straks"})


@functools.lru_cache(maxsize=8192)
def _plural_to_u(word: str) -> str | None:
    """``gaan`` -> ``gaat``, ``bellen`` -> ``belt``, ``maken`` -> ``maakt``; ``None`` if not a plural verb."""
    if word in PLURAL_TO_U:
        return PLURAL_TO_U[word]
    if not word.endswith("en") or len(word) < 5 or _lemma(word) != word or not _known_verb(word, word[:-2]):
        return None
    stem = word[:-2]
    if stem[-1] == stem[-2] and stem[-1] not in "aeiou":
        stem = stem[:-1]  # bellen -> bel
    elif (len(stem) > 2 and stem[-2] in "aeou" and stem[-3] not in "aeiou" and stem[-1] not in "aeiouj"
          and sum(c in "aeiou" for c in stem) == 1):
        stem = stem[:-1] + stem[-2] + stem[-1]  # maken -> maak (open syllable: long vowel)
    stem = stem[:-1] + {"v": "f", "z": "s"}.get(stem[-1], stem[-1])
    return stem if stem.endswith("t") else stem + "t"


# formal inverted -> informal
BACK_INVERTED = {"hebt": "heb", "heeft": "heb", "bent": "ben", "kunt": "kun", "wilt": "wil", "zult": "zul",
                 "houdt": "hou", "wordt": "word"}
BACK_AFTER = {"heeft": "hebt"}


@functools.lru_cache(maxsize=8192)
def _lemma(word: str) -> str:
    simplemma = lemmatizer()

    return str(simplemma.lemmatize(word, lang="nl"))


@functools.lru_cache(maxsize=8192)
def _is_verb_stem(word: str, weak: bool = False) -> bool:
    """Whether *word* is a present stem (``heb``, ``gebruik``, ``zeg``) or a past form of a verb."""
    w = word.lower()
    if w in INVERTED or w in PAST:
        return True
    lemma = _lemma(w)
    if lemma != w and lemma.endswith("en") and len(lemma) > 3:
        return True
    if not weak or len(w) < 3 or not w.isalpha() or w in NOT_NOUN or w in PREPOSITIONS:
        return False
    # spelling rules stem -> infinitive (ANS 2.3.1): gebruik-en, zeg-g-en, maak -> maken, geef -> geven
    last = w[-1]
    cands = [w + "en", w + last + "en"]
    if len(w) > 3 and w[-2] == w[-3] and w[-2] in "aeou":
        cands.append(w[:-2] + {"f": "v", "s": "z"}.get(last, last) + "en")
    cands.append(w[:-1] + {"f": "v", "s": "z"}.get(last, last) + "en")
    return any(_known_verb(c, w) for c in cands)


@functools.lru_cache(maxsize=8192)
def _known_verb(word: str, stem: str) -> bool:
    """*word* is a known infinitive (simplemma maps some to the noun, gebruiken -> gebruik: *stem* allows that)."""
    simplemma = lemmatizer()

    return bool(simplemma.is_known(word, lang="nl")) and _lemma(word) in (word, stem)


@functools.lru_cache(maxsize=8192)
def with_t(stem: str) -> str:
    """The present form used with u: ``heb`` -> ``hebt``, ``vind`` -> ``vindt``, ``weet`` -> ``weet``."""
    w = stem.lower()
    if w in INVERTED:
        return INVERTED[w]
    if w in PAST or w.endswith("t") or (w.endswith(("de", "te")) and _lemma(w) != w):
        return w  # stems in -t and past forms (speelde jij -> speelde u) take no -t
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
        coord_start = 0  # first token after the last clause coordinator

        def put_u(t: Token, new: str, why: str, rule: str = ".pronoun") -> None:
            cap = t.text[:1].isupper() and at_sentence_start(text, t.start)
            out.append(Edit(t.start, t.end, t.text, new[:1].upper() + new[1:] if cap else new, self.id + rule, why))

        for i, t in enumerate(cl):
            if i in done:
                continue
            low = t.low
            nxt = lows[i + 1] if i + 1 < len(cl) else ""
            prev = lows[i - 1] if i else ""
            if low in CLAUSE_COORDINATORS:
                subject_seen = False  # "wil je iets ... en je kijkt ...": a new main clause, a new subject
                coord_start = i + 1
                continue
            if low in ("je", "jij"):
                has_subject = any(x in SUBJECT_PRONOUNS for x in lows[coord_start : max(0, i - 1)])
                # inversion: verb + je ("heb je", "Kun je")
                if i > 0 and (prev.endswith("en") or (nxt in ADJECTIVES and _is_verb_stem(prev))) and (
                    prev not in INVERTED and prev not in SUBORDINATORS and prev not in PREPOSITIONS
                    and prev not in NOT_NOUN and self._nounish(cl, i + 1)
                ):
                    put_u(t, "uw", "possessive je after a plural verb -> uw")  # "Zouden je ouders ..."
                    done.add(i)
                    continue
                if i > 0 and i - 1 not in done and not subject_seen and not has_subject and (
                    prev not in COORDINATORS and prev not in SUBORDINATORS  # "want je ...": a conjunction
                ) and (
                    _is_verb_stem(prev) or (i == 1 and _is_verb_stem(prev, True))
                ):
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
                    if self._possessive_in_subclause(cl, i):
                        put_u(t, "uw", "possessive je in a subordinate clause -> uw")
                        done.add(i)
                        continue
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
                if prev in PREPOSITIONS or prev in COPULAS or prev == "al":
                    poss = self._nounish(cl, i + 1, after_prep=True)
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
                # independent possessive: "het jouwe" -> "het uwe", a bare "jouwe" -> "de uwe" (ANS 5.6.2)
                new = "uw" if low == "jouw" else "uwe" if prev in ("de", "het") else "de uwe"
                put_u(t, new, f"{t.text} -> {new}")
            elif low == "jou":
                put_u(t, "u", "jou -> u")
            elif low == "jezelf" or low == "jijzelf":
                put_u(t, "uzelf", "jezelf -> uzelf")
            elif low == "jullie":
                self._jullie(text, cl, lows, i, done, put_u, out)
        return out

    def _jullie(self, text: str, cl: list[Token], lows: list[str], i: int, done: set[int],
                put_u: Callable[..., None], out: list[Edit]) -> None:
        """Plural ``jullie`` -> formal ``u`` (u is singular and plural: ANS 5.2.3): verb, possessive, object."""
        nxt = lows[i + 1] if i + 1 < len(cl) else ""
        prev = lows[i - 1] if i else ""
        if "elkaar" in lows:
            return  # "jullie kennen elkaar": a group among themselves, not the reader addressed
        if self._nounish(cl, i + 1, after_prep=prev in PREPOSITIONS) and (
            prev in PREPOSITIONS or _plural_to_u(nxt) is None
        ):
            put_u(cl[i], "uw", "possessive jullie -> uw")
            done.add(i)
            return
        others = any(x in SUBJECT_PRONOUNS for x in lows if x != "jullie")
        for j in (i - 1, i + 1):  # "hebben jullie" / "jullie gaan"
            if others or prev in PREPOSITIONS or not 0 <= j < len(cl) or j in done or lows[j] in NOT_NOUN:
                continue
            if j == i - 1 and not (j == 0 or lows[j - 1] in V2_LEAD):
                continue
            new = _plural_to_u(lows[j])
            if new is not None:
                v = cl[j]
                cap = v.text[:1].isupper() and at_sentence_start(text, v.start)
                out.append(Edit(v.start, v.end, v.text, new[:1].upper() + new[1:] if cap else new,
                                self.id + ".verb", "the verb form of u"))
                put_u(cl[i], "u", "jullie -> u")
                done.update((i, j))
                return
        if prev in PREPOSITIONS or others:
            put_u(cl[i], "u", "object jullie -> u")
            done.add(i)

    @staticmethod
    def _nounish(cl: list[Token], j: int, after_prep: bool = False) -> bool:
        """Whether the word after ``je`` starts a noun phrase (so ``je`` is the possessive)."""
        if j >= len(cl):
            return False
        w = cl[j].low
        if w in ADJECTIVES:
            return True
        if w in ("je", "jij", "u", "zich", "me", "mij", "hem", "haar", "ons", "hen", "ze") or w in PAST:
            return False
        if (w in NOT_NOUN or w in ADVERBS or w in PREPOSITIONS or w in SUBORDINATORS or w in COORDINATORS
                or w in COPULAS or w in SECOND_SG):
            return False
        if w in AUX_MODAL:
            return False  # "die je moet hebben"
        nxt = cl[j + 1].low if j + 1 < len(cl) else ""
        lemma = _lemma(w)
        participle = (w.startswith(("ge", "be", "ver", "ont", "her")) and w.endswith(("d", "t", "en"))
                      and lemma != w and lemma.endswith("en"))
        if participle:
            return False  # "met je gesproken"
        if w.endswith("en"):
            if w in VERBS_EN:
                return False  # "verliefd op je worden"
            infinitive_ctx = any(t.low in AUX_MODAL for t in cl[:j])
            if after_prep:  # "in je leven", "aan je katten"; but "(kan) op je wachten" ends the clause
                return bool(nxt) or not infinitive_ctx
            if nxt in ("te", "om") or nxt in SUBORDINATORS:
                return False  # an infinitive: "Ik wilde je vragen wat ..."
            if lemma != w and not lemma.endswith("en"):
                return not (infinitive_ctx and not nxt)  # a plural noun: "ze vernielen je spullen"
            if not nxt or nxt in COORDINATORS:
                return False
            return not nxt.endswith("en")  # "je leven niet", but "je laten weten"
        if cl[j].text[:1].isupper() or nxt in FINITE_SG or nxt in FINITE_PL:
            return True  # "je vlucht is ...": a subject noun phrase
        # a verb form agreeing with je (je hebt, je vergist, je kan) is not a noun
        verb_form = w.endswith(("t", "d")) and lemma != w and lemma.endswith("en") and not after_prep
        return not (w in AUX_MODAL or verb_form)

    def _possessive_in_subclause(self, cl: list[Token], i: int) -> bool:
        """``als je klant zegt``: je + bare singular noun, or a verb that cannot agree with je.

        The finite verb ends a Dutch subordinate clause (ANS, woordvolgorde). When it is a 3sg-only or a plural
        form (``is``, ``heeft``, ``zijn``) je cannot be its subject; a bare singular count noun after
        ``je`` needs a determiner, so je is that determiner (mass nouns such as ``hulp``, ``tijd`` excepted).
        """
        if i + 2 < len(cl) and (cl[i + 2].low in FINITE_PL or cl[i + 2].low in FINITE_SG) and cl[i + 1].low.endswith(
            "en"
        ) and not (cl[i + 1].low in VERBS_EN or cl[i + 1].low in AUX_MODAL or cl[i + 1].low in NOT_NOUN):
            return True  # "de zaken die je leven kunnen veranderen": the noun's own finite verb follows
        if not self._nounish(cl, i + 1):
            return False
        if cl[i + 1].low in ADJECTIVES:
            return True  # "dat je normale leven ...": an inflected adjective is attributive
        noun = cl[i + 1].low
        rest: list[str] = []
        for t in cl[i + 2 :]:
            if t.low in SUBORDINATORS or t.low in COORDINATORS:
                if not rest and t.low in ("die", "dat"):
                    return True  # "als je server die ...": a noun with a relative clause
                break
            rest.append(t.low)
        if not rest or any(x in SECOND_SG for x in rest):
            return False  # "als je vragen hebt": hebt agrees with je
        if rest[0] in FINITE_SG or rest[0] in FINITE_PL or rest[-1] in FINITE_SG or rest[-1] in FINITE_PL:
            return True  # "zodra je pakket is aangekomen", "dat je familie er zal zijn"
        last = rest[-1]
        if noun.endswith(("en", "s")) and last.endswith("en") and _known_verb(last, last) and not any(
            x in AUX_MODAL for x in rest
        ):
            return True  # "zoals je verzekeringen betalen": a plural finite verb agrees with the noun
        if noun in MASS_NOUNS or noun.endswith(("en", "s")) or cl[i + 1].text[:1].isupper() or rest[-1] in COPULAS:
            return False  # "toen je klein was": a predicative adjective
        return len(rest) <= 2  # "als je klant zegt", "hoe je gezicht eruitziet": noun + final verb

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


@functools.lru_cache(maxsize=8192)
def _is_finite_t(word: str) -> bool:
    if not word.endswith("t") or len(word) < 3:
        return False
    lemma = _lemma(word)
    return lemma != word and lemma.endswith("en")


@functools.lru_cache(maxsize=8192)
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
        marker("nl.register.je", word_pattern("je", "jij", "jou", "jouw", "jezelf", "jullie"), "informal",
               "informal address (je/jij/jullie)", flags=regex.I),
        marker("nl.register.u", word_pattern("u", "uw", "uzelf"), "formal", "formal address (u)", flags=regex.I),
    )

    def preprocess(self, text: str, ctx: RuleContext) -> None:
        if ctx.formality != "formal":
            return
        for sent in _SENTENCES.split(text):
            low = sent.lower()
            if _JE.search(low) and not (
                "?" in sent or _DIRECT.search(low)
            ):
                ctx.flag("'je' may be generic (one/people) here; check that the reader is meant")
                return


Rules = Dutch
