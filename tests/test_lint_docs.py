"""docs/lint.md is executable: every rule has an example there, and each example's output is real.

The "Rule examples" section holds, per rule, input files (a line `` `path` `` followed by a fenced
block) and the expected output (the last ```` ```text ```` block of the section). Each example is
written to a fresh directory and linted with ``toneloc lint .``; the output must match exactly.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from toneloc.cli import main
from toneloc.lint import RULES

DOC = Path(__file__).resolve().parents[1] / "docs" / "lint.md"
_FILE_BLOCK = re.compile(r"^`([^`\s]+)`\n```[\w-]*\n(.*?)^```\n", re.M | re.S)
_TEXT_BLOCK = re.compile(r"^```text\n(.*?)^```\n", re.M | re.S)


@dataclass(frozen=True)
class Example:
    rule_id: str
    files: dict[str, str]
    expected: list[str]


def examples(doc: str) -> dict[str, Example]:
    """The rule examples of *doc*, by rule id."""
    out: dict[str, Example] = {}
    if "\n## Rule examples\n" not in doc:
        return out
    section = doc.split("\n## Rule examples\n", 1)[1].split("\n## ", 1)[0]
    for chunk in re.split(r"^### ", section, flags=re.M)[1:]:
        rule_id = chunk.split()[0]
        files = {m.group(1): m.group(2) for m in _FILE_BLOCK.finditer(chunk)}
        texts = _TEXT_BLOCK.findall(chunk)
        out[rule_id] = Example(rule_id, files, texts[-1].splitlines() if texts else [])
    return out


def run_example(ex: Example, tmp: Path, monkeypatch: pytest.MonkeyPatch,
                capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """Write *ex*'s files under *tmp*, run ``toneloc lint .`` there; the exit code and output lines."""
    for name, text in ex.files.items():
        p = tmp / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp)
    if ex.rule_id == "TL500":
        monkeypatch.setitem(sys.modules, "toneloc.tone", None)
    capsys.readouterr()
    code = main(["lint", "."])
    lines = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"\d+ error\(s\), \d+ warning\(s\), \d+ info in \d+ file\(s\)", lines[-1])
    return code, lines[:-1]


DOC_TEXT = DOC.read_text(encoding="utf-8")
EXAMPLES = examples(DOC_TEXT)


def test_every_rule_is_documented_with_an_example() -> None:
    """The rule table lists every rule with its name and default severity; each has a worked example."""
    for rule in RULES.values():
        assert f"| `{rule.id}` | `{rule.name}` | {rule.severity} |" in DOC_TEXT, rule.id
    assert sorted(EXAMPLES) == sorted(RULES)
    assert all(ex.files and ex.expected for ex in EXAMPLES.values())


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_example_output_is_real(rule_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """The documented output is exactly what the linter prints, and the example shows its rule with a hint."""
    ex = EXAMPLES[rule_id]
    if rule_id in ("TL501", "TL502"):
        pytest.importorskip("toneloc.tone")
    code, lines = run_example(ex, tmp_path, monkeypatch, capsys)
    assert lines == ex.expected
    shown = [ln for ln in lines if not ln.startswith("    hint: ")]
    assert any(f" {rule_id} {RULES[rule_id].name}: " in ln for ln in shown)
    # every finding has file:line:column, a severity and a fix hint on the next line
    for i, ln in enumerate(lines):
        if not ln.startswith("    hint: "):
            assert re.match(r"^[^:\s]+:\d+:\d+: (error|warning|info) TL\d{3} [a-z-]+: ", ln), ln
            assert i + 1 < len(lines), ln
            assert lines[i + 1].startswith("    hint: "), ln
    assert code == (1 if any(": error TL" in ln for ln in shown) else 0)


def test_configuration_keys_are_documented() -> None:
    """Every [tool.toneloc.lint] key the loader accepts is named in the configuration section."""
    from toneloc.lint._config import _LINT_KEYS

    config_section = DOC_TEXT.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    for key in _LINT_KEYS:
        assert re.search(rf"\b{key}\b", config_section), key
