"""The home page's worked example: the seed convolution's first step, computed by the engine."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..engine import conv2d, conv_trace


@dataclass(frozen=True)
class WorkedStep:
    input: list[list[str]]
    kernel: list[list[str]]
    output: list[list[str]]
    window: set[tuple[int, int]]  # input cells under the kernel
    terms: list[tuple[str, str]]  # (value, kernel) pairs of the sum
    value: str


def _text(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.3g}"


def first_step(example: dict) -> WorkedStep:
    x = np.asarray(example["input"], dtype=float)  # (H, W)
    k = np.asarray(example["kernel"], dtype=float)  # (KH, KW)
    out = conv2d(x[None, None], k[None, None])[0, 0]  # (OH, OW)
    trace = conv_trace(x[None], k[None, None])
    window = {(int(r), int(c)) for r in trace.rows[0] for c in trace.cols[0]}
    pairs = zip(trace.values[0, 0].ravel(), trace.kernel[0, 0].ravel(), strict=True)
    terms = [(_text(v), _text(w)) for v, w in pairs]
    grid = lambda a: [[_text(v) for v in row] for row in a]  # noqa: E731
    return WorkedStep(grid(x), grid(k), grid(out), window, terms, _text(trace.value[0]))
