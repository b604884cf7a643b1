"""What must hold for any input: replay, idempotence, bytes outside changes untouched."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalize import Action, Normalizer, apply_changes

# Text that mixes garbles, names, their case variants and arbitrary Unicode noise.
PIECES = st.sampled_from(
    [
        "haftal", "HAFTAL", "haftar", "Haftar", "Hifter", "salaj", "al-Sarraj", "Khalifa Hifter",
        "Jin Zhengen", "jin\nzhengen", "chawushiolu", "Türkiye", "turkey", " ", "\n", "\r\n", "-",
        "'s", ".", "https://x.org/haftal", "İ", "ß", "🙂", "\u0301",
    ]
)  # fmt: skip
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=25).map("".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXTS)
def test_changes_replay_to_the_output(small: Normalizer, text: str) -> None:
    result = small.fix(text)
    assert apply_changes(text, result.changes) == result.text
    for change in result.changes:
        assert text[change.start : change.end] == change.original
        assert 0.0 <= change.confidence <= 1.0


@SETTINGS
@given(TEXTS)
def test_idempotent(small: Normalizer, text: str) -> None:
    once = small.fix(text).text
    assert small.fix(once).text == once


@SETTINGS
@given(TEXTS)
def test_bytes_outside_changes_are_untouched(small: Normalizer, text: str) -> None:
    result = small.fix(text)
    out, pos, shift = result.text, 0, 0
    for change in result.applied:
        assert out[pos + shift : change.start + shift] == text[pos : change.start]
        shift += len(change.replacement) - (change.end - change.start)
        pos = change.end
    assert out[pos + shift :] == text[pos:]
    assert all(c.action in (Action.APPLIED, Action.FLAGGED) for c in result.changes)
