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

from normalize.lexicon.records import Entity
from normalize.names.oldroman import older_spelling

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


#: Where a sentence ends: its punctuation and a space, or a line break.
_SENTENCE_BREAK = regex.compile(r"[.!?][\"\u201d')\]]*\s+|\n")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence (within its line, at most 300 characters either side)
    that holds ``text[start:end]``.

    >>> t = "Rain fell.\\nThe capital is Chungking, not Chongqing. Then more."
    >>> lo, hi = sentence_bounds(t, t.index("Chungking"), t.index("Chungking") + 9)
    >>> t[lo:hi]
    'The capital is Chungking, not Chongqing.'
    """
    lo = max(0, start - 300)
    heads = [m.end() for m in _SENTENCE_BREAK.finditer(text, lo, start)]
    lo = heads[-1] if heads else lo
    m = _SENTENCE_BREAK.search(text, end, min(len(text), end + 300))
    if m is None:
        return lo, min(len(text), end + 300)
    return lo, m.start() if text[m.start()] == "\n" else m.start() + 1


#: What stands between two spellings of one name that a writer sets side by side as
#: alternatives: connector words ("or", "not", "now", "is" ...) and other spellings
#: ("Massoud is Masood or Masud", "Morsi is Muhammad Mursi"), with punctuation; or a
#: bracket ("Kiev (Kyiv)").
_CONNECTOR = r"(?:or|nor|not|now|is|was|becomes|became|also|formerly|today|then|than|as|in)"
_GAP = r"[ \t,;:\"\u201c\u201d'\u2018\u2019/]*"
_ALTERNATIVE_GAP = regex.compile(
    rf"(?:{_GAP}(?:{_CONNECTOR}|\p{{Lu}}[\p{{L}}'\-]*){_GAP}[ ]){{1,4}}|{_GAP}[()\[\]]{_GAP}"
)
_HAS_CONNECTOR = regex.compile(rf"(?<![\p{{L}}])(?:{_CONNECTOR}|[()\[\]])(?![\p{{L}}])")


def spelt_beside(text: str, start: int, end: int, entity: Entity) -> bool:
    """Whether a right spelling of ``entity`` is set beside the word at ``start:end`` as
    its alternative ("Chungking, not Chongqing", "Lukashenko or Lukashenka", "Kiev
    (Kyiv)"): the writer tells two spellings apart. Not a mere mention in the same
    sentence: MT repeats a name and garbles it once ("Boris Johnson met ... Boris
    Johnsen").

    >>> from normalize.lexicon import Entity
    >>> e = Entity("person/l", "person", "Alexander Lukashenko", short="Lukashenko")
    >>> t = "Lukashenko or Lukashenka. Lukashenko met Lukashenka."
    >>> spelt_beside(t, 14, 24, e), spelt_beside(t, t.rindex("Lukashenka"), len(t) - 1, e)
    (True, False)
    """
    lo, hi = sentence_bounds(text, start, end)
    for form in entity.legitimate():
        if not form:
            continue
        for m in _whole(form).finditer(text, lo, hi):
            if m.end() <= start:
                gap = (m.end(), start)
            elif m.start() >= end:
                gap = (end, m.start())
            else:
                continue
            if (
                gap[1] - gap[0] <= 40
                and _ALTERNATIVE_GAP.fullmatch(text, *gap)
                and _HAS_CONNECTOR.search(text, *gap)
            ):
                return True
    return False


def _whole(form: str) -> regex.Pattern[str]:
    return _WHOLE.get(form) or _WHOLE.setdefault(
        form,
        regex.compile(
            rf"(?<![\p{{L}}\p{{M}}\p{{N}}]){regex.escape(form)}(?![\p{{L}}\p{{M}}\p{{N}}])"
        ),
    )


_WHOLE: dict[str, regex.Pattern[str]] = {}


def wrong_slot(
    text: str,
    start: int,
    end: int,
    entity: Entity,
    target: str,
    known_words: Container[str],
) -> bool:
    """Whether the words around ``start:end`` say it is no garble of ``entity``."""
    if entity.type == "person" and locative(text, start, end):
        return True
    if entity.type == "place" and after_unknown_name(text, start, known_words):
        return True
    if older_spelling(text[start:end], target, entity):
        return True
    return spelt_beside(text, start, end, entity)
