"""The built-in checks. Each is a small object with ``rules`` and one ``check_*`` method.

Catalog checks see one catalog at a time; project checks see every catalog and template
(coverage, consistency). The default registry is :data:`DEFAULT_CHECKS`.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping

from toneloc.lint._catalog import CatalogFile, PluralInfo, parse_plural_forms
from toneloc.lint._config import LintConfig
from toneloc.lint._model import Finding
from toneloc.lint._placeholders import compare, formats_for, icu_branch_gaps, icu_plurals, placeholders
from toneloc.lint._po import PoEntry
from toneloc.lint._templates import TemplateFile

__all__ = [
    "ConsistencyCheck",
    "EntryStateCheck",
    "PlaceholderCheck",
    "PluralCheck",
    "StyleCheck",
    "ToneCheck",
    "cldr_plural",
]

_SAMPLE_N = (*range(1001), 1001, 1011, 1021, 10_000, 100_000, 1_000_000, 2_000_000, 10_000_001)


def _short(text: str, n: int = 60) -> str:
    one = " ".join(text.split())
    return one if len(one) <= n else one[: n - 1] + "…"


# --------------------------------------------------------------------------- entry state (TL103-105, TL601)
class EntryStateCheck:
    """Untranslated (TL103), fuzzy (TL104), obsolete (TL105) entries and unreviewed MT (TL601)."""

    rules: tuple[str, ...] = ("TL103", "TL104", "TL105", "TL601")

    def check_catalog(self, catalog: CatalogFile, config: LintConfig) -> Iterator[Finding]:
        if catalog.is_template:
            return
        markers = config.mt_markers
        approved_markers = config.approved_markers
        mt_flags = set(config.mt_flags)
        for e in catalog.entries:
            fuzzy = "fuzzy" in e.flags
            tc = e.tcomment or ""
            review = _review_provenance(e.comment) if "toneloc:" in e.comment else None
            mt = bool(mt_flags.intersection(e.flags)) or (bool(tc) and any(
                ln.strip().startswith(m) for ln in tc.splitlines() for m in markers)) or (
                review is not None and review[0] not in ("human", "memory"))
            if mt:
                approved = any(ln.strip().startswith(m) for ln in tc.splitlines() for m in approved_markers) or (
                    review is not None and review[1] == "approved")
                if not approved and (fuzzy or mt_flags.intersection(e.flags)):
                    f = catalog.emit(config, "TL601", e, f"machine translation of {_short(e.msgid)!r} is not reviewed",
                                     "review it (toneloc review), then remove `fuzzy` or add "
                                     "`# toneloc: approved by NAME`")
                    if f:
                        yield f
                    continue  # TL601 supersedes TL103/TL104 for this entry
            translated = bool(e.msgstr) if not e.msgid_plural else any(e.msgstr_plural.values())
            if not translated:
                f = catalog.emit(config, "TL103", e, f"untranslated: {_short(e.msgid)!r}",
                                 "translate it (or run `toneloc translate` and review the result)")
                if f:
                    yield f
            elif fuzzy:
                f = catalog.emit(config, "TL104", e,
                                 f"fuzzy translation of {_short(e.msgid)!r} is not used at run time",
                                 "check the translation and remove the `fuzzy` flag")
                if f:
                    yield f
        for e in catalog.obsolete:
            f = catalog.emit(config, "TL105", e, f"obsolete entry {_short(e.msgid)!r}",
                             "delete it, or run `msgattrib --no-obsolete`", line=catalog.msgid_line(e))
            if f:
                yield f


_ENGINE = re.compile(r"\bengine=(\S+)")
_STATE = re.compile(r"\bstate=(\S+)")


def _review_provenance(comment: str) -> tuple[str, str] | None:
    """``(engine, state)`` from a review-queue export's ``#. toneloc: id=.. state=.. engine=..`` comment.

    >>> _review_provenance("toneloc: id=7 state=needs-review engine=argos model=translate-en_de 1.9")
    ('argos', 'needs-review')
    """
    for line in comment.splitlines():
        if line.startswith("toneloc:"):
            eng = _ENGINE.search(line)
            st = _STATE.search(line)
            if eng or st:
                return (eng.group(1) if eng else "human", st.group(1) if st else "")
    return None


# --------------------------------------------------------------------------- placeholders (TL201)
class PlaceholderCheck:
    """Placeholders must match between source and translation (TL201)."""

    rules: tuple[str, ...] = ("TL201",)

    def check_catalog(self, catalog: CatalogFile, config: LintConfig) -> Iterator[Finding]:
        if catalog.is_template:
            return
        plural = catalog.plural or cldr_plural(catalog.locale)
        flavour = _catalog_printf(catalog)
        for e in catalog.entries:
            if "fuzzy" in e.flags:
                continue  # fuzzy strings are not used; TL104 reports them
            fmts = formats_for(e.flags, catalog_printf=flavour)
            if not e.msgid_plural:
                if not e.msgstr:
                    continue
                issues = [str(m) for m in compare(placeholders(e.msgid, fmts), placeholders(e.msgstr, fmts))]
                if "icu" in fmts and "{" in e.msgid:
                    issues += icu_branch_gaps(e.msgid, e.msgstr)
                if issues:
                    f = catalog.emit(config, "TL201", e, "; ".join(issues),
                                     "keep every placeholder of the source, spelled exactly; only their order may "
                                     "change"
                                     " (C printf: use %1$s positions)")
                    if f:
                        yield f
                continue
            src_s = placeholders(e.msgid, fmts)
            src_p = placeholders(e.msgid_plural, fmts)
            for idx in sorted(e.msgstr_plural):
                text = e.msgstr_plural[idx]
                if not text:
                    continue
                single = _single_valued(plural, int(idx)) if plural else int(idx) == 0
                source = src_s if (int(idx) == 0 and single) else src_p
                problems = compare(source, placeholders(text, fmts), allowed=src_s + src_p, require=not single)
                if problems:
                    f = catalog.emit(config, "TL201", e, f"msgstr[{idx}]: " + "; ".join(map(str, problems)),
                                     "keep the placeholders of msgid_plural in every plural form",
                                     line=catalog.msgstr_line(e, int(idx)))
                    if f:
                        yield f


def _catalog_printf(catalog: CatalogFile) -> str | None:
    """The printf flavour the catalog's entries declare (``c-format`` wins), or ``None``."""
    seen = {f for e in catalog.entries for f in e.flags if f in ("c-format", "python-format")}
    return "c-format" if "c-format" in seen else ("python-format" if seen else None)


@functools.lru_cache(maxsize=256)
def _form_counts(expression: str, nplurals: int) -> tuple[int, ...]:
    info = parse_plural_forms(f"nplurals={nplurals}; plural={expression};")
    counts = [0] * max(nplurals, 1)
    if info is None:
        return tuple(counts)
    for n in range(1000):
        k = info.func(n)
        if 0 <= k < len(counts):
            counts[k] += 1
    return tuple(counts)


def _single_valued(plural: PluralInfo, idx: int) -> bool:
    """Whether plural form *idx* is used for at most one n in 0..999 (so it may omit the number)."""
    counts = _form_counts(plural.expression, plural.nplurals)
    return idx < len(counts) and counts[idx] <= 1


# --------------------------------------------------------------------------- plurals (TL301, TL302)
@functools.lru_cache(maxsize=256)
def cldr_plural(locale: str | None) -> PluralInfo | None:
    """The CLDR plural rule for *locale* as gettext sees it (Babel's ``get_plural``).

    >>> [cldr_plural(x).nplurals for x in ("ru", "pl", "ar", "lv", "ja", "de")]
    [3, 3, 6, 3, 1, 2]
    """
    if not locale:
        return None
    from babel.messages.plurals import get_plural

    try:
        p = get_plural(locale)
    except (ValueError, LookupError):
        return None
    return parse_plural_forms(f"nplurals={p.num_plurals}; plural={p.plural_expr};")


def _partition(info: PluralInfo) -> tuple[frozenset[frozenset[int]], dict[int, int]]:
    groups: dict[int, set[int]] = defaultdict(set)
    for n in _SAMPLE_N:
        groups[info.func(n)].add(n)
    return frozenset(frozenset(g) for g in groups.values()), {k: min(v) for k, v in groups.items()}


def _same_partition_below(a: PluralInfo, b: PluralInfo, limit: int) -> bool:
    ga: dict[int, set[int]] = defaultdict(set)
    gb: dict[int, set[int]] = defaultdict(set)
    for n in range(limit):
        ga[a.func(n)].add(n)
        gb[b.func(n)].add(n)
    return {frozenset(v) for v in ga.values()} == {frozenset(v) for v in gb.values()}


class PluralCheck:
    """Plural-Forms header against CLDR (TL301) and the number of forms of each plural entry (TL302)."""

    rules: tuple[str, ...] = ("TL301", "TL302")

    def _icu(self, catalog: CatalogFile, config: LintConfig) -> Iterator[Finding]:
        """ICU messages are plural entries too: each needs the locale's CLDR categories."""
        yield from _icu_plural_findings(catalog, config)

    def check_catalog(self, catalog: CatalogFile, config: LintConfig) -> Iterator[Finding]:
        if catalog.is_template:
            return
        has_plurals = any(e.msgid_plural for e in catalog.entries)
        cldr = cldr_plural(catalog.locale)
        header = catalog.metadata.get("Plural-Forms")
        header_line = catalog.header_key_line("Plural-Forms")
        loc = catalog.locale or "?"
        if header is None:
            if has_plurals:
                yield _file_finding(catalog, config, "TL301", header_line,
                                    "no Plural-Forms header although the catalog has plural entries; Babel and gettext "
                                    "fall back to a default (Babel: the locale's CLDR rule, GNU gettext: English)",
                                    f"add: Plural-Forms: nplurals={cldr.nplurals}; plural={cldr.expression};"
                                    if cldr else "add a Plural-Forms header")
        elif catalog.plural is None:
            yield _file_finding(catalog, config, "TL301", header_line, f"malformed Plural-Forms header {header!r}",
                                f"use: nplurals={cldr.nplurals}; plural={cldr.expression};" if cldr
                                else "use: nplurals=N; plural=EXPR;")
        elif cldr is not None:
            mine = catalog.plural
            fix = f"use the CLDR rule: nplurals={cldr.nplurals}; plural={cldr.expression};"
            if mine.nplurals != cldr.nplurals:
                if _partition(mine)[0] == _partition(cldr)[0]:
                    used = len({mine.func(n) for n in _SAMPLE_N})
                    yield _file_finding(catalog, config, "TL301", header_line,
                                        f"Plural-Forms declares nplurals={mine.nplurals} but its formula uses {used} "
                                        f"form(s); CLDR has {cldr.nplurals} for {loc} (same grouping of numbers)",
                                        fix, severity="info")
                elif _same_partition_below(mine, cldr, 1000):
                    yield _file_finding(catalog, config, "TL301", header_line,
                                        f"Plural-Forms has nplurals={mine.nplurals} but CLDR has {cldr.nplurals} forms "
                                        f"for {loc}; they differ only for n >= 1000 (e.g. the CLDR 'many' form for "
                                        "millions)", fix, severity="info")
                else:
                    yield _file_finding(catalog, config, "TL301", header_line,
                                        f"Plural-Forms has nplurals={mine.nplurals} but CLDR has {cldr.nplurals} forms "
                                        f"for {loc}", fix, severity="error")
            else:
                p_mine, first_mine = _partition(mine)
                p_cldr, _ = _partition(cldr)
                if p_mine != p_cldr:
                    yield _file_finding(catalog, config, "TL301", header_line,
                                        f"Plural-Forms formula for {loc} groups numbers differently from CLDR",
                                        fix)
                elif any(cldr.func(n) != mine.func(n) for n in first_mine.values()):
                    yield _file_finding(catalog, config, "TL301", header_line,
                                        f"Plural-Forms formula for {loc} numbers its forms in another order than CLDR "
                                        "(translations would be used for the wrong numbers if the header is replaced)",
                                        fix, severity="info")
        yield from self._icu(catalog, config)
        basis_info = catalog.plural or cldr
        if basis_info is None or not has_plurals:
            return
        need = basis_info.nplurals
        basis = "the Plural-Forms header" if catalog.plural else f"CLDR for {loc}"
        for e in catalog.entries:
            if not e.msgid_plural or "fuzzy" in e.flags:
                continue
            forms = e.msgstr_plural
            have = len(forms)
            if not any(forms.values()):
                continue  # untranslated: TL103
            if have != need:
                pad = ("; Babel pads the missing forms with '' when it reads the catalog, so those numbers show "
                       "the English msgid_plural" if have < need else
                       "; Babel drops the extra forms when it reads the catalog")
                f = catalog.emit(config, "TL302", e, f"plural entry {_short(e.msgid)!r} has {have} form(s), "
                                 f"{basis} says {need}{pad}",
                                 f"write exactly msgstr[0]..msgstr[{need - 1}]")
                if f:
                    yield f
                continue
            empty = [k for k in sorted(forms) if not forms[k]]
            if empty:
                f = catalog.emit(config, "TL302", e, f"plural entry {_short(e.msgid)!r} has empty form(s) "
                                 + ", ".join(f"msgstr[{k}]" for k in empty),
                                 "translate every plural form; an empty form shows the English text",
                                 line=catalog.msgstr_line(e, int(empty[0])))
                if f:
                    yield f


def _cldr_categories(locale: str, kind: str) -> frozenset[str]:
    import babel

    loc = babel.Locale.parse(locale)
    form = loc.ordinal_form if kind == "selectordinal" else loc.plural_form
    return frozenset(form.tags) | {"other"}


def _icu_plural_findings(catalog: CatalogFile, config: LintConfig) -> Iterator[Finding]:
    if not catalog.locale:
        return
    for e in catalog.entries:
        text = e.msgstr
        if not text or "fuzzy" in e.flags or ("plural" not in text and "selectordinal" not in text):
            continue
        for arg, kind, selectors in icu_plurals(text):
            need = _cldr_categories(catalog.locale, kind)
            missing = sorted(need - selectors, key=["zero", "one", "two", "few", "many", "other"].index)
            if missing:
                f = catalog.emit(config, "TL302", e, f"ICU {kind} {{{arg}}} lacks the {catalog.locale} "
                                 f"categor{'y' if len(missing) == 1 else 'ies'} {', '.join(missing)}"
                                 + ("; those numbers fall back to 'other'" if "other" not in missing else ""),
                                 f"add {' '.join(m + ' {…}' for m in missing)} (CLDR categories for "
                                 f"{catalog.locale}: {', '.join(sorted(need))})")
                if f:
                    yield f


def _file_finding(catalog: CatalogFile, config: LintConfig, rule_id: str, line: int, message: str, hint: str,
                  severity: str | None = None) -> Finding:
    sev = config.severity_of(rule_id)
    if severity is not None and rule_id not in config.severity:
        sev = severity  # type: ignore[assignment]
    return Finding(rule_id, sev, catalog.display, line, 1, message, hint, catalog.locale, subject=message)


# --------------------------------------------------------------------------- style (TL702-705)
_END_CLASS = {".": "period", "。": "period", "।": "period", "۔": "period", "．": "period",
              "?": "question", "？": "question", "؟": "question", ";": "question?",
              "!": "exclaim", "！": "exclaim", ":": "colon", "：": "colon", "…": "ellipsis"}
_NO_FINAL_PERIOD = frozenset({"th", "lo", "my", "km"})
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_STRIP_TRAIL = " \t\n\r\u00a0\u202f\"'»«”“’)]）」』"


def _ends_with_comma(text: str) -> bool:
    """Whether *text* ends with a comma (before closing quotes and spaces).

    >>> _ends_with_comma("Hello %(name)s, "), _ends_with_comma("Hello")
    (True, False)
    """
    return text.rstrip(_STRIP_TRAIL).endswith((",", "，", "、", "،"))


def _prose_words(text: str) -> int:
    """How many natural-language words *text* has: letters only, not ALL-CAPS names, not identifiers.

    >>> _prose_words("Update your billing address"), _prose_words("GPGME op_verify: %s"), _prose_words("OK")
    (4, 0, 0)
    """
    n = 0
    for token in text.split():
        word = token.strip(".,:;!?()[]\"'«»“”…")
        if len(word) >= 2 and _WORD.fullmatch(word) and not word.isupper():
            n += 1
    return n


def _end_class(text: str, lang: str | None) -> str | None:
    t = text.rstrip(_STRIP_TRAIL)
    if t.endswith(("...", "…")):
        return "ellipsis"
    if not t:
        return None
    cls = _END_CLASS.get(t[-1])
    if cls == "question?":
        return "question" if lang == "el" else None
    return cls


@functools.lru_cache(maxsize=4096)
def _term_regex(term: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", re.I)


def _lead(s: str) -> str:
    return s[: len(s) - len(s.lstrip())]


def _trail(s: str) -> str:
    return s[len(s.rstrip()):]


class StyleCheck:
    """Glossary terms (TL702), whitespace (TL703), final punctuation (TL704), untranslated copies (TL705)."""

    rules: tuple[str, ...] = ("TL702", "TL703", "TL704", "TL705")

    def check_catalog(self, catalog: CatalogFile, config: LintConfig) -> Iterator[Finding]:
        if catalog.is_template:
            return
        lang = catalog.language
        same_language = lang == config.source_locale.split("_", 1)[0]
        glossary: list[tuple[str, str]] = []
        for term, spec in config.glossary.items():
            want = _glossary_target(spec, catalog.locale, lang)
            if want:
                glossary.append((term, want))
        on = {r: config.enabled(r) for r in self.rules}
        for e in catalog.entries:
            if "fuzzy" in e.flags:
                continue
            pairs: list[tuple[str, str, int | None]]
            if e.msgid_plural:
                pairs = [((e.msgid if int(k) == 0 else e.msgid_plural), v, int(k))
                         for k, v in sorted(e.msgstr_plural.items()) if v]
            else:
                pairs = [(e.msgid, e.msgstr, None)] if e.msgstr else []
            for src, tgt, form in pairs:
                line = catalog.msgstr_line(e, form) if form is not None else None
                if on["TL703"] and (src[:1].isspace() or tgt[:1].isspace() or src[-1:].isspace()
                                    or tgt[-1:].isspace()):
                    ls, lt, ts, tt = _lead(src), _lead(tgt), _trail(src), _trail(tgt)
                    bad = []
                    if ls.count("\n") != lt.count("\n") or bool(ls.strip("\n")) != bool(lt.strip("\n")):
                        bad.append(f"leading {ls!r} vs {lt!r}")
                    if ts.count("\n") != tt.count("\n") or bool(ts.strip("\n")) != bool(tt.strip("\n")):
                        bad.append(f"trailing {ts!r} vs {tt!r}")
                    if bad:
                        f = catalog.emit(config, "TL703", e, "whitespace differs: " + ", ".join(bad),
                                         "keep the leading/trailing spaces and newlines of the source", line=line)
                        if f:
                            yield f
                if on["TL704"] and lang not in _NO_FINAL_PERIOD:
                    cs, ct = _end_class(src, "en"), _end_class(tgt, lang)
                    # A trailing comma ends a letter's salutation or closing ("Hello %(name)s,", "Kind
                    # regards,"): languages write those with a colon (es "Estimado:"), an exclamation mark
                    # (ru, pl, lv), a full stop (ja) or nothing (de closings), so any of those is fine.
                    comma_ok = _ends_with_comma(src) and ct in (None, "colon", "exclaim", "period")
                    if cs != ct and not comma_ok:
                        f = catalog.emit(config, "TL704", e,
                                         f"source ends with {cs or 'no punctuation'}, translation with {ct or 'none'}",
                                         "end the translation like the source (use the locale's own marks: 。？ ؟)",
                                         line=line)
                        if f:
                            yield f
                if on["TL705"] and not same_language and src == tgt and _prose_words(src) >= 2:
                    f = catalog.emit(config, "TL705", e, f"translation is a copy of the source: {_short(src)!r}",
                                     "translate it, or add `# toneloc: ignore[TL705] <why it stays English>`",
                                     line=line)
                    if f:
                        yield f
                if on["TL702"] and glossary:
                    for term, want in glossary:
                        if _term_regex(term).search(src) and want.lower() not in tgt.lower():
                            f = catalog.emit(config, "TL702", e,
                                             f"glossary term {term!r} must be translated as {want!r}",
                                             f"use {want!r} (glossary in [tool.toneloc.lint])", line=line)
                            if f:
                                yield f


def _glossary_target(spec: Mapping[str, str], locale: str | None, lang: str | None) -> str | None:
    for key in (locale, lang, "*"):
        if key and key in spec:
            return str(spec[key])
    return None


# --------------------------------------------------------------------------- tone (TL500-502)
class ToneCheck:
    """Register violations (TL501) and mixed registers (TL502), via :func:`toneloc.tone.check_register`."""

    rules: tuple[str, ...] = ("TL500", "TL501", "TL502")

    def __init__(self) -> None:
        self._reported_missing = False

    def check_catalog(self, catalog: CatalogFile, config: LintConfig) -> Iterator[Finding]:
        if catalog.is_template or not catalog.locale:
            return
        try:
            from toneloc.tone import check_register
        except ImportError:
            if not self._reported_missing:
                self._reported_missing = True
                yield Finding("TL500", config.severity_of("TL500"), catalog.display, 0, 1,
                              "toneloc.tone is not available; register checks (TL501/TL502) skipped",
                              "install toneloc[tone]", None, subject="tone-missing")
            return
        from toneloc.errors import TonelocError

        try:
            from toneloc.culture import get_culture

            expected = get_culture(catalog.locale).register
        except (TonelocError, OSError, ImportError):
            expected = None
        try:
            check_register("", locale=catalog.locale)
        except TonelocError:
            return  # no tone rules for this language
        for e in catalog.entries:
            if "fuzzy" in e.flags:
                continue
            texts = [(v, int(k)) for k, v in sorted(e.msgstr_plural.items()) if v] if e.msgid_plural else (
                [(e.msgstr, None)] if e.msgstr else [])
            for text, form in texts:
                try:
                    mixed = check_register(text, locale=catalog.locale)
                    wrong = check_register(text, locale=catalog.locale, expected=expected) if (
                        expected and not mixed) else ()
                except TonelocError:
                    continue
                line = catalog.msgstr_line(e, form)
                if mixed:
                    regs = sorted({h.register for h in mixed})
                    want = f"; {catalog.locale} support text should be {expected}" if expected else ""
                    f = catalog.emit(config, "TL502", e, f"mixed register ({' and '.join(regs)}): "
                                     + ", ".join(dict.fromkeys(h.text for h in mixed)) + want,
                                     "use one register throughout the string", line=line)
                    if f:
                        yield f
                    break
                if wrong:
                    words = ", ".join(dict.fromkeys(h.text for h in wrong))
                    f = catalog.emit(config, "TL501", e, f"{catalog.locale} support text should be {expected}; "
                                     f"found {wrong[0].register} {words}",
                                     f"rewrite it: toneloc rewrite --locale {catalog.locale} --formality {expected}",
                                     line=line)
                    if f:
                        yield f
                    break


# --------------------------------------------------------------------------- project checks
class ConsistencyCheck:
    """The same source (msgctxt + msgid) translated differently within one locale (TL701)."""

    rules: tuple[str, ...] = ("TL701",)

    def check_project(self, catalogs: list[CatalogFile], templates: list[TemplateFile],
                      config: LintConfig) -> Iterator[Finding]:
        if not config.consistency:
            return
        seen: dict[tuple[str, str | None, str], tuple[str, CatalogFile, PoEntry]] = {}
        for cat in catalogs:
            if cat.is_template or not cat.locale:
                continue
            for e in cat.entries:
                if e.msgid_plural or not e.msgstr or "fuzzy" in e.flags:
                    continue
                key = (cat.locale, e.msgctxt, e.msgid)
                prev = seen.get(key)
                if prev is None:
                    seen[key] = (e.msgstr, cat, e)
                elif prev[0] != e.msgstr:
                    where = f"{prev[1].display}:{prev[1].msgstr_line(prev[2])}"
                    f = cat.emit(config, "TL701", e, f"{_short(e.msgid)!r} is translated as {_short(e.msgstr)!r} "
                                 f"here but as {_short(prev[0])!r} at {where}",
                                 "use one translation, or add msgctxt to tell the meanings apart")
                    if f:
                        yield f
