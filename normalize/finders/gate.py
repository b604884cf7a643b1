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
        single: dict[str, set[str]] = {}
        several: dict[str, set[tuple[frozenset[str], str]]] = {}
        for label, words in sets:
            if not words:
                raise ValueError(f"empty word set for {label!r}")
            if len(words) == 1:
                (word,) = words
                single.setdefault(word, set()).add(label)
            else:
                key = min(words, key=lambda w: (_rank(w), -len(w), w))
                several.setdefault(key, set()).add((words, label))
        # One-word sets pass with their word; the others are indexed by their rarest word.
        self._single = {word: tuple(labels) for word, labels in single.items()}
        self._several = {key: tuple(pairs) for key, pairs in several.items()}
        #: The words to look for: a document with none of them passes no set.
        self.keys = frozenset(self._single) | frozenset(self._several)

    def passing(
        self, distinct: frozenset[str], present: frozenset[str] | None = None
    ) -> frozenset[str]:
        """The labels of every set whose words are all in ``distinct``; ``present``, when
        given, must be ``self.keys & distinct`` (as :meth:`Document.among` finds it)."""
        if present is None:
            present = self.keys & distinct
        if not present:
            return frozenset()
        labels: set[str] = set()
        for key in present:
            labels.update(self._single.get(key, ()))
            for words, label in self._several.get(key, ()):
                if words <= distinct:
                    labels.add(label)
        return frozenset(labels)
