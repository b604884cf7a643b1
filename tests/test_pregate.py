"""The engine's shared pre-gate and the exact pass's second-word shortcut.

Each finder's ``keys`` must be a necessary condition (a finder that proposes anything has one
of its keys among the document's words); :meth:`Document.among` must answer exactly as the
intersection it stands for; and the exact index's test of the second words of common first
words ("a" -> "a zaz") must find the same occurrences as the full scan.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalize import Normalizer, Options
from normalize.document import Document
from normalize.engine import compile_finders
from normalize.finders.calque import CalqueFinder
from normalize.finders.exact import ExactFinder, odd_case, spellings
from normalize.lexicon import Entity, Lexicon
from normalize.resolve import Thresholds
from tests.conftest import SHARED
from tools.corpora import CorpusUnavailable, lee_news

OPTIONS = [
    Options(),
    Options(canonical=True, thresholds=Thresholds(apply=0.3, flag=0.2)),
]


def news() -> list[str]:
    try:
        lee = lee_news()[:150]
    except CorpusUnavailable:
        if os.environ.get("CI"):
            raise
        lee = []
    seeds = [p.read_text(encoding="utf-8") for p in sorted(Path(SHARED / "seeds").glob("*.txt"))]
    texts = [*lee, *seeds]
    texts += [t.lower() for t in texts[:40]] + [t.upper() for t in texts[:10]]
    return texts + [t.replace("'", "\u2019") for t in texts[:20]]


def ungated(normalizer: Normalizer) -> Normalizer:
    """The same normalizer with no keys and nothing narrowed: every finder always runs."""
    plain = copy.copy(normalizer)
    plain._keyed = tuple((f, None) for f, _ in normalizer._keyed)
    plain._keyed_other = plain._keyed
    plain._watched = frozenset()
    plain._union = frozenset()
    return plain


def assert_keys_sound(normalizer: Normalizer, text: str) -> int:
    """Every finder with keys that proposes something for ``text`` has a key in it (keys
    for ASCII text only: when ``text`` is ASCII)."""
    found = 0
    distinct = Document(text).distinct
    for f, keys in normalizer._keyed:
        if getattr(f, "ascii_keys", False) and not text.isascii():
            continue
        if keys is not None and list(f.find(Document(text))):
            assert distinct & keys, (type(f).__name__, text[:200])
            found += 1
    return found


@pytest.fixture(scope="module", params=range(len(OPTIONS)), ids=["default", "canonical-low"])
def normalizer(request: pytest.FixtureRequest, shipped: Normalizer) -> Normalizer:
    options = OPTIONS[request.param]
    n = Normalizer(shipped.lexicon, options)
    assert len(n._keyed) == len(compile_finders(n.lexicon, options))
    return n


def test_keys_are_sound_on_news(normalizer: Normalizer) -> None:
    texts = news()
    # Plant every listed garble and form where a finder looks: a finder runs on each.
    entities = normalizer.lexicon.entities
    texts += [
        f"{e.canonical} said {g} and {g.lower()} met {g.upper()} in {e.canonical}s office."
        for e in entities
        for g in (*e.garbles[:2], *e.calques[:1], *e.aliases[:1])
    ]
    texts += [
        "Troops of is left. Islamic State (is) fighters, the base of is, drove out is.",
        "The un-backed and nato-led talks; gna-aligned forces. CNNs Turkish channel said.",
    ]
    assert sum(assert_keys_sound(normalizer, t) for t in texts) > 0


def test_gated_engine_proposes_what_every_finder_proposes(normalizer: Normalizer) -> None:
    plain = ungated(normalizer)
    texts = news()
    texts += [f"{t} haftal and the financial times said, in libiya." for t in texts[:20]]
    skipped = 0
    for text in texts:
        assert normalizer.candidates(text) == plain.candidates(text), text[:200]
        assert normalizer.fix(text) == plain.fix(text)
        doc = Document(text)
        keyed = doc.narrow(normalizer._watched, normalizer._union)
        skipped += sum(k is not None and k.isdisjoint(keyed) for _, k in normalizer._keyed)
    assert skipped > 0  # the pre-gate does skip finders on some texts


WORDS = st.sampled_from(["a", "A", "Koreas", "are", "the", "is", "\u00e9t\u00e9", "CNNs", "x1"])


@given(st.lists(st.one_of(WORDS, st.text(max_size=5)), max_size=20), st.data())
def test_among_is_the_intersection(parts: list[str], data: st.DataObject) -> None:
    text = " ".join(parts)
    sets = [frozenset(data.draw(st.lists(WORDS, max_size=4))) for _ in range(3)]
    covered, other = frozenset(sets[:2]), sets[2]
    doc = Document(text)
    doc.narrow(covered, frozenset().union(*sets[:2]))
    for words in sets:
        assert doc.among(words) == Document(text).distinct & words
    assert Document(text).among(other) == Document(text).distinct & other


def shapes(word: str) -> list[str]:
    """Every case shape of a word, odd ones included ("zAZ", "ZAz", "tANF")."""
    found = [word, word.upper(), word.capitalize(), word.swapcase()]
    return [*found, word[:1] + word[1:].upper(), word[:-1].upper() + word[-1:]]


def second_word_pieces(shipped: Normalizer) -> list[str]:
    """Common first words that start only longer forms, their second words in every case
    shape, and the forms: "a", "ZaZ", "a zaz", "al", "Al-QAEDA"."""
    index = next(f for f in shipped._finders if isinstance(f, ExactFinder)).index
    many = sorted(f for f in index.seconds if f not in index.singles and f not in index.few_firsts)
    pieces: list[str] = []
    for first in [*sorted(index.few_firsts)[:40], *sorted(index.spelled_firsts), *many[:6]]:
        pieces.append(first)
        for second in sorted(index.seconds[first.casefold()])[:8]:
            pieces += [*shapes(second), second + "s", f"{first}-{second}"]
            pieces += [f"{first} {shape}" for shape in shapes(second)]
    return pieces


@pytest.fixture(scope="module")
def few_strategy(shipped: Normalizer) -> st.SearchStrategy[str]:
    pieces = st.sampled_from(
        [*second_word_pieces(shipped), " ", "\n", "\u2019", "'", ". ", "\u0130", "K", "\u017f"]
    )
    return st.lists(st.one_of(pieces, st.text(max_size=3)), max_size=16).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_second_word_shortcuts_find_every_occurrence(
    shipped: Normalizer, few_strategy: st.SearchStrategy[str], data: st.DataObject
) -> None:
    text = data.draw(few_strategy)
    index = next(f for f in shipped._finders if isinstance(f, ExactFinder)).index
    plain = copy.copy(index)
    plain.few_firsts = frozenset()  # every first word scanned
    fast = list(index._scan(Document(text), index.variants))
    # Second words looked up among the case-folded words, never among the written ones.
    with mock.patch("normalize.finders.exact.odd_case", return_value=True):
        assert fast == list(plain._scan(Document(text), index.variants)), text


@given(st.text(alphabet="aAbBzZ019", min_size=1, max_size=8), st.sampled_from([" ", "-", "."]))
def test_odd_case_finds_every_odd_cased_word(word: str, sep: str) -> None:
    lower = word.lower()
    if word not in (lower, lower.upper(), lower.capitalize()):
        assert odd_case(f"x{sep}{word}{sep}Y")
    if lower.isalpha():
        assert not odd_case(f"The {lower} and {lower.upper()}, {lower.capitalize()}.")


def test_second_words_in_each_regular_shape(shipped: Normalizer) -> None:
    """Every first word with only longer forms, before each of its second words written in
    lower case, capitals and with a capital first (the shapes the written-word test knows)."""
    index = next(f for f in shipped._finders if isinstance(f, ExactFinder)).index
    plain = copy.copy(index)
    plain.few_firsts = frozenset()
    found = 0
    for first in sorted(f for f in index.seconds if f not in index.singles):
        for second in sorted(index.seconds[first])[:5]:
            for shape in (second, second.upper(), second.capitalize()):
                text = f"The talks. {first} {shape} and {first.capitalize()}-{shape} said."
                fast = list(index._scan(Document(text), index.variants))
                with mock.patch("normalize.finders.exact.odd_case", return_value=True):
                    assert fast == list(plain._scan(Document(text), index.variants)), text
                found += bool(fast)
    assert found > 0


@given(st.text(alphabet="abzAZ", min_size=1, max_size=6), st.data())
def test_spellings_are_every_letter_case(word: str, data: st.DataObject) -> None:
    written = data.draw(st.text(alphabet="abzAZ", min_size=len(word), max_size=len(word)))
    assert (written in spellings(word)) == (written.lower() == word.lower())
    assert len(spellings(word)) == 2 ** len(word)


# Letters whose case folding is ASCII, in text that is then not ASCII: "\u017f" (long s)
# folds to "s", "\u212a" (Kelvin sign) to "k"; the spelled keys cannot list those.
_FOLDS_TO_ASCII = {"s": "\u017f", "k": "\u212a"}


def test_spelled_second_words(normalizer: Normalizer) -> None:
    """Each common first word keyed by its rare second words ("s" -> "jaishankar"), before
    every second word in odd letter cases and with letters that fold to ASCII ones: the
    index finds what the full scan finds, and the engine proposes what it does ungated
    (also in text that is not ASCII, where the spelled keys do not count)."""
    exact = next(f for f in normalizer._finders if isinstance(f, ExactFinder))
    index = exact.index
    assert exact.ascii_keys and index.spelled_firsts & exact.actionable
    plain = copy.copy(index)
    plain.few_firsts = frozenset()
    everything = ungated(normalizer)
    found = 0
    for first in sorted(index.spelled_firsts):
        for second in index.few_seconds[first]:
            folding = [
                second[:i] + _FOLDS_TO_ASCII[c] + second[i + 1 :]
                for i, c in enumerate(second)
                if c in _FOLDS_TO_ASCII
            ]
            for shape in [*shapes(second), *folding]:
                for sep in (" ", "-", "'", ". "):
                    text = f"The talks. {first}{sep}{shape} said, and {first.lower()}{sep}{shape}."
                    fast = list(index._scan(Document(text), index.variants))
                    assert fast == list(plain._scan(Document(text), index.variants)), text
                    want = everything.candidates(text)
                    assert normalizer.candidates(text) == want, text
                    found += bool(want)
    assert found > 0


def test_calque_keys_in_every_letter_case(normalizer: Normalizer) -> None:
    """The calque finder is keyed by the spellings of each calque's rarest word ("accord"),
    for ASCII text only: every calque in odd letter cases and with letters that fold to
    ASCII ones, cited and supported, gets what the ungated engine proposes."""
    calque = next(f for f in normalizer._finders if isinstance(f, CalqueFinder))
    assert calque.ascii_keys
    everything = ungated(normalizer)
    found = 0
    for entity in normalizer.lexicon.entities:
        for form in entity.calques:
            written = [*shapes(form), form.title()]
            written += [form.replace(a, b) for a, b in _FOLDS_TO_ASCII.items() if a in form]
            for shape in written:
                text = f"Talks failed, the {shape} said."  # cited: a candidate, without support
                assert normalizer.candidates(text) == everything.candidates(text), text
                found += any(c.rule == "context.calque" for c in everything.candidates(text))
    assert found > 0


def test_calque_keys_hold_for_ascii_text_only() -> None:
    """A calque whose rarest word is written with a letter that folds to an ASCII one
    ("Ka\u017fbah") matches, though no spelling of that word is a word of the text."""
    lexicon = Lexicon((Entity("media/x", "media", "Radio X", calques=("Voice of Kasbah",)),))
    normalizer = Normalizer(lexicon)
    for text in ("Talks failed, the Voice of Kasbah said.", "The Voice of Ka\u017fbah said."):
        want = ungated(normalizer).candidates(text)
        assert [c.rule for c in want] == ["context.calque"]
        assert normalizer.candidates(text) == want
