"""The Normalizer: runs the finders over a text and resolves what they propose.

Pure: no printing, no file access. Build one Normalizer and reuse it; it holds only
immutable compiled data and is safe to share between threads and to pickle.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from normalize.document import Document
from normalize.finders import Finder
from normalize.finders.exact import ExactFinder, ExactIndex
from normalize.finders.fuzzy import FuzzyFinder
from normalize.fuzzyindex import FuzzyIndex
from normalize.lexicon.loader import load_default_lexicons
from normalize.lexicon.records import Lexicon
from normalize.model import Candidate, Result, apply_changes
from normalize.resolve import Thresholds, resolve
from normalize.rules import RULE_IDS, RULES


@dataclass(frozen=True)
class Options:
    """Engine settings; every default is documented here and nowhere else.

    - ``thresholds``: confidence needed to apply (0.8) or flag (0.5) a change.
    - ``canonical``: also rewrite legitimate aliases to the canonical form (off).
    - ``disable``: rule ids to switch off; ``enable``: rule ids off by default to switch on.
    """

    thresholds: Thresholds = field(default_factory=Thresholds)
    canonical: bool = False
    disable: frozenset[str] = frozenset()
    enable: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        unknown = sorted((self.disable | self.enable) - RULE_IDS)
        if unknown:
            raise ValueError(f"unknown rule id(s): {', '.join(unknown)}")

    @property
    def enabled_rules(self) -> frozenset[str]:
        on = {r.id for r in RULES if r.default} | set(self.enable)
        if self.canonical:
            on.add("lexicon.canonical")
        return frozenset(on - self.disable)


class Normalizer:
    """Finds and repairs translation noise in English text.

    >>> from normalize.lexicon import Entity, Lexicon
    >>> lex = Lexicon((Entity("person/khalifa-haftar", "person", "Khalifa Haftar",
    ...                       short="Haftar", aliases=("Hifter",), garbles=("haftal",)),))
    >>> result = Normalizer(lex).fix("HAFTAL and haftal met Hifter.")
    >>> result.text
    'HAFTAR and Haftar met Hifter.'
    >>> [(c.original, c.replacement, c.action.value) for c in result.changes]
    [('HAFTAL', 'HAFTAR', 'applied'), ('haftal', 'Haftar', 'applied')]
    """

    def __init__(self, lexicon: Lexicon | None = None, options: Options | None = None) -> None:
        self.lexicon = lexicon if lexicon is not None else load_default_lexicons()
        self.options = options if options is not None else Options()
        enabled = self.options.enabled_rules
        self._finders: tuple[Finder, ...] = tuple(
            f
            for f in (
                ExactFinder(ExactIndex(self.lexicon), enabled=enabled),
                FuzzyFinder(FuzzyIndex(self.lexicon), enabled=enabled),
            )
            if f.rules & enabled
        )

    def candidates(self, text: str) -> list[Candidate]:
        """Everything the finders propose for ``text``, before resolution."""
        doc = Document(text)
        enabled = self.options.enabled_rules
        return [c for f in self._finders for c in f.find(doc) if c.rule in enabled]

    def fix(self, text: str) -> Result:
        """Normalise one text. Applying ``result.applied`` to ``text`` gives ``result.text``."""
        changes = resolve(self.candidates(text), self.options.thresholds)
        return Result(apply_changes(text, changes), changes)

    def fix_many(self, texts: Iterable[str]) -> Iterator[Result]:
        """Normalise a stream of texts lazily, one result per text, in order."""
        for text in texts:
            yield self.fix(text)
