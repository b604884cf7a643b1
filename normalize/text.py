"""Words with offsets, separators between them, and case shape and transfer.

A *word* is a maximal run of letters, marks and digits; everything between two words
is a *separator*. Lexicon forms are split the same way, so "al-Sarraj", "Kim Jong-un"
and "Côte d'Ivoire" match by words and separator classes rather than by raw bytes.
All offsets are code points into the original string: case folding is only ever applied
to copies used as keys, so characters such as "İ" (whose lower case is two code points)
never shift an offset.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import regex

WORD_RE = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_SEP_RE = regex.compile(r"[^\p{L}\p{M}\p{N}]{1,4}")
_DASHES = frozenset("-\u2010\u2011\u2012\u2013")
_APOSTROPHES = frozenset("'\u2019\u02bc")


def sep_class(sep: str) -> str | None:
    """Classify the text between two words of a name; ``None`` means it breaks the name.

    >>> [sep_class(s) for s in (" ", "\\n", "-", "\u2019", ". ", "\\n\\n", ", ")]
    [' ', ' ', '-', "'", '. ', None, None]
    """
    if sep.isspace():
        return " " if sep.count("\n") <= 1 and len(sep) <= 3 else None
    if sep in _DASHES:
        return "-"
    if sep in _APOSTROPHES:
        return "'"
    if sep in {".", ". ", "&", " & ", " - "}:
        return sep
    return None


@dataclass(frozen=True)
class Key:
    """A form split into case-folded words and the separator classes between them."""

    words: tuple[str, ...]
    seps: tuple[str, ...]

    @property
    def size(self) -> int:
        return len(self.words)


def key_of(form: str) -> Key | None:
    """The matching key of a lexicon form, or ``None`` if it has no words or a bad separator.

    >>> key_of("al-Sarraj")
    Key(words=('al', 'sarraj'), seps=('-',))
    """
    spans = [m.span() for m in WORD_RE.finditer(form)]
    if not spans:
        return None
    seps: list[str] = []
    for (_, end), (start, _) in pairwise(spans):
        cls = sep_class(form[end:start])
        if cls is None:
            return None
        seps.append(cls)
    return Key(tuple(form[s:e].casefold() for s, e in spans), tuple(seps))


def match_key_at(text: str, start: int, end: int, key: Key) -> int | None:
    """If ``key`` matches the words starting with the one at ``text[start:end]``, its end.

    The first word is assumed to match already; the rest are checked word by word.
    """
    pos = end
    for want_sep, want_word in zip(key.seps, key.words[1:], strict=True):
        sep = _SEP_RE.match(text, pos)
        if sep is None or sep_class(sep.group()) != want_sep:
            return None
        word = WORD_RE.match(text, sep.end())
        if word is None or word.group().casefold() != want_word:
            return None
        pos = word.end()
    return pos


def case_shape(s: str) -> str:
    """``upper``, ``lower``, ``title`` or ``mixed``, judged on letters only.

    >>> [case_shape(w) for w in ("HAFTAL", "haftal", "Haftal", "al-Sarraj", "McDonald")]
    ['upper', 'lower', 'title', 'mixed', 'mixed']
    """
    if s.isascii():  # every letter is cased: C-level tests say the same
        if s.islower():  # some letter, none upper case
            return "lower"
        if s.isupper():  # some letter, none lower case
            return "upper" if sum(map(str.isalpha, s)) > 1 else "title"
        if s.lower() == s:  # no letter at all
            return "lower"
        if s.isalnum():  # one word
            return "title" if s[0].isupper() and s[1:].islower() else "mixed"
        return "title" if _title_words(s) else "mixed"
    letters = [c for c in s if c.isalpha()]
    if not letters:
        return "lower"
    if all(c.isupper() for c in letters):
        return "upper" if len(letters) > 1 else "title"
    if all(c.islower() for c in letters):
        return "lower"
    return "title" if _title_words(s) else "mixed"


def _title_words(s: str) -> bool:
    """Whether every word of ``s`` is a capital letter followed by lower case only."""
    return all(w[0].isupper() and (len(w) == 1 or w[1:].islower()) for w in WORD_RE.findall(s))


def transfer_case(original: str, replacement: str) -> str:
    """Give ``replacement`` the case of ``original`` where that carries meaning.

    A name in all capitals stays in capitals; in every other case the replacement keeps
    its lexicon spelling, because a lower-case garble of a name is itself noise.

    >>> transfer_case("HAFTAL", "Haftar"), transfer_case("haftal", "Haftar")
    ('HAFTAR', 'Haftar')
    """
    if case_shape(original) == "upper":
        return replacement.upper()
    return replacement


def is_name_cased(word: str) -> bool:
    """True when a word starts with a capital letter (how English writes names)."""
    return bool(word) and word[0].isupper()
