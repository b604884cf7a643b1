"""One error path (issue 15): every command, given a broken input of each kind, ends with a
one-line ``normalize: error: ...`` and exit 2 (or a per-file notice where the run goes
on), never a traceback, a hang or an exit code that means "found something".

The commands run in-process through :func:`normalize.cli.main`, as the console script
does; an exception escaping it is what the user would see as a traceback.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from normalize.cli import main

GARBLED = "In Libya, haftal said.\n"

#: Kinds of broken input, each written by ``make_inputs``.
INPUTS = ("missing", "binary", "latin1", "fifo", "device", "not-yaml", "not-a-lexicon")

#: Each command with the place a broken input goes; ``{}`` is the input's path.
COMMANDS: dict[str, list[str]] = {
    "check": ["check", "--no-config", "{}"],
    "fix": ["fix", "--no-config", "{}"],
    "batch": ["batch", "--no-config", "--text", "{}", "-o", "out.txt"],
    "batch-jsonl": ["batch", "--no-config", "--field", "text", "{}", "-o", "out.jsonl"],
    "explain": ["explain", "--no-config", "--context", "{}", "haftal"],
    "eval": ["eval", "--no-config", "{}"],
    "lexicon check": ["lexicon", "check", "--no-examples", "{}"],
    "lexicon fmt": ["lexicon", "fmt", "--check", "{}"],
    "lexicon stats": ["lexicon", "stats", "{}"],
    "--lexicon": ["check", "--no-config", "--lexicon", "{}", "ok.txt"],
    "--config": ["check", "--config", "{}", "ok.txt"],
    "config --config": ["config", "--config", "{}"],
}

#: Where the run goes on and a broken file is a notice, not an error (README "Bad input").
NOTICE_ONLY = {("check", "binary"), ("fix", "binary")}
#: Inputs that are fine for a command (text is text to `batch --text`, YAML to lexicon tools).
NOT_BROKEN = {
    ("batch", "binary"),  # NUL bytes are characters of a line of text
    ("batch", "not-yaml"),
    ("batch", "not-a-lexicon"),
    ("check", "not-yaml"),
    ("check", "not-a-lexicon"),
    ("fix", "not-yaml"),
    ("fix", "not-a-lexicon"),
    ("explain", "not-yaml"),
    ("explain", "not-a-lexicon"),
}
#: `lexicon check` exits 1 for problems in a file it could read and parse (2: could not).
FOUND = {("lexicon check", "not-a-lexicon")}
#: A FIFO is an ordinary input stream for `batch` (it waits for the writer, as `cat` does).
SKIP = {("batch", "fifo"), ("batch-jsonl", "fifo")}


def make_inputs(folder: Path) -> dict[str, str]:
    (folder / "ok.txt").write_text(GARBLED)
    (folder / "binary.txt").write_bytes(b"ab\x00cd" * 10)
    (folder / "latin1.txt").write_bytes(b"caf\xe9 haftal\n")
    (folder / "not-yaml.yaml").write_text("format: 1\nmeta: [\n")
    (folder / "not-a-lexicon.yaml").write_text("API_TOKEN=tok-4242-secret\n")
    paths = {
        "missing": "missing.txt",
        "binary": "binary.txt",
        "latin1": "latin1.txt",
        "fifo": "fifo.yaml",
        "device": "/dev/zero",
        "not-yaml": "not-yaml.yaml",
        "not-a-lexicon": "not-a-lexicon.yaml",
    }
    os.mkfifo(folder / "fifo.yaml")
    return paths


class _Hang(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Hang


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    monkeypatch.chdir(tmp_path)
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        yield make_inputs(tmp_path)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


CASES = [
    pytest.param(cmd, kind, id=f"{cmd}/{kind}")
    for cmd in COMMANDS
    for kind in INPUTS
    if (cmd, kind) not in SKIP and (cmd, kind) not in NOT_BROKEN
]


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, devices and SIGALRM")
@pytest.mark.parametrize(("command", "kind"), CASES)
def test_broken_input_is_one_line_and_exit_2(
    workdir: dict[str, str], capsys: pytest.CaptureFixture[str], command: str, kind: str
) -> None:
    argv = [a.replace("{}", workdir[kind]) for a in COMMANDS[command]]
    signal.alarm(60)  # a hang fails the test instead of stalling the suite
    try:
        code = main(argv)
    except _Hang:
        pytest.fail(f"normalize {' '.join(argv)} hung")
    finally:
        signal.alarm(0)
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "Traceback" not in out.out
    assert "tok-4242" not in out.err + out.out  # a non-lexicon's content is never echoed
    if (command, kind) in NOTICE_ONLY:
        assert code == 0, out.err
        assert any(line.startswith("normalize: skipped ") for line in out.err.splitlines())
        return
    assert code == (1 if (command, kind) in FOUND else 2), out.err
    if command != "lexicon check":  # it lists every problem, then a summary
        errors = [line for line in out.err.splitlines() if line.startswith("normalize: error: ")]
        assert len(errors) == 1, out.err


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--no-config", "--ignore", "(unclosed", "ok.txt"],
        ["check", "--no-config", "--ignore", "(?:(?:a{1000}){1000}){1000}", "ok.txt"],
        ["check", "--no-config", "--apply-threshold", "2", "ok.txt"],
        ["check", "--no-config", "--chunk-size", "1", "ok.txt"],
        ["check", "--no-config", "--bogus", "ok.txt"],
        ["rules", "--bogus"],
        ["chek", "ok.txt"],
        ["config", "--config", "missing.yaml"],
        ["explain", "--no-config", "--lexicon", "not-yaml.yaml", "haftal"],
        ["batch", "--no-config", "--text", "--field", "x", "ok.txt"],
    ],
    ids=lambda argv: " ".join(argv)[:40],
)
def test_bad_usage_is_one_line_and_exit_2(
    workdir: dict[str, str], capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Usage:" not in err
    (line,) = err.strip().splitlines()
    assert line.startswith("normalize: error: ")


@pytest.mark.parametrize("command", ["config", "rules", "check ok.txt", "lexicon check"])
def test_bad_config_file_is_one_line_and_exit_2(
    workdir: dict[str, str], capsys: pytest.CaptureFixture[str], command: str
) -> None:
    Path(".normalize.yaml").write_text("ignore: [\n")
    code = main(command.split())
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if command in ("rules", "lexicon check"):  # they read no config
        assert code in (0, 1)
        return
    assert code == 2
    (line,) = [ln for ln in err.splitlines() if ln.startswith("normalize: error: ")]
    assert ".normalize.yaml" in line
