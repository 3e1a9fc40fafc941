"""Protect placeholders, markup and identifiers from machine translation.

:func:`mask` replaces every protected token with a sentinel (``ZQ0Z``, ``ZQ1Z``...) that MT engines
copy verbatim: it is plain ASCII letters and digits (no ``_``, which argostranslate's decoder turns
into a space, no brackets, which SentencePiece models like to split), and it is not a word in any
language. :func:`unmask` puts the originals back and :func:`verify` checks that the multiset of
protected tokens is unchanged.

Protected, in this order of precedence: Jinja ``{{ }}`` / ``{% %}`` / ``{# #}``; Markdown inline
code (```` `cmd` ````) and link targets (``](https://...)``, ``][ref]``); ICU messages
(``{count, plural, ...}`` as one token); ``{name}`` / ``{0}`` format fields; ``%(name)s``,
``%s``/``%d``/``%1$s``/``%%``; ``$var`` / ``${var}``; HTML/XML tags, comments and entities; URLs;
e-mail addresses; order/ticket ids (``#A-1182``, ``ORD-12345``); do-not-translate terms; and any
text that already looks like a sentinel.

>>> m = mask("Hi {user_name}, see <a href='https://x.io/t?id=1'>ticket #A-1182</a>.")
>>> m.text
'Hi ZQ0Z, see ZQ1Z ticket ZQ2Z ZQ3Z.'
>>> unmask(m, "Hallo ZQ0Z, siehe ZQ1Z Ticket ZQ2Z ZQ3Z.").text
"Hallo {user_name}, siehe <a href='https://x.io/t?id=1'>Ticket #A-1182</a>."
>>> unmask(m, "Hallo ZQ0Z, siehe Ticket ZQ2ZZQ3Z.").ok
False
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import regex

__all__ = [
    "Masked",
    "ProtectedToken",
    "Unmasked",
    "find_protected",
    "mask",
    "unmask",
    "verify",
]

SENTINEL_FMT = "ZQ{}Z"
"""How the *n*-th protected token is written while the text goes through MT."""

# Tolerant of what decoders do to a sentinel: case changes, a stray space between its parts.
_SENTINEL_OUT = regex.compile(r"(?i)z ?q ?(\d{1,4}) ?z")
_GLUE = regex.compile(r"[\p{L}\p{N}]")
_SENTINEL_FRAGMENT = regex.compile(r"(?i)\bzq|\bq\d+z\b")

_PATTERNS: tuple[tuple[str, str], ...] = (
    ("jinja", r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}"),
    ("code", r"(?<!`)(?P<bt>`+)(?!`)[^\n]+?(?<!`)(?P=bt)(?!`)"),
    ("mdlink", r"(?<=\])\((?:[^()\s]|\([^()\s]*\))+(?:\s+\"[^\"]*\")?\)|(?<=\])\[[^\[\]\n]+\]"),
    ("icu", r"(?<icur>\{\s*[\w.]+\s*,\s*(?:plural|select|selectordinal|number|date|time|spellout|ordinal)"
            r"\b(?:[^{}]++|\{(?:[^{}]++|(?&icur)|\{[^{}]*\})*\})*\})"),
    ("field", r"\{[\w.\[\]]*(?:![rsa])?(?::[^{}\s]*)?\}"),
    ("printf", r"%\([\w.-]+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
               r"|%(?:\d+\$)?[-#0+]*(?:\d+|\*)?(?:\.\d+)?(?:l|ll|h|z)?[diouxXeEfFgGcrsa@]|%%"),
    ("shellvar", r"\$\{[A-Za-z_]\w*\}|\$[A-Za-z_]\w*"),
    ("tag", r"<!--.*?-->|</?[A-Za-z][\w:.-]*(?:\s+[^<>]*?)?\s*/?>|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);"),
    ("url", r"(?:https?|ftp)://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]|www\.[\w-]+(?:\.[\w-]+)+(?:/[^\s<>\"']*[^\s<>\"'.,;:!?)\]])?"),
    ("email", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}"),
    ("id", r"#(?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9-]*|\b[A-Z]{2,6}-\d{2,}(?:-\d+)*\b"),
    # Source text that unmask() could mistake for a sentinel or its debris (``ZQ1Z``, ``zq 3``, ``q2z``).
    ("sentinel", r"(?i:z ?q ?\d{1,4}(?: ?z)?|zq|\bq\d+z\b)"),
)


@dataclass(frozen=True, slots=True)
class ProtectedToken:
    """One protected span of the source.

    Attributes:
        kind: ``jinja``, ``code``, ``mdlink``, ``icu``, ``field``, ``printf``, ``shellvar``, ``tag``,
            ``url``, ``email``, ``id``, ``dnt`` (do-not-translate term), ``term`` (forced glossary term,
            restored as its *replacement*) or ``sentinel``.
        text: the exact source text.
        start: offset in the source.
        sentinel: what stood in for it during MT.
    """

    kind: str
    text: str
    start: int
    sentinel: str
    replacement: str | None = None
    pad_left: bool = False
    pad_right: bool = False

    @property
    def restored(self) -> str:
        """What goes back into the translation: the original, or the forced glossary term."""
        return self.text if self.replacement is None else self.replacement


@dataclass(frozen=True, slots=True)
class Masked:
    """A masked string: ``text`` goes to MT, ``tokens`` come back with :func:`unmask`."""

    source: str
    text: str
    tokens: tuple[ProtectedToken, ...]

    @property
    def protected(self) -> Counter[str]:
        """Multiset of protected token texts that must come back unchanged (forced terms excluded)."""
        return Counter(t.text for t in self.tokens if t.kind != "term")


@dataclass(frozen=True, slots=True)
class Unmasked:
    """Result of restoring one hypothesis.

    Attributes:
        text: the hypothesis with sentinels replaced by the original tokens.
        ok: the multiset of protected tokens is unchanged and no sentinel debris is left.
        problems: what went wrong (``missing {name}``, ``duplicated <b>``, ``leftover sentinel``...).
    """

    text: str
    ok: bool
    problems: tuple[str, ...] = ()


def _compile(dnt_terms: tuple[str, ...], forced: tuple[str, ...]) -> regex.Pattern[str]:
    parts = [f"(?P<{kind}>{pat})" for kind, pat in _PATTERNS]
    for name, terms, flags in (("dnt", dnt_terms, ""), ("term", forced, "(?i)")):
        ordered = sorted({t for t in terms if t.strip()}, key=len, reverse=True)
        if ordered:
            alts = "|".join(regex.escape(t) for t in ordered)
            body = f"(?:{alts})" if not flags else f"(?i:{alts})"
            parts.insert(len(parts) - 1, rf"(?P<{name}>(?<!\w){body}(?!\w))")
    return regex.compile("|".join(parts), regex.DOTALL)


_cache: dict[tuple[tuple[str, ...], tuple[str, ...]], regex.Pattern[str]] = {}


def _pattern(dnt_terms: Iterable[str], forced: Iterable[str] = ()) -> regex.Pattern[str]:
    key = (tuple(sorted(set(dnt_terms))), tuple(sorted(set(forced))))
    pat = _cache.get(key)
    if pat is None:
        if len(_cache) > 64:
            _cache.clear()
        pat = _cache[key] = _compile(*key)
    return pat


def find_protected(text: str, *, dnt_terms: Iterable[str] = (),
                   forced_terms: Iterable[str] = ()) -> list[tuple[str, str, int]]:
    """Every protected token in *text* as ``(kind, text, start)``, left to right.

    >>> [k for k, _, _ in find_protected("{{ n }} %(x)s %d $v <b> a@b.io ORD-12345 {c, plural, one {# x} other {# y}}")]
    ['jinja', 'printf', 'printf', 'shellvar', 'tag', 'email', 'id', 'icu']
    """
    out: list[tuple[str, str, int]] = []
    for m in _pattern(dnt_terms, forced_terms).finditer(text):
        kind = m.lastgroup or "token"
        out.append((kind, m.group(0), m.start()))
    return out


def mask(text: str, *, dnt_terms: Iterable[str] = (), forced_terms: Mapping[str, str] | None = None) -> Masked:
    """Replace every protected token of *text* by a sentinel.

    *dnt_terms* come back unchanged; each key of *forced_terms* (matched case-insensitively on word
    boundaries) comes back as its value, the glossary's required target term.

    >>> mask("Order ORD-12345 for %(name)s").text
    'Order ZQ0Z for ZQ1Z'
    >>> mask("Keep Zendesk as is", dnt_terms=["Zendesk"]).tokens[0].kind
    'dnt'
    >>> m = mask("Your refund is on its way", forced_terms={"refund": "Rückerstattung"})
    >>> unmask(m, "Ihre ZQ0Z ist unterwegs").text
    'Ihre Rückerstattung ist unterwegs'
    """
    forced = {k.lower(): v for k, v in (forced_terms or {}).items()}
    tokens: list[ProtectedToken] = []
    pieces: list[str] = []
    last = 0
    for kind, tok, start in find_protected(text, dnt_terms=dnt_terms, forced_terms=forced):
        sentinel = SENTINEL_FMT.format(len(tokens))
        end = start + len(tok)
        # A sentinel glued to a word ("<b>here</b>") would hide the word from the model: add a space
        # on that side and take it away again in unmask().
        pad_l = start > 0 and bool(_GLUE.match(text[start - 1]))
        pad_r = end < len(text) and bool(_GLUE.match(text[end]))
        pieces.append(text[last:start])
        pieces.append((" " if pad_l else "") + sentinel + (" " if pad_r else ""))
        replacement = forced.get(tok.lower()) if kind == "term" else None
        tokens.append(ProtectedToken(kind, tok, start, sentinel, replacement, pad_l, pad_r))
        last = start + len(tok)
    pieces.append(text[last:])
    return Masked(source=text, text="".join(pieces), tokens=tuple(tokens))


def unmask(masked: Masked, hypothesis: str) -> Unmasked:
    """Restore the protected tokens of *masked* into an MT *hypothesis* and verify them.

    >>> m = mask("Dear {name}")
    >>> unmask(m, "Liebe ZQ0Z").text
    'Liebe {name}'
    >>> unmask(m, "Liebe ZQ0Z ZQ0Z").problems
    ('token 0 {name} appears 2 times',)
    """
    if not masked.tokens:
        debris = _SENTINEL_OUT.findall(hypothesis)
        if debris:
            return Unmasked(hypothesis, False, ("the output contains a sentinel that the source did not have",))
        return Unmasked(hypothesis, True)
    by_index = dict(enumerate(masked.tokens))
    seen: Counter[int] = Counter()
    problems: list[str] = []

    matches = list(_SENTINEL_OUT.finditer(hypothesis))
    drop: set[int] = set()  # spaces that mask() added next to glued sentinels
    for m in matches:
        idx = int(m.group(1))
        tok = by_index.get(idx)
        if tok is None:
            problems.append(f"unknown sentinel {m.group(0)!r} in the output")
            continue
        seen[idx] += 1
        if tok.pad_left and m.start() > 0 and hypothesis[m.start() - 1] == " ":
            drop.add(m.start() - 1)
        if tok.pad_right and m.end() < len(hypothesis) and hypothesis[m.end()] == " ":
            drop.add(m.end())
    pieces: list[str] = []
    last = 0
    for m in matches:
        pieces.extend(ch for j, ch in enumerate(hypothesis[last:m.start()], last) if j not in drop)
        tok = by_index.get(int(m.group(1)))
        pieces.append(m.group(0) if tok is None else tok.restored)
        last = m.end()
    pieces.extend(ch for j, ch in enumerate(hypothesis[last:], last) if j not in drop)
    restored = "".join(pieces)
    for idx, tok in by_index.items():
        if seen[idx] == 0:
            problems.append(f"token {idx} {tok.text} is missing")
        elif seen[idx] > 1:
            problems.append(f"token {idx} {tok.text} appears {seen[idx]} times")
    # Sentinel debris (``ZQ3``, ``Q3Z``) means the model broke one apart.
    leftovers = _SENTINEL_FRAGMENT.findall(_SENTINEL_OUT.sub("", hypothesis))
    if leftovers:
        problems.append(f"broken sentinel {leftovers[0]!r} left in the output")
    if not problems:
        problems.extend(verify(masked, restored))
    return Unmasked(restored, not problems, tuple(problems))


def verify(masked: Masked, restored: str) -> list[str]:
    """Compare the protected-token multiset of *restored* with the source's; return the differences.

    Catches tokens the engine invented (``{user}`` that was not in the source) and tokens damaged by
    their neighbours (a URL glued to the next word).

    >>> verify(mask("Hi {name}"), "Hallo {name} {extra}")
    ['unexpected {extra} in the output']
    """
    dnt = [t.text for t in masked.tokens if t.kind == "dnt"]
    want = masked.protected
    got = Counter(tok for _, tok, _ in find_protected(restored, dnt_terms=dnt))
    problems = [f"{tok} is missing or damaged" for tok in sorted(want - got)]
    problems += [f"unexpected {tok} in the output" for tok in sorted(got - want)]
    return problems
