"""Python's own documentation as clean English for precision measurement, on any machine.

Clean technical English full of identifiers, file names, units and code: every change that
``normalize`` applies to it is wrong, and every flag is noise a reader must dismiss. The text
is built from the running interpreter, so nothing is downloaded and nothing is committed:

- ``pydoc_data.topics``: the help topics (the language reference as ``help()`` shows it);
- the docstrings of the standard library's pure-Python modules (module, classes, functions,
  methods), each module one file.

The files are written to ``.cache/pydoc/`` (one per topic group and module), which
``make eval`` then checks. Modules whose import fails or has side effects are skipped (see
:data:`SKIP`); the corpus differs a little between Python versions, so figures quote the
version.

    python -m tools.build_pydoc_corpus          # build and print a summary
"""

from __future__ import annotations

import importlib
import inspect
import io
import pkgutil
import sys
import warnings
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / ".cache" / "pydoc"
#: Modules not imported: side effects on import (a browser, a GUI, a sound), or test suites.
SKIP = frozenset(
    {"antigravity", "this", "idlelib", "tkinter", "turtle", "turtledemo", "test", "lib2to3"}
)
SKIP_PREFIXES = ("_", "test", "idlelib", "tkinter", "turtledemo", "lib2to3", "ensurepip")


def _stdlib_names() -> list[str]:
    """The standard library's top-level module names, private ones and SKIP left out."""
    names = set(getattr(sys, "stdlib_module_names", ()))
    if not names:  # Python < 3.10: what pkgutil finds beside os.py
        stdlib = Path(inspect.getfile(inspect)).parent
        names = {m.name for m in pkgutil.iter_modules([str(stdlib)])}
    return sorted(n for n in names if n not in SKIP and not n.startswith(SKIP_PREFIXES))


def _docstrings(module: object) -> list[str]:
    """The module's docstring, then those of its public classes, functions and methods."""
    out: list[str] = []
    doc = inspect.getdoc(module)
    if doc:
        out.append(doc)
    name = getattr(module, "__name__", "")
    for attr, value in sorted(vars(module).items()):
        if attr.startswith("_") or getattr(value, "__module__", None) != name:
            continue
        if inspect.isclass(value) or inspect.isfunction(value):
            doc = inspect.getdoc(value)
            if doc:
                out.append(doc)
        if inspect.isclass(value):
            for member, sub in sorted(vars(value).items()):
                if member.startswith("_") or not inspect.isfunction(sub):
                    continue
                doc = inspect.getdoc(sub)
                if doc:
                    out.append(doc)
    return out


def _import(name: str) -> object | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
                return importlib.import_module(name)
    except Exception:
        return None


def build(out: Path = OUT) -> list[Path]:
    """Write the corpus to ``out`` (replacing what is there) and return the files."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    written: list[Path] = []
    from pydoc_data import topics

    items = sorted(topics.topics.items())
    for i in range(0, len(items), 20):
        text = "\n\n".join(body.strip() for _, body in items[i : i + 20]) + "\n"
        path = out / f"topics-{i // 20:03d}.txt"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    for name in _stdlib_names():
        module = _import(name)
        if module is None:
            continue
        docs = _docstrings(module)
        if docs:
            path = out / f"module-{name}.txt"
            path.write_text("\n\n".join(docs) + "\n", encoding="utf-8")
            written.append(path)
    return written


if __name__ == "__main__":
    files = build()
    size = sum(p.stat().st_size for p in files)
    version = ".".join(map(str, sys.version_info[:3]))
    print(f"pydoc corpus (Python {version}): {len(files)} files, {size:,} bytes in {OUT}")
