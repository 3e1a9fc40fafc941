"""Property tests: detection never crashes, stays in range, is deterministic, copes with 1 MB."""

from __future__ import annotations

import time

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from toneloc.detect import DEFAULT_CANDIDATES, UNDETERMINED, Detection, DetectorConfig, detect, detect_many

_DETECTOR = DetectorConfig().build()

# Arbitrary Unicode including control characters, surrogates excluded (not encodable str in Python I/O),
# plus pieces support messages are made of.
any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
messy = st.lists(
    st.sampled_from([
        "order", "#A-1182", "https://x.example/a?b=1", "a@b.co", "🙏", "\x00", "\u200b", "\n", "> ", "-- ",
        "Merci", "Danke", "감사", "спасибо", "ありがとう", "谢谢", "ขอบคุณ", "धन्यवाद", "شكرا", "Cảm ơn", "`x`",
        '"quoted phrase here"', "On Mon, Ann wrote:", "Error: boom", "\r\n", "   ", "ÀÉÎõü", "12,50 €",
        "DVD'si", "Windows'ta", "l'app", "'", "’", "韓国", "東京駅", "'quoted phrase again'",
    ]),
    max_size=30,
).map(" ".join)


def _check(d: Detection, candidates: tuple[str, ...] = DEFAULT_CANDIDATES) -> None:
    assert 0.0 <= d.confidence <= 1.0
    assert d.reliable == (d.language != UNDETERMINED)
    assert d.language == UNDETERMINED or d.language.split("-")[0] in candidates
    probs = [p for _, p in d.alternatives]
    assert all(0.0 <= p <= 1.0 for p in probs)
    assert probs == sorted(probs, reverse=True)
    assert sum(probs) <= 1.0 + 1e-6
    for s in d.spans:
        assert 0 <= s.start <= s.end
        assert 0.0 <= s.confidence <= 1.0


@given(any_text)
def test_never_crashes_on_arbitrary_unicode(text: str) -> None:
    """Any Unicode string, control characters included, gives a well-formed Detection."""
    _check(_DETECTOR.detect(text))


@given(messy)
def test_never_crashes_on_messy_support_text(text: str) -> None:
    """Mixtures of scripts, codes, quotes and signatures give well-formed Detections."""
    _check(_DETECTOR.detect(text))


@given(any_text)
def test_deterministic_for_any_text(text: str) -> None:
    """The same input gives the same output, one call or batch."""
    first = _DETECTOR.detect(text)
    assert _DETECTOR.detect(text) == first
    assert _DETECTOR.detect_many([text])[0] == first


@given(messy, st.sets(st.sampled_from(DEFAULT_CANDIDATES), min_size=1, max_size=4))
def test_candidates_are_respected(text: str, cands: set[str]) -> None:
    """Neither the answer nor any alternative leaves the configured candidates."""
    ordered = tuple(sorted(cands))
    d = detect(text, candidates=ordered)
    _check(d, ordered)
    assert {lang.split("-")[0] for lang, _ in d.alternatives} <= cands


def test_one_megabyte_input_finishes_quickly() -> None:
    """A 1 MB message (cut to ``max_chars`` before scoring) is detected in well under a second."""
    text = ("Bitte senden Sie mir eine neue Rechnung für die Bestellung. " * 18_000)[:1_000_000]
    assert len(text) == 1_000_000
    detect("warm up the models")
    start = time.perf_counter()
    d = detect(text)
    assert time.perf_counter() - start < 2.0
    assert d.language == "de"
    start = time.perf_counter()
    noisy = ("\x00\x01 #A-1182 🙏 " * 80_000)[:1_000_000]
    assert detect(noisy).language == UNDETERMINED
    assert time.perf_counter() - start < 2.0


def test_batch_of_many_texts_is_not_slower_per_text() -> None:
    """``detect_many`` over 600 messages costs no more per text than 600 single calls."""
    texts = [f"Merci pour votre aide numéro {i}, tout fonctionne" if i % 3 else f"Thanks a lot, ticket {i}"
             for i in range(600)]
    detect_many(texts[:5])
    t0 = time.process_time()
    batch = detect_many(texts)
    t_batch = time.process_time() - t0
    t0 = time.process_time()
    single = [detect(t) for t in texts]
    t_single = time.process_time() - t0
    assert [b.language for b in batch] == [s.language for s in single]
    assert t_batch <= t_single * 1.2  # same work or less; slack for timer noise on a shared machine


def test_apostrophe_and_quote_patterns_stay_linear_on_1_mb() -> None:
    """Pathological 1 MB inputs for the apostrophe and quotation patterns finish quickly."""
    for text in ("A" * 999_990 + "'si", "a'b " * 250_000, "'" + "x" * 999_998 + "'", "韓国" * 500_000):
        start = time.perf_counter()
        _check(_DETECTOR.detect(text))
        assert time.perf_counter() - start < 5.0


# Pieces that do and do not trip the noise and block patterns, for the two fast-path properties below.
_pieces = st.lists(
    st.sampled_from([
        "bonjour", "Danke", "Straße", "ÉTÉ", "iPhone", "PDF", "x.pdf", "*.1", "www.", "a.b", "end.", "a@b",
        "#12", "$x", "a_b", "7", "٣", "C:/x", "Re:", "`c`", '"q"', "“q”", "'", "'quoted phrase here'", ">",
        "\n", "-- ", "  ", "Ça", "ÄÖ", "ǅ", "—", "?", "!", ",", "https://x.y/z", "a\\b.c", "\t", "\xa0", "( )",
    ]),
    max_size=8,
).map(" ".join)


@given(_pieces)
@example("see x.pdf now")
@example("Ça va, ÄÖ GmbH")
@example('sagt "ja"')
def test_plain_text_is_left_as_it_is(text: str) -> None:
    """``is_plain`` (the detector's shortcut) only says yes when the full path would change nothing:
    no block or quote to split off, nothing to strip."""
    from toneloc.detect._clean import inline_quotes, is_plain, strip_noise
    from toneloc.detect._detector import _SPLIT_GATE

    if is_plain(text):
        assert _SPLIT_GATE.search(text) is None
        assert inline_quotes(text) == []
        assert strip_noise(text) == text.strip()


@given(_pieces)
def test_the_written_out_gate_mask_equals_the_gates(text: str) -> None:
    """``_gate_mask`` (the gates written out, for speed) fires exactly where the gates of
    ``_NOISE_PARTS`` (the specification) fire."""
    from toneloc.detect import _clean

    expected = sum(1 << bit for bit, (gate, _p) in enumerate(_clean._NOISE_PARTS) if gate(text))
    assert _clean._gate_mask(text) == expected


@given(_pieces)
def test_all_noise_patterns_strip_what_the_gated_ones_strip(text: str) -> None:
    """The alternation of every noise pattern (used until a mix of gates recurs) matches exactly
    where the alternation of the patterns whose gates fire does."""
    import regex

    from toneloc.detect import _clean

    mask = sum(1 << bit for bit, (gate, _p) in enumerate(_clean._NOISE_PARTS) if gate(text))
    if not mask:
        return
    gated = regex.compile("|".join(p for bit, (_g, p) in enumerate(_clean._NOISE_PARTS) if mask >> bit & 1))
    union = _clean._union(bool(mask >> _clean._FILES & 1))
    assert union.sub(" ", text) == gated.sub(" ", text)


_RUNS = st.text(alphabet="ab1-_./\\*~@#: é\u0416中\nx.pdfRe:AB2", max_size=30)


@given(_RUNS, st.integers(min_value=1, max_value=(1 << 10) - 1))
@example("dir/file.txt-12 ab12", 0b0010100000)
@example("a/b.txt-3", 0b0010100000)
@example("Ж12ab-3_c.log", 0b1111111111)
def test_anchored_noise_patterns_match_like_their_plain_definitions(text: str, mask: int) -> None:
    """The e-mail, path and digit-token patterns start only where a run starts or the previous match
    ended (a speed-up); with any mix of the other patterns they strip exactly what their unanchored
    definitions strip, including a token right after a file name ("a/b.txt-3"). (The path pattern's
    parts are also bounded to 256 characters, beyond these texts.)"""
    import regex

    from toneloc.detect import _clean

    plain = {
        1: r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
        5: r"[\w*~./\\-]*[/\\][\w*~./\\-]*\.\w+",
        7: r"[\p{Latin}\d_-]*\d[\p{Latin}\d_-]*",
    }
    parts = [(bit, p) for bit, (_g, p) in enumerate(_clean._NOISE_PARTS) if mask >> bit & 1]
    fast = regex.compile("|".join(p for _b, p in parts))
    slow = regex.compile("|".join(plain.get(b, p) for b, p in parts))
    assert fast.sub(" ", text) == slow.sub(" ", text)


@given(st.text(max_size=40))
@example("Ⲁⲁ ϥϦαβ")  # a Coptic letter next to Greek ones
@example("PGP による暗号化")
def test_script_counts_count_each_letter_in_its_own_script(text: str) -> None:
    """``script_counts`` counts every letter in its own script (unlisted scripts as "Other"), in the
    order the scripts first occur."""
    from toneloc.detect._scripts import _LETTER, script_counts

    expected: dict[str, int] = {}
    for ch in text:
        m = _LETTER.match(ch)
        if m:
            name = m.lastgroup or "Other"
            expected[name] = expected.get(name, 0) + 1
    assert list(script_counts(text).items()) == list(expected.items())


def test_greek_letters_after_coptic_ones_count_as_greek() -> None:
    from toneloc.detect._scripts import script_counts

    assert script_counts("Ⲁⲁ ϥϦαβ") == {"Other": 4, "Greek": 2}


@pytest.mark.parametrize("text", ["a." * 10_000, "a/" * 10_000, "a/" * 10_000 + ".", "x@" + "a." * 10_000])
def test_long_runs_of_noise_characters_are_stripped_in_linear_time(text: str) -> None:
    """A 20,000-character run of word characters with dots or slashes was scanned from every letter
    (0.2-0.3 s, 88 s for "a/" * 5000 before the anchored patterns); now well under a tenth of a second."""
    import time

    from toneloc.detect._clean import strip_noise

    t0 = time.perf_counter()
    strip_noise(text)
    assert time.perf_counter() - t0 < 0.1
