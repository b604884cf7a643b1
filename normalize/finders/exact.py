"""Exact lookup of lexicon forms: listed garbles, lower-cased names, aliases.

The index maps the case-folded first word of every form to the forms that start with it.
A document is checked by intersecting its distinct words with the index's first words (a
C-level set operation). Then only first words whose forms can have all their words in the
document, and whose occurrences could lead to a change at all, are located (with
``str.find``), so the Python work grows with the rare words that can start a change, not
with the length of the text or the size of the lexicon.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from itertools import chain, product

from normalize.document import Document
from normalize.lexicon.records import Entity, Lexicon
from normalize.model import Candidate
from normalize.names.givenparts import grow
from normalize.protect import code_like, protected_at
from normalize.scoring import context_evidence
from normalize.text import (
    _SEP_RE,
    WORD_RE,
    Key,
    case_shape,
    key_of,
    match_key_at,
    transfer_case,
)
from normalize.vocab import is_english_word, zipf

# A first word with at most this many second words has them looked for in the text one by
# one (C-level substring tests) before the document's case-folded words are computed.
_FEW_SECONDS = 4
_NONE: frozenset[str] = frozenset()
# A first word at least this common (Zipf frequency: "a", "he", "at") whose few second words
# are rare has those listed in every letter case (see ExactIndex.spelled), when each has at
# most _SPELLED_LETTERS letters (at most 2**_SPELLED_LETTERS spellings a word).
_COMMON_FIRST = 5.0
_RARE_SECOND = 3.0
_SPELLED_LETTERS = 10


class Kind(Enum):
    GARBLE = "garble"
    PREFERRED = "preferred"
    ALIAS = "alias"
    DEMONYM = "demonym"


@dataclass(frozen=True)
class Entry:
    """One lexicon form in the index."""

    key: Key
    form: str
    kind: Kind
    entity: Entity
    target: str


def target_for(entity: Entity, form: str) -> str:
    """The preferred form a correction of ``form`` produces.

    The preferred form (canonical or short) with as many words as ``form``; failing that,
    the short form for a one-word ``form`` and the canonical one otherwise.

    >>> e = Entity("person/x", "person", "Khalifa Haftar", short="Haftar")
    >>> target_for(e, "haftal"), target_for(e, "Khalifa Hifter")
    ('Haftar', 'Khalifa Haftar')
    """
    key = key_of(form)
    size = key.size if key else 1
    for pref in entity.preferred:
        pkey = key_of(pref)
        if pkey is not None and pkey.size == size:
            return pref
    if size == 1 and entity.short:
        return entity.short
    return entity.canonical


class ExactIndex:
    """Every garble and legitimate form of a lexicon, keyed by first word."""

    def __init__(self, lexicon: Lexicon) -> None:
        by_first: dict[str, list[Entry]] = defaultdict(list)
        for entity in lexicon.entities:
            forms: list[tuple[str, Kind]] = [(f, Kind.PREFERRED) for f in entity.preferred]
            forms += [(f, Kind.ALIAS) for f in entity.aliases]
            forms += [(f, Kind.DEMONYM) for f in entity.demonyms]
            forms += [(f, Kind.GARBLE) for f in entity.garbles]
            for form, kind in forms:
                key = key_of(form)
                if key is None:
                    continue
                entry = Entry(key, form, kind, entity, target_for(entity, form))
                by_first[key.words[0]].append(entry)
        self.by_first: dict[str, tuple[Entry, ...]] = {
            first: tuple(sorted(entries, key=lambda e: -e.key.size))
            for first, entries in by_first.items()
        }
        variants: set[str] = set()
        for first, sorted_entries in self.by_first.items():
            variants.update((first, first.upper(), first.capitalize(), first.title()))
            variants.update(e.form[: len(first)] for e in sorted_entries)
        self.variants = frozenset(variants)

        # Single-word forms per first word, and longer ones per first and second word, each
        # in by_first's order: at an occurrence only the forms whose second word is the
        # next word in the text are tried, however many forms share a common first word.
        self.singles: dict[str, tuple[Entry, ...]] = {}
        self.by_second: dict[str, dict[str, tuple[Entry, ...]]] = {}
        self.seconds: dict[str, frozenset[str]] = {}
        for first, sorted_entries in self.by_first.items():
            singles = tuple(e for e in sorted_entries if e.key.size == 1)
            if singles:
                self.singles[first] = singles
            seconds: dict[str, list[Entry]] = defaultdict(list)
            for e in sorted_entries:
                if e.key.size > 1:
                    seconds[e.key.words[1]].append(e)
            if seconds:
                self.by_second[first] = {w: tuple(es) for w, es in seconds.items()}
                self.seconds[first] = frozenset(seconds)
        self.all_seconds = frozenset().union(*self.seconds.values())
        # The variants of first words that start only longer forms, a few second words
        # each ("a" -> "zaz", "he" -> "lifeng"): common words whose forms are rare.
        self.few_seconds: dict[str, tuple[str, ...]] = {
            variant: tuple(sorted(self.seconds[first]))
            for variant in variants
            if (first := variant.casefold()) not in self.singles
            and len(self.seconds.get(first, ())) in range(1, _FEW_SECONDS + 1)
        }
        self.few_firsts = frozenset(self.few_seconds)
        # The few second words of common first words ("a" -> "zaz", "s" -> "jaishankar"),
        # when rare, in every letter case: in ASCII text such a form matches only where
        # one of these spellings is a word of the text, which a set intersection tells.
        self.spelled: dict[str, str] = {}
        spelled_firsts: set[str] = set()
        for variant, few_seconds in self.few_seconds.items():
            if (
                variant.isascii()
                and variant.isalpha()  # no wordfreq look-up (see zipf)
                and zipf(variant) >= _COMMON_FIRST
                and all(map(_spellable, few_seconds))
            ):
                spelled_firsts.add(variant)
                for second in few_seconds:
                    self.spelled.update(dict.fromkeys(spellings(second), second))
        #: The variants of :attr:`few_firsts` whose second words are all in :attr:`spelled`.
        self.spelled_firsts = frozenset(spelled_firsts)
        self.spellings = frozenset(self.spelled)
        # Each first word's ASCII second words as ASCII text writes them unless it has an
        # odd-cased word (see odd_case): in lower case, capitals, or with a capital first.
        self.written_seconds = {
            first: frozenset(
                written
                for second in seconds
                if second.isascii()
                for written in (second, second.upper(), second.capitalize())
            )
            for first, seconds in self.seconds.items()
        }

    def _without_seconds(self, doc: Document, few: frozenset[str]) -> frozenset[str]:
        """The words of ``few`` (in :attr:`few_firsts`) none of whose forms can match in
        ``doc`` for want of a second word.

        In ASCII text, a word of :attr:`spelled_firsts` whose second words have no spelling
        among the words of the text (a whole word there, lower case its case folding).
        Then all the other words together, unless a second word of one of their forms is
        in the case-folded text, even as a substring (case folding is per character, so
        a word of the text that folds to a second word puts it there).
        """
        lacking = _NONE
        if doc.is_ascii:
            spelled = few & self.spelled_firsts
            if spelled:
                written = doc.among(self.spellings)  # usually none
                if written:
                    here = frozenset(map(self.spelled.__getitem__, written))
                    lacking = frozenset(w for w in spelled if here.isdisjoint(self.few_seconds[w]))
                else:
                    lacking = spelled
                few -= spelled
                if not few:
                    return lacking
        folded = doc.lowered if doc.is_ascii else doc.folded
        seconds = chain.from_iterable(map(self.few_seconds.__getitem__, few))
        if any(map(folded.__contains__, seconds)):
            return lacking
        return lacking | few

    def occurrences(
        self, doc: Document, variants: frozenset[str] | None = None
    ) -> Iterator[tuple[int, int, tuple[Entry, ...]]]:
        """Each place a form matches, in text order: (start, end, entries of that key).

        Only the longest key that matches at a place is reported. ``variants`` narrows the
        first words looked for (a subset of :attr:`variants`). Without it, the places are
        found once per document and index, however many finders ask.
        """
        if variants is not None:
            return self._scan(doc, variants)
        found = doc.memo.get(self)
        if found is None:
            found = doc.memo[self] = list(self._scan(doc, self.variants))
        return iter(found)

    def _scan(
        self, doc: Document, variants: frozenset[str]
    ) -> Iterator[tuple[int, int, tuple[Entry, ...]]]:
        hits = doc.among(variants)
        if not hits:
            return
        few = hits & self.few_firsts
        if few:
            hits -= self._without_seconds(doc, few)
            if not hits:
                return
        starts: list[tuple[int, str]] = []
        # A first word with only longer forms ("the", "a", "al") may be located from the
        # second words present instead, looking one word back, when those are rarer in the
        # text (C-level counts decide); only in ASCII text, where lower case keeps offsets.
        via: dict[str, set[str]] = defaultdict(set)
        ascii_text = doc.is_ascii
        # The second words of any form that the document has: one C-level intersection
        # per document, so that each first word below costs no more than this small set.
        seconds_here: frozenset[str] | None = None
        odd: bool | None = None  # whether the text may have an odd-cased word
        for word in hits:
            first = word.casefold()
            if first in self.singles:
                starts.extend((i, word) for i in doc.find_word(word))
                continue
            seconds = self.seconds.get(first)
            if seconds is None:
                continue
            if seconds_here is not None:
                present = seconds_here & seconds
            elif len(seconds) <= _FEW_SECONDS and "folded_distinct" not in doc.__dict__:
                # A common first word ("a", "at") often has only a second word or two:
                # those are looked for one by one rather than splitting the whole text
                # into case-folded words.
                present = _present(doc, seconds)
            else:
                if ascii_text and odd is None:
                    odd = odd_case(doc.text)
                if ascii_text and not odd:
                    # Exactly the case-folded words of the text among the second words:
                    # each such word is written in one of three shapes here, and no word
                    # of ASCII text folds to a second word that is not ASCII.
                    written = doc.distinct & self.written_seconds[first]
                    present = frozenset(map(str.lower, written))
                else:
                    seconds_here = doc.folded_distinct & self.all_seconds
                    present = seconds_here & seconds
            if not present:
                continue
            if ascii_text and doc.text.count(word) > sum(doc.lowered.count(w) for w in present):
                for second in present:
                    via[second].add(word)
            else:
                starts.extend((i, word) for i in doc.find_word(word))
        for second, firsts in via.items():
            for pos in doc.find_word_anycase(second):
                before = doc.word_before(pos)
                if before is not None and before[1] in firsts:
                    starts.append(before)
        starts.sort()
        text = doc.text
        for start, word in starts:
            first = word.casefold()
            end = start + len(word)
            entries = self.singles.get(first, ())
            longer = self.by_second.get(first)
            if longer:
                after = next_word(text, end)
                if after is not None and after in longer:
                    entries = longer[after] + entries
            best_end = -1
            best: list[Entry] = []
            for entry in entries:
                if best and entry.key.size < best[0].key.size:
                    break
                match_end = match_key_at(text, start, end, entry.key)
                if match_end is not None and (not best or match_end == best_end):
                    best_end = match_end
                    best.append(entry)
            if best:
                yield start, best_end, tuple(best)


# Each ASCII byte's case class: "a" for a lower-case letter or a digit, "A" for a capital,
# a space for any other byte (never part of a word of ASCII text).
_CASE_CLASSES = bytes(
    ord("a") if chr(c).islower() or chr(c).isdigit() else ord("A") if chr(c).isupper() else 32
    for c in range(128)
) + bytes(32 for _ in range(128))


def odd_case(text: str) -> bool:
    """Whether ASCII ``text`` may have an odd-cased word: one that is none of ``w``,
    ``w.upper()`` and ``w.capitalize()``, where ``w`` is its lower case.

    Such a word has a capital and a lower-case letter. Unless a lower-case letter or a
    digit stands right before a capital, its capitals all come first, and unless two do,
    it is ``w.capitalize()``: so "aA" or "AAa" is in its case classes.

    >>> [odd_case(t) for t in ("Tanf TANF tanf, A1 a1 F16", "McGrath", "MPs", "TanF")]
    [False, True, True, True]
    """
    classes = text.encode("ascii").translate(_CASE_CLASSES)
    return b"aA" in classes or b"AAa" in classes


def _spellable(word: str) -> bool:
    """Whether :attr:`ExactIndex.spelled` lists ``word`` (a second word of a form) in every
    letter case: a rare ASCII word of letters only, short enough."""
    return (
        word.isascii()
        and word.isalpha()
        and len(word) <= _SPELLED_LETTERS
        and zipf(word) < _RARE_SECOND
    )


def spellings(word: str) -> frozenset[str]:
    """Every way to write an ASCII ``word`` in lower and capital letters: the words of
    ASCII text whose lower case (their case folding) is ``word.lower()``.

    >>> sorted(spellings("al"))
    ['AL', 'Al', 'aL', 'al']
    """
    return frozenset(map("".join, product(*({c.lower(), c.upper()} for c in word))))


def rarest_spellings(words: Iterable[str]) -> frozenset[str]:
    """The :func:`spellings` of the rarest of ``words`` (case-folded words of a form) that
    has few enough, or nothing if none has: in ASCII text, where the form matches, one of
    them is a word of the text.

    >>> sorted(rarest_spellings(("voice", "of", "germany")))[:3]
    ['GERMANY', 'GERMANy', 'GERMAnY']
    """
    spellable = [w for w in words if w.isascii() and w.isalpha() and len(w) <= _SPELLED_LETTERS]
    if not spellable:
        return _NONE
    return spellings(min(spellable, key=lambda w: (zipf(w), -len(w), w)))


def _present(doc: Document, words: frozenset[str]) -> frozenset[str]:
    """``doc.folded_distinct & words``, found without computing ``doc.folded_distinct``.

    The case-folded text must contain a word as a substring (case folding is per
    character), and in ASCII text a whole-word search of the lower-cased text decides.

    >>> sorted(_present(Document("Tanf or AT-TANF, Stanford"), frozenset({"tanf", "ford"})))
    ['tanf']
    """
    if doc.is_ascii:
        maybe = list(filter(doc.lowered.__contains__, words))
        return frozenset(filter(doc.has_word_anycase, maybe)) if maybe else _NONE
    folded = doc.folded
    if not any(map(folded.__contains__, words)):
        return _NONE
    return doc.folded_distinct & words


def next_word(text: str, pos: int) -> str | None:
    """The case-folded word after the separator at ``pos``, read as :func:`match_key_at` does.

    >>> next_word("Khalifa  HIFTER said", 7), next_word("end.", 3)
    ('hifter', None)
    """
    sep = _SEP_RE.match(text, pos)
    if sep is None:
        return None
    word = WORD_RE.match(text, sep.end())
    return None if word is None else word.group().casefold()


def _acronym(form: str) -> bool:
    """Whether a lexicon form is an acronym: one word of capitals ("ABC", "GCC", "NATO")."""
    return form.isalpha() and form.isupper() and len(form) >= 2


def _in_address(doc: Document, word: str) -> bool:
    """Whether the lower-case ``word`` is also part of a URL or an e-mail address of
    ``doc`` ("cairo" and https://cairographics.org): a project, a product or a handle
    that writes itself so, not a name that lost its capital."""
    text = doc.text
    lowered = doc.lowered if doc.is_ascii else doc.folded
    if len(lowered) != len(text):
        return False
    at = lowered.find(word)
    while at >= 0:
        end = at + len(word)
        inside = (at and lowered[at - 1].isalnum()) or (end < len(text) and lowered[end].isalnum())
        if inside and doc.is_protected(at, end):
            return True
        at = lowered.find(word, end)
    return False


def _summary(hits: list[tuple[str, int]]) -> str:
    return ", ".join(f"{term} x{n}" for term, n in hits)


class ExactFinder:
    """Listed garbles (``lexicon.garble``), lower-cased names (``lexicon.case``) and,
    on request, aliases rewritten to the canonical form (``lexicon.canonical``)."""

    rules = frozenset({"lexicon.garble", "lexicon.case", "lexicon.canonical"})

    def __init__(self, index: ExactIndex, *, enabled: frozenset[str]) -> None:
        self.index = index
        self.enabled = enabled
        self.actionable = self._actionable_variants()
        # Every candidate starts at an occurrence of one of these, as a whole word. In
        # ASCII text, a candidate starting with a common word that only starts longer forms
        # ("a zaz") has a spelling of its second word too: that rare word is the key.
        spelled = self.actionable & index.spelled_firsts
        self.keys: frozenset[str] | None = (
            self.actionable - spelled | index.spellings if spelled else self.actionable
        )
        self.ascii_keys = bool(spelled)
        self.watched = (self.actionable, self.keys, index.spellings)
        # For the given names beside a person's listed garble (_grown): the people with a
        # listed garble, and the case-folded words of every form.
        self._people = {
            e.entity.id: e.entity
            for entries in index.by_first.values()
            for e in entries
            if e.kind is Kind.GARBLE and e.entity.type == "person"
        }
        self._known = frozenset(
            w for entries in index.by_first.values() for e in entries for w in e.key.words
        )

    def _actionable_variants(self) -> frozenset[str]:
        """The first-word variants whose occurrences can lead to a candidate.

        Without ``lexicon.canonical``, a legitimate form yields a candidate only when it is
        written in lower case (``lexicon.case``), and a one-word legitimate form whose lower
        case is an English word never does. Leaving those out keeps "Australia", "the" and
        "us" from being located in every document; :meth:`_decide` would drop them anyway.
        """
        if "lexicon.canonical" in self.enabled:
            return self.index.variants
        keep: set[str] = set()
        case_on = "lexicon.case" in self.enabled
        for variant in self.index.variants:
            entries = self.index.by_first.get(variant.casefold(), ())
            garble = any(e.kind is Kind.GARBLE for e in entries)
            lowercase = not any(c.isupper() for c in variant)
            if garble or (case_on and lowercase and not self._dead_lowercase(variant, entries)):
                keep.add(variant)
        return frozenset(keep)

    @classmethod
    def _dead_lowercase(cls, variant: str, entries: tuple[Entry, ...]) -> bool:
        """A lower-case ASCII word that only starts legitimate ASCII forms, each with an
        English word that :meth:`_rare_lowercase` would find ("us", "people's daily"): in
        lower case these are never a ``lexicon.case`` candidate."""
        return (
            variant.isascii()
            and bool(entries)
            and all(
                e.kind is not Kind.GARBLE
                and all(w.isascii() for w in e.key.words)
                and not cls._rare_lowercase(" ".join(e.key.words))
                for e in entries
            )
        )

    def find(self, doc: Document) -> Iterable[Candidate]:
        for cand in self._found(doc):
            yield cand
            grown = self._grown(doc, cand)
            if grown is not None:
                yield grown

    def _found(self, doc: Document) -> Iterable[Candidate]:
        # With ignore patterns, the engine runs them (and they may time out) whenever a
        # finder proposes anything: this finder drops exactly what it always has, near the
        # span only, so that they run on the same texts as before.
        legacy = bool(doc.ignore)
        for start, end, entries in self.index.occurrences(doc, self.actionable):
            cand = self._decide(doc, start, end, entries)
            # Protected spans are looked for only once there is something to protect, and
            # only around it when that gives the same answer.
            if cand is None:
                continue
            if legacy:
                if not protected_at(doc.text, start, end, dotless_urls=False, whole=False):
                    yield cand
            elif not doc.is_protected(start, end):
                yield cand

    def _grown(self, doc: Document, cand: Candidate) -> Candidate | None:
        """A listed garble of a person's surname grown over the garbled given names beside
        it (:mod:`normalize.names.givenparts`), where the document holds a context term of
        the person: a listed garble is applied without one, its given names are not."""
        if cand.rule != "lexicon.garble" or cand.entity not in self._people:
            return None
        entity = self._people[cand.entity]
        hits = context_evidence(doc, entity)
        if not hits:
            return None
        grown = grow(doc.text, cand.start, cand.end, entity, cand.replacement, self._known)
        if grown is None:
            return None
        return grown.candidate(doc.text, cand.rule, cand.entity, cand.confidence, cand.evidence)

    def _decide(
        self, doc: Document, start: int, end: int, entries: tuple[Entry, ...]
    ) -> Candidate | None:
        original = doc.text[start:end]
        legit = [e for e in entries if e.kind is not Kind.GARBLE]
        if legit:
            return self._legitimate(doc, start, end, original, legit)
        if "lexicon.garble" not in self.enabled:
            return None
        targets = {(e.entity.id, e.target) for e in entries}
        found = [(e, context_evidence(doc, e.entity)) for e in entries]
        entry, hits = max(found, key=lambda pair: sum(n for _, n in pair[1]))
        evidence = [f"listed garble of {entry.entity.canonical} ({entry.entity.origin})"]
        evidence += [f"context: {term} x{n}" for term, n in hits]
        if len(targets) > 1:
            others = sorted(e.entity.id for e in entries if e.entity.id != entry.entity.id)
            evidence.append("also listed for " + ", ".join(others))
            confidence = 0.6
        else:
            confidence = min(0.99, 0.95 + 0.01 * len(hits))
        return Candidate(
            start,
            end,
            original,
            transfer_case(original, entry.target),
            "lexicon.garble",
            entry.entity.id,
            confidence,
            tuple(evidence),
        )

    def _legitimate(
        self, doc: Document, start: int, end: int, original: str, entries: list[Entry]
    ) -> Candidate | None:
        entry = entries[0]
        lowered = case_shape(original) == "lower" and case_shape(entry.form) != "lower"
        # Demonyms are never canonicalised: "Turkish" and "Turks" are not spellings of "Turkey".
        if "lexicon.canonical" in self.enabled and entry.kind is Kind.ALIAS:
            if lowered and not self._rare_lowercase(original):
                return None
            replacement = transfer_case(original, entry.target)
            if replacement == original:
                return None
            return Candidate(
                start,
                end,
                original,
                replacement,
                "lexicon.canonical",
                entry.entity.id,
                0.99,
                (f"alias of {entry.entity.canonical} ({entry.entity.origin})", "--canonical"),
            )
        if lowered and "lexicon.case" in self.enabled and self._rare_lowercase(original):
            if code_like(doc.text, start, end):
                return None  # "collections.abc", "abc_to_rgb(": an identifier, not a name
            if _in_address(doc, original):
                return None  # "cairo" beside cairographics.org: the project's own spelling
            reasons = [
                f"{entry.kind.value} form {entry.form!r} of {entry.entity.canonical}"
                f" ({entry.entity.origin})",
                "lower-case form is no English word",
            ]
            if _acronym(entry.form):
                # "abc", "gcc" in lower case are more often strings, commands and file names
                # than the organisation: only the document can say the entity is meant.
                hits = context_evidence(doc, entry.entity)
                if not hits:
                    return None
                reasons.append("an acronym in lower case; context: " + _summary(hits))
            return Candidate(
                start,
                end,
                original,
                entry.form,
                "lexicon.case",
                entry.entity.id,
                0.9,
                tuple(reasons),
            )
        return None

    @staticmethod
    def _rare_lowercase(original: str) -> bool:
        """A lower-cased name is noise only if none of its long words is an English word."""
        key = key_of(original)
        words = [w for w in (key.words if key else ()) if len(w) > 2] or list(
            key.words if key else ()
        )
        return not any(is_english_word(w) for w in words)
