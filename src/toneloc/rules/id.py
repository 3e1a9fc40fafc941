"""Indonesian (id) tone rules: kamu/kau/-mu -> Anda, Bapak/Ibu address, colloquial -> standard.

Formal Indonesian (*bahasa baku*) addresses a customer as *Anda* (capitalised, KBBI/PUEBI) or as
*Bapak/Ibu*; the agent is *saya* / *kami*. Colloquial Jakarta forms (*gak, udah, aja, gimana,
makasih*), chat abbreviations (*yg, tdk, sdh, utk*) and discourse particles (*sih, dong, deh*) have
standard equivalents listed in KBBI as "cak" (cakapan, colloquial) or "tidak baku".

What the rules do (informal -> formal):

* second person *kamu, kau, engkau, lu, lo, elo, loe* -> *Anda*; the clitic *-mu* on a noun ->
  noun + *Anda* (*akunmu* -> *akun Anda*); *kau-* prefixed verbs are left for review;
* first person *aku, gue, gua, gw* -> *saya*; the clitic *-ku* -> noun + *saya*;
* vocatives *kak, gan, sis, bro, mas, mbak* (and *min* = admin) at the start or end of a clause
  -> *Bapak/Ibu* (the gender is unknown: the result asks for review), *min/mimin* -> *Admin*;
* colloquial and abbreviated words -> standard (*gak/nggak/ga* -> *tidak*, *udah* -> *sudah*,
  *aja* -> *saja*, *gimana* -> *bagaimana*, *makasih* -> *terima kasih*, *yg* -> *yang*, ...);
* the particles *sih, dong, deh, nih, kok* (and *ya* closing a statement) are dropped.

Formal -> informal is not done; the text comes back unchanged.

Directness (sentence by sentence, through :class:`~toneloc.rules._directness.SentencePass`, which
discards any rewrite that would change a negation *tidak/belum/jangan/bukan* or a number):

* ``indirect`` (the id-ID culture default): a bare imperative or *Tolong ...* -> *Mohon ...* (also
  after a conditional clause: *Jika masih gagal, mohon hubungi kami*), *Jangan ...* -> *Mohon jangan
  ...*, a closing "!" -> "."; a refusal (*X tidak/belum bisa/dapat ...*) opens with *Mohon maaf,*
  and takes the formal *dapat*; *Anda harus/wajib* -> *Anda perlu*. Sentences that already open
  politely (*Mohon, Silakan, Harap, Maaf, Sayangnya, Terima kasih*) are left alone. Blaming the
  customer (*kesalahan Anda*), bare refusals (*Tidak bisa.*) and refusals without *bisa/dapat*
  (*Kami tidak menerima ...*) are left unchanged and flagged for review.
* ``direct``: announcement padding (*Kami ingin menginformasikan bahwa ...*) and filler openers
  (*Sejujurnya, Pada dasarnya, Mohon maaf sebelumnya*) are dropped, a leading thank-you sentence
  moves behind the answer; hedges (*sepertinya, mungkin, saya rasa*) are kept and flagged, since
  dropping them would state a guess as a fact.

The reviewed table ``tests/data/tone/directness_id.tsv`` (134 rows, both directions) is run row by
row in ``tests/test_tone_sea.py``.

References:
    Alwi, Hasan et al. *Tata Bahasa Baku Bahasa Indonesia*, 4th ed. Jakarta: Balai Pustaka, 2017 —
    § 5.3 (pronomina persona: *Anda, saya, kamu, -mu, -ku*), § 1.5 (ragam baku dan tidak baku).
    Badan Pengembangan dan Pembinaan Bahasa. *Pedoman Umum Ejaan Bahasa Indonesia* (PUEBI), 2016 —
    capital *A* in *Anda*, *Bapak/Ibu* as address terms.
    Badan Bahasa. *Kamus Besar Bahasa Indonesia* (KBBI Daring, 5th ed.) — the "cak"/"tidak baku"
    labels behind every entry of :data:`COLLOQUIAL` (e.g. *gimana* cak -> *bagaimana*).
    Sneddon, James N. *Colloquial Jakartan Indonesian*. Pacific Linguistics 581, 2006 — ch. 2-3
    (colloquial forms *gue/lu, udah, aja, nggak*, particles *sih, dong, deh*).
    Sneddon, James N., K. Alexander Adelaar, Dwi N. Djenar & Michael C. Ewing. *Indonesian: A
    Comprehensive Grammar*, 2nd ed. Routledge, 2010 — imperatives and their politeness (*tolong,
    silakan, mohon, harap, jangan*).
    GOV.UK content design guidance ("Writing for GOV.UK": lead with the answer, no padding) — the
    ``direct`` rules.
    Wibowo et al. (2020), STIF (IALP 2020) — colloquial/formal customer-service pairs, used as
    development data only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import regex

from toneloc.rules._base import (
    CultureRules,
    Edit,
    Marker,
    RegexRule,
    Rule,
    RuleContext,
    WordMapRule,
    compile_rx,
    marker,
    match_case,
    tokenize,
    word_pattern,
)
from toneloc.rules._directness import SentencePass, SentenceRule

__all__ = ["COLLOQUIAL", "Indonesian", "Rules"]

YOU: dict[str, str] = {
    "kamu": "Anda",
    "kau": "Anda",
    "engkau": "Anda",
    "lu": "Anda",
    "lo": "Anda",
    "elo": "Anda",
    "elu": "Anda",
    "loe": "Anda",
    "lw": "Anda",
}
SELF: dict[str, str] = {"aku": "saya", "gue": "saya", "gua": "saya", "gw": "saya", "sy": "saya", "ak": "saya"}
VOCATIVES = ("kak", "kakak", "gan", "agan", "sis", "bro", "mas", "mbak", "mba", "bang", "om", "tante")

COLLOQUIAL: dict[str, str] = {
    # negation
    "gak": "tidak",
    "nggak": "tidak",
    "ngga": "tidak",
    "ga": "tidak",
    "gk": "tidak",
    "enggak": "tidak",
    "engga": "tidak",
    "kaga": "tidak",
    "kagak": "tidak",
    "tdk": "tidak",
    "tak": "tidak",
    "gabisa": "tidak bisa",
    "gakbisa": "tidak bisa",
    "gaada": "tidak ada",
    "gada": "tidak ada",
    "blm": "belum",
    "ndak": "tidak",
    # aspect
    "udah": "sudah",
    "udh": "sudah",
    "uda": "sudah",
    "dah": "sudah",
    "sdh": "sudah",
    "lagi": "sedang",
    "lg": "sedang",
    "bakal": "akan",
    "bakalan": "akan",
    "mau": "ingin",
    # adverbs and conjunctions
    "aja": "saja",
    "aj": "saja",
    "doang": "saja",
    "gimana": "bagaimana",
    "gmn": "bagaimana",
    "gmana": "bagaimana",
    "knp": "kenapa",
    "napa": "kenapa",
    "kalo": "kalau",
    "klo": "kalau",
    "kl": "kalau",
    "tp": "tapi",
    "trs": "terus",
    "terus": "lalu",
    "jd": "jadi",
    "krn": "karena",
    "karna": "karena",
    "soalnya": "karena",
    "biar": "agar",
    "kayak": "seperti",
    "kaya": "seperti",
    "kyk": "seperti",
    "kayak gini": "seperti ini",
    "kaya gini": "seperti ini",
    "kayak gitu": "seperti itu",
    "kaya gitu": "seperti itu",
    "gini": "seperti ini",
    "gitu": "seperti itu",
    "banget": "sekali",
    "bgt": "sekali",
    "bener": "benar",
    "emang": "memang",
    "emg": "memang",
    "udahan": "selesai",
    "abis": "setelah",
    "sampe": "sampai",
    "ampe": "sampai",
    "skrg": "sekarang",
    "skrang": "sekarang",
    "kapan2": "kapan-kapan",
    "yg": "yang",
    "dgn": "dengan",
    "dg": "dengan",
    "sm": "sama",
    "utk": "untuk",
    "buat": "untuk",
    "jg": "juga",
    "dr": "dari",
    "pd": "pada",
    "sy": "saya",
    "bs": "bisa",
    "bisa2": "bisa-bisa",
    "tgl": "tanggal",
    "mgkn": "mungkin",
    "msh": "masih",
    "masi": "masih",
    "hrs": "harus",
    "lbh": "lebih",
    "org": "orang",
    "sblm": "sebelum",
    "ttg": "tentang",
    "tlg": "tolong",
    "dl": "dulu",
    "dlu": "dulu",
    "pake": "pakai",
    "pakek": "pakai",
    "kemaren": "kemarin",
    "kmrn": "kemarin",
    "ntar": "nanti",
    "nanti2": "nanti",
    "cepet": "cepat",
    "dapet": "dapat",
    "liat": "lihat",
    "denger": "dengar",
    "bikin": "membuat",
    "kasih": "beri",
    "nunggu": "menunggu",
    "nyoba": "mencoba",
    "ngecek": "mengecek",
    "ngirim": "mengirim",
    "nanya": "bertanya",
    "nyari": "mencari",
    "ngomong": "berbicara",
    "ngeluh": "mengeluh",
    "bales": "balas",
    "balesan": "balasan",
    "telfon": "telepon",
    "tlp": "telepon",
    "nelpon": "menelepon",
    "makasih": "terima kasih",
    "makasi": "terima kasih",
    "mksh": "terima kasih",
    "thx": "terima kasih",
    "thanks": "terima kasih",
    "tq": "terima kasih",
    "trims": "terima kasih",
    "maaf2": "maaf",
    "sorry": "maaf",
    "sori": "maaf",
    "ok": "baik",
    "oke": "baik",
    "okay": "baik",
    "btw": "omong-omong",
    "gpp": "tidak apa-apa",
    "gapapa": "tidak apa-apa",
    "nggapapa": "tidak apa-apa",
    "udahlah": "sudahlah",
    "respon": "respons",
    "ane": "saya",
}
"""Colloquial or abbreviated word -> standard form (KBBI "cak"/"tidak baku"; Sneddon 2006)."""

# "lagi" (again) and "mau" (to want, colloquially "will") and "buat"/"kasih" are ambiguous: keep them out.
for _ambiguous in ("lagi", "lg", "mau", "buat", "kasih", "terus", "tak", "ok", "oke", "okay", "kaya", "sm"):
    COLLOQUIAL.pop(_ambiguous, None)

PARTICLES = ("sih", "dong", "deh", "nih", "kok", "lho", "loh", "kan", "tuh", "yah", "yaa", "yaaa")


def _bounded(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a whole word as :func:`word_pattern` defines it (no letter, digit,
    ``_``, apostrophe or hyphen right before it; no letter, digit or ``_`` right after it)."""
    if start > 0:
        c = text[start - 1]
        if c.isalnum() or c in "_'’-":
            return False
    if end < len(text):
        c = text[end]
        if c.isalnum() or c == "_":
            return False
    return True


class TokenMapRule:
    """Whole-word replacements from a mapping (like :class:`WordMapRule`), looked up per token.

    One dictionary lookup per word of the shared tokenisation instead of a 120-way alternation regex
    tried at every position; keys with spaces or digits (``kayak gini``, ``bisa2``) still go through a
    small regex. Case is kept from the source word.

    >>> r = TokenMapRule("id.demo", {"gak": "tidak", "kayak gini": "seperti ini"}, "demo")
    >>> [(e.before, e.after) for e in r.apply("Gak bisa kayak gini", RuleContext("id"))]
    [('kayak gini', 'seperti ini'), ('Gak', 'Tidak')]
    """

    __slots__ = ("explanation", "id", "multi", "single")

    def __init__(self, id: str, mapping: dict[str, str], explanation: str) -> None:
        self.id = id
        self.explanation = explanation
        self.single = {k.lower(): v for k, v in mapping.items() if k.isalpha()}
        multi = {k.lower(): v for k, v in mapping.items() if not k.isalpha()}
        self.multi = WordMapRule(id, multi, explanation) if multi else None

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out = self.multi.apply(text, ctx) if self.multi is not None else []
        single = self.single
        for t in tokenize(text, ctx):
            after = single.get(t.low)
            if after is None or not t.word or not _bounded(text, t.start, t.end):
                continue
            after = match_case(t.text, after)
            if after != t.text:
                out.append(Edit(t.start, t.end, t.text, after, self.id, self.explanation))
        return out


class CliticRule:
    """noun-mu / noun-ku -> noun Anda / noun saya (akunmu -> akun Anda)."""

    id = "id.pronoun.clitic"
    explanation = "the clitics -mu/-ku become the full pronouns Anda/saya in formal Indonesian"
    # common nouns a support reply attaches -mu/-ku to; a closed list keeps "ilmu", "temu", "aku" safe
    NOUNS = (
        "akun",
        "pesanan",
        "paket",
        "nomor",
        "data",
        "kartu",
        "saldo",
        "tagihan",
        "email",
        "alamat",
        "kata sandi",
        "sandi",
        "rekening",
        "pembayaran",
        "keluhan",
        "pertanyaan",
        "masalah",
        "transaksi",
        "order",
        "barang",
        "pulsa",
        "kuota",
        "hp",
        "ponsel",
        "rumah",
        "nama",
        "profil",
        "aplikasi",
        "laptop",
        "mobil",
        "tiket",
        "kamar",
        "uang",
        "dana",
        "voucher",
        "pesan",
        "permintaan",
        "laporan",
        "tas",
        "teman",
        "keluarga",
        "kode",
        "password",
        "waktu",
        "bantuan",
        "jawaban",
        "foto",
        "dokumen",
        "identitas",
        "paketan",
    )
    _noun_set: ClassVar[frozenset[str]] = frozenset(n for n in NOUNS if " " not in n)
    _pat = compile_rx(
        r"(?<![\p{L}\p{M}\p{N}_])("
        + "|".join(sorted(NOUNS, key=len, reverse=True))
        + r")(mu|ku)(?![\p{L}\p{M}\p{N}_])",
        regex.I | regex.V1,
    )

    # any other word + -mu (kabarmu, ulasanmu): -mu is unambiguous once the words that merely end
    # in "mu" are excluded (KBBI); marked unsure so a reviewer sees it. -ku stays closed-list only
    # (buku, kuku, saku, laku ... end in "ku").
    _any_mu = compile_rx(r"(?<![\p{L}\p{M}\p{N}_])(\p{L}{3,}?)(mu)(?![\p{L}\p{M}\p{N}_])", regex.I | regex.V1)
    NOT_MU: ClassVar[frozenset[str]] = frozenset(
        [
            "ilmu",
            "temu",
            "tamu",
            "jamu",
            "ramu",
            "semu",
            "jemu",
            "kamu",
            "bertemu",
            "ketemu",
            "bertamu",
            "penemu",
            "peramu",
            "seilmu",
            "jumu",
            "kalimu",
            "guru",
            "rimu",
            "lemu",
            "damu",
            "nyamu",
        ]
    )

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        # One pass over the words of the text (shared tokenisation) instead of two alternation
        # regexes scanning every position: the same matches, 3-4 times faster on a reply.
        out = []
        nouns = self._noun_set
        for t in tokenize(text, ctx):
            low = t.low
            if not t.word or len(low) < 4 or not low.endswith(("mu", "ku")) or not _bounded(text, t.start, t.end):
                continue
            stem = t.text[:-2]
            if low[:-2] in nouns:
                pron = "Anda" if low.endswith("mu") else "saya"
                out.append(Edit(t.start, t.end, t.text, stem + " " + pron, self.id, self.explanation))
            elif low.endswith("mu") and len(low) >= 5 and low not in self.NOT_MU and not low.endswith("temu"):
                if "'" in low or "’" in low or not low.isalpha():
                    continue
                out.append(Edit(t.start, t.end, t.text, stem + " Anda", self.id, self.explanation, unsure=True))
        if "sandi" in text or "SANDI" in text or "Sandi" in text:
            for m in self._pat.finditer(text):  # multi-word nouns (kata sandimu)
                if " " in m.group(1):
                    pron = "Anda" if m.group(2).lower() == "mu" else "saya"
                    out.append(Edit(m.start(), m.end(), m.group(0), m.group(1) + " " + pron, self.id, self.explanation))
        return out


class VocativeRule:
    """kak/gan/sis/mas/mbak as address -> Bapak/Ibu (gender unknown: flagged for review)."""

    id = "id.address.vocative"
    explanation = "a customer is addressed as Bapak/Ibu in formal Indonesian"
    _pat = compile_rx(
        r"(?:(?<=^|[.!?,]\s*)(" + "|".join(VOCATIVES) + r")(?=\s*[,.!?]|\s+\p{L})"
        r"|(?<=\p{L}[ \t]*,?[ \t]+)(" + "|".join(VOCATIVES) + r")(?=\s*[,.!?]|\s*$))",
        regex.I | regex.V1,
    )

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out = []
        for m in self._pat.finditer(text):
            g = 1 if m.group(1) else 2
            out.append(Edit(m.start(g), m.end(g), m.group(g), "Bapak/Ibu", self.id, self.explanation, unsure=True))
            ctx.flag("customer's gender unknown: 'Bapak/Ibu' used; write 'Bapak' or 'Ibu' if you know it")
        return out


def _capital(word: str) -> Callable[[regex.Match[str], str, RuleContext], str]:
    """Replacement that is always capitalised (Anda), or all upper case in an upper-case source."""

    def repl(m: regex.Match[str], text: str, ctx: RuleContext) -> str:
        src = m.group(0)
        return word.upper() if len(src) > 1 and src.isupper() else word

    return repl


def _drop_particle(m: regex.Match[str], text: str, ctx: RuleContext) -> str | None:
    return ""


# --------------------------------------------------------------------------- directness (soften)
REQUEST_VERBS = (
    "kirim",
    "kirimkan",
    "isi",
    "cek",
    "klik",
    "tunggu",
    "hubungi",
    "masukkan",
    "pilih",
    "buka",
    "coba",
    "lakukan",
    "periksa",
    "unggah",
    "lampirkan",
    "konfirmasi",
    "berikan",
    "tuliskan",
    "ketik",
    "ganti",
    "ubah",
    "perbarui",
    "pastikan",
    "siapkan",
    "tekan",
    "login",
    "masuk",
    "daftar",
    "bayar",
    "lengkapi",
)
"""Verbs that open a bare imperative in a support reply (softened with *Mohon*)."""


ID_NEGATION = compile_rx(
    r"(?<![\p{L}\p{M}])(?:tidak|tak|bukan|belum|jangan|tanpa|gak|nggak|enggak)(?![\p{L}\p{M}])", regex.I | regex.V1
)
"""Indonesian negation words: the directness rules must keep every one (checked per sentence)."""

MORE_REQUEST_VERBS = (
    "kirimkan",
    "berikan",
    "hapus",
    "nyalakan",
    "matikan",
    "gunakan",
    "simpan",
    "salin",
    "aktifkan",
    "nonaktifkan",
    "instal",
    "atur",
    "ikuti",
    "balas",
    "baca",
    "tunjukkan",
    "sertakan",
    "sebutkan",
    "jelaskan",
    "kunjungi",
    "bawa",
    "tukarkan",
    "batalkan",
    "foto",
    "scan",
    "restart",
    "segarkan",
    "sambungkan",
    "cabut",
    "tempelkan",
    "datang",
    "lihat",
    "catat",
    "tulis",
    "isikan",
    "cantumkan",
    "kembalikan",
    "selesaikan",
    "segera",
)
_REQUEST = frozenset(REQUEST_VERBS + MORE_REQUEST_VERBS)
_NOUN_OR_VERB = frozenset(
    ["isi", "daftar", "foto", "scan", "login", "konfirmasi", "masuk", "buka", "cek", "bayar", "lihat", "catat"]
)
"""Request verbs that are also nouns (isi "contents", daftar "list", foto "photo", konfirmasi ...)."""
_PREDICATE = compile_rx(
    r"(?<![\p{L}\p{M}])(?:sudah|telah|akan|sedang|masih|tidak|belum|ada|adalah|merupakan|sesuai|berhasil|gagal"
    r"|bisa|dapat|harus|kami|saya)(?![\p{L}\p{M}])",
    regex.I,
)
"""Words that show a statement (a predicate follows the first word), so the first word is a noun there."""
_CONDITIONAL = frozenset(["jika", "kalau", "apabila", "bila", "seandainya", "bilamana"])
_QUESTION = frozenset(["apakah", "kenapa", "mengapa", "bagaimana", "kapan", "siapa", "apa", "berapa", "di", "ke"])
_SOFT_OPENERS = compile_rx(
    r"(?:mohon|silakan|silahkan|harap|maaf|kami\s+mohon|terima\s+kasih|sayangnya|dengan\s+hormat|selamat)"
    r"(?![\p{L}\p{M}])",
    regex.I | regex.V1,
)
_FIRST_WORD = compile_rx(r"([\p{L}\p{M}]+)(?![\p{L}\p{M}/])", regex.V1)
_REFUSAL = compile_rx(
    r"([\p{L}\p{M}]+(?:/[\p{L}\p{M}]+)?)((?:\s+[\p{L}\p{M}\p{N}-]+){0,3}?)\s+(?:tidak|belum)\s+(bisa|dapat)"
    r"(?![\p{L}\p{M}])",
    regex.I | regex.V1,
)
_BARE_REFUSAL = compile_rx(
    r"(?:tidak|tidak\s+bisa|tidak\s+dapat|tidak\s+mungkin|nggak\s+bisa)\s*[.!]*", regex.I | regex.V1
)
_BLAME = compile_rx(
    r"(?<![\p{L}\p{M}])(?:Anda\s+(?:yang\s+)?salah|kesalahan\s+Anda|salah\s+Anda\s+sendiri|Anda\s+lalai)"
    r"(?![\p{L}\p{M}])",
    regex.I | regex.V1,
)
_LOWER_OK = frozenset(
    [
        "kami",
        "saya",
        "pesanan",
        "produk",
        "paket",
        "akun",
        "pembayaran",
        "transaksi",
        "dana",
        "barang",
        "voucher",
        "kode",
        "promo",
        "data",
        "alamat",
        "layanan",
        "fitur",
        "permintaan",
        "pengembalian",
        "sistem",
        "kartu",
        "nomor",
        "saldo",
        "tagihan",
        "ini",
        "itu",
        "hal",
        "pengiriman",
        "saat",
        "untuk",
        "karena",
        "sementara",
        "refund",
        "penukaran",
        "pembatalan",
        "kurir",
        "metode",
        "harga",
        "stok",
        "email",
        "aplikasi",
        "tiket",
        "poin",
        "langganan",
        "jadwal",
        "biaya",
        "perubahan",
        "garansi",
        "klaim",
        "pesanannya",
        "sekarang",
        "hari",
        "besok",
        "tim",
    ]
)
_WE_DO_NOT = compile_rx(r"(?:Kami|Saya)\s+tidak\s+[\p{L}\p{M}]+", regex.V1)
_COMMA_VERB = compile_rx(r",\s+([\p{L}\p{M}]+)(?![\p{L}\p{M}])", regex.V1)


def _lower_first(word: str) -> str:
    """The first word in lower case when it is a common noun/pronoun, else unchanged (names keep their capital)."""
    return word[0].lower() + word[1:] if word.lower() in _LOWER_OK and word[1:].islower() else word


def _bang(text: str, e: int, rule_id: str, expl: str) -> list[Edit]:
    """A closing "!" becomes "." in a softened request."""
    if e > 0 and text[e - 1] == "!" and (e < 2 or text[e - 2] != "!"):
        return [Edit(e - 1, e, "!", ".", rule_id, expl)]
    return []


def _soft_already(text: str, s: int, e: int, ctx: RuleContext) -> list[Edit] | None:
    return [] if _SOFT_OPENERS.match(text, s, e) else None


def _soft_blame(text: str, s: int, e: int, ctx: RuleContext) -> list[Edit] | None:
    if _BLAME.search(text, s, e):
        ctx.flag(f"sentence at offset {s} blames the customer; a softer wording needs a human rewrite")
        return []
    return None


_REFUSAL_ID = "id.soften.refusal"
_REFUSAL_EXPL = "a refusal opens with an apology (Mohon maaf) and uses the formal 'tidak dapat' (meaning unchanged)"


def _soft_refusal(text: str, s: int, e: int, ctx: RuleContext) -> list[Edit] | None:
    if text[s:e].rstrip().endswith("?"):
        return None
    if _BARE_REFUSAL.fullmatch(text, s, e):
        ctx.flag(f"bare refusal at offset {s}: a soft refusal needs a reason, which only a human can add")
        return []
    m = _REFUSAL.match(text, s, e)
    if m is None:
        if _WE_DO_NOT.match(text, s, e):
            ctx.flag(f"refusal at offset {s} (kami/saya tidak ...): soften it by hand, the rules only do 'tidak dapat'")
            return []
        return None
    first = m.group(1)
    if first.lower() in _CONDITIONAL or first.lower() in _QUESTION or first.lower() in ("tidak", "belum"):
        return None
    out = [Edit(m.start(1), m.end(1), first, "Mohon maaf, " + _lower_first(first), _REFUSAL_ID, _REFUSAL_EXPL)]
    if m.group(3).lower() == "bisa":
        out.append(Edit(m.start(3), m.end(3), m.group(3), "dapat", _REFUSAL_ID, _REFUSAL_EXPL))
    return out + _bang(text, e, _REFUSAL_ID, _REFUSAL_EXPL)


_REQUEST_ID = "id.soften.request"
_REQUEST_EXPL = "requests to an Indonesian customer open with Mohon (polite imperative, TBBBI kalimat perintah halus)"


def _soft_request(text: str, s: int, e: int, ctx: RuleContext) -> list[Edit] | None:
    m = _FIRST_WORD.match(text, s, e)
    if m is None:
        return None
    w, low = m.group(1), m.group(1).lower()
    if low == "tolong":
        nxt = _FIRST_WORD.match(text, m.end() + 1, e) if text[m.end() : m.end() + 1] == " " else None
        if nxt is None:
            return None
        return [
            Edit(m.start(), m.end(), w, match_case(w, "mohon"), _REQUEST_ID, _REQUEST_EXPL),
            *_bang(text, e, _REQUEST_ID, _REQUEST_EXPL),
        ]
    if low == "jangan":
        edit = Edit(m.start(), m.end(), w, match_case(w, "mohon") + " jangan", _REQUEST_ID, _REQUEST_EXPL)
        return [edit, *_bang(text, e, _REQUEST_ID, _REQUEST_EXPL)]
    if low in _REQUEST and text[m.end() : m.end() + 1] == " ":
        if low in _NOUN_OR_VERB and _PREDICATE.search(text, m.end(), e):
            return None  # "Isi paket tidak sesuai", "Foto produk sudah kami terima": a noun, not a request
        edit = Edit(m.start(), m.end(), w, match_case(w, "mohon") + " " + low, _REQUEST_ID, _REQUEST_EXPL)
        return [edit, *_bang(text, e, _REQUEST_ID, _REQUEST_EXPL)]
    if low in _CONDITIONAL:
        # "Jika masih gagal, hubungi kami." -> "Jika masih gagal, mohon hubungi kami."
        c = _COMMA_VERB.search(text, m.end(), e)
        if c is not None and c.group(1).lower() in _REQUEST and c.group(1).islower():
            v = c.group(1)
            return [Edit(c.start(1), c.end(1), v, "mohon " + v, _REQUEST_ID, _REQUEST_EXPL)]
    return None


_CAP_NEXT = compile_rx(r"\s*(\p{L})", regex.V1)


def _drop_prefix(text: str, s: int, end: int, e: int, rule_id: str, expl: str) -> list[Edit] | None:
    """Remove ``text[s:end]`` and capitalise the word that now opens the sentence."""
    c = _CAP_NEXT.match(text, end, e)
    if c is None:
        return None
    return [Edit(s, c.end(1), text[s : c.end(1)], c.group(1).upper(), rule_id, expl)]


_PADDING = compile_rx(
    r"(?:kami\s+ingin\s+(?:menginformasikan|memberitahukan|menyampaikan)|(?:dengan|bersama)\s+ini\s+kami\s+"
    r"(?:informasikan|sampaikan|beritahukan)|perlu\s+kami\s+(?:informasikan|sampaikan)|kami\s+(?:informasikan|"
    r"sampaikan))\s+bahwa(?![\p{L}\p{M}])",
    regex.I | regex.V1,
)
_FILLER = compile_rx(
    r"(?:sejujurnya|pada\s+dasarnya|mohon\s+maaf\s+sebelumnya|mohon\s+maaf\s+mengganggu|maaf\s+sebelumnya)\s*,",
    regex.I | regex.V1,
)
_HEDGE = compile_rx(
    r"(?<![\p{L}\p{M}])(?:sepertinya|kayaknya|mungkin|barangkali|saya\s+rasa|kami\s+rasa|saya\s+kira|kami\s+kira)"
    r"(?![\p{L}\p{M}])",
    regex.I | regex.V1,
)


def _sharp_padding(text: str, s: int, e: int, ctx: RuleContext) -> list[Edit] | None:
    m = _PADDING.match(text, s, e)
    if m is None:
        return None
    return _drop_prefix(
        text,
        s,
        m.end(),
        e,
        "id.sharpen.padding",
        "'we would like to inform you that' is dropped: the answer comes first",
    )


def _sharp_filler(text: str, s: int, e: int, ctx: RuleContext) -> list[Edit] | None:
    m = _FILLER.match(text, s, e)
    if m is None:
        return None
    return _drop_prefix(
        text, s, m.end(), e, "id.sharpen.filler", "a pre-emptive apology or filler before the point is dropped"
    )


def _sharp_hedge(text: str, s: int, e: int, ctx: RuleContext) -> list[Edit] | None:
    if _HEDGE.search(text, s, e):
        ctx.flag(f"hedge in the sentence at offset {s} kept: dropping it would change how certain the statement is")
        return []
    return None


SOFTEN_PASS = SentencePass(
    "id.soften",
    (
        SentenceRule("id.soften.kept", "already polite sentences are left alone", _soft_already),
        SentenceRule("id.soften.blame", "blaming sentences are flagged for a human rewrite", _soft_blame),
        SentenceRule(_REFUSAL_ID, _REFUSAL_EXPL, _soft_refusal),
        SentenceRule(_REQUEST_ID, _REQUEST_EXPL, _soft_request),
    ),
    negation=ID_NEGATION,
)
SHARPEN_PASS = SentencePass(
    "id.sharpen",
    (
        SentenceRule("id.sharpen.padding", "announcement padding is dropped", _sharp_padding),
        SentenceRule("id.sharpen.filler", "filler openers are dropped", _sharp_filler),
        SentenceRule("id.sharpen.hedge", "hedges are kept and flagged", _sharp_hedge),
    ),
    negation=ID_NEGATION,
    courtesy=compile_rx(r"Terima\s+kasih\s+(?:telah|sudah|atas)[^.!?\n]*[.!]", regex.V1),
    anaphora=compile_rx(r"(?:Hal\s+(?:ini|tersebut)|Ini|Itu|Tersebut|Pesan\s+tersebut)(?![\p{L}\p{M}])", regex.V1),
    courtesy_id="id.sharpen.answer-first",
    courtesy_explanation="the answer comes first; the thanks move behind it",
)


class HedgeObligationRule:
    """Anda harus ... -> Anda perlu ... (a softer obligation; the requirement is kept)."""

    id = "id.soften.obligation"
    explanation = "'perlu' states a requirement without ordering the customer"
    _pat = compile_rx(r"(?<=\b(?:Anda|Bapak/Ibu|Bapak|Ibu)\s+)(?:harus|wajib)(?=\s)", regex.V1)

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        return [
            Edit(m.start(), m.end(), m.group(0), "perlu", self.id, self.explanation) for m in self._pat.finditer(text)
        ]


class Indonesian(CultureRules):
    """Indonesian: Anda/saya, Bapak/Ibu, bahasa baku.

    >>> from toneloc.tone import rewrite
    >>> rewrite("Kamu udah cek email kamu?", "id-ID").text
    'Anda sudah cek email Anda?'
    >>> rewrite("Makasih, akunmu gak bisa dipakai", "id-ID").text
    'Terima kasih, akun Anda tidak bisa dipakai'

    References:
        Alwi et al. (2017) *Tata Bahasa Baku Bahasa Indonesia* §§ 1.5, 5.3; PUEBI (2016); KBBI
        Daring; Sneddon (2006) *Colloquial Jakartan Indonesian*. See the module docstring.
    """

    language = "id"
    references = (
        "Alwi, Hasan et al. (2017). Tata Bahasa Baku Bahasa Indonesia, 4th ed. Balai Pustaka — §1.5, §5.3.",
        "Badan Bahasa (2016). Pedoman Umum Ejaan Bahasa Indonesia (PUEBI).",
        "Badan Bahasa. Kamus Besar Bahasa Indonesia (KBBI Daring), 5th ed. — 'cak'/'tidak baku' labels.",
        "Sneddon, James N. (2006). Colloquial Jakartan Indonesian. Pacific Linguistics 581.",
        "Sneddon, Adelaar, Djenar & Ewing (2010). Indonesian: A Comprehensive Grammar, 2nd ed. Routledge — "
        "imperatives (tolong, silakan, mohon, harap, jangan).",
    )
    default_formality = "formal"
    to_formal: ClassVar[tuple[Rule, ...]] = (
        CliticRule(),
        VocativeRule(),
        RegexRule(
            "id.pronoun.you",
            word_pattern(*YOU),
            _capital("Anda"),
            "customers are addressed as Anda (capital A, PUEBI)",
            flags=regex.I,
        ),
        TokenMapRule("id.pronoun.i", SELF, "the agent refers to itself as saya"),
        RegexRule(
            "id.admin",
            word_pattern("min", "mimin", "minnn"),
            _capital("Admin"),
            "the support account is addressed as Admin",
            flags=regex.I,
        ),
        TokenMapRule("id.baku", COLLOQUIAL, "colloquial or abbreviated word -> standard Indonesian (KBBI)"),
        RegexRule(
            "id.kok", r"(?:(?<=^)|(?<=[.!?]\s+))kok(?=\s+\p{L})", "Mengapa", "question kok -> Mengapa", flags=regex.I
        ),
        RegexRule(
            "id.particle",
            r"(?:\s+|(?<=^))" + word_pattern(*PARTICLES) + r"(?=\s*[,.!?]|\s*$)",
            _drop_particle,
            "colloquial discourse particles are left out in formal writing",
            flags=regex.I,
        ),
    )
    to_informal: ClassVar[tuple[Rule, ...]] = ()
    soften: ClassVar[tuple[Rule, ...]] = (SOFTEN_PASS, HedgeObligationRule())
    sharpen: ClassVar[tuple[Rule, ...]] = (SHARPEN_PASS,)
    markers: ClassVar[tuple[Marker, ...]] = (
        marker("id.kamu", word_pattern(*YOU, "kalian"), "informal", "informal address (kamu/kau/lu)", flags=regex.I),
        marker(
            "id.baku",
            word_pattern(*[k for k in COLLOQUIAL if len(k) > 2]),
            "informal",
            "colloquial word (tidak baku)",
            flags=regex.I,
        ),
        marker(
            "id.anda", word_pattern("Anda", "Bapak", "Ibu", "Bapak/Ibu"), "formal", "formal address (Anda/Bapak/Ibu)"
        ),
    )


# keep match_case importable for subclasses that build their own maps
_ = match_case
Rules = Indonesian
