"""`lexicon check|fmt|stats|impact`: the maintainer's tools for lexicon pull requests."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from normalize.cli.common import EXIT_ERROR, EXIT_FOUND, EXIT_OK, Failure, cli, notice
from normalize.engine import Normalizer
from normalize.io import OutputError, write_atomic
from normalize.lexicon.fmt import FormatError, format_text
from normalize.lexicon.impact import impact, to_markdown
from normalize.lexicon.lint import lint_sources
from normalize.lexicon.loader import (
    LexiconError,
    default_lexicon_files,
    merge_sources,
    read_lexicon_sources,
)
from normalize.lexicon.stats import render_text, stats

Source = tuple[str, str | None, str]


def _sources(paths: Sequence[str]) -> list[Source]:
    """The named files (folders expand to their *.yaml), or the shipped lexicons."""
    if not paths:
        return [(name, text, "") for name, text in default_lexicon_files()]
    return read_lexicon_sources(paths)


@cli.group(name="lexicon")
def lexicon_group() -> None:
    """Check, format, count and measure lexicon files."""


@lexicon_group.command(name="check")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--no-examples", is_flag=True, help="Do not run the entries' examples.")
def check_cmd(paths: tuple[str, ...], no_examples: bool) -> None:
    """Report every problem in the lexicons (default: the shipped ones) in one run.

    Exit 0 when clean, 1 when anything is wrong, 2 when a file cannot be loaded.
    """
    report = lint_sources(_sources(paths), examples=not no_examples)
    for finding in report.findings:
        click.echo(str(finding))
    files = len(report.lexicon.files)
    summary = (
        f"{len(report.findings)} problem(s) in {files} file(s), "
        f"{len(report.lexicon.entities)} entities, {len(report.lexicon.confusions)} confusions"
    )
    notice(summary)
    code = EXIT_ERROR if report.fatal else EXIT_FOUND if report.findings else EXIT_OK
    if code:
        sys.exit(code)


@lexicon_group.command(name="fmt")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--check", "check_only", is_flag=True, help="Change nothing; exit 1 if any would.")
def fmt_cmd(paths: tuple[str, ...], check_only: bool) -> None:
    """Rewrite lexicon files (default: ./lexicons) in the standard form."""
    sources = read_lexicon_sources(paths or ("lexicons",))
    if not sources:
        raise Failure("no lexicon files found (give paths, or run in the repository)")
    changed = errors = 0
    for name, text, reason in sources:
        if text is None:
            click.echo(f"normalize: error: {name}: cannot read: {reason}", err=True)
            errors += 1
            continue
        try:
            new = format_text(text, name)
        except FormatError as exc:
            click.echo(f"normalize: error: {exc}", err=True)
            errors += 1
            continue
        if new != text:
            changed += 1
            if check_only:
                click.echo(f"{name}: not in standard form")
            else:
                try:
                    _rewrite(Path(name), new)
                except OutputError as exc:
                    click.echo(f"normalize: error: {exc}", err=True)
                    errors += 1
                    continue
                click.echo(f"{name}: reformatted")
    code = EXIT_ERROR if errors else EXIT_FOUND if check_only and changed else EXIT_OK
    if code:
        sys.exit(code)


def _rewrite(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` atomically, in the line endings the file had (it is
    read with universal newlines): an interrupted run leaves the old file whole."""
    try:
        crlf = b"\r\n" in path.read_bytes()
    except OSError as exc:
        raise OutputError(path, f"cannot read: {exc.strerror or exc}") from None
    write_atomic(path, (text.replace("\n", "\r\n") if crlf else text).encode("utf-8"))


@lexicon_group.command(name="stats")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def stats_cmd(paths: tuple[str, ...], fmt: str) -> None:
    """Count entities by type, field, language and file."""
    try:
        lexicon = merge_sources(_sources(paths))
    except LexiconError as exc:
        raise Failure(str(exc)) from exc
    data = stats(lexicon)
    click.echo(json.dumps(data, ensure_ascii=False) if fmt == "json" else render_text(data))


def _git(repo: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise Failure(f"git {' '.join(args)}: {proc.stderr.strip() or 'failed'}")
    return proc.stdout


def _sources_at(rev: str, folder: Path) -> list[Source]:
    """The lexicon files of ``folder`` as they were at git revision ``rev``."""
    root = Path(_git(folder, "rev-parse", "--show-toplevel").strip())
    rel = folder.resolve().relative_to(root.resolve()).as_posix()
    names = _git(root, "ls-tree", "--name-only", rev, f"{rel}/").split()
    return [
        (name, _git(root, "show", f"{rev}:{name}"), "")
        for name in sorted(names)
        if name.endswith((".yaml", ".yml"))
    ]


@lexicon_group.command(name="impact")
@click.option(
    "--corpus",
    required=True,
    type=click.Path(exists=True, file_okay=False),
    help="Folder of UTF-8 *.txt reference documents (searched recursively).",
)
@click.option("--base", default="HEAD", show_default=True, help="Git revision to compare with.")
@click.option(
    "--lexicons",
    "folder",
    default="lexicons",
    show_default=True,
    type=click.Path(exists=True, file_okay=False),
    help="The lexicon folder in a git work tree.",
)
def impact_cmd(corpus: str, base: str, folder: str) -> None:
    """Show, per entry, what the lexicons in the work tree change on a corpus versus BASE.

    The output is Markdown to paste into a pull request.
    """
    try:
        before = merge_sources(_sources_at(base, Path(folder)))
        after = merge_sources(_sources([folder]))
    except LexiconError as exc:
        raise Failure(str(exc)) from exc
    docs: list[tuple[str, str]] = []
    for path in sorted(Path(corpus).rglob("*.txt")):
        try:
            docs.append((str(path), path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            notice(f"skipped {path}: {exc}")
    deltas = impact(docs, Normalizer(before), Normalizer(after))
    click.echo(to_markdown(deltas, docs=len(docs), base=base), nl=False)
