"""The compiled build of language detection: mypyc turns the detector's Python modules into C.

(A module of :mod:`toneloc`, not of :mod:`toneloc.detect`: building must not import the modules
it rebuilds.)

Detection is many small Python steps per message (noise gates, scripts, alphabets, greetings, the
fastText and naive Bayes cascade, word lists). mypyc, the compiler of the mypy project (the same
type-checked sources, no second implementation), runs them ~20% faster: the margin that makes
toneloc faster than py3langid on the development set (``docs/benchmarks.md``). The compiled
modules give exactly the answers of the Python ones (``tests/test_detect_native.py``).

* ``python -m toneloc._native build`` compiles :data:`COMPILED` (in a temporary folder, then moved
  beside their sources) and records the SHA-256 of every file the compiled code depends on
  (:data:`COMPILED`, :data:`DEPENDS` and the shared runtime library) in
  ``_native_build.<interpreter>.json``; ``--if-stale`` does nothing when the build is current.
  ``python3 run.py`` runs it (``TONELOC_NATIVE=0`` skips it). It needs mypy with mypyc and
  setuptools (the ``dev`` extra) and a C compiler; without them toneloc runs as Python.
* ``python -m toneloc._native status`` tells which build is in use.
* On import (:func:`activate`), a build that does not match the files beside it (a source edited,
  another checkout, the runtime library missing or another one first on ``sys.path``) is not used:
  the Python sources are, with a ``RuntimeWarning`` saying how to rebuild.
  ``TONELOC_PURE_PYTHON=1`` uses the sources without a warning.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import shutil
import sys
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

__all__ = ["COMPILED", "DEPENDS", "activate", "build", "in_use", "stale_modules"]

COMPILED = ("_alphabets", "_clean", "_detector", "_greetings", "_lexicon", "_models", "_scripts")
"""The modules of :mod:`toneloc.detect` the compiled build covers (the steps run per message).
:mod:`~toneloc.detect._api` stays Python: its annotations are for type checkers only, so a wrong
argument reaches the engine's own check and its clear error."""
DEPENDS = ("detect/_types.py", "errors.py")
"""Python modules (paths below the ``toneloc`` package) the compiled code imports: it enforces their
annotations and class layouts, so an edit to them makes the build stale too."""
GROUP = "toneloc_detect_native"
"""Name of the shared runtime library mypyc builds for the group (``<GROUP>__mypyc``, a top-level
module beside the ``toneloc`` package)."""
RECORD = f"_native_build.{sys.implementation.cache_tag}.json"
"""The SHA-256 of the files a build for this interpreter was made from (one per interpreter)."""
_PACKAGE_DIR = Path(__file__).resolve().parent
_HERE = _PACKAGE_DIR / "detect"
_PACKAGE = "toneloc.detect"
_EXTENSIONS = tuple(importlib.machinery.EXTENSION_SUFFIXES)
_active: bool | None = None
_lock = threading.Lock()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _built_files(folder: Path) -> list[Path]:
    return [folder / f"{m}{suffix}" for m in COMPILED for suffix in _EXTENSIONS if (folder / f"{m}{suffix}").exists()]


def _runtime(folder: Path) -> Path | None:
    """The group's runtime library for this interpreter beside the ``toneloc`` package of *folder*."""
    root = folder.parents[1]
    return next((root / f"{GROUP}__mypyc{s}" for s in _EXTENSIONS if (root / f"{GROUP}__mypyc{s}").exists()), None)


def _inputs(folder: Path) -> dict[str, Path]:
    """Every file a build in *folder* depends on, by the name the record keeps it under."""
    package = folder.parent
    files = {m: folder / f"{m}.py" for m in COMPILED}
    files.update({f"toneloc/{d}": package / d for d in DEPENDS})
    return files


def stale_modules(folder: Path = _HERE) -> list[str] | None:
    """What no longer matches the compiled build in *folder*: ``[]`` when it is current, ``None``
    when there is no compiled build at all.

    Stale: a module without its compiled file (a partial build: the compiled modules call each other
    natively, so all or none are used), a recorded SHA-256 that differs from the file's now (a
    source of :data:`COMPILED` or :data:`DEPENDS`, the runtime library ``"runtime"``), a missing or
    unreadable record, a file gone, or another runtime library first on ``sys.path``.
    """
    built = _built_files(folder)
    if not built:
        return None
    try:
        record = json.loads((folder / RECORD).read_text(encoding="utf-8"))
        hashes = record.get("files") if isinstance(record, dict) else None
    except (OSError, ValueError):
        hashes = None
    if not isinstance(hashes, dict):
        hashes = {}
    have = {p.name.split(".", 1)[0] for p in built}
    stale = [m for m in COMPILED if m not in have]
    for name, path in _inputs(folder).items():
        current = _digest(path) if path.exists() else None
        if current is None or hashes.get(name) != current:
            stale.append(name)
    runtime = _runtime(folder)
    if runtime is None or hashes.get("runtime") != _digest(runtime):
        stale.append("runtime")
    else:
        imported = _importable_runtime()  # the one the compiled modules will import
        if imported is None or imported != runtime.resolve():
            stale.append("runtime")
    return sorted(set(stale), key=stale.index)


def _importable_runtime() -> Path | None:
    """The runtime library ``import`` finds first on ``sys.path`` (not imported)."""
    spec = importlib.util.find_spec(f"{GROUP}__mypyc")
    return Path(spec.origin).resolve() if spec is not None and spec.origin else None


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Finds the Python sources of :data:`COMPILED`, ahead of the compiled files beside them."""

    def __init__(self, folder: Path) -> None:
        self._names = {f"{_PACKAGE}.{m}": folder / f"{m}.py" for m in COMPILED}

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        source = self._names.get(fullname)
        return importlib.util.spec_from_file_location(fullname, source) if source is not None else None


def activate() -> bool:
    """Decide, before the detector's modules are imported, whether the compiled build is used:
    ``True`` when it is; otherwise, when compiled files exist, the sources are made to load
    instead (a stale build: with a ``RuntimeWarning``). Called once by :mod:`toneloc.detect`."""
    global _active
    with _lock:
        if _active is not None:
            return _active
        stale = stale_modules()
        pure = os.environ.get("TONELOC_PURE_PYTHON", "") not in ("", "0")
        use = stale == [] and not pure
        if stale is not None and not use:
            sys.meta_path.insert(0, _SourceFinder(_HERE))
            if stale and not pure:
                warnings.warn(
                    f"toneloc: the compiled detection modules do not match their files ({', '.join(stale)}); "
                    "running the Python sources instead. Rebuild with: python -m toneloc._native build",
                    RuntimeWarning,
                    stacklevel=3,
                )
        _active = use
        return use


def in_use() -> bool:
    """Whether this process runs the compiled detection modules (imports :mod:`toneloc.detect`).

    >>> isinstance(in_use(), bool)
    True
    """
    import toneloc.detect  # noqa: F401 - activates one build or the other

    return bool(_active)


def build(folder: Path = _HERE, *, verbose: bool = False) -> list[Path]:
    """Compile :data:`COMPILED` with mypyc and put the compiled files beside their sources in
    *folder* (the runtime library beside the ``toneloc`` package), then record what they were built
    from; returns the compiled files. The build happens in a temporary folder: a failed build
    leaves an existing one as it was. Raises :class:`RuntimeError` naming what is missing (mypy
    with mypyc, setuptools, a C compiler) or what failed."""
    try:
        from mypyc.build import mypycify
        from setuptools import Distribution  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError(f"the compiled build needs mypy with mypyc and setuptools (the dev extra): {exc}") from exc
    import contextlib
    import io
    import tempfile

    root = folder.parents[1]  # .../src (or site-packages): the top-level runtime library goes here
    inputs = _inputs(folder)
    hashes = {name: _digest(path) for name, path in inputs.items()}
    out = io.StringIO()
    with tempfile.TemporaryDirectory(prefix="toneloc-native-") as tmp:
        lib = Path(tmp) / "lib"
        version = f"{sys.version_info[0]}.{sys.version_info[1]}"
        try:
            with contextlib.redirect_stdout(out if not verbose else sys.stdout):
                extensions = mypycify(
                    [*(str(folder / f"{m}.py") for m in COMPILED), "--ignore-missing-imports",
                     "--python-version", version, "--cache-dir", str(Path(tmp) / "mypy")],
                    opt_level="3",
                    group_name=GROUP,
                    target_dir=str(Path(tmp) / "c"),
                )
                # a bare Distribution: setup() would read the pyproject.toml of the working directory
                dist = Distribution({"name": "toneloc-detect-native", "ext_modules": extensions})
                dist.script_name = "toneloc-native"
                dist.script_args = ["build_ext", "--build-temp", str(Path(tmp) / "o"), "--build-lib", str(lib),
                                    *([] if verbose else ["-q"])]
                dist.parse_command_line()
                dist.run_commands()
        except (SystemExit, Exception) as exc:  # setuptools exits on compiler errors
            raise RuntimeError(f"mypyc could not compile toneloc.detect: {exc}\n{out.getvalue()[-2000:]}") from exc
        made = {m: next((lib / "toneloc" / "detect").glob(f"{m}.*"), None) for m in COMPILED}
        runtime = next(lib.glob(f"{GROUP}__mypyc.*"), None)
        if runtime is None or any(p is None for p in made.values()):
            raise RuntimeError(f"mypyc built {sum(p is not None for p in made.values())} of {len(COMPILED)} modules")
        if {name: _digest(path) for name, path in inputs.items()} != hashes:
            raise RuntimeError("the sources changed while they were compiled; build again")
        try:
            (folder / RECORD).unlink(missing_ok=True)  # no record: not used while files are swapped
            for old in [*_built_files(folder), *(p for p in [_runtime(folder)] if p is not None)]:
                old.unlink()  # a new inode for each: processes that have the old ones mapped keep them
            for path in made.values():
                shutil.move(str(path), folder / Path(str(path)).name)
            shutil.move(str(runtime), root / runtime.name)
            hashes["runtime"] = _digest(root / runtime.name)
            record = {"group": GROUP, "python": sys.version.split()[0], "files": hashes}
            (folder / RECORD).write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        except OSError as exc:
            raise RuntimeError(f"could not install the compiled modules into {folder}: {exc}") from exc
    return _built_files(folder)


def _main(argv: Sequence[str]) -> int:
    command = argv[0] if argv else "status"
    if command == "build":
        if "--if-stale" in argv and stale_modules() == []:
            return 0
        try:
            built = build(verbose="-v" in argv)
        except RuntimeError as exc:
            print(f"toneloc: no compiled build: {exc}", file=sys.stderr)
            return 1
        print(f"toneloc: compiled {len(built)} detection modules with mypyc")
        return 0
    if command == "status":
        stale = stale_modules()
        if stale is None:
            print("python: no compiled build (python -m toneloc._native build)")
        elif stale:
            print(f"python: the compiled build does not match ({', '.join(stale)}); rebuild")
        else:
            print("compiled (mypyc)" if os.environ.get("TONELOC_PURE_PYTHON", "") in ("", "0")
                  else "python: TONELOC_PURE_PYTHON is set")
        return 0
    print("usage: python -m toneloc._native [build [--if-stale] [-v] | status]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
