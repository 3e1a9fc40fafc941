"""The linter's checks on real-looking catalogs and templates (fixtures in tests/data/lint/)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from toneloc.lint import Finding, LintConfig, default_checks, lint_paths, load_config, read_catalog
from toneloc.lint._model import RULES

DATA = Path(__file__).parent / "data" / "lint"


def _found(path: Path, config: LintConfig | None = None) -> list[tuple[str, str, int, str]]:
    result = lint_paths([path], config=config)
    return [(f.rule_id, Path(f.path).name, f.line, f.message) for f in result.findings]


def test_finding_is_frozen_and_fingerprint_ignores_line_moves() -> None:
    """A finding cannot be changed; moving it to another line keeps its baseline fingerprint."""
    f = Finding("TL103", "warning", "po/de.po", 10, 1, "untranslated: 'Hi'", "translate it", "de", subject="\x04Hi")
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.line = 3  # type: ignore[misc]
    assert dataclasses.replace(f, line=99).fingerprint == f.fingerprint
    assert dataclasses.replace(f, locale="fr").fingerprint != f.fingerprint


def test_rule_registry_ids_are_stable_and_every_check_rule_is_registered() -> None:
    """Rule ids never change meaning: a few anchors, and every rule a check can emit is known."""
    assert (RULES["TL201"].name, RULES["TL302"].name, RULES["TL601"].name) == (
        "placeholder-mismatch", "plural-form-count", "unreviewed-machine-translation")
    assert all(r in RULES for check in default_checks() for r in check.rules)
    assert len({r.name for r in RULES.values()}) == len(RULES)


def test_placeholders_missing_extra_renamed_and_reordered() -> None:
    """printf, brace, Jinja, ICU and HTML placeholders are compared; legal reorders are not findings."""
    found = {(line, msg) for rule, _, line, msg in _found(DATA / "placeholders") if rule == "TL201"}
    assert found == {
        (13, "placeholder {order_id} missing in translation"),
        (18, "placeholder %(name)s renamed to %(nom)s"),
        (22, "placeholder {order_id} in translation is not in the source"),
        (26, 'placeholder {reset_url} missing in translation; placeholder <a href="{reset_url}"> missing in '
             "translation; placeholder </a> missing in translation"),
        (30, "placeholder {{ agent }} renamed to {{ agent_name }}"),
        (34, "placeholder {count, plural, ...} renamed to {anzahl, plural, ...}"),
        (39, "placeholder %s renamed to %d; placeholder %d renamed to %s"),  # C without n$: order matters
        (58, "placeholder {team} missing in translation"),  # ignore without a reason does not count
    }


def test_inline_ignore_needs_a_reason() -> None:
    """`# toneloc: ignore[TL201] reason` silences the entry; without a reason it is a TL003 finding."""
    found = _found(DATA / "placeholders")
    assert ("TL003", "de.po", 55, "inline ignore of TL201 has no reason") in found
    assert not any(line == 51 for rule, _, line, _ in found if rule == "TL201")


@pytest.mark.parametrize(("name", "expected"), [
    ("ru.po", [("TL302", 14, "plural entry '%(count)d open ticket' has 2 form(s), the Plural-Forms header says 3; "
                "Babel pads the missing forms with '' when it reads the catalog, so those numbers show the English "
                "msgid_plural"),
               ("TL302", 31, "plural entry '%(count)d reply' has empty form(s) msgstr[2]"),
               ("TL302", 35, "ICU plural {count} lacks the ru categories few, many; those numbers fall back to "
                "'other'")]),
    ("pl.po", [("TL301", 6, "Plural-Forms has nplurals=2 but CLDR has 3 forms for pl")]),
    ("ar.po", [("TL302", 22, "plural entry '%(count)d hour' has 3 form(s), the Plural-Forms header says 6; Babel "
                "pads the missing forms with '' when it reads the catalog, so those numbers show the English "
                "msgid_plural")]),
    ("lv.po", [("TL301", 6, "Plural-Forms formula for lv groups numbers differently from CLDR")]),
    ("ja.po", [("TL302", 16, "plural entry '%(count)d file' has 2 form(s), the Plural-Forms header says 1; Babel "
                "drops the extra forms when it reads the catalog")]),
    ("uk_noheader.po", [("TL301", 2, "no Plural-Forms header although the catalog has plural entries; Babel and "
                         "gettext fall back to a default (Babel: the locale's CLDR rule, GNU gettext: English)")]),
])
def test_plural_checks_per_locale(name: str, expected: list[tuple[str, int, str]]) -> None:
    """ru/pl/lv need 3 forms, ar 6, ja 1; Babel's silent padding is reported, not hidden."""
    got = [(r, line, msg) for r, _, line, msg in _found(DATA / "plurals" / name)]
    assert got == expected


def test_arabic_singular_forms_may_drop_the_number() -> None:
    """Forms used for exactly one n (ar zero/one/two) may omit %(count)d, as GNU msgfmt allows."""
    assert not [f for f in _found(DATA / "plurals" / "ar.po") if f[0] == "TL201"]


def test_entry_states_and_unreviewed_machine_translation() -> None:
    """Untranslated, fuzzy, obsolete, and MT entries without approval: the translate command's
    `# toneloc: machine` comment, the machine-translated flag, and review-queue exports (`#. toneloc:`)."""
    got = [(r, line) for r, _, line, _ in _found(DATA / "state" / "fr.po") if r != "TL301"]
    assert got == [("TL103", 14), ("TL104", 19), ("TL601", 25), ("TL601", 36), ("TL105", 38), ("TL601", 45)]
    # line 51: a review-queue export of an approved machine translation is not a finding


def test_style_consistency_and_glossary() -> None:
    """Whitespace, final punctuation, untranslated copies, glossary terms, inconsistent translations."""
    cfg = LintConfig(glossary={"ticket": {"es": "incidencia"}})
    got = [(r, name, line) for r, name, line, _ in _found(DATA / "style", cfg) if r != "TL301"]
    assert got == [("TL703", "es.po", 9), ("TL703", "es.po", 12), ("TL702", "es.po", 18), ("TL704", "es.po", 18),
                   ("TL705", "es.po", 21), ("TL702", "es.po", 30), ("TL701", "es_MX.po", 9),
                   ("TL702", "es_MX.po", 9)]
    # the Spanish question marks ¿…? and one-word copies ("Status") are not findings
    assert not any(line in (15, 27) for _, _, line in got)


def test_register_checks_use_the_tone_checker() -> None:
    """de-DE wants "Sie": "du" is a violation, "Ihre … deine" a mixed register."""
    pytest.importorskip("toneloc.tone")
    got = [(r, line, msg) for r, _, line, msg in _found(DATA / "tone")]
    assert got == [("TL501", 9, "de support text should be formal; found informal du"),
                   ("TL502", 15, "mixed register (formal and informal): Ihre, deine; de support text should be formal")]


def test_tone_missing_is_an_info_note(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without toneloc.tone the register rules are skipped with one TL500 note."""
    import sys

    monkeypatch.setitem(sys.modules, "toneloc.tone", None)
    got = lint_paths([DATA / "tone"]).findings
    assert [(f.rule_id, f.severity) for f in got] == [("TL500", "info")]


def test_malformed_input_becomes_findings_not_tracebacks() -> None:
    """Broken PO syntax, binary and MO files, invalid UTF-8 and template syntax errors are findings."""
    got = [(r, name, line) for r, name, line, _ in _found(DATA / "broken")]
    assert got == [("TL001", "binary.po", 0), ("TL001", "compiled.po", 0), ("TL001", "double_msgstr.po", 7),
                   ("TL001", "latin1.po", 7), ("TL401", "bad.html", 1), ("TL001", "notutf8.html", 1),
                   ("TL001", "unterminated.po", 7)]
    cp1252 = read_catalog(DATA / "broken" / "cp1252.po", "cp1252.po")
    assert not isinstance(cp1252, Finding)
    assert cp1252.entries[0].msgstr == "Café"


def test_project_coverage_templates_and_config() -> None:
    """Variants, missing msgids, unconfigured catalogs and template pitfalls in a small project."""
    cfg = load_config(DATA / "project" / "toneloc.toml")
    assert cfg.locales == ("de", "ja", "fr")
    assert "TL105" in cfg.disable
    result = lint_paths([DATA / "project"], config=cfg)
    got = {(f.rule_id, Path(f.path).name, f.line, f.locale) for f in result.findings}
    expected = {
        ("TL101", "reset-password.md", 1, "fr"), ("TL101", "reset-password.md", 1, "ja"),
        ("TL101", "banner.html", 1, "fr"), ("TL101", "banner.html", 1, "ja"),
        ("TL101", "reply.html", 1, "fr"), ("TL102", "reply.html", 4, "de"),
        ("TL102", "refund.html", 2, "ja"), ("TL102", "refund.html", 3, "ja"),
        ("TL403", "refund.html", 3, None),  # refund_id is not in the schema; amount is
        ("TL402", "trans_error.html", 1, None), ("TL402", "trans_error.html", 2, None),
        ("TL404", "pitfalls.html", 1, None), ("TL404", "pitfalls.html", 4, None), ("TL404", "pitfalls.html", 5, None),
        ("TL003", "pitfalls.html", 6, None),
        ("TL106", "messages.po", 1, "it"), ("TL702", "messages.po", 15, "de"),
    }
    assert expected <= got
    extra = got - expected
    # what else is reported: the remaining fr gaps and ja msgids of the other templates, the it header note and,
    # where the tone rules cover Italian, the informal "tuo" of the it catalog
    assert {r for r, *_ in extra} <= {"TL101", "TL102", "TL301", "TL501"}, extra
    assert ("TL404", "refund.html", 2, None) not in got  # ignored inline, with a reason
    assert not any(name == "banner.de.html" for _, name, _, _ in got)
    assert result.exit_code() == 1


def test_kb_locales_narrow_the_articles_coverage_but_not_the_templates() -> None:
    """``kb_locales`` lists the locales every KB article needs; templates still need every configured locale."""
    cfg = dataclasses.replace(load_config(DATA / "project" / "toneloc.toml"), kb_locales=("ja",))
    got = {(f.rule_id, Path(f.path).name, f.locale) for f in lint_paths([DATA / "project"], config=cfg).findings}
    assert ("TL101", "reset-password.md", "ja") in got
    assert ("TL101", "reset-password.md", "fr") not in got
    assert ("TL101", "banner.html", "fr") in got
    cfg = dataclasses.replace(cfg, kb_locales=())
    got = {(f.rule_id, Path(f.path).name, f.locale) for f in lint_paths([DATA / "project"], config=cfg).findings}
    assert not any(name == "reset-password.md" for rule, name, _ in got if rule == "TL101")


def test_kb_locales_from_the_configuration_file() -> None:
    """``kb_locales`` is read from the ``[lint]`` table and must be a list of known locales."""
    from toneloc.errors import ConfigError
    from toneloc.lint._config import config_from_mapping

    assert config_from_mapping({"locales": ["de"], "lint": {"kb_locales": ["pt-BR"]}}).kb_locales == ("pt_BR",)
    assert config_from_mapping({"locales": ["de"]}).kb_locales is None
    with pytest.raises(ConfigError, match="kb_locales must be a list"):
        config_from_mapping({"lint": {"kb_locales": "de"}})
    with pytest.raises(ConfigError, match="unknown locale"):
        config_from_mapping({"lint": {"kb_locales": ["xx-QQ"]}})


def test_letter_salutation_comma_may_become_a_colon_or_exclamation(tmp_path: Path) -> None:
    """Greeting and closing commas follow each language's letter conventions; other endings must match."""
    po = tmp_path / "es.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Hello %(name)s,"\nmsgstr "Estimado/a %(name)s:"\n\n'
        'msgid "Kind regards,"\nmsgstr "¡Saludos cordiales!"\n\n'
        'msgid "Your order is late."\nmsgstr "Su pedido llega tarde"\n',
        encoding="utf-8")
    got = [(rule, line) for rule, _, line, _ in _found(po) if rule == "TL704"]
    assert got == [("TL704", 13)]  # only the sentence whose full stop was dropped


def test_severity_override_and_disable() -> None:
    """Per-rule severity and disable from the configuration."""
    cfg = LintConfig(severity={"TL201": "warning"}, disable=frozenset({"TL003"}))
    result = lint_paths([DATA / "placeholders"], config=cfg)
    assert {f.severity for f in result.findings} == {"warning"}
    assert "TL003" not in {f.rule_id for f in result.findings}
    assert result.exit_code() == 0
    assert result.exit_code(strict=True) == 1


def test_toneloc_lints_its_own_locales_and_examples() -> None:
    """The repository's own culture profiles and example catalogs/templates pass the gate (no errors)."""
    root = Path(__file__).resolve().parents[1]
    # examples/ holds several independent projects; each is linted with its own configuration
    # (examples/helpdesk/toneloc.toml), as a team would run `toneloc lint` in its project.
    targets = [root / "src" / "toneloc" / "locales"]
    targets += sorted(p for p in (root / "examples").glob("*") if p.is_dir())
    errors: list[str] = []
    for target in (t for t in targets if t.is_dir()):
        result = lint_paths([target], config=load_config(start=target))
        errors += [f"{f.where} {f.rule_id} {f.message}" for f in result.findings if f.severity == "error"]
    assert errors == []


def test_discovery_of_templates_outside_template_dirs(tmp_path: Path) -> None:
    """Under a directory, .html files are templates when in templates/ or when they contain Jinja."""
    from toneloc.lint import discover

    (tmp_path / "macros").mkdir()
    (tmp_path / "macros" / "reply.html").write_text("<p>{{ _('Hi') }}</p>\n", encoding="utf-8")
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "index.html").write_text("<p>plain</p>\n", encoding="utf-8")
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "a.md").write_text("# A\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# readme\n", encoding="utf-8")
    found = sorted((p.relative_to(tmp_path).as_posix(), kind) for p, kind in discover([tmp_path], LintConfig()))
    assert found == [("kb/a.md", "kb"), ("macros/reply.html", "template")]


def test_the_babel_behaviour_the_plural_messages_describe() -> None:
    """What TL302 says about Babel is true: its reader pads missing forms with '' and drops extra ones."""
    import logging

    from babel.messages.pofile import read_po

    with (DATA / "plurals" / "ru.po").open("rb") as fh:
        ru = read_po(fh)
    ticket = ru.get("%(count)d open ticket")
    assert ticket is not None
    assert ticket.string == (
        "%(count)d открытое обращение", "%(count)d открытых обращения", "")
    logging.disable(logging.WARNING)  # Babel prints a warning (to a logger nobody reads in CI)
    try:
        with (DATA / "plurals" / "ja.po").open("rb") as fh:
            ja = read_po(fh)
    finally:
        logging.disable(logging.NOTSET)
    file = ja.get("%(count)d file")
    assert file is not None
    assert file.string == ("%(count)d 個のファイル",)
