"""What every command shares: the click group, exit codes, messages, engine options, input."""

from __future__ import annotations

import gc
import importlib
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from normalize import __version__
from normalize.config import ConfigError, Settings, resolve
from normalize.engine import Normalizer
from normalize.io import Decoded, InputError, _display, decode_bytes, read_document
from normalize.lexicon.loader import LexiconError
from normalize.model import Change, Result, apply_changes
from normalize.walk import is_folder, walk

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
        # No defaults here: None means "not given", so the config file can supply a value
        # (normalize.config merges the layers and knows the defaults).
        click.option(
            "--apply-threshold",
            type=click.FloatRange(0, 1),
            help="Confidence at or above which a change is applied [default: 0.8].",
        ),
        click.option(
            "--flag-threshold",
            type=click.FloatRange(0, 1),
            help="Confidence at or above which a change is flagged for review [default: 0.5].",
        ),
        click.option(
            "--allow",
            multiple=True,
            metavar="WORD",
            help="Never change or flag this word or phrase (repeatable).",
        ),
        click.option(
            "--ignore",
            multiple=True,
            metavar="REGEX",
            help="Leave text matching this regular expression alone (repeatable).",
        ),
        click.option(
            "--config",
            "config_file",
            type=click.Path(dir_okay=False),
            help="Use this config file instead of searching for one.",
        ),
        click.option(
            "--no-config", is_flag=True, help="Ignore .normalize.yaml and pyproject.toml."
        ),
        click.option(
            "--encoding", default=None, help="Read files in this encoding instead of UTF-8."
        ),
    ]
    for deco in reversed(decorators):
        func = deco(func)
    return func


def settings_from(kw: dict[str, Any]) -> Settings:
    """The effective settings: defaults < config file < the shared options in ``kw``."""
    flags = {
        "lexicons": kw["lexicons"],
        "default-lexicons": False if kw["no_default_lexicons"] else None,
        "canonical": True if kw["canonical"] else None,
        "apply-threshold": kw["apply_threshold"],
        "flag-threshold": kw["flag_threshold"],
        "disable": kw["disable"],
        "enable": kw["enable"],
        "allow": kw["allow"],
        "ignore": kw["ignore"],
        # Only the commands that walk folders (fix, check) have these options.
        "include": kw.get("include", ()),
        "exclude": kw.get("exclude", ()),
    }
    config = Path(kw["config_file"]) if kw["config_file"] else None
    try:
        return resolve(flags, config=config, use_file=not kw["no_config"])
    except ConfigError as exc:
        raise Failure(str(exc)) from exc


def build_normalizer(kw: dict[str, Any]) -> Normalizer:
    """A Normalizer from the shared options; config, lexicon and option errors end the command.

    The compiled lexicons come from the cache when their files have not changed, so a
    warm start parses no YAML at all.
    """
    settings = settings_from(kw)
    try:
        normalizer = Normalizer(
            options=settings.options(),
            paths=settings.values["lexicons"],
            defaults=settings.values["default-lexicons"],
        )
    except LexiconError as exc:
        raise Failure(str(exc)) from exc
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    # The compiled lexicons live as long as the command; frozen, they are not walked by
    # every cyclic garbage collection (millions of objects with a large lexicon). No
    # collection first: it would walk them all once (30 ms) to free almost nothing.
    gc.freeze()
    return normalizer


def report_input_error(exc: InputError, status: dict[str, int]) -> None:
    """A skippable input (binary, too large) is a notice; any other is an error (exit 2)."""
    if exc.skippable:
        notice(f"skipped {exc}")
        status["skipped"] += 1
    else:
        error(str(exc))
        status["errors"] += 1


def encodable(change: Change, codec: str) -> bool:
    """Whether ``change``'s replacement can be written in ``codec``."""
    try:
        change.replacement.encode(codec, "strict")
    except UnicodeEncodeError:
        return False
    return True


def fit_encoding(path: str, text: str, result: Result, codec: str) -> Result:
    """``result`` without the changes whose replacement ``codec`` cannot write, each noticed.

    A fix may need a character a legacy encoding lacks ("ş" in Latin-1); that one change is
    left out (and said so), the others are kept, and the file stays in its own encoding.
    """
    bad = [c for c in result.changes if not encodable(c, codec)]
    if not bad:
        return result
    from normalize.report import LineIndex

    index = LineIndex(text)
    for change in bad:
        line, col = index.position(change.start)
        notice(
            f"{_display(path)}:{line}:{col}: {change.original!r} -> {change.replacement!r}"
            f" left out: {codec} cannot write it"
        )
    kept = tuple(c for c in result.changes if c not in bad)
    return Result(apply_changes(text, kept), kept)


def read_input(path: str, encoding: str | None) -> Decoded:
    if path == "-":
        return decode_bytes(sys.stdin.buffer.read(), encoding=encoding, name="<stdin>")
    return read_document(path, encoding=encoding)


def expand_inputs(
    paths: Sequence[str],
    status: dict[str, int],
    include: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
) -> Iterator[str]:
    """The paths as given, with each folder replaced by the files found below it (those
    ``include`` and ``exclude`` select: see :func:`normalize.walk.walk`)."""
    for path in paths:
        if not is_folder(path):
            yield path
            continue
        for found in walk(path, include=include, exclude=exclude):
            if found.skip is None:
                yield found.path
            else:
                notice(f"skipped {_display(found.path)}: {found.skip}")
                status["skipped"] += 1


def each_input(
    paths: Sequence[str],
    encoding: str | None,
    status: dict[str, int],
    *,
    stream_over: int | None = None,
    include: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
) -> Iterator[tuple[str, Decoded | None]]:
    """Yield (path, decoded) for every readable input; report the others.

    Folders are walked (see :mod:`normalize.walk`), taking the files ``include`` and
    ``exclude`` select. A file larger than ``stream_over`` bytes is yielded as (path, None),
    for the caller to stream (:mod:`normalize.chunking`).
    """
    for path in expand_inputs(paths, status, include, exclude):
        try:
            if stream_over is not None and path != "-" and _size(path) > stream_over:
                yield path, None
                continue
            yield path, read_input(path, encoding)
        except InputError as exc:
            report_input_error(exc, status)


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0  # let the read report what is wrong


#: The module that defines each command. A command's module is imported only when the
#: command runs (or help lists it), so `normalize check` does not pay for `batch`, `review`
#: or the lexicon tools at start-up (click's documented lazy-loading pattern).
COMMAND_MODULES = {
    "batch": "normalize.cli.batch",
    "check": "normalize.cli.files",
    "config": "normalize.cli.configcmd",
    "eval": "normalize.cli.evalcmd",
    "explain": "normalize.cli.explaincmd",
    "fix": "normalize.cli.files",
    "lexicon": "normalize.cli.lexiconcmd",
    "review": "normalize.cli.review",
    "rules": "normalize.cli.rulescmd",
}


class LazyGroup(click.Group):
    """A group whose commands register themselves when their module is first imported."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMAND_MODULES, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            importlib.import_module(COMMAND_MODULES[cmd_name])
        return self.commands.get(cmd_name)


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the program is so that it unwinds as for Ctrl-C."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated(signum)


def handle_termination() -> Callable[[], None]:
    """Treat SIGTERM and SIGHUP as SIGINT is treated: unwind, remove temporary files.

    Without this the default action kills the process on the spot, leaving the
    ``.normalize-*.tmp`` file of a write in progress and (for ``batch -j``) a pool that is
    never shut down. Returns a function that puts the previous handlers back. Only the
    main thread may set handlers; elsewhere this does nothing.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, _terminate)

    def restore() -> None:
        for number, handler in previous.items():
            signal.signal(number, handler)

    return restore


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="normalize")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Repair translation noise (garbled names, MT confusions) in English text."""
    ctx.call_on_close(handle_termination())
