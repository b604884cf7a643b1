"""Report formats: CriticMarkup, the HTML page (also in headless Chromium), terminal colour."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
import regex
from click.testing import CliRunner

from normalize.cli import cli
from normalize.engine import Normalizer, Options
from normalize.formats.critic import render_critic
from normalize.formats.html import render_html
from normalize.formats.terminal import change_text
from normalize.lexicon import Lexicon
from normalize.model import Change
from normalize.report import LineIndex, change_line
from normalize.resolve import Thresholds
from tests.conftest import shared_path

TEXT = 'In Libya, the LNA\'s haftal <met> salaj & "chawushiolu".\r\nNo {~~markup~~} here.\n'


@pytest.fixture
def mixed(small_lexicon: Lexicon) -> Normalizer:
    # haftal has two context words (0.97, applied), salaj one (0.96) and chawushiolu none
    # (0.95): both flagged.
    return Normalizer(small_lexicon, Options(thresholds=Thresholds(apply=0.965)))


def test_critic_marks_applied_and_flagged(mixed: Normalizer) -> None:
    result = mixed.fix(TEXT)
    assert [c.action.value for c in result.changes] == ["applied", "flagged", "flagged"]
    out = render_critic(TEXT, result.changes)
    assert out.startswith(
        "In Libya, the LNA's {~~haftal~>Haftar~~} <met> {==salaj==}{>>normalize: "
    )
    assert "'Sarraj'? (flagged 0.96 lexicon.garble person/fayez-al-sarraj;" in out
    assert out.endswith('<<}".\r\nNo {~~markup~~} here.\n')
    # Rejecting every mark gives back the input byte for byte.
    rejected = regex.sub(r"\{~~(.*?)~>.*?~~\}|\{==(.*?)==\}\{>>.*?<<\}", r"\1\2", out)
    assert rejected == TEXT


def test_check_and_fix_stdout_in_critic(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("In Libya, haftal said.\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["check", "--no-config", "--format", "critic", str(path)])
    assert (res.exit_code, res.stdout) == (1, "In Libya, {~~haftal~>Haftar~~} said.\n")
    res = CliRunner().invoke(
        cli, ["fix", "--no-config", "--stdout", "--format", "critic", str(path)]
    )
    assert (res.exit_code, res.stdout) == (0, "In Libya, {~~haftal~>Haftar~~} said.\n")
    res = CliRunner().invoke(cli, ["fix", "--format", "critic", str(path)])
    assert res.exit_code == 2 and "needs --stdout" in res.stderr
    assert path.read_text(encoding="utf-8") == "In Libya, haftal said.\n"


class Changes(HTMLParser):
    """Collects the data-* attributes of every element with class ``change``, and any
    attribute that would fetch something."""

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[dict[str, str]] = []
        self.fetches: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.add(tag)
        if "change" in a.get("class", "").split() and "data-start" in a:
            self.changes.append({k[5:]: v for k, v in a.items() if k.startswith("data-")})
        self.fetches += [v for k, v in a.items() if k in ("src", "href") and not v.startswith("#")]


def expected(report: dict[str, object]) -> list[dict[str, str]]:
    out = []
    for c in report["changes"]:  # type: ignore[attr-defined]
        change = Change.from_json(c)
        out.append(
            {
                "start": str(change.start),
                "end": str(change.end),
                "original": change.original,
                "replacement": change.replacement,
                "action": change.action.value,
                "confidence": f"{change.confidence:.4g}",
                "rule": change.rule,
                "entity": change.entity or "",
            }
        )
    return out


def test_html_page_is_escaped_self_contained_and_complete(mixed: Normalizer) -> None:
    result = mixed.fix(TEXT)
    page = render_html([("<a&b>.txt", TEXT, result)])
    parser = Changes()
    parser.feed(page)
    assert parser.fetches == []
    assert not parser.tags & {"script", "link", "img", "iframe"}
    assert "&lt;met&gt;" in page and "&lt;a&amp;b&gt;.txt" in page
    assert [c["original"] for c in parser.changes] == ["haftal", "salaj", "chawushiolu"]
    assert [c["action"] for c in parser.changes] == ["applied", "flagged", "flagged"]


def chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs Debian's chromium package")
        pytest.skip("chromium is not installed (apt-get install chromium); CI runs this test")
    return exe


def test_html_report_of_seed_003_renders_in_chromium(tmp_path: Path) -> None:
    exe = chromium()
    seed = shared_path("seeds", "003_5427bc860031b65b.txt")
    # 0.97 splits seed 003 into applied and flagged changes, so both kinds are on the page.
    args = ["--no-config", "--apply-threshold", "0.97", str(seed)]
    report = json.loads(CliRunner().invoke(cli, ["check", "--format", "json", *args]).stdout)
    want = expected(report)
    assert {c["action"] for c in want} == {"applied", "flagged"}
    page = tmp_path / "report.html"
    page.write_bytes(CliRunner().invoke(cli, ["check", "--format", "html", *args]).stdout_bytes)
    proc = subprocess.run(
        [
            exe,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    parser = Changes()
    parser.feed(proc.stdout)
    assert parser.changes == want
    applied = sum(c["action"] == "applied" for c in want)
    assert f"1 file(s), {applied} applied, {len(want) - applied} flagged." in proc.stdout
    assert parser.fetches == []


def test_terminal_change_line_is_the_plain_line(mixed: Normalizer) -> None:
    result = mixed.fix(TEXT)
    index = LineIndex(TEXT)
    for change in result.changes:
        text = change_text("a.txt", index, change)
        assert text.plain == change_line("a.txt", index, change)
        assert text.spans


def test_colour_only_when_forced_and_never_with_no_color(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("In Libya, haftal said.\n", encoding="utf-8")
    args = ["fix", "--no-config", "--diff", str(path)]
    plain = CliRunner().invoke(cli, args).stdout
    assert "\x1b[" not in plain and "+In Libya, Haftar said." in plain
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    coloured = CliRunner().invoke(cli, args).stdout
    assert "\x1b[32m+In Libya, Haftar said." in coloured
    check = CliRunner().invoke(cli, ["check", "--no-config", str(path)])
    assert "\x1b[" in check.stdout and "\x1b[" in check.stderr
    monkeypatch.setenv("NO_COLOR", "1")
    assert CliRunner().invoke(cli, args).stdout == plain
