"""``lexicon impact``: what a lexicon change alters on a reference corpus, per entry.

Pure: takes two engines (before and after the change) and the corpus texts, and returns
the changes that appear or disappear, grouped by lexicon entry, as Markdown for a pull
request.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from normalize.engine import Normalizer
from normalize.model import Change


@dataclass(frozen=True)
class Delta:
    """One change that only one side makes: ``side`` is ``added`` or ``removed``."""

    side: str
    doc: str
    line: int
    change: Change
    context: str


def _sig(c: Change) -> tuple[int, int, str, str, str, str, str | None]:
    return (c.start, c.end, c.original, c.replacement, c.action.value, c.rule, c.entity)


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    left = text[max(0, start - width) : start].split("\n")[-1]
    right = text[end : end + width].split("\n")[0]
    return f"{left}**{text[start:end]}**{right}".strip()


def impact(corpus: Sequence[tuple[str, str]], before: Normalizer, after: Normalizer) -> list[Delta]:
    """Every change made by only one of the two engines on the (name, text) corpus."""
    out: list[Delta] = []
    for name, text in corpus:
        old = {_sig(c): c for c in before.fix(text).changes}
        new = {_sig(c): c for c in after.fix(text).changes}
        for side, mine, theirs in (("removed", old, new), ("added", new, old)):
            for sig, change in mine.items():
                if sig not in theirs:
                    line = text.count("\n", 0, change.start) + 1
                    ctx = _context(text, change.start, change.end)
                    out.append(Delta(side, name, line, change, ctx))
    out.sort(key=lambda d: (d.change.entity or "", d.doc, d.change.start, d.side))
    return out


def _cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def to_markdown(deltas: Sequence[Delta], *, docs: int, base: str) -> str:
    """A Markdown section for a pull request: a summary line and one table per entry.

    >>> to_markdown([], docs=3, base="HEAD")
    '### Lexicon impact\\n\\nNo change on 3 corpus documents against `HEAD`.\\n'
    """
    head = "### Lexicon impact\n\n"
    if not deltas:
        return head + f"No change on {docs} corpus documents against `{base}`.\n"
    added = sum(d.side == "added" for d in deltas)
    removed = len(deltas) - added
    parts = [
        head + f"On {docs} corpus documents against `{base}`: {added} change(s) added, "
        f"{removed} removed, {len({d.change.entity for d in deltas})} entries.\n"
    ]
    groups: dict[str, list[Delta]] = defaultdict(list)
    for d in deltas:
        groups[d.change.entity or "(no entry)"].append(d)
    for entity, items in groups.items():
        parts.append(
            f"\n#### `{entity}`\n\n| | where | change | rule | context |\n|---|---|---|---|---|"
        )
        for d in items:
            c = d.change
            sign = "+" if d.side == "added" else "-"
            what = f"{c.original} → {c.replacement} ({c.action.value} {c.confidence:.2f})"
            where = f"{_cell(d.doc)}:{d.line}"
            parts.append(f"| {sign} | {where} | {_cell(what)} | {c.rule} | {_cell(d.context)} |")
    return "\n".join(parts) + "\n"
