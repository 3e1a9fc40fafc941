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
needs them; ``import toneloc.detect`` is cheap.
"""

from __future__ import annotations

from toneloc.detect._clean import split_blocks, strip_noise
from toneloc.detect._detector import LanguageDetector, detect, detect_language, detect_many
from toneloc.detect._types import DEFAULT_CANDIDATES, UNDETERMINED, Detection, Detector, DetectorConfig, Span

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
