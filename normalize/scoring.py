"""Document evidence for an entity: which of its context terms a document contains."""

from __future__ import annotations

from functools import lru_cache

from normalize.document import Document
from normalize.lexicon.records import Entity


def context_evidence(doc: Document, entity: Entity) -> list[tuple[str, int]]:
    """The entity's context terms present in the document, with their counts.

    >>> e = Entity("person/x", "person", "Khalifa Haftar", context=("Libya", "LNA", "Benghazi"))
    >>> context_evidence(Document("Libya's LNA ... Libya"), e)
    [('Libya', 2), ('LNA', 1)]
    """
    # Kept per document by the entity's terms: a text naming an entity at many places
    # (a garble repeated) asks at each, and a term missing from the text costs a scan of
    # the whole text to say so.
    memo: dict[tuple[str, ...], list[tuple[str, int]]] | None = doc.memo.get(context_evidence)
    if memo is None:
        memo = doc.memo[context_evidence] = {}
    known = memo.get(entity.context)
    if known is None:
        known = memo[entity.context] = _counted(doc, entity.context)
    return list(known)


def _counted(doc: Document, terms: tuple[str, ...]) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    # Most terms are not in the text at all. In ASCII text, where lower case is case
    # folding, a term occurs only where its case-folded form is in the lower-cased text:
    # one C-level look, which stops at the first place, settles those.
    lowered = doc.lowered if doc.is_ascii else None
    for term in terms:
        if lowered is not None and _folded(term) not in lowered:
            continue
        n = doc.count(term)
        if n:
            found.append((term, n))
    return found


@lru_cache(maxsize=4096)
def _folded(term: str) -> str:
    """A context term case-folded (terms recur in every text; the lexicon bounds them)."""
    return term.casefold()
