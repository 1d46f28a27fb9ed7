"""GET /api/models and POST /api/models/{name}/forward."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..encoding import Array, EncodingOption
from .fields import ArrayOf


class LayerInfo(BaseModel):
    name: str = Field(description='readable name, e.g. "conv1"')
    type: str
    shape: list[int] = Field(description="output shape of one sample")
    parameters: int
    multiply_adds: int
    dense_equivalent_parameters: int | None = Field(None, description="parameters a fully connected layer "
                                                                      "of the same input and output widths needs")


class ModelInfo(BaseModel):
    name: str
    input_shape: list[int]
    classes: list[str]
    layers: list[LayerInfo]
    parameters: int
    multiply_adds: int
    dense_equivalent_parameters: int = Field(description="the same widths, fully connected: weight sharing's saving")
    card: dict = Field(description="how it was trained: data, split, augmentation, accuracy, seed, date")


class ModelList(BaseModel):
    models: list[ModelInfo]


class LayerWeights(LayerInfo):
    kernel: list | None = Field(None, description="conv2d: F×C×kh×kw")
    weight: list | None = Field(None, description="dense: out×in")
    bias: list | None = None
    settings: dict = Field(description="stride, padding, size… as in /api/forward's layer objects")


class ModelDetail(ModelInfo):
    layers: list[LayerWeights]
    samples: list[dict] = Field(description="held-out digits shipped with the model, for trying it")


# A "1": a vertical white stroke on black, 28×28.
_ONE = [[1.0 if col == 14 and 4 <= row < 24 else 0.0 for col in range(28)] for row in range(28)]


class ModelForwardRequest(EncodingOption):
    """One input of the model's input shape (a digit: 28×28 numbers in [0, 1], white on black)."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True,
                              json_schema_extra={"examples": [{"input": _ONE}]})
    input: ArrayOf(2, 3, "H×W or C×H×W, the model's input shape")


class LayerActivation(LayerInfo):
    output: Array


class InputWarning(BaseModel):
    code: Literal["input_out_of_range", "blank_input"]
    message: str = Field(description="one sentence: what is odd about the input")


class ModelForwardResponse(BaseModel):
    model: str
    input: Array = Field(description="what the network saw: the given array, or the decoded image prepared "
                                    "as MNIST's digits were (inverted if dark on light, fit in 20×20, "
                                    "centred by mass in 28×28)")
    layers: list[LayerActivation]
    probabilities: Array
    prediction: int = Field(description="index of the most probable class (for digits: the digit)")
    label: str = Field(description="that class's name")
    warnings: list[InputWarning] = Field(description="empty unless the input is not what the model was trained "
                                                     "on: values out of its range, or a blank input (the "
                                                     "prediction is made all the same, but means little)")


# ---- imported ONNX models -------------------------------------------------------------------------

class GraphLayer(BaseModel):
    name: str = Field(description="the file's name for the tensor the layer gives")
    type: str = Field(description="a layer type of /api/forward")
    inputs: list[str] = Field(description='the layers it reads, or "input"')
    shape: list[int] = Field(description="output shape of one sample")
    parameters: int
    multiply_adds: int


class TensorInfo(BaseModel):
    name: str
    shape: list[int] = Field(description="with the batch axis, of 1")


class ImportedModelInfo(BaseModel):
    name: str = Field(description="the SHA-256 of the file, in hex: the model's name in every route")
    title: str | None = Field(None, description="what the model picker calls it: the title given at upload")
    input_shape: list[int] = Field(description="one sample's, e.g. [3, 224, 224]")
    inputs: list[TensorInfo]
    outputs: list[str] = Field(description="the layers that give the file's outputs")
    labels: list[str] | None = Field(None, description="the classes' names: from the file's metadata, or PUT "
                                                       "/api/models/{name}/labels")
    parameters: int
    multiply_adds: int
    layers: list[GraphLayer]


class ImportedModelList(ModelList):
    imported: list[ImportedModelInfo] = Field(description="models uploaded to POST /api/models, the most recently "
                                                          "used first")


class ImportedForwardRequest(EncodingOption):
    """One input in the model's input shape."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)
    input: ArrayOf(3, 4, "C×H×W or 1×C×H×W, the model's input shape")
    outputs: Literal["all", "final"] | Annotated[list[str], Field(min_length=1, max_length=20_000)] = Field(
        "final", description='the layers answered: "final" (the default), "all", or a list of names')


class TopClass(BaseModel):
    index: int
    score: float = Field(description="the model's output for the class")
    probability: float = Field(description="the scores' softmax, or the score itself when the model's "
                                           "outputs already are probabilities (none negative, summing to 1)")
    label: str | None = Field(None, description="its name, when the model's classes are named")


class GraphLayerOutput(GraphLayer):
    output: Array


class ImportedForwardResponse(BaseModel):
    model: str
    layers: list[GraphLayerOutput] = Field(description="the layers asked for, with their outputs")
    output: Array | None = Field(description="the model's first output, without the batch axis; null when the "
                                             "layers asked for all come before it (the pass stops at the last)")
    top: list[TopClass] | None = Field(description="for a vector of class scores: the five highest, best first")
    input: Array | None = Field(None, description="for an image body: what the network saw, fitted and normalised")
    normalization: dict | None = Field(None, description='for an image body: {"source", "mean", "std"}')


class ImportedTraceRequest(EncodingOption):
    """One input, and the output cell of a layer whose arithmetic is asked for."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)
    input: ArrayOf(3, 4, "C×H×W or 1×C×H×W, the model's input shape")
    layer: str = Field(description="a layer's name, as the summary lists it: a convolution, batch norm, "
                                   "element-wise arithmetic, concatenation, pooling, dense or activation layer")
    cell: Annotated[list[Annotated[int, Field(ge=0, strict=True)]], Field(min_length=1, max_length=4)] = Field(
        description="an index into the layer's output (one sample's): [channel, row, column] of C×H×W maps, "
                    "[k] of a vector")


class CellHead(BaseModel):
    model: str
    layer: str
    type: str = Field(description="the layer's type")
    cell: list[int]
    inputs: list[str] = Field(description="the layers (or \"input\") whose outputs it reads")


class ImportedCellResponse(CellHead):
    arithmetic: dict = Field(description=(
        "the numbers that make the value, by type. batchnorm: x, mean, var, eps, weight, bias; add, sub, mul, div: "
        "operands (after broadcasting), constant (which operand is the model's constant, if one is); concat: "
        "source (which input), source_cell; maxpool, avgpool and the global pools: kind, window (null: padding), "
        "rows, cols, divisor; dense: terms (the 8 largest products: index, x, weight, product), rest {count, sum}, "
        "bias; activations: function, x, and for softmax max, exp_sum and count. Each has value, the layer's "
        "output at the cell"))


class ImportedTraceResponse(CellHead):
    channels: list[int] = Field(description="the input channels the filter reads (its group's)")
    rows: list[int] = Field(description="input rows under the kernel's rows (below 0 or past the end: padding)")
    cols: list[int] = Field(description="input columns under the kernel's columns")
    window: Array = Field(description="C×kh×kw: the input under the window, padding filled in")
    kernel: Array = Field(description="C×kh×kw: the filter's slices, as applied")
    products: Array = Field(description="C×kh×kw: window × kernel")
    channel_sums: Array = Field(description="one per channel")
    sum: float
    bias: float
    value: float = Field(description="sum + bias: the layer's output at the cell")
