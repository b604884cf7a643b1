"""Memory under load: 100k documents through one Normalizer, RSS printed every 10k.

Usage: python benchmarks/memory_batch.py [DOCS]   (default 100000)

Flat figures after warm-up mean no per-document state is kept. Not run as a test: it
takes about a minute and its numbers depend on the machine.
"""

from __future__ import annotations

import random
import sys
import time

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


def document(rng: random.Random, i: int) -> str:
    # Every document differs (a number and a random mix), so nothing can be cached away.
    return f"Report {i}. " + " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 12)))


def main(total: int = 100_000) -> None:
    proc = psutil.Process()
    rng = random.Random(8)
    normalizer = Normalizer()
    print(f"{'docs':>8} {'rss_mib':>8} {'changes':>9} {'seconds':>8}")
    print(f"{0:>8} {proc.memory_info().rss / 2**20:>8.1f} {0:>9} {0:>8.1f}")
    start = time.perf_counter()
    changes = 0
    texts = (document(rng, i) for i in range(total))
    for n, result in enumerate(normalizer.fix_many(texts), 1):
        changes += len(result.changes)
        if n % 10_000 == 0:
            rss = proc.memory_info().rss / 2**20
            print(f"{n:>8} {rss:>8.1f} {changes:>9} {time.perf_counter() - start:>8.1f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
