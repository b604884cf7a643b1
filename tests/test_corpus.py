"""Precision on real, clean English news: the Lee corpus (350 ABC articles, via tools.corpora)."""

from __future__ import annotations

import os

import pytest

from normalize import Normalizer
from tools.corpora import CorpusUnavailable, lee_news


@pytest.fixture(scope="module")
def lee() -> list[str]:
    try:
        return lee_news()
    except CorpusUnavailable as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(str(exc))


def test_clean_news_gets_no_applied_change(shipped: Normalizer, lee: list[str]) -> None:
    assert len(lee) == 350
    applied = [(c.original, c.replacement, c.rule) for doc in lee for c in shipped.fix(doc).applied]
    assert applied == []
