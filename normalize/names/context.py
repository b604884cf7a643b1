"""What a document says for a candidate: a title before it, the entity's context terms,
the entity written right elsewhere, the same window again.

Read through :class:`~normalize.document.Document`'s public views; each entity's terms are
looked up once per document (``held``), however many windows ask.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from normalize.document import Document
from normalize.lexicon.records import Entity, Lexicon

#: Titles that stand before a person's name in news, longest first.
TITLES = (
    "secretary-general", "secretary general", "general secretary", "foreign minister",
    "prime minister",
    "defence minister", "defense minister", "crown prince", "state counsellor",
    "senior general", "field marshal", "vice president", "vice-president", "chancellor",
    "president", "premier", "minister", "king", "queen", "prince", "emir", "sheikh",
    "chairman", "chairwoman", "general", "marshal", "ambassador", "envoy", "leader",
    "sultan", "secretary", "mr", "mrs", "ms", "dr",
)  # fmt: skip
#: A space inside a title, or a line break of a hard-wrapped paragraph ("Foreign\nMinister").
_TITLE_SPACE = r"(?:[ \u00a0]+|[ \u00a0]*\n[ \u00a0]*)"
#: The titles of one word, case-folded ("minister", "mr"): a word that is itself a title.
TITLE_WORDS = frozenset(t for t in TITLES if t.isalpha())
_TITLE_BEFORE = regex.compile(
    r"(?i)\b(?:"
    + "|".join(regex.escape(t).replace(r"\ ", _TITLE_SPACE) for t in TITLES)
    + r")\.?[ \u00a0]+$"
)


@lru_cache(maxsize=8192)
def _term_pattern(folded: str) -> regex.Pattern[str]:
    """A context term at the start of a word (so "Japan" is found in "Japanese")."""
    return regex.compile(r"(?<![\p{L}\p{M}\p{N}])" + regex.escape(folded))


def title_before(text: str, start: int) -> str | None:
    """The title that ends just before ``start``, if any, its spaces as one space each
    (a title broken at the end of a line is the same title).

    >>> title_before("Japanese Prime Minister Anbei", 24), title_before("said Anbei", 5)
    ('Prime Minister ', None)
    >>> title_before("Turkish Foreign\\nMinister Fei", 25)
    'Foreign Minister '
    """
    m = _TITLE_BEFORE.search(text, max(0, start - 40), start)
    return " ".join(m.group().split()) + " " if m else None


def term_variants(lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    """For a context term naming an entity with demonyms (Germany), the demonyms too
    (German), case-folded: "German Chancellor" names Germany."""
    out: dict[str, tuple[str, ...]] = {}
    for entity in lexicon.entities:
        if not entity.demonyms:
            continue
        dem = tuple(d.casefold() for d in entity.demonyms)
        for form in entity.legitimate():
            if form not in entity.demonyms:
                out.setdefault(form.casefold(), dem)
    return out


def context_terms(doc: Document, entity: Entity, variants: dict[str, tuple[str, ...]]) -> list[str]:
    """The entity's context terms the document holds (a term or one of its demonyms at the
    start of a word, case-insensitively)."""
    text = doc.lowered if doc.is_ascii else doc.folded
    found: list[str] = []
    for term in entity.context:
        folded = term.casefold()
        for v in (folded, *variants.get(folded, ())):
            if v in text and _term_pattern(v).search(text):
                found.append(term)
                break
    return found


def mentions(doc: Document, entity: Entity, skip: list[tuple[int, int]]) -> list[str]:
    """The entity's legitimate spellings written in the document outside the spans
    ``skip`` (the windows being judged): a short form of three letters or less does not
    count (Lai, Abe are common words or other people's names)."""
    found: list[str] = []
    for form in dict.fromkeys(entity.legitimate()):
        if form in entity.demonyms or (form == entity.short and len(form) <= 3):
            continue
        for pos in doc.find_word(form):
            end = pos + len(form)
            if not any(s < end and pos < e for s, e in skip):
                found.append(form)
                break
    return found
