"""German verb agreement for the du -> Sie rewrite (2nd person singular/plural -> 3rd person plural).

The finite verb agreeing with *du* becomes the 3rd person plural, which for every verb except
*sein* equals the infinitive in the present tense (``machst`` -> ``machen``, ``gibst`` -> ``geben``)
and ends in ``-en``/``-n`` in the preterite and subjunctive II (``machtest`` -> ``machten``,
``könntest`` -> ``könnten``, ``gingst`` -> ``gingen``). The lemma comes from ``simplemma`` (shipped
data, no download); irregular forms come from the table below. The reverse direction (infinitive
-> 2nd person singular) uses the same table plus the regular pattern.

References:
    Duden - Die Grammatik, 9th ed. (2016), §§ 626-650 (Konjugation), § 639 (e-Erweiterung nach
    -d/-t), § 641 (Wechsel e/i(e) in der 2./3. Person Singular), § 643 (Umlaut bei starken Verben).
    canoo.net / Duden online conjugation tables for the irregular forms.
"""

from __future__ import annotations

import functools

__all__ = [
    "IMPERATIVE",
    "SECOND_SG",
    "THIRD_PL",
    "imperative_infinitive",
    "is_second_singular",
    "to_second_singular",
    "to_third_plural",
]

# 2nd person singular -> 3rd person plural, for forms the regular rule gets wrong.
THIRD_PL: dict[str, str] = {
    "bist": "sind", "warst": "waren", "wärst": "wären", "wärest": "wären", "seist": "seien",
    "hast": "haben", "hattest": "hatten", "hättest": "hätten",
    "wirst": "werden", "wurdest": "wurden", "würdest": "würden",
    "kannst": "können", "konntest": "konnten", "könntest": "könnten",
    "darfst": "dürfen", "durftest": "durften", "dürftest": "dürften",
    "musst": "müssen", "mußt": "müssen", "musstest": "mussten", "müsstest": "müssten",
    "sollst": "sollen", "solltest": "sollten",
    "willst": "wollen", "wolltest": "wollten",
    "magst": "mögen", "mochtest": "mochten", "möchtest": "möchten",
    "weißt": "wissen", "weisst": "wissen", "wusstest": "wussten", "wüsstest": "wüssten",
    "tust": "tun", "tatest": "taten", "tätest": "täten", "tatst": "taten",
    "isst": "essen", "ißt": "essen", "nimmst": "nehmen", "liest": "lesen", "siehst": "sehen",
    "vergisst": "vergessen", "misst": "messen", "frisst": "fressen", "trittst": "treten",
    "lässt": "lassen", "läßt": "lassen", "hältst": "halten", "rätst": "raten", "lädst": "laden",
    "gibst": "geben", "hilfst": "helfen", "sprichst": "sprechen", "triffst": "treffen",
    "brichst": "brechen", "wirfst": "werfen", "stirbst": "sterben", "empfiehlst": "empfehlen",
    "fährst": "fahren", "läufst": "laufen", "schläfst": "schlafen", "trägst": "tragen",
    "fängst": "fangen", "wäschst": "waschen", "gehst": "gehen", "stehst": "stehen",
    "kommst": "kommen", "bekommst": "bekommen", "weiß": "wissen",
}

# Irregular imperative singular -> infinitive (regular: stem or stem+e -> stem+en).
IMPERATIVE: dict[str, str] = {
    "sei": "sein", "hab": "haben", "habe": "haben", "werd": "werden", "werde": "werden",
    "gib": "geben", "nimm": "nehmen", "sieh": "sehen", "lies": "lesen", "hilf": "helfen",
    "iss": "essen", "vergiss": "vergessen", "sprich": "sprechen", "tritt": "treten", "triff": "treffen",
    "wirf": "werfen", "brich": "brechen", "empfiehl": "empfehlen", "miss": "messen",
    "tu": "tun", "tue": "tun", "lass": "lassen", "lasse": "lassen", "schau": "schauen",
}

# Infinitive -> 2nd person singular present, where the regular pattern fails.
SECOND_SG: dict[str, str] = {v: k for k, v in THIRD_PL.items() if not k.endswith(("test", "tst")) and k not in (
    "wärst", "wärest", "seist", "mußt", "weisst", "ißt", "läßt", "warst", "tatst")}
SECOND_SG.update({"sein": "bist", "haben": "hast", "werden": "wirst", "wissen": "weißt", "tun": "tust"})

_NOT_VERBS = frozenset({
    "fast", "selbst", "erst", "sonst", "meist", "zuerst", "zuletzt", "best", "nächst", "höchst", "längst",
    "jüngst", "einst", "angst", "lust", "last", "rest", "test", "post", "gast", "kunst", "dienst", "herbst",
    "august", "obst", "geist", "frost", "durst", "wurst", "brust", "fest", "west", "ost", "nest", "list",
    "mist", "frist", "christ", "samstag", "zumindest", "mindest", "wenigst", "gerust", "just", "ernst",
    "verlust", "bewusst", "sonnst", "umsonst", "zunächst", "meistens", "künftig", "bist",
})

_VOWEL_SHIFT = (("äu", "au"), ("ie", "e"), ("ä", "a"), ("i", "e"), ("ö", "o"), ("ü", "u"))


@functools.lru_cache(maxsize=8192)
def _lemma(word: str) -> str:
    import simplemma

    return str(simplemma.lemmatize(word, lang="de"))


def _shift(stem: str) -> str:
    for a, b in _VOWEL_SHIFT:
        stem = stem.replace(a, b)
    return stem


@functools.lru_cache(maxsize=8192)
def to_third_plural(word: str, *, strict: bool = True) -> str | None:
    """The 3rd person plural of a 2nd person singular form (lower case), or ``None``.

    With ``strict`` the word must lemmatise to a verb; otherwise the regular pattern is applied to
    any word ending in ``-st`` (use only right next to *du*).

    >>> [to_third_plural(w) for w in ("machst", "arbeitest", "gibst", "fährst", "machtest", "gingst", "fast")]
    ['machen', 'arbeiten', 'geben', 'fahren', 'machten', 'gingen', None]
    """
    w = word.lower()
    if w in _NOT_VERBS and w != "bist":
        return None
    if w in THIRD_PL:
        return THIRD_PL[w]
    for irr, full in THIRD_PL.items():  # prefixed irregulars: abgibst, mitnimmst, verlässt
        if len(w) > len(irr) + 1 and w.endswith(irr) and irr not in ("bist", "hast", "isst", "tust"):
            pre = w[: -len(irr)]
            if pre.isalpha():
                return pre + full
    if not w.endswith(("st", "ßt", "zt", "xt")):
        return None
    lemma = _lemma(w).lower()
    if w.endswith("st"):
        stripped = w[:-2]
    elif w.endswith(("ßt", "zt", "xt", "sst")):
        stripped = w[:-1]
    else:
        return None
    looks_verb = lemma != w and lemma.endswith("n")
    if looks_verb:
        if lemma.startswith((stripped, _shift(stripped))) or _shift(lemma).startswith(_shift(stripped)):
            return lemma
        # preterite / subjunctive II: machte-st -> machte-n, ging-st -> ging-en
        if not w.endswith("st") or (w.startswith("ge") and not lemma.startswith("ge")):
            return None  # participles (gesetzt, gewusst) are not finite
        return stripped + "n" if stripped.endswith("e") else stripped + "en"
    if strict:
        return None
    if w.endswith(("elst", "erst")) and len(w) > 5:
        return w[:-2] + "n"
    if w.endswith("est"):
        return w[:-3] + "en"
    if w.endswith(("ßt", "zt", "xt")):
        return w[:-1] + "en"
    return stripped + "en"


def is_second_singular(word: str) -> bool:
    """Whether *word* (lower case) looks like a 2nd person singular verb form."""
    return to_third_plural(word) is not None


@functools.lru_cache(maxsize=4096)
def imperative_infinitive(word: str, *, known_only: bool = False) -> str | None:
    """The infinitive of an imperative singular (``schick`` -> ``schicken``), or ``None``.

    >>> imperative_infinitive("melde"), imperative_infinitive("gib"), imperative_infinitive("genieß")
    ('melden', 'geben', 'genießen')
    """
    w = word.lower()
    if w in IMPERATIVE:
        return IMPERATIVE[w]
    if known_only or len(w) < 2:
        return None
    lemma = _lemma(w).lower()
    if (lemma in (w + "n", w + "en") or (w.endswith("e") and lemma == w[:-1] + "en")) and lemma.endswith(
        ("eln", "ern", "en")
    ):
        return lemma
    if lemma.endswith(("eln", "ern")) and lemma == w + "rn":
        return lemma
    return None


def to_second_singular(infinitive: str) -> str | None:
    """The 2nd person singular present of an infinitive (``haben`` -> ``hast``), or ``None``.

    >>> [to_second_singular(w) for w in ("haben", "arbeiten", "geben", "reisen", "ändern")]
    ['hast', 'arbeitest', 'gibst', 'reist', 'änderst']
    """
    w = infinitive.lower()
    if w in SECOND_SG:
        return SECOND_SG[w]
    for inf, sg in SECOND_SG.items():
        if len(w) > len(inf) + 1 and w.endswith(inf) and inf not in ("sein", "tun"):
            return w[: -len(inf)] + sg
    if w.endswith(("eln", "ern")):
        return w[:-1] + "st"
    if not w.endswith("en"):
        return None
    stem = w[:-2]
    if stem.endswith(("d", "t", "chn", "ffn", "gn", "dm", "tm")):
        return stem + "est"
    if stem.endswith(("s", "ß", "z", "x")):
        return stem + "t"
    return stem + "st"
