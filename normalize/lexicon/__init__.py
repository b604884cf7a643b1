"""Lexicons: typed records, the YAML loader and the maintainer checks.

The loader (and PyYAML, jsonschema behind it) is imported on first use: a warm start takes
its compiled lexicons from the cache and never parses YAML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from normalize.lexicon.records import Confusion, Entity, Example, Lexicon, Origin

if TYPE_CHECKING:
    from normalize.lexicon.loader import LexiconError, load_default_lexicons, load_lexicons

_FROM_LOADER = frozenset({"LexiconError", "load_default_lexicons", "load_lexicons"})


def __getattr__(name: str) -> Any:
    if name in _FROM_LOADER:
        from normalize.lexicon import loader

        return getattr(loader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Confusion",
    "Entity",
    "Example",
    "Lexicon",
    "LexiconError",
    "Origin",
    "load_default_lexicons",
    "load_lexicons",
]
