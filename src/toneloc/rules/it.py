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
  ``non tornare`` -> ``non torni``; also a one-word sentence (``Scusa.``), an instruction verb
  opening a sentence (``Cerca di ...``) and imperatives coordinated with a converted one;
* mood: the 2sg present of an -are verb (``pensi``) is also the formal 3sg subjunctive. It is
  changed after ``se``/``quando``/``dove``/``come``/``mentre``/``cui`` and in relative clauses
  (indicative), and kept after a verb of opinion, wish or doubt + ``che`` (``spero che passi``),
  where the subjunctive already is the formal form (:data:`SUBJ_TRIGGERS`, :data:`SUBJ_LEMMAS`);
* clitic case: ``ti`` is reflexive (``si``) when the reader is also the subject (``tu ti``, a
  converted verb, a 2sg subjunctive), an indirect object (``Le``) with the verbs of
  :data:`DATIVE_FINITE` or when a direct object follows, otherwise accusative (``La``); an
  infinitive + ``-ti`` is reflexive unless a first-person verb governs it (``posso aiutarti`` ->
  ``aiutarLa``, ``per divertirti`` -> ``divertirsi``);
* explicit subject ``Lei`` where a bare 3sg verb could mean *he/she*: at the start of a statement
  and after ``che``/``se``/``quando``/``mentre``/``cui``/``dove``; in a question only after a third
  person (``Il tecnico ha detto ... Lei può ...?``), never on a discourse marker (``..., sa.``) or
  after an interrogative ``che`` (:data:`SUBJECT_AT_START`, :func:`_third_person_before`).

The courtesy pronouns are written ``Lei``/``Le``/``La`` (capitalised, as the references do) and
the possessives in lower case (``suo``); :attr:`Italian.courtesy_capitals` capitalises those too.
Formal -> informal is not attempted (``lei`` is also *she*): the text comes back unchanged.

References:
    L. Serianni, Grammatica italiana (UTET, 1989), chapters on the pronoun (pronomi allocutivi,
    clitici) and the verb (congiuntivo, imperativo); Accademia della Crusca, "Lei o lei? La maiuscola
    di cortesia" (consulenza linguistica, 2003) and "Sé stesso o se stesso?" (consulenza);
    Treccani, Enciclopedia dell'Italiano (2010-2011), "allocutivi, pronomi", "congiuntivo",
    "clitici"; F. Sabatini, V. Coletti, Dizionario della lingua italiana (verb government: which
    verbs take "a te" -> Le); Nuovo De Mauro for the irregular conjugations.
"""

from __future__ import annotations

import bisect
import functools

import regex

from toneloc.rules._base import (
    CultureRules,
    Edit,
    RuleContext,
    Token,
    at_sentence_start,
    compile_rx,
    lemmatizer,
    marker,
    match_case,
    split_clauses,
    tokenize,
    word_pattern,
)

_INF_CLITIC = compile_rx(r"\p{L}+r(?:telo|tela|teli|tele|tene)")
_IMPERF_SUBJ = compile_rx(r"\p{L}{2,}(?:assi|essi|issi)")

__all__ = ["Italian", "Rules", "to_lei_imperative", "to_lei_verb"]

IRREGULAR = {
    "hai": "ha", "sai": "sa", "puoi": "può", "sei": "è", "devi": "deve", "vuoi": "vuole", "vai": "va",
    "fai": "fa", "dici": "dice", "stai": "sta", "dai": "dà", "esci": "esce", "vieni": "viene",
    "tieni": "tiene", "rimani": "rimane", "bevi": "beve", "sali": "sale", "muori": "muore",
    "scegli": "sceglie", "togli": "toglie", "spegni": "spegne", "raccogli": "raccoglie", "ottieni": "ottiene",
    "mantieni": "mantiene", "contieni": "contiene", "appartieni": "appartiene", "riesci": "riesce",
    "eri": "era", "avevi": "aveva", "fosti": "fu", "avesti": "ebbe", "siedi": "siede", "possiedi": "possiede",
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
    "cerca", "continua", "riprova", "accedi", "fai", "tieni", "segnala", "conserva", "attendi", "premi",
    "impara", "evita", "pensa", "prova", "clicca", "controlla", "verifica", "scrivi", "chiama", "invia",
    "manda", "leggi", "apri", "chiudi", "segui", "scarica", "installa", "aggiorna", "ricorda", "compila",
    "dimmi", "fammi", "dammi", "raccontami", "goditi", "lasciali", "lascia", "abbi", "sii", "vieni", "vai",
})
DATIVE = frozenset({"dire", "chiedere", "inviare", "mandare", "dare", "spiegare", "offrire", "consigliare",
                    "scrivere", "rispondere", "mostrare", "raccontare", "augurare", "ricordare", "suggerire"})
_TOKEN = compile_rx(r"[\p{L}\p{M}]+|\p{N}+|[^\s\p{L}\p{M}\p{N}]", regex.V1)
_UNAMBIGUOUS = compile_rx(word_pattern("hai", "sai", "puoi", "sei", "devi", "vuoi", "vai", "fai", "stai",
                                          "potresti", "dovresti", "vorresti", "eri", "avevi"), regex.V1 | regex.I)
# Where an explicit "Lei" is added before a 3sg verb that would otherwise read as "he/she": at the
# start of a sentence or clause "always", only in "statement"s, only in "question"s or "never"; and
# after the conjunctions of SUBJECT_AFTER. The courtesy subject is expressed where the 3sg verb could
# refer to someone else and left out where the addressee is clear (Serianni VII, pronomi allocutivi;
# Treccani, "allocutivi, pronomi"): a question put to the reader ("Ha visto il film?") needs no "Lei"
# unless a third person was just mentioned ("Il tecnico ha detto che arriva. Lei può aprirgli?"), see
# _third_person_before. Measured on the dev pairs (regF / I>F nm, even rows / odd rows): always
# 97.8 / 71.9, 94.8 / 65.3; statement 96.6 / 82.0, 94.2 / 78.0; statement + third person in questions
# 97.2 / 82.6, 94.8 / 78.0 (the default); never 91.0 / 83.7, 90.8 / 80.3.
SUBJECT_AT_START = "statement"
# "..., sai." "ma, sai": the discourse markers (segnali discorsivi) take no subject (Treccani,
# Enciclopedia dell'Italiano, "segnali discorsivi"); "sai cosa intendo" keeps its "Lei"
DISCOURSE_MARKERS = frozenset({"sai", "capisci", "vedi"})
# third-person subjects and 3sg auxiliaries (+ participle: "ha detto") that make a following 3sg verb ambiguous
THIRD_SG = frozenset({"lui", "lei", "egli", "ella"})
THIRD_AUX = frozenset({"ha", "aveva", "avrà", "avrebbe", "ebbe"})
_WORD = compile_rx(r"\p{L}+")
SUBJECT_AFTER = frozenset({"che", "se", "quando", "mentre", "cui", "dove"})
SUBJECT_WORDS = frozenset({"io", "lui", "lei", "noi", "voi", "loro", "egli", "ella", "chi", "uno", "qualcuno"})
LOOSE_CUES = frozenset({"non", "tu", "ti", "se", "che", "mi", "ci", "lo", "la", "li", "ne", "quando", "dove",
                        "come", "cosa", "perché", "quanto", "cui", "mentre"})
TIME_NOUNS = frozenset({"mesi", "anni", "giorni", "ore", "minuti", "settimane", "euro", "dollari", "volte",
                        "persone", "figli", "mila", "cento", "secondi", "notti", "pezzi", "libri", "metri"})
ACCUSATIVE = frozenset({"sentire", "vedere", "aiutare", "contattare", "chiamare", "ringraziare", "aspettare",
                        "informare", "rimborsare", "conoscere", "trovare", "capire", "invitare", "salutare",
                        "disturbare", "ascoltare", "avvisare", "pregare", "seguire", "accompagnare", "portare",
                        "guidare", "battere", "ritenere", "considerare", "richiamare", "ricontattare",
                        "raggiungere", "autorizzare", "tenere", "mettere", "incontrare"})
# verbs whose "ti" is an indirect object (a te -> Le): Sabatini-Coletti verb government; Treccani, "clitici"
DATIVE_FINITE = frozenset({"piacere", "capitare", "sembrare", "servire", "interessare", "succedere", "mancare",
                           "dispiacere", "importare", "convenire", "spettare", "bastare", "costare", "parere",
                           "restare", "occorrere", "andare", "venire", "accadere", "sfuggire", "fare"})
# verbs of opinion, wish and doubt: a following "che" takes the subjunctive (Treccani, "congiuntivo")
SUBJ_LEMMAS = frozenset({"pensare", "credere", "sperare", "volere", "immaginare", "supporre", "dubitare", "temere",
                         "sembrare", "parere", "bisognare", "preferire", "augurare", "desiderare", "aspettare",
                         "occorrere", "ritenere", "attendere", "chiedere", "pretendere", "esigere", "negare"})
# "Cerca di ...", "Prova a ...": instruction verbs that open a sentence as imperatives
INSTRUCTIONS = frozenset({"cerca", "prova", "ricorda", "evita", "continua", "riprova", "impara", "smetti"})
# verbs of tendency, habit, ability, fear and opinion: "Tendi a dimenticare ...", "Riesci a ...", "Temi di ...",
# "Rischi di ..." describe the reader ("you tend to forget"); they are not instructions even when they open a
# statement with a/di + infinitive like "Smetti di ..." (Serianni XI, verbi fraseologici e servili:
# aspectual and modal verbs describe how the subject does something)
NOT_INSTRUCTION_LEMMAS = frozenset({
    "tendere", "riuscire", "temere", "credere", "ritenere", "sembrare", "parere", "rischiare", "solere",
    "potere", "dovere", "volere", "sapere", "pretendere", "presumere", "soffrire", "godere", "dipendere",
    "meritare", "osare", "avere", "essere",
})
# a "che" after these words introduces a subjunctive: the 2sg -are present (che tu pensi) is then the same
# form as the formal subjunctive and stays (Serianni, congiuntivo nelle completive; Treccani, "congiuntivo").
SUBJ_TRIGGERS = frozenset({
    "spero", "speriamo", "sperando", "auguro", "auguriamo", "penso", "pensiamo", "credo", "crediamo", "voglio",
    "vogliamo", "vorrei", "vorremmo", "preferisco", "preferiamo", "immagino", "suppongo", "dubito", "temo",
    "bisogna", "occorre", "importante", "meglio", "necessario", "possibile", "probabile", "impossibile",
    "prima", "senza", "affinché", "purché", "benché", "sebbene", "nonostante", "qualora", "caso", "basta",
})
_SUBJ_BEFORE = compile_rx(word_pattern(*SUBJ_TRIGGERS), regex.V1 | regex.I)
# verbs of knowing, saying and perceiving: "che" after them takes the indicative (Treccani, "congiuntivo")
IND_LEMMAS = frozenset({"sapere", "dire", "vedere", "capire", "notare", "scoprire", "leggere", "sentire",
                        "accorgere", "dimostrare", "confermare", "vedo", "so"})
_WH_START = compile_rx(r"\s*(?:quanto|quanta|quanti|quante|cosa|che\s+cosa|chi|quale|quali)(?!\p{L})", regex.I)
SUBJ_CONJ = frozenset({"affinché", "purché", "benché", "sebbene", "qualora", "nonostante"})
# conjunctions after which a present -are form in -i is the indicative (2sg), not the formal subjunctive
IND_INTRO = frozenset({"se", "quando", "dove", "come", "mentre", "cui", "appena", "finché", "perché", "così"})
FIRST_PERSON = frozenset({
    "io", "noi", "ho", "sono", "posso", "voglio", "vorrei", "devo", "so", "sto", "faccio", "vado", "abbiamo",
    "siamo", "possiamo", "vogliamo", "vorremmo", "dobbiamo", "sappiamo", "stiamo", "facciamo", "andiamo",
})
# words after which "lo"/"la" + a word in -i is a clitic + verb (an article would need a plural: "gli", "le")
CLITIC_HOSTS = frozenset({"che", "non", "se", "tu", "quando", "come", "cosa", "perché", "mi", "ti", "ci", "e", "ma"})
CLITICS_NON = frozenset({"ti", "mi", "ci", "si", "lo", "la", "li", "ne", "non", "gli", "le", "vi", "anche", "tu"})
OBJECT_START = frozenset({"il", "lo", "la", "i", "gli", "le", "un", "uno", "una", "l", "dei", "degli", "delle",
                          "qualche", "alcune", "alcuni", "questo", "questa", "queste", "questi", "tutte", "tutti",
                          "tutto", "ogni", "nuove", "nuovi", "maggiori", "ulteriori", "informazioni", "due", "tre"})
MODALS = frozenset({"potere", "volere", "dovere", "sapere"})
# impersonal verbs and verbs with the experiencer in the dative: used in the 3rd person, a sentence-initial
# "Sembra ..." is an indicative, not an imperative (Serianni XI, verbi impersonali; Treccani, "verbi impersonali")
IMPERSONAL = frozenset({"sembrare", "parere", "bastare", "occorrere", "bisognare", "accadere", "succedere",
                        "capitare", "costare", "importare", "spettare", "convenire", "piacere", "dispiacere",
                        "interessare", "mancare", "servire", "valere", "piovere", "nevicare"})
_MARKERS = compile_rx(word_pattern("tu", "ti", "te", "tuo", "tua", "tuoi", "tue"), regex.V1 | regex.I)


@functools.lru_cache(maxsize=8192)
def _lemma(word: str) -> str:
    simplemma = lemmatizer()

    return str(simplemma.lemmatize(word, lang="it"))


ARTICLES = frozenset({"il", "lo", "la", "l", "i", "gli", "le", "un", "uno", "una", "del", "dello", "della", "dell",
                      "dal", "dallo", "dalla", "dall", "al", "allo", "alla", "all", "nel", "nello", "nella", "nell",
                      "sul", "sullo", "sulla", "sull", "questo", "questa", "quel", "quello", "quella"})
PERFECT_AUX = frozenset({"ho", "ha", "hai", "abbiamo", "hanno", "avete", "avevo", "aveva", "avevi", "sono", "è",
                         "siamo", "sei", "era", "eri", "essere", "avere", "stato", "stati", "state", "stata"})
AUXILIARIES = frozenset({"è", "sono", "sei", "ha", "hanno", "era", "sarà", "sarebbe", "stato", "stata", "viene"})
_CLITIC_INF = compile_rx(r".*r(?:[mtcsv]i|l[oaie]|ne|gli|glie\p{L}*)")
_NON_FINITE = ("ndo", "ato", "ata", "ati", "ate", "uto", "uta", "uti", "ute", "ito", "ita", "iti", "ite")


@functools.lru_cache(maxsize=8192)
def _finite(word: str) -> bool:
    """Whether *word* is a finite verb form (not an infinitive, gerund, participle or clitic infinitive)."""
    if len(word) < 2 or word.endswith(_NON_FINITE) or _CLITIC_INF.fullmatch(word):
        return False
    lemma = _lemma(word)
    return _is_inf(lemma) and lemma != word


def _object_verb(lemma: str) -> bool:
    """Verbs listed with an indirect or direct object "ti" (so "ti" + verb is not reflexive)."""
    return lemma in DATIVE or lemma in DATIVE_FINITE or lemma in ACCUSATIVE


def _infinitive_like(word: str) -> bool:
    """An infinitive, also truncated (``aver``) or with enclitics (``preoccuparti``)."""
    return _is_inf(word) or (word.endswith("r") and _is_inf(word + "e")) or bool(_CLITIC_INF.fullmatch(word))


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
    if w.endswith(("tieni", "vieni")) and len(w) > 6:
        return w[:-1] + "e"  # ritieni, sostieni, intervieni -> ritiene, sostiene, interviene
    if len(w) < (3 if loose else 4) or not w.endswith("i"):
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
        for cand in (w[:-1] + "are", w[:-2] + "are" if w.endswith("hi") else "", w + "are", w[:-1] + "ere",
                     w[:-1] + "ire"):
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


@functools.lru_cache(maxsize=8192)
def _unambiguous(form: str) -> bool:
    """Forms that are 2nd person singular and nothing else (conditional, future, imperfect)."""
    w = form.lower()
    if not w.endswith(("resti", "rai", "avi", "evi", "ivi")) or len(w) < 5:
        return False
    lemma = _lemma(w)
    return _is_inf(lemma) and (w.endswith(("resti", "rai")) or lemma[:-3] == w[:-3])


@functools.lru_cache(maxsize=8192)
def is_ambiguous_are(form: str) -> bool:
    """2sg present of an -are verb (``pensi``): identical to the formal 3sg subjunctive/imperative."""
    w = form.lower()
    if w in IRREGULAR or not w.endswith("i"):
        return False
    lemma = _lemma(w)
    if not _is_inf(lemma):  # "passi" lemmatises to the noun "passo": the verb is "passare"
        lemma = w[:-2] + "are" if w.endswith("hi") else w[:-1] + "are"
        if not _known(lemma):
            return False
    if w.endswith("assi") and w[:-1] != lemma[:-3]:
        return False  # imperfect subjunctive (parlassi); "passi" (passare) is a present
    return lemma.endswith("are") and not w.endswith(("resti", "rai", "avi", "asti"))


@functools.lru_cache(maxsize=8192)
def _is_form(word: str) -> bool:
    simplemma = lemmatizer()

    return bool(simplemma.is_known(word, lang="it"))


@functools.lru_cache(maxsize=8192)
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


@functools.lru_cache(maxsize=8192)
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
        sentences = _Sentences(text)
        imp_until = -1  # an imperative was converted: later clauses of the same sentence are instructions too
        for cl in split_clauses(tokenize(text, ctx, _TOKEN)):
            edits = self._clause(text, cl, sentences, cl[0].start < imp_until)
            if any(e.rule_id.endswith(".imperative") for e in edits):
                imp_until = sentences.end(cl[-1].end)
            out.extend(edits)
        return out

    def _clause(self, text: str, cl: list[Token], sentences: _Sentences, imp_context: bool) -> list[Edit]:
        out: list[Edit] = []
        lows = [t.low for t in cl]
        done: set[int] = set()
        verbs: set[int] = set()
        has_marker = any(x in ("tu", "ti", "te", "tuo", "tua", "tuoi", "tue") for x in lows)
        s_start, s_end = sentences.span(cl[0].start)
        sentence = text[s_start:s_end]
        sentence_marker = _addresses(sentence)
        # a question mark, or a sentence opened by a question word ("Quante ore all'anno trascorri ...")
        question = text[s_end : s_end + 1] == "?" or _WH_START.match(sentence) is not None
        bang = "!" in text[cl[-1].end : cl[-1].end + 2]
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
            if not clitic and _lemma(t.low) in IMPERSONAL:
                continue  # "Sembra un ragazzo ...": 3sg indicative of an impersonal verb, not an imperative
            after = text[t.end : t.end + 1]
            alone = len(cl) == 1 and after in ".!,"  # "Scusa." "Senti,"
            # "e diventa famoso!" after "Gioca a ...": coordinated with an imperative already converted
            coordinated = j != k and any(v < j for v in verbs)
            # "Cerca di ...", "Prova a ...": an instruction verb + di/a + infinitive opening a sentence
            # also "Fingi di ...", "Smetti di ...": an -ere/-ire verb (2sg imperative = 2sg indicative) opening a
            # statement with di/a + infinitive, unless it is a verb of opinion or knowing ("Credi di ...")
            instruction = (
                j == k and (t.low in INSTRUCTIONS or (
                    t.low.endswith("i") and not question and _lemma(t.low) not in SUBJ_LEMMAS
                    and _lemma(t.low) not in IND_LEMMAS and _lemma(t.low) not in NOT_INSTRUCTION_LEMMAS
                    and _lemma(t.low).endswith(("ere", "ire"))
                ))
                and j + 2 < len(cl) and lows[j + 1] in ("di", "a", "ad")
                and _infinitive_like(lows[j + 3] if lows[j + 2] == "non" and j + 3 < len(cl) else lows[j + 2])
                and cl[j].start == s_start + len(sentence) - len(sentence.lstrip())
            )
            if j != k and not (clitic or t.low in COMMON_IMPERATIVES or coordinated):
                continue  # coordinated: "e stai guardando" is not an imperative
            if t.low.endswith("i") and not (
                clitic or bang or t.low in COMMON_IMPERATIVES or coordinated or instruction
            ):
                continue  # "conosci" is more often the indicative
            if not (clitic or has_marker or sentence_marker or bang or imp_context or coordinated or instruction
                    or ((alone or after == ",") and t.low in COMMON_IMPERATIVES)):
                continue
            if j + 1 < len(cl) and lows[j + 1] in ("che",) and not clitic:
                continue
            if question and not clitic:
                continue
            out.append(Edit(t.start, t.end, t.text, match_case(t.text, imp), self.id + ".imperative",
                            "tu-imperative -> formal imperative (subjunctive)"))
            done.add(j)
            verbs.add(j)
        # 2. finite verbs
        for i, t in enumerate(cl):
            if i in done or not t.word or not t.low.endswith("i"):
                continue  # every 2sg form this step converts ends so (IRREGULAR included)
            prev = lows[i - 1] if i else ""
            if prev in DETERMINERS and (t.low not in IRREGULAR or t.low in ("sei", "dai")) and not (
                prev in ("lo", "la") and i >= 2 and lows[i - 2] in CLITIC_HOSTS
                and not (prev == "la" and t.low.endswith("si"))  # la crisi, la tesi: singular nouns in -si
            ):
                continue  # "i conti" is a noun; but "che lo ami": the singular lo/la cannot be the article of a plural
            if t.low == "dai" and prev not in ("tu", "non", "mi", "ci", "lo", "la", "gli", "le", "ne", "cosa", "che"):
                continue
            if t.low == "sei" and i + 1 < len(cl) and lows[i + 1] in TIME_NOUNS:
                continue
            if t.text[:1].isupper() and not at_sentence_start(text, t.start):
                continue
            g = i
            while g > 0 and lows[g - 1] in CLITICS_NON:
                g -= 1
            lead = lows[g - 1] if g > 0 else ""
            subj_che = (lead == "che" and (
                any(x in SUBJ_TRIGGERS or _lemma(x) in SUBJ_LEMMAS for x in lows[: g - 1])
                or bool(_SUBJ_BEFORE.search(text, s_start, cl[0].start))
            )) or lead in SUBJ_CONJ
            if subj_che and is_ambiguous_are(t.low):
                continue  # "spero che tu ti diverta e che passi ...": the subjunctive is already the formal form
            if is_ambiguous_are(t.low) and _np_subject_before(lows, g):
                continue  # "che la cultura più forte non schiacci ...": a 3rd person subject, 3sg subjunctive
            after_tu = "tu" in lows[g:i]
            coordinated = lead in ("e", "o") and any(v < i for v in verbs)
            # "l'attrezzatura che compri": a relative "che" after a noun phrase takes the indicative
            relative = lead == "che" and not subj_che and g >= 3 and lows[g - 3] in ARTICLES
            # "so che lo ami": after a verb of knowing or saying, "che" takes the indicative
            after_knowing = lead == "che" and not subj_che and g >= 2 and (
                lows[g - 2] in IND_LEMMAS or _lemma(lows[g - 2]) in IND_LEMMAS  # simplemma: "so" -> essere
            )
            indicative_intro = lead in IND_INTRO or relative or after_knowing
            if is_ambiguous_are(t.low) and not (
                sentence_marker or question or prev in ("ne", "ti") or after_tu or coordinated or indicative_intro
            ):
                continue
            cue = prev in CUES or has_marker or i == 0 or question or indicative_intro
            if not (cue or sentence_marker or _unambiguous(t.low) or after_tu or coordinated) and (
                t.low not in IRREGULAR
            ):
                continue
            new = None
            if prev in PERFECT_AUX and t.low.endswith("i"):
                continue  # "li ha visti": a plural participle
            if prev == "ti" and _lemma(t.low) in DATIVE and t.low.endswith("ssi"):
                continue  # "se ti dicessi": 1sg subject, "ti" is the object
            reflexive_ti = prev == "ti"
            if t.low in AFTER_TU and (
                after_tu or reflexive_ti or (sentence_marker and lead in ("se", "come", "che")
                                             and not any(x in FIRST_PERSON for x in lows))
            ):
                new = AFTER_TU[t.low]
            elif t.low.endswith(("assi", "essi", "issi")) and _IMPERF_SUBJ.fullmatch(t.low) and (
                after_tu or reflexive_ti or (sentence_marker and not any(x in FIRST_PERSON for x in lows))
            ) and _is_inf(_lemma(t.low)):
                new = t.low[:-1] + "e"  # se viaggiassi -> se viaggiasse (imperfect subjunctive 2sg -> 3sg)
            loose = (prev in LOOSE_CUES and sentence_marker) or indicative_intro or (
                (coordinated or after_tu or (i == 0 and question)) and i + 1 < len(cl)
            )
            new = new or to_lei_verb(t.low, loose=loose)
            if new is None:
                continue
            comma_after = text[t.end : t.end + 1] == ","
            # "e che mi dici di ...?": "che" opening a question is the interrogative pronoun, not a conjunction
            interrogative = lead == "che" and question and all(x in ("e", "ma", "o", "allora") for x in lows[: g - 1])
            # "..., sai." "ma, sai": a discourse marker without a complement takes no subject
            # (Treccani, Enciclopedia dell'Italiano, "segnali discorsivi")
            discourse = t.low in DISCOURSE_MARKERS and (
                i + 1 == len(cl) or lows[i + 1] in ("e", "ma", "o")
            )
            subject = any(x in SUBJECT_WORDS for x in lows[:g])
            if (
                self.insert_subject
                and not subject
                and not comma_after
                and not discourse
                and ((g == 0 and SUBJECT_AT_START in ("always", "question" if question else "statement"))
                     or (lead in SUBJECT_AFTER and not interrogative)
                     or (g == 0 and question and SUBJECT_AT_START == "statement"
                         and _third_person_before(text, sentences, cl[g].start)))
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
            low = t.low
            if i in done or not (low in _STEP3 or low.endswith(("ti", "telo", "tela", "teli", "tele", "tene"))):
                continue  # only these words and clitic infinitives are rewritten below
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
                    # "se stesso": the accent of "sé" is traditionally dropped before stesso (Crusca, "Sé stesso")
                    new = "se" if nxt in ("stesso", "stessa", "stessi", "stesse") else "sé"
                else:
                    new = "Lei"
            elif low == "ti":
                new = self._ti(cl, lows, i, verbs)
            elif low in ("tuo", "tua", "tuoi", "tue"):
                new = self._c("s" + low[1:])
            elif low.endswith(("arti", "erti", "irti", "orti")) and len(low) > 5:
                base = low[:-2]
                infv = base + "e"
                if _known(infv) or _is_inf(_lemma(infv)):
                    before = lows[:i]
                    reflexive_ctx = any(j in verbs for j in range(i)) or "ti" in before or "tu" in before
                    other_subject = any(x in FIRST_PERSON or x.endswith(("iamo", "emo")) or _finite(x) for x in before)
                    if reflexive_ctx:
                        new = base + "si"  # the reader is the subject of the infinitive and its object: reflexive
                    elif other_subject or infv in ACCUSATIVE or infv in DATIVE:
                        gov = infv
                        if infv in ("potere", "volere", "dovere") and i + 1 < len(cl) and _is_inf(lows[i + 1]):
                            gov = lows[i + 1]
                        dative = gov in DATIVE or gov in DATIVE_FINITE or (
                            gov not in ACCUSATIVE and i + 1 < len(cl)
                            and lows[i + 1 + (gov != infv)] in OBJECT_START if i + 1 + (gov != infv) < len(cl)
                            else False
                        )
                        new = base + ("Le" if dative else "La")
                    else:
                        new = base + "si"  # "per divertirti", "l'occasione di sistemarti": the reader is the subject
            elif low.endswith(("telo", "tela", "teli", "tele", "tene")) and _INF_CLITIC.fullmatch(low):
                new = low[:-4] + ("glie" + low[-2:] if not low.endswith("tene") else "sene")
            if new is not None:
                keep = new if new[:1].isupper() or not t.text[:1].isupper() else new[:1].upper() + new[1:]
                out.append(Edit(t.start, t.end, t.text, keep, self.id + ".pronoun", f"{t.text} -> {new}"))
        return out

    @staticmethod
    def _ti(cl: list[Token], lows: list[str], i: int, verbs: set[int]) -> str:
        """Formal counterpart of the clitic ``ti``: reflexive ``si``, dative ``Le`` or accusative ``La``."""
        nxt = lows[i + 1] if i + 1 < len(cl) else ""
        if i + 1 in verbs or (i + 2 in verbs and nxt in ("sei", "è")):
            return "si"
        if i > 0 and lows[i - 1] == "tu":
            return "si"  # "tu ti vesta": the subject is the reader, so the clitic is reflexive
        if nxt:
            lem = _lemma(nxt)
            if _is_inf(lem) and lem not in MODALS and not _object_verb(lem) and (
                not nxt.endswith(("mo", "te", "no"))
            ) and (
                (lem.endswith(("ere", "ire")) and nxt.endswith(("a", "isca")) and nxt != lem[:-3] + "e")
                or (lem.endswith("are") and nxt == lem[:-3] + "i")
                or (nxt.endswith(("assi", "essi", "issi")) and _IMPERF_SUBJ.fullmatch(nxt))
            ):
                return "si"  # "(che) ti goda / ti diverta / ti sentissi": 2sg subjunctive, reflexive
        gov_i = i + 1
        if nxt in AUXILIARIES and i + 2 < len(cl):
            gov_i = i + 2  # "ti è piaciuto": the participle decides
        elif nxt and _lemma(nxt) in MODALS and i + 2 < len(cl) and _is_inf(lows[i + 2]):
            gov_i = i + 2
        gov = _lemma(lows[gov_i]) if gov_i < len(cl) else ""
        if gov in DATIVE or gov in DATIVE_FINITE:
            return "Le"
        if gov in ACCUSATIVE:
            return "La"
        if gov_i + 1 < len(cl) and lows[gov_i + 1] in OBJECT_START:
            return "Le"  # a direct object follows, so "ti" is the indirect one
        return "La"


_STEP3 = frozenset({"tu", "te", "ti", "tuo", "tua", "tuoi", "tue"})
# determiners that open a noun phrase (not clitics: "lo", "la", "le", "gli" are left out)
NP_START = frozenset({"il", "i", "un", "uno", "una", "l", "questo", "questa", "questi", "queste", "quel", "quella",
                      "quello", "quei", "quegli", "quelle", "ogni", "nessuno", "qualcuno", "mio", "mia", "suo", "sua"})


def _np_subject_before(lows: list[str], g: int) -> bool:
    """Whether a noun phrase opens the clause right after the last ``che`` before position *g*.

    In "che la cultura ... non schiacci", "la cultura" is the subject: the verb is a 3rd person
    subjunctive, not a 2nd person indicative (Serianni, congiuntivo nelle completive).
    """
    for k in range(g - 1, -1, -1):
        if lows[k] == "che":
            return k + 2 < g and (lows[k + 1] in NP_START or lows[k + 1] in ("la", "le", "gli", "lo"))
        if lows[k] in ("e", "o", "ma", "se", "quando", "perché"):
            return False
    return False


@functools.lru_cache(maxsize=1024)
def _addresses(sentence: str) -> bool:
    """Whether *sentence* has a tu-marker or an unambiguous 2sg verb (cached: every clause asks)."""
    return bool(_MARKERS.search(sentence)) or bool(_UNAMBIGUOUS.search(sentence))


def _third_person_before(text: str, sentences: _Sentences, pos: int) -> bool:
    """Whether a third person is the subject just before *pos* (this sentence or the one before it).

    "Cosa ha pensato il tuo amico? Hai ..." -> "Lei ha ...": after "lui", "lei" (she) or a 3sg compound
    tense ("ha detto"), a bare 3sg verb could be read as "he/she", so the courtesy "Lei" is written.
    """
    s_start = sentences.span(pos)[0]
    prev_start = sentences.span(s_start - 1)[0] if s_start > 0 else 0
    words = [m.group() for m in _WORD.finditer(text, prev_start, pos)]
    for k, w in enumerate(words):
        lw = w.lower()
        if w != "Lei" and lw in THIRD_SG:
            return True
        if lw in THIRD_AUX and k + 1 < len(words) and words[k + 1].endswith(("to", "ta", "ti", "te")):
            return True
    return False


# words that open a clause: a finite verb of the reader, a pronoun, a negation, a conjunction, a greeting
_CLAUSE_OPENERS = sorted(
    set(IRREGULAR) | set(IRREGULAR.values()) | COMMON_IMPERATIVES | {
        "non", "se", "ma", "per", "grazie", "ciao", "ti", "mi", "ci", "ne", "si", "ecco", "io", "tu", "noi",
        "voi", "lei", "che", "come", "quando", "dove", "perché", "il", "lo", "gli", "un", "una", "questo",
        "questa", "ora", "poi", "allora", "inoltre", "anche", "sì", "no", "però", "quindi", "può", "vuole",
        "potresti", "vorresti", "dovresti", "sono", "ho", "abbiamo", "siamo",
    },
    key=len, reverse=True,
)
# compiled once: module-level regex.split() recompiles-lookups per call. A period after a lone capital
# letter is an initial or abbreviation ("M. I - Fallout", "il film M. Butterfly"), not a sentence end,
# unless a word that opens a clause follows it capitalised ("la taglia M. Puoi cambiarla?",
# "il reparto B. Vuoi aspettare?"): a name after an initial is not a verb, pronoun or conjunction.
_SENT_END = compile_rx(
    r"(?<!(?<![\p{L}\p{M}])\p{Lu})\.|[!?\n]"
    r"|(?<=(?<![\p{L}\p{M}])\p{Lu})\.(?=\s+(?:"
    + "|".join(w[0].upper() + w[1:] for w in _CLAUSE_OPENERS)
    + r")(?![\p{L}\p{M}]))",
    regex.V1,
)


class _Sentences:
    """Sentence boundaries of a text, computed once (``[.!?\\n]`` end a sentence)."""

    __slots__ = ("ends", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.ends = [m.start() for m in _SENT_END.finditer(text)]

    def span(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.ends, pos - 1)
        start = self.ends[i - 1] + 1 if i > 0 else 0
        end = self.ends[i] if i < len(self.ends) else len(self.text)
        return start, end

    def end(self, pos: int) -> int:
        return self.span(pos)[1]


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
