"""Clean English of several kinds from what this machine has installed, for precision checks.

Every change ``normalize`` applies to such text is wrong and every flag is noise, so these
corpora measure what a new user would see on their own manuals, package docs and licences
(see :mod:`tools.clean_rates`). Nothing is downloaded and nothing is committed: the texts are
read from the system and written to ``.cache/clean/<corpus>/``; a corpus whose sources the
machine lacks is empty. Each corpus is capped (:data:`MAX_BYTES`, and per source) and chosen
deterministically (sorted paths, an even stride), so figures are comparable on one machine.

- ``man``: manual pages of sections 1 to 8 rendered to plain text by ``man`` (no hyphenation
  or justification, 80 columns); the thousands of generated ``gcloud`` pages are left out;
- ``doc``: README, NEWS, TODO and other text/Markdown/reST files under ``/usr/share/doc``
  (gzipped or not; change logs and copyright files left out);
- ``licenses``: ``/usr/share/common-licenses`` and the distinct ``copyright`` files of
  ``/usr/share/doc`` (licence texts, authors' names from many countries);
- ``packages``: the long descriptions (PyPI READMEs) of the Python distributions installed
  in this interpreter's and the system's site-packages, and their README files.

    python -m tools.build_clean_corpus [man doc licenses packages]   # build, print a summary
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import shutil
import site
import subprocess
import sys
import sysconfig
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from email.parser import Parser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / ".cache" / "clean"
#: Bytes of text per corpus at most, and per source file (cut at a paragraph break).
MAX_BYTES = 2_000_000
MAX_FILE_BYTES = 12_000
MAX_MAN_PAGES = 400
MAN_DIR = Path("/usr/share/man")
DOC_DIR = Path("/usr/share/doc")
LICENSE_DIR = Path("/usr/share/common-licenses")
_DOC_NAMES = ("readme", "news", "todo", "faq", "usage", "howto", "authors", "thanks")
_DOC_SUFFIXES = (".md", ".txt", ".rst", ".markdown")

CORPORA = ("man", "doc", "licenses", "packages")


def _read(path: Path) -> str:
    """The file's text (gunzipped if it ends in .gz), invalid bytes replaced; '' on error."""
    try:
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    except (OSError, EOFError, gzip.BadGzipFile):
        return ""
    if b"\x00" in data[:4096]:
        return ""  # binary
    return data.decode("utf-8", errors="replace")


def _cap(text: str, limit: int = MAX_FILE_BYTES) -> str:
    """``text`` cut at the last paragraph break before ``limit`` characters."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n\n", 0, limit)
    return text[: cut if cut > 0 else limit]


def _stride(items: list[Path], most: int) -> list[Path]:
    """At most ``most`` of ``items``, evenly spread over the sorted list."""
    if len(items) <= most:
        return items
    step = len(items) / most
    return [items[int(i * step)] for i in range(most)]


def _man_pages() -> list[Path]:
    pages = [
        p
        for section in sorted(MAN_DIR.glob("man[1-8]"))
        for p in sorted(section.iterdir())
        if p.is_file() and not p.name.startswith("gcloud")
    ]
    return _stride(pages, MAX_MAN_PAGES)


def _render(page: Path) -> str:
    env = {**os.environ, "MANWIDTH": "80", "LC_ALL": "C.UTF-8", "MAN_KEEP_FORMATTING": ""}
    cmd = ["man", "--nh", "--nj", "-l", "-P", "cat", str(page)]
    try:
        proc = subprocess.run(cmd, capture_output=True, env=env, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    text = proc.stdout.decode("utf-8", errors="replace")
    # Overstrike (bold "x\bx", underline "_\bx") if a pager setting left it in.
    while "\b" in text:
        i = text.index("\b")
        text = text[: i - 1] + text[i + 1 :] if i else text[1:]
    return text


def _man() -> Iterator[tuple[str, str]]:
    if shutil.which("man") is None or not MAN_DIR.is_dir():
        return
    pages = _man_pages()
    with ThreadPoolExecutor(max_workers=2) as pool:
        for page, text in zip(pages, pool.map(_render, pages), strict=True):
            yield f"{page.parent.name}-{page.name}", _cap(text)


def _doc() -> Iterator[tuple[str, str]]:
    if not DOC_DIR.is_dir():
        return
    for package in sorted(DOC_DIR.iterdir()):
        if not package.is_dir():
            continue
        budget = MAX_FILE_BYTES
        for path in sorted(package.rglob("*")):
            name = path.name.lower().removesuffix(".gz")
            if not path.is_file() or "changelog" in name or name == "copyright":
                continue
            if not (name.startswith(_DOC_NAMES) or name.endswith(_DOC_SUFFIXES)):
                continue
            text = _cap(_read(path), budget)
            budget -= len(text)
            rel = path.relative_to(DOC_DIR).as_posix()
            yield rel.replace("/", "--"), text
            if budget <= 0:
                break


def _licenses() -> Iterator[tuple[str, str]]:
    paths = sorted(LICENSE_DIR.iterdir()) if LICENSE_DIR.is_dir() else []
    paths += sorted(DOC_DIR.glob("*/copyright")) if DOC_DIR.is_dir() else []
    seen: set[str] = set()
    for path in paths:
        if not path.is_file() or path.is_symlink():
            continue
        text = _cap(
            _read(path), 3 * MAX_FILE_BYTES if path.parent == LICENSE_DIR else MAX_FILE_BYTES
        )
        digest = hashlib.sha256(text.encode()).hexdigest()
        if text and digest not in seen:
            seen.add(digest)
            name = path.name if path.parent == LICENSE_DIR else f"{path.parent.name}-copyright"
            yield name, text


def _site_dirs() -> list[Path]:
    dirs = {sysconfig.get_paths()["purelib"], *site.getsitepackages()}
    dirs.add("/usr/lib/python3/dist-packages")
    return sorted(Path(d) for d in dirs if Path(d).is_dir())


def _packages() -> Iterator[tuple[str, str]]:
    parser = Parser()
    # This project's own README quotes garbles on purpose: it is no clean text.
    seen: set[str] = {"normalize"}
    for base in _site_dirs():
        for meta in sorted([*base.glob("*.dist-info/METADATA"), *base.glob("*.egg-info/PKG-INFO")]):
            try:
                message = parser.parsestr(meta.read_text(encoding="utf-8", errors="replace"))
            except OSError:
                continue
            name = str(message.get("Name", meta.parent.name)).lower()
            body = message.get_payload()
            text = body if isinstance(body, str) else ""
            text = text or str(message.get("Description", ""))
            if name in seen or len(text) < 200:
                continue
            seen.add(name)
            yield f"{name}-description", _cap(text)
        for readme in sorted(base.glob("*/README*")):
            if readme.is_file() and readme.parent.name not in seen:
                yield f"{readme.parent.name}-{readme.name}", _cap(_read(readme))


_SOURCES = {"man": _man, "doc": _doc, "licenses": _licenses, "packages": _packages}


def _write(out: Path, items: Iterable[tuple[str, str]]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    written: list[Path] = []
    total = 0
    for name, text in items:
        text = text.strip()
        if not text:
            continue
        size = len(text.encode("utf-8"))
        if total + size > MAX_BYTES:
            break
        total += size
        safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in name)
        path = out / f"{len(written):04d}-{safe}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        written.append(path)
    return written


def build(corpus: str, out: Path = OUT) -> list[Path]:
    """Write ``corpus`` (one of :data:`CORPORA`) to ``out/corpus`` and return its files."""
    return _write(out / corpus, _SOURCES[corpus]())


def cached(corpus: str, out: Path = OUT) -> list[Path]:
    """The files of ``corpus`` built before, or built now if there are none."""
    found = sorted((out / corpus).glob("*.txt"))
    return found or build(corpus, out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", metavar="CORPUS", help=f"any of {CORPORA}")
    args = parser.parse_args()
    unknown = sorted(set(args.corpora) - set(CORPORA))
    if unknown:
        parser.error(f"unknown corpus {unknown[0]!r}; choose from {CORPORA}")
    for corpus in args.corpora or CORPORA:
        files = build(corpus)
        size = sum(p.stat().st_size for p in files)
        print(f"{corpus}: {len(files)} files, {size:,} bytes in {OUT / corpus}", file=sys.stdout)


if __name__ == "__main__":
    main()
