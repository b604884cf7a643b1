"""Coverage-guided fuzzing of `batch`'s record handling (run by `make fuzz`).

Every input line must come out as exactly one outcome: repaired (strict JSON, the log field
added), passed through byte for byte, or reported as bad with its own line number. Any
exception, a line counted twice or not at all, or output that is not strict JSON is a crash;
atheris saves the input as crash-* so it can become a regression test.
"""

from __future__ import annotations

import json
import sys

import atheris

with atheris.instrument_imports():
    from normalize import Normalizer
    from normalize.batch import LOG_FIELD, Batch, JsonlJob, TextJob

NORMALIZER = Normalizer()
JSONL = JsonlJob(NORMALIZER, (("text",), ("body", "text")))
TEXT = TextJob(NORMALIZER, passthrough=True, log=True)


def _strict(value: str) -> object:
    def refuse(name: str) -> object:
        raise AssertionError(f"{name} written")

    return json.loads(value, parse_constant=refuse)


def test_one_input(data: bytes) -> None:
    lines = data.splitlines(keepends=True)
    done = JSONL(Batch(1, lines))
    numbers = [n for n, _, _ in done.lines]
    expected = [n for n, raw in enumerate(lines, 1) if raw.strip()]
    if numbers != expected:
        raise AssertionError(f"lines {numbers} reported for {expected}")
    for lineno, out, problem in done.lines:
        if out is None:
            if problem is None:
                raise AssertionError(f"line {lineno} vanished without a report")
            continue
        if problem is not None:
            if out.rstrip(b"\n") != lines[lineno - 1].rstrip(b"\n"):
                raise AssertionError(f"line {lineno} passed through changed")
            continue
        record = _strict(out.decode("utf-8"))
        if not isinstance(record, dict) or LOG_FIELD not in record:
            raise AssertionError(f"line {lineno} repaired without its log")
    text = TEXT(Batch(1, lines))
    if [n for n, _, _ in text.lines] != list(range(1, len(lines) + 1)):
        raise AssertionError("text mode lost or repeated a line")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
