"""`explain`: which entities a token may stand for, with scores and reasons (for maintainers)."""

from __future__ import annotations

from typing import Any

import click

from normalize.cli.common import Failure, build_normalizer, cli, engine_options
from normalize.document import Document
from normalize.finders.fuzzy import FuzzyFinder
from normalize.finders.names import NamesFinder
from normalize.fuzzyindex import FuzzyIndex
from normalize.io import InputError, read_document
from normalize.translit import skeleton


@cli.command(name="explain")
@click.argument("token")
@click.option(
    "--context",
    "context_file",
    type=click.Path(),
    default=None,
    help="Score the token as if it occurred in this document.",
)
@engine_options
def explain(token: str, context_file: str | None, **kw: Any) -> None:
    """List the entities TOKEN may be a garble of, with confidence and reasons."""
    normalizer = build_normalizer(kw)
    text = ""
    if context_file is not None:
        try:
            text = read_document(context_file, encoding=kw["encoding"]).text
        except InputError as exc:
            raise Failure(str(exc)) from exc
    finder = FuzzyFinder(FuzzyIndex(normalizer.lexicon), enabled=normalizer.options.enabled_rules)
    doc = Document(f"{text}\n\n{token}\n")
    click.echo(f"{token!r}: key {skeleton(token) or '-'}")
    if token not in finder.candidate_words(Document(token)):
        click.echo("  not a fuzzy candidate: a known form, an English word, common or short")
    thresholds = normalizer.options.thresholds
    scored = finder.explain(doc, token)
    if not scored:
        click.echo("  no entity within one key edit")
    for s in scored:
        action = thresholds.action(s.confidence)
        verdict = action.value if action else "dropped"
        click.echo(f"  {s.confidence:.2f} {verdict:<8} {s.rule:<13} {s.entity.id} -> {s.target!r}")
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
