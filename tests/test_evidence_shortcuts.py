"""The shortcuts of the evidence-heavy paths give the answers of the plain computations.

- :meth:`Layout.same_sentence` and :meth:`Layout.same_paragraph` answer from an index of
  the breaks (the numbering itself);
- :class:`Gate` settles on the words that need nothing more before looking at the others;
- :func:`normalize.finders.confusion._followed_pattern` rules out a confusion with
  ``followed_by`` from the case-folded text before any span is looked at;
- the hits and the layout of a document are shared by the finders that ask about it;
- :func:`normalize.evidence._term_matches` finds with ``str.find`` what the context terms'
  pattern finds.
"""

from __future__ import annotations

import bisect
import gc

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from normalize import Normalizer
from normalize.document import Document
from normalize.evidence import (
    _PARAGRAPH_RE,
    _SENTENCE_RE,
    Gate,
    Layout,
    _has_word,
    _term_matches,
    _term_order,
    _term_pattern,
)
from normalize.finders.confusion import _NEXT_WORD_RE, ConfusionFinder, _followed_pattern

# Sentence and paragraph breaks, words, and the characters that start or end a break.
_PIECES = st.sampled_from(
    [
        *("One", "two", "Al", "é", "ß", ".", "!", "?", "...", '"', "\u201d", ")", "]", "'"),
        *(" ", "  ", "\n", "\n\n", " \n \n ", "\t", "\u00a0", "-", ",", "\u2019", "9"),
    ]
)
_TEXTS = st.lists(_PIECES, max_size=40).map("".join)


def _numbers(pattern: regex.Pattern[str], text: str) -> list[int]:
    return [m.end() for m in pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(_TEXTS, st.data())
def test_same_sentence_and_paragraph_match_the_numbering(text: str, data: st.DataObject) -> None:
    sentences = _numbers(_SENTENCE_RE, text)
    paragraphs = _numbers(_PARAGRAPH_RE, text)
    offsets = st.integers(0, len(text))
    for _ in range(6):
        a, b = data.draw(offsets), data.draw(offsets)
        layout = Layout(text)
        want_sentence = bisect.bisect_right(sentences, a) == bisect.bisect_right(sentences, b)
        assert layout.same_sentence(a, b) == want_sentence, (text, a, b)
        layout = Layout(text)
        want_paragraph = bisect.bisect_right(paragraphs, a) == bisect.bisect_right(paragraphs, b)
        assert layout.same_paragraph(a, b) == want_paragraph, (text, a, b)
        # Once numbered, the numbers answer, and they are the same.
        assert layout.paragraph(a) == bisect.bisect_right(paragraphs, a)
        assert layout.sentence(b) == bisect.bisect_right(sentences, b)
        assert layout.same_sentence(a, b) == want_sentence


def test_sentences_and_paragraphs_around_quotes_and_blank_lines() -> None:
    text = 'He said "no." Then left.\n\nAlgiers. Done'
    layout = Layout(text)
    algiers = text.index("Algiers")
    assert not layout.same_sentence(text.index("He"), text.index("Then"))
    assert layout.same_sentence(text.index("Then"), text.index("left"))
    assert not layout.same_paragraph(text.index("left"), algiers)
    assert layout.same_paragraph(algiers, text.index("Done"))


def _naive_allows(gate: Gate, doc: Document) -> bool:
    if gate.always:
        return True
    folded = doc.text.casefold()
    return any(
        all(_has_word(folded, w) for w in required)
        for first in doc.distinct & gate.firsts
        for required in gate.needs[first]
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Khalifa",
                "HAFTAR",
                "Haftar",
                "LNA",
                "the",
                "The",
                "army",
                "national",
                "National",
                " ",
                ", ",
                ".",
                "\n",
            ]
        ),
        max_size=12,
    )
)
def test_gate_decides_as_its_requirements_say(pieces: list[str]) -> None:
    gate = Gate(
        {
            "Khalifa": [("haftar",), ("haftar", "army")],
            "LNA": [()],
            "the": [("national", "army")],
            "The": [("national", "army"), ()],
        }
    )
    assert gate.free == frozenset({"LNA", "The"})
    doc = Document(" ".join(pieces))
    assert gate.allows(doc) == _naive_allows(gate, doc), pieces


def _followed_spans(compiled_pattern: regex.Pattern[str], text: str, words: frozenset[str]) -> bool:
    for m in compiled_pattern.finditer(text):
        after = _NEXT_WORD_RE.match(text, m.end())
        if after is not None and after.group(1).casefold() in words:
            return True
    return False


_FOLLOWED_TEXT = st.lists(
    st.sampled_from(
        [
            *("New", "NEW", "new", "Straße", "STRASSE", "straße", "\u0130", "officials"),
            *("OFFICIALS", "Side", "sideline", "\u017fide", "\u212aey", "key", " ", "\t"),
            *("\n", "-", ".", "é"),
        ]
    ),
    max_size=10,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_FOLLOWED_TEXT)
@example("Straße key")
@example("a STRASSE\tSIDE.")
@example("NEW OFFICIALS")
def test_followed_by_is_ruled_out_only_where_no_span_is_followed(text: str) -> None:
    doc = Document(text)
    folded = doc.lowered if doc.is_ascii else doc.folded
    for wrong, words in (
        ("New", frozenset({"officials", "side"})),
        ("Straße", frozenset({"side", "key"})),
    ):
        literal = regex.escape(wrong)
        pattern = regex.compile(
            rf"(?<![\p{{L}}\p{{M}}\p{{N}}\-])(?:{literal}|{regex.escape(wrong.upper())})"
            rf"(?![\p{{L}}\p{{M}}\p{{N}}]|-[\p{{L}}\p{{N}}])"
        )
        if _followed_spans(pattern, text, words):
            assert _followed_pattern(wrong, words).search(folded), (text, wrong)


def test_the_shipped_followed_by_confusions_are_ruled_out_from_the_folded_text(
    shipped: Normalizer,
) -> None:
    finder = next(f for f in shipped._finders if isinstance(f, ConfusionFinder))
    followed = [c for c in finder._confusions if c.followed_by]
    assert followed
    for compiled in followed:
        word = sorted(compiled.followed_by)[0]
        text = f"Talks. {compiled.confusion.wrong.upper()} \t{word.upper()} met."
        assert _followed_spans(compiled.pattern, text, compiled.followed_by)
        assert _followed_pattern(compiled.confusion.wrong, compiled.followed_by).search(
            text.lower()
        )
        assert not _followed_pattern(compiled.confusion.wrong, compiled.followed_by).search(
            f"{compiled.confusion.wrong.lower()}\n{word}"
        )


def test_finders_share_hits_and_layout_without_a_cycle(shipped: Normalizer) -> None:
    model = next(f for f in shipped._finders if isinstance(f, ConfusionFinder)).model
    doc = Document("Sabri Boukadoum met officials in Algiers. Algeria said so.")
    first = model.for_document(doc)
    hits = first.hits("country/dz")
    assert hits
    second = model.for_document(doc)
    assert second.hits("country/dz") is hits
    assert second.layout is first.layout
    # The document keeps the shared parts, none of which refers back to it.
    assert not any(doc in gc.get_referents(value) for value in doc.memo.values())
    assert not any(isinstance(value, type(first)) for value in doc.memo.values())


def test_hits_from_the_words_that_can_start_one(
    shipped: Normalizer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Leaving out the first words that cannot start a hit in a document changes no hit."""
    model = next(f for f in shipped._finders if isinstance(f, ConfusionFinder)).model
    texts = [
        "This is it: IS-K is in Kabul, is k, IS said. Afghan Taliban is here.",
        "The Islamic State (IS) and is-k; Is K? the IS K cell. Karzai is Hamid Karzai.",
        "Al Qaeda in the Islamic Maghreb and Said Chanegriha said bukadum, teben.",
        "afghanistan is turkey and chad, Turkey and Chad; TURKEY said.",
    ]
    entities = ["country/af", "country/dz", "country/iq", "country/tr", "country/td"]
    entities = [e for e in entities if e in model.entities]
    fast = [[model.for_document(Document(t)).hits(e) for e in entities] for t in texts]
    # Cut-down lookups must have left something out, or this test proves nothing.
    assert any(
        model.lookup_in(Document(t), e) < model.lookup(e) & Document(t).distinct
        for t in texts
        for e in entities
    )
    monkeypatch.setattr(type(model), "lookup_in", lambda self, doc, e: self.lookup(e))
    slow = [[model.for_document(Document(t)).hits(e) for e in entities] for t in texts]
    assert fast == slow
    assert any(any(hits) for hits in fast)


def test_name_case_finds_according_to_in_any_letter_case(shipped: Normalizer) -> None:
    """The lower-cased text decides whether "according to" is looked for, in any case."""
    finder = next(f for f in shipped._finders if type(f).__name__ == "NameCaseFinder")
    for cue in ("according to the", "ACCORDING TO the", "According  to\tthe", "AcCoRdInG to"):
        text = f"Talks failed, {cue} financial times of London."
        found = list(finder.find(Document(text)))
        assert [c.replacement for c in found] == ["Financial Times"], text
    assert not list(finder.find(Document("Talks failed, accorded to the financial times.")))


def test_name_case_according_with_and_without_the_lowered_text(shipped: Normalizer) -> None:
    finder = next(f for f in shipped._finders if type(f).__name__ == "NameCaseFinder")
    text = "Talks failed, ACCORDING TO the financial times."
    fresh = Document(text)
    made = Document(text)
    assert made.lowered
    assert list(finder.find(fresh)) == list(finder.find(made))
    assert list(finder.find(made))


# Terms that overlap, nest, share prefixes and have the same length; words around them.
_TERMS = ("Kabul", "Kabul Times", "Times", "Kab", "bul", "Ab", "al-Ab", "Abul", "é", "Éa")
_TERM_TEXT = st.lists(
    st.sampled_from([*_TERMS, "s", "Kabuls", " ", "-", ".", "9", "\u0301", "\n", "ab"]),
    max_size=14,
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(st.sets(st.sampled_from(_TERMS), min_size=1), _TERM_TEXT)
@example(frozenset({"Kabul", "Kabul Times", "Times"}), "Kabul Times Times")
@example(frozenset({"Kab", "bul", "Abul"}), "Kab bul-Abul Kabul")
@example(frozenset({"Ab", "al-Ab"}), "al-Ab Ab\u0301 Ab")
def test_term_matches_are_the_pattern_matches(terms: frozenset[str], text: str) -> None:
    pattern = _term_pattern(terms)
    assert pattern is not None
    expected = [m.span() for m in pattern.finditer(text)]
    assert _term_matches(text, _term_order(terms)) == expected, (terms, text)
