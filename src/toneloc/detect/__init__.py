"""Language detection built for support tickets.

Short, messy messages ("Cảm ơn", "order #A-1182 not arrived!!", an English error pasted into an
Indonesian reply) get the right language, a calibrated confidence and an honest "not sure"
(``language == "und"``, ``reliable is False``) that a helpdesk can route to a human.

>>> from toneloc.detect import detect, DetectorConfig
>>> detect("Cảm ơn").language
'vi'
>>> detect("#A-1182 🙏").reliable
False
>>> det = DetectorConfig(candidates=("id", "en")).build()
>>> det.detect('Saya sudah coba, tapi muncul "Invalid password, please try again" terus.').language
'id'

Heavy models (py3langid's naive Bayes, fastText's ``lid.176.ftz``) load on the first call that
needs them; ``import toneloc.detect`` is cheap. The detector's steps run compiled (mypyc) when
``python -m toneloc._native build`` has compiled them (``python3 run.py`` does), else as
Python, with the same answers (:mod:`toneloc._native`).
"""

from __future__ import annotations

from toneloc._native import activate as _activate

_activate()  # before the detector's modules load: compiled (mypyc) when built and current, else Python

from toneloc.detect._api import (  # noqa: E402
    LanguageDetector,
    detect,
    detect_language,
    detect_many,
    split_blocks,
    strip_noise,
)
from toneloc.detect._types import (  # noqa: E402
    DEFAULT_CANDIDATES,
    UNDETERMINED,
    Detection,
    Detector,
    DetectorConfig,
    Span,
)

__all__ = [
    "DEFAULT_CANDIDATES",
    "UNDETERMINED",
    "Detection",
    "Detector",
    "DetectorConfig",
    "LanguageDetector",
    "Span",
    "detect",
    "detect_language",
    "detect_many",
    "split_blocks",
    "strip_noise",
]
