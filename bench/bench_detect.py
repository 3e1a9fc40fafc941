#!/usr/bin/env python3
"""Language detection: toneloc vs langdetect vs py3langid vs lingua, in one run.

Usage (from the repository root)::

    python bench/bench_detect.py                     # accuracy + throughput table
    python bench/bench_detect.py --calibration       # + reliability of the confidences (2-fold)
    python bench/bench_detect.py --data path/to.tsv  # another labelled TSV (lang, text, source, slice)
    python bench/bench_detect.py --heldout           # held-out check set built from installed packages
    python bench/bench_detect.py --han               # kanji-only ja vs zh UI strings (system catalogues)
    python bench/bench_detect.py --greetings         # a greeting or thanks and a customer's name

``--heldout`` never touches the development set: it labels text that ships inside installed
packages, in the same 20 languages (see :func:`heldout_rows`), to report generalisation apart
from the data the constants were fitted on.

Data: the shared development set (``../shared/eval/langid/dev.tsv``: 20 languages, slices
``sentence``, ``short`` = 1-4 words, ``mixed`` = with URLs, order numbers, product names). Every
peer is restricted to the same 20 candidates. Throughput is CPU time of one call per text,
best of ``--repeat`` passes, peers interleaved in the same process so machine load hits all
alike; ``detect_many`` is toneloc's batch API over the same texts.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "eval" / "langid" / "dev.tsv"
TARGET = ["en", "de", "fr", "es", "it", "pt", "nl", "vi", "id", "lv",
          "ja", "zh", "ko", "ru", "pl", "tr", "ar", "hi", "sv", "th"]

Detect = Callable[[str], "str | None"]


def load_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


HELDOUT_TERRITORIES = ["US", "DE", "FR", "ES", "IT", "BR", "NL", "VN", "ID", "LV", "JP", "CN", "KR",
                       "RU", "PL", "TR", "EG", "IN", "SE", "TH", "CH", "AT", "BE", "MX", "AR"]
_PLACEHOLDER = re.compile(r"%\(?\w*\)?[sdif]|\{[^}]*\}|%%")


def heldout_rows() -> list[dict[str, str]]:
    """Labelled texts from data shipped inside installed packages (not the development set).

    * ``humanize`` gettext catalogues (``*.po``, UI strings such as "%d minutes ago", placeholders
      removed): slice ``short`` when 1-4 words, else ``sentence``.
    * Babel's CLDR data: wide month and weekday names and 25 territory names, in each language
      (slice ``short``).

    A text that occurs under more than one language (e.g. "Mai" in de/fr) is dropped: it has no
    single right answer. Deterministic: no sampling.
    """
    import importlib.util

    import babel
    import polib

    seen: dict[str, set[str]] = defaultdict(set)
    rows: list[dict[str, str]] = []

    def add(lang: str, text: str, source: str) -> None:
        text = " ".join(_PLACEHOLDER.sub(" ", text).split()).strip(" :.,")
        if not any(ch.isalpha() for ch in text):
            return
        key = text.casefold()
        if lang in seen[key]:
            return
        seen[key].add(lang)
        n = len(text.split())
        slice_ = "short" if n <= 4 else "sentence"
        rows.append({"lang": lang, "text": text, "source": source, "slice": slice_})

    spec = importlib.util.find_spec("humanize")
    if spec and spec.origin:
        root = Path(spec.origin).parent / "locale"
        for po in sorted(root.glob("*/LC_MESSAGES/*.po")):
            lang = po.parts[-3].split("_")[0]
            if lang not in TARGET:
                continue
            for entry in polib.pofile(str(po)):
                for msg in [entry.msgstr, *entry.msgstr_plural.values()]:
                    if msg and msg != entry.msgid and not entry.obsolete:
                        add(lang, msg, "humanize-po")
    for lang in TARGET:
        loc = babel.Locale.parse(lang)
        for name in [*loc.months["format"]["wide"].values(), *loc.days["format"]["wide"].values()]:
            add(lang, name, "babel-cldr")
        for terr in HELDOUT_TERRITORIES:
            add(lang, loc.territories[terr], "babel-cldr")
    return [r for r in rows if len(seen[r["text"].casefold()]) == 1]


HAN_CATALOGUES = {"ja": ["ja"], "zh": ["zh_CN", "zh_TW", "zh_Hans", "zh_Hant", "zh_HK", "zh"]}


def han_rows() -> list[dict[str, str]]:
    """Japanese and Chinese UI strings written in Han characters only (no kana, no Latin letters),
    from the compiled gettext catalogues installed on the machine (``/usr/share/locale``, vim's,
    and those inside installed Python packages): the case where no script rule can tell ja from
    zh. Placeholders are removed; a text found under both languages is dropped. What is installed
    differs between machines, so the counts do too (docs/accuracy.md names the machine's).
    """
    import glob

    import polib
    import regex

    kana = regex.compile(r"[\p{Hiragana}\p{Katakana}]")
    han, latin = regex.compile(r"\p{Han}"), regex.compile(r"\p{Latin}")
    placeholder = re.compile(r"%\(?\w*\)?[sdifu]|%[-\d.]*[sdifuxl]+|\{[^}]*\}|%%|\\n|&|_")
    import sysconfig

    site = sysconfig.get_paths()["purelib"]
    seen: dict[str, set[str]] = defaultdict(set)
    found: dict[tuple[str, str], str] = {}
    for lang, dirs in HAN_CATALOGUES.items():
        files: list[str] = []
        for d in dirs:
            for pattern in (f"/usr/share/locale/{d}/LC_MESSAGES/*.mo", f"/usr/share/vim/*/lang/{d}/LC_MESSAGES/*.mo",
                            f"{site}/*/locale/{d}/LC_MESSAGES/*.mo"):
                files.extend(glob.glob(pattern))
        for path in sorted(files):
            try:
                catalogue = polib.mofile(path)
            except (OSError, ValueError):
                continue
            for entry in catalogue:
                for msg in [entry.msgstr, *entry.msgstr_plural.values()]:
                    text = " ".join(placeholder.sub(" ", msg).split()).strip()
                    if text and han.search(text) and not kana.search(text) and not latin.search(text):
                        seen[text].add(lang)
                        found.setdefault((lang, text), Path(path).name)
    return [{"lang": lang, "text": text, "source": src, "slice": "short" if len(text) <= 4 else "sentence"}
            for (lang, text), src in found.items() if len(seen[text]) == 1]


# Greetings and a name ("Thanks Nguyễn", "Łukasz, merci!"), written for this benchmark. LISTED_GREETINGS
# are phrases toneloc's greeting list has (so this set shows the rule at work, not how often customers
# use them); UNLISTED_GREETINGS are not in the list.
LISTED_GREETINGS = {
    "en": ["Thanks", "Thank you", "Hello", "Hi", "Dear", "Good morning", "Cheers"],
    "de": ["Danke", "Vielen Dank", "Hallo", "Liebe", "Guten Tag", "Servus"],
    "fr": ["Merci", "Bonjour", "Salut", "Merci beaucoup", "Bonsoir"],
    "es": ["Gracias", "Hola", "Muchas gracias", "Buenos días", "Estimado"],
    "it": ["Grazie", "Ciao", "Buongiorno", "Grazie mille", "Gentile"],
    "pt": ["Obrigado", "Olá", "Bom dia", "Obrigada", "Boa tarde"],
    "nl": ["Bedankt", "Hoi", "Beste", "Dank je wel", "Goedemorgen"],
    "vi": ["Cảm ơn", "Chào", "Xin chào", "Kính gửi"],
    "id": ["Terima kasih", "Halo", "Selamat pagi", "Makasih"],
    "lv": ["Paldies", "Sveiki", "Labdien", "Labrīt"],
    "pl": ["Dziękuję", "Cześć", "Dzień dobry", "Witam", "Dzięki"],
    "tr": ["Teşekkürler", "Merhaba", "Günaydın", "Selam"],
    "sv": ["Tack", "Hej", "Tack så mycket", "God morgon"],
}
UNLISTED_GREETINGS = {
    "en": ["Thank you so much", "Howdy", "Morning", "Much appreciated"],
    "de": ["Grüß dich", "Danke dir", "Hallöchen", "Tausend Dank"],
    "fr": ["Merci bien", "Merci infiniment", "Bonne journée"],
    "es": ["Gracias de nuevo", "Buen día", "Mil gracias"],
    "it": ["Grazie ancora", "Ciao ciao", "Buona giornata"],
    "pt": ["Valeu", "Muito obrigado mesmo", "Olá de novo"],
    "nl": ["Dankjewel", "Hartelijk dank", "Hoi hoi"],
    "vi": ["Cảm ơn nhiều", "Chào buổi sáng"],
    "id": ["Makasih banyak", "Terima kasih banyak"],
    "lv": ["Paldies jums", "Labu dienu"],
    "pl": ["Dzięki wielkie", "Bardzo dziękuję"],
    "tr": ["Sağ olun", "Çok teşekkürler"],
    "sv": ["Tusen tack", "Tack tack"],
}
ACCENTED_NAMES = ["Nguyễn", "Đức", "Łukasz", "Małgorzata", "Ayşe", "Şebnem", "Gülşen", "Jānis", "Līga", "Zoë", "João",
                  "Conceição", "Jürgen", "Björn", "Søren", "François", "Núñez", "Íñigo", "Đorđe", "Ștefan", "Tomáš",
                  "Dvořák", "Kārlis", "Zoë Müller", "Nguyễn Văn"]
PLAIN_NAMES = ["Grzegorz", "Krzysztof", "Wojciech", "Sjoerd", "Joost", "Giuseppe", "Xavier", "Yusuf", "Mehmet", "Kemal",
               "Thanh", "Tuan", "Agus", "Budi", "Juan", "Pieter", "Ingrid", "Sven", "Hans", "Pierre", "Maria", "Tom",
               "Andris", "Janis Ozols", "Van Thanh"]


def greeting_rows() -> list[dict[str, str]]:
    """Each phrase x 25 names x 4 forms ("G N", "G, N!", "g N", "N, g!"); ``source`` names the set."""
    rows = []
    sets = (("listed, accented names", LISTED_GREETINGS, ACCENTED_NAMES),
            ("listed, unaccented names", LISTED_GREETINGS, PLAIN_NAMES),
            ("unlisted, accented names", UNLISTED_GREETINGS, ACCENTED_NAMES))
    for source, phrases, names in sets:
        for lang, gs in phrases.items():
            for g in gs:
                for n in names:
                    for form in ("{g} {n}", "{g}, {n}!", "{gl} {n}", "{n}, {gl}!"):
                        rows.append({"lang": lang, "text": form.format(g=g, gl=g.lower(), n=n), "source": source,
                                     "slice": "short"})
    return rows


def norm(code: object) -> str | None:
    if code is None:
        return None
    c = str(code).lower().replace("_", "-").split("-")[0]
    return None if c in ("", "und", "un") else c


def make_toneloc() -> Detect:
    from toneloc.detect import detect_language

    def f(t: str) -> str | None:
        r = detect_language(t)
        return None if r is None else r[0]
    return f


def make_langdetect() -> Detect:
    import langdetect
    from langdetect.detector_factory import DetectorFactory
    from langdetect.lang_detect_exception import LangDetectException
    pdir = Path(langdetect.__file__).parent / "profiles"
    want = set(TARGET) | {"zh-cn", "zh-tw"}
    fac = DetectorFactory()
    fac.load_json_profile([(pdir / n).read_text(encoding="utf-8") for n in sorted(os.listdir(pdir))
                           if n in want and n != "zh"])
    fac.set_seed(0)

    def f(t: str) -> str | None:
        try:
            d = fac.create()
            d.append(t)
            return str(d.detect())
        except LangDetectException:
            return None
    return f


def make_py3langid() -> Detect:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(TARGET)
    return lambda t: str(ident.classify(t)[0])


def make_lingua() -> Detect:
    from lingua import IsoCode639_1, LanguageDetectorBuilder
    det = LanguageDetectorBuilder.from_iso_codes_639_1(
        *[getattr(IsoCode639_1, c.upper()) for c in TARGET]).with_preloaded_language_models().build()

    def f(t: str) -> str | None:
        lang = det.detect_language_of(t)
        return None if lang is None else lang.iso_code_639_1.name.lower()
    return f


PEERS: dict[str, Callable[[], Detect]] = {
    "toneloc": make_toneloc,
    "langdetect (restricted)": make_langdetect,
    "py3langid (restricted)": make_py3langid,
    "lingua high (restricted)": make_lingua,
}


def pct(ok: list[bool]) -> float:
    return 100.0 * sum(ok) / len(ok) if ok else float("nan")


def calibration(rows: list[dict[str, str]]) -> None:
    """Reliability of toneloc's confidences on two random halves (the constants were fitted on A)."""
    from toneloc.detect import LanguageDetector

    det = LanguageDetector()
    idx = list(range(len(rows)))
    random.Random(0).shuffle(idx)
    halves = {"A (fit)": sorted(idx[: len(idx) // 2]), "B (held out)": sorted(idx[len(idx) // 2:])}
    print("\nCalibration: confidence of the best guess vs. accuracy (ECE = expected calibration error, 10 bins)\n")
    print("| half | path | n | accuracy % | mean confidence % | ECE |")
    print("|---|---|---|---|---|---|")
    for name, ids in halves.items():
        data: list[tuple[str, float, bool]] = []
        for i in ids:
            d = det.decide(rows[i]["text"])
            guess = d.language if d.language != "und" else (d.alternatives[0][0] if d.alternatives else None)
            if guess is None:
                continue
            last = d.reasons[-1] if d.reasons else ""
            path = ("fast" if last.startswith("fastText") else "script rule" if last.startswith("script")
                    else "alphabet rule" if last.startswith("letters only") else "models")
            data.append((path, d.confidence, norm(guess) == rows[i]["lang"]))
        for path in ("script rule", "alphabet rule", "fast", "models", "all"):
            dd = data if path == "all" else [x for x in data if x[0] == path]
            if not dd:
                continue
            ece = 0.0
            for b in range(10):
                sel = [(c, ok) for _, c, ok in dd if b / 10 <= c < (b + 1) / 10 or (b == 9 and c >= 1.0)]
                if sel:
                    ece += len(sel) * abs(sum(c for c, _ in sel) / len(sel) - sum(ok for _, ok in sel) / len(sel))
            print(f"| {name} | {path} | {len(dd)} | {pct([o for *_, o in dd]):.1f} | "
                  f"{100 * sum(c for _, c, _ in dd) / len(dd):.1f} | {ece / len(dd):.4f} |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip", nargs="*", default=[], help="peer names to skip")
    ap.add_argument("--calibration", action="store_true")
    ap.add_argument("--heldout", action="store_true", help="use text shipped in installed packages")
    ap.add_argument("--han", action="store_true", help="kanji-only ja/zh strings from system catalogues")
    ap.add_argument("--greetings", action="store_true", help="a greeting or thanks and a name")
    args = ap.parse_args()
    if args.greetings:
        rows = greeting_rows()
        print(f"greetings with a name: {len(rows)} texts")
    elif args.heldout:
        rows = heldout_rows()
        print(f"held-out check set: {len(rows)} texts from humanize .po catalogues and Babel CLDR")
    elif args.han:
        rows = han_rows()
        print(f"kanji-only check set: {len(rows)} texts from installed .mo catalogues "
              f"(ja {sum(r['lang'] == 'ja' for r in rows)}, zh {sum(r['lang'] == 'zh' for r in rows)})")
    elif not args.data.is_file():
        print(f"bench_detect: no data at {args.data} (pass --data)", file=sys.stderr)
        return 2
    else:
        rows = load_rows(args.data)
    texts = [r["text"] for r in rows]

    detectors: dict[str, Detect] = {}
    load: dict[str, float] = {}
    for name, factory in PEERS.items():
        if name in args.skip:
            continue
        t0 = time.process_time()
        try:
            fn = factory()
            fn("Hello, how are you today?")
        except ImportError as exc:
            print(f"- {name}: not installed ({exc})", file=sys.stderr)
            continue
        load[name] = time.process_time() - t0
        detectors[name] = fn

    preds = {name: [norm(fn(t)) for t in texts] for name, fn in detectors.items()}
    best = dict.fromkeys(detectors, math.inf)
    for _ in range(max(1, args.repeat)):  # interleaved: load on the machine hits every peer alike
        for name, fn in detectors.items():
            t0 = time.process_time()
            for t in texts:
                fn(t)
            best[name] = min(best[name], time.process_time() - t0)
    batch = single = math.inf
    if "toneloc" in detectors:
        from toneloc.detect import DetectorConfig
        many = DetectorConfig(spans=False).build()
        many.detect_many(texts[:10])
        for _ in range(max(1, args.repeat)):
            t0 = time.process_time()
            many.detect_many(texts)
            batch = min(batch, time.process_time() - t0)
            t0 = time.process_time()
            for t in texts:
                many.detect(t)
            single = min(single, time.process_time() - t0)

    langs = [lang for lang in TARGET if any(r["lang"] == lang for r in rows)]
    names = list(detectors)
    ok = {n: [p == r["lang"] for p, r in zip(preds[n], rows, strict=True)] for n in names}

    def sl(n: str, key: str, value: str) -> list[bool]:
        return [o for o, r in zip(ok[n], rows, strict=True) if r[key] == value]

    data_name = ("greetings with a name" if args.greetings else "held-out (installed packages)" if args.heldout
                 else "kanji-only (system catalogues)" if args.han else args.data.name)
    print(f"Data: {data_name}, {len(rows)} texts, {len(langs)} languages "
          f"(short={sum(r['slice'] == 'short' for r in rows)}, mixed={sum(r['slice'] == 'mixed' for r in rows)}); "
          f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load avg {os.getloadavg()[0]:.2f}\n")
    print("| detector | overall % | 1-4 words % | mixed % | worst language | texts/s (CPU) | vs py3langid "
          "| load s (CPU) |")
    print("|---|---|---|---|---|---|---|---|")
    ref = best.get("py3langid (restricted)")
    for n in names:
        worst = min(langs, key=lambda lang: pct(sl(n, "lang", lang)))
        speed = len(texts) / best[n]
        ratio = f"{ref / best[n]:.2f}x" if ref else "—"
        print(f"| {n} | {pct(ok[n]):.1f} | {pct(sl(n, 'slice', 'short')):.1f} | {pct(sl(n, 'slice', 'mixed')):.1f} | "
              f"{worst} {pct(sl(n, 'lang', worst)):.1f} | {speed:,.0f} | {ratio} | {load[n]:.2f} |")
    if batch < math.inf:
        ratio = f"{ref / batch:.2f}x" if ref else "—"
        print(f"| toneloc `detect_many` (batch) | = toneloc | | | | {len(texts) / batch:,.0f} | {ratio} | |")
        ratio = f"{ref / single:.2f}x" if ref else "—"
        print(f"| toneloc `detect()` per text (full Detection) | = toneloc | | | | {len(texts) / single:,.0f} "
              f"| {ratio} | |")

    print("\nPer-language accuracy % (all slices / 1-4 words):\n")
    print("| lang | n | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    for lang in langs:
        cells = []
        for n in names:
            short = [o for o, r in zip(ok[n], rows, strict=True) if r["lang"] == lang and r["slice"] == "short"]
            cells.append(f"{pct(sl(n, 'lang', lang)):.1f} / {pct(short):.1f}")
        print(f"| {lang} | {sum(r['lang'] == lang for r in rows)} | " + " | ".join(cells) + " |")

    sources = list(dict.fromkeys(r["source"] for r in rows))
    if args.greetings:
        print("\nAccuracy % by set:\n")
        print("| set | n | " + " | ".join(names) + " |")
        print("|---|---|" + "---|" * len(names))
        for src in sources:
            print(f"| {src} | {sum(r['source'] == src for r in rows)} | "
                  + " | ".join(f"{pct(sl(n, 'source', src)):.1f}" for n in names) + " |")

    print("\nAccuracy % by length in characters:\n")
    buckets = [(1, 10), (11, 20), (21, 40), (41, 80), (81, 10**9)]
    print("| chars | n | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    for lo, hi in buckets:
        sel = [i for i, r in enumerate(rows) if lo <= len(r["text"]) <= hi]
        if sel:
            label = f"{lo}-{hi}" if hi < 10**9 else f"{lo}+"
            row_cells = " | ".join(f"{pct([ok[n][i] for i in sel]):.1f}" for n in names)
            print(f"| {label} | {len(sel)} | {row_cells} |")

    if "toneloc" in names:
        conf: dict[tuple[str, str], int] = defaultdict(int)
        for p, r in zip(preds["toneloc"], rows, strict=True):
            if p != r["lang"]:
                conf[(r["lang"], p or "∅")] += 1
        print("\ntoneloc confusions (gold->predicted): " +
              ", ".join(f"{g}->{p} ×{c}" for (g, p), c in sorted(conf.items(), key=lambda kv: -kv[1])))
    if args.calibration:
        calibration(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
