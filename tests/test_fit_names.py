"""The offline fit of the names scorer (tools/fit_names.py)."""

from __future__ import annotations

import json
import math
import random
from dataclasses import fields
from pathlib import Path

import pytest

from normalize import Normalizer
from normalize.finders.names import NamesFinder
from normalize.names import scorer
from normalize.names.scorer import Features
from tools import fit_names
from tools.fit_names import Gold, Sample, Scored


def _synthetic(n: int, bias: float, weights: dict[str, float], seed: int = 0) -> tuple[
    list[dict[str, float]], list[int]
]:  # fmt: skip
    rng = random.Random(seed)
    rows, labels = [], []
    for _ in range(n):
        row = {k: rng.uniform(-1.5, 1.5) for k in weights}
        z = bias + sum(weights[k] * row[k] for k in weights)
        rows.append(row)
        labels.append(int(rng.random() < 1 / (1 + math.exp(-z))))
    return rows, labels


def test_the_fit_recovers_known_weights() -> None:
    truth = {"a": 1.5, "b": -2.0, "c": 0.5}
    rows, labels = _synthetic(20_000, -0.7, truth)
    bias, weights = fit_names.fit(rows, labels, list(truth), prior=None, sd=100.0)
    assert bias == pytest.approx(-0.7, abs=0.1)
    for k, w in truth.items():
        assert weights[k] == pytest.approx(w, abs=0.12), k


def test_a_feature_the_data_never_vary_keeps_its_prior_weight() -> None:
    rows, labels = _synthetic(2_000, 0.3, {"a": 1.0})
    for r in rows:
        r["never"] = 0.0
    prior = scorer.Model(0.0, {"a": 0.0, "never": -1.5}, False)
    _, weights = fit_names.fit(rows, labels, ["a", "never"], prior=prior, sd=1.0)
    assert weights["never"] == -1.5
    assert weights["a"] > 0.5


def test_few_data_stay_near_the_prior() -> None:
    rows, labels = _synthetic(30, 0.0, {"a": 3.0})
    prior = scorer.Model(0.0, {"a": -1.0}, False)
    _, loose = fit_names.fit(rows, labels, ["a"], prior=prior, sd=100.0)
    _, tight = fit_names.fit(rows, labels, ["a"], prior=prior, sd=0.1)
    assert abs(tight["a"] - (-1.0)) < abs(loose["a"] - (-1.0))


def test_the_prior_is_the_shipped_hand_set_weights() -> None:
    data = json.loads(fit_names.WEIGHTS.read_text("utf-8"))
    prior = fit_names.prior_model()
    src = data["prior"] if data.get("fitted") else data
    assert prior.bias == src["bias"]
    assert set(prior.weights) == {f.name for f in fields(Features)}


def _scored(start: int, end: int, text: str, replacement: str, entity: str) -> Scored:
    return Scored(start, end, text[start:end], replacement, entity, None)


def test_a_candidate_is_right_only_with_the_right_entity_and_span() -> None:
    text = "Secretary-General Pan Jiwen said."
    start = text.index("Pan Jiwen")
    gold = [Gold(start, start + 9, ("Ban Ki-moon",), "person/ban-ki-moon")]
    no = set[str]
    whole = _scored(start, start + 9, text, "Ban Ki-moon", "person/ban-ki-moon")
    assert fit_names.is_right(text, whole, gold, lambda _: no())
    other = _scored(start, start + 9, text, "Ban Ki-moon", "person/someone-else")
    assert not fit_names.is_right(text, other, gold, lambda _: no())
    given = _scored(start + 4, start + 9, text, "Ban Ki-moon", "person/ban-ki-moon")
    assert not fit_names.is_right(text, given, gold, lambda _: no())  # "Pan Ban Ki-moon"
    elsewhere = _scored(0, 9, text, "Secretary", "person/ban-ki-moon")
    assert not fit_names.is_right(text, elsewhere, gold, lambda _: no())


def test_the_collector_reads_the_features_the_finder_scores() -> None:
    text = "A first article.\n\n\nJapanese Prime Minister Anbei Jinsan met reporters in Tokyo."
    found = fit_names.candidates(Normalizer(), text)
    hit = [c for c in found if c.original == "Anbei Jinsan"]
    assert hit and hit[0].entity == "person/shinzo-abe"
    assert text[hit[0].start : hit[0].end] == "Anbei Jinsan"  # offsets into the whole text
    feats = hit[0].features
    assert feats is not None and feats.exact_reading == 1.0 and feats.title == 1.0
    # The finder is left as it was.
    assert NamesFinder._score.__name__ == "_score"


def test_reliability_bins_count_every_candidate() -> None:
    names = [f.name for f in fields(Features)]
    zero = dict.fromkeys(names, 0.0)
    samples = [
        Sample({**zero, "similarity": s, "title": 1.0}, y, "gen", "report", "x")
        for s, y in ((0.0, 0), (1.0, 1), (1.0, 1), (0.5, 0))
    ]
    rows = fit_names.reliability(samples, fit_names.prior_model())
    assert sum(n for _, n, _, _ in rows) == 4
    assert sum(k for _, _, k, _ in rows) == 2
    assert "observed precision" in fit_names.table(rows)


def test_wmt_groups_split_odd_to_fit_even_to_report() -> None:
    assert fit_names.wmt_part(Path("x/newstest2021-group001.txt")) == "fit"
    assert fit_names.wmt_part(Path("x/newstest2021-group002.txt")) == "report"
