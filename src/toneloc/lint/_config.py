"""Linter configuration: ``[tool.toneloc]`` in ``pyproject.toml`` or a ``toneloc.toml`` file.

Shared keys (``locales``, ``source_locale``) live at the top of the toneloc table; linter keys live
in its ``lint`` sub-table::

    [tool.toneloc]
    locales = ["de", "fr", "pt-BR", "ja"]
    source_locale = "en"

    [tool.toneloc.lint]
    disable = ["TL105"]
    severity = { TL705 = "error", TL104 = "info" }
    glossary = { "ticket" = { de = "Ticket", fr = "ticket" }, "Acme" = "*" }

    [tool.toneloc.lint.context]      # optional context schema for TL403
    "*" = ["customer", "ticket", "agent"]

>>> cfg = LintConfig(locales=("de", "pt_BR"), severity={"TL705": "error"}, disable=frozenset({"TL105"}))
>>> cfg.severity_of("TL705"), cfg.severity_of("TL103"), cfg.enabled("TL105")
('error', 'warning', False)
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

from toneloc.errors import ConfigError, TonelocError, close_matches
from toneloc.lint._model import RULES, SEVERITIES, Severity

__all__ = ["LintConfig", "find_config", "load_config"]

_LINT_KEYS = {
    "disable", "severity", "glossary", "context", "template_globals", "mt_markers", "mt_flags",
    "approved_markers", "exclude", "consistency", "domain", "template_extensions", "template_dirs",
    "kb_dirs", "kb_locales", "locales", "source_locale", "sources",
}


@dataclass(frozen=True)
class LintConfig:
    """Everything the checks need to know; explicit, immutable, easy to build in tests.

    Attributes:
        locales: configured locales (Babel identifiers, ``pt_BR``); empty = the locales found.
        kb_locales: the locales every KB article must have a variant for (TL101); ``None`` = ``locales``.
            Teams that translate articles on demand (``toneloc kb translate``) set a shorter list or ``[]``.
        source_locale: the language msgids are written in.
        severity: per-rule severity overrides.
        disable: rule ids that are switched off.
        glossary: source term -> {locale: required translation}; ``"*"`` keeps the term unchanged.
        context: template glob -> declared variables (the optional schema for TL403); ``None`` = off.
        template_globals: names always defined in templates (filters' helpers, globals).
        mt_markers: translator-comment prefixes that mark machine translation.
        mt_flags: PO flags that mark machine translation.
        approved_markers: translator-comment prefixes that mark a human approval.
        exclude: glob patterns of paths to skip.
        consistency: run TL701 (same source, different translations).
        domain: the gettext domain templates use (catalog file stem).
        template_extensions / template_dirs / kb_dirs: how templates and KB articles are found.
        sources: glob patterns (relative to *base_dir*) of Python files whose gettext calls
            (``_``, ``gettext``, ``ngettext``, ``pgettext``...) must be in every locale's catalog (TL102).
        base_dir: the directory of the configuration file (paths are relative to it).
        config_path: the file the configuration came from, if any.
    """

    locales: tuple[str, ...] = ()
    kb_locales: tuple[str, ...] | None = None
    source_locale: str = "en"
    severity: Mapping[str, Severity] = field(default_factory=dict)
    disable: frozenset[str] = frozenset()
    glossary: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    context: Mapping[str, tuple[str, ...]] | None = None
    template_globals: tuple[str, ...] = ()
    mt_markers: tuple[str, ...] = ("toneloc: machine",)
    mt_flags: tuple[str, ...] = ("machine-translated",)
    approved_markers: tuple[str, ...] = ("toneloc: approved", "toneloc: reviewed")
    exclude: tuple[str, ...] = ()
    consistency: bool = True
    domain: str = "messages"
    template_extensions: tuple[str, ...] = (".html", ".htm", ".txt", ".j2", ".jinja", ".jinja2", ".xml", ".eml")
    template_dirs: tuple[str, ...] = ("templates",)
    kb_dirs: tuple[str, ...] = ("kb", "articles", "knowledge-base", "knowledge_base")
    sources: tuple[str, ...] = ()
    base_dir: Path = field(default_factory=Path.cwd)
    config_path: Path | None = None

    def enabled(self, rule_id: str) -> bool:
        """Whether *rule_id* runs."""
        return rule_id not in self.disable

    def severity_of(self, rule_id: str) -> Severity:
        """The configured severity of *rule_id* (its default unless overridden)."""
        override = self.severity.get(rule_id)
        if override is not None:
            return override
        rule = RULES.get(rule_id)
        return rule.severity if rule else "warning"

    def declared_variables(self, template_path: str) -> frozenset[str] | None:
        """The context schema for *template_path* (union of matching globs), or ``None`` if no schema."""
        if self.context is None:
            return None
        p = Path(template_path)
        if p.is_absolute() or p.exists():
            with contextlib.suppress(ValueError):  # another drive on Windows: keep the path as given
                template_path = os.path.relpath(p.resolve(), self.base_dir.resolve()).replace(os.sep, "/")
        names: set[str] = set()
        matched = False
        for pattern, variables in self.context.items():
            if pattern == "*" or fnmatch.fnmatch(template_path, pattern) or fnmatch.fnmatch(
                    Path(template_path).name, pattern):
                names.update(variables)
                matched = True
        return frozenset(names) if matched else None

    def with_locales(self, locales: tuple[str, ...]) -> LintConfig:
        """A copy with other configured locales (``--locales`` on the command line)."""
        return replace(self, locales=tuple(_parse_locales(list(locales), self.config_path)))


def _parse_locales(values: list[Any], where: Path | None) -> list[str]:
    from toneloc.locale import parse_locale

    out: list[str] = []
    for v in values:
        if not isinstance(v, str):
            raise ConfigError(f"locales must be strings, got {v!r}", path=where, hint='locales = ["de", "pt-BR"]')
        try:
            out.append(str(parse_locale(v)))
        except TonelocError as exc:
            raise ConfigError(f"unknown locale {v!r} in locales", path=where, hint=exc.hint) from exc
    return out


def _str_tuple(value: Any, key: str, where: Path | None) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise ConfigError(f"{key} must be a list of strings, got {value!r}", path=where)
    return tuple(value)


def _check_rule(rule_id: str, key: str, where: Path | None) -> str:
    rid = rule_id.upper()
    if rid not in RULES:
        by_name = {r.name: r.id for r in RULES.values()}
        if rule_id in by_name:
            return by_name[rule_id]
        raise ConfigError(f"unknown rule {rule_id!r} in {key}", path=where,
                          hint="did you mean: " + ", ".join(close_matches(rid, RULES) or sorted(RULES)[:5]))
    return rid


def config_from_mapping(table: Mapping[str, Any], *, base_dir: Path | None = None,
                        config_path: Path | None = None) -> LintConfig:
    """Build a :class:`LintConfig` from the toneloc table (``locales`` etc. plus a ``lint`` sub-table).

    >>> cfg = config_from_mapping({"locales": ["de-DE"], "lint": {"disable": ["obsolete"]}})
    >>> cfg.locales, sorted(cfg.disable)
    (('de_DE',), ['TL105'])
    >>> config_from_mapping({"lint": {"severty": {}}})
    Traceback (most recent call last):
    ...
    toneloc.errors.ConfigError: unknown key 'severty' in [tool.toneloc.lint] (hint: did you mean: severity)
    """
    where = config_path
    lint = table.get("lint", {})
    if not isinstance(lint, Mapping):
        raise ConfigError("[tool.toneloc.lint] must be a table", path=where)
    for key in lint:
        if key not in _LINT_KEYS:
            raise ConfigError(f"unknown key {key!r} in [tool.toneloc.lint]", path=where,
                              hint="did you mean: " + ", ".join(close_matches(key, _LINT_KEYS) or sorted(_LINT_KEYS)))
    kw: dict[str, Any] = {}
    locales = lint.get("locales", table.get("locales"))
    if locales is not None:
        if not isinstance(locales, list):
            raise ConfigError("locales must be a list", path=where, hint='locales = ["de", "pt-BR"]')
        kw["locales"] = tuple(_parse_locales(locales, where))
    if "kb_locales" in lint:
        if not isinstance(lint["kb_locales"], list):
            raise ConfigError("kb_locales must be a list", path=where, hint='kb_locales = ["de", "fr"] (or [])')
        kw["kb_locales"] = tuple(_parse_locales(lint["kb_locales"], where))
    src = lint.get("source_locale", table.get("source_locale"))
    if src is not None:
        kw["source_locale"] = _parse_locales([src], where)[0]
    if "disable" in lint:
        names = _str_tuple(lint["disable"], "disable", where)
        kw["disable"] = frozenset(_check_rule(r, "disable", where) for r in names)
    if "severity" in lint:
        sev = lint["severity"]
        if not isinstance(sev, Mapping):
            raise ConfigError("severity must be a table of rule = level", path=where,
                              hint='severity = { TL705 = "error" }')
        parsed: dict[str, Severity] = {}
        for rule_id, level in sev.items():
            if level not in SEVERITIES:
                raise ConfigError(f"severity of {rule_id} must be one of {', '.join(SEVERITIES)}, got {level!r}",
                                  path=where)
            parsed[_check_rule(rule_id, "severity", where)] = cast(Severity, level)
        kw["severity"] = parsed
    if "glossary" in lint:
        glossary: dict[str, dict[str, str]] = {}
        raw = lint["glossary"]
        if not isinstance(raw, Mapping):
            raise ConfigError("glossary must be a table", path=where,
                              hint='glossary = { "ticket" = { de = "Ticket" } }')
        for term, spec in raw.items():
            if isinstance(spec, str):
                glossary[term] = {"*": spec}
            elif isinstance(spec, Mapping) and all(isinstance(v, str) for v in spec.values()):
                glossary[term] = {("*" if k == "*" else _parse_locales([k], where)[0]): v for k, v in spec.items()}
            else:
                raise ConfigError(f"glossary entry {term!r} must be a string or a table of locale = term", path=where)
        kw["glossary"] = glossary
    if "context" in lint:
        ctx = lint["context"]
        if isinstance(ctx, list):
            kw["context"] = {"*": _str_tuple(ctx, "context", where)}
        elif isinstance(ctx, Mapping):
            kw["context"] = {k: _str_tuple(v, f"context.{k}", where) for k, v in ctx.items()}
        else:
            raise ConfigError("context must be a list of names or a table of glob = [names]", path=where)
    for key in ("template_globals", "mt_markers", "mt_flags", "approved_markers", "exclude",
                "template_extensions", "template_dirs", "kb_dirs", "sources"):
        if key in lint:
            kw[key] = _str_tuple(lint[key], key, where)
    for pattern in kw.get("sources", ()):
        if not pattern or Path(pattern).is_absolute() or pattern.startswith(("/", "\\")):
            raise ConfigError(f"sources pattern {pattern!r} must be a non-empty glob relative to the configuration "
                              "file", path=where, hint='sources = ["app/**/*.py"]')
    if "consistency" in lint:
        if not isinstance(lint["consistency"], bool):
            raise ConfigError("consistency must be true or false", path=where)
        kw["consistency"] = lint["consistency"]
    if "domain" in lint:
        if not isinstance(lint["domain"], str):
            raise ConfigError("domain must be a string", path=where)
        kw["domain"] = lint["domain"]
    return LintConfig(base_dir=base_dir or Path.cwd(), config_path=config_path, **kw)


def find_config(start: Path) -> Path | None:
    """The nearest ``toneloc.toml``, or ``pyproject.toml`` with a ``[tool.toneloc]`` table, at or above *start*."""
    start = start.resolve()
    for d in (start, *start.parents):
        cand = d / "toneloc.toml"
        if cand.is_file():
            return cand
        py = d / "pyproject.toml"
        if py.is_file():
            try:
                text = py.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            try:
                if "toneloc" in tomllib.loads(text).get("tool", {}):
                    return py
            except tomllib.TOMLDecodeError:
                if "tool.toneloc" in text:  # ours but broken: load_config reports the syntax error
                    return py
    return None


def load_config(path: str | Path | None = None, *, start: str | Path | None = None) -> LintConfig:
    """Load the configuration from *path*, or discover it from *start* (default: the working directory).

    Raises :class:`~toneloc.errors.ConfigError` (with file and line for TOML syntax errors).
    """
    if path is None:
        found = find_config(Path(start) if start is not None else Path.cwd())
        if found is None:
            return LintConfig(base_dir=Path(start).resolve() if start is not None else Path.cwd())
        path = found
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError("configuration file not found", path=p, hint="check the --config path") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read configuration: {exc}", path=p) from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"at line (\d+), column (\d+)", str(exc))
        line, col = (int(m.group(1)), int(m.group(2))) if m else (None, None)
        if m is None and "end of document" in str(exc):
            line = text.count("\n") + (0 if text.endswith("\n") else 1)
        raise ConfigError(f"invalid TOML: {exc}", path=p, line=line, column=col, hint="fix the TOML syntax") from exc
    if p.name == "pyproject.toml":
        table = data.get("tool", {}).get("toneloc", {})
    else:
        table = data.get("tool", {}).get("toneloc", data)
    if not isinstance(table, Mapping):
        raise ConfigError("[tool.toneloc] must be a table", path=p)
    return config_from_mapping(table, base_dir=p.resolve().parent, config_path=p)
