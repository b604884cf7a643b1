"""Where the grammar around a word says what kind of name it is.

A single word near a lexicon name (``fuzzy.name``, ``fuzzy.source``) is proposed for one
entity; the words beside it can say that the word names something of another kind, and
then the word is left alone, whatever its spelling and the document's evidence:

- a locative slot, a place ("a ceremony in Masvingo."): after "in", "near", "outside" ...
  and before the end of the clause, no person is meant (:func:`locative`);
- the last word of a run of capitalised words that no lexicon spelling has, a person's
  name ("Najmul Hossain Shanto top-scored"): a place is not written after an unknown
  capitalised word in the middle of a sentence (:func:`after_unknown_name`). A known word
  before it ("Guangdong Shantou", "New", "Yemeni") leaves the place possible.
"""

from __future__ import annotations

from collections.abc import Container

import regex

#: A preposition that puts a place after it, lower-case, then spaces.
_LOCATIVE_BEFORE = regex.compile(
    r"(?<![\p{L}\p{N}\-'])(?:in|near|outside|inside|around|across|throughout)[^\S\n]+$"
)
#: The end of a clause right after the word: punctuation, a line end or the text's end.
_CLAUSE_END = regex.compile(r"[^\S\n]*(?:[.,;:!?)\n]|$)")
#: A capitalised word, then spaces, before the word; group 1 is that word, and what stands
#: before it must not end a sentence (a capitalised first word of a sentence says nothing).
_NAME_BEFORE = regex.compile(
    r"(?:^|(?<=[^.!?:;\"\u201c(\[\s]\s+|[\p{L}\p{N},]\s))(\p{Lu}\p{Ll}+)[^\S\n]$"
)


def locative(text: str, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` stands after a locative preposition and ends its
    clause: a place, not a person.

    >>> t = "attended a ceremony in Masvingo. Trust in Museveni's party; in Kampala today"
    >>> [locative(t, t.index(w), t.index(w) + len(w)) for w in ("Masvingo", "Museveni", "Kampala")]
    [True, False, False]
    """
    if _LOCATIVE_BEFORE.search(text, max(0, start - 16), start) is None:
        return False
    return _CLAUSE_END.match(text, end) is not None


def after_unknown_name(text: str, start: int, known_words: Container[str]) -> bool:
    """Whether the word at ``start`` follows, in the middle of a sentence, a capitalised
    word that no lexicon spelling has (case-folded ``known_words``): the word ends another
    name.

    >>> t = "For Bangladesh. Najmul Hossain Shanto top-scored, as did Guangdong Shanto."
    >>> after_unknown_name(t, t.index("Shanto"), {"guangdong"})
    True
    >>> after_unknown_name(t, t.index("Hossain"), {"guangdong"})
    False
    >>> after_unknown_name(t, t.rindex("Shanto"), {"guangdong"})
    False
    """
    m = _NAME_BEFORE.search(text, max(0, start - 40), start)
    return m is not None and m.group(1).casefold() not in known_words


def wrong_slot(
    text: str, start: int, end: int, entity_type: str, known_words: Container[str]
) -> bool:
    """Whether the words around ``start:end`` say it names no entity of ``entity_type``."""
    if entity_type == "person":
        return locative(text, start, end)
    if entity_type == "place":
        return after_unknown_name(text, start, known_words)
    return False
