"""`make bench`: throughput, scaling, long documents, start-up and memory, vs codespell.

Every figure comes from a separate process, so each has its own peak memory, and nothing is
asserted: the machine may be shared. Environment: BENCH_MB (corpus size, default 50),
BENCH_REPEATS (best of N for the in-process passes, default 2), BENCH_SIZES (synthetic
lexicon sizes, default "1000 10000 100000").

    python -m benchmarks.run
    python -m benchmarks.run startup [NORMALIZE]   # only the start-up figures
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


#: Start-up is timed the way an installed package starts: with its modules' bytecode cached
#: (pip writes it at install time). PYTHONDONTWRITEBYTECODE, set in some shells and CI images,
#: would make every start compile the package's sources again (about 40 ms here).
BYTECODE_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_json(*cmd: str | Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    out = subprocess.run(
        [str(c) for c in cmd], check=True, capture_output=True, text=True, env=env
    ).stdout
    data: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return data


def measure(kind: str, corpus: Path, entities: int = 0, repeats: int = 1) -> dict[str, Any]:
    py = sys.executable
    return run_json(py, "-m", "benchmarks.measure", kind, corpus, str(entities), str(repeats))


def child(*cmd: str | Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    return run_json(sys.executable, "-m", "benchmarks.child", *cmd, env=env)


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


#: Plain prose with no names and nothing to repair: what a start costs at the least.
LIGHT_TEXT = (
    "The committee met again on Tuesday morning to go over the budget for the coming year. "
    "Most of the members agreed that the roads and the schools needed more money, and that "
    "the parks could wait another season. A few of them asked whether the new building by "
    "the river would be finished in time for the spring, and the chair said that the work "
    "was going well but that the weather had slowed it down. After a short break they "
    "talked about the water supply, the price of paper and the state of the old library, "
    "which has needed a new roof for many years. Nobody wanted to raise the rates, so they "
    "chose to sell some of the land near the station instead. The meeting ended a little "
    "after noon, and the next one will be held in the same room at the end of the month. "
    "Copies of the notes can be found at the front desk, and anyone who wants to speak at "
    "the next meeting should write to the clerk a week before it. The tea was cold again, "
    "and the clerk promised that the heating would be fixed well before the winter came."
)


def startup_inputs(corpus: Path, folder: Path) -> dict[str, Path]:
    """1 KB inputs for the start-up figure: light prose, dense news, and the seed files.

    Dense is the first 1000 bytes of the benchmark corpus (news with garbles); the seeds,
    the first 1000 bytes of each, come from BENCH_SEEDS (default ``../shared/seeds``) when
    that folder exists.
    """
    inputs = {"light": LIGHT_TEXT.encode()[:1000], "dense": corpus.read_bytes()[:1000]}
    seeds = Path(os.environ.get("BENCH_SEEDS", Path(__file__).parents[2] / "shared" / "seeds"))
    if seeds.is_dir():
        for seed in sorted(seeds.glob("*.txt")):
            inputs[f"seed {seed.stem[:3]}"] = seed.read_bytes()[:1000]
    paths = {}
    for name, data in inputs.items():
        path = folder / f"{name.replace(' ', '-')}.txt"
        path.write_bytes(data)
        paths[name] = path
    return paths


def startup(normalize: Path | str, corpus: Path, runs: int = 11) -> dict[str, list[dict[str, Any]]]:
    """``normalize check`` on each 1 KB input, warm cache, ``runs`` times each (wall and CPU).

    The inputs take turns, so a change in the machine's load touches all of them alike.
    """
    with tempfile.TemporaryDirectory() as tmp:
        paths = startup_inputs(corpus, Path(tmp))
        for path in paths.values():
            # warms the compiled cache, the bytecode cache and the file system
            child(normalize, "check", path, env=BYTECODE_ENV)
        times: dict[str, list[dict[str, Any]]] = {name: [] for name in paths}
        for _ in range(runs):
            for name, path in paths.items():
                times[name].append(child(normalize, "check", path, env=BYTECODE_ENV))
    return times


def print_startup(times: dict[str, list[dict[str, Any]]]) -> None:
    for name, runs in times.items():
        wall = [r["seconds"] for r in runs]
        cpu = statistics.median(r["cpu_seconds"] for r in runs)
        print(
            f"normalize check on 1 KB ({name}), warm cache: median {statistics.median(wall):.3f} s"
            f" (CPU {cpu:.3f} s), min {min(wall):.3f} s, max {max(wall):.3f} s ({len(runs)} runs)"
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
    #: CPU seconds of the rows that have them (a shared machine moves them far less than
    #: the wall clock): the ratio to codespell is printed on both.
    cpu: dict[str, float] = {}

    codespell = shutil.which("codespell", path=str(BIN)) or shutil.which("codespell")
    peer = child(codespell, txt) if codespell else None
    peer_rate = mb / peer["seconds"] if peer else None
    # typos (Rust) as a second, compiled peer; one thread, as every other row has one core.
    typos = shutil.which("typos", path=str(BIN)) or shutil.which("typos")
    compiled = child(typos, "--threads", "1", "--format", "silent", txt) if typos else None

    def add(
        name: str,
        seconds: float,
        size: float,
        peak: float | None,
        note: str = "",
        cpu_s: float | None = None,
    ) -> None:
        rows.append((name, size / seconds, peak, note))
        if cpu_s:
            cpu[name] = size / cpu_s

    floor = measure("floor", txt, repeats=repeats)
    add("Python read + str.split (floor)", floor["seconds"], mb, floor["peak_mb"])
    words = measure("words", txt, repeats=repeats)
    add("each document's distinct words (word-set floor)", words["seconds"], mb, words["peak_mb"])
    if peer:
        add("codespell 2.x (peer)", peer["seconds"], mb, peer["peak_mb"], "one process",
            peer["cpu_seconds"])  # fmt: skip
    if compiled:
        add("typos 1.x (compiled peer)", compiled["seconds"], mb, compiled["peak_mb"],
            "Rust, --threads 1")  # fmt: skip
    pipe = measure("pipeline", txt, repeats=repeats)
    add("normalize: whole pipeline, shipped lexicons", pipe["seconds"], mb, pipe["peak_mb"],
        f"{pipe['found']} changes", pipe["cpu_s"])  # fmt: skip
    exact = measure("exact", txt, repeats=repeats)
    add("normalize: exact pass, shipped lexicons", exact["seconds"], mb, exact["peak_mb"],
        cpu_s=exact["cpu_s"])  # fmt: skip
    scaling: dict[int, float] = {}
    for n in sizes:
        r = measure("exact", txt, n, repeats)
        scaling[n] = r["seconds"]
        add(f"normalize: exact pass, {n:,} synthetic entities", r["seconds"], mb, r["peak_mb"],
            f"compiled in {r['build_s']:.1f} s (cached after)")  # fmt: skip
    normalize = BIN / "normalize"
    batch = {}
    batch_cpu = {}
    for jobs in (1, 2):
        cmd = [normalize, "batch", jsonl, "--field", "text", "-o", os.devnull, "-q"]
        r = child(*cmd, "--no-progress", "-j", str(jobs))
        batch[jobs] = r["seconds"]
        batch_cpu[jobs] = r["cpu_seconds"]
        add(f"normalize batch -j {jobs} (JSONL, with start-up)", r["seconds"], jmb,
            r["peak_mb"], "peak of any of its processes")  # fmt: skip

    starts = startup(normalize, txt)
    from benchmarks import long  # imports this module

    long_rows = long.rows(megabytes)

    width = max(len(r[0]) for r in rows)
    print()
    peer_cpu = cpu.get("codespell 2.x (peer)")
    head = "|   MB/s | x codespell | CPU MB/s | x codespell (CPU) | peak MB | note"
    print(f"| {'measurement':<{width}} {head}")
    rule = "|-------:|------------:|---------:|------------------:|--------:|-----"
    print(f"|{'-' * (width + 2)}{rule}")
    for name, rate, peak, note in rows:
        ratio = f"{rate / peer_rate:.2f}" if rate and peer_rate else "-"
        peak_s = f"{peak:.0f}" if peak is not None else "-"
        rate_s = f"{rate:.1f}" if rate is not None else "-"
        by_cpu = cpu.get(name)
        cpu_s = f"{by_cpu:.1f}" if by_cpu else "-"
        cpu_ratio = f"{by_cpu / peer_cpu:.2f}" if by_cpu and peer_cpu else "-"
        print(
            f"| {name:<{width}} | {rate_s:>6} | {ratio:>11} | {cpu_s:>8} | {cpu_ratio:>17} |"
            f" {peak_s:>7} | {note}"
        )
    print()
    if len(scaling) > 1:
        lo, hi = min(scaling), max(scaling)
        print(f"exact pass, {hi:,} vs {lo:,} entities: {scaling[hi] / scaling[lo]:.2f}x the time")
    if peer_rate:
        cpu_note = f" ({mb / pipe['cpu_s'] / peer_cpu:.2f}x by CPU time)" if peer_cpu else ""
        print(
            f"target, 1x codespell: {peer_rate:.1f} MB/s; the pipeline makes "
            f"{mb / pipe['seconds'] / peer_rate:.2f}x{cpu_note}"
        )
    spent = batch_cpu[2] / batch_cpu[1]
    print(
        f"batch -j 2 speed-up over -j 1: {batch[1] / batch[2]:.2f}x (target 1.85x); the CPU"
        f" time of all its processes is {spent:.2f}x that of -j 1, so on two free cores it can"
        f" make at most {2 / spent:.2f}x"
    )
    print()
    long.print_rows(long_rows, pipe["cpu_s"] / mb)
    print()
    print_startup(starts)
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def main_startup() -> None:
    """Only the start-up figures: ``python -m benchmarks.run startup [NORMALIZE]``.

    NORMALIZE (default: this environment's console script) may be another installation's
    ``normalize``, to compare two versions on the same machine at the same time.
    """
    normalize = sys.argv[2] if len(sys.argv) > 2 else str(BIN / "normalize")
    txt, _ = build(float(os.environ.get("BENCH_MB", "50")))
    print(f"machine: {machine()}")
    print(f"command: {normalize}")
    print_startup(startup(normalize, txt, int(os.environ.get("BENCH_STARTS", "11"))))
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["startup"]:
        main_startup()
    else:
        main()
