"""Typed usage of the public API, checked by `mypy --strict` (nox -s typing). Not a test module."""

from __future__ import annotations

import babel

import toneloc
from toneloc.culture import Culture, CultureMatch
from toneloc.locale import fallback_chain, parse_locale

loc: babel.Locale = parse_locale("de-AT")
chain: tuple[babel.Locale, ...] = fallback_chain(loc)
culture: Culture = toneloc.get_culture("de-AT")
match: CultureMatch = toneloc.resolve_culture("de-CH")
register: str = culture.register
weekend: tuple[int, ...] = culture.weekend
