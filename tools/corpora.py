"""Real, clean English news for false-positive tests and benchmarks, from a PyPI package.

The Lee corpus (Lee, Pincombe & Welsh, 2005): 300 + 50 news articles from the Australian
Broadcasting Corporation, one per line, as shipped in the ``gensim`` wheel under
``gensim/test/test_data/`` (gensim is LGPL-2.1; the corpus is distributed with it for research
use). It is read straight out of the pinned wheel, which ``pip download`` fetches from PyPI
into ``.cache/corpora/`` once, so neither gensim nor its numeric dependencies are installed.
Nothing of it is committed to this repository.

    python -m tools.corpora          # fetch if needed and print a summary
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "corpora"
GENSIM = "gensim==4.4.0"
LEE_FILES = ("gensim/test/test_data/lee_background.cor", "gensim/test/test_data/lee.cor")


class CorpusUnavailable(RuntimeError):
    """The corpus could not be fetched (no registry reachable, pip failed)."""


def _wheel() -> Path:
    found = sorted(CACHE.glob("gensim-4.4.0-*.whl"))
    if found:
        return found[0]
    CACHE.mkdir(parents=True, exist_ok=True)
    pip = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check"]
    cmd = [*pip, "--no-deps", "--only-binary=:all:", "-d", str(CACHE), GENSIM]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    found = sorted(CACHE.glob("gensim-4.4.0-*.whl"))
    if proc.returncode != 0 or not found:
        raise CorpusUnavailable(f"pip download {GENSIM} failed: {proc.stderr.strip()[-300:]}")
    return found[0]


def lee_news() -> list[str]:
    """The 350 articles of the Lee corpus, one string each, as published."""
    articles: list[str] = []
    with zipfile.ZipFile(_wheel()) as wheel:
        for name in LEE_FILES:
            text = wheel.read(name).decode("latin-1")  # the files are Latin-1 (e.g. 0xa3, £)
            articles.extend(line.strip() for line in text.splitlines() if line.strip())
    return articles


if __name__ == "__main__":
    docs = lee_news()
    size = sum(len(d.encode("utf-8")) for d in docs)
    print(f"Lee corpus: {len(docs)} articles, {size:,} bytes, from {_wheel().name}")
