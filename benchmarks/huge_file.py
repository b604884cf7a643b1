"""A 200 MB file on one line through `normalize fix`: peak RSS and time of the streamed path.

Usage: python benchmarks/huge_file.py [MEGABYTES]   (default 200)

Writes the file to a temporary folder, runs the CLI in a child process, samples its RSS
every 50 ms with psutil, and checks the output against the text built with the garbles
already corrected. Not run as a test (it takes minutes and needs 2x the file on disk).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

CLEAN = "the committee met to discuss the budget and the harvest in the north . "
DIRTY = "In Libya haftal said Khalifa Hifter would meet salaj in Tripoli . "
FIXED = "In Libya Haftar said Khalifa Hifter would meet Sarraj in Tripoli . "


def build(path: Path, megabytes: int) -> bytes:
    unit_in = (CLEAN * 40 + DIRTY).encode()
    unit_out = (CLEAN * 40 + FIXED).encode()
    count = megabytes * 2**20 // len(unit_in)
    with path.open("wb") as out:
        for _ in range(count):
            out.write(unit_in)
    return unit_out  # the file is a run of `count` such units


def main(megabytes: int = 200) -> None:
    with tempfile.TemporaryDirectory(dir=".") as tmp:
        path = Path(tmp, "huge.txt")
        unit_out = build(path, megabytes)
        size = path.stat().st_size
        cmd = [sys.executable, "-c", "from normalize.cli import run; run()", "fix", str(path)]
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stderr=subprocess.PIPE)
        watch = psutil.Process(child.pid)
        peak = 0
        while child.poll() is None:
            try:
                peak = max(peak, watch.memory_info().rss)
            except psutil.NoSuchProcess:
                break
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        err = child.stderr.read().decode() if child.stderr else ""
        if child.stderr:
            child.stderr.close()
        ok = True
        with path.open("rb") as result:
            while block := result.read(len(unit_out) * 1000):
                ok = ok and block == unit_out * (len(block) // len(unit_out))
        print(f"file: {size / 2**20:.0f} MiB on one line; exit {child.returncode}")
        print(f"peak RSS of the fix process: {peak / 2**20:.0f} MiB; {seconds:.1f} s")
        print(f"output as expected: {ok}")
        print(err.strip().splitlines()[-1] if err.strip() else "")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
