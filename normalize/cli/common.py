"""What every command shares: the click group, exit codes, messages, engine options, input."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

import click

from normalize import __version__
from normalize.engine import Normalizer, Options
from normalize.io import Decoded, InputError, decode_bytes, read_document
from normalize.lexicon.loader import LexiconError
from normalize.resolve import Thresholds

EXIT_OK = 0
EXIT_FOUND = 1
EXIT_ERROR = 2

F = TypeVar("F", bound=Callable[..., Any])


class Failure(click.ClickException):
    """A one-line error that ends the command with exit 2."""

    exit_code = EXIT_ERROR

    def show(self, file: Any = None) -> None:
        click.echo(f"normalize: error: {self.format_message()}", err=True)


def error(message: str) -> None:
    click.echo(f"normalize: error: {message}", err=True)


def notice(message: str) -> None:
    click.echo(f"normalize: {message}", err=True)


def engine_options(func: F) -> F:
    """Options shared by every command that runs the engine."""
    decorators = [
        click.option(
            "--lexicon",
            "lexicons",
            multiple=True,
            type=click.Path(),
            help="Extra lexicon file or folder (repeatable).",
        ),
        click.option(
            "--no-default-lexicons",
            is_flag=True,
            help="Do not load the lexicons shipped with normalize.",
        ),
        click.option(
            "--canonical", is_flag=True, help="Rewrite legitimate aliases to the canonical form."
        ),
        click.option(
            "--disable",
            multiple=True,
            metavar="RULE",
            help="Switch a rule off (repeatable; see `normalize rules`).",
        ),
        click.option(
            "--enable", multiple=True, metavar="RULE", help="Switch an off-by-default rule on."
        ),
        click.option(
            "--apply-threshold",
            type=click.FloatRange(0, 1),
            default=Thresholds.apply,
            show_default=True,
            help="Confidence at or above which a change is applied.",
        ),
        click.option(
            "--flag-threshold",
            type=click.FloatRange(0, 1),
            default=Thresholds.flag,
            show_default=True,
            help="Confidence at or above which a change is flagged for review.",
        ),
        click.option(
            "--encoding", default=None, help="Read files in this encoding instead of UTF-8."
        ),
    ]
    for deco in reversed(decorators):
        func = deco(func)
    return func


def build_normalizer(kw: dict[str, Any]) -> Normalizer:
    """A Normalizer from the shared options; lexicon and option errors end the command.

    The compiled lexicons come from the cache when their files have not changed, so a
    warm start parses no YAML at all.
    """
    try:
        options = Options(
            thresholds=Thresholds(apply=kw["apply_threshold"], flag=kw["flag_threshold"]),
            canonical=kw["canonical"],
            disable=frozenset(kw["disable"]),
            enable=frozenset(kw["enable"]),
        )
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    try:
        normalizer = Normalizer(
            options=options, paths=kw["lexicons"], defaults=not kw["no_default_lexicons"]
        )
    except LexiconError as exc:
        raise Failure(str(exc)) from exc
    # The compiled lexicons live as long as the command; frozen, they are not walked by
    # every cyclic garbage collection (millions of objects with a large lexicon).
    gc.collect()
    gc.freeze()
    return normalizer


def read_input(path: str, encoding: str | None) -> Decoded:
    if path == "-":
        return decode_bytes(sys.stdin.buffer.read(), encoding=encoding, name="<stdin>")
    return read_document(path, encoding=encoding)


def each_input(
    paths: Sequence[str], encoding: str | None, status: dict[str, int]
) -> Iterator[tuple[str, Decoded]]:
    """Yield (path, decoded) for every readable input; report the others."""
    for path in paths:
        try:
            yield path, read_input(path, encoding)
        except InputError as exc:
            if exc.skippable:
                notice(f"skipped {exc}")
                status["skipped"] += 1
            else:
                error(str(exc))
                status["errors"] += 1


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="normalize")
def cli() -> None:
    """Repair translation noise (garbled names, MT confusions) in English text."""
