"""The fuzzy memo seeded at compile time (normalize.finders.memo_seed) changes no decision,
holds only what it may, and travels with the compiled finder (pickles, memos started afresh)."""

from __future__ import annotations

import pickle

import pytest

from normalize import Normalizer
from normalize.finders import fuzzy
from normalize.finders.fuzzy import FuzzyFinder
from normalize.finders.memo_seed import MemoSeed, seed, seed_words
from normalize.lexicon import Lexicon
from normalize.names.memo import Memo
from normalize.text import WORD_RE
from tests.conftest import shipped_without_seed003_garbles
from tests.test_fuzzy_memo import TEXTS, fixture_texts


@pytest.fixture(scope="module")
def unlisted_lexicon() -> Lexicon:
    return shipped_without_seed003_garbles()


def _fuzzy_of(normalizer: Normalizer) -> FuzzyFinder:
    (finder,) = [f for f in normalizer._finders if isinstance(f, FuzzyFinder)]
    return finder


def _texts() -> list[str]:
    texts = TEXTS + fixture_texts()
    return texts + [t.lower() for t in texts] + [t.upper() for t in texts]


def _words(texts: list[str]) -> list[str]:
    """Every word of the texts and some common English: the seed then covers garbles,
    names, key words and context terms as well as plain words."""
    return sorted({w for t in texts for w in WORD_RE.findall(t)} | set(seed_words(2000)))


def test_a_seeded_memo_decides_the_same(unlisted_lexicon: Lexicon) -> None:
    texts = _texts()
    plain = Normalizer(unlisted_lexicon)
    seeded = Normalizer(unlisted_lexicon)
    finder = _fuzzy_of(seeded)
    found = seed(finder, _words(texts))
    assert finder._memo.quiet or finder._memo.quiet_apart
    assert len(finder._memo) == len(found)
    for text in texts + texts:  # the second time with the memo grown past the seed
        assert seeded.fix(text) == plain.fix(text), text


def test_the_seed_holds_quiet_words_only(unlisted_lexicon: Lexicon) -> None:
    texts = _texts()
    normalizer = Normalizer(unlisted_lexicon)
    finder = _fuzzy_of(normalizer)
    words = _words(texts)
    # What a memo learns from the same words, met in documents instead.
    reference = Memo()
    finder._classify(words, reference)
    assert reference.live  # some of the words are candidates ...
    found = seed(finder, words)
    assert found.quiet == reference.quiet | reference.quiet_apart  # ... and not in the seed
    assert found.quiet.isdisjoint(reference.live)
    for key, written in found.cased.items():
        assert set(written) <= found.quiet
        assert set(written) <= set(reference.cased[key])
    # The memo keeps the engine's key words apart, as it does for words it meets.
    memo = finder._memo
    assert memo.quiet_apart == found.quiet & normalizer._union
    assert memo.quiet == found.quiet - normalizer._union


def test_the_seed_is_pickled_and_starts_every_memo(
    unlisted_lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch
) -> None:
    normalizer = Normalizer(unlisted_lexicon)
    finder = _fuzzy_of(normalizer)
    found = seed(finder, seed_words(500))
    clone = pickle.loads(pickle.dumps(finder))
    assert isinstance(clone._seed, MemoSeed)
    assert clone._seed.quiet == found.quiet and clone._seed.cased == found.cased
    assert len(clone._memo) == 0  # the memo itself is not pickled ...
    clone.share_keys(normalizer._union)
    assert len(clone._memo) == len(found)  # ... the engine's first use seeds it
    # A full memo starts afresh from the seed, not empty.
    monkeypatch.setattr(fuzzy, "MEMO_WORDS", len(found) + 5)
    first = finder._memo
    for text in _texts():
        normalizer.fix(text)
    assert finder._memo is not first
    assert found.quiet <= finder._memo.quiet | finder._memo.quiet_apart


def test_an_empty_seed() -> None:
    empty = pickle.loads(pickle.dumps(MemoSeed(frozenset(), {})))
    memo = Memo(frozenset({"a"}), empty)
    assert len(memo) == 0 and not memo.cased


def test_the_compiled_cache_holds_a_seeded_finder(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NORMALIZE_CACHE_DIR", str(tmp_path))
    from normalize import cache

    cache.clear_memory()
    try:
        built = _fuzzy_of(Normalizer())
        assert built._seed is not None and len(built._seed) > 10_000
        cache.clear_memory()
        loaded = _fuzzy_of(Normalizer())  # from the disk cache this time
        assert loaded is not built
        assert loaded._seed is not None and loaded._seed.quiet == built._seed.quiet
        assert len(loaded._memo) >= len(built._seed)
    finally:
        cache.clear_memory()
    # Without the disk cache nothing is seeded: seeding would cost every process.
    assert _fuzzy_of(Normalizer(cache=False))._seed is None
