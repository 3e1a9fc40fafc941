"""Knowledge-base articles: Markdown with YAML front matter, rendered to localized, direction-aware HTML.

Layout (one file per language next to the source, as ``toneloc lint`` expects; the source language is
``en`` by default; ``kb/<slug>/<locale>.md`` folders work too)::

    kb/track-your-order.md         ---  title, tags, revision: 4  ---
    kb/track-your-order.de.md      ---  title, tags, source_revision: 4  ---
    kb/track-your-order.ar.md      ---  title, tags, source_revision: 3  ---   (outdated: 3 < 4)

The body is a sandboxed template (``{{ order_id }}``, ``{{ amount|money('SAR') }}``, ``{{ _('...') }}``),
rendered first, then converted with markdown-it-py (CommonMark + tables, raw HTML disabled, so an
interpolated customer value can never become markup). In right-to-left locales every interpolated value
is isolated with FSI/PDI. The HTML is wrapped in ``<article lang=".." dir="..">``, and a localized
"this translation may be out of date" notice is added when ``source_revision`` is older than the
source article's ``revision``.

Front matter is parsed with PyYAML's ``safe_load`` (no Python object tags), so errors carry a line.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from markupsafe import escape

from toneloc.errors import TemplateError, TonelocError
from toneloc.locale import LocaleLike, fallback_chain, locale_tag, parse_locale
from toneloc.templating._bidi import text_direction
from toneloc.templating._catalogs import catalog_dirs
from toneloc.templating._core import Customer, TemplateSet, with_location
from toneloc.templating._notices import OUTDATED_MSGID, outdated_notice

__all__ = [
    "Article",
    "RenderedArticle",
    "find_article",
    "load_article",
    "render_article",
    "render_kb",
    "source_of",
    "split_article_name",
]


@dataclass(frozen=True)
class Article:
    """One language version of a KB article, as read from disk.

    Attributes:
        path: the Markdown file.
        slug: the article folder name.
        lang: BCP 47 tag (front matter ``lang``, else the file name).
        title, tags: from the front matter.
        revision: the source article's revision number (source files).
        source_revision: the source revision this translation was made from (translations).
        body: the Markdown body (a sandboxed template).
        body_line: the 1-based line of *path* where the body starts (for error positions).
        meta: the whole front matter (``defaults:`` holds values the body uses when the render context
            does not pass them).
    """

    path: str
    slug: str
    lang: str
    title: str
    tags: tuple[str, ...] = ()
    revision: int | None = None
    source_revision: int | None = None
    body: str = ""
    body_line: int = 1
    meta: Mapping[str, Any] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class RenderedArticle:
    """A KB article rendered for one customer locale.

    Attributes:
        html: ``<article lang dir>`` with the notice (if any), the ``<h1>`` title and the body.
        title: the plain title.
        lang: the language of the text shown (BCP 47).
        dir: ``"ltr"`` or ``"rtl"``.
        outdated: the translation was made from an older source revision.
        notice: the localized notice text, or ``None``.
        path: the file shown; source_path: the source-language file (``None`` if unknown).
        locale: the requested locale; fallbacks: ``"requested→shown"`` when another language was shown.
        missing_msgids: ``{{ _() }}`` messages in the body that had no translation.
    """

    html: str
    title: str
    lang: str
    dir: str
    outdated: bool
    notice: str | None
    path: str
    source_path: str | None
    locale: str
    fallbacks: tuple[str, ...] = ()
    missing_msgids: tuple[str, ...] = ()


def _split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str, int]:
    import yaml

    if not text.startswith("---"):
        raise TemplateError("KB article has no front matter", path=path, line=1,
                            hint="start the file with a '---' line, then title:, then '---'")
    lines = text.splitlines(keepends=True)
    if lines[0].strip() != "---":
        raise TemplateError("front matter must start with a line of exactly '---'", path=path, line=1)
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise TemplateError("front matter is not closed", path=path, line=1, hint="add a '---' line after it")
    raw = "".join(lines[1:end])
    try:
        meta = yaml.safe_load(raw) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise TemplateError(f"front matter is not valid YAML: {problem}", path=path, line=line) from None
    if not isinstance(meta, dict):
        raise TemplateError("front matter must be a mapping (key: value lines)", path=path, line=2)
    return meta, "".join(lines[end + 1:]), end + 2


def _int_field(meta: Mapping[str, Any], key: str, path: Path) -> int | None:
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise TemplateError(f"front matter {key!r} must be a non-negative integer, got {value!r}", path=path,
                            hint=f"{key}: 3")
    return value


def load_article(path: str | os.PathLike[str], *, source_locale: LocaleLike = "en") -> Article:
    """Read one article file. Raises :class:`~toneloc.errors.TemplateError` with file:line for bad input.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "faq.md"
    >>> _ = p.write_text("---\\ntitle: Hi\\nrevision: 2\\n---\\nBody\\n", encoding="utf-8")
    >>> a = load_article(p)
    >>> (a.slug, a.title, a.lang, a.revision, a.body, a.body_line)
    ('faq', 'Hi', 'en', 2, 'Body\\n', 5)
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TemplateError("KB article not found", path=p) from None
    except UnicodeDecodeError as exc:
        raise TemplateError("KB article is not valid UTF-8", path=p,
                            line=p.read_bytes()[: exc.start].count(b"\n") + 1) from None
    meta, body, body_line = _split_front_matter(text, p)
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        raise TemplateError("front matter needs a non-empty 'title'", path=p, line=2, hint="title: Track your order")
    tags = meta.get("tags") or []
    if isinstance(tags, str):
        tags = [t.strip() for t in tags.split(",") if t.strip()]
    if not isinstance(tags, list) or not all(isinstance(t, (str, int)) for t in tags):
        raise TemplateError("front matter 'tags' must be a list of words", path=p, hint="tags: [orders, shipping]")
    slug, name_lang = split_article_name(p)
    lang_raw = meta.get("lang") or name_lang or str(source_locale)
    try:
        lang = locale_tag(parse_locale(str(lang_raw)))
    except TonelocError as exc:
        raise TemplateError(f"article language {lang_raw!r} is not a locale: {exc}", path=p,
                            hint="name the file after its locale (faq.de.md, faq.pt-BR.md) or set lang:") from None
    return Article(
        path=str(p), slug=slug, lang=lang, title=title.strip(), tags=tuple(str(t) for t in tags),
        revision=_int_field(meta, "revision", p), source_revision=_int_field(meta, "source_revision", p),
        body=body, body_line=body_line, meta=MappingProxyType(meta),
    )


def _as_locale(text: str) -> str | None:
    if not (2 <= len(text) <= 11) or not text.replace("-", "").replace("_", "").isalnum() or not text[:2].isalpha():
        return None
    try:
        return locale_tag(parse_locale(text))
    except TonelocError:
        return None


def split_article_name(path: str | os.PathLike[str]) -> tuple[str, str | None]:
    """``(slug, language or None)`` of an article file, in either layout.

    >>> split_article_name("kb/track-your-order.de.md")
    ('track-your-order', 'de')
    >>> split_article_name("kb/track-your-order.md")
    ('track-your-order', None)
    >>> split_article_name("kb/track-your-order/pt_BR.md")
    ('track-your-order', 'pt-BR')
    """
    p = Path(path)
    parts = p.name.split(".")
    if len(parts) >= 3:
        lang = _as_locale(parts[-2])
        if lang:
            return ".".join(parts[:-2]), lang
    lang = _as_locale(p.stem)
    if lang and p.parent.name:
        return p.parent.name, lang
    return p.stem, None


def _article_file(kb_root: Path, slug: str, loc: Any, is_source: bool) -> Path | None:
    names = catalog_dirs(loc)
    candidates = [kb_root / f"{slug}.{n}.md" for n in names] + [kb_root / slug / f"{n}.md" for n in names]
    if is_source:
        candidates.insert(0, kb_root / f"{slug}.md")
    return next((c for c in candidates if c.is_file()), None)


def _slugs(kb_root: Path) -> list[str]:
    if not kb_root.is_dir():
        return []
    found = {split_article_name(p)[0] for p in kb_root.glob("*.md")}
    found |= {d.name for d in kb_root.iterdir() if d.is_dir() and any(d.glob("*.md"))}
    return sorted(found)


def find_article(kb_root: str | os.PathLike[str], slug: str, *, locale: LocaleLike,
                 source_locale: LocaleLike = "en") -> tuple[Article, Article | None]:
    """The best language version of article *slug* for *locale* (fallback chain, ending with the source
    language) and the source article (``None`` when there is no source file).

    Two layouts are understood: ``kb/<slug>.md`` (source) + ``kb/<slug>.<locale>.md`` (the one
    ``toneloc lint`` checks), and ``kb/<slug>/<locale>.md``.
    """
    root = Path(kb_root)
    if not isinstance(slug, str) or not slug or slug in (".", "..") or any(c in slug for c in "/\\\0"):
        raise TemplateError(f"KB article slug {slug!r} is not a plain article name", path=root,
                            hint="pass the article's file name without folders, e.g. 'track-your-order'")
    source_loc = parse_locale(source_locale)
    source_file = _article_file(root, slug, source_loc, True)
    source = load_article(source_file, source_locale=source_loc) if source_file is not None else None
    for loc in fallback_chain(locale, default=str(source_loc)):
        found = _article_file(root, slug, loc, str(loc) == str(source_loc))
        if found is not None:
            chosen = source if found == source_file and source is not None else load_article(found)
            return chosen, source
    known = _slugs(root)
    if slug not in known:
        raise TemplateError(f"KB article {slug!r} not found", path=root,
                            hint=("available: " + ", ".join(known)) if known else "check the KB folder")
    raise TemplateError(f"KB article {slug!r} has no version for {locale_tag(parse_locale(locale))} "
                        f"nor its source language", path=root, hint=f"add {slug}.md")


def source_of(article: Article, source_locale: LocaleLike = "en") -> Article | None:
    """The source-language article next to *article* (``None`` if there is none or it is the source)."""
    p = Path(article.path)
    root = p.parent.parent if p.parent.name == article.slug else p.parent
    found = _article_file(root, article.slug, parse_locale(source_locale), True)
    if found is None or found == p:
        return None
    return load_article(found, source_locale=source_locale)


def _markdown() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


_MD: Any = None


def render_article(
    article: Article | str | os.PathLike[str],
    context: Mapping[str, Any] | None = None,
    *,
    locale: LocaleLike | None = None,
    source: Article | str | os.PathLike[str] | None = None,
    templates: TemplateSet | None = None,
    customer: Customer | Mapping[str, Any] | None = None,
    now: datetime | None = None,
) -> RenderedArticle:
    """Render *article* (an :class:`Article` or a path) to HTML for *locale* (default: the article's language).

    *source* is the source-language article used for the outdated check (default: the source file next
    to a translation, ``<slug>.md`` or ``<slug>/en.md``). *templates* supplies catalogs and extra globals
    for ``{{ _() }}`` in bodies.
    """
    global _MD
    art = article if isinstance(article, Article) else load_article(article)
    src: Article | None
    if source is None:
        src = source_of(art)
        if src is None and art.source_revision is None:
            src = art
    else:
        src = source if isinstance(source, Article) else load_article(source)
    requested = parse_locale(locale) if locale is not None else parse_locale(art.lang)
    shown = parse_locale(art.lang)
    ts = templates if templates is not None else _plain_set()
    defaults = art.meta.get("defaults")
    variables = {**defaults, **(context or {})} if isinstance(defaults, Mapping) else dict(context or {})
    try:
        rendered = ts.render_string(art.body, variables, locale=shown, customer=customer, now=now, name=art.path)
    except TemplateError as exc:
        if exc.path != art.path:
            raise
        line = exc.line + art.body_line - 1 if exc.line is not None else None
        raise with_location(exc, art.path, line) from exc.__cause__
    if _MD is None:
        _MD = _markdown()
    body_html: str = _MD.render(rendered.text)
    outdated = (src is not None and src is not art and src.revision is not None
                and (art.source_revision is None or art.source_revision < src.revision))
    notice: str | None = None
    direction = text_direction(shown)
    lang = locale_tag(shown)
    parts = [f'<article lang="{lang}" dir="{direction}">\n']
    if outdated:
        chain = fallback_chain(shown, default="en")
        notice = _catalog_notice(ts, shown) or outdated_notice(chain)[0]
        href = f' data-source="{escape(Path(src.path).name)}"' if src is not None else ""
        parts.append(f'<p class="toneloc-outdated" role="note"{href}>{escape(notice)}</p>\n')
    parts.append(f"<h1>{escape(art.title)}</h1>\n")
    parts.append(body_html)
    parts.append("</article>\n")
    req_tag = locale_tag(requested)
    fallbacks = (f"{req_tag}→{lang}",) if req_tag != lang else ()
    return RenderedArticle(
        html="".join(parts), title=art.title, lang=lang, dir=direction, outdated=outdated, notice=notice,
        path=art.path, source_path=src.path if src is not None else None, locale=req_tag,
        fallbacks=fallbacks + (rendered.fallbacks if ts.catalogs is not None else ()),
        missing_msgids=rendered.missing_msgids,
    )


def _catalog_notice(ts: TemplateSet, loc: Any) -> str | None:
    for link in ts.catalog_links(loc) if ts.catalogs is not None else ():
        if link.translations is not None:
            text = link.translations.gettext(OUTDATED_MSGID)
            if text != OUTDATED_MSGID:
                return text
    return None


_PLAIN: TemplateSet | None = None


def _plain_set() -> TemplateSet:
    global _PLAIN
    if _PLAIN is None:
        _PLAIN = TemplateSet()
    return _PLAIN


def render_kb(kb_root: str | os.PathLike[str], slug: str, context: Mapping[str, Any] | None = None, *,
              locale: LocaleLike, templates: TemplateSet | None = None,
              customer: Customer | Mapping[str, Any] | None = None, now: datetime | None = None,
              source_locale: LocaleLike = "en") -> RenderedArticle:
    """Find the best version of *slug* for *locale* and render it (see :func:`render_article`).

    >>> r = render_kb("examples/helpdesk/kb", "track-your-order", locale="de-AT")  # doctest: +SKIP
    >>> r.lang, r.fallbacks  # doctest: +SKIP
    ('de', ('de-AT→de',))
    """
    article, source = find_article(kb_root, slug, locale=locale, source_locale=source_locale)
    return render_article(article, context, locale=locale, source=source or article, templates=templates,
                          customer=customer, now=now)
