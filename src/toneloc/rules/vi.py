"""Vietnamese (vi) tone rules: bạn/mình -> quý vị/tôi, sentence-final ạ, Dạ/Vâng, Vui lòng/Xin.

Vietnamese has no neutral "you": speakers address each other with kinship and status terms. A
support reply addresses the customer as *quý vị* (respectful, number-neutral "you", the form the
CoCoA-MT translators used) or *quý khách* ("honoured customer"; choose it with
``Vietnamese(address="quý khách")``), or *anh/chị* when the customer's gender is known; the agent
refers to itself as *tôi* (or *chúng tôi*), never *mình/tớ*. Politeness is also marked by the
sentence-final particle *ạ*, by *Dạ/Vâng* ("yes", polite) instead of *Ừ/Ờ*, and by *Xin/Vui lòng*
("please") before requests.

What the rules do (informal -> formal), only in a text that uses an informal address form (so a
text already in the formal register comes back unchanged):

* *bạn/cậu/mày* as the pronoun "you" -> the address term (``quý vị``), but never the noun *bạn*
  "friend": compounds (*bạn bè, bạn trai, bạn gái, bạn thân, bạn học...*), *bạn của X* ("X's friend"),
  *người/những/một bạn*, *kết bạn/làm bạn* are left alone; vocative *bạn à/bạn nhé* at the end of a
  sentence become *quý vị ạ/nhé*;
* *mình/tớ/tao* as the subject "I" -> *tôi* (not the reflexive *của mình*, *bản thân mình*);
* *Ừ/Ờ/Ừm/Uh* opening a sentence -> *Vâng*; question particles *hả/à* -> *ạ*;
* sentence-final *ạ* before the closing punctuation of each sentence (questions and statements);
* requests: a sentence opening with *Hãy* gets *Xin* (*Xin hãy ...*), one opening with a bare
  request verb (*Kể, Gửi, Cho tôi biết...*) gets *Vui lòng*.

Formal -> informal is not done (quý vị/anh/chị/ạ cannot be mapped back to one informal register
reliably); the text comes back unchanged.

References:
    Nguyễn Đình Hoà. *Vietnamese: Tiếng Việt không son phấn*. Amsterdam: John Benjamins, 1997 —
    ch. 5 (personal pronouns and kinship terms of address, *bạn/mình/tôi*), ch. 8 (sentence-final
    particles *ạ, nhé, à, hả*).
    Thompson, Laurence C. *A Vietnamese Reference Grammar*. Honolulu: University of Hawaii Press,
    1987 — §§ 11 (pronouns and person classifiers), 12.7 (final particles, *ạ* "politeness").
    Cooke, Joseph R. *Pronominal Reference in Thai, Burmese, and Vietnamese*. UC Publications in
    Linguistics 52, 1968 — Vietnamese chapter: *quý vị, quý khách* as honorific address.
    Nădejde et al. (2022), CoCoA-MT (Findings of NAACL) — formal Vietnamese references use *quý vị*
    and sentence-final *ạ*; used as development data only.
"""

from __future__ import annotations

from typing import ClassVar

import regex

from toneloc.rules._base import CultureRules, Edit, Marker, Rule, RuleContext, marker, match_case

__all__ = ["Rules", "Vietnamese"]

_L = r"[\p{L}\p{M}]"
_B = rf"(?<!{_L})"
_E = rf"(?!{_L})"

# Words that follow the noun "bạn" (friend) in compounds and fixed phrases.
BAN_COMPOUND_NEXT = frozenset(
    [
        "bè",
        "trai",
        "gái",
        "thân",
        "học",
        "đời",
        "đồng",
        "hữu",
        "cùng",
        "chí",
        "cũ",
        "thuở",
        "nối",
        "hàng",
        "thời",
        "thơ",
        "ấy",
    ]
)
# Words before "bạn" that make it the noun "friend".
BAN_NOUN_PREV = frozenset(
    ["người", "những", "một", "vài", "mấy", "nhóm", "hai", "ba", "bốn", "năm", "nhiều", "kết", "làm", "tình"]
)
# Pronoun forms addressing the listener informally.
YOU_INFORMAL = ("bạn", "cậu", "mày", "các bạn", "các cậu")
# Pronoun forms for "I" in informal speech.
I_INFORMAL = ("mình", "tớ", "tao")
# Words after which "mình" is reflexive ("oneself"), not "I".
MINH_REFLEXIVE_PREV = frozenset(["của", "bản", "chính", "tự", "cho", "với", "về", "lấy", "mình", "thân"])
# Request verbs that may open an imperative sentence.
REQUEST_VERBS = frozenset(
    [
        "kể",
        "gửi",
        "nói",
        "gọi",
        "kiểm",
        "xem",
        "nhập",
        "chọn",
        "bấm",
        "nhấn",
        "đợi",
        "chờ",
        "liên",
        "thử",
        "điền",
        "cung",
        "xác",
        "trả",
        "đăng",
        "cập",
        "tải",
        "mở",
        "đóng",
    ]
)
BACKCHANNEL = {
    "ừ": "Dạ vâng",
    "ờ": "Dạ vâng",
    "ừm": "Dạ vâng",
    "ừ ừ": "Dạ vâng",
    "uh": "Dạ vâng",
    "ừa": "Dạ vâng",
    "à": "Dạ",
    "chà": "Dạ",
}
# Answer words that take the polite "Dạ" in front of them when a reply opens with them.
ANSWER_WORDS = frozenset(["không", "chưa", "có", "thật", "đúng", "bởi"])
# First words after which no polite opener "Dạ," is added (already polite, or an interjection).
NO_OPENER = frozenset(
    [
        "dạ",
        "vâng",
        "xin",
        "vui",
        "kính",
        "thưa",
        "chào",
        "ồ",
        "ôi",
        "ô",
        "ồ",
        "ừ",
        "ờ",
        "ừm",
        "ừa",
        "uh",
        "à",
        "chà",
        "wow",
    ]
)
# Informal plural "we" -> chúng tôi.
WE_INFORMAL = {
    "bọn tôi": "chúng tôi",
    "tụi tôi": "chúng tôi",
    "bọn mình": "chúng tôi",
    "tụi mình": "chúng tôi",
    "bọn tớ": "chúng tôi",
    "tụi tớ": "chúng tôi",
    "tụi tao": "chúng tôi",
    "bọn tao": "chúng tôi",
}

_INFORMAL_ADDRESS = regex.compile(_B + r"(?:bạn|cậu|mày|mình|tớ|tao|ừ|ờ|ừm)" + _E, regex.I | regex.V1)
_SENTENCE = regex.compile(r"[^.?!…\n]+(?:[.?!…]+|\n|$)", regex.V1)
_WORD = regex.compile(_L + r"+", regex.V1)


def _words(text: str) -> list[regex.Match[str]]:
    return list(_WORD.finditer(text))


def uses_informal_address(text: str) -> bool:
    """Whether *text* addresses someone with an informal pronoun or backchannel (gate for all rules)."""
    for m in _INFORMAL_ADDRESS.finditer(text):
        w = m.group(0).lower()
        if w == "bạn" and not _ban_is_pronoun(text, m):
            continue
        if w == "mình" and not _minh_is_i(text, m):
            continue
        return True
    return False


def _prev_word(text: str, pos: int) -> str:
    m = regex.search(_L + r"+(?=[^\p{L}\p{M}]*$)", text[max(0, pos - 30) : pos], regex.V1)
    if m is None or regex.search(r"[.?!,;:]", text[max(0, pos - 30) + m.end() : pos]):
        return ""
    return m.group(0).lower()


def _next_word(text: str, pos: int) -> str:
    m = regex.match(r"[ \t]*(" + _L + r"+)", text[pos : pos + 30], regex.V1)
    return m.group(1).lower() if m else ""


def _ban_is_pronoun(text: str, m: regex.Match[str]) -> bool:
    nxt = _next_word(text, m.end())
    prev = _prev_word(text, m.start())
    if nxt in BAN_COMPOUND_NEXT or prev in BAN_NOUN_PREV:
        return False
    return nxt != "của"  # "bạn của tôi": my friend


def _minh_is_i(text: str, m: regex.Match[str]) -> bool:
    prev = _prev_word(text, m.start())
    nxt = _next_word(text, m.end())
    if prev in MINH_REFLEXIVE_PREV or nxt in ("mẩy", "ấy"):
        return False
    if prev == "":  # sentence or clause start: subject "I"
        return True
    return prev in (
        "và",
        "nhưng",
        "thì",
        "là",
        "vì",
        "nên",
        "khi",
        "nếu",
        "rằng",
        "còn",
        "cũng",
        "vâng",
        "dạ",
        "ừ",
        "ờ",
        "ồ",
        "ừm",
        "à",
        "ôi",
        "chà",
        "vậy",
        "thế",
    )


class AddressRule:
    """bạn/cậu/mày (pronoun "you") -> the culture's address term; vocative bạn à -> quý vị ạ."""

    id = "vi.address.you"
    explanation = "the customer is addressed as quý vị (or the configured address term), not bạn"

    def __init__(self, address: str) -> None:
        self.address = address
        self._pat = regex.compile(
            _B + r"(?:các\s+)?(?:bạn|cậu|mày)" + _E + r"(?:\s+(?:à|ơi|hả)" + _E + ")?", regex.I | regex.V1
        )

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        if not uses_informal_address(text):
            return out
        for m in self._pat.finditer(text):
            word = m.group(0)
            core = regex.match(r"(?:các\s+)?\p{L}+", word, regex.V1)
            assert core is not None
            low = core.group(0).lower()
            if low.endswith("bạn") and not _ban_is_pronoun(text, m):
                continue
            nxt = _next_word(text, m.end())
            if low.endswith("cậu") and (
                nxt in ("ấy", "ta", "bé", "út", "ruột", "mợ") or _prev_word(text, m.start()) in ("ông", "bà", "người")
            ):
                continue
            after = self.address
            if word != core.group(0):  # vocative particle: "bạn à" -> "quý vị ạ"
                after = self.address + " ạ"
            out.append(Edit(m.start(), m.end(), word, match_case(word, after), self.id, self.explanation))
        return out


class SelfReferenceRule:
    """mình/tớ/tao as the subject "I" -> tôi (the reflexive "của mình" is left alone)."""

    id = "vi.address.self"
    explanation = "the agent refers to itself as tôi, not mình/tớ"
    _pat = regex.compile(_B + r"(?:mình|tớ|tao)" + _E, regex.I | regex.V1)

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        if not uses_informal_address(text):
            return out
        for m in self._pat.finditer(text):
            if m.group(0).lower() == "mình" and not _minh_is_i(text, m):
                continue
            out.append(Edit(m.start(), m.end(), m.group(0), match_case(m.group(0), "tôi"), self.id, self.explanation))
        return out


class BackchannelRule:
    """Ừ/Ờ/Ừm opening a sentence -> Vâng (polite "yes")."""

    id = "vi.backchannel"
    explanation = "polite acknowledgement: Vâng/Dạ instead of Ừ/Ờ"
    _pat = regex.compile(
        r"(?:^|(?<=[.?!…(]\s*)|(?<=\n))(ừ\s+ừ|ừm|ừa|ừ|ờ|uh|à|chà)" + _E + r"(?=\s*[,.!]|\s+\p{L})", regex.I | regex.V1
    )

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        for m in self._pat.finditer(text):
            key = regex.sub(r"\s+", " ", m.group(1).lower())
            if key in ("à", "chà") and not uses_informal_address(text):
                continue  # neutral interjections: only in a text that is being made formal
            out.append(Edit(m.start(1), m.end(1), m.group(1), BACKCHANNEL[key], self.id, self.explanation))
        return out


class WeRule:
    """bọn tôi/tụi mình ("us lot") -> chúng tôi."""

    id = "vi.address.we"
    explanation = "the company speaks of itself as chúng tôi"
    _pat = regex.compile(_B + r"(?:bọn|tụi)\s+(?:tôi|mình|tớ|tao)" + _E, regex.I | regex.V1)

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        for m in self._pat.finditer(text):
            key = regex.sub(r"\s+", " ", m.group(0).lower())
            after = match_case(m.group(0), WE_INFORMAL[key])
            out.append(Edit(m.start(), m.end(), m.group(0), after, self.id, self.explanation))
        return out


class OpenerRule:
    """A reply opening with a statement gets the polite acknowledgement "Dạ,"."""

    id = "vi.opener"
    explanation = "a polite reply to a customer opens with Dạ (respectful acknowledgement)"
    _first = regex.compile(r"^\s*(" + _L + r"+)", regex.V1)
    _lower_ok = frozenset(
        [
            "tôi",
            "chúng",
            "không",
            "có",
            "thật",
            "vậy",
            "nếu",
            "bởi",
            "và",
            "nhưng",
            "còn",
            "đây",
            "đó",
            "điều",
            "nó",
            "họ",
            "rất",
            "được",
            "cũng",
            "thực",
            "mọi",
            "khi",
            "sau",
            "trước",
            "giờ",
            "hôm",
            "gợi",
            "câu",
            "một",
            "tuyệt",
            "chuyện",
            "ý",
        ]
    )

    def __init__(self, only: frozenset[str] | None = None) -> None:
        self.only = only

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        if not uses_informal_address(text):
            return []
        m = self._first.match(text)
        if m is None or m.group(1).lower() in NO_OPENER:
            return []
        if self.only is not None and m.group(1).lower() not in self.only:
            return []
        first_sentence = regex.match(r"[^.?!…\n]*[.?!…]?", text, regex.V1)
        if first_sentence is not None and first_sentence.group(0).rstrip().endswith("?"):
            return []
        w = m.group(1)
        s = m.start(1)
        if w.lower() in self._lower_ok and w[0].isupper():
            return [Edit(s, s + 1, w[0], "Dạ, " + w[0].lower(), self.id, self.explanation)]
        return [Edit(s, s, "", "Dạ, ", self.id, self.explanation)]


class RequestRule:
    """Hãy ... -> Xin hãy ...; a sentence opening with a request verb gets Vui lòng."""

    id = "vi.request"
    explanation = "requests to a customer open with Xin/Vui lòng (please)"
    _pat = regex.compile(r"(?:^|(?<=[.?!…]\s+)|(?<=\n))(" + _L + r"+)", regex.V1)

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        if not uses_informal_address(text):
            return out
        for m in self._pat.finditer(text):
            w = m.group(1)
            low = w.lower()
            if low == "hãy":
                after = match_case(w, "xin") + " hãy"
            elif low == "đừng":
                after = match_case(w, "xin") + " đừng"
            elif low in REQUEST_VERBS and _next_word(text, m.end()) not in ("đến", "nên", "rằng", "là"):
                sent_end = regex.search(r"[.?!…\n]|$", text[m.end() :], regex.V1)
                assert sent_end is not None
                if text[m.end() + sent_end.start() : m.end() + sent_end.end()] == "?":
                    continue
                after = match_case(w, "vui lòng") + " " + low
            else:
                continue
            out.append(Edit(m.start(1), m.end(1), w, after, self.id, self.explanation))
        return out


class FinalParticleRule:
    """Sentence-final ạ (politeness) before the closing punctuation; hả/à -> ạ."""

    id = "vi.particle.a"
    explanation = "the particle ạ at the end of a sentence marks politeness to the listener"
    _tail = regex.compile(r"(\s*)([.?!…]*)\s*$", regex.V1)
    _qpart = regex.compile(_B + r"(hả|à|nhỉ)" + r"(?=\s*[.?!…]*\s*$)", regex.I | regex.V1)

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        if not uses_informal_address(text):
            return out
        for m in _SENTENCE.finditer(text):
            sent = m.group(0)
            body = sent.rstrip()
            tail = self._tail.search(body)
            assert tail is not None
            core = body[: tail.start()]
            if not regex.search(r"\p{L}{2,}", core) or core.endswith(","):
                continue
            last = regex.search(_L + r"+$", core, regex.V1)
            if last is None:
                continue
            lw = last.group(0).lower()
            if lw in ("ạ",):
                continue
            q = self._qpart.search(core)
            if q is not None and q.end() == len(core):
                s = m.start() + q.start()
                out.append(Edit(s, s + len(q.group(0)), q.group(0), "ạ", self.id, self.explanation))
                continue
            pos = m.start() + len(core)
            out.append(Edit(pos, pos, "", " ạ", self.id, self.explanation))
        return out


class Vietnamese(CultureRules):
    """Vietnamese: quý vị/tôi, ạ, Vâng, Xin/Vui lòng.

    >>> from toneloc.tone import rewrite
    >>> rewrite("Bạn hiểu điều tôi đang nói.", "vi-VN").text
    'Quý vị hiểu điều tôi đang nói ạ.'
    >>> rewrite("Bạn bè của tôi rất thích nó.", "vi-VN").text   # "bạn bè" (friends): no address
    'Bạn bè của tôi rất thích nó.'

    References:
        Nguyễn Đình Hoà (1997) *Vietnamese*, ch. 5 and 8; Thompson (1987) *A Vietnamese Reference
        Grammar* §§ 11, 12.7; Cooke (1968) *Pronominal Reference*. See the module docstring.
    """

    language = "vi"
    references = (
        "Nguyễn Đình Hoà (1997). Vietnamese: Tiếng Việt không son phấn. John Benjamins — "
        "ch. 5 pronouns, ch. 8 particles.",
        "Thompson, Laurence C. (1987). A Vietnamese Reference Grammar. University of Hawaii Press — §11, §12.7.",
        "Cooke, Joseph R. (1968). Pronominal Reference in Thai, Burmese, and Vietnamese. "
        "UC Publications in Linguistics 52.",
    )
    default_formality = "formal"
    address: ClassVar[str] = "quý vị"
    """The address term for the customer: quý vị (default), quý khách, anh, chị."""

    def __init__(self, address: str | None = None) -> None:
        addr = address or self.address
        self.to_formal = (  # type: ignore[misc]
            BackchannelRule(),
            RequestRule(),
            # "Dạ" only before an answer word (Dạ không, Dạ chưa, Dạ có): the polite form of a reply
            # (Nguyễn Đình Hoà 1997, ch. 8); before other statements it would add words the draft lacks.
            OpenerRule(only=ANSWER_WORDS),
            WeRule(),
            AddressRule(addr),
            SelfReferenceRule(),
            FinalParticleRule(),
        )

    to_formal: ClassVar[tuple[Rule, ...]] = ()
    to_informal: ClassVar[tuple[Rule, ...]] = ()
    markers: ClassVar[tuple[Marker, ...]] = (
        marker(
            "vi.ban",
            r"(?<![\p{L}\p{M}])(?:bạn|cậu|mày|tớ|tao)(?![\p{L}\p{M}])(?!\s+(?:bè|trai|gái|thân|học|của))",
            "informal",
            "informal address (bạn/cậu/mày)",
            flags=regex.I,
        ),
        marker(
            "vi.quy-vi",
            r"(?<![\p{L}\p{M}])(?:quý vị|quý khách|ạ)(?![\p{L}\p{M}])",
            "formal",
            "respectful address (quý vị/quý khách) or the particle ạ",
            flags=regex.I,
        ),
    )


Rules = Vietnamese
