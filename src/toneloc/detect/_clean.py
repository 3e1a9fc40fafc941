"""Strip what carries no language before deciding, and cut a message into blocks.

Support messages carry a lot that is not the customer's language: URLs, e-mail addresses, order
numbers (``#A-1182``), SKUs, product acronyms, code, signatures and the quoted previous reply.
:func:`split_blocks` labels a message's lines (``body``, ``quote``, ``signature``, ``code``) and
:func:`strip_noise` removes the non-language tokens from one piece of text.

>>> strip_noise("order #A-1182 not arrived!! see https://shop.example/o/1182")
'order not arrived!! see'
>>> [b.kind for b in split_blocks("Danke!\\n\\nOn Mon, 3 Jun 2024, Ann wrote:\\n> Hello")]
['body', 'quote']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import regex

__all__ = ["Block", "inline_quotes", "is_machine_line", "is_plain", "split_blocks", "strip_noise"]


@dataclass(frozen=True, slots=True)
class Block:
    """A run of lines of one kind: ``body``, ``quote`` (previous reply), ``signature`` or ``code``."""

    start: int
    end: int
    kind: str


# --- whole lines ------------------------------------------------------------------------------------
# "On Mon, 3 Jun 2024 at 10:00, Ann <a@b.c> wrote:" and its usual translations (the mail clients'
# attribution lines); everything after such a line is the quoted previous message.
_ATTRIBUTION = regex.compile(
    r"^\s*(?:On\b.{0,200}\bwrote|Am\b.{0,200}\bschrieb|Le\b.{0,200}\ba écrit|El\b.{0,200}\bescribió"
    r"|Il\b.{0,200}\bha scritto|Em\b.{0,200}\bescreveu|Op\b.{0,200}\bschreef|Den\b.{0,200}\bskrev"
    r"|Pada\b.{0,200}\bmenulis|.{0,200}\b(?:написал|napisał|yazdı)|-{2,}\s*(?:Original Message|Ursprüngliche"
    r" Nachricht|Message d'origine|Mensaje original|Messaggio originale|Oorspronkelijk bericht)"
    r"|From:\s.{0,200}|Von:\s.{0,200}|De\s?:\s.{0,200}@.{0,200})\s*:?\s*$",
    regex.IGNORECASE,
)
_SIGNATURE = regex.compile(
    r"^(?:--\s*|__+|Sent from my \w+.*|Enviado desde mi .*|Von meinem .* gesendet|Envoyé de mon .*"
    r"|Inviato da .*|Enviado do meu .*|Verzonden vanaf .*|Skickat från .*|Dikirim dari .*)$",
    regex.IGNORECASE,
)
_FENCE = regex.compile(r"^\s*(?:```|~~~)")
_MACHINE_LINE = regex.compile(
    r"^\s*(?:\[?(?i:error|fatal|exception|warning|traceback|stack trace|caused by)\b\]?\s*[:\]]"
    r"|[A-Z][A-Za-z]+(?:Error|Exception)\b|E\d{3,}\b|HTTP/\d|at\s+[\w.$<>]+\()",
)


def is_machine_line(line: str) -> bool:
    """True for lines that look like machine output (error messages, stack traces, HTTP status).

    >>> is_machine_line("Error: Invalid password"), is_machine_line("Saya tidak bisa login")
    (True, False)
    """
    return _MACHINE_LINE.match(line) is not None


def split_blocks(text: str) -> list[Block]:
    """Label each line of *text* and merge runs of the same kind into :class:`Block` ranges.

    ``quote``: lines starting with ``>`` and everything after a mail client's attribution line
    ("On ... wrote:"); ``signature``: everything after ``--`` or "Sent from my iPhone";
    ``code``: fenced code blocks and lines that look like machine output; ``body``: the rest.

    >>> msg = "Halo, aplikasinya error:\\n```\\nTypeError: x is undefined\\n```\\nTerima kasih"
    >>> [(b.kind, msg[b.start:b.end].strip()) for b in split_blocks(msg)][0]
    ('body', 'Halo, aplikasinya error:')
    """
    blocks: list[Block] = []
    pos = 0
    tail: str | None = None  # "quote"/"signature": every later line has that kind
    in_fence = False
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line)
        pos = end
        bare = line.rstrip("\r\n")
        if tail is not None:
            kind = tail
        elif _FENCE.match(bare):
            in_fence = not in_fence
            kind = "code"
        elif in_fence:
            kind = "code"
        elif bare.lstrip().startswith(">"):
            kind = "quote"
        elif _ATTRIBUTION.match(bare):
            tail = kind = "quote"
        elif _SIGNATURE.match(bare.strip()) and (bare.strip().startswith(("--", "__")) or start > 0):
            tail = kind = "signature"
        elif _MACHINE_LINE.match(bare):
            kind = "code"
        else:
            kind = "body"
        if blocks and blocks[-1].kind == kind:
            blocks[-1] = Block(blocks[-1].start, end, kind)
        else:
            blocks.append(Block(start, end, kind))
    return blocks


# --- tokens -----------------------------------------------------------------------------------------
# What carries no language, one pattern per kind; each has a cheap stdlib "gate" that must match
# before the (slower) pattern runs, so a plain sentence costs a few substring tests.
_DIGIT = re.compile(r"\d")
_CAMEL = re.compile(r"[a-z][A-Z]")
_DOT_WORD = re.compile(r"\.[A-Za-z]")
_NOISE_PARTS: tuple[tuple[Callable[[str], object], str], ...] = (
    (lambda t: "://" in t or "www." in t, r"(?:https?|ftp)://\S+|\bwww\.\S+"),  # URLs
    # e-mail addresses (anchored like the two patterns below: "a.a.a..." is not scanned from every letter)
    (lambda t: "@" in t, r"(?:\G|(?<![\w.+-]))[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    (lambda t: "`" in t, r"`[^`\n]{0,200}`"),  # inline code
    (lambda t: "#" in t or "@" in t or "$" in t, r"(?:^|(?<=[\s(\[]))[#@$][\p{Latin}\d_-]+"),  # #A-1182, @x, $VAR
    (lambda t: ":" in t, r"\b(?:Re|Fwd?|AW|WG|SV|VS|RV|TR|Odp|YNT)\s*:"),  # reply/forward subject prefixes
    # paths with a directory; the two patterns with a leading run start only where a run starts or
    # the previous match ended (\G): the same matches, without rescanning a word from every letter
    # (each part at most 256 characters: a run of "a/a/a/..." would otherwise be tried at every slash)
    (lambda t: ("/" in t or "\\" in t) and "." in t,
     r"(?:\G|(?<![\w*~./\\-]))[\w*~./\\-]{0,256}[/\\][\w*~./\\-]{0,256}\.\w+"),
    (lambda t: "." in t and _DOT_WORD.search(t) is not None,
     r"\*\.\w+|\b\w+\.(?:pdf|png|jpe?g|gif|docx?|xlsx?|csv|txt|zip|exe|html?|json|xml|log|pac|ics)\b"),  # files
    # tokens with digits: order numbers, SKUs, dates
    (_DIGIT.search, r"(?:\G|(?<![\p{Latin}\d_-]))[\p{Latin}\d_-]*\d[\p{Latin}\d_-]*"),
    (lambda t: "_" in t, r"\b[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+\b"),  # snake_case identifiers
    # camelCase identifiers and product names with an inner capital (iPhone, getUser, AirPods, PlayStation);
    # not surnames of that shape (McKenzie, MacKenzie, DeShawn, LaToya, VanDyke, DiMaggio)
    (_CAMEL.search, r"\b(?!(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von)[A-Z][a-z])[A-Z]?[a-z]+[A-Z][A-Za-z0-9]*\b"),
)
_FILES = 6
"""Index of the file-name part: the only pattern that can match where its gate does not ("*.1")."""
_NOISE_CACHE: dict[int, regex.Pattern[str]] = {}
_NOISE_SEEN: dict[int, int] = {}
_COMPILE_AFTER = 64
"""A mix of gates gets its own compiled alternation once it has been seen this many times; before,
the alternation of all parts (compiled once) serves. Same matches either way (every other part's
gate is necessary for its pattern). Measured on the development set's noisy texts: a mix's own
alternation saves ~16 µs a text against all parts, compiling one costs ~1.2 ms, so it pays back
after ~75 texts; 64 is that break-even rounded down (a service compiles its common mixes in its
first few hundred messages, a one-off batch does not compile rare ones)."""
_UNION: dict[bool, regex.Pattern[str]] = {}


def _union(files: bool) -> regex.Pattern[str]:
    """The alternation of every noise pattern (*files*: with the file-name part), compiled once."""
    pat = _UNION.get(files)
    if pat is None:
        pat = regex.compile("|".join(p for i, (_g, p) in enumerate(_NOISE_PARTS) if files or i != _FILES))
        _UNION[files] = pat
    return pat


def _gate_mask(text: str) -> int:
    """Bit *i* set when the gate of ``_NOISE_PARTS[i]`` matches *text*: the same tests as the gates,
    written out (one Python call instead of ten; equal on every text, see the property tests)."""
    mask = 0
    if "://" in text or "www." in text:
        mask = 1
    if "@" in text:
        mask |= 2 | 8
    if "`" in text:
        mask |= 4
    if "#" in text or "$" in text:
        mask |= 8
    if ":" in text:
        mask |= 16
    if "." in text:
        if "/" in text or "\\" in text:
            mask |= 32
        if _DOT_WORD.search(text) is not None:
            mask |= 64
    if _DIGIT.search(text) is not None:
        mask |= 128
    if "_" in text:
        mask |= 256
    if _CAMEL.search(text) is not None:
        mask |= 512
    return mask


def _noise_pattern(text: str) -> regex.Pattern[str] | None:
    """An alternation of the noise patterns that can match in *text*: the ones whose gates match,
    compiled once per mix that recurs (:data:`_COMPILE_AFTER`), else all of them."""
    mask = _gate_mask(text)
    if not mask:
        return None
    pat = _NOISE_CACHE.get(mask)
    if pat is None:
        seen = _NOISE_SEEN.get(mask, 0) + 1
        if seen < _COMPILE_AFTER:
            _NOISE_SEEN[mask] = seen
            return _union(bool(mask >> _FILES & 1))
        pat = regex.compile("|".join(p for bit, (_g, p) in enumerate(_NOISE_PARTS) if mask >> bit & 1))
        _NOISE_CACHE[mask] = pat
    return pat


# An upper-case word of 2-6 letters inside a text that also has lower-case words is an acronym or a
# product code (SKU, PGP, DVD, S/MIME), not a word of the sentence.
_ACRONYM = regex.compile(r"\b\p{Lu}{2,6}(?:/\p{Lu}{2,6})*\b")
_HAS_LOWER_WORD = regex.compile(r"\p{Ll}{2}")
_ACRONYM_GATE = re.compile(r"[A-Z]{2}")
_ACRONYM_GATE_U = regex.compile(r"\p{Lu}{2}")
_SPACES = regex.compile(r"[ \t\u00a0]{2,}")
_EMPTY_BRACKETS = regex.compile(r"[(\[{]\s*[)\]}]")


def strip_noise(text: str) -> str:
    """Remove URLs, e-mails, order numbers, code, identifiers and acronyms from *text*.

    >>> strip_noise("Paldies, viss kārtībā! SKU 4710-XB406351")
    'Paldies, viss kārtībā!'
    >>> strip_noise("Re: [#190164] El paquete llegó roto.")
    'El paquete llegó roto.'
    >>> strip_noise("ORDER NOT ARRIVED")  # all caps: the words are the message
    'ORDER NOT ARRIVED'
    """
    if not text:
        return text
    out = text
    noise = _noise_pattern(out)  # cheap stdlib tests: most messages have nothing to strip
    if noise is not None:
        out = noise.sub(" ", out)
    if (_ACRONYM_GATE.search(out) if out.isascii() else _ACRONYM_GATE_U.search(out)) and _HAS_LOWER_WORD.search(out):
        out = _ACRONYM.sub(" ", out)
    if out == text:
        return text.strip()
    if "(" in out or "[" in out or "{" in out:
        out = _EMPTY_BRACKETS.sub(" ", out)
    if "  " in out or "\t" in out or "\xa0" in out:  # a run of two needs one of these
        out = _SPACES.sub(" ", out)
    return out.strip()


# A plain line: none of the characters any block, quote or noise pattern needs (digits, URL and
# path punctuation, quotation marks, apostrophes, line breaks), no camelCase or run of capitals
# (tested only when a capital follows the first character), no dot before a letter (file names,
# "www."). A few cheap tests instead of the dozen gates above: most messages are plain.
_PLAIN_BREAKERS = re.compile(r"""[\n>`"“«„「:/\\@#$_'\d]""")
_ASCII_CAPITAL = re.compile(r"[A-Z]")
_CAMEL_OR_CAPS = re.compile(r"[a-z][A-Z]|[A-Z]{2}")


def is_plain(text: str) -> bool:
    """True when the detector has nothing to take out of *text*: no line break, ``>``, backquote or
    quotation mark to split blocks or quoted phrases on, and nothing :func:`strip_noise` removes
    (it returns the text stripped of surrounding whitespace). A conservative test: ``False`` proves
    nothing.

    >>> is_plain("Wo bleibt meine Bestellung?"), is_plain("order #A-1182"), is_plain("iPhone kaputt")
    (True, False, False)
    """
    return (
        _PLAIN_BREAKERS.search(text) is None
        and (_ASCII_CAPITAL.search(text, 1) is None or _CAMEL_OR_CAPS.search(text) is None)
        and ("." not in text or (_DOT_WORD.search(text) is None and "www." not in text))
        and (text.isascii() or _ACRONYM_GATE_U.search(text) is None)
    )


# Quotation marks that delimit a quoted phrase inside a sentence.
_QUOTED = regex.compile(r'"[^"\n]{3,}"|“[^”\n]{3,}”|„[^“”\n]{3,}[“”]|«[^»\n]{3,}»|「[^」\n]{2,}」'
                        r"|(?<![\p{L}\d])'[^'\n]{8,}'(?![\p{L}\d])")  # not apostrophes inside words (Windows'ta)


def inline_quotes(text: str) -> list[tuple[int, int]]:
    """Offsets of phrases in quotation marks ("...", “...”, „...“, «...», 「...」).

    >>> t = 'Muncul pesan "Invalid password" terus'
    >>> [t[a:b] for a, b in inline_quotes(t)]
    ['"Invalid password"']
    """
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
