"""Place names that English writes as one word: no spacing noise (``fuzzy.spacing``).

The fuzzy finder proposes a multi-word lexicon form for a word equal to it with the spaces
taken out ("Kimjongun" -> Kim Jong-un). For a place whose every word is one syllable, as
Vietnamese, Burmese, Lao, Thai and Korean place names are romanised syllable by syllable,
the joined spelling is ordinary English, and older than the spaced one: Nhatrang, Cantho,
Naypyitaw, Chiangmai, Hongkong (as Hanoi, Saigon and Haiphong are). Such a word is left
alone. People are not: English does not join a person's family and given names
("Kimjongun", "Xijinping" are noise), and neither are places with a longer word
("Kualalumpur", "Srilanka").
"""

from __future__ import annotations

import regex

from normalize.lexicon.records import Entity
from normalize.text import WORD_RE
from normalize.translit import ascii_fold

#: A run of vowel letters: one per syllable of a romanised syllable ("pyi", "trang", "yeo").
_VOWELS = regex.compile(r"[aeiouy]+")


def one_syllable(word: str) -> bool:
    """Whether a word has one run of vowels, as a romanised syllable has.

    >>> [one_syllable(w) for w in ("Nha", "Trang", "Pyi", "Taw", "Thơ", "Pyeong", "Lumpur")]
    [True, True, True, True, True, True, False]
    """
    return len(_VOWELS.findall(ascii_fold(word).casefold())) == 1


def joined_in_english(entity: Entity, written: str) -> bool:
    """Whether English writes the multi-word form ``written`` of ``entity`` as one word as
    well: a place whose every word is one syllable.

    >>> nha_trang = Entity("place/nha-trang", "place", "Nha Trang")
    >>> joined_in_english(nha_trang, "Nha Trang")
    True
    >>> joined_in_english(Entity("place/kl", "place", "Kuala Lumpur"), "Kuala Lumpur")
    False
    >>> joined_in_english(Entity("person/kim", "person", "Kim Jong-un"), "Kim Jong-un")
    False
    """
    if entity.type != "place":
        return False
    words = WORD_RE.findall(written)
    return len(words) > 1 and all(one_syllable(w) for w in words)
