"""A text with the derived views that finders and the scorer share, computed on demand."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cached_property

import regex

from normalize.protect import DEFAULT_PATTERN_TIMEOUT, Protected
from normalize.text import WORD_RE


class Document:
    """One input text. Views are computed lazily and at most once.

    The views are C-level where possible (``findall``, ``set``, ``Counter``) so that the
    per-document Python work grows with the rare words a finder asks about, not with the
    length of the text.
    """

    def __init__(
        self,
        text: str,
        ignore: Sequence[regex.Pattern[str]] = (),
        ignore_timeout: float = DEFAULT_PATTERN_TIMEOUT,
    ) -> None:
        self.text = text
        self._ignore = ignore
        self._ignore_timeout = ignore_timeout
        # Every garble candidate asks for its entity's context terms; without this a
        # text with many garbles rescans itself once per candidate (quadratic).
        self._phrase_counts: dict[str, int] = {}

    @cached_property
    def words(self) -> list[str]:
        """Every word in order, as written."""
        return WORD_RE.findall(self.text)

    @cached_property
    def distinct(self) -> frozenset[str]:
        """The distinct words as written."""
        return frozenset(self.words)

    @cached_property
    def word_counts(self) -> Counter[str]:
        """How often each case-folded word occurs."""
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
        """URLs, e-mail addresses, code, marked lines and ignored text: no rule touches them."""
        return Protected(self.text, self._ignore, self._ignore_timeout)

    def count(self, phrase: str) -> int:
        """How often a word or phrase occurs, case-insensitively.

        >>> Document("Libya, LIBYA and the Libyan coast").count("libya")
        2
        """
        folded = phrase.casefold()
        if WORD_RE.fullmatch(folded):
            return self.word_counts.get(folded, 0)
        if folded not in self._phrase_counts:
            self._phrase_counts[folded] = self.folded.count(folded)
        return self._phrase_counts[folded]
