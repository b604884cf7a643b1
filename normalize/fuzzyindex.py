"""An index of every lexicon name by transliteration key, for garbles nobody listed.

Each entity contributes *forms*: its legitimate one-word spellings, its multi-word forms
with the spaces taken out (for merged tokens), its listed garbles, and Latin readings of
its source-script names (pinyin, Cyrillic schemes, Arabic letters). Each form is filed
under its :func:`~normalize.translit.skeleton` key.

A lookup computes the query's key and every key one edit away. The key alphabet has 11
letters, so a key of length n has about 22n neighbours, each a dict probe: the cost per
token depends on the key, not on the number of entities. Everything is plain dicts and
tuples of frozen records, so the index pickles.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from normalize.finders.exact import target_for
from normalize.lexicon.records import Entity, Lexicon
from normalize.names.single import truncated
from normalize.text import WORD_RE, key_of
from normalize.translit import KEY_ALPHABET, ascii_fold, skeleton, source_readings
from normalize.vocab import zipf

#: Channels that come from an entity's Latin-script spellings; the rest are source scripts.
LATIN_CHANNELS = frozenset({"form", "garble"})
#: Keys shorter than this are looked up exactly; only longer ones get one edit of slack.
MIN_EDIT_KEY = 4
#: With this many forms under the exact key, the one-edit neighbourhood is not searched.
MAX_EXACT_HITS = 8
#: Keys shorter than this are too unspecific to look up at all.
MIN_KEY = 3
#: A reading of a source-script name whose key is shorter than MIN_KEY ("alageqi", key RK,
#: for Araghchi's 阿拉格齐) is still specific by its letters: filed by its whole spelling and
#: found only by a token spelt exactly so, when it has at least this many letters.
MIN_SHORT_READING = 5


@dataclass(frozen=True)
class Form:
    """One spelling or reading of an entity, as the fuzzy index files it.

    ``surface`` is the lower-case ASCII spelling compared with a token; ``written`` is how
    the lexicon gives it (a Chinese name for a pinyin reading); ``channel`` says where it
    came from: ``form`` (a legitimate spelling), ``garble`` (a listed garble) or a
    language code (``zh``, ``ru``, ``ar``, ``tr`` ...) for a reading of a source-script name.
    """

    entity: Entity
    surface: str
    written: str
    channel: str
    target: str
    key: str


def edits1(key: str) -> Iterator[str]:
    """Every string one deletion, insertion, substitution or transposition from ``key``.

    >>> sorted(set(edits1("PT")) & {"T", "P", "PTK", "TP", "KT"})
    ['KT', 'P', 'PTK', 'T', 'TP']
    """
    for i in range(len(key)):
        yield key[:i] + key[i + 1 :]
        for c in KEY_ALPHABET:
            if c != key[i]:
                yield key[:i] + c + key[i + 1 :]
    for i in range(len(key) - 1):
        yield key[:i] + key[i + 1] + key[i] + key[i + 2 :]
    for i in range(len(key) + 1):
        for c in KEY_ALPHABET:
            yield key[:i] + c + key[i:]


#: What a Chinese name of an outlet ends with when it says what kind of outlet it is, longest
#: first: MT translates that part ("News Agency", "TV station") and reads the rest.
_MEDIA_KINDS = ("通讯社", "新闻社", "电视台", "广播电台", "电台", "日报", "社", "报")
#: A head this close (names.static.similarity) to a legitimate form is a transliteration of
#: the outlet's own name ("Antala" for Antara), not a Chinese word ("Guojia", 国家报).
_HEAD_SIMILARITY = 0.75


def _media_head(entity: Entity, lang: str, name: str) -> str | None:
    """The transliterated part of an outlet's Chinese name, before the word for its kind:
    安塔拉 of 安塔拉通讯社 (Antara), which MT writes "Antala News Agency". Three characters
    or more, and read close to one of the outlet's legitimate forms.

    >>> from normalize.lexicon import Entity
    >>> _media_head(Entity("media/a", "media", "Antara"), "zh", "安塔拉通讯社")
    '安塔拉'
    >>> _media_head(Entity("media/p", "media", "El País"), "zh", "国家报") is None
    True
    """
    from normalize.names.static import similarity

    if entity.type != "media" or lang.split("-")[0] != "zh":
        return None
    kind = next((k for k in _MEDIA_KINDS if name.endswith(k)), None)
    if kind is None or len(name) - len(kind) < 3:
        return None
    head = name[: -len(kind)]
    forms = {"".join(WORD_RE.findall(ascii_fold(f).lower())) for f in entity.legitimate()}
    for reading in source_readings(lang, head):
        if any(similarity(reading, f) >= _HEAD_SIMILARITY for f in forms if f):
            return head
    return None


def _forms_of(entity: Entity) -> Iterator[tuple[str, str, str, str]]:
    """(surface, written, channel, target) for every form of an entity."""
    for written in dict.fromkeys(entity.legitimate()):
        if written in entity.demonyms:
            continue  # a near miss of "Libyan" is not a reason to write "Libya"
        key = key_of(written)
        if key is None:
            continue
        yield ascii_fold(written), written, "form", target_for(entity, written)
    for written in entity.garbles:
        key = key_of(written)
        if key is not None:
            yield ascii_fold(written), written, "garble", target_for(entity, written)
    one_word = target_for(entity, "x")
    for lang, name in entity.names:
        words = WORD_RE.findall(name)
        if not words:
            continue
        # A person's name in another script ends with the surname, which is what MT garbles
        # and what a one-word correction produces; other names are read whole.
        parts = [words[-1]] if entity.type == "person" else ["".join(words)]
        head = _media_head(entity, lang, "".join(words))
        if head is not None:
            parts.append(head)
        for part in parts:
            for reading in source_readings(lang, part):
                yield reading, name, lang.split("-")[0], one_word


def lost_key(text: str) -> str:
    """``text`` case-folded, with every letter outside ASCII (and the replacement character)
    written as a question mark: the key of :attr:`FuzzyIndex.lost`.

    >>> lost_key("São Paulo"), lost_key("S\ufffdo Paulo"), lost_key("Ürümqi")
    ('s?o paulo', 's?o paulo', '?r?mqi')
    """
    return "".join(c if c.isascii() else "?" for c in text).casefold()


class FuzzyIndex:
    """Every form of every entity, filed by transliteration key.

    >>> from normalize.lexicon import Entity, Lexicon
    >>> lex = Lexicon((Entity("person/h", "person", "Khalifa Haftar", short="Haftar",
    ...                       names=(("zh", "哈夫塔尔"),)),))
    >>> index = FuzzyIndex(lex)
    >>> sorted({(f.channel, f.target, d) for f, d in index.lookup("haftal")})
    [('form', 'Haftar', 0), ('zh', 'Haftar', 0)]
    """

    def __init__(self, lexicon: Lexicon) -> None:
        forms: list[Form] = []
        by_key: dict[str, list[int]] = defaultdict(list)
        known: set[str] = set()
        joined: dict[str, tuple[Entity, str]] = {}
        accented: dict[str, tuple[Entity, str]] = {}
        lost: dict[str, tuple[Entity, str]] = {}
        spelt: dict[str, list[int]] = defaultdict(list)
        readings: set[str] = set()
        seen: set[tuple[str, str, str]] = set()
        for entity in lexicon.entities:
            for written in (*entity.legitimate(), *entity.garbles):
                words = WORD_RE.findall(written)
                known.update(w.casefold() for w in words)
                if written in entity.garbles:
                    continue
                if len(words) > 1:
                    joined.setdefault(ascii_fold(written), (entity, written))
                if not written.isascii():
                    accented.setdefault(ascii_fold(written), (entity, written))
                    lost.setdefault(lost_key(written), (entity, written))
            for surface, written, channel, target in _forms_of(entity):
                if channel in LATIN_CHANNELS and len(WORD_RE.findall(written)) > 1:
                    # A near miss of a phrase ("modernise" ~ "Mediterranean Sea") is no
                    # evidence; phrases are only matched whole, by their letters (joined).
                    continue
                key = skeleton(surface)
                if (entity.id, surface, channel) in seen:
                    continue
                if len(key) >= MIN_KEY:
                    by_key[key].append(len(forms))
                elif channel not in LATIN_CHANNELS and len(surface) >= MIN_SHORT_READING:
                    spelt[surface].append(len(forms))
                else:
                    continue
                seen.add((entity.id, surface, channel))
                if channel not in LATIN_CHANNELS:
                    readings.add(surface)
                forms.append(Form(entity, surface, written, channel, target, key))
        self.forms: tuple[Form, ...] = tuple(forms)
        #: Every entity of the lexicon, also those without a form here (short keys).
        self.entities: tuple[Entity, ...] = tuple(lexicon.entities)
        self.by_key: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in by_key.items()}
        #: The spelling of every source-script reading ("makelong" for Macron's 马克龙).
        self.readings: frozenset[str] = frozenset(readings)
        #: Source-script readings too short in key to file by it, by their whole spelling.
        self.spelt: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in spelt.items()}
        #: Case-folded words of every legitimate form and listed garble: never fuzzy candidates.
        self.known_words: frozenset[str] = frozenset(known)
        #: Multi-word legitimate forms by their letters: "kimjongun" -> Kim Jong-un.
        self.joined: dict[str, tuple[Entity, str]] = joined
        #: Legitimate forms with a letter outside ASCII, by their letters: "dusseldorf" ->
        #: Düsseldorf. MT pipelines break words at such letters ("Dü sseldorf", "Sã o Paulo").
        self.accented: dict[str, tuple[Entity, str]] = accented
        #: The same forms with every such letter lost to a question mark, case-folded:
        #: "s?o paulo" -> São Paulo (text that went through a legacy encoding).
        self.lost: dict[str, tuple[Entity, str]] = lost

    def lookup(self, token: str) -> list[tuple[Form, int]]:
        """Forms whose key equals the token's key (distance 0) or is one edit away (1)."""
        key = skeleton(token)
        found: dict[int, int] = {}
        if len(key) < MIN_EDIT_KEY:
            if len(key) < MIN_KEY and self.spelt:
                found.update(dict.fromkeys(self.spelt.get(ascii_fold(token).casefold(), ()), 0))
            self._truncations(token, key, found)
            if len(key) < MIN_KEY:
                return [(self.forms[i], d) for i, d in found.items()]
        found = {**dict.fromkeys(self.by_key.get(key, ()), 0), **found}
        if len(key) >= MIN_EDIT_KEY:
            # In the order edits1 makes them, not a set's: forms that tie on similarity are
            # then ranked the same way in every process, whatever the string hash seed.
            for near in dict.fromkeys(edits1(key)):
                if len(near) < MIN_EDIT_KEY:
                    continue
                for i in self.by_key.get(near, ()):
                    found.setdefault(i, 1)
        return [(self.forms[i], d) for i, d in found.items()]

    def _truncations(self, token: str, key: str, found: dict[int, int]) -> None:
        """Add to ``found`` (at distance 1) the Latin spellings that ``token`` is with its
        last one or two letters lost ("Housto" for Houston, "Obam" for Obama): a short key
        gets no edit of slack, but such a word is still the name's own letters. Only a word
        never seen in English text: a real word or name that begins a name ("Hiroshi",
        Hiroshima; "Libera", Liberal) is written right."""
        folded = ascii_fold(token).casefold()
        if len(folded) < 4 or zipf(folded) > 0:
            return
        for c in KEY_ALPHABET:
            for i in self.by_key.get(key + c, ()):
                form = self.forms[i]
                if form.channel in LATIN_CHANNELS and truncated(folded, form.surface):
                    found.setdefault(i, 1)
