"""What a document says about an entity: its mentions and its anchors, and where they are.

Two kinds of evidence are kept apart because they are not equally trustworthy:

- *mentions* are the entity's own names and demonyms ("Algeria", "Algerian"). In a text
  where MT confuses two countries, these are exactly the words that may be wrong.
- *anchors* are words that point to the entity without being its name: its context terms
  (capital, leaders: "Algiers", "Tebboune") and every name, alias or listed garble of an
  entity whose lexicon context names it (``person/sabri-boukadoum`` lists "Algeria", so
  "bukadum" anchors Algeria). Garbles count: the document is judged as written.

Nearness is measured in sentences and paragraphs (a blank line separates paragraphs).

Most documents that ask about an entity have no evidence for it at all. A :class:`Gate`
answers that from the document's distinct words before any evidence is gathered, and
:meth:`DocumentEvidence.hits` looks only for the lexicon forms that can be a hit of the
entity asked about, not for every form in the lexicon.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from normalize.document import Document, _is_word_char, lazy
from normalize.finders.exact import Entry, ExactIndex, Kind
from normalize.lexicon.records import Lexicon
from normalize.text import WORD_RE, case_shape
from normalize.vocab import is_english_word

_PARAGRAPH_RE = regex.compile(r"\n[^\S\n]*\n\s*")
_SENTENCE_RE = regex.compile(r"[.!?]+[\"'\u2019\u201d)\]]*\s+|\n[^\S\n]*\n\s*")


@dataclass(frozen=True)
class Hit:
    """One piece of evidence: a span of the document and the term it matched."""

    start: int
    end: int
    term: str
    anchor: bool


class HitList(list[Hit]):
    """Hits sorted by offset, with the views that the finders ask of them at every place,
    each computed once: the places of evidence are many in a long text, and a view
    recomputed at each of them costs their product."""

    @lazy
    def starts(self) -> list[int]:
        """The start of each hit, sorted."""
        return [h.start for h in self]

    @lazy
    def anchors(self) -> HitList:
        """The anchors among the hits."""
        return HitList(h for h in self if h.anchor)

    @lazy
    def terms(self) -> list[str]:
        """The distinct terms, sorted."""
        return sorted({h.term for h in self})

    @lazy
    def folded_terms(self) -> frozenset[str]:
        """The distinct terms, case-folded."""
        return frozenset(h.term.casefold() for h in self)

    @lazy
    def ends(self) -> list[tuple[int, int]]:
        """(end, index) of each hit, sorted by end."""
        return sorted((h.end, i) for i, h in enumerate(self))

    @lazy
    def summary(self) -> str:
        """``Algeria x3, Tebboune x3``: the terms, most frequent first."""
        return _summary(self)

    @lazy
    def mentions(self) -> HitList:
        """The hits that are not anchors (the entity's own names)."""
        return HitList(h for h in self if not h.anchor)

    @lazy
    def _places_of(self) -> dict[str, list[int]]:
        """Each term -> the indices of its hits, in order."""
        places: dict[str, list[int]] = defaultdict(list)
        for i, h in enumerate(self):
            places[h.term].append(i)
        return places

    def _at(self, offset: int) -> range:
        """The indices of the hits that start at ``offset``."""
        starts = self.starts
        return range(bisect.bisect_left(starts, offset), bisect.bisect_right(starts, offset))

    def count_without(self, offset: int) -> int:
        """``len([h for h in self if h.start != offset])``."""
        return len(self) - len(self._at(offset))

    def summary_without(self, offset: int) -> str:
        """``summary`` of ``[h for h in self if h.start != offset]``, from the counts of all
        the hits less those at ``offset``, in the same order (most frequent first, then in
        the order each term first occurs among the hits kept).

        >>> hits = HitList([Hit(0, 1, "A", True), Hit(2, 3, "B", True), Hit(4, 5, "A", True)])
        >>> hits.summary_without(0), hits.summary_without(2), hits.summary_without(9)
        ('B x1, A x1', 'A x2', 'A x2, B x1')
        """
        left = self._at(offset)
        if not left:
            return self.summary
        kept: list[tuple[int, int, str]] = []
        for term, places in self._places_of.items():
            first = bisect.bisect_left(places, left.start)
            gone = bisect.bisect_left(places, left.stop) - first
            n = len(places) - gone
            if n:
                # The first of its places not among those left out.
                index = places[0] if first else places[gone] if gone < len(places) else 0
                kept.append((-n, index, term))
        if not kept:
            return "none"
        return ", ".join(f"{term} x{-n}" for n, _, term in sorted(kept))

    def starts_at(self, offset: int) -> bool:
        """Whether a hit starts at ``offset``."""
        return _any_between(self.starts, offset, offset + 1)

    def ending_in(self, lo: int, hi: int) -> list[Hit]:
        """The hits whose end is in ``[lo, hi]``, in offset order."""
        ends = self.ends
        i = bisect.bisect_left(ends, (lo, -1))
        j = bisect.bisect_right(ends, (hi, len(self)))
        return [self[k] for _, k in sorted(ends[i:j], key=lambda pair: pair[1])]

    def starting_in(self, lo: int, hi: int) -> list[Hit]:
        """The hits whose start is in ``[lo, hi]``, in offset order."""
        starts = self.starts
        return self[bisect.bisect_left(starts, lo) : bisect.bisect_right(starts, hi)]


class Layout:
    """Sentence and paragraph numbers of offsets in one text, from an index of its breaks.

    The breaks of each kind are found once per text, on first use (one C-level scan), and
    every question after that is a binary search: the cost of a document's evidence grows
    with its length and the places asked about, never with their product.
    """

    def __init__(self, text: str) -> None:
        self._text = text

    @lazy
    def _sentences(self) -> list[int]:
        return [m.end() for m in _SENTENCE_RE.finditer(self._text)]

    @lazy
    def _paragraphs(self) -> list[int]:
        if self._text.count("\n") < 2:  # a paragraph break has two line breaks
            return []
        return [m.end() for m in _PARAGRAPH_RE.finditer(self._text)]

    def sentence(self, offset: int) -> int:
        """The 0-based sentence an offset falls in.

        >>> Layout("One. Two\\n\\nThree").sentence(6)
        1
        """
        return bisect.bisect_right(self._sentences, offset)

    def paragraph(self, offset: int) -> int:
        """The 0-based paragraph an offset falls in."""
        return bisect.bisect_right(self._paragraphs, offset)

    def same_sentence(self, a: int, b: int) -> bool:
        """``sentence(a) == sentence(b)``.

        >>> layout = Layout("One. Two\\n\\nThree")
        >>> layout.same_sentence(0, 2), layout.same_sentence(5, 0), layout.same_sentence(5, 7)
        (True, False, True)
        """
        return a == b or self.sentence(a) == self.sentence(b)

    def same_paragraph(self, a: int, b: int) -> bool:
        """``paragraph(a) == paragraph(b)``."""
        return a == b or self.paragraph(a) == self.paragraph(b)

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        """``[lo, hi)``: the offsets in the sentence of ``offset`` (``hi`` may pass the end)."""
        return _bounds(self._sentences, offset)

    def paragraph_bounds(self, offset: int) -> tuple[int, int]:
        """``[lo, hi)``: the offsets in the paragraph of ``offset``."""
        return _bounds(self._paragraphs, offset)

    def any_in_sentence(self, starts: Sequence[int], offset: int) -> bool:
        """``any(same_sentence(s, offset) for s in starts)`` for sorted ``starts``, by two
        binary searches instead of a look at each.

        >>> layout = Layout("A b. C d. E")
        >>> layout.any_in_sentence([0, 10], 7), layout.any_in_sentence([0, 6], 7)
        (False, True)
        """
        return _any_between(starts, *self.sentence_bounds(offset))

    def any_in_paragraph(self, starts: Sequence[int], offset: int) -> bool:
        """``any(same_paragraph(s, offset) for s in starts)`` for sorted ``starts``."""
        return _any_between(starts, *self.paragraph_bounds(offset))


def _bounds(breaks: list[int], offset: int) -> tuple[int, int]:
    """The offsets numbered as ``offset`` is by ``bisect_right(breaks, .)``: ``[lo, hi)``."""
    i = bisect.bisect_right(breaks, offset)
    lo = breaks[i - 1] if i else _MIN_OFFSET
    hi = breaks[i] if i < len(breaks) else _MAX_OFFSET
    return lo, hi


def _any_between(starts: Sequence[int], lo: int, hi: int) -> bool:
    """Whether sorted ``starts`` has a value in ``[lo, hi)``."""
    i = bisect.bisect_left(starts, lo)
    return i < len(starts) and starts[i] < hi


# Beyond any offset of any text: the bounds of the first and last sentence or paragraph.
_MIN_OFFSET = -(2**62)
_MAX_OFFSET = 2**62


class SpanIndex:
    """Spans of one text, for "is this span inside a longer one of them" in log time.

    >>> names = SpanIndex([(26, 46), (0, 17), (5, 9)])
    >>> names.encloses(30, 34), names.encloses(26, 46), names.encloses(5, 9), names.encloses(18, 20)
    (True, False, True, False)
    """

    __slots__ = ("_ends_at", "_reach", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        # The farthest end of the spans up to each one (in start order).
        self._reach = list(itertools.accumulate((e for _, e in ordered), max))
        # The farthest end of the spans starting at each offset.
        self._ends_at: dict[int, int] = {}
        for s, e in ordered:
            self._ends_at[s] = e  # sorted: the last is the farthest

    def encloses(self, start: int, end: int) -> bool:
        """``any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans)``."""
        before = bisect.bisect_left(self._starts, start)  # the spans with s < start
        if before and self._reach[before - 1] >= end:
            return True
        return self._ends_at.get(start, end) > end

    def covers(self, start: int, end: int) -> bool:
        """``any(s <= start and end <= e for s, e in spans)``.

        >>> SpanIndex([(0, 5)]).covers(0, 5), SpanIndex([(0, 5)]).covers(4, 6)
        (True, False)
        """
        upto = bisect.bisect_right(self._starts, start)  # the spans with s <= start
        return bool(upto) and self._reach[upto - 1] >= end


class Gate:
    """A cheap necessary condition for any of some lexicon forms or context terms to match.

    A form matches only where its first word is written as one of the words that
    :meth:`ExactIndex.occurrences` looks up for it, and its other words (case-folded) are
    words of the case-folded text; a context term matches only where its first word is a
    word of the document and the whole term, case-folded, is in the case-folded text
    between non-word characters. ``needs`` maps each such first word, as written, to what
    must also be present for one of the forms or terms it starts (an empty tuple: nothing
    more). ``always`` is for terms with no word at all, which no word can rule out.

    >>> gate = Gate({"Khalifa": [("haftar",)], "LNA": [()]})
    >>> [gate.allows(Document(t)) for t in ("Khalifa said", "KHALIFA HAFTAR", "LNA")]
    [False, False, True]
    >>> gate.allows(Document("Khalifa Haftar"))
    True
    """

    __slots__ = ("always", "firsts", "free", "needs")

    def __init__(
        self, needs: Mapping[str, Iterable[tuple[str, ...]]], always: bool = False
    ) -> None:
        self.always = always
        # One empty requirement makes the others moot. Long words are looked for first:
        # they are the likelier to be missing, and a missing word settles a requirement.
        self.needs: dict[str, tuple[tuple[str, ...], ...]] = {}
        for word, required in needs.items():
            unique = {tuple(sorted(set(r), key=lambda w: (-len(w), w))) for r in required}
            self.needs[word] = ((),) if () in unique else tuple(sorted(unique))
        self.firsts = frozenset(self.needs)
        # The words that need nothing more: one of them in the document settles it.
        self.free = frozenset(w for w, required in self.needs.items() if required == ((),))

    def allows(self, doc: Document) -> bool:
        """False only when nothing the gate was built from can match in ``doc``.

        Kept per document: a finder asks at every place of a word, and a required word
        missing from the text costs a scan of the whole text to say so.
        """
        if self.always:
            return True
        known: dict[Gate, bool] | None = doc.memo.get(Gate)
        if known is None:
            known = doc.memo[Gate] = {}
        allowed = known.get(self)
        if allowed is None:
            allowed = known[self] = self._allows(doc)
        return allowed

    def _allows(self, doc: Document) -> bool:
        found = doc.among(self.firsts)
        if not found:
            return False
        if not found.isdisjoint(self.free):
            return True
        # The same requirements under several spellings of a word ("the", "The") once.
        requirements: Iterable[tuple[str, ...]]
        if len(found) == 1:
            (first,) = found
            requirements = self.needs[first]  # already without repeats
        else:
            requirements = {r for first in found for r in self.needs[first]}
        # ``lowered`` is already made for the exact index in ASCII text.
        return _any_met(requirements, doc.lowered if doc.is_ascii else doc.folded, {})

    def passing_words(self, doc: Document) -> frozenset[str]:
        """The first words of ``doc`` with a requirement met there (whatever ``always``).

        >>> gate = Gate({"Khalifa": [("haftar",)], "LNA": [()], "Haftar": [()]})
        >>> sorted(gate.passing_words(Document("LNA and Khalifa HAFTAR")))
        ['Khalifa', 'LNA']
        """
        found = doc.distinct & self.firsts
        conditional = found - self.free
        if not conditional:
            return found
        folded = doc.lowered if doc.is_ascii else doc.folded
        present: dict[str, bool] = {}
        passing = set(found & self.free)
        for first in conditional:
            if _any_met(self.needs[first], folded, present):
                passing.add(first)
        return frozenset(passing)


def _any_met(
    requirements: Iterable[tuple[str, ...]], folded: str, present: dict[str, bool]
) -> bool:
    """Whether every word of some requirement is a whole word of ``folded``, the document's
    case-folded text. Case folding maps each character on its own, so a word whose
    case-folded form is a lexicon key puts that key, as a word, in the case-folded text
    (lower case is case folding on ASCII). ``present`` remembers the words already looked
    for, which requirements share ("national", "of")."""
    for required in requirements:
        for word in required:
            if word not in present:
                present[word] = _has_word(folded, word)
            if not present[word]:
                break
        else:
            return True
    return False


def _has_word(text: str, word: str) -> bool:
    """Whether ``word`` is in ``text`` with no letter, mark or digit on either side.

    Case folding never makes a word character of another character or the reverse (a
    test checks every code point), so a word of a text is a word of its case-folded copy.

    >>> _has_word("the community", "unity"), _has_word("unity, again", "unity")
    (False, True)
    """
    if 0 < len(word) <= _SHORT_WORD:
        # A letter or two ("k" of "IS-K") is inside many words: one C-level search.
        return _alone(word).search(text) is not None
    # Document.find_word without collecting every place: one whole word settles it.
    i = text.find(word)
    while i >= 0:
        if _stands_alone(text, i, i + len(word)):
            return True
        i = text.find(word, i + 1)
    return False


#: Words this short are looked for by :func:`_alone`'s pattern (its compiling costs more
#: than a scan of a text for a longer word, which is rarely inside other words).
_SHORT_WORD = 2


@lru_cache(maxsize=1024)
def _alone(word: str) -> regex.Pattern[str]:
    """``word`` with no letter, mark or digit on either side (see :func:`_stands_alone`)."""
    return regex.compile(
        rf"(?<![\p{{L}}\p{{M}}\p{{N}}]){regex.escape(word)}(?![\p{{L}}\p{{M}}\p{{N}}])"
    )


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether no letter, mark or digit touches ``text[start:end]`` on either side (what
    ``(?<![\\p{L}\\p{M}\\p{N}])`` and ``(?![\\p{L}\\p{M}\\p{N}])`` say around it)."""
    return (start == 0 or not _is_word_char(text[start - 1])) and (
        end == len(text) or not _is_word_char(text[end])
    )


def _term_matches(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """The spans that ``_term_pattern(terms).finditer(text)`` matches, with ``terms`` in the
    pattern's order (longest first) and none of them empty.

    The pattern's alternation of a handful of literals costs the ``regex`` module a try at
    every offset; ``str.find`` skips to each term's places at C speed. finditer takes, at
    the first offset where a term stands alone, the first such term in its order, then goes
    on from the end of the match: so does this, from every place of every term.

    >>> _term_matches("Kabul Kabulis, Kabul", ("Kabul",))
    [(0, 5), (15, 20)]
    """
    chosen: dict[int, int] = {}  # start -> end of the first term in order standing alone there
    for term in terms:
        i = text.find(term)
        while i >= 0:
            if i not in chosen and _stands_alone(text, i, i + len(term)):
                chosen[i] = i + len(term)
            i = text.find(term, i + 1)
    spans: list[tuple[int, int]] = []
    after = 0
    for start in sorted(chosen):
        if start >= after:
            after = chosen[start]
            spans.append((start, after))
    return spans


def _add_term_needs(needs: dict[str, list[tuple[str, ...]]], terms: Iterable[str]) -> bool:
    """Add what context terms need to ``needs``; true if a term has no word to need.

    A term is matched as written between non-word characters, so its first word is a
    whole word of the text, and the term itself is in the case-folded text.
    """
    always = False
    for term in terms:
        first = WORD_RE.search(term)
        if first is None:
            always = True
        else:
            needs[first.group()].append((term.casefold(),))
    return always


def lookup_words(index: ExactIndex) -> dict[str, frozenset[str]]:
    """Each case-folded first word of ``index`` -> the written words that look it up.

    :meth:`ExactIndex.occurrences` tries the forms starting with ``word.casefold()`` for
    each word of the document that is in :attr:`ExactIndex.variants`.
    """
    grouped: dict[str, set[str]] = defaultdict(set)
    for variant in index.variants:
        grouped[variant.casefold()].add(variant)
    return {first: frozenset(words) for first, words in grouped.items()}


def forms_gate(index: ExactIndex, entries: Iterable[Entry] | None = None) -> Gate:
    """The gate for some entries of ``index`` (all by default): shut where none can match.

    >>> from normalize.lexicon import Entity, Lexicon
    >>> index = ExactIndex(Lexicon((Entity("org/x", "organisation", "National Army"),)))
    >>> gate = forms_gate(index, index.by_first["national"])
    >>> gate.allows(Document("NATIONAL ARMY")), gate.allows(Document("national guard"))
    (True, False)
    """
    if entries is None:
        entries = (e for es in index.by_first.values() for e in es)
    return Gate(_form_needs(lookup_words(index), entries, as_evidence=False))


def _form_needs(
    lookup: Mapping[str, frozenset[str]], entries: Iterable[Entry], *, as_evidence: bool
) -> dict[str, list[tuple[str, ...]]]:
    """What the entries need, by written first word. ``as_evidence``: only where an
    occurrence would count in :meth:`DocumentEvidence.occurrences`."""
    needs: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for entry in entries:
        rest = entry.key.words[1:]
        for written in lookup.get(entry.key.words[0], ()):
            # A one-word form matches exactly the word as written, so whether it counts
            # is known now: "is" in lower case is never the Islamic State's "IS".
            if as_evidence and not rest and not _counts(entry, written):
                continue
            needs[written].append(rest)
    return needs


def _counts(entry: Entry, original: str, lowered: bool | None = None) -> bool:
    """Whether an occurrence of ``entry`` written ``original`` is evidence for its entity:
    a lower-case match of a name that is also an English word ("turkey", "chad") is not."""
    if lowered is None:
        lowered = case_shape(original) == "lower"
    return (
        entry.kind is Kind.GARBLE
        or not lowered
        or case_shape(entry.form) == "lower"
        or not any(is_english_word(w) for w in original.split())
    )


def _term_order(terms: Iterable[str]) -> tuple[str, ...]:
    """The terms once each, longest first: the order of :func:`_term_pattern`'s alternation."""
    return tuple(sorted(set(terms), key=len, reverse=True))


def _term_pattern(terms: Iterable[str]) -> regex.Pattern[str] | None:
    alternation = "|".join(regex.escape(t) for t in _term_order(terms))
    if not alternation:
        return None
    return regex.compile(
        rf"(?<![\p{{L}}\p{{M}}\p{{N}}])(?:{alternation})(?![\p{{L}}\p{{M}}\p{{N}}])"
    )


class EvidenceModel:
    """Per-lexicon data for weighing document evidence; built once per Normalizer."""

    def __init__(self, lexicon: Lexicon, index: ExactIndex) -> None:
        self.index = index
        self.entities = lexicon.by_id()
        self.lexicon_confusions = lexicon.confusions
        names_of: dict[str, set[str]] = {
            e.id: {*e.legitimate(), *e.garbles} for e in lexicon.entities
        }
        # An entity anchors every entity whose name appears in its own context list. The
        # inverted map (context term -> entities naming it) keeps this linear in the lexicon.
        naming: dict[str, set[str]] = {}
        for other in lexicon.entities:
            if other.type != "country":
                for term in other.context:
                    naming.setdefault(term.casefold(), set()).add(other.id)
        self.anchored_by: dict[str, frozenset[str]] = {}
        for target in lexicon.entities:
            ids: set[str] = set()
            for name in {n.casefold() for n in target.legitimate()}:
                ids |= naming.get(name, set())
            ids.discard(target.id)
            self.anchored_by[target.id] = frozenset(ids)
        # Context patterns are compiled on first use: a document asks about few entities.
        self._context_sources: dict[str, tuple[str, ...]] = {}
        for entity in lexicon.entities:
            own = {n.casefold() for n in names_of[entity.id]}
            self._context_sources[entity.id] = tuple(
                t for t in entity.context if t.casefold() not in own
            )
        self._context_terms: dict[str, tuple[tuple[str, ...], Gate]] = {}
        # Per entity, also made on first use: the index's first words to look up for its
        # hits, and the gates that rule out its anchors or any hit at all.
        self._lookups: dict[str, frozenset[str]] = {}
        self._lookups_having: dict[frozenset[str], frozenset[str]] = {}
        self._gates: dict[tuple[str, bool], Gate] = {}
        self._hit_gates: dict[str, Gate] = {}

    def prepare(self, entity_ids: Iterable[str]) -> None:
        """Work out now what the first document asking about these entities would: the
        index's look-up words, and each entity's gates (anchors, any hit, hit words).
        Called when the lexicons are compiled for the disk cache, for the entities that
        confusions weigh (asked about in most news), so that a new process or batch
        worker does not build them again (about 0.07 s for the shipped lexicons)."""
        self._lookup  # noqa: B018
        self._entries_of  # noqa: B018
        for entity_id in sorted(set(entity_ids)):
            if entity_id in self.entities:
                self.gate(entity_id, anchors_only=True)
                self.gate(entity_id, anchors_only=False)

    @lazy
    def _lookup(self) -> dict[str, frozenset[str]]:
        return lookup_words(self.index)

    @lazy
    def _entries_of(self) -> dict[str, tuple[Entry, ...]]:
        """The index's entries by entity id."""
        grouped: dict[str, list[Entry]] = defaultdict(list)
        for entries in self.index.by_first.values():
            for entry in entries:
                grouped[entry.entity.id].append(entry)
        return {entity_id: tuple(entries) for entity_id, entries in grouped.items()}

    def _named_by(self, entity_id: str) -> Iterator[Entry]:
        """The index entries whose occurrences can be hits of the entity: its own forms and
        those of the entities that anchor it."""
        for other in (entity_id, *self.anchored_by.get(entity_id, ())):
            yield from self._entries_of.get(other, ())

    def _written(self, firsts: Iterable[str]) -> frozenset[str]:
        """The words that look up forms with these case-folded first words."""
        lookup = self._lookup
        return frozenset().union(*(lookup.get(f, ()) for f in firsts))

    def lookup(self, entity_id: str) -> frozenset[str]:
        """The written words whose occurrences can be hits of the entity (a subset of
        ``index.variants`` for :meth:`ExactIndex.occurrences`)."""
        words = self._lookups.get(entity_id)
        if words is None:
            words = self._written({e.key.words[0] for e in self._named_by(entity_id)})
            self._lookups[entity_id] = words
        return words

    def lookup_in(self, doc: Document, entity_id: str) -> frozenset[str]:
        """The words of :meth:`lookup` that can start a hit of the entity in ``doc``.

        A place holds a hit only where a form of the entity or of one anchoring it matches
        and counts (:func:`_counts`), which :class:`Gate` tells from the document's words
        for each written first word: "is" is left out where the Islamic State's "IS"
        cannot count and the "k" of "IS-K" is not a word of the document. The matches at
        the places that remain do not depend on the words left out.
        """
        gate = self._hit_gates.get(entity_id)
        if gate is None:
            needs = _form_needs(self._lookup, self._named_by(entity_id), as_evidence=True)
            gate = self._hit_gates[entity_id] = Gate(needs)
        return gate.passing_words(doc)

    def lookup_having(self, words: frozenset[str]) -> frozenset[str]:
        """The written words that look up every form with one of the case-folded ``words``."""
        found = self._lookups_having.get(words)
        if found is None:
            found = self._written(
                entry.key.words[0]
                for entries in self.index.by_first.values()
                for entry in entries
                if not words.isdisjoint(entry.key.words)
            )
            self._lookups_having[words] = found
        return found

    def gate(self, entity_id: str, *, anchors_only: bool) -> Gate:
        """Shut on every document where :meth:`DocumentEvidence.hits` of the entity has no
        anchor (``anchors_only``) or no hit at all."""
        gate = self._gates.get((entity_id, anchors_only))
        if gate is None:
            entries: Iterable[Entry] = self._named_by(entity_id)
            if anchors_only:
                entries = (e for e in entries if e.entity.id != entity_id)
            needs = _form_needs(self._lookup, entries, as_evidence=True)
            terms = self._context_sources.get(entity_id, ())
            always = _add_term_needs(needs, terms)
            gate = Gate(needs, always)
            self._gates[(entity_id, anchors_only)] = gate
        return gate

    def context_hits(self, doc: Document, entity_id: str) -> list[Hit]:
        """Occurrences of an entity's context terms (as written, case kept)."""
        if entity_id not in self._context_terms:
            terms = self._context_sources.get(entity_id, ())
            needs: dict[str, list[tuple[str, ...]]] = defaultdict(list)
            always = _add_term_needs(needs, terms)
            self._context_terms[entity_id] = (_term_order(terms), Gate(needs, always))
        terms, gate = self._context_terms[entity_id]
        if not terms or not gate.allows(doc):
            return []
        text = doc.text
        if gate.always:  # a term with no word (or an empty one): the pattern, as written
            pattern = _term_pattern(terms)
            assert pattern is not None
            spans = [m.span() for m in pattern.finditer(text)]
        else:
            spans = _term_matches(text, terms)
        return [Hit(start, end, text[start:end], True) for start, end in spans]

    def for_document(self, doc: Document) -> DocumentEvidence:
        return DocumentEvidence(self, doc)


class DocumentEvidence:
    """Evidence for entities in one document, computed on first use and then kept."""

    def __init__(self, model: EvidenceModel, doc: Document) -> None:
        self.model = model
        self.doc = doc
        # Kept in the document (which must not refer back to this object: a cycle would
        # leave every document to the garbage collector), so that every finder asking
        # about this document with this model shares the hits and the layout.
        cache = doc.memo.get(model)
        if cache is None:
            cache = doc.memo[model] = {}
        self._cache: dict[str, HitList] = cache
        # Name spans by the words asked about, shared the same way (a confusion asks for
        # each of its occurrences).
        names = doc.memo.get((model, SpanIndex))
        if names is None:
            names = doc.memo[(model, SpanIndex)] = {}
        self._names: dict[frozenset[str] | None, SpanIndex] = names
        self._apart: dict[tuple[str, int], tuple[list[tuple[int, int]], HitList]] = {}

    @lazy
    def layout(self) -> Layout:
        layout = self.doc.memo.get(Layout)
        if layout is None:
            layout = self.doc.memo[Layout] = Layout(self.doc.text)
        assert isinstance(layout, Layout)
        return layout

    @lazy
    def occurrences(self) -> list[tuple[int, int, frozenset[str]]]:
        """Each lexicon match in the document: span and the ids of the entities it names.

        A lower-case match of a name that is also an English word ("turkey", "chad") is no
        evidence for the name.
        """
        return self._named(None)

    def _named(self, words: frozenset[str] | None) -> list[tuple[int, int, frozenset[str]]]:
        """:attr:`occurrences` of the forms whose first word is written as one of ``words``
        (all forms if ``None``): the matches at a place depend only on the word there."""
        found: list[tuple[int, int, frozenset[str]]] = []
        text = self.doc.text
        for start, end, entries in self.model.index.occurrences(self.doc, words):
            original = text[start:end]
            lowered = case_shape(original) == "lower"
            ids = frozenset(e.entity.id for e in entries if _counts(e, original, lowered))
            if ids:
                found.append((start, end, ids))
        return found

    def name_spans(self, having: frozenset[str] | None = None) -> list[tuple[int, int]]:
        """Spans of every lexicon name in the document (for "is this word part of a name").

        With ``having`` (case-folded words), some may be left out, but none that has one
        of those words: a name around a word has that word. Only the forms that do are
        looked for.

        >>> from normalize.lexicon import Entity, Lexicon
        >>> lex = Lexicon((Entity("country/ae", "country", "United Arab Emirates"),
        ...                Entity("country/gq", "country", "Equatorial Guinea")))
        >>> ev = EvidenceModel(lex, ExactIndex(lex)).for_document(
        ...     Document("Equatorial Guinea and the United Arab Emirates"))
        >>> ev.name_spans(), ev.name_spans(frozenset({"arab"}))
        ([(0, 17), (26, 46)], [(26, 46)])
        """
        if having is None:
            return [(s, e) for s, e, _ in self.occurrences]
        return [(s, e) for s, e, _ in self._named(self.model.lookup_having(having))]

    def names_index(self, having: frozenset[str] | None = None) -> SpanIndex:
        """:meth:`name_spans` as a :class:`SpanIndex`, found once per document and
        ``having``: the names around each place of a word are a look-up, not a scan.

        >>> from normalize.lexicon import Entity, Lexicon
        >>> lex = Lexicon((Entity("country/ae", "country", "United Arab Emirates"),))
        >>> ev = EvidenceModel(lex, ExactIndex(lex)).for_document(
        ...     Document("Arab and United Arab Emirates"))
        >>> [ev.names_index(frozenset({"arab"})).encloses(s, s + 4) for s in (0, 16)]
        [False, True]
        """
        found = self._names.get(having)
        if found is None:
            found = self._names[having] = SpanIndex(self.name_spans(having))
        return found

    def hits(self, entity_id: str) -> HitList:
        """Mentions and anchors of one entity, sorted by offset, each span counted once."""
        cached = self._cache.get(entity_id)
        if cached is not None:
            return cached
        text = self.doc.text
        anchors = self.model.anchored_by.get(entity_id, frozenset())
        by_span: dict[tuple[int, int], Hit] = {}
        # Only the forms of this entity and of those anchoring it can be its hits.
        for start, end, ids in self._named(self.model.lookup_in(self.doc, entity_id)):
            if entity_id in ids:
                by_span[(start, end)] = Hit(start, end, text[start:end], False)
            elif ids & anchors:
                label = self._label(min(ids & anchors))
                by_span[(start, end)] = Hit(start, end, label, True)
        # A context term inside a name is part of the name. The terms' own matches never
        # overlap one another, so only the names need looking at: in log time each.
        named = SpanIndex(by_span)
        for hit in self.model.context_hits(self.doc, entity_id):
            if not named.covers(hit.start, hit.end):
                by_span[(hit.start, hit.end)] = hit
        result = HitList(sorted(by_span.values(), key=lambda h: h.start))
        self._cache[entity_id] = result
        return result

    def apart(self, entity_id: str, spans: list[tuple[int, int]]) -> HitList:
        """``[h for h in hits(entity_id) if (h.start, h.end) not in set(spans)]``, kept for
        the same ``spans`` list (the places of the word asked about, which each of them
        asks with): its own places are no evidence for a word.
        """
        key = (entity_id, id(spans))
        known = self._apart.get(key)
        if known is not None and known[0] is spans:
            return known[1]
        own = set(spans)
        found = HitList(h for h in self.hits(entity_id) if (h.start, h.end) not in own)
        self._apart[key] = (spans, found)  # holds ``spans``, so its id is not reused
        return found

    def _label(self, entity_id: str) -> str:
        entity = self.model.entities[entity_id]
        return entity.short or entity.canonical

    def summary(self, hits: Iterable[Hit]) -> str:
        """``Algeria x3, Tebboune x3`` for a list of hits, most frequent first."""
        if isinstance(hits, HitList):
            return hits.summary  # written once for every place that reports it
        return _summary(hits)


def _summary(hits: Iterable[Hit]) -> str:
    counts = Counter(h.term for h in hits)
    if not counts:
        return "none"
    return ", ".join(f"{t} x{n}" for t, n in sorted(counts.items(), key=lambda kv: -kv[1]))
