"""Italian tone rules: tu -> lei with verb agreement, clitics, possessives and imperatives.

Informal -> formal (``to_formal``):

* verbs 2sg -> 3sg, subject usually dropped (Italian is pro-drop): ``hai`` -> ``ha``, ``puoi`` ->
  ``può``, ``pensi`` -> ``pensa``, ``potresti`` -> ``potrebbe``, ``avrai`` -> ``avrà``,
  ``giocavi`` -> ``giocava``, ``potessi`` -> ``potesse``; a word counts as a verb when ``simplemma``
  lemmatises it to an infinitive and no determiner precedes it (``i conti`` stays a noun);
* ``tu`` -> ``lei``, ``te`` -> ``lei``, ``ti`` -> ``le`` (dative) / ``si`` (reflexive, with a 2sg
  verb: ``ti sei`` -> ``si è``), enclitic ``aiutarti`` -> ``aiutarla`` / ``organizzarti`` ->
  ``organizzarsi``; ``tuo/tua/tuoi/tue`` -> ``suo/sua/suoi/sue``;
* imperatives -> present subjunctive with clitics moved before the verb: ``dimmi`` -> ``mi dica``,
  ``raccontami`` -> ``mi racconti``, ``guarda`` -> ``guardi``, ``goditi`` -> ``si goda``,
  ``non tornare`` -> ``non torni``.

The forms of courtesy are written in lower case (``lei``, ``suo``), as modern usage and the
reference corpora do; :attr:`Italian.courtesy_capitals` switches to ``Lei``/``Suo``.
Formal -> informal is not attempted (``lei`` is also *she*): the text comes back unchanged.

References:
    L. Serianni, Grammatica italiana (UTET, 1989), VII.1-VII.40 (pronomi allocutivi), XI (verbo);
    Accademia della Crusca, "Lei o lei? La maiuscola di cortesia" (consulenza linguistica, 2003);
    Treccani, Enciclopedia dell'Italiano (2011), "allocutivi, pronomi"; Nuovo De Mauro for the
    irregular conjugations.
"""

from __future__ import annotations

import functools

import regex

from toneloc.rules._base import (
    CultureRules,
    Edit,
    RuleContext,
    Token,
    at_sentence_start,
    lemmatizer,
    marker,
    match_case,
    split_clauses,
    tokenize,
    word_pattern,
)

_SENT_END = regex.compile(r"[.!?\n]")  # compiled once: module-level regex.split() recompiles-lookups per call
_INF_CLITIC = regex.compile(r"\p{L}+r(?:telo|tela|teli|tele|tene)")

__all__ = ["Italian", "Rules", "to_lei_imperative", "to_lei_verb"]

IRREGULAR = {
    "hai": "ha", "sai": "sa", "puoi": "può", "sei": "è", "devi": "deve", "vuoi": "vuole", "vai": "va",
    "fai": "fa", "dici": "dice", "stai": "sta", "dai": "dà", "esci": "esce", "vieni": "viene",
    "tieni": "tiene", "rimani": "rimane", "bevi": "beve", "sali": "sale", "muori": "muore",
    "scegli": "sceglie", "togli": "toglie", "spegni": "spegne", "raccogli": "raccoglie", "ottieni": "ottiene",
    "mantieni": "mantiene", "contieni": "contiene", "appartieni": "appartiene", "riesci": "riesce",
    "eri": "era", "avevi": "aveva", "fosti": "fu", "avesti": "ebbe",
}
# 1sg = 2sg in the imperfect subjunctive (se potessi): converted only right after "tu".
AFTER_TU = {"fossi": "fosse", "avessi": "avesse", "potessi": "potesse", "dovessi": "dovesse",
            "volessi": "volesse", "sapessi": "sapesse", "facessi": "facesse", "dicessi": "dicesse"}
# 2sg imperative -> formal (3sg present subjunctive)
IMPERATIVE = {
    "fai": "faccia", "vai": "vada", "vieni": "venga", "tieni": "tenga", "dai": "dia", "sii": "sia",
    "abbi": "abbia", "sappi": "sappia",
    "scegli": "scelga", "togli": "tolga", "rimani": "rimanga", "esci": "esca", "bevi": "beva", "sali": "salga",
    "spegni": "spenga", "raccogli": "raccolga", "ottieni": "ottenga", "mantieni": "mantenga", "traduci": "traduca",
    "scusa": "scusi", "senti": "senta",
}
MONO = {"di": "dica", "fa": "faccia", "da": "dia", "sta": "stia", "va": "vada"}
DOUBLED = {"dimmi": ("di", "mi"), "fammi": ("fa", "mi"), "dammi": ("da", "mi"), "stammi": ("sta", "mi"),
           "fallo": ("fa", "lo"), "dillo": ("di", "lo"), "fatti": ("fa", "ti"), "dacci": ("da", "ci"),
           "vattene": ("va", "tene"), "dimmelo": ("di", "melo"), "fammelo": ("fa", "melo")}
ENCLITIC = ("glielo", "gliela", "glieli", "gliele", "melo", "mela", "meli", "mele", "telo", "tela", "cene", "tene",
            "gli", "mi", "ti", "ci", "vi", "si", "lo", "la", "li", "le", "ne")
CLITIC_FRONT = {"ti": "si", "tene": "se ne", "telo": "se lo", "tela": "se la", "melo": "me lo", "mela": "me la",
                "meli": "me li", "mele": "me le", "cene": "ce ne"}
DETERMINERS = frozenset({
    "i", "gli", "le", "dei", "degli", "delle", "questi", "quei", "quegli", "tuoi", "miei", "suoi", "nostri",
    "vostri", "loro", "altri", "molti", "tanti", "pochi", "tutti", "due", "tre", "ai", "agli", "nei",
    "negli", "sui", "sugli", "coi", "dai", "dagli", "ogni", "alcuni", "certi", "vari", "diversi", "nuovi",
    "il", "lo", "la", "un", "uno", "una", "del", "al", "nel", "sul", "col", "dal", "questo", "questa", "mio",
    "mia", "suo", "sua", "tuo", "tua", "quel", "quello", "quella", "più", "meno", "di", "per", "con", "tra", "fra",
})
CUES = frozenset({
    "non", "se", "che", "cosa", "come", "quando", "dove", "perché", "mi", "ci", "lo", "la", "li", "ne", "ti",
    "già", "anche", "mai", "sempre", "ora", "quanto", "quanti", "tu", "poi", "ancora", "forse", "davvero",
    "ma", "e", "o", "allora", "quindi", "pure", "solo", "chi", "qual", "quale", "cos'",
})
COMMON_IMPERATIVES = frozenset({
    "guarda", "scusa", "senti", "ascolta", "aspetta", "entra", "scegli", "inserisci", "aggiungi", "contatta",
    "impara", "evita", "pensa", "prova", "clicca", "controlla", "verifica", "scrivi", "chiama", "invia",
    "manda", "leggi", "apri", "chiudi", "segui", "scarica", "installa", "aggiorna", "ricorda", "compila",
    "dimmi", "fammi", "dammi", "raccontami", "goditi", "lasciali", "lascia", "abbi", "sii", "vieni", "vai",
})
DATIVE = frozenset({"dire", "chiedere", "inviare", "mandare", "dare", "spiegare", "offrire", "consigliare",
                    "scrivere", "rispondere", "mostrare", "raccontare", "augurare", "ricordare", "suggerire"})
_TOKEN = regex.compile(r"[\p{L}\p{M}]+|\p{N}+|[^\s\p{L}\p{M}\p{N}]", regex.V1)
_UNAMBIGUOUS = regex.compile(word_pattern("hai", "sai", "puoi", "sei", "devi", "vuoi", "vai", "fai", "stai",
                                          "potresti", "dovresti", "vorresti", "eri", "avevi"), regex.V1 | regex.I)
SUBJECT_WORDS = frozenset({"io", "lui", "lei", "noi", "voi", "loro", "egli", "ella", "chi", "uno", "qualcuno"})
LOOSE_CUES = frozenset({"non", "tu", "ti", "se", "che", "mi", "ci", "lo", "la", "li", "ne", "quando", "dove",
                        "come", "cosa", "perché", "quanto"})
TIME_NOUNS = frozenset({"mesi", "anni", "giorni", "ore", "minuti", "settimane", "euro", "dollari", "volte",
                        "persone", "figli", "mila", "cento", "secondi", "notti", "pezzi", "libri", "metri"})
ACCUSATIVE = frozenset({"sentire", "vedere", "aiutare", "contattare", "chiamare", "ringraziare", "aspettare",
                        "informare", "rimborsare", "conoscere", "trovare", "capire", "invitare", "salutare",
                        "disturbare", "ascoltare", "avvisare", "pregare", "seguire", "accompagnare"})
_MARKERS = regex.compile(word_pattern("tu", "ti", "te", "tuo", "tua", "tuoi", "tue"), regex.V1 | regex.I)


@functools.lru_cache(maxsize=8192)
def _lemma(word: str) -> str:
    simplemma = lemmatizer()

    return str(simplemma.lemmatize(word, lang="it"))


def _is_inf(lemma: str) -> bool:
    return lemma.endswith(("are", "ere", "ire", "rre")) and len(lemma) > 3


@functools.lru_cache(maxsize=8192)
def to_lei_verb(form: str, *, loose: bool = False) -> str | None:
    """3rd person singular of a 2nd person singular verb (lower case), or ``None``.

    >>> [to_lei_verb(w) for w in ("hai", "pensi", "potresti", "avrai", "giocavi", "capisci", "giochi", "libri")]
    ['ha', 'pensa', 'potrebbe', 'avrà', 'giocava', 'capisce', None, None]
    >>> to_lei_verb("giochi", loose=True)
    'gioca'
    """
    w = form.lower()
    if w in IRREGULAR:
        return IRREGULAR[w]
    if len(w) < 4 or not w.endswith("i"):
        return None
    lemma = _lemma(w)
    verb = _is_inf(lemma)
    if w.endswith("resti") and verb:
        return w[:-5] + "rebbe"
    if w.endswith("rai") and verb:
        return w[:-3] + "rà"
    if w.endswith(("avi", "evi", "ivi")) and verb and lemma[:-3] == w[:-3]:
        return w[:-1] + "a"
    if w.endswith("asti") and verb:
        return w[:-4] + "ò"
    if not verb:
        if not loose:
            return None
        for cand in (w[:-1] + "are", w[:-2] + "are" if w.endswith("hi") else "", w[:-1] + "ere", w[:-1] + "ire"):
            if cand and _known(cand):
                lemma = cand
                break
        else:
            return None
    stem = lemma[:-3]
    if lemma.endswith("are"):
        if w[:-1] == stem or (w.endswith("hi") and w[:-2] == stem) or w == stem:
            return stem + "a"
        return None
    if lemma.endswith(("ere", "ire")):
        if w[:-1] == stem or (w.endswith("isci") and w[:-4] == stem):
            return w[:-1] + "e"
        return None
    return None


def _unambiguous(form: str) -> bool:
    """Forms that are 2nd person singular and nothing else (conditional, future, imperfect)."""
    w = form.lower()
    if not w.endswith(("resti", "rai", "avi", "evi", "ivi")) or len(w) < 5:
        return False
    lemma = _lemma(w)
    return _is_inf(lemma) and (w.endswith(("resti", "rai")) or lemma[:-3] == w[:-3])


def is_ambiguous_are(form: str) -> bool:
    """2sg present of an -are verb (``pensi``): identical to the formal 3sg subjunctive/imperative."""
    w = form.lower()
    if w in IRREGULAR or not w.endswith("i"):
        return False
    lemma = _lemma(w)
    return lemma.endswith("are") and not w.endswith(("resti", "rai", "avi", "assi", "asti"))


def _is_form(word: str) -> bool:
    simplemma = lemmatizer()

    return bool(simplemma.is_known(word, lang="it"))


def _known(word: str) -> bool:
    simplemma = lemmatizer()

    return bool(simplemma.is_known(word, lang="it")) and _lemma(word) == word


INF_SUBJ = {
    "andare": "vada", "fare": "faccia", "dire": "dica", "venire": "venga", "tenere": "tenga", "dare": "dia",
    "stare": "stia", "essere": "sia", "avere": "abbia", "sapere": "sappia", "potere": "possa", "volere": "voglia",
    "uscire": "esca", "rimanere": "rimanga", "scegliere": "scelga", "bere": "beva", "porre": "ponga",
    "tradurre": "traduca", "salire": "salga", "togliere": "tolga", "spegnere": "spenga", "dovere": "debba",
    "preoccupare": "preoccupi", "ottenere": "ottenga", "mantenere": "mantenga", "proporre": "proponga",
}


def _subjunctive(lemma: str, imp: str) -> str | None:
    """Formal imperative (3sg present subjunctive) from the infinitive and the tú form."""
    if imp in IMPERATIVE:
        return IMPERATIVE[imp]
    if lemma in INF_SUBJ:
        return INF_SUBJ[lemma]
    if lemma.endswith("are"):
        stem = lemma[:-3]
        if stem.endswith(("c", "g")):
            stem += "h"
        if stem.endswith("i"):
            stem = stem[:-1]
        return stem + "i"
    if lemma.endswith(("ere", "ire")):
        if imp.endswith("isci"):
            return imp[:-1] + "a"
        return lemma[:-3] + "a"
    return None


@functools.lru_cache(maxsize=4096)
def to_lei_imperative(word: str) -> str | None:
    """Formal imperative of a tu-imperative, clitics moved in front (``dimmi`` -> ``mi dica``).

    >>> [to_lei_imperative(w) for w in ("dimmi", "raccontami", "guarda", "goditi", "lasciali", "inserisci")]
    ['mi dica', 'mi racconti', 'guardi', 'si goda', 'li lasci', 'inserisca']
    """
    w = word.lower()
    if w in DOUBLED:
        verb, cl = DOUBLED[w]
        return f"{CLITIC_FRONT.get(cl, cl)} {MONO.get(verb, verb)}"
    if w in IMPERATIVE:
        return IMPERATIVE[w]
    for cl in ENCLITIC:
        if w.endswith(cl) and len(w) > len(cl) + 2:
            base = w[: -len(cl)]
            if cl in ("ti", "si", "li", "ci", "vi") and _is_form(w):
                continue  # a participle or plural of its own (sviluppati), not verb + clitic
            lemma = _lemma(base)
            if not _is_inf(lemma):
                for cand in (base + "re", base[:-1] + "ere", base[:-1] + "ire"):
                    if _known(cand):
                        lemma = cand
                        break
                else:
                    continue
            if not (base.endswith("a") and lemma.endswith("are")) and not (
                base.endswith("i") and lemma.endswith(("ere", "ire"))
            ):
                continue
            formal = _subjunctive(lemma, base)
            if formal is None:
                return None
            return f"{CLITIC_FRONT.get(cl, cl)} {formal}"
    lemma = _lemma(w)
    if not _is_inf(lemma):
        return None
    if (w.endswith("a") and lemma == w[:-1] + "are") or (
        w.endswith("i") and lemma.endswith(("ere", "ire")) and (lemma[:-3] == w[:-1] or w.endswith("isci"))
    ):
        return _subjunctive(lemma, w)
    return None


class TuToLei:
    """tu -> lei, one clause at a time."""

    id = "it.tu-lei"
    explanation = "informal 'tu' becomes formal 'lei' (3rd person singular verb, subject dropped)"

    def __init__(self, capitals: bool = False, insert_subject: bool = True) -> None:
        self.capitals = capitals
        self.insert_subject = insert_subject

    def _c(self, word: str) -> str:
        return word[:1].upper() + word[1:] if self.capitals else word

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        for cl in split_clauses(tokenize(text, ctx, _TOKEN)):
            out.extend(self._clause(text, cl))
        return out

    def _clause(self, text: str, cl: list[Token]) -> list[Edit]:
        out: list[Edit] = []
        lows = [t.low for t in cl]
        done: set[int] = set()
        verbs: set[int] = set()
        has_marker = any(x in ("tu", "ti", "te", "tuo", "tua", "tuoi", "tue") for x in lows)
        sentence = _sentence_around(text, cl[0].start)
        sentence_marker = bool(_MARKERS.search(sentence)) or bool(_UNAMBIGUOUS.search(sentence))
        # 1. imperatives at the start of the clause (and after "e"/"o"), negative "non + infinitive"
        k = 0
        while k < len(cl) - 1 and lows[k] in ("e", "ma", "allora", "ora", "poi", "quindi", "dai", "però"):
            k += 1
        for j in [k] + [x + 1 for x in range(k, len(cl) - 1) if lows[x] in ("e", "o")]:
            if j in done or j >= len(cl):
                continue
            t = cl[j]
            if lows[j] == "non" and j + 1 < len(cl):
                inf = cl[j + 1]
                if _is_inf(inf.low) and _known(inf.low) and (j == k):
                    sub = _subjunctive(inf.low, inf.low)
                    if sub:
                        out.append(Edit(inf.start, inf.end, inf.text, sub, self.id + ".imperative",
                                        "negative imperative: non + infinitive -> non + subjunctive"))
                        done.add(j + 1)
                        verbs.add(j + 1)
                continue
            imp = to_lei_imperative(t.low)
            if imp is None or imp == t.low:
                continue
            clitic = " " in imp
            bang = "!" in text[cl[-1].end : cl[-1].end + 2]
            comma = text[t.end : t.end + 1] == ","
            if j != k and not (clitic or t.low in COMMON_IMPERATIVES):
                continue  # coordinated: "e stai guardando" is not an imperative
            if t.low.endswith("i") and not (clitic or bang or t.low in COMMON_IMPERATIVES):
                continue  # "conosci" is more often the indicative
            if not (clitic or has_marker or sentence_marker or bang or (comma and t.low in COMMON_IMPERATIVES)):
                continue
            if j + 1 < len(cl) and lows[j + 1] in ("che",) and not clitic:
                continue
            if "?" in text[cl[-1].end : cl[-1].end + 2] and not clitic:
                continue
            out.append(Edit(t.start, t.end, t.text, match_case(t.text, imp), self.id + ".imperative",
                            "tu-imperative -> formal imperative (subjunctive)"))
            done.add(j)
            verbs.add(j)
        # 2. finite verbs
        for i, t in enumerate(cl):
            if i in done or not t.word:
                continue
            prev = lows[i - 1] if i else ""
            if prev in DETERMINERS and (t.low not in IRREGULAR or t.low in ("sei", "dai")):
                continue
            if t.low == "dai" and prev not in ("tu", "non", "mi", "ci", "lo", "la", "gli", "le", "ne"):
                continue
            if t.low == "sei" and i + 1 < len(cl) and lows[i + 1] in TIME_NOUNS:
                continue
            question = "?" in _sentence_around(text, t.start)[-3:] or "?" in text[t.end : t.end + 120].split(".")[0]
            if is_ambiguous_are(t.low) and not (sentence_marker or question or prev in ("ne", "ti")):
                continue
            if t.text[:1].isupper() and not at_sentence_start(text, t.start):
                continue
            cue = prev in CUES or has_marker or i == 0
            if not (cue or sentence_marker or _unambiguous(t.low)) and t.low not in IRREGULAR:
                continue
            new = AFTER_TU.get(t.low) if prev == "tu" else None
            new = new or to_lei_verb(t.low, loose=prev in LOOSE_CUES and sentence_marker)
            if new is None:
                continue
            g = i
            while g > 0 and lows[g - 1] in ("ti", "mi", "ci", "si", "lo", "la", "li", "ne", "non", "gli", "le"):
                g -= 1
            lead = lows[g - 1] if g > 0 else ""
            comma_after = text[t.end : t.end + 1] == ","
            subject = any(x in SUBJECT_WORDS for x in lows[:g])
            if (
                self.insert_subject
                and not subject
                and not comma_after
                and (g == 0 or lead in ("che", "se", "quando", "mentre", "cui", "dove", "sì", "e"))
                and "tu" not in lows
            ):
                g_tok = cl[g]
                lower_first = g_tok.text[:1].isupper() and at_sentence_start(text, g_tok.start)
                if lower_first and g != i:
                    pass  # "Ti devi ..." at the start of a sentence: no subject inserted
                elif lower_first:
                    new = "Lei " + new
                else:
                    out.append(Edit(g_tok.start, g_tok.start, "", "Lei ", self.id + ".subject",
                                    "explicit 'Lei' where the 3rd person verb would be ambiguous"))
            out.append(Edit(t.start, t.end, t.text, new if new.startswith("Lei ") else match_case(t.text, new),
                            self.id + ".verb", "2sg -> 3sg verb"))
            done.add(i)
            verbs.add(i)
        # 3. pronouns and possessives
        for i, t in enumerate(cl):
            if i in done:
                continue
            low = t.low
            new = None
            if low == "tu":
                new = "Lei"
            elif low == "te":
                nxt = lows[i + 1] if i + 1 < len(cl) else ""
                if nxt in ("lo", "la", "li", "le", "ne"):
                    new = "se" if (i + 2 in verbs) else "glie" + nxt
                    if new.startswith("glie"):
                        out.append(Edit(t.start, cl[i + 1].end, text[t.start : cl[i + 1].end], new,
                                        self.id + ".pronoun", "te lo -> glielo"))
                        done.add(i + 1)
                        continue
                elif verbs and i > 0 and lows[i - 1] in ("di", "per", "a", "da", "su", "tra", "fra"):
                    new = "sé"
                else:
                    new = "Lei"
            elif low == "ti":
                if i + 1 in verbs or (i + 2 in verbs and lows[i + 1] in ("sei", "è")):
                    new = "si"
                else:
                    nxt = lows[i + 1] if i + 1 < len(cl) else ""
                    new = "La" if _lemma(nxt) in ACCUSATIVE else "Le"
            elif low in ("tuo", "tua", "tuoi", "tue"):
                new = self._c("s" + low[1:])
            elif low.endswith(("arti", "erti", "irti", "orti")) and len(low) > 5:
                base = low[:-2]
                infv = base + "e"
                if _known(infv) or _is_inf(_lemma(infv)):
                    governed = any(j in verbs for j in range(i))
                    if governed and infv not in ACCUSATIVE and infv not in DATIVE:
                        new = base + "si"
                    else:
                        new = base + ("Le" if infv in DATIVE else "La")
            elif _INF_CLITIC.fullmatch(low):
                new = low[:-4] + ("glie" + low[-2:] if not low.endswith("tene") else "sene")
            if new is not None:
                keep = new if new[:1].isupper() or not t.text[:1].isupper() else new[:1].upper() + new[1:]
                out.append(Edit(t.start, t.end, t.text, keep, self.id + ".pronoun", f"{t.text} -> {new}"))
        return out


def _sentence_around(text: str, pos: int) -> str:
    chunk = text[max(0, pos - 200) : pos]
    cut = max(chunk.rfind("."), chunk.rfind("?"), chunk.rfind("!"), chunk.rfind("\n"))
    after = _SENT_END.split(text[pos : pos + 300], maxsplit=1)[0]
    return chunk[cut + 1 :] + after


class Italian(CultureRules):
    """Italian (it-IT, it-CH): lei for customers by default.

    References:
        L. Serianni, Grammatica italiana (1989) VII.1-40, XI; Accademia della Crusca, "Lei o lei?"
        (2003); Treccani, Enciclopedia dell'Italiano (2011), "allocutivi, pronomi".
    """

    language = "it"
    default_formality = "formal"
    courtesy_capitals = False
    references = (
        "L. Serianni, Grammatica italiana (UTET, 1989), VII.1-VII.40, XI",
        "Accademia della Crusca, 'Lei o lei? La maiuscola di cortesia' (2003)",
        "Treccani, Enciclopedia dell'Italiano (2011), 'allocutivi, pronomi'",
    )
    to_formal = (TuToLei(),)
    to_informal = ()
    markers = (
        marker("it.register.tu", word_pattern("tu", "ti", "te", "tuo", "tua", "tuoi", "tue"), "informal",
               "informal address (tu)", flags=regex.I),
        marker("it.register.lei", r"(?<!\p{L})(?:Lei|Suo|Sua|Suoi|Sue|La|Le)(?!\p{L})", "formal",
               "formal address (Lei, courtesy capitals)"),
    )


Rules = Italian
