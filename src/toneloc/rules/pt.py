"""Portuguese tone rules: tu -> você (pt-PT) with verb agreement; o senhor / a senhora (pt-BR).

pt-PT, informal -> formal (``to_formal``):

* verbs 2sg -> 3sg: ``sabes`` -> ``sabe``, ``tens`` -> ``tem``, ``és`` -> ``é``, ``viste`` ->
  ``viu``, ``jogaste`` -> ``jogou``, ``farias`` -> ``faria``, ``quiseres`` -> ``quiser``; a word counts
  as a verb when ``simplemma`` lemmatises it to an infinitive and no determiner precedes it;
* an explicit ``tu`` -> ``você``; ``contigo`` -> ``consigo``; ``ti`` -> ``si``;
  ``teu/tua/teus/tuas`` -> ``seu/sua/seus/suas``;
* clitic ``te``: reflexive with a 2sg verb or after an infinitive/gerund whose subject is the reader
  -> ``se`` (``não te preocupes`` -> ``não se preocupe``, ``podes livrar-te`` -> ``pode livrar-se``);
  after another finite verb -> ``o`` (``compreendo-te`` -> ``compreendo-o``) or, with the verbs of
  :data:`DATIVE`, ``lhe``; ``ajudar-te`` -> ``ajudá-lo``;
* future subjunctive and personal infinitive: ``se tiveres`` -> ``se tiver``, ``depois de saíres``
  -> ``depois de sair`` (irregular stems in :data:`FUT_SUBJ`); ``-aste/-este/-iste`` preterites
  and ``-rás`` futures are verb-only endings and convert without a cue;
* imperatives -> present subjunctive: ``espera`` -> ``espere``, ``escolhe`` -> ``escolha``,
  ``diz-me`` -> ``diga-me``, closing wishes (``tem um bom dia`` -> ``tenha um bom dia``, ``fica bem``)
  and imperatives coordinated with a converted one.

Mixed register (pt-PT): a text that already addresses the reader formally — *o senhor/a senhora*,
or, in a question without a tu-form, a possessive *o seu ...* or a clause-initial 3sg verb with a null
subject (*Já agora, tem algum computador?*) — and also has tu-forms is left unchanged and flagged
for review (:func:`formal_address`). The tu-forms of such a text are mostly the generic "you"
(*É difícil resistir quando estás a viajar*: "when one travels"), which European Portuguese keeps
under formal address; rewriting them would change what the author wrote, not its register.

pt-BR: *você* is already the neutral form. ``formal`` additionally rewrites *você* to
``o senhor`` (with the contractions ``do senhor``, ``ao senhor``, ``com o senhor``...) and flags
the result for review, since the customer's gender (``a senhora``) is not known.

Formal -> informal is not attempted: unchanged.

References:
    Cunha & Cintra, Nova Gramática do Português Contemporâneo (1984), cap. 11 (pronomes de
    tratamento), cap. 13 (verbo); Ciberdúvidas da Língua Portuguesa, "O uso de você em Portugal";
    Bechara, Moderna Gramática Portuguesa (2009), "formas de tratamento"; C. P. Luft, Dicionário
    Prático de Regência Verbal (1987) for the verbs taking an indirect object (``lhe``); E. Raposo et
    al. (orgs.), Gramática do Português (Fundação Calouste Gulbenkian, 2013) on null subjects and the
    generic reading of second-person forms.
"""

from __future__ import annotations

import functools
from typing import ClassVar

import regex

from toneloc.rules._base import (
    CultureRules,
    Edit,
    Rule,
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
from toneloc.rules._base import Directness as _Directness
from toneloc.rules._base import Formality as _Formality

_SENT_END = compile_rx(r"[.!?\n]")  # compiled once: module-level regex.split() recompiles-lookups per call

__all__ = ["Portuguese", "Rules", "formal_address", "to_voce_verb"]

IRREGULAR = {
    "és": "é", "estás": "está", "tens": "tem", "vens": "vem", "vês": "vê", "dás": "dá", "vais": "vai",
    "fazes": "faz", "dizes": "diz", "trazes": "traz", "queres": "quer", "pões": "põe", "sais": "sai",
    "cais": "cai", "crês": "crê", "lês": "lê", "sabes": "sabe", "podes": "pode", "hás": "há",
    "viste": "viu", "fizeste": "fez", "disseste": "disse", "estiveste": "esteve", "tiveste": "teve",
    "puseste": "pôs", "quiseste": "quis", "pudeste": "pôde", "trouxeste": "trouxe", "soubeste": "soube",
    "foste": "foi", "vieste": "veio", "eras": "era", "tinhas": "tinha", "vinhas": "vinha",
    "punhas": "punha", "estavas": "estava", "ias": "ia", "dês": "dê", "vás": "vá", "sejas": "seja",
    "estejas": "esteja", "hajas": "haja", "saibas": "saiba", "queiras": "queira", "fores": "for",
    "obténs": "obtém", "manténs": "mantém", "conténs": "contém", "deténs": "detém", "intervéns": "intervém",
    "provéns": "provém", "convéns": "convém",
}
# future subjunctive stems of irregular verbs (se tiveres -> se tiver): Cunha & Cintra, cap. 13
FUT_SUBJ = frozenset({"tiver", "puder", "fizer", "quiser", "souber", "vier", "disser", "trouxer", "estiver",
                      "houver", "puser", "couber", "der", "vir", "for", "mantiver", "obtiver", "propuser"})
# verbs whose "te" is an indirect object (lhe); the others take "o" (Cunha & Cintra, cap. 11; Luft, Regência)
DATIVE = frozenset({"dizer", "pedir", "agradecer", "enviar", "mandar", "dar", "mostrar", "explicar", "perguntar",
                    "responder", "escrever", "ligar", "telefonar", "oferecer", "desejar", "lembrar", "recomendar",
                    "sugerir", "garantir", "prometer", "devolver", "parecer", "acontecer", "custar", "interessar",
                    "apetecer", "agradar", "ganhar", "trazer", "contar", "indicar", "comunicar", "fazer",
                    "ensinar", "pagar", "cobrar", "reembolsar", "propor", "permitir", "solicitar"})
# words after which -res is a personal infinitive or a future subjunctive (de seres, se fumares)
PERSONAL_INF_CUES = frozenset({"de", "para", "sem", "ao", "após", "até", "se", "quando", "quem", "enquanto", "logo",
                               "sempre", "assim", "caso", "depois", "antes", "por", "tu"})
# closing wishes: "tem um bom dia", "fica bem", "aproveita" are imperatives
WISHES = compile_rx(r"(?i)(?:tem|passa|aproveita|desfruta|faz)\s+(?:um|uma)\s+(?:bom|boa|ótimo|ótima|excelente)"
                       r"|fica\s+bem|diverte-te|cuida-te", regex.V1)
IMPERATIVE = {
    "faz": "faça", "diz": "diga", "traz": "traga", "vem": "venha", "tem": "tenha", "vê": "veja", "põe": "ponha",
    "sai": "saia", "dá": "dê", "vai": "vá", "sê": "seja", "ouve": "ouça", "pede": "peça", "perde": "perca",
    "consegue": "consiga", "segue": "siga", "sobe": "suba", "dorme": "durma", "lê": "leia", "escolhe": "escolha",
    "desculpa": "desculpe", "espera": "espere", "olha": "olhe", "ouça": "ouça",
}
COMMON_IMPERATIVES = frozenset({
    "espera", "tira", "volta", "escolhe", "imagina", "desculpa", "olha", "ouve", "diz", "faz", "vê", "vem",
    "clica", "envia", "manda", "contacta", "liga", "verifica", "experimenta", "tenta", "aproveita", "lembra",
    "escreve", "abre", "fecha", "instala", "atualiza", "confirma", "indica", "consulta", "visita", "usa",
})
DETERMINERS = frozenset({
    "o", "a", "os", "as", "um", "uma", "uns", "umas", "meus", "minhas", "teus", "tuas", "seus", "suas", "estas",
    "estes", "essas", "esses", "aquelas", "aqueles", "muitas", "muitos", "poucas", "poucos", "algumas", "alguns",
    "outras", "outros", "todas", "todos", "várias", "vários", "das", "dos", "nas", "nos", "às", "aos", "pelas",
    "pelos", "duas", "dois", "três", "de", "da", "do", "em", "na", "no", "com", "para", "por", "sem", "boas",
})
CUES = frozenset({
    "se", "que", "quando", "não", "o", "como", "onde", "porque", "já", "também", "nunca", "sempre", "te",
    "tu", "me", "nos", "lhe", "ainda", "quanto", "quantas", "quantos", "qual", "quais", "enquanto", "mesmo",
    "ora", "então", "caso", "quer", "embora", "talvez", "só",
})
VERB_FORMS = frozenset({
    "achas", "percebes", "pagas", "passas", "pegas", "encerras", "jogas", "tiras", "ficas", "pensas", "usas",
    "gostas", "falas", "trabalhas", "moras", "vives", "comes", "bebes", "escreves", "precisas", "tentas",
})
STRONG_ENDINGS = ("rias", "avas", "sses", "rás", "ias", "aste", "este", "iste")
ACCUSATIVE = frozenset({"ajudar", "ouvir", "ver", "contactar", "chamar", "convidar", "informar", "esperar",
                        "conhecer", "encontrar", "levar", "deixar", "incomodar", "perceber", "avisar", "atender"})
NOT_VERBS = frozenset({
    "eles", "elas", "deles", "delas", "desses", "nesses", "daqueles", "naqueles", "destes", "nestes",
    "estes", "esses", "aqueles", "presentes", "pais", "países", "anos",
    "mas", "mais", "depois", "antes", "vezes", "três", "meses", "apenas", "jamais", "atrás", "pois", "menos",
    "ideias", "coisas", "horas", "casas", "pessoas", "férias", "notícias", "compras", "contas", "vendas",
})
MARKERS = compile_rx(word_pattern("tu", "te", "ti", "contigo", "teu", "tua", "teus", "tuas"), regex.V1 | regex.I)
_TOKEN = compile_rx(r"[\p{L}\p{M}]+|\p{N}+|[^\s\p{L}\p{M}\p{N}]", regex.V1)
_STEP3 = frozenset({"tu", "contigo", "ti", "teu", "tua", "teus", "tuas", "te"})  # words the pronoun step rewrites
_INF_ACCENT = {"ar": "á", "er": "ê", "ir": "i"}


@functools.lru_cache(maxsize=8192)
def _lemma(word: str) -> str:
    simplemma = lemmatizer()

    return str(simplemma.lemmatize(word, lang="pt"))


@functools.lru_cache(maxsize=8192)
def _known_inf(word: str) -> bool:
    simplemma = lemmatizer()

    return bool(simplemma.is_known(word, lang="pt")) and _lemma(word) == word


def _is_inf(lemma: str) -> bool:
    return (lemma.endswith(("ar", "er", "ir")) and len(lemma) > 2) or lemma.endswith("pôr")


@functools.lru_cache(maxsize=8192)
def to_voce_verb(form: str, *, loose: bool = False, after_conj: bool = False) -> str | None:
    """3rd person singular of a 2nd person singular verb (lower case), or ``None``.

    >>> [to_voce_verb(w) for w in ("sabes", "tens", "jogaste", "farias", "quiseres", "gostas", "casas")]
    ['sabe', 'tem', 'jogou', 'faria', 'quiser', 'gosta', None]
    """
    w = form.lower()
    if w in IRREGULAR:
        return IRREGULAR[w]
    if (w in NOT_VERBS and not after_conj) or len(w) < 4:
        return None
    if w.endswith("es") and len(w) > 4:  # future subjunctive / personal infinitive: tiveres -> tiver, saíres -> sair
        base = w[:-2]
        plain = base.replace("í", "i")
        if base in FUT_SUBJ or (base.endswith(("ar", "er", "ir", "ír")) and _known_inf(plain) and (
            loose or _is_inf(_lemma(w))
        )):
            return plain
    if w in VERB_FORMS:
        return w[:-1]
    lemma = _lemma(w)
    verb = _is_inf(lemma)
    if not verb and loose:
        stem = w[:-2]
        for cand in (stem + "ar", stem + "er", stem + "ir", w[:-4] + "ar"):
            if _known_inf(cand):
                lemma, verb = cand, True
                break
    if not verb:
        return None
    if w.endswith(("aste", "este", "iste")):
        if lemma == w[:-4] + w[-4] + "r":
            return w[:-4] + {"a": "ou", "e": "eu", "i": "iu"}[w[-4]]
        return None
    if w.endswith("res") and len(w) > 5 and lemma not in (w[:-2] + "er", w[:-2] + "ir"):
        return w[:-2].replace("ír", "ir")  # future subjunctive / personal infinitive: quiseres -> quiser
    if w.endswith(("as", "es", "is")) and not w.endswith(("ais", "eis", "ámos", "emos")):
        return w[:-1]
    if w.endswith("rás"):
        return w[:-1]  # future: estarás -> estará
    return None


@functools.lru_cache(maxsize=8192)
def _subjunctive(lemma: str, imp: str) -> str | None:
    if imp in IMPERATIVE:
        return IMPERATIVE[imp]
    stem = lemma[:-2]
    if lemma.endswith("ar"):
        if stem.endswith("c"):
            stem = stem[:-1] + "qu"
        elif stem.endswith("g"):
            stem += "u"
        elif stem.endswith("ç"):
            stem = stem[:-1] + "c"
        return stem + "e"
    if lemma.endswith(("er", "ir")):
        if stem.endswith("c"):
            stem = stem[:-1] + "ç"
        elif stem.endswith("g"):
            stem = stem[:-1] + "j"
        return stem + "a"
    return None


@functools.lru_cache(maxsize=8192)
def _imperative(word: str) -> str | None:
    """Formal imperative of a tu-imperative (``espera`` -> ``espere``, ``diz-me`` handled by the caller)."""
    w = word.lower()
    if w in IMPERATIVE:
        return IMPERATIVE[w]
    lemma = _lemma(w)
    if not _is_inf(lemma):
        for cand in (w[:-1] + "ar", w[:-1] + "er", w[:-1] + "ir"):
            if _known_inf(cand):
                lemma = cand
                break
        else:
            return None
    if (w.endswith("a") and lemma == w[:-1] + "ar") or (w.endswith("e") and lemma in (w[:-1] + "er", w[:-1] + "ir")):
        return _subjunctive(lemma, w)
    return None


@functools.lru_cache(maxsize=1024)
def _addresses(sentence: str) -> bool:
    """Whether *sentence* has a tu-marker (cached: every clause asks)."""
    return bool(MARKERS.search(sentence))


def _sentence_around(text: str, pos: int) -> str:
    chunk = text[max(0, pos - 200) : pos]
    cut = max(chunk.rfind("."), chunk.rfind("?"), chunk.rfind("!"), chunk.rfind("\n"))
    after = _SENT_END.split(text[pos : pos + 300], maxsplit=1)[0]
    return chunk[cut + 1 :] + after


# Formal address that cannot be 3rd person talk: o senhor / a senhora (Cunha & Cintra, cap. 11), and in
# a question without a tu-form a possessive "o seu ..." or a clause-initial 3sg verb with a null subject
# ("Já agora, tem algum computador?"): the null-subject 3sg question is how pt-PT addresses a customer
# (Cunha & Cintra, cap. 11; Raposo et al. 2013, null subjects), while a tu-text asks "tens ...?".
_SENHOR = compile_rx(r"(?<!\p{L})(?:o senhor|a senhora|os senhores|as senhoras)(?!\p{L})", regex.V1 | regex.I)
_POSS_SEU = compile_rx(
    r"(?<!\p{L})(?:o|a|os|as|do|da|dos|das|no|na|nos|nas|ao|à|aos|às|pelo|pela|pelos|pelas)\s+(?:seu|sua|seus|suas)"
    r"(?!\p{L})",
    regex.V1 | regex.I,
)
_WORD = compile_rx(r"[\p{L}\p{M}]+", regex.V1)
# Words a question may open with before its verb ("Já agora, tem ...?", "E gosta ...?").
_Q_OPENERS = frozenset({"já", "agora", "e", "então", "mas", "ora", "por", "acaso", "alguma", "vez", "ainda",
                        "também", "não", "nunca", "sempre", "bem", "ok", "sim"})
# 3sg verbs that open questions with an impersonal or inanimate subject ("É verdade?", "Faz sentido?",
# "Pode ser?"): not a cue for the addressee.
_IMPERSONAL_3SG = frozenset({"é", "há", "foi", "era", "será", "seria", "parece", "vale", "faz", "existe", "acontece",
                             "importa", "interessa", "custa", "basta", "serve", "dá", "está", "fica", "chega", "soa",
                             "conta", "funciona", "resulta", "pode", "deve", "convém", "falta", "sabia", "houve"})
_THIRD_IRREGULAR = frozenset(IRREGULAR.values())


def _is_3sg_present(word: str) -> bool:
    """Whether *word* is a personal 3sg present indicative (``tem``, ``gosta``, ``prefere``)."""
    w = word.lower()
    if w in _IMPERSONAL_3SG:
        return False
    if w in _THIRD_IRREGULAR:
        return True
    lemma = _lemma(w)
    return _is_inf(lemma) and w == lemma[:-2] + ("a" if lemma.endswith("ar") else "e")


def formal_address(text: str, ctx: RuleContext | None = None) -> str | None:
    """The first form in *text* that addresses the reader formally (pt-PT), or ``None``.

    >>> formal_address("Já agora, tem algum computador da Apple?")
    'tem'
    >>> formal_address("Qual é o seu artista favorito?"), formal_address("Ele gosta do seu carro.")
    ('o seu', None)
    >>> formal_address("Tens algum computador? Gosta do teu carro?") is None
    True
    >>> formal_address("Olha, tem a fatura?"), formal_address("Olha, podes ver se gosta?")
    ('tem', None)
    """
    low = text.lower()
    if "senhor" in low:
        for m in _SENHOR.finditer(text):
            if ctx is None or not ctx.is_protected(*m.span()):
                return m.group(0)
    end, after_prev = text.find("?"), 0
    while end >= 0:  # each question: from the previous sentence end to its "?" (scans, no regex)
        cut = max(text.rfind(c, after_prev, end) for c in ".!\n")
        start = cut + 1 if cut >= 0 else after_prev
        sent = text[start : end + 1]
        after_prev = end + 1
        end = text.find("?", end + 1)
        words = list(_WORD.finditer(sent))
        if _addresses(sent) or any(to_voce_verb(w.group(0)) is not None for w in words):
            continue  # a question with a tu-form ("Gosta do teu carro?", "Olha, tens ...?") is informal
        if "seu" in sent or "sua" in sent or "SEU" in sent or "SUA" in sent:
            poss = _POSS_SEU.search(sent)
            if poss and (ctx is None or not ctx.is_protected(start + poss.start(), start + poss.end())):
                return poss.group(0)
        for w in words:
            low = w.group(0).lower()
            if low in _Q_OPENERS or sent[w.end() : w.end() + 1] == ",":
                continue  # "Já agora, ...", "Olha, ...": discourse openers (a tu-imperative) before the verb
            if _is_3sg_present(low) and (ctx is None or not ctx.is_protected(start + w.start(), start + w.end())):
                return w.group(0)
            break
    return None


class TuToVoce:
    """tu -> você (3rd person forms), one clause at a time.

    A pt-PT text that already addresses the reader formally (:func:`formal_address`) and also has
    tu-forms is mixed: the tu-forms there are usually the generic "you" (*É difícil resistir quando
    estás a viajar*: "when one travels"), which European Portuguese keeps under formal address
    (Raposo et al. 2013, generic second person). Such a text is left unchanged and flagged for review.
    """

    id = "pt.tu-voce"
    explanation = "informal 'tu' becomes 'você' with 3rd person singular verbs"

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out = self._edits(text, ctx)
        if out and ctx.region != "BR":
            cue = formal_address(text, ctx)
            if cue is not None:
                ctx.flag(f"mixed register: the text already addresses the reader formally ({cue!r}) and also has "
                         "tu-forms (often the generic 'you'); left unchanged, check them")
                return []
        return out

    def _edits(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        addressed_until = -1  # a 2sg verb was converted: the rest of the sentence addresses the reader
        for cl in split_clauses(tokenize(text, ctx, _TOKEN)):
            edits = self._clause(text, cl, cl[0].start < addressed_until)
            if any(e.rule_id.endswith((".verb", ".imperative")) for e in edits):
                m = _SENT_END.search(text, cl[-1].end)
                addressed_until = m.start() if m else len(text)
            out.extend(edits)
        return out

    def _clause(self, text: str, cl: list[Token], addressed: bool = False) -> list[Edit]:
        out: list[Edit] = []
        lows = [t.low for t in cl]
        done: set[int] = set()
        verbs: set[int] = set()
        has_marker = any(x in ("tu", "te", "ti", "contigo", "teu", "tua", "teus", "tuas") for x in lows)
        sentence_marker = _addresses(_sentence_around(text, cl[0].start))
        # 1. imperative at the start of the clause
        k = 0
        while k < len(cl) - 1 and lows[k] in ("e", "mas", "então", "agora", "ora", "pois"):
            k += 1
        t = cl[k]
        bang = "!" in text[cl[-1].end : cl[-1].end + 2]
        question = "?" in text[cl[-1].end : cl[-1].end + 2]
        starts = [k] + [j + 1 for j in range(k, len(cl) - 1) if lows[j] == "e"]
        for n, j in enumerate(starts):
            t = cl[j]
            if lows[j] == "não" or j in done:
                continue
            imp = _imperative(t.low)
            if not imp or imp == t.low or question:
                continue
            hyphen = text[t.end : t.end + 3].lower() == "-te"
            # "Diz-me ...", "faz-me um favor": imperative + enclitic me/nos opening a sentence or an address
            hyphen_me = text[t.end : t.end + 3].lower() in ("-me", "-no") and (
                t.low in COMMON_IMPERATIVES or t.low in IMPERATIVE
            ) and (at_sentence_start(text, t.start) or sentence_marker or addressed or bang)
            wish = bool(WISHES.match(text, t.start))  # "tem um bom dia", "fica bem"
            known = t.low in COMMON_IMPERATIVES or t.low in IMPERATIVE
            coordinated = n > 0 and bool(verbs)  # "tenha um bom dia e desfruta ..."
            if n > 0 and not coordinated:
                continue
            ok = (
                hyphen or hyphen_me or wish or coordinated
                or (known and text[t.end : t.end + 1] != "-" and (
                    bang or has_marker or sentence_marker or addressed or text[t.end : t.end + 1] == ","
                ) and (t.low in COMMON_IMPERATIVES or t.low in IMPERATIVE or bang or has_marker or sentence_marker))
            )
            if not ok:
                continue
            out.append(Edit(t.start, t.end, t.text, match_case(t.text, imp), self.id + ".imperative",
                            "tu-imperative -> formal imperative (subjunctive)"))
            done.add(j)
            verbs.add(j)
        # 2. finite verbs
        for i, t in enumerate(cl):
            if i in done or not t.word or not t.low.endswith(("s", "ste")):
                continue  # every 2sg form this step converts ends so (IRREGULAR included)
            prev = lows[i - 1] if i else ""
            strong = (t.low.endswith(STRONG_ENDINGS) and _is_inf(_lemma(t.low))) or (
                t.low.endswith("res") and (t.low[:-2] in FUT_SUBJ or (
                    prev in PERSONAL_INF_CUES and t.low[-4:-2] in ("ar", "er", "ir", "ír")
                    and _known_inf(t.low[:-2].replace("í", "i"))
                ))
            )  # "se alguma vez tiveres", "depois de saíres", "de seres" (not "as mulheres", "os dólares")
            if prev in DETERMINERS and t.low not in IRREGULAR and not strong:
                continue
            if t.text[:1].isupper() and not at_sentence_start(text, t.start) and not t.text.isupper():
                continue
            cue = prev in CUES or has_marker
            if not (cue or sentence_marker or i == 0 or strong) and t.low not in IRREGULAR:
                continue
            after_conj = prev in ("quando", "se", "enquanto", "tu", "não", "já") and (
                i + 1 < len(cl) and lows[i + 1] in DETERMINERS
            )  # "quando compras as tuas roupas": compras is the verb here
            new = to_voce_verb(t.low, loose=cue, after_conj=after_conj)
            if new is None:
                continue
            out.append(Edit(t.start, t.end, t.text, match_case(t.text, new), self.id + ".verb", "2sg -> 3sg verb"))
            done.add(i)
            verbs.add(i)
        # 3. pronouns, clitics, possessives
        for i, t in enumerate(cl):
            low = t.low
            if low not in _STEP3 or i in done:
                continue
            new = None
            hyph_before = text[max(0, t.start - 1) : t.start] == "-"
            if low == "tu":
                new = "você"
            elif low == "contigo":
                new = "consigo"
            elif low == "ti":
                new = "si"
            elif low in ("teu", "tua", "teus", "tuas"):
                new = "s" + low[1:]
            elif low == "te":
                host = i - 1 if hyph_before else i + 1
                host_lemma = _lemma(cl[host].low) if 0 <= host < len(cl) else ""
                host_low = cl[host].low if 0 <= host < len(cl) else ""
                nonfinite = host_low.endswith(("ar", "er", "ir", "ôr")) or (
                    host_low.endswith("ndo") and host_lemma == host_low[:-3] + "r"  # gerund, not "compreendo"
                )
                if host in verbs:
                    new = "se"
                elif hyph_before and nonfinite and host_lemma not in DATIVE and host_low not in ACCUSATIVE and (
                    addressed or any(v < i for v in verbs) or "tu" in lows[:i]
                ):
                    new = "se"  # "podes livrar-te", "desafiando-te": the reader is the subject, so reflexive
                elif hyph_before and not nonfinite and _is_inf(host_lemma) and host_lemma != host_low:
                    new = "lhe" if host_lemma in DATIVE else "o"  # "compreendo-te" -> "compreendo-o"
                elif hyph_before and i > 0 and cl[i - 1].low.endswith(("ar", "er", "ir")) and (
                    cl[i - 1].low in ACCUSATIVE
                ):
                    v = cl[i - 1]
                    inf = v.low
                    acc = inf[:-2] + _INF_ACCENT[inf[-2:]]
                    out.append(Edit(v.start, t.end, text[v.start : t.end], match_case(v.text, acc) + "-lo",
                                    self.id + ".pronoun", "infinitive + -te -> infinitive + -lo"))
                    continue
                elif not hyph_before and 0 <= host < len(cl):
                    gov = host_lemma
                    if gov in ("poder", "dever", "querer", "ir", "conseguir") and host + 1 < len(cl):
                        gov = _lemma(cl[host + 1].low)  # "te podem guiar": the infinitive governs
                    # "o que te assusta" -> "o que o assusta"; dative verbs -> lhe (Luft, Regência)
                    new = "lhe" if gov in DATIVE and gov not in ACCUSATIVE else "o"
                else:
                    new = "lhe"
            if new is not None:
                out.append(Edit(t.start, t.end, t.text, match_case(t.text, new), self.id + ".pronoun",
                                f"{t.text} -> {new}"))
        return out


class VoceToSenhor:
    """pt-BR formal: você -> o senhor (gender unknown: flagged for review)."""

    id = "pt-BR.voce-senhor"
    explanation = "in Brazil 'você' is neutral; formal support addresses the customer as 'o senhor/a senhora'"
    PATTERN = compile_rx(r"(?<!\p{L})(?:(para|com|de|em|a|por)\s+)?(você)(?!\p{L})", regex.V1 | regex.I)
    CONTRACT: ClassVar[dict[str, str]] = {"de": "do senhor", "em": "no senhor", "a": "ao senhor", "por": "pelo senhor"}

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        if ctx.region != "BR":
            return []
        out: list[Edit] = []
        for m in self.PATTERN.finditer(text):
            prep = m.group(1)
            if prep and prep.lower() in self.CONTRACT:
                new = match_case(prep, self.CONTRACT[prep.lower()])
            elif prep:
                new = f"{prep} o senhor"
            else:
                new = match_case(m.group(2), "o senhor")
            out.append(Edit(m.start(), m.end(), m.group(0), new, self.id, self.explanation, unsure=True))
            ctx.flag("'o senhor' assumes a male customer; use 'a senhora' for a female customer")
        return out


class Portuguese(CultureRules):
    """Portuguese (pt-PT, pt-BR).

    References:
        Cunha & Cintra, Nova Gramática do Português Contemporâneo (1984), caps. 11, 13; Bechara,
        Moderna Gramática Portuguesa (2009); Ciberdúvidas da Língua Portuguesa, "O uso de você".
    """

    language = "pt"
    default_formality = "formal"
    references = (
        "Cunha & Cintra, Nova Gramática do Português Contemporâneo (1984), caps. 11, 13",
        "E. Bechara, Moderna Gramática Portuguesa, 38th ed. (2009), 'formas de tratamento'",
        "Ciberdúvidas da Língua Portuguesa, 'O uso de você em Portugal'",
        "E. Raposo et al. (orgs.), Gramática do Português, Fundação Calouste Gulbenkian (2013): null subjects, "
        "generic second person",
    )
    to_formal = (TuToVoce(), VoceToSenhor())
    to_informal = ()
    markers = (
        marker("pt.register.tu", word_pattern("tu", "te", "ti", "contigo", "teu", "tua", "teus", "tuas"), "informal",
               "informal address (tu)", flags=regex.I),
        marker("pt.register.formal", r"(?<!\p{L})(?:o senhor|a senhora|os senhores|as senhoras)(?!\p{L})",
               "formal", "formal address (o senhor / a senhora)", flags=regex.I),
    )

    def rules_for(self, formality: _Formality | None, directness: _Directness | None) -> tuple[Rule, ...]:
        return super().rules_for(formality, directness)


Rules = Portuguese
