"""The standard form of a lexicon file: one layout, so diffs show data and nothing else.

Entities and confusions are sorted by id, fields come in schema order, strings are NFC
with single spaces, list items keep their order (the first alias is the one a person
chose) but lose repeats, and ``names`` are sorted by language tag. Lists and mappings of
scalars are written in flow style on one line. YAML comments are not kept: put remarks in
an entry's ``note``.

The emitter is written here rather than tuned out of PyYAML's because PyYAML's pure
Python dumper is the only one that can indent sequences the way the files are written,
and it is an order of magnitude slower than this on the generated files.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

import regex
import yaml

from normalize.lexicon.loader import parse_yaml

TOP_ORDER = ("format", "meta", "entities", "confusions")
META_ORDER = ("title", "origin", "generator", "sources")
SOURCE_ORDER = ("name", "version", "url", "licence")
ENTITY_ORDER = (
    "id",
    "type",
    "canonical",
    "short",
    "aliases",
    "demonyms",
    "garbles",
    "calques",
    "names",
    "context",
    "examples",
    "note",
)
CONFUSION_ORDER = ("id", "wrong", "right", "means", "otherwise", "followed_by", "why", "examples")
EXAMPLE_ORDER = ("text", "fixed")

# Plain (unquoted) only when nothing in YAML could read it as anything but this string.
_PLAIN = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N} .'\u2019()/\-]*")
_RESOLVER = yaml.resolver.Resolver()
_SPACES = regex.compile(r"\s+")
#: Fields that hold prose rather than a name: always quoted, so sentences read as sentences.
PROSE = frozenset({"title", "name", "licence", "url", "version", "text", "fixed", "why", "note"})


def _resolve(text: str) -> str:
    """The tag YAML would give ``text`` as a plain scalar (str, int, bool, null...)."""
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag


class FormatError(ValueError):
    """The text is not YAML that can be put into standard form."""


def clean(value: str) -> str:
    """NFC, with every run of white space made one space and the ends trimmed.

    >>> clean("  Côte\\u00a0d'Ivoire ")
    "Côte d'Ivoire"
    """
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()


def scalar(value: Any, *, quote: bool = False) -> str:
    """A scalar in YAML, plain where that is unambiguous and double-quoted otherwise.

    >>> [scalar(v) for v in ("Libya", "no", "a: b", "12", 1, "Côte d'Ivoire")]
    ['Libya', '"no"', '"a: b"', '"12"', '1', "Côte d'Ivoire"]
    """
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if not quote and _PLAIN.fullmatch(text) and _resolve(text) == "tag:yaml.org,2002:str":
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(value: Any, *, quote: bool = False) -> str:
    if isinstance(value, Mapping):
        inner = (f"{scalar(k)}: {_flow(v, quote=k in PROSE)}" for k, v in value.items())
        return "{" + ", ".join(inner) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return scalar(value, quote=quote)


def _is_flat(value: Any) -> bool:
    items = value.values() if isinstance(value, Mapping) else value
    return all(not isinstance(v, Mapping | list | tuple) for v in items)


def _ordered(raw: Mapping[str, Any], order: Sequence[str]) -> dict[str, Any]:
    # Unknown keys go last in their own order, so the schema check can still name them.
    out = {k: raw[k] for k in order if k in raw}
    out.update((k, v) for k, v in raw.items() if k not in out)
    return out


def _norm(value: Any, *, text: bool = False) -> Any:
    """Clean strings; drop repeated list items; ``text`` keeps inner white space."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value) if text else clean(value)
    if isinstance(value, list):
        items = [_norm(v, text=text) for v in value]
        if all(isinstance(v, str) for v in items):
            return list(dict.fromkeys(items))
        return items
    return value


def _record(raw: Mapping[str, Any], order: Sequence[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in _ordered(raw, order).items():
        if key == "names" and isinstance(value, Mapping):
            out[key] = {k: _norm(value[k]) for k in sorted(value)}
        elif key == "examples" and isinstance(value, list):
            out[key] = [
                _ordered({k: _norm(v, text=True) for k, v in e.items()}, EXAMPLE_ORDER)
                if isinstance(e, Mapping)
                else e
                for e in value
            ]
        else:
            out[key] = _norm(value)
    return out


def _sort_key(raw: Any) -> tuple[int, str]:
    if isinstance(raw, Mapping) and isinstance(raw.get("id"), str):
        return (0, raw["id"])
    return (1, "")


def standard_form(data: Mapping[str, Any]) -> dict[str, Any]:
    """The parsed file with everything normalised and sorted (see the module docstring)."""
    out = _ordered(data, TOP_ORDER)
    meta = out.get("meta")
    if isinstance(meta, Mapping):
        meta = _ordered({k: _norm(v) for k, v in meta.items()}, META_ORDER)
        if isinstance(meta.get("sources"), list):
            meta["sources"] = [
                _ordered(s, SOURCE_ORDER) if isinstance(s, Mapping) else s for s in meta["sources"]
            ]
        out["meta"] = meta
    for key, order in (("entities", ENTITY_ORDER), ("confusions", CONFUSION_ORDER)):
        items = out.get(key)
        if isinstance(items, list):
            recs = [_record(r, order) if isinstance(r, Mapping) else r for r in items]
            out[key] = sorted(recs, key=_sort_key)
    return out


def _block(value: Any, indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for key, item in value.items():
        if isinstance(item, Mapping) and item and (indent == 0 or not _is_flat(item)):
            lines.append(f"{pad}{scalar(key)}:")
            _block(item, indent + 2, lines)
        elif isinstance(item, list) and item and not _is_flat(item):
            lines.append(f"{pad}{scalar(key)}:")
            for elem in item:
                # Records (anything with an id) are blocks even when short, so each
                # starts on its own line and the loader can name that line.
                if isinstance(elem, Mapping) and elem and (not _is_flat(elem) or "id" in elem):
                    sub: list[str] = []
                    _block(elem, indent + 4, sub)
                    lines.append(f"{pad}  - {sub[0].lstrip()}")
                    lines.extend(sub[1:])
                else:
                    lines.append(f"{pad}  - {_flow(elem)}")
        else:
            lines.append(f"{pad}{scalar(key)}: {_flow(item, quote=key in PROSE)}")


def dump(data: Mapping[str, Any]) -> str:
    """YAML text of already-normalised data in the house layout."""
    lines: list[str] = []
    _block(data, 0, lines)
    return "\n".join(lines) + "\n"


def format_text(text: str, path: str = "<text>") -> str:
    """The standard form of a lexicon file's text.

    Raises :class:`FormatError` when the text is not a YAML mapping without duplicate keys.

    >>> print(format_text("format: 1\\nentities: [{canonical: B,  id: x/b}, {id: x/a}]"), end="")
    format: 1
    entities:
      - id: x/a
      - id: x/b
        canonical: B
    """
    data, problems = parse_yaml(text, path)
    if problems:
        raise FormatError("; ".join(str(p) for p in problems))
    if not isinstance(data, Mapping):
        raise FormatError(f"{path}: not a YAML mapping")
    return dump(standard_form(data))
