"""Right-to-left helpers: text direction of a locale and FSI/PDI isolation of interpolated values.

An order number, an e-mail address or a Latin product name inside Arabic or Hebrew text is reordered
by the Unicode bidirectional algorithm unless it is *isolated*: U+2068 FIRST STRONG ISOLATE before it
and U+2069 POP DIRECTIONAL ISOLATE after it (the plain-text equivalent of HTML ``<bdi>``).

>>> isolate("ORD-1042")
'\\u2068ORD-1042\\u2069'
>>> isolate("")
''
>>> text_direction("ar-SA"), text_direction("he"), text_direction("de")
('rtl', 'rtl', 'ltr')
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from toneloc.locale import LocaleLike, parse_locale

__all__ = ["FSI", "PDI", "isolate", "text_direction"]

FSI = "\u2068"
PDI = "\u2069"


def text_direction(locale: LocaleLike) -> str:
    """``"rtl"`` or ``"ltr"`` from CLDR's character order for *locale*."""
    return "rtl" if parse_locale(locale).character_order == "right-to-left" else "ltr"


def isolate(value: Any) -> Any:
    """Wrap *value* in FSI ... PDI; ``Markup`` stays ``Markup`` (already escaped), empty stays empty."""
    if isinstance(value, Markup):
        return Markup(FSI) + value + Markup(PDI) if value else value
    text = value if isinstance(value, str) else str(value)
    if not text or (text[0] == FSI and text[-1] == PDI):
        return text
    return FSI + text + PDI
