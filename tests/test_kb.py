"""KB articles: front matter, Markdown to HTML, lang/dir, RTL isolation, outdated notices, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from toneloc.errors import TemplateError, TemplateSecurityError
from toneloc.templating import FSI, PDI, TemplateSet, find_article, load_article, render_article, render_kb

KB = Path(__file__).resolve().parents[1] / "examples" / "helpdesk" / "kb"
LOCALES = KB.parent / "locales"


def test_load_article_reads_front_matter() -> None:
    """Title, tags, revisions and the body's first line come from the file."""
    a = load_article(KB / "track-your-order.md")
    assert (a.slug, a.lang, a.title, a.tags, a.revision, a.source_revision) == (
        "track-your-order", "en", "Track your order", ("orders", "shipping"), 4, None)
    assert a.body.startswith("Every order gets a tracking number")
    assert a.body_line == 9


def test_german_translation_renders_to_html_with_lang() -> None:
    """An up-to-date translation: <article lang="de" dir="ltr">, no notice, Markdown converted."""
    r = render_kb(KB, "track-your-order", {"order_id": "A-1042"}, locale="de-AT")
    assert r.html == (
        '<article lang="de" dir="ltr">\n'
        "<h1>Bestellung verfolgen</h1>\n"
        "<p>Jede Bestellung erhält eine Sendungsnummer, sobald sie unser Lager verlässt.</p>\n"
        "<ol>\n"
        "<li>Öffnen Sie <strong>Meine Bestellungen</strong> und wählen Sie die Bestellung A-1042 aus.</li>\n"
        "<li>Wählen Sie <strong>Sendung verfolgen</strong>. Die Seite des Versanddienstleisters öffnet sich in "
        "einem neuen Tab.</li>\n"
        "</ol>\n"
        "<p>Pakete kommen in der Regel innerhalb von 3 Werktagen an. Ist Ihr Paket bis dahin nicht\n"
        "angekommen, antworten Sie einfach auf diese E-Mail, und wir leiten bei DHL einen Nachforschungsauftrag "
        "ein.</p>\n"
        "</article>\n"
    )
    assert (r.lang, r.dir, r.outdated, r.notice, r.fallbacks) == ("de", "ltr", False, None, ("de-AT→de",))
    assert r.source_path == str(KB / "track-your-order.md")
    assert r.path == str(KB / "track-your-order.de.md")


def test_arabic_translation_is_rtl_isolated_and_flagged_outdated() -> None:
    """ar: dir="rtl", values wrapped in FSI/PDI, and the Arabic outdated notice (source_revision 3 < 4)."""
    r = render_kb(KB, "track-your-order", {"order_id": "A-1042", "carrier": "Aramex"}, locale="ar-SA")
    notice = "قد تكون هذه الترجمة قديمة؛ فقد حُدِّث المقال الأصلي بعد ترجمته."
    assert r.html.startswith('<article lang="ar" dir="rtl">\n<p class="toneloc-outdated" role="note" '
                             f'data-source="track-your-order.md">{notice}</p>\n'
                             "<h1>تتبّع طلبك</h1>\n")
    assert f"واختاروا الطلب {FSI}A-1042{PDI}.</li>" in r.html
    assert f"لدى {FSI}Aramex{PDI}.</p>" in r.html
    assert r.outdated is True
    assert r.dir == "rtl"


def test_japanese_refund_article_is_outdated_with_japanese_notice_and_table() -> None:
    """ja (source_revision 1 < 2): Japanese notice, table rendered, money formatted for ja."""
    r = render_kb(KB, "request-a-refund", locale="ja")
    assert r.notice == "この翻訳は最新ではない可能性があります。翻訳後に原文の記事が更新されています。"
    assert "<td>クレジットカード</td>" in r.html
    assert "<p>郵送での返品には €4.95 の送料がかかります。提携店舗での返品は無料です。</p>" in r.html


def test_missing_translation_falls_back_to_source_article() -> None:
    """es has no translation: the English source is shown and the fallback recorded."""
    r = render_kb(KB, "request-a-refund", locale="es-MX")
    assert (r.lang, r.outdated, r.fallbacks) == ("en", False, ("es-MX→en",))
    assert "<h1>Request a refund</h1>" in r.html
    assert "Returns by post cost €4.95; returns at a partner shop are free." in r.html


def test_interpolated_values_cannot_inject_html() -> None:
    """Raw HTML is disabled in Markdown, so a customer value renders as text."""
    r = render_kb(KB, "track-your-order", {"order_id": "<img src=x onerror=alert(1)>"}, locale="en")
    assert "<img" not in r.html
    assert "&lt;img src=x onerror=alert(1)&gt;" in r.html


def test_catalog_notice_overrides_builtin(tmp_path: Path) -> None:
    """A user catalog translating the notice msgid wins over the built-in table."""
    from toneloc.templating._notices import OUTDATED_MSGID

    po = tmp_path / "ar" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(f'msgid "{OUTDATED_MSGID}"\nmsgstr "ترجمة قديمة"\n', encoding="utf-8")
    r = render_kb(KB, "track-your-order", locale="ar", templates=TemplateSet(catalogs=tmp_path))
    assert r.notice == "ترجمة قديمة"


def test_find_article_prefers_most_specific(tmp_path: Path) -> None:
    """Folder layout too: pt-BR.md beats pt.md for pt-BR; pt.md serves pt-PT; en.md is the source."""
    folder = tmp_path / "faq"
    folder.mkdir()
    for name, title in (("en", "FAQ"), ("pt", "Perguntas"), ("pt-BR", "Dúvidas")):
        rev = "revision: 1" if name == "en" else "source_revision: 1"
        (folder / f"{name}.md").write_text(f"---\ntitle: {title}\n{rev}\n---\nx\n", encoding="utf-8")
    assert find_article(tmp_path, "faq", locale="pt-BR")[0].title == "Dúvidas"
    assert find_article(tmp_path, "faq", locale="pt-PT")[0].title == "Perguntas"
    assert find_article(tmp_path, "faq", locale="de")[0].title == "FAQ"


@pytest.mark.parametrize("slug", ["../secret", "/abs/secret", "sub/secret", "..", "a\\b", ""])
def test_find_article_rejects_paths_as_slugs(tmp_path: Path, slug: str) -> None:
    """A slug from a web request must not reach a file outside the KB folder (path traversal)."""
    (tmp_path / "secret.md").write_text("---\ntitle: Secret\n---\nx\n", encoding="utf-8")
    kb = tmp_path / "kb"
    kb.mkdir()
    with pytest.raises(TemplateError, match="not a plain article name"):
        find_article(kb, slug.replace("/abs", str(tmp_path)), locale="de")
    with pytest.raises(TemplateError, match="not a plain article name"):
        render_kb(kb, slug.replace("/abs", str(tmp_path)), locale="de")


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        ("no front matter\n", 1, "has no front matter"),
        ("---\ntitle: A\n", 1, "not closed"),
        ("---\ntitle: [unclosed\n---\nbody\n", 3, "not valid YAML"),
        ("---\ntags: [a]\n---\nbody\n", 2, "needs a non-empty 'title'"),
        ("---\ntitle: A\n---\nline one\n{{ missing }}\n", 5, "'missing' is undefined"),
        ("---\ntitle: A\n---\n\n{{ cycler.__init__ }}\n", 5, "sandbox"),
    ],
)
def test_bad_articles_fail_with_file_and_line(tmp_path: Path, text: str, line: int, what: str) -> None:
    """Every kind of broken article names the file and the line (body lines counted in the file)."""
    path = tmp_path / "faq.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError, match=what) as info:
        render_article(path)
    assert (info.value.path, info.value.line) == (str(path), line)
    if what == "sandbox":
        assert isinstance(info.value, TemplateSecurityError)


def test_revision_must_be_an_integer(tmp_path: Path) -> None:
    """A non-integer revision is refused with a hint."""
    path = tmp_path / "faq.de.md"
    path.write_text("---\ntitle: A\nsource_revision: two\n---\nx\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="'source_revision' must be a non-negative integer"):
        load_article(path)


def test_unknown_slug_lists_available(tmp_path: Path) -> None:
    """A typo in the slug lists the articles that exist."""
    with pytest.raises(TemplateError, match="available: request-a-refund, track-your-order"):
        render_kb(KB, "track-my-order", locale="en")
