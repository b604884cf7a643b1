"""Word-set gates: which of a finder's word sets a document has in full, decided at C level.

A finder whose every candidate needs certain words in the document (a name and its "s"
plural, the words of a lower-cased outlet name) lists those sets once, at compile time.
Each set is indexed by its rarest word (lowest Zipf frequency), so that on a document one
frozenset intersection with the rare words usually proves that no set is complete, and
only the few sets whose rare word is present are checked in full (subset tests, also at C
level). The gate is exact: a set passes if and only if all of its words are present.
"""

from __future__ import annotations

from collections.abc import Iterable

from normalize.vocab import zipf


def _rank(word: str) -> float:
    """How common a word is likely to be: its Zipf frequency for a plain ASCII word (from
    the cached table), common for other ASCII tokens ("10"), rare for any other."""
    if word.isascii():
        return zipf(word) if word.isalpha() else 7.0
    return 0.0


class WordGate:
    """Labelled word sets; :meth:`passing` gives the labels of the sets a document has.

    >>> gate = WordGate([("a", frozenset({"the", "Koreas"})), ("b", frozenset({"CNNs"}))])
    >>> sorted(gate.passing(frozenset({"the", "Koreas", "are"})))
    ['a']
    >>> gate.passing(frozenset({"Koreas", "CNN"}))
    frozenset()
    """

    def __init__(self, sets: Iterable[tuple[str, frozenset[str]]]) -> None:
        by_key: dict[str, dict[frozenset[str], set[str]]] = {}
        for label, words in sets:
            if not words:
                raise ValueError(f"empty word set for {label!r}")
            key = min(words, key=lambda w: (_rank(w), -len(w), w))
            by_key.setdefault(key, {}).setdefault(words, set()).add(label)
        self._by_key: dict[str, tuple[tuple[frozenset[str], frozenset[str]], ...]] = {
            key: tuple((words, frozenset(labels)) for words, labels in groups.items())
            for key, groups in by_key.items()
        }
        #: The rare words: a document with none of them passes no set.
        self.keys = frozenset(self._by_key)

    def passing(self, distinct: frozenset[str]) -> frozenset[str]:
        """The labels of every set whose words are all in ``distinct``."""
        present = self.keys & distinct
        if not present:
            return frozenset()
        labels: set[str] = set()
        for key in present:
            for words, names in self._by_key[key]:
                if words <= distinct:
                    labels |= names
        return frozenset(labels)
