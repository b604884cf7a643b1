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
    "MAX_PATTERN_EXPANSION",
    "MAX_QUOTED_CHARS",
    "MAX_RECORD_BYTES",
    "MAX_SCALAR_CHARS",
    "MAX_YAML_DEPTH",
    "REGEX_TIMEOUT",
    "LimitError",
    "YamlLimit",
    "check_user_pattern",
    "compile_user_pattern",
    "finditer_with_timeout",
    "pattern_expansion",
    "quote",
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

MAX_PATTERN_EXPANSION = 100_000
"""Most pattern elements a user regular expression may stand for once its counted repeats
are written out: the ``regex`` module compiles ``a{1000}`` into a thousand nodes (about
270 bytes each), so ``(?:(?:a{1000}){1000}){1000}`` would need hundreds of gigabytes.
At this limit compiling takes under 0.1 s and about 30 MB."""

MAX_QUOTED_CHARS = 60
"""Longest value quoted in an error message (see :func:`quote`)."""

MAX_RECORD_BYTES = 16 * 1024 * 1024
"""Longest line ``batch`` reads (a JSON record or a line of text); a longer one is reported
as a bad record and never held whole."""

REGEX_TIMEOUT = 1.0
"""Seconds one user pattern may spend on one text before it is abandoned."""


class LimitError(ValueError):
    """Input refused because it exceeds a limit; ``str()`` is one line starting with ``where``."""

    def __init__(self, where: str, reason: str) -> None:
        self.where = where
        self.reason = " ".join(reason.split())
        super().__init__(f"{where}: {self.reason}" if where else self.reason)


def quote(value: object, limit: int = MAX_QUOTED_CHARS) -> str:
    """``repr(value)``, cut to about ``limit`` characters: error messages quote what they
    refuse, and a refused value may be long or hold what was never meant to be shown.

    >>> quote("haftal")
    "'haftal'"
    >>> quote("x" * 100, limit=10)
    "'xxxxxxxxxx'… (100 characters)"
    """
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]!r}… ({len(value)} characters)"
    text = repr(value)
    return text if len(text) <= limit + 2 else text[:limit] + "…"


def pattern_expansion(pattern: str) -> int:
    r"""How many elements ``pattern`` stands for once its counted repeats are written out.

    An upper estimate from the text alone, never compiling: each atom (a character, an
    escape, a class) counts 1, a group the sum of what it holds (all branches), and a
    counted repeat ``{m}``, ``{m,n}`` or ``{m,}`` multiplies what it follows by its largest
    count. ``*``, ``+`` and ``?`` are loops that compile to one copy and multiply nothing.

    >>> pattern_expansion(r"Lt\. Gen\. \w+")
    10
    >>> pattern_expansion(r"(?:ab|c){3}")
    9
    >>> pattern_expansion("(?:(?:a{1000}){1000}){1000}")
    1000000000
    """
    totals = [0]  # the size so far of each open group
    last = 0  # the size of the atom just closed, which a repeat would multiply
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        size = 1
        if c == "\\":
            i = _skip_escape(pattern, i)
        elif c == "[":
            i = _skip_class(pattern, i)
        elif c == "(":
            if pattern.startswith("(?#", i):
                close = pattern.find(")", i)
                i = n if close < 0 else close + 1
                last = 0
                continue
            i, opens = _skip_group_prefix(pattern, i + 1)
            if opens:
                totals.append(0)
            last = 0
            continue
        elif c == ")" and len(totals) > 1:
            size = max(totals.pop(), 1)
            i += 1
        elif c == "{" and (m := _COUNTED.match(pattern, i)) is not None:
            low, comma, high = m.groups()
            count = max(int(low or 0), int(high or 0) if comma else int(low or 0), 1)
            totals[-1] += last * (count - 1)
            last *= count
            i = m.end()
            continue
        elif c in "|*+?":
            i += 1
            last = 0 if c == "|" else last
            continue
        else:
            i += 1
        totals[-1] += size
        last = size
    return sum(totals)


_COUNTED = regex.compile(r"\{(\d*)(,?)(\d*)\}")
# Escapes that take a braced or angled argument: \p{L}, \N{...}, \x{...}, \g<name>.
_ARGUMENT_ESCAPES = frozenset("pPNxuUgkL")


def _skip_escape(pattern: str, i: int) -> int:
    """The index just after the escape starting at ``pattern[i]`` (a backslash)."""
    if i + 1 >= len(pattern):
        return i + 1
    if pattern[i + 1] in _ARGUMENT_ESCAPES and i + 2 < len(pattern) and pattern[i + 2] in "{<":
        close = pattern.find("}" if pattern[i + 2] == "{" else ">", i + 3)
        return len(pattern) if close < 0 else close + 1
    return i + 2


def _skip_group_prefix(pattern: str, i: int) -> tuple[int, bool]:
    """Past the ``?...`` that may follow a ``(`` at ``pattern[i - 1]``: the index of the
    group's first element, and whether a group opens (``(?i)`` sets flags and holds none).
    """
    if not pattern.startswith("?", i):
        return i, True
    i += 1
    if pattern.startswith(("P<", "<", "'"), i) and not pattern.startswith(("<=", "<!"), i):
        close = pattern.find("'" if pattern[i] == "'" else ">", i + 1)
        return (len(pattern) if close < 0 else close + 1), True
    flags = _FLAGS.match(pattern, i)
    j = flags.end() if flags is not None else i
    if pattern.startswith(")", j):
        return j + 1, False
    if j < len(pattern) and pattern[j] in ":=!>|<P":
        j += 2 if pattern.startswith(("<=", "<!", "P="), j) else 1
    return j, True


_FLAGS = regex.compile(r"[a-zA-Z^\-]*")


def _skip_class(pattern: str, i: int) -> int:
    """The index just after the character class starting at ``pattern[i]`` (a ``[``);
    classes nest in the ``regex`` module's version-1 mode (``[[a-z]--[aeiou]]``)."""
    depth = 0
    n = len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i = _skip_escape(pattern, i)
            continue
        if c == "[":
            depth += 1
            i += 1
            # A "]" first in a class (after an optional "^") is a member, not its end.
            if i < n and pattern[i] == "^":
                i += 1
            if i < n and pattern[i] == "]":
                i += 1
            continue
        if c == "]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return n


def check_user_pattern(pattern: str, *, where: str) -> None:
    """Refuse, with :class:`LimitError`, a pattern too long or too costly to compile.

    >>> check_user_pattern("(?:(?:a{1000}){1000}){1000}", where="--ignore")
    Traceback (most recent call last):
    ...
    normalize.limits.LimitError: --ignore: regular expression '(?:(?:a{1000}){1000}){1000}' would expand to 1000000000 elements once its counted repeats are written out, over 100000; use fewer or smaller {m,n} repeats
    """  # noqa: E501
    if len(pattern) > MAX_PATTERN_CHARS:
        raise LimitError(
            where, f"regular expression is {len(pattern)} characters, over {MAX_PATTERN_CHARS}"
        )
    size = pattern_expansion(pattern)
    if size > MAX_PATTERN_EXPANSION:
        raise LimitError(
            where,
            f"regular expression {quote(pattern)} would expand to {size} elements once its"
            f" counted repeats are written out, over {MAX_PATTERN_EXPANSION}; use fewer or"
            " smaller {m,n} repeats",
        )


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
    check_user_pattern(pattern, where=where)
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
