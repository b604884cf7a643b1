"""`lexicon fmt`: the standard form is stable, keeps the data, and the shipped files use it."""

from __future__ import annotations

import pytest
import yaml

from normalize.lexicon.fmt import FormatError, format_text, standard_form
from normalize.lexicon.loader import default_lexicon_files

SHIPPED = default_lexicon_files()


@pytest.mark.parametrize("name,text", SHIPPED, ids=[n for n, _ in SHIPPED])
def test_shipped_file_is_in_standard_form(name: str, text: str) -> None:
    assert format_text(text, name) == text, f"run: normalize lexicon fmt {name}"


def test_format_sorts_normalises_and_keeps_the_data() -> None:
    text = (
        "meta: {origin: hand-curated, title: t}\nformat: 1\nentities:\n"
        '  - {id: place/b, canonical: "  Co\u0302te  d\'Ivoire ", type: place,'
        " aliases: [X, X, 'yes'], names: {zh: 科, ar: ك}}\n"
        "  - {id: place/a, type: place, canonical: A}\n"
    )
    out = format_text(text)
    assert out == (
        'format: 1\nmeta:\n  title: "t"\n  origin: hand-curated\nentities:\n'
        "  - id: place/a\n    type: place\n    canonical: A\n"
        "  - id: place/b\n    type: place\n    canonical: Côte d'Ivoire\n"
        '    aliases: [X, "yes"]\n    names: {ar: ك, zh: 科}\n'
    )
    assert format_text(out) == out
    assert yaml.safe_load(out) == standard_form(yaml.safe_load(text))


def test_format_refuses_what_is_not_a_yaml_mapping() -> None:
    with pytest.raises(FormatError):
        format_text("- a\n- b\n")
    with pytest.raises(FormatError):
        format_text("a: 1\na: 2\n")
