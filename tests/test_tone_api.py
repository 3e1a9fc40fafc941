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
        with pytest.raises(TonelocError, match="takes no other options"):
            rewrite("Kannst du kommen?", "de-DE", "formal", formality="formal")  # type: ignore[call-overload]


class TestAddressTerm:
    """``address=``: the term for the customer, for cultures whose rules take one (vi, ko)."""

    NOTE = "Mình đã gửi mã mới cho bạn, bạn kiểm tra giúp mình nhé."

    def test_lower_case_term_is_capitalised_only_at_a_sentence_start(self) -> None:
        assert rewrite("Bạn chờ mình một chút nhé.", "vi-VN", address="quý khách").text == (
            "Quý khách vui lòng chờ tôi một chút ạ."
        )
        assert rewrite(self.NOTE, "vi-VN", address="quý khách").text == (
            "Dạ thưa quý khách, tôi đã gửi mã mới cho quý khách, quý khách vui lòng kiểm tra giúp tôi ạ."
        )

    def test_capitalised_term_keeps_its_capital(self) -> None:
        """The respectful capital of Vietnamese business letters (the vi-VN templates' "Quý khách")."""
        assert rewrite(self.NOTE, "vi-VN", address="Quý khách").text == (
            "Dạ thưa Quý khách, tôi đã gửi mã mới cho Quý khách, Quý khách vui lòng kiểm tra giúp tôi ạ."
        )

    def test_gendered_term(self) -> None:
        assert rewrite("Bạn đã nhận được hàng chưa?", "vi-VN", address="chị").text == "Chị đã nhận được hàng chưa ạ?"

    def test_default_is_unchanged(self) -> None:
        """Without address= the rules' own term (quý vị) is used, as before."""
        assert rewrite(self.NOTE, "vi-VN").text == (
            "Dạ thưa quý vị, tôi đã gửi mã mới cho quý vị, quý vị vui lòng kiểm tra giúp tôi ạ."
        )
        assert rewrite(self.NOTE, "vi-VN", "formal") == rewrite(self.NOTE, "vi-VN").text

    def test_rules_are_built_once_per_term(self) -> None:
        from toneloc.tone import _rules_for

        a = _rules_for("vi", "quý khách", False)
        assert _rules_for("vi", "quý  khách", False) is a  # spaces normalised: one cache entry
        assert _rules_for("vi", "anh", False) is not a
        assert _rules_for("vi", "quý khách", True) is not a

    def test_a_fragment_gets_no_reply_opener(self) -> None:
        """An agent's note inside a template (which has its own salutation) is not a reply turn of
        its own: no "Dạ thưa quý khách," in the middle of the e-mail, the rest as in a reply."""
        assert rewrite(self.NOTE, "vi-VN", address="Quý khách", fragment=True).text == (
            "Tôi đã gửi mã mới cho Quý khách, Quý khách vui lòng kiểm tra giúp tôi ạ."
        )
        assert rewrite(self.NOTE, "vi-VN", fragment=True).text == (
            "Tôi đã gửi mã mới cho quý vị, quý vị vui lòng kiểm tra giúp tôi ạ."
        )

    def test_fragment_changes_nothing_where_no_rule_opens_a_reply(self) -> None:
        from toneloc.rules import get_rules
        from toneloc.tone import _rules_for

        assert _rules_for("de", None, True) is get_rules("de")
        assert rewrite("Kannst du kommen?", "de-DE", fragment=True).text == "Können Sie kommen?"

    def test_language_without_address_term_is_refused(self) -> None:
        with pytest.raises(InvalidInputError, match=r"'de' tone rules take no address term") as exc:
            rewrite("Kannst du kommen?", "de-DE", address="Sie")
        assert exc.value.hint == "address= is supported for: ko, vi"

    @pytest.mark.parametrize("bad", ["", "   ", 3])
    def test_bad_address_is_refused(self, bad: object) -> None:
        with pytest.raises(InvalidInputError, match="address must be a non-empty str"):
            rewrite("Bạn chờ nhé.", "vi-VN", address=bad)  # type: ignore[arg-type]

    def test_plain_string_protocol_takes_no_address(self) -> None:
        with pytest.raises(InvalidInputError, match="takes no other options"):
            rewrite("Bạn chờ nhé.", "vi-VN", "formal", address="quý khách")  # type: ignore[call-overload]

    def test_culture_address(self) -> None:
        """The pipeline's term: the first honorific of a culture whose rules take an address term."""
        from toneloc.tone import culture_address

        assert culture_address("vi-VN") == "Quý khách"
        assert culture_address("ko-KR") == "고객님"
        assert culture_address("de-DE") is None  # the German rules take no address term
        assert culture_address("sv-SE") is None  # no rules take one
