"""Memory under load: many documents through one Normalizer, RSS printed at checkpoints.

Usage: python -m benchmarks.memory_batch [DOCS] [--lee [--names]] [--every N]   (default 100000)

The default documents mix six fixed sentences with a number. ``--lee`` draws them instead
as ``make bench-big`` does (3-8 Lee corpus sentences, a garble in one in four); ``--names``
adds a made-up capitalised word to each, so the vocabulary keeps growing the way real
input's names do: any cache keyed by words or documents shows up as growth.

Besides RSS, each checkpoint shows the blocks Python's allocator holds
(``sys.getallocatedblocks``): RSS rising while blocks stay flat is the allocator keeping
freed arenas, not data kept; and the size of every cache a long batch fills (the
``lru_cache`` functions of the package and the per-entity patterns of the evidence model).
Flat figures after warm-up mean no per-document state is kept. Not run as a test: it
takes minutes and its numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

import psutil

from normalize import Normalizer

SENTENCES = [
    "In Libya, haftal said the LNA would advance on Tripoli.",
    "Khalifa Hifter met Fayez al-Serraj in Abu Dhabi on Tuesday.",
    "salaj and chawushiolu spoke by phone about the ceasefire.",
    "The committee met to discuss the budget and the harvest.",
    "Türkiye and Russia called for talks; Jin Zhengen was not mentioned.",
    "See https://example.org/haftal or write to press@example.ly for details.",
]
SYLLABLES = ["ba", "ko", "ri", "ta", "mu", "ne", "sa", "lo", "vi", "du", "ha", "fe", "zo", "ki"]


def fixed_documents(rng: random.Random, total: int) -> Iterator[str]:
    # Every document differs (a number and a random mix), so nothing can be cached away.
    for i in range(total):
        n = rng.randint(3, 12)
        yield f"Report {i}. " + " ".join(rng.choice(SENTENCES) for _ in range(n))


def lee_documents(rng: random.Random, total: int, names: bool) -> Iterator[str]:
    from benchmarks.corpus import garbles
    from tools.corpora import lee_news

    sentences = [s for doc in lee_news() for s in re.split(r"(?<=[.!?])\s+", doc) if s]
    bad = garbles()
    for _ in range(total):
        text = " ".join(rng.sample(sentences, rng.randint(3, 8)))
        if rng.random() < 0.25:
            text = f"{text} {rng.choice(bad)} said."
        if names:
            name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 5)))
            text = f"{text} {name.capitalize()} spoke."
        yield text


def caches(normalizer: Normalizer) -> dict[str, int]:
    """Entries in every cache of the package that documents can fill."""
    sizes: dict[str, int] = {}
    seen: set[int] = set()
    for name, module in sorted(sys.modules.items()):
        if not name.startswith("normalize"):
            continue
        for value in list(vars(module).values()):
            info: Callable[[], Any] | None = getattr(value, "cache_info", None)
            if info is None or id(value) in seen or value.__module__ != name:
                continue
            seen.add(id(value))
            short = f"{name.removeprefix('normalize.')}.{value.__qualname__}"
            sizes[short] = info().currsize
    for finder in normalizer._finders:
        model = getattr(finder, "model", None)
        terms = getattr(model, "_context_terms", None)
        if isinstance(terms, dict):
            sizes["evidence._context_terms"] = len(terms)
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("docs", nargs="?", type=int, default=100_000)
    parser.add_argument("--lee", action="store_true", help="records as make bench-big makes")
    parser.add_argument("--names", action="store_true", help="with --lee: a new name in each")
    parser.add_argument("--every", type=int, default=0, help="checkpoint every N documents")
    args = parser.parse_args()
    every = args.every or max(args.docs // 10, 1)
    proc = psutil.Process()
    rng = random.Random(8)
    normalizer = Normalizer()
    if args.lee:
        texts = lee_documents(rng, args.docs, args.names)
    else:
        texts = fixed_documents(rng, args.docs)
    print(f"{'docs':>9} {'rss_mib':>8} {'blocks':>9} {'changes':>9} {'seconds':>8}  caches")

    def checkpoint(n: int) -> None:
        gc.collect()
        rss = proc.memory_info().rss / 2**20
        grown = " ".join(f"{k}={v}" for k, v in caches(normalizer).items() if v)
        print(
            f"{n:>9} {rss:>8.1f} {sys.getallocatedblocks():>9} {changes:>9} "
            f"{time.perf_counter() - start:>8.1f}  {grown}",
            flush=True,
        )

    start = time.perf_counter()
    changes = 0
    checkpoint(0)
    for n, result in enumerate(normalizer.fix_many(texts), 1):
        changes += len(result.changes)
        if n % every == 0:
            checkpoint(n)


if __name__ == "__main__":
    main()
