"""Pooling layers."""

from __future__ import annotations

from dataclasses import dataclass
from math import prod

import numpy as np

from ..geometry import IntOrPair, as_pair
from ..grad import pool2d_backward
from ..pool import pool2d, pool_geometry
from .base import LayerKind, Shape, Sizes
from .conv import needs_image


@dataclass(frozen=True)
class Pool2d:
    kind: str  # "max" or "avg"
    size: IntOrPair
    stride: IntOrPair | None = None
    padding: IntOrPair = 0

    @property
    def type(self) -> str:
        return f"{self.kind}pool"

    def settings(self) -> dict:
        """The arguments pool2d takes besides the input."""
        return dict(kind=self.kind, size=self.size, stride=self.stride, padding=self.padding)


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
                              spacing=dict(stride=layer.stride, padding=layer.padding)),
    train=_pool_train, backward=_pool_backward,
)

KINDS = (POOL2D,)
