"""Confusions: real words that MT put in place of another entity, decided by the document.

"Afghan" is right in an article on Kabul and wrong in one on Algiers where Chinese 阿 stood
for Algeria. The finder weighs the evidence (see :mod:`normalize.evidence`) for the entity
the word would stand for (``means``) against the one it names as written (``otherwise``):

- no anchor for ``means`` (a capital, a leader, a related person): nothing;
- any anchor for ``otherwise``: the document is about the legitimate referent, nothing;
- ``otherwise`` named by other words too: mixed, at most a flag;
- otherwise: applied when two or more distinct anchors support ``means``, some of its
  evidence is in the same paragraph, and either an anchor is in the same sentence or the
  word recurs (MT repeats its mistake); flagged when it is thinner than that.

The word itself is never evidence for either side: "Afghan" three times says nothing about
whether "Afghan" is wrong. Confusions without ``otherwise`` are ordinary words ("Arab",
"Lee", "New") gated by ``followed_by``; they are flagged, and applied only when a name of
the ``means`` entity follows directly ("Arab President Tebboune").
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import regex

from normalize.document import Document
from normalize.evidence import DocumentEvidence, EvidenceModel, Hit, HitList
from normalize.lexicon.records import Confusion
from normalize.model import Candidate
from normalize.text import WORD_RE, transfer_case

RULE = "context.confusion"
#: A document naming at least this many other countries (than the two a confusion is
#: between) is a round-up or a table of them ("Imane Khelif (Algeria) ... Arshad Nadeem
#: (Pakistan)"): a country named once elsewhere in it says nothing about the word.
MANY_COUNTRIES = 6
#: Id prefix of the confusions derived from the Chinese names (tools/build_confusions.py).
DERIVED = "zh/"
_COORDINATION_RE = regex.compile(r"\s*(?:,|/|&|and|or|-|\u2013)\s*", regex.IGNORECASE)
#: Up to three title words between a word and the name it describes.
_TITLES_RE = regex.compile(
    r"[^\S\n]+(?:(?:\p{Lu}[\p{L}\-]*|foreign|prime|vice|deputy|minister|president|defen[cs]e"
    r"|interior|finance|ambassador|envoy|leader|chief|general|secretary|spokes(?:man|woman|person)"
    r"|head|of|state)[^\S\n]+){0,3}"
)
_OF_RE = regex.compile(r"[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?|,[^\S\n]+(?:the[^\S\n]+)?")
_NEXT_WORD_RE = regex.compile(r"[^\S\n]+([\p{L}\p{M}\p{N}]+)")
#: A list of countries: the word, a connector, then up to three capitalised words (after
#: it), or up to three capitalised words and a connector (before it).
_LIST_AFTER_RE = regex.compile(
    r"[^\S\n]*(?:,|and|or|&)[^\S\n]+((?:\p{Lu}[\p{L}\p{M}\-]*)(?:[^\S\n]\p{Lu}[\p{L}\p{M}\-]*){0,2})"
)
_LIST_BEFORE_RE = regex.compile(
    r"((?:\p{Lu}[\p{L}\p{M}\-]*)(?:[^\S\n]\p{Lu}[\p{L}\p{M}\-]*){0,2}),?[^\S\n]+(?:and[^\S\n]+|or[^\S\n]+)?$"
)


@dataclass(frozen=True)
class _Compiled:
    confusion: Confusion
    pattern: regex.Pattern[str]
    followed_by: frozenset[str]
    #: :meth:`ConfusionFinder._confidence` decides nothing without an anchor for ``means``:
    #: true of all but the forms no English text uses (no ``otherwise``, no ``followed_by``).
    needs_anchor: bool
    #: The first word case-folded, as written and in capitals: a lexicon name around the
    #: word has one of these among its words (see :meth:`DocumentEvidence.name_spans`).
    folded: frozenset[str]


class ConfusionFinder:
    """Proposes ``right`` for a confusion's ``wrong`` word when the document supports it."""

    rules = frozenset({RULE})

    def __init__(self, model: EvidenceModel) -> None:
        self.model = model
        self._confusions: list[_Compiled] = []
        # Each confusion's first word, as written and in capitals -> its confusions.
        self._by_first: dict[str, list[int]] = {}
        for conf in model.lexicon_confusions:
            words = WORD_RE.findall(conf.wrong)
            if not words:
                continue
            literal = regex.escape(conf.wrong)
            pattern = regex.compile(
                rf"(?<![\p{{L}}\p{{M}}\p{{N}}\-])(?:{literal}|{regex.escape(conf.wrong.upper())})"
                rf"(?![\p{{L}}\p{{M}}\p{{N}}]|-[\p{{L}}\p{{N}}])"
            )
            followed_by = frozenset(f.casefold() for f in conf.followed_by)
            needs_anchor = conf.otherwise is not None or bool(followed_by)
            folded = frozenset(
                w[0].casefold() for w in (words, WORD_RE.findall(conf.wrong.upper()))
            )
            for first in (words[0], words[0].upper()):
                self._by_first.setdefault(first, []).append(len(self._confusions))
            self._confusions.append(_Compiled(conf, pattern, followed_by, needs_anchor, folded))
        self._firsts = frozenset(self._by_first)
        # The names of countries, case-folded: a confusion word listed beside one of them
        # (other than the entity it would stand for) is one country of a list.
        self._countries: dict[str, str] = {
            form.casefold(): entity.id
            for entity in model.entities.values()
            if entity.type == "country"
            for form in (*entity.preferred, *entity.aliases)
        }
        # Those names and the demonyms by their first word, case-folded: the countries a
        # document names ("Libyan officials" names Libya as well as "Libya" does).
        self._country_firsts: dict[str, list[tuple[str, str]]] = {}
        for entity in model.entities.values():
            if entity.type != "country":
                continue
            for form in dict.fromkeys(f.casefold() for f in entity.legitimate()):
                words = WORD_RE.findall(form)
                if words:
                    self._country_firsts.setdefault(words[0], []).append((form, entity.id))
        # find proposes nothing unless one of these is a word of the document.
        self.keys: frozenset[str] | None = self._firsts
        # The first words of the gates asked whether ``means`` has an anchor in a document
        # (several per document): the engine's one intersection answers them as well.
        anchor_gates = {
            c.confusion.means: model.gate(c.confusion.means, anchors_only=True)
            for c in self._confusions
            if c.needs_anchor
        }
        self.watched = (self._firsts, *dict.fromkeys(g.firsts for g in anchor_gates.values()))

    def find(self, doc: Document) -> Iterable[Candidate]:
        present = doc.among(self._firsts)
        if not present:
            return
        evidence = None
        anchored: dict[str, bool] = {}
        for i in sorted({i for word in present for i in self._by_first[word]}):
            compiled = self._confusions[i]
            # Most documents with the word have no anchor for ``means`` at all: settled
            # from the document's words, before any evidence is gathered.
            followed_by = compiled.followed_by
            if followed_by:
                # An ordinary word ("New") is weighed only where a word of ``followed_by``
                # follows it: then the case-folded text has both, side by side.
                folded = doc.lowered if doc.is_ascii else doc.folded
                if not _followed_pattern(compiled.confusion.wrong, followed_by).search(folded):
                    continue
            if compiled.needs_anchor:
                means = compiled.confusion.means
                if means not in anchored:
                    anchored[means] = self.model.gate(means, anchors_only=True).allows(doc)
                if not anchored[means]:
                    continue
            spans = [m.span() for m in compiled.pattern.finditer(doc.text)]
            for start, end in spans:
                if followed_by and not _followed(doc.text, end, followed_by):
                    continue  # an ordinary word not followed by a listed word: never a candidate
                evidence = evidence or self.model.for_document(doc)
                cand = self._decide(evidence, compiled, start, end, spans)
                if cand is not None and not (doc.protected and doc.protected.overlaps(start, end)):
                    yield cand

    def _decide(
        self,
        ev: DocumentEvidence,
        compiled: _Compiled,
        start: int,
        end: int,
        spans: list[tuple[int, int]],
    ) -> Candidate | None:
        """The candidate for the confusion word at ``start``; :meth:`find` has already
        checked that a word of ``followed_by`` follows it."""
        conf = compiled.confusion
        text = ev.doc.text
        # Each view of the hits is computed once per word, not once per place of it.
        m_hits = ev.apart(conf.means, spans)
        m_anchors = m_hits.anchors
        if compiled.needs_anchor and not m_anchors:
            return None  # as _confidence would decide, without asking about ``otherwise``
        o_hits = ev.apart(conf.otherwise, spans) if conf.otherwise else HitList()
        confidence = self._confidence(ev, compiled, start, end, spans, m_hits, m_anchors, o_hits)
        if confidence is None:
            return None
        # Part of a longer name ("United Arab Emirates", "Equatorial Guinea"): not this word.
        # Looked at last: it takes the lexicon names in the document that have the word.
        if ev.names_index(compiled.folded).encloses(start, end):
            return None
        means = self.model.entities[conf.means]
        said = f"context for {means.canonical}: {ev.summary(m_hits)}"
        if conf.otherwise:
            said += f"; for {self.model.entities[conf.otherwise].canonical}: {ev.summary(o_hits)}"
        evidence = [f"MT confusion {conf.id} ({conf.origin}): {conf.why}", said]
        layout = ev.layout
        if layout.any_in_sentence(m_anchors.starts, start):
            evidence.append(f"{means.canonical} named in the same sentence")
        elif layout.any_in_paragraph(m_hits.starts, start):
            evidence.append(f"{means.canonical} named in the same paragraph")
        return Candidate(
            start,
            end,
            text[start:end],
            transfer_case(text[start:end], conf.right),
            RULE,
            conf.means,
            confidence,
            tuple(evidence),
        )

    def _confidence(
        self,
        ev: DocumentEvidence,
        compiled: _Compiled,
        start: int,
        end: int,
        spans: list[tuple[int, int]],
        m_hits: HitList,
        m_anchors: HitList,
        o_hits: HitList,
    ) -> float | None:
        conf = compiled.confusion
        # The cheapest decisive checks first; sentences and paragraphs only when asked.
        layout = ev.layout
        if conf.otherwise is None:
            if not compiled.followed_by:
                return 0.9  # a form no English text uses ("Congo (Cloth)")
            if not m_anchors or not layout.any_in_paragraph(m_hits.starts, start):
                return None
            after = _NEXT_WORD_RE.match(ev.doc.text, end)
            assert after is not None
            named_next = _NEXT_WORD_RE.match(ev.doc.text, after.end())
            if named_next and m_anchors.starts_at(named_next.start(1)):
                return 0.9
            return 0.7
        if not m_anchors or o_hits.anchors:
            return None
        distinct = _two_distinct(m_anchors)
        derived = conf.id.startswith(DERIVED)
        if o_hits:
            if not derived and distinct and len(m_hits) >= 3 * len(o_hits):
                return 0.6
            return None
        if self._coordinated(ev, start, end, m_hits) or self._listed(
            ev.doc.text, start, end, conf.means
        ):
            return None
        if distinct and layout.any_in_paragraph(m_hits.starts, start):
            # A sentence that names both countries as written ("Khan said Pakistan would
            # buy Brazilian jets") is about both: its own anchors do not decide the word.
            # Only for confusions derived from a shared abbreviation (``zh/``), not for
            # those seen in MT output (``mt/``), where MT writes both in one sentence.
            both = derived and layout.any_in_sentence(m_hits.mentions.starts, start)
            if (not both or _attached(ev.doc.text, start, end, m_anchors)) and _owner_in_sentence(
                ev, start, m_anchors
            ):
                return 0.95
            # Without an anchor in its own sentence, one mention of another country is
            # ordinary news ("Afghan officials said Algeria offered talks"); the same word
            # wrong again and again is the mark of MT.
            if len(spans) >= 2:
                return 0.85
        if derived and not any(layout.same_paragraph(h.start, start) for h in m_anchors):
            # Derived from a shared abbreviation, with no anchor in its own paragraph:
            # another country named in passing (or in another article of a long file).
            return None
        if len(self._countries_named(ev.doc) - {conf.means, conf.otherwise}) >= MANY_COUNTRIES:
            return None  # a round-up of many countries: this thin evidence is no evidence
        return 0.65

    def _countries_named(self, doc: Document) -> frozenset[str]:
        """The ids of the countries the document names (once per document)."""
        key = (self, "countries")
        known: frozenset[str] | None = doc.memo.get(key)
        if known is not None:
            return known
        words = doc.folded_distinct
        found: set[str] = set()
        for first in words & self._country_firsts.keys():
            for form, entity_id in self._country_firsts[first]:
                if entity_id not in found and (form == first or _has_phrase(doc.folded, form)):
                    found.add(entity_id)
        known = doc.memo[key] = frozenset(found)
        return known

    def _listed(self, text: str, start: int, end: int, means: str) -> bool:
        """Whether the word stands in a list of countries written out, beside another
        country than ``means`` ("ties with Iran and North Korea", "Cuba, Iran, Sudan"): a
        writer naming countries one by one means each of them, while MT's shared
        abbreviation stands alone or joined to another abbreviation."""
        after = _LIST_AFTER_RE.match(text, end)
        before = _LIST_BEFORE_RE.search(text, max(0, start - 60), start)
        for m in (after, before):
            if m is None:
                continue
            words = m.group(1).split()
            # The longest run of leading (after) or trailing (before) words that is a country.
            runs = (
                [words[:n] for n in range(len(words), 0, -1)]
                if m is after
                else [words[-n:] for n in range(len(words), 0, -1)]
            )
            for run in runs:
                found = self._countries.get(" ".join(run).casefold())
                if found is not None:
                    if found != means:
                        return True
                    break
        return False

    @staticmethod
    def _coordinated(ev: DocumentEvidence, start: int, end: int, m_hits: HitList) -> bool:
        """Named side by side with the other country ("Iran and Iraq", "Iraq, Iran"): both
        are meant, so the word is not a mistranslation of its neighbour.

        Only the hits that end or start within reach of a connector are looked at (see
        :func:`_reach`), found by binary search: a word at many places, each with many
        hits, is not a product of the two.
        """
        text = ev.doc.text
        before = _reach(text, start, -1)
        for h in m_hits.ending_in(before, start):
            if not h.anchor and _COORDINATION_RE.fullmatch(text, h.end, start):
                return True
        after = _reach(text, end, 1)
        for h in m_hits.starting_in(end, after):
            if not h.anchor and _COORDINATION_RE.fullmatch(text, end, h.start):
                return True
        return False


def _has_phrase(folded: str, phrase: str) -> bool:
    """Whether the case-folded ``phrase`` stands as whole words in ``folded``."""
    return (
        regex.search(rf"(?<![\p{{L}}\p{{N}}]){regex.escape(phrase)}(?![\p{{L}}\p{{N}}])", folded)
        is not None
    )


def _followed(text: str, end: int, followed_by: frozenset[str]) -> bool:
    """Whether the word after ``end`` is, case-folded, one of ``followed_by``."""
    next_word = _NEXT_WORD_RE.match(text, end)
    return next_word is not None and next_word.group(1).casefold() in followed_by


@lru_cache(maxsize=256)
def _followed_pattern(wrong: str, followed_by: frozenset[str]) -> regex.Pattern[str]:
    """What the case-folded text holds wherever ``wrong`` (as written or in capitals) is
    followed by one of ``followed_by`` as :func:`_followed` reads it: case folding maps each
    character on its own and keeps letters, marks and digits apart from other characters,
    so the next word case-folded is a whole word of the case-folded text. Depends only on
    lexicon words, which bound the cache."""
    forms = sorted({wrong.casefold(), wrong.upper().casefold()}, key=len, reverse=True)
    words = sorted(followed_by, key=len, reverse=True)
    return regex.compile(
        "(?:"
        + "|".join(map(regex.escape, forms))
        + r")[^\S\n]+(?:"
        + "|".join(map(regex.escape, words))
        + r")(?![\p{L}\p{M}\p{N}])"
    )


def _reach(text: str, at: int, step: int) -> int:
    """How far from ``at`` (backwards for ``step`` -1) a match of :data:`_COORDINATION_RE`
    that ends (starts) at ``at`` may reach: white space, a connector of at most three
    characters, white space. ``str.isspace`` holds for every character that ``\\s`` matches.
    """
    size = len(text)

    def over_space(i: int) -> int:
        if step < 0:
            while i > 0 and text[i - 1].isspace():
                i -= 1
        else:
            while i < size and text[i].isspace():
                i += 1
        return i

    return over_space(min(size, max(0, over_space(at) + 3 * step)))


def _attached(text: str, start: int, end: int, anchors: HitList) -> bool:
    """Whether an anchor is a name that the word describes: after it, past title words only
    ("Afghan foreign minister Boukadoum"), or before it with "of" between ("government of
    national unity of Liberia"). Only anchors within reach of the word are looked at."""
    starts = anchors.starts
    lo = bisect.bisect_left(starts, start - 200)
    hi = bisect.bisect_right(starts, end + 60)
    for hit in anchors[lo:hi]:
        if hit.start >= end:
            gap = text[end : hit.start]
            if len(gap) <= 60 and _TITLES_RE.fullmatch(gap):
                return True
        elif hit.end <= start:
            gap = text[hit.end : start]
            if len(gap) <= 12 and _OF_RE.fullmatch(gap):
                return True
    return False


#: A preposition or verb of place just before an anchor: the sentence says where something
#: happens ("in Brasilia"), not whose the word's person or office is.
_LOCATIVE_RE = regex.compile(
    r"(?i)\b(?:in|at|to|from|near|outside|into|via|visits?|visited|visiting|reached)"
    r"[^\S\n]+$"
)


#: What may stand before a sentence's first word.
_OPENING = " \t\r\n\"'\u201c\u2018([-\u2013\u2014"


def _owner_in_sentence(ev: DocumentEvidence, start: int, anchors: HitList) -> bool:
    """Whether the sentence of ``start`` holds an anchor that is not a place after a
    preposition of place: "The Palestinian foreign minister, who was also in Brasilia" names
    Brazil as where a visitor is, which says nothing about the visitor's nationality;
    "Pakistani President Bolsonaro", "Brazil's president" or a place that opens the
    sentence ("In Tripoli, the government asked Liberia") does."""
    lo, hi = ev.layout.sentence_bounds(start)
    starts = anchors.starts
    text = ev.doc.text
    i = bisect.bisect_left(starts, lo)
    while i < len(starts) and starts[i] < hi:
        at = starts[i]
        m = _LOCATIVE_RE.search(text, max(0, at - 16), at)
        # A place that opens the sentence sets its scene ("In Bern, the Swedish
        # government ..."): the sentence's actors are there.
        if m is None or not text[max(0, lo) : m.start()].strip(_OPENING):
            return True
        i += 1
    return False


def _two_distinct(anchors: list[Hit]) -> bool:
    """Whether the anchors name at least two distinct terms (case-folded)."""
    if isinstance(anchors, HitList):
        return len(anchors.folded_terms) >= 2
    first = None
    for hit in anchors:
        term = hit.term.casefold()
        if first is None:
            first = term
        elif term != first:
            return True
    return False
