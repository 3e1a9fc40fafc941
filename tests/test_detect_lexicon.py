"""Word-list evidence for short Latin-script texts (``toneloc.detect._lexicon``, wordfreq's data)."""

from __future__ import annotations

from array import array
from pathlib import Path
from typing import ClassVar

import pytest

pytest.importorskip("wordfreq")

import toneloc.detect._detector as detector_module
from toneloc.detect import DetectorConfig, LanguageDetector, detect
from toneloc.detect._lexicon import (
    COMPOUND_LANGUAGES,
    UNKNOWN_ZIPF,
    Lexicon,
    WordTable,
    _key,
    kanji_word_evidence,
    lexicon,
    zipf,
)

TIE = "short and close: word lists break the tie"


class TestZipf:
    def test_known_word_has_its_frequency(self) -> None:
        assert zipf("instellingen", "nl") > 3.0
        assert zipf("instellingen", "de") == UNKNOWN_ZIPF

    def test_case_does_not_matter(self) -> None:
        assert zipf("Bestelling", "nl") == zipf("bestelling", "nl") > 3.0

    def test_dutch_compound_is_split_into_two_known_words(self) -> None:
        # "printer" and "status" are Dutch words; the compound itself is not in the list
        assert lexicon("nl") is not None
        assert lexicon("nl").get("printerstatus") == 0.0  # type: ignore[union-attr]
        assert zipf("printerstatus", "nl") > UNKNOWN_ZIPF

    def test_no_compound_splitting_for_english(self) -> None:
        assert zipf("printerstatus", "en") == UNKNOWN_ZIPF

    def test_language_without_a_list_gives_none(self) -> None:
        assert zipf("abc", "xx") is None
        assert lexicon("xx") is None

    def test_lexicon_lookup_on_a_handmade_table(self) -> None:
        lex = Lexicon(array("Q", sorted([(_key("huis") << 8) | 52, (_key("deur") << 8) | 47])))
        assert (lex.get("huis"), lex.get("deur"), lex.get("house"), len(lex)) == (5.2, 4.7, 0.0, 2)

    def test_cache_round_trip(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        from toneloc.detect._lexicon import _data_dir

        base = _data_dir()
        assert base is not None
        monkeypatch.setenv("TONELOC_CACHE_DIR", str(tmp_path))
        first = Lexicon.load(base / "small_sv.msgpack.gz")
        written = list(tmp_path.glob("wordfreq-v2-small_sv-*.bin"))
        assert len(written) == 1
        second = Lexicon.load(base / "small_sv.msgpack.gz")  # now read from the cache
        assert len(first) == len(second) > 10_000
        assert first.get("lösenord") == second.get("lösenord") > 3.0

    def test_copies_from_earlier_installs_are_pruned(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Each reinstall of wordfreq changes the list's mtime and so writes a new cache entry; the
        cache keeps the three newest copies of a list (two environments may share it), not all."""
        import os

        from toneloc.detect._lexicon import _data_dir

        base = _data_dir()
        assert base is not None
        monkeypatch.setenv("TONELOC_CACHE_DIR", str(tmp_path))
        for i in range(4):  # copies left by earlier installs, oldest first
            old = tmp_path / f"wordfreq-v2-small_sv-1-{i}.bin"
            old.write_bytes(b"x")
            os.utime(old, (1_000 + i, 1_000 + i))
        other = tmp_path / "wordfreq-v2-small_sv_x-1-1.bin"  # another list's name starts alike
        other.write_bytes(b"x")
        os.utime(other, (1, 1))
        Lexicon.load(base / "small_sv.msgpack.gz")
        names = sorted(p.name for p in tmp_path.iterdir())
        assert len([n for n in names if n.startswith("wordfreq-v2-small_sv-")]) == 3
        assert "wordfreq-v2-small_sv-1-3.bin" in names
        assert "wordfreq-v2-small_sv-1-1.bin" not in names
        assert other.name in names

    @pytest.mark.parametrize("damage", ["empty", "zeroed", "truncated"])
    def test_damaged_cache_file_is_read_again(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              damage: str) -> None:
        """A cache file left empty or damaged (a crash, a full disk) must not silently empty the list."""
        from toneloc.detect._lexicon import _data_dir

        base = _data_dir()
        assert base is not None
        monkeypatch.setenv("TONELOC_CACHE_DIR", str(tmp_path))
        good = Lexicon.load(base / "small_sv.msgpack.gz")
        (cached,) = tmp_path.glob("wordfreq-v2-small_sv-*.bin")
        raw = cached.read_bytes()
        bad = {"empty": b"", "zeroed": bytes(len(raw)), "truncated": raw[: len(raw) // 2]}[damage]
        cached.write_bytes(bad)
        again = Lexicon.load(base / "small_sv.msgpack.gz")
        assert len(again) == len(good)
        assert again.get("lösenord") == good.get("lösenord") > 3.0
        assert cached.read_bytes() == raw  # and the cache is repaired


class TestWordTable:
    """The merged table answers exactly what each language's list answers (compounds included)."""

    LANGS = ("en", "nl", "de", "sv", "fr", "lv")
    WORDS: ClassVar[list[str]] = [
        "status", "printerstatus", "lösenord", "batterinivå", "mittwoch", "huis", "xyzzyq", "paldies",
        "spamfilter", "klantenservice", "ab", "bestellingstatus",
    ]

    def _table(self) -> WordTable:
        lists = [lexicon(lang) for lang in self.LANGS]
        assert all(lst is not None for lst in lists)
        return WordTable.build([lst for lst in lists if lst is not None],
                               [lang in COMPOUND_LANGUAGES for lang in self.LANGS])

    def test_same_values_as_each_list(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("TONELOC_CACHE_DIR", str(tmp_path))
        table = self._table()
        for word in self.WORDS:
            expected = [zipf(word, lang) for lang in self.LANGS]
            assert table.zipfs(word, _key(word)) == expected, word

    def test_cache_round_trip_and_repair(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("TONELOC_CACHE_DIR", str(tmp_path))
        first = self._table()
        (cached,) = tmp_path.glob("wordtable-v1-6-*.bin")
        raw = cached.read_bytes()
        assert self._table().zipfs("printerstatus", _key("printerstatus")) == first.zipfs(
            "printerstatus", _key("printerstatus"))
        cached.write_bytes(raw[: len(raw) // 2])  # a crash mid-write
        again = self._table()
        assert again.zipfs("lösenord", _key("lösenord")) == first.zipfs("lösenord", _key("lösenord"))
        assert cached.read_bytes() == raw


class TestTieBreak:
    @pytest.mark.parametrize(
        ("text", "lang"),
        [
            ("Printerstatus", "nl"),  # closed compound: the n-gram models said English
            ("Betaling mislukt", "nl"),
            ("Instellingen", "nl"),
            ("Lösenord", "sv"),
            ("Encomenda cancelada", "pt"),
            ("Pago rechazado", "es"),
        ],
    )
    def test_short_labels(self, text: str, lang: str) -> None:
        d = detect(text)
        assert d.language == lang
        assert TIE in d.reasons

    def test_without_the_word_lists_these_went_wrong(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(detector_module, "LEX_WEIGHT", 0.0)
        det = LanguageDetector(DetectorConfig(spans=False))
        assert det.decide("Printerstatus").language == "en"  # best guess (below the threshold)
        assert det.decide("Lösenord").language == "de"

    def test_long_texts_do_not_consult_the_word_lists(self) -> None:
        d = detect("Mijn bestelling is nog steeds niet aangekomen, kunt u even kijken waar die is?")
        assert d.language == "nl"
        assert TIE not in d.reasons

    def test_non_latin_candidates_are_left_alone(self) -> None:
        d = detect("Спасибо", candidates=["ru", "en"])
        assert d.language == "ru"
        assert TIE not in d.reasons

    def test_turkish_suffix_after_apostrophe_is_not_a_word(self) -> None:
        # "si" and "ses" are French words; after an apostrophe "si" is a Turkish suffix
        assert detect("Ses dosyası USB’si").language == "tr"


class TestEveryCloseCandidate:
    """The word lists of every candidate within ``LEX_GAP`` of the best are asked, not only the
    three best: for a single word the right language often ranks fourth or fifth on n-grams."""

    WORDS: ClassVar[list[tuple[str, str]]] = [
        ("mercredi", "fr"), ("klantenservice", "nl"), ("teslimat", "tr"), ("rabu", "id"),
    ]

    @pytest.mark.parametrize(("text", "lang"), WORDS)
    def test_word_of_a_low_ranked_language(self, text: str, lang: str) -> None:
        d = LanguageDetector(DetectorConfig(spans=False)).decide(text)
        assert d.language == lang
        assert TIE in d.reasons

    def test_n_grams_alone_rank_them_below_the_third(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(detector_module, "LEX_WEIGHT", 0.0)
        det = LanguageDetector(DetectorConfig(spans=False))
        for text, lang in self.WORDS:
            ranked = [code for code, _ in det.decide(text).alternatives]
            assert lang not in ranked[:3], (text, ranked)

    def test_candidates_beyond_the_gap_are_not_asked(self) -> None:
        # German knows "mittwoch", English and French do not; German is 10 nats behind (> LEX_GAP),
        # so its list is not asked and the two close candidates keep their scores
        cands = ("en", "fr", "de")
        score = [0.0, -0.5, -10.0]
        assert detector_module.DetectorEngine._lexical(["mittwoch"], cands, score, [0, 1, 2])
        assert score == [0.0, -0.5, -10.0]
        score = [0.0, -0.5, -3.0]  # within the gap: German's word counts
        assert detector_module.DetectorEngine._lexical(["mittwoch"], cands, score, [0, 1, 2])
        assert score[2] == -3.0
        assert score[0] < -3.0

    def test_a_candidate_without_a_word_list_does_not_switch_them_off(self) -> None:
        # Basque ("eu") has no wordfreq list; French and English do
        d = detect("mercredi", candidates=["fr", "en", "eu"])
        assert d.language == "fr"


class TestKanjiWords:
    """Han-only text is Japanese when its kanji words are Japanese words (``KANJI_PRIOR``)."""

    @pytest.mark.parametrize("text", ["削除", "変更", "名前", "削除 変更"])
    def test_japanese_kanji_words(self, text: str) -> None:
        d = detect(text)
        assert d.language == "ja"
        assert d.script == "Jpan"
        assert d.reasons[-1].startswith("script Han, and every kanji word")
        (ja, p_ja), (zh, p_zh) = d.alternatives
        assert (ja, zh) == ("ja", "zh")
        assert p_ja > p_zh

    @pytest.mark.parametrize(
        ("text", "lang"),
        [("账号", "zh-Hans"), ("照片", "zh"), ("电话", "zh-Hans"), ("電話", "zh-Hant"), ("帳號", "zh-Hant"),
         ("月", "zh")],
    )
    def test_chinese_words_and_shared_words_stay_chinese(self, text: str, lang: str) -> None:
        # 電話 is a Japanese word, but Traditional Chinese writes it alike and about as often;
        # a single character is no word evidence at all
        assert detect(text).language == lang

    def test_a_run_japanese_does_not_know_keeps_it_chinese(self) -> None:
        assert detect("削除 账号").language.startswith("zh")

    def test_only_with_japanese_among_the_candidates(self) -> None:
        assert detect("削除", candidates=["zh", "en"]).language == "zh"

    def test_evidence_values(self) -> None:
        evidence = kanji_word_evidence(["削除"])
        assert evidence is not None
        ja, zh = evidence
        assert ja > 3.0
        assert zh == 0.0
        both = kanji_word_evidence(["情報"])  # a word of both: Chinese reads it as 情报
        assert both is not None
        assert min(both) > 3.0
        assert kanji_word_evidence(["账号"]) is None  # Simplified: not in Japanese's list
        assert kanji_word_evidence(["削除", "账号"]) is None


class TestFoldedVietnamese:
    """Vietnamese word list without diacritics (:class:`FoldedWords`), syllable shape, chat spellings."""

    def test_fold_removes_diacritics_and_d_stroke(self) -> None:
        from toneloc.detect._lexicon import fold

        assert fold("Cảm ơn") == "Cam on"
        assert fold("được đơn") == "duoc don"
        assert fold("shop") == "shop"

    def test_folded_frequency_adds_up_the_accented_words(self) -> None:
        from toneloc.detect._lexicon import folded_words

        fw = folded_words("vi")
        assert fw is not None
        assert fw.get("cam") > zipf("cảm", "vi")  # cảm, cầm, cam, cấm... together
        assert fw.get("khong") >= zipf("không", "vi") - 0.05  # word lists keep one decimal
        assert fw.get("dziekuje") == 0.0

    @pytest.mark.parametrize("word", ["khong", "duoc", "nguoi", "nhung", "truong", "khuya", "nguyen", "giup", "quen"])
    def test_vietnamese_syllables_fit_the_shape(self, word: str) -> None:
        from toneloc.detect._lexicon import VI_SYLLABLE

        assert VI_SYLLABLE.fullmatch(word)

    @pytest.mark.parametrize("word", ["you", "see", "they", "rain", "soon", "shop", "terima", "order", "ik", "strong"])
    def test_words_of_other_languages_do_not_fit_the_shape(self, word: str) -> None:
        from toneloc.detect._lexicon import VI_SYLLABLE

        assert not VI_SYLLABLE.fullmatch(word)

    def test_chat_spellings_are_in_the_vietnamese_word_list(self) -> None:
        from toneloc.detect._lexicon import CHAT_WORDS

        for w in CHAT_WORDS:
            assert zipf(w, "vi") >= 3.0, w  # cited from wordfreq's own Vietnamese list

    def test_syllabic_needs_two_thirds_of_the_words(self) -> None:
        from toneloc.detect._lexicon import folded_words

        fw = folded_words("vi")
        assert fw is not None
        assert fw.syllabic(["cam", "on", "shop"])
        assert fw.syllabic(["ko", "nhan", "dc", "hang", "8812"])  # numbers are no evidence
        assert not fw.syllabic(["thanks", "shop"])
        assert not fw.syllabic(["I", "thi"])  # one letter is too little
        assert not fw.syllabic(["where", "is", "my", "order"])

    def test_folded_list_is_cached_and_read_back(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        from toneloc.detect._lexicon import FoldedWords, _data_dir

        base = _data_dir()
        assert base is not None
        monkeypatch.setenv("TONELOC_CACHE_DIR", str(tmp_path))
        path = base / "small_vi.msgpack.gz"
        fresh = FoldedWords.load(path)
        (cached,) = tmp_path.glob("wordfreq-v2-folded_small_vi-*")
        again = FoldedWords.load(path)
        assert again.get("cam") == fresh.get("cam")
        assert len(again) == len(fresh)
        cached.write_bytes(b"damaged")
        assert FoldedWords.load(path).get("khong") == fresh.get("khong")
