"""One way in for locale arguments.

Every public toneloc function that takes ``locale=`` accepts a string (``de``, ``de-AT``, ``de_AT``,
``pt-br``, ``zh-Hant-TW``, any case) or a :class:`babel.Locale`, and passes it through
:func:`parse_locale` exactly once. Parsing is cached, so repeated calls cost a dictionary lookup.

>>> parse_locale("pt-br")
Locale('pt', territory='BR')
>>> str(parse_locale("ZH-hant-tw"))
'zh_Hant_TW'
>>> locale_tag("de_AT")
'de-AT'
>>> [str(x) for x in fallback_chain("de-AT")]
['de_AT', 'de', 'en']
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Mapping

import babel
from babel.core import get_global
from babel.localedata import locale_identifiers

from toneloc.errors import UnknownLocaleError, close_matches

__all__ = [
    "DEFAULT_LOCALE",
    "LocaleLike",
    "fallback_chain",
    "known_locales",
    "locale_tag",
    "normalize_tag",
    "parse_locale",
]

LocaleLike = str | babel.Locale
"""What a ``locale=`` argument accepts."""

DEFAULT_LOCALE = "en"
"""The last link of every fallback chain unless a caller passes another default."""

_WELL_FORMED = re.compile(r"^[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*(?:\.[A-Za-z0-9-]+)?(?:@[A-Za-z0-9]+)?$")
_lock = threading.Lock()
_known: frozenset[str] | None = None


def known_locales() -> frozenset[str]:
    """All CLDR locale identifiers Babel ships (``de_AT`` style), loaded once."""
    global _known
    if _known is None:
        with _lock:
            if _known is None:
                _known = frozenset(locale_identifiers())
    return _known


def normalize_tag(tag: str) -> str:
    """Normalise a BCP 47 / POSIX-ish tag to Babel's ``ll_Scri_RR`` spelling, without validating it.

    >>> normalize_tag(" PT-br ")
    'pt_BR'
    >>> normalize_tag("zh-hant-tw")
    'zh_Hant_TW'
    >>> normalize_tag("de_DE.UTF-8")
    'de_DE'
    """
    raw = tag.strip()
    raw = raw.split(".", 1)[0].split("@", 1)[0]  # POSIX codeset / modifier: de_DE.UTF-8@euro
    parts = [p for p in raw.replace("-", "_").split("_") if p]
    if not parts:
        return ""
    out = [parts[0].lower()]
    for p in parts[1:]:
        if len(p) == 4 and p.isalpha():
            out.append(p.title())
        elif (len(p) == 2 and p.isalpha()) or (len(p) == 3 and p.isdigit()):
            out.append(p.upper())
        else:
            out.append(p)
    return "_".join(out)


@functools.lru_cache(maxsize=1024)
def _parse_cached(norm: str) -> babel.Locale:
    if not norm or not all(ch.isalnum() or ch == "_" for ch in norm):
        raise UnknownLocaleError(norm or "", reason="malformed tag", hint="use a tag like 'de', 'de-AT' or 'pt-BR'")
    parts = norm.split("_")
    if not (2 <= len(parts[0]) <= 3 and parts[0].isalpha()):
        raise UnknownLocaleError(norm, reason="the language subtag must be 2 or 3 letters",
                                 hint=_suggest(norm))
    if norm not in known_locales():
        # CLDR lists some locales only with their script (zh_Hans_CN, sr_Cyrl_RS); Babel resolves the
        # short alias through likely subtags. Accept it only when the result is itself a CLDR locale.
        try:
            resolved = babel.Locale.parse(norm)
        except (ValueError, babel.UnknownLocaleError):
            resolved = None
        if resolved is None or str(resolved) not in known_locales() or resolved.language != parts[0]:
            raise UnknownLocaleError(norm, reason="not in CLDR", hint=_suggest(norm))
        return resolved
    try:
        return babel.Locale.parse(norm)
    except (ValueError, babel.UnknownLocaleError) as exc:  # pragma: no cover - guarded above
        raise UnknownLocaleError(norm, reason=str(exc), hint=_suggest(norm)) from exc


def _suggest(norm: str) -> str:
    lang = norm.split("_")[0]
    same_lang = sorted(k for k in known_locales() if k.split("_")[0] == lang)
    pool = same_lang or sorted(known_locales())
    hits = close_matches(norm, pool, n=4)
    if not hits and same_lang:
        hits = same_lang[:4]
    return "did you mean: " + ", ".join(locale_tag(h) for h in hits) if hits else "see `toneloc cultures`"


def parse_locale(locale: LocaleLike) -> babel.Locale:
    """Parse a locale argument; the one way in. Raises :class:`~toneloc.errors.UnknownLocaleError`.

    >>> parse_locale("de-AT").territory
    'AT'
    >>> parse_locale("xx-YY")
    Traceback (most recent call last):
    ...
    toneloc.errors.UnknownLocaleError: unknown locale 'xx-YY': not in CLDR (hint: ...)
    """
    if isinstance(locale, babel.Locale):
        return locale
    if not isinstance(locale, str):
        raise UnknownLocaleError(repr(locale), reason=f"expected str or babel.Locale, got {type(locale).__name__}")
    if not _WELL_FORMED.match(locale.strip()):
        raise UnknownLocaleError(locale, reason="malformed tag", hint="use a tag like 'de', 'de-AT' or 'pt-BR'")
    try:
        return _parse_cached(normalize_tag(locale))
    except UnknownLocaleError as exc:
        if exc.identifier == locale.strip():
            raise
        # name the tag as the caller wrote it ('xx-YY', not the normalised 'xx_YY')
        raise UnknownLocaleError(locale.strip(), reason=exc.reason, hint=exc.hint) from None


def locale_tag(locale: LocaleLike) -> str:
    """The BCP 47 spelling (``de-AT``) of a locale argument or Babel identifier.

    >>> locale_tag("zh_Hant_TW")
    'zh-Hant-TW'
    """
    if isinstance(locale, babel.Locale):
        return str(locale).replace("_", "-")
    return normalize_tag(locale).replace("_", "-")


@functools.lru_cache(maxsize=1024)
def _chain(ident: str, default: str) -> tuple[babel.Locale, ...]:
    parent_exceptions: Mapping[str, str] = get_global("parent_exceptions")
    out: list[str] = []
    cur: str | None = ident
    while cur:
        if cur in known_locales() and cur not in out:
            out.append(cur)
        if cur in parent_exceptions:
            nxt: str | None = parent_exceptions[cur]
            if nxt == "root":
                nxt = None
        else:
            nxt = cur.rsplit("_", 1)[0] if "_" in cur else None
        cur = nxt
    if default and default not in out:
        out.append(default)
    return tuple(babel.Locale.parse(x) for x in out)


def fallback_chain(locale: LocaleLike, *, default: str | None = DEFAULT_LOCALE) -> tuple[babel.Locale, ...]:
    """The locales to try, most specific first, ending with *default* (CLDR parent locales honoured).

    >>> [str(x) for x in fallback_chain("es-MX")]
    ['es_MX', 'es_419', 'es', 'en']
    >>> [str(x) for x in fallback_chain("zh-Hant-TW", default=None)]
    ['zh_Hant_TW', 'zh_Hant', 'zh']
    """
    loc = parse_locale(locale)
    dflt = str(parse_locale(default)) if default else ""
    return _chain(str(loc), dflt)
