from __future__ import annotations

import pytest

from normalize.evaluate import GoldError, locate, parse_gold, score
from normalize.model import Action, Change, Result

TEXT = "Then haftal met salaj in Turkeys capital, and the Lee government agreed."
GOLD = {
    "doc": "x.txt",
    "items": [
        {"at": "Then haftal", "wrong": "haftal", "right": ["Haftar"], "tier": "must"},
        {"at": "met salaj", "wrong": "salaj", "right": ["Sarraj"], "tier": "must"},
        {"at": "Turkeys capital", "wrong": "Turkeys", "right": ["Turkey's"], "tier": "should"},
        {
            "at": "the Lee government",
            "wrong": "Lee government",
            "right": ["Libyan government"],
            "tier": "should",
        },
    ],
    "traps": [{"at": "agreed", "wrong": "agreed"}],
}


def change(text: str, old: str, new: str, action: Action = Action.APPLIED) -> Change:
    start = text.index(old)
    return Change(start, start + len(old), old, new, action, 0.9, "t.rule", None)


def test_locate_requires_a_unique_snippet() -> None:
    assert locate("a b a", "b", "b") == (2, 3)
    with pytest.raises(GoldError, match="more than once"):
        locate("a b a", "a", "a")
    with pytest.raises(GoldError, match="not found"):
        locate("a", "z", "z")


def test_score_counts_each_outcome() -> None:
    items = parse_gold(GOLD, TEXT)
    result = Result(
        TEXT,
        (
            change(TEXT, "haftal", "Haftar"),
            change(TEXT, "salaj", "Salah"),
            change(TEXT, "Turkeys", "Turkey's", Action.FLAGGED),
            change(TEXT, "Lee", "Libyan"),
            change(TEXT, "agreed", "agreeed"),
            change(TEXT, "Then", "Than"),
        ),
    )
    s = score(TEXT, items, result)
    verdicts = [o.verdict for o in s.outcomes]
    assert verdicts == ["fixed", "wrong", "flagged", "fixed", "touched"]
    assert (s.must, s.must_fixed, s.should, s.should_hit) == (2, 1, 2, 2)
    assert (s.traps, s.traps_touched, s.wrong_applied, s.unlabelled_applied) == (1, 1, 2, 1)
