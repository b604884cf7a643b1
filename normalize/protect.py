"""Spans that no rule may touch: URLs, e-mail addresses, code, marked and ignored text.

Protected without asking: URLs, e-mail addresses, inline code spans and fenced code blocks
(Markdown ``` or ~~~ fences; an unclosed fence runs to the end, as in CommonMark). Protected on
request: a line holding ``normalize: ignore``, the lines from ``normalize: off`` to
``normalize: on`` (or the end), and whatever a user's ignore pattern matches. The markers
work in any comment-like wrapper, e.g. ``<!-- normalize: off -->`` in Markdown or
``[normalize: ignore]`` in plain text.

Finding them costs a C-level scan only when the text contains the characters that can
start one, so clean prose pays almost nothing.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Mapping, Sequence

import regex

from normalize.limits import LimitError, check_user_pattern, finditer_with_timeout, quote

_URL_RE = regex.compile(
    r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"'\])]*[^\s<>\"'\]).,;:!?]"
    r"|\bmailto:[^\s<>\"'\])]+"
    r"|\b[\w.-]+\.(?:com|org|net|gov|edu|int|info|io|ca|uk|ru|de|fr|cn|tr|ly|dz)(?:/[^\s<>\"')\]]*)?\b",
    regex.IGNORECASE,
)
_EMAIL_RE = regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CODE_RE = regex.compile(r"`[^`\n]+`")
_FENCE_RE = regex.compile(
    r"^[ ]{0,3}(?P<fence>`{3,}|~{3,})[^\n]*(?:\n.*?)??"
    r"(?:\n[ ]{0,3}(?P=fence)[`~]*[ \t]*(?=\r?\n|\Z)|\Z)",
    regex.MULTILINE | regex.DOTALL,
)
#: A credit line: a copyright notice ("Copyright (C) 1999 Ann Lee", "(c) 2007, Ann Lee",
#: "\u00a9 2010, Ann Lee"), a field of a machine-readable copyright file naming files, a
#: licence or people ("Files: src/x.c", "License: Khronos", "Upstream-Contact: Ann Lee"),
#: and, after a copyright notice, a line of years and holders ("  1999-2010, Ann Lee").
_CREDIT_RE = regex.compile(
    r"^[ \t]*(?:(?:Copyright\b|\([Cc]\)|\u00a9)|(?:Files|License|Upstream-Contact|Upstream-Name"
    r"|Maintainer|Uploaders|Authors?|Copyright):[ \t])[^\n]*",
    regex.MULTILINE,
)
_YEARS_LINE_RE = regex.compile(
    r"^[ \t]*(?:\([Cc]\)[ \t]*|\u00a9[ \t]*)?\d{4}(?:[ \t]*[-\u2013,][ \t]*\d{4})*,?[ \t]+"
    r"\p{Lu}[^\n]*",
    regex.MULTILINE,
)
#: A signature: up to five words of a name, then an address in angle brackets on the same
#: line ("-- Steve Lang <steve@example.org>"), as its holder writes it.
_BRACKETED_ADDRESS_RE = regex.compile(r"<[^<>\s@]+@[^<>\s]+>")
_SIGNED_NAME_RE = regex.compile(r"\p{Lu}[\p{L}\p{M}.'\-]*(?:[ \t]+[\p{L}\p{M}.'\-]+){0,4}[ \t]*$")
_MARKER_RE = regex.compile(r"\bnormalize:[ \t]*(ignore|off|on)\b", regex.IGNORECASE)

#: Seconds one user ignore pattern may spend on one text before the text is refused.
DEFAULT_PATTERN_TIMEOUT = 2.0


class PatternTimeoutError(LimitError):
    """A user's ignore pattern took too long on a text (catastrophic backtracking)."""

    def __init__(self, pattern: str, timeout: float) -> None:
        self.pattern = pattern
        super().__init__("", f"ignore pattern {pattern!r} took longer than {timeout:g}s")


def compile_ignore_pattern(pattern: str, *, where: str = "ignore pattern") -> regex.Pattern[str]:
    r"""An ignore pattern compiled, or :class:`LimitError` naming ``where``.

    Checked before it is compiled: a pattern over
    :data:`~normalize.limits.MAX_PATTERN_CHARS` characters, or one whose counted repeats
    would expand past :data:`~normalize.limits.MAX_PATTERN_EXPANSION` elements, is refused,
    so a hostile ``--ignore`` or config cannot exhaust memory while it is compiled.

    >>> compile_ignore_pattern(r"haftal-\d+").pattern
    'haftal-\\d+'
    >>> compile_ignore_pattern("(?:a{1000}){1000}", where="--ignore")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    normalize.limits.LimitError: --ignore: regular expression '(?:a{1000}){1000}' would expand ...
    """
    check_user_pattern(pattern, where=where)
    try:
        return regex.compile(pattern)
    except regex.error as exc:
        raise LimitError(where, f"bad pattern {quote(pattern)}: {exc}") from None


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The start of the line holding ``start`` and the end (before the break) of ``end``'s."""
    begin = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    stop = len(text)
    for brk in ("\n", "\r"):
        i = text.find(brk, end)
        if i >= 0:
            stop = min(stop, i)
    return begin, stop


def has_credits(text: str) -> bool:
    """Whether ``text`` may hold a credit line or a signature (see :func:`credit_spans`)."""
    return (
        "opyright" in text
        or "(C)" in text
        or "(c)" in text
        or "\u00a9" in text
        or ("@" in text and "<" in text)
        or ("Files:" in text or "License:" in text)
    )


def credit_spans(text: str) -> list[tuple[int, int]]:
    r"""Credit lines and signatures: names as their holders write them, files and licences
    by their own names. They are left alone ("Copyright: 2015 Tomasz Buchert", "-- Steve
    Langasek <vorlon@example.org>", "Files: savelog", "License: Khronos"), as news is not.

    >>> t = "Copyright: 2001 Ann Lee\n  2004-2008 Bob Roy <bob@x.org>\n\n2020 Haftal said."
    >>> [t[s:e] for s, e in credit_spans(t)]
    ['Copyright: 2001 Ann Lee', '  2004-2008 Bob Roy <bob@x.org>', 'Bob Roy <bob@x.org>']
    """
    spans = [m.span() for m in _CREDIT_RE.finditer(text)]
    if spans:
        # Lines of years and holders continue a copyright notice (or the line of years
        # before them) when no blank line and at most a few lines lie between; elsewhere
        # ("2020 Haftal said.") a line may well start with a year.
        ends = [e for _, e in spans]
        years: list[tuple[int, int]] = []
        i = 0
        last = -1  # the end of the last credit line or line of years before the match
        for m in _YEARS_LINE_RE.finditer(text, spans[0][0]):
            while i < len(ends) and ends[i] <= m.start():
                last = max(last, ends[i])
                i += 1
            if last >= 0:
                gap = text[last : m.start()]
                if gap.count("\n") <= _CREDIT_GAP_LINES and "\n\n" not in gap:
                    years.append(m.span())
                    last = m.end()
        spans.extend(years)
    if "@" in text and "<" in text:
        for m in _BRACKETED_ADDRESS_RE.finditer(text):
            lo = max(text.rfind("\n", 0, m.start()) + 1, m.start() - 80)
            name = _SIGNED_NAME_RE.search(text, lo, m.start())
            if name is not None:
                spans.append((name.start(), m.end()))
    return spans


#: Lines between a credit line and a line of years that continues it, at most.
_CREDIT_GAP_LINES = 12


def marker_spans(text: str) -> list[tuple[int, int]]:
    r"""Spans left alone by ``normalize: ignore`` (one line) and ``off``/``on`` (a block).

    >>> t = "a\nb <!-- normalize: ignore -->\nc"
    >>> [t[s:e] for s, e in marker_spans(t)]
    ['b <!-- normalize: ignore -->']
    """
    spans: list[tuple[int, int]] = []
    off_at: int | None = None
    for m in _MARKER_RE.finditer(text):
        word = m.group(1).casefold()
        begin, stop = _line_bounds(text, m.start(), m.end())
        if word == "off" and off_at is None:
            off_at = begin
        elif word == "on" and off_at is not None:
            spans.append((off_at, stop))
            off_at = None
        elif word == "ignore":
            spans.append((begin, stop))
    if off_at is not None:
        spans.append((off_at, len(text)))
    return spans


def pattern_spans(
    text: str, patterns: Sequence[regex.Pattern[str]], timeout: float = DEFAULT_PATTERN_TIMEOUT
) -> list[tuple[int, int]]:
    r"""What the user's ignore patterns match; each pattern gets ``timeout`` seconds.

    >>> pattern_spans("ref haftal-7 ok", [regex.compile(r"haftal-\d+")])
    [(4, 12)]
    """
    spans: list[tuple[int, int]] = []
    for pattern in patterns:
        try:
            found = finditer_with_timeout(pattern, text, where="ignore", timeout=timeout)
        except LimitError:
            raise PatternTimeoutError(pattern.pattern, timeout) from None
        spans.extend((s, e) for s, e in found if e > s)
    return spans


class Protected:
    """Sorted, merged protected intervals with an overlap test."""

    def __init__(
        self,
        text: str,
        patterns: Sequence[regex.Pattern[str]] = (),
        timeout: float = DEFAULT_PATTERN_TIMEOUT,
    ) -> None:
        spans: list[tuple[int, int]] = []
        if "```" in text or "~~~" in text:
            spans.extend(m.span() for m in _FENCE_RE.finditer(text))
        # "ormalize:" catches normalize: and Normalize: without a case-folded copy of the text.
        if "ormalize:" in text or "ORMALIZE:" in text:
            spans.extend(marker_spans(text))
        if patterns:
            spans.extend(pattern_spans(text, patterns, timeout))
        if "." in text:
            spans.extend(url_spans(text))
        if "@" in text:
            spans.extend(m.span() for m in _EMAIL_RE.finditer(text))
        if "`" in text:
            spans.extend(m.span() for m in _CODE_RE.finditer(text))
        if has_credits(text):
            spans.extend(credit_spans(text))
        spans.sort()
        merged: list[tuple[int, int]] = []
        for s, e in spans:
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
            else:
                merged.append((s, e))
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def __bool__(self) -> bool:
        return bool(self._starts)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` touches any protected span.

        >>> Protected("see https://haftal.example.com now").overlaps(12, 18)
        True
        """
        i = bisect.bisect_left(self._ends, start + 1)
        return i < len(self._starts) and self._starts[i] < end


_ASCII_SPACE = " \t\n\r\f\v"
# Every URL holds a "." or ":" followed by another character of the URL: "://", "www.x",
# "mailto:x", ".com". (The standard ``re`` module skips to these characters in C.)
_URL_HINT = re.compile(r"[.:][^ \t\n\r\f\v]")


def url_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``_URL_RE.finditer(text)``, found by scanning only the stretches of the
    text (delimited by ASCII white space) that hold a :data:`_URL_HINT`.

    No URL contains white space, so each lies within one stretch; a scan from the start
    of a stretch to its end finds what a scan of the whole text finds there (the pattern
    looks behind only at a word boundary, and a white space and the end of the text are
    both no word character); and a stretch without a hint holds no URL.

    >>> text = "Read www.example.com/haftal. Then http://x.org, e.g. this."
    >>> [text[s:e] for s, e in url_spans(text)]
    ['www.example.com/haftal', 'http://x.org']
    """
    spans: list[tuple[int, int]] = []
    stop = 0
    spaces: list[str] | None = None
    for hint in _URL_HINT.finditer(text):
        i = hint.start()
        if i < stop:  # in the stretch just scanned
            continue
        if spaces is None:
            spaces = [c for c in _ASCII_SPACE if c in text]
        lo = max([text.rfind(c, 0, i) for c in spaces], default=-1) + 1
        ends = [j for j in (text.find(c, i) for c in spaces) if j >= 0]
        stop = min(ends) if ends else len(text)
        spans.extend(m.span() for m in _URL_RE.finditer(text, lo, stop))
    return spans


_SPACE_RE = re.compile(r"[ \t\n\r\f\v]")


def _stretch(text: str, start: int, end: int) -> tuple[int, int]:
    r"""The stretch of ``text`` around ``[start, end)`` delimited by ASCII white space (or
    the ends of the text): ``lo`` just after the last white space before ``start``, ``hi``
    at the first from ``end``. Most texts space their words with " " alone, so the last
    space is found by one ``rfind``, and only if some other white space follows it are all
    six looked for.

    >>> text = "a\tsee http://x.org now"
    >>> lo, hi = _stretch(text, 10, 12)
    >>> text[lo:hi]
    'http://x.org'
    """
    lo = text.rfind(" ", 0, start) + 1
    if _SPACE_RE.search(text, lo, start) is not None:
        lo = max(text.rfind(c, 0, start) for c in _ASCII_SPACE) + 1
    after = _SPACE_RE.search(text, end)
    return lo, len(text) if after is None else after.start()


def needs_whole_scan(text: str) -> bool:
    """Whether ``text`` may hold a protected span that only a scan of the whole text finds:
    a code fence, a ``normalize:`` marker, a credit line or a signature (see
    :func:`credit_spans`), exactly the conditions under which :class:`Protected` looks for
    them. Each string is looked for only in a text holding a character of it, which one
    C-level scan for one character finds (most texts have no backquote, tilde or colon).

    >>> needs_whole_scan("see http://x.org"), needs_whole_scan("\u00a9 2010 Ann Lee")
    (False, True)
    """
    return bool(
        ("`" in text and "```" in text)
        or ("~" in text and "~~~" in text)
        or (":" in text and ("ormalize:" in text or "ORMALIZE:" in text))
        or has_credits(text)
    )


def protected_at(
    text: str, start: int, end: int, *, dotless_urls: bool = True, whole: bool = True
) -> bool:
    """Whether ``[start, end)`` touches a protected span, looking near it when that gives
    the same answer as ``Protected(text).overlaps(start, end)``.

    URLs and e-mail addresses never contain white space, so any that touches the span lies
    within the stretch around it delimited by ASCII white space, and a scan of that stretch
    finds exactly what a scan of the whole text finds there. Code spans can contain spaces,
    so they are looked for in the whole text, which is done only when it has a backquote.
    A text that may hold a code fence, a ``normalize:`` marker, a credit line or a signature
    (:func:`needs_whole_scan`: "(C) 2010 Ann Lee", "\u00a9 Ann Lee") is scanned whole, as
    :class:`Protected` does, so that the answer is the same for every text; with
    ``whole=False`` those spans are not looked for (as this function once did).

    >>> text = "see https://haftal.example.com now, or write to haftal@x.org"
    >>> protected_at(text, text.index("haftal"), text.index("haftal") + 6)
    True
    >>> protected_at(text, 0, 3), protected_at(text, text.index("write"), text.index("write") + 5)
    (False, False)
    >>> credit = "(C) 2010 Ann Lee"
    >>> protected_at(credit, 9, 12), protected_at(credit, 9, 12, whole=False)
    (True, False)
    """
    if whole and needs_whole_scan(text):
        return Protected(text).overlaps(start, end)
    lo, hi = _stretch(text, start, end)
    # The same gates as Protected's: a URL need not hold a dot ("http://localhost",
    # "mailto:x") but is looked for only in a text that has one; an address holds an "@".
    # (``dotless_urls=False``: only where the stretch has a dot, as this function once did.)
    # A stretch without a hint holds no URL (see url_spans): most words stand alone.
    dot = "." in text if dotless_urls else "." in text[lo:hi]
    url = dot and _URL_HINT.search(text, lo, hi) is not None
    if url and _touches(_URL_RE.finditer(text, lo, hi), start, end):
        return True
    if "@" in text[lo:hi] and _touches(_EMAIL_RE.finditer(text, lo, hi), start, end):
        return True
    return "`" in text and _touches(_CODE_RE.finditer(text), start, end)


def _touches(matches: Iterator[regex.Match[str]], start: int, end: int) -> bool:
    return any(m.start() < end and start < m.end() for m in matches)


# -- code-like tokens ----------------------------------------------------------------------
#
# Technical text (manuals, docstrings, READMEs) is full of identifiers that read like rare
# lower-case names: "stderr", "setattr", "mktime". A word written as code is no garble, and
# neither is the same word elsewhere in the text (see :func:`written_as_code`).

#: Characters that make the word they touch an identifier, a path or markup: before it
#: ("_x", "/x", "\x", "<x", "$x", "@x", "=x", "--x") and after it ("x_", "x(", "x/", "x>",
#: "x[", "x=", "x::").
_CODE_BEFORE = frozenset("_/\\<$@=%^|{")
_CODE_AFTER = frozenset("_(/\\>[=|{}")


def code_like(text: str, start: int, end: int) -> bool:
    """Whether the word at ``[start, end)`` of ``text`` is written as code: inside an inline
    code span, part of a snake_case or dunder name, a function call ("mktime("), a dotted
    name ("sys.stderr", "collections.abc"), a path, a placeholder ("<expr>"), a keyword
    argument ("stderr=PIPE"), a command-line option ("--verbose") or a grammar rule
    ("expr ::=").

    A word after a sentence's full stop with the space lost ("said.Haftal") is not a dotted
    name: only a dot between lower-case letters or digits counts.

    >>> t = "sys.stderr, m_expr, mktime(t), <expr>, said.Haftal, Haftal (LNA), --verbose"
    >>> spans = [(0, 3), (4, 10), (14, 18), (20, 26), (32, 36), (44, 50), (52, 58), (68, 75)]
    >>> [t[s:e] for s, e in spans if code_like(t, s, e)]
    ['sys', 'stderr', 'expr', 'mktime', 'expr', 'verbose']
    """
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before in _CODE_BEFORE or after in _CODE_AFTER:
        return bool(before or after)
    if before == "." and start >= 2 and _lower_or_digit(text[start - 2]):
        return _lower_or_digit(text[start])
    if after == "." and _lower_or_digit(text[end - 1]) and _lower_or_digit(text[end + 1 : end + 2]):
        return True
    if before == "-" and text[start - 2 : start - 1] == "-":
        return True
    if text.startswith(("::", " ::="), end):
        return True
    return "`" in text and protected_code_span(text, start, end)


def _lower_or_digit(char: str) -> bool:
    return len(char) == 1 and (char.islower() or char.isdigit())


def protected_code_span(text: str, start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies in an inline code span (``like this``)."""
    return _touches(_CODE_RE.finditer(text), start, end)


#: The run of word characters that ends at a given offset (matched backwards from it).
_WORD_RUN_BEFORE = regex.compile(r"\w+", regex.REVERSE)


class Alternation:
    r"""``combined.finditer`` (``combined`` being the alternation of ``parts``, in that order),
    found faster: the regex engine runs an alternation of character-class branches at every
    offset of the text (about 0.3 s per MB for :data:`_CODE_MARK`), while each branch on its
    own starts with a fast scan. The offsets where any branch matches are collected with each
    branch alone (overlapped, so that none is missed), and ``combined`` is matched only there,
    left to right, skipping offsets inside the previous match: the same matches as
    ``combined.finditer``, which tries every offset in turn and takes the first branch that
    matches. No branch may match the empty string.

    A branch named in ``closing`` (with its literal) matches only word characters (``\w``)
    and then that literal: each of its matches lies in the run of word characters before
    an occurrence of the literal, and is looked for only there (found with ``str.find``).
    Scanned at every offset instead, such a branch ("[a-z]\p{Ll}*\p{Lu}\w*\(") reads each
    word again from each of its letters: 0.09 s per MB of news, for no match.
    """

    def __init__(
        self,
        combined: regex.Pattern[str],
        parts: Sequence[str],
        flags: int = 0,
        closing: Mapping[str, str] | None = None,
    ):
        self.combined = combined
        self._sources = tuple(parts)
        self._flags = flags
        self._closing = tuple((closing or {}).get(p) for p in self._sources)
        self._parts: tuple[regex.Pattern[str], ...] | None = None

    def finditer(self, text: str) -> Iterator[regex.Match[str]]:
        parts = self._parts
        if parts is None:  # compiled when first used, not at every start-up
            parts = self._parts = tuple(regex.compile(p, self._flags) for p in self._sources)
        found: set[int] = set()
        for part, close in zip(parts, self._closing, strict=True):
            if close is None:
                found.update(m.start() for m in part.finditer(text, overlapped=True))
                continue
            at = text.find(close)
            while at >= 0:
                run = _WORD_RUN_BEFORE.match(text, 0, at)
                begin = at if run is None else run.start()
                stop = at + len(close)
                found.update(m.start() for m in part.finditer(text, begin, stop, overlapped=True))
                at = text.find(close, at + 1)
        starts = sorted(found)
        end = 0
        match = self.combined.match
        for start in starts:
            if start < end:
                continue
            m = match(text, start)
            if m is not None:  # always: some branch matches at ``start``
                yield m
                end = m.end()


#: Marks of code in running text: a snake_case or dunder name, a dotted lower-case name, a
#: call that only code writes (empty, or of a snake_case or camelCase name: "word(s)" and
#: "Expo(CIIE)" are prose with a space lost), a grammar rule, a placeholder of four letters
#: or more ("<expr>"; an HTML element has its closing tag), a keyword argument, a long
#: option, an interactive prompt (">>> ", "$ ") at the start of a line.
_CODE_MARK_PARTS = (
    r"[\p{L}\p{N}]_[\p{L}\p{N}]",
    r"__[a-z]",
    r"[a-z]{2}\.[a-z]{2}",
    r"[a-z]\(\)",
    r"[a-z]\p{Ll}*\p{Lu}\w*\(",
    r"::=?",
    r"<(?P<tag>[a-z_]{4,})>",
    r"[a-z]=[\w'\"]",
    r"(?<!\S)--[a-z]",
    r"^[ \t]*(?:>>>|\$)[ \t]",
)
_CODE_MARK = regex.compile("|".join(_CODE_MARK_PARTS), regex.MULTILINE)
_CODE_MARK_ALTERNATIVES = Alternation(
    _CODE_MARK, _CODE_MARK_PARTS, regex.MULTILINE, closing={r"[a-z]\p{Ll}*\p{Lu}\w*\(": "("}
)
#: A text with this many marks of code outside URLs and addresses is technical writing.
CODE_MARKS = 3


def writes_code(text: str, is_protected: Callable[[int, int], bool] | None = None) -> bool:
    """Whether ``text`` is technical writing (a manual, a change log, a README, docstrings):
    it has :data:`CODE_MARKS` marks of code (:data:`_CODE_MARK`) outside the spans for which
    ``is_protected`` holds (URLs and e-mail addresses are no code). There, a lower-case word
    is an identifier, a command or jargon ("libpng", "cairo", "tanf"), not a name that MT
    left in lower case, and a full stop inside a word joins the parts of a dotted name.

    The style is the whole text's: a change log split into articles is still code writing.

    >>> writes_code("Use os.path.join(a, b) and sys_exit() with --verbose.")
    True
    >>> writes_code("See www.example.com (Reuters). He said: it is over.")
    False
    """
    found = 0
    for m in _CODE_MARK_ALTERNATIVES.finditer(text):
        tag = m.group("tag")
        if tag is not None and f"</{tag}>" in text:
            continue  # an HTML element ("<span>...</span>"), no placeholder
        if is_protected is None or not is_protected(m.start(), max(m.end(), m.start() + 1)):
            found += 1
            if found >= CODE_MARKS:
                return True
    return False


def handle_like(text: str, word: str, lowered: str | None = None) -> bool:
    r"""Whether the lower-case ``word`` is written as code somewhere in ``text`` (see
    :func:`code_like`: "libpng_read(", "src/pinentry") or is part of a URL or an e-mail
    address there ("libpng" and http://www.libpng.org): then it is an identifier, a product
    or a handle everywhere in the text, not a name that lost its capitals.

    A word inside a code fence or a marked block is not looked at: that text is only left
    alone, and says nothing of the word elsewhere.

    >>> handle_like("see http://www.libpng.org and libpng docs", "libpng")
    True
    >>> handle_like("haftal said:\n```\nhaftal\n```\nthen haftal left", "haftal")
    False
    """
    lowered = text.lower() if lowered is None else lowered
    if len(lowered) != len(text):
        return False
    at = lowered.find(word)
    while at >= 0:
        end = at + len(word)
        whole = not (at and lowered[at - 1].isalnum()) and not (
            end < len(text) and lowered[end].isalnum()
        )
        if whole and code_like(text, at, end):
            return True
        lo, hi = _stretch(text, at, end)
        if ("." in text[lo:hi] and _touches(_URL_RE.finditer(text, lo, hi), at, end)) or (
            "@" in text[lo:hi] and _touches(_EMAIL_RE.finditer(text, lo, hi), at, end)
        ):
            return True
        at = lowered.find(word, end)
    return False


_BROKEN_BEFORE_RE = regex.compile(r"[\p{L}\p{M}]-[ \t]*\r?\n[ \t]*$")
_BROKEN_AFTER_RE = regex.compile(r"-[ \t]*\r?\n[ \t]*[\p{L}\p{M}]")


def broken_word(text: str, start: int, end: int) -> bool:
    r"""Whether the word at ``[start, end)`` is half of a word hyphenated across a line
    break ("CON-\nNECTION", "inter-\nnational"): a fragment, not a word of its own.

    >>> t = "ARISING IN CON-\nNECTION WITH"
    >>> broken_word(t, t.index("NECTION"), t.index("NECTION") + 7), broken_word(t, 11, 14)
    (True, True)
    >>> broken_word("a well-\nknown name", 8, 13), broken_word("the Haftal forces", 4, 10)
    (True, False)
    """
    if "\n" not in text:
        return False
    return (
        _BROKEN_BEFORE_RE.search(text, max(0, start - 12), start) is not None
        or _BROKEN_AFTER_RE.match(text, end) is not None
    )


#: A line of a roster: one to four capitalised words (a person, a language, a platform),
#: after an optional bullet, before an optional note in brackets, an address or a handle.
_ROSTER_LINE_RE = regex.compile(
    r"[ \t]*(?:[-*\u2022][ \t]+)?\p{Lu}[\p{L}\p{M}'.\-]*(?:[ \t]+\p{Lu}[\p{L}\p{M}'.\-]*){0,3}"
    r"[ \t]*(?:[(<\[][^\n]*)?"
)
#: Lines in a row that make a roster.
ROSTER_LINES = 3


def _line_at(text: str, at: int) -> tuple[int, int]:
    begin = text.rfind("\n", 0, at) + 1
    stop = text.find("\n", at)
    return begin, len(text) if stop < 0 else stop


def in_roster(text: str, at: int) -> bool:
    r"""Whether the line holding ``at`` is one of :data:`ROSTER_LINES` or more lines in a
    row, each only a short capitalised name (:data:`_ROSTER_LINE_RE`): the authors or
    thanks of a project, a list of languages or platforms. Names there are written by
    and for their holders, not translated.

    >>> t = "Thanks to:\nTim Wegner\nPaweł Wagner (docs)\nNora Shoemaker <n@x.org>\n\nThe end."
    >>> in_roster(t, t.index("Wegner")), in_roster(t, t.index("end"))
    (True, False)
    >>> in_roster("Brazilian President Bosonaro\nvisits China today.", 20)
    False
    """
    begin, stop = _line_at(text, at)
    if _ROSTER_LINE_RE.fullmatch(text, begin, stop) is None:
        return False
    run = 1
    lo = begin
    while run < ROSTER_LINES and lo > 0:  # lines above
        b, e = _line_at(text, lo - 1)
        if _ROSTER_LINE_RE.fullmatch(text, b, e) is None:
            break
        run, lo = run + 1, b
    hi = stop
    while run < ROSTER_LINES and hi < len(text):  # lines below
        b, e = _line_at(text, hi + 1)
        if _ROSTER_LINE_RE.fullmatch(text, b, e) is None:
            break
        run, hi = run + 1, e
    return run >= ROSTER_LINES
