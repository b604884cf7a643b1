"""Score results against hand-labelled gold files (the shared ``seedNNN.yaml`` format).

A gold item names a snippet (``at``) that occurs once in the document, the wrong span in
it, the accepted corrections and a tier: ``must`` (a correct fix must be applied) or
``should`` (a correct fix applied, or any flag on the span). ``traps`` must stay untouched.

Applied changes outside every labelled span are counted as *unlabelled*, not as wrong: the
gold file does not say whether they are right, so a person has to look at them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from normalize.model import Action, Change, Result


class GoldError(ValueError):
    """A gold file that does not fit its document or its format."""


@dataclass(frozen=True)
class GoldItem:
    at: str
    wrong: str
    right: tuple[str, ...]
    tier: str  # must | should | trap
    start: int
    end: int


@dataclass(frozen=True)
class ItemOutcome:
    item: GoldItem
    verdict: str  # fixed | flagged | wrong | missed | untouched | touched
    changes: tuple[Change, ...] = ()


@dataclass
class Score:
    """Counts over one or more gold documents."""

    must: int = 0
    must_fixed: int = 0
    should: int = 0
    should_hit: int = 0
    traps: int = 0
    traps_touched: int = 0
    wrong_applied: int = 0
    unlabelled_applied: int = 0
    noise_flags: int = 0
    outcomes: list[ItemOutcome] = field(default_factory=list)
    stray: list[Change] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in (
            "must",
            "must_fixed",
            "should",
            "should_hit",
            "traps",
            "traps_touched",
            "wrong_applied",
            "unlabelled_applied",
            "noise_flags",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.outcomes += other.outcomes
        self.stray += other.stray

    def as_dict(self) -> dict[str, Any]:
        return {
            "must": self.must,
            "must_fixed": self.must_fixed,
            "should": self.should,
            "should_hit": self.should_hit,
            "traps": self.traps,
            "traps_touched": self.traps_touched,
            "wrong_applied": self.wrong_applied,
            "unlabelled_applied": self.unlabelled_applied,
            "noise_flags": self.noise_flags,
        }


def locate(text: str, at: str, wrong: str) -> tuple[int, int]:
    """Offsets of ``wrong`` inside the unique occurrence of ``at`` in ``text``."""
    first = text.find(at)
    if first < 0:
        raise GoldError(f"snippet not found: {at!r}")
    if text.find(at, first + 1) >= 0:
        raise GoldError(f"snippet occurs more than once: {at!r}")
    inner = at.find(wrong)
    if inner < 0:
        raise GoldError(f"{wrong!r} is not inside snippet {at!r}")
    return first + inner, first + inner + len(wrong)


def parse_gold(data: Any, text: str) -> list[GoldItem]:
    """Gold items located in ``text``; raises :class:`GoldError` naming the bad item."""
    if not isinstance(data, dict) or "items" not in data:
        raise GoldError("a gold file is a mapping with 'doc' and 'items'")
    items: list[GoldItem] = []
    for raw in data.get("items") or ():
        tier = raw.get("tier")
        if tier not in {"must", "should"}:
            raise GoldError(f"item {raw.get('at')!r}: tier must be 'must' or 'should'")
        start, end = locate(text, raw["at"], raw["wrong"])
        items.append(GoldItem(raw["at"], raw["wrong"], tuple(raw["right"]), tier, start, end))
    for raw in data.get("traps") or ():
        start, end = locate(text, raw["at"], raw["wrong"])
        items.append(GoldItem(raw["at"], raw["wrong"], (), "trap", start, end))
    return items


def _overlapping(changes: Iterable[Change], start: int, end: int) -> list[Change]:
    return [c for c in changes if c.start < end and c.end > start]


def _fixed_span(text: str, item: GoldItem, changes: Sequence[Change]) -> tuple[str, list[str]]:
    """The item's region after ``changes``, and the accepted forms of the same region."""
    lo = min([item.start, *(c.start for c in changes)])
    hi = max([item.end, *(c.end for c in changes)])
    out, pos = [], lo
    for c in sorted(changes, key=lambda c: c.start):
        out.append(text[pos : c.start] + c.replacement)
        pos = c.end
    out.append(text[pos:hi])
    accepted = [text[lo : item.start] + r + text[item.end : hi] for r in item.right]
    return "".join(out), accepted


def score(text: str, items: Sequence[GoldItem], result: Result) -> Score:
    """Compare one document's result with its gold items."""
    s = Score()
    claimed: set[Change] = set()
    for item in items:
        near = _overlapping(result.changes, item.start, item.end)
        claimed.update(near)
        applied = [c for c in near if c.action is Action.APPLIED]
        if item.tier == "trap":
            s.traps += 1
            verdict = "touched" if near else "untouched"
            s.traps_touched += bool(near)
            s.wrong_applied += len(applied)
        else:
            fixed, accepted = _fixed_span(text, item, applied) if applied else ("", [])
            if applied and fixed in accepted:
                verdict = "fixed"
            elif applied:
                verdict = "wrong"
                s.wrong_applied += len(applied)
            elif near:
                verdict = "flagged"
            else:
                verdict = "missed"
            if item.tier == "must":
                s.must += 1
                s.must_fixed += verdict == "fixed"
            else:
                s.should += 1
                s.should_hit += verdict in {"fixed", "flagged"}
        s.outcomes.append(ItemOutcome(item, verdict, tuple(near)))
    for change in result.changes:
        if change not in claimed:
            s.stray.append(change)
            if change.action is Action.APPLIED:
                s.unlabelled_applied += 1
            else:
                s.noise_flags += 1
    return s
