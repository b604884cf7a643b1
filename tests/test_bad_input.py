"""Every kind of bad input the README's "Bad input" table lists: outcome, exit code, file state."""

from __future__ import annotations

import codecs
import functools
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from normalize import Normalizer
from normalize.cli import cli
from normalize.cli import common as cli_common
from normalize.walk import walk

GARBLED = "In Libya, haftal said the LNA would advance.\n"
FIXED = GARBLED.replace("haftal", "Haftar")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def invoke(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def one_error_line(res: Result) -> str:
    errors = [line for line in res.stderr.splitlines() if line.startswith("normalize: error:")]
    assert len(errors) == 1, res.stderr
    return errors[0]


# --- encodings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (b"", "utf-8"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom"],
)
def test_unicode_files_are_fixed_in_their_encoding(tmp_path: Path, bom: bytes, codec: str) -> None:
    text = "Çavuşoğlu: " + GARBLED
    path = write(tmp_path / "a.txt", bom + text.encode(codec))
    res = invoke("fix", str(path))
    assert res.exit_code == 0
    assert path.read_bytes() == bom + text.replace("haftal", "Haftar").encode(codec)


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_legacy_encoding_is_refused_then_fixed_with_encoding(tmp_path: Path, codec: str) -> None:
    data = "\u201cCaf\u00e9\u201d in Libya: haftal said.\n".encode(codec, "replace")
    path = write(tmp_path / "legacy.txt", data)
    res = invoke("fix", str(path))
    assert res.exit_code == 2
    line = one_error_line(res)
    assert line.startswith(f"normalize: error: {path}: not valid UTF-8 (byte 0x")
    assert line.endswith("; pass --encoding to read it")
    assert path.read_bytes() == data
    assert invoke("fix", "--encoding", codec, str(path)).exit_code == 0
    assert path.read_bytes() == data.replace(b"haftal", b"Haftar")


# --- line endings ------------------------------------------------------------------------


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r", "mixed"], ids=["lf", "crlf", "cr", "mixed"])
def test_line_endings_are_kept_byte_for_byte(tmp_path: Path, eol: str) -> None:
    ends = ["\n", "\r\n", "\r", "\n\r"] if eol == "mixed" else [eol] * 4
    text = "".join(f"line {i} haftal{e}" for i, e in enumerate(ends)) + "haftal"
    path = write(tmp_path / "eol.txt", text.encode())
    assert invoke("fix", str(path)).exit_code == 0
    assert path.read_bytes() == text.replace("haftal", "Haftar").encode()
    res = invoke("check", str(path))
    assert res.exit_code == 0


# --- binary, empty -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "data", [b"haftal\x00said", bytes(range(256)) * 4, b"\x7fELF\x02\x01\x01" + b"\x00" * 50]
)
@pytest.mark.parametrize("command", ["fix", "check"])
def test_binary_is_skipped_with_a_notice(tmp_path: Path, data: bytes, command: str) -> None:
    path = write(tmp_path / "blob", data)
    res = invoke(command, str(path))
    assert res.exit_code == 0
    assert f"normalize: skipped {path}: looks like a binary file (" in res.stderr
    assert path.read_bytes() == data


@pytest.mark.parametrize("command", ["fix", "check"])
def test_empty_file_is_fine_and_untouched(tmp_path: Path, command: str) -> None:
    path = write(tmp_path / "empty.txt", b"")
    before = path.stat()
    res = invoke(command, str(path))
    assert res.exit_code == 0
    assert path.read_bytes() == b""
    assert path.stat().st_ino == before.st_ino  # not even rewritten


# --- huge files --------------------------------------------------------------------------


def test_huge_single_line_is_streamed_with_names_across_every_border(
    tmp_path: Path, shipped: Normalizer
) -> None:
    # Names of one to three words at every phase relative to a tiny chunk size.
    words = "Libya haftal said Khalifa Hifter met salaj and Kim Jong Un in Tripoli."
    text = " ".join(words[:i] + " " + words for i in range(0, 60, 7)) * 40  # ~30 KB, one line
    expected = shipped.fix(text)
    path = write(tmp_path / "huge.txt", text.encode())
    res = invoke("check", "--format", "json", "--chunk-size", "500", str(path))
    assert res.exit_code == 1
    report = json.loads(res.stdout)
    got = [(c["start"], c["end"], c["replacement"]) for c in report["changes"]]
    assert got == [(c.start, c.end, c.replacement) for c in expected.changes]
    text_report = invoke("check", "--chunk-size", "500", str(path)).stdout.splitlines()
    assert text_report[-1].startswith(f"{path}:1:{expected.changes[-1].start + 1}: ")
    res = invoke("fix", "--chunk-size", "500", str(path))
    assert res.exit_code == 0
    assert "(streamed)" in res.stderr
    assert path.read_bytes() == expected.text.encode()


def test_huge_file_line_numbers_span_chunks(tmp_path: Path) -> None:
    text = "".join(f"line {i}\r\n" for i in range(3000)) + "x haftal\n"
    path = write(tmp_path / "lines.txt", text.encode())
    res = invoke("check", "--chunk-size", "256", str(path))
    assert res.stdout.startswith(f"{path}:3001:3: 'haftal' -> 'Haftar'")


def test_huge_file_decode_error_late_leaves_it_untouched(tmp_path: Path) -> None:
    data = b"haftal said. " * 1000 + b"\xff" + b" end"
    path = write(tmp_path / "bad.txt", data)
    res = invoke("fix", "--chunk-size", "256", str(path))
    assert res.exit_code == 2
    assert one_error_line(res) == f"normalize: error: {path}: not valid utf-8 (at offset 13000)"
    assert path.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt"]


def test_huge_file_diff_is_skipped_and_stdout_streams(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", GARBLED.encode() * 100)
    res = invoke("fix", "--diff", "--chunk-size", "256", str(path))
    assert res.exit_code == 0 and "too large for --diff" in res.stderr
    res = invoke("fix", "--stdout", "--chunk-size", "256", str(path))
    assert res.stdout == FIXED * 100
    assert path.read_bytes() == GARBLED.encode() * 100


# --- permissions, links, vanishing files -------------------------------------------------


def test_unreadable_file_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "secret.txt", GARBLED.encode())
    if IS_ROOT:  # root reads anything, so make the open itself fail as it would for a user
        real_open = os.open

        def deny(p: str | os.PathLike[str], *args: int) -> int:
            if Path(p) == path:
                raise PermissionError(13, "Permission denied")
            return real_open(p, *args)

        monkeypatch.setattr("normalize.io.os.open", deny)
    else:
        path.chmod(0)
    res = invoke("fix", str(path))
    assert res.exit_code == 2
    assert one_error_line(res) == f"normalize: error: {path}: permission denied"
    path.chmod(0o644)
    assert path.read_bytes() == GARBLED.encode()


@pytest.mark.parametrize("size", [1, 100], ids=["whole", "streamed"])
def test_read_only_file_is_refused(tmp_path: Path, size: int) -> None:
    path = write(tmp_path / "ro.txt", GARBLED.encode() * size)
    path.chmod(0o444)
    res = invoke("fix", "--chunk-size", "1000", str(path))
    assert res.exit_code == 2
    assert one_error_line(res) == f"normalize: error: {path}: is read-only; not written"
    assert path.read_bytes() == GARBLED.encode() * size
    assert invoke("check", str(path)).exit_code == 1  # reading it is fine
    clean = write(tmp_path / "clean.txt", FIXED.encode())
    clean.chmod(0o444)
    assert invoke("fix", str(clean)).exit_code == 0  # nothing to write, nothing refused


@pytest.mark.parametrize("size", [1, 100], ids=["whole", "streamed"])
def test_symlink_stays_a_link_and_its_target_is_fixed(tmp_path: Path, size: int) -> None:
    target = write(tmp_path / "real" / "doc.txt", GARBLED.encode() * size)
    target.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert invoke("fix", "--chunk-size", "1000", str(link)).exit_code == 0
    assert link.is_symlink() and link.resolve() == target
    assert target.read_bytes() == FIXED.encode() * size
    assert target.stat().st_mode & 0o777 == 0o640


def test_file_that_vanishes_mid_run_is_not_recreated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "gone.txt", GARBLED.encode())
    real_fix = Normalizer.fix

    def fix_then_vanish(self: Normalizer, text: str):  # type: ignore[no-untyped-def]
        path.unlink()
        return real_fix(self, text)

    monkeypatch.setattr(Normalizer, "fix", fix_then_vanish)
    res = invoke("fix", str(path))
    assert res.exit_code == 2
    assert one_error_line(res) == (
        f"normalize: error: {path}: vanished before it could be written; not recreated"
    )
    assert list(tmp_path.iterdir()) == []


def test_file_edited_mid_run_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "busy.txt", GARBLED.encode())
    real_fix = Normalizer.fix

    def fix_while_edited(self: Normalizer, text: str):  # type: ignore[no-untyped-def]
        path.write_bytes(b"someone else's edit: haftal\n")
        return real_fix(self, text)

    monkeypatch.setattr(Normalizer, "fix", fix_while_edited)
    res = invoke("fix", str(path))
    assert res.exit_code == 2
    assert "changed while it was being fixed; not written (run again)" in one_error_line(res)
    assert path.read_bytes() == b"someone else's edit: haftal\n"


def test_missing_file_is_exit_2(tmp_path: Path) -> None:
    res = invoke("check", str(tmp_path / "nope.txt"))
    assert res.exit_code == 2
    assert one_error_line(res) == f"normalize: error: {tmp_path / 'nope.txt'}: no such file"


def test_undecodable_file_name_is_handled(tmp_path: Path) -> None:
    # A name that is not UTF-8 reaches Python as lone surrogates (surrogateescape).
    name = os.fsdecode(b"caf\xe9.txt")
    path = write(tmp_path / name, GARBLED.encode())
    res = invoke("fix", str(path))
    assert res.exit_code == 0
    assert path.read_bytes() == FIXED.encode()
    assert "caf\\xe9.txt: fixed 1" in res.stderr


# --- folders -----------------------------------------------------------------------------


def test_folder_is_walked_with_ignore_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    g = GARBLED.encode()
    write(tmp_path / "a.txt", g)
    write(tmp_path / "sub" / "b.md", g)
    write(tmp_path / "sub" / "keep.log", g)
    write(tmp_path / "sub" / ".gitignore", b"!keep.log\n")
    write(tmp_path / "x.log", g)
    write(tmp_path / "build" / "out.txt", g)
    write(tmp_path / ".gitignore", b"*.log\nbuild/\n")
    write(tmp_path / ".git" / "COMMIT_EDITMSG", g)
    write(tmp_path / ".hidden.txt", g)
    write(tmp_path / "blob.bin", b"haftal\x00")
    write(tmp_path / "large.txt", g * 10)
    (tmp_path / "loop").symlink_to(tmp_path)  # a link to a folder is not followed
    monkeypatch.setattr(cli_common, "walk", functools.partial(walk, max_bytes=200))
    # .log and .bin are not text extensions of the default --include set: added here, so
    # that what the .gitignore files decide is what is tested.
    res = invoke("fix", "--include", "*.log", "--include", "*.bin", str(tmp_path))
    assert res.exit_code == 0, res.stderr
    fixed = sorted(
        str(p.relative_to(tmp_path))
        for p in tmp_path.rglob("*")
        if p.is_file() and p.read_bytes() == FIXED.encode()
    )
    assert fixed == ["a.txt", "sub/b.md", "sub/keep.log"]
    assert f"skipped {tmp_path / 'blob.bin'}: looks like a binary file" in res.stderr
    assert f"skipped {tmp_path / 'large.txt'}: file is 450 bytes, over the 200-byte limit" in (
        res.stderr
    )
    assert (tmp_path / "x.log").read_bytes() == g
    assert (tmp_path / ".git" / "COMMIT_EDITMSG").read_bytes() == g


def test_empty_folder_is_fine(tmp_path: Path) -> None:
    assert invoke("check", str(tmp_path)).exit_code == 0
