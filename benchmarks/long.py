"""Long documents: one file of 1, 5 and 20 MB of news, repeated garbled text, and the file of
issue 14 (the Lee corpus and seed 003 in one file, 12 times), each fixed as one text.

Cost per MB of a long document against the cost per MB of the bench corpus's 2.5 KB
documents (the scaling line): a document's cost must grow with its length, not faster. Each
figure is the best of BENCH_REPEATS runs in a process of its own, CPU time (steadier than the
wall clock on a shared machine); codespell on the same file is the peer.

    python -m benchmarks.long            # every row (LONG_MB="1 5 20" sets the news sizes)
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

from benchmarks.corpus import OUT, build
from benchmarks.run import BIN, child, measure

ROOT = Path(__file__).resolve().parent.parent
SEED003 = ROOT.parent / "shared" / "seeds" / "003_5427bc860031b65b.txt"
#: A garble, its entity's country, the same short sentence again and again (issue 15, item 3).
GARBLED = "In Libya, haftal said. "


def news(megabytes: float, corpus: Path) -> Path:
    """The first ``megabytes`` of the bench corpus's documents, one after another in one file,
    separated by blank lines as a concatenation of articles is."""
    path = OUT / f"long-news-{megabytes:g}MB.txt"
    if not path.exists():
        target = int(megabytes * 1_000_000)
        parts: list[str] = []
        size = 0
        with corpus.open(encoding="utf-8") as f:
            for line in f:
                parts.append(line.rstrip("\n"))
                size += len(line.encode("utf-8")) + 1
                if size >= target:
                    break
        path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return path


def garbled(megabytes: float) -> Path:
    """``GARBLED`` repeated on one line: one article, a garble every 23 bytes."""
    path = OUT / f"long-garbled-{megabytes:g}MB.txt"
    if not path.exists():
        path.write_text(GARBLED * int(megabytes * 1_000_000 / len(GARBLED)) + "\n")
    return path


def lee_and_seed(times: int = 12) -> Path | None:
    """Issue 14's file: the Lee corpus (one article per paragraph) and seed 003, ``times``
    times over (4.7 MB at 12); None where ../shared is absent."""
    if not SEED003.is_file():
        return None
    from tools.corpora import lee_news

    path = OUT / f"long-lee-seed003-x{times}.txt"
    if not path.exists():
        one = "\n\n".join(lee_news()) + "\n\n" + SEED003.read_text(encoding="utf-8")
        path.write_text((one + "\n\n") * times, encoding="utf-8")
    return path


def rows(megabytes: float) -> list[tuple[str, Path, dict[str, Any], dict[str, Any] | None]]:
    """(name, file, normalize's figures, codespell's figures) for every long-document row."""
    repeats = int(os.environ.get("BENCH_REPEATS", "2"))
    corpus, _ = build(megabytes)
    sizes = [float(x) for x in os.environ.get("LONG_MB", "1 5 20").split()]
    files = [(f"news, {mb:g} MB in one file", news(mb, corpus)) for mb in sizes]
    files.append(("repeated garbled sentence, 1 MB, one line", garbled(1)))
    issue = lee_and_seed()
    if issue is not None:
        files.append(("Lee corpus + seed 003 x12 (issue 14)", issue))
    codespell = shutil.which("codespell", path=str(BIN)) or shutil.which("codespell")
    found = []
    for name, path in files:
        mine = measure("whole", path, repeats=repeats)
        peer = child(codespell, path) if codespell else None
        found.append((name, path, mine, peer))
    return found


def main() -> None:
    megabytes = float(os.environ.get("BENCH_MB", "50"))
    corpus, _ = build(megabytes)
    small_mb = corpus.stat().st_size / 1e6
    repeats = int(os.environ.get("BENCH_REPEATS", "2"))
    small = measure("pipeline", corpus, repeats=repeats)
    per_mb_small = small["cpu_s"] / small_mb
    print(f"2.5 KB documents ({corpus.name}): {per_mb_small:.3f} CPU s/MB")
    print_rows(rows(megabytes), per_mb_small)


def print_rows(
    found: list[tuple[str, Path, dict[str, Any], dict[str, Any] | None]], per_mb_small: float
) -> None:
    width = max(len(name) for name, *_ in found)
    head = "|    MB | CPU s/MB | x 2.5 KB docs | x codespell | x codespell (CPU) | peak MB"
    print(f"| {'long document':<{width}} {head}")
    print(
        f"|{'-' * (width + 2)}|------:|---------:|--------------:|------------:|"
        "------------------:|--------:"
    )
    largest: tuple[float, float] | None = None
    for name, path, mine, peer in found:
        mb = path.stat().st_size / 1e6
        per_mb = mine["cpu_s"] / mb
        # As in run.py: throughput over codespell's on the same file (wall clock).
        ratio = f"{peer['seconds'] / mine['seconds']:.2f}" if peer else "-"
        # The same by CPU time (codespell's includes its start-up, ~0.15 s).
        cpu_ratio = f"{peer['cpu_seconds'] / mine['cpu_s']:.2f}" if peer else "-"
        print(
            f"| {name:<{width}} | {mb:5.1f} | {per_mb:8.3f} | {per_mb / per_mb_small:13.2f} |"
            f" {ratio:>11} | {cpu_ratio:>17} | {mine['peak_mb']:7.0f}"
        )
        if name.startswith("news") and (largest is None or mb > largest[0]):
            largest = (mb, per_mb)
        if name.startswith("Lee"):
            print(f"issue 14's file: {per_mb / per_mb_small:.2f}x the cost per MB (target < 1.5x)")
    if largest is not None:
        mb, per_mb = largest
        print(
            f"scaling: cost per MB at {mb:.0f} MB is {per_mb / per_mb_small:.2f}x the cost per MB"
            " of 2.5 KB documents (target within 1.3x)"
        )


if __name__ == "__main__":
    sys.exit(main())
