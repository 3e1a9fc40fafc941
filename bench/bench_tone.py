"""Benchmark toneloc.tone: rewrites/s of a ~300-character reply per culture, and import time.

Peer: a plain regex word-swap (one compiled alternation of pronoun/possessive swaps per language,
``re.sub`` with a dict lookup). It is what a helpdesk team writes when no formality tool exists
(no commercial MT offers formality for these languages with agreement; simplemma only lemmatises
and would need the same rule layer on top), so it is the fair speed floor: toneloc does agreement,
protection of placeholders and edit tracking on top of it. Both run in the same process and the
ratio is reported, because the machine is shared and absolute figures are noisy.

    python bench/bench_tone.py            # table: culture, toneloc/s, word-swap/s, ratio
"""

from __future__ import annotations

import functools
import re
import subprocess
import sys
import time
from collections.abc import Callable

REPLIES = {
    "de-DE": "Hallo, danke für deine Nachricht! Kannst du mir bitte deine Bestellnummer schicken? "
             "Wenn du Fragen hast, melde dich einfach. Du bekommst dein Geld innerhalb von 5 Tagen "
             "zurück, sobald wir dein Paket erhalten haben. Schau dir auch {url} an. Viele Grüße, dein Team",
    "fr-FR": "Bonjour, merci pour ton message ! Peux-tu m'envoyer ton numéro de commande ? Si tu as "
             "des questions, dis-moi. Tu recevras ton remboursement sous 5 jours dès que nous aurons "
             "reçu ton colis. Consulte aussi {url}. À bientôt, ton équipe support",
    "es-ES": "Hola, gracias por tu mensaje. ¿Puedes enviarme tu número de pedido? Si tienes preguntas, "
             "dime. Recibirás tu reembolso en 5 días cuando hayamos recibido tu paquete. Mira también "
             "{url}. Un saludo, tu equipo de soporte",
    "it-IT": "Ciao, grazie per il tuo messaggio! Puoi inviarmi il tuo numero d'ordine? Se hai domande, "
             "dimmi pure. Riceverai il rimborso entro 5 giorni dopo che avremo ricevuto il tuo pacco. "
             "Guarda anche {url}. A presto, il tuo team",
    "nl-NL": "Hallo, bedankt voor je bericht! Kun je je bestelnummer sturen? Als je vragen hebt, laat "
             "het ons weten. Je krijgt je geld binnen 5 dagen terug zodra we je pakket hebben ontvangen. "
             "Kijk ook op {url}. Groeten, jouw supportteam",
    "pt-PT": "Olá, obrigado pela tua mensagem! Podes enviar o teu número de encomenda? Se tiveres "
             "dúvidas, diz-me. Vais receber o teu reembolso em 5 dias quando recebermos a tua "
             "encomenda. Vê também {url}. Cumprimentos, a tua equipa",
    "en-US": "Hey, thanks for your message! Can you send me your order number? We're gonna check it "
             "and you'll get your money back within 5 days once we've got the parcel. Don't worry, "
             "it's all fine. Check {url} too. Cheers, the support team, and yeah we'll ping you soon",
}

SWAPS = {
    "de": {"du": "Sie", "dich": "Sie", "dir": "Ihnen", "dein": "Ihr", "deine": "Ihre", "deinen": "Ihren"},
    "fr": {"tu": "vous", "te": "vous", "toi": "vous", "ton": "votre", "ta": "votre", "tes": "vos"},
    "es": {"tú": "usted", "tu": "su", "tus": "sus", "te": "le"},
    "it": {"tu": "Lei", "tuo": "suo", "tua": "sua", "tuoi": "suoi", "tue": "sue", "ti": "La"},
    "nl": {"je": "u", "jij": "u", "jou": "u", "jouw": "uw"},
    "pt": {"tu": "você", "teu": "seu", "tua": "sua", "teus": "seus", "tuas": "suas", "te": "o"},
    "en": {"hey": "hello", "gonna": "going to", "yeah": "yes", "cheers": "kind regards"},
}


def make_swap(lang: str) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(map(re.escape, SWAPS[lang])) + r")\b", re.IGNORECASE)


def word_swap(pat: re.Pattern[str], table: dict[str, str], text: str) -> str:
    return pat.sub(lambda m: table.get(m.group(0).lower(), m.group(0)), text)


def rate(call: Callable[[], object], seconds: float = 0.6) -> float:
    n = 0
    start = time.perf_counter()
    while True:
        for _ in range(50):
            call()
        n += 50
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return n / elapsed


def import_time() -> float:
    code = "import time;t=time.perf_counter();import toneloc.tone, toneloc.rules.de;print(time.perf_counter()-t)"
    return min(float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                    check=True).stdout) for _ in range(3))


def main() -> None:
    from toneloc.tone import rewrite

    print(f"import toneloc.tone + de rules: {import_time() * 1000:.0f} ms (best of 3, fresh process)")
    print(f"{'culture':8}{'chars':>6}{'toneloc/s':>12}{'word-swap/s':>13}{'ratio':>8}  edits")
    for loc, reply in REPLIES.items():
        lang = loc.split("-")[0]
        rewrite(reply, loc, formality="formal")  # warm the rule cache
        edits = len(rewrite(reply, loc, formality="formal").edits)
        ours = rate(functools.partial(rewrite, reply, loc, formality="formal"))
        pat, table = make_swap(lang), SWAPS[lang]
        peer = rate(functools.partial(word_swap, pat, table, reply))
        print(f"{loc:8}{len(reply):>6}{ours:>12,.0f}{peer:>13,.0f}{ours / peer:>8.3f}  {edits}")


if __name__ == "__main__":
    main()
