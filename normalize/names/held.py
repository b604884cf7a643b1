"""What a document holds of an entity, for a single word's score: its context terms, its
country (by name or demonym), its other spellings, and the words before the word's places.

Read the way :meth:`~normalize.document.Document.count` reads a term (one word: a word
count; else a substring count), both by set and substring look-ups (:class:`_Held`, for every
entity the fuzzy finder ranks) and by counting (:attr:`_Held.found`, for the reasons written
out): tests/test_fuzzy_memo.py checks that both say the same.
:class:`normalize.finders.fuzzy.FuzzyFinder` reads it; :mod:`normalize.names.single` weighs it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import regex
from rapidfuzz.distance import JaroWinkler

from normalize.document import Document
from normalize.lexicon.records import Entity
from normalize.names.context import TITLE_WORDS, title_before
from normalize.text import WORD_RE, key_of
from normalize.vocab import english_lowercase_words, zipf

#: The word just before a place: searched backwards from the place (the REVERSE flag), so
#: the end anchor is tried first instead of every start position of the 40-character window;
#: it finds what the forward search finds (tests/test_fuzzy_memo.py compares them).
_WORD_BEFORE = regex.compile(r"(?r)([\p{L}\p{M}]+)[ \-]{1,2}$")


def _mentions(doc: Document, entity: Entity) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    # Listed garbles count too: the exact finder turns them into legitimate mentions, and the
    # confidence must not change when that has happened (fixing twice = fixing once).
    for form in dict.fromkeys((*entity.legitimate(), *entity.garbles)):
        if form in entity.demonyms:
            continue
        n = doc.count(form)
        if n:
            found.append((form, n))
    return found


@lru_cache(maxsize=65536)
def _given_names(entity: Entity) -> frozenset[str]:
    """First words of the entity's multi-word spellings ("khalifa" for Khalifa Haftar)."""
    firsts: set[str] = set()
    for form in entity.legitimate():
        key = key_of(form)
        if key is not None and key.size > 1 and len(key.words[0]) > 2:
            firsts.add(key.words[0])
    return frozenset(firsts)


def _term_key(term: str) -> tuple[str, bool]:
    """A context term or form case-folded, and whether it is one word: how
    :meth:`Document.count` reads it (one word: a word count; else a substring count)."""
    folded = term.casefold()
    return folded, WORD_RE.fullmatch(folded) is not None


#: British and American spellings of words in offices ("defence minister", "defense
#: minister"): either in the text stands for the other.
_SPELLINGS = (("defence", "defense"), ("counsellor", "counselor"))


def _spelling_variants(folded: str) -> tuple[str, ...]:
    """``folded`` and its other spellings (:data:`_SPELLINGS`).

    >>> _spelling_variants("defence minister")
    ('defence minister', 'defense minister')
    """
    out = [folded]
    for a, b in _SPELLINGS:
        for x, y in ((a, b), (b, a)):
            if x in folded:
                out.append(folded.replace(x, y))
    return tuple(dict.fromkeys(out))


#: Case-folded names of countries (forms and demonyms) -> every case-folded name of the
#: same country: "Brazil" is named by "Brazilian" too.
Countries = dict[str, tuple[str, ...]]


def country_table(entities: Iterable[Entity]) -> Countries:
    """Every country's one-word and multi-word names and demonyms, case-folded."""
    table: Countries = {}
    for entity in entities:
        if entity.type != "country":
            continue
        names = tuple(dict.fromkeys(n.casefold() for n in (*entity.legitimate(), *entity.demonyms)))
        for n in names:
            table.setdefault(n, names)
    return table


@dataclass(frozen=True)
class _Terms:
    """The document evidence an entity's score reads, as :meth:`Document.count` reads it:
    one-word terms as words, others as substrings. Context terms that name a country
    (with the country's other names and demonyms) are apart: the ``country`` feature."""

    context_words: tuple[str, ...]
    context_phrases: tuple[str, ...]
    country_words: tuple[str, ...]
    country_phrases: tuple[str, ...]
    mention_words: tuple[str, ...]
    mention_phrases: tuple[str, ...]
    #: The entity's context terms and their spellings, case-folded: an office before a word.
    offices: tuple[str, ...]


def _terms(entity: Entity, countries: Countries) -> _Terms:
    context: list[tuple[str, bool]] = []
    country: list[tuple[str, bool]] = []
    offices: list[str] = []
    for term in entity.context:
        folded = term.casefold()
        named = countries.get(folded)
        if named is not None:
            country.extend(_term_key(n) for n in named)
            continue
        for spelt in _spelling_variants(folded):
            context.append(_term_key(spelt))
            offices.append(spelt)
    forms = [
        _term_key(form)
        for form in dict.fromkeys((*entity.legitimate(), *entity.garbles))
        if form not in entity.demonyms
    ]
    context = list(dict.fromkeys(context))
    country = list(dict.fromkeys(country))
    return _Terms(
        tuple(f for f, one in context if one),
        tuple(f for f, one in context if not one),
        tuple(f for f, one in country if one),
        tuple(f for f, one in country if not one),
        tuple(f for f, one in forms if one),
        tuple(f for f, one in forms if not one),
        tuple(sorted(set(offices), key=lambda o: (-len(o), o))),
    )


#: The context terms, the other spellings and the country names of an entity found in a
#: document, each with its count.
_Found = tuple[list[tuple[str, int]], list[tuple[str, int]], list[tuple[str, int]]]


def _counted_terms(
    doc: Document, words: tuple[str, ...], phrases: tuple[str, ...]
) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    for term in (*words, *phrases):
        n = doc.count(term)
        if n:
            found.append((term, n))
    return found


class _Held:
    """What a document holds of an entity, as :meth:`FuzzyFinder._score` reads it: how many
    of its context terms, whether its country and whether another of its spellings
    (:func:`_mentions`). The counts of each term run only where the reasons are written
    (:attr:`found`); the numbers come from set and substring look-ups that read the terms
    as :meth:`Document.count` does (see :class:`_Terms`)."""

    __slots__ = ("_entity", "_found", "context", "country", "doc", "mentioned", "terms")

    def __init__(
        self, doc: Document, entity: Entity, terms: _Terms, found: _Found | None = None
    ) -> None:
        self.doc = doc
        self._entity = entity
        self.terms = terms
        self._found = found
        if found is not None:
            self.context, self.mentioned = len(found[0]), bool(found[1])
            self.country = bool(found[2])
            return
        words = doc.folded_distinct
        # A phrase occurs where its case-folded form is in the case-folded text (in ASCII
        # text, the lower-cased one, which may be there already).
        text = doc.lowered if doc.is_ascii else doc.folded
        self.context = sum(w in words for w in terms.context_words) + sum(
            p in text for p in terms.context_phrases
        )
        self.country = any(w in words for w in terms.country_words) or any(
            p in text for p in terms.country_phrases
        )
        self.mentioned = any(w in words for w in terms.mention_words) or any(
            p in text for p in terms.mention_phrases
        )

    @classmethod
    def counted(cls, doc: Document, entity: Entity, terms: _Terms) -> _Held:
        """The plain computation: every term and spelling counted."""
        return cls(doc, entity, terms, _count(doc, entity, terms))

    @property
    def found(self) -> _Found:
        """The context terms, the other spellings and the country names found, each with
        its count."""
        if self._found is None:
            self._found = _count(self.doc, self._entity, self.terms)
        return self._found


def _count(doc: Document, entity: Entity, terms: _Terms) -> _Found:
    return (
        _counted_terms(doc, terms.context_words, terms.context_phrases),
        _mentions(doc, entity),
        _counted_terms(doc, terms.country_words, terms.country_phrases),
    )


def _held(doc: Document, entity: Entity, terms: _Terms, held: dict[str, _Held]) -> _Held:
    """What ``doc`` holds of ``entity``, looked up once per document however many words and
    passes ask: ``held`` keeps it by entity id."""
    known = held.get(entity.id)
    if known is None:
        known = held[entity.id] = _Held(doc, entity, terms)
    return known


def _words_before(doc: Document, places: list[tuple[int, int]]) -> frozenset[str]:
    """The capitalised words just before ``places``, case-folded: given names are
    capitalised; "said" is not."""
    before: set[str] = set()
    for start, _ in places:
        m = _WORD_BEFORE.search(doc.text, max(0, start - 40), start)
        if m and m.group(1)[0].isupper():
            before.add(m.group(1).casefold())
    return frozenset(before)


#: How close (Jaro-Winkler) a capitalised word before a surname must be to one of the
#: entity's given names to be, perhaps, that given name misspelt ("Bois" for Boris).
_SAME_GIVEN = 0.75


def after_other_given(
    before_words: frozenset[str], entity: Entity, own: frozenset[str] = frozenset()
) -> bool:
    """Whether some place of a word follows another person's given name: a capitalised word
    seen in English text as a name (not an English word, not a title) that is none of the
    person entity's given names and not close to one ("Kari" before "Johnsen", which is then
    Kari Johnsen, not Boris Johnson misspelt). ``before_words`` are the capitalised words
    just before the places, case-folded (:func:`_words_before`); ``own`` are words that say
    nothing of that (the entity's country and demonym: "British Johnson").

    >>> johnson = Entity("person/boris-johnson", "person", "Boris Johnson", short="Johnson")
    >>> after_other_given(frozenset({"kari"}), johnson)
    True
    >>> after_other_given(frozenset({"boris"}), johnson)
    False
    >>> after_other_given(frozenset({"minister"}), johnson)
    False
    """
    if entity.type != "person" or not before_words:
        return False
    given = _given_names(entity)
    if not given:
        return False
    common = english_lowercase_words()
    for word in before_words:
        if word in given or word in own or word in common or zipf(word) == 0.0:
            continue
        if word in TITLE_WORDS:
            continue
        if all(JaroWinkler.similarity(word, g) < _SAME_GIVEN for g in given):
            return True
    return False


def _someone_elses(doc: Document, entity: Entity, found: list[tuple[str, int]]) -> bool:
    """Whether the entity's spellings found in ``doc`` are all its surname after another
    given name ("Alexander Linde" is not Ann Linde): then they are someone else's name,
    and no mention of the entity."""
    if not found:
        return False
    given = _given_names(entity)
    text = doc.text
    for form, _ in found:
        if not WORD_RE.fullmatch(form):
            return False  # a whole name written right
        for start in doc.find_word(form):
            m = _WORD_BEFORE.search(text, max(0, start - 40), start)
            word = m.group(1) if m else ""
            folded = word.casefold()
            if (
                not word[:1].isupper()
                or folded in given
                or folded in english_lowercase_words()
                or title_before(text, start)
            ):
                return False  # the surname alone, after its given name, a word or a title
    return True
