"""Greetings and thanks addressed to a person: "Thanks Nguyễn", "Hallo Đorđe!", "Łukasz, merci !".

The shortest support messages are a greeting or thanks and a name. The name keeps the letters and
letter sequences of its own language, and with one word of message beside it, it outweighs the
message: "Thanks Nguyễn" read as Vietnamese, "Hallo Đorđe" too, "Thanks João" as Portuguese.
When a text is exactly a greeting phrase of the list below and one to four capitalised words
(after it, or before it and a comma; a title such as "Mr." or "Frau" may precede them; emoji may
end the text), those words are a name by position, whatever their case pattern (a title-case
"Thanks Nguyễn" has no lower-case word, so :func:`~toneloc.detect._alphabets.name_like_words`
does not apply).

The phrases are the common openings, closings and thanks of written messages in each Latin-script
language the detector supports, from the usage notes of standard phrasebooks and learner's
dictionaries (Duden "Anrede", Le Robert "formules de politesse", RAE "saludos", Treccani, Priberam,
Van Dale, Từ điển tiếng Việt, KBBI, Latviešu valodas vārdnīca, SJP, TDK Güncel Türkçe Sözlük, SAOL);
not from any data set. A phrase only one candidate uses decides the language; one several use
("hallo": de, nl) leaves it to the models, which then read the phrase without the name.
"""

from __future__ import annotations

from typing import NamedTuple

import regex

__all__ = ["GREETINGS", "MAX_CHARS", "Greeting", "greeting"]

GREETINGS: dict[str, tuple[str, ...]] = {
    "en": ("hi", "hello", "hey", "dear", "thanks", "thank you", "thanks a lot", "many thanks", "cheers",
           "good morning", "good afternoon", "good evening", "greetings", "regards", "best regards",
           "kind regards", "bye", "goodbye"),
    "de": ("hallo", "liebe", "lieber", "danke", "danke schön", "dankeschön", "vielen dank", "guten morgen",
           "guten tag", "guten abend", "moin", "servus", "grüß gott", "grüezi", "tschüss", "sehr geehrte",
           "sehr geehrter", "viele grüße", "liebe grüße", "beste grüße", "gruß"),
    "fr": ("bonjour", "bonsoir", "salut", "coucou", "merci", "merci beaucoup", "cher", "chère", "chers",
           "au revoir", "cordialement", "bien à vous"),
    "es": ("hola", "gracias", "muchas gracias", "buenos días", "buenas tardes", "buenas noches", "estimado",
           "estimada", "querido", "querida", "saludos", "adiós"),
    "it": ("ciao", "salve", "grazie", "grazie mille", "buongiorno", "buonasera", "caro", "cara", "gentile",
           "gentilissimo", "gentilissima", "saluti", "cordiali saluti", "arrivederci"),
    "pt": ("olá", "oi", "obrigado", "obrigada", "muito obrigado", "muito obrigada", "bom dia", "boa tarde",
           "boa noite", "prezado", "prezada", "caro", "cara", "querido", "querida", "tchau", "abraços"),
    "nl": ("hallo", "hoi", "dag", "beste", "bedankt", "dank je", "dank u", "dank je wel", "dank u wel",
           "goedemorgen", "goedemiddag", "goedenavond", "groeten", "met vriendelijke groet"),
    "vi": ("chào", "xin chào", "cảm ơn", "cám ơn", "xin cảm ơn", "kính gửi", "thân gửi", "thân chào"),
    "id": ("halo", "hai", "terima kasih", "makasih", "selamat pagi", "selamat siang", "selamat sore",
           "selamat malam", "salam"),
    "lv": ("sveiki", "sveiks", "labdien", "labrīt", "labvakar", "paldies", "liels paldies", "čau",
           "godātais", "godātā", "ar cieņu"),
    "pl": ("cześć", "dzień dobry", "dobry wieczór", "dziękuję", "dzięki", "witam", "szanowny", "szanowna",
           "szanowni", "pozdrawiam", "hej"),
    "tr": ("merhaba", "selam", "teşekkürler", "teşekkür ederim", "sağ ol", "sağol", "günaydın", "iyi günler",
           "iyi akşamlar", "sayın", "saygılarımla"),
    "sv": ("hej", "hallå", "tack", "tack så mycket", "stort tack", "god morgon", "god dag", "kära",
           "hälsningar", "vänliga hälsningar"),
}
"""Greeting, thanks and closing phrases by language (lower case, NFC): see the module docstring."""

def _key(phrase: str) -> str:
    """How a phrase is looked up: case-folded, single spaces, with the letters a case-insensitive
    match pairs differently from :meth:`str.lower` made alike (Turkish "İyi" matches "iyi" and
    folds to "i̇yi"; "I" matches "ı"; "ſ" matches "s")."""
    return " ".join(phrase.casefold().replace("\u0307", "").replace("ı", "i").split())


_LANGUAGES: dict[str, tuple[str, ...]] = {}
for _lang, _phrases in GREETINGS.items():
    for _p in _phrases:
        _LANGUAGES[_key(_p)] = (*_LANGUAGES.get(_key(_p), ()), _lang)
_FIRST = frozenset(p.split()[0] for p in _LANGUAGES)
_LAST = frozenset(p.split()[-1] for p in _LANGUAGES)
_PHRASES = sorted({p for ps in GREETINGS.values() for p in ps}, key=len, reverse=True)  # longest first
_GREETING = "(?P<g>(?i:" + "|".join(r"\s+".join(regex.escape(w) for w in p.split()) for p in _PHRASES) + "))"
_NAME = r"\p{Lu}\p{Ll}+(?:[-'’]?\p{Lu}\p{Ll}+)?"  # Nguyễn, Jean-François, O'Neil, McKenzie
_TITLE = (r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Herr|Frau|Sr|Sra|Srta|Sig|Sig\.ra|Mme|Mlle|M|Dhr|Mevr|Pak|Bu|Bapak|Ibu|Anh|Chị"
          r"|Em|Cô|Chú|Pan|Pani|Bay|Bayan|Hr|Fr)\.?\s+)?")  # "Dear Mr. Nguyễn", "Hallo Frau Öztürk"
_NAMES = rf"{_TITLE}(?P<n>{_NAME}(?:\s+{_NAME}){{0,3}})"
_END = r"[\s!.,:;…)\p{So}\p{Sk}\ufe0f\u200d]*"  # punctuation, emoji: "Hi Anna 👋"
_GREETING_FIRST = regex.compile(rf"[\s¡]*{_GREETING}[\s,:!]+{_NAMES}{_END}")
_NAME_FIRST = regex.compile(rf"\s*{_NAMES}\s*,\s*{_GREETING}{_END}")  # the comma: "Thứ Hai" is Monday
_WORD = regex.compile(r"\p{L}+")
_EDGE_PUNCT = " ,:;!.…)¡"
MAX_CHARS = 96
"""Longer texts are more than a greeting and a name."""


class Greeting(NamedTuple):
    """A text that is a greeting phrase and a name (see :func:`greeting`)."""

    languages: tuple[str, ...]
    """The languages that use the phrase (:data:`GREETINGS`), in table order."""
    names: list[tuple[int, int]]
    """``(start, end)`` of each word of the name."""


def greeting(nfc: str) -> Greeting | None:
    """The phrase's languages and the name's words when *nfc* (NFC) is exactly a greeting or
    thanks phrase (:data:`GREETINGS`) and one to four capitalised words after it (a title may precede
    them), or before it and a comma, else ``None``.

    >>> g = greeting("Thanks Nguyễn Văn!")
    >>> g.languages, [("Thanks Nguyễn Văn!")[a:b] for a, b in g.names]
    (('en',), ['Nguyễn', 'Văn'])
    >>> greeting("Łukasz, hallo").languages
    ('de', 'nl')
    >>> greeting("Thanks for the refund, Nguyễn") is None  # more than a greeting
    True
    """
    if len(nfc) > MAX_CHARS or nfc.count(" ") > 7 or (nfc[1:].islower() and "," not in nfc):
        return None  # longer than a phrase and a name; or no name (a capital, or a name first and a comma)
    head = nfc.split(None, 1)
    if len(head) < 2:  # one word
        return None
    if _key(head[0].strip(_EDGE_PUNCT)) in _FIRST:
        m = _GREETING_FIRST.fullmatch(nfc)
    elif _key((nfc.rstrip(_EDGE_PUNCT).rsplit(None, 1) or [""])[-1]) in _LAST:
        m = _NAME_FIRST.fullmatch(nfc)
    else:
        return None
    if m is None:
        return None
    phrase = _key(m.group("g"))
    languages = _LANGUAGES.get(phrase)
    name = m.group("n")
    if languages is None or _key(f"{phrase} {name.split()[0]}") in _LANGUAGES:
        return None  # "Beste Grüße" is a German phrase, not Dutch "beste" and a name
    start = m.start("n")
    return Greeting(languages, [(start + a.start(), start + a.end()) for a in _WORD.finditer(name)])
