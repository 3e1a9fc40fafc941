"""Latvian (lv) tone rules: tu -> jūs with verb agreement, possessives and imperatives.

Latvian distinguishes familiar *tu* from polite *jūs* (plural form, used to one person as well).
With *jūs* the verb takes the 2nd person plural: present -at/-āt/-ājat (tu vari -> jūs varat,
tu runā -> jūs runājat), future -siet (tu saņemsi -> jūs saņemsiet), past -āt (tu saņēmi -> jūs
saņēmāt), reflexive -aties (tu vēlies -> jūs vēlaties), and the imperative -iet (pārbaudi ->
pārbaudiet, piesakies -> piesakieties). Possessives *tavs, tava, tavu, tavā...* become the
indeclinable *jūsu*. In letters and support replies to one customer the pronoun is often
capitalised (*Jūs, Jums, Jūsu*); this module writes lower case by default (set
``Latvian(capitalise=True)`` for correspondence style).

Verb forms come from :data:`PRESENT_2SG` (the 2nd person singular and plural of frequent support
verbs, written out per conjugation) and from the regular future and past endings; a verb that is
next to *tu* but not in the table is flagged for review rather than guessed. A subject-less clause
after a relative pronoun or conjunction (*kodu, ko saņēmi* -> *ko saņēmāt*; *vai saņēmi*) is made plural
only for the forms of :data:`PRODROP_2SG`, which can only be 2nd singular (Nau 1998 § 5: the 3rd person
of 2nd/3rd-conjugation verbs ends in -a/-ā/-o/-ē). The copula before a post-verbal *tu* becomes *esat*
(*Vai tas ir tu?* -> *Vai tas esat jūs?*: the verb agrees with the pronoun, Kalnača & Lokmane 2021, ch. 6).

Formal -> informal is not done (*jūs* is also the plural "you"); the text comes back unchanged.

References:
    Nau, Nicole. *Latvian*. Languages of the World/Materials 217. München: Lincom Europa, 1998 —
    § 4.3 (personal pronouns, *jūs* as polite singular), § 5 (verb conjugations I-III, present,
    past, future, imperative endings).
    Kalnača, Andra & Ilze Lokmane. *Latvian Grammar*. Riga: University of Latvia Press, 2021 —
    ch. 5.2 (pronouns and politeness), ch. 6 (verb paradigms, reflexive -ties, imperative -iet).
    Latviešu valodas aģentūra (Latvian Language Agency), *Lietišķo rakstu valoda* (guidance on
    business letters), 2019 — capitalised *Jūs/Jums/Jūsu* addressing one person in letters.
"""

from __future__ import annotations

from typing import ClassVar

import regex

from toneloc.rules._base import (
    CultureRules,
    Edit,
    Marker,
    Rule,
    RuleContext,
    compile_rx,
    marker,
    match_case,
    word_pattern,
)

__all__ = ["PRESENT_2SG", "Latvian", "Rules"]

PRONOUNS: dict[str, str] = {
    "tu": "jūs",
    "tevi": "jūs",
    "tev": "jums",
    "tevis": "jūsu",
    "tevī": "jūsos",
    "tevim": "jums",
    "sev": "sev",
}
POSSESSIVES = (
    "tavs",
    "tava",
    "tavu",
    "tavi",
    "tavas",
    "tavam",
    "tavai",
    "taviem",
    "tavām",
    "tavā",
    "tavos",
    "tavās",
    "tavējais",
    "tavējā",
    "tavējo",
)

# 2nd person singular present -> 2nd person plural present, by conjugation (Nau 1998 § 5).
PRESENT_2SG: dict[str, str] = {
    # irregular and 1st conjugation
    "esi": "esat",
    "ej": "ejat",
    "dod": "dodat",
    "nāc": "nākat",
    "ņem": "ņemat",
    "saņem": "saņemat",
    "pieņem": "pieņemat",
    "liec": "liekat",
    "ievieto": "ievietojat",
    "sūti": "sūtāt",
    "raksti": "rakstāt",
    "pērc": "pērkat",
    "maksā": "maksājat",
    "samaksā": "samaksājat",
    "atrod": "atrodat",
    "var": "var",
    "vari": "varat",
    "gribi": "gribat",
    "zini": "zināt",
    "dari": "darāt",
    "redzi": "redzat",
    "dzirdi": "dzirdat",
    "saproti": "saprotat",
    "runā": "runājat",
    "strādā": "strādājat",
    "lieto": "lietojat",
    "izmanto": "izmantojat",
    "dzīvo": "dzīvojat",
    "domā": "domājat",
    "jautā": "jautājat",
    "gaidi": "gaidāt",
    "meklē": "meklējat",
    "atceries": "atceraties",
    "vēlies": "vēlaties",
    "gribētu": "gribētu",
    "mēģini": "mēģināt",
    "turpini": "turpināt",
    "saki": "sakāt",
    "teic": "teicat",
    "lasi": "lasāt",
    "pārbaudi": "pārbaudāt",
    "piezvani": "piezvanāt",
    "zvani": "zvanāt",
    "apstiprini": "apstiprināt",
    "atcel": "atceļat",
    "maini": "maināt",
    "nomaini": "nomaināt",
    "ievadi": "ievadāt",
    "izvēlies": "izvēlaties",
    "piesakies": "piesakāties",
    "reģistrējies": "reģistrējaties",
    "sazinies": "sazināties",
    "interesējies": "interesējaties",
    "uztraucies": "uztraucaties",
    "jūties": "jūtaties",
    "saņēmi": "saņēmāt",
    "biji": "bijāt",
    "nosūti": "nosūtāt",
    "pasūti": "pasūtāt",
    "atgriez": "atgriežat",
    "aizmirsi": "aizmirsāt",
    "palīdzi": "palīdzat",
    "mīli": "mīlat",
    "patīk": "patīk",
    "vajag": "vajag",
    "tici": "ticat",
    "ceri": "cerat",
    "atbildi": "atbildat",
    "aizpildi": "aizpildāt",
    "lejupielādē": "lejupielādējat",
    "instalē": "instalējat",
    "atjaunini": "atjaunināt",
    "restartē": "restartējat",
    "atver": "atverat",
    "aizver": "aizverat",
    "klikšķini": "klikšķināt",
    "spied": "spiežat",
    "nospied": "nospiežat",
    "iet": "ejat",
}
"""2nd person singular -> plural of frequent support verbs (present; the -i past of *saņemt/būt/aizmirst*)."""

PRODROP_2SG = frozenset(
    [k for k in PRESENT_2SG if k.endswith(("i", "ies"))]
    + ["esi", "ej", "nāc", "liec", "pērc", "spied", "nospied", "atcel", "atgriez"]
)
"""Forms of :data:`PRESENT_2SG` that can only be 2nd singular (3rd person ends in -a/-ā/-o/-ē or differs), so
they are made plural even without *tu* in a subject-less clause ("kodu, ko saņēmi" -> "ko saņēmāt")."""

# 2nd person singular imperative -> plural imperative (-iet; reflexive -ieties).
IMPERATIVE_2SG: dict[str, str] = {
    "pārbaudi": "pārbaudiet",
    "piezvani": "piezvaniet",
    "zvani": "zvaniet",
    "raksti": "rakstiet",
    "sūti": "sūtiet",
    "nosūti": "nosūtiet",
    "atsūti": "atsūtiet",
    "gaidi": "gaidiet",
    "uzgaidi": "uzgaidiet",
    "pagaidi": "pagaidiet",
    "nāc": "nāciet",
    "ej": "ejiet",
    "dod": "dodiet",
    "saki": "sakiet",
    "pasaki": "pasakiet",
    "runā": "runājiet",
    "ievadi": "ievadiet",
    "izvēlies": "izvēlieties",
    "piesakies": "piesakieties",
    "sazinies": "sazinieties",
    "reģistrējies": "reģistrējieties",
    "atceries": "atcerieties",
    "mēģini": "mēģiniet",
    "pamēģini": "pamēģiniet",
    "apstiprini": "apstipriniet",
    "atjaunini": "atjauniniet",
    "restartē": "restartējiet",
    "lejupielādē": "lejupielādējiet",
    "instalē": "instalējiet",
    "atver": "atveriet",
    "aizver": "aizveriet",
    "spied": "spiediet",
    "nospied": "nospiediet",
    "klikšķini": "klikšķiniet",
    "aizpildi": "aizpildiet",
    "lasi": "lasiet",
    "izlasi": "izlasiet",
    "paskaties": "paskatieties",
    "skaties": "skatieties",
    "pieraksti": "pierakstiet",
    "nomaini": "nomainiet",
    "maini": "mainiet",
    "atceli": "atceliet",
    "atcel": "atceliet",
    "samaksā": "samaksājiet",
    "maksā": "maksājiet",
    "lieto": "lietojiet",
    "izmanto": "izmantojiet",
    "palīdzi": "palīdziet",
    "atbildi": "atbildiet",
    "uzraksti": "uzrakstiet",
    "neuztraucies": "neuztraucieties",
    "piedod": "piedodiet",
    "atvaino": "atvainojiet",
    "klausies": "klausieties",
    "turpini": "turpiniet",
    "ņem": "ņemiet",
    "paņem": "paņemiet",
    "liec": "lieciet",
    "ieliec": "ielieciet",
    "pievieno": "pievienojiet",
    "dzēs": "dzēsiet",
    "izdzēs": "izdzēsiet",
    "saglabā": "saglabājiet",
    "atjauno": "atjaunojiet",
    "pārlādē": "pārlādējiet",
    "pieslēdzies": "pieslēdzieties",
    "atslēdz": "atslēdziet",
    "pieslēdz": "pieslēdziet",
}
"""Imperatives (2nd singular -> 2nd plural) a support reply uses (Kalnača & Lokmane 2021, ch. 6)."""

GREETINGS: dict[str, str] = {
    "čau": "labdien",
    "sveiks": "labdien",
    "sveika": "labdien",
    "sveiki": "labdien",
    "paldies tev": "paldies jums",
    "atā": "visu labu",
    "uz redzi": "uz redzēšanos",
}

_L = r"[\p{L}\p{M}]"
_B = rf"(?<!{_L})"
_E = rf"(?!{_L})"
_PRONOUN_NEXT = compile_rx(r"\s+(?:tu|jūs)" + _E, regex.I)
_SENT_BREAK = compile_rx(r"[.!?\n]")
_VERBISH = compile_rx(r"\p{L}+(?:i|ā|ē|o|ies)")


def _plural(verb: str) -> str | None:
    """2nd plural of a 2nd singular verb form: table, then regular future (-si) and past (-ji) endings."""
    low = verb.lower()
    if low.startswith("ne") and low[2:] in PRESENT_2SG:
        return verb[:2] + PRESENT_2SG[low[2:]]
    if low in PRESENT_2SG:
        return PRESENT_2SG[low]
    if low.endswith("siet"):
        return None
    if low.endswith("si") and len(low) >= 4:  # future: saņemsi -> saņemsiet, būsi -> būsiet
        return verb + "et"
    if low.endswith(("āji", "ēji", "īji", "oji")):  # past: runāji -> runājāt, varēji -> varējāt
        return verb[:-1] + "āt"
    if low.endswith("sies") and len(low) > 5:  # reflexive future: reģistrēsies -> reģistrēsieties
        return verb[:-3] + "ieties"
    return None


class PronounRule:
    """tu/tevi/tev -> jūs/jūs/jums; tavs/tava/tavu... -> jūsu."""

    id = "lv.tu-jus.pronoun"
    explanation = "customers are addressed with the polite plural jūs"

    def __init__(self, capitalise: bool) -> None:
        self.capitalise = capitalise
        self._pat = compile_rx(word_pattern(*PRONOUNS, *POSSESSIVES), regex.I | regex.V1)

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        for m in self._pat.finditer(text):
            w = m.group(0)
            low = w.lower()
            if low == "sev":
                continue
            after = "jūsu" if low in POSSESSIVES else PRONOUNS[low]
            if low == "tevis" and regex.search(
                r"(?:^|\s)(?:bez|no|pie|uz|līdz|priekš|pēc|pirms|virs|zem|aiz|starp)\s+$",
                text[max(0, m.start() - 8) : m.start()],
                regex.I | regex.V1,
            ):
                after = "jums"  # prepositions take the dative in the plural: bez tevis -> bez jums
            after = after.capitalize() if self.capitalise else match_case(w, after)
            out.append(Edit(m.start(), m.end(), w, after, self.id, self.explanation))
        return out


class VerbAgreementRule:
    """The verb next to tu (tu vari / vai tu vari) takes the 2nd plural (jūs varat)."""

    id = "lv.tu-jus.verb"
    explanation = "with jūs the verb takes the 2nd person plural ending"
    _after = compile_rx(
        _B
        + r"(?:tu)\s+(?:(?:arī|jau|vēl|tiešām|nekad|vienmēr|šodien|tagad"
        + r"|to|tos|tās|mums|man|tam|viņu|viņam|viņai)\s+)?("  # adverbs and object pronouns before the verb
        + _L
        + r"+)"
        + _E,
        regex.I | regex.V1,
    )
    _before = compile_rx(_B + r"(" + _L + r"+)\s+tu" + _E, regex.I | regex.V1)
    # a subject-less clause after a relative pronoun or conjunction: "kodu, ko saņēmi" (pro-drop 2sg)
    _prodrop = compile_rx(
        _B
        + r"(?:ko|kuru|kuras|kurus|kuram|ja|kad|kā|jo|ka|kamēr|tiklīdz|vai)\s+("
        + _L
        + r"+)"
        + _E
        + r"(?!\s+tu"
        + _E
        + ")",
        regex.I | regex.V1,
    )

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        # the forms in PRODROP_2SG are 2nd singular only, so they mark familiar address by themselves
        for m in self._prodrop.finditer(text):
            verb = m.group(1)
            low = verb.lower()
            key = low[2:] if low.startswith("ne") and low[2:] in PRODROP_2SG else low
            if key in PRODROP_2SG:
                plural = ("ne" + PRESENT_2SG[key]) if key != low else PRESENT_2SG[key]
                out.append(Edit(m.start(1), m.end(1), verb, match_case(verb, plural), self.id, self.explanation))
        for pat in (self._after, self._before):
            for m in pat.finditer(text):
                verb = m.group(1)
                if pat is self._before and verb.lower() == "ir":
                    # "Tur ir tu un ...", "Vai tas ir tu?": with a post-verbal jūs the copula is esat
                    out.append(Edit(m.start(1), m.end(1), verb, match_case(verb, "esat"), self.id, self.explanation))
                    continue
                if verb.lower() in (
                    "vai",
                    "ja",
                    "kad",
                    "ko",
                    "kā",
                    "kur",
                    "kāpēc",
                    "un",
                    "bet",
                    "ka",
                    "arī",
                    "jau",
                    "tu",
                ):
                    continue
                after = _plural(verb)
                if after is None:
                    if pat is self._after and _VERBISH.fullmatch(verb):
                        ctx.flag(
                            f"verb {verb!r} after 'tu' is not in the Latvian agreement table: check its 2nd plural"
                        )
                    continue
                out.append(Edit(m.start(1), m.end(1), verb, match_case(verb, after), self.id, self.explanation))
        return out


class ImperativeRule:
    """Imperative 2nd singular -> 2nd plural (pārbaudi -> pārbaudiet) where it opens a clause."""

    id = "lv.tu-jus.imperative"
    explanation = "a request to a customer uses the plural imperative (-iet)"
    _pat = compile_rx(r"(?:(?<=^)|(?<=[.!?,;:]\s*)|(?<=\blūdzu\s+)|(?<=\n))(" + _L + r"+)" + _E, regex.I | regex.V1)

    _coord = compile_rx(r"(?<=" + _B + r"un\s+)(" + _L + r"+)" + _E, regex.I | regex.V1)

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        for m in self._pat.finditer(text):
            w = m.group(1)
            low = w.lower()
            neg = low.startswith("ne") and low[2:] in IMPERATIVE_2SG
            key = low[2:] if neg else low
            if key not in IMPERATIVE_2SG:
                continue
            if _PRONOUN_NEXT.match(text, m.end()):
                continue  # "Vari tu ..." is a question, handled by the agreement rule
            after = ("ne" if neg else "") + IMPERATIVE_2SG[key]
            out.append(Edit(m.start(1), m.end(1), w, match_case(w, after), self.id, self.explanation))
        # a coordinated imperative after one already made plural: "Restartē ierīci un mēģini" (same sentence)
        for m in self._coord.finditer(text):
            w = m.group(1)
            key = w.lower()
            if key not in IMPERATIVE_2SG or not any(
                e.end <= m.start() and not _SENT_BREAK.search(text, e.end, m.start()) for e in out
            ):
                continue
            out.append(Edit(m.start(1), m.end(1), w, match_case(w, IMPERATIVE_2SG[key]), self.id, self.explanation))
        return out


class GreetingRule:
    """čau/sveiks -> labdien; paldies tev -> paldies jums."""

    id = "lv.greeting"
    explanation = "formal greetings and closings"
    _pat = compile_rx(word_pattern(*GREETINGS), regex.I | regex.V1)

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        return [
            Edit(
                m.start(),
                m.end(),
                m.group(0),
                match_case(m.group(0), GREETINGS[m.group(0).lower()]),
                self.id,
                self.explanation,
            )
            for m in self._pat.finditer(text)
        ]


class Latvian(CultureRules):
    """Latvian: tu -> jūs with verb agreement.

    >>> from toneloc.tone import rewrite
    >>> rewrite("Vai tu vari pārbaudīt savu e-pastu?", "lv-LV").text
    'Vai jūs varat pārbaudīt savu e-pastu?'
    >>> rewrite("Pārbaudi tavu kontu.", "lv-LV").text
    'Pārbaudiet jūsu kontu.'

    References:
        Nau (1998) *Latvian* §§ 4.3, 5; Kalnača & Lokmane (2021) *Latvian Grammar* ch. 5.2, 6;
        Latviešu valodas aģentūra (2019) *Lietišķo rakstu valoda*. See the module docstring.
    """

    language = "lv"
    references = (
        "Nau, Nicole (1998). Latvian. Lincom Europa — §4.3 pronouns, §5 verb conjugations.",
        "Kalnača, Andra & Lokmane, Ilze (2021). Latvian Grammar. University of Latvia Press — ch. 5.2, 6.",
        "Latviešu valodas aģentūra (2019). Lietišķo rakstu valoda — Jūs/Jums/Jūsu in letters.",
    )
    default_formality = "formal"
    capitalise: ClassVar[bool] = False

    def __init__(self, capitalise: bool | None = None) -> None:
        cap = self.capitalise if capitalise is None else capitalise
        self.to_formal = (  # type: ignore[misc]
            GreetingRule(),
            VerbAgreementRule(),
            ImperativeRule(),
            PronounRule(cap),
        )

    to_formal: ClassVar[tuple[Rule, ...]] = ()
    to_informal: ClassVar[tuple[Rule, ...]] = ()
    markers: ClassVar[tuple[Marker, ...]] = (
        marker(
            "lv.tu", word_pattern("tu", "tevi", "tev", "tevis", *POSSESSIVES), "informal", "familiar tu", flags=regex.I
        ),
        marker("lv.jus", word_pattern("jūs", "jums", "jūsu"), "formal", "polite jūs", flags=regex.I),
    )


Rules = Latvian
