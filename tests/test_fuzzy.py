"""Garbles no lexicon lists (issue 3): transliteration keys, the fuzzy finder, guard rails."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import Normalizer
from normalize.cli import cli
from normalize.engine import Options
from normalize.evaluate import parse_gold, score
from normalize.fuzzyindex import FuzzyIndex
from normalize.io import read_document
from normalize.lexicon import Entity, Lexicon
from normalize.model import Action
from normalize.translit import skeleton
from tests.conftest import SEED003_GARBLES, shared_path, shipped_without_seed003_garbles


@pytest.fixture(scope="module")
def unlisted() -> Normalizer:
    """The shipped lexicon with the seed 003 garbles of people taken out."""
    lexicon = shipped_without_seed003_garbles()
    assert not any(set(e.garbles) & SEED003_GARBLES for e in lexicon.entities)
    return Normalizer(lexicon)


def test_seed003_garbles_found_without_being_listed(unlisted: Normalizer) -> None:
    gold_path = shared_path("gold", "seed003.yaml")
    data = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    text = read_document(gold_path.parent / data["doc"]).text
    items = [i for i in parse_gold(data, text) if i.wrong in SEED003_GARBLES]
    result = unlisted.fix(text)
    s = score(text, items, result)
    assert len(s.outcomes) == 10
    assert [
        (o.item.at, o.verdict) for o in s.outcomes if o.verdict not in {"fixed", "flagged"}
    ] == []
    assert s.wrong_applied == 0
    for o in s.outcomes:  # flagged ones must name the right entity too
        assert all(c.replacement in o.item.right for c in o.changes), o


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("In Libya, haftal said the LNA would advance.", "haftal", "Haftar"),
        ("Prime Minister salaj of Libya met officials in Tripoli.", "salaj", "Sarraj"),
        ("Algerian President teben spoke in Algiers.", "teben", "Tebboune"),
        ("Turkish foreign minister chawushiolu went to Ankara.", "chawushiolu", "Çavuşoğlu"),
        ("Algerian foreign minister bukadum said in Algiers.", "bukadum", "Boukadoum"),
    ],
)
def test_unlisted_garbles_in_context(
    unlisted: Normalizer, text: str, wrong: str, right: str
) -> None:
    changes = [c for c in unlisted.fix(text).changes if c.original == wrong]
    assert [(c.replacement, c.rule.split(".")[0]) for c in changes] == [(right, "fuzzy")]


@pytest.mark.parametrize(
    "text",
    [
        "Moon Jae-in met Lee in Nice, and Sunak spoke in Libya.",
        "Gaddafis hometown and Turkeys army: officials in Libya wouldn't say.",
        "The government modernises its draconian shopfront rules in Tripoli.",
        "Haftar, Hifter and al-Sarraj met in Tripoli; Libyan and Turkish forces watched.",
    ],
)
def test_guard_rails_leave_words_and_known_names(shipped: Normalizer, text: str) -> None:
    fuzzy = [c for c in shipped.candidates(text) if c.rule.startswith("fuzzy.")]
    assert fuzzy == []


def test_repeats_resolve_the_same_way_and_context_raises_confidence(unlisted: Normalizer) -> None:
    # A lone lower-case guess is looked at only in a text that writes known names in lower
    # case, as MT that lost capitals does ("tunisia"; see Normalizer._lower_guesses_kept).
    assert unlisted.fix("Officials said haftal arrived.").changes == ()
    bare = [
        c
        for c in unlisted.fix("Officials in tunisia said haftal arrived.").changes
        if c.original == "haftal"
    ]
    text = "In Libya, Haftar's LNA advanced. Later haftal said so, and haftal left Benghazi."
    rich = unlisted.fix(text).changes
    assert {(c.replacement, c.entity, c.confidence) for c in rich} == {
        ("Haftar", "person/khalifa-haftar", rich[0].confidence)
    }
    assert len(rich) == 2
    assert rich[0].confidence > bare[0].confidence
    assert any("also written 'Haftar'" in e for e in rich[0].evidence)


def test_capitalised_unknown_name_is_not_applied_without_a_given_name(
    unlisted: Normalizer,
) -> None:
    alone = unlisted.fix("Officials said Haftal arrived.")
    assert alone.applied == ()
    given_name = unlisted.fix("In Libya, Khalifa Haftal said the LNA would advance.")
    assert [(c.original, c.replacement, c.action) for c in given_name.changes] == [
        ("Haftal", "Haftar", Action.APPLIED)
    ]
    assert "follows the entity's given name" in given_name.changes[0].evidence


def test_broken_and_merged_spacing(small: Normalizer) -> None:
    result = small.fix("Kim Jong -un and KIMJONGUN met.")
    assert result.text == "Kim Jong-un and KIM JONG-UN met."
    assert {c.rule for c in result.changes} == {"fuzzy.spacing"}
    assert small.fix("Kim Jong-un and Kim Jong Un met.").changes == ()


@pytest.mark.parametrize(
    ("text", "broken", "name"),
    [
        ("The consulate in Dü sseldorf said so.", "Dü sseldorf", "Düsseldorf"),  # space at ü
        ("Cases rose in Sã o Paulo on Monday.", "Sã o Paulo", "São Paulo"),  # inside a phrase
        ("Cases rose in S?o Paulo on Monday.", "S?o Paulo", "São Paulo"),  # letter lost
        ("Cases rose in S\ufffdo Paulo on Monday.", "S\ufffdo Paulo", "São Paulo"),
    ],
)
def test_a_name_broken_at_a_letter_outside_ascii_is_joined(
    shipped: Normalizer, text: str, broken: str, name: str
) -> None:
    result = shipped.fix(text)
    assert [(c.original, c.replacement, c.rule) for c in result.applied] == [
        (broken, name, "fuzzy.spacing")
    ]
    assert result.text == text.replace(broken, name)


@pytest.mark.parametrize(
    "text",
    [
        "Düsseldorf and São Paulo are written right.",
        "Did they go to Per? Who?Me. See index.php?id=3 now.",  # punctuation, not a lost letter
        "The café society met in Bogotá yesterday.",  # a break that joins to no name
    ],
)
def test_question_marks_and_accents_alone_change_nothing(shipped: Normalizer, text: str) -> None:
    assert shipped.fix(text).changes == ()


def test_a_reading_with_a_short_key_is_found_by_its_whole_spelling() -> None:
    # 阿拉格齐 reads "alageqi": its consonant key (RK) is too short to file by, but the
    # seven letters are specific; they are found exactly, never by a one-edit neighbour.
    lex = Lexicon(
        (
            Entity(
                "person/a", "person", "Abbas Araghchi", short="Araghchi",
                names=(("zh", "阿拉格齐"),), context=("Iran", "foreign minister"),
            ),
        )
    )  # fmt: skip
    index = FuzzyIndex(lex)
    assert [(f.target, d) for f, d in index.lookup("Alageqi")] == [("Araghchi", 0)]
    assert index.lookup("Alageki") == [] and index.lookup("Alag") == []
    engine = Normalizer(lex)
    text = "Iranian Foreign Minister Alageqi told reporters in Tehran that Iran was ready."
    result = engine.fix(text)
    assert [(c.original, c.replacement) for c in result.applied] == [("Alageqi", "Araghchi")]
    assert result.text == text.replace("Alageqi", "Araghchi")


def test_a_capitalised_reading_that_splits_into_english_words_is_still_scored(
    shipped: Normalizer,
) -> None:
    # 马克龙 reads "makelong", which also splits into "make" + "long": the compound rule is for
    # identifiers ("newline"); a capitalised exact reading is scored, and applied on evidence.
    text = "French President Makelong arrived in Berlin on Monday. Macron spoke of Ukraine."
    result = shipped.fix(text)
    assert [(c.original, c.replacement) for c in result.applied] == [("Makelong", "Macron")]
    for clean in (
        "Makelong said on Monday that the talks went well.",  # no evidence: left alone
        "French president makelong said France would send aid.",  # lower case: an identifier
    ):
        assert shipped.fix(clean).applied == ()


def test_a_pinyin_shaped_word_of_four_syllables_may_be_a_foreign_name(
    shipped: Normalizer,
) -> None:
    # "Naitanyahu" splits into pinyin (nai-tan-ya-hu), but no Chinese person's name written
    # as one word has four syllables: it is scored as a near miss of Netanyahu.
    text = "Israeli Prime Minister Naitanyahu said the war would go on. Netanyahu spoke."
    result = shipped.fix(text)
    assert [(c.original, c.replacement) for c in result.applied] == [("Naitanyahu", "Netanyahu")]
    # Chinese places of four syllables and a name with a two-syllable surname stay, even
    # beside the same evidence.
    clean = (
        "Israeli officials visited Wulumuqi and Huhehaote, and the Israeli prime minister's "
        "envoy toured Xishuangbanna. Ouyangxiaoming, a trader, met them. Netanyahu did not."
    )
    assert shipped.fix(clean).changes == ()


@pytest.mark.parametrize(
    "text",
    [
        "Chinese envoy Li Feize met German officials in Berlin on Monday, Germany said.",
        "The Chinese ambassador Wang Pujing visited Moscow, where Russia hosted talks.",
        "Zhang Saixi, a Chinese engineer, worked in Egypt for ten years.",
    ],
)
def test_a_pinyin_word_after_a_chinese_family_name_is_a_given_name(
    shipped: Normalizer, text: str
) -> None:
    # "Feize", "Pujing" and "Saixi" read 费泽 (Faeser), 普京 (Putin) and 塞西 (Sisi), and the
    # documents name the right countries; after "Li", "Wang" or "Zhang" they are given names.
    assert shipped.fix(text).changes == ()


def test_rules_can_be_disabled(unlisted: Normalizer) -> None:
    text = "Algerian President teben spoke in Algiers."
    for rule in ("fuzzy.name", "fuzzy.source"):
        off = Normalizer(unlisted.lexicon, Options(disable=frozenset({rule})))
        assert all(c.rule != rule for c in off.fix(text).changes)
    both = Options(disable=frozenset({"fuzzy.name", "fuzzy.source"}))
    assert Normalizer(unlisted.lexicon, both).fix(text).changes == ()


def test_normalizer_with_fuzzy_index_pickles(unlisted: Normalizer) -> None:
    text = "In Libya, haftal said the LNA would advance."
    clone = pickle.loads(pickle.dumps(unlisted))
    assert clone.fix(text) == unlisted.fix(text)


def test_index_lookup_is_by_key_not_by_scan() -> None:
    names = [f"{a}{b}{c}" for a in "bdkmst" for b in ("ala", "oro", "ine") for c in "nrv"]
    lex = Lexicon(tuple(Entity(f"person/{n}", "person", n.title()) for n in names))
    index = FuzzyIndex(lex)
    hits = {f.surface for f, _ in index.lookup("balan")}
    assert "balan" in hits
    assert all(len(skeleton(h)) >= 2 for h in hits)
    assert len(hits) < len(names) / 4


def test_index_lookup_order_does_not_depend_on_the_hash_seed() -> None:
    # Forms that tie on similarity are ranked in lookup order; a set's order would make the
    # evidence (and, on a tie between entities, the choice) differ from run to run.
    code = (
        "from normalize.fuzzyindex import FuzzyIndex\n"
        "from normalize.lexicon import Entity, Lexicon\n"
        "names = [a + 'ar' + b + 'a' + c for a in 'bmsv' for b in 'tsk' for c in 'nmlr']\n"
        "lex = Lexicon(tuple(Entity('p/' + n, 'person', n.title()) for n in names))\n"
        "print([(f.surface, d) for f, d in FuzzyIndex(lex).lookup('bartan')])\n"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(runs) == 1


def test_explain_lists_entities_and_reasons(tmp_path: object) -> None:
    res = CliRunner().invoke(cli, ["explain", "bukadum"], catch_exceptions=False)
    assert res.exit_code == 0
    assert "person/sabri-boukadoum -> 'Boukadoum'" in res.output
    assert "key PKTM" in res.output


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abdefghiklmnorstuvwyz", min_size=4, max_size=10))
def test_fuzzy_confidence_bounded_and_targets_are_lexicon_forms(
    unlisted: Normalizer, token: str
) -> None:
    forms = {f for e in unlisted.lexicon.entities for f in e.preferred}
    for c in unlisted.candidates(f"Officials said {token} arrived."):
        assert 0.0 <= c.confidence <= 1.0
        if c.rule.startswith("fuzzy."):
            assert c.replacement in forms or c.replacement.upper() in {f.upper() for f in forms}


def test_long_typos_of_english_words_are_not_names(shipped: Normalizer) -> None:
    # One letter from "opportunity": a typo, not a garbled name (it used to be flagged as
    # Burundi with the large lexicons); short garbles such as "salaj" stay candidates.
    text = "In Libya, it was a rare opporunity for the GNA, and salaj said so in Tripoli."
    changes = shipped.fix(text).changes
    assert [c.original for c in changes] == ["salaj"]
    assert shipped.fix("a rare opporunity").changes == ()


@pytest.fixture(scope="module")
def shipped() -> Normalizer:
    return Normalizer()


@pytest.mark.parametrize(
    ("text", "action"),
    [
        # The country in the next sentence of the same paragraph: applied.
        (
            "Crops failed in the south. At the harvest festival, Lukashenkko thanked the"
            " farmers. He said Belarusian grain would feed the region.",
            Action.APPLIED,
        ),
        # The country only in another paragraph: news names countries everywhere.
        (
            "Crops failed in the south. At the harvest festival, Lukashenkko thanked the"
            " farmers.\nOfficials in Belarus did not comment.",
            Action.FLAGGED,
        ),
    ],
)
def test_single_word_with_its_country_beside_it(
    shipped: Normalizer, text: str, action: Action
) -> None:
    changes = shipped.fix(text).changes
    assert [(c.original, c.replacement, c.action) for c in changes] == [
        ("Lukashenkko", "Lukashenko", action)
    ]


def test_country_beside_a_word_seen_in_english_is_still_flag_only() -> None:
    from normalize.names.single import Around, document_features, scored, spelling

    def conf(unseen: bool) -> float:
        spell = spelling(
            similarity=0.97,
            key_distance=0,
            long_key=True,
            exact_reading=False,
            both_channels=True,
            shape="title",
            unseen=unseen,
            pinyin=False,
        )
        features = document_features(
            spell,
            "person",
            Around(),
            context=0,
            country=True,
            mention=False,
            office=False,
            given_name=False,
            country_near=True,
        )
        return scored(spell, features)[0]

    assert conf(unseen=True) >= 0.8
    assert conf(unseen=False) == 0.75


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A lower-case compass word before it says the word is a place.
        (
            "Shelling hit southern Hodeidah and northern Maarib on Monday, officials in"
            " Yemen said.",
            [("Maarib", "Marib", Action.APPLIED)],
        ),
        ("Shelling hit Hodeidah and Maarib on Monday, officials in Yemen said.", []),
        # So does a place-type word in an apposition after it ...
        (
            "The plant in Faridabat, an industrial city near the capital, closed on Monday."
            " India has ordered checks.",
            [("Faridabat", "Faridabad", Action.APPLIED)],
        ),
        # ... but not one that describes a person ("a city councillor").
        (
            "Officials in India said Faridabat, a city councillor, resigned.",
            [("Faridabat", "Faridabad", Action.FLAGGED)],
        ),
    ],
)
def test_compass_word_and_apposition_say_a_word_is_a_place(
    shipped: Normalizer, text: str, expected: list[tuple[str, str, Action]]
) -> None:
    changes = shipped.fix(text).changes
    assert [(c.original, c.replacement, c.action) for c in changes] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A short key with its last letter lost: found, and applied with the name beside it.
        (
            "Snow closed roads around Denver on Monday. Schools in Denve stayed shut,"
            " officials in the United States said.",
            [("Denve", "Denver", Action.APPLIED)],
        ),
        ("Schools in Denve stayed shut on Monday.", [("Denve", "Denver", Action.FLAGGED)]),
        # A real name that begins a place's name is written right.
        ("Hiroshi Tanaka, the mayor, spoke at the Hiroshima memorial in Japan on Monday.", []),
    ],
)
def test_truncated_short_names(
    shipped: Normalizer, text: str, expected: list[tuple[str, str, Action]]
) -> None:
    changes = shipped.fix(text).changes
    assert [(c.original, c.replacement, c.action) for c in changes] == expected


def test_index_finds_a_truncated_short_key() -> None:
    lex = Lexicon((Entity("place/denver", "place", "Denver"),))
    index = FuzzyIndex(lex)
    assert [(f.target, d) for f, d in index.lookup("Denve")] == [("Denver", 1)]
    assert index.lookup("Denvo") == []  # not the name's first letters
    assert index.lookup("Den") == []  # too short to say whose name it begins


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A word no English text uses, near a name the article writes right: applied.
        (
            "Fumio Kishida opened the session. Later, Kishda told reporters the harvest was good.",
            [("Kishda", "Kishida", Action.APPLIED)],
        ),
        # Without the name written right, the short key keeps it unproposed.
        ("Later, Kishda told reporters the harvest was good.", []),
    ],
)
def test_unseen_word_beside_the_name_written_right(
    shipped: Normalizer, text: str, expected: list[tuple[str, str, Action]]
) -> None:
    changes = shipped.fix(text).changes
    assert [(c.original, c.replacement, c.action) for c in changes] == expected
    if expected:
        assert any("unseen_mention 1" in line for line in changes[0].evidence)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A reading of a Chinese name cut at its syllables by hyphens: joined, then scored.
        (
            "Tokyo, June 3 (Gong-Tongshe) -- The news agency said the talks with Japan would"
            " resume.",
            [("Gong-Tongshe", "Kyodo", Action.APPLIED)],
        ),
        # Nothing in the article for the entity: nothing.
        ("He met Gong-Tongshe on Monday.", []),
        # Hyphenated names that are no reading of a lexicon name are left alone.
        ("Jean-Claude Juncker met Xiao-Ming in Hong Kong.", []),
    ],
)
def test_reading_split_at_its_syllables(
    shipped: Normalizer, text: str, expected: list[tuple[str, str, Action]]
) -> None:
    changes = shipped.fix(text).changes
    assert [(c.original, c.replacement, c.action) for c in changes] == expected
