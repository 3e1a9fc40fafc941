"""The one error root of toneloc and its subclasses.

Every error toneloc raises derives from :class:`TonelocError`. Subclasses also inherit the builtin a
caller would naturally catch (``LookupError`` for unknown things, ``ValueError`` for bad values,
``OSError`` for files), carry *what* failed and *where* (``path``, ``line``) and a *hint* that says
how to fix it.

>>> from toneloc.errors import UnknownLocaleError, TonelocError
>>> err = UnknownLocaleError("xx-YY", hint="did you mean: xh?")
>>> isinstance(err, LookupError) and isinstance(err, TonelocError)
True
>>> str(err)
"unknown locale 'xx-YY' (hint: did you mean: xh?)"
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

__all__ = [
    "CatalogError",
    "ConfigError",
    "CultureNotFoundError",
    "DetectionError",
    "FormattingError",
    "InvalidInputError",
    "LintError",
    "MissingDependencyError",
    "ModelNotFoundError",
    "ModelPackageError",
    "NaiveDatetimeError",
    "PipelineError",
    "ReviewError",
    "ReviewStateError",
    "SchemaVersionError",
    "TemplateError",
    "TemplateLimitError",
    "TemplateSecurityError",
    "TonelocError",
    "TranslationError",
    "UnknownCurrencyError",
    "UnknownLocaleError",
    "UnsupportedCountryError",
    "close_matches",
    "os_error_reason",
]


def close_matches(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Return up to *n* candidates close to *word* (case-insensitive), best first.

    >>> close_matches("de-DX", ["de-DE", "de-AT", "fr-FR"])
    ['de-DE', 'de-AT']
    """
    pool = list(candidates)
    lowered = {c.lower(): c for c in pool}
    hits = difflib.get_close_matches(word.lower(), list(lowered), n=n, cutoff=0.6)
    return [lowered[h] for h in hits]


def os_error_reason(exc: OSError) -> str:
    """A short reason for an :class:`OSError` that names the real problem (a file where a folder is needed).

    >>> os_error_reason(FileExistsError(17, "File exists", "out"))
    'a file is in the way where a folder is needed'
    """
    if isinstance(exc, FileExistsError | NotADirectoryError):
        return "a file is in the way where a folder is needed"
    return exc.strerror or str(exc)


class TonelocError(Exception):
    """Root of every error toneloc raises.

    Attributes:
        message: what failed, in one sentence.
        path: the file involved, if any.
        line: 1-based line in *path*, if known.
        column: 1-based column, if known.
        hint: how to fix it (close matches, the command to run...).
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.hint = hint
        super().__init__(self.__str__())

    @property
    def where(self) -> str | None:
        """``file:line[:column]`` or ``None`` when no file is involved."""
        if self.path is None:
            return None
        out = self.path
        if self.line is not None:
            out += f":{self.line}"
            if self.column is not None:
                out += f":{self.column}"
        return out

    def __str__(self) -> str:
        text = self.message
        if self.where:
            text = f"{self.where}: {text}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text

    def __reduce__(self) -> tuple[object, ...]:  # keep pickling (multiprocessing, Dask) working
        return (_rebuild, (type(self), self.__dict__.copy()))


def _rebuild(cls: type[TonelocError], state: dict[str, object]) -> TonelocError:
    obj = cls.__new__(cls)
    obj.__dict__.update(state)
    Exception.__init__(obj, str(obj))
    return obj


class UnknownLocaleError(TonelocError, LookupError):
    """A locale tag that is malformed or that CLDR (via Babel) does not know."""

    def __init__(self, identifier: str, *, hint: str | None = None, reason: str | None = None) -> None:
        self.identifier = identifier
        self.reason = reason
        msg = f"unknown locale {identifier!r}" + (f": {reason}" if reason else "")
        super().__init__(msg, hint=hint)


class CultureNotFoundError(TonelocError, LookupError):
    """A valid locale for which toneloc has no culture profile (and no fallback was allowed)."""


class InvalidInputError(TonelocError, ValueError):
    """A value of the right type but unusable (invalid UTF-8, impossible date, text too large...)."""


class FormattingError(TonelocError, ValueError):
    """Formatting failed for a reason that is not more specific below."""


class UnknownCurrencyError(FormattingError, LookupError):
    """An ISO 4217 code CLDR does not know."""


class NaiveDatetimeError(FormattingError):
    """A naive ``datetime`` where an aware one is required (toneloc never guesses a time zone)."""


class UnsupportedCountryError(TonelocError, LookupError):
    """A country or subdivision the ``holidays`` package does not cover."""


class ConfigError(TonelocError, ValueError):
    """Bad configuration (``toneloc.toml``, ``[tool.toneloc]`` or a config object)."""


class DetectionError(TonelocError, ValueError):
    """Language detection could not run (bad candidates, bad configuration)."""


class TemplateError(TonelocError):
    """A template could not be found, parsed or rendered."""


class TemplateSecurityError(TemplateError, PermissionError):
    """A template tried to leave its sandbox."""


class TemplateLimitError(TemplateError, RuntimeError):
    """A render ran past its time limit or output size (``TemplateSet(time_limit=, max_output=)``)."""


class CatalogError(TonelocError, ValueError):
    """A gettext catalog (PO/MO) or XLIFF file is malformed or missing."""


class TranslationError(TonelocError):
    """Machine translation failed."""


class ModelNotFoundError(TranslationError, LookupError):
    """No installed model serves the requested language pair."""


class ReviewError(TonelocError):
    """The review store failed."""


class ReviewStateError(ReviewError, ValueError):
    """An invalid review state transition (e.g. approving a stale item without a fresh look)."""


class SchemaVersionError(ReviewError):
    """A review database written by a newer toneloc schema."""


class LintError(TonelocError):
    """The linter could not run (usage or configuration); findings are not errors."""


class PipelineError(TonelocError):
    """The reply pipeline failed."""


class ModelPackageError(TranslationError, ValueError):
    """A translation model package is corrupt or incomplete (bad zip, missing ``metadata.json``/model files)."""


class MissingDependencyError(TonelocError, ImportError):
    """An optional dependency of the capability in use is not installed (the hint names the extra)."""
