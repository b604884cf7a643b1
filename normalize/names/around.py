"""What the text around a word's places says (:class:`~normalize.names.single.Around`):
the title and the words before it, a place-type word after or before it ("Hajja
province"), the capitalised words listed with it before a place-type word ("Hodeidah and
Hajjah provinces"), a compass word ("northern Hajja"), and the sentences it stands in.

Worked out once per document where it depends on the document alone (``doc.memo``).
"""

from __future__ import annotations

import regex

from normalize.document import Document
from normalize.names.context import title_before
from normalize.names.held import _WORD_BEFORE, _words_before
from normalize.names.single import (
    COMPASS_WORDS,
    PLACE_WORDS,
    Around,
    apposed_places,
    compass_places,
    office_title,
    place_type_after,
    place_type_before,
)
from normalize.text import WORD_RE, case_shape

#: A place-type word, and the capitalised names listed before it ("Hodeidah and Hajjah ").
#: The place-type words as they are written (lower case, capitalised, capitals): looked up
#: in a document's distinct words, then found by str.find.
PLACE_SPELLINGS = frozenset(v for w in PLACE_WORDS for v in (w, w.capitalize(), w.upper()))
#: The words of the compass words (names.single.COMPASS_WORDS) as a document's words.
COMPASS_SPELLINGS = frozenset(p for w in COMPASS_WORDS for p in w.split("-"))
_PLACE_LIST = regex.compile(
    r"(?:\p{Lu}[\p{L}\p{M}]*(?:,|,? and|,? or)[ ]+){0,3}\p{Lu}[\p{L}\p{M}]*[ ]+$"
)

#: Where a sentence ends: a full stop, question or exclamation mark before a space.
_SENTENCE_END = regex.compile(r"[.!?][\"'\u201d\u2019)]*(?=\s)")
#: How far the sentences around a word are looked for on either side of it.
_SENTENCE_REACH = 400


def _sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds ``text[start:end]`` with the sentences just
    before and after it, inside its paragraph (a line) and at most
    :data:`_SENTENCE_REACH` characters on either side: where a garbled name's country
    says the sentence is about it ("Bolsanaro showed his pills. He urged Brazilian
    hospitals ...").

    >>> t = "Rain.\\nIt fell. Then Bolsanaro spoke. He praised Brazilian doctors. Next. End."
    >>> _sentence_at(t, t.index("Bolsanaro"), t.index("Bolsanaro") + 9)
    'It fell. Then Bolsanaro spoke. He praised Brazilian doctors.'
    """
    lo = max(0, start - _SENTENCE_REACH, text.rfind("\n", 0, start) + 1)
    line_end = text.find("\n", end)
    hi = min(len(text), end + _SENTENCE_REACH, line_end if line_end >= 0 else len(text))
    heads = [lo, *(m.end() for m in _SENTENCE_END.finditer(text, lo, start))]
    head = heads[-2] if len(heads) > 1 else lo
    tails = [m.end() for m in _SENTENCE_END.finditer(text, end, hi)][:2]
    tail = tails[1] if len(tails) == 2 else hi
    return text[head:tail].strip()


def _place_words_at(doc: Document) -> list[int]:
    """Where the place-type words of ``doc`` start (few documents have one); worked out
    once per document."""
    known: list[int] | None = doc.memo.get(_place_words_at)
    if known is None:
        present = doc.distinct.intersection(PLACE_SPELLINGS)
        known = doc.memo[_place_words_at] = sorted(
            at for word in present for at in doc.find_word(word)
        )
    return known


def _place_lists(doc: Document) -> list[list[tuple[int, int, str]]]:
    """For each place-type word of ``doc`` (few documents have one) with capitalised words
    listed before it ("Hodeidah and Hajjah provinces"), those words: (start, end, word);
    worked out once per document."""
    known: list[list[tuple[int, int, str]]] | None = doc.memo.get(_place_lists)
    if known is not None:
        return known
    known = doc.memo[_place_lists] = []
    text = doc.text
    for at in _place_words_at(doc):
        listed = _PLACE_LIST.search(text, max(0, at - 120), at)
        if listed is not None:
            known.append(
                [
                    (*w.span(), w.group())
                    for w in WORD_RE.finditer(text, listed.start(), listed.end())
                    if case_shape(w.group()) == "title"
                ]
            )
    return known


def _name_start(text: str, start: int) -> int:
    """Where the name that ends with the word at ``start`` begins: at the capitalised word
    just before it when a title stands before that one ("President Emanuel Makron"), else
    at the word itself."""
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if m is None or not m.group(1)[:1].isupper() or title_before(text, start):
        return start
    return m.start(1) if title_before(text, m.start(1)) else start


def around_places(
    doc: Document, places: list[tuple[int, int]], given_names: frozenset[str]
) -> Around:
    """What the places of a word say (:class:`Around`)."""
    text = doc.text
    title = None
    starts = [_name_start(text, start) for start, _ in places]
    for start in starts:
        found = title_before(text, start)
        if found and (title is None or office_title(title)):
            title = found  # an office before any place, else an honorific
            if office_title(title):
                break
    before = tuple(text[max(0, s - 40) : s].casefold() for s in starts[:8])
    words = _words_before(doc, places)
    lists = _listed_with(doc)
    listed = frozenset().union(*(lists.get((s, e), ()) for s, e in places))
    sentences = " ".join(dict.fromkeys(_sentence_at(text, s, e) for s, e in places[:8]))
    return Around(
        given_name=not words.isdisjoint(given_names),
        before_words=words,
        title=title,
        before=before,
        place_type=any(place_type_after(text, e) or place_type_before(text, s) for s, e in places),
        repeats=min(2, max(0, len(places) - 1)),
        listed_with=listed,
        sentence_words=frozenset(w.casefold() for w in WORD_RE.findall(sentences)),
        sentences=sentences.casefold(),
    )


def _listed_with(doc: Document) -> dict[tuple[int, int], frozenset[str]]:
    """For each capitalised word listed before a place-type word ("Hodeidah and
    Hajjah provinces"), the other words of the list, case-folded (once per document)."""
    known: dict[tuple[int, int], frozenset[str]] | None = doc.memo.get(_listed_with)
    if known is not None:
        return known
    known = {}
    for words in _place_lists(doc):
        for i, (start, end, _) in enumerate(words):
            others = frozenset(x[2].casefold() for j, x in enumerate(words) if j != i)
            known[(start, end)] = known.get((start, end), frozenset()) | others
    doc.memo[_listed_with] = known
    return known


def place_words(doc: Document) -> list[str]:
    """The capitalised words before a place-type word ("Hajja province", "Hodeidah and
    Hajjah provinces", "northern Hajja"): the fuzzy finder reads them as places of the
    lexicon."""
    words = {w for listed in _place_lists(doc) for _, _, w in listed}
    if _place_words_at(doc):
        words.update(m.group(1) for m in apposed_places(doc.text))
    if not doc.distinct.isdisjoint(COMPASS_SPELLINGS):
        words.update(m.group(1) for m in compass_places(doc.text))
    return sorted(w for w in words if case_shape(w) == "title")
