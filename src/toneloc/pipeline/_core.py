"""The reply pipeline: detect -> choose locale -> render -> TM/MT -> tone -> checks -> send or queue."""

from __future__ import annotations

import contextvars
import html as html_lib
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import regex

from toneloc.errors import (
    CultureNotFoundError,
    InvalidInputError,
    PipelineError,
    TonelocError,
    TranslationError,
)
from toneloc.locale import LocaleLike, locale_tag, parse_locale
from toneloc.pipeline._config import PipelineConfig, find_config, load_config
from toneloc.pipeline._types import ArticleTranslation, CheckResult, LocaleChoice, Reply, Segment, SegmentOrigin

if TYPE_CHECKING:  # pragma: no cover
    import babel

    from toneloc.detect import Detection, Detector
    from toneloc.review import ReviewStore
    from toneloc.templating import Customer, TemplateSet
    from toneloc.translate import MTEngine, SafeTranslator, Translation, TranslationMemory

__all__ = ["Pipeline"]

_LEFTOVER = regex.compile(r"%\([\w.-]+\)[sdif]|\{\{|\}\}|\{%|%\}|(?i:\bzq\d{1,4}z\b)")
_LETTER = regex.compile(r"\p{L}")
_SURROGATE = regex.compile(r"[\ud800-\udfff]")


@dataclass
class _Run:
    """Bookkeeping of one reply while its templates render (held in a context variable)."""

    pipeline: Pipeline
    loc: babel.Locale
    tag: str
    lang: str
    same_language: bool
    rtl: bool
    cats: list[tuple[str, dict[Any, str], Callable[[int], int]]]
    segments: OrderedDict[str, Segment] = field(default_factory=OrderedDict)
    translations: dict[str, Translation] = field(default_factory=dict)
    t_translate: float = 0.0
    t_tone: float = 0.0


_RUN: contextvars.ContextVar[_Run | None] = contextvars.ContextVar("toneloc_pipeline_run", default=None)


def _tracing_gettext() -> dict[str, Any]:
    """gettext callables that resolve every message through the pipeline (catalog -> TM -> MT -> tone)."""
    from jinja2 import pass_context

    from toneloc.templating import fill_message

    def _fill(ctx: Any, rv: str, variables: dict[str, Any], msgid: str, rtl: bool) -> str:
        return fill_message(ctx, rv, variables, msgid=msgid, rtl=rtl)

    def resolve(ctx: Any, msgctxt: str | None, singular: str, plural: str | None, n: int | None,
                variables: dict[str, Any]) -> str:
        run = _RUN.get()
        if run is None:  # rendered outside Pipeline.reply: behave like plain source-language gettext
            return _fill(ctx, singular if n in (None, 1) else (plural or singular), variables, singular, False)
        rv = run.pipeline._message(run, msgctxt, singular, plural, n)
        return _fill(ctx, rv, variables, singular, run.rtl)

    @pass_context
    def gettext(ctx: Any, message: str, /, **variables: Any) -> str:
        return resolve(ctx, None, message, None, None, variables)

    @pass_context
    def ngettext(ctx: Any, singular: str, plural: str, num: int, /, **variables: Any) -> str:
        variables.setdefault("num", num)
        return resolve(ctx, None, singular, plural, num, variables)

    @pass_context
    def pgettext(ctx: Any, context: str, message: str, /, **variables: Any) -> str:
        return resolve(ctx, context, message, None, None, variables)

    @pass_context
    def npgettext(ctx: Any, context: str, singular: str, plural: str, num: int, /, **variables: Any) -> str:
        variables.setdefault("num", num)
        return resolve(ctx, context, singular, plural, num, variables)

    return {"gettext": gettext, "_": gettext, "ngettext": ngettext, "pgettext": pgettext, "npgettext": npgettext}


def _customer_field(customer: Customer | Mapping[str, Any] | None, name: str) -> Any:
    if customer is None:
        return None
    if isinstance(customer, Mapping):
        return customer.get(name)
    return getattr(customer, name, None)


class Pipeline:
    """The loop from a customer's message to a reviewed, localized reply.

    Build it from a :class:`~toneloc.pipeline.PipelineConfig` (or :meth:`from_config` for
    ``toneloc.toml``); every backend can also be passed explicitly (a fake translator or an
    in-memory store in tests). Thread-safe: one pipeline serves a web service.

    >>> from toneloc.pipeline import Pipeline, PipelineConfig
    >>> p = Pipeline(PipelineConfig(locales=("en-US", "de-DE"), translator="none"))
    >>> p.choose_locale("Ich habe meine Bestellung nicht erhalten.").locale
    'de-DE'

    Args:
        config: the configuration (defaults: every culture, the persistent review store ``toneloc review``
            reads, ``auto`` MT).
        templates: a :class:`~toneloc.templating.TemplateSet` to use instead of ``config.templates``
            (the pipeline renders with a copy that carries its tracing gettext; yours is left unchanged).
        store: a :class:`~toneloc.review.ReviewStore` instead of ``config.review_store``.
        engine: an :class:`~toneloc.translate.MTEngine` instead of ``config.translator``.
        memory: a translation memory instead of the review store's approved items.
        detector: a :class:`~toneloc.detect.Detector` instead of the default detector.
    """

    def __init__(self, config: PipelineConfig | None = None, *, templates: TemplateSet | None = None,
                 store: ReviewStore | None = None, engine: MTEngine | None = None,
                 memory: TranslationMemory | None = None, detector: Detector | None = None) -> None:
        self.config = config or PipelineConfig()
        self._templates = templates
        self._store = store
        self._own_store = store is None
        self._engine_arg = engine
        self._memory_arg = memory
        self._detector = detector
        self._lock = threading.RLock()
        self._engine: MTEngine | None = None
        self._engine_ready = False
        self.engine_problem: str | None = None
        """Why ``translator = "auto"`` found no engine (``None`` when it found one or was not asked)."""
        self._translators: dict[tuple[bool, bool], SafeTranslator] = {}
        self._supports: dict[tuple[str, str], bool] = {}
        self._cats: dict[str, tuple[list[tuple[str, dict[Any, str], Callable[[int], int]]], bool]] = {}
        self._tone_cache: OrderedDict[tuple[str, str], Any] = OrderedDict()
        self._names: set[str] | None = None
        if templates is not None:
            # A private copy with the pipeline's gettext: the caller's TemplateSet keeps rendering from
            # its catalogs when used directly (installing the tracing gettext on it would silently turn
            # every render outside Pipeline.reply into source-language text).
            from toneloc.templating import TemplateSet

            self._templates = TemplateSet(
                templates.roots, catalogs=templates.catalogs, domain=templates.domain,
                source_locale=templates.source_locale, strict=templates.strict, sandbox=templates.sandbox,
                auto_reload=templates.auto_reload, globals={**templates.extra_globals, **_tracing_gettext()},
                time_limit=templates.time_limit, max_output=templates.max_output)

    # -- construction -----------------------------------------------------------------------------
    @classmethod
    def from_config(cls, path: str | os.PathLike[str] | None = None, **overrides: Any) -> Pipeline:
        """A pipeline from ``toneloc.toml`` (*path*, or the nearest one from the current folder up);
        *overrides* replace file values (``review_store=":memory:"``...)."""
        found = Path(path) if path is not None else find_config()
        config = load_config(found, **overrides) if found is not None else PipelineConfig(**overrides)
        return cls(config)

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the review store the pipeline opened (a store passed in is left open)."""
        if self._own_store and self._store is not None:
            self._store.close()
            self._store = None

    # -- lazily built backends --------------------------------------------------------------------
    @property
    def templates(self) -> TemplateSet:
        """The template set (built from ``config.templates`` / ``config.catalogs`` on first use)."""
        if self._templates is None:
            with self._lock:
                if self._templates is None:
                    if not self.config.templates:
                        raise PipelineError("no template folder configured", path=self.config.config_path,
                                            hint='set templates = "..." in toneloc.toml or pass templates=')
                    from toneloc.templating import TemplateSet

                    self._templates = TemplateSet(
                        self.config.templates, catalogs=self.config.catalogs,
                        source_locale=self.config.source_locale, globals=_tracing_gettext())
        return self._templates

    @property
    def store(self) -> ReviewStore:
        """The review store (opened from ``config.review_store`` on first use)."""
        if self._store is None:
            with self._lock:
                if self._store is None:
                    from toneloc.review import PostgresReviewStore, open_store

                    spec = self.config.review_store
                    if spec is not None and spec.startswith(("postgresql://", "postgres://")) \
                            and self.config.review_schema:
                        self._store = PostgresReviewStore(spec, schema=self.config.review_schema)
                    else:
                        self._store = open_store(spec)
        return self._store

    @property
    def engine(self) -> MTEngine | None:
        """The MT engine (cached), or ``None`` when ``translator = "none"``."""
        if not self._engine_ready:
            with self._lock:
                if not self._engine_ready:
                    self._engine = self._build_engine()
                    self._engine_ready = True
        return self._engine

    def _build_engine(self) -> MTEngine | None:
        from toneloc.pipeline._engines import CachedEngine, PseudoEngine

        if self._engine_arg is not None:
            return CachedEngine(self._engine_arg)
        name = self.config.translator
        if name == "none":
            return None
        if name == "pseudo":
            return CachedEngine(PseudoEngine())
        try:
            from toneloc.translate import get_engine

            return CachedEngine(get_engine(name))
        except Exception as exc:
            if name == "auto":  # "whatever is installed": nothing is, so every missing string is queued
                self.engine_problem = f"no MT engine available ({type(exc).__name__}: {exc})"
                return None
            if isinstance(exc, TranslationError):
                raise
            raise TranslationError(f"cannot start translator {name!r}: {type(exc).__name__}: {exc}",
                                   hint='pip install "toneloc[mt]", or set translator = "none"') from exc

    def _translator(self, source: str, target: str, *, memory: bool = True) -> SafeTranslator:
        from toneloc.review import ReviewMemory
        from toneloc.translate import SafeTranslator

        key = (source, target)
        ok = self._supports.get(key)
        if ok is None:
            eng = self.engine
            try:
                ok = eng is not None and eng.supports(source, target)
            except TonelocError:
                ok = False
            self._supports[key] = ok
        found = self._translators.get((ok, memory))
        if found is None:
            with self._lock:
                tm = self._memory_arg if memory else None
                if tm is None and memory and self.config.use_memory:
                    tm = ReviewMemory(self.store, who="pipeline")
                glossary = None
                if self.config.glossary is not None:
                    from toneloc.translate import load_glossary

                    glossary = load_glossary(self.config.glossary)
                found = SafeTranslator(self.engine if ok else None, memory=tm, glossary=glossary,
                                       policy=self.config.risk_policy())
                self._translators[(ok, memory)] = found
        return found

    def _detect(self, text: str) -> Detection:
        if self._detector is None:
            from toneloc.detect import LanguageDetector

            self._detector = LanguageDetector()
        return self._detector.detect(text)

    # -- locale choice ----------------------------------------------------------------------------
    def _supported(self, tag: str | None, *, same_language: bool = True) -> str | None:
        """The supported locale for *tag*: itself, else the primary culture of its language, else any of it."""
        if not tag:
            return None
        try:
            loc = parse_locale(tag)
        except TonelocError:
            return None
        full = locale_tag(loc)
        if full in self.config.locales:
            return full
        if not same_language:
            return None
        from toneloc.culture import PRIMARY_CULTURE

        lang = str(loc.language)
        primary = PRIMARY_CULTURE.get(lang)
        if primary in self.config.locales:
            return primary
        return next((t for t in self.config.locales if t.split("-")[0] == lang), None)

    def choose_locale(self, message: str | None = None, *, customer: Customer | Mapping[str, Any] | None = None
                      ) -> LocaleChoice:
        """Pick the reply locale: the detected language, the customer's profile, or the fallback.

        A detection counts when it is reliable and at least ``config.detect_threshold`` confident; a
        detected language takes its region from the customer's profile when the languages agree
        (``de`` + profile ``de-AT`` -> ``de-AT``).

        >>> from toneloc.pipeline import Pipeline, PipelineConfig
        >>> p = Pipeline(PipelineConfig(locales=("en-US", "de-DE", "de-AT"), translator="none"))
        >>> c = p.choose_locale("🙏 #A-1182", customer={"name": "Eva", "locale": "de-AT"})
        >>> c.locale, c.reason
        ('de-AT', 'customer-profile')
        """
        det = self._detect(message) if message is not None and message.strip() else None
        profile_raw = _customer_field(customer, "locale")
        profile = self._supported(str(profile_raw)) if profile_raw else None
        notes: list[str] = []
        detected = det.language if det is not None else None
        conf = float(det.confidence) if det is not None else 0.0
        for source in self.config.locale_priority:
            if source == "detected" and det is not None:
                if det.language == "und" or not det.reliable or conf < self.config.detect_threshold:
                    why = "unreliable" if not det.reliable or det.language == "und" else \
                        f"below the threshold {self.config.detect_threshold:.2f}"
                    notes.append(f"detection unsure ({det.best_guess}, confidence {conf:.2f}, {why})")
                    continue
                tag: str | None = None
                if profile is not None and profile.split("-")[0] == det.language:
                    tag = profile
                else:
                    tag = self._supported(det.language)
                if tag is None:
                    notes.append(f"detected {det.language} ({conf:.2f}) but no supported locale speaks it")
                    continue
                return LocaleChoice(tag, "detected", f"detected {det.language} with confidence {conf:.2f}"
                                    + (f"; region from the customer profile {profile}" if tag == profile else ""),
                                    detected, conf)
            if source == "customer-profile":
                if profile is not None:
                    return LocaleChoice(profile, "customer-profile",
                                        f"customer profile locale {profile_raw}" + ("; " + "; ".join(notes)
                                                                                  if notes else ""),
                                        detected, conf)
                if profile_raw:
                    notes.append(f"customer profile locale {profile_raw!s} is not supported")
        detail = "; ".join(notes) or "no message and no customer locale"
        return LocaleChoice(self.config.default_locale, "fallback", f"fallback {self.config.default_locale}: {detail}",
                            detected, conf)

    # -- messages ---------------------------------------------------------------------------------
    def _catalogs(self, loc: babel.Locale) -> tuple[list[tuple[str, dict[Any, str], Callable[[int], int]]], bool]:
        key = str(loc)
        hit = self._cats.get(key)
        if hit is None:
            cats: list[tuple[str, dict[Any, str], Callable[[int], int]]] = []
            for link in self.templates.catalog_links(loc):
                if link.translations is not None:
                    cats.append((link.tag, link.translations._catalog, link.translations.plural))
            from toneloc.templating import text_direction

            hit = (cats, text_direction(loc) == "rtl")
            if not self.templates.auto_reload:  # a server editing catalogs live re-reads them per reply
                self._cats[key] = hit
        return hit

    def _message(self, run: _Run, msgctxt: str | None, singular: str, plural: str | None, n: int | None) -> str:
        key = f"{msgctxt}\x04{singular}" if msgctxt else singular
        form = singular if (plural is None or n == 1) else plural
        prule: _PluralRule | None = None
        shared_key: str | None = None
        if plural is None:
            seg_key = key
        else:
            # One segment per plural form of the TARGET language (ru: 2 and 5 are different forms). A
            # human form (catalog msgstr[i], approved review item) covers every count of its target form;
            # a machine translation only covers counts of the same SOURCE form it was translated from
            # (ja has one form, yet "One day left." must not answer for n=5).
            prule = _plural_rule_for(self.config.source_locale, run.tag)
            shared_key = f"{key}\x00{prule.index(n if n is not None else 1)}"
            seg_key = f"{shared_key}\x00{form}"
        seg = run.segments.get(shared_key) if shared_key is not None else None
        if seg is None:
            seg = run.segments.get(seg_key)
        if seg is not None:
            return seg.text
        found: str | None = None
        cat_tag: str | None = None
        for tag, cat, rule in run.cats:
            found = cat.get(key) if plural is None else cat.get((key, rule(n if n is not None else 1)))
            if found:
                cat_tag = tag
                break
            found = None
        if found is not None:
            seg = self._finish(run, key, form, found, "human", catalog=cat_tag, engine="catalog")
        elif run.same_language:
            seg = self._finish(run, key, form, form, "source")
        elif plural is not None and prule is not None:
            seg = self._plural_translated(run, key, msgctxt, singular, plural, n if n is not None else 1, prule)
        else:
            seg = self._translated(run, key, form, self.config.source_locale)
        if shared_key is not None and seg.engine in ("catalog", "review"):
            seg_key = shared_key
        run.segments[seg_key] = seg
        return seg.text

    def _plural_translated(self, run: _Run, key: str, msgctxt: str | None, singular: str, plural: str, n: int,
                           rule: _PluralRule) -> Segment:
        """A plural message no catalog has: the approved review item's form for *n*, else MT or a translator.

        The review item is the whole gettext entry (msgid, msgid_plural, every ``msgstr[i]`` of the target),
        so an approval covers every count; the form is picked with the target's plural rule, never the
        English one. The flat translation memory is not consulted: it has no plural forms.
        """
        from dataclasses import replace

        from toneloc.review import ItemKey

        idx = rule.index(n)
        cat = rule.category(n)
        form = singular if n == 1 else plural
        plural_fields: dict[str, Any] = {"msgid_plural": plural, "n": n, "plural_index": idx, "plural_category": cat}
        if self.config.use_memory:
            ikey = ItemKey.message(singular, msgctxt=msgctxt, msgid_plural=plural)
            for tag in dict.fromkeys((run.tag, run.lang)):
                item = self.store.find(ikey, locale=tag)
                if item is None or item.state.value != "approved":
                    continue
                forms = item.translation_plural or ((item.translation,) if item.translation else ())
                if idx < len(forms) and forms[idx]:
                    seg = self._finish(run, key, form, forms[idx], "memory", engine="review", score=1.0,
                                       reasons=(f"plural form {idx} ({cat}, n={n}) of approved review item {item.id}",))
                    return replace(seg, **plural_fields)
        seg = self._translated(run, key, form, self.config.source_locale, memory=False)
        why = (f"a plural message: {run.tag} has {rule.nplurals} plural form(s) [{rule.describe}]; "
               f"this reply used n={n} -> form {idx} ({cat})")
        cands: tuple[str, ...] = ()
        codes = list(seg.reason_codes)
        needs_review = seg.needs_review
        if seg.origin == "machine":
            # Candidates for every form: the source form that applies to a typical count of each target form.
            tr = self._translator(self.config.source_locale, run.tag, memory=False)
            cands = tuple(tr.translate(singular if k == 1 else plural, locale=run.loc,
                                       source=self.config.source_locale).text for k in rule.samples)
            if not rule.mt_safe:  # one source form covers several target forms: MT cannot know which one
                needs_review = True
        if needs_review and "plural" not in codes:
            codes.append("plural")
        return replace(seg, needs_review=needs_review, reasons=(*seg.reasons, why), reason_codes=tuple(codes),
                       plural_candidates=cands, **plural_fields)

    def _translated(self, run: _Run, key: str, source: str, source_locale: str, *, memory: bool = True) -> Segment:
        from toneloc.review._model import codes_from_checks

        t0 = time.perf_counter()
        tr = self._translator(source_locale, run.tag, memory=memory).translate(source, locale=run.loc,
                                                                               source=source_locale)
        run.t_translate += time.perf_counter() - t0
        run.translations[key] = tr
        origin: SegmentOrigin
        reasons = list(tr.reasons)
        codes: list[str] = []
        if tr.origin == "memory":
            origin = "memory"
            if tr.needs_review:
                codes.append("memory-fuzzy")
        elif tr.engine == "none":
            origin = "untranslated" if tr.needs_review else "source"
            if origin == "untranslated":
                codes.append("untranslated")
                reasons = [f"no translation memory match and no MT model for {source_locale} -> {run.tag}: "
                           "queued for a human translator"]
        else:
            origin = "machine"
            codes += codes_from_checks(tr.checks)
            if tr.needs_review and not codes:
                codes.append("high-risk")
        needs_review = tr.needs_review
        if tr.engine == "pseudo":
            needs_review = True
            codes.append("pseudo")
            reasons.append("pseudo-localization is not a translation")
        seg = self._finish(run, key, source, tr.text, origin, engine=tr.engine, model_version=tr.model_version,
                           score=tr.score, risk=tr.risk, needs_review=needs_review, reasons=tuple(reasons))
        if codes:
            from dataclasses import replace

            seg = replace(seg, reason_codes=tuple(dict.fromkeys([*codes, *seg.reason_codes])))
        return seg

    def _tone(self, text: str, tag: str) -> Any:
        from toneloc.tone import culture_address, rewrite

        pol = self.config.tone
        ck = (text, tag)
        hit = self._tone_cache.get(ck)
        if hit is not None:
            return hit
        try:
            # the culture's address term (vi-VN: Quý khách), so a rewritten note addresses the
            # customer as the templates do; a segment is part of a templated reply with its own
            # salutation, never a reply turn of its own (no "Dạ thưa Quý khách," mid-letter)
            res = rewrite(text, tag, formality=None if pol.formality == "culture" else pol.formality,
                          directness=pol.directness, address=culture_address(tag), fragment=True)
        except CultureNotFoundError:
            res = None
        with self._lock:
            self._tone_cache[ck] = res
            if len(self._tone_cache) > 8192:
                self._tone_cache.popitem(last=False)
        return res

    def _finish(self, run: _Run, key: str, source: str, text: str, origin: SegmentOrigin, *,
                catalog: str | None = None, engine: str = "", model_version: str = "", score: float | None = None,
                risk: float = 0.0, needs_review: bool = False, reasons: tuple[str, ...] = ()) -> Segment:
        pol = self.config.tone
        rules: tuple[str, ...] = ()
        edits: tuple[tuple[str, str, str], ...] = ()
        applies = pol.apply_to == "all" or (pol.apply_to == "machine" and origin in ("machine", "memory", "agent"))
        if applies and origin != "untranslated" and _LETTER.search(text):
            t0 = time.perf_counter()
            res = self._tone(text, run.tag)
            run.t_tone += time.perf_counter() - t0
            if res is not None and res.edits:
                text = res.text
                edits = tuple((e.before, e.after, e.rule_id) for e in res.edits)
                rules = tuple(dict.fromkeys(e.rule_id for e in res.edits))
                if res.needs_review and pol.review_unsure:
                    needs_review = True
                    reasons = (*reasons, *(f"tone: {r}" for r in res.reasons or ("a tone rule was unsure",)))
        codes: tuple[str, ...] = ()
        if origin == "untranslated":
            needs_review = True
            codes = ("untranslated",)
        elif any(r.startswith("tone: ") for r in reasons):
            codes = ("tone-unsure",)
        return Segment(key=key, source=source, text=text, origin=origin, engine=engine, model_version=model_version,
                       score=score, risk=risk, catalog=catalog, tone_rules=rules, tone_edits=edits,
                       needs_review=needs_review, reasons=reasons, reason_codes=codes)

    # -- the reply --------------------------------------------------------------------------------
    def _template_names(self, template: str) -> tuple[str, str | None]:
        names = self._names
        if names is None:
            names = set(self.templates.list_templates())
            if not self.templates.auto_reload:
                self._names = names
        if Path(template).suffix:
            base = template.rsplit(".", 1)[0]
            plain = template
        else:
            base = template
            plain = next((f"{template}{s}" for s in (".txt", ".md", ".text") if f"{template}{s}" in names), "")
            if not plain and f"{template}.html" in names:
                plain = f"{template}.html"
        if not plain:
            from toneloc.errors import TemplateError, close_matches

            stems = sorted({n.rsplit(".", 1)[0] for n in names})
            hits = close_matches(template, stems)
            raise TemplateError(f"template {template!r} not found", path=self.templates.roots[0]
                                if self.templates.roots else None,
                                hint=("did you mean: " + ", ".join(hits)) if hits else "available: " + ", ".join(stems))
        html_name = f"{base}.html" if f"{base}.html" in names and plain != f"{base}.html" else None
        return plain, html_name

    def _check_text(self, name: str, value: object) -> None:
        """A customer message or agent note must be text, valid Unicode and not absurdly long."""
        if not isinstance(value, str):
            hint = "decode it first: data.decode('utf-8')" if isinstance(value, (bytes, bytearray)) else None
            raise InvalidInputError(f"{name} must be a str, not {type(value).__name__}", hint=hint)
        bad = _SURROGATE.search(value)
        if bad is not None:
            code = ord(bad.group())
            what = f"byte 0x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"lone surrogate U+{code:04X}"
            raise InvalidInputError(f"{name} is not valid UTF-8: {what} at character {bad.start()}",
                                    hint="decode the customer's message with the charset its e-mail declares")
        limit = self.config.max_message_chars
        if len(value) > limit:
            raise InvalidInputError(f"{name} is {len(value):,} characters long; the limit is {limit:,}",
                                    hint="pass the customer's latest message, not the whole thread "
                                    "(or raise max_message_chars in toneloc.toml)")

    def reply(self, *, message: str | None = None, template: str, context: Mapping[str, Any] | None = None,
              customer: Customer | Mapping[str, Any] | None = None, note: str | None = None,
              ticket_id: str | None = None, locale: LocaleLike | None = None, now: datetime | None = None) -> Reply:
        """Answer one ticket: choose the locale, render *template*, translate what no catalog has,
        adapt the tone, check, and send or queue.

        Args:
            message: the customer's message (used to detect the language).
            template: a template name (``refund`` renders ``refund.txt`` and ``refund.html``).
            context: template variables.
            customer: a :class:`~toneloc.templating.Customer` or mapping (``name``, ``locale``,
                ``timezone``, ``id`` or ``email`` used as the customer id in the review queue).
            note: a free-text line from the agent, in the customer's language (tone rules only) or in
                the source language (translated like a template string); inserted before the signature.
            ticket_id: your ticket id, recorded on queued items.
            locale: force the reply locale (the choice's reason is then ``caller``).
            now: the current time for templates (tests pass a fixed one).

        Raises:
            TemplateError: template missing or broken (file:line); UnknownLocaleError: bad *locale*;
            InvalidInputError: *message* or *note* not a str, not valid Unicode (undecodable bytes kept
            as surrogates) or longer than ``config.max_message_chars``.
        """
        for name, value in (("message", message), ("note", note)):
            if value is not None:
                self._check_text(name, value)
        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        if locale is not None:
            tag = locale_tag(parse_locale(locale))
            choice = LocaleChoice(tag, "caller", f"locale {tag} given by the caller")
        else:
            choice = self.choose_locale(message, customer=customer)
        timings["detect"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        loc = parse_locale(choice.locale)
        src = parse_locale(self.config.source_locale)
        plain_name, html_name = self._template_names(template)
        cats, rtl = self._catalogs(loc)
        run = _Run(self, loc, choice.locale, str(loc.language), loc.language == src.language, rtl, cats)
        token = _RUN.set(run)
        try:
            rendered = self.templates.render(plain_name, context, locale=loc, customer=customer, now=now)
            html_rendered = (self.templates.render(html_name, context, locale=loc, customer=customer, now=now)
                             if html_name else None)
            note_seg = self._note(run, note) if note is not None and note.strip() else None
        finally:
            _RUN.reset(token)
        text = rendered.text
        html_text = html_rendered.text if html_rendered is not None else _as_html(text, choice.locale, rtl)
        if note_seg is not None:
            run.segments["note"] = note_seg
            text = _insert_plain(text, note_seg.text)
            html_text = _insert_html(html_text, note_seg.text)
        timings["render"] = time.perf_counter() - t1 - run.t_translate - run.t_tone
        timings["translate"] = run.t_translate
        timings["tone"] = run.t_tone
        t2 = time.perf_counter()
        segments = list(run.segments.values())
        checks = self._checks(text, choice.locale, segments, given=_markup_in_values(context, customer))
        timings["checks"] = time.perf_counter() - t2
        t3 = time.perf_counter()
        sendable = not any(s.needs_review for s in segments) and all(c.passed or not c.blocking for c in checks)
        ids: list[int] = []
        if not sendable:
            segments, ids = self._enqueue(segments, checks, choice.locale, template=plain_name, text=text,
                                          customer=customer, ticket_id=ticket_id, context=context, now=now)
        timings["queue"] = time.perf_counter() - t3
        return Reply(text=text, html=html_text, locale=choice.locale, locale_reason=choice.reason, locale_choice=choice,
                     template=template, template_path=rendered.template_path, segments=tuple(segments),
                     checks=tuple(checks), sendable=sendable, review_item_ids=tuple(ids), ticket_id=ticket_id,
                     timings=MappingProxyType(timings))

    def translate_article(self, source: str | os.PathLike[str], *, locale: LocaleLike,
                          out_dir: str | os.PathLike[str] | None = None, write: bool = True,
                          write_incomplete: bool = False, overwrite: bool = False) -> ArticleTranslation:
        """Translate one KB article into *locale*, keeping its Markdown structure; see
        :func:`toneloc.pipeline.translate_article`."""
        from toneloc.pipeline._kb import translate_article

        return translate_article(self, source, locale=locale, out_dir=out_dir, write=write,
                                 write_incomplete=write_incomplete, overwrite=overwrite)

    def _note(self, run: _Run, note: str) -> Segment:
        det = self._detect(note)
        lang = det.language if det.language != "und" else det.best_guess
        if lang == run.lang or (det.language == "und" and run.same_language):
            return self._finish(run, "note", note, note, "agent", reasons=(f"written in {lang} by the agent",))
        src = lang if det.reliable and self._supported(lang) is not None else self.config.source_locale
        try:
            src = locale_tag(parse_locale(src))
        except TonelocError:
            src = self.config.source_locale
        if parse_locale(src).language == run.loc.language:
            return self._finish(run, "note", note, note, "agent")
        return self._translated(run, "note", note, src)

    def _checks(self, text: str, tag: str, segments: list[Segment], given: Sequence[str] = ()) -> list[CheckResult]:
        out: list[CheckResult] = []
        untranslated = [s for s in segments if s.origin == "untranslated"]
        out.append(CheckResult("untranslated", not untranslated,
                               f"{len(untranslated)} segment(s) have no translation yet" if untranslated
                               else "every segment is in the reply language"))
        found = list(_LEFTOVER.finditer(text))
        if found and given:  # "%}" inside a customer's name or an order field is data, not a leftover
            spans = [(i, i + len(g)) for g in given for i in _occurrences(text, g)]
            found = [m for m in found if not any(a <= m.start() and m.end() <= b for a, b in spans)]
        left = [m.group(0) for m in found]
        out.append(CheckResult("placeholders", not left,
                               f"unfilled placeholders or markup: {', '.join(sorted(set(left)))}" if left
                               else "every placeholder was filled"))
        risky = [s for s in segments if s.origin == "machine" and s.needs_review]
        out.append(CheckResult("mt-risk", not risky,
                               f"{len(risky)} machine-translated segment(s) need review" if risky
                               else "no risky machine translation"))
        out.append(self._register_check(text, tag))
        if self.config.check_output_language:
            out.append(self._language_check(text, tag, bool(untranslated)))
        return out

    def _register_check(self, text: str, tag: str) -> CheckResult:
        from toneloc.tone import check_register

        pol = self.config.tone
        expected = None if pol.formality == "culture" else pol.formality
        if expected is None:
            try:
                from toneloc.culture import get_culture

                expected = get_culture(tag).register
            except CultureNotFoundError:
                expected = None
        try:
            hits = check_register(text, locale=tag, expected=expected)
        except CultureNotFoundError:
            return CheckResult("register", True, f"no tone rules for {tag}: register not checked", blocking=False)
        if hits:
            words = ", ".join(dict.fromkeys(h.text for h in hits))
            return CheckResult("register", False, f"{len(hits)} word(s) in the wrong register for {expected}: {words}")
        return CheckResult("register", True, f"register is {expected or 'consistent'}")

    def _language_check(self, text: str, tag: str, untranslated: bool) -> CheckResult:
        lang = tag.split("-")[0]
        plain = _LEFTOVER.sub(" ", text)
        if len(_LETTER.findall(plain)) < 20:
            return CheckResult("output-language", True, "too short to check the language", blocking=False)
        det = self._detect(plain)
        if det.language in (lang, "und") or not det.reliable:
            return CheckResult("output-language", True, f"reply reads as {det.best_guess}", blocking=False)
        return CheckResult("output-language", False, f"reply reads as {det.language} ({det.confidence:.2f}), "
                           f"expected {lang}", blocking=not untranslated)

    def _enqueue(self, segments: list[Segment], checks: list[CheckResult], tag: str, *, template: str, text: str,
                 customer: Customer | Mapping[str, Any] | None, ticket_id: str | None,
                 context: Mapping[str, Any] | None, now: datetime | None) -> tuple[list[Segment], list[int]]:
        from dataclasses import replace

        from toneloc.review import Candidate, ItemKey, NewItem
        from toneloc.review._model import reason_code

        cid_raw = _customer_field(customer, "id") or _customer_field(customer, "email")
        cid = str(cid_raw) if cid_raw else None
        meta = {"template": template, **({"ticket": ticket_id} if ticket_id else {})}
        items: list[NewItem] = []
        index: list[int] = []
        for i, s in enumerate(segments):
            if not s.needs_review:
                continue
            msgctxt, _, msgid = s.key.rpartition("\x04")
            codes = list(s.reason_codes) or ["untranslated" if s.origin == "untranslated" else
                                             "memory-fuzzy" if s.origin == "memory" else
                                             "high-risk" if s.origin == "machine" else "tone-unsure"]
            item_meta: dict[str, Any] = {**meta, "origin": s.origin}
            if s.msgid_plural is not None:
                # The whole gettext entry is queued: msgid, msgid_plural, a candidate per target form.
                key = ItemKey.message(msgid, msgctxt=msgctxt or None, msgid_plural=s.msgid_plural)
                source = msgid
                forms = s.plural_candidates
                cands = [] if s.origin == "untranslated" else [Candidate(
                    forms[0] if forms else s.text, engine=s.engine or s.origin,
                    model_version=s.model_version or None, score=s.score, tone_rules=s.tone_rules,
                    plural_forms=forms)]
                item_meta["plural"] = {"n": s.n, "form": s.plural_index, "category": s.plural_category,
                                       "locale_forms": _plural_rule_for(self.config.source_locale, tag).describe}
            else:
                key = ItemKey.message(s.source, msgctxt=msgctxt or None)
                source = s.source
                cands = [] if s.origin == "untranslated" else [
                    Candidate(s.text, engine=s.engine or s.origin, model_version=s.model_version or None,
                              score=s.score, tone_rules=s.tone_rules)]
            stated = {reason_code(r) for r in s.reasons}  # "unscored: ..." already carries its code
            items.append(NewItem(key, source, tag, candidates=cands,
                                 reasons=[*(c for c in codes if c not in stated), *s.reasons], customer_id=cid,
                                 meta=item_meta))
            index.append(i)
        if not items:  # held by a check, not by a segment: queue the whole reply for a look
            failed = [c for c in checks if not c.passed and c.blocking]
            source_text = text
            try:
                src_reply = self.templates.render(template, context, locale=self.config.source_locale,
                                                  customer=customer, now=now)
                source_text = src_reply.text
            except TonelocError:
                pass
            import hashlib

            digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
            key = ItemKey.template_key(template, f"reply/{ticket_id or digest}")
            items.append(NewItem(key, source_text, tag, candidates=[Candidate(text, engine="pipeline")],
                                 reasons=["check-failed", *dict.fromkeys(_CHECK_CODES[c.check_id] for c in failed
                                                                         if c.check_id in _CHECK_CODES),
                                          *(f"{c.check_id}: {c.message}" for c in failed)],
                                 customer_id=cid, meta={**meta, "origin": "reply"}))
        with self._lock:
            ids = self.store.enqueue(items, who="pipeline")
        out = list(segments)
        for i, item_id in zip(index, ids, strict=False):
            out[i] = replace(out[i], review_item_id=item_id)
        return out, list(dict.fromkeys(ids))


def _markup_in_values(*sources: object) -> list[str]:
    """The strings among the template context and customer fields (nested up to 4 levels) that
    contain what the placeholder check looks for (``%}``, ``{{``...): data the reply may show."""
    import dataclasses

    out: list[str] = []

    def walk(value: object, depth: int) -> None:
        if isinstance(value, str):
            if _LEFTOVER.search(value):
                out.append(value)
        elif depth >= 4:
            return
        elif isinstance(value, Mapping):
            for v in value.values():
                walk(v, depth + 1)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v, depth + 1)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name), depth + 1)

    for src in sources:
        walk(src, 0)
    return out


def _occurrences(text: str, part: str) -> list[int]:
    """Start offsets of every occurrence of *part* in *text*."""
    out = []
    i = text.find(part)
    while i >= 0 and part:
        out.append(i)
        i = text.find(part, i + 1)
    return out


_CHECK_CODES = {"placeholders": "placeholder", "register": "register", "output-language": "wrong-language",
                "untranslated": "untranslated", "mt-risk": "high-risk"}
"""Reply-level checks -> reason codes of the queued whole-reply item."""


@dataclass(frozen=True)
class _PluralRule:
    """The gettext plural rule of a target locale, related to the source language's.

    ``samples[i]``: a typical count of form *i* (1, 2, 5 in Russian); ``mt_safe``: every source form maps
    to exactly one target form, so the MT of the source form for *n* can be right (German, Japanese;
    not Russian, where English "days" is both "дня" and "дней").
    """

    nplurals: int
    expr: Callable[[int], int]
    loc: babel.Locale
    samples: tuple[int, ...]
    mt_safe: bool
    describe: str

    def index(self, n: int) -> int:
        return int(self.expr(int(n)))

    def category(self, n: int) -> str:
        return str(self.loc.plural_form(abs(int(n))))


_PLURAL_RULES: dict[tuple[str, str], _PluralRule] = {}


def _plural_rule_for(source: str, target: str) -> _PluralRule:
    hit = _PLURAL_RULES.get((source, target))
    if hit is not None:
        return hit
    import gettext

    from babel.messages.plurals import get_plural

    from toneloc.review._store import plural_rule

    def expr_of(tag: str) -> Callable[[int], int]:
        return gettext.c2py(get_plural(str(parse_locale(tag))).plural_expr)

    tgt, src = expr_of(target), expr_of(source)
    nplurals, describe = plural_rule(target)
    counts = [*range(1, 200), 0, 1000, 1_000_000]
    samples = tuple(next((k for k in counts if tgt(k) == i), 1) for i in range(nplurals))
    spread: dict[int, set[int]] = {}
    for k in counts:
        spread.setdefault(src(k), set()).add(tgt(k))
    rule = _PluralRule(nplurals, tgt, parse_locale(target), samples, all(len(v) == 1 for v in spread.values()),
                       describe)
    _PLURAL_RULES[(source, target)] = rule
    return rule


def _as_html(text: str, tag: str, rtl: bool) -> str:
    paras = [p for p in text.strip().split("\n\n") if p.strip()]
    body = "\n".join("<p>" + html_lib.escape(p.strip()).replace("\n", "<br>\n") + "</p>" for p in paras)
    return f'<div lang="{tag}" dir="{"rtl" if rtl else "ltr"}">\n{body}\n</div>\n'


def _insert_plain(text: str, note: str) -> str:
    body = text.rstrip("\n")
    cut = body.rfind("\n\n")
    if cut < 0:
        return f"{body}\n\n{note}\n"
    return f"{body[:cut]}\n\n{note}{body[cut:]}\n"


def _insert_html(page: str, note: str) -> str:
    para = f"<p>{html_lib.escape(note)}</p>\n"
    cut = page.rfind("<p>")
    if cut < 0:
        end = page.rfind("</body>")
        return page[:end] + para + page[end:] if end >= 0 else page + para
    return page[:cut] + para + page[cut:]
