"""Streams of records: JSON Lines or plain-text lines, in bounded batches, in input order.

No printing and no exit codes here (that is :mod:`normalize.cli.batch`): this module turns
input lines into output lines plus per-line outcomes, and maps that over worker processes
with a bounded number of batches in flight, so memory stays flat however long the input.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import IO, Any, TypeVar

from normalize.engine import Normalizer
from normalize.limits import MAX_RECORD_BYTES
from normalize.model import REPORT_SCHEMA_VERSION, Result
from normalize.protect import PatternTimeoutError

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
    #: Line numbers of records over MAX_RECORD_BYTES: never read whole, each held as b"".
    oversize: tuple[int, ...] = ()

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

    def merge(self, other: Done) -> None:
        """Add the counts of ``other`` (one record's, kept apart until it was written)."""
        self.records += other.records
        self.changed += other.changed
        self.applied += other.applied
        self.flagged += other.flagged
        for mine, theirs in ((self.absent, other.absent), (self.unusable, other.unusable)):
            for dotted, n in theirs.items():
                mine[dotted] = mine.get(dotted, 0) + n


def _line(raw: bytes) -> bytes:
    """An input line as an output line: ending in a newline."""
    return raw if raw.endswith(b"\n") else raw + b"\n"


def read_batches(
    stream: IO[bytes], *, lines: int = BATCH_LINES, nbytes: int = BATCH_BYTES
) -> Iterator[Batch]:
    """Split a binary stream into batches of whole lines, reading lazily.

    >>> import io
    >>> [(b.first, b.lines) for b in read_batches(io.BytesIO(b"a\\nb\\nc"), lines=2)]
    [(1, [b'a\\n', b'b\\n']), (3, [b'c'])]
    """
    batch: list[bytes] = []
    oversize: list[int] = []
    size = 0
    first = 1
    while line := stream.readline(MAX_RECORD_BYTES + 1):
        if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
            # A record too long to hold (``/dev/zero`` is one endless line): reported as a
            # bad record; the batch closes at once, and the rest of the line is passed over
            # a bounded piece at a time when reading goes on.
            oversize.append(first + len(batch))
            batch.append(b"")
            yield Batch(first, batch, tuple(oversize))
            first += len(batch)
            batch, size, oversize = [], 0, []
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            continue
        batch.append(line)
        size += len(line)
        if len(batch) >= lines or size >= nbytes:
            yield Batch(first, batch)
            first += len(batch)
            batch, size = [], 0
    if batch:
        yield Batch(first, batch)


_OVERSIZE = f"record over the {MAX_RECORD_BYTES}-byte limit; left out"


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


class RecordError(ValueError):
    """A line that is JSON but cannot be repaired faithfully; ``str()`` says why."""


class NotJsonError(json.JSONDecodeError):
    """A Python extension of JSON (NaN, Infinity) that JSON itself does not have."""


def _no_constant(name: str) -> Any:
    raise NotJsonError(f"{name} is not JSON", name, 0)


def _finite(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise RecordError(f"number {text[:40]} is out of range (it would be written as Infinity)")
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    record = dict(pairs)
    if len(record) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise RecordError(f"duplicate key {key[:80]!r} (one value would be lost)")
            seen.add(key)
    return record


def parse_record(text: str) -> Any:
    """One JSON value, strictly: no NaN/Infinity, no overflowing number, no duplicate key.

    Raises :class:`json.JSONDecodeError` for a line that is not JSON, and
    :class:`RecordError` for one that is JSON but could not be written back as it was
    (a number out of range, nesting too deep, a duplicate key).
    """
    try:
        return json.loads(
            text,
            parse_constant=_no_constant,
            parse_float=_finite,
            object_pairs_hook=_unique_keys,
        )
    except RecursionError:
        raise RecordError("nested too deeply") from None
    except (RecordError, json.JSONDecodeError):
        raise
    except ValueError:  # an integer over Python's digit limit
        limit = getattr(sys, "get_int_max_str_digits", lambda: 4300)()
        raise RecordError(f"an integer of over {limit} digits cannot be read") from None


@dataclass(frozen=True)
class JsonlJob:
    """Repairs the chosen fields of each JSON object and appends its change log.

    Every other field keeps its value and the keys keep their order; the output is compact
    UTF-8 JSON, one object per line. Picklable (a Normalizer pickles as a small recipe).

    A line that is not JSON is reported and not written. A line that is JSON but cannot be
    repaired faithfully (a duplicate key, a number out of range, a lone surrogate, nesting
    too deep, a log field it already has, an ignore pattern that ran out of time) is
    reported and passed through as it was, so a skipping run loses no record.

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
            if lineno in batch.oversize:
                done.lines.append((lineno, None, _OVERSIZE))
                continue
            if not raw.strip():
                continue  # blank lines (often a trailing one) carry no record
            try:
                # Without its line break: a record cut short is then reported at its end,
                # not at "column 1" of the line after it.
                record = parse_record(_decode(raw, lineno).rstrip("\r\n"))
            except UnicodeDecodeError as exc:
                done.lines.append((lineno, None, _utf8_error(exc)))
                continue
            except NotJsonError as exc:
                done.lines.append((lineno, None, f"malformed JSON: {exc.msg}"))
                continue
            except json.JSONDecodeError as exc:
                problem = f"malformed JSON: {exc.msg} (column {exc.colno})"
                done.lines.append((lineno, None, problem))
                continue
            except RecordError as exc:
                done.lines.append((lineno, _line(raw), f"{exc}; passed through unrepaired"))
                continue
            if not isinstance(record, dict):
                done.lines.append((lineno, None, "not a JSON object"))
                continue
            if not self._may_log(record):
                problem = (
                    f"already has a field {self.log_field!r} (not a normalize log);"
                    " passed through unrepaired (choose another --log-field)"
                )
                done.lines.append((lineno, _line(raw), problem))
                continue
            scratch = Done(0)
            try:
                self.fix_record_in_place(record, scratch)
                data = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
            except UnicodeEncodeError:
                problem = "a string holds a lone surrogate (not Unicode); passed through unrepaired"
                done.lines.append((lineno, _line(raw), problem))
                continue
            except (PatternTimeoutError, RecursionError, ValueError) as exc:
                problem = f"{str(exc)[:200]}; passed through unrepaired"
                done.lines.append((lineno, _line(raw), problem))
                continue
            done.merge(scratch)
            done.lines.append((lineno, data, None))
        return done

    def _may_log(self, record: dict[str, Any]) -> bool:
        """Whether the log field is free, or holds an earlier run's log (replaced)."""
        old = record.get(self.log_field)
        return self.log_field not in record or (isinstance(old, dict) and "schema" in old)

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
            if lineno in batch.oversize:
                done.lines.append((lineno, None, _OVERSIZE))
                continue
            body = raw.rstrip(b"\r\n")
            ending = raw[len(body) :]
            bom = b"\xef\xbb\xbf" if lineno == 1 and body.startswith(b"\xef\xbb\xbf") else b""
            try:
                text = body[len(bom) :].decode("utf-8")
            except UnicodeDecodeError as exc:
                done.lines.append((lineno, raw if self.passthrough else None, _utf8_error(exc)))
                continue
            try:
                result = self.normalizer.fix(text)
            except PatternTimeoutError as exc:
                problem = f"{exc}; passed through unrepaired"
                done.lines.append((lineno, raw, problem))
                continue
            done.count(result)
            done.records += 1
            done.changed += result.changed
            if result.changes and self.log:
                entry = {"line": lineno, "changes": [c.to_json() for c in result.changes]}
                done.logs.append((json.dumps(entry, ensure_ascii=False) + "\n").encode())
            out = raw if not result.changed else bom + result.text.encode("utf-8") + ending
            done.lines.append((lineno, out, None))
        return done


def tie_to_parent(parent: int) -> None:
    """Make this worker process end when ``parent`` does, however the parent ends.

    A parent killed by SIGKILL (or SIGTERM before it could shut its pool down) would
    otherwise leave its workers, and the resource tracker they keep alive, running for
    ever. On Linux the kernel sends SIGKILL on the parent's death (``PR_SET_PDEATHSIG``);
    elsewhere, and to close the race of a parent that died before that was set, a daemon
    thread watches the parent's pid.
    """
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)  # the parent is already gone

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="normalize-parent-watch", daemon=True).start()


_PR_SET_PDEATHSIG = 1


#: The function a worker applies to each item (see :func:`ordered_map`): set once, when the
#: worker starts, so that a task carries only its item.
_work: Callable[[Any], Any] | None = None


def _start_worker(parent: int, func: Callable[[Any], Any] | None = None) -> None:
    """What each worker process does first: :func:`tie_to_parent`, keep ``func`` for
    :func:`_call`, and freeze what the compiled cache loads (as the command line does in
    its own process). A worker's compiled lexicons live as long as it does; unfrozen, the
    collection that follows their loading, and every full one after it, walks each of their
    objects to free nothing (about 0.05 s per worker for the shipped lexicons, measured)."""
    global _work
    import signal

    from normalize import cache

    # A forked worker inherits the parent's handlers (held ones, while it submitted): the
    # ones a fresh interpreter has instead, as a spawned worker has them.
    for name, handler in (("SIGINT", signal.default_int_handler), ("SIGTERM", signal.SIG_DFL),
                          ("SIGHUP", signal.SIG_DFL)):  # fmt: skip
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, handler)
    cache.freeze_loaded = True
    _work = func
    tie_to_parent(parent)


def _call(item: Any) -> Any:
    """One task in a worker: the function given at its start, applied to ``item``."""
    assert _work is not None, "worker started without a function"
    return _work(item)


#: Ways to start worker processes (see :func:`ordered_map`).
START_METHODS = ("spawn", "fork")


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP until the block ends, then act on the first one
    caught as its handler would have (main thread only; elsewhere nothing is held).

    Submitting to the pool may start a worker, which must receive its whole start-up data
    from this process: a signal handled in the middle of that write (the command line turns
    SIGTERM into an exception) would leave the worker to die with a traceback of its own.
    """
    import signal

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous: dict[int, Any] = {}

    def hold(signum: int, frame: object) -> None:
        caught.append(signum)

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is not None:
            previous[number] = signal.signal(number, hold)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if caught:
            handler = previous[caught[0]]
            if callable(handler):
                handler(caught[0], None)
            elif handler == signal.SIG_DFL:
                signal.raise_signal(caught[0])


def ordered_map(
    func: Callable[[T], R],
    items: Iterable[T],
    *,
    workers: int = 1,
    window: int | None = None,
    start: str = "spawn",
) -> Iterator[R]:
    """``map(func, items)`` on ``workers`` processes, results in input order.

    At most ``window`` items (default ``2 * workers + 2``) are in flight, so a long or
    endless input is read only as fast as results are taken. ``func`` and the items must
    pickle; ``func`` is handed to each worker once, when it starts, and each task carries
    only its item (a job holding a Normalizer is unpickled once per worker, not per item).

    ``start`` is how workers start. ``spawn`` (the default): each is a fresh interpreter
    that imports and loads what ``func`` needs; safe with threads in the parent, and the
    same on every platform. ``fork`` (POSIX only): each is a copy of this process, sharing
    what it has loaded (see :meth:`~normalize.engine.Normalizer.preload`), for a process
    that has no other thread (a thread's locks would be copied held); with another thread
    running, ``spawn`` is used instead. Closing the iterator early cancels the rest.
    """
    if workers <= 1:
        yield from map(func, items)
        return
    import multiprocessing

    if start not in START_METHODS:
        raise ValueError(f"start must be one of {', '.join(START_METHODS)}, not {start!r}")
    if start == "fork" and (
        threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods()
    ):
        start = "spawn"
    if start == "fork":
        for stream in (sys.stdout, sys.stderr):  # a worker's exit flushes its copies
            with contextlib.suppress(Exception):
                stream.flush()
    limit = window if window is not None else 2 * workers + 2
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context(start),
        initializer=_start_worker,
        initargs=(os.getpid(), func),
    )
    pending: deque[Future[R]] = deque()
    try:
        for item in items:
            with _signals_held():
                pending.append(pool.submit(_call, item))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
