"""Whether a word is English: an English word with an ending, a British spelling, a compound
of two English words, or one edit from a common English word (a typo).

The fuzzy finder (:class:`normalize.finders.fuzzy.FuzzyFinder`) asks these before it takes a
word for a garbled name: a word that reads as English is not looked at.
"""

from __future__ import annotations

from normalize.vocab import english_lowercase_words, zipf

#: Tokens at least this frequent in English (Zipf) are ordinary words or well-known names.
MAX_ZIPF = 3.0
#: Longest token the fuzzy rules look at: no name is longer, and every per-token computation
#: (one-edit variants, compound splits, index look-ups) grows with the length, so a hostile
#: 40,000-letter "word" must be turned away before any of them (issue 15 item 1).
MAX_LETTERS = 40

_SUFFIXES = ("s", "es", "ed", "d", "ing", "ly", "er", "ers", "ian", "ist")


#: Shorter garbles are often one letter from an English word ("salaj", "salad"): the
#: misspelling guard looks only at longer tokens, where that is a typo, not a name.
MIN_TYPO_LETTERS = 8
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _misspelt_english(word: str) -> bool:
    """Whether a long lower-case word is one edit (a letter dropped, added, changed or two
    swapped) from a common English word: a typo such as "opporunity", not a garbled name.

    >>> [_misspelt_english(w) for w in ("opporunity", "chawushiolu", "salaj")]
    [True, False, False]
    """
    return english_typo_of(word) is not None


def english_typo_of(word: str) -> str | None:
    """The common English word a long lower-case word is one edit from, if any.

    >>> english_typo_of("opporunity"), english_typo_of("chawushiolu")
    ('opportunity', None)
    """
    if not MIN_TYPO_LETTERS <= len(word) <= MAX_LETTERS or not word.isascii():
        return None
    english = english_lowercase_words()
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    variants = {a + b[1:] for a, b in splits if b}
    variants |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    variants |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    variants |= {a + c + b for a, b in splits for c in _LETTERS}
    return min((v for v in variants - {word} if v in english and zipf(v) >= 3.0), default=None)


def _inflected_english(word: str) -> bool:
    """Whether a lower-case word is an English word plus an ending, a British spelling or a
    compound of two English words.

    >>> _inflected_english("modernises"), _inflected_english("shopfront")
    (True, True)
    >>> _inflected_english("chawushiolu")
    False
    """
    return english_reading(word) is not None


def english_reading(word: str) -> str | None:
    """How a lower-case word reads as English (:func:`_inflected_english`), or None.

    >>> english_reading("modernises"), english_reading("shopfront")
    ('modernize + s', 'shop + front')
    >>> english_reading("parities")
    'parity + ies'
    """
    if len(word) > MAX_LETTERS:
        return None
    english = english_lowercase_words()
    variants = {word, word.replace("is", "iz"), word.replace("our", "or")}
    for v in sorted(variants):
        if v in english:
            return v
        for suffix in _SUFFIXES:
            if v.endswith(suffix) and len(v) - len(suffix) >= 3:
                stem = v[: -len(suffix)]
                if stem in english or stem + "e" in english or zipf(stem) >= MAX_ZIPF:
                    base = stem if stem in english or zipf(stem) >= MAX_ZIPF else stem + "e"
                    return f"{base} + {suffix}"
        if v.endswith("ies") and v[:-3] + "y" in english:
            return f"{v[:-3]}y + ies"  # "parities", "ecologies"
    # Compounds such as "shopfront": two English words of four letters or more.
    for i in range(4, len(word) - 3):
        if word[:i] in english and word[i:] in english:
            return f"{word[:i]} + {word[i:]}"
    return None


#: Both words of an English compound must be this common (Zipf); a two-letter word more so.
_COMPOUND_ZIPF = 4.5
_COMPOUND_ZIPF_SHORT = 6.0


def _english_compound(word: str) -> bool:
    """Whether a word is two common English words run together, as technical writing
    makes names of things ("newline", "builtin", "keyfile", "getstate"): no garble of a
    name reads so.

    >>> [_english_compound(w) for w in ("newline", "builtin", "istitle")]
    [True, True, True]
    >>> [_english_compound(w) for w in ("teben", "hongsen", "haftal", "bosonaro")]
    [False, False, False, False]
    """
    return compound_reading(word) is not None


def compound_reading(word: str) -> str | None:
    """The two common English words a word is run together from (:func:`_english_compound`).

    >>> compound_reading("newline"), compound_reading("haftal")
    ('new + line', None)
    """
    if len(word) > MAX_LETTERS or not word.isascii():
        return None
    english = english_lowercase_words()
    for i in range(2, len(word) - 1):
        head, tail = word[:i], word[i:]
        if head in english and tail in english and _common(head) and _common(tail):
            return f"{head} + {tail}"
    return None


def _common(word: str) -> bool:
    return zipf(word) >= (_COMPOUND_ZIPF_SHORT if len(word) == 2 else _COMPOUND_ZIPF)
