"""Every scored name candidate of a document with its features, before any threshold: the
rows :mod:`tools.fit_names` fits the weights of :mod:`normalize.names.scorer` on.

Pure: reads the document through the engine's finders, prints and writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from normalize.document import Document
from normalize.names.scorer import Features

if TYPE_CHECKING:
    from normalize.engine import Normalizer


class NameCandidate(NamedTuple):
    """One span of the text and one entity it may stand for."""

    start: int
    end: int
    entity_id: str
    replacement: str
    rule: str
    features: Features


def candidates(doc: Document, normalizer: Normalizer) -> Iterator[NameCandidate]:
    """Every name candidate of ``doc`` (one article) with its features, before thresholds.

    Single words (``fuzzy.name``, ``fuzzy.source``): every word the fuzzy finder would
    score, with every entity within reach of it (not only the first), and the words before a
    place-type word; windows (``names.reading``, ``names.span``, ``names.given``): every
    window with every entity it aligns with. Offsets are into ``doc.text``; the same span
    comes once per entity it may stand for. The confidence of a row is
    ``normalize.names.scorer.score(row.features)`` (single words also take the far-spelling
    cap of :func:`normalize.names.single.scored`), before the ambiguity rule and the
    engine's thresholds. Rules switched off in ``normalizer``'s options yield nothing.

    >>> from normalize import Normalizer
    >>> doc = Document("Brazilian President Bolsanaro said. Bolsanaro left.")
    >>> rows = [r for r in candidates(doc, Normalizer()) if r.entity_id.endswith("bolsonaro")]
    >>> [(r.start, r.replacement, r.features.title, r.features.country) for r in rows]
    [(20, 'Bolsonaro', 1.0, 1.0), (36, 'Bolsonaro', 1.0, 1.0)]
    """
    from normalize.finders.fuzzy import FuzzyFinder
    from normalize.finders.names import NamesFinder
    from normalize.text import transfer_case

    for finder in normalizer._finders:
        if isinstance(finder, FuzzyFinder):
            for word, start, end, static, feats in finder.scored_words(doc):
                yield NameCandidate(
                    start,
                    end,
                    static.entity.id,
                    transfer_case(word, static.target),
                    static.rule,
                    feats,
                )
        elif isinstance(finder, NamesFinder):
            text = doc.text
            for prop, feats in finder.scored_windows(doc):
                original = text[prop.window.start : prop.window.end]
                yield NameCandidate(
                    prop.window.start,
                    prop.window.end,
                    prop.entity.id,
                    transfer_case(original, prop.target),
                    prop.rule,
                    feats,
                )
