"""Benchmark toneloc.tone: rewrites/s of a 300-character reply per culture, and import time.

Peer: a plain regex word-swap (one compiled alternation of pronoun/possessive swaps per language,
``re.sub`` with a dict lookup). It is what a helpdesk team writes when no formality tool exists
(no commercial MT offers formality for these languages with agreement; simplemma only lemmatises
and would need the same rule layer on top), so it is the fair speed floor: toneloc does agreement,
protection of placeholders and edit tracking on top of it. Both run in the same process and the
ratio is reported, because the machine is shared and absolute figures are noisy.

    python bench/bench_tone.py            # every culture: toneloc/s (wall, CPU), word-swap/s (wall, CPU), CPU ratio
    python bench/bench_tone.py ja-JP ko-KR    # only these cultures
"""

from __future__ import annotations

import functools
import re
import subprocess
import sys
import time
from collections.abc import Callable

# Realistic support replies of about 300 characters, informal (sv-SE: formal "ni"), each with a placeholder.
REPLIES = {
    "de-DE": "Hallo Anna, danke für deine Nachricht! Kannst du mir bitte deine Bestellnummer schicken? Wenn "
             "du Fragen hast, melde dich einfach. Du bekommst dein Geld innerhalb von 5 Tagen zurück, sobald "
             "wir dein Paket erhalten haben. Schau dir auch {url} an, dort findest du alle Infos. Viele "
             "Grüße, dein Support-Team",
    "fr-FR": "Bonjour Anna, merci pour ton message ! Peux-tu m'envoyer ton numéro de commande ? Si tu as des "
             "questions, dis-moi. Tu recevras ton remboursement sous 5 jours dès que nous aurons reçu ton "
             "colis. Consulte aussi {url}, tu y trouveras toutes les infos. Réponds-moi si besoin. À "
             "bientôt, ton équipe support",
    "es-ES": "Hola Ana, gracias por tu mensaje. ¿Puedes enviarme tu número de pedido? Si tienes preguntas, "
             "dime. Recibirás tu reembolso en 5 días cuando hayamos recibido tu paquete. Mira también {url}, "
             "allí encontrarás toda la información. Si lo necesitas, escríbeme otra vez. Un saludo cordial, "
             "tu equipo de soporte",
    "it-IT": "Ciao Anna, grazie per il tuo messaggio! Puoi inviarmi il tuo numero d'ordine? Se hai domande, "
             "dimmi pure. Riceverai il rimborso entro 5 giorni dopo che avremo ricevuto il tuo pacco. Guarda "
             "anche {url}, lì trovi tutte le informazioni. Se ti serve altro, scrivimi di nuovo. A presto, "
             "il tuo team di supporto",
    "nl-NL": "Hallo Anna, bedankt voor je bericht! Kun je je bestelnummer sturen? Als je vragen hebt, laat "
             "het ons weten. Je krijgt je geld binnen 5 dagen terug zodra we je pakket hebben ontvangen. "
             "Kijk ook op {url}, daar vind je alle informatie. Heb je nog iets nodig, stuur ons dan een "
             "mail. Groeten, jouw supportteam",
    "pt-PT": "Olá Ana, obrigado pela tua mensagem! Podes enviar o teu número de encomenda? Se tiveres "
             "dúvidas, diz-me. Vais receber o teu reembolso em 5 dias quando recebermos a tua encomenda. Vê "
             "também {url}, lá encontras toda a informação. Se precisares de mais alguma coisa, escreve-me. "
             "Cumprimentos, a tua equipa",
    "sv-SE": "Hej Anna, tack för ert meddelande! Kan ni skicka ert ordernummer? Om ni har frågor är ni "
             "välkomna att höra av er. Ni får pengarna tillbaka inom 5 dagar när vi har tagit emot ert "
             "paket. Titta också på {url}, där hittar ni all information. Behöver ni något mer, skriv till "
             "oss. Vänliga hälsningar, supporten",
    "en-US": "Hey Anna, thanks for your message! Can you send me your order number? We're gonna check it and "
             "you'll get your money back within 5 days once we've got the parcel. Don't worry, it's all "
             "fine. Check {url} too, it's got all the info. If you need anything else, just ping us. Cheers, "
             "the support team",
    "vi-VN": "Chào bạn, cảm ơn bạn đã liên hệ với bọn mình. Bạn gửi cho mình mã đơn hàng được không? Nếu bạn "
             "có câu hỏi gì thì cứ nhắn nhé. Bạn sẽ nhận lại tiền trong vòng 5 ngày sau khi mình nhận được gói "
             "hàng. Bạn xem thêm ở {url} nhé, ở đó có đủ thông tin. Hãy kiểm tra email của bạn. Mình cảm ơn bạn "
             "nhiều!",
    "hi-IN": "नमस्ते अनीता, तुम्हारे संदेश के लिए धन्यवाद! क्या तुम मुझे अपना ऑर्डर नंबर भेज सकती हो? अगर तुम्हारे कोई "
             "सवाल हैं तो मुझे बताओ। तुम्हें पैसे 5 दिन में वापस मिल जाएंगे जब हमें तुम्हारा पैकेट मिल जाएगा। {url} भी "
             "देखो, वहाँ सारी जानकारी है। तुम चाहो तो फिर से लिखो। धन्यवाद, तुम्हारी सपोर्ट टीम",
    "id-ID": "Halo kak, makasih udah hubungin kita ya! Kamu bisa kirim nomor pesananmu gak? Kalo kamu ada "
             "pertanyaan, bilang aja. Uangmu bakal balik dalam 5 hari setelah paketmu kita terima. Cek juga {url} "
             "ya, di situ ada semua infonya. Kalau masih bingung, kamu chat aja lagi. Makasih banget, tim support "
             "kamu",
    "lv-LV": "Sveika, Anna! Paldies par tavu ziņu. Vai tu vari man atsūtīt savu pasūtījuma numuru? Ja tev ir "
             "jautājumi, raksti man. Tu saņemsi savu naudu atpakaļ 5 dienu laikā, kad mēs būsim saņēmuši tavu "
             "paku. Apskati arī {url}, tur tu atradīsi visu informāciju. Ja tev vajag, raksti vēlreiz. Ar cieņu, "
             "tava atbalsta komanda",
    "ru-RU": "Привет, Анна! Спасибо за твоё сообщение. Можешь прислать мне номер своего заказа? Если у тебя "
             "есть вопросы, напиши мне. Ты получишь свои деньги через 5 дней, когда мы получим твою посылку. "
             "Посмотри также {url}, там ты найдёшь всю информацию. Если нужно, напиши ещё раз. С уважением, "
             "твоя команда поддержки",
    "ja-JP": "田中さん、メッセージありがとう。注文番号を送ってくれる？質問があったら、いつでも聞いてね。"
             "荷物が届いたら、5日以内に返金するよ。{url}も見てみて。そこに全部の情報がある。メール"
             "も確認してね。パスワードを変えたいなら、設定画面から変えられる。まだ困ってたら、またここに"
             "書いてね。届くまで少し時間がかかるかもしれない。本当にごめんね。もし商品が壊れていたら、写"
             "真を撮って送ってくれる？すぐに新しいのを送るよ。返品の送料はこっちで払うから、心配しないで"
             "。ほかに何か分からないことがあったら、遠慮しないで聞いてね。これからもよろしくね。いつもあ"
             "りがとう。サポートチームより",
    "ko-KR": "안녕, 민지야! 메시지 고마워. 주문 번호 좀 보내 줄래? 궁금한 거 있으면 언제든지 물어봐. 우리가 소포를 "
             "받으면 5일 안에 돈을 돌려줄게. {url}도 한번 봐. 거기에 정보가 다 있어. 이메일도 확인해 줘. 비밀번호를 "
             "바꾸고 싶으면 설정 화면에서 바꿀 수 있어. 아직 문제가 있으면 여기에 다시 써 줘. 배송이 조금 늦어질 수도 "
             "있어. 정말 미안해. 상품이 망가져 있으면 사진을 찍어서 보내 줘. 바로 새 걸 보내 줄게. 반품 배송비는 "
             "우리가 낼 테니까 걱정하지 마. 나중에 또 연락할게. 좋은 하루 보내!",
}
# Each culture is rewritten towards the register its support replies use (sv-SE: informal "du").
TARGET = {"sv-SE": "informal"}

SWAPS = {
    "de": {"du": "Sie", "dich": "Sie", "dir": "Ihnen", "dein": "Ihr", "deine": "Ihre", "deinen": "Ihren"},
    "fr": {"tu": "vous", "te": "vous", "toi": "vous", "ton": "votre", "ta": "votre", "tes": "vos"},
    "es": {"tú": "usted", "tu": "su", "tus": "sus", "te": "le"},
    "it": {"tu": "Lei", "tuo": "suo", "tua": "sua", "tuoi": "suoi", "tue": "sue", "ti": "La"},
    "nl": {"je": "u", "jij": "u", "jou": "u", "jouw": "uw"},
    "pt": {"tu": "você", "teu": "seu", "tua": "sua", "teus": "seus", "tuas": "suas", "te": "o"},
    "en": {"hey": "hello", "gonna": "going to", "yeah": "yes", "cheers": "kind regards"},
    "sv": {"ni": "du", "er": "dig", "ert": "ditt", "era": "dina"},
    "vi": {"bạn": "quý vị", "mình": "tôi", "nhé": "ạ"},
    "hi": {"तुम": "आप", "तुम्हारा": "आपका", "तुम्हारी": "आपकी", "तुम्हारे": "आपके", "तुम्हें": "आपको"},
    "id": {"kamu": "Anda", "aku": "saya", "gak": "tidak", "udah": "sudah", "makasih": "terima kasih"},
    "lv": {"tu": "jūs", "tev": "jums", "tavs": "jūsu", "tava": "jūsu", "tavu": "jūsu", "vari": "varat"},
    "ru": {"ты": "вы", "тебя": "вас", "тебе": "вам", "твой": "ваш", "твою": "вашу", "твоё": "ваше", "твоя": "ваша"},
    "ja": {"ありがとう": "ありがとうございます", "ね": "ください", "よ": "ます"},
    "ko": {"고마워": "고맙습니다", "미안해": "죄송합니다", "나": "저", "줘": "주세요"},
}


def make_swap(lang: str) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(map(re.escape, SWAPS[lang])) + r")\b", re.IGNORECASE)


def word_swap(pat: re.Pattern[str], table: dict[str, str], text: str) -> str:
    return pat.sub(lambda m: table.get(m.group(0).lower(), m.group(0)), text)


def rate(call: Callable[[], object], seconds: float = 0.6) -> tuple[float, float]:
    """Calls per second of wall time and per second of this process's CPU time.

    On a shared machine the wall-clock rate falls with the load average; the CPU-time rate is what
    one core dedicated to the process would sustain.
    """
    n = 0
    start, cpu = time.perf_counter(), time.process_time()
    while True:
        for _ in range(50):
            call()
        n += 50
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return n / elapsed, n / max(time.process_time() - cpu, 1e-9)


def import_time() -> float:
    code = "import time;t=time.perf_counter();import toneloc.tone, toneloc.rules.de;print(time.perf_counter()-t)"
    return min(float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                    check=True).stdout) for _ in range(3))


def main() -> None:
    import os

    from toneloc.tone import rewrite

    print(f"load average {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} CPUs")
    print(f"import toneloc.tone + de rules: {import_time() * 1000:.0f} ms (best of 3, fresh process)")
    print(f"{'culture':8}{'chars':>6}{'toneloc/s':>11}{'(CPU)':>9}{'word-swap/s':>13}{'(CPU)':>10}{'ratio':>8}  edits")
    wanted = sys.argv[1:] or list(REPLIES)
    unknown = [w for w in wanted if w not in REPLIES]
    if unknown:
        raise SystemExit(f"no benchmark reply for {', '.join(unknown)}; choose from {', '.join(REPLIES)}")
    for loc in wanted:
        reply = REPLIES[loc]
        lang = loc.split("-")[0]
        target = TARGET.get(loc, "formal")
        edits = len(rewrite(reply, loc, formality=target).edits)  # also warms the rule cache
        ours = max(rate(functools.partial(rewrite, reply, loc, formality=target)) for _ in range(3))
        pat, table = make_swap(lang), SWAPS[lang]
        peer = max(rate(functools.partial(word_swap, pat, table, reply)) for _ in range(3))
        print(f"{loc:8}{len(reply):>6}{ours[0]:>11,.0f}{ours[1]:>9,.0f}{peer[0]:>13,.0f}{peer[1]:>10,.0f}"
              f"{ours[1] / peer[1]:>8.3f}  {edits}")

if __name__ == "__main__":
    main()
