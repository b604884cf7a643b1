"""`config`: the effective configuration and where each value came from."""

from __future__ import annotations

import json
from typing import Any

import click

from normalize.cli.common import cli, engine_options, settings_from


def _show(value: Any) -> str:
    if isinstance(value, tuple):
        return json.dumps(list(value), ensure_ascii=False)
    return json.dumps(value)


@cli.command(name="config")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@engine_options
def show_config(fmt: str, **kw: Any) -> None:
    """Print the effective settings (defaults < config file < flags) and their sources."""
    settings = settings_from(kw)
    if fmt == "json":
        data = {
            "file": str(settings.file) if settings.file else None,
            "settings": {
                k: {
                    "value": list(v) if isinstance(v, tuple) else v,
                    "source": settings.sources[k],
                }
                for k, v in settings.values.items()
            },
        }
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    click.echo(f"# config file: {settings.file if settings.file else '(none found)'}")
    width = max(len(k) for k in settings.values)
    for key, value in settings.values.items():
        click.echo(f"{key:<{width}} = {_show(value)}  # {settings.sources[key]}")
