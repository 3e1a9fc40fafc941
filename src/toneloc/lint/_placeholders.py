"""Placeholder extraction and comparison (rule TL201).

Families: printf (C ``%s``/``%1$s``/``%<PRIu64>``, Python ``%(name)s``), brace (``{name}``, ``{0}``,
``{}``), Jinja (``{{ x }}``, ``{% ... %}``), ICU-like (``{count, plural, one {...} other {...}}``,
``{n, number}``) and HTML/XML tags.

Named placeholders are order-independent and may repeat; positional ones (C ``%s``/``%d`` without
``n$``, Python ``%s``, brace ``{}``) are compared by position, so a swapped type is reported.

>>> fmts = formats_for(["python-format"])
>>> src = placeholders("Hello %(name)s, ticket {{ ticket.id }} is <b>open</b>", fmts)
>>> sorted(p.text for p in src)
['%(name)s', '</b>', '<b>', '{{ ticket.id }}']
>>> [str(p) for p in compare(src, placeholders("Hallo %(nom)s, Ticket {{ ticket.id }} ist <b>offen</b>", fmts))]
['placeholder %(name)s renamed to %(nom)s']
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Mismatch", "Placeholder", "compare", "formats_for", "icu_branch_gaps", "icu_plurals", "placeholders"]

_PRINTF = re.compile(
    r"%(?:(?P<pos>[1-9]\d*)\$|\((?P<name>[^)\s]*)\))?"
    r"(?P<flags>[-+ #0']*)(?P<width>\*(?:\d+\$)?|\d+)?(?:\.(?P<prec>\*(?:\d+\$)?|\d+))?"
    r"(?P<len>hh|h|ll|l|L|q|j|z|Z|t|I64|I32|I)?"
    r"(?P<conv>[diouxXeEfFgGaAcCsSpnr%]|<PRI[a-zA-Z0-9_]+>)"
)
_JINJA = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}|\{%-?\s*(.*?)\s*-?%\}", re.S)
_ICU_COMPLEX = re.compile(r"^\s*([\w.]+)\s*,\s*(plural|select|selectordinal)\s*,(.*)$", re.S)
_ICU_SIMPLE = re.compile(r"^\s*([\w.]+)\s*,\s*(number|date|time|spellout|ordinal|duration)\s*(?:,.*)?$", re.S)
_BRACE_FIELD = re.compile(r"^([\w.\[\]]*)(![rsa])?(:[^{}]*)?$")
_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)((?:\s+[^<>]*?)?)\s*(/?)>")
_ATTR_KEEP = re.compile(r"\b(href|src|id|class|name|type|target|rel)\s*=\s*(\"[^\"]*\"|'[^']*'|\S+)", re.I)
_HTML_TAGS = frozenset([
    "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "big", "blockquote", "br", "button",
    "caption", "cite", "code", "col", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
    "figure", "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img",
    "input", "ins", "kbd", "label", "li", "link", "main", "mark", "nav", "ol", "p", "pre", "q", "s", "samp",
    "section", "small", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "time", "tr", "tt", "u", "ul", "var", "wbr",
])
_VOID_TAGS = frozenset({"br", "hr", "img", "input", "wbr", "col", "link"})
_NO_FORMATS = frozenset({"no-c-format", "no-python-format", "no-php-format", "no-sh-format"})
_PRINTF_FORMATS = frozenset({"c-format", "python-format", "php-format", "perl-format", "sh-format",
                             "objc-format", "awk-format", "gcc-internal-format", "gfc-internal-format"})


@dataclass(frozen=True, slots=True)
class Placeholder:
    """One placeholder: its family, a comparison key and the text as written.

    ``ordered`` placeholders carry their position in ``key`` (``#1:d``); named ones do not.
    """

    kind: str
    key: str
    text: str
    ordered: bool = False


@dataclass(frozen=True, slots=True)
class Mismatch:
    """A placeholder problem: ``missing``, ``extra``, ``renamed`` (or type changed)."""

    kind: str
    source: str
    target: str

    def __str__(self) -> str:
        if self.kind == "missing":
            return f"placeholder {self.source} missing in translation"
        if self.kind == "extra":
            return f"placeholder {self.target} in translation is not in the source"
        return f"placeholder {self.source} renamed to {self.target}"


def formats_for(flags: Iterable[str], *, catalog_printf: str | None = None) -> frozenset[str]:
    """The placeholder families to check for an entry with these PO *flags*.

    *catalog_printf* (``"c-format"``/``"python-format"``) is the printf flavour other entries of the
    catalog declare: an unflagged entry is then checked for plain ``%s``/``%d`` too (xgettext flags
    only msgids that contain ``%``, so a translator's stray ``%s`` would otherwise go unseen).

    >>> sorted(formats_for(["fuzzy", "c-format"]))
    ['c-printf', 'jinja', 'tag']
    >>> sorted(formats_for([]))
    ['brace', 'icu', 'jinja', 'named-printf', 'tag']
    """
    return _formats_for(tuple(flags), catalog_printf)


@functools.lru_cache(maxsize=512)
def _formats_for(flags: tuple[str, ...], catalog_printf: str | None) -> frozenset[str]:
    fl = set(flags)
    out = {"tag"}
    if "c-format" in fl or fl & (_PRINTF_FORMATS - {"python-format"}):
        out.add("c-printf")
    elif "python-format" in fl:
        out.add("py-printf")
    elif "no-python-format" not in fl and "no-c-format" not in fl:
        # unflagged: the unambiguous %(name)s form, plus flag-less %s/%d in a printf catalog
        out.add("loose-printf" if catalog_printf and not fl & _NO_FORMATS else "named-printf")
    if "python-brace-format" in fl:
        out.update({"brace", "icu", "brace-escapes"})
    else:
        out.add("jinja")
        if not (fl & _PRINTF_FORMATS) and "no-python-brace-format" not in fl:
            out.update({"brace", "icu"})
    return frozenset(out)


def _printf(text: str, style: str) -> list[Placeholder]:
    out: list[Placeholder] = []
    seq = 0
    for m in _PRINTF.finditer(text):
        conv = m.group("conv")
        if conv == "%":
            continue
        name = m.group("name")
        if style == "named-printf" and name is None:
            continue
        if style == "loose-printf" and (m.group("flags") or m.group("width") or m.group("prec")) and name is None:
            continue  # "100 % de remise", "50 %d" in prose: only bare %s, %d, %1$s... count here
        conv = "d" if conv == "i" else conv
        length = m.group("len") or ""
        if name is not None:
            out.append(Placeholder("printf", f"%({name}){length}{conv}", m.group(0)))
            continue
        if m.group("pos"):
            idx = int(m.group("pos"))
        else:
            seq += 1
            idx = seq
        star = 1 if m.group("width") == "*" else 0
        star += 1 if m.group("prec") == "*" else 0
        out.append(Placeholder("printf", f"#{idx + star if not m.group('pos') else idx}:{length}{conv}",
                               m.group(0), ordered=True))
        seq += star
    return out


def _strip(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    chars = list(text)
    for a, b in spans:
        for i in range(a, b):
            chars[i] = " "
    return "".join(chars)


def _match_brace(text: str, start: int) -> int:
    depth = 0
    for i in range(start, len(text)):
        c = text[i]
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _braces(text: str, out: list[Placeholder], auto: list[int], icu_inner: bool = False) -> None:
    i = 0
    n = len(text)
    while i < n:
        j = text.find("{", i)
        if j < 0:
            return
        end = _match_brace(text, j)
        if end < 0:
            return
        inner = text[j + 1:end]
        m = _ICU_COMPLEX.match(inner)
        if m:
            out.append(Placeholder("icu", f"{{{m.group(1)}, {m.group(2)}}}", f"{{{m.group(1)}, {m.group(2)}, ...}}"))
            # branch bodies: `key {message}`; nested arguments are compared as a set
            body = m.group(3)
            k = 0
            while True:
                b = body.find("{", k)
                if b < 0:
                    break
                e = _match_brace(body, b)
                if e < 0:
                    break
                _braces(body[b + 1:e], out, auto, icu_inner=True)
                k = e + 1
            i = end + 1
            continue
        m2 = _ICU_SIMPLE.match(inner)
        if m2:
            out.append(Placeholder("icu", f"{{{m2.group(1)}, {m2.group(2)}}}", text[j:end + 1]))
            i = end + 1
            continue
        f = _BRACE_FIELD.match(inner)
        if f:
            field_name = f.group(1)
            spec = (f.group(2) or "") + (f.group(3) or "")
            if field_name == "":
                auto[0] += 1
                out.append(Placeholder("brace", f"{{#{auto[0]}{spec}}}", text[j:end + 1], ordered=True))
            else:
                out.append(Placeholder("brace", f"{{{field_name}{spec}}}", text[j:end + 1]))
            i = end + 1
            continue
        i = j + 1  # not a placeholder: look inside


_ICU_SELECTOR = re.compile(r"\s*(=\d+|zero|one|two|few|many|other)\s*\{")


def icu_plurals(text: str) -> list[tuple[str, str, frozenset[str]]]:
    """``(argument, plural|selectordinal, selectors)`` of every ICU plural in *text* (nested ones too).

    >>> [(a, k, sorted(s)) for a, k, s in icu_plurals("{n, plural, one {# day} few {# дня} other {# дней}}")]
    [('n', 'plural', ['few', 'one', 'other'])]
    """
    out: list[tuple[str, str, frozenset[str]]] = []
    if "plural" not in text and "selectordinal" not in text:
        return out
    i = 0
    while True:
        j = text.find("{", i)
        if j < 0:
            return out
        end = _match_brace(text, j)
        if end < 0:
            return out
        m = _ICU_COMPLEX.match(text[j + 1:end])
        if m and m.group(2) in ("plural", "selectordinal"):
            body = m.group(3)
            k = 0
            if body.lstrip().startswith("offset:"):
                k = body.index("offset:") + len("offset:")
                while k < len(body) and (body[k].isdigit() or body[k].isspace()):
                    k += 1
            selectors: set[str] = set()
            while True:
                sm = _ICU_SELECTOR.match(body, k)
                if not sm:
                    break
                b = sm.end() - 1
                e = _match_brace(body, b)
                if e < 0:
                    break
                selectors.add(sm.group(1))
                out.extend(icu_plurals(body[b + 1:e]))
                k = e + 1
            out.append((m.group(1), m.group(2), frozenset(selectors)))
            i = end + 1
        else:
            i = j + 1


_ICU_ANY_SELECTOR = re.compile(r"\s*(=\d+|[\w-]+)\s*\{")
_ARG_NAME = re.compile(r"\{\s*([A-Za-z_][\w.]*)\s*[,}]")


def _icu_branches(text: str) -> dict[str, list[tuple[str, frozenset[str]]]]:
    """``{"{arg, kind}": [(selector, argument names used in that branch), ...]}`` for top-level ICU
    plural/select/selectordinal messages of *text*."""
    out: dict[str, list[tuple[str, frozenset[str]]]] = {}
    i = 0
    while True:
        j = text.find("{", i)
        if j < 0:
            return out
        end = _match_brace(text, j)
        if end < 0:
            return out
        m = _ICU_COMPLEX.match(text[j + 1:end])
        if not m:
            i = j + 1
            continue
        body = m.group(3)
        k = 0
        if body.lstrip().startswith("offset:"):
            k = body.index("offset:") + len("offset:")
            while k < len(body) and (body[k].isdigit() or body[k].isspace()):
                k += 1
        branches: list[tuple[str, frozenset[str]]] = []
        while True:
            sm = _ICU_ANY_SELECTOR.match(body, k)
            if not sm:
                break
            b = sm.end() - 1
            e = _match_brace(body, b)
            if e < 0:
                break
            branches.append((sm.group(1), frozenset(_ARG_NAME.findall(body[b + 1:e]))))
            k = e + 1
        out[f"{{{m.group(1)}, {m.group(2)}}}"] = branches
        i = end + 1


def icu_branch_gaps(source: str, target: str) -> list[str]:
    """Arguments that every branch of a source ICU message uses but a translated branch drops.

    ``=N`` branches (``=0 {No tickets}``) may leave arguments out, so they neither set nor need them.

    >>> icu_branch_gaps("{n, plural, one {# ticket for {name}} other {# tickets for {name}}}",
    ...                 "{n, plural, one {# Ticket} other {# Tickets für {name}}}")
    ["ICU branch 'one' of {n, plural} lacks {name}"]
    """
    if "{" not in target:
        return []
    src = _icu_branches(source)
    if not src:
        return []
    tgt = _icu_branches(target)
    out: list[str] = []
    for key, branches in src.items():
        sets = [names for sel, names in branches if not sel.startswith("=")]
        if not sets or key not in tgt:
            continue
        required = frozenset.intersection(*sets)
        for sel, names in tgt[key]:
            if sel.startswith("="):
                continue
            for name in sorted(required - names):
                out.append(f"ICU branch {sel!r} of {key} lacks {{{name}}}")
    return out


def _tags(text: str) -> list[Placeholder]:
    out: list[Placeholder] = []
    for m in _TAG.finditer(text):
        name = m.group(2).lower()
        attrs = m.group(3) or ""
        if name not in _HTML_TAGS and "=" not in attrs and ":" not in name:
            continue  # "<file>" in CLI help text is a translatable word, not markup
        keep = " ".join(f"{a.group(1).lower()}={a.group(2)}" for a in _ATTR_KEEP.finditer(attrs))
        closing = m.group(1)
        self_closing = "/" if m.group(4) and name not in _VOID_TAGS else ""  # <br> = <br/> = <br />
        key = f"<{closing}{name}{' ' + keep if keep else ''}{self_closing}>"
        out.append(Placeholder("tag", key, m.group(0)))
    return out


def placeholders(text: str, formats: frozenset[str]) -> list[Placeholder]:
    """All placeholders of *text* for the families in *formats* (see :func:`formats_for`)."""
    out: list[Placeholder] = []
    if not text or not ("%" in text or "{" in text or "<" in text):
        return out
    rest = text
    if "jinja" in formats and ("{{" in text or "{%" in text):
        spans: list[tuple[int, int]] = []
        for m in _JINJA.finditer(text):
            expr = m.group(1) if m.group(1) is not None else m.group(2)
            kind = "{{ }}" if m.group(1) is not None else "{% %}"
            key = " ".join(expr.split())
            out.append(Placeholder("jinja", f"{kind[:2]} {key} {kind[-2:]}", m.group(0)))
            spans.append(m.span())
        rest = _strip(text, spans)
    if "brace-escapes" in formats:
        rest = rest.replace("{{", "  ").replace("}}", "  ")
    if ("brace" in formats or "icu" in formats) and "{" in rest:
        _braces(rest, out, [0])
    if "%" in rest:
        for style in ("c-printf", "py-printf", "loose-printf", "named-printf"):
            if style in formats:
                out.extend(_printf(rest, style))
                break
    if "tag" in formats and "<" in rest:
        out.extend(_tags(rest))
    return out


def _bag(items: list[Placeholder]) -> Counter[str]:
    c: Counter[str] = Counter()
    for p in items:
        if p.kind in ("tag",) or p.ordered:
            c[p.key] += 1
        else:
            c[p.key] = 1  # named placeholders may repeat freely
    return c


def compare(source: list[Placeholder], target: list[Placeholder], *, allowed: list[Placeholder] | None = None,
            require: bool = True) -> list[Mismatch]:
    """Missing, extra and renamed placeholders of *target* against *source*.

    *allowed* widens what the target may contain (plural entries: msgid and msgid_plural);
    ``require=False`` skips "missing" (plural forms used for exactly one number may drop the count).

    >>> s = placeholders("%d files in %s", frozenset({"c-printf"}))
    >>> [str(m) for m in compare(s, placeholders("%s Dateien in %d", frozenset({"c-printf"})))]
    ['placeholder %d renamed to %s', 'placeholder %s renamed to %d']
    >>> compare(s, placeholders("%2$s: %1$d Dateien", frozenset({"c-printf"})))
    []
    """
    if not target and (not source or not require):
        return []
    if allowed is None and len(source) == len(target) and sorted(p.key for p in source) == sorted(
            p.key for p in target):
        return []
    src = _bag(source)
    tgt = _bag(target)
    allow = src | _bag(allowed) if allowed is not None else src
    text_of = {p.key: p.text for p in (*source, *(allowed or ()))}
    ttext_of = {p.key: p.text for p in target}
    missing = [k for k in src for _ in range(src[k] - tgt.get(k, 0))] if require else []
    extra = [k for k in tgt for _ in range(tgt[k] - allow.get(k, 0))]
    out: list[Mismatch] = []
    # pair a missing and an extra placeholder of the same family (and position) as a rename
    for k in list(missing):
        fam = _family(k)
        partner = next((e for e in extra if _family(e) == fam and _position(e) == _position(k)), None)
        if partner is None:
            partner = next((e for e in extra if _family(e) == fam and _position(k) is None
                            and _position(e) is None), None)
        if partner is not None:
            out.append(Mismatch("renamed", text_of.get(k, k), ttext_of.get(partner, partner)))
            missing.remove(k)
            extra.remove(partner)
    out.extend(Mismatch("missing", text_of.get(k, k), "") for k in missing)
    out.extend(Mismatch("extra", "", ttext_of.get(k, k)) for k in extra)
    return out


def _family(key: str) -> str:
    if key.startswith(("#", "%")):
        return "printf"
    if key.startswith(("{{", "{%")):
        return "jinja"
    if key.startswith("</"):
        return "tag-close"
    if key.startswith("<"):
        return "tag"
    if "," in key:
        return "icu"
    return "brace"


def _position(key: str) -> str | None:
    if key.startswith("#"):
        return key.split(":", 1)[0]
    if key.startswith("{#"):
        return key[1:].split("}", 1)[0].rstrip("!:")
    return None
