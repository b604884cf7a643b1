"""The Normalizer: runs the finders over a text and resolves what they propose.

Pure: no printing, no file access. Build one Normalizer and reuse it; it holds only
immutable compiled data and is safe to share between threads and to pickle.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import regex

from normalize.document import Document
from normalize.evidence import EvidenceModel
from normalize.finders import Finder
from normalize.finders.acronym import AcronymFinder
from normalize.finders.calque import CalqueFinder
from normalize.finders.confusion import ConfusionFinder
from normalize.finders.exact import ExactFinder, ExactIndex
from normalize.finders.fuzzy import FuzzyFinder
from normalize.finders.namecase import NameCaseFinder
from normalize.finders.possessive import PossessiveFinder
from normalize.finders.punctuation import PunctuationFinder
from normalize.fuzzyindex import FuzzyIndex
from normalize.lexicon.loader import load_default_lexicons
from normalize.lexicon.records import Lexicon
from normalize.model import Candidate, Result, apply_changes
from normalize.protect import DEFAULT_PATTERN_TIMEOUT
from normalize.resolve import Thresholds, resolve
from normalize.rules import RULE_IDS, RULES


@dataclass(frozen=True)
class Options:
    """Engine settings; every default is documented here and nowhere else.

    - ``thresholds``: confidence needed to apply (0.8) or flag (0.5) a change.
    - ``canonical``: also rewrite legitimate aliases to the canonical form (off).
    - ``disable``: rule ids to switch off; ``enable``: rule ids off by default to switch on.
    - ``allow``: words or phrases never changed nor flagged (compared case-insensitively
      with the whole span a rule would change).
    - ``ignore``: regular expressions (``regex`` syntax) whose matches are left alone; each
      gets ``ignore_timeout`` seconds per text, after which the text is refused with
      :class:`normalize.protect.PatternTimeoutError`.
    """

    thresholds: Thresholds = field(default_factory=Thresholds)
    canonical: bool = False
    disable: frozenset[str] = frozenset()
    enable: frozenset[str] = frozenset()
    allow: frozenset[str] = frozenset()
    ignore: tuple[str, ...] = ()
    ignore_timeout: float = DEFAULT_PATTERN_TIMEOUT

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
        index = ExactIndex(self.lexicon)
        evidence = EvidenceModel(self.lexicon, index)
        self._finders: tuple[Finder, ...] = tuple(
            f
            for f in (
                ExactFinder(index, enabled=enabled),
                ConfusionFinder(evidence),
                CalqueFinder(self.lexicon, evidence),
                PossessiveFinder(self.lexicon, evidence),
                AcronymFinder(self.lexicon, evidence, enabled=enabled),
                NameCaseFinder(self.lexicon, evidence),
                PunctuationFinder(enabled=enabled),
                FuzzyFinder(FuzzyIndex(self.lexicon), enabled=enabled),
            )
            if f.rules & enabled
        )
        try:
            self._ignore = tuple(regex.compile(p) for p in self.options.ignore)
        except regex.error as exc:
            raise ValueError(f"bad ignore pattern: {exc}") from exc
        self._allow = frozenset(w.casefold() for w in self.options.allow)

    def candidates(self, text: str) -> list[Candidate]:
        """Everything the finders propose for ``text``, before resolution."""
        doc = Document(text, self._ignore, self.options.ignore_timeout)
        enabled = self.options.enabled_rules
        found = [c for f in self._finders for c in f.find(doc) if c.rule in enabled]
        if not found:
            # Protected spans cost a scan of the whole text; clean text should not pay it.
            return found
        # Checked here as well as in the finders, so a finder that forgets cannot touch
        # protected text or an allowed word.
        protected = doc.protected
        return [
            c
            for c in found
            if c.original.casefold() not in self._allow
            and not (protected and protected.overlaps(c.start, c.end))
        ]

    def fix(self, text: str) -> Result:
        """Normalise one text. Applying ``result.applied`` to ``text`` gives ``result.text``."""
        changes = resolve(self.candidates(text), self.options.thresholds)
        return Result(apply_changes(text, changes), changes)

    def fix_many(self, texts: Iterable[str]) -> Iterator[Result]:
        """Normalise a stream of texts lazily, one result per text, in order."""
        for text in texts:
            yield self.fix(text)
