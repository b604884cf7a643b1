"""The compiled form of the lexicons, cached on disk and in the process, for a fast start.

What is cached is whatever the engine compiles (the lexicon records and the whole tuple of
compiled finders), pickled as one value, so finders added later are covered without
changes here. The key hashes the lexicon text, the engine options, the package version, the
source and data files of the package itself, the versions of the packages whose code or data
goes into the compiled form (:data:`DEPENDENCIES`: the lexicon parser and validator, the word
lists) and the Python version: editing a finder, upgrading either, or switching interpreters
gets a fresh entry instead of stale objects (which would skip, say, a new load check).

Files live in the user cache directory (``platformdirs``), or in ``$NORMALIZE_CACHE_DIR``;
``NORMALIZE_NO_CACHE=1`` turns the disk cache off. Each file is written to a temporary name
and renamed, so a reader never sees half a file; a file that fails to load for any reason
is ignored and rewritten. Writing prunes the folder to the newest :data:`KEEP_FILES` files,
but never one in use (written or loaded within :data:`IN_USE_SECONDS`), so that parallel
jobs sharing the folder do not evict each other's entries. The cache is only an
optimisation: when the folder cannot be written the value is simply rebuilt next time.

Only pickles this package wrote to the user's own cache folder are ever loaded.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import json
import os
import pickle
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

CACHE_ENV = "NORMALIZE_CACHE_DIR"
DISABLE_ENV = "NORMALIZE_NO_CACHE"
_MAGIC = "normalize-compiled/1"
#: Cache files kept; older ones are removed when a new one is written.
KEEP_FILES = 8
#: A file written or loaded this many seconds ago or less is in use (by the workers of a
#: batch, by parallel jobs sharing the folder) and is kept even beyond :data:`KEEP_FILES`.
IN_USE_SECONDS = 600.0
#: Compiled values held in one process (one per lexicon and options in use).
KEEP_IN_MEMORY = 8

_memo: dict[str, Any] = {}
_lock = threading.RLock()


def cache_dir() -> Path | None:
    """Where compiled lexicons are kept, or ``None`` when the disk cache is off."""
    if os.environ.get(DISABLE_ENV, "") not in ("", "0"):
        return None
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("normalize", appauthor=False)) / "compiled"


#: Installed distributions (and the module that finds each) whose code or data goes into
#: what is cached: the YAML parser and the schema validator of lexicon files (their load
#: checks), the word list and the word frequencies, the transliteration and phonetic tables,
#: the fuzzy matcher and the regular expressions. A new version of any gets a fresh entry.
DEPENDENCIES = (
    ("PyYAML", "yaml"),
    ("jsonschema", "jsonschema"),
    ("wordfreq", "wordfreq"),
    ("english-words", "english_words"),
    ("pypinyin", "pypinyin"),
    ("iuliia", "iuliia"),
    ("anyascii", "anyascii"),
    ("jellyfish", "jellyfish"),
    ("rapidfuzz", "rapidfuzz"),
    ("regex", "regex"),
)
#: This package's files that the key hashes: its code and its data (the lexicon schema and
#: lint baseline, the name scorer's weights); the lexicon texts are hashed by their source.
_HASHED_SUFFIXES = (".py", ".json")


@cache
def code_fingerprint() -> str:
    """A digest of this package's source and data files, its version, the versions of
    :data:`DEPENDENCIES` and the interpreter's."""
    from normalize import __version__

    h = hashlib.sha256(f"{__version__}\0{sys.version}\0{_MAGIC}".encode())
    for dist, version in dependency_versions():
        h.update(f"\0{dist}=={version}".encode())
    root = Path(__file__).resolve().parent
    for path in _package_files(root):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _package_files(root: Path) -> list[Path]:
    """The code and data files of the package at ``root``, sorted; a linked folder (the
    lexicons, in a source checkout) is followed, as the installed package has it copied."""
    found = [
        Path(folder) / name
        for folder, dirs, names in os.walk(root, followlinks=True)
        if "__pycache__" not in Path(folder).parts
        for name in names
        if name.endswith(_HASHED_SUFFIXES)
    ]
    return sorted(found)


def dependency_versions() -> list[tuple[str, str]]:
    """(distribution, installed version) of each of :data:`DEPENDENCIES`."""
    return [(dist, package_version(dist, module)) for dist, module in DEPENDENCIES]


def _canonical(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


def package_version(dist: str, module: str | None = None) -> str:
    """The installed version of the distribution ``dist`` (imported as ``module``), from
    the name of its ``.dist-info`` folder beside the module when there is exactly one:
    ``importlib.metadata`` costs 30-90 ms to import and search, more than the rest of a warm
    start's look-ups together. ``"absent"`` when it is not installed.

    >>> import importlib.metadata as md
    >>> package_version("PyYAML", "yaml") == md.version("PyYAML"), package_version("no-such")
    (True, 'absent')
    """
    from importlib.util import find_spec

    try:
        spec = find_spec(module or _canonical(dist))
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.origin:
        wanted = _canonical(dist)
        found = [
            stem.partition("-")[2]
            for stem in _dist_infos(str(Path(spec.origin).parent.parent))
            if _canonical(stem.partition("-")[0]) == wanted
        ]
        if len(found) == 1:
            return found[0]
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "absent"


@cache
def _dist_infos(folder: str) -> tuple[str, ...]:
    """The names, without ``.dist-info``, of the distributions installed in ``folder``."""
    try:
        names = [p.name for p in Path(folder).iterdir()]
    except OSError:
        return ()
    return tuple(n[: -len(".dist-info")] for n in names if n.endswith(".dist-info"))


def token(value: Any) -> str:
    """A stable text form of options (dataclasses, sets, numbers) for a cache key.

    Sets are sorted, so the token does not depend on hash randomisation.

    >>> token({"b": frozenset({"y", "x"}), "a": 1.5})
    '{"a": 1.5, "b": ["x", "y"]}'
    """

    def plain(v: Any) -> Any:
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            return {f.name: plain(getattr(v, f.name)) for f in dataclasses.fields(v)}
        if isinstance(v, (set, frozenset)):
            return sorted(plain(x) for x in v)
        if isinstance(v, (list, tuple)):
            return [plain(x) for x in v]
        if isinstance(v, dict):
            return {str(k): plain(x) for k, x in v.items()}
        return v

    return json.dumps(plain(value), sort_keys=True, default=repr)


def key_for(*parts: str) -> str:
    """The cache key of a value built from ``parts`` by this version of the code."""
    h = hashlib.sha256(code_fingerprint().encode())
    for part in parts:
        h.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _path(key: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"{key}.pickle"


#: Move what :func:`load` unpickles to the collector's permanent generation
#: (:func:`gc.freeze`). The CLI turns this on: its compiled lexicons live as long as the
#: process, and otherwise the first collection after loading walks every one of their
#: objects (20 ms for the shipped lexicons) to free nothing. A library leaves it off,
#: because freezing also keeps whatever cyclic garbage the host program has at that moment.
freeze_loaded = False


@contextlib.contextmanager
def _collection_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: unpickling a compiled lexicon allocates hundreds
    of thousands of objects, none of them garbage, and the collections those allocations
    trigger cost more than the unpickling itself (0.09 s against 0.04 s, measured)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze_loaded:
            gc.freeze()
        if enabled:
            gc.enable()


def load(key: str) -> Any | None:
    """The value stored under ``key``, or ``None`` if absent, unreadable or corrupt."""
    path = _path(key)
    if path is None:
        return None
    try:
        data = path.read_bytes()
        with _collection_paused():
            magic, stored_key, value = pickle.loads(data)
    except Exception:  # missing, truncated, or written by other code: rebuild it
        return None
    if magic != _MAGIC or stored_key != key:
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used files survive pruning
    return value


def store(key: str, value: Any) -> bool:
    """Write ``value`` under ``key`` atomically; False (and nothing raised) if it cannot."""
    path = _path(key)
    if path is None:
        return False
    tmp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".tmp-", suffix=".part", dir=path.parent)
        tmp = Path(name)
        with os.fdopen(fd, "wb") as f:
            pickle.dump((_MAGIC, key, value), f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)  # atomic: readers see the old file or the whole new one
        tmp = None
        _prune(path.parent, keep=path)
        return True
    except Exception:  # unwritable folder, or a value that does not pickle (TypeError, ...)
        return False
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()


def _prune(folder: Path, keep: Path | None = None) -> None:
    """Keep the newest :data:`KEEP_FILES` cache files, and any in use (used within
    :data:`IN_USE_SECONDS`), and ``keep`` (the file just written) whatever the clocks say;
    drop writes abandoned an hour ago.

    Other processes may write, load and prune the same folder at once: a file they remove
    meanwhile is skipped, and one they have just written or loaded is in use.
    """
    now = time.time()
    used: list[tuple[float, Path]] = []
    for p in folder.glob("*.pickle"):
        try:
            used.append((p.stat().st_mtime, p))
        except OSError:  # removed meanwhile by another process
            continue
    used.sort(key=lambda pair: pair[0], reverse=True)
    old = [p for t, p in used[KEEP_FILES:] if now - t > IN_USE_SECONDS and p != keep]
    for p in folder.glob(".tmp-*.part"):
        with contextlib.suppress(OSError):
            if now - p.stat().st_mtime > 3600:
                old.append(p)
    for p in old:
        with contextlib.suppress(OSError):
            p.unlink()


def get_or_build(key: str, build: Callable[[], T], *, disk: bool = True) -> T:
    """The value for ``key``: from this process, else from disk, else built and stored.

    Thread-safe; a value is built at most once per process.
    """
    with _lock:
        if key in _memo:
            value: T = _memo[key]
            return value
        loaded = load(key) if disk else None
        if loaded is not None:
            value = loaded
        else:
            value = build()
            if disk:
                store(key, value)
        while len(_memo) >= KEEP_IN_MEMORY:
            del _memo[next(iter(_memo))]
        _memo[key] = value
        return value


def stored(key: str) -> bool:
    """Whether a file for ``key`` is on disk (it may still fail to load: see :func:`load`)."""
    path = _path(key)
    try:
        return path is not None and path.is_file()
    except OSError:  # a folder this user may not look into: as if absent
        return False


def in_memory(key: str) -> bool:
    """Whether ``key`` was already built or loaded in this process."""
    return key in _memo


def clear_memory() -> None:
    """Forget every value held in this process (the disk cache stays)."""
    with _lock:
        _memo.clear()
