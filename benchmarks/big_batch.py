"""`make bench-big`: `normalize batch` memory on generated JSON Lines far larger than a batch.

Writes JSONL files of 0.1 GB and BIG_GB (default 1) GB, about 1 KB per record (so 1 GB is
about a million records), from the Lee sentences with garbles; runs
``normalize batch FILE --field text -o /dev/null -j 2`` on each and prints the records, the
time and the peak resident memory of any of its processes. Flat memory means the two peaks
are about equal. With psutil installed (the dev extra has it, through distributed), the
resident memory of the whole process tree is also sampled every half second and shown at a
quarter, half, three quarters and the end of the run. The files go to BIG_DIR (default: the
system temporary folder) and are deleted afterwards.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import SEED, garbles
from benchmarks.run import child
from tools.corpora import lee_news


def generate(path: Path, size: int) -> int:
    sentences = [s for doc in lee_news() for s in re.split(r"(?<=[.!?])\s+", doc) if s]
    bad = garbles()
    rng = random.Random(SEED)
    written = n = 0
    with path.open("w", encoding="utf-8") as f:
        while written < size:
            text = " ".join(rng.sample(sentences, rng.randint(3, 8)))
            if rng.random() < 0.25:
                text = f"{text} {rng.choice(bad)} said."
            line = json.dumps({"id": n, "lang": "en", "body": {"text": text}}) + "\n"
            f.write(line)
            written += len(line.encode("utf-8"))
            n += 1
    return n


def sampled(cmd: list[str]) -> list[float]:
    """Run ``cmd``; the summed RSS (MB) of it and its children, every half second."""
    import psutil

    proc = psutil.Popen(cmd, stdout=subprocess.DEVNULL)
    samples: list[float] = []
    while proc.poll() is None:
        try:
            tree = [proc, *proc.children(recursive=True)]
            samples.append(sum(p.memory_info().rss for p in tree) / 2**20)
        except psutil.Error:
            pass
        time.sleep(0.5)
    return samples


def main() -> None:
    big = float(os.environ.get("BIG_GB", "1"))
    normalize = Path(sys.executable).parent / "normalize"
    folder = Path(os.environ.get("BIG_DIR", tempfile.gettempdir()))
    print(
        "| input | records | seconds | MB/s | peak MB (one process) | tree RSS at 25/50/75/100% |"
    )
    print("|---|---:|---:|---:|---:|---|")
    for gb in (0.1, big):
        path = folder / f"normalize-big-{gb:g}GB.jsonl"
        try:
            records = generate(path, int(gb * 1e9))
            size = path.stat().st_size
            cmd = [str(normalize), "batch", str(path), "--field", "body.text", "-o", os.devnull,
                   "-q", "--no-progress", "-j", "2"]  # fmt: skip
            r = child(*cmd)
            curve = "-"
            try:
                samples = sampled(cmd)
                picks = [
                    samples[min(len(samples) - 1, len(samples) * q // 4)] for q in (1, 2, 3, 4)
                ]
                curve = " / ".join(f"{x:.0f}" for x in picks)
            except ImportError:
                pass
            print(f"| {size / 1e9:.2f} GB | {records:,} | {r['seconds']:.0f} |"
                  f" {size / 1e6 / r['seconds']:.1f} | {r['peak_mb']:.0f} | {curve} |")  # fmt: skip
        finally:
            path.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
