"""The layers of a forward pass, one schema per kind of the engine's registry, told apart by "type"."""

from __future__ import annotations

import json
import math
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, WithJsonSchema, model_validator

from ... import engine
from ...engine.elementwise import BINARY_OPS
from ...engine.resample import MODES as UPSAMPLE_MODES
from ...engine.tensor_ops import PAD_MODES
from ...settings import LAYERS_CAP
from .activate import ActivationParameters, Function
from .conv_transpose import TransposeParameters
from .convolve import ConvolutionParameters
from .fields import ArrayOf, PairOf, invalid
from .pool import PoolParameters

LayerName = Annotated[str, Field(min_length=1, max_length=100, strict=True)]


class InGraph(BaseModel):
    """Where a layer sits in the graph; every layer type has these two fields."""

    name: LayerName | None = Field(None, description="unique; default: the layer's index, as a string")
    inputs: list[LayerName] | None = Field(None, min_length=1, max_length=LAYERS_CAP, description=(
        'names of earlier layers, or "input" for the network\'s input; default: the layer before'))


class ConvLayer(ConvolutionParameters, InGraph):
    type: Literal["conv2d"]
    kernel: ArrayOf(4, 4, "F×C×kh×kw")
    bias: ArrayOf(1, 1, "F") | None = None

    def to_engine(self) -> engine.Conv2d:
        return engine.Conv2d(self.kernel, self.bias, self.stride, self.padding, self.dilation,
                             self.padding_mode, self.mode, self.groups)


class ConvTransposeLayer(TransposeParameters, InGraph):
    type: Literal["conv_transpose2d"]
    kernel: ArrayOf(4, 4, "C×(F/groups)×kh×kw")
    bias: ArrayOf(1, 1, "F") | None = None

    def to_engine(self) -> engine.ConvTranspose2d:
        return engine.ConvTranspose2d(self.kernel, self.bias, **self.settings())


class PoolLayer(PoolParameters, InGraph):
    type: Literal["maxpool", "avgpool"]

    def to_engine(self) -> engine.Pool2d:
        return engine.Pool2d(**self.pool_settings(self.type.removesuffix("pool")))


class ActivationLayer(ActivationParameters, InGraph):
    type: Function

    @model_validator(mode="after")
    def _parameters_apply(self) -> ActivationLayer:
        self._check_applies(self.type)
        return self

    def to_engine(self) -> engine.Activation:
        return engine.Activation(self.type, self.alpha, self.axis, self.min, self.max, self.beta, self.weight)


class FlattenLayer(InGraph):
    model_config = ConfigDict(extra="forbid")
    type: Literal["flatten"]
    axis: int = Field(0, strict=True, description="the first axis joined (0: everything, as a vector)")

    def to_engine(self) -> engine.Flatten:
        return engine.Flatten(self.axis)


class DenseLayer(InGraph):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)
    type: Literal["dense"]
    weight: ArrayOf(2, 2, "out×in (PyTorch Linear layout)")
    bias: ArrayOf(1, 1, "out") | None = None

    def to_engine(self) -> engine.Dense:
        return engine.Dense(self.weight, self.bias)


class Layer(InGraph):
    """Fields every layer schema below shares."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)


PerChannel = ArrayOf(1, 1, "C")
PositiveNumber = Annotated[float, Field(gt=0, allow_inf_nan=False, strict=True)]
Number = Annotated[float, Field(allow_inf_nan=False, strict=True)]


class BatchNormLayer(Layer):
    type: Literal["batchnorm"]
    mean: PerChannel = Field(description="running mean, one per channel")
    var: PerChannel = Field(description="running variance, one per channel")
    weight: PerChannel | None = Field(None, description="γ, default 1")
    bias: PerChannel | None = Field(None, description="β, default 0")
    eps: PositiveNumber = 1e-5

    def to_engine(self) -> engine.BatchNorm:
        return engine.BatchNorm(self.mean, self.var, self.weight, self.bias, self.eps)


class LRNLayer(Layer):
    type: Literal["lrn"]
    size: int = Field(ge=1, le=LAYERS_CAP, strict=True, description="channels in each window")
    alpha: Annotated[float, Field(ge=0, allow_inf_nan=False, strict=True)] = 1e-4
    beta: Number = 0.75
    k: PositiveNumber = 1.0

    def to_engine(self) -> engine.LocalResponseNorm:
        return engine.LocalResponseNorm(self.size, self.alpha, self.beta, self.k)


class BinaryLayer(Layer):
    type: Literal[BINARY_OPS] = Field(description="inputs[0] op inputs[1], with NumPy broadcasting")
    operand: ArrayOf(1, 3, "a constant in place of inputs[1], e.g. C×1×1: the layer then takes one input") | None = (
        None)
    operand_first: bool = Field(False, strict=True, description="the constant is the left side: operand op input")

    def to_engine(self) -> engine.Binary:
        return engine.Binary(self.type, self.operand, self.operand_first)


class ConcatLayer(Layer):
    type: Literal["concat"]
    axis: int = Field(0, strict=True, description="0: the channel axis of C×H×W")

    def to_engine(self) -> engine.Concat:
        return engine.Concat(self.axis)


class ReshapeLayer(Layer):
    type: Literal["reshape"]
    shape: list[Annotated[int, Field(strict=True)]] = Field(min_length=1, max_length=8, description=(
        "one sample's new shape; one −1 takes what is left"))

    def to_engine(self) -> engine.Reshape:
        return engine.Reshape(tuple(self.shape))


def _scale(value: Any) -> float | tuple[float, float]:
    numbers = value if isinstance(value, list) and len(value) == 2 else [value]
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and 0 < v < math.inf for v in numbers):
        raise invalid(f"scale must be a number above 0, or a pair of them [sh, sw] (got {json.dumps(value)})")
    return float(value) if len(numbers) == 1 else (float(value[0]), float(value[1]))


Scale = Annotated[Any, PlainValidator(_scale), WithJsonSchema({"anyOf": [
    {"type": "number", "exclusiveMinimum": 0},
    {"type": "array", "items": {"type": "number", "exclusiveMinimum": 0}, "minItems": 2, "maxItems": 2}]})]


class UpsampleLayer(Layer):
    type: Literal["upsample"]
    size: PairOf("size", 1) | None = Field(None, description="the output's side, or [oh, ow]")
    scale: Scale | None = Field(None, description="or a factor, or [sh, sw]: output side = floor(input side × factor)")
    mode: Literal[UPSAMPLE_MODES] = "nearest"
    align_corners: bool | None = Field(None, strict=True, description="bilinear only (default false)")

    def to_engine(self) -> engine.Upsample:
        return engine.Upsample(self.size, self.scale, self.mode, self.align_corners)


def _output_size(value: Any) -> int | tuple[int | None, int | None]:
    sides = value if isinstance(value, list) and len(value) == 2 else [value]
    if not all(side is None or (type(side) is int and side >= 1) for side in sides) or sides == [None]:
        raise invalid(f"output_size must be an integer of at least 1, or a pair [oh, ow] of them (null keeps "
                      f"that side) (got {json.dumps(value)})")
    return value if len(sides) == 1 else (value[0], value[1])


OutputSize = Annotated[Any, PlainValidator(_output_size), WithJsonSchema({"anyOf": [
    {"type": "integer", "minimum": 1},
    {"type": "array", "items": {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}]},
     "minItems": 2, "maxItems": 2}]})]


class GlobalPoolLayer(Layer):
    type: Literal["globalavgpool", "globalmaxpool"] = Field(description="each feature map's mean or max, as 1×1")

    def to_engine(self) -> engine.GlobalPool:
        return engine.GlobalPool(self.type.removeprefix("global").removesuffix("pool"))


class AdaptiveAvgPoolLayer(Layer):
    type: Literal["adaptiveavgpool"]
    output_size: OutputSize = Field(description="the output's side, or [oh, ow]; windows as PyTorch lays them")

    def to_engine(self) -> engine.AdaptiveAvgPool:
        return engine.AdaptiveAvgPool(self.output_size)


class TransposeLayer(Layer):
    type: Literal["transpose"]
    perm: list[Annotated[int, Field(strict=True)]] = Field(min_length=1, max_length=8, description=(
        "one sample's axes in their new order, e.g. [1, 0, 2] swaps the first two (the batch stays first)"))

    def to_engine(self) -> engine.Transpose:
        return engine.Transpose(tuple(self.perm))


Integer = Annotated[int, Field(strict=True)]


class SliceLayer(Layer):
    type: Literal["slice"]
    axis: Integer = Field(description="one sample's axis: 0 is the channel axis of C×H×W")
    start: Integer = Field(description="Python's slicing: negative counts from the end")
    stop: Integer = Field(description="clamped to the axis' size")
    step: Integer = 1

    def to_engine(self) -> engine.Slice:
        return engine.Slice(self.axis, self.start, self.stop, self.step)


PadPair = Annotated[list[Annotated[int, Field(ge=0, le=4096, strict=True)]], Field(min_length=2, max_length=2)]


class PadLayer(Layer):
    type: Literal["pad"]
    pads: list[PadPair] = Field(min_length=1, max_length=8, description=(
        "[before, after] for each of a sample's last axes, e.g. [[1, 1], [2, 2]] for H and W"))
    mode: Literal[PAD_MODES] = "constant"
    value: Number = Field(0.0, description="what constant mode fills in")

    def to_engine(self) -> engine.Pad:
        return engine.Pad(tuple(tuple(pair) for pair in self.pads), self.mode, self.value)


class MeanLayer(Layer):
    type: Literal["mean"]
    axes: list[Integer] = Field(min_length=1, max_length=8, description="one sample's axes, e.g. [1, 2]: H and W")
    keepdims: bool = Field(True, strict=True, description="keep each as an axis of size 1")

    def to_engine(self) -> engine.Mean:
        return engine.Mean(tuple(self.axes), self.keepdims)


class DropoutLayer(Layer):
    type: Literal["dropout"]
    p: Annotated[float, Field(ge=0, lt=1, strict=True)] = Field(0.5, description="unused: the identity at inference")

    def to_engine(self) -> engine.Dropout:
        return engine.Dropout(self.p)


LayerModel = Annotated[
    ConvLayer | ConvTransposeLayer | PoolLayer | GlobalPoolLayer | AdaptiveAvgPoolLayer | ActivationLayer
    | MeanLayer | BatchNormLayer | LRNLayer | BinaryLayer | ConcatLayer | FlattenLayer | ReshapeLayer
    | TransposeLayer | SliceLayer | PadLayer | UpsampleLayer | DenseLayer | DropoutLayer,
    Field(discriminator="type")]
