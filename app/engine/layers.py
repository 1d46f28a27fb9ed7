"""Layer descriptions for a forward pass: plain frozen records, no behaviour."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .geometry import IntOrPair, Padding


@dataclass(frozen=True)
class Conv2d:
    kernel: np.ndarray  # (F, C, KH, KW)
    bias: np.ndarray | None = None  # (F,)
    stride: IntOrPair = 1
    padding: Padding = 0
    dilation: IntOrPair = 1
    padding_mode: str = "zeros"
    mode: str = "cross-correlation"
    type: str = "conv2d"


@dataclass(frozen=True)
class Pool2d:
    kind: str  # "max" or "avg"
    size: IntOrPair
    stride: IntOrPair | None = None
    padding: IntOrPair = 0

    @property
    def type(self) -> str:
        return f"{self.kind}pool"


@dataclass(frozen=True)
class Activation:
    function: str  # a name from activations.ACTIVATIONS
    alpha: float | None = None
    axis: int = -1  # softmax only; counts the sample's axes, not the batch

    @property
    def type(self) -> str:
        return self.function


@dataclass(frozen=True)
class Flatten:
    type: str = "flatten"


@dataclass(frozen=True)
class Dense:
    weight: np.ndarray  # (out, in)
    bias: np.ndarray | None = None  # (out,)
    type: str = "dense"


Layer = Conv2d | Pool2d | Activation | Flatten | Dense
