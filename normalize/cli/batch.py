"""`batch`: JSON Lines (or plain-text lines) through the engine, streaming, on N processes."""

from __future__ import annotations

import gc
import os
import stat
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

import click

from normalize.batch import (
    BATCH_BYTES,
    BATCH_LINES,
    LOG_FIELD,
    JsonlJob,
    TextJob,
    ordered_map,
    parse_field,
    read_batches,
)
from normalize.cli.common import EXIT_ERROR, build_normalizer, cli, engine_options, error, notice
from normalize.io import _display
from normalize.report import summary


def _identity(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino


def _same_file(stream: IO[bytes], path: str) -> bool:
    """Whether ``path`` names the file ``stream`` reads (by device and inode, not by name).

    Hard links, symlinks, bind mounts and a shell redirection (`- < F`) all reach one file
    under other names; opening it for writing would truncate the input before it is read.
    """
    try:
        return _identity(os.fstat(stream.fileno())) == _identity(Path(path).stat())
    except (OSError, ValueError):
        return False


def _same_stream(a: IO[bytes], b: IO[bytes]) -> bool:
    """Whether two open streams are one regular file (`batch F >> F` would never end)."""
    try:
        first, second = os.fstat(a.fileno()), os.fstat(b.fileno())
    except (OSError, ValueError):
        return False
    return stat.S_ISREG(first.st_mode) and _identity(first) == _identity(second)


def _size(stream: IO[bytes]) -> int | None:
    """The byte size of a regular file (for the progress bar's ETA); None for pipes."""
    try:
        st = os.fstat(stream.fileno())
    except (OSError, ValueError):
        return None
    return st.st_size if stat.S_ISREG(st.st_mode) else None


@cli.command()
@click.argument(
    "source", default="-", type=click.Path(dir_okay=False, allow_dash=True, readable=False)
)
@click.option(
    "-o",
    "--output",
    default="-",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Where to write (default: standard output). Written as it goes, never atomically.",
)
@click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="PATH",
    help="Field to repair, dotted for nested objects (body.text); repeatable. JSONL only.",
)
@click.option("--text", "text_mode", is_flag=True, help="Plain text: repair line by line.")
@click.option(
    "--log",
    "log_path",
    type=click.Path(dir_okay=False),
    help="With --text: also write one JSON change log per changed line to this file.",
)
@click.option(
    "--log-field",
    default=LOG_FIELD,
    show_default=True,
    help="Name of the change-log field added to each JSONL record.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Worker processes (0: one per CPU). Output stays in input order.",
)
@click.option(
    "--on-error",
    type=click.Choice(["stop", "skip"]),
    default="stop",
    show_default=True,
    help="A malformed line stops the run (exit 2), or is reported and skipped.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar on standard error (default: only when it is a terminal).",
)
@click.option(
    "--batch-lines",
    type=click.IntRange(min=1),
    default=BATCH_LINES,
    show_default=True,
    help="Lines per unit of work handed to a worker (a batch also closes at 1 MiB, at 256 KiB"
    " with several workers).",
)
@click.option("-q", "--quiet", is_flag=True, help="No summary on standard error.")
@engine_options
def batch(
    source: str,
    output: str,
    fields: tuple[str, ...],
    text_mode: bool,
    log_path: str | None,
    log_field: str,
    jobs: int,
    on_error: str,
    progress: bool | None,
    batch_lines: int,
    quiet: bool,
    **kw: Any,
) -> None:
    """Repair a stream of records: JSON Lines from SOURCE (default `-`, standard input).

    Each output record is its input record with the --field strings repaired, every other
    field unchanged (keys in their order), and a change-log field added (`_normalize`: schema,
    applied, flagged, and the changes, each naming its field). Memory stays flat however
    large the input. With --text, plain text is repaired line by line instead.
    """
    if text_mode and fields:
        raise click.UsageError("--field is for JSON Lines; --text repairs whole lines")
    if not text_mode and not fields:
        raise click.UsageError("name at least one --field to repair (or use --text)")
    if log_path and not text_mode:
        raise click.UsageError("--log is for --text; JSONL records carry their own log")
    if source != "-" and output != "-" and Path(source).resolve() == Path(output).resolve():
        raise click.UsageError("the output would overwrite the input while it is read")
    try:
        paths = tuple(parse_field(f) for f in fields)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    if not text_mode:
        if not log_field or "." in log_field:
            raise click.UsageError(f"--log-field must be one plain key, not {log_field!r}")
        clash = next((".".join(p) for p in paths if p[0] == log_field), None)
        if clash is not None:
            raise click.UsageError(
                f"--log-field {log_field!r} would overwrite the repaired field {clash!r}"
            )
    normalizer = build_normalizer(kw)
    job = (
        TextJob(normalizer, passthrough=on_error == "skip", log=bool(log_path))
        if text_mode
        else JsonlJob(normalizer, paths, log_field)
    )
    workers = jobs or os.cpu_count() or 1
    name = "<stdin>" if source == "-" else _display(source)
    counts = {"records": 0, "changed": 0, "applied": 0, "flagged": 0, "skipped": 0}
    absent: dict[str, int] = {}  # per --field: records without it, and with no string in it
    unusable: dict[str, int] = {}
    with ExitStack() as stack:
        try:
            inp: IO[bytes] = (
                sys.stdin.buffer if source == "-" else stack.enter_context(Path(source).open("rb"))
            )
            # Compared before the output is opened (and truncated): by identity, not name.
            for target, what in ((output, "output"), (log_path, "log")):
                if target and target != "-" and _same_file(inp, target):
                    error(
                        f"{_display(target)}: is the input file ({name}); the {what} would"
                        " destroy it while it is read (write elsewhere, then rename)"
                    )
                    sys.exit(EXIT_ERROR)
            if output == "-" and _same_stream(inp, sys.stdout.buffer):
                error(f"{name}: standard output is the input file itself; not run")
                sys.exit(EXIT_ERROR)
            out: IO[bytes] = (
                sys.stdout.buffer if output == "-" else stack.enter_context(Path(output).open("wb"))
            )
            log = stack.enter_context(Path(log_path).open("wb")) if log_path else None
        except OSError as exc:
            error(f"{_display(exc.filename or name)}: {exc.strerror}")
            sys.exit(EXIT_ERROR)
        show = progress if progress is not None else sys.stderr.isatty()
        from tqdm import tqdm  # only here: the other commands never need it

        # Workers are forked from this process where they can be: loaded here once, the
        # compiled lexicons, word lists and seeded memo are theirs from the start, where
        # each spawned worker would import and load them all again (about 0.45 s each).
        # tqdm's monitor thread would rule forking out (see ordered_map); it only tunes
        # how often a stalled bar is redrawn.
        tqdm.monitor_interval = 0
        start = "fork" if sys.platform.startswith("linux") else "spawn"
        if workers > 1 and start == "fork":
            normalizer.preload()
            gc.freeze()  # what the workers share is never walked by their collections
        bar = stack.enter_context(
            tqdm(
                total=_size(inp),
                unit="B",
                unit_scale=True,
                unit_divisor=1024,
                disable=not show,
                file=sys.stderr,
                desc=name,
            )
        )
        try:
            # Smaller batches with several workers: the last one is done by one worker
            # alone while the others wait.
            nbytes = BATCH_BYTES if workers <= 1 else BATCH_BYTES // 4
            batches = read_batches(inp, lines=batch_lines, nbytes=nbytes)
            for done in ordered_map(job, batches, workers=workers, start=start):
                for lineno, data, problem in done.lines:
                    if problem is not None:
                        error(f"{name}:{lineno}: {problem}")
                        if on_error == "stop":
                            out.flush()  # everything before the bad line is kept
                            sys.exit(EXIT_ERROR)
                        counts["skipped"] += 1
                    if data is not None:
                        out.write(data)
                if log is not None and done.logs:
                    log.write(b"".join(done.logs))
                for key in ("records", "changed", "applied", "flagged"):
                    counts[key] += getattr(done, key)
                for tally, more in ((absent, done.absent), (unusable, done.unusable)):
                    for dotted, n in more.items():
                        tally[dotted] = tally.get(dotted, 0) + n
                bar.update(done.nbytes)
        finally:
            out.flush()
    _warn_fields(paths, counts["records"], absent, unusable)
    if not quiet:
        notice(summary(counts))


def _warn_fields(
    paths: tuple[tuple[str, ...], ...],
    records: int,
    absent: dict[str, int],
    unusable: dict[str, int],
) -> None:
    """Say on standard error which --field paths gave no text to repair, and how often: a
    misspelt path otherwise looks like a clean run. Warnings, not errors: records may
    legitimately lack a field (always shown, even with --quiet)."""
    for dotted in dict.fromkeys(".".join(path) for path in paths):
        missing, other = absent.get(dotted, 0), unusable.get(dotted, 0)
        if records and missing == records:
            notice(f"warning: --field {dotted} occurs in none of the {records} records")
        elif missing or other:
            notice(
                f"warning: --field {dotted}: missing in {missing}, null or not a string in "
                f"{other}, of {records} records"
            )
