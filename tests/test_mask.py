"""Masking: every protected token is replaced, restored, and verified; a broken one is always caught."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toneloc.translate import find_protected, mask, unmask, verify

CASES = [
    ("Hello {{ user.name }}!", "jinja", "{{ user.name }}"),
    ("{% if vip %}Priority{% endif %}", "jinja", "{% if vip %}"),
    ("You have {count, plural, one {# message} other {# messages}}.", "icu",
     "{count, plural, one {# message} other {# messages}}"),
    ("Dear {name},", "field", "{name}"),
    ("Item {0} of {1}", "field", "{0}"),
    ("Hi %(first_name)s!", "printf", "%(first_name)s"),
    ("Total: %d items, %.2f EUR, %1$s", "printf", "%d"),
    ("Hello $customer", "shellvar", "$customer"),
    ("Hello ${customer}", "shellvar", "${customer}"),
    ("Click <a href=\"/x\">here</a>", "tag", "<a href=\"/x\">"),
    ("Line<br/>break &amp; more", "tag", "<br/>"),
    ("See https://help.example.com/a_b?x=1.", "url", "https://help.example.com/a_b?x=1"),
    ("Write to support_team@example.co.uk today", "email", "support_team@example.co.uk"),
    ("Ticket #A-1182 is open", "id", "#A-1182"),
    ("Order ORD-12345 shipped", "id", "ORD-12345"),
    ("Run `pip install toneloc_x` now", "code", "`pip install toneloc_x`"),
    ("See [the guide](/kb/reset_password) and [FAQ][faq_1]", "mdlink", "(/kb/reset_password)"),
    ("See [FAQ][faq_1]", "mdlink", "[faq_1]"),
    ("Keep ZQ3Z and zq 7 as written", "sentinel", "ZQ3Z"),
]


@pytest.mark.parametrize(("text", "kind", "token"), CASES)
def test_each_kind_is_protected(text: str, kind: str, token: str) -> None:
    """Each placeholder family is found as one token of the expected kind."""
    found = find_protected(text)
    assert (kind, token) in [(k, t) for k, t, _ in found]
    m = mask(text)
    assert token not in m.text
    assert unmask(m, m.text).text == text


def test_prose_percent_is_not_a_placeholder() -> None:
    """`100% sure` and `50% off` are prose, not printf directives."""
    assert find_protected("We are 100% sure: 50% off today") == []


def test_underscore_placeholder_survives_sentinel_roundtrip() -> None:
    """Sentinels contain no `_` (argostranslate's decoder turns `_` into spaces)."""
    m = mask("Hello {user_name}, see https://x.io/a_b")
    assert "_" not in m.text
    assert m.text == "Hello ZQ0Z, see ZQ1Z"


def test_unmask_tolerates_case_and_spacing_of_sentinels() -> None:
    """Decoders may lowercase a sentinel or split it with a space; it is still restored."""
    m = mask("Hi {name}, order ORD-12345")
    assert unmask(m, "Hallo zq0z, Bestellung ZQ 1 Z").text == "Hallo {name}, Bestellung ORD-12345"


@pytest.mark.parametrize(("hyp", "problem"), [
    ("Hallo, Bestellung ZQ1Z", "token 0 {name} is missing"),
    ("Hallo ZQ0Z ZQ0Z, Bestellung ZQ1Z", "token 0 {name} appears 2 times"),
    ("Hallo ZQ0Z, Bestellung ZQ1Z ZQ7Z", "unknown sentinel 'ZQ7Z' in the output"),
    ("Hallo ZQ0Z, Bestellung ZQ1", "broken sentinel"),
])
def test_unmask_reports_each_kind_of_damage(hyp: str, problem: str) -> None:
    """Missing, duplicated, invented and broken sentinels are each reported."""
    m = mask("Hi {name}, order ORD-12345")
    u = unmask(m, hyp)
    assert not u.ok
    assert any(p.startswith(problem) for p in u.problems), u.problems


def test_verify_catches_invented_placeholder() -> None:
    """A placeholder that the engine invented is as bad as one it dropped."""
    m = mask("Dear {name}")
    u = unmask(m, "Liebe ZQ0Z {extra}")
    assert not u.ok
    assert u.problems == ("unexpected {extra} in the output",)


def test_url_glued_to_a_word_is_damage() -> None:
    """A URL whose restoration merges with the next word no longer matches itself."""
    m = mask("Go to https://x.io/a now")
    assert unmask(m, "Gehe zu ZQ0Z jetzt").ok
    assert not unmask(m, "Gehe zu ZQ0Zjetzt").ok


def test_source_text_that_looks_like_a_sentinel_is_protected() -> None:
    """Literal `ZQ3Z` in the source is itself masked, so it cannot be confused with a sentinel."""
    m = mask("Code ZQ3Z please")
    assert [t.kind for t in m.tokens] == ["sentinel"]
    assert unmask(m, "Code ZQ0Z bitte").text == "Code ZQ3Z bitte"


def test_dnt_and_forced_terms() -> None:
    """Do-not-translate terms come back unchanged; forced terms come back as the target term."""
    m = mask("Open Zendesk to see your refund.", dnt_terms=["Zendesk"], forced_terms={"refund": "Rückerstattung"})
    assert m.text == "Open ZQ0Z to see your ZQ1Z."
    assert unmask(m, "Öffnen Sie ZQ0Z für Ihre ZQ1Z.").text == "Öffnen Sie Zendesk für Ihre Rückerstattung."


def test_no_token_text_with_stray_sentinel_is_rejected() -> None:
    """An output with a sentinel the source never had is not ok."""
    assert not unmask(mask("plain text"), "Klartext ZQ0Z").ok


def test_verify_is_clean_for_identical_text() -> None:
    """Restoring the masked text itself yields no problems."""
    text = "{{ a }} <b>%s</b> https://x.io a@b.io #A-1"
    assert verify(mask(text), text) == []


# -- property: a protected token never silently changes -------------------------------------------
PLACEHOLDERS = st.sampled_from([
    "{name}", "{0}", "{{ user.name }}", "{% if x %}", "%(count)d", "%s", "$var", "<b>", "</b>", "<br/>",
    "<a href=\"https://x.io/a_b\">", "https://help.example.com/t_1", "help_desk@example.com", "#A-1182",
    "ORD-12345", "{n, plural, one {# item} other {# items}}", "&amp;",
])
WORDS = st.sampled_from(["Hello", "your", "order", "has", "shipped", "please", "the", "ticket", "now", ",", ".",
                         "!", "café", "日本", "100%", "5", "x_y"])
TEXTS = st.lists(st.one_of(PLACEHOLDERS, WORDS), min_size=1, max_size=12).map(" ".join)


def _corrupt(masked_text: str, op: int, idx: int) -> str:
    """Damage a masked hypothesis the way MT engines do: drop, duplicate, reorder or mangle a sentinel."""
    import re

    sentinels = re.findall(r"ZQ\d+Z", masked_text)
    if not sentinels:
        return masked_text + (" ZQ0Z" if op == 0 else "")
    s = sentinels[idx % len(sentinels)]
    if op == 0:
        return masked_text.replace(s, "", 1)
    if op == 1:
        return masked_text.replace(s, f"{s} {s}", 1)
    if op == 2:
        return masked_text.replace(s, s.replace("Z", "", 1), 1)
    if op == 3:
        return masked_text.replace(s, s.replace("Q", " Q_"), 1)
    return masked_text  # op 4: intact


@given(TEXTS, st.integers(0, 4), st.integers(0, 20))
def test_property_protected_tokens_survive_or_are_flagged(text: str, op: int, idx: int) -> None:
    """For any text with placeholders and tags: unmask is ok only if every protected token survived."""
    from collections import Counter

    m = mask(text)
    u = unmask(m, _corrupt(m.text, op, idx))
    if u.ok:
        assert Counter(t for _, t, _ in find_protected(u.text)) == Counter(t for _, t, _ in find_protected(text))
    else:
        assert u.problems


# -- property: mask -> restore is the identity, and reordering never silently changes tokens ------
FRAGMENTS = st.sampled_from([
    "{", "}", "{{", "}}", "{%", "%}", "%", "(", ")s", "s", "d", "$", "<", ">", "/", "a", "b", "_", " ", "@", ".",
    "#", "-", "1", "42", "ZQ", "zq", "Z", "z", "q", "http://", "www.", "é", "日", "\n", "`", "]", "[", "x.io",
    "&", ";", "!", ",", "ORD-", "\u00a0", "👍", "\u202e",
])
GLUED = st.lists(FRAGMENTS, max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(GLUED, TEXTS, st.text(max_size=40)))
def test_property_mask_restore_roundtrip(text: str) -> None:
    """For any text (glued fragments, placeholders, arbitrary Unicode): unmask(mask(t), mask(t).text) == t."""
    m = mask(text)
    u = unmask(m, m.text)
    assert u.text == text
    assert u.ok, u.problems
    assert Counter(t.text for t in m.tokens) == Counter(tok for _, tok, _ in find_protected(text))


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.randoms(use_true_random=False))
def test_property_reordered_sentinels_keep_the_multiset(text: str, rng: random.Random) -> None:
    """MT reorders words: with sentinels shuffled, the result is ok only with the same token multiset."""
    m = mask(text)
    sentinels = re.findall(r"ZQ\d+Z", m.text)
    shuffled = sentinels[:]
    rng.shuffle(shuffled)
    it = iter(shuffled)
    hyp = re.sub(r"ZQ\d+Z", lambda _: next(it), m.text)
    u = unmask(m, hyp)
    want = Counter(tok for _, tok, _ in find_protected(text))
    if u.ok:
        assert Counter(tok for _, tok, _ in find_protected(u.text)) == want
    else:
        assert u.problems
    if shuffled == sentinels:
        assert u.ok
        assert u.text == text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Zendesk", "Acme Pay", "order", "café", "{name}", "now", "Zendesk's", "."]),
                min_size=1, max_size=10).map(" ".join))
def test_property_dnt_terms_roundtrip(text: str) -> None:
    """Do-not-translate terms are protected on word boundaries and restored unchanged."""
    m = mask(text, dnt_terms=["Zendesk", "Acme Pay"])
    u = unmask(m, m.text)
    assert (u.text, u.ok) == (text, True)
    assert "Zendesk" not in m.text
    assert "Acme Pay" not in m.text
