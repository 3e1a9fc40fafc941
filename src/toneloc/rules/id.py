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

References:
    Alwi, Hasan et al. *Tata Bahasa Baku Bahasa Indonesia*, 4th ed. Jakarta: Balai Pustaka, 2017 —
    § 5.3 (pronomina persona: *Anda, saya, kamu, -mu, -ku*), § 1.5 (ragam baku dan tidak baku).
    Badan Pengembangan dan Pembinaan Bahasa. *Pedoman Umum Ejaan Bahasa Indonesia* (PUEBI), 2016 —
    capital *A* in *Anda*, *Bapak/Ibu* as address terms.
    Badan Bahasa. *Kamus Besar Bahasa Indonesia* (KBBI Daring, 5th ed.) — the "cak"/"tidak baku"
    labels behind every entry of :data:`COLLOQUIAL` (e.g. *gimana* cak -> *bagaimana*).
    Sneddon, James N. *Colloquial Jakartan Indonesian*. Pacific Linguistics 581, 2006 — ch. 2-3
    (colloquial forms *gue/lu, udah, aja, nggak*, particles *sih, dong, deh*).
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
    marker,
    match_case,
    word_pattern,
)

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
    _pat = regex.compile(
        r"(?<![\p{L}\p{M}\p{N}_])("
        + "|".join(sorted(NOUNS, key=len, reverse=True))
        + r")(mu|ku)(?![\p{L}\p{M}\p{N}_])",
        regex.I | regex.V1,
    )

    # any other word + -mu (kabarmu, ulasanmu): -mu is unambiguous once the words that merely end
    # in "mu" are excluded (KBBI); marked unsure so a reviewer sees it. -ku stays closed-list only
    # (buku, kuku, saku, laku ... end in "ku").
    _any_mu = regex.compile(r"(?<![\p{L}\p{M}\p{N}_])(\p{L}{3,}?)(mu)(?![\p{L}\p{M}\p{N}_])", regex.I | regex.V1)
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
        out = []
        for m in self._pat.finditer(text):
            pron = "Anda" if m.group(2).lower() == "mu" else "saya"
            out.append(Edit(m.start(), m.end(), m.group(0), m.group(1) + " " + pron, self.id, self.explanation))
        done = {e.start for e in out}
        for m in self._any_mu.finditer(text):
            if m.start() in done or m.group(0).lower() in self.NOT_MU or m.group(0).lower().endswith("temu"):
                continue
            out.append(
                Edit(m.start(), m.end(), m.group(0), m.group(1) + " Anda", self.id, self.explanation, unsure=True)
            )
        return out


class VocativeRule:
    """kak/gan/sis/mas/mbak as address -> Bapak/Ibu (gender unknown: flagged for review)."""

    id = "id.address.vocative"
    explanation = "a customer is addressed as Bapak/Ibu in formal Indonesian"
    _pat = regex.compile(
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


class SoftRequestRule:
    """A bare imperative (Kirim nomor pesanan.) or Tolong ... -> Mohon ... (TBBBI: kalimat perintah halus)."""

    id = "id.soften.request"
    explanation = "requests to an Indonesian customer open with Mohon (polite imperative)"
    _pat = regex.compile(
        r"(?:(?<=^)|(?<=[.!?]\s+)|(?<=\n))(?:(tolong)\s+)?(" + "|".join(REQUEST_VERBS) + r")(?=\s)", regex.I | regex.V1
    )

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        out: list[Edit] = []
        for m in self._pat.finditer(text):
            verb = m.group(2)
            if m.group(1):
                out.append(
                    Edit(m.start(1), m.end(1), m.group(1), match_case(m.group(1), "mohon"), self.id, self.explanation)
                )
            else:
                out.append(
                    Edit(
                        m.start(2),
                        m.end(2),
                        verb,
                        match_case(verb, "mohon") + " " + verb.lower(),
                        self.id,
                        self.explanation,
                    )
                )
        return out


class SoftRefusalRule:
    """Kami tidak bisa ... -> Mohon maaf, kami tidak dapat ... (apology first; the negation stays)."""

    id = "id.soften.refusal"
    explanation = "a refusal opens with an apology and uses the formal 'tidak dapat' (meaning unchanged)"
    _pat = regex.compile(r"(?:(?<=^)|(?<=[.!?]\s+))(Kami)\s+(tidak\s+bisa|tidak\s+dapat)(?=\s)", regex.V1)

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        return [
            Edit(m.start(), m.end(), m.group(0), "Mohon maaf, kami tidak dapat", self.id, self.explanation)
            for m in self._pat.finditer(text)
        ]


class HedgeObligationRule:
    """Anda harus ... -> Anda perlu ... (a softer obligation; the requirement is kept)."""

    id = "id.soften.obligation"
    explanation = "'perlu' states a requirement without ordering the customer"
    _pat = regex.compile(r"(?<=\b(?:Anda|Bapak/Ibu|Bapak|Ibu)\s+)harus(?=\s)", regex.V1)

    def apply(self, text: str, ctx: RuleContext) -> list[Edit]:
        return [Edit(m.start(), m.end(), "harus", "perlu", self.id, self.explanation) for m in self._pat.finditer(text)]


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
        WordMapRule("id.pronoun.i", SELF, "the agent refers to itself as saya"),
        RegexRule(
            "id.admin",
            word_pattern("min", "mimin", "minnn"),
            _capital("Admin"),
            "the support account is addressed as Admin",
            flags=regex.I,
        ),
        WordMapRule("id.baku", COLLOQUIAL, "colloquial or abbreviated word -> standard Indonesian (KBBI)"),
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
    soften: ClassVar[tuple[Rule, ...]] = (SoftRefusalRule(), SoftRequestRule(), HedgeObligationRule())
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
