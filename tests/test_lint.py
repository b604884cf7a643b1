"""`lexicon check`: the shipped lexicons pass, and a planted error of every kind is caught."""

from __future__ import annotations

import pytest

from normalize.lexicon.lint import CHECKS, Finding, lint_sources
from normalize.lexicon.loader import default_lexicon_files

HEAD = "format: 1\nmeta: {title: test, origin: hand-curated}\n"


def lint(body: str, *more: tuple[str, str], examples: bool = False) -> list[Finding]:
    """The findings on the planted files; those of ``no-examples`` only when ``examples``
    (the entries planted for the other checks carry none)."""
    sources = [("a.yaml", HEAD + body, ""), *((n, HEAD + t, "") for n, t in more)]
    found = lint_sources(sources).findings
    return [f for f in found if examples or f.check != "no-examples"]


def ent(ident: str, canonical: str, **fields: str) -> str:
    extra = "".join(f"    {k}: {v}\n" for k, v in fields.items())
    return f"  - id: {ident}\n    type: person\n    canonical: {canonical}\n{extra}"


def test_shipped_lexicons_pass() -> None:
    report = lint_sources([(n, t, "") for n, t in default_lexicon_files()])
    assert [str(f) for f in report.findings] == []


PLANTED = {
    "schema": "entities:\n" + ent("person/a", "A", colour="red"),
    "duplicate-id": "entities:\n" + ent("person/a", "Ann Bee") + ent("person/a", "Cee Dee"),
    "duplicate-form": "entities:\n" + ent("person/a", "Ann Bee", aliases="[Ann Bee]"),
    "unmatchable": "entities:\n" + ent("person/a", "Ann Bee", aliases='["Bee, Ann"]'),
    "garble-ambiguous": "entities:\n"
    + ent("person/a", "Ann Bee", garbles="[anbi]")
    + ent("person/b", "Ann Bix", garbles="[anbi]"),
    "garble-is-name": "entities:\n"
    + ent("person/a", "Ann Bee", garbles="[Bix]")
    + ent("person/b", "Cee Bix", short="Bix"),
    "shared-name": "entities:\n"
    + ent("person/a", "Ann Bee", short="Bee")
    + ent("person/b", "Cee Bee", aliases="[Bee]"),
    "english-word": "entities:\n" + ent("person/a", "Ann Bee", garbles="[table]"),
    "no-examples": "entities:\n" + ent("person/a", "Ann Bix", garbles="[anbi]"),
    "chain": "entities:\n"
    + ent("person/a", "Ann Bee", garbles="[Cee Dee]")
    + ent("person/b", "Cee Dee"),
    "example": "entities:\n"
    + ent("person/a", "Ann Bee", garbles="[anbi]", examples='[{text: "anbi", fixed: "Ann"}]'),
    "unknown-entity": "confusions:\n  - {id: mt/x, wrong: A, right: B, means: person/zz, why: w}\n",
    "load": "entities: [\n",
}


@pytest.mark.parametrize("check", sorted(PLANTED))
def test_planted_error_is_caught_with_file_line_and_entry(check: str) -> None:
    found = lint(PLANTED[check], examples=check == "no-examples")
    assert check in {f.check for f in found}, found
    hit = next(f for f in found if f.check == check)
    assert hit.path == "a.yaml" and hit.line > 0
    if check not in {"load"}:
        assert hit.entry is not None


def test_every_check_has_a_planted_error() -> None:
    assert set(CHECKS) == set(PLANTED)


def test_english_alias_is_wrong_with_or_without_context() -> None:
    # --canonical rewrites an alias wherever it is written: context terms do not gate it.
    for extra in ({}, {"context": "[Paris]"}):
        body = "entities:\n" + ent("person/a", "Ann Bix", aliases="[Table]", **extra)
        assert [f.check for f in lint(body)] == ["english-word"]
    # An English calque is fine with context terms (calques are corrected only with them).
    body = "entities:\n" + ent("person/a", "Ann Bix", calques="[Table]", context="[Paris]")
    assert lint(body) == []


def test_every_problem_is_reported_in_one_run() -> None:
    body = "entities:\n" + ent("person/a", "Ann Bix", garbles="[table, chair]")
    body += ent("person/a", "Cee Dee")
    found = lint(body, ("b.yaml", "entities: [\n"))
    assert [f.check for f in found] == ["english-word", "english-word", "duplicate-id", "load"]
    assert str(found[0]).startswith("a.yaml:4: person/a: [english-word] garble 'chair'")


def test_unreadable_file_is_fatal() -> None:
    report = lint_sources([("gone.yaml", None, "No such file")])
    assert report.fatal and str(report.findings[0]) == "gone.yaml: [load] cannot read: No such file"
