"""`explain`: which entities a token may stand for, with scores and reasons (for maintainers).

The verdict comes from the engine itself, as `check` runs it on the same text, so the two
cannot disagree; the fuzzy scores below it show what the token resembles and why.
"""

from __future__ import annotations

from typing import Any

import click
import regex

from normalize.cli.common import Failure, build_normalizer, cli, engine_options
from normalize.document import Document
from normalize.engine import Normalizer
from normalize.finders.fuzzy import FuzzyFinder
from normalize.finders.names import NamesFinder
from normalize.fuzzyindex import FuzzyIndex
from normalize.io import InputError, read_document
from normalize.model import Change
from normalize.protect import PatternTimeoutError
from normalize.translit import skeleton


def _places(text: str, token: str) -> list[tuple[int, int]]:
    """Where ``token`` stands in ``text`` as a whole word (or phrase)."""
    return [(s, s + len(token)) for s in Document(text).find_word(token)]


def _overlaps(start: int, end: int, places: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in places)


def _why_nothing(
    normalizer: Normalizer,
    finder: FuzzyFinder,
    text: str,
    token: str,
    places: list[tuple[int, int]],
) -> str:
    """Why the engine changes nothing at ``places``: the first test that stopped it."""
    options = normalizer.options
    if token.casefold() in {w.casefold() for w in options.allow}:
        return "on the allow-list"
    patterns = tuple(regex.compile(p) for p in options.ignore)
    doc = Document(text, patterns, options.ignore_timeout)
    if all(doc.is_protected(s, e) for s, e in places):
        return "in protected text (a URL, code, an ignore marker or pattern)"
    found = [c for c in normalizer.candidates(text) if _overlaps(c.start, c.end, places)]
    flag = options.thresholds.flag
    if found:
        best = max(found, key=lambda c: c.confidence)
        if best.confidence < flag:
            return (
                f"the best proposal, {best.replacement!r} ({best.rule} {best.entity}), "
                f"scores {best.confidence:.2f}, below the flag threshold {flag:g}"
            )
        return f"{best.rule} proposed {best.replacement!r}, but an overlapping change won"
    reason = finder.not_a_candidate(token) if token.isalpha() else None
    if reason is not None:
        return f"not a fuzzy candidate: {reason}"
    return f"no rule proposes a change that reaches the flag threshold {flag:g}"


def _verdict(change: Change, count: int) -> str:
    where = f" ({count} places)" if count > 1 else ""
    return (
        f"check: {change.action.value} {change.confidence:.2f} {change.rule} "
        f"{change.entity or '-'} -> {change.replacement!r}{where}"
    )


@cli.command(name="explain")
@click.argument("token")
@click.option(
    "--context",
    "context_file",
    type=click.Path(),
    default=None,
    help="Score the token as it stands in this document (appended to it if absent).",
)
@engine_options
def explain(token: str, context_file: str | None, **kw: Any) -> None:
    """Say what `check` does with TOKEN and why, then the entities it may be a garble of."""
    normalizer = build_normalizer(kw)
    text = ""
    if context_file is not None:
        try:
            text = read_document(context_file, encoding=kw["encoding"]).text
        except InputError as exc:
            raise Failure(str(exc)) from exc
    places = _places(text, token)
    if not places:  # scored as if it stood at the end of the document, as before
        text = f"{text}\n\n{token}\n" if text else f"{token}\n"
        places = _places(text, token)
    finder = FuzzyFinder(FuzzyIndex(normalizer.lexicon), enabled=normalizer.options.enabled_rules)
    click.echo(f"{token!r}: key {skeleton(token) or '-'}")
    try:
        result = normalizer.fix(text)
        changes = [c for c in result.changes if _overlaps(c.start, c.end, places)]
        why = "" if changes else _why_nothing(normalizer, finder, text, token, places)
    except PatternTimeoutError as exc:
        raise Failure(f"{context_file or '-'}: {exc}") from exc
    # One line per distinct decision, as `check` reports them.
    decided: dict[tuple[str, str, str | None, str], list[Change]] = {}
    for c in changes:
        decided.setdefault((c.action.value, c.rule, c.entity, c.replacement), []).append(c)
    for same in decided.values():
        click.echo(f"  {_verdict(same[0], len(same))}")
        for line in same[0].evidence:
            click.echo(f"        {line}")
    if not changes:
        click.echo(f"  check: no change: {why}")
    scored = finder.explain(Document(text), token)
    if not scored:
        click.echo("  fuzzy: no entity within one key edit")
        return
    candidate = not token.isalpha() or finder.not_a_candidate(token) is None
    click.echo(
        "  fuzzy scores of the entities it resembles"
        + ("" if candidate else " (not used: check does not score this word)")
        + ":"
    )
    thresholds = normalizer.options.thresholds
    for s in scored:
        action = thresholds.action(s.confidence)
        level = (action.value if action else "dropped") if candidate else "-"
        click.echo(f"  {s.confidence:.2f} {level:<8} {s.rule:<13} {s.entity.id} -> {s.target!r}")
        for line in s.evidence:
            click.echo(f"        {line}")
    _explain_names(normalizer, text, token)


def _explain_names(normalizer: Any, text: str, token: str) -> None:
    """The multi-word windows (names.*) holding TOKEN, each with the model's terms."""
    enabled = normalizer.options.enabled_rules
    if not NamesFinder.rules & enabled:
        return
    finder = NamesFinder(normalizer.lexicon, enabled=enabled)
    doc = Document(f"{text}\n\n{token}\n")
    start = len(text) + 2
    thresholds = normalizer.options.thresholds
    for c in finder.proposals(doc, explain=True):
        if c.start < start:
            continue
        action = thresholds.action(c.confidence)
        verdict = action.value if action else "dropped"
        click.echo(
            f"  {c.confidence:.2f} {verdict:<8} {c.rule:<13} {c.entity} "
            f"{c.original!r} -> {c.replacement!r}"
        )
        for line in c.evidence:
            click.echo(f"        {line}")
