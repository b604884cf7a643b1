"""Exact lookup of lexicon forms: listed garbles, lower-cased names, aliases.

The index maps the case-folded first word of every form to the forms that start with it.
A document is checked by intersecting its distinct words with the index's first words (a
C-level set operation), so the Python work grows with the words that can start a name,
not with the length of the text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum

import regex

from normalize.document import Document
from normalize.lexicon.records import Entity, Lexicon
from normalize.model import Candidate
from normalize.scoring import context_evidence
from normalize.text import WORD_RE, Key, case_shape, key_of, match_key_at, transfer_case
from normalize.vocab import is_english_word

_GAP_RE = regex.compile(r"[^\p{L}\p{M}\p{N}]{1,4}")


def _next_word(text: str, pos: int) -> str | None:
    """The case-folded word after ``pos`` (past a short separator), if any."""
    gap = _GAP_RE.match(text, pos)
    word = WORD_RE.match(text, gap.end()) if gap else None
    return word.group().casefold() if word else None


class Kind(Enum):
    GARBLE = "garble"
    PREFERRED = "preferred"
    ALIAS = "alias"
    DEMONYM = "demonym"


@dataclass(frozen=True)
class Entry:
    """One lexicon form in the index."""

    key: Key
    form: str
    kind: Kind
    entity: Entity
    target: str


def target_for(entity: Entity, form: str) -> str:
    """The preferred form a correction of ``form`` produces.

    The preferred form (canonical or short) with as many words as ``form``; failing that,
    the short form for a one-word ``form`` and the canonical one otherwise.

    >>> e = Entity("person/x", "person", "Khalifa Haftar", short="Haftar")
    >>> target_for(e, "haftal"), target_for(e, "Khalifa Hifter")
    ('Haftar', 'Khalifa Haftar')
    """
    key = key_of(form)
    size = key.size if key else 1
    for pref in entity.preferred:
        pkey = key_of(pref)
        if pkey is not None and pkey.size == size:
            return pref
    if size == 1 and entity.short:
        return entity.short
    return entity.canonical


class ExactIndex:
    """Every garble and legitimate form of a lexicon, keyed by first word."""

    def __init__(self, lexicon: Lexicon) -> None:
        by_first: dict[str, list[Entry]] = defaultdict(list)
        for entity in lexicon.entities:
            forms: list[tuple[str, Kind]] = [(f, Kind.PREFERRED) for f in entity.preferred]
            forms += [(f, Kind.ALIAS) for f in entity.aliases]
            forms += [(f, Kind.DEMONYM) for f in entity.demonyms]
            forms += [(f, Kind.GARBLE) for f in entity.garbles]
            for form, kind in forms:
                key = key_of(form)
                if key is None:
                    continue
                entry = Entry(key, form, kind, entity, target_for(entity, form))
                by_first[key.words[0]].append(entry)
        self.by_first: dict[str, tuple[Entry, ...]] = {
            first: tuple(sorted(entries, key=lambda e: -e.key.size))
            for first, entries in by_first.items()
        }
        # Common first words ("the", "al", "united") start dozens of forms: keyed by their
        # first two words, a place in the text is tried only against forms that can match.
        by_pair: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        singles: dict[str, list[Entry]] = defaultdict(list)
        for first, entries in self.by_first.items():
            for entry in entries:
                if entry.key.size > 1:
                    by_pair[first, entry.key.words[1]].append(entry)
                else:
                    singles[first].append(entry)
        self._by_pair = {k: tuple(v) for k, v in by_pair.items()}
        self._singles = {k: tuple(v) for k, v in singles.items()}
        self._multi = frozenset(first for first, _ in by_pair)
        variants: set[str] = set()
        for first, sorted_entries in self.by_first.items():
            variants.update((first, first.upper(), first.capitalize(), first.title()))
            variants.update(e.form[: len(first)] for e in sorted_entries)
        self.variants = frozenset(variants)

    def occurrences(self, doc: Document) -> Iterator[tuple[int, int, tuple[Entry, ...]]]:
        """Each place a form matches, longest forms first: (start, end, entries of that key).

        Only the longest key that matches at a place is reported.
        """
        hits = doc.distinct & self.variants
        if not hits:
            return
        alternation = "|".join(regex.escape(w) for w in sorted(hits, key=len, reverse=True))
        pattern = regex.compile(
            rf"(?<![\p{{L}}\p{{M}}\p{{N}}])(?:{alternation})(?![\p{{L}}\p{{M}}\p{{N}}])"
        )
        text = doc.text
        for m in pattern.finditer(text):
            first = m.group().casefold()
            second = _next_word(text, m.end()) if first in self._multi else None
            entries = self._singles.get(first, ())
            if second is not None:
                entries = self._by_pair.get((first, second), ()) + entries
            best_end = -1
            best: list[Entry] = []
            for entry in entries:
                if best and entry.key.size < best[0].key.size:
                    break
                end = match_key_at(text, m.start(), m.end(), entry.key)
                if end is not None and (not best or end == best_end):
                    best_end = end
                    best.append(entry)
            if best:
                yield m.start(), best_end, tuple(best)


class ExactFinder:
    """Listed garbles (``lexicon.garble``), lower-cased names (``lexicon.case``) and,
    on request, aliases rewritten to the canonical form (``lexicon.canonical``)."""

    rules = frozenset({"lexicon.garble", "lexicon.case", "lexicon.canonical"})

    def __init__(self, index: ExactIndex, *, enabled: frozenset[str]) -> None:
        self.index = index
        self.enabled = enabled

    def find(self, doc: Document) -> Iterable[Candidate]:
        for start, end, entries in self.index.occurrences(doc):
            if doc.protected and doc.protected.overlaps(start, end):
                continue
            cand = self._decide(doc, start, end, entries)
            if cand is not None:
                yield cand

    def _decide(
        self, doc: Document, start: int, end: int, entries: tuple[Entry, ...]
    ) -> Candidate | None:
        original = doc.text[start:end]
        legit = [e for e in entries if e.kind is not Kind.GARBLE]
        if legit:
            return self._legitimate(doc, start, end, original, legit)
        if "lexicon.garble" not in self.enabled:
            return None
        targets = {(e.entity.id, e.target) for e in entries}
        entry = max(entries, key=lambda e: sum(n for _, n in context_evidence(doc, e.entity)))
        evidence = [f"listed garble of {entry.entity.canonical} ({entry.entity.origin})"]
        hits = context_evidence(doc, entry.entity)
        evidence += [f"context: {term} x{n}" for term, n in hits]
        if len(targets) > 1:
            others = sorted(e.entity.id for e in entries if e.entity.id != entry.entity.id)
            evidence.append("also listed for " + ", ".join(others))
            confidence = 0.6
        else:
            confidence = min(0.99, 0.95 + 0.01 * len(hits))
        return Candidate(
            start,
            end,
            original,
            transfer_case(original, entry.target),
            "lexicon.garble",
            entry.entity.id,
            confidence,
            tuple(evidence),
        )

    def _legitimate(
        self, doc: Document, start: int, end: int, original: str, entries: list[Entry]
    ) -> Candidate | None:
        entry = entries[0]
        lowered = case_shape(original) == "lower" and case_shape(entry.form) != "lower"
        # Demonyms are never canonicalised: "Turkish" and "Turks" are not spellings of "Turkey".
        if "lexicon.canonical" in self.enabled and entry.kind is Kind.ALIAS:
            if lowered and not self._rare_lowercase(original):
                return None
            replacement = transfer_case(original, entry.target)
            if replacement == original:
                return None
            return Candidate(
                start,
                end,
                original,
                replacement,
                "lexicon.canonical",
                entry.entity.id,
                0.99,
                (f"alias of {entry.entity.canonical} ({entry.entity.origin})", "--canonical"),
            )
        if lowered and "lexicon.case" in self.enabled and self._rare_lowercase(original):
            return Candidate(
                start,
                end,
                original,
                entry.form,
                "lexicon.case",
                entry.entity.id,
                0.9,
                (
                    f"{entry.kind.value} form {entry.form!r} of {entry.entity.canonical}"
                    f" ({entry.entity.origin})",
                    "lower-case form is no English word",
                ),
            )
        return None

    @staticmethod
    def _rare_lowercase(original: str) -> bool:
        """A lower-cased name is noise only if none of its long words is an English word."""
        key = key_of(original)
        words = [w for w in (key.words if key else ()) if len(w) > 2] or list(
            key.words if key else ()
        )
        return not any(is_english_word(w) for w in words)
