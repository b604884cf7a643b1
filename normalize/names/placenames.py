"""Places named by the word after them ("Hajja province"): a capitalised word before a
place-type word that the near-miss pass does not look at (an English word, or a key too
short to look up), read as a place of the lexicon with the same transliteration key.

:func:`place_forms` files the lexicon's one-word place spellings by key,
:func:`place_countries` the names of each place's country (a place listed with others of
its country is evidence), and :func:`place_static` finds the place a word may stand for.
The fuzzy finder (:class:`normalize.finders.fuzzy.FuzzyFinder`) scores it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Container, Iterable

from normalize.document import Document
from normalize.finders.exact import target_for
from normalize.fuzzyindex import MIN_EDIT_KEY
from normalize.lexicon.records import Entity
from normalize.names.around import around_places
from normalize.names.english import MAX_LETTERS
from normalize.names.held import _Terms
from normalize.names.single import PLACE_TYPES, Around, spelling, truncated, variant
from normalize.names.static import Static, similarity
from normalize.text import WORD_RE
from normalize.translit import ascii_fold, is_pinyin, skeleton
from normalize.vocab import english_lowercase_words, zipf

#: The lexicon's one-word place spellings by transliteration key: (entity, folded spelling,
#: target).
PlaceForms = dict[str, tuple[tuple[Entity, str, str], ...]]
#: A word before a place-type word more frequent than this is an English word in its place
#: ("Northern Province"), not a garbled place.
_PLACE_ZIPF = 3.5
#: How close such a word must be to the place's spelling.
_PLACE_SIMILARITY = 0.8


def place_forms(entities: Iterable[Entity]) -> PlaceForms:
    """Every one-word spelling of a place, by transliteration key (short keys too):
    (entity, folded spelling, target)."""
    found: dict[str, list[tuple[Entity, str, str]]] = defaultdict(list)
    for entity in entities:
        if entity.type not in PLACE_TYPES:
            continue
        for written in dict.fromkeys(entity.legitimate()):
            if written in entity.demonyms or len(WORD_RE.findall(written)) != 1:
                continue
            surface = ascii_fold(written)
            key = skeleton(surface)
            if key:
                found[key].append((entity, surface, target_for(entity, written)))
    return {k: tuple(v) for k, v in found.items()}


def place_countries(
    entities: Iterable[Entity], terms_of: Callable[[Entity], _Terms]
) -> dict[str, frozenset[str]]:
    """Every one-word spelling of a place, case-folded -> the names of its country
    (``terms_of``: the document evidence each entity's score reads)."""
    found: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        if entity.type not in PLACE_TYPES:
            continue
        terms = terms_of(entity)
        names = {*terms.country_words, *terms.country_phrases}
        if not names:
            continue
        for written in entity.legitimate():
            if WORD_RE.fullmatch(written):
                found[written.casefold()].update(names)
    return {k: frozenset(v) for k, v in found.items()}


def place_static(
    doc: Document,
    word: str,
    table: PlaceForms,
    known_words: Container[str],
    looked_at: Callable[[str, str], bool],
) -> tuple[Static, list[tuple[int, int]], Around, Entity | None] | None:
    """The place a word before a place-type word may stand for (from ``table``, see
    :func:`place_forms`), with its places, what they say, and a rival place as close.
    ``known_words``: the words of every lexicon form; ``looked_at(word, folded)``: whether
    the near-miss pass scores the word (then it is left to it)."""
    f = word.casefold()
    if not (3 <= len(word) <= MAX_LETTERS and word.isalpha()):
        return None
    if f in known_words or zipf(f) >= _PLACE_ZIPF:
        return None
    if looked_at(word, f):
        return None  # the near-miss pass scores it (with the place-type word)
    if is_pinyin(word):
        return None  # a Chinese place written right ("Jinzhong city")
    token = ascii_fold(word)
    key = skeleton(token)
    if not key:
        return None
    near = table.get(key, ())
    if any(variant(token, surface) for _, surface, _ in near):
        return None  # "Basra" for Basrah: another usual spelling, written right
    matches = [
        (similarity(token, surface), entity, target, surface)
        for entity, surface, target in near
        if surface[:1] == token[:1] and surface != token
    ]
    matches = [m for m in matches if m[0] >= _PLACE_SIMILARITY]
    if not matches:
        return None
    matches.sort(key=lambda m: (-m[0], m[1].id))
    sim, entity, target, surface = matches[0]
    places = [
        (s, s + len(word)) for s in doc.find_word(word) if not doc.is_protected(s, s + len(word))
    ]
    if not places:
        return None
    spell = spelling(
        similarity=sim,
        key_distance=0,
        long_key=len(key) >= MIN_EDIT_KEY,
        exact_reading=False,
        both_channels=False,
        shape="title",
        unseen=zipf(f) == 0,
        pinyin=False,
        english=f in english_lowercase_words(),
        prefix=truncated(token, surface),
    )
    static = Static(
        entity,
        target,
        "fuzzy.name",
        sim,
        spell,
        (f"key {key} like {target!r}; similarity {sim:.2f}; before a place-type word",),
        f"place name near {entity.canonical} ({entity.origin})",
    )
    around = around_places(doc, places, frozenset())
    if not around.place_type:
        return None
    rival = next((e for x, e, _, _ in matches[1:] if x >= sim - 0.05 and e.id != entity.id), None)
    return static, places, around, rival
