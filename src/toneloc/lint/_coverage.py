"""Locale coverage across the project: template variants (TL101), msgids missing from catalogs (TL102)
and catalogs for unconfigured locales (TL106)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from toneloc.lint._catalog import CatalogFile
from toneloc.lint._config import LintConfig
from toneloc.lint._model import Finding
from toneloc.lint._templates import TemplateFile

__all__ = ["CoverageCheck", "locale_matches"]


def locale_matches(configured: str, actual: str) -> bool:
    """Whether a catalog/variant for *actual* serves the configured locale *configured*.

    >>> locale_matches("pt_BR", "pt_BR"), locale_matches("de", "de_DE"), locale_matches("pt_BR", "pt_PT")
    (True, True, False)
    >>> locale_matches("de_AT", "de")
    True
    """
    if configured == actual:
        return True
    c_lang, a_lang = configured.split("_", 1)[0], actual.split("_", 1)[0]
    if c_lang != a_lang:
        return False
    return "_" not in configured or "_" not in actual  # a language-only side covers its regions


def _short(text: str, n: int = 60) -> str:
    one = " ".join(text.split())
    return one if len(one) <= n else one[: n - 1] + "…"


class CoverageCheck:
    """TL101 missing-locale-variant, TL102 msgid-missing-in-catalog, TL106 unconfigured-locale-catalog."""

    rules: tuple[str, ...] = ("TL101", "TL102", "TL106")

    def check_project(self, catalogs: list[CatalogFile], templates: list[TemplateFile],
                      config: LintConfig) -> Iterator[Finding]:
        src_lang = config.source_locale.split("_", 1)[0]
        po = [c for c in catalogs if not c.is_template and c.locale]
        if config.locales:
            targets = list(config.locales)
        else:
            found = {c.locale for c in po if c.locale} | {t.locale for t in templates if t.locale}
            targets = sorted(x for x in found if x)
        targets = [t for t in targets if t.split("_", 1)[0] != src_lang]
        kb_targets = targets if config.kb_locales is None else [
            t for t in config.kb_locales if t.split("_", 1)[0] != src_lang]
        if config.locales and config.enabled("TL106"):
            for c in po:
                assert c.locale is not None
                if c.locale.split("_", 1)[0] == src_lang:
                    continue
                if not any(locale_matches(t, c.locale) for t in config.locales):
                    yield Finding("TL106", config.severity_of("TL106"), c.display, 1, 1,
                                  f"catalog for {c.locale}, which is not a configured locale",
                                  f"add {c.locale!r} to locales in [tool.toneloc], or delete the catalog", c.locale,
                                  subject="unconfigured")
        by_domain: dict[tuple[str, str], list[CatalogFile]] = defaultdict(list)
        for c in po:
            for t in targets:
                assert c.locale is not None
                if locale_matches(t, c.locale):
                    by_domain[(c.domain, t)].append(c)
        keys_of: dict[int, set[tuple[str | None, str]]] = {}

        def keys(c: CatalogFile) -> set[tuple[str | None, str]]:
            got = keys_of.get(id(c))
            if got is None:
                got = {(e.msgctxt, e.msgid) for e in c.entries}
                got |= {(e.msgctxt, e.msgid_plural) for e in c.entries if e.msgid_plural}
                keys_of[id(c)] = got
            return got

        # TL102 from POT files
        if config.enabled("TL102"):
            for pot in (c for c in catalogs if c.is_template):
                pot_targets = targets
                if not config.locales:  # no configuration: the locales translated next to this POT
                    root = pot.path.parent.resolve()
                    near = {c.locale for c in po if c.locale and root in c.path.resolve().parents}
                    pot_targets = [t for t in targets if t in near]
                for t in pot_targets:
                    cats = by_domain.get((pot.domain, t), [])
                    if not cats:
                        yield Finding("TL102", config.severity_of("TL102"), pot.display, 1, 1,
                                      f"no {pot.domain} catalog for {t}: {len(pot.entries)} msgids untranslated",
                                      f"create it: toneloc catalog init --locale {t} (or msginit)", t,
                                      subject=f"nocatalog:{pot.domain}")
                        continue
                    have = set().union(*(keys(c) for c in cats))
                    for e in pot.entries:
                        if (e.msgctxt, e.msgid) not in have:
                            f = pot.emit(config, "TL102", e, f"msgid {_short(e.msgid)!r} is missing from the {t} "
                                         f"catalog ({cats[0].display})",
                                         "update the catalog from the POT file (toneloc catalog update / msgmerge)",
                                         line=pot.msgid_line(e))
                            if f:
                                yield Finding(f.rule_id, f.severity, f.path, f.line, f.column, f.message, f.hint, t,
                                              subject=f.subject)
        variants: set[tuple[str, str]] = {(t.base_key, t.locale) for t in templates if t.locale}
        for tpl in templates:
            if tpl.locale is not None or tpl.syntax_error is not None:
                continue
            for t in (kb_targets if tpl.kind == "kb" else targets):
                cats = by_domain.get((config.domain, t), [])
                has_variant = any(b == tpl.base_key and locale_matches(t, loc) for b, loc in variants)
                if has_variant:
                    continue
                if tpl.msgids and cats:
                    if not config.enabled("TL102"):
                        continue
                    have = set().union(*(keys(c) for c in cats))
                    for line, ctx, msgid in tpl.msgids:
                        if (ctx, msgid) not in have:
                            f = tpl.emit(config, "TL102", line, f"msgid {_short(msgid)!r} is missing from the {t} "
                                         f"catalog ({cats[0].display})",
                                         "extract and update: toneloc extract && toneloc catalog update", locale=t)
                            if f:
                                yield f
                    continue
                if tpl.kind == "code":
                    if tpl.msgids and config.enabled("TL102"):
                        line, _ctx, msgid = tpl.msgids[0]
                        f = tpl.emit(config, "TL102", line, f"no {config.domain} catalog for {t}: "
                                     f"{len(tpl.msgids)} msgid(s) of this file untranslated",
                                     f"create it: toneloc catalog init --locale {t} (or msginit)", locale=t)
                        if f:
                            yield f
                    continue
                if not config.enabled("TL101"):
                    continue
                what = "KB article" if tpl.kind == "kb" else "template"
                if tpl.kind == "template" and tpl.msgids:
                    msg = f"{what} has no {t} variant and there is no {config.domain} catalog for {t}"
                    hint = f"create the {t} catalog (toneloc catalog init --locale {t}) or a {t} variant"
                elif tpl.kind == "template":
                    msg = f"{what} has no translatable strings and no {t} variant"
                    hint = "wrap its text in {% trans %}…{% endtrans %} or add a localized variant"
                else:
                    msg = f"{what} has no {t} variant"
                    hint = f"add a {t} version next to it (name.{t}.md), e.g. with `toneloc kb`"
                f = tpl.emit(config, "TL101", 1, msg, hint, locale=t)
                if f:
                    yield f
