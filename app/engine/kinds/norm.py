"""Normalisation layers, at inference: batch norm and local response norm."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from math import prod

import numpy as np

from ..geometry import ParameterError
from ..norm import (
    batch_norm_check,
    batch_norm_scale_shift,
    check_variance,
    local_response_norm,
    lrn_check,
    scaled_shifted,
)
from .base import LayerKind, Shape, elementwise


@dataclass(frozen=True)
class BatchNorm:
    mean: np.ndarray  # (C,) running mean
    var: np.ndarray  # (C,) running variance
    weight: np.ndarray | None = None  # (C,) γ, default 1
    bias: np.ndarray | None = None  # (C,) β, default 0
    eps: float = 1e-5
    type: str = "batchnorm"

    @cached_property
    def _folds(self) -> dict[np.dtype, tuple[np.ndarray, np.ndarray]]:
        return {}

    def folded(self, dtype: np.dtype) -> tuple[np.ndarray, np.ndarray]:
        """(scale, shift), each (C,), in the precision of an input of `dtype` (as batch_norm takes its
        parameters), worked out once per layer: a network runs the same layer for input after input."""
        dtype = np.result_type(dtype, 0.0)
        if dtype not in self._folds:
            self._folds[dtype] = batch_norm_scale_shift(
                *(None if a is None else np.asarray(a, dtype) for a in (self.mean, self.var, self.weight, self.bias)),
                self.eps)
        return self._folds[dtype]


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
    run=lambda layer, xs: scaled_shifted(xs[0], *layer.folded(xs[0].dtype)),  # checked by the plan
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
