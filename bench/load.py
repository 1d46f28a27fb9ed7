"""Throughput of POST /api/convolve under concurrent clients, beside a no-op endpoint's; print a Markdown table.

    python bench/load.py

Two servers, each one uvicorn worker in its own process: the real app, and a no-op FastAPI app whose
one route parses the JSON body with orjson and returns a body of the same size as /api/convolve's
answer (the very bytes, recorded once). CLIENTS threads, each with its own keep-alive httpx client,
send workload (b) of workloads.py (1×28×28 input, 8 filters 3×3, pad 1, built as bench.py builds
it) back to back. Rounds alternate between the servers (ours, no-op, ours, ...)
so that the machine's load falls on both alike. The first answer from the app is checked against
the engine's conv2d before anything is timed.

Progress goes to stderr; stdout gets only the header, the table and a one-line legend.
"""

from __future__ import annotations

import contextlib
import functools
import os
import platform
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
if str(BENCH_DIR.parent) not in sys.path:  # the project, for app (this folder is already on the path)
    sys.path.insert(1, str(BENCH_DIR.parent))

import fastapi  # noqa: E402
import httpx  # noqa: E402
import numpy as np  # noqa: E402
import orjson  # noqa: E402
import uvicorn  # noqa: E402
from fastapi import FastAPI, Request, Response  # noqa: E402
from harness import HTTP_TIMEOUT_SECONDS, JSON_HEADERS, BenchError, post, require_close, serving  # noqa: E402
from workloads import SEED, WORKLOADS, make_case, request_body  # noqa: E402

from app.main import create_app  # noqa: E402
from app.settings import Settings  # noqa: E402

WORKLOAD = "b"
CLIENTS = 8
ROUNDS = 5  # per server
ROUND_SECONDS = 1.0
WARMUP_SECONDS = 0.5  # one untimed round per server first
TARGET_RATIO = 0.60
MISSING = "—"
PERCENTILES = 100  # statistics.quantiles cut points: p1 ... p99
P95 = 95

OURS_PATH = "/api/convolve"
NOOP_PATH = "/noop"


@dataclass
class Server:
    """One server under load and everything measured on it."""

    name: str
    url: str
    pid: int  # its process, whose CPU time is read around each timed round
    latencies: list[float] = field(default_factory=list)  # seconds, every timed request
    round_rates: list[float] = field(default_factory=list)  # requests per second, one per round
    seconds: float = 0.0  # wall time of its timed rounds
    client_cpu: float = 0.0  # this process's CPU seconds during them
    server_cpu: float | None = 0.0  # the server process's CPU seconds during them (None: unreadable)

    @property
    def rate(self) -> float:
        """Requests per second over all timed rounds."""
        return len(self.latencies) / self.seconds

    @property
    def cpu_per_request(self) -> float | None:
        """Server CPU seconds per request: its cost, whoever limited the rate."""
        return None if self.server_cpu is None else self.server_cpu / len(self.latencies)


def note(message: str) -> None:
    """Progress, on stderr so that stdout stays the report."""
    print(f"[load] {message}", file=sys.stderr, flush=True)


def noop_app(answer: bytes) -> FastAPI:
    """A one-route app: POST /noop parses the body with orjson and returns `answer`, computing nothing."""
    app = FastAPI(title="No-op reference", docs_url=None, redoc_url=None, openapi_url=None)

    @app.post(NOOP_PATH)
    async def noop(request: Request) -> Response:
        orjson.loads(await request.body())
        return Response(answer, media_type="application/json")

    return app


def process_cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of process `pid` so far, from Linux's /proc; None elsewhere."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()  # after "pid (name)": state is fields[0]
    except OSError:
        return None
    utime, stime = int(fields[11]), int(fields[12])  # clock ticks
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


def client_loop(client: httpx.Client, url: str, body: bytes, deadline: float) -> tuple[list[float], float]:
    """One client's requests until `deadline`: their latencies and when the last one ended."""
    latencies = []
    now = time.perf_counter()
    while now < deadline:
        post(client, url, body)
        latencies.append(time.perf_counter() - now)
        now = time.perf_counter()
    return latencies, now


def run_round(pool: ThreadPoolExecutor, clients: list[httpx.Client], server: Server, body: bytes,
              seconds: float, timed: bool) -> None:
    """Every client hits `server` for `seconds`; a timed round adds to its measurements."""
    server_cpu, cpu, start = process_cpu_seconds(server.pid), time.process_time(), time.perf_counter()
    ends = list(pool.map(lambda client: client_loop(client, server.url, body, start + seconds), clients))
    wall = max(end for _, end in ends) - start
    server_cpu_after = process_cpu_seconds(server.pid)
    if not timed:
        return
    latencies = [latency for client_latencies, _ in ends for latency in client_latencies]
    server.latencies += latencies
    server.round_rates.append(len(latencies) / wall)
    server.seconds += wall
    server.client_cpu += time.process_time() - cpu
    if server.server_cpu is None or server_cpu is None or server_cpu_after is None:
        server.server_cpu = None
    else:
        server.server_cpu += server_cpu_after - server_cpu


def recorded_answer(url: str, body: bytes, expected: np.ndarray) -> bytes:
    """The app's answer to `body`, checked against the engine's conv2d."""
    with httpx.Client(timeout=HTTP_TIMEOUT_SECONDS, headers=JSON_HEADERS) as client:
        answer = post(client, url, body).content
    require_close(np.asarray(orjson.loads(answer)["output"]), expected, f"POST {url}")
    return answer


def measure(servers: list[Server], body: bytes) -> None:
    """A warm-up round per server, then ROUNDS timed rounds each, alternating between the servers."""
    with contextlib.ExitStack() as stack:
        clients = [stack.enter_context(httpx.Client(timeout=HTTP_TIMEOUT_SECONDS, headers=JSON_HEADERS))
                   for _ in range(CLIENTS)]
        pool = stack.enter_context(ThreadPoolExecutor(CLIENTS))
        for server in servers:
            run_round(pool, clients, server, body, WARMUP_SECONDS, timed=False)
        for round_index in range(ROUNDS):
            note(f"round {round_index + 1} of {ROUNDS}")
            for server in servers:
                run_round(pool, clients, server, body, ROUND_SECONDS, timed=True)


def ms(seconds: float) -> str:
    """Seconds as a table cell in milliseconds, three significant digits."""
    value = seconds * 1e3
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


def cores(cpu_seconds: float | None, wall_seconds: float) -> str:
    """CPU seconds over wall seconds as a table cell: how many cores were busy on average."""
    return MISSING if cpu_seconds is None else f"{cpu_seconds / wall_seconds:.2f}"


def table(servers: list[Server]) -> list[str]:
    """The Markdown table, one string per line: one row per server, then the ratio."""
    header = ["server", "requests", "req/s", "req/s per round (min–max)", "p50 ms", "p95 ms",
              "server CPU (cores)", "server CPU ms/request", "client CPU (cores)"]
    lines = ["| " + " | ".join(header) + " |", "|---|" + "--:|" * (len(header) - 1)]
    for server in servers:
        cuts = statistics.quantiles(server.latencies, n=PERCENTILES)
        cells = [server.name, f"{len(server.latencies):,}", f"{server.rate:,.0f}",
                 f"{min(server.round_rates):,.0f}–{max(server.round_rates):,.0f}",
                 ms(statistics.median(server.latencies)), ms(cuts[P95 - 1]),
                 cores(server.server_cpu, server.seconds),
                 MISSING if server.cpu_per_request is None else ms(server.cpu_per_request),
                 cores(server.client_cpu, server.seconds)]
        lines.append("| " + " | ".join(cells) + " |")
    ours, noop = servers
    ratio = ours.rate / noop.rate
    lines += ["", f"**Throughput ours / no-op: {ratio:.0%}** (target ≥ {TARGET_RATIO:.0%}: "
                  f"{'met' if ratio >= TARGET_RATIO else 'not met'})"]
    if ours.cpu_per_request and noop.cpu_per_request:
        lines += ["", f"Server CPU per request, no-op / ours: {noop.cpu_per_request / ours.cpu_per_request:.0%} "
                      "(what the throughput ratio would be if both servers were CPU-bound on one core)"]
    return lines


def header(workload_label: str, body: bytes, answer: bytes, loads: tuple[float, float]) -> str:
    """The machine, the versions, the workload and the load average around the run."""
    return (f"**ConvScope load bench** · {os.cpu_count()} cores ({platform.machine()}) · Python "
            f"{platform.python_version()} · FastAPI {fastapi.__version__} · uvicorn {uvicorn.__version__} · "
            f"httpx {httpx.__version__} · workload {workload_label}: {len(body):,}-byte request, "
            f"{len(answer):,}-byte answer · load average (1 min) {loads[0]:.2f} before, {loads[1]:.2f} after")


def legend() -> str:
    """One line saying what was measured."""
    return (f"{CLIENTS} client threads (one keep-alive httpx client each) in one process; {ROUNDS} rounds of "
            f"{ROUND_SECONDS:g} s per server, alternating, after a {WARMUP_SECONDS:g} s warm-up each. Each server "
            f"is one uvicorn worker in its own process. The no-op is an async route: orjson parses the body and "
            f"the recorded answer goes back. Server and client CPU: cores busy on average during the timed "
            f"rounds; a worker's Python code runs under one GIL, and the client shares the machine's cores "
            f"with the servers.")


def main() -> int:
    """Start both servers, load them in turn, then print the report; 1 when a server misbehaves."""
    loads_before = os.getloadavg()[0]
    workload = next(w for w in WORKLOADS if w.name == WORKLOAD)
    body, expected = request_body(make_case(workload, np.random.default_rng(SEED)))
    try:
        with serving(functools.partial(create_app, Settings())) as (ours_base, ours_pid):
            answer = recorded_answer(ours_base + OURS_PATH, body, expected)
            with serving(functools.partial(noop_app, answer)) as (noop_base, noop_pid):
                servers = [Server("ours: POST /api/convolve", ours_base + OURS_PATH, ours_pid),
                           Server(f"no-op: POST {NOOP_PATH}", noop_base + NOOP_PATH, noop_pid)]
                note(f"{CLIENTS} clients, {ROUNDS} rounds of {ROUND_SECONDS:g} s per server")
                measure(servers, body)
    except BenchError as error:
        print(f"load bench failed: {error}", file=sys.stderr)
        return 1
    print("\n".join([header(workload.label, body, answer, (loads_before, os.getloadavg()[0])), "",
                     *table(servers), "", legend()]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
