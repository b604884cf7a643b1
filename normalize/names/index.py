"""What the names finder knows about the lexicon, compiled once and filed by folded word.

Three tables, all keyed by a lower-case ASCII word so that a window of the text costs a few
dict probes whatever the size of the lexicon:

- ``readings``: the letters of a reading joined ("anbeijinsan") -> the readings of a
  person's source-script name that spell them, with their word grouping (see
  :mod:`normalize.names.readings`);
- ``forms``: every multi-part spelling of a person as *slots* (one per word, each with the
  readings MT may put in its place), and ``anchors``: a word -> the forms that have it in
  a slot, written or read (a window is only aligned with the forms one of its words names);
- ``legit``: the letters of every legitimate form of every entity: a window that spells one
  is written right, whatever it also reads as.

Readings that spell a legitimate form of any entity are dropped: a Chinese person whose
English name is the pinyin (Xi Jinping) is never read as someone else.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from normalize.lexicon.records import Entity, Lexicon
from normalize.names.readings import (
    family_readings,
    full_readings,
    given_readings,
    groupings,
    is_han,
    name_parts,
    pair_readings,
    part_readings,
    pinyin_syllables,
    surname_readings,
    syllable_variants,
)
from normalize.text import WORD_RE
from normalize.translit import ascii_fold

#: Name particles a window may leave out or write differently ("al-", "bin").
PARTICLES = frozenset(
    {"al", "el", "ad", "as", "ash", "bin", "ben", "ibn", "bint", "de", "da", "di", "van", "von",
     "der", "le", "la", "du"}
)  # fmt: skip
#: A one-word spelling this long may arrive broken in two ("Erdo Gan").
MIN_SPLIT = 6
#: Anchors at least this frequent in English (Zipf) do not open windows on their own.
RARE_ANCHOR = 3.5
#: Prefixes of a split spelling at least this long are filed as anchors.
MIN_PREFIX = 3


@dataclass(frozen=True)
class ReadingEntry:
    """A reading of ``entity_id``'s name: its words, what it covers (see
    :class:`~normalize.names.readings.Reading`), and the form a window spelling it becomes
    (the canonical name for a full or given-name reading, the short name otherwise)."""

    entity_id: str
    words: tuple[str, ...]
    target: str
    source: str  # the source-script name read
    kind: str


@dataclass(frozen=True)
class Slot:
    """One word of a spelling: the word, the readings MT may write for it, whether it is a
    particle a window may leave out."""

    word: str
    readings: frozenset[str]
    particle: bool


@dataclass(frozen=True)
class SlotForm:
    """A legitimate spelling of a person as slots, and what a window aligned with it
    becomes."""

    entity_id: str
    written: str
    slots: tuple[Slot, ...]
    target: str


def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in (ascii_fold(x) for x in WORD_RE.findall(text)) if w)


def _source_name(entity: Entity) -> tuple[str, str] | None:
    """The Chinese-character name MT read: ``zh``, else a ``ja`` name written in kanji."""
    for lang in ("zh", "ja"):
        name = entity.name_in(lang)
        if name and all(is_han(p) for p in name_parts(name)):
            return lang, name
    return None


def _legit_letters(entity: Entity) -> set[str]:
    return {"".join(_words(f)) for f in entity.legitimate()} - {""}


#: English first letters that romanise each pinyin initial in older or other systems
#: (Wade-Giles, Cantonese, Korean, Burmese): 蔡 cai, Tsai; 黄 huang, Wong; 文 wen, Moon.
_INITIALS = {
    "a": "a", "b": "bp", "c": "ctc", "d": "dt", "e": "eao", "f": "fh", "g": "gk", "h": "hwf",
    "j": "jckg", "k": "kh", "l": "lr", "m": "m", "n": "n", "o": "oa", "p": "pb",
    "q": "qck", "r": "ryj", "s": "sh", "t": "t", "w": "wvoum", "x": "xsh", "y": "yieuja",
    "z": "ztcj",
}  # fmt: skip


def _resembles(syllables: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """Whether the characters' readings, grouped as the English name's words, resemble
    them word by word (蔡英文, Tsai Ing-wen; 习近平, Xi Jinping; 洪玛奈, Hun Manet): the
    family name's initial romanised alike, the whole close, every word close for a
    two-word name and all but one for a longer one."""
    from normalize.names.static import similarity

    words = tuple(w for w in words if w not in PARTICLES)
    if len(words) < 2 or len(syllables) < len(words):
        return False
    if words[0][0] not in _INITIALS.get(syllables[0][0], ""):
        return False
    if similarity("".join(syllables), "".join(words)) < 0.6:
        return False
    for grouped in groupings(syllables):
        if len(grouped) != len(words):
            continue
        close = [
            similarity(s, w) >= 0.6 or (s[0] == w[0] and 2 <= len(s) <= 4 and len(w) <= 4)
            for s, w in zip(grouped, words, strict=True)
        ]
        if close[0] and close.count(False) <= (0 if len(close) == 2 else 1):
            return True
    return False


def _family_size(entity: Entity, chars: str) -> int | None:
    """How many leading characters of ``chars`` are the family name, if ``chars`` is a
    whole East Asian name; ``None`` if it is a transliteration (of a surname, say).

    Japanese names have a two-character family name as a rule; Chinese, Korean and
    Vietnamese ones one (two-character Chinese surnames are rare among leaders). A name
    with no Japanese, Korean or Vietnamese form is a whole name if each character reads
    close to the word in its place in the canonical name or an alias (蔡英文, Tsai
    Ing-wen; 林郑月娥, Lam Cheng Yuet-ngor), family name first.
    """
    if not 2 <= len(chars) <= 4:
        return None
    if entity.name_in("ja") and len(chars) >= 3:
        return 2
    if entity.name_in("ko") or entity.name_in("vi"):
        return 1
    variants = syllable_variants(chars)
    if not variants:
        return None
    forms = [entity.canonical, *entity.aliases]
    if any(_resembles(variants[0], _words(f)) for f in forms):
        return 1
    return None


class NameIndex:
    """Readings and slot forms of every person of a lexicon (see the module docstring)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.entities: dict[str, Entity] = {}
        legit: set[str] = set()
        legit_words: set[tuple[str, ...]] = set()
        known: set[str] = set()
        for entity in lexicon.entities:
            legit |= _legit_letters(entity)
            for form in entity.legitimate():
                words = _words(form)
                known.update(words)
                legit_words.add(words)
        self.legit: frozenset[str] = frozenset(legit)
        #: The words of every legitimate form: a window made of them is written right.
        self.legit_words: frozenset[tuple[str, ...]] = frozenset(legit_words)
        #: Every word of every legitimate form: a real spelling of some name.
        self.known_words: frozenset[str] = frozenset(known)
        self.syllables: frozenset[str] = pinyin_syllables()
        readings: dict[str, list[ReadingEntry]] = defaultdict(list)
        forms: list[SlotForm] = []
        anchors: dict[str, set[int]] = defaultdict(set)
        prefixes: set[str] = set()
        for entity in lexicon.entities:
            if entity.type != "person":
                continue
            self.entities[entity.id] = entity
            source = _source_name(entity)
            surname_readings: frozenset[str] = frozenset()
            part_map: tuple[tuple[str, ...], ...] = ()
            if source is not None:
                _, name = source
                parts = name_parts(name)
                own = _legit_letters(entity)
                family = _family_size(entity, parts[0]) if len(parts) == 1 else None
                if family is not None:
                    self._add_readings(entity, name, parts[0], family, own, readings)
                elif len(parts) == 1:
                    surname_readings = frozenset(part_readings(parts[0]))
                    self._add_split_surname(entity, name, parts[0], readings)
                else:
                    part_map = tuple(part_readings(p) for p in parts)
            for written in dict.fromkeys(entity.legitimate()):
                if written in entity.demonyms:
                    continue
                words = _words(written)
                if not words:
                    continue
                slots = []
                for i, word in enumerate(words):
                    reads: set[str] = set()
                    if part_map and len(part_map) == len(words):
                        reads.update(part_map[i])
                    if surname_readings and i == len(words) - 1:
                        reads.update(surname_readings)
                    reads.discard(word)
                    slots.append(Slot(word, frozenset(reads), word in PARTICLES))
                fid = len(forms)
                forms.append(SlotForm(entity.id, written, tuple(slots), written))
                for slot in slots:
                    if slot.particle:
                        continue
                    for w in (slot.word, *slot.readings):
                        anchors[w].add(fid)
                if len(words) == 1 and len(words[0]) >= MIN_SPLIT:
                    for cut in range(MIN_PREFIX, len(words[0]) - 1):
                        anchors[words[0][:cut]].add(fid)
                        prefixes.add(words[0][:cut])
        self.readings: dict[str, tuple[ReadingEntry, ...]] = {
            k: tuple(v) for k, v in readings.items()
        }
        self.forms: tuple[SlotForm, ...] = tuple(forms)
        self.anchors: dict[str, tuple[int, ...]] = {k: tuple(sorted(v)) for k, v in anchors.items()}
        #: Beginnings of one-word spellings, anchors for a name broken in two ("Erdo Gan").
        self.prefixes: frozenset[str] = frozenset(prefixes - set(self.anchors_whole()))
        #: Every word a reading is made of: with the anchors, what a window must hold.
        self.reading_words: frozenset[str] = frozenset(
            w for entries in self.readings.values() for e in entries for w in e.words
        )

    def _add_readings(
        self,
        entity: Entity,
        name: str,
        chars: str,
        family: int,
        own: set[str],
        readings: dict[str, list[ReadingEntry]],
    ) -> None:
        """File the readings of an East Asian name, unless they spell a legitimate form of
        any entity. An entity whose English name is the pinyin (Xi Jinping) gets no
        readings of its own but its given name alone (MT dropping the family name)."""
        full = full_readings(chars, family)
        pinyin_named = any("".join(r.words) in own for r in full)
        chosen = given_readings(chars, family)
        if not pinyin_named:
            chosen |= full | family_readings(chars, family)
        short = entity.short
        for reading in chosen:
            letters = "".join(reading.words)
            if letters in self.legit and reading.kind != "given":
                continue  # (a given name alone must follow the entity's office)
            target = entity.canonical if reading.kind in {"full", "given"} else short
            if target is None:
                continue
            readings[letters].append(
                ReadingEntry(entity.id, reading.words, target, name, reading.kind)
            )

    def _add_split_surname(
        self, entity: Entity, name: str, chars: str, readings: dict[str, list[ReadingEntry]]
    ) -> None:
        """File a transliterated surname split into words ("Ma Kelong"), which becomes the
        short name (or the last word of the canonical name)."""
        target = entity.short
        if target is None:
            words = WORD_RE.findall(entity.canonical)
            target = words[-1] if len(words) > 1 else None
        if target is None:
            return
        own = _legit_letters(entity)
        for reading in surname_readings(chars) | pair_readings(chars):
            letters = "".join(reading.words)
            split = len(reading.words) >= 3 or reading.kind == "pair"
            if letters in self.legit and not (letters in own and split):
                # A reading that is a spelling ("Tinubu", 提努布) is written right joined;
                # cut in three words or more ("Ti Nu Bu") it is the spelling garbled.
                continue
            readings[letters].append(
                ReadingEntry(entity.id, reading.words, target, name, reading.kind)
            )

    def anchors_whole(self) -> set[str]:
        """The anchors that are whole words of a spelling or a reading."""
        return {
            slot_word
            for form in self.forms
            for slot in form.slots
            for slot_word in (slot.word, *slot.readings)
        }

    def keys(self) -> frozenset[str]:
        """Written words one of which a document must hold for a window to be aligned or
        read: every reading word and every anchor rare in English (a common given name
        such as John anchors nothing the surname beside it does not), of three letters or
        more, capitalised and in capitals, and in lower case where it is no common English
        word (MT leaves names it does not know in lower case; "said" is a word)."""
        from normalize.vocab import english_lowercase_words, zipf

        english = english_lowercase_words()
        out: set[str] = set()
        rare = {w for w in self.anchors if zipf(w) < RARE_ANCHOR}
        short: set[str] = set()
        for entries in self.readings.values():
            for entry in entries:
                # A reading written one syllable a word, none of three letters ("An Wa Er",
                # 安瓦尔; "Mo Di", 莫迪): its rarest word is a key (every word would wake the
                # finder on every document that holds "An" or "La").
                if len(entry.words) >= 2 and all(len(w) < 3 for w in entry.words):
                    short.add(min(entry.words, key=lambda w: (zipf(w), w)))
        for w in rare | set(self.reading_words):
            if len(w) < 3 and w not in short:
                continue
            out.update((w.capitalize(), w.upper()))
            if w not in english and zipf(w) < 3.0:
                out.add(w)
        return frozenset(out)
