"""The Japanese analyser keys morphemes by MeCab's ids and word cost, not by their UniDic features.

MeCab writes ``surface<TAB>left id,right id,word cost`` per dictionary word (a fifth of the text of
its features) and the features are learnt from a full-feature analysis of the same text the first
time a key is seen. These tests check that the keyed analysis gives exactly the morphemes of the
full-feature analysis: for homographs that share ids and cost (readings of names, spelling variants),
unknown words, cold and warm caches.
"""

from __future__ import annotations

from typing import Any

import pytest

from toneloc.rules import ja

pytestmark = pytest.mark.skipif(not ja.analyser_available(), reason="needs the tone-ja extra (fugashi + unidic-lite)")

# homographs sharing surface, ids and cost in unidic-lite (lemma or reading differ), in several contexts
HOMOGRAPHS = ["龍山", "飲み口", "雌鹿", "鬼頭", "高坂", "雨よけ"]
CONTEXTS = ["{}", "これは{}です。", "{}の話をした。", "私の{}が", "{}{}", "あ{}、", "{}だ", "昨日{}に行った"]
TEXTS = [
    "田中さん、メッセージありがとう。注文番号を送ってくれる？質問があったら、いつでも聞いてね。",
    "xyz 😀 ﾃｽﾄ、ABC abc。Hello, world! 123 {url} （笑）ww",
    "荷物が届いたら、5日以内に返金するよ。  確認して。\n改行も　全角空白も",
    *[c.format(w, w) for w in HOMOGRAPHS for c in CONTEXTS],
]


def _full(text: str) -> list[tuple[str, ...]]:
    """The morphemes of *text* read from the full-feature analysis, without any cache."""
    lines = ja._feature_tagger().parse(text).split("\n")
    return [_fields(ja._features(line)) for line in lines if line]


def _fields(m: ja._Morph) -> tuple[str, ...]:
    return (m.surface, m.pos1, m.pos2, m.ctype, m.cform, m.lemma, m.base)


@pytest.mark.parametrize("warm", [False, True])
def test_keyed_analysis_equals_the_full_feature_analysis(warm: bool) -> None:
    if not warm:
        ja._LINES.clear()
    for text in TEXTS:
        assert [_fields(m) for m in ja._analyse(text).morphs] == _full(text), text


def test_a_homograph_key_names_the_same_entry_in_every_context() -> None:
    # MeCab cannot tell homographs with equal ids and cost apart, so it always keeps the same one:
    # one key, one feature line, whatever surrounds the word
    seen: dict[str, str] = {}
    for text in TEXTS:
        keys = ja._tagger().parse(text).split("\n")
        full = ja._feature_tagger().parse(text).split("\n")
        assert len(keys) == len(full)
        for key, line in zip(keys, full, strict=True):
            assert seen.setdefault(key, line) == line, (key, line, seen[key])


def test_unknown_words_keep_their_features_in_the_keyed_output() -> None:
    # an unknown-word format equal to MeCab's default would be replaced by the node format (and the
    # ids of an unknown word are no key): the second tab keeps it apart, also at the end of the text
    lines = ja._tagger().parse("田中 xyz 😀").split("\n")
    surface, _, ids = lines[0].partition("\t")
    assert surface == "田中"
    assert [x.lstrip("-").isdigit() for x in ids.split(",")] == [True, True, True]
    assert lines[1] == "xyz\t\t名詞,普通名詞,一般,*,*,*"
    assert lines[2] == "😀\t\t補助記号,一般,*,*,*,*"


def test_unknown_words_are_learnt_without_a_second_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    ja._LINES.clear()
    ja._analyse("田中")  # a dictionary word: learnt from the full-feature analysis

    def fail() -> Any:
        raise AssertionError("no full-feature analysis needed")

    monkeypatch.setattr(ja, "_feature_tagger", fail)
    assert [m.surface for m in ja._analyse("田中 xyz 😀").morphs] == ["田中", "xyz", "😀"]


def test_disagreeing_analyses_fall_back_to_the_full_features_unlearnt(monkeypatch: pytest.MonkeyPatch) -> None:
    real = ja._feature_tagger()

    class Shifted:  # a full-feature analysis with one morpheme too many (never expected)
        def parse(self, text: str) -> str:
            return str(real.parse(text)) + "\n。\t補助記号,句点,*,*,*,*,,。,。,,。,,記号,*,*,*,*,,,,,*,*,*,*,*"

    ja._LINES.clear()
    monkeypatch.setattr(ja, "_feature_tagger", Shifted)
    morphs = ja._analyse("本を読む").morphs
    assert [m.surface for m in morphs] == ["本", "を", "読む", "。"]
    assert all("\t\t" in k for k in ja._LINES)  # no dictionary word learnt from it
    monkeypatch.undo()
    ja._LINES.clear()
    assert [m.surface for m in ja._analyse("本を読む").morphs] == ["本", "を", "読む"]
