"""Given names garbled beside a surname that is repaired (normalize.names.givenparts).

MT from Chinese writes every part of a foreign name as the pinyin of its Chinese
transliteration (雷杰普·塔伊普·埃尔多安 -> "Leijiepu Taiyipu Aierduoan"). Where the document
makes the surname repair sure, the repair grows over the given names beside it; without that
evidence, nothing more than a flag. A given name written right, an English word, a lexicon
name or a real given name beside the surname is never absorbed. The examples are made up.
"""

from __future__ import annotations

import pytest

from normalize import Action, Normalizer
from normalize.lexicon import Entity
from normalize.names.givenparts import NEAR, NEAR_SHORT, grow, match


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return Normalizer()


ERDOGAN = Entity(
    "person/recep-tayyip-erdogan",
    "person",
    "Recep Tayyip Erdoğan",
    short="Erdoğan",
    names=(("zh", "埃尔多安"),),
)


# (text with evidence, garbled whole name, repair)
GROWN = [
    (
        "Turkish President Leijiepu Taiyipu Aierduoan said Ankara would host the talks.",
        "Leijiepu Taiyipu Aierduoan",
        "Recep Tayyip Erdoğan",
    ),
    (
        "Malaysian Prime Minister Anwaer Yibulaxin arrived in Beijing.",
        "Anwaer Yibulaxin",
        "Anwar Ibrahim",
    ),
    (
        "Egyptian President Abudulfatah Saixi met Blinken in Cairo.",
        "Abudulfatah Saixi",
        "Abdel Fattah al-Sisi",
    ),
    # A surname read as two words (names.reading) grows too.
    (
        "Turkish President Leijiepu Taiyipu Aier Duoan said in Ankara.",
        "Leijiepu Taiyipu Aier Duoan",
        "Recep Tayyip Erdoğan",
    ),
    # A surname broken in two (names.span, which writes "Erdogan"), blind to accents.
    (
        "Turkish President Leijiepu Taiyipu Erdo Gan said in Ankara.",
        "Leijiepu Taiyipu Erdo Gan",
        "Recep Tayyip Erdoğan",
    ),
    # A listed garble of the surname (lexicon.garble) grows too, with a context term.
    ("Libyan commander Halifa Haftal said in Benghazi.", "Halifa Haftal", "Khalifa Haftar"),
    (
        "Turkish Foreign Minister Meifulute Chawushiolu said in Ankara.",
        "Meifulute Chawushiolu",
        "Mevlüt Çavuşoğlu",
    ),
]


@pytest.mark.parametrize(("text", "garble", "repair"), GROWN)
def test_the_garbled_given_names_are_repaired_with_the_surname(
    normalizer: Normalizer, text: str, garble: str, repair: str
) -> None:
    result = normalizer.fix(text)
    [change] = result.applied
    assert (change.original, change.replacement) == (garble, repair)
    assert any(line.startswith("given-name part ") for line in change.evidence)
    assert repair in result.text
    # Fixing the output changes nothing more.
    assert normalizer.fix(result.text).applied == ()


def test_a_given_name_written_right_stays_in_the_whole_name(normalizer: Normalizer) -> None:
    # (names.span aligns this one as well; either way the whole name is written.)
    text = "Turkish President Recep Taiyipu Aierduoan said Ankara would host the talks."
    [change] = normalizer.fix(text).applied
    assert (change.original, change.replacement) == (
        "Recep Taiyipu Aierduoan",
        "Recep Tayyip Erdoğan",
    )
    start = text.index("Aierduoan")
    grown = grow(text, start, start + 9, ERDOGAN, "Erdoğan", frozenset())
    assert grown is not None and grown.replacement == "Recep Tayyip Erdoğan"
    assert [line.split(" beside")[0] for line in grown.lines] == ["given-name part 'Taiyipu'"]


def test_the_evidence_says_which_part_aligned_to_which(normalizer: Normalizer) -> None:
    [change] = normalizer.fix(GROWN[0][0]).applied
    lines = [line for line in change.evidence if line.startswith("given-name part ")]
    assert lines == [
        "given-name part 'Leijiepu' beside it stands for Recep (reading: pinyin of 雷杰普)",
        "given-name part 'Taiyipu' beside it stands for Tayyip (near: key TP like 塔伊普, "
        "read tayipu, similarity 0.92)",
    ]


# Without the document evidence that makes the surname repair sure: at most a flag.
@pytest.mark.parametrize(
    "text",
    [
        "Leijiepu Taiyipu Aierduoan said the talks would go on.",
        "Anwaer Yibulaxin arrived yesterday.",
        "Abudulfatah Saixi met reporters on Monday.",
        "Leijiepu Taiyipu Aierduoan said Turkey would host the talks.",
        "Abudulfatah Saixi said Egypt would help.",
        "Anwaer Yibulaxin said Malaysia would help.",
        "Halifa Haftal said so on Monday.",
    ],
)
def test_without_evidence_the_whole_name_is_at_most_flagged(
    normalizer: Normalizer, text: str
) -> None:
    result = normalizer.fix(text)
    grown = [c for c in result.changes if " " in c.original]
    assert all(c.action is Action.FLAGGED for c in grown)
    # The given names are never rewritten by an applied change.
    for word in ("Leijiepu", "Taiyipu", "Yibulaxin", "Abudulfatah", "Halifa"):
        assert (word in text) == (word in result.text)


# (text, what must be left as written)
KEPT = [
    # The given names written right: the surname alone (or the span rule) repairs it.
    ("Turkish President Recep Tayyip Aierduoan said in Ankara.", "Recep Tayyip Erdoğan"),
    ("Egyptian President Abdel Fattah Saixi met Blinken in Cairo.", "Abdel Fattah al-Sisi"),
    # An English word, a title, a lexicon name or a real given name beside the surname.
    ("Egyptian President Saixi met Blinken in Cairo.", "President Sisi"),
    ("In Cairo Saixi said Egypt would help, the Egyptian president said.", "Cairo Sisi"),
    ("Arab League chief Ahmed Aboul Saixi spoke in Cairo, Egypt.", "Ahmed Aboul Sisi"),
    ("Malaysian Prime Minister Anwaer Tuesday said in Kuala Lumpur.", "Anwar Tuesday"),
    # A garbled-looking word beside it that aligns with no given name.
    ("Malaysian Prime Minister Anwaer Zhang said in Kuala Lumpur.", "Anwar Zhang"),
]


@pytest.mark.parametrize(("text", "kept"), KEPT)
def test_what_is_not_a_garbled_given_name_is_never_absorbed(
    normalizer: Normalizer, text: str, kept: str
) -> None:
    result = normalizer.fix(text)
    assert kept in result.text
    assert not any(c.original.count(" ") and c.rule.startswith("fuzzy.") for c in result.changes)


def test_names_written_right_are_untouched(normalizer: Normalizer) -> None:
    for text in (
        "Turkish President Recep Tayyip Erdoğan said Ankara would host the talks.",
        "Malaysian Prime Minister Anwar Ibrahim arrived in Beijing.",
        "Egyptian President Abdel Fattah al-Sisi met Blinken in Cairo.",
        "Chinese Foreign Minister Wang Yi met Li Qiang and Xi Jinping in Beijing.",
        "Arab League chief Ahmed Aboul Gheit spoke in Cairo.",
    ):
        assert normalizer.fix(text).changes == ()


def test_grow_walks_only_as_far_as_the_canonical_has_given_names() -> None:
    text = "Zhang Leijiepu Taiyipu Aierduoan said."
    start = text.index("Aierduoan")
    grown = grow(text, start, start + 9, ERDOGAN, "Erdoğan", frozenset())
    assert grown is not None
    assert text[grown.start : grown.end] == "Leijiepu Taiyipu Aierduoan"
    assert grown.replacement == "Recep Tayyip Erdoğan"


def test_grow_needs_every_word_beside_it_to_align() -> None:
    text = "Leijiepu Zhangsan Aierduoan said."
    start = text.index("Aierduoan")
    assert grow(text, start, start + 9, ERDOGAN, "Erdoğan", frozenset()) is None


def test_grow_covers_the_given_names_next_to_the_surname_only() -> None:
    # One garbled given name: it stands for the one next to the surname (Tayyip), and the
    # repair writes those two parts.
    text = "Mr Taiyipu Aierduoan said."
    start = text.index("Aierduoan")
    grown = grow(text, start, start + 9, ERDOGAN, "Erdoğan", frozenset())
    assert grown is not None and grown.replacement == "Tayyip Erdoğan"
    # A word that would stand for Recep but not Tayyip is not absorbed.
    text = "Mr Leijiepu Aierduoan said."
    start = text.index("Aierduoan")
    assert grow(text, start, start + 9, ERDOGAN, "Erdoğan", frozenset()) is None


def test_grow_leaves_chinese_people_alone() -> None:
    xi = Entity("person/xi-jinping", "person", "Xi Jinping", short="Xi", names=(("zh", "习近平"),))
    text = "Jinpin Xi said."
    assert grow(text, 7, 9, xi, "Xi", frozenset()) is None


def test_the_thresholds_of_a_near_part() -> None:
    assert 0.5 < NEAR < NEAR_SHORT < 1.0
    # Same key (TP), similarity 0.80 with "tayyip": too little for a two-letter key, but
    # the pinyin of 塔伊普 (tayipu) is 0.92 away.
    assert match("taiyipu", (("tayyip", None),)) is not None
    assert match("taiyipu", (("tayyib", None),)) is None
    # A real Arabic name beside another is not a garble of it.
    assert match("aboul", (("abdel", None),)) is None
