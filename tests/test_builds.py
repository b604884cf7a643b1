"""The generated lexicons are what their build scripts produce from the pinned packages."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILDS = ["tools.build_countries", "tools.build_places"]


@pytest.mark.parametrize("module", BUILDS)
def test_committed_file_is_current(module: str) -> None:
    mod = importlib.import_module(module)
    committed = (ROOT / "lexicons" / mod.OUTPUT).read_text(encoding="utf-8")
    assert mod.build() == committed, f"run: python -m {module}"
