"""Where the time goes: each finder alone, and the whole engine, on a slice of the corpus.

    python -m benchmarks.finders [MEGABYTES]      # default 2 (the first 2 MB of the corpus)

Each finder runs alone on fresh Documents, so a row includes the document views that finder
computes for itself (in the pipeline those are shared). "views" rows time the shared views
alone; "gated" rows run a finder as the engine does, after the one intersection of the
document's words with every finder's keys (view: narrow), and not at all without a key.
Figures are the best of three runs, in milliseconds and MB/s; nothing is asserted.
A second table splits one pass of the engine itself (the same steps as
``Normalizer._candidates``, timed in place) into its shared views and finders, in ms per MB.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from benchmarks.corpus import build
from normalize import Normalizer
from normalize.document import Document
from normalize.finders import Finder


def best_of(runs: int, func: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def main(megabytes: float = 2.0) -> None:
    txt, _ = build(50)
    data = txt.read_bytes()[: int(megabytes * 1_000_000)]
    lines = data.decode("utf-8", errors="ignore").splitlines(keepends=True)
    mb = len(data) / 1e6
    normalizer = Normalizer()
    normalizer.fix(lines[0])
    rows: list[tuple[str, float]] = []

    def view(name: str) -> None:
        rows.append(
            (f"view: {name}", best_of(3, lambda: [getattr(Document(t), name) for t in lines]))
        )

    rows.append(("split (floor)", best_of(3, lambda: [t.split() for t in lines])))
    for name in ("distinct", "folded_distinct", "word_counts", "protected"):
        view(name)
    for finder in normalizer._finders:

        def run(f=finder) -> None:
            for t in lines:
                for _ in f.find(Document(t)):
                    pass

        rows.append((f"finder: {type(finder).__name__}", best_of(3, run)))
    rows.append(
        (
            "view: narrow (engine pre-gate)",
            best_of(
                3,
                lambda: [Document(t).narrow(normalizer._watched, normalizer._union) for t in lines],
            ),
        )
    )
    for finder, keys in normalizer._keyed:
        # As the engine runs it: after the shared intersection, skipped without a key.
        def gated(f: Finder = finder, k: frozenset[str] | None = keys) -> None:
            for t in lines:
                doc = Document(t)
                keyed = doc.narrow(normalizer._watched, normalizer._union)
                if k is None or not k.isdisjoint(keyed):
                    for _ in f.find(doc):
                        pass

        rows.append((f"gated: {type(finder).__name__}", best_of(3, gated)))
    rows.append(
        ("Normalizer.candidates", best_of(3, lambda: [normalizer.candidates(t) for t in lines]))
    )
    rows.append(("Normalizer.fix", best_of(3, lambda: [normalizer.fix(t) for t in lines])))
    split = in_pipeline(normalizer, lines)
    print(f"{mb:.1f} MB, {len(lines)} documents")
    print(f"| {'what':<32} | {'ms':>8} | {'MB/s':>7} | {'us/doc':>7} |")
    print(f"|{'-' * 34}|{'-' * 10}:|{'-' * 9}:|{'-' * 9}:|")
    for name, seconds in rows:
        print(
            f"| {name:<32} | {seconds * 1000:8.1f} | {mb / seconds:7.1f} | "
            f"{seconds / len(lines) * 1e6:7.1f} |"
        )

    print()
    print("Inside the pipeline (best of three passes; the views are computed once, shared):")
    print(f"| {'step':<32} | {'ms/MB':>7} | {'share':>6} |")
    print(f"|{'-' * 34}|{'-' * 8}:|{'-' * 7}:|")
    total = sum(split.values())
    for name, seconds in sorted(split.items(), key=lambda kv: -kv[1]):
        print(f"| {name:<32} | {seconds * 1000 / mb:7.1f} | {seconds / total:6.1%} |")
    print(f"| {'total':<32} | {total * 1000 / mb:7.1f} | {1:6.1%} |")


def in_pipeline(normalizer: Normalizer, lines: list[str]) -> dict[str, float]:
    """Seconds per step of the engine's candidate search over ``lines``: the best of three
    passes for each step (resolution and applying are left out: they cost almost nothing)."""
    clock = time.perf_counter
    best: dict[str, float] = {}
    for _ in range(3):
        spent: dict[str, float] = dict.fromkeys(best, 0.0)
        for text in lines:
            start = clock()
            doc = Document(text, normalizer._ignore, normalizer.options.ignore_timeout)
            doc.distinct  # noqa: B018
            mid = clock()
            # As the engine does it: the fuzzy finder's one pass over the words (its quiet
            # words taken out) serves the intersection with every finder's keys too.
            fuzzy = normalizer._fuzzy
            within = None if fuzzy is None else fuzzy.unquiet(doc, normalizer._union)
            keyed = doc.narrow(normalizer._watched, normalizer._union, within)
            end = clock()
            spent["view: distinct"] = spent.get("view: distinct", 0.0) + mid - start
            shared = "view: narrow + fuzzy quiet words"
            spent[shared] = spent.get(shared, 0.0) + end - mid
            plan = normalizer._keyed if doc.is_ascii else normalizer._keyed_other
            for finder, keys in plan:
                start = clock()
                if keys is None or not keys.isdisjoint(keyed):
                    for _ in finder.find(doc):
                        pass
                name = f"finder: {type(finder).__name__}"
                spent[name] = spent.get(name, 0.0) + clock() - start
        best = {k: min(v, best.get(k, v)) for k, v in spent.items()}
    return best


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 2.0)
