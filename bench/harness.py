"""How the bench measures: budgets of repeats, medians, output checks, and servers in processes of their own.

Shared by bench.py and load.py; nothing here knows which workload or implementation it times.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import socket
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import fastapi
import httpx
import numpy as np
import uvicorn

HOST = "127.0.0.1"
SERVER_START_SECONDS = 30.0
SERVER_STOP_SECONDS = 10.0
HTTP_TIMEOUT_SECONDS = 120.0
JSON_HEADERS = {"content-type": "application/json"}


class BenchError(RuntimeError):
    """An implementation disagreed with conv2d, or a server misbehaved: the numbers would mean nothing."""


@dataclass(frozen=True)
class Budget:
    """How many runs one measurement takes: enough to last about `target_seconds`, within bounds."""

    target_seconds: float
    min_repeats: int  # for runs short enough that this many fit in `max_seconds`
    max_seconds: float
    slow_repeats: int  # for longer runs
    naive_band_seconds: float  # conv2d_naive runs on a band of output rows sized to last about this long
    max_repeats: int = 100_000

    def repeats(self, seconds_per_run: float) -> int:
        """Runs for a measurement whose single run lasts `seconds_per_run`."""
        floor = self.min_repeats if seconds_per_run * self.min_repeats <= self.max_seconds else self.slow_repeats
        wanted = round(self.target_seconds / max(seconds_per_run, 1e-9))
        return min(self.max_repeats, max(floor, wanted))


FULL = Budget(target_seconds=0.75, min_repeats=5, max_seconds=2.5, slow_repeats=3, naive_band_seconds=1.5)
QUICK = Budget(target_seconds=0.15, min_repeats=3, max_seconds=0.5, slow_repeats=1, naive_band_seconds=0.3,
               max_repeats=200)
# HTTP latencies spread far more than function timings (an image-sized request took 164-407 ms in
# one series), so each workload's requests get several seconds: 15 pairs or more, where the general
# budget gave (f) five, whose medians moved the ratio between 0.7 and 1.2 from run to run.
FULL_API = replace(FULL, target_seconds=6.0, min_repeats=15, max_seconds=20.0)


def note(message: str) -> None:
    """Progress, on stderr so that stdout stays the report."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def timed(run: Callable[[], Any]) -> tuple[float, Any]:
    """(wall seconds, result) of one call."""
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def median_seconds(run: Callable[[], Any], budget: Budget, first: float | None = None) -> float:
    """Median wall time of `run` over as many runs as `budget` asks for.

    `first` is a run already timed, counted as one sample; without it one warm-up run sizes the
    repeats and is discarded.
    """
    estimate = timed(run)[0] if first is None else first
    samples = [] if first is None else [first]
    samples += [timed(run)[0] for _ in range(budget.repeats(estimate) - len(samples))]
    return statistics.median(samples)


def alternating_medians(runs: list[Callable[[], Any]], budget: Budget, rounds: int = 4) -> list[float]:
    """Median wall time of each run, timed in `rounds` alternating stretches (A's calls, B's, A's,
    B's, ...), so that the machine's slow and fast spells fall on all of them alike. Stretches,
    not single calls in turn: PyTorch's and OpenBLAS's thread pools keep spinning after a call and
    would slow whichever call came next. One warm-up call each sizes the repeats."""
    repeats = [max(1, budget.repeats(timed(run)[0]) // rounds) for run in runs]
    samples: list[list[float]] = [[] for _ in runs]
    for _ in range(rounds):
        for run, count, sample in zip(runs, repeats, samples, strict=True):
            sample.extend(timed(run)[0] for _ in range(count))
    return [statistics.median(sample) for sample in samples]


def require_close(actual: np.ndarray, expected: np.ndarray, what: str, **tolerance: float) -> None:
    """Fail the bench when an implementation's output differs from conv2d's."""
    if actual.shape != expected.shape:
        raise BenchError(f"{what}: output shape {actual.shape}, but the engine's conv2d gives {expected.shape}")
    if not np.allclose(actual, expected, **tolerance):
        raise BenchError(f"{what}: the output differs from the engine's conv2d "
                         f"by up to {np.abs(actual - expected).max():.3g}")


def serve(make_app: Callable[[], fastapi.FastAPI], sock: socket.socket) -> None:
    """The body of a server process: one uvicorn worker on an inherited listening socket."""
    uvicorn.Server(uvicorn.Config(make_app(), log_level="warning", access_log=False)).run(sockets=[sock])


@contextlib.contextmanager
def serving(make_app: Callable[[], fastapi.FastAPI]) -> Iterator[tuple[str, int]]:
    """Serve make_app() in a new process on a free localhost port; yield its base URL and process id.

    Each server has a process of its own, as when deployed: a server in the client's process would
    share its GIL, and the client's clock would then count the server's work after each answer.
    The socket listens before the process starts, so early requests wait in its backlog.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((HOST, 0))
    sock.listen()
    process = multiprocessing.get_context("spawn").Process(target=serve, args=(make_app, sock), daemon=True)
    process.start()
    base = f"http://{HOST}:{sock.getsockname()[1]}"
    try:
        _wait_until_serving(base, process)
        yield base, process.pid
    finally:
        process.terminate()
        process.join(SERVER_STOP_SECONDS)
        sock.close()


def _wait_until_serving(base: str, process: multiprocessing.process.BaseProcess) -> None:
    """Return once the server answers anything (a 404 will do), so that no timed request waits for
    the process to start."""
    deadline = time.monotonic() + SERVER_START_SECONDS
    while True:
        try:
            httpx.get(base + "/", timeout=SERVER_START_SECONDS)
            return
        except httpx.TransportError:
            if not process.is_alive() or time.monotonic() > deadline:
                raise BenchError("a benchmark server did not start") from None
            time.sleep(0.05)


def post(client: httpx.Client, url: str, body: bytes) -> httpx.Response:
    """POST a JSON body and read the whole answer, which must be a 200."""
    response = client.post(url, content=body)
    if response.status_code != 200:
        raise BenchError(f"POST {url}: HTTP {response.status_code}: {response.text[:300]}")
    return response
