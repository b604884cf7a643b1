"""Load lexicon YAML into typed records, with file, line and entry in every error.

YAML is read with the safe loader only (no tags that build objects). Every problem in
every file is collected before :class:`LexiconError` is raised, so a maintainer sees
them all in one run.
"""

from __future__ import annotations

import json
import os
import re
import stat
import unicodedata
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
from normalize.limits import MAX_ENTRIES, MAX_LEXICON_BYTES, MAX_QUOTED_CHARS, quote, scan_yaml

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
        else Problem(path, line, None, f"duplicate key {quote(key)}")
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
    if not isinstance(data, dict) or "format" not in data:
        # Not a lexicon at all (a secrets file linked in, a stray config): say so without
        # quoting it, since whatever it holds was never meant for an error message.
        problems.append(Problem(path, 0, None, _not_a_lexicon(data)))
        return [], [], problems
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    for err in errors:
        line, entry = _line_of(data, list(err.absolute_path))
        field = (
            "/".join(
                quote(p) if isinstance(p, str) and len(p) > 60 else str(p)
                for p in err.absolute_path
            )
            or "(top)"
        )
        problems.append(Problem(path, line, entry, f"schema: {field}: {_capped(err)}"))
    if errors:
        return [], [], problems
    entities = [_entity(raw, path) for raw in data.get("entities", ())]
    confusions = [_confusion(raw, path) for raw in data.get("confusions", ())]
    records: list[Entity | Confusion] = [*entities, *confusions]
    never = [p for rec in records for p in _never_right(rec)]
    if never:
        return [], [], [*problems, *never]
    return entities, confusions, problems


#: Words so common in English that no lexicon may list them as another spelling of a name
#: (a garble, an alias or a calque): "the" would be rewritten everywhere. An acronym in
#: capitals ("US", "IS", "IT") is not the word. (Modal verbs are left out: "May", "Will"
#: are names too.)
_FUNCTION_WORDS = (
    "a an the i me my we us our you your he him his she her it its they them their "
    "this that these those of to in on at by for from with as into about than and or "
    "but nor so if not no is are was were be been am do does did has have had there "
    "here who what which when where how"
)
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())

# Format characters that may stand in a name: zero-width (non-)joiners shape Arabic,
# Persian and Indic script.
_JOINERS = frozenset("\u200c\u200d")


def _bad_character(form: str) -> str | None:
    """The first character no form may hold (a control or format character, a line or
    paragraph separator), as an escape, or None."""
    for ch in form:
        cat = unicodedata.category(ch)
        if cat in {"Cc", "Cs", "Co", "Zl", "Zp"} or (cat == "Cf" and ch not in _JOINERS):
            return ascii(ch)
    return None


def _never_right(rec: Entity | Confusion) -> Iterable[Problem]:
    """What no lexicon entry may hold, whatever the schema lets through: a control character
    in a form (``"Evil\\n"`` would write a line break into the text) or a function word as
    another spelling of a name."""

    def at(message: str) -> Problem:
        return Problem(rec.origin.path, rec.origin.line, rec.id, message)

    fields: list[tuple[str, Iterable[str]]]
    if isinstance(rec, Entity):
        fields = [
            ("canonical", (rec.canonical,)),
            ("short", (rec.short,) if rec.short else ()),
            ("aliases", rec.aliases),
            ("demonyms", rec.demonyms),
            ("garbles", rec.garbles),
            ("calques", rec.calques),
            ("names", (v for _, v in rec.names)),
            ("context", rec.context),
        ]
    else:
        fields = [
            ("wrong", (rec.wrong,)),
            ("right", (rec.right,)),
            ("followed_by", rec.followed_by),
        ]
    for name, forms in fields:
        for form in forms:
            bad = _bad_character(form)
            if bad is not None:
                yield at(f"refused: {name} {quote(form)} holds the control character {bad}")
            elif (
                isinstance(rec, Entity)
                and name in {"aliases", "garbles", "calques"}
                and form.casefold() in FUNCTION_WORDS
                and not (len(form) > 1 and form.isupper())
            ):
                yield at(
                    f"refused: {name} {form!r} is a common English word; it would be"
                    " changed wherever it occurs"
                )


def _not_a_lexicon(data: Any) -> str:
    """Why ``data`` is not a lexicon, naming only its kind, never its content."""
    if isinstance(data, dict):
        return "not a lexicon file: a mapping without the 'format' key (content not shown)"
    kind = "empty" if data is None else type(data).__name__
    kind = {"str": "text", "list": "a list", "int": "a number", "float": "a number"}.get(kind, kind)
    return f"not a lexicon file: it holds {kind}, not a mapping (content not shown)"


def _capped(err: Any) -> str:
    """A schema error's message with the value it quotes cut to a few dozen characters."""
    message: str = err.message
    shown = repr(err.instance)
    if len(shown) > MAX_QUOTED_CHARS + 2 and shown in message:
        message = message.replace(shown, quote(err.instance))
    return message if len(message) <= 300 else message[:300] + "…"


def read_bounded(path: Path, limit: int | None = None) -> str:
    """The text of a lexicon file: a regular file of at most ``limit`` bytes (by default
    :data:`MAX_FILE_BYTES`), read with that limit.

    Opened without blocking, so a FIFO is refused instead of waiting for a writer; a device
    (``/dev/zero``) is refused instead of read until memory runs out; a file that grows
    past the limit while it is read is refused too. Raises ``OSError`` or ``ValueError``.
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file")
        if info.st_size > limit:
            raise ValueError(f"file is {info.st_size} bytes, over the {limit}-byte limit")
        chunks: list[bytes] = []
        got = 0
        while got <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        if got > limit:
            raise ValueError(f"file grew past the {limit}-byte limit while it was read")
    finally:
        os.close(fd)
    # Universal newlines, as ``Path.read_text`` reads: a CRLF file parses as it always did.
    text = b"".join(chunks).decode("utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def default_lexicon_files() -> list[tuple[str, str]]:
    """(name, text) of every lexicon shipped in the package, in name order."""
    root = resources.files(DEFAULT_PACKAGE)
    items = sorted((p for p in root.iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name)
    return [(f"lexicons/{p.name}", p.read_text(encoding="utf-8")) for p in items]


def expand_lexicon_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files as given, and every ``*.yaml``/``*.yml`` file of each folder, sorted."""
    return [p for p, _ in _expand(paths)]


def _expand(paths: Iterable[str | os.PathLike[str]]) -> list[tuple[Path, str]]:
    """(path, "") for each file to read; (path, reason) for a folder's entry not to read.

    A symbolic link in a folder is followed only to a file inside that folder: a link
    out of it (``evil.yaml -> /dev/zero``, ``x.yaml -> ../secret.env``) is not read, so
    naming a folder never reads what lies outside it. A file named itself is read.
    """
    out: list[tuple[Path, str]] = []
    for p in map(Path, paths):
        if not p.is_dir():
            out.append((p, ""))
            continue
        inside = p.resolve()
        for q in sorted(q for q in p.iterdir() if q.suffix in {".yaml", ".yml"}):
            reason = ""
            if q.is_symlink() and not q.resolve().is_relative_to(inside):
                reason = "a symbolic link to outside the folder; not followed"
            out.append((q, reason))
    return out


def read_lexicon_sources(
    paths: Iterable[str | os.PathLike[str]],
) -> list[tuple[str, str | None, str]]:
    """(name, text, "") for each readable lexicon file, (name, None, reason) for the others.

    Folders expand to their YAML files (links out of a folder are not followed); a file
    over :data:`MAX_FILE_BYTES`, or one that is not a regular file, is unreadable.
    """
    out: list[tuple[str, str | None, str]] = []
    for p, refused in _expand(paths):
        if refused:
            out.append((str(p), None, refused))
            continue
        try:
            out.append((str(p), read_bounded(p), ""))
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
