"""A text with the derived views that finders and the scorer share, computed on demand."""

from __future__ import annotations

from collections import Counter
from functools import cached_property

from normalize.protect import Protected
from normalize.text import WORD_RE

# ASCII characters that are not word characters, mapped to a space: on ASCII text,
# `translate` + `split` finds the same words as WORD_RE at about twice the speed.
_ASCII_NONWORD = str.maketrans(
    {chr(c): " " for c in range(128) if not chr(c).isalnum() and not chr(c).isspace()}
)


def _is_word_char(char: str) -> bool:
    """Whether ``char`` is a letter, mark or number, exactly as WORD_RE judges it."""
    if char.isascii():
        return char.isalnum()
    return WORD_RE.match(char) is not None


def _find_whole(text: str, word: str) -> list[int]:
    found: list[int] = []
    size = len(word)
    i = text.find(word)
    while i >= 0:
        j = i + size
        if (i == 0 or not _is_word_char(text[i - 1])) and (
            j == len(text) or not _is_word_char(text[j])
        ):
            found.append(i)
        i = text.find(word, i + 1)
    return found


class Document:
    """One input text. Views are computed lazily and at most once.

    The views are C-level where possible (``findall``, ``set``, ``Counter``) so that the
    per-document Python work grows with the rare words a finder asks about, not with the
    length of the text.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def words(self) -> list[str]:
        """Every word in order, as written."""
        return WORD_RE.findall(self.text)

    @cached_property
    def distinct(self) -> frozenset[str]:
        """The distinct words as written.

        ASCII text (most English) is split by C-level ``translate`` and ``split``, about
        twice as fast as the regular expression; other text goes through WORD_RE.

        >>> sorted(Document("Haftar's LNA, Haftar\u2019s men").distinct)
        ['Haftar', 'LNA', 'men', 's']
        """
        if self.text.isascii():
            return frozenset(self.text.translate(_ASCII_NONWORD).split())
        return frozenset(self.words)

    @cached_property
    def folded_distinct(self) -> frozenset[str]:
        """The distinct words, case-folded."""
        distinct = self.distinct
        if self.text.isascii():
            return frozenset(" ".join(distinct).lower().split())
        return frozenset(w.casefold() for w in distinct)

    def find_word(self, word: str) -> list[int]:
        """The offsets where ``word`` occurs as a whole word (not inside a longer one).

        >>> Document("Al and Albany, al-Al").find_word("Al")
        [0, 18]
        """
        return _find_whole(self.text, word)

    def find_word_anycase(self, folded: str) -> list[int]:
        """Like :meth:`find_word` in any letter case; ``folded`` is lower-case ASCII and the
        text must be ASCII (where lower-casing keeps every offset).

        >>> Document("Kabo, KABO and kabob").find_word_anycase("kabo")
        [0, 6]
        """
        return _find_whole(self.lowered, folded)

    @cached_property
    def lowered(self) -> str:
        """The lower-cased text (same offsets as the text only when it is ASCII)."""
        return self.text.lower()

    def word_before(self, pos: int) -> tuple[int, str] | None:
        """The word that :func:`~normalize.text.match_key_at` would read as the one before the
        word starting at ``pos``: 1 to 4 non-word characters back, then a whole word.

        >>> Document("Khalifa - Haftar").word_before(10), Document("x ----- y").word_before(8)
        ((0, 'Khalifa'), None)
        """
        text = self.text
        i = pos
        while i > 0 and pos - i < 5 and not _is_word_char(text[i - 1]):
            i -= 1
        if i == pos or pos - i > 4 or i == 0:
            return None
        end = i
        while i > 0 and _is_word_char(text[i - 1]):
            i -= 1
        return i, text[i:end]

    @cached_property
    def word_counts(self) -> Counter[str]:
        """How often each case-folded word occurs."""
        if self.text.isascii():  # lower case is case folding there: all at C level
            return Counter(self.lowered.translate(_ASCII_NONWORD).split())
        counts: Counter[str] = Counter()
        for word, n in Counter(self.words).items():
            counts[word.casefold()] += n
        return counts

    @cached_property
    def folded(self) -> str:
        """The case-folded text, for counting multi-word phrases (not for offsets)."""
        return self.text.casefold()

    @cached_property
    def protected(self) -> Protected:
        """URLs, e-mail addresses and code spans, which no rule touches."""
        return Protected(self.text)

    def count(self, phrase: str) -> int:
        """How often a word or phrase occurs, case-insensitively.

        >>> Document("Libya, LIBYA and the Libyan coast").count("libya")
        2
        """
        folded = phrase.casefold()
        if WORD_RE.fullmatch(folded):
            return self.word_counts.get(folded, 0)
        return self.folded.count(folded)
