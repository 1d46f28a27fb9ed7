"""POST /api/forward: a layer list (tagged by "type") run on one input."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ...engine import layers as engine
from ...settings import LAYERS_CAP
from ..encoding import Array, EncodingOption
from .activate import ActivationParameters, Function
from .convolve import ConvolutionParameters
from .fields import ArrayOf, ImageInput
from .pool import PoolParameters


class ConvLayer(ConvolutionParameters):
    type: Literal["conv2d"]
    kernel: ArrayOf(4, 4, "F×C×kh×kw")
    bias: ArrayOf(1, 1, "F") | None = None

    def to_engine(self) -> engine.Conv2d:
        return engine.Conv2d(self.kernel, self.bias, self.stride, self.padding, self.dilation,
                             self.padding_mode, self.mode)


class PoolLayer(PoolParameters):
    type: Literal["maxpool", "avgpool"]

    def to_engine(self) -> engine.Pool2d:
        return engine.Pool2d(self.type.removesuffix("pool"), self.size, self.stride, self.padding)


class ActivationLayer(ActivationParameters):
    type: Function

    @model_validator(mode="after")
    def _parameters_apply(self) -> ActivationLayer:
        self._check_applies(self.type)
        return self

    def to_engine(self) -> engine.Activation:
        return engine.Activation(self.type, self.alpha, self.axis)


class FlattenLayer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["flatten"]

    def to_engine(self) -> engine.Flatten:
        return engine.Flatten()


class DenseLayer(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)
    type: Literal["dense"]
    weight: ArrayOf(2, 2, "out×in (PyTorch Linear layout)")
    bias: ArrayOf(1, 1, "out") | None = None

    def to_engine(self) -> engine.Dense:
        return engine.Dense(self.weight, self.bias)


LayerModel = Annotated[ConvLayer | PoolLayer | ActivationLayer | FlattenLayer | DenseLayer,
                       Field(discriminator="type")]
LAYER_TYPES = ("conv2d", "maxpool", "avgpool", "flatten", "dense") + Function.__args__

_TINY_CNN = {
    "input": [[0, 0, 0, 0], [0, 1, 1, 0], [0, 1, 1, 0], [0, 0, 0, 0]],
    "layers": [
        {"type": "conv2d", "kernel": [[[[1, -1], [-1, 1]]], [[[0.5, 0.5], [0.5, 0.5]]]], "bias": [0, -0.5],
         "padding": "same"},
        {"type": "relu"},
        {"type": "maxpool", "size": 2},
        {"type": "flatten"},
        {"type": "dense", "weight": [[1, 0, 0, 0, 0, 0, 0, 1], [0, 1, 1, 0, 1, 0, 0, 0]], "bias": [0, 0]},
        {"type": "softmax"},
    ],
}


class ForwardRequest(ImageInput, EncodingOption):
    model_config = ConfigDict(json_schema_extra={"examples": [_TINY_CNN]})

    layers: list[LayerModel] = Field(min_length=1, max_length=LAYERS_CAP, description="applied in order")

    def engine_layers(self) -> list[engine.Layer]:
        return [layer.to_engine() for layer in self.layers]


class LayerOutput(BaseModel):
    type: str
    shape: list[int]
    parameters: int
    multiply_adds: int
    output: Array


class ForwardResponse(BaseModel):
    layers: list[LayerOutput]
    output: Array = Field(description="the last layer's output")
    shape: list[int]
