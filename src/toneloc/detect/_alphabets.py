"""Latin-script alphabets: which accented letters each language's orthography uses.

A letter that a language's orthography does not use is evidence against it: ``ơ``/``ư``/``đ`` only
occur in Vietnamese, ``ā ē ī ū ķ ļ ņ ģ`` in Latvian (among these languages), ``ł ą ę`` in Polish,
``ğ ı ş`` in Turkish, ``ß`` in German, ``å`` in Swedish, ``ã õ`` in Portuguese, ``ñ`` in Spanish.
The sets below are the letters beyond ``a``-``z`` of each standard alphabet plus the accented
letters its dictionaries use in common loanwords (French ``é`` in Dutch ``café``...). They come
from the orthographies, not from any data set. Languages not listed get no alphabet evidence.

>>> foreign_letters(accented_letters("Cảm ơn"), "vi"), foreign_letters(accented_letters("Cảm ơn"), "fr")
(0, 2)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

import regex

__all__ = ["ALPHABETS", "accented_letters", "foreign_letters"]

_EXTRA: Mapping[str, str] = {
    "en": "éèïöü",  # café, naïve, coöperate, über: loanwords only
    "de": "äöüßéè",
    "fr": "àâæçéèêëîïôœùûüÿ",
    "es": "áéíñóúü",
    "it": "àèéìíîòóùú",
    "pt": "áâãàçéêíóôõúü",
    "nl": "áàâäéèêëíïóôöúûüĳ",
    "vi": "àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ",
    "id": "éè",
    "lv": "āčēģīķļņšūž",
    "pl": "ąćęłńóśźż",
    "tr": "çğıöşüâîû",
    "sv": "åäöéü",
    "da": "æøåé",
    "no": "æøåéèêóòô",
    "fi": "äöåšž",
    "ro": "ăâîșşțţ",
    "cs": "áčďéěíňóřšťúůýž",
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "hu": "áéíóöőúüű",
    "lt": "ąčęėįšųūž",
    "et": "äöõüšž",
    "hr": "čćđšž",
    "sl": "čšž",
    "ca": "àçèéíïòóúü·",
}

ALPHABETS: Mapping[str, frozenset[str]] = {lang: frozenset(extra) for lang, extra in _EXTRA.items()}
"""Language -> the non-ASCII lower-case Latin letters its orthography uses."""


_ACCENTED = regex.compile(r"[\u00c0-\u024f\u1e00-\u1eff]")


def accented_letters(text: str) -> str:
    """The non-ASCII Latin letters of *text*, NFC-composed and lower-cased (the alphabet evidence).

    >>> accented_letters("Cảm ơn, Paldies!")
    'ảơ'
    """
    if text.isascii():
        return ""
    return "".join(ch for ch in _ACCENTED.findall(unicodedata.normalize("NFC", text).lower()) if ch.isalpha())


def foreign_letters(letters: str | frozenset[str], lang: str) -> int:
    """How many distinct letters of *letters* (see :func:`accented_letters`) *lang* does not use.

    Languages without a listed alphabet get 0: no evidence either way.
    """
    alphabet = ALPHABETS.get(lang)
    if alphabet is None:
        return 0
    return len((letters if isinstance(letters, frozenset) else frozenset(letters)) - alphabet)
