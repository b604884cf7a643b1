"""Candidate finders: each proposes substitutions of one kind; none decides."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from normalize.document import Document
from normalize.model import Candidate


class Finder(Protocol):
    """Something that proposes candidates for a document.

    Two optional attributes let the engine share one word-set intersection per document
    among all finders (see :meth:`Document.narrow`):

    - ``keys: frozenset[str] | None``: written words at least one of which a document must
      have (among its distinct words) for the finder to propose anything; the engine does
      not run the finder on a document without one. ``None`` or absent: always run.
    - ``ascii_keys: bool``: true when ``keys`` is a necessary condition on ASCII text only
      (where a word's case-folded form is its lower case, so that every spelling of a word
      can be listed); the engine runs the finder on any other text. Absent: false.
    - ``watched: tuple[frozenset[str], ...]``: the word sets the finder intersects with the
      distinct words through :meth:`Document.among` (``keys`` is always one of them).
    """

    #: The rule ids this finder can produce; a finder whose rules are all off is not run.
    rules: frozenset[str]

    def find(self, doc: Document) -> Iterable[Candidate]:
        """Propose candidates; overlaps and thresholds are the resolver's business."""
        ...
