"""User regular expressions: compiled and run with a time limit; refusals say where."""

from __future__ import annotations

import subprocess
import sys

import pytest

from normalize.limits import (
    MAX_PATTERN_CHARS,
    LimitError,
    compile_user_pattern,
    finditer_with_timeout,
    search_with_timeout,
)

WHERE = "normalize.toml:12: ignore[3]"


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(a|aa)+$", r"(?:a*)*$"])
def test_catastrophic_pattern_gives_up_with_a_clear_error(pattern: str) -> None:
    compiled = compile_user_pattern(pattern, where=WHERE)
    text = "a" * 5000 + "!"
    with pytest.raises(LimitError) as info:
        search_with_timeout(compiled, text, where=WHERE, timeout=0.1)
    message = str(info.value)
    assert message.startswith(f"{WHERE}: regular expression {pattern!r} gave up after 0.1 s")
    assert "5001-character text" in message and "\n" not in message
    with pytest.raises(LimitError):
        finditer_with_timeout(compiled, text, where=WHERE, timeout=0.1)


def test_catastrophic_pattern_cannot_hang_the_process() -> None:
    # The same check from outside: a fresh interpreter must come back on its own, with the
    # default limit; the 120 s here only stops a broken build from hanging CI forever.
    code = (
        "from normalize.limits import *\n"
        "p = compile_user_pattern('(a+)+$', where='cfg:1: ignore[0]')\n"
        "try:\n    search_with_timeout(p, 'a' * 100000 + '!', where='cfg:1: ignore[0]')\n"
        "except LimitError as e:\n    print(e)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.startswith("cfg:1: ignore[0]: regular expression '(a+)+$' gave up after 1 s")


def test_ordinary_patterns_match() -> None:
    compiled = compile_user_pattern(r"\bLt\. Gen\. \w+", where=WHERE)
    match = search_with_timeout(compiled, "said Lt. Gen. Haftar.", where=WHERE)
    assert match is not None and match.group() == "Lt. Gen. Haftar"
    spans = finditer_with_timeout(compiled, "Lt. Gen. A and Lt. Gen. B", where=WHERE)
    assert spans == [(0, 10), (15, 25)]


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("(unclosed", "invalid regular expression: missing )"),
        ("a{2,1}", "invalid regular expression"),
        ("x" * (MAX_PATTERN_CHARS + 1), f"over {MAX_PATTERN_CHARS}"),
    ],
)
def test_bad_patterns_are_refused_with_where(pattern: str, reason: str) -> None:
    with pytest.raises(LimitError) as info:
        compile_user_pattern(pattern, where=WHERE)
    assert str(info.value).startswith(f"{WHERE}: ")
    assert reason in str(info.value)
