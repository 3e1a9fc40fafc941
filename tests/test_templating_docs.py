"""The worked example in docs/templates.md prints what the page claims."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")


def _block_after(heading: str, lang: str) -> str:
    tail = DOC[DOC.index(heading):]
    match = re.search(rf"```{lang}\n(.*?)```", tail, re.S)
    assert match, f"no ```{lang} block after {heading!r}"
    return match.group(1)


def test_worked_example_renders_as_documented(monkeypatch: pytest.MonkeyPatch) -> None:
    """Running the page's Python block from the repository root prints the page's text block."""
    monkeypatch.chdir(ROOT)
    code = _block_after("### 3. Render", "python")
    expected = _block_after("### 3. Render", "text")
    namespace: dict[str, object] = {}
    exec(compile(code.replace("print(r.text)", "OUT = r.text"), "docs/templates.md", "exec"), namespace)
    assert namespace["OUT"] == expected.replace("1.234,50 €", "1.234,50\xa0€")
    r = namespace["r"]
    assert (r.locale, r.locale_used, r.fallbacks, r.missing_msgids, r.template_path) == (  # type: ignore[attr-defined]
        "de-DE", "de", ("de-DE→de",), (), "examples/helpdesk/templates/refund.txt")


def test_kb_example_matches_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """The KB example's first lines are the real output."""
    from toneloc.templating import render_kb

    monkeypatch.chdir(ROOT)
    r = render_kb("examples/helpdesk/kb", "track-your-order", {"order_id": "A-1042"}, locale="ar-SA")
    shown = _block_after("## KB articles", "html").replace("...\n", "")
    for line in shown.splitlines():
        assert line in r.html
    assert (r.lang, r.dir, r.outdated) == ("ar", "rtl", True)


def test_template_shown_on_page_is_the_example_file() -> None:
    """The page shows examples/helpdesk/templates/refund.txt verbatim."""
    shown = _block_after("### 1. Write the template", "jinja")
    assert shown == (ROOT / "examples" / "helpdesk" / "templates" / "refund.txt").read_text(encoding="utf-8")
