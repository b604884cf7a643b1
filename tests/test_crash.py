"""Crashes mid-write and concurrent runs: a file is always the old or the new content."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from normalize import Normalizer

POSIX_ONLY = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
CLI = [sys.executable, "-c", "from normalize.cli import run; run()"]


def big_text(lines: int) -> str:
    # Mostly clean prose with a garble every 500 lines, like a real scraped dump.
    return "".join(
        f"{i}: In Libya, haftal said salaj met Khalifa Hifter.\n"
        if i % 500 == 0
        else f"{i}: The committee met on Tuesday to discuss the budget.\n"
        for i in range(lines)
    )


@pytest.fixture(scope="module")
def before_after(shipped: Normalizer) -> tuple[bytes, bytes]:
    text = big_text(80_000)  # about 4 MB
    return text.encode(), shipped.fix(text).text.encode()


def run_fix(path: Path, *extra: str, capture: bool = True) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*CLI, "fix", "--quiet", *extra, str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE if capture else subprocess.DEVNULL,
    )


@POSIX_ONLY
@pytest.mark.parametrize("mode", [(), ("--chunk-size", "100000")], ids=["whole", "streamed"])
def test_sigkill_during_fix_leaves_old_or_new_never_a_mix(
    tmp_path: Path, before_after: tuple[bytes, bytes], mode: tuple[str, ...]
) -> None:
    old, new = before_after
    path = tmp_path / "big.txt"
    path.write_bytes(old)
    started = time.monotonic()
    proc = run_fix(path, *mode)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    full = time.monotonic() - started
    assert path.read_bytes() == new
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    for _ in range(5):
        path.write_bytes(old)
        proc = run_fix(path, *mode, capture=False)
        # Anywhere from start-up to the last write, the rename included.
        time.sleep(rng.uniform(0.0, full * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        data = path.read_bytes()
        assert data in (old, new), f"seed {seed}: {len(data)} bytes, neither old nor new"
    # A killed run cannot clean up after itself; the next run in the folder removes what
    # the dead runs left once it has been untouched for a while (aged here by hand).
    for leftover in tmp_path.glob(".normalize-*.tmp"):
        os.utime(leftover, (1_000_000.0, 1_000_000.0))
    path.write_bytes(old)
    proc = run_fix(path, *mode)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.txt"]


@POSIX_ONLY
@pytest.mark.parametrize("mode", [(), ("--chunk-size", "100000")], ids=["whole", "streamed"])
def test_concurrent_fixes_never_corrupt(
    tmp_path: Path, before_after: tuple[bytes, bytes], mode: tuple[str, ...]
) -> None:
    old, new = before_after
    path = tmp_path / "shared.txt"
    for _ in range(2):
        path.write_bytes(old)
        procs = [run_fix(path, *mode) for _ in range(2)]
        errs = [p.communicate(timeout=300)[1] for p in procs]
        results = [(p.returncode, err) for p, err in zip(procs, errs, strict=True)]
        assert path.read_bytes() == new
        # One run wins; the other either also finds the old content (and writes the same
        # bytes) or sees the file changed under it and refuses with exit 2.
        for code, err in results:
            assert code == 0 or (code == 2 and b"changed while it was being fixed" in err), err
        assert sorted(p.name for p in tmp_path.iterdir()) == ["shared.txt"]
        assert path.stat().st_size == len(new)
