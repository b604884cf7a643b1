"""Applied changes and flags per MB on clean text, where every change is a false alarm.

Run by ``make eval`` after the seed gold and the WMT dev scorer:

- WMT21's human reference translations (``../shared/wmt-dev/references``, when present);
- Python's own documentation (built by :mod:`tools.build_pydoc_corpus` into .cache/pydoc);
- the Lee corpus (:mod:`tools.corpora`), as separate articles and as one file.

    python -m tools.clean_rates [--shared ../shared]
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path

from normalize import Action, Normalizer
from tools.build_pydoc_corpus import build
from tools.corpora import CorpusUnavailable, lee_news


def _rates(name: str, normalizer: Normalizer, texts: Iterable[str]) -> str:
    size = applied = flagged = 0
    for text in texts:
        size += len(text.encode("utf-8"))
        for change in normalizer.fix(text).changes:
            applied += change.action is Action.APPLIED
            flagged += change.action is Action.FLAGGED
    mb = size / 1e6
    per = flagged / mb if mb else 0.0
    return f"| {name} | {mb:.2f} | {applied} | {flagged} | {per:.1f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parent.parent.parent / "shared"
    parser.add_argument("--shared", type=Path, default=default)
    args = parser.parse_args()
    normalizer = Normalizer()
    rows = ["| clean corpus | MB | applied | flagged | flags per MB |", "|---|---|---|---|---|"]
    refs = args.shared / "wmt-dev" / "references"
    if refs.is_dir():
        texts = [p.read_text(encoding="utf-8") for p in sorted(refs.rglob("*.txt"))]
        rows.append(_rates("WMT21 references (A and B)", normalizer, texts))
    pydoc = [p.read_text(encoding="utf-8") for p in build()]
    rows.append(_rates("Python docs (pydoc topics + stdlib docstrings)", normalizer, pydoc))
    try:
        lee = lee_news()
    except CorpusUnavailable as exc:
        rows.append(f"| Lee corpus | - | - | - | unavailable: {exc} |")
    else:
        rows.append(_rates("Lee corpus, 350 articles", normalizer, lee))
        rows.append(_rates("Lee corpus, one file", normalizer, ["\n\n".join(lee)]))
    print("\n".join(rows))


if __name__ == "__main__":
    main()
