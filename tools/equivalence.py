"""Check that an optimisation changed no decision: dump every result, then compare dumps.

    python -m tools.equivalence dump OUT.jsonl [MEGABYTES]   # default 2 MB of the bench corpus
    python -m tools.equivalence compare BEFORE.jsonl AFTER.jsonl

A dump holds, for each document (the seeds, the fixture inputs, the Lee corpus, the first
MEGABYTES of the benchmark corpus, and each seed lower-cased, upper-cased and cut into
paragraphs), the fixed text and every change with its rule, entity, confidence and
evidence, under several option sets (defaults, low thresholds, --canonical). ``compare``
prints the first differences and exits 1 if there are any.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from normalize import Normalizer
from normalize.engine import Options
from normalize.resolve import Thresholds

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def documents(megabytes: float) -> Iterator[tuple[str, str]]:
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        yield f"seed:{path.name}", text
        yield f"seed-lower:{path.name}", text.lower()
        yield f"seed-upper:{path.name}", text.upper()
        for i, para in enumerate(text.split("\n\n")):
            yield f"seed-para:{path.name}:{i}", para
    for path in sorted((ROOT / "fixtures").glob("*/input.txt")):
        yield f"fixture:{path.parent.name}", path.read_text(encoding="utf-8")
    from tools.corpora import lee_news

    lee = lee_news()
    for i, doc in enumerate(lee):
        yield f"lee:{i}", doc
    # Long files made of many articles: where evidence per article (not per file) may
    # change a decision on purpose.
    seeds = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))]
    yield "long:lee-one-file", "\n\n".join(lee) + "\n"
    yield "long:lee-lines", "\n".join(lee) + "\n"
    yield "long:seeds-one-file", "\n\n\n".join(seeds)
    yield "long:lee-and-seeds", "\n\n".join(lee[:60]) + "\n\n\n" + "\n\n\n".join(seeds)
    from benchmarks.corpus import build

    txt, _ = build(50)
    data = txt.read_bytes()[: int(megabytes * 1_000_000)].decode("utf-8", errors="ignore")
    for i, line in enumerate(data.splitlines(keepends=True)):
        yield f"bench:{i}", line


OPTION_SETS = {
    "default": Options(),
    "low": Options(thresholds=Thresholds(apply=0.6, flag=0.2)),
    "canonical": Options(canonical=True),
}


def dump(out: Path, megabytes: float) -> None:
    normalizers = {name: Normalizer(options=opts) for name, opts in OPTION_SETS.items()}
    docs = list(documents(megabytes))
    with out.open("w", encoding="utf-8") as f:
        for name, normalizer in normalizers.items():
            for doc_id, text in docs:
                result = normalizer.fix(text)
                record = {
                    "options": name,
                    "doc": doc_id,
                    "text": result.text if result.text != text else None,
                    "changes": [c.to_json() for c in result.changes],
                }
                f.write(json.dumps(record, sort_keys=True) + "\n")


def compare(before: Path, after: Path) -> int:
    a = before.read_text(encoding="utf-8").splitlines()
    b = after.read_text(encoding="utf-8").splitlines()
    if len(a) != len(b):
        print(f"different number of records: {len(a)} vs {len(b)}")
        return 1
    shown = 0
    differ = 0
    for x, y in zip(a, b, strict=True):
        if x != y:
            differ += 1
            if shown < 20:
                shown += 1
                rx, ry = json.loads(x), json.loads(y)
                print(f"--- {rx['options']} {rx['doc']}")
                _show_difference(rx["changes"], ry["changes"])
    changes = sum(len(json.loads(x)["changes"]) for x in a)
    print(f"{len(a)} results, {changes} changes before; {differ} results differ")
    return 1 if differ else 0


def _show_difference(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> None:
    """Each change that differs, once as it was and once as it is (by place)."""

    def keyed(changes: list[dict[str, Any]]) -> dict[tuple[int, int], dict[str, Any]]:
        return {(c["start"], c["end"]): c for c in changes}

    old, new = keyed(before), keyed(after)
    for place in sorted(old.keys() | new.keys()):
        a, b = old.get(place), new.get(place)
        if a == b:
            continue
        for label, c in (("before", a), ("after ", b)):
            if c is None:
                print(f"  {label} {place}: nothing")
            else:
                print(
                    f"  {label} {place}: {c['original']!r} -> {c['replacement']!r}"
                    f" {c['action']} {c['confidence']} {c['rule']};"
                    f" {'; '.join(c['evidence'])[:300]}"
                )


def main(argv: list[str]) -> int:
    if argv[:1] == ["dump"] and len(argv) in (2, 3):
        dump(Path(argv[1]), float(argv[2]) if len(argv) == 3 else 2.0)
        return 0
    if argv[:1] == ["compare"] and len(argv) == 3:
        return compare(Path(argv[1]), Path(argv[2]))
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
