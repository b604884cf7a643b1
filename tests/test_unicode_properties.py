"""Any Unicode at all, with the shipped lexicons: no crash, idempotent, replayable, local."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalize import Normalizer, apply_changes
from normalize.cli import main
from normalize.io import decode_bytes

# Every code point Python strings can hold except lone surrogates (they cannot reach the
# engine: decoding is strict), weighted towards the hard cases next to name-like words.
HARD = st.sampled_from(
    [
        "\u0301", "\u0308", "\u200d", "\u200e", "\u200f", "\u202e", "\u2066", "\ufeff",
        "שלום", "مرحبا حفتر", "хафтар", "哈夫塔尔", "🙂", "👩\u200d🔬", "🇱🇾", "İ", "ß", "ǅ",
        "ﬁ", "\u00a0", "\u2028", "\r\n", "\r", "\t", "haftal", "HAFTAL", "Haftar", "salaj",
        "Khalifa Hifter", "Kim Jong Un", "Türkiye", "turkey", "`code haftal`", "x@haftal.ly",
    ]
)  # fmt: skip
ANY = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12)
TEXTS = st.lists(st.one_of(HARD, ANY), max_size=30).map("".join)
SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXTS)
def test_any_unicode_is_safe_with_the_shipped_lexicons(shipped: Normalizer, text: str) -> None:
    result = shipped.fix(text)
    # Replay: the applied changes reproduce the output, and each names its own span.
    assert apply_changes(text, result.changes) == result.text
    for change in result.changes:
        assert text[change.start : change.end] == change.original
    # Idempotence.
    assert shipped.fix(result.text).text == result.text
    # Text outside the changes is untouched, and so are the bytes it encodes to.
    out, pos, shift = result.text, 0, 0
    for change in result.applied:
        assert out[pos + shift : change.start + shift] == text[pos : change.start]
        shift += len(change.replacement) - (change.end - change.start)
        pos = change.end
    assert out[pos + shift :] == text[pos:]
    decoded = decode_bytes(b"\xef\xbb\xbf" + text.encode())
    assert decoded.encode(decoded.text) == b"\xef\xbb\xbf" + text.encode()


NAME_CHARS = st.characters(
    blacklist_characters="/\x00", blacklist_categories=["Cs"], max_codepoint=0x10FFFF
)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.text(NAME_CHARS, min_size=1, max_size=20).filter(lambda s: s not in {".", ".."}),
    st.binary(min_size=1, max_size=6).filter(lambda b: b"/" not in b and b"\x00" not in b),
)
def test_any_file_name_works(tmp_path: Path, name: str, raw: bytes) -> None:
    # The test is about file names, so a one-entry lexicon keeps each CLI call cheap.
    lexicon = tmp_path.parent / "one-entry.yaml"
    lexicon.write_text(
        "format: 1\nmeta: {title: one entry, origin: hand-curated}\nentities:\n"
        "  - {id: person/khalifa-haftar, type: person, canonical: Khalifa Haftar,"
        " short: Haftar, garbles: [haftal]}\n",
        encoding="utf-8",
    )
    only = ["--no-config", "--no-default-lexicons", "--lexicon", str(lexicon)]
    # Names that are not valid UTF-8 reach Python as lone surrogates (surrogateescape).
    for candidate in (name, os.fsdecode(raw)):
        if candidate in {".", ".."} or len(os.fsencode(candidate)) > 200:
            continue
        path = tmp_path / candidate
        path.write_bytes(b"In Libya, haftal said.\n")
        assert main(["fix", "--quiet", *only, str(path)]) == 0
        assert path.read_bytes() == b"In Libya, Haftar said.\n"
        assert main(["check", "--format", "json", *only, str(path)]) == 0
        path.unlink()
