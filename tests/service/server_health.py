"""Is the served app still well: alive, right, quick, and within its memory bound?"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import httpx

MEMORY_BOUND = 700 * 1024 * 1024  # bytes: heavy requests taking turns stay under it; sixteen at once would not


def peak_memory_bytes(pid: int) -> int:
    """The process's peak resident memory (VmHWM), from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


def assert_still_healthy(base: str, process: subprocess.Popen) -> None:
    """The same process is running, answers a health check and a small convolution correctly within a
    second, and has never held more than MEMORY_BOUND."""
    assert process.poll() is None, f"the server exited with code {process.returncode}"
    start = time.perf_counter()
    health = httpx.get(f"{base}/healthz")
    assert health.status_code == 200 and health.json()["status"] == "ok", health.text
    answer = httpx.post(f"{base}/api/convolve", json={"input": [[1, 2, 3], [4, 5, 6], [7, 8, 9]],
                                                      "kernel": [[1, 1], [0, 2]]})
    assert answer.json()["output"] == [[13.0, 17.0], [25.0, 29.0]], answer.text
    seconds = time.perf_counter() - start
    assert seconds < 1.0, f"two small requests took {seconds:.2f} s"
    peak = peak_memory_bytes(process.pid)
    assert peak < MEMORY_BOUND, f"the server's peak memory is {peak / 2**20:.0f} MiB"
