"""What a word's spelling alone says about each entity it may stand for: the string
similarity of two spellings, and for each entity the index finds, the part of its score that
no document changes (:class:`Static`, ranked by :func:`statics`).

The fuzzy finder (:class:`normalize.finders.fuzzy.FuzzyFinder`) works this out once per
written word and keeps it in its memo (:mod:`normalize.names.memo`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import jellyfish
import regex
from rapidfuzz import fuzz, process

from normalize.fuzzyindex import LATIN_CHANNELS, MIN_EDIT_KEY, Form
from normalize.lexicon.records import Entity
from normalize.names.single import Around, Spelling, bounded, spelling, truncated, variant
from normalize.text import WORD_RE, case_shape
from normalize.translit import (
    ascii_fold,
    is_pinyin,
    pinyin_readings,
    pinyin_syllables,
    written_in_pinyin,
)
from normalize.vocab import zipf

#: A pinyin-shaped word of this many syllables or more is not taken for a Chinese name.
FOREIGN_SYLLABLES = 4
#: Entities per token that are scored in full; the rest are ranked out by string similarity.
MAX_ENTITIES = 12


def similarity(token: str, surface: str) -> float:
    """String similarity of two lower-case ASCII spellings: rapidfuzz and Jaro-Winkler.

    >>> round(similarity("haftal", "haftar"), 2), round(similarity("salaj", "sarraj"), 2)
    (0.88, 0.79)
    """
    ratio = fuzz.ratio(token, surface) / 100.0
    jw = float(jellyfish.jaro_winkler_similarity(token, surface))
    return 0.5 * ratio + 0.5 * jw


#: A spelling this long that starts a longer word makes that word one derived from it.
_MIN_STEM = 4


@lru_cache(maxsize=65536)
def _one_word_forms(entity: Entity) -> tuple[str, ...]:
    """The entity's one-word spellings, folded, of :data:`_MIN_STEM` letters or more."""
    out = []
    for form in entity.legitimate():
        if form in entity.demonyms:
            continue
        folded = ascii_fold(form)
        if len(folded) >= _MIN_STEM and WORD_RE.fullmatch(form):
            out.append(folded)
    return tuple(dict.fromkeys(out))


def _derived_from(token: str, entity: Entity) -> bool:
    """Whether folded ``token`` is one of the entity's spellings with letters added at its
    end ("xinhuanet" from Xinhua, "putinism" from Putin): a word made from the name.

    >>> _derived_from("xinhuanet", Entity("m/x", "media", "Xinhua"))
    True
    >>> _derived_from("xinhau", Entity("m/x", "media", "Xinhua"))
    False
    """
    return any(token.startswith(f) and len(token) > len(f) for f in _one_word_forms(entity))


@lru_cache(maxsize=65536)
def entity_in_pinyin(entity: Entity) -> bool:
    """Whether the entity is Chinese as far as its spelling tells: its canonical name is
    pinyin and, where its Chinese name is known, a reading of it ("Dong Jun", 董军; not "Hun
    Sen", 洪森, read "hongsen")."""
    if not written_in_pinyin(entity.canonical):
        return False
    chinese = entity.name_in("zh")
    if chinese is None:
        return True
    joined = "".join(regex.findall(r"[a-z]+", ascii_fold(entity.canonical)))
    return joined in pinyin_readings("".join(WORD_RE.findall(chinese)), limit=8)


@dataclass(frozen=True)
class Static:
    """What the spelling alone says about one entity a word may stand for: the part of its
    score that no document changes (see
    :meth:`normalize.finders.fuzzy.FuzzyFinder._finish`)."""

    entity: Entity
    target: str
    rule: str
    similarity: float
    #: The spelling's features (every document feature 0) and strength.
    spell: Spelling
    evidence: tuple[str, ...]
    headline: str

    @property
    def strength(self) -> float:
        return self.spell.strength

    @property
    def needs_evidence(self) -> bool:
        """The word reads as pinyin and matches a reading of the entity's Chinese name
        exactly: a Chinese name written right unless the document points to the entity."""
        return bool(self.spell.features.pinyin)

    def ceiling(self, around: Around) -> float:
        """The most :meth:`normalize.finders.fuzzy.FuzzyFinder._score` can make of this
        entity where the word's places say ``around``: the evidence about the entity itself
        at its most."""
        title = 1.0 if around.title else 0.0
        place_type = 1.0 if around.place_type else 0.0
        repeats = float(min(2, around.repeats))
        given = 1.0 if around.given_name else 0.0
        spell, kind = self.spell, self.entity.type
        if not around.before:
            return bounded(
                spell, kind, title=title, place_type=place_type, repeats=repeats,
                given_name=given, office=0.0,
            )  # fmt: skip
        return bounded(
            spell, kind, title=title, place_type=place_type, repeats=repeats, given_name=given
        )


def statics(
    word: str, hits: list[tuple[Form, int]], *, want_name: bool, want_source: bool
) -> tuple[Static, ...]:
    """The entities ``word`` may stand for, given its index ``hits``, ranked by string
    similarity, each with the part of its score the spelling alone fixes (``want_name``,
    ``want_source``: whether fuzzy.name and fuzzy.source are enabled)."""
    hits = [(f, d) for f, d in hits if (want_name if f.channel in LATIN_CHANNELS else want_source)]
    if not hits:
        return ()
    token = ascii_fold(word)
    if len(hits) > 4 * MAX_ENTITIES:
        # Large lexicons put many forms under a short key: rapidfuzz keeps the closest
        # in C before any Python-level scoring.
        closest = process.extract(
            token, [f.surface for f, _ in hits], scorer=fuzz.ratio, limit=4 * MAX_ENTITIES
        )
        hits = [hits[i] for _, _, i in closest]
    pinyin = is_pinyin(word)
    if pinyin and pinyin_syllables(word) < FOREIGN_SYLLABLES:
        # A word that reads as pinyin is a Chinese name or place written right ("Xiaoming"
        # is no garble of Xiamen, "Dongchuan" none of Dong Jun): it may stand only for a
        # non-Chinese entity whose Chinese name reads exactly so ("teben", 特本, for
        # Tebboune), and only with evidence in the document (FuzzyFinder._score). A word of four
        # syllables or more is no Chinese person's name ("Naitanyahu"): it is scored
        # like any other word, the pinyin shape still counting against it.
        hits = [
            (f, d)
            for f, d in hits
            if f.channel not in LATIN_CHANNELS
            and f.surface == token
            and not entity_in_pinyin(f.entity)
        ]
    by_entity: dict[str, list[tuple[Form, int, float]]] = defaultdict(list)
    for form, dist in hits:
        if _derived_from(token, form.entity):
            continue  # "Xinhuanet", "Putinism": a word made from the name, not a garble
        if form.channel in LATIN_CHANNELS and variant(token, form.surface):
            continue  # "Basra" for Basrah: another usual spelling, written right
        by_entity[form.entity.id].append((form, dist, similarity(token, form.surface)))
    ranked = sorted(by_entity.values(), key=lambda fs: -max(s for _, _, s in fs))
    shape = case_shape(word)
    unseen = zipf(token) == 0
    return tuple(_static(fs, shape, unseen, pinyin, token) for fs in ranked[:MAX_ENTITIES])


def _static(
    forms: list[tuple[Form, int, float]],
    shape: str,
    unseen: bool,
    pinyin: bool = False,
    token: str = "",
) -> Static:
    entity = forms[0][0].entity
    best_form, best_dist, best_sim = max(forms, key=lambda f: (f[2], -f[1]))
    exact_key = min(d for _, d, _ in forms) == 0
    channels = {f.channel for f, _, _ in forms}
    source = [f for f, d, _ in forms if f.channel not in LATIN_CHANNELS]
    latin = [f for f, d, _ in forms if f.channel in LATIN_CHANNELS]
    evidence: list[str] = []
    evidence.append(
        f"{'key' if best_dist == 0 else 'near key'} {best_form.key} like "
        f"{best_form.written!r} ({best_form.channel}); similarity {best_sim:.2f}"
    )
    if source and latin:
        evidence.append("matches both a spelling and a source-script reading")
    if source:
        readings = sorted({f"{f.written} -> {f.surface}" for f in source})
        evidence.append("source reading " + ", ".join(readings[:2]))
    if shape == "lower":
        evidence.append("lower-case name-like token")
    spell = spelling(
        similarity=best_sim,
        key_distance=0 if exact_key else 1,
        long_key=len(best_form.key) >= MIN_EDIT_KEY,
        # The word is a source-script reading letter for letter (similarity 1).
        exact_reading=any(f.channel not in LATIN_CHANNELS and x >= 1.0 for f, _, x in forms),
        both_channels=bool(source and latin),
        shape=shape,
        unseen=unseen,
        pinyin=pinyin,
        prefix=best_form.channel in LATIN_CHANNELS and truncated(token, best_form.surface),
    )
    rule = "fuzzy.name" if best_form.channel in LATIN_CHANNELS else "fuzzy.source"
    if rule == "fuzzy.source" and not channels & LATIN_CHANNELS:
        headline = f"reading of {entity.canonical}'s {best_form.channel} name"
    else:
        headline = f"near miss of {entity.canonical} ({entity.origin})"
    return Static(entity, best_form.target, rule, best_sim, spell, tuple(evidence), headline)
