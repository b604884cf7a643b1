"""The fuzzy finder's memo: facts about written words, kept across documents by one finder
(:class:`Memo`): what it keeps of each word that may be a garbled name (:class:`Profile`:
everything about the word that depends only on how it is written), and which written words
it files as evidence words (:func:`evidence_vocabulary`, :func:`trailing_letters`).

See :mod:`normalize.finders.fuzzy` for how the finder reads it, and
:mod:`normalize.finders.memo_seed` for the memo seeded at compile time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from normalize.lexicon.records import Entity
from normalize.names.held import _given_names, _spelling_variants, _term_key, _Terms
from normalize.names.single import Spelling
from normalize.names.static import Static

if TYPE_CHECKING:
    from normalize.finders.memo_seed import MemoSeed
    from normalize.fuzzyindex import FuzzyIndex

#: A given name this long could be cut by the 40-character window of _WORD_BEFORE.
_LONG_GIVEN_NAME = 38
_TRAILING_LETTERS = regex.compile(r"[\p{L}\p{M}]+$")


@dataclass(frozen=True)
class Reach:
    """An entity that may reach the flag threshold with enough document evidence."""

    entity_id: str
    entity_type: str
    spell: Spelling
    terms: _Terms


class Profile:
    """Everything about a candidate word that depends only on how it is written."""

    __slots__ = ("_entities", "_given_names", "_given_seen", "ids", "joined", "reach", "statics")

    def __init__(
        self,
        statics: tuple[Static, ...],
        joined: tuple[Entity, str] | None,
        reach: tuple[Reach, ...],
        entities: tuple[Entity, ...],
    ) -> None:
        #: The entities scored in full, ranked by similarity, and their ids.
        self.statics = statics
        self.ids = frozenset(s.entity.id for s in statics)
        #: The multi-word form the word equals with its spaces taken out (fuzzy.spacing).
        self.joined = joined
        #: The entities whose spelling is close enough (MIN_STRENGTH) for the most document
        #: evidence to lift them to the flag threshold; empty when the finder does not prune.
        self.reach = reach
        self._entities = entities  # every entity the index lookup hits
        self._given_names: frozenset[str] | None = None
        self._given_seen: tuple[int, frozenset[str] | None] | None = None

    @property
    def entity_count(self) -> int:
        return len(self._entities)

    @property
    def given_names(self) -> frozenset[str]:
        """Given names of every entity the index lookup hits (see bound.follows_given_name).

        Worked out when first needed: a short key in a large lexicon hits many entities.
        """
        names = self._given_names
        if names is None:
            names = frozenset().union(*(_given_names(e) for e in self._entities))
            self._given_names = names  # threads may both work it out: the same value
        return names

    def given_seen(self, memo: Memo) -> frozenset[str] | None:
        """The written words seen (``memo.cased``) that read as one of :attr:`given_names`,
        or ``None`` if a given name is too long for them to tell (see bound.Evidence.given_name).

        Kept until ``memo.cased`` changes (its ``cased_version``, read before ``cased``: a
        value worked out from newer tables is at worst worked out again). A profile belongs
        to one memo.
        """
        version = memo.cased_version
        seen = self._given_seen
        if seen is None or seen[0] != version:
            names = self.given_names
            words = None
            if all(len(g) < _LONG_GIVEN_NAME for g in names):
                cased = memo.cased
                words = frozenset().union(*(cased.get(g, ()) for g in names))
            seen = self._given_seen = (version, words)
        return seen[1]


class Memo:
    """Facts about written words, kept across documents by one finder.

    - ``quiet``: words that cannot give a candidate at or above the flag threshold (not a
      candidate, no entity within reach, or, above FAR_CAP, only far spellings); a
      document's distinct words minus these (a C-level set difference) leaves the rest.
    - ``quiet_apart``: the quiet words among ``apart`` (the engine's key words, see
      :meth:`~normalize.finders.fuzzy.FuzzyFinder.share_keys`), kept out of ``quiet`` so
      that a document's distinct words minus ``quiet`` still hold every key word of the
      document.
    - ``live``: the other candidate words, with their profiles.
    - ``cased``: an evidence word (a context term or a word of a lexicon form, case-folded)
      -> the written words seen that read as it, whole or as their final letters.

    ``cased_version`` counts the changes to ``cased`` (see :meth:`Profile.given_seen`).
    ``written``: for a tuple of evidence words (by id, the tuple kept), the written words
    seen that read as one of them, as of a ``cased_version`` (see
    :meth:`normalize.names.bound.Evidence.has_any`).

    Readers take no lock. Writers hold the finder's lock, and record a word in the other
    tables (and count a change to ``cased``) before they mark it quiet or live, so whoever
    finds a word known finds all that is known about it; tuples are replaced, never changed
    in place. A full memo is replaced by a new one, never cleared, so a document being read
    keeps one consistent memo.
    """

    __slots__ = (
        "apart",
        "cased",
        "cased_version",
        "live",
        "quiet",
        "quiet_apart",
        "written",
    )

    def __init__(self, apart: frozenset[str] = frozenset(), seed: MemoSeed | None = None) -> None:
        self.apart = apart
        self.quiet: set[str] = set()
        self.quiet_apart: set[str] = set()
        self.live: dict[str, Profile] = {}
        self.cased: dict[str, tuple[str, ...]] = {}
        self.cased_version = 0
        self.written: dict[int, tuple[tuple[str, ...], int, frozenset[str]]] = {}
        if seed is not None:  # see normalize.finders.memo_seed
            seed.fill(self)

    def __len__(self) -> int:
        return len(self.quiet) + len(self.quiet_apart) + len(self.live)


def evidence_vocabulary(index: FuzzyIndex) -> frozenset[str]:
    """One-word evidence terms beyond ``index.known_words`` (which holds every word of
    every form): context terms, and forms that are one word only once case-folded. With
    ``index.known_words``, the words :attr:`Memo.cased` files."""
    words: set[str] = set()
    seen: set[int] = set()
    for form in index.forms:
        entity = form.entity
        if id(entity) in seen:
            continue
        seen.add(id(entity))
        for term in entity.context:
            for spelt in _spelling_variants(term.casefold()):
                folded, one_word = _term_key(spelt)
                if one_word:
                    words.add(folded)
        if entity.type == "country":  # "Brazilian" names Brazil (the country feature)
            for demonym in entity.demonyms:
                folded, one_word = _term_key(demonym)
                if one_word:
                    words.add(folded)
        for written in (*entity.legitimate(), *entity.garbles):
            if not written.isascii():  # an ASCII one-word form is in known_words
                folded, one_word = _term_key(written)
                if one_word:
                    words.add(folded)
    return frozenset(words - index.known_words)


def trailing_letters(word: str) -> str:
    """The letters that end ``word``: what :data:`normalize.names.held._WORD_BEFORE` reads
    of it when it stands before a name ("Khalifa" of "2Khalifa").

    >>> trailing_letters("Khalifa"), trailing_letters("G7Khalifa"), trailing_letters("G7")
    ('Khalifa', 'Khalifa', '')
    """
    if word.isascii() and word.isalpha():
        return word
    m = _TRAILING_LETTERS.search(word)
    return m.group() if m else ""
