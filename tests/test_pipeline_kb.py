"""KB article translation: Markdown structure kept, code and links untouched, stale segments marked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("yaml")

from toneloc.cli import main
from toneloc.errors import ConfigError, PipelineError
from toneloc.pipeline import (
    Pipeline,
    PipelineConfig,
    find_stale,
    join_blocks,
    protect_inline,
    restore_inline,
    split_markdown,
    translate_kb,
)
from toneloc.review import ReviewState
from toneloc.templating import load_article, render_kb

ROOT = Path(__file__).resolve().parents[1]

ARTICLE = """---
title: Reset your password
tags: [account]
revision: 3
---
# Reset your password

Open the [account page](https://shop.example/account?tab=security) and select **Forgot password**.

1. Enter your e-mail address.
2. Run `toneloc whoami` if you use the CLI.

```sh
curl -X POST https://shop.example/api/reset   # never translated
```

| Field | Meaning |
|-------|---------|
| Email | Your login |

> Links expire after {{ hours }} hours.
"""


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    root.mkdir()
    (root / "reset-password.md").write_text(ARTICLE, encoding="utf-8")
    return root


def pseudo(tmp_path: Path, **kw: object) -> Pipeline:
    values: dict[str, object] = {"translator": "pseudo", "review_store": str(tmp_path / "review.db")}
    values.update(kw)
    return Pipeline(PipelineConfig(**values))  # type: ignore[arg-type]


def test_structure_code_links_kept(kb: Path, tmp_path: Path) -> None:
    """Headings, list markers, fences, tables, quotes and link targets survive; the text is translated."""
    res = pseudo(tmp_path).translate_article(kb / "reset-password.md", locale="de-DE", write_incomplete=True)
    body = res.markdown.split("---\n", 2)[2]
    lines = body.splitlines()
    assert lines[0].startswith("# ⟦")
    assert lines[0].endswith("⟧")
    assert "(https://shop.example/account?tab=security)" in body
    assert "`toneloc whoami`" in body
    assert "```sh\ncurl -X POST https://shop.example/api/reset   # never translated\n```\n" in body
    assert "|-------|---------|" in body
    assert "{{ hours }}" in body
    assert [ln[:3] for ln in lines if ln[:2] in ("1.", "2.")] == ["1. ", "2. "]
    assert any(ln.startswith("> ⟦") for ln in lines)
    assert any(ln.startswith("| ⟦") and ln.endswith("|") for ln in lines)
    meta = load_article(res.path).meta  # type: ignore[arg-type]
    assert meta["source_revision"] == 3
    assert meta["lang"] == "de-DE"
    assert set(meta["toneloc"]["segments"]) == {"title", *(s.key.split("#")[1] for s in res.segments
                                                              if s.key.split("#")[1] != "title")}
    assert res.path == str(kb / "reset-password.de-DE.md")
    # pseudo output always waits for a reviewer, one item per segment, keyed kb:<slug>#<segment>
    assert len(res.review_item_ids) == len(res.segments)
    assert {s.key.split("#")[0] for s in res.segments} == {"kb:reset-password"}


def test_translated_article_renders_through_templating(kb: Path, tmp_path: Path) -> None:
    """The file written is what toneloc.templating serves for that locale."""
    pseudo(tmp_path).translate_article(kb / "reset-password.md", locale="de", write_incomplete=True)
    art = render_kb(kb, "reset-password", {"hours": 24}, locale="de-DE")
    assert art.lang == "de"
    assert not art.outdated
    assert "24" in art.html
    assert "⟦" in art.html


def test_untranslatable_article_is_not_written(kb: Path, tmp_path: Path) -> None:
    """No model, no memory: every segment is queued and no half-English file shadows the source."""
    res = pseudo(tmp_path, translator="none").translate_article(kb / "reset-password.md", locale="lv")
    assert not res.complete
    assert res.path is None
    assert not (kb / "reset-password.lv.md").exists()
    assert {s.origin for s in res.segments} == {"untranslated"}
    assert len(res.review_item_ids) == len(res.segments)


def test_source_change_marks_segments_stale(kb: Path, tmp_path: Path) -> None:
    """Changing one paragraph: find_stale names it, approved items of it become stale, a rerun replaces it."""
    p = pseudo(tmp_path)
    first = p.translate_article(kb / "reset-password.md", locale="de", write_incomplete=True)
    title_item = next(s.review_item_id for s in first.segments if s.key.endswith("#s2"))
    assert title_item is not None
    p.store.approve(title_item, reviewer="ana")
    assert find_stale(kb) == []
    src = kb / "reset-password.md"
    src.write_text(ARTICLE.replace("revision: 3", "revision: 4").replace("select **Forgot password**",
                                                                            "choose **Reset password**"),
                   encoding="utf-8")
    [stale] = find_stale(kb)
    assert stale.changed_segments == ("s2",)
    assert (stale.source_revision, stale.current_revision) == (3, 4)
    assert "segments s2 changed" in stale.reason
    second = p.translate_article(src, locale="de", write_incomplete=True)
    assert second.stale
    assert second.stale_segments == ("s2",)
    item = p.store.get(title_item)
    assert item.state is ReviewState.STALE
    assert item.previous_source is not None
    assert "Forgot password" in item.previous_source
    assert find_stale(kb) == []


def test_errors(kb: Path, tmp_path: Path) -> None:
    p = pseudo(tmp_path)
    shutil.copy(kb / "reset-password.md", kb / "reset-password.fr.md")
    with pytest.raises(PipelineError, match="not the source language"):
        p.translate_article(kb / "reset-password.fr.md", locale="de")
    with pytest.raises(PipelineError, match="is the source language"):
        p.translate_article(kb / "reset-password.md", locale="en-GB")
    with pytest.raises(ConfigError, match="in-memory review store"):
        translate_kb(PipelineConfig(translator="pseudo"), [kb], ["de"], executor="processes")
    with pytest.raises(ConfigError, match="unknown executor"):
        translate_kb(PipelineConfig(translator="pseudo"), [kb], ["de"], executor="spark")


def test_translate_kb_threads_and_report(kb: Path, tmp_path: Path) -> None:
    cfg = PipelineConfig(translator="pseudo", review_store=str(tmp_path / "r.db"))
    seen: list[int] = []
    rep = translate_kb(cfg, [kb], ["de", "vi", "lv"], executor="threads", workers=2,
                       write_incomplete=True, progress=lambda done, total, res: seen.append(done))
    assert sorted(r.locale for r in rep.results) == ["de", "lv", "vi"]
    assert seen == [1, 2, 3]
    assert rep.workers == 2
    assert rep.errors == ()
    d = rep.to_dict()
    assert d["articles"] == 3
    assert d["segments"] == 3 * len(rep.results[0].segments)


def test_cli_kb_translate_and_stale(kb: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "r.db")
    rc = main(["kb", "translate", str(kb), "--locale", "de", "--translator", "pseudo", "--db", db,
               "--write-incomplete", "--no-progress"])
    out = capsys.readouterr().out
    assert rc == 0
    assert "reset-password.de: written" in out
    assert "queued for review" in out
    assert main(["kb", "stale", str(kb)]) == 0
    (kb / "reset-password.md").write_text(ARTICLE.replace("revision: 3", "revision: 5"), encoding="utf-8")
    capsys.readouterr()
    assert main(["kb", "stale", str(kb)]) == 1
    assert "translated from revision 3, source is at 5" in capsys.readouterr().out


def test_example_kb_outdated_translations_are_found() -> None:
    """The example KB ships two outdated translations (ar, ja); find_stale reports exactly those."""
    stale = find_stale(ROOT / "examples/helpdesk/kb")
    found = {(Path(s.path).name, s.source_revision, s.current_revision) for s in stale}
    assert found == {("track-your-order.ar.md", 3, 4), ("request-a-refund.ja.md", 1, 2)}


# -- properties of the Markdown splitter ------------------------------------------------------------
_word = st.text(alphabet=st.characters(whitelist_categories=("Ll", "Lu", "Nd"), max_codepoint=0x24F),
                min_size=1, max_size=8)
_sentence = st.lists(_word, min_size=1, max_size=6).map(" ".join)
_line = st.one_of(
    _sentence,
    _sentence.map(lambda s: "## " + s),
    _sentence.map(lambda s: "- " + s),
    _sentence.map(lambda s: "3. " + s),
    _sentence.map(lambda s: "> " + s),
    st.just(""),
)
_code = st.lists(st.text(alphabet="abc #*-_`[]()<>{}", max_size=20), max_size=3).map(
    lambda ls: "```\n" + "\n".join(x.replace("`", "'") for x in ls) + "\n```")


@given(st.lists(st.one_of(_line, _code), min_size=1, max_size=12))
def test_split_join_identity_keeps_structure(parts: list[str]) -> None:
    """With every segment 'translated' to itself, each non-paragraph line comes back byte for byte, and code
    blocks are never segments."""
    body = "\n".join(parts) + "\n"
    blocks = split_markdown(body)
    out = join_blocks(blocks, {})
    structural = [ln for ln in body.splitlines() if ln.startswith(("## ", "- ", "3. ", "> ", "```"))]
    assert [ln for ln in out.splitlines() if ln.startswith(("## ", "- ", "3. ", "> ", "```"))] == structural
    fences = [b for b in blocks if b.sid is None and b.text.startswith("```")]
    assert len(fences) == body.count("```")
    assert all("```" not in b.text for b in blocks if b.sid)


@given(st.lists(st.one_of(_sentence, st.sampled_from(["`code x`", "[a](https://e.x/p?q=1)", "{{ v }}",
                                                      "{% if a %}{{ b }}{% endif %}"])), min_size=1, max_size=8))
def test_protect_restore_roundtrip(pieces: list[str]) -> None:
    text = " ".join(pieces)
    masked, saved = protect_inline(text)
    assert "`" not in masked
    assert "](" not in masked
    assert "{{" not in masked
    back, ok = restore_inline(masked, saved)
    assert ok
    assert back == text
    if saved:
        assert not restore_inline(masked.replace("%(tl0)s", ""), saved)[1]


def test_human_translations_are_never_overwritten(tmp_path: Path) -> None:
    """The example KB's German article is a human's: up to date -> untouched and nothing queued; the outdated
    Arabic one -> MT candidates queued for the translator, file untouched; overwrite=True replaces it."""
    kb = tmp_path / "kb"
    shutil.copytree(ROOT / "examples/helpdesk/kb", kb)
    de_before = (kb / "track-your-order.de.md").read_text(encoding="utf-8")
    ar_before = (kb / "track-your-order.ar.md").read_text(encoding="utf-8")
    p = pseudo(tmp_path)
    de = p.translate_article(kb / "track-your-order.md", locale="de")
    assert (de.path, de.segments, de.review_item_ids) == (None, (), ())
    assert "up-to-date translation not written by toneloc" in de.note
    ar = p.translate_article(kb / "track-your-order.md", locale="ar")
    assert ar.path is None
    assert ar.stale
    assert len(ar.review_item_ids) == len(ar.segments) > 0
    assert "was not written by toneloc and is outdated" in ar.note
    assert (kb / "track-your-order.de.md").read_text(encoding="utf-8") == de_before
    assert (kb / "track-your-order.ar.md").read_text(encoding="utf-8") == ar_before
    forced = p.translate_article(kb / "track-your-order.md", locale="ar", overwrite=True)
    assert forced.path == str(kb / "track-your-order.ar.md")
    assert "⟦" in (kb / "track-your-order.ar.md").read_text(encoding="utf-8")
