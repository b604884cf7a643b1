"""Garbles no lexicon lists: transliteration-aware near misses of lexicon names.

Three rules:

- ``fuzzy.name``: a name-like token close to a lexicon spelling once transliteration noise
  is taken out ("haftal" for Haftar, "bukadum" for Boukadoum);
- ``fuzzy.source``: a token that matches the romanisation of an entity's source-script name
  (the pinyin of 特本 for Tebboune) better than any Latin spelling of it;
- ``fuzzy.spacing``: a name split, merged or broken by hyphen noise ("Kim Jong -un").

Only tokens that look like names are considered: not an English word, not a known form of
any entity, not a known form plus "s" (possessives are issue 4's), rare in English, four
letters or more. Each surviving token is scored once per document, so its repeats resolve
the same way.

Clean text costs little because everything that depends only on the written word is worked
out once per finder, not once per document, and kept in a bounded memo shared by documents
and threads (:class:`~normalize.names.memo.Memo`): whether the word is a candidate, its
index look-up, and the part of each entity's score that the spelling alone fixes
(:class:`~normalize.names.static.Static`). A document's distinct words minus the memo's
quiet words (one C-level set difference) leaves only the few words that can matter; the
quiet words among the engine's key words are kept apart, so that this one pass over the
words also serves the engine's intersection with its keys (:meth:`FuzzyFinder.unquiet`).
Of those, a word is scored in full only if some entity could still reach the flag threshold
given the document evidence that can be present (an upper bound made of set look-ups,
:func:`normalize.names.bound.may_reach_flag`); what is left out can change no decision. A
scored word's entities are then scored only until none left can come first (each has a
ceiling, the most document evidence can make of it), from set and substring look-ups made
once per entity and document (:class:`~normalize.names.held._Held`); the terms are counted
and the reasons written only for the entity proposed.

This module is the finder: which words to look at, the memo's upkeep, the scoring and
ranking of each word's entities, and the candidates. The other jobs (English words, code,
spelling, the memo, the bound, the text around a word, place names, broken spacing) live in
:mod:`normalize.names`, one per module (see its docstring).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import regex

from normalize.document import Document
from normalize.fuzzyindex import LATIN_CHANNELS, Form, FuzzyIndex
from normalize.lexicon.records import Entity
from normalize.model import Candidate
from normalize.names.around import around_places, place_words
from normalize.names.bound import BOUND_MARGIN, Evidence, may_reach_flag
from normalize.names.code import acronym_at, writes_code, written_as_code
from normalize.names.english import (
    MAX_LETTERS,
    MAX_ZIPF,
    compound_reading,
    english_reading,
    english_typo_of,
)
from normalize.names.givenparts import grow
from normalize.names.held import (
    _WORD_BEFORE,
    _given_names,
    _Held,
    _held,
    _someone_elses,
    _Terms,
    _terms,
    after_other_given,
    country_table,
)
from normalize.names.joined import joined_in_english
from normalize.names.memo import Memo, Profile, Reach, evidence_vocabulary, trailing_letters
from normalize.names.placenames import PlaceForms, place_countries, place_forms, place_static
from normalize.names.scorer import Features
from normalize.names.single import (
    FAR_CAP,
    MIN_STRENGTH,
    PLACE_TYPES,
    Around,
    confidence_at,
    document_values,
    office_before,
    scored,
    upper_bound,
    with_document,
)
from normalize.names.slots import wrong_slot
from normalize.names.spacing import broken_letters, broken_spacing, merged
from normalize.names.static import Static, entity_in_pinyin, similarity, statics
from normalize.names.surnames import after_chinese_surname
from normalize.text import WORD_RE, case_shape, transfer_case
from normalize.translit import ascii_fold, is_pinyin
from normalize.vocab import english_lowercase_words, zipf

if TYPE_CHECKING:
    from normalize.finders.memo_seed import MemoSeed

#: Tokens at least this frequent in English (Zipf), lower-case ones: they are checked
#: harder (MAX_ZIPF for the others), as MT leaves names it could not translate in lower
#: case, so real garbles there have no frequency at all.
MAX_ZIPF_LOWER = 2.0
#: Shortest token the fuzzy rules look at.
MIN_LETTERS = 4
#: Written words the cross-document memo holds before it starts afresh (bounds its memory).
MEMO_WORDS = 100_000

# What the document says is weighed by the names model (normalize.names.single). Another
# candidate word that resembles the same entity is no evidence: false candidates in one
# text would support each other (issue 13, Chinese names written right in news); the same
# word's other places are repeats, not mentions.

_CONTRACTION = regex.compile(r"['\u2019](?:t|ll|ve|re|d)\b")
#: Capitalised syllables joined by hyphens ("De-Xinshe"): a reading cut at its syllables.
_SPLIT_READING = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}\-])\p{Lu}\p{Ll}*(?:-\p{L}\p{Ll}*){1,3}(?![\p{L}\p{M}\p{N}\-])"
)
#: Without its country, context or name in the article, a word before a place-type word
#: stays below flagging.
_PLACE_UNSUPPORTED = 0.45


@dataclass(frozen=True)
class Scored:
    """One entity a token may stand for, with the confidence and the reasons."""

    entity: Entity
    target: str
    rule: str
    confidence: float
    similarity: float
    evidence: tuple[str, ...]


def _rounded(conf: float) -> float:
    """A confidence as :class:`Scored` holds it."""
    return round(min(0.99, max(0.0, conf)), 4)


#: How close a word before a surname must be to the entity's given name to be that given
#: name garbled.
_GIVEN_SIMILARITY = 0.85


def _garbled_given_name(
    text: str, start: int, entity: Entity, target: str
) -> tuple[int, str, str] | None:
    """The garbled given name just before a surname proposed for ``entity`` ("Emanuel"
    before "Makron", for Emmanuel Macron): where it starts, the entity's full spelling to
    write instead of both, and the given name it stands for. Only a capitalised word that
    is no spelling of the given name itself, close to it, and only where the entity has a
    two-word spelling of that given name and ``target``."""
    if entity.type != "person":
        return None
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if m is None or m.end() != start or not m.group(1)[:1].isupper() or text[m.end(1)] != " ":
        return None
    written = m.group(1)
    folded = ascii_fold(written)
    for form in entity.legitimate():
        words = WORD_RE.findall(form)
        if len(words) != 2 or words[1] != target:
            continue
        given = ascii_fold(words[0])
        if folded != given and similarity(folded, given) >= _GIVEN_SIMILARITY:
            return m.start(1), form, words[0]
    return None


class FuzzyFinder:
    """Near misses of lexicon names (``fuzzy.name``, ``fuzzy.source``, ``fuzzy.spacing``).

    ``flag`` is the flag threshold of the engine's options: candidates that provably stay
    below it are not scored (the default, 0, scores every one).
    """

    rules = frozenset({"fuzzy.name", "fuzzy.source", "fuzzy.spacing"})

    def __init__(self, index: FuzzyIndex, *, enabled: frozenset[str], flag: float = 0.0) -> None:
        self.index = index
        self.enabled = enabled
        self.flag = flag
        self._joined = index.joined if "fuzzy.spacing" in enabled else {}
        # Far spellings are capped at FAR_CAP: above that threshold they can be left out.
        self._prune = flag > FAR_CAP
        self._vocabulary = evidence_vocabulary(index)
        self._countries = country_table(index.entities)
        self._terms_of: dict[str, _Terms] = {}
        self._places: PlaceForms | None = None
        self._countries_of_places: dict[str, frozenset[str]] | None = None
        self._memo = Memo()
        self._lock = threading.Lock()
        self._seed: MemoSeed | None = None

    def set_seed(self, seed: MemoSeed) -> None:
        """Start every memo from now on with ``seed`` (see normalize.finders.memo_seed)."""
        with self._lock:
            self._seed = seed
            self._memo = Memo(self._memo.apart, seed)

    def terms(self, entity: Entity) -> _Terms:
        """The document evidence ``entity``'s score reads (kept per entity)."""
        terms = self._terms_of.get(entity.id)
        if terms is None:
            terms = self._terms_of[entity.id] = _terms(entity, self._countries)
        return terms

    def __getstate__(self) -> dict[str, Any]:
        # The memo is a cache of this process (and a lock cannot be pickled).
        state = self.__dict__.copy()
        del state["_memo"], state["_lock"], state["_terms_of"], state["_places"]
        del state["_countries_of_places"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.__dict__.setdefault("_seed", None)
        self._memo = Memo()  # seeded by share_keys
        self._lock = threading.Lock()
        self._terms_of = {}
        self._places = None
        self._countries_of_places = None

    # -- which tokens ------------------------------------------------------------------

    def candidate_words(self, doc: Document) -> list[str]:
        """Distinct written words of ``doc`` that may be garbled names, in text order."""
        return sorted(w for w in doc.distinct if self._is_candidate(w, w.casefold()))

    def _is_candidate(self, word: str, f: str) -> bool:
        """Whether ``word`` (case-folded ``f``) may be a garbled name; cheap tests first."""
        return self.not_a_candidate(word, f) is None

    def not_a_candidate(self, word: str, f: str | None = None) -> str | None:
        """Why ``word`` (case-folded ``f``) is not looked at as a garbled name, or None
        when it is: the one test :meth:`find` applies, and what ``explain`` reports."""
        if f is None:
            f = word.casefold()
        if len(word) < MIN_LETTERS:
            return f"shorter than {MIN_LETTERS} letters"
        if len(word) > MAX_LETTERS:
            return f"longer than {MAX_LETTERS} letters"
        if not word.isalpha():
            return "not all letters"
        if f in self.index.known_words:
            return "a word of a known form of a lexicon entity"
        if f in english_lowercase_words():
            return "an English word"
        shape = case_shape(word)
        if shape == "mixed":
            return "written in mixed case"
        if zipf(f) >= (MAX_ZIPF_LOWER if shape == "lower" else MAX_ZIPF):
            return f"common in English (Zipf {zipf(f):.1f})"
        if f.endswith("s") and self._is_plain_or_known(f[:-1]):
            return "a known or English word plus s: a lost possessive, not a garble"
        compound = compound_reading(f)
        if compound is None and f.endswith("s"):
            compound = compound_reading(f[:-1])  # "newlines"
        if compound is not None and not (shape == "title" and f in self.index.readings):
            # A capitalised word that is a source-script reading letter for letter
            # ("Makelong", 马克龙, for Macron) is scored (with the evidence it needs), not
            # taken for an identifier made of two words.
            return f"two common English words run together ({compound})"
        if shape == "lower":
            reading = english_reading(f)
            if reading is not None:
                return f"taken for an inflected English word or a compound ({reading})"
            typo = english_typo_of(f)
            if typo is not None:
                return f"taken for a typo of the English word {typo!r}"
        return None

    def _is_plain_or_known(self, f: str) -> bool:
        return f in self.index.known_words or f in english_lowercase_words() or zipf(f) >= MAX_ZIPF

    # -- what a word may stand for, whatever the document --------------------------------

    def _statics(self, word: str, hits: list[tuple[Form, int]]) -> tuple[Static, ...]:
        """The entities ``word`` may stand for, given its index ``hits``, ranked by string
        similarity (normalize.names.static.statics), for the rules enabled."""
        return statics(
            word,
            hits,
            want_name="fuzzy.name" in self.enabled,
            want_source="fuzzy.source" in self.enabled,
        )

    def _profile(self, word: str) -> Profile | None:
        """The profile of a candidate word, or ``None`` if it can yield nothing at all."""
        hits = self.index.lookup(word)
        statics = self._statics(word, hits)
        joined = self._joined.get(ascii_fold(word)) if self._joined else None
        if joined is not None and is_pinyin(word) and entity_in_pinyin(joined[0]):
            joined = None  # "Xian" is a name ("Liu Xian") or Xi'an written without apostrophe
        elif joined is not None and joined_in_english(*joined):
            joined = None  # "Nhatrang", "Naypyitaw": English writes such a place as one word
        if not statics and joined is None:
            return None
        entities = {id(form.entity): form.entity for form, _ in hits}
        limit = self.flag - BOUND_MARGIN
        reach = tuple(
            Reach(s.entity.id, s.entity.type, s.spell, self.terms(s.entity))
            for s in statics
            # Far spellings are capped at FAR_CAP, below the threshold when pruning.
            if self._prune
            and s.strength >= MIN_STRENGTH
            and upper_bound(s.spell, s.entity.type, {}) >= limit
        )
        return Profile(statics, joined, reach, tuple(entities.values()))

    def _is_evidence(self, folded: str) -> bool:
        return folded in self.index.known_words or folded in self._vocabulary

    def _classify(self, words: Iterable[str], memo: Memo) -> dict[str, Profile]:
        """Work out and record what each of ``words`` (new to the memo) is; return the
        profiles of the live ones. Set differences first: most words are plain English."""
        folded = {w: w.casefold() for w in words}
        keys = set(folded.values())
        evidence = keys.intersection(self.index.known_words)
        evidence.update(keys.intersection(self._vocabulary))
        unknown = keys - english_lowercase_words() - self.index.known_words
        found: list[tuple[str, list[str], Profile | None]] = []
        for word, f in folded.items():
            cased = [f] if f in evidence else []
            if not (word.isascii() and word.isalpha()):
                tail = trailing_letters(word).casefold()  # "G7Khalifa" before a name
                if tail and tail != f and self._is_evidence(tail):
                    cased.append(tail)
            profile = None
            if f in unknown and self._is_candidate(word, f):
                profile = self._profile(word)
            found.append((word, cased, profile))
        live: dict[str, Profile] = {}
        with self._lock:
            for word, cased, profile in found:
                if word in memo.live:
                    live[word] = memo.live[word]
                    continue
                if word in memo.quiet or word in memo.quiet_apart:
                    continue
                for key in cased:
                    memo.cased[key] = (*memo.cased.get(key, ()), word)
                if cased:
                    memo.cased_version += 1  # after cased: whoever reads it reads those
                if profile is not None and (
                    not self._prune or profile.reach or profile.joined is not None
                ):
                    memo.live[word] = live[word] = profile
                    continue
                # Last: whoever sees it quiet sees the rest.
                (memo.quiet_apart if word in memo.apart else memo.quiet).add(word)
        return live

    def _current_memo(self) -> Memo:
        memo = self._memo
        if len(memo) > MEMO_WORDS:
            with self._lock:
                if self._memo is memo:
                    self._memo = Memo(memo.apart, self._seed)
                memo = self._memo
        return memo

    def share_keys(self, keys: frozenset[str]) -> frozenset[str]:
        """Keep the quiet words among ``keys`` (the engine's key words) apart from the other
        quiet words from now on, so that :meth:`unquiet` also serves the engine's
        intersection with ``keys``. Returns the set to pass to :meth:`unquiet` (``keys``, or
        an equal set given before, which keeps the memo)."""
        with self._lock:
            if self._memo.apart != keys:
                self._memo = Memo(keys, self._seed)
            return self._memo.apart

    def unquiet(self, doc: Document, keys: frozenset[str]) -> frozenset[str] | None:
        """The distinct words of ``doc`` minus the memo's quiet words outside ``keys``: a
        subset of the distinct words that holds every one in ``keys``, from one C-level pass
        over them that serves both the engine (which intersects it with ``keys``) and
        :meth:`find` (which takes it from ``doc.memo``). ``None`` unless ``keys`` is what
        :meth:`share_keys` returned."""
        memo = self._current_memo()
        if memo.apart is not keys:
            return None
        rest = doc.distinct.difference(memo.quiet)
        doc.memo[self] = (memo, rest)
        return rest

    # -- scoring -----------------------------------------------------------------------

    def explain(
        self,
        doc: Document,
        word: str,
        hits: list[tuple[Form, int]] | None = None,
    ) -> list[Scored]:
        """Every entity ``word`` may stand for in ``doc``, surest first, with the reasons
        (what the document says is read from the word's places in it).

        ``hits`` is the index lookup of ``word`` where the caller has it already.
        """
        if hits is None:
            hits = self.index.lookup(word)
        statics = self._statics(word, hits)
        places = [(s, s + len(word)) for s in doc.find_word(word)]
        given_names = frozenset().union(*(_given_names(f.entity) for f, _ in hits))
        around = self.around(doc, places, given_names)
        return self._rank(doc, statics, around)

    def around(
        self, doc: Document, places: list[tuple[int, int]], given_names: frozenset[str]
    ) -> Around:
        """What the places of a word say (normalize.names.around.around_places)."""
        return around_places(doc, places, given_names)

    def _place_countries(self) -> dict[str, frozenset[str]]:
        """Every one-word spelling of a place, case-folded -> the names of its country."""
        table = self._countries_of_places
        if table is None:
            table = self._countries_of_places = place_countries(self.index.entities, self.terms)
        return table

    def _rank(self, doc: Document, statics: tuple[Static, ...], around: Around) -> list[Scored]:
        scored = [
            self._finish(s, _Held.counted(doc, s.entity, self.terms(s.entity)), around)
            for s in statics
        ]
        scored.sort(key=lambda s: (-s.confidence, s.entity.id))
        if len(scored) > 1:
            scored[0] = self._ambiguous(scored[0], scored[1].confidence, scored[1].entity)
        return scored

    @staticmethod
    def _ambiguous(top: Scored, confidence: float, entity: Entity) -> Scored:
        """``top`` less 0.2 when ``entity``, ranked second with ``confidence``, comes within
        0.1 of it."""
        if top.confidence - confidence >= 0.1:
            return top
        return Scored(
            top.entity,
            top.target,
            top.rule,
            max(0.0, top.confidence - 0.2),
            top.similarity,
            (*top.evidence, f"ambiguous: also close to {entity.canonical}"),
        )

    def _finish(self, static: Static, held: _Held, around: Around) -> Scored:
        """The entity of ``static`` scored with the reasons, given what the document holds
        of it."""
        evidence = list(static.evidence)
        conf = self._score(static, held, around, evidence)
        evidence.insert(0, static.headline)
        return Scored(
            static.entity, static.target, static.rule, conf, static.similarity, tuple(evidence)
        )

    def features(self, static: Static, held: _Held, around: Around) -> Features:
        """The names model's features of ``static``'s entity in a document."""
        return with_document(static.spell, self._values(static, held, around))

    def _values(self, static: Static, held: _Held, around: Around) -> tuple[float, ...]:
        """What the document gives :meth:`features` (normalize.names.single.document_values)."""
        office = office_before(around.before, held.terms.offices) if around.title else None
        listed = False
        if around.listed_with and static.entity.type in PLACE_TYPES:
            places = self._place_countries()
            mine = {*held.terms.country_words, *held.terms.country_phrases}
            listed = any(not mine.isdisjoint(places.get(w, ())) for w in around.listed_with)
        mentioned = held.mentioned and not _someone_elses(held.doc, static.entity, held.found[1])
        terms = held.terms
        near = held.country and (
            any(w in around.sentence_words for w in terms.country_words)
            or any(p in around.sentences for p in terms.country_phrases)
        )
        return document_values(
            static.spell,
            static.entity.type,
            around,
            # The office before the word is one of the context terms found: counted once.
            context=max(0, held.context - 1) if office is not None else held.context,
            country=held.country,
            mention=mentioned,
            office=office is not None,
            given_name=not around.before_words.isdisjoint(_given_names(static.entity)),
            listed=listed,
            country_near=near,
            other_given=after_other_given(
                around.before_words, static.entity, frozenset(terms.country_words)
            ),
        )

    def _score(
        self,
        static: Static,
        held: _Held,
        around: Around,
        evidence: list[str] | None = None,
    ) -> float:
        """The names model's confidence (normalize.names.single) of the spelling and what
        the document says: context terms, the country, mentions, a title or an office
        before the word, a place-type word after it, a given name, repeats
        (:func:`~normalize.names.bound.may_reach_flag` and :meth:`Static.ceiling` bound
        it). The reasons are added to ``evidence`` when it is given."""
        if evidence is None:
            return confidence_at(static.spell, self._values(static, held, around))
        feats = self.features(static, held, around)
        context, mentions, country = held.found
        evidence += [f"context: {term} x{n}" for term, n in context]
        evidence += [f"country: {term} x{n}" for term, n in country]
        evidence += [f"also written {f!r} x{n} in this document" for f, n in mentions]
        if feats.title:
            evidence.append(f"title before: {(around.title or '').strip()!r}")
        if feats.office:
            evidence.append("the title is the entity's own office")
        if feats.place_type:
            evidence.append("a place-type word follows it")
        if feats.given_name:
            evidence.append("follows the entity's given name")
        conf, lines = scored(static.spell, feats)
        evidence += lines
        return conf

    def _leaders(
        self,
        doc: Document,
        statics: Iterable[Static],
        around: Around,
        held: dict[str, _Held],
        count: int,
        floor: float = 0.0,
    ) -> list[tuple[float, Static]]:
        """The first ``count`` entities of :meth:`_rank` (before its ambiguity rule), with
        their confidences, without scoring every entity: they are taken by decreasing
        ceiling, and once ``count`` are held, an entity whose ceiling is below the last one
        held cannot rank before it, nor can any after it. ``held`` keeps what the document
        holds of each entity looked at, for the other words and passes.

        None when the first can be shown to stay below ``floor``: every ceiling left is
        below it and so is every confidence found (the ambiguity rule only lowers it)."""
        leaders: list[tuple[float, Static]] = []
        ranked = sorted(((s.ceiling(around), s) for s in statics), key=lambda cs: -cs[0])
        for ceiling, static in ranked:
            if ceiling < floor and (not leaders or leaders[0][0] < floor):
                return []
            if len(leaders) == count and ceiling < leaders[-1][0]:
                break
            entity = static.entity
            conf = self._score(static, _held(doc, entity, self.terms(entity), held), around)
            leaders.append((conf, static))
            leaders.sort(key=lambda cs: (-cs[0], cs[1].entity.id))
            del leaders[count:]
        return leaders

    def _first(
        self,
        leaders: list[tuple[float, Static]],
        around: Around,
        held: dict[str, _Held],
    ) -> Scored:
        """What :meth:`_rank` puts first, from its first two entities (:meth:`_leaders`):
        the reasons are written out for it alone."""
        static = leaders[0][1]
        top = self._finish(static, held[static.entity.id], around)
        if len(leaders) == 1:
            return top
        confidence, second = leaders[1]
        return self._ambiguous(top, confidence, second.entity)

    # -- finding -----------------------------------------------------------------------

    def find(self, doc: Document) -> Iterable[Candidate]:
        yield from self._broken_spacing(doc)
        yield from self._broken_letters(doc)
        yield from self._near_misses(doc)
        yield from self._place_names(doc)
        yield from self._split_readings(doc)

    def _split_readings(self, doc: Document) -> Iterable[Candidate]:
        """A pinyin reading of an entity's Chinese name cut into syllables by hyphens, as MT
        writes a name it does not know ("De-Xinshe" for 德新社, dpa): the parts joined are
        the reading letter for letter. Scored as the joined word would be (fuzzy.source),
        so the document must support the entity as for any reading."""
        if "fuzzy.source" not in self.enabled or "-" not in doc.text:
            return
        text = doc.text
        found: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for m in _SPLIT_READING.finditer(text):
            if not doc.is_protected(m.start(), m.end()):
                found[m.group()].append(m.span())
        for written, places in found.items():
            parts = written.split("-")
            joined = "".join(parts)
            folded = joined.casefold()
            if not all(is_pinyin(p) for p in parts) or len(folded) > MAX_LETTERS:
                continue
            if folded in self.index.known_words or zipf(folded) > 0:
                continue
            hits = [
                (f, d)
                for f, d in self.index.lookup(joined)
                if d == 0
                and f.channel not in LATIN_CHANNELS
                and f.surface == folded
                and not entity_in_pinyin(f.entity)
            ]
            statics = self._statics(joined, hits)
            if not statics:
                continue
            around = self.around(doc, places, frozenset())
            best = self._rank(doc, statics, around)[0]
            for start, end in places:
                yield Candidate(
                    start,
                    end,
                    written,
                    transfer_case(joined, best.target),
                    best.rule,
                    best.entity.id,
                    best.confidence,
                    (*best.evidence, f"the parts of {written!r} joined: {joined!r}"),
                )

    def _near_misses(self, doc: Document) -> Iterable[Candidate]:
        memo = self._current_memo()
        # One C call that looks each distinct word up in the set (or, while the memo is
        # small, walks the set) without running Python code, so no other thread can change
        # the set meanwhile. Clean text leaves a few words. (A set, not a dict: its look-ups
        # read one table, not an index and then the entries, about a tenth quicker here.)
        # The engine has usually made that difference already (unquiet); the quiet key words
        # are then taken out of the few words left.
        kept = doc.memo.get(self)
        if kept is not None and kept[0] is memo:
            rest = kept[1]
        else:
            rest = doc.distinct.difference(memo.quiet)
        if rest and memo.quiet_apart:
            rest = rest.difference(memo.quiet_apart)
        if not rest:
            return
        live: dict[str, Profile] = {}
        unseen: list[str] = []
        for word in rest:
            profile = memo.live.get(word)
            if profile is None:
                unseen.append(word)
            else:
                live[word] = profile
        if unseen:
            live.update(self._classify(unseen, memo))
        if not live:
            return
        if self._prune:
            evidence = Evidence(doc, memo)
            live = {w: p for w, p in live.items() if may_reach_flag(evidence, w, p, self.flag)}
        if live:
            yield from self._scored(doc, live)

    # -- places named by the word after them ---------------------------------------------

    def _place_forms(self) -> PlaceForms:
        """Every one-word spelling of a place by transliteration key (worked out when first
        needed, see normalize.names.placenames.place_forms)."""
        table = self._places
        if table is None:
            table = self._places = place_forms(self.index.entities)
        return table

    def _place_names(self, doc: Document) -> Iterable[Candidate]:
        """A capitalised word before a place-type word ("Hajja province") that the near-miss
        pass does not look at (an English word, or a key too short to look up), read as a
        place of the lexicon with the same key. Strong, specific evidence only: the word
        after says it is a place, and the entity's country, context or name must be in the
        article too; without them it stays below the flag threshold."""
        words = self._place_words(doc)
        table = self._place_forms() if words else {}
        for word in words:
            yield from self._place_word(doc, word, table)

    def _place_word(
        self,
        doc: Document,
        word: str,
        table: PlaceForms,
    ) -> Iterable[Candidate]:
        found = self._place_static(doc, word, table)
        if found is None:
            return
        static, places, around, held, rival = found
        evidence = list(static.evidence)
        conf = self._score(static, held, around, evidence)
        if not (held.country or held.context or held.mentioned) and conf > _PLACE_UNSUPPORTED:
            conf = _PLACE_UNSUPPORTED
            evidence.append("neither its country nor its context in the article: not proposed")
        if rival is not None:
            conf = max(0.0, conf - 0.2)
            evidence.append(f"ambiguous: also close to {rival.canonical}")
        evidence.insert(0, static.headline)
        for start, end in places:
            yield Candidate(
                start,
                end,
                word,
                transfer_case(word, static.target),
                "fuzzy.name",
                static.entity.id,
                conf,
                tuple(evidence),
            )

    def _place_static(
        self, doc: Document, word: str, table: PlaceForms
    ) -> tuple[Static, list[tuple[int, int]], Around, _Held, Entity | None] | None:
        """The place a word before a place-type word may stand for, with its places, what
        they say, what the document holds of the place, and a rival place as close."""
        found = place_static(doc, word, table, self.index.known_words, self._looked_at)
        if found is None:
            return None
        static, places, around, rival = found
        held = _Held.counted(doc, static.entity, self.terms(static.entity))
        return static, places, around, held, rival

    def _looked_at(self, word: str, f: str) -> bool:
        """Whether the near-miss pass scores ``word`` (case-folded ``f``)."""
        return self._is_candidate(word, f) and bool(self.index.lookup(word))

    def _place_words(self, doc: Document) -> list[str]:
        """The capitalised words before a place-type word (:meth:`_place_names`)."""
        if "fuzzy.name" not in self.enabled:
            return []
        return place_words(doc)

    def scored_words(self, doc: Document) -> Iterable[tuple[str, int, int, Static, Features]]:
        """Every single-word candidate of ``doc`` with every entity it may stand for and
        the model's features, before any threshold, ambiguity rule or pruning (see
        :func:`normalize.names.candidates`): (word, start, end, entity's static, features)."""
        profiles = {w: p for w in self.candidate_words(doc) if (p := self._profile(w)) is not None}
        spans, near = self._places_of(doc, profiles)
        for word, places in spans.items():
            profile = profiles[word]
            if not near[word]:
                continue
            around = self.around(doc, places, profile.given_names)
            for static in profile.statics:
                held = _Held(doc, static.entity, self.terms(static.entity))
                feats = self.features(static, held, around)
                for start, end in near[word]:
                    yield word, start, end, static, feats
        words = self._place_words(doc)
        table = self._place_forms() if words else {}
        for word in words:
            found = self._place_static(doc, word, table)
            if found is None:
                continue
            static, places, around, held, _ = found
            feats = self.features(static, held, around)
            for start, end in places:
                yield word, start, end, static, feats

    def _places_of(
        self, doc: Document, words: Iterable[str]
    ) -> tuple[dict[str, list[tuple[int, int]]], dict[str, list[tuple[int, int]]]]:
        """Where each of ``words`` may be a name: its places outside contractions,
        protected text and code (``spans``), and of those the ones a near miss is proposed
        at (``near``: an all-capitals word among lower-case ones is an acronym)."""
        # Whole-word str.find per candidate: distinct whole words cannot overlap, so this
        # finds what one alternation of them would, without compiling a pattern per text.
        spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        contractions: set[str] = set()
        for word in sorted(words):
            for start in doc.find_word(word):
                end = start + len(word)
                if _CONTRACTION.match(doc.text, end):
                    contractions.add(word)  # "wouldn't", "couldn't": English, not a name
                elif not doc.is_protected(start, end):
                    # Protected text is looked for near the place, where that gives the
                    # answer of the whole-text scan (Document.is_protected): most texts
                    # with a candidate word need no scan.
                    spans[word].append((start, end))
        for word in contractions:
            spans.pop(word, None)
        for word in [w for w in spans if written_as_code(doc, w)]:
            del spans[word]
        if any(case_shape(w) == "lower" for w in spans) and writes_code(doc):
            for word in [w for w in spans if case_shape(w) == "lower"]:
                del spans[word]
        # An all-capitals word among lower-case words is an acronym or a constant: no near
        # miss of a name (a merged name, fuzzy.spacing, is still looked at).
        near = {
            word: [(s, e) for s, e in places if not acronym_at(doc.text, s, e)]
            if case_shape(word) == "upper"
            else places
            for word, places in spans.items()
        }
        return spans, near

    def _scored(self, doc: Document, profiles: Mapping[str, Profile]) -> Iterable[Candidate]:
        """Score and propose the candidate words ``profiles``."""
        spans, near = self._places_of(doc, profiles)
        arounds = {
            word: self.around(doc, places, profiles[word].given_names)
            for word, places in spans.items()
        }
        # Only what _rank would put first is worked out (second too, for the ambiguity rule),
        # and the reasons only for what is proposed.
        held: dict[str, _Held] = {}
        # When pruning, a word whose first entity provably stays below the flag threshold
        # proposes nothing the engine keeps.
        floor = self.flag - BOUND_MARGIN if self._prune else 0.0
        for word, places in spans.items():
            profile = profiles[word]
            yield from self._spacing(word, places, profile.joined)
            places = near[word]
            if not places:
                continue
            around = arounds[word]
            leaders = self._leaders(doc, profile.statics, around, held, 2, floor)
            if not leaders:
                continue
            best = self._first(leaders, around, held)
            pinyin = best.rule == "fuzzy.source" and is_pinyin(word)
            # "Liu Ruokai ... Ruokai added": where the text writes the word after a Chinese
            # family name, it is that person's given name wherever it stands alone too.
            if pinyin and any(after_chinese_surname(doc.text, s) for s, _ in spans[word]):
                continue  # "Li Feize": a Chinese person's given name, not Faeser
            for start, end in places:
                if wrong_slot(
                    doc.text, start, end, best.entity, best.target, self.index.known_words
                ):
                    continue  # "in Masvingo.", "Najmul Hossain Shanto", "Chungking, not Chongqing"
                given = _garbled_given_name(doc.text, start, best.entity, best.target)
                if given is not None:
                    # "Emanuel Makron": the given name before it is garbled too, and the
                    # whole name is repaired (names.given repairs it beside a right surname).
                    first, full, written = given
                    original = doc.text[first:end]
                    yield Candidate(
                        first,
                        end,
                        original,
                        transfer_case(original, full),
                        best.rule,
                        best.entity.id,
                        best.confidence,
                        (*best.evidence, f"the given name before it, {written!r}, garbled too"),
                    )
                    continue
                grown = grow(doc.text, start, end, best.entity, best.target, self.index.known_words)
                if grown is not None:
                    # "Leijiepu Taiyipu Aierduoan": the given names beside it are garbled too
                    # (normalize.names.givenparts); the surname alone stays proposed as well.
                    yield grown.candidate(
                        doc.text, best.rule, best.entity.id, best.confidence, best.evidence
                    )
                yield Candidate(
                    start,
                    end,
                    word,
                    transfer_case(word, best.target),
                    best.rule,
                    best.entity.id,
                    best.confidence,
                    best.evidence,
                )

    def _spacing(
        self, word: str, places: list[tuple[int, int]], hit: tuple[Entity, str] | None
    ) -> Iterable[Candidate]:
        """A merged token ("kimjongun") equal to a multi-word form with its spaces taken out."""
        if hit is None or "fuzzy.spacing" not in self.enabled:
            return
        entity, written = hit
        yield from merged(word, places, entity, written)

    def _broken_letters(self, doc: Document) -> list[Candidate]:
        """Names broken at a letter outside ASCII (normalize.names.spacing.broken_letters)."""
        if "fuzzy.spacing" not in self.enabled:
            return []
        return broken_letters(doc.text, self.index.accented, self.index.lost)

    def _broken_spacing(self, doc: Document) -> list[Candidate]:
        """Names broken by hyphen and space noise ("Kim Jong -un") restored to a lexicon form
        (normalize.names.spacing.broken_spacing)."""
        if "fuzzy.spacing" not in self.enabled or not self._joined:
            return []
        return broken_spacing(doc.text, self._joined)
