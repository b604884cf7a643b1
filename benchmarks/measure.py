"""One measurement per process, printed as one JSON object (so peak memory is its own).

    python -m benchmarks.measure floor|words|pipeline|whole|exact CORPUS [ENTITIES [REPEATS]]

Every kind prints the best wall-clock ``seconds``; ``pipeline`` and ``exact`` also print the
best ``cpu_s`` (process CPU time), steadier where other processes share the cores.
``floor``: read the file and split every line into words with ``str.split`` (the cheapest
Python can look at every word). ``words``: each document's set of distinct words
(``Document.distinct``, the view every finder's gate starts from): what any design that
looks each word up pays before it does anything else. ``pipeline``: ``Normalizer.fix`` on
every document with the shipped lexicons (warm cache). ``whole``: ``Normalizer.fix`` on the
whole file as one text (a long document). ``exact``: the exact finder alone on
every document, with the shipped lexicons (ENTITIES 0) or with ENTITIES synthetic entities.
"""

from __future__ import annotations

import gc
import json
import random
import resource
import sys
import time
from pathlib import Path

from normalize.lexicon import Entity, Lexicon

SYLLABLES = [
    "ka",
    "ri",
    "mo",
    "na",
    "el",
    "ba",
    "su",
    "to",
    "vi",
    "la",
    "do",
    "gu",
    "ne",
    "pha",
    "zo",
    "qui",
    "ar",
    "tem",
    "os",
    "ul",
    "yev",
    "rad",
]
# Real first names and words, so that synthetic forms start with words the corpus contains.
COMMON = [
    "John",
    "David",
    "Peter",
    "New",
    "South",
    "North",
    "United",
    "Federal",
    "Prime",
    "Minister",
    "Sydney",
    "Al",
    "the",
]


def synthetic(count: int, seed: int = 7) -> Lexicon:
    """``count`` made-up people: canonical, short form, an alias and two garbles each.

    Made-up words that happen to be English ("near", "zone", "radar") are drawn again, as
    real foreign names mostly are not English words; names that are ("Chad", "Jordan") are
    the business of the shipped lexicons. One in ten first names is a real word or name, so
    that many forms start with words every document contains.
    """
    from wordfreq import zipf_frequency

    rng = random.Random(seed)

    def word(n: int) -> str:
        while True:
            w = "".join(rng.choice(SYLLABLES) for _ in range(n))
            if zipf_frequency(w, "en") < 1.5:
                return w

    entities = []
    for i in range(count):
        first = rng.choice(COMMON) if rng.random() < 0.1 else word(2).capitalize()
        last = word(rng.randint(2, 3)).capitalize()
        entities.append(
            Entity(
                f"person/synthetic-{i}",
                "person",
                f"{first} {last}",
                short=last,
                aliases=(f"{first[0]}. {last}",),
                garbles=(word(3), f"{word(2)} {word(2)}"),
                context=("Sydney",),
            )
        )
    return Lexicon(tuple(entities))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(kind: str, corpus: Path, entities: int = 0, repeats: int = 1) -> dict[str, float]:
    """Time one kind of pass over ``corpus``; the best of ``repeats`` runs is reported."""
    if kind == "floor":
        best = float("inf")
        for _ in range(repeats):
            start = time.perf_counter()
            with corpus.open(encoding="utf-8") as f:
                words = sum(len(line.split()) for line in f)
            best = min(best, time.perf_counter() - start)
        return {"seconds": best, "words": words, "peak_mb": peak_mb()}

    from normalize import Normalizer
    from normalize.document import Document

    if kind == "words":
        best = float("inf")
        for _ in range(repeats):
            start = time.perf_counter()
            with corpus.open(encoding="utf-8") as f:
                words = sum(len(Document(line).distinct) for line in f)
            best = min(best, time.perf_counter() - start)
        return {"seconds": best, "words": words, "peak_mb": peak_mb()}

    built = time.perf_counter()
    if kind in ("pipeline", "whole"):
        normalizer = Normalizer()
    else:
        from normalize.engine import Options, compile_finders
        from normalize.rules import RULE_IDS

        lexicon = synthetic(entities) if entities else Normalizer().lexicon
        # The exact pass alone: every rule but the exact finder's switched off.
        exact_only = Options(disable=RULE_IDS - {"lexicon.garble", "lexicon.case"})
        (finder,) = compile_finders(lexicon, exact_only)
    build_s = time.perf_counter() - built
    gc.collect()
    gc.freeze()  # as the CLI does once the lexicons are compiled
    best = best_cpu = float("inf")
    found = 0
    for _ in range(repeats):
        found = 0
        cpu = time.process_time()  # on a shared machine, CPU time is the steadier figure
        start = time.perf_counter()  # reading is included, building the lexicon is not
        with corpus.open(encoding="utf-8") as f:
            if kind == "pipeline":
                for line in f:
                    found += len(normalizer.fix(line).changes)
            elif kind == "whole":
                found = len(normalizer.fix(f.read()).changes)
            else:
                for line in f:
                    found += sum(1 for _ in finder.find(Document(line)))
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return {
        "seconds": best,
        "cpu_s": best_cpu,
        "build_s": build_s,
        "found": found,
        "peak_mb": peak_mb(),
    }


if __name__ == "__main__":
    args = sys.argv[1:]
    entities = int(args[2]) if len(args) > 2 else 0
    repeats = int(args[3]) if len(args) > 3 else 1
    print(json.dumps(main(args[0], Path(args[1]), entities, repeats)))
