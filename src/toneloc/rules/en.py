"""English tone rules: register without pronouns (greetings, contractions, slang) and directness.

English has no T-V distinction, so formality lives in word choice:

* ``to_formal``: greetings (``Hey``/``Hi`` -> ``Hello``), closings (``Cheers``/``Thx`` -> ``Kind
  regards``), contractions expanded (``we're`` -> ``we are``, ``can't`` -> ``cannot``, ``won't`` ->
  ``will not``; negations are always kept), slang (``gonna`` -> ``going to``, ``wanna`` -> ``want
  to``, ``thx`` -> ``thank you``, ``pls`` -> ``please``, ``yeah`` -> ``yes``, ``ASAP`` -> ``as soon as
  possible``).
* ``to_informal``: contractions of the common auxiliary + *not* pairs (``do not`` -> ``don't``) and
  ``Hello`` -> ``Hi`` on a greeting line; nothing else (informal English needs no slang).
* directness: ``soften`` turns a bare imperative into a request (``Send us the receipt.`` ->
  ``Could you please send us the receipt?``) and prefixes a refusal with ``Unfortunately,``;
  ``sharpen`` drops hedges (``just``, ``perhaps``, ``I think``) and the lead-in before the answer
  (``I wanted to let you know that``). Negations, numbers and placeholders are never touched.

Ambiguous contractions are expanded by context: ``'s`` only after pronouns (``it's`` -> ``it is``;
``John's`` stays), ``'d`` to ``would`` (``had`` before a past participle is not guessed).

References:
    The Chicago Manual of Style, 17th ed. (2017), 5.108 (contractions in formal prose);
    Plain English Campaign, "How to write in plain English" (2015);
    P. Brown & S. Levinson, Politeness: Some Universals in Language Usage (1987) for softening;
    GOV.UK content design guide, "Writing for GOV.UK" (contractions, answer first).
"""

from __future__ import annotations

import regex

from toneloc.rules._base import (
    CultureRules,
    RegexRule,
    RuleContext,
    at_sentence_start,
    marker,
    match_case,
    word_pattern,
)

__all__ = ["CONTRACTIONS", "English", "Rules"]

CONTRACTIONS = {
    "can't": "cannot", "won't": "will not", "shan't": "shall not", "don't": "do not", "doesn't": "does not",
    "didn't": "did not", "isn't": "is not", "aren't": "are not", "wasn't": "was not", "weren't": "were not",
    "haven't": "have not", "hasn't": "has not", "hadn't": "had not", "couldn't": "could not",
    "wouldn't": "would not", "shouldn't": "should not", "mustn't": "must not", "needn't": "need not",
    "i'm": "I am", "you're": "you are", "we're": "we are", "they're": "they are", "i've": "I have",
    "you've": "you have", "we've": "we have", "they've": "they have", "i'll": "I will", "you'll": "you will",
    "we'll": "we will", "they'll": "they will", "he'll": "he will", "she'll": "she will", "it'll": "it will",
    "i'd": "I would", "you'd": "you would", "we'd": "we would", "they'd": "they would",
    "it's": "it is", "that's": "that is", "there's": "there is", "here's": "here is", "what's": "what is",
    "he's": "he is", "she's": "she is", "let's": "let us", "who's": "who is", "where's": "where is",
    "how's": "how is", "y'all": "you all", "ain't": "is not",
}
SLANG = {
    "gonna": "going to", "wanna": "want to", "gotta": "have to", "kinda": "somewhat", "sorta": "somewhat",
    "thx": "thank you", "thanks a ton": "thank you very much", "ty": "thank you", "pls": "please", "plz": "please",
    "yeah": "yes", "yep": "yes", "yup": "yes", "nope": "no", "asap": "as soon as possible", "btw": "by the way",
    "fyi": "for your information", "np": "no problem", "cuz": "because", "coz": "because", "u": "you",
    "ur": "your", "info": "information", "okay": "OK", "ok": "OK", "lemme": "let me", "gimme": "give me",
    "dunno": "do not know", "awesome": "excellent", "no worries": "you are welcome", "tbh": "to be honest",
}
_FORMAL_BACK = {"do not": "don't", "does not": "doesn't", "did not": "didn't", "is not": "isn't",
                "are not": "aren't", "cannot": "can't", "will not": "won't", "we are": "we're", "I am": "I'm"}


def _expand(m: regex.Match[str], text: str, ctx: RuleContext) -> str | None:
    word = m.group(0).replace("’", "'")
    full = CONTRACTIONS.get(word.lower())
    if full is None:
        return None
    if full.startswith("I "):
        return full
    if word.isupper() and len(word) > 3:
        return full.upper()
    return match_case(word, full)


CONTRACTION_RULE = RegexRule(
    "en.contraction",
    r"(?<![\p{L}'’])(?:" + "|".join(regex.escape(k).replace("'", "['’]") for k in sorted(CONTRACTIONS, key=len,
                                                                                            reverse=True))
    + r")(?![\p{L}'’])",
    _expand,
    "contractions are written out in formal replies (negations kept)",
    flags=regex.I,
)
def _slang(m: regex.Match[str], text: str, ctx: RuleContext) -> str | None:
    word = m.group(0)
    full = SLANG.get(word.lower())
    if full is None:
        return None
    if word[:1].isupper() and at_sentence_start(text, m.start()):
        return full[:1].upper() + full[1:]
    return full


SLANG_RULE = RegexRule(
    "en.slang",
    word_pattern(*SLANG),
    _slang,
    "slang and chat abbreviations are written out",
    flags=regex.I,
)
GREETING = RegexRule(
    "en.greeting",
    r"(?m)^[ \t]*\K(?:Hey(?:\s+there)?|Hiya|Hi(?:\s+there)?|Yo|Heya|Howdy)(?=[\s,!])",
    "Hello",
    "a neutral-formal greeting",
)
CLOSING = RegexRule(
    "en.closing",
    r"(?m)^[ \t]*\K(?:Cheers|Thx|Thanks!?|Ta|Later|Bye|Talk\s+soon|xo+|Best)(?=[ \t]*[,!.]?[ \t]*$)",
    "Kind regards",
    "a formal closing line",
)
EXCLAIM = RegexRule(
    "en.exclamations",
    r"!{2,}",
    "!",
    "repeated exclamation marks are reduced to one",
)
CONTRACT_BACK = RegexRule(
    "en.contract",
    word_pattern(*_FORMAL_BACK),
    lambda m, t, c: match_case(m.group(0), _FORMAL_BACK.get(m.group(0)) or _FORMAL_BACK.get(m.group(0).lower(), "")),
    "everyday contractions for an informal reply",
)
GREETING_BACK = RegexRule(
    "en.greeting-informal",
    r"(?m)^[ \t]*\K(?:Hello|Dear)(?=[ \t]+\p{Lu}\p{Ll}+[ \t]*,?[ \t]*$|[ \t]*,?[ \t]*$)",
    "Hi",
    "a friendly greeting",
)
CLOSING_BACK = RegexRule(
    "en.closing-informal",
    r"(?m)^[ \t]*\K(?:Kind\s+regards|Best\s+regards|Yours\s+sincerely|Sincerely|Yours\s+faithfully)"
    r"(?=[ \t]*,?[ \t]*$)",
    "Best",
    "a friendly closing",
)

# ---------------------------------------------------------------- directness
_IMPERATIVE_VERBS = (
    "send|give|tell|let|check|click|open|restart|reset|update|install|contact|call|email|reply|provide|share|"
    "confirm|attach|upload|download|try|enter|select|choose|follow|visit|use|make|fill|complete|verify|return|"
    "log|sign|remove|delete|add|include|wait|read|see|note|keep|make|forward|ensure|describe|clear|close"
)
SOFTEN_IMPERATIVE = RegexRule(
    "en.soften.imperative",
    rf"(?m)(?:^|(?<=[.!?]\s))(?!Please\b)((?:{_IMPERATIVE_VERBS.replace('|', '|').title()})\b[^.!?\n]*?)([.!])(?=\s|$)",
    lambda m, t, c: "Could you please " + m.group(1)[0].lower() + m.group(1)[1:] + "?",
    "a bare imperative becomes a polite request (Brown & Levinson: negative politeness)",
)
SOFTEN_PLEASE = RegexRule(
    "en.soften.please",
    r"(?m)(?:^|(?<=[.!?]\s))Please\s+(\p{Ll}[^.!?\n]*?)\.(?=\s|$)",
    lambda m, t, c: "Could you please " + m.group(1) + "?",
    "'Please do X.' becomes 'Could you please do X?'",
)
SOFTEN_REFUSAL = RegexRule(
    "en.soften.refusal",
    r"(?m)(?:^|(?<=[.!?]\s))(We|I)(?=\s+(?:cannot|can't|can ?not|won't|will not|are unable|am unable|do not|"
    r"don't)\b)",
    lambda m, t, c: "Unfortunately, " + ("we" if m.group(1) == "We" else "I"),
    "a refusal gets a softener (the negation stays)",
)
SHARPEN_HEDGE = RegexRule(
    "en.sharpen.hedge",
    r"(?i)(?<![.!?]\s)(?<=\s)(?:just|perhaps|maybe|possibly|kind of|sort of|a little bit|"
    r"I think that|I think|I believe)\s+"
    r"(?!not\b)",
    "",
    "hedges are dropped for a direct reply (negations and facts stay)",
)
SHARPEN_OPENER = RegexRule(
    "en.sharpen.opener",
    r"(?m)^(?:I\s+(?:just\s+)?wanted\s+to\s+(?:let\s+you\s+know|inform\s+you|tell\s+you)\s+that\s+|"
    r"I\s+am\s+writing\s+to\s+(?:let\s+you\s+know|inform\s+you)\s+that\s+|Just\s+(?:a\s+)?quick\s+note\s+to\s+say\s+"
    r"(?:that\s+)?)(\p{Ll})",
    lambda m, t, c: m.group(1).upper(),
    "answer first: the lead-in before the answer is dropped",
)


class English(CultureRules):
    """English (en-US, en-GB): register by word choice; no pronoun changes.

    References:
        Chicago Manual of Style (2017) 5.108; Plain English Campaign (2015); Brown & Levinson,
        Politeness (1987); GOV.UK, "Writing for GOV.UK".
    """

    language = "en"
    default_formality = "formal"
    references = (
        "The Chicago Manual of Style, 17th ed. (2017), 5.108",
        "Plain English Campaign, 'How to write in plain English' (2015)",
        "P. Brown & S. C. Levinson, Politeness: Some Universals in Language Usage (1987)",
        "GOV.UK content design: 'Writing for GOV.UK' (answer first, contractions)",
    )
    to_formal = (GREETING, CLOSING, SLANG_RULE, CONTRACTION_RULE, EXCLAIM)
    to_informal = (GREETING_BACK, CLOSING_BACK, CONTRACT_BACK)
    soften = (SOFTEN_REFUSAL, SOFTEN_PLEASE, SOFTEN_IMPERATIVE)
    sharpen = (SHARPEN_OPENER, SHARPEN_HEDGE)
    markers = (
        marker("en.register.slang", word_pattern(*(k for k in SLANG if k not in ("ok", "okay", "info", "u"))),
               "informal", "slang or chat abbreviation", flags=regex.I),
        marker("en.register.greeting", r"(?m)^[ \t]*(?:Hey|Hiya|Yo|Heya)(?!\p{L})", "informal", "informal greeting"),
        marker("en.register.formal", r"(?m)^[ \t]*(?:Dear|Yours sincerely|Yours faithfully|Kind regards)(?!\p{L})",
               "formal", "formal salutation or closing"),
    )


Rules = English
