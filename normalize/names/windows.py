"""Token windows: runs of name-like words around a word the lexicon knows, cut into every
window of one to six words that holds that word (a window of five or six words is looked up
only as a reading written syllable by syllable: "Nei Ta Ni Ya Hu", 内塔尼亚胡).

A run is made of words joined by one space or one hyphen, or by one line break of a
hard-wrapped paragraph ("A La Ge" at the end of a line, "Qi" on the next; a blank line, a
comma or a full stop ends it); a word belongs to it if it is capitalised, a name particle
(al, bin), or itself a word the finder was looking for (MT leaves unknown names in lower
case). A window across a line break is looked up only as a reading (see :func:`wrapped`).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from normalize.names.index import PARTICLES
from normalize.translit import ascii_fold

#: The most words in a window aligned with a spelling (a name of four parts: Abdel Fattah
#: al-Sisi).
MAX_TOKENS = 4
#: The most words in any window: a transliteration of up to six characters (MAX_CHARS of
#: :mod:`normalize.names.readings`) written one syllable a word.
MAX_READING_TOKENS = 6
_WORD = regex.compile(r"[\p{L}\p{M}]+")
_WORD_BACK = regex.compile(r"(?r)[\p{L}\p{M}]+")
_JOINERS = frozenset({" ", "-", "\u2010", "\u2011", "\n"})


@dataclass(frozen=True)
class Window:
    """Consecutive words of the text: where they are, as written and folded."""

    start: int
    end: int
    tokens: tuple[str, ...]
    words: tuple[str, ...]


def wrapped(text: str, start: int, end: int) -> bool:
    """Whether the window at ``[start, end)`` runs across a line break.

    >>> wrapped("met A La Ge\\nQi", 4, 15), wrapped("met Ma Kelong", 4, 13)
    (True, False)
    """
    return "\n" in text[start:end]


def fold_word(token: str) -> str:
    """:func:`ascii_fold`, by a plain lower-casing for ASCII letters (most tokens)."""
    return token.lower() if token.isascii() and token.isalpha() else ascii_fold(token)


def _name_like(token: str, folded: str, wanted: frozenset[str]) -> bool:
    return token[0].isupper() or folded in PARTICLES or folded in wanted


def _run(
    text: str,
    start: int,
    end: int,
    wanted: frozenset[str],
    syllables: frozenset[str] = frozenset(),
) -> list[tuple[int, int, str, str]]:
    """The name-like words joined to the word at ``[start, end)``, at most
    MAX_READING_TOKENS - 1 on each side, in text order: (start, end, written, folded).

    Around a word in lower case that the finder was looking for ("lian"), a lower-case word
    of ``syllables`` joins too, even an English one ("ze lian si ji", 泽连斯基): MT writes
    every syllable of a name it does not know alike."""
    anchor = text[start:end]
    folded_anchor = fold_word(anchor)
    if syllables and anchor.islower() and folded_anchor in wanted:
        wanted = wanted | syllables
    run = [(start, end, anchor, folded_anchor)]
    pos = start
    for _ in range(MAX_READING_TOKENS - 1):  # to the left
        if pos < 2 or text[pos - 1] not in _JOINERS:
            break
        before = text[pos - 2]
        if before.isascii() and not before.isalpha():
            break  # no word ends there ("said. You"): what the search would find
        m = _WORD_BACK.search(text, max(0, pos - 41), pos - 1)
        if m is None or m.end() != pos - 1:
            break
        tok = m.group()
        folded = fold_word(tok)
        if not folded or not _name_like(tok, folded, wanted):
            break
        run.insert(0, (m.start(), m.end(), tok, folded))
        pos = m.start()
    pos = end
    for _ in range(MAX_READING_TOKENS - 1):  # to the right
        if pos >= len(text) - 1 or text[pos] not in _JOINERS:
            break
        m = _WORD.match(text, pos + 1)
        if m is None:
            break
        tok = m.group()
        folded = fold_word(tok)
        if not folded or not _name_like(tok, folded, wanted):
            break
        run.append((m.start(), m.end(), tok, folded))
        pos = m.end()
    return run


def windows_at(text: str, start: int, end: int, wanted: frozenset[str]) -> list[Window]:
    """Every window of one to MAX_READING_TOKENS words that holds the word at ``[start, end)``.

    A word glued to letters or digits on either side is not a word of its own.

    >>> [" ".join(w.tokens) for w in windows_at("said Pan Jiwen, the", 5, 8, frozenset())]
    ['Pan', 'Pan Jiwen']
    """
    return [
        Window(s, e, tuple(t[2] for t in part), words)
        for s, e, words, part in window_spans_at(text, start, end, wanted)
    ]


def window_spans_at(
    text: str,
    start: int,
    end: int,
    wanted: frozenset[str],
    syllables: frozenset[str] = frozenset(),
) -> list[tuple[int, int, tuple[str, ...], list[tuple[int, int, str, str]]]]:
    """:func:`windows_at` before the windows are made: (start, end, folded words, the
    words of the run it holds), so that a caller can pass over a window by its words
    alone."""
    if (start and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
        return []
    run = _run(text, start, end, wanted, syllables)
    at = next(i for i, t in enumerate(run) if t[0] == start)
    out = []
    for i in range(at + 1):
        for j in range(at, min(len(run), i + MAX_READING_TOKENS)):
            part = run[i : j + 1]
            out.append((part[0][0], part[-1][1], tuple(t[3] for t in part), part))
    return out
