"""Acronyms that MT or scraping wrote in lower case: "is" for IS, "un-backed" for UN-backed.

Both are ordinary English words, so each is restored only in a place where the word cannot
be what it looks like:

- ``acronym.islamic-state``: "is" right after "Islamic State (", or after a preposition
  ("base of is", "against is") or "drove out is," where the verb "is" cannot stand; not
  after a preposition in capitals ("COPY FROM is", a keyword of code or a headline) nor
  before "not" (the verb's negation). The change is applied when the text also names the
  Islamic State, flagged otherwise.
- ``acronym.compound``: a lexicon acronym in lower case before a hyphenated participle
  ("un-backed", "nato-led", "gna-aligned"), applied when the text speaks of the entity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import regex

from normalize.document import Document
from normalize.evidence import EvidenceModel
from normalize.lexicon.records import Lexicon
from normalize.model import Candidate

IS_RULE = "acronym.islamic-state"
COMPOUND_RULE = "acronym.compound"

_IS_RE = regex.compile(r"(?<![\p{L}\p{M}\p{N}'\u2019.-])is(?![\p{L}\p{M}\p{N}'\u2019-])")
_PAREN_BEFORE_RE = regex.compile(r"islamic\s+state\s*\($", regex.IGNORECASE)
_PREP_BEFORE_RE = regex.compile(
    r"\b(?:of|against|from|versus|toward|towards)\s+$"
    r"|\b(?:drove|drive|drives|driving|driven|kicked|pushed|forced|chased|threw|thrown)"
    r"\s+out\s+$",
    regex.IGNORECASE,
)
_NOT_AFTER_RE = regex.compile(r"[^\S\n]+not\b", regex.IGNORECASE)
_AFTER_OUT_RE = regex.compile(r"\s*(?:[,.;:)]|$|from\b)")
# Every "is" that _islamic_state keeps, found by its literal and the text before it: right
# after "(", or after a preposition or "out" (the tails of _PAREN_BEFORE_RE and
# _PREP_BEFORE_RE, without their word boundaries, so this matches at least as often).
_IS_GATE_RE = regex.compile(r"is(?<=(?:(?i:of|against|from|versus|toward|towards|out)\s+|\(\s*)is)")
_PARTICIPLES = (
    "backed|led|brokered|sponsored|recognised|recognized|mandated|run|sanctioned|supported"
    "|appointed|allied|aligned|affiliated|controlled|held|funded|trained|linked|based"
)
# Where the compound pattern's lookahead can hold (a "-" first: a fast scan). Only letters:
# the standard ``re`` finds the same, in two thirds of the time.
_DASH_PARTICIPLE_RE = re.compile(rf"-(?:{_PARTICIPLES})")


class AcronymFinder:
    """Lower-case acronyms in places where only the acronym makes sense."""

    rules = frozenset({IS_RULE, COMPOUND_RULE})

    def __init__(self, lexicon: Lexicon, model: EvidenceModel, *, enabled: frozenset[str]) -> None:
        self.model = model
        self.enabled = enabled
        self.islamic_state = next(
            (e.id for e in lexicon.entities if "IS" in (e.short, *e.aliases)), None
        )
        acronyms: dict[str, str] = {}
        for entity in lexicon.entities:
            for form in (*entity.preferred, *entity.aliases):
                if form.isalpha() and form.isupper() and len(form) >= 2 and form != "IS":
                    acronyms.setdefault(form.lower(), entity.id)
        self._acronyms = acronyms
        self._acronym_words = frozenset(acronyms)
        # find needs "is" (the Islamic State rule) or a lower-case acronym (compounds).
        keys = frozenset({"is"}) if IS_RULE in enabled and self.islamic_state else frozenset()
        if COMPOUND_RULE in enabled:
            keys |= self._acronym_words
        self.keys: frozenset[str] | None = keys
        self.watched = (keys, self._acronym_words)
        alternation = "|".join(sorted(acronyms, key=len, reverse=True))
        self._compound_re = regex.compile(
            rf"(?<![\p{{L}}\p{{M}}\p{{N}}.-])({alternation})(?=-(?:{_PARTICIPLES})\b)"
        )

    def find(self, doc: Document) -> Iterable[Candidate]:
        text = doc.text
        if (
            IS_RULE in self.enabled
            and self.islamic_state
            and "is" in doc.distinct
            and _IS_GATE_RE.search(text)
        ):
            yield from self._islamic_state(doc)
        if COMPOUND_RULE in self.enabled and "-" in text and _DASH_PARTICIPLE_RE.search(text):
            # A compound is a whole lower-case word of the document, an acronym, followed
            # by "-" and a participle.
            dashed = sorted(a for a in doc.among(self._acronym_words) if a + "-" in text)
            if dashed:
                yield from self._compounds(doc, self._compound_matches(text, dashed))

    def _islamic_state(self, doc: Document) -> Iterable[Candidate]:
        assert self.islamic_state is not None
        text = doc.text
        evidence = None
        for m in _IS_RE.finditer(text):
            start, end = m.span()
            before = text[max(0, start - 40) : start]
            if _PAREN_BEFORE_RE.search(before) and text.startswith(")", end):
                why = "spelled out just before: Islamic State (is)"
                strong = True
            elif _PREP_BEFORE_RE.search(before):
                prep = before.split()[-1]
                if prep.casefold() != "out" and (prep.isupper() or _NOT_AFTER_RE.match(text, end)):
                    continue  # "COPY FROM is computed", "from is not": the verb
                if before.rstrip().casefold().endswith("out") and not _AFTER_OUT_RE.match(
                    text, end
                ):
                    continue
                why = f"after {before.split()[-1]!r}, where the verb 'is' cannot stand"
                strong = False
            else:
                continue
            if doc.protected and doc.protected.overlaps(start, end):
                continue
            evidence = evidence or self.model.for_document(doc)
            # "IS" is what this rule writes: counted as evidence, a first fix would lift the
            # next "is" on a second run (fixing twice must equal fixing once, issue 15).
            named = [
                h
                for h in evidence.hits(self.islamic_state).mentions
                if doc.text[h.start : h.end] != "IS"
            ]
            reasons = [why]
            if named:
                reasons.append(f"the text names the Islamic State: {evidence.summary(named)}")
            confidence = 0.95 if strong else (0.85 if named else 0.6)
            yield Candidate(
                start, end, "is", "IS", IS_RULE, self.islamic_state, confidence, tuple(reasons)
            )

    def _compound_matches(self, text: str, dashed: list[str]) -> list[regex.Match[str]]:
        """What ``self._compound_re.finditer(text)`` finds when the acronyms of ``dashed`` are
        all those of the text before a "-": a match can only start where one of them does,
        so each such place is tried alone (its lookbehind still sees the text before it),
        in text order. Matches cannot overlap, since each is a whole word."""
        places: list[int] = []
        for acronym in dashed:
            needle = acronym + "-"
            i = text.find(needle)
            while i >= 0:
                places.append(i)
                i = text.find(needle, i + 1)
        places.sort()
        return [m for i in places if (m := self._compound_re.match(text, i)) is not None]

    def _compounds(self, doc: Document, matches: Iterable[regex.Match[str]]) -> Iterable[Candidate]:
        evidence = None
        for m in matches:
            start, end = m.span(1)
            if doc.protected and doc.protected.overlaps(start, end):
                continue
            entity_id = self._acronyms[m.group(1)]
            evidence = evidence or self.model.for_document(doc)
            # The hits but the one here, counted without a pass over them at each place.
            hits = evidence.hits(entity_id)
            others = hits.count_without(start)
            entity = self.model.entities[entity_id]
            reasons = [f"acronym of {entity.canonical} ({entity.origin}) in a hyphenated compound"]
            if others:
                reasons.append(f"context for {entity.canonical}: {hits.summary_without(start)}")
            yield Candidate(
                start,
                end,
                m.group(1),
                m.group(1).upper(),
                COMPOUND_RULE,
                entity_id,
                0.9 if others else 0.6,
                tuple(reasons),
            )
