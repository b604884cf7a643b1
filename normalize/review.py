"""A review session: a person's decisions on proposed changes, with undo. Pure, no I/O.

The session walks the changes to review in text order. Each step decides one change, or
every undecided change of the same entity, and can be undone. A change nobody decided keeps
the engine's decision (applied stays applied, flagged stays as written). So quitting half-way
keeps exactly the decisions made.

>>> from normalize.model import Action, Change
>>> text = "haftal met salaj"
>>> a = Change(0, 6, "haftal", "Haftar", Action.FLAGGED, 0.7, "lexicon.garble", "p/h")
>>> b = Change(11, 16, "salaj", "Sarraj", Action.FLAGGED, 0.7, "lexicon.garble", "p/s")
>>> s = Session(text, (a, b))
>>> s.accept()
>>> s.current() == b
True
>>> s.output()
'Haftar met salaj'
>>> s.undo()
1
>>> s.current() == a
True
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Sequence
from dataclasses import dataclass

from normalize.model import Action, Change, apply_changes


class Verdict(str, enum.Enum):
    """What the reviewer decided for one change."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    EDITED = "edited"


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    replacement: str
    #: True when the reviewer asked to put the original on the allow-list.
    allow: bool = False
    #: A marker to add at the end of the change's line (``normalize: ignore``), so that the
    #: line is left alone in later runs too; None for none.
    mark: str | None = None


def _same_entity(a: Change, b: Change) -> bool:
    if a.entity is not None or b.entity is not None:
        return a.entity == b.entity
    return a.original.casefold() == b.original.casefold()


class Session:
    """The decisions on ``changes`` (the ones to review) over ``text``.

    ``others`` are changes not shown for review (the applied ones without ``--all``); they
    take part in the output as the engine decided.
    """

    def __init__(self, text: str, changes: Sequence[Change], others: Sequence[Change] = ()) -> None:
        self.text = text
        self.items = tuple(sorted(changes, key=lambda c: c.start))
        self.others = tuple(others)
        self.decisions: dict[int, Decision] = {}
        self._steps: list[tuple[int, ...]] = []

    # -- where we are ------------------------------------------------------------------

    def position(self) -> int | None:
        """Index of the first undecided change, or None when all are decided."""
        return next((i for i in range(len(self.items)) if i not in self.decisions), None)

    def current(self) -> Change | None:
        """The change to decide next."""
        i = self.position()
        return None if i is None else self.items[i]

    def same_entity(self) -> list[int]:
        """Undecided changes of the current change's entity (itself included)."""
        i = self.position()
        if i is None:
            return []
        here = self.items[i]
        return [
            j
            for j, c in enumerate(self.items)
            if j >= i and j not in self.decisions and _same_entity(here, c)
        ]

    @property
    def done(self) -> bool:
        return self.position() is None

    # -- decisions -------------------------------------------------------------------

    def _decide(self, indices: Sequence[int], make: Decision | None = None) -> None:
        if not indices:
            raise IndexError("nothing left to decide")
        for j in indices:
            self.decisions[j] = make or Decision(Verdict.ACCEPTED, self.items[j].replacement)
        self._steps.append(tuple(indices))

    def _here(self) -> list[int]:
        i = self.position()
        return [] if i is None else [i]

    def accept(self) -> None:
        """Accept the current change as proposed."""
        self._decide(self._here())

    def reject(self, *, allow: bool = False) -> None:
        """Keep the original of the current change; ``allow`` also asks to allow-list it."""
        here = self._here()
        original = self.items[here[0]].original if here else ""
        self._decide(here, Decision(Verdict.REJECTED, original, allow))

    def ignore_word(self) -> int:
        """Reject every undecided change of the current original word and ask to allow-list
        it, so it is not asked again here or in later runs; returns how many."""
        i = self.position()
        if i is None:
            return 0
        word = self.items[i].original.casefold()
        indices = [
            j
            for j, c in enumerate(self.items)
            if j >= i and j not in self.decisions and c.original.casefold() == word
        ]
        for j in indices:
            self.decisions[j] = Decision(Verdict.REJECTED, self.items[j].original, allow=True)
        self._steps.append(tuple(indices))
        return len(indices)

    def ignore_line(self, marker: str) -> int:
        """Keep the current change's original and put ``marker`` at the end of its line,
        so later runs leave that line alone; returns the 1-based line number."""
        here = self._here()
        if not here:
            return 0
        change = self.items[here[0]]
        self._decide(here, Decision(Verdict.REJECTED, change.original, mark=marker))
        return line_number(self.text, change.start)

    def marked_lines(self) -> list[int]:
        """The 1-based lines that get an ignore marker, in order."""
        return sorted(
            {
                line_number(self.text, self.items[j].start)
                for j, d in self.decisions.items()
                if d.mark
            }
        )

    def edit(self, replacement: str) -> None:
        """Use ``replacement`` instead of the proposal for the current change."""
        self._decide(self._here(), Decision(Verdict.EDITED, replacement))

    def accept_entity(self) -> int:
        """Accept every undecided change of the current entity; returns how many."""
        indices = self.same_entity()
        for j in indices:
            self.decisions[j] = Decision(Verdict.ACCEPTED, self.items[j].replacement)
        if indices:
            self._steps.append(tuple(indices))
        return len(indices)

    def reject_entity(self) -> int:
        """Reject every undecided change of the current entity; returns how many."""
        indices = self.same_entity()
        for j in indices:
            self.decisions[j] = Decision(Verdict.REJECTED, self.items[j].original)
        if indices:
            self._steps.append(tuple(indices))
        return len(indices)

    def undo(self) -> int:
        """Take back the last step (one change or a whole entity); returns how many."""
        if not self._steps:
            return 0
        step = self._steps.pop()
        for j in step:
            del self.decisions[j]
        return len(step)

    # -- results ---------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """How many changes were accepted, rejected, edited, and are still undecided."""
        out = {v.value: 0 for v in Verdict}
        for d in self.decisions.values():
            out[d.verdict.value] += 1
        out["undecided"] = len(self.items) - len(self.decisions)
        return out

    def allow_words(self) -> list[str]:
        """Originals the reviewer asked to allow-list, in text order, without repeats."""
        seen: set[str] = set()
        words = []
        for j in sorted(self.decisions):
            d = self.decisions[j]
            word = self.items[j].original
            if d.allow and word.casefold() not in seen:
                seen.add(word.casefold())
                words.append(word)
        return words

    def final_changes(self) -> list[Change]:
        """The changes to write: the decided ones as decided, the rest as the engine said."""
        out = [c for c in self.others if c.action is Action.APPLIED]
        for j, change in enumerate(self.items):
            d = self.decisions.get(j)
            if d is None:
                if change.action is Action.APPLIED:
                    out.append(change)
            elif d.verdict is not Verdict.REJECTED and d.replacement != change.original:
                out.append(
                    dataclasses.replace(change, action=Action.APPLIED, replacement=d.replacement)
                )
        return out

    def markers(self) -> list[Change]:
        """The ignore markers asked for, as insertions at the end of their lines (one a line)."""
        out: dict[int, Change] = {}
        for j, d in self.decisions.items():
            if d.mark is None:
                continue
            end = line_end(self.text, self.items[j].end)
            out.setdefault(
                end, Change(end, end, "", d.mark, Action.APPLIED, 1.0, "review.ignore", None)
            )
        return [out[k] for k in sorted(out)]

    def output(self) -> str:
        """The text with :meth:`final_changes` substituted (and any ignore markers added);
        bytes elsewhere unchanged."""
        return apply_changes(self.text, [*self.final_changes(), *self.markers()])


def line_number(text: str, offset: int) -> int:
    """The 1-based line of ``offset`` (LF, CRLF and CR breaks)."""
    head = text[:offset]
    return head.count("\n") + head.count("\r") - head.count("\r\n") + 1


def line_end(text: str, offset: int) -> int:
    r"""The offset of the line break ending the line of ``offset`` (or the text's end).

    >>> line_end("ab\r\ncd", 1), line_end("ab", 0)
    (2, 2)
    """
    ends = [i for i in (text.find("\n", offset), text.find("\r", offset)) if i >= 0]
    return min(ends, default=len(text))
