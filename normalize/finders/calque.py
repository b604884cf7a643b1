"""Calques: names translated word for word ("German voice" for Deutsche Welle).

Each is made of ordinary words that also occur in clean text ("He spoke with a German
voice"), so a calque is corrected only when the document supports its entity (its context terms,
its other names, names of related entities). An outlet must also be cited where the calque
stands ("... said", "according to ..."); an organisation needs two distinct pieces of
support, one of them in the same paragraph. Thinner support flags the calque. A calque
that is also the legitimate name of another entity ("government of national unity":
Libya's GNU of 2021) is never applied while that other entity has evidence of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import regex

from normalize.document import Document
from normalize.evidence import EvidenceModel, forms_gate, lookup_words
from normalize.finders.exact import ExactIndex, rarest_spellings, target_for
from normalize.lexicon.records import Entity, Lexicon
from normalize.model import Candidate
from normalize.text import key_of, transfer_case

RULE = "context.calque"
_CUE_AFTER_RE = regex.compile(
    r"[)\]]?,?[^\S\n]+(?:said|says|reported|reports|told|quoted|cited|added|noted|claimed|announced"
    r"|stated|broadcast|aired|wrote|writes|report)\b",
    regex.IGNORECASE,
)
_BODIES = frozenset({"organisation", "group", "media"})
_CUE_BEFORE_RE = regex.compile(
    r"\b(?:according\s+to\s+(?:(?:the|a|an)\s+)?(?:[\p{L}-]+\s+)?"
    r"|(?:reported|quoted|cited|published|reports?)\s+by\s+(?:the\s+)?)[(\[]?$",
    regex.IGNORECASE,
)


def _cited_before(text: str, start: int) -> bool:
    """``_CUE_BEFORE_RE.search(text, 0, start)``, from a window before ``start`` that holds
    the whole cue: at most 40 characters that are not white space ("according", "to",
    "the", one more word of up to 26 letters, a bracket), and the regular expression sees
    the character before the window."""
    lo, seen = start, 0
    while lo > 0 and seen < 42:
        lo -= 1
        seen += not text[lo].isspace()
    return _CUE_BEFORE_RE.search(text, lo, start) is not None


class CalqueFinder:
    """Proposes the entity's name for a listed calque when the document supports it."""

    rules = frozenset({RULE})

    def __init__(self, lexicon: Lexicon, model: EvidenceModel) -> None:
        self.model = model
        # The calques as garbles of stand-in entities that keep the real id.
        self.index = ExactIndex(
            Lexicon(
                tuple(
                    Entity(e.id, e.type, e.canonical, garbles=e.calques)
                    for e in lexicon.entities
                    if e.calques
                )
            )
        )
        rivals: dict[str, list[str]] = defaultdict(list)
        for entity in lexicon.entities:
            for form in entity.legitimate():
                key = key_of(form)
                if key is not None:
                    rivals[" ".join(key.words)].append(entity.id)
        self._rivals = dict(rivals)
        # A calque that borrows another body's name for one of its parts ("Baath Movement":
        # 复兴 rendered as the Ba'ath Party renders it) has that body as a rival too:
        # folded calque -> ids of the organisations, groups and outlets named inside it.
        bodies = {entity.id for entity in lexicon.entities if entity.type in _BODIES}
        inside: dict[str, list[str]] = {}
        for entity in lexicon.entities:
            for calque in entity.calques:
                key = key_of(calque)
                if key is None:
                    continue
                words = key.words
                named = {
                    rival
                    for size in range(1, len(words))
                    for i in range(len(words) - size + 1)
                    for rival in rivals.get(" ".join(words[i : i + size]), ())
                    if rival in bodies and rival != entity.id
                }
                if named:
                    inside[" ".join(words)] = sorted(named)
        self._inside = inside
        # Shut where no form of the index can match: most texts with "government" or
        # "voice" lack the other words of the calque ("national unity", "Germany").
        self._gate = forms_gate(self.index)
        # A candidate is a match of a calque, each of whose words is a word of the document:
        # in ASCII text, one of the spellings of its rarest word ("accord", "welle", not
        # "government"); else (no such word) its first word as the index looks it up.
        lookup = lookup_words(self.index)
        self.keys: frozenset[str] | None = frozenset().union(
            *(
                rarest_spellings(entry.key.words) or lookup[entry.key.words[0]]
                for entries in self.index.by_first.values()
                for entry in entries
            )
        )
        self.ascii_keys = True
        self.watched = (self._gate.firsts, self.keys)

    def find(self, doc: Document) -> Iterable[Candidate]:
        if not self._gate.allows(doc):
            return
        evidence = None
        for start, end, entries in self.index.occurrences(doc):
            text = doc.text
            original = text[start:end]
            entity = self.model.entities[entries[0].entity.id]
            key = key_of(original)
            folded = " ".join(key.words) if key else original.casefold()
            if entity.id in self._rivals.get(folded, ()):
                continue  # the entity's own name in another case ("Al-Qaeda"), no calque
            rival_ids = [r for r in self._rivals.get(folded, ()) if r != entity.id]
            if any(
                original == form for r in rival_ids for form in self.model.entities[r].legitimate()
            ):
                continue  # written exactly as the other entity's name
            rival_ids += [r for r in self._inside.get(folded, ()) if r not in rival_ids]
            cue = bool(_CUE_AFTER_RE.match(text, end) or _cited_before(text, start))
            # Neither cited nor supported (no hit at all, which the words can tell): nothing.
            if not cue and not self.model.gate(entity.id, anchors_only=False).allows(doc):
                continue
            evidence = evidence or self.model.for_document(doc)
            # Each view of the hits is computed once per entity, not once per place.
            hits = evidence.hits(entity.id)
            support = hits.terms
            rival_hits = any(evidence.hits(r).anchors for r in rival_ids)
            local = evidence.layout.any_in_paragraph(hits.starts, start)
            # An outlet is cited where it is named ("... said"); an organisation is named
            # among its own people and places.
            # A capitalised calque of three words or more is written as the name of a
            # body, and no other has that name: its own support nearby is enough.
            named = local and len(key.words if key else ()) >= 3 and original.istitle()
            strong = (
                cue and bool(support)
                if entity.type == "media"
                else (len(support) >= 2 and local) or named
            )
            if strong and not rival_hits:
                confidence = 0.85
            elif support or cue:
                confidence = 0.6
            else:
                continue
            why = [f"calque of {entity.canonical} ({entity.origin})"]
            why.append(f"support: {evidence.summary(hits)}")
            if cue:
                why.append("cited as a source")
            if rival_hits:
                why.append(
                    f"also the name or part of the name of {', '.join(rival_ids)}, "
                    "which the text supports"
                )
            if doc.protected and doc.protected.overlaps(start, end):
                continue
            yield Candidate(
                start,
                end,
                original,
                transfer_case(original, target_for(entity, original)),
                RULE,
                entity.id,
                confidence,
                tuple(why),
            )
