"""``detect_many(texts, workers=N)``: a long batch shared with helper processes gives exactly the
answers of one process, keeps its helpers between batches, and fails clearly when a helper dies."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from toneloc.detect import DetectorConfig, LanguageDetector, detect_many
from toneloc.detect._parallel import CHUNK, DetectorPool, _serve
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


def _run_script(path: Path, body: str) -> str:
    """Run *body* as a script of its own (a process whose exit, forks and children the test
    watches) with this interpreter and import path; its standard output."""
    path.write_text(f"import sys\nsys.path[:0] = {sys.path!r}\n" + textwrap.dedent(body), encoding="utf-8")
    done = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def detector() -> Iterator[LanguageDetector]:
    with LanguageDetector(DetectorConfig()) as det:
        det.warm_up(workers=2)  # loaded helpers: a batch shares its chunks with them from the start
        yield det


def test_batch_over_helper_processes_answers_exactly_like_one_process(detector: LanguageDetector) -> None:
    texts = [*MESSAGES, *(f"{m} #{i}" for i, m in enumerate(MESSAGES)), *(f"> {m}" for m in MESSAGES)]
    assert len(set(texts)) > 4 * CHUNK  # several chunks for the helper, the rest for this process
    assert detector.detect_many(texts, workers=2) == [detector.detect(t) for t in texts]


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


def test_warm_up_starts_the_helpers_and_waits_until_they_are_loaded() -> None:
    before = _children()
    with LanguageDetector(DetectorConfig(candidates=("de", "en", "fr"))) as det:
        det.warm_up(workers=3)
        assert len(_children() - before) == 2
        assert det.detect_many(MESSAGES, workers=3) == [det.detect(m) for m in MESSAGES]
    assert _children() == before


def test_helpers_that_died_between_batches_are_replaced_by_the_next_one() -> None:
    before = _children()
    with LanguageDetector(DetectorConfig(candidates=("de", "en", "fr"))) as det:
        det.warm_up(workers=3)
        helpers = _children() - before
        assert len(helpers) == 2
        os.kill(next(iter(helpers)), signal.SIGKILL)  # e.g. the kernel's out-of-memory killer
        time.sleep(0.5)
        det.warm_up(workers=3)
        assert det.detect_many(MESSAGES, workers=3) == [det.detect(m) for m in MESSAGES]
        now = _children() - before
        assert len(now) == 2
        assert not (now & helpers)


def test_a_helper_killed_in_the_middle_of_a_long_batch_leaves_no_process_and_no_hang(tmp_path: Path) -> None:
    """The standard process pool hangs for good when a helper dies halfway through writing a large
    result to the shared queue (measured on Python 3.11); each toneloc helper has its own pipe, whose
    end the caller reads at once."""
    out = _run_script(tmp_path / "kill_mid_batch.py", """
        import multiprocessing, os, signal, threading, time
        from toneloc.detect import LanguageDetector
        from toneloc.errors import DetectionError

        if __name__ == "__main__":
            texts = [f"Danke {i} merci {i * 7} thanks {i % 13} gracias" for i in range(150_000)]
            det = LanguageDetector()
            det.warm_up(workers=3)
            helpers = [p.pid for p in multiprocessing.active_children()]
            threading.Timer(0.3, os.kill, (helpers[0], signal.SIGKILL)).start()
            try:
                det.detect_many(texts, workers=3)
                print("finished before the kill")
                det.close()
            except DetectionError as exc:
                print("error:", exc)
            time.sleep(0.5)
            print("left:", [p.pid for p in multiprocessing.active_children()])
    """)
    assert "error: a detector helper process stopped" in out or "finished before the kill" in out
    assert "exit code -9" in out or "finished before the kill" in out
    assert "left: []" in out


def test_ctrl_c_belongs_to_the_caller_not_to_idle_helpers() -> None:
    before = _children()
    with LanguageDetector(DetectorConfig(candidates=("de", "en", "fr"))) as det:
        det.warm_up(workers=2)
        for pid in _children() - before:
            os.kill(pid, signal.SIGINT)  # what a terminal's Ctrl-C sends to the whole process group
        time.sleep(0.3)
        assert det.detect_many(MESSAGES * 3, workers=2) == [det.detect(m) for m in MESSAGES * 3]


def test_a_short_batch_on_a_cold_pool_does_not_wait_for_the_helpers() -> None:
    with LanguageDetector(DetectorConfig(candidates=("de", "en", "fr"))) as det:
        det.warm_up()
        start = time.perf_counter()
        out = det.detect_many(MESSAGES, workers=2)  # two chunks; the helper is still starting
        cold = time.perf_counter() - start
        assert out == [det.detect(m) for m in MESSAGES]
        pool = det._pool
        assert pool is not None
        assert pool.started
        assert pool.loaded == 0  # the caller did not wait for the helper (it loads in 0.2-1 s)
        assert cold < 1.0  # a helper starting alone takes 0.2-1 s, a busy CI machine more


def test_in_a_daemonic_process_workers_is_a_clear_error() -> None:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:  # pool workers are daemonic
        message = pool.apply(_try_workers_in_a_daemon)
    assert "cannot start helper processes in a daemonic process" in message


def _try_workers_in_a_daemon() -> str:
    try:
        LanguageDetector().detect_many(MESSAGES, workers=2)
    except DetectionError as exc:
        return str(exc)
    return "no error"


def test_a_detector_with_helpers_pickles_as_its_configuration(detector: LanguageDetector) -> None:
    detector.detect_many(MESSAGES, workers=2)
    copy = pickle.loads(pickle.dumps(detector))
    assert copy.config == detector.config
    assert copy.detect("Danke schön") == detector.detect("Danke schön")


def test_a_pool_needs_a_helper() -> None:
    with pytest.raises(DetectionError, match="at least one helper"):
        DetectorPool(DetectorConfig(), processes=0)


def test_a_helper_reports_a_failure_and_goes_on_serving() -> None:
    mine, theirs = multiprocessing.Pipe()
    serving = threading.Thread(target=_serve, args=(theirs, DetectorConfig(candidates=("de", "en"))))
    serving.start()
    assert mine.recv() == ("ready", None)
    mine.send(5)  # not a list of texts
    kind, message = mine.recv()
    assert (kind, message.split(":")[0]) == ("failed", "TypeError")
    mine.send(["Danke schön", "Thank you"])
    kind, flats = mine.recv()
    assert kind == "done"
    assert [f[0] for f in flats] == ["de", "en"]
    mine.send(None)
    serving.join(5)
    assert not serving.is_alive()


def test_a_helper_that_cannot_load_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing_model(config: DetectorConfig) -> None:
        raise FileNotFoundError(2, "No such file or directory", "lid.176.ftz")

    monkeypatch.setattr("toneloc.detect._parallel.engine_for", missing_model)
    mine, theirs = multiprocessing.Pipe()
    serving = threading.Thread(target=_serve, args=(theirs, DetectorConfig()))
    serving.start()
    kind, message = mine.recv()
    serving.join(5)
    assert kind == "failed"
    assert message.startswith("could not load the detector: FileNotFoundError")
    assert not serving.is_alive()


def test_a_forked_process_leaves_its_parents_helpers_alone(tmp_path: Path) -> None:
    """A preforking server (gunicorn --preload...) forks workers from a process with helpers; a
    worker that exits must not stop or terminate them."""
    out = _run_script(tmp_path / "fork_after_warm_up.py", """
        import multiprocessing, os
        from toneloc.detect import LanguageDetector

        if __name__ == "__main__":
            texts = [f"Danke {i} merci {i * 7} thanks {i % 13}" for i in range(3_000)]
            det = LanguageDetector()
            det.warm_up(workers=2)
            helpers = [p.pid for p in multiprocessing.active_children()]
            pid = os.fork()
            if pid == 0:
                det.close()  # the child's own view: no helpers of its own
                raise SystemExit(0)  # a normal exit: atexit hooks and finalizers run
            os.waitpid(pid, 0)
            print("same:", det.detect_many(texts, workers=2) == [det.detect(t) for t in texts])
            print("helpers kept:", [p.pid for p in multiprocessing.active_children()] == helpers)
            det.close()
    """)
    assert "same: True" in out
    assert "helpers kept: True" in out
