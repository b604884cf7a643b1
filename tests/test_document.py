"""The fast document views and shortcuts give exactly what their plain definitions give."""

from __future__ import annotations

import sys
from collections import Counter

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalize.document import Document
from normalize.engine import Normalizer, Options
from normalize.finders.exact import _present
from normalize.lexicon import Lexicon
from normalize.model import Result, apply_changes
from normalize.protect import (
    _ASCII_SPACE,
    _URL_RE,
    PatternTimeoutError,
    Protected,
    _stretch,
    has_credits,
    protected_at,
    url_spans,
)
from normalize.resolve import Thresholds, resolve
from normalize.text import WORD_RE

# Pieces that sit on the boundaries the shortcuts rely on: ASCII and Unicode white space
# and punctuation, marks, letters whose case folding changes length, URL, e-mail and code
# syntax, fences and markers, and words of the small lexicon.
PIECES = st.sampled_from(
    [
        " ", "  ", "\n", "\r\n", "\t", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\u00a0",
        "\u2028", "\u3000", ".", ",", "-", "'", "\u2019", "\u2013", "/", ":", "@", "`", "_",
        "\u0301", "\u200d", "\ufeff", "\u00b2", "\u2167", "\u0663", "\u00e9", "\u0130",
        "\u00df", "\u01c5", "\ufb01", "\u03a3", "\U0001f642", "http://", "https://x.",
        "www.", "mailto:", ".com", ".ly", "x@y.org", "haftal", "HAFTAL", "Haftal", "salaj",
        "Khalifa", "Hifter", "al", "Sarraj", "Tanf", "tanf", "AT", "at", "kabo", "Kabob",
        "```", "~~~", "normalize: off", "normalize: on", "Normalize: ignore", "ORMALIZE:",
        "a", "A", "1", "x", "Z",
    ]
)  # fmt: skip
ANY = st.text(max_size=6)
TEXTS = st.lists(st.one_of(PIECES, PIECES, ANY), max_size=25).map("".join)
ASCII_TEXTS = st.lists(PIECES, max_size=25).map("".join).filter(str.isascii)
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def reference_words(text: str) -> list[str]:
    return WORD_RE.findall(text)  # type: ignore[no-any-return]


@SETTINGS
@given(TEXTS)
def test_distinct_is_word_re_words(text: str) -> None:
    words = reference_words(text)
    doc = Document(text)
    assert doc.distinct == frozenset(words)
    assert isinstance(doc.distinct, frozenset)
    assert doc.folded_distinct == frozenset(w.casefold() for w in words)
    assert doc.word_counts == Counter(w.casefold() for w in words)


@SETTINGS
@given(TEXTS)
def test_folded_distinct_from_word_counts_is_the_same(text: str) -> None:
    doc = Document(text)
    doc.word_counts  # noqa: B018 - computed first, so folded_distinct reuses its keys
    assert doc.folded_distinct == frozenset(w.casefold() for w in reference_words(text))


@pytest.mark.parametrize(
    "text",
    [
        "Haftar\u2019s men\u00a0left\u2028x\x85y\x1cz",
        "caf\u00e9 na\u0131ve \u0130stanbul STRASSE stra\u00dfe",
        "\U0001f642Haftar\u200dSarraj\u2013al\u00b2\u2167",
        "lone \ud800 surrogate\udfffword",
    ],
)
def test_distinct_on_non_ascii_text(text: str) -> None:
    assert Document(text).distinct == frozenset(reference_words(text))


def test_white_space_is_never_a_word_character() -> None:
    # The fast split relies on these: str.split() breaks only where WORD_RE would, and on
    # ASCII, str.isalnum() is WORD_RE's word character.
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char.isspace():
            assert WORD_RE.match(char) is None, hex(code)
        if code < 128:
            assert char.isalnum() == (WORD_RE.match(char) is not None), hex(code)


WORDS = st.sampled_from(["haftal", "tanf", "at", "a", "kabo", "x", "1", "stra\u00dfe", "ss"])


@SETTINGS
@given(TEXTS, st.lists(WORDS, max_size=40))
def test_count_by_search_equals_count_by_counter(text: str, words: list[str]) -> None:
    searched = Document(text)  # the first lookups search the text, later ones count
    counted = Document(text)
    counted.word_counts  # noqa: B018
    for word in words:
        for form in (word, word.upper(), word.capitalize()):
            assert searched.count(form) == counted.count(form), (form, text)


@given(ASCII_TEXTS, WORDS.filter(str.isascii))
def test_has_word_anycase_is_find_word_anycase(text: str, word: str) -> None:
    doc = Document(text)
    assert doc.has_word_anycase(word) == bool(doc.find_word_anycase(word))
    assert doc.has_word_anycase(word) == (word in doc.folded_distinct)


@SETTINGS
@given(TEXTS, st.sets(WORDS, max_size=4))
def test_present_seconds_equal_the_folded_intersection(text: str, words: set[str]) -> None:
    doc = Document(text)
    want = doc.folded_distinct & frozenset(words)
    assert _present(Document(text), frozenset(words)) == want


@SETTINGS
@given(TEXTS, st.booleans())
def test_needs_whole_scan_is_its_plain_definition(text: str, ignore: bool) -> None:
    patterns = [regex.compile("haftal")] if ignore else []
    plain = bool(
        patterns
        or "```" in text
        or "~~~" in text
        or "ormalize:" in text
        or "ORMALIZE:" in text
        or has_credits(text)  # credit lines and signatures: see protect.credit_spans
    )
    assert Document(text, patterns).needs_whole_scan == plain


def spans(text: str) -> list[tuple[int, int]]:
    """Every span of up to 8 characters (including empty ones), and the whole text."""
    out = [(s, e) for s in range(len(text) + 1) for e in range(s, min(len(text), s + 8) + 1)]
    return [*out, (0, len(text))]


@SETTINGS
@given(TEXTS)
def test_protected_at_equals_whole_text_protection(text: str) -> None:
    doc = Document(text)
    if doc.needs_whole_scan:
        return
    whole = Protected(text)
    for start, end in spans(text):
        if start < end:
            assert protected_at(text, start, end) == whole.overlaps(start, end), (start, end)


URL_PIECES = st.sampled_from(
    [
        " ", "\n", "\t", "\x0b", "\u00a0", "\u2028", ".", ":", "/", "//", "-", "+", "@",
        "<", ">", '"', "'", ")", "]", "!", "?", ",", ";", "_", "\u00e9", "\u0130", "\u212a",
        "http", "HTTP", "s", "www", "WWW", "mailto", "MailTo", "com", "org", "LY", "de",
        "example", "haftal", "x", "1",
    ]
)  # fmt: skip
URL_TEXTS = st.lists(st.one_of(URL_PIECES, PIECES), max_size=30).map("".join)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(URL_TEXTS)
def test_url_spans_equal_a_whole_text_scan(text: str) -> None:
    assert url_spans(text) == [m.span() for m in _URL_RE.finditer(text)]


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(URL_TEXTS)
def test_protected_at_near_urls_equals_whole_text_protection(text: str) -> None:
    """URLs, addresses and stretches with and without a hint, spaced in every way."""
    if Document(text).needs_whole_scan:
        return
    whole = Protected(text)
    for start, end in spans(text):
        if start < end:
            assert protected_at(text, start, end) == whole.overlaps(start, end), (start, end)


@given(URL_TEXTS)
def test_stretch_is_bounded_by_the_nearest_white_space(text: str) -> None:
    for start, end in spans(text):
        lo = max(text.rfind(c, 0, start) for c in _ASCII_SPACE) + 1
        ends = [i for i in (text.find(c, end) for c in _ASCII_SPACE) if i >= 0]
        assert _stretch(text, start, end) == (lo, min(ends) if ends else len(text))


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("write to mailto:haftal now.", "haftal"),  # a URL without a dot in a text with one
        ("see http://haftal/ now.", "haftal"),
        ("mailto:\x1chaftal .", "haftal"),  # \x1c splits words but is no regex \s
        ("x\u00a0haftal@y.org.", "haftal"),
    ],
)
def test_urls_without_a_dot_are_protected_near_a_span(text: str, word: str) -> None:
    start = text.index(word)
    assert Protected(text).overlaps(start, start + len(word))
    assert protected_at(text, start, start + len(word))
    assert Document(text).is_protected(start, start + len(word))


def test_is_protected_keeps_each_answer_for_its_span() -> None:
    """The answers kept for spans that start together but end apart are told apart."""
    text = "see haftal@example.org now"
    doc = Document(text)
    asked = [(0, 3), (0, 5), (4, 10), (23, 26), (0, 3), (0, 5), (4, 10), (23, 26)]
    assert [doc.is_protected(s, e) for s, e in asked] == [False, True, True, False] * 2
    assert "protected" not in doc.__dict__  # all answered near the spans


PATTERNS = st.sampled_from([(), (regex.compile(r"sal\w+"),), (regex.compile(r"x|$"),)])


@SETTINGS
@given(TEXTS, PATTERNS)
def test_is_protected_equals_whole_text_protection(
    text: str, patterns: tuple[regex.Pattern[str], ...]
) -> None:
    whole = Protected(text, patterns)
    doc = Document(text, patterns)
    asked = spans(text)
    for start, end in asked:  # more checks than the local budget, so both paths run
        want = bool(whole) and whole.overlaps(start, end)
        assert doc.is_protected(start, end) == want, (start, end)
        assert Document(text, patterns).is_protected(start, end) == want, (start, end)
    again = Document(text, patterns)
    for start, end in [*asked, *reversed(asked)]:  # the kept answers, then the same again
        assert again.is_protected(start, end) == (bool(whole) and whole.overlaps(start, end))


def reference_fix(normalizer: Normalizer, text: str) -> Result:
    """``fix`` as resolution of every candidate (no early filtering)."""
    changes = resolve(normalizer.candidates(text), normalizer.options.thresholds)
    return Result(apply_changes(text, changes), changes)


OPTIONS = [
    Options(),
    Options(thresholds=Thresholds(apply=0.6, flag=0.2)),
    Options(thresholds=Thresholds(apply=0.97, flag=0.95)),
    Options(thresholds=Thresholds(apply=1.0, flag=1.0)),
    Options(canonical=True, allow=frozenset({"salaj"})),
    Options(ignore=(r"Hif\w+",)),
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.sampled_from(range(len(OPTIONS))))
def test_fix_equals_resolving_every_candidate(
    small_lexicon: Lexicon, text: str, which: int
) -> None:
    normalizer = Normalizer(small_lexicon, OPTIONS[which])
    assert normalizer.fix(text) == reference_fix(normalizer, text)


@pytest.mark.parametrize(
    "text",
    [
        "see https://haftal.example.com/salaj or haftal@x.org, then haftal and salaj",
        "`haftal` and haftal, ```\nhaftal\n``` haftal\n~~~\nsalaj",
        "haftal <!-- normalize: ignore --> salaj\nhaftal normalize: off\nsalaj\n"
        "NORMALIZE: ON haftal",
        "Haftal, HAFTAL\u2019s, khalifa hifter, al-serraj; www.salaj.ly/haftal",
    ],
)
@pytest.mark.parametrize("options", OPTIONS)
def test_fix_equals_resolving_every_candidate_near_protected_text(
    small_lexicon: Lexicon, text: str, options: Options
) -> None:
    normalizer = Normalizer(small_lexicon, options)
    assert normalizer.fix(text) == reference_fix(normalizer, text)


def test_occurrences_are_found_once_per_document_and_index(shipped: Normalizer) -> None:
    from normalize.finders.exact import ExactFinder

    (exact,) = (f for f in shipped._finders if isinstance(f, ExactFinder))
    index = exact.index
    text = "Haftal met Khalifa Hifter in libya; haftal and the UN, at Tanf."
    doc = Document(text)
    first = list(index.occurrences(doc))
    assert first and list(index.occurrences(doc)) == first
    assert list(index._scan(Document(text), index.variants)) == first
    # A narrower set of first words finds the same places, those starting with one of them.
    assert list(index.occurrences(doc, exact.actionable)) == [
        o for o in first if WORD_RE.match(text, o[0]).group() in exact.actionable
    ]


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("see http://haftal.com now", False),  # the exact finder drops it: patterns never run
        ("haftal@x.org", False),
        ("`haftal`", False),
        ("clean", False),
        ("see http://haftal now.", True),  # kept by the finder, dropped by the engine
        ("haftal", True),
    ],
)
def test_ignore_patterns_run_on_the_same_texts_as_before(
    small_lexicon: Lexicon, text: str, refused: bool
) -> None:
    # A pattern that times out shows whether it ran: whether the exact finder's own
    # protection check or the engine's runs it must not have changed.
    normalizer = Normalizer(small_lexicon, Options(ignore=(r"(1|11)+$",), ignore_timeout=0.05))
    text += " " + "1" * 40 + "2"
    if refused:
        with pytest.raises(PatternTimeoutError):
            normalizer.fix(text)
    else:
        assert normalizer.fix(text).text == text
