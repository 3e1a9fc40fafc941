"""Argos packages on the real install -> load -> translate path, with a tiny package built at test time."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from mt_fixtures import fixtures as _mt
from toneloc.errors import ModelNotFoundError, ModelPackageError, UnknownLocaleError
from toneloc.translate import (
    ArgosEngine,
    ArgostranslateEngine,
    install_package,
    list_packages,
    mask,
    remove_package,
    validate_archive,
)
from toneloc.translate.argos import argos_codes, find_package, rule_split

pytestmark = pytest.mark.mt
for _mod in ("ctranslate2", "sentencepiece", "onnxruntime", "minisbd"):  # the `mt` extra
    pytest.importorskip(_mod)

# Shared session fixtures (real tiny Argos packages built at test time).
tiny_archive = _mt.tiny_archive
unsure_archive = _mt.unsure_archive
packages_dir = _mt.packages_dir
engine = _mt.engine


def test_install_and_list(packages_dir: Path) -> None:
    """Both tiny packages are installed through argostranslate and listed with their metadata."""
    pkgs = {(p.source, p.target): p for p in list_packages(packages_dir)}
    assert set(pkgs) == {("en", "de"), ("en", "fr")}
    de = pkgs[("en", "de")]
    assert de.ok
    assert de.splitter == "minisbd"
    assert de.tokenizer == "sentencepiece"
    assert de.model_version == "argos:en-de@1.0"


def test_engine_translates_exactly(engine: ArgosEngine) -> None:
    """The copy model with its lexicon gives an exact, certain translation."""
    hyps = engine.hypotheses(["Hello, your order has shipped."], source="en", target="de", n=2)
    assert hyps[0][0].text == "Hallo, Ihre Bestellung wurde versandt."
    assert hyps[0][0].score == pytest.approx(0.0, abs=1e-3)
    assert hyps[0][1].score is not None
    assert hyps[0][1].score < -1.0


def test_batch_keeps_order_lines_and_sentences(engine: ArgosEngine) -> None:
    """Strings are batched together, split into lines and sentences, and reassembled in order."""
    texts = ["Thank you for contacting support.", "Hello!  Your ticket was updated.\n\nPlease reset your password.",
             "", "  Hello  "]
    out = [h[0].text for h in engine.hypotheses(texts, source="en", target="de", n=1)]
    assert out == ["Danke Ihnen für Kontakt Support.",
                   "Hallo!  Your Ticket wurde aktualisiert.\n\nBitte zurücksetzen Ihre Passwort.",
                   "", "  Hallo  "]


def test_masked_placeholders_pass_through_the_real_model(engine: ArgosEngine) -> None:
    """Sentinels survive SentencePiece + CTranslate2 unchanged."""
    m = mask("Hello {user_name}, your order ORD-12345 has shipped: https://x.io/t_1")
    out = engine.hypotheses([m.text], source="en", target="de", n=1)[0][0].text
    assert out == "Hallo ZQ0Z, Ihre Bestellung ZQ1Z wurde versandt: ZQ2Z"


def test_argostranslate_route_breaks_underscores_unless_masked(packages_dir: Path) -> None:
    """argostranslate's decoder turns `_` into spaces; masked input comes back intact."""
    eng = ArgostranslateEngine(packages_dir)
    raw = eng.hypotheses(["Hello {user_name}"], source="en", target="de", n=1)[0][0].text
    assert raw == "Hallo {user name}"
    masked = eng.hypotheses([mask("Hello {user_name}").text], source="en", target="de", n=1)[0][0].text
    assert masked == "Hallo ZQ0Z"
    assert "torch" not in sys.modules


def test_no_model_for_pair_says_what_to_install(packages_dir: Path) -> None:
    """A missing pair names the installed pairs and the install command."""
    with pytest.raises(ModelNotFoundError) as exc:
        find_package("en", "ja", packages_dir=packages_dir)
    msg = str(exc.value)
    assert "en -> ja" in msg
    assert "installed: en->de, en->fr" in msg
    assert "toneloc models install translate-en_ja.argosmodel" in msg


def test_unsupported_language_tag() -> None:
    """A tag that is not a language fails as an unknown locale, with a suggestion."""
    with pytest.raises(UnknownLocaleError):
        ArgosEngine().supports("en", "xx-YY")


def test_argos_codes() -> None:
    """Brazilian Portuguese and Traditional Chinese map to Argos' own codes first."""
    assert argos_codes("pt-BR") == ["pb", "pt"]
    assert argos_codes("zh-Hant-TW") == ["zt", "zh"]
    assert argos_codes("fr-CA") == ["fr"]


def _rezip(src: Path, dest: Path, *, drop: str | None = None, flatten: bool = False) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for item in zin.infolist():
            name = item.filename
            if drop and drop in name:
                continue
            if flatten:
                name = name.split("/", 1)[1]
                if not name:
                    continue
            zout.writestr(name, zin.read(item.filename))
    return dest


def test_corrupt_packages_are_rejected_with_reasons(tiny_archive: Path, tmp_path: Path) -> None:
    """Bad archives fail before anything is extracted: not a zip, no single folder, missing files."""
    junk = tmp_path / "junk.argosmodel"
    junk.write_bytes(b"not a zip")
    with pytest.raises(ModelPackageError, match="not a zip archive"):
        validate_archive(junk)
    with pytest.raises(ModelPackageError, match="exactly one top-level folder"):
        install_package(_rezip(tiny_archive, tmp_path / "flat.argosmodel", flatten=True), packages_dir=tmp_path / "p")
    assert not (tmp_path / "p").exists() or not any((tmp_path / "p").iterdir())
    with pytest.raises(ModelPackageError, match=r"missing: model/model\.bin"):
        validate_archive(_rezip(tiny_archive, tmp_path / "nomodel.argosmodel", drop="model.bin"))
    nosbd = _rezip(tiny_archive, tmp_path / "nosbd.argosmodel", drop="minisbd")
    with pytest.raises(ModelPackageError, match="no sentence splitter") as exc:
        validate_archive(nosbd)
    assert exc.value.hint is not None
    assert "require_splitter=False" in exc.value.hint
    assert validate_archive(nosbd, require_splitter=False) == "translate-en_de-1_0"


def test_package_without_splitter_translates_by_rule(tiny_archive: Path, tmp_path: Path) -> None:
    """No splitter: toneloc splits by rule instead of downloading one."""
    nosbd = _rezip(tiny_archive, tmp_path / "nosbd.argosmodel", drop="minisbd")
    root = tmp_path / "pk"
    install_package(nosbd, packages_dir=root, require_splitter=False)
    out = ArgosEngine(root, intra_threads=1).hypotheses(["Hello. Thank you."], source="en", target="de", n=1)
    assert out[0][0].text == "Hallo. Danke Ihnen."


def test_broken_folder_is_listed_not_fatal(tiny_archive: Path, tmp_path: Path) -> None:
    """A folder without metadata.json is reported; the good package next to it still works."""
    root = tmp_path / "pk"
    install_package(tiny_archive, packages_dir=root)
    (root / "leftover").mkdir()
    pkgs = {p.name: p for p in list_packages(root)}
    assert pkgs["leftover"].problems[0] == "no metadata.json"
    assert pkgs["translate-en_de-1_0"].ok
    assert find_package("en", "de", packages_dir=root).name == "translate-en_de-1_0"
    remove_package("leftover", packages_dir=root)
    removed = remove_package("en-de", packages_dir=root)
    assert removed.source == "en"
    assert list_packages(root) == []
    with pytest.raises(ModelNotFoundError):
        remove_package("en-de", packages_dir=root)


def test_rule_split() -> None:
    """The fallback splitter splits at sentence punctuation followed by space."""
    assert rule_split("Version 3.5 is out. Update now! Done?") == ["Version 3.5 is out.", "Update now!", "Done?"]


def test_lean_import_needs_no_stanza_or_torch(packages_dir: Path) -> None:
    """Importing toneloc.translate is fast; translating via argostranslate never imports torch."""
    code = (
        "import sys, time; t = time.perf_counter(); import toneloc.translate; dt = time.perf_counter() - t; "
        "heavy = [m for m in ('ctranslate2', 'argostranslate', 'sentencepiece', 'torch') if m in sys.modules]; "
        "from toneloc.translate import ArgostranslateEngine; "
        f"h = ArgostranslateEngine({str(packages_dir)!r}).hypotheses(['Hello'], source='en', target='de', n=1); "
        "import json; print(json.dumps([dt, heavy, h[0][0].text, 'torch' in sys.modules, "
        "getattr(sys.modules['stanza'], '__file__', None)]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    dt, heavy, text, torch_loaded, stanza_file = json.loads(out.strip().splitlines()[-1])
    assert dt < 1.0
    assert heavy == []
    assert text == "Hallo"
    assert torch_loaded is False
    assert stanza_file is None
