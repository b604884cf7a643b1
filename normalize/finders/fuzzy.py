"""Garbles no lexicon lists: transliteration-aware near misses of lexicon names.

Three rules:

- ``fuzzy.name``: a name-like token close to a lexicon spelling once transliteration noise
  is taken out ("haftal" for Haftar, "bukadum" for Boukadoum);
- ``fuzzy.source``: a token that matches the romanisation of an entity's source-script name
  (the pinyin of 特本 for Tebboune) better than any Latin spelling of it;
- ``fuzzy.spacing``: a name split, merged or broken by hyphen noise ("Kim Jong -un").

Only tokens that look like names are considered: not an English word, not a known form of
any entity, not a known form plus "s" (possessives are issue 4's), rare in English, four
letters or more. Those are picked from the document's distinct words with set operations,
so clean text costs little. Each surviving token is scored once per document, so its
repeats resolve the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import jellyfish
import regex
from rapidfuzz import fuzz, process

from normalize.document import Document
from normalize.fuzzyindex import LATIN_CHANNELS, MIN_EDIT_KEY, Form, FuzzyIndex
from normalize.lexicon.records import Entity
from normalize.model import Candidate
from normalize.scoring import context_evidence
from normalize.text import WORD_RE, case_shape, key_of, transfer_case
from normalize.translit import ascii_fold, skeleton
from normalize.vocab import english_lowercase_words, zipf

#: Tokens at least this frequent in English (Zipf) are ordinary words or well-known names.
MAX_ZIPF = 3.0
#: The same for lower-case tokens, which are checked harder: MT leaves names it could not
#: translate in lower case, so real garbles there have no frequency at all.
MAX_ZIPF_LOWER = 2.0
#: Shortest token the fuzzy rules look at.
MIN_LETTERS = 4
#: Entities per token that are scored in full; the rest are ranked out by string similarity.
MAX_ENTITIES = 12
#: The most a candidate gets with no document evidence at all (context, mention, given name).
NO_CONTEXT_CAP = 0.75
#: Spelling evidence below this keeps a candidate under any threshold, whatever the context.
MIN_STRENGTH = 0.6


_CONTRACTION = regex.compile(r"['\u2019](?:t|ll|ve|re|d)\b")
_WORD_BEFORE = regex.compile(r"([\p{L}\p{M}]+)[ \-]{1,2}$")
_ODD_SEP = regex.compile(r"(?<=[\p{L}\p{M}])(?: +-|- +| +- +)(?=[\p{L}\p{M}])")


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
    if len(word) < MIN_TYPO_LETTERS or not word.isascii():
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
    # Compounds such as "shopfront": two English words of four letters or more.
    return any(word[:i] in english and word[i:] in english for i in range(4, len(word) - 3))


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


class FuzzyFinder:
    """Near misses of lexicon names (``fuzzy.name``, ``fuzzy.source``, ``fuzzy.spacing``)."""

    rules = frozenset({"fuzzy.name", "fuzzy.source", "fuzzy.spacing"})

    def __init__(self, index: FuzzyIndex, *, enabled: frozenset[str]) -> None:
        self.index = index
        self.enabled = enabled
        self._joined = index.joined if "fuzzy.spacing" in enabled else {}

    # -- which tokens ------------------------------------------------------------------

    def candidate_words(self, doc: Document) -> list[str]:
        """Distinct written words of ``doc`` that may be garbled names, in text order."""
        folded = {w: w.casefold() for w in doc.distinct if len(w) >= MIN_LETTERS}
        unknown = (
            set(folded.values()) - english_lowercase_words() - self.index.known_words
        )  # set differences run in C: clean text leaves almost nothing here
        if not unknown:
            return []
        out: list[str] = []
        for word, f in folded.items():
            if f not in unknown or not word.isalpha():
                continue
            if f.endswith("s") and self._is_plain_or_known(f[:-1]):
                continue  # "Gaddafis", "Turkeys": a lost possessive, not a garble
            shape = case_shape(word)
            if shape == "mixed" or zipf(f) >= (MAX_ZIPF_LOWER if shape == "lower" else MAX_ZIPF):
                continue
            if shape == "lower" and (_inflected_english(f) or _misspelt_english(f)):
                continue
            out.append(word)
        return sorted(out)

    def _is_plain_or_known(self, f: str) -> bool:
        return f in self.index.known_words or f in english_lowercase_words() or zipf(f) >= MAX_ZIPF

    # -- scoring -----------------------------------------------------------------------

    def explain(
        self,
        doc: Document,
        word: str,
        given_name: bool = False,
        others: frozenset[str] = frozenset(),
        hits: list[tuple[Form, int]] | None = None,
    ) -> list[Scored]:
        """Every entity ``word`` may stand for in ``doc``, surest first, with the reasons.

        ``others`` are the entities that other garbled words of the document most resemble:
        they count as mentions, as they will once those words are fixed. ``hits`` is the
        index lookup of ``word`` where the caller has it already.
        """
        if hits is None:
            hits = self.index.lookup(word)
        want_source = "fuzzy.source" in self.enabled
        want_name = "fuzzy.name" in self.enabled
        hits = [
            (f, d) for f, d in hits if (want_name if f.channel in LATIN_CHANNELS else want_source)
        ]
        if not hits:
            return []
        token = ascii_fold(word)
        if len(hits) > 4 * MAX_ENTITIES:
            # Large lexicons put many forms under a short key: rapidfuzz keeps the closest
            # in C before any Python-level scoring.
            closest = process.extract(
                token, [f.surface for f, _ in hits], scorer=fuzz.ratio, limit=4 * MAX_ENTITIES
            )
            hits = [hits[i] for _, _, i in closest]
        by_entity: dict[str, list[tuple[Form, int, float]]] = defaultdict(list)
        for form, dist in hits:
            by_entity[form.entity.id].append((form, dist, similarity(token, form.surface)))
        ranked = sorted(by_entity.values(), key=lambda fs: -max(s for _, _, s in fs))
        scored = [
            self._score(doc, word, token, fs, given_name, others) for fs in ranked[:MAX_ENTITIES]
        ]
        scored.sort(key=lambda s: (-s.confidence, s.entity.id))
        if len(scored) > 1 and scored[0].confidence - scored[1].confidence < 0.1:
            top, second = scored[0], scored[1]
            scored[0] = Scored(
                top.entity,
                top.target,
                top.rule,
                max(0.0, top.confidence - 0.2),
                top.similarity,
                (*top.evidence, f"ambiguous: also close to {second.entity.canonical}"),
            )
        return scored

    def _score(
        self,
        doc: Document,
        word: str,
        token: str,
        forms: list[tuple[Form, int, float]],
        given_name: bool,
        others: frozenset[str],
    ) -> Scored:
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
        shape = case_shape(word)
        if shape == "lower":
            conf += 0.1
            evidence.append("lower-case name-like token")
        elif shape == "title":
            # A capitalised unknown word is usually someone else's correctly spelled name.
            conf -= 0.25
        if zipf(token) == 0:
            conf += 0.05
        hits = context_evidence(doc, entity)
        if hits:
            conf += min(0.1, 0.05 * len(hits))
            evidence += [f"context: {term} x{n}" for term, n in hits]
        mentions = _mentions(doc, entity)
        if mentions or entity.id in others:
            conf += 0.1
            evidence += [f"also written {form!r} x{n} in this document" for form, n in mentions]
            if entity.id in others:
                evidence.append("another garble in this document resembles it too")
        if given_name:
            conf += 0.3
            evidence.append("follows the entity's given name")
        if not (hits or mentions or entity.id in others or given_name) and conf > NO_CONTEXT_CAP:
            # Spelling alone is never enough to apply: on the Wikidata pairs precision at
            # 0.8 without context is below 0.9, and clean news has rare lower-case words.
            conf = NO_CONTEXT_CAP
            evidence.append("nothing else in the document points to it: flag only")
        if strength < MIN_STRENGTH:
            # Context cannot make up for a spelling that is not close: cap below flagging.
            conf = min(conf, 0.3)
            evidence.append(f"spelling too far ({strength:.2f} < {MIN_STRENGTH})")
        conf = round(min(0.99, max(0.0, conf)), 4)
        rule = "fuzzy.name" if best_form.channel in LATIN_CHANNELS else "fuzzy.source"
        if rule == "fuzzy.source" and not channels & LATIN_CHANNELS:
            evidence.insert(0, f"reading of {entity.canonical}'s {best_form.channel} name")
        else:
            evidence.insert(0, f"near miss of {entity.canonical} ({entity.origin})")
        return Scored(entity, best_form.target, rule, conf, best_sim, tuple(evidence))

    # -- finding -----------------------------------------------------------------------

    def find(self, doc: Document) -> Iterable[Candidate]:
        yield from self._broken_spacing(doc)
        words = self.candidate_words(doc)
        if not words:
            return
        # Whole-word str.find per candidate: distinct whole words cannot overlap, so this
        # finds what one alternation of them would, without compiling a pattern per text.
        spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        contractions: set[str] = set()
        for word in words:
            for start in doc.find_word(word):
                end = start + len(word)
                if _CONTRACTION.match(doc.text, end):
                    contractions.add(word)  # "wouldn't", "couldn't": English, not a name
                elif not (doc.protected and doc.protected.overlaps(start, end)):
                    spans[word].append((start, end))
        for word in contractions:
            spans.pop(word, None)
        lookups = {word: self.index.lookup(word) for word in spans}
        given = {
            word: self._after_given_name(doc, lookups[word], places)
            for word, places in spans.items()
        }
        # First pass: which entity each word resembles most, before the document's mentions.
        first: dict[str, str] = {}
        alone: dict[str, list[Scored]] = {}
        for word in spans:
            found = self.explain(doc, word, given[word], hits=lookups[word])
            alone[word] = found
            if found:
                first[word] = found[0].entity.id
        for word, places in spans.items():
            yield from self._spacing(doc, word, places)
            others = frozenset(e for w, e in first.items() if w.casefold() != word.casefold())
            scored = alone[word]
            # `others` changes a score only for an entity it names; the entities scored do not
            # depend on it, so most words keep their first-pass result (half the work).
            if others & {s.entity.id for s in scored}:
                scored = self.explain(doc, word, given[word], others, lookups[word])
            if not scored:
                continue
            best = scored[0]
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

    def _after_given_name(
        self, doc: Document, hits: list[tuple[Form, int]], places: list[tuple[int, int]]
    ) -> bool:
        """Whether some occurrence follows a given name of an entity the word resembles."""
        before: set[str] = set()
        for start, _ in places:
            m = _WORD_BEFORE.search(doc.text, max(0, start - 40), start)
            if m and m.group(1)[0].isupper():  # given names are capitalised; "said" is not
                before.add(m.group(1).casefold())
        if not before:
            return False
        return any(before & _given_names(form.entity) for form, _ in hits)

    def _spacing(
        self, doc: Document, word: str, places: list[tuple[int, int]]
    ) -> Iterable[Candidate]:
        """A merged token ("kimjongun") equal to a multi-word form with its spaces taken out."""
        if "fuzzy.spacing" not in self.enabled:
            return
        hit = self._joined.get(ascii_fold(word))
        if hit is None:
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
        for m in _ODD_SEP.finditer(text):
            left = list(WORD_RE.finditer(text[max(0, m.start() - 60) : m.start()]))
            right = WORD_RE.match(text, m.end())
            if right is None or not left:
                continue
            base = max(0, m.start() - 60)
            for n in (1, 2, 3):
                if n > len(left):
                    break
                first = left[-n]
                start = base + first.start()
                span = text[start : right.end()]
                hit = self._joined.get(ascii_fold(span))
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
