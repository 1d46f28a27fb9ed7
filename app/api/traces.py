"""Engine traces -> JSON objects shaped like the request (no channel axis for an H×W input)."""

from __future__ import annotations

from typing import Any

from ..engine import ConvTrace, PoolTrace
from .encoding import Encoding, encode


def conv_trace_json(trace: ConvTrace, input_rank: int, kernel_rank: int, encoding: Encoding) -> dict[str, Any]:
    channels = input_rank == 3  # keep the channel axis only if the caller sent one
    kernel = trace.kernel if kernel_rank == 4 else trace.kernel[0]  # (F, C, kh, kw) or (C, kh, kw)
    arrays = {
        "padded_input": trace.padded_input if channels else trace.padded_input[0],
        "kernel": kernel if channels or kernel_rank == 4 else kernel[0],
        "cell": trace.cell if kernel_rank == 4 else trace.cell[:, 1:],
        "rows": trace.rows,
        "cols": trace.cols,
        "values": trace.values if channels else trace.values[:, 0],
        "products": trace.products if channels else trace.products[:, 0],
        "sum": trace.sum,
        "bias": trace.bias,
        "value": trace.value,
    }
    if channels:
        arrays["channel_sums"] = trace.channel_sums
    grouped = {"groups": trace.groups} if trace.groups != 1 else {}  # today's answers stay as they were
    return {"padding": list(trace.pads), "steps": len(trace.value), **grouped,
            **{name: encode(array, encoding) for name, array in arrays.items()}}


def pool_trace_json(trace: PoolTrace, input_rank: int, encoding: Encoding) -> dict[str, Any]:
    channels = input_rank == 3
    arrays = {
        "padded_input": trace.padded_input if channels else trace.padded_input[0],
        "cell": trace.cell if channels else trace.cell[:, 1:],
        "rows": trace.rows,
        "cols": trace.cols,
        "values": trace.values,
        "value": trace.value,
    }
    extra = {}
    if trace.winner is not None:
        arrays["winner"] = trace.winner
    else:
        arrays["sum"], arrays["divisor"], extra["count"] = trace.sum, trace.divisor, trace.count
    return {"padding": list(trace.pads), "steps": len(trace.value), **extra,
            **{name: encode(array, encoding) for name, array in arrays.items()}}
