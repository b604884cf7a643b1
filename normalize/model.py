"""Records that flow through the engine: candidates in, changes and results out.

Everything here is a frozen dataclass so that results can be shared between threads,
pickled to worker processes and compared in tests.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

REPORT_SCHEMA_VERSION = 1


class Action(str, enum.Enum):
    """What the resolver decided for a candidate."""

    APPLIED = "applied"
    FLAGGED = "flagged"


@dataclass(frozen=True)
class Candidate:
    """A proposed substitution found by a finder, before overlaps and thresholds.

    ``start``/``end`` are code-point offsets into the text given to the engine.
    """

    start: int
    end: int
    original: str
    replacement: str
    rule: str
    entity: str | None
    confidence: float
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Change:
    """One decided substitution; the unit of every report.

    >>> c = Change(0, 6, "haftal", "Haftar", Action.APPLIED, 0.97, "lexicon.garble",
    ...            "person/khalifa-haftar", ("listed garble",))
    >>> c.to_json()["action"]
    'applied'
    """

    start: int
    end: int
    original: str
    replacement: str
    action: Action
    confidence: float
    rule: str
    entity: str | None
    evidence: tuple[str, ...] = ()

    @classmethod
    def from_candidate(cls, cand: Candidate, action: Action) -> Change:
        return cls(
            start=cand.start,
            end=cand.end,
            original=cand.original,
            replacement=cand.replacement,
            action=action,
            confidence=round(cand.confidence, 4),
            rule=cand.rule,
            entity=cand.entity,
            evidence=cand.evidence,
        )

    def to_json(self) -> dict[str, Any]:
        """The change as the report contract spells it (DESIGN.md)."""
        data = asdict(self)
        data["action"] = self.action.value
        data["evidence"] = list(self.evidence)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Change:
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            original=str(data["original"]),
            replacement=str(data["replacement"]),
            action=Action(data["action"]),
            confidence=float(data["confidence"]),
            rule=str(data["rule"]),
            entity=data.get("entity"),
            evidence=tuple(data.get("evidence", ())),
        )


@dataclass(frozen=True)
class Result:
    """The outcome of normalising one text: the fixed text and every decided change.

    ``changes`` are sorted by ``start``; ``text`` equals the input with every applied
    change substituted (see :func:`apply_changes`).
    """

    text: str
    changes: tuple[Change, ...] = field(default_factory=tuple)

    @property
    def applied(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.action is Action.APPLIED)

    @property
    def flagged(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.action is Action.FLAGGED)

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def apply_changes(text: str, changes: Iterable[Change]) -> str:
    """Substitute the applied changes into ``text``; flagged ones are left as they are.

    >>> apply_changes("a haftal b", [Change(2, 8, "haftal", "Haftar", Action.APPLIED,
    ...               0.9, "lexicon.garble", None)])
    'a Haftar b'
    """
    applied: Sequence[Change] = sorted(
        (c for c in changes if c.action is Action.APPLIED), key=lambda c: c.start
    )
    parts: list[str] = []
    pos = 0
    for change in applied:
        if change.start < pos:
            raise ValueError(f"overlapping changes at offset {change.start}")
        if text[change.start : change.end] != change.original:
            raise ValueError(f"change at offset {change.start} does not match the text")
        parts.append(text[pos : change.start])
        parts.append(change.replacement)
        pos = change.end
    parts.append(text[pos:])
    return "".join(parts)
