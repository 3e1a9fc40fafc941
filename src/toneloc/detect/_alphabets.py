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

import re
import unicodedata
from collections.abc import Mapping

import regex

__all__ = [
    "ALPHABETS",
    "accented_letter_set",
    "accented_letters",
    "foreign_letters",
    "name_like_words",
    "turkish_suffix_marks",
]

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
_ACCENTED_LETTER = re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")  # all letters (no × ÷)


def accented_letters(text: str) -> str:
    """The non-ASCII Latin letters of *text*, NFC-composed and lower-cased (the alphabet evidence).

    >>> accented_letters("Cảm ơn, Paldies!")
    'ảơ'
    """
    if text.isascii():
        return ""
    return "".join(ch for ch in _ACCENTED.findall(unicodedata.normalize("NFC", text).lower()) if ch.isalpha())


def accented_letter_set(text: str) -> frozenset[str]:
    """:func:`accented_letters` as a set (the form :func:`foreign_letters` takes), faster.

    >>> sorted(accented_letter_set("Lūdzu, Ā × ū"))
    ['ā', 'ū']
    """
    if text.isascii():
        return frozenset()
    return frozenset(_ACCENTED_LETTER.findall(unicodedata.normalize("NFC", text).lower()))


def foreign_letters(letters: str | frozenset[str], lang: str) -> int:
    """How many distinct letters of *letters* (see :func:`accented_letters`) *lang* does not use.

    Languages without a listed alphabet get 0: no evidence either way.
    """
    alphabet = ALPHABETS.get(lang)
    if alphabet is None:
        return 0
    return len((letters if isinstance(letters, frozenset) else frozenset(letters)) - alphabet)


_NAME_WORD = re.compile(r"[^\W\d_]+")  # a run of letters (the text is NFC: no combining marks to join)
_SENTENCE_BREAK = re.compile(r"[.!?…:\n]")


def name_like_words(nfc: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the words of *nfc* (NFC) written like names, in a text that also has a
    lower-case word: capitalised (an upper-case letter, then lower-case ones) and not the first word
    of the text or of a sentence (after ``. ! ? … :`` or a line break), unless the next word is
    such a word too (a name that opens the text: "Ayşe Yılmaz called").

    Only these words can be told apart by their form: a sentence-initial word is capitalised
    whatever it is, and a text without lower-case words is all capitals or title case (English UI
    labels: "Show Hidden Files"; Vietnamese "Thứ Hai"). German also capitalises every noun
    ("Größe", "Tür"): a name-like word is not necessarily a name.

    >>> t = "We gave Nguyễn Văn Hải a call. Đức came too"
    >>> [t[a:b] for a, b in name_like_words(t)]
    ['Nguyễn', 'Văn', 'Hải']
    >>> t = "Łukasz Kołodziej wrote"
    >>> [t[a:b] for a, b in name_like_words(t)]
    ['Łukasz', 'Kołodziej']
    >>> name_like_words("Neue Größe"), name_like_words("Ich wohne in Köln")
    ([], [(13, 17)])
    """
    if nfc[1:].islower():  # no capital after the first character (most messages): no names
        return []
    out = []
    has_lower = False
    prev = -1  # end of the previous word
    initial: tuple[int, int] | None = None  # the previous word, when capitalised and sentence-initial
    for m in _NAME_WORD.finditer(nfc):
        w = m.group()
        if w.istitle():
            start, end = m.span()
            if prev >= 0 and _SENTENCE_BREAK.search(nfc, prev, start) is None:
                if initial is not None:
                    out.append(initial)
                    initial = None
                out.append((start, end))
            else:
                initial = (start, end)
        else:
            initial = None
            has_lower = has_lower or w.islower()
        prev = m.end()
    return out if has_lower else []


# Turkish writes the case and possessive suffixes of proper names, abbreviations and numbers after an
# apostrophe ("DVD'si", "Google'dan", "iPhone'um", "2024'te"): Türk Dil Kurumu, Yazım Kılavuzu,
# "Kesme işareti". The suffixes below are Turkish case, possessive and plural endings in their
# vowel-harmony variants. Bare "a", "e", "u", "i" are left out: Polish inflects foreign names the
# same way ("Google'a", "Joyce'u"); English "'s", "'t", "'re", "'ll", "'ve", "'d", "'m", Dutch "'s",
# "'tje" and French/Italian elisions ("l'un", "dell'app", "qu'il") are no Turkish suffix.
_TR_SUFFIX = (
    r"(?:[yns][ıiuü]|[ıü]|[yn][ae]|n?[dt][ae](?:n|ki)?|n?[ıiuü]n|y?l[ae]|l[ae]r(?:[ıi]|[dt][ae]n?)?"
    r"|[ıiuü]m(?:[ıiuü]z)?|[ıiuü]n[ıiuü]z|[yns]?[ıiuü]n[ae]|[yns]?[ıiuü]nd[ae](?:n|ki)?)"
)
# The stem: a word with a capital or a digit ("DVD", "Google", "iPhone", "2024"), or nothing left of it
# when the noise filter already removed the abbreviation ("DVD'si" -> "'si"). The stem is matched as
# any word (linear time, no backtracking) and checked in Python.
_TR_APOSTROPHE = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}\d'’])(?P<stem>[\p{{L}}\p{{M}}\d]*)['’]{_TR_SUFFIX}(?![\p{{L}}\p{{M}}\d'’])"
)
_ELISION = ("qu", "ll", "un")  # French "Qu'il", Italian "Dell'", "Un'": elided words, not stems


def turkish_suffix_marks(text: str) -> int:
    """How many Turkish suffixes *text* attaches with an apostrophe (evidence for Turkish).

    >>> turkish_suffix_marks("DVD'si çalışmıyor, Google'dan indirdim")
    2
    >>> turkish_suffix_marks("It's the DVD's menu; qu'il dell'app")
    0
    """
    if "'" not in text and "’" not in text:
        return 0
    n = 0
    for m in _TR_APOSTROPHE.finditer(text):
        stem = m.group("stem")
        if not stem or (
            len(stem) >= 2
            and (not stem.islower() or any(ch.isdigit() for ch in stem))
            and not stem.lower().endswith(_ELISION)
        ):
            n += 1
    return n
