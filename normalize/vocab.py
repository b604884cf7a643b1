"""What ordinary English looks like: a word list and word frequencies from packages.

- ``english-words`` (MIT) ships Webster's Second International (1934, public domain) with
  case kept, so "turkey" and "lee" are words while "libyan" and "haftar" are not.
- ``wordfreq`` (Apache-2.0 code, CC BY-SA 4.0 data) gives Zipf frequencies, used to judge
  how unusual a token is. It folds case, so names count too: it measures rarity, not
  whether a token is an English word.

Both load lazily, on the first question, so that documents with nothing to ask cost nothing.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from functools import cache, lru_cache
from typing import Any, TypeVar

_S = TypeVar("_S")


class WordSet(AbstractSet[str]):
    """A read-only set of many words, made of one newline-joined text per first three
    letters, each turned into a set when a word with those letters is first asked about.

    A frozenset of Webster's 210,000 lower-case words takes 0.05 s to unpickle (every word
    an object to allocate, hash and insert), a sixth of a short run's start, while a short
    text asks about a few hundred words: here loading copies a few thousand strings, and a
    text pays for the parts it reads. Set operations (``in``, ``-`` with a set on the left,
    iteration) behave as a frozenset's; their results are frozensets.

    >>> words = WordSet(["tripoli", "trip", "the", "a"])
    >>> "trip" in words, "tri" in words, "a" in words, len(words)
    (True, False, True, 4)
    >>> sorted({"the", "haftar", "trip"} - words), sorted(words) == ["a", "the", "trip", "tripoli"]
    (['haftar'], True)
    """

    __slots__ = ("_len", "_parts", "_sets")

    #: Letters of the prefix that files a word.
    PREFIX = 3

    def __init__(self, words: Iterable[str]) -> None:
        parts: dict[str, list[str]] = {}
        for word in set(words):
            if "\n" in word:
                raise ValueError("a word holds a line break")
            parts.setdefault(word[: self.PREFIX], []).append(word)
        self._parts = {k: "\n".join(sorted(ws)) for k, ws in sorted(parts.items())}
        self._len = sum(map(len, parts.values()))
        self._sets: dict[str, frozenset[str]] = {}

    def _part(self, prefix: str) -> frozenset[str]:
        found = self._sets.get(prefix)
        if found is None:
            text = self._parts.get(prefix)
            found = self._sets[prefix] = frozenset(text.split("\n")) if text else frozenset()
        return found

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        prefix = word[:3]  # PREFIX, inlined: asked thousands of times a megabyte
        found = self._sets.get(prefix)
        return word in (self._part(prefix) if found is None else found)

    def __iter__(self) -> Iterator[str]:
        for prefix in self._parts:
            yield from self._part(prefix)

    def __len__(self) -> int:
        return self._len

    @classmethod
    def _from_iterable(cls, it: Iterable[_S]) -> frozenset[_S]:
        return frozenset(it)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_word_set, (self._parts, self._len))


def _word_set(parts: dict[str, str], length: int) -> WordSet:
    words = WordSet.__new__(WordSet)
    words._parts, words._len, words._sets = parts, length, {}
    return words


@cache
def english_lowercase_words() -> WordSet:
    """Lower-case entries of Webster's Second: ordinary words, not names.

    Deriving the set from the package costs more than a short run takes in all, so the
    derived set is kept in the compiled cache (:mod:`normalize.cache`), keyed by the
    package's version.
    """
    from english_words.version import VERSION

    from normalize import cache as compiled

    key = compiled.key_for("vocab-web2-lowercase", VERSION)
    return compiled.get_or_build(key, _web2_lowercase)


def _web2_lowercase() -> WordSet:
    from english_words import get_english_words_set

    words = get_english_words_set(["web2"], lower=False, alpha=True)
    return WordSet(w for w in words if w.islower())


def is_english_word(word: str) -> bool:
    """Whether ``word`` (any case) is an ordinary lower-case English word or its plural.

    Webster's lists head words only, so a plural ("poles", "churches") counts when its
    singular is listed: "Poles" in lower case is the plural of "pole" before it is a
    demonym.

    >>> is_english_word("Turkey"), is_english_word("haftar"), is_english_word("poles")
    (True, False, True)
    """
    words = english_lowercase_words()
    low = word.lower()
    if low in words:
        return True
    if low.endswith("es") and low[:-2] in words:
        return True
    return low.endswith("s") and len(low) > 3 and low[:-1] in words


#: Distinct words whose frequency is remembered; the table lookup is cheap, the bound keeps
#: a long batch (millions of documents, ever new names) from growing without end.
ZIPF_CACHE_SIZE = 8192


@lru_cache(maxsize=ZIPF_CACHE_SIZE)
def zipf(word: str) -> float:
    """Zipf frequency of a word in English (0 = unseen, 7 = "the"), as wordfreq gives it.

    Plain ASCII words are looked up in a table that wordfreq itself computed, kept in the
    compiled cache: importing wordfreq and loading its data costs 0.3 s, more than a whole
    short run. wordfreq scores an ASCII word it does not list as 0; anything else (other
    scripts, digits, punctuation) is asked of wordfreq directly.

    >>> zipf("the") > 7 > 3 > zipf("chawushiolu")
    True
    """
    if word.isascii() and word.isalpha():
        return _zipf_table().get(word.lower(), 0.0)
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


class WordTable:
    """A read-only word -> number table held in a few flat objects instead of two per word.

    A dict of wordfreq's 290,000 English words takes 0.06-0.08 s to unpickle (every key and
    value is an object to allocate and hash) while a run on a short file asks for a dozen
    of them. Here the sorted words are one newline-delimited string cut into runs of
    :attr:`RUN` words, with the first word of each run in a list and the numbers in an
    array in word order: loading copies a few buffers, and a lookup is a binary search of
    the first words and a search of one run (a few hundred characters), both in C.

    >>> table = WordTable({"tripoli": 3.5, "the": 7.73, "a": 7.4})
    >>> table.get("the"), table.get("tripoli"), table.get("trip"), table.get("zzz"), len(table)
    (7.73, 3.5, 0.0, 0.0, 3)
    """

    __slots__ = ("_firsts", "_starts", "_text", "_values")

    #: Words per run.
    RUN = 64

    def __init__(self, items: Mapping[str, float]) -> None:
        words = sorted(items)
        if any("\n" in w or not w for w in words):
            raise ValueError("words must be non-empty and contain no newline")
        self._text = "\n" + "\n".join(words) + "\n"
        self._values = array("d", (items[w] for w in words))
        self._firsts = words[:: self.RUN]
        # Where each run starts in the text (the newline before its first word), and where
        # the text's last newline is.
        self._starts = array("q")
        pos = 0
        for i, w in enumerate(words):
            if i % self.RUN == 0:
                self._starts.append(pos)
            pos += len(w) + 1
        self._starts.append(pos)

    def get(self, word: str, default: float = 0.0) -> float:
        """The number for ``word``, or ``default`` when the table does not list it."""
        run = bisect_right(self._firsts, word) - 1
        if run < 0 or "\n" in word or not word:
            return default
        start = self._starts[run]
        at = self._text.find(f"\n{word}\n", start, self._starts[run + 1] + 1)
        if at < 0:
            return default
        return self._values[run * self.RUN + self._text.count("\n", start, at)]

    def __len__(self) -> int:
        return len(self._values)

    def __reduce__(self) -> tuple[Any, ...]:
        state = (self._text, self._firsts, self._starts.tobytes(), self._values.tobytes())
        return (_word_table, state)


def _word_table(text: str, firsts: list[str], starts: bytes, values: bytes) -> WordTable:
    table = WordTable.__new__(WordTable)
    table._text = text
    table._firsts = firsts
    table._starts = array("q")
    table._starts.frombytes(starts)
    table._values = array("d")
    table._values.frombytes(values)
    return table


@cache
def _zipf_table() -> WordTable:
    from normalize import cache as compiled

    key = compiled.key_for("vocab-zipf-en/table", compiled.package_version("wordfreq"))
    return compiled.get_or_build(key, _build_zipf_table)


def _build_zipf_table() -> WordTable:
    return WordTable(_zipf_dict())


def _zipf_dict() -> dict[str, float]:
    """wordfreq's Zipf frequency of every plain ASCII English word it lists."""
    from wordfreq import get_frequency_dict, zipf_frequency

    return {
        w: float(zipf_frequency(w, "en"))
        for w in get_frequency_dict("en")
        if w.isascii() and w.isalpha()
    }
