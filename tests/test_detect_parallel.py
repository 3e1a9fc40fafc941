"""``detect_many(texts, workers=N)``: a long batch shared with helper processes gives exactly the
answers of one process, keeps its helpers between batches, and fails clearly when a helper dies."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
from collections.abc import Iterator

import pytest

from toneloc.detect import DetectorConfig, LanguageDetector, detect_many
from toneloc.detect._parallel import CHUNK, DetectorPool
from toneloc.errors import DetectionError, InvalidInputError

# Sentences of different languages and kinds; pairs of them make messages with several spans.
BASE = [
    "Wo bleibt meine Bestellung?", "Thanks a lot for your help!", "Merci beaucoup pour votre réponse.",
    "Muchas gracias por la ayuda.", "Grazie mille, tutto risolto.", "Muito obrigado pela ajuda.",
    "Hartelijk dank voor je hulp.", "Cảm ơn bạn nhiều lắm.", "Terima kasih banyak ya.", "Liels paldies!",
    "ありがとうございます。", "谢谢你的帮助。", "감사합니다.", "Спасибо за помощь.", "Dziękuję bardzo!",
    "Çok teşekkür ederim.", "شكرا جزيلا", "बहुत धन्यवाद", "Tack så mycket!", "ขอบคุณมากครับ",
    "cam on shop", "ok", 'Muncul "Invalid password, please try again" terus.', "Order #A-1182 🙏",
    "Danke!\n> On Mon, Ann wrote:\n> Hello there", "https://shop.example/o/1182", "",
]
MESSAGES = [f"{a} {b}" for a in BASE for b in BASE]  # 729 distinct messages, more than one chunk


def _children() -> set[int]:
    return {p.pid for p in multiprocessing.active_children() if p.pid is not None}


@pytest.fixture(scope="module")
def detector() -> Iterator[LanguageDetector]:
    with LanguageDetector(DetectorConfig()) as det:
        yield det


def test_batch_over_helper_processes_answers_exactly_like_one_process(detector: LanguageDetector) -> None:
    assert len(set(MESSAGES)) > CHUNK
    assert detector.detect_many(MESSAGES, workers=2) == [detector.detect(m) for m in MESSAGES]


def test_results_follow_the_input_with_repeats(detector: LanguageDetector) -> None:
    texts = [*reversed(MESSAGES), *MESSAGES[:50]]
    out = detector.detect_many(texts, workers=2)
    assert out == [detector.detect(t) for t in texts]
    assert out[-1] is out[len(MESSAGES) - 50]  # a repeated message is decided once


def test_helpers_are_kept_between_batches_and_stopped_by_close() -> None:
    before = _children()
    det = LanguageDetector(DetectorConfig(candidates=("de", "en", "fr")))
    det.detect_many(MESSAGES, workers=2)
    helpers = _children() - before
    assert len(helpers) == 1  # workers=2: this process and one helper
    det.detect_many(MESSAGES[::-1], workers=2)
    assert _children() - before == helpers
    det.close()
    assert not (_children() & helpers)
    assert det.detect("Danke schön").language == "de"  # still usable without helpers


def test_a_small_batch_stays_in_this_process() -> None:
    before = _children()
    det = LanguageDetector(DetectorConfig())
    out = det.detect_many(MESSAGES[:CHUNK], workers=4)
    assert _children() == before
    assert out == [det.detect(m) for m in MESSAGES[:CHUNK]]


def test_module_level_detect_many_stops_its_helpers() -> None:
    before = _children()
    out = detect_many(MESSAGES, candidates=["de", "en", "fr", "ko"], workers=2)
    assert _children() == before
    assert out == detect_many(MESSAGES, candidates=["de", "en", "fr", "ko"])


@pytest.mark.parametrize("workers", [0, -1, 2.5, True, "2"])
def test_workers_must_be_a_positive_whole_number(workers: object) -> None:
    with pytest.raises(DetectionError, match="workers must be a whole number"):
        LanguageDetector().detect_many(["Danke"], workers=workers)  # type: ignore[arg-type]


def test_a_wrong_message_type_is_reported_before_any_helper_starts() -> None:
    before = _children()
    with pytest.raises(InvalidInputError, match="expected text as str, got bytes"):
        LanguageDetector().detect_many([*MESSAGES, b"Danke"], workers=2)  # type: ignore[list-item]
    assert _children() == before


def test_a_helper_that_dies_is_a_clear_error_and_the_next_batch_starts_new_ones() -> None:
    before = _children()
    with LanguageDetector(DetectorConfig(candidates=("de", "en", "fr"))) as det:
        det.detect_many(MESSAGES, workers=2)
        helpers = _children() - before
        for pid in helpers:
            os.kill(pid, signal.SIGKILL)
        with pytest.raises(DetectionError, match="helper process stopped") as info:
            det.detect_many(MESSAGES[::-1], workers=2)
        assert "workers=1" in (info.value.hint or "")
        assert det.detect_many(MESSAGES, workers=2) == [det.detect(m) for m in MESSAGES]
        assert not (_children() & helpers)


def test_a_detector_with_helpers_pickles_as_its_configuration(detector: LanguageDetector) -> None:
    detector.detect_many(MESSAGES, workers=2)
    copy = pickle.loads(pickle.dumps(detector))
    assert copy.config == detector.config
    assert copy.detect("Danke schön") == detector.detect("Danke schön")


def test_a_pool_needs_a_helper() -> None:
    with pytest.raises(DetectionError, match="at least one helper"):
        DetectorPool(DetectorConfig(), processes=0)
