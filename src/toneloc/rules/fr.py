"""French tone rules: tu <-> vous with verb agreement, inversion, imperatives and clitics.

Informal -> formal (``to_formal``):

* subject ``tu`` -> ``vous`` and its verb 2sg -> 2pl, across clitics (``tu ne l'as pas`` ->
  ``vous ne l'avez pas``, ``tu te comportes`` -> ``vous vous comportez``); inversion
  (``peux-tu`` -> ``pouvez-vous``); present, imperfect, conditional, future and the common
  subjunctives, from the irregular table below or the regular endings with a ``simplemma`` lemma;
* imperatives (``dis-moi`` -> ``dites-moi``, ``assure-toi`` -> ``assurez-vous``, ``passe`` ->
  ``passez`` when the clause addresses the reader);
* object ``te``/``t'``/``toi`` -> ``vous``, possessives ``ton``/``ta`` -> ``votre``, ``tes`` ->
  ``vos``, ``le tien`` -> ``le vôtre``; ``s'il te plaît``/``stp`` -> ``s'il vous plaît``;
* greeting/closing lines: ``Salut``/``Coucou`` -> ``Bonjour``, ``Bisous``/``Bises``/``À plus`` ->
  ``Cordialement``.

Formal -> informal is not attempted: ``vous`` is also the plural, so it cannot be rewritten
reliably; the text comes back unchanged.

References:
    Grevisse & Goosse, Le Bon Usage, 16th ed. (2016), §§ 655-657 (tu/vous), §§ 791-803 (conjugaison);
    Bescherelle, La conjugaison pour tous (Hatier, 2019) for the irregular forms;
    Académie française, "Dire, ne pas dire": "s'il vous plaît", formules de politesse;
    Office québécois de la langue française, Banque de dépannage linguistique, "Formules de salutation".
"""

from __future__ import annotations

import functools

import regex

from toneloc.rules._base import (
    CultureRules,
    Edit,
    RegexRule,
    RuleContext,
    at_sentence_start,
    compile_rx,
    lemmatizer,
    marker,
    match_case,
    word_pattern,
)

__all__ = ["French", "Rules", "to_vous"]

# 2nd person singular -> 2nd person plural, irregular forms (present, imperative, subjunctive).
IRREGULAR = {
    "as": "avez", "es": "êtes", "vas": "allez", "fais": "faites", "dis": "dites", "peux": "pouvez",
    "veux": "voulez", "dois": "devez", "sais": "savez", "vois": "voyez", "crois": "croyez", "bois": "buvez",
    "prends": "prenez", "viens": "venez", "tiens": "tenez", "mets": "mettez", "reçois": "recevez",
    "connais": "connaissez", "parais": "paraissez", "vis": "vivez", "écris": "écrivez", "lis": "lisez",
    "suis": "suivez", "ris": "riez", "souris": "souriez", "sors": "sortez", "pars": "partez", "dors": "dormez",
    "sens": "sentez", "mens": "mentez", "sers": "servez", "cours": "courez", "meurs": "mourez",
    "conduis": "conduisez", "construis": "construisez", "traduis": "traduisez", "produis": "produisez",
    "plais": "plaisez", "tais": "taisez", "crains": "craignez", "peins": "peignez", "joins": "joignez",
    "éteins": "éteignez", "atteins": "atteignez", "vaux": "valez", "assieds": "asseyez", "assois": "assoyez",
    "bats": "battez", "résous": "résolvez", "fuis": "fuyez", "acquiers": "acquérez", "interromps": "interrompez",
    "sois": "soyez", "aies": "ayez", "aie": "ayez", "sache": "sachez", "saches": "sachiez", "veuille": "veuillez",
    "va": "allez", "fasses": "fassiez", "puisses": "puissiez", "ailles": "alliez", "veuilles": "vouliez",
    "viennes": "veniez", "deviennes": "deveniez", "prennes": "preniez", "dises": "disiez", "voies": "voyiez",
    "reviennes": "reveniez", "tiennes": "teniez", "comprennes": "compreniez", "boives": "buviez",
    "fus": "fûtes", "eus": "eûtes", "eusses": "eussiez", "fusses": "fussiez", "essaie": "essayez",
    "essaies": "essayez", "paie": "payez", "paies": "payez", "envoie": "envoyez", "envoies": "envoyez",
    "renvoie": "renvoyez", "renvoies": "renvoyez", "emploies": "employez", "nettoies": "nettoyez",
    "appuie": "appuyez", "appuies": "appuyez", "ennuies": "ennuyez",
}
_PREFIXED = ("prends", "viens", "tiens", "mets", "reçois", "connais", "parais", "écris", "sors", "pars",
             "dors", "sens", "sers", "cours", "conduis", "construis", "traduis", "produis", "fais", "dis", "vois")
_PREFIXES = ("com", "ap", "sur", "re", "dé", "de", "ob", "main", "con", "sou", "ad", "per", "pro", "trans", "r",
             "dis", "ins", "pres", "sous", "par", "contre", "ré", "pré", "ac", "s", "ap")

VOUS_FORMS = frozenset(IRREGULAR.values())
POSSESSIVE = {"ton": "votre", "ta": "votre", "tes": "vos"}
STRESSED = {"tien": "vôtre", "tienne": "vôtre", "tiens": "vôtres", "tiennes": "vôtres"}
NOT_VERB = frozenset({"ne", "n", "pas", "plus", "jamais"})
CLITIC = (
    r"(?:(?:ne(?!\p{L})|n['’])\s*)?"
    r"(?:(?:(?:me|te|se|nous|vous|lui|leur|les|le|la|y|en)(?![\p{L}'’])|[mtsl]['’])\s*)*"
)
COMMON_IMPERATIVES = frozenset({
    "passe", "profite", "écoute", "regarde", "laisse", "essaie", "essaye", "attends", "dis", "fais",
    "prends", "viens", "sois", "aie", "va", "tiens", "sache", "envoie", "contacte", "clique", "vérifie",
    "note", "parle", "appelle", "donne", "saisis", "choisis", "remplis", "ouvre", "lis", "écris", "entre",
    "jette", "récolte", "participe", "mets", "pense", "imagine", "demande", "continue", "reste", "patiente",
    "excuse", "pardonne", "rappelle", "indique", "précise", "confirme", "renvoie", "retourne", "achète",
    "utilise", "consulte", "suis", "connecte", "redémarre", "installe", "télécharge", "copie", "colle",
})
NOT_IMPERATIVE = frozenset({"entre", "comme", "contre", "note", "suis", "sois", "pense", "reste", "dis", "fais"})


@functools.lru_cache(maxsize=8192)
def _lemma(word: str) -> str:
    simplemma = lemmatizer()

    return str(simplemma.lemmatize(word, lang="fr"))


@functools.lru_cache(maxsize=8192)
def to_vous(form: str, *, imperative: bool = False) -> str | None:
    """The 2nd person plural of a 2nd person singular verb form (lower case), or ``None``.

    >>> [to_vous(w) for w in ("as", "passes", "pensais", "pourrais", "verras", "choisis", "attends", "achètes")]
    ['avez', 'passez', 'pensiez', 'pourriez', 'verrez', 'choisissez', 'attendez', 'achetez']
    >>> to_vous("dis", imperative=True), to_vous("profite", imperative=True)
    ('dites', 'profitez')
    """
    w = form.lower()
    if w in IRREGULAR:
        return IRREGULAR[w]
    for base in _PREFIXED:
        if w.endswith(base) and len(w) > len(base) and w[: -len(base)] in _PREFIXES:
            return w[: -len(base)] + IRREGULAR[base]
    if w.endswith("ais") and len(w) > 4:  # imperfect / conditional
        return w[:-3] + "iez"
    if w.endswith("ras") and len(w) > 4:  # future
        return w[:-2] + "ez"
    lemma = _lemma(w).lower()
    if w.endswith("es") or (imperative and w.endswith("e")):
        if lemma.endswith("er") and len(lemma) > 2:
            return lemma[:-2] + "ez"
        if w.endswith("es"):
            return w[:-2] + "ez"
        return w[:-1] + "ez"
    if w.endswith("is") and lemma.endswith("ir"):
        return lemma[:-2] + "issez"
    if w.endswith(("ds", "ps")):
        return w[:-1] + "ez"
    if w.endswith("s") and lemma.endswith("re") and len(lemma) > 3:
        return lemma[:-2] + "ez"
    return None


@functools.lru_cache(maxsize=8192)
def _is_verb(word: str) -> bool:
    """Whether simplemma lemmatises *word* to an infinitive other than itself.

    A lemma that is just the word without its plural -s is the singular of a noun, even when it ends
    like an infinitive ("factures" -> "facture", "accessoires" -> "accessoire"): no conjugated form of a
    verb is its infinitive plus -s.

    >>> _is_verb("prends"), _is_verb("envoies"), _is_verb("factures"), _is_verb("accessoires")
    (True, True, False, False)
    """
    lemma = _lemma(word).lower()
    return lemma != word and lemma + "s" != word and lemma.endswith(("er", "ir", "re", "oir"))


def _verb_out(verb: str, new: str) -> str:
    return match_case(verb, new)


class TuToVous:
    """Subject tu with its verb, inversion, imperatives, objects and possessives."""

    id = "fr.tu-vous"
    explanation = "informal 'tu' becomes formal 'vous' with the verb in the 2nd person plural"

    SUBJECT = compile_rx(rf"(?<![\p{{L}}'’-])([Tt]u)(\s+)({CLITIC})(\p{{L}}+)(?![\p{{L}}'’])", regex.V1)
    INVERSION = compile_rx(r"(?<!\p{L})(\p{L}+)-(tu|toi|moi|le|la|les|nous|lui|leur|en|y)\b(?:-(\p{L}+))?",
                              regex.V1 | regex.I)
    OBJECT = compile_rx(r"(?<![\p{L}'’-])(?:(te)(?=\s)|(t)['’](?=\p{L}|\s)|(toi)(?:(-même)|(?!\p{L})))",
                           regex.V1 | regex.I)
    POSS = compile_rx(word_pattern("ton", "ta", "tes"), regex.V1 | regex.I)
    STRESS = compile_rx(
        r"(?<![\p{L}])(le|la|les|des|aux|du|au)\s+(tien|tienne|tiens|tiennes)(?!\p{L})", regex.V1 | regex.I
    )
    PLEASE = compile_rx(r"s['’]il\s+te\s+pla[iî]t|(?<!\p{L})stp(?!\p{L})", regex.V1 | regex.I)
    # A clause-initial word: the candidate is found by a cheap word scan, then its left context is
    # checked with IMP_BEFORE anchored at the word (a variable-length look-behind at every position
    # of the text was the hot spot of the French rules).
    IMPERATIVE = compile_rx(r"(?<![\p{L}\p{M}])(\p{L}+)(?=[\s!,.])", regex.V1)
    IMP_BEFORE = compile_rx(
        r"(?:[.!?:;]\s*|,\s+|\bet\s|\bou\s|\b[Nn]e\s|\b[Nn]['’]|"
        r"\b(?i:maintenant|alors|donc|puis|ensuite|aussi)\s)$",
        regex.V1,
    )
    TOI = compile_rx(r"(?i)-toi\b", regex.V1)
    TE = compile_rx(r"(?i)-te\b", regex.V1)
    TE_CLITIC = compile_rx(r"(?i)(?<!\p{L})te\s+", regex.V1)
    T_CLITIC = compile_rx(r"(?i)(?<!\p{L})t['’]", regex.V1)
    BARE_TU = compile_rx(r"(?<![\p{L}'’-])[Tt]u(?![\p{L}'’-])", regex.V1)
    CLAUSE_END = compile_rx(r"[.!?;]", regex.V1)
    EVIDENCE = compile_rx(r"(?<!\p{L})(?:(?:ton|ta|tes|toi|te|moi|me)(?!\p{L})|[tm]['’])", regex.V1)
    NEG = compile_rx(r"(?i)(?:\bne\s|\bn['’])$", regex.V1)
    # "et"/"ou" before the candidate: it is an imperative only when coordinated with one
    COORD_BEFORE = compile_rx(r"(?i)\b(?:et|ou)\s$", regex.V1)
    # the exhortative interjections "Allez, ...", "Allons, ...", "Vas-y, ..." announce an imperative
    # (Grevisse & Goosse, Le Bon Usage § 1104, interjections from verbs)
    EVIDENCE_TU = compile_rx(r"(?<!\p{L})(?:ton|ta|tes|toi|te)(?!\p{L})|(?<!\p{L})t['’]", regex.V1 | regex.I)
    VP_NEXT = compile_rx(
        r"\s+(?:(?:un|une|le|la|les|ton|ta|tes|mon|ma|mes|ce|cet|cette|ces|à|au|aux|aussi|bien|vite|encore|"
        r"toujours|juste|simplement|y|en|dans|sur|avec)(?![\p{L}'’])|[lmt]['’])",
        regex.V1 | regex.I,
    )
    NEG_START = compile_rx(r"(?:^|[.!?:;«\"]\s*|,\s+)[Nn]e\s$", regex.V1)
    NEG_AFTER = compile_rx(r"\s+(?:pas|jamais|plus|rien)(?!\p{L})", regex.V1)
    COORD_VERB = compile_rx(rf"(?:\s+\p{{L}}+){{0,3}}?\s+(?:et|ou)\s+({CLITIC})(\p{{L}}+)(?![\p{{L}}'’-])", regex.V1)
    EXHORT = compile_rx(r"(?i)(?<!\p{L})(?:allez|allons|vas-y|allez-y|aller)\s*,\s*$", regex.V1)
    # le/la/les/l' after "et"/"ou" are articles far more often than object clitics: "et les factures",
    # "et le colis". A plural -s word after "les" is read as a noun unless a manner or time adverb follows
    # it directly and ends the verb phrase ("et les ranges soigneusement."), which a noun phrase does not
    # take (Le Bon Usage § 955: the adverb modifying a verb follows it)
    ARTICLE_ONLY = compile_rx(r"(?i)^(?:(?:le|la|les)(?![\p{L}'’])|l['’])\s*$", regex.V1)
    VERB_ADVERB_NEXT = compile_rx(
        r"\s+(?i:bien|vite|ensuite|aussitôt|immédiatement|correctement|soigneusement|directement|"
        r"tout\s+de\s+suite)(?=\s*(?:[.!?,;…]|$)|\s+(?i:dans|sur|sous|à|au|aux|en|avec|par|pour)(?!\p{L}))",
        regex.V1,
    )

    def _coord_verb_reading(self, text: str, co: regex.Match[str]) -> bool:
        """Whether the word after "et"/"ou" + clitics may be a verb sharing the subject tu.

        With le/la/les/l' alone before it, the word is a noun after an article unless it is clearly a verb:
        a verb lemma that is not the word's singular, and, after "les" (where every 2nd singular verb form
        looks like a plural noun), a verb-phrase adverb right after it.
        """
        if not self.ARTICLE_ONLY.match(co.group(1)):
            return True
        if not _is_verb(co.group(2).lower()):
            return False
        if co.group(1).strip().lower() == "les":
            return self.VERB_ADVERB_NEXT.match(text, co.end()) is not None
        return True

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        for m in self.PLEASE.finditer(text):
            out.append(Edit(m.start(), m.end(), m.group(0), "s'il vous plaît", self.id + ".please", "s'il vous plaît"))
        imperatives: list[int] = []  # offsets of the imperatives converted so far
        coordinated: list[int] = []  # verbs converted with the subject tu they share
        text_tu: bool | None = None  # whether the text addresses the reader with tu (computed on demand)
        # inversion and hyphenated imperatives: peux-tu, dis-moi, assure-toi
        for m in self.INVERSION.finditer(text):
            verb, clitic = m.group(1), m.group(2)
            cl = clitic.lower()
            if cl == "tu":
                new = to_vous(verb)
                if new:
                    out.append(Edit(m.start(), m.end(2), m.group(0)[: m.end(2) - m.start()],
                                    f"{_verb_out(verb, new)}-vous", self.id + ".inversion", "peux-tu -> pouvez-vous"))
                continue
            # imperative + pronoun: only when the verb is not already plural
            vl = verb.lower()
            if vl.endswith("ez") or vl in VOUS_FORMS or vl in ("a", "est", "dit", "fait", "ont", "sont", "peut"):
                continue
            if verb[:1].isupper() and not at_sentence_start(text, m.start()):
                continue
            new = to_vous(verb, imperative=True)
            if not new or new == verb.lower():
                continue
            rest = m.group(0)[len(verb) :]
            rest = self.TOI.sub("-vous", rest)
            rest = self.TE.sub("-vous", rest)
            out.append(Edit(m.start(), m.end(), m.group(0), _verb_out(verb, new) + rest, self.id + ".imperative",
                            "imperative 2nd singular -> 2nd plural"))
            imperatives.append(m.start())
        # subject tu + clitics + verb
        for m in self.SUBJECT.finditer(text):
            tu, sp, clitics, verb = m.group(1), m.group(2), m.group(3), m.group(4)
            vl = verb.lower()
            if vl in NOT_VERB:
                continue
            new = to_vous(vl)
            new_cl = self.TE_CLITIC.sub("vous ", clitics)
            new_cl = self.T_CLITIC.sub("vous ", new_cl)
            pron = "Vous" if tu[0] == "T" else "vous"
            if new is None:
                ctx.flag(f"verb {verb!r} after 'tu' at offset {m.start()} not recognised; check the agreement")
                out.append(Edit(m.start(1), m.end(1), tu, pron, self.id + ".pronoun", "tu -> vous", unsure=True))
                continue
            after = pron + sp + new_cl + _verb_out(verb, new)
            out.append(Edit(m.start(), m.end(), m.group(0), after, self.id + ".subject", "tu + verb -> vous + verb"))
            # "tu y vas et dis ...": a verb coordinated without its own subject shares tu (Le Bon Usage § 269)
            e = m.end()
            co = self.COORD_VERB.match(text, e) if (
                text.find(" et ", e, e + 40) >= 0 or text.find(" ou ", e, e + 40) >= 0
            ) else None
            if co is not None and not self._coord_verb_reading(text, co):
                co = None
            if co is not None:
                v2 = co.group(2)
                new2 = to_vous(v2.lower()) if v2.lower().endswith(("s", "x")) and _is_verb(v2.lower()) else None
                if new2:
                    new_cl2 = self.T_CLITIC.sub("vous ", self.TE_CLITIC.sub("vous ", co.group(1)))
                    out.append(Edit(co.start(1), co.end(2), co.group(1) + v2, new_cl2 + _verb_out(v2, new2),
                                    self.id + ".subject", "verb coordinated with tu -> 2nd plural"))
                    coordinated.append(co.start(2))
        # bare tu (no verb matched, e.g. "et tu ?") -> vous
        for m in self.BARE_TU.finditer(text):
            out.append(Edit(m.start(), m.end(), m.group(0), match_case(m.group(0), "vous"), self.id + ".pronoun",
                            "tu -> vous"))
        # bare imperatives at the start of a clause: "Passe une bonne journée", "Profite de ton séjour"
        for m in self.IMPERATIVE.finditer(text):
            w = m.group(1)
            wl = w.lower()
            if wl not in COMMON_IMPERATIVES:
                # "Ne retournes pas ...": a negated verb opening a clause without a subject is an imperative
                # (French needs a subject except in the imperative: Le Bon Usage § 232), often written with
                # the -s of the indicative
                if not wl.endswith(("e", "es")):
                    continue
                st = m.start()
                if not (
                    text[st - 3 : st] in ("ne ", "Ne ") and self.NEG_START.search(text, max(0, st - 12), st)
                    and self.NEG_AFTER.match(text, m.end())
                    and any(_lemma(x).lower().endswith("er") for x in (wl, wl.removesuffix("s")))
                ):
                    continue
            else:
                st = m.start()
            if coordinated and st in coordinated:
                continue
            if st and text[st - 1] != "\n" and not self.IMP_BEFORE.search(text, max(0, st - 40), st):
                continue  # not at the start of a line, sentence or clause
            nxt = text[m.end() : m.end() + 12].lstrip().lower()
            if nxt.startswith(("je ", "j'", "tu ", "il ", "elle ", "on ", "nous ", "vous ", "ils ", "elles ", "-")):
                continue
            clause = self.CLAUSE_END.split(text[m.start() :], maxsplit=1)[0].lower()
            evidence = bool(self.EVIDENCE.search(clause))
            # a clause-initial verb without a subject is an imperative (Le Bon Usage § 232); when the text
            # addresses the reader with tu elsewhere, the imperative is a tu-imperative too
            # (the next word must open a verb phrase - an object, a preposition, an adverb - so that a noun
            # such as "Excuse peu crédible" or "Demande envoyée" is left alone)
            if not evidence and wl not in NOT_IMPERATIVE and self.VP_NEXT.match(text, m.end()):
                if text_tu is None:
                    text_tu = bool(self.BARE_TU.search(text)) or bool(self.EVIDENCE_TU.search(text))
                evidence = text_tu
            before = text[max(0, m.start() - 20) : m.start()]
            neg = self.NEG.search(before)
            if neg and not at_sentence_start(text, m.start() - len(neg.group(0))) and not before[
                : -len(neg.group(0))
            ].rstrip().endswith((",", "«", "\"")):
                continue
            ends_bang = text[m.start() : m.start() + len(clause) + 1].endswith("!")
            if text[st - 3 : st] in ("et ", "ou ") and self.COORD_BEFORE.search(text, max(0, st - 4), st):
                # "que quelqu'un t'appelle et jette ...": after et/ou the verb shares the subject of the
                # verb before it; it is an imperative only next to another imperative of the sentence
                sent_start = max((k.end() for k in self.CLAUSE_END.finditer(text, 0, st)), default=0)
                if not any(sent_start <= p < st for p in imperatives):
                    continue
            if wl in NOT_IMPERATIVE and not evidence:
                continue
            if not (evidence or ends_bang or wl in ("passe", "profite", "écoute", "regarde", "attends")
                    or self.EXHORT.search(text, max(0, st - 12), st)):
                continue
            new = to_vous(wl, imperative=True)
            if new:
                out.append(Edit(m.start(1), m.end(1), w, _verb_out(w, new), self.id + ".imperative",
                                "imperative 2nd singular -> 2nd plural"))
                imperatives.append(m.start())
        for m in self.OBJECT.finditer(text):
            if m.group(1):
                out.append(Edit(m.start(1), m.end(1), m.group(1), match_case(m.group(1), "vous"), self.id + ".object",
                                "te -> vous"))
            elif m.group(2):
                end = m.end(0) + 1 if text[m.end(0) : m.end(0) + 1] in ("'", "’") else m.end(0)
                out.append(Edit(m.start(2), end, text[m.start(2) : end], match_case(m.group(2), "vous") + " ",
                                self.id + ".object", "t' -> vous"))
            elif m.group(3):
                s, e = m.start(3), m.end(3)
                out.append(Edit(s, e, m.group(3), match_case(m.group(3), "vous"), self.id + ".object", "toi -> vous"))
        for m in self.POSS.finditer(text):
            w = m.group(0)
            out.append(Edit(m.start(), m.end(), w, match_case(w, POSSESSIVE[w.lower()]), self.id + ".possessive",
                            "ton/ta/tes -> votre/vos"))
        for m in self.STRESS.finditer(text):
            w = m.group(2)
            art = m.group(1)
            new_art = art
            out.append(Edit(m.start(), m.end(), m.group(0), f"{new_art} {STRESSED[w.lower()]}", self.id + ".stressed",
                            "le tien -> le vôtre"))
        return out


GREETING = RegexRule(
    "fr.greeting",
    r"(?m)^[ \t]*\K(?:Salut|Coucou|Hello|Hey)(?=[ \t]*[,!]?[ \t]*\n|[ \t]+\p{Lu}\p{Ll}+[ \t]*[,!]?[ \t]*\n)",
    "Bonjour",
    "a formal greeting line",
)
CLOSING = RegexRule(
    "fr.closing",
    r"(?m)^[ \t]*\K(?:Bisous|Bises|Grosses\s+bises|À\s+plus|A\s+plus|À\+|A\+|Ciao|Tchao|@\+|Bonne\s+journée)"
    r"(?=[ \t]*[,!.]?[ \t]*$)",
    "Cordialement",
    "the standard business closing",
)
SOFTEN_IMPERATIVE = RegexRule(
    "fr.soften.imperative",
    r"(?m)(?:^|(?<=[.!?]\s))(?!Veuillez\b)(\p{Lu}\p{Ll}+ez)(?=\s)(?![^.!?\n]*\?)",
    lambda m, t, c: "Veuillez " + m.group(1)[0].lower() + m.group(1)[1:-2] + "er",
    "a bare imperative becomes 'Veuillez' + infinitive",
)


class French(CultureRules):
    """French (fr-FR, fr-CA, fr-BE, fr-CH): vous for customers by default.

    References:
        Grevisse & Goosse, Le Bon Usage (2016) §§ 655-657, 791-803; Bescherelle, La conjugaison pour
        tous (2019); Académie française, "Dire, ne pas dire"; OQLF, Banque de dépannage linguistique.
    """

    language = "fr"
    default_formality = "formal"
    references = (
        "Grevisse & Goosse, Le Bon Usage, 16th ed. (2016), §§ 655-657, 791-803",
        "Bescherelle, La conjugaison pour tous (Hatier, 2019)",
        "Académie française, 'Dire, ne pas dire' (formules de politesse)",
        "OQLF, Banque de dépannage linguistique, 'Formules de salutation'",
    )
    to_formal = (GREETING, CLOSING, TuToVous())
    to_informal = ()
    soften = (SOFTEN_IMPERATIVE,)
    markers = (
        marker("fr.register.tu", r"(?<![\p{L}'’-])(?:tu|te|toi|ton|ta|tes|t['’])(?![\p{L}'’])", "informal",
               "informal address (tu)", flags=regex.I),
        marker("fr.register.vous", r"(?<![\p{L}'’-])(?:vous|votre|vos)(?![\p{L}'’])", "formal",
               "formal address (vous)", flags=regex.I),
    )


Rules = French
