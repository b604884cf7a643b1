"""Per-part alignment of a window of the text with a person's spelling.

A window ("Abdul Fatah Saixi") is aligned word by word with the slots of a spelling
("Abdel Fattah al-Sisi"): each word matches one slot, written right, as a reading MT writes
for it (Saixi, the pinyin of 塞西), or close to it; two words may together match one slot
(a name broken at a syllable, "Erdo Gan"); a particle slot (al-, bin) may be left out.
The alignment must cover the whole spelling.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from normalize.names.index import Slot, SlotForm
from normalize.translit import skeleton

#: A part this similar to its slot is a near miss of it.
NEAR = 0.75
#: A part whose key is one edit from the slot's may be this far and still match (a part
#: translated as a word, "Caliph" for Khalifa).
FAR = 0.5


@dataclass(frozen=True)
class Part:
    """How one word (or two joined) of a window matched a slot."""

    written: str
    slot: str
    kind: str  # exact, reading, near, far, split
    score: float


@dataclass(frozen=True)
class Alignment:
    """A window aligned with a whole spelling."""

    form: SlotForm
    parts: tuple[Part, ...]

    @property
    def similarity(self) -> float:
        return sum(p.score for p in self.parts) / len(self.parts)

    @property
    def garbled(self) -> tuple[Part, ...]:
        return tuple(p for p in self.parts if p.kind != "exact")

    @property
    def key_distance(self) -> int:
        """Parts whose transliteration key differs from their slot's."""
        return sum(p.kind == "far" for p in self.parts)


def _key_edit1(a: str, b: str) -> bool:
    """Whether keys ``a`` and ``b`` are at most one substitution, insertion or deletion
    apart."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


@lru_cache(maxsize=65536)
def match_part(word: str, slot: Slot) -> Part | None:
    """How lower-case ``word`` matches ``slot``, or ``None``.

    >>> match_part("olof", Slot("olaf", frozenset(), False)).kind
    'near'
    >>> match_part("saixi", Slot("sisi", frozenset({"saixi"}), False)).kind
    'reading'
    >>> match_part("macron", Slot("scholz", frozenset(), False)) is None
    True
    """
    from normalize.names.static import similarity

    if word == slot.word:
        return Part(word, slot.word, "exact", 1.0)
    if word in slot.readings:
        return Part(word, slot.word, "reading", 0.95)
    sim = similarity(word, slot.word)
    kw, ks = skeleton(word), skeleton(slot.word)
    if kw and kw == ks and sim >= FAR:
        return Part(word, slot.word, "near", sim)
    if sim >= NEAR and len(word) >= 4:
        return Part(word, slot.word, "near", sim)
    if len(ks) >= 3 and sim >= FAR and _key_edit1(kw, ks) and not slot.particle:
        return Part(word, slot.word, "far", sim)
    return None


def align(words: tuple[str, ...], form: SlotForm) -> Alignment | None:
    """The best alignment of ``words`` (lower-case ASCII) with the whole of ``form``.

    >>> f = SlotForm("p/s", "Abdel Fattah al-Sisi", (Slot("abdel", frozenset(), False),
    ...     Slot("fattah", frozenset(), False), Slot("al", frozenset(), True),
    ...     Slot("sisi", frozenset({"saixi"}), False)), "Abdel Fattah al-Sisi")
    >>> [p.kind for p in align(("abdul", "fatah", "saixi"), f).parts]
    ['near', 'near', 'reading']
    >>> g = SlotForm("p/e", "Erdogan", (Slot("erdogan", frozenset(), False),), "Erdogan")
    >>> [p.kind for p in align(("erdo", "gan"), g).parts]
    ['split']
    """
    slots = form.slots
    n, m = len(words), len(slots)
    # Cheap first: the ends must match the ends (the last two words may be one slot).
    last = slots[-1]
    if (
        not last.particle
        and match_part(words[-1], last) is None
        and (n < 2 or match_part(words[-2] + words[-1], last) is None)
    ):
        return None
    first = slots[0]
    if (
        not first.particle
        and match_part(words[0], first) is None
        and (n < 2 or match_part(words[0] + words[1], first) is None)
    ):
        return None
    # best[i][j]: the best parts for words[:i] aligned with slots[:j] (by total score).
    best: list[list[tuple[float, tuple[Part, ...]] | None]] = [
        [None] * (m + 1) for _ in range(n + 1)
    ]
    best[0][0] = (0.0, ())
    for i in range(n + 1):
        for j in range(m + 1):
            cur = best[i][j]
            if cur is None or j == m:
                continue
            slot = slots[j]
            steps: list[tuple[int, Part | None]] = []
            if slot.particle:
                steps.append((i, None))
            if i < n:
                steps.append((i + 1, match_part(words[i], slot)))
            if i + 1 < n and not slot.particle:
                joined = match_part(words[i] + words[i + 1], slot)
                if joined is not None:
                    # Two words for one: a name broken at a syllable, spelled right or read.
                    joined = (
                        Part(f"{words[i]} {words[i + 1]}", slot.word, "split", joined.score)
                        if joined.kind in {"exact", "reading"}
                        else None
                    )
                steps.append((i + 2, joined))
            for ni, part in steps:
                if ni == i:
                    cand = cur
                elif part is None:
                    continue
                else:
                    cand = (cur[0] + part.score, (*cur[1], part))
                old = best[ni][j + 1]
                if old is None or cand[0] > old[0]:
                    best[ni][j + 1] = cand
    end = best[n][m]
    if end is None or not end[1]:
        return None
    return Alignment(form, end[1])
