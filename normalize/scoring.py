"""Document evidence for an entity: which of its context terms a document contains."""

from __future__ import annotations

from normalize.document import Document
from normalize.lexicon.records import Entity


def context_evidence(doc: Document, entity: Entity) -> list[tuple[str, int]]:
    """The entity's context terms present in the document, with their counts.

    >>> e = Entity("person/x", "person", "Khalifa Haftar", context=("Libya", "LNA", "Benghazi"))
    >>> context_evidence(Document("Libya's LNA ... Libya"), e)
    [('Libya', 2), ('LNA', 1)]
    """
    found: list[tuple[str, int]] = []
    for term in entity.context:
        n = doc.count(term)
        if n:
            found.append((term, n))
    return found
