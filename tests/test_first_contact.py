"""What a new user tripped over (issue 14, section 4): one test per finding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from normalize.cli import cli


def invoke(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


# -- explain gives check's verdict ----------------------------------------------------------

EXPLAIN_CASES = [
    # "makelong" reads as "make" + "long": check leaves it alone, whatever it resembles.
    ("makelong", "French president makelong said France would send aid.\n"),
    # A listed garble: the exact finder applies it.
    ("haftal", "In Libya, haftal said the LNA would advance.\n"),
    # Unlisted near misses with context: the fuzzy rules decide them (applied, flagged).
    ("boukadum", "In Algiers, foreign minister boukadum met President Tebboune.\n"),
    ("haftarr", "In Libya, haftarr said the LNA would advance.\n"),
    # The token is not in the file: it is scored as if appended to it.
    ("boukadum", "Algeria and its president met in Algiers.\n"),
]


def _check_verdicts(path: Path, token: str, appended: bool) -> set[tuple[str, str, str]]:
    """What `check` does at the places of ``token`` in ``path``: (action, rule, replacement)."""
    if appended:
        probe = path.with_name("probe.txt")
        probe.write_text(path.read_text(encoding="utf-8") + f"\n\n{token}\n", encoding="utf-8")
        path = probe
    report = json.loads(invoke("check", "--format", "json", str(path)).stdout)
    return {
        (c["action"], c["rule"], c["replacement"])
        for c in report["changes"]
        if token.casefold() in c["original"].casefold()
    }


@pytest.mark.parametrize(("token", "text"), EXPLAIN_CASES)
def test_explain_gives_the_verdict_of_check(tmp_path: Path, token: str, text: str) -> None:
    path = tmp_path / "news.txt"
    path.write_text(text, encoding="utf-8")
    expected = _check_verdicts(path, token, token not in text)
    res = invoke("explain", token, "--context", str(path))
    assert res.exit_code == 0
    verdicts = [
        line.strip() for line in res.stdout.splitlines() if line.strip().startswith("check:")
    ]
    assert verdicts, res.stdout
    if not expected:
        assert all(v.startswith("check: no change") for v in verdicts), res.stdout
    else:
        assert len(verdicts) == len(expected)
        for action, rule, replacement in expected:
            assert any(
                f" {action} " in v and rule in v and repr(replacement) in v for v in verdicts
            ), (expected, verdicts)


def test_explain_names_the_real_reason_for_no_change(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_text(EXPLAIN_CASES[0][1], encoding="utf-8")
    out = invoke("explain", "makelong", "--context", str(path)).stdout
    verdict = next(line for line in out.splitlines() if "check:" in line)
    # The word was taken for an English word plus a second one, and the parts are named.
    assert "English" in verdict and "make" in verdict and "long" in verdict
    # Nothing printed afterwards claims the word would be applied.
    assert " applied " not in out
