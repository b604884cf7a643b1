"""Applied changes and flags per MB on clean text, where every change is a false alarm.

Run by ``make eval`` after the seed gold and the WMT dev scorer:

- WMT21's human reference translations (``../shared/wmt-dev/references``, when present);
- Python's own documentation (built by :mod:`tools.build_pydoc_corpus` into .cache/pydoc);
- the Lee corpus (:mod:`tools.corpora`), as separate articles and as one file;
- manual pages, /usr/share/doc texts, licence texts and installed packages' READMEs
  (built by :mod:`tools.build_clean_corpus` into .cache/clean, from what the machine has);
- the project's own probe corpus (``fixtures/clean-probe``): translated fiction and memoirs,
  Asian, African and Middle Eastern news, sports, abstracts, software docs, recipes, legal
  and travel text, classical names, tables, written for the project;
- any folder given with ``--dir`` (its ``*.txt``, ``*.md`` and ``*.rst`` files).

    python -m tools.clean_rates [--shared ../shared] [--only NAME ...] [--dir DIR ...]
                                [--rules] [--list]

``--rules`` adds the count of applied and flagged changes by rule id under each corpus;
``--list`` prints every change with its context, to find the mechanism behind it.
"""

from __future__ import annotations

import argparse
import functools
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from normalize import Action, Normalizer
from tools import build_clean_corpus, build_pydoc_corpus
from tools.corpora import CorpusUnavailable, lee_news


@dataclass
class Rates:
    """What one clean corpus got."""

    name: str
    size: int = 0
    applied: int = 0
    flagged: int = 0
    by_rule: Counter[tuple[str, str]] = field(default_factory=Counter)
    changes: list[str] = field(default_factory=list)

    def row(self) -> str:
        mb = self.size / 1e6
        per = self.flagged / mb if mb else 0.0
        return f"| {self.name} | {mb:.2f} | {self.applied} | {self.flagged} | {per:.1f} |"


def measure(name: str, normalizer: Normalizer, texts: Iterable[tuple[str, str]]) -> Rates:
    """The rates of ``normalizer`` on ``texts`` (label, text) pairs."""
    rates = Rates(name)
    for label, text in texts:
        rates.size += len(text.encode("utf-8"))
        for change in normalizer.fix(text).changes:
            if change.action not in (Action.APPLIED, Action.FLAGGED):
                continue
            applied = change.action is Action.APPLIED
            rates.applied += applied
            rates.flagged += not applied
            rates.by_rule[change.rule, change.action.value] += 1
            lo, hi = max(0, change.start - 50), change.end + 50
            context = text[lo:hi].replace("\n", "\\n")
            rates.changes.append(
                f"{change.action.value:7} {change.rule:22} {change.confidence:.2f} "
                f"{change.original!r} -> {change.replacement!r}  [{label}] ...{context}..."
            )
    return rates


def _files(paths: Iterable[Path]) -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8", errors="replace")) for p in paths]


def _folder(folder: Path) -> list[tuple[str, str]]:
    found = [p for ext in ("*.txt", "*.md", "*.rst") for p in folder.rglob(ext) if p.is_file()]
    return _files(sorted(found))


def _corpora(shared: Path) -> list[tuple[str, Callable[[], list[tuple[str, str]]]]]:
    refs = shared / "wmt-dev" / "references"
    out: list[tuple[str, Callable[[], list[tuple[str, str]]]]] = []
    if refs.is_dir():
        out.append(("WMT21 references (A and B)", lambda: _files(sorted(refs.rglob("*.txt")))))
    out.append(("Python docs (pydoc topics + stdlib docstrings)", _pydoc))
    out.append(("Lee corpus, 350 articles", lambda: _lee(joined=False)))
    out.append(("Lee corpus, one file", lambda: _lee(joined=True)))
    for corpus in build_clean_corpus.CORPORA:
        out.append((f"{corpus} ({_DESCRIBE[corpus]})", _clean(corpus)))
    out.append(("clean-probe (fixtures/clean-probe, kinds the others lack)", _probe))
    return out


#: The project's own clean text of many kinds (fixtures/clean-probe/<kind>/).
PROBE = Path(__file__).resolve().parent.parent / "fixtures" / "clean-probe"


def _probe() -> list[tuple[str, str]]:
    return _folder(PROBE)


_DESCRIBE = {
    "man": "manual pages",
    "doc": "/usr/share/doc texts",
    "licenses": "licence and copyright texts",
    "packages": "installed packages' READMEs",
}


def _pydoc() -> list[tuple[str, str]]:
    return _files(build_pydoc_corpus.build())


def _lee(*, joined: bool) -> list[tuple[str, str]]:
    lee = lee_news()
    if joined:
        return [("lee-one-file", "\n\n".join(lee))]
    return [(f"lee-{i:03d}", text) for i, text in enumerate(lee)]


def _clean(corpus: str) -> Callable[[], list[tuple[str, str]]]:
    return lambda: _files(build_clean_corpus.cached(corpus))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parent.parent.parent / "shared"
    parser.add_argument("--shared", type=Path, default=default)
    parser.add_argument("--only", nargs="*", default=[], help="corpora whose name starts so")
    parser.add_argument("--dir", type=Path, action="append", default=[], help="another corpus")
    parser.add_argument("--rules", action="store_true", help="counts by rule id")
    parser.add_argument("--list", action="store_true", help="every change, with its context")
    args = parser.parse_args()
    normalizer = Normalizer()
    corpora = _corpora(args.shared)
    corpora += [(str(d), functools.partial(_folder, d)) for d in args.dir]
    if args.only:
        corpora = [(n, f) for n, f in corpora if n.casefold().startswith(tuple(args.only))]
    rows = ["| clean corpus | MB | applied | flagged | flags per MB |", "|---|---|---|---|---|"]
    details: list[str] = []
    for name, texts in corpora:
        try:
            rates = measure(name, normalizer, texts())
        except CorpusUnavailable as exc:
            rows.append(f"| {name} | - | - | - | unavailable: {exc} |")
            continue
        rows.append(rates.row())
        if args.rules and rates.by_rule:
            counts = ", ".join(f"{r} {a} {n}" for (r, a), n in sorted(rates.by_rule.items()))
            details.append(f"{name}: {counts}")
        if args.list and rates.changes:
            details.append(f"## {name}")
            details.extend(rates.changes)
    print("\n".join(rows))
    if details:
        print()
        print("\n".join(details))


if __name__ == "__main__":
    main()
