"""Chinese names of conflict-zone places and people read as pinyin: the way Chinese->English
MT writes a name it does not know ("Haerkefu" for Kharkiv, 哈尔科夫). The sentences are made
up; the readings come from the ``zh`` names of the shipped lexicons."""

from __future__ import annotations

import pytest

from normalize import Normalizer
from normalize.lexicon import load_default_lexicons
from normalize.model import Action


def _proposed(n: Normalizer, text: str, word: str) -> list[tuple[str, Action]]:
    return [(c.replacement, c.action) for c in n.fix(text).changes if c.original == word]


@pytest.mark.parametrize(
    ("text", "garble", "right"),
    [
        # 哈尔科夫市 read as "Haerkefu city": a place-type word and the country beside it.
        (
            "Russian missiles struck Haerkefu city, Ukraine's second-largest city, on Friday.",
            "Haerkefu",
            "Kharkiv",
        ),
        ("The Syrian army advanced towards Yidelibu province on Sunday.", "Yidelibu", "Idlib"),
        ("Houthi forces attacked ships off Hetaida, the Yemeni port, on Tuesday.", "Hetaida",
         "Hodeidah"),
        ("Turkish opposition leader Keleichidaluolu spoke in Istanbul on Sunday.",
         "Keleichidaluolu", "K\u0131l\u0131\u00e7daro\u011flu"),
    ],
)  # fmt: skip
def test_a_reading_of_the_chinese_name_is_applied_with_evidence(
    shipped: Normalizer, text: str, garble: str, right: str
) -> None:
    assert _proposed(shipped, text, garble) == [(right, Action.APPLIED)]
    assert shipped.fix(text).text == text.replace(garble, right)


def test_the_country_alone_proposes_the_place() -> None:
    # The country in the sentence is evidence enough to propose Kharkiv; whether it is
    # applied or flagged is the scorer's call, never another place.
    n = Normalizer()
    text = "Russian missiles struck Haerkefu, Ukraine's second-largest city, on Friday."
    assert [r for r, _ in _proposed(n, text, "Haerkefu")] == ["Kharkiv"]


@pytest.mark.parametrize(
    "text",
    [
        "The delegation will visit Haerkefu next week.",
        "Officials said Haerkefu was quiet on Friday.",
        "Reporters asked about Hetaida and Yidelibu on Monday.",
    ],
)
def test_without_evidence_a_reading_is_at_most_flagged(shipped: Normalizer, text: str) -> None:
    result = shipped.fix(text)
    assert result.applied == ()
    assert result.text == text


@pytest.mark.parametrize(
    "text",
    [
        "Russian missiles struck Kharkiv, Ukraine's second-largest city, on Friday.",
        "Houthi forces attacked ships off Hodeidah, the Yemeni port, on Tuesday.",
        "The Syrian army shelled villages around Idlib and Aleppo on Sunday.",
        "Ukrainian forces held Bakhmut, Avdiivka and Pokrovsk in the Donetsk region.",
        "Haftar's forces hold Sirte, Tobruk and Derna in eastern Libya.",
        # Chinese names and places that read like no lexicon name stay as written.
        "Yemen's envoy met the actor Wang Yibo in Beijing; Sanaa said the visit was private.",
        "The Russian State Duma voted on Tuesday, and Syrian officials watched.",
        "Su said the warplane was a Soviet-made bomber.",
    ],
)
def test_clean_sentences_are_unchanged(shipped: Normalizer, text: str) -> None:
    result = shipped.fix(text)
    assert result.changes == ()
    assert result.text == text


@pytest.mark.parametrize(
    ("entity_id", "chinese"),
    [
        ("place/kharkiv", "哈尔科夫"),
        ("place/idlib", "伊德利卜"),
        ("place/hodeidah", "荷台达"),
        ("person/kemal-klcdaroglu", "克勒赤达罗卢"),
    ],
)
def test_shipped_chinese_names(entity_id: str, chinese: str) -> None:
    (entity,) = [e for e in load_default_lexicons().entities if e.id == entity_id]
    assert entity.name_in("zh") == chinese


def test_a_relative_does_not_take_the_reading_of_a_known_name(shipped: Normalizer) -> None:
    """Saddam Haftar has no Chinese name of his own: 萨达姆·哈夫塔尔 ends in the 哈夫塔尔 of
    Khalifa Haftar, and a second owner of the reading "hafutaer" turned the repair of the
    father's garbled name from applied into flagged."""
    text = "In Libya, Hafutaer said the LNA would advance on Tripoli."
    assert _proposed(shipped, text, "Hafutaer") == [("Haftar", Action.APPLIED)]
    (saddam,) = [e for e in load_default_lexicons().entities if e.id == "person/saddam-haftar"]
    assert saddam.name_in("zh") is None
