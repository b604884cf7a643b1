"""Given names garbled beside a surname that is being repaired ("Leijiepu Taiyipu Aierduoan").

MT from Chinese writes a foreign person's full name as the pinyin of the Chinese
transliteration of every part: 雷杰普·塔伊普·埃尔多安 (Recep Tayyip Erdoğan) becomes
"Leijiepu Taiyipu Aierduoan". The fuzzy finder repairs the surname from the entity's Chinese
name (埃尔多安), but the given names beside it stay garbled: "Leijiepu Taiyipu Erdoğan".

:func:`grow` takes a single-word repair of a person's surname (the last part of the
canonical name) or of its short form when that is the given name (Anwar, of Anwar Ibrahim),
and looks at the capitalised words beside it on the other side: before the surname, after
the given name, at most as many as the canonical has parts there. Each must look garbled
(not a word of any lexicon spelling, no English word, rarer in English than
:data:`RARE_ZIPF`) or be the entity's own part written right; the walk stops at the first
word that is neither. Every garbled word must then align with one part, or a run of
consecutive parts written as one word ("Abudulfatah" for Abdel Fattah), of the canonical
next to the repaired one (:func:`match`):

- ``reading``: the word is a pinyin reading of a Chinese transliteration of the part
  (``given_parts.json``: common Arabic, Turkish, Persian and Malay name parts; or the
  entity's own Chinese name where it has as many parts as the canonical);
- ``near``: the word has the transliteration key (:func:`~normalize.translit.skeleton`) of
  the part's spelling or of such a reading, and a string similarity of at least
  :data:`NEAR` with it (:data:`NEAR_SHORT` for a key of fewer than three letters, where
  sharing the key says little).

Then the repair grows over those words and writes the canonical's parts they stand for with
the repaired one. The caller gives the grown span the surname repair's confidence: it is
applied only where the document made the surname repair sure, flagged where it flagged it.
Pure and cheap: it runs only where a person's surname is proposed.
"""

from __future__ import annotations

import json
from collections.abc import Container, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import product

import regex
from anyascii import anyascii

from normalize.lexicon.records import Entity
from normalize.model import Candidate
from normalize.names.index import PARTICLES
from normalize.names.readings import is_han, name_parts, part_readings
from normalize.text import WORD_RE, transfer_case
from normalize.translit import ascii_fold, skeleton, written_in_pinyin
from normalize.vocab import english_lowercase_words, zipf

#: A garbled given name is rarer than this in English (Zipf): a real given name or word
#: ("Ahmed" 3.8, "Aboul" 1.6) is someone else's name or English, never absorbed.
RARE_ZIPF = 1.5
#: Similarity of a word to a part (or a reading of it) with the same key: a near miss.
NEAR = 0.75
#: The same where the key has fewer than three letters ("TP" of Tayyip).
NEAR_SHORT = 0.85
#: Consecutive parts one written word may stand for ("Abudulfatah": Abdel Fattah).
MAX_JOINED = 2
#: Readings kept per run of parts (the product of its parts' readings).
MAX_READINGS = 16

#: The word before a place, with its separator: one space or a hyphen.
_BEFORE = regex.compile(r"(?r)([\p{L}\p{M}]+)( |-)$")
#: The word after a place, with its separator.
_AFTER = regex.compile(r"( |-)([\p{L}\p{M}]+)")


@dataclass(frozen=True)
class Grown:
    """A surname repair grown over the given names beside it."""

    start: int
    end: int
    replacement: str
    #: One evidence line per word absorbed: which part it aligned to, and how.
    lines: tuple[str, ...]

    def candidate(
        self, text: str, rule: str, entity: str, confidence: float, evidence: Sequence[str]
    ) -> Candidate:
        """The grown change of ``text`` as a finder proposes it: the surname repair's rule,
        entity, confidence and evidence, then a line per given name absorbed."""
        original = text[self.start : self.end]
        return Candidate(
            self.start,
            self.end,
            original,
            transfer_case(original, self.replacement),
            rule,
            entity,
            confidence,
            (*evidence, *self.lines),
        )


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    written: str
    folded: str


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, ...]]:
    """Folded Latin spelling of a name part -> its Chinese transliterations."""
    raw = resources.files("normalize.names").joinpath("given_parts.json").read_text("utf-8")
    out: dict[str, tuple[str, ...]] = {}
    for entry in json.loads(raw)["parts"]:
        for latin in entry["latin"]:
            key = ascii_fold(latin)
            out[key] = tuple(dict.fromkeys((*out.get(key, ()), *entry["zh"])))
    return out


@lru_cache(maxsize=4096)
def _part_readings(part: str, own: str | None) -> tuple[tuple[str, str], ...]:
    """Pinyin readings of a folded name part's Chinese transliterations, each with its
    Chinese: those of the table, and ``own`` (the entity's own Chinese for this part).

    >>> [r for r, _ in _part_readings("mevlut", None)][:2]
    ['meifulvte', 'meifulute']
    """
    found: list[tuple[str, str]] = []
    for chinese in (*((own,) if own else ()), *_table().get(part, ())):
        for reading in part_readings(chinese):
            # Pinyin has no v but for ü (吕 lü, written "lv"), which MT writes u as often.
            found.extend((r, chinese) for r in dict.fromkeys((reading, reading.replace("v", "u"))))
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=4096)
def _canonical_parts(entity: Entity) -> tuple[tuple[str, int, int, bool, str | None], ...]:
    """The canonical's words: (folded, start, end, particle, own Chinese of the part)."""
    words = [(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(entity.canonical)]
    plain = [w for w in words if ascii_fold(w[0]) not in PARTICLES]
    chinese = entity.name_in("zh")
    own: list[str | None] = [None] * len(plain)
    if chinese is not None:
        parts = name_parts(chinese)
        if len(parts) == len(plain) and all(is_han(p) for p in parts):
            own = list(parts)
    out: list[tuple[str, int, int, bool, str | None]] = []
    i = 0
    for written, start, end in words:
        folded = ascii_fold(written)
        if folded in PARTICLES:
            out.append((folded, start, end, True, None))
        else:
            out.append((folded, start, end, False, own[i]))
            i += 1
    return tuple(out)


def match(word: str, parts: tuple[tuple[str, str | None], ...]) -> tuple[str, str] | None:
    """How folded ``word`` stands for ``parts`` (folded part, its own Chinese or None)
    written as one word: ("exact" | "reading" | "near", what it was compared with), or None.

    >>> match("leijiepu", (("recep", None),))
    ('reading', 'pinyin of 雷杰普')
    >>> match("abudulfatah", (("abdel", None), ("fattah", None)))[0]
    'near'
    >>> match("gheit", (("fattah", None),)) is None
    True
    """
    latin = "".join(p for p, _ in parts)
    if word == latin:
        return "exact", "its spelling"
    per_part = [_part_readings(p, own) for p, own in parts]
    readings: list[tuple[str, str]] = []
    if all(per_part):
        for combo in product(*per_part):
            readings.append(("".join(r for r, _ in combo), "".join(c for _, c in combo)))
            if len(readings) >= MAX_READINGS:
                break
    for reading, chinese in readings:
        if word == reading:
            return "reading", f"pinyin of {chinese}"
    from normalize.names.static import similarity

    key = skeleton(word)
    best: tuple[float, str] | None = None
    for other, what in ((latin, "its spelling"), *((r, f"{c}, read {r}") for r, c in readings)):
        if skeleton(other) != key:
            continue
        sim = similarity(word, other)
        if sim >= (NEAR if len(key) >= 3 else NEAR_SHORT) and (best is None or sim > best[0]):
            best = (sim, what)
    if best is None:
        return None
    return "near", f"key {key} like {best[1]}, similarity {best[0]:.2f}"


def _garbled(word: str, known: Container[str]) -> bool:
    """Whether a capitalised word looks like a garble: no word of a lexicon spelling, no
    English word, rare in English."""
    f = word.casefold()
    return (
        word.isalpha()
        and f not in known
        and ascii_fold(word) not in known
        and f not in english_lowercase_words()
        and zipf(f) < RARE_ZIPF
    )


def _same(part: str, target: str) -> bool:
    """Whether a canonical part and a repair's target are one spelling, blind to case and
    accents ("Erdoğan", "Erdogan").

    >>> _same("Erdoğan", "Erdogan"), _same("Sisi", "Sisi"), _same("Sisi", "al-Sisi")
    (True, True, False)
    """
    return ascii_fold(part) == ascii_fold(target) or _letters(part) == _letters(target)


def _letters(word: str) -> str:
    return regex.sub(r"[^a-z]+", "", anyascii(word).lower())


def _title_cased(word: str) -> bool:
    return word[:1].isupper() and (len(word) == 1 or word[1:].islower())


def grow(
    text: str, start: int, end: int, entity: Entity, target: str, known: Container[str]
) -> Grown | None:
    """The repair of ``text[start:end]`` to ``target`` (a one-word spelling of ``entity``)
    grown over the garbled given names beside it, or None. ``known`` holds the words of
    every lexicon spelling, case-folded or ASCII-folded."""
    if entity.type != "person" or written_in_pinyin(entity.canonical):
        return None
    words = _canonical_parts(entity)
    plain = [i for i, w in enumerate(words) if not w[3]]
    if len(plain) < 2 or not target:
        return None
    if _same(entity.canonical[words[plain[-1]][1] : words[plain[-1]][2]], target):
        side, at, rest = "before", plain[-1], plain[:-1]
    elif _same(entity.canonical[words[plain[0]][1] : words[plain[0]][2]], target):
        side, at, rest = "after", plain[0], plain[1:]
    else:
        return None
    found = _beside(text, start, end, side, len(rest), known, {words[i][0] for i in rest})
    if not found:
        return None
    parts = [(words[i][0], words[i][4]) for i in rest]
    aligned = _align(found, parts, side)
    if aligned is None or all(kind == "exact" for _, _, kind, _ in aligned):
        return None
    # The parts covered, as indices into ``rest``.
    covered = [j for _, run, _, _ in aligned for j in run]
    if side == "before":
        first, last = words[rest[covered[0]]][1], words[at][2]
        span = (found[0].start, end)
    else:
        first, last = words[at][1], words[rest[covered[-1]]][2]
        span = (start, found[-1].end)
    lines = tuple(
        f"given-name part {w.written!r} beside it stands for "
        f"{' '.join(entity.canonical[words[rest[j]][1] : words[rest[j]][2]] for j in run)} "
        f"({kind}: {how})"
        for w, run, kind, how in aligned
        if kind != "exact"
    )
    return Grown(span[0], span[1], entity.canonical[first:last], lines)


def _beside(
    text: str,
    start: int,
    end: int,
    side: str,
    most: int,
    known: Container[str],
    own: set[str],
) -> list[_Word]:
    """The capitalised words beside the place on ``side``, nearest first walked and
    returned in text order: garbled ones or the entity's own parts, at most ``most``."""
    found: list[_Word] = []
    at = start if side == "before" else end
    while len(found) < most:
        if side == "before":
            m = _BEFORE.search(text, max(0, at - 60), at)
            if m is None:
                break
            w = _Word(m.start(1), m.end(1), m.group(1), ascii_fold(m.group(1)))
            at = m.start(1)
        else:
            m = _AFTER.match(text, at)
            if m is None:
                break
            w = _Word(m.start(2), m.end(2), m.group(2), ascii_fold(m.group(2)))
            at = m.end(2)
        if not _title_cased(w.written) or not (w.folded in own or _garbled(w.written, known)):
            break
        found.append(w)
    if side == "before":
        found.reverse()
    return found


def _align(
    found: list[_Word], parts: list[tuple[str, str | None]], side: str
) -> list[tuple[_Word, tuple[int, ...], str, str]] | None:
    """Every word of ``found`` aligned, in order, with one part or a run of consecutive
    parts (as indices into ``parts``), the runs ending at the last part (``before``) or
    starting at the first (``after``): the alignment covering most parts, or None."""
    n = len(parts)

    def walk(i: int, j: int) -> list[tuple[_Word, tuple[int, ...], str, str]] | None:
        # Words found[i:] aligned from part j on, up to part n (forward).
        if i == len(found):
            return [] if (side == "after" or j == n) else None
        best: list[tuple[_Word, tuple[int, ...], str, str]] | None = None
        for size in range(1, MAX_JOINED + 1):
            if j + size > n:
                break
            run = tuple(range(j, j + size))
            hit = match(found[i].folded, tuple(parts[k] for k in run))
            if hit is None:
                continue
            rest = walk(i + 1, j + size)
            if rest is None:
                continue
            cand = [(found[i], run, hit[0], hit[1]), *rest]
            if best is None or _covered(cand) > _covered(best):
                best = cand
        return best

    if side == "after":
        return walk(0, 0)
    best = None
    for j in range(n):
        cand = walk(0, j)
        if cand is not None and (best is None or _covered(cand) > _covered(best)):
            best = cand
    return best


def _covered(aligned: list[tuple[_Word, tuple[int, ...], str, str]]) -> int:
    return sum(len(run) for _, run, _, _ in aligned)
