"""Indonesian directness against the reviewed table ``tests/data/tone/directness_id.tsv``.

Every row is its own test case: ``rewrite(source, "id-ID", directness=target)`` must give the
``expected`` text exactly; rows marked ``review = yes`` must come back unchanged *and* set
``needs_review`` (the rules cannot rewrite them reliably). On top of that: idempotence (the expected
text is a fixed point), and the do-no-harm invariants of issue 7 (negations, numbers, placeholders,
URLs, code and quoted text unchanged), property-tested on sentences recombined from the table.
"""

from __future__ import annotations

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directness_table import Row, table
from toneloc.rules._base import protected_spans
from toneloc.rules.id import ID_NEGATION
from toneloc.tone import rewrite

DIGITS = regex.compile(r"\d+")


def rows() -> tuple[Row, ...]:
    """The table rows (``#`` lines are the cited header, then the column header)."""
    return table("id")


def test_table_size_and_balance() -> None:
    """Issue 7: at least 100 reviewed sentences; both directions and do-no-harm rows are present."""
    table = rows()
    assert len(table) >= 100
    assert sum(r.target == "indirect" for r in table) >= 60
    assert sum(r.target == "direct" for r in table) >= 25
    assert sum(r.review for r in table) >= 10
    assert all(r.source == r.expected for r in table if r.review)
    assert len({(r.source, r.target) for r in table}) == len(table), "duplicate rows"


@pytest.mark.parametrize("row", rows(), ids=lambda r: f"line{r.line}")
def test_row(row: Row) -> None:
    """The rewrite gives the reviewed text; review rows are unchanged and flagged."""
    res = rewrite(row.source, "id-ID", directness=row.target)  # type: ignore[arg-type]
    assert res.text == row.expected, f"line {row.line} ({row.note})"
    if row.review:
        assert res.needs_review, f"line {row.line}: not flagged"
        assert res.reasons
    assert rewrite(row.expected, "id-ID", directness=row.target).text == row.expected  # type: ignore[arg-type]


def test_edits_reproduce_the_text() -> None:
    """The edits of a directness rewrite have offsets into the source and rebuild the result."""
    src = "Terima kasih atas pesan Anda. Kirim nomor pesanan {order}. Kami tidak bisa mengubah alamat."
    res = rewrite(src, "id-ID", directness="indirect")
    assert res.text == (
        "Terima kasih atas pesan Anda. Mohon kirim nomor pesanan {order}. Mohon maaf, kami tidak dapat mengubah alamat."
    )
    assert {e.rule_id for e in res.edits} == {"id.soften.request", "id.soften.refusal"}
    for e in res.edits:
        assert src[e.start : e.end] == e.before


def _invariants(src: str, out: str) -> None:
    assert sorted(m.lower() for m in ID_NEGATION.findall(src)) == sorted(m.lower() for m in ID_NEGATION.findall(out))
    assert sorted(DIGITS.findall(src)) == sorted(DIGITS.findall(out))
    for s, e in protected_spans(src):
        assert src[s:e] in out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    picks=st.lists(st.sampled_from([r.source for r in rows()]), min_size=1, max_size=4),
    target=st.sampled_from(["direct", "indirect"]),
)
def test_do_no_harm_property(picks: list[str], target: str) -> None:
    """Recombined sentences: no negation, number or protected span is lost; the rewrite is idempotent."""
    src = " ".join(picks)
    out = rewrite(src, "id-ID", directness=target).text  # type: ignore[arg-type]
    _invariants(src, out)
    assert rewrite(out, "id-ID", directness=target).text == out  # type: ignore[arg-type]
