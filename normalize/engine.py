"""The Normalizer: runs the finders over a text and resolves what they propose.

Pure: no printing, and no file access once built (building reads the lexicon files and the
compiled cache, see :mod:`normalize.cache`). Build one Normalizer and reuse it; it holds
immutable compiled data, plus the fuzzy finder's bounded memo of per-word results (shared
by threads, left out of pickles), and is safe to share between threads and to pickle.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from normalize import cache
from normalize.document import Document, article_bounds
from normalize.evidence import EvidenceModel
from normalize.finders import Finder, memo_seed
from normalize.finders.acronym import AcronymFinder
from normalize.finders.calque import CalqueFinder
from normalize.finders.confusion import ConfusionFinder
from normalize.finders.exact import ExactFinder, ExactIndex
from normalize.finders.fuzzy import FuzzyFinder
from normalize.finders.namecase import NameCaseFinder
from normalize.finders.names import NamesFinder
from normalize.finders.possessive import PossessiveFinder
from normalize.finders.punctuation import PunctuationFinder
from normalize.fuzzyindex import FuzzyIndex
from normalize.lexicon.records import Entity, Lexicon
from normalize.lexicon.source import LexiconSource
from normalize.limits import LimitError
from normalize.model import Candidate, Change, Result, apply_changes
from normalize.protect import (
    DEFAULT_PATTERN_TIMEOUT,
    broken_word,
    compile_ignore_pattern,
    handle_like,
    in_roster,
)
from normalize.resolve import Thresholds, resolve
from normalize.rules import RULE_IDS, RULES
from normalize.scoring import context_evidence


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


def compile_finders(lexicon: Lexicon, options: Options) -> tuple[Finder, ...]:
    """Every finder the options switch on, compiled for ``lexicon``: what the cache stores."""
    enabled = options.enabled_rules
    index = ExactIndex(lexicon)
    evidence = EvidenceModel(lexicon, index)
    finders: tuple[Finder, ...] = (
        ExactFinder(index, enabled=enabled),
        ConfusionFinder(evidence),
        CalqueFinder(lexicon, evidence),
        PossessiveFinder(lexicon, evidence),
        AcronymFinder(lexicon, evidence, enabled=enabled),
        NameCaseFinder(lexicon, evidence),
        PunctuationFinder(enabled=enabled),
        FuzzyFinder(FuzzyIndex(lexicon), enabled=enabled, flag=options.thresholds.flag),
        NamesFinder(lexicon, enabled=enabled),
    )
    return tuple(f for f in finders if f.rules & enabled)


class Normalizer:
    """Finds and repairs translation noise in English text.

    Without ``lexicon``, the shipped lexicons (unless ``defaults`` is false) and the files or
    folders in ``paths`` are loaded; their compiled form comes from the cache when it can
    (``cache=False``: never read or write it). A pickled Normalizer carries only that recipe
    (a few hundred bytes plus the text of ``paths``) and is rebuilt from the worker's cache.

    >>> from normalize.lexicon import Entity, Lexicon
    >>> lex = Lexicon((Entity("person/khalifa-haftar", "person", "Khalifa Haftar",
    ...                       short="Haftar", aliases=("Hifter",), garbles=("haftal",)),))
    >>> result = Normalizer(lex).fix("HAFTAL and haftal met Hifter.")
    >>> result.text
    'HAFTAR and Haftar met Hifter.'
    >>> [(c.original, c.replacement, c.action.value) for c in result.changes]
    [('HAFTAL', 'HAFTAR', 'applied'), ('haftal', 'Haftar', 'applied')]
    >>> import pickle
    >>> pickle.loads(pickle.dumps(Normalizer(lex))).fix("haftal").text
    'Haftar'
    """

    def __init__(
        self,
        lexicon: Lexicon | None = None,
        options: Options | None = None,
        *,
        paths: Sequence[str | os.PathLike[str]] = (),
        defaults: bool = True,
        cache: bool = True,
    ) -> None:
        self.options = options if options is not None else Options()
        self._runtime()
        self._cache = cache
        self._source: LexiconSource | None = None
        if lexicon is not None:
            if paths or not defaults:
                raise TypeError("give either a lexicon or paths/defaults, not both")
            self.lexicon = lexicon
            self._finders = compile_finders(lexicon, self.options)
        else:
            self._source = LexiconSource.read(paths, defaults=defaults)
            if _deferred(self._source, self.options, cache):
                # Compiled before and on disk: loaded on first use (see __getattr__), so
                # that a process that only hands the recipe to workers (``batch -j N``)
                # never loads it. The compiled value was built from the same lexicon text,
                # so it cannot hold a lexicon error to report now.
                self._pending = True
                return
            self.lexicon, self._finders = _compiled(self._source, self.options, cache)
        self._plan()

    def __getattr__(self, name: str) -> Any:
        """The compiled lexicons and what :meth:`_plan` derives from them, loaded on the
        first use of any of them when the constructor deferred loading."""
        if name in _DEFERRED and self.__dict__.get("_pending"):
            source = self.__dict__["_source"]
            self.lexicon, self._finders = _compiled(source, self.options, self._cache)
            self._plan()
            self._pending = False
            return self.__dict__[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _plan(self) -> None:
        """The finders with their keys, and the word sets one intersection per document
        serves (see :class:`~normalize.finders.Finder`)."""
        self._keyed: tuple[tuple[Finder, frozenset[str] | None], ...] = tuple(
            (f, getattr(f, "keys", None)) for f in self._finders
        )
        # On text that is not ASCII, keys that hold for ASCII text only do not count.
        self._keyed_other: tuple[tuple[Finder, frozenset[str] | None], ...] = tuple(
            (f, None if getattr(f, "ascii_keys", False) else keys) for f, keys in self._keyed
        )
        sets = {keys for _, keys in self._keyed if keys is not None}
        for f in self._finders:
            sets.update(getattr(f, "watched", ()))
        self._watched = frozenset(sets)
        self._union: frozenset[str] = frozenset().union(*sets)
        # The fuzzy finder keeps these words apart in its memo, so that the one pass over a
        # document's words that it makes serves the intersection with them too.
        self._fuzzy: FuzzyFinder | None = None
        for f in self._finders:
            if isinstance(f, FuzzyFinder):
                self._fuzzy = f
                self._union = f.share_keys(self._union)

    def _runtime(self) -> None:
        """What every Normalizer derives from its options, however it was built."""
        self._enabled = self.options.enabled_rules
        # Bounded before compiling: see compile_ignore_pattern.
        try:
            self._ignore = tuple(compile_ignore_pattern(p) for p in self.options.ignore)
        except LimitError as exc:
            raise ValueError(f"bad ignore pattern: {exc.reason}") from exc
        self._allow = frozenset(w.casefold() for w in self.options.allow)

    def __reduce__(self) -> tuple[Any, ...]:
        if self._source is None:
            return (Normalizer, (self.lexicon, self.options))
        return (_rebuild, (self._source, self.options, self._cache))

    def candidates(self, text: str) -> list[Candidate]:
        """Everything the finders propose for ``text``, before resolution."""
        return self._candidates(text, reportable=False)

    def _candidates(
        self, text: str, *, reportable: bool, read: _Read | None = None
    ) -> list[Candidate]:
        """The finders' candidates, or (``reportable``) only those that :func:`resolve`
        can keep: a candidate under the flag threshold, or that changes nothing, is dropped
        before any protected span is looked for.

        A text of several articles (:func:`~normalize.document.article_bounds`) is searched
        article by article, each its own :class:`Document`: evidence from one article
        never counts for another, and the cost grows with the text, not its square.
        Offsets are into the whole text all the same. ``read`` keeps what the finders
        proposed in each article for the next reading of the text (see :class:`_Read`).
        """
        doc = Document(text, self._ignore, self.options.ignore_timeout)
        articles = article_bounds(text)
        if len(articles) > 1 and doc.needs_whole_scan:
            # A code fence or an ignore pattern's match is protected as a whole: an article
            # never starts inside one (this runs the ignore patterns once, up front).
            protected = doc.protected
            articles = _joined(articles, lambda at: protected.overlaps(at - 1, at + 1))
        if len(articles) == 1:
            found = self._found(doc)
        else:
            found = []
            if self._ignore:
                read = None  # an ignore pattern may time out: each reading runs them all
            fresh: dict[str, list[Candidate]] = {}
            for start, end in articles:
                article = text[start:end]
                known = None if read is None else read.found(article, doc)
                if known is None:
                    part = Document(article, self._ignore, self.options.ignore_timeout)
                    part.whole = doc
                    known = fresh[article] = self._found(part)
                found.extend(
                    replace(c, start=c.start + start, end=c.end + start) if start else c
                    for c in known
                )
            if read is not None:
                read.keep(fresh, doc)
        if not found:
            # Protected spans cost a scan of the whole text; clean text should not pay it.
            return found
        if self._ignore:
            # An ignore pattern may time out: it runs whenever there is a candidate, as
            # it always has, so that the same texts are refused.
            doc.protected  # noqa: B018
        if reportable:
            action = self.options.thresholds.action
            found = [c for c in found if c.replacement != c.original and action(c.confidence)]
        # Checked here as well as in the finders, so a finder that forgets cannot touch
        # protected text or an allowed word.
        allow = self._allow
        # In technical writing a lower-case word is an identifier, a command or jargon
        # ("libpng", "cairo", "tanf"), whichever finder proposes it (issue 13 deliver 5).
        lower = {c.original for c in found if _lower_word(c.original)}
        if lower:
            if doc.writes_code:
                found = [c for c in found if c.original not in lower]
            else:
                # Anywhere, a lower-case word written as code or in a URL or an address
                # elsewhere in the text ("src/pinentry", www.libpng.org) is that identifier
                # (unless MT is known to write it: a listed garble).
                guessed = {c.original for c in found if c.rule != "lexicon.garble"} & lower
                handles = {w for w in guessed if handle_like(text, w, doc.lowered)}
                found = [
                    c for c in found if c.original not in handles or c.rule == "lexicon.garble"
                ]
                found = self._lower_guesses_kept(doc, found, [s for s, _ in articles])
        return [
            c
            for c in found
            if not (allow and c.original.casefold() in allow)
            and not doc.is_protected(c.start, c.end)
            and not (c.original[:1].isalpha() and broken_word(text, c.start, c.end))
            and not ("\n" in text and c.original[:1].isupper() and in_roster(text, c.start))
        ]

    def _lower_guesses_kept(
        self, doc: Document, found: list[Candidate], starts: list[int]
    ) -> list[Candidate]:
        """``found`` without the lower-case words that a finder only guessed at (a near miss
        of a name, :data:`_GUESS_RULES`; too unsure to apply) in a text that writes no known
        name in lower case.

        MT that loses capitals loses them for the names it knows too ("haftar forces",
        "president teben"): there a lower-case near miss is worth a flag. Elsewhere a
        lower-case word that is no English word is jargon, a typo or a handle ("tarball",
        "mirors", "grsec"), and a flag on it is noise, unless the text speaks of the entity
        (its context terms or its name: "In Libya, haftal said"). A guess sure enough to
        apply stays.
        """
        # Per article (``starts``): one article's lower-case names say nothing of another's.
        lowering = {
            bisect.bisect_right(starts, c.start)
            for c in found
            if c.rule in _KNOWN_RULES and _lower_word(c.original)
        }
        if len(lowering) == len(starts):
            return found
        apply = self.options.thresholds.apply
        parts: dict[int, Document] = {}

        def part(at: int) -> Document:
            """The article holding ``at``, as its own document (one article: ``doc``)."""
            i = bisect.bisect_right(starts, at)
            if len(starts) == 1:
                return doc
            if i not in parts:
                end = starts[i] if i < len(starts) else len(doc.text)
                parts[i] = Document(doc.text[starts[i - 1] : end])
            return parts[i]

        return [
            c
            for c in found
            if not c.rule.startswith(_GUESS_RULES)
            or c.confidence >= apply
            or not _lower_word(c.original)
            or bisect.bisect_right(starts, c.start) in lowering
            or self._spoken_of(part(c.start), c.entity)
        ]

    def _spoken_of(self, doc: Document, entity_id: str | None) -> bool:
        """Whether ``doc`` has a context term or a preferred name of the entity."""
        entities: dict[str, Entity] | None = self.__dict__.get("_entities")
        if entities is None:
            entities = self.__dict__["_entities"] = self.lexicon.by_id()
        entity = entities.get(entity_id) if entity_id else None
        if entity is None:
            return False
        return bool(context_evidence(doc, entity)) or any(doc.count(f) for f in entity.preferred)

    def _found(self, doc: Document) -> list[Candidate]:
        """What the finders propose for one document (one article), offsets into it."""
        enabled = self._enabled
        # One intersection of the text's words with every finder's keys: a finder none of
        # whose keys the text has cannot propose anything and is not run.
        fuzzy = self._fuzzy
        within = None if fuzzy is None else fuzzy.unquiet(doc, self._union)
        keyed = doc.narrow(self._watched, self._union, within)
        return [
            c
            for f, keys in (self._keyed if doc.is_ascii else self._keyed_other)
            if keys is None or not keys.isdisjoint(keyed)
            for c in f.find(doc)
            if c.rule in enabled
        ]

    def preload(self) -> None:
        """Load now what the first texts would load: the compiled lexicons, the word lists
        the finders read and the patterns they compile on first use (by fixing a short
        sample, whose result is dropped). Before worker processes are forked (``batch -j
        N``), so that they share it instead of each loading it. Changes no decision: what
        is loaded is the same, only sooner, and the finders' memos are caches."""
        self.fix(_PRELOAD_TEXT)

    def fix(self, text: str) -> Result:
        """Normalise one text. Applying ``result.applied`` to ``text`` gives ``result.text``.

        A repair can be the evidence for another: once "хафтар" reads "Haftar", the name
        written right supports "Khalifa Hifter" beside it. So a text with applied changes
        is read again as repaired, up to :data:`READINGS` times, and what the new reading
        applies outside the spans already changed is carried back to the input's offsets,
        with a line saying so. Without this, fixing the output would change it again.
        """
        if not isinstance(text, str):
            raise TypeError(_not_text(text))
        read = _Read()
        result = self._fix_once(text, read)
        for _ in range(READINGS - 1):
            if not result.applied:
                break
            again = self._fix_once(result.text, read)
            changes = _carried_back(text, result, again)
            if changes is None:
                break
            result = Result(apply_changes(text, changes), changes)
        return result

    def _fix_once(self, text: str, read: _Read | None = None) -> Result:
        candidates = self._candidates(text, reportable=True, read=read)
        if not candidates:  # most texts: nothing to resolve or apply
            return Result(text)
        changes = resolve(candidates, self.options.thresholds)
        return Result(apply_changes(text, changes), changes)

    def fix_many(self, texts: Iterable[str]) -> Iterator[Result]:
        """Normalise a stream of texts lazily, one result per text, in order.

        Nothing is read ahead, so an endless iterable works in constant memory.

        >>> from normalize.lexicon import Entity, Lexicon
        >>> lex = Lexicon((Entity("country/ly", "country", "Libya", garbles=("libiya",)),))
        >>> [r.text for r in Normalizer(lex).fix_many(["in libiya", "in Libya"])]
        ['in Libya', 'in Libya']
        """
        for text in texts:
            yield self.fix(text)


#: How many times :meth:`Normalizer.fix` reads a text: once, and again after repairs.
READINGS = 3

#: What :meth:`Normalizer.preload` fixes: news prose with a garble, a name in context, a
#: lower-case word and a pinyin-shaped one, so that every finder meets something.
_PRELOAD_TEXT = (
    "In Libya, haftal said on Monday that talks in Tripoli would go on. Chinese President\n"
    "Xi Jinping met Makelong in Beijing, and the foreign ministry of iran welcomed it.\n"
)


class _Read:
    """What the finders proposed in each article of a text, kept across the readings of
    :meth:`Normalizer.fix`: the repairs of one article leave the others as they were, and
    an article's candidates depend on its text alone, and on whether the whole text is
    technical writing (:attr:`Document.writes_code`, which an article's finders may ask of
    the whole text). So an article read before, in a whole text that says the same of
    that (or of which it was not asked), is not searched again: a long file of many
    articles costs one reading and its repaired articles, not three readings.
    """

    __slots__ = ("_found",)

    def __init__(self) -> None:
        #: article text -> (its candidates, offsets into it; the whole text's
        #: ``writes_code`` where an article of that reading asked it, else None)
        self._found: dict[str, tuple[list[Candidate], bool | None]] = {}

    def found(self, article: str, whole: Document) -> list[Candidate] | None:
        """The candidates of ``article`` read before within a text like ``whole``."""
        known = self._found.get(article)
        if known is None:
            return None
        candidates, code = known
        if code is not None and whole.writes_code != code:
            return None
        return candidates

    def keep(self, found: dict[str, list[Candidate]], whole: Document) -> None:
        """Keep ``found``, the articles just searched in ``whole``."""
        code: bool | None = whole.__dict__.get("writes_code")
        for article, candidates in found.items():
            self._found.setdefault(article, (candidates, code))


AGAIN = "read again after the repairs applied in this text"


def _carried_back(text: str, first: Result, again: Result) -> tuple[Change, ...] | None:
    """``first``'s changes plus the changes that ``again`` (the reading of ``first.text``)
    applies outside every span ``first`` applied, at ``text``'s offsets; a flagged change
    of ``first`` that such a change overlaps gives way to it. None when there are none.

    >>> from normalize.model import Action
    >>> one = Change(0, 2, "xx", "Xyz", Action.APPLIED, 0.9, "r.a", None)
    >>> two = Change(7, 9, "qq", "Q", Action.APPLIED, 0.9, "r.b", None)
    >>> [(c.start, c.original) for c in _carried_back("xx ab qq", Result("Xyz ab qq", (one,)),
    ...                                               Result("Xyz ab Q", (two,)))]
    [(0, 'xx'), (6, 'qq')]
    """
    done = first.applied
    added: list[Change] = []
    for change in again.applied:
        shift, clear = 0, True
        for old in done:
            new_end = old.start + shift + len(old.replacement)
            if change.start >= new_end:
                shift += len(old.replacement) - (old.end - old.start)
            else:
                # Before this repair (and so every later one), or on it: a change that would
                # rewrite a repair is left out, and the first reading stands.
                clear = change.end <= old.start + shift
                break
        start, end = change.start - shift, change.end - shift
        if clear and text[start:end] == change.original:
            added.append(replace(change, start=start, end=end, evidence=(*change.evidence, AGAIN)))
    if not added:
        return None
    kept = [c for c in first.changes if not any(c.start < a.end and a.start < c.end for a in added)]
    return tuple(sorted((*kept, *added), key=lambda c: (c.start, c.end)))


#: Rules that change a listed form (a garble, a name in lower case), not a guessed one.
_KNOWN_RULES = frozenset({"lexicon.garble", "lexicon.case"})
#: Rules that guess: near misses of names (spellings, readings, spans).
_GUESS_RULES = ("fuzzy.", "names.")


def _lower_word(original: str) -> bool:
    """Whether ``original`` is one or more words in lower case ("libpng", "cairo rs").

    >>> _lower_word("cairo"), _lower_word("Cairo"), _lower_word(".."), _lower_word("un")
    (True, False, False, True)
    """
    return original.islower() and original.replace(" ", "").replace("-", "").isalpha()


def _joined(
    articles: list[tuple[int, int]], inside: Callable[[int], bool]
) -> list[tuple[int, int]]:
    """``articles`` without the boundaries for which ``inside`` holds (joined across them).

    >>> _joined([(0, 5), (5, 9), (9, 12)], lambda at: at == 5)
    [(0, 9), (9, 12)]
    """
    joined = [articles[0]]
    for start, end in articles[1:]:
        if inside(start):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _not_text(value: object) -> str:
    """What to say when something other than a str is given to be fixed."""
    kind = type(value).__name__
    hint = (
        ': decode it first (data.decode("utf-8"))' if isinstance(value, bytes | bytearray) else ""
    )
    return f"fix() takes the text as str, not {kind}{hint}"


def _key(source: LexiconSource, options: Options) -> str:
    return cache.key_for(source.digest, cache.token(options))


def _compiled(
    source: LexiconSource, options: Options, use_disk: bool
) -> tuple[Lexicon, tuple[Finder, ...]]:
    if not source.readable:  # loading reports the unreadable file
        lexicon = source.load()
        return lexicon, compile_finders(lexicon, options)

    def build() -> tuple[Lexicon, tuple[Finder, ...]]:
        lexicon = source.load()
        finders = compile_finders(lexicon, options)
        if use_disk:
            # Kept with the compiled finders, the seeded memo costs nothing at start-up;
            # without the disk cache, each process would pay for seeding (0.3-0.5 s).
            for finder in finders:
                if isinstance(finder, FuzzyFinder):
                    memo_seed.seed(finder)
                if isinstance(finder, ConfusionFinder):
                    finder.model.prepare(
                        e
                        for c in lexicon.confusions
                        for e in (c.means, c.otherwise)
                        if e is not None
                    )
        return lexicon, finders

    return cache.get_or_build(_key(source, options), build, disk=use_disk)


#: What a Normalizer that deferred loading (see :func:`_deferred`) makes on first use.
_DEFERRED = frozenset(
    {"lexicon", "_finders", "_keyed", "_keyed_other", "_watched", "_union", "_fuzzy"}
)


def _deferred(source: LexiconSource, options: Options, use_disk: bool) -> bool:
    """Whether a Normalizer may load its compiled lexicons on first use: they are in the
    disk cache (so they were compiled without error) and not yet in this process."""
    if not (use_disk and source.readable):
        return False
    key = _key(source, options)
    return not cache.in_memory(key) and cache.stored(key)


def _rebuild(source: LexiconSource, options: Options, use_disk: bool) -> Normalizer:
    """Unpickle a Normalizer: from this process's memory, else the cache, else compile."""
    if not cache.in_memory(_key(source, options)):
        source.check()
    normalizer = Normalizer.__new__(Normalizer)
    normalizer.options = options
    normalizer._runtime()
    normalizer._cache = use_disk
    normalizer._source = source
    normalizer.lexicon, normalizer._finders = _compiled(source, options, use_disk)
    normalizer._plan()
    return normalizer
