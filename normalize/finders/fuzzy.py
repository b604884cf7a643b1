"""Garbles no lexicon lists: transliteration-aware near misses of lexicon names.

Three rules:

- ``fuzzy.name``: a name-like token close to a lexicon spelling once transliteration noise
  is taken out ("haftal" for Haftar, "bukadum" for Boukadoum);
- ``fuzzy.source``: a token that matches the romanisation of an entity's source-script name
  (the pinyin of 特本 for Tebboune) better than any Latin spelling of it;
- ``fuzzy.spacing``: a name split, merged or broken by hyphen noise ("Kim Jong -un").

Only tokens that look like names are considered: not an English word, not a known form of
any entity, not a known form plus "s" (possessives are issue 4's), rare in English, four
letters or more. Each surviving token is scored once per document, so its repeats resolve
the same way.

Clean text costs little because everything that depends only on the written word is worked
out once per finder, not once per document, and kept in a bounded memo shared by documents
and threads (:class:`_Memo`): whether the word is a candidate, its index look-up, and the
part of each entity's score that the spelling alone fixes (:class:`_Static`). A document's
distinct words minus the memo's quiet words (one C-level set difference) leaves only the
few words that can matter; the quiet words among the engine's key words are kept apart, so
that this one pass over the words also serves the engine's intersection with its keys
(:meth:`FuzzyFinder.unquiet`). Of those, a word is scored in full only if some entity could
still reach the flag threshold given the document evidence that can be present (an upper
bound made of set look-ups, :meth:`FuzzyFinder._may_reach_flag`); what is left out can
change no decision. A scored word's entities are then scored only until none left can come
first (each has a ceiling, the most document evidence can make of it), from set and
substring look-ups made once per entity and document (:class:`_Held`); the terms are counted
and the reasons written only for the entity proposed.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Any

import jellyfish
import regex
from rapidfuzz import fuzz, process

from normalize.document import Document
from normalize.finders.exact import target_for
from normalize.fuzzyindex import LATIN_CHANNELS, MIN_EDIT_KEY, Form, FuzzyIndex, lost_key
from normalize.lexicon.records import Entity
from normalize.model import Candidate
from normalize.names.context import title_before
from normalize.names.givenparts import grow
from normalize.names.held import (
    _WORD_BEFORE,
    _given_names,
    _Held,
    _held,
    _someone_elses,
    _spelling_variants,
    _term_key,
    _Terms,
    _terms,
    _words_before,
    country_table,
)
from normalize.names.scorer import Features
from normalize.names.single import (
    COMPASS_WORDS,
    FAR_CAP,
    MIN_STRENGTH,
    PLACE_TYPES,
    PLACE_WORDS,
    Around,
    Spelling,
    apposed_places,
    bounded,
    compass_places,
    confidence_at,
    document_values,
    office_before,
    office_title,
    place_type_after,
    place_type_before,
    scored,
    spelling,
    truncated,
    upper_bound,
    variant,
    with_document,
)
from normalize.names.surnames import after_chinese_surname
from normalize.protect import Alternation, code_like
from normalize.text import WORD_RE, case_shape, transfer_case
from normalize.translit import (
    ascii_fold,
    is_pinyin,
    pinyin_readings,
    pinyin_syllables,
    skeleton,
    written_in_pinyin,
)
from normalize.vocab import english_lowercase_words, zipf

if TYPE_CHECKING:
    from normalize.finders.memo_seed import MemoSeed

#: Tokens at least this frequent in English (Zipf) are ordinary words or well-known names.
MAX_ZIPF = 3.0
#: The same for lower-case tokens, which are checked harder: MT leaves names it could not
#: translate in lower case, so real garbles there have no frequency at all.
MAX_ZIPF_LOWER = 2.0
#: Shortest token the fuzzy rules look at.
MIN_LETTERS = 4
#: A pinyin-shaped word of this many syllables or more is not taken for a Chinese name.
FOREIGN_SYLLABLES = 4
#: Longest token the fuzzy rules look at: no name is longer, and every per-token computation
#: (one-edit variants, compound splits, index look-ups) grows with the length, so a hostile
#: 40,000-letter "word" must be turned away before any of them (issue 15 item 1).
MAX_LETTERS = 40
#: Entities per token that are scored in full; the rest are ranked out by string similarity.
MAX_ENTITIES = 12
#: Written words the cross-document memo holds before it starts afresh (bounds its memory).
MEMO_WORDS = 100_000

# What the document says is weighed by the names model (normalize.names.single). Another
# candidate word that resembles the same entity is no evidence: false candidates in one
# text would support each other (issue 13, Chinese names written right in news); the same
# word's other places are repeats, not mentions.
# Confidences are rounded to 4 places, which can lift one by 0.00005: an upper bound must
# stay this far below the flag threshold to rule a word out.
_BOUND_MARGIN = 0.0002
# A given name this long could be cut by the 40-character window of _WORD_BEFORE.
_LONG_GIVEN_NAME = 38
# For a word that hits up to this many entities, their given names are looked up one by one
# before the places of the word are read (a short key in a large lexicon hits hundreds).
_FEW_ENTITIES = 16


_CONTRACTION = regex.compile(r"['\u2019](?:t|ll|ve|re|d)\b")
_ODD_SEP = regex.compile(r"(?<=[\p{L}\p{M}])(?: +-|- +| +- +)(?=[\p{L}\p{M}])")
_TRAILING_LETTERS = regex.compile(r"[\p{L}\p{M}]+$")
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
#: Deletes what is not a lower-case ASCII letter from lower-cased ASCII text (_spacing_key).
_ASCII_NON_LETTERS = str.maketrans(
    "", "", "".join(chr(c) for c in range(128) if not "a" <= chr(c) <= "z")
)
_LETTER = regex.compile(r"[\p{L}\p{M}]")
#: A place-type word, and the capitalised names listed before it ("Hodeidah and Hajjah ").
#: The place-type words as they are written (lower case, capitalised, capitals): looked up
#: in a document's distinct words, then found by str.find.
_PLACE_SPELLINGS = frozenset(v for w in PLACE_WORDS for v in (w, w.capitalize(), w.upper()))
#: Capitalised syllables joined by hyphens ("De-Xinshe"): a reading cut at its syllables.
_SPLIT_READING = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}\-])\p{Lu}\p{Ll}*(?:-\p{L}\p{Ll}*){1,3}(?![\p{L}\p{M}\p{N}\-])"
)
#: The words of the compass words (names.single.COMPASS_WORDS) as a document's words.
_COMPASS_SPELLINGS = frozenset(p for w in COMPASS_WORDS for p in w.split("-"))
_PLACE_LIST = regex.compile(
    r"(?:\p{Lu}[\p{L}\p{M}]*(?:,|,? and|,? or)[ ]+){0,3}\p{Lu}[\p{L}\p{M}]*[ ]+$"
)
#: A word before a place-type word more frequent than this is an English word in its place
#: ("Northern Province"), not a garbled place.
_PLACE_ZIPF = 3.5
#: How close such a word must be to the place's spelling.
_PLACE_SIMILARITY = 0.8
#: Without its country, context or name in the article, such a word stays below flagging.
_PLACE_UNSUPPORTED = 0.45
#: Past this many hyphens in a text, _ODD_SEP itself is quicker than a look beside each.
_MANY_HYPHENS = 64


@dataclass(frozen=True)
class Scored:
    """One entity a token may stand for, with the confidence and the reasons."""

    entity: Entity
    target: str
    rule: str
    confidence: float
    similarity: float
    evidence: tuple[str, ...]


def similarity(token: str, surface: str) -> float:
    """String similarity of two lower-case ASCII spellings: rapidfuzz and Jaro-Winkler.

    >>> round(similarity("haftal", "haftar"), 2), round(similarity("salaj", "sarraj"), 2)
    (0.88, 0.79)
    """
    ratio = fuzz.ratio(token, surface) / 100.0
    jw = float(jellyfish.jaro_winkler_similarity(token, surface))
    return 0.5 * ratio + 0.5 * jw


_SUFFIXES = ("s", "es", "ed", "d", "ing", "ly", "er", "ers", "ian", "ist")


#: Shorter garbles are often one letter from an English word ("salaj", "salad"): the
#: misspelling guard looks only at longer tokens, where that is a typo, not a name.
MIN_TYPO_LETTERS = 8
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _misspelt_english(word: str) -> bool:
    """Whether a long lower-case word is one edit (a letter dropped, added, changed or two
    swapped) from a common English word: a typo such as "opporunity", not a garbled name.

    >>> [_misspelt_english(w) for w in ("opporunity", "chawushiolu", "salaj")]
    [True, False, False]
    """
    return _english_typo_of(word) is not None


def _english_typo_of(word: str) -> str | None:
    """The common English word a long lower-case word is one edit from, if any.

    >>> _english_typo_of("opporunity"), _english_typo_of("chawushiolu")
    ('opportunity', None)
    """
    if not MIN_TYPO_LETTERS <= len(word) <= MAX_LETTERS or not word.isascii():
        return None
    english = english_lowercase_words()
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    variants = {a + b[1:] for a, b in splits if b}
    variants |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    variants |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    variants |= {a + c + b for a, b in splits for c in _LETTERS}
    return min((v for v in variants - {word} if v in english and zipf(v) >= 3.0), default=None)


def _inflected_english(word: str) -> bool:
    """Whether a lower-case word is an English word plus an ending, a British spelling or a
    compound of two English words.

    >>> _inflected_english("modernises"), _inflected_english("shopfront")
    (True, True)
    >>> _inflected_english("chawushiolu")
    False
    """
    return _english_reading(word) is not None


def _english_reading(word: str) -> str | None:
    """How a lower-case word reads as English (:func:`_inflected_english`), or None.

    >>> _english_reading("modernises"), _english_reading("shopfront")
    ('modernize + s', 'shop + front')
    >>> _english_reading("parities")
    'parity + ies'
    """
    if len(word) > MAX_LETTERS:
        return None
    english = english_lowercase_words()
    variants = {word, word.replace("is", "iz"), word.replace("our", "or")}
    for v in sorted(variants):
        if v in english:
            return v
        for suffix in _SUFFIXES:
            if v.endswith(suffix) and len(v) - len(suffix) >= 3:
                stem = v[: -len(suffix)]
                if stem in english or stem + "e" in english or zipf(stem) >= MAX_ZIPF:
                    base = stem if stem in english or zipf(stem) >= MAX_ZIPF else stem + "e"
                    return f"{base} + {suffix}"
        if v.endswith("ies") and v[:-3] + "y" in english:
            return f"{v[:-3]}y + ies"  # "parities", "ecologies"
    # Compounds such as "shopfront": two English words of four letters or more.
    for i in range(4, len(word) - 3):
        if word[:i] in english and word[i:] in english:
            return f"{word[:i]} + {word[i:]}"
    return None


#: Both words of an English compound must be this common (Zipf); a two-letter word more so.
_COMPOUND_ZIPF = 4.5
_COMPOUND_ZIPF_SHORT = 6.0


def _english_compound(word: str) -> bool:
    """Whether a word is two common English words run together, as technical writing
    makes names of things ("newline", "builtin", "keyfile", "getstate"): no garble of a
    name reads so.

    >>> [_english_compound(w) for w in ("newline", "builtin", "istitle")]
    [True, True, True]
    >>> [_english_compound(w) for w in ("teben", "hongsen", "haftal", "bosonaro")]
    [False, False, False, False]
    """
    return _compound_reading(word) is not None


def _compound_reading(word: str) -> str | None:
    """The two common English words a word is run together from (:func:`_english_compound`).

    >>> _compound_reading("newline"), _compound_reading("haftal")
    ('new + line', None)
    """
    if len(word) > MAX_LETTERS or not word.isascii():
        return None
    english = english_lowercase_words()
    for i in range(2, len(word) - 1):
        head, tail = word[:i], word[i:]
        if head in english and tail in english and _common(head) and _common(tail):
            return f"{head} + {tail}"
    return None


def _common(word: str) -> bool:
    return zipf(word) >= (_COMPOUND_ZIPF_SHORT if len(word) == 2 else _COMPOUND_ZIPF)


#: A spelling this long that starts a longer word makes that word one derived from it.
_MIN_STEM = 4


@lru_cache(maxsize=65536)
def _one_word_forms(entity: Entity) -> tuple[str, ...]:
    """The entity's one-word spellings, folded, of :data:`_MIN_STEM` letters or more."""
    out = []
    for form in entity.legitimate():
        if form in entity.demonyms:
            continue
        folded = ascii_fold(form)
        if len(folded) >= _MIN_STEM and WORD_RE.fullmatch(form):
            out.append(folded)
    return tuple(dict.fromkeys(out))


def _derived_from(token: str, entity: Entity) -> bool:
    """Whether folded ``token`` is one of the entity's spellings with letters added at its
    end ("xinhuanet" from Xinhua, "putinism" from Putin): a word made from the name.

    >>> _derived_from("xinhuanet", Entity("m/x", "media", "Xinhua"))
    True
    >>> _derived_from("xinhau", Entity("m/x", "media", "Xinhua"))
    False
    """
    return any(token.startswith(f) and len(token) > len(f) for f in _one_word_forms(entity))


@lru_cache(maxsize=65536)
def _written_in_pinyin(entity: Entity) -> bool:
    """Whether the entity is Chinese as far as its spelling tells: its canonical name is
    pinyin and, where its Chinese name is known, a reading of it ("Dong Jun", 董军; not "Hun
    Sen", 洪森, read "hongsen")."""
    if not written_in_pinyin(entity.canonical):
        return False
    chinese = entity.name_in("zh")
    if chinese is None:
        return True
    joined = "".join(regex.findall(r"[a-z]+", ascii_fold(entity.canonical)))
    return joined in pinyin_readings("".join(WORD_RE.findall(chinese)), limit=8)


#: How close a word before a surname must be to the entity's given name to be that given
#: name garbled.
_GIVEN_SIMILARITY = 0.85


def _garbled_given_name(
    text: str, start: int, entity: Entity, target: str
) -> tuple[int, str, str] | None:
    """The garbled given name just before a surname proposed for ``entity`` ("Emanuel"
    before "Makron", for Emmanuel Macron): where it starts, the entity's full spelling to
    write instead of both, and the given name it stands for. Only a capitalised word that
    is no spelling of the given name itself, close to it, and only where the entity has a
    two-word spelling of that given name and ``target``."""
    if entity.type != "person":
        return None
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if m is None or m.end() != start or not m.group(1)[:1].isupper() or text[m.end(1)] != " ":
        return None
    written = m.group(1)
    folded = ascii_fold(written)
    for form in entity.legitimate():
        words = WORD_RE.findall(form)
        if len(words) != 2 or words[1] != target:
            continue
        given = ascii_fold(words[0])
        if folded != given and similarity(folded, given) >= _GIVEN_SIMILARITY:
            return m.start(1), form, words[0]
    return None


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
        present = doc.distinct.intersection(_PLACE_SPELLINGS)
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


def _written_as_code(doc: Document, word: str) -> bool:
    """Whether ``word`` is written as code somewhere in ``doc`` ("sys.stderr", "m_expr",
    "mktime(t)", see :func:`code_like`): then it is an identifier everywhere in the text, not
    a garbled name, whatever its case ("stderr", "STDERR")."""
    text = doc.text
    for start in doc.find_word_anycase(word.casefold()):
        m = WORD_RE.match(text, start)
        if (
            m is not None
            and code_like(text, start, m.end())
            and not doc.is_protected(start, m.end())  # a URL or an address is no code
        ):
            return True
    return False


#: Marks of code in running text: a snake_case or dunder name, a dotted lower-case name, a
#: call, a grammar rule, a placeholder, a keyword argument, a long option.
_CODE_MARK_PARTS = (
    r"[\p{L}\p{N}]_[\p{L}\p{N}]",
    r"__[a-z]",
    r"[a-z]{2}\.[a-z]{2}",
    r"[a-z]\(\)?",
    r"::=?",
    r"<[a-z_]+>",
    r"[a-z]=[\w'\"]",
    r"(?<!\S)--[a-z]",
)
_CODE_MARK = regex.compile("|".join(_CODE_MARK_PARTS))
_CODE_MARK_ALTERNATIVES = Alternation(_CODE_MARK, _CODE_MARK_PARTS)
#: A text with this many marks of code outside URLs and addresses is technical writing.
_CODE_MARKS = 3


def _writes_code(doc: Document) -> bool:
    """Whether ``doc`` is technical writing: it has :data:`_CODE_MARKS` marks of code
    (:data:`_CODE_MARK`) outside protected text (URLs, e-mail addresses). There, a lower-case
    word that is no English word is jargon or an identifier ("varargs", "tabsize"), not a
    name that MT left untranslated."""
    found = 0
    for m in _CODE_MARK_ALTERNATIVES.finditer(doc.text):
        if not doc.is_protected(m.start(), max(m.end(), m.start() + 1)):
            found += 1
            if found >= _CODE_MARKS:
                return True
    return False


def _acronym_at(text: str, start: int, end: int) -> bool:
    r"""Whether the all-capitals word at ``[start, end)`` is an acronym or a constant
    ("CPSU", "HAART", "SIGKILL"): the words beside it on its line are not in capitals. A
    name in capitals among capitals is a headline written so, and is looked at.

    >>> t = "the CPSU said\nHAFTAL SAID"
    >>> _acronym_at(t, 4, 8), _acronym_at(t, 14, 20)
    (True, False)
    """
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    breaks = [i for i in (text.find("\n", end), text.find("\r", end)) if i >= 0]
    line_end = min(breaks) if breaks else len(text)
    before = [m.group() for m in WORD_RE.finditer(text, max(line_start, start - 60), start)]
    after = WORD_RE.search(text, end, min(line_end, end + 60))
    beside = [w for w in (before[-1:] + ([after.group()] if after else [])) if not w.isdigit()]
    return any(case_shape(w) != "upper" for w in beside)


def _trailing_letters(word: str) -> str:
    """The letters that end ``word``: what :data:`_WORD_BEFORE` reads of it when it stands
    before a name ("Khalifa" of "2Khalifa").

    >>> _trailing_letters("Khalifa"), _trailing_letters("G7Khalifa"), _trailing_letters("G7")
    ('Khalifa', 'Khalifa', '')
    """
    if word.isascii() and word.isalpha():
        return word
    m = _TRAILING_LETTERS.search(word)
    return m.group() if m else ""


def _spacing_key(span: str) -> str:
    """``ascii_fold(span)``, the key of :attr:`FuzzyIndex.joined`; for ASCII text, where
    ascii_fold only lower-cases and keeps the letters, by one C-level translation.

    >>> _spacing_key("Kim Jong -un"), _spacing_key("Çavuş - oğlu")
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


def _odd_separators(text: str) -> list[tuple[int, int]]:
    """The spans of :data:`_ODD_SEP` in ``text``, found from its hyphens.

    A match is spaces and one hyphen, with a space on at least one side of the hyphen,
    between two letters: the whole run of spaces and hyphens between those letters. So
    each hyphen is looked at (one-character finds run at C speed), not every character,
    which the regular expression must do.

    >>> _odd_separators("Kim Jong -un, Kim Jong- un, a - b, well-known, a - - b, x -")
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


@dataclass(frozen=True)
class _Static:
    """What the spelling alone says about one entity a word may stand for: the part of its
    score that no document changes (see :meth:`FuzzyFinder._finish`)."""

    entity: Entity
    target: str
    rule: str
    similarity: float
    #: The spelling's features (every document feature 0) and strength.
    spell: Spelling
    evidence: tuple[str, ...]
    headline: str

    @property
    def strength(self) -> float:
        return self.spell.strength

    @property
    def needs_evidence(self) -> bool:
        """The word reads as pinyin and matches a reading of the entity's Chinese name
        exactly: a Chinese name written right unless the document points to the entity."""
        return bool(self.spell.features.pinyin)

    def ceiling(self, around: Around) -> float:
        """The most :meth:`FuzzyFinder._score` can make of this entity where the word's
        places say ``around``: the evidence about the entity itself at its most."""
        title = 1.0 if around.title else 0.0
        place_type = 1.0 if around.place_type else 0.0
        repeats = float(min(2, around.repeats))
        given = 1.0 if around.given_name else 0.0
        spell, kind = self.spell, self.entity.type
        if not around.before:
            return bounded(
                spell, kind, title=title, place_type=place_type, repeats=repeats,
                given_name=given, office=0.0,
            )  # fmt: skip
        return bounded(
            spell, kind, title=title, place_type=place_type, repeats=repeats, given_name=given
        )


def _rounded(conf: float) -> float:
    """A confidence as :class:`Scored` holds it."""
    return round(min(0.99, max(0.0, conf)), 4)


@dataclass(frozen=True)
class _Reach:
    """An entity that may reach the flag threshold with enough document evidence."""

    entity_id: str
    entity_type: str
    spell: Spelling
    terms: _Terms


class _Profile:
    """Everything about a candidate word that depends only on how it is written."""

    __slots__ = ("_entities", "_given_names", "_given_seen", "ids", "joined", "reach", "statics")

    def __init__(
        self,
        statics: tuple[_Static, ...],
        joined: tuple[Entity, str] | None,
        reach: tuple[_Reach, ...],
        entities: tuple[Entity, ...],
    ) -> None:
        #: The entities scored in full, ranked by similarity, and their ids.
        self.statics = statics
        self.ids = frozenset(s.entity.id for s in statics)
        #: The multi-word form the word equals with its spaces taken out (fuzzy.spacing).
        self.joined = joined
        #: The entities whose spelling is close enough (MIN_STRENGTH) for the most document
        #: evidence to lift them to the flag threshold; empty when the finder does not prune.
        self.reach = reach
        self._entities = entities  # every entity the index lookup hits
        self._given_names: frozenset[str] | None = None
        self._given_seen: tuple[int, frozenset[str] | None] | None = None

    @property
    def entity_count(self) -> int:
        return len(self._entities)

    @property
    def given_names(self) -> frozenset[str]:
        """Given names of every entity the index lookup hits (see _follows_given_name).

        Worked out when first needed: a short key in a large lexicon hits many entities.
        """
        names = self._given_names
        if names is None:
            names = frozenset().union(*(_given_names(e) for e in self._entities))
            self._given_names = names  # threads may both work it out: the same value
        return names

    def given_seen(self, memo: _Memo) -> frozenset[str] | None:
        """The written words seen (``memo.cased``) that read as one of :attr:`given_names`,
        or ``None`` if a given name is too long for them to tell (see _Evidence.given_name).

        Kept until ``memo.cased`` changes (its ``cased_version``, read before ``cased``: a
        value worked out from newer tables is at worst worked out again). A profile belongs
        to one memo.
        """
        version = memo.cased_version
        seen = self._given_seen
        if seen is None or seen[0] != version:
            names = self.given_names
            words = None
            if all(len(g) < _LONG_GIVEN_NAME for g in names):
                cased = memo.cased
                words = frozenset().union(*(cased.get(g, ()) for g in names))
            seen = self._given_seen = (version, words)
        return seen[1]


class _Memo:
    """Facts about written words, kept across documents by one finder.

    - ``quiet``: words that cannot give a candidate at or above the flag threshold (not a
      candidate, no entity within reach, or, above FAR_CAP, only far spellings); a
      document's distinct words minus these (a C-level set difference) leaves the rest.
    - ``quiet_apart``: the quiet words among ``apart`` (the engine's key words, see
      :meth:`FuzzyFinder.share_keys`), kept out of ``quiet`` so that a document's distinct
      words minus ``quiet`` still hold every key word of the document.
    - ``live``: the other candidate words, with their profiles.
    - ``cased``: an evidence word (a context term or a word of a lexicon form, case-folded)
      -> the written words seen that read as it, whole or as their final letters.

    ``cased_version`` counts the changes to ``cased`` (see :meth:`_Profile.given_seen`).
    ``written``: for a tuple of evidence words (by id, the tuple kept), the written words
    seen that read as one of them, as of a ``cased_version`` (see :meth:`_Evidence.has_any`).

    Readers take no lock. Writers hold the finder's lock, and record a word in the other
    tables (and count a change to ``cased``) before they mark it quiet or live, so whoever
    finds a word known finds all that is known about it; tuples are replaced, never changed
    in place. A full memo is replaced by a new one, never cleared, so a document being read
    keeps one consistent memo.
    """

    __slots__ = (
        "apart",
        "cased",
        "cased_version",
        "live",
        "quiet",
        "quiet_apart",
        "written",
    )

    def __init__(self, apart: frozenset[str] = frozenset(), seed: MemoSeed | None = None) -> None:
        self.apart = apart
        self.quiet: set[str] = set()
        self.quiet_apart: set[str] = set()
        self.live: dict[str, _Profile] = {}
        self.cased: dict[str, tuple[str, ...]] = {}
        self.cased_version = 0
        self.written: dict[int, tuple[tuple[str, ...], int, frozenset[str]]] = {}
        if seed is not None:  # see normalize.finders.memo_seed
            seed.fill(self)

    def __len__(self) -> int:
        return len(self.quiet) + len(self.quiet_apart) + len(self.live)


class _Evidence:
    """Which document evidence ``doc`` may hold, found by set look-ups; an upper bound only
    (a word's final letters count as the word, and others are counted before they are
    known to be garbles)."""

    def __init__(self, doc: Document, memo: _Memo) -> None:
        self.doc = doc
        self.distinct = doc.distinct
        self.memo = memo
        self._place_words: bool | None = None

    @property
    def place_words(self) -> bool:
        """Whether the document has a place-type word (province, city ...) or a compass
        word (northern ...) at all."""
        if self._place_words is None:
            distinct = self.doc.distinct
            self._place_words = not (
                distinct.isdisjoint(_PLACE_SPELLINGS) and distinct.isdisjoint(_COMPASS_SPELLINGS)
            )
        return self._place_words

    @property
    def folded(self) -> str:
        """The case-folded text; for ASCII text, the lower-cased text (the same string),
        which the other finders have usually made already."""
        doc = self.doc
        return doc.lowered if doc.is_ascii else doc.folded

    def _written(self, words: tuple[str, ...]) -> frozenset[str]:
        """The written words seen that read as one of ``words``: one set for the document's
        words to meet, kept in the memo until ``cased`` changes (its version, read first:
        a set made from newer tables is at worst made again)."""
        memo = self.memo
        version = memo.cased_version
        known = memo.written.get(id(words))
        if known is not None and known[0] is words and known[1] == version:
            return known[2]
        cased = memo.cased
        found = frozenset().union(*(cased.get(w, ()) for w in words))
        memo.written[id(words)] = (words, version, found)  # holds ``words``: its id stays
        return found

    def has_any(self, words: tuple[str, ...], phrases: tuple[str, ...]) -> bool:
        if words and not self.distinct.isdisjoint(self._written(words)):
            return True
        return bool(phrases) and any(p in self.folded for p in phrases)

    def how_many(self, words: tuple[str, ...], phrases: tuple[str, ...]) -> int:
        """At least how many of the terms the document holds (as :meth:`Document.count`)."""
        distinct, cased = self.distinct, self.memo.cased
        n = 0
        if words and not distinct.isdisjoint(self._written(words)):
            n = sum(not distinct.isdisjoint(cased.get(w, ())) for w in words)
        if phrases:
            folded = self.folded
            n += sum(p in folded for p in phrases)
        return n

    def given_name(self, word: str, profile: _Profile) -> bool:
        """Whether some occurrence of ``word`` may follow a given name (all occurrences are
        looked at: the scored ones leave out contractions and protected text)."""
        if profile.entity_count <= _FEW_ENTITIES:
            seen = profile.given_seen(self.memo)
            if seen is not None and self.distinct.isdisjoint(seen):
                return False  # no given name in the document: no need to read each place
        places = [(start, start + len(word)) for start in self.doc.find_word(word)]
        return FuzzyFinder._follows_given_name(self.doc, profile, places)


class FuzzyFinder:
    """Near misses of lexicon names (``fuzzy.name``, ``fuzzy.source``, ``fuzzy.spacing``).

    ``flag`` is the flag threshold of the engine's options: candidates that provably stay
    below it are not scored (the default, 0, scores every one).
    """

    rules = frozenset({"fuzzy.name", "fuzzy.source", "fuzzy.spacing"})

    def __init__(self, index: FuzzyIndex, *, enabled: frozenset[str], flag: float = 0.0) -> None:
        self.index = index
        self.enabled = enabled
        self.flag = flag
        self._joined = index.joined if "fuzzy.spacing" in enabled else {}
        # Far spellings are capped at FAR_CAP: above that threshold they can be left out.
        self._prune = flag > FAR_CAP
        self._vocabulary = self._evidence_vocabulary(index)
        self._countries = country_table(index.entities)
        self._terms_of: dict[str, _Terms] = {}
        self._places: dict[str, tuple[tuple[Entity, str, str], ...]] | None = None
        self._countries_of_places: dict[str, frozenset[str]] | None = None
        self._memo = _Memo()
        self._lock = threading.Lock()
        self._seed: MemoSeed | None = None

    def set_seed(self, seed: MemoSeed) -> None:
        """Start every memo from now on with ``seed`` (see normalize.finders.memo_seed)."""
        with self._lock:
            self._seed = seed
            self._memo = _Memo(self._memo.apart, seed)

    def terms(self, entity: Entity) -> _Terms:
        """The document evidence ``entity``'s score reads (kept per entity)."""
        terms = self._terms_of.get(entity.id)
        if terms is None:
            terms = self._terms_of[entity.id] = _terms(entity, self._countries)
        return terms

    def __getstate__(self) -> dict[str, Any]:
        # The memo is a cache of this process (and a lock cannot be pickled).
        state = self.__dict__.copy()
        del state["_memo"], state["_lock"], state["_terms_of"], state["_places"]
        del state["_countries_of_places"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.__dict__.setdefault("_seed", None)
        self._memo = _Memo()  # seeded by share_keys
        self._lock = threading.Lock()
        self._terms_of = {}
        self._places = None
        self._countries_of_places = None

    @staticmethod
    def _evidence_vocabulary(index: FuzzyIndex) -> frozenset[str]:
        """One-word evidence terms beyond ``index.known_words`` (which holds every word of
        every form): context terms, and forms that are one word only once case-folded."""
        words: set[str] = set()
        seen: set[int] = set()
        for form in index.forms:
            entity = form.entity
            if id(entity) in seen:
                continue
            seen.add(id(entity))
            for term in entity.context:
                for spelt in _spelling_variants(term.casefold()):
                    folded, one_word = _term_key(spelt)
                    if one_word:
                        words.add(folded)
            if entity.type == "country":  # "Brazilian" names Brazil (the country feature)
                for demonym in entity.demonyms:
                    folded, one_word = _term_key(demonym)
                    if one_word:
                        words.add(folded)
            for written in (*entity.legitimate(), *entity.garbles):
                if not written.isascii():  # an ASCII one-word form is in known_words
                    folded, one_word = _term_key(written)
                    if one_word:
                        words.add(folded)
        return frozenset(words - index.known_words)

    # -- which tokens ------------------------------------------------------------------

    def candidate_words(self, doc: Document) -> list[str]:
        """Distinct written words of ``doc`` that may be garbled names, in text order."""
        return sorted(w for w in doc.distinct if self._is_candidate(w, w.casefold()))

    def _is_candidate(self, word: str, f: str) -> bool:
        """Whether ``word`` (case-folded ``f``) may be a garbled name; cheap tests first."""
        return self.not_a_candidate(word, f) is None

    def not_a_candidate(self, word: str, f: str | None = None) -> str | None:
        """Why ``word`` (case-folded ``f``) is not looked at as a garbled name, or None
        when it is: the one test :meth:`find` applies, and what ``explain`` reports."""
        if f is None:
            f = word.casefold()
        if len(word) < MIN_LETTERS:
            return f"shorter than {MIN_LETTERS} letters"
        if len(word) > MAX_LETTERS:
            return f"longer than {MAX_LETTERS} letters"
        if not word.isalpha():
            return "not all letters"
        if f in self.index.known_words:
            return "a word of a known form of a lexicon entity"
        if f in english_lowercase_words():
            return "an English word"
        shape = case_shape(word)
        if shape == "mixed":
            return "written in mixed case"
        if zipf(f) >= (MAX_ZIPF_LOWER if shape == "lower" else MAX_ZIPF):
            return f"common in English (Zipf {zipf(f):.1f})"
        if f.endswith("s") and self._is_plain_or_known(f[:-1]):
            return "a known or English word plus s: a lost possessive, not a garble"
        compound = _compound_reading(f)
        if compound is None and f.endswith("s"):
            compound = _compound_reading(f[:-1])  # "newlines"
        if compound is not None and not (shape == "title" and f in self.index.readings):
            # A capitalised word that is a source-script reading letter for letter
            # ("Makelong", 马克龙, for Macron) is scored (with the evidence it needs), not
            # taken for an identifier made of two words.
            return f"two common English words run together ({compound})"
        if shape == "lower":
            reading = _english_reading(f)
            if reading is not None:
                return f"taken for an inflected English word or a compound ({reading})"
            typo = _english_typo_of(f)
            if typo is not None:
                return f"taken for a typo of the English word {typo!r}"
        return None

    def _is_plain_or_known(self, f: str) -> bool:
        return f in self.index.known_words or f in english_lowercase_words() or zipf(f) >= MAX_ZIPF

    # -- what a word may stand for, whatever the document --------------------------------

    def _statics(self, word: str, hits: list[tuple[Form, int]]) -> tuple[_Static, ...]:
        """The entities ``word`` may stand for, given its index ``hits``, ranked by string
        similarity, each with the part of its score the spelling alone fixes."""
        want_source = "fuzzy.source" in self.enabled
        want_name = "fuzzy.name" in self.enabled
        hits = [
            (f, d) for f, d in hits if (want_name if f.channel in LATIN_CHANNELS else want_source)
        ]
        if not hits:
            return ()
        token = ascii_fold(word)
        if len(hits) > 4 * MAX_ENTITIES:
            # Large lexicons put many forms under a short key: rapidfuzz keeps the closest
            # in C before any Python-level scoring.
            closest = process.extract(
                token, [f.surface for f, _ in hits], scorer=fuzz.ratio, limit=4 * MAX_ENTITIES
            )
            hits = [hits[i] for _, _, i in closest]
        pinyin = is_pinyin(word)
        if pinyin and pinyin_syllables(word) < FOREIGN_SYLLABLES:
            # A word that reads as pinyin is a Chinese name or place written right ("Xiaoming"
            # is no garble of Xiamen, "Dongchuan" none of Dong Jun): it may stand only for a
            # non-Chinese entity whose Chinese name reads exactly so ("teben", 特本, for
            # Tebboune), and only with evidence in the document (_score). A word of four
            # syllables or more is no Chinese person's name ("Naitanyahu"): it is scored
            # like any other word, the pinyin shape still counting against it.
            hits = [
                (f, d)
                for f, d in hits
                if f.channel not in LATIN_CHANNELS
                and f.surface == token
                and not _written_in_pinyin(f.entity)
            ]
        by_entity: dict[str, list[tuple[Form, int, float]]] = defaultdict(list)
        for form, dist in hits:
            if _derived_from(token, form.entity):
                continue  # "Xinhuanet", "Putinism": a word made from the name, not a garble
            if form.channel in LATIN_CHANNELS and variant(token, form.surface):
                continue  # "Basra" for Basrah: another usual spelling, written right
            by_entity[form.entity.id].append((form, dist, similarity(token, form.surface)))
        ranked = sorted(by_entity.values(), key=lambda fs: -max(s for _, _, s in fs))
        shape = case_shape(word)
        unseen = zipf(token) == 0
        return tuple(self._static(fs, shape, unseen, pinyin, token) for fs in ranked[:MAX_ENTITIES])

    @staticmethod
    def _static(
        forms: list[tuple[Form, int, float]],
        shape: str,
        unseen: bool,
        pinyin: bool = False,
        token: str = "",
    ) -> _Static:
        entity = forms[0][0].entity
        best_form, best_dist, best_sim = max(forms, key=lambda f: (f[2], -f[1]))
        exact_key = min(d for _, d, _ in forms) == 0
        channels = {f.channel for f, _, _ in forms}
        source = [f for f, d, _ in forms if f.channel not in LATIN_CHANNELS]
        latin = [f for f, d, _ in forms if f.channel in LATIN_CHANNELS]
        evidence: list[str] = []
        evidence.append(
            f"{'key' if best_dist == 0 else 'near key'} {best_form.key} like "
            f"{best_form.written!r} ({best_form.channel}); similarity {best_sim:.2f}"
        )
        if source and latin:
            evidence.append("matches both a spelling and a source-script reading")
        if source:
            readings = sorted({f"{f.written} -> {f.surface}" for f in source})
            evidence.append("source reading " + ", ".join(readings[:2]))
        if shape == "lower":
            evidence.append("lower-case name-like token")
        spell = spelling(
            similarity=best_sim,
            key_distance=0 if exact_key else 1,
            long_key=len(best_form.key) >= MIN_EDIT_KEY,
            # The word is a source-script reading letter for letter (similarity 1).
            exact_reading=any(f.channel not in LATIN_CHANNELS and x >= 1.0 for f, _, x in forms),
            both_channels=bool(source and latin),
            shape=shape,
            unseen=unseen,
            pinyin=pinyin,
            prefix=best_form.channel in LATIN_CHANNELS and truncated(token, best_form.surface),
        )
        rule = "fuzzy.name" if best_form.channel in LATIN_CHANNELS else "fuzzy.source"
        if rule == "fuzzy.source" and not channels & LATIN_CHANNELS:
            headline = f"reading of {entity.canonical}'s {best_form.channel} name"
        else:
            headline = f"near miss of {entity.canonical} ({entity.origin})"
        return _Static(entity, best_form.target, rule, best_sim, spell, tuple(evidence), headline)

    def _profile(self, word: str) -> _Profile | None:
        """The profile of a candidate word, or ``None`` if it can yield nothing at all."""
        hits = self.index.lookup(word)
        statics = self._statics(word, hits)
        joined = self._joined.get(ascii_fold(word)) if self._joined else None
        if joined is not None and is_pinyin(word) and _written_in_pinyin(joined[0]):
            joined = None  # "Xian" is a name ("Liu Xian") or Xi'an written without apostrophe
        if not statics and joined is None:
            return None
        entities = {id(form.entity): form.entity for form, _ in hits}
        limit = self.flag - _BOUND_MARGIN
        reach = tuple(
            _Reach(s.entity.id, s.entity.type, s.spell, self.terms(s.entity))
            for s in statics
            # Far spellings are capped at FAR_CAP, below the threshold when pruning.
            if self._prune
            and s.strength >= MIN_STRENGTH
            and upper_bound(s.spell, s.entity.type, {}) >= limit
        )
        return _Profile(statics, joined, reach, tuple(entities.values()))

    def _is_evidence(self, folded: str) -> bool:
        return folded in self.index.known_words or folded in self._vocabulary

    def _classify(self, words: Iterable[str], memo: _Memo) -> dict[str, _Profile]:
        """Work out and record what each of ``words`` (new to the memo) is; return the
        profiles of the live ones. Set differences first: most words are plain English."""
        folded = {w: w.casefold() for w in words}
        keys = set(folded.values())
        evidence = keys.intersection(self.index.known_words)
        evidence.update(keys.intersection(self._vocabulary))
        unknown = keys - english_lowercase_words() - self.index.known_words
        found: list[tuple[str, list[str], _Profile | None]] = []
        for word, f in folded.items():
            cased = [f] if f in evidence else []
            if not (word.isascii() and word.isalpha()):
                tail = _trailing_letters(word).casefold()  # "G7Khalifa" before a name
                if tail and tail != f and self._is_evidence(tail):
                    cased.append(tail)
            profile = None
            if f in unknown and self._is_candidate(word, f):
                profile = self._profile(word)
            found.append((word, cased, profile))
        live: dict[str, _Profile] = {}
        with self._lock:
            for word, cased, profile in found:
                if word in memo.live:
                    live[word] = memo.live[word]
                    continue
                if word in memo.quiet or word in memo.quiet_apart:
                    continue
                for key in cased:
                    memo.cased[key] = (*memo.cased.get(key, ()), word)
                if cased:
                    memo.cased_version += 1  # after cased: whoever reads it reads those
                if profile is not None and (
                    not self._prune or profile.reach or profile.joined is not None
                ):
                    memo.live[word] = live[word] = profile
                    continue
                # Last: whoever sees it quiet sees the rest.
                (memo.quiet_apart if word in memo.apart else memo.quiet).add(word)
        return live

    def _current_memo(self) -> _Memo:
        memo = self._memo
        if len(memo) > MEMO_WORDS:
            with self._lock:
                if self._memo is memo:
                    self._memo = _Memo(memo.apart, self._seed)
                memo = self._memo
        return memo

    def share_keys(self, keys: frozenset[str]) -> frozenset[str]:
        """Keep the quiet words among ``keys`` (the engine's key words) apart from the other
        quiet words from now on, so that :meth:`unquiet` also serves the engine's
        intersection with ``keys``. Returns the set to pass to :meth:`unquiet` (``keys``, or
        an equal set given before, which keeps the memo)."""
        with self._lock:
            if self._memo.apart != keys:
                self._memo = _Memo(keys, self._seed)
            return self._memo.apart

    def unquiet(self, doc: Document, keys: frozenset[str]) -> frozenset[str] | None:
        """The distinct words of ``doc`` minus the memo's quiet words outside ``keys``: a
        subset of the distinct words that holds every one in ``keys``, from one C-level pass
        over them that serves both the engine (which intersects it with ``keys``) and
        :meth:`find` (which takes it from ``doc.memo``). ``None`` unless ``keys`` is what
        :meth:`share_keys` returned."""
        memo = self._current_memo()
        if memo.apart is not keys:
            return None
        rest = doc.distinct.difference(memo.quiet)
        doc.memo[self] = (memo, rest)
        return rest

    # -- scoring -----------------------------------------------------------------------

    def explain(
        self,
        doc: Document,
        word: str,
        hits: list[tuple[Form, int]] | None = None,
    ) -> list[Scored]:
        """Every entity ``word`` may stand for in ``doc``, surest first, with the reasons
        (what the document says is read from the word's places in it).

        ``hits`` is the index lookup of ``word`` where the caller has it already.
        """
        if hits is None:
            hits = self.index.lookup(word)
        statics = self._statics(word, hits)
        places = [(s, s + len(word)) for s in doc.find_word(word)]
        given_names = frozenset().union(*(_given_names(f.entity) for f, _ in hits))
        around = self.around(doc, places, given_names)
        return self._rank(doc, statics, around)

    def around(
        self, doc: Document, places: list[tuple[int, int]], given_names: frozenset[str]
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
        lists = self._lists(doc)
        listed = frozenset().union(*(lists.get((s, e), ()) for s, e in places))
        sentences = " ".join(dict.fromkeys(_sentence_at(text, s, e) for s, e in places[:8]))
        return Around(
            given_name=not words.isdisjoint(given_names),
            before_words=words,
            title=title,
            before=before,
            place_type=any(
                place_type_after(text, e) or place_type_before(text, s) for s, e in places
            ),
            repeats=min(2, max(0, len(places) - 1)),
            listed_with=listed,
            sentence_words=frozenset(w.casefold() for w in WORD_RE.findall(sentences)),
            sentences=sentences.casefold(),
        )

    def _lists(self, doc: Document) -> dict[tuple[int, int], frozenset[str]]:
        """For each capitalised word listed before a place-type word ("Hodeidah and
        Hajjah provinces"), the other words of the list, case-folded (once per document)."""
        key = (self, "lists")
        known: dict[tuple[int, int], frozenset[str]] | None = doc.memo.get(key)
        if known is not None:
            return known
        known = {}
        for words in _place_lists(doc):
            for i, (start, end, _) in enumerate(words):
                others = frozenset(x[2].casefold() for j, x in enumerate(words) if j != i)
                known[(start, end)] = known.get((start, end), frozenset()) | others
        doc.memo[key] = known
        return known

    def _place_countries(self) -> dict[str, frozenset[str]]:
        """Every one-word spelling of a place, case-folded -> the names of its country."""
        table = self._countries_of_places
        if table is None:
            found: dict[str, set[str]] = defaultdict(set)
            for entity in self.index.entities:
                if entity.type not in PLACE_TYPES:
                    continue
                terms = self.terms(entity)
                names = {*terms.country_words, *terms.country_phrases}
                if not names:
                    continue
                for written in entity.legitimate():
                    if WORD_RE.fullmatch(written):
                        found[written.casefold()].update(names)
            table = self._countries_of_places = {k: frozenset(v) for k, v in found.items()}
        return table

    def _rank(self, doc: Document, statics: tuple[_Static, ...], around: Around) -> list[Scored]:
        scored = [
            self._finish(s, _Held.counted(doc, s.entity, self.terms(s.entity)), around)
            for s in statics
        ]
        scored.sort(key=lambda s: (-s.confidence, s.entity.id))
        if len(scored) > 1:
            scored[0] = self._ambiguous(scored[0], scored[1].confidence, scored[1].entity)
        return scored

    @staticmethod
    def _ambiguous(top: Scored, confidence: float, entity: Entity) -> Scored:
        """``top`` less 0.2 when ``entity``, ranked second with ``confidence``, comes within
        0.1 of it."""
        if top.confidence - confidence >= 0.1:
            return top
        return Scored(
            top.entity,
            top.target,
            top.rule,
            max(0.0, top.confidence - 0.2),
            top.similarity,
            (*top.evidence, f"ambiguous: also close to {entity.canonical}"),
        )

    def _finish(self, static: _Static, held: _Held, around: Around) -> Scored:
        """The entity of ``static`` scored with the reasons, given what the document holds
        of it."""
        evidence = list(static.evidence)
        conf = self._score(static, held, around, evidence)
        evidence.insert(0, static.headline)
        return Scored(
            static.entity, static.target, static.rule, conf, static.similarity, tuple(evidence)
        )

    def features(self, static: _Static, held: _Held, around: Around) -> Features:
        """The names model's features of ``static``'s entity in a document."""
        return with_document(static.spell, self._values(static, held, around))

    def _values(self, static: _Static, held: _Held, around: Around) -> tuple[float, ...]:
        """What the document gives :meth:`features` (normalize.names.single.document_values)."""
        office = office_before(around.before, held.terms.offices) if around.title else None
        listed = False
        if around.listed_with and static.entity.type in PLACE_TYPES:
            places = self._place_countries()
            mine = {*held.terms.country_words, *held.terms.country_phrases}
            listed = any(not mine.isdisjoint(places.get(w, ())) for w in around.listed_with)
        mentioned = held.mentioned and not _someone_elses(held.doc, static.entity, held.found[1])
        terms = held.terms
        near = held.country and (
            any(w in around.sentence_words for w in terms.country_words)
            or any(p in around.sentences for p in terms.country_phrases)
        )
        return document_values(
            static.spell,
            static.entity.type,
            around,
            # The office before the word is one of the context terms found: counted once.
            context=max(0, held.context - 1) if office is not None else held.context,
            country=held.country,
            mention=mentioned,
            office=office is not None,
            given_name=not around.before_words.isdisjoint(_given_names(static.entity)),
            listed=listed,
            country_near=near,
        )

    def _score(
        self,
        static: _Static,
        held: _Held,
        around: Around,
        evidence: list[str] | None = None,
    ) -> float:
        """The names model's confidence (normalize.names.single) of the spelling and what
        the document says: context terms, the country, mentions, a title or an office
        before the word, a place-type word after it, a given name, repeats
        (:meth:`_may_reach_flag` and :meth:`_Static.ceiling` bound it). The reasons are
        added to ``evidence`` when it is given."""
        if evidence is None:
            return confidence_at(static.spell, self._values(static, held, around))
        feats = self.features(static, held, around)
        context, mentions, country = held.found
        evidence += [f"context: {term} x{n}" for term, n in context]
        evidence += [f"country: {term} x{n}" for term, n in country]
        evidence += [f"also written {f!r} x{n} in this document" for f, n in mentions]
        if feats.title:
            evidence.append(f"title before: {(around.title or '').strip()!r}")
        if feats.office:
            evidence.append("the title is the entity's own office")
        if feats.place_type:
            evidence.append("a place-type word follows it")
        if feats.given_name:
            evidence.append("follows the entity's given name")
        conf, lines = scored(static.spell, feats)
        evidence += lines
        return conf

    def _leaders(
        self,
        doc: Document,
        statics: Iterable[_Static],
        around: Around,
        held: dict[str, _Held],
        count: int,
        floor: float = 0.0,
    ) -> list[tuple[float, _Static]]:
        """The first ``count`` entities of :meth:`_rank` (before its ambiguity rule), with
        their confidences, without scoring every entity: they are taken by decreasing
        ceiling, and once ``count`` are held, an entity whose ceiling is below the last one
        held cannot rank before it, nor can any after it. ``held`` keeps what the document
        holds of each entity looked at, for the other words and passes.

        None when the first can be shown to stay below ``floor``: every ceiling left is
        below it and so is every confidence found (the ambiguity rule only lowers it)."""
        leaders: list[tuple[float, _Static]] = []
        ranked = sorted(((s.ceiling(around), s) for s in statics), key=lambda cs: -cs[0])
        for ceiling, static in ranked:
            if ceiling < floor and (not leaders or leaders[0][0] < floor):
                return []
            if len(leaders) == count and ceiling < leaders[-1][0]:
                break
            entity = static.entity
            conf = self._score(static, _held(doc, entity, self.terms(entity), held), around)
            leaders.append((conf, static))
            leaders.sort(key=lambda cs: (-cs[0], cs[1].entity.id))
            del leaders[count:]
        return leaders

    def _first(
        self,
        leaders: list[tuple[float, _Static]],
        around: Around,
        held: dict[str, _Held],
    ) -> Scored:
        """What :meth:`_rank` puts first, from its first two entities (:meth:`_leaders`):
        the reasons are written out for it alone."""
        static = leaders[0][1]
        top = self._finish(static, held[static.entity.id], around)
        if len(leaders) == 1:
            return top
        confidence, second = leaders[1]
        return self._ambiguous(top, confidence, second.entity)

    def _may_reach_flag(self, evidence: _Evidence, word: str, profile: _Profile) -> bool:
        """Whether some entity of ``word`` could reach the flag threshold in the document.

        An upper bound of :meth:`_score` (normalize.names.single.upper_bound): the
        evidence that set look-ups can rule out taken out, the rest at its most; each
        step tightens the bound only where the last one left the entity in reach.
        """
        if profile.joined is not None:
            return True  # fuzzy.spacing proposes at 0.9
        limit = self.flag - _BOUND_MARGIN
        given: bool | None = None
        for reach in profile.reach:
            if given is None:
                given = evidence.given_name(word, profile)
            known: dict[str, float] = {"given_name": 1.0 if given else 0.0}
            if reach.entity_type in PLACE_TYPES and not evidence.place_words:
                known["place_type"] = 0.0
            spell, kind = reach.spell, reach.entity_type
            if bounded(spell, kind, **known) < limit:
                continue
            terms = reach.terms
            n = evidence.how_many(terms.context_words, terms.context_phrases)
            known["context"] = float(min(3, n))
            if bounded(spell, kind, **known) < limit:
                continue
            country = evidence.has_any(terms.country_words, terms.country_phrases)
            known["country"] = 1.0 if country else 0.0
            mentioned = evidence.has_any(terms.mention_words, terms.mention_phrases)
            known["mention"] = 1.0 if mentioned else 0.0
            if bounded(spell, kind, **known) >= limit:
                return True
        return False

    # -- finding -----------------------------------------------------------------------

    def find(self, doc: Document) -> Iterable[Candidate]:
        yield from self._broken_spacing(doc)
        yield from self._broken_letters(doc)
        yield from self._near_misses(doc)
        yield from self._place_names(doc)
        yield from self._split_readings(doc)

    def _split_readings(self, doc: Document) -> Iterable[Candidate]:
        """A pinyin reading of an entity's Chinese name cut into syllables by hyphens, as MT
        writes a name it does not know ("De-Xinshe" for 德新社, dpa): the parts joined are
        the reading letter for letter. Scored as the joined word would be (fuzzy.source),
        so the document must support the entity as for any reading."""
        if "fuzzy.source" not in self.enabled or "-" not in doc.text:
            return
        text = doc.text
        found: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for m in _SPLIT_READING.finditer(text):
            if not doc.is_protected(m.start(), m.end()):
                found[m.group()].append(m.span())
        for written, places in found.items():
            parts = written.split("-")
            joined = "".join(parts)
            folded = joined.casefold()
            if not all(is_pinyin(p) for p in parts) or len(folded) > MAX_LETTERS:
                continue
            if folded in self.index.known_words or zipf(folded) > 0:
                continue
            hits = [
                (f, d)
                for f, d in self.index.lookup(joined)
                if d == 0
                and f.channel not in LATIN_CHANNELS
                and f.surface == folded
                and not _written_in_pinyin(f.entity)
            ]
            statics = self._statics(joined, hits)
            if not statics:
                continue
            around = self.around(doc, places, frozenset())
            best = self._rank(doc, statics, around)[0]
            for start, end in places:
                yield Candidate(
                    start,
                    end,
                    written,
                    transfer_case(joined, best.target),
                    best.rule,
                    best.entity.id,
                    best.confidence,
                    (*best.evidence, f"the parts of {written!r} joined: {joined!r}"),
                )

    def _near_misses(self, doc: Document) -> Iterable[Candidate]:
        memo = self._current_memo()
        # One C call that looks each distinct word up in the set (or, while the memo is
        # small, walks the set) without running Python code, so no other thread can change
        # the set meanwhile. Clean text leaves a few words. (A set, not a dict: its look-ups
        # read one table, not an index and then the entries, about a tenth quicker here.)
        # The engine has usually made that difference already (unquiet); the quiet key words
        # are then taken out of the few words left.
        kept = doc.memo.get(self)
        if kept is not None and kept[0] is memo:
            rest = kept[1]
        else:
            rest = doc.distinct.difference(memo.quiet)
        if rest and memo.quiet_apart:
            rest = rest.difference(memo.quiet_apart)
        if not rest:
            return
        live: dict[str, _Profile] = {}
        unseen: list[str] = []
        for word in rest:
            profile = memo.live.get(word)
            if profile is None:
                unseen.append(word)
            else:
                live[word] = profile
        if unseen:
            live.update(self._classify(unseen, memo))
        if not live:
            return
        if self._prune:
            evidence = _Evidence(doc, memo)
            live = {w: p for w, p in live.items() if self._may_reach_flag(evidence, w, p)}
        if live:
            yield from self._scored(doc, live)

    # -- places named by the word after them ---------------------------------------------

    def _place_forms(self) -> dict[str, tuple[tuple[Entity, str, str], ...]]:
        """Every one-word spelling of a place, by transliteration key (short keys too):
        (entity, folded spelling, target). Worked out when first needed."""
        table = self._places
        if table is None:
            found: dict[str, list[tuple[Entity, str, str]]] = defaultdict(list)
            for entity in self.index.entities:
                if entity.type not in PLACE_TYPES:
                    continue
                for written in dict.fromkeys(entity.legitimate()):
                    if written in entity.demonyms or len(WORD_RE.findall(written)) != 1:
                        continue
                    surface = ascii_fold(written)
                    key = skeleton(surface)
                    if key:
                        found[key].append((entity, surface, target_for(entity, written)))
            table = self._places = {k: tuple(v) for k, v in found.items()}
        return table

    def _place_names(self, doc: Document) -> Iterable[Candidate]:
        """A capitalised word before a place-type word ("Hajja province") that the near-miss
        pass does not look at (an English word, or a key too short to look up), read as a
        place of the lexicon with the same key. Strong, specific evidence only: the word
        after says it is a place, and the entity's country, context or name must be in the
        article too; without them it stays below the flag threshold."""
        words = self._place_words(doc)
        table = self._place_forms() if words else {}
        for word in words:
            yield from self._place_word(doc, word, table)

    def _place_word(
        self,
        doc: Document,
        word: str,
        table: dict[str, tuple[tuple[Entity, str, str], ...]],
    ) -> Iterable[Candidate]:
        found = self._place_static(doc, word, table)
        if found is None:
            return
        static, places, around, held, rival = found
        evidence = list(static.evidence)
        conf = self._score(static, held, around, evidence)
        if not (held.country or held.context or held.mentioned) and conf > _PLACE_UNSUPPORTED:
            conf = _PLACE_UNSUPPORTED
            evidence.append("neither its country nor its context in the article: not proposed")
        if rival is not None:
            conf = max(0.0, conf - 0.2)
            evidence.append(f"ambiguous: also close to {rival.canonical}")
        evidence.insert(0, static.headline)
        for start, end in places:
            yield Candidate(
                start,
                end,
                word,
                transfer_case(word, static.target),
                "fuzzy.name",
                static.entity.id,
                conf,
                tuple(evidence),
            )

    def _place_static(
        self,
        doc: Document,
        word: str,
        table: dict[str, tuple[tuple[Entity, str, str], ...]],
    ) -> tuple[_Static, list[tuple[int, int]], Around, _Held, Entity | None] | None:
        """The place a word before a place-type word may stand for, with its places, what
        they say, what the document holds of the place, and a rival place as close."""
        f = word.casefold()
        if not (3 <= len(word) <= MAX_LETTERS and word.isalpha()):
            return None
        if f in self.index.known_words or zipf(f) >= _PLACE_ZIPF:
            return None
        if self._is_candidate(word, f) and self.index.lookup(word):
            return None  # the near-miss pass scores it (with the place-type word)
        if is_pinyin(word):
            return None  # a Chinese place written right ("Jinzhong city")
        token = ascii_fold(word)
        key = skeleton(token)
        if not key:
            return None
        near = table.get(key, ())
        if any(variant(token, surface) for _, surface, _ in near):
            return None  # "Basra" for Basrah: another usual spelling, written right
        matches = [
            (similarity(token, surface), entity, target, surface)
            for entity, surface, target in near
            if surface[:1] == token[:1] and surface != token
        ]
        matches = [m for m in matches if m[0] >= _PLACE_SIMILARITY]
        if not matches:
            return None
        matches.sort(key=lambda m: (-m[0], m[1].id))
        sim, entity, target, surface = matches[0]
        places = [
            (s, s + len(word))
            for s in doc.find_word(word)
            if not doc.is_protected(s, s + len(word))
        ]
        if not places:
            return None
        spell = spelling(
            similarity=sim,
            key_distance=0,
            long_key=len(key) >= MIN_EDIT_KEY,
            exact_reading=False,
            both_channels=False,
            shape="title",
            unseen=zipf(f) == 0,
            pinyin=False,
            english=f in english_lowercase_words(),
            prefix=truncated(token, surface),
        )
        static = _Static(
            entity,
            target,
            "fuzzy.name",
            sim,
            spell,
            (f"key {key} like {target!r}; similarity {sim:.2f}; before a place-type word",),
            f"place name near {entity.canonical} ({entity.origin})",
        )
        around = self.around(doc, places, frozenset())
        if not around.place_type:
            return None
        held = _Held.counted(doc, entity, self.terms(entity))
        rival = next(
            (e for x, e, _, _ in matches[1:] if x >= sim - 0.05 and e.id != entity.id), None
        )
        return static, places, around, held, rival

    def _place_words(self, doc: Document) -> list[str]:
        """The capitalised words before a place-type word (:meth:`_place_names`)."""
        if "fuzzy.name" not in self.enabled:
            return []
        words = {w for listed in _place_lists(doc) for _, _, w in listed}
        if _place_words_at(doc):
            words.update(m.group(1) for m in apposed_places(doc.text))
        if not doc.distinct.isdisjoint(_COMPASS_SPELLINGS):
            words.update(m.group(1) for m in compass_places(doc.text))
        return sorted(w for w in words if case_shape(w) == "title")

    def scored_words(self, doc: Document) -> Iterable[tuple[str, int, int, _Static, Features]]:
        """Every single-word candidate of ``doc`` with every entity it may stand for and
        the model's features, before any threshold, ambiguity rule or pruning (see
        :func:`normalize.names.candidates`): (word, start, end, entity's static, features)."""
        profiles = {w: p for w in self.candidate_words(doc) if (p := self._profile(w)) is not None}
        spans, near = self._places_of(doc, profiles)
        for word, places in spans.items():
            profile = profiles[word]
            if not near[word]:
                continue
            around = self.around(doc, places, profile.given_names)
            for static in profile.statics:
                held = _Held(doc, static.entity, self.terms(static.entity))
                feats = self.features(static, held, around)
                for start, end in near[word]:
                    yield word, start, end, static, feats
        words = self._place_words(doc)
        table = self._place_forms() if words else {}
        for word in words:
            found = self._place_static(doc, word, table)
            if found is None:
                continue
            static, places, around, held, _ = found
            feats = self.features(static, held, around)
            for start, end in places:
                yield word, start, end, static, feats

    def _places_of(
        self, doc: Document, words: Iterable[str]
    ) -> tuple[dict[str, list[tuple[int, int]]], dict[str, list[tuple[int, int]]]]:
        """Where each of ``words`` may be a name: its places outside contractions,
        protected text and code (``spans``), and of those the ones a near miss is proposed
        at (``near``: an all-capitals word among lower-case ones is an acronym)."""
        # Whole-word str.find per candidate: distinct whole words cannot overlap, so this
        # finds what one alternation of them would, without compiling a pattern per text.
        spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        contractions: set[str] = set()
        for word in sorted(words):
            for start in doc.find_word(word):
                end = start + len(word)
                if _CONTRACTION.match(doc.text, end):
                    contractions.add(word)  # "wouldn't", "couldn't": English, not a name
                elif not doc.is_protected(start, end):
                    # Protected text is looked for near the place, where that gives the
                    # answer of the whole-text scan (Document.is_protected): most texts
                    # with a candidate word need no scan.
                    spans[word].append((start, end))
        for word in contractions:
            spans.pop(word, None)
        for word in [w for w in spans if _written_as_code(doc, w)]:
            del spans[word]
        if any(case_shape(w) == "lower" for w in spans) and _writes_code(doc):
            for word in [w for w in spans if case_shape(w) == "lower"]:
                del spans[word]
        # An all-capitals word among lower-case words is an acronym or a constant: no near
        # miss of a name (a merged name, fuzzy.spacing, is still looked at).
        near = {
            word: [(s, e) for s, e in places if not _acronym_at(doc.text, s, e)]
            if case_shape(word) == "upper"
            else places
            for word, places in spans.items()
        }
        return spans, near

    def _scored(self, doc: Document, profiles: Mapping[str, _Profile]) -> Iterable[Candidate]:
        """Score and propose the candidate words ``profiles``."""
        spans, near = self._places_of(doc, profiles)
        arounds = {
            word: self.around(doc, places, profiles[word].given_names)
            for word, places in spans.items()
        }
        # Only what _rank would put first is worked out (second too, for the ambiguity rule),
        # and the reasons only for what is proposed.
        held: dict[str, _Held] = {}
        # When pruning, a word whose first entity provably stays below the flag threshold
        # proposes nothing the engine keeps.
        floor = self.flag - _BOUND_MARGIN if self._prune else 0.0
        for word, places in spans.items():
            profile = profiles[word]
            yield from self._spacing(word, places, profile.joined)
            places = near[word]
            if not places:
                continue
            around = arounds[word]
            leaders = self._leaders(doc, profile.statics, around, held, 2, floor)
            if not leaders:
                continue
            best = self._first(leaders, around, held)
            pinyin = best.rule == "fuzzy.source" and is_pinyin(word)
            # "Liu Ruokai ... Ruokai added": where the text writes the word after a Chinese
            # family name, it is that person's given name wherever it stands alone too.
            if pinyin and any(after_chinese_surname(doc.text, s) for s, _ in spans[word]):
                continue  # "Li Feize": a Chinese person's given name, not Faeser
            for start, end in places:
                given = _garbled_given_name(doc.text, start, best.entity, best.target)
                if given is not None:
                    # "Emanuel Makron": the given name before it is garbled too, and the
                    # whole name is repaired (names.given repairs it beside a right surname).
                    first, full, written = given
                    original = doc.text[first:end]
                    yield Candidate(
                        first,
                        end,
                        original,
                        transfer_case(original, full),
                        best.rule,
                        best.entity.id,
                        best.confidence,
                        (*best.evidence, f"the given name before it, {written!r}, garbled too"),
                    )
                    continue
                grown = grow(doc.text, start, end, best.entity, best.target, self.index.known_words)
                if grown is not None:
                    # "Leijiepu Taiyipu Aierduoan": the given names beside it are garbled too
                    # (normalize.names.givenparts); the surname alone stays proposed as well.
                    yield grown.candidate(
                        doc.text, best.rule, best.entity.id, best.confidence, best.evidence
                    )
                yield Candidate(
                    start,
                    end,
                    word,
                    transfer_case(word, best.target),
                    best.rule,
                    best.entity.id,
                    best.confidence,
                    best.evidence,
                )

    @staticmethod
    def _follows_given_name(
        doc: Document, profile: _Profile, places: list[tuple[int, int]]
    ) -> bool:
        """Whether some occurrence follows a given name of an entity the word resembles."""
        return FuzzyFinder._follows_given_names(doc, profile.given_names, places)

    @staticmethod
    def _follows_given_names(
        doc: Document, given_names: frozenset[str], places: list[tuple[int, int]]
    ) -> bool:
        """Whether some occurrence follows one of ``given_names`` (case-folded)."""
        before = _words_before(doc, places)
        return bool(before) and not before.isdisjoint(given_names)

    def _spacing(
        self, word: str, places: list[tuple[int, int]], hit: tuple[Entity, str] | None
    ) -> Iterable[Candidate]:
        """A merged token ("kimjongun") equal to a multi-word form with its spaces taken out."""
        if hit is None or "fuzzy.spacing" not in self.enabled:
            return
        entity, written = hit
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

    def _broken_letters(self, doc: Document) -> list[Candidate]:
        """Names broken at a letter outside ASCII: a space after it ("Dü sseldorf", "Sã o
        Paulo") or the letter lost to a question mark ("S?o Paulo"). Only a span whose
        letters are exactly those of a legitimate lexicon form counts; ASCII text without a
        question mark or replacement character between letters is not looked at."""
        out: list[Candidate] = []
        if "fuzzy.spacing" not in self.enabled:
            return out
        text = doc.text
        ascii_text = text.isascii()
        if not ascii_text and self.index.accented:
            for m in _ACCENT_BREAK.finditer(text):
                left = _WORDS_BACK.search(text, max(0, m.start() - 60), m.start())
                if left is None or left.end() != m.start():
                    continue
                hit = self._span_hit(
                    text, left.start(), m.end(), self.index.accented, _spacing_key, "broken"
                )
                if hit is not None:
                    out.append(hit)
        if self.index.lost and ("?" in text or "\ufffd" in text):
            for m in _LOST_WORD.finditer(text):
                hit = self._span_hit(text, m.start(), m.end(), self.index.lost, lost_key, "lost")
                if hit is not None:
                    out.append(hit)
        return out

    def _span_hit(
        self,
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

    def _broken_spacing(self, doc: Document) -> list[Candidate]:
        """Names broken by hyphen and space noise ("Kim Jong -un") restored to a lexicon form.

        Only places where the text has a space beside a hyphen are looked at; the words around
        the break are joined and compared, letters only, with every multi-word lexicon form.
        """
        out: list[Candidate] = []
        if "fuzzy.spacing" not in self.enabled or not self._joined:
            return out
        text = doc.text
        for sep_start, sep_end in _odd_separators(text):
            right = WORD_RE.match(text, sep_end)
            if right is None:
                continue
            # The last one, two or three words of the 60 characters before the break.
            before = _WORDS_BACK.finditer(text, max(0, sep_start - 60), sep_start)
            for first in islice(before, 3):
                start = first.start()
                span = text[start : right.end()]
                hit = self._joined.get(_spacing_key(span))
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
