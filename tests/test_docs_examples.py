"""The ``>>>`` examples in docs/cultures.md, detection.md, tone.md and translation.md run as written.

A closing Markdown fence right after an expected output line is not part of the output, so the
pages are parsed with a blank line inserted before each fence.
"""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"


PAGES = [("cultures.md", 2), ("detection.md", 10), ("tone.md", 5), ("translation.md", 3)]


@pytest.mark.parametrize(("name", "at_least"), PAGES)
def test_doc_examples(name: str, at_least: int) -> None:
    text = (DOCS / name).read_text(encoding="utf-8").replace("\n```", "\n\n```")
    test = doctest.DocTestParser().get_doctest(text, {}, name, str(DOCS / name), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.attempted >= at_least
    assert result.failed == 0
