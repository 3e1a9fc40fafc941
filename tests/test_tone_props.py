"""Property tests for :func:`toneloc.tone.rewrite` over every culture in :data:`toneloc.rules.RULES`.

Examples stay small so the whole file runs in a few seconds; the 1 MB case is a single example.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toneloc.errors import InvalidInputError
from toneloc.rules import RULES
from toneloc.tone import check_register, rewrite

LOCALES = {
    "de": "de-DE", "en": "en-US", "es": "es-ES", "fr": "fr-FR", "it": "it-IT", "nl": "nl-NL",
    "pt": "pt-PT", "sv": "sv-SE", "hi": "hi-IN", "id": "id-ID", "ja": "ja-JP", "ko": "ko-KR",
    "lv": "lv-LV", "ru": "ru-RU", "vi": "vi-VN",
}
CULTURES = [LOCALES.get(lang, lang) for lang in RULES]

# informal sentences that the rules do rewrite, one per core culture, used as "carriers"
CARRIER = {
    "de-DE": "Kannst du mir die Nummer schicken?",
    "fr-FR": "Peux-tu m'envoyer ton numéro ?",
    "es-ES": "¿Puedes enviarme tu número?",
    "it-IT": "Puoi inviarmi il tuo numero?",
    "nl-NL": "Kun je je nummer sturen?",
    "pt-PT": "Podes enviar o teu número?",
    "en-US": "Hey, we're gonna fix it.",
}
PLACEHOLDERS = ["{name}", "{{ order_id }}", "%(count)d", "%s", "https://example.com/du/tu?x=1", "`du tu je`"]

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_every_registered_culture_is_covered() -> None:
    """A culture added to RULES without a locale here would silently skip the smoke tests."""
    assert set(RULES) <= set(LOCALES)


@FAST
@given(text=st.text(max_size=80), culture=st.sampled_from(CULTURES),
       formality=st.sampled_from(["formal", "informal"]), directness=st.sampled_from([None, "direct", "indirect"]))
def test_never_crashes_on_arbitrary_unicode(text: str, culture: str, formality: str, directness: str | None) -> None:
    """Any Unicode (controls, surrogates excluded by str, RTL, emoji) gives a str back, edits consistent."""
    res = rewrite(text, culture, formality=formality, directness=directness)  # type: ignore[arg-type]
    assert isinstance(res.text, str)
    assert res.source == text
    for e in res.edits:
        assert 0 <= e.start <= e.end <= len(text)


@FAST
@given(culture=st.sampled_from(sorted(CARRIER)), noise=st.text(alphabet=" .,!?0123456789éß😀\u200f", max_size=12))
def test_idempotent(culture: str, noise: str) -> None:
    """Rewriting a rewritten text changes nothing."""
    once = rewrite(CARRIER[culture] + noise, culture, formality="formal").text
    assert rewrite(once, culture, formality="formal").text == once


@FAST
@given(culture=st.sampled_from(sorted(CARRIER)), ph=st.sampled_from(PLACEHOLDERS),
       number=st.integers(min_value=0, max_value=10**9),
       directness=st.sampled_from([None, "direct", "indirect"]))
def test_placeholders_urls_numbers_preserved(culture: str, ph: str, number: int, directness: str | None) -> None:
    """Placeholders, URLs, code and numbers survive formality and directness passes verbatim."""
    text = f"{CARRIER[culture]} {ph} {number}"
    out = rewrite(text, culture, formality="formal", directness=directness).text  # type: ignore[arg-type]
    assert ph in out
    assert str(number) in out
    assert out.count(ph) == text.count(ph)


NEGATIONS = {
    "de-DE": ("Du kannst das nicht ändern.", "nicht"),
    "fr-FR": ("Tu ne peux pas changer ça.", "pas"),
    "es-ES": ("No puedes cambiar eso.", "No"),
    "it-IT": ("Non puoi cambiarlo.", "Non"),
    "nl-NL": ("Je kunt dat niet wijzigen.", "niet"),
    "pt-PT": ("Não podes mudar isso.", "Não"),
    "en-US": ("You can't change that, we won't refund it.", "not"),
}


@pytest.mark.parametrize("culture", sorted(NEGATIONS))
@pytest.mark.parametrize("directness", [None, "direct", "indirect"])
def test_negation_kept(culture: str, directness: str | None) -> None:
    """No pass drops a negation (en contractions may expand: can't -> cannot)."""
    text, neg = NEGATIONS[culture]
    out = rewrite(text, culture, formality="formal", directness=directness).text  # type: ignore[arg-type]
    assert neg.lower() in out.lower() or "n't" in out, out


@pytest.mark.parametrize("culture", CULTURES)
@pytest.mark.parametrize("text", ["", " ", "😀🙏", "مرحبا بك", "שלום", "Hello 你好 Привет", "\u200b\u200d", "\t\n"])
def test_awkward_input_every_culture(culture: str, text: str) -> None:
    """Empty, emoji, RTL, mixed scripts, zero-width: unchanged, no crash, checker silent."""
    assert rewrite(text, culture, formality="formal").text == text
    assert rewrite(text, culture, formality="informal").text == text
    assert check_register(text, locale=culture) == ()


@pytest.mark.parametrize("culture", CULTURES)
def test_one_megabyte_mixed_scripts(culture: str) -> None:
    """A 1 MB reply of mixed scripts comes back whole (same length: nothing to rewrite)."""
    unit = "Order 123 😀 مرحبا 你好 {name} https://example.com/x\n"
    big = unit * (1_000_000 // len(unit) + 1)
    assert rewrite(big, culture, formality="formal").text == big


def test_bad_input_is_a_toneloc_error() -> None:
    with pytest.raises(InvalidInputError):
        rewrite(b"bytes", "de-DE")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        rewrite("x", "de-DE", formality="polite")  # type: ignore[arg-type]


def test_check_register_mixed_and_expected_positions() -> None:
    """The linter's checker: mixed du/Sie reports both with offsets; expected=formal only the du."""
    text = "Können Sie mir helfen? Du kannst auch anrufen."
    mixed = check_register(text, locale="de-DE")
    assert [(h.start, h.end, h.text, h.register) for h in mixed] == [
        (7, 10, "Sie", "formal"), (23, 25, "Du", "informal")]
    wrong = check_register(text, locale="de-DE", expected="formal")
    assert [(h.start, h.text, h.rule_id) for h in wrong] == [(23, "Du", "de.register.du")]
    assert check_register("Können Sie mir helfen?", locale="de-DE", expected="formal") == ()
    assert check_register("Sie kommt morgen, sagt sie.", locale="de-DE", expected="informal") == ()
