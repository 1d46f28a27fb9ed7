"""The engine's functions timed alone: conv2d against conv2d_naive and PyTorch, pool2d against PyTorch."""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import replace
from types import ModuleType
from typing import Any

import numpy as np
from harness import Budget, alternating_medians, median_seconds, note, require_close, timed
from workloads import Case, Row

from app.engine import conv2d, conv2d_naive, pool2d

CORES = os.cpu_count() or 1
POOL_SIZE = 2  # pooling window side; the stride is the same

# PyTorch works in float32, so its outputs are checked this loosely (conv2d_naive: allclose's defaults).
FLOAT32_TOLERANCE = {"rtol": 1e-4, "atol": 1e-3}


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
