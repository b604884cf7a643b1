"""Load lexicon YAML into typed records, with file, line and entry in every error.

YAML is read with the safe loader only (no tags that build objects). Every problem in
every file is collected before :class:`LexiconError` is raised, so a maintainer sees
them all in one run.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml
    from jsonschema import Draft202012Validator

from normalize.lexicon.records import Confusion, Entity, Example, Lexicon, Origin
from normalize.limits import MAX_ENTRIES, MAX_LEXICON_BYTES, scan_yaml

#: Refuse lexicon files larger than this before parsing them (see normalize.limits).
MAX_FILE_BYTES = MAX_LEXICON_BYTES
DEFAULT_PACKAGE = "normalize._lexicons"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a lexicon, located as precisely as the loader can."""

    path: str
    line: int
    entry: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return (
            f"{where}: {self.entry}: {self.message}" if self.entry else f"{where}: {self.message}"
        )


class LexiconError(Exception):
    """Raised with every problem found while loading one or more lexicon files."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        first = str(self.problems[0]) if self.problems else "invalid lexicon"
        more = len(self.problems) - 1
        super().__init__(first + (f" (and {more} more)" if more > 0 else ""))


class _LineDict(dict[Any, Any]):
    """A mapping that remembers the 1-based line it started on."""

    line: int = 0


@lru_cache(maxsize=1)
def _loader_class() -> type[yaml.SafeLoader]:
    """The safe loader that records mapping lines and rejects duplicate keys.

    Built on first use, with PyYAML imported here: a start from the compiled cache parses
    no YAML and does not pay for importing it.
    """
    import yaml

    try:  # the C loader is an order of magnitude faster on the large generated files
        base: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
    except AttributeError:  # pragma: no cover - PyYAML built without libyaml
        base = yaml.SafeLoader

    class _Loader(base):  # type: ignore[misc,valid-type]
        """Safe loader that records mapping lines and rejects duplicate keys."""

        duplicate_keys: list[tuple[int, str]]

        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> _LineDict:
            result = _LineDict()
            result.line = node.start_mark.line + 1
            for key_node, value_node in node.value:
                key = self.construct_object(key_node, deep=deep)
                if not isinstance(key, (str, int, float, bool)) and key is not None:
                    # A list or mapping used as a key ("? [a]: b") cannot be hashed; found
                    # by fuzzing, it used to escape as a TypeError.
                    self.duplicate_keys.append((key_node.start_mark.line + 1, "\0complex"))
                    continue
                if key in result:
                    self.duplicate_keys.append((key_node.start_mark.line + 1, str(key)))
                result[key] = self.construct_object(value_node, deep=deep)
            return result

    _Loader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
        lambda loader, node: loader.construct_mapping(node, deep=True),
    )
    return _Loader


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of lexicon files, as shipped in the package."""
    text = resources.files(DEFAULT_PACKAGE).joinpath("schema.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with every local ``$ref`` replaced by its definition.

    Resolving a ``$ref`` costs jsonschema a registry lookup per use, which was half the
    validation time of the large generated files; the schema has no recursive reference.
    """
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            rest = {k: v for k, v in node.items() if k != "$ref"}
            return {**_inline_refs(defs[ref.removeprefix("#/$defs/")], defs), **rest}
        return {k: _inline_refs(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inline_refs(v, defs) for v in node]
    return node


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    # Imported here: jsonschema takes longer to import than a cached start takes in all.
    from jsonschema import Draft202012Validator

    full = schema()
    return Draft202012Validator(_inline_refs(full, full.get("$defs", {})))


def parse_yaml(text: str, path: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML document safely; duplicate keys and syntax errors become problems.

    The text is measured first (:func:`normalize.limits.scan_yaml`), so nesting that
    would crash libyaml and alias bombs are refused before anything is built.
    """
    limit = scan_yaml(text)
    if limit is not None:
        return None, [Problem(path, limit.line, limit.entry, f"refused: {limit.message}")]
    import yaml

    loader = _loader_class()(text)
    loader.duplicate_keys = []  # type: ignore[attr-defined]
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as exc:
        line, reason = _syntax_error_at(exc)
        return None, [Problem(path, line, _entry_before(text, line), f"YAML syntax: {reason}")]
    finally:
        loader.dispose()
    problems = [
        Problem(path, line, None, "a key must be a plain value, not a list or mapping")
        if key == "\0complex"
        else Problem(path, line, None, f"duplicate key {key!r}")
        for line, key in loader.duplicate_keys  # type: ignore[attr-defined]
    ]
    return data, problems


def _syntax_error_at(exc: Exception) -> tuple[int, str]:
    """The 1-based line a YAML syntax error starts on, and what is wrong.

    The parser notices an unclosed quote or bracket only lines later (at the end of the
    file, or at the next key); the line it was reading the construct from (its context mark)
    is where the mistake is. A block mapping's context is where the entry began, so there
    the line the parser stopped on is the better answer.
    """
    problem = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    what = getattr(exc, "context", None) or ""
    reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if (
        context is not None
        and problem is not None
        and "block" not in what
        and context.line != problem.line
    ):
        reason = f"{what}, {reason} at line {problem.line + 1}" if what else reason
        return context.line + 1, reason
    mark = problem or context
    return (mark.line + 1 if mark is not None else 0), reason


_ID_LINE = re.compile(r"^[ \t-]*\{?[ \t]*id:[ \t]*[\"']?([^\s,\"'}]+)", re.MULTILINE)


def _entry_before(text: str, line: int) -> str | None:
    """The id of the last entry that starts on or before ``line`` (1-based), if any."""
    if line <= 0:
        return None
    end = 0
    for _ in range(line):
        nl = text.find("\n", end)
        if nl < 0:
            end = len(text)
            break
        end = nl + 1
    found = None
    for m in _ID_LINE.finditer(text, 0, end):
        found = m.group(1)
    return found


def _line_of(data: Any, path: Sequence[Any]) -> tuple[int, str | None]:
    """The deepest recorded line along a JSON path, and the id of the entry it is in."""
    line = getattr(data, "line", 0)
    entry: str | None = None
    node = data
    for key in path:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        line = getattr(node, "line", line)
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            entry = node["id"]
    return line, entry


def _examples(raw: Iterable[dict[str, Any]]) -> tuple[Example, ...]:
    return tuple(
        Example(text=e["text"], fixed=e["fixed"], flagged=bool(e.get("flagged", False)))
        for e in raw
    )


def _entity(raw: dict[str, Any], path: str) -> Entity:
    return Entity(
        id=raw["id"],
        type=raw["type"],
        canonical=raw["canonical"],
        short=raw.get("short"),
        aliases=tuple(raw.get("aliases", ())),
        demonyms=tuple(raw.get("demonyms", ())),
        garbles=tuple(raw.get("garbles", ())),
        calques=tuple(raw.get("calques", ())),
        names=tuple(sorted(raw.get("names", {}).items())),
        context=tuple(raw.get("context", ())),
        examples=_examples(raw.get("examples", ())),
        origin=Origin(path, getattr(raw, "line", 0)),
    )


def _confusion(raw: dict[str, Any], path: str) -> Confusion:
    return Confusion(
        id=raw["id"],
        wrong=raw["wrong"],
        right=raw["right"],
        means=raw["means"],
        otherwise=raw.get("otherwise"),
        followed_by=tuple(raw.get("followed_by", ())),
        why=raw["why"],
        examples=_examples(raw.get("examples", ())),
        origin=Origin(path, getattr(raw, "line", 0)),
    )


def parse_lexicon(text: str, path: str) -> tuple[list[Entity], list[Confusion], list[Problem]]:
    """Parse and validate one lexicon file's text; never raises for bad content."""
    data, problems = parse_yaml(text, path)
    if problems and data is None:
        return [], [], problems
    if isinstance(data, dict):
        count = sum(
            len(v) for k in ("entities", "confusions") if isinstance(v := data.get(k), list)
        )
        if count > MAX_ENTRIES:
            problems.append(
                Problem(path, 0, None, f"refused: {count} entries, over the {MAX_ENTRIES} limit")
            )
            return [], [], problems
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    for err in errors:
        line, entry = _line_of(data, list(err.absolute_path))
        field = "/".join(str(p) for p in err.absolute_path) or "(top)"
        problems.append(Problem(path, line, entry, f"schema: {field}: {err.message}"))
    if errors:
        return [], [], problems
    entities = [_entity(raw, path) for raw in data.get("entities", ())]
    confusions = [_confusion(raw, path) for raw in data.get("confusions", ())]
    return entities, confusions, problems


def _read(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ValueError(f"file is {size} bytes, over the {MAX_FILE_BYTES}-byte limit")
    return path.read_text(encoding="utf-8")


def default_lexicon_files() -> list[tuple[str, str]]:
    """(name, text) of every lexicon shipped in the package, in name order."""
    root = resources.files(DEFAULT_PACKAGE)
    items = sorted((p for p in root.iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name)
    return [(f"lexicons/{p.name}", p.read_text(encoding="utf-8")) for p in items]


def expand_lexicon_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files as given, and every ``*.yaml``/``*.yml`` file of each folder, sorted."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.iterdir() if q.suffix in {".yaml", ".yml"}))
        else:
            out.append(p)
    return out


def read_lexicon_sources(
    paths: Iterable[str | os.PathLike[str]],
) -> list[tuple[str, str | None, str]]:
    """(name, text, "") for each readable lexicon file, (name, None, reason) for the others.

    Folders expand to their YAML files; a file over :data:`MAX_FILE_BYTES` is unreadable.
    """
    out: list[tuple[str, str | None, str]] = []
    for p in expand_lexicon_paths(paths):
        try:
            out.append((str(p), _read(p), ""))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            out.append((str(p), None, reason))
    return out


def load_lexicons(paths: Iterable[str | Path] = (), *, defaults: bool = True) -> Lexicon:
    """Load and merge lexicons: the shipped ones (unless ``defaults`` is false), then ``paths``.

    Raises :class:`LexiconError` listing every problem in every file.
    """
    sources: list[tuple[str, str | None, str]] = []  # (name, text or None, read error)
    if defaults:
        sources.extend((name, text, "") for name, text in default_lexicon_files())
    sources.extend(read_lexicon_sources(paths))
    return merge_sources(sources)


def merge_sources(sources: Sequence[tuple[str, str | None, str]]) -> Lexicon:
    problems: list[Problem] = []
    entities: list[Entity] = []
    confusions: list[Confusion] = []
    seen: dict[str, Origin] = {}
    for name, text, read_error in sources:
        if text is None:
            problems.append(Problem(name, 0, None, f"cannot read: {read_error}"))
            continue
        ents, confs, probs = parse_lexicon(text, name)
        problems.extend(probs)
        records: list[Entity | Confusion] = [*ents, *confs]
        for rec in records:
            if rec.id in seen:
                where = f"first at {seen[rec.id]}"
                problems.append(Problem(name, rec.origin.line, rec.id, f"duplicate id ({where})"))
            else:
                seen[rec.id] = rec.origin
                if isinstance(rec, Entity):
                    entities.append(rec)
                else:
                    confusions.append(rec)
    known = {e.id for e in entities}
    for conf in confusions:
        for ref in (conf.means, conf.otherwise):
            if ref is not None and ref not in known:
                problems.append(
                    Problem(conf.origin.path, conf.origin.line, conf.id, f"unknown entity {ref!r}")
                )
    if problems:
        raise LexiconError(problems)
    return Lexicon(tuple(entities), tuple(confusions), tuple(name for name, _, _ in sources))


def load_default_lexicons() -> Lexicon:
    """The lexicons shipped in the package, merged."""
    return load_lexicons((), defaults=True)
