"""POST /api/convolve timed end to end over HTTP against the reference endpoint, then split into phases."""

from __future__ import annotations

import contextlib
import functools
import statistics
from types import ModuleType

import httpx
import numpy as np
import orjson
import phases
from harness import (
    HTTP_TIMEOUT_SECONDS,
    JSON_HEADERS,
    Budget,
    alternating_medians,
    note,
    post,
    require_close,
    serving,
    timed,
)
from workloads import Case, Row, request_body

from app.main import create_app
from app.settings import Settings

Request = tuple[Row, bytes, np.ndarray]  # a workload's row, its request body and the output it must return


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


def api_requests(rows: list[Row]) -> tuple[list[Request], Settings]:
    """Each single-sample workload's row, request body and expected output, and the limits they need."""
    rows = [row for row in rows if row.case.workload.single_sample]
    requests = [(row, *request_body(row.case)) for row in rows]
    return requests, api_settings([row.case for row in rows], [body for _, body, _ in requests])


def require_answer(content: bytes, expected: np.ndarray, what: str) -> None:
    """Fail the bench when an API answer's output differs from conv2d's."""
    require_close(np.asarray(orjson.loads(content)["output"]), expected, what)


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


def measure_api(requests: list[Request], settings: Settings, budget: Budget, torch: ModuleType | None) -> None:
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


def measure_phases(requests: list[Request], settings: Settings, budget: Budget, torch: ModuleType | None) -> None:
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
