"""Pytest fixtures shared by the MT tests: real tiny Argos packages, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from mt_fixtures.build_tiny_model import GERMAN, build_package


@pytest.fixture(scope="session")
def tiny_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An en->de `.argosmodel` whose copy model translates the words of `GERMAN`."""
    return build_package(tmp_path_factory.mktemp("mt-build"), "en", "de", lexicon=GERMAN)


@pytest.fixture(scope="session")
def unsure_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An en->fr copy model with flat output distributions (low log-probabilities)."""
    return build_package(tmp_path_factory.mktemp("mt-build-unsure"), "en", "fr", sharpness=0.15)


@pytest.fixture(scope="session")
def packages_dir(tmp_path_factory: pytest.TempPathFactory, tiny_archive: Path, unsure_archive: Path) -> Path:
    """A packages folder with both tiny packages installed through argostranslate."""
    from toneloc.translate import install_package

    root = tmp_path_factory.mktemp("mt-packages")
    install_package(tiny_archive, packages_dir=root)
    install_package(unsure_archive, packages_dir=root)
    return root


@pytest.fixture(scope="session")
def engine(packages_dir: Path) -> object:
    """The CTranslate2 engine on the installed tiny packages (one thread)."""
    from toneloc.translate import ArgosEngine

    return ArgosEngine(packages_dir, intra_threads=1)
