"""Run the ``examples`` of every entity and confusion through a Normalizer.

Pure: returns the failures and prints nothing, so ``normalize lexicon check`` and the test
suite share it. An example passes when normalising ``text`` gives exactly ``fixed``; a
flagged change leaves the text as it is, so an example whose ``fixed`` equals its ``text``
also holds when the engine only flags; one marked ``flagged: true`` must raise a flag.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from normalize.lexicon.records import Confusion, Entity, Example, Lexicon, Origin

if TYPE_CHECKING:  # the engine imports the lexicon package, not the other way round
    from normalize.engine import Normalizer


@dataclass(frozen=True)
class ExampleFailure:
    """One example whose output differs from what the lexicon says it must be."""

    record: str
    origin: Origin
    text: str
    expected: str
    got: str

    def __str__(self) -> str:
        return (
            f"{self.origin}: {self.record}: {self.text!r} gave {self.got!r}, not {self.expected!r}"
        )


def examples_of(lexicon: Lexicon) -> Iterator[tuple[Entity | Confusion, Example]]:
    """Every (record, example) pair of a lexicon, entities first, in file order."""
    records: list[Entity | Confusion] = [*lexicon.entities, *lexicon.confusions]
    for record in records:
        for example in record.examples:
            yield record, example


def run_examples(lexicon: Lexicon, normalizer: Normalizer | None = None) -> list[ExampleFailure]:
    """The examples of ``lexicon`` that ``normalizer`` (default: one built on ``lexicon``)
    gets wrong.

    >>> from normalize.lexicon import Entity, Example, Lexicon
    >>> lex = Lexicon((Entity("person/x", "person", "Khalifa Haftar", short="Haftar",
    ...     garbles=("haftal",), examples=(Example("haftal said", "Haftar said"),
    ...                                    Example("haftal said", "haftal said"))),))
    >>> [f.got for f in run_examples(lex)]
    ['Haftar said']
    """
    if normalizer is None:
        from normalize.engine import Normalizer

        normalizer = Normalizer(lexicon)
    failures: list[ExampleFailure] = []
    for record, example in examples_of(lexicon):
        result = normalizer.fix(example.text)
        got = result.text
        if example.flagged and not result.flagged:
            got += "  (no flag raised)"
        if got != example.fixed:
            failures.append(
                ExampleFailure(record.id, record.origin, example.text, example.fixed, got)
            )
    return failures
