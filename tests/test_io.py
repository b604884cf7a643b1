"""Tests for normalize.io: lossless decoding, typed input errors and atomic writes."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize.io import (
    BinaryInputError,
    Decoded,
    DirectoryInputError,
    EncodingInputError,
    InputError,
    MissingInputError,
    OutputError,
    PermissionInputError,
    TooLargeInputError,
    UsageInputError,
    decode_bytes,
    is_probably_binary,
    read_document,
    write_atomic,
)

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="POSIX permission semantics")


def _round_trip(tmp_path: Path, data: bytes, encoding: str | None = None) -> Decoded:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    decoded = read_document(path, encoding=encoding)
    assert decoded.encode(decoded.text) == data
    return decoded


def _assert_one_line_starting_with(error: InputError, path: str | Path) -> None:
    message = str(error)
    assert "\n" not in message
    assert "\r" not in message
    assert message.startswith(f"{path}: ")


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith(".normalize-"))


# --- round trips -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"Haftar said hello.\n",
        "caf\u00e9 \u201cquoted\u201d \u2014 \U0001f600\n".encode(),
        b"one\r\ntwo\r\n",
        b"one\rtwo\r",
        b"one\ntwo\n",
        b"lf\ncrlf\r\ncr\rnone",
        b"no trailing newline",
        b"\r\n\r\n\n\r",
    ],
    ids=["ascii", "utf8-nonascii", "crlf", "cr", "lf", "mixed", "no-final-eol", "only-eols"],
)
def test_utf8_without_bom_round_trips(tmp_path: Path, data: bytes) -> None:
    decoded = _round_trip(tmp_path, data)
    assert decoded.encoding == "utf-8"
    assert decoded.bom == b""
    assert decoded.text == data.decode("utf-8")


def test_line_endings_are_not_translated(tmp_path: Path) -> None:
    decoded = _round_trip(tmp_path, b"a\r\nb\rc\n")
    assert decoded.text == "a\r\nb\rc\n"


def test_utf8_with_bom_round_trips_and_keeps_bom_out_of_text(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + "caf\u00e9\r\nline two\r\n".encode()
    decoded = _round_trip(tmp_path, data)
    assert decoded.bom == codecs.BOM_UTF8
    assert decoded.encoding == "utf-8"
    assert decoded.text == "caf\u00e9\r\nline two\r\n"


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_utf16_and_utf32_with_bom_round_trip(tmp_path: Path, bom: bytes, codec: str) -> None:
    text = "caf\u00e9\r\n\U0001f600 mixed\nend"
    decoded = _round_trip(tmp_path, bom + text.encode(codec))
    assert decoded.text == text
    assert decoded.encoding == codec
    assert decoded.bom == bom


def test_utf16_le_text_starting_with_nul_is_not_mistaken_for_utf32() -> None:
    data = codecs.BOM_UTF16_LE + "\x00ab".encode("utf-16-le")
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-16-le"
    assert decoded.text == "\x00ab"
    assert decoded.encode(decoded.text) == data


def test_empty_file_round_trips(tmp_path: Path) -> None:
    decoded = _round_trip(tmp_path, b"")
    assert decoded.text == ""
    assert decoded.bom == b""


def test_bom_only_file_round_trips(tmp_path: Path) -> None:
    decoded = _round_trip(tmp_path, codecs.BOM_UTF8)
    assert decoded.text == ""


def test_encode_applies_to_changed_text(tmp_path: Path) -> None:
    decoded = _round_trip(tmp_path, codecs.BOM_UTF16_LE + "haftal\r\n".encode("utf-16-le"))
    fixed = decoded.text.replace("haftal", "Haftar")
    assert decoded.encode(fixed) == codecs.BOM_UTF16_LE + "Haftar\r\n".encode("utf-16-le")


# --- encodings ---------------------------------------------------------------------------


def test_latin1_needs_an_explicit_encoding(tmp_path: Path) -> None:
    data = "na\u00efve caf\u00e9\n".encode("latin-1")
    path = tmp_path / "latin.txt"
    path.write_bytes(data)
    with pytest.raises(EncodingInputError) as info:
        read_document(path)
    _assert_one_line_starting_with(info.value, path)
    assert "not valid UTF-8 (byte 0xef at offset 2)" in str(info.value)
    assert "--encoding" in str(info.value)

    decoded = _round_trip(tmp_path, data, encoding="latin-1")
    assert decoded.text == "na\u00efve caf\u00e9\n"
    assert decoded.encode(decoded.text) == data


def test_cp1252_round_trips_with_explicit_encoding(tmp_path: Path) -> None:
    data = "\u201cquoted\u201d \u20ac5\r\n".encode("cp1252")
    decoded = _round_trip(tmp_path, data, encoding="cp1252")
    assert decoded.encoding == "cp1252"
    assert decoded.text == "\u201cquoted\u201d \u20ac5\r\n"


def test_invalid_utf8_offset_accounts_for_bom() -> None:
    with pytest.raises(EncodingInputError) as info:
        decode_bytes(codecs.BOM_UTF8 + b"ab\xffc", name="x.txt")
    _assert_one_line_starting_with(info.value, "x.txt")
    assert "offset 5" in str(info.value)


def test_truncated_utf8_at_end_is_reported() -> None:
    with pytest.raises(EncodingInputError, match=r"offset 3.*truncated"):
        decode_bytes(b"abc\xe2\x82", name="t.txt")


def test_undecodable_with_explicit_encoding() -> None:
    with pytest.raises(EncodingInputError) as info:
        decode_bytes(b"ok \x81 here", encoding="cp1252", name="w.txt")
    _assert_one_line_starting_with(info.value, "w.txt")
    assert "0x81" in str(info.value)


def test_unknown_encoding_is_a_usage_error() -> None:
    with pytest.raises(UsageInputError) as info:
        decode_bytes(b"abc", encoding="no-such-codec", name="u.txt")
    _assert_one_line_starting_with(info.value, "u.txt")
    assert not UsageInputError.skippable


def test_non_text_codec_is_a_usage_error() -> None:
    with pytest.raises(UsageInputError, match="not a text encoding"):
        decode_bytes(b"abc", encoding="rot13", name="r.txt")


def test_irreversible_codec_is_refused() -> None:
    # UTF-7 accepts "+-" and "+AGE-" style spellings that it would not write back as such.
    with pytest.raises(EncodingInputError, match="not reversible"):
        decode_bytes(b"a+AGE-b", encoding="utf-7", name="seven.txt")


@pytest.mark.parametrize(
    ("given_name", "stored"), [("utf-8-sig", "utf-8"), ("utf-16", "utf-16-le")]
)
def test_bom_writing_codecs_are_mapped_to_markless_variants(given_name: str, stored: str) -> None:
    data = "h\u00e9llo\n".encode(stored)
    decoded = decode_bytes(data, encoding=given_name)
    assert decoded.encoding == stored
    assert decoded.encode(decoded.text) == data


def test_explicit_utf16_without_bom_skips_binary_detection() -> None:
    data = "plain text\r\n".encode("utf-16-le")
    decoded = decode_bytes(data, encoding="utf-16-le")
    assert decoded.text == "plain text\r\n"
    assert decoded.encode(decoded.text) == data


# --- binary detection --------------------------------------------------------------------


def test_nul_bytes_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(BinaryInputError) as info:
        read_document(path)
    _assert_one_line_starting_with(info.value, path)
    assert BinaryInputError.skippable


def test_binary_detection_applies_with_explicit_legacy_encoding() -> None:
    with pytest.raises(BinaryInputError):
        decode_bytes(b"abc\x00def", encoding="latin-1")


def test_is_probably_binary() -> None:
    assert not is_probably_binary(b"")
    assert not is_probably_binary(b"plain\ttext\r\n\f\v\x1b[31mred\x1b[0m\n")
    assert is_probably_binary(b"text\x00")
    assert is_probably_binary(b"\x01\x02\x03\x04abcdef")
    assert not is_probably_binary(b"\x01" + b"a" * 9)
    # A NUL byte is binary wherever it is; the control-byte share is judged on the head.
    assert is_probably_binary(b"a" * 8192 + b"\x00")
    assert is_probably_binary(b"a" * 100_000 + b"\x00" + b"a" * 10)
    assert not is_probably_binary(b"a" * 8192 + b"\x01" * 8192)


# --- read errors -------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    with pytest.raises(MissingInputError) as info:
        read_document(path)
    _assert_one_line_starting_with(info.value, path)
    assert not MissingInputError.skippable


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(DirectoryInputError) as info:
        read_document(tmp_path)
    _assert_one_line_starting_with(info.value, tmp_path)
    assert not DirectoryInputError.skippable


@POSIX_ONLY
@pytest.mark.skipif(IS_ROOT, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_bytes(b"hidden\n")
    path.chmod(0)
    try:
        with pytest.raises(PermissionInputError) as info:
            read_document(path)
    finally:
        path.chmod(0o600)
    _assert_one_line_starting_with(info.value, path)
    assert not PermissionInputError.skippable


def test_permission_error_on_open_maps_to_permission_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Runs even as root, where chmod 0 cannot make a file unreadable.
    path = tmp_path / "secret.txt"
    path.write_bytes(b"hidden\n")
    real_open = os.open

    def deny(target: object, *args: int) -> int:
        if target == path:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(target, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", deny)
    with pytest.raises(PermissionInputError) as info:
        read_document(path)
    _assert_one_line_starting_with(info.value, path)


def test_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 101)
    with pytest.raises(TooLargeInputError) as info:
        read_document(path, max_bytes=100)
    _assert_one_line_starting_with(info.value, path)
    assert TooLargeInputError.skippable
    assert read_document(path, max_bytes=101).text == "x" * 101


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    with pytest.raises(InputError, match="not a regular file"):
        read_document(path)


def test_messages_with_odd_paths_stay_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bad\nname.txt"
    with pytest.raises(MissingInputError) as info:
        read_document(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path).replace("\n", "\\n") + ": ")


# --- atomic writes -----------------------------------------------------------------------


def test_write_atomic_replaces_content_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"old\r\n")
    write_atomic(path, b"new\r\n")
    assert path.read_bytes() == b"new\r\n"
    assert _leftovers(tmp_path) == []


def test_write_atomic_creates_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "fresh.txt"
    write_atomic(path, b"hello")
    assert path.read_bytes() == b"hello"
    assert _leftovers(tmp_path) == []


@POSIX_ONLY
def test_write_atomic_new_file_respects_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "fresh.txt", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "fresh.txt").stat().st_mode) == 0o640


@POSIX_ONLY
@pytest.mark.parametrize("mode", [0o640, 0o600, 0o755, 0o444])
def test_write_atomic_keeps_permission_bits(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"old")
    path.chmod(mode)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == mode


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name != "posix", reason="needs symlinks")
def test_write_atomic_keeps_symlink_and_updates_target(tmp_path: Path) -> None:
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    target = real_dir / "target.txt"
    target.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)

    write_atomic(link, b"new")

    assert link.is_symlink()
    assert link.resolve() == target.resolve()
    assert target.read_bytes() == b"new"
    # The temporary file belongs next to the target, and is gone afterwards.
    assert _leftovers(real_dir) == []
    assert _leftovers(tmp_path) == []


def test_write_atomic_failure_keeps_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"original\n")

    def broken_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OutputError) as info:
        write_atomic(path, b"replacement\n")
    monkeypatch.undo()

    _assert_one_line_starting_with(info.value, path)
    assert not OutputError.skippable
    assert path.read_bytes() == b"original\n"
    assert _leftovers(tmp_path) == []


def test_write_atomic_non_os_failure_is_reraised_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"original\n")

    class Boom(Exception):
        pass

    def broken_fsync(fd: int) -> None:
        raise Boom

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(Boom):
        write_atomic(path, b"replacement\n")
    monkeypatch.undo()

    assert path.read_bytes() == b"original\n"
    assert _leftovers(tmp_path) == []


def test_write_atomic_unwritable_directory_is_output_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Simulated so that it also runs as root, which can write into read-only directories.
    import tempfile

    path = tmp_path / "doc.txt"
    path.write_bytes(b"original\n")

    def deny(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", deny)
    with pytest.raises(OutputError) as info:
        write_atomic(path, b"x")
    _assert_one_line_starting_with(info.value, path)
    assert "permission denied" in str(info.value)
    assert path.read_bytes() == b"original\n"


@POSIX_ONLY
@pytest.mark.skipif(IS_ROOT, reason="root can write into read-only directories")
def test_write_atomic_read_only_directory(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    path = locked / "doc.txt"
    path.write_bytes(b"original\n")
    locked.chmod(0o555)
    try:
        with pytest.raises(OutputError) as info:
            write_atomic(path, b"x")
    finally:
        locked.chmod(0o755)
    _assert_one_line_starting_with(info.value, path)
    assert path.read_bytes() == b"original\n"
    assert _leftovers(locked) == []


def test_write_atomic_onto_directory_is_output_error(tmp_path: Path) -> None:
    target = tmp_path / "adir"
    target.mkdir()
    with pytest.raises(OutputError) as info:
        write_atomic(target, b"x")
    _assert_one_line_starting_with(info.value, target)
    assert target.is_dir()
    assert _leftovers(tmp_path) == []


def test_read_fix_write_changes_only_the_fixed_span(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    original = codecs.BOM_UTF8 + b"a\r\nhaftal said\rcaf\xc3\xa9\n"
    path.write_bytes(original)
    decoded = read_document(path)
    write_atomic(path, decoded.encode(decoded.text.replace("haftal", "Haftar")))
    assert path.read_bytes() == original.replace(b"haftal", b"Haftar")


# --- properties --------------------------------------------------------------------------

_TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]))


@given(_TEXT)
def test_any_utf8_text_round_trips(text: str) -> None:
    data = text.encode("utf-8")
    if is_probably_binary(data):
        with pytest.raises(BinaryInputError):
            decode_bytes(data)
        return
    decoded = decode_bytes(data)
    assert decoded.encode(decoded.text) == data
    # A leading U+FEFF is indistinguishable from a BOM, which is kept apart from the text.
    expected = text[1:] if text.startswith("\ufeff") else text
    assert decoded.text == expected


@given(_TEXT)
def test_any_utf8_text_with_bom_round_trips(text: str) -> None:
    data = codecs.BOM_UTF8 + text.encode("utf-8")
    decoded = decode_bytes(data)
    assert decoded.text == text
    assert decoded.bom == codecs.BOM_UTF8
    assert decoded.encode(decoded.text) == data


# --- temporary files left by a killed run ----------------------------------------------


def _dead_pid() -> int:
    """The pid of a child that has exited and been reaped (no process has it now)."""
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@POSIX_ONLY
def test_stale_temporaries_of_dead_runs_are_removed_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import normalize.io as nio

    monkeypatch.setattr(nio, "_STALE_CHECKED", set())
    dead, old = _dead_pid(), 1_000_000.0  # an mtime in 1970: long unchanged
    names = {
        "stale": f".normalize-{dead}-abc.tmp",  # dead writer, unchanged for ages: removed
        "fresh": f".normalize-{dead}-new.tmp",  # dead writer, but written just now
        "alive": f".normalize-{os.getpid()}-me.tmp",  # this process: still writing
        "legacy": ".normalize-abcdef.tmp",  # no pid in the name: not provably ours
        "other": "notes.tmp",
    }
    for key, name in names.items():
        (tmp_path / name).write_bytes(b"x")
        if key != "fresh":
            os.utime(tmp_path / name, (old, old))
    folder = tmp_path / f".normalize-{dead}-dir.tmp"
    folder.mkdir()
    os.utime(folder, (old, old))
    write_atomic(tmp_path / "doc.txt", b"new\n")
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted([*(n for k, n in names.items() if k != "stale"), folder.name, "doc.txt"])
    # Once per folder and process: a second write does not scan again.
    (tmp_path / names["stale"]).write_bytes(b"x")
    os.utime(tmp_path / names["stale"], (old, old))
    write_atomic(tmp_path / "doc.txt", b"newer\n")
    assert (tmp_path / names["stale"]).exists()


def test_pid_alive_answers_for_this_process_and_a_dead_one() -> None:
    from normalize.io import _pid_alive

    assert _pid_alive(os.getpid())
    if os.name == "posix":
        assert not _pid_alive(_dead_pid())
