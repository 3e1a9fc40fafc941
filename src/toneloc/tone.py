"""Rewrite a support reply to the register and directness a culture expects.

:func:`rewrite` looks up the culture's rules (:mod:`toneloc.rules`), takes defaults from the culture
profile (:func:`toneloc.culture.get_culture`: ``de-DE`` formal, ``sv-SE`` informal) and returns a
:class:`RewriteResult` with every edit, its rule and an explanation. Placeholders, URLs, e-mail
addresses, code, quoted text and the product names passed in ``protect`` are never touched.

>>> r = rewrite("Hast du die Rechnung bekommen?", "de-DE")
>>> r.text, r.formality
('Haben Sie die Rechnung bekommen?', 'formal')
>>> [(e.before, e.after, e.rule_id) for e in r.edits]
[('Hast', 'Haben', 'de.du-sie.verb'), ('du', 'Sie', 'de.du-sie.pronoun')]
>>> rewrite("Haben Sie die Rechnung bekommen?", "de-DE").changed   # already formal: unchanged
False
>>> [h.text for h in check_register("Hallo, können Sie mir dein Passwort schicken?", locale="de-DE")]
['Sie', 'dein']
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal, get_args, overload

from toneloc.errors import CultureNotFoundError, InvalidInputError
from toneloc.locale import LocaleLike, locale_tag, parse_locale
from toneloc.rules import get_rules
from toneloc.rules._base import CultureRules, Directness, Edit, Formality, RegisterHit, RewriteResult

__all__ = [
    "Edit",
    "RegisterHit",
    "RewriteResult",
    "check_register",
    "culture_address",
    "rewrite",
    "rewrite_text",
]

MAX_CHARS = 5_000_000
"""Longest text :func:`rewrite` accepts (about 5 MB); longer input raises InvalidInputError."""

DirectnessArg = Directness | Literal["culture"] | None


def _culture_defaults(tag: str) -> tuple[Formality | None, Directness | None]:
    from toneloc.culture import get_culture

    try:
        c = get_culture(tag)
    except (CultureNotFoundError, OSError):
        return None, None
    return c.register, c.directness


def _tag_and_language(locale: LocaleLike) -> tuple[str, str]:
    loc = parse_locale(locale)
    return locale_tag(loc), str(loc.language)


@lru_cache(maxsize=512)
def _resolve(locale: str) -> tuple[str, str]:
    """:func:`_tag_and_language` memoised per locale string (an unknown tag still raises every time:
    ``lru_cache`` keeps no exceptions); saves ~5 µs a call."""
    return _tag_and_language(locale)


def _check_text(text: object, name: str = "text") -> str:
    if not isinstance(text, str):
        raise InvalidInputError(
            f"{name} must be a str, not {type(text).__name__}", hint="decode bytes with .decode('utf-8') first"
        )
    if len(text) > MAX_CHARS:
        raise InvalidInputError(
            f"{name} has {len(text):,} characters; the limit is {MAX_CHARS:,}", hint="split the text into replies"
        )
    return text


_variant_rules: dict[tuple[str, str | None, bool], CultureRules] = {}
_variant_lock = threading.Lock()


_PARAMS: dict[type[CultureRules], frozenset[str]] = {}


def _params(cls: type[CultureRules]) -> frozenset[str]:
    """The keyword options a culture's rules class is built with (``Vietnamese(address=...)``);
    cached per class (``inspect.signature`` costs tens of µs and the pipeline asks per segment)."""
    found = _PARAMS.get(cls)
    if found is not None:
        return found
    try:
        found = frozenset(inspect.signature(cls).parameters)
    except (TypeError, ValueError):
        found = frozenset()
    _PARAMS[cls] = found
    return found


def _takes_address(cls: type[CultureRules]) -> bool:
    """Whether a culture's rules class is built with an address term (``Vietnamese(address=...)``)."""
    return "address" in _params(cls)


def _address_languages() -> list[str]:
    """The languages whose rules take an address term (imports every rules module: error path only)."""
    from toneloc.rules import RULES

    out = []
    for lang in RULES:
        try:
            if _takes_address(type(get_rules(lang))):
                out.append(lang)
        except CultureNotFoundError:
            continue
    return out


def _rules_for(language: str, address: str | None, fragment: bool) -> CultureRules:
    """The (cached) rules of *language* built with the address term *address* and, for a
    *fragment*, without the openers that begin a reply turn (``reply_opener=False``)."""
    base = get_rules(language)
    if address is None and not fragment:
        return base
    if address is not None and (not isinstance(address, str) or not address.strip()):
        raise InvalidInputError(
            f"address must be a non-empty str, not {address!r}", hint='e.g. address="quý khách" for vi-VN'
        )
    cls = type(base)
    params = _params(cls)
    if address is not None and "address" not in params:
        raise InvalidInputError(
            f"the {language!r} tone rules take no address term (address={address!r})",
            hint="address= is supported for: " + ", ".join(_address_languages()),
        )
    fragment = fragment and "reply_opener" in params
    addr = " ".join(address.split()) if address is not None else None
    if addr is None and not fragment:
        return base  # nothing differs for this culture
    key = (base.language, addr, fragment)
    found = _variant_rules.get(key)
    if found is not None:
        return found
    kwargs: dict[str, object] = {}
    if addr is not None:
        kwargs["address"] = addr
    if fragment:
        kwargs["reply_opener"] = False
    with _variant_lock:
        found = _variant_rules.get(key)
        if found is None:
            found = cls(**kwargs)
            _variant_rules[key] = found
    return found


@lru_cache(maxsize=256)
def culture_address(locale: LocaleLike) -> str | None:
    """The culture's address term for :func:`rewrite`'s ``address=``: its first honorific, or None.

    ``None`` when the language's rules take no address term, the language has no rules, or the
    culture profile lists no honorific. The pipeline passes it so a rewritten agent note addresses
    the customer as the culture's templates do.

    >>> culture_address("vi-VN"), culture_address("de-DE")
    ('Quý khách', None)
    """
    from toneloc.culture import get_culture

    loc = parse_locale(locale)
    try:
        if not _takes_address(type(get_rules(str(loc.language)))):
            return None
        honorifics = get_culture(locale_tag(loc)).honorifics
    except (CultureNotFoundError, OSError):
        return None
    return honorifics[0] if honorifics else None


@overload
def rewrite(
    text: str,
    locale: LocaleLike,
    *,
    formality: Formality | None = None,
    directness: DirectnessArg = None,
    protect: Iterable[str] = (),
    address: str | None = None,
    fragment: bool = False,
) -> RewriteResult: ...


@overload
def rewrite(text: str, locale: LocaleLike, target: Formality, /) -> str: ...


def rewrite(
    text: str,
    locale: LocaleLike,
    target: Formality | None = None,
    *,
    formality: Formality | None = None,
    directness: DirectnessArg = None,
    protect: Iterable[str] = (),
    address: str | None = None,
    fragment: bool = False,
) -> RewriteResult | str:
    """Rewrite *text* (written in *locale*'s language) to a register and a directness.

    Called with keywords it returns a :class:`RewriteResult` (text, every edit, review flags).
    Called with a third positional argument, ``rewrite(text, locale, "formal")``, it returns the
    rewritten text only, as a plain ``str``: the ``rewrite(text, locale, target) -> str`` protocol
    of formality evaluation scripts (e.g. ``measure.py --rewrite toneloc.tone:rewrite``).

    Args:
        text: the reply, in the language of *locale*.
        locale: where the customer is (``de-DE``, ``pt_BR``...); its culture supplies defaults.
        formality: ``"formal"`` or ``"informal"``; ``None`` uses the culture's register (or the
            language default when no profile exists). Formal to informal runs only where the rules
            can do it reliably; elsewhere the text comes back unchanged.
        directness: ``"direct"`` (answer first, fewer hedges), ``"indirect"`` (requests instead of
            imperatives, softened refusals), ``"balanced"`` or ``None`` (leave it), ``"culture"``
            (the culture profile's directness).
        protect: literal strings (product names...) never to touch.
        address: the term addressing the customer, for cultures whose rules take one (``vi``:
            ``"quý khách"``, ``"anh"``, ``"chị"``; default ``None``: the rules' own term, *quý vị*).
            It is written as given inside a sentence and capitalised at a sentence start, so
            ``"quý khách"`` gives *Quý khách ... quý khách* and ``"Quý khách"`` (the respectful
            capital of business letters) keeps its capital everywhere.
        fragment: *text* is part of a larger message (an agent's note inside a template that has
            its own salutation), not a whole reply: openers that begin a reply turn are not added
            (``vi``: *Dạ thưa quý khách,* before a reply that opens with the speaker).

    Raises:
        InvalidInputError: *text* is not a str, or is larger than :data:`MAX_CHARS`; bad option
            values; *address* given for a language whose rules take no address term.
        UnknownLocaleError: *locale* cannot be parsed.
        CultureNotFoundError: no tone rules exist for the language.

    >>> rewrite("Kannst du mir die Nummer schicken?", "de-DE").text
    'Können Sie mir die Nummer schicken?'
    >>> rewrite("Hey, we're gonna fix it.", "en-US", formality="formal").text
    'Hello, we are going to fix it.'
    >>> rewrite("Peux-tu vérifier ?", "fr-FR", "formal")    # the plain-string protocol
    'Pouvez-vous vérifier ?'
    >>> rewrite("Bạn chờ mình một chút nhé.", "vi-VN", address="quý khách").text
    'Quý khách vui lòng chờ tôi một chút ạ.'
    >>> rewrite("Mình đã gửi mã cho bạn.", "vi-VN", address="quý khách").text
    'Dạ thưa quý khách, tôi đã gửi mã cho quý khách ạ.'
    >>> rewrite("Mình đã gửi mã cho bạn.", "vi-VN", address="quý khách", fragment=True).text
    'Tôi đã gửi mã cho quý khách ạ.'
    """
    if target is not None:
        if formality is not None or directness is not None or protect != () or address is not None or fragment:
            raise InvalidInputError(
                "the plain-string form rewrite(text, locale, target) takes no other options",
                hint="use rewrite(text, locale, formality=..., directness=..., protect=..., address=...).text",
            )
        if target not in get_args(Formality):
            raise InvalidInputError(f"target must be 'formal' or 'informal', not {target!r}")
        return rewrite(text, locale, formality=target).text
    _check_text(text)
    tag, language = _resolve(locale) if isinstance(locale, str) else _tag_and_language(locale)
    if formality is not None and formality not in get_args(Formality):
        raise InvalidInputError(f"formality must be 'formal' or 'informal', not {formality!r}", hint="or None")
    if directness is not None and directness != "culture" and directness not in get_args(Directness):
        raise InvalidInputError(
            f"directness must be one of direct, balanced, indirect, culture, not {directness!r}", hint="or None"
        )
    rules = get_rules(language) if address is None and not fragment else _rules_for(language, address, fragment)
    if formality is None or directness == "culture":
        reg, direct = _culture_defaults(tag)
        if formality is None:
            formality = reg or rules.default_formality
        if directness == "culture":
            directness = direct
    return rules.rewrite(
        text, locale=tag, formality=formality, directness=directness, protect=tuple(p for p in protect if p)
    )


def check_register(
    text: str,
    *,
    locale: LocaleLike,
    expected: Formality | None = None,
    protect: Iterable[str] = (),
) -> tuple[RegisterHit, ...]:
    """Find register problems in *text*: mixed registers, or forms that contradict *expected*.

    With ``expected`` (or, when ``None``, the culture's register if the text mixes registers) the
    hits returned are the words in the *other* register. When the text uses a single register and
    no ``expected`` is given, nothing is returned. Positions are offsets into *text*.

    >>> [(h.text, h.register) for h in check_register("Kannst du das prüfen?", locale="de-DE", expected="formal")]
    [('du', 'informal')]
    >>> check_register("Können Sie das prüfen?", locale="de-DE", expected="formal")
    ()
    """
    _check_text(text)
    loc = parse_locale(locale)
    rules = get_rules(str(loc.language))
    hits = rules.find_register(text, protect=tuple(protect))
    registers = {h.register for h in hits}
    if expected is None:
        if len(registers) < 2:
            return ()
        return tuple(hits)
    if expected not in get_args(Formality):
        raise InvalidInputError(f"expected must be 'formal' or 'informal', not {expected!r}", hint="or None")
    return tuple(h for h in hits if h.register != expected)


def rewrite_text(text: str, locale: str, target: str) -> str:
    """Adapter for the shared evaluation script: ``rewrite(...).text`` with *target* as formality.

    Directness is left alone.

    >>> rewrite_text("Kannst du kommen?", "de-DE", "formal")
    'Können Sie kommen?'
    """
    if target not in ("formal", "informal"):
        raise InvalidInputError(f"target must be 'formal' or 'informal', not {target!r}")
    form: Formality = "formal" if target == "formal" else "informal"
    return rewrite(text, locale, formality=form).text
