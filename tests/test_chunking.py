"""Huge inputs: chunked processing gives the unchunked result, and streams decode losslessly."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize import Normalizer, apply_changes
from normalize.chunking import Segment, fix_chunked, open_text_stream
from normalize.io import BinaryInputError, EncodingInputError, MissingInputError
from normalize.model import Change
from tests.test_properties import SETTINGS, TEXTS


def decided(changes: tuple[Change, ...] | list[Change]) -> list[tuple[object, ...]]:
    # Confidence and evidence count context terms in the window, so they may differ.
    return [(c.start, c.end, c.original, c.replacement, c.action, c.rule) for c in changes]


def run(normalizer: Normalizer, text: str, chunk: int, context: int, piece: int) -> list[Segment]:
    pieces = [text[i : i + piece] for i in range(0, len(text), piece)]
    return list(fix_chunked(normalizer, pieces, chunk_chars=chunk, context_chars=context))


@SETTINGS
@given(TEXTS, st.integers(1, 40), st.integers(1, 17))
def test_chunked_equals_unchunked(small: Normalizer, text: str, chunk: int, piece: int) -> None:
    # The promise holds while no name, URL or code span is longer than the context; random
    # text can put two backticks far apart, so code spans are left out here. Evidence (a
    # name written right, a context term) is read from the context only, so a decision may
    # differ where the evidence lies farther away; the context here covers the whole text,
    # and the chunks (1 to 40 characters) still cut every name.
    text = text.replace("`", "'")
    whole = small.fix(text)
    segments = run(small, text, chunk, max(60, len(text)), piece)
    changes = [c for s in segments for c in s.changes]
    assert "".join(s.original for s in segments) == text
    assert "".join(s.fixed for s in segments) == whole.text
    assert decided(changes) == decided(whole.changes)
    assert apply_changes(text, changes) == whole.text


def test_a_name_across_every_possible_cut_is_fixed_whole(small: Normalizer) -> None:
    text = "x " * 30 + "Jin Zhengen met jin\nzhengen and haftal. " + "y " * 30
    whole = small.fix(text).text
    assert "Kim Jong-un met Kim Jong-un and Haftar" in whole
    for chunk in range(1, 60):
        segments = run(small, text, chunk, 40, 7)
        assert "".join(s.fixed for s in segments) == whole, chunk


def test_text_without_whitespace_is_cut_anyway(small: Normalizer) -> None:
    text = "haftal" + "x" * 500 + ".haftal"
    segments = run(small, text, 50, 20, 64)
    assert len(segments) > 5
    assert "".join(s.fixed for s in segments) == small.fix(text).text


def test_bad_sizes_are_refused(small: Normalizer) -> None:
    with pytest.raises(ValueError, match="chunk_chars"):
        list(fix_chunked(small, ["x"], chunk_chars=0))


# --- streaming decode --------------------------------------------------------------------


def stream_text(path: Path, encoding: str | None = None, read_bytes: int = 3) -> tuple[str, str]:
    stream = open_text_stream(path, encoding=encoding, read_bytes=read_bytes)
    return stream.encoding, "".join(stream.pieces)


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (b"", "utf-8"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_stream_round_trips(tmp_path: Path, bom: bytes, codec: str) -> None:
    text = "Çavuşoğlu\r\nmet 🙂 haftal\rend\n" * 3000  # longer than the binary sniff
    path = tmp_path / "doc.txt"
    path.write_bytes(bom + text.encode(codec))
    stream = open_text_stream(path, read_bytes=5)
    assert (stream.encoding, stream.bom) == (codec, bom)
    assert "".join(stream.pieces) == text


def test_stream_decode_error_late_in_the_file_names_the_offset(tmp_path: Path) -> None:
    path = tmp_path / "late.txt"
    path.write_bytes(b"a" * 20000 + "\u00e9".encode("latin-1") + b" tail")
    with pytest.raises(EncodingInputError) as info:
        stream_text(path, read_bytes=1000)
    assert str(info.value) == f"{path}: not valid utf-8 (at offset 20000)"


def test_stream_truncated_utf8_at_end(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes(b"ok " + "é".encode()[:1])
    with pytest.raises(EncodingInputError, match="at offset 3, truncated at end of file"):
        stream_text(path)


def test_stream_latin1_with_encoding(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Café haftal".encode("latin-1"))
    assert stream_text(path, "latin-1") == ("iso8859-1", "Café haftal")


def test_stream_refuses_binary_irreversible_and_missing(tmp_path: Path) -> None:
    blob = tmp_path / "blob"
    blob.write_bytes(b"text\x00more")
    with pytest.raises(BinaryInputError):
        open_text_stream(blob)
    jis = tmp_path / "jis.txt"
    jis.write_bytes(b"plain")
    with pytest.raises(EncodingInputError, match="cannot be streamed reversibly"):
        open_text_stream(jis, encoding="iso2022_jp")
    with pytest.raises(MissingInputError):
        open_text_stream(tmp_path / "nope.txt")


def test_stream_of_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert stream_text(path) == ("utf-8", "")
