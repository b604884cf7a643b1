"""The `normalize lexicon` commands: exit codes, output shapes, and impact in a git repo."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from normalize.cli import main

HEAD = "format: 1\nmeta: {title: test, origin: hand-curated}\n"
GOOD = HEAD + (
    "entities:\n  - id: person/a\n    type: person\n    canonical: Ann Bix\n"
    "    short: Bix\n    garbles: [anbi]\n    examples:\n"
    '      - {text: "Then anbi spoke.", fixed: "Then Bix spoke."}\n'
    '      - {text: "Then Bix spoke.", fixed: "Then Bix spoke."}\n'
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_check_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path / "good.yaml", GOOD)
    assert main(["lexicon", "check", str(good)]) == 0
    bad = write(tmp_path / "bad.yaml", GOOD.replace("[anbi]", "[table]"))
    assert main(["lexicon", "check", str(bad)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{bad}:4: person/a: [english-word] garble 'table'")
    assert main(["lexicon", "check", str(tmp_path / "missing.yaml")]) == 2


def test_check_passes_on_the_shipped_lexicons() -> None:
    assert main(["lexicon", "check"]) == 0


def test_stats_json_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lexicon", "stats", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["by_type"]["country"] >= 250
    assert data["entities"] == sum(data["by_type"].values())


def test_fmt_check_and_rewrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.yaml", GOOD.replace("[anbi]", "[ anbi ]  # noted"))
    assert main(["lexicon", "fmt", "--check", str(path)]) == 1
    assert main(["lexicon", "fmt", str(path)]) == 0
    assert main(["lexicon", "fmt", "--check", str(path)]) == 0
    assert "garbles: [anbi]" in path.read_text(encoding="utf-8")
    assert main(["lexicon", "fmt", str(write(tmp_path / "b.yaml", "a: [\n"))]) == 2


def test_fmt_keeps_crlf_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(GOOD.replace("[anbi]", "[ anbi ]").replace("\n", "\r\n").encode())
    assert main(["lexicon", "fmt", str(path)]) == 0
    raw = path.read_bytes()
    assert b"garbles: [anbi]\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert main(["lexicon", "fmt", "--check", str(path)]) == 0


def test_fmt_write_failure_keeps_the_file_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = GOOD.replace("[anbi]", "[ anbi ]")
    path = write(tmp_path / "a.yaml", before)

    def fail(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", fail)
    assert main(["lexicon", "fmt", str(path)]) == 2
    assert path.read_text(encoding="utf-8") == before
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"normalize: error: {path}: cannot write: No space left on device"]
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]  # no temporary file left


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_impact_shows_what_a_change_alters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "repo"
    (repo / "lexicons").mkdir(parents=True)
    (repo / "corpus").mkdir()
    write(repo / "lexicons" / "a.yaml", GOOD)
    write(repo / "corpus" / "doc.txt", "First line.\nThen anbi met xobo.\n")

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base")
    write(repo / "lexicons" / "a.yaml", GOOD.replace("[anbi]", "[xobo]"))
    argv = ["lexicon", "impact", "--corpus", str(repo / "corpus")]
    assert main([*argv, "--lexicons", str(repo / "lexicons")]) == 0
    out = capsys.readouterr().out
    assert "1 change(s) added, 1 removed, 1 entries" in out
    assert "| + | " in out and "doc.txt:2 | xobo → Bix (applied" in out
    assert "| - | " in out and "anbi → Bix" in out
