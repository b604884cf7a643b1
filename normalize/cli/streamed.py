"""`fix` and `check` for files too large to hold: streamed through normalize.chunking."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import click

from normalize.chunking import DEFAULT_CONTEXT_CHARS, Segment, fix_chunked, open_text_stream
from normalize.cli.common import encodable, error, notice, report_input_error
from normalize.engine import Normalizer
from normalize.io import (
    BinaryInputError,
    InputError,
    OutputError,
    _display,
    atomic_output,
    write_lock,
)
from normalize.model import Change, Result, apply_changes
from normalize.protect import PatternTimeoutError
from normalize.report import LineIndex, change_line, render_json


def _no_nul(pieces: Iterable[str], path: str, codec: str) -> Iterator[str]:
    """The pieces, refusing the file as binary at a NUL (decoded text never holds one).

    The first bytes were sniffed when the stream opened; this catches a binary tail. Nothing
    is written before the stream ends, so refusing half-way leaves the file as it was.
    """
    offset = 0
    for piece in pieces:
        at = piece.find("\x00")
        if at >= 0 and not codec.startswith(("utf-16", "utf-32")):
            raise BinaryInputError(
                path, f"looks like a binary file (NUL character at offset {offset + at})"
            )
        offset += len(piece)
        yield piece


def _fit(seg: Segment, codec: str, path: str) -> Segment:
    """``seg`` without the changes ``codec`` cannot write, each reported as a notice."""
    bad = [c for c in seg.changes if not encodable(c, codec)]
    if not bad:
        return seg
    for change in bad:
        notice(
            f"{_display(path)}: offset {change.start}: {change.original!r} ->"
            f" {change.replacement!r} left out: {codec} cannot write it"
        )
    kept = tuple(c for c in seg.changes if c not in bad)
    local = [dataclasses.replace(c, start=c.start - seg.start, end=c.end - seg.start) for c in kept]
    return dataclasses.replace(seg, fixed=apply_changes(seg.original, local), changes=kept)


def refuse_read_only(path: str) -> None:
    """Raise :class:`OutputError` for a file its owner marked read-only.

    The atomic rename could replace such a file (only the folder's permission counts), so
    the mode bits are checked explicitly: no write bit at all means "do not modify", for
    root too.
    """
    try:
        mode = Path(path).stat().st_mode
    except OSError:
        return  # the caller's next step reports it
    if not mode & 0o222 or not os.access(path, os.W_OK):
        raise OutputError(path, "is read-only; not written")


def unchanged_since_read(path: str, data: bytes) -> None:
    """Raise :class:`OutputError` if the file at ``path`` no longer holds ``data``.

    Checked just before a rewrite, so that a file deleted meanwhile is not recreated and
    an edit made meanwhile (by a person, or a second `fix`) is not overwritten. A
    read-only file is refused too (:func:`refuse_read_only`).
    """
    refuse_read_only(path)
    try:
        now = Path(path).read_bytes()
    except FileNotFoundError:
        raise OutputError(path, "vanished before it could be written; not recreated") from None
    except OSError as exc:
        raise OutputError(path, f"cannot re-read before writing: {exc.strerror or exc}") from None
    if now != data:
        raise OutputError(path, "changed while it was being fixed; not written (run again)")


def _identity(path: str) -> tuple[int, int, int] | None:
    try:
        info = Path(path).stat()
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


def fix_streamed(
    path: str,
    normalizer: Normalizer,
    encoding: str | None,
    chunk_chars: int,
    show_diff: bool,
    to_stdout: bool,
    status: dict[str, int],
) -> None:
    """Fix one large file chunk by chunk; in place (atomically) or to standard output."""
    if show_diff:
        notice(f"skipped {_display(path)}: too large for --diff; use `normalize check`")
        status["skipped"] += 1
        return
    before = _identity(path)
    try:
        if not to_stdout:
            refuse_read_only(path)
        stream = open_text_stream(path, encoding=encoding)
    except InputError as exc:
        report_input_error(exc, status)
        return
    segments = (
        _fit(seg, stream.encoding, path)
        for seg in fix_chunked(
            normalizer,
            _no_nul(stream.pieces, path, stream.encoding),
            chunk_chars=chunk_chars,
            context_chars=min(DEFAULT_CONTEXT_CHARS, chunk_chars),
        )
    )
    applied = flagged = 0
    try:
        if to_stdout:
            out = sys.stdout.buffer
            out.write(stream.bom)
            for seg in segments:
                out.write(seg.fixed.encode(stream.encoding))
                applied += len(Result("", seg.changes).applied)
                flagged += len(seg.changes)
        else:
            with atomic_output(path) as atomic:
                atomic.write(stream.bom)
                for seg in segments:
                    atomic.write(seg.fixed.encode(stream.encoding))
                    applied += len(Result("", seg.changes).applied)
                    flagged += len(seg.changes)
                if not applied:
                    atomic.discard()
                else:
                    # Checked again under the lock when the rename happens (io.AtomicOutput).
                    with write_lock(path):
                        if _identity(path) != before:
                            raise OutputError(path, "changed while it was being fixed; not written")
    except InputError as exc:
        report_input_error(exc, status)
        return
    except PatternTimeoutError as exc:
        error(f"{_display(path)}: {exc}; file left as it was")
        status["errors"] += 1
        return
    except OSError as exc:
        error(str(OutputError(path, f"cannot write: {exc.strerror or exc}")))
        status["errors"] += 1
        return
    flagged -= applied
    status["files"] += 1
    status["applied"] += applied
    status["flagged"] += flagged
    status["changed"] += bool(applied)
    if applied or flagged:
        verb = "would change" if to_stdout else "fixed"
        notice(f"{_display(path)}: {verb} {applied}, flagged {flagged} (streamed)")


class _Lines:
    """Line and column of changes across segments, without holding the whole text."""

    def __init__(self) -> None:
        self.line = 0  # line breaks before the current segment
        self.column = 0  # characters since the last line break before it

    def position(self, seg: Segment, change: Change) -> tuple[int, int]:
        line, col = LineIndex(seg.original).position(change.start - seg.start)
        return (line + self.line, col + self.column if line == 1 else col)

    def advance(self, text: str) -> None:
        breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
        last = max(text.rfind("\n"), text.rfind("\r"))
        self.line += breaks
        self.column = len(text) - last - 1 if last >= 0 else self.column + len(text)


class _At(LineIndex):
    """A line index that knows one answer: where the change being rendered is."""

    def __init__(self, line: int, column: int) -> None:
        self._at = (line, column)

    def position(self, offset: int) -> tuple[int, int]:
        return self._at


def check_streamed(
    path: str,
    normalizer: Normalizer,
    encoding: str | None,
    chunk_chars: int,
    fmt: str,
    status: dict[str, int],
) -> None:
    """Report one large file chunk by chunk; offsets and lines are those of the whole file."""
    lines = _Lines()
    changes: list[Change] = []
    shown = _display(path)  # one printable line, whatever bytes the name holds
    try:
        stream = open_text_stream(path, encoding=encoding)
        segments = fix_chunked(
            normalizer,
            _no_nul(stream.pieces, path, stream.encoding),
            chunk_chars=chunk_chars,
            context_chars=min(DEFAULT_CONTEXT_CHARS, chunk_chars),
        )
        for seg in segments:
            for change in seg.changes:
                if fmt == "text":
                    click.echo(change_line(shown, _At(*lines.position(seg, change)), change))
                changes.append(change)
            lines.advance(seg.original)
    except InputError as exc:
        report_input_error(exc, status)
        return
    except PatternTimeoutError as exc:
        error(f"{shown}: {exc}; file left as it was")
        status["errors"] += 1
        return
    result = Result("", tuple(changes))
    status["files"] += 1
    status["applied"] += len(result.applied)
    status["flagged"] += len(result.flagged)
    if fmt == "json":
        click.echo(render_json(shown, result))
