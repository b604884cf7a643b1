from __future__ import annotations

import pytest

from normalize.model import Action, Candidate
from normalize.resolve import Thresholds, resolve


def cand(start: int, end: int, conf: float, rule: str = "lexicon.garble") -> Candidate:
    return Candidate(start, end, "x" * (end - start), "y" * (end - start), rule, None, conf)


def test_overlaps_keep_longest_then_surest() -> None:
    out = resolve(
        [cand(0, 3, 0.99), cand(0, 5, 0.6), cand(4, 8, 0.9), cand(10, 12, 0.95)], Thresholds()
    )
    assert [(c.start, c.end) for c in out] == [(0, 5), (10, 12)]


def test_thresholds() -> None:
    out = resolve(
        [cand(0, 1, 0.85), cand(2, 3, 0.6), cand(4, 5, 0.3)], Thresholds(apply=0.8, flag=0.5)
    )
    assert [c.action for c in out] == [Action.APPLIED, Action.FLAGGED]


def test_no_op_candidates_are_dropped() -> None:
    same = Candidate(0, 3, "abc", "abc", "lexicon.case", None, 0.99)
    assert resolve([same], Thresholds()) == ()


def test_bad_thresholds() -> None:
    with pytest.raises(ValueError, match="thresholds"):
        Thresholds(apply=0.4, flag=0.5)
