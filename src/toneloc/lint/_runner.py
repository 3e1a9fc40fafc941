"""Running the linter: discover files, run the checks, apply ignores, severities and a baseline.

>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "de.po").write_text('msgid ""\\nmsgstr "Language: de\\\\n"\\n\\nmsgid "Hi {name}"\\nmsgstr "Hallo"\\n')
>>> result = lint_paths([d])
>>> [(f.rule_id, f.line, f.message) for f in result.findings]
[('TL201', 5, 'placeholder {name} missing in translation')]
>>> result.exit_code()
1
"""

from __future__ import annotations

import contextlib
import fnmatch
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from toneloc.errors import LintError, os_error_reason
from toneloc.lint._catalog import CatalogFile, read_catalog
from toneloc.lint._checks import ConsistencyCheck, EntryStateCheck, PlaceholderCheck, PluralCheck, StyleCheck, ToneCheck
from toneloc.lint._config import LintConfig
from toneloc.lint._coverage import CoverageCheck
from toneloc.lint._model import RULES, SEVERITIES, CatalogCheck, Finding, ProjectCheck, TemplateCheck
from toneloc.lint._templates import TemplateFile, TemplateSyntaxCheck, read_code, read_template

__all__ = [
    "LintResult",
    "apply_baseline",
    "default_checks",
    "lint_paths",
    "load_baseline",
    "write_baseline",
]

Check = CatalogCheck | TemplateCheck | ProjectCheck
_SKIP_DIRS = frozenset({".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", "venv", ".tox", ".nox",
                        ".mypy_cache", ".ruff_cache", ".pytest_cache", "build", "dist"})
_SEV_RANK = {"error": 0, "warning": 1, "info": 2}


def default_checks() -> tuple[Check, ...]:
    """A fresh instance of every built-in check (the check registry)."""
    return (EntryStateCheck(), PlaceholderCheck(), PluralCheck(), StyleCheck(), ToneCheck(), TemplateSyntaxCheck(),
            CoverageCheck(), ConsistencyCheck())


@dataclass(frozen=True)
class LintResult:
    """The outcome of a run: findings (sorted by path, line), what was read and what the baseline hid."""

    findings: tuple[Finding, ...]
    files: tuple[str, ...] = ()
    locales: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    baselined: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def exit_code(self, *, strict: bool = False) -> int:
        """0 clean, 1 when an error (or, with *strict*, a warning) was found."""
        if self.counts.get("error", 0):
            return 1
        if strict and self.counts.get("warning", 0):
            return 1
        return 0


def _display(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel.replace(os.sep, "/")


def _kind(path: Path, config: LintConfig, explicit: bool) -> str | None:
    suffix = path.suffix.lower()
    if suffix in (".po", ".pot"):
        return "catalog"
    parts = {p.lower() for p in path.parts[:-1]}
    if suffix == ".md":
        return "kb" if explicit or parts & {d.lower() for d in config.kb_dirs} else None
    if suffix == ".mo":
        return "catalog" if explicit else None
    if suffix == ".py":
        return "code" if explicit else None  # in directories, only the `sources` globs
    if suffix in (".j2", ".jinja", ".jinja2"):
        return "template"
    if explicit and suffix not in config.template_extensions:
        return None
    is_template_ext = suffix in config.template_extensions or path.name.endswith(config.template_extensions)
    if is_template_ext and (explicit or parts & {d.lower() for d in config.template_dirs} or _has_jinja(path)):
        return "template"
    return None


def _has_jinja(path: Path) -> bool:
    """Whether a file outside the template directories still looks like a Jinja template."""
    try:
        with path.open("rb") as fh:
            head = fh.read(65536)
    except OSError:
        return False
    return b"{%" in head or b"{{" in head


def discover(paths: Sequence[str | Path], config: LintConfig) -> list[tuple[Path, str]]:
    """The files to lint under *paths* as ``(path, kind)``; raises :class:`LintError` for a missing path."""
    out: list[tuple[Path, str]] = []
    seen: set[Path] = set()

    base = config.base_dir.resolve()

    def excluded(p: Path) -> bool:
        if not config.exclude:
            return False
        names = [_display(p), p.name]
        with contextlib.suppress(ValueError):  # patterns are relative to the configuration file's directory
            names.append(p.resolve().relative_to(base).as_posix())
        return any(fnmatch.fnmatch(n, pat) for n in names for pat in config.exclude)

    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise LintError(f"no such file or directory: {raw}", path=str(raw),
                            hint="pass catalog/template files or directories that exist")
        if p.is_file():
            kind = _kind(p, config, explicit=True)
            if kind is None:
                raise LintError(f"cannot lint {p.suffix or 'extension-less'} files", path=str(raw),
                                hint="pass .po/.pot catalogs, templates (" + " ".join(config.template_extensions)
                                + ") or .md articles, or a directory")
            if p not in seen and not excluded(p):
                seen.add(p)
                out.append((p, kind))
            continue
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
            for name in sorted(files):
                fp = Path(root) / name
                kind = _kind(fp, config, explicit=False)
                if kind and fp not in seen and not excluded(fp):
                    seen.add(fp)
                    out.append((fp, kind))
    for pattern in config.sources:
        for fp in sorted(config.base_dir.glob(pattern)):
            if fp.is_file() and fp.suffix == ".py" and fp not in seen and not excluded(fp):
                seen.add(fp)
                out.append((fp, "code"))
    return out


def _enabled(check: Check, config: LintConfig) -> bool:
    return any(config.enabled(r) for r in check.rules)


def lint_paths(paths: Sequence[str | Path], *, config: LintConfig | None = None,
               checks: Iterable[Check] | None = None, baseline: Counter[str] | None = None) -> LintResult:
    """Lint the catalogs (``.po``/``.pot``), templates and KB articles under *paths*.

    Args:
        paths: files or directories.
        config: the configuration (default: :class:`LintConfig` defaults).
        checks: the checks to run (default: :func:`default_checks`).
        baseline: fingerprints to hide (see :func:`load_baseline`).
    """
    config = config or LintConfig()
    checks = tuple(checks) if checks is not None else default_checks()
    findings: list[Finding] = []
    catalogs: list[CatalogFile] = []
    templates: list[TemplateFile] = []
    files: list[str] = []
    for path, kind in discover(paths, config):
        disp = _display(path)
        files.append(disp)
        if kind == "catalog":
            got = read_catalog(path, disp, config)
            if isinstance(got, Finding):
                findings.append(got)
                continue
            catalogs.append(got)
            findings.extend(got.bad_ignores)
            if not got.is_template and got.locale is None:
                findings.append(Finding("TL002", config.severity_of("TL002"), disp, 1, 1,
                                        f"cannot tell the locale of this catalog (saw {got.raw_locale!r}); "
                                        "locale checks (plurals, tone, coverage) skipped",
                                        "set the Language header to a CLDR locale (e.g. Language: pt_BR)", None,
                                        subject="locale"))
        elif kind == "code":
            got_c = read_code(path, disp, config=config)
            if isinstance(got_c, Finding):
                findings.append(got_c)
                continue
            templates.append(got_c)
            findings.extend(got_c.bad_ignores)
        else:
            got_t = read_template(path, disp, kind=kind, config=config)
            if isinstance(got_t, Finding):
                findings.append(got_t)
                continue
            templates.append(got_t)
            findings.extend(got_t.bad_ignores)
    _assign_po_dir_domains(catalogs)
    for check in checks:
        if not _enabled(check, config):
            continue
        if isinstance(check, CatalogCheck):
            for cat in catalogs:
                _run_guarded(findings, check, cat.display, cat.locale, config, check.check_catalog, cat, config)
        if isinstance(check, TemplateCheck):
            for tpl in templates:
                _run_guarded(findings, check, tpl.display, tpl.locale, config, check.check_template, tpl, config)
        if isinstance(check, ProjectCheck):
            _run_guarded(findings, check, files[0] if files else ".", None, config, check.check_project, catalogs,
                         templates, config)
    kept = [f for f in findings if config.enabled(f.rule_id)]
    hidden = 0
    if baseline:
        kept, hidden = apply_baseline(kept, baseline)
    kept.sort(key=lambda f: (f.path, f.line, f.column, f.rule_id, f.message))
    counts = Counter(f.severity for f in kept)
    locales = sorted({c.locale for c in catalogs if c.locale} | {t.locale for t in templates if t.locale}
                     | set(config.locales))
    rules = tuple(sorted(r for r in RULES if config.enabled(r)))
    return LintResult(tuple(kept), tuple(files), tuple(locales), rules, hidden,
                      {s: counts.get(s, 0) for s in SEVERITIES})


def _run_guarded(out: list[Finding], check: Check, display: str, locale: str | None, config: LintConfig,
                 run: Callable[..., Iterable[Finding]], *args: object) -> None:
    """Run one check on one file; a bug in a check (built-in or plug-in) becomes a TL001 finding naming
    the check and the file, so a CI run reports it instead of dying with a traceback."""
    try:
        out.extend(run(*args))
    except Exception as exc:  # deliberately broad: the linter must not crash on any input
        out.append(Finding("TL001", config.severity_of("TL001"), display, 0, 1,
                           f"internal error in {type(check).__name__}: {type(exc).__name__}: {exc}",
                           "please report this as a toneloc bug, with the file; the other checks ran", locale,
                           subject=f"internal:{type(check).__name__}:{type(exc).__name__}"))


def _assign_po_dir_domains(catalogs: list[CatalogFile]) -> None:
    """GNU layout (``po/de.po`` next to ``po/hello.pot``): the catalogs take the POT's domain."""
    pots: dict[Path, list[str]] = {}
    for c in catalogs:
        if c.is_template:
            pots.setdefault(c.path.parent, []).append(c.domain)
    for c in catalogs:
        if not c.is_template and "LC_MESSAGES" not in c.path.parts:
            stems = pots.get(c.path.parent, [])
            if len(stems) == 1:
                c.domain = stems[0]


# --------------------------------------------------------------------------- baseline
def load_baseline(path: str | Path) -> Counter[str]:
    """Read a baseline file (written by :func:`write_baseline`) into a fingerprint multiset."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise LintError("baseline file not found", path=p, hint="create it with --write-baseline") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LintError(f"cannot read baseline: {exc}", path=p, hint="regenerate it with --write-baseline") from exc
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise LintError("not a toneloc lint baseline (missing 'findings' list)", path=p,
                        hint="regenerate it with --write-baseline")
    out: Counter[str] = Counter()
    for item in data["findings"]:
        if isinstance(item, dict) and isinstance(item.get("fingerprint"), str):
            out[item["fingerprint"]] += 1
    return out


def write_baseline(path: str | Path, findings: Iterable[Finding]) -> int:
    """Write *findings* as a baseline; returns how many were written."""
    items = [{"fingerprint": f.fingerprint, "rule_id": f.rule_id, "path": f.path, "locale": f.locale,
              "message": f.message} for f in findings]
    items.sort(key=lambda d: (str(d["path"]), str(d["rule_id"]), str(d["fingerprint"])))
    p = Path(path)
    tmp = p.with_name(f".{p.name}.tmp{os.getpid()}")
    try:  # atomically: an interrupted write never leaves a truncated baseline behind
        tmp.write_text(json.dumps({"version": 1, "tool": "toneloc lint", "findings": items}, ensure_ascii=False,
                                  indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, p)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise LintError(f"cannot write baseline: {os_error_reason(exc)}", path=p,
                        hint="pass a file path in an existing, writable folder") from None
    return len(items)


def apply_baseline(findings: list[Finding], baseline: Counter[str]) -> tuple[list[Finding], int]:
    """Drop findings whose fingerprint is in *baseline* (as many times as it is recorded there)."""
    left = Counter(baseline)
    kept: list[Finding] = []
    hidden = 0
    for f in findings:
        fp = f.fingerprint
        if left[fp] > 0:
            left[fp] -= 1
            hidden += 1
        else:
            kept.append(f)
    return kept, hidden
