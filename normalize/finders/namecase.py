"""Multi-word names written all in lower case: "according to the financial times".

``lexicon.case`` restores a lower-cased name only when it is no English word; a name made
of English words ("financial times", "national army") needs the sentence to show that it
is a name. Here that is a citation: "according to (the) ...", or a reporting verb right
after ("... said", "... reported"). Only outlets and organisations are cited that way.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from normalize.document import Document
from normalize.evidence import EvidenceModel
from normalize.finders.exact import Kind
from normalize.lexicon.records import Lexicon
from normalize.model import Candidate
from normalize.text import case_shape, key_of

RULE = "context.name-case"
_CITED_TYPES = frozenset({"media", "organisation"})
_BEFORE_RE = regex.compile(r"\baccording\s+to\s+(?:the\s+)?$", regex.IGNORECASE)
_AFTER_RE = regex.compile(
    r"[^\S\n]+(?:said|says|reported|reports|quoted|cited|wrote|writes|announced)\b"
)


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

    def find(self, doc: Document) -> Iterable[Candidate]:
        text = doc.text
        for start, end, entries in self.index.occurrences(doc):
            original = text[start:end]
            if case_shape(original) != "lower" or " " not in original.strip():
                continue
            entry = next(
                (
                    e
                    for e in entries
                    if e.kind is not Kind.GARBLE
                    and e.entity.type in _CITED_TYPES
                    and case_shape(e.form) != "lower"
                ),
                None,
            )
            if entry is None or (doc.protected and doc.protected.overlaps(start, end)):
                continue
            cited = _BEFORE_RE.search(text, max(0, start - 20), start) or _AFTER_RE.match(text, end)
            if not cited:
                continue
            key = key_of(original)
            if key is not None and " ".join(key.words) in self._calques:
                hits = self.model.for_document(doc).hits(entry.entity.id)
                if not any(h.anchor for h in hits):
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
