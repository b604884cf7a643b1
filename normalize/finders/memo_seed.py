"""The fuzzy finder's memo seeded at compile time with the commonest English words.

The fuzzy finder's memo (:class:`~normalize.names.memo.Memo`) records, per written word,
facts that depend only on the word: most words of a text are ordinary English and end up
"quiet" (no candidate). A fresh process would work that out again for every word it meets;
each worker of ``normalize batch -j N`` is such a process. Here the commonest English words
(wordfreq's list, as written in lower case and capitalised) are classified once, when the
lexicons are compiled, and what the memo learnt about the quiet ones is kept with the
compiled finder (so in the compiled cache): every memo the finder starts begins with it.

Only quiet words are kept, with the evidence words they read as (``cased``): a live word's
profile belongs to one memo (it caches facts about that memo), so it is worked out again
where it is met. Seeding changes no decision: the memo is a cache of facts about words, and
a seeded memo holds what the same memo would hold after meeting those words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from normalize.finders.fuzzy import FuzzyFinder
    from normalize.names.memo import Memo

#: How many of wordfreq's commonest English words are classified (twice: lower case and
#: capitalised). Well below the memo's bound (fuzzy.MEMO_WORDS), so that a memo started
#: afresh keeps room for the words of the texts.
SEED_WORDS = 20_000


class MemoSeed:
    """What a memo knows after meeting the seed words: the quiet ones (split apart from
    the engine's key words by each memo) and the evidence words they read as.

    Pickled as one newline-joined string: unpickling a set of 40,000 strings would allocate
    and hash each of them at every start-up; the string is split when a memo is made.
    """

    __slots__ = ("_quiet", "_text", "cased")

    def __init__(self, quiet: frozenset[str], cased: dict[str, tuple[str, ...]]) -> None:
        if any("\n" in w for w in quiet):
            raise ValueError("a seed word holds a line break")
        self._quiet: frozenset[str] | None = quiet
        self._text = "\n".join(sorted(quiet))
        self.cased = cased

    @property
    def quiet(self) -> frozenset[str]:
        quiet = self._quiet
        if quiet is None:
            quiet = self._quiet = frozenset(self._text.split("\n")) if self._text else frozenset()
        return quiet

    def __len__(self) -> int:
        return len(self.quiet)

    def fill(self, memo: Memo) -> None:
        """Give a new, empty ``memo`` what the seed knows."""
        quiet = set(self._text.split("\n")) if self._text else set()
        apart = quiet.intersection(memo.apart)
        quiet.difference_update(apart)
        memo.quiet, memo.quiet_apart = quiet, apart
        memo.cased = dict(self.cased)
        memo.cased_version = 1

    def __getstate__(self) -> tuple[str, dict[str, tuple[str, ...]]]:
        return self._text, self.cased

    def __setstate__(self, state: tuple[str, dict[str, tuple[str, ...]]]) -> None:
        self._text, self.cased = state
        self._quiet = None


def seed_words(count: int = SEED_WORDS) -> list[str]:
    """wordfreq's ``count`` commonest English words made of letters, each in lower case and
    capitalised (how prose writes them), sorted."""
    from wordfreq import top_n_list

    words = [w for w in top_n_list("en", count) if w.isalpha() and "\n" not in w]
    return sorted({form for w in words for form in (w, w.capitalize())})


def seed(finder: FuzzyFinder, words: list[str] | None = None) -> MemoSeed:
    """Classify ``words`` (default :func:`seed_words`) with ``finder`` and keep what its
    memo learnt about the quiet ones as the finder's seed; returns the seed."""
    from normalize.names.memo import Memo

    memo = Memo()
    finder._classify(seed_words() if words is None else words, memo)
    quiet = frozenset(memo.quiet | memo.quiet_apart)
    cased: dict[str, tuple[str, ...]] = {}
    for key, written in memo.cased.items():
        kept = tuple(w for w in written if w in quiet)
        if kept:
            cased[key] = kept
    found = MemoSeed(quiet, cased)
    finder.set_seed(found)
    return found
