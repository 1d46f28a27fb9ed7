"""Layers that join several inputs: element-wise arithmetic (with broadcasting) and concatenation.
Arithmetic may also take one input and a constant (x · scale, x − mean, 1 / x)."""

from __future__ import annotations

from dataclasses import dataclass
from math import prod

import numpy as np

from ..elementwise import BINARY_OPS, binary, binary_shape, concat, concat_shape
from ..geometry import ParameterError
from .base import LayerKind, Shape, sample_axis


@dataclass(frozen=True)
class Binary:
    op: str  # "add", "sub", "mul" or "div": inputs[0] op inputs[1]
    # A constant in place of inputs[1]: one sample's values, broadcast to every sample (then one input).
    operand: np.ndarray | None = None
    operand_first: bool = False  # the constant is the left side: operand op inputs[0]

    @property
    def type(self) -> str:
        return self.op


def _binary_inputs(layer: Binary) -> int:
    return 2 if layer.operand is None else 1


def _binary_shape(layer: Binary, shapes: list[Shape]) -> Shape:
    if layer.operand is None:
        return binary_shape(layer.op, *shapes)
    (shape,) = shapes
    if layer.operand.ndim > len(shape):
        raise ParameterError("operand", f"an operand of shape {list(layer.operand.shape)} has more axes than one "
                                        f"sample's {list(shape)}: it would broadcast across the batch")
    return binary_shape(layer.op, shape, layer.operand.shape)


def _binary_run(layer: Binary, xs: list[np.ndarray]) -> np.ndarray:
    if layer.operand is None:
        return binary(layer.op, *xs)
    # (N, ...) op (...): aligned from the right, the operand meets each sample
    sides = (layer.operand, xs[0]) if layer.operand_first else (xs[0], layer.operand)
    return binary(layer.op, *sides)


@dataclass(frozen=True)
class Concat:
    axis: int = 0  # counts the sample's axes: 0 is the channel axis of C×H×W
    type: str = "concat"


BINARY = LayerKind(
    types=BINARY_OPS, record=Binary, inputs=_binary_inputs, arrays=("operand",),
    output_shape=_binary_shape,
    run=_binary_run,
    multiply_adds=lambda layer, shapes, out: prod(out),
)


def _concat_shape(layer: Concat, shapes: list[Shape]) -> Shape:
    return concat_shape(shapes, layer.axis)


CONCAT = LayerKind(
    types=("concat",), record=Concat, inputs=None,
    output_shape=_concat_shape,
    run=lambda layer, xs: concat(xs, sample_axis(layer.axis)),
    extra_work=lambda layer, shapes, out: prod(out),  # every value is copied
)

KINDS = (BINARY, CONCAT)
