"""The names scorer: a small logistic model over interpretable features.

Each candidate (a window of the text and the entity it may stand for) is described by the
features below; the confidence is the logistic of their weighted sum, the weights read from
``weights.json`` in this package (data, refitted offline by ``tools/fit_names.py``). Every
term is written into the change's evidence, so ``normalize explain`` shows it term by term.

Two precision rules are applied after the model, and say so in the evidence: a candidate
with no document evidence at all (no title before it, none of the entity's context terms,
the entity not written right elsewhere) is at most flagged; a window that is well-formed
pinyin is a Chinese name written right unless the document names the entity's country,
office or the entity itself, and is then left alone.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources

#: The most a candidate gets without any document evidence: flagged, never applied.
NO_EVIDENCE_CAP = 0.75
#: A pinyin window without context or mention stays under the flag threshold.
PINYIN_CAP = 0.45


@dataclass(frozen=True)
class Features:
    """What the scorer knows about one candidate (see weights.json for their weights)."""

    similarity: float  # spelling similarity of the window to the form, in [0, 1]
    exact_reading: float  # 1 if the window is a reading of the entity's source-script name
    key_distance: float  # parts whose transliteration key is not the form's
    extra_tokens: float  # tokens in the window beyond the first
    english: float  # share of the garbled tokens that are English words
    real_name: float  # share of the garbled tokens that are real spellings of some name
    pinyin: float  # 1 if every token is well-formed pinyin (a Chinese name?)
    title: float  # 1 if a title (President, Prime Minister ...) stands before the window
    context: float  # the entity's context terms in the document (at most 3)
    mention: float  # 1 if the entity is written right elsewhere in the document
    repeats: float  # other occurrences of the same window (at most 2)

    def as_dict(self) -> dict[str, float]:
        return {f.name: float(getattr(self, f.name)) for f in fields(self)}


@dataclass(frozen=True)
class Model:
    bias: float
    weights: dict[str, float]
    fitted: bool


@cache
def model() -> Model:
    """The shipped weights (read once per process, when a candidate is first scored)."""
    text = resources.files("normalize.names").joinpath("weights.json").read_text("utf-8")
    data = json.loads(text)
    names = {f.name for f in fields(Features)}
    weights = {k: float(v) for k, v in data["weights"].items()}
    if set(weights) != names:
        raise ValueError(f"weights.json must weigh exactly {sorted(names)}")
    return Model(float(data["bias"]), weights, bool(data.get("fitted", False)))


def linear(features: Features, m: Model | None = None) -> float:
    """The weighted sum before the logistic."""
    m = m or model()
    return m.bias + sum(m.weights[k] * v for k, v in features.as_dict().items())


def score(features: Features) -> tuple[float, tuple[str, ...]]:
    """The confidence of a candidate, and every term of it as evidence lines.

    >>> f = Features(1.0, 1.0, 0, 1, 0, 0, 1, 1, 2, 0, 0)
    >>> conf, lines = score(f)
    >>> conf >= 0.8, lines[0].startswith("model")
    (True, True)
    >>> score(Features(1.0, 1.0, 0, 1, 0, 0, 1, 0, 0, 0, 0))[0] < 0.5
    True
    """
    m = model()
    z = linear(features, m)
    conf = 1.0 / (1.0 + math.exp(-z))
    origin = "fitted" if m.fitted else "hand-set"
    lines = [f"model ({origin} weights): bias {m.bias:+.2f}"]
    for name, value in features.as_dict().items():
        if value:
            lines.append(
                f"  {name} {value:g} x {m.weights[name]:+.2f} = {value * m.weights[name]:+.2f}"
            )
    lines.append(f"  sum {z:+.2f} -> {conf:.2f}")
    evidence = features.title or features.context or features.mention
    if not evidence and conf > NO_EVIDENCE_CAP:
        conf = NO_EVIDENCE_CAP
        lines.append("nothing else in the document points to it: flag only")
    if features.pinyin and not (features.context or features.mention) and conf > PINYIN_CAP:
        conf = PINYIN_CAP
        lines.append(
            "well-formed pinyin, and the document does not name the entity's country, "
            "office or name: a Chinese name written right"
        )
    return round(min(0.99, conf), 4), tuple(lines)
