"""What a new user tripped over (issue 14, section 4): one test per finding."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from normalize.cli import cli
from normalize.lexicon.lint import Baseline, Finding, lint_sources, shipped_baseline
from normalize.lexicon.loader import default_lexicon_files
from tests.conftest import spawn_review


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


# -- lexicon check ----------------------------------------------------------------------

HEAD = "format: 1\nmeta: {title: test, origin: hand-curated}\n"
GENERATED = "format: 1\nmeta:\n  title: test\n  origin: generated\n  generator: tools/x.py\n"
EXAMPLES = '    examples:\n      - {text: "Then Ann Bix spoke.", fixed: "Then Ann Bix spoke."}\n'


def _lint(*files: tuple[str, str], baseline: Baseline | None = None) -> list[Finding]:
    return list(lint_sources([(n, t, "") for n, t in files], baseline=baseline).findings)


def _entity(ident: str, canonical: str, extra: str = "", examples: str = EXAMPLES) -> str:
    return f"  - id: {ident}\n    type: person\n    canonical: {canonical}\n{extra}{examples}"


def test_duplicate_id_is_reported_at_the_new_entry_whatever_the_file_order() -> None:
    # The new entry is in people-world.yaml, which sorts before people.yaml.
    original = HEAD + "entities:\n" + _entity("person/ann-bix", "Ann Bix")
    new = HEAD + "entities:\n" + _entity("person/cee-dox", "Cee Dox")
    new += _entity("person/ann-bix", "Ann Bix")
    found = _lint(("lexicons/people-world.yaml", new), ("lexicons/people.yaml", original))
    line = new.splitlines().index("  - id: person/ann-bix") + 1
    dups = [(f.path, f.line) for f in found if f.check == "duplicate-id"]
    assert ("lexicons/people-world.yaml", line) in dups, found


def test_english_short_forms_and_aliases_are_caught_even_with_context() -> None:
    text = (
        HEAD
        + "entities:\n"
        + _entity(
            "person/john-smith",
            "John Smith",
            "    short: Said\n    aliases: [General, Smitt]\n    context: [army]\n",
        )
    )
    found = [f for f in _lint(("a.yaml", text)) if f.check == "english-word"]
    assert sorted(f.message.split("'")[1] for f in found) == ["General", "Said"]
    assert all(f.entry == "person/john-smith" and f.line == 4 for f in found)


def test_acronyms_and_names_are_not_english_words() -> None:
    text = (
        HEAD
        + "entities:\n"
        + _entity("person/ann-bix", "Ann Bix", "    short: Bix\n    aliases: [AB, Ann Bixx]\n")
    )
    assert _lint(("a.yaml", text)) == []


def test_a_new_hand_curated_entity_needs_examples() -> None:
    bare = "  - id: person/ann-bix\n    type: person\n    canonical: Ann Bix\n"
    found = _lint(("a.yaml", HEAD + "entities:\n" + bare))
    assert [(f.check, f.entry) for f in found] == [("no-examples", "person/ann-bix")]
    # With garbles, one example must also show the correction.
    garbled = _entity("person/ann-bix", "Ann Bix", "    garbles: [anbix]\n")
    found = _lint(("a.yaml", HEAD + "entities:\n" + garbled))
    assert [f.check for f in found] == ["no-examples"]
    fixed = garbled.replace(
        "    examples:\n",
        '    examples:\n      - {text: "Then anbix spoke.", fixed: "Then Ann Bix spoke."}\n',
    )
    assert _lint(("a.yaml", HEAD + "entities:\n" + fixed)) == []
    # A build script writes generated files: it cannot write examples.
    assert _lint(("g.yaml", GENERATED + "entities:\n" + bare)) == []
    # Entries older than the rule are listed in the baseline; only what is listed is let off.
    old = Baseline(examples=frozenset({"person/ann-bix"}))
    assert _lint(("a.yaml", HEAD + "entities:\n" + bare), baseline=old) == []


def test_the_shipped_baseline_lists_only_what_is_still_needed() -> None:
    sources = [(n, t, "") for n, t in default_lexicon_files()]
    full = lint_sources(sources, examples=False, baseline=Baseline()).findings
    needed_english = {(f.entry, f.message.split("'")[1]) for f in full if f.check == "english-word"}
    needed_examples = {f.entry for f in full if f.check == "no-examples"}
    baseline = shipped_baseline()
    assert baseline.english and baseline.examples
    assert baseline.english <= needed_english, baseline.english - needed_english
    assert baseline.examples <= needed_examples, baseline.examples - needed_examples


def test_the_readme_lexicon_example_passes_lexicon_check() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("# lexicons/newsroom.yaml\n", 1)[1].split("```", 1)[0]
    found = _lint(("newsroom.yaml", block))
    assert found == [], found


@pytest.mark.parametrize(
    "bad",
    ['aliases: [Xy, "Yx]', "aliases: [Xy, Yx", "aliases: {a: b", "aliases Xy"],
)
def test_yaml_syntax_errors_name_the_line_and_the_entry(bad: str) -> None:
    text = (
        HEAD
        + "entities:\n"
        + _entity("person/ann-bix", "Ann Bix")
        + "  - id: person/x-y\n    type: person\n    canonical: X Y\n"
        + f"    {bad}\n    context: [army]\n"
        + _entity("person/cee-dox", "Cee Dox")
    )
    bad_line = text.splitlines().index(f"    {bad}") + 1
    found = _lint(("a.yaml", text))
    assert [(f.check, f.line, f.entry) for f in found] == [("load", bad_line, "person/x-y")]


# -- batch ------------------------------------------------------------------------------

RECORDS = (
    b'{"id": 1, "body": {"text": "In Libya, haftal said."}}\n'
    b'{"id": 2, "body": {"text": null}}\n'
    b'{"id": 3, "body": {"text": 5}}\n'
    b'{"id": 4}\n'
)


def test_batch_warns_when_a_field_never_occurs(tmp_path: Path) -> None:
    res = invoke("batch", "--field", "body.txt", stdin=RECORDS)
    assert res.exit_code == 0
    warning = [line for line in res.stderr.splitlines() if "body.txt" in line]
    assert len(warning) == 1 and "warning" in warning[0] and "4" in warning[0]


def test_batch_counts_records_where_a_field_is_missing_null_or_not_text() -> None:
    res = invoke("batch", "--field", "body.text", stdin=RECORDS)
    assert res.exit_code == 0
    line = next(line for line in res.stderr.splitlines() if "body.text" in line)
    assert "missing in 1" in line and "null or not a string in 2" in line
    # A field present in every record as a string gives no warning, even with -q.
    clean = b'{"body": {"text": "a"}}\n{"body": {"text": "b"}}\n'
    assert "warning" not in invoke("batch", "--field", "body.text", stdin=clean).stderr


def test_malformed_jsonl_is_reported_at_the_json_parser_column() -> None:
    line = '{"id": 2, "body": "y"'
    column = 0
    try:
        json.loads(line)
    except json.JSONDecodeError as exc:
        column = exc.colno
    res = invoke("batch", "--field", "body", stdin=b'{"id": 1}\n' + line.encode() + b"\n")
    assert res.exit_code == 2
    assert f"(column {column})" in res.stderr and ":2:" in res.stderr


# -- fix and check ----------------------------------------------------------------------

GARBLED = "In Libya, haftal said the LNA would advance.\n"


def test_fix_on_a_read_only_file_is_an_error_not_a_change(tmp_path: Path) -> None:
    path = tmp_path / "ro.txt"
    path.write_text(GARBLED, encoding="utf-8")
    path.chmod(0o444)
    res = invoke("fix", str(path))
    assert res.exit_code == 2
    assert path.read_text(encoding="utf-8") == GARBLED
    summary = res.stderr.strip().splitlines()[-1]
    assert "0 changed" in summary and "0 applied" in summary and "1 errors" in summary


def test_check_has_quiet(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(GARBLED, encoding="utf-8")
    loud = invoke("check", str(path))
    quiet = invoke("check", "-q", str(path))
    assert loud.exit_code == quiet.exit_code == 1
    assert loud.stdout == quiet.stdout and "haftal" in quiet.stdout
    assert loud.stderr and not quiet.stderr


# -- the Python API ---------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, b"haftal said", 3])
def test_fix_of_something_not_text_says_what_to_pass(value: object) -> None:
    import normalize

    with pytest.raises(TypeError, match="str") as info:
        normalize.fix(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="str"):
        normalize.Normalizer().fix(value)  # type: ignore[arg-type]
    if isinstance(value, bytes):
        assert "decode" in str(info.value)


def test_dir_of_the_package_shows_no_typing_helpers() -> None:
    import normalize

    public = {n for n in dir(normalize) if not n.startswith("_")}
    assert set(normalize.__all__) - {"__version__"} <= public
    assert not {"Any", "annotations"} & public


# -- folders: which files ---------------------------------------------------------------


def _tree(root: Path) -> None:
    for name in ("a.txt", "b.md", "c.py", "d.json", "sub/e.txt", "drafts/f.txt"):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(GARBLED, encoding="utf-8")


def _fixed(root: Path) -> list[str]:
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and "Haftar" in p.read_text(encoding="utf-8")
    )


def test_a_folder_yields_only_text_files_by_default(tmp_path: Path) -> None:
    _tree(tmp_path)
    assert invoke("fix", "--no-config", str(tmp_path)).exit_code == 0
    assert _fixed(tmp_path) == ["a.txt", "b.md", "drafts/f.txt", "sub/e.txt"]
    # A file named on the command line is processed whatever its extension.
    assert invoke("fix", "--no-config", str(tmp_path / "c.py")).exit_code == 0
    assert "c.py" in _fixed(tmp_path)


def test_include_and_exclude_flags(tmp_path: Path) -> None:
    _tree(tmp_path)
    res = invoke("fix", "--no-config", "--include", "*.py", "--exclude", "drafts/", str(tmp_path))
    assert res.exit_code == 0
    assert _fixed(tmp_path) == ["a.txt", "b.md", "c.py", "sub/e.txt"]


def test_include_and_exclude_in_the_config(tmp_path: Path) -> None:
    _tree(tmp_path / "docs")
    config = tmp_path / ".normalize.yaml"
    config.write_text("include: ['*.md', '*.json']\nexclude: [sub/]\n", encoding="utf-8")
    res = invoke("check", "--config", str(config), "--format", "json", str(tmp_path / "docs"))
    paths = sorted(Path(json.loads(line)["path"]).name for line in res.stdout.splitlines())
    assert paths == ["b.md", "d.json"]
    config.write_text("include: '*.md'\n", encoding="utf-8")  # not a list: exit 2, key named
    res = invoke("check", "--config", str(config), str(tmp_path / "docs"))
    assert res.exit_code == 2 and "include" in res.stderr


# -- what the documentation and the help say --------------------------------------------

README = Path(__file__).parent.parent / "README.md"


def test_rules_columns_line_up() -> None:
    lines = invoke("rules").stdout.splitlines()
    starts = {line.index(" on ") if " on " in line else line.index(" off ") for line in lines}
    assert len(lines) > 5 and len(starts) == 1


def test_readme_cites_the_lexicon_lines_the_tool_prints(tmp_path: Path) -> None:
    # Every "(lexicons/FILE.yaml:LINE)" the README shows for an entity is where it is.
    text = README.read_text(encoding="utf-8")
    cited = set(re.findall(r"garble of ([^(]+) \((lexicons/[\w-]+\.yaml):(\d+)\)", text))
    assert cited
    for name, file, line in cited:
        entry = (Path(__file__).parent.parent / file).read_text(encoding="utf-8")
        lines = entry.splitlines()
        at = int(line)
        assert lines[at - 1].lstrip().startswith("- id:"), (file, line)
        assert f"canonical: {name.strip()}" in "\n".join(lines[at - 1 : at + 4]), (name, line)


def test_chunk_size_is_described_alike_in_help_and_readme() -> None:
    helps = invoke("check", "--help").stdout.replace("\n", " ")
    helps = " ".join(helps.split())
    readme = " ".join(README.read_text(encoding="utf-8").split())
    for where in (helps, readme):
        assert "twice" in where
        sentence = where[where.index("twice") - 60 : where.index("twice") + 120]
        assert "bytes" in sentence and "characters" in sentence, sentence


def test_html_report_names_cjk_and_arabic_fonts() -> None:
    import normalize
    from normalize.formats.html import render_html

    text = "In Libya, haftal said.\n"
    page = render_html([("a.txt", text, normalize.fix(text))])
    style = page[page.index("<style") : page.index("</style>")]
    rules = dict(re.findall(r"([\w.]+) \{[^}]*?font: [^;]*?/[\d.]+ ([^;]+);", style))
    assert {"body", "pre.text"} <= set(rules), rules
    for families in (rules["body"], rules["pre.text"]):
        assert re.search(r"CJK|YaHei|PingFang|SimSun|Songti|Han S", families), families
        assert "Arabic" in families, families


def test_the_editable_install_needs_no_meta_path_finder() -> None:
    # setuptools prints a warning block for an editable install it must serve with a meta
    # path finder (the packages' folder left implied); `make demo` showed it on stderr.
    from importlib import metadata

    # The installed one, not the build's normalize.egg-info in the project folder.
    installed = [
        d
        for d in metadata.distributions(name="normalize")
        if json.loads(d.read_text("direct_url.json") or "{}").get("dir_info", {}).get("editable")
    ]
    if not installed:
        pytest.skip("normalize is not installed in editable mode here")
    dist = installed[0]
    names = [str(f) for f in dist.files or ()]
    assert not [n for n in names if n.endswith("_finder.py")], names
    assert [n for n in names if n.endswith(".pth")], names


# -- review, key i ----------------------------------------------------------------------

REVIEWED = "In Libya, haftal said.\nThe LNA agreed.\n"
ARGS = ("--apply-threshold", "1.0", "brief.txt")


def _review(tmp_path: Path, *presses: str) -> tuple[int, str]:
    pexpect = pytest.importorskip("pexpect")
    child = spawn_review(tmp_path, *ARGS, columns=120)
    seen = io.StringIO()
    child.logfile_read = seen
    after_i = False  # the key after `i` answers its question, not the main prompt
    for key in presses:
        child.expect_exact(" > " if after_i else "[?] ")
        child.send(key)
        after_i = key == "i" and not after_i
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus, re.sub(r"\x1b\[[0-9;]*m", "", seen.getvalue())


def test_review_ignore_says_what_it_does_and_where_before_doing_it(tmp_path: Path) -> None:
    (tmp_path / "brief.txt").write_text(REVIEWED, encoding="utf-8")
    code, out = _review(tmp_path, "i", "x", "q")  # asked, then backed out
    assert code == 0
    flat = " ".join(out.split())
    assert "this line only" in flat and "line 1 of brief.txt" in flat
    assert "everywhere" in flat and str(tmp_path / ".normalize.yaml") in flat
    assert not (tmp_path / ".normalize.yaml").exists()
    assert (tmp_path / "brief.txt").read_text(encoding="utf-8") == REVIEWED


def test_review_ignore_on_one_line_marks_that_line_only(tmp_path: Path) -> None:
    (tmp_path / "brief.txt").write_text(REVIEWED, encoding="utf-8")
    code, out = _review(tmp_path, "i", "l")  # the only change: the review ends there
    assert code == 0
    assert not (tmp_path / ".normalize.yaml").exists()
    written = (tmp_path / "brief.txt").read_text(encoding="utf-8")
    assert written == REVIEWED.replace("said.\n", "said. [normalize: ignore]\n", 1)
    assert "line(s) 1" in " ".join(out.split())
    # The marked line is left alone from now on.
    assert invoke("check", "--no-config", str(tmp_path / "brief.txt")).exit_code == 0
