"""Package index installs, bad inputs, long texts, glossary inflection and review routing."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest

from mt_fixtures import fixtures as _mt
from toneloc.cli import main
from toneloc.errors import (
    CatalogError,
    ConfigError,
    InvalidInputError,
    ModelNotFoundError,
    ModelPackageError,
    TranslationError,
)
from toneloc.translate import (
    ArgosEngine,
    Glossary,
    Hypothesis,
    SafeTranslator,
    available_packages,
    install_from_index,
    list_packages,
    load_glossary,
    route_to_review,
    to_review_item,
    translate_catalog,
    validate_archive,
)

pytestmark = pytest.mark.mt
for _mod in ("ctranslate2", "sentencepiece", "onnxruntime", "minisbd"):  # the `mt` extra
    pytest.importorskip(_mod)

tiny_archive = _mt.tiny_archive
unsure_archive = _mt.unsure_archive
packages_dir = _mt.packages_dir
engine = _mt.engine


def _index(tmp_path: Path, archive: Path, *, version: str = "1.0", links: list[str] | None = None) -> Path:
    """An Argos package index (the JSON argostranslate reads) with one en->de entry."""
    entry = {"package_version": version, "argos_version": "1.9", "from_code": "en", "to_code": "de",
             "from_name": "English", "to_name": "German", "type": "translate",
             "links": links if links is not None else [archive.resolve().as_uri()]}
    old = dict(entry, package_version="0.9", links=["file:///nonexistent/old.argosmodel"])
    path = tmp_path / "index.json"
    path.write_text(json.dumps([old, entry, {"type": "sbd", "from_code": "en", "to_code": "en"}]), encoding="utf-8")
    return path


# -- package index (argostranslate's format, served from file:// as it would be over https) ------
def test_install_from_a_local_index(tiny_archive: Path, tmp_path: Path) -> None:
    """The newest entry for the pair is picked and installed through the normal validated path."""
    index = _index(tmp_path, tiny_archive)
    rows = available_packages(index=index.as_uri())
    assert [(r["from"], r["to"], r["version"]) for r in rows] == [("en", "de", "0.9"), ("en", "de", "1.0")]
    pkg = install_from_index("en", "de-CH", packages_dir=tmp_path / "pk", index=index)
    assert (pkg.source, pkg.target, pkg.version, pkg.ok) == ("en", "de", "1.0", True)
    out = ArgosEngine(tmp_path / "pk", intra_threads=1).hypotheses(["Hello."], source="en", target="de", n=1)
    assert out[0][0].text == "Hallo."


def test_index_errors_are_explained(tiny_archive: Path, tmp_path: Path) -> None:
    """Missing index, bad JSON, unknown pair, dead links and a corrupt download each say what to do."""
    with pytest.raises(TranslationError, match="cannot fetch the package index") as exc:
        available_packages(index=tmp_path / "missing.json")
    assert exc.value.hint is not None
    assert "toneloc models install PATH.argosmodel" in exc.value.hint
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(TranslationError, match="not valid JSON"):
        available_packages(index=bad)
    index = _index(tmp_path, tiny_archive)
    with pytest.raises(ModelNotFoundError, match=r"no package en -> ja \(it has: en->de\)"):
        install_from_index("en", "ja", packages_dir=tmp_path / "pk", index=index)
    dead = _index(tmp_path, tiny_archive, links=["file:///nonexistent/x.argosmodel"])
    with pytest.raises(TranslationError, match=r"download failed for en->de 1\.0: file:///nonexistent"):
        install_from_index("en", "de", packages_dir=tmp_path / "pk", index=dead)
    junk = tmp_path / "junk.argosmodel"
    junk.write_bytes(b"PK\x03\x04 truncated")
    corrupt = _index(tmp_path, tiny_archive, links=[str(junk)])
    with pytest.raises(ModelPackageError, match="not a zip archive"):
        install_from_index("en", "de", packages_dir=tmp_path / "pk", index=corrupt)


def test_cli_install_from_index(tiny_archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`toneloc models list --available --index` and `install --from --to --index` work offline."""
    index = _index(tmp_path, tiny_archive)
    assert main(["models", "list", "--available", "--index", str(index)]) == 0
    assert capsys.readouterr().out.splitlines() == ["en->de  0.9", "en->de  1.0"]
    models = tmp_path / "m"
    assert main(["models", "--model-dir", str(models), "install", "--from", "en", "--to", "de",
                 "--index", index.as_uri()]) == 0
    assert "installed en->de 1.0" in capsys.readouterr().out
    assert [p.name for p in list_packages(models)] == ["translate-en_de-1_0"]


# -- corrupt packages -----------------------------------------------------------------------------
def test_crc_error_and_corrupt_model_are_named(tiny_archive: Path, tmp_path: Path) -> None:
    """A flipped byte in a member fails validation; a garbage model.bin fails at load, naming the package."""
    data = bytearray(tiny_archive.read_bytes())
    with zipfile.ZipFile(tiny_archive) as zf:
        info = zf.getinfo(next(n for n in zf.namelist() if n.endswith("metadata.json")))
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 2] ^= 0xFF
    flipped = tmp_path / "flipped.argosmodel"
    flipped.write_bytes(bytes(data))
    with pytest.raises(ModelPackageError, match="CRC mismatch") as exc:
        validate_archive(flipped)
    assert exc.value.where == str(flipped)
    root = tmp_path / "pk"
    root.mkdir()
    with zipfile.ZipFile(tiny_archive) as zf:
        zf.extractall(root)
    (pkg_dir,) = list(root.iterdir())
    (pkg_dir / "model" / "model.bin").write_bytes(b"garbage")
    with pytest.raises(ModelPackageError, match="cannot load the model") as exc2:
        ArgosEngine(root, intra_threads=1).hypotheses(["Hello."], source="en", target="de")
    assert exc2.value.hint is not None
    assert "remove and reinstall" in exc2.value.hint


# -- bad text input ---------------------------------------------------------------------------------
def test_bad_text_input_is_rejected_with_position(engine: ArgosEngine) -> None:
    """bytes, lone surrogates (undecodable input), NUL and over-long strings raise InvalidInputError."""
    tr = SafeTranslator(engine, max_chars=1000)
    with pytest.raises(InvalidInputError, match=r"texts\[1\] must be str, got bytes") as exc:
        tr.translate_batch(["ok", b"Hello"], locale="de")  # type: ignore[list-item]
    assert exc.value.hint == "decode bytes first: data.decode('utf-8')"
    broken = b"Hello \xff order".decode("utf-8", errors="surrogateescape")
    with pytest.raises(InvalidInputError, match=r"texts\[0\] is not valid Unicode: surrogates not allowed at "
                                                r"character 6"):
        tr.translate(broken, locale="de")
    with pytest.raises(InvalidInputError, match="NUL character at 5"):
        tr.translate("Hello\x00", locale="de")
    with pytest.raises(InvalidInputError, match="1,001 characters, more than max_chars=1,000"):
        tr.translate("x" * 1001, locale="de")
    with pytest.raises(InvalidInputError, match="n_best must be >= 1"):
        SafeTranslator(engine, n_best=0)
    with pytest.raises(TranslationError, match="source and target language are both 'de'"):
        SafeTranslator(engine).translate("Hallo", locale="de-AT", source="de")


def test_long_sentence_is_chunked_not_truncated(engine: ArgosEngine) -> None:
    """A 600-word 'sentence' (longer than the model's 256 positions) comes back whole."""
    text = " ".join(["Hello your order"] * 200)
    (hyps,) = engine.hypotheses([text], source="en", target="de", n=1)
    assert hyps[0].text == " ".join(["Hallo Ihre Bestellung"] * 200)


def test_invalid_utf8_files_name_file_and_line(engine: ArgosEngine, tmp_path: Path) -> None:
    """A catalog or glossary with invalid UTF-8 fails with file:line; a missing catalog is named."""
    pot = tmp_path / "bad.pot"
    pot.write_bytes(b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    b'msgid "ok"\nmsgstr ""\n\nmsgid "bad \xff here"\nmsgstr ""\n')
    with pytest.raises(CatalogError, match="invalid utf-8 in the catalog") as exc:
        translate_catalog(pot, ["de"], translator=SafeTranslator(engine), out_dir=tmp_path)
    assert exc.value.where == f"{pot}:8"
    with pytest.raises(CatalogError, match="catalog not found"):
        translate_catalog(tmp_path / "nope.pot", ["de"], translator=SafeTranslator(engine))
    gl = tmp_path / "g.csv"
    gl.write_bytes(b"source,de\nrefund,R\xfcckerstattung\n")
    with pytest.raises(ConfigError, match=r"invalid UTF-8 \(byte 0xfc") as exc2:
        load_glossary(gl)
    assert exc2.value.where == f"{gl}:2"


# -- glossary inflection --------------------------------------------------------------------------
def test_glossary_inflection_source_and_target() -> None:
    """Plural sources get the plural target; checks accept inflected target forms, not other words."""
    g = Glossary.from_dict({"source": "en", "term": [
        {"source": "refund", "de": ["Rückerstattung", "Rückerstattungen"], "fr": "remboursement"},
        {"source": "policy", "forms": ["T&C"], "de": "Richtlinie"}]})
    assert g.mask_terms("de") == {
        "refund": "Rückerstattung", "refund's": "Rückerstattung", "refunds": "Rückerstattungen",
        "refunds'": "Rückerstattungen", "policy": "Richtlinie", "policy's": "Richtlinie", "t&c": "Richtlinie",
        "policies": "Richtlinie", "policies'": "Richtlinie"}
    assert g.check("Two refunds", "Deux remboursements", locale="fr-CA") == []
    assert g.check("Both policies", "Beide Richtlinien", locale="de") == []
    assert g.check("The refund", "Die Erstattung", locale="de") == [
        'glossary: "refund" must be translated as "Rückerstattung"']
    assert g.hits("See our policies and refunds", locale="de") == ["refund", "policy"]


def test_glossary_plural_forced_term_through_mt() -> None:
    """A plural source term is masked and restored as the plural target term."""
    g = Glossary.from_dict({"source": "en", "term": [{"source": "refund", "de": ["Rückerstattung",
                                                                                 "Rückerstattungen"]}]})
    eng = _Scripted({"Your ZQ0Z are ready.": "Ihre ZQ0Z sind bereit."})
    t = SafeTranslator(eng, glossary=g, detect_language=False).translate("Your refunds are ready.", locale="de")
    assert t.text == "Ihre Rückerstattungen sind bereit."
    assert t.decision == "auto-accept"
    assert "glossary terms applied: refund" in t.reasons


# -- review routing -------------------------------------------------------------------------------
class _Scripted:
    name = "scripted"

    def __init__(self, outputs: dict[str, str]) -> None:
        self.outputs = outputs

    def supports(self, source: str, target: str) -> bool:
        return True

    def model_version(self, source: str, target: str) -> str:
        return "scripted-1"

    def hypotheses(self, texts: Sequence[str], *, source: str, target: str, n: int = 4) -> list[list[Hypothesis]]:
        return [[Hypothesis(self.outputs[t], -0.2)] for t in texts]


def test_route_to_review_keeps_reasons_and_provenance() -> None:
    """Only needs-review translations are queued, with candidate provenance, checks and reasons."""
    from toneloc.review import ItemKey, open_store

    eng = _Scripted({"Refund of 25 EUR.": "Erstattung von EUR.", "Thanks ZQ0Z.": "Danke ZQ0Z."})
    results = SafeTranslator(eng, detect_language=False).translate_batch(
        ["Refund of 25 EUR.", "Thanks {name}."], locale="de")
    assert [t.decision for t in results] == ["needs-review", "auto-accept"]
    store = open_store(":memory:")
    ids = route_to_review(store, results, keys=[ItemKey.kb("refunds.md", "s1"), ItemKey.kb("refunds.md", "s2")])
    assert len(ids) == 1
    item = store.get(ids[0])
    assert (item.source, item.locale) == ("Refund of 25 EUR.", "de")
    assert "numbers changed: missing 25" in item.reasons  # the store may put a reason code ("number") first
    cand = item.candidate
    assert cand is not None
    assert cand.provenance() == "engine=scripted model=scripted-1 score=-0.2"
    assert cand.checks["numbers"] == "failed"
    assert cand.checks["placeholders"] == "ok"
    assert route_to_review(store, results, only_needing_review=False, who="t") != []
    with pytest.raises(InvalidInputError, match="1 keys for 2 translations"):
        route_to_review(store, results, keys=[ItemKey.message("x")])
    with pytest.raises(InvalidInputError, match="expected a Translation"):
        to_review_item("text")  # type: ignore[arg-type]

