"""The gated confusion and calque finders decide exactly what the first implementation decided.

The reference classes below are the original algorithms kept as oracles: evidence from every
lexicon form in the document and every context term's pattern, built before anything is
ruled out; protected spans looked at first; the "part of a longer name" test against every
name. The optimised code (word gates, hits from the forms that can be hits only, names that
have the word) must give the same candidates and the same hits, and a shut gate must mean no
hit (or no anchor) on real news, the seed articles, the fixtures and generated text.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalize import Normalizer
from normalize.document import Document
from normalize.evidence import (
    DocumentEvidence,
    EvidenceModel,
    Hit,
    HitList,
    _has_word,
    _term_pattern,
)
from normalize.finders.calque import _CUE_AFTER_RE, _CUE_BEFORE_RE, CalqueFinder
from normalize.finders.calque import RULE as CALQUE_RULE
from normalize.finders.confusion import _NEXT_WORD_RE, ConfusionFinder, _Compiled
from normalize.finders.confusion import RULE as CONFUSION_RULE
from normalize.finders.exact import target_for
from normalize.model import Candidate
from normalize.text import WORD_RE, key_of, transfer_case
from tests.conftest import ROOT, SHARED
from tools.corpora import CorpusUnavailable, lee_news


class ReferenceEvidence(DocumentEvidence):
    def hits(self, entity_id: str) -> list[Hit]:
        cached = self._cache.get(entity_id)
        if cached is not None:
            return cached
        text = self.doc.text
        anchors = self.model.anchored_by.get(entity_id, frozenset())
        by_span: dict[tuple[int, int], Hit] = {}
        for start, end, ids in self.occurrences:
            if entity_id in ids:
                by_span[(start, end)] = Hit(start, end, text[start:end], False)
            elif ids & anchors:
                label = self._label(min(ids & anchors))
                by_span[(start, end)] = Hit(start, end, label, True)
        pattern = _term_pattern(self.model._context_sources.get(entity_id, ()))
        context = [] if pattern is None else pattern.finditer(text)
        for m in context:
            hit = Hit(m.start(), m.end(), m.group(), True)
            if not any(s <= hit.start and hit.end <= e for s, e in by_span):
                by_span[(hit.start, hit.end)] = hit
        result = sorted(by_span.values(), key=lambda h: h.start)
        self._cache[entity_id] = result
        return result


class ReferenceModel(EvidenceModel):
    def for_document(self, doc: Document) -> DocumentEvidence:
        return ReferenceEvidence(self, doc)


class ReferenceConfusionFinder(ConfusionFinder):
    def find(self, doc: Document) -> Iterable[Candidate]:
        if not doc.distinct & self._firsts:
            return
        evidence = self.model.for_document(doc)
        for compiled in self._confusions:
            first = WORD_RE.findall(compiled.confusion.wrong)[0]
            if first not in doc.distinct and first.upper() not in doc.distinct:
                continue
            spans = [m.span() for m in compiled.pattern.finditer(doc.text)]
            for start, end in spans:
                if doc.protected and doc.protected.overlaps(start, end):
                    continue
                cand = self._reference_decide(evidence, compiled, start, end, spans)
                if cand is not None:
                    yield cand

    def _reference_decide(
        self,
        ev: DocumentEvidence,
        compiled: _Compiled,
        start: int,
        end: int,
        spans: list[tuple[int, int]],
    ) -> Candidate | None:
        conf = compiled.confusion
        text = ev.doc.text
        if any(s <= start and end <= e and (s, e) != (start, end) for s, e in ev.name_spans()):
            return None
        next_word = _NEXT_WORD_RE.match(text, end)
        if compiled.followed_by and (
            next_word is None or next_word.group(1).casefold() not in compiled.followed_by
        ):
            return None
        own = set(spans)
        m_hits = [h for h in ev.hits(conf.means) if (h.start, h.end) not in own]
        o_hits = (
            [h for h in ev.hits(conf.otherwise) if (h.start, h.end) not in own]
            if conf.otherwise
            else []
        )
        means = self.model.entities[conf.means]
        said = f"context for {means.canonical}: {ev.summary(m_hits)}"
        if conf.otherwise:
            said += f"; for {self.model.entities[conf.otherwise].canonical}: {ev.summary(o_hits)}"
        evidence = [f"MT confusion {conf.id} ({conf.origin}): {conf.why}", said]
        m_anchors = [h for h in m_hits if h.anchor]
        # The real rule, given the hits as the finder keeps them (with their views).
        confidence = self._confidence(
            ev, compiled, start, end, spans, HitList(m_hits), HitList(m_anchors), HitList(o_hits)
        )
        if confidence is None:
            return None
        layout = ev.layout
        if any(layout.sentence(h.start) == layout.sentence(start) for h in m_anchors):
            evidence.append(f"{means.canonical} named in the same sentence")
        elif any(layout.paragraph(h.start) == layout.paragraph(start) for h in m_hits):
            evidence.append(f"{means.canonical} named in the same paragraph")
        return Candidate(
            start,
            end,
            text[start:end],
            transfer_case(text[start:end], conf.right),
            CONFUSION_RULE,
            conf.means,
            confidence,
            tuple(evidence),
        )


class ReferenceCalqueFinder(CalqueFinder):
    def find(self, doc: Document) -> Iterable[Candidate]:
        if not doc.distinct & self.index.variants:
            return
        evidence = None
        for start, end, entries in self.index.occurrences(doc):
            if doc.protected and doc.protected.overlaps(start, end):
                continue
            evidence = evidence or self.model.for_document(doc)
            text = doc.text
            original = text[start:end]
            entity = self.model.entities[entries[0].entity.id]
            key = key_of(original)
            folded = " ".join(key.words) if key else original.casefold()
            if entity.id in self._rivals.get(folded, ()):
                continue  # the entity's own name in another case, no calque
            rival_ids = [r for r in self._rivals.get(folded, ()) if r != entity.id]
            if any(
                original == form for r in rival_ids for form in self.model.entities[r].legitimate()
            ):
                continue
            rival_ids += [r for r in self._inside.get(folded, ()) if r not in rival_ids]
            hits = evidence.hits(entity.id)
            support = sorted({h.term for h in hits})
            cue = bool(_CUE_AFTER_RE.match(text, end) or _CUE_BEFORE_RE.search(text, 0, start))
            rival_hits = [h for r in rival_ids for h in evidence.hits(r) if h.anchor]
            para = evidence.layout.paragraph(start)
            local = any(evidence.layout.paragraph(h.start) == para for h in hits)
            named = local and len(key.words if key else ()) >= 3 and original.istitle()
            strong = (
                cue and bool(support)
                if entity.type == "media"
                else (len(support) >= 2 and local) or named
            )
            if strong and not rival_hits:
                confidence = 0.85
            elif support or cue:
                confidence = 0.6
            else:
                continue
            why = [f"calque of {entity.canonical} ({entity.origin})"]
            why.append(f"support: {evidence.summary(hits)}")
            if cue:
                why.append("cited as a source")
            if rival_hits:
                why.append(
                    f"also the name or part of the name of {', '.join(rival_ids)}, "
                    "which the text supports"
                )
            yield Candidate(
                start,
                end,
                original,
                transfer_case(original, target_for(entity, original)),
                CALQUE_RULE,
                entity.id,
                confidence,
                tuple(why),
            )


class Pair:
    """The shipped finders and their references, sharing one lexicon and one index."""

    def __init__(self, shipped: Normalizer) -> None:
        model = next(f for f in shipped._finders if isinstance(f, ConfusionFinder)).model
        self.model = model
        self.ref_model = ReferenceModel(shipped.lexicon, model.index)
        self.confusion = ConfusionFinder(model)
        self.calque = CalqueFinder(shipped.lexicon, model)
        self.ref_confusion = ReferenceConfusionFinder(self.ref_model)
        self.ref_calque = ReferenceCalqueFinder(shipped.lexicon, self.ref_model)
        asked = {c.means for c in model.lexicon_confusions}
        asked |= {c.otherwise for c in model.lexicon_confusions if c.otherwise}
        asked |= {e.entity.id for es in self.calque.index.by_first.values() for e in es}
        asked |= {r for rs in self.calque._rivals.values() if len(rs) > 1 for r in rs}
        asked |= {r for rs in self.calque._inside.values() for r in rs}
        # Possessives, acronyms and name-case ask about any entity: a spread of them too.
        asked |= set(sorted(model.entities)[::40])
        self.asked = sorted(asked)

    def check(self, text: str) -> int:
        """Assert the same decisions and evidence on ``text``; the number of candidates."""
        want = list(self.ref_confusion.find(Document(text)))
        assert list(self.confusion.find(Document(text))) == want, text[:300]
        calques = list(self.ref_calque.find(Document(text)))
        assert list(self.calque.find(Document(text))) == calques, text[:300]
        doc = Document(text)
        fast = self.model.for_document(doc)
        ref = self.ref_model.for_document(doc)
        for entity_id in self.asked:
            hits = ref.hits(entity_id)
            assert fast.hits(entity_id) == hits, (entity_id, text[:300])
            if not self.model.gate(entity_id, anchors_only=False).allows(doc):
                assert hits == [], (entity_id, text[:300])
            if not self.model.gate(entity_id, anchors_only=True).allows(doc):
                assert not any(h.anchor for h in hits), (entity_id, text[:300])
        return len(want) + len(calques)


@pytest.fixture(scope="module")
def pair(shipped: Normalizer) -> Pair:
    return Pair(shipped)


def real_texts() -> Iterator[str]:
    try:
        yield from lee_news()
    except CorpusUnavailable:
        if os.environ.get("CI"):
            raise
    for path in sorted(Path(SHARED / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        yield from (text, text.lower(), text.upper(), text.replace("'", "\u2019"))
        yield from text.split("\n\n")
    for path in sorted((ROOT / "fixtures").glob("*/input.txt")):
        yield path.read_text(encoding="utf-8")


def test_same_decisions_on_news_seeds_and_fixtures(pair: Pair) -> None:
    from tests.test_context import CHANGED, UNCHANGED

    texts = [*real_texts(), *(t for t, _, _ in CHANGED), *UNCHANGED]
    assert sum(pair.check(t) for t in texts) > 0


PIECES = st.sampled_from(
    [
        # Confusion words, as written and in odd cases.
        "Afghan", "AFGHAN", "aFGHAN", "Afghanistan", "Algeria", "Algerian", "Iran", "IRAN",
        "Iraq", "Iraqi", "Lee", "New", "Arab", "Guinea", "Guinean", "Liberia", "Libya",
        "Congo (Cloth)", "Swiss", "Sweden", "Niger", "Australia", "Austria",
        # Anchors of their referents: context terms, related people, garbles.
        "Algiers", "ALGIERS", "algiers", "Tebboune", "Boukadoum", "bukadum", "teben",
        "Kabul", "Taliban", "Tehran", "Baghdad", "Kadhimi", "Monrovia", "Weah", "Tripoli",
        "Haftar", "haftal", "Serraj", "Benghazi", "Sirte", "Lee Hsien Loong", "lee hsien loong",
        "Straits Times", "People's Action Party", "people's action party", "Singapore",
        "Vienna", "Islamic State", "IS", "is", "Said Chanegriha", "said chanegriha",
        "Al Qaeda", "al-Qaeda", "United Arab Emirates", "Equatorial Guinea", "Guinea-Bissau",
        # Words that follow or coordinate, calques and their cues.
        "government", "officials", "side", "President", "forces", " and ", ", ", "/",
        "German voice", "GERMAN VOICE", "government of national unity",
        "Government of National Accord", "national army of Libya", "Voice of the United States",
        "Deutsche Welle", "Bonn", "said", " said", "according to the ", "reported",
        # Separators, look-alikes inside longer words, other scripts.
        " ", " ", "\n", "\n\n", ". ", "-", "'s", "community", "unity", "statement",
        "https://x.org/Algiers", "İ", "ß", "\u0301", "Straße",
    ]
)  # fmt: skip
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=30).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_same_decisions_on_generated_text(pair: Pair, text: str) -> None:
    pair.check(text)


def test_case_folding_keeps_word_characters_apart() -> None:
    """What :func:`normalize.evidence._has_word` relies on: case folding never turns a word
    character (letter, mark, digit) into another kind of character, nor the reverse, so a
    whole word of a text is a whole word of its case-folded copy."""
    changed = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    changed = [c for c in changed if c.casefold() != c]
    for char in changed:
        word = WORD_RE.fullmatch(char) is not None
        assert all((WORD_RE.fullmatch(x) is not None) == word for x in char.casefold()), char


def test_has_word_needs_whole_words() -> None:
    assert _has_word("opportunity and unity", "unity")
    assert not _has_word("community opportunity", "unity")
    assert _has_word("lee hsien loong.", "lee hsien loong")
    assert not _has_word("lee hsien loongs", "lee hsien loong")
    assert not _has_word("ma\u0301s", "ma")  # a combining mark continues the word


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet="ak K-\u00e9\u0301\u00b21_ .", max_size=14),
    st.sampled_from(["k", "a", "ak", "\u00e9", "1", "k-", "aka"]),
)
def test_has_word_on_short_words_is_the_scan(text: str, word: str) -> None:
    """A word of one or two characters is looked for by a pattern: the same answer as the
    scan of its every place."""
    scan = any(
        (i == 0 or WORD_RE.match(text[i - 1]) is None)
        and (i + len(word) == len(text) or WORD_RE.match(text[i + len(word)]) is None)
        for i in range(len(text))
        if text.startswith(word, i)
    )
    assert _has_word(text, word) == scan
