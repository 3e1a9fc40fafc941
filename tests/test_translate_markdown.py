"""translate_markdown: KB articles keep structure, code, links and front matter; provenance per segment."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from mt_fixtures import fixtures as _mt
from toneloc.errors import InvalidInputError
from toneloc.translate import ArgosEngine, Hypothesis, SafeTranslator, translate_markdown

pytestmark = pytest.mark.mt
for _mod in ("ctranslate2", "sentencepiece", "onnxruntime", "minisbd"):  # the `mt` extra
    pytest.importorskip(_mod)

tiny_archive = _mt.tiny_archive
unsure_archive = _mt.unsure_archive
packages_dir = _mt.packages_dir
engine = _mt.engine

ARTICLE = """---
title: "Reset your password"
tags: [account]
id: 42
---
# Reset your password #

Please reset your password.
Thank you for contacting support.

- Hello, your order has shipped.
- [ ] Open `Settings` and see [the docs](https://help.example.com/a_b).
1. Your ticket #A-1182 was updated.

> Thank you for contacting support.

| Step | What |
|---|---|
| 1 | Please reset your password. |

```sh
Please reset your password.
```

    Please reset your password.

<!-- Please reset
your password -->
{% if vip %}
Hello {{ customer.name }}, your order has shipped.
{% endif %}
***
[docs]: https://help.example.com
"""

EXPECTED = """---
title: "Reset Ihre Passwort"
tags: [account]
id: 42
---
# Reset Ihre Passwort #

Bitte zurücksetzen Ihre Passwort. Danke Ihnen für Kontakt Support.

- Hallo, Ihre Bestellung wurde versandt.
- [ ] Open `Settings` and see [die docs](https://help.example.com/a_b).
1. Your Ticket #A-1182 wurde aktualisiert.

> Danke Ihnen für Kontakt Support.

| Step | What |
|---|---|
| 1 | Bitte zurücksetzen Ihre Passwort. |

```sh
Please reset your password.
```

    Please reset your password.

<!-- Please reset
your password -->
{% if vip %}
Hallo {{ customer.name }}, Ihre Bestellung wurde versandt.
{% endif %}
***
[docs]: https://help.example.com
"""


class Scripted:
    """An engine with fixed outputs that counts its calls."""

    name = "scripted"

    def __init__(self, outputs: dict[str, str]) -> None:
        self.outputs = outputs
        self.calls = 0

    def supports(self, source: str, target: str) -> bool:
        return True

    def model_version(self, source: str, target: str) -> str:
        return "scripted-1"

    def hypotheses(self, texts: Sequence[str], *, source: str, target: str, n: int = 4) -> list[list[Hypothesis]]:
        self.calls += 1
        return [[Hypothesis(self.outputs[t], -0.1)] for t in texts]


def test_article_structure_kept_with_the_real_model(engine: ArgosEngine) -> None:
    """Only prose is translated; code, comments, Jinja lines, rules and link targets are byte-identical."""
    r = translate_markdown(ARTICLE, translator=SafeTranslator(engine), locale="de-DE")
    assert r.text == EXPECTED
    assert (r.locale, r.source_locale) == ("de-DE", "en")
    kinds = [(s.line, s.kind) for s in r.segments]
    assert kinds == [(2, "front-matter"), (6, "heading"), (8, "paragraph"), (11, "list-item"), (12, "list-item"),
                     (13, "list-item"), (15, "quote"), (17, "table-cell"), (17, "table-cell"), (19, "table-cell"),
                     (30, "paragraph")]
    seg = r.segments[4]
    assert seg.source == "Open `Settings` and see [the docs](https://help.example.com/a_b)."
    assert seg.translation is not None
    assert (seg.translation.engine, seg.translation.model_version) == ("argos-ct2", "argos:en-de@1.0")
    # The copy model leaves "Step"/"What" untranslated: those cells, and only those, need review.
    assert r.needs_review
    assert r.reasons == ("line 17 (table-cell): untranslated: the output is a copy of the source",) * 2
    assert r.origins == {"machine": 11}


def test_all_segments_go_in_one_batch() -> None:
    """The engine is called once for the whole article."""
    eng = Scripted({"Title": "Titel", "First line second line.": "Erste Zeile zweite Zeile.", "Item": "Punkt"})
    r = translate_markdown("# Title\n\nFirst line\nsecond line.\n\n* Item\n", translator=SafeTranslator(
        eng, detect_language=False), locale="de")
    assert eng.calls == 1
    assert r.text == "# Titel\n\nErste Zeile zweite Zeile.\n\n* Punkt\n"
    assert not r.needs_review


def test_lost_emphasis_or_link_goes_to_review() -> None:
    """A dropped ``**`` or a damaged link target routes the segment to review with the line number."""
    eng = Scripted({"Click **Save** now.": "Klicken Sie jetzt auf Speichern.",
                    "See [docs](ZQ0Z).": "Siehe [Doku](ZQ0Z).",
                    "See [docs]ZQ0Z.": "Siehe [Doku].",
                    "Fine.": "Gut."})
    text = "Fine.\n\nClick **Save** now.\n\nSee [docs](/help/a).\n"
    r = translate_markdown(text, translator=SafeTranslator(eng, detect_language=False), locale="de")
    assert r.reasons == (
        "line 3 (paragraph): Markdown emphasis markers changed",
        "line 3 (paragraph): language check disabled",
        "line 5 (paragraph): protected tokens changed in every hypothesis: token 0 (/help/a) is missing",
        "line 5 (paragraph): language check disabled",
    )
    assert [s.translation.decision for s in r.segments if s.translation] == [
        "auto-accept", "needs-review", "needs-review"]


def test_line_endings_and_front_matter_quoting() -> None:
    """CRLF endings and a missing final newline are kept; a value needing quotes is quoted."""
    eng = Scripted({"Help": "Hilfe: Konto", "Body text here.": "Text hier."})
    text = "---\r\ntitle: Help\r\n---\r\nBody text here."
    r = translate_markdown(text, translator=SafeTranslator(eng, detect_language=False), locale="de")
    assert r.text == '---\r\ntitle: "Hilfe: Konto"\r\n---\r\nText hier.'


def test_empty_and_code_only_articles_need_no_engine() -> None:
    """Nothing translatable means no MT call and nothing to review."""
    eng = Scripted({})
    code = "```\nprint('hi')\n```\n"
    for text in ("", code, "---\nid: 3\n---\n"):
        r = translate_markdown(text, translator=SafeTranslator(eng), locale="de")
        assert (r.text, r.segments, r.needs_review) == (text, (), False)
    assert eng.calls == 0


def test_bad_input_is_explained(tmp_path: Path) -> None:
    """Bytes instead of text raise InvalidInputError with a hint."""
    with pytest.raises(InvalidInputError, match="must be str, got bytes"):
        translate_markdown(b"# Hi", translator=SafeTranslator(None), locale="de")  # type: ignore[arg-type]
