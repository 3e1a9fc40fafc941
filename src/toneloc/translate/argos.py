"""Argos Translate packages: management (via ``argostranslate.package``) and fast batch translation.

An Argos package (``.argosmodel``) is a zip with **one** top-level folder holding ``metadata.json``,
a CTranslate2 ``model/``, ``sentencepiece.model`` (or ``bpe.model``) and a sentence splitter under
``minisbd/``, ``stanza/`` or ``spacy/``.

Two engines translate with an installed package:

* :class:`ArgosEngine` (``argos-ct2``, the default) runs CTranslate2 directly on the package's
  files: it batches every sentence of every string into one ``translate_batch`` call, returns
  n-best hypotheses with length-normalised log-probabilities, and never downloads anything (a
  package without a MiniSBD splitter is split by a rule).
* :class:`ArgostranslateEngine` (``argostranslate``) goes through ``argostranslate.translate``
  one string at a time, exactly as argostranslate users do (measured slower; see
  ``docs/benchmarks.md``).

``argostranslate`` is installed without its dependencies (its ``stanza`` → ``torch`` chain weighs
about 6 GB). Its ``sbd`` module imports ``stanza`` at top level, so when stanza is absent toneloc
registers an empty stand-in module before importing argostranslate; torch is never imported.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
import threading
import types
import weakref
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from toneloc.errors import ModelNotFoundError, ModelPackageError, TranslationError
from toneloc.locale import parse_locale
from toneloc.translate._types import Hypothesis

__all__ = [
    "ArgosEngine",
    "ArgostranslateEngine",
    "ModelPackage",
    "argos_codes",
    "available_packages",
    "default_packages_dir",
    "find_package",
    "install_from_index",
    "install_package",
    "list_packages",
    "remove_package",
    "validate_archive",
]

_SPLITTERS = ("minisbd", "stanza", "spacy")
_lock = threading.RLock()


# --------------------------------------------------------------------------------------------
# Locations and argostranslate import
# --------------------------------------------------------------------------------------------
def _data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "argos-translate"


def default_packages_dir() -> Path:
    """Where packages live: ``$ARGOS_PACKAGES_DIR``, else ``$XDG_DATA_HOME/argos-translate/packages``."""
    env = os.environ.get("ARGOS_PACKAGES_DIR")
    return Path(env) if env else _data_dir() / "packages"


def _ensure_stanza_stub() -> None:
    """Provide an empty ``stanza`` module only when the real one is not installed."""
    if "stanza" in sys.modules or importlib.util.find_spec("stanza") is not None:
        return
    stub = types.ModuleType("stanza")
    stub.__doc__ = "Empty stand-in registered by toneloc: the real stanza (and torch) is not installed."

    def _pipeline(*_a: Any, **_k: Any) -> Any:
        raise TranslationError(
            "this package uses a stanza sentence splitter but stanza is not installed",
            hint="use a package with a minisbd/ splitter, or translate with toneloc's argos-ct2 engine",
        )

    stub.Pipeline = _pipeline  # type: ignore[attr-defined]
    sys.modules["stanza"] = stub


def argostranslate_modules(packages_dir: Path | None = None) -> tuple[Any, Any, Any]:
    """Import ``argostranslate`` (package, translate, settings) pointed at *packages_dir*.

    argostranslate reads its settings once at import; toneloc re-points them (and drops
    argostranslate's per-process translator cache) whenever the packages folder changes.
    """
    _ensure_stanza_stub()
    try:
        from argostranslate import package as a_package
        from argostranslate import settings as a_settings
        from argostranslate import translate as a_translate
    except ImportError as exc:
        raise TranslationError(
            f"argostranslate is not importable: {exc}",
            hint='pip install "toneloc[mt]" && pip install --no-deps argostranslate',
        ) from exc
    target = Path(packages_dir) if packages_dir is not None else default_packages_dir()
    target.mkdir(parents=True, exist_ok=True)
    data = _data_dir()
    data.mkdir(parents=True, exist_ok=True)
    if a_settings.package_data_dir != target or a_settings.package_dirs != [target]:
        a_settings.package_data_dir = target
        a_settings.package_dirs = [target]
        _reset_argos_cache(a_translate)
    a_settings.data_dir = data
    a_settings.local_package_index = data / "index.json"
    return a_package, a_translate, a_settings


def _reset_argos_cache(a_translate: Any) -> None:
    a_translate.get_installed_languages.cache_clear()
    a_translate.installed_translates.clear()


# --------------------------------------------------------------------------------------------
# Packages
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ModelPackage:
    """An installed Argos package (or a broken folder, with ``problems``).

    Attributes:
        path: the package folder.
        source, target: Argos language codes (``en``, ``de``, ``pb``...).
        version: ``package_version`` from ``metadata.json``.
        splitter: ``minisbd``, ``stanza``, ``spacy`` or ``None``.
        tokenizer: ``sentencepiece`` or ``bpe``.
        target_prefix: token the decoder must start with (multilingual models), or ``""``.
        problems: why the package cannot be used (empty when it is fine).
    """

    path: Path
    source: str
    target: str
    version: str
    splitter: str | None
    tokenizer: str
    target_prefix: str = ""
    problems: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """Folder name, e.g. ``translate-en_de-1_9``."""
        return self.path.name

    @property
    def ok(self) -> bool:
        """Whether the package is complete."""
        return not self.problems

    @property
    def model_version(self) -> str:
        """``argos:en-de@1.9`` (recorded in every translation's provenance)."""
        return f"argos:{self.source}-{self.target}@{self.version}"


def _inspect_dir(path: Path) -> ModelPackage:
    problems: list[str] = []
    meta: dict[str, Any] = {}
    mpath = path / "metadata.json"
    if not mpath.is_file():
        problems.append("no metadata.json")
    else:
        try:
            loaded = json.loads(mpath.read_text(encoding="utf-8"))
            meta = loaded if isinstance(loaded, dict) else {}
            if not meta:
                problems.append("metadata.json is not a JSON object")
        except (OSError, ValueError) as exc:
            problems.append(f"metadata.json unreadable: {exc}")
    kind = meta.get("type", "translate")
    if kind == "translate":
        if meta and (not meta.get("from_code") or not meta.get("to_code")):
            problems.append("metadata.json lacks from_code/to_code")
        if not (path / "model" / "model.bin").is_file():
            problems.append("no model/model.bin (CTranslate2 model)")
    tokenizer = "sentencepiece" if (path / "sentencepiece.model").is_file() else (
        "bpe" if (path / "bpe.model").is_file() else "")
    if kind == "translate" and not tokenizer:
        problems.append("no sentencepiece.model or bpe.model")
    splitter = next((s for s in _SPLITTERS if (path / s).is_dir()), None)
    return ModelPackage(path, str(meta.get("from_code") or "?"), str(meta.get("to_code") or "?"),
                        str(meta.get("package_version", "")), splitter, tokenizer or "?",
                        str(meta.get("target_prefix", "")), tuple(problems))


def list_packages(packages_dir: str | Path | None = None) -> list[ModelPackage]:
    """Installed packages, broken ones included (with ``problems``); never raises for a bad folder.

    (argostranslate's own listing fails for every package as soon as one folder lacks
    ``metadata.json``; this one reports that folder instead.)
    """
    root = Path(packages_dir) if packages_dir is not None else default_packages_dir()
    if not root.is_dir():
        return []
    return [_inspect_dir(p) for p in sorted(root.iterdir()) if p.is_dir()]


def validate_archive(path: str | Path, *, require_splitter: bool = True) -> str:
    """Check an ``.argosmodel`` file before installing it; return its top-level folder name.

    Raises :class:`~toneloc.errors.ModelPackageError` naming the file and what is wrong.
    """
    p = Path(path)
    if not p.is_file():
        raise ModelPackageError(f"no such package file: {p}", path=p, hint="pass the path of a .argosmodel file")
    if not zipfile.is_zipfile(p):
        raise ModelPackageError("not a zip archive", path=p, hint="an .argosmodel file is a zip; re-download it")
    with zipfile.ZipFile(p) as zf:
        names = [n for n in zf.namelist() if n.strip("/")]
        bad = zf.testzip()
    if bad is not None:
        raise ModelPackageError(f"corrupt member {bad!r} (CRC mismatch)", path=p, hint="re-download the package")
    tops = {n.split("/", 1)[0] for n in names}
    if len(tops) != 1 or not any("/" in n for n in names):
        raise ModelPackageError(
            f"the archive must hold exactly one top-level folder, found {len(tops)}: {', '.join(sorted(tops)[:5])}",
            path=p, hint="installing it would break the listing of every installed package; rebuild the zip "
                         "from the package folder (zip -r pkg.argosmodel translate-en_de/)")
    top = tops.pop()
    members = {n[len(top) + 1:].rstrip("/") for n in names if n.startswith(top + "/")}
    missing = []
    if "metadata.json" not in members:
        missing.append("metadata.json")
    if "model/model.bin" not in members:
        missing.append("model/model.bin")
    if "sentencepiece.model" not in members and "bpe.model" not in members:
        missing.append("sentencepiece.model (or bpe.model)")
    if missing:
        raise ModelPackageError(f"incomplete package, missing: {', '.join(missing)}", path=p,
                                hint="the package is corrupt or not an Argos translation package")
    if require_splitter and not any(m == s or m.startswith(s + "/") for m in members for s in _SPLITTERS):
        raise ModelPackageError(
            "the package has no sentence splitter (minisbd/, stanza/ or spacy/)", path=p,
            hint="argostranslate would try to download one on first use; pass require_splitter=False "
                 "(CLI: --no-splitter-ok) to install it anyway: toneloc's engine splits by rule")
    return top


def install_package(path: str | Path, *, packages_dir: str | Path | None = None,
                    require_splitter: bool = True) -> ModelPackage:
    """Validate and install an ``.argosmodel`` file through ``argostranslate.package.install_from_path``.

    Falls back to extracting the zip itself when argostranslate is not installed. Replaces an
    installed package of the same folder name.
    """
    top = validate_archive(path, require_splitter=require_splitter)
    root = Path(packages_dir) if packages_dir is not None else default_packages_dir()
    root.mkdir(parents=True, exist_ok=True)
    dest = root / top
    with _lock:
        if dest.exists():
            shutil.rmtree(dest)
        try:
            a_package, a_translate, _ = argostranslate_modules(root)
        except TranslationError:
            with zipfile.ZipFile(path) as zf:
                zf.extractall(root)
        else:
            a_package.install_from_path(Path(path))
            _reset_argos_cache(a_translate)
        _engine_cache_clear()
    pkg = _inspect_dir(dest)
    if not pkg.ok:
        raise ModelPackageError(f"installed package is unusable: {'; '.join(pkg.problems)}", path=dest,
                                hint="remove it with `toneloc models remove` and install a complete package")
    return pkg


def find_package(source: str, target: str, *, packages_dir: str | Path | None = None) -> ModelPackage:
    """The installed package for a language pair (BCP 47 tags or Argos codes).

    Raises :class:`~toneloc.errors.ModelNotFoundError` saying what to install.
    """
    src_codes, tgt_codes = argos_codes(source), argos_codes(target)
    pkgs = list_packages(packages_dir)
    for sc in src_codes:
        for tc in tgt_codes:
            for pkg in pkgs:
                if pkg.ok and pkg.source == sc and pkg.target == tc:
                    return pkg
    broken = [p for p in pkgs if not p.ok and p.source in src_codes and p.target in tgt_codes]
    if broken:
        raise ModelPackageError(f"the installed package for {source}->{target} is broken: "
                                f"{'; '.join(broken[0].problems)}", path=broken[0].path,
                                hint=f"toneloc models remove {broken[0].name} and install it again")
    have = ", ".join(f"{p.source}->{p.target}" for p in pkgs if p.ok) or "none"
    raise ModelNotFoundError(
        f"no installed Argos package translates {source} -> {target} (installed: {have})",
        hint=f"toneloc models install translate-{src_codes[0]}_{tgt_codes[0]}.argosmodel "
             f"(or `toneloc models install --from {src_codes[0]} --to {tgt_codes[0]}` where the network allows)",
    )


def remove_package(name: str, *, packages_dir: str | Path | None = None) -> ModelPackage:
    """Remove an installed package by folder name (``translate-en_de-1_9``) or pair (``en-de``)."""
    pkgs = list_packages(packages_dir)
    norm = name.replace("_", "-").lower()
    hits = [p for p in pkgs if p.name == name or f"{p.source}-{p.target}" == norm]
    if not hits:
        known = ", ".join(p.name for p in pkgs) or "none installed"
        raise ModelNotFoundError(f"no installed package {name!r}", hint=f"installed: {known}")
    pkg = hits[0]
    with _lock:
        try:
            a_package, a_translate, _ = argostranslate_modules(pkg.path.parent)
            if pkg.ok:
                a_package.uninstall(a_package.Package(pkg.path))
                _reset_argos_cache(a_translate)
            else:
                shutil.rmtree(pkg.path)
        except TranslationError:
            shutil.rmtree(pkg.path)
        _engine_cache_clear()
    return pkg


def _index_url(index: str | Path | None, a_settings: Any) -> str:
    if index is None:
        return str(a_settings.remote_package_index)
    text = str(index)
    if "://" in text:
        return text
    return Path(text).resolve().as_uri()


def _fetch(url: str, *, what: str, timeout: float = 60.0) -> bytes:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            data: bytes = resp.read()
            return data
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise TranslationError(f"cannot fetch the {what} {url}: {exc}",
                               hint="check the network or the path; offline, install from a file: "
                                    "toneloc models install PATH.argosmodel") from exc


def available_packages(*, update: bool = False, index: str | Path | None = None) -> list[dict[str, Any]]:
    """Translation packages in an Argos package index, as dicts (``from``, ``to``, ``version``, ``links``...).

    *index* is the index JSON: a URL (``https://``, ``file://``) or a local path; default:
    argostranslate's (``$ARGOS_PACKAGE_INDEX`` + ``index.json``), cached in the local index file and
    fetched again when *update* is true or when *index* is given. An index is a JSON list of package
    metadata (``from_code``, ``to_code``, ``package_version``, ``links``...), exactly as argostranslate reads it.

    Raises :class:`~toneloc.errors.TranslationError` naming the index when it cannot be fetched or parsed.
    """
    _, _, a_settings = argostranslate_modules()
    local = Path(a_settings.local_package_index)
    url = _index_url(index, a_settings)
    if update or index is not None or not local.is_file():
        data = _fetch(url, what="package index")
        local.parent.mkdir(parents=True, exist_ok=True)
        local.write_bytes(data)
    try:
        entries = json.loads(local.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise TranslationError(f"the package index is not valid JSON: {exc}", path=local,
                               hint=f"fetched from {url}; an index is a JSON list of package metadata") from exc
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise TranslationError("the package index must be a JSON list of objects", path=local,
                               hint=f"fetched from {url}")
    out = []
    for e in entries:
        if e.get("type", "translate") != "translate" or not e.get("from_code") or not e.get("to_code"):
            continue
        links = e.get("links") or []
        out.append({"from": str(e["from_code"]), "to": str(e["to_code"]),
                    "version": str(e.get("package_version", "")), "name": str(e.get("name", "")),
                    "links": [str(x) for x in links] if isinstance(links, list) else []})
    return out


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in regex.findall(r"\d+", version))


def install_from_index(source: str, target: str, *, packages_dir: str | Path | None = None,
                       index: str | Path | None = None, require_splitter: bool = True) -> ModelPackage:
    """Install the newest package for a pair from an Argos package index (see :func:`available_packages`).

    Each of the entry's ``links`` is tried in order: ``file://`` links and local paths are installed in
    place; ``http(s)`` links are downloaded into argostranslate's downloads folder first. The archive
    is validated exactly as :func:`install_package` does.

    Raises:
        ModelNotFoundError: the index has no package for the pair.
        TranslationError: the index or every link cannot be fetched.
        ModelPackageError: the downloaded archive is corrupt or incomplete.
    """
    _, _, a_settings = argostranslate_modules(Path(packages_dir) if packages_dir else None)
    src, tgt = argos_codes(source), argos_codes(target)
    rows = available_packages(update=False, index=index)
    cands = sorted((r for r in rows if r["from"] in src and r["to"] in tgt),
                   key=lambda r: (-src.index(r["from"]), -tgt.index(r["to"]), _version_key(r["version"])),
                   reverse=True)  # most specific codes (pb before pt), then the newest version
    if not cands:
        pairs = ", ".join(sorted({f"{r['from']}->{r['to']}" for r in rows})[:20]) or "none"
        raise ModelNotFoundError(f"the package index has no package {source} -> {target} (it has: {pairs})",
                                 hint="see `toneloc models list --available`")
    best = cands[0]
    if not best["links"]:
        raise TranslationError(f"the index entry for {best['from']}->{best['to']} has no download links",
                               hint="fix the index, or install from a file")
    errors = []
    for link in best["links"]:
        if link.startswith("file://") or "://" not in link:
            from urllib.parse import unquote, urlparse

            path = Path(unquote(urlparse(link).path)) if link.startswith("file://") else Path(link)
            if path.is_file():
                return install_package(path, packages_dir=packages_dir, require_splitter=require_splitter)
            errors.append(f"{link}: no such file")
            continue
        name = f"translate-{best['from']}_{best['to']}-{best['version'].replace('.', '_')}.argosmodel"
        dest = Path(a_settings.downloads_dir) / name
        try:
            data = _fetch(link, what="package")
        except TranslationError as exc:
            errors.append(str(exc.args[0]) if exc.args else str(exc))
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
        try:
            return install_package(dest, packages_dir=packages_dir, require_splitter=require_splitter)
        finally:
            dest.unlink(missing_ok=True)
    raise TranslationError(f"download failed for {best['from']}->{best['to']} {best['version']}: "
                           + "; ".join(errors), hint="check the network, or install from a file")


def argos_codes(tag: str) -> list[str]:
    """Argos language codes to try for a locale tag, most specific first.

    >>> argos_codes("pt-BR"), argos_codes("zh-Hant-TW"), argos_codes("de-AT"), argos_codes("pb")
    (['pb', 'pt'], ['zt', 'zh'], ['de'], ['pb'])
    """
    if tag in {"pb", "zt"}:
        return [tag]
    loc = parse_locale(tag)
    lang = loc.language
    if lang == "pt" and loc.territory == "BR":
        return ["pb", "pt"]
    if lang == "zh" and (loc.script == "Hant" or loc.territory in {"TW", "HK", "MO"}):
        return ["zt", "zh"]
    return [lang]


# --------------------------------------------------------------------------------------------
# Sentence splitting
# --------------------------------------------------------------------------------------------
_MAYBE_MULTI = regex.compile(r"[.!?…。！？][\"'»”)\]]*\s*\S")
_RULE_SPLIT = regex.compile(r"(?<=[.!?…][\"'»”)\]]*)\s+(?=\S)|(?<=[。！？])")


def rule_split(text: str) -> list[str]:
    """Split at ``.``/``!``/``?`` followed by whitespace (and after CJK full stops).

    >>> rule_split("Hi. How are you? Fine!")
    ['Hi.', 'How are you?', 'Fine!']
    """
    return [s for s in _RULE_SPLIT.split(text) if s.strip()]


class _Splitter:
    def __init__(self, pkg: ModelPackage, intra_threads: int) -> None:
        self.model_file: str | None = None
        if pkg.splitter == "minisbd":
            onnx = sorted((pkg.path / "minisbd").glob("*.onnx"))
            self.model_file = str(onnx[0]) if onnx else None
        self.threads = max(1, intra_threads)
        self._det: Any = None

    def split(self, text: str) -> list[tuple[str, str]]:
        """``(sentence, separator after it)`` pairs whose concatenation is *text* minus edges."""
        if not _MAYBE_MULTI.search(text.strip()):
            return [(text.strip(), "")]
        sents: list[str]
        if self.model_file is not None:
            if self._det is None:
                from minisbd import SBDetect

                self._det = SBDetect(self.model_file, use_gpu=False, max_threads=self.threads)
            sents = [s for s in self._det.sentences(text) if s.strip()]
        else:
            sents = rule_split(text)
        out: list[tuple[str, str]] = []
        pos = text.find(sents[0]) if sents else -1
        if pos < 0:
            return [(text.strip(), "")]
        for i, s in enumerate(sents):
            end = pos + len(s)
            nxt = text.find(sents[i + 1], end) if i + 1 < len(sents) else -1
            sep = text[end:nxt] if nxt >= 0 else ""
            if nxt < 0 and i + 1 < len(sents):  # the splitter normalised something: give up splitting
                return [(text.strip(), "")]
            out.append((s.strip(), sep))
            pos = nxt
        return out


# --------------------------------------------------------------------------------------------
# The CTranslate2 engine
# --------------------------------------------------------------------------------------------
@dataclass
class _Loaded:
    pkg: ModelPackage
    translator: Any
    sp: Any
    splitter: _Splitter


_ENGINES: weakref.WeakSet[ArgosEngine] = weakref.WeakSet()


def _engine_cache_clear() -> None:
    for eng in list(_ENGINES):
        eng.clear_cache()


class ArgosEngine:
    """Translate with installed Argos packages by running CTranslate2 directly.

    Args:
        packages_dir: folder of installed packages (default: :func:`default_packages_dir`).
        device: ``cpu`` or ``cuda``.
        intra_threads: threads per translation (default ``$ARGOS_INTRA_THREADS`` or all cores).
        inter_threads: parallel translations.
        beam_size: beam width (argostranslate uses 4); n-best never exceeds it.
        max_batch_size: sentences per CTranslate2 batch (sorted by length to limit padding).
        length_penalty: CTranslate2 length penalty (0.2, as argostranslate; scores are re-normalised per token).
        compute_type: CTranslate2 compute type (``auto``, ``int8``...).
        max_decoding_length: maximum output tokens per sentence.
        max_input_tokens: longer sentences are translated in chunks cut at spaces (never truncated).

    >>> ArgosEngine().name
    'argos-ct2'
    """

    name = "argos-ct2"

    def __init__(self, packages_dir: str | Path | None = None, *, device: str = "cpu",
                 intra_threads: int | None = None, inter_threads: int = 1, beam_size: int = 4,
                 max_batch_size: int = 32, length_penalty: float = 0.2, compute_type: str = "auto",
                 max_decoding_length: int = 256, max_input_tokens: int = 160) -> None:
        self.packages_dir = Path(packages_dir) if packages_dir is not None else None
        self.device = device
        env_threads = os.environ.get("ARGOS_INTRA_THREADS")
        self.intra_threads = intra_threads if intra_threads is not None else int(env_threads or 0)
        self.inter_threads = inter_threads
        self.beam_size = beam_size
        self.max_batch_size = max_batch_size
        self.length_penalty = length_penalty
        self.compute_type = compute_type
        self.max_decoding_length = max_decoding_length
        self.max_input_tokens = max_input_tokens
        self._loaded: dict[Path, _Loaded] = {}
        self._lock = threading.Lock()
        _ENGINES.add(self)

    def _dir(self) -> Path:
        return self.packages_dir if self.packages_dir is not None else default_packages_dir()

    def clear_cache(self) -> None:
        """Forget loaded models (after installing or removing packages)."""
        with self._lock:
            self._loaded.clear()

    def supports(self, source: str, target: str) -> bool:
        try:
            find_package(source, target, packages_dir=self._dir())
        except (ModelNotFoundError, ModelPackageError):
            return False
        return True

    def model_version(self, source: str, target: str) -> str:
        return find_package(source, target, packages_dir=self._dir()).model_version

    def load(self, source: str, target: str) -> _Loaded:
        """Load (once) the CTranslate2 model, tokenizer and splitter serving the pair."""
        pkg = find_package(source, target, packages_dir=self._dir())
        with self._lock:
            got = self._loaded.get(pkg.path)
            if got is not None:
                return got
            if pkg.tokenizer != "sentencepiece":
                raise ModelPackageError("only SentencePiece packages are supported by the argos-ct2 engine",
                                        path=pkg.path, hint="use engine='argostranslate' for BPE packages")
            import ctranslate2
            import sentencepiece as spm

            try:
                translator = ctranslate2.Translator(
                    str(pkg.path / "model"), device=self.device, compute_type=self.compute_type,
                    inter_threads=self.inter_threads, intra_threads=self.intra_threads)
                sp = spm.SentencePieceProcessor(model_file=str(pkg.path / "sentencepiece.model"))
            except (RuntimeError, OSError, ValueError) as exc:
                raise ModelPackageError(f"cannot load the model: {exc}", path=pkg.path,
                                        hint="the package is corrupt; remove and reinstall it") from exc
            got = _Loaded(pkg, translator, sp, _Splitter(pkg, self.intra_threads or 1))
            self._loaded[pkg.path] = got
            return got

    def hypotheses(self, texts: Sequence[str], *, source: str, target: str, n: int = 4) -> list[list[Hypothesis]]:
        """Translate *texts* in one batch; up to *n* hypotheses each, best first.

        Multi-sentence strings are split; alternative hypotheses of a string vary one sentence at a
        time (cheapest score loss first), so a broken placeholder in one sentence can be repaired
        without giving up the best translation of the others.
        """
        if not texts:
            return []
        m = self.load(source, target)
        n = max(1, min(n, self.beam_size))
        # layout[i] = list of literal strings and int references into `sentences`
        layout: list[list[str | int]] = []
        sentences: list[str] = []
        for text in texts:
            parts: list[str | int] = []
            for li, line in enumerate(text.split("\n")):
                if li:
                    parts.append("\n")
                core = line.strip()
                if not core:
                    parts.append(line)
                    continue
                lead = line[: len(line) - len(line.lstrip())]
                trail = line[len(line.rstrip()):]
                parts.append(lead)
                for sent, sep in m.splitter.split(core):
                    chunks = self._chunks(m, sent)
                    for ci, chunk in enumerate(chunks):
                        parts.append(len(sentences))
                        sentences.append(chunk)
                        parts.append(" " if ci + 1 < len(chunks) else sep)
                parts.append(trail)
            layout.append(parts)
        per_sentence = self._translate_sentences(m, sentences, n)
        return [self._combine(parts, per_sentence, n) for parts in layout]

    def _chunks(self, m: _Loaded, sentence: str) -> list[str]:
        """*sentence*, cut at spaces into pieces of at most ``max_input_tokens`` tokens.

        Models have a maximum input length (and quality drops long before it); an over-long
        "sentence" (a pasted log line, a list without full stops) is translated in chunks instead
        of being silently truncated.
        """
        limit = self.max_input_tokens
        # SentencePiece yields at most one piece per UTF-8 byte (+1): short sentences skip encoding.
        if len(sentence.encode("utf-8")) < limit or len(m.sp.encode(sentence)) <= limit:
            return [sentence]
        chunks: list[str] = []
        current: list[str] = []
        size = 0
        for word in sentence.split(" "):
            n = len(m.sp.encode(word)) + 1
            if current and size + n > limit:
                chunks.append(" ".join(current))
                current, size = [], 0
            current.append(word)
            size += n
        if current:
            chunks.append(" ".join(current))
        return [c for c in chunks if c.strip()] or [sentence]

    def encode(self, source: str, target: str, sentences: Sequence[str]) -> list[list[str]]:
        """SentencePiece pieces of *sentences* (what :meth:`hypotheses` feeds CTranslate2)."""
        m = self.load(source, target)
        return [m.sp.encode(s, out_type=str) for s in sentences]

    def translate_options(self, n: int) -> dict[str, Any]:
        """The exact CTranslate2 ``translate_batch`` options this engine uses."""
        return {
            "max_batch_size": self.max_batch_size, "batch_type": "examples",
            "beam_size": max(n, self.beam_size), "num_hypotheses": n, "length_penalty": self.length_penalty,
            "return_scores": True, "replace_unknowns": True, "max_decoding_length": self.max_decoding_length,
        }

    def _translate_sentences(self, m: _Loaded, sentences: list[str], n: int) -> list[list[tuple[str, float]]]:
        if not sentences:
            return []
        tokens = [m.sp.encode(s, out_type=str) for s in sentences]
        prefix = [[m.pkg.target_prefix] for _ in tokens] if m.pkg.target_prefix else None
        # CTranslate2 translators are thread-safe; with inter_threads > 1 concurrent calls run in parallel.
        try:
            results = m.translator.translate_batch(tokens, target_prefix=prefix, **self.translate_options(n))
        except (RuntimeError, ValueError) as exc:
            raise TranslationError(f"CTranslate2 failed with {m.pkg.model_version}: {exc}", path=m.pkg.path,
                                   hint="lower max_input_tokens (the model's maximum input length) or check "
                                        "the package with `toneloc models list`") from exc
        lp = self.length_penalty
        out: list[list[tuple[str, float]]] = []
        for res in results:
            hyps: list[tuple[str, float]] = []
            for toks, score in zip(res.hypotheses, res.scores, strict=False):
                if m.pkg.target_prefix and toks and toks[0] == m.pkg.target_prefix:
                    toks = toks[1:]
                length = len(toks) + 1
                norm = float(score) * (length**lp) / length
                hyps.append((m.sp.decode_pieces(list(toks)), norm))
            out.append(hyps or [("", -99.0)])
        return out

    @staticmethod
    def _combine(parts: list[str | int], per_sentence: list[list[tuple[str, float]]], n: int) -> list[Hypothesis]:
        refs = [p for p in parts if isinstance(p, int)]
        if not refs:
            return [Hypothesis("".join(p for p in parts if isinstance(p, str)), 0.0)]
        weights = {r: max(1, len(per_sentence[r][0][0])) for r in refs}
        total = sum(weights.values())
        # variants: (loss, sentence ref, rank); rank 0 everywhere is the best
        variants: list[tuple[float, int, int]] = [(0.0, -1, 0)]
        for r in refs:
            best = per_sentence[r][0][1]
            for k in range(1, len(per_sentence[r])):
                variants.append(((best - per_sentence[r][k][1]) * weights[r] / total, r, k))
        variants.sort(key=lambda v: v[0])
        out: list[Hypothesis] = []
        seen: set[str] = set()
        for _, vr, vk in variants:
            text_parts: list[str] = []
            score = 0.0
            for p in parts:
                if isinstance(p, int):
                    txt, sc = per_sentence[p][vk if p == vr else 0]
                    text_parts.append(txt)
                    score += sc * weights[p] / total
                else:
                    text_parts.append(p)
            text = "".join(text_parts)
            if text in seen:
                continue
            seen.add(text)
            out.append(Hypothesis(text, round(score, 6)))
            if len(out) >= n:
                break
        return out


class ArgostranslateEngine:
    """Translate through ``argostranslate.translate`` (one call per string), for comparison and BPE packages.

    Hypothesis scores are argostranslate's, converted to per-token log-probabilities.
    """

    name = "argostranslate"

    def __init__(self, packages_dir: str | Path | None = None) -> None:
        self.packages_dir = Path(packages_dir) if packages_dir is not None else None

    def _dir(self) -> Path:
        return self.packages_dir if self.packages_dir is not None else default_packages_dir()

    def supports(self, source: str, target: str) -> bool:
        try:
            find_package(source, target, packages_dir=self._dir())
        except (ModelNotFoundError, ModelPackageError):
            return False
        return True

    def model_version(self, source: str, target: str) -> str:
        return find_package(source, target, packages_dir=self._dir()).model_version

    def hypotheses(self, texts: Sequence[str], *, source: str, target: str, n: int = 4) -> list[list[Hypothesis]]:
        pkg = find_package(source, target, packages_dir=self._dir())
        _, a_translate, _ = argostranslate_modules(self._dir())
        translation = a_translate.get_translation_from_codes(pkg.source, pkg.target)
        if translation is None:  # pragma: no cover - find_package already checked
            raise ModelNotFoundError(f"argostranslate has no translation {pkg.source} -> {pkg.target}")
        tokenizer = getattr(getattr(getattr(translation, "underlying", None), "pkg", None), "tokenizer", None)
        out: list[list[Hypothesis]] = []
        for text in texts:
            hyps = []
            for h in translation.hypotheses(text, num_hypotheses=n):
                length = len(tokenizer.encode(h.value)) + 1 if tokenizer is not None else max(1, len(h.value) // 4)
                hyps.append(Hypothesis(h.value, float(h.score) / (length ** 0.8)))
            out.append(hyps)
        return out

