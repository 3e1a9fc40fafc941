"""The contract every culture module in :mod:`toneloc.rules` follows, and the shared machinery.

A culture module (``rules/de.py``) defines **one** subclass of :class:`CultureRules` and binds it to
the module-level name ``Rules``::

    class German(CultureRules):
        '''German tone rules.

        References:
            Duden, "Anrede mit du und Sie" ...
        '''
        language = "de"
        references = ("Duden ...",)
        to_formal = (GreetingRule(), DuToSieRule())
        to_informal = ()                       # empty where it cannot be done reliably
        soften = (...)                         # directness -> "indirect"
        sharpen = (...)                        # directness -> "direct"
        markers = (marker("de.du", r"\\bdu\\b", "informal", "informal 'du'"),)

    Rules = German

Behaviour is a tuple of small :class:`Rule` objects. A rule looks at the text and returns
:class:`Edit` objects (spans into the text it was given); it never edits the text itself. The base
class runs the rules of one *pass* over the same text, keeps the first edit of overlapping ones (so
order the tuple by priority), drops every edit that touches a *protected span* and applies the rest.
Passes run in this order: formality (``to_formal`` / ``to_informal``), then directness (``soften``
or ``sharpen``); edits of the second pass are mapped back so every :class:`Edit` in a
:class:`RewriteResult` has offsets into the **original** text.

Protected spans are never touched: placeholders (``{x}``, ``{{ x }}``, ``%(x)s``, ``%s``, ``$x``,
``:x:``), URLs, e-mail addresses, code in backticks, quoted text ("...", “...”, «...», „...“) and the
product names a caller passes in ``protect``.

>>> from toneloc.rules._base import Edit, apply_edits
>>> apply_edits("Hast du Zeit?", [Edit(0, 7, "Hast du", "Haben Sie", "de.demo", "demo")])
'Haben Sie Zeit?'
>>> protected_spans("Hi {name}, see https://x.io", ("ACME",))
((3, 9), (15, 27))
>>> match_case("HAST", "haben"), match_case("Hast", "haben"), match_case("hast", "Haben")
('HABEN', 'Haben', 'haben')
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import ClassVar, Literal, NamedTuple, Protocol, runtime_checkable

import regex

__all__ = [
    "LETTER",
    "CultureRules",
    "Directness",
    "Edit",
    "Formality",
    "Marker",
    "RegexRule",
    "RegisterHit",
    "RewriteResult",
    "Rule",
    "RuleContext",
    "Token",
    "WordMapRule",
    "apply_edits",
    "at_sentence_start",
    "compile_rx",
    "compose_edits",
    "lemmatizer",
    "marker",
    "match_case",
    "protected_spans",
    "select_edits",
    "split_clauses",
    "tokenize",
    "word_pattern",
]

Formality = Literal["formal", "informal"]
"""Target register of a rewrite."""

Directness = Literal["direct", "balanced", "indirect"]
"""Target directness of a rewrite (``balanced`` leaves the text as it is)."""

LETTER = r"[\p{L}\p{M}\p{N}_]"
"""One word character, Unicode-aware (letters, marks, digits, underscore)."""


def compile_rx(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    r"""``regex.compile`` in version 1 with *simple* case folding.

    ``regex.V1 | regex.I`` turns on full Unicode case folding (``ß`` matches ``ss``), which makes a
    pattern with a look-behind 10-30 times slower (about 100 µs instead of 4 µs on a 300-character
    reply). The tone rules match short function words, for which simple folding is exact, so every
    rule pattern is compiled with ``(?-f)``.

    >>> bool(compile_rx(r"(?<!\p{L})te(?!\p{L})", regex.I).search("TE voir"))
    True
    """
    return regex.compile("(?-f)" + pattern, flags | regex.V1)


# --------------------------------------------------------------------------- result types
@dataclass(frozen=True, slots=True, init=False)
class Edit:
    """One replacement: ``text[start:end] == before`` becomes ``after``.

    In a :class:`RewriteResult` the offsets point into the *original* text. ``start == end`` is an
    insertion. ``unsure`` marks an edit the rule is not certain about (it sets ``needs_review``).

    >>> Edit(0, 4, "Hast", "Haben", "de.demo", "demo")
    Edit(start=0, end=4, before='Hast', after='Haben', rule_id='de.demo', explanation='demo', unsure=False)
    """

    start: int
    end: int
    before: str
    after: str
    rule_id: str
    explanation: str
    unsure: bool = False

    def __init__(
        self, start: int, end: int, before: str, after: str, rule_id: str, explanation: str, unsure: bool = False
    ) -> None:
        # The __init__ dataclass writes for a frozen class calls object.__setattr__ per field (about
        # 550 ns per edit); setting the slots through their descriptors does the same in half the
        # time, and rules create thousands of edits per second. Fields and order: _EDIT_SLOTS.
        _set_start(self, start)
        _set_end(self, end)
        _set_before(self, before)
        _set_after(self, after)
        _set_rule_id(self, rule_id)
        _set_explanation(self, explanation)
        _set_unsure(self, unsure)


_EDIT_SLOTS = ("start", "end", "before", "after", "rule_id", "explanation", "unsure")
_set_start, _set_end, _set_before, _set_after, _set_rule_id, _set_explanation, _set_unsure = (
    Edit.__dict__[name].__set__ for name in _EDIT_SLOTS
)


@dataclass(frozen=True, slots=True)
class RewriteResult:
    """The outcome of :func:`toneloc.tone.rewrite`.

    Attributes:
        text: the rewritten text (equal to ``source`` when nothing applied).
        source: the input text.
        locale: tag of the locale the rules ran for (``de-DE``).
        formality: the register that was targeted, or ``None`` when formality was left alone.
        directness: the directness that was targeted, or ``None`` when it was left alone.
        edits: every edit, offsets into ``source``, in order.
        needs_review: ``True`` when a rule was unsure or the target could not be reached reliably.
        reasons: why a review is needed (one sentence each).
    """

    text: str
    source: str
    locale: str
    formality: Formality | None
    directness: Directness | None
    edits: tuple[Edit, ...] = ()
    needs_review: bool = False
    reasons: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether the text differs from the source."""
        return self.text != self.source

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class RegisterHit:
    """A word or phrase that marks a register (for the tone checker and the linter)."""

    start: int
    end: int
    text: str
    register: Formality
    rule_id: str
    message: str


# --------------------------------------------------------------------------- rule protocol
@dataclass(slots=True)
class RuleContext:
    """What a rule may know besides the text. One context per pass; rules may call :meth:`flag`.

    Attributes:
        locale: BCP 47 tag (``pt-PT``); ``region`` is its territory (``PT``) or ``None``.
        formality: the register being targeted in this pass (``None`` in a directness pass).
        directness: the directness being targeted (``None`` in a formality pass).
        protected: sorted, non-overlapping ``(start, end)`` spans of the text that must not change.
        reasons: review reasons collected so far (use :meth:`flag`).
    """

    locale: str
    region: str | None = None
    formality: Formality | None = None
    directness: Directness | None = None
    protected: tuple[tuple[int, int], ...] = ()
    reasons: list[str] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)
    _tokens: dict[tuple[regex.Pattern[str], str], list[Token]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._starts = [s for s, _ in self.protected]

    def is_protected(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` intersects a protected span (an insertion strictly inside one counts)."""
        i = bisect.bisect_left(self._starts, end if end > start else start) - 1
        while i >= 0:
            s, e = self.protected[i]
            if e <= start:
                return False
            if start == end:
                return s < start < e
            return True
        return False

    def flag(self, reason: str) -> None:
        """Record that the rewrite needs a human look (deduplicated)."""
        if reason not in self.reasons:
            self.reasons.append(reason)


@runtime_checkable
class Rule(Protocol):
    """A small, explainable rewrite rule.

    ``id`` is stable and dotted (``de.du-sie.verb``); ``explanation`` is one sentence a reviewer can
    read. ``apply`` returns edits with offsets into *text*; it must not raise on any input.
    """

    id: str
    explanation: str

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        """Return the edits this rule proposes for *text*."""
        ...


Replacement = str | Callable[["regex.Match[str]", str, RuleContext], str | None]


class RegexRule:
    """A rule from a pattern and a replacement.

    ``repl`` is either a template string (``\\1`` groups allowed) or a function
    ``(match, text, ctx) -> str | None`` (``None`` skips the match). With ``keep_case=True`` the
    replacement copies the capitalisation of the matched text (``Hi`` -> ``Hello``, ``HI`` -> ``HELLO``).
    ``group`` rewrites only that group of the match.

    >>> r = RegexRule("en.hey", word_pattern("hey"), "hello", "greeting", flags=regex.I, keep_case=True)
    >>> [e.after for e in r.apply("Hey there, hey", RuleContext("en"))]
    ['Hello', 'hello']
    """

    __slots__ = ("explanation", "flag_reason", "group", "id", "keep_case", "pattern", "repl", "unsure")

    def __init__(
        self,
        id: str,
        pattern: str | regex.Pattern[str],
        repl: Replacement,
        explanation: str,
        *,
        flags: int = 0,
        keep_case: bool = False,
        group: int | str = 0,
        unsure: bool = False,
        flag_reason: str | None = None,
    ) -> None:
        self.id = id
        self.pattern = compile_rx(pattern, flags) if isinstance(pattern, str) else pattern
        self.repl = repl
        self.explanation = explanation
        self.keep_case = keep_case
        self.group = group
        self.unsure = unsure
        self.flag_reason = flag_reason

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        for m in self.pattern.finditer(text):
            if isinstance(self.repl, str):
                after: str | None = m.expand(self.repl)
                if self.group != 0:
                    after = self.repl
            else:
                after = self.repl(m, text, ctx)
            if after is None:
                continue
            start, end = m.span(self.group)
            before = text[start:end]
            if self.keep_case:
                after = match_case(before, after)
            if after == before:
                continue
            out.append(Edit(start, end, before, after, self.id, self.explanation, self.unsure))
            if self.flag_reason:
                ctx.flag(self.flag_reason)
        return out


class WordMapRule:
    """Whole-word replacements from a mapping, case kept from the source word.

    >>> r = WordMapRule("en.slang", {"gonna": "going to", "thx": "thank you"}, "slang")
    >>> [e.after for e in r.apply("Thx, we're gonna fix it", RuleContext("en"))]
    ['Thank you', 'going to']
    """

    __slots__ = ("case_sensitive", "explanation", "id", "mapping", "pattern")

    def __init__(self, id: str, mapping: dict[str, str], explanation: str, *, case_sensitive: bool = False) -> None:
        self.id = id
        self.explanation = explanation
        self.case_sensitive = case_sensitive
        self.mapping = dict(mapping) if case_sensitive else {k.lower(): v for k, v in mapping.items()}
        keys = sorted(mapping, key=len, reverse=True)
        self.pattern = compile_rx(word_pattern(*keys), 0 if case_sensitive else regex.I)

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out = []
        for m in self.pattern.finditer(text):
            w = m.group(0)
            after = self.mapping[w] if self.case_sensitive else match_case(w, self.mapping[w.lower()])
            if after != w:
                out.append(Edit(m.start(), m.end(), w, after, self.id, self.explanation))
        return out


# --------------------------------------------------------------------------- register markers
@dataclass(frozen=True, slots=True)
class Marker:
    """A pattern whose matches mark a register, for :meth:`CultureRules.find_register`."""

    rule_id: str
    pattern: regex.Pattern[str]
    register: Formality
    message: str


def marker(rule_id: str, pattern: str, register: Formality, message: str, *, flags: int = 0) -> Marker:
    """Build a :class:`Marker` (pattern compiled with ``regex.V1``)."""
    return Marker(rule_id, compile_rx(pattern, flags), register, message)


# --------------------------------------------------------------------------- helpers
def word_pattern(*words: str) -> str:
    """A pattern matching any of *words* as whole words (Unicode-aware, longest first).

    Apostrophes and hyphens inside a word are not boundaries on the left, so ``t'`` in ``l'ont``
    never matches ``word_pattern("t'")``.

    >>> bool(regex.search(word_pattern("du"), "Hast du?")), bool(regex.search(word_pattern("du"), "Dusche"))
    (True, False)
    """
    alts = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    tail = r"(?!" + LETTER + ")" if not any(w.endswith(("'", "’", "-")) for w in words) else ""
    if tail:
        return rf"(?<![\p{{L}}\p{{M}}\p{{N}}_'’-])(?:{alts}){tail}"
    return rf"(?<![\p{{L}}\p{{M}}\p{{N}}_'’-])(?:{alts})"


def match_case(template: str, word: str) -> str:
    """Give *word* the capitalisation pattern of *template* (UPPER, Title or lower).

    Only the first letter is lowered or raised for Title/lower, so ``Ihnen`` stays ``Ihnen`` inside
    a word list that is already cased; use it for words whose case is free.
    """
    if not word or not template:
        return word
    if template.isupper():  # cheap pre-test: only all-caps candidates pay for the letter scan
        letters = [c for c in template if c.isalpha()]
        if len(letters) > 1 and all(c.isupper() for c in letters):
            return word.upper()
    first = template[0]
    if first.isupper():
        return word[0].upper() + word[1:]
    if first.islower():
        return word[0].lower() + word[1:]
    return word


_SENT_END = regex.compile(r"[.!?¿¡…。！？:\n\"“”«»„()\-–—]\s*$|^\s*$")


def at_sentence_start(text: str, pos: int) -> bool:
    """Whether *pos* starts a sentence (start of text, after ``.!?:``, a line break or an opening quote).

    >>> at_sentence_start("Ja. Hast du", 4), at_sentence_start("Ja, hast du", 4)
    (True, False)
    """
    return bool(_SENT_END.search(text[max(0, pos - 12) : pos]))


_PROTECT_PARTS: tuple[tuple[str, regex.Pattern[str]], ...] = tuple(
    (trigger, regex.compile(p, regex.X | regex.S | regex.V1))
    for trigger, p in (
        ("{", r"""\{\{.*?\}\} | \{%.*?%\} | \{[^{}\s][^{}]{0,80}\}"""),  # {{ jinja }} {% x %} {name} {0}
        ("%", r"""%\([^)]{1,60}\)[-\#0 +]*\d*(?:\.\d+)?[sdifr] | %[-\#0 +]*\d*(?:\.\d+)?[sdif]"""),  # %(x)s %s
        ("$", r"""\$\{[^}]{1,60}\} | \$[A-Za-z_]\w*"""),  # ${x} $x
        (":", r"""(?:https?|ftp)://[^\s<>"'`]+"""),  # URLs
        ("www.", r"""\bwww\.[^\s<>"'`]+"""),
        ("@", r"""[\w.+-]+@[\w-]+(?:\.[\w-]+)+"""),  # e-mail
        ("`", r"""```.*?``` | `[^`\n]+`"""),  # code
        ('"', r"""""[^"\n]{1,120}""                     # CSV-escaped quote: ""x"" inside a "..." field
                  | (?<!")"(?!")[^"\n]{1,120}"(?!")     # "quoted" (a doubled "" is an escape, not a delimiter)"""),
        ("“", r"""“[^”\n]{1,120}”"""),
        ("„", r"""„[^“”\n]{1,120}[“”]"""),
        ("«", r"""«[^»\n]{1,120}»"""),
        ("「", r"""「[^」\n]{1,120}」"""),
        ("<", r"""<[a-zA-Z/][^<>\n]{0,200}>"""),  # HTML tags
    )
)
"""What :func:`protected_spans` protects, each with a substring that must occur for it to match (the
patterns run only when their trigger is in the text: a plain reply costs a few ``str.find`` calls)."""


def protected_spans(text: str, protect: Iterable[str] = ()) -> tuple[tuple[int, int], ...]:
    """Sorted, merged ``(start, end)`` spans of *text* no rule may touch.

    *protect* lists literal strings (product names, brand spellings) protected wherever they occur.
    URLs lose trailing sentence punctuation (``see https://x.io.`` protects ``https://x.io``).
    """
    spans: list[tuple[int, int]] = []
    for trigger, pattern in _PROTECT_PARTS:
        if trigger not in text:
            continue
        for m in pattern.finditer(text):
            s, e = m.span()
            if trigger in (":", "www.", "@"):  # URL / e-mail: drop trailing punctuation
                while e > s and text[e - 1] in ".,;:!?)":
                    e -= 1
            spans.append((s, e))
    for name in protect:
        if not name:
            continue
        i = text.find(name)
        while i >= 0:
            spans.append((i, i + len(name)))
            i = text.find(name, i + len(name))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return tuple(merged)


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def select_edits(edits: Iterable[Edit], ctx: RuleContext | None = None) -> list[Edit]:
    """Keep edits in priority order, dropping any that overlap an earlier one or a protected span.

    Returns them sorted by position (two kept edits never share ``(start, end)``: they would overlap).

    >>> e = [Edit(0, 4, "Hast", "Haben", "a", ""), Edit(2, 6, "st d", "", "b", ""), Edit(5, 7, "du", "Sie", "c", "")]
    >>> [x.rule_id for x in select_edits(e)]
    ['a', 'c']
    """
    todo = edits if isinstance(edits, list) else list(edits)
    if len(todo) < max(SELECT_SCAN_MAX, 1):
        return _select_edits_scan(todo, ctx)
    # One flag byte per character position, so each overlap test is a C-level bytearray.find over
    # the candidate's span and the selection is linear in the edits' length (the sorted list of the
    # scan, kept with list.insert, is quadratic on a 1 MB reply). In the terms of _overlaps:
    # covered[p]: a kept span covers p; inner[p]: a kept span covers p and starts before it;
    # inserted[p]: a kept insertion at p.
    size = max(map(_END, todo)) + 1
    covered, inner, inserted = bytearray(size), bytearray(size), bytearray(size)
    is_protected = ctx.is_protected if ctx is not None and ctx.protected else None
    kept: list[Edit] = []
    for ed in todo:
        s, e = ed.start, ed.end
        if e < s or s < 0:
            return _select_edits_scan(todo, ctx)  # malformed spans (no rule makes them)
        if is_protected is not None and is_protected(s, e):
            continue
        if s == e:  # an insertion clashes with one at the same point or a span strictly around it
            if inserted[s] or inner[s]:
                continue
            inserted[s] = 1
        else:  # a span clashes with a span it intersects or an insertion strictly inside it
            if covered.find(1, s, e) >= 0 or (e - s > 1 and inserted.find(1, s + 1, e) >= 0):
                continue
            covered[s:e] = b"\x01" * (e - s)
            inner[s + 1 : e] = b"\x01" * (e - s - 1)
        kept.append(ed)
    kept.sort(key=_POSITION)
    return kept


SELECT_SCAN_MAX = 512
"""Below this many proposed edits (a reply has tens) :func:`select_edits` scans a sorted list of
the kept edits, which is fastest there; above it, the flag arrays keep it linear."""

_END = operator.attrgetter("end")
_POSITION = operator.attrgetter("start", "end")
_UNSURE = operator.attrgetter("unsure")


def _select_edits_scan(edits: Sequence[Edit], ctx: RuleContext | None) -> list[Edit]:
    """:func:`select_edits` over the kept edits sorted by start: only those starting within the
    longest kept span before a candidate can overlap it (a bisect finds them). Each kept edit is
    inserted into the sorted list, which is quadratic on very many edits."""
    kept: list[Edit] = []
    starts: list[int] = []
    longest = 0
    is_protected = ctx.is_protected if ctx is not None and ctx.protected else None
    # an edit that ends before the first protected span or starts after the last cannot touch one
    lo, hi = (ctx.protected[0][0], ctx.protected[-1][1]) if is_protected is not None and ctx else (0, 0)
    for ed in edits:
        if (is_protected is not None and ((lo < ed.end and ed.start < hi) or ed.end < ed.start)
                and is_protected(ed.start, ed.end)):
            continue
        i = bisect.bisect_left(starts, ed.start - longest)
        clash = False
        while i < len(kept) and starts[i] <= ed.end:
            if _overlaps(ed, kept[i]):
                clash = True
                break
            i += 1
        if clash:
            continue
        j = bisect.bisect_right(starts, ed.start)
        starts.insert(j, ed.start)
        kept.insert(j, ed)
        if ed.end - ed.start > longest:
            longest = ed.end - ed.start
    kept.sort(key=_POSITION)
    return kept


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply sorted, non-overlapping *edits* to *text*."""
    parts: list[str] = []
    pos = 0
    for ed in sorted(edits, key=_POSITION):
        parts.append(text[pos : ed.start])
        parts.append(ed.after)
        pos = ed.end
    parts.append(text[pos:])
    return "".join(parts)


def compose_edits(original: str, first: Sequence[Edit], second: Sequence[Edit]) -> list[Edit]:
    """Express *second* (offsets into ``apply_edits(original, first)``) against *original*.

    Edits of the two passes that overlap or touch are merged into one edit whose ``rule_id`` joins
    both ids with ``+``. Applying the result to *original* gives the text of both passes.

    >>> o = "Schick mir das."
    >>> f = [Edit(0, 6, "Schick", "Schicken Sie", "a", "x")]
    >>> s = [Edit(0, 0, "", "Bitte ", "b", "y"), Edit(0, 1, "S", "s", "b", "y")]
    >>> c = compose_edits(o, f, s)
    >>> [(e.start, e.end, e.after, e.rule_id) for e in c], apply_edits(o, c)
    ([(0, 6, 'Bitte schicken Sie', 'a+b')], 'Bitte schicken Sie mir das.')
    """
    first = sorted(first, key=_POSITION)
    if not second:
        return list(first)
    intermediate = apply_edits(original, first)
    # items in intermediate coordinates: (start, end, pass, edit)
    items: list[tuple[int, int, int, Edit]] = []
    delta = 0
    for ed in first:
        items.append((ed.start + delta, ed.start + delta + len(ed.after), 1, ed))
        delta += len(ed.after) - (ed.end - ed.start)
    items.extend((ed.start, ed.end, 2, ed) for ed in second)
    items.sort(key=lambda t: (t[0], t[1], t[2]))
    groups: list[list[tuple[int, int, int, Edit]]] = []
    g_end = -1
    for it in items:
        if groups and it[0] <= g_end and (it[2] == 2 or any(x[2] == 2 for x in groups[-1]) or it[0] < g_end):
            groups[-1].append(it)
            g_end = max(g_end, it[1])
        else:
            groups.append([it])
            g_end = it[1]
    out: list[Edit] = []
    shift = 0  # len(after) - len(before) of every first-pass edit in earlier groups
    for grp in groups:
        if len(grp) == 1:  # the common case: an edit that touches no edit of the other pass
            g0 = grp[0][3]
            if grp[0][2] == 1:
                out.append(g0)
                shift += len(g0.after) - (g0.end - g0.start)
            else:
                os_, oe = g0.start - shift, g0.end - shift
                out.append(Edit(os_, oe, original[os_:oe], g0.after, g0.rule_id, g0.explanation, g0.unsure))
            continue
        firsts = [x[3] for x in grp if x[2] == 1]
        seconds = [x[3] for x in grp if x[2] == 2]
        if not seconds:
            out.extend(firsts)
            shift += sum(len(f.after) - (f.end - f.start) for f in firsts)
            continue
        gs = min(x[0] for x in grp)
        ge = max(x[1] for x in grp)
        grp_shift = sum(len(f.after) - (f.end - f.start) for f in firsts)
        os_, oe = gs - shift, ge - shift - grp_shift
        chunk = intermediate[gs:ge]
        inner = [Edit(x.start - gs, x.end - gs, x.before, x.after, x.rule_id, x.explanation) for x in seconds]
        after = apply_edits(chunk, inner)
        ids = "+".join(dict.fromkeys([f.rule_id for f in firsts] + [x.rule_id for x in seconds]))
        expl = "; ".join(dict.fromkeys([f.explanation for f in firsts] + [x.explanation for x in seconds]))
        unsure = any(x.unsure for x in firsts + seconds)
        out.append(Edit(os_, oe, original[os_:oe], after, ids, expl, unsure))
        shift += grp_shift
    out.sort(key=_POSITION)
    return out


# --------------------------------------------------------------------------- tokens
class Token(NamedTuple):
    """A word or punctuation mark with its span; ``low`` is the lower-cased text.

    An immutable named tuple: rules build thousands per second, and a tuple is several times cheaper
    to create than a frozen dataclass.
    """

    start: int
    end: int
    text: str
    low: str
    word: bool


_TOKEN = regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*|\p{N}+|[^\s\p{L}\p{M}\p{N}]", regex.V1)
CLAUSE_BREAK = frozenset(",.;:!?()[]{}\"“”„«»—–…¿¡\n")


def tokenize(text: str, ctx: RuleContext | None = None, pattern: regex.Pattern[str] = _TOKEN) -> list[Token]:
    """Words (letters with inner apostrophes), numbers and single punctuation marks of *text*.

    With *ctx*, tokens inside protected spans are left out (so no rule sees them).

    >>> [t.text for t in tokenize("Hast du's, ok?")]
    ['Hast', "du's", ',', 'ok', '?']
    """
    if ctx is not None:
        key = (pattern, text)
        cached = ctx._tokens.get(key)
        if cached is not None:
            return cached  # one tokenisation per pass, shared by every rule that asks for it
    spans = ctx.protected if ctx is not None else ()
    out = _tokens_fast(text, pattern, spans) if not pattern.groups else None
    if out is None:
        out = []
        k, n = 0, len(spans)
        for m in pattern.finditer(text):
            s, e = m.span()
            if n:
                while k < n and spans[k][1] <= s:
                    k += 1  # spans are sorted and disjoint: walk them alongside the tokens
                if k < n and spans[k][0] < e:
                    continue
            t = m.group(0)
            out.append(Token(s, e, t, t.lower(), t[0].isalpha()))
    if ctx is not None:
        ctx._tokens[key] = out
    return out


def _tokens_fast(text: str, pattern: regex.Pattern[str], spans: Sequence[tuple[int, int]]) -> list[Token] | None:
    """Tokens from ``findall`` (no match objects: 3x faster), offsets recovered with ``str.find``.

    Valid when only whitespace separates the tokens (the token patterns cover every other
    character); returns ``None`` otherwise so the caller falls back to ``finditer``.
    """
    out: list[Token] = []
    append = out.append
    find = text.find
    new = tuple.__new__
    pos, k, n = 0, 0, len(spans)
    for t in pattern.findall(text):
        s = find(t, pos)
        if s != pos and not text[pos:s].isspace():
            return None
        e = s + len(t)
        pos = e
        if n:
            while k < n and spans[k][1] <= s:
                k += 1
            if k < n and spans[k][0] < e:
                continue
        append(new(Token, (s, e, t, t.lower(), t[0].isalpha())))
    return out


def split_clauses(tokens: Sequence[Token], breaks: frozenset[str] = CLAUSE_BREAK) -> list[list[Token]]:
    """Group tokens into clauses separated by punctuation (the punctuation is dropped)."""
    out: list[list[Token]] = [[]]
    for t in tokens:
        if not t.word and t.text in breaks:
            if out[-1]:
                out.append([])
        elif t.word or t.text[0].isdigit():
            out[-1].append(t)
    return [c for c in out if c]


# --------------------------------------------------------------------------- culture base
class CultureRules:
    """Base class of a culture's tone rules. Subclasses set the class attributes; see module doc.

    Class attributes:
        language: ISO 639 code (``de``).
        references: citations for every convention the rules encode (also in the docstring).
        default_formality: register used when neither the caller nor a culture profile says.
        to_formal / to_informal: rules of the formality pass, by priority. Leave ``to_informal``
            empty where it cannot be done reliably: the text then comes back unchanged.
        soften / sharpen: rules of the directness pass for ``indirect`` / ``direct``.
        markers: patterns marking a register, for :meth:`find_register`.
        uncertain: patterns that, when present, set ``needs_review`` (e.g. generic "je" in Dutch).
    """

    language: ClassVar[str] = ""
    references: ClassVar[tuple[str, ...]] = ()
    default_formality: ClassVar[Formality] = "formal"
    to_formal: ClassVar[tuple[Rule, ...]] = ()
    to_informal: ClassVar[tuple[Rule, ...]] = ()
    soften: ClassVar[tuple[Rule, ...]] = ()
    sharpen: ClassVar[tuple[Rule, ...]] = ()
    markers: ClassVar[tuple[Marker, ...]] = ()

    # ---------------------------------------------------------------- hooks
    def preprocess(self, text: str, ctx: RuleContext) -> None:
        """Hook run before a pass (e.g. flag ambiguous input). Default: nothing."""

    def rules_for(self, formality: Formality | None, directness: Directness | None) -> tuple[Rule, ...]:
        """The rules of one pass (override for locale variants)."""
        if formality == "formal":
            return self.to_formal
        if formality == "informal":
            return self.to_informal
        if directness == "indirect":
            return self.soften
        if directness == "direct":
            return self.sharpen
        return ()

    # ---------------------------------------------------------------- running
    def run_pass(
        self,
        text: str,
        ctx: RuleContext,
        rules: Sequence[Rule],
    ) -> list[Edit]:
        """Run *rules* over *text* and return the selected, non-overlapping edits."""
        if not text:
            return []
        self.preprocess(text, ctx)  # also without rules: it may flag what is not offered (sv du -> ni)
        if not rules:
            return []
        proposed: list[Edit] = []
        for rule in rules:
            proposed.extend(rule.apply(text, ctx))
        return select_edits(proposed, ctx)

    def rewrite(
        self,
        text: str,
        *,
        locale: str,
        formality: Formality | None,
        directness: Directness | None = None,
        protect: Iterable[str] = (),
    ) -> RewriteResult:
        """Rewrite *text* to *formality* and *directness* (``None`` leaves that dimension alone)."""
        protect = tuple(protect)
        region = locale.split("-")[1] if "-" in locale else None
        reasons: list[str] = []
        edits: list[Edit] = []
        current = text
        if formality is not None:
            ctx = RuleContext(locale, region, formality, None, protected_spans(text, protect), reasons)
            edits = self.run_pass(text, ctx, self.rules_for(formality, None))
            current = apply_edits(text, edits)
        if directness is not None and directness != "balanced":
            ctx2 = RuleContext(locale, region, None, directness, protected_spans(current, protect), reasons)
            second = self.run_pass(current, ctx2, self.rules_for(None, directness))
            if second:
                edits = compose_edits(text, edits, second)
                current = apply_edits(current, second)
        if any(map(_UNSURE, edits)):
            reasons.append("a rule was unsure about an edit (marked unsure=True)")
        return RewriteResult(
            text=current,
            source=text,
            locale=locale,
            formality=formality,
            directness=directness,
            edits=tuple(edits),
            needs_review=bool(reasons),
            reasons=tuple(dict.fromkeys(reasons)),
        )

    def find_register(self, text: str, protect: Iterable[str] = ()) -> list[RegisterHit]:
        """Every register marker in *text* outside protected spans, in order."""
        ctx = RuleContext(self.language, protected=protected_spans(text, protect))
        hits: list[RegisterHit] = []
        for mk in self.markers:
            for m in mk.pattern.finditer(text):
                s, e = m.span()
                if s == e or ctx.is_protected(s, e):
                    continue
                hits.append(RegisterHit(s, e, m.group(0), mk.register, mk.rule_id, mk.message))
        hits.sort(key=lambda h: (h.start, h.end))
        return hits


def lemmatizer() -> ModuleType:
    """The ``simplemma`` module the Romance and Dutch rules use to tell verbs from other words.

    Raises :class:`~toneloc.errors.MissingDependencyError` naming the extra when it is not installed.

    >>> lemmatizer().lemmatize("pouvez", lang="fr")
    'pouvoir'
    """
    try:
        import simplemma
    except ImportError as exc:
        from toneloc.errors import MissingDependencyError

        raise MissingDependencyError("the tone rules for fr, it, pt and nl need simplemma, which is not installed",
                                     hint='pip install "toneloc[tone]"') from exc
    return simplemma
