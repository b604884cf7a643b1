"""Results rendered for people and programs: text, JSON lines, unified diff."""

from __future__ import annotations

import bisect
import difflib
import json
from collections.abc import Sequence

from normalize.model import REPORT_SCHEMA_VERSION, Change, Result


class LineIndex:
    """Maps code-point offsets to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self._starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n" or (ch == "\r" and text[i + 1 : i + 2] != "\n"):
                self._starts.append(i + 1)

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of ``offset``.

        >>> LineIndex("ab\\ncd").position(4)
        (2, 2)
        """
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def change_line(path: str, index: LineIndex, change: Change) -> str:
    """One change as a ``path:line:col:`` line, the form editors jump to."""
    line, col = index.position(change.start)
    entity = f" {change.entity}" if change.entity else ""
    head = (
        f"{path}:{line}:{col}: {change.original!r} -> {change.replacement!r}"
        f" [{change.action.value} {change.confidence:.2f} {change.rule}{entity}]"
    )
    return head + (f" {'; '.join(change.evidence)}" if change.evidence else "")


def render_text(path: str, original: str, result: Result) -> list[str]:
    """Every change of one file as ``path:line:col:`` lines."""
    index = LineIndex(original)
    return [change_line(path, index, c) for c in result.changes]


def to_json(path: str, result: Result) -> dict[str, object]:
    """The report contract of DESIGN.md for one file."""
    return {
        "path": path,
        "schema": REPORT_SCHEMA_VERSION,
        "changes": [c.to_json() for c in result.changes],
    }


def render_json(path: str, result: Result) -> str:
    """The report contract as one line of JSON."""
    return json.dumps(to_json(path, result), ensure_ascii=False)


def render_diff(path: str, original: str, fixed: str) -> str:
    """A unified diff of one file; empty when nothing changed. Line endings are kept."""
    if original == fixed:
        return ""
    a: Sequence[str] = original.splitlines(keepends=True)
    b: Sequence[str] = fixed.splitlines(keepends=True)
    lines = difflib.unified_diff(a, b, fromfile=f"a/{path}", tofile=f"b/{path}")
    out = []
    for line in lines:
        out.append(
            line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
        )
    return "".join(out)


def summary(counts: dict[str, int]) -> str:
    """A one-line summary such as ``3 files, 12 applied, 4 flagged, 1 skipped``."""
    return ", ".join(f"{n} {name}" for name, n in counts.items())
