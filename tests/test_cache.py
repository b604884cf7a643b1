"""The compiled-lexicon cache and the Normalizer's pickling: fast, safe when stale or corrupt."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import count, islice
from pathlib import Path

import pytest

from normalize import Normalizer, Options, cache
from normalize.engine import _key
from normalize.lexicon import LexiconError
from normalize.lexicon.source import LexiconSource

LEXICON = """\
format: 1
meta: {title: test, origin: hand-curated, sources: [{name: test, licence: CC0}]}
entities:
  - id: person/khalifa-haftar
    type: person
    canonical: Khalifa Haftar
    short: Haftar
    garbles: [haftal]
"""
TEXT = "In December, haftal said the LNA would take Tripoli; HAFTAL denied it."


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    # The word lists are cached once a process (by whichever test first asks for them):
    # loaded before the folder is set, so that it holds only what the test writes.
    from normalize import vocab

    vocab.english_lowercase_words()
    vocab.zipf("haftar")
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    cache.clear_memory()
    yield folder
    cache.clear_memory()


def test_first_build_writes_the_cache_and_a_cold_process_reads_it(cache_dir: Path) -> None:
    first = Normalizer()
    files = list(cache_dir.glob("*.pickle"))
    assert len(files) == 1
    cache.clear_memory()  # as a new process would start
    second = Normalizer()
    assert second.fix(TEXT) == first.fix(TEXT)
    assert second.fix(TEXT).text.startswith("In December, Haftar said")


def test_a_corrupt_cache_file_is_ignored_and_rewritten(cache_dir: Path) -> None:
    Normalizer()
    (path,) = cache_dir.glob("*.pickle")
    path.write_bytes(b"\x80\x05 not a pickle at all")
    cache.clear_memory()
    assert Normalizer().fix(TEXT).changed
    assert cache.load(path.stem) is not None  # rewritten whole


def test_a_cache_file_under_the_wrong_key_is_not_trusted(cache_dir: Path) -> None:
    Normalizer()
    (path,) = cache_dir.glob("*.pickle")
    path.write_bytes(pickle.dumps((cache._MAGIC, "someone else's key", None)))
    assert cache.load(path.stem) is None
    cache.clear_memory()
    assert Normalizer().fix(TEXT).changed


def test_changed_lexicon_text_or_options_get_their_own_entry(
    cache_dir: Path, tmp_path: Path
) -> None:
    lex = tmp_path / "mine.yaml"
    lex.write_text(LEXICON, encoding="utf-8")
    assert Normalizer(paths=[lex], defaults=False).fix("haftal").text == "Haftar"
    lex.write_text(LEXICON.replace("[haftal]", "[haftak]"), encoding="utf-8")
    edited = Normalizer(paths=[lex], defaults=False)
    assert edited.fix("haftal").text == "haftal"
    assert edited.fix("haftak").text == "Haftar"
    Normalizer(paths=[lex], defaults=False, options=Options(canonical=True))
    assert len(list(cache_dir.glob("*.pickle"))) == 3


def test_lexicon_errors_still_surface_and_nothing_is_cached(
    cache_dir: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities:\n  - id: x\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad\.yaml"):
        Normalizer(paths=[bad], defaults=False)
    with pytest.raises(LexiconError, match="cannot read"):
        Normalizer(paths=[tmp_path / "missing.yaml"], defaults=False)
    assert list(cache_dir.glob("*.pickle")) == []


def test_no_cache_setting_writes_nothing(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.DISABLE_ENV, "1")
    assert Normalizer().fix(TEXT).changed
    assert not cache_dir.exists()
    monkeypatch.delenv(cache.DISABLE_ENV)
    assert Normalizer(cache=False).fix(TEXT).changed
    assert not cache_dir.exists()


def test_an_unwritable_cache_folder_is_not_an_error(cache_dir: Path) -> None:
    cache_dir.parent.mkdir(exist_ok=True)
    cache_dir.write_text("a file where the folder should be", encoding="utf-8")
    assert Normalizer().fix(TEXT).changed


def test_a_value_that_does_not_pickle_is_not_an_error(cache_dir: Path) -> None:
    import threading

    assert cache.store("k", threading.Lock()) is False  # a finder holding a lock, say
    assert list(cache_dir.iterdir()) == []  # no half-written file left behind
    assert cache.get_or_build("k", lambda: 42) == 42


def _age(folder: Path, seconds: float) -> None:
    """Make every cache file in ``folder`` look last used ``seconds`` ago (and older in the
    order they were written), as a cache left by earlier runs would."""
    now = time.time()
    for i, path in enumerate(sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime)):
        then = now - seconds - 100 + i
        os.utime(path, (then, then))


def test_old_files_are_pruned(cache_dir: Path) -> None:
    for i in range(cache.KEEP_FILES + 3):
        assert cache.store(f"k{i}", i)
    _age(cache_dir, cache.IN_USE_SECONDS)
    assert cache.store("new", "new")
    kept = {p.stem for p in cache_dir.glob("*.pickle")}
    assert kept == {"new", *(f"k{i}" for i in range(4, cache.KEEP_FILES + 3))}


def test_files_in_use_are_not_pruned(cache_dir: Path) -> None:
    """Entries written or loaded within IN_USE_SECONDS belong to jobs still running (the
    workers of a batch, parallel test runs): they are kept beyond KEEP_FILES."""
    for i in range(cache.KEEP_FILES + 3):
        assert cache.store(f"k{i}", i)
    assert len(list(cache_dir.glob("*.pickle"))) == cache.KEEP_FILES + 3
    _age(cache_dir, cache.IN_USE_SECONDS)
    assert cache.load("k0") == 0  # used again: fresh
    assert cache.store("new", "new")
    kept = {p.stem for p in cache_dir.glob("*.pickle")}
    # The newest KEEP_FILES by use: the two in use and the six last written before.
    assert kept == {"new", "k0", *(f"k{i}" for i in range(5, cache.KEEP_FILES + 3))}


def test_the_entry_just_written_is_never_pruned(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even when other writers' files look newer (clocks, coarse timestamps)."""
    for i in range(cache.KEEP_FILES):
        assert cache.store(f"k{i}", i)
    future = time.time() + 1000
    for path in cache_dir.glob("*.pickle"):
        os.utime(path, (future, future))
    assert cache.store("mine", "mine")
    assert cache.load("mine") == "mine"


def test_pruning_tolerates_files_removed_meanwhile(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(cache.KEEP_FILES + 2):
        assert cache.store(f"k{i}", i)
    _age(cache_dir, cache.IN_USE_SECONDS)
    listed = list(cache_dir.glob("*.pickle"))
    for path in listed[:3]:  # another process removed them after this one listed them
        path.unlink()
    real_glob = Path.glob
    monkeypatch.setattr(
        Path,
        "glob",
        lambda self, pattern: listed if pattern == "*.pickle" else real_glob(self, pattern),
    )
    assert cache.store("new", "new")
    assert cache.load("new") == "new"


_WRITER = """
import os, sys, time
from pathlib import Path
from normalize import cache
worker, count, gate = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
while not gate.exists():  # start together
    time.sleep(0.01)
keys = [f"w{worker}-{i}" for i in range(count)]
for key in keys:
    if not cache.store(key, (key, b"x" * 50_000)):
        sys.exit(f"store failed: {key}")
    if cache.load(key) != (key, b"x" * 50_000):
        sys.exit(f"just written, then gone: {key}")
missing = [k for k in keys if cache.load(k) is None]
sys.exit(f"evicted while in use: {missing}" if missing else 0)
"""


def test_parallel_writers_keep_each_others_entries(cache_dir: Path, tmp_path: Path) -> None:
    """Several processes writing and pruning one cache folder at once (parallel jobs, batch
    workers) lose nothing they are using, see no half-written file and leave no temporary
    file behind."""
    workers, each = 4, cache.KEEP_FILES
    gate = tmp_path / "go"
    env = {**os.environ, cache.CACHE_ENV: str(cache_dir)}
    env.pop(cache.DISABLE_ENV, None)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(w), str(each), str(gate)],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(workers)
    ]
    gate.touch()
    errors = [p.communicate()[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * workers, errors
    names = {p.name for p in cache_dir.iterdir()}
    assert names == {f"w{w}-{i}.pickle" for w in range(workers) for i in range(each)}


def test_pickle_carries_a_recipe_not_the_indexes(cache_dir: Path, tmp_path: Path) -> None:
    normalizer = Normalizer()
    recipe = pickle.dumps(normalizer)
    compiled = pickle.dumps((normalizer.lexicon, normalizer._finders))
    assert len(recipe) < 2_000 < len(compiled)
    cache.clear_memory()
    clone = pickle.loads(recipe)
    assert clone.fix(TEXT) == normalizer.fix(TEXT)
    # Extra lexicon files travel as text, so a worker without them still works.
    lex = tmp_path / "mine.yaml"
    lex.write_text(LEXICON, encoding="utf-8")
    shipped = pickle.dumps(Normalizer(paths=[lex], defaults=False))
    lex.unlink()
    cache.clear_memory()
    assert pickle.loads(shipped).fix("haftal").text == "Haftar"


def test_a_worker_with_other_shipped_lexicons_refuses(cache_dir: Path) -> None:
    source = LexiconSource.read([], defaults=True)
    forged = LexiconSource(source.defaults, source.extra, "0" * 64)
    cache.clear_memory()
    with pytest.raises(RuntimeError, match="differ"):
        pickle.loads(pickle.dumps(forged)).check()
    assert _key(source, Options()) != _key(forged, Options())


def test_threads_share_one_normalizer() -> None:
    normalizer = Normalizer()
    texts = [f"{i}: haftal met Hifter in Libya; HAFTAL left." for i in range(200)]
    want = [normalizer.fix(t) for t in texts]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(normalizer.fix, texts)) == want


def test_fix_many_streams_without_reading_ahead() -> None:
    pulled = []

    def endless() -> Iterator[str]:
        for i in count():
            pulled.append(i)
            yield "haftal"

    results = list(islice(Normalizer().fix_many(endless()), 3))
    assert [r.text for r in results] == ["Haftar"] * 3
    assert pulled == [0, 1, 2]


def test_options_tokens_do_not_depend_on_set_order() -> None:
    a = Options(disable=frozenset({"lexicon.case", "lexicon.garble"}))
    b = Options(disable=frozenset({"lexicon.garble", "lexicon.case"}))
    assert cache.token(a) == cache.token(b)
    assert cache.token(a) != cache.token(Options())


@pytest.fixture
def fresh_fingerprint() -> Iterator[None]:
    cache.code_fingerprint.cache_clear()
    yield
    cache.code_fingerprint.cache_clear()  # after monkeypatch's undo: the real one again


@pytest.mark.parametrize("dist", ["wordfreq", "english-words", "jsonschema", "PyYAML"])
def test_a_new_version_of_a_data_package_gets_a_new_key(
    dist: str, fresh_fingerprint: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache from an older install of the word lists, the parser or the validator of
    lexicon files (their load checks) is not trusted."""
    before = cache.key_for("lexicons", "options")
    real = cache.dependency_versions()
    assert dist in dict(real)
    bumped = [(d, f"{v}.post1" if d == dist else v) for d, v in real]
    monkeypatch.setattr(cache, "dependency_versions", lambda: bumped)
    cache.code_fingerprint.cache_clear()
    assert cache.key_for("lexicons", "options") != before


def test_a_new_version_of_normalize_gets_a_new_key(
    fresh_fingerprint: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import normalize

    before = cache.key_for("lexicons", "options")
    monkeypatch.setattr(normalize, "__version__", normalize.__version__ + ".post1")
    cache.code_fingerprint.cache_clear()
    assert cache.key_for("lexicons", "options") != before


def test_the_package_data_files_are_part_of_the_key(
    fresh_fingerprint: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lexicon schema (load checks) and the scorer's weights are data, not code."""
    hashed: list[str] = []
    real = Path.read_bytes

    def spy(path: Path) -> bytes:
        hashed.append(path.name)
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", spy)
    cache.code_fingerprint()
    assert {"schema.json", "weights.json", "cache.py"} <= set(hashed)


def test_installed_versions_are_read_as_importlib_metadata_reads_them() -> None:
    from importlib.metadata import version

    assert cache.dependency_versions() == [(d, version(d)) for d, _ in cache.DEPENDENCIES]
    assert cache.package_version("no-such-distribution") == "absent"
