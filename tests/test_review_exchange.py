"""PO and XLIFF 2.0 export/import, on both backends (see test_review_fixtures)."""

from __future__ import annotations

import os
from pathlib import Path
from xml.etree import ElementTree as ET

import polib
import pytest

from test_review_fixtures import *  # noqa: F403  (the backend, clock and store fixtures)
from toneloc.errors import CatalogError, ReviewStateError, UnknownLocaleError
from toneloc.review import Candidate, ItemKey, NewItem, ReviewState, SQLReviewStore
from toneloc.review.exchange import XLIFF_NS, atomic_write, export_po, export_xliff, import_file, read_po

CATALOG = r'''# German translations for the helpdesk.
msgid ""
msgstr ""
"Language: de\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

# Keep it short: shown in the e-mail subject.
#. Subject of the shipping notification.
#: templates/shipped.txt:3 templates/shipped.html:7
#, python-brace-format
msgctxt "email"
msgid "Your order {order_id} has shipped."
msgstr "Ihre Bestellung {order_id} wurde versandt."

#: templates/inbox.txt:1
msgid "You have {n} new message."
msgid_plural "You have {n} new messages."
msgstr[0] "Sie haben {n} neue Nachricht."
msgstr[1] "Sie haben {n} neue Nachrichten."

#, fuzzy
#| msgctxt "chat"
#| msgid "Thanks for waiting."
msgid "Thank you for waiting."
msgstr "Danke fürs Warten."
'''


def seed(store: SQLReviewStore) -> list[int]:
    return store.enqueue([
        NewItem(ItemKey.message("Your order {order_id} has shipped.", msgctxt="email"),
                "Your order {order_id} has shipped.", "de",
                candidates=[Candidate("Ihre Bestellung {order_id} wurde versandt.", engine="argos",
                                      model="translate-en_de", model_version="1.9", score=-0.41)],
                reasons=["low-confidence"], meta={"occurrences": [["templates/shipped.txt", "3"]],
                                                   "flags": ["python-brace-format"]}),
        NewItem(ItemKey.template_key("emails/welcome.html", "greeting"), "Hello {name}!", "de",
                candidates=[Candidate("Hallo {name}!", engine="argos", tone_rules=("de.du",))],
                reasons=["register"]),
    ], who="bot")


def test_po_export_marks_state_and_provenance(store: SQLReviewStore, tmp_path: Path) -> None:
    """Approved -> translated entry; others fuzzy with provenance and the previous msgid ``#|``."""
    a, _b = seed(store)
    store.approve(a, reviewer="ana")
    store.update_source(ItemKey.template_key("emails/welcome.html", "greeting"), source="Hi {name}!", who="ci")
    out = tmp_path / "de.po"
    assert export_po(store, out, locale="de") == 2
    po = polib.pofile(str(out))
    assert po.metadata["Language"] == "de"
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    shipped = po.find("Your order {order_id} has shipped.", msgctxt="email")
    assert shipped is not None
    assert not shipped.fuzzy
    assert shipped.msgstr == "Ihre Bestellung {order_id} wurde versandt."
    assert shipped.occurrences == [("templates/shipped.txt", "3")]
    assert shipped.flags == ["python-brace-format"]
    assert f"toneloc: id={a} state=approved reviewer=ana engine=argos model=translate-en_de 1.9 score=-0.41 " \
           "reasons=low-confidence" in shipped.comment
    hi = po.find("Hi {name}!", msgctxt="emails/welcome.html#greeting")
    assert hi is not None
    assert hi.fuzzy
    assert hi.previous_msgid == "Hello {name}!"
    assert hi.msgstr == "Hallo {name}!"
    assert "#| msgid \"Hello {name}!\"" in out.read_text()


def test_po_round_trip_keeps_every_field(store: SQLReviewStore, tmp_path: Path) -> None:
    """Importing a catalog then exporting it keeps comments, references, flags, context, plurals, ``#|``."""
    src = tmp_path / "in.po"
    src.write_text(CATALOG, encoding="utf-8")
    summary = import_file(store, src, reviewer="ana")
    assert summary.created == 3
    assert {i.state for i in store.list(locale="de")} == {ReviewState.APPROVED, ReviewState.NEEDS_REVIEW}
    out = tmp_path / "out.po"
    export_po(store, out, locale="de")
    before, after = polib.pofile(str(src)), polib.pofile(str(out))
    for e in before:
        got = after.find(e.msgid, msgctxt=e.msgctxt)
        assert got is not None, e.msgid
        assert (got.msgstr, got.msgid_plural, got.msgstr_plural) == (e.msgstr, e.msgid_plural, e.msgstr_plural)
        assert (got.occurrences, got.flags, got.tcomment, got.previous_msgid, got.previous_msgctxt) == (
            e.occurrences, e.flags, e.tcomment, e.previous_msgid, e.previous_msgctxt)
        assert got.comment.splitlines()[: len(e.comment.splitlines())] == e.comment.splitlines()
    plural = store.list(locale="de", states=[ReviewState.APPROVED])
    assert any(i.translation_plural == ("Sie haben {n} neue Nachricht.", "Sie haben {n} neue Nachrichten.")
               for i in plural)


def test_po_import_brings_reviews_back(store: SQLReviewStore, tmp_path: Path) -> None:
    """A translator un-fuzzies and edits an entry: importing approves it with the edited text."""
    a, b = seed(store)
    out = tmp_path / "de.po"
    export_po(store, out, locale="de")
    po = polib.pofile(str(out))
    entry = po.find("Hello {name}!", msgctxt="emails/welcome.html#greeting")
    assert entry is not None
    entry.flags.remove("fuzzy")
    entry.msgstr = "Guten Tag {name}!"
    entry.tcomment = "formal register for customers"
    po.save(str(out))
    summary = import_file(store, out, reviewer="translator-1")
    assert summary.to_dict() == {"approved": 1, "revised": 0, "requeued": 0, "created": 0, "unchanged": 1}
    got = store.get(b)
    assert (got.state, got.translation, got.reviewer) == (ReviewState.APPROVED, "Guten Tag {name}!", "translator-1")
    assert [c.text for c in got.comments] == ["formal register for customers"]
    assert store.get(a).state is ReviewState.NEEDS_REVIEW
    assert import_file(store, out, reviewer="translator-1").to_dict()["unchanged"] == 2  # idempotent


def test_xliff_export_has_namespaces_and_states(store: SQLReviewStore, tmp_path: Path) -> None:
    """XLIFF 2.0: the OASIS namespace, srcLang/trgLang, ``final`` for approved, ``translated`` otherwise."""
    a, b = seed(store)
    store.approve(a, reviewer="ana")
    out = tmp_path / "de.xlf"
    assert export_xliff(store, out, locale="de") == 2
    root = ET.parse(out).getroot()
    ns = {"x": XLIFF_NS}
    assert root.tag == f"{{{XLIFF_NS}}}xliff"
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.0", "en", "de")
    segs = {u.get("id"): u.find("x:segment", ns) for u in root.iterfind(".//x:unit", ns)}
    assert segs[f"u{a}"].get("state") == "final"  # type: ignore[union-attr]
    assert segs[f"u{b}"].get("state") == "translated"  # type: ignore[union-attr]
    assert segs[f"u{b}"].get("subState") == "toneloc:needs-review"  # type: ignore[union-attr]
    assert segs[f"u{b}"].findtext("x:target", namespaces=ns) == "Hallo {name}!"  # type: ignore[union-attr]


def test_xliff_item_without_candidate_is_initial(store: SQLReviewStore, tmp_path: Path) -> None:
    """Waiting for review with nothing to review yet: ``initial``, no ``<target>``; a CAT tool fills it in."""
    (c,) = store.enqueue([NewItem(ItemKey.message("Your parcel is late."), "Your parcel is late.", "de",
                                  reasons=["no translation memory match and no MT engine configured"])], who="bot")
    assert store.get(c).state is ReviewState.NEEDS_REVIEW
    out = tmp_path / "de.xlf"
    assert export_xliff(store, out, locale="de") == 1
    ns = {"x": XLIFF_NS}
    tree = ET.parse(out)
    seg = tree.getroot().find(f".//x:unit[@id='u{c}']/x:segment", ns)
    assert seg is not None
    assert (seg.get("state"), seg.get("subState")) == ("initial", "toneloc:needs-review")
    assert seg.find("x:target", ns) is None
    seg.set("state", "final")
    ET.SubElement(seg, f"{{{XLIFF_NS}}}target").text = "Ihr Paket verspätet sich."
    tree.write(out, encoding="utf-8", xml_declaration=True)
    assert import_file(store, out, reviewer="cat-tool").approved == 1
    assert store.get(c).translation == "Ihr Paket verspätet sich."


def test_xliff_round_trip_approves_reviewed_units(store: SQLReviewStore, tmp_path: Path) -> None:
    """A CAT tool sets a unit to ``final`` with a new target: import approves it."""
    _a, b = seed(store)
    out = tmp_path / "de.xliff"
    export_xliff(store, out, locale="de")
    tree = ET.parse(out)
    ns = {"x": XLIFF_NS}
    seg = tree.getroot().find(f".//x:unit[@id='u{b}']/x:segment", ns)
    assert seg is not None
    seg.set("state", "final")
    target = seg.find("x:target", ns)
    assert target is not None
    target.text = "Guten Tag {name}!"
    tree.write(out, encoding="utf-8", xml_declaration=True)
    summary = import_file(store, out, reviewer="cat-tool")
    assert summary.approved == 1
    assert store.get(b).translation == "Guten Tag {name}!"


@pytest.mark.parametrize(
    ("name", "content", "line", "message"),
    [
        ("bad.po", 'msgid ""\nmsgstr ""\n"Language: de\\n"\n\nmsgid "a"\nmsgstr "b"\nthis is not po\n', 7,
         "malformed PO file"),
        ("bad.po", 'msgid ""\nmsgstr ""\n"Language: de\\n"\n\nmsgid "a\nmsgstr "b"\n', 5, "malformed PO file"),
        ("bad.po", "", 1, "empty file"),
        ("bad.xlf", '<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"\n'
                    ' srcLang="en" trgLang="de">\n<file id="f"><unit id="u1"><segment>\n'
                    "<source>a</source></segment>\n</file></xliff>\n", 6, "malformed XLIFF"),
        ("bad.xlf", '<?xml version="1.0"?>\n<xliff version="1.2" srcLang="en" trgLang="de"/>\n', 1,
         "not an XLIFF 2.0 document"),
        ("bad.xlf", '<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"\n'
                    ' srcLang="en" trgLang="de">\n<file id="f">\n  <unit id="u1"><segment><target>x</target>'
                    "</segment></unit>\n</file></xliff>\n", 5, "has no <source>"),
    ],
)
def test_malformed_files_name_the_line_and_write_nothing(
    store: SQLReviewStore, tmp_path: Path, name: str, content: str, line: int, message: str
) -> None:
    """Malformed ``.po``/XLIFF: CatalogError with file:line; the store is untouched."""
    seed(store)
    before = store.stats()
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CatalogError, match=message) as err:
        import_file(store, path, reviewer="ana", locale="de")
    assert err.value.line == line
    assert err.value.path == str(path)
    assert store.stats() == before


def test_import_conflict_rolls_back_the_whole_file(store: SQLReviewStore, tmp_path: Path) -> None:
    """One entry whose source changed since export aborts the import: nothing of the file is applied."""
    a, _b = seed(store)
    out = tmp_path / "de.po"
    export_po(store, out, locale="de")
    po = polib.pofile(str(out))
    for e in po:
        e.flags = [f for f in e.flags if f != "fuzzy"]
    po.save(str(out))
    store.update_source(ItemKey.template_key("emails/welcome.html", "greeting"), source="Hi {name}!", who="ci")
    with pytest.raises(ReviewStateError, match="source differs") as err:
        import_file(store, out, reviewer="ana")
    assert err.value.line is not None
    assert err.value.path == str(out)
    assert store.get(a).state is ReviewState.NEEDS_REVIEW  # the first entry was not approved either


def test_locale_mismatch_and_unknown_locale(store: SQLReviewStore, tmp_path: Path) -> None:
    """A file for another locale, or an unknown locale, is refused before anything is written."""
    path = tmp_path / "fr.po"
    path.write_text(CATALOG.replace("Language: de", "Language: fr"), encoding="utf-8")
    with pytest.raises(CatalogError, match="locale fr, not de"):
        import_file(store, path, reviewer="ana", locale="de")
    path.write_text(CATALOG.replace("Language: de", "Language: xx_QQ"), encoding="utf-8")
    with pytest.raises(CatalogError, match="unknown locale 'xx_QQ'"):
        read_po(path)
    with pytest.raises(UnknownLocaleError):
        export_po(store, tmp_path / "x.po", locale="zz-ZZ")
    assert store.stats() == {}


def test_atomic_write_leaves_old_file_when_interrupted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the rename never happens (crash), the old file is intact and no temp file is left."""
    target = tmp_path / "de.po"
    target.write_text("old content")

    def boom(src: str, dst: str) -> None:
        raise OSError("disk pulled")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk pulled"):
        atomic_write(target, b"new content")
    assert target.read_text() == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["de.po"]


def _unfuzzy(path: Path, edits: dict[str, str]) -> None:
    po = polib.pofile(str(path))
    for e in po:
        e.flags = [f for f in e.flags if f != "fuzzy"]
        e.msgstr = edits.get(e.msgid, e.msgstr)
    po.save(str(path))


def test_po_review_of_stale_and_rejected_items_is_a_fresh_look(store: SQLReviewStore, tmp_path: Path) -> None:
    """A translator reviews a stale item (``#|`` shows the old source) and a rejected one in the file: both are
    reopened and approved, and the history shows each step."""
    a, b = seed(store)
    store.approve(a, reviewer="ana")
    store.update_source(ItemKey.message("Your order {order_id} has shipped.", msgctxt="email"),
                        source="Your order {order_id} is on its way.", who="ci")
    store.reject(b, reviewer="ana", note="du instead of Sie")
    out = tmp_path / "de.po"
    export_po(store, out, locale="de")
    _unfuzzy(out, {"Your order {order_id} is on its way.": "Ihre Bestellung {order_id} ist unterwegs.",
                   "Hello {name}!": "Guten Tag {name}!"})
    assert import_file(store, out, reviewer="tr").approved == 2
    stale, rejected = store.get(a), store.get(b)
    assert (stale.state, stale.translation, stale.reviewer) == (
        ReviewState.APPROVED, "Ihre Bestellung {order_id} ist unterwegs.", "tr")
    assert [h.action for h in stale.history][-2:] == ["import-reopen", "import-approve"]
    assert (stale.history[-2].before["state"], stale.history[-2].after["state"]) == ("stale", "needs-review")
    assert (rejected.state, rejected.translation) == (ReviewState.APPROVED, "Guten Tag {name}!")


def test_export_masks_personal_data_and_imports_back(store: SQLReviewStore, tmp_path: Path) -> None:
    """A reviewer without the right gets masks in the file; their reviewed file restores the real values."""
    [iid] = store.enqueue([NewItem(ItemKey.kb("ticket-9", "p1"), "Write to ana@example.org or call +49 30 1234567.",
                                   "de", candidates=[Candidate("Schreib an ana@example.org.")],
                                   customer_id="c-9")], who="bot")
    po_path, xlf_path = tmp_path / "de.po", tmp_path / "de.xlf"
    export_po(store, po_path, locale="de", viewer="ben")
    export_xliff(store, xlf_path, locale="de", viewer="ben")
    for path in (po_path, xlf_path):
        assert "ana@example.org" not in path.read_text()
        assert "1234567" not in path.read_text()
    po = polib.pofile(str(po_path))
    assert po.metadata["X-Toneloc-Masked"] == "personal data masked for ben"
    assert po[0].msgid == "Write to [EMAIL-1] or call [PHONE-1]."
    _unfuzzy(po_path, {po[0].msgid: "Schreiben Sie an [EMAIL-1] oder rufen Sie [PHONE-1] an."})
    assert import_file(store, po_path, reviewer="ben").approved == 1
    assert store.get(iid).translation == "Schreiben Sie an ana@example.org oder rufen Sie +49 30 1234567 an."
    store.grant("dpo")
    export_po(store, po_path, locale="de", viewer="dpo")
    assert "ana@example.org" in po_path.read_text()
