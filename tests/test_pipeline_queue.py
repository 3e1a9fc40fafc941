"""What the pipeline puts in the review queue: plural entries per target form, reason codes, the
persistent default store, and the greeting of a customer without a name.

Every test runs on the example helpdesk (its catalogs copied to a temporary folder when a language
must be missing) with ``translator="none"`` or a dictionary MT double; stores live in ``tmp_path``.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import pexpect
import polib
import pytest

pytest.importorskip("jinja2")

from toneloc.cli import main
from toneloc.errors import InvalidInputError
from toneloc.pipeline import Pipeline, PipelineConfig
from toneloc.review import Candidate, ItemKey, NewItem, open_store
from toneloc.review.exchange import export_po
from toneloc.translate import Hypothesis

ROOT = Path(__file__).resolve().parents[1]
HELPDESK = ROOT / "examples" / "helpdesk"
NOW = datetime(2026, 10, 2, 7, 30, tzinfo=UTC)
SINGULAR = "We are sorry: your order is %(num)d day late."
PLURAL = "We are sorry: your order is %(num)d days late."
RU = "Приносим извинения: ваш заказ задерживается на %(num)d "  # + день. / дня. / дней.


@pytest.fixture(autouse=True)
def _no_user_store(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TONELOC_REVIEW_DB", raising=False)  # never the developer's own queue


def catalogs_without(tmp_path: Path, *langs: str) -> Path:
    """A copy of the example catalogs without *langs* (so their strings go through TM / MT / a translator)."""
    dst = tmp_path / "locales"
    shutil.copytree(HELPDESK / "locales", dst, ignore=shutil.ignore_patterns(*langs))
    return dst


def delayed(days: int) -> dict[str, object]:
    return {"order_id": "A-1043", "new_date": date(2026, 10, 9), "ship_date": date(2026, 10, 1),
            "days_late": days, "reply_within_hours": 8}


def pipe(tmp_path: Path, *, drop: Sequence[str] = ("ru", "ja"), engine: object = None) -> Pipeline:
    cfg = PipelineConfig(templates=(HELPDESK / "templates",), catalogs=catalogs_without(tmp_path, *drop),
                         locales=("en-US", "ru-RU", "ja-JP", "de-DE"), translator="none",
                         review_store=str(tmp_path / "review.db"))
    return Pipeline(cfg, engine=engine)  # type: ignore[arg-type]


def late_line(text: str) -> str:
    [line] = [ln for ln in text.splitlines() if "%(num)" not in ln and ("задерж" in ln or "遅れ" in ln
                                                                      or "sorry" in ln)]
    return line


class Dictionary:
    """An MT double: masked source -> (target, score); unknown texts come back unchanged."""

    name = "dictionary"

    def __init__(self, table: dict[str, tuple[str, float]], pairs: Sequence[tuple[str, str]]) -> None:
        self.table = table
        self.pairs = set(pairs)

    def supports(self, source: str, target: str) -> bool:
        return (source, target) in self.pairs

    def model_version(self, source: str, target: str) -> str:
        return "dict-1"

    def hypotheses(self, texts: Sequence[str], *, source: str, target: str, n: int = 4) -> list[list[Hypothesis]]:
        return [[Hypothesis(*self.table.get(t, (t, -0.2)))] for t in texts]


# -- 1. plural messages: one review entry with every form of the TARGET language -------------------
def test_russian_plural_is_queued_as_one_entry_and_served_per_form(tmp_path: Path) -> None:
    p = pipe(tmp_path)
    first = p.reply(template="delayed_shipment", context=delayed(2), customer={"name": "Ива"}, locale="ru-RU",
                    now=NOW)
    seg = next(s for s in first.segments if s.msgid_plural is not None)
    assert (seg.n, seg.plural_index, seg.plural_category) == (2, 1, "few")
    assert seg.reason_codes == ("untranslated", "plural")
    item = p.store.get(seg.review_item_id)  # type: ignore[arg-type]
    assert item.key == ItemKey.message(SINGULAR, msgid_plural=PLURAL)
    assert item.source == SINGULAR
    assert item.reasons[:2] == ("untranslated", "plural")
    assert item.meta["plural"] == {"n": 2, "form": 1, "category": "few",
                                   "locale_forms": "one (1, 21, 31, 41...); few (2, 3, 4, 22...); many (0, 5, 6, 7...)"}
    # one text for every count is refused: that is how "5 дня" got sent
    with pytest.raises(InvalidInputError, match=r"ru-RU needs 3 plural form\(s\) \[one .*got 1"):
        p.store.approve(item.id, reviewer="olga", text=RU + "дня.")
    p.store.approve(item.id, reviewer="olga", plural=[RU + "день.", RU + "дня.", RU + "дней."])
    got = {}
    for n in (1, 2, 5, 11, 21, 22, 25, 101):
        r = p.reply(template="delayed_shipment", context=delayed(n), customer={"name": "Ива"}, locale="ru-RU",
                    now=NOW)
        s = next(s for s in r.segments if s.msgid_plural is not None)
        assert (s.origin, s.engine, s.needs_review) == ("memory", "review", False)
        got[n] = late_line(r.text)
    assert got == {1: RU.replace("%(num)d", "1") + "день.", 2: RU.replace("%(num)d", "2") + "дня.",
                   5: RU.replace("%(num)d", "5") + "дней.", 11: RU.replace("%(num)d", "11") + "дней.",
                   21: RU.replace("%(num)d", "21") + "день.", 22: RU.replace("%(num)d", "22") + "дня.",
                   25: RU.replace("%(num)d", "25") + "дней.", 101: RU.replace("%(num)d", "101") + "день."}
    # the flat translation memory never sees the plural entry; the .po export has every form
    assert [pr.source for pr in p.store.approved_pairs(locale="ru-RU")] == []
    n = export_po(p.store, tmp_path / "ru.po", locale="ru-RU", states=None)
    assert n >= 1
    entry = polib.pofile(str(tmp_path / "ru.po")).find(SINGULAR)
    assert entry is not None
    assert (entry.msgid_plural, entry.fuzzy) == (PLURAL, False)
    assert entry.msgstr_plural == {0: RU + "день.", 1: RU + "дня.", 2: RU + "дней."}
    p.close()


def test_a_second_count_in_another_form_queues_the_same_entry(tmp_path: Path) -> None:
    p = pipe(tmp_path)
    a = p.reply(template="delayed_shipment", context=delayed(2), customer={"name": "Ива"}, locale="ru-RU", now=NOW)
    b = p.reply(template="delayed_shipment", context=delayed(5), customer={"name": "Ива"}, locale="ru-RU", now=NOW)
    sa = next(s for s in a.segments if s.msgid_plural)
    sb = next(s for s in b.segments if s.msgid_plural)
    assert (sa.plural_category, sb.plural_category) == ("few", "many")
    assert sa.review_item_id == sb.review_item_id
    p.close()


def test_japanese_plural_has_one_form(tmp_path: Path) -> None:
    """ja has a single form: one approved text is right for every count, and approving it alone works."""
    p = pipe(tmp_path)
    r = p.reply(template="delayed_shipment", context=delayed(3), customer={"name": "佐藤"}, locale="ja-JP", now=NOW)
    seg = next(s for s in r.segments if s.msgid_plural)
    assert (seg.plural_index, seg.plural_category) == (0, "other")
    ja = "ご注文が%(num)d日遅れており、申し訳ございません。"
    item = p.store.approve(seg.review_item_id, reviewer="yuki", text=ja)  # type: ignore[arg-type]
    assert item.translation_plural == (ja,)
    for n in (1, 5):
        r = p.reply(template="delayed_shipment", context=delayed(n), customer={"name": "佐藤"}, locale="ja-JP",
                    now=NOW)
        assert f"ご注文が{n}日遅れており、申し訳ございません。" in r.text
    p.close()


def test_machine_translated_plural_needs_review_where_forms_split(tmp_path: Path) -> None:
    """MT of "days" cannot know whether Russian wants дня or дней: queued with a candidate per form.
    German maps English one/other to its own one/other: the same MT is trusted."""
    masked_one, masked_other = SINGULAR.replace("%(num)d", "ZQ0Z"), PLURAL.replace("%(num)d", "ZQ0Z")
    eng = Dictionary({masked_one: ("Приносим извинения: ваш заказ задерживается на ZQ0Z день.", -0.2),
                      masked_other: ("Приносим извинения: ваш заказ задерживается на ZQ0Z дней.", -0.2)},
                     [("en", "ru-RU")])
    p = pipe(tmp_path, engine=eng)
    r = p.reply(template="delayed_shipment", context=delayed(3), customer={"name": "Ива"}, locale="ru-RU", now=NOW)
    seg = next(s for s in r.segments if s.msgid_plural)
    assert seg.origin == "machine"
    assert seg.needs_review
    assert "plural" in seg.reason_codes
    item = p.store.get(seg.review_item_id)  # type: ignore[arg-type]
    assert item.candidates[0].plural_forms == (RU + "день.", RU + "дней.", RU + "дней.")
    p.close()
    de_eng = Dictionary({masked_one: ("Es tut uns leid: Ihre Bestellung ist ZQ0Z Tag verspätet.", -0.2),
                         masked_other: ("Es tut uns leid: Ihre Bestellung ist ZQ0Z Tage verspätet.", -0.2)},
                        [("en", "de-DE")])
    q = pipe(tmp_path / "de", drop=("de",), engine=de_eng)
    r = q.reply(template="delayed_shipment", context=delayed(3), customer={"name": "Eva"}, locale="de-DE", now=NOW)
    seg = next(s for s in r.segments if s.msgid_plural)
    assert (seg.origin, seg.needs_review, seg.reason_codes) == ("machine", False, ())
    assert "Es tut uns leid: Ihre Bestellung ist 3 Tage verspätet." in r.text
    q.close()


# -- 3. reason codes: the documented filter matches what the pipeline stores ---------------------------
def _flagged_store(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    root = tmp_path / "tpl"
    root.mkdir()
    (root / "ship.txt").write_text('{{ _("Your order %(order)s has shipped.", order=order_id) }}\n'
                                   '{{ _("Thank you for your patience.") }}\n{{ _("Have a nice day.") }}\n',
                                   encoding="utf-8")
    eng = Dictionary({"Your order ZQ0Z has shipped.": ("Ihre Bestellung wurde versandt.", -0.2),  # token lost
                      "Thank you for your patience.": ("Danke für Ihre Geduld.", -3.0),  # unsure model
                      "Have a nice day.": ("Einen schönen Tag noch.", -0.2)}, [("en", "de-DE")])
    db = tmp_path / "review.db"
    p = Pipeline(PipelineConfig(templates=(root,), locales=("en-US", "de-DE"), review_store=str(db),
                                check_output_language=False), engine=eng)  # type: ignore[arg-type]
    r = p.reply(template="ship", context={"order_id": "A-7"}, locale="de-DE")
    p.close()
    ids = {s.source: s.review_item_id for s in r.segments if s.review_item_id is not None}
    assert set(ids) == {"Your order %(order)s has shipped.", "Thank you for your patience."}
    return db, {k: int(v) for k, v in ids.items()}


def test_reason_codes_filter_as_documented(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, ids = _flagged_store(tmp_path)
    placeholder, unsure = ids["Your order %(order)s has shipped."], ids["Thank you for your patience."]
    with open_store(db) as s:
        assert s.get(placeholder).reasons[0] == "placeholder"
        assert s.get(unsure).reasons[0] == "low-confidence"
    for wanted, expect in (("placeholder,low-confidence", [placeholder, unsure]), ("placeholder", [placeholder]),
                           ("low-confidence", [unsure]), ("unscored", [])):
        assert main(["review", "list", "--db", str(db), "--locale", "de", "--reason", wanted, "--json"]) == 0
        out = json.loads(capsys.readouterr().out)
        assert [i["id"] for i in out] == expect, wanted
    with pytest.raises(SystemExit) as exc:
        main(["review", "list", "--db", str(db), "--reason", "placeholders"])
    assert exc.value.code == 2
    assert "did you mean placeholder" in capsys.readouterr().err


def test_review_next_with_the_documented_reason_filter(tmp_path: Path) -> None:
    """docs/review.md: ``toneloc review next --locale de --reason placeholder,low-confidence``."""
    db, _ = _flagged_store(tmp_path)
    env = {**os.environ, "TONELOC_REVIEW_DB": str(db), "TERM": "dumb", "COLUMNS": "80"}
    env.pop("EDITOR", None)
    env.pop("VISUAL", None)
    child = pexpect.spawn(sys.executable, ["-m", "toneloc", "review", "next", "--locale", "de", "--reviewer", "ana",
                                           "--reason", "placeholder,low-confidence"], env=env, encoding="utf-8",
                          timeout=20, dimensions=(40, 80))
    child.expect("Your order %\\(order\\)s has shipped.")
    child.expect("placeholder")
    child.expect("> ")
    child.sendline("s")
    child.expect("Thank you for your patience.")
    child.expect("low-confidence")
    child.expect("> ")
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_store_derives_codes_from_failed_candidate_checks() -> None:
    """Items routed by toneloc.translate carry free-text reasons and check results: the codes are added."""
    with open_store(":memory:") as s:
        [i] = s.enqueue([NewItem(ItemKey.message("Hi"), "Hi", "de", candidates=[
            Candidate("Hallo", engine="x", checks={"placeholders": "ok", "scored": "failed"})],
            reasons=["unscored: the engine gives no confidence score"])], who="t")
        [j] = s.enqueue([NewItem(ItemKey.message("Bye"), "Bye", "de", candidates=[
            Candidate("Tschüss", engine="x", checks={"logprob": "failed", "length": "failed"})],
            reasons=["low model confidence: log-prob -3.00 < -1.00"])], who="t")
        assert s.get(i).reasons == ("unscored: the engine gives no confidence score",)
        assert s.get(j).reasons == ("low-confidence", "length", "low model confidence: log-prob -3.00 < -1.00")
        assert [x.id for x in s.list(reasons=["unscored"])] == [i]
        assert [x.id for x in s.list(reasons=["length", "unscored"])] == [i, j]


# -- 4. the default store is the one `toneloc review` reads -------------------------------------------
def test_default_store_is_persistent_and_shared_with_review_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "team.db"
    monkeypatch.setenv("TONELOC_REVIEW_DB", str(db))
    assert PipelineConfig().review_store is None
    with Pipeline(PipelineConfig(templates=(HELPDESK / "templates",), catalogs=catalogs_without(tmp_path, "ru"),
                                 locales=("en-US", "ru-RU"), translator="none")) as p:
        r = p.reply(template="refund", context={"order_id": "A-1", "amount": "5", "currency": "EUR", "items": [],
                                                "business_days": 2}, locale="ru-RU", now=NOW)
        assert r.review_item_ids
    assert db.is_file()
    assert main(["review", "list", "--locale", "ru-RU", "--json"]) == 0  # no --db: the same default
    listed = [i["id"] for i in json.loads(capsys.readouterr().out)]
    assert listed == sorted(r.review_item_ids)


# -- 2. a customer without a name gets a greeting without one -----------------------------------------
NAMELESS = {"ar": "مرحبًا،", "de": "Guten Tag,", "es": "Estimado/a cliente:", "fr": "Bonjour,",
            "id": "Yth. Bapak/Ibu,", "ja": "お客様", "lv": "Labdien!", "pl": "Dzień dobry!",
            "pt-BR": "Prezado(a) cliente,", "ru": "Здравствуйте!", "vi": "Kính gửi Quý khách,", "en": "Hello,"}


@pytest.mark.parametrize("lang", sorted(NAMELESS))
def test_nameless_greeting_in_every_shipped_language(tmp_path: Path, lang: str) -> None:
    p = Pipeline(PipelineConfig(templates=(HELPDESK / "templates",), catalogs=HELPDESK / "locales",
                                translator="none", review_store=":memory:"))
    ctx = {"order_id": "A-1042", "amount": "12.50", "currency": "EUR", "items": [], "business_days": 3}
    for customer in (None, {}, {"name": ""}, {"locale": "vi-VN"}):
        r = p.reply(template="refund", context=ctx, customer=customer, locale=lang, now=NOW)
        assert r.text.splitlines()[0] == NAMELESS[lang], customer
        assert r.sendable
        for text in (r.text, r.html):
            assert not [p for p in (" ,", " ،", " :", " !") if p in text]
    named = p.reply(template="refund", context=ctx, customer={"name": "Lan"}, locale=lang, now=NOW)
    assert "Lan" in named.text.splitlines()[0]


def test_reply_cli_without_a_customer_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ctx = tmp_path / "c.json"
    ctx.write_text('{"order_id":"A-1042","amount":"12.50","currency":"EUR","items":[],"business_days":3}',
                   encoding="utf-8")
    assert main(["reply", "--template", "refund", "--message", "Tôi chưa nhận được hàng", "--context", str(ctx),
                 "--db", str(tmp_path / "r.db")]) == 0
    out = capsys.readouterr().out
    assert "\nKính gửi Quý khách,\n\nChúng tôi đã hoàn lại 12,50\u00a0€ cho đơn hàng A-1042" in out
    assert "status: SEND NOW" in out


def test_plural_entry_round_trips_through_a_po_file(tmp_path: Path) -> None:
    """Export -> a translator fills msgstr[0..2] in Poedit -> import: the replies use the imported forms;
    an entry with a form left empty comes back as a candidate and approves nothing."""
    from toneloc.review.exchange import import_file

    p = pipe(tmp_path)
    p.reply(template="delayed_shipment", context=delayed(5), customer={"name": "Ива"}, locale="ru-RU", now=NOW)
    po_path = tmp_path / "ru.po"
    export_po(p.store, po_path, locale="ru-RU")
    po = polib.pofile(str(po_path))
    entry = po.find(SINGULAR)
    assert entry is not None
    assert (entry.msgid_plural, entry.fuzzy) == (PLURAL, True)
    assert entry.msgstr_plural == {0: "", 1: "", 2: ""}
    entry.msgstr_plural = {0: RU + "день.", 1: RU + "дня.", 2: ""}
    entry.flags.remove("fuzzy")
    po.save(str(po_path))
    assert import_file(p.store, po_path, reviewer="olga").requeued == 1  # incomplete: a candidate, not approved
    [item] = [i for i in p.store.list(locale="ru-RU") if i.key.msgid_plural]
    assert (item.state.value, item.candidates[0].plural_forms) == ("needs-review", (RU + "день.", RU + "дня.", ""))
    r = p.reply(template="delayed_shipment", context=delayed(5), customer={"name": "Ива"}, locale="ru-RU", now=NOW)
    assert not r.sendable
    assert PLURAL.replace("%(num)d", "5") in r.text
    entry.msgstr_plural = {0: RU + "день.", 1: RU + "дня.", 2: RU + "дней."}
    po.save(str(po_path))
    import_file(p.store, po_path, reviewer="olga")
    r = p.reply(template="delayed_shipment", context=delayed(25), customer={"name": "Ива"}, locale="ru-RU", now=NOW)
    assert RU.replace("%(num)d", "25") + "дней." in r.text
    p.close()


def test_review_approve_cli_takes_every_plural_form(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = pipe(tmp_path)
    r = p.reply(template="delayed_shipment", context=delayed(2), customer={"name": "Ива"}, locale="ru-RU", now=NOW)
    iid = str(next(s.review_item_id for s in r.segments if s.msgid_plural))
    db = str(tmp_path / "review.db")
    base = ["review", "approve", iid, "--db", db, "--reviewer", "olga"]
    assert main([*base, "--text", RU + "дня."]) == 2
    assert "ru-RU needs 3 plural form(s) [one (1, 21, 31, 41...); few (2, 3, 4, 22...)" in capsys.readouterr().err
    assert main([*base, "--plural", RU + "день.", "--plural", RU + "%(days)d дня.", "--plural", RU + "дней."]) == 2
    assert "placeholder-extra: not in the source: %(days)d" in capsys.readouterr().err
    assert main([*base, "--plural", RU + "день.", "--plural", RU + "дня.", "--plural", RU + "дней.", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["translation_plural"] == [RU + "день.", RU + "дня.", RU + "дней."]
    again = p.reply(template="delayed_shipment", context=delayed(21), customer={"name": "Ива"}, locale="ru-RU",
                    now=NOW)
    assert RU.replace("%(num)d", "21") + "день." in again.text
    p.close()


# -- plural segments reused within one reply: machine text only for the same source form ----------
DAYS_LEFT = ("{{ ngettext('One day left.', '%(num)s days left.', {a}) }} | "
             "{{ ngettext('One day left.', '%(num)s days left.', {b}) }}\n")


def days_left_pipe(tmp_path: Path, tag: str, a: int, b: int) -> Pipeline:
    (tmp_path / "t").mkdir(exist_ok=True)
    (tmp_path / "t" / "left.txt").write_text(DAYS_LEFT.replace("{a}", str(a)).replace("{b}", str(b)),
                                             encoding="utf-8")
    return Pipeline(PipelineConfig(templates=(tmp_path / "t",), locales=("en-US", tag), translator="pseudo",
                                   review_store=str(tmp_path / "review.db")))


@pytest.mark.parametrize(("tag", "a", "b", "expected"), [
    # ja has one target form: n=5 used to reuse the text machine-translated from "One day left."
    ("ja-JP", 1, 5, "⟦Öñé ðåý léfþ.⟧ | ⟦5 ðåýš léfþ.⟧"),
    # fr puts 0 and 1 in the same target form ("one"), but English uses different source forms
    ("fr-FR", 0, 1, "⟦0 ðåýš léfþ.⟧ | ⟦Öñé ðåý léfþ.⟧"),
])
def test_machine_plural_text_is_not_reused_across_source_forms(tmp_path: Path, tag: str, a: int, b: int,
                                                               expected: str) -> None:
    p = days_left_pipe(tmp_path, tag, a, b)
    r = p.reply(template="left", locale=tag)
    assert r.text == expected + "\n"
    assert [(s.n, s.plural_index) for s in r.segments] == [(a, 0), (b, 0)]
    assert len({s.review_item_id for s in r.segments}) == 1  # still one gettext entry in the queue
    p.close()


def test_approved_plural_form_is_shared_by_every_count_of_its_target_form(tmp_path: Path) -> None:
    p = days_left_pipe(tmp_path, "ja-JP", 1, 5)
    first = p.reply(template="left", locale="ja-JP")
    p.store.approve(first.segments[0].review_item_id, reviewer="aki",  # type: ignore[arg-type]
                    text="残り%(num)s日です。")
    r = p.reply(template="left", locale="ja-JP")
    assert r.text == "残り1日です。 | 残り5日です。\n"
    assert [(s.engine, s.n) for s in r.segments] == [("review", 1)]  # one segment serves both counts
    p.close()
