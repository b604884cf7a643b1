"""The ``normalize`` command: the only package that prints and chooses exit codes.

Exit codes: 0 nothing to do (or done), 1 ``check``/``eval --strict`` found something,
2 usage, input or lexicon error. Each command family lives in its own module and registers
itself on the shared group when imported; the group imports a module only when one of its
commands is used (see ``COMMAND_MODULES`` in :mod:`normalize.cli.common`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from normalize import cache
from normalize.cli.common import EXIT_ERROR, EXIT_FOUND, EXIT_OK, cli, error

__all__ = ["EXIT_ERROR", "EXIT_FOUND", "EXIT_OK", "cli", "main", "run"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code instead of exiting (for tests and embedding)."""
    # The command's compiled lexicons live as long as it does: keep the collector off them.
    previous, cache.freeze_loaded = cache.freeze_loaded, True
    try:
        return _main(argv)
    finally:
        cache.freeze_loaded = previous


def _main(argv: Sequence[str] | None) -> int:
    try:
        cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="normalize",
            standalone_mode=False,
        )
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.UsageError as exc:
        # One error path: a bad flag or value reads like every other error, one line.
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
        error(f"{' '.join(exc.format_message().split())}{hint}")
        return EXIT_ERROR
    except click.ClickException as exc:
        exc.show()
        return EXIT_ERROR if exc.exit_code not in (EXIT_OK, EXIT_FOUND) else exc.exit_code
    except click.Abort:
        error("aborted")
        return EXIT_ERROR
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    return EXIT_OK


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
