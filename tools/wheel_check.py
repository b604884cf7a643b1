"""Build the wheel, install it (not editable) into a fresh virtual environment, and run it.

Proves that a plain ``pip install`` ships the lexicons and the console script. Run from the
repository root: ``python tools/wheel_check.py``. Exits non-zero on any failure.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "In December, haftal said the LNA would take Tripoli; Khalifa Hifter denied it.\n"


def run(*cmd: str | Path, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in cmd], cwd=cwd, check=check, capture_output=True, text=True
    )


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="normalize-wheel-") as tmp:
        work = Path(tmp)
        run(
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            work / "dist",
            ROOT,
            cwd=work,
        )
        wheels = sorted((work / "dist").glob("normalize-*.whl"))
        if len(wheels) != 1:
            print(f"wheel-check: expected one wheel, found {wheels}", file=sys.stderr)
            return 1
        venv.create(work / "venv", with_pip=True)
        bin_dir = work / "venv" / "bin"
        run(
            bin_dir / "python",
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            wheels[0],
            cwd=work,
        )
        sample = work / "sample.txt"
        sample.write_text(SAMPLE, encoding="utf-8")
        where = run(
            bin_dir / "python", "-c", "import normalize, sys; print(normalize.__file__)", cwd=work
        )
        if str(ROOT) in where.stdout:
            print(
                f"wheel-check: imported the source tree, not the wheel: {where.stdout}",
                file=sys.stderr,
            )
            return 1
        check = run(
            bin_dir / "normalize", "check", "--format", "json", sample, cwd=work, check=False
        )
        if check.returncode != 1 or '"replacement": "Haftar"' not in check.stdout:
            print(
                f"wheel-check: check exited {check.returncode}: {check.stdout}{check.stderr}",
                file=sys.stderr,
            )
            return 1
        fixed = run(bin_dir / "normalize", "fix", "--quiet", sample, cwd=work)
        text = sample.read_text(encoding="utf-8")
        if text != SAMPLE.replace("haftal", "Haftar"):
            print(f"wheel-check: fix wrote {text!r} ({fixed.stderr})", file=sys.stderr)
            return 1
        # A project config needs the JSON Schema shipped beside the package.
        (work / ".normalize.yaml").write_text("allow: [haftal]\n", encoding="utf-8")
        sample.write_text(SAMPLE, encoding="utf-8")
        allowed = run(bin_dir / "normalize", "check", sample, cwd=work, check=False)
        if allowed.returncode != 0:
            print(f"wheel-check: config not honoured: {allowed.stderr}", file=sys.stderr)
            return 1
        print(
            f"wheel-check: {wheels[0].name} installs, ships its lexicons and config schema,"
            " and fixes a file"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
