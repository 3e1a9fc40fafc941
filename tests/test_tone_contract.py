"""The contract every culture's tone rules must keep, and one test class per culture.

:class:`CultureContract` is the base class (it is not collected itself: its name does not start
with ``Test``). A culture's test class sets ``locale``, ``to_formal`` (input -> expected formal
text), ``already_formal`` / ``already_informal`` (must come back unchanged) and optionally
``to_informal``; the base class adds idempotence, protected spans, awkward input and golden
snapshots (``tests/rules/<language>.json``; refresh with ``TONELOC_UPDATE_GOLDEN=1``).

Other culture test files can reuse it: ``from test_tone_contract import CultureContract``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import ClassVar

import pytest

from toneloc.rules import get_rules
from toneloc.rules._base import apply_edits
from toneloc.tone import rewrite

GOLDEN = Path(__file__).parent / "rules"

AWKWARD = [
    "",
    " ",
    "\n\n",
    "🙂👍🏽 ✨",
    "مرحبا، كيف يمكنني مساعدتك؟",
    "שלום {name}",
    "混合 mixed テキスト 한국어 text",
    "a\u200bb\u200dc\ufeff",
    "{{ user.name }} {0} %(count)s %s https://example.com/a?b=c",
    "\x00\x01\x7f",
    "'''\"\"\"«»„“",
]


class CultureContract:
    """Base class: subclass it and fill the class attributes."""

    locale: ClassVar[str] = ""
    to_formal: ClassVar[list[tuple[str, str]]] = []
    to_informal: ClassVar[list[tuple[str, str]]] = []
    already_formal: ClassVar[list[str]] = []
    already_informal: ClassVar[list[str]] = []
    protected_sample: ClassVar[str] = ""  # informal text containing {name}, a URL and "quoted text"

    # ---------------------------------------------------------------- examples
    def test_to_formal_examples(self) -> None:
        """Informal input becomes exactly the expected formal text."""
        for source, expected in self.to_formal:
            assert rewrite(source, self.locale, formality="formal").text == expected, source

    def test_to_informal_examples(self) -> None:
        """Formal input becomes exactly the expected informal text (where the culture supports it)."""
        for source, expected in self.to_informal:
            assert rewrite(source, self.locale, formality="informal").text == expected, source

    def test_already_formal_unchanged(self) -> None:
        """Do no harm: formal text stays byte-for-byte the same."""
        for text in self.already_formal + [e for _, e in self.to_formal]:
            res = rewrite(text, self.locale, formality="formal")
            assert res.text == text, text
            assert res.edits == ()

    def test_already_informal_unchanged(self) -> None:
        """Do no harm: informal text rewritten to informal stays the same."""
        for text in self.already_informal + [s for s, _ in self.to_formal]:
            assert rewrite(text, self.locale, formality="informal").text == text, text

    def test_idempotent(self) -> None:
        """Rewriting the output again changes nothing."""
        for source, _ in self.to_formal:
            once = rewrite(source, self.locale, formality="formal").text
            assert rewrite(once, self.locale, formality="formal").text == once

    def test_edits_reproduce_text(self) -> None:
        """Applying the reported edits to the source gives the result; every 'before' matches the source."""
        for source, _ in self.to_formal:
            res = rewrite(source, self.locale, formality="formal", directness="indirect")
            for e in res.edits:
                assert source[e.start : e.end] == e.before
                assert e.rule_id
                assert e.explanation
            assert apply_edits(source, res.edits) == res.text

    # ---------------------------------------------------------------- safety
    def test_protected_spans_untouched(self) -> None:
        """Placeholders, URLs, e-mail addresses, code and quotes survive verbatim."""
        if not self.protected_sample:
            pytest.skip("no protected sample for this culture")
        out = rewrite(self.protected_sample, self.locale, formality="formal").text
        for piece in ("{name}", "https://example.com/du/tu/je", "`du tu je`", "help@example.com"):
            if piece in self.protected_sample:
                assert piece in out

    def test_protect_argument(self) -> None:
        """A product name passed in protect= is never rewritten, even when it looks like a rule target."""
        for source, expected in self.to_formal[:3]:
            word = next((w for w in source.split() if w.strip(",.!?") and w not in expected.split()), None)
            if word is None:
                continue
            word = word.strip(",.!?")
            out = rewrite(source, self.locale, formality="formal", protect=[word]).text
            assert word in out

    @pytest.mark.parametrize("text", AWKWARD)
    def test_awkward_input(self, text: str) -> None:
        """Empty, emoji, RTL, mixed scripts, zero-width and control characters: no exception, no change."""
        for formality in ("formal", "informal"):
            for directness in (None, "direct", "indirect"):
                res = rewrite(text, self.locale, formality=formality, directness=directness)
                assert isinstance(res.text, str)
                assert res.text == text

    @pytest.mark.slow
    def test_one_megabyte(self) -> None:
        """A 1 MB reply is rewritten in one piece (and quickly)."""
        if not self.to_formal:
            pytest.skip("no examples")
        source, expected = self.to_formal[0]
        reps = 1_000_000 // (len(source) + 1) + 1
        big = "\n".join([source] * reps)
        out = rewrite(big, self.locale, formality="formal").text
        want = "\n".join([expected] * reps)
        if out != want:  # no `assert out == want`: pytest's diff of two 1 MB strings takes minutes
            at = next((i for i, (a, b) in enumerate(zip(out, want, strict=False)) if a != b), min(len(out), len(want)))
            pytest.fail(f"1 MB rewrite differs at offset {at}: {out[max(0, at - 40):at + 40]!r} != "
                        f"{want[max(0, at - 40):at + 40]!r}")

    def test_find_register(self) -> None:
        """The checker finds informal markers in informal examples and none in formal ones."""
        rules = get_rules(self.locale)
        for source, expected in self.to_formal:
            if source.lower() != expected.lower() and rules.markers:
                hits = rules.find_register(expected)
                assert all(h.register == "formal" for h in hits), (expected, hits)

    # ---------------------------------------------------------------- golden
    def test_golden_snapshot(self) -> None:
        """Outputs for every example (both directions, both directness settings) match tests/rules/<lang>.json."""
        lang = self.locale.split("-")[0]
        path = GOLDEN / f"{lang}.json"
        inputs = [s for s, _ in self.to_formal] + [s for s, _ in self.to_informal] + self.already_formal
        snap = {}
        for text in inputs:
            snap[text] = {
                "formal": rewrite(text, self.locale, formality="formal").text,
                "informal": rewrite(text, self.locale, formality="informal").text,
                "indirect": rewrite(text, self.locale, formality="formal", directness="indirect").text,
                "direct": rewrite(text, self.locale, formality="formal", directness="direct").text,
            }
        if os.environ.get("TONELOC_UPDATE_GOLDEN") or not path.exists():
            path.parent.mkdir(exist_ok=True)
            path.write_text(json.dumps(snap, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
            if not os.environ.get("TONELOC_UPDATE_GOLDEN"):
                pytest.fail(f"golden snapshot {path} was missing and has been written; re-run")
        assert json.loads(path.read_text(encoding="utf-8")) == snap


class TestGerman(CultureContract):
    locale = "de-DE"
    to_formal: ClassVar[list[tuple[str, str]]] = [
        ("Hast du die Rechnung bekommen?", "Haben Sie die Rechnung bekommen?"),
        ("Kannst du mir deine Bestellnummer schicken?", "Können Sie mir Ihre Bestellnummer schicken?"),
        ("Schick mir bitte einen Screenshot.", "Schicken Sie mir bitte einen Screenshot."),
        ("Melde dich, wenn du Fragen hast.", "Melden Sie sich, wenn Sie Fragen haben."),
        ("Danke, dass du gewartet hast!", "Danke, dass Sie gewartet haben!"),
        ("Du bist jetzt angemeldet.", "Sie sind jetzt angemeldet."),
        ("Wir haben dir eine E-Mail geschickt.", "Wir haben Ihnen eine E-Mail geschickt."),
        ("Weißt du, wo dein Passwort steht?", "Wissen Sie, wo Ihr Passwort steht?"),
        ("Wenn du dich anmeldest, siehst du deine Bestellungen.",
         "Wenn Sie sich anmelden, sehen Sie Ihre Bestellungen."),
        ("Gib deine Adresse ein und klick auf Speichern.", "Geben Sie Ihre Adresse ein und klicken Sie auf Speichern."),
        ("Hallo Anna,\ndein Paket ist unterwegs.\nLG\nTom", "Guten Tag Anna,\nIhr Paket ist unterwegs.\n"
         "Mit freundlichen Grüßen\nTom"),
        ("Du musst nicht zahlen, wenn du 3 Artikel nicht bekommen hast.",
         "Sie müssen nicht zahlen, wenn Sie 3 Artikel nicht bekommen haben."),
    ]
    to_informal: ClassVar[list[tuple[str, str]]] = [
        ("Können Sie mir Ihre Bestellnummer schicken?", "Kannst du mir deine Bestellnummer schicken?"),
        ("Haben Sie die Rechnung bekommen?", "Hast du die Rechnung bekommen?"),
        ("Wir danken Ihnen für Ihre Geduld.", "Wir danken dir für deine Geduld."),
        ("Sie haben angerufen.", "Sie haben angerufen."),  # sentence-initial Sie: ambiguous, unchanged
    ]
    already_formal: ClassVar[list[str]] = [
        "Sie wissen ja, dass sie morgen kommt.",
        "Bitte prüfen Sie Ihre E-Mails.",
        "Die Lieferung kommt am 3. März.",
        "Das ist für sie und ihre Familie.",
    ]
    already_informal: ClassVar[list[str]] = ["Sie kommt morgen, sagt sie.", "Danke für deine Nachricht!"]
    protected_sample = (
        "Hallo {name}, siehst du https://example.com/du/tu/je und `du tu je`? Schreib an help@example.com."
    )

    def test_case_sensitive_sie(self) -> None:
        """'sie' (she/they) is not a formal marker; 'Sie' inside a sentence is."""
        hits = get_rules("de").find_register("Ich weiß, dass sie kommt, und Sie auch.")
        assert [(h.text, h.register) for h in hits] == [("Sie", "formal")]


class TestFrench(CultureContract):
    locale = "fr-FR"
    to_formal: ClassVar[list[tuple[str, str]]] = [
        ("Peux-tu me donner ton numéro de commande ?", "Pouvez-vous me donner votre numéro de commande ?"),
        ("Tu as reçu la facture ?", "Vous avez reçu la facture ?"),
        ("Dis-moi si tu as besoin d'aide.", "Dites-moi si vous avez besoin d'aide."),
        ("Je t'envoie le lien, s'il te plaît vérifie tes e-mails.",
         "Je vous envoie le lien, s'il vous plaît vérifie vos e-mails."),
        ("Tu ne peux pas annuler après 14 jours.", "Vous ne pouvez pas annuler après 14 jours."),
        ("Assure-toi que ta carte est valide.", "Assurez-vous que votre carte est valide."),
        ("Tu pourrais réessayer demain ?", "Vous pourriez réessayer demain ?"),
        ("Merci à toi !", "Merci à vous !"),
    ]
    already_formal: ClassVar[list[str]] = [
        "Pouvez-vous nous envoyer une photo ?",
        "Dites-moi si vous avez des questions.",
        "Le colis arrivera le 3 mars.",
    ]
    already_informal: ClassVar[list[str]] = ["Salut, tu vas bien ?"]
    protected_sample = "Salut {name}, tu vois https://example.com/du/tu/je ? Écris à help@example.com."

    @pytest.mark.parametrize(("source", "expected"), [
        # a verb after "et" shares the subject of the verb before it: here "quelqu'un", not the reader
        ("Il faut que quelqu'un t'aide et jette les cartons pour toi.",
         "Il faut que quelqu'un vous aide et jette les cartons pour vous."),
        # the exhortative "Allez," announces an imperative (Le Bon Usage § 1104)
        ("Allez, essaie encore une fois.", "Allez, essayez encore une fois."),
        # "tu y vas et dis ...": the coordinated verb without a subject shares tu
        ("Donc tu y vas et dis que le colis est abîmé.", "Donc vous y allez et dites que le colis est abîmé."),
        # ... but after "et les"/"ou les" a word in -s is a plural noun after an article, not a verb
        ("Tu as reçu le colis et les factures ?", "Vous avez reçu le colis et les factures ?"),
        ("Tu as payé les frais et les taxes ?", "Vous avez payé les frais et les taxes ?"),
        ("Tu gardes le carton et les accessoires.", "Vous gardez le carton et les accessoires."),
        # ... unless the word is clearly a verb: an object clitic le/la before a verb form, a negation,
        # or a verb-phrase adverb after it
        ("Tu le prends et le ranges.", "Vous le prenez et le rangez."),
        ("Tu prends les papiers et ne les ranges pas.", "Vous prenez les papiers et ne les rangez pas."),
        ("Tu prends les papiers et les ranges soigneusement.",
         "Vous prenez les papiers et les rangez soigneusement."),
        # a negated clause-initial verb without a subject is an imperative, even with the indicative -s
        ("Ne retournes pas sur ton ancien compte.", "Ne retournez pas sur votre ancien compte."),
        # a clause-initial verb in a text that says tu elsewhere is a tu-imperative ("Maintenant ..." too)
        ("Merci pour ton message. Maintenant jette aussi un œil à la page d'aide.",
         "Merci pour votre message. Maintenant jetez aussi un œil à la page d'aide."),
        # ... but a noun opening a sentence is left alone
        ("Merci pour ton message. Demande envoyée hier.", "Merci pour votre message. Demande envoyée hier."),
    ])
    def test_imperatives_and_coordination(self, source: str, expected: str) -> None:
        """Imperatives are told from indicatives by the subject French always needs (Le Bon Usage § 232)."""
        assert rewrite(source, self.locale, formality="formal").text == expected


class TestSpanish(CultureContract):
    locale = "es-ES"
    to_formal: ClassVar[list[tuple[str, str]]] = [
        ("¿Puedes enviarme tu número de pedido?", "¿Puede enviarme su número de pedido?"),
        ("Dime si tienes alguna pregunta.", "Dígame si tiene alguna pregunta."),
        ("Gracias por tu paciencia.", "Gracias por su paciencia."),
        ("¿Has recibido la factura?", "¿Ha recibido la factura?"),
        ("No puedes cancelar después de 14 días.", "No puede cancelar después de 14 días."),
        ("Cuéntame qué pasó con tu pedido.", "Cuénteme qué pasó con su pedido."),
        ("Tú sabes que estamos contigo.", "Usted sabe que estamos con usted."),
    ]
    already_formal: ClassVar[list[str]] = [
        "¿Puede enviarnos una foto?",
        "Las compras llegan en 3 días.",
        "¿Quiere cancelar su pedido?",
    ]
    already_informal: ClassVar[list[str]] = ["Hola, ¿qué tal estás?"]
    protected_sample = "Hola {name}, ¿ves https://example.com/du/tu/je? Escribe a help@example.com."


class TestItalian(CultureContract):
    locale = "it-IT"
    to_formal: ClassVar[list[tuple[str, str]]] = [
        # a question to the reader needs no "Lei": the addressee is clear (Serianni VII, pronomi allocutivi)
        ("Puoi inviarmi il tuo numero d'ordine?", "Può inviarmi il suo numero d'ordine?"),
        # a statement opened by a 3sg verb gets an explicit "Lei" (può alone is ambiguous: Serianni XI)
        ("Puoi inviarmi il tuo numero d'ordine.", "Lei può inviarmi il suo numero d'ordine."),
        # explicit Lei after "se" (it.tu_lei.subject)
        ("Dimmi se hai domande.", "Mi dica se Lei ha domande."),
        ("Grazie per la tua pazienza.", "Grazie per la sua pazienza."),
        ("Non devi pagare nulla.", "Non deve pagare nulla."),
        ("Potresti riprovare domani?", "Potrebbe riprovare domani?"),
        # ... unless a third person was just mentioned: then "Lei" tells the reader from him/her
        ("Il tecnico ha detto che arriva. Potresti aprirgli?",
         "Il tecnico ha detto che arriva. Lei potrebbe aprirgli?"),
        # -are present after "se": indicative 2sg, so it changes (pensi -> pensa); Serianni XIV
        ("Se ci pensi, è semplice.", "Se ci pensa, è semplice."),
        # after "spero che" the 2sg subjunctive already is the formal form; ti is reflexive -> si
        ("Spero che ti diverta con il nuovo telefono.", "Spero che si diverta con il nuovo telefono."),
        # ti + piacere is an indirect object (Le); the reader as subject of the infinitive -> reflexive
        ("Ti è piaciuto il servizio?", "Le è piaciuto il servizio?"),
        ("Non dimenticare di registrarti.", "Non dimentichi di registrarsi."),
        ("Posso aiutarti?", "Posso aiutarLa?"),
        ("Scusa. Puoi riprovare?", "Scusi. Può riprovare?"),
    ]
    already_formal: ClassVar[list[str]] = [
        "Può inviarci una foto?",
        "Il pacco arriva il 3 marzo.",
        "Mi dica se ha domande.",
    ]
    already_informal: ClassVar[list[str]] = ["Ciao, come stai?"]
    protected_sample = "Ciao {name}, vedi https://example.com/du/tu/je? Scrivi a help@example.com."

    @pytest.mark.parametrize(("source", "expected"), [
        # questions put to the reader: no "Lei" (an initial "M." is not a sentence end)
        ("Hai ricevuto la fattura?", "Ha ricevuto la fattura?"),
        ("Hai visto il film M. Butterfly?", "Ha visto il film M. Butterfly?"),
        ("Pensi di vedere l'ultima puntata: M. I - Fallout?", "Pensa di vedere l'ultima puntata: M. I - Fallout?"),
        # ... but a capital letter + "." before a capitalised verb that opens a clause ends the statement,
        # which keeps its "Lei"
        ("Hai ordinato la taglia M. Puoi cambiarla?", "Lei ha ordinato la taglia M. Può cambiarla?"),
        ("Sei nel reparto B. Vuoi aspettare?", "Lei è nel reparto B. Vuole aspettare?"),
        # a discourse marker takes no subject
        ("Il pacco arriva domani, sai.", "Il pacco arriva domani, sa."),
        # "che" opening a question is the interrogative, not the conjunction that gets "Lei"
        ("E che ne pensi del nuovo modello?", "E che ne pensa del nuovo modello?"),
    ])
    def test_explicit_lei(self, source: str, expected: str) -> None:
        """'Lei' is written where the 3sg verb could mean someone else, not in every question."""
        assert rewrite(source, self.locale, formality="formal").text == expected

    @pytest.mark.parametrize(("source", "expected"), [
        # an impersonal verb opening a sentence is an indicative, not an imperative
        ("Sembra un errore del sistema, ti mando il link.", "Sembra un errore del sistema, Le mando il link."),
        # "lo" + a form in -i: the clitic, not the article (lo cannot precede a plural)
        ("So che lo usi ogni giorno.", "So che Lei lo usa ogni giorno."),
        # "il tecnico" is the subject of the subjunctive; "ti" is its object
        ("Spero che il tecnico non ti disturbi troppo.", "Spero che il tecnico non La disturbi troppo."),
        # "passi" (passare, not the noun passo) after "spero che": already the formal subjunctive
        ("Spero che tu stia bene e che passi una bella giornata.",
         "Spero che Lei stia bene e che passi una bella giornata."),
        # an -ere/-ire verb + di + infinitive opening a statement is an instruction (imperative) ...
        ("Smetti di preoccuparti per il rimborso.", "Smetta di preoccuparsi per il rimborso."),
        ("Fingi di non saperlo.", "Finga di non saperlo."),
        # ... but not a verb of opinion, tendency or ability: these describe the reader
        ("Credi di avere ragione.", "Lei crede di avere ragione."),
        ("Tendi a dimenticare la password.", "Lei tende a dimenticare la password."),
        ("Riesci a entrare nel tuo account.", "Lei riesce a entrare nel suo account."),
    ])
    def test_verb_readings(self, source: str, expected: str) -> None:
        """Mood and person of ambiguous forms are read from their context."""
        assert rewrite(source, self.locale, formality="formal").text == expected


class TestPortuguese(CultureContract):
    locale = "pt-PT"
    to_formal: ClassVar[list[tuple[str, str]]] = [
        ("Podes enviar-me o teu número de encomenda?", "Pode enviar-me o seu número de encomenda?"),
        ("Obrigado pela tua paciência.", "Obrigado pela sua paciência."),
        ("Tu sabes que estamos contigo.", "Você sabe que estamos consigo."),
        ("Não te preocupes, já tens o reembolso.", "Não se preocupe, já tem o reembolso."),
        ("Já viste a fatura?", "Já viu a fatura?"),
        ("Alguma vez usaste o site?", "Alguma vez usou o site?"),
        # future subjunctive (se tiveres -> se tiver) and imperative + enclitic me (diz-me -> diga-me)
        ("Se tiveres dúvidas, diz-me.", "Se tiver dúvidas, diga-me."),
        ("Tem um bom dia!", "Tenha um bom dia!"),
        # -te after an infinitive whose subject is the reader is reflexive; after a 1sg verb it is "o"
        ("Podes livrar-te dele facilmente.", "Pode livrar-se dele facilmente."),
        ("Compreendo-te perfeitamente.", "Compreendo-o perfeitamente."),
        ("Quando compras as tuas coisas online, recebes um recibo.",
         "Quando compra as suas coisas online, recebe um recibo."),
    ]
    already_formal: ClassVar[list[str]] = ["Pode enviar-nos uma foto?", "As compras chegam em 3 dias."]
    already_informal: ClassVar[list[str]] = []
    protected_sample = "Olá {name}, vês https://example.com/du/tu/je? Escreve para help@example.com."

    def test_brazil_senhor(self) -> None:
        """pt-BR: 'você' is neutral; formal uses 'o senhor' and flags the gender guess."""
        res = rewrite("Você pode enviar para você mesmo?", "pt-BR", formality="formal")
        assert res.text == "O senhor pode enviar para o senhor mesmo?"
        assert res.needs_review

    @pytest.mark.parametrize("text", [
        # formal address (o seu ...? / null-subject 3sg question / o senhor) + a generic tu elsewhere
        "Qual é o seu número de cliente? Quando mudas de tarifário, a fatura chega mais tarde.",
        "Já agora, tem a fatura? Se pagares por débito direto, o desconto aplica-se.",
        "O senhor já recebeu a encomenda? É mais fácil quando tens a app instalada.",
    ])
    def test_mixed_register_left_and_flagged(self, text: str) -> None:
        """pt-PT text that already addresses the reader formally keeps its tu-forms and is flagged."""
        res = rewrite(text, "pt-PT", formality="formal")
        assert res.text == text
        assert res.edits == ()
        assert res.needs_review
        assert "mixed register" in res.reasons[0]

    def test_tu_questions_are_not_formal_cues(self) -> None:
        """A question with a tu-form (pronoun or verb), or with an impersonal 3sg verb, does not stop the rewrite."""
        for src, want in (("Tens a fatura? Qual é o teu número?", "Tem a fatura? Qual é o seu número?"),
                          ("A tua encomenda chegou? Gosta do teu presente?",
                           "A sua encomenda chegou? Gosta do seu presente?"),
                          ("Faz sentido? Se tiveres dúvidas, liga-nos.", "Faz sentido? Se tiver dúvidas, ligue-nos."),
                          ("Olha, podes enviar a fatura?", "Olhe, pode enviar a fatura?")):
            res = rewrite(src, "pt-PT", formality="formal")
            assert (res.text, res.needs_review) == (want, False)


class TestDutch(CultureContract):
    locale = "nl-NL"
    to_formal: ClassVar[list[tuple[str, str]]] = [
        ("Heb je de factuur ontvangen?", "Hebt u de factuur ontvangen?"),
        ("Kun je je bestelnummer sturen?", "Kunt u uw bestelnummer sturen?"),
        ("Ben je tevreden over jouw bestelling?", "Bent u tevreden over uw bestelling?"),
        # "u heeft" and "u hebt" are both standard (Taaladvies "Hebt u / heeft u"); the rules use heeft
        ("Als je vragen hebt, bel ons.", "Als u vragen heeft, bel ons."),
        ("Dank je wel voor je geduld.", "Dank u wel voor uw geduld."),
        # "is" cannot agree with je: je is the possessive (ANS 5.2.3)
        ("Zodra je pakket is aangekomen, sturen we een mail.", "Zodra uw pakket is aangekomen, sturen we een mail."),
        ("Gebruik je de app op je telefoon?", "Gebruikt u de app op uw telefoon?"),
        ("We sturen je je nieuwe wachtwoord.", "We sturen u uw nieuwe wachtwoord."),
        ("Als je klaar bent, klik op Opslaan.", "Als u klaar bent, klik op Opslaan."),
        # plural jullie -> u (u is singular and plural) with the verb form of u
        ("Hebben jullie de mail gekregen?", "Hebt u de mail gekregen?"),
    ]
    to_informal: ClassVar[list[tuple[str, str]]] = [
        ("Hebt u de factuur ontvangen?", "Heb je de factuur ontvangen?"),
        ("Kunt u uw bestelnummer sturen?", "Kun je je bestelnummer sturen?"),
        ("Dank u wel, alstublieft.", "Dank je wel, alsjeblieft."),
    ]
    already_formal: ClassVar[list[str]] = ["Kunt u ons een foto sturen?", "Het pakket komt op 3 maart."]
    already_informal: ClassVar[list[str]] = ["Hoi, hoe gaat het met je?"]
    protected_sample = "Hoi {name}, zie je https://example.com/du/tu/je? Mail help@example.com."

    @pytest.mark.parametrize(("source", "expected"), [
        # "want" is a conjunction, not a verb inverted with je; the noun before the verb makes je possessive
        ("Je hebt gelijk, want je pakket is gisteren verstuurd.",
         "U heeft gelijk, want uw pakket is gisteren verstuurd."),
        ("want je moeder belt morgen.", "want uw moeder belt morgen."),
        # circumpositions (ANS: achterzetsels) are not nouns
        ("Het gebeurt overal om je heen.", "Het gebeurt overal om u heen."),
        ("Ik kom morgen naar je toe.", "Ik kom morgen naar u toe."),
        # independent possessive after its article
        ("Mijn fiets is ouder dan het jouwe.", "Mijn fiets is ouder dan het uwe."),
        # a coordinated main clause has its own subject
        ("Wil je koffie en je krijgt een koekje erbij.", "Wilt u koffie en u krijgt een koekje erbij."),
        ("Heb je vragen of heb je een klacht?", "Hebt u vragen of hebt u een klacht?"),
    ])
    def test_clause_structure(self, source: str, expected: str) -> None:
        """Conjunctions, circumpositions and independent possessives are read as such."""
        assert rewrite(source, self.locale, formality="formal").text == expected

    def test_generic_je_flagged(self) -> None:
        """A 'je' that may be generic is rewritten but flagged for review."""
        res = rewrite("Dan weet je het maar nooit.", "nl-NL", formality="formal")
        assert res.needs_review


class TestEnglish(CultureContract):
    locale = "en-US"
    to_formal: ClassVar[list[tuple[str, str]]] = [
        ("Hey, we're gonna fix it ASAP, thx!", "Hello, we are going to fix it as soon as possible, thank you!"),
        ("We can't refund orders older than 30 days.", "We cannot refund orders older than 30 days."),
        ("It's fixed, pls check.", "It is fixed, please check."),
        ("I'm sorry, that's John's order.", "I am sorry, that is John's order."),
    ]
    to_informal: ClassVar[list[tuple[str, str]]] = [
        ("We do not ship to PO boxes.", "We don't ship to PO boxes."),
    ]
    already_formal: ClassVar[list[str]] = ["Thank you for your patience.", "Your order #123 shipped on May 3."]
    already_informal: ClassVar[list[str]] = ["Hey, thanks!"]
    protected_sample = "Hey {name}, see https://example.com/du/tu/je and `du tu je`, mail help@example.com."


class TestSwedish(CultureContract):
    locale = "sv-SE"
    to_formal: ClassVar[list[tuple[str, str]]] = []
    to_informal: ClassVar[list[tuple[str, str]]] = [
        ("Kan Ni skicka Era uppgifter?", "Kan Du skicka Dina uppgifter?"),
        ("Kan ni skicka era uppgifter?", "Kan du skicka dina uppgifter?"),
    ]
    already_informal: ClassVar[list[str]] = ["Tack för ditt meddelande!", "Ni alla är välkomna."]

    def test_default_is_informal(self) -> None:
        """sv-SE support writes 'du': the culture default rewrites polite 'ni'."""
        assert rewrite("Kan ni skicka era uppgifter?", "sv-SE").text == "Kan du skicka dina uppgifter?"

    def test_formal_not_offered(self) -> None:
        """du -> ni is not attempted; the result is flagged."""
        res = rewrite("Kan du skicka dina uppgifter?", "sv-SE", formality="formal")
        assert res.text == "Kan du skicka dina uppgifter?"
        assert res.needs_review


def test_csv_doubled_quotes_are_escapes() -> None:
    """A ``""`` inside a CSV/TSV field is an escaped quote, not a delimiter: the reply is still rewritten."""
    from toneloc.rules._base import protected_spans

    text = '"Weet je, als je klant zegt: ""Oh, ik koop meer"", dan is dat goed."'
    spans = protected_spans(text)
    assert [text[s:e] for s, e in spans] == ['""Oh, ik koop meer""']
    out = rewrite(text, "nl-NL", formality="formal").text
    assert out == '"Weet u, als uw klant zegt: ""Oh, ik koop meer"", dan is dat goed."'
    assert protected_spans('Click "Save" now') == ((6, 12),)
