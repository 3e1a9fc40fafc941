"""Japanese (ja) tone rules: plain style (常体) -> polite style (です/ます, 敬体), support set phrases.

A support reply in Japanese ends its sentences in the polite style (teineigo): verbs in -ます,
copula です, adjectives + です, and uses set phrases (申し訳ございません, ご確認ください). Plain endings
inside a sentence (relative clauses, quoted speech before と) stay plain: only predicates that end
a sentence or a main clause are changed.

Conjugation (the tables below, applied to the dictionary form and its conjugation class):

* verb non-past -> masu-stem + ます: godan u-row -> i-row (書く -> 書き, 分かる -> 分かり), ichidan
  drops る (食べる -> 食べ), する -> し, 来る -> 来(き); irregular honorific godan くださる/なさる/
  いらっしゃる/おっしゃる -> ください/なさい/いらっしゃい/おっしゃい; the verb-like auxiliaries
  -れる/-られる/-せる/-させる/-ちゃう conjugate the same way (聞かれた -> 聞かれました);
* past -た/-だ -> -ました; negative -ない -> -ません, -なかった -> -ませんでした; volitional -よう/-おう
  -> -ましょう; -ている/-てる -> -ています, -ていた/-てた -> -ていました;
* copula だ -> です, だった -> でした, だろう -> でしょう, じゃない/ではない -> ではありません,
  じゃなかった -> ではありませんでした; ない (there is no) -> ありません;
* い-adjectives + です (高い -> 高いです, 高かった -> 高かったです); their negative takes ありません
  (良くない -> 良くありません, 良くなかった -> 良くありませんでした); a na-adjective ending a
  sentence without the copula takes です (〜が好き。 -> 〜が好きです。);
* a bare te-form ending a sentence is a request -> 〜てください (also 〜ないで -> 〜ないでください);
  〜てくれ -> 〜てください;
* questions without か get か (ある？ -> ありますか？); a noun or na-adjective asked with か/かい takes
  です (好きかい？ -> 好きですか？); explanatory の？ -> んですか？; in a statement
  the explanatory の and 〜んだ(よ) give way to the polite predicate (辞めたの。 -> 辞めました。,
  演奏するんだ。 -> 演奏します。, 好きなんだ -> 好きです; 〜んだね keeps 〜んですね); 〜でしょ -> 〜ますよね; 〜かな ->
  〜でしょうか; clipped 〜かも -> 〜かもしれません; formal nouns (はず, こと...) + です, also after さ;
  sentence-final よ/わ/さ/ぞ/ぜ/い are dropped (どこだい？ -> どこですか？), な -> ね;
* main clauses end at 。！？, at a comma (after a finite verb, also one UniDic tags 連体形, or a final
  particle; not before a quotative という/と), at けど/が/し (-> が/し after the polite predicate:
  〜たけど -> 〜ましたが), and, in chat-style text, at an ellipsis, a dash, laughter (笑, w), an
  emoticon or a space after a predicate; a te-form of a compound particle (にとって, について) is no
  request;
* casual contractions are written out (じゃない -> ではない, 言ってる -> 言っている, 見なきゃ ->
  見なければ), except in a mostly polite text;
* set phrases: ごめん(ね/なさい) -> 申し訳ございません, (〜)ありがとう -> ありがとうございます,
  確認して -> ご確認ください, うん -> はい, ううん/いや -> いいえ, 良い一日を -> 良い一日を過ごしてください.
  Apologies and thanks (ごめん, ありがとね, サンキュー...) are interjections, never a noun taking です
  (本当にごめんね is never 本当にごめんですね); they also follow a te-form giving the reason (遅れてごめん
  -> 遅れて申し訳ございません) and an adverb of degree, casual ones becoming 本当に (マジでありがとう ->
  本当にありがとうございます; 本当に/誠に/大変 stay).

A text whose sentences already end politely at least half of the time is formal (a bare すみません or
ありがとうございます does not count: casual speakers use the formulas too): only its finite
plain verb/copula sentence ends are changed (no requests, questions or commas), so quoted plain
speech and deliberate fragments in a formal reply stay as they are.

Directness (``directness="indirect"`` / ``"direct"``): requests become questions with a cushion word
(〜てください -> 恐れ入りますが、〜ていただけますか; a vocative {name}様、 stays first; reassurances
such as 気にしないでください are not requests), refusals are softened with an apology and
いたしかねます (返品はできません -> 申し訳ございませんが、返品はいたしかねます; the negation stays),
apologies take the deferential 申し訳ございません. The direct pass undoes exactly those shapes
(cushion + 〜ていただけますか -> 〜てください, 申し訳ございませんが、〜はいたしかねます -> 〜はできません).
A refusal-like predicate the rules cannot tell from a description (この商品は返品できません vs
ログインできません) is left unchanged and the result says ``needs_review``. Reviewed table:
``tests/data/tone/directness_ja.tsv``.

With the optional analyser (``pip install toneloc[tone-ja]``: fugashi + unidic-lite) predicates
are found from the morphological analysis (conjugation class and form from UniDic). MeCab gets the
text in chunks of at most :data:`CHUNK_CHARS` characters cut at sentence ends (one 1 MB call
crashed fugashi). Without the analyser a smaller rule set runs on the surface: the copula,
-ている/-ていた, -ない after an a-row kana, volitional -よう, and the set phrases (the result says
``needs_review`` in that mode when the text still ends sentences in plain verbs).

Formal -> informal is not done (the polite forms do not map back to one plain form reliably: です
after a noun is だ, after an adjective it disappears); the text comes back unchanged.

References:
    Kaiser, Stefan et al. *Japanese: A Comprehensive Grammar*. 2nd ed. Routledge, 2013 — ch. 9
    (verb conjugation classes: godan/ichidan/irregular, masu-stem), ch. 10 (polite style です/ます,
    -ません/-ませんでした/-ましょう), ch. 5 (adjectives + です).
    Makino, Seiichi & Michio Tsutsui. *A Dictionary of Basic Japanese Grammar*. The Japan Times,
    1986 — entries -masu, da, -te kudasai, no da / n desu, deshō.
    文化審議会 (Council for Cultural Affairs). *敬語の指針* (Guidelines on Keigo), 2007 — teineigo
    (丁寧語) as the register of service speech; 申し訳ございません, ご確認ください as set phrases;
    requests as questions (〜ていただけますか) and cushion words (クッション言葉).
    菊地康人『敬語』講談社学術文庫, 1997 — いたしかねます as the humble refusal.
    蒲谷宏・川口義一・坂本恵『敬語表現』大修館書店, 1998 — the scale of request forms.
    Den, Yasuharu et al. "The development of an electronic dictionary for morphological analysis
    and its application to Japanese corpus linguistics" (UniDic), 2007 — conjugation classes and
    forms used by the optional analyser.
"""

from __future__ import annotations

import csv
import functools
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, compress, pairwise
from typing import Any, ClassVar, NamedTuple, cast

import regex

from toneloc.rules._base import CultureRules, Edit, Marker, Rule, RuleContext, marker

__all__ = ["Japanese", "Rules", "masu_stem"]

# --------------------------------------------------------------------------- conjugation tables
U_TO_I = dict(zip("うくぐすつぬぶむる", "いきぎしちにびみり", strict=False))
"""Godan verbs: the final u-row kana of the dictionary form -> the i-row kana of the masu-stem."""

A_TO_I = dict(zip("わかがさたなばまら", "いきぎしちにびみり", strict=False))
"""Godan verbs: the a-row kana of the negative stem (書か-ない) -> the masu-stem kana (書き)."""

SPECIAL_MASU = {
    "くださる": "ください",
    "下さる": "下さい",
    "なさる": "なさい",
    "いらっしゃる": "いらっしゃい",
    "おっしゃる": "おっしゃい",
    "仰る": "仰い",
    "ござる": "ござい",
    "する": "し",
    "為る": "し",
    "来る": "来",
    "くる": "き",
    "ある": "あり",
    "有る": "あり",
    "在る": "あり",
}
"""Irregular verbs and the godan honorific verbs whose masu-stem ends in い."""

ICHIDAN_RU_AFTER_KANJI = frozenset(["見", "寝", "出", "着", "似", "煮", "居", "得", "経", "干", "射", "鋳", "診", "観"])
"""Verbs written kanji + る that are ichidan (見る -> 見ます); other kanji + る verbs are godan."""

GODAN_ERU_IRU = frozenset(
    [
        "帰る",
        "入る",
        "走る",
        "知る",
        "切る",
        "要る",
        "限る",
        "減る",
        "喋る",
        "蹴る",
        "滑る",
        "参る",
        "握る",
        "練る",
        "茂る",
        "焦る",
        "散る",
        "混じる",
        "覆る",
        "甦る",
        "嘲る",
    ]
)
"""Godan verbs that look ichidan (e/i-row + る) in the surface-only mode."""

SET_PHRASES: dict[str, str] = {
    "ごめんなさい": "申し訳ございません",
    "ゴメンなさい": "申し訳ございません",
    "ごめんね": "申し訳ございません",
    "ゴメンね": "申し訳ございません",
    "ごめん": "申し訳ございません",
    "ゴメン": "申し訳ございません",
    "ありがとね": "ありがとうございます",
    "ありがとう": "ありがとうございます",
    "ありがと": "ありがとうございます",
    "サンキューね": "ありがとうございます",
    "サンキュー": "ありがとうございます",
    "サンキュ": "ありがとうございます",
    "確認してね": "ご確認ください",
    "確認して": "ご確認ください",
    "待ってて": "お待ちください",
    "ちょっと待って": "少々お待ちください",
    "うん": "はい",
    "ううん": "いいえ",
    "じゃあね": "失礼いたします",
    "またね": "またのご利用をお待ちしております",
    "良い一日を": "良い一日を過ごしてください",
    "良い1日を": "良い1日を過ごしてください",
    "良い週末を": "良い週末を過ごしてください",
    "よろしくお願い": "よろしくお願いいたします",
    "よろしく": "よろしくお願いいたします",
    "おはよう": "おはようございます",
    "お疲れさま": "お疲れ様です",
    "お疲れ様": "お疲れ様です",
    "お疲れ": "お疲れ様です",
    "おめでとう": "おめでとうございます",
    "おやすみ": "おやすみなさい",
    "お休み": "お休みなさい",
    "やあ": "こんにちは",
    "了解": "承知いたしました",
}
"""Informal set phrases and their support-register equivalents (敬語の指針, 2007; 承知いたしました for
了解, the form business etiquette guides give towards customers and superiors; おやすみなさい and
こんにちは are the polite counterparts of the clipped おやすみ and the casual greeting やあ, Makino &
Tsutsui 1986, greetings)."""

_KEEP_IN_POLITE = frozenset(
    ["うん", "ううん", "おはよう", "お疲れ", "お疲れさま", "お疲れ様", "おめでとう", "了解",
     "やあ", "おやすみ", "お休み"]
)
"""Set phrases a polite text may keep (conversational です/ます speech says おはよう、そうですよ): converted only
in a text with no polite predicate, so text already in the polite register comes back unchanged."""

_GLUE_OK = frozenset(["よろしく", "よろしくお願い", "おめでとう"])
"""Set phrases that may follow a word directly: これからもよろしく(ね), 引き続きよろしくお願い (an adverb
よろしく before punctuation always closes the formula, never modifies a verb), (お)誕生日おめでとう (the
occasion congratulated: a noun before おめでとう is never its subject)."""

INTERJECTION_PHRASES = frozenset(
    k for k, v in SET_PHRASES.items() if v in ("申し訳ございません", "ありがとうございます")
)
"""The apology/thanks interjections among :data:`SET_PHRASES`: whole utterances, never a noun
predicate (ごめんね is not ごめん + ね, so never ごめんですね; 敬語の指針 2007: the polite apology is
申し訳ございません/すみません, the polite thanks ありがとうございます)."""

INTERJECTION_LEMMAS = frozenset(["御免", "有り難う", "サンキュー-thank you"])
"""UniDic lemmas of those interjections (UniDic tags ごめん and サンキュー as nouns): the predicate
rule never adds です to them; :class:`SetPhraseRule` replaces the whole phrase."""

DEGREE_ADVERBS: dict[str, str] = {
    "本当に": "本当に",
    "ほんとうに": "本当に",
    "ほんとに": "本当に",
    "ホントに": "本当に",
    "ほんと": "本当に",
    "ホント": "本当に",
    "マジで": "本当に",
    "まじで": "本当に",
    "マジ": "本当に",
    "まじ": "本当に",
    "めっちゃ": "本当に",
    "めちゃくちゃ": "本当に",
    "めちゃ": "本当に",
    "すごく": "本当に",
    "すっごく": "本当に",
    "ものすごく": "本当に",
    "超": "本当に",
    "誠に": "誠に",
    "大変": "大変",
}
"""Adverbs of degree before an apology/thanks interjection and their form in the polite phrase:
casual intensifiers (the clipped ほんと, slang マジ/めっちゃ/超, すごく) become 本当に, the neutral or
formal ones (本当に, 誠に, 大変) stay: 本当にごめん -> 本当に申し訳ございません, マジでありがとう ->
本当にありがとうございます. The polite formulas themselves follow 敬語の指針 (2007); the adverbs are
a closed list, matched before the phrase only."""

QUESTION_WORDS = frozenset(
    ["どう", "どれ", "どこ", "いつ", "なぜ", "何", "なに", "誰", "だれ", "本当", "ほんと", "どちら", "どっち", "いくら"]
)
"""Words that form a question predicate on their own (どう？ -> どうですか？)."""

FORMAL_NOUNS = frozenset(["こと", "もの", "だけ", "はず", "わけ", "ところ", "つもり", "予定", "ばかり"])
"""Formal nouns that end a sentence as a predicate (行くつもり。 -> 行くつもりです。)."""

DROP_FINALS = frozenset(["よ", "わ", "さ", "ぞ", "ぜ", "じゃん", "い"])
"""Sentence-final particles of plain speech dropped after a polite predicate (どこだい？ -> どこですか？,
〜たかい。 -> 〜ましたか。: Makino & Tsutsui 1986, entries yo, wa, sa, kai/dai)."""
_NE_YO = frozenset(["ね", "よ"])
_YO = frozenset(["よ"])
"""Final particles a request (〜てね) and an explanatory 〜んだ(よ) may end in (``issuperset``: all of them)."""


@functools.lru_cache(maxsize=4096)
def masu_stem(base: str, ctype: str = "") -> str | None:
    """The masu-stem (連用形) of a verb in dictionary form; *ctype* is the UniDic conjugation class.

    >>> masu_stem("書く", "五段-カ行"), masu_stem("食べる", "下一段-バ行"), masu_stem("する", "サ行変格")
    ('書き', '食べ', 'し')
    >>> masu_stem("くださる", "五段-ラ行"), masu_stem("見る"), masu_stem("帰る")
    ('ください', '見', '帰り')
    """
    for irregular, stem in SPECIAL_MASU.items():
        if base.endswith(irregular):
            if irregular in ("ある", "有る", "在る") and base != irregular:
                continue
            if irregular == "くる" and base != "くる":
                continue
            return base[: -len(irregular)] + stem
    if not base:
        return None
    if ctype.startswith("サ行変格") and base.endswith(("する", "ずる")):
        return base[:-2] + ("し" if base.endswith("する") else "じ")
    if ctype.startswith("カ行変格"):
        return base[:-1] if base.endswith("来る") else base[:-2] + "き"
    if "一段" in ctype:
        return base[:-1] if base.endswith("る") else None
    if ctype.startswith("五段"):
        last = base[-1]
        return base[:-1] + U_TO_I[last] if last in U_TO_I else None
    # no class given: guess from the surface (surface-only mode)
    if base.endswith("る") and base not in GODAN_ERU_IRU and len(base) >= 2:
        prev = base[-2]
        if prev in ICHIDAN_RU_AFTER_KANJI or prev in "えけげせぜてでねへべぺめれいきぎしじちぢにひびぴみり":
            return base[:-1]
    last = base[-1]
    return base[:-1] + U_TO_I[last] if last in U_TO_I else None


# --------------------------------------------------------------------------- analyser
class Token(NamedTuple):
    """One morpheme: surface, offsets into the text, and UniDic features (``*`` when unknown).

    An immutable named tuple (a 1 MB reply has ~600,000 morphemes; a tuple is cheaper than a frozen
    dataclass to create).
    """

    surface: str
    start: int
    end: int
    pos1: str
    pos2: str
    ctype: str
    cform: str
    lemma: str
    base: str


@functools.lru_cache(maxsize=1)
def _tagger() -> Any:
    """The fugashi tagger (UniDic) that keys the morphemes (:data:`_NODE_FORMAT`), or ``None`` when
    the optional analyser is not installed.

    MeCab is asked for one line per morpheme as a single string (:meth:`fugashi.Tagger.parse` with a
    node format): one C call instead of a Python node object per morpheme and three property reads
    each, which was most of the tokenising time.
    """
    try:
        import fugashi
    except ImportError:
        return None
    try:
        return fugashi.Tagger(_NODE_FORMAT)
    except RuntimeError:  # fugashi present but no dictionary (unidic-lite missing)
        return None


@functools.lru_cache(maxsize=1)
def _feature_tagger() -> Any:
    """The fugashi tagger that writes every morpheme's features (:data:`_FEATURE_FORMAT`); asked only
    for a text holding a morpheme :data:`_LINES` has not seen yet."""
    import fugashi

    return fugashi.Tagger(_FEATURE_FORMAT)


_NODE_FORMAT = r"--output-format-type= -F%m\\t%phl,%phr,%pw\\n -U%m\\t\\t%H\\n -E\\n"
"""MeCab output keying each morpheme: ``surface<TAB>left id,right id,word cost`` for a dictionary
word (about a fifth of the characters of its UniDic features, so MeCab writes, Python decodes,
splits and hashes that much less), ``surface<TAB><TAB>raw UniDic CSV`` for an unknown word (its
features are short and name it; the second tab also keeps this format apart from MeCab's default
unknown-word format, which MeCab would otherwise replace by the node format, and unlike a trailing
mark it survives fugashi stripping white space from the end of the output). Nothing is written at
EOS.
Backslashes are doubled because fugashi splits the argument string like a shell. A surface never
holds a tab or line feed: MeCab skips both as white space.

The ids and cost name one dictionary entry per surface up to homographs that share all three (4,051
groups in unidic-lite, 1,383 of them differing in a feature the rules read, mostly the lemma: readings
of names, 龍山 タツヤマ/リュウザン, and spelling variants, 雌鹿/牝鹿). MeCab cannot tell such entries
apart: every path through one costs exactly as much as through the other, and the Viterbi search keeps
the first of equal paths in the dictionary's fixed order, so it always outputs the same one of them.
A key therefore names the same features in every text; they are read from :data:`_FEATURE_FORMAT`
the first time the key is seen (:func:`_learn`)."""

_FEATURE_FORMAT = r"--output-format-type= -F%m\\t%H\\n -U%m\\t%H\\n -E\\n"
"""MeCab output: ``surface<TAB>raw UniDic CSV`` per morpheme (unknown words too), nothing at EOS."""


def analyser_available() -> bool:
    """Whether fugashi + a UniDic dictionary are installed (the ``tone-ja`` extra)."""
    return _tagger() is not None


CHUNK_CHARS = 2048
"""Longest piece of text given to MeCab in one call. fugashi crashed (segfault) on a single 1 MB
call; the text is cut after a line break or a sentence end (。！？) so no morpheme is split."""

_CUTS = ("\n", "。", "！", "？", "!", "?")


def _chunks(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` pieces of at most :data:`CHUNK_CHARS` characters, cut at sentence ends."""
    out: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while start < n:
        end = min(n, start + CHUNK_CHARS)
        if end < n:
            cut = max(text.rfind(c, start, end) for c in _CUTS)
            if cut > start:
                end = cut + 1
        out.append((start, end))
        start = end
    return out


def tokenize(text: str) -> list[Token]:
    """Morphemes of *text* with offsets (needs the ``tone-ja`` extra), analysed in bounded chunks.

    >>> [(t.surface, t.start, t.end, t.pos1, t.base) for t in tokenize("来た")]
    [('来', 0, 1, '動詞', '来る'), ('た', 1, 2, '助動詞', 'た')]
    """
    a = _analyse(text)
    return [Token(m.surface, s, e, m.pos1, m.pos2, m.ctype, m.cform, m.lemma, m.base)
            for m, s, e in zip(a.morphs, a.starts, a.ends, strict=True)]


@dataclass(frozen=True, slots=True)
class _Morph:
    """One morpheme without its position: surface, UniDic features (``*`` when unknown), length and
    kind bits (:data:`_K_STOP` ...). One instance per distinct MeCab line (:data:`_LINES`), shared by
    every occurrence, so a text's morphemes cost a dictionary look-up each, not a new object; the
    offsets live in :attr:`_Analysis.starts` / :attr:`_Analysis.ends`. A slots class, not a named
    tuple: the rule reads its attributes thousands of times per reply, and a slot is read faster."""

    surface: str
    pos1: str
    pos2: str
    ctype: str
    cform: str
    lemma: str
    base: str
    size: int
    kind: int
    scan: bool
    """``kind & _K_SCAN``: the rule collects this morpheme's position (read by ``compress``, in C)."""


class _Analysis(NamedTuple):
    """The morphemes of a text and, index for index, their offsets. *contiguous*: no white space lay
    between morphemes (each starts where the previous one ended)."""

    morphs: list[_Morph]
    starts: list[int]
    ends: list[int]
    contiguous: bool


_K_STOP, _K_CONJ, _K_SENT, _K_CONTR, _K_BOUND, _K_SKIP, _K_POLITE, _K_COMMA_END = 1, 2, 4, 8, 16, 32, 64, 128
"""Morpheme kind bits, cached with the features: a symbol or a possible soft sentence end
(:data:`_SOFT_FIRST`), a conjunctive particle that may end a main clause (:data:`CLAUSE_CONJ` but
から), a sentence end (:data:`_SENT_ENDS`), an auxiliary a contraction may have
(:data:`_CONTRACTED`), a clause boundary (:data:`_BOUNDARY_SURFACES`), a morpheme
:func:`_polite_ending_at` skips (a symbol, でしょ), a polite predicate (ます/です, ください,
ございます) and a morpheme that may end a clause before a comma (a finite form, the past た, a
final or clause-ending conjunctive particle, でしょ). They let the rule find its few candidate
positions with one bit test per morpheme instead of reading several attributes; each bit is a
necessary condition the rule still checks in full."""
_K_SCAN = _K_STOP | _K_CONJ | _K_SENT | _K_CONTR | _K_POLITE
"""The bits :meth:`PoliteStyleRule.apply` collects positions for."""
_K_INTERJ, _K_NOUN_Q, _K_FORMAL_NOUN, _K_NA, _K_MO, _K_TE = 256, 512, 1024, 2048, 4096, 8192
"""Exact kind bits of the last morpheme of a predicate (each is the whole condition the rule tests,
computed once per distinct morpheme in :func:`_features`): an apology/thanks interjection
(:data:`INTERJECTION_LEMMAS`), a noun-like predicate that may be asked as a question (a noun,
pronoun, na-adjective or question word, not a numeral or an auxiliary stem), a formal noun
(:data:`FORMAL_NOUNS`), a na-adjective (形状詞), も (of かも) and the te of a te-form (て/で, 接続助詞)."""
_K_COMMA, _K_QMARK, _K_FINAL, _K_CLAUSE_CONJ = 16384, 32768, 65536, 131072
"""Exact kind bits: a comma (、，,), a question mark (？?), a final particle (終助詞) and a
conjunctive particle of :data:`CLAUSE_CONJ` (から too, unlike :data:`_K_CONJ`)."""
_K_SPECIAL = _K_INTERJ | _K_NOUN_Q | _K_FORMAL_NOUN | _K_NA | _K_MO | _K_TE
"""A predicate ending in none of these (nor in a final particle) takes none of the special shapes
of :meth:`PoliteStyleRule.apply` (questions of a noun, formal nouns, かも, requests...)."""


def _analyse(text: str) -> _Analysis:
    """The morphemes of *text* (empty without the analyser), MeCab run on bounded chunks."""
    tagger = _tagger()
    if tagger is not None and 0 < len(text) <= CHUNK_CHARS:  # a reply: one MeCab call
        return _tokenize_chunk(tagger, text, 0, len(text))
    chunks = _chunks(text) if tagger is not None else []
    if len(chunks) == 1:
        return _tokenize_chunk(tagger, text, *chunks[0])
    a = _Analysis([], [], [], True)
    contiguous = True
    for c0, c1 in chunks:
        part = _tokenize_chunk(tagger, text, c0, c1)
        a.morphs.extend(part.morphs)
        a.starts.extend(part.starts)
        a.ends.extend(part.ends)
        contiguous = contiguous and part.contiguous
    return a if contiguous else a._replace(contiguous=False)


_LINES: dict[str, _Morph] = {}
"""Parsed morphemes by their :data:`_NODE_FORMAT` line (surface + ids and cost, or surface + the
features of an unknown word): a text repeats the same few thousand morphemes, so each one's
features are read and its kind bits computed once (bounded: cleared at 100,000 entries). Keyed by
the morpheme, never by a text: every call still runs MeCab."""


def _features(line: str) -> _Morph:
    """The :class:`_Morph` of one MeCab line (``surface<TAB>raw UniDic CSV``).

    The CSV is read the way fugashi reads it (``csv`` only when a field is quoted; fields missing
    from an unknown word's short feature list count as empty), with ``*`` for an empty field and the
    surface for a missing orthBase (the base form).
    """
    surface, _, raw = line.partition("\t")
    fields: list[str] = next(csv.reader([raw])) if '"' in raw else raw.split(",")
    fields += [""] * (11 - len(fields))
    pos1, pos2, ctype, cform = fields[0] or "*", fields[1] or "*", fields[4] or "*", fields[5] or "*"
    lemma = fields[7] or "*"
    kind = (
        (_K_STOP if pos1 == "補助記号" or surface in _SOFT_FIRST else 0)
        | (_K_CONJ if pos2 == "接続助詞" and surface in CLAUSE_CONJ and surface != "から" else 0)
        | (_K_SENT if surface in _SENT_ENDS else 0)
        | (_K_CONTR if pos1 == "助動詞" and surface in _CONTRACTED else 0)
        | (_K_BOUND if pos1 == "補助記号" and surface in _BOUNDARY_SURFACES else 0)
        | (_K_SKIP if pos1 == "補助記号" or surface == "でしょ" else 0)
        | (_K_POLITE if (pos1 == "助動詞" and lemma in ("ます", "です")) or surface in _POLITE_SURFACES else 0)
        | (_K_COMMA_END if cform.startswith(("終止形", "意志推量形"))
           or (cform.startswith("連体形") and (ctype == "助動詞-タ" or pos1 == "動詞"
                                              or (pos1 == "助動詞" and fields[10] in VERB_AUXILIARIES)))
           or pos2 == "終助詞"
           or (pos2 == "接続助詞" and surface in CLAUSE_CONJ)
           or (surface == "でしょ" and lemma == "です") else 0)
        | (_K_INTERJ if lemma in INTERJECTION_LEMMAS else 0)
        | (_K_NOUN_Q if (pos1 in ("名詞", "代名詞", "形状詞") or surface in QUESTION_WORDS)
           and pos2 not in ("数詞", "助動詞語幹") else 0)
        | (_K_FORMAL_NOUN if surface in FORMAL_NOUNS else 0)
        | (_K_NA if pos1 == "形状詞" else 0)
        | (_K_MO if surface == "も" else 0)
        | (_K_TE if surface in ("て", "で") and pos2 == "接続助詞" else 0)
        | (_K_COMMA if surface in ("、", "，", ",") else 0)
        | (_K_QMARK if surface in ("？", "?") else 0)
        | (_K_FINAL if pos2 == "終助詞" else 0)
        | (_K_CLAUSE_CONJ if pos2 == "接続助詞" and surface in CLAUSE_CONJ else 0)
    )
    return _Morph(surface, pos1, pos2, ctype, cform, lemma, fields[10] or surface,
                  len(surface), kind, bool(kind & _K_SCAN))


def _tokenize_chunk(tagger: Any, text: str, c0: int, c1: int) -> _Analysis:
    """The morphemes of ``text[c0:c1]`` (offsets into *text*)."""
    if len(_LINES) > 100_000:
        _LINES.clear()
    chunk = text[c0:c1]
    try:
        lines = tagger.parse(chunk).split("\n")  # no trailing line feed: one line per morpheme
    except UnicodeEncodeError:  # lone surrogates (undecodable bytes a caller kept): MeCab reads UTF-8
        chunk = _SURROGATES.sub("\ufffd", chunk)  # same length, same offsets
        lines = tagger.parse(chunk).split("\n")
    found = list(map(_LINES.get, lines))
    # a line not seen before (or no morpheme at all: [""]) is learnt
    morphs = cast("list[_Morph]", found) if all(found) else _learn(chunk, lines, found)
    offsets = list(accumulate(map(_SIZE, morphs), initial=c0))
    if offsets[-1] == c1:  # no white space was skipped: the morphemes are contiguous
        ends = offsets[1:]
        del offsets[-1]
        return _Analysis(morphs, offsets, ends, True)
    starts: list[int] = []
    ends = []
    find = text.find  # white space between morphemes: find each surface from the last end
    pos = c0
    for m in morphs:
        start = find(m.surface, pos, c1) if m.surface else pos
        if start < 0:  # not expected: MeCab returns the input's own characters
            start = pos
        pos = start + m.size
        starts.append(start)
        ends.append(pos)
    return _Analysis(morphs, starts, ends, False)


_SURROGATES = re.compile("[\ud800-\udfff]")
_SIZE = operator.attrgetter("size")
"""Getter of :attr:`_Morph.size` for ``map`` (no Python frame per morpheme)."""
_SCAN = operator.attrgetter("scan")
_SURFACE = operator.attrgetter("surface")


def _learn(chunk: str, lines: list[str], found: list[_Morph | None]) -> list[_Morph]:
    """The morphemes of *chunk* whose :data:`_NODE_FORMAT` output is *lines* (*found*: those already
    in :data:`_LINES`, else ``None``); the others are read from their features and remembered. An
    unknown word's line holds its features; a dictionary word's are taken from the same text
    analysed with :data:`_FEATURE_FORMAT` (the same analysis: one line per morpheme, in order)."""
    full: list[str] | None = None
    morphs: list[_Morph] = []
    for i, (m, line) in enumerate(zip(found, lines, strict=True)):
        if m is None:
            if not line:
                continue
            if "\t\t" in line:  # an unknown word: surface<TAB><TAB>features
                m = _LINES[line] = _features(line.replace("\t\t", "\t", 1))
            else:
                if full is None:
                    full = _feature_tagger().parse(chunk).split("\n")
                    if len(full) != len(lines):  # not expected: both taggers run the same analysis
                        return [_features(x) for x in full if x]
                m = _features(full[i])
                if m.surface != line.partition("\t")[0]:  # not expected either
                    return [_features(x) for x in full if x]
                _LINES[line] = m
        morphs.append(m)
    return morphs


_BOUNDARY_SURFACES = frozenset(["。", "！", "？", "!", "?", "、", "，", ",", "…", "\n"])
"""Symbols (補助記号) that end a sentence or a clause (the :data:`_K_BOUND` bit)."""

CLAUSE_CONJ = {"けど": "が", "けれど": "が", "けれども": "が", "が": "が", "から": "から", "し": "し"}
"""Conjunctions ending a main clause and their form after a polite predicate (〜たけど -> 〜ましたが,
〜あるし -> 〜ありますし; 敬語の指針 2007: けど is colloquial, が is its polite-style counterpart)."""

COMPOUND_PARTICLES = frozenset(
    [("に", "取る"), ("に", "つく"), ("に", "付く"), ("に", "因る"), ("に", "依る"), ("に", "対する"),
     ("に", "於く"), ("に", "関する"), ("に", "渡る"), ("と", "為る"), ("を", "巡る")]
)
"""Case particle + verb te-form that together act as one compound particle (複合格助詞: にとって, について,
によって, に対して, において, に関して, にわたって, として, をめぐって; 益岡隆志・田窪行則『基礎日本語文法』
改訂版 1992, 第2部 複合格助詞): a text cut off after one (私にとって) ends in no request."""

_QUOTATIVES = frozenset(["と", "って", "という", "っていう"])
"""Quotative particles: a clause before 、 + one of them is quoted (〜ない、という), not a main clause."""

_ELLIPSIS = frozenset(["…", "...", "..", "‥", "-", "—", "―", "－", "・・・"])
_LAUGH = frozenset(["笑", "笑笑", "w", "ｗ", "ww", "ｗｗ", "(笑)", "（笑）"])
_EMOTICON_CHARS = frozenset(".…・:;")


def _soft_boundary(text: str, toks: Sequence[_Morph], starts: Sequence[int], ends: Sequence[int], b: int) -> bool:
    """Whether morpheme *b* starts after the end of a sentence that has no 。: an ellipsis or dash,
    laughter (笑, w) or a space after a predicate (chat style: ``見たよ 笑``, ``行った 叔父さんは``)."""
    t = toks[b]
    prev = toks[b - 1]
    if prev.pos1 == "補助記号" or prev.surface in _LAUGH:
        return False
    if t.surface in _ELLIPSIS or (t.pos1 == "補助記号" and set(t.surface) <= _EMOTICON_CHARS):
        return True  # ... … and emoticons :) ;)
    if t.surface in ("(", "（") and b + 1 < len(toks) and toks[b + 1].surface in _LAUGH:
        return True  # (笑)
    if t.surface in _LAUGH and (b + 1 == len(toks) or toks[b + 1].pos1 == "補助記号" or starts[b + 1] > ends[b]):
        return True
    gap = starts[b] > ends[b - 1]
    return gap and text[ends[b - 1] : starts[b]].strip() == "" and prev.pos1 in ("助動詞", "動詞", "助詞")


_SENT_ENDS = frozenset(["。", "！", "？", "!", "?", "\n"])
_POLITE_SURFACES = frozenset(["ください", "ございます"])
_SOFT_FIRST = _ELLIPSIS | _LAUGH | {"(", "（"}


FORMULA_LEMMAS = frozenset(["済む", "有り難う", "めでたい"])
"""Lemmas of the polite formulas すみません/すいません (UniDic: 済む + ませ + ん) and ありがとうございます/
おめでとうございます (有り難う/めでたい + ござい + ます)."""


def _formula_before(toks: Sequence[_Morph], k: int) -> bool:
    """Whether the polite ます at *k* closes one of the formulas of :data:`FORMULA_LEMMAS` (でございます
    after a noun is a polite predicate, not a formula)."""
    lemma = toks[k - 1].lemma
    if lemma == "御座る":
        return k >= 2 and toks[k - 2].lemma in FORMULA_LEMMAS
    return lemma == "済む"


def _polite_ending_at(toks: Sequence[_Morph], s: int, i: int) -> bool:
    """Whether the sentence ``[s, i]`` (morpheme indexes, boundary included) ends in a polite
    predicate: one of its last four morphemes that are not symbols is ます/です, ください or ございます
    (でしょ is not counted: 分かるでしょ is plain). Read backwards from the end, so a long sentence
    costs no more; it reads the morphemes' kind bits (:data:`_K_SKIP`, :data:`_K_POLITE`).

    A sentence ending in a fixed formula (すみません, ありがとうございます: :func:`_formula_before`) does not
    count: casual speakers use these formulas too (〜ないよ、すみません。), so they say nothing about the
    register of the text around them."""
    seen = 0
    for k in range(i, s - 1, -1):
        kind = toks[k].kind
        if kind & _K_SKIP:
            continue
        if kind & _K_POLITE:
            return k == 0 or not _formula_before(toks, k)
        seen += 1
        if seen == 4:
            return False
    return False


def _candidate_ends_fast(toks: Sequence[_Morph], flagged: Sequence[int]) -> list[int]:
    """:func:`_candidate_ends` from the kind bits, for contiguous morphemes (no white space between).

    *flagged*: the indexes whose kind has :data:`_K_STOP` or :data:`_K_CONJ` set (others may be
    included), ascending. A candidate is a stop, or the morpheme after a clause-ending conjunctive
    particle: with no white space, a morpheme that is neither is never a soft sentence end
    (:func:`_soft_boundary` needs a stop or a gap), so the rule would pass over it.
    """
    n = len(toks)
    out = [i for i in flagged if toks[i].kind & _K_STOP]
    after_conj = [i + 1 for i in flagged if toks[i].kind & _K_CONJ]
    if after_conj:
        found = set(out)
        found.update(after_conj)
        found.discard(n)
        out = sorted(found)
    out.append(n)
    return out


def _candidate_ends(toks: Sequence[_Morph], starts: Sequence[int], ends: Sequence[int]) -> list[int]:
    """Morpheme indexes *b* where a sentence or clause may end just before ``toks[b]`` (and ``len(toks)``).

    A superset of the ends :meth:`PoliteStyleRule.apply` acts on, found without calls: a symbol
    (。、！？, brackets, emoticons), a morpheme after a conjunctive particle (〜けど), one that may
    start a soft end (:data:`_SOFT_FIRST`: ellipsis, laughter, ``(``) or one after white space.
    The rule itself still decides each candidate, so skipping the others changes nothing.
    """
    if not toks:
        return [0]
    out = [0] if toks[0].pos1 == "補助記号" else []
    soft_first = _SOFT_FIRST
    out += [
        b
        for b, (p, t) in enumerate(pairwise(toks), 1)
        if t.pos1 == "補助記号" or p.pos2 == "接続助詞" or starts[b] > ends[b - 1] or t.surface in soft_first
    ]
    out.append(len(toks))
    return out


VERB_AUXILIARIES = frozenset(["れる", "られる", "せる", "させる", "しめる", "ちゃう", "じゃう", "ちまう"])
"""Auxiliaries conjugated like verbs (passive/potential, causative, completive): 聞か-れる ->
聞か-れます, 震え上がら-せる -> 震え上がら-せます (Kaiser et al. 2013, ch. 9; UniDic 助動詞-レル)."""


def _verb_masu(t: _Morph) -> str | None:
    if t.pos1 == "助動詞" and t.base in VERB_AUXILIARIES:
        if t.base.endswith("う"):  # ちゃう/じゃう/ちまう: godan wa-row
            return t.base[:-1] + "い"
        return t.base[:-1]
    if t.pos1 != "動詞":
        return None
    return masu_stem(t.base, t.ctype)


class _Conversion(NamedTuple):
    back: int  # how many morphemes before the predicate's last one the replaced part starts (0-2)
    text: str  # the polite predicate
    kind: str  # "verb", "copula", "adjective", "request"


def _convert_predicate(toks: Sequence[_Morph], j: int) -> _Conversion | None:
    """Polite form of the predicate ending at morpheme *j* (inclusive); it starts at ``j - back``.

    Memoised by the identity of the three morphemes (:data:`_LINES` shares one object per distinct
    morpheme): hashing three ids is cheaper than hashing their 27 fields. Each entry holds the
    morphemes themselves, so no id is reused while it is cached.
    """
    t = toks[j]
    prev = toks[j - 1] if j >= 1 else None
    prev2 = toks[j - 2] if j >= 2 else None
    key = (id(t), id(prev), id(prev2))
    hit = _CONVERSIONS.get(key)
    if hit is None:
        if len(_CONVERSIONS) >= 20_000:
            _CONVERSIONS.clear()
        hit = _CONVERSIONS[key] = (t, prev, prev2, _convert_at(t, prev, prev2))
    return hit[3]


_CONVERSIONS: dict[tuple[int, int, int], tuple[_Morph, _Morph | None, _Morph | None, _Conversion | None]] = {}


def _convert_at(t: _Morph, prev: _Morph | None, prev2: _Morph | None) -> _Conversion | None:
    """:func:`_convert_predicate` of a predicate ending in *t* after *prev* and *prev2*: a pure
    function of the three morphemes' features (no offsets), so its results can be memoised: a text
    repeats the same few predicate shapes."""
    # already polite
    if t.lemma in ("ます", "です") or (prev is not None and prev.lemma in ("ます", "です") and t.lemma == "た"):
        return None
    # past: X + た/だ
    if t.pos1 == "助動詞" and t.ctype == "助動詞-タ" and prev is not None and not t.cform.startswith("仮定形"):
        if prev.lemma == "だ" and prev.surface.startswith("だっ"):
            return _Conversion(1, "でした", "copula")
        if prev.lemma in ("ない", "無い") and prev.surface == "なかっ":
            if prev.pos1 == "助動詞" and prev2 is not None:
                stem = _verb_masu(prev2)
                if stem is not None:
                    return _Conversion(2, stem + "ませんでした", "verb")
                if prev2.surface == "て":
                    return _Conversion(2, "ていませんでした", "verb")
                return None
            if prev2 is not None and prev2.surface == "じゃ":
                return _Conversion(2, "ではありませんでした", "copula")
            if prev2 is not None and prev2.pos1 == "形容詞":  # 良くなかった -> 良くありませんでした
                return _Conversion(1, "ありませんでした", "adjective")
            return _Conversion(1, "ありませんでした", "verb")
        if prev.pos1 == "形容詞":
            return _Conversion(0, t.surface + "です", "adjective")
        if prev.surface == "て" and prev.lemma == "てる":
            return _Conversion(1, "ていました", "verb")
        stem = _verb_masu(prev)
        if stem is not None:
            return _Conversion(1, stem + "ました", "verb")
        return None
    # copula
    if t.lemma == "だ" and t.surface == "だ" and t.cform.startswith("終止形"):
        return _Conversion(0, "です", "copula")
    if t.lemma == "う" and prev is not None and prev.surface == "だろ":
        return _Conversion(1, "でしょう", "copula")
    if t.surface == "だろう":
        return _Conversion(0, "でしょう", "copula")
    # negative
    if t.lemma in ("ない", "無い") and t.surface == "ない" and prev is not None:
        if t.pos1 == "助動詞":
            stem = _verb_masu(prev)
            if stem is not None:
                return _Conversion(1, stem + "ません", "verb")
            if prev.surface == "て":
                return _Conversion(1, "ていません", "verb")
            return None
        if prev.surface == "じゃ":
            return _Conversion(1, "ではありません", "copula")
        if prev.pos1 == "形容詞":  # 良くない -> 良くありません (Kaiser et al. 2013, ch. 5)
            return _Conversion(0, "ありません", "adjective")
        return _Conversion(0, "ありません", "verb")
    # -てる
    if t.lemma == "てる" and t.surface == "てる":
        return _Conversion(0, "ています", "verb")
    # volitional
    if t.pos1 == "助動詞" and t.surface in ("う", "よう") and prev is not None and prev.cform.startswith("意志推量形"):
        stem = _verb_masu(prev)
        if stem is not None:
            return _Conversion(1, stem + "ましょう", "verb")
    if t.pos1 == "動詞" and t.cform.startswith("意志推量形"):
        stem = _verb_masu(t)
        if stem is not None:
            return _Conversion(0, stem + "ましょう", "verb")
    # imperative くれ -> ください
    if t.pos1 == "動詞" and t.lemma == "呉れる" and t.cform.startswith("命令形"):
        return _Conversion(0, "ください", "request")
    # verb non-past (and the verb-like auxiliaries: 見つけ-られる -> 見つけ-られます). Only called at a
    # sentence end, where UniDic's 連体形 (before よ, 笑, w) is the same form as the 終止形.
    if (t.pos1 == "動詞" or t.base in VERB_AUXILIARIES) and t.cform.startswith(("終止形", "連体形")):
        stem = _verb_masu(t)
        if stem is not None:
            return _Conversion(0, stem + "ます", "verb")
    # adjective, and the adjectival auxiliaries たい/らしい
    if (t.pos1 == "形容詞" or (t.pos1 == "助動詞" and t.lemma in ("たい", "らしい"))) and t.cform.startswith("終止形"):
        return _Conversion(0, t.surface + "です", "adjective")
    return None


POLITE_SHARE_NUM, POLITE_SHARE_DEN = 1, 2
"""A text whose sentences end politely at least this share of the time is treated as formal already."""


class PoliteStyleRule:
    """Plain predicates ending a sentence or main clause -> です/ます (needs the ``tone-ja`` extra)."""

    id = "ja.teineigo.predicate"
    explanation = "a reply to a customer ends its sentences in the polite style (です/ます)"

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        a = _analyse(text)
        toks, starts, ends = a.morphs, a.starts, a.ends
        if not toks:
            return []
        out: list[Edit] = []
        n = len(toks)
        # sentence spans (token indexes) to decide whether a comma may end a clause
        polite_by_index = bytearray(n)  # 1 inside a sentence that ends politely
        flagged = list(compress(range(n), map(_SCAN, toks)))  # the few morphemes worth a look
        sent_ends = [i for i in flagged if toks[i].kind & _K_SENT]
        if not sent_ends or sent_ends[-1] != n - 1:
            sent_ends.append(n - 1)
        polite_count = 0
        # only a sentence holding a polite morpheme can end politely: a plain text skips the scan
        polite_at = [i for i in flagged if toks[i].kind & _K_POLITE]
        if polite_at:
            sent_start = pk = 0
            n_polite = len(polite_at)
            for i in sent_ends:
                while pk < n_polite and polite_at[pk] < sent_start:
                    pk += 1
                if pk < n_polite and polite_at[pk] <= i and _polite_ending_at(toks, sent_start, i):
                    polite_count += 1
                    polite_by_index[sent_start : i + 1] = b"\x01" * (i + 1 - sent_start)
                sent_start = i + 1
        # A text whose sentences mostly end politely is formal already; its plain sentences are often
        # quoted or deliberate (exclamations, fragments). There only unambiguous finite predicates
        # ending a sentence (verbs, past, copula) are made polite: no requests, questions or commas.
        mixed = polite_count * POLITE_SHARE_DEN >= len(sent_ends) * POLITE_SHARE_NUM and polite_count > 0
        inverted: list[tuple[int, int]] | None = None  # _inverted_spans(text), computed when first needed
        contiguous = a.contiguous
        for b in _candidate_ends_fast(toks, flagged) if contiguous else _candidate_ends(toks, starts, ends):
            at_end = b == n
            soft = False  # a sentence end marked by an ellipsis, laughter or a space, not by 。
            bkind = 0 if at_end else toks[b].kind
            if not at_end and not bkind & _K_BOUND:
                if (
                    b > 0
                    and toks[b - 1].kind & _K_CONJ  # 〜からだ is a predicate, not a clause end
                    and toks[b].pos1 not in ("助動詞", "補助記号")
                ):
                    pass  # 〜たけど私は / 〜たし (a main clause ends at the conjunction, comma or not)
                elif b == 0 or not _soft_boundary(text, toks, starts, ends, b):
                    continue
                else:
                    soft = True
                    bkind = 0
            bsurf = "" if at_end or soft else toks[b].surface
            comma = bkind & _K_COMMA != 0  # bsurf in ("、", "，", ",")
            if comma and (b == 0 or not toks[b - 1].kind & _K_COMMA_END):
                continue  # before a comma only a finite predicate (or a final particle...) ends a clause
            if comma and b + 1 < n and toks[b + 1].surface in _QUOTATIVES:
                continue  # 〜していない、というようなことだ: the clause is quoted (embedded), not a main clause
            question = bkind & _K_QMARK != 0  # bsurf in ("？", "?")
            if mixed and (comma or question or bsurf == "\n" or at_end):
                continue
            strict = mixed or soft  # only finite verb/copula predicates (see below)
            j = b - 1
            if j < 0 or (not contiguous and not at_end and ends[j] != starts[b] and toks[j].surface == ""):
                continue
            if j >= 1 and toks[j].pos2 == "括弧閉" and not comma:
                j -= 1  # 行く(べきだ)。: the predicate ends inside the bracket
            j0 = j
            while j >= 0 and toks[j].kind & _K_FINAL and j0 - j < 3:
                j -= 1
            finals = list(range(j + 1, j0 + 1)) if j < j0 else []
            conj: int | None = None
            if j >= 0 and toks[j].kind & _K_CLAUSE_CONJ:
                conj = j
                j -= 1
            if j < 0:
                continue
            tj = toks[j]  # the last morpheme of the predicate
            tkind = tj.kind
            if tkind & _K_INTERJ:
                continue  # ごめん(ね), サンキュー: an interjection, not a noun predicate (SetPhraseRule)
            if (comma or conj is not None) and polite_by_index[j]:
                continue
            plain = not comma and not question and conj is None and not strict  # a plain statement end
            # The shapes below need a final particle or a predicate of one of the kinds in
            # _K_SPECIAL (a noun, formal noun, na-adjective, も or a te-form): a verb, adjective or
            # copula ending a sentence without a final particle goes straight to the conversion.
            if not finals and not tkind & _K_SPECIAL:
                final_s: tuple[str, ...] = ()
            else:
                tsurf, tpos1 = tj.surface, tj.pos1  # read often below
                final_s = tuple(map(_SURFACE, toks[j0 - len(finals) + 1 : j0 + 1])) if finals else ()
                if comma and finals and final_s[-1] not in ("ね", "よ", "な") and final_s[-2:] != ("か", "い"):
                    # 〜か、 may be an embedded alternative (行くか、行かないか); 〜かい、 is always a question
                    continue
                # a noun predicate asked as a question: どう？ -> どうですか？
                if (
                    question
                    and not finals
                    and conj is None
                    and not strict
                    and tkind & _K_NOUN_Q
                ):
                    e0 = ends[j]
                    out.append(Edit(e0, e0, "", "ですか", self.id, "a noun predicate asked as a question takes ですか"))
                    continue
                # a noun or na-adjective asked with the particle か/かい: 好きかい？ -> 好きですか？, 本当か？ ->
                # 本当ですか？ (かい is the plain-style question particle after a noun, Makino & Tsutsui 1986,
                # "kai"; the polite style asks with です + か)
                if (
                    finals
                    and conj is None
                    and not strict
                    and (final_s == ("か", "い") or (question and final_s == ("か",)))
                    and tkind & _K_NOUN_Q
                ):
                    e0 = ends[j]
                    e1 = ends[finals[-1]]
                    out.append(Edit(e0, e1, text[e0:e1], "ですか", self.id,
                                    "a noun predicate asked with か takes ですか"))
                    continue
                # formal nouns ending a sentence: 〜だけ。 -> 〜だけです。, 見えるはずさ。 -> 見えるはずです。
                if (
                    plain
                    and tsurf in FORMAL_NOUNS
                    and DROP_FINALS.issuperset(final_s)
                    and j >= 1
                    and toks[j - 1].pos1 in ("動詞", "助動詞", "形容詞")
                    and bsurf in ("。", "！", "!", "")
                ):
                    e0 = ends[j]
                    end0 = ends[finals[-1]] if finals else e0
                    why = "a sentence ending in a formal noun takes です"
                    out.append(Edit(e0, end0, text[e0:end0], "です", self.id, why))
                    continue
                # a na-adjective ending a sentence without the copula: 〜が好き。 -> 〜が好きです。
                if (
                    plain
                    and not finals
                    and tpos1 == "形状詞"
                    and j >= 1
                    and toks[j - 1].pos1 == "助詞"
                    and bsurf in ("。", "！", "!", "")
                ):
                    e0 = ends[j]
                    out.append(Edit(e0, e0, "", "です", self.id, "a na-adjective predicate takes です"))
                    continue
                # clipped かも。 -> かもしれません。 (かもしれない cut short in casual speech)
                if (
                    plain
                    and not finals
                    and j >= 1
                    and tsurf == "も"
                    and toks[j - 1].surface == "か"
                    and toks[j - 1].pos2 == "副助詞"
                ):
                    e0 = ends[j]
                    out.append(Edit(e0, e0, "", "しれません", self.id, "clipped 〜かも -> 〜かもしれません"))
                    continue
                # wondering かな: 〜のかな。 -> 〜のでしょうか。 (the plain form stays before でしょう)
                if finals and final_s == ("か", "な") and conj is None and not strict and not comma:
                    s0 = starts[finals[0]]
                    e0 = ends[finals[-1]]
                    pred = tj
                    if pred.pos1 in ("動詞", "形容詞", "名詞", "代名詞", "形状詞") or pred.surface in ("の", "た"):
                        out.append(Edit(s0, e0, text[s0:e0], "でしょうか", self.id, "wondering 〜かな -> 〜でしょうか"))
                    continue
                if strict and "か" in final_s:
                    continue  # 〜するか... is an embedded question, not a sentence end
                # explanatory の (plain predicate + の？) -> んですか
                if final_s and final_s[0] == "の" and conj is None and not strict:
                    pred = tj
                    if pred.pos1 == "助動詞" and pred.lemma in ("ます", "です"):  # already polite
                        continue
                    prefix = "な" if pred.lemma == "だ" and pred.surface == "な" else ""
                    if final_s == ("の",) and not question and not comma:
                        # a statement ending in explanatory の is a plain statement in polite style:
                        # 辞めたの。 -> 辞めました。, 大ファンだったの。 -> 大ファンでした。 (Makino & Tsutsui
                        # 1986, "no da": the の of women's/casual speech has no polite counterpart but んです,
                        # which support replies avoid in statements of fact)
                        s0 = starts[finals[0]]
                        e0 = ends[finals[-1]]
                        if prefix:
                            if j >= 1 and not toks[j - 1].kind & _K_BOUND:
                                out.append(Edit(starts[j], e0, text[starts[j] : e0], "です", self.id,
                                                "explanatory なの -> です"))
                            continue
                        conv0 = _convert_predicate(toks, j)
                        if conv0 is not None and conv0.kind != "copula":
                            s1 = starts[j - conv0.back]
                            out.append(Edit(s1, e0, text[s1:e0], conv0.text, self.id,
                                            "a statement ending in explanatory の takes the polite predicate"))
                            continue
                    rep = "んですか" if question else "んです"
                    s0 = starts[finals[0]]
                    e0 = ends[finals[-1]]
                    if prefix:
                        s0 = starts[j]
                        rep = "な" + rep
                    out.append(Edit(s0, e0, text[s0:e0], rep, self.id, "explanatory の -> んです(か)"))
                    continue
                # request: bare te-form at the end of a sentence
                if plain and tkind & _K_TE:
                    negative = j >= 1 and toks[j - 1].pos1 == "助動詞" and toks[j - 1].surface == "ない"  # 気にしないで
                    if j >= 1 and (toks[j - 1].pos1 == "動詞" or negative) and (
                        _NE_YO.issuperset(final_s)
                    ) and not (
                        j >= 2 and (toks[j - 2].surface, toks[j - 1].lemma) in COMPOUND_PARTICLES
                    ):
                        if toks[j - 1].lemma in _MISHAP_LEMMAS:
                            if inverted is None:
                                inverted = _inverted_spans(text)
                            if any(lo < starts[j] < hi for lo, hi in inverted):
                                continue  # ごめんね、遅くなって: the reason of an apology, not a request
                        # the edit covers the te itself, so a set phrase ending in it (ちょっと待って ->
                        # 少々お待ちください) overlaps and wins instead of gaining a second ください
                        s0 = starts[j]
                        e0 = ends[finals[-1]] if finals else ends[j]
                        out.append(Edit(s0, e0, text[s0:e0], tsurf + "ください", self.id,
                                        "a request to a customer: 〜てください"))
                    continue
            # でしょ after a plain predicate -> polite + よね
            deshou_tag = False
            if tj.surface == "でしょ" and tj.lemma == "です" and j >= 1:
                deshou_tag = True
                j -= 1
                tj = toks[j]
            if (
                comma
                and conj is None
                and not finals  # 〜作られるね、: a final particle marks the end of a main clause
                and not tj.cform.startswith(("終止形", "意志推量形"))
                and not (
                    tj.ctype == "助動詞-タ"
                    and tj.cform.startswith("連体形")
                    and j >= 1
                    and toks[j - 1].lemma != "言う"  # といった、 (such as) is a quotative, not a predicate
                )
                and not (tj.cform.startswith("連体形") and (tj.pos1 == "動詞" or tj.base in VERB_AUXILIARIES))
            ):
                # before 、 UniDic often tags the past た and a verb 連体形 (変わる、): an attributive form
                # modifies the next noun directly, never across a comma, so the clause still ends there
                continue
            if (
                finals
                and not comma
                and not strict
                and final_s[-1] in ("ね", "よ", "な")
                and conj is None
                and not deshou_tag
                and (tj.pos1 in ("名詞", "形状詞") or tj.surface == "そう")
                and tj.pos2 != "助動詞語幹"
            ):
                s0 = ends[j]
                e0 = ends[finals[-1]]
                tail = "".join("ね" if toks[k].surface in ("ね", "な") else "" for k in finals)
                out.append(Edit(s0, e0, text[s0:e0], "です" + tail, self.id, "a noun predicate takes です"))
                continue
            # explanatory 〜んだ(よ) in a statement: the polite predicate alone (演奏するんだ。 -> 演奏します。,
            # also before a comma or a chat-style end); with ね (a confirmation: 〜んだね) it stays 〜んですね
            # (Makino & Tsutsui 1986, "no da"). After a noun or na-adjective (好きなんだ) only the copula
            # stays: 好きなんだ -> 好きです.
            if (
                tj.surface == "だ"
                and tj.lemma == "だ"
                and (plain or ((soft or comma) and not mixed and not question and conj is None))
                and not deshou_tag
                and j >= 2
                and toks[j - 1].surface == "ん"
                and _YO.issuperset(final_s)
            ):
                nt = toks[j - 2]
                if nt.surface == "な" and nt.lemma == "だ" and j >= 3 and toks[j - 3].pos1 in ("名詞", "形状詞"):
                    s1 = starts[j - 2]
                    e1 = ends[finals[-1]] if finals else ends[j]
                    out.append(Edit(s1, e1, text[s1:e1], "です", self.id,
                                    "a statement: explanatory 〜なんだ becomes the polite copula"))
                    continue
                conv_n = _convert_predicate(toks, j - 2)
                if conv_n is not None and conv_n.kind in ("verb", "adjective", "copula"):
                    s1 = starts[j - 2 - conv_n.back]
                    e1 = ends[finals[-1]] if finals else ends[j]
                    out.append(Edit(s1, e1, text[s1:e1], conv_n.text, self.id,
                                    "a statement: explanatory 〜んだ becomes the polite predicate"))
                    continue
            conv = _convert_predicate(toks, j)
            if conv is None:
                if deshou_tag and tj.pos1 in ("名詞", "形状詞", "代名詞"):
                    out.append(Edit(starts[j + 1], ends[j + 1], toks[j + 1].surface, "ですよね", self.id,
                                    "〜でしょ -> 〜ですよね"))
                continue
            if strict and (conv.kind not in ("verb", "copula") or conj is not None or deshou_tag) and not (
                # chat style: an adjective with a final particle before a space, laughter or an emoticon
                # (嬉しいよ:)) ends its sentence as surely as a verb does
                soft and not mixed and conv.kind == "adjective" and finals and conj is None and not deshou_tag
            ):
                continue
            cstart = j - conv.back
            if conv.kind == "copula" and (cstart == 0 or toks[cstart - 1].kind & _K_BOUND):
                continue  # nothing before it: a conjunction (だから、...) or a fragment, not a predicate
            start = starts[cstart]
            end = ends[j + 1] if deshou_tag else ends[j]
            rep = conv.text
            if deshou_tag:
                rep += "よね"
            if conj is not None:
                rep += CLAUSE_CONJ[toks[conj].surface]
                end = ends[conj]
            if finals or question:
                kept: list[str] = []
                for k in finals:
                    s = toks[k].surface
                    if s in DROP_FINALS:
                        continue
                    kept.append("ね" if s in ("な", "なぁ") else s)
                if finals:
                    end = ends[finals[-1]]
                if question and "か" not in kept and "っけ" not in kept and not deshou_tag and conv.kind != "request":
                    kept.insert(0, "か")
                rep += "".join(kept)
            before = text[start:end]
            if rep != before:
                out.append(Edit(start, end, before, rep, self.id, self.explanation))
        if not mixed:  # a mostly polite text keeps its contractions (quoted or deliberate casual speech)
            contracted = [i for i in flagged if toks[i].kind & _K_CONTR]
            if contracted:
                out.extend(_expand_contractions(toks, starts, ends, contracted))
        return out


_CONTRACTED = frozenset(["じゃ", "なきゃ", "てる", "でる", "て", "で"])
"""Surfaces :func:`_expand_contractions` may write out (a pre-filter; the function decides)."""


def _expand_contractions(
    toks: Sequence[_Morph], starts: Sequence[int], ends: Sequence[int], only: Sequence[int] | None = None
) -> list[Edit]:
    """Casual contractions inside a sentence -> their full forms (じゃない -> ではない, 言ってる ->
    言っている, 見なきゃ -> 見なければ). Full forms are neutral; the contractions mark plain speech and
    formal references never keep them (Kaiser et al. 2013, ch. 10 "contracted forms"). *only*: the
    indexes worth a look (default: every morpheme)."""
    out: list[Edit] = []
    why = "a casual contraction is written out in a polite reply"
    for i in range(len(toks)) if only is None else only:
        t = toks[i]
        if t.surface not in _CONTRACTED:
            continue
        rep: str | None = None
        nxt = toks[i + 1].lemma if i + 1 < len(toks) else ""
        if t.surface == "じゃ" and t.pos1 == "助動詞" and nxt in ("無い", "ない", "有る"):
            rep = "では"
        elif t.surface == "なきゃ" and t.pos1 == "助動詞":
            rep = "なければ"
        elif t.lemma == "てる" and t.pos1 == "助動詞" and t.surface in ("てる", "でる", "て", "で"):
            rep = t.surface[0] + ("いる" if t.surface.endswith("る") else "い")
        if rep is not None:
            out.append(Edit(starts[i], ends[i], t.surface, rep, "ja.teineigo.contraction", why))
    return out


# --------------------------------------------------------------------------- surface-only fallback
_END = r"(?=[。！？!?\n]|$)"
_FALLBACK: tuple[tuple[regex.Pattern[str], str], ...] = tuple(
    (regex.compile(p, regex.V1), r)
    for p, r in (
        (r"(?:じゃ|では)なかった(?:よ|わ)?" + _END, "ではありませんでした"),
        (r"(?:じゃ|では)ない(?:よ|わ)?" + _END, "ではありません"),
        (r"だった(?:よ|わ)?" + _END, "でした"),
        (r"だろう" + _END, "でしょう"),
        (r"(?<=[\p{Han}\p{Hiragana}\p{Katakana}ー])だ(?:よ|わ)?" + _END, "です"),
        (r"だね" + _END, "ですね"),
        (r"て(?:い)?る(?:よ|わ)?" + _END, "ています"),
        (r"て(?:い)?た(?:よ|わ)?" + _END, "ていました"),
    )
)
_NEG = regex.compile(r"(\p{Han}?\p{Hiragana}*?)([わかがさたなばまら])ない(?:よ|わ)?" + _END, regex.V1)
_NEG_PAST = regex.compile(r"(\p{Han}?\p{Hiragana}*?)([わかがさたなばまら])なかった(?:よ|わ)?" + _END, regex.V1)


_DEMONSTRATIVES = {"こっち": "こちら", "そっち": "そちら", "あっち": "あちら", "どっち": "どちら"}


_NOT_DEMONSTRATIVE = ("ゃ", "ゅ", "ょ", "みち", "のけ", "つかず")
"""What follows っち in words that contain a demonstrative but are none: 知ったこっちゃない (こと +
ちゃ), どっちみち (anyway), そっちのけ (neglected), どっちつかず (undecided)."""


class DemonstrativeRule:
    """Colloquial direction demonstratives -> their polite forms: こっち -> こちら (we, this side),
    そっち -> そちら (you, your side), あっち -> あちら, どっち -> どちら (敬語の指針 2007, 改まった語:
    the polite register uses the -ちら series; in support replies こちら/そちら also stand for the
    company and the customer)."""

    id = "ja.teineigo.demonstrative"
    explanation = "a reply to a customer uses the polite demonstratives (こちら, そちら, どちら)"

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        if "っち" not in text or _POLITE_ANYWHERE.search(text) is not None:
            return []  # conversational です/ます speech keeps こっち: a polite text comes back unchanged
        out: list[Edit] = []
        i = text.find("っち")
        while i >= 0:  # a substring search is cheaper than a regex scan of the whole text
            w = text[i - 1 : i + 2] if i > 0 else ""
            after = _DEMONSTRATIVES.get(w)
            if after is not None and not text.startswith(_NOT_DEMONSTRATIVE, i + 2):
                out.append(Edit(i - 1, i + 2, w, after, self.id, self.explanation))
            i = text.find("っち", i + 2)
        return out


class SurfaceStyleRule:
    """The surface-only subset of :class:`PoliteStyleRule`, used when fugashi is not installed."""

    id = "ja.teineigo.surface"
    explanation = "a reply to a customer ends its sentences in the polite style (です/ます)"

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        if analyser_available():
            return []
        out: list[Edit] = []
        for pat, rep in _FALLBACK:
            out.extend(Edit(m.start(), m.end(), m.group(0), rep, self.id, self.explanation) for m in pat.finditer(text))
        for pat, tail in ((_NEG_PAST, "ませんでした"), (_NEG, "ません")):
            for m in pat.finditer(text):
                s = m.start(2)
                out.append(Edit(s, m.end(), text[s : m.end()], A_TO_I[m.group(2)] + tail, self.id, self.explanation))
        return out


_POLITE_ANYWHERE = re.compile(r"です|ます|でした|ました|ません|ください")
"""A polite ending anywhere in the text (literals only: the stdlib engine scans them faster than regex)."""


class SetPhraseRule:
    """Informal set phrases -> support-register phrases (ごめん -> 申し訳ございません...)."""

    id = "ja.set-phrase"
    explanation = "support replies use fixed polite formulas for apologies, thanks and requests"
    # A set phrase stands alone (うん in ふうん is no reply). An apology/thanks interjection may also
    # follow a word: a te-form giving its reason (遅れてごめん), an object of thanks (問い合わせ
    # ありがとう) or an adverb of degree (本当に/マジで + ごめん), which goes with it in its polite form.
    # The regex starts with the phrase itself (a literal prefix keeps the scan fast); the context
    # before it is checked in apply.
    _pat = re.compile(  # literals only: the stdlib engine scans them about twice as fast as regex
        r"(?:"
        + "|".join(re.escape(k) for k in sorted(SET_PHRASES, key=len, reverse=True))
        + r")(?:よ|ね)?(?=[。！？!?、\s]|$)"
    )

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        polite: bool | None = None  # a polite ending anywhere in the text: searched when first needed
        for m in self._pat.finditer(text):
            p, e = m.span()
            w = m.group(0)
            key = w if w in SET_PHRASES else w[:-1]
            after = SET_PHRASES.get(key)
            if after is None or text.startswith(("ござい", "ます"), e):
                continue
            if key in _KEEP_IN_POLITE:
                if polite is None:
                    polite = _POLITE_ANYWHERE.search(text) is not None
                if polite:
                    continue  # backchannel or greeting inside an already polite text: leave it (idempotence)
            start = p
            head = ""
            if key in INTERJECTION_PHRASES:
                adv = _degree_adverb(text, p)
                if adv is not None:
                    start, head = adv
                elif (after != "ありがとうございます" and p > 0 and text[p - 1] not in "てで"
                      and _is_letter(text[p - 1])):
                    continue  # 〜にごめん is not an apology on its own
            elif key not in _GLUE_OK and p > 0 and _is_letter(text[p - 1]):
                continue  # glued to the word before it: part of another word (ふうん)
            out.append(Edit(start, e, text[start:e], head + after, self.id, self.explanation))
        return out


_LETTER = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}ー]", regex.V1)
_LETTER_SEEN: dict[str, bool] = {}


def _is_letter(c: str) -> bool:
    """Whether the character *c* is a kanji, kana or ー (:data:`_LETTER`), memoised per character: a
    dictionary lookup is several times cheaper than a regex match (bounded: a text has few distinct
    characters before a set phrase, and the table is cleared at 10,000 entries)."""
    hit = _LETTER_SEEN.get(c)
    if hit is None:
        if len(_LETTER_SEEN) >= 10_000:
            _LETTER_SEEN.clear()
        hit = _LETTER_SEEN[c] = _LETTER.match(c) is not None
    return hit
_ADVERB_LENGTHS: dict[str, tuple[int, ...]] = {
    c: tuple(sorted({len(a) for a in DEGREE_ADVERBS if a[-1] == c}, reverse=True))
    for c in sorted({a[-1] for a in DEGREE_ADVERBS})
}
"""The lengths of the adverbs of :data:`DEGREE_ADVERBS` by their last character, longest first."""


def _degree_adverb(text: str, p: int) -> tuple[int, str] | None:
    """An adverb of degree ending right before *p* (a 、 or space may follow it): ``(start, polite
    form + separator)``, or ``(p, "")`` when it ends a longer word (今回本当に: left as it is), or
    ``None`` when there is none.

    >>> _degree_adverb("マジでごめん", 3)
    (0, '本当に')
    >>> _degree_adverb("ものすごく、ごめん", 6)
    (0, '本当に、')
    >>> _degree_adverb("遅れてごめん", 3) is None
    True
    """
    e = p - 1 if p > 0 and text[p - 1] in "、 " else p
    lengths = _ADVERB_LENGTHS.get(text[e - 1]) if e > 0 else None
    if lengths is None:
        return None
    for n in lengths:
        s = e - n
        polite = DEGREE_ADVERBS.get(text[s:e]) if s >= 0 else None
        if polite is not None:
            if s == 0 or text[s - 1] in "はもねよ" or not _is_letter(text[s - 1]):
                return s, polite + text[e:p]
            return p, ""
    return None


# --------------------------------------------------------------------------- directness (soften)
CUSHIONS = (
    "恐れ入りますが",
    "お手数ですが",
    "お手数をおかけしますが",
    "申し訳ございませんが",
    "申し訳ありませんが",
    "大変恐縮ですが",
    "恐縮ですが",
    "失礼ですが",
    "すみませんが",
    "すいませんが",
)
"""Cushion words (クッション言葉) that already soften a request or refusal."""

_SENT_JA = regex.compile(r"[^。！？!?\n]+[。！？!?]?", regex.V1)
_VOCATIVE = regex.compile(r"[ \t]*(?:\{[^{}]{1,40}\}|[\p{L}\p{N}]{1,20})(?:様|さま|さん)、", regex.V1)


def _lead(sent: str) -> int:
    """Offset in *sent* where a cushion word goes: after the blanks and a vocative ({name}様、)."""
    m = _VOCATIVE.match(sent)
    return m.end() if m else len(sent) - len(sent.lstrip())


_INTERJECTION_STEMS = ("ごめん", "ゴメン", "御免", "すまん", "すまない")
# te-forms that name a mishap the speaker caused (the reason of an apology), not an action to request:
# 遅くなって, 遅れて, 待たせて (causative), 忘れて, 迷惑かけて
_MISHAP_LEMMAS = frozenset(["成る", "遅れる", "忘れる", "掛ける", "せる", "させる"])


# an apology, then a comma, then up to the te-form: all inside one sentence (no 。！？ or line break)
_INVERTED = re.compile("(?:" + "|".join(_INTERJECTION_STEMS) + ")[^。！？!?\n、，,]*[、，,]")
_SENTENCE_END = re.compile("[。！？!?\n]")


def _inverted_spans(text: str) -> list[tuple[int, int]]:
    """Where a te-form may end an inverted reason clause: from the comma after an apology to the end of
    that sentence (ごめんね、遅くなって = 遅くなってごめんね "sorry for being late"). When its verb names a
    mishap (:data:`_MISHAP_LEMMAS`), such a te-form is the reason, not a request, so it never becomes
    〜てください (倒置: 益岡隆志・田窪行則『基礎日本語文法』改訂版 1992, 第8部); "ごめん、確認して" stays a
    request. Computed once per text; empty for almost every text.

    >>> _inverted_spans("本当にごめんね、遅くなって。待って。")
    [(7, 13)]
    """
    spans: list[tuple[int, int]] = []
    for m in _INVERTED.finditer(text):
        end = _SENTENCE_END.search(text, m.end())
        spans.append((m.end() - 1, end.start() if end is not None else len(text)))
    return spans


class CushionRequestRule:
    """〜てください -> 恐れ入りますが、〜ていただけますか (a request becomes a question, with a cushion word)."""

    id = "ja.soften.request"
    explanation = "requests to a Japanese customer are asked, not ordered, and open with a cushion word"
    _req = regex.compile(
        r"(て|で)ください(?=[。！!]?$)|(ご|お)(\p{Han}[\p{Han}\p{Hiragana}]{0,6}?)ください(?=[。！!]?$)", regex.V1
    )

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        for m in _SENT_JA.finditer(text):
            sent = m.group(0)
            body = sent.rstrip("。！!")
            r = self._req.search(body)
            if r is None or r.end() != len(body) or body.lstrip().startswith("ぜひ"):
                continue
            if body[: r.start()].endswith(REASSURANCE):
                continue  # 気にしないでください is reassurance, not a request to soften
            s0 = m.start() + r.start()
            after = r.group(1) + "いただけますか" if r.group(1) else r.group(2) + r.group(3) + "いただけますか"
            out.append(Edit(s0, m.start() + r.end(), r.group(0), after, self.id, self.explanation))
            lead = _lead(sent)
            if not sent[lead:].startswith(CUSHIONS):
                p = m.start() + lead
                out.append(
                    Edit(p, p, "", "恐れ入りますが、", self.id, "a cushion word (クッション言葉) before a request")
                )
        return out


REASSURANCE = ("気にしない", "心配しない", "ご心配なさらない", "お気になさらない", "遠慮しない", "ご遠慮なさらない")
"""Stems of negative te-forms that reassure (気にしないでください: don't worry) rather than request."""

APOLOGIES = {"すみません": "申し訳ございません", "すいません": "申し訳ございません",
             "ごめんなさい": "申し訳ございません", "申し訳ありません": "申し訳ございません"}
"""Apologies and their most deferential support form (敬語の指針 2007: 申し訳ございません)."""


class ApologyRule:
    """すみません / 申し訳ありません -> 申し訳ございません: an indirect reply apologises in the humblest form."""

    id = "ja.soften.apology"
    explanation = "an apology to a Japanese customer uses the deferential 申し訳ございません"
    _pat = regex.compile(
        r"(?:(?<![\p{Han}\p{Hiragana}\p{Katakana}ー])|(?<=[てでり]))"
        r"(" + "|".join(APOLOGIES) + r")(?=[。！!、]|が|でした|$)",
        regex.V1,
    )

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        return [
            Edit(m.start(1), m.end(1), m.group(1), APOLOGIES[m.group(1)], self.id, self.explanation)
            for m in self._pat.finditer(text)
        ]


class SoftRefusalRule:
    """〜はできません -> 申し訳ございませんが、〜はいたしかねます (a softened refusal; the negation stays)."""

    id = "ja.soften.refusal"
    explanation = "a refusal to a customer is softened with いたしかねます and an apology (meaning unchanged)"
    _ref = regex.compile(r"(は|ことは|ことが)(できません|出来ません)(?=[。！!]?$)", regex.V1)

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        for m in _SENT_JA.finditer(text):
            sent = m.group(0)
            body = sent.rstrip("。！!")
            r = self._ref.search(body)
            if r is None:
                continue
            s0 = m.start() + r.start(2)
            out.append(Edit(s0, m.start() + r.end(2), r.group(2), "いたしかねます", self.id, self.explanation))
            lead = _lead(sent)
            if not sent[lead:].startswith(CUSHIONS):
                p = m.start() + lead
                out.append(Edit(p, p, "", "申し訳ございませんが、", self.id, "an apology before a refusal"))
        return out


# --------------------------------------------------------------------------- directness (sharpen)
_CUSHION_LEAD = regex.compile(r"(?:" + "|".join(CUSHIONS) + r")、", regex.V1)


class CushionDropRule:
    """恐れ入りますが、〜ていただけますか -> 〜てください: a direct request drops the cushion and the question.

    Only a whole sentence of that shape is changed (cushion + request ending); anything else stays.
    """

    id = "ja.sharpen.request"
    explanation = "a direct reply states the request (〜てください) without a cushion word"
    _req = regex.compile(
        r"(て|で)いただけ(?:ます|ません)(?:でしょう)?か(?=[。？?！!]?$)"
        r"|(ご|お)(\p{Han}[\p{Han}\p{Hiragana}]{0,6}?)いただけ(?:ます|ません)(?:でしょう)?か(?=[。？?！!]?$)",
        regex.V1,
    )

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        for m in _SENT_JA.finditer(text):
            sent = m.group(0)
            body = sent.rstrip("。？?！!")
            lead = _CUSHION_LEAD.match(body, _lead(body))
            r = self._req.search(body)
            if lead is None or r is None or r.end() != len(body):
                continue
            out.append(Edit(m.start() + lead.start(), m.start() + lead.end(), lead.group(0), "", self.id,
                            "cushion word dropped"))
            after = r.group(1) + "ください" if r.group(1) else r.group(2) + r.group(3) + "ください"
            end = m.start() + len(body)
            tail = sent[len(body) :]
            if tail in ("？", "?"):
                out.append(Edit(m.start() + r.start(), end + len(tail), r.group(0) + tail, after + "。", self.id,
                                self.explanation))
            else:
                out.append(Edit(m.start() + r.start(), end, r.group(0), after, self.id, self.explanation))
        return out


class DirectRefusalRule:
    """申し訳ございませんが、〜はいたしかねます -> 〜はできません (the negation stays; the padding goes)."""

    id = "ja.sharpen.refusal"
    explanation = "a direct reply states the refusal plainly (できません); the negation is kept"
    # いたしかねます is always a refusal, also straight after a verbal noun (返品いたしかねます)
    _ref = regex.compile(r"(は|ことは|ことが|(?<=\p{Han}))(いたしかねます)(?=[。！!]?$)", regex.V1)
    _apology = regex.compile(r"(?:申し訳ございませんが|申し訳ありませんが|恐れ入りますが)、", regex.V1)

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        for m in _SENT_JA.finditer(text):
            sent = m.group(0)
            body = sent.rstrip("。！!")
            r = self._ref.search(body)
            lead = self._apology.match(body, _lead(body))
            if r is None or lead is None:
                continue
            out.append(Edit(m.start() + lead.start(), m.start() + lead.end(), lead.group(0), "", self.id,
                            "apology padding dropped"))
            s0 = m.start() + r.start(2)
            out.append(Edit(s0, m.start() + r.end(2), r.group(2), "できません", self.id, self.explanation))
        return out


_UNHANDLED_REFUSAL = regex.compile(r"(?<![はが])(?:できません|出来ません|不可能です|無理です)", regex.V1)
"""A refusal-like predicate the soft-refusal rule does not take (no は/ことは before it): flagged."""


class Japanese(CultureRules):
    """Japanese: plain style -> です/ます with set phrases.

    >>> from toneloc.tone import rewrite
    >>> rewrite("ふたりはその後別れた。", "ja-JP").text
    'ふたりはその後別れました。'
    >>> rewrite("確かにそうだ。", "ja-JP").text
    '確かにそうです。'
    >>> rewrite("確かにそうです。", "ja-JP").changed
    False

    References:
        Kaiser et al. (2013) *Japanese: A Comprehensive Grammar* ch. 5, 9, 10; Makino & Tsutsui
        (1986) *A Dictionary of Basic Japanese Grammar*; 文化審議会 (2007) *敬語の指針*; UniDic (Den et
        al. 2007). See the module docstring.
    """

    language = "ja"
    references = (
        "Kaiser, Stefan et al. (2013). Japanese: A Comprehensive Grammar, 2nd ed. Routledge — ch. 5, 9, 10.",
        "Makino, Seiichi & Tsutsui, Michio (1986). A Dictionary of Basic Japanese Grammar. The Japan Times.",
        "文化審議会 (2007). 敬語の指針 (Guidelines on Keigo). Agency for Cultural Affairs, Japan.",
        "菊地康人 (1997). 敬語. 講談社学術文庫 — いたしかねます (humble refusal).",
        "蒲谷宏・川口義一・坂本恵 (1998). 敬語表現. 大修館書店 — the scale of request forms.",
        "Den, Yasuharu et al. (2007). UniDic: conjugation classes and forms (optional analyser, fugashi).",
    )
    default_formality = "formal"
    to_formal: ClassVar[tuple[Rule, ...]] = (
        SetPhraseRule(), PoliteStyleRule(), SurfaceStyleRule(), DemonstrativeRule()
    )
    to_informal: ClassVar[tuple[Rule, ...]] = ()
    soften: ClassVar[tuple[Rule, ...]] = (SoftRefusalRule(), CushionRequestRule(), ApologyRule())
    sharpen: ClassVar[tuple[Rule, ...]] = (DirectRefusalRule(), CushionDropRule())
    markers: ClassVar[tuple[Marker, ...]] = (
        marker(
            "ja.teineigo",
            r"(?:です|ます|でした|ました|ません|ましょう|ください)(?=[。！？!?、よね]|$)",
            "formal",
            "polite style (です/ます)",
        ),
        marker("ja.plain", r"(?:だ|だった|だろう|じゃない)(?=[。！？!?]|$)", "informal", "plain style (だ/だった)"),
    )

    def preprocess(self, text: str, ctx: RuleContext) -> None:
        if ctx.directness == "indirect" and _UNHANDLED_REFUSAL.search(text) and not SoftRefusalRule._ref.search(text):
            ctx.flag(
                "a possible refusal (〜できません without は/ことは) was left as it is: it may describe the "
                "customer's problem (ログインできません) rather than refuse; soften it by hand if it refuses"
            )
        if ctx.formality == "formal" and not analyser_available():
            ctx.flag(
                "fugashi + unidic-lite are not installed (pip install toneloc[tone-ja]): only the copula, "
                "-ている and -ない endings were made polite; check the verbs"
            )


Rules = Japanese
