"""Masking personal data in review items for reviewers without the right to see it.

E-mail addresses, phone numbers, payment card numbers (Luhn-checked) and IBANs (ISO 13616 mod-97
checked) become numbered tokens such as ``[EMAIL-1]``. The mapping lets a reviewer's edit of masked text
be restored before it is saved, so a mask never ends up in an approved translation.

>>> masked, mapping = mask_text("Card 4111 1111 1111 1111, mail ana@example.org, IBAN DE89 3704 0044 0532 0130 00")
>>> masked
'Card [CARD-1], mail [EMAIL-1], IBAN [IBAN-1]'
>>> unmask(masked, mapping) == "Card 4111 1111 1111 1111, mail ana@example.org, IBAN DE89 3704 0044 0532 0130 00"
True
>>> mask_text("order 4111 1111 1111 1112")[0]   # fails the Luhn check: an order number, kept
'order 4111 1111 1111 1112'
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from toneloc.review._model import Hypothesis, ReviewItem

__all__ = ["PERSONAL_DATA_RIGHT", "iban_ok", "luhn_ok", "mask_item", "mask_text", "unmask"]

PERSONAL_DATA_RIGHT = "personal-data"
"""The right a reviewer needs to see unmasked personal data (see ``ReviewStore.grant``)."""

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b")
_CARD = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
# A phone number starts like one: international (+49, 0049), national trunk prefix (030) or an area code in
# parentheses; bare digit runs (order and ticket numbers) are not phone numbers.
_PHONE = re.compile(r"(?<![\w+(])(?:\+\d|0\d|\(\d)[\d ()./-]{5,}\d(?!\w)")


def luhn_ok(digits: str) -> bool:
    """The Luhn checksum of a card number (non-digits ignored).

    >>> luhn_ok("4111 1111 1111 1111"), luhn_ok("4111 1111 1111 1112")
    (True, False)
    """
    nums = [int(c) for c in digits if c.isdigit()]
    if len(nums) < 12:
        return False
    total = 0
    for i, d in enumerate(reversed(nums)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def iban_ok(text: str) -> bool:
    """The ISO 13616 mod-97 check of an IBAN (spaces ignored).

    >>> iban_ok("DE89 3704 0044 0532 0130 00"), iban_ok("DE88 3704 0044 0532 0130 00")
    (True, False)
    """
    s = text.replace(" ", "").upper()
    if not (15 <= len(s) <= 34) or not s[:2].isalpha() or not s[2:4].isdigit() or not s.isalnum():
        return False
    rearranged = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def _phone_ok(match: str) -> bool:
    digits = sum(c.isdigit() for c in match)
    return 7 <= digits <= 15


def mask_text(text: str, mapping: dict[str, str] | None = None) -> tuple[str, dict[str, str]]:
    """Mask personal data in *text*; returns the masked text and ``{token: original}``.

    Pass the same *mapping* for several texts of one item so equal values get equal tokens.
    """
    mapping = {} if mapping is None else mapping
    reverse = {v: k for k, v in mapping.items()}

    def sub(kind: str, pattern: re.Pattern[str], valid: Callable[[str], bool], s: str) -> str:
        def repl(m: re.Match[str]) -> str:
            value = m.group(0)
            if not valid(value):
                return value
            token = reverse.get(value)
            if token is None:
                n = sum(1 for k in mapping if k.startswith(f"[{kind}-")) + 1
                token = f"[{kind}-{n}]"
                mapping[token] = value
                reverse[value] = token
            return token

        return pattern.sub(repl, s)

    out = sub("EMAIL", _EMAIL, lambda _: True, text)
    out = sub("IBAN", _IBAN, iban_ok, out)
    out = sub("CARD", _CARD, luhn_ok, out)
    out = sub("PHONE", _PHONE, _phone_ok, out)
    return out, mapping


def unmask(text: str, mapping: dict[str, str]) -> str:
    """Put the original values back for every token of *mapping* found in *text*."""
    for token, value in mapping.items():
        text = text.replace(token, value)
    return text


def mask_item(item: ReviewItem) -> tuple[ReviewItem, dict[str, str]]:
    """A copy of *item* with personal data masked in every stored text (source, candidates, comments...)."""
    mapping: dict[str, str] = {}

    def m(s: str) -> str:
        return mask_text(s, mapping)[0]

    def m_opt(s: str | None) -> str | None:
        return None if s is None else m(s)

    # The source first, so its tokens ([EMAIL-1]...) stay the same while comments and candidates change:
    # a file exported masked can be imported back (see ``SQLReviewStore.apply_import``).
    source = m(item.source)
    previous_source = m_opt(item.previous_source)
    translation = m_opt(item.translation)
    translation_plural = tuple(m(f) for f in item.translation_plural)
    candidates = tuple(
        dataclasses.replace(
            c,
            text=m(c.text),
            hypotheses=tuple(Hypothesis(m(h.text), h.score) for h in c.hypotheses),
            plural_forms=tuple(m(f) for f in c.plural_forms),
        )
        for c in item.candidates
    )
    comments = tuple(dataclasses.replace(c, text=m(c.text)) for c in item.comments)
    history = tuple(
        dataclasses.replace(
            h,
            before={k: (m(v) if isinstance(v, str) else v) for k, v in h.before.items()},
            after={k: (m(v) if isinstance(v, str) else v) for k, v in h.after.items()},
        )
        for h in item.history
    )
    key = dataclasses.replace(
        item.key,
        msgid=m(item.key.msgid),
        msgid_plural=m_opt(item.key.msgid_plural),
        name=m_opt(item.key.name),
    )
    masked = dataclasses.replace(
        item,
        key=key,
        source=source,
        previous_source=previous_source,
        translation=translation,
        translation_plural=translation_plural,
        candidates=candidates,
        comments=comments,
        history=history,
        masked=True,
    )
    return masked, mapping


