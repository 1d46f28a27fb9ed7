"""Layers that only rearrange values: reshape, transpose, slice, pad, upsample and dropout (the identity at
inference)."""

from __future__ import annotations

from dataclasses import dataclass
from math import prod

from ..geometry import IntOrPair
from ..resample import upsample, upsample_size
from ..tensor_ops import (
    dropout,
    pad,
    pad_shape,
    reshape,
    reshape_shape,
    slice_shape,
    take_slice,
    transpose,
    transpose_shape,
)
from .base import LayerKind, Shape, elementwise
from .conv import needs_image


@dataclass(frozen=True)
class Reshape:
    shape: tuple[int, ...]  # one sample's new shape; one −1 takes what is left
    type: str = "reshape"


@dataclass(frozen=True)
class Transpose:
    perm: tuple[int, ...]  # one sample's axes in their new order: output axis k is input axis perm[k]
    type: str = "transpose"


@dataclass(frozen=True)
class Slice:
    axis: int  # one sample's axis: 0 is the channel axis of C×H×W
    start: int
    stop: int  # Python's slicing: clamped to the axis, negative counts from its end
    step: int = 1
    type: str = "slice"


@dataclass(frozen=True)
class Pad:
    pads: tuple[tuple[int, int], ...]  # (before, after) for each of a sample's last axes, from the first padded
    mode: str = "constant"  # or "reflect", "replicate", "circular", as F.pad
    value: float = 0.0  # what constant mode fills in
    type: str = "pad"


@dataclass(frozen=True)
class Upsample:
    size: IntOrPair | None = None  # the output's (OH, OW)
    scale: float | tuple[float, float] | None = None  # or a factor per side
    mode: str = "nearest"  # or "bilinear"
    align_corners: bool | None = None  # bilinear only; None is False
    type: str = "upsample"

    def settings(self) -> dict:
        return dict(size=self.size, scale=self.scale, mode=self.mode, align_corners=self.align_corners)


@dataclass(frozen=True)
class Dropout:
    p: float = 0.5  # the training-time drop rate; inference passes every value through
    type: str = "dropout"


def _upsample_shape(layer: Upsample, shapes: list[Shape]) -> Shape:
    (shape,) = shapes
    needs_image(layer.type, shape)
    return (shape[0], *upsample_size(shape[1:], **layer.settings()))


RESHAPE = LayerKind(
    types=("reshape",), record=Reshape,
    output_shape=lambda layer, shapes: reshape_shape(shapes[0], layer.shape),
    run=lambda layer, xs: reshape(xs[0], layer.shape),
)

TRANSPOSE = LayerKind(
    types=("transpose",), record=Transpose,
    output_shape=lambda layer, shapes: transpose_shape(shapes[0], layer.perm),
    run=lambda layer, xs: transpose(xs[0], layer.perm),
    extra_work=lambda layer, shapes, out: prod(out),  # every value is copied
)

SLICE = LayerKind(
    types=("slice",), record=Slice,
    output_shape=lambda layer, shapes: slice_shape(shapes[0], layer.axis, layer.start, layer.stop, layer.step),
    run=lambda layer, xs: take_slice(xs[0], layer.axis, layer.start, layer.stop, layer.step),
    extra_work=lambda layer, shapes, out: prod(out),  # every value kept is copied
)

PAD = LayerKind(
    types=("pad",), record=Pad,
    output_shape=lambda layer, shapes: pad_shape(shapes[0], layer.pads, layer.mode),
    run=lambda layer, xs: pad(xs[0], layer.pads, layer.mode, layer.value),
    extra_work=lambda layer, shapes, out: prod(out),
)

UPSAMPLE = LayerKind(
    types=("upsample",), record=Upsample,
    output_shape=_upsample_shape,
    run=lambda layer, xs: upsample(xs[0], **layer.settings()),
    multiply_adds=lambda layer, shapes, out: prod(out) * (4 if layer.mode == "bilinear" else 0),
    extra_work=lambda layer, shapes, out: prod(out),
)

DROPOUT = LayerKind(
    types=("dropout",), record=Dropout,
    output_shape=lambda layer, shapes: elementwise(shapes),
    run=lambda layer, xs: dropout(xs[0]),
)

KINDS = (RESHAPE, TRANSPOSE, SLICE, PAD, UPSAMPLE, DROPOUT)
