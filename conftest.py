"""Settings for every test and doctest of the repository."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

# Tests and doctests never read or write the user's cache of compiled lexicons; set before
# any test module builds a Normalizer (fixtures would come too late for module-level ones).
_CACHE = tempfile.mkdtemp(prefix="normalize-test-cache-")
os.environ["NORMALIZE_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)
