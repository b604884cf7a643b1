"""Speed of the engine with the fuzzy finder as the lexicon grows: 1k, 10k, 100k entities.

Lexicons are English names from ../shared/data/transliteration (beyond the ~43k distinct
names, two-part names); skipped with a message where ../shared is absent. Reported: index
build time, forms indexed, Lee corpus (350 clean ABC articles) throughput in tokens per
second with every rule on, and fuzzy lookups per second for 1000 pinyin tokens (all rare,
so every one goes through the key index and the ranking).

    .venv/bin/python benchmarks/scale.py
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._data import pairs, require_data, sample_lexicon
from normalize import Normalizer
from normalize.document import Document
from normalize.finders.fuzzy import FuzzyFinder
from normalize.translit import pinyin_readings
from tools.corpora import lee_news


def main() -> None:
    require_data()
    docs = lee_news()
    n_tokens = sum(len(Document(d).words) for d in docs)
    rows = pairs("chinese")
    random.Random(1).shuffle(rows)
    tokens = [r for _, zh in rows[:1000] for r in pinyin_readings(zh)[:1]]
    print(f"Lee corpus: {len(docs)} articles, {n_tokens} tokens; {len(tokens)} pinyin tokens")
    print(
        "| entities | build s | forms | keys | Lee tokens/s | Lee fuzzy applied/flagged"
        " | lookups/s |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size in (1000, 10000, 100000):
        lexicon = sample_lexicon(size, [])
        t0 = time.perf_counter()
        normalizer = Normalizer(lexicon)
        build = time.perf_counter() - t0
        finder = next(f for f in normalizer._finders if isinstance(f, FuzzyFinder))
        t0 = time.perf_counter()
        flags = applied = 0
        for doc in docs:
            for c in normalizer.fix(doc).changes:
                if c.rule.startswith("fuzzy."):
                    flags += c.action.value == "flagged"
                    applied += c.action.value == "applied"
        lee = time.perf_counter() - t0
        doc = Document("")
        t0 = time.perf_counter()
        for token in tokens:
            finder.explain(doc, token)
        lookup = time.perf_counter() - t0
        print(
            f"| {size:>8} | {build:>7.1f} | {len(finder.index.forms):>5} |"
            f" {len(finder.index.by_key):>5} | {n_tokens / lee:>12,.0f} |"
            f" {applied:>3} / {flags:<3} |"
            f" {len(tokens) / lookup:>9,.0f} |"
        )


if __name__ == "__main__":
    main()
