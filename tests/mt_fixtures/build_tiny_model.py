"""Build real Argos Translate packages at test time, without torch and without a network.

Three pieces, all real file formats that argostranslate and toneloc load unchanged:

* ``sentencepiece.model``: a SentencePiece model trained in a fraction of a second on a few
  sentences, with byte fallback so any character survives.
* ``model/``: a CTranslate2 ``TransformerSpec`` whose weights, set with numpy, **copy** the source
  to the target (``kind="copy"``), or random weights of any size (``kind="random"``, the speed proxy
  used by ``bench/bench_translate.py``).
* ``minisbd/splitter.onnx``: a rule-based sentence splitter in MiniSBD's ONNX interface (a sentence
  ends at ``.``, ``!`` or ``?`` followed by a space or the end of the text), written as raw protobuf
  so the ``onnx`` package is not needed.

The copy model: token one-hots live in the first ``V`` dimensions and position one-hots in the next
``P``; every attention and feed-forward output is zero except the decoder's cross-attention, whose
query at target position *t* matches only the key at source position *t* and whose value carries
the source token. Decoding therefore reproduces the source pieces, then ``</s>`` (the source gets
``</s>`` appended by the model config).

Run as a script to build one: ``python tests/mt_fixtures/build_tiny_model.py OUT_DIR``.
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

GERMAN = {
    "Hello": "Hallo", "your": "Ihre", "order": "Bestellung", "has": "wurde", "shipped": "versandt",
    "Thank": "Danke", "you": "Ihnen", "for": "für", "contacting": "Kontakt", "support": "Support",
    "Please": "Bitte", "reset": "zurücksetzen", "password": "Passwort", "ticket": "Ticket",
    "was": "wurde", "updated": "aktualisiert", "the": "die", "refund": "Erstattung", "will": "wird",
    "arrive": "ankommen", "five": "fünf", "business": "Werk", "days": "Tagen",
}
"""A word lexicon for the copy model: English pieces whose target entry is German."""

TRAINING_SENTENCES = [
    "Hello, your order has shipped.",
    "Thank you for contacting support.",
    "Please reset your password.",
    "Your ticket was updated.",
    "We are sorry for the delay.",
    "Click here to continue.",
    "The refund will arrive in five business days.",
    "Can you send us a screenshot?",
    "Hi! How are you today?",
    "Guten Tag, Ihre Bestellung wurde versandt.",
    "Bonjour, votre commande a été expédiée.",
]


# --------------------------------------------------------------------------------------------
# SentencePiece
# --------------------------------------------------------------------------------------------
def train_sentencepiece(sentences: list[str] | None = None, vocab_size: int = 400,
                        symbols: list[str] | None = None) -> bytes:
    """Train a small unigram SentencePiece model with byte fallback; returns the model bytes.

    *symbols* become single pieces (the words of a test lexicon).
    """
    import sentencepiece as spm

    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences or TRAINING_SENTENCES * 3),
        model_writer=buf,
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        byte_fallback=True,
        character_coverage=1.0,
        model_type="unigram",
        user_defined_symbols=symbols or [],
        minloglevel=2,
    )
    return buf.getvalue()


def sentencepiece_vocab(model_bytes: bytes) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_proto=model_bytes)
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


# --------------------------------------------------------------------------------------------
# CTranslate2 model
# --------------------------------------------------------------------------------------------
def _attention(spec: Any, d: int, *, q: np.ndarray | None = None, k: np.ndarray | None = None,
               v: np.ndarray | None = None, o: np.ndarray | None = None, self_attention: bool) -> None:
    z = np.zeros((d, d), dtype=np.float32)
    spec.layer_norm.gamma = np.ones(d, dtype=np.float32)
    spec.layer_norm.beta = np.zeros(d, dtype=np.float32)
    qw, kw, vw, ow = (z if m is None else m for m in (q, k, v, o))
    if self_attention:
        spec.linear[0].weight = np.concatenate([qw, kw, vw]).astype(np.float32)
        spec.linear[0].bias = np.zeros(3 * d, dtype=np.float32)
        spec.linear[1].weight = ow.astype(np.float32)
        spec.linear[1].bias = np.zeros(d, dtype=np.float32)
    else:
        spec.linear[0].weight = qw.astype(np.float32)
        spec.linear[0].bias = np.zeros(d, dtype=np.float32)
        spec.linear[1].weight = np.concatenate([kw, vw]).astype(np.float32)
        spec.linear[1].bias = np.zeros(2 * d, dtype=np.float32)
        spec.linear[2].weight = ow.astype(np.float32)
        spec.linear[2].bias = np.zeros(d, dtype=np.float32)


def _ffn(spec: Any, d: int, hidden: int, rng: np.random.Generator | None = None) -> None:
    spec.layer_norm.gamma = np.ones(d, dtype=np.float32)
    spec.layer_norm.beta = np.zeros(d, dtype=np.float32)
    if rng is None:
        spec.linear_0.weight = np.zeros((hidden, d), dtype=np.float32)
        spec.linear_1.weight = np.zeros((d, hidden), dtype=np.float32)
    else:
        spec.linear_0.weight = rng.normal(0, d**-0.5, (hidden, d)).astype(np.float32)
        spec.linear_1.weight = rng.normal(0, hidden**-0.5, (d, hidden)).astype(np.float32)
    spec.linear_0.bias = np.zeros(hidden, dtype=np.float32)
    spec.linear_1.bias = np.zeros(d, dtype=np.float32)


def build_copy_model(out_dir: Path, vocab: list[str], *, max_positions: int = 256, sharpness: float = 40.0,
                     target_vocab: list[str] | None = None) -> None:
    """Save a 1+1-layer CTranslate2 Transformer that copies its input.

    *sharpness* scales the output logits: 40 gives near-certain copies (log-prob ~ 0); a small
    value (e.g. 2) gives an unsure model whose hypotheses score poorly (used to test routing).
    """
    import ctranslate2
    from ctranslate2.specs import transformer_spec

    v, p = len(vocab), max_positions
    d = v + p
    d += (-d) % 8
    spec = transformer_spec.TransformerSpec.from_config((1, 1), 1)
    emb = np.zeros((v, d), dtype=np.float32)
    emb[np.arange(v), np.arange(v)] = 1.0
    pos = np.zeros((p, d), dtype=np.float32)
    pos[np.arange(p), v + np.arange(p)] = 1.0
    tok_sel = np.zeros((d, d), dtype=np.float32)
    tok_sel[np.arange(v), np.arange(v)] = 1.0
    pos_sel = np.zeros((d, d), dtype=np.float32)
    pos_sel[v + np.arange(p), v + np.arange(p)] = 1.0

    for side in (spec.encoder, spec.decoder):
        side.scale_embeddings = False
        side.position_encodings.encodings = pos
        side.layer_norm.gamma = np.ones(d, dtype=np.float32)
        side.layer_norm.beta = np.zeros(d, dtype=np.float32)
    spec.encoder.embeddings[0].weight = emb
    spec.decoder.embeddings.weight = emb
    enc_layer, dec_layer = spec.encoder.layer[0], spec.decoder.layer[0]
    _attention(enc_layer.self_attention, d, self_attention=True)
    _ffn(enc_layer.ffn, d, 8)
    _attention(dec_layer.self_attention, d, self_attention=True)
    _ffn(dec_layer.ffn, d, 8)
    # Cross-attention: position t of the target looks at position t of the source, fetches its token.
    _attention(dec_layer.attention, d, q=pos_sel * 400.0, k=pos_sel, v=tok_sel, o=tok_sel * 4.0,
               self_attention=False)
    proj = np.zeros((v, d), dtype=np.float32)
    proj[np.arange(v), np.arange(v)] = sharpness
    spec.decoder.projection.weight = proj
    spec.decoder.projection.bias = np.zeros(v, dtype=np.float32)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(target_vocab or vocab)
    spec.config.add_source_eos = True
    spec.validate()
    spec.optimize()
    spec.save(str(out_dir))
    assert ctranslate2.contains_model(str(out_dir))


def build_random_model(out_dir: Path, vocab: list[str], *, layers: int = 6, d_model: int = 512, heads: int = 8,
                       ffn: int = 2048, vocab_size: int = 32000, quantization: str | None = "int8",
                       eos_bias: float = 6.0, seed: int = 0) -> None:
    """Save a Transformer-base-shaped model with random weights (a speed proxy for a real Argos model).

    The vocabulary is *vocab* padded with dummy pieces up to *vocab_size*; ``eos_bias`` makes ``</s>``
    likely enough that outputs have a realistic length instead of running to the length limit.
    """
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)
    full = list(vocab) + [f"<dummy{i}>" for i in range(max(0, vocab_size - len(vocab)))]
    nv, d = len(full), d_model
    spec = transformer_spec.TransformerSpec.from_config((layers, layers), heads)

    def mat(rows: int, cols: int) -> np.ndarray:
        return rng.normal(0, cols**-0.5, (rows, cols)).astype(np.float32)

    def rand_attention(att: Any, self_attention: bool) -> None:
        _attention(att, d, q=mat(d, d), k=mat(d, d), v=mat(d, d), o=mat(d, d) * 0.5,
                   self_attention=self_attention)

    # Separate source, target and output matrices, like a real (untied) Argos model.
    spec.encoder.embeddings[0].weight = mat(nv, d)
    spec.decoder.embeddings.weight = mat(nv, d)
    for side in (spec.encoder, spec.decoder):
        side.layer_norm.gamma = np.ones(d, dtype=np.float32)
        side.layer_norm.beta = np.zeros(d, dtype=np.float32)
    for layer in spec.encoder.layer:
        rand_attention(layer.self_attention, True)
        _ffn(layer.ffn, d, ffn, rng)
    for layer in spec.decoder.layer:
        rand_attention(layer.self_attention, True)
        rand_attention(layer.attention, False)
        _ffn(layer.ffn, d, ffn, rng)
    spec.decoder.projection.weight = mat(nv, d)
    bias = np.zeros(nv, dtype=np.float32)
    bias[full.index("</s>")] = eos_bias
    spec.decoder.projection.bias = bias
    spec.register_source_vocabulary(full)
    spec.register_target_vocabulary(full)
    spec.validate()
    spec.optimize(quantization=quantization)
    spec.save(str(out_dir))


# --------------------------------------------------------------------------------------------
# Rule-based MiniSBD splitter as a hand-written ONNX protobuf
# --------------------------------------------------------------------------------------------
def _varint(n: int) -> bytes:
    if n < 0:
        n += 1 << 64
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def _f_int(field: int, n: int) -> bytes:
    return _varint(field << 3) + _varint(n)


def _f_bytes(field: int, data: bytes | str) -> bytes:
    raw = data.encode() if isinstance(data, str) else data
    return _varint((field << 3) | 2) + _varint(len(raw)) + raw


def _tensor(name: str, arr: np.ndarray) -> bytes:
    dtype = {np.dtype(np.float32): 1, np.dtype(np.int64): 7}[arr.dtype]
    out = b"".join(_f_int(1, dim) for dim in arr.shape)
    return out + _f_int(2, dtype) + _f_bytes(8, name) + _f_bytes(9, arr.tobytes())


def _value_info(name: str, elem: int, dims: list[int | str]) -> bytes:
    shape = b"".join(
        _f_bytes(1, _f_int(1, dm) if isinstance(dm, int) else _f_bytes(2, dm)) for dm in dims
    )
    tensor_type = _f_int(1, elem) + _f_bytes(2, shape)
    return _f_bytes(1, name) + _f_bytes(2, _f_bytes(1, tensor_type))


def _node(op: str, inputs: list[str], outputs: list[str]) -> bytes:
    return b"".join(_f_bytes(1, i) for i in inputs) + b"".join(_f_bytes(2, o) for o in outputs) + _f_bytes(4, op)


def build_rule_splitter(lang: str = "en") -> bytes:
    """ONNX bytes of a splitter: sentence end = ``.``/``!``/``?`` followed by whitespace or end of text."""
    units = ["<PAD>", "<UNK>", " ", ".", "!", "?", "…", "。", "！", "？"]
    nv = len(units)
    base = np.zeros((nv, 5), dtype=np.float32)
    base[:, 0] = 1.0
    endp = np.array([1.0 if u in ".!?…。！？" else 0.0 for u in units], dtype=np.float32)
    spacep = np.array([1.0 if u in ("<PAD>", " ") else 0.0 for u in units], dtype=np.float32)
    # CJK full stops end a sentence even without a following space.
    cjk = np.array([1.0 if u in "。！？" else 0.0 for u in units], dtype=np.float32)
    inits = [
        _tensor("base", base), _tensor("endp", endp), _tensor("spacep", spacep), _tensor("cjk", cjk),
        _tensor("starts", np.array([1], dtype=np.int64)), _tensor("ends", np.array([2**62], dtype=np.int64)),
        _tensor("axes", np.array([1], dtype=np.int64)), _tensor("pads", np.array([0, 0, 0, 1], dtype=np.int64)),
        _tensor("padval", np.array(1.0, dtype=np.float32)), _tensor("lastax", np.array([-1], dtype=np.int64)),
        _tensor("delta", np.array([-1.0, 0.0, 2.0, 0.0, 0.0], dtype=np.float32)),
    ]
    nodes = [
        _node("Gather", ["base", "units"], ["l0"]),
        _node("Gather", ["endp", "units"], ["e"]),
        _node("Gather", ["spacep", "units"], ["s"]),
        _node("Gather", ["cjk", "units"], ["c"]),
        _node("Slice", ["s", "starts", "ends", "axes"], ["s1"]),
        _node("Pad", ["s1", "pads", "padval"], ["snext"]),
        _node("Mul", ["e", "snext"], ["m0"]),
        _node("Max", ["m0", "c"], ["m"]),
        _node("Unsqueeze", ["m", "lastax"], ["m3"]),
        _node("Mul", ["m3", "delta"], ["d"]),
        _node("Add", ["l0", "d"], ["logits"]),
    ]
    graph = (
        b"".join(_f_bytes(1, n) for n in nodes)
        + _f_bytes(2, "rule_sbd")
        + b"".join(_f_bytes(5, t) for t in inits)
        + _f_bytes(11, _value_info("units", 7, ["batch", "seq"]))
        + _f_bytes(11, _value_info("features", 1, ["batch", "seq", "feat"]))
        + _f_bytes(12, _value_info("logits", 1, ["batch", "seq", 5]))
    )
    vocab_state = {"lang": lang, "idx": 0, "cutoff": 0, "lower": False,
                   "_unit2id": {u: i for i, u in enumerate(units)}, "_id2unit": units}
    meta = {
        "lang_code": lang,
        "config": json.dumps({"max_seqlen": 1000, "feat_funcs": [], "batch_size": 32}),
        "vocab": json.dumps(vocab_state),
        "lexicon": "null",
    }
    props = b"".join(_f_bytes(14, _f_bytes(1, k) + _f_bytes(2, val)) for k, val in meta.items())
    opset = _f_bytes(1, "") + _f_int(2, 13)
    return _f_int(1, 8) + _f_bytes(2, "toneloc-tests") + _f_bytes(7, graph) + _f_bytes(8, opset) + props


# --------------------------------------------------------------------------------------------
# Packaging
# --------------------------------------------------------------------------------------------
def metadata(from_code: str, to_code: str, version: str = "1.0") -> dict[str, Any]:
    names = {"en": "English", "de": "German", "fr": "French", "es": "Spanish", "pt": "Portuguese"}
    return {
        "package_version": version,
        "argos_version": "1.9",
        "from_code": from_code,
        "from_name": names.get(from_code, from_code),
        "to_code": to_code,
        "to_name": names.get(to_code, to_code),
        "type": "translate",
        "links": [],
    }


def build_package(dest: Path, from_code: str = "en", to_code: str = "de", *, kind: str = "copy",
                  sharpness: float = 40.0, version: str = "1.0", spm_sentences: list[str] | None = None,
                  spm_vocab_size: int = 400, lexicon: dict[str, str] | None = None, **model_kwargs: Any) -> Path:
    """Build ``dest/translate-{from}_{to}-{version}.argosmodel`` and return its path.

    With *lexicon* (``{"order": "Bestellung"}``) the copy model translates those words: each is a
    single SentencePiece piece whose target-vocabulary entry is the translation.
    """
    dest.mkdir(parents=True, exist_ok=True)
    folder = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    out = dest / f"{folder}.argosmodel"
    spm_bytes = train_sentencepiece(spm_sentences, spm_vocab_size, sorted(lexicon or {}))
    vocab = sentencepiece_vocab(spm_bytes)
    target_vocab = [(lexicon or {}).get(piece, piece) for piece in vocab]
    with tempfile.TemporaryDirectory() as tmp:
        model_dir = Path(tmp) / "model"
        model_dir.mkdir()
        if kind == "copy":
            build_copy_model(model_dir, vocab, sharpness=sharpness, target_vocab=target_vocab)
        elif kind == "random":
            build_random_model(model_dir, vocab, **model_kwargs)
        else:
            raise ValueError(f"unknown kind {kind!r}")
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as zf:
            zf.writestr(f"{folder}/metadata.json", json.dumps(metadata(from_code, to_code, version), indent=2))
            zf.writestr(f"{folder}/sentencepiece.model", spm_bytes)
            zf.writestr(f"{folder}/minisbd/{from_code}.onnx", build_rule_splitter(from_code))
            readme = f"Test package {from_code}->{to_code} ({kind}) built by toneloc's tests.\n"
            zf.writestr(f"{folder}/README.md", readme)
            for f in sorted(model_dir.iterdir()):
                zf.write(f, f"{folder}/model/{f.name}")
    return out


if __name__ == "__main__":  # pragma: no cover
    target = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    print(build_package(target))
