"""Coloured terminal output with rich: diffs, change lines and summaries.

These functions build :class:`rich.text.Text` values; printing stays in ``normalize.cli``.
Colour is used only on a terminal and never when ``NO_COLOR`` is set (https://no-color.org);
``FORCE_COLOR`` forces it, as rich does.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # rich is imported only once colour is possible: plain runs skip it
    from rich.console import Console
    from rich.text import Text

from normalize.model import Action, Change
from normalize.report import LineIndex, change_line

STYLES = {
    Action.APPLIED: "bold green",
    Action.FLAGGED: "bold yellow",
}


def console_for(stream: TextIO) -> Console | None:
    """A rich console for ``stream`` when colour is wanted there, else None (plain text)."""
    if os.environ.get("NO_COLOR"):
        return None
    if not os.environ.get("FORCE_COLOR") and not (hasattr(stream, "isatty") and stream.isatty()):
        return None
    from rich.console import Console

    console = Console(file=stream, highlight=False, markup=False, emoji=False, soft_wrap=True)
    return console if console.is_terminal and console.color_system else None


def diff_text(diff: str) -> Text:
    """A unified diff with removed lines red, added lines green and hunk headers cyan.

    >>> diff_text("-a\\n+b\\n").spans[0].style
    'red'
    """
    from rich.text import Text

    out = Text()
    for line in diff.splitlines(keepends=True):
        if line.startswith(("+++", "---")):
            style = "bold"
        elif line.startswith("@@"):
            style = "cyan"
        elif line.startswith("+"):
            style = "green"
        elif line.startswith("-"):
            style = "red"
        else:
            style = ""
        out.append(line, style=style)
    return out


def change_text(path: str, index: LineIndex, change: Change) -> Text:
    """:func:`normalize.report.change_line` with the location dim and the action coloured;
    the plain text is exactly that line."""
    plain = change_line(path, index, change)
    from rich.text import Text

    text = Text(plain)
    head = plain.index(": ") + 1
    text.stylize("dim", 0, head)
    arrow = plain.find(" -> ", head)
    text.stylize("red", head + 1, arrow)
    bracket = plain.find(" [", arrow)
    text.stylize("green", arrow + 4, bracket)
    action_at = bracket + 2
    text.stylize(STYLES[change.action], action_at, action_at + len(change.action.value))
    return text


def summary_text(counts: Mapping[str, int]) -> Text:
    """The one-line summary with the counts that need attention coloured."""
    styles = {"applied": "green", "changed": "green", "flagged": "yellow", "errors": "red"}
    from rich.text import Text

    out = Text("normalize: ")
    for i, (name, n) in enumerate(counts.items()):
        if i:
            out.append(", ")
        out.append(f"{n} {name}", style=f"bold {styles[name]}" if n and name in styles else "")
    return out
