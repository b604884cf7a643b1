"""Whether a word is written as code: an identifier in a code-like spot, a text that is
technical writing, an acronym or constant in capitals. Such words are no garbled names.
"""

from __future__ import annotations

import regex

from normalize.document import Document
from normalize.protect import Alternation, code_like
from normalize.text import WORD_RE, case_shape


def written_as_code(doc: Document, word: str) -> bool:
    """Whether ``word`` is written as code somewhere in ``doc`` ("sys.stderr", "m_expr",
    "mktime(t)", see :func:`code_like`): then it is an identifier everywhere in the text, not
    a garbled name, whatever its case ("stderr", "STDERR")."""
    text = doc.text
    for start in doc.find_word_anycase(word.casefold()):
        m = WORD_RE.match(text, start)
        if (
            m is not None
            and code_like(text, start, m.end())
            and not doc.is_protected(start, m.end())  # a URL or an address is no code
        ):
            return True
    return False


#: Marks of code in running text: a snake_case or dunder name, a dotted lower-case name, a
#: call, a grammar rule, a placeholder, a keyword argument, a long option.
_CODE_MARK_PARTS = (
    r"[\p{L}\p{N}]_[\p{L}\p{N}]",
    r"__[a-z]",
    r"[a-z]{2}\.[a-z]{2}",
    r"[a-z]\(\)?",
    r"::=?",
    r"<[a-z_]+>",
    r"[a-z]=[\w'\"]",
    r"(?<!\S)--[a-z]",
)
_CODE_MARK = regex.compile("|".join(_CODE_MARK_PARTS))
_CODE_MARK_ALTERNATIVES = Alternation(_CODE_MARK, _CODE_MARK_PARTS)
#: A text with this many marks of code outside URLs and addresses is technical writing.
_CODE_MARKS = 3


def writes_code(doc: Document) -> bool:
    """Whether ``doc`` is technical writing: it has :data:`_CODE_MARKS` marks of code
    (:data:`_CODE_MARK`) outside protected text (URLs, e-mail addresses). There, a lower-case
    word that is no English word is jargon or an identifier ("varargs", "tabsize"), not a
    name that MT left untranslated."""
    found = 0
    for m in _CODE_MARK_ALTERNATIVES.finditer(doc.text):
        if not doc.is_protected(m.start(), max(m.end(), m.start() + 1)):
            found += 1
            if found >= _CODE_MARKS:
                return True
    return False


def acronym_at(text: str, start: int, end: int) -> bool:
    r"""Whether the all-capitals word at ``[start, end)`` is an acronym or a constant
    ("CPSU", "HAART", "SIGKILL"): the words beside it on its line are not in capitals. A
    name in capitals among capitals is a headline written so, and is looked at.

    >>> t = "the CPSU said\nHAFTAL SAID"
    >>> acronym_at(t, 4, 8), acronym_at(t, 14, 20)
    (True, False)
    """
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    breaks = [i for i in (text.find("\n", end), text.find("\r", end)) if i >= 0]
    line_end = min(breaks) if breaks else len(text)
    before = [m.group() for m in WORD_RE.finditer(text, max(line_start, start - 60), start)]
    after = WORD_RE.search(text, end, min(line_end, end + 60))
    beside = [w for w in (before[-1:] + ([after.group()] if after else [])) if not w.isdigit()]
    return any(case_shape(w) != "upper" for w in beside)
