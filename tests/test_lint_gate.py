"""`toneloc lint` as a CI gate, end to end: bad input through the CLI, configuration errors, a huge
catalog, the repository's own example project, the pre-commit hook and the CI snippet."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
import yaml

from toneloc.cli import main
from toneloc.lint import Finding, LintConfig, lint_paths, load_config

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "lint"
HELPDESK = ROOT / "examples" / "helpdesk"
_FINDING = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info) "
                      r"(?P<rule>TL\d{3}) [a-z-]+: ")
_RU_HEADER = ('msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : '
              'n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n')


def _lint(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["lint", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _findings(out: str) -> list[tuple[str, int, str]]:
    got = []
    for line in out.splitlines():
        m = _FINDING.match(line)
        if m:
            got.append((Path(m["path"]).name, int(m["line"]), m["rule"]))
    return got


def test_bad_input_through_the_cli_gives_findings_with_lines(capsys: pytest.CaptureFixture[str],
                                                              tmp_path: Path) -> None:
    """Broken catalogs and templates of every kind: one finding each, with file:line, exit 1, no traceback."""
    (tmp_path / "utf16.po").write_bytes('msgid ""\nmsgstr ""\n'.encode("utf-16"))
    (tmp_path / "charset.po").write_bytes(b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=klingon-8\\n"\n')
    (tmp_path / "latin.po").write_bytes(b'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\nmsgid "Cafe"\nmsgstr "Caf\xe9"\n')
    (tmp_path / "quote.po").write_text('msgid "Closed"\nmsgstr "Ist "zu""\n', encoding="utf-8")
    (tmp_path / "mo.po").write_bytes(b"\xde\x12\x04\x95" + bytes(60))
    (tmp_path / "tlh.po").write_text('msgid "Hello"\nmsgstr "nuqneH"\n', encoding="utf-8")
    (tmp_path / "nplurals_de.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Plural-Forms: nplurals=999999999; plural=n;\\n"\n\n'
        'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[1] "y"\n', encoding="utf-8")
    (tmp_path / "empty.pot").write_bytes(b"")
    tpl = tmp_path / "templates"
    tpl.mkdir()
    (tpl / "syntax.html").write_text("<p>\n{% if x %}{{ x }}{% endfor %}\n", encoding="utf-8")
    (tpl / "bytes.html").write_bytes(b"<p>ok</p>\n<p>\xff</p>\n")
    (tpl / "unclosed.html").write_text("{% trans %}Hi {{ user.name }}", encoding="utf-8")
    code, out, err = _lint(capsys, str(tmp_path))
    assert code == 1
    assert "Traceback" not in out + err
    assert sorted(_findings(out)) == sorted([
        ("utf16.po", 1, "TL001"), ("charset.po", 3, "TL001"), ("latin.po", 6, "TL001"), ("quote.po", 2, "TL001"),
        ("mo.po", 0, "TL001"), ("tlh.po", 1, "TL002"), ("nplurals_de.po", 4, "TL301"),
        ("syntax.html", 2, "TL401"), ("bytes.html", 2, "TL001"), ("unclosed.html", 1, "TL402"),
    ])
    assert "/latin.po:6:12: error TL001 unreadable-file: invalid utf-8 at byte 61 (invalid continuation byte)" in out
    assert "malformed Plural-Forms header 'nplurals=999999999; plural=n;'" in out


def test_no_traceback_in_a_real_process() -> None:
    """`python -m toneloc lint` on the broken fixtures: every line is a finding, a hint or the summary."""
    proc = subprocess.run([sys.executable, "-m", "toneloc", "lint", str(DATA / "broken")], capture_output=True,
                          text=True, timeout=60, check=False)
    assert proc.returncode == 1
    assert proc.stderr == ""
    lines = proc.stdout.splitlines()
    assert lines[-1] == "7 error(s), 0 warning(s), 0 info in 8 file(s)"
    assert all(_FINDING.match(ln) or ln.startswith("    hint: ") for ln in lines[:-1])


@pytest.mark.parametrize(("files", "argv", "message"), [
    ({"pyproject.toml": '[tool.toneloc]\nlocales = ["de"\nx = 1\n'}, [], "pyproject.toml:3:1: invalid TOML"),
    ({"pyproject.toml": '[tool.toneloc]\nlocales = ["de"\n'}, [], "pyproject.toml:2: invalid TOML: Unclosed array"),
    ({"toneloc.toml": "[lint]\nseverty = {}\n"}, [], "unknown key 'severty' in [tool.toneloc.lint] "
                                                     "(hint: did you mean: severity)"),
    ({"toneloc.toml": '[lint]\ndisable = ["TL999"]\n'}, [], "unknown rule 'TL999' in disable"),
    ({"toneloc.toml": 'locales = ["de", "xx-QQ"]\n'}, [], "unknown locale 'xx-QQ' in locales"),
    ({"toneloc.toml": "[lint]\nkb_locales = \"de\"\n"}, [], "kb_locales must be a list"),
    ({"toneloc.toml": '[lint]\nsources = ["/srv/app/*.py"]\n'}, [], "sources pattern '/srv/app/*.py' must be a "
                                                                      "non-empty glob relative"),
    ({}, ["--disable", "placeholder-mismatc"], "unknown rule 'placeholder-mismatc' in --disable"),
    ({}, ["--locales", "de,tlhx-ZZ"], "unknown locale 'tlhx-ZZ'"),
    ({}, ["--baseline", "b.json", "--write-baseline", "c.json"], "--baseline and --write-baseline exclude each "
                                                                  "other"),
    ({}, ["--baseline", "missing.json"], "baseline file not found"),
    ({}, ["--config", "nope.toml"], "configuration file not found"),
])
def test_usage_and_configuration_errors_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch, files: dict[str, str],
                                               argv: list[str], message: str) -> None:
    """Bad TOML, unknown keys/rules/locales, conflicting options: exit 2, one clear message, no traceback."""
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "de.po").write_text('msgid "Hi"\nmsgstr "Hallo"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = _lint(capsys, ".", *argv)
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert out == ""


def test_huge_catalog(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """30,000 entries and a 1 MB string: linted in seconds, the one planted mistake found at its line."""
    lines = [_RU_HEADER]
    for i in range(30_000):
        lines.append(f'msgid "Ticket {i} for {{customer}}"\nmsgstr "Обращение {i} для {{customer}}"\n\n')
    lines.append('msgid "Order {order_id}"\nmsgstr "Заказ"\n\n')  # the planted mistake
    lines.append('msgid "' + "lorem ipsum " * 90_000 + '"\nmsgstr "' + "лорем ипсум " * 90_000 + '"\n')
    (tmp_path / "ru.po").write_text("".join(lines), encoding="utf-8")
    planted = 5 + 30_000 * 3 + 2
    start = time.perf_counter()
    code, out, _ = _lint(capsys, str(tmp_path))
    elapsed = time.perf_counter() - start
    assert code == 1
    assert _findings(out) == [("ru.po", planted, "TL201")]
    assert elapsed < 20, elapsed  # about 1 s on an idle 2-core machine


def test_pyproject_rule_names_severity_and_disable(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """[tool.toneloc.lint] in pyproject.toml, rules named by id or name: severity raised, a rule disabled."""
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "shop"\n\n[tool.toneloc]\nlocales = ["de"]\n\n[tool.toneloc.lint]\n'
        'severity = { untranslated = "error" }\ndisable = ["fuzzy", "TL705"]\n', encoding="utf-8")
    (tmp_path / "de.po").write_text(
        'msgid "Your ticket was closed."\nmsgstr ""\n\n#, fuzzy\nmsgid "Open"\nmsgstr "Offen"\n\n'
        'msgid "Update your billing address"\nmsgstr "Update your billing address"\n', encoding="utf-8")
    code, out, _ = _lint(capsys, str(tmp_path))
    assert code == 1
    assert _findings(out) == [("de.po", 2, "TL103")]
    assert ": error TL103 untranslated:" in out
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "shop"\n', encoding="utf-8")  # no [tool.toneloc]
    code, out, _ = _lint(capsys, str(tmp_path))
    assert code == 0
    assert sorted(r for _, _, r in _findings(out)) == ["TL103", "TL104", "TL705"]


@pytest.fixture
def helpdesk_copy(tmp_path: Path) -> Path:
    dst = tmp_path / "helpdesk"
    shutil.copytree(HELPDESK, dst)
    return dst


def test_example_helpdesk_is_clean_and_the_check_is_not_vacuous(capsys: pytest.CaptureFixture[str],
                                                                helpdesk_copy: Path) -> None:
    """The shipped helpdesk (catalogs, POT, templates, KB) lints clean even with --strict; breaking one
    translation in a copy is caught, so "clean" means checked."""
    result = lint_paths([HELPDESK], config=load_config(start=HELPDESK))
    assert result.findings == ()
    suffixes = {Path(f).suffix for f in result.files}
    assert {".po", ".pot", ".html", ".md"} <= suffixes
    assert len([f for f in result.files if f.endswith(".po")]) >= 10  # 11 locales today
    assert _lint(capsys, str(HELPDESK), "--strict")[0] == 0
    de = helpdesk_copy / "locales" / "de" / "LC_MESSAGES" / "messages.po"
    text = de.read_text(encoding="utf-8")
    m = re.search(r'msgstr "([^"\n]*)(%\(\w+\)s)', text)
    assert m is not None
    de.write_text(text.replace(m.group(0), f'msgstr "{m.group(1)}', 1), encoding="utf-8")
    code, out, _ = _lint(capsys, str(helpdesk_copy))
    assert code == 1
    assert [r for _, _, r in _findings(out)] == ["TL201"]
    assert f"placeholder {m.group(2)} missing in translation [de]" in out


def test_own_locales_directory_has_no_catalogs_to_flag() -> None:
    """src/toneloc/locales holds culture profiles (TOML), not catalogs: nothing is read, nothing flagged."""
    target = ROOT / "src" / "toneloc" / "locales"
    result = lint_paths([target], config=load_config(start=target))
    assert (result.findings, result.files) == ((), ())


def test_pre_commit_hook_runs_the_linter(capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The hook in .pre-commit-hooks.yaml is valid, matches catalogs and templates, and its command works."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert (hook["id"], hook["language"], hook["entry"]) == ("toneloc-lint", "python", "toneloc lint")
    files = re.compile(hook["files"])
    assert all(files.search(p) for p in ("locale/de/LC_MESSAGES/messages.po", "messages.pot",
                                         "templates/reply.html", "kb/refund.de.md", "app/views.py",
                                         "toneloc.toml", "pyproject.toml"))
    assert not any(files.search(p) for p in ("static/logo.png", "setup.cfg", "other.toml"))
    assert hook["pass_filenames"] is False
    # pre-commit installs the hook's repository itself: depending on "toneloc" again would pull another copy
    assert not any(d.startswith("toneloc") for d in hook.get("additional_dependencies", []))
    monkeypatch.chdir(HELPDESK)
    capsys.readouterr()
    assert main([*hook["entry"].split()[1:], *hook["args"]]) == 0


def test_documented_github_actions_commands(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The two lint steps of the documented workflow run as written (annotations; SARIF to a file)."""
    doc = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    steps = re.findall(r"run: (toneloc lint [^|\n]*?)(?: \|\| true)?\n", doc)
    assert steps == ["toneloc lint . --format github", "toneloc lint . --format sarif -o toneloc.sarif"]
    shutil.copytree(DATA / "plurals", tmp_path / "po")
    monkeypatch.chdir(tmp_path)
    code, out, _ = _lint(capsys, *steps[0].split()[2:])
    assert code == 1
    assert out.startswith("::error file=po/ar.po,line=22,col=1,title=TL302 plural-form-count::")
    code, _, err = _lint(capsys, *steps[1].split()[2:])
    assert code == 1
    assert (tmp_path / "toneloc.sarif").read_text(encoding="utf-8").lstrip().startswith("{")
    assert err.strip() == "6 error(s), 2 warning(s), 0 info"


class _Broken:
    rules: tuple[str, ...] = ("TL201",)

    def check_catalog(self, catalog: object, config: LintConfig) -> list[Finding]:
        raise KeyError("boom")


def test_a_crashing_check_is_reported_not_raised() -> None:
    """A bug in a (plug-in) check becomes a TL001 error naming the check and the file."""
    result = lint_paths([DATA / "tone"], checks=[_Broken()])
    assert [(f.rule_id, f.path.endswith("de.po"), f.message) for f in result.findings] == [
        ("TL001", True, "internal error in _Broken: KeyError: 'boom'")]
    assert result.exit_code() == 1


@pytest.mark.parametrize(("lang", "informal", "mixed", "found", "mixed_words"), [
    ("fr", "Tu peux réinitialiser ton mot de passe ici.", "Vous pouvez vérifier votre commande, puis tu réponds.",
     "Tu, ton", "Vous, votre, tu"),
    ("ru", "Ты можешь сбросить свой пароль здесь.", "Вы можете проверить ваш заказ, а ты ответь.", "Ты",
     "Вы, ваш, ты"),
])
def test_register_checks_per_culture(tmp_path: Path, lang: str, informal: str, mixed: str, found: str,
                                     mixed_words: str) -> None:
    """The register the culture profile asks for (formal for fr-FR and ru-RU support) is enforced."""
    pytest.importorskip("toneloc.tone")
    (tmp_path / f"{lang}.po").write_text(
        f'msgid "You can reset your password here."\nmsgstr "{informal}"\n\n'
        f'msgid "You can check your order, then reply."\nmsgstr "{mixed}"\n', encoding="utf-8")
    got = [(f.rule_id, f.line, f.message) for f in lint_paths([tmp_path]).findings]
    assert got == [
        ("TL501", 2, f"{lang} support text should be formal; found informal {found}"),
        ("TL502", 5, f"mixed register (formal and informal): {mixed_words}; {lang} support text should be formal"),
    ]


def test_review_gate_on_the_review_queue_export(tmp_path: Path) -> None:
    """A catalog exported from the review queue: machine candidates waiting for review fail the gate
    (TL601); once a reviewer approves one, it passes."""
    from toneloc.review import Candidate, ItemKey, NewItem, open_store
    from toneloc.review.exchange import export_po

    store = open_store(":memory:")
    store.enqueue([
        NewItem(ItemKey.message("Your refund is on its way."), "Your refund is on its way.", "de",
                candidates=[Candidate("Ihre Erstattung ist unterwegs.", engine="argos")]),
        NewItem(ItemKey.message("Thanks for waiting."), "Thanks for waiting.", "de",
                candidates=[Candidate("Danke fürs Warten.", engine="argos")]),
    ], who="bot")
    export_po(store, tmp_path / "de.po", locale="de")
    got = [(f.rule_id, f.message) for f in lint_paths([tmp_path]).findings]
    assert got == [("TL601", "machine translation of 'Your refund is on its way.' is not reviewed"),
                   ("TL601", "machine translation of 'Thanks for waiting.' is not reviewed")]
    item = store.claim_next("ana", locale="de")
    assert item is not None
    store.approve(item.id, reviewer="ana", text="Vielen Dank für Ihre Geduld." if item.id == 2 else None)
    export_po(store, tmp_path / "de.po", locale="de")
    got = [(f.rule_id, f.message) for f in lint_paths([tmp_path]).findings]
    assert len(got) == 1
    assert got[0][0] == "TL601"
    assert item.source not in got[0][1]  # the approved one passes, the other still waits


def test_review_gate_on_translate_catalog_output(tmp_path: Path) -> None:
    """`translate_catalog` marks machine output (fuzzy + `# toneloc: machine ...`): TL601 until approved;
    translation-memory hits are not machine-made."""
    from toneloc.translate import Translation
    from toneloc.translate.catalog import translate_catalog

    class Fake:
        def translate(self, text: str, *, locale: object, source: object = "en") -> Translation:
            memory = text.startswith("Thanks")
            return Translation(text=f"[de] {text}", source=text, locale="de-DE",
                               origin="memory" if memory else "machine", engine="memory" if memory else "fake-mt",
                               decision="auto-accept" if memory else "needs-review")

        def translate_batch(self, texts: Sequence[str], *, locale: object,
                            source: object = "en") -> list[Translation]:
            return [self.translate(t, locale=locale, source=source) for t in texts]

    pot = tmp_path / "messages.pot"
    pot.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   'msgid "Your refund is on its way."\nmsgstr ""\n\nmsgid "Thanks for waiting."\nmsgstr ""\n',
                   encoding="utf-8")
    out = tmp_path / "po"
    translate_catalog(pot, ["de"], translator=Fake(), out_dir=out)
    got = [(f.rule_id, f.message) for f in lint_paths([out], config=LintConfig(disable=frozenset({"TL705"})))
           .findings]
    assert got == [("TL601", "machine translation of 'Your refund is on its way.' is not reviewed")]
    po = out / "de.po"
    text = po.read_text(encoding="utf-8")
    assert "# toneloc: machine engine=fake-mt" in text
    # approving it in an editor: clearing the fuzzy flag (the machine comment stays as provenance)
    assert text.count("#, fuzzy\n") == 1
    po.write_text(text.replace("#, fuzzy\n", ""), encoding="utf-8")
    got = [(f.rule_id, f.message) for f in lint_paths([out], config=LintConfig(disable=frozenset({"TL705"})))
           .findings]
    assert got == []


def test_msgids_in_python_code_must_be_in_the_catalogs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`sources` globs: gettext calls in Python (_, ngettext, pgettext) are checked against each locale's
    catalog (TL102); a reasoned `# toneloc: ignore[TL102]` comment silences the next line; bad Python is TL001."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "views.py").write_text(
        'from gettext import gettext as _, ngettext, pgettext\n\n\n'
        'def refund(n: int) -> str:\n'
        '    notice = _("Your refund is on its way.")\n'
        '    label = pgettext("button", "Open")\n'
        '    # toneloc: ignore[TL102] the status service translates its own text\n'
        '    status = _("All systems operational")\n'
        '    return notice + label + status + ngettext("%(n)d ticket", "%(n)d tickets", n) % {"n": n}\n',
        encoding="utf-8")
    (tmp_path / "app" / "broken.py").write_text('x = _("unterminated\n', encoding="utf-8")
    (tmp_path / "app" / "other.txt").write_text('_("not Python")\n', encoding="utf-8")
    for lang, body in (("de", 'msgid "Your refund is on its way."\nmsgstr "Ihre Erstattung ist unterwegs."\n\n'
                              'msgctxt "button"\nmsgid "Open"\nmsgstr "Öffnen"\n'),
                       ("fr", 'msgid "Your refund is on its way."\nmsgstr "Votre remboursement est en route."\n')):
        cat = tmp_path / "locale" / lang / "LC_MESSAGES"
        cat.mkdir(parents=True)
        (cat / "messages.po").write_text(body, encoding="utf-8")
    (tmp_path / "toneloc.toml").write_text('locales = ["de", "fr", "ja"]\n\n[lint]\nsources = ["app/**/*.py"]\n',
                                           encoding="utf-8")
    code, out, _ = _lint(capsys, str(tmp_path))
    assert code == 1
    got = [(name, line, rule) for name, line, rule in _findings(out)]
    assert got == [("broken.py", 1, "TL001"), ("views.py", 5, "TL102"), ("views.py", 6, "TL102"),
                   ("views.py", 9, "TL102"), ("views.py", 9, "TL102")]
    assert "views.py:5:1: error TL102 msgid-missing-in-catalog: no messages catalog for ja: 4 msgid(s) of this " \
           "file untranslated [ja]" in out
    assert "msgid 'Open' is missing from the fr catalog" in out
    assert "msgid '%(n)d ticket' is missing from the de catalog" in out
    # without `sources`, Python files in directories are not read; named on the command line, they are
    (tmp_path / "toneloc.toml").write_text('locales = ["de", "fr"]\n', encoding="utf-8")
    assert _lint(capsys, str(tmp_path))[0] == 0
    code, out, _ = _lint(capsys, str(tmp_path / "app" / "broken.py"))
    assert (code, _findings(out)) == (1, [("broken.py", 1, "TL001")])
    assert "broken.py:1:7: error TL001 unreadable-file: Python syntax error: unterminated string literal" in out


def test_every_finding_of_every_fixture_is_complete() -> None:
    """Across all fixtures: a known rule, a severity, file:line:column, a message and a fix hint."""
    from toneloc.lint import RULES

    seen: set[str] = set()
    for sub in sorted(p for p in DATA.iterdir() if p.is_dir()):
        cfg = load_config(start=sub)
        if sub.name == "style":
            cfg = LintConfig(glossary={"ticket": {"es": "incidencia"}})
        for f in lint_paths([sub], config=cfg).findings:
            seen.add(f.rule_id)
            assert f.rule_id in RULES, f
            assert f.severity in ("error", "warning", "info"), f
            assert Path(f.path).exists(), f
            assert f.line >= 0, f
            assert f.column >= 1, f
            assert f.message.strip(), f
            assert f.hint.strip(), f
    # the fixtures exercise every rule but TL002/TL500 (covered by test_lint_docs and test_lint)
    assert set(RULES) - seen == {"TL002", "TL500"}


def test_every_lint_configuration_key_changes_what_is_checked(capsys: pytest.CaptureFixture[str],
                                                              tmp_path: Path) -> None:
    """consistency, exclude, template_globals, mt_markers, mt_flags, approved_markers, template_dirs,
    kb_dirs and domain, each with an effect, compared with the same project on the defaults."""
    for d in ("vendor", "macros", "help", "locale/de/LC_MESSAGES"):
        (tmp_path / d).mkdir(parents=True)
    (tmp_path / "vendor" / "de.po").write_text('msgid "a\n', encoding="utf-8")
    (tmp_path / "macros" / "refund.html").write_text('<p>{{ format_money(amount) }} {{ _("Refunded") }}</p>\n',
                                                     encoding="utf-8")
    (tmp_path / "macros" / "plain.html").write_text("<p>Plain page</p>\n", encoding="utf-8")
    (tmp_path / "help" / "a.md").write_text("# Help\n", encoding="utf-8")
    cats = tmp_path / "locale" / "de" / "LC_MESSAGES"
    (cats / "app.po").write_text(
        'msgid "Refunded"\nmsgstr "Erstattet"\n\nmsgid "Open"\nmsgstr "Offen"\n\n'
        '# machine: deepl 2026-11-20\n#, fuzzy\nmsgid "Closed"\nmsgstr "Geschlossen"\n\n'
        '#, mt\nmsgid "Pending"\nmsgstr "Ausstehend"\n\n# ok by ana\n#, mt\nmsgid "Solved"\nmsgstr "Gelöst"\n',
        encoding="utf-8")
    (cats / "other.po").write_text('msgid "Open"\nmsgstr "Geöffnet"\n', encoding="utf-8")
    cfg = tmp_path / "toneloc.toml"
    cfg.write_text('locales = ["de"]\n\n[lint]\ncontext = ["amount"]\n', encoding="utf-8")
    _, out, _ = _lint(capsys, str(tmp_path))
    assert _findings(out) == [("app.po", 10, "TL104"), ("other.po", 2, "TL701"), ("refund.html", 1, "TL101"),
                              ("refund.html", 1, "TL403"), ("de.po", 1, "TL001")]
    cfg.write_text('locales = ["de"]\n\n[lint]\ncontext = ["amount"]\nconsistency = false\nexclude = ["vendor/*"]\n'
                   'template_globals = ["format_money"]\nmt_markers = ["machine:"]\nmt_flags = ["mt"]\n'
                   'approved_markers = ["ok by"]\ntemplate_dirs = ["macros"]\nkb_dirs = ["help"]\ndomain = "app"\n',
                   encoding="utf-8")
    _, out, _ = _lint(capsys, str(tmp_path))
    assert _findings(out) == [("a.md", 1, "TL101"), ("app.po", 10, "TL601"), ("app.po", 14, "TL601"),
                              ("plain.html", 1, "TL101")]


def test_formal_text_in_an_informal_culture(tmp_path: Path) -> None:
    """Swedish support writes "du": the polite "Ni" is the violation there, and "du" passes."""
    pytest.importorskip("toneloc.tone")
    (tmp_path / "sv.po").write_text(
        'msgid "You can reset your password here."\nmsgstr "Ni kan återställa ert lösenord här."\n\n'
        'msgid "You can check your order."\nmsgstr "Du kan kontrollera din beställning."\n', encoding="utf-8")
    got = [(f.rule_id, f.line, f.message) for f in lint_paths([tmp_path]).findings]
    assert got == [("TL501", 2, "sv support text should be informal; found formal Ni")]


def test_pot_coverage_without_configuration_stays_within_its_project(tmp_path: Path) -> None:
    """Two GNU-style projects linted together: with no `locales` configured, a POT only needs the locales
    translated next to it (hello has lv, wget has be: neither is "missing" from the other); with
    `locales` configured, every one of them is required."""
    for name, langs in (("hello", ("de", "lv")), ("wget", ("de", "be"))):
        po = tmp_path / name / "po"
        po.mkdir(parents=True)
        (po / f"{name}.pot").write_text('msgid ""\nmsgstr ""\n\nmsgid "Hello"\nmsgstr ""\n', encoding="utf-8")
        for lang in langs:
            (po / f"{lang}.po").write_text(f'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n\nmsgid "Hello"\n'
                                           'msgstr "Hallo"\n', encoding="utf-8")
    dirs = [tmp_path / "hello", tmp_path / "wget"]
    assert [f.rule_id for f in lint_paths(dirs).findings] == []
    got = [(Path(f.path).name, f.locale, f.message) for f in
           lint_paths(dirs, config=LintConfig(locales=("de", "lv", "be"))).findings if f.rule_id == "TL102"]
    assert got == [("hello.pot", "be", "no hello catalog for be: 1 msgids untranslated"),
                   ("wget.pot", "lv", "no wget catalog for lv: 1 msgids untranslated")]
