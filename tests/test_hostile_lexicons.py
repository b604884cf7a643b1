"""Lexicons from strangers: no code runs, no bomb explodes, every refusal says where."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalize.cli import main
from normalize.lexicon import LexiconError, load_lexicons
from normalize.lexicon import loader as loader_module
from normalize.lexicon.loader import merge_sources
from normalize.limits import MAX_SCALAR_CHARS, MAX_YAML_DEPTH, scan_yaml

HEAD = "format: 1\nmeta: {title: test, origin: hand-curated}\n"
ENTITY = "entities:\n  - {id: person/x, type: person, canonical: X Y, garbles: [xy]}\n"


def problems(text: str, name: str = "evil.yaml") -> list[str]:
    with pytest.raises(LexiconError) as info:
        merge_sources([(name, text, "")])
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/new:os.system ['touch {marker}']",
        "!!python/name:os.system",
        "!!python/module:os",
        "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']",
    ],
)
def test_tags_that_build_objects_run_nothing(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "ran"
    found = problems(HEAD + "entities: " + tag.format(marker=marker) + "\n")
    assert found[0].startswith("evil.yaml:3: YAML syntax:")
    assert not marker.exists()


def billion_laughs(levels: int) -> str:
    text = HEAD + "lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for i in range(1, levels):
        text += f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n"
    return text


def test_billion_laughs_is_refused_before_expansion() -> None:
    (found,) = problems(billion_laughs(10))
    assert found.startswith("evil.yaml:")
    assert "refused: YAML aliases expand to over 100000 nodes" in found


def test_alias_bomb_inside_an_entry_names_the_entry() -> None:
    text = billion_laughs(5) + (
        "entities:\n  - id: person/bomb\n    type: person\n    canonical: B\n    context: *l4\n"
    )
    (found,) = problems(text)
    assert ": person/bomb: refused: YAML aliases expand" in found


def test_recursive_alias_is_refused() -> None:
    (found,) = problems(HEAD + "entities: &a [*a]\n")
    assert found == "evil.yaml:3: refused: YAML alias *a refers to a node holding it"


def test_modest_anchors_and_aliases_still_work() -> None:
    text = HEAD + (
        "entities:\n  - id: person/a\n    type: person\n    canonical: A\n"
        "    context: &libya [Libya, Tripoli]\n"
        "  - id: person/b\n    type: person\n    canonical: B\n    context: *libya\n"
    )
    lex = merge_sources([("ok.yaml", text, "")])
    assert [e.context for e in lex.entities] == [("Libya", "Tripoli")] * 2


@pytest.mark.parametrize(
    "nest",
    [
        "x: " + "[" * 100_000 + "]" * 100_000,
        "x: " + "{a: " * 100_000 + "}" * 100_000,
        "x:\n" + "".join("  " * i + "- \n" for i in range(200)),
        "x:\n" + "- " * 100_000 + "y\n",
    ],
    ids=["flow-sequences", "flow-mappings", "block-indented", "block-compact"],
)
def test_deep_nesting_is_refused_not_a_crash(nest: str) -> None:
    # Before the limit, 100,000 nested "[" crashed the interpreter inside libyaml. Newer
    # libyaml builds refuse such nesting themselves, in their own words: what must hold is
    # one problem, naming the file, and no lexicon built.
    (found,) = problems(HEAD + nest)
    assert found.startswith("evil.yaml:")
    assert "YAML" in found


@pytest.mark.parametrize(
    "nest",
    [
        "x: " + "[" * (MAX_YAML_DEPTH + 8) + "]" * (MAX_YAML_DEPTH + 8),
        "x:\n" + "".join("  " * i + "- \n" for i in range(MAX_YAML_DEPTH + 8)),
    ],
    ids=["flow", "block"],
)
def test_nesting_past_the_limit_is_refused_in_our_words(nest: str) -> None:
    (found,) = problems(HEAD + nest)
    assert found.startswith("evil.yaml:")
    assert f"refused: YAML nested deeper than {MAX_YAML_DEPTH} levels" in found


def test_deep_nesting_exits_2_naming_the_file(tmp_path: Path) -> None:
    evil = tmp_path / "evil.yaml"
    evil.write_text(HEAD + "x: " + "[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert main(["check", "--lexicon", str(evil), str(evil)]) == 2


def test_huge_string_is_refused_with_entry() -> None:
    huge = "a" * (MAX_SCALAR_CHARS + 1)
    text = HEAD + f"entities:\n  - id: person/long\n    type: person\n    canonical: {huge}\n"
    (found,) = problems(text)
    assert found == (
        f"evil.yaml:6: person/long: refused: string of {MAX_SCALAR_CHARS + 1} characters,"
        f" over {MAX_SCALAR_CHARS}"
    )


def test_long_form_is_a_schema_problem_with_entry() -> None:
    text = (
        HEAD
        + "entities:\n  - {id: person/l, type: person, canonical: L, garbles: ["
        + ("g" * 121 + "]}\n")
    )
    (found,) = problems(text)
    assert found.startswith("evil.yaml:4: person/l: schema: entities/0/garbles/0:")
    assert "is too long" in found


def test_too_many_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader_module, "MAX_ENTRIES", 1)
    text = HEAD + ENTITY + "  - {id: person/z, type: person, canonical: Z}\n"
    assert problems(text) == ["evil.yaml: refused: 2 entries, over the 1 limit"]


def test_oversized_file_is_refused_unread(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(HEAD + ENTITY, encoding="utf-8")
    monkeypatch.setattr(loader_module, "MAX_FILE_BYTES", 10)
    with pytest.raises(LexiconError) as info:
        load_lexicons([path], defaults=False)
    assert str(info.value).startswith(f"{path}: cannot read: file is ")
    assert "over the 10-byte limit" in str(info.value)


def test_undecodable_lexicon_is_named(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes((HEAD + ENTITY).replace("X Y", "Caf\u00e9").encode("latin-1"))
    with pytest.raises(LexiconError) as info:
        load_lexicons([path], defaults=False)
    assert str(info.value).startswith(f"{path}: cannot read: 'utf-8' codec can't decode")


def test_hostile_lexicon_on_the_command_line_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(billion_laughs(10), encoding="utf-8")
    assert main(["check", "--lexicon", str(path), "-"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"normalize: error: {path}:")


def test_scan_yaml_ignores_syntax_errors_for_the_parser_to_report() -> None:
    assert scan_yaml("a: [1\n") is None


@pytest.mark.parametrize(
    "text",
    [
        "1':'*ofust:a:\n? on: on",  # found by `make fuzz` (fuzz/fuzz_loader.py): a TypeError
        "? [a, b]\n: c\n",
        "? {a: b}\n: c\n",
        HEAD + "entities:\n  - {? [id]: person/x, type: person, canonical: X}\n",
    ],
    ids=["fuzz-crash-ccd6f3f2", "list-key", "mapping-key", "in-an-entry"],
)
def test_complex_keys_are_problems_not_crashes(text: str) -> None:
    found = problems(text)
    assert any(": a key must be a plain value, not a list or mapping" in p for p in found)
