"""Huge inputs in bounded memory: decode a file piece by piece and fix it window by window.

A text is cut into segments of about ``chunk_chars`` code points. Each segment is fixed
inside a *window* that adds ``context_chars`` of text on both sides, and only the changes
that start inside the segment are kept; the next segment starts where the last kept
change ends. Cuts are made where an article starts if one does, else at whitespace (the
engine gathers evidence per article), and a name that straddles a cut is still seen
whole, because the window reaches past the cut. So for every finder whose decision at a
place depends only on text near it (the exact finder), the chunked result equals the
unchunked one as long as no name, URL or code span is longer than ``context_chars``.

Document-level evidence (context terms counted in the whole text, issue 4's rules) is
per window: a huge file is judged as a run of documents of about ``chunk_chars`` each,
which is why chunks are large (16 Mi code points by default) and never small.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from normalize.document import article_bounds
from normalize.engine import Normalizer
from normalize.io import (
    _BIJECTIVE_CODECS,
    _BOMS,
    BINARY_SNIFF_BYTES,
    BinaryInputError,
    EncodingInputError,
    InputError,
    _binary_reason,
    _display,
    _lookup,
    _read_bytes,
)
from normalize.model import Change, apply_changes

__all__ = [
    "DEFAULT_CHUNK_CHARS",
    "DEFAULT_CONTEXT_CHARS",
    "MIN_CHUNK_CHARS",
    "READ_BYTES",
    "STREAM_THRESHOLD_BYTES",
    "Segment",
    "TextStream",
    "fix_chunked",
    "open_text_stream",
]

DEFAULT_CHUNK_CHARS = 16 * 1024 * 1024
"""Code points per segment; large so that document-level evidence stays meaningful."""

DEFAULT_CONTEXT_CHARS = 4096
"""Text added on each side of a segment; far longer than any name (forms are <= 120)."""

MIN_CHUNK_CHARS = 256
"""The smallest ``--chunk-size``. The command streams with ``context_chars`` equal to the
chunk size (up to :data:`DEFAULT_CONTEXT_CHARS`), and a window must hold the longest form
a lexicon may list (:data:`normalize.limits.MAX_FORM_CHARS`) whole: with chunks of 1 to 3
characters no name was ever seen and every change was missed."""

STREAM_THRESHOLD_BYTES = 32 * 1024 * 1024
"""Files larger than this are streamed instead of read whole."""

READ_BYTES = 1024 * 1024
"""How much of a file is read and decoded at a time."""


@dataclass(frozen=True)
class Segment:
    """One piece of the output: the original text, the fixed text, and its changes.

    ``start`` is the code-point offset of ``original`` in the whole input, and the changes
    carry offsets into the whole input too, so they can be reported as they are.
    """

    start: int
    original: str
    fixed: str
    changes: tuple[Change, ...]


# How far past the end of a segment the search for its last article looks.
_LOOK_PAST = 1024

_SPACES = " \n\t\r\f\v\u00a0\u2028\u3000"


def _cut(buffer: str, lo: int, hi: int) -> int:
    """A place in ``buffer[lo:hi]`` to end a segment: at whitespace, never inside CRLF.

    Prefers the start of the last article that starts in the range (the engine gathers
    evidence per article, :func:`~normalize.document.article_bounds`, so a cut there
    leaves every decision as the whole text gets it); else the last whitespace before
    ``hi`` (found with C-level ``rfind``); a text with no whitespace in that range is cut
    at ``hi``, and the window's context still sees across the cut.

    >>> text = ("Body. " * 100 + "\\n\\n\\n") * 3
    >>> _cut(text, 700, 1500), _cut(text, 20, 500)
    (1206, 497)
    """
    # The text just past ``hi`` tells whether the piece before it is long enough.
    starts = [s for s, _ in article_bounds(buffer[lo : hi + _LOOK_PAST]) if 0 < s <= hi - lo]
    if starts:
        return lo + starts[-1]
    at = max(buffer.rfind(ch, lo + 1, hi + 1) for ch in _SPACES)
    if at < 0:
        return hi
    if buffer[at] == "\n" and buffer[at - 1] == "\r":
        at -= 1  # a CRLF stays whole, so line counting per segment stays right
    return at if at > lo else hi


def _shift(change: Change, offset: int) -> Change:
    return replace(change, start=change.start + offset, end=change.end + offset)


def fix_chunked(
    normalizer: Normalizer,
    pieces: Iterable[str],
    *,
    chunk_chars: int = DEFAULT_CHUNK_CHARS,
    context_chars: int = DEFAULT_CONTEXT_CHARS,
) -> Iterator[Segment]:
    """Fix a text given as ``pieces`` of any size, holding about one window at a time.

    Concatenating the segments' ``fixed`` gives the fixed text, their ``original`` the
    input, and their changes (offsets into the whole input) replay it.

    >>> from normalize.lexicon import Entity, Lexicon
    >>> lex = Lexicon((Entity("person/h", "person", "Khalifa Haftar", short="Haftar",
    ...                       garbles=("haftal", "kalifa haftal")),))
    >>> segs = list(fix_chunked(Normalizer(lex), ["kalifa ", "haftal met haftal"],
    ...                         chunk_chars=4, context_chars=20))
    >>> "".join(s.fixed for s in segs)
    'Khalifa Haftar met Haftar'
    """
    if chunk_chars < 1 or context_chars < 0:
        raise ValueError("chunk_chars must be positive and context_chars not negative")
    buffer = ""  # holds text from global offset `base`; buffer[:start] is left context
    base = 0
    start = 0
    feed = iter(pieces)
    done = False
    while True:
        while not done and len(buffer) - start < chunk_chars + context_chars:
            piece = next(feed, None)
            if piece is None:
                done = True
            else:
                buffer += piece
        if done and len(buffer) - start <= chunk_chars + context_chars:
            end = len(buffer)
        else:
            end = _cut(buffer, start + chunk_chars // 2, start + chunk_chars)
        window_end = min(len(buffer), end + context_chars)
        result = normalizer.fix(buffer[:window_end])
        kept = tuple(c for c in result.changes if start <= c.start < end)
        stop = max([end, *(c.end for c in kept)])
        original = buffer[start:stop]
        local = [_shift(c, -start) for c in kept]
        yield Segment(
            base + start,
            original,
            apply_changes(original, local),
            tuple(_shift(c, base) for c in kept),
        )
        if stop >= len(buffer) and done:
            return
        # Keep `context_chars` of left context for the next window.
        drop = max(0, stop - context_chars)
        buffer = buffer[drop:]
        base += drop
        start = stop - drop


@dataclass(frozen=True)
class TextStream:
    """A file being decoded piece by piece: how to encode it back, and the pieces."""

    encoding: str
    bom: bytes
    pieces: Iterator[str]


def _pieces(
    fd_stream: Iterator[bytes], codec: str, name: str, first: bytes, offset: int
) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder(codec)("strict")
    consumed = offset  # file offset of the first byte not yet given to the decoder
    chunk = first
    while True:
        final = not chunk
        pending = decoder.getstate()[0]
        try:
            text = decoder.decode(chunk, final=final)
        except UnicodeDecodeError as exc:
            where = consumed - len(pending) + exc.start
            truncated = ", truncated at end of file" if final else ""
            raise EncodingInputError(
                name, f"not valid {codec} (at offset {where}{truncated})"
            ) from None
        consumed += len(chunk)
        if text:
            yield text
        if final:
            return
        chunk = next(fd_stream, b"")


def _read_chunks(path: str | os.PathLike[str], size: int) -> Iterator[bytes]:
    try:
        with open(path, "rb") as stream:  # noqa: PTH123 - a plain binary stream is all we need
            while block := stream.read(size):
                yield block
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None


def open_text_stream(
    path: str | os.PathLike[str], *, encoding: str | None = None, read_bytes: int = READ_BYTES
) -> TextStream:
    """Start decoding the file at ``path`` lazily, with the rules of :func:`io.decode_bytes`.

    The byte-order mark and the binary check are decided from the first bytes; a decoding
    error later in the file is raised (as :class:`EncodingInputError`) by the iterator, at
    which point nothing must have been written. Codecs whose decoding is not known to be
    reversible are refused, because they cannot be checked without holding the whole file.
    """
    name = _display(path)
    # An empty read with max_bytes=0 checks existence, type and permission the same way
    # as read_document; a non-empty file answers with TooLargeInputError, which is fine.
    try:
        _read_bytes(path, 0)
    except InputError as exc:
        if not exc.skippable:
            raise
    blocks = _read_chunks(path, read_bytes)
    head = next(blocks, b"")
    while len(head) < BINARY_SNIFF_BYTES:
        more = next(blocks, b"")
        if not more:
            break
        head += more
    bom, codec = b"", ""
    for mark, bom_codec in _BOMS:
        if head.startswith(mark):
            bom, codec = mark, bom_codec
            break
    if not bom:
        codec = "utf-8" if encoding is None else _lookup(encoding, name)
        if not codec.startswith(("utf-16", "utf-32")):
            reason = _binary_reason(head)
            if reason is not None:
                raise BinaryInputError(name, reason)
        if codec not in _BIJECTIVE_CODECS:
            raise EncodingInputError(
                name,
                f"{codec} cannot be streamed reversibly; files this large need UTF-8,"
                " UTF-16, UTF-32 or Latin-1",
            )
    return TextStream(codec, bom, _pieces(blocks, codec, name, head[len(bom) :], len(bom)))
