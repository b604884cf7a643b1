"""A text with the derived views that finders and the scorer share, computed on demand."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, Generic, TypeVar, overload

import regex

from normalize.protect import (
    DEFAULT_PATTERN_TIMEOUT,
    Protected,
    needs_whole_scan,
    protected_at,
    writes_code,
)
from normalize.text import WORD_RE

# ASCII characters that are not word characters, mapped to a space: on ASCII text,
# `translate` + `split` finds the same words as WORD_RE at about twice the speed.
_ASCII_NONWORD = str.maketrans(
    {chr(c): " " for c in range(128) if not chr(c).isalnum() and not chr(c).isspace()}
)
# The same for bytes (several times faster than ``str.translate``), leaving bytes 128-255
# alone so that UTF-8 survives; the second table also lower-cases ASCII letters.
_BYTES_NONWORD = bytes(
    c if c > 127 or chr(c).isalnum() or chr(c).isspace() else 32 for c in range(256)
)
_BYTES_NONWORD_LOWER = bytes(
    c if c > 127 or chr(c).isspace() else ord(chr(c).lower()) if chr(c).isalnum() else 32
    for c in range(256)
)
# :meth:`Document.is_protected` looks near a span this many times per document before it
# scans the whole text once instead.
_LOCAL_PROTECTION_CHECKS = 16
# :meth:`Document.count` looks a word up by searching the lower-cased text, instead of
# counting every word of it, this many times per document, for words that occur at most
# _FEW_OCCURRENCES times as a substring: beyond that, counting every word is cheaper.
_WORD_SEARCHES = 16
_FEW_OCCURRENCES = 8


def _ascii_words(text: str, table: bytes = _BYTES_NONWORD) -> list[str]:
    """The words of ASCII ``text`` (lower-cased with :data:`_BYTES_NONWORD_LOWER`)."""
    return text.encode("ascii").translate(table).decode("ascii").split()


def _distinct_words(text: str) -> frozenset[str]:
    """The distinct words of any text, exactly as ``WORD_RE.findall`` finds them.

    ASCII punctuation becomes a space in C (on the UTF-8 bytes), so that a white-space
    split yields every word of the text, except that a token holding other characters may
    still join several words ("Haftar\u2019s"): only those few tokens go through WORD_RE.
    White space of any kind is never part of a word, nor is any other character that
    ``str.split`` splits on.
    """
    if text.isascii():
        return frozenset(_ascii_words(text))
    tokens = frozenset(
        text.encode("utf-8", "surrogatepass")
        .translate(_BYTES_NONWORD)
        .decode("utf-8", "surrogatepass")
        .split()
    )
    mixed = [t for t in tokens if not t.isascii()]
    return tokens.difference(mixed).union(*map(WORD_RE.findall, mixed))


def _is_word_char(char: str) -> bool:
    """Whether ``char`` is a letter, mark or number, exactly as WORD_RE judges it."""
    if char.isascii():
        return char.isalnum()
    return WORD_RE.match(char) is not None


T = TypeVar("T")

# Where a new article may start in a long text: after two or more blank lines, or at a line
# that opens with a news dateline ("TRIPOLI, June 7 (Reuters) - ", "CAIRO (AP) \u2014 ").
# A single blank line separates paragraphs of one article and is never a boundary by
# itself, nor is a headline on its own: a subheading ("Sirte war") looks the same.
_DATELINE = (
    r"[A-Z][A-Z'.\-]{2,}(?:[^\S\n][A-Z][A-Z'.\-]+){0,3}"  # the place, in capitals
    r"(?:,[^\S\n][\p{L}\p{N} .,]{2,30}?)?"  # ", June 7" or ", Libya"
    r"(?:[^\S\n]\([\p{L} .&]{2,30}\))?"  # "(Reuters)"
    r"[^\S\n]*[\-\u2013\u2014]{1,2}[^\S\n]"
)
# Both kinds of break start at a line break, so the pattern opens with one: the regular
# expression engine then looks only at line breaks instead of trying every offset. (A
# dateline break ends just after its line break, where a zero-width match after it would.)
_ARTICLE_BREAK_RE = regex.compile(rf"\n(?:(?:[^\S\n]*\n){{2,}}\s*|(?={_DATELINE}))")
_LINE_BREAK_RE = regex.compile(r"\n\s*")
# Pieces shorter than this (code points) are a headline, a date, a by-line or a footer: they
# belong to the article after them (the last one, to the article before it).
_MIN_ARTICLE = 500
# A text of at least this many paragraphs, nearly all (this share) of article length, is
# a collection of one-paragraph articles (a corpus, one article per line): news paragraphs
# are short, and seed 003, MT output with long paragraphs, has less than half that long.
_COLLECTION_PARAGRAPHS = 8
_COLLECTION_SHARE = 0.8


def article_bounds(text: str) -> list[tuple[int, int]]:
    """The articles of a text, as ``[start, end)`` spans that cover it in order.

    Evidence is gathered per article, so that in a file of many articles what one says
    about a name does not count for another. Conservative: most texts are one article.
    Articles start after two or more blank lines, at a dateline, and at every paragraph
    of a text that is a collection of one-paragraph articles; a piece shorter than
    :data:`_MIN_ARTICLE` joins its neighbour.

    >>> head, body = "Title\\n\\n\\n", "Body. " * 100
    >>> [(s, e) for s, e in article_bounds(head + body + "\\n\\n\\n" + body)]
    [(0, 611), (611, 1211)]
    >>> article_bounds(body + "\\n\\n" + body), len(article_bounds((body + "\\n") * 8))
    ([(0, 1202)], 8)
    """
    size = len(text)
    if size < 2 * _MIN_ARTICLE or text.count("\n", _MIN_ARTICLE) < 1:
        return [(0, size)]
    breaks = [m.end() for m in _ARTICLE_BREAK_RE.finditer(text)]
    if text.count("\n") >= _COLLECTION_PARAGRAPHS and size >= _COLLECTION_PARAGRAPHS * _MIN_ARTICLE:
        lines = [m.end() for m in _LINE_BREAK_RE.finditer(text)]
        edges = [0, *lines, size]
        lengths = [b - a for a, b in itertools.pairwise(edges) if b > a]
        long = sum(n >= _MIN_ARTICLE for n in lengths)
        if len(lengths) >= _COLLECTION_PARAGRAPHS and long >= _COLLECTION_SHARE * len(lengths):
            breaks = sorted({*breaks, *lines})
    starts = [0]
    for at in breaks:
        # A piece too short to be an article joins the next one.
        if at - starts[-1] >= _MIN_ARTICLE and at < size:
            starts.append(at)
    if len(starts) > 1 and size - starts[-1] < _MIN_ARTICLE:
        starts.pop()  # a short tail (a footer) joins the article before it
    return list(itertools.pairwise([*starts, size]))


class lazy(Generic[T]):
    """A cached property without the lock that ``functools.cached_property`` takes on every
    first access up to Python 3.11 (one lock per property, shared by all instances):
    Documents are made by the million, and threads sharing a Normalizer would queue on it.
    A race computes a value twice, which is harmless for these pure views."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> lazy[T]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> T | lazy[T]:
        if obj is None:
            return self
        value = self.func(obj)
        obj.__dict__[self.name] = value  # later reads find it before the descriptor
        return value


@lru_cache(maxsize=4096)
def _phrase_key(phrase: str) -> tuple[str, bool]:
    """A context term case-folded, and whether it is one word (terms recur in every text)."""
    folded = phrase.casefold()
    return folded, WORD_RE.fullmatch(folded) is not None


def _find_whole(text: str, word: str, lo: int = 0, hi: int | None = None) -> list[int]:
    """The places of ``word`` in ``text[lo:hi]`` with no word character either side (in the
    whole text)."""
    found: list[int] = []
    size = len(word)
    if hi is None:
        hi = len(text)
    i = text.find(word, lo, hi)
    while i >= 0:
        j = i + size
        if (i == 0 or not _is_word_char(text[i - 1])) and (
            j == len(text) or not _is_word_char(text[j])
        ):
            found.append(i)
        i = text.find(word, i + 1, hi)
    return found


# A text longer than this (code points) answers :meth:`Document.find_word` from an index of
# blocks (see :class:`_Blocks`) once it has been asked _DIRECT_FINDS times: each search of
# the whole text costs its length, and a long text may be asked about thousands of words.
_BLOCK_CHARS = 1 << 15
_DIRECT_FINDS = 8


class _Blocks:
    """A long text cut into blocks of about :data:`_BLOCK_CHARS`, each with its distinct words.

    Each cut is just after a white-space character, so no word straddles one; a whole word
    of the text is a whole word of its block, and only the blocks holding a word are
    searched for it. Built with the same C-level splitting as :attr:`Document.distinct`.
    """

    __slots__ = ("bounds", "words")

    def __init__(self, text: str, lower: bool) -> None:
        ascii_table = _BYTES_NONWORD_LOWER if lower else _BYTES_NONWORD
        self.bounds: list[tuple[int, int]] = []
        self.words: list[frozenset[str]] = []
        start, size = 0, len(text)
        while start < size:
            end = min(size, start + _BLOCK_CHARS)
            if end < size:
                cut = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
                end = cut + 1 if cut > start else _next_space(text, end)
            block = text[start:end]
            if block.isascii():
                words = frozenset(_ascii_words(block, ascii_table))
            else:  # only the lower-cased copy of an ASCII text is searched in any case
                words = _distinct_words(block)
            self.bounds.append((start, end))
            self.words.append(words)
            start = end

    def find(self, text: str, word: str) -> list[int]:
        """:func:`_find_whole` for a ``word`` that is one whole word (WORD_RE)."""
        found: list[int] = []
        for (lo, hi), words in zip(self.bounds, self.words, strict=True):
            if word in words:
                found.extend(_find_whole(text, word, lo, hi))
        return found


def _next_space(text: str, at: int) -> int:
    """Just after the first white space at or after ``at`` (the end if none)."""
    found = [i for i in (text.find(" ", at), text.find("\n", at)) if i >= 0]
    return min(found) + 1 if found else len(text)


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
        self._word_searches = _WORD_SEARCHES
        # What a long-lived object (an index) found in this text, keyed by that object.
        self.memo: dict[object, Any] = {}
        self._local_checks = _LOCAL_PROTECTION_CHECKS
        # Set by :meth:`narrow`: the word sets it covers, and the words of the text among them.
        self._covered: frozenset[frozenset[str]] = frozenset()
        self._keyed: frozenset[str] = frozenset()
        self._direct_finds = _DIRECT_FINDS
        #: The whole text this one is an article of (the engine sets it), or itself: what
        #: holds of the whole text's style (:attr:`writes_code`) is asked of it.
        self.whole: Document = self

    @property
    def ignore(self) -> Sequence[regex.Pattern[str]]:
        """The user's ignore patterns: what they match is protected."""
        return self._ignore

    @lazy
    def is_ascii(self) -> bool:
        """Whether the text is ASCII (where lower case is case folding and keeps offsets)."""
        return self.text.isascii()

    @lazy
    def words(self) -> list[str]:
        """Every word in order, as written."""
        return WORD_RE.findall(self.text)

    @lazy
    def distinct(self) -> frozenset[str]:
        """The distinct words as written.

        ASCII text (most English) is split by C-level ``translate`` and ``split``, about
        twice as fast as the regular expression; other text goes through WORD_RE.

        >>> sorted(Document("Haftar's LNA, Haftar\u2019s men").distinct)
        ['Haftar', 'LNA', 'men', 's']
        """
        return _distinct_words(self.text)

    def narrow(
        self,
        sets: frozenset[frozenset[str]],
        union: frozenset[str],
        within: frozenset[str] | None = None,
    ) -> frozenset[str]:
        """Intersect the distinct words once with ``union``, the union of ``sets``, so that
        :meth:`among` answers for each of ``sets`` from that small result; returns it.

        ``within``, if given, is a subset of the distinct words that holds every one of them
        in ``union`` (the fuzzy finder's unquiet words): intersected instead, it gives the
        same result from fewer words.

        >>> doc = Document("the Koreas are")
        >>> a, b = frozenset({"Koreas", "CNNs"}), frozenset({"are"})
        >>> sorted(doc.narrow(frozenset({a, b}), a | b)), sorted(doc.among(a))
        (['Koreas', 'are'], ['Koreas'])
        """
        self._covered = sets
        # frozenset.intersection walks the smaller set, as ``&`` does.
        self._keyed = keyed = union.intersection(self.distinct if within is None else within)
        return keyed

    def among(self, words: frozenset[str]) -> frozenset[str]:
        """``distinct & words``: from the words :meth:`narrow` found when ``words`` is one of
        the sets it was given (each a subset of its union, so the answer is the same)."""
        if words in self._covered:
            return self._keyed & words
        return self.distinct & words

    @lazy
    def folded_distinct(self) -> frozenset[str]:
        """The distinct words, case-folded."""
        counts = self.__dict__.get("word_counts")
        if counts is not None:  # its keys, already hashed
            return frozenset(counts)
        return frozenset(map(str.lower if self.is_ascii else str.casefold, self.distinct))

    def find_word(self, word: str) -> list[int]:
        """The offsets where ``word`` occurs as a whole word (not inside a longer one).

        >>> Document("Al and Albany, al-Al").find_word("Al")
        [0, 18]
        """
        return self._find(self.text, word, lower=False)

    def _find(self, text: str, word: str, *, lower: bool) -> list[int]:
        """:func:`_find_whole` over ``text`` (the text or :attr:`lowered`), from the blocks
        that hold ``word`` once a long text has been searched a few times."""
        if len(text) <= 2 * _BLOCK_CHARS or WORD_RE.fullmatch(word) is None:
            return _find_whole(text, word)
        if self._direct_finds:
            self._direct_finds -= 1
            return _find_whole(text, word)
        return self._blocks(lower).find(text, word)

    def _blocks(self, lower: bool) -> _Blocks:
        blocks: _Blocks | None = self.memo.get((_Blocks, lower))
        if blocks is None:
            text = self.lowered if lower else self.text
            blocks = self.memo[(_Blocks, lower)] = _Blocks(text, lower)
        return blocks

    def find_word_anycase(self, folded: str) -> list[int]:
        """Like :meth:`find_word` in any letter case; ``folded`` is lower-case ASCII and the
        text must be ASCII (where lower-casing keeps every offset).

        >>> Document("Kabo, KABO and kabob").find_word_anycase("kabo")
        [0, 6]
        """
        return self._find(self.lowered, folded, lower=True)

    def has_word_anycase(self, folded: str) -> bool:
        """Whether :meth:`find_word_anycase` finds anything (it stops at the first).

        >>> [Document(t).has_word_anycase("kabo") for t in ("Kabob, KABO", "kabob")]
        [True, False]
        """
        text = self.lowered
        if len(text) > 2 * _BLOCK_CHARS and (_Blocks, True) in self.memo:
            return bool(self._find(text, folded, lower=True))
        size = len(folded)
        i = text.find(folded)
        while i >= 0:
            j = i + size
            if (i == 0 or not _is_word_char(text[i - 1])) and (
                j == len(text) or not _is_word_char(text[j])
            ):
                return True
            i = text.find(folded, i + 1)
        return False

    @lazy
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

    @lazy
    def word_counts(self) -> Counter[str]:
        """How often each case-folded word occurs."""
        if self.is_ascii:  # lower case is case folding there: all at C level
            return Counter(_ascii_words(self.text, _BYTES_NONWORD_LOWER))
        counts: Counter[str] = Counter()
        for word, n in Counter(self.words).items():
            counts[word.casefold()] += n
        return counts

    @lazy
    def folded(self) -> str:
        """The case-folded text, for counting multi-word phrases (not for offsets)."""
        return self.text.casefold()

    @lazy
    def protected(self) -> Protected:
        """URLs, e-mail addresses, code, marked lines and ignored text: no rule touches them."""
        return Protected(self.text, self._ignore, self._ignore_timeout)

    @lazy
    def writes_code(self) -> bool:
        """Whether the whole text is technical writing (:func:`~normalize.protect.writes_code`),
        judged once for all its articles."""
        whole = self.whole
        if whole is not self:
            return whole.writes_code
        return writes_code(self.text, self.is_protected)

    @lazy
    def needs_whole_scan(self) -> bool:
        """Whether the text may hold a protected span that only a scan of the whole text
        finds: an ignore pattern's match, or what :func:`~normalize.protect.needs_whole_scan`
        names (a code fence, a ``normalize:`` marker, a credit line or a signature).
        """
        return bool(self._ignore) or needs_whole_scan(self.text)

    def is_protected(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` touches a protected span; the same answer as
        ``bool(doc.protected) and doc.protected.overlaps(start, end)``, usually found
        without scanning the whole text.

        Unless :attr:`needs_whole_scan`, URLs, e-mail addresses and code spans are the
        only protected spans, and those touching a non-empty span are found by looking
        near it (:func:`~normalize.protect.protected_at`); each answer is kept, since a
        finder and then the engine ask about the same span. After a few such looks, or once
        :attr:`protected` is known, the whole-text spans answer.

        >>> doc = Document("mail haftal@example.org or haftal")
        >>> doc.is_protected(5, 11), doc.is_protected(27, 33), "protected" in doc.__dict__
        (True, False, False)
        """
        protected = self.__dict__.get("protected")
        if protected is None:
            near: dict[tuple[int, int], bool] | None = self.memo.get(protected_at)
            if near is not None and (start, end) in near:
                return near[(start, end)]
            if start < end and self._local_checks and not self.needs_whole_scan:
                self._local_checks -= 1
                if near is None:
                    near = self.memo[protected_at] = {}
                # Not needs_whole_scan: only URLs, addresses and code spans to look for.
                found = near[(start, end)] = protected_at(self.text, start, end, whole=False)
                return found
            protected = self.protected
        return bool(protected) and protected.overlaps(start, end)

    def count(self, phrase: str) -> int:
        """How often a word or phrase occurs, case-insensitively.

        >>> Document("Libya, LIBYA and the Libyan coast").count("libya")
        2
        """
        folded, one_word = _phrase_key(phrase)
        if one_word:
            if "word_counts" not in self.__dict__ and self.is_ascii and self._word_searches:
                # A few words (an entity's context terms) are found faster one by one, and
                # most are not in the text at all: one C-level count says so.
                self._word_searches -= 1
                lowered = self.lowered
                n = lowered.count(folded)
                if n == 0:
                    return 0
                if n <= _FEW_OCCURRENCES:
                    return len(_find_whole(lowered, folded))
            return self.word_counts.get(folded, 0)
        if folded not in self._phrase_counts:
            self._phrase_counts[folded] = self.folded.count(folded)
        return self._phrase_counts[folded]
