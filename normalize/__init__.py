"""normalize: repair translation noise in English text, with every change explained.

>>> from normalize import fix
>>> fix("In December, haftal said ...").text
'In December, Haftar said ...'
"""

# No `from __future__ import annotations` and no `typing` names here: whatever this module
# imports shows in `dir(normalize)`, which should list the public API.
import typing as _typing

from normalize.engine import Normalizer, Options
from normalize.model import Action, Change, Result, apply_changes
from normalize.resolve import Thresholds

__version__ = "0.1.0.dev0"

_normalizers: dict[Options, Normalizer] = {}


def fix(text: str, **options: _typing.Any) -> Result:
    """Normalise ``text`` with the shipped lexicons; ``options`` are :class:`Options` fields.

    The Normalizer for each set of options is built once and kept; for other lexicons or
    many texts, build a :class:`Normalizer` and use :meth:`Normalizer.fix_many`.

    >>> fix("Khalifa Hifter and haftal", canonical=True).text
    'Khalifa Haftar and Haftar'
    >>> fix(b"haftal")
    Traceback (most recent call last):
    TypeError: fix() takes the text as str, not bytes: decode it first (data.decode("utf-8"))
    """
    opts = Options(**options)
    normalizer = _normalizers.get(opts)
    if normalizer is None:
        normalizer = _normalizers.setdefault(opts, Normalizer(options=opts))
    return normalizer.fix(text)


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
