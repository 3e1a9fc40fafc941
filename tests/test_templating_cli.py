"""Translator tooling (extract, catalog init/update/compile), the example catalogs, and the CLI commands."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural

from toneloc.cli import main
from toneloc.templating import (
    compile_catalogs,
    extract_messages,
    init_catalog,
    load_catalog,
    load_translations,
    update_catalogs,
    write_catalog,
)

HELPDESK = Path(__file__).resolve().parents[1] / "examples" / "helpdesk"
EXAMPLE_LOCALES = ("ar", "de", "es", "fr", "id", "ja", "lv", "pl", "pt_BR", "ru", "vi")


def _ids(catalog: object) -> set[object]:
    return {(m.context, m.id) for m in catalog if m.id}  # type: ignore[attr-defined]


def test_extract_finds_gettext_calls_trans_blocks_and_contexts() -> None:
    """The POT has every message of the example templates, with plurals and contexts."""
    pot = extract_messages([HELPDESK / "templates"])
    ids = _ids(pot)
    assert (None, "Hello %(name)s,") in ids
    assert ("signature", "Kind regards,") in ids
    assert (None, ("The money should reach your account within %(count)s business day.",
                   "The money should reach your account within %(count)s business days.")) in ids
    assert ids == _ids(load_catalog(HELPDESK / "locales" / "messages.pot"))  # the committed POT is current
    hello = pot.get("Hello %(name)s,")
    assert ("de/refund.html", 9) in hello.locations
    assert "python-format" in hello.flags


def test_extract_reads_python_too(tmp_path: Path) -> None:
    """Python sources are scanned with the same keywords."""
    (tmp_path / "app.py").write_text('from gettext import gettext as _\nMSG = _("Order shipped")\n', encoding="utf-8")
    assert (None, "Order shipped") in _ids(extract_messages([tmp_path]))


@pytest.mark.parametrize("locale", EXAMPLE_LOCALES)
def test_example_catalogs_are_complete_and_use_cldr_plural_headers(locale: str) -> None:
    """Every example catalog translates every POT message, with Babel's (CLDR) Plural-Forms."""
    po = HELPDESK / "locales" / locale / "LC_MESSAGES" / "messages.po"
    catalog = load_catalog(po)
    pot = load_catalog(HELPDESK / "locales" / "messages.pot")
    assert _ids(catalog) == _ids(pot)
    plural = get_plural(locale)
    assert catalog.plural_forms == f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"
    for message in catalog:
        if message.id:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            assert all(strings), f"{locale}: untranslated {message.id!r}"
            assert not message.fuzzy
    assert not list(catalog.check())  # Babel's placeholder checks pass


def test_init_update_compile_round_trip(tmp_path: Path) -> None:
    """init writes the CLDR header; update adds new and fuzzies changed messages; compile writes a .mo."""
    pot_path = tmp_path / "messages.pot"
    write_catalog(extract_messages([HELPDESK / "templates" / "refund.txt"]), pot_path)
    po = init_catalog(pot_path, tmp_path / "locales", locale="pl")
    assert po == tmp_path / "locales" / "pl" / "LC_MESSAGES" / "messages.po"
    assert "nplurals=3;" in po.read_text(encoding="utf-8")
    text = po.read_text(encoding="utf-8").replace('msgid "Your support team"\nmsgstr ""',
                                                  'msgid "Your support team"\nmsgstr "Zespół wsparcia"')
    po.write_text(text, encoding="utf-8")
    (tmp_path / "t.txt").write_text("{{ _('Your support team!') }} {{ _('New line') }}", encoding="utf-8")
    write_catalog(extract_messages([tmp_path / "t.txt"]), pot_path)
    [stats] = update_catalogs(pot_path, tmp_path / "locales")
    updated = load_catalog(po)
    assert updated.get("Your support team!").fuzzy
    assert updated.get("Your support team!").string == "Zespół wsparcia"
    assert updated.get("New line") is not None
    assert (stats.total, stats.translated, stats.fuzzy) == (2, 0, 1)
    [compiled] = compile_catalogs(tmp_path / "locales", use_fuzzy=True)
    mo = po.with_suffix(".mo")
    assert mo.is_file()
    assert load_translations(mo).gettext("Your support team!") == "Zespół wsparcia"
    assert compiled.errors == ()


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    """An existing catalog is not clobbered without --force."""
    from toneloc.errors import CatalogError

    init_catalog(HELPDESK / "locales" / "messages.pot", tmp_path, locale="de")
    with pytest.raises(CatalogError, match="already exists"):
        init_catalog(HELPDESK / "locales" / "messages.pot", tmp_path, locale="de")


def test_compile_reports_placeholder_mismatch(tmp_path: Path) -> None:
    """compile --strict exits 1 when a translation drops a placeholder."""
    po = tmp_path / "fr" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n#, python-format\nmsgid "Hi %(name)s"\n'
                  'msgstr "Salut %(nom)s"\n', encoding="utf-8")
    assert main(["catalog", "compile", "-d", str(tmp_path), "--strict"]) == 1
    [stats] = compile_catalogs(tmp_path)
    assert "nom" in stats.errors[0]


# -- CLI ---------------------------------------------------------------------------------------------
def test_cli_render_json(capsys: pytest.CaptureFixture[str]) -> None:
    """``toneloc render --json`` prints the text and the metadata."""
    rc = main(["render", str(HELPDESK / "templates" / "refund.html"), "--locale", "de-AT",
               "--context", str(HELPDESK / "contexts" / "refund.json"), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert rc == 0
    assert out["template_path"].endswith("templates/de/refund.html")
    assert (out["locale"], out["locale_used"], out["template_locale"]) == ("de-AT", "de", "de")
    assert "<title>Erstattung für Bestellung A-1042</title>" in out["text"]


def test_cli_render_kb_folder(capsys: pytest.CaptureFixture[str]) -> None:
    """A source KB article picks the best language for --locale."""
    assert main(["render", str(HELPDESK / "kb" / "request-a-refund.md"), "-l", "fr-CA", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["lang"], out["outdated"], out["fallbacks"]) == ("fr", False, ["fr-CA→fr"])
    assert "<h1>Demander un remboursement</h1>" in out["html"]


def test_cli_render_error_is_one_line_with_location(capsys: pytest.CaptureFixture[str]) -> None:
    """A missing context value: exit 2 and file:line on stderr, no traceback."""
    rc = main(["render", "refund.txt", "-t", str(HELPDESK / "templates"), "-l", "de"])
    err = capsys.readouterr().err
    assert rc == 2
    assert err.strip().endswith("refund.txt:4: undefined value: 'amount' is undefined "
                                "(hint: pass it in the render context, or guard it with `is defined`)")
    assert "Traceback" not in err


def test_cli_extract_and_catalog_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """extract -> catalog init -> compile through the CLI, with JSON summaries."""
    shutil.copytree(HELPDESK / "templates", tmp_path / "templates")
    pot = tmp_path / "messages.pot"
    assert main(["extract", str(tmp_path / "templates"), "-o", str(pot), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["messages"] == 16
    assert summary["plural"] == 2
    assert summary["with_context"] == 3
    assert main(["catalog", "init", "-i", str(pot), "-d", str(tmp_path / "loc"), "-l", "pt-BR", "--json"]) == 0
    created = json.loads(capsys.readouterr().out)["path"]
    assert created.endswith("loc/pt_BR/LC_MESSAGES/messages.po")
    assert main(["catalog", "compile", "-d", str(tmp_path / "loc"), "--json"]) == 0
    [entry] = json.loads(capsys.readouterr().out)["catalogs"]
    assert (entry["locale"], entry["total"], entry["translated"]) == ("pt_BR", 16, 0)


def test_cli_render_vars_customer_and_bad_context(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--var/--customer-name fill the context; a broken JSON context is an error at its line."""
    (tmp_path / "hi.txt").write_text("{{ _('Hello %(name)s,', name=customer.name) }} {{ order_id }}",
                                     encoding="utf-8")
    assert main(["render", str(tmp_path / "hi.txt"), "-l", "fr", "-c", str(HELPDESK / "locales"),
                 "--customer-name", "Zoé", "--var", "order_id=A-7"]) == 0
    assert capsys.readouterr().out == "Bonjour Zoé, A-7\n"
    bad = tmp_path / "ctx.json"
    bad.write_text('{\n  "order_id": "A-1",\n  "amount": 12,50\n}\n', encoding="utf-8")
    assert main(["render", str(tmp_path / "hi.txt"), "-l", "fr", "--context", str(bad)]) == 2
    assert f"{bad}:3:" in capsys.readouterr().err
