"""Word-list evidence for short Latin-script texts (``toneloc.detect._lexicon``, wordfreq's data)."""

from __future__ import annotations

from array import array
from pathlib import Path

import pytest

pytest.importorskip("wordfreq")

import toneloc.detect._detector as detector_module
from toneloc.detect import DetectorConfig, LanguageDetector, detect
from toneloc.detect._lexicon import UNKNOWN_ZIPF, Lexicon, _key, lexicon, zipf

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
