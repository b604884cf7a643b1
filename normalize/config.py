"""Project configuration: defaults < config file < command-line flags, merged here and only here.

A project keeps its settings in ``.normalize.yaml`` or in the ``[tool.normalize]`` table of
``pyproject.toml``. The nearest one found walking up from the working directory is used
(in one folder, ``.normalize.yaml`` wins). Keys are described by ``config-schema.json``,
shipped in the package; an unknown key is an error that names it.

>>> settings = resolve({"apply-threshold": 0.9}, use_file=False)
>>> settings.values["apply-threshold"], settings.sources["apply-threshold"]
(0.9, '--apply-threshold')
>>> settings.sources["flag-threshold"]
'default'
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import regex

from normalize.engine import Options
from normalize.io import write_atomic
from normalize.limits import LimitError
from normalize.protect import DEFAULT_PATTERN_TIMEOUT, compile_ignore_pattern
from normalize.resolve import Thresholds
from normalize.rules import RULE_IDS

__all__ = [
    "CONFIG_NAMES",
    "DEFAULTS",
    "DEFAULT_INCLUDE",
    "ConfigError",
    "Settings",
    "add_to_allow_list",
    "allow_target",
    "find_config",
    "load_config",
    "resolve",
    "schema",
]

#: File names looked for in each folder, in order of preference.
CONFIG_NAMES = (".normalize.yaml", "pyproject.toml")

#: Files a folder argument yields by default: plain text and the markup of prose. A config
#: ``include`` replaces this list; ``--include`` adds to it; ``exclude`` takes files out.
#: Patterns are gitignore-style, matched against the path below the folder walked.
DEFAULT_INCLUDE = (
    "*.txt",
    "*.text",
    "*.md",
    "*.markdown",
    "*.rst",
    "*.adoc",
    "*.org",
    "*.srt",
    "*.vtt",
)

#: Every key with its default; the JSON Schema lists the same keys (a test checks it).
DEFAULTS: Mapping[str, Any] = {
    "lexicons": (),
    "default-lexicons": True,
    "canonical": False,
    "apply-threshold": Thresholds.apply,
    "flag-threshold": Thresholds.flag,
    "disable": (),
    "enable": (),
    "allow": (),
    "ignore": (),
    "include": DEFAULT_INCLUDE,
    "exclude": (),
}

#: The command-line flag that sets each key, for messages and `normalize config`.
FLAGS: Mapping[str, str] = {
    "lexicons": "--lexicon",
    "default-lexicons": "--no-default-lexicons",
    "canonical": "--canonical",
    "apply-threshold": "--apply-threshold",
    "flag-threshold": "--flag-threshold",
    "disable": "--disable",
    "enable": "--enable",
    "allow": "--allow",
    "ignore": "--ignore",
    "include": "--include",
    "exclude": "--exclude",
}

#: Seconds each ignore pattern may run on one text (a module global so tests can shorten it).
PATTERN_TIMEOUT = DEFAULT_PATTERN_TIMEOUT

_LISTS = frozenset(k for k, v in DEFAULTS.items() if isinstance(v, tuple))


class ConfigError(Exception):
    """A config file or flag combination that cannot be used; ``str()`` is one line."""


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of the config file, as shipped in the package."""
    text = resources.files("normalize").joinpath("config-schema.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


#: A folder holding one of these is a repository's root: the config search stops there.
REPOSITORY_MARKERS = (".git", ".hg", ".svn")


def find_config(start: Path) -> Path | None:
    """The nearest config file in ``start`` or a parent folder, or None.

    A ``pyproject.toml`` counts only when it has a ``[tool.normalize]`` table (or looks
    like it means to, and is broken: :func:`load_config` then reports it). The search
    stops at the root of the repository ``start`` is in (a folder holding ``.git``,
    ``.hg`` or ``.svn``): a checkout of an untrusted project must not pick up settings
    from the folders it was cloned into, nor those folders a checkout's.
    """
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml" and not _has_tool_table(candidate):
                continue
            return candidate
        if any((folder / marker).exists() for marker in REPOSITORY_MARKERS):
            return None
    return None


#: A ``[tool.normalize]`` header (or a dotted ``tool.normalize.x`` key) in TOML text.
_TOOL_TABLE = regex.compile(
    r"^\s*(?:\[\s*tool\s*\.\s*normalize\b|tool\s*\.\s*normalize\s*\.)", regex.M
)


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    quick = _quick_toml(text)
    data = quick if quick is not None else _tomlkit_data(text)
    if data is None:
        # Broken TOML: ours to report if it holds a [tool.normalize] table (a bad config
        # stops the run; ignoring it would change text against the project's settings),
        # somebody else's otherwise.
        return _TOOL_TABLE.search(text) is not None
    tool = data.get("tool")
    return isinstance(tool, dict) and "normalize" in tool


def _quick_toml(text: str) -> dict[str, Any] | None:
    """``text`` parsed by the standard library's TOML reader (Python 3.11+), else None.

    Every run looks for a ``[tool.normalize]`` table in the pyproject.toml of the project it
    runs in; tomlkit (which edits TOML in place, see :func:`add_to_allow_list`) takes 20 ms
    to import and parse one, the standard reader under 1 ms. A text the standard reader
    refuses is left to tomlkit, so the answer and its error messages stay tomlkit's.
    """
    if sys.version_info >= (3, 11):
        import tomllib

        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            return None
    return None  # pragma: no cover - tomllib is new in 3.11


def _tomlkit_data(text: str) -> dict[str, Any] | None:
    import tomlkit
    import tomlkit.exceptions

    try:
        data: dict[str, Any] = tomlkit.parse(text).unwrap()
    except tomlkit.exceptions.TOMLKitError:
        return None
    return data


def _read_raw(path: Path) -> Any:
    from normalize.lexicon.loader import read_bounded

    try:
        # A regular file of bounded size, like a lexicon: a FIFO or /dev/zero named by
        # --config is refused instead of waited on or read until memory runs out.
        text = read_bounded(path)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise ConfigError(f"{path}: cannot read: {reason}") from None
    if path.suffix == ".toml":
        import tomlkit
        import tomlkit.exceptions

        try:
            data = tomlkit.parse(text).unwrap()
        except tomlkit.exceptions.TOMLKitError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
        tool = data.get("tool", {})
        return tool.get("normalize", {}) if isinstance(tool, dict) else {}
    # The lexicon loader's YAML reader: safe tags only, duplicate keys are problems.
    from normalize.lexicon.loader import parse_yaml

    data, problems = parse_yaml(text, str(path))
    if problems:
        raise ConfigError(str(problems[0]))
    return {} if data is None else data


def load_config(path: Path) -> dict[str, Any]:
    """Read and validate one config file; lexicon paths come back relative to the cwd.

    Raises :class:`ConfigError` naming the file and the offending key.
    """
    raw = _read_raw(path)
    where = f"[tool.normalize] in {path}" if path.suffix == ".toml" else str(path)
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a mapping of settings")
    unknown = sorted(str(k) for k in raw if k not in DEFAULTS)
    if unknown:
        known = ", ".join(DEFAULTS)
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known keys: {known})")
    # Imported here: only a config file needs it, and it is slow to import.
    from jsonschema import Draft202012Validator

    for err in sorted(Draft202012Validator(schema()).iter_errors(raw), key=str):
        key = ".".join(str(p) for p in err.absolute_path) or "(top level)"
        raise ConfigError(f"{where}: {key}: {err.message}")
    for key in ("apply-threshold", "flag-threshold"):
        value = raw.get(key)
        # YAML's .nan passes every range check (comparisons with NaN are all false).
        if isinstance(value, float) and not math.isfinite(value):
            raise ConfigError(f"{where}: {key}: {value} is not a number from 0 to 1")
    for key in ("disable", "enable"):
        bad = sorted(set(raw.get(key, ())) - RULE_IDS)
        if bad:
            raise ConfigError(f"{where}: {key}: unknown rule id {bad[0]!r}")
    check_ignore_patterns(raw.get("ignore", ()), f"{where}: ignore")
    data = {k: tuple(v) if k in _LISTS else v for k, v in raw.items()}
    if "lexicons" in data:
        data["lexicons"] = tuple(str(path.parent / p) for p in data["lexicons"])
    return data


def check_ignore_patterns(patterns: Sequence[str], where: str) -> None:
    """Raise :class:`ConfigError` for the first pattern that cannot be compiled, or that is
    too long or too costly to compile (see :func:`normalize.protect.compile_ignore_pattern`)."""
    for pattern in patterns:
        try:
            compile_ignore_pattern(pattern, where=where)
        except LimitError as exc:
            raise ConfigError(str(exc)) from None


@dataclass(frozen=True)
class Settings:
    """The effective settings, each with where it came from (``default``, a file, a flag)."""

    values: Mapping[str, Any]
    sources: Mapping[str, str]
    file: Path | None

    def options(self) -> Options:
        """The engine options these settings describe."""
        v = self.values
        return Options(
            thresholds=Thresholds(apply=v["apply-threshold"], flag=v["flag-threshold"]),
            canonical=v["canonical"],
            disable=frozenset(v["disable"]),
            enable=frozenset(v["enable"]),
            allow=frozenset(v["allow"]),
            ignore=tuple(v["ignore"]),
            ignore_timeout=PATTERN_TIMEOUT,
        )


def resolve(
    flags: Mapping[str, Any],
    *,
    cwd: Path | None = None,
    config: Path | None = None,
    use_file: bool = True,
) -> Settings:
    """Merge defaults, the config file and ``flags`` (keyed like the file; None = not given).

    List keys accumulate (file entries, then flag entries); other keys are replaced by the
    later layer. ``--enable`` cancels a ``disable`` from the file and vice versa, so a flag
    always has the last word. ``config`` names a file instead of searching from ``cwd``.
    """
    path = config if config is not None else None
    if path is None and use_file:
        path = find_config(cwd if cwd is not None else Path.cwd())
    values: dict[str, Any] = dict(DEFAULTS)
    sources = dict.fromkeys(DEFAULTS, "default")
    if path is not None and (use_file or config is not None):
        for key, value in load_config(path).items():
            values[key] = value
            sources[key] = str(path)
    else:
        path = None
    for key, value in flags.items():
        if key not in DEFAULTS:
            raise ConfigError(f"unknown setting {key!r}")
        if value is None or (key in _LISTS and not value):
            continue
        flag = FLAGS[key]
        if key in _LISTS:
            values[key] = (*values[key], *(v for v in value if v not in values[key]))
            sources[key] = flag if sources[key] == "default" else f"{sources[key]} + {flag}"
        else:
            values[key] = value
            sources[key] = flag
    check_ignore_patterns(flags.get("ignore") or (), FLAGS["ignore"])
    for key, other in (("enable", "disable"), ("disable", "enable")):
        overridden = set(flags.get(key) or ()) & set(values[other])
        if overridden:
            values[other] = tuple(r for r in values[other] if r not in overridden)
    if values["flag-threshold"] > values["apply-threshold"]:
        raise ConfigError(
            f"flag-threshold {values['flag-threshold']} ({sources['flag-threshold']}) is above "
            f"apply-threshold {values['apply-threshold']} ({sources['apply-threshold']})"
        )
    return Settings(values, sources, path)


def _as_words(existing: Sequence[Any]) -> set[str]:
    return {str(w).casefold() for w in existing}


def allow_target(path: Path | None, cwd: Path) -> Path:
    """The file :func:`add_to_allow_list` writes to: the config file in use, or a new
    ``.normalize.yaml`` in ``cwd``."""
    return path if path is not None else cwd / ".normalize.yaml"


def add_to_allow_list(path: Path | None, words: Sequence[str], cwd: Path) -> Path:
    """Add ``words`` to the ``allow`` list of the config file at ``path`` and return it.

    With no config file, ``.normalize.yaml`` is created in ``cwd``. Comments, order and
    formatting of an existing file are kept (tomlkit and ruamel.yaml edit in place), and the
    file is replaced atomically.
    """
    target = allow_target(path, cwd)
    if target.suffix == ".toml":
        import tomlkit

        doc = tomlkit.parse(target.read_text(encoding="utf-8"))
        tool = doc.setdefault("tool", tomlkit.table(is_super_table=True))
        table = tool.setdefault("normalize", tomlkit.table())
        allow = table.setdefault("allow", tomlkit.array())
        seen = _as_words(allow)
        for word in words:
            if word.casefold() not in seen:
                allow.append(word)
                seen.add(word.casefold())
        write_atomic(target, tomlkit.dumps(doc).encode("utf-8"))
        return target
    from io import StringIO

    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip mode keeps comments and key order
    yaml.indent(mapping=2, sequence=4, offset=2)
    text = target.read_text(encoding="utf-8") if target.exists() else ""
    data = yaml.load(text) if text.strip() else None
    if data is None:
        from ruamel.yaml.comments import CommentedMap

        data = CommentedMap()
    if "allow" not in data or data["allow"] is None:
        data["allow"] = []
    seen = _as_words(data["allow"])
    for word in words:
        if word.casefold() not in seen:
            data["allow"].append(word)
            seen.add(word.casefold())
    out = StringIO()
    yaml.dump(data, out)
    write_atomic(target, out.getvalue().encode("utf-8"))
    return target
