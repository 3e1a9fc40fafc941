"""Spanish tone rules (es-ES, es-MX, es-419): tú -> usted with pro-drop, verbs, clitics, imperatives.

Informal -> formal (``to_formal``):

* verbs 2sg -> 3sg without inserting *usted* (Spanish drops the subject): ``sabes`` -> ``sabe``,
  ``podrías`` -> ``podría``, ``tengas`` -> ``tenga``, ``eres`` -> ``es``, preterite ``tomaste`` ->
  ``tomó``, ``viste`` -> ``vio``; a verb counts as 2sg when ``simplemma`` lemmatises it to an
  infinitive and no determiner precedes it (``las compras`` stays a noun);
* an explicit ``tú`` -> ``usted``; ``ti`` -> ``usted``; ``contigo`` -> ``con usted``;
  ``tu``/``tus`` -> ``su``/``sus``; ``tuyo*`` -> ``suyo*``;
* ``te``: reflexive with a 2sg verb -> ``se`` (``te das cuenta`` -> ``se da cuenta``); before
  ``lo/la/los/las`` -> ``se``; otherwise -> ``le`` (accepted *leísmo de cortesía*, RAE); enclitic
  ``-te`` on infinitives/gerunds -> ``-se`` when reflexive, else ``-lo``;
* affirmative imperatives -> present subjunctive with enclitics and written accents:
  ``dime`` -> ``dígame``, ``cuéntame`` -> ``cuénteme``, ``espera`` -> ``espere``, ``siéntate`` ->
  ``siéntese``; negative imperatives are 2sg subjunctives and follow the verb rule
  (``no vuelvas`` -> ``no vuelva``).

Formal -> informal is not attempted (3rd person forms are ambiguous with *él/ella*): unchanged.

References:
    Real Academia Española & ASALE, Nueva gramática de la lengua española (2009), §§ 16.15-16.16
    (tú/usted), § 16.4 (leísmo de cortesía), §§ 42.3-42.5 (imperativo), § 4.10 (formas verbales);
    Ortografía de la lengua española (2010), § 3.4.1.2 (tilde en formas con enclíticos);
    RAE, Diccionario panhispánico de dudas (2005), "usted", "leísmo".
"""

from __future__ import annotations

import functools
import unicodedata

import regex

from toneloc.rules._base import (
    CultureRules,
    Edit,
    RegexRule,
    RuleContext,
    Token,
    at_sentence_start,
    compile_rx,
    marker,
    match_case,
    split_clauses,
    tokenize,
    word_pattern,
)

_VOWEL_GROUPS = compile_rx(r"[aeiouü]+")
_SENT_END = compile_rx(r"[.!?\n]")  # compiled once: module-level regex.split() recompiles-lookups per call

__all__ = ["Rules", "Spanish", "to_usted_imperative", "to_usted_verb"]

IRREGULAR = {
    "eres": "es", "has": "ha", "vas": "va", "estás": "está", "das": "da", "ves": "ve", "oyes": "oye",
    "viste": "vio", "tuviste": "tuvo", "estuviste": "estuvo", "hiciste": "hizo", "dijiste": "dijo",
    "pudiste": "pudo", "quisiste": "quiso", "supiste": "supo", "pusiste": "puso", "viniste": "vino",
    "fuiste": "fue", "diste": "dio", "trajiste": "trajo", "conseguiste": "consiguió", "pediste": "pidió",
    "sentiste": "sintió", "dormiste": "durmió", "preferiste": "prefirió", "leíste": "leyó", "oíste": "oyó",
    "creíste": "creyó", "seguiste": "siguió", "elegiste": "eligió", "repetiste": "repitió",
    "moriste": "murió", "mentiste": "mintió", "serviste": "sirvió", "condujiste": "condujo",
    "tradujiste": "tradujo", "produjiste": "produjo", "anduviste": "anduvo", "cupiste": "cupo",
    "recibiste": "recibió", "decidiste": "decidió", "escribiste": "escribió", "viviste": "vivió",
    "comiste": "comió", "bebiste": "bebió", "perdiste": "perdió", "entendiste": "entendió",
    "conociste": "conoció", "naciste": "nació", "saliste": "salió", "subiste": "subió",
}
# Affirmative tú-imperative -> usted form (present subjunctive), irregular ones.
IMPERATIVE = {
    "di": "diga", "haz": "haga", "ve": "vaya", "ven": "venga", "ten": "tenga", "pon": "ponga", "sal": "salga",
    "da": "dé", "oye": "oiga", "mira": "mire", "espera": "espere",
    "dime": "dígame", "hazme": "hágame", "ponte": "póngase", "vete": "váyase", "hazte": "hágase",
    "hazlo": "hágalo", "dame": "deme", "dímelo": "dígamelo", "mantente": "manténgase", "detente": "deténgase",
    "tenlo": "téngalo", "ponlo": "póngalo", "fíjate": "fíjese", "imagínate": "imagínese", "sigue": "siga",
    "pide": "pida", "elige": "elija", "escoge": "escoja", "conduce": "conduzca", "conoce": "conozca",
    "trae": "traiga", "cae": "caiga", "vuelve": "vuelva", "piensa": "piense", "cierra": "cierre",
    "empieza": "empiece", "recuerda": "recuerde", "prueba": "pruebe", "cuenta": "cuente",
    "duerme": "duerma", "juega": "juegue", "sirve": "sirva", "repite": "repita", "siente": "sienta",
    "entiende": "entienda", "quiere": "quiera", "mueve": "mueva", "encuentra": "encuentre",
    "muestra": "muestre", "paga": "pague", "busca": "busque", "llega": "llegue", "explica": "explique",
    "indica": "indique", "comunica": "comunique", "verifica": "verifique", "toca": "toque",
    "haz clic": "haga clic", "introduce": "introduzca", "traduce": "traduzca", "ofrece": "ofrezca",
    "agradece": "agradezca", "aparece": "aparezca", "obtén": "obtenga", "mantén": "mantenga",
    "contén": "contenga", "detén": "detenga", "envía": "envíe", "confía": "confíe", "continúa": "continúe",
    "actualiza": "actualice", "utiliza": "utilice", "comienza": "comience", "organiza": "organice",
    "escucha": "escuche", "disfruta": "disfrute", "cuida": "cuide", "avisa": "avise", "llama": "llame",
}
COMMON_IMPERATIVES = frozenset({
    "mira", "espera", "escucha", "disfruta", "cuida", "avisa", "llama", "envía", "revisa", "comprueba",
    "intenta", "prueba", "recuerda", "piensa", "cuenta", "dime", "hazme", "ven", "ten", "pon", "sal", "haz",
    "oye", "sigue", "pide", "vuelve", "descarga", "instala", "actualiza", "escribe", "lee", "abre",
    "entra", "elige", "selecciona", "pulsa", "añade", "introduce", "completa", "contacta", "consulta",
    "visita", "usa", "utiliza", "confirma", "verifica", "guarda", "borra", "reinicia", "cierra", "deja",
})
DETERMINERS = frozenset({
    "el", "la", "los", "las", "un", "una", "unos", "unas", "mis", "tus", "sus", "nuestras", "nuestros",
    "estas", "estos", "esas", "esos", "aquellas", "aquellos", "muchas", "muchos", "pocas", "pocos",
    "algunas", "algunos", "otras", "otros", "todas", "todos", "varias", "varios", "tantas", "tantos",
    "buenas", "buenos", "sin", "de", "del", "al", "en", "con", "por", "para", "mi", "tu", "su", "tres",
    "dos", "cuatro", "cinco", "ambas", "ambos", "cuantas", "cuantos",
})
NOT_VERBS = frozenset({
    "es", "mes", "pues", "antes", "después", "mientras", "gracias", "veces", "tres", "más", "además",
    "entonces", "apenas", "jamás", "quizás", "detrás", "atrás", "demás", "ganas", "cosas", "horas",
    "vistas", "ventas", "llamadas", "noches", "tardes", "clases", "partes", "series", "películas", "redes",
    "lunes", "martes", "miércoles", "jueves", "viernes", "crisis", "tesis", "análisis", "dosis",
    "todas", "todos", "nosotras", "ellas", "ustedes", "vosotros", "vosotras", "bueno", "estas", "esas",
    "alas", "casas", "cuentas", "pasas", "notas", "tiendas", "marcas", "pruebas", "ofertas",
    "empresas", "personas", "preguntas", "respuestas", "quejas", "reservas", "tarifas", "facturas",
    "salidas", "entradas", "visitas", "cargas", "deudas", "dudas", "ayudas", "ideas", "vacaciones",
})
VERB_CUES = frozenset({
    "si", "que", "cuando", "no", "qué", "cuánto", "cuánta", "dónde", "cómo", "cuándo", "tú", "porque", "ya",
    "también", "nunca", "siempre", "te", "lo", "la", "me", "nos", "le", "les", "se", "ahora", "mientras", "más",
    "aunque", "donde", "como", "hasta", "ojalá", "quizás", "tal", "vez", "sí", "yo", "ni",
})
ACCUSATIVE = frozenset({
    "llamar", "ver", "conocer", "esperar", "ayudar", "reprimir", "escuchar", "entender", "invitar", "contactar",
    "atender", "felicitar", "saludar", "buscar", "recoger", "avisar", "acompañar", "informar", "molestar",
    "llevar", "dejar", "mantener", "necesitar", "querer", "oír", "visitar", "registrar", "identificar",
    "ganar", "guiar", "convertir", "derrotar", "vencer", "engañar", "convencer", "animar", "cuidar", "apoyar",
    "asesorar", "despertar", "reconocer", "transformar",
})
WITH_ENCLITIC = frozenset({
    "dime", "hazme", "ponte", "vete", "hazte", "hazlo", "dame", "dímelo", "mantente", "detente", "tenlo", "ponlo",
})
DISCOURSE = frozenset({"mira", "oye", "escucha", "espera", "fíjate", "imagínate", "perdona", "disculpa"})
DATIVE = frozenset({
    "preguntar", "vender", "decir", "dar", "enviar", "mandar", "mostrar", "explicar", "ofrecer", "recomendar",
    "pedir", "contar", "escribir", "devolver", "reembolsar", "cobrar", "facilitar", "indicar", "comunicar",
})
NOT_IMPERATIVE = frozenset({"está", "es", "quiere", "tiene", "puede", "sabe", "hay", "va", "ve", "da", "debe",
                            "parece", "suena", "queda", "pasa", "vale", "dice", "hace", "era", "sea"})
REFLEXIVE_INF = compile_rx(r"(\p{L}{2,}(?:ar|er|ir|ír|ando|iendo|yendo|ándo|iéndo))te(?!\p{L})", regex.V1)
STRONG_2SG = compile_rx(word_pattern("eres", "has", "estás", "vas", "sabes", "tienes", "puedes", "quieres"),
                           regex.V1 | regex.I)
TU_MARKERS = compile_rx(word_pattern("tú", "tu", "tus", "te", "ti", "contigo", "tuyo", "tuya", "tuyos", "tuyas"),
                           regex.V1 | regex.I)

_ACCENT = str.maketrans("áéíóú", "aeiou")
_ADD_ACCENT = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú"}
_VOWELS = "aeiouáéíóúü"
ENCLITICS = ("nos", "los", "las", "les", "me", "te", "se", "lo", "la", "le")


@functools.lru_cache(maxsize=8192)
def _lemma(word: str) -> str:
    import simplemma

    return str(simplemma.lemmatize(word, lang="es"))


def _is_verb_lemma(lemma: str) -> bool:
    return lemma.endswith(("ar", "er", "ir", "ír")) and len(lemma) > 2


@functools.lru_cache(maxsize=8192)
def _strip_accents(w: str) -> str:
    return w.translate(_ACCENT)


@functools.lru_cache(maxsize=8192)
def _accent_penultimate(form: str) -> str:
    """Write the accent on the stressed syllable of a llana form that gets an enclitic (diga -> díga)."""
    if any(c in form for c in "áéíóú"):
        return form
    groups = [m for m in _VOWEL_GROUPS.finditer(form) if not _silent_u(form, m)]
    if len(groups) < 2:
        return form
    g = groups[-2]
    seg = form[g.start() : g.end()]
    strong = [i for i, c in enumerate(seg) if c in "aeo"]
    i = strong[0] if strong else len(seg) - 1
    pos = g.start() + i
    return form[:pos] + _ADD_ACCENT[form[pos]] + form[pos + 1 :]


def _silent_u(form: str, m: regex.Match[str]) -> bool:
    # "que", "qui", "gue", "gui": the u is not a vowel of its own
    seg = m.group(0)
    return seg.startswith("u") and len(seg) > 1 and m.start() > 0 and form[m.start() - 1] in "qg"


VERB_ONLY_ENDINGS = ("abas", "ieras", "ieses", "ases")
IRREGULAR_STEMS = frozenset({"podr", "tendr", "sabr", "habr", "querr", "dir", "har", "pondr", "saldr", "vendr",
                             "valdr", "cabr", "deshar", "contendr", "mantendr", "obtendr", "propondr"})


@functools.lru_cache(maxsize=8192)
def _strong_verb(w: str) -> bool:
    """Forms no noun shares: conditional/future (infinitive + -ías/-ás), imperfect -abas, subjunctive -ieras."""
    if w.endswith(VERB_ONLY_ENDINGS) and len(w) >= 6:
        return True
    for end in ("ías", "ás"):
        if w.endswith(end):
            stem = w[: -len(end)]
            if stem in IRREGULAR_STEMS or (stem.endswith(("ar", "er", "ir")) and _known_infinitive(stem)):
                return True
    if w.endswith("aras") and len(w) >= 7:
        return _known_infinitive(w[:-4] + "ar")
    return False


@functools.lru_cache(maxsize=8192)
def _known_infinitive(word: str) -> bool:
    import simplemma

    return bool(simplemma.is_known(word, lang="es")) and _lemma(word) == word


@functools.lru_cache(maxsize=8192)
def to_usted_verb(form: str, *, loose: bool = False) -> str | None:
    """3rd person singular of a 2nd person singular verb form (lower case), or ``None``.

    ``loose`` also accepts words that are nouns as well as verbs (``pagas``: *pay* or *payments*);
    use it only where the context says the word is a verb.

    >>> [to_usted_verb(w) for w in ("sabes", "podrías", "tengas", "eres", "tomaste", "viste", "casas")]
    ['sabe', 'podría', 'tenga', 'es', 'tomó', 'vio', None]
    >>> to_usted_verb("pagas"), to_usted_verb("pagas", loose=True)
    (None, 'paga')
    """
    w = form.lower()
    if w in IRREGULAR:
        return IRREGULAR[w]
    if w in NOT_VERBS or len(w) < 3:
        return None
    if w.endswith(("aste", "iste")):
        lemma = _lemma(w)
        stem = w[:-4]
        if not _is_verb_lemma(lemma) or lemma not in (stem + "ar", stem + "er", stem + "ir", stem + "ír"):
            return None
        return stem + ("ó" if w.endswith("aste") else "ió")
    if not w.endswith(("as", "es", "ás", "és")) or w.endswith(("áis", "éis", "eis", "ais")) or len(w) < 4:
        return None
    if w.endswith(("adas", "idas", "ados", "idos")) or w in DETERMINERS:
        return None
    if _strong_verb(w):
        return w[:-1]
    lemma = _lemma(w)
    if lemma == w or (w.startswith(lemma) and _is_verb_lemma(lemma)):
        return None  # infinitive + enclitic (enseñarles)
    if _is_verb_lemma(lemma):
        return w[:-1]
    if loose:
        stem = w[:-2]
        cands: tuple[str, ...] = (stem + "ar", stem + "er", stem + "ir")
        # stem-changing verbs (RAE, Nueva gramática, cap. 4): pidas -> pedir, duermas -> dormir
        for a_, b_ in (("i", "e"), ("ie", "e"), ("ue", "o")):
            k = stem.rfind(a_)
            if k > 0:
                alt = stem[:k] + b_ + stem[k + len(a_) :]
                cands += (alt + "ar", alt + "er", alt + "ir")
        if any(_known_infinitive(c) for c in cands):
            return w[:-1]
    return None


@functools.lru_cache(maxsize=4096)
def to_usted_imperative(word: str) -> str | None:
    """The usted imperative of an affirmative tú imperative, enclitics kept (``cuéntame`` -> ``cuénteme``).

    >>> [to_usted_imperative(w) for w in ("dime", "cuéntame", "espera", "siéntate", "ayúdame", "escríbenos")]
    ['dígame', 'cuénteme', 'espere', 'siéntese', 'ayúdeme', 'escríbanos']
    """
    w = word.lower()
    if w in IMPERATIVE:
        return IMPERATIVE[w]
    # peel enclitics from the right
    enclitics: list[str] = []
    base = w
    for _ in range(2):
        for e in ENCLITICS:
            if base.endswith(e) and len(base) > len(e) + 1:
                rest = base[: -len(e)]
                plain = _strip_accents(rest)
                if plain not in IMPERATIVE and len(regex.findall(r"[aeiouáéíóú]+", rest)) < 2:
                    continue
                enclitics.insert(0, e)
                base = rest
                break
    if "se" in enclitics:
        return None  # already an usted form (siéntese) or a 3rd person one
    if enclitics and base == _strip_accents(base) and _strip_accents(base) not in IMPERATIVE:
        return None  # "mete" + "te" needs a written accent if it were an imperative with enclitic
    bare = _strip_accents(base) if enclitics else base
    if bare in IMPERATIVE:
        verb = IMPERATIVE[bare]
    else:
        lemma = _lemma(bare)
        if not _is_verb_lemma(lemma) or lemma == bare:
            cands = [bare[:-1] + "ar"] if bare.endswith("a") else [bare[:-1] + "er", bare[:-1] + "ir"]
            found = [c for c in cands if _known_infinitive(c)]
            if not found:
                return None
            lemma = found[0]
        stem = bare[:-1]
        if not _present_3sg_of(bare, lemma):
            return None
        if lemma.endswith("ar") and bare.endswith("a"):
            verb = _spell(stem) + "e"
        elif lemma.endswith(("er", "ir")) and bare.endswith("e"):
            verb = stem + "a"
        else:
            return None
    if not enclitics:
        return verb
    enclitics = ["se" if e == "te" else e for e in enclitics]
    if verb == "dé":
        return "de" + "".join(enclitics)
    return _accent_penultimate(verb) + "".join(enclitics)


def _present_3sg_of(form: str, lemma: str) -> bool:
    """Whether *form* is the 3rd singular present (= tú imperative) of *lemma* (diphthongs allowed)."""
    stem = lemma[:-2]
    vowel = "a" if lemma.endswith("ar") else "e"
    if form == stem + vowel:
        return True
    return any(form.replace(a, b, 1) == stem + vowel for a, b in (("ie", "e"), ("ue", "o"), ("i", "e"), ("ue", "u")))


def _spell(stem: str) -> str:
    """Spelling change before -e: busc -> busqu, pag -> pagu, empiez -> empiec."""
    if stem.endswith("c"):
        return stem[:-1] + "qu"
    if stem.endswith("g"):
        return stem + "u"
    if stem.endswith("z"):
        return stem[:-1] + "c"
    return stem


GERUND = ("ando", "iendo", "yendo", "ándo", "iéndo")


@functools.lru_cache(maxsize=8192)
def _te_enclitic(low: str) -> str | None:
    """The infinitive/gerund of ``ayudarte``/``preguntándote`` (``None`` for ``fuerte``, ``parte``)."""
    m = REFLEXIVE_INF.fullmatch(low)
    if m is None:
        return None
    base = m.group(1)
    if _lemma(low) == low and not base.endswith(GERUND):
        return None
    plain = _strip_accents(base)
    if base.endswith(GERUND) or (len(plain) > 3 and _known_infinitive(plain)):
        return base
    return None


_STEP3 = frozenset({"tú", "ti", "contigo", "tu", "tus", "tuyo", "tuya", "tuyos", "tuyas", "te"})


@functools.lru_cache(maxsize=1024)
def _addresses(sentence: str) -> bool:
    """Whether *sentence* has a tú-marker or an unambiguous 2sg verb (cached: every clause asks)."""
    return bool(TU_MARKERS.search(sentence)) or bool(STRONG_2SG.search(sentence))


def _sentence_around(text: str, pos: int) -> str:
    before = _sentence_before(text, pos)
    after = _SENT_END.split(text[pos : pos + 300], maxsplit=1)[0]
    return before + after


def _sentence_before(text: str, pos: int) -> str:
    chunk = text[max(0, pos - 200) : pos]
    cut = max(chunk.rfind("."), chunk.rfind("?"), chunk.rfind("!"), chunk.rfind("\n"))
    return chunk[cut + 1 :]


class TuToUsted:
    """tú -> usted, one clause at a time (verbs, pronouns, clitics, possessives, imperatives)."""

    id = "es.tu-usted"
    explanation = "informal 'tú' becomes formal 'usted' (3rd person singular verb, pro-drop kept)"

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        for cl in split_clauses(tokenize(text, ctx)):
            out.extend(self._clause(text, cl, ctx))
        return out

    def _imperative_at(self, text: str, cl: list[Token], k: int, has_marker: bool, coordinated: bool) -> str | None:
        t = cl[k]
        if t.low in NOT_IMPERATIVE:
            return None
        imp = to_usted_imperative(t.low)
        if imp is None or imp == t.low:
            return None
        nxt = cl[k + 1].low if k + 1 < len(cl) else ""
        strong = t.low != _strip_accents(t.low) or t.low in WITH_ENCLITIC
        if nxt in ("a", "el", "la", "los", "las", "un", "una") and t.low not in COMMON_IMPERATIVES and not strong:
            return None
        if nxt == "que" and not strong:
            return None
        enclitic = t.low != _strip_accents(t.low) or t.low in WITH_ENCLITIC
        discourse = t.low in DISCOURSE and text[t.end : t.end + 1] == ","
        if not (enclitic or has_marker or coordinated or discourse or t.low in COMMON_IMPERATIVES):
            return None
        if not (enclitic or has_marker or coordinated or discourse):
            # a bare "Mira"/"Espera" needs the clause to address the reader or end with "!"
            end = text[cl[-1].end : cl[-1].end + 2]
            if "!" not in end:
                return None
        before = text[max(0, cl[0].start - 3) : cl[0].start]
        if "¿" in before:
            return None  # questions use the indicative: "¿Quiere ...?"
        return imp

    def _clause(self, text: str, cl: list[Token], ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        verbs: set[int] = set()
        done: set[int] = set()
        lows = [t.low for t in cl]
        has_marker = any(x in ("tú", "tu", "tus", "te", "ti", "contigo") for x in lows) or any(
            _te_enclitic(x) for x in lows if x.endswith("te")
        )
        sentence_marker = _addresses(_sentence_around(text, cl[0].start))
        # 1. imperative at the start of the clause, and coordinated ones ("siéntate y asegúrate")
        k = 0
        while k < len(cl) - 1 and lows[k] in ("y", "o", "pero", "pues", "entonces", "bueno", "ahora", "porfa"):
            k += 1
        starts = [(k, False)] + [(j + 1, True) for j in range(k, len(cl) - 1) if lows[j] in ("y", "o")]
        found = False
        for j, coord in starts:
            if j in done:
                continue
            if coord and not found:
                w = lows[j]
                if not (w != _strip_accents(w) or w in WITH_ENCLITIC or (has_marker and w in COMMON_IMPERATIVES)):
                    continue
            imp = self._imperative_at(text, cl, j, has_marker, coord)
            if imp is not None:
                t = cl[j]
                out.append(Edit(t.start, t.end, t.text, match_case(t.text, imp), self.id + ".imperative",
                                "tú imperative -> usted (subjunctive)"))
                done.add(j)
                verbs.add(j)
                found = True
        # 2. finite 2sg verbs
        for i, t in enumerate(cl):
            if i in done or not t.word or not t.low.endswith(("s", "ste")):
                continue  # every 2sg form this step converts ends so (IRREGULAR included)
            prev = lows[i - 1] if i else ""
            if t.text[:1].isupper() and not at_sentence_start(text, t.start) and prev not in ("¿", "¡"):
                continue
            after_mark = text[max(0, t.start - 1) : t.start] in ("¿", "¡")
            opener = i == 0 or after_mark
            cue = prev in VERB_CUES or has_marker or after_mark
            strong = _strong_verb(t.low) or (
                t.low.endswith("ías") and _lemma(t.low) in (t.low[:-3] + "er", t.low[:-3] + "ir")
            )
            if not (cue or opener or sentence_marker or strong) and t.low not in IRREGULAR:
                continue
            if prev in DETERMINERS and not strong:
                clitic = prev in ("lo", "la", "los", "las", "le", "les") and t.low not in NOT_VERBS
                if not clitic and t.low not in IRREGULAR:
                    continue
                cue = False
            new = to_usted_verb(t.low, loose=cue)
            if new is None:
                continue
            out.append(Edit(t.start, t.end, t.text, match_case(t.text, new), self.id + ".verb", "2sg -> 3sg verb"))
            done.add(i)
            verbs.add(i)
        # 3. pronouns, clitics, possessives
        for i, t in enumerate(cl):
            low = t.low
            if i in done or not (low in _STEP3 or low.endswith("te")):
                continue  # only these words (and -te enclitics) are rewritten below
            new = None
            if low == "tú" or low == "ti":
                new = "usted"
            elif low == "contigo":
                new = "con usted"
            elif low in ("tu", "tus"):
                new = "su" if low == "tu" else "sus"
            elif low in ("tuyo", "tuya", "tuyos", "tuyas"):
                new = "suy" + low[3:]
            elif low == "te":
                nxt = lows[i + 1] if i + 1 < len(cl) else ""
                reflexive = (i + 1 in verbs) or (i + 2 in verbs and nxt in ("lo", "la", "los", "las"))
                if nxt in ("lo", "la", "los", "las") or reflexive:
                    new = "se"
                else:
                    verb = _lemma(nxt) if nxt else ""
                    new = "lo" if verb in ACCUSATIVE else "le"
            elif low.endswith("te") and len(low) > 4:
                base = _te_enclitic(low)
                if base is not None:
                    gerund = base.endswith(GERUND)
                    plain = _strip_accents(base)
                    inf = plain if not gerund else ""
                    if gerund:
                        lem = _lemma(plain)
                        inf = lem if _is_verb_lemma(lem) else ""
                    if inf in ACCUSATIVE:
                        new = base + "lo"
                    elif inf in DATIVE:
                        new = base + "le"
                    else:
                        new = base + "se"  # most infinitives with -te in support replies are reflexive
            if new is not None:
                out.append(Edit(t.start, t.end, t.text, match_case(t.text, new), self.id + ".pronoun",
                                f"{t.text} -> {new}"))
        return out


GREETING = RegexRule(
    "es.greeting",
    r"(?m)^[ \t]*\K(?:Hola|Buenas|Ey|Qué\s+tal)(?=[ \t]*[,!]?[ \t]*\n|[ \t]+\p{Lu}\p{Ll}+[ \t]*[,!]?[ \t]*\n)",
    "Estimado/a",
    "a formal salutation line",
    unsure=True,
)
CLOSING = RegexRule(
    "es.closing",
    r"(?m)^[ \t]*\K(?:Besos|Un\s+abrazo|Abrazos|Saludos|Chao|Nos\s+vemos)(?=[ \t]*[,!.]?[ \t]*$)",
    "Atentamente",
    "the standard business closing",
)


class Spanish(CultureRules):
    """Spanish (es-ES, es-MX): usted for customers by default.

    References:
        RAE & ASALE, Nueva gramática de la lengua española (2009) §§ 16.15-16.16, 16.4, 42.3-42.5;
        Ortografía de la lengua española (2010) § 3.4.1.2; Diccionario panhispánico de dudas (2005).
    """

    language = "es"
    default_formality = "formal"
    references = (
        "RAE & ASALE, Nueva gramática de la lengua española (2009), §§ 16.15-16.16, 16.4, 42.3-42.5",
        "RAE & ASALE, Ortografía de la lengua española (2010), § 3.4.1.2",
        "RAE, Diccionario panhispánico de dudas (2005), 'usted', 'leísmo'",
    )
    to_formal = (CLOSING, TuToUsted())
    to_informal = ()
    markers = (
        marker("es.register.tu", word_pattern("tú", "tu", "tus", "te", "ti", "contigo"), "informal",
               "informal address (tú)", flags=regex.I),
        marker("es.register.usted", word_pattern("usted", "ustedes", "Ud.", "Vd."), "formal",
               "formal address (usted)", flags=regex.I),
    )

    def preprocess(self, text: str, ctx: RuleContext) -> None:
        if ctx.formality == "formal" and "vosotros" in unicodedata.normalize("NFC", text).lower():
            ctx.flag("plural 'vosotros' found: rewrite to 'ustedes' by hand")


Rules = Spanish
