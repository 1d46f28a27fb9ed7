"""A shipped network (a chain of engine layers) as an ONNX file, at opset 17, float32.

Written for what the shipped networks hold: convolution (cross-correlation, zero padding), the
activations ONNX has an operator for, max and average pooling, flatten, dense. Reading the file back
(onnx_import) gives the same layers, so the same numbers.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from app.engine import plan
from app.engine.geometry import as_pair, resolve_padding
from app.engine.kinds import Activation, Conv2d, Dense, Flatten, Layer, Pool2d

OPSET = 17
_ACTIVATIONS = {"relu": "Relu", "sigmoid": "Sigmoid", "tanh": "Tanh", "identity": "Identity"}


class NotExportable(ValueError):
    """A layer the writer has no ONNX node for."""


def _weights(name: str, array, initializers: list) -> str:
    initializers.append(numpy_helper.from_array(np.asarray(array, np.float32), name))
    return name


def _window(size, stride, padding, dilation) -> dict:
    kernel, strides = as_pair(size, "size", 1), as_pair(stride, "stride", 1)
    dilations = as_pair(dilation, "dilation", 1)
    top, bottom, left, right = resolve_padding(padding, kernel, strides, dilations)
    return {"kernel_shape": list(kernel), "strides": list(strides), "pads": [top, left, bottom, right]}


def _nodes(layer: Layer, name: str, source: str, initializers: list) -> list[onnx.NodeProto]:
    """The ONNX nodes computing `layer` on the tensor `source`, giving the tensor `name`."""
    if isinstance(layer, Conv2d):
        if layer.mode != "cross-correlation" or layer.padding_mode != "zeros":
            raise NotExportable(f"{name}: a {layer.mode} with {layer.padding_mode} padding")
        inputs = [source, _weights(f"{name}.weight", layer.kernel, initializers)]
        if layer.bias is not None:
            inputs.append(_weights(f"{name}.bias", layer.bias, initializers))
        window = _window(layer.kernel.shape[2:], layer.stride, layer.padding, layer.dilation)
        return [helper.make_node("Conv", inputs, [name], name=name, group=layer.groups,
                                 dilations=list(as_pair(layer.dilation, "dilation", 1)), **window)]
    if isinstance(layer, Pool2d):
        if layer.dilation not in (1, (1, 1)):
            raise NotExportable(f"{name}: dilated pooling")
        window = _window(layer.size, layer.size if layer.stride is None else layer.stride, layer.padding, 1)
        extra = {"count_include_pad": int(layer.count_include_pad)} if layer.kind == "avg" else {}
        op = "MaxPool" if layer.kind == "max" else "AveragePool"
        return [helper.make_node(op, [source], [name], name=name, ceil_mode=int(layer.ceil_mode), **window, **extra)]
    if isinstance(layer, Flatten) and layer.axis == 0:
        return [helper.make_node("Flatten", [source], [name], name=name, axis=1)]
    if isinstance(layer, Dense):
        inputs = [source, _weights(f"{name}.weight", layer.weight, initializers)]
        if layer.bias is not None:
            inputs.append(_weights(f"{name}.bias", layer.bias, initializers))
        return [helper.make_node("Gemm", inputs, [name], name=name, transB=1)]
    if isinstance(layer, Activation) and layer.function in ("softmax", "log_softmax"):
        op = "Softmax" if layer.function == "softmax" else "LogSoftmax"
        return [helper.make_node(op, [source], [name], name=name, axis=layer.axis)]
    if isinstance(layer, Activation) and layer.function in _ACTIVATIONS:
        return [helper.make_node(_ACTIVATIONS[layer.function], [source], [name], name=name)]
    raise NotExportable(f"{name}: no ONNX node is written for a {layer.type} layer")


def chain_to_onnx(layers: Sequence[Layer], names: Sequence[str], input_shape: Sequence[int], *,
                  model_name: str, doc: str = "", labels: Sequence[str] | None = None) -> bytes:
    """A chain of layers (each taking the one before), named `names`, on one sample of `input_shape`;
    `labels` name its classes, in the metadata entry the importer reads."""
    initializers: list = []
    nodes, source = [], "input"
    for layer, name in zip(layers, names, strict=True):
        nodes += _nodes(layer, name, source, initializers)
        source = name
    out_shape = plan(input_shape, layers)[-1].shape
    graph = helper.make_graph(
        nodes, model_name, [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", *input_shape])],
        [helper.make_tensor_value_info(source, TensorProto.FLOAT, ["N", *out_shape])], initializer=initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="ConvScope",
                              doc_string=doc)
    if labels is not None:
        helper.set_model_props(model, {"labels": json.dumps(list(labels))})
    onnx.checker.check_model(model)
    return model.SerializeToString()
