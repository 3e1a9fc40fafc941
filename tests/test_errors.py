"""The error contract: one root, matching builtins, file:line and hints."""

from __future__ import annotations

import pickle

import pytest

from toneloc import errors


def test_every_error_derives_from_the_root() -> None:
    """Callers can catch every toneloc failure with one except clause."""
    for name in errors.__all__:
        obj = getattr(errors, name)
        if isinstance(obj, type):
            assert issubclass(obj, errors.TonelocError), name


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (errors.UnknownLocaleError, LookupError),
        (errors.UnknownCurrencyError, LookupError),
        (errors.InvalidInputError, ValueError),
        (errors.CatalogError, ValueError),
        (errors.TemplateSecurityError, PermissionError),
        (errors.ModelNotFoundError, LookupError),
        (errors.ReviewStateError, ValueError),
    ],
)
def test_errors_inherit_matching_builtin(cls: type[Exception], builtin: type[Exception]) -> None:
    """Code that catches the builtin keeps working."""
    assert issubclass(cls, builtin)


def test_error_names_file_line_and_hint() -> None:
    """The message reads `file:line:col: what (hint: fix)`."""
    err = errors.CatalogError("msgstr without msgid", path="de/messages.po", line=12, column=3, hint="add msgid")
    assert str(err) == "de/messages.po:12:3: msgstr without msgid (hint: add msgid)"
    assert err.where == "de/messages.po:12:3"


def test_errors_survive_pickling() -> None:
    """Errors cross process boundaries (multiprocessing, Dask) intact."""
    err = errors.UnknownLocaleError("xx", hint="try de")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is errors.UnknownLocaleError
    assert str(back) == str(err)
    assert back.identifier == "xx"


def test_missing_optional_dependency_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without simplemma the Romance tone rules say which extra to install (and it is still an ImportError)."""
    import sys

    from toneloc.errors import MissingDependencyError
    from toneloc.rules._base import lemmatizer

    monkeypatch.setitem(sys.modules, "simplemma", None)
    with pytest.raises(MissingDependencyError, match=r'toneloc\[tone\]') as info:
        lemmatizer()
    assert isinstance(info.value, ImportError)
