"""Hindi (hi) tone rules: तुम/तू -> आप with verb agreement.

Hindi has three second-person pronouns: intimate तू, familiar तुम and respectful आप. Customer
support addresses every customer with आप, which takes *plural* verb agreement (आप हैं, आप करेंगे)
and the polite subjunctive or -इए imperative (आप करें / कीजिए) instead of the तुम imperative (करो).

What the rules do (informal -> formal):

* pronouns and their fused case forms: तुम/तू -> आप, तुम्हें/तुमको/तुझे -> आपको, तुमने/तूने -> आपने,
  तुमसे/तुझसे -> आपसे, possessives तुम्हारा/ी/े and तेरा/ी/े -> आपका/की/के (gender and case of the
  possessed noun are kept: -ा/-ी/-े map one to one);
* the copula and auxiliary हो -> हैं where तुम/तू is the subject of the clause (तुम करते हो ->
  आप करते हैं, तुम कैसे हो? -> आप कैसे हैं?), but not the verb होना (हो गया, हो सकता);
* future -ओगे/-ओगी -> -एँगे/-एँगी (करोगे -> करेंगे, जाओगे -> जाएँगे);
* imperative -ो/-ओ -> polite subjunctive -ें/-एँ (करो -> करें, बताओ -> बताएँ, दो -> दें) at the end
  of a clause, where no noun reading competes (दो साल "two years" is left alone).

Formal -> informal is not done: आप is also the respectful *third* person ("he/she, honoured"), so
turning it back into तुम cannot be done reliably; the text comes back unchanged.

References:
    Kachru, Yamuna. *Hindi*. London Oriental and African Language Library 12. Amsterdam: John
    Benjamins, 2006 — ch. 4 (pronouns तू/तुम/आप and agreement), ch. 6 (imperatives, -इए and
    subjunctive as polite requests).
    Koul, Omkar N. *Modern Hindi Grammar*. Springfield, VA: Dunwoody Press, 2008 — §§ 5.2 (personal
    pronouns and oblique/fused forms तुम्हें, आपको), 9.3 (imperative: familiar -ओ, polite -इए/-एँ).
    Central Hindi Directorate, *मानक हिंदी वर्तनी* (Standard Hindi orthography), 2016 — spelling of
    एँ/ें endings.
"""

from __future__ import annotations

from typing import ClassVar

import regex

from toneloc.rules._base import CultureRules, Edit, Marker, Rule, RuleContext, WordMapRule, compile_rx, marker

__all__ = ["Hindi", "Rules"]

_W = r"[\p{L}\p{M}\u200c\u200d]"  # a Devanagari word character (letters, matras, ZWJ/ZWNJ)
_NOT_W_BEFORE = rf"(?<!{_W})"
_NOT_W_AFTER = rf"(?!{_W})"

# The pronoun forms and what they become. ZWJ and doubled-anusvara spellings occur in real text.
PRONOUNS: dict[str, str] = {
    "तुम": "आप",
    "तू": "आप",
    "तुम्हें": "आपको",
    "तुम्हेंं": "आपको",
    "तुम्हे": "आपको",
    "तुम्\u200dहें": "आपको",
    "तुमको": "आपको",
    "तुझे": "आपको",
    "तुझको": "आपको",
    "तुमने": "आपने",
    "तूने": "आपने",
    "तुमसे": "आपसे",
    "तुझसे": "आपसे",
    "तुमपर": "आप पर",
    "तुझपर": "आप पर",
    "तुममें": "आपमें",
    "तुझमें": "आपमें",
    "तुम्हीं": "आप ही",
    "तुम्हारा": "आपका",
    "तुम्हारी": "आपकी",
    "तुम्हारे": "आपके",
    "तुम्\u200dहारा": "आपका",
    "तुम्\u200dहारी": "आपकी",
    "तुम्\u200dहारे": "आपके",
    "तेरा": "आपका",
    "तेरी": "आपकी",
    "तेरे": "आपके",
}

SUBJECT_PRONOUNS = ("तुम", "तू")
"""Forms that can be the subject of a finite verb (the dative/ergative forms cannot)."""

# Words after which हो is the verb होना, not the auxiliary of a तुम-clause.
HONA_FOLLOWERS = frozenset(
    [
        "गया",
        "गई",
        "गए",
        "गयी",
        "जाता",
        "जाती",
        "जाते",
        "जाएगा",
        "जाएगी",
        "जाएँगे",
        "जाए",
        "जाएँ",
        "सकता",
        "सकती",
        "सकते",
        "रहा",
        "रही",
        "रहे",
        "चुका",
        "चुकी",
        "चुके",
        "पाता",
        "पाती",
        "पाते",
        "पाया",
        "पाई",
        "कर",
        "के",
        "जा",
    ]
)

# Endings of the participles and modal verbs that take the auxiliary हो only with तुम as subject.
PARTICIPLE_ENDINGS = ("ते", "ती", "रहे", "रही", "चुके", "चुकी", "सकते", "सकती", "पाते", "पाती")
# Perfective forms after which हो is the subjunctive of होना ("शादी हो गई हो").
PERFECTIVE_HONA = frozenset(["गई", "गयी", "गया", "हुई", "हुआ", "हुए"])

# Imperatives whose polite form is not the regular -ो -> -ें / -ओ -> -एँ.
IMPERATIVE_EXCEPTIONS: dict[str, str] = {
    "करो": "करें",
    "चलो": "चलिए",
    "दो": "दें",
    "लो": "लें",
    "पियो": "पिएँ",
    "जियो": "जिएँ",
    "सियो": "सिएँ",
    "हो": "हों",
}

# -ो words that are not imperatives (function words, numbers, loans).
NOT_IMPERATIVE = frozenset(
    [
        "को",
        "तो",
        "जो",
        "वो",
        "सो",
        "यो",
        "दो",
        "हो",
        "लो",
        "नो",
        "गो",
        "ओ",
        "भो",
        "आपको",
        "मुझको",
        "उसको",
        "इसको",
        "किसको",
        "हमको",
        "उनको",
        "इनको",
        "जिसको",
        "जिनको",
        "तुमको",
        "सबको",
        "किसीको",
        "वीडियो",
        "रेडियो",
        "फोटो",
        "फ़ोटो",
        "स्टूडियो",
        "पोर्टफोलियो",
        "हीरो",
        "ज़ीरो",
        "जीरो",
        "मेट्रो",
        "मेमो",
        "लोगो",
        "डेमो",
        "इंडिगो",
        "टैंगो",
        "कीनो",
        "टोरंटो",
        "मेक्सिको",
        "सैन",
        "फ्रांसिस्को",
        "पेसो",
        "यूरो",
        "मीटो",
        "ओंटारियो",
        "टोक्यो",
    ]
)

_SENT = compile_rx(r"[^।?!.\n]*[।?!.\n]?", regex.V1)


def _sentences(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _SENT.finditer(text) if m.end() > m.start()]


_INFORMAL = compile_rx(_NOT_W_BEFORE + r"(?:तुम|तू|तुझ|तेर)", regex.V1)


def addresses_informally(text: str) -> bool:
    """Whether *text* uses तुम/तू forms. Verb rules run only then: a text without them is either
    already formal (आप) or addresses nobody, and its verb forms are left as they are (idempotence).
    """
    return _INFORMAL.search(text) is not None


_SUBJECT_PRONOUN_RX = tuple(compile_rx(_NOT_W_BEFORE + p + _NOT_W_AFTER) for p in SUBJECT_PRONOUNS)
_TUM_TU_RX = compile_rx(_NOT_W_BEFORE + r"(?:तुम|तू)" + _NOT_W_AFTER)
_TU_RX = compile_rx(_NOT_W_BEFORE + r"तू" + _NOT_W_AFTER)


def _has_subject_pronoun(sentence: str) -> bool:
    return any(rx.search(sentence) for rx in _SUBJECT_PRONOUN_RX)


class AuxiliaryAgreementRule:
    """हो -> हैं (and होगे -> होंगे) where तुम/तू is the subject of the sentence."""

    id = "hi.tum-aap.aux"
    explanation = "आप takes plural agreement: the auxiliary हो becomes हैं"
    _ho = compile_rx(_NOT_W_BEFORE + r"हो" + _NOT_W_AFTER + r"(?:\s+(" + _W + r"+))?", regex.V1)

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        if "हो" not in text or not addresses_informally(text):
            return out
        for s, e in _sentences(text):
            sent = text[s:e]
            first = _TUM_TU_RX.search(sent)
            for m in self._ho.finditer(sent):
                nxt = m.group(1)
                if nxt is not None and nxt in HONA_FOLLOWERS:
                    continue
                before = sent[: m.start()].rstrip()
                prev = before.rsplit(None, 1)[-1] if before else ""
                if prev.endswith(PARTICIPLE_ENDINGS) and prev not in PERFECTIVE_HONA:
                    pass  # करते हो, कर रहे हो, कर सकते हो: only तुम takes हो here
                elif first is None or m.start() < first.end() or prev in PERFECTIVE_HONA:
                    continue
                if before.endswith(("न", "ना", "क्या", "चाहे", "जो", "भी बात")):
                    continue  # subjunctive / verb होना: "न हो", "चाहे जो हो"
                start = s + m.start()
                out.append(Edit(start, start + 2, "हो", "हैं", self.id, self.explanation))
        return out


class TuAgreementRule:
    """तू takes the singular copula है; आप takes हैं with a plural participle (तू चाहता है -> आप चाहते हैं).

    Only inside a sentence whose subject is तू, and only for the participle + है/था pattern, so a
    third-person "वह चाहता है" elsewhere is left alone. Feminine -ती stays (आप चाहती हैं).
    Reference: Kachru (2006), ch. 4 (agreement with आप is plural).
    """

    id = "hi.tu-aap.agreement"
    explanation = "आप takes plural agreement: चाहता है -> चाहते हैं, रहा है -> रहे हैं"
    _pat = compile_rx(_NOT_W_BEFORE + r"(" + _W + r"*?)(ता|रहा|गया|सका)(\s+)(है|था)" + _NOT_W_AFTER, regex.V1)
    _plural: ClassVar[dict[str, str]] = {"ता": "ते", "रहा": "रहे", "गया": "गए", "सका": "सके"}
    _aux: ClassVar[dict[str, str]] = {"है": "हैं", "था": "थे"}
    _third = compile_rx(_NOT_W_BEFORE + r"(?:वह|वो|यह|ये|मैं|हम)" + _NOT_W_AFTER, regex.V1)

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        if "तू" not in text:
            return out
        for s, e in _sentences(text):
            sent = text[s:e]
            tu = _TU_RX.search(sent)
            if tu is None:
                continue
            for m in self._pat.finditer(sent, tu.end()):
                if self._third.search(sent, tu.end(), m.start()):
                    break  # another (third-person) subject came in between: leave the rest alone
                a = s + m.start(2)
                out.append(
                    Edit(a, a + len(m.group(2)), m.group(2), self._plural[m.group(2)], self.id, self.explanation)
                )
                b = s + m.start(4)
                out.append(Edit(b, b + len(m.group(4)), m.group(4), self._aux[m.group(4)], self.id, self.explanation))
        return out


class FutureRule:
    """Future 2nd person -ओगे/-ओगी -> 3rd plural -एँगे/-एँगी (करोगे -> करेंगे)."""

    id = "hi.tum-aap.future"
    explanation = "with आप the future takes the plural ending -एँगे/-ेंगे"
    _pat = compile_rx(_NOT_W_BEFORE + r"(" + _W + r"+?)(ओगे|ओगी|ोगे|ोगी)" + _NOT_W_AFTER, regex.V1)
    _special: ClassVar[dict[str, str]] = {"दोगे": "देंगे", "दोगी": "देंगी", "लोगे": "लेंगे", "लोगी": "लेंगी", "होगे": "होंगे"}

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        if not addresses_informally(text):
            return out
        for m in self._pat.finditer(text):
            word = m.group(0)
            if word == "होगी":  # also 3rd person feminine ("it will be")
                continue
            after = self._special.get(word)
            if after is None:
                stem, end = m.group(1), m.group(2)
                after = stem + ("एँ" if end.startswith("ओ") else "ें") + end[-2:]
            out.append(Edit(m.start(), m.end(), word, after, self.id, self.explanation))
        return out


class ImperativeRule:
    """Familiar imperative -ो/-ओ -> polite subjunctive -ें/-एँ at the end of a clause."""

    id = "hi.tum-aap.imperative"
    explanation = "a request to a customer uses the polite form (करो -> करें)"
    _pat = compile_rx(
        _NOT_W_BEFORE + r"(" + _W + r"*?)(ो|ओ)" + _NOT_W_AFTER,
        regex.V1,
    )

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        if not addresses_informally(text):
            return out
        for m in self._pat.finditer(text):
            word = m.group(0)
            after = IMPERATIVE_EXCEPTIONS.get(word)
            if after is None:
                if word in NOT_IMPERATIVE or len(m.group(1)) < 2 or word.endswith("ियो"):
                    continue
                after = m.group(1) + ("ें" if m.group(2) == "ो" else "एँ")
            elif word in ("दो", "लो", "हो"):
                # दो/लो/हो are imperatives only right after an object or verb stem, never clause-first
                k = m.start()  # the last non-space character before the word (a scan: no O(n) slice per match)
                while k and text[k - 1].isspace():
                    k -= 1
                if not k or text[k - 1] in ",।?!." or word == "हो":
                    continue
            out.append(Edit(m.start(), m.end(), word, after, self.id, self.explanation))
        return out


class Hindi(CultureRules):
    """Hindi: तुम/तू -> आप with plural verb agreement and polite imperatives.

    >>> from toneloc.tone import rewrite
    >>> rewrite("तुम कहाँ से ख़रीदारी करते हो?", "hi-IN").text
    'आप कहाँ से ख़रीदारी करते हैं?'
    >>> rewrite("अपनी फ़िल्म का मज़ा लो। तुम्हारा समय अच्छा बीते।", "hi-IN").text
    'अपनी फ़िल्म का मज़ा लें। आपका समय अच्छा बीते।'

    References:
        Kachru (2006) *Hindi*, ch. 4 and 6; Koul (2008) *Modern Hindi Grammar* §§ 5.2, 9.3; Central
        Hindi Directorate (2016) *मानक हिंदी वर्तनी*. See the module docstring.
    """

    language = "hi"
    references = (
        "Kachru, Yamuna (2006). Hindi. John Benjamins — ch. 4 pronouns and agreement, ch. 6 imperatives.",
        "Koul, Omkar N. (2008). Modern Hindi Grammar. Dunwoody Press — §5.2 pronouns, §9.3 imperatives.",
        "Central Hindi Directorate (2016). मानक हिंदी वर्तनी (Standard Hindi orthography).",
    )
    default_formality = "formal"
    pronouns: ClassVar[dict[str, str]] = PRONOUNS
    to_formal: ClassVar[tuple[Rule, ...]] = (
        AuxiliaryAgreementRule(),
        TuAgreementRule(),
        FutureRule(),
        ImperativeRule(),
        WordMapRule("hi.tum-aap.pronoun", PRONOUNS, "customers are addressed with आप", case_sensitive=True),
    )
    to_informal: ClassVar[tuple[Rule, ...]] = ()
    markers: ClassVar[tuple[Marker, ...]] = (
        marker(
            "hi.tum",
            r"(?<![\p{L}\p{M}])(?:तुम\p{M}*\p{L}*|तू|तूने|तुझे|तुझसे|तेरा|तेरी|तेरे)(?![\p{L}\p{M}])",
            "informal",
            "informal pronoun तुम/तू",
        ),
        marker(
            "hi.aap", r"(?<![\p{L}\p{M}])आप(?:का|की|के|को|ने|से|में)?(?![\p{L}\p{M}])", "formal", "respectful pronoun आप"
        ),
    )


Rules = Hindi
