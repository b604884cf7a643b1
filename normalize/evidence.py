"""What a document says about an entity: its mentions and its anchors, and where they are.

Two kinds of evidence are kept apart because they are not equally trustworthy:

- *mentions* are the entity's own names and demonyms ("Algeria", "Algerian"). In a text
  where MT confuses two countries, these are exactly the words that may be wrong.
- *anchors* are words that point to the entity without being its name: its context terms
  (capital, leaders: "Algiers", "Tebboune") and every name, alias or listed garble of an
  entity whose lexicon context names it (``person/sabri-boukadoum`` lists "Algeria", so
  "bukadum" anchors Algeria). Garbles count: the document is judged as written.

Nearness is measured in sentences and paragraphs (a blank line separates paragraphs).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import regex

from normalize.document import Document
from normalize.finders.exact import ExactIndex, Kind
from normalize.lexicon.records import Lexicon
from normalize.text import case_shape
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


class Layout:
    """Sentence and paragraph numbers of offsets in one text."""

    def __init__(self, text: str) -> None:
        self._sentences = [m.end() for m in _SENTENCE_RE.finditer(text)]
        self._paragraphs = [m.end() for m in _PARAGRAPH_RE.finditer(text)]

    def sentence(self, offset: int) -> int:
        """The 0-based sentence an offset falls in.

        >>> Layout("One. Two\\n\\nThree").sentence(6)
        1
        """
        return bisect.bisect_right(self._sentences, offset)

    def paragraph(self, offset: int) -> int:
        """The 0-based paragraph an offset falls in."""
        return bisect.bisect_right(self._paragraphs, offset)


def _term_pattern(terms: Iterable[str]) -> regex.Pattern[str] | None:
    alternation = "|".join(regex.escape(t) for t in sorted(set(terms), key=len, reverse=True))
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
        self._context_terms: dict[str, regex.Pattern[str] | None] = {}

    def context_hits(self, doc: Document, entity_id: str) -> list[Hit]:
        """Occurrences of an entity's context terms (as written, case kept)."""
        if entity_id not in self._context_terms:
            terms = self._context_sources.get(entity_id, ())
            self._context_terms[entity_id] = _term_pattern(terms)
        pattern = self._context_terms[entity_id]
        if pattern is None:
            return []
        return [Hit(m.start(), m.end(), m.group(), True) for m in pattern.finditer(doc.text)]

    def for_document(self, doc: Document) -> DocumentEvidence:
        return DocumentEvidence(self, doc)


class DocumentEvidence:
    """Evidence for entities in one document, computed on first use and then kept."""

    def __init__(self, model: EvidenceModel, doc: Document) -> None:
        self.model = model
        self.doc = doc
        self._cache: dict[str, list[Hit]] = {}

    @cached_property
    def layout(self) -> Layout:
        return Layout(self.doc.text)

    @cached_property
    def occurrences(self) -> list[tuple[int, int, frozenset[str]]]:
        """Each lexicon match in the document: span and the ids of the entities it names.

        A lower-case match of a name that is also an English word ("turkey", "chad") is no
        evidence for the name.
        """
        found: list[tuple[int, int, frozenset[str]]] = []
        text = self.doc.text
        for start, end, entries in self.model.index.occurrences(self.doc):
            original = text[start:end]
            lowered = case_shape(original) == "lower"
            ids = frozenset(
                e.entity.id
                for e in entries
                if e.kind is Kind.GARBLE
                or not lowered
                or case_shape(e.form) == "lower"
                or not any(is_english_word(w) for w in original.split())
            )
            if ids:
                found.append((start, end, ids))
        return found

    def name_spans(self) -> list[tuple[int, int]]:
        """Spans of every lexicon name in the document (for "is this word part of a name")."""
        return [(s, e) for s, e, _ in self.occurrences]

    def hits(self, entity_id: str) -> list[Hit]:
        """Mentions and anchors of one entity, sorted by offset, each span counted once."""
        cached = self._cache.get(entity_id)
        if cached is not None:
            return cached
        text = self.doc.text
        anchors = self.model.anchored_by.get(entity_id, frozenset())
        by_span: dict[tuple[int, int], Hit] = {}
        for start, end, ids in self.occurrences:
            if entity_id in ids:
                by_span[(start, end)] = Hit(start, end, text[start:end], False)
            elif ids & anchors:
                label = self._label(min(ids & anchors))
                by_span[(start, end)] = Hit(start, end, label, True)
        for hit in self.model.context_hits(self.doc, entity_id):
            if not any(s <= hit.start and hit.end <= e for s, e in by_span):
                by_span[(hit.start, hit.end)] = hit
        result = sorted(by_span.values(), key=lambda h: h.start)
        self._cache[entity_id] = result
        return result

    def _label(self, entity_id: str) -> str:
        entity = self.model.entities[entity_id]
        return entity.short or entity.canonical

    def summary(self, hits: Iterable[Hit]) -> str:
        """``Algeria x3, Tebboune x3`` for a list of hits, most frequent first."""
        counts = Counter(h.term for h in hits)
        if not counts:
            return "none"
        return ", ".join(f"{t} x{n}" for t, n in sorted(counts.items(), key=lambda kv: -kv[1]))
