"""Lexicons: typed records, the YAML loader and the maintainer checks."""

from normalize.lexicon.loader import LexiconError, load_default_lexicons, load_lexicons
from normalize.lexicon.records import Confusion, Entity, Example, Lexicon, Origin

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
