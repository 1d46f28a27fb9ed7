"""Pooling layers."""

from __future__ import annotations

from dataclasses import dataclass
from math import prod

import numpy as np

from ..adaptive_pool import adaptive_avg_pool2d, adaptive_pool_size
from ..geometry import IntOrPair, as_pair
from ..grad import pool2d_backward
from ..pool import global_pool, pool2d, pool_geometry
from ..reduce import mean, mean_shape
from ..trace import pool_trace
from .base import LayerKind, Shape, Sizes
from .conv import needs_image


@dataclass(frozen=True)
class Pool2d:
    kind: str  # "max" or "avg"
    size: IntOrPair
    stride: IntOrPair | None = None
    padding: IntOrPair = 0
    ceil_mode: bool = False
    dilation: IntOrPair = 1  # max only
    count_include_pad: bool = True  # avg only

    @property
    def type(self) -> str:
        return f"{self.kind}pool"

    def settings(self) -> dict:
        """The arguments pool2d takes besides the input."""
        return dict(kind=self.kind, size=self.size, stride=self.stride, padding=self.padding,
                    ceil_mode=self.ceil_mode, dilation=self.dilation, count_include_pad=self.count_include_pad)


def _pool_shape(layer: Pool2d, shapes: list[Shape]) -> Shape:
    (shape,) = shapes
    needs_image(layer.type, shape)
    return (shape[0], *pool_geometry((1, *shape), **layer.settings()).out)


def _pool_train(layer: Pool2d, x: np.ndarray):
    result = pool2d(x, **layer.settings(), winners=layer.kind == "max")
    return result.output, result.winners


def _pool_backward(layer: Pool2d, x: np.ndarray, winners: np.ndarray | None, dy: np.ndarray):
    return pool2d_backward(dy, x.shape, **layer.settings(), winners=winners), {}


POOL2D = LayerKind(
    types=("maxpool", "avgpool"), record=Pool2d,
    output_shape=_pool_shape,
    run=lambda layer, xs: pool2d(xs[0], **layer.settings(), winners=False).output,
    extra_work=lambda layer, shapes, out: prod(out) * prod(as_pair(layer.size, "size", 1)),
    sizes=lambda layer: Sizes(window=as_pair(layer.size, "size", 1),
                              spacing=dict(stride=layer.stride, padding=layer.padding, dilation=layer.dilation)),
    trace=lambda layer, x: pool_trace(x, **layer.settings()),
    train=_pool_train, backward=_pool_backward,
)


@dataclass(frozen=True)
class GlobalPool:
    kind: str  # "max" or "avg": of each whole feature map, kept as 1×1

    @property
    def type(self) -> str:
        return f"global{self.kind}pool"


@dataclass(frozen=True)
class AdaptiveAvgPool:
    output_size: int | tuple[int | None, int | None]  # None keeps that side
    type: str = "adaptiveavgpool"


def _global_shape(layer: GlobalPool, shapes: list[Shape]) -> Shape:
    (shape,) = shapes
    needs_image(layer.type, shape)
    return (shape[0], 1, 1)


def _adaptive_shape(layer: AdaptiveAvgPool, shapes: list[Shape]) -> Shape:
    (shape,) = shapes
    needs_image(layer.type, shape)
    return (shape[0], *adaptive_pool_size(shape[1:], layer.output_size))


GLOBAL_POOL = LayerKind(
    types=("globalavgpool", "globalmaxpool"), record=GlobalPool,
    output_shape=_global_shape,
    run=lambda layer, xs: global_pool(xs[0], layer.kind),
    extra_work=lambda layer, shapes, out: prod(shapes[0]),
)

ADAPTIVE_AVG_POOL = LayerKind(
    types=("adaptiveavgpool",), record=AdaptiveAvgPool,
    output_shape=_adaptive_shape,
    run=lambda layer, xs: adaptive_avg_pool2d(xs[0], layer.output_size),
    extra_work=lambda layer, shapes, out: 2 * prod(shapes[0]) + prod(out),  # running totals, then differences
)

@dataclass(frozen=True)
class Mean:
    axes: tuple[int, ...]  # one sample's axes to average over (0: the channel axis of C×H×W)
    keepdims: bool = True  # keep each as an axis of size 1
    type: str = "mean"


MEAN = LayerKind(
    types=("mean",), record=Mean,
    output_shape=lambda layer, shapes: mean_shape(shapes[0], layer.axes, layer.keepdims),
    run=lambda layer, xs: mean(xs[0], layer.axes, layer.keepdims),
    multiply_adds=lambda layer, shapes, out: prod(shapes[0]),  # every value is added once
)

KINDS = (POOL2D, GLOBAL_POOL, ADAPTIVE_AVG_POOL, MEAN)
