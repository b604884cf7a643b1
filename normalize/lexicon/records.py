"""Typed, immutable records for lexicon data (format 1, see lexicons/schema.json)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Origin:
    """Where a record was written: file and 1-based line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Example:
    """An input and the output the engine must produce for it; run by ``lexicon check``."""

    text: str
    fixed: str
    #: The change is only flagged: ``fixed`` equals ``text`` and a flag must be raised.
    flagged: bool = False


@dataclass(frozen=True)
class Entity:
    """A named thing with its legitimate spellings, known garbles and context terms."""

    id: str
    type: str
    canonical: str
    short: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    garbles: tuple[str, ...] = ()
    calques: tuple[str, ...] = ()
    names: tuple[tuple[str, str], ...] = ()
    context: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()
    origin: Origin = field(default=Origin("<memory>", 0), compare=False)

    @property
    def preferred(self) -> tuple[str, ...]:
        """The forms a correction may produce: canonical first, then the short form."""
        return (self.canonical,) if self.short is None else (self.canonical, self.short)

    def legitimate(self) -> Iterator[str]:
        """Every spelling that is right as written: preferred forms, aliases and demonyms."""
        yield from self.preferred
        yield from self.aliases
        yield from self.demonyms

    def name_in(self, lang: str) -> str | None:
        for key, value in self.names:
            if key == lang or key.split("-")[0] == lang:
                return value
        return None


@dataclass(frozen=True)
class Confusion:
    """A real word that machine translation puts in place of another entity's name."""

    id: str
    wrong: str
    right: str
    means: str
    why: str
    otherwise: str | None = None
    followed_by: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()
    origin: Origin = field(default=Origin("<memory>", 0), compare=False)


@dataclass(frozen=True)
class Lexicon:
    """Entities and confusions merged from one or more files, ids unique across them."""

    entities: tuple[Entity, ...] = ()
    confusions: tuple[Confusion, ...] = ()
    files: tuple[str, ...] = ()

    def entity(self, entity_id: str) -> Entity | None:
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        return None

    def by_id(self) -> dict[str, Entity]:
        return {ent.id: ent for ent in self.entities}
