"""A reproducible benchmark corpus: real clean English news, reshuffled, plus known garbles.

Source text: the 2,775 sentences of the Lee corpus (350 ABC news articles, read from the
pinned gensim wheel by ``tools.corpora``; 384 KB). No larger real English text ships in a
PyPI or Debian package we can rely on without also shipping its licence questions (the
Debian ``bible-kjv-text`` is 4 MB of 17th-century English, a poor fit for news), so the
corpus is *built*: each document takes 6 to 30 sentences drawn by a seeded generator, and
about one document in four gets one to three garbles from the shipped lexicons put in place
of a capitalised word. The same seed and size give the same bytes on every machine.

Sentences repeat across documents (a 50 MB corpus uses each about 130 times), which no
component of normalize or codespell caches across documents, except the vocabulary
look-ups, which are per word and warm after the first few documents either way.

    python -m benchmarks.corpus 50      # writes .cache/bench/corpus-50MB.{txt,jsonl}
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

from tools.corpora import lee_news

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / ".cache" / "bench"
SEED = 20261122


def garbles() -> list[str]:
    from normalize.lexicon import load_default_lexicons

    found = sorted({g for e in load_default_lexicons().entities for g in e.garbles})
    return found or ["haftal"]


def build(megabytes: float, seed: int = SEED) -> tuple[Path, Path]:
    """Write corpus-<N>MB.txt (one document per line) and .jsonl; reuse them if present."""
    name = f"corpus-{megabytes:g}MB"
    txt, jsonl = OUT / f"{name}.txt", OUT / f"{name}.jsonl"
    if txt.exists() and jsonl.exists():
        return txt, jsonl
    OUT.mkdir(parents=True, exist_ok=True)
    sentences = [s for doc in lee_news() for s in re.split(r"(?<=[.!?])\s+", doc) if s]
    bad = garbles()
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    size = 0
    with txt.open("w", encoding="utf-8") as ft, jsonl.open("w", encoding="utf-8") as fj:
        n = 0
        while size < target:
            doc = rng.sample(sentences, rng.randint(6, 30))
            if rng.random() < 0.25:
                for _ in range(rng.randint(1, 3)):
                    i = rng.randrange(len(doc))
                    words = doc[i].split(" ")
                    caps = [k for k, w in enumerate(words) if k and w[:1].isupper()]
                    if caps:
                        words[rng.choice(caps)] = rng.choice(bad)
                        doc[i] = " ".join(words)
            text = " ".join(doc)
            ft.write(text + "\n")
            record = {"id": n, "source": "lee", "text": text, "meta": {"sentences": len(doc)}}
            fj.write(json.dumps(record) + "\n")
            size += len(text.encode("utf-8")) + 1
            n += 1
    return txt, jsonl


if __name__ == "__main__":
    for path in build(float(sys.argv[1]) if len(sys.argv) > 1 else 50):
        print(path, path.stat().st_size)
