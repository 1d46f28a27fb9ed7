"""Benchmark ConvScope's engine and API; print a Markdown table of ratios measured in the same run.

    python bench/bench.py [--quick] [--full-naive] [--no-api]

For six convolution workloads it times the engine's conv2d against conv2d_naive (the loop-by-loop
definition) and PyTorch, pool2d against PyTorch's pooling, and POST /api/convolve end to end against
a reference endpoint written with orjson and PyTorch (bench/torch_endpoint.py). PyTorch is optional:
without it those columns stay empty. Every time is a median of repeated runs; every implementation's
output is checked against conv2d's before it is timed, so a broken engine fails the bench.

Progress goes to stderr; stdout gets only the header, the table, a one-line legend and a table of
the targets (bench/targets.py) saying which this run meets.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import math
import multiprocessing
import os
import platform
import socket
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

BENCH_DIR = Path(__file__).resolve().parent
for _path in (BENCH_DIR.parent, BENCH_DIR):  # the project (for app) and this folder (for torch_endpoint)
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import fastapi  # noqa: E402
import httpx  # noqa: E402
import orjson  # noqa: E402
import phases  # noqa: E402
import uvicorn  # noqa: E402
from targets import targets_table  # noqa: E402

from app.engine import conv2d, conv2d_naive, pool2d  # noqa: E402
from app.main import create_app  # noqa: E402
from app.settings import Settings  # noqa: E402

SEED = 2024
CORES = os.cpu_count() or 1
POOL_SIZE = 2  # pooling window side; the stride is the same
SIGNIFICANT_DIGITS = 3
MISSING = "—"

# PyTorch works in float32, so its outputs are checked this loosely (conv2d_naive: allclose's defaults).
FLOAT32_TOLERANCE = {"rtol": 1e-4, "atol": 1e-3}

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


@dataclass(frozen=True)
class Workload:
    """One convolution from the issue: input shape, filter bank shape and its parameters."""

    name: str
    x_shape: tuple[int, int, int, int]  # (N, C, H, W)
    weight_shape: tuple[int, int, int, int]  # (F, C, KH, KW)
    stride: int = 1
    padding: int = 0
    dilation: int = 1

    @property
    def params(self) -> dict[str, int]:
        """Keyword arguments shared by conv2d, conv2d_naive and torch's conv2d."""
        return {"stride": self.stride, "padding": self.padding, "dilation": self.dilation}

    @property
    def single_sample(self) -> bool:
        """The API convolves one sample, never a batch."""
        return self.x_shape[0] == 1

    @property
    def label(self) -> str:
        """'(f) 1×3×512×512 → 8 × 7×7, stride 2, dilation 2': input, then filters × kernel, then parameters."""
        f, _, kh, kw = self.weight_shape
        parts = [f"({self.name}) {'×'.join(map(str, self.x_shape))} → {f} × {kh}×{kw}"]
        if self.padding:
            parts.append(f"pad {self.padding}")
        if self.stride != 1:
            parts.append(f"stride {self.stride}")
        if self.dilation != 1:
            parts.append(f"dilation {self.dilation}")
        return ", ".join(parts)


WORKLOADS = (
    Workload("a", (1, 1, 7, 7), (1, 1, 3, 3)),
    Workload("b", (1, 1, 28, 28), (8, 1, 3, 3), padding=1),
    Workload("c", (1, 8, 14, 14), (16, 8, 3, 3), padding=1),
    Workload("d", (1, 3, 224, 224), (16, 3, 3, 3), padding=1),
    Workload("e", (64, 8, 28, 28), (16, 8, 5, 5)),
    Workload("f", (1, 3, 512, 512), (8, 3, 7, 7), stride=2, dilation=2),
)


@dataclass(frozen=True)
class Case:
    """A workload's random arrays and conv2d's answer, which every other implementation must match."""

    workload: Workload
    x: np.ndarray  # (N, C, H, W) float64
    weight: np.ndarray  # (F, C, KH, KW) float64
    bias: np.ndarray  # (F,) float64
    expected: np.ndarray  # (N, F, OH, OW)


@dataclass
class Row:
    """One line of the table, in seconds (None: not measured)."""

    case: Case
    conv: float
    naive: float
    conv32: float | None = None  # the engine on float32 copies of the arrays, as PyTorch computes
    torch_conv: float | None = None
    pool_ratios: dict[str, float] | None = None  # kind -> ours / torch
    api: float | None = None
    api_reference: float | None = None
    phases: phases.Timings | None = None  # where the API's time goes, ours
    reference_phases: phases.Timings | None = None  # and the reference's


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


def make_case(workload: Workload, rng: np.random.Generator) -> Case:
    """Standard-normal input, kernel and bias of the workload's shapes, and conv2d's output."""
    x = rng.standard_normal(workload.x_shape)  # (N, C, H, W)
    weight = rng.standard_normal(workload.weight_shape)  # (F, C, KH, KW)
    bias = rng.standard_normal(workload.weight_shape[0])  # (F,)
    return Case(workload, x, weight, bias, conv2d(x, weight, bias, **workload.params))


def engine_run(case: Case, dtype: type = np.float64) -> Callable[[], np.ndarray]:
    """The engine's conv2d on the case's arrays in `dtype`, as a call to time (its output is checked first)."""
    w = case.workload
    x, weight, bias = (a.astype(dtype) for a in (case.x, case.weight, case.bias))
    tolerance = FLOAT32_TOLERANCE if dtype == np.float32 else {}
    output = conv2d(x, weight, bias, **w.params)
    require_close(output, case.expected, f"({w.name}) conv2d in {np.dtype(dtype).name}", **tolerance)
    return lambda: conv2d(x, weight, bias, **w.params)


def naive_band_seconds(case: Case, budget: Budget) -> float:
    """conv2d_naive's time for the whole workload, extrapolated from the first output rows of one sample.

    The input is padded up front and cropped to the rows the band reads, so the band is exactly
    the first rows of the real output; it is checked against conv2d's before it counts.
    """
    w = case.workload
    kh = case.weight.shape[2]
    extent = w.dilation * (kh - 1) + 1  # input rows under one kernel placement
    pads = ((0, 0), (0, 0), (w.padding, w.padding), (w.padding, w.padding))
    padded = np.pad(case.x[:1], pads)  # (1, C, H + 2p, W + 2p)
    n, _, out_rows, _ = case.expected.shape

    def band(rows: int) -> Callable[[], np.ndarray]:
        crop = padded[:, :, :(rows - 1) * w.stride + extent]  # (1, C, rows read, W + 2p)
        return lambda: conv2d_naive(crop, case.weight, case.bias, stride=w.stride,
                                    dilation=w.dilation)  # (1, F, rows, OW)

    target = budget.naive_band_seconds
    rows = min(out_rows, math.ceil(target / timed(band(1))[0]))
    first, output = timed(band(rows))
    require_close(output, case.expected[:1, :, :rows], f"({w.name}) conv2d_naive on {rows} output row(s)")
    # A band that lasts the whole target is timed once; a small workload's whole output, repeatedly.
    band_budget = replace(budget, target_seconds=target, max_seconds=target, slow_repeats=1)
    return median_seconds(band(rows), band_budget, first=first) * n * out_rows / rows


def naive_full_seconds(case: Case) -> float:
    """conv2d_naive's time for the whole workload, run once."""
    seconds, output = timed(lambda: conv2d_naive(case.x, case.weight, case.bias, **case.workload.params))
    require_close(output, case.expected, f"({case.workload.name}) conv2d_naive")
    return seconds


def load_torch() -> ModuleType | None:
    """PyTorch with one thread per core, or None when it is not installed."""
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(CORES)
    return torch


def torch_comparison(case: Case, budget: Budget, torch: ModuleType) -> tuple[float, float, dict[str, float]]:
    """conv2d's float32 time and PyTorch's, and pool2d's time over PyTorch's for each pooling kind."""
    functional = torch.nn.functional
    w = case.workload
    x = torch.from_numpy(case.x).float()  # (N, C, H, W) float32
    weight, bias = torch.from_numpy(case.weight).float(), torch.from_numpy(case.bias).float()

    def conv() -> Any:
        return functional.conv2d(x, weight, bias, **w.params)  # (N, F, OH, OW)

    require_close(conv().numpy(), case.expected, f"({w.name}) torch conv2d", **FLOAT32_TOLERANCE)
    references = {"max": functional.max_pool2d, "avg": functional.avg_pool2d}
    # The pools first: PyTorch's conv2d runs several times slower until some other operation has run.
    ratios = {kind: pool_ratio(case, x, kind, reference, budget) for kind, reference in references.items()}
    ours, theirs = alternating_medians([engine_run(case, np.float32), conv], budget)
    return ours, theirs, ratios


def pool_ratio(case: Case, x: Any, kind: str, reference: Callable[..., Any], budget: Budget) -> float:
    """pool2d's time over `reference`'s (PyTorch's pooling of `x`, the float32 copy of the input)."""

    x_ours = x.numpy()  # the same float32 numbers PyTorch pools

    def ours() -> np.ndarray:
        return pool2d(x_ours, kind, POOL_SIZE, winners=False).output  # (N, C, H // 2, W // 2)

    def theirs() -> Any:
        return reference(x, POOL_SIZE)  # (N, C, H // 2, W // 2)

    require_close(theirs().numpy(), ours(), f"({case.workload.name}) {kind} pool", **FLOAT32_TOLERANCE)
    ours_seconds, theirs_seconds = alternating_medians([ours, theirs], budget)
    return ours_seconds / theirs_seconds


def measure_kernels(case: Case, budget: Budget, full_naive: bool, torch: ModuleType | None) -> Row:
    """Everything but the API for one workload."""
    note(f"{case.workload.label}: conv2d, naive{', torch' if torch else ''}")
    row = Row(case, conv=median_seconds(engine_run(case), budget),
              naive=naive_full_seconds(case) if full_naive else naive_band_seconds(case, budget))
    if torch is not None:
        row.conv32, row.torch_conv, row.pool_ratios = torch_comparison(case, budget, torch)
    return row


def request_body(case: Case) -> tuple[bytes, np.ndarray]:
    """The JSON for POST /api/convolve and the output it must return.

    A single channel and a single filter go as a plain H×W input and kh×kw kernel, as the issue writes them.
    """
    plain = case.x.shape[1] == 1 and case.weight.shape[0] == 1
    w = case.workload
    payload = {
        "input": case.x[0, 0] if plain else case.x[0],  # (H, W) or (C, H, W)
        "kernel": case.weight[0, 0] if plain else case.weight,  # (KH, KW) or (F, C, KH, KW)
        "bias": case.bias,  # (F,)
        "stride": w.stride, "padding": w.padding, "dilation": w.dilation,
    }
    expected = case.expected[0, 0] if plain else case.expected[0]  # (OH, OW) or (F, OH, OW)
    return orjson.dumps(payload, option=orjson.OPT_SERIALIZE_NUMPY), expected


def api_settings(cases: list[Case], bodies: list[bytes]) -> Settings:
    """The default limits, raised wherever a workload needs more (they should all fit already)."""
    defaults = Settings()
    needed: dict[str, int] = {}
    for case, body in zip(cases, bodies, strict=True):
        f, c, kh, kw = case.weight.shape
        outputs = case.expected[0].size
        demand = {"max_body_bytes": len(body), "max_input_elements": case.x[0].size,
                  "max_kernel_size": max(kh, kw), "max_filters": f, "max_output_elements": outputs,
                  "max_multiply_adds": outputs * c * kh * kw}
        for setting, amount in demand.items():
            needed[setting] = max(needed.get(setting, 0), amount)
    raised = {setting: amount for setting, amount in needed.items() if amount > getattr(defaults, setting)}
    for setting, amount in raised.items():
        note(f"raising {setting} from {getattr(defaults, setting):,} to {amount:,}")
    return defaults.model_copy(update=raised)


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


def interleaved_medians(client: httpx.Client, urls: list[str], body: bytes, expected: np.ndarray,
                        budget: Budget) -> list[float]:
    """Median latency of each URL for the same body, with requests alternating A, B, A, B, ...

    The first request to each checks its answer and sizes the repeats; it is not counted.
    """
    first = []
    for url in urls:
        seconds, response = timed(lambda url=url: post(client, url, body))
        require_answer(response.content, expected, f"POST {url}")
        first.append(seconds)
    samples: list[list[float]] = [[] for _ in urls]
    for _ in range(budget.repeats(sum(first))):
        for url, sample in zip(urls, samples, strict=True):
            sample.append(timed(lambda url=url: post(client, url, body))[0])
    return [statistics.median(sample) for sample in samples]


def require_answer(content: bytes, expected: np.ndarray, what: str) -> None:
    """Fail the bench when an API answer's output differs from conv2d's."""
    require_close(np.asarray(orjson.loads(content)["output"]), expected, what)


def api_requests(rows: list[Row]) -> tuple[list[tuple[Row, bytes, np.ndarray]], Settings]:
    """Each single-sample workload's row, request body and expected output, and the limits they need."""
    rows = [row for row in rows if row.case.workload.single_sample]
    requests = [(row, *request_body(row.case)) for row in rows]
    return requests, api_settings([row.case for row in rows], [body for _, body, _ in requests])


def measure_api(requests: list[tuple[Row, bytes, np.ndarray]], settings: Settings, budget: Budget,
                torch: ModuleType | None) -> None:
    """Fill in the API latencies of each request's row, ours and (with torch) the reference's."""
    endpoints = [(functools.partial(create_app, settings), "/api/convolve")]  # (app factory, path): ours first
    if torch is not None:
        import torch_endpoint

        endpoints.append((torch_endpoint.create_app, "/convolve"))
    with contextlib.ExitStack() as stack:
        urls = [stack.enter_context(serving(make_app))[0] + path for make_app, path in endpoints]
        client = stack.enter_context(httpx.Client(timeout=HTTP_TIMEOUT_SECONDS, headers=JSON_HEADERS))
        for row, body, expected in requests:
            note(f"{row.case.workload.label}: API ({len(body):,}-byte body)")
            row.api, *reference = interleaved_medians(client, urls, body, expected, budget)
            row.api_reference = reference[0] if reference else None


def measure_phases(requests: list[tuple[Row, bytes, np.ndarray]], settings: Settings, budget: Budget,
                   torch: ModuleType | None) -> None:
    """Time each phase of the API's requests in this process, ours and (with torch) the reference's."""
    alternating = functools.partial(alternating_medians, budget=budget)
    for row, body, expected in requests:
        note(f"{row.case.workload.label}: phases in-process")
        check = functools.partial(require_answer, expected=expected, what="an in-process POST")

        servers, http = [phases.ours(body, settings)], [row.api]
        if torch is not None:
            import torch_endpoint

            servers.append(phases.reference(body, torch_endpoint))
            http.append(row.api_reference)
        row.phases, *reference = phases.measure(servers, body, http, alternating, budget.repeats, check)
        row.reference_phases = reference[0] if reference else None


def phases_table(rows: list[Row]) -> list[str]:
    """Where the API's time goes, as a Markdown table (nothing when the phases were not measured)."""
    lines = [(row.case.workload.label.split(" ")[0], server, timings) for row in rows
             for server, timings in (("ours", row.phases), ("reference", row.reference_phases)) if timings]
    return phases.table(lines, ms) if lines else []


def significant(value: float) -> str:
    """A number to SIGNIFICANT_DIGITS digits, without an exponent: 0.0123, 1.23, 123, 12,300."""
    rounded = float(f"{value:.{SIGNIFICANT_DIGITS}g}")  # 0.99996 -> 1.0: digits count after rounding
    if rounded == 0:
        return "0"
    decimals = max(0, SIGNIFICANT_DIGITS - 1 - math.floor(math.log10(abs(rounded))))
    return f"{rounded:,.{decimals}f}"


def ms(seconds: float | None) -> str:
    """Seconds as a table cell in milliseconds."""
    return MISSING if seconds is None else significant(seconds * 1e3)


def factor(value: float | None) -> str:
    """A ratio as a table cell: 12.3×."""
    return MISSING if value is None else significant(value) + "×"


def ratio(numerator: float | None, denominator: float | None) -> str:
    """numerator / denominator as a table cell, or MISSING when either was not measured."""
    return factor(None if numerator is None or denominator is None else numerator / denominator)


def table(rows: list[Row], full_naive: bool) -> list[str]:
    """The Markdown table, one string per line."""
    header = ["workload", "conv2d", "naive (full run)" if full_naive else "naive (extrapolated)",
              "speed-up vs naive", "conv2d f32", "torch f32", "f32 ours/torch", "pool max ours/torch",
              "pool avg ours/torch",
              "API median ours", "API reference", "ours/reference"]
    lines = ["| " + " | ".join(header) + " |", "|---|" + "--:|" * (len(header) - 1)]
    for row in rows:
        pools = row.pool_ratios or {}
        cells = [row.case.workload.label, ms(row.conv), ms(row.naive), ratio(row.naive, row.conv),
                 ms(row.conv32), ms(row.torch_conv), ratio(row.conv32, row.torch_conv),
                 factor(pools.get("max")), factor(pools.get("avg")),
                 ms(row.api), ms(row.api_reference), ratio(row.api, row.api_reference)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def versions_line(torch: ModuleType | None) -> str:
    """The header: the machine and the versions that shape the numbers."""
    parts = [f"{CORES} cores ({platform.machine()}, {platform.system()})",
             f"Python {platform.python_version()}", f"NumPy {np.__version__}", f"FastAPI {fastapi.__version__}"]
    parts.append(f"PyTorch {torch.__version__} ({torch.get_num_threads()} threads)" if torch
                 else "PyTorch not installed")
    return "**ConvScope bench** · " + " · ".join(parts)


def legend(torch: ModuleType | None, full_naive: bool, api: bool) -> str:
    """One line saying what each column measured."""
    parts = ["Times: medians in ms. Speed-up vs naive is naive / conv2d; every other ratio is ours / theirs, "
             "so above 1× ours is slower. conv2d: the NumPy engine in float64, as the API computes; "
             "conv2d f32: the same engine given float32 arrays."]
    if full_naive:
        parts.append("Naive: conv2d_naive on the whole workload, run once.")
    else:
        parts.append("Naive: conv2d_naive on the first output rows of one sample, scaled to the whole "
                     "output by rows (--full-naive runs it all).")
    if torch:
        parts.append(f"Torch: torch.nn.functional in float32 (the usual choice); pools are "
                     f"{POOL_SIZE}×{POOL_SIZE}, stride {POOL_SIZE}, on each workload's input in float32, "
                     f"for both; ours and PyTorch's are timed in four alternating stretches.")
    if api:
        parts.append("API: POST /api/convolve over keep-alive HTTP on localhost"
                     + (" vs bench/torch_endpoint.py (orjson + torch float64, no validation), "
                        "requests interleaved" if torch else "")
                     + "; (e) is a batch, which the API does not take.")
    return " ".join(parts)


PHASES_LEGEND = (
    "Where the API's time goes, in ms: each phase of the handler timed alone in this process "
    "(arrays: validation, which builds the arrays, or torch.tensor; limits: ours only; encode: the "
    "response written by orjson); framework: a whole in-process ASGI call minus those phases (routing, "
    "FastAPI, middleware, freeing the request's objects); HTTP + client: the HTTP median above minus that "
    "call (uvicorn, the wire, the Python client). Both are differences of medians: on the big bodies "
    "they can come out below zero.")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """--quick, --full-naive, --no-api."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats: a rough table in less time")
    parser.add_argument("--full-naive", action="store_true",
                        help="run conv2d_naive on every whole workload (minutes) instead of extrapolating")
    parser.add_argument("--no-api", action="store_true", help="skip the HTTP measurements")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Measure everything, then print the report; 1 when an implementation disagrees with conv2d."""
    args = parse_args(argv)
    budget = QUICK if args.quick else FULL
    torch = load_torch()
    rng = np.random.default_rng(SEED)
    try:
        rows = [measure_kernels(make_case(w, rng), budget, args.full_naive, torch) for w in WORKLOADS]
        if not args.no_api:
            requests, settings = api_requests(rows)
            measure_api(requests, settings, QUICK if args.quick else FULL_API, torch)
            measure_phases(requests, settings, budget, torch)
    except BenchError as error:
        print(f"bench failed: {error}", file=sys.stderr)
        return 1
    report = [versions_line(torch), "", *table(rows, args.full_naive), "",
              legend(torch, args.full_naive, not args.no_api), "", *targets_table(rows, factor)]
    if not args.no_api:
        report += ["", PHASES_LEGEND, "", *phases_table(rows)]
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
