from __future__ import annotations

from pathlib import Path

import pytest

from normalize.lexicon import LexiconError, load_lexicons
from normalize.lexicon.loader import default_lexicon_files, merge_sources

HEAD = "format: 1\nmeta: {title: test, origin: hand-curated}\n"


def problems(text: str, *more: tuple[str, str]) -> list[str]:
    with pytest.raises(LexiconError) as info:
        merge_sources([("a.yaml", text, ""), *((n, t, "") for n, t in more)])
    return [str(p) for p in info.value.problems]


def test_valid_file_loads_with_lines() -> None:
    text = (
        HEAD
        + "entities:\n  - id: person/x\n    type: person\n    canonical: X Y\n    garbles: [xy]\n"
    )
    lex = merge_sources([("a.yaml", text, "")])
    (ent,) = lex.entities
    assert ent.garbles == ("xy",)
    assert str(ent.origin) == "a.yaml:4"


def test_every_problem_is_reported_with_file_line_and_entry() -> None:
    text = HEAD + (
        "entities:\n"
        "  - id: person/a\n    type: person\n    canonical: A\n    colour: red\n"
        "  - id: person/b\n    type: alien\n    canonical: B\n"
    )
    found = problems(text)
    assert any(p.startswith("a.yaml:4: person/a: schema:") and "colour" in p for p in found)
    assert any(p.startswith("a.yaml:8: person/b: schema:") and "alien" in p for p in found)


def test_duplicate_ids_across_files() -> None:
    entry = "entities:\n  - {id: person/a, type: person, canonical: A}\n"
    found = problems(HEAD + entry, ("b.yaml", HEAD + entry))
    assert found == ["b.yaml:4: person/a: duplicate id (first at a.yaml:4)"]


def test_duplicate_yaml_keys_and_syntax_errors() -> None:
    assert problems(HEAD + "meta: {}\n")[0].startswith("a.yaml:3: duplicate key 'meta'")
    assert "YAML syntax" in problems("format: [1\n")[0]


def test_yaml_tags_that_build_objects_are_refused() -> None:
    found = problems(HEAD + "entities: !!python/object/apply:os.system ['true']\n")
    assert "YAML syntax" in found[0]


def test_confusion_must_name_known_entities() -> None:
    text = HEAD + (
        "entities:\n  - {id: country/dz, type: country, canonical: Algeria}\n"
        "confusions:\n  - {id: mt/a, wrong: Afghan, right: Algerian, means: country/dz,"
        " otherwise: country/af, why: test}\n"
    )
    assert problems(text) == ["a.yaml:6: mt/a: unknown entity 'country/af'"]


def test_user_lexicon_files_and_folders(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(
        HEAD + "entities:\n  - {id: person/z, type: person, canonical: Zed, garbles: [zedd]}\n"
    )
    lex = load_lexicons([tmp_path], defaults=False)
    assert [e.id for e in lex.entities] == ["person/z"]
    with pytest.raises(LexiconError, match="cannot read"):
        load_lexicons([tmp_path / "missing.yaml"], defaults=False)


def test_shipped_lexicons_load() -> None:
    names = [name for name, _ in default_lexicon_files()]
    assert names, "the package ships lexicons"
    lex = load_lexicons()
    assert len(lex.entities) > 50
