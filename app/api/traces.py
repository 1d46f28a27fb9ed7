"""Engine traces -> JSON objects shaped like the request (no channel axis for an H×W input)."""

from __future__ import annotations

from typing import Any

from ..engine import ConvTrace, PoolTrace


def conv_trace_json(trace: ConvTrace, input_rank: int, kernel_rank: int) -> dict[str, Any]:
    channels = input_rank == 3  # keep the channel axis only if the caller sent one
    kernel = trace.kernel if kernel_rank == 4 else trace.kernel[0]  # (F, C, kh, kw) or (C, kh, kw)
    body = {
        "padded_input": trace.padded_input if channels else trace.padded_input[0],
        "padding": list(trace.pads),
        "kernel": kernel if channels or kernel_rank == 4 else kernel[0],
        "steps": len(trace.value),
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
        body["channel_sums"] = trace.channel_sums
    return body


def pool_trace_json(trace: PoolTrace, input_rank: int) -> dict[str, Any]:
    channels = input_rank == 3
    body = {
        "padded_input": trace.padded_input if channels else trace.padded_input[0],
        "padding": list(trace.pads),
        "steps": len(trace.value),
        "cell": trace.cell if channels else trace.cell[:, 1:],
        "rows": trace.rows,
        "cols": trace.cols,
        "values": trace.values,
        "value": trace.value,
    }
    if trace.winner is not None:
        body["winner"] = trace.winner
    else:
        body["sum"], body["count"] = trace.sum, trace.count
    return body
