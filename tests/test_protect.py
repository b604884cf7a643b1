"""Protected text: code fences, inline markers, user ignore patterns (with a timeout)."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import protect
from normalize.cli import cli
from normalize.engine import Normalizer, Options
from normalize.lexicon import Lexicon
from normalize.names import code
from normalize.protect import PatternTimeoutError, Protected, marker_spans, pattern_spans


def fixed(small_lexicon: Lexicon, text: str, **options: object) -> str:
    return Normalizer(small_lexicon, Options(**options)).fix(text).text  # type: ignore[arg-type]


def test_fenced_code_blocks_are_left_alone(small_lexicon: Lexicon) -> None:
    text = "haftal said:\n\n```text\nhaftal\n```\nthen haftal\n~~~~\nsalaj\n~~~~\nsalaj\n"
    assert fixed(small_lexicon, text) == (
        "Haftar said:\n\n```text\nhaftal\n```\nthen Haftar\n~~~~\nsalaj\n~~~~\nSarraj\n"
    )


def test_unclosed_fence_runs_to_the_end(small_lexicon: Lexicon) -> None:
    text = "haftal\n```\nhaftal\nsalaj\n"
    assert fixed(small_lexicon, text) == "Haftar\n```\nhaftal\nsalaj\n"


def test_a_shorter_or_other_fence_does_not_close(small_lexicon: Lexicon) -> None:
    text = "````\n```\nhaftal\n~~~\nhaftal\n````\nhaftal\n"
    assert fixed(small_lexicon, text) == "````\n```\nhaftal\n~~~\nhaftal\n````\nHaftar\n"


def test_fence_must_start_a_line(small_lexicon: Lexicon) -> None:
    # Inline triple backticks are a code span at most, not a block opener.
    assert fixed(small_lexicon, "say ``` haftal\nhaftal\n") == "say ``` Haftar\nHaftar\n"


def test_ignore_marker_leaves_its_line_alone(small_lexicon: Lexicon) -> None:
    text = "haftal\nhaftal is the name <!-- normalize: ignore -->\r\nhaftal\n"
    assert fixed(small_lexicon, text) == (
        "Haftar\nhaftal is the name <!-- normalize: ignore -->\r\nHaftar\n"
    )


def test_off_on_block_in_plain_text_and_markdown(small_lexicon: Lexicon) -> None:
    text = (
        "haftal\n[normalize: off]\nhaftal\nsalaj\n[normalize: on]\nhaftal\n"
        "<!-- NORMALIZE: OFF -->\nsalaj\n"
    )
    assert fixed(small_lexicon, text) == (
        "Haftar\n[normalize: off]\nhaftal\nsalaj\n[normalize: on]\nHaftar\n"
        "<!-- NORMALIZE: OFF -->\nsalaj\n"
    )


def test_marker_needs_the_exact_word() -> None:
    assert marker_spans("to normalize: ignored text\nnormalize:offset\n") == []


def test_urls_emails_and_code_spans_still_protected(small_lexicon: Lexicon) -> None:
    text = "haftal https://haftal.example.com/x haftal@example.org `haftal` haftal\n"
    assert fixed(small_lexicon, text) == (
        "Haftar https://haftal.example.com/x haftal@example.org `haftal` Haftar\n"
    )


def test_ignore_patterns_and_allow_list(small_lexicon: Lexicon) -> None:
    text = "REF haftal-7: haftal and salaj\n"
    assert fixed(small_lexicon, text, ignore=(r"REF \S+",), allow=frozenset({"SALAJ"})) == (
        "REF haftal-7: Haftar and salaj\n"
    )


def test_empty_matches_protect_nothing() -> None:
    assert pattern_spans("abc", [regex.compile(r"x*")]) == []
    assert not Protected("abc", [regex.compile(r"x*")])


def test_bad_pattern_is_a_value_error(small_lexicon: Lexicon) -> None:
    with pytest.raises(ValueError, match="bad ignore pattern"):
        Normalizer(small_lexicon, Options(ignore=("(",)))


def test_catastrophic_pattern_times_out(small_lexicon: Lexicon) -> None:
    # The regex module defuses (a+)+$ but not this alternation.
    normalizer = Normalizer(small_lexicon, Options(ignore=(r"(a|aa)+$",), ignore_timeout=0.05))
    with pytest.raises(PatternTimeoutError, match=r"\(a\|aa\)\+\$"):
        normalizer.fix("a" * 40 + "b haftal")


def test_cli_timeout_is_exit_2_and_leaves_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("normalize.config.PATTERN_TIMEOUT", 0.05)
    path = tmp_path / "a.txt"
    data = "a" * 40 + "b haftal\n"
    path.write_text(data, encoding="utf-8")
    (tmp_path / ".normalize.yaml").write_text("ignore: ['(a|aa)+$']\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["fix", "--config", str(tmp_path / ".normalize.yaml"), str(path)])
    assert res.exit_code == 2
    assert "took longer than" in res.stderr
    assert path.read_text(encoding="utf-8") == data


def test_cli_ignore_flag(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("haftal and Haftal\n", encoding="utf-8")
    res = CliRunner().invoke(
        cli, ["fix", "--no-config", "--stdout", "--ignore", "(?-i:h)aftal", str(path)]
    )
    assert res.stdout == "haftal and Haftar\n"


def test_mailto_links_are_protected() -> None:
    text = "Write to [press](mailto:haftal@example.org) or mailto:desk@example.org today."
    protected = Protected(text)
    for word in ("mailto", "haftal", "desk"):
        start = text.index(word)
        assert protected.overlaps(start, start + len(word)), word


#: Characters that the code marks are made of, so that random texts hold many of them.
_MARK_ALPHABET = "aZ_.()<>:=-$ \n\tbxé1É"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_MARK_ALPHABET, max_size=60))
def test_code_mark_alternatives_match_as_the_combined_pattern(text: str) -> None:
    """The split scan finds what the one alternation finds, match for match, in both the
    writing-style test and the fuzzy finder's own (normalize.names.code)."""
    for module in (protect, code):
        whole = [(m.span(), m.group()) for m in module._CODE_MARK.finditer(text)]
        split = [(m.span(), m.group()) for m in module._CODE_MARK_ALTERNATIVES.finditer(text)]
        assert split == whole


def test_code_mark_alternatives_on_technical_prose() -> None:
    text = (
        ">>> sys_exit() and os.path.join(a, b)\n$ run --verbose <expr> getValue(x) "
        "expr ::= term, k=v, __init__, <span>x</span>, la_la_la, ab.cd.ef"
    )
    whole = [m.span() for m in protect._CODE_MARK.finditer(text)]
    assert len(whole) >= 10
    assert [m.span() for m in protect._CODE_MARK_ALTERNATIVES.finditer(text)] == whole
