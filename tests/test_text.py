from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.text import (
    WORD_RE,
    Key,
    case_shape,
    key_of,
    match_key_at,
    sep_class,
    transfer_case,
)


@pytest.mark.parametrize(
    ("form", "words", "seps"),
    [
        ("Haftar", ("haftar",), ()),
        ("al-Sarraj", ("al", "sarraj"), ("-",)),
        ("Kim Jong-un", ("kim", "jong", "un"), (" ", "-")),
        ("Côte d\u2019Ivoire", ("côte", "d", "ivoire"), (" ", "'")),
        ("Çavuşoğlu", ("çavuşoğlu",), ()),
        ("İstanbul", ("i̇stanbul",), ()),
    ],
)
def test_key_of(form: str, words: tuple[str, ...], seps: tuple[str, ...]) -> None:
    assert key_of(form) == Key(words, seps)


def test_key_of_rejects_forms_without_words_or_with_breaking_separators() -> None:
    assert key_of("--") is None
    assert key_of("Haftar, Sarraj") is None


def test_match_key_at_follows_separator_classes() -> None:
    key = key_of("al-Sarraj")
    assert key is not None
    assert match_key_at("x al-sarraj y", 2, 4, key) == 11
    assert match_key_at("x al\u2011Sarraj y", 2, 4, key) == 11
    assert match_key_at("x al sarraj y", 2, 4, key) is None
    assert match_key_at("x al-sarrajs y", 2, 4, key) is None


def test_sep_class_line_wrap_but_not_paragraph() -> None:
    assert sep_class("\n") == " "
    assert sep_class("\n\n") is None


@pytest.mark.parametrize(
    ("original", "replacement", "expected"),
    [
        ("haftal", "Haftar", "Haftar"),
        ("HAFTAL", "Haftar", "HAFTAR"),
        ("Haftal", "Haftar", "Haftar"),
        ("X", "Haftar", "Haftar"),
    ],
)
def test_transfer_case(original: str, replacement: str, expected: str) -> None:
    assert transfer_case(original, replacement) == expected


def test_case_shape_of_unicode() -> None:
    assert case_shape("ÇAVUŞOĞLU") == "upper"
    assert case_shape("çavuşoğlu") == "lower"
    assert case_shape("Çavuşoğlu") == "title"


def reference_case_shape(s: str) -> str:
    """case_shape as first written: letter by letter, for any text."""
    letters = [c for c in s if c.isalpha()]
    if not letters:
        return "lower"
    if all(c.isupper() for c in letters):
        return "upper" if len(letters) > 1 else "title"
    if all(c.islower() for c in letters):
        return "lower"
    words = [m.group() for m in WORD_RE.finditer(s)]
    if all(w[0].isupper() and (len(w) == 1 or w[1:].islower()) for w in words):
        return "title"
    return "mixed"


SHAPE_PIECES = st.sampled_from(
    ["a", "B", "ab", "CD", "Ef", "gH", "1", "-", "'", " ", "\u00e9", "\u00c9", "\u01c5", "\u0645"]
)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=8), st.lists(SHAPE_PIECES, max_size=8).map("".join)))
def test_case_shape_equals_the_letter_by_letter_definition(s: str) -> None:
    assert case_shape(s) == reference_case_shape(s)
