"""Spans that no rule may touch: URLs, e-mail addresses, inline code.

Finding them costs a C-level scan only when the text contains the characters that can
start one, so clean prose pays almost nothing.
"""

from __future__ import annotations

import bisect

import regex

_URL_RE = regex.compile(
    r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"'\])]*[^\s<>\"'\]).,;:!?]"
    r"|\b[\w.-]+\.(?:com|org|net|gov|edu|int|info|io|ca|uk|ru|de|fr|cn|tr|ly|dz)(?:/[^\s<>\"')\]]*)?\b",
    regex.IGNORECASE,
)
_EMAIL_RE = regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CODE_RE = regex.compile(r"`[^`\n]+`")


class Protected:
    """Sorted, merged protected intervals with an overlap test."""

    def __init__(self, text: str) -> None:
        spans: list[tuple[int, int]] = []
        if "." in text:
            spans.extend(m.span() for m in _URL_RE.finditer(text))
        if "@" in text:
            spans.extend(m.span() for m in _EMAIL_RE.finditer(text))
        if "`" in text:
            spans.extend(m.span() for m in _CODE_RE.finditer(text))
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


def protected_at(text: str, start: int, end: int) -> bool:
    """Whether ``[start, end)`` touches a protected span, looking near it only.

    Gives the same answer as ``Protected(text).overlaps(start, end)``. URLs and e-mail
    addresses never contain white space, so any that touches the span lies within the
    white-space-delimited stretch around it, and a scan of that stretch finds exactly what
    a scan of the whole text finds there. Code spans can contain spaces, so they are looked
    for in the whole text, which is done only when it has a backquote.

    >>> text = "see https://haftal.example.com now, or write to haftal@x.org"
    >>> protected_at(text, text.index("haftal"), text.index("haftal") + 6)
    True
    >>> protected_at(text, 0, 3), protected_at(text, text.index("write"), text.index("write") + 5)
    (False, False)
    """
    lo = max(text.rfind(c, 0, start) for c in _ASCII_SPACE) + 1
    ends = [i for i in (text.find(c, end) for c in _ASCII_SPACE) if i >= 0]
    hi = min(ends) if ends else len(text)
    for pattern, mark in ((_URL_RE, "."), (_EMAIL_RE, "@")):
        if mark in text[lo:hi]:
            for m in pattern.finditer(text, lo, hi):
                if m.start() < end and start < m.end():
                    return True
    if "`" in text:
        return any(m.start() < end and start < m.end() for m in _CODE_RE.finditer(text))
    return False
