"""Localized rendering: catalogs, plurals, fallbacks, overrides, filters, escaping, caching, errors."""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toneloc.errors import CatalogError, TemplateError, UnknownLocaleError
from toneloc.templating import FSI, PDI, Customer, Rendered, TemplateSet, clear_caches, load_catalog, render

HELPDESK = Path(__file__).resolve().parents[1] / "examples" / "helpdesk"
TEMPLATES = HELPDESK / "templates"
LOCALES = HELPDESK / "locales"
NOW = datetime(2026, 10, 2, 13, 0, tzinfo=UTC)  # a Friday
REFUND = {"order_id": "A-1042", "amount": Decimal("1234.5"), "currency": "EUR", "items": ["Kettle", "Mug"],
          "business_days": 5}
LATE = ('{{ ngettext("We are sorry: your order is %(num)d day late.", '
        '"We are sorry: your order is %(num)d days late.", n) }}')


@pytest.fixture(scope="module")
def ts() -> TemplateSet:
    return TemplateSet(TEMPLATES, catalogs=LOCALES)


def _refund(ts: TemplateSet, locale: str, name: str = "refund.txt", who: str = "Zoë") -> Rendered:
    return ts.render(name, REFUND, locale=locale, customer=Customer(who), now=NOW)


# -- real output in several locales ----------------------------------------------------------------
def test_refund_txt_in_german_is_formal_and_culture_formatted(ts: TemplateSet) -> None:
    """German: Sie-form, lowercase after the salutation comma, 1.234,50 €, 'und', no comma after the closing."""
    r = _refund(ts, "de-DE")
    assert r.text == (
        "Guten Tag Zoë,\n\n"
        "wir haben Ihnen 1.234,50\xa0€ für Ihre Bestellung A-1042 erstattet.\n"
        "Der Betrag sollte innerhalb von 5 Werktagen auf Ihrem Konto eingehen.\n"
        "Erstattete Artikel: Kettle und Mug\n\n"
        "Mit freundlichen Grüßen\nIhr Support-Team\n"
    )
    assert (r.locale, r.locale_used, r.fallbacks, r.missing_msgids) == ("de-DE", "de", ("de-DE→de",), ())
    assert r.template_path == str(TEMPLATES / "refund.txt")
    assert r.template_locale is None
    assert r.autoescape is False


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", "Hello Zoë,\n\nWe have refunded €1,234.50 for your order A-1042.\n"
               "The money should reach your account within 5 business days.\nRefunded items: Kettle and Mug\n\n"
               "Kind regards,\nYour support team\n"),
        ("ja", "Zoë 様\n\nご注文 A-1042 について、€1,234.50 を返金いたしました。\n"
               "5 営業日以内にお客様の口座に反映される予定です。\n返金対象の商品：Kettle、Mug\n\n"
               "今後ともよろしくお願いいたします。\nサポートチーム\n"),
        ("es", "Estimado/a Zoë:\n\nLe hemos reembolsado 1.234,50\xa0€ por su pedido A-1042.\n"
               "El importe debería llegar a su cuenta en un plazo de 5 días hábiles.\n"
               "Artículos reembolsados: Kettle y Mug\n\nUn cordial saludo,\nEl equipo de atención al cliente\n"),
        ("pt-BR", "Prezado(a) Zoë,\n\nReembolsamos €\xa01.234,50 referente ao seu pedido A-1042.\n"
                  "O valor deve aparecer na sua conta em até 5 dias úteis.\nItens reembolsados: Kettle e Mug\n\n"
                  "Atenciosamente,\nEquipe de atendimento\n"),
        ("vi", "Kính gửi Quý khách Zoë,\n\nChúng tôi đã hoàn lại 1.234,50\xa0€ cho đơn hàng A-1042 của Quý khách.\n"
               "Số tiền sẽ được chuyển vào tài khoản của Quý khách trong vòng 5 ngày làm việc.\n"
               "Các sản phẩm được hoàn tiền: Kettle và Mug\n\nTrân trọng,\nĐội ngũ hỗ trợ khách hàng\n"),
        ("id", "Yth. Bapak/Ibu Zoë,\n\nKami telah mengembalikan dana sebesar €1.234,50 untuk pesanan Anda dengan "
               "nomor A-1042.\nDana akan masuk ke rekening Anda dalam 5 hari kerja.\n"
               "Barang yang dananya dikembalikan: Kettle dan Mug\n\nSalam hormat,\nTim Dukungan Pelanggan\n"),
        ("lv", "Labdien, Zoë!\n\nEsam atmaksājuši 1\xa0234,50\xa0€ par Jūsu pasūtījumu A-1042.\n"
               "Nauda Jūsu kontā tiks ieskaitīta 5 darba dienu laikā.\nAtmaksātās preces: Kettle un Mug\n\n"
               "Ar cieņu\nJūsu atbalsta komanda\n"),
    ],
)
def test_refund_txt_in_more_locales(ts: TemplateSet, locale: str, expected: str) -> None:
    """Each locale gets its own catalog text and its own number, currency and list conventions."""
    r = _refund(ts, locale)
    assert r.text == expected
    assert r.missing_msgids == ()
    assert r.locale_used == locale


def test_arabic_isolates_interpolated_values_but_not_translations(ts: TemplateSet) -> None:
    """RTL: names, amounts, order ids and lists are FSI/PDI-isolated; translated text is not."""
    r = _refund(ts, "ar")
    assert r.text.splitlines()[0] == f"مرحبًا {FSI}Zoë{PDI}،"
    assert f"رقم {FSI}A-1042{PDI}." in r.text
    assert "مع أطيب التحيات،\nفريق الدعم\n" in r.text  # translations are not wrapped
    assert r.text.count(FSI) == r.text.count(PDI) == 4


def test_arabic_html_keeps_attributes_and_urls_clean(ts: TemplateSet) -> None:
    """In HTML, attribute values are never wrapped; in text, URLs stay unwrapped so links keep working."""
    html = _refund(ts, "ar", "refund.html").text
    assert '<html lang="ar" dir="rtl">' in html
    assert f"<title>استرداد مبلغ الطلب {FSI}A-1042{PDI}</title>" in html  # message placeholders still isolated
    ctx = {"reset_url": "https://example.com/r/1?t=ab", "expires_at": datetime(2026, 10, 3, 13, 0, tzinfo=UTC)}
    text = ts.render("password_reset.txt", ctx, locale="ar", customer=Customer("Zoë"), now=NOW).text
    assert "\nhttps://example.com/r/1?t=ab\n" in text


def test_isolate_filter_uses_bdi_in_html_and_fsi_in_text() -> None:
    """``|isolate`` is available in every locale: ``<bdi>`` (escaped) in HTML, FSI/PDI in text."""
    ts = TemplateSet()
    assert ts.render_string("{{ n|isolate }}", {"n": "<Ann>"}, locale="en", html=True).text == "<bdi>&lt;Ann&gt;</bdi>"
    assert ts.render_string("{{ n|isolate }}", {"n": "אבי"}, locale="en").text == f"{FSI}אבי{PDI}"


def test_locale_specific_override_beats_shared_template(ts: TemplateSet) -> None:
    """``de/refund.html`` is used for de-AT (via de), the shared ``refund.html`` for fr."""
    de = _refund(ts, "de-AT", "refund.html")
    assert de.template_path == str(TEMPLATES / "de" / "refund.html")
    assert de.template_locale == "de"
    assert "mit dem Sie bezahlt haben." in de.text  # German law is not cited to an Austrian customer
    assert "§ 357 Abs. 3 BGB" in _refund(ts, "de-DE", "refund.html").text
    assert "<title>Erstattung für Bestellung A-1042</title>" in de.text
    fr = _refund(ts, "fr", "refund.html")
    assert fr.template_path == str(TEMPLATES / "refund.html")
    assert fr.template_locale is None
    assert "<p>Nous vous avons remboursé 1\u202f234,50\xa0€ pour votre commande A-1042." in fr.text
    assert '<html lang="fr" dir="ltr">' in fr.text


# -- plurals --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("locale", "n", "expected"),
    [
        ("ru", 1, "Приносим извинения: Ваш заказ задерживается на 1 день."),
        ("ru", 2, "Приносим извинения: Ваш заказ задерживается на 2 дня."),
        ("ru", 5, "Приносим извинения: Ваш заказ задерживается на 5 дней."),
        ("ru", 11, "Приносим извинения: Ваш заказ задерживается на 11 дней."),
        ("ru", 21, "Приносим извинения: Ваш заказ задерживается на 21 день."),
        ("ru", 22, "Приносим извинения: Ваш заказ задерживается на 22 дня."),
        ("pl", 1, "Przepraszamy: od planowanej daty dostawy minął już 1 dzień."),
        ("pl", 2, "Przepraszamy: od planowanej daty dostawy minęły już 2 dni."),
        ("pl", 5, "Przepraszamy: od planowanej daty dostawy minęło już 5 dni."),
        ("pl", 12, "Przepraszamy: od planowanej daty dostawy minęło już 12 dni."),
        ("pl", 22, "Przepraszamy: od planowanej daty dostawy minęły już 22 dni."),
        ("ar", 0, "نعتذر: تأخّر طلبكم 0 يوم."),
        ("ar", 1, "نعتذر: تأخّر طلبكم يومًا واحدًا."),
        ("ar", 2, "نعتذر: تأخّر طلبكم يومين."),
        ("ar", 3, "نعتذر: تأخّر طلبكم 3 أيام."),
        ("ar", 11, "نعتذر: تأخّر طلبكم 11 يومًا."),
        ("ar", 100, "نعتذر: تأخّر طلبكم 100 يوم."),
        ("lv", 1, "Atvainojamies: Jūsu pasūtījums kavējas par 1 dienu."),
        ("lv", 21, "Atvainojamies: Jūsu pasūtījums kavējas par 21 dienu."),
        ("lv", 2, "Atvainojamies: Jūsu pasūtījums kavējas par 2 dienām."),
        ("lv", 11, "Atvainojamies: Jūsu pasūtījums kavējas par 11 dienām."),
        ("ja", 3, "ご迷惑をおかけして申し訳ございません。ご注文は 3 日遅れております。"),
    ],
)
def test_cldr_plural_forms(ts: TemplateSet, locale: str, n: int, expected: str) -> None:
    """ngettext picks the CLDR plural form: 3 in ru/pl/lv, 6 in ar, 1 in ja."""
    assert ts.render_string(LATE, {"n": n}, locale=locale).text == expected


def test_latvian_uses_all_three_plural_slots(ts: TemplateSet) -> None:
    """lv has zero (0, 10-20, 30...), one (1, 21...) and other categories in its header."""
    link = next(x for x in ts.catalog_links("lv") if x.translations is not None)
    rule = link.translations.plural  # type: ignore[union-attr]
    assert [rule(n) for n in (0, 10, 11, 19, 1, 21, 2, 9, 22)] == [0, 0, 0, 0, 1, 1, 2, 2, 2]


@pytest.mark.parametrize(("n", "expected"), [(1, "1 jour ouvré"), (2, "2 jours ouvrés"),
                                             (1000000, "1000000 de jours ouvrés")])
def test_trans_block_pluralize_in_french_including_many(ts: TemplateSet, n: int, expected: str) -> None:
    """``{% trans count=... %}{% pluralize %}`` uses the catalog's 3 French forms (one, many, other)."""
    src = ("{% trans count=n %}The money should reach your account within {{ count }} business day."
           "{% pluralize %}The money should reach your account within {{ count }} business days.{% endtrans %}")
    assert ts.render_string(src, {"n": n}, locale="fr").text == (
        f"Le montant devrait apparaître sur votre compte sous {expected}.")


def test_pgettext_uses_the_message_context(ts: TemplateSet) -> None:
    """The same English text in two contexts can be translated differently (signature vs subject)."""
    src = '{{ pgettext("signature", "Kind regards,") }}|{{ pgettext("subject", "Reset your password") }}'
    out = ts.render_string(src, locale="de").text
    assert out == "Mit freundlichen Grüßen|Passwort zurücksetzen"


# -- fallbacks and missing messages ----------------------------------------------------------------
def test_region_falls_back_to_language_catalog(ts: TemplateSet) -> None:
    """de-CH has no catalog of its own: de serves, and the fallback is recorded."""
    r = _refund(ts, "de-CH")
    assert r.locale_used == "de"
    assert r.fallbacks == ("de-CH→de",)
    assert r.missing_msgids == ()
    assert "wir haben Ihnen EUR\xa01'234.50 für" in r.text  # Swiss number formatting, German catalog


def test_language_without_catalog_falls_back_to_source_and_lists_missing(ts: TemplateSet) -> None:
    """pt-PT is not pt-BR: English is shown, every msgid is reported missing, numbers stay Portuguese."""
    r = _refund(ts, "pt-PT")
    assert r.locale_used == "en"
    assert r.fallbacks == ("pt-PT→en",)
    assert r.missing_msgids == (
        "Hello %(name)s,", "We have refunded %(amount)s for your order %(order)s.",
        "The money should reach your account within %(count)s business day.", "Refunded items: %(items)s",
        "Kind regards,", "Your support team",
    )
    assert "We have refunded 1\xa0234,50\xa0€ for your order A-1042." in r.text
    assert "Refunded items: Kettle e Mug" in r.text


def test_message_level_fallback_is_recorded(tmp_path: Path) -> None:
    """A de_AT catalog missing one message: de serves that message and the fallback is listed."""
    for loc, body in (("de_AT", 'msgid "Hello"\nmsgstr "Servus"\n'),
                      ("de", 'msgid "Hello"\nmsgstr "Hallo"\n\nmsgid "Bye"\nmsgstr "Tschüss"\n')):
        po = tmp_path / "locales" / loc / "LC_MESSAGES" / "messages.po"
        po.parent.mkdir(parents=True)
        po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + body, encoding="utf-8")
    ts = TemplateSet(catalogs=tmp_path / "locales")
    r = ts.render_string("{{ _('Hello') }} {{ _('Bye') }} {{ _('Later') }}", locale="de-AT")
    assert r.text == "Servus Tschüss Later"
    assert r.locale_used == "de-AT"
    assert r.fallbacks == ("de-AT→de",)
    assert r.missing_msgids == ("Later",)


def test_english_source_is_not_missing(ts: TemplateSet) -> None:
    """Rendering in the source language reports no missing messages."""
    r = _refund(ts, "en-GB")
    assert r.missing_msgids == ()
    assert r.locale_used == "en"


# -- escaping --------------------------------------------------------------------------------------
XSS = '<script>alert("x")</script>'


@pytest.mark.parametrize("locale", ["en", "de", "ar"])
def test_customer_values_are_escaped_in_html(ts: TemplateSet, locale: str) -> None:
    """Customer-controlled names are escaped in HTML output whatever the translation."""
    r = _refund(ts, locale, "refund.html", who=XSS)
    assert "<script>" not in r.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in r.text
    assert r.autoescape is True


@pytest.mark.parametrize(("name", "escaped"), [("mail.html.j2", True), ("mail.xml.jinja2", True),
                                               ("mail.txt.j2", False), ("mail.md", False)])
def test_escaping_looks_through_a_jinja_suffix(tmp_path: Path, name: str, escaped: bool) -> None:
    """``reply.html.j2`` is HTML: a customer's ``<b>`` must not reach the page as markup."""
    (tmp_path / name).write_text("Hi {{ customer.name }}", encoding="utf-8")
    r = TemplateSet(tmp_path).render(name, locale="en", customer=Customer("<b>Eve</b>"))
    assert r.text == ("Hi &lt;b&gt;Eve&lt;/b&gt;" if escaped else "Hi <b>Eve</b>")
    assert r.autoescape is escaped


def test_newstyle_trans_block_does_not_mark_interpolations_safe(tmp_path: Path) -> None:
    """``{% trans name=... %}`` with newstyle gettext escapes the value (the msgstr itself is trusted)."""
    (tmp_path / "hi.html").write_text("{% trans name=customer.name %}Hello <b>{{ name }}</b>{% endtrans %}",
                                      encoding="utf-8")
    (tmp_path / "hi.txt").write_text("{% trans name=customer.name %}Hello <b>{{ name }}</b>{% endtrans %}",
                                     encoding="utf-8")
    ts = TemplateSet(tmp_path)
    html = ts.render("hi.html", locale="en", customer=Customer("<i>Eve</i>")).text
    assert html == "Hello <b>&lt;i&gt;Eve&lt;/i&gt;</b>"
    text = ts.render("hi.txt", locale="en", customer=Customer("<i>Eve</i>")).text
    assert text == "Hello <b><i>Eve</i></b>"  # plain text is not HTML


@given(st.text(min_size=1, max_size=40))
def test_property_no_raw_markup_from_names_in_html(name: str) -> None:
    """For any name, the HTML output contains no '<' or '&' from the name except as entities."""
    ts = _shared_set()
    out = ts.render_string("<p>{{ _('Hello %(name)s,', name=customer.name) }}</p>", locale="de",
                           customer=Customer(name), html=True).text
    inner = out[len("<p>Guten Tag "):-len(",</p>")]
    assert "<" not in inner
    assert ">" not in inner
    assert '"' not in inner
    assert inner.replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", '"').replace("&#39;", "'") \
        .replace("&amp;", "&") == name


_SHARED: list[TemplateSet] = []


def _shared_set() -> TemplateSet:
    if not _SHARED:
        _SHARED.append(TemplateSet(TEMPLATES, catalogs=LOCALES))
    return _SHARED[0]


# -- filters and globals ---------------------------------------------------------------------------
def test_formatting_filters_use_the_locale_and_customer_zone() -> None:
    """money/number/percent/date/datetime/time/relative/join_list, in the customer's time zone."""
    ts = TemplateSet()
    src = ("{{ '1234.6'|money('JPY') }}|{{ '1234.5'|number }}|{{ '0.25'|percent }}|{{ day|date('long') }}|"
           "{{ at|datetime('short') }}|{{ at|time }}|{{ later|relative }}|{{ ['a', 'b', 'c']|join_list('or') }}")
    ctx = {"day": date(2026, 10, 3), "at": datetime(2026, 10, 2, 15, 0, tzinfo=UTC),
           "later": timedelta(days=2)}
    out = ts.render_string(src, ctx, locale="de-DE", customer=Customer("X", timezone="America/New_York")).text
    assert out == "1.235\xa0¥|1.234,5|25\xa0%|3. Oktober 2026|02.10.26, 11:00|11:00|in 2 Tagen|a, b oder c"


def test_datetime_defaults_to_the_culture_zone_without_customer() -> None:
    """Without a customer time zone the culture's zone (Tokyo for ja-JP) is used."""
    out = TemplateSet().render_string("{{ at|deadline }}", {"at": "2026-10-06T15:00:00+00:00"}, locale="ja-JP").text
    assert out == "2026年10月7日水曜日 0:00"


def test_business_deadline_skips_weekend_and_is_exact(ts: TemplateSet) -> None:
    """8 business hours from Friday 15:00 Berlin is Monday 15:00; holiday names come from the culture."""
    ctx = {"order_id": "A-1", "new_date": date(2026, 10, 9), "days_late": 1, "ship_date": date(2026, 10, 3),
           "reply_within_hours": 8}
    r = ts.render("delayed_shipment.txt", ctx, locale="de-DE", customer=Customer("Jürgen Weiß"), now=NOW)
    assert r.text == (
        "Guten Tag Jürgen Weiß,\n\n"
        "Ihre Bestellung A-1 verzögert sich. Der neue Liefertermin ist der 9. Oktober 2026.\n"
        "Bitte entschuldigen Sie: Ihre Bestellung verspätet sich um 1 Tag.\n"
        "Unser Lager war wegen eines Feiertags geschlossen: Tag der Deutschen Einheit.\n"
        "Auf Ihre Fragen antworten wir bis Montag, 5. Oktober 2026, 15:00.\n\n"
        "Mit freundlichen Grüßen\nIhr Support-Team\n"
    )


def test_password_reset_in_vietnamese_uses_customer_zone(ts: TemplateSet) -> None:
    """Expiry is shown exactly in the customer's zone, with a rounded relative hint."""
    ctx = {"reset_url": "https://example.com/r/1", "expires_at": datetime(2026, 10, 3, 13, 0, tzinfo=UTC)}
    r = ts.render("password_reset.txt", ctx, locale="vi", customer=Customer("Lan", timezone="Asia/Ho_Chi_Minh"),
                  now=NOW)
    assert "Liên kết sẽ hết hạn vào 20:00 Thứ Bảy, 3 tháng 10, 2026 (sau 1 ngày nữa)." in r.text
    assert r.text.startswith("Đặt lại mật khẩu\n\nKính gửi Quý khách Lan,\n")


def test_float_money_is_a_located_template_error() -> None:
    """A float amount is refused by the formatting layer; the error names the template line."""
    with pytest.raises(TemplateError, match=r"<string>:2: InvalidInputError: .*float") as info:
        TemplateSet().render_string("ok\n{{ x|money('EUR') }}", {"x": 1.5}, locale="en")
    assert info.value.line == 2


# -- module-level render, caching, reload ------------------------------------------------------------
def test_render_with_a_file_path_finds_sibling_locales() -> None:
    """``render(path)`` uses the file's folder and the ``locales/`` folder next to it."""
    clear_caches()
    r = render(TEMPLATES / "password_reset.txt", {"reset_url": "u", "expires_at": NOW + timedelta(hours=5)},
               locale="id", customer={"name": "Budi", "timezone": "Asia/Jakarta"}, now=NOW)
    assert r.text.startswith("Atur ulang kata sandi Anda\n\nYth. Bapak/Ibu Budi,\n")
    assert "Tautan ini berlaku hingga Sabtu, 03 Oktober 2026 01.00 (dalam 5 jam)." in r.text


def test_environments_are_cached_per_locale(ts: TemplateSet) -> None:
    """The same environment object serves repeated renders of a locale; another locale gets its own."""
    assert ts.environment("de") is ts.environment("de")
    assert ts.environment("de") is not ts.environment("fr")


def test_auto_reload_picks_up_catalog_and_template_changes(tmp_path: Path) -> None:
    """With ``auto_reload=True`` an edited .po and template are used on the next render."""
    po = tmp_path / "locales" / "fr" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid "Hi"\nmsgstr "Salut"\n', encoding="utf-8")
    (tmp_path / "t").mkdir()
    tpl = tmp_path / "t" / "a.txt"
    tpl.write_text("{{ _('Hi') }}", encoding="utf-8")
    ts = TemplateSet(tmp_path / "t", catalogs=tmp_path / "locales", auto_reload=True)
    static = TemplateSet(tmp_path / "t", catalogs=tmp_path / "locales")
    assert ts.render("a.txt", locale="fr").text == static.render("a.txt", locale="fr").text == "Salut"
    po.write_text('msgid "Hi"\nmsgstr "Bonjour"\n', encoding="utf-8")
    tpl.write_text("{{ _('Hi') }}!", encoding="utf-8")
    later = time.time() + 5
    os.utime(po, (later, later))
    os.utime(tpl, (later, later))
    assert ts.render("a.txt", locale="fr").text == "Bonjour!"
    assert static.render("a.txt", locale="fr").text == "Salut"  # reload is opt-in


# -- bad input -------------------------------------------------------------------------------------
def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    """A broken tag is reported with its file and line."""
    (tmp_path / "broken.html").write_text("<p>a</p>\n<p>{{ x | }}</p>\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="syntax error") as info:
        TemplateSet(tmp_path).render("broken.html", locale="en")
    assert (info.value.path, info.value.line) == (str(tmp_path / "broken.html"), 2)


def test_undefined_variable_names_file_and_line(ts: TemplateSet) -> None:
    """StrictUndefined: a missing context value is an error at its line, not an empty string."""
    with pytest.raises(TemplateError, match="'order_id' is undefined") as info:
        ts.render("refund.txt", {"amount": "1", "currency": "EUR", "business_days": 1, "items": []},
                  locale="en", customer=Customer("A"))
    assert info.value.path == str(TEMPLATES / "refund.txt")
    assert info.value.line == 4


def test_missing_template_suggests_close_names(ts: TemplateSet) -> None:
    """A typo in the template name lists close matches."""
    with pytest.raises(TemplateError, match=r"template 'refund.htm' not found \(hint: did you mean: refund.html"):
        ts.render("refund.htm", locale="en")


def test_missing_directories_are_errors(tmp_path: Path) -> None:
    """A missing template or catalog folder fails at construction with the path."""
    with pytest.raises(TemplateError, match="template directory not found"):
        TemplateSet(tmp_path / "nope")
    with pytest.raises(CatalogError, match="catalog directory not found"):
        TemplateSet(catalogs=tmp_path / "nope")


def test_malformed_po_fails_with_file_and_line(tmp_path: Path) -> None:
    """An unterminated string in a .po file is a CatalogError at its line, raised on first use."""
    po = tmp_path / "de" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "Hi"\nmsgstr "Hallo\n', encoding="utf-8")
    ts = TemplateSet(catalogs=tmp_path)
    with pytest.raises(CatalogError) as info:
        ts.render_string("{{ _('Hi') }}", locale="de")
    assert (info.value.path, info.value.line) == (str(po), 5)


@pytest.mark.parametrize(
    ("body", "line", "what"),
    [
        ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 4, "duplicate message 'a'"),
        ('msgid "a"\nmsgstr "b\\q"\n', 2, r"invalid escape sequence \\q"),
        ('msgid "a"\n\nmsgid "b"\nmsgstr "c"\n', 1, "missing msgstr for msgid 'a'"),
        ('msgid "a"\nmsgstr "b"\nnonsense\n', 3, "unknown keyword"),
        ('msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n<5 ? 1 : 2);\\n"\n\n'
         'msgid "day"\nmsgid_plural "days"\nmsgstr[0] "x"\nmsgstr[1] "y"\n', 5, "nplurals=3"),
    ],
)
def test_malformed_po_variants(tmp_path: Path, body: str, line: int, what: str) -> None:
    """Each kind of .po damage is a CatalogError naming the line."""
    po = tmp_path / "x.po"
    po.write_text(body, encoding="utf-8")
    with pytest.raises(CatalogError, match=what) as info:
        load_catalog(po)
    assert info.value.line == line


def test_plural_rule_comes_from_the_folder_when_the_header_lacks_it(tmp_path: Path) -> None:
    """A headerless ru catalog still gets Russian (CLDR) plural rules from its folder name."""
    po = tmp_path / "ru" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid "%(num)d day"\nmsgid_plural "%(num)d days"\nmsgstr[0] "%(num)d день"\n'
                  'msgstr[1] "%(num)d дня"\nmsgstr[2] "%(num)d дней"\n', encoding="utf-8")
    ts = TemplateSet(catalogs=tmp_path)
    out = [ts.render_string("{{ ngettext('%(num)d day', '%(num)d days', n) }}", {"n": n}, locale="ru").text
           for n in (1, 3, 5)]
    assert out == ["1 день", "3 дня", "5 дней"]
    with pytest.raises(CatalogError, match="needs a Plural-Forms header") as info:
        load_catalog(po)  # no folder-derived locale: refused with the line of the entry
    assert info.value.line == 1


def test_translation_with_wrong_placeholder_is_a_template_error(tmp_path: Path) -> None:
    """A msgstr using a placeholder its msgid does not pass fails loudly (never a half-filled reply)."""
    po = tmp_path / "fr" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid "Hi %(name)s"\nmsgstr "Salut %(nom)s"\n', encoding="utf-8")
    with pytest.raises(TemplateError, match=r"translation of 'Hi %\(name\)s' does not fit its placeholders"):
        TemplateSet(catalogs=tmp_path).render_string("{{ _('Hi %(name)s', name='A') }}", locale="fr")


def test_bad_locale_is_unknown_locale_error(ts: TemplateSet) -> None:
    """Locales are parsed once at the boundary."""
    with pytest.raises(UnknownLocaleError):
        ts.render("refund.txt", REFUND, locale="xx-YY")


@pytest.mark.parametrize(
    "module",
    ["toneloc.templating", "toneloc.templating._core", "toneloc.templating._bidi", "toneloc.templating._catalogs",
     "toneloc.templating._notices", "toneloc.templating.kb"],
)
def test_docstring_examples_run(module: str) -> None:
    """The examples in the docstrings are correct."""
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0


_CATEGORY_INDEX = {
    "ru": {"one": 0, "few": 1, "many": 2},
    "pl": {"one": 0, "few": 1, "many": 2},
    "ar": {"zero": 0, "one": 1, "two": 2, "few": 3, "many": 4, "other": 5},
    "lv": {"zero": 0, "one": 1, "other": 2},
    "fr": {"one": 0, "many": 1, "other": 2},
}


@given(st.sampled_from(sorted(_CATEGORY_INDEX)), st.integers(min_value=0, max_value=10**7))
def test_property_catalog_plural_rule_agrees_with_cldr(lang: str, n: int) -> None:
    """For any count, the example catalog's Plural-Forms picks the msgstr of the CLDR plural category."""
    import babel

    link = next(x for x in _shared_set().catalog_links(lang) if x.translations is not None)
    category = babel.Locale.parse(lang).plural_form(n)
    assert link.translations.plural(n) == _CATEGORY_INDEX[lang][category]  # type: ignore[union-attr]


@given(st.text(max_size=30))
def test_property_isolate_is_balanced_and_idempotent(text: str) -> None:
    """isolate() adds at most one FSI/PDI pair, never twice, and keeps the text."""
    from toneloc.templating import isolate

    once = isolate(text)
    assert isolate(once) == once
    assert once in (text, f"{FSI}{text}{PDI}")


def test_fill_message_interpolates_like_the_builtin_gettext() -> None:
    """Custom gettext callables (the pipeline's) escape values, isolate them in RTL, and reject bad msgstrs."""
    import jinja2

    from toneloc.templating import fill_message

    def install(env: jinja2.Environment, text: str, rtl: bool) -> None:
        env.globals["_"] = jinja2.pass_context(
            lambda ctx, m, **kw: fill_message(ctx, text, kw, msgid=m, rtl=rtl))

    html = jinja2.Environment(autoescape=True)
    install(html, "<b>مرحبا</b> %(name)s", rtl=True)
    out = html.from_string("{{ _('Hello %(name)s', name=who) }}").render(who="<i>Ali</i>")
    assert out == f"<b>مرحبا</b> {FSI}&lt;i&gt;Ali&lt;/i&gt;{PDI}"
    plain = jinja2.Environment()
    install(plain, "Hallo %(nom)s", rtl=False)
    with pytest.raises(TemplateError, match="does not fit its placeholders"):
        plain.from_string("{{ _('Hello %(name)s', name='Ana') }}").render()


def test_business_deadline_in_a_multi_zone_region_uses_the_customer_zone() -> None:
    """en-CA has no single zone: the team calendar follows the customer's (a template cannot pass tz=)."""
    now = datetime(2026, 10, 2, 13, 0, tzinfo=UTC)  # Friday 09:00 in Toronto, 06:00 in Vancouver
    src = "{{ business_deadline(hours=4) }}"
    toronto = TemplateSet().render_string(src, locale="en-CA", customer=Customer("A", timezone="America/Toronto"),
                                          now=now)
    assert toronto.text == "Friday, October 2, 2026, 1:00\u202fp.m."
    halifax = TemplateSet().render_string(src, locale="en-CA", customer={"name": "B", "timezone": "America/Halifax"},
                                          now=now)
    assert halifax.text == "Friday, October 2, 2026, 2:00\u202fp.m."  # 10:00 + 4 business hours
    with pytest.raises(TemplateError, match=r"business_deadline: 'en-CA' has no reviewed profile .*"
                                            r"hint: set the customer's timezone"):
        TemplateSet().render_string(src, locale="en-CA", customer=Customer("C"), now=now)
