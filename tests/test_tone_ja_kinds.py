"""The Japanese rule's per-morpheme kind bits are exact: each equals the feature test it stands for.

PoliteStyleRule tests bits (computed once per distinct morpheme) instead of re-reading the UniDic
features at every candidate sentence end; a bit that drifted from its condition would change
rewrites silently, so every bit is checked against the condition on real analyses.
"""

from __future__ import annotations

import pytest

from toneloc.rules import ja

pytestmark = pytest.mark.skipif(not ja.analyser_available(), reason="needs the tone-ja extra (fugashi + unidic-lite)")

TEXTS = [
    "田中さん、メッセージありがとう。注文番号を送ってくれる？質問があったら、いつでも聞いてね。",
    "本当にごめんね、遅くなって。どう？好きかい？行くつもりだけど、来るかもね。",
    "それは本当だよな。静かだ。かも。確認して、待ってて！行くか、行かないか。",
    "これは大事なことだ、と言った。だから、無理なんだ。今日は暇？ 笑 ...",
    "やることがあるし、行けないから。二つだけ。何？",
]


def _morphs() -> list[ja._Morph]:
    return [m for text in TEXTS for m in ja._analyse(text).morphs]


def test_exact_kind_bits_equal_the_feature_conditions() -> None:
    morphs = _morphs()
    assert len(morphs) > 80
    for m in morphs:
        expect = {
            ja._K_INTERJ: m.lemma in ja.INTERJECTION_LEMMAS,
            ja._K_NOUN_Q: (m.pos1 in ("名詞", "代名詞", "形状詞") or m.surface in ja.QUESTION_WORDS)
            and m.pos2 not in ("数詞", "助動詞語幹"),
            ja._K_FORMAL_NOUN: m.surface in ja.FORMAL_NOUNS,
            ja._K_NA: m.pos1 == "形状詞",
            ja._K_MO: m.surface == "も",
            ja._K_TE: m.surface in ("て", "で") and m.pos2 == "接続助詞",
            ja._K_COMMA: m.surface in ("、", "，", ","),
            ja._K_QMARK: m.surface in ("？", "?"),
            ja._K_FINAL: m.pos2 == "終助詞",
            ja._K_CLAUSE_CONJ: m.pos2 == "接続助詞" and m.surface in ja.CLAUSE_CONJ,
            ja._K_CONJ: m.pos2 == "接続助詞" and m.surface in ja.CLAUSE_CONJ and m.surface != "から",
        }
        for bit, want in expect.items():
            assert bool(m.kind & bit) == want, (m.surface, m.pos1, m.pos2, bit)


def test_every_special_shape_is_flagged() -> None:
    # the fast path skips the special shapes for a predicate without any _K_SPECIAL bit: nouns,
    # formal nouns, na-adjectives, も and te-forms must all carry one
    kinds = {m.surface: m.kind for m in _morphs()}
    for surface in ("メッセージ", "つもり", "だけ", "静か", "も", "て", "どう"):
        assert kinds[surface] & ja._K_SPECIAL, surface
    for surface in ("くれる", "行く", "来る"):
        assert not kinds[surface] & ja._K_SPECIAL, surface
