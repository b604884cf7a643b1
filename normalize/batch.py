"""Streams of records: JSON Lines or plain-text lines, in bounded batches, in input order.

No printing and no exit codes here (that is :mod:`normalize.cli.batch`): this module turns
input lines into output lines plus per-line outcomes, and maps that over worker processes
with a bounded number of batches in flight, so memory stays flat however long the input.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import IO, Any, TypeVar

from normalize.engine import Normalizer
from normalize.model import REPORT_SCHEMA_VERSION, Result

#: The field added to every JSONL record: the change log of that record.
LOG_FIELD = "_normalize"
#: A batch closes at this many lines or bytes, whichever comes first.
BATCH_LINES = 1000
BATCH_BYTES = 1 << 20

T = TypeVar("T")
R = TypeVar("R")
Path_ = tuple[str, ...]


@dataclass(frozen=True)
class Batch:
    """Consecutive raw input lines; ``first`` is the 1-based number of the first one."""

    first: int
    lines: list[bytes]

    @property
    def nbytes(self) -> int:
        return sum(map(len, self.lines))


@dataclass
class Done:
    """What became of one batch: output bytes and problems, per line, in order."""

    nbytes: int
    #: (line number, output or None, error or None); output and error may both be set
    #: when a bad line is passed through (text mode with ``skip``).
    lines: list[tuple[int, bytes | None, str | None]] = field(default_factory=list)
    logs: list[bytes] = field(default_factory=list)
    records: int = 0
    changed: int = 0
    applied: int = 0
    flagged: int = 0
    #: Per --field (dotted): records where it never occurs, and records where it is null or
    #: holds no string.
    absent: dict[str, int] = field(default_factory=dict)
    unusable: dict[str, int] = field(default_factory=dict)

    def count(self, result: Result) -> None:
        self.applied += len(result.applied)
        self.flagged += len(result.flagged)


def read_batches(
    stream: IO[bytes], *, lines: int = BATCH_LINES, nbytes: int = BATCH_BYTES
) -> Iterator[Batch]:
    """Split a binary stream into batches of whole lines, reading lazily.

    >>> import io
    >>> [(b.first, b.lines) for b in read_batches(io.BytesIO(b"a\\nb\\nc"), lines=2)]
    [(1, [b'a\\n', b'b\\n']), (3, [b'c'])]
    """
    batch: list[bytes] = []
    size = 0
    first = 1
    for line in stream:
        batch.append(line)
        size += len(line)
        if len(batch) >= lines or size >= nbytes:
            yield Batch(first, batch)
            first += len(batch)
            batch, size = [], 0
    if batch:
        yield Batch(first, batch)


def parse_field(dotted: str) -> Path_:
    """A ``--field`` value as a path of keys.

    >>> parse_field("body.text")
    ('body', 'text')
    """
    parts = tuple(dotted.split("."))
    if not all(parts):
        raise ValueError(f"bad field path {dotted!r}: empty key")
    return parts


def targets(node: Any, path: Path_, label: str = "") -> Iterator[tuple[Any, Any, str]]:
    """Every string the path reaches: (container, key or index, label).

    A list on the way is entered element by element; a list at the end contributes each of
    its strings. Anything missing or of another type is left alone.

    >>> rec = {"a": {"b": "x"}, "l": [{"t": "y"}, {"t": 3}], "s": ["p", 1, "q"]}
    >>> [lab for _, _, lab in targets(rec, ("a", "b"))]
    ['a.b']
    >>> [lab for _, _, lab in targets(rec, ("l", "t"))], [lab for _, _, lab in targets(rec, ("s",))]
    (['l[0].t'], ['s[0]', 's[2]'])
    """
    if not isinstance(node, dict) or path[0] not in node:
        return
    head, rest = path[0], path[1:]
    value = node[head]
    here = f"{label}.{head}" if label else head
    if not rest:
        if isinstance(value, str):
            yield node, head, here
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield value, i, f"{here}[{i}]"
        return
    if isinstance(value, list):
        for i, item in enumerate(value):
            yield from targets(item, rest, f"{here}[{i}]")
    else:
        yield from targets(value, rest, here)


def reaches(node: Any, path: Path_) -> bool:
    """Whether the path leads anywhere in ``node`` (whatever the value there, null too).

    >>> reaches({"body": {"text": None}}, ("body", "text")), reaches({"body": 1}, ("body", "txt"))
    (True, False)
    """
    if isinstance(node, list):
        return any(reaches(item, path) for item in node)
    if not isinstance(node, dict) or path[0] not in node:
        return False
    return len(path) == 1 or reaches(node[path[0]], path[1:])


def _decode(raw: bytes, lineno: int) -> str:
    text = raw.decode("utf-8")
    return text[1:] if lineno == 1 and text.startswith("\ufeff") else text


def _utf8_error(exc: UnicodeDecodeError) -> str:
    return f"not UTF-8 ({exc.reason} at byte {exc.start})"


@dataclass(frozen=True)
class JsonlJob:
    """Repairs the chosen fields of each JSON object and appends its change log.

    Every other field keeps its value and the keys keep their order; the output is compact
    UTF-8 JSON, one object per line. Picklable (a Normalizer pickles as a small recipe).

    >>> from normalize.lexicon import Entity, Lexicon
    >>> job = JsonlJob(Normalizer(Lexicon((Entity("p/h", "person", "Haftar",
    ...     garbles=("haftal",)),))), (("text",),))
    >>> done = job(Batch(1, [b'{"id": 7, "text": "haftal said", "n": 1.5}\\n', b'[1]\\n']))
    >>> print(done.lines[0][1].decode()[:62])
    {"id": 7, "text": "Haftar said", "n": 1.5, "_normalize": {"sch
    >>> done.lines[1]
    (2, None, 'not a JSON object')
    """

    normalizer: Normalizer
    fields: tuple[Path_, ...]
    log_field: str = LOG_FIELD

    def __call__(self, batch: Batch) -> Done:
        done = Done(batch.nbytes)
        for lineno, raw in enumerate(batch.lines, batch.first):
            if not raw.strip():
                continue  # blank lines (often a trailing one) carry no record
            try:
                # Without its line break: a record cut short is then reported at its end,
                # not at "column 1" of the line after it.
                record = json.loads(_decode(raw, lineno).rstrip("\r\n"))
            except UnicodeDecodeError as exc:
                done.lines.append((lineno, None, _utf8_error(exc)))
                continue
            except json.JSONDecodeError as exc:
                problem = f"malformed JSON: {exc.msg} (column {exc.colno})"
                done.lines.append((lineno, None, problem))
                continue
            if not isinstance(record, dict):
                done.lines.append((lineno, None, "not a JSON object"))
                continue
            self.fix_record_in_place(record, done)
            data = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
            done.lines.append((lineno, data, None))
        return done

    def fix_record_in_place(self, record: dict[str, Any], done: Done) -> None:
        """Repair the chosen fields of ``record`` and add its change log."""
        changes: list[dict[str, Any]] = []
        applied = flagged = 0
        for path in self.fields:
            found = list(targets(record, path))
            if not found:
                tally = done.unusable if reaches(record, path) else done.absent
                dotted = ".".join(path)
                tally[dotted] = tally.get(dotted, 0) + 1
            for container, key, label in found:
                result = self.normalizer.fix(container[key])
                container[key] = result.text
                done.count(result)
                applied += len(result.applied)
                flagged += len(result.flagged)
                changes.extend({"field": label, **c.to_json()} for c in result.changes)
        record[self.log_field] = {
            "schema": REPORT_SCHEMA_VERSION,
            "applied": applied,
            "flagged": flagged,
            "changes": changes,
        }
        done.records += 1
        done.changed += applied > 0


@dataclass(frozen=True)
class TextJob:
    """Repairs plain text line by line, keeping every line ending and a leading BOM.

    A line that is not UTF-8 is passed through untouched when ``passthrough`` is set (and
    reported either way). With ``log``, each changed line also yields a JSON log line.
    """

    normalizer: Normalizer
    passthrough: bool = False
    log: bool = False

    def __call__(self, batch: Batch) -> Done:
        done = Done(batch.nbytes)
        for lineno, raw in enumerate(batch.lines, batch.first):
            body = raw.rstrip(b"\r\n")
            ending = raw[len(body) :]
            bom = b"\xef\xbb\xbf" if lineno == 1 and body.startswith(b"\xef\xbb\xbf") else b""
            try:
                text = body[len(bom) :].decode("utf-8")
            except UnicodeDecodeError as exc:
                done.lines.append((lineno, raw if self.passthrough else None, _utf8_error(exc)))
                continue
            result = self.normalizer.fix(text)
            done.count(result)
            done.records += 1
            done.changed += result.changed
            if result.changes and self.log:
                entry = {"line": lineno, "changes": [c.to_json() for c in result.changes]}
                done.logs.append((json.dumps(entry, ensure_ascii=False) + "\n").encode())
            out = raw if not result.changed else bom + result.text.encode("utf-8") + ending
            done.lines.append((lineno, out, None))
        return done


def ordered_map(
    func: Callable[[T], R], items: Iterable[T], *, workers: int = 1, window: int | None = None
) -> Iterator[R]:
    """``map(func, items)`` on ``workers`` processes, results in input order.

    At most ``window`` items (default ``2 * workers + 2``) are in flight, so a long or
    endless input is read only as fast as results are taken. ``func`` and the items must
    pickle. Worker processes are started fresh (``spawn``): safe with threads in the
    parent, and the same on every platform. Closing the iterator early cancels the rest.
    """
    if workers <= 1:
        yield from map(func, items)
        return
    import multiprocessing

    limit = window if window is not None else 2 * workers + 2
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    pending: deque[Future[R]] = deque()
    try:
        for item in items:
            pending.append(pool.submit(func, item))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
