"""`rules`: the rule registry, for people."""

from __future__ import annotations

import click

from normalize.cli.common import cli
from normalize.rules import RULES


@cli.command(name="rules")
def list_rules() -> None:
    """List every rule id, whether it is on by default, and what it does."""
    # The id column is as wide as the longest id, so the columns line up whatever ids come.
    width = max(len(r.id) for r in RULES)
    for r in RULES:
        click.echo(f"{r.id:<{width}}  {'on ' if r.default else 'off'}  {r.summary}")
