"""The generated evaluation set (tools/gen_readings.py): deterministic, scorable, honest."""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from normalize.cli import cli
from normalize.evaluate import parse_gold
from normalize.lexicon.loader import load_default_lexicons
from normalize.names.index import NameIndex
from normalize.vocab import english_lowercase_words
from tools import gen_readings
from tools.corpora import CorpusUnavailable


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "set"
    try:
        gen_readings.generate(out, seed=7, shared=None)
    except CorpusUnavailable as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(str(exc))
    return out


def _files(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text("utf-8") for p in sorted(root.rglob("*.*"))}


def test_same_seed_same_set_other_seed_other_set(generated: Path, tmp_path: Path) -> None:
    gen_readings.generate(tmp_path / "again", seed=7, shared=None)
    assert _files(tmp_path / "again") == _files(generated)
    gen_readings.generate(tmp_path / "other", seed=8, shared=None)
    assert _files(tmp_path / "other") != _files(generated)


def test_every_folder_has_documents(generated: Path) -> None:
    for folder in gen_readings.FOLDERS:
        assert len(list((generated / folder).glob("*.yaml"))) >= 20, folder


def test_every_gold_file_fits_its_document(generated: Path) -> None:
    for gold in sorted(generated.rglob("*.yaml")):
        data = yaml.safe_load(gold.read_text("utf-8"))
        text = (gold.parent / data["doc"]).read_text("utf-8")
        items = parse_gold(data, text)  # raises if a snippet is missing or not unique
        tiers = {i.tier for i in items}
        if gold.parent.name == "negatives":
            assert tiers == {"trap"}
        elif gold.parent.name == "bare":
            assert tiers == {"should"}
        else:
            assert tiers == {"must"}


def test_normalize_eval_scores_the_set(generated: Path) -> None:
    golds = [
        str(p) for f in gen_readings.FOLDERS for p in sorted((generated / f).glob("*.yaml"))[:3]
    ]
    result = CliRunner().invoke(cli, ["eval", "--format", "json", *golds])
    assert result.exit_code in (0, 1), result.output
    assert '"gold": "total"' in result.output.splitlines()[-1]


def test_readings_are_multi_token_and_of_the_entity(generated: Path) -> None:
    lexicon = load_default_lexicons()
    by_id = {e.id: e for e in lexicon.entities}
    for gold in sorted((generated / "readings").glob("*.yaml")):
        for item in yaml.safe_load(gold.read_text("utf-8"))["items"]:
            assert len(item["wrong"].replace("-", " ").split()) >= 2
            assert by_id[item["entity"]].canonical in item["right"]


def test_garbles_have_evidence_only_where_the_gold_says_so(generated: Path) -> None:
    """A bare document holds none of the entity's context terms or spellings."""
    lexicon = load_default_lexicons()
    by_id = {e.id: e for e in lexicon.entities}
    for gold in sorted((generated / "bare").glob("*.yaml")):
        data = yaml.safe_load(gold.read_text("utf-8"))
        text = (gold.parent / data["doc"]).read_text("utf-8")
        (item,) = data["items"]
        entity = by_id[item["entity"]]
        rest = text.casefold().replace(item["wrong"].casefold(), "")
        for term in entity.context:
            # At the start of a word, as the finder looks for it ("Japan" in "Japanese").
            assert not re.search(r"(?<!\w)" + re.escape(term.casefold()), rest), term


def test_negative_names_are_no_reading_of_any_entity() -> None:
    index = NameIndex(load_default_lexicons())
    names = gen_readings.negative_names(random.Random(1), index, 200)
    assert len({n for n, _ in names}) == 200
    for name, _ in names:
        letters = "".join(name.lower().replace("-", " ").split())
        assert letters not in index.readings and letters not in index.legit


def test_readings_of_a_japanese_name_as_mt_writes_them() -> None:
    """安倍晋三 (Shinzo Abe): family name first, spaced, given name first (issue 13)."""
    found = {" ".join(r) for r in gen_readings.readings_of("安倍晋三", 2, frozenset())}
    assert {"Anbei Jinsan", "Jinsan Anbei"} <= found


def test_readings_spelling_a_legitimate_form_are_left_out() -> None:
    found = gen_readings.readings_of("习近平", 1, frozenset({"xijinping"}))
    assert ("Xi", "Jinping") not in found
    assert found  # the other groupings stay


def test_near_misses_change_one_letter_and_are_no_english_words() -> None:
    rng = random.Random(3)
    english = english_lowercase_words()
    for word in ("Bolsonaro", "Lukashenko", "Baerbock", "Mnangagwa"):
        misses = gen_readings.near_misses(word, rng, frozenset())
        assert misses
        for miss in misses:
            assert miss[0] == word[0] and miss != word
            assert abs(len(miss) - len(word)) <= 1
            assert miss.lower() not in english


def test_the_wmt_dev_data_is_never_read(tmp_path: Path) -> None:
    """The generator reads the clean seeds only; a wmt-dev folder beside them is ignored."""
    shared = tmp_path / "shared"
    (shared / "wmt-dev").mkdir(parents=True)
    (shared / "wmt-dev" / "gold.jsonl").write_text("not json\n")
    try:
        articles = gen_readings._articles(shared)
    except CorpusUnavailable as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(str(exc))
    assert all("not json" not in a for a in articles)
