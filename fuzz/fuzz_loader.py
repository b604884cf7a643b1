"""Coverage-guided fuzzing of the lexicon loader (run by `make fuzz`).

The loader must turn any text into entities or a list of problems; any other exception,
a crash of libyaml or a hang is a finding.
"""

from __future__ import annotations

import contextlib
import sys

import atheris

with atheris.instrument_imports():
    from normalize.lexicon.loader import LexiconError, merge_sources, parse_lexicon


def test_one_input(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))
    parse_lexicon(text, "fuzz.yaml")
    with contextlib.suppress(LexiconError):
        merge_sources([("fuzz.yaml", text, "")])


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
