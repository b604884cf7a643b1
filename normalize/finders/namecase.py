"""Multi-word names written all in lower case: "according to the financial times".

``lexicon.case`` restores a lower-cased name only when it is no English word; a name made
of English words ("financial times", "national army") needs the sentence to show that it
is a name. Here that is a citation: "according to (the) ...", or a reporting verb right
after ("... said", "... reported"). Only outlets and organisations are cited that way.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import regex

from normalize.document import Document
from normalize.evidence import EvidenceModel
from normalize.finders.exact import Entry, Kind
from normalize.finders.gate import WordGate
from normalize.lexicon.records import Lexicon
from normalize.model import Candidate
from normalize.text import case_shape, key_of

RULE = "context.name-case"
_CITED_TYPES = frozenset({"media", "organisation"})
_BEFORE_RE = regex.compile(r"\baccording\s+to\s+(?:the\s+)?$", regex.IGNORECASE)
_VERB_WORDS = "said|says|reported|reports|quoted|cited|wrote|writes|announced"
_VERBS = rf"(?:{_VERB_WORDS})\b"
_AFTER_RE = regex.compile(r"[^\S\n]+" + _VERBS)
# Where a name cited after "according to (the)" may end: punctuation, the end of a line, or
# a word that cannot go on with a noun phrase. Lower-case text that goes on ("according to
# the national health commission") is the start of a longer phrase, not the outlet The
# National: the words of the name alone cannot tell the two apart.
_CITATION_END_RE = regex.compile(
    r"[^\S\n]*(?:[,.;:!?)\]\"'\u2019\u201d\n]|$)"
    r"|[^\S\n]+(?:of|on|in|that|which|as|at|last|this|earlier|yesterday|today|"
    + _VERB_WORDS
    + r")\b",
    regex.IGNORECASE,
)
# What _BEFORE_RE needs before a match, with the next word or two after it (looked at,
# not consumed, so that no "according" is skipped).
_ACCORDING_RE = regex.compile(
    r"according\s+to\s+(?=([\p{L}\p{M}\p{N}]+)(?:\s+([\p{L}\p{M}\p{N}]+))?)",
    regex.IGNORECASE,
)


def _after_according(text: str) -> set[str]:
    """The words that can start a name cited by _BEFORE_RE in ASCII ``text``: each word
    after "according to", and the word after "according to the"."""
    found: set[str] = set()
    for m in _ACCORDING_RE.finditer(text):
        found.add(m.group(1))
        if m.group(2) and m.group(1).lower() == "the":
            found.add(m.group(2))
    return found


@lru_cache(maxsize=1024)
def _cited_after(word: str) -> regex.Pattern[str]:
    """``word`` as a whole word followed by what _AFTER_RE matches: a literal first, so a
    search skips to its occurrences (a scan for the verbs alone is ten times slower).
    Depends only on the word; the lexicon bounds the words asked about."""
    return regex.compile(rf"(?<![\p{{L}}\p{{M}}\p{{N}}]){regex.escape(word)}[^\S\n]+{_VERBS}")


class NameCaseFinder:
    """Restores the case of a lower-cased multi-word outlet or organisation name cited as
    a source."""

    rules = frozenset({RULE})

    def __init__(self, lexicon: Lexicon, model: EvidenceModel) -> None:
        self.model = model
        self.index = model.index
        # Lower-case text that is also another entity's calque ("government of national
        # unity") names this entity only where the text gives evidence for it.
        self._calques = {
            " ".join(key.words)
            for e in lexicon.entities
            for c in e.calques
            if (key := key_of(c)) is not None
        }
        # A candidate is a lower-case match of several words of a form that can be chosen
        # below: every word of its key is then a word of the document, as written when the
        # text is ASCII (where lower case is case folding), case-folded otherwise. Its
        # first word, located by the index, is one of the lower-case variants.
        keys = {
            e.key.words
            for entries in self.index.by_first.values()
            for e in entries
            if e.key.size > 1 and _can_be_chosen(e)
        }
        self._keys = {" ".join(words): words for words in keys}
        self._gate = WordGate((label, frozenset(words)) for label, words in self._keys.items())
        # No keys: on text that is not ASCII the gate looks at case-folded words.
        self.watched = (self._gate.keys,)
        lower: dict[str, set[str]] = {words[0]: set() for words in keys}
        for variant in self.index.variants:
            first = variant.casefold()
            if first in lower and case_shape(variant) == "lower":
                lower[first].add(variant)
        self._lower_variants = {first: frozenset(vs) for first, vs in lower.items()}

    def find(self, doc: Document) -> Iterable[Candidate]:
        text = doc.text
        ascii_text = text.isascii()
        labels = (
            self._gate.passing(doc.distinct, doc.among(self._gate.keys))
            if ascii_text
            else self._gate.passing(doc.folded_distinct)
        )
        if not labels:
            return
        keys = [self._keys[label] for label in labels]
        if ascii_text:
            # ASCII text writes a lower-case match as its key (lower case is case folding
            # there): cited after "according to (the)" it starts with a word that follows
            # one, else its last word stands before a reporting verb.
            # ``_ACCORDING_RE`` matches "according" in any letter case: in ASCII text, only
            # where the lower-cased text has it, when another finder has made that text.
            lowered = doc.__dict__.get("lowered")
            after_according = (
                _after_according(text) if lowered is None or "according" in lowered else set()
            )
            keys = [
                words
                for words in keys
                if words[0] in after_according or _cited_after(words[-1]).search(text)
            ]
            if not keys:
                return
        variants = frozenset().union(*(self._lower_variants[words[0]] for words in keys))
        yield from self._candidates(doc, variants)

    def _candidates(self, doc: Document, variants: frozenset[str] | None) -> Iterable[Candidate]:
        """The candidates whose first word is in ``variants`` (``None``: any first word)."""
        text = doc.text
        for start, end, entries in self.index.occurrences(doc, variants):
            original = text[start:end]
            if case_shape(original) != "lower" or " " not in original.strip():
                continue
            entry = next((e for e in entries if _can_be_chosen(e)), None)
            if entry is None or (doc.protected and doc.protected.overlaps(start, end)):
                continue
            cited = _AFTER_RE.match(text, end)
            if cited is None:
                cited = _BEFORE_RE.search(text, max(0, start - 20), start)
                if cited is None or not _CITATION_END_RE.match(text, end):
                    continue
            key = key_of(original)
            if key is not None and " ".join(key.words) in self._calques:
                hits = self.model.for_document(doc).hits(entry.entity.id)
                if not hits.anchors:  # computed once per entity, not once per place
                    continue
            yield Candidate(
                start,
                end,
                original,
                entry.form,
                RULE,
                entry.entity.id,
                0.85,
                (
                    f"{entry.kind.value} form {entry.form!r} of {entry.entity.canonical}"
                    f" ({entry.entity.origin})",
                    "cited as a source: " + cited.group().strip(),
                ),
            )


def _can_be_chosen(entry: Entry) -> bool:
    """Whether a lower-case match of ``entry`` can have its case restored here."""
    return (
        entry.kind is not Kind.GARBLE
        and entry.entity.type in _CITED_TYPES
        and case_shape(entry.form) != "lower"
    )
