"""Settings for every test and doctest of the repository."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

from hypothesis import settings

# In CI (CI=true) every property test runs the same examples each time, so that whether a
# change lands never depends on the luck of the draw; elsewhere they explore (and
# `make fuzz` goes further). A failure found locally is kept as an explicit test.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
    settings.load_profile("ci")

# Tests and doctests never read or write the user's cache of compiled lexicons; set before
# any test module builds a Normalizer (fixtures would come too late for module-level ones).
_CACHE = tempfile.mkdtemp(prefix="normalize-test-cache-")
os.environ["NORMALIZE_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)
