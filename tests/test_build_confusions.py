"""tools/build_confusions.py: the committed confusions and calques are what it derives from
the Chinese names, and what it derives follows the families and the glossary."""

from __future__ import annotations

from typing import Any

import pytest

from tools import build_confusions as build
from tools.lexbuild import LEXICONS


def test_committed_files_are_current() -> None:
    for name, text in build.build().items():
        assert (LEXICONS / name).read_text(encoding="utf-8") == text, (
            f"{name}: run python -m tools.build_confusions"
        )


@pytest.fixture(scope="module")
def families() -> dict[str, set[str]]:
    countries = [
        e for e in build._entities() if e["type"] == "country" and e.get("names", {}).get("zh")
    ]
    return {k: {c["id"] for c in v} for k, v in build._abbreviating(countries).items()}


def test_shared_first_characters_make_families(families: dict[str, set[str]]) -> None:
    assert {"country/br", "country/pk", "country/ps", "country/pa"} <= families["巴"]
    assert {"country/dz", "country/af", "country/ar", "country/al"} <= families["阿"]
    assert families["利"] == {"country/ly", "country/lr"}
    assert {"country/au", "country/mo"} <= families["澳"]


def test_a_character_that_is_a_word_of_the_name_makes_no_family(
    families: dict[str, set[str]],
) -> None:
    # 南 is "South" in South Sudan and South Africa, 法属 "French" in French Guiana.
    members = set().union(*families.values())
    assert not {"country/ss", "country/za", "country/gf", "country/nz"} & members


def _confusions() -> list[dict[str, Any]]:
    import yaml

    data = yaml.safe_load(build.build_confusions())
    confusions: list[dict[str, Any]] = data["confusions"]
    return confusions


def test_each_pair_gives_name_and_demonyms_both_ways() -> None:
    pairs = {(c["wrong"], c["right"], c["means"], c.get("otherwise")) for c in _confusions()}
    assert ("Pakistani", "Brazilian", "country/br", "country/pk") in pairs
    assert ("Brazil", "Pakistan", "country/pk", "country/br") in pairs
    assert ("Palestinians", "Pakistanis", "country/pk", "country/ps") in pairs
    # The hand-curated ones are not repeated.
    assert not any(c["wrong"] == "Afghan" and c["means"] == "country/dz" for c in _confusions())


def test_arab_is_an_ordinary_word_for_the_a_family_but_not_for_arab_states() -> None:
    arab = {c["means"]: c for c in _confusions() if c["wrong"] == "Arab"}
    assert "country/af" in arab and arab["country/af"]["followed_by"]
    assert "otherwise" not in arab["country/af"]
    assert "country/om" not in arab and "country/ae" not in arab


def test_names_made_of_glossary_words_are_rendered_word_by_word() -> None:
    entities = build._entities()
    legitimate = {k for e in entities for f in build._legitimate(e) if (k := build.key_of(f))}
    borrowed = build.borrowed_renderings(entities)
    by_id = {e["id"]: e for e in entities}

    def calques(entity_id: str) -> list[str]:
        return build.calques_for(by_id[entity_id], borrowed, legitimate)

    assert "Europe-Asia Economic Union" in calques("org/eurasian-economic-union")
    assert "Eurasian Economic Union" not in calques("org/eurasian-economic-union")  # its name
    assert "Party of God" in calques("org/hezbollah")
    # The outlet cited by its website (通讯社 -> 网).
    assert "Russian Satellite Network" in calques("media/sputnik")
    # A country and a kind of outlet only describe ("Russian News Agency"), unless the
    # rendering is the name's own word.
    assert calques("media/ria-novosti") == []
    assert calques("media/deutsche-presse-agentur") == ["Deutsche News Agency"]
    # 半岛电视台 and 基地组织: a distinctive word with a kind of outlet or body.
    assert "Peninsula TV" in calques("media/al-jazeera")
    assert "Base Organization" in calques("org/al-qaeda")
    # 美国之音: a country and a kind of outlet only ("American Voice" describes).
    assert calques("media/voice-of-america") == []


def test_a_part_rendered_by_a_name_is_lent_to_names_sharing_it() -> None:
    entities = build._entities()
    borrowed = build.borrowed_renderings(entities)
    # 阿拉伯复兴社会党 "Arab Socialist Ba'ath Party": 复兴 is rendered "Ba'ath".
    assert borrowed["复兴"]["Ba'ath"] == "org/baath-party"
    legitimate = {k for e in entities for f in build._legitimate(e) if (k := build.key_of(f))}
    ennahda = next(e for e in entities if e["id"] == "org/ennahda")
    assert "Baath Movement" in build.calques_for(ennahda, borrowed, legitimate)


def test_segment_needs_every_part_in_the_glossary() -> None:
    assert build.segment("真主党") == ["真主", "党"]
    assert build.segment("博索纳罗") is None
