"""`make bench`: throughput, scaling, start-up and memory, with codespell as the peer.

Every figure comes from a separate process, so each has its own peak memory, and nothing is
asserted: the machine may be shared. Environment: BENCH_MB (corpus size, default 50),
BENCH_REPEATS (best of N for the in-process passes, default 2), BENCH_SIZES (synthetic
lexicon sizes, default "1000 10000 100000").

    python -m benchmarks.run
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.corpus import build

BIN = Path(sys.executable).parent


def run_json(*cmd: str | Path) -> dict[str, Any]:
    out = subprocess.run([str(c) for c in cmd], check=True, capture_output=True, text=True).stdout
    data: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return data


def measure(kind: str, corpus: Path, entities: int = 0, repeats: int = 1) -> dict[str, Any]:
    py = sys.executable
    return run_json(py, "-m", "benchmarks.measure", kind, corpus, str(entities), str(repeats))


def child(*cmd: str | Path) -> dict[str, Any]:
    return run_json(sys.executable, "-m", "benchmarks.child", *cmd)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; load average {load}"
    )


def main() -> None:
    megabytes = float(os.environ.get("BENCH_MB", "50"))
    repeats = int(os.environ.get("BENCH_REPEATS", "2"))
    sizes = [int(x) for x in os.environ.get("BENCH_SIZES", "1000 10000 100000").split()]
    txt, jsonl = build(megabytes)
    mb = txt.stat().st_size / 1e6
    jmb = jsonl.stat().st_size / 1e6
    print(f"machine: {machine()}")
    print(f"corpus: {txt.name}, {mb:.1f} MB of Lee news sentences with injected garbles")
    rows: list[tuple[str, float | None, float | None, str]] = []

    codespell = shutil.which("codespell", path=str(BIN)) or shutil.which("codespell")
    peer = child(codespell, txt) if codespell else None
    peer_rate = mb / peer["seconds"] if peer else None

    def add(name: str, seconds: float, size: float, peak: float | None, note: str = "") -> None:
        rows.append((name, size / seconds, peak, note))

    floor = measure("floor", txt, repeats=repeats)
    add("Python read + str.split (floor)", floor["seconds"], mb, floor["peak_mb"])
    if peer:
        add("codespell 2.x (peer)", peer["seconds"], mb, peer["peak_mb"], "one process")
    pipe = measure("pipeline", txt, repeats=repeats)
    add("normalize: whole pipeline, shipped lexicons", pipe["seconds"], mb, pipe["peak_mb"],
        f"{pipe['found']} changes")  # fmt: skip
    exact = measure("exact", txt, repeats=repeats)
    add("normalize: exact pass, shipped lexicons", exact["seconds"], mb, exact["peak_mb"])
    scaling: dict[int, float] = {}
    for n in sizes:
        r = measure("exact", txt, n, repeats)
        scaling[n] = r["seconds"]
        add(f"normalize: exact pass, {n:,} synthetic entities", r["seconds"], mb, r["peak_mb"],
            f"compiled in {r['build_s']:.1f} s (cached after)")  # fmt: skip
    normalize = BIN / "normalize"
    batch = {}
    for jobs in (1, 2):
        cmd = [normalize, "batch", jsonl, "--field", "text", "-o", os.devnull, "-q"]
        r = child(*cmd, "--no-progress", "-j", str(jobs))
        batch[jobs] = r["seconds"]
        add(f"normalize batch -j {jobs} (JSONL, with start-up)", r["seconds"], jmb,
            r["peak_mb"], "peak of any of its processes")  # fmt: skip

    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.txt"
        small.write_bytes(txt.read_bytes()[:1000])
        child(normalize, "check", small)  # warms the cache
        starts = [child(normalize, "check", small)["seconds"] for _ in range(11)]

    width = max(len(r[0]) for r in rows)
    print()
    print(f"| {'measurement':<{width}} |   MB/s | x codespell | peak MB | note")
    print(f"|{'-' * (width + 2)}|-------:|------------:|--------:|-----")
    for name, rate, peak, note in rows:
        ratio = f"{rate / peer_rate:.2f}" if rate and peer_rate else "-"
        peak_s = f"{peak:.0f}" if peak is not None else "-"
        rate_s = f"{rate:.1f}" if rate is not None else "-"
        print(f"| {name:<{width}} | {rate_s:>6} | {ratio:>11} | {peak_s:>7} | {note}")
    print()
    if len(scaling) > 1:
        lo, hi = min(scaling), max(scaling)
        print(f"exact pass, {hi:,} vs {lo:,} entities: {scaling[hi] / scaling[lo]:.2f}x the time")
    print(f"batch -j 2 speed-up over -j 1: {batch[1] / batch[2]:.2f}x")
    print(
        f"normalize check on 1 KB, warm cache: median {statistics.median(starts):.3f} s, "
        f"min {min(starts):.3f} s, max {max(starts):.3f} s (11 runs)"
    )
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
