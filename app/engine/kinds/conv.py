"""Convolution layers."""

from __future__ import annotations

from dataclasses import dataclass
from math import prod

import numpy as np

from ..conv import conv2d, conv_geometry
from ..conv_transpose import conv_transpose2d, conv_transpose_geometry
from ..geometry import IntOrPair, Padding, ParameterError
from ..grad import conv2d_backward
from ..trace import conv_trace, conv_transpose_trace
from .base import LayerKind, Shape, Sizes


@dataclass(frozen=True)
class Conv2d:
    kernel: np.ndarray  # (F, C/groups, KH, KW)
    bias: np.ndarray | None = None  # (F,)
    stride: IntOrPair = 1
    padding: Padding = 0
    dilation: IntOrPair = 1
    padding_mode: str = "zeros"
    mode: str = "cross-correlation"
    groups: int = 1
    type: str = "conv2d"

    def settings(self) -> dict:
        """The keyword arguments conv2d takes besides the arrays."""
        return dict(stride=self.stride, padding=self.padding, dilation=self.dilation,
                    padding_mode=self.padding_mode, mode=self.mode, groups=self.groups)


@dataclass(frozen=True)
class ConvTranspose2d:
    kernel: np.ndarray  # (C, F/groups, KH, KW), as torch.nn.ConvTranspose2d.weight
    bias: np.ndarray | None = None  # (F,)
    stride: IntOrPair = 1
    padding: IntOrPair = 0
    output_padding: IntOrPair = 0
    dilation: IntOrPair = 1
    groups: int = 1
    type: str = "conv_transpose2d"

    @property
    def filters(self) -> int:
        return self.kernel.shape[1] * self.groups

    def settings(self) -> dict:
        """The keyword arguments conv_transpose2d takes besides the arrays."""
        return dict(stride=self.stride, padding=self.padding, output_padding=self.output_padding,
                    dilation=self.dilation, groups=self.groups)


def needs_image(layer_type: str, shape: Shape) -> None:
    if len(shape) != 3:
        raise ParameterError("input", f"{layer_type} needs a C×H×W input, got shape {list(shape)}")


def check_bias(bias: np.ndarray | None, filters: int) -> None:
    if bias is not None and bias.shape != (filters,):
        raise ParameterError("bias", f"bias must hold {filters} numbers (one per filter), "
                                     f"got shape {list(bias.shape)}")


def _conv_shape(layer: Conv2d, shapes: list[Shape]) -> Shape:
    (shape,) = shapes
    needs_image(layer.type, shape)
    geometry = conv_geometry((1, *shape), layer.kernel.shape, **layer.settings())
    check_bias(layer.bias, layer.kernel.shape[0])
    return (layer.kernel.shape[0], *geometry.out)


def _conv_backward(layer: Conv2d, x: np.ndarray, cache: None, dy: np.ndarray):
    settings = layer.settings()
    if settings.pop("groups") != 1:
        raise ParameterError("groups", "grouped convolution has no backward pass: training takes groups 1")
    grads = conv2d_backward(dy, x, layer.kernel, **settings)
    return grads.dx, {"kernel": grads.dweight, "bias": grads.dbias}


CONV2D = LayerKind(
    types=("conv2d",), record=Conv2d, arrays=("kernel", "bias"),
    output_shape=_conv_shape,
    run=lambda layer, xs: conv2d(xs[0], layer.kernel, layer.bias, **layer.settings()),
    multiply_adds=lambda layer, shapes, out: prod(out) * prod(layer.kernel.shape[1:]),
    sizes=lambda layer: Sizes(layer.kernel.shape[0], layer.kernel.shape[2:],
                              dict(stride=layer.stride, padding=layer.padding, dilation=layer.dilation)),
    trace=lambda layer, x: conv_trace(x, layer.kernel, layer.bias, **layer.settings()),
    backward=_conv_backward,
)


def _transposed_shape(layer: ConvTranspose2d, shapes: list[Shape]) -> Shape:
    (shape,) = shapes
    needs_image(layer.type, shape)
    geometry = conv_transpose_geometry((1, *shape), layer.kernel.shape, **layer.settings())
    check_bias(layer.bias, layer.filters)
    return (layer.filters, *geometry.out)


CONV_TRANSPOSE2D = LayerKind(
    types=("conv_transpose2d",), record=ConvTranspose2d, arrays=("kernel", "bias"),
    output_shape=_transposed_shape,
    run=lambda layer, xs: conv_transpose2d(xs[0], layer.kernel, layer.bias, **layer.settings()),
    # Every input value meets F/groups·KH·KW kernel values.
    multiply_adds=lambda layer, shapes, out: prod(shapes[0]) * prod(layer.kernel.shape[1:]),
    sizes=lambda layer: Sizes(layer.filters, layer.kernel.shape[2:], dict(
        stride=layer.stride, padding=layer.padding, output_padding=layer.output_padding, dilation=layer.dilation)),
    trace=lambda layer, x: conv_transpose_trace(x, layer.kernel, layer.bias, **layer.settings()),
)

KINDS = (CONV2D, CONV_TRANSPOSE2D)
