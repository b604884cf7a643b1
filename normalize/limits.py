"""Limits that keep hostile input from hanging or exhausting the process.

Everything a stranger can hand to ``normalize`` passes through here: regular expressions
written by users (ignore patterns, issue 7) are compiled and run with a time limit, and
lexicon YAML is measured (nesting depth, alias expansion) before it is built into objects.
Each refusal is a :class:`LimitError` whose one-line message starts with ``where``, the
file and entry the caller names, so a maintainer can find the offending line.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

__all__ = [
    "MAX_ALIAS_EXPANSION",
    "MAX_ENTRIES",
    "MAX_FORM_CHARS",
    "MAX_LEXICON_BYTES",
    "MAX_PATTERN_CHARS",
    "MAX_SCALAR_CHARS",
    "MAX_YAML_DEPTH",
    "REGEX_TIMEOUT",
    "LimitError",
    "YamlLimit",
    "compile_user_pattern",
    "finditer_with_timeout",
    "scan_yaml",
    "search_with_timeout",
]

MAX_LEXICON_BYTES = 64 * 1024 * 1024
"""A lexicon file larger than this is refused before it is parsed."""

MAX_ENTRIES = 1_000_000
"""Entities plus confusions in one lexicon file."""

MAX_FORM_CHARS = 200
"""Longest name, alias, garble or context term; real names are far shorter."""

MAX_YAML_DEPTH = 32
"""Deepest nesting of YAML collections; a lexicon needs about six. libyaml's composer
recurses in C, so a file nested thousands deep would crash the interpreter, not raise."""

MAX_ALIAS_EXPANSION = 100_000
"""How many nodes YAML aliases may add once expanded (the "billion laughs" defence)."""

MAX_SCALAR_CHARS = 10_000
"""Longest string anywhere in a lexicon (an example sentence, a ``why``)."""

MAX_PATTERN_CHARS = 1000
"""Longest user regular expression."""

REGEX_TIMEOUT = 1.0
"""Seconds one user pattern may spend on one text before it is abandoned."""


class LimitError(ValueError):
    """Input refused because it exceeds a limit; ``str()`` is one line starting with ``where``."""

    def __init__(self, where: str, reason: str) -> None:
        self.where = where
        self.reason = " ".join(reason.split())
        super().__init__(f"{where}: {self.reason}" if where else self.reason)


def compile_user_pattern(pattern: str, *, where: str, flags: int = 0) -> regex.Pattern[str]:
    """Compile a user-supplied regular expression, or raise :class:`LimitError`.

    ``where`` names the file and entry (``"normalize.toml:12: ignore[3]"``) and starts the
    message. Patterns are compiled with the ``regex`` module in version-1 mode; run them
    with :func:`search_with_timeout` or :func:`finditer_with_timeout`.

    >>> compile_user_pattern("Lt\\\\. Gen\\\\.", where="cfg:1").search("Lt. Gen. X") is not None
    True
    >>> compile_user_pattern("(unclosed", where="cfg:2: ignore[0]")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    normalize.limits.LimitError: cfg:2: ignore[0]: invalid regular expression: missing ) ...
    """
    if len(pattern) > MAX_PATTERN_CHARS:
        raise LimitError(
            where, f"regular expression is {len(pattern)} characters, over {MAX_PATTERN_CHARS}"
        )
    try:
        return regex.compile(pattern, flags | regex.VERSION1)
    except regex.error as exc:
        raise LimitError(where, f"invalid regular expression: {exc}") from None


def _timeout_error(pat: regex.Pattern[str], text: str, where: str, timeout: float) -> LimitError:
    return LimitError(
        where,
        f"regular expression {pat.pattern!r} gave up after {timeout:g} s on a"
        f" {len(text)}-character text (catastrophic backtracking?); simplify it",
    )


def search_with_timeout(
    pat: regex.Pattern[str],
    text: str,
    *,
    where: str,
    timeout: float = REGEX_TIMEOUT,
) -> regex.Match[str] | None:
    """``pat.search(text)``, abandoned with :class:`LimitError` after ``timeout`` seconds.

    >>> p = compile_user_pattern("(a+)+$", where="cfg:3: ignore[1]")
    >>> search_with_timeout(p, "a" * 5000 + "!", where="cfg:3: ignore[1]", timeout=0.05)
    Traceback (most recent call last):
    ...
    normalize.limits.LimitError: cfg:3: ignore[1]: regular expression '(a+)+$' gave up after 0.05 s on a 5001-character text (catastrophic backtracking?); simplify it
    """  # noqa: E501
    try:
        return pat.search(text, timeout=timeout)
    except TimeoutError:
        raise _timeout_error(pat, text, where, timeout) from None


def finditer_with_timeout(
    pat: regex.Pattern[str],
    text: str,
    *,
    where: str,
    timeout: float = REGEX_TIMEOUT,
) -> list[tuple[int, int]]:
    """The spans of every match of ``pat`` in ``text``, within ``timeout`` seconds in all.

    Returns a list rather than an iterator so the time limit covers the whole scan and
    the caller never holds a half-consumed iterator when the limit strikes.
    """
    try:
        return [m.span() for m in pat.finditer(text, timeout=timeout)]
    except TimeoutError:
        raise _timeout_error(pat, text, where, timeout) from None


@dataclass(frozen=True)
class YamlLimit:
    """Why a YAML text was refused before it was built: 1-based line, entry id if known."""

    line: int
    entry: str | None
    message: str


def scan_yaml(
    text: str,
    *,
    max_depth: int = MAX_YAML_DEPTH,
    max_alias_expansion: int = MAX_ALIAS_EXPANSION,
    max_scalar_chars: int = MAX_SCALAR_CHARS,
) -> YamlLimit | None:
    """Measure a YAML text from its event stream, before any object is built.

    Returns the first limit it breaks, or ``None``: nesting deeper than ``max_depth``, a
    string longer than ``max_scalar_chars``, an alias inside the node it names, or
    aliases that would add more than ``max_alias_expansion`` nodes once expanded (each
    alias counts the full size of what its anchor names, so nested "laughs" are priced
    at their exponential size without ever being expanded). Syntax errors are left for
    the real parse to report.

    >>> scan_yaml("a: &x [1, 2]\\nb: *x\\n") is None
    True
    >>> scan_yaml("x: " + "[" * 40 + "]" * 40)
    YamlLimit(line=1, entry=None, message='YAML nested deeper than 32 levels')
    """
    # sizes[i] counts the expanded nodes of the i-th open collection; anchors maps each
    # anchor to the expanded size of the node it names.
    sizes: list[int] = [0]
    anchors_open: list[str | None] = []
    anchors: dict[str, int] = {}
    added = 0
    # The entry a refusal is in: the value that follows the last scalar "id".
    entry: str | None = None
    previous = ""
    line = 0
    import yaml  # here, not at the top: a warm start reads no YAML and need not import it

    opening = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    closing = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    # The C parser keeps its own stack, so scanning events cannot overflow Python's.
    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        for event in yaml.parse(text, Loader=loader):
            line = event.start_mark.line + 1 if event.start_mark else 0
            if isinstance(event, opening):
                if len(anchors_open) >= max_depth:
                    return YamlLimit(line, entry, f"YAML nested deeper than {max_depth} levels")
                sizes.append(1)
                anchors_open.append(event.anchor)
            elif isinstance(event, closing):
                size = sizes.pop()
                anchor = anchors_open.pop()
                if anchor is not None:
                    anchors[anchor] = size
                sizes[-1] += size
            elif isinstance(event, yaml.ScalarEvent):
                if len(event.value) > max_scalar_chars:
                    return YamlLimit(
                        line,
                        entry,
                        f"string of {len(event.value)} characters, over {max_scalar_chars}",
                    )
                if previous == "id":
                    entry = event.value
                previous = event.value
                sizes[-1] += 1
                if event.anchor is not None:
                    anchors[event.anchor] = 1
            elif isinstance(event, yaml.AliasEvent):
                if event.anchor in anchors_open:
                    return YamlLimit(
                        line, entry, f"YAML alias *{event.anchor} refers to a node holding it"
                    )
                grow = anchors.get(event.anchor or "", 1)
                added += grow
                sizes[-1] += grow
                if added > max_alias_expansion:
                    return YamlLimit(
                        line,
                        entry,
                        f"YAML aliases expand to over {max_alias_expansion} nodes"
                        f" (alias *{event.anchor})",
                    )
    except yaml.YAMLError as exc:
        # Some libyaml builds refuse deep flow nesting in their scanner, ahead of the events
        # counted above; that is this limit too, whatever words the library uses for it.
        if _refused_nesting(exc):
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else line
            return YamlLimit(line, entry, f"YAML nested deeper than {max_depth} levels")
        return None
    return None


def _refused_nesting(exc: Exception) -> bool:
    """Whether a YAML error is the parser's own refusal of deep nesting (libyaml >= 0.2.6)."""
    problem = getattr(exc, "problem", None) or ""
    return "nesting" in problem or "depth" in problem
