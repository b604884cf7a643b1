from __future__ import annotations

import pickle

import pytest

from normalize import Action, Normalizer, Options, Thresholds, apply_changes
from normalize.engine import AGAIN
from normalize.lexicon import Entity, Lexicon


def fixed(n: Normalizer, text: str) -> str:
    return n.fix(text).text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("haftal said", "Haftar said"),
        ("HAFTAL SAID", "HAFTAR SAID"),
        ("Haftal said", "Haftar said"),
        ("haftal's forces", "Haftar's forces"),
        ("(haftal)", "(Haftar)"),
        ("met salaj.", "met Sarraj."),
        ("minister chawushiolu said", "minister Çavuşoğlu said"),
        ("leader Jin Zhengen said", "leader Kim Jong-un said"),
        ("leader jin  zhengen said", "leader Kim Jong-un said"),
        ("the offensive of haftar", "the offensive of Haftar"),
    ],
)
def test_garbles_and_lowercase_names_are_fixed(small: Normalizer, text: str, expected: str) -> None:
    assert fixed(small, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Khalifa Hifter said",
        "Hifter and Haftar are both right",
        "Fayez al-Serraj and al-Sarraj",
        "Mevlut Cavusoglu met Mevlüt Çavuşoğlu",
        "turkey, the bird, and Turkey",
        "haftalx and xhaftal are other words",
        "see https://example.com/haftal and mail haftal@example.com",
        "the code `haftal` stays",
        "",
    ],
)
def test_legitimate_text_is_untouched(small: Normalizer, text: str) -> None:
    result = small.fix(text)
    assert result.text == text
    assert result.applied == ()


def test_canonical_rewrites_aliases_only_when_asked(small_lexicon: Lexicon) -> None:
    canon = Normalizer(small_lexicon, Options(canonical=True))
    assert fixed(canon, "Khalifa Hifter and Hifter") == "Khalifa Haftar and Haftar"
    assert fixed(canon, "Türkiye and turkey") == "Turkey and turkey"
    assert fixed(canon, "Turkish and Turks; libyan") == "Turkish and Turks; Libyan"
    change = canon.fix("Hifter").changes[0]
    assert change.rule == "lexicon.canonical"


def test_longest_match_wins(small_lexicon: Lexicon) -> None:
    lex = Lexicon(
        (
            *small_lexicon.entities,
            Entity(
                "person/test-haftal-junior", "person", "Haftar Junior", garbles=("haftal junior",)
            ),
        )
    )
    result = Normalizer(lex).fix("haftal junior spoke")
    assert result.text == "Haftar Junior spoke"
    assert len(result.changes) == 1


def test_change_records_explain_themselves(small: Normalizer) -> None:
    text = "In Libya, haftal said the LNA was ready."
    (change,) = small.fix(text).changes
    assert (change.start, change.end) == (10, 16)
    assert text[change.start : change.end] == change.original == "haftal"
    assert change.replacement == "Haftar"
    assert change.action is Action.APPLIED
    assert change.rule == "lexicon.garble"
    assert change.entity == "person/khalifa-haftar"
    assert 0.95 <= change.confidence <= 1
    assert any(e.startswith("context: Libya") for e in change.evidence)


def test_thresholds_turn_applied_into_flagged(small_lexicon: Lexicon) -> None:
    n = Normalizer(small_lexicon, Options(thresholds=Thresholds(apply=1.0, flag=0.5)))
    result = n.fix("haftal said")
    assert result.text == "haftal said"
    assert [c.action for c in result.changes] == [Action.FLAGGED]


def test_disabled_rule_proposes_nothing(small_lexicon: Lexicon) -> None:
    n = Normalizer(small_lexicon, Options(disable=frozenset({"lexicon.garble"})))
    assert n.fix("haftal said and haftar").text == "haftal said and Haftar"


def test_unknown_rule_id_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown rule"):
        Options(disable=frozenset({"no.such.rule"}))


def test_ambiguous_garble_is_flagged_not_applied(small_lexicon: Lexicon) -> None:
    lex = Lexicon(
        (
            *small_lexicon.entities,
            Entity(
                "person/other-salaj",
                "person",
                "Other Salajson",
                short="Salajson",
                garbles=("salaj",),
            ),
        )
    )
    result = Normalizer(lex).fix("met salaj in Tripoli")
    assert [c.action for c in result.changes] == [Action.FLAGGED]
    assert result.changes[0].entity == "person/fayez-al-sarraj"  # Tripoli is its context term


def test_result_replays_and_is_idempotent(small: Normalizer) -> None:
    text = "haftal, HAFTAL and salaj met chawushiolu; haftar too."
    result = small.fix(text)
    assert apply_changes(text, result.changes) == result.text
    assert small.fix(result.text).changes == ()


def test_normalizer_pickles(small: Normalizer) -> None:
    clone = pickle.loads(pickle.dumps(small))
    assert clone.fix("haftal").text == "Haftar"


def test_fix_many_streams_in_order(small: Normalizer) -> None:
    out = small.fix_many(iter(["haftal", "salaj", "ok"]))
    assert [r.text for r in out] == ["Haftar", "Sarraj", "ok"]


def test_offsets_are_code_points_after_multibyte_and_special_case(small: Normalizer) -> None:
    text = "İİ 🙂 Çavuşoğlu met haftal"
    (change,) = small.fix(text).changes
    assert text[change.start : change.end] == "haftal"


def test_zipf_table_agrees_with_wordfreq() -> None:
    from wordfreq import zipf_frequency

    from normalize.vocab import zipf

    words = ["the", "Libya", "haftar", "opporunity", "chawushiolu", "xqzt", "Çavuşoğlu", "e-mail"]
    assert [zipf(w) for w in words] == [float(zipf_frequency(w, "en")) for w in words]


def test_a_repair_is_evidence_for_another_and_fix_is_idempotent(shipped: Normalizer) -> None:
    # Found by the Unicode property: the first reading writes "Haftar" (from Cyrillic), and
    # that name, written right, is what supports the given-name repair beside it.
    text = "AKhalifa Hifter\u200d\u0445\u0430\u0444\u0442\u0430\u0440"  # Cyrillic
    result = shipped.fix(text)
    assert shipped.fix(result.text).text == result.text
    again = [c for c in result.applied if c.evidence[-1] == AGAIN]
    assert again, result.changes
    for change in result.changes:
        assert text[change.start : change.end] == change.original
    assert apply_changes(text, result.changes) == result.text
