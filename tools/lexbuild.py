"""What the lexicon build scripts share: the forms already taken, and writing a file.

A build script generates one lexicon file from a pinned data package. It must not repeat
an id or a name that a hand-curated file (or an earlier build) already has, so each one
reads those files first and leaves out anything they cover: people curate, data fills in.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from normalize.lexicon.fmt import dump, standard_form
from normalize.text import Key, key_of

ROOT = Path(__file__).resolve().parent.parent
LEXICONS = ROOT / "lexicons"


def existing(exclude: Iterable[str]) -> tuple[set[str], set[Key]]:
    """Ids and name keys of every lexicon file except ``exclude`` (file names)."""
    skip = set(exclude)
    ids: set[str] = set()
    keys: set[Key] = set()
    for path in sorted(LEXICONS.glob("*.yaml")):
        if path.name in skip:
            continue
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
        for ent in data.get("entities", ()):
            ids.add(ent["id"])
            forms = [ent["canonical"], ent.get("short")]
            for name in ("aliases", "demonyms", "garbles"):
                forms += ent.get(name, [])
            keys.update(k for f in forms if f and (k := key_of(f)) is not None)
    return ids, keys


def strip_marks(text: str) -> str:
    """The text without combining marks: "São Paulo" -> "Sao Paulo"."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def slug(text: str) -> str:
    """An id part: ASCII, lower case, words joined by hyphens.

    >>> slug("Côte d'Ivoire"), slug("Al-Watiya Air Base")
    ('cote-d-ivoire', 'al-watiya-air-base')
    """
    ascii_ = strip_marks(text).encode("ascii", "ignore").decode().lower()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_).split())


def render(data: dict[str, Any]) -> str:
    """The file's text in the standard form that `normalize lexicon fmt` writes."""
    return dump(standard_form(data))


def write(name: str, text: str) -> None:
    (LEXICONS / name).write_text(text, encoding="utf-8")
    print(f"wrote lexicons/{name} ({text.count(chr(10) + '  - id:')} entities)")
