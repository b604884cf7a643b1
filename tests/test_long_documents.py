"""Long documents: the per-document indexes give the plain answers, the work per document
grows with its length and not with the square of it, and evidence is gathered per article.

- :class:`Layout`, :class:`SpanIndex` and :class:`HitList` answer what the plain loops over
  every place answer (hypothesis);
- :meth:`Document.find_word` from blocks finds what ``str.find`` over the whole text finds;
- the bounded windows of the confusion and calque finders match what a search of the whole
  text matches;
- evidence is looked up a bounded number of times however often a word recurs (call counts,
  never timings);
- in a file of several articles, evidence from one article does not count for another, and
  the offsets are into the whole text.
"""

from __future__ import annotations

import bisect
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import Normalizer, apply_changes
from normalize import document as document_module
from normalize import engine as engine_module
from normalize.document import Document, _find_whole, article_bounds
from normalize.evidence import (
    _PARAGRAPH_RE,
    _SENTENCE_RE,
    DocumentEvidence,
    Hit,
    HitList,
    Layout,
    SpanIndex,
    _summary,
)
from normalize.finders import calque, confusion
from normalize.io import read_document
from tests.conftest import shared_path
from tests.test_seeds import CLEAN

ROOT = Path(__file__).resolve().parent.parent

_PIECES = st.sampled_from(
    [
        *("One", "two", "Al", "é", "ß", "Kabul", "and", "or", ".", "!", "?", '"', ")", "'"),
        *(" ", "  ", "\n", "\n\n", " \n \n ", "\t", "\u00a0", "-", ",", "/", "&", "9"),
        *("according", "to", "the", "ACCORDING", "\u2013", "\x1c", "\u2028"),
    ]
)
_TEXTS = st.lists(_PIECES, max_size=60).map("".join)


def _numbers(pattern: regex.Pattern[str], text: str) -> list[int]:
    return [m.end() for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.data())
def test_layout_answers_as_numbering_every_place(text: str, data: st.DataObject) -> None:
    sentences = _numbers(_SENTENCE_RE, text)
    paragraphs = _numbers(_PARAGRAPH_RE, text)
    offsets = st.integers(0, len(text))
    starts = sorted(data.draw(st.lists(offsets, max_size=6)))
    layout = Layout(text)
    for _ in range(4):
        at = data.draw(offsets)
        sentence = bisect.bisect_right(sentences, at)
        paragraph = bisect.bisect_right(paragraphs, at)
        assert layout.any_in_sentence(starts, at) == any(
            bisect.bisect_right(sentences, s) == sentence for s in starts
        )
        assert layout.any_in_paragraph(starts, at) == any(
            bisect.bisect_right(paragraphs, s) == paragraph for s in starts
        )
        assert layout.any_in_sentence(starts, at) == any(
            layout.same_sentence(s, at) for s in starts
        )


_SPANS = st.lists(
    st.tuples(st.integers(0, 30), st.integers(0, 8)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(_SPANS, st.integers(0, 30), st.integers(0, 8))
def test_span_index_is_the_plain_containment(spans: list[tuple[int, int]], s: int, n: int) -> None:
    index = SpanIndex(spans)
    start, end = s, s + n
    assert index.encloses(start, end) == any(
        a <= start and end <= b and (a, b) != (start, end) for a, b in spans
    )
    assert index.covers(start, end) == any(a <= start and end <= b for a, b in spans)


@settings(max_examples=200, deadline=None)
@given(_SPANS, st.lists(st.booleans(), min_size=12, max_size=12), st.integers(0, 40), st.data())
def test_hit_list_views_are_the_plain_filters(
    spans: list[tuple[int, int]], anchors: list[bool], lo: int, data: st.DataObject
) -> None:
    hits = HitList(
        sorted(
            (
                Hit(s, e, f"t{(s * 7 + e) % 4}", anchor)
                for (s, e), anchor in zip(spans, anchors, strict=False)
            ),
            key=lambda h: h.start,
        )
    )
    hi = data.draw(st.integers(lo, 45))
    assert hits.ending_in(lo, hi) == [h for h in hits if lo <= h.end <= hi]
    assert hits.starting_in(lo, hi) == [h for h in hits if lo <= h.start <= hi]
    assert hits.anchors == [h for h in hits if h.anchor]
    assert hits.starts == [h.start for h in hits]
    assert hits.terms == sorted({h.term for h in hits})
    assert hits.mentions == [h for h in hits if not h.anchor]
    assert hits.summary == _summary(list(hits))
    without = [h for h in hits if h.start != lo]
    assert hits.count_without(lo) == len(without)
    assert hits.summary_without(lo) == _summary(without)
    assert hits.starts_at(lo) == any(h.start == lo for h in hits)


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.sampled_from(["One", "two", "Al", "é", "9", "one", "al", "to"]))
def test_find_word_from_blocks_is_the_plain_search(text: str, word: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        # Blocks of a few characters, used from the first search on: every cut is exercised.
        patch.setattr(document_module, "_BLOCK_CHARS", 4)
        patch.setattr(document_module, "_DIRECT_FINDS", 0)
        doc = Document(text * 3)
        assert doc.find_word(word) == _find_whole(doc.text, word)
        if doc.text.isascii():
            lower = word.lower()
            assert doc.find_word_anycase(lower) == _find_whole(doc.lowered, lower)
            assert doc.has_word_anycase(lower) == bool(_find_whole(doc.lowered, lower))


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.data())
def test_cue_window_is_the_search_from_the_start(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    plain = calque._CUE_BEFORE_RE.search(text, 0, start) is not None
    assert calque._cited_before(text, start) == plain


@settings(max_examples=300, deadline=None)
@given(_TEXTS, _SPANS, st.data())
def test_coordination_looks_at_the_hits_within_reach(
    text: str, spans: list[tuple[int, int]], data: st.DataObject
) -> None:
    size = len(text)
    hits = HitList(
        sorted(
            (Hit(min(s, size), min(e, size), "x", False) for s, e in spans), key=lambda h: h.start
        )
    )
    start = data.draw(st.integers(0, size))
    end = data.draw(st.integers(start, size))
    ev = DocumentEvidence.__new__(DocumentEvidence)
    ev.doc = Document(text)
    pattern = confusion._COORDINATION_RE
    plain = any(
        (h.end <= start and pattern.fullmatch(text, h.end, start))
        or (h.start >= end and pattern.fullmatch(text, end, h.start))
        for h in hits
    )
    assert confusion.ConfusionFinder._coordinated(ev, start, end, hits) == plain


def _counting(patch: pytest.MonkeyPatch, owner: object, name: str) -> list[int]:
    calls = [0]
    original = getattr(owner, name)

    def counted(*args: object, **kwargs: object) -> object:
        calls[0] += 1
        return original(*args, **kwargs)

    patch.setattr(owner, name, counted)
    return calls


def _evidence_calls(normalizer: Normalizer, text: str) -> dict[str, int]:
    """How often the costly evidence of a text is gathered in one fix."""
    from normalize import evidence, scoring

    with pytest.MonkeyPatch.context() as patch:
        counts = {
            "names": _counting(patch, evidence.DocumentEvidence, "_named"),
            "context terms": _counting(patch, scoring, "_counted"),
        }
        normalizer.fix(text)
    return {k: v[0] for k, v in counts.items()}


def test_evidence_is_gathered_once_however_often_a_word_recurs(shipped: Normalizer) -> None:
    """One article in which a garble and a confusion recur: the names and context terms
    of the text are gathered a number of times that does not grow with the repeats."""
    sentence = (
        "President Tebboune met Sarraj in Algiers, and the Afghan minister Boukadoum said "
        "that haftal had left. "
    )
    few = _evidence_calls(shipped, sentence * 20)
    many = _evidence_calls(shipped, sentence * 80)
    assert few["names"] == many["names"] and few["names"] > 0
    assert few["context terms"] == many["context terms"] and few["context terms"] > 0


def _pad(text: str) -> str:
    return (
        text.strip() + "\n\nThe talks went on for most of the day, and the delegations agreed "
        "to meet again in the spring to go over the details of the plan."
    )


def test_evidence_of_one_article_does_not_count_for_another(shipped: Normalizer) -> None:
    """An article on Algeria where MT wrote "Afghan" for Algerian, then an article on
    Afghanistan: the second article's Kabul is no evidence against the first's repairs,
    nor the first's Libya for a calque in the second."""
    algeria = _pad((ROOT / "fixtures/confusion-algeria/input.txt").read_text(encoding="utf-8"))
    afghanistan = _pad((ROOT / "fixtures/clean-afghanistan/input.txt").read_text(encoding="utf-8"))
    alone = shipped.fix(algeria)
    assert any(c.original == "Afghan" and c.replacement == "Algerian" for c in alone.applied)
    assert shipped.fix(afghanistan).changes == ()
    # After two blank lines, or after one when the next article opens with a dateline.
    for sep in ("\n\n\n", "\n\n"):
        text = algeria + sep + afghanistan
        assert len(article_bounds(text)) == 2
        result = shipped.fix(text)
        assert result.changes == alone.changes
        assert result.text == alone.text + sep + afghanistan


def test_offsets_are_into_the_whole_text_and_replay(shipped: Normalizer) -> None:
    body = (
        "The minister said that haftal would meet salaj in Tripoli next week, and that the "
        "talks on the ceasefire around Sirte would go on. Observers in Libya were hopeful. "
    )
    articles = [f"Report {i}\n\n\n" + body * 4 for i in range(3)]
    text = "\n\n\n".join(articles)
    assert len(article_bounds(text)) == 3
    result = shipped.fix(text)
    assert len(result.applied) == 3 * 8
    assert all(text[c.start : c.end] == c.original for c in result.changes)
    assert apply_changes(text, result.applied) == result.text
    # The same decisions as each article alone.
    alone = [c.replacement for a in articles for c in shipped.fix(a).changes]
    assert [c.replacement for c in result.changes] == alone


def test_articles_read_before_are_not_searched_again(
    shipped: Normalizer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second reading of a text of many articles searches only the articles the first
    one repaired, and decides what reading every article again decides."""
    inputs = sorted(ROOT.glob("fixtures/*/input.txt"))
    text = "\n\n\n".join(_pad(p.read_text(encoding="utf-8")) for p in inputs)
    assert len(article_bounds(text)) > 3
    searched = _counting(monkeypatch, Normalizer, "_found")
    kept = shipped.fix(text)
    first = article_bounds(text)
    again = article_bounds(kept.text)
    assert kept.applied and searched[0] < len(first) + len(again)
    monkeypatch.setattr(engine_module._Read, "found", lambda self, article, whole: None)
    assert shipped.fix(text) == kept


def test_paragraphs_of_one_article_stay_together() -> None:
    paragraph = "A sentence of an article that goes on for a while. " * 4
    text = "Headline\n\n" + "\n\n".join([paragraph] * 6)  # short paragraphs, single blank lines
    assert article_bounds(text) == [(0, len(text))]
    # A headline, a date or a footer is too short to be an article on its own.
    text = "Headline\n\n\nJuly 7\n\n\n" + paragraph * 4 + "\n\n\nLeave a comment"
    assert article_bounds(text) == [(0, len(text))]


@pytest.mark.parametrize("name", [*CLEAN, "003_5427bc860031b65b.txt"])
def test_seed_articles_keep_their_headlines(name: str) -> None:
    text = read_document(shared_path("seeds", name)).text
    bounds = article_bounds(text)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(e - s >= document_module._MIN_ARTICLE for s, e in bounds)
