"""The Python examples in docs/pipeline.md and docs/tutorial.md run as written (with an in-memory store)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("jinja2")

ROOT = Path(__file__).resolve().parents[1]


def _block(doc: str, heading: str) -> str:
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    found = re.search(re.escape(heading) + r"\n\n```python\n(.*?)```", text, re.S)
    assert found, f"{doc}: no python block under {heading!r}"
    return found.group(1)


def test_pipeline_quick_example(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    code = _block("pipeline.md", "## A reply in five lines").replace('"reviews.db"', '":memory:"')
    ns: dict[str, Any] = {}
    exec(compile(code, "docs/pipeline.md", "exec"), ns)
    reply = ns["reply"]
    assert (reply.locale, reply.locale_reason, reply.sendable) == ("vi-VN", "detected", True)
    assert "human catalog (vi)" in capsys.readouterr().out


def test_tutorial_python_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code = _block("tutorial.md", "## 5. The same loop in Python").replace('"/tmp/tut.db"', '":memory:"')
    calls: list[tuple[Any, ...]] = []
    ns: dict[str, Any] = {"send": lambda *a: calls.append(("send", *a)), "park": lambda *a: calls.append(("park", *a))}
    exec(compile(code, "docs/tutorial.md", "exec"), ns)
    assert calls == [("park", "T-1002", (1,))]
