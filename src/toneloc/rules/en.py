"""English tone rules: register without pronouns (greetings, contractions, slang) and directness.

English has no T-V distinction, so formality lives in word choice:

* ``to_formal``: greetings (``Hey``/``Hi`` -> ``Hello``), closings (``Cheers``/``Thx`` -> ``Kind
  regards``), contractions expanded (``we're`` -> ``we are``, ``can't`` -> ``cannot``, ``won't`` ->
  ``will not``; negations are always kept), slang (``gonna`` -> ``going to``, ``wanna`` -> ``want
  to``, ``thx`` -> ``thank you``, ``pls`` -> ``please``, ``yeah`` -> ``yes``, ``ASAP`` -> ``as soon as
  possible``).
* ``to_informal``: contractions of the common auxiliary + *not* pairs (``do not`` -> ``don't``) and
  ``Hello`` -> ``Hi`` on a greeting line; nothing else (informal English needs no slang).
* directness (one :class:`~toneloc.rules._directness.SentencePass` per direction; every sentence is
  rewritten by at most one rule, atomically, and never if a negation or number would be lost):

  ``indirect`` (``soften``)
    - ``en.soften.imperative``: ``Send us the receipt.`` -> ``Could you please send us the
      receipt?`` (only for support verbs followed by an object-like word, so ``Return shipping is
      free.`` stays; offers such as ``Let me check.`` stay);
    - ``en.soften.please``: ``Please send ...`` -> ``Could you please send ...?`` (not for formulas:
      ``Please note/find/allow/feel ...``);
    - ``en.soften.obligation``: ``You must/need to/have to VERB ...`` -> ``Could you please VERB
      ...?``; an obligation that states a condition (``You must sign in to see ...``) is flagged;
    - ``en.soften.prohibition``: ``Do not ...`` -> ``Please do not ...`` (negation kept);
    - ``en.soften.refusal``: ``We cannot/are unable to/do not ship ...`` and ``X is not available``
      -> ``Unfortunately, ...`` (a bare ``No, ...`` and a sentence that may open with a name are
      flagged, not rewritten);
    - ``en.soften.apology``: bad news (``Your order is delayed.``) -> ``We are sorry that your
      order is delayed.``

  ``direct`` (``sharpen``)
    - ``en.sharpen.request``: ``Could you (please/possibly) ...?``, ``Would you be able to ...?``,
      ``Would it be possible to ...?``, ``Perhaps you could ...`` -> ``Please ....``; ``Can you
      ...?`` without *please* (ability or request?) and ``Would you mind ...ing`` are flagged;
    - ``en.sharpen.lead-in``: ``I wanted to let you know that``, ``Please note that``, ``We regret
      to inform you that``, ``I am afraid`` ... are dropped before the answer;
    - ``en.sharpen.minimiser``: ``We just need ...`` -> ``We need ...`` (``have just shipped``
      keeps its *just*);
    - ``en.sharpen.answer-first``: an opening courtesy sentence (``Thank you for your message.``)
      moves behind the answer on the same line, unless the next sentence refers back to it
      (``It ...``: flagged).

  Epistemic hedges (``probably``, ``maybe``, ``I think``) are kept in ``direct`` mode: removing
  them would turn an estimate into a promise. Numbered steps and bullet points stay imperative.
  The reviewed table is ``tests/data/tone/directness_en.tsv``.

Ambiguous contractions are expanded by context: ``'s`` only after pronouns (``it's`` -> ``it is``;
``John's`` stays) and to ``has`` before a past participle (``it's got`` -> ``it has got``); ``'d`` to
``would``, or ``had`` before a past participle or *better* (``I'd been`` -> ``I had been``).

References:
    The Chicago Manual of Style, 17th ed. (2017), 5.108 (contractions in formal prose);
    Plain English Campaign, "How to write in plain English" (2015);
    P. Brown & S. Levinson, Politeness: Some Universals in Language Usage (1987) for softening;
    S. Blum-Kulka, J. House & G. Kasper (eds.), Cross-Cultural Pragmatics: Requests and Apologies
    (1989) for request strategies and downtoners;
    GOV.UK content design guide, "Writing for GOV.UK" (contractions, answer first).
"""

from __future__ import annotations

import re

import regex

from toneloc.rules._base import (
    CultureRules,
    Edit,
    RegexRule,
    RuleContext,
    at_sentence_start,
    marker,
    match_case,
    word_pattern,
)
from toneloc.rules._directness import SentencePass, SentenceRule

__all__ = ["CONTRACTIONS", "SLANG", "English", "LexiconRule", "Rules"]

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


def _expand_word(word: str, full: str) -> str:
    if full.startswith("I "):
        return full
    if word.isupper() and len(word) > 3:
        return full.upper()
    return match_case(word, full)


def _slang_word(word: str, full: str, text: str, start: int) -> str:
    if word[:1].isupper() and at_sentence_start(text, start):
        return full[:1].upper() + full[1:]
    return full


# One scan of the words (stdlib ``re``, no per-word regex alternation: about 10x faster than two
# big case-insensitive alternations on a 300-character reply) and a dict lookup per word.
_EN_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SLANG_MULTI: dict[str, tuple[str, ...]] = {}
for _k in sorted((k for k in SLANG if " " in k), key=len, reverse=True):
    _SLANG_MULTI.setdefault(_k.split(" ", 1)[0], ())
    _SLANG_MULTI[_k.split(" ", 1)[0]] += (_k,)


_NEXT_WORD = re.compile(r"\s+(?:(?:already|just|not|never|always|recently)\s+)?([A-Za-z]+)")
# Past participles after 's/'d: "it's got" is "it has got", "I'd been" is "I had been" (CMOS 5.108).
# Only participles that cannot follow a passive "is" ("it's made of steel" stays "it is made").
_PARTICIPLES = frozenset({"got", "gotten", "been", "had", "gone", "become", "come", "arrived", "forgotten", "better"})


class LexiconRule:
    """Contractions (``en.contraction``) and slang (``en.slang``) written out, from one word scan.

    >>> [(e.before, e.after, e.rule_id) for e in LexiconRule().apply("Thx, we're gonna fix it", RuleContext("en"))]
    [('Thx', 'Thank you', 'en.slang'), ("we're", 'we are', 'en.contraction'), ('gonna', 'going to', 'en.slang')]
    """

    id = "en.lexicon"
    explanation = "contractions and slang are written out in formal replies (negations kept)"
    contraction_why = "contractions are written out in formal replies (negations kept)"
    slang_why = "slang and chat abbreviations are written out"

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        for m in _EN_TOKEN.finditer(text):
            w = m.group(0)
            s, e = m.span()
            low = w.lower()
            if "'" in low or "’" in low:
                full = CONTRACTIONS.get(low.replace("’", "'"))
                if full is not None and full.endswith((" is", " would")):
                    nxt = _NEXT_WORD.match(text, e)
                    if nxt is not None and nxt.group(1).lower() in _PARTICIPLES:
                        # it's got / it's been -> it has ...; I'd been / you'd better -> I had ...
                        full = full.rsplit(" ", 1)[0] + (" has" if full.endswith(" is") else " had")
                if full is not None and not (s and text[s - 1] in "'’"):
                    new = _expand_word(w, full)
                    if new != w:
                        out.append(Edit(s, e, w, new, "en.contraction", self.contraction_why))
                continue
            if s and text[s - 1] in "'’-":
                continue
            for key in _SLANG_MULTI.get(low, ()):
                rest = key[len(low) :]
                end = e + len(rest)
                if text[e:end].lower() == rest and not (end < len(text) and (text[end].isalnum() or text[end] == "_")):
                    out.append(Edit(s, end, text[s:end], _slang_word(w, SLANG[key], text, s), "en.slang",
                                    self.slang_why))
                    break
            else:
                full = SLANG.get(low)
                if full is not None:
                    new = _slang_word(w, full, text, s)
                    if new != w:
                        out.append(Edit(s, e, w, new, "en.slang", self.slang_why))
        return out


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
# Verbs a support reply asks the customer to do; a sentence rule fires only on these (a word such as
# "Return" or "Update" opening a statement is a noun: the next word must look like an object).
ACTION_VERBS = frozenset({
    "send", "resend", "give", "tell", "let", "check", "double-check", "click", "tap", "press", "open", "restart",
    "reset", "update", "install", "reinstall", "uninstall", "contact", "call", "email", "reply", "provide",
    "share", "confirm", "attach", "upload", "download", "try", "enter", "re-enter", "select", "choose",
    "follow", "visit", "use", "fill", "complete", "verify", "return", "log", "sign", "remove", "delete", "add",
    "include", "wait", "read", "make", "forward", "ensure", "describe", "clear", "close", "print", "save",
    "change", "turn", "unplug", "plug", "go", "keep", "submit", "scan", "take", "look", "disable", "enable",
    "review", "photograph", "pack", "drop", "cancel", "switch", "charge", "activate", "write",
})
_OBJECT_START = frozenset({
    "the", "a", "an", "your", "us", "me", "it", "this", "that", "these", "those", "them", "our", "all", "any",
    "both", "each", "every", "some", "on", "in", "out", "up", "off", "to", "for", "at", "again", "back", "down",
    "with", "sure", "into", "through", "via", "over", "away", "around", "one", "two", "whether", "if", "why",
    "how", "what", "when", "where", "which", "who", "its", "his", "her", "their", "my", "yourself",
})
_CAP_OBJECT_VERBS = frozenset({"click", "tap", "press", "select", "choose", "open", "visit", "contact", "call"})
_NOT_REQUEST_AFTER_PLEASE = frozenset({"note", "find", "feel", "accept", "allow", "be", "do", "bear", "rest",
                                       "see", "expect", "keep"})
EN_NEGATION = regex.compile(
    r"(?i)(?<![\p{L}])(?:not|no|never|none|nothing|nobody|neither|nor|cannot|without)(?![\p{L}])|n['’]t(?![\p{L}])",
    regex.V1,
)
_WORD = regex.compile(r"[\p{L}]+(?:[-'’][\p{L}]+)*|\S", regex.V1)
_SOFT_ALREADY = regex.compile(r"(?i)\b(?:unfortunately|sorry|afraid|regret|apolog\w*)\b")


def _next_word(text: str, pos: int, end: int) -> str:
    m = _WORD.search(text, pos, end)
    return m.group(0) if m else ""


def _looks_imperative(verb: str, following: str) -> bool:
    if verb.lower() not in ACTION_VERBS:
        return False
    if not following or following in (".", "!", ",", "{", "\"", "“", "`", "'"):
        return True
    if following.lower() in _OBJECT_START:
        return True
    if following[:1].isupper() and verb.lower() in _CAP_OBJECT_VERBS:
        return True
    return verb.lower() == "wait" and following[:1].isdigit()


def _end_mark(text: str, s: int, e: int, marks: str) -> int | None:
    """Offset of the sentence's final punctuation if it is one of *marks* (closing quotes excluded)."""
    i = e - 1
    if i >= s and text[i] in marks:
        return i
    return None


def _lower_first(word: str) -> str:
    return word[:1].lower() + word[1:] if word[1:2].islower() or len(word) == 1 else word


# --- indirect (soften)
_PROHIBITION = regex.compile(r"(?:Do\s+not|Never)\s+\p{Ll}", regex.V1)


def _soften_prohibition(text: str, s: int, e: int, ctx: RuleContext) -> list[Edit] | None:
    if not _PROHIBITION.match(text, s, e) or _end_mark(text, s, e, ".!") is None:
        return None
    w = text[s : s + 2] if text.startswith("Do", s) else text[s : s + 5]
    return [Edit(s, s + len(w), w, "Please " + w.lower(), "en.soften.prohibition",
                 "a prohibition gets 'please'; the negation stays (Brown & Levinson: negative politeness)")]


_AND_WE = regex.compile(r"\b(?:and|or)\s+(?:I|we|you)\s+(?:will|would|can|could|may|might|shall)\b")
_PLEASE_ANYWHERE = regex.compile(r"(?i)\b(?:please|kindly)\b")
_IMPERATIVE_WORD = regex.compile(r"\p{Lu}[\p{Ll}-]+", regex.V1)


def _soften_imperative(text: str, s: int, e: int, ctx: RuleContext) -> list[Edit] | None:
    m = _IMPERATIVE_WORD.match(text, s, e)
    end = _end_mark(text, s, e, ".!")
    if m is None or end is None:
        return None
    following = _next_word(text, m.end(), e)
    at = m.end() + len(text[m.end() : e]) - len(text[m.end() : e].lstrip())
    if at < e and ctx.is_protected(at, at + 1):
        following = "{"  # a URL, placeholder or quoted name is an object
    if m.group(0).lower() == "let" and following.lower() in ("me", "us's", "'s"):
        return None
    if m.group(0).lower() in ("let",) and text.startswith(("Let's", "Let’s"), s):
        return None
    if not _looks_imperative(m.group(0), following):
        return None
    if _PLEASE_ANYWHERE.search(text, s, e):
        return []  # "Send us the receipt, please." is already a polite request
    if _AND_WE.search(text, s, e):
        return None  # "Tell me more and I will look into it": a conditional, not a question
    return [
        Edit(s, m.end(), m.group(0), "Could you please " + m.group(0).lower(), "en.soften.imperative",
             "a bare imperative becomes a request (Brown & Levinson 1987: negative politeness)"),
        Edit(end, end + 1, text[end], "?", "en.soften.imperative", "the request is a question"),
    ]


_PLEASE = regex.compile(r"Please\s+(\p{Ll}[\p{Ll}-]*)", regex.V1)


def _soften_please(text: str, s: int, e: int, ctx: RuleContext) -> list[Edit] | None:
    m = _PLEASE.match(text, s, e)
    end = _end_mark(text, s, e, ".!")
    if m is None or end is None or m.group(1) in _NOT_REQUEST_AFTER_PLEASE or m.group(1) not in ACTION_VERBS:
        return None
    return [
        Edit(s, m.start(1), text[s : m.start(1)], "Could you please ", "en.soften.please",
             "'Please do X.' becomes the more tentative 'Could you please do X?'"),
        Edit(end, end + 1, text[end], "?", "en.soften.please", "the request is a question"),
    ]


_CONDITION = regex.compile(
    r"\b(?:to\s+(?:receive|get|see|use|access|order|qualify)|in\s+order\s+to|if|before|when)\b", regex.V1
)
_OBLIGATION = regex.compile(
    r"You\s+(?:must|need\s+to|have\s+to|will\s+need\s+to|will\s+have\s+to)\s+(\p{Ll}[\p{Ll}-]*)", regex.V1
)


def _soften_obligation(text: str, s: int, e: int, ctx: RuleContext) -> list[Edit] | None:
    m = _OBLIGATION.match(text, s, e)
    end = _end_mark(text, s, e, ".!")
    if m is None or end is None or m.group(1) not in ACTION_VERBS:
        return None
    if _CONDITION.search(text, m.end(), e):
        ctx.flag(f"obligation at offset {s} is a condition ('you must ... to/if'); left as it is")
        return []
    return [
        Edit(s, m.start(1), text[s : m.start(1)], "Could you please ", "en.soften.obligation",
             "an obligation addressed to the customer becomes a request (the action stays the same)"),
        Edit(end, end + 1, text[end], "?", "en.soften.obligation", "the request is a question"),
    ]


_REFUSAL = regex.compile(
    r"(We|I)(?=\s+(?:cannot|can\s+not|are\s+unable|am\s+unable|are\s+not\s+able|am\s+not\s+able|"
    r"will\s+not\s+be\s+able|are\s+not\s+allowed|am\s+not\s+allowed|are\s+not\s+permitted|"
    r"do\s+not\s+(?:ship|deliver|offer|accept|sell|support|exchange|refund|issue|provide|stock|carry|have)|"
    r"no\s+longer\s+(?:offer|ship|sell|support|stock|accept|carry))\b)",
    regex.V1,
)
_UNAVAILABLE = regex.compile(
    r"[^.!?]*?\b(?:is|are|was|were)\s+(?:not|no\s+longer|not\s+yet)\s+(?:possible|available|supported|"
    r"eligible|in\s+stock|allowed|permitted|refundable|covered|accepted)\b",
    regex.V1,
)
_LOWER_OK = frozenset({
    "the", "this", "that", "it", "your", "our", "a", "an", "these", "those", "there", "some", "all", "express",
    "returns", "refunds", "delivery", "shipping", "payment", "payments", "cancellation", "exchanges", "changes",
    "orders", "same-day", "international", "next-day", "such", "any", "gift", "cash", "partial",
})


def _soften_refusal(text: str, s: int, e: int, ctx: RuleContext) -> list[Edit] | None:
    if _end_mark(text, s, e, "?") is not None or _SOFT_ALREADY.search(text, s, e):
        return None
    if text.startswith(("No,", "No.", "No!", "Nope"), s):
        ctx.flag(f"bare 'No' at offset {s}: softening it would reword the negative answer; left as it is")
        return []
    why = "a refusal is prefixed with 'Unfortunately' (the negation stays)"
    m = _REFUSAL.match(text, s, e)
    if m is not None:
        return [Edit(s, m.end(), m.group(0), "Unfortunately, " + ("we" if m.group(1) == "We" else "I"),
                     "en.soften.refusal", why)]
    if _UNAVAILABLE.match(text, s, e):
        w = _WORD.match(text, s, e)
        if w is None or not w.group(0)[:1].isalpha():
            return None
        first = w.group(0)
        if first.lower() in _LOWER_OK and first[1:].islower():
            new = first.lower()
        elif any(c.isupper() for c in first[1:]) or first[:1].islower():
            new = first  # PayPal, EU, iPhone: a name keeps its spelling
        else:
            ctx.flag(f"refusal at offset {s} starts with '{first}' (a name?); not softened")
            return []
        return [Edit(s, w.end(), first, "Unfortunately, " + new, "en.soften.refusal", why)]
    return None


_BAD_NEWS = regex.compile(
    r"(Your|The|This)\s+(?:\p{Ll}+\s+){0,2}?(?:order|parcel|package|delivery|refund|payment|shipment|item|return|"
    r"request|card|account)(?:\s+\{[^{}]*\}|\s+#?\d+)?\s+(?:is|was|has\s+been|had\s+been)\s+(?:\p{Ll}+\s+)?"
    r"(?:delayed|late|cancell?ed|lost|damaged|declined|rejected|suspended|blocked|locked|out\s+of\s+stock)\b",
    regex.V1,
)


_REQUESTED = regex.compile(r"(?i)\b(?:at\s+your\s+request|as\s+(?:you\s+)?requested|as\s+agreed)\b")


def _soften_bad_news(text: str, s: int, e: int, ctx: RuleContext) -> list[Edit] | None:
    m = _BAD_NEWS.match(text, s, e)
    if m is None or _end_mark(text, s, e, ".!") is None or _SOFT_ALREADY.search(text, s, e):
        return None
    if EN_NEGATION.search(text, s, e) or _REQUESTED.search(text, s, e):
        return None  # "Your order is not delayed" / "was cancelled at your request": no bad news
    first = m.group(1)
    return [Edit(s, s + len(first), first, "We are sorry that " + first.lower(), "en.soften.apology",
                 "bad news gets an apology formula (Brown & Levinson 1987: apologise; CCSARP)")]


# --- direct (sharpen)
_LEAD_IN = regex.compile(
    r"(?:(?:I|We)\s+(?:just\s+)?(?:wanted|would\s+like|want)\s+to\s+(?:let\s+you\s+know|inform\s+you|tell\s+you|"
    r"confirm)\s+that|(?:I\s+am|We\s+are)\s+writing\s+to\s+(?:let\s+you\s+know|inform\s+you|confirm)\s+that|"
    r"(?:Just\s+)?(?:a\s+)?quick\s+note\s+to\s+(?:say|let\s+you\s+know)(?:\s+that)?|"
    r"Please\s+(?:note|be\s+aware)\s+that|We\s+(?:regret|are\s+sorry)\s+to\s+(?:inform\s+you|let\s+you\s+know|say)"
    r"\s+that|I\s+am\s+afraid(?:\s+that)?|We\s+are\s+pleased\s+to\s+(?:inform\s+you|let\s+you\s+know|confirm)"
    r"\s+that|I\s+can\s+confirm\s+that|We\s+can\s+confirm\s+that)\s+(?=\S)",
    regex.V1,
)


def _sharpen_lead_in(text: str, s: int, e: int, ctx: RuleContext) -> list[Edit] | None:
    m = _LEAD_IN.match(text, s, e)
    if m is None:
        return None
    nxt = text[m.end()]
    if nxt.islower():
        return [Edit(s, m.end() + 1, text[s : m.end() + 1], nxt.upper(), "en.sharpen.lead-in",
                     "answer first: the lead-in before the answer is dropped (GOV.UK: front-load the answer)")]
    return [Edit(s, m.end(), m.group(0), "", "en.sharpen.lead-in",
                 "answer first: the lead-in before the answer is dropped (GOV.UK: front-load the answer)")]


_REQUEST = regex.compile(
    r"(?:(?:Could|Would|Will)\s+you|Can\s+you(?=\s+(?:please|kindly)\b)|Perhaps\s+you\s+could|Maybe\s+you\s+could|"
    r"Would\s+it\s+be\s+possible\s+(?:for\s+you\s+)?to|I\s+would\s+appreciate\s+it\s+if\s+you\s+could)"
    r"(?:\s+(?:please|kindly|possibly|perhaps|just|maybe))*(?:\s+be\s+able\s+to|\s+be\s+so\s+kind\s+as\s+to)?"
    r"\s+(\p{Ll}[\p{Ll}-]*)",
    regex.V1,
)
_ALTERNATIVE = regex.compile(r"\bor\s+(?:should|shall|would|do|can|could|will|is|are)\b", regex.V1)
_CAN_YOU = regex.compile(r"Can\s+you\s+(\p{Ll}+)", regex.V1)
_MIND = regex.compile(r"(?:Would|Do)\s+you\s+mind\b", regex.V1)


def _sharpen_request(text: str, s: int, e: int, ctx: RuleContext) -> list[Edit] | None:
    end = _end_mark(text, s, e, "?.")
    if end is None or "?" in text[s:end] or _ALTERNATIVE.search(text, s, e):
        return None  # "Could you send it, or should we ...?" asks a real question
    if _MIND.match(text, s, e):
        ctx.flag(f"'would you mind ...-ing' at offset {s}: the gerund is not turned into an imperative; left as it is")
        return []
    m = _REQUEST.match(text, s, e)
    if m is None:
        c = _CAN_YOU.match(text, s, e)
        if c is not None and c.group(1) in ACTION_VERBS and text[end] == "?":
            ctx.flag(f"'Can you ...?' at offset {s} may ask about ability, not request; left as it is")
            return []
        return None
    if m.group(1) not in ACTION_VERBS or (text[end] == "." and not text.startswith(("Perhaps", "Maybe", "I "), s)):
        return None
    return [
        Edit(s, m.start(1), text[s : m.start(1)], "Please ", "en.sharpen.request",
             "a hedged request becomes a plain 'Please ...' (the action is unchanged)"),
        Edit(end, end + 1, text[end], ".", "en.sharpen.request", "the request is a statement"),
    ] if text[end] == "?" else [
        Edit(s, m.start(1), text[s : m.start(1)], "Please ", "en.sharpen.request",
             "a hedged request becomes a plain 'Please ...' (the action is unchanged)"),
    ]


_MINIMISER = regex.compile(r"(?:I|We|we|you|You)\s+(just\s+)(?=need|want|require|have\s+to)", regex.V1)


def _sharpen_minimiser(text: str, s: int, e: int, ctx: RuleContext) -> list[Edit] | None:
    edits = [Edit(m.start(1), m.end(1), m.group(1), "", "en.sharpen.minimiser",
                  "the minimiser 'just' is dropped; epistemic hedges (maybe, probably) stay")
             for m in _MINIMISER.finditer(text, s, e)]
    return edits or None


EN_COURTESY = regex.compile(
    r"(?:(?:Thank\s+you|Thanks|Many\s+thanks)(?:\s+(?:very|so)\s+much)?\s+for\s+(?:contacting\s+us|getting\s+in\s+touch|"
    r"reaching\s+out|waiting|your\s+(?:message|email|e-mail|patience|inquiry|enquiry|question|request|order|"
    r"feedback|reply))|I\s+hope\s+(?:this|you|your)\b[^.!?]*|We\s+(?:have\s+)?received\s+your\s+(?:message|email|"
    r"request))[.!]",
    regex.V1,
)
EN_ANAPHORA = regex.compile(
    r"(?:It|They|He|She|There)\b|(?:This|That|These|Those)\s+(?:is|was|has|have|had|will|would|can|could|should|"
    r"may|might|means|shows|helps|are|were)\b",
    regex.V1,
)

SOFTEN_PASS = SentencePass(
    "en.soften",
    (
        SentenceRule("en.soften.prohibition", "a prohibition gets 'please'", _soften_prohibition),
        SentenceRule("en.soften.refusal", "a refusal is prefixed with 'Unfortunately'", _soften_refusal),
        SentenceRule("en.soften.apology", "bad news gets 'We are sorry that ...'", _soften_bad_news),
        SentenceRule("en.soften.please", "'Please do X.' becomes 'Could you please do X?'", _soften_please),
        SentenceRule("en.soften.obligation", "'You must do X.' becomes a request", _soften_obligation),
        SentenceRule("en.soften.imperative", "a bare imperative becomes a request", _soften_imperative),
    ),
    negation=EN_NEGATION,
)
SHARPEN_PASS = SentencePass(
    "en.sharpen",
    (
        SentenceRule("en.sharpen.lead-in", "the lead-in before the answer is dropped", _sharpen_lead_in),
        SentenceRule("en.sharpen.request", "a hedged request becomes 'Please ...'", _sharpen_request),
        SentenceRule("en.sharpen.minimiser", "the minimiser 'just' is dropped", _sharpen_minimiser),
    ),
    negation=EN_NEGATION,
    courtesy=EN_COURTESY,
    anaphora=EN_ANAPHORA,
    courtesy_id="en.sharpen.answer-first",
    courtesy_explanation="answer first: the opening courtesy sentence moves behind the answer (GOV.UK)",
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
        "S. Blum-Kulka, J. House & G. Kasper (eds.) (1989), Cross-Cultural Pragmatics: Requests and Apologies",
    )
    to_formal = (GREETING, CLOSING, LexiconRule(), EXCLAIM)
    to_informal = (GREETING_BACK, CLOSING_BACK, CONTRACT_BACK)
    soften = (SOFTEN_PASS,)
    sharpen = (SHARPEN_PASS,)
    markers = (
        marker("en.register.slang", word_pattern(*(k for k in SLANG if k not in ("ok", "okay", "info", "u"))),
               "informal", "slang or chat abbreviation", flags=regex.I),
        marker("en.register.greeting", r"(?m)^[ \t]*(?:Hey|Hiya|Yo|Heya)(?!\p{L})", "informal", "informal greeting"),
        marker("en.register.formal", r"(?m)^[ \t]*(?:Dear|Yours sincerely|Yours faithfully|Kind regards)(?!\p{L})",
               "formal", "formal salutation or closing"),
    )


Rules = English
