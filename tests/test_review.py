"""`normalize review`: the session logic, and the command driven in a real pseudo-terminal."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pexpect
import pytest
from click.testing import CliRunner

from normalize import Normalizer, Options, Thresholds
from normalize.cli import cli
from normalize.config import load_config
from normalize.model import Action, Change, apply_changes
from normalize.review import Session
from tests.conftest import SHARED, spawn_review

ROOT = Path(__file__).resolve().parent.parent
SEED = SHARED / "seeds" / "003_5427bc860031b65b.txt"
PROMPT = "[q]uit [?] "


def source() -> Path:
    """Seed 003 as the issue asks; the demo fixture where ../shared is absent (not in CI)."""
    if SEED.exists():
        return SEED
    if os.environ.get("CI"):
        pytest.fail(f"{SEED} is missing: CI runs with shared/ beside the clone")
    return ROOT / "fixtures" / "demo" / "input.txt"


def all_flagged(text: str) -> tuple[Change, ...]:
    """What the review shows with --apply-threshold 1.0: every change, flagged."""
    options = Options(thresholds=Thresholds(apply=1.0, flag=0.5))
    changes = Normalizer(options=options).fix(text).changes
    assert len(changes) >= 4 and all(c.action is Action.FLAGGED for c in changes)
    return changes


def applied(text: str, *changes: Change) -> str:
    return apply_changes(text, [dataclasses.replace(c, action=Action.APPLIED) for c in changes])


def spawn(tmp_path: Path, *args: str) -> pexpect.spawn:
    child: pexpect.spawn = spawn_review(tmp_path, *args)
    return child


def keys(child: pexpect.spawn, *presses: str) -> None:
    for key in presses:
        child.expect_exact(PROMPT)
        child.send(key)


def finish(child: pexpect.spawn) -> tuple[int, str]:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus, child.before


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_bytes(source().read_bytes())
    return path


def test_accept_reject_edit_then_quit_half_way(tmp_path: Path, doc: Path) -> None:
    text = doc.read_text(encoding="utf-8")
    items = all_flagged(text)
    child = spawn(tmp_path, "--apply-threshold", "1.0", doc.name)
    child.expect_exact(f"[1/{len(items)}] ")
    keys(child, "y", "n", "e")
    child.expect_exact(f"replacement [{items[2].replacement}]: ")
    child.sendline("EDITED")
    keys(child, "q")
    code, out = finish(child)
    assert code == 0
    assert f"wrote (1 accepted, 1 rejected, 1 edited, {len(items) - 3} undecided)" in out
    edited = dataclasses.replace(items[2], replacement="EDITED")
    assert doc.read_text(encoding="utf-8") == applied(text, items[0], edited)


def test_entity_wide_decisions_and_undo(tmp_path: Path, doc: Path) -> None:
    text = doc.read_text(encoding="utf-8")
    items = all_flagged(text)
    # Reject the first entity wholesale, skip (reject) single changes until the first one
    # whose entity recurs among what is left, accept that entity wholesale, then undo.
    rest = [c for c in items if c.entity != items[0].entity]
    skip = 0
    while sum(c.entity == rest[skip].entity for c in rest) < 2:
        skip += 1
    target = rest[skip]
    same = [c for c in rest if c.entity == target.entity]
    assert len(same) > 1  # the test needs an entity seen more than once
    child = spawn(tmp_path, "--apply-threshold", "1.0", doc.name)
    keys(child, "N", *("n" * skip), "Y")
    child.expect_exact(f"accepted {len(same)}")
    keys(child, "u")
    child.expect_exact(f"undid {len(same)}")
    keys(child, "y", "q")
    code, _ = finish(child)
    assert code == 0
    # Every change of the first entity and the skipped ones rejected; of the target entity,
    # only the one accepted after the entity-wide accept was undone.
    assert doc.read_text(encoding="utf-8") == applied(text, target)


def test_ignore_word_goes_to_the_allow_list(tmp_path: Path, doc: Path) -> None:
    text = doc.read_text(encoding="utf-8")
    items = all_flagged(text)
    child = spawn(tmp_path, "--apply-threshold", "1.0", doc.name)
    keys(child, "i")
    child.expect_exact("> ")
    child.send("a")  # everywhere: the allow list (the other choice is tests/test_first_contact)
    keys(child, "q")
    code, out = finish(child)
    assert code == 0 and "allow-list in" in out
    assert doc.read_text(encoding="utf-8") == text
    assert load_config(tmp_path / ".normalize.yaml")["allow"] == (items[0].original,)
    # Not asked again: the next review starts at another word.
    child = spawn(tmp_path, "--config", ".normalize.yaml", "--apply-threshold", "1.0", doc.name)
    child.expect_exact("[1/")
    child.expect_exact(PROMPT)
    assert repr(items[0].original) not in child.before
    child.send("q")
    assert finish(child)[0] == 0


def test_ctrl_c_writes_nothing(tmp_path: Path, doc: Path) -> None:
    before = doc.read_bytes()
    child = spawn(tmp_path, "--apply-threshold", "1.0", doc.name)
    keys(child, "y", "\x03")
    code, out = finish(child)
    assert code == 1 and "nothing written" in out
    assert doc.read_bytes() == before


def test_all_reviews_applied_changes_and_undecided_keep_the_engine_decision(
    tmp_path: Path, doc: Path
) -> None:
    text = doc.read_text(encoding="utf-8")
    result = Normalizer().fix(text)
    assert result.applied
    child = spawn(tmp_path, "--all", doc.name)
    child.expect_exact(f"[1/{len(result.changes)}] ")
    keys(child, "n", "q")
    assert finish(child)[0] == 0
    assert doc.read_text(encoding="utf-8") == applied(text, *result.applied[1:])


def test_review_needs_a_terminal(doc: Path) -> None:
    res = CliRunner().invoke(cli, ["review", "--no-config", str(doc)])
    assert res.exit_code == 2 and "needs a terminal" in res.stderr


def test_session_rules() -> None:
    text = "aa bb aa cc"
    mk = lambda s, o, r, e: Change(s, s + 2, o, r, Action.FLAGGED, 0.7, "x.y", e)  # noqa: E731
    a1, b, a2 = mk(0, "aa", "AA", "e/a"), mk(3, "bb", "BB", None), mk(6, "aa", "AA", "e/a")
    sure = Change(9, 11, "cc", "CC", Action.APPLIED, 0.9, "x.y", None)
    s = Session(text, (a2, b, a1), others=(sure,))
    assert s.current() == a1
    assert s.output() == "aa bb aa CC"  # nothing decided: the engine's decisions
    assert s.accept_entity() == 2
    assert s.current() == b
    s.reject(allow=True)
    assert s.done and s.output() == "AA bb AA CC"
    assert s.allow_words() == ["bb"]
    assert s.undo() == 1 and s.undo() == 2 and s.undo() == 0
    s.edit("Aa")
    s.accept()
    assert s.counts() == {"accepted": 1, "rejected": 0, "edited": 1, "undecided": 1}
    assert s.output() == "Aa BB aa CC"
    s = Session(
        "aa AA aa", (mk(0, "aa", "x", "e/1"), mk(3, "AA", "y", "e/2"), mk(6, "aa", "z", None))
    )
    s.accept()
    assert s.ignore_word() == 2  # every later "aa", whatever the entity or case
    assert s.done and s.allow_words() == ["AA"]
    assert s.undo() == 2 and s.ignore_word() == 2 and s.ignore_word() == 0
    with pytest.raises(IndexError):
        Session("", ()).accept()
