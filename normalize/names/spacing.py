"""Names broken by spacing noise, restored to a lexicon form (the ``fuzzy.spacing`` rule).

- a name written as one word ("kimjongun"), equal to a multi-word form with its spaces
  taken out (:func:`merged`);
- a name broken by hyphen and space noise ("Kim Jong -un", :func:`broken_spacing`);
- a name broken at a letter outside ASCII ("Dü sseldorf") or with a letter lost to a
  question mark ("S?o Paulo", :func:`broken_letters`).

The fuzzy finder (:class:`normalize.finders.fuzzy.FuzzyFinder`) decides whether the rule is
enabled and hands these the lexicon's tables (:class:`~normalize.fuzzyindex.FuzzyIndex`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice

import regex

from normalize.fuzzyindex import lost_key
from normalize.lexicon.records import Entity
from normalize.model import Candidate
from normalize.text import WORD_RE, transfer_case
from normalize.translit import ascii_fold, skeleton

_ODD_SEP = regex.compile(r"(?<=[\p{L}\p{M}])(?: +-|- +| +- +)(?=[\p{L}\p{M}])")
#: One space after a letter outside ASCII and before a lower-case letter: a word that an MT
#: pipeline broke at such a letter ("Dü sseldorf", "Sã o Paulo").
_ACCENT_BREAK = regex.compile(r"(?<=[^\x00-\x7F])(?<=[\p{L}\p{M}]) (?=\p{Ll})")
#: A word with a letter lost to a question mark or the replacement character between its
#: letters ("S?o", "Gda\ufffdsk"): text that went through a legacy encoding.
_LOST_WORD = regex.compile(r"[\p{L}\p{M}]+(?:[?\ufffd][\p{L}\p{M}]+)+")
#: Up to two words either side of a place, for the spans the two patterns above may break.
_WORDS_NEAR = 2
#: WORD_RE searched backwards: the words before a place, nearest first.
_WORDS_BACK = regex.compile(r"(?r)" + WORD_RE.pattern)
#: Deletes what is not a lower-case ASCII letter from lower-cased ASCII text (spacing_key).
_ASCII_NON_LETTERS = str.maketrans(
    "", "", "".join(chr(c) for c in range(128) if not "a" <= chr(c) <= "z")
)
_LETTER = regex.compile(r"[\p{L}\p{M}]")
#: Past this many hyphens in a text, _ODD_SEP itself is quicker than a look beside each.
_MANY_HYPHENS = 64


def spacing_key(span: str) -> str:
    """``ascii_fold(span)``, the key of :attr:`FuzzyIndex.joined`; for ASCII text, where
    ascii_fold only lower-cases and keeps the letters, by one C-level translation.

    >>> spacing_key("Kim Jong -un"), spacing_key("Çavuş - oğlu")
    ('kimjongun', 'chavusholu')
    """
    if span.isascii():
        return span.lower().translate(_ASCII_NON_LETTERS)
    return ascii_fold(span)


def _is_letter(char: str) -> bool:
    """Whether ``char`` is a letter or a mark, as the patterns here judge it."""
    if char.isascii():
        return char.isalpha()
    return _LETTER.match(char) is not None


def odd_separators(text: str) -> list[tuple[int, int]]:
    """The spans of :data:`_ODD_SEP` in ``text``, found from its hyphens.

    A match is spaces and one hyphen, with a space on at least one side of the hyphen,
    between two letters: the whole run of spaces and hyphens between those letters. So
    each hyphen is looked at (one-character finds run at C speed), not every character,
    which the regular expression must do.

    >>> odd_separators("Kim Jong -un, Kim Jong- un, a - b, well-known, a - - b, x -")
    [(8, 10), (22, 24), (29, 32)]
    """
    found: list[tuple[int, int]] = []
    size = len(text)
    h = text.find("-")
    for _ in range(_MANY_HYPHENS):
        if h < 0:
            return found
        if (h and text[h - 1] == " ") or text[h + 1 : h + 2] == " ":
            start, end = h, h + 1
            while start > 0 and text[start - 1] == " ":
                start -= 1
            while end < size and text[end] == " ":
                end += 1
            if start and end < size and _is_letter(text[start - 1]) and _is_letter(text[end]):
                found.append((start, end))
        h = text.find("-", h + 1)
    return [m.span() for m in _ODD_SEP.finditer(text)] if h >= 0 else found


def merged(
    word: str, places: list[tuple[int, int]], entity: Entity, written: str
) -> Iterator[Candidate]:
    """A merged token ("kimjongun") equal to ``written``, a multi-word form of ``entity``
    with its spaces taken out, at each of its ``places``."""
    for start, end in places:
        yield Candidate(
            start,
            end,
            word,
            transfer_case(word, written),
            "fuzzy.spacing",
            entity.id,
            0.9,
            (f"{written!r} of {entity.canonical} written as one word ({entity.origin})",),
        )


def broken_letters(
    text: str,
    accented: dict[str, tuple[Entity, str]],
    lost: dict[str, tuple[Entity, str]],
) -> list[Candidate]:
    """Names broken at a letter outside ASCII: a space after it ("Dü sseldorf", "Sã o
    Paulo") or the letter lost to a question mark ("S?o Paulo"). Only a span whose
    letters are exactly those of a legitimate lexicon form (``accented``, ``lost``: the
    index's tables) counts; ASCII text without a question mark or replacement character
    between letters is not looked at."""
    out: list[Candidate] = []
    ascii_text = text.isascii()
    if not ascii_text and accented:
        for m in _ACCENT_BREAK.finditer(text):
            left = _WORDS_BACK.search(text, max(0, m.start() - 60), m.start())
            if left is None or left.end() != m.start():
                continue
            hit = _span_hit(text, left.start(), m.end(), accented, spacing_key, "broken")
            if hit is not None:
                out.append(hit)
    if lost and ("?" in text or "\ufffd" in text):
        for m in _LOST_WORD.finditer(text):
            hit = _span_hit(text, m.start(), m.end(), lost, lost_key, "lost")
            if hit is not None:
                out.append(hit)
    return out


def _span_hit(
    text: str,
    start: int,
    end: int,
    forms: dict[str, tuple[Entity, str]],
    key: Callable[[str], str],
    how: str,
) -> Candidate | None:
    """The longest span from ``start`` (or up to two words before it) to ``end`` (or up
    to two words after it) whose ``key`` is a form in ``forms``, as a candidate."""
    starts = [start]
    for w in islice(_WORDS_BACK.finditer(text, max(0, start - 60), start), _WORDS_NEAR):
        if text[w.end() : starts[-1]] != " ":
            break
        starts.append(w.start())
    ends = [end]
    for w in islice(WORD_RE.finditer(text, end, min(len(text), end + 60)), _WORDS_NEAR + 1):
        if w.start() == end and len(ends) == 1:
            ends[0] = w.end()  # the rest of the broken word ("sseldorf")
            continue
        if text[ends[-1] : w.start()] != " ":
            break
        ends.append(w.end())
    spans = sorted(((s, e) for s in starts for e in ends), key=lambda se: se[0] - se[1])
    for s, e in spans:
        span = text[s:e]
        found = forms.get(key(span))
        if found is None or span == found[1]:
            continue
        entity, written = found
        what = "broken at a letter outside ASCII" if how == "broken" else "with a letter lost"
        return Candidate(
            s,
            e,
            span,
            written,
            "fuzzy.spacing",
            entity.id,
            0.9,
            (f"{written!r} of {entity.canonical} {what} ({entity.origin})",),
        )
    return None


def broken_spacing(text: str, joined: dict[str, tuple[Entity, str]]) -> list[Candidate]:
    """Names broken by hyphen and space noise ("Kim Jong -un") restored to a lexicon form
    (``joined``: :attr:`FuzzyIndex.joined`).

    Only places where the text has a space beside a hyphen are looked at; the words around
    the break are joined and compared, letters only, with every multi-word lexicon form.
    """
    out: list[Candidate] = []
    for sep_start, sep_end in odd_separators(text):
        right = WORD_RE.match(text, sep_end)
        if right is None:
            continue
        # The last one, two or three words of the 60 characters before the break.
        before = _WORDS_BACK.finditer(text, max(0, sep_start - 60), sep_start)
        for first in islice(before, 3):
            start = first.start()
            span = text[start : right.end()]
            hit = joined.get(spacing_key(span))
            if hit is None:
                continue
            entity, written = hit
            if skeleton(span) and span != written:
                out.append(
                    Candidate(
                        start,
                        right.end(),
                        span,
                        transfer_case(span, written),
                        "fuzzy.spacing",
                        entity.id,
                        0.9,
                        (f"{written!r} of {entity.canonical} with broken spacing",),
                    )
                )
            break
    return out
