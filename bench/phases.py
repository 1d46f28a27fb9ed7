"""Where a POST /api/convolve request's time goes, ConvScope's and the reference endpoint's.

Each phase of a handler is timed alone, in this process, on the bench's request bodies. The whole
app is then called as ASGI, without sockets: what it takes beyond the phases is the framework
(routing, FastAPI's request handling, middleware). The HTTP median that bench.py measured, minus
the in-process call, is the rest: uvicorn's HTTP layer, the wire and the Python client, which also
parses the response's headers.
"""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import orjson

from app.api.json_body import parse
from app.api.routes import convolve as route
from app.api.schemas.convolve import ConvolveRequest
from app.main import create_app
from app.settings import Settings

HANDLER_PHASES = ("parse", "arrays", "limits", "compute", "encode")
PHASES = (*HANDLER_PHASES, "framework", "HTTP + client")
NOT_APPLICABLE = "·"  # a handler phase the server does not have (the reference checks no limits)


@dataclass
class Timings:
    """Median seconds per phase (None where the server has no such phase), and the medians they come from."""

    phases: dict[str, float | None]
    in_process: float
    http: float | None


def scope_for(path: str, body: bytes) -> dict[str, Any]:
    """An HTTP scope for POST `path` with a JSON body, as uvicorn would build it."""
    return {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
            "scheme": "http", "path": path, "raw_path": path.encode(), "root_path": "", "query_string": b"",
            "headers": [(b"host", b"127.0.0.1"), (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode())],
            "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000), "state": {}}


async def call(app: Callable[..., Awaitable[None]], path: str, body: bytes) -> bytes:
    """POST `body` to an ASGI app; -> the response body, which must come with status 200."""
    messages: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    await app(scope_for(path, body), receive, send)
    if messages[0]["status"] != 200:
        raise RuntimeError(f"in-process POST {path}: HTTP {messages[0]['status']}")
    return b"".join(m.get("body", b"") for m in messages[1:])


def timed_once(run: Callable[[], Any]) -> float:
    """Seconds one call of `run` takes."""
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


@dataclass(frozen=True)
class Server:
    """One side of the comparison: its handler's phases as calls to time, and its app."""

    phases: dict[str, Callable[[], Any] | None]  # None: the server has no such phase
    app: Callable[..., Awaitable[None]]
    path: str
    lifespan: bool  # whether the app has start-up work to run first


def ours(body: bytes, settings: Settings) -> Server:
    """ConvScope's phases: parse (orjson), arrays (validation, which builds them), limits, compute
    (the engine and the finiteness checks), encode (the response, written by orjson)."""
    parsed = parse(body)
    request = ConvolveRequest.model_validate(parsed)
    output, trace = route.compute(request)
    return Server({"parse": lambda: parse(body),
                   "arrays": lambda: ConvolveRequest.model_validate(parsed),
                   "limits": lambda: route.check(request, settings),
                   "compute": lambda: route.compute(request),
                   "encode": lambda: route.answer(request, output, trace)},
                  create_app(settings), "/api/convolve", lifespan=True)


def reference(body: bytes, torch_endpoint: ModuleType) -> Server:
    """The reference's phases: parse (orjson), arrays (torch.tensor), compute (F.conv2d), encode (orjson)."""
    parsed = orjson.loads(body)
    tensors = torch_endpoint.tensors(parsed)
    output = torch_endpoint.convolve(parsed, *tensors)
    return Server({"parse": lambda: orjson.loads(body),
                   "arrays": lambda: torch_endpoint.tensors(parsed),
                   "limits": None,
                   "compute": lambda: torch_endpoint.convolve(parsed, *tensors),
                   "encode": lambda: torch_endpoint.encode(output)},
                  torch_endpoint.create_app(), "/convolve", lifespan=False)


def measure(servers: list[Server], body: bytes, http: list[float | None],
            alternating: Callable[[list[Callable[[], Any]]], list[float]],
            repeats: Callable[[float], int], check: Callable[[bytes], None], rounds: int = 4) -> list[Timings]:
    """Every server's phases, then its whole in-process call, each timed in alternating stretches
    (`alternating` for the phases) so that a slow spell of the machine falls on all alike.
    `check` gets each app's first answer, before any is timed."""
    runs = [(i, phase, run) for i, server in enumerate(servers) for phase, run in server.phases.items() if run]
    medians = alternating([run for _, _, run in runs])
    phases: list[dict[str, float | None]] = [dict.fromkeys(server.phases) for server in servers]
    for (i, phase, _), median in zip(runs, medians, strict=True):
        phases[i][phase] = median
    wholes = asyncio.run(_alternating_calls(servers, body, repeats, check, rounds))
    return [_finish(p, whole, seconds) for p, whole, seconds in zip(phases, wholes, http, strict=True)]


async def _alternating_calls(servers: list[Server], body: bytes, repeats: Callable[[float], int],
                             check: Callable[[bytes], None], rounds: int) -> list[float]:
    """Median in-process call of each server's app, in `rounds` alternating stretches."""
    async with contextlib.AsyncExitStack() as stack:
        for server in servers:
            if server.lifespan:  # ConvScope's start-up loads the models and settles the heap, as when served
                await stack.enter_async_context(server.app.router.lifespan_context(server.app))
        counts = []
        for server in servers:  # one warm-up call each is checked and sizes its stretches
            start = time.perf_counter()
            check(await call(server.app, server.path, body))
            counts.append(max(1, repeats(time.perf_counter() - start) // rounds))
        samples: list[list[float]] = [[] for _ in servers]
        for _ in range(rounds):
            for server, count, sample in zip(servers, counts, samples, strict=True):
                for _ in range(count):
                    start = time.perf_counter()
                    await call(server.app, server.path, body)
                    sample.append(time.perf_counter() - start)
    return [statistics.median(sample) for sample in samples]


def _finish(phases: dict[str, float | None], in_process: float, http: float | None) -> Timings:
    handler = sum(value for value in phases.values() if value is not None)
    phases["framework"] = in_process - handler
    phases["HTTP + client"] = None if http is None else http - in_process
    return Timings(phases, in_process, http)


def table(rows: list[tuple[str, str, Timings]], cell: Callable[[float | None], str]) -> list[str]:
    """One line per (workload, server): each phase's median and the HTTP median they add up to."""
    header = ["workload", "server", *PHASES, "HTTP median"]
    lines = ["| " + " | ".join(header) + " |", "|---|---|" + "--:|" * (len(header) - 2)]
    for label, server, timings in rows:
        cells = [NOT_APPLICABLE if phase in HANDLER_PHASES and timings.phases[phase] is None
                 else cell(timings.phases[phase]) for phase in PHASES]
        lines.append("| " + " | ".join([label, server, *cells, cell(timings.http)]) + " |")
    return lines
