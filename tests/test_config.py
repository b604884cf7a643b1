"""Project configuration: discovery, layering, errors naming the key, the published schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from normalize.cli import cli
from normalize.config import (
    DEFAULTS,
    ConfigError,
    add_to_allow_list,
    find_config,
    load_config,
    resolve,
    schema,
)

TEXT = "In Libya, haftal met zorblat of the LNA.\n"
EXTRA_LEXICON = """\
format: 1
meta: {title: "Test people", origin: hand-curated, sources: []}
entities:
  - id: person/zed-zorblatov
    type: person
    canonical: Zed Zorblatov
    short: Zorblatov
    garbles: [zorblat]
"""


def run(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return res.exit_code, res.stdout, res.stderr


def changes(stdout: str) -> list[tuple[str, str, str]]:
    report = json.loads(stdout)
    return [(c["original"], c["replacement"], c["action"]) for c in report["changes"]]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "doc.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "lex").mkdir()
    (tmp_path / "lex" / "extra.yaml").write_text(EXTRA_LEXICON, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path / "docs")
    return tmp_path


def test_without_config_only_the_shipped_lexicons_apply(project: Path) -> None:
    code, out, _ = run("check", "--format", "json", "../doc.txt")
    assert code == 1
    assert changes(out) == [("haftal", "Haftar", "applied")]


def test_yaml_config_threshold_and_extra_lexicon_change_the_result(project: Path) -> None:
    # Found by walking up from docs/; the lexicon path is relative to the config file.
    (project / ".normalize.yaml").write_text(
        "apply-threshold: 0.99\nlexicons: [lex/extra.yaml]\n", encoding="utf-8"
    )
    code, out, _ = run("check", "--format", "json", "../doc.txt")
    assert code == 1
    assert changes(out) == [
        ("haftal", "Haftar", "flagged"),  # 0.96 is now below the apply threshold
        ("zorblat", "Zorblatov", "flagged"),  # from the extra lexicon
    ]
    # A flag beats the file.
    code, out, _ = run("check", "--format", "json", "--apply-threshold", "0.9", "../doc.txt")
    assert changes(out) == [("haftal", "Haftar", "applied"), ("zorblat", "Zorblatov", "applied")]


def test_pyproject_table_is_found_and_allow_list_applies(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.normalize]\nallow = ["HAFTAL"]\n', encoding="utf-8"
    )
    assert find_config(project / "docs") == project / "pyproject.toml"
    code, out, _ = run("check", "--format", "json", "../doc.txt")
    assert (code, changes(out)) == (0, [])


def test_pyproject_without_table_is_passed_over(project: Path) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(project / "docs") is None


def test_yaml_wins_over_pyproject_in_the_same_folder(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.normalize]\ncanonical = true\n", "utf-8")
    (project / ".normalize.yaml").write_text("canonical: false\n", encoding="utf-8")
    assert find_config(project) == project / ".normalize.yaml"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("aply-threshold: 0.9\n", "unknown key 'aply-threshold'"),
        ("apply-threshold: high\n", "apply-threshold: 'high' is not of type 'number'"),
        ("apply-threshold: 1.5\n", "apply-threshold: 1.5 is greater than the maximum of 1"),
        ("disable: [lexicon.nope]\n", "disable: unknown rule id 'lexicon.nope'"),
        ("ignore: ['(unclosed']\n", "ignore: bad pattern '(unclosed'"),
        ("allow: x\nallow: y\n", "duplicate key"),
        ("- a list\n", "expected a mapping"),
    ],
)
def test_bad_config_is_exit_2_naming_the_key(project: Path, text: str, message: str) -> None:
    (project / ".normalize.yaml").write_text(text, encoding="utf-8")
    code, _, err = run("check", "../doc.txt")
    assert code == 2
    assert message in err
    assert str(project / ".normalize.yaml") in err


def test_unknown_key_in_pyproject_names_the_table(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.normalize]\nlexicon = []\n", "utf-8")
    code, _, err = run("config")
    assert code == 2
    assert "[tool.normalize] in" in err and "unknown key 'lexicon'" in err


def test_thresholds_in_the_wrong_order_name_both_sources(project: Path) -> None:
    (project / ".normalize.yaml").write_text("flag-threshold: 0.9\n", encoding="utf-8")
    code, _, err = run("check", "../doc.txt")
    assert code == 2
    assert "flag-threshold 0.9" in err and "apply-threshold 0.8 (default)" in err


def test_config_command_shows_each_value_and_its_source(project: Path) -> None:
    (project / ".normalize.yaml").write_text(
        "apply-threshold: 0.95\ndisable: [lexicon.case]\n", encoding="utf-8"
    )
    code, out, _ = run("config", "--enable", "lexicon.case", "--allow", "Hifter")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"# config file: {project / '.normalize.yaml'}"
    assert f"apply-threshold  = 0.95  # {project / '.normalize.yaml'}" in lines
    assert 'allow            = ["Hifter"]  # --allow' in lines
    # --enable on the command line cancels the file's disable.
    assert f"disable          = []  # {project / '.normalize.yaml'}" in lines
    code, out, _ = run("config", "--format", "json", "--no-config")
    data = json.loads(out)
    assert data["file"] is None
    assert data["settings"]["apply-threshold"] == {"value": 0.8, "source": "default"}


def test_no_config_and_explicit_config(project: Path) -> None:
    (project / ".normalize.yaml").write_text("allow: [haftal]\n", encoding="utf-8")
    other = project / "other.yaml"
    other.write_text("lexicons: [lex/extra.yaml]\n", encoding="utf-8")
    _, out, _ = run("check", "--format", "json", "../doc.txt")
    assert changes(out) == []
    _, out, _ = run("check", "--format", "json", "--no-config", "../doc.txt")
    assert changes(out) == [("haftal", "Haftar", "applied")]
    _, out, _ = run("check", "--format", "json", "--config", str(other), "../doc.txt")
    assert [c[0] for c in changes(out)] == ["haftal", "zorblat"]


def test_schema_keys_are_the_loader_keys() -> None:
    assert set(schema()["properties"]) == set(DEFAULTS)
    Draft202012Validator.check_schema(schema())


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"apply-threshold": 0.9, "flag-threshold": 0.4, "lexicons": ["a.yaml"]},
        {"disable": ["lexicon.case"], "enable": ["lexicon.canonical"], "canonical": True},
        {"allow": ["Hifter"], "ignore": [r"\bREF-\d+"], "default-lexicons": False},
        {"colour": True},
        {"apply-threshold": "0.9"},
        {"allow": "Hifter"},
        {"lexicons": [""]},
        {"default-lexicons": "no"},
    ],
)
def test_schema_and_loader_agree(tmp_path: Path, data: dict[str, object]) -> None:
    path = tmp_path / ".normalize.yaml"
    path.write_text(json.dumps(data), encoding="utf-8")  # JSON is YAML
    schema_ok = Draft202012Validator(schema()).is_valid(data)
    try:
        load_config(path)
        loader_ok = True
    except ConfigError:
        loader_ok = False
    assert schema_ok == loader_ok


def test_resolve_lists_accumulate_and_scalars_replace(tmp_path: Path) -> None:
    path = tmp_path / ".normalize.yaml"
    path.write_text("allow: [a]\ncanonical: true\n", encoding="utf-8")
    settings = resolve({"allow": ("b", "a"), "canonical": None}, cwd=tmp_path)
    assert settings.values["allow"] == ("a", "b")
    assert settings.sources["allow"] == f"{path} + --allow"
    assert settings.values["canonical"] is True
    assert settings.options().allow == frozenset({"a", "b"})


def test_add_to_allow_list_keeps_comments(tmp_path: Path) -> None:
    yaml_path = tmp_path / ".normalize.yaml"
    yaml_path.write_text("# team settings\napply-threshold: 0.9  # strict\n", "utf-8")
    add_to_allow_list(yaml_path, ["haftal", "Haftal", "salaj"], tmp_path)
    text = yaml_path.read_text(encoding="utf-8")
    assert "# team settings" in text and "# strict" in text
    assert load_config(yaml_path)["allow"] == ("haftal", "salaj")

    toml_path = tmp_path / "pyproject.toml"
    toml_path.write_text('[project]\nname = "x"  # keep\n', encoding="utf-8")
    add_to_allow_list(toml_path, ["haftal"], tmp_path)
    assert "# keep" in toml_path.read_text(encoding="utf-8")
    assert load_config(toml_path)["allow"] == ("haftal",)

    (tmp_path / "lex").mkdir()
    created = add_to_allow_list(None, ["x"], tmp_path / "lex")
    assert created == tmp_path / "lex" / ".normalize.yaml"
