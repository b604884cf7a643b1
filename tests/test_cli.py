"""The CLI, in-process: exit codes, file handling and the report contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from normalize.cli import cli, main

GARBLED = "In Libya, haftal said the LNA would advance.\n"
FIXED = "In Libya, Haftar said the LNA would advance.\n"


def invoke(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_fix_rewrites_in_place_and_summarises(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", GARBLED.encode())
    res = invoke("fix", str(path))
    assert res.exit_code == 0
    assert path.read_text(encoding="utf-8") == FIXED
    assert "fixed 1, flagged 0" in res.stderr
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_fix_keeps_bom_and_crlf(tmp_path: Path) -> None:
    data = "\ufeff".encode() + GARBLED.replace("\n", "\r\n").encode() + b"Second line\r\n"
    path = write(tmp_path, "bom.txt", data)
    assert invoke("fix", str(path)).exit_code == 0
    assert path.read_bytes() == data.replace(b"haftal", b"Haftar")


def test_fix_diff_and_stdout_write_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", GARBLED.encode())
    diff = invoke("fix", "--diff", str(path))
    assert diff.exit_code == 0
    assert f"-{GARBLED}" in diff.stdout and f"+{FIXED}" in diff.stdout
    out = invoke("fix", "--stdout", str(path))
    assert out.stdout == FIXED
    assert path.read_text(encoding="utf-8") == GARBLED


def test_dash_reads_stdin_and_writes_stdout() -> None:
    res = invoke("fix", "-", stdin=GARBLED.encode())
    assert res.exit_code == 0
    assert res.stdout == FIXED


def test_check_exit_codes_and_text_format(tmp_path: Path) -> None:
    dirty = write(tmp_path, "dirty.txt", GARBLED.encode())
    clean = write(tmp_path, "clean.txt", FIXED.encode())
    assert invoke("check", str(clean)).exit_code == 0
    res = invoke("check", str(dirty))
    assert res.exit_code == 1
    assert res.stdout.startswith(f"{dirty}:1:11: 'haftal' -> 'Haftar' [applied ")
    assert "lexicon.garble person/khalifa-haftar" in res.stdout
    assert dirty.read_text(encoding="utf-8") == GARBLED


def test_check_json_is_the_report_contract(tmp_path: Path) -> None:
    a = write(tmp_path, "a.txt", GARBLED.encode())
    b = write(tmp_path, "b.txt", FIXED.encode())
    res = invoke("check", "--format", "json", str(a), str(b))
    assert res.exit_code == 1
    first, second = (json.loads(line) for line in res.stdout.splitlines())
    assert second == {"path": str(b), "schema": 1, "changes": []}
    assert first["path"] == str(a) and first["schema"] == 1
    (change,) = first["changes"]
    assert set(change) == {
        "start", "end", "original", "replacement", "action", "confidence", "rule", "entity",
        "evidence",
    }  # fmt: skip
    assert (change["start"], change["end"], change["original"]) == (10, 16, "haftal")
    assert change["action"] == "applied" and change["rule"] == "lexicon.garble"
    assert isinstance(change["evidence"], list)


def test_missing_file_is_exit_2_but_others_are_processed(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", GARBLED.encode())
    res = invoke("fix", str(tmp_path / "missing.txt"), str(good))
    assert res.exit_code == 2
    assert "normalize: error:" in res.stderr and "missing.txt" in res.stderr
    assert good.read_text(encoding="utf-8") == FIXED


def test_invalid_utf8_is_exit_2_and_untouched_unless_encoding_given(tmp_path: Path) -> None:
    data = "Caf\u00e9 in Libya: haftal said.\n".encode("latin-1")
    path = write(tmp_path, "latin.txt", data)
    res = invoke("fix", str(path))
    assert res.exit_code == 2
    (line,) = res.stderr.strip().splitlines()[:1]
    assert "not valid UTF-8" in line
    assert path.read_bytes() == data
    assert invoke("fix", "--encoding", "latin-1", str(path)).exit_code == 0
    assert path.read_bytes() == data.replace(b"haftal", b"Haftar")


def test_binary_file_is_skipped_with_a_notice(tmp_path: Path) -> None:
    data = b"\x00\x01\x02haftal\x00"
    path = write(tmp_path, "blob.bin", data)
    res = invoke("fix", str(path))
    assert res.exit_code == 0
    assert "skipped" in res.stderr
    assert path.read_bytes() == data


def test_lexicon_options(tmp_path: Path) -> None:
    lex = tmp_path / "mine.yaml"
    lex.write_text(
        "format: 1\nmeta: {title: mine, origin: hand-curated}\n"
        "entities:\n  - {id: person/zed, type: person, canonical: Zed Zedson, short: Zedson,"
        " garbles: [zedsonn]}\n",
        encoding="utf-8",
    )
    res = invoke(
        "fix", "--no-default-lexicons", "--lexicon", str(lex), "-", stdin=b"zedsonn met haftal"
    )
    assert res.stdout == "Zedson met haftal"
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nmeta: {title: bad, origin: nowhere}\n", encoding="utf-8")
    res = invoke("check", "--lexicon", str(bad), "-", stdin=b"x")
    assert res.exit_code == 2
    assert f"{bad}:2:" in res.stderr


def test_usage_errors_are_exit_2() -> None:
    assert invoke("check").exit_code == 2
    assert invoke("fix", "--disable", "no.such.rule", "-", stdin=b"x").exit_code == 2
    assert main(["check", "--format", "xml", "x"]) == 2
    assert main(["--version"]) == 0


def test_canonical_flag(tmp_path: Path) -> None:
    res = invoke("fix", "--canonical", "-", stdin=b"Khalifa Hifter said")
    assert res.stdout == "Khalifa Haftar said"


def test_rules_lists_every_rule() -> None:
    out = invoke("rules").stdout
    assert "lexicon.garble" in out and "lexicon.canonical" in out


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_eval_scores_a_gold_file(tmp_path: Path, fmt: str) -> None:
    write(tmp_path, "doc.txt", b"Then haftal met Hifter.\n")
    gold = tmp_path / "gold.yaml"
    gold.write_text(
        "doc: doc.txt\nitems:\n  - {at: Then haftal, wrong: haftal, right: [Haftar], tier: must}\n"
        "traps:\n  - {at: met Hifter, wrong: Hifter}\n",
        encoding="utf-8",
    )
    res = invoke("eval", "--format", fmt, "--strict", str(gold))
    assert res.exit_code == 0, res.output
    if fmt == "json":
        total = json.loads(res.stdout.splitlines()[-1])
        assert total["must_fixed"] == 1 and total["traps_touched"] == 0
    else:
        assert "must 1/1 fixed" in res.stdout


def test_pre_commit_hooks_name_real_commands() -> None:
    import re

    import yaml

    root = Path(__file__).resolve().parent.parent
    hooks = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["normalize-check", "normalize-fix"]
    for hook in hooks:
        program, command, *args = hook["entry"].split()
        assert program == "normalize" and command in cli.commands
        assert invoke(command, "--help", *args).exit_code == 0
        assert re.search(hook["files"], "docs/article.md")
        assert not re.search(hook["files"], "setup.py")


def test_every_command_is_listed_with_the_module_that_defines_it() -> None:
    import importlib

    from normalize.cli.common import COMMAND_MODULES

    for module in set(COMMAND_MODULES.values()):
        importlib.import_module(module)
    assert set(cli.commands) == set(COMMAND_MODULES)
    for name, module in COMMAND_MODULES.items():
        assert cli.commands[name].callback is not None
        assert cli.commands[name].callback.__module__ == module, name
    listed = invoke("--help").stdout
    assert all(name in listed for name in COMMAND_MODULES)
