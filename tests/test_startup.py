"""A fast start and flat memory: what loads lazily gives the same answers, caches stay bounded."""

from __future__ import annotations

import functools
import gc
import os
import pickle
import random
import subprocess
import sys
from pathlib import Path

import pytest

from normalize import Normalizer, cache, config
from normalize.cli import main
from normalize.vocab import ZIPF_CACHE_SIZE, WordTable, _zipf_table, zipf

# -- the Zipf table ----------------------------------------------------------------------


def test_the_zipf_table_gives_wordfreqs_values_listed_or_not() -> None:
    from wordfreq import get_frequency_dict, zipf_frequency

    rng = random.Random(5)
    listed = [w for w in get_frequency_dict("en") if w.isascii() and w.isalpha()]
    letters = "abcdefghijklmnopqrstuvwxyz"
    made_up = ["".join(rng.choices(letters, k=rng.randint(1, 12))) for _ in range(3000)]
    words = [*rng.sample(listed, 3000), *listed[:500], *listed[-500:], *made_up]
    table = pickle.loads(pickle.dumps(_zipf_table()))
    assert [table.get(w) for w in words] == [float(zipf_frequency(w, "en")) for w in words]
    assert len(table) == len(listed)


def test_word_table_agrees_with_a_dict() -> None:
    rng = random.Random(6)
    letters = "abcdefghijklmnopqrstuvwxyz"
    items = {
        "".join(rng.choices(letters, k=rng.randint(1, 10))): rng.random() for _ in range(50_000)
    }
    table = pickle.loads(pickle.dumps(WordTable(items)))
    assert len(table) == len(items)
    assert all(table.get(w) == v for w, v in items.items())
    probes = ["".join(rng.choices(letters, k=rng.randint(1, 10))) for _ in range(50_000)]
    assert [table.get(w, -1.0) for w in probes] == [items.get(w, -1.0) for w in probes]
    for odd in ("", "\n", "the\nof", "THE", "~", "\x00", "zzzzzzzzzzzzzz", "a" * 300):
        assert table.get(odd, -1.0) == items.get(odd, -1.0)


def test_word_table_small_and_edge_cases() -> None:
    items = {w: float(i) for i, w in enumerate(["a", "aa", "ab", "b", "ba", "bab", "z"] * 1)}
    table = WordTable(items)
    assert [table.get(w) for w in items] == list(items.values())
    assert table.get("0", 9.0) == 9.0  # sorts before every word
    assert table.get("zz", 9.0) == 9.0  # after every word
    empty = WordTable({})
    assert len(empty) == 0 and empty.get("a", 2.0) == 2.0
    with pytest.raises(ValueError):
        WordTable({"a\nb": 1.0})
    # More than one run of words, each run searched on its own.
    many = {f"w{i:05d}": i / 7 for i in range(WordTable.RUN * 5 + 3)}
    big = pickle.loads(pickle.dumps(WordTable(many)))
    assert all(big.get(w) == v for w, v in many.items())
    assert big.get("w") == 0.0 and big.get("w000000") == 0.0


def test_zipf_remembers_a_bounded_number_of_words() -> None:
    zipf.cache_clear()
    for i in range(ZIPF_CACHE_SIZE + 500):
        zipf(f"unseen{i}x")
    assert zipf.cache_info().currsize == ZIPF_CACHE_SIZE
    assert zipf("the") > 7


# -- caches after many documents -------------------------------------------------------


def _package_caches() -> dict[str, functools._lru_cache_wrapper[object]]:
    found = {}
    for name, module in list(sys.modules.items()):
        if name == "normalize" or name.startswith("normalize."):
            for value in list(vars(module).values()):
                if isinstance(value, functools._lru_cache_wrapper) and value.__module__ == name:
                    found[f"{name}.{value.__qualname__}"] = value
    return found


def test_caches_stay_bounded_after_many_distinct_documents() -> None:
    normalizer = Normalizer()
    rng = random.Random(3)
    syllables = ["ba", "ko", "ri", "ta", "mu", "ne", "sa", "lo", "vi", "du", "ha", "fe"]
    for i in range(1000):
        name = "".join(rng.choices(syllables, k=rng.randint(2, 5))).capitalize()
        normalizer.fix(f"Report {i}: {name} met haftal in Tripoli; {name.lower()}s said.")
    caches = _package_caches()
    assert "normalize.vocab.zipf" in caches
    for name, func in caches.items():
        info = func.cache_info()
        # A cache without a bound may hold one value (a table loaded once), never one per
        # word or document.
        limit = info.maxsize if info.maxsize is not None else 1
        assert info.currsize <= limit, (name, info)
    entities = len(normalizer.lexicon.entities)
    for finder in normalizer._finders:
        terms = getattr(getattr(finder, "model", None), "_context_terms", {})
        assert len(terms) <= entities


# -- lazy imports ----------------------------------------------------------------------


def test_a_warm_start_imports_neither_yaml_nor_tomlkit(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (tmp_path / "in.txt").write_text("In December, haftal said so.\n", encoding="utf-8")
    env = dict(os.environ)  # the session's cache folder: warm after the first run
    script = (
        "import sys\n"
        "from normalize.cli import main\n"
        "code = main(['check', 'in.txt'])\n"
        "print(code, sorted(m for m in ('yaml', 'tomlkit') if m in sys.modules))\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split("\n")[-2]
        for _ in range(2)
    ]
    assert runs[1] == "1 []"  # the first run may have compiled the lexicons from YAML


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('[project]\nname = "x"\n', False),
        ("[tool.normalize]\nallow = ['x']\n", True),
        ('[tool]\nnormalize = { allow = ["x"] }\n', True),
        ("[tool.ruff]\nline-length = 99\n", False),
        # Broken TOML is ours to report when it holds a [tool.normalize] table (issue 15.16).
        ("[tool.normalize\n", True),
        ("a = 1\na = 2\n[tool.normalize]\n", True),  # duplicate key: invalid for both
        ("[tool.ruff\n", False),  # broken, somebody else's: not ours to judge
    ],
)
def test_pyproject_discovery_agrees_with_tomlkit(tmp_path: Path, text: str, found: bool) -> None:
    import tomlkit

    path = tmp_path / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    try:
        data = tomlkit.parse(text).unwrap()
        expected = "normalize" in data.get("tool", {})
    except tomlkit.exceptions.TOMLKitError:
        expected = "[tool.normalize" in text
    assert expected == found
    assert config._has_tool_table(path) is found
    assert (config.find_config(tmp_path) == path) is found


# -- the collector and the loaded lexicons ---------------------------------------------


def test_the_cli_freezes_what_it_loads_and_restores_the_setting(tmp_path: Path) -> None:
    target = tmp_path / "in.txt"
    target.write_text("haftal\n", encoding="utf-8")
    cache.clear_memory()
    assert cache.freeze_loaded is False
    main(["check", "--no-config", str(target)])  # compiles (or loads) the shipped lexicons
    cache.clear_memory()
    gc.unfreeze()
    try:
        assert main(["check", "--no-config", str(target)]) == 1  # loads them from disk
        assert gc.get_freeze_count() > 100_000
    finally:
        gc.unfreeze()
    assert cache.freeze_loaded is False


def test_a_library_load_leaves_the_collector_alone(tmp_path: Path) -> None:
    key = cache.key_for("test-freeze", str(tmp_path))
    cache.store(key, [[i] for i in range(1000)])
    gc.unfreeze()
    before = gc.get_freeze_count()
    assert cache.load(key) == [[i] for i in range(1000)]
    assert gc.get_freeze_count() == before
