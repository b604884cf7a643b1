"""From candidates to decisions: overlaps removed, thresholds applied."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from normalize.model import Action, Candidate, Change


@dataclass(frozen=True)
class Thresholds:
    """Confidence at or above ``apply`` is applied; at or above ``flag``, flagged."""

    apply: float = 0.8
    flag: float = 0.5

    def __post_init__(self) -> None:
        if not 0.0 <= self.flag <= self.apply <= 1.0:
            raise ValueError("thresholds must satisfy 0 <= flag <= apply <= 1")

    def action(self, confidence: float) -> Action | None:
        if confidence >= self.apply:
            return Action.APPLIED
        if confidence >= self.flag:
            return Action.FLAGGED
        return None


def resolve(candidates: Iterable[Candidate], thresholds: Thresholds) -> tuple[Change, ...]:
    """Keep the candidates that pass a threshold, longest span first, then the surest.

    A candidate that overlaps one already kept is dropped, so no span is changed twice.
    Candidates that would change nothing are dropped too.

    >>> a = Candidate(0, 6, "haftal", "Haftar", "lexicon.garble", "p/h", 0.95)
    >>> b = Candidate(0, 13, "haftal forces", "Haftar forces", "x.y", None, 0.6)
    >>> [c.rule for c in resolve([a, b], Thresholds())]
    ['x.y']
    """
    viable = [
        c for c in candidates if c.replacement != c.original and thresholds.action(c.confidence)
    ]
    viable.sort(key=lambda c: (-(c.end - c.start), -c.confidence, c.start, c.rule))
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Candidate] = []
    for cand in viable:
        i = bisect.bisect_right(starts, cand.start)
        if i and ends[i - 1] > cand.start:
            continue
        if i < len(starts) and starts[i] < cand.end:
            continue
        starts.insert(i, cand.start)
        ends.insert(i, cand.end)
        kept.insert(i, cand)
    changes = []
    for cand in kept:
        action = thresholds.action(cand.confidence)
        assert action is not None
        changes.append(Change.from_candidate(cand, action))
    return tuple(changes)
