"""Faults of issue 15 (items 8-18, 22, 23): data kept, one error path, per-file notices.

Each test drives the command the way the issue's reproduction does and asserts what the
user sees (exit code, one `normalize: error:` line or notice, no traceback) and what is left
on disk.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from normalize.cli import cli
from normalize.io import write_atomic
from tests.conftest import spawn_review

GARBLED = "In Libya, haftal said the LNA would advance.\n"
FIXED = GARBLED.replace("haftal", "Haftar")
CLI = [sys.executable, "-c", "from normalize.cli import run; run()"]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
POSIX_ONLY = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX only")
LINUX_ONLY = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")


def invoke(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def no_traceback(res: Result | subprocess.CompletedProcess[bytes]) -> None:
    err = res.stderr if isinstance(res.stderr, str) else res.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err


def errors(res: Result) -> list[str]:
    return [line for line in res.stderr.splitlines() if line.startswith("normalize: error:")]


# --- 8: batch output that is its own input -------------------------------------------------


#: One record, as a line of JSON: what the batch tests give and expect back untouched.
RECORD = json.dumps({"id": 1, "text": "haftal said"}).encode() + b"\n"


@pytest.fixture
def record_file(tmp_path: Path) -> Path:
    """A JSON-lines file holding :data:`RECORD` alone."""
    path = tmp_path / "in.jsonl"
    path.write_bytes(RECORD)
    return path


def test_batch_refuses_an_output_hard_linked_to_its_input(
    tmp_path: Path, record_file: Path
) -> None:
    src = record_file
    os.link(src, tmp_path / "out.jsonl")
    res = invoke("batch", "--field", "text", str(src), "-o", str(tmp_path / "out.jsonl"))
    assert res.exit_code == 2 and len(errors(res)) == 1
    assert "is the input file" in errors(res)[0]
    assert src.read_bytes() == RECORD


def test_batch_refuses_an_output_that_is_its_standard_input(record_file: Path) -> None:
    path = record_file
    with path.open("rb") as stdin:
        res = subprocess.run(
            [*CLI, "batch", "--field", "text", "-", "-o", str(path)],
            stdin=stdin,
            capture_output=True,
            check=False,
        )
    assert res.returncode == 2 and b"is the input file" in res.stderr
    no_traceback(res)
    assert path.read_bytes() == RECORD


def test_batch_refuses_standard_output_appending_to_its_input(record_file: Path) -> None:
    path = record_file
    with path.open("ab") as stdout:
        res = subprocess.run(
            [*CLI, "batch", "--field", "text", str(path)],
            stdout=stdout,
            stderr=subprocess.PIPE,
            check=False,
            timeout=120,
        )
    assert res.returncode == 2 and b"standard output is the input" in res.stderr
    assert path.read_bytes() == RECORD


# --- 9: a log field that would overwrite a field ----------------------------------------


def test_log_field_cannot_be_a_repaired_field() -> None:
    res = CliRunner().invoke(cli, ["batch", "--field", "text", "--log-field", "text"], input=RECORD)
    assert res.exit_code == 2 and "would overwrite" in res.output
    assert not res.stdout.startswith("{")


def test_log_field_that_a_record_already_has_is_reported_and_the_record_kept() -> None:
    records = [{"id": 1, "text": "haftal said"}, {"text": "haftal said"}]
    stdin = b"".join(json.dumps(r).encode() + b"\n" for r in records)
    res = invoke("batch", "--field", "text", "--log-field", "id", "--on-error", "skip", stdin=stdin)
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    assert json.loads(lines[0]) == records[0]  # passed through: its own id kept
    second = json.loads(lines[1])
    assert second["text"] == "Haftar said" and second["id"]["applied"] == 1
    assert errors(res) == [
        "normalize: error: <stdin>:1: already has a field 'id' (not a normalize log);"
        " passed through unrepaired (choose another --log-field)"
    ]
    # An earlier run's own log is replaced, so a run on its own output works.
    again = invoke("batch", "--field", "text", stdin=res.stdout.encode())
    assert again.exit_code == 0


# --- 12: records that are not plain JSON --------------------------------------------------

HOSTILE = [
    (b'{"text": "a \\ud800 haftal"}', True),
    (b'{"n": ' + b"9" * 5000 + b', "text": "haftal"}', True),
    (b'{"a": ' + b"[" * 100_000 + b"]" * 100_000 + b', "text": "haftal"}', True),
    (b'{"x": NaN, "text": "haftal"}', False),
    (b'{"x": -Infinity, "text": "haftal"}', False),
    (b'{"x": 1e400, "text": "haftal"}', True),
    (b'{"id": 1, "id": 2, "text": "haftal"}', True),
]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_batch_reports_each_hostile_record_by_line_and_goes_on(workers: str) -> None:
    good = b'{"text": "haftal said"}'
    lines = [good]
    for raw, _ in HOSTILE:
        lines += [raw, good]
    res = invoke(
        "batch", "--field", "text", "-j", workers, "--on-error", "skip",
        stdin=b"\n".join(lines) + b"\n",
    )  # fmt: skip
    assert res.exit_code == 0
    no_traceback(res)
    reported = [int(line.split(":")[3]) for line in errors(res)]
    assert reported == [2 * i + 2 for i in range(len(HOSTILE))]
    out = res.stdout_bytes.splitlines()
    # Valid JSON that cannot be repaired faithfully is passed through byte for byte; text
    # that is not JSON (NaN, Infinity) is not written.
    expected = [b"good"]
    for raw, kept in HOSTILE:
        expected += ([raw] if kept else []) + [b"good"]
    assert len(out) == len(expected)
    for got, want in zip(out, expected, strict=True):
        if want == b"good":
            assert json.loads(got)["text"] == "Haftar said"
        else:
            assert got == want
    for got in out:  # every line written is strict JSON
        assert b"NaN" not in got and b"Infinity" not in got


def test_batch_stops_at_a_hostile_record_by_default() -> None:
    stdin = b'{"text": "haftal"}\n{"x": 1e400, "text": "haftal"}\n{"text": "haftal"}\n'
    res = invoke("batch", "--field", "text", stdin=stdin)
    assert res.exit_code == 2 and len(errors(res)) == 1
    assert errors(res)[0].startswith("normalize: error: <stdin>:2: ")
    assert len(res.stdout.splitlines()) == 1


@pytest.mark.parametrize("mode", [("--field", "text"), ("--text",)], ids=["jsonl", "text"])
def test_batch_ignore_timeout_on_one_record_passes_it_through(
    monkeypatch: pytest.MonkeyPatch, mode: tuple[str, ...]
) -> None:
    monkeypatch.setattr("normalize.config.PATTERN_TIMEOUT", 0.05)
    slow = "a" * 40 + "b haftal"
    rows = ["haftal said", slow, "haftal said"]
    if mode[0] == "--text":
        stdin = "".join(r + "\n" for r in rows).encode()
    else:
        stdin = b"".join(json.dumps({"text": r}).encode() + b"\n" for r in rows)
    res = invoke(
        "batch", *mode, "--no-config", "--ignore", "(a|aa)+$", "--on-error", "skip", stdin=stdin
    )
    assert res.exit_code == 0
    no_traceback(res)
    assert [e.split(":")[3] for e in errors(res)] == ["2"]
    out = res.stdout_bytes.splitlines(keepends=True)
    assert out[1] == stdin.splitlines(keepends=True)[1]  # passed through as it was
    assert len(out) == 3 and b"Haftar" in out[2]


# --- 13: streamed files and a slow ignore pattern ------------------------------------------


@pytest.mark.parametrize("command", ["fix", "check"])
def test_streamed_ignore_timeout_is_exit_2_without_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setattr("normalize.config.PATTERN_TIMEOUT", 0.05)
    path = tmp_path / "big.txt"
    data = (GARBLED * 20 + "a" * 40 + "b haftal\n").encode()
    path.write_bytes(data)
    res = CliRunner().invoke(
        cli, [command, "--no-config", "--chunk-size", "256", "--ignore", "(a|aa)+$", str(path)]
    )
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert res.exit_code == 2
    assert len(errors(res)) == 1 and "took longer than" in errors(res)[0]
    assert path.read_bytes() == data


# --- 14: a fix the file's encoding cannot write -------------------------------------------

LEGACY = "Caf\u00e9 talk. The minister chawushiolu said haftal would come.\n"


@pytest.mark.parametrize("codec", ["latin-1", "cp1252", "ascii"])
@pytest.mark.parametrize(
    "how", [(), ("--stdout",), ("--diff",), ("--stdout", "--format", "critic"), ("-",)]
)
def test_a_fix_the_encoding_lacks_is_left_out_and_the_rest_applied(
    tmp_path: Path, codec: str, how: tuple[str, ...]
) -> None:
    text = LEGACY if codec != "ascii" else LEGACY.replace("\u00e9", "e")
    data = text.encode(codec)
    path = tmp_path / "legacy.txt"
    path.write_bytes(data)
    args = ["fix", "--no-config", "--encoding", codec, *how]
    res = invoke(*args, stdin=data) if how == ("-",) else invoke(*args, str(path))
    assert res.exit_code == 0
    no_traceback(res)
    assert "'chawushiolu' -> '\u00c7avu\u015fo\u011flu' left out" in res.stderr
    if how in ((), ("-",)):
        out = path.read_bytes() if how == () else res.stdout_bytes
        assert out == text.replace("haftal", "Haftar").encode(codec)
    elif how == ("--stdout",):
        assert res.stdout_bytes == text.replace("haftal", "Haftar").encode(codec)
        assert path.read_bytes() == data
    else:
        assert b"Haftar" in res.stdout_bytes and "chawushiolu" in res.stdout_bytes.decode(codec)


def test_a_streamed_fix_the_encoding_lacks_is_left_out(tmp_path: Path) -> None:
    data = (LEGACY * 30).encode("latin-1")
    path = tmp_path / "legacy.txt"
    path.write_bytes(data)
    res = invoke("fix", "--no-config", "--encoding", "latin-1", "--chunk-size", "300", str(path))
    assert res.exit_code == 0
    assert res.stderr.count("left out") == 30
    assert path.read_bytes() == (LEGACY * 30).replace("haftal", "Haftar").encode("latin-1")


# --- 15: an unreadable file among others, as an unprivileged user --------------------------


def _unprivileged() -> list[str] | None:
    """The command prefix that runs a program as `nobody`, or None where impossible."""
    if not IS_ROOT:
        return []  # already unprivileged
    setpriv = shutil.which("setpriv")
    try:
        pwd.getpwnam("nobody")
    except KeyError:
        return None
    if setpriv is None:
        return None
    return [setpriv, "--reuid", "nobody", "--regid", "nogroup", "--clear-groups"]


@pytest.fixture
def open_dir() -> Iterator[Path]:
    """A folder any user may use (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="normalize-faults-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@POSIX_ONLY
def test_an_unreadable_file_is_a_per_file_error_and_the_others_are_fixed(open_dir: Path) -> None:
    prefix = _unprivileged()
    if prefix is None:
        if os.environ.get("CI"):
            pytest.fail("CI runs as root with setpriv and a `nobody` user")
        pytest.skip("no way to run as an unprivileged user here")
    if prefix:
        try:
            subprocess.run([*prefix, sys.executable, "-c", "import normalize"], check=True)
        except subprocess.CalledProcessError:
            pytest.skip("the virtual environment is not readable by `nobody`")
    good = open_dir / "good.txt"
    good.write_text(GARBLED, encoding="utf-8")
    good.chmod(0o666)
    secret = open_dir / "noread.txt"
    secret.write_text(GARBLED, encoding="utf-8")
    secret.chmod(0)
    env = {**os.environ, "HOME": str(open_dir), "XDG_CACHE_HOME": str(open_dir / "cache")}
    res = subprocess.run(
        [*prefix, *CLI, "fix", "--no-config", "good.txt", "noread.txt"],
        cwd=open_dir,
        env=env,
        capture_output=True,
        check=False,
    )
    no_traceback(res)
    assert res.returncode == 2
    err = res.stderr.decode()
    assert "normalize: error: noread.txt: permission denied" in err.splitlines()
    assert good.read_text(encoding="utf-8") == FIXED
    secret.chmod(0o600)
    assert secret.read_text(encoding="utf-8") == GARBLED


# --- 10: two fix runs on one file ----------------------------------------------------------


@POSIX_ONLY
def test_fix_waits_for_the_write_lock_and_then_keeps_the_other_edit(tmp_path: Path) -> None:
    from normalize.io import write_lock

    path = tmp_path / "a.txt"
    path.write_text(GARBLED, encoding="utf-8")
    with write_lock(path):
        proc = subprocess.Popen(
            [*CLI, "fix", "--no-config", str(path)], stderr=subprocess.PIPE, stdout=subprocess.PIPE
        )
        try:
            # It must not write while another writer holds the lock...
            with pytest.raises(subprocess.TimeoutExpired):
                proc.wait(timeout=20)
            # ...and that other writer changes the file meanwhile.
            write_atomic(path, (GARBLED + "Their line.\n").encode())
        except BaseException:
            proc.kill()
            raise
    _, err = proc.communicate(timeout=120)
    # The edit is never lost: the run refuses ("changed"), or read after it and fixed it.
    assert "Their line.\n" in path.read_text(encoding="utf-8")
    assert proc.returncode == 2 and b"changed while it was being fixed" in err


@POSIX_ONLY
def test_concurrent_fixes_with_different_settings_lose_no_fix(tmp_path: Path) -> None:
    text = "".join(f"{i}: In Libya, haftal said salaj met the press.\n" for i in range(3000))
    path = tmp_path / "shared.txt"
    for _ in range(3):
        path.write_text(text, encoding="utf-8")
        runs = [
            subprocess.Popen(
                [*CLI, "fix", "--quiet", "--no-config", "--allow", allow, str(path)],
                stderr=subprocess.PIPE,
            )
            for allow in ("haftal", "salaj")
        ]
        codes = [(p.wait(timeout=300), p.stderr.read() if p.stderr else b"") for p in runs]
        for p in runs:
            if p.stderr:
                p.stderr.close()
        final = path.read_text(encoding="utf-8")
        wrote = [code == 0 for code, _ in codes]
        for code, err in codes:
            assert code == 0 or (code == 2 and b"changed while it was being fixed" in err), err
        if all(wrote):
            # Both succeeded: the second must have read the first one's output.
            assert "haftal" not in final and "salaj" not in final


# --- 11: permissions, ACLs, extended attributes, hard links ------------------------------

_ACL_USER_OBJ, _ACL_USER, _ACL_GROUP_OBJ, _ACL_MASK, _ACL_OTHER = 0x01, 0x02, 0x04, 0x10, 0x20


def _acl(*entries: tuple[int, int, int]) -> bytes:
    """A system.posix_acl_access value: version 2, then (tag, perm, id) entries."""
    return struct.pack("<I", 2) + b"".join(struct.pack("<HHI", *e) for e in entries)


@LINUX_ONLY
def test_acl_is_kept_and_the_group_gains_no_write(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(GARBLED, encoding="utf-8")
    path.chmod(0o644)
    acl = _acl(
        (_ACL_USER_OBJ, 6, 0xFFFFFFFF),
        (_ACL_USER, 6, 4242),
        (_ACL_GROUP_OBJ, 4, 0xFFFFFFFF),
        (_ACL_MASK, 6, 0xFFFFFFFF),
        (_ACL_OTHER, 4, 0xFFFFFFFF),
    )
    try:
        os.setxattr(path, "system.posix_acl_access", acl)
    except OSError as exc:
        pytest.skip(f"no POSIX ACLs on this file system ({exc.strerror})")
    before_mode = path.stat().st_mode
    res = invoke("fix", "--no-config", str(path))
    assert res.exit_code == 0
    assert path.read_text(encoding="utf-8") == FIXED
    assert os.getxattr(path, "system.posix_acl_access") == acl
    # The group bits are the ACL's mask again, not a plain group write bit without an ACL.
    assert path.stat().st_mode == before_mode


@LINUX_ONLY
def test_extended_attributes_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(GARBLED, encoding="utf-8")
    try:
        os.setxattr(path, "user.origin", b"newsroom")
    except OSError as exc:
        pytest.skip(f"no user extended attributes here ({exc.strerror})")
    assert invoke("fix", "--no-config", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8") == FIXED
    assert os.getxattr(path, "user.origin") == b"newsroom"


@POSIX_ONLY
@pytest.mark.parametrize("size", [1, 100], ids=["whole", "streamed"])
def test_a_file_with_hard_links_is_refused_not_split(tmp_path: Path, size: int) -> None:
    path = tmp_path / "a.txt"
    path.write_text(GARBLED * size, encoding="utf-8")
    other = tmp_path / "b.txt"
    os.link(path, other)
    res = invoke("fix", "--no-config", "--chunk-size", "1000", str(path))
    assert res.exit_code == 2 and len(errors(res)) == 1
    assert "hard links" in errors(res)[0]
    assert path.stat().st_ino == other.stat().st_ino
    assert other.read_text(encoding="utf-8") == GARBLED * size


# --- 16 and 23: config ---------------------------------------------------------------------


def test_broken_pyproject_with_a_normalize_table_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.normalize]\nallow = ["haftal"\n')
    path = tmp_path / "a.txt"
    path.write_text(GARBLED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = invoke("fix", "a.txt")
    assert res.exit_code == 2 and "pyproject.toml" in errors(res)[0]
    assert path.read_text(encoding="utf-8") == GARBLED


def test_broken_pyproject_of_another_tool_is_not_ours(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.black]\nline-length = \n")
    path = tmp_path / "a.txt"
    path.write_text(GARBLED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert invoke("fix", "a.txt").exit_code == 0
    assert path.read_text(encoding="utf-8") == FIXED


def test_config_search_stops_at_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".normalize.yaml").write_text("allow: [haftal]\n")
    repo = tmp_path / "checkout"
    (repo / ".git").mkdir(parents=True)
    (repo / "docs").mkdir()
    path = repo / "docs" / "a.txt"
    path.write_text(GARBLED, encoding="utf-8")
    monkeypatch.chdir(repo / "docs")
    assert invoke("fix", "a.txt").exit_code == 0
    assert path.read_text(encoding="utf-8") == FIXED  # the parent's allow-list not used


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_non_finite_threshold_names_file_and_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    config = tmp_path / ".normalize.yaml"
    config.write_text(f"apply-threshold: {value}\n")
    path = tmp_path / "a.txt"
    path.write_text(GARBLED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = invoke("check", "a.txt")
    assert res.exit_code == 2
    line = errors(res)[0]
    assert str(config) in line and "apply-threshold" in line


# --- 23: links out of a walked folder, late NUL bytes, counts after a failed write ---------


def test_walk_does_not_follow_a_file_link_out_of_the_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text(GARBLED, encoding="utf-8")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "in.txt").write_text(GARBLED, encoding="utf-8")
    (tree / "out-link.txt").symlink_to(outside)
    (tree / "in-link.txt").symlink_to(tree / "in.txt")
    res = invoke("fix", "--no-config", str(tree))
    assert res.exit_code == 0
    assert "out-link.txt: links outside the folder" in res.stderr
    assert outside.read_text(encoding="utf-8") == GARBLED
    assert (tree / "in.txt").read_text(encoding="utf-8") == FIXED


@pytest.mark.parametrize("size", [1, 1000], ids=["whole", "streamed"])
def test_nul_bytes_after_the_first_8_kb_are_binary(tmp_path: Path, size: int) -> None:
    path = tmp_path / "mixed.txt"
    data = (GARBLED * 400).encode() + b"\x00\x01\x02binary" + GARBLED.encode() * size
    path.write_bytes(data)
    res = invoke("fix", "--no-config", "--chunk-size", "10000", str(path))
    assert res.exit_code == 0
    assert "looks like a binary file" in res.stderr
    assert path.read_bytes() == data


def test_a_failed_write_is_not_counted_as_changed(tmp_path: Path) -> None:
    path = tmp_path / "ro.txt"
    path.write_text(GARBLED, encoding="utf-8")
    path.chmod(0o444)
    res = invoke("fix", "--no-config", str(path))
    assert res.exit_code == 2
    summary = res.stderr.splitlines()[-1]
    assert " 0 changed" in summary and "1 errors" in summary


# --- 18: file names that are not text -------------------------------------------------------


@POSIX_ONLY
def test_odd_file_names_give_printable_one_line_reports(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    undecodable = os.fsdecode(folder + b"/caf\xe9.txt")
    newline = str(tmp_path / "a\nb.txt:1:1: forged")
    for name in (undecodable, newline):
        Path(name).write_text(GARBLED, encoding="utf-8")
    res = CliRunner().invoke(cli, ["fix", "--diff", "--no-config", undecodable])
    assert res.exit_code == 0 and res.exception is None
    assert "caf\\xe9.txt" in res.stdout
    res = CliRunner().invoke(cli, ["check", "--no-config", newline])
    assert res.exit_code == 1
    assert len(res.stdout.splitlines()) == 1  # one change, one line: nothing forged
    res = CliRunner().invoke(cli, ["check", "--format", "json", "--no-config", undecodable])
    assert res.exit_code == 1
    report = json.loads(res.stdout_bytes.decode("utf-8"))  # valid UTF-8 JSON
    assert report["path"].endswith("caf\\xe9.txt")


# --- 17: review in a terminal ---------------------------------------------------------------


def _review(tmp_path: Path, *args: str) -> object:
    return spawn_review(tmp_path, *args, codec_errors="replace")


PROMPT = "[q]uit [?] "


@POSIX_ONLY
def test_review_shows_escape_sequences_escaped_and_the_right_line(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    path = tmp_path / "a.txt"
    text = "Title\x1b]0;owned\x07\x1b[2J\fpage\u2028two\x85three\vfour\nIn Libya, haftal said.\n"
    path.write_text(text, encoding="utf-8")
    child = _review(tmp_path, "--apply-threshold", "1.0", "a.txt")
    child.expect_exact(PROMPT)  # type: ignore[attr-defined]
    shown = child.before  # type: ignore[attr-defined]
    assert "\x1b]0;owned" not in shown and "\x1b[2J" not in shown and "\x07" not in shown
    assert "\\x1b]0;owned\\x07\\x1b[2J\\x0cpage\\u2028two\\x85three\\x0bfour" in shown
    assert "line 2:11" in shown
    assert "2 \u2502 " in shown and "In Libya, " in shown
    child.send("q")  # type: ignore[attr-defined]
    child.expect(pexpect.EOF)  # type: ignore[attr-defined]


@POSIX_ONLY
def test_review_saves_in_the_encoding_it_read(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    path = tmp_path / "a.txt"
    text = "Caf\u00e9 talk. In Libya, haftal said.\n"
    path.write_bytes(text.encode("latin-1"))
    child = _review(tmp_path, "--apply-threshold", "1.0", "--encoding", "latin-1", "a.txt")
    child.expect_exact(PROMPT)  # type: ignore[attr-defined]
    child.send("y")  # type: ignore[attr-defined]
    child.expect(pexpect.EOF)  # type: ignore[attr-defined]
    child.close()  # type: ignore[attr-defined]
    assert child.exitstatus == 0, child.before  # type: ignore[attr-defined]
    assert path.read_bytes() == text.replace("haftal", "Haftar").encode("latin-1")


@POSIX_ONLY
def test_review_ignore_where_the_allow_list_cannot_be_written(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    path = tmp_path / "a.txt"
    path.write_text(GARBLED, encoding="utf-8")
    (tmp_path / ".normalize.yaml").mkdir()  # where the allow-list would go: unwritable
    child = _review(tmp_path, "--apply-threshold", "1.0", "a.txt")
    child.expect_exact(PROMPT)  # type: ignore[attr-defined]
    child.send("i")  # type: ignore[attr-defined]
    # `i` asks first: this line only, or the word everywhere (the allow-list).
    child.expect_exact("any other key")  # type: ignore[attr-defined]
    child.send("a")  # type: ignore[attr-defined]
    child.expect(pexpect.EOF)  # type: ignore[attr-defined]
    child.close()  # type: ignore[attr-defined]
    out = child.before  # type: ignore[attr-defined]
    assert "Traceback" not in out
    assert child.exitstatus == 2 and "normalize: error: the allow-list could not be saved" in out
    assert path.read_text(encoding="utf-8") == GARBLED


# --- 22: batch -j and signals ----------------------------------------------------------------


def _children(pid: int) -> set[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return set()
    return {int(p) for p in text.split()}


def _alive(pid: int) -> bool:
    try:
        stat_text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat_text.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.fixture(scope="module")
def long_jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("batch") / "big.jsonl"
    row = json.dumps({"text": "In Libya, haftal said the LNA would advance."}) + "\n"
    path.write_text(row * 400_000, encoding="utf-8")
    return path


def _tied_workers(pid: int) -> list[int]:
    """The pool workers of ``pid`` that have run their start-up (``batch.tie_to_parent``
    has started its watcher thread, so the process has a second task): from then on a worker
    ends with its parent. Before, it may still be reading its start-up data from the parent,
    and a parent killed meanwhile leaves it an ``EOFError`` traceback on the shared stderr.
    A spawned worker runs ``spawn_main``; a forked one has its parent's command line. (The
    resource tracker is a child too, and no worker.)"""
    tied = []
    try:
        parent = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return tied
    for kid in _children(pid):
        try:
            cmdline = Path(f"/proc/{kid}/cmdline").read_bytes()
            tasks = len(list(Path(f"/proc/{kid}/task").iterdir()))
        except OSError:
            continue
        if (b"spawn_main" in cmdline or cmdline == parent) and tasks >= 2:
            tied.append(kid)
    return tied


def _start_batch(source: Path, out: Path) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [*CLI, "batch", "--no-config", "--field", "text", "-j", "3", str(source), "-o", str(out)],
        stderr=subprocess.PIPE,
        start_new_session=True,  # signals from the test reach the parent alone
    )
    deadline = time.monotonic() + 240
    while len(_tied_workers(proc.pid)) < 3 and proc.poll() is None:
        assert time.monotonic() < deadline, "the workers never started"
        time.sleep(0.2)
    return proc


@LINUX_ONLY
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["kill", "term"])
def test_batch_workers_end_with_their_parent(
    tmp_path: Path, long_jsonl: Path, sig: signal.Signals
) -> None:
    proc = _start_batch(long_jsonl, tmp_path / "out.jsonl")
    kids = _children(proc.pid)
    assert proc.poll() is None, "the run ended before it could be signalled"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    no_traceback(subprocess.CompletedProcess([], proc.returncode, b"", err))
    deadline = time.monotonic() + 60
    while any(_alive(k) for k in kids) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [k for k in kids if _alive(k)]
    for k in left:
        os.kill(k, signal.SIGKILL)
    assert not left, "worker or resource-tracker processes outlived their parent"


@LINUX_ONLY
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["term", "hup"])
def test_fix_cleans_its_temporary_file_on_sigterm_and_sighup(
    tmp_path: Path, sig: signal.Signals
) -> None:
    path = tmp_path / "big.txt"
    data = (GARBLED * 200_000).encode()
    path.write_bytes(data)
    proc = subprocess.Popen(
        [*CLI, "fix", "--quiet", "--no-config", "--chunk-size", "20000", str(path)],
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 240
    while not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):
        assert proc.poll() is None, "the run ended before it could be signalled"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert b"Traceback" not in err
    assert proc.returncode != 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.txt"]
    assert path.read_bytes() == data
