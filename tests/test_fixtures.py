"""Golden cases under fixtures/: <case>/input.txt, expected.txt, expected.json (+ options.yaml).

Each case runs the shipped lexicons over ``input.txt``. ``expected.txt`` is the fixed text
and ``expected.json`` the report object (DESIGN.md contract, path ``input.txt``).
``options.yaml`` may set ``Options`` fields (``canonical``, ``disable``, ``enable``,
``apply``/``flag`` thresholds).

After reviewing a change in behaviour, regenerate with ``NORMALIZE_REGEN=1 pytest
tests/test_fixtures.py`` and read the diff; regenerated cases are reported as skipped, never
as passed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from normalize import Normalizer, Options, Thresholds, apply_changes
from normalize.lexicon import Lexicon
from normalize.report import to_json

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CASES = sorted(p.parent.name for p in FIXTURES.glob("*/input.txt"))


def options_for(case: Path) -> Options:
    path = case / "options.yaml"
    raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    return Options(
        thresholds=Thresholds(apply=raw.pop("apply", 0.8), flag=raw.pop("flag", 0.5)),
        canonical=raw.pop("canonical", False),
        disable=frozenset(raw.pop("disable", ())),
        enable=frozenset(raw.pop("enable", ())),
    )


def test_there_are_cases() -> None:
    assert CASES, "fixtures/ holds golden cases"


@pytest.mark.parametrize("name", CASES)
def test_golden_case(name: str, shipped: Normalizer) -> None:
    case = FIXTURES / name
    text = (case / "input.txt").read_bytes().decode("utf-8")
    lexicon: Lexicon = shipped.lexicon
    result = Normalizer(lexicon, options_for(case)).fix(text)
    report = to_json("input.txt", result)
    if os.environ.get("NORMALIZE_REGEN"):
        (case / "expected.txt").write_bytes(result.text.encode("utf-8"))
        dumped = json.dumps(report, ensure_ascii=False, indent=1)
        (case / "expected.json").write_text(dumped + "\n", encoding="utf-8")
        pytest.skip(f"regenerated {name}: review the diff")
    assert result.text == (case / "expected.txt").read_bytes().decode("utf-8")
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    assert report == expected
    assert apply_changes(text, result.changes) == result.text
