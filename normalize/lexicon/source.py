"""The raw text of the lexicon files a Normalizer is built from, with a content digest.

Reading and hashing a few files is cheap; parsing YAML and validating it against the schema
is not. The digest lets the compiled form be found in the cache before any parsing, and it
is what a pickled Normalizer carries to a worker instead of the compiled indexes.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field

from normalize.lexicon.loader import default_lexicon_files, merge_sources, read_lexicon_sources
from normalize.lexicon.records import Lexicon


@dataclass(frozen=True)
class LexiconSource:
    """Which lexicon files, and their text: the shipped ones (``defaults``) and ``extra``.

    ``extra`` holds (name, text or None, read error) for each file given by path, so a
    source pickled to a worker on another machine does not need the files there. The shipped
    files are not carried: the worker reads its own and :meth:`check` that they match.

    >>> src = LexiconSource.read([], defaults=True)
    >>> len(src.digest), src == LexiconSource.read([], defaults=True)
    (64, True)
    """

    defaults: bool
    extra: tuple[tuple[str, str | None, str], ...]
    digest: str = field(compare=True)

    @classmethod
    def read(cls, paths: Iterable[str | os.PathLike[str]], *, defaults: bool) -> LexiconSource:
        extra = read_lexicon_sources(paths)
        return cls(defaults, tuple(extra), _digest(defaults, extra))

    @property
    def readable(self) -> bool:
        """False when a file could not be read (loading then reports it; nothing is cached)."""
        return all(text is not None for _, text, _ in self.extra)

    def sources(self) -> list[tuple[str, str | None, str]]:
        shipped = [(n, t, "") for n, t in default_lexicon_files()] if self.defaults else []
        return [*shipped, *self.extra]

    def load(self) -> Lexicon:
        """Parse and merge; raises :class:`~normalize.lexicon.LexiconError` with every problem."""
        return merge_sources(self.sources())

    def check(self) -> None:
        """Raise ``RuntimeError`` if the shipped lexicons here differ from the ones hashed."""
        if _digest(self.defaults, list(self.extra)) != self.digest:
            raise RuntimeError(
                "the lexicons shipped with this normalize installation differ from those of "
                "the process that built the Normalizer (different versions?)"
            )


def _digest(defaults: bool, extra: list[tuple[str, str | None, str]]) -> str:
    h = hashlib.sha256()
    shipped = default_lexicon_files() if defaults else []
    for name, text in [*shipped, *((n, t or f"\0unreadable\0{e}") for n, t, e in extra)]:
        for part in (name, text):
            data = part.encode("utf-8", "surrogatepass")
            h.update(len(data).to_bytes(8, "little"))
            h.update(data)
    h.update(b"defaults" if defaults else b"no-defaults")
    return h.hexdigest()
