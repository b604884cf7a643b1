"""Directory arguments: every text file below a folder, minus what a project ignores.

Rules, in the order they apply to each entry:

- names starting with a dot (``.git``, ``.venv``, ``.env``) are skipped silently, like
  other source tools do;
- ``.gitignore`` files are honoured in every folder walked, each relative to its own
  folder, with git's semantics (negation, anchoring, ``**``) via the ``pathspec`` library;
- symbolic links to folders are not followed (no cycles, no escaping the tree); links to
  files inside the folder walked are, so the target is fixed and the link stays a link;
  a link to a file outside it is passed over with a notice (a checkout must not make
  `normalize fix .` rewrite files elsewhere on the machine);
- files that match no ``include`` pattern, and files or folders that match an ``exclude``
  pattern, are passed over silently (gitignore-style patterns, matched against the path
  below the folder walked, with the same time limit as ``.gitignore`` patterns; the
  command line defaults to ``config.DEFAULT_INCLUDE``);
- files larger than ``max_bytes`` are skipped with a notice (binary files are skipped
  later, when they are read).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported where a folder is walked: plain file arguments never need it
    import pathspec
from pathlib import Path

from normalize.limits import quote

__all__ = ["DEFAULT_MAX_WALK_BYTES", "Found", "walk"]

DEFAULT_MAX_WALK_BYTES = 64 * 1024 * 1024
"""Files found in a folder above this size are skipped (name a file to process it)."""


@dataclass(frozen=True)
class Found:
    """A file found below a folder, or why it (or a folder) was passed over.

    ``skip`` is ``None`` for a file to process; otherwise a one-line reason for a notice.
    """

    path: str
    skip: str | None = None


_Ignore = tuple[str, "pathspec.GitIgnoreSpec"]  # (folder the rules are relative to, rules)

GITIGNORE_TIMEOUT = 0.5
"""Seconds one ``.gitignore`` pattern may take on one path before the path is passed over.

pathspec turns each line into a regular expression that backtracks: ``*a*a*a*a*a*a*b``
against an 80-letter name would run for hours. Real patterns take microseconds."""

MAX_GITIGNORE_BYTES = 1024 * 1024
"""Only this much of a ``.gitignore`` file is read; a real one is a few kilobytes."""


class _SlowPattern(Exception):
    """A ``.gitignore`` (or include/exclude) pattern ran out of time on a path."""

    def __init__(self, pattern: str, source: str = ".gitignore") -> None:
        super().__init__(pattern)
        self.pattern = pattern
        self.source = source


class _TimedRegex:
    """A pathspec pattern's regular expression, run by ``regex`` with a time limit.

    pathspec compiles with the standard ``re`` module, which cannot be interrupted; the
    same expression compiled by ``regex`` (its syntax is a superset) takes a timeout.
    pathspec's simple backend calls only ``search`` on it.
    """

    def __init__(self, source: str, origin: str = ".gitignore") -> None:
        import regex

        self.pattern = source
        self.origin = origin
        self._compiled = regex.compile(source)

    def search(self, text: str) -> Any:
        try:
            return self._compiled.search(text, timeout=GITIGNORE_TIMEOUT)
        except TimeoutError:
            raise _SlowPattern(self.pattern, self.origin) from None

    def match(self, text: str) -> Any:
        try:
            return self._compiled.match(text, timeout=GITIGNORE_TIMEOUT)
        except TimeoutError:
            raise _SlowPattern(self.pattern, self.origin) from None


def _gitignore(folder: str) -> pathspec.GitIgnoreSpec | None:
    path = os.path.join(folder, ".gitignore")  # noqa: PTH118 - plain strings keep odd bytes
    try:
        # Without blocking: a FIFO named .gitignore must not stall the walk.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:  # none here (the usual case), or not readable
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        data = os.read(fd, MAX_GITIGNORE_BYTES)
    except OSError:
        return None
    finally:
        os.close(fd)
    text = data.decode("utf-8", errors="surrogateescape")
    return _timed_spec(text.splitlines(), ".gitignore")


def _timed_spec(lines: Sequence[str], origin: str) -> pathspec.GitIgnoreSpec:
    """Gitignore-style ``lines`` whose patterns run with :data:`GITIGNORE_TIMEOUT`."""
    import pathspec

    # The simple backend matches through each pattern's ``regex`` attribute, which is
    # replaced here by a timed one (a faster backend, if installed, would bypass it).
    spec = pathspec.GitIgnoreSpec.from_lines(lines, backend="simple")
    for pattern in spec.patterns:
        compiled = getattr(pattern, "regex", None)
        if compiled is not None:
            # Duck-typed: pathspec only calls ``search`` on it.
            pattern.regex = _TimedRegex(compiled.pattern, origin)  # type: ignore[assignment]
    return spec


def _ignored(path: str, is_dir: bool, rules: Sequence[_Ignore]) -> bool:
    """Whether the rules ignore ``path``; raises :class:`_SlowPattern` past the time limit."""
    # Later (deeper) .gitignore files override earlier ones, as in git.
    verdict = False
    for base, spec in rules:
        rel = os.path.relpath(path, base).replace(os.sep, "/") + ("/" if is_dir else "")
        result = spec.check_file(rel)
        if result.include is not None:
            verdict = result.include
    return verdict


@dataclass(frozen=True)
class _Select:
    """Which files below ``root`` are taken: ``include`` (None: all) minus ``exclude``."""

    root: str
    include: pathspec.GitIgnoreSpec | None
    exclude: pathspec.GitIgnoreSpec | None

    def passes_over(self, path: str, is_dir: bool) -> bool:
        rel = os.path.relpath(path, self.root).replace(os.sep, "/") + ("/" if is_dir else "")
        if self.exclude is not None and self.exclude.match_file(rel):
            return True
        return not is_dir and self.include is not None and not self.include.match_file(rel)


def _spec(patterns: Sequence[str] | None) -> pathspec.GitIgnoreSpec | None:
    if patterns is None:
        return None
    # Timed as .gitignore patterns are: a config file's patterns come with a checkout too.
    return _timed_spec(patterns, "include/exclude")


def walk(
    root: str,
    *,
    max_bytes: int | None = DEFAULT_MAX_WALK_BYTES,
    include: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
) -> Iterator[Found]:
    """Every file below ``root`` to process, in sorted order, and notices for skipped ones.

    The tree is walked with a stack of its own, not by recursion, so any depth the file
    system allows is walked. ``include`` (None: every file) and ``exclude`` are
    gitignore-style patterns matched against the path below ``root``: ``*.md`` at any
    depth, ``drafts/`` a folder.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     for name in ("a.txt", "skip.log", ".git/config", "sub/b.txt"):
    ...         p = pathlib.Path(d, name); p.parent.mkdir(exist_ok=True); _ = p.write_text("x")
    ...     _ = pathlib.Path(d, ".gitignore").write_text("*.log\\n")
    ...     [os.path.relpath(f.path, d) for f in walk(d) if f.skip is None]
    ...     [os.path.relpath(f.path, d) for f in walk(d, include=["*.txt"], exclude=["sub/"])]
    ['a.txt', 'sub/b.txt']
    ['a.txt']
    """
    select = _Select(root, _spec(include), _spec(exclude) if exclude else None)
    # Each open folder: its remaining entries, in order, and the rules that apply in it.
    top = os.path.realpath(root)
    stack: list[tuple[Iterator[os.DirEntry[str]], list[_Ignore]]] = []
    yield from _enter(root, [], stack)
    while stack:
        entries, rules = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            is_file = entry.is_file(follow_symlinks=True)
        except OSError:
            continue
        try:
            if _ignored(entry.path, is_dir, rules) or select.passes_over(entry.path, is_dir):
                continue
        except _SlowPattern as slow:
            yield Found(
                entry.path,
                f"{slow.source} pattern {quote(slow.pattern)} took over {GITIGNORE_TIMEOUT:g} s"
                " on this name; passed over",
            )
            continue
        if is_dir:
            yield from _enter(entry.path, rules, stack)
        elif is_file:
            if top and entry.is_symlink():
                target = _outside(entry.path, top)
                if target is not None:
                    shown = target.encode("utf-8", "backslashreplace").decode("utf-8")
                    shown = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in shown)
                    yield Found(entry.path, f"links outside the folder (to {shown}); not followed")
                    continue
            if max_bytes is not None:
                try:
                    size = entry.stat(follow_symlinks=True).st_size
                except OSError:
                    size = 0  # vanished: reading it will say so
                if size > max_bytes:
                    yield Found(
                        entry.path, f"file is {size} bytes, over the {max_bytes}-byte limit"
                    )
                    continue
            yield Found(entry.path)
        # Sockets, FIFOs, devices and links to folders are not documents.


def _outside(path: str, top: str) -> str | None:
    """The target of the link ``path`` when it lies outside the folder ``top``, else None."""
    target = os.path.realpath(path)
    if os.path.commonpath([target, top]) == top:
        return None
    return target


def _enter(
    folder: str,
    rules: list[_Ignore],
    stack: list[tuple[Iterator[os.DirEntry[str]], list[_Ignore]]],
) -> Iterator[Found]:
    """Push ``folder``'s sorted entries and rules on ``stack``, or yield why it cannot be."""
    spec = _gitignore(folder)
    if spec is not None:
        rules = [*rules, (folder, spec)]
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield Found(folder, f"cannot list folder: {exc.strerror or exc}")
        return
    stack.append((iter(entries), rules))


def is_folder(path: str) -> bool:
    """Whether a command-line argument names a folder to walk."""
    return path != "-" and Path(path).is_dir()
