"""Specification of the one way in for locale arguments (`toneloc.locale`)."""

from __future__ import annotations

import babel
import pytest

from toneloc.culture import get_culture
from toneloc.errors import TonelocError, UnknownLocaleError
from toneloc.locale import fallback_chain, locale_tag, normalize_tag, parse_locale


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("de", "de"),
        ("de-AT", "de_AT"),
        ("de_AT", "de_AT"),
        ("DE-at", "de_AT"),
        ("pt-BR", "pt_BR"),
        ("pt_br", "pt_BR"),
        ("zh-Hant-TW", "zh_Hant_TW"),
        ("zh-hant-tw", "zh_Hant_TW"),
        ("es-419", "es_419"),
        ("de_DE.UTF-8", "de_DE"),
    ],
)
def test_parse_accepts_common_spellings(tag: str, expected: str) -> None:
    """Tags in BCP 47 or POSIX spelling, any case, parse to the same Babel locale."""
    assert str(parse_locale(tag)) == expected


def test_parse_passes_babel_locales_through() -> None:
    """A parsed locale is accepted as is (parse once at the boundary)."""
    loc = babel.Locale("fr", "CA")
    assert parse_locale(loc) is loc


@pytest.mark.parametrize("bad", ["", "  ", "x", "de--", "123", "de_XX", "xx-YY", "english", "de;DROP"])
def test_unknown_or_malformed_tags_raise_with_hint(bad: str) -> None:
    """Bad tags raise UnknownLocaleError, which is both a TonelocError and a LookupError."""
    with pytest.raises(UnknownLocaleError) as info:
        parse_locale(bad)
    assert isinstance(info.value, LookupError)
    assert isinstance(info.value, TonelocError)
    assert "unknown locale" in str(info.value)


def test_unknown_region_suggests_same_language() -> None:
    """`de-XX` suggests real German locales."""
    with pytest.raises(UnknownLocaleError) as info:
        parse_locale("de-XX")
    assert info.value.hint is not None
    assert "de-DE" in info.value.hint


def test_non_string_is_rejected() -> None:
    """Passing a non-string is an error, not a crash."""
    with pytest.raises(UnknownLocaleError):
        parse_locale(42)  # type: ignore[arg-type]


def test_fallback_chain_ends_with_default() -> None:
    """de-AT falls back to de, then the default."""
    assert [str(x) for x in fallback_chain("de-AT")] == ["de_AT", "de", "en"]
    assert [str(x) for x in fallback_chain("de-AT", default="fr")] == ["de_AT", "de", "fr"]
    assert [str(x) for x in fallback_chain("de-AT", default=None)] == ["de_AT", "de"]


def test_fallback_chain_uses_cldr_parent_locales() -> None:
    """es-MX inherits from es-419 (Latin American Spanish) before es, as CLDR says."""
    assert [str(x) for x in fallback_chain("es-MX")] == ["es_MX", "es_419", "es", "en"]


def test_locale_tag_and_normalize() -> None:
    """BCP 47 output spelling."""
    assert locale_tag("pt_BR") == "pt-BR"
    assert locale_tag(parse_locale("zh-hant-tw")) == "zh-Hant-TW"
    assert normalize_tag(" sr-latn-rs ") == "sr_Latn_RS"


def test_script_aliases_resolve_through_likely_subtags() -> None:
    """CLDR lists ``zh_Hans_CN``, not ``zh_CN``; the short tag a user types still works."""
    assert str(parse_locale("zh-CN")) == "zh_Hans_CN"
    assert str(parse_locale("zh_tw")) == "zh_Hant_TW"
    assert get_culture("zh-CN").currency == "CNY"


def test_unknown_locale_is_named_as_the_caller_wrote_it() -> None:
    """The error shows 'xx-QQ' (what the user typed), not the normalised 'xx_QQ'."""
    with pytest.raises(UnknownLocaleError, match="unknown locale 'xx-QQ': not in CLDR") as info:
        parse_locale(" xx-QQ")
    assert info.value.identifier == "xx-QQ"
