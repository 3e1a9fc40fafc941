"""The reviewed directness tables ``tests/data/tone/directness_<lang>.tsv``, read for the tests.

Five tab-separated columns after the cited ``#`` header: ``source``, ``target`` (``direct`` or
``indirect``), the exact ``expected`` output, ``review`` (``yes``: the rules cannot do this row
reliably, so the text must come back unchanged with ``needs_review`` set) and a ``note``.
Shared by ``test_tone_directness.py`` (en, de) and ``test_tone_sea.py`` (id).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).parent / "data" / "tone"


class Row(NamedTuple):
    lang: str
    line: int
    source: str
    target: str
    expected: str
    review: bool
    note: str


@cache
def table(lang: str) -> tuple[Row, ...]:
    """The rows of ``directness_<lang>.tsv`` (``#`` lines are the cited header, then a column header)."""
    path = DATA / f"directness_{lang}.tsv"
    rows: list[Row] = []
    header_seen = False
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        assert len(cols) == 5, f"{path.name}:{no}: expected 5 tab-separated columns, got {len(cols)}"
        if not header_seen:
            assert cols == ["source", "target", "expected", "review", "note"], f"{path.name}:{no}: bad header"
            header_seen = True
            continue
        assert cols[1] in ("direct", "indirect"), f"{path.name}:{no}: target {cols[1]!r}"
        assert cols[3] in ("yes", "no"), f"{path.name}:{no}: review {cols[3]!r}"
        rows.append(Row(lang, no, cols[0], cols[1], cols[2], cols[3] == "yes", cols[4]))
    return tuple(rows)
