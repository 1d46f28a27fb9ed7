"""Normalisation layers, at inference: batch norm and local response norm."""

from __future__ import annotations

from dataclasses import dataclass
from math import prod

import numpy as np

from ..geometry import ParameterError
from ..norm import batch_norm, batch_norm_check, check_variance, local_response_norm, lrn_check
from .base import LayerKind, Shape, elementwise


@dataclass(frozen=True)
class BatchNorm:
    mean: np.ndarray  # (C,) running mean
    var: np.ndarray  # (C,) running variance
    weight: np.ndarray | None = None  # (C,) γ, default 1
    bias: np.ndarray | None = None  # (C,) β, default 0
    eps: float = 1e-5
    type: str = "batchnorm"


def _batch_norm_shape(layer: BatchNorm, shapes: list[Shape]) -> Shape:
    (shape,) = shapes
    if not shape:
        raise ParameterError("input", "batchnorm needs an input with a channel axis (C, ...), got a number")
    batch_norm_check(shape[0], layer.mean.shape, layer.var.shape, None if layer.weight is None else layer.weight.shape,
                     None if layer.bias is None else layer.bias.shape, layer.eps)
    check_variance(layer.var)
    return shape


BATCH_NORM = LayerKind(
    types=("batchnorm",), record=BatchNorm, arrays=("mean", "var", "weight", "bias"),
    output_shape=_batch_norm_shape,
    run=lambda layer, xs: batch_norm(xs[0], layer.mean, layer.var, layer.weight, layer.bias, layer.eps),
    multiply_adds=lambda layer, shapes, out: prod(out),  # x·scale + shift, per value
)


@dataclass(frozen=True)
class LocalResponseNorm:
    size: int
    alpha: float = 1e-4
    beta: float = 0.75
    k: float = 1.0
    type: str = "lrn"


def _lrn_shape(layer: LocalResponseNorm, shapes: list[Shape]) -> Shape:
    lrn_check(layer.size, layer.alpha, layer.beta, layer.k, shape=(1, *shapes[0]))
    return elementwise(shapes)


LRN = LayerKind(
    types=("lrn",), record=LocalResponseNorm,
    output_shape=_lrn_shape,
    run=lambda layer, xs: local_response_norm(xs[0], layer.size, layer.alpha, layer.beta, layer.k),
    multiply_adds=lambda layer, shapes, out: prod(out) * (layer.size + 1),  # the window's squares, then the scale
)

KINDS = (BATCH_NORM, LRN)
