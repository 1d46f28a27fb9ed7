"""POST /api/forward: a graph of layers (schemas/layers.py) run on one input."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from ... import engine
from ...settings import LAYERS_CAP
from ..encoding import Array, EncodingOption
from ..errors import ClientError
from .fields import ImageInput
from .layers import LayerModel, LayerName

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


_RESIDUAL = {
    "input": [[1, 2, 0], [0, 1, 3], [2, 0, 1]],
    "layers": [
        {"type": "conv2d", "name": "conv", "kernel": [[[[0, 1, 0], [1, -4, 1], [0, 1, 0]]]], "padding": 1},
        {"type": "relu", "name": "relu"},
        {"type": "add", "name": "residual", "inputs": ["relu", "input"]},
    ],
    "outputs": ["relu", "residual"],
}
# A tiny U-Net: down by pooling, up by a transposed convolution, the skip joined by concat.
_UNET = {
    "input": [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16]],
    "layers": [
        {"type": "conv2d", "name": "enc", "kernel": [[[[0.5]]], [[[-0.5]]]], "bias": [0, 8]},
        {"type": "batchnorm", "name": "norm", "mean": [4, 4], "var": [16, 16]},
        {"type": "relu", "name": "act"},
        {"type": "maxpool", "name": "down", "size": 2},
        {"type": "conv_transpose2d", "name": "up", "kernel": [[[[1, 1], [1, 1]]], [[[1, 1], [1, 1]]]],
         "stride": 2, "groups": 2},
        {"type": "concat", "name": "skip", "inputs": ["act", "up"]},
        {"type": "conv2d", "name": "head", "kernel": [[[[1]], [[1]], [[-1]], [[-1]]]]},
    ],
    "outputs": "final",
}
Outputs = Literal["all", "final"] | Annotated[list[LayerName], Field(min_length=1, max_length=LAYERS_CAP)]


class ForwardRequest(ImageInput, EncodingOption):
    model_config = ConfigDict(json_schema_extra={"examples": [_TINY_CNN, _RESIDUAL, _UNET]})

    layers: list[LayerModel] = Field(min_length=1, max_length=LAYERS_CAP,
                                     description="run in order; each takes earlier layers' outputs")
    outputs: Outputs = Field("all", description='the layers answered: "all", "final" (the last one), '
                                                'or a list of layer names')

    def nodes(self) -> list[engine.Node]:
        """The layers as graph nodes, with the default names and inputs filled in."""
        nodes, previous = [], engine.INPUT
        for index, layer in enumerate(self.layers):
            name = str(index) if layer.name is None else layer.name
            nodes.append(engine.Node(layer.to_engine(), name, tuple(layer.inputs or (previous,))))
            previous = name
        return nodes

    def answered(self, names: list[str]) -> set[str]:
        """The names of the layers to answer, given every layer's name in order."""
        if self.outputs == "all":
            return set(names)
        if self.outputs == "final":
            return {names[-1]}
        for position, name in enumerate(self.outputs):
            if name not in names:
                raise ClientError(("body", "outputs", position), f'there is no layer named "{name}"')
        return set(self.outputs)


class LayerOutput(BaseModel):
    name: str
    type: str
    inputs: list[str]
    shape: list[int]
    parameters: int
    multiply_adds: int
    output: Array


class ForwardResponse(BaseModel):
    layers: list[LayerOutput] = Field(description="the layers asked for by outputs, in order")
    output: Array = Field(description="the last layer's output")
    shape: list[int]
