"""`fix` and `check`: the editor's and the linter's commands."""

from __future__ import annotations

import sys
from typing import Any

import click

from normalize.chunking import DEFAULT_CHUNK_CHARS, MIN_CHUNK_CHARS
from normalize.cli.common import (
    EXIT_ERROR,
    EXIT_FOUND,
    build_normalizer,
    cli,
    each_input,
    engine_options,
    error,
    fit_encoding,
    notice,
    settings_from,
)
from normalize.cli.streamed import check_streamed, fix_streamed, unchanged_since_read
from normalize.config import DEFAULT_INCLUDE
from normalize.engine import Normalizer
from normalize.formats import terminal
from normalize.formats.critic import render_critic
from normalize.formats.html import render_html
from normalize.io import InputError, _display, write_atomic, write_lock
from normalize.model import Result
from normalize.protect import PatternTimeoutError
from normalize.report import LineIndex, render_diff, render_json, render_text, summary


def _fix_or_report(
    normalizer: Normalizer, path: str, text: str, status: dict[str, int]
) -> Result | None:
    """The engine's result, or None (reported, counted) when an ignore pattern ran away."""
    try:
        return normalizer.fix(text)
    except PatternTimeoutError as exc:
        error(f"{_display(path)}: {exc}; file left as it was")
        status["errors"] += 1
        return None


def _summary(counts: dict[str, int]) -> None:
    console = terminal.console_for(sys.stderr)
    if console is None:
        notice(summary(counts))
    else:
        console.print(terminal.summary_text(counts))


def walk_options(func: Any) -> Any:
    """--include and --exclude: which files of a folder argument are processed."""
    func = click.option(
        "--exclude",
        multiple=True,
        metavar="GLOB",
        help="Pass over the files or folders (`drafts/`) of a folder argument that match"
        " this gitignore-style pattern (repeatable).",
    )(func)
    return click.option(
        "--include",
        multiple=True,
        metavar="GLOB",
        help="Also process the files of a folder argument that match this pattern"
        f" (repeatable). Default: {' '.join(DEFAULT_INCLUDE)}, or the config's `include`."
        " Files named on the command line are always processed.",
    )(func)


def _selection(kw: dict[str, Any]) -> dict[str, Any]:
    """The include and exclude patterns in effect (defaults < config < flags)."""
    values = settings_from(kw).values
    return {"include": values["include"], "exclude": values["exclude"]}


chunk_option = click.option(
    "--chunk-size",
    type=click.IntRange(min=MIN_CHUNK_CHARS),
    default=DEFAULT_CHUNK_CHARS,
    show_default=True,
    help="Stream a file of over twice this many bytes, in chunks of about this many"
    f" characters (16 Mi by default, at least {MIN_CHUNK_CHARS}); context terms then count"
    " per chunk.",
)


# readable=False: an unreadable file is reported by the read itself, as a per-file
# "permission denied", and the other files are still processed (click would stop the run).
@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(readable=False))
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff; write nothing.")
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the fixed text; write nothing.")
@click.option("-q", "--quiet", is_flag=True, help="No summary on standard error.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "critic", "html"]),
    default="text",
    show_default=True,
    help="With --stdout or `-`: the fixed text, CriticMarkup, or one HTML page.",
)
@chunk_option
@walk_options
@engine_options
def fix(
    files: tuple[str, ...],
    show_diff: bool,
    to_stdout: bool,
    quiet: bool,
    fmt: str,
    chunk_size: int,
    **kw: Any,
) -> None:
    """Fix FILES in place (atomically). `-` reads standard input and writes standard output."""
    if fmt != "text" and (show_diff or not (to_stdout or files == ("-",))):
        raise click.UsageError(f"--format {fmt} needs --stdout (or `-`) and no --diff")
    normalizer = build_normalizer(kw)
    colour = terminal.console_for(sys.stdout) if show_diff else None
    pages: list[tuple[str, str, Result]] = []
    status = {"files": 0, "changed": 0, "applied": 0, "flagged": 0, "skipped": 0, "errors": 0}
    out = sys.stdout.buffer
    for path, decoded in each_input(
        files, kw["encoding"], status, stream_over=2 * chunk_size, **_selection(kw)
    ):
        if decoded is None and fmt != "text":
            notice(f"skipped {_display(path)}: --format {fmt} needs the whole file in memory")
            status["skipped"] += 1
            continue
        if decoded is None:
            fix_streamed(path, normalizer, kw["encoding"], chunk_size, show_diff, to_stdout, status)
            continue
        result = _fix_or_report(normalizer, path, decoded.text, status)
        if result is None:
            continue
        result = fit_encoding(path, decoded.text, result, decoded.encoding)
        shown = _display(path)  # one printable line, whatever bytes the name holds
        if show_diff and colour is not None:
            colour.print(terminal.diff_text(render_diff(shown, decoded.text, result.text)), end="")
        elif show_diff:
            out.write(decoded.encode(render_diff(shown, decoded.text, result.text)))
        elif fmt == "html":
            pages.append((_display(path), decoded.text, result))
        elif fmt == "critic":
            out.write(decoded.encode(render_critic(decoded.text, result.changes)))
        elif to_stdout or path == "-":
            out.write(decoded.encode(result.text))
        elif result.changed:
            try:
                # Locked from the check to the rename, so that two runs on one file cannot
                # both find it unchanged and the second rename drop the first one's fixes.
                with write_lock(path):
                    unchanged_since_read(path, decoded.encode(decoded.text))
                    write_atomic(path, decoded.encode(result.text))
            except InputError as exc:
                error(str(exc))
                status["errors"] += 1
                continue
        # Counted once the output is out: a file that could not be written is an error,
        # not a changed file.
        status["files"] += 1
        status["applied"] += len(result.applied)
        status["flagged"] += len(result.flagged)
        status["changed"] += result.changed
        if not quiet and (result.changes):
            verb = "would change" if (show_diff or to_stdout) else "fixed"
            notice(
                f"{_display(path)}: {verb} {len(result.applied)}, flagged {len(result.flagged)}"
                + (" (see `normalize check`)" if result.flagged else "")
            )
    if pages:
        out.write(render_html(pages).encode("utf-8"))
    out.flush()
    if not quiet:
        _summary(status)
    if status["errors"]:
        sys.exit(EXIT_ERROR)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(readable=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "critic", "html"]),
    default="text",
    show_default=True,
    help="text: path:line:col lines; json: one report object per file per line; "
    "critic: the text in CriticMarkup; html: one self-contained page for all FILES.",
)
@click.option("-q", "--quiet", is_flag=True, help="No summary on standard error.")
@chunk_option
@walk_options
@engine_options
def check(files: tuple[str, ...], fmt: str, quiet: bool, chunk_size: int, **kw: Any) -> None:
    """Report what `fix` would change or flag in FILES; write nothing.

    Exit 0 when nothing is found, 1 when anything would change or is flagged.
    """
    normalizer = build_normalizer(kw)
    status = {"files": 0, "applied": 0, "flagged": 0, "skipped": 0, "errors": 0}
    colour = terminal.console_for(sys.stdout) if fmt == "text" else None
    pages: list[tuple[str, str, Result]] = []
    for path, decoded in each_input(
        files, kw["encoding"], status, stream_over=2 * chunk_size, **_selection(kw)
    ):
        if decoded is None and fmt in ("critic", "html"):
            notice(f"skipped {_display(path)}: --format {fmt} needs the whole file in memory")
            status["skipped"] += 1
            continue
        if decoded is None:
            check_streamed(path, normalizer, kw["encoding"], chunk_size, fmt, status)
            continue
        result = _fix_or_report(normalizer, path, decoded.text, status)
        if result is None:
            continue
        shown = _display(path)  # one printable line, whatever bytes the name holds
        status["files"] += 1
        status["applied"] += len(result.applied)
        status["flagged"] += len(result.flagged)
        if fmt == "json":
            click.echo(render_json(shown, result))
        elif fmt == "html":
            pages.append((_display(path), decoded.text, result))
        elif fmt == "critic":
            if len(files) > 1:
                click.echo(f"==> {shown} <==")
            click.echo(render_critic(decoded.text, result.changes), nl=False)
        elif colour is not None:
            index = LineIndex(decoded.text)
            for change in result.changes:
                colour.print(terminal.change_text(shown, index, change))
        else:
            for line in render_text(shown, decoded.text, result):
                click.echo(line)
    if fmt == "html":
        click.echo(render_html(pages), nl=False)
    if fmt == "text" and not quiet:
        _summary(status)
    if status["errors"]:
        sys.exit(EXIT_ERROR)
    if status["applied"] or status["flagged"]:
        sys.exit(EXIT_FOUND)
