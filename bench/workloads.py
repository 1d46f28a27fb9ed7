"""The six convolutions the bench measures, their random arrays, and one row of results for each.

Every other implementation's output must match the engine's conv2d on the same arrays, which
`make_case` computes once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import orjson
import phases

from app.engine import conv2d

SEED = 2024


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
    """One workload's measurements, in seconds (None: not measured): a line of the report's table."""

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


def make_case(workload: Workload, rng: np.random.Generator) -> Case:
    """Standard-normal input, kernel and bias of the workload's shapes, and conv2d's output."""
    x = rng.standard_normal(workload.x_shape)  # (N, C, H, W)
    weight = rng.standard_normal(workload.weight_shape)  # (F, C, KH, KW)
    bias = rng.standard_normal(workload.weight_shape[0])  # (F,)
    return Case(workload, x, weight, bias, conv2d(x, weight, bias, **workload.params))


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
