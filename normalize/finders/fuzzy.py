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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Any

import jellyfish
import regex
from rapidfuzz import fuzz, process

from normalize.document import Document
from normalize.fuzzyindex import LATIN_CHANNELS, MIN_EDIT_KEY, Form, FuzzyIndex
from normalize.lexicon.records import Entity
from normalize.model import Candidate
from normalize.protect import code_like
from normalize.scoring import context_evidence
from normalize.text import WORD_RE, case_shape, key_of, transfer_case
from normalize.translit import ascii_fold, is_pinyin, pinyin_readings, skeleton, written_in_pinyin
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
#: Longest token the fuzzy rules look at: no name is longer, and every per-token computation
#: (one-edit variants, compound splits, index look-ups) grows with the length, so a hostile
#: 40,000-letter "word" must be turned away before any of them (issue 15 item 1).
MAX_LETTERS = 40
#: Entities per token that are scored in full; the rest are ranked out by string similarity.
MAX_ENTITIES = 12
#: The most a candidate gets with no document evidence at all (context, mention, given name).
NO_CONTEXT_CAP = 0.75
#: Spelling evidence below this keeps a candidate under any threshold, whatever the context.
MIN_STRENGTH = 0.6
#: The confidence of a candidate whose spelling evidence is below MIN_STRENGTH is capped here.
FAR_CAP = 0.3
#: Written words the cross-document memo holds before it starts afresh (bounds its memory).
MEMO_WORDS = 100_000

# What document evidence can add to a confidence (see FuzzyFinder._finish): context terms,
# a mention (the entity written in the document), a given name before the word. Another
# candidate word that resembles the same entity is no evidence: false candidates in one
# text would support each other (issue 13, Chinese names written right in news).
_MAX_CONTEXT = 0.1
_MENTION = 0.1
_GIVEN_NAME = 0.3
# Confidences are rounded to 4 places, which can lift one by 0.00005: an upper bound must
# stay this far below the flag threshold to rule a word out.
_BOUND_MARGIN = 0.0002
# A given name this long could be cut by the 40-character window of _WORD_BEFORE.
_LONG_GIVEN_NAME = 38
# For a word that hits up to this many entities, their given names are looked up one by one
# before the places of the word are read (a short key in a large lexicon hits hundreds).
_FEW_ENTITIES = 16


_CONTRACTION = regex.compile(r"['\u2019](?:t|ll|ve|re|d)\b")
#: The word just before a place: searched backwards from the place (the REVERSE flag), so
#: the end anchor is tried first instead of every start position of the 40-character window;
#: it finds what the forward search finds (tests/test_fuzzy_memo.py compares them).
_WORD_BEFORE = regex.compile(r"(?r)([\p{L}\p{M}]+)[ \-]{1,2}$")
_ODD_SEP = regex.compile(r"(?<=[\p{L}\p{M}])(?: +-|- +| +- +)(?=[\p{L}\p{M}])")
_TRAILING_LETTERS = regex.compile(r"[\p{L}\p{M}]+$")
#: WORD_RE searched backwards: the words before a place, nearest first.
_WORDS_BACK = regex.compile(r"(?r)" + WORD_RE.pattern)
#: Deletes what is not a lower-case ASCII letter from lower-cased ASCII text (_spacing_key).
_ASCII_NON_LETTERS = str.maketrans(
    "", "", "".join(chr(c) for c in range(128) if not "a" <= chr(c) <= "z")
)
_LETTER = regex.compile(r"[\p{L}\p{M}]")
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
    if not MIN_TYPO_LETTERS <= len(word) <= MAX_LETTERS or not word.isascii():
        return False
    english = english_lowercase_words()
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    variants = {a + b[1:] for a, b in splits if b}
    variants |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    variants |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    variants |= {a + c + b for a, b in splits for c in _LETTERS}
    return any(v in english and zipf(v) >= 3.0 for v in variants - {word})


def _inflected_english(word: str) -> bool:
    """Whether a lower-case word is an English word plus an ending, a British spelling or a
    compound of two English words.

    >>> _inflected_english("modernises"), _inflected_english("shopfront")
    (True, True)
    >>> _inflected_english("chawushiolu")
    False
    """
    if len(word) > MAX_LETTERS:
        return False
    english = english_lowercase_words()
    variants = {word, word.replace("is", "iz"), word.replace("our", "or")}
    for v in variants:
        if v in english:
            return True
        for suffix in _SUFFIXES:
            if v.endswith(suffix) and len(v) - len(suffix) >= 3:
                stem = v[: -len(suffix)]
                if stem in english or stem + "e" in english or zipf(stem) >= MAX_ZIPF:
                    return True
        if v.endswith("ies") and v[:-3] + "y" in english:
            return True  # "parities", "ecologies"
    # Compounds such as "shopfront": two English words of four letters or more.
    return any(word[:i] in english and word[i:] in english for i in range(4, len(word) - 3))


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
    if len(word) > MAX_LETTERS or not word.isascii():
        return False
    english = english_lowercase_words()
    for i in range(2, len(word) - 1):
        head, tail = word[:i], word[i:]
        if head in english and tail in english and _common(head) and _common(tail):
            return True
    return False


def _common(word: str) -> bool:
    return zipf(word) >= (_COMPOUND_ZIPF_SHORT if len(word) == 2 else _COMPOUND_ZIPF)


def _mentions(doc: Document, entity: Entity) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    # Listed garbles count too: the exact finder turns them into legitimate mentions, and the
    # confidence must not change when that has happened (fixing twice = fixing once).
    for form in dict.fromkeys((*entity.legitimate(), *entity.garbles)):
        if form in entity.demonyms:
            continue
        n = doc.count(form)
        if n:
            found.append((form, n))
    return found


@lru_cache(maxsize=65536)
def _given_names(entity: Entity) -> frozenset[str]:
    """First words of the entity's multi-word spellings ("khalifa" for Khalifa Haftar)."""
    firsts: set[str] = set()
    for form in entity.legitimate():
        key = key_of(form)
        if key is not None and key.size > 1 and len(key.words[0]) > 2:
            firsts.add(key.words[0])
    return frozenset(firsts)


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


def _term_key(term: str) -> tuple[str, bool]:
    """A context term or form case-folded, and whether it is one word: how
    :meth:`Document.count` reads it (one word: a word count; else a substring count)."""
    folded = term.casefold()
    return folded, WORD_RE.fullmatch(folded) is not None


@dataclass(frozen=True)
class _Terms:
    """The document evidence :func:`context_evidence` and :func:`_mentions` look for, as
    :meth:`Document.count` reads it: one-word terms as words, others as substrings."""

    context_words: tuple[str, ...]
    context_phrases: tuple[str, ...]
    mention_words: tuple[str, ...]
    mention_phrases: tuple[str, ...]


@lru_cache(maxsize=65536)
def _terms(entity: Entity) -> _Terms:
    context = [_term_key(term) for term in entity.context]
    forms = [
        _term_key(form)
        for form in dict.fromkeys((*entity.legitimate(), *entity.garbles))
        if form not in entity.demonyms
    ]
    return _Terms(
        tuple(f for f, one in context if one),
        tuple(f for f, one in context if not one),
        tuple(f for f, one in forms if one),
        tuple(f for f, one in forms if not one),
    )


#: The context terms and the other spellings of an entity found in a document
#: (:func:`context_evidence`, :func:`_mentions`).
_Found = tuple[list[tuple[str, int]], list[tuple[str, int]]]


class _Held:
    """What a document holds of an entity, as :meth:`FuzzyFinder._score` reads it: how many
    of its context terms (:func:`context_evidence`) and whether another of its spellings
    (:func:`_mentions`). Those two functions, which count each term, run only where the
    reasons are written (:attr:`found`); the numbers come from set and substring look-ups
    that read the terms as :meth:`Document.count` does (see :class:`_Terms`)."""

    __slots__ = ("_doc", "_entity", "_found", "context", "mentioned")

    def __init__(self, doc: Document, entity: Entity, found: _Found | None = None) -> None:
        self._doc = doc
        self._entity = entity
        self._found = found
        if found is not None:
            self.context, self.mentioned = len(found[0]), bool(found[1])
            return
        terms = _terms(entity)
        words = doc.folded_distinct
        # A phrase occurs where its case-folded form is in the case-folded text (in ASCII
        # text, the lower-cased one, which may be there already).
        text = doc.lowered if doc.is_ascii else doc.folded
        self.context = sum(w in words for w in terms.context_words) + sum(
            p in text for p in terms.context_phrases
        )
        self.mentioned = any(w in words for w in terms.mention_words) or any(
            p in text for p in terms.mention_phrases
        )

    @classmethod
    def counted(cls, doc: Document, entity: Entity) -> _Held:
        """The plain computation: every term and spelling counted."""
        return cls(doc, entity, (context_evidence(doc, entity), _mentions(doc, entity)))

    @property
    def found(self) -> _Found:
        """The context terms and the other spellings found, each with its count."""
        if self._found is None:
            doc, entity = self._doc, self._entity
            self._found = (context_evidence(doc, entity), _mentions(doc, entity))
        return self._found


def _held(doc: Document, entity: Entity, held: dict[str, _Held]) -> _Held:
    """What ``doc`` holds of ``entity``, looked up once per document however many words and
    passes ask: ``held`` keeps it by entity id."""
    known = held.get(entity.id)
    if known is None:
        known = held[entity.id] = _Held(doc, entity)
    return known


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
_CODE_MARK = regex.compile(
    r"[\p{L}\p{N}]_[\p{L}\p{N}]|__[a-z]|[a-z]{2}\.[a-z]{2}|[a-z]\(\)?|::=?|<[a-z_]+>|[a-z]=[\w'\"]"
    r"|(?<!\S)--[a-z]"
)
#: A text with this many marks of code outside URLs and addresses is technical writing.
_CODE_MARKS = 3


def _writes_code(doc: Document) -> bool:
    """Whether ``doc`` is technical writing: it has :data:`_CODE_MARKS` marks of code
    (:data:`_CODE_MARK`) outside protected text (URLs, e-mail addresses). There, a lower-case
    word that is no English word is jargon or an identifier ("varargs", "tabsize"), not a
    name that MT left untranslated."""
    found = 0
    for m in _CODE_MARK.finditer(doc.text):
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
    strength: float
    #: The confidence before document evidence: the same sums in the same order as ever, so
    #: adding the document's part gives the same float.
    confidence: float
    evidence: tuple[str, ...]
    headline: str
    #: The most the confidence can become in any document, without and with a given name
    #: before the word (:func:`_ceiling`).
    ceilings: tuple[float, float]
    #: The word reads as pinyin and matches a reading of the entity's Chinese name exactly:
    #: a Chinese name written right unless the document points to the entity.
    needs_evidence: bool = False


def _ceiling(confidence: float, strength: float, given_name: bool) -> float:
    """The most :meth:`FuzzyFinder._score` can make of a spelling's part ``confidence``: every
    kind of document evidence at its most, added in the same order (float addition and
    rounding are monotonic), then the caps that can only lower it."""
    conf = confidence + _MAX_CONTEXT + _MENTION
    if given_name:
        conf += _GIVEN_NAME
    if strength < MIN_STRENGTH:
        conf = min(conf, FAR_CAP)
    return _rounded(conf)


def _rounded(conf: float) -> float:
    """A confidence as :class:`Scored` holds it."""
    return round(min(0.99, max(0.0, conf)), 4)


@dataclass(frozen=True)
class _Reach:
    """An entity that may reach the flag threshold with enough document evidence."""

    entity_id: str
    confidence: float  # the spelling's part (_Static.confidence)
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
    )

    def __init__(self, apart: frozenset[str] = frozenset(), seed: MemoSeed | None = None) -> None:
        self.apart = apart
        self.quiet: set[str] = set()
        self.quiet_apart: set[str] = set()
        self.live: dict[str, _Profile] = {}
        self.cased: dict[str, tuple[str, ...]] = {}
        self.cased_version = 0
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

    @property
    def folded(self) -> str:
        """The case-folded text; for ASCII text, the lower-cased text (the same string),
        which the other finders have usually made already."""
        doc = self.doc
        return doc.lowered if doc.is_ascii else doc.folded

    def has_any(self, words: tuple[str, ...], phrases: tuple[str, ...]) -> bool:
        distinct, cased = self.distinct, self.memo.cased
        if any(not distinct.isdisjoint(cased.get(w, ())) for w in words):
            return True
        return bool(phrases) and any(p in self.folded for p in phrases)

    def how_many(self, words: tuple[str, ...], phrases: tuple[str, ...]) -> int:
        """At least how many of the terms the document holds (as :meth:`Document.count`)."""
        distinct, cased = self.distinct, self.memo.cased
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
        self._memo = _Memo()
        self._lock = threading.Lock()
        self._seed: MemoSeed | None = None

    def set_seed(self, seed: MemoSeed) -> None:
        """Start every memo from now on with ``seed`` (see normalize.finders.memo_seed)."""
        with self._lock:
            self._seed = seed
            self._memo = _Memo(self._memo.apart, seed)

    def __getstate__(self) -> dict[str, Any]:
        # The memo is a cache of this process (and a lock cannot be pickled).
        state = self.__dict__.copy()
        del state["_memo"], state["_lock"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.__dict__.setdefault("_seed", None)
        self._memo = _Memo()  # seeded by share_keys
        self._lock = threading.Lock()

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
                folded, one_word = _term_key(term)
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
        if not MIN_LETTERS <= len(word) <= MAX_LETTERS or not word.isalpha():
            return False
        if f in self.index.known_words or f in english_lowercase_words():
            return False
        shape = case_shape(word)
        if shape == "mixed" or zipf(f) >= (MAX_ZIPF_LOWER if shape == "lower" else MAX_ZIPF):
            return False
        if f.endswith("s") and self._is_plain_or_known(f[:-1]):
            return False  # "Gaddafis", "Turkeys": a lost possessive, not a garble
        if _english_compound(f) or (f.endswith("s") and _english_compound(f[:-1])):
            return False  # "newline", "newlines"
        return not (shape == "lower" and (_inflected_english(f) or _misspelt_english(f)))

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
        if pinyin:
            # A word that reads as pinyin is a Chinese name or place written right ("Xiaoming"
            # is no garble of Xiamen, "Dongchuan" none of Dong Jun): it may stand only for a
            # non-Chinese entity whose Chinese name reads exactly so ("teben", 特本, for
            # Tebboune), and only with evidence in the document (_score).
            hits = [
                (f, d)
                for f, d in hits
                if f.channel not in LATIN_CHANNELS
                and f.surface == token
                and not _written_in_pinyin(f.entity)
            ]
        by_entity: dict[str, list[tuple[Form, int, float]]] = defaultdict(list)
        for form, dist in hits:
            by_entity[form.entity.id].append((form, dist, similarity(token, form.surface)))
        ranked = sorted(by_entity.values(), key=lambda fs: -max(s for _, _, s in fs))
        shape = case_shape(word)
        unseen = zipf(token) == 0
        return tuple(self._static(fs, shape, unseen, pinyin) for fs in ranked[:MAX_ENTITIES])

    @staticmethod
    def _static(
        forms: list[tuple[Form, int, float]], shape: str, unseen: bool, pinyin: bool = False
    ) -> _Static:
        entity = forms[0][0].entity
        best_form, best_dist, best_sim = max(forms, key=lambda f: (f[2], -f[1]))
        exact_key = min(d for _, d, _ in forms) == 0
        channels = {f.channel for f, _, _ in forms}
        source = [f for f, d, _ in forms if f.channel not in LATIN_CHANNELS]
        latin = [f for f, d, _ in forms if f.channel in LATIN_CHANNELS]
        evidence: list[str] = []
        # How much the spelling alone says, in [0, 1]; document evidence is added to it.
        strength = 0.6 * best_sim + (0.25 if exact_key else 0.0)
        strength += 0.15 if len(best_form.key) >= MIN_EDIT_KEY else 0.0
        conf = 0.8 * strength
        evidence.append(
            f"{'key' if best_dist == 0 else 'near key'} {best_form.key} like "
            f"{best_form.written!r} ({best_form.channel}); similarity {best_sim:.2f}"
        )
        if source and latin:
            conf += 0.05
            evidence.append("matches both a spelling and a source-script reading")
        if source:
            readings = sorted({f"{f.written} -> {f.surface}" for f in source})
            evidence.append("source reading " + ", ".join(readings[:2]))
        if shape == "lower":
            conf += 0.1
            evidence.append("lower-case name-like token")
        elif shape == "title":
            # A capitalised unknown word is usually someone else's correctly spelled name.
            conf -= 0.25
        if unseen:
            conf += 0.05
        rule = "fuzzy.name" if best_form.channel in LATIN_CHANNELS else "fuzzy.source"
        if rule == "fuzzy.source" and not channels & LATIN_CHANNELS:
            headline = f"reading of {entity.canonical}'s {best_form.channel} name"
        else:
            headline = f"near miss of {entity.canonical} ({entity.origin})"
        ceilings = (_ceiling(conf, strength, False), _ceiling(conf, strength, True))
        return _Static(
            entity,
            best_form.target,
            rule,
            best_sim,
            strength,
            conf,
            tuple(evidence),
            headline,
            ceilings,
            pinyin,
        )

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
            _Reach(s.entity.id, s.confidence, _terms(s.entity))
            for s in statics
            # Far spellings are capped at FAR_CAP, below the threshold when pruning.
            if self._prune
            and s.strength >= MIN_STRENGTH
            and s.confidence + _MAX_CONTEXT + _MENTION + _GIVEN_NAME >= limit
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
        given_name: bool = False,
        hits: list[tuple[Form, int]] | None = None,
    ) -> list[Scored]:
        """Every entity ``word`` may stand for in ``doc``, surest first, with the reasons.

        ``hits`` is the index lookup of ``word`` where the caller has it already.
        """
        if hits is None:
            hits = self.index.lookup(word)
        return self._rank(doc, self._statics(word, hits), given_name)

    def _rank(
        self,
        doc: Document,
        statics: tuple[_Static, ...],
        given_name: bool,
    ) -> list[Scored]:
        scored = [self._finish(s, _Held.counted(doc, s.entity), given_name) for s in statics]
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

    @staticmethod
    def _finish(static: _Static, held: _Held, given_name: bool) -> Scored:
        """The entity of ``static`` scored with the reasons, given what the document holds
        of it."""
        evidence = list(static.evidence)
        conf = FuzzyFinder._score(static, held, given_name, evidence)
        evidence.insert(0, static.headline)
        return Scored(
            static.entity, static.target, static.rule, conf, static.similarity, tuple(evidence)
        )

    @staticmethod
    def _score(
        static: _Static,
        held: _Held,
        given_name: bool,
        evidence: list[str] | None = None,
    ) -> float:
        """The spelling's part of the score plus the document's: context, mentions, given
        name (:meth:`_may_reach_flag` and :func:`_ceiling` bound exactly these additions).
        The reasons are added to ``evidence`` when it is given."""
        conf = static.confidence
        if held.context:
            conf += min(_MAX_CONTEXT, 0.05 * held.context)
            if evidence is not None:
                evidence += [f"context: {term} x{n}" for term, n in held.found[0]]
        if held.mentioned:
            conf += _MENTION
            if evidence is not None:
                mentions = held.found[1]
                evidence += [f"also written {f!r} x{n} in this document" for f, n in mentions]
        if given_name:
            conf += _GIVEN_NAME
            if evidence is not None:
                evidence.append("follows the entity's given name")
        if not (held.context or held.mentioned or given_name) and conf > NO_CONTEXT_CAP:
            # Spelling alone is never enough to apply: on the Wikidata pairs precision at
            # 0.8 without context is below 0.9, and clean news has rare lower-case words.
            conf = NO_CONTEXT_CAP
            if evidence is not None:
                evidence.append("nothing else in the document points to it: flag only")
        if static.needs_evidence and not (held.context or held.mentioned or given_name):
            conf = min(conf, FAR_CAP)
            if evidence is not None:
                evidence.append(
                    "reads as pinyin: a Chinese name unless the document points to the entity"
                )
        if static.strength < MIN_STRENGTH:
            # Context cannot make up for a spelling that is not close: cap below flagging.
            conf = min(conf, FAR_CAP)
            if evidence is not None:
                evidence.append(f"spelling too far ({static.strength:.2f} < {MIN_STRENGTH})")
        return _rounded(conf)

    @staticmethod
    def _leaders(
        doc: Document,
        statics: Iterable[_Static],
        given_name: bool,
        held: dict[str, _Held],
        count: int,
    ) -> list[tuple[float, _Static]]:
        """The first ``count`` entities of :meth:`_rank` (before its ambiguity rule), with
        their confidences, without scoring every entity: they are taken by decreasing
        ceiling, and once ``count`` are held, an entity whose ceiling is below the last one
        held cannot rank before it, nor can any after it. ``held`` keeps what the document
        holds of each entity looked at, for the other words and passes."""
        leaders: list[tuple[float, _Static]] = []
        for static in sorted(statics, key=lambda s: -s.ceilings[given_name]):
            if len(leaders) == count and static.ceilings[given_name] < leaders[-1][0]:
                break
            conf = FuzzyFinder._score(static, _held(doc, static.entity, held), given_name)
            leaders.append((conf, static))
            leaders.sort(key=lambda cs: (-cs[0], cs[1].entity.id))
            del leaders[count:]
        return leaders

    @staticmethod
    def _first(
        leaders: list[tuple[float, _Static]],
        given_name: bool,
        held: dict[str, _Held],
    ) -> Scored:
        """What :meth:`_rank` puts first, from its first two entities (:meth:`_leaders`):
        the reasons are written out for it alone."""
        static = leaders[0][1]
        top = FuzzyFinder._finish(static, held[static.entity.id], given_name)
        if len(leaders) == 1:
            return top
        confidence, second = leaders[1]
        return FuzzyFinder._ambiguous(top, confidence, second.entity)

    def _may_reach_flag(self, evidence: _Evidence, word: str, profile: _Profile) -> bool:
        """Whether some entity of ``word`` could reach the flag threshold in the document.

        An upper bound of :meth:`_finish`: the spelling's part plus the most each kind of
        document evidence adds where that evidence may be present, added in the same order
        (float addition is monotonic). Rounding and the margin make it safe to the last bit.
        """
        if profile.joined is not None:
            return True  # fuzzy.spacing proposes at 0.9
        limit = self.flag - _BOUND_MARGIN
        given: bool | None = None
        for reach in profile.reach:
            conf = reach.confidence
            if given is None:
                given = evidence.given_name(word, profile)
            named = _GIVEN_NAME if given else 0.0
            if conf + _MAX_CONTEXT + _MENTION + named < limit:
                continue
            terms = reach.terms
            n = evidence.how_many(terms.context_words, terms.context_phrases)
            context = min(_MAX_CONTEXT, 0.05 * n) if n else 0.0
            if conf + context + _MENTION + named < limit:
                continue
            mentioned = evidence.has_any(terms.mention_words, terms.mention_phrases)
            if conf + context + (_MENTION if mentioned else 0.0) + named >= limit:
                return True
        return False

    # -- finding -----------------------------------------------------------------------

    def find(self, doc: Document) -> Iterable[Candidate]:
        yield from self._broken_spacing(doc)
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

    def _scored(self, doc: Document, profiles: Mapping[str, _Profile]) -> Iterable[Candidate]:
        """Score and propose the candidate words ``profiles``."""
        # Whole-word str.find per candidate: distinct whole words cannot overlap, so this
        # finds what one alternation of them would, without compiling a pattern per text.
        spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        contractions: set[str] = set()
        for word in sorted(profiles):
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
        given = {
            word: self._follows_given_name(doc, profiles[word], places)
            for word, places in spans.items()
        }
        # Only what _rank would put first is worked out (second too, for the ambiguity rule),
        # and the reasons only for what is proposed.
        held: dict[str, _Held] = {}
        for word, places in spans.items():
            profile = profiles[word]
            yield from self._spacing(word, places, profile.joined)
            places = near[word]
            if not places:
                continue
            leaders = self._leaders(doc, profile.statics, given[word], held, 2)
            if not leaders:
                continue
            best = self._first(leaders, given[word], held)
            for start, end in places:
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
        before: set[str] = set()
        for start, _ in places:
            m = _WORD_BEFORE.search(doc.text, max(0, start - 40), start)
            if m and m.group(1)[0].isupper():  # given names are capitalised; "said" is not
                before.add(m.group(1).casefold())
        return bool(before) and not before.isdisjoint(profile.given_names)

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
