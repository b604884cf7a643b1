"""Precision on clean text the team never tuned to, and bounded cost per token (issue 13
deliver 5, issue 15 items 1 and 19)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from normalize import Normalizer

# -- issue 15 item 1: one long word costs little ------------------------------------------

_BOUNDED = textwrap.dedent(
    """
    import resource, sys
    limit = 1024 * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (60, 60))
    from normalize import Normalizer
    n = Normalizer()
    for text in ("x" * 8000 + " text.", "a" * 40000 + " In Libya, haftal said."):
        result = n.fix(text)
        print(sum(c.action.value == "applied" for c in result.changes))
    """
)


def test_one_long_word_is_bounded_in_memory_and_time() -> None:
    """A word of 8,000 or 40,000 letters is not a name: under a 1 GB address-space limit the
    engine still answers, and still repairs the garble after the long word."""
    proc = subprocess.run(
        [sys.executable, "-c", _BOUNDED], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["0", "1"]


@pytest.mark.parametrize("length", [41, 400, 8000])
def test_long_words_are_not_fuzzy_candidates(shipped: Normalizer, length: int) -> None:
    word = ("haftal" * length)[:length]
    result = shipped.fix(f"In Libya, {word} said.")
    assert result.changes == ()


# -- candidates are no evidence for each other --------------------------------------------


def _confidence(n: Normalizer, text: str, word: str) -> float:
    (change,) = {c.confidence for c in n.fix(text).changes if c.original == word}
    return change


def test_other_candidates_are_no_evidence(small: Normalizer) -> None:
    """Two unknown words close to one entity do not lift each other: in clean news full of
    Chinese names, false candidates used to support each other ("another garble in this
    document resembles it too")."""
    alone = _confidence(small, "Yesterday haftel spoke to reporters.", "haftel")
    together = _confidence(small, "Yesterday haftel spoke to haftol reporters.", "haftel")
    assert together == alone
    result = small.fix("Yesterday haftel spoke to haftol reporters.")
    assert all("resembles" not in " ".join(c.evidence) for c in result.changes)
