"""Knowledge-base translation: one article into one locale, and many through an executor (Dask...).

A translated article is written next to its source as ``<slug>.<locale>.md`` (the layout
:func:`toneloc.templating.find_article` and ``toneloc lint`` read) with front matter recording the
source revision and a fingerprint per segment, so a later run knows exactly which segments changed:
those become *stale* in the review store (``ReviewStore.update_source``) and are translated again.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toneloc.errors import ConfigError, PipelineError, TonelocError, os_error_reason
from toneloc.locale import LocaleLike, locale_tag, parse_locale
from toneloc.pipeline._config import PipelineConfig
from toneloc.pipeline._types import ArticleTranslation, Segment, SegmentOrigin
from toneloc.translate.markdown import (
    MarkdownDocument,
    join_markdown,
    segment_ids,
    split_markdown,
    translate_segments,
)

if TYPE_CHECKING:  # pragma: no cover
    from toneloc.pipeline._core import Pipeline

__all__ = ["KBReport", "StaleTranslation", "diff_segments", "find_stale", "translate_article", "translate_kb"]

EXECUTORS = ("serial", "threads", "processes", "dask")
"""Executor names :func:`translate_kb` accepts (or pass a ``concurrent.futures.Executor`` / ``distributed.Client``)."""


@dataclass(frozen=True, slots=True)
class StaleTranslation:
    """A translation older than its source: which file, which revision, which segments changed.

    Attributes:
        changed_segments: ids (content-based, see :func:`toneloc.translate.markdown.segment_ids`) of
            the source segments that are new or edited since the translation was made.
        removed_segments: ids of segments the source no longer has.
    """

    path: str
    source_path: str
    locale: str
    source_revision: int | None
    current_revision: int | None
    changed_segments: tuple[str, ...]
    removed_segments: tuple[str, ...] = ()

    @property
    def reason(self) -> str:
        parts = []
        if self.changed_segments:
            parts.append(f"segments {', '.join(self.changed_segments)} are new or changed in the source")
        if self.removed_segments:
            parts.append(f"segments {', '.join(self.removed_segments)} were removed")
        if parts:
            return "; ".join(parts)
        return f"translated from revision {self.source_revision}, source is at {self.current_revision}"


@dataclass(frozen=True, slots=True)
class KBReport:
    """What :func:`translate_kb` did: one result per (article, locale), and how fast."""

    results: tuple[ArticleTranslation, ...]
    seconds: float
    executor: str
    workers: int
    errors: tuple[tuple[str, str, str], ...] = ()  # (article path, locale, message)

    @property
    def segments(self) -> int:
        return sum(len(r.segments) for r in self.results)

    @property
    def articles_per_second(self) -> float:
        return len(self.results) / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"executor": self.executor, "workers": self.workers, "seconds": round(self.seconds, 3),
                "articles": len(self.results), "segments": self.segments,
                "articles_per_second": round(self.articles_per_second, 2),
                "queued": sum(len(r.review_item_ids) for r in self.results),
                "incomplete": [f"{r.slug}.{r.locale}" for r in self.results if not r.complete],
                "stale_replaced": [f"{r.slug}.{r.locale}" for r in self.results if r.stale],
                "errors": [{"article": a, "locale": loc, "error": m} for a, loc, m in self.errors]}


def _front_matter(meta: dict[str, Any]) -> str:
    import yaml

    dumped: str = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return "---\n" + dumped + "---\n"


def _target_path(source: Path, slug: str, tag: str, out_dir: Path | None) -> Path:
    root = out_dir if out_dir is not None else source.parent
    if source.parent.name == slug and out_dir is None:  # kb/<slug>/en.md layout
        return root / f"{tag}.md"
    return root / f"{slug}.{tag}.md"


def _previous(path: Path) -> tuple[int | None, list[str] | None]:
    """The source revision and the ordered segment ids a toneloc translation was made from.

    ``None`` ids: no such file, or a file toneloc did not write. Files of toneloc <= 0.x recorded
    ``{s<n>: hash}``; their hashes are the content ids of today (without the occurrence suffix).
    """
    from toneloc.templating import load_article

    if not path.is_file():
        return None, None
    try:
        art = load_article(path)
    except TonelocError:
        return None, None
    tl = art.meta.get("toneloc") if isinstance(art.meta, Mapping) else None
    if not isinstance(tl, Mapping) or "segments" not in tl:
        return art.source_revision, None
    recorded = tl["segments"]
    if isinstance(recorded, Mapping):  # the old positional format
        seen: dict[str, int] = {}
        ids: list[str] = []
        for h in map(str, recorded.values()):
            seen[h] = seen.get(h, 0) + 1
            ids.append(h if seen[h] == 1 else f"{h}.{seen[h]}")
        return art.source_revision, ids
    if isinstance(recorded, list):
        return art.source_revision, [str(x) for x in recorded]
    return art.source_revision, None


def _segment_texts(title: str | None, doc: MarkdownDocument) -> tuple[list[str], list[str]]:
    """Texts and kinds of an article's segments: the title first, then the body's."""
    texts = ([title] if title else []) + [s.text for s in doc.segments]
    kinds = (["title"] if title else []) + [s.kind for s in doc.segments]
    return texts, kinds


def diff_segments(previous: Sequence[str], current: Sequence[str]) -> tuple[list[tuple[str | None, int]], list[str]]:
    """Align two ordered lists of content-based segment ids.

    Returns ``(changed, removed)``: *changed* lists ``(old_id, index)`` for every current segment that
    is new (``old_id`` ``None``) or an edit of the old segment at the same place in the alignment;
    *removed* the old ids that have no counterpart. Segments that only moved are neither.

    >>> diff_segments(["a", "b", "c"], ["a", "x", "b", "c2"])
    ([(None, 1), ('c', 3)], [])
    >>> diff_segments(["a", "b", "c"], ["a", "c"])
    ([], ['b'])
    """
    import difflib

    changed: list[tuple[str | None, int]] = []
    removed: list[str] = []
    sm = difflib.SequenceMatcher(None, list(previous), list(current), autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        old = list(previous[i1:i2]) if op in ("replace", "delete") else []
        for k, j in enumerate(range(j1, j2)):
            changed.append((old[k] if k < len(old) else None, j))
        removed.extend(old[j2 - j1:])
    # an id that only moved (deleted here, inserted there) is neither new nor removed
    moved = set(removed) & {current[j] for _, j in changed}
    changed = [(o, j) for o, j in changed if current[j] not in moved]
    removed = [r for r in removed if r not in moved]
    return changed, removed


def translate_article(pipeline: Pipeline, source: str | os.PathLike[str], *, locale: LocaleLike,
                      out_dir: str | os.PathLike[str] | None = None, write: bool = True,
                      write_incomplete: bool = False, overwrite: bool = False) -> ArticleTranslation:
    """Translate one source KB article (Markdown + front matter) into *locale*.

    The article is cut by :func:`toneloc.translate.markdown.split_markdown` (the segmenter
    ``translate_markdown`` uses). Each segment goes through the translation memory (approved review
    items) then MT; code blocks, inline code, link targets, Jinja tags, HTML blocks and the Markdown
    structure are kept. Segment ids are content-based, so an edit marks exactly the edited segments
    stale in the review store (inserting or removing a paragraph changes no other id). Segments that
    need a person are queued (``kb:<slug>#<segment id>`` keys). The file is written only when every
    segment has a translation (or with *write_incomplete*), so a half-English file never shadows the source.

    A translation file toneloc did not write (no ``toneloc`` front-matter block: a human's) is never
    replaced unless *overwrite*: when it is up to date nothing happens; when it is older than the source
    the machine translations are queued for review (candidates for the translator) and ``note`` says so.
    """
    from toneloc.review import Candidate, ItemKey, NewItem
    from toneloc.review._model import codes_from_checks
    from toneloc.templating import load_article

    cfg = pipeline.config
    src_path = Path(source)
    art = load_article(src_path, source_locale=cfg.source_locale)
    tgt = parse_locale(locale)
    tag = locale_tag(tgt)
    src_loc = parse_locale(cfg.source_locale)
    if parse_locale(art.lang).language != src_loc.language:
        raise PipelineError(f"{src_path.name} is written in {art.lang}, not the source language {cfg.source_locale}",
                            path=src_path, hint="translate the source article (kb/<slug>.md)")
    if tgt.language == src_loc.language:
        raise PipelineError(f"target {tag} is the source language", path=src_path, hint="pick another --locale")
    target = _target_path(src_path, art.slug, tag, Path(out_dir) if out_dir is not None else None)
    prev_rev, prev_ids = _previous(target)
    doc = split_markdown(art.body)
    texts, _kinds = _segment_texts(art.title, doc)
    sids = segment_ids(texts)
    edited, removed = diff_segments(prev_ids, sids) if prev_ids is not None else ([], [])
    changed = tuple(sids[j] for _, j in edited)
    stale = (prev_ids is not None or prev_rev is not None) and (
        bool(changed or removed) or (art.revision is not None and (prev_rev or 0) < art.revision))
    human = target.is_file() and prev_ids is None and not overwrite
    note = ""
    if human:
        if not stale:
            return ArticleTranslation(slug=art.slug, locale=tag, path=None, markdown="", source_revision=art.revision,
                                      segments=(), note=f"kept {target.name}: an up-to-date translation not written "
                                      "by toneloc")
        note = (f"{target.name} was not written by toneloc and is outdated: machine translations were queued for "
                "review, the file was left alone (overwrite=True replaces it)")
    store = pipeline.store
    revision = str(art.revision) if art.revision is not None else None
    for old, j in edited:
        if old is not None:  # an edit of an old segment: its approved translations become stale
            store.update_source(ItemKey.kb(art.slug, old, revision=revision), source=texts[j], who="pipeline",
                                locale=tag)
    translator = pipeline._translator(cfg.source_locale, tag)
    results = translate_segments(translator, texts, locale=tgt, source=cfg.source_locale)
    segments: list[Segment] = []
    out_texts: list[str | None] = []
    items: list[NewItem] = []
    item_idx: list[int] = []
    broken = False
    for sid, src_text, (tr, text, ok) in zip(sids, texts, results, strict=True):
        reasons = list(tr.reasons)
        needs = tr.needs_review or not ok
        if not ok:
            reasons.append("the segment is left in the source language for a translator")
        origin: SegmentOrigin
        if tr.origin == "memory":
            origin = "memory"
        elif tr.engine == "none":
            origin = "untranslated" if tr.needs_review else "source"
            if origin == "untranslated":
                reasons = [f"no translation memory match and no MT model for {cfg.source_locale} -> {tag}: "
                           "queued for a human translator"]
        else:
            origin = "machine"
        if tr.engine == "pseudo" or (human and origin == "machine"):
            needs = True
        codes = (["untranslated"] if origin == "untranslated" else ["memory-fuzzy"] if origin == "memory" and needs
                 else codes_from_checks(tr.checks) if origin == "machine" else [])
        if not ok and "placeholder" not in codes and origin != "untranslated":
            codes.append("placeholder")  # the Markdown structure (links, code, inline tokens) did not survive
        if tr.engine == "pseudo":
            codes.append("pseudo")
        if needs and not codes:
            codes.append("high-risk")
        seg = Segment(key=ItemKey.kb(art.slug, sid).canonical(), source=src_text, text=text, origin=origin,
                      engine=tr.engine, model_version=tr.model_version, score=tr.score, risk=tr.risk,
                      needs_review=needs, reasons=tuple(reasons), reason_codes=tuple(codes))
        out_texts.append(text if ok else None)
        broken = broken or not ok
        if needs:
            cands = [] if origin == "untranslated" or not ok else [
                Candidate(text, engine=tr.engine, model_version=tr.model_version or None, score=tr.score)]
            items.append(NewItem(ItemKey.kb(art.slug, sid, revision=revision), src_text, tag, candidates=cands,
                                 reasons=[*codes, *reasons],
                                 meta={"article": str(src_path), "segment": sid}))
            item_idx.append(len(segments))
        segments.append(seg)
    complete = not any(s.origin == "untranslated" for s in segments) and not broken
    will_write = write and (complete or write_incomplete) and not human
    tmp = target.with_suffix(f".tmp{os.getpid()}")
    if will_write:  # fail before queueing review items for a file that could not be written
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp.touch()
        except OSError as exc:
            raise PipelineError(f"cannot write {target.name}: {os_error_reason(exc)}", path=exc.filename or target,
                                hint="pass an --out folder that is (or can be created as) a writable folder") from None
    ids: list[int] = []
    if items:
        try:
            with pipeline._lock:
                ids = store.enqueue(items, who="pipeline")
        except BaseException:
            if will_write:
                with contextlib.suppress(OSError):
                    tmp.unlink()
            raise
        for i, item_id in zip(item_idx, ids, strict=True):
            segments[i] = replace(segments[i], review_item_id=item_id)
    title_text = out_texts[0] if art.title else None
    body_texts = out_texts[1:] if art.title else out_texts
    meta: dict[str, Any] = {"title": title_text or art.title, "lang": tag}
    if art.tags:
        meta["tags"] = list(art.tags)
    meta["source_revision"] = art.revision
    for k, v in art.meta.items():
        if k not in ("title", "lang", "tags", "revision", "source_revision", "toneloc"):
            meta[k] = v
    engines = sorted({s.engine for s in segments if s.origin == "machine"})
    meta["toneloc"] = {"source": src_path.name, "machine_translated": engines, "review_pending": ids,
                       "segments": sids}
    markdown = _front_matter(meta) + join_markdown(doc, body_texts)
    written: str | None = None
    if will_write:
        try:
            tmp.write_text(markdown, encoding="utf-8")
            tmp.replace(target)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise PipelineError(f"cannot write {target.name}: {os_error_reason(exc)}", path=exc.filename or target,
                                hint="pass an --out folder that is (or can be created as) a writable folder") from None
        written = str(target)
    return ArticleTranslation(slug=art.slug, locale=tag, path=written, markdown=markdown,
                              source_revision=art.revision, segments=tuple(segments), stale_segments=changed,
                              stale=stale, complete=complete, review_item_ids=tuple(dict.fromkeys(ids)), note=note,
                              removed_segments=tuple(removed))


def find_stale(kb_root: str | os.PathLike[str], *, source_locale: LocaleLike = "en") -> list[StaleTranslation]:
    """Every translation under *kb_root* made from an older source revision or whose segments changed.

    Translations without toneloc segment ids (a human's) are compared by revision only.
    """
    from toneloc.templating import load_article
    from toneloc.templating.kb import split_article_name

    root = Path(kb_root)
    if not root.is_dir():
        raise PipelineError("knowledge-base folder not found", path=root)
    src_lang = parse_locale(source_locale).language
    out: list[StaleTranslation] = []
    for path in sorted(root.rglob("*.md")):
        slug, lang = split_article_name(path)
        if lang is None or parse_locale(lang).language == src_lang:
            continue
        src = path.parent / f"{slug}.md" if path.parent.name != slug else path.parent / f"{source_locale}.md"
        if not src.is_file():
            continue
        art, source = load_article(path), load_article(src)
        _, prev_ids = _previous(path)
        changed: tuple[str, ...] = ()
        removed: tuple[str, ...] = ()
        if prev_ids is not None:
            sids = segment_ids(_segment_texts(source.title, split_markdown(source.body))[0])
            edited, gone = diff_segments(prev_ids, sids)
            changed, removed = tuple(sids[j] for _, j in edited), tuple(gone)
        older = source.revision is not None and (art.source_revision or 0) < source.revision
        if changed or removed or older:
            out.append(StaleTranslation(str(path), str(src), lang, art.source_revision, source.revision, changed,
                                        removed))
    return out


# -- many articles: executors ----------------------------------------------------------------------
_WORKER: dict[str, Pipeline] = {}
_WORKER_LOCK = threading.Lock()


def _worker_pipeline(config: PipelineConfig) -> Pipeline:
    from toneloc.pipeline._core import Pipeline

    key = repr(config)
    with _WORKER_LOCK:
        p = _WORKER.get(key)
        if p is None:
            p = Pipeline(config)
            _WORKER[key] = p
    return p


def kb_task(config: PipelineConfig, source: str, locale: str, out_dir: str | None, write: bool,
            write_incomplete: bool, overwrite: bool = False) -> ArticleTranslation:
    """One (article, locale) job; module-level so process pools and Dask workers can run it.

    Each worker process builds one pipeline per configuration and keeps it (engines and catalogs stay
    warm); the review store must be shared (PostgreSQL, or a SQLite file on one machine).
    """
    res = translate_article(_worker_pipeline(config), source, locale=locale, out_dir=out_dir, write=write,
                            write_incomplete=write_incomplete, overwrite=overwrite)
    return replace(res, worker_pid=os.getpid())


def _articles(paths: Iterable[str | os.PathLike[str]], source_locale: str) -> list[Path]:
    from toneloc.templating.kb import split_article_name

    src_lang = parse_locale(source_locale).language
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*.md")):
                _, lang = split_article_name(f)
                if lang is None or parse_locale(lang).language == src_lang:
                    out.append(f)
        elif path.is_file():
            out.append(path)
        else:
            raise PipelineError("article or folder not found", path=path)
    return out


def translate_kb(config: PipelineConfig, articles: Iterable[str | os.PathLike[str]], locales: Sequence[LocaleLike],
                 *, executor: str | Any = "serial", workers: int = 2, scheduler: str | None = None,
                 out_dir: str | os.PathLike[str] | None = None, write: bool = True, write_incomplete: bool = False,
                 overwrite: bool = False,
                 progress: Callable[[int, int, ArticleTranslation | None], None] | None = None) -> KBReport:
    """Translate every source article under *articles* into every locale, through an executor.

    Args:
        config: the pipeline configuration; every worker builds its pipeline from it, so with several
            processes ``review_store`` must be a PostgreSQL DSN (or a SQLite file on one machine).
        articles: article files or folders (source-language files are picked from folders).
        locales: target locales.
        executor: ``serial``, ``threads``, ``processes``, ``dask`` (a ``distributed.LocalCluster`` with
            *workers* single-threaded worker processes, or the cluster at *scheduler*), or an existing
            ``concurrent.futures.Executor`` / ``distributed.Client``.
        workers: worker count for ``threads``/``processes``/``dask``.
        scheduler: address of a running Dask scheduler (``tcp://host:8786``) for ``executor="dask"``.
        overwrite: replace translation files toneloc did not write (see :func:`translate_article`).
        progress: called as ``progress(done, total, result)`` after each job.

    Raises:
        ConfigError: an unknown executor, or an in-memory review store with worker processes.
    """
    paths = _articles(articles, config.source_locale)
    tags = [locale_tag(parse_locale(loc)) for loc in locales]
    jobs = [(str(p), t) for p in paths for t in tags]
    out = str(out_dir) if out_dir is not None else None
    name = executor if isinstance(executor, str) else type(executor).__name__
    if isinstance(executor, str) and executor not in EXECUTORS:
        raise ConfigError(f"unknown executor {executor!r}", hint="use " + ", ".join(EXECUTORS))
    if executor in ("processes", "dask") and config.review_store == ":memory:":
        raise ConfigError("worker processes cannot share an in-memory review store",
                              hint="set review_store to a PostgreSQL DSN (or a SQLite file)")
    results: list[ArticleTranslation] = []
    errors: list[tuple[str, str, str]] = []
    total = len(jobs)
    t0 = time.perf_counter()

    def done(job: tuple[str, str], get: Callable[[], ArticleTranslation]) -> None:
        try:
            res = get()
        except TonelocError as exc:
            errors.append((job[0], job[1], str(exc)))
            res = None
        if res is not None:
            results.append(res)
        if progress is not None:
            progress(len(results) + len(errors), total, res)

    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ConfigError(f"workers must be a positive int, got {workers!r}", hint="e.g. --workers 2")
    n_workers = workers
    if executor == "serial":
        n_workers = 1
        for job in jobs:
            done(job, lambda j=job: kb_task(config, j[0], j[1], out, write, write_incomplete,  # type: ignore[misc]
                                            overwrite))
    elif executor in ("threads", "processes") or isinstance(executor, cf.Executor):
        own = isinstance(executor, str)
        pool: cf.Executor
        if executor == "threads":
            pool = cf.ThreadPoolExecutor(workers)
        elif executor == "processes":
            pool = cf.ProcessPoolExecutor(workers)
        else:
            assert isinstance(executor, cf.Executor)
            pool = executor
        try:
            futs = {pool.submit(kb_task, config, j[0], j[1], out, write, write_incomplete, overwrite): j for j in jobs}
            for f in cf.as_completed(futs):
                done(futs[f], f.result)
        finally:
            if own:
                pool.shutdown()
    else:
        opts = (out, write, write_incomplete, overwrite)
        n_workers = _run_dask(executor, scheduler, workers, config, jobs, opts, done)
    seconds = time.perf_counter() - t0
    results.sort(key=lambda r: (r.slug, r.locale))
    return KBReport(tuple(results), seconds, name, n_workers, tuple(errors))


def _run_dask(executor: Any, scheduler: str | None, workers: int, config: PipelineConfig,
              jobs: list[tuple[str, str]], opts: tuple[str | None, bool, bool, bool],
              done: Callable[[tuple[str, str], Callable[[], ArticleTranslation]], None]) -> int:
    try:
        import distributed
    except ImportError as exc:
        raise ConfigError("executor 'dask' needs Dask distributed", hint='pip install "toneloc[scale]"') from exc
    dist: Any = distributed
    cluster = None
    client: Any
    if isinstance(executor, str):
        if scheduler:
            try:
                client = dist.Client(scheduler, timeout=30)
            except (ValueError, OSError, TimeoutError) as exc:  # bad address scheme, refused, no answer
                raise ConfigError(f"cannot connect to the Dask scheduler {scheduler!r}: {exc}",
                                  hint="pass an address such as tcp://host:8786, or omit --scheduler "
                                       "for a local cluster") from exc
        else:
            cluster = dist.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
            client = dist.Client(cluster)
    else:
        client = executor
    try:
        n = len(client.scheduler_info().get("workers", {})) or workers
        futs = [client.submit(kb_task, config, j[0], j[1], *opts, pure=False) for j in jobs]
        index = {f.key: j for f, j in zip(futs, jobs, strict=True)}
        for f in dist.as_completed(futs):
            done(index[f.key], f.result)
        return int(n)
    finally:
        if isinstance(executor, str):
            client.close()
            if cluster is not None:
                cluster.close()
