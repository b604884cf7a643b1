"""Candidate finders: each proposes substitutions of one kind; none decides."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from normalize.document import Document
from normalize.model import Candidate


class Finder(Protocol):
    """Something that proposes candidates for a document."""

    #: The rule ids this finder can produce; a finder whose rules are all off is not run.
    rules: frozenset[str]

    def find(self, doc: Document) -> Iterable[Candidate]:
        """Propose candidates; overlaps and thresholds are the resolver's business."""
        ...
