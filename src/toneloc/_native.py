"""The compiled build of language detection: mypyc turns the detector's Python modules into C.

(A module of :mod:`toneloc`, not of :mod:`toneloc.detect`: building must not import the modules
it rebuilds.)

Detection is many small Python steps per message (noise gates, scripts, alphabets, greetings, the
fastText and naive Bayes cascade, word lists). mypyc, the compiler of the mypy project (the same
type-checked sources, no second implementation), runs them ~20% faster: the margin that makes
toneloc faster than py3langid on the development set (``docs/benchmarks.md``). The compiled
modules give exactly the answers of the Python ones (``tests/test_detect_native.py``).

* ``python -m toneloc._native build`` compiles :data:`COMPILED` in place, next to their
  sources, and records the sources' SHA-256 in ``_native_build.<interpreter>.json``; ``python3 run.py`` does it
  after installing (``TONELOC_NATIVE=0`` skips it). It needs mypy (the ``dev`` extra) and a C
  compiler; without them toneloc runs as Python.
* ``python -m toneloc._native status`` tells which build is in use.
* On import (:func:`activate`), compiled modules whose recorded sources differ from the sources
  now beside them (edited, another checkout) are not used: the sources are, with a
  ``RuntimeWarning`` saying how to rebuild. ``TONELOC_PURE_PYTHON=1`` uses the sources without a
  warning.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

__all__ = ["COMPILED", "activate", "build", "in_use", "stale_modules"]

COMPILED = ("_alphabets", "_clean", "_detector", "_greetings", "_lexicon", "_models", "_scripts")
"""The modules of :mod:`toneloc.detect` the compiled build covers (the steps run per message).
:mod:`~toneloc.detect._api` stays Python: its annotations are for type checkers only, so a wrong
argument reaches the engine's own check and its clear error."""
GROUP = "toneloc_detect_native"
"""Name of the shared runtime library mypyc builds for the group (``<GROUP>__mypyc``)."""
RECORD = f"_native_build.{sys.implementation.cache_tag}.json"
"""The SHA-256 of the sources a build for this interpreter was made from (one per interpreter)."""
_HERE = Path(__file__).resolve().parent / "detect"
_PACKAGE = "toneloc.detect"
_EXTENSIONS = tuple(importlib.machinery.EXTENSION_SUFFIXES)
_active: bool | None = None


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _built_files(folder: Path) -> list[Path]:
    return [folder / f"{m}{suffix}" for m in COMPILED for suffix in _EXTENSIONS if (folder / f"{m}{suffix}").exists()]


def stale_modules(folder: Path = _HERE) -> list[str] | None:
    """The compiled modules in *folder* that do not match their sources, ``[]`` when all match,
    ``None`` when there is no compiled build at all.

    A module is stale when the record lacks it, records another SHA-256 of its source, or has no
    compiled file (a partial build): the compiled modules call each other natively, so they are
    used all together or not at all.
    """
    built = _built_files(folder)
    if not built:
        return None
    try:
        record = json.loads((folder / RECORD).read_text(encoding="utf-8"))
        hashes = record["modules"] if isinstance(record, dict) else {}
    except (OSError, ValueError, KeyError):
        hashes = {}
    have = {p.name.split(".", 1)[0] for p in built}
    stale = []
    for m in COMPILED:
        source = folder / f"{m}.py"
        current = _digest(source) if source.exists() else None
        if m not in have or not isinstance(hashes, dict) or hashes.get(m) != current:
            stale.append(m)
    return stale


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
    instead (stale build: with a ``RuntimeWarning``). Called once by :mod:`toneloc.detect`."""
    global _active
    if _active is not None:
        return _active
    stale = stale_modules()
    pure = os.environ.get("TONELOC_PURE_PYTHON", "") not in ("", "0")
    use = stale == [] and not pure
    if stale is not None and not use:
        sys.meta_path.insert(0, _SourceFinder(_HERE))
        if stale and not pure:
            warnings.warn(
                f"toneloc: the compiled detection modules were built from other sources ({', '.join(stale)}); "
                "running the Python sources instead. Rebuild with: python -m toneloc._native build",
                RuntimeWarning,
                stacklevel=3,
            )
    _active = use
    return use


def in_use() -> bool:
    """Whether this process runs the compiled detection modules.

    >>> isinstance(in_use(), bool)
    True
    """
    return activate() and all(
        not (getattr(sys.modules.get(f"{_PACKAGE}.{m}"), "__file__", "") or "").endswith(".py") for m in COMPILED
    )


def build(folder: Path = _HERE, *, verbose: bool = False) -> list[Path]:
    """Compile :data:`COMPILED` with mypyc into *folder* (in place) and record their sources;
    returns the compiled files. Raises :class:`RuntimeError` naming what is missing (mypy, a C
    compiler) when it cannot."""
    try:
        from mypyc.build import mypycify
        from setuptools import setup  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError(f"the compiled build needs mypy (with mypyc) and setuptools: {exc}") from exc
    import contextlib
    import io
    import tempfile

    root = folder.parents[1]  # .../src (or site-packages): module names follow the paths below it
    sources = [str((folder / f"{m}.py").relative_to(root)) for m in COMPILED]
    hashes = {m: _digest(folder / f"{m}.py") for m in COMPILED}
    group = [root / f"{GROUP}__mypyc{suffix}" for suffix in _EXTENSIONS]
    for old in [*_built_files(folder), *(p for p in group if p.exists())]:  # no older build left in use
        old.unlink()
    (folder / RECORD).unlink(missing_ok=True)
    cwd = Path.cwd()
    out = io.StringIO()
    with tempfile.TemporaryDirectory(prefix="toneloc-native-") as tmp:
        try:
            os.chdir(root)
            with contextlib.redirect_stdout(out if not verbose else sys.stdout):
                version = f"{sys.version_info[0]}.{sys.version_info[1]}"
                extensions = mypycify(
                    [*sources, "--ignore-missing-imports", "--python-version", version,
                     "--cache-dir", str(Path(tmp) / "mypy")],
                    opt_level="3",
                    group_name=GROUP,
                    target_dir=str(Path(tmp) / "c"),
                )
                setup(
                    name="toneloc-detect-native",
                    ext_modules=extensions,
                    script_args=["build_ext", "--inplace", "--build-temp", str(Path(tmp) / "o"),
                                 "--build-lib", str(Path(tmp) / "lib"),
                                 *([] if verbose else ["-q"])],
                )
        except (SystemExit, Exception) as exc:  # setuptools exits on compiler errors
            raise RuntimeError(f"mypyc could not compile toneloc.detect: {exc}\n{out.getvalue()[-2000:]}") from exc
        finally:
            os.chdir(cwd)
    built = _built_files(folder)
    if len(built) != len(COMPILED):
        raise RuntimeError(f"mypyc built {len(built)} of {len(COMPILED)} modules in {folder}")
    record = {"group": GROUP, "python": sys.version.split()[0], "modules": hashes}
    (folder / RECORD).write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return built


def _main(argv: Sequence[str]) -> int:
    command = argv[0] if argv else "status"
    if command == "build":
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
            print(f"python: the compiled build is stale ({', '.join(stale)}); rebuild")
        else:
            print("compiled (mypyc)" if os.environ.get("TONELOC_PURE_PYTHON", "") in ("", "0")
                  else "python: TONELOC_PURE_PYTHON is set")
        return 0
    print("usage: python -m toneloc._native [build [-v] | status]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
