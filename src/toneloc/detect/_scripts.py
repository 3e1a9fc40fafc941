"""Unicode scripts as evidence: which writing systems a text uses, and what they imply.

A script is strong, cheap evidence: Hangul means Korean, kana means Japanese, Thai script means Thai.
The rules here only ever *narrow* the candidate languages; a statistical model decides between the
candidates that share a script (``ru`` vs ``uk``, ``de`` vs ``nl``).

>>> counts = script_counts("Привет, world")
>>> counts["Cyrillic"], counts["Latin"]
(6, 5)
>>> han_variant("这个订单还没有发货")
'Hans'
>>> han_variant("這個訂單還沒有發貨")
'Hant'
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Mapping

import regex

__all__ = [
    "LANGUAGE_SCRIPTS",
    "SCRIPT_WEIGHT",
    "dominant_script",
    "han_variant",
    "mixes_han_standards",
    "script_counts",
    "script_of_language",
]

# Scripts toneloc counts. Anything else that is a letter counts as "Other".
_SCRIPTS = ("Latin", "Cyrillic", "Greek", "Arabic", "Hebrew", "Devanagari", "Bengali", "Thai",
            "Hangul", "Hiragana", "Katakana", "Han", "Georgian", "Armenian", "Tamil", "Telugu",
            "Gujarati", "Gurmukhi", "Kannada", "Malayalam", "Sinhala", "Khmer", "Lao", "Ethiopic")

# One alternation with a named group per script: a single pass over the text finds every letter.
_LETTER = regex.compile(
    "|".join(f"(?P<{s}>\\p{{Script={s}}}+)" for s in _SCRIPTS)
    + r"|(?P<Other>[\p{L}--\p{Script=Common}--\p{Script=Inherited}]+)",
    regex.V1,
)
_NON_LATIN = regex.compile(r"[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}\p{M}]")

SCRIPT_WEIGHT: Mapping[str, int] = {"Han": 3, "Hiragana": 3, "Katakana": 3, "Hangul": 3}
"""A CJK character carries roughly a syllable or a morpheme, an alphabetic letter a phoneme; weighting
CJK characters by 3 (about a short word) keeps "PGP による暗号化" Japanese and "iPhone 살 수 있어요"
Korean without letting one stray Latin acronym outvote them. In a text with kana, Japanese counts
its hiragana 3 and its katakana and kanji 1 (:func:`dominant_script`)."""

# ISO 639-1 -> the script it is written in, for every language py3langid knows (its model covers the
# candidates toneloc accepts). Languages written in Latin script are the default and not listed.
LANGUAGE_SCRIPTS: Mapping[str, str] = {
    "ru": "Cyrillic", "uk": "Cyrillic", "be": "Cyrillic", "bg": "Cyrillic", "mk": "Cyrillic",
    "sr": "Cyrillic", "kk": "Cyrillic", "ky": "Cyrillic", "mn": "Cyrillic",
    "el": "Greek", "ar": "Arabic", "fa": "Arabic", "ur": "Arabic", "ps": "Arabic", "ug": "Arabic",
    "he": "Hebrew", "hi": "Devanagari", "mr": "Devanagari", "ne": "Devanagari", "bn": "Bengali",
    "as": "Bengali", "th": "Thai", "ko": "Hangul", "ja": "Japanese", "zh": "Han", "ka": "Georgian",
    "hy": "Armenian", "ta": "Tamil", "te": "Telugu", "gu": "Gujarati", "pa": "Gurmukhi",
    "kn": "Kannada", "ml": "Malayalam", "si": "Sinhala", "km": "Khmer", "lo": "Lao", "am": "Ethiopic",
}


def script_of_language(lang: str) -> str:
    """The script *lang* is written in (``"Latin"`` unless listed in :data:`LANGUAGE_SCRIPTS`).

    >>> script_of_language("ko"), script_of_language("de"), script_of_language("ja")
    ('Hangul', 'Latin', 'Japanese')
    """
    return LANGUAGE_SCRIPTS.get(lang, "Latin")


def has_non_latin(text: str) -> bool:
    """True when *text* has a character outside Latin/Common/Inherited (fast path for Latin text).

    >>> has_non_latin("Cảm ơn"), has_non_latin("Спасибо")
    (False, True)
    """
    return not text.isascii() and _NON_LATIN.search(text) is not None


_NAMES = (*_SCRIPTS, "Other")
_CODES = tuple(chr(0x41 + i) for i in range(len(_NAMES)))  # one marker character per script
_CODE_NAME = dict(zip(_CODES, _NAMES, strict=True))
_TABLE_MAX = 1 << 16
"""Characters :class:`_ScriptTable` remembers: far more than any real text mixes, a bound on memory
for a stream of adversarial texts (beyond it, characters are still classified, just not kept)."""


class _ScriptTable(dict[int, "str | None"]):
    """``str.translate`` table: code point -> its script's marker (``None``: not a letter of a
    counted script, deleted). Filled on first sight of each character from :data:`_LETTER`, so the
    marker is exactly what the regular expression says; translating and counting the markers in C
    is ~4x faster than one regex match per run of letters (measured on the development set)."""

    def __missing__(self, key: int) -> str | None:
        m = _LETTER.match(chr(key))
        code = _CODES[_NAMES.index(m.lastgroup or "Other")] if m else None
        if len(self) < _TABLE_MAX:
            self[key] = code
        return code


_TABLE = _ScriptTable()


def script_counts(text: str) -> dict[str, int]:
    """Count letters per script (``Latin``, ``Han``, ``Hangul``...; unlisted scripts as ``Other``),
    in the order the scripts first occur.

    >>> script_counts("PGP による暗号化")
    {'Latin': 3, 'Hiragana': 3, 'Han': 3}
    """
    marks = text.translate(_TABLE)
    n = len(marks)
    if not n:
        return {}
    if marks.count(marks[0]) == n:  # one script: the common case, counted without a Counter
        return {_CODE_NAME[marks[0]]: n}
    names = _CODE_NAME
    return {names[code]: k for code, k in Counter(marks).items()}


def dominant_script(counts: Mapping[str, int]) -> str | None:
    """The script with the most weighted letters; kana anywhere makes the text ``Japanese``.

    Japanese mixes kana with Han; kana never occurs in Chinese, so any kana (at least a tenth of the
    CJK letters, to survive one stray symbol) means Japanese. Returns ``None`` without letters.

    >>> dominant_script({"Latin": 3, "Hiragana": 3, "Han": 3})
    'Japanese'
    >>> dominant_script({"Latin": 2, "Hiragana": 2}), dominant_script({"Latin": 8, "Katakana": 4})
    ('Japanese', 'Latin')
    >>> dominant_script({"Latin": 12, "Cyrillic": 2})
    'Latin'
    >>> dominant_script({}) is None
    True
    """
    if len(counts) == 1:  # one script (most messages)
        (name,) = counts
        return "Japanese" if name in ("Hiragana", "Katakana") else name
    if not counts:
        return None
    hira, kata, han = counts.get("Hiragana", 0), counts.get("Katakana", 0), counts.get("Han", 0)
    weighted = {k: n * SCRIPT_WEIGHT.get(k, 1) for k, n in counts.items()}
    if hira + kata and (hira + kata) * 10 >= han + hira + kata:
        # Hiragana writes Japanese grammar (particles, endings: "OKです" is Japanese); katakana and
        # kanji in a kana text are mostly nouns and loanwords another language quotes ("Ich liebe
        # ラーメン" is German): 1 each
        weighted["Japanese"] = 3 * hira + kata + han
        for k in ("Hiragana", "Katakana", "Han"):
            weighted.pop(k, None)
    return max(weighted.items(), key=lambda kv: (kv[1], kv[0]))[0]


def script_share(counts: Mapping[str, int], script: str) -> float:
    """Share of the weighted letters written in *script* (``Japanese`` = kana + Han).

    >>> script_share({"Latin": 3, "Hangul": 3}, "Hangul")
    0.75
    """
    if len(counts) == 1:  # one script: all or nothing
        (name,) = counts
        return 1.0 if name == script or (script == "Japanese" and name in ("Hiragana", "Katakana", "Han")) else 0.0
    total = sum(n * SCRIPT_WEIGHT.get(s, 1) for s, n in counts.items())
    if not total:
        return 0.0
    parts: Iterable[str] = ("Hiragana", "Katakana", "Han") if script == "Japanese" else (script,)
    return sum(counts.get(s, 0) * SCRIPT_WEIGHT.get(s, 1) for s in parts) / total


# Frequent characters that differ between Simplified and Traditional Chinese (the pairs of the
# 1964 General List of Simplified Characters that occur most in everyday and support language).
# Characters identical in both standards carry no evidence and are not listed.
_SIMPLIFIED = (
    "们这个说为来时会对国发后过还没请问题谢订单货钱买卖东门开关见话电号码网页帐户动经应该给让认识语学书车"
    "长马鱼鸟风飞几么吗难离现实体点边进运处务报样种华汉与业乐产亲从众优价伤传总换据无旧显机条极欢气热爱环"
    "确级线组结络统续联试询负责败费资赶软输选递错间队阶须领频额验时区设备拟图帮助们级绍讯户账户删除启动"
    "态册码颜录补顾惯质购层岁归坏尽归纪纸织终绝细红约缩罗胜脑脸节范荣药虽诉词读课谁调谈谓贵贴赛赞赢轮辆"
    "边达远连迟适铁银铺错长闭闻阳阴陆际随难雾静顺预飘饭饮馆驾驶验鲜齐齿龙万专丢两严个丰临丽举义乌书买亏"
)
_TRADITIONAL = (
    "們這個說為來時會對國發後過還沒請問題謝訂單貨錢買賣東門開關見話電號碼網頁帳戶動經應該給讓認識語學書車"
    "長馬魚鳥風飛幾麼嗎難離現實體點邊進運處務報樣種華漢與業樂產親從眾優價傷傳總換據無舊顯機條極歡氣熱愛環"
    "確級線組結絡統續聯試詢負責敗費資趕軟輸選遞錯間隊階須領頻額驗時區設備擬圖幫助們級紹訊戶賬戶刪除啟動"
    "態冊碼顏錄補顧慣質購層歲歸壞盡歸紀紙織終絕細紅約縮羅勝腦臉節範榮藥雖訴詞讀課誰調談謂貴貼賽贊贏輪輛"
    "邊達遠連遲適鐵銀鋪錯長閉聞陽陰陸際隨難霧靜順預飄飯飲館駕駛驗鮮齊齒龍萬專丟兩嚴個豐臨麗舉義烏書買虧"
)
_HANS = frozenset(_SIMPLIFIED) - frozenset(_TRADITIONAL)
_HANT = frozenset(_TRADITIONAL) - frozenset(_SIMPLIFIED)


@functools.lru_cache(maxsize=1)
def _standard_sets() -> tuple[frozenset[str], frozenset[str]]:
    """Characters of only Simplified and of only Traditional Chinese.

    The hand lists above, widened with the character sets of CC-CEDICT (CC BY-SA 4.0) that the
    ``zhon`` package ships (``zhon.cedict.simplified`` / ``.traditional``, ~10,700 characters each;
    a character in both is no evidence). Without ``zhon`` the hand lists alone are used.
    """
    try:
        from zhon import cedict
    except ImportError:  # pragma: no cover - zhon is part of the detect extra
        return _HANS, _HANT
    simp, trad = frozenset(cedict.simplified), frozenset(cedict.traditional)
    return _HANS | (simp - trad - _HANT), _HANT | (trad - simp - _HANS)


def _standard_counts(text: str) -> tuple[int, int]:
    """How many characters of *text* are only Simplified, and how many only Traditional (the two
    sets are disjoint; counted in C, ~3x faster than a loop over the characters)."""
    hans, hant = _standard_sets()
    return sum(map(hans.__contains__, text)), sum(map(hant.__contains__, text))


def mixes_han_standards(text: str) -> bool:
    """True when *text* mixes characters of only Simplified and of only Traditional Chinese.

    A Chinese text follows one standard; Japanese *shinjitai* agree with the Simplified form for some
    characters (国, 来, 数) and keep the Traditional form for others (韓, 時, 無), so a kanji-only
    text with both kinds (at least a third of them the minority kind) is evidence for Japanese.

    >>> mixes_han_standards("韓国"), mixes_han_standards("韩国"), mixes_han_standards("韓國")
    (True, False, False)
    """
    s, t = _standard_counts(text)
    return min(s, t) > 0 and 3 * min(s, t) >= s + t


def han_variant(text: str) -> str | None:
    """``"Hans"`` or ``"Hant"`` from characters that differ between the two standards, else ``None``.

    >>> han_variant("我爱你"), han_variant("我愛你"), han_variant("你好") is None
    ('Hans', 'Hant', True)
    """
    s, t = _standard_counts(text)
    if s == t:
        return None
    return "Hans" if s > t else "Hant"
