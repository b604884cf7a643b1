"""The fast exact pass decides exactly what the first, regex-driven implementation decided.

``ReferenceFinder`` is the original algorithm kept as an oracle: one alternation of the hit
words scanned over the whole text, every occurrence decided, protected spans computed first.
The optimised finder (set filters, ``str.find``, actionable variants) must propose the same
candidates on real news, on the seed articles and on generated text, with every rule on.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from normalize import Normalizer, Options
from normalize.document import Document
from normalize.finders.exact import Entry, ExactFinder, ExactIndex
from normalize.lexicon import Lexicon
from normalize.model import Candidate
from normalize.protect import Protected, protected_at
from normalize.text import WORD_RE, match_key_at
from tests.conftest import SHARED
from tools.corpora import CorpusUnavailable, lee_news

ALL_RULES = Options(canonical=True)


def reference_occurrences(
    index: ExactIndex, doc: Document
) -> Iterator[tuple[int, int, tuple[Entry, ...]]]:
    hits = frozenset(WORD_RE.findall(doc.text)) & index.variants
    if not hits:
        return
    alternation = "|".join(regex.escape(w) for w in sorted(hits, key=len, reverse=True))
    pattern = regex.compile(
        rf"(?<![\p{{L}}\p{{M}}\p{{N}}])(?:{alternation})(?![\p{{L}}\p{{M}}\p{{N}}])"
    )
    text = doc.text
    for m in pattern.finditer(text):
        entries = index.by_first.get(m.group().casefold(), ())
        best_end = -1
        best: list[Entry] = []
        for entry in entries:
            if best and entry.key.size < best[0].key.size:
                break
            end = match_key_at(text, m.start(), m.end(), entry.key)
            if end is not None and (not best or end == best_end):
                best_end = end
                best.append(entry)
        if best:
            yield m.start(), best_end, tuple(best)


class ReferenceFinder(ExactFinder):
    def find(self, doc: Document) -> Iterable[Candidate]:
        for start, end, entries in reference_occurrences(self.index, doc):
            if doc.protected and doc.protected.overlaps(start, end):
                continue
            cand = self._decide(doc, start, end, entries)
            if cand is not None:
                yield cand


def both(lexicon: Lexicon, options: Options) -> tuple[ExactFinder, ReferenceFinder]:
    enabled = options.enabled_rules
    index = ExactIndex(lexicon)
    return ExactFinder(index, enabled=enabled), ReferenceFinder(index, enabled=enabled)


def assert_same(fast: ExactFinder, ref: ReferenceFinder, texts: Iterable[str]) -> int:
    found = 0
    for text in texts:
        want = list(ref.find(Document(text)))
        assert list(fast.find(Document(text))) == want, text[:200]
        found += len(want)
    return found


def seed_texts() -> list[str]:
    seeds = SHARED / "seeds"
    return [p.read_text(encoding="utf-8") for p in sorted(Path(seeds).glob("*.txt"))]


@pytest.mark.parametrize("options", [Options(), ALL_RULES], ids=["default", "canonical"])
def test_same_candidates_on_news_and_seeds(shipped: Normalizer, options: Options) -> None:
    try:
        lee = lee_news()
    except CorpusUnavailable:
        if os.environ.get("CI"):
            raise
        lee = []
    texts = [*lee, *seed_texts()]
    # Lower-cased and upper-cased copies exercise lexicon.case and the case variants.
    texts += [t.lower() for t in texts[:60]] + [t.upper() for t in texts[:20]]
    texts += [t.replace("'", "\u2019") for t in texts[:40]]  # the non-ASCII path
    fast, ref = both(shipped.lexicon, options)
    assert assert_same(fast, ref, texts) > 0


def test_same_candidates_with_a_large_lexicon_of_common_first_words() -> None:
    """Thousands of forms starting with "the", "a", "New", "Al": the second-word paths."""
    from benchmarks.measure import synthetic

    try:
        lee = lee_news()[:120]
    except CorpusUnavailable:
        if os.environ.get("CI"):
            raise
        pytest.skip("the Lee corpus is not available")
    lexicon = synthetic(3000)
    names = [e.canonical for e in lexicon.entities[:200]] + [
        g for e in lexicon.entities[:200] for g in e.garbles
    ]
    # Plant the synthetic names and garbles (and lower-cased copies) into the news.
    texts = [
        f"{doc} {names[i % len(names)]} said. {names[-i].lower()}" for i, doc in enumerate(lee)
    ]
    texts += [t.lower() for t in texts[:30]]
    for options in (Options(), ALL_RULES):
        fast, ref = both(lexicon, options)
        assert assert_same(fast, ref, texts) > 0


PIECES = st.sampled_from(
    [
        "haftal", "HAFTAL", "haftar", "Haftar", "Hifter", "salaj", "al-Sarraj", "al", "Al",
        "Khalifa Hifter", "Jin Zhengen", "jin\nzhengen", "chawushiolu", "Türkiye", "turkey",
        "turks", " ", "\n", "-", "'s", ".", "https://x.org/haftal", "İ", "ß", "\u0301", "the",
    ]
)  # fmt: skip
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=25).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.sampled_from([Options(), ALL_RULES, Options(disable=frozenset({"lexicon.case"}))]))
def test_same_candidates_on_generated_text(
    small_lexicon: Lexicon, text: str, options: Options
) -> None:
    fast, ref = both(small_lexicon, options)
    assert_same(fast, ref, [text])


SPAN_TEXTS = st.lists(
    st.sampled_from(
        ["see", " ", "\n", "\u00a0", "https://x.org/a", "www.haftal.com", "a@b.co", "`co de`",
         ".", ",", "haftal", "example.com/x?y", "\t", ")", "\u00e9",
         # Spans only a scan of the whole text finds: credit lines, signatures, fences, markers.
         "\u00a9", "(C)", "(c) ", "Copyright", "2010, Ann", "License: ", "Ann Lee <a@b.co>",
         "```", "~~~", "normalize: off", "normalize: on", "<!-- normalize: ignore -->"]
    ) | st.text(max_size=4),
    max_size=20,
).map("".join)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(SPAN_TEXTS, st.integers(0, 80), st.integers(1, 12))
@example("(C)", 0, 1)  # a credit line: once found only by Protected (random-mode failure)
@example("\u00a9 2010 Ann Lee", 9, 3)
@example("see\n\u00a9haftal", 5, 6)
@example("x\n```\nhaftal\n```", 6, 6)
@example("a <!-- normalize: ignore --> haftal", 29, 6)
@example("-- Ann Lee <a@b.co>", 3, 3)
def test_local_protection_agrees_with_the_whole_text_scan(text: str, start: int, size: int) -> None:
    start = min(start, len(text))
    end = min(start + size, len(text))
    assert protected_at(text, start, end) == Protected(text).overlaps(start, end)
