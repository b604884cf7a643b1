"""Whether a word could reach the flag threshold in a document at all: an upper bound of its
score from set look-ups (:func:`may_reach_flag`), so that the fuzzy finder leaves out, before
any scoring, the words that can change no decision.

:class:`Evidence` tells which document evidence a document may hold, read through the memo
(:mod:`normalize.names.memo`); it counts a word's final letters as the word and others
before they are known to be garbles, so it may say more than the document holds, never less.
"""

from __future__ import annotations

from normalize.document import Document
from normalize.names.around import COMPASS_SPELLINGS, PLACE_SPELLINGS
from normalize.names.held import _words_before
from normalize.names.memo import Memo, Profile
from normalize.names.single import PLACE_TYPES, bounded

# Confidences are rounded to 4 places, which can lift one by 0.00005: an upper bound must
# stay this far below the flag threshold to rule a word out.
BOUND_MARGIN = 0.0002
# For a word that hits up to this many entities, their given names are looked up one by one
# before the places of the word are read (a short key in a large lexicon hits hundreds).
_FEW_ENTITIES = 16


class Evidence:
    """Which document evidence ``doc`` may hold, found by set look-ups; an upper bound only
    (a word's final letters count as the word, and others are counted before they are
    known to be garbles)."""

    def __init__(self, doc: Document, memo: Memo) -> None:
        self.doc = doc
        self.distinct = doc.distinct
        self.memo = memo
        self._place_words: bool | None = None

    @property
    def place_words(self) -> bool:
        """Whether the document has a place-type word (province, city ...) or a compass
        word (northern ...) at all."""
        if self._place_words is None:
            distinct = self.doc.distinct
            self._place_words = not (
                distinct.isdisjoint(PLACE_SPELLINGS) and distinct.isdisjoint(COMPASS_SPELLINGS)
            )
        return self._place_words

    @property
    def folded(self) -> str:
        """The case-folded text; for ASCII text, the lower-cased text (the same string),
        which the other finders have usually made already."""
        doc = self.doc
        return doc.lowered if doc.is_ascii else doc.folded

    def _written(self, words: tuple[str, ...]) -> frozenset[str]:
        """The written words seen that read as one of ``words``: one set for the document's
        words to meet, kept in the memo until ``cased`` changes (its version, read first:
        a set made from newer tables is at worst made again)."""
        memo = self.memo
        version = memo.cased_version
        known = memo.written.get(id(words))
        if known is not None and known[0] is words and known[1] == version:
            return known[2]
        cased = memo.cased
        found = frozenset().union(*(cased.get(w, ()) for w in words))
        memo.written[id(words)] = (words, version, found)  # holds ``words``: its id stays
        return found

    def has_any(self, words: tuple[str, ...], phrases: tuple[str, ...]) -> bool:
        if words and not self.distinct.isdisjoint(self._written(words)):
            return True
        return bool(phrases) and any(p in self.folded for p in phrases)

    def how_many(self, words: tuple[str, ...], phrases: tuple[str, ...]) -> int:
        """At least how many of the terms the document holds (as :meth:`Document.count`)."""
        distinct, cased = self.distinct, self.memo.cased
        n = 0
        if words and not distinct.isdisjoint(self._written(words)):
            n = sum(not distinct.isdisjoint(cased.get(w, ())) for w in words)
        if phrases:
            folded = self.folded
            n += sum(p in folded for p in phrases)
        return n

    def given_name(self, word: str, profile: Profile) -> bool:
        """Whether some occurrence of ``word`` may follow a given name (all occurrences are
        looked at: the scored ones leave out contractions and protected text)."""
        if profile.entity_count <= _FEW_ENTITIES:
            seen = profile.given_seen(self.memo)
            if seen is not None and self.distinct.isdisjoint(seen):
                return False  # no given name in the document: no need to read each place
        places = [(start, start + len(word)) for start in self.doc.find_word(word)]
        return follows_given_name(self.doc, profile, places)


def follows_given_name(doc: Document, profile: Profile, places: list[tuple[int, int]]) -> bool:
    """Whether some occurrence follows a given name of an entity the word resembles."""
    return _follows_given_names(doc, profile.given_names, places)


def _follows_given_names(
    doc: Document, given_names: frozenset[str], places: list[tuple[int, int]]
) -> bool:
    """Whether some occurrence follows one of ``given_names`` (case-folded)."""
    before = _words_before(doc, places)
    return bool(before) and not before.isdisjoint(given_names)


def may_reach_flag(evidence: Evidence, word: str, profile: Profile, flag: float) -> bool:
    """Whether some entity of ``word`` could reach the flag threshold ``flag`` in the
    document.

    An upper bound of :meth:`~normalize.finders.fuzzy.FuzzyFinder._score`
    (normalize.names.single.upper_bound): the evidence that set look-ups can rule out
    taken out, the rest at its most; each step tightens the bound only where the last one
    left the entity in reach.
    """
    if profile.joined is not None:
        return True  # fuzzy.spacing proposes at 0.9
    limit = flag - BOUND_MARGIN
    given: bool | None = None
    for reach in profile.reach:
        if given is None:
            given = evidence.given_name(word, profile)
        known: dict[str, float] = {"given_name": 1.0 if given else 0.0}
        if reach.entity_type in PLACE_TYPES and not evidence.place_words:
            known["place_type"] = 0.0
        spell, kind = reach.spell, reach.entity_type
        if bounded(spell, kind, **known) < limit:
            continue
        terms = reach.terms
        n = evidence.how_many(terms.context_words, terms.context_phrases)
        known["context"] = float(min(3, n))
        if bounded(spell, kind, **known) < limit:
            continue
        country = evidence.has_any(terms.country_words, terms.country_phrases)
        known["country"] = 1.0 if country else 0.0
        mentioned = evidence.has_any(terms.mention_words, terms.mention_phrases)
        known["mention"] = 1.0 if mentioned else 0.0
        if bounded(spell, kind, **known) >= limit:
            return True
    return False
