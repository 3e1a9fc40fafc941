"""Right-to-left helpers: text direction of a locale and FSI/PDI isolation of interpolated values.

An order number, an e-mail address or a Latin product name inside Arabic or Hebrew text is reordered
by the Unicode bidirectional algorithm unless it is *isolated*: U+2068 FIRST STRONG ISOLATE before it
and U+2069 POP DIRECTIONAL ISOLATE after it (the plain-text equivalent of HTML ``<bdi>``).

>>> isolate("ORD-1042")
'\\u2068ORD-1042\\u2069'
>>> isolate("https://example.com/r/1")  # URLs and e-mail addresses are left alone (linkifiers)
'https://example.com/r/1'
>>> isolate("")
''
>>> text_direction("ar-SA"), text_direction("he"), text_direction("de")
('rtl', 'rtl', 'ltr')
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

from toneloc.locale import LocaleLike, parse_locale

__all__ = ["FSI", "PDI", "isolate", "looks_like_address", "text_direction"]

FSI = "\u2068"
PDI = "\u2069"
_ADDRESS = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*:|www\.)\S*|[^\s@]+@[^\s@]+\.[^\s@]+")


def looks_like_address(text: str) -> bool:
    """True for a URL or e-mail address: isolating those would break links (FSI is not whitespace).

    >>> looks_like_address("mailto:help@example.com"), looks_like_address("A-1042")
    (True, False)
    """
    return _ADDRESS.fullmatch(text) is not None


def text_direction(locale: LocaleLike) -> str:
    """``"rtl"`` or ``"ltr"`` from CLDR's character order for *locale*."""
    return "rtl" if parse_locale(locale).character_order == "right-to-left" else "ltr"


def isolate(value: Any) -> Any:
    """Wrap *value* in FSI ... PDI; ``Markup`` stays ``Markup`` (already escaped); empty values, URLs and
    e-mail addresses are returned unchanged."""
    if isinstance(value, Markup):
        return Markup(FSI) + value + Markup(PDI) if value and not looks_like_address(str(value)) else value
    text = value if isinstance(value, str) else str(value)
    if not text or (text[0] == FSI and text[-1] == PDI) or looks_like_address(text):
        return text
    return FSI + text + PDI
