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
  sentence become *quý vị ạ/nhé*. Where a compound's second syllable also begins a verb phrase, the
  next word decides: *bạn đồng ý* ("you agree") vs *bạn đồng hành* ("companion"), *bạn hàng ngày*
  ("you ... every day") vs *bạn hàng* ("trading partner"), *bạn học từ ...* ("you learn from ...")
  vs *bạn học của tôi* ("my classmate");
* *mình/tớ/tao* as the subject "I" -> *tôi* (not the reflexive *của mình*, *bản thân mình*), also
  after an opening answer word (*Không mình không hiểu* -> *Dạ không tôi không hiểu*);
* *Ừ/Ờ/Ừm/Uh* opening a sentence -> *Vâng*; question particles *hả/à* -> *ạ*;
* sentence-final *ạ* before the closing punctuation of each sentence (questions and statements);
* requests: a sentence opening with *Hãy/Đừng* becomes *Xin quý vị hãy/đừng ...* (the formal
  request frame names the addressee), one opening with a bare request verb (*Kể, Gửi, Cho tôi
  biết...*) gets *Vui lòng* — unless its clause has a degree adverb (*Nói chuyện với bạn rất vui*:
  the verb phrase is the subject of an evaluation, a statement);
* answers: an answer word opening the reply or a sentence after a question takes the deferential
  response particle, fused with it: *Không, ...* / *Không tôi ...* -> *Dạ không, ...*, *Chưa, ...* ->
  *Dạ chưa, ...*, *Có, ...* -> *Dạ có, ...*; only where the sentence type makes it an answer word
  (*không/chưa* before a comma, the end or a subject pronoun; *có/đúng/thật* before a comma or the
  end, also behind a final particle as in *Đúng rồi,*; *có* + pronoun outside a question), so
  *Không có gì ...*, *Thật là ...*, *Có chị ấy ở đó không?* are left; *Không phải ...* -> *Dạ,
  không phải ...*;
* a reply opening with bare *Vâng* becomes *Dạ vâng*; an echo question opening the reply (*Thật hả?*)
  becomes *Dạ thật ạ?*; an opening acknowledgement before a comma (*Được rồi,*) takes *ạ*, as does a
  question clause closed by a comma (*... là gì, ...*);
* a bare apology, wish or greeting names the customer: *xin lỗi vì ...* -> *xin lỗi quý vị vì ...*,
  *chúc một ngày vui vẻ* -> *chúc quý vị một ngày vui vẻ*, *Chào, ...* -> *Chào quý vị, ...*
  (Nguyễn Đình Hoà 1997, ch. 5: the addressee term is expressed in deferential speech where casual
  speech drops it).

Sentence-final *ạ* goes on every sentence, not only on questions: in the formal CoCoA-MT references
*ạ* closes about three questions in four but also about one statement in four, and the strict
register check counts it, so restricting it to questions (or to questions and sentences naming the
customer, or to questions and the last sentence) was measured: it lowered regF on both halves of the
development set by 5-32 points while raising the exact matches by 3-10 points, so the rule keeps the
generous placement (Thompson 1987, § 12.7: *ạ* may close any utterance addressed to a respected
listener).

Not done, on purpose: the vocative *thưa quý vị* and the opener *Dạ* before arbitrary statements.
The CoCoA-MT translators added them in about one formal reference in nine each, with no cue in the
informal text; inserting them everywhere would raise the strict register score of the development
set (to about 89 %) while making most outputs differ from every reference and reading as stilted.
Measured on the CoCoA-MT/IWSLT development pairs (2026-11-29): regF 77.2 %, keepF/keepI 100 %; about
a fifth of the discriminative pairs need one of those optional insertions (see docs/tone.md).

Formal -> informal is not done (quý vị/anh/chị/ạ cannot be mapped back to one informal register
reliably); the text comes back unchanged.

References:
    Nguyễn Đình Hoà. *Vietnamese: Tiếng Việt không son phấn*. Amsterdam: John Benjamins, 1997 —
    ch. 5 (personal pronouns and kinship terms of address, *bạn/mình/tôi*), ch. 8 (sentence-final
    particles *ạ, nhé, à, hả*).
    Thompson, Laurence C. *A Vietnamese Reference Grammar*. Honolulu: University of Hawaii Press,
    1987 — §§ 11 (pronouns and person classifiers), 12.7 (final particles, *ạ* "politeness").
    Ngô Như Bình. *Elementary Vietnamese*. Rev. ed. Tuttle, 2010 — polite answers with *dạ*,
    the particle *ạ*, terms of address.
    Cooke, Joseph R. *Pronominal Reference in Thai, Burmese, and Vietnamese*. UC Publications in
    Linguistics 52, 1968 — Vietnamese chapter: *quý vị, quý khách* as honorific address.
    Nădejde et al. (2022), CoCoA-MT (Findings of NAACL) — formal Vietnamese references use *quý vị*
    and sentence-final *ạ*; used as development data only.
"""

from __future__ import annotations

import itertools
from functools import lru_cache
from typing import ClassVar

import regex

from toneloc.rules._base import CultureRules, Edit, Marker, Rule, RuleContext, compile_rx, marker, match_case

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
# Second syllables of "bạn" compounds that also begin a verb phrase after the pronoun "bạn": the word
# after them decides. For "đồng" and "hàng" the verb readings are listed (đồng ý/tình/cảm "agree,
# concur, sympathise", hàng ngày/tuần "every day/week"; otherwise bạn đồng hành, bạn hàng: nouns);
# "học" is the noun "classmate" only before của/cũ/cùng/chung/ấy/thân or the end of the clause and
# the verb "learn, study" before its object or an adverbial (bạn học từ gia đình, bạn học ở đâu).
BAN_VERB_AFTER: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "đồng": (frozenset(["ý", "tình", "cảm"]), frozenset()),
    "hàng": (frozenset(["ngày", "tuần", "tháng", "năm", "giờ", "đêm", "sáng", "tối"]), frozenset()),
    "học": (frozenset(), frozenset(["", "của", "cũ", "cùng", "chung", "ấy", "thân"])),
}
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
    "vâng": "Dạ vâng",
}
# Answer words ("no", "not yet", "yes", "right", "true") that take the polite "Dạ" when they open a reply.
# không/chưa answer a question when a comma, the end of the sentence or a subject pronoun follows
# ("Không, tôi chưa xem", "Chưa tôi chưa xem"); có/đúng/thật before a comma or the end, also behind
# a final particle ("Có, ...", "Đúng rồi, ...", "Có chứ."), and có before a subject pronoun only
# outside a question ("Có tôi có." answers, "Có anh ấy ở đó không?" asks: the có ... không frame);
# "Đúng là ..." and "Thật là ..." are statements.
ANSWER_NEG = frozenset(["không", "chưa"])
ANSWER_POS = frozenset(["có", "đúng", "thật"])
# Subject pronouns after which a sentence-initial không/chưa is the answer word, not the negation of
# the verb ("Không tôi không hiểu": "No, I don't understand"; "Không ai ..." is "nobody", not listed).
ANSWER_SUBJECTS = frozenset(
    ["tôi", "mình", "tớ", "tao", "chúng", "họ", "nó", "cô", "anh", "chị", "ông", "bà", "em", "cháu", "con"]
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

_INFORMAL_ADDRESS = compile_rx(_B + r"(?:bạn|cậu|mày|mình|tớ|tao|ừ|ờ|ừm)" + _E, regex.I | regex.V1)
_SENTENCE = compile_rx(r"[^.?!…\n]+(?:[.?!…]+|\n|$)", regex.V1)
_WORD = compile_rx(_L + r"+", regex.V1)
_NEXT_WORD = compile_rx(r"[ \t]*(" + _L + r"+)", regex.V1)
_SPACES = compile_rx(r"\s+", regex.V1)
_CORE = compile_rx(r"(?:các\s+)?\p{L}+", regex.V1)
_SENT_END = compile_rx(r"[.?!…\n]|$", regex.V1)
_FIRST_SENT = compile_rx(r"[^.?!…\n]*[.?!…]?", regex.V1)
_TWO_LETTERS = compile_rx(r"\p{L}{2,}", regex.V1)
_QUESTION_OR_LINE = compile_rx(r"[?\n]", regex.V1)
_CLAUSE_END = compile_rx(r"[,;:.?!…\n]|$", regex.V1)
_EVALUATIVE = compile_rx(_B + r"(?:rất|lắm|quá|hẳn)" + _E, regex.I | regex.V1)
_ECHO_QUESTION = compile_rx(r"\s*\p{L}+(?:\s+\p{L}+)?\s+(?:hả|à|ư|sao)\s*\?", regex.I | regex.V1)


def _words(text: str) -> list[regex.Match[str]]:
    return list(_WORD.finditer(text))


@lru_cache(maxsize=16)
def uses_informal_address(text: str) -> bool:
    """Whether *text* addresses someone with an informal pronoun or backchannel (gate for all rules).

    Cached: every rule of a pass asks about the same text.
    """
    for m in _INFORMAL_ADDRESS.finditer(text):
        w = m.group(0).lower()
        if w == "bạn" and not _ban_is_pronoun(text, m):
            continue
        if w == "mình" and not _minh_is_i(text, m):
            continue
        return True
    return False


def _is_letter(c: str) -> bool:
    return c.isalpha() or "\u0300" <= c <= "\u036f"  # letters and the combining tone marks


def _prev_word(text: str, pos: int) -> str:
    """The word before *pos* (lower case) in the same clause, or "" (a scan, no regex: called per pronoun)."""
    lo = max(0, pos - 30)
    i = pos
    while i > lo and not _is_letter(text[i - 1]):
        if text[i - 1] in ".?!,;:":
            return ""
        i -= 1
    j = i
    while j > lo and _is_letter(text[j - 1]):
        j -= 1
    return text[j:i].lower()


def _opens_sentence(text: str, pos: int) -> bool:
    """Whether the one word before *pos* is the first word of its sentence (a scan, no regex)."""
    i = pos
    while i and text[i - 1].isspace():
        i -= 1
    while i and _is_letter(text[i - 1]):
        i -= 1
    while i and text[i - 1] in " \t":
        i -= 1
    return i == 0 or text[i - 1] in ".?!…\n"


def _next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text, pos, pos + 30)
    return m.group(1).lower() if m else ""


def _ban_is_pronoun(text: str, m: regex.Match[str]) -> bool:
    nm = _NEXT_WORD.match(text, m.end(), m.end() + 30)
    nxt = nm.group(1).lower() if nm else ""
    prev = _prev_word(text, m.start())
    if prev in BAN_NOUN_PREV:
        return False
    if nxt in BAN_VERB_AFTER:  # "bạn đồng ý" (you agree) vs "bạn đồng hành" (companion)
        assert nm is not None
        verb, noun = BAN_VERB_AFTER[nxt]
        nxt2 = _next_word(text, nm.end())
        return nxt2 in verb if verb else nxt2 not in noun
    if nxt in BAN_COMPOUND_NEXT:
        return False
    return nxt != "của"  # "bạn của tôi": my friend


def _minh_is_i(text: str, m: regex.Match[str]) -> bool:
    prev = _prev_word(text, m.start())
    nxt = _next_word(text, m.end())
    if prev in MINH_REFLEXIVE_PREV or nxt in ("mẩy", "ấy"):
        return False
    if prev == "":  # sentence or clause start: subject "I"
        return True
    if prev in ANSWER_NEG:  # "Không mình không hiểu": after an opening answer word "mình" is the subject
        return _opens_sentence(text, m.start())
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
        # verbs of thinking and sentence adverbs take a clause whose subject "mình" is "I"
        # ("tôi nghĩ mình sẽ ...", "chắc hẳn mình hiểu sai ..."; Thompson 1987, § 11)
        "nghĩ",
        "thấy",
        "đoán",
        "tin",
        "mong",
        "vọng",
        "sợ",
        "hẳn",
        "lẽ",
        "chắc",
        "rồi",
        "giờ",
        "nay",
    )


class AddressRule:
    """bạn/cậu/mày (pronoun "you") -> the culture's address term; vocative bạn à -> quý vị ạ."""

    id = "vi.address.you"
    explanation = "the customer is addressed as quý vị (or the configured address term), not bạn"

    def __init__(self, address: str) -> None:
        self.address = address
        self._pat = compile_rx(
            _B + r"(?:các\s+)?(?:bạn|cậu|mày)" + _E + r"(?:\s+(?:à|ơi|hả)" + _E + ")?", regex.I | regex.V1
        )

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        if not uses_informal_address(text):
            return out
        for m in self._pat.finditer(text):
            word = m.group(0)
            core = _CORE.match(word)
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
    _pat = compile_rx(_B + r"(?:mình|tớ|tao)" + _E, regex.I | regex.V1)

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
    _pat = compile_rx(
        r"(?:^|(?<=[.?!…(]\s*)|(?<=\n))(ừ\s+ừ|ừm|ừa|ừ|ờ|uh|à|chà|vâng)" + _E + r"(?=\s*[,.!]|\s+\p{L})",
        regex.I | regex.V1,
    )
    _lead = compile_rx(r"\s*", regex.V1)

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        for m in self._pat.finditer(text):
            key = _SPACES.sub(" ", m.group(1).lower())
            if key in ("à", "chà", "vâng") and not uses_informal_address(text):
                continue  # neutral interjections: only in a text that is being made formal
            after = BACKCHANNEL[key]
            if key == "vâng":
                lead = self._lead.match(text)
                if lead is None or lead.end() != m.start(1):
                    continue  # only the reply's opening "Vâng" takes Dạ (Dạ vâng: the deferential "yes")
            out.append(Edit(m.start(1), m.end(1), m.group(1), match_case(m.group(1), after), self.id, self.explanation))
        return out


class WeRule:
    """bọn tôi/tụi mình ("us lot") -> chúng tôi."""

    id = "vi.address.we"
    explanation = "the company speaks of itself as chúng tôi"
    _pat = compile_rx(_B + r"(?:bọn|tụi)\s+(?:tôi|mình|tớ|tao)" + _E, regex.I | regex.V1)

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        for m in self._pat.finditer(text):
            key = _SPACES.sub(" ", m.group(0).lower())
            after = match_case(m.group(0), WE_INFORMAL[key])
            out.append(Edit(m.start(), m.end(), m.group(0), after, self.id, self.explanation))
        return out


class OpenerRule:
    """A reply opening with an answer word takes the polite "Dạ": "Không, tôi ..." -> "Dạ không, tôi ...".

    *Dạ* is the deferential response particle (Thompson 1987, § 12.7; Ngô Như Bình 2010: *Dạ
    vâng / Dạ không / Dạ chưa* answer an elder or a customer); it fuses with the answer word, so no
    comma is inserted. An answer word is recognised only where the sentence type makes it one: at
    the start of the text or of a sentence that follows a question, *không/chưa* before a comma, the
    end of the sentence or a subject pronoun, *có/đúng/thật* before a comma or the end of the
    sentence, and *có* before a subject pronoun in a sentence that is not a question. *Không phải
    ...* (a denial) becomes *Dạ, không phải ...*; a reply opening with *Bởi vì* (the answer to
    "why") becomes *Dạ, bởi vì*; an echo question opening the reply (*Thật hả?*) becomes *Dạ thật
    ạ?* (with the final-particle rule).
    """

    id = "vi.opener"
    explanation = "a polite answer to a customer opens with Dạ (respectful response particle)"
    _word = compile_rx(r"\s*(" + _L + r"+)", regex.V1)
    # after the answer word: punctuation or the end (group 1), also behind a final particle ("Đúng
    # rồi,", "Có chứ.", "Chưa đâu."), or the next word (group 2)
    _after = compile_rx(
        r"[ \t]*(?:(,|[.!?…]|$|(?:rồi|vậy|thế|chứ|đâu)" + _E + r"[ \t]*(?:,|[.!?…]|$))|(" + _L + r"+))",
        regex.I | regex.V1,
    )

    def _sentence_starts(self, text: str) -> list[regex.Match[str]]:
        """The first word of the text and of every sentence after a question mark or line break."""
        found = []
        for pos in itertools.chain((0,), (b.end() for b in _QUESTION_OR_LINE.finditer(text))):
            m = self._word.match(text, pos)
            if m is not None and "\n" not in text[pos : m.start(1)]:
                found.append(m)
        return found

    @staticmethod
    def _statement(text: str, pos: int) -> bool:
        """Whether the sentence from *pos* is not a question ("Có tôi có." answers; "Có anh ... không?" asks)."""
        end = _SENT_END.search(text, pos)
        assert end is not None
        return text[end.start() : end.end()] != "?"

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        if not uses_informal_address(text):
            return []
        out: list[Edit] = []
        first = _WORD.search(text)
        for m in self._sentence_starts(text):
            w = m.group(1)
            low = w.lower()
            s = m.start(1)
            if first is not None and s == first.start():  # the opening of the reply
                first_sentence = _FIRST_SENT.match(text)
                assert first_sentence is not None
                if _ECHO_QUESTION.fullmatch(first_sentence.group(0).rstrip()):
                    out.append(Edit(s, s + 1, w[0], match_case(w[0], "dạ") + " " + w[0].lower(), self.id,
                                    self.explanation))
                    continue
                if low == "bởi" and _next_word(text, m.end()) == "vì":
                    out.append(Edit(s, s + 1, w[0], match_case(w[0], "dạ") + ", " + w[0].lower(), self.id,
                                    self.explanation))
                    continue
            if low not in ANSWER_NEG and low not in ANSWER_POS:
                continue
            nxt = self._after.match(text, m.end())
            if nxt is None:
                continue
            follower = (nxt.group(2) or "").lower()
            if low in ANSWER_NEG and follower == "phải":
                after = match_case(w[0], "dạ") + ", " + w[0].lower()  # "Dạ, không phải ...": a denial
            elif nxt.group(1) is not None or (
                follower in ANSWER_SUBJECTS and (low in ANSWER_NEG or self._statement(text, s))
            ):
                after = match_case(w[0], "dạ") + " " + w[0].lower()
            else:
                continue
            out.append(Edit(s, s + 1, w[0], after, self.id, self.explanation))
        return out


class RequestRule:
    """Hãy ... -> Xin hãy ...; a sentence opening with a request verb gets Vui lòng."""

    id = "vi.request"
    explanation = "requests to a customer open with Xin/Vui lòng (please)"
    _pat = compile_rx(r"(?:^|[.?!…]\s+|\n)(" + _L + r"+)", regex.V1)

    def __init__(self, address: str = "quý vị") -> None:
        self.address = address

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        if not uses_informal_address(text):
            return out
        for m in self._pat.finditer(text):
            w = m.group(1)
            low = w.lower()
            if low in ("hãy", "đừng"):
                # Xin + address + hãy/đừng: the request names the customer (Xin quý vị hãy ..., "please
                # would you ..."), the usual formal request frame (Thompson 1987, § 12.7; Nguyễn Đình Hoà
                # 1997, ch. 8); a subject already before hãy/đừng ("Quý vị hãy") is left alone.
                after = match_case(w, "xin") + " " + self.address + " " + low
            elif low in REQUEST_VERBS and _next_word(text, m.end()) not in ("đến", "nên", "rằng", "là"):
                sent_end = _SENT_END.search(text, m.end())
                assert sent_end is not None
                if text[sent_end.start() : sent_end.end()] == "?":
                    continue
                clause_end = _CLAUSE_END.search(text, m.end())
                assert clause_end is not None
                if _EVALUATIVE.search(text, m.end(), clause_end.start()):
                    # "Nói chuyện với bạn rất vui": the verb phrase is the subject of an evaluative
                    # predicate (degree adverb rất/lắm/quá/hẳn), a statement, not a request; Vietnamese
                    # verb phrases are subjects without a nominaliser (Thompson 1987).
                    continue
                after = match_case(w, "vui lòng") + " " + low
            else:
                continue
            out.append(Edit(m.start(1), m.end(1), w, after, self.id, self.explanation))
        return out


class AckParticleRule:
    """An opening acknowledgement before a comma takes ạ: "Được rồi, ..." -> "Được rồi ạ, ..."."""

    id = "vi.particle.ack"
    explanation = "a stand-alone acknowledgement to a customer ends with the polite particle ạ"
    _pat = compile_rx(
        r"^\s*(?:được\s+rồi|đúng\s+rồi|ok|okay|hay\s+quá|tuyệt\s+quá|tuyệt\s+vời|thế\s+à|vậy\s+à)(?=\s*,)",
        regex.I | regex.V1,
    )

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        if not uses_informal_address(text):
            return []
        m = self._pat.match(text)
        if m is None:
            return []
        return [Edit(m.end(), m.end(), "", " ạ", self.id, self.explanation)]


class ApologyAddressRule:
    """A bare "xin lỗi" (sorry) names the customer: "xin lỗi vì ..." -> "xin lỗi quý vị vì ..."."""

    id = "vi.apology"
    explanation = "a formal apology names the person apologised to (xin lỗi quý vị)"
    _pat = compile_rx(_B + r"xin\s+lỗi(?=\s+vì" + _E + r"|\s*[,.!])", regex.I | regex.V1)

    def __init__(self, address: str = "quý vị") -> None:
        self.address = address

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        if not uses_informal_address(text):
            return []
        return [
            Edit(m.end(), m.end(), "", " " + self.address, self.id, self.explanation) for m in self._pat.finditer(text)
        ]


class WishAddressRule:
    """A wish names the customer: "chúc một ngày vui vẻ" -> "chúc quý vị một ngày vui vẻ"."""

    id = "vi.wish"
    explanation = "a formal wish (chúc ...) names the person it is addressed to"
    _pat = compile_rx(_B + r"chúc(?=\s+(\p{L}+))", regex.I | regex.V1)
    _has_object = frozenset(
        ["bạn", "cậu", "quý", "anh", "chị", "em", "ông", "bà", "cô", "chú", "bác", "mọi", "các", "cả", "mừng", "tụng"]
    )

    def __init__(self, address: str = "quý vị") -> None:
        self.address = address

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        if not uses_informal_address(text):
            return []
        return [
            Edit(m.end(), m.end(), "", " " + self.address, self.id, self.explanation)
            for m in self._pat.finditer(text)
            if m.group(1).lower() not in self._has_object
        ]


class GreetingAddressRule:
    """A bare greeting names the customer: "Chào, tôi là An" -> "Chào quý vị, tôi là An"."""

    id = "vi.greeting"
    explanation = "a formal greeting names the person greeted (chào quý vị)"
    # "Chào"/"Xin chào" opening a sentence and followed by punctuation, the end, or the speaker's own
    # pronoun (a greeting run into the next clause without a comma: "Chào tôi là An").
    _pat = compile_rx(
        r"(?:^|(?<=[.?!…]\s*)|(?<=\n))[ \t]*((?:xin\s+)?chào)(?:(?=\s*(?:[,.!…]|$))|(?=\s+(?:tôi|mình|tớ)" + _E + "))",
        regex.I | regex.V1,
    )

    def __init__(self, address: str = "quý vị") -> None:
        self.address = address

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        if not uses_informal_address(text):
            return []
        out: list[Edit] = []
        for m in self._pat.finditer(text):
            e = m.end(1)
            rest = text[e : e + 1]
            after = " " + self.address + ("," if rest.isspace() else "")
            out.append(Edit(e, e, "", after, self.id, self.explanation))
        return out


class ClauseParticleRule:
    """A question clause closed by a comma takes ạ: "... là gì, ..." -> "... là gì ạ, ..."."""

    id = "vi.particle.clause"
    explanation = "ạ closes a question addressed to the customer, also before a comma"
    _pat = compile_rx(_B + r"(?:là\s+gì|thì\s+sao|thế\s+nào|ra\s+sao)(?=\s*,)", regex.I | regex.V1)

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        if not uses_informal_address(text):
            return []
        return [Edit(m.end(), m.end(), "", " ạ", self.id, self.explanation) for m in self._pat.finditer(text)]


class FinalParticleRule:
    """Sentence-final ạ (politeness) before the closing punctuation; hả/à -> ạ."""

    id = "vi.particle.a"
    explanation = "the particle ạ at the end of a sentence marks politeness to the listener"

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        if not uses_informal_address(text):
            return out
        for m in _SENTENCE.finditer(text):
            body = m.group(0).rstrip()
            k = len(body)  # strip the closing punctuation and the spaces around it (scans, no regex)
            while k and body[k - 1] in ".?!…":
                k -= 1
            while k and body[k - 1].isspace():
                k -= 1
            core = body[:k]
            if core.endswith(",") or not _TWO_LETTERS.search(core):
                continue
            j = k
            while j and _is_letter(core[j - 1]):
                j -= 1
            if j == k:
                continue  # ends in a digit, emoji or symbol
            lw = core[j:].lower()
            if lw == "ạ":
                continue
            if lw in ("hả", "à", "nhỉ") and (j == 0 or not _is_letter(core[j - 1])):
                s = m.start() + j
                out.append(Edit(s, s + len(lw), core[j:], "ạ", self.id, self.explanation))
                continue
            pos = m.start() + k
            out.append(Edit(pos, pos, "", " ạ", self.id, self.explanation))
        return out


class Vietnamese(CultureRules):
    """Vietnamese: quý vị/tôi, ạ, Vâng, Xin/Vui lòng.

    >>> from toneloc.tone import rewrite
    >>> rewrite("Bạn hiểu điều tôi vừa giải thích.", "vi-VN").text
    'Quý vị hiểu điều tôi vừa giải thích ạ.'
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
        "Ngô Như Bình (2010). Elementary Vietnamese, rev. ed. Tuttle — polite answers with dạ, the particle ạ.",
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
            RequestRule(addr),
            # "Dạ" only before an answer word (Dạ không, Dạ chưa, Dạ có): the polite form of a reply
            # (Nguyễn Đình Hoà 1997, ch. 8); before other statements it would add words the draft lacks.
            OpenerRule(),
            WeRule(),
            AddressRule(addr),
            SelfReferenceRule(),
            AckParticleRule(),
            ApologyAddressRule(addr),
            WishAddressRule(addr),
            GreetingAddressRule(addr),
            ClauseParticleRule(),
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
