"""Punctuation noise that MT and scraping leave between sentences.

- ``punctuation.double-period``: "civilians.." -> "civilians." A run of exactly two full
  stops after a word and before the end of a line or a space and a word in either case (the
  case of the next word must not decide: another rule may capitalise it, and a second run
  would then fix what the first left); an ellipsis ("...") or a path ("../x") is left alone.
  Two stops are also a writer's own, and left alone, after an abbreviation that takes a
  stop ("etc..", "Inc..": its stop and the sentence's), after a dotted token ("cnri.reston..",
  a host or an identifier) and in technical writing (a range, "1..n").
- ``punctuation.missing-space``: "May 10.Yin said" -> "May 10. Yin said". A full stop
  between a word of two or more characters (or a number) and a capitalised word of three or
  more letters that ends at a space or a comma. Decimals ("3.5"), initials and
  abbreviations ("U.S.", "e.g.This"), dotted names ("ASP.NET", "os.Path(") and anything in
  a URL or an e-mail address never match. In technical writing
  (:func:`~normalize.protect.writes_code`) a word before the stop is a module or an object
  ("binascii.Error", "gdb.Command"), so only a number before it counts there; anywhere, a
  lower-case word before it that is no English word ("xdrlib.Error") is a module's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import regex

from normalize.document import Document
from normalize.model import Candidate
from normalize.vocab import is_english_word

DOUBLE_RULE = "punctuation.double-period"
SPACE_RULE = "punctuation.missing-space"

_DOUBLE_RE = regex.compile(
    r"(?<=[\p{L}\p{N}\"'\u2019\u201d)\]])\.\.(?=[^\S\n]*(?:\n|$)|[^\S\n]+\p{L})"
)
_SPACE_RE = regex.compile(r"(?<=\S)\.(?=\p{Lu}\p{Ll}{2,}(?:[^\S\n]|,))")
# Where _SPACE_RE can first match: a full stop before a capital (a faster scan, since most
# texts have none, and the scan for _SPACE_RE then starts there).
_DOT_CAPITAL_RE = regex.compile(r"\.\p{Lu}")
# The same on ASCII text (whose only capitals are A-Z), and whether a text has "..": the
# standard ``re`` finds these in about half the time of ``regex`` or of ``".." in text``.
_ASCII_DOT_CAPITAL_RE = re.compile(r"\.[A-Z]")
_TWO_DOTS_RE = re.compile(r"\.\.")
_TOKEN_BEFORE_RE = regex.compile(r"\S+$")
#: Abbreviations written with a full stop, after which a second stop ends the sentence.
_ABBREVIATIONS = frozenset(
    {"etc", "inc", "ltd", "co", "corp", "jr", "sr", "al", "vs", "dept", "bros", "approx"}
    | {"misc", "cf", "ca", "viz", "esp", "resp", "incl", "st"}
)
_QUOTES = "\"'\u2018\u2019\u201c\u201d()[]"
_PLAIN_TOKEN_RE = regex.compile(
    r"[\"'\u2018\u201c(\[]?(?:\p{Ll}[\p{Ll}\p{M}]+|(\p{N}+))[\"'\u2019\u201d)\]]?"
)


class PunctuationFinder:
    """Doubled sentence periods and missing spaces after a sentence's full stop."""

    rules = frozenset({DOUBLE_RULE, SPACE_RULE})

    def __init__(self, *, enabled: frozenset[str]) -> None:
        self.enabled = enabled

    def find(self, doc: Document) -> Iterable[Candidate]:
        text = doc.text
        if DOUBLE_RULE in self.enabled and _TWO_DOTS_RE.search(text) and not doc.writes_code:
            for m in _DOUBLE_RE.finditer(text):
                if _writers_own(text, m.start()):
                    continue
                if not (doc.protected and doc.protected.overlaps(m.start(), m.end())):
                    yield Candidate(
                        m.start(),
                        m.end(),
                        "..",
                        ".",
                        DOUBLE_RULE,
                        None,
                        0.9,
                        ("a doubled full stop ends the sentence",),
                    )
        first = None
        if SPACE_RULE in self.enabled:
            first = (_ASCII_DOT_CAPITAL_RE if doc.is_ascii else _DOT_CAPITAL_RE).search(text)
        if first is not None:
            yield from self._missing_spaces(doc, first.start())

    @staticmethod
    def _missing_spaces(doc: Document, pos: int) -> Iterable[Candidate]:
        """Missing spaces after a full stop, looked for from ``pos`` on."""
        text = doc.text
        for m in _SPACE_RE.finditer(text, pos):
            token = _TOKEN_BEFORE_RE.search(text, max(0, m.start() - 40), m.start())
            plain = _PLAIN_TOKEN_RE.fullmatch(token.group()) if token else None
            if plain is None:
                continue  # "U.S.Army", "e.g.This", "One.Tel": a dotted name, not a sentence
            if doc.protected and doc.protected.overlaps(m.start() - 1, m.end() + 1):
                continue
            # After a number ("May 10.Yin") the full stop can only end a sentence; after a
            # word it may join the parts of an identifier ("document.Write"): flag only.
            number = plain.group(1) is not None
            if not number and (
                doc.writes_code or not is_english_word(plain.group().strip(_QUOTES))
            ):
                continue  # "binascii.Error", "gdb.Command": a dotted name
            yield Candidate(
                m.start(),
                m.end(),
                ".",
                ". ",
                SPACE_RULE,
                None,
                0.85 if number else 0.7,
                (
                    "a full stop runs into the next sentence's first word",
                    "after a number" if number else "after a word: could be a dotted name",
                ),
            )


def _writers_own(text: str, at: int) -> bool:
    """Whether the two stops at ``at`` follow an abbreviation ("etc..") or a dotted token
    ("snag.cnri.reston..", "v1.2.."), where the first stop is the token's own.

    >>> t = "papers, etc.. Then x.org.. and civilians.."
    >>> [_writers_own(t, i) for i in (t.index(".."), t.index("g..") + 1, t.rindex(".."))]
    [True, True, False]
    """
    start = max(text.rfind(c, 0, at) for c in " \t\n") + 1
    token = text[start:at].strip("\"'\u2018\u2019\u201c\u201d()[]")
    return "." in token or token.casefold() in _ABBREVIATIONS
