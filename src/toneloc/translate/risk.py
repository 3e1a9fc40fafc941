"""Risk score and routing: may a machine translation go out, or must a human look first?

Every check is explicit and configurable in :class:`RiskPolicy`. A *blocking* failure
(broken placeholder, lost number, glossary violation, untranslated copy, wrong output language)
always routes to review; softer signals (low log-probability, small margin between the two best
hypotheses, odd length ratio) add to the risk score, and the string goes to review when the score
exceeds ``policy.max_risk``.

>>> policy = RiskPolicy()
>>> a = assess("Your order 1182 shipped.", "Ihre Bestellung 1182 wurde versandt.", target="de",
...            score=-0.2, second_score=-1.4, protected_ok=True, language=("de", True), policy=policy)
>>> a.decision, a.risk
('auto-accept', 0.0)
>>> b = assess("Your order 1182 shipped.", "Ihre Bestellung wurde versandt.", target="de",
...            score=-0.2, second_score=-1.4, protected_ok=True, language=("de", True), policy=policy)
>>> b.decision, b.reasons[0]
('needs-review', 'numbers changed: missing 1182')
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from toneloc.translate._types import Decision

__all__ = ["Assessment", "RiskPolicy", "assess", "numbers_of"]

_NUMBER = regex.compile(r"\d+(?:[.,\u00a0\u202f' ]\d{3})*(?:[.,]\d+)?")
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


@dataclass(frozen=True, slots=True)
class Assessment:
    """Outcome of :func:`assess`: risk in ``[0, 1]``, decision, reasons and each check's result."""

    risk: float
    decision: Decision
    reasons: tuple[str, ...]
    checks: tuple[tuple[str, bool], ...]


def numbers_of(text: str) -> Counter[str]:
    """Digit sequences of *text*, separators dropped (``1,000.50`` and ``1.000,50`` agree).

    >>> sorted(numbers_of("Pay 1,000.50 by 12/31"))
    ['100050', '12', '31']
    """
    return Counter(regex.sub(r"\D", "", m.group(0)) for m in _NUMBER.finditer(text))


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
) -> Assessment:
    """Score one machine translation.

    *plain_source*/*plain_target* are the texts without protected tokens (numbers inside a URL or a
    placeholder are checked by the placeholder check, not twice). *language* is the detected
    ``(language, reliable)`` of the output, ``None`` when the check could not run (then
    *language_note* says why).
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
        want, got = numbers_of(ps), numbers_of(pt)
        ok = not (want - got)
        checks.append(("numbers", ok))
        if not ok:
            blocking = True
            reasons.append("numbers changed: missing " + ", ".join(sorted(want - got)))

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

    if score is not None:
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
    decision: Decision = "needs-review" if blocking or risk > policy.max_risk else "auto-accept"
    if decision == "needs-review" and not blocking and risk > policy.max_risk:
        reasons.append(f"risk {risk:.2f} > {policy.max_risk}")
    return Assessment(risk, decision, tuple(reasons), tuple(checks))
