"""The five seed articles and the hand-labelled gold of the garbled one (../shared)."""

from __future__ import annotations

import pytest
import yaml

from normalize import Normalizer, Result
from normalize.evaluate import GoldItem, parse_gold, score
from normalize.io import read_document
from tests.conftest import shared_path

CLEAN = ["000_c9a5cb71073097ca.txt", "001_583ad87010890137.txt", "002_8ebaefe415993ac2.txt",
         "004_b9b335b1b8f10a71.txt"]  # fmt: skip
#: The must items that are garbles of listed names (issue 2's acceptance).
NAME_GARBLES = {"haftal", "haftar", "salaj", "teben", "chawushiolu", "bukadum"}


@pytest.mark.parametrize("name", CLEAN)
def test_clean_seed_gets_no_applied_change(shipped: Normalizer, name: str) -> None:
    text = read_document(shared_path("seeds", name)).text
    result = shipped.fix(text)
    assert result.applied == (), [(c.original, c.replacement, c.rule) for c in result.applied]
    assert result.text == text


@pytest.fixture(scope="module")
def seed003(shipped: Normalizer) -> tuple[str, list[GoldItem], Result]:
    gold_path = shared_path("gold", "seed003.yaml")
    data = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    text = read_document(gold_path.parent / data["doc"]).text
    items = parse_gold(data, text)
    return text, items, shipped.fix(text)


def test_seed003_name_garbles_are_all_fixed(seed003: tuple[str, list[GoldItem], Result]) -> None:
    text, items, result = seed003
    s = score(text, items, result)
    outcomes = [o for o in s.outcomes if o.item.tier == "must" and o.item.wrong in NAME_GARBLES]
    assert len(outcomes) == 12
    assert [(o.item.at, o.verdict) for o in outcomes if o.verdict != "fixed"] == []


def test_seed003_traps_untouched_and_nothing_wrong(
    seed003: tuple[str, list[GoldItem], Result],
) -> None:
    text, items, result = seed003
    s = score(text, items, result)
    assert s.traps_touched == 0
    assert s.wrong_applied == 0, [
        (o.item.at, o.changes) for o in s.outcomes if o.verdict == "wrong"
    ]


def test_seed003_acceptance(seed003: tuple[str, list[GoldItem], Result]) -> None:
    """Issue 4: every must item fixed, at least 13 of 16 should items hit, no trap touched."""
    text, items, result = seed003
    s = score(text, items, result)
    assert (s.must, s.should) == (23, 16)
    must = [o for o in s.outcomes if o.item.tier == "must"]
    assert [(o.item.at, o.verdict) for o in must if o.verdict != "fixed"] == []
    assert s.should_hit >= 13
    assert s.traps_touched == 0
    assert "United Arab Emirates" in result.text


def test_seed003_confusions_are_applied_with_their_evidence(
    seed003: tuple[str, list[GoldItem], Result],
) -> None:
    _, _, result = seed003
    afghan = [c for c in result.applied if c.original == "Afghan"]
    assert [c.replacement for c in afghan] == ["Algerian"] * 3
    assert all(any("for Afghanistan: none" in e for e in c.evidence) for c in afghan)
