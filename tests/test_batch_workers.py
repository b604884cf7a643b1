"""How `batch -j N` workers start: what each is handed, and what a forked one shares.

Counts, not timings: a worker unpickles its job once (not with every batch), and a worker
forked from a parent that preloaded the lexicons loads nothing from the compiled cache.
"""

from __future__ import annotations

import os
import sys
import threading
from typing import Any

import pytest

from normalize import cache
from normalize.batch import Batch, TextJob, ordered_map
from normalize.engine import Normalizer

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork is POSIX only")

#: Set again at run time by a test: a forked worker sees the new value, a spawned one the
#: value its fresh import gives.
MARK = "imported"
#: How many times this process unpickled a Counting job.
UNPICKLED = [0]
#: Loads from the compiled cache in this process since the count was started.
LOADS = [0]


class Counting:
    """A job that says which process ran it and how often that process unpickled it."""

    def __call__(self, batch: Batch) -> tuple[int, int, str]:
        return os.getpid(), UNPICKLED[0], MARK

    def __getstate__(self) -> dict[str, Any]:
        return {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        UNPICKLED[0] += 1


@pytest.mark.parametrize("start", ["spawn", "fork"])
def test_a_worker_is_handed_its_job_once_not_with_every_batch(start: str) -> None:
    batches = [Batch(i, []) for i in range(1, 40)]
    results = list(ordered_map(Counting(), batches, workers=2, start=start))
    assert len(results) == len(batches)
    # spawned: unpickled once per worker; forked: inherited, never unpickled
    assert {times for _, times, _ in results} == ({1} if start == "spawn" else {0})


def test_fork_falls_back_to_spawn_while_another_thread_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A thread's locks would be copied held into a forked worker."""
    monkeypatch.setattr(sys.modules[__name__], "MARK", "set by the parent")
    batches = [Batch(i, []) for i in range(1, 5)]
    forked = list(ordered_map(Counting(), batches, workers=2, start="fork"))
    assert {mark for _, _, mark in forked} == {"set by the parent"}
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        spawned = list(ordered_map(Counting(), batches, workers=2, start="fork"))
    finally:
        stop.set()
        other.join()
    assert {mark for _, _, mark in spawned} == {"imported"}


def test_an_unknown_start_method_is_refused() -> None:
    with pytest.raises(ValueError, match="start must be one of"):
        list(ordered_map(Counting(), [Batch(1, [])], workers=2, start="thread"))


class CountedJob:
    """Fixes each line with a preloaded Normalizer; says how many cache loads this process
    made since the parent started counting."""

    def __init__(self, normalizer: Normalizer) -> None:
        self.job = TextJob(normalizer)

    def __call__(self, batch: Batch) -> tuple[int, int]:
        self.job(batch)
        return LOADS[0], os.getpid()


def test_forked_workers_share_what_the_parent_preloaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    normalizer = Normalizer()
    normalizer.preload()
    real = cache.load

    def counted(key: str) -> Any:
        LOADS[0] += 1
        return real(key)

    monkeypatch.setattr(cache, "load", counted)
    lines = [b"In Libya, haftal said on Monday.\n", b"Xi Jinping met Makelong.\n"]
    batches = [Batch(i, lines) for i in range(1, 9)]
    results = list(ordered_map(CountedJob(normalizer), batches, workers=2, start="fork"))
    assert {loads for loads, _ in results} == {0}
    assert os.getpid() not in {pid for _, pid in results}
