"""Possessives whose apostrophe was lost in scraping: "Turkeys military" -> "Turkey's military".

Only names in the lexicon, written with the name's own case ("Turkeys", "CNNs"; never
"turkeys"), and only where the next word can be the thing possessed: a plural of a name
stands before a verb or a function word ("the Koreas are"), and "the Gaddafis" or "both
Koreas" are plurals whatever follows. Between two capitalised words in mid-sentence
("Julianne Frances Haugh") the word is part of a longer name, not a possessive. Forms that
are themselves names ("Emirates", "Saudis") are never touched. Where the name is also an
English word ("turkey"), the change is applied only if the document otherwise speaks of the
entity, and flagged if not.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from normalize.document import Document
from normalize.evidence import EvidenceModel
from normalize.finders.exact import ExactIndex
from normalize.finders.gate import WordGate
from normalize.lexicon.records import Entity, Lexicon
from normalize.model import Candidate
from normalize.text import WORD_RE, Key, key_of
from normalize.vocab import is_english_word, zipf

RULE = "possessive.apostrophe"
_NEXT_RE = regex.compile(r"[^\S\n]{1,2}([\p{L}\p{M}\p{N}]+)")
#: A capitalised word just before, itself not the first of a sentence or a line.
_NAME_BEFORE_RE = regex.compile(r"(?<=[\p{L}\p{M}\p{N},;][^\S\n]+)\p{Lu}[\p{L}\p{M}'\-]*[^\S\n]+$")
#: Capitalised words of dates, after which a possessive still starts a phrase ("On Monday
#: Frances Foreign Minister").
_DATE_WORDS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    | {"january", "february", "march", "april", "may", "june", "july", "august"}
    | {"september", "october", "november", "december"}
)
_PLURAL_BEFORE_RE = regex.compile(
    r"\b(?:the|both|two|three|four|all|many|several|these|those|other|\d+)\s+$", regex.IGNORECASE
)
# Words after which "Xs" reads as a plural or a verb's subject, not as a possessive.
_FUNCTION_WORDS = (
    "a an the and or but nor of in on at to for from with by as than that which who whom "
    "whose when where while if because so yet is are was were be been being am have has had "
    "do does did will would can could may might must shall should not also said say says "
    "it its they them he she we you i his her their our my your this these those there here "
    "then now both all each either neither one ones against between into onto over under "
    "about after before during since until through"
)
_NOT_POSSESSED = frozenset(_FUNCTION_WORDS.split())


def _stand_ins(lexicon: Lexicon) -> Lexicon:
    """Each name plus "s" as a garble of a stand-in entity that keeps the real id."""
    taken = {f.casefold() for e in lexicon.entities for f in e.legitimate()}
    out: list[Entity] = []
    for entity in lexicon.entities:
        forms = {*entity.preferred, *entity.aliases}
        plurals = tuple(
            sorted(
                f + "s"
                for f in forms
                if len(f) >= 2
                and f[-1].isalpha()
                and f[-1] not in "sS"
                and (f + "s").casefold() not in taken
            )
        )
        if plurals:
            out.append(Entity(entity.id, entity.type, entity.canonical, garbles=plurals))
    return Lexicon(tuple(out))


def _plurals(lexicon: Lexicon, stand_ins: ExactIndex) -> dict[str, str]:
    """Every text a candidate can be, mapped to its first word.

    A candidate's text is a form of its entity plus "s", or the form in capitals plus "s",
    spelled exactly so, and it matches the key of one of that entity's stand-in forms.
    """
    keys: dict[str, set[Key]] = {}
    known: dict[str, Key] = {}  # the keys the index has computed already
    for entries in stand_ins.by_first.values():
        for e in entries:
            keys.setdefault(e.entity.id, set()).add(e.key)
            known[e.form] = e.key
    plurals: dict[str, str] = {}
    for entity in lexicon.entities:
        own = keys.get(entity.id, set())
        for form in {*entity.preferred, *entity.aliases}:
            for text in {form + "s", form.upper() + "s"}:
                key = known[text] if text in known else key_of(text)
                if key in own:
                    plurals[text] = WORD_RE.findall(text)[0]
    return plurals


def _words(text: str) -> frozenset[str]:
    """The words of ``text`` (``text`` itself when it is one word: one string to store)."""
    words = WORD_RE.findall(text)
    return frozenset((text,) if words == [text] else words)


#: A plural this common in English (Zipf) is read as the plural unless the text names the
#: entity ("sales" 5.2; "turkeys" 3.3 is still flagged).
_COMMON_PLURAL = 4.5


class PossessiveFinder:
    """Restores the apostrophe of a lexicon name's possessive."""

    rules = frozenset({RULE})

    def __init__(self, lexicon: Lexicon, model: EvidenceModel) -> None:
        self.model = model
        self.index = ExactIndex(_stand_ins(lexicon))
        self._forms = {e.id: {*e.preferred, *e.aliases} for e in lexicon.entities}
        # The index locates a candidate's first word as a whole word and matches the others
        # word by word, so every word of its text is a word of the document, case kept.
        self._plurals = _plurals(lexicon, self.index)
        self._gate = WordGate((p, _words(p)) for p in self._plurals)
        # A candidate passes the gate, which needs one of its keys.
        self.keys: frozenset[str] | None = self._gate.keys
        self.watched = (self._gate.keys,)

    def find(self, doc: Document) -> Iterable[Candidate]:
        text = doc.text
        # Only the first word of a plural in the text, words and all, can start a candidate
        # (and only a variant of the index is ever located).
        passing = self._gate.passing(doc.distinct, doc.among(self._gate.keys))
        plurals = [p for p in passing if p in text]
        firsts = frozenset(self._plurals[p] for p in plurals) & self.index.variants
        if firsts:
            yield from self._candidates(doc, firsts)

    def _candidates(self, doc: Document, firsts: frozenset[str] | None) -> Iterable[Candidate]:
        """The candidates whose first word is in ``firsts`` (``None``: any first word)."""
        text = doc.text
        curly = text.count("\u2019s") > text.count("'s")
        evidence = None
        for start, end, entries in self.index.occurrences(doc, firsts):
            original = text[start:end]
            stem = original[:-1]
            entity_id = entries[0].entity.id
            if original[-1] != "s" or not any(
                stem in (f, f.upper()) for f in self._forms[entity_id]
            ):
                continue
            if doc.protected and doc.protected.overlaps(start, end):
                continue
            if _PLURAL_BEFORE_RE.search(text, max(0, start - 20), start):
                continue
            after = _NEXT_RE.match(text, end)
            if after is None or after.group(1).casefold() in _NOT_POSSESSED:
                continue
            before = _NAME_BEFORE_RE.search(text, max(0, start - 40), start)
            if (
                before is not None
                and after.group(1)[0].isupper()
                and before.group().split()[0].casefold() not in _DATE_WORDS
            ):
                continue  # "Julianne Frances Haugh": inside a name of several words
            entity = self.model.entities[entity_id]
            why = [f"{stem!r} is a name of {entity.canonical} ({entity.origin})"]
            why.append(f"followed by {after.group(1)!r}, the thing possessed")
            confidence = 0.9
            if is_english_word(stem):
                evidence = evidence or self.model.for_document(doc)
                # The hits but the one here, without a pass over them at each place.
                hits = evidence.hits(entity_id)
                if hits.count_without(start):
                    why.append(f"context for {entity.canonical}: {hits.summary_without(start)}")
                elif zipf(original.lower()) >= _COMMON_PLURAL:
                    # "Sales Help Farmers": a common English plural, and nothing in the text
                    # for the entity: the two readings cannot be told apart, leave it.
                    continue
                else:
                    why.append(f"{original.lower()!r} may be the plural of an English word")
                    confidence = 0.6
            yield Candidate(
                start,
                end,
                original,
                stem + ("\u2019s" if curly else "'s"),
                RULE,
                entity_id,
                confidence,
                tuple(why),
            )
