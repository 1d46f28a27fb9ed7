"""Layers that join several inputs: element-wise arithmetic (with broadcasting) and concatenation."""

from __future__ import annotations

from dataclasses import dataclass
from math import prod

from ..elementwise import BINARY_OPS, binary, binary_shape, concat, concat_shape
from .base import LayerKind, Shape, sample_axis


@dataclass(frozen=True)
class Binary:
    op: str  # "add", "sub", "mul" or "div": inputs[0] op inputs[1]

    @property
    def type(self) -> str:
        return self.op


@dataclass(frozen=True)
class Concat:
    axis: int = 0  # counts the sample's axes: 0 is the channel axis of C×H×W
    type: str = "concat"


BINARY = LayerKind(
    types=BINARY_OPS, record=Binary, inputs=2,
    output_shape=lambda layer, shapes: binary_shape(layer.op, *shapes),
    run=lambda layer, xs: binary(layer.op, *xs),
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
