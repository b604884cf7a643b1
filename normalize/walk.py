"""Directory arguments: every text file below a folder, minus what a project ignores.

Rules, in the order they apply to each entry:

- names starting with a dot (``.git``, ``.venv``, ``.env``) are skipped silently, like
  other source tools do;
- ``.gitignore`` files are honoured in every folder walked, each relative to its own
  folder, with git's semantics (negation, anchoring, ``**``) via the ``pathspec`` library;
- symbolic links to folders are not followed (no cycles, no escaping the tree); links to
  files are, so the target is fixed and the link stays a link;
- files that match no ``include`` pattern, and files or folders that match an ``exclude``
  pattern, are passed over silently (gitignore-style patterns, matched against the path
  below the folder walked; the command line defaults to ``config.DEFAULT_INCLUDE``);
- files larger than ``max_bytes`` are skipped with a notice (binary files are skipped
  later, when they are read).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where a folder is walked: plain file arguments never need it
    import pathspec
from pathlib import Path

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


def _gitignore(folder: str) -> pathspec.GitIgnoreSpec | None:
    import pathspec

    path = os.path.join(folder, ".gitignore")  # noqa: PTH118 - plain strings keep odd bytes
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as stream:  # noqa: PTH123
            return pathspec.GitIgnoreSpec.from_lines(stream)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError:
        return None


def _ignored(path: str, is_dir: bool, rules: Sequence[_Ignore]) -> bool:
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
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def walk(
    root: str,
    *,
    max_bytes: int | None = DEFAULT_MAX_WALK_BYTES,
    include: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
) -> Iterator[Found]:
    """Every file below ``root`` to process, in sorted order, and notices for skipped ones.

    ``include`` (None: every file) and ``exclude`` are gitignore-style patterns matched
    against the path below ``root``: ``*.md`` at any depth, ``drafts/`` a folder.

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
    yield from _walk(root, [], max_bytes, select)


def _walk(
    folder: str, rules: list[_Ignore], max_bytes: int | None, select: _Select
) -> Iterator[Found]:
    spec = _gitignore(folder)
    if spec is not None:
        rules = [*rules, (folder, spec)]
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield Found(folder, f"cannot list folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            is_file = entry.is_file(follow_symlinks=True)
        except OSError:
            continue
        if _ignored(entry.path, is_dir, rules) or select.passes_over(entry.path, is_dir):
            continue
        if is_dir:
            yield from _walk(entry.path, rules, max_bytes, select)
        elif is_file:
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


def is_folder(path: str) -> bool:
    """Whether a command-line argument names a folder to walk."""
    return path != "-" and Path(path).is_dir()
