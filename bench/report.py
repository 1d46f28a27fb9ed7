"""bench.py's report: the header, the Markdown tables of times and ratios, and legends saying what was measured."""

from __future__ import annotations

import math
import platform
from types import ModuleType

import fastapi
import numpy as np
import phases
from kernels import CORES, POOL_SIZE
from targets import targets_table
from workloads import Row

SIGNIFICANT_DIGITS = 3
MISSING = "—"

PHASES_LEGEND = (
    "Where the API's time goes, in ms: each phase of the handler timed alone in this process "
    "(arrays: validation, which builds the arrays, or torch.tensor; limits: ours only; encode: the "
    "response written by orjson); framework: a whole in-process ASGI call minus those phases (routing, "
    "FastAPI, middleware, freeing the request's objects); HTTP + client: the HTTP median above minus that "
    "call (uvicorn, the wire, the Python client). Both are differences of medians: on the big bodies "
    "they can come out below zero.")


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


def phases_table(rows: list[Row]) -> list[str]:
    """Where the API's time goes, as a Markdown table (nothing when the phases were not measured)."""
    lines = [(row.case.workload.label.split(" ")[0], server, timings) for row in rows
             for server, timings in (("ours", row.phases), ("reference", row.reference_phases)) if timings]
    return phases.table(lines, ms) if lines else []


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


def report(rows: list[Row], torch: ModuleType | None, full_naive: bool, api: bool) -> list[str]:
    """The whole report, one string per line: header, times, legend, targets and (with the API) its phases."""
    lines = [versions_line(torch), "", *table(rows, full_naive), "", legend(torch, full_naive, api), "",
             *targets_table(rows, factor)]
    if api:
        lines += ["", PHASES_LEGEND, "", *phases_table(rows)]
    return lines
