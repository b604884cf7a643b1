"""The names scorer: a small logistic model over interpretable features.

Each candidate (a window of the text and the entity it may stand for) is described by the
features below; the confidence is the logistic of their weighted sum, the weights read from
``weights.json`` in this package (data, refitted offline by ``tools/fit_names.py``). Every
term is written into the change's evidence, so ``normalize explain`` shows it term by term.

Two precision rules are applied after the model, and say so in the evidence: a candidate
with no document evidence at all (no title before it or place-type word after it, none of
the entity's context terms, not its country, the entity not written right elsewhere) is at
most flagged; a window that is well-formed pinyin is a Chinese name written right unless
the document names the entity's country, office or the entity itself, and is then left
alone.

The same model scores single words (``fuzzy.name``, ``fuzzy.source``: see
:mod:`normalize.names.single`) and windows (``names.*``): the features a kind of candidate
does not have are 0, which weighs nothing. :func:`normalize.names.candidates` yields every
scored candidate with its features, before any threshold, for fitting the weights.
"""

from __future__ import annotations

import json
import math
import operator
from dataclasses import dataclass, fields
from functools import cache, cached_property
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
    # Added for single words (fuzzy.name, fuzzy.source); 0 is neutral, and windows leave
    # the spelling ones at 0. A single word's similarity is its own feature: one word has
    # nothing but its spelling, so the similarity weighs more there than for a window.
    single_word: float = 0.0  # 1 for a single word (the intercept of single words)
    word_similarity: float = 0.0  # a single word's spelling similarity to the form, in [0, 1]
    prefix: float = 0.0  # 1 if the word is the form with its last one or two letters lost
    long_key: float = 0.0  # 1 if the form's transliteration key has MIN_EDIT_KEY letters or more
    lower_case: float = 0.0  # 1 for a lower-case word (MT leaves names it did not know so)
    capitalised: float = 0.0  # 1 for one capitalised word (often someone else's name, right)
    unseen: float = 0.0  # 1 if the word is never seen in English text
    both_channels: float = 0.0  # 1 if it is close to a spelling and to a source-script reading
    given_name: float = 0.0  # 1 if the entity's given name stands just before the word
    office: float = 0.0  # 1 if the title before is one of the entity's own context terms
    country: float = 0.0  # 1 if the entity's country (or its demonym) is in the article
    place_type: float = 0.0  # 1 if a place-type word (province, city ...) follows a place
    listed: float = 0.0  # 1 if listed there with another place of the same country
    # For windows: an exact reading of the name of an entity of a country that does not
    # write Chinese (Korea, Japan, Cambodia ...), in an article that names that country.
    # The pinyin weight is the prior that a pinyin name is a Chinese person written right;
    # the entity's own non-Chinese country in the article takes that prior back.
    foreign_reading: float = 0.0
    # For a given name garbled beside the surname written right (names.given): 1 if the
    # garbled given name is all but unseen in English text, a misspelling ("Bejamin"), not
    # a real variant spelling that belongs to other people too ("Hamed", "Olof").
    unattested: float = 0.0
    # For a single word: 1 if the entity's country (or its demonym) is named in the
    # sentence the word stands in or one beside it. It weighs nothing in the sum; it lets
    # a word never seen in English reach "applied" with its country as the only evidence
    # (see normalize.names.single._single_caps): news names countries everywhere in an
    # article, but a garbled name beside its own country is a different matter.
    country_near: float = 0.0
    # For a single word never seen in English text (unseen): 1 if the entity is also
    # written right in the document (mention). A word no English text uses, one letter or
    # two from a name the article spells right, is that name garbled, not someone else's
    # real name (real names are seen: "Johnsen" beside Johnson keeps its own weight).
    unseen_mention: float = 0.0
    # For a single word: 1 if a given name that is not the entity's stands just before it
    # ("Kari Johnsen" beside Boris Johnson). It weighs nothing in the sum; a real spelling
    # after another person's given name is that person's name written right, and is left
    # alone (see normalize.names.single._single_caps).
    other_given: float = 0.0
    # For a single word near a place or country: 1 if a title or honorific stands before
    # it ("Mr Mekel"): the word names a person. It weighs nothing in the sum; the word is
    # left alone (see normalize.names.single._single_caps).
    titled: float = 0.0

    def has_evidence(self) -> bool:
        """Whether the document says anything for the entity (beyond the spelling): a
        place-type word after the word says it is a place, not which one, and is none."""
        return bool(
            self.title
            or self.context
            or self.mention
            or self.given_name
            or self.office
            or self.country
        )

    def as_dict(self) -> dict[str, float]:
        return {f.name: float(getattr(self, f.name)) for f in fields(self)}


_NAMES = tuple(f.name for f in fields(Features))
#: Features' values in the order of its fields, in one C-level call.
_VALUES = operator.attrgetter(*_NAMES)


@dataclass(frozen=True)
class Model:
    bias: float
    weights: dict[str, float]
    fitted: bool

    @cached_property
    def ordered(self) -> tuple[float, ...]:
        """The weights in the order of Features' fields."""
        return tuple(self.weights[n] for n in _NAMES)


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
    values: tuple[float, ...] = _VALUES(features)
    total: float = sum(map(operator.mul, m.ordered, values))
    return m.bias + total


def confidence(features: Features, m: Model | None = None) -> float:
    """The confidence of a candidate, with the precision rules (the number of
    :func:`score`, without the lines)."""
    conf = 1.0 / (1.0 + math.exp(-linear(features, m)))
    return _capped(features, conf)[0]


def _capped(features: Features, conf: float) -> tuple[float, tuple[str, ...]]:
    notes: list[str] = []
    if not features.has_evidence() and conf > NO_EVIDENCE_CAP:
        conf = NO_EVIDENCE_CAP
        notes.append("nothing else in the document points to it: flag only")
    named = features.context or features.mention or features.country or features.given_name
    if features.pinyin and not named and conf > PINYIN_CAP:
        conf = PINYIN_CAP
        notes.append(
            "well-formed pinyin, and the document does not name the entity's country, "
            "office or name: a Chinese name written right"
        )
    return round(min(0.99, conf), 4), tuple(notes)


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
    capped, notes = _capped(features, conf)
    return capped, (*lines, *notes)
