"""The two calling conventions of :func:`toneloc.tone.rewrite`.

Keywords give a :class:`~toneloc.tone.RewriteResult`; a third positional argument gives a plain
``str`` (the ``rewrite(text, locale, target) -> str`` protocol of formality evaluation scripts).
"""

from __future__ import annotations

import pytest

from toneloc.errors import InvalidInputError, TonelocError
from toneloc.tone import RewriteResult, rewrite


class TestPlainStringProtocol:
    def test_third_argument_returns_the_text_as_str(self) -> None:
        out = rewrite("Kannst du mir die Rechnung schicken?", "de-DE", "formal")
        assert type(out) is str
        assert out == "Können Sie mir die Rechnung schicken?"

    def test_same_text_as_the_keyword_form(self) -> None:
        for text, loc in [
            ("Peux-tu vérifier ton adresse ?", "fr-FR"),
            ("¿Puedes enviarme tu número de pedido?", "es-ES"),
            ("Heb je je wachtwoord al gewijzigd?", "nl-NL"),
        ]:
            assert rewrite(text, loc, "formal") == rewrite(text, loc, formality="formal").text

    def test_informal_target_leaves_informal_text_alone(self) -> None:
        assert rewrite("Kannst du kommen?", "de-DE", "informal") == "Kannst du kommen?"

    def test_keyword_form_still_returns_a_result(self) -> None:
        r = rewrite("Kannst du kommen?", "de-DE", formality="formal")
        assert isinstance(r, RewriteResult)
        assert r.text == "Können Sie kommen?"
        assert r.edits

    def test_unknown_target_is_a_toneloc_error(self) -> None:
        with pytest.raises(InvalidInputError, match="'polite'"):
            rewrite("Kannst du kommen?", "de-DE", "polite")  # type: ignore[call-overload]

    def test_target_and_keywords_together_are_refused(self) -> None:
        with pytest.raises(TonelocError, match="either as the third argument or as formality="):
            rewrite("Kannst du kommen?", "de-DE", "formal", formality="formal")  # type: ignore[call-overload]
