"""Issue 4's rules: confusions, calques, possessives, acronyms and MT punctuation.

Each rule has should-change and should-not-change cases, run with the shipped lexicons.
"""

from __future__ import annotations

import pytest

from normalize import Action, Normalizer, Options
from normalize.lexicon.examples import run_examples
from normalize.rules import RULE_IDS

ISSUE4_RULES = {
    "context.confusion",
    "context.calque",
    "context.name-case",
    "possessive.apostrophe",
    "acronym.islamic-state",
    "acronym.compound",
    "punctuation.double-period",
    "punctuation.missing-space",
}

ALGERIA = (
    "President Tebboune received the Turkish foreign minister in Algiers on Tuesday.\n\n"
    "The Afghan foreign minister Boukadoum said Algeria rejects foreign interference."
)
AFGHANISTAN = (
    "The Afghan government met Taliban envoys in Kabul.\n\n"
    "Afghan officials said Algeria had offered to host talks."
)

CHANGED = [
    (ALGERIA, "The Algerian foreign minister Boukadoum", "context.confusion"),
    (
        "Haftar's forces entered Sirte. In Tripoli, the government asked Liberia for help.",
        "asked Libya for help",
        "context.confusion",
    ),
    ("In Algiers, Merkel spoke with Arab President Tebboune.", "Algerian President", None),
    (
        "Bonn-based broadcaster German voice said on Tuesday.",
        "broadcaster Deutsche Welle said",
        "context.calque",
    ),
    (
        "According to Peninsula TV, the talks in Doha ended, the Qatari broadcaster said.",
        "According to Al Jazeera, the talks",
        "context.calque",
    ),
    (
        "The Base Organization said it attacked the convoy. The jihadist group, founded by "
        "bin Laden, has affiliates in the Sahel.",
        "The al-Qaeda said",
        "context.calque",
    ),
    (
        "In Tripoli, the government of national unity led by Serraj withdrew.",
        "the Government of National Accord led",
        "context.calque",
    ),
    ("Turkeys military aid reached Tripoli, Ankara said.", "Turkey's military", None),
    ("Sirte is Gaddafis hometown.", "Gaddafi's hometown", "possessive.apostrophe"),
    ("CNNs Turkish channel said.", "CNN's Turkish", "possessive.apostrophe"),
    ("He cited Algerias foreign ministry.", "Algeria's foreign", "possessive.apostrophe"),
    ("The extremist group Islamic State (is) held the city.", "(IS)", "acronym.islamic-state"),
    ("Islamic State fighters fled. The base of is outside Raqqa fell.", "base of IS", None),
    ("The Islamic State lost Sirte after forces drove out is, officials said.", "out IS,", None),
    ("The United Nations said the un-backed government holds Tripoli.", "UN-backed", None),
    ("According to the financial times, the city fell.", "the Financial Times,", None),
    ("It ended on May 10.Yin said so.", "May 10. Yin said", "punctuation.missing-space"),
    ("Soldiers and civilians..\n\nNext part.", "civilians.\n\n", "punctuation.double-period"),
    ("Soldiers and civilians.. Next part.", "civilians. Next", "punctuation.double-period"),
]


@pytest.mark.parametrize(("text", "want", "rule"), CHANGED, ids=[c[1] for c in CHANGED])
def test_should_change(shipped: Normalizer, text: str, want: str, rule: str | None) -> None:
    result = shipped.fix(text)
    assert want in result.text, result.changes
    if rule is not None:
        assert rule in {c.rule for c in result.applied}


UNCHANGED = [
    AFGHANISTAN,
    "Weah said in Monrovia that Liberia sent aid to Libya, where Haftar holds Benghazi.",
    "Iran and Iraq signed a deal in Baghdad, Kadhimi said.",
    "Ministers of the United Arab Emirates met in Algiers with Tebboune.",
    "Lee Hsien Loong said in Singapore that the Lee government was stable.",
    "He spoke with a German voice.",
    "The village sits on a peninsula; Peninsula TV carried the storm warning.",
    "The army moved its base. Base organization matters on a long march, the manual says.",
    "Saudi Arabian television is state-owned.",
    "Wild turkeys roam the hills. Turkeys are birds.",
    "The Koreas and the Americas differ. Both Koreas met in Paris and Athens.",
    "The Emirates flight left. The Gaddafis fled. Turkeys and chickens were sold.",
    "This is the place. What it is, is a question. The way out is hard.",
    "The plan is of interest; this is what is needed.",
    "They are un-backed claims.",
    "In financial times like these, budgets are tight.",
    "Pi is 3.14. The U.S.Army and e.g.This and One.Tel stay. Wait... what?",
    "See ../shared/data and www.example.com/a..b or mail a.b@c.Com today.",
    "Version 2.0..3.0 is planned.",
]


@pytest.mark.parametrize("text", UNCHANGED)
def test_should_not_change(shipped: Normalizer, text: str) -> None:
    result = shipped.fix(text)
    assert result.applied == (), [(c.original, c.replacement, c.rule) for c in result.applied]


def test_afghan_is_kept_in_an_article_on_afghanistan(shipped: Normalizer) -> None:
    assert shipped.fix(AFGHANISTAN.split("\n\n")[0]).changes == ()
    # One mention of Algeria in it is at most doubtful, never applied.
    assert {c.action for c in shipped.fix(AFGHANISTAN).changes} <= {Action.FLAGGED}


def test_mixed_evidence_is_flagged_not_applied(shipped: Normalizer) -> None:
    text = (
        "Tebboune said in Algiers that Afghanistan must act, Algerian media reported. "
        "Afghans fled, he said."
    )
    result = shipped.fix(text)
    assert result.applied == ()
    flagged = [(c.original, c.rule) for c in result.flagged]
    # "Afghans" too: a confusion derived from 阿 (zh/afghans-for-algerians), flagged alike.
    assert ("Afghanistan", "context.confusion") in flagged
    assert {rule for _, rule in flagged} == {"context.confusion"}


def test_confusion_evidence_says_what_decided(shipped: Normalizer) -> None:
    change = shipped.fix(ALGERIA).applied[0]
    assert change.entity == "country/dz"
    assert any(
        e.startswith("context for Algeria:") and "Tebboune x1" in e and "for Afghanistan: none" in e
        for e in change.evidence
    ), change.evidence


def test_ordinary_word_confusions_are_only_flagged(shipped: Normalizer) -> None:
    text = "In Tripoli, the Lee government said Sirte was lost."
    result = shipped.fix(text)
    assert result.text == text
    assert [(c.original, c.replacement, c.action) for c in result.changes] == [
        ("Lee", "Libyan", Action.FLAGGED)
    ]


def test_turkeys_the_birds_need_evidence(shipped: Normalizer) -> None:
    result = shipped.fix("Turkeys feathers are brown.")
    assert result.applied == ()
    assert [c.rule for c in result.flagged] == ["possessive.apostrophe"]


def test_missing_space_after_a_word_is_only_flagged(shipped: Normalizer) -> None:
    result = shipped.fix("Professor Trounson said.Professor Trounson does not agree.")
    assert result.applied == ()
    assert [c.rule for c in result.flagged] == ["punctuation.missing-space"]


def test_curly_apostrophes_are_kept(shipped: Normalizer) -> None:
    text = "Erdoğan\u2019s aides said Turkeys military aid reached Tripoli."
    assert "Turkey\u2019s military" in shipped.fix(text).text


@pytest.mark.parametrize("rule", sorted(ISSUE4_RULES))
def test_every_rule_is_registered_and_can_be_switched_off(rule: str) -> None:
    assert rule in RULE_IDS
    text = " ".join(t for t, _, _ in CHANGED)
    off = Normalizer(options=Options(disable=frozenset({rule}))).fix(text)
    assert rule not in {c.rule for c in off.changes}


def test_shipped_lexicon_examples_all_pass(shipped: Normalizer) -> None:
    failures = run_examples(shipped.lexicon, shipped)
    assert [str(f) for f in failures] == []


def test_example_runner_reports_failures() -> None:
    from normalize.lexicon import Entity, Example, Lexicon

    lex = Lexicon(
        (
            Entity(
                "person/x",
                "person",
                "Khalifa Haftar",
                short="Haftar",
                garbles=("haftal",),
                examples=(
                    Example("haftal said", "Haftar said"),
                    Example("haftal said", "haftal said", flagged=True),
                ),
            ),
        )
    )
    (failure,) = run_examples(lex)
    assert failure.record == "person/x"
    assert failure.got.startswith("Haftar said")
    assert "person/x" in str(failure)
