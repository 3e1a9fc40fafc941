"""Property tests for :func:`toneloc.rules._base.select_edits`, the overlap resolution every culture uses.

``select_edits`` has two implementations chosen by size (a bisect scan over the kept edits for a
reply, flag arrays that stay linear on a 1 MB text). Both must equal the documented rule, written
out independently here: edits are taken in priority order and an edit is kept unless it touches a
protected span or overlaps an edit kept before it; the kept edits come back sorted by position.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toneloc.rules import _base
from toneloc.rules._base import Edit, RuleContext, select_edits


def _overlap(a: Edit, b: Edit) -> bool:
    """Two spans overlap when they intersect; an insertion overlaps a span strictly around it and
    another insertion at the same point; an insertion at a span's edge touches nothing."""
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def _protected(ed: Edit, spans: list[tuple[int, int]]) -> bool:
    if ed.start == ed.end:
        return any(s < ed.start < e for s, e in spans)
    return any(s < ed.end and ed.start < e for s, e in spans)


def _reference(edits: list[Edit], spans: list[tuple[int, int]]) -> list[Edit]:
    kept: list[Edit] = []
    for ed in edits:
        if not _protected(ed, spans) and not any(_overlap(ed, k) for k in kept):
            kept.append(ed)
    return sorted(kept, key=lambda e: (e.start, e.end))


@st.composite
def _edits(draw: st.DrawFn) -> list[Edit]:
    out = []
    for k in range(draw(st.integers(0, 24))):
        start = draw(st.integers(0, 40))
        end = start + draw(st.sampled_from([0, 0, 1, 1, 2, 3, 5, 8]))
        out.append(Edit(start, end, "x" * (end - start), "y", f"r{k}", "test"))
    return out


@st.composite
def _spans(draw: st.DrawFn) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for _ in range(draw(st.integers(0, 3))):
        start = pos + draw(st.integers(0, 10))
        end = start + draw(st.integers(1, 6))
        spans.append((start, end))
        pos = end + 1
    return spans


@pytest.mark.parametrize("scan_max", [10**9, 0], ids=["bisect-scan", "flag-arrays"])
@settings(max_examples=150)
@given(edits=_edits(), spans=_spans())
def test_select_edits_matches_the_documented_rule(
    scan_max: int, edits: list[Edit], spans: list[tuple[int, int]]
) -> None:
    """Both implementations keep exactly the edits the reference keeps, the same objects, in order."""
    ctx = RuleContext("xx", protected=tuple(spans))
    want = _reference(edits, spans)
    old = _base.SELECT_SCAN_MAX
    _base.SELECT_SCAN_MAX = scan_max
    try:
        got = select_edits(edits, ctx)
        got_no_ctx = select_edits(iter(edits))
    finally:
        _base.SELECT_SCAN_MAX = old
    assert [id(e) for e in got] == [id(e) for e in want]
    assert [id(e) for e in got_no_ctx] == [id(e) for e in _reference(edits, [])]


def test_select_edits_on_many_interleaved_edits() -> None:
    """Three rules' worth of interleaved edits (90,000, the flag-array path) over a 600,000-character
    range: every edit of the first rule is kept, every span inside one is dropped, the insertions
    between them are kept."""
    first = [Edit(i, i + 3, "abc", "x", "a", "test") for i in range(0, 600_000, 20)]
    second = [Edit(i + 1, i + 2, "b", "y", "b", "test") for i in range(0, 600_000, 20)]
    second += [Edit(i + 10, i + 10, "", "z", "c", "test") for i in range(0, 600_000, 20)]
    kept = select_edits(first + second)
    assert len(kept) == 2 * len(first)
    assert {e.rule_id for e in kept} == {"a", "c"}
    assert [(e.start, e.end) for e in kept] == sorted((e.start, e.end) for e in kept)
