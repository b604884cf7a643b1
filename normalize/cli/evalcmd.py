"""`eval`: score the engine against hand-labelled gold files."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from normalize.cli.common import EXIT_FOUND, Failure, build_normalizer, cli, engine_options
from normalize.evaluate import GoldError, Score, parse_gold, score
from normalize.io import InputError, read_document
from normalize.lexicon.loader import parse_yaml


@cli.command(name="eval")
@click.argument("golds", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--strict",
    is_flag=True,
    help="Exit 1 if a must item is missed, or anything is wrongly applied.",
)
@engine_options
def evaluate(golds: tuple[str, ...], fmt: str, strict: bool, **kw: Any) -> None:
    """Score the engine against gold files (the shared seedNNN.yaml format)."""
    normalizer = build_normalizer(kw)
    total = Score()
    for gold_path in golds:
        try:
            # Read as any input is (a FIFO or a device is refused, not waited on or read
            # for ever), and parsed by the lexicon loader's measured, safe YAML reader.
            data, problems = parse_yaml(read_document(gold_path).text, gold_path)
            if problems:
                raise Failure(str(problems[0]))
            doc_path = Path(gold_path).parent / data["doc"]
            text = read_document(doc_path, encoding=kw["encoding"]).text
            items = parse_gold(data, text)
        except InputError as exc:  # its message names the file
            raise Failure(str(exc)) from exc
        except KeyError as exc:
            raise Failure(f"{gold_path}: not a gold file (no key {exc})") from exc
        except (OSError, TypeError, GoldError) as exc:
            raise Failure(f"{gold_path}: {exc}") from exc
        result = normalizer.fix(text)
        doc_score = score(text, items, result)
        total.add(doc_score)
        if fmt == "json":
            click.echo(json.dumps({"gold": gold_path, **doc_score.as_dict()}))
            continue
        click.echo(f"# {gold_path} ({doc_path})")
        for o in doc_score.outcomes:
            got = "; ".join(
                f"{c.replacement!r} {c.action.value} {c.confidence:.2f} {c.rule}" for c in o.changes
            )
            click.echo(f"{o.verdict:>9}  {o.item.tier:<6} {o.item.wrong!r:<32} {got}")
        for c in doc_score.stray:
            click.echo(
                f"{'stray':>9}  {c.action.value:<6} {c.original!r} -> {c.replacement!r} {c.rule}"
            )
    t = total
    if fmt == "json":
        click.echo(json.dumps({"gold": "total", **t.as_dict()}))
    else:
        click.echo(
            f"must {t.must_fixed}/{t.must} fixed; should {t.should_hit}/{t.should} hit; "
            f"traps touched {t.traps_touched}/{t.traps}; wrong applied {t.wrong_applied}; "
            f"unlabelled applied {t.unlabelled_applied}; noise flags {t.noise_flags}"
        )
    if strict and (t.must_fixed < t.must or t.wrong_applied or t.traps_touched):
        sys.exit(EXIT_FOUND)
