"""Risk components one by one, configurable thresholds, the review store as memory, threads."""

from __future__ import annotations

import concurrent.futures as cf
from collections.abc import Sequence
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mt_fixtures import fixtures as _mt
from toneloc.translate import ArgosEngine, Hypothesis, RiskPolicy, SafeTranslator

pytestmark = pytest.mark.mt
for _mod in ("ctranslate2", "sentencepiece", "onnxruntime", "minisbd"):  # the `mt` extra
    pytest.importorskip(_mod)

tiny_archive = _mt.tiny_archive
unsure_archive = _mt.unsure_archive
packages_dir = _mt.packages_dir
engine = _mt.engine


class Scripted:
    """Fixed n-best outputs per masked input."""

    name = "scripted"

    def __init__(self, outputs: dict[str, list[Hypothesis]]) -> None:
        self.outputs = outputs

    def supports(self, source: str, target: str) -> bool:
        return True

    def model_version(self, source: str, target: str) -> str:
        return "scripted-1"

    def hypotheses(self, texts: Sequence[str], *, source: str, target: str, n: int = 4) -> list[list[Hypothesis]]:
        return [self.outputs[t][:n] for t in texts]


SRC = "Your parcel was handed to the courier this morning and should arrive soon."


def test_wrong_output_language_is_caught_by_toneloc_detect() -> None:
    """An engine that answers in French for a German target is blocked by the language check."""
    pytest.importorskip("toneloc.detect")
    eng = Scripted({SRC: [Hypothesis("Votre colis a été remis au transporteur ce matin et devrait arriver "
                                     "bientôt.", -0.1)]})
    t = SafeTranslator(eng).translate(SRC, locale="de")
    assert t.decision == "needs-review"
    assert "output language is fr, expected de" in t.reasons
    assert dict(t.checks)["language"] is False
    good = Scripted({SRC: [Hypothesis("Ihr Paket wurde heute Morgen dem Kurier übergeben und sollte bald "
                                      "ankommen.", -0.1)]})
    ok = SafeTranslator(good).translate(SRC, locale="de")
    assert (ok.decision, dict(ok.checks)["language"]) == ("auto-accept", True)


def test_each_soft_signal_and_thresholds_are_configurable() -> None:
    """Log-prob, margin and length ratio add risk; the same output flips with the policy's thresholds."""
    hyps = [Hypothesis("Ihr Paket kommt.", -0.9), Hypothesis("Ihr Paket ist da.", -0.92)]
    eng = Scripted({SRC: hyps})
    default = SafeTranslator(eng, detect_language=False).translate(SRC, locale="de")
    checks = dict(default.checks)
    assert (checks["logprob"], checks["margin"], checks["length"]) == (True, False, False)
    assert default.reasons == ("language check disabled",
                               "ambiguous: best two hypotheses differ by 0.020 < 0.05",
                               "length ratio 0.22 outside [0.4, 2.5]",
                               "risk 0.58 > 0.5")
    assert (default.risk, default.decision) == (0.58, "needs-review")
    lenient = RiskPolicy(min_margin=0.01, length_ratio=(0.2, 3.0))
    t = SafeTranslator(eng, policy=lenient, detect_language=False).translate(SRC, locale="de")
    assert (t.risk, t.decision) == (0.0, "auto-accept")
    strict = RiskPolicy(min_logprob=-0.5, min_margin=0.01, length_ratio=(0.2, 3.0), max_risk=0.2)
    t2 = SafeTranslator(eng, policy=strict, detect_language=False).translate(SRC, locale="de")
    assert t2.decision == "needs-review"
    assert "low model confidence: log-prob -0.90 < -0.50" in t2.reasons


def test_review_store_is_a_translation_memory() -> None:
    """Approved review items are exact/fuzzy TM hits before MT, with the item recorded as provenance."""
    from toneloc.review import ReviewMemory, open_store

    store = open_store(":memory:")
    tm = ReviewMemory(store, who="import")
    tm.add("Your parcel is on its way.", "Ihr Paket ist unterwegs.", "de")
    eng = Scripted({"Thanks!": [Hypothesis("Danke!", -0.1)]})
    tr = SafeTranslator(eng, memory=tm, detect_language=False)
    exact, fuzzy, machine = tr.translate_batch(["Your parcel is on its way.", "Your parcel is on its way!",
                                                "Thanks!"], locale="de")
    assert (exact.origin, exact.score, exact.decision) == ("memory", 1.0, "auto-accept")
    assert exact.reasons[0].startswith("translation memory exact match 1.00 (review item ")
    assert (fuzzy.origin, fuzzy.text, fuzzy.decision) == ("memory", "Ihr Paket ist unterwegs.", "needs-review")
    assert fuzzy.score is not None
    assert 0.9 < fuzzy.score < 1.0
    assert machine.origin == "machine"
    lenient = SafeTranslator(eng, memory=tm, policy=RiskPolicy(accept_memory_at=0.9), detect_language=False)
    assert lenient.translate("Your parcel is on its way!", locale="de").decision == "auto-accept"


def test_batches_from_several_threads_agree(engine: ArgosEngine) -> None:
    """One engine shared by threads (as a web service does) gives the same results as serial calls."""
    texts = ["Hello, your order has shipped.", "Please reset your password.", "Thank you for contacting support."]
    tr = SafeTranslator(engine)
    serial = [t.text for t in tr.translate_batch(texts, locale="de")]
    with cf.ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(tr.translate_batch, texts, locale="de") for _ in range(8)]
        for f in futures:
            assert [t.text for t in f.result()] == serial
    assert serial[0] == "Hallo, Ihre Bestellung wurde versandt."


def test_engine_threads_and_batch_options(packages_dir: object) -> None:
    """Thread and batch settings reach CTranslate2; n-best never exceeds the beam."""
    eng = ArgosEngine(packages_dir, intra_threads=1, inter_threads=2, max_batch_size=7, beam_size=3)  # type: ignore[arg-type]
    opts = eng.translate_options(5)
    assert (opts["max_batch_size"], opts["beam_size"], opts["num_hypotheses"]) == (7, 5, 5)
    loaded = eng.load("en", "de")
    assert loaded.translator.num_translators == 2
    hyps = eng.hypotheses(["Hello your order."], source="en", target="de", n=5)
    assert len(hyps[0]) == 3
    assert hyps[0][0].text == "Hallo Ihre Bestellung."


UNSCORED_SRC = "Kind regards, the support team"


def test_unscored_output_waits_for_review_whatever_max_risk() -> None:
    """An engine without scores is not "confident": review by default, even with max_risk=1.0."""
    eng = Scripted({UNSCORED_SRC: [Hypothesis("Mit freundlichen Grüßen, Ihr Support-Team", None)]})
    for max_risk in (0.0, 0.5, 1.0):
        t = SafeTranslator(eng, policy=RiskPolicy(max_risk=max_risk), detect_language=False).translate(
            UNSCORED_SRC, locale="de")
        assert (t.decision, t.risk) == ("needs-review", 0.6)
        assert t.reasons[1] == ("unscored: the engine gives no confidence score, so a reviewer confirms the "
                                "output (RiskPolicy(unscored='accept') trusts the other checks)")
        assert dict(t.checks)["scored"] is False
    opt_in = SafeTranslator(eng, policy=RiskPolicy(unscored="accept"), detect_language=False).translate(
        UNSCORED_SRC, locale="de")
    assert (opt_in.decision, opt_in.risk, opt_in.reasons) == ("auto-accept", 0.0, ("language check disabled",))
    assert "scored" not in dict(opt_in.checks)  # accepted, so no failed check (and no `unscored` review code)
    # A scored engine with the same output is unaffected by the new field.
    scored = Scripted({UNSCORED_SRC: [Hypothesis("Mit freundlichen Grüßen, Ihr Support-Team", -0.2)]})
    assert SafeTranslator(scored, detect_language=False).translate(UNSCORED_SRC, locale="de").decision == "auto-accept"


def test_unscored_setting_is_validated() -> None:
    """A typo in the policy is a toneloc error naming the allowed values, not a silent default."""
    from toneloc.errors import InvalidInputError

    with pytest.raises(InvalidInputError, match=r"RiskPolicy\.unscored must be 'review' or 'accept', got 'yes'"):
        RiskPolicy(unscored="yes")  # type: ignore[arg-type]


@pytest.mark.parametrize(("target", "locale", "missing"), [
    ("Summe: 1.234,50 EUR, Bestellung 1182", "de-DE", ()),            # de separators: same value
    ("Summe: 1,234.50 EUR, Bestellung 1182", "de-DE", ()),            # copied verbatim: unambiguous
    ("Summe: 1.234.50 EUR, Bestellung 1182", "de-DE", ("1,234.50",)),  # mangled: valid nowhere
    ("Summe: 1.234,05 EUR, Bestellung 1182", "de-DE", ("1,234.50",)),  # same digits, other value
    ("Total : 1\u202f234,50 EUR, commande 1182", "fr-FR", ()),         # narrow no-break space groups
    ("Total : 1 234,50 EUR, commande 1182", "fr-FR", ()),              # plain space written instead
    ("Summe: 1'234.50 EUR, Bestellung 1182", "de-CH", ()),             # Swiss apostrophe groups
    ("Summe: 1.234,50 EUR, Bestellung 1182", "de-CH", ("1,234.50",)),  # not a Swiss number
])
def test_numbers_are_compared_by_value_under_each_locale(target: str, locale: str, missing: tuple[str, ...]) -> None:
    """The numbers check reads the source with en separators and the output with the target's."""
    src = "Total: 1,234.50 EUR, order 1182"
    eng = Scripted({src: [Hypothesis(target, -0.1)]})
    t = SafeTranslator(eng, detect_language=False).translate(src, locale=locale)
    assert dict(t.checks)["numbers"] is (not missing)
    if missing:
        assert t.decision == "needs-review"
        assert "numbers changed: missing " + ", ".join(missing) in t.reasons
    else:
        assert t.decision == "auto-accept"


def test_a_thousands_group_misread_as_decimals_is_caught() -> None:
    """"1,500" left as is reads as one and a half to a German customer; "1.500" is right."""
    from toneloc.translate.risk import missing_numbers

    assert missing_numbers("Only 1,500 left", "Nur noch 1,500 übrig", target_locale="de") == ["1,500"]
    assert missing_numbers("Only 1,500 left", "Nur noch 1.500 übrig", target_locale="de") == []
    assert missing_numbers("Pay 0.5 now", "Zahlen Sie jetzt 0,5", target_locale="de") == []
    assert missing_numbers("Room 12 and 12", "Zimmer 12", target_locale="de") == ["12"]


_NUMBER_LOCALES = ("en", "de-DE", "de-CH", "fr-FR", "fr-CA", "pt-BR", "pt-PT", "es-ES", "es-MX", "sv-SE", "ru-RU",
                   "hi-IN", "ja-JP", "vi-VN", "pl-PL", "ar-SA", "id-ID", "lv-LV")
_AMOUNTS = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=150, deadline=None)
@given(_AMOUNTS, st.sampled_from(_NUMBER_LOCALES), st.sampled_from(_NUMBER_LOCALES))
def test_a_number_written_the_cldr_way_on_each_side_always_matches(value: Decimal, source: str, target: str) -> None:
    """Any amount formatted by CLDR for the source and for the target locale is the same number."""
    from babel.numbers import format_decimal

    from toneloc.translate.risk import missing_numbers

    src = format_decimal(value, locale=source.replace("-", "_"))
    tgt = format_decimal(value, locale=target.replace("-", "_"))
    assert missing_numbers(f"Total {src} due", f"Summe {tgt} fällig", source_locale=source,
                           target_locale=target) == []


@settings(max_examples=100, deadline=None)
@given(st.decimals(min_value=1000, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
       .filter(lambda v: v % 1 != 0), st.sampled_from(_NUMBER_LOCALES))
def test_one_separator_for_both_roles_is_always_caught(value: Decimal, target: str) -> None:
    """`1,234.50` written `1.234.50` (grouping and decimals with one symbol) is valid nowhere: missing."""
    from babel.numbers import format_decimal

    from toneloc.translate.risk import missing_numbers

    src = format_decimal(value, locale="en", decimal_quantization=False)
    mangled = src.replace(",", ".")
    assert missing_numbers(f"Total {src}", f"Summe {mangled}", target_locale=target) == [src]
