"""The examples in docs/getting-started.md and docs/formatting.md run and print what they claim."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.mark.parametrize("name", ["getting-started.md", "formatting.md"])
def test_doc_examples(name: str) -> None:
    """Every ``>>>`` example in the page passes as a doctest."""
    result = doctest.testfile(str(DOCS / name), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 5
    assert result.failed == 0
