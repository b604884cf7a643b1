"""Shared helpers for the benchmarks: the Wikidata name pairs and lexicons built from them.

The pairs live in ../shared/data/transliteration (CC0, Merhav & Ash, COLING 2018) and are
read from there, never copied into the repository.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from normalize.lexicon import Entity, Lexicon

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "transliteration"


def require_data() -> Path:
    """The data folder, or a message and exit 0 where ../shared is absent."""
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent (the shared data lives beside the repository)")
        sys.exit(0)
    return DATA


def pairs(script: str) -> list[tuple[str, str]]:
    """(English name, other-script form with the spaces between characters removed)."""
    out: list[tuple[str, str]] = []
    path = require_data() / f"wd_{script}_16.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 2 and cols[0].isalpha():
            out.append((cols[0], cols[1].replace(" ", "")))
    return out


def english_names() -> list[str]:
    """Every distinct English name of every file, in a fixed order."""
    names: set[str] = set()
    for script in ("chinese", "russian", "arabic"):
        names.update(en for en, _ in pairs(script))
    return sorted(names)


def name_lexicon(names: list[str]) -> Lexicon:
    """One person entity per name, capitalised, with no context and no source names."""
    return Lexicon(tuple(Entity(f"person/{n}", "person", n[:1].upper() + n[1:]) for n in names))


def sample_lexicon(size: int, must: list[str], seed: int = 3) -> Lexicon:
    """``size`` names: every name in ``must`` plus random others, as a lexicon."""
    rng = random.Random(seed)
    pool = [n for n in english_names() if n not in set(must)]
    rng.shuffle(pool)
    chosen = list(dict.fromkeys(must))[:size]
    chosen += pool[: max(0, size - len(chosen))]
    entities = list(name_lexicon(chosen).entities)
    while len(entities) < size:  # beyond the data: "Given Surname" people, surname as short
        a, b = rng.choice(pool).title(), rng.choice(pool).title()
        entities.append(Entity(f"person/{a}-{b}-{len(entities)}", "person", f"{a} {b}", short=b))
    return Lexicon(tuple(entities))
