"""A Normalizer whose compiled lexicons are in the disk cache loads them on first use, so
that the parent of ``batch -j N`` (which only pickles the recipe) never loads them."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from normalize import Normalizer, cache
from normalize.vocab import english_lowercase_words

TEXT = "In December, haftal said the LNA would take Tripoli; HAFTAL denied it."


@pytest.fixture
def loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The cache keys loaded from disk, in a fresh cache folder holding the compiled
    shipped lexicons."""
    english_lowercase_words()  # in this process already: not counted below
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    cache.clear_memory()
    reference = Normalizer()  # compiles and stores
    want = reference.fix(TEXT)
    cache.clear_memory()
    seen: list[str] = []
    real = cache.load

    def counting(key: str) -> Any:
        seen.append(key)
        return real(key)

    monkeypatch.setattr(cache, "load", counting)
    seen.append(repr(want))  # the reference result, for the tests
    yield seen
    cache.clear_memory()


def test_loading_waits_for_the_first_use(loads: list[str]) -> None:
    want = loads.pop()
    normalizer = Normalizer()
    assert loads == []
    assert repr(normalizer.fix(TEXT)) == want
    assert len(loads) == 1
    assert repr(normalizer.fix(TEXT)) == want
    assert len(loads) == 1


def test_any_compiled_attribute_loads(loads: list[str]) -> None:
    loads.pop()
    normalizer = Normalizer()
    assert normalizer.lexicon.entities and loads
    assert normalizer._finders and normalizer._union
    with pytest.raises(AttributeError):
        normalizer.no_such_thing  # noqa: B018


def test_a_recipe_is_pickled_without_loading(loads: list[str]) -> None:
    want = loads.pop()
    recipe = pickle.dumps(Normalizer())
    assert loads == []
    assert repr(pickle.loads(recipe).fix(TEXT)) == want
    assert len(loads) == 1


def test_without_the_disk_cache_or_in_memory_nothing_waits(loads: list[str]) -> None:
    loads.pop()
    assert "_pending" not in vars(Normalizer(cache=False))
    Normalizer().fix(TEXT)  # now in memory
    assert "_pending" not in vars(Normalizer())


def test_prepared_gates_are_the_gates_built_on_first_use() -> None:
    from normalize.engine import Options, compile_finders
    from normalize.evidence import EvidenceModel
    from normalize.finders.confusion import ConfusionFinder
    from tests.conftest import shipped_without_seed003_garbles

    lexicon = shipped_without_seed003_garbles()
    (finder,) = [f for f in compile_finders(lexicon, Options()) if isinstance(f, ConfusionFinder)]
    model: EvidenceModel = finder.model
    ids = sorted({c.means for c in lexicon.confusions})[:20]
    fresh = pickle.loads(pickle.dumps(model))  # nothing asked yet
    model.prepare(ids)
    for entity_id in ids:
        for anchors_only in (True, False):
            prepared = model._gates[(entity_id, anchors_only)]
            built = fresh.gate(entity_id, anchors_only=anchors_only)
            assert prepared is model.gate(entity_id, anchors_only=anchors_only)
            assert (prepared.needs, prepared.always) == (built.needs, built.always)
    model.prepare(["no/such-entity"])  # unknown ids are passed over


def test_signals_wait_while_a_worker_is_handed_its_start_up_data() -> None:
    import os
    import signal

    from normalize.batch import _signals_held

    seen: list[str] = []

    def handler(signum: int, frame: object) -> None:
        seen.append("handled")

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        with _signals_held():
            os.kill(os.getpid(), signal.SIGTERM)
            seen.append("block ended")
        assert seen == ["block ended", "handled"]
        assert signal.getsignal(signal.SIGTERM) is handler
    finally:
        signal.signal(signal.SIGTERM, previous)
