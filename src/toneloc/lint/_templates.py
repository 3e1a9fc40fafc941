"""Jinja2 templates and KB articles for the linter: parsing, msgids, variants and template checks.

Templates are parsed with a plain ``jinja2.Environment(extensions=["jinja2.ext.i18n"])`` (no
dependency on :mod:`toneloc.templating`), so a syntax error is a TL401 finding, never a traceback.

>>> t = read_template_source("{% trans %}Hello {{ user.name }}{% endtrans %}", "reply.html")
>>> [(f.rule_id, f.line) for f in TemplateSyntaxCheck().check_template(t, LintConfig())]
[('TL402', 1)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toneloc.lint._config import LintConfig
from toneloc.lint._model import RULES, Finding

__all__ = ["TemplateFile", "TemplateSyntaxCheck", "read_code", "read_template", "read_template_source", "variant_of"]

_IGNORE = re.compile(r"\{#-?\s*toneloc:\s*ignore\[([^\]]*)\]\s*(.*?)\s*-?#\}")
_TRANS_BLOCK = re.compile(r"\{%-?\s*trans\b(.*?)-?%\}(.*?)\{%-?\s*endtrans\s*-?%\}", re.S)
_VAR_IN_TRANS = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.S)
_SIMPLE_NAME = re.compile(r"^[A-Za-z_]\w*$")
_GETTEXT_NAMES = frozenset({"_", "gettext", "ngettext", "pgettext", "npgettext"})
_BUILTIN_NAMES = frozenset({"range", "dict", "lipsum", "cycler", "joiner", "namespace", "loop", "self", "super",
                            "varargs", "kwargs", "caller", "true", "false", "none", "True", "False", "None",
                            *_GETTEXT_NAMES})


@dataclass
class TemplateFile:
    """A template or KB article: its source, AST (``None`` if it does not parse) and msgids."""

    path: Path
    display: str
    source: str
    kind: str  # "template" | "kb" | "code" (Python source, see LintConfig.sources)
    locale: str | None = None  # set when the file is a locale variant (reply.de.html, de/reply.html)
    base_key: str = ""
    ast: Any = None
    syntax_error: Finding | None = None
    msgids: list[tuple[int, str | None, str]] = field(default_factory=list)  # (line, msgctxt, msgid)
    ignores: dict[int, dict[str, str]] = field(default_factory=dict)
    bad_ignores: list[Finding] = field(default_factory=list)

    def ignored(self, line: int, rule_id: str) -> bool:
        """Whether an ignore comment on *line* or the line above silences *rule_id*."""
        for ln in (line, line - 1):
            rules = self.ignores.get(ln)
            if rules and (rule_id in rules or "*" in rules):
                return True
        return False

    def line_text(self, line: int) -> str:
        lines = self.source.split("\n")
        return lines[line - 1].strip() if 0 < line <= len(lines) else ""

    def emit(self, config: LintConfig, rule_id: str, line: int, message: str, hint: str, *, column: int = 1,
             locale: str | None = None) -> Finding | None:
        if self.ignored(line, rule_id):
            return None
        return Finding(rule_id, config.severity_of(rule_id), self.display, line, column, message, hint,
                       locale if locale is not None else self.locale, subject=f"{self.line_text(line)}\x1f{message}")


def _environment() -> Any:
    import jinja2

    return jinja2.Environment(extensions=["jinja2.ext.i18n"], autoescape=False)


_ENV: Any = None


def _env() -> Any:
    global _ENV
    if _ENV is None:
        _ENV = _environment()
    return _ENV


def variant_of(path: Path, root: Path | None = None) -> tuple[str, str | None]:
    """``(base key, locale)`` of a template path; locale is ``None`` for a base (source-language) file.

    >>> variant_of(Path("templates/reply.de.html"))
    ('templates/reply.html', 'de')
    >>> variant_of(Path("templates/pt_BR/reply.html"))
    ('templates/reply.html', 'pt_BR')
    >>> variant_of(Path("templates/reply.html"))
    ('templates/reply.html', None)
    """
    from toneloc.errors import TonelocError
    from toneloc.locale import parse_locale

    def as_locale(tag: str) -> str | None:
        if not (2 <= len(tag) <= 11) or not re.fullmatch(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,4})*", tag):
            return None
        try:
            return str(parse_locale(tag))
        except TonelocError:
            return None

    parts = path.name.split(".")
    if len(parts) >= 3:
        loc = as_locale(parts[-2])
        if loc:
            return str(path.with_name(".".join(parts[:-2] + parts[-1:]))).replace("\\", "/"), loc
    if path.parent.name and path.parent.parent != path.parent:
        loc = as_locale(path.parent.name)
        if loc and path.parent.name not in ("templates", "kb"):
            return str(path.parent.parent / path.name).replace("\\", "/"), loc
    return str(path).replace("\\", "/"), None


def read_template_source(source: str, display: str, *, path: Path | None = None, kind: str = "template",
                         config: LintConfig | None = None) -> TemplateFile:
    """Parse *source* (a template's text) into a :class:`TemplateFile`; errors become findings."""
    import jinja2

    config = config or LintConfig()
    p = path or Path(display)
    base_key, locale = variant_of(Path(display))
    t = TemplateFile(path=p, display=display, source=source, kind=kind, locale=locale, base_key=base_key)
    for m in _IGNORE.finditer(source):
        line = source.count("\n", 0, m.start()) + 1
        rules = {r.strip().upper() for r in m.group(1).split(",") if r.strip()}
        reason = m.group(2).strip()
        unknown = sorted(r for r in rules if r not in RULES and r != "*")
        if not reason or unknown:
            msg = (f"inline ignore of {', '.join(sorted(rules))} has no reason" if not reason
                   else f"inline ignore names unknown rule(s) {', '.join(unknown)}")
            t.bad_ignores.append(Finding("TL003", config.severity_of("TL003"), display, line, 1, msg,
                                         "write {# toneloc: ignore[TL401] why this is fine #}", locale,
                                         subject=m.group(0)))
        if reason:
            t.ignores.setdefault(line, {}).update(dict.fromkeys(rules - set(unknown), reason))
    if kind != "template":
        return t
    env = _env()
    try:
        t.ast = env.parse(source)
    except jinja2.TemplateSyntaxError as exc:
        line = exc.lineno or 1
        rule = "TL402" if _inside_trans(source, line) else "TL401"
        hint = ("inside {% trans %} only simple names are allowed: bind expressions first, "
                "{% trans name=user.name %}…{{ name }}…{% endtrans %}" if rule == "TL402"
                else "fix the Jinja2 syntax")
        t.syntax_error = Finding(rule, config.severity_of(rule), display, line, 1,
                                 f"template syntax error: {exc.message}", hint, locale,
                                 subject=f"syntax\x1f{exc.message}")
        return t
    try:
        for lineno, func, message in env.extract_translations(t.ast):
            ctx: str | None = None
            if func in ("pgettext", "npgettext") and isinstance(message, tuple):
                ctx, message = message[0], message[1:]
            if isinstance(message, tuple):
                for m in message[:2]:
                    if isinstance(m, str) and m:
                        t.msgids.append((lineno, ctx, m))
            elif isinstance(message, str) and message:
                t.msgids.append((lineno, ctx, message))
    except (jinja2.TemplateError, ValueError, TypeError):  # pragma: no cover - defensive
        pass
    return t


def _inside_trans(source: str, line: int) -> bool:
    for m in _TRANS_BLOCK.finditer(source):
        a = source.count("\n", 0, m.start()) + 1
        b = source.count("\n", 0, m.end()) + 1
        if a <= line <= b:
            return True
    # an unclosed trans block: the error points at its line
    lines = source.split("\n")
    return bool(re.search(r"\{%-?\s*trans\b", lines[line - 1] if 0 < line <= len(lines) else ""))


def read_template(path: Path, display: str, *, kind: str = "template",
                  config: LintConfig | None = None) -> TemplateFile | Finding:
    """Read a template file; unreadable bytes or bad UTF-8 become a TL001 :class:`Finding`."""
    config = config or LintConfig()
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Finding("TL001", config.severity_of("TL001"), display, 0, 1, f"cannot read file: {exc.strerror or exc}",
                       "check the path and permissions", None, subject="read")
    if b"\x00" in data[:4096]:
        return Finding("TL001", config.severity_of("TL001"), display, 0, 1, "binary file, not a template",
                       "remove it or fix the template globs", None, subject="binary")
    try:
        source = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return Finding("TL001", config.severity_of("TL001"), display, line, col,
                       f"invalid UTF-8 at byte {exc.start} ({exc.reason})", "re-save the file as UTF-8", None,
                       subject="decode")
    return read_template_source(source, display, path=path, kind=kind, config=config)


_PY_IGNORE = re.compile(r"#\s*toneloc:\s*ignore\[([^\]]*)\]\s*(.*?)\s*$", re.M)


def read_code(path: Path, display: str, *, config: LintConfig | None = None) -> TemplateFile | Finding:
    """Read a Python file's gettext msgids (Babel's extractor, default keywords) for TL102.

    Unreadable or untokenizable files become a TL001 :class:`Finding`. Ignores are Python comments:
    ``# toneloc: ignore[TL102] reason``, covering their own line and the next one.
    """
    import ast
    import io
    import tokenize

    from babel.messages.extract import DEFAULT_KEYWORDS, extract

    config = config or LintConfig()
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Finding("TL001", config.severity_of("TL001"), display, 0, 1, f"cannot read file: {exc.strerror or exc}",
                       "check the path and permissions", None, subject="read")
    t = TemplateFile(path=path, display=display, source="", kind="code", base_key=display)
    try:
        t.source = data.decode("utf-8-sig")
        ast.parse(t.source, filename=display)  # a precise line for syntax errors
        for lineno, message, _comments, context in extract("python", io.BytesIO(data), keywords=DEFAULT_KEYWORDS):
            msgs = message if isinstance(message, tuple) else (message,)
            for msg in msgs[:1]:  # a plural entry is keyed by its singular msgid
                if isinstance(msg, str) and msg:
                    t.msgids.append((lineno, context, msg))
    except (UnicodeDecodeError, tokenize.TokenError, SyntaxError, ValueError) as exc:
        if isinstance(exc, SyntaxError):
            line, col, why = exc.lineno or 1, exc.offset or 1, f"Python syntax error: {exc.msg}"
        elif isinstance(exc, UnicodeDecodeError):
            line = data.count(b"\n", 0, exc.start) + 1
            col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            why = f"invalid UTF-8 at byte {exc.start} ({exc.reason})"
        else:
            line, col, why = 1, 1, f"cannot extract messages: {exc}"
        return Finding("TL001", config.severity_of("TL001"), display, line, col, why,
                       "fix the file: toneloc reads msgids from valid UTF-8 Python", None, subject="code")
    for m in _PY_IGNORE.finditer(t.source):
        line = t.source.count("\n", 0, m.start()) + 1
        rules = {r.strip().upper() for r in m.group(1).split(",") if r.strip()}
        reason = m.group(2).strip()
        unknown = sorted(r for r in rules if r not in RULES and r != "*")
        if not reason or unknown:
            msg = (f"inline ignore of {', '.join(sorted(rules))} has no reason" if not reason
                   else f"inline ignore names unknown rule(s) {', '.join(unknown)}")
            t.bad_ignores.append(Finding("TL003", config.severity_of("TL003"), display, line, 1, msg,
                                         "write # toneloc: ignore[TL102] why this is fine", None,
                                         subject=m.group(0)))
        if reason:
            t.ignores.setdefault(line, {}).update(dict.fromkeys(rules - set(unknown), reason))
    return t


def _first_line(ast: Any, name: str) -> int:
    from jinja2 import nodes

    for n in ast.find_all(nodes.Name):
        if n.name == name and n.ctx == "load":
            return int(n.lineno)
    return 1


class TemplateSyntaxCheck:
    """Syntax (TL401), trans-block expressions (TL402), undeclared variables (TL403), pitfalls (TL404)."""

    rules: tuple[str, ...] = ("TL401", "TL402", "TL403", "TL404")

    def check_template(self, template: TemplateFile, config: LintConfig) -> Iterator[Finding]:
        if template.kind != "template":
            return
        src = template.source
        # TL402 first, from the source: a precise message per offending expression
        seen_402: set[int] = set()
        for m in _TRANS_BLOCK.finditer(src):
            body_start = m.start(2)
            for v in _VAR_IN_TRANS.finditer(m.group(2)):
                expr = v.group(1)
                if not _SIMPLE_NAME.match(expr):
                    line = src.count("\n", 0, body_start + v.start()) + 1
                    col = body_start + v.start() - (src.rfind("\n", 0, body_start + v.start()) + 1) + 1
                    seen_402.add(line)
                    f = template.emit(config, "TL402", line,
                                      f"{{{{ {expr} }}}} inside {{% trans %}}: only simple variable names are allowed",
                                      f"bind it: {{% trans x={expr} %}}…{{{{ x }}}}…{{% endtrans %}}", column=col)
                    if f:
                        yield f
            if re.search(r"\{%-?\s*(if|for|set|macro|call|include|block)\b", m.group(2)):
                line = src.count("\n", 0, m.start()) + 1
                if line not in seen_402:
                    f = template.emit(config, "TL402", line, "control structure inside {% trans %}",
                                      "move the logic outside the trans block, or use {% pluralize %}")
                    if f:
                        yield f
        if template.syntax_error is not None:
            err = template.syntax_error
            if not (err.rule_id == "TL402" and err.line in seen_402) and not template.ignored(err.line, err.rule_id):
                yield err
            return
        ast = template.ast
        if ast is None:
            return
        from jinja2 import meta, nodes

        declared = config.declared_variables(str(template.path))
        if declared is not None and config.enabled("TL403"):
            allowed = declared | _BUILTIN_NAMES | set(config.template_globals)
            for name in sorted(meta.find_undeclared_variables(ast) - allowed):
                line = _first_line(ast, name)
                f = template.emit(config, "TL403", line, f"variable {name!r} is not declared in the context schema",
                                  "declare it in [tool.toneloc.lint.context] or fix the typo")
                if f:
                    yield f
        if not config.enabled("TL404"):
            return
        is_html = template.path.suffix.lower() in (".html", ".htm", ".xml") or ".html" in template.path.suffixes
        for node in ast.find_all(nodes.Mod):
            left = node.left
            if isinstance(left, nodes.Call) and isinstance(left.node, nodes.Name) and left.node.name in _GETTEXT_NAMES:
                f = template.emit(config, "TL404", int(node.lineno),
                                  f"{left.node.name}(...) % ... formats the translation by hand; with newstyle "
                                  "gettext this formats twice and breaks on '%'",
                                  f"pass variables as keywords: {left.node.name}('… %(name)s …', name=value)")
                if f:
                    yield f
        for call in ast.find_all(nodes.Call):
            if isinstance(call.node, nodes.Name) and call.node.name in _GETTEXT_NAMES:
                nargs = {"_": 1, "gettext": 1, "ngettext": 2, "pgettext": 2, "npgettext": 3}[call.node.name]
                if any(not isinstance(a, nodes.Const) for a in call.args[:nargs]):
                    f = template.emit(config, "TL404", int(call.lineno),
                                      f"{call.node.name}() called with a non-literal string; it cannot be extracted",
                                      "pass a string literal; translate dynamic values before rendering")
                    if f:
                        yield f
        for flt in ast.find_all(nodes.Filter):
            if flt.name == "safe" and flt.node is not None and isinstance(flt.node, nodes.Call) and isinstance(
                    flt.node.node, nodes.Name) and flt.node.node.name in _GETTEXT_NAMES:
                f = template.emit(config, "TL404", int(flt.lineno),
                                  "translated text marked |safe: translators' markup bypasses autoescaping",
                                  "keep markup in the template, or review every translation of this string as HTML")
                if f:
                    yield f
        if is_html:
            for blk in ast.find_all(nodes.ScopedEvalContextModifier):
                for opt in blk.options:
                    if opt.key == "autoescape" and isinstance(opt.value, nodes.Const) and opt.value.value is False:
                        f = template.emit(config, "TL404", int(blk.lineno),
                                          "{% autoescape false %} in an HTML template: translated and customer text "
                                          "is inserted unescaped", "remove the block; mark trusted values with |safe")
                        if f:
                            yield f
