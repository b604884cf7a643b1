"""Run the command in a fresh interpreter under resource limits, so that a regression to
unbounded memory or time fails fast instead of eating the machine (issue 15)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

#: Address space a run may map: a normal run maps well under half of it.
MEMORY_BYTES = 1536 * 1024 * 1024
#: CPU seconds a run may use: a normal run with the compiled cache takes a few.
CPU_SECONDS = 60


def run_limited(
    args: Sequence[str],
    *,
    cwd: Path | None = None,
    memory: int = MEMORY_BYTES,
    cpu: int = CPU_SECONDS,
) -> subprocess.CompletedProcess[str]:
    """``normalize ARGS`` in a child limited to ``memory`` bytes and ``cpu`` seconds.

    A child that breaks a limit dies (MemoryError, SIGXCPU or SIGKILL) and its exit code
    says so; the wall-clock timeout is only a last guard for a child that sleeps.
    """

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))

    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    return subprocess.run(
        [sys.executable, "-c", "from normalize.cli import run; run()", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        preexec_fn=limit,
        timeout=4 * cpu,
        env=env,
        check=False,
    )
