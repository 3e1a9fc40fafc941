"""The compiled build of detection (mypyc, ``toneloc._native``) answers exactly like the Python
sources, is used only when it matches them, and keeps toneloc's errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from toneloc import _native
from toneloc.detect import LanguageDetector, detect, detect_language
from toneloc.detect._types import DetectorConfig
from toneloc.errors import InvalidInputError

ROOT = Path(__file__).resolve().parents[1]
COMPILED = pytest.mark.skipif(not _native.in_use(), reason="no compiled build in use (python -m toneloc._native build)")

# Every path of the detector: scripts, alphabets, greetings, names, noise, quotes, the fastText fast
# path, naive Bayes with word lists, Vietnamese without diacritics, abstentions, awkward input.
TEXTS = [
    "Wo bleibt meine Bestellung?", "Cảm ơn", "cam on shop nhieu", "ko dc", "Terima kasih banyak",
    "Paldies, viss kārtībā! SKU 4710-XB406351", "Dziękuję bardzo", "Teşekkürler, DVD'si çalışmıyor",
    "감사합니다", "ありがとうございます", "OKです", "这个订单还没有发货", "這個訂單還沒有發貨", "韓国", "領収書",
    "Спасибо", "شكرا جزيلا", "धन्यवाद", "ขอบคุณครับ", "Tack så mycket", "Hartelijk dank", "Beste Grüße",
    "Danke Grzegorz", "Thanks Nguyễn Văn!", "Łukasz, merci !", "Ayşe, İyi günler", "Dear Mr. Nguyễn",
    "Re: [#190164] El paquete llegó roto.", "order #A-1182 not arrived!! see https://shop.example/o/1182",
    "AirPods เสีย", "VAR ÄR MITT PAKET", "merci!", "Printerstatus", "Lösenord", "mercredi", "klantenservice",
    'Saya sudah coba, tapi muncul "Invalid password, please try again" terus.',
    "Halo, aplikasinya error:\n```\nTypeError: x is undefined\n```\nTerima kasih",
    "Danke!\n\nOn Mon, 3 Jun 2024, Ann wrote:\n> Hello", "Ich liebe ラーメン", "We gave Nguyễn Văn Hải a call",
    "", "   ", "12345 !!!", "🙏🙏", "#A-1182 🙏 https://shop.example/o/1182", "a" * 5000, "ａｂｃ テスト",
    "Reembolso por favor", "Mijn bestelling is nog steeds niet aangekomen, kunt u even kijken waar die is?",
]


def _decisions(texts: list[str]) -> list[list[object]]:
    full = LanguageDetector(DetectorConfig())
    pri = LanguageDetector(DetectorConfig(prior="de", candidates=("de", "en", "fr", "nl", "ja", "zh", "ko")))
    out: list[list[object]] = []
    for t in texts:
        out.append([repr(full.detect(t)), repr(pri.detect(t)), repr(detect_language(t))])
    out.append([repr(d) for d in full.detect_many(texts)])
    return out


def _in_python_build(code: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, TONELOC_PURE_PYTHON="1", PYTHONUTF8="1")
    return subprocess.run([sys.executable, "-c", code], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=600, check=False)


@COMPILED
def test_compiled_and_python_builds_answer_alike() -> None:
    code = ("import json, sys\nsys.path.insert(0, 'tests')\nfrom toneloc import _native\n"
            "from test_detect_native import _decisions\nassert not _native.in_use()\n"
            "print(json.dumps(_decisions(json.load(sys.stdin))))")
    run = _in_python_build(code, json.dumps(TEXTS))
    assert run.returncode == 0, run.stderr[-3000:]
    assert json.loads(run.stdout) == _decisions(TEXTS)


@COMPILED
def test_doctests_of_the_compiled_modules_pass_on_their_sources() -> None:
    files = [f"src/toneloc/detect/{m}.py" for m in _native.COMPILED]
    code = ("import pytest, sys\n"
            f"sys.exit(pytest.main(['-q', '-p', 'no:cacheprovider', '--doctest-modules', *{files!r}]))")
    run = _in_python_build(code)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert " passed" in run.stdout


def test_wrong_types_get_toneloc_errors_in_either_build() -> None:
    """A compiled function would reject bytes with a bare TypeError; the typed entry points stay
    Python and leave the check to the engine."""
    det = LanguageDetector()
    with pytest.raises(InvalidInputError, match="expected text as str"):
        detect(b"hello")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="expected text as str"):
        detect_language(b"hello")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="expected text as str"):
        det.detect(42)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="expected text as str"):
        det.detect_many(["ok", None])  # type: ignore[list-item]


class TestStaleBuilds:
    """Compiled modules are used only when every file they were built from is unchanged."""

    @staticmethod
    def _fake_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        """A fake tree src/toneloc/detect with 'compiled' files, the runtime library and a record."""
        folder = tmp_path / "src" / "toneloc" / "detect"
        folder.mkdir(parents=True)
        suffix = _native._EXTENSIONS[0]
        for m in _native.COMPILED:
            (folder / f"{m}.py").write_text(f"# {m}\n", encoding="utf-8")
            (folder / f"{m}{suffix}").write_bytes(b"\x7fELF")
        for d in _native.DEPENDS:
            (folder.parent / d).write_text(f"# {d}\n", encoding="utf-8")
        runtime = tmp_path / "src" / f"{_native.GROUP}__mypyc{suffix}"
        runtime.write_bytes(b"\x7fELF runtime")
        monkeypatch.setattr(_native, "_importable_runtime", lambda: runtime.resolve())
        hashes = {name: _native._digest(path) for name, path in _native._inputs(folder).items()}
        hashes["runtime"] = _native._digest(runtime)
        (folder / _native.RECORD).write_text(json.dumps({"files": hashes}), encoding="utf-8")
        return folder

    def test_no_compiled_files_is_no_build(self, tmp_path: Path) -> None:
        for m in _native.COMPILED:
            (tmp_path / f"{m}.py").write_text("", encoding="utf-8")
        assert _native.stale_modules(tmp_path) is None

    def test_matching_build_is_current(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        assert _native.stale_modules(self._fake_build(tmp_path, monkeypatch)) == []

    def test_an_edited_source_or_dependency_makes_the_build_stale(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        folder = self._fake_build(tmp_path, monkeypatch)
        (folder / "_clean.py").write_text("# edited\n", encoding="utf-8")
        (folder / "_types.py").write_text("# edited: the compiled code enforces its annotations\n", encoding="utf-8")
        assert _native.stale_modules(folder) == ["_clean", "toneloc/detect/_types.py"]

    def test_a_deleted_source_is_stale_even_when_the_record_lacks_it(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        folder = self._fake_build(tmp_path, monkeypatch)
        (folder / "_scripts.py").unlink()
        (folder / _native.RECORD).write_text(json.dumps({"files": {}}), encoding="utf-8")
        assert "_scripts" in (_native.stale_modules(folder) or [])

    def test_runtime_library_missing_changed_or_shadowed(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        folder = self._fake_build(tmp_path, monkeypatch)
        monkeypatch.setattr(_native, "_importable_runtime", lambda: tmp_path / "elsewhere.so")
        assert _native.stale_modules(folder) == ["runtime"]  # another build's library first on sys.path
        runtime = next((tmp_path / "src").glob(f"{_native.GROUP}__mypyc*"))
        runtime.unlink()
        assert _native.stale_modules(folder) == ["runtime"]

    def test_a_missing_compiled_file_or_record_makes_it_stale(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        folder = self._fake_build(tmp_path, monkeypatch)
        for p in folder.iterdir():
            if p.name.startswith("_scripts.") and p.suffix != ".py":
                p.unlink()
        assert _native.stale_modules(folder) == ["_scripts"]
        (folder / _native.RECORD).write_text("not json", encoding="utf-8")
        assert set(_native.stale_modules(folder) or []) >= {*_native.COMPILED, "runtime"}


def test_detector_pickles_as_its_configuration_and_takes_weak_references() -> None:
    import pickle
    import weakref

    det = LanguageDetector(DetectorConfig(candidates=("de", "en")))
    det.detect("Danke schön")  # models loaded: the engine itself cannot be pickled
    back = pickle.loads(pickle.dumps(det))
    assert back.config == det.config
    assert back.detect("Danke schön") == det.detect("Danke schön")
    assert weakref.ref(det)() is det


def test_public_helpers_reject_wrong_types_and_str_subclasses_read_as_text() -> None:
    from toneloc.detect import split_blocks, strip_noise

    with pytest.raises(InvalidInputError, match="strip_noise: expected text as str"):
        strip_noise(None)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="split_blocks: expected text as str"):
        split_blocks(b"x")  # type: ignore[arg-type]

    class Shouting(str):
        def lower(self) -> str:
            return self.upper()

    assert detect_language(Shouting("Danke schön")) == detect_language("Danke schön")
