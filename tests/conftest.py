"""Shared fixtures: a small in-memory lexicon, the shipped one, and the ../shared data."""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from normalize.engine import Normalizer
from normalize.lexicon import Entity, Example, Lexicon, load_default_lexicons

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NORMALIZE_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared; skips the test where it is absent, except in CI where it fails."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI runs with shared/ beside the clone")
        pytest.skip(f"{path} is absent (shared data lives beside the repository)")
    return path


def spawn_review(cwd: Path, *args: str, columns: int = 100, codec_errors: str = "strict") -> Any:
    """``normalize review --no-config ARGS`` run in ``cwd`` in a real pseudo-terminal
    (pexpect) of 30 lines and ``columns`` columns, without colour; skips where pexpect is
    absent. Each expected prompt is waited for up to a minute (a loaded machine)."""
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "COLUMNS": str(columns), "LINES": "30"}
    env.pop("FORCE_COLOR", None)
    return pexpect.spawn(
        sys.executable,
        ["-c", "from normalize.cli import run; run()", "review", "--no-config", *args],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        codec_errors=codec_errors,
        dimensions=(30, columns),
        timeout=60,
    )


#: The garbled people's names of seed 003, which the shipped lexicons list as garbles.
SEED003_GARBLES = frozenset({"haftal", "salaj", "teben", "chawushiolu", "bukadum"})


def shipped_without_seed003_garbles() -> Lexicon:
    """The shipped lexicons with the seed 003 garbles of people taken out, so that only the
    fuzzy finder can find them."""
    lex = load_default_lexicons()
    entities = tuple(
        dataclasses.replace(e, garbles=tuple(g for g in e.garbles if g not in SEED003_GARBLES))
        for e in lex.entities
    )
    return Lexicon(entities, lex.confusions, lex.files)


@pytest.fixture(scope="session")
def small_lexicon() -> Lexicon:
    return Lexicon(
        (
            Entity(
                "person/khalifa-haftar",
                "person",
                "Khalifa Haftar",
                short="Haftar",
                aliases=("Hifter", "Khalifa Hifter"),
                garbles=("haftal",),
                context=("Libya", "LNA", "Benghazi"),
                examples=(Example("haftal said", "Haftar said"),),
            ),
            Entity(
                "person/fayez-al-sarraj",
                "person",
                "Fayez al-Sarraj",
                short="Sarraj",
                aliases=("Serraj", "al-Serraj", "al-Sarraj", "Fayez al-Serraj"),
                garbles=("salaj",),
                context=("Libya", "GNA", "Tripoli"),
            ),
            Entity(
                "person/mevlut-cavusoglu",
                "person",
                "Mevlüt Çavuşoğlu",
                short="Çavuşoğlu",
                aliases=("Cavusoglu", "Mevlut Cavusoglu"),
                garbles=("chawushiolu",),
            ),
            Entity(
                "person/kim-jong-un",
                "person",
                "Kim Jong-un",
                aliases=("Kim Jong Un",),
                garbles=("Jin Zhengen",),
            ),
            Entity(
                "country/tr",
                "country",
                "Turkey",
                aliases=("Türkiye",),
                demonyms=("Turkish", "Turks"),
            ),
            Entity("country/ly", "country", "Libya", demonyms=("Libyan", "Libyans")),
        )
    )


@pytest.fixture(scope="session")
def small(small_lexicon: Lexicon) -> Normalizer:
    return Normalizer(small_lexicon)


@pytest.fixture(scope="session")
def shipped() -> Normalizer:
    return Normalizer(load_default_lexicons())
