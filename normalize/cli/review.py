"""`review`: decide the flagged changes of one file, key by key, in a terminal."""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.text import Text

from normalize.cli.common import (
    Failure,
    build_normalizer,
    cli,
    engine_options,
    fit_encoding,
    notice,
    read_input,
    settings_from,
)
from normalize.config import add_to_allow_list, allow_target
from normalize.io import InputError, _display, read_document, write_atomic, write_lock
from normalize.model import Action, Change
from normalize.protect import PatternTimeoutError
from normalize.report import LineIndex
from normalize.review import Session, line_number

KEYS = (
    ("y", "accept"),
    ("n", "reject"),
    ("e", "edit the replacement"),
    ("Y", "accept every undecided change of this entity"),
    ("N", "reject every undecided change of this entity"),
    ("i", "keep the word: on this line only (an ignore marker) or everywhere (the allow-list)"),
    ("u", "undo the last decision"),
    ("q", "quit, saving the decisions made"),
    ("?", "this help"),
)
HELP = "  ".join(f"{k} {what}" for k, what in KEYS)
PROMPT = "[y]es [n]o [e]dit [Y]es/[N]o to all of it [i]gnore... [u]ndo [q]uit [?] "
#: Files whose comments are HTML comments; others get the bracket form, which any text takes.
_HTML_COMMENTS = frozenset({".md", ".markdown", ".html", ".htm", ".xml"})


def ignore_marker(file: str) -> str:
    """The ``normalize: ignore`` marker that suits the file, with a space before it."""
    if Path(file).suffix.lower() in _HTML_COMMENTS:
        return " <!-- normalize: ignore -->"
    return " [normalize: ignore]"


def _ignore(console: Console, session: Session, file: str, allow_file: Path) -> None:
    """Key `i`: say what each choice does and where it writes, then do the one chosen."""
    current = session.current()
    assert current is not None
    line = line_number(session.text, current.start)
    marker = ignore_marker(file).strip()
    # Names shown on one printable line, as everywhere in the review.
    shown, target = _display(file), _display(allow_file)
    console.print(
        Text(
            f"  keep {current.original!r} as written:\n"
            f"    [l] on this line only: add {marker} at the end of line {line} of {shown}\n"
            f"    [a] everywhere: add {current.original!r} to the allow list in {target}"
            " (every file, every later run)\n"
            "    any other key: back  > ",
            style="bold",
        ),
        end="",
    )
    choice = click.getchar()
    console.print(choice if choice.isprintable() else "")
    if choice == "l":
        session.ignore_line(ignore_marker(file))
        console.print(f"  line {line} of {shown} gets {marker} when the review is saved")
    elif choice == "a":
        n = session.ignore_word()
        console.print(
            f"  kept {n} of {current.original!r}; added to the allow list in {target}"
            " when the review is saved"
        )
    else:
        console.print("  nothing ignored")


#: Characters of a long line shown on each side of the change.
WINDOW = 160


#: Line breaks as :class:`normalize.report.LineIndex` counts them (str.splitlines also breaks
#: at form feed, vertical tab, U+2028, NEL... and would show the wrong line).
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _lines(text: str) -> list[str]:
    """``text`` cut into the lines that :class:`LineIndex` numbers."""
    lines = _LINE_BREAK.split(text)
    return lines[:-1] if lines and lines[-1] == "" and len(lines) > 1 else lines


def _safe(text: str) -> str:
    """``text`` with every control and format character shown as an escape.

    The file's own bytes must never drive the terminal: an escape sequence could move the
    cursor, retitle the window or hide what is shown, and bidi overrides reorder it. Tab is
    shown as a space.
    """
    out = []
    for ch in text:
        if ch == "\t":
            out.append(" ")
        elif ch not in _JOINERS and unicodedata.category(ch) in _UNSAFE:
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


#: Control, format, line/paragraph separator, surrogate, private-use and unassigned.
_UNSAFE = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
#: Zero-width (non-)joiners are format characters that emoji and Indic scripts need.
_JOINERS = frozenset({"\u200c", "\u200d"})


def _clip(line: str, start: int, end: int, width: int) -> tuple[str, int, int]:
    """Cut a long line to ``width`` characters around ``[start, end)``; the new offsets."""
    if len(line) <= 2 * width + (end - start):
        return line, start, end
    lo = max(0, start - width)
    hi = min(len(line), end + width)
    head = "\u2026" if lo else ""
    tail = "\u2026" if hi < len(line) else ""
    return head + line[lo:hi] + tail, start - lo + len(head), end - lo + len(head)


def _context(text: str, index: LineIndex, change: Change, around: int) -> Text:
    lines = _lines(text)
    first, col = index.position(change.start)
    last, end_col = index.position(change.end)
    out = Text()
    number_width = len(str(min(len(lines), last + around)))
    for n in range(max(1, first - around), min(len(lines), last + around) + 1):
        line = lines[n - 1]
        out.append(f"{n:>{number_width}} \u2502 ", style="dim")
        if first <= n <= last:
            s = col - 1 if n == first else 0
            e = end_col - 1 if n == last else len(line)
            shown, s, e = _clip(line, s, e, WINDOW)
            out.append(_safe(shown[:s]))
            style = "bold black on yellow" if change.action is Action.FLAGGED else "bold on green"
            out.append(_safe(shown[s:e]), style=style)
            out.append(_safe(shown[e:]))
        else:
            out.append(_safe(_clip(line, 0, 0, WINDOW // 2)[0]), style="dim")
        out.append("\n")
    return out


def _show(console: Console, session: Session, index: LineIndex, around: int) -> None:
    change = session.current()
    assert change is not None
    i = session.position()
    assert i is not None
    same = len(session.same_entity())
    console.print()
    head = Text(f"[{i + 1}/{len(session.items)}] ", style="bold")
    head.append(_safe(f"{change.rule}  {change.entity or '(no entity)'}  "))
    head.append(
        f"{change.action.value} {change.confidence:.2f}",
        style="yellow" if change.action is Action.FLAGGED else "green",
    )
    if same > 1:
        head.append(f"  ({same} undecided of this entity)", style="dim")
    console.print(head)
    console.print(_context(session.text, index, change, around), end="")
    line, col = index.position(change.start)
    proposal = Text(f"  line {line}:{col}  ")
    proposal.append(_safe(repr(change.original)), style="red")
    proposal.append(" \u2192 ")
    proposal.append(_safe(repr(change.replacement)), style="bold green")
    console.print(proposal)
    for item in change.evidence:
        console.print(Text(_safe(f"  why: {item}"), style="dim"))


@cli.command(name="review")
@click.argument("file", type=click.Path(readable=False))
@click.option("--all", "review_all", is_flag=True, help="Review the applied changes too.")
@click.option(
    "--context",
    "around",
    type=click.IntRange(0, 20),
    default=1,
    show_default=True,
    help="Lines shown before and after each change.",
)
@engine_options
def review(file: str, review_all: bool, around: int, **kw: Any) -> None:
    """Walk the flagged changes of FILE and decide each one; `q` saves what was decided.

    Changes nobody decided keep the engine's decision: applied ones are written, as `fix`
    would, and flagged ones are left as they are. Ctrl-C quits without writing anything.
    """
    if file == "-":
        raise click.UsageError("review needs a file, not standard input")
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise Failure("review needs a terminal (for a pipeline, use `check --format json`)")
    settings = settings_from(kw)
    normalizer = build_normalizer(kw)
    try:
        decoded = read_input(file, kw["encoding"])
        result = normalizer.fix(decoded.text)
    except (InputError, PatternTimeoutError) as exc:
        raise Failure(
            str(exc) if isinstance(exc, InputError) else f"{_display(file)}: {exc}"
        ) from exc
    result = fit_encoding(file, decoded.text, result, decoded.encoding)
    shown = result.changes if review_all else result.flagged
    session = Session(decoded.text, shown, () if review_all else result.applied)
    console = Console(highlight=False, markup=False, emoji=False)
    index = LineIndex(decoded.text)
    if not shown:
        notice(f"{_display(file)}: nothing flagged to review ({len(result.applied)} sure changes)")
    aborted = False
    try:
        while not session.done:
            _show(console, session, index, around)
            console.print(Text(PROMPT, style="bold"), end="")
            key = click.getchar()
            console.print(key if key.isprintable() else "")
            if key == "y":
                session.accept()
            elif key == "n":
                session.reject()
            elif key == "i":
                _ignore(console, session, file, allow_target(settings.file, Path.cwd()))
            elif key == "e":
                current = session.current()
                assert current is not None
                session.edit(click.prompt("  replacement", default=current.replacement))
            elif key == "Y":
                console.print(f"  accepted {session.accept_entity()}")
            elif key == "N":
                console.print(f"  rejected {session.reject_entity()}")
            elif key == "u":
                console.print(
                    f"  undid {session.undo()}" if session.decisions else "  nothing to undo"
                )
            elif key == "q":
                break
            else:
                console.print(Text(HELP, style="dim"))
    except (KeyboardInterrupt, EOFError, click.Abort):
        aborted = True
    if aborted:
        notice(f"{_display(file)}: review aborted; nothing written")
        sys.exit(1)
    try:
        data = decoded.encode(session.output())
    except UnicodeEncodeError as exc:  # an edited replacement the encoding lacks
        raise Failure(
            f"{_display(file)}: an edited replacement cannot be written in {decoded.encoding}"
            f" ({exc.object[exc.start : exc.end]!r}); nothing written"
        ) from None
    _save(file, decoded.text, data, session, settings.file, kw["encoding"])


def _save(
    file: str,
    original: str,
    data: bytes,
    session: Session,
    config: Path | None,
    encoding: str | None = None,
) -> None:
    counts = ", ".join(f"{n} {what}" for what, n in session.counts().items())
    shown = _display(file)
    try:
        # Someone may have edited the file while the review ran; never overwrite that.
        # Read again in the encoding it was read in, and locked to the rename.
        with write_lock(file):
            now = read_document(file, encoding=encoding)
            if now.text != original:
                raise Failure(f"{shown}: changed on disk during the review; nothing written")
            if data != now.encode(original):
                write_atomic(file, data)
                notice(f"{shown}: wrote ({counts})")
            else:
                notice(f"{shown}: unchanged ({counts})")
    except InputError as exc:
        raise Failure(str(exc)) from exc
    lines = session.marked_lines()
    if lines:
        notice(f"{shown}: ignore marker added to line(s) {', '.join(map(str, lines))}")
    words = session.allow_words()
    if words:
        try:
            target = add_to_allow_list(config, words, Path.cwd())
        except (InputError, OSError, ValueError) as exc:
            # The text is saved; only the allow-list could not be (a read-only folder...).
            raise Failure(
                f"the allow-list could not be saved ({exc}); add"
                f" {', '.join(repr(w) for w in words)} to `allow` by hand"
            ) from None
        notice(f"allow-list in {_display(target)}: added {', '.join(repr(w) for w in words)}")
