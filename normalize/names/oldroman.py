"""Chinese names in the older romanisations: Wade-Giles and the Postal spellings.

English wrote Chinese names in Wade-Giles (Ch'ung-ch'ing, Hsin-chu, Kuo) and in the Chinese
Postal Map Romanization (Chungking, Tientsin, Kweiyang, Soochow) long before pinyin, and
history books, memoirs, Taiwanese and overseas writers still do. Such a word is near the
pinyin of its name in letters ("Chungking" ~ Chongqing) but it is no garble: MT from
Chinese writes pinyin or the established English name, never a romanisation of another
system. :func:`old_romanisation` tells whether a word is the pinyin ``target`` respelt
syllable by syllable with the initials and finals those systems used (apostrophes, hyphens
and umlauts left out, as English usually writes them); the fuzzy finder then leaves it alone.

Korean names have the same history: McCune-Reischauer (Pusan, Kwangju, Inchon, Taegu)
before the Revised Romanization of 2000 (Busan, Gwangju, Incheon, Daegu), and MT from
Chinese never writes either for a Korean place it garbles (it reads the Chinese characters:
光州 comes out "Guangzhou"). :func:`mccune_reischauer` tells whether a word is a Revised
spelling in the older one.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from normalize.lexicon.records import Entity
from normalize.translit import PINYIN_SYLLABLES, ascii_fold, pinyin_readings, written_in_pinyin

#: Pinyin initials, the two-letter ones first.
_INITIALS: tuple[str, ...] = (
    "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x",
    "r", "z", "c", "s", "y", "w",
)  # fmt: skip
#: Pinyin initial -> how the older systems write it (an initial not listed is kept).
_OLD_INITIALS: dict[str, tuple[str, ...]] = {
    "b": ("p",),
    "d": ("t",),
    "g": ("k",),
    "j": ("ch", "k", "ts"),  # Chi-lin; Postal Peking, Nanking; Tientsin
    "q": ("ch", "ts", "k"),  # Ch'ing-tao; Postal Tsingtao, Chungking
    "x": ("hs", "s", "h"),  # Hsin-chu; Postal Sian, Sinkiang
    "zh": ("ch",),
    "r": ("j",),
    "z": ("ts", "tz"),
    "c": ("ts", "tz"),
}
#: Pinyin final -> its older spellings (besides itself).
_OLD_FINALS: dict[str, tuple[str, ...]] = {
    "ong": ("ung",),
    "iong": ("iung",),
    "ian": ("ien",),
    "ie": ("ieh",),
    "ue": ("ueh", "ueh"),
    "e": ("o", "eh"),
    "uo": ("o",),
    "ou": ("ow",),
    "ui": ("uei", "wei"),
    "ua": ("wa",),
    "uan": ("wan",),
    "uang": ("wang",),
    "uai": ("wai",),
    "ei": ("e", "eh"),  # Postal Peking, Hopeh
    "u": ("oo",),  # Postal Soochow
    "er": ("erh",),
    "un": ("uen",),
}
#: Finals every older system respells: a syllable with one of them is never kept as in pinyin
#: ("Chongching" is no spelling of Chongqing; Chungking and Ch'ung-ch'ing are).
_ALWAYS_RESPELT = frozenset({"ong", "iong", "ian", "ie", "ue", "er"})
#: Whole syllables the older systems write otherwise.
_OLD_SYLLABLES: dict[str, tuple[str, ...]] = {
    "yan": ("yen",),
    "you": ("yu", "yow"),
    "yi": ("i",),
    "wu": ("u",),
    "yong": ("yung",),
    "ye": ("yeh",),
    "yue": ("yueh",),
    "er": ("erh",),
}


def _spellings(syllable: str) -> tuple[str, ...]:
    """Every older spelling of one pinyin syllable (itself where they keep it).

    >>> sorted(_spellings("qing")), sorted(_spellings("ming"))
    (['ching', 'king', 'tsing'], ['ming'])
    >>> sorted(_spellings("si")), sorted(_spellings("gui"))
    (['ssu', 'su', 'sze', 'szu'], ['kuei', 'kui', 'kwei'])
    """
    out = set(_OLD_SYLLABLES.get(syllable, ()))
    initial = next((i for i in _INITIALS if syllable.startswith(i)), "")
    final = syllable[len(initial) :]
    # An initial the older systems write otherwise is never kept beside an older final:
    # "Bejing" is Beijing mistyped, not Postal (Peking).
    initials = _OLD_INITIALS.get(initial, (initial,))
    if final == "i" and initial in ("z", "c", "s"):
        # tzu, tz'u, ssu; Postal Szechwan
        out.update(("tzu", "tsu", "tze") if initial != "s" else ("ssu", "szu", "sze", "su"))
        return tuple(sorted(out))
    if final == "i" and initial in ("zh", "ch", "sh", "r"):
        finals: tuple[str, ...] = ("i", "ih")  # chih, shih, jih
    else:
        finals = _OLD_FINALS.get(final, ())
        if final not in _ALWAYS_RESPELT:
            finals = (final, *finals)
    out.update(i + f for i in initials for f in finals)
    return tuple(sorted(out))


def _segmentations(letters: str) -> list[list[str]]:
    """Every split of ``letters`` into pinyin syllables (at most a few)."""
    out: list[list[str]] = []

    def walk(i: int, done: list[str]) -> None:
        if len(out) >= 8:
            return
        if i == len(letters):
            out.append(done)
            return
        for j in range(i + 1, min(len(letters), i + 6) + 1):
            if letters[i:j] in PINYIN_SYLLABLES:
                walk(j, [*done, letters[i:j]])

    walk(0, [])
    return out


def _letters(word: str) -> str:
    return regex.sub(r"[^a-z]", "", ascii_fold(word).lower())


@lru_cache(maxsize=4096)
def _pattern(target: str) -> regex.Pattern[str] | None:
    """A pattern of every older spelling of the pinyin ``target`` (letters only)."""
    splits = _segmentations(_letters(target))
    if not splits:
        return None
    alternatives = [
        "".join("(?:" + "|".join(_spellings(s)) + ")" for s in split) for split in splits
    ]
    return regex.compile("(?:" + "|".join(alternatives) + ")")


def old_romanisation(word: str, target: str) -> bool:
    """Whether ``word`` is the pinyin ``target`` in Wade-Giles or a Postal spelling, not
    pinyin itself.

    >>> [old_romanisation(w, "Chongqing") for w in ("Chungking", "Ch'ung-ch'ing", "Chongqin")]
    [True, True, False]
    >>> [old_romanisation(w, t) for w, t in (("Kweiyang", "Guiyang"), ("Szechwan", "Sichuan"))]
    [True, True]
    >>> old_romanisation("Shenzen", "Shenzhen"), old_romanisation("Bejing", "Beijing")
    (False, False)
    >>> old_romanisation("Chongqing", "Chongqing"), old_romanisation("Peking", "Beijing")
    (False, True)
    >>> old_romanisation("Chongching", "Chongqing"), old_romanisation("Tianching", "Tianjin")
    (False, False)
    """
    letters, pinyin = _letters(word), _letters(target)
    if not letters or letters == pinyin:
        return False
    pattern = _pattern(target)
    return pattern is not None and pattern.fullmatch(letters) is not None


#: The context terms that make a place without a Chinese name in the lexicon Chinese.
_CHINESE_CONTEXT = frozenset({"China", "Taiwan", "Hong Kong", "Macau", "Macao"})


@lru_cache(maxsize=8192)
def chinese(entity: Entity) -> bool:
    """Whether the entity's name is pinyin and, where its Chinese name is known, a reading
    of it (not Dubai, 迪拜, nor Hun Sen, 洪森); a place without one, in China or Taiwan by
    its context terms (Chongqing)."""
    if not written_in_pinyin(entity.canonical):
        return False
    name = entity.name_in("zh")
    if name is None:
        return not _CHINESE_CONTEXT.isdisjoint(entity.context)
    joined = "".join(regex.findall(r"[a-z]+", ascii_fold(entity.canonical).lower()))
    return joined in pinyin_readings("".join(regex.findall(r"\p{L}+", name)), limit=8)


#: Revised Romanization -> McCune-Reischauer (apostrophes and breves left out): plain stops
#: written voiceless, "eo" and "eu" as "o" and "u", "j" as "ch".
_MR = (
    (r"(?<!n)g", "[gk]"),
    ("d", "[dt]"),
    ("b", "[bp]"),
    ("j", "(?:j|ch)"),
    ("eo", "(?:eo|o)"),
    ("eu", "(?:eu|u)"),
)
#: The context terms of a Korean entity.
_KOREAN_CONTEXT = frozenset({"South Korea", "North Korea", "Korea"})


@lru_cache(maxsize=4096)
def _mr_pattern(target: str) -> regex.Pattern[str]:
    pattern = regex.escape(_letters(target))
    for revised, older in _MR:
        pattern = regex.sub(revised, older, pattern)
    return regex.compile(pattern)


def mccune_reischauer(word: str, target: str) -> bool:
    """Whether ``word`` is the Revised Romanization ``target`` in McCune-Reischauer.

    >>> [mccune_reischauer(w, t) for w, t in (("Kwangju", "Gwangju"), ("Inchon", "Incheon"),
    ...                                        ("Pusan", "Busan"), ("Taegu", "Daegu"))]
    [True, True, True, True]
    >>> mccune_reischauer("Gwanju", "Gwangju"), mccune_reischauer("Busan", "Busan")
    (False, False)
    """
    letters = _letters(word)
    if not letters or letters == _letters(target):
        return False
    return _mr_pattern(target).fullmatch(letters) is not None


def older_spelling(word: str, target: str, entity: Entity) -> bool:
    """Whether ``word`` is the entity's name ``target`` in an older romanisation: Wade-Giles
    or Postal for a Chinese name, McCune-Reischauer for a Korean one."""
    if chinese(entity):
        return any(old_romanisation(word, t) for t in target.split())
    if not _KOREAN_CONTEXT.isdisjoint(entity.context):
        return any(mccune_reischauer(word, t) for t in target.split())
    return False
