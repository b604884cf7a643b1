"""Coverage-guided fuzzing of idempotence on documents built from lexicon forms (`make fuzz`).

Random bytes rarely spell a name, so the input picks forms of the shipped lexicons (as
written and in lower case), words that rules look beside, and separators; fixing the
resulting text twice must give what fixing it once gives (issue 15 item 19).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from normalize import Normalizer
    from normalize.lexicon import load_default_lexicons

NORMALIZER = Normalizer()
_LEXICON = load_default_lexicons()
PIECES = sorted(
    {
        variant
        for entity in _LEXICON.entities
        for form in (*entity.legitimate(), *entity.garbles, *entity.calques, *entity.context)
        for variant in (form, form.lower())
    }
    | {"is", "(is)", "of is", "IS", "the", "national", "said", "President", "Mr.", "Mr..", "of"}
)
GLUE = (" ", "", "(", ") ", ". ", ", ", "-", "\n", "'s ", " of ", "..", " according to the ")


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    parts = []
    for _ in range(fdp.ConsumeIntInRange(1, 16)):
        parts.append(PIECES[fdp.ConsumeIntInRange(0, len(PIECES) - 1)])
        parts.append(GLUE[fdp.ConsumeIntInRange(0, len(GLUE) - 1)])
    text = "".join(parts)
    once = NORMALIZER.fix(text).text
    if NORMALIZER.fix(once).text != once:
        raise AssertionError(f"not idempotent: {text!r}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
