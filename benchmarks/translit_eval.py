"""Back-transliteration on real names: does the engine find the English name of a pinyin,
Cyrillic or Arabic rendering, given a lexicon of English names?

Data: ../shared/data/transliteration (CC0 Wikidata pairs; skipped with a message where absent).
For each script, 1000 pairs are drawn; the other-script side is romanised the way MT output
shows it (pypinyin syllables run together; iuliia's Wikipedia scheme; anyascii letters for
Arabic) and put in a plain sentence with no context. The lexicon holds the English names
(1k or 10k entries, the 1000 answers among them). Reported: accuracy at 1 (best candidate is
the right name, any confidence), and precision and recall at the flag and apply thresholds.

Then a precision-recall table over thresholds, with the false positives of the Lee corpus
(350 clean ABC news articles) as the negatives, and a comparison of rankers on the same data.

    .venv/bin/python benchmarks/translit_eval.py [--queries 1000]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import jellyfish
from rapidfuzz import fuzz, process

from benchmarks._data import pairs, require_data, sample_lexicon
from normalize import Normalizer
from normalize.engine import Options
from normalize.lexicon import Lexicon, load_default_lexicons
from normalize.resolve import Thresholds
from normalize.translit import (
    arabic_readings,
    cyrillic_readings,
    pinyin_readings,
    skeleton,
)

SENTENCE = "Officials said {} arrived on Monday."
ALL = Options(thresholds=Thresholds(apply=0.0, flag=0.0))
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


def romanisers() -> dict[str, tuple[str, Callable[[str], str]]]:
    def first(readings: tuple[str, ...]) -> str:
        return readings[0] if readings else ""

    return {
        "zh pinyin": ("chinese", lambda s: first(pinyin_readings(s))),
        "zh pinyin respelled": (
            "chinese",
            lambda s: (lambda r: r[1] if len(r) > 1 else r[0] if r else "")(pinyin_readings(s)),
        ),
        "ru iuliia wikipedia": ("russian", lambda s: first(cyrillic_readings(s))),
        "ar anyascii": ("arabic", lambda s: first(arabic_readings(s))),
    }


def queries(script: str, roman: Callable[[str], str], n: int) -> list[tuple[str, str]]:
    rng = random.Random(16)
    rows = pairs(script)
    rng.shuffle(rows)
    out: list[tuple[str, str]] = []
    for en, other in rows:
        token = roman(other)
        if len(token) >= 4 and token != en:
            out.append((token, en))
        if len(out) == n:
            break
    return out


def best(normalizer: Normalizer, token: str) -> tuple[str | None, float]:
    """The entity and confidence of the surest fuzzy candidate on the token."""
    text = SENTENCE.format(token)
    start = text.index(token)
    cands = [
        c for c in normalizer.candidates(text) if c.start == start and c.rule.startswith("fuzzy.")
    ]
    if not cands:
        return None, 0.0
    top = max(cands, key=lambda c: c.confidence)
    return top.entity, top.confidence


def run(normalizer: Normalizer, qs: list[tuple[str, str]]) -> list[tuple[bool, float]]:
    out = []
    for token, en in qs:
        entity, conf = best(normalizer, token)
        out.append((entity == f"person/{en}", conf if entity else 0.0))
    return out


def at(results: list[tuple[bool, float]], t: float) -> tuple[float, float]:
    kept = [ok for ok, c in results if c >= t and c > 0]
    precision = sum(kept) / len(kept) if kept else 1.0
    recall = sum(kept) / len(results) if results else 0.0
    return precision, recall


def lee_confidences(lexicon: Lexicon) -> list[float]:
    from tools.corpora import CorpusUnavailable, lee_news

    try:
        docs = lee_news()
    except CorpusUnavailable as exc:  # pragma: no cover - offline
        print(f"Lee corpus unavailable: {exc}")
        return []
    normalizer = Normalizer(lexicon, ALL)
    return [
        c.confidence
        for doc in docs
        for c in normalizer.candidates(doc)
        if c.rule.startswith("fuzzy.")
    ]


def compare_rankers(qs: list[tuple[str, str]], lexicon: Lexicon) -> None:
    names = [e.canonical.lower() for e in lexicon.entities]

    def by_code(code: Callable[[str], str]) -> Callable[[str], str | None]:
        table: dict[str, list[str]] = {}
        for n in names:
            table.setdefault(code(n), []).append(n)

        def rank(token: str) -> str | None:
            hits = table.get(code(token), [])
            return max(hits, key=lambda n: fuzz.ratio(token, n)) if hits else None

        return rank

    def scan(scorer: Callable[..., float]) -> Callable[[str], str | None]:
        def rank(token: str) -> str | None:
            hit = process.extractOne(token, names, scorer=scorer)
            return hit[0] if hit else None

        return rank

    normalizer = Normalizer(lexicon, ALL)
    rankers: dict[str, Callable[[str], str | None]] = {
        "rapidfuzz ratio, full scan": scan(fuzz.ratio),
        "rapidfuzz WRatio, full scan": scan(fuzz.WRatio),
        "jellyfish Jaro-Winkler, full scan": scan(
            lambda a, b, **_: jellyfish.jaro_winkler_similarity(a, b)
        ),
        "soundex block + ratio": by_code(jellyfish.soundex),
        "metaphone block + ratio": by_code(jellyfish.metaphone),
        "NYSIIS block + ratio": by_code(jellyfish.nysiis),
        "match-rating codex block + ratio": by_code(jellyfish.match_rating_codex),
        "skeleton key block + ratio": by_code(skeleton),
        "engine (skeleton +-1 edit, confidence)": lambda t: (
            lambda e: e.split("/", 1)[1] if e else None
        )(best(normalizer, t)[0]),
    }
    print(f"\nRankers, accuracy at 1 on {len(qs)} zh pinyin queries, {len(names)}-name lexicon")
    print(f"| {'ranker':<40} | acc@1 |")
    print(f"|{'-' * 42}|-------|")
    for label, rank in rankers.items():
        hits = sum(rank(token) == en for token, en in qs)
        print(f"| {label:<40} | {hits / len(qs):.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=1000)
    args = parser.parse_args()
    require_data()
    defaults = Thresholds()
    print("Back-transliteration: Wikidata pairs, romanised, resolved against English names")
    print(
        f"| {'romanisation':<20} | lexicon | acc@1 | P@flag {defaults.flag} | R@flag"
        f" | P@apply {defaults.apply} | R@apply |"
    )
    print(f"|{'-' * 22}|---------|-------|------------|--------|-------------|---------|")
    curves: dict[str, list[tuple[bool, float]]] = {}
    lexicons: dict[int, Lexicon] = {}
    zh_queries: list[tuple[str, str]] = []
    for label, (script, roman) in romanisers().items():
        qs = queries(script, roman, args.queries)
        if label == "zh pinyin":
            zh_queries = qs
        for size in (1000, 10000):
            lexicon = sample_lexicon(size, [en for _, en in qs])
            if label == "zh pinyin":
                lexicons[size] = lexicon
            results = run(Normalizer(lexicon, ALL), qs)
            if label == "zh pinyin" and size == 10000:
                curves[label] = results
            acc = sum(ok for ok, _ in results) / len(results)
            pf, rf = at(results, defaults.flag)
            pa, ra = at(results, defaults.apply)
            print(
                f"| {label:<20} | {size:>7} | {acc:.3f} | {pf:>10.3f} | {rf:.3f}"
                f"  | {pa:>11.3f} | {ra:.3f}   |"
            )
    lee_shipped = lee_confidences(load_default_lexicons())
    lee_10k = lee_confidences(lexicons[10000])
    results = curves["zh pinyin"]
    print("\nPrecision-recall over thresholds: zh pinyin queries, 10k-name lexicon (P, R);")
    print("Lee corpus: fuzzy candidates at or above the threshold (all are false positives)")
    print("| threshold | P zh 10k | R zh 10k | Lee, shipped lexicon | Lee, 10k-name lexicon |")
    print("|-----------|----------|----------|----------------------|-----------------------|")
    for t in THRESHOLDS:
        p, r = at(results, t)
        n1 = sum(c >= t for c in lee_shipped)
        n2 = sum(c >= t for c in lee_10k)
        print(f"| {t:>9.2f} | {p:>8.3f} | {r:>8.3f} | {n1:>20} | {n2:>21} |")
    compare_rankers(zh_queries, lexicons[1000])


if __name__ == "__main__":
    main()
