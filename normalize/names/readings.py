"""Readings of source-script names as machine translation from Chinese writes them.

MT that meets a name it does not know writes the pinyin of its Chinese characters, without
tones: 安倍晋三 (Shinzo Abe) becomes "Anbei Jinsan", 潘基文 (Ban Ki-moon) "Pan Jiwen". The
syllables are grouped in every way MT groups them: family and given name spaced
("Anbei Jinsan"), joined ("Anbeijinsan"), hyphenated ("Anbei-Jinsan", the same words),
given name first ("Jinsan Anbei"), or character by character ("An Bei Jin San").
Characters with several readings give several readings (潘: pan, bo, fan), bounded.

Everything here runs when the finder is compiled, never per document (pypinyin is heavy).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

import regex

#: Characters looked at per name: longer Chinese strings are not one person's name.
MAX_CHARS = 6
#: Readings kept per character (pypinyin's heteronyms, the usual one first).
PER_CHAR = 3
#: Syllable choices kept per name (the usual reading, then one alternative at a time).
MAX_VARIANTS = 8

_HAN = regex.compile(r"^\p{Han}+$")
#: Separators inside a transliterated name (穆罕默德·本·萨勒曼).
_PART_SEP = regex.compile(r"[\u00b7\u30fb\u2027\u2022\uff0e.\-\s=]+")


@dataclass(frozen=True)
class Reading:
    """One way MT writes a source-script name: its words, lower-case ASCII.

    ``kind`` says what it covers: ``full`` (the whole name), ``family`` (the family name
    alone), ``given`` (the given name alone), ``surname`` (a transliterated surname split
    into words, "Ma Kelong" for 马克龙), ``pair`` (a two-character one split in two, "Sai
    Xi" for 塞西).
    """

    words: tuple[str, ...]
    kind: str


def is_han(text: str) -> bool:
    """Whether ``text`` is Chinese characters only (a name MT reads as pinyin)."""
    return bool(_HAN.match(text))


def name_parts(name: str) -> tuple[str, ...]:
    """The parts of a source-script name, split at interpuncts and spaces.

    >>> name_parts("穆罕默德·本·萨勒曼")
    ('穆罕默德', '本', '萨勒曼')
    """
    return tuple(p for p in _PART_SEP.split(name) if p)


@lru_cache(maxsize=8192)
def char_readings(chars: str) -> tuple[tuple[str, ...], ...]:
    """Toneless pinyin of each character, usual reading first, at most PER_CHAR each.

    >>> char_readings("潘基")
    (('pan', 'bo', 'fan'), ('ji',))
    """
    from pypinyin import Style, pinyin

    out: list[tuple[str, ...]] = []
    for opts in pinyin(chars, style=Style.NORMAL, heteronym=True, errors="ignore"):
        clean = [o.replace("\u00fc", "v") for o in opts]
        kept = tuple(dict.fromkeys(o for o in clean if o.isascii() and o.isalpha()))
        if kept:
            out.append(kept[:PER_CHAR])
    return tuple(out)


def syllable_variants(chars: str) -> list[tuple[str, ...]]:
    """The syllable sequences of ``chars``: the usual reading of each character, then each
    alternative of one character at a time (the full product is mostly readings nobody
    produces), at most MAX_VARIANTS.

    >>> syllable_variants("洪森")
    [('hong', 'sen')]
    """
    per_char = char_readings(chars)
    if not per_char or len(per_char) != len(chars):
        return []
    primary = tuple(opts[0] for opts in per_char)
    variants = [primary]
    for i, opts in enumerate(per_char):
        for alt in opts[1:]:
            variants.append((*primary[:i], alt, *primary[i + 1 :]))
    return list(dict.fromkeys(variants))[:MAX_VARIANTS]


def groupings(syllables: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Every way of joining consecutive syllables into words (2**(n-1) of them).

    >>> groupings(("an", "bei", "jin"))
    [('anbeijin',), ('anbei', 'jin'), ('an', 'beijin'), ('an', 'bei', 'jin')]
    """
    n = len(syllables)
    out: list[tuple[str, ...]] = []
    for cuts in product((False, True), repeat=n - 1):
        words: list[str] = []
        cur = syllables[0]
        for cut, syl in zip(cuts, syllables[1:], strict=True):
            if cut:
                words.append(cur)
                cur = syl
            else:
                cur += syl
        words.append(cur)
        out.append(tuple(words))
    return out


def full_readings(chars: str, family: int) -> set[Reading]:
    """Readings of a whole East Asian name ``chars`` whose family name is its first
    ``family`` characters: every grouping of the syllables, and given name first.

    >>> sorted(" ".join(r.words) for r in full_readings("洪森", 1))
    ['hong sen', 'hongsen', 'sen hong']
    """
    out: set[Reading] = set()
    if not 2 <= len(chars) <= MAX_CHARS:
        return out
    for syls in syllable_variants(chars):
        for words in groupings(syls):
            out.add(Reading(words, "full"))
        fam, given = syls[:family], syls[family:]
        if fam and given:
            out.add(Reading(("".join(given), "".join(fam)), "full"))
    return out


def family_readings(chars: str, family: int) -> set[Reading]:
    """Readings of the family name alone (two characters or more: one is too common).

    >>> sorted(" ".join(r.words) for r in family_readings("安倍晋三", 2))
    ['anbei', 'anpei']
    """
    out: set[Reading] = set()
    if family < 2 or len(chars) <= family:
        return out
    for syls in syllable_variants(chars[:family]):
        out.add(Reading(("".join(syls),), "family"))
    return out


def given_readings(chars: str, family: int) -> set[Reading]:
    """Readings of the given name alone (two characters or more), joined or spaced, as MT
    writes a name whose family character it dropped ("Jin Ping" for 习近平).

    >>> {("jin", "ping"), ("jinping",)} <= {r.words for r in given_readings("习近平", 1)}
    True
    """
    out: set[Reading] = set()
    if len(chars) - family < 2:
        return out
    for syls in syllable_variants(chars[family:]):
        for words in groupings(syls):
            out.add(Reading(words, "given"))
    return out


def surname_readings(chars: str) -> set[Reading]:
    """A transliterated surname (three characters or more) split into two or more words:
    the joined reading is the fuzzy finder's (``fuzzy.source``).

    >>> sorted(" ".join(r.words) for r in surname_readings("马克龙"))[:3]
    ['ma ke long', 'ma kelong', 'make long']
    """
    out: set[Reading] = set()
    if not 3 <= len(chars) <= MAX_CHARS:
        return out
    for syls in syllable_variants(chars):
        for words in groupings(syls)[1:]:
            out.add(Reading(words, "surname"))
    return out


def pair_readings(chars: str) -> set[Reading]:
    """A transliterated surname of two characters written a syllable a word ("Sai Xi" for
    塞西, Sisi; "Fei Dan" for 费丹, Fidan). Two such syllables are also how a Chinese name
    is written right, so the finder takes one only after the entity's own office.

    >>> sorted(" ".join(r.words) for r in pair_readings("塞西"))
    ['sai xi', 'se xi']
    """
    if len(chars) != 2:
        return set()
    return {Reading(syls, "pair") for syls in syllable_variants(chars)}


def part_readings(chars: str) -> tuple[str, ...]:
    """Joined readings of one transliterated part (萨勒曼 -> salaiman, saleman ...).

    >>> part_readings("塞西")
    ('saixi', 'sexi')
    """
    if not is_han(chars) or len(chars) > 8:
        return ()
    return tuple(dict.fromkeys("".join(s) for s in syllable_variants(chars)))


@lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable (from pypinyin's dictionary), ü written v and u."""
    from pypinyin.constants import PINYIN_DICT

    found: set[str] = set()
    for value in PINYIN_DICT.values():
        for toned in value.split(","):
            plain = "".join(
                c for c in unicodedata.normalize("NFD", toned) if not unicodedata.combining(c)
            )
            for s in (plain.replace("\u00fc", "v"), plain.replace("\u00fc", "u")):
                if s.isascii() and s.isalpha():
                    found.add(s)
    return frozenset(found)


def is_pinyin(word: str, syllables: frozenset[str]) -> bool:
    """Whether lower-case ``word`` splits into pinyin syllables (a Chinese name written
    the mainland way).

    >>> s = frozenset({"li", "xue", "dong", "chuan", "an", "bei"})
    >>> [is_pinyin(w, s) for w in ("lixue", "dongchuan", "anbei", "scholz")]
    [True, True, True, False]
    """
    n = len(word)
    if not n:
        return False
    ok = [False] * (n + 1)
    ok[0] = True
    for i in range(n):
        if not ok[i]:
            continue
        for j in range(i + 1, min(n, i + 6) + 1):
            if word[i:j] in syllables:
                ok[j] = True
    return ok[n]
