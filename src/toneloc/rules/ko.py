"""Korean (ko) tone rules: banmal (반말) -> 해요체 polite speech, 나/너 -> 저/당신, 응 -> 네.

Korean marks the relation to the listener in the *sentence-final ending*. Support replies use the
polite informal style 해요체 (-아요/-어요, -예요/-이에요, -죠) or the deferential 하십시오체; never
반말 (-아/-어, -야, -지). Speaker pronouns are humbled (나 -> 저, 내가 -> 제가, 내 -> 제) and the
listener is not addressed as 너 (you, to a friend or junior).

What the rules do (informal -> formal):

* sentence-final endings, on the last word before ``. ? ! …``, a line break, trailing chat laughter
  (ㅋㅋ, ㅎㅎ, :)) or the end of the text, and before a comma (not after connectives such as 그러니까,
  예를 들어): -아/-어/-여/-해/-와/-워... -> + 요, -이야 -> -이에요, vowel + -야 -> -예요 (거야 -> 거예요),
  아니야 -> 아니에요, -지 -> -죠, -자 (suggestion) -> -죠, and -잖아/-거든/-는데/-ㄴ데/-던데/-네/-군/-걸/
  -게/-래/-대/-까/-니까 + 요, -더라 -> -더라고요, echoed -다고/-라고/-냐고/-자고 + 요; -(으)ㄹ지 and
  the listing -(이)랄지 are connectives, not the final -지, and nouns in 지 (메시지, 이미지, 할아버지) are
  nouns; before a comma only a clause end counts: not the connectives -아서/-면서/-거나/-다가 or an
  adverb in -게 (와서, / 어떻게,), and not a quoted line before ", 라고" / ", 이러고" (안 돼, 라고 했어);
* -니/-냐 questions -> the 해요체 of the stem (있니 -> 있어요, 좋아하니 -> 좋아해요, 봤니 -> 봤어요), with
  :func:`haeyo`, a conjugator for regular stems (vowel harmony and contraction) and the 르-, ㅂ-, ㄷ- and
  ㅎ-irregular stems; 해라체 declaratives -ㄴ다/-는다/-다 and the copula -이다 -> -네요, -겠다 -> -겠어요,
  거다 -> 거예요, 아니다 -> 아니에요;
* requests: -줘 -> -주세요, -렴 -> -(으)세요, 하지 마 -> 하지 마세요, closing wishes (좋은 하루 보내,
  잘 지내, not with a first-person subject) -> 보내세요/지내세요; 줄게/줄까 (the speaker gives or does
  something for the listener) -> humble 드릴게요/드릴까요;
* questions about the listener's own act or state take the subject honorific -시- (해? -> 하세요?, 봤어?
  -> 보셨어요?, 먹었어? -> 드셨어요?, 갖고 있어? -> 갖고 계세요?, 사용자야? -> 사용자세요?), with the
  stem recovered from the 반말 form (:func:`infinitive_stem`, :func:`honorific_stem`); not when the speaker
  is in the clause, after a contrastive 너는/너도, in 왜-complaints or 것 같아? opinions (see
  :func:`addressee_question`); in such questions verb modifiers before a bound noun take -시- too (본 적 ->
  보신 적, 찍은 후 -> 찍으신 후) unless they have a subject of their own;
* verbless fragments ending in a particle + 요 (음식은? -> 음식은요?, 하지만. -> 하지만요., 월요일에 ->
  월요일에요, 나도! -> 저도요!, 너는? -> 당신은요?); sentence-final 나 after a subject is the verb 나다
  (기억이 나. -> 기억이 나요.);
* in other questions without a first person, 하다-verb modifiers take -시- (좋아하는 영화가 뭐야? ->
  좋아하시는, 시작한 거 -> 시작하신 거);
* set phrases: 응/어 -> 네, 아니 -> 아니요 (not a mid-sentence ", 아니," self-correction), 고마워 ->
  감사합니다, 미안해 -> 죄송합니다, 안녕 -> 안녕하세요; reply words opening a sentence without
  punctuation (맞아, 그래, 이봐, 아니, 안녕) -> 맞아요, 그래요, 이봐요, 아니요, 안녕하세요;
* speaker: 나는/난 -> 저는/전, 내가 -> 제가, 나를/날 -> 저를, 나도/나한테/나랑... -> 저도/저한테/저랑,
  also with a stacked particle (나와는, 나한테도), 내 + noun -> 제, bare 나 + word -> 저;
* listener: 너/네가/너는/넌/너를/널/네 + noun -> the address term (``당신``, the form the
  CoCoA-MT translators chose; a support team may prefer ``고객님``: ``Korean(address="고객님")``),
  also with stacked particles (너와도, 너한테는); 너희/너네(들) + particle -> 여러분 + particle, while
  너희/너네 + noun (너네 가족, your household: the plural possessive as in 우리 집) -> the address term.

A text that already ends a sentence in 해요체/하십시오체 is treated as formal and left unchanged: a
반말 phrase inside it is usually quoted speech; quoted questions (…있겠어? 하는 것 같군요) are also
left alone in informal texts, and a quoted polite line (…살게요, 이러면) does not make a text formal.

Formal -> informal is not done (the honorific -시- and 해요체 endings cannot be mapped back to one
반말 form reliably); the text comes back unchanged. No analyser is needed: the -시- conjugation of
irregular stems is done by rules (:func:`infinitive_stem`), and kiwipiepy, tried for -시- on every verb
modifier, did not raise the measured accuracy.

References:
    Sohn, Ho-min. *The Korean Language*. Cambridge University Press, 1999 — § 8.2 (verb stem
    classes and irregular conjugation), § 9.3 (speech levels: 해체/반말, 해요체, 하십시오체; the
    subject honorific -시-; 요 after fragments), § 9.4 (humble pronouns 저/제, address terms).
    Yeon, Jaehoon & Lucien Brown. *Korean: A Comprehensive Grammar*. Routledge, 2011 — ch. 6
    (verb conjugation, irregular stems), ch. 7 (speech styles and sentence enders -아요/-어요,
    -예요/-이에요, -죠 from -지요, -네요, -더라고요, -나요), ch. 3
    (pronouns 나/저, 너, 당신 and their restrictions).
    National Institute of Korean Language, *표준 언어 예절* (Standard Language Etiquette), 2011 —
    address terms for customers (고객님), polite endings in service speech, object honorific 드리다.
    National Institute of Korean Language, *표준국어대사전* (Standard Korean Dictionary) — entries
    -랄지 (listing ending), 아니요 (the polite negative answer), 아니다 -> 아니에요.
"""

from __future__ import annotations

import functools
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
    ("구나", "군요"),
    ("군", "군요"),
    ("네", "네요"),
    ("걸", "걸요"),
    ("게", "게요"),
    ("래", "래요"),
    ("까", "까요"),
    ("지", "죠"),
    ("자", "죠"),
    ("었나", "었나요"),
    ("았나", "았나요"),
    ("했나", "했나요"),
    ("다고", "다고요"),  # reported/echo question: 있었다고? -> 있었다고요? (Yeon & Brown 2011, ch. 7)
    ("라고", "라고요"),
    ("냐고", "냐고요"),  # echoed question: 좋냐고? -> 좋냐고요?
    ("자고", "자고요"),  # echoed suggestion: 가자고? -> 가자고요?
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
    "나에게서": "저에게서",
    "나한테서": "저한테서",
    "나보고": "저보고",
    "나까지": "저까지",
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
STACKING = ("와", "과", "랑", "한테", "에게", "한테서", "에게서", "처럼", "보다", "까지", "부터")
"""Particles another particle can follow (너와도, 나한테는, 너랑만): 도, 만 and the topic 은/는."""


def _stack(table: dict[str, str], pronouns: tuple[str, ...]) -> None:
    """Add the stacked forms (너와 -> 너와도/너와는/너와만) of *table*'s pronoun + particle entries."""
    for key, value in list(table.items()):
        particle = next((key[len(p) :] for p in pronouns if key.startswith(p) and key[len(p) :] in STACKING), None)
        if particle is None:
            continue
        topic = "는" if _jong(particle[-1]) == 0 else "은"
        for extra in ("도", "만", topic):
            table.setdefault(key + extra, value + extra)


def _jong(ch: str) -> int:
    """Batchim index of a Hangul syllable (0 = none), -1 if not a syllable."""
    o = ord(ch) - 0xAC00
    return o % 28 if 0 <= o < 11172 else -1


_stack(SPEAKER, ("나", "우리"))
_stack(LISTENER_SUFFIX, ("너",))
HUMBLE_FORMS = frozenset(SPEAKER.values())
"""What :class:`SpeakerRule` writes (저와, 저는, 저희도...): a pronoun + particle, never a verb ending."""


def _jung(ch: str) -> int:
    o = ord(ch) - 0xAC00
    return (o // 28) % 21 if 0 <= o < 11172 else -1


def _syl(lead: int, vowel: int, tail: int) -> str:
    return chr(0xAC00 + (lead * 21 + vowel) * 28 + tail)


def _parts(ch: str) -> tuple[int, int, int] | None:
    o = ord(ch) - 0xAC00
    return (o // 28 // 21, (o // 28) % 21, o % 28) if 0 <= o < 11172 else None


_BRIGHT = frozenset((0, 8))  # ㅏ ㅗ take -아, every other vowel -어 (vowel harmony)
B_IRREGULAR = frozenset(["춥", "덥", "쉽", "어렵", "맵", "무섭", "귀엽", "반갑", "고맙", "즐겁", "아름답", "가깝",
                         "무겁", "가볍", "시끄럽", "부드럽", "새롭", "흥미롭", "자유롭", "외롭", "괴롭", "놀랍",
                         "부럽", "더럽", "아깝", "밉", "눕", "돕", "곱", "굽", "아쉽", "안타깝", "간지럽"])
"""ㅂ-irregular stems (춥다 -> 추워요; 돕다/곱다 -> 도와요/고와요); 입다, 잡다, 좁다 are regular."""
D_IRREGULAR = frozenset(["듣", "걷", "묻", "깨닫", "싣", "붇"])
"""ㄷ-irregular stems (듣다 -> 들어요)."""
H_IRREGULAR = {"그렇": "그래", "이렇": "이래", "저렇": "저래", "어떻": "어때", "빨갛": "빨개", "파랗": "파래",
               "하얗": "하얘", "노랗": "노래", "까맣": "까매"}
"""ㅎ-irregular adjectives (그렇다 -> 그래요, 어떻다 -> 어때요)."""


def haeyo(stem: str) -> str | None:
    """The 해요체 non-past form of a verb or adjective *stem* (-아요/-어요 with vowel contraction).

    Regular stems follow vowel harmony (앉 -> 앉아요, 먹 -> 먹어요); open syllables contract (가 -> 가요,
    보 -> 봐요, 주 -> 줘요, 마시 -> 마셔요, 되 -> 돼요, 쓰 -> 써요, 바쁘 -> 바빠요); 하 -> 해요; the
    르-, ㅂ-, ㄷ- and ㅎ-irregular stems are listed (Sohn 1999, § 8.2; Yeon & Brown 2011, ch. 6).

    >>> haeyo("있"), haeyo("좋아하"), haeyo("보"), haeyo("모르"), haeyo("춥"), haeyo("그렇"), haeyo("않")
    ('있어요', '좋아해요', '봐요', '몰라요', '추워요', '그래요', '않아요')
    """
    if not stem:
        return None
    if stem in H_IRREGULAR:
        return H_IRREGULAR[stem] + "요"
    for k, v in H_IRREGULAR.items():
        if stem.endswith(k):
            return stem[: -len(k)] + v + "요"
    last = stem[-1]
    p = _parts(last)
    if p is None:
        return None
    lead, vowel, tail = p
    if last == "하":
        return stem[:-1] + "해요"
    if tail:
        base = stem[:-1]
        tail_stem = stem[-2:] if len(stem) >= 2 else stem
        if last in B_IRREGULAR or tail_stem in B_IRREGULAR or stem in B_IRREGULAR:
            if last in ("돕", "곱"):
                return base + _syl(lead, vowel, 0) + "와요"
            return base + _syl(lead, vowel, 0) + "워요"
        if last in D_IRREGULAR:
            last = _syl(lead, vowel, 8)  # ㄷ -> ㄹ before a vowel
        return base + last + ("아요" if vowel in _BRIGHT else "어요")
    if vowel in (0, 4, 1, 5, 6):  # ㅏ ㅓ ㅐ ㅔ ㅕ: 가요 서요 내요 세요 켜요
        return stem + "요"
    contracted = {8: 9, 13: 14, 20: 6, 11: 10}  # ㅗ->ㅘ ㅜ->ㅝ ㅣ->ㅕ ㅚ->ㅙ
    if vowel in contracted:
        if lead == 11 and vowel == 20:  # 이 (copula/verb stem 이) -> 이에요 is handled by the caller
            return None
        return stem[:-1] + _syl(lead, contracted[vowel], 0) + "요"
    if vowel == 18:  # ㅡ
        prev = _parts(stem[-2]) if len(stem) >= 2 else None
        bright = prev is not None and prev[1] in _BRIGHT
        if last == "르" and prev is not None:  # 르-irregular: 모르 -> 몰라, 부르 -> 불러
            return stem[:-2] + _syl(prev[0], prev[1], 8) + ("라요" if bright else "러요")
        return stem[:-1] + _syl(lead, 0 if bright else 4, 0) + "요"
    return None


_AEO_FINALS = frozenset("아어와워봐줘돼해가서려켜쳐셔내져겨녀펴혀뎌나라차타파까따싸짜빠개새대래매배재채캐태패여때빼")
"""Open final syllables that can be an -아/-어 ending (끝나, 몰라, 가져...); 다 (해라체) and 하 are not."""

DISCOURSE = frozenset(["그러니까", "그나저나", "말해서", "왜냐하면", "그러면", "근데", "어쨌든", "어쨋든",
                       "아무튼", "그리고", "그러나", "하지만", "그런데", "그래도", "사실", "솔직히"])
"""Connectives that precede a comma without ending a clause (예를 들어, 그러니까, ...): never + 요 there."""


_HANGUL_WORD = regex.compile(_H + "+", regex.V1)
_QUESTION_SENT = regex.compile(r"[^.?!\n]*\?", regex.V1)


@functools.lru_cache(maxsize=16384)
def polite_ending(word: str) -> str | None:
    """The 해요체 form of a 반말 sentence-final *word*, or ``None`` when it is not one.

    >>> polite_ending("같아"), polite_ending("거야"), polite_ending("사람들이야"), polite_ending("알지")
    ('같아요', '거예요', '사람들이에요', '알죠')
    >>> polite_ending("있어요") is None, polite_ending("엄마") is None
    (True, True)
    """
    if len(word) < 1 or word in NOT_ENDINGS or not _HANGUL_WORD.fullmatch(word):
        return None
    if word.endswith(("요", "시오", "세요")) or (word.endswith(("니다", "니까")) and _jong(word[-3:-2] or "가") == 17):
        return None
    if word.endswith("니까") and len(word) >= 3:  # -(으)니까 (because) ending a sentence: + 요
        return word + "요"
    if word.endswith("데") and len(word) >= 2 and _jong(word[-2]) == 4:  # -ㄴ데/-는데/-던데 (건데, 소린데)
        return word + "요"
    if word.endswith(("던데", "텐데", "더라고", "다던데")):
        return word + "요"
    if word.endswith("더라") and len(word) >= 3:  # -더라 -> -더라고요 (Yeon & Brown 2011, ch. 7)
        return word + "고요"
    if word.endswith("대") and len(word) >= 2 and _jong(word[-2]) in (4, 20):  # reported: 했대/한대 -> 했대요
        return word + "요"
    if word.endswith("거다") and len(word) >= 2:  # 좋을 거다 -> 좋을 거예요
        return word[:-1] + "예요"
    if word.endswith("아니다"):  # 아니다 takes -에요 like 아니야 (표준국어대사전)
        return word[:-1] + "에요"
    if word.endswith("셔"):  # honorific 알+시+어 = 아셔 -> 아세요
        return word[:-1] + "세요"
    if word.endswith("지") and len(word) >= 2 and _jong(word[-2]) == 4:
        return None  # -ㄴ지/-는지: embedded question ("뭘 하는지"), not the final -지
    if word.endswith(RL_JI):
        return None  # -(으)ㄹ지 (할지, 먹을지) and listing -(이)랄지/-달지: not the final -지
    if word.endswith(JI_NOUNS):
        return None  # 메시지, 홈페이지, 할아버지: nouns ending in 지, not the final -지 (메시죠 is no word)
    special = _plain_declarative(word) or _plain_question(word) or _imperative(word)
    if special is not None:
        return special
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
    if _jong(last) == 0 and _jung(last) in _AEO_VOWELS and len(word) >= 2 and last in _AEO_FINALS:
        return word + "요"
    if len(word) == 1 and last in "해돼봐와줘가써자":
        return word + "요" if last != "자" else None
    return None


JI_NOUNS = ("메시지", "이미지", "페이지", "패키지", "마사지", "에너지", "소시지", "마일리지", "스토리지", "커버리지",
            "브릿지", "브리지", "스테이지", "바지", "편지", "돼지", "강아지", "송아지", "아버지", "휴지", "의지",
            "처지", "여지")
"""Nouns ending in 지 — loanwords (메시지, 이미지, 페이지, 패키지: frequent in support replies), kinship terms
(아버지, 할아버지) and native nouns (편지, 바지, 휴지): a sentence or list item may end in one of them (첨부한 이미지,
확인했어?), and -지 -> -죠 would make non-words (이미죠). Matched as word endings (문자메시지, 홈페이지,
증조할아버지). 가지 (kind / go-지) is ambiguous and left out."""

RL_JI = ("을지", "할지", "될지", "랄지", "달지")
"""Words ending in the connective -(으)ㄹ지 (whether: 할지, 먹을지, 될지) or the listing -(이)랄지/-달지
(표준국어대사전 "-랄지"): their 지 is not the sentence-final -지 (알지 -> 알죠), so no -죠."""


_NE_STEM_FINALS = frozenset(["있", "없", "롭", "답", "좋", "싫", "같", "많", "하", "프", "쁘", "르", "로", "이"])
"""Final stem syllables of adjectives (and the copula 이다: 다행이다 -> 다행이네요) whose 해라체 -다 form
is an exclamation: -네요."""


def _plain_declarative(word: str) -> str | None:
    """해라체 declaratives (-ㄴ다/-는다/-다): the 해요체 of the written plain style.

    -겠다 -> -겠어요; -ㄴ다/-는다 (verbs) and adjective -다 -> -네요, the exclamative polite ending
    a speaker uses for a present observation (끌린다 -> 끌리네요, 흥미롭다 -> 흥미롭네요; Yeon & Brown
    2011, ch. 7 -네요); 었다/았다 is handled by the caller.
    """
    if len(word) < 2 or not word.endswith("다") or word.endswith(("니다", "었다", "았다", "였다", "했다")):
        return None
    stem = word[:-1]
    p8 = _parts(stem[-1])
    if p8 is not None and p8[2] == 8:  # ㄹ-stem adjective: 길다 -> 기네요 (ㄹ drops before ㄴ)
        return stem[:-1] + _syl(p8[0], p8[1], 0) + "네요"
    if stem.endswith("겠"):
        return stem + "어요"
    if stem.endswith("는") and len(stem) >= 2:  # 먹는다 -> 먹네요
        return stem[:-1] + "네요"
    p = _parts(stem[-1])
    if p is None:
        return None
    if p[2] == 4 and len(stem) >= 1:  # -ㄴ다 on an open verb stem: 끌린 -> 끌리네요, 잘한 -> 잘하네요
        return stem[:-1] + _syl(p[0], p[1], 0) + "네요"
    if stem[-1] in _NE_STEM_FINALS or p[2] in (17, 20):
        return stem + "네요"
    return None


NI_STEMS = ("있", "없", "않", "하", "되", "보", "내", "거", "이", "알", "좋", "싫", "같", "많", "가", "오", "먹", "주",
            "받", "쓰", "읽", "듣", "살", "사", "팔", "찾", "봐", "줘", "는", "맞", "괜찮", "어때", "뭐")
"""Stems before a -니 question ending (있니, 하니, 되니, 봤니...); a word ending in 니 after any other
stem is taken for a noun (어머니) and left alone."""


def _plain_question(word: str) -> str | None:
    """-니/-냐 questions -> the 해요체 form (있니 -> 있어요, 봤니 -> 봤어요, 거니 -> 건가요)."""
    if len(word) < 2 or word[-1] not in "니냐":
        return None
    stem = word[:-1]
    if stem in ("뭐", "누구", "어디", "언제", "왜"):  # 뭐니? -> 뭐예요?
        return stem + ("예요" if stem != "왜" else "요")
    if word[-1] == "니" and _jong(stem[-1]) != 20 and not stem.endswith(NI_STEMS):
        return None  # 어머니, 미니, 애니...: a noun, not a -니 question (only known verb stems take it)
    if stem.endswith("거"):
        return stem[:-1] + "건가요"
    if stem.endswith("이") and len(stem) >= 2:  # copula: 학생이니 -> 학생이에요
        return stem + "에요"
    if _jong(stem[-1]) == 20:  # past 었/았/였/했/봤: + 어요
        return stem + "어요"
    return haeyo(stem)


def _imperative(word: str) -> str | None:
    """Requests: -줘 -> -주세요, -렴/-라 (imperative) -> -(으)세요 (보내렴 -> 보내세요)."""
    if word.endswith("줘"):  # 설정해 줘 / 알려줘 -> 설정해 주세요 / 알려주세요
        return word[:-1] + "주세요"
    if word == "마":  # 하지 마 -> 하지 마세요
        return "마세요"
    if word.endswith("렴") and len(word) >= 2:
        stem = word[:-1]
        if stem.endswith("으"):
            return stem + "세요"
        return stem + ("으세요" if _jong(stem[-1]) > 0 else "세요")
    return None


_POLITE = regex.compile(r"\p{Hangul}(?:요|니다|니까|세요|시오)(?=[ \t]*(?:[.?!…~,)]|\n|$))", regex.V1)


@functools.lru_cache(maxsize=32)
def already_polite(text: str) -> bool:
    """Whether *text* already ends a sentence in 해요체/하십시오체. Such a text is treated as formal and
    left unchanged: a 반말 phrase inside it is usually quoted speech ("...있겠어? 하는 것 같군요").
    A polite ending that is itself quoted (…살게요, 이러면 / …할게요 하고) does not count."""
    for m in _POLITE.finditer(text):
        w = m.group(0)
        if w.endswith(("니다", "니까")) and _jong(w[0]) != 17:
            continue  # 그러니까 / -(으)니까 (because) is not 하십시오체: only 습니다/합니다/합니까 (ㅂ) are
        if _QUOTE_AFTER_POLITE.match(text, m.end()):
            continue  # a quoted polite line (고객이 "더 살게요", 이러면 ...) says nothing of the reply's register
        return True
    return False


_FINAL_WORD = regex.compile(
    r"(?<!\p{Hangul})(" + _H + r"+)(?=\)?[ \t]*(?:[ㅋㅎㅠㅜ]{2,}|:\)|\^\^|[.?!…~]+|\n|$))", regex.V1
)  # a sentence end, also before chat laughter (ㅋㅋㅋ, ㅎㅎ, :)); whole words only (no retries inside a word)
_COMMA_WORD = regex.compile(r"(?<!\p{Hangul})(" + _H + r"+)(?=,)", regex.V1)
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

# ------------------------------------------------------------------ subject honorific -시- (Sohn 1999, § 9.3.3)
# Korean marks respect for the *subject* of a verb with the infix -(으)시-: 보+시+어요 = 보세요, 있+으시+었어요 =
# 있으셨어요. A reply addressed to a customer uses it on the customer's own actions and states (뭘 하세요?,
# 보셨어요?, 좋아하시는 영화), never on the speaker's. To add it to a 반말 form the verb stem is recovered
# from the -아/-어 infinitive or the modifier (봐 -> 보, 몰라 -> 모르, 추워 -> 춥, 어때 -> 어떻, 들은 -> 듣) and
# -시- is attached by the stem class (Yeon & Brown 2011, ch. 6 irregular stems; ch. 7 -(으)시-).

SUPPLETIVE_HONORIFIC: dict[str, str] = {
    "먹": "드시",  # 먹다 -> 드시다 (eat)
    "마시": "드시",  # 마시다 -> 드시다 (drink)
    "자": "주무시",  # 자다 -> 주무시다 (sleep)
    "말하": "말씀하시",  # 말하다 -> 말씀하시다 (say)
}
"""Verbs whose subject honorific is a different word, not stem + -시- (Sohn 1999, § 9.3.3;
표준 언어 예절 2011): eating, drinking, sleeping and speaking. 있다 -> 계시다 is the honorific of a
*person's* existence only; it is used for the progressive -고 있다 -> -고 계시다 (see :func:`existence_subject`)."""

AMBIGUOUS_INFINITIVES = frozenset(["걸어", "물어", "놔", "나아", "지어", "부어", "그어", "놀라", "들러", "이어"])
"""-아/-어 forms whose stem cannot be told without context (걸어: 걷다 walk / 걸다 hang; 물어: 묻다 ask /
물다 bite; 나아: 낫다 / 나다...): no honorific is built, the plain 해요체 stays."""

_R_IRREGULAR_NOT = frozenset(["놀라", "들러"])
"""라/러 after a ㄹ-final syllable that is not the 르-irregular 몰라 -> 모르 (놀라다 is a 라 stem; 들르다 drops 으)."""


NOT_INFINITIVE_FINALS = frozenset("까대래다자라")
"""Final syllables that end a 반말 word in another ending than the infinitive: -(으)ㄹ까 (있을까), reported
-대/-래 (했대, 뭐래), plain -다, suggestion -자, imperative/quoted -라 (르-irregular 몰라 is kept below)."""


def infinitive_stem(inf: str) -> str | None:
    """The dictionary stem of a -아/-어 infinitive (봐 -> 보, 해 -> 하, 몰라 -> 모르, 추워 -> 춥, 어때 -> 어떻).

    Inverts :func:`haeyo`: contraction (봐, 줘, 돼, 셔, 와), 으-drop (써 -> 쓰, 바빠 -> 바쁘), and the
    르-, ㅂ-, ㄷ- and ㅎ-irregular stems (Sohn 1999, § 8.2; Yeon & Brown 2011, ch. 6). ``None`` when the
    form is ambiguous (:data:`AMBIGUOUS_INFINITIVES`) or not an infinitive.

    >>> [infinitive_stem(w) for w in ("봐", "먹어", "몰라", "추워", "어때", "들어", "써", "기다려", "알아", "가")]
    ['보', '먹', '모르', '춥', '어떻', '듣', '쓰', '기다리', '알', '가']
    """
    if not inf or inf in AMBIGUOUS_INFINITIVES or not _HANGUL_WORD.fullmatch(inf):
        return None
    if (
        inf[-1] in NOT_INFINITIVE_FINALS
        and inf not in H_IRREGULAR.values()
        and inf != "자"
        and not (inf[-1] == "라" and len(inf) >= 2 and _jong(inf[-2]) == 8)  # 몰라, 달라 (르-irregular)
    ):
        return None  # 있을까, 했대, 뭐래, 좋다, 하자: other endings, not the -아/-어 infinitive
    if len(inf) >= 2 and _jong(inf[-2]) == 20 and inf[-1] not in "어":
        return None  # 했나, 있네: a ㅆ syllable (past 았/었 or 있) before anything but 어
    for stem, form in H_IRREGULAR.items():
        if inf.endswith(form) and form != "노래":
            return inf[: -len(form)] + stem
    last = inf[-1]
    prev = _parts(inf[-2]) if len(inf) >= 2 else None
    if last in "아어" and prev is not None and prev[2]:
        stem = inf[:-1]
        if prev[2] == 20 and stem[-1] not in "있밌":
            return None  # 재밌었어, 했었어: the past -었- (ㅆ) is no stem; only 있/재밌/맛있 end in ㅆ
        if prev[2] == 8 and _syl(prev[0], prev[1], 7) in D_IRREGULAR:  # 들어 -> 듣, 깨달아 -> 깨닫
            return stem[:-1] + _syl(prev[0], prev[1], 7)
        return stem
    if last in "아어":
        return None  # 나아/지어 (ㅅ-irregular) and 이어: left alone
    p = _parts(last)
    if p is None or p[2]:
        return None
    lead, vowel, _ = p
    base = inf[:-1]
    if vowel in (9, 14) and lead == 11 and prev is not None and not prev[2]:  # 추워 -> 춥, 도와 -> 돕
        cand = base[:-1] + _syl(prev[0], prev[1], 17)
        if cand[-1] in B_IRREGULAR or any(cand.endswith(b) for b in B_IRREGULAR):
            return cand
    if vowel == 9:  # ㅘ: 봐 -> 보, 와 -> 오
        return base + _syl(lead, 8, 0)
    if vowel == 14:  # ㅝ: 줘 -> 주, 배워 -> 배우
        return base + _syl(lead, 13, 0)
    if vowel == 10:  # ㅙ: 돼 -> 되
        return base + _syl(lead, 11, 0)
    if vowel == 6:  # ㅕ: 셔 -> 시, 려 -> 리, 여 -> 이; 켜/펴 are stems themselves
        return inf if lead in (15, 17) else base + _syl(lead, 20, 0)
    if vowel == 1:  # ㅐ: 해 -> 하; 내/보내/지내 are ㅐ stems
        return base + "하" if lead == 18 else inf
    if vowel in (0, 4):  # ㅏ/ㅓ: 가/서 are stems; 몰라 -> 모르 (르); 써 -> 쓰, 바빠 -> 바쁘 (으-drop)
        if lead == 5 and prev is not None and prev[2] == 8 and inf[-2:] not in _R_IRREGULAR_NOT:
            return base[:-1] + _syl(prev[0], prev[1], 0) + "르"
        if (vowel == 4 and lead in (1, 4, 8, 10, 15, 17)) or (vowel == 0 and lead in (8, 17)):
            return base + _syl(lead, 18, 0)  # 꺼 떠 뻐 써 커 퍼 / 빠 파 -> 끄 뜨 쁘 쓰 크 프 / 쁘 프
        return inf
    return None


def honorific_stem(stem: str) -> str | None:
    """*stem* + the subject honorific -(으)시- (보 -> 보시, 있 -> 있으시, 알 -> 아시, 듣 -> 들으시, 춥 -> 추우시,
    어떻 -> 어떠시, 먹 -> 드시).

    >>> [honorific_stem(s) for s in ("보", "있", "알", "듣", "춥", "어떻", "먹", "좋아하", "말하")]
    ['보시', '있으시', '아시', '들으시', '추우시', '어떠시', '드시', '좋아하시', '말씀하시']
    """
    if not stem:
        return None
    if stem in SUPPLETIVE_HONORIFIC:
        return SUPPLETIVE_HONORIFIC[stem]
    if stem.endswith("말하"):  # 이야기를 말하 -> 말씀하시; compounds of 먹/자 (잡아먹, 사먹) are left regular
        return stem[:-2] + "말씀하시"
    if stem in H_IRREGULAR or any(stem.endswith(k) for k in H_IRREGULAR):
        p = _parts(stem[-1])
        assert p is not None
        return stem[:-1] + _syl(p[0], p[1], 0) + "시"
    p = _parts(stem[-1])
    if p is None:
        return None
    lead, vowel, tail = p
    if not tail:
        return stem + "시"
    if tail == 8:  # ㄹ drops before -시-: 알 -> 아시, 만들 -> 만드시
        return stem[:-1] + _syl(lead, vowel, 0) + "시"
    if tail == 17 and (stem[-1] in B_IRREGULAR or any(stem.endswith(b) for b in B_IRREGULAR)):
        return stem[:-1] + _syl(lead, vowel, 0) + "우시"  # 춥 -> 추우시
    if tail == 7 and stem[-1] in D_IRREGULAR:
        return stem[:-1] + _syl(lead, vowel, 8) + "으시"  # 듣 -> 들으시
    return stem + "으시"


def _past_split(word: str, ending: str) -> tuple[str, int] | None:
    """(infinitive, 1|2) of a past form word = infinitive-with-ㅆ [+ 었] + *ending* (봤어 -> 봐, 했었어 -> 해)."""
    if not word.endswith(ending) or len(word) <= len(ending):
        return None
    body = word[: -len(ending)]
    depth = 1
    if body.endswith("있었"):  # 있 + 었 (있었어), not a past perfect
        return body[:-1] + "어", 1
    if body.endswith("었") and len(body) >= 2 and _jong(body[-2]) == 20:  # 했었어: past perfect
        body, depth = body[:-1], 2
    p = _parts(body[-1])
    if p is None or p[2] != 20 or body[-1] in "있밌겠":  # 있/재밌 are stems, 겠 the conjecture: not past
        return None
    return body[:-1] + _syl(p[0], p[1], 0), depth


@functools.lru_cache(maxsize=4096)
def honorific_question(word: str) -> str | None:
    """The -(으)세요 / -(으)셨어요 form of a 반말 -아/-어 question verb whose subject is the listener.

    >>> [honorific_question(w) for w in ("있어", "생각해", "봤어", "알아", "먹었어", "했었어", "몰라", "어때")]
    ['있으세요', '생각하세요', '보셨어요', '아세요', '드셨어요', '하셨었어요', '모르세요', '어떠세요']
    """
    if word.endswith(("겠어", "잖아")):  # -겠- (conjecture) and -잖아 (as you know): not about the listener's act
        return None
    if word.endswith(("셔", "셨어")) and not word.endswith(("마셔", "마셨어")):
        return None  # already honorific (쓰셔 = 쓰+시+어): polite_ending gives 쓰세요
    if word.endswith(("들어", "들었어")):
        return None  # 들어?/들었어? is 듣다 (listen) or 들다 (cost, be inside, like): see _deul_honorific
    past = _past_split(word, "어")
    if past is not None:
        inf, depth = past
        if inf.endswith(("이", "여")):  # copula 였어 (구독자였어) or 보였어: left plain
            return None
        stem = infinitive_stem(inf)
        hon = honorific_stem(stem) if stem else None
        if hon is None:
            return None
        return hon[:-1] + ("셨었어요" if depth == 2 else "셨어요")
    stem = infinitive_stem(word)
    hon = honorific_stem(stem) if stem else None
    if hon is None:
        return None
    return hon[:-1] + "세요"


AGENT_NOUN_STEMS = frozenset(["사용", "구독", "소비", "운전", "가입", "참가", "신청", "이용", "구매", "판매", "시청",
                              "투자", "관리", "개발", "초보", "보호", "수강", "후원", "예약", "회원", "학생", "고객"])
"""Nouns (with -자 'person who', 사용자 = user) naming the listener's role: 사용자야? (are you a user?) is about the
listener, so the copula takes -시- (사용자세요?, 구독자셨어요?; Sohn 1999, § 9.3.3: -(이)시- on the copula)."""


def honorific_copula(word: str) -> str | None:
    """사용자야 -> 사용자세요, 학생이야 -> 학생이세요, 구독자였어 -> 구독자셨어요 (role nouns of the listener).

    >>> honorific_copula("사용자야"), honorific_copula("학생이었어"), honorific_copula("의자야")
    ('사용자세요', '학생이셨어요', None)
    """
    for ending, (open_form, closed_form) in (("이었어", ("", "이셨어요")), ("였어", ("셨어요", "")),
                                             ("이야", ("", "이세요")), ("야", ("세요", ""))):
        if word.endswith(ending):
            noun = word[: -len(ending)]
            form = closed_form if _jong(noun[-1:] or "가") > 0 else open_form
            is_agent = (noun.endswith("자") and noun[:-1] in AGENT_NOUN_STEMS) or noun in AGENT_NOUN_STEMS
            return noun + form if form and is_agent else None
    return None


PERSON_PLACES = frozenset(["집", "회사", "학교", "사무실", "직장", "밖", "병원", "카페", "식당", "매장", "호텔",
                           "공항", "기숙사", "도서관", "교회", "현장", "자리", "해외", "외국", "시내", "동네", "방",
                           "공원", "고향", "한국", "서울"])
"""Places where a person is (집에 있어? are you at home?): with one of them before -에 있다, the listener is
the subject, and 있다 of a person's location is 계시다 (Sohn 1999, § 9.3.3). After any other noun (상자 안에,
컴퓨터에, 창고에) the question asks where a thing is: no -시- (사물 존대, 표준 언어 예절 2011)."""
PROGRESSIVE_OPEN_STEMS = ("보", "기다리", "쓰", "타", "지내", "가지", "배우", "키우", "마시", "만나", "다니", "보내",
                          "고치", "그리", "피우", "쉬", "주", "끼", "느끼", "바꾸", "나누", "모으", "고르", "부르",
                          "기르", "지키", "버티", "가르치", "사귀", "켜", "하")
"""Verb stems without a final consonant before the connective -고 of -고 있다 (보고 있어, 기다리고 있어,
공부하고 있어). A noun in 고 (재고 stock, 광고 ad, 사고 accident, 최고) is not a verb + -고."""
_NOUN_FINALS = frozenset((0, 4, 16, 21))  # none, ㄴ, ㅁ, ㅇ: the closed syllables of Sino-Korean nouns in -고


def existence_subject(prev: str) -> str:
    """Who the subject of 있다 is, from the word before it: ``"person"`` (갖고/알고/공부하고 + 있다, the
    progressive or resultative -고 있다 of the listener's act; 집에 있다), ``"thing"`` (잘 되고 있어?, an
    intransitive 되다; 상자 안에/창고에 있어?, where a thing is) or ``""`` (unknown: 시간 있어? possession).

    -고 있다 with an honoured subject is -고 계시다 (갖고 있어? -> 갖고 계세요?), and so is 있다 of a person's
    location (집에 있어? -> 집에 계세요?; Sohn 1999, § 9.3.3: 계시다 is the honorific of 있다 when a person
    is the subject; 있으시다 stays for possession: 시간 있어? -> 시간 있으세요?). Only a verb + -고 counts:
    a verb stem before it has a final consonant that Sino-Korean nouns do not end in (갖고, 알고, 먹고,
    듣고, 읽고) or is a listed open stem (보고, 기다리고, 공부하고); 재고/광고/참고/창고 are nouns.

    >>> [existence_subject(w) for w in ("갖고", "알고", "공부하고", "재고", "광고", "되고", "집에", "창고에", "시간")]
    ['person', 'person', 'person', '', '', 'thing', 'person', 'thing', '']
    """
    if len(prev) >= 2 and prev.endswith("고"):
        stem = prev[:-1]
        if stem.endswith("되"):
            return "thing"  # 잘 되고 있어?, 진행되고 있어?: 되다 (become, work out) has a thing subject
        if stem.endswith(PROGRESSIVE_OPEN_STEMS) or _jong(stem[-1]) not in _NOUN_FINALS:
            return "person"
        return ""
    if len(prev) >= 2 and prev.endswith("에") and not prev.endswith(("에게", "때에")):
        return "person" if prev[:-1] in PERSON_PLACES else "thing"
    return ""


def _previous_word(text: str, pos: int) -> str:
    """The Hangul word right before *pos* (in the same sentence), or ``""``."""
    m = _PREV_WORD.search(text, max(0, pos - 40), pos)
    return m.group(1) if m else ""


_PREV_WORD = regex.compile(r"(\p{Hangul}+)[ \t]+$", regex.V1)
LISTENING_OBJECTS = ("얘기", "이야기", "소식", "말", "노래", "음악", "소리", "뉴스", "강의", "수업", "라디오", "곡",
                     "앨범", "팟캐스트", "설명", "안내", "소문")
"""Things one listens to: 듣다 (들어/들었어 -> 들으세요/들으셨어요) after one of them (노래 들어?, 그 얘기 들었어?)."""


def _deul_honorific(word: str, prev: str) -> str | None:
    """-시- for the ambiguous 들어/들었어: 듣다 (listen), 들다 (cost: 돈 많이 들었어?; be inside: 가방에
    들었어?) or 마음에 들다 (like). Only 마음에 들다 (드세요/드셨어요, ㄹ-stem 들다) and 듣다 after a thing
    heard (들으세요/들으셨어요) have the listener as subject; otherwise the plain 해요체 (들었어요?)."""
    past = word == "들었어"
    if prev == "마음에":
        return "드셨어요" if past else "드세요"
    if prev.endswith(LISTENING_OBJECTS) or (prev[:-1].endswith(LISTENING_OBJECTS) and prev[-1] in "을를도은는"):
        return "들으셨어요" if past else "들으세요"
    return None


NOT_MODIFIERS = frozenset(
    ["잘", "못", "안", "좀", "다", "그럴", "이럴", "저럴", "어떨", "그런", "이런", "저런", "어떤"]
)
"""Adverbs before a bound noun (잘 때 is 'when sleeping' only rarely: 잘 is mostly 'well') and the
ㅎ-demonstratives (그럴 수, 이런 거): no honorific."""
_HAS_SI = regex.compile(r"(?:시|셨|신|실|세)(?:는지|려는|던|는)?$", regex.V1)


@functools.lru_cache(maxsize=8192)
def honorific_modifier(word: str) -> str | None:
    """The subject-honorific (-시-) form of a verb modifier (좋아하는 -> 좋아하시는, 본 -> 보신, 찍은 -> 찍으신,
    할 -> 하실, 먹을 -> 드실, 좋았던 -> 좋으셨던, 하는지 -> 하시는지).

    The stem is recovered from the modifier ending: -는/-던/-는지 follow the stem (ㄹ-stems drop ㄹ
    before 는, and before -시- too: 아는 -> 아시는); -ㄴ/-ㄹ on an open syllable and -은/-을 after a
    consonant; -았던/-었던 through the past form.

    >>> [honorific_modifier(w) for w in ("좋아하는", "시작한", "본", "찍은", "돌려놓을", "좋았던", "하는지", "들은")]
    ['좋아하시는', '시작하신', '보신', '찍으신', '돌려놓으실', '좋으셨던', '하시는지', '들으신']
    """
    if word in POSTPOSITIONAL or word in NOT_MODIFIERS or not _HANGUL_WORD.fullmatch(word) or _HAS_SI.search(word):
        return None
    for ending in ("는지", "려는", "던", "는"):
        if word.endswith(ending) and len(word) > len(ending):
            body = word[: -len(ending)]
            if ending == "던":
                past = _past_split(word, "던")
                if past is not None and past[0] in ("있어", "없어"):
                    return None  # 있었던/없었던 describe things, as 있는/없는 (의류 라인 있었던 거 알아?)
                if past is not None:
                    stem = infinitive_stem(past[0])
                    hon = honorific_stem(stem) if stem else None
                    return hon[:-1] + "셨던" if hon else None
            if ending == "려는":
                if body.endswith("으"):
                    body = body[:-1]
                elif _jong(body[-1]) > 0:
                    return None
            if (_jong(body[-1]) == 8 and ending in ("는", "는지")) or body.endswith(("있", "없", "밌")):
                return None  # ㄹ-stems drop ㄹ before 는 (사는); 있는/없는/재밌는 describe things
            hon = honorific_stem(body)
            return hon + ending if hon else None
    if word.endswith(("은", "을")) and len(word) >= 2 and _jong(word[-2]) > 0:
        stem = word[:-1]
        q = _parts(stem[-1])
        if q is not None and q[2] == 8 and _syl(q[0], q[1], 7) in D_IRREGULAR:
            stem = stem[:-1] + _syl(q[0], q[1], 7)  # 들은 -> 듣 (ㄷ-irregular)
        hon = honorific_stem(stem)
        if hon is None:
            return None
        return hon[:-1] + ("신" if word[-1] == "은" else "실")
    p = _parts(word[-1])
    if p is None or p[2] not in (4, 8):
        return None
    stem = word[:-1] + _syl(p[0], p[1], 0)
    hon = honorific_stem(stem)
    if hon is None:
        return None
    return hon[:-1] + ("신" if p[2] == 4 else "실")


_FIRST_PERSON = regex.compile(
    r"(?<!\p{Hangul})(?:나|내가|나는|난|내|저|제가|저는|우리|우린|저희)(?!\p{Hangul})", regex.V1
)


def _sentence_before(text: str, pos: int) -> str:
    """The sentence up to *pos* (at most 300 characters back: no quadratic time on a 1 MB line)."""
    lo = max(0, pos - 300)
    start = max(text.rfind(c, lo, pos) for c in ".?!\n")
    return text[max(start + 1, lo) : pos]


POSTPOSITIONAL = frozenset(["관한", "대한", "위한", "통한", "인한", "의한", "향한", "관해", "대해", "위해"])
"""Frozen -한 forms used as postpositions (영화에 관한, 너를 위한): no subject, so never honorific."""


_MODIFIED = regex.compile(
    r"(?<!\p{Hangul})(\p{Hangul}+)"
    # bound nouns (적, 거, 수, 때, 후...): the word before them is a verb modifier
    r"(?=[ \t]+(?:적|거|것|게|건|걸|때|동안|수|줄|후|다음|만큼|채)(?!\p{Hangul}))"
    r"|(?<!\p{Hangul})(\p{Hangul}*하(?:는|던))(?=\s)",
    regex.V1,
)


class HonorificModifierRule:
    """In a question to the listener, verb modifiers take the honorific -시- (좋아하시는, 보신 적).

    The listener is the likely subject of a verb modifying a noun in a question without a first
    person (뭘 좋아하는 영화 -> 좋아하시는, 본 적 있어? -> 보신 적; Sohn 1999, § 9.3.3 subject honorific).
    """

    id = "ko.haeyo.honorific"
    explanation = "verbs whose subject is the customer take the honorific -시-"
    _skip = frozenset(["그", "이", "저", "어떤", "무슨", "이런", "그런", "저런", "다른", "모든", "한", "두", "세", "새",
                       "여러", "아무", "온갖", "좋은", "많은", "큰", "작은", "좋았던", "있는", "없는", "같은", "된"])

    def __init__(self, address: str = "당신") -> None:
        self.address = address

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        if already_polite(text):
            return out
        for m in _QUESTION_SENT.finditer(text):
            sent = m.group(0)
            if _FIRST_PERSON.search(sent):
                continue
            fm = _LAST_WORD.search(sent)
            general = (
                fm is not None
                and HONORIFIC_QUESTIONS
                and honorific_question(fm.group(1)) is not None
                and addressee_question(text, m.start() + fm.start(1), fm.group(1), self.address)
            )
            for w in _MODIFIED.finditer(sent):
                before = w.group(0)
                if before in self._skip or before in SPEAKER or before in LISTENER_SUFFIX:
                    continue
                if not general and not _HADA_MODIFIER.fullmatch(before):
                    continue  # the question is not about the listener's act: only 하다-verbs (좋아하는 영화가 뭐야?)
                if general and "," in sent[w.end() :]:
                    continue  # another clause than the question's verb (물어본 거 같지 않은데, 어떤 게임을 했어?)
                if _SEEMS_AFTER.match(sent, w.end()) or _MODIFIER_SUBJECT.search(
                    sent[sent.rfind(",", 0, w.start()) + 1 : w.start()]
                ):
                    continue  # 디즈니가 만든 / 그게 정당한 것 같아?: a subject of its own, or an opinion
                after = honorific_modifier(before)
                if after is not None:
                    s0 = m.start() + w.start()
                    out.append(Edit(s0, s0 + len(before), before, after, self.id, self.explanation))
        return out


_SEEMS_AFTER = regex.compile(r"[ \t]+(?:것|거)[ \t]*같", regex.V1)
_MODIFIER_SUBJECT = regex.compile(
    r"(?<!\p{Hangul})(?![네니]가)\p{Hangul}+[이가](?=[ \t])|(?<!\p{Hangul})[그이저]게(?=[ \t])", regex.V1
)
"""A subject in the clause before a modifier (디즈니가 만든, 그게 정당한): the modifier's subject is not the
listener (a ``네가``/``니가`` subject is)."""
_LAST_WORD = regex.compile(r"(\p{Hangul}+)[ \t]*\?$", regex.V1)
_HADA_MODIFIER = regex.compile(r"\p{Hangul}*하(?:는|던)|\p{Hangul}+[한할]", regex.V1)


FRAGMENT_PARTICLES = (
    "은", "는", "도", "만", "으로", "에서", "처럼", "듯이", "지만", "까지", "부터", "랑", "하고", "에", "한테"
)
"""Particles and connectives that end a verbless fragment; polite speech adds 요 (음식은? -> 음식은요?,
하지만. -> 하지만요.: the 요 of politeness attaches to any sentence fragment; Sohn 1999, § 9.3.2)."""


def _fragment(word: str, text: str, start: int) -> str | None:
    """A sentence-final fragment ending in a particle (or 걸 after a -ㄹ modifier) + 요."""
    if word == "걸" and start >= 2 and _jong(text[start - 2]) == 8:  # 했을 걸 -> 했을 걸요
        return "걸요"
    if len(word) < 2 or word in NOT_ENDINGS or not _HANGUL_WORD.fullmatch(word):
        return None
    if word.endswith(FRAGMENT_PARTICLES):
        return word + "요"
    return None


_QUOTE_VERBS = r"(?:하는|하고|하며|하면|하더|하길|라고|라는|이러|이래|이라|하니까|했|한다|할)"
_QUOTE_AFTER = regex.compile(r"[?!.…]*[ \t]*" + _QUOTE_VERBS, regex.V1)
_QUOTE_AFTER_POLITE = regex.compile(r"[?!…]*,?[ \t]*" + _QUOTE_VERBS, regex.V1)  # not after a full stop


_QUOTE_AFTER_COMMA = regex.compile(r",[ \t]*(?:라고|라는|라며|라면서|이러|이래|이랬)", regex.V1)
"""A comma then the quotative 라고 or the quoting verb 이러다 (우린 안 돼, 라고 했어; 고를래, 이러고 메뉴를 봤어):
the 반말 words before the comma are the quoted line (Yeon & Brown 2011, on reported speech). The
하다-forms (하면, 하고) are not taken here: after a comma they are as often the verb do (좋아, 하면 돼)."""


def _quoted(text: str, end: int) -> bool:
    """Whether the sentence ending at *end* is quoted speech (…있겠어? 하는 것 같군요; 안 돼, 라고 했어): leave it."""
    return _QUOTE_AFTER.match(text, end) is not None or _QUOTE_AFTER_COMMA.match(text, end) is not None


COMMA_CONNECTIVES = ("서", "서나", "거나", "다가")
"""Connective endings that stand before a comma inside a sentence: -아서/-어서 (and then, because), -면서
(while), -거나 (or), -다가 (and then): the clause goes on, so no 요 (먼저 와서, 야... stays; Yeon & Brown 2011,
on clausal connectives). 그래서 is kept out: as a discourse prompt 그래서요, (so?) is in use."""


def comma_connective(word: str) -> bool:
    """Whether *word* before a comma is a clause connective or an adverb, not a sentence end: the connectives of
    :data:`COMMA_CONNECTIVES` (and nouns in 서 such as 문서, 주문서 in a list) and adverbial -게 (어떻게, 쉽게,
    이렇게), told from the promise -(으)ㄹ게 (할게, 먹을게) by the ㄹ before it.

    >>> [comma_connective(w) for w in ("와서", "머물면서", "하거나", "어떻게", "쉽게", "할게", "그래서", "좋아")]
    [True, True, True, True, True, False, False, False]
    """
    if len(word) < 2 or word == "그래서":
        return False
    if word.endswith(COMMA_CONNECTIVES):
        return True
    return word.endswith("게") and _jong(word[-2]) != 8


HONORIFIC_QUESTIONS = True
"""Whether 반말 questions to the listener take the subject honorific (있어? -> 있으세요?, 봤어? -> 보셨어요?)
instead of the plain 해요체 (있어요?); :func:`addressee_question` decides when the listener is the subject.

Customer-service Korean puts -시- on the customer's own acts (주문하셨어요?, 쓰세요?; 표준 언어 예절 2011).
The CoCoA-MT translators did so in about half of such questions (44 of 88 -아/-어 questions to the listener
in the dev pairs, with no lexical, tense or domain cue that holds on both halves), so the measured effect
is small: regF on even/odd rows 62.6/57.8 with plain questions, 68.0/57.8 with this rule and its cues."""

_FIRST_PERSON_WORD = regex.compile(
    r"(?<!\p{Hangul})(?:나|내|난|날|우리|우린|저희)(?:가|는|도|를|랑|한테|에게|와|의|만|보다|처럼|까지|부터)?(?!\p{Hangul})",
    regex.V1,
)
_TOPIC_YOU = regex.compile(
    r"(?<!\p{Hangul})(?:너|니|당신)(?:는|도)(?!\p{Hangul})|(?<!\p{Hangul})넌(?!\p{Hangul})", regex.V1
)
_RHETORICAL = regex.compile(r"(?<!\p{Hangul})(?:무슨 소용|어딨)", regex.V1)
_SEEMS_BEFORE = regex.compile(r"(?:것|거|듯)[ \t]*$", regex.V1)


_IMPERSONAL_DOEDA = regex.compile(r"\p{Hangul}(?:도|면|야)[ \t]*$", regex.V1)
"""-아도 돼? (may I?), -면 돼? (is it enough if?), -야 돼? (must one?): 되다 as an impersonal auxiliary."""


def addressee_question(text: str, start: int, word: str, address: str = "당신") -> bool:
    """Whether the question ending in *word* at *start* asks about the listener's own act or state.

    Korean drops the subject, so the cues are negative (Sohn 1999, § 9.3.3: -시- marks the subject):

    * the speaker is in the clause (그거 아니면 내가 어디서 보겠어?): the speaker is never honoured;
    * the listener is contrasted by a topic pronoun 너는/넌/너도 (and you?, you too?), rewritten 당신은/
      당신도: 당신 is the pronoun of equals, not of deference (표준 언어 예절 2011, 당신), and such
      questions keep the plain 해요체 (당신도 그렇게 생각해요?); with the address term 고객님 -시- is kept;
    * 왜-questions (왜 그렇게 많이 내?, 팔 왜 그래?) are complaints or surprise, not questions about the
      listener's doings; rhetorical 무슨 소용이 있어? / 어딨어? (where is there such a person?) neither;
    * 것 같아? asks for an opinion on a proposition, whose subject is not the listener; -아도 돼?,
      -면 돼?, -야 돼? use 되다 as an impersonal auxiliary (permission, sufficiency, obligation).

    The endings -겠어 (conjecture), -잖아 (as you know), -(으)ㄹ까 and reported -대/-래 are excluded by
    :func:`honorific_question` itself.
    """
    sent = _sentence_before(text, start)
    clause = sent[sent.rfind(",") + 1 :]
    if _FIRST_PERSON_WORD.search(clause) or "왜" in clause or _RHETORICAL.search(clause):
        return False
    if address == "당신" and _TOPIC_YOU.search(sent):
        return False
    if word in ("돼", "됐어") and _IMPERSONAL_DOEDA.search(clause):
        return False  # 이거 써도 돼? asks for permission (the speaker's act), not about the listener
    stem = predicate_stem(word)
    if stem in THING_ADJECTIVES:
        return False  # 비싸?, 무거워?: qualities of things, not of the listener
    if (_THING_SUBJECT.search(clause) or (thing_predicate(word, stem) and _THING_BEFORE.search(clause))) and (
        "마음에" not in clause
    ):
        return False  # 택배가 도착했어?, 이 제품 어때?: a thing is the subject (but 제품이 마음에 들어?
        # honours the listener who likes it: 마음에 드세요?)
    return not (word.startswith("같") and _SEEMS_BEFORE.search(clause))


THING_NOUNS = (
    "택배", "배송", "주문", "상품", "제품", "물건", "환불", "결제", "교환", "반품", "계좌", "카드", "요금", "가격",
    "비용", "배송비", "앱", "어플", "프로그램", "사이트", "홈페이지", "메일", "이메일", "문자", "메시지", "비밀번호",
    "계정", "로그인", "서비스", "화면", "배터리", "기계", "시스템", "링크", "파일", "영수증", "쿠폰", "포인트",
    "소포", "박스", "포장", "주소", "번호", "전화", "인터넷", "와이파이", "업데이트", "설정", "문제", "오류", "에러",
    "재고", "광고", "날씨",
)
"""Things a support conversation asks about. With one of them as the subject (이/가) the question is
about the thing, and -시- on a thing is the 사물 존대 error (커피 나오셨습니다; 국립국어원, 표준 언어 예절
2011): 택배가 도착했어? -> 도착했어요?, not 도착하셨어요?. A closed list, not any noun + 이/가: many nouns
end in 이/가 themselves (고양이, 휴가) and adverbs in -이 (많이, 같이) look like subjects, and a subject
inside an embedded clause (브루스 리가 춤 잘 췄던 거 알았어?) leaves the listener the main subject."""
DEMONSTRATIVE_SUBJECTS = ("이게", "그게", "저게", "이것이", "그것이", "저것이")
"""이거/그거/저거 (this, that) + the subject particle: the question is about a thing (이게 맞아?, 그게 말이 돼?)."""
DEMONSTRATIVES = ("이거", "그거", "저거", "이것", "그것", "저것")
_THING_SUBJECT = regex.compile(
    r"(?<!\p{Hangul})(?:(?:" + "|".join(sorted(THING_NOUNS, key=len, reverse=True)) + r")(?:이|가)"
    r"|" + "|".join(DEMONSTRATIVE_SUBJECTS) + r")[ \t]"
    r"(?![^.?!\n]*(?:거|것|지|고|던|는|은|ㄴ|을)[ \t])",  # not inside an embedded clause (…거 알아?)
    regex.V1,
)
_THING_BEFORE = regex.compile(
    r"(?<!\p{Hangul})(?:" + "|".join(sorted(THING_NOUNS + DEMONSTRATIVES, key=len, reverse=True)) + r")(?:은|는|도)?"
    r"(?:[ \t]+(?:잘|안|못|좀|다|또|언제|아직|벌써|이제|지금)){0,2}[ \t]*$",
    regex.V1,
)
"""A thing noun right before the predicate, without the subject particle (이 제품 어때?, 가격은
괜찮아?, 배송 아직 안 왔어?: up to two adverbs may stand between) — only before a descriptive or
intransitive predicate (:data:`_DESCRIPTIVE`): before a transitive one the noun is the object the
listener acts on (주문 확인했어? -> 확인하셨어요?). The bare demonstratives 이거/그거/저거 count as things
(이거 맞아? -> 맞아요?)."""
_DESCRIPTIVE = frozenset([
    "어때", "어땠어", "괜찮아", "괜찮았어", "좋아", "좋았어", "비싸", "싸", "커", "작아", "많아", "적어",
    "돼", "됐어", "와", "왔어", "있어", "없어", "늦어", "빨라", "느려", "이상해", "편해", "불편해",
])
THING_ADJECTIVES = frozenset(["비싸", "싸", "저렴하", "무겁", "가볍", "크", "작", "길", "짧", "넓", "좁"])
"""Adjectives of price, weight and size (비싸?, 무거워?): said of things, never honoured with -시- (비싸요?, not
비싸세요?: 사물 존대, 표준 언어 예절 2011)."""
THING_STATE_STEMS = frozenset(["춥", "덥", "맞", "도착하", "출발하"])
"""Predicates a thing noun before them is the subject of (날씨 추워?, 이거 맞아?, 택배 도착했어?)."""
CAUSATIVE_STEMS = frozenset(["올리", "빌리", "돌리", "알리", "살리", "늘리", "날리", "물리", "벌리", "울리", "흘리",
                             "말리", "남기", "옮기", "숨기", "맡기", "즐기", "웃기", "굶기", "입히", "읽히", "익히",
                             "밝히", "넓히", "앉히", "눕히", "맞히"])
"""Transitive verbs in -리-/-히-/-기- (파일 올렸어? did you upload the file): the thing before them is the object."""


def predicate_stem(word: str) -> str | None:
    """The stem of a present or past 반말 -아/-어 predicate (취소됐어 -> 취소되, 열렸어 -> 열리, 추워 -> 춥)."""
    past = _past_split(word, "어")
    return infinitive_stem(past[0] if past else word)


def thing_predicate(word: str, stem: str | None) -> bool:
    """Whether a thing noun right before *word* (without a particle) is its subject, not its object.

    Descriptive and intransitive predicates (:data:`_DESCRIPTIVE`, :data:`THING_STATE_STEMS`), -되다
    (취소됐어?), -지다 (꺼졌어?), the passive -리-/-히-/-기- after a closed syllable (열렸어?, 막혔어?,
    잠겼어?) and motion 오다/가다 (왔어?, 나갔어?) have the thing as subject (Sohn 1999, § 8.2 passives and
    inchoative -어지다); before a transitive verb the thing is the object (주문 확인했어?).

    >>> words = ("취소됐어", "꺼졌어", "열렸어", "도착했어", "확인했어", "올렸어")
    >>> [thing_predicate(w, predicate_stem(w)) for w in words]
    [True, True, True, True, False, False]
    """
    if word in _DESCRIPTIVE:
        return True
    if not stem:
        return False
    if stem in THING_STATE_STEMS or stem.endswith(("되", "도착하", "출발하")):
        return True
    if len(stem) >= 2 and stem.endswith("지") and not stem.endswith(("가지", "만지")):
        return True
    if len(stem) >= 2 and stem[-1] in "리히기" and _jong(stem[-2]) > 0 and stem[-2:] not in CAUSATIVE_STEMS:
        return True
    return stem.endswith(("오", "가")) and not stem.endswith(("져오", "져가", "려오", "려가"))


FAREWELL_CUES = frozenset(["하루", "밤", "저녁", "주말", "시간", "잘", "조심히", "건강히", "편히", "휴가", "연휴"])
"""Words before 보내/지내 in a closing wish: the wish is a request to the customer, so -세요 (좋은 하루
보내세요, 잘 지내세요; 표준 언어 예절 2011, closing greetings)."""


def humble_give(word: str) -> str | None:
    """줄게/줄까 (I will give / shall I give, also as the benefactive -아/어 주다) -> 드릴게요/드릴까요.

    -(으)ㄹ게 (a promise) and -(으)ㄹ까 (an offer) have the speaker as subject, and what the speaker
    gives or does is for the listener, so 주다 takes its humble form 드리다 (object honorific: 알려 줄게 ->
    알려 드릴게요; Sohn 1999, § 9.3.3; Yeon & Brown 2011, ch. 7 on -(으)ㄹ게요 and -(으)ㄹ까요;
    표준 언어 예절 2011).

    >>> humble_give("줄게"), humble_give("알려줄까"), humble_give("할게")
    ('드릴게요', '알려드릴까요', None)
    """
    if word.endswith(("줄게", "줄까")) and (len(word) == 2 or _jong(word[-3]) == 0):
        return word[:-2] + "드릴" + word[-1] + "요"
    return None


_OTHER_SUBJECT = regex.compile(r"(?<!\p{Hangul})(?!내가|제가|네가|니가)\p{Hangul}+[이가](?=[ \t])", regex.V1)
_SUBJECT_BEFORE = regex.compile(r"(?<!\p{Hangul})(?![누네니내제]가[ \t])\p{Hangul}+[이가][ \t]+$", regex.V1)
"""A subject (기억이, 화가) right before a final 나: the verb 나다; not 누가 나? (who, me?) or 네가 나."""


_GREETING_BEFORE = regex.compile(r"(?:^|[.?!…\n])[ \t]*(?:안녕|안녕하세요|야|저기|얘)[ \t]*,?[ \t]*$", regex.V1)
_SENTENCE_START = regex.compile(r"(?:^|[.?!…\n])[ \t]*$", regex.V1)
_NOT_NAMES = frozenset([
    "거", "뭐", "그거", "이거", "저거", "누구", "나", "너", "얘", "쟤", "걔", "어디", "여기", "거기", "저기",
    "최고", "대박", "진짜", "정말", "농담", "그래", "바보", "미래", "문제", "의미", "다행", "다음", "처음",
    "아니", "무료", "공짜", "오류", "가수", "선수", "수리", "유리", "도시", "지도", "정보", "주제", "수도",
])
"""Nouns (and 아니다, not) that end a sentence with the copula -야 at its start ("최고야, 고마워": it's the
best; "아니야, ...": no, it isn't): never read as names before a vocative comma."""
NAME_SYLLABLES = frozenset(
    "가건경규균나다도동라래린미민빈보상서석선성세소솔수슬승시아연영예완용우운원유윤율은인재정제종주준"
    "중지진찬채철태하한해혁현형혜호화환효훈희리비"
)
"""Syllables of frequent modern Korean given names (민지, 수지, 서연, 지우, 하은, 현우, 예린...). A given name
is two such syllables; a word made of other syllables (무료, 공짜, 오류, 언니) is not taken for a name."""
KINSHIP_VOCATIVES = frozenset(["언니", "오빠", "누나", "아빠", "이모", "고모", "자기", "친구", "아가"])
"""Kinship and intimate address terms called with -야 (언니야, ...). 엄마야 is left alone: it is mostly the
interjection (oh my!)."""
_VOCATIVE_EXPLANATION = "a name called with the vocative -야 is addressed politely with 님"
_KINSHIP_EXPLANATION = "the vocative -야 belongs to intimate speech: a polite reply calls 언니/오빠 without it"


def _vocative(text: str, s: int, word: str, comma: bool) -> str | None:
    """The polite form of *word* (at *s*) when it is a name or a kinship term with the vocative particle
    -야, else ``None``: after a greeting that opens the sentence (안녕, 민지야!), or opening a sentence
    before a comma (민지야, 이거 봐); a kinship term also after a comma at the end (고마워, 언니야!).

    -아/-야 is the vocative of intimate or downward address (Sohn 1999, § 9.2); polite speech calls a
    person by name + 님 (민지 님) and drops -야 after a kinship term (언니야, -> 언니,). Vocative -야
    follows a vowel (지수야; 현석아 after a consonant, not handled). The copula -야 after a noun looks the
    same (무료야, 걱정 마: it is free; 아니야, 그건...: no, it isn't), so a name must not be a known noun and,
    unless a greeting precedes it (안녕, 제니야!), must end in two given-name syllables
    (:data:`NAME_SYLLABLES`; 3 with a surname).
    """
    if not word.endswith("야") or not 3 <= len(word) <= 4 or _jong(word[-2]) != 0:
        return None
    name = word[:-1]
    if name == "엄마" and _SENTENCE_START.search(text, max(0, s - 40), s):
        return word  # 엄마야! / 엄마야, 깜짝이야: the interjection (oh my!), left as it is
    kin = name in KINSHIP_VOCATIVES
    before = text[max(0, s - 40) : s]
    greeted = _GREETING_BEFORE.search(before) is not None  # 안녕, 제니야!: after a greeting any name is called
    if not kin and (
        name in _NOT_NAMES
        or name in NOT_ENDINGS
        or name in THING_NOUNS
        or name.startswith("아니")
        # 3 syllables: the first may be a surname (김민지야); after a greeting foreign names too (제니야)
        or (not greeted and not all(c in NAME_SYLLABLES for c in name[-2:]))
    ):
        return None
    if not (
        greeted
        or (comma and _SENTENCE_START.search(before))
        or (kin and not comma and before.rstrip(" \t").endswith(","))  # 고마워, 언니야!
    ):
        return None
    return name if kin else name + " 님"


class EndingRule:
    """Sentence-final 반말 endings -> 해요체 (-아/-어 + 요, -야 -> -예요/-이에요, -지 -> -죠...)."""

    id = "ko.haeyo.ending"
    explanation = "a reply to a customer ends its sentences in the polite 해요체"

    def __init__(self, address: str = "당신") -> None:
        self.address = address

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        if already_polite(text):
            return out
        for pat, comma in ((_FINAL_WORD, False), (_COMMA_WORD, True)):
            for m in pat.finditer(text):
                s, e = m.span(1)
                if s > 0 and text[s - 1].isalpha():  # 27.95달러래 (a counter after digits) is a word
                    continue
                word = m.group(1)
                if word in SET_PHRASES or word in SPEAKER or word in LISTENER_SUFFIX:
                    continue
                if word in HUMBLE_FORMS:  # 저와 is 나와 rewritten (with me), not the ending -와 (come): idempotent
                    if not comma and (frag := _fragment_yo(word, text, e)) != word:
                        out.append(Edit(s, e, word, frag, self.id, self.explanation))
                    continue
                if comma and (
                    word in DISCOURSE
                    or comma_connective(word)
                    or text[max(0, s - 3) : s] == "예를 "
                    or (len(word) < 2 and not text[max(0, s - 50) : s].strip(" \t") and not text[:s].strip(" \t"))
                    or (len(word) < 2 and text[max(0, s - 50) : s].rstrip(" \t")[-1:] in ".?!…,\n")
                ):
                    continue  # 와, / 그러니까, / 예를 들어, : interjections and connectives, not clause ends
                after = None
                if (called := _vocative(text, s, word, comma)) is not None:
                    # 민지야, ... / 안녕, 민지야! : the vocative particle after a name, not the copula
                    # (민지예요 would say "I am Minji"); to a customer the name takes 님 (민지 님)
                    if called != word:
                        why = _VOCATIVE_EXPLANATION if called.endswith("님") else _KINSHIP_EXPLANATION
                        out.append(Edit(s, e, word, called, self.id, why))
                    continue
                question = text[e : e + 3].lstrip().startswith("?")
                if question and HONORIFIC_QUESTIONS and addressee_question(text, s, word, self.address):
                    after = honorific_question(word) or honorific_copula(word)
                    prev_word = _previous_word(text, s)
                    if word in ("들어", "들었어"):  # 듣다 (listen) or 들다 (cost, be inside, like): by the context
                        after = _deul_honorific(word, prev_word)
                    if after is not None and after.startswith("있으"):
                        existence = existence_subject(prev_word)
                        if existence == "person":
                            after = "계" + after[2:]  # 갖고 있어? / 지금 집에 있어? -> 갖고 계세요? / 집에 계세요?
                        elif existence == "thing":
                            after = None  # 재고 창고에 있어? / 잘 되고 있어?: a thing exists, plain 해요체
                if after is None and not question and word in ("보내", "지내", "보내렴", "지내렴"):
                    prev_word = text[max(0, s - 60) : s].rstrip(" \t").rsplit(" ", 1)[-1]
                    lo = max(0, s - 300)
                    clause = text[max(max(text.rfind(c, lo, s) for c in ".?!,\n") + 1, lo) : s]
                    if prev_word in FAREWELL_CUES and not _FIRST_PERSON.search(clause):
                        # 좋은 하루 보내 -> 좋은 하루 보내세요; not 나는 잘 지내 (I am doing well)
                        after = word[:2] + "세요"
                if after is None and word == "내" and not comma:
                    after = "내요"  # sentence-final 내 is the verb 내다 (pay), not possessive 내 + noun
                if after is None and word == "나" and not comma and _SUBJECT_BEFORE.search(text, max(0, s - 40), s):
                    after = "나요"  # 기억이 나. / 화가 나. : the verb 나다 after its subject, not "I"
                if after is None and not (word.endswith("줄까") and _OTHER_SUBJECT.search(_sentence_before(text, s))):
                    after = humble_give(word)  # not 그 사람이 줄까? (will he give?): a third-person subject
                if after is None:
                    after = polite_ending(word)
                if after is None and not comma:
                    after = _fragment(word, text, s)
                if after is not None and not _quoted(text, e):
                    out.append(Edit(s, e, word, after, self.id, self.explanation))
        return out


_OPENER = regex.compile(
    # 그렇지 않니? (isn't it?) is -지 + the long negation 않다/못하다, not the reply word 그렇지
    r"(?:^|(?<=[.?!…\n][ \t]*))(맞아|그래|이봐|좋아|알았어|알겠어|그렇지(?![ \t]+[않못])|아니|안녕)"
    r"(?=[ \t/]+\p{Hangul})",
    regex.V1,
)
"""Reply words and the greeting 안녕 (hi) opening a sentence without punctuation (안녕 나는... -> 안녕하세요 저는)."""


class OpenerRule:
    """A reply word opening a sentence without punctuation (맞아 저도..., 그래 말도 안 돼) -> 해요체."""

    id = "ko.haeyo.opener"
    explanation = "a one-word reply opening a sentence is itself a sentence: polite ending"

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        if already_polite(text):
            return []
        out = []
        for m in _OPENER.finditer(text):
            after = SET_PHRASES.get(m.group(1)) or polite_ending(m.group(1))  # 아니 -> 아니요
            if after is not None:
                out.append(Edit(m.start(1), m.end(1), m.group(1), after, self.id, self.explanation))
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
                and text[m.end() : m.end() + 50].lstrip()[:1] not in (",", ".", "!", "?", "…", "")
            ):
                continue
            if w == "아니" and text[max(0, m.start(1) - 50) : m.start(1)].rstrip()[-1:] == ",":
                continue  # 그건 그, 아니, 좋은 게...: a mid-sentence self-correction ("I mean"), not the answer 아니요
            out.append(Edit(m.start(1), m.end(1), w, SET_PHRASES[w], self.id, self.explanation))
        return out


class SpeakerRule:
    """나/내 -> 저/제 (humble first person)."""

    id = "ko.humble.speaker"
    explanation = "the speaker humbles itself before a customer: 저/제 instead of 나/내"
    _pat = regex.compile(_B + "(" + "|".join(sorted(SPEAKER, key=len, reverse=True)) + ")" + _E, regex.V1)
    _nae = regex.compile(_B + r"내(?=[ \t]+\p{Hangul})", regex.V1)
    # 나 말고 / 나 어렸을 때 -> 저; not the verb 나다 after a subject (기억이 나, 화가 나 버렸어)
    _na = regex.compile(r"(?<!\p{Hangul}[이가][ \t]+)" + _B + r"나(?=[ \t]+\p{Hangul})", regex.V1)

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        if already_polite(text):
            return []
        out = [
            Edit(m.start(1), m.end(1), m.group(1), _fragment_yo(SPEAKER[m.group(1)], text, m.end(1)), self.id,
                 self.explanation)
            for m in self._pat.finditer(text)
        ]
        for m in self._nae.finditer(text):
            out.append(Edit(m.start(), m.end(), "내", "제", self.id, "possessive 내 (my) -> 제"))
        for m in self._na.finditer(text):
            out.append(Edit(m.start(), m.end(), "나", "저", self.id, "bare pronoun 나 (I) -> 저"))
        return out


PLURAL_PARTICLES: dict[str, str] = {
    "가": "이", "이": "이", "는": "은", "은": "은", "를": "을", "을": "을", "와": "과", "과": "과", "랑": "이랑",
    "이랑": "이랑", "도": "도", "의": "의", "만": "만", "한테": "한테", "에게": "에게", "한테서": "한테서",
    "에게서": "에게서", "처럼": "처럼", "보다": "보다", "까지": "까지", "부터": "부터", "끼리": "끼리",
}
"""Particles after 너희/너네, and their form after 여러분 (closed syllable: 가 -> 이, 는 -> 은, 를 -> 을)."""
QUANTIFIERS = frozenset(
    ["둘", "셋", "넷", "모두", "다", "다들", "전부", "각자", "같이", "함께", "둘다", "둘이", "셋이"]
)
"""Words after 너희 that count or gather the listeners (너희 둘, 너희 모두): plural 여러분, not a possessive."""
_NEXT_WORD = regex.compile(r"[ \t]+(\p{Hangul}+)", regex.V1)
_SENTENCE_END = regex.compile(r"[ \t]*(?:[.?!…~]|\n|$)", regex.V1)  # as _FINAL_WORD: idempotent with _fragment


def _fragment_yo(form: str, text: str, end: int) -> str:
    """*form* + 요 when it is a pronoun + particle ending its sentence (저도요., 당신은요?): the 요 of
    politeness attaches to a verbless fragment (Sohn 1999, § 9.3.2); otherwise *form* unchanged."""
    if form.endswith(FRAGMENT_PARTICLES) and _SENTENCE_END.match(text, end):
        return form + "요"
    return form


class ListenerRule:
    """너/네가/너는/네 + noun -> the address term with the right particle."""

    id = "ko.address.listener"
    explanation = "a customer is not addressed as 너"

    def __init__(self, address: str) -> None:
        self.address = address
        keys = sorted(LISTENER_SUFFIX, key=len, reverse=True)
        self._pat = regex.compile(_B + "(" + "|".join(keys) + ")" + _E, regex.V1)
        self._ne = regex.compile(r"(?:(?<=[\p{Hangul}\p{L}\p{P}][ \t]+)|(?<=^[ \t]*))네(?=[ \t]+\p{Hangul})", regex.V1)
        particles = "|".join(sorted(PLURAL_PARTICLES, key=len, reverse=True))
        self._plural = regex.compile(_B + r"(너희들|너네들|너희|너네)(" + particles + r")?" + _E, regex.V1)

    def _with_particle(self, particle: str) -> str:
        if not particle:
            return self.address
        closed = _jong(self.address[-1]) > 0
        alt = {"이랑": "랑", "이": "가", "은": "는", "을": "를", "과": "와"}
        if not closed:  # an open address term takes the other allomorph (가, 는, 를, 와, 랑; also in 와도)
            for closed_form, open_form in alt.items():
                if particle == closed_form or (closed_form in ("과", "이랑") and particle.startswith(closed_form)):
                    return self.address + open_form + particle[len(closed_form) :]
        return self.address + particle

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        if already_polite(text):
            return out
        for m in self._plural.finditer(text):
            pronoun, particle = m.group(1), m.group(2) or ""
            nxt = _NEXT_WORD.match(text, m.end())
            if not particle and not pronoun.endswith("들") and nxt is not None and nxt.group(1) not in QUANTIFIERS:
                # 너네 가족 / 너희 집: the possessive of the listener's household -> the address term
                after, why = self.address, "너희/너네 + noun (your household) -> address term"
            else:
                after, why = "여러분" + PLURAL_PARTICLES.get(particle, particle), "너희 (you all) -> 여러분"
            out.append(Edit(m.start(), m.end(), m.group(0), _fragment_yo(after, text, m.end()), self.id, why))
        for m in self._pat.finditer(text):
            w = m.group(1)
            after = _fragment_yo(self._with_particle(LISTENER_SUFFIX[w]), text, m.end(1))
            out.append(Edit(m.start(1), m.end(1), w, after, self.id, self.explanation))
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
            EndingRule(address or self.address),
            OpenerRule(),
            HonorificModifierRule(address or self.address),
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
