"""Korean (ko) tone rules: banmal (반말) -> 해요체 polite speech, 나/너 -> 저/당신, 응 -> 네.

Korean marks the relation to the listener in the *sentence-final ending*. Support replies use the
polite informal style 해요체 (-아요/-어요, -예요/-이에요, -죠) or the deferential 하십시오체; never
반말 (-아/-어, -야, -지). Speaker pronouns are humbled (나 -> 저, 내가 -> 제가, 내 -> 제) and the
listener is not addressed as 너 (you, to a friend or junior).

What the rules do (informal -> formal):

* sentence-final endings, on the last word before ``. ? ! …``, a line break or the end of the text
  (and before a comma where the ending is unambiguously final): -아/-어/-여/-해/-와/-워... -> + 요,
  -이야 -> -이에요, vowel + -야 -> -예요 (거야 -> 거예요), 아니야 -> 아니에요, -지 -> -죠,
  -자 (suggestion) -> -죠, -니/-냐 (question) -> -나요, and -잖아/-거든/-는데/-네/-군/-걸/-게/-래/-까
  + 요; words already ending in 요, -니다, -니까 are left alone;
* set phrases: 응/어 -> 네, 아니 -> 아니요, 고마워 -> 감사합니다, 미안해 -> 죄송합니다, 안녕 -> 안녕하세요;
* speaker: 나는/난 -> 저는/전, 내가 -> 제가, 나를/날 -> 저를, 나도/나한테/나랑... -> 저도/저한테/저랑,
  내 + noun -> 제;
* listener: 너/네가/너는/넌/너를/널/네 + noun -> the address term (``당신``, the form the
  CoCoA-MT translators chose; a support team may prefer ``고객님``: ``Korean(address="고객님")``),
  너희(들) -> 여러분.

Formal -> informal is not done (the honorific -시- and 해요체 endings cannot be mapped back to one
반말 form reliably); the text comes back unchanged. Verb honorification (-시-, 좋아하시는) is not
added: it depends on who the subject is.

References:
    Sohn, Ho-min. *The Korean Language*. Cambridge University Press, 1999 — § 9.3 (speech levels:
    해체/반말, 해요체, 하십시오체), § 9.4 (humble pronouns 저/제, address terms).
    Yeon, Jaehoon & Lucien Brown. *Korean: A Comprehensive Grammar*. Routledge, 2011 — ch. 7
    (speech styles and sentence enders -아요/-어요, -예요/-이에요, -죠 from -지요, -나요), ch. 3
    (pronouns 나/저, 너, 당신 and their restrictions).
    National Institute of Korean Language, *표준 언어 예절* (Standard Language Etiquette), 2011 —
    address terms for customers (고객님) and polite endings in service speech.
"""

from __future__ import annotations

from typing import ClassVar

import regex

from toneloc.rules._base import CultureRules, Edit, Marker, Rule, RuleContext, marker

__all__ = ["Korean", "Rules", "polite_ending"]

_H = r"[\p{Hangul}]"
_B = r"(?<![\p{Hangul}\p{L}])"
_E = r"(?![\p{Hangul}\p{L}])"

# Final syllables (no batchim) of the -아/-어 conjugation that take 요 directly.
_AEO_VOWELS = frozenset((0, 4, 1, 6, 9, 14, 10))  # ㅏ ㅓ ㅐ ㅕ ㅘ ㅝ ㅙ (jungseong indexes)
# Suffixes (with their polite form) tried longest first.
SUFFIXES: tuple[tuple[str, str], ...] = (
    ("아니야", "아니에요"),
    ("이야", "이에요"),
    ("잖아", "잖아요"),
    ("거든", "거든요"),
    ("는데", "는데요"),
    ("은데", "은데요"),
    ("ㄴ데", "ㄴ데요"),
    ("구나", "군요"),
    ("군", "군요"),
    ("네", "네요"),
    ("걸", "걸요"),
    ("게", "게요"),
    ("래", "래요"),
    ("까", "까요"),
    ("지", "죠"),
    ("자", "죠"),
    ("니", "나요"),
    ("냐", "나요"),
    ("었나", "었나요"),
    ("았나", "았나요"),
    ("했나", "했나요"),
    ("다고", "다고요"),  # reported/echo question: 있었다고? -> 있었다고요? (Yeon & Brown 2011, ch. 7)
    ("라고", "라고요"),
)
# Final words that are nouns or interjections, not verb endings (left alone).
NOT_ENDINGS = frozenset(
    [
        "엄마",
        "아빠",
        "나",
        "너",
        "우리",
        "누나",
        "언니",
        "오빠",
        "형",
        "아저씨",
        "아줌마",
        "할머니",
        "할아버지",
        "아이",
        "아기",
        "친구",
        "여자",
        "남자",
        "사과",
        "바나나",
        "커피",
        "차",
        "카페",
        "아파트",
        "가게",
        "회사",
        "학교",
        "시계",
        "노래",
        "나라",
        "바다",
        "하나",
        "둘",
        "셋",
        "다섯",
        "여섯",
        "뭐",
        "왜",
        "어디",
        "누구",
        "언제",
        "어때서",
        "게",
        "네",
        "내",
        "제",
        "거",
        "이",
        "그",
        "저",
        "야",
        "자",
        "지",
        "니",
        "걸",
        "군",
        "까",
        "래",
        "데",
        "뭔데",
        "그게",
        "이게",
        "저게",
        "문제",
        "얘기",
        "이야기",
        "날씨",
        "바지",
        "의자",
        "모자",
        "과자",
        "남자",
        "여자",
        "기자",
        "판사",
        "의사",
        "교사",
        "가수",
        "배우",
        "사이",
        "어디",
        "거기",
        "여기",
        "저기",
        "아래",
        "위",
        "뒤",
        "주스",
        "버스",
        "택시",
        "제가",
        "내가",
        "네가",
        "니가",
        "저",
        "당신",
        "님",
        "여러분",
        "세상에",
        "인터넷",
        "서비스",
        "뉴스",
        "게임",
        "스포츠",
        "에피소드",
        "드라마",
        "시리즈",
        "비디오",
        "라디오",
        "스테레오",
        "포토",
        "로고",
        "메모",
        "데모",
        "케이스",
    ]
)
SET_PHRASES: dict[str, str] = {
    "응": "네",
    "어어": "네",
    "웅": "네",
    "아니": "아니요",
    "고마워": "감사합니다",
    "고마워요": "감사합니다",
    "미안해": "죄송합니다",
    "미안": "죄송합니다",
    "안녕": "안녕하세요",
    "잘가": "안녕히 가세요",
}
SPEAKER: dict[str, str] = {
    "나는": "저는",
    "난": "전",
    "내가": "제가",
    "나를": "저를",
    "날": "저를",
    "나도": "저도",
    "나한테": "저한테",
    "나에게": "저에게",
    "나랑": "저랑",
    "나와": "저와",
    "나의": "저의",
    "나만": "저만",
    "나부터": "저부터",
    "나처럼": "저처럼",
    "나보다": "저보다",
    "우리": "저희",
    "우리는": "저희는",
    "우린": "저흰",
    "우리가": "저희가",
    "우리를": "저희를",
    "우리도": "저희도",
    "우리한테": "저희한테",
    "우리에게": "저희에게",
}
LISTENER_SUFFIX: dict[str, str] = {
    "너": "",
    "네가": "이",
    "니가": "이",
    "너는": "은",
    "넌": "은",
    "너를": "을",
    "널": "을",
    "너의": "의",
    "너도": "도",
    "너와": "과",
    "너랑": "이랑",
    "너한테": "한테",
    "너에게": "에게",
    "너만": "만",
    "너처럼": "처럼",
    "너보다": "보다",
}
LISTENER_PLURAL = ("너희들", "너희", "너네")


def _jong(ch: str) -> int:
    """Batchim index of a Hangul syllable (0 = none), -1 if not a syllable."""
    o = ord(ch) - 0xAC00
    return o % 28 if 0 <= o < 11172 else -1


def _jung(ch: str) -> int:
    o = ord(ch) - 0xAC00
    return (o // 28) % 21 if 0 <= o < 11172 else -1


def polite_ending(word: str) -> str | None:
    """The 해요체 form of a 반말 sentence-final *word*, or ``None`` when it is not one.

    >>> polite_ending("같아"), polite_ending("거야"), polite_ending("사람들이야"), polite_ending("알지")
    ('같아요', '거예요', '사람들이에요', '알죠')
    >>> polite_ending("있어요") is None, polite_ending("엄마") is None
    (True, True)
    """
    if len(word) < 1 or word in NOT_ENDINGS or not regex.fullmatch(_H + "+", word, regex.V1):
        return None
    if word.endswith(("요", "니다", "니까", "시오", "세요")):
        return None
    if word.endswith("셔"):  # honorific 알+시+어 = 아셔 -> 아세요
        return word[:-1] + "세요"
    if word.endswith("지") and len(word) >= 2 and _jong(word[-2]) == 4:
        return None  # -ㄴ지/-는지: embedded question ("뭘 하는지"), not the final -지
    for suffix, polite in SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)] + polite
    if word.endswith(("었다", "았다", "였다", "했다")) and len(word) >= 3:
        return word[:-1] + "어요"
    if (
        word.endswith(
            (
                "하다",
                "지다",
                "좋다",
                "싫다",
                "같다",
                "많다",
                "크다",
                "작다",
                "쉽다",
                "어렵다",
                "재밌다",
                "재미있다",
                "멋있다",
                "귀엽다",
                "예쁘다",
                "이상하다",
            )
        )
        and len(word) >= 2
    ):
        return word[:-1] + "네요"
    last = word[-1]
    if word.endswith("아니야"):  # 아니다 takes -에요, not the copula's -예요 (표준국어대사전)
        return word[:-1] + "에요"
    if last == "야" and len(word) >= 2:
        return word[:-1] + ("예요" if _jong(word[-2]) == 0 else "이에요")
    if _jong(last) == 0 and _jung(last) in _AEO_VOWELS and len(word) >= 2:
        return word + "요"
    if len(word) == 1 and last in "해돼봐와줘가써자":
        return word + "요" if last != "자" else None
    return None


_POLITE = regex.compile(r"\p{Hangul}(?:요|니다|니까|세요|시오)(?=[ \t]*(?:[.?!…~,]|\n|$))", regex.V1)


def already_polite(text: str) -> bool:
    """Whether *text* already ends a sentence in 해요체/하십시오체. Such a text is treated as formal and
    left unchanged: a 반말 phrase inside it is usually quoted speech ("...있겠어? 하는 것 같군요")."""
    return _POLITE.search(text) is not None


_FINAL_WORD = regex.compile(r"(" + _H + r"+)(?=[ \t]*(?:[.?!…~]+|\n|$))", regex.V1)
_COMMA_WORD = regex.compile(r"(" + _H + r"+)(?=,)", regex.V1)
_COMMA_SAFE = (
    "잖아",
    "거야",
    "이야",
    "같아",
    "있어",
    "없어",
    "했어",
    "였어",
    "았어",
    "었어",
    "거지",
    "알지",
    "했지",
    "그래",
    "맞아",
    "좋아",
    "는데",
    "은데",
    "거든",
    "구나",
    "말이야",
    "할게",
    "줄게",
)

# Vowel (jungseong index) of a contracted -아/-어 syllable -> the vowel of the verb stem.
_CONTRACTED_STEM_VOWEL = {
    9: 8,
    14: 13,
    6: 20,
    4: 18,
    1: 0,
    0: 0,
    10: 11,
}  # ㅘ->ㅗ ㅝ->ㅜ ㅕ->ㅣ ㅓ->ㅡ ㅐ->ㅏ ㅏ->ㅏ ㅙ->ㅚ
HONORIFIC_IRREGULAR: dict[str, str] = {
    "먹어": "드세요",
    "먹었어": "드셨어요",
    "자": "주무세요",
    "잤어": "주무셨어요",
    "있어": "있으세요",
    "있었어": "있으셨어요",
    "마셔": "드세요",
    "말해": "말씀하세요",
}


def _syllable(lead: int, vowel: int, tail: int) -> str:
    return chr(0xAC00 + (lead * 21 + vowel) * 28 + tail)


def _stem_of(form: str) -> str | None:
    """Verb stem of a -아/-어 form (해 -> 하, 봐 -> 보, 읽어 -> 읽, 알아 -> 알), or None."""
    if not form:
        return None
    last = form[-1]
    if last in "아어" and len(form) >= 2 and _jong(form[-2]) > 0:
        return form[:-1]
    o = ord(last) - 0xAC00
    if not 0 <= o < 11172 or o % 28:
        return None
    lead, vowel = o // 28 // 21, (o // 28) % 21
    if vowel not in _CONTRACTED_STEM_VOWEL:
        return None
    return form[:-1] + _syllable(lead, _CONTRACTED_STEM_VOWEL[vowel], 0)


def honorific_question(word: str) -> str | None:
    """-(으)세요 / -(으)셨어요 form of a 반말 question verb addressed to the listener.

    >>> honorific_question("있어"), honorific_question("생각해"), honorific_question("봤어"), honorific_question("알아")
    ('있으세요', '생각하세요', '보셨어요', '아세요')
    """
    if word in HONORIFIC_IRREGULAR:
        return HONORIFIC_IRREGULAR[word]
    past = False
    base = word
    if len(word) >= 2 and word.endswith("어") and _jong(word[-2]) == 20:  # ㅆ: past 봤어/했어/먹었어
        past = True
        prev = word[-2]
        o = ord(prev) - 0xAC00
        lead, vowel = o // 28 // 21, (o // 28) % 21
        if prev in "었았였" and len(word) >= 3:
            base = word[:-2] + ("어" if prev == "었" else "아" if prev == "았" else "여")
            if prev == "였":
                base = word[:-2] + "여"
        else:
            base = word[:-2] + _syllable(lead, vowel, 0)
    stem = _stem_of(base) if base[-1] not in "여" or len(base) < 2 else base[:-1] + "이"
    if stem is None:
        return None
    end_s = "셨어요" if past else "세요"
    end_eu = "으셨어요" if past else "으세요"
    j = _jong(stem[-1])
    if j == 8:  # ㄹ stem: 알 -> 아세요
        o = ord(stem[-1]) - 0xAC00
        return stem[:-1] + chr(0xAC00 + o - 8) + end_s
    if j > 0:
        return stem + end_eu
    return stem + end_s


_FIRST_PERSON = regex.compile(
    r"(?<!\p{Hangul})(?:나|내가|나는|난|내|저|제가|저는|우리|우린|저희)(?!\p{Hangul})", regex.V1
)


def _sentence_before(text: str, pos: int) -> str:
    start = max(text.rfind(c, 0, pos) for c in ".?!\n")
    return text[start + 1 : pos]


class HonorificModifierRule:
    """In a question to the listener, -하는/-했던 modifiers take the honorific -시- (좋아하시는)."""

    id = "ko.haeyo.honorific"
    explanation = "verbs whose subject is the customer take the honorific -시-"
    _pat = regex.compile(r"(\p{Hangul}*하)(는|던)(?=\s)|(\p{Hangul}*)(봤던)(?=\s)", regex.V1)

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        if already_polite(text):
            return out
        for m in regex.finditer(r"[^.?!\n]*\?", text, regex.V1):
            sent = m.group(0)
            if _FIRST_PERSON.search(sent):
                continue
            for w in self._pat.finditer(sent):
                s0 = m.start() + w.start()
                if w.group(1):
                    before = w.group(0)
                    after = w.group(1) + "시" + w.group(2)
                else:
                    before = w.group(0)
                    after = w.group(3) + "보셨던"
                out.append(Edit(s0, s0 + len(before), before, after, self.id, self.explanation))
        return out


class EndingRule:
    """Sentence-final 반말 endings -> 해요체 (-아/-어 + 요, -야 -> -예요/-이에요, -지 -> -죠...)."""

    id = "ko.haeyo.ending"
    explanation = "a reply to a customer ends its sentences in the polite 해요체"

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        if already_polite(text):
            return out
        for pat, comma in ((_FINAL_WORD, False), (_COMMA_WORD, True)):
            for m in pat.finditer(text):
                s, e = m.span(1)
                if s > 0 and regex.match(r"[\p{L}\p{N}]", text[s - 1]):
                    continue
                word = m.group(1)
                if word in SET_PHRASES or word in SPEAKER or word in LISTENER_SUFFIX:
                    continue
                if comma and not word.endswith(_COMMA_SAFE):
                    continue
                after = None
                question = text[e : e + 3].lstrip().startswith("?")
                if question and not _FIRST_PERSON.search(_sentence_before(text, s)):
                    after = (
                        honorific_question(word)
                        if word.endswith(("어", "아", "해", "봐", "와", "줘", "써", "가"))
                        else None
                    )
                if after is None:
                    after = polite_ending(word)
                if after is not None:
                    out.append(Edit(s, e, word, after, self.id, self.explanation))
        return out


class SetPhraseRule:
    """응 -> 네, 아니 -> 아니요, 고마워 -> 감사합니다... as whole utterances."""

    id = "ko.haeyo.phrase"
    explanation = "polite set phrases for yes/no, thanks and apologies"
    _pat = regex.compile(
        _B + "(" + "|".join(sorted(SET_PHRASES, key=len, reverse=True)) + ")" + r"(?=\s*[,.!?…~]|\s*$)", regex.V1
    )

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        if already_polite(text):
            return out
        for m in self._pat.finditer(text):
            w = m.group(1)
            if (
                w in ("아니", "미안", "안녕")
                and m.end() < len(text)
                and text[m.end() :].lstrip()[:1] not in (",", ".", "!", "?", "…", "")
            ):
                continue
            out.append(Edit(m.start(1), m.end(1), w, SET_PHRASES[w], self.id, self.explanation))
        return out


class SpeakerRule:
    """나/내 -> 저/제 (humble first person)."""

    id = "ko.humble.speaker"
    explanation = "the speaker humbles itself before a customer: 저/제 instead of 나/내"
    _pat = regex.compile(_B + "(" + "|".join(sorted(SPEAKER, key=len, reverse=True)) + ")" + _E, regex.V1)
    _nae = regex.compile(_B + r"내(?=[ \t]+\p{Hangul})", regex.V1)

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        if already_polite(text):
            return []
        out = [
            Edit(m.start(1), m.end(1), m.group(1), SPEAKER[m.group(1)], self.id, self.explanation)
            for m in self._pat.finditer(text)
        ]
        for m in self._nae.finditer(text):
            out.append(Edit(m.start(), m.end(), "내", "제", self.id, "possessive 내 (my) -> 제"))
        return out


class ListenerRule:
    """너/네가/너는/네 + noun -> the address term with the right particle."""

    id = "ko.address.listener"
    explanation = "a customer is not addressed as 너"

    def __init__(self, address: str) -> None:
        self.address = address
        keys = sorted(LISTENER_SUFFIX, key=len, reverse=True)
        self._pat = regex.compile(_B + "(" + "|".join(keys) + ")" + _E, regex.V1)
        self._ne = regex.compile(r"(?:(?<=[\p{Hangul}\p{L}\p{P}][ \t]+)|(?<=^[ \t]*))네(?=[ \t]+\p{Hangul})", regex.V1)
        self._plural = regex.compile(_B + r"(?:너희들|너희|너네)" + r"(?=[가는를도의와랑]?" + _E + ")", regex.V1)
        self._plural_particle = {"가": "이", "는": "은", "를": "을", "와": "과", "랑": "이랑"}

    def _with_particle(self, particle: str) -> str:
        if not particle:
            return self.address
        closed = _jong(self.address[-1]) > 0
        alt = {"이": "가", "은": "는", "을": "를", "과": "와", "이랑": "랑"}
        if not closed and particle in alt:
            return self.address + alt[particle]
        return self.address + particle

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        if already_polite(text):
            return out
        for m in self._plural.finditer(text):
            nxt = text[m.end() : m.end() + 1]
            if nxt in self._plural_particle and (m.end() + 1 >= len(text) or not regex.match(_H, text[m.end() + 1])):
                out.append(
                    Edit(
                        m.start(),
                        m.end() + 1,
                        m.group(0) + nxt,
                        "여러분" + self._plural_particle[nxt],
                        self.id,
                        "너희 (you all) -> 여러분",
                    )
                )
            else:
                out.append(Edit(m.start(), m.end(), m.group(0), "여러분", self.id, "너희 (you all) -> 여러분"))
        for m in self._pat.finditer(text):
            w = m.group(1)
            out.append(
                Edit(m.start(1), m.end(1), w, self._with_particle(LISTENER_SUFFIX[w]), self.id, self.explanation)
            )
        for m in self._ne.finditer(text):
            # "네 생각" (your opinion), not "네, 알겠습니다" (yes): 네 + space + a word
            out.append(Edit(m.start(), m.end(), "네", self.address, self.id, "possessive 네 (your) -> address term"))
        return out


class Korean(CultureRules):
    """Korean: 반말 -> 해요체, humble 저/제, no 너.

    >>> from toneloc.tone import rewrite
    >>> rewrite("나는 괜찮아. 뭐가 제일 좋아?", "ko-KR").text
    '저는 괜찮아요. 뭐가 제일 좋으세요?'
    >>> rewrite("저는 괜찮아요.", "ko-KR").changed
    False

    References:
        Sohn (1999) *The Korean Language* §§ 9.3-9.4; Yeon & Brown (2011) *Korean: A Comprehensive
        Grammar* ch. 3, 7; National Institute of Korean Language (2011) *표준 언어 예절*.
    """

    language = "ko"
    references = (
        "Sohn, Ho-min (1999). The Korean Language. Cambridge University Press — §9.3 speech levels, §9.4 address.",
        "Yeon, Jaehoon & Brown, Lucien (2011). Korean: A Comprehensive Grammar. Routledge — "
        "ch. 3 pronouns, ch. 7 speech styles.",
        "National Institute of Korean Language (2011). 표준 언어 예절 (Standard Language Etiquette).",
    )
    default_formality = "formal"
    address: ClassVar[str] = "당신"
    """Address term replacing 너: 당신 (default, as in CoCoA-MT) or 고객님 for customer service."""

    def __init__(self, address: str | None = None) -> None:
        self.to_formal = (  # type: ignore[misc]
            SetPhraseRule(),
            EndingRule(),
            HonorificModifierRule(),
            SpeakerRule(),
            ListenerRule(address or self.address),
        )

    to_formal: ClassVar[tuple[Rule, ...]] = ()
    to_informal: ClassVar[tuple[Rule, ...]] = ()
    markers: ClassVar[tuple[Marker, ...]] = (
        marker(
            "ko.banmal.pronoun",
            r"(?<!\p{Hangul})(?:너|네가|너는|넌|너를|널|나는|내가)(?!\p{Hangul})",
            "informal",
            "반말 pronoun (너/나)",
        ),
        marker("ko.haeyo", r"\p{Hangul}(?:요|니다)(?=[\s.?!,]|$)", "formal", "polite ending (-요/-니다)"),
    )


Rules = Korean
