"""Hostile inputs other than lexicon YAML (issue 15): patterns that cost memory to compile,
.gitignore lines that backtrack, lexicon paths that are not files, secrets, endless lines,
deep folders, tiny chunks and lexicon forms that can never be right.

Each resource test runs the command in a child under an address-space and CPU limit
(:mod:`tests.limited`): before the fix it died there (or hung until the CPU limit), after
it comes back with its documented answer.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from normalize.cli import main
from normalize.lexicon import LexiconError, load_lexicons
from normalize.lexicon.loader import merge_sources, read_lexicon_sources
from normalize.limits import (
    MAX_PATTERN_CHARS,
    MAX_PATTERN_EXPANSION,
    MAX_RECORD_BYTES,
    LimitError,
    check_user_pattern,
    pattern_expansion,
)
from normalize.protect import compile_ignore_pattern
from normalize.walk import _SlowPattern, _TimedRegex, walk
from tests.limited import run_limited

GARBLED = "In Libya, haftal said the LNA would advance.\n"
HEAD = "format: 1\nmeta: {title: test, origin: hand-curated}\n"
BOMB = "(?:(?:a{1000}){1000}){1000}"
SECRET = "API_TOKEN=tok-4242-secret DB_PASSWORD=hunter2-secret\n"

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, devices and rlimits")


def errors_of(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("normalize: error: ")]


# --- item 2: patterns that cost memory to compile ------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "size"),
    [
        ("haftal", 6),
        (r"Lt\. Gen\. \w+", 10),
        (r"\p{Lu}\p{Ll}{2,20}", 21),
        (r"[a{}]{3}", 3),  # braces in a class are members, not a repeat
        (r"(?i)ab{4}", 5),  # flags open no group
        (r"(?P<n>ab){3}(?P=n)", 7),
        (r"(?#{99999})x", 1),  # a comment holds no repeat
        ("(?:ab|c){3}", 9),
        ("(?:a{1000}){1000}", 1_000_000),
        (BOMB, 10**9),
    ],
)
def test_pattern_expansion_counts_counted_repeats(pattern: str, size: int) -> None:
    assert pattern_expansion(pattern) == size


@pytest.mark.parametrize("pattern", [BOMB, "(?:a{1000}){1000}", "a{4294967294}", "(x{400}|y){300}"])
def test_costly_patterns_are_refused_before_compiling(pattern: str) -> None:
    with pytest.raises(LimitError) as info:
        compile_ignore_pattern(pattern, where="--ignore")
    message = str(info.value)
    assert message.startswith("--ignore: ") and f"over {MAX_PATTERN_EXPANSION}" in message


def test_a_pattern_at_the_limit_still_compiles() -> None:
    pattern = f"a{{{MAX_PATTERN_EXPANSION}}}"
    check_user_pattern(pattern, where="x")
    assert compile_ignore_pattern(pattern).fullmatch("a" * MAX_PATTERN_EXPANSION) is not None
    with pytest.raises(LimitError):
        check_user_pattern("x" * (MAX_PATTERN_CHARS + 1), where="x")


@posix_only
def test_costly_ignore_flag_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(GARBLED)
    res = run_limited(["check", "--no-config", "--ignore", BOMB, str(doc)])
    assert res.returncode == 2, res.stderr
    assert "Traceback" not in res.stderr
    (line,) = errors_of(res.stderr)
    assert line.startswith("normalize: error: --ignore: regular expression")
    assert doc.read_text() == GARBLED


@posix_only
@pytest.mark.parametrize("command", [["config"], ["check", "a.txt"], ["fix", "a.txt"]])
def test_costly_config_pattern_stops_every_command_cleanly(
    tmp_path: Path, command: list[str]
) -> None:
    (tmp_path / ".normalize.yaml").write_text(f'ignore:\n  - "{BOMB}"\n')
    (tmp_path / "a.txt").write_text(GARBLED)
    res = run_limited(command, cwd=tmp_path)
    assert res.returncode == 2, res.stderr
    (line,) = errors_of(res.stderr)
    assert ".normalize.yaml: ignore: regular expression" in line
    assert (tmp_path / "a.txt").read_text() == GARBLED


# --- item 4: a .gitignore line that backtracks ---------------------------------------------


@posix_only
def test_backtracking_gitignore_line_does_not_hang_the_walk(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / ".gitignore").write_text("*a*a*a*a*a*a*a*a*a*a*a*a*b\n*.log\n")
    # A text file (a folder yields only text files by default), its name all "a"s.
    (tree / ("a" * 80 + ".txt")).write_text(GARBLED)
    (tree / "skip.log").write_text(GARBLED)
    res = run_limited(["check", "--no-config", str(tree)], cpu=30)
    assert res.returncode == 1, res.stderr  # found the garble, did not die of SIGXCPU
    assert "a" * 80 in res.stdout and "skip.log" not in res.stdout


def test_gitignore_pattern_over_its_time_is_a_notice_not_a_hang() -> None:
    slow = _TimedRegex("(a+)+$")
    with pytest.raises(_SlowPattern):
        slow.search("a" * 5000 + "!")
    assert _TimedRegex(r"^(?:.+/)?[^/]*\.log$").search("x/y.log") is not None


@posix_only
def test_gitignore_that_is_a_fifo_is_not_waited_for(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / ".gitignore")
    (tmp_path / "a.txt").write_text(GARBLED)
    assert [f.path for f in walk(str(tmp_path))] == [str(tmp_path / "a.txt")]


# --- item 6: endless lines and deep folders ------------------------------------------------


@posix_only
def test_endless_line_is_a_bad_record_not_a_memory_error() -> None:
    res = run_limited(["batch", "--no-config", "--text", "/dev/zero"], memory=1024**3)
    assert res.returncode == 2, res.stderr[-500:]
    (line,) = errors_of(res.stderr)
    assert line.startswith("normalize: error: /dev/zero:1: record over")
    assert str(MAX_RECORD_BYTES) in line


def test_overlong_record_is_left_out_and_the_rest_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    with src.open("wb") as out:
        out.write(GARBLED.encode())
        out.write(b"x" * (MAX_RECORD_BYTES + 10) + b"\n")
        out.write(GARBLED.encode())
    dst = tmp_path / "out.txt"
    code = main(["batch", "--no-config", "--text", "--on-error", "skip", str(src), "-o", str(dst)])
    assert code == 0
    fixed = GARBLED.replace("haftal", "Haftar")
    assert dst.read_text() == fixed * 2


def test_folder_990_levels_deep_is_walked(tmp_path: Path) -> None:
    deep = str(tmp_path)
    for _ in range(990):  # one by one: makedirs and pathlib's mkdir recurse
        deep = os.path.join(deep, "d")  # noqa: PTH118
        os.mkdir(deep)  # noqa: PTH102
    Path(deep, "a.txt").write_text(GARBLED)
    try:
        found = list(walk(str(tmp_path)))
        assert [f.skip for f in found] == [None]
        assert found[0].path == os.path.join(deep, "a.txt")  # noqa: PTH118
    finally:  # bottom up, one by one: shutil.rmtree (and pytest's clean-up) would recurse
        os.remove(os.path.join(deep, "a.txt"))  # noqa: PTH107, PTH118
        while deep != str(tmp_path):
            os.rmdir(deep)  # noqa: PTH106
            deep = os.path.dirname(deep)  # noqa: PTH120


@posix_only
def test_include_and_exclude_select_at_any_depth_of_the_walk(tmp_path: Path) -> None:
    # Issue 14's --include/--exclude inside the stack walk of issue 15: the patterns hold
    # 990 levels down, and a link out of the folder that they pass over needs no notice.
    outside = tmp_path / "outside.txt"
    outside.write_text(GARBLED)
    top = tmp_path / "top"
    deep = str(top)
    os.mkdir(deep)  # noqa: PTH102
    for _ in range(990):
        deep = os.path.join(deep, "d")  # noqa: PTH118
        os.mkdir(deep)  # noqa: PTH102
    names = ("a.txt", "b.txt", "c.py", "drop.txt", "link-out.txt", "link-out.md")
    for name in names[:4]:
        Path(deep, name).write_text(GARBLED)
    for name in names[4:]:
        os.symlink(outside, os.path.join(deep, name))  # noqa: PTH118, PTH211
    try:
        found = list(walk(str(top), include=["*.txt"], exclude=["drop.txt", "b.*"]))
        kept = [os.path.basename(f.path) for f in found if f.skip is None]  # noqa: PTH119
        noticed = [os.path.basename(f.path) for f in found if f.skip is not None]  # noqa: PTH119
        assert kept == ["a.txt"]
        assert noticed == ["link-out.txt"]  # link-out.md is not included: passed over silently
    finally:  # bottom up, one by one: shutil.rmtree (and pytest's clean-up) would recurse
        for name in names:
            os.remove(os.path.join(deep, name))  # noqa: PTH107, PTH118
        while deep != str(tmp_path):
            os.rmdir(deep)  # noqa: PTH106
            deep = os.path.dirname(deep)  # noqa: PTH120


# --- item 5: lexicon paths that are not regular files --------------------------------------


@posix_only
@pytest.mark.parametrize("kind", ["fifo", "device", "link-in-folder"])
def test_lexicon_that_is_no_regular_file_is_refused_at_once(tmp_path: Path, kind: str) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(GARBLED)
    if kind == "fifo":
        lexicon = tmp_path / "fifo.yaml"
        os.mkfifo(lexicon)
    elif kind == "device":
        lexicon = Path("/dev/zero")
    else:
        lexicon = tmp_path / "lex"
        lexicon.mkdir()
        (lexicon / "evil.yaml").symlink_to("/dev/zero")
    res = run_limited(["check", "--no-config", "--lexicon", str(lexicon), str(doc)], cpu=30)
    assert res.returncode == 2, res.stderr[-500:]
    (line,) = errors_of(res.stderr)
    assert "cannot read:" in line


def test_lexicon_over_the_size_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from normalize.lexicon import loader

    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 100)
    big = tmp_path / "big.yaml"
    big.write_text(HEAD + "#" * 200 + "\n")
    ((name, text, reason),) = read_lexicon_sources([big])
    assert (name, text) == (str(big), None) and "over the 100-byte limit" in reason


def test_lexicon_with_crlf_reads_as_before(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    path.write_bytes(
        (HEAD + "entities:\n  - {id: person/x, type: person, canonical: X Y, garbles: [xy]}\n")
        .replace("\n", "\r\n")
        .encode()
    )
    lex = load_lexicons([path], defaults=False)
    assert [e.canonical for e in lex.entities] == ["X Y"]


# --- item 7: secrets are never echoed --------------------------------------------------------


def secret_folder(tmp_path: Path, *, inside: bool) -> Path:
    secret = tmp_path / "secret.env"
    secret.write_text(SECRET)
    folder = tmp_path / "lex"
    folder.mkdir()
    if inside:
        (folder / "x.yaml").write_text(SECRET)
    else:
        (folder / "x.yaml").symlink_to(secret)
    return folder


@pytest.mark.parametrize("inside", [False, True], ids=["link-out", "copied-in"])
@pytest.mark.parametrize("via", ["--lexicon", "lexicon check", "config lexicons"])
def test_secrets_are_never_echoed(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    inside: bool,
    via: str,
) -> None:
    folder = secret_folder(tmp_path, inside=inside)
    doc = tmp_path / "a.txt"
    doc.write_text(GARBLED)
    monkeypatch.chdir(tmp_path)
    if via == "--lexicon":
        code = main(["check", "--no-config", "--lexicon", str(folder), str(doc)])
    elif via == "lexicon check":
        code = main(["lexicon", "check", str(folder)])
    else:
        (tmp_path / ".normalize.yaml").write_text("lexicons: [lex]\n")
        code = main(["check", str(doc)])
    out = capsys.readouterr()
    assert code in (1, 2)
    everything = out.out + out.err
    assert "secret" in everything or "x.yaml" in everything
    assert "tok-4242" not in everything and "hunter2" not in everything
    if not inside:
        assert "symbolic link to outside the folder; not followed" in everything
    else:
        assert "not a lexicon file" in everything


def test_a_mapping_of_secrets_is_not_quoted(tmp_path: Path) -> None:
    with pytest.raises(LexiconError) as info:
        merge_sources([("x.yaml", "API_TOKEN: tok-4242-secret\n", "")])
    assert "tok-4242" not in str(info.value) and "API_TOKEN" not in str(info.value)


def test_quoted_values_in_schema_errors_are_capped() -> None:
    long_title = "t" * 5000
    text = f"format: 1\nmeta: {{title: [{long_title}], origin: hand-curated}}\n"
    with pytest.raises(LexiconError) as info:
        merge_sources([("x.yaml", text, "")])
    message = str(info.value)
    assert long_title not in message and len(message) < 400


# --- item 20: chunk sizes too small to hold a name ------------------------------------------


@pytest.mark.parametrize("size", ["1", "3", "255"])
def test_chunk_size_below_the_minimum_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], size: str
) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(GARBLED * 50)
    assert main(["check", "--no-config", "--chunk-size", size, str(doc)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("normalize: error: ") and "--chunk-size" in err


def test_smallest_chunk_size_finds_every_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(GARBLED * 600)
    assert main(["check", "--no-config", "--format", "json", "--chunk-size", "256", str(doc)]) == 1
    assert capsys.readouterr().out.count('"applied"') == 600


# --- item 21: lexicon forms that can never be right -----------------------------------------


@pytest.mark.parametrize(
    ("entry", "what"),
    [
        ('canonical: "Evil\\n"', "control character"),
        ('canonical: X Y, aliases: ["X\\tY"]', "control character"),
        ('canonical: X Y, garbles: ["x\\u202ey"]', "control character"),
        ('canonical: X Y, short: "X\\u2028Y"', "control character"),
        ("canonical: X Y, garbles: [the]", "common English word"),
        ("canonical: X Y, aliases: [I]", "common English word"),
        ("canonical: X Y, calques: [a]", "common English word"),
        ("canonical: X Y, garbles: [The]", "common English word"),
    ],
)
def test_forms_that_can_never_be_right_are_refused_naming_the_entry(
    tmp_path: Path, entry: str, what: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(HEAD + "entities:\n  - {id: person/x, type: person, " + entry + "}\n")
    with pytest.raises(LexiconError) as info:
        load_lexicons([path], defaults=False)
    (problem,) = info.value.problems
    assert (problem.path, problem.line, problem.entry) == (str(path), 4, "person/x")
    assert what in problem.message


@pytest.mark.parametrize("form", ["US", "IS", "May", "Will", "Ana\u200cbel"])
def test_acronyms_names_and_joiners_are_still_accepted(tmp_path: Path, form: str) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(
        HEAD
        + f'entities:\n  - {{id: person/x, type: person, canonical: X Y, aliases: ["{form}"]}}\n'
    )
    assert load_lexicons([path], defaults=False).entities[0].aliases == (form,)


def test_refused_form_never_reaches_the_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lexicon = tmp_path / "evil.yaml"
    lexicon.write_text(
        HEAD + 'entities:\n  - {id: person/e, type: person, canonical: "Evil\\n", garbles: [evl]}\n'
    )
    doc = tmp_path / "a.txt"
    doc.write_text("evl said.\n")
    assert main(["fix", "--no-config", "--lexicon", str(lexicon), str(doc)]) == 2
    assert doc.read_text() == "evl said.\n"
    assert "evil.yaml:4: person/e: refused: canonical" in capsys.readouterr().err
