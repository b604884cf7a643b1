"""MT-style probe: made-up news articles garbled the ways Chinese-to-English MT garbles names
(fixtures/mt-probe/, see its README), and the mechanisms they showed missing.

The probe is scored like the seed gold: a recall floor on the ``must`` items, no wrong
change, no trap touched. The mechanism tests hold one case each, with the evidence a reader
would use, and the same words without it (left alone).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from normalize import Normalizer
from normalize.evaluate import Score, parse_gold, score
from normalize.names.context import title_before
from normalize.names.readings import pair_readings
from normalize.names.windows import windows_at, wrapped

PROBE = Path(__file__).resolve().parent.parent / "fixtures" / "mt-probe"
GOLD = sorted(PROBE.glob("*.yaml"))
NAMES_RULES = ("names.reading", "names.span", "names.given")

#: Must items the probe may still miss, with why (see the CHANGELOG):
#: "makelong": a lower-case word that is two English words ("make" + "long") is not scored;
#: "Sai Xi": two syllables at a sentence start, no office before them (a Chinese name so).
ALLOWED_MISSES = {"makelong", "Sai Xi"}


@pytest.fixture(scope="module")
def probe(shipped: Normalizer) -> Score:
    total = Score()
    for path in GOLD:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = (path.parent / data["doc"]).read_text(encoding="utf-8")
        items = parse_gold(data, text)
        total.add(score(text, items, shipped.fix(text)))
    return total


def test_probe_has_its_articles() -> None:
    assert len(GOLD) >= 8


def test_probe_recall_floor(probe: Score) -> None:
    missed = {
        o.item.wrong for o in probe.outcomes if o.item.tier == "must" and o.verdict != "fixed"
    }
    assert missed <= ALLOWED_MISSES, missed - ALLOWED_MISSES
    assert probe.must_fixed / probe.must >= 0.95


def test_probe_makes_no_wrong_change(probe: Score) -> None:
    assert probe.wrong_applied == 0, [
        (o.item.at, [c.replacement for c in o.changes])
        for o in probe.outcomes
        if o.verdict == "wrong"
    ]
    assert probe.traps_touched == 0
    assert probe.unlabelled_applied == 0, [(c.original, c.replacement) for c in probe.stray]


# -- the mechanisms --------------------------------------------------------------------------

# (text with evidence, garble, repair): a transliterated name written a syllable a word, with
# no word of three letters ("An Wa Er") or of five syllables ("Nei Ta Ni Ya Hu").
SYLLABLES = [
    ("Malaysian Prime Minister An Wa Er said in Kuala Lumpur, Malaysia.", "An Wa Er", "Anwar"),
    ("South African President La Ma Fu Sa spoke in Pretoria, South Africa.", "La Ma Fu Sa",
     "Ramaphosa"),
    ("Israeli Prime Minister Nei Ta Ni Ya Hu said in Jerusalem, Israel.", "Nei Ta Ni Ya Hu",
     "Netanyahu"),
    # The spelling itself cut in syllables: "Ti Nu Bu" is Tinubu spaced.
    ("Nigerian President Ti Nu Bu spoke in Abuja, Nigeria.", "Ti Nu Bu", "Tinubu"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "garble", "repair"), SYLLABLES)
def test_readings_a_syllable_a_word_are_repaired(
    shipped: Normalizer, text: str, garble: str, repair: str
) -> None:
    result = shipped.fix(text)
    hits = [c for c in result.applied if c.original == garble]
    assert [(c.replacement, c.rule) for c in hits] == [(repair, "names.reading")]
    assert result.text == text.replace(garble, repair, 1)


def test_a_lower_case_reading_joins_english_syllables(shipped: Normalizer) -> None:
    # "si" is an English word, yet a syllable of 泽连斯基 beside "lian", which MT left in
    # lower case: the run holds it, as a reading only.
    text = "Ukrainian President Zelensky spoke in Kyiv, Ukraine. ze lian si ji said."
    result = shipped.fix(text)
    assert [(c.original, c.replacement) for c in result.applied] == [("ze lian si ji", "Zelensky")]
    # Around a capitalised word nothing changes: "si" ends the run.
    spans = {" ".join(w.tokens) for w in windows_at("Ze Lian si ji", 3, 7, frozenset({"lian"}))}
    assert "Ze Lian si" not in spans


def test_a_reading_broken_at_a_line_end_is_repaired(shipped: Normalizer) -> None:
    text = (
        "Iranian Foreign Minister Araghchi spoke in Tehran. According to the agency, A La Ge\n"
        "Qi also met the ministers of Egypt and Jordan."
    )
    result = shipped.fix(text)
    hits = [c for c in result.applied if c.original == "A La Ge\nQi"]
    assert [c.replacement for c in hits] == ["Araghchi"]


def test_a_window_across_a_line_break_is_only_a_reading() -> None:
    text = "met A La Ge\nQi there"
    spans = {" ".join(w.tokens) for w in windows_at(text, 4, 5, frozenset())}
    assert "A La Ge Qi" in spans
    assert wrapped(text, 4, 15)
    # A blank line ends a run.
    assert {" ".join(w.tokens) for w in windows_at("met Ge\n\nQi", 4, 6, frozenset())} == {"Ge"}


def test_a_title_broken_at_a_line_end_is_the_same_title() -> None:
    text = "Turkish Foreign\nMinister Fei"
    assert title_before(text, text.index("Fei")) == "Foreign Minister "


def test_two_syllables_need_the_entitys_office(shipped: Normalizer) -> None:
    assert {r.words for r in pair_readings("费丹")} >= {("fei", "dan")}
    with_office = "Turkish Foreign Minister Fei Dan said in Ankara, Turkey."
    result = shipped.fix(with_office)
    assert [(c.original, c.replacement) for c in result.applied] == [("Fei Dan", "Fidan")]
    # A Chinese name is written so: without the office, nothing.
    for text in (
        "Fei Dan said in Ankara, Turkey, that talks went well.",
        "Chinese Foreign Minister Fei Dan said in Beijing, China.",
        "President Sai Xi of the provincial committee spoke in Beijing, China.",
    ):
        names = [c for c in shipped.fix(text).changes if c.rule in NAMES_RULES]
        assert names == [], text


def test_a_palestinian_visitor_in_an_article_on_brazil_stays(shipped: Normalizer) -> None:
    """巴 abbreviates Brazil, Pakistan and Palestine. Here "Palestinian" is right (a visitor
    in Brasilia, a Middle East conference); Palestine has no anchor (capital, leader) and
    Brazil is named in the same sentence only as where the visitor is ("in Brasilia"),
    which says nothing of the visitor's nationality (was applied "Brazilian" at 0.95)."""
    text = (
        "Brasilia, March 3 -- Brazilian President Lula da Silva held talks with visiting "
        "Pakistani Prime Minister Shehbaz Sharif on Monday. Lula said that Brazil was ready "
        "to help. The Palestinian foreign minister, who was also in Brasilia for a conference "
        "on the Middle East, met with the Pakistani prime minister on Tuesday."
    )
    assert shipped.fix(text).applied == ()
    # The country's own leader in the sentence still decides it.
    garbled = text.replace("The Palestinian foreign minister", "Palestinian President Lula")
    [change] = [c for c in shipped.fix(garbled).applied if c.original == "Palestinian"]
    assert change.replacement == "Brazilian"


def test_an_outlets_name_read_before_its_kind(shipped: Normalizer) -> None:
    # 安塔拉通讯社: MT reads 安塔拉 and translates 通讯社.
    text = "According to the Indonesian Antala News Agency, the talks in Jakarta ended."
    result = shipped.fix(text)
    assert [(c.original, c.replacement) for c in result.applied] == [("Antala", "Antara")]
    # Without the outlet's country or kind, nothing is applied.
    bare = "Antala arrived on Monday and spoke to reporters."
    assert shipped.fix(bare).applied == ()
