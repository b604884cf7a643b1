"""Single words near a lexicon name (``fuzzy.name``, ``fuzzy.source``), scored by the
names model (:mod:`normalize.names.scorer`): one confidence model for every name candidate.

:class:`normalize.finders.fuzzy.FuzzyFinder` proposes the words and the entities they may
stand for; this module turns what the spelling says (:func:`spelling`) and what the
document says (:class:`Around`, the counts of :class:`~normalize.names.held._Held`)
into :class:`~normalize.names.scorer.Features`, and scores them. Precision rules are
added after the model for single words (:func:`_single_caps`): a spelling too far from the
form keeps the candidate under any threshold, and a capitalised word with nothing but its
entity's country in the article is at most flagged.

:func:`upper_bound` is the most the score can be when some document evidence is not known
yet: the same sum with each unknown feature at the value that weighs most. The fuzzy
finder leaves out words whose bound is below the flag threshold, so the bound must never be
below the score (tests/test_fuzzy_memo.py checks that leaving them out changes nothing).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from copy import copy
from dataclasses import dataclass
from functools import cached_property

import regex

from normalize.names.scorer import (
    NO_EVIDENCE_CAP,
    Features,
    Model,
    confidence,
    linear,
    model,
    score,
)

#: Spelling evidence below this keeps a candidate under any threshold, whatever the context.
MIN_STRENGTH = 0.6
#: The confidence of a candidate whose spelling evidence is below MIN_STRENGTH is capped here.
FAR_CAP = 0.3
#: The features the document gives, with the most each can be (Features' own bounds).
DOCUMENT_MAXIMA: dict[str, float] = {
    "title": 1.0,
    "office": 1.0,
    "place_type": 1.0,
    "listed": 1.0,
    "country": 1.0,
    "context": 3.0,
    "mention": 1.0,
    "repeats": 2.0,
    "given_name": 1.0,
}
#: Entity types a title stands before, and those a place-type word follows.
PERSON_TYPES = frozenset({"person"})
PLACE_TYPES = frozenset({"place"})

#: Words that say the word before them names a place ("Hajjah province", "Kano State").
PLACE_WORDS = (
    "province", "provinces", "county", "counties", "district", "districts", "region",
    "regions", "governorate", "governorates", "prefecture", "prefectures", "city", "cities",
    "town", "towns", "village", "villages", "municipality", "oblast", "state", "states",
)  # fmt: skip
#: What may follow a place-type word in an apposition ("Gurugram, a satellite city of New
#: Delhi"): a preposition or the end of the phrase. Not another noun: "Smith, a city
#: councillor" is a person.
_APPOSITION_END = (
    r"(?=[ ]+(?:of|in|on|near|outside|north|south|east|west|about|close)\b|[ ]*[,.;:)\n])"
)
#: A place-type word after a word, maybe after other names listed with it ("Hodeidah and
#: Hajjah provinces": the type word follows the last name of the list), or in an apposition
#: after it ("Gurugram, a satellite city of New Delhi").
_PLACE_AFTER = regex.compile(
    r"(?:(?:(?:,|,? and|,? or)[ ]+\p{Lu}[\p{L}\p{M}'\-]*){0,3}[ ]+(?i:"
    + "|".join(PLACE_WORDS)
    + r")\b|,[ ]+(?:a|an|the)[ ]+(?:\p{Ll}[\p{Ll}\-]*[ ]+){0,2}(?:"
    + "|".join(PLACE_WORDS)
    + r")"
    + _APPOSITION_END
    + ")"
)
#: Lower-case compass words that say the capitalised word after them names a place or a
#: region ("in northern Hodeidah and southern Hajjah"). Capitalised, they begin a name of
#: their own ("Northern Ireland", "Southern Baptist").
COMPASS_WORDS = (
    "northern", "southern", "eastern", "western", "central", "northeastern",
    "northwestern", "southeastern", "southwestern", "north-eastern", "north-western",
    "south-eastern", "south-western",
)  # fmt: skip
_COMPASS_BEFORE = regex.compile(r"(?r)(?<![\p{L}\-])(?:" + "|".join(COMPASS_WORDS) + r")[ ]+$")


def place_type_after(text: str, end: int) -> bool:
    """Whether a place-type word follows the word that ends at ``end``.

    >>> t = "rain in Hodeidah and Hajjah provinces of Yemen; Kano State; Amina said"
    >>> [place_type_after(t, t.index(w) + len(w)) for w in ("Hodeidah", "Hajjah", "Amina")]
    [True, True, False]
    >>> t = "in Gurugram, a satellite city of Delhi; Smith, a city councillor, said"
    >>> [place_type_after(t, t.index(w) + len(w)) for w in ("Gurugram", "Smith")]
    [True, False]
    """
    return _PLACE_AFTER.match(text, end, min(len(text), end + 120)) is not None


def place_type_before(text: str, start: int) -> bool:
    """Whether a lower-case compass word stands before the word that starts at ``start``.

    >>> t = "in northern Hodeidah and southern Hajjah; Northern Ireland"
    >>> [place_type_before(t, t.index(w)) for w in ("Hodeidah", "Hajjah", "Ireland")]
    [True, True, False]
    """
    return _COMPASS_BEFORE.search(text, max(0, start - 20), start) is not None


def compass_places(text: str) -> Iterator[regex.Match[str]]:
    """The capitalised words after a lower-case compass word (group 1)."""
    return _COMPASS_PLACE.finditer(text)


_COMPASS_PLACE = regex.compile(
    r"(?<![\p{L}\-])(?:" + "|".join(COMPASS_WORDS) + r")[ ]+(\p{Lu}[\p{L}\p{M}]*)"
)
#: A capitalised word (group 1) in an apposition with a place-type word after it.
_APPOSED_PLACE = regex.compile(
    r"(\p{Lu}[\p{L}\p{M}]*),[ ]+(?:a|an|the)[ ]+(?:\p{Ll}[\p{Ll}\-]*[ ]+){0,2}(?:"
    + "|".join(PLACE_WORDS)
    + r")"
    + _APPOSITION_END
)


def apposed_places(text: str) -> Iterator[regex.Match[str]]:
    """The capitalised words with a place-type word in an apposition after them (group 1)."""
    return _APPOSED_PLACE.finditer(text)


@dataclass(frozen=True)
class Spelling:
    """What the spelling of a word alone says about one entity: the features with every
    document feature 0, and the strength of the spelling (for :data:`MIN_STRENGTH`)."""

    features: Features
    strength: float

    @cached_property
    def linear(self) -> float:
        """The model's sum for the spelling alone (every document feature 0)."""
        return linear(self.features)

    @cached_property
    def bounds(self) -> dict[tuple[object, ...], float]:
        """The bounds :func:`bounded` has worked out for this spelling."""
        return {}

    @cached_property
    def scores(self) -> dict[tuple[float, ...], float]:
        """The confidences :func:`confidence_at` has worked out for this spelling."""
        return {}


def spelling(
    *,
    similarity: float,
    key_distance: int,
    long_key: bool,
    exact_reading: bool,
    both_channels: bool,
    shape: str,
    unseen: bool,
    pinyin: bool,
    english: bool = False,
    prefix: bool = False,
) -> Spelling:
    """The spelling part of a single word's features.

    ``shape`` is :func:`~normalize.text.case_shape` of the word ("lower", "title", "upper");
    ``prefix`` says the word is the form with its last letters lost (:func:`truncated`).
    The strength is how the fuzzy finder has always weighed a spelling: similarity, the
    key matching exactly, the key being long enough to be specific.
    """
    strength = 0.6 * similarity + (0.25 if key_distance == 0 else 0.0)
    strength += 0.15 if long_key else 0.0
    features = Features(
        similarity=0.0,
        single_word=1.0,
        word_similarity=round(similarity, 4),
        prefix=float(prefix),
        exact_reading=float(exact_reading),
        key_distance=float(key_distance),
        extra_tokens=0.0,
        english=float(english),
        real_name=0.0,
        pinyin=float(pinyin),
        title=0.0,
        context=0.0,
        mention=0.0,
        repeats=0.0,
        long_key=float(long_key),
        lower_case=float(shape == "lower"),
        capitalised=float(shape == "title"),
        unseen=float(unseen),
        both_channels=float(both_channels),
    )
    return Spelling(features, strength)


#: Titles that say a person is meant, not which one: no evidence for a single word.
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr"})


def truncated(token: str, form: str) -> bool:
    """Whether folded ``token`` is folded ``form`` with its last one or two letters lost,
    as MT drops a final syllable ("hajj" for Hajjah, "housto" for Houston).

    >>> truncated("hajj", "hajjah"), truncated("housto", "houston"), truncated("hajj", "hajj")
    (True, True, False)
    """
    return len(token) >= 4 and 1 <= len(form) - len(token) <= 2 and form.startswith(token)


def variant(token: str, form: str) -> bool:
    """Whether folded ``token`` and ``form`` are one name in two usual transliterations: a
    final "h" kept or dropped ("basra", "basrah"; "hodeida", "hodeidah"). Such a word is
    written right, not garbled.

    >>> variant("basra", "basrah"), variant("hodeidah", "hodeida"), variant("hajj", "hajjah")
    (True, True, False)
    """
    return token + "h" == form or form + "h" == token


@dataclass(frozen=True)
class Around:
    """What the places of a word in the document say, whatever entity it stands for."""

    #: A given name of an entity the word resembles stands before some place.
    given_name: bool = False
    #: The capitalised words just before its places, case-folded (whose given names).
    before_words: frozenset[str] = frozenset()
    #: The generic title before some place, if any (see names.context.title_before);
    #: an honorific (Mr, Dr) counts for nothing.
    title: str | None = None
    #: The text just before each place, case-folded (an entity's own office is looked for
    #: at its end).
    before: tuple[str, ...] = ()
    #: A place-type word follows some place.
    place_type: bool = False
    #: Other places of the same word (at most 2): repeats, never mentions.
    repeats: int = 0
    #: The other capitalised words listed with it before a place-type word, case-folded
    #: ("hodeidah" for Hajjah in "Hodeidah and Hajjah provinces").
    listed_with: frozenset[str] = frozenset()
    #: The words of the sentences the word stands in and those beside them, case-folded,
    #: and those sentences themselves (for phrases): the entity's country there is
    #: :attr:`Features.country_near`.
    sentence_words: frozenset[str] = frozenset()
    sentences: str = ""


def office_before(before: tuple[str, ...], offices: tuple[str, ...]) -> str | None:
    """The entity's office (one of its context terms, case-folded) that ends one of the
    texts ``before`` a word, if any.

    >>> office_before(("israeli defense minister ",), ("israel", "defense minister"))
    'defense minister'
    """
    for text in before:
        stripped = text.rstrip(" \u00a0-")
        for office in offices:
            if stripped.endswith(office):
                head = stripped[: -len(office)]
                if not head or not (head[-1].isalnum()):
                    return office
    return None


def document_features(
    spell: Spelling,
    entity_type: str,
    around: Around,
    *,
    context: int,
    country: bool,
    mention: bool,
    office: bool,
    given_name: bool,
    listed: bool = False,
    country_near: bool = False,
    other_given: bool = False,
) -> Features:
    """The whole features of a word for one entity: its spelling's and the document's.

    A title counts before people only, a place-type word after places only."""
    values = document_values(
        spell,
        entity_type,
        around,
        context=context,
        country=country,
        mention=mention,
        office=office,
        given_name=given_name,
        listed=listed,
        country_near=country_near,
        other_given=other_given,
    )
    return with_document(spell, values)


#: The features the document sets, in the order of :func:`document_values`. Every feature
#: a document can change must be here: :func:`confidence_at` keeps a spelling's
#: confidences keyed by these values alone.
DOCUMENT_FIELDS = (
    "title", "office", "place_type", "listed", "country", "context", "mention", "repeats",
    "given_name", "country_near", "unseen_mention", "other_given", "titled",
)  # fmt: skip


def document_values(
    spell: Spelling,
    entity_type: str,
    around: Around,
    *,
    context: int,
    country: bool,
    mention: bool,
    office: bool,
    given_name: bool,
    listed: bool = False,
    country_near: bool = False,
    other_given: bool = False,
) -> tuple[float, ...]:
    """The values :func:`document_features` gives the :data:`DOCUMENT_FIELDS`."""
    person = entity_type in PERSON_TYPES
    place = entity_type in PLACE_TYPES
    return (
        1.0 if person and office_title(around.title) else 0.0,
        1.0 if person and office else 0.0,
        1.0 if place and around.place_type else 0.0,
        1.0 if place and around.place_type and listed else 0.0,
        # A country's own name is a mention, not its country.
        1.0 if country and entity_type != "country" else 0.0,
        float(min(3, context)),
        1.0 if mention else 0.0,
        float(min(2, around.repeats)),
        1.0 if given_name else 0.0,
        1.0 if country_near and entity_type != "country" else 0.0,
        1.0 if mention and spell.features.unseen else 0.0,
        1.0 if person and other_given else 0.0,
        1.0 if (place or entity_type == "country") and around.title else 0.0,
    )


def with_document(spell: Spelling, values: tuple[float, ...]) -> Features:
    """The spelling's features with the document's ``values`` (:func:`document_values`)."""
    # A copy with the document's fields set: what dataclasses.replace gives, a fifth of its
    # cost (this runs for every entity scored; Features has no __post_init__ to run).
    features = copy(spell.features)
    vars(features).update(zip(DOCUMENT_FIELDS, values, strict=True))
    return features


def confidence_at(spell: Spelling, values: tuple[float, ...]) -> float:
    """:func:`confidence_of` the spelling with the document's ``values``, kept per spelling
    (the values are few: the same words meet the same evidence again and again)."""
    scores = spell.scores
    conf = scores.get(values)
    if conf is None:
        conf = scores[values] = confidence_of(spell, with_document(spell, values))
    return conf


def office_title(title: str | None) -> bool:
    """Whether a title before a word names an office (not Mr, Dr ...)."""
    return bool(title) and (title or "").strip(" .\u00a0").casefold() not in HONORIFICS


def scored(spell: Spelling, features: Features) -> tuple[float, tuple[str, ...]]:
    """The confidence of a single word and every term of it as evidence lines: the model,
    its precision rules, and those of single words (:func:`_single_caps`)."""
    conf, lines = score(features)
    conf, notes = _single_caps(spell, features, conf)
    return conf, (*lines, *notes)


def confidence_of(spell: Spelling, features: Features) -> float:
    """The number of :func:`scored`, without the lines."""
    return _single_caps(spell, features, confidence(features))[0]


def _single_caps(spell: Spelling, features: Features, conf: float) -> tuple[float, tuple[str, ...]]:
    """The precision rules of single words, after the model's own:

    - a spelling too far from the form stays below flagging, whatever the document says;
    - a capitalised word (usually someone else's name, written right) whose only support is
      the entity's country in the article is at most flagged: news names countries
      everywhere, so that says little about which name the word is (a place-type word
      after a place does say what the word is). A word never seen in English with the
      entity's country in its own sentence or one beside it is not held back ("during the
      quarantine, Bolsanaro said Brazilian hospitals ..."): no real name is spelt so, and
      the sentence says whose country it is about; the model must still reach the apply
      threshold;
    - a word after a title or honorific ("Mr Mekel") names a person: no place or country
      near it is meant;
    - a word seen in English text after another person's given name ("Kari Johnsen" near
      Boris Johnson) is that person's name written right, and stays below flagging.
    """
    notes: list[str] = []
    if spell.strength < MIN_STRENGTH and conf > FAR_CAP:
        conf = FAR_CAP
        notes.append(f"spelling too far ({spell.strength:.2f} < {MIN_STRENGTH})")
    if features.titled and conf > FAR_CAP:
        conf = FAR_CAP
        notes.append("a title before it: a person's name, not a place")
    if features.other_given and not features.unseen and conf > FAR_CAP:
        conf = FAR_CAP
        notes.append("a real name after someone else's given name: that person's name")
    specific = (
        features.title
        or features.office
        or features.context
        or features.mention
        or features.given_name
        or features.listed
        or features.place_type
        or (features.country_near and features.unseen)
    )
    if features.capitalised and not specific and conf > NO_EVIDENCE_CAP:
        conf = NO_EVIDENCE_CAP
        notes.append("a capitalised word and only its country in the article: flag only")
    return conf, tuple(notes)


#: Added to a bound's sum: the score adds the same terms in another order, which can
#: differ in the last bits.
_SLACK = 1e-9


def upper_bound(
    spell: Spelling, entity_type: str, known: dict[str, float], m: Model | None = None
) -> float:
    """The most :func:`scored` can give ``spell`` for an entity of ``entity_type``: the
    document features in ``known`` at those values (upper bounds of them), the others at
    the value that weighs most. The caps of the model's rules can only lower it, and are
    left out, except the far-spelling one, which no document changes."""
    m = m or model()
    z = spell.linear + _SLACK
    for name, weight, most in _bound_terms(m, entity_type):
        z += weight * known.get(name, most)
    # A product of the spelling's unseen and the document's mention.
    z += max(0.0, m.weights["unseen_mention"]) * spell.features.unseen * known.get("mention", 1.0)
    conf = 1.0 / (1.0 + math.exp(-z))
    if spell.strength < MIN_STRENGTH:
        conf = min(conf, FAR_CAP)
    return round(min(0.99, conf), 4)


def bounded(spell: Spelling, entity_type: str, **known: float) -> float:
    """:func:`upper_bound` (shipped model) with ``known`` given as keywords, kept per
    spelling: the document features take a few values each, so the fuzzy finder asks for
    the same bounds again and again."""
    key = (entity_type, *known.items())
    bounds = spell.bounds
    found = bounds.get(key)
    if found is None:
        found = bounds[key] = upper_bound(spell, entity_type, known)
    return found


_PERSON_ONLY = frozenset({"title", "office"})
_PLACE_ONLY = frozenset({"place_type", "listed"})
_BOUND_TERMS: dict[tuple[int, str], tuple[Model, tuple[tuple[str, float, float], ...]]] = {}


def _bound_terms(m: Model, entity_type: str) -> tuple[tuple[str, float, float], ...]:
    """The document features that can raise the score of an entity of ``entity_type``
    under ``m``, in :data:`DOCUMENT_MAXIMA`'s order (the sum of :func:`upper_bound` adds
    them in that order): name, weight, most. Kept per model and type."""
    key = (id(m), entity_type)
    known = _BOUND_TERMS.get(key)
    if known is None or known[0] is not m:
        person = entity_type in PERSON_TYPES
        place = entity_type in PLACE_TYPES
        terms = tuple(
            (name, m.weights[name], most)
            for name, most in DOCUMENT_MAXIMA.items()
            if not ((name in _PERSON_ONLY and not person) or (name in _PLACE_ONLY and not place))
            and m.weights[name] > 0
        )
        known = _BOUND_TERMS[key] = (m, terms)
    return known[1]
