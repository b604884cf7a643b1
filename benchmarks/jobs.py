"""`batch -j 1` against `-j 2`: wall clock, and CPU time of the parent and of each worker.

On a machine whose two cores are free the wall-clock ratio is the figure of issue 14 (target
1.85x); on a shared machine it is noise, and the CPU times say what the ratio can be: the
work each worker did (balanced or not), what the parent spent (reading, handing batches
out, writing), and how much more CPU time -j 2 spends in all than -j 1 (each worker's start,
work done twice).

    python -m benchmarks.jobs [FILE.jsonl]     # default: the bench corpus of BENCH_MB MB

BENCH_REPEATS (default 3) runs of each, taking turns; medians are printed. The CPU time of
each worker is read from ``/proc`` while it runs (Linux), so the last few hundredths of a
second of a worker may be missed; the parent's own time is its total (``wait4``, workers
included) less its workers'.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.corpus import build
from benchmarks.run import BIN, machine

TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_of(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds) of a live process, from /proc; None if it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rpartition(")")[2].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK


def _watch(root: int, seen: dict[int, float], stop: threading.Event) -> None:
    """Keep the last CPU time of every process below ``root`` until ``stop``."""
    while not stop.is_set():
        parents: dict[int, int] = {}
        times: dict[int, float] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                got = _cpu_of(int(entry.name))
                if got is not None:
                    parents[int(entry.name)], times[int(entry.name)] = got
        for pid in times:
            up = parents.get(pid)
            while up is not None and up != root and up in parents:
                up = parents[up]
            if up == root:
                seen[pid] = times[pid]
        stop.wait(0.02)


def run(cmd: list[str]) -> dict[str, Any]:
    """One run of ``cmd``: wall seconds, total CPU, the parent's own CPU and each worker's."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen: dict[int, float] = {}
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(proc.pid, seen, stop), daemon=True)
    if Path("/proc").is_dir():
        watcher.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stop.set()
    if watcher.is_alive():
        watcher.join()
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.stderr.write(err)
        raise SystemExit(f"{cmd[0]} exited {code}")
    total = usage.ru_utime + usage.ru_stime
    # the resource tracker of a spawned pool is a process too, with next to no CPU time
    workers = sorted((t for t in seen.values() if t > 0.05), reverse=True)
    return {"wall": wall, "cpu": total, "parent": total - sum(workers), "workers": workers}


def main() -> None:
    repeats = int(os.environ.get("BENCH_REPEATS", "3"))
    if len(sys.argv) > 1:
        jsonl = Path(sys.argv[1])
    else:
        _, jsonl = build(float(os.environ.get("BENCH_MB", "10")))
    mb = jsonl.stat().st_size / 1e6
    normalize = str(BIN / "normalize")
    print(f"machine: {machine()}")
    print(f"input: {jsonl} ({mb:.1f} MB), {repeats} runs of each, taking turns; medians")
    runs: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
    for _ in range(repeats):
        for jobs in runs:
            cmd = [normalize, "batch", str(jsonl), "--field", "text", "-o", os.devnull, "-q"]
            runs[jobs].append(run([*cmd, "--no-progress", "-j", str(jobs)]))
    med: dict[int, dict[str, float]] = {}
    for jobs, rs in runs.items():
        med[jobs] = {k: statistics.median(r[k] for r in rs) for k in ("wall", "cpu", "parent")}
        workers = [statistics.median(ws) for ws in zip(*(r["workers"] for r in rs), strict=False)]
        shown = " + ".join(f"{w:.2f}" for w in workers) or "none"
        print(
            f"-j {jobs}: wall {med[jobs]['wall']:.2f} s, CPU {med[jobs]['cpu']:.2f} s"
            f" (parent's own {med[jobs]['parent']:.2f} s, workers {shown})"
        )
    one, two = med[1], med[2]
    spent = two["cpu"] / one["cpu"]
    print(
        f"-j 2 speed-up over -j 1: {one['wall'] / two['wall']:.2f}x by the wall clock (target"
        f" 1.85x); -j 2 spends {spent:.2f}x the CPU time of -j 1, so on two free cores it can"
        f" make at most {2 / spent:.2f}x"
    )
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
