"""normalize: repair translation noise in English text, with every change explained.

>>> from normalize import fix
>>> fix("In December, haftal said ...").text
'In December, Haftar said ...'
"""

from __future__ import annotations

from typing import Any

from normalize.engine import Normalizer, Options
from normalize.model import Action, Change, Result, apply_changes
from normalize.resolve import Thresholds

__version__ = "0.1.0.dev0"

_default: Normalizer | None = None


def fix(text: str, **options: Any) -> Result:
    """Normalise ``text`` with the shipped lexicons; ``options`` are :class:`Options` fields."""
    global _default
    if options:
        return Normalizer(options=Options(**options)).fix(text)
    if _default is None:
        _default = Normalizer()
    return _default.fix(text)


__all__ = [
    "Action",
    "Change",
    "Normalizer",
    "Options",
    "Result",
    "Thresholds",
    "__version__",
    "apply_changes",
    "fix",
]
