"""Coverage-guided fuzzing of the engine with the shipped lexicons (run by `make fuzz`).

Any exception, or a broken promise (replay, idempotence, text outside changes), is a crash;
atheris saves the input as crash-* so it can become a regression test.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from normalize import Normalizer, apply_changes
    from normalize.chunking import fix_chunked

NORMALIZER = Normalizer()


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    chunk = fdp.ConsumeIntInRange(1, 64)
    text = fdp.ConsumeUnicodeNoSurrogates(len(data))
    result = NORMALIZER.fix(text)
    if apply_changes(text, result.changes) != result.text:
        raise AssertionError("changes do not replay")
    if NORMALIZER.fix(result.text).text != result.text:
        raise AssertionError("not idempotent")
    segments = list(fix_chunked(NORMALIZER, [text], chunk_chars=chunk, context_chars=256))
    if "".join(s.original for s in segments) != text:
        raise AssertionError("chunking lost text")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
