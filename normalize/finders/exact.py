"""Exact lookup of lexicon forms: listed garbles, lower-cased names, aliases.

The index maps the case-folded first word of every form to the forms that start with it.
A document is checked by intersecting its distinct words with the index's first words (a
C-level set operation). Then only first words whose forms can have all their words in the
document, and whose occurrences could lead to a change at all, are located (with
``str.find``), so the Python work grows with the rare words that can start a change, not
with the length of the text or the size of the lexicon.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum

from normalize.document import Document
from normalize.lexicon.records import Entity, Lexicon
from normalize.model import Candidate
from normalize.scoring import context_evidence
from normalize.text import Key, case_shape, key_of, match_key_at, transfer_case
from normalize.vocab import is_english_word


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

    @property
    def rest(self) -> frozenset[str]:
        """The key's words after the first: all must be in a document for a match."""
        return frozenset(self.key.words[1:])


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
        variants: set[str] = set()
        for first, sorted_entries in self.by_first.items():
            variants.update((first, first.upper(), first.capitalize(), first.title()))
            variants.update(e.form[: len(first)] for e in sorted_entries)
        self.variants = frozenset(variants)

        # Per first word, the sets of other words one of its forms needs (empty: none).
        self.needs: dict[str, tuple[frozenset[str], ...]] = {
            first: tuple({e.rest for e in entries}) for first, entries in self.by_first.items()
        }

    def occurrences(
        self, doc: Document, variants: frozenset[str] | None = None
    ) -> Iterator[tuple[int, int, tuple[Entry, ...]]]:
        """Each place a form matches, in text order: (start, end, entries of that key).

        Only the longest key that matches at a place is reported. ``variants`` narrows the
        first words looked for (a subset of :attr:`variants`).
        """
        hits = doc.distinct & (self.variants if variants is None else variants)
        if not hits:
            return
        starts: list[tuple[int, str]] = []
        for word in hits:
            needs = self.needs.get(word.casefold())
            if needs is None:
                continue
            if not any(not rest or rest <= doc.folded_distinct for rest in needs):
                continue  # no form that starts with this word has all its words here
            starts.extend((i, word) for i in doc.find_word(word))
        starts.sort()
        text = doc.text
        for start, word in starts:
            entries = self.by_first[word.casefold()]
            best_end = -1
            best: list[Entry] = []
            for entry in entries:
                if best and entry.key.size < best[0].key.size:
                    break
                end = match_key_at(text, start, start + len(word), entry.key)
                if end is not None and (not best or end == best_end):
                    best_end = end
                    best.append(entry)
            if best:
                yield start, best_end, tuple(best)


class ExactFinder:
    """Listed garbles (``lexicon.garble``), lower-cased names (``lexicon.case``) and,
    on request, aliases rewritten to the canonical form (``lexicon.canonical``)."""

    rules = frozenset({"lexicon.garble", "lexicon.case", "lexicon.canonical"})

    def __init__(self, index: ExactIndex, *, enabled: frozenset[str]) -> None:
        self.index = index
        self.enabled = enabled
        self.actionable = self._actionable_variants()

    def _actionable_variants(self) -> frozenset[str]:
        """The first-word variants whose occurrences can lead to a candidate.

        Without ``lexicon.canonical``, a legitimate form yields a candidate only when it is
        written in lower case (``lexicon.case``), and a one-word legitimate form whose lower
        case is an English word never does. Leaving those out keeps "Australia", "the" and
        "us" from being located in every document; :meth:`_decide` would drop them anyway.
        """
        if "lexicon.canonical" in self.enabled:
            return self.index.variants
        keep: set[str] = set()
        case_on = "lexicon.case" in self.enabled
        for variant in self.index.variants:
            entries = self.index.by_first.get(variant.casefold(), ())
            garble = any(e.kind is Kind.GARBLE for e in entries)
            lowercase = not any(c.isupper() for c in variant)
            if garble or (case_on and lowercase and not self._dead_lowercase(variant, entries)):
                keep.add(variant)
        return frozenset(keep)

    @staticmethod
    def _dead_lowercase(variant: str, entries: tuple[Entry, ...]) -> bool:
        """A lower-case ASCII word whose forms are all one legitimate word that is English."""
        return (
            variant.isascii()
            and bool(entries)
            and all(e.key.size == 1 and e.kind is not Kind.GARBLE for e in entries)
            and is_english_word(variant)
        )

    def find(self, doc: Document) -> Iterable[Candidate]:
        for start, end, entries in self.index.occurrences(doc, self.actionable):
            cand = self._decide(doc, start, end, entries)
            # Protected spans are looked for only once there is something to protect.
            if cand is not None and not (doc.protected and doc.protected.overlaps(start, end)):
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
