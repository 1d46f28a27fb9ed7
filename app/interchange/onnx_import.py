"""An ONNX file as an engine graph.

The onnx package parses the file (its protobuf messages); nothing else of it runs. The file is hostile
until checked: a size cap before parsing, a node cap, tensors stored outside the file refused (no path
in a model is ever read), every tensor's declared size checked against the bytes it holds, and every
folded constant's size checked before it is made. Then the graph is walked in its order (ONNX keeps
nodes topologically sorted, so a name read before it is given is dangling or part of a cycle):
- sub-graphs of constants are folded (Constant, ConstantOfShape, Shape of a tensor whose shape is
  known, Gather, Unsqueeze, Concat, … the chains that compute reshape targets and, in some files, the
  weights themselves);
- Identity and Dropout pass their input on;
- every other node becomes an engine layer (onnx_nodes.layer_for), Sum a chain of adds, Unsqueeze
  and Squeeze of data a reshape, and arithmetic with a constant side a layer holding that constant.

The engine's layers work on one sample at a time; the model is read for a batch of one.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from math import prod

import numpy as np
import onnx
from google.protobuf.message import DecodeError
from onnx import TensorProto, helper, numpy_helper

from app.engine import INPUT, ParameterError, kind_of
from app.engine.graph import Node
from app.engine.kinds import Activation, Binary, Reshape, Slice, Transpose

from .onnx_nodes import NODES, Unsupported, data_inputs, layer_for

OPSETS = (6, 21)  # the ai.onnx opsets read, first and last (6: the onnx wheel's own test models)
MAX_NODES = 20_000  # DenseNet-121 as ONNX writes it from Caffe2: 1,746 nodes
MAX_ELEMENTS = 1 << 28  # values in one tensor, folded ones included (1 GiB of float32)

_DTYPES = {
    TensorProto.FLOAT: np.float32, TensorProto.DOUBLE: np.float64, TensorProto.FLOAT16: np.float16,
    TensorProto.INT64: np.int64, TensorProto.INT32: np.int32, TensorProto.INT16: np.int16,
    TensorProto.INT8: np.int8, TensorProto.UINT8: np.uint8, TensorProto.UINT16: np.uint16,
    TensorProto.BOOL: np.bool_,
}
# Where a tensor without raw_data keeps its values, by data type (onnx.proto's rules).
_FIELDS = {TensorProto.FLOAT: "float_data", TensorProto.DOUBLE: "double_data", TensorProto.INT64: "int64_data"}
_ARITHMETIC = {"Add": "add", "Sub": "sub", "Mul": "mul", "Div": "div"}
_PASS_ON = ("Identity", "Dropout")
# What the importer reads: the operators with a layer, those it maps itself, and the constant ones it folds.
FOLDED = ("Constant", "ConstantOfShape", "Shape", "Gather", "Cast")
SUPPORTED = sorted({*NODES, *_ARITHMETIC, *_PASS_ON, *FOLDED, "Sum", "Squeeze", "Unsqueeze", "Slice", "Split",
                    "Transpose"})


# A class's name: a few words ("tabby", "great white shark"), not a page. Names are shown to everyone who
# opens the model, so one file's or one visitor's cannot be made to swamp the page.
MAX_LABEL_CHARS = 200


class ModelError(ValueError):
    """A file that is not a model the engine can run, said in one sentence."""


class ModelTooLarge(ModelError):
    """A file over the size limit, refused before it is parsed."""


@dataclass(frozen=True)
class ImportedModel:
    input_name: str  # the graph input's name in the file
    input_shape: tuple[int, ...]  # one sample's shape (no batch axis), e.g. (3, 224, 224)
    nodes: tuple[Node, ...]  # the engine's graph, in an order to run it
    outputs: tuple[str, ...]  # the layers that give the graph's outputs, in the file's order
    opset: int
    # The input's normalisation the file names in its metadata ("mean" and "std", one number per
    # channel, comma-separated), for images: (mean, std), or None.
    normalization: tuple[tuple[float, ...], tuple[float, ...]] | None = None
    labels: tuple[str, ...] | None = None  # the classes' names the metadata gives ("labels": JSON or one a line)


def read_model(data: bytes, *, max_bytes: int) -> ImportedModel:
    """Parse and check an ONNX file and map it onto the engine's layers; ModelError says what is wrong."""
    if len(data) > max_bytes:
        raise ModelTooLarge(f"the file has {len(data):,} bytes, over the limit of {max_bytes:,}")
    model = onnx.ModelProto()
    try:
        model.ParseFromString(data)
    except (DecodeError, ValueError, RuntimeError):
        raise ModelError("the file is not an ONNX model: its bytes do not parse as one (garbage, or cut "
                         "short)") from None
    graph = model.graph
    if not graph.node:
        raise ModelError("the file holds no graph nodes: it is not an ONNX model, or an empty one")
    if len(graph.node) > MAX_NODES:
        raise ModelError(f"the graph has {len(graph.node):,} nodes, over the limit of {MAX_NODES:,}")
    imported = _Walk(graph, _opset(model)).result()
    return replace(imported, normalization=_normalization(model, imported.input_shape), labels=_labels(model))


def _labels(model: onnx.ModelProto) -> tuple[str, ...] | None:
    """The metadata's "labels": a JSON list of strings, or one label a line (none if a label is longer than
    a class's name may be)."""
    text = next((entry.value for entry in model.metadata_props if entry.key == "labels"), None)
    if not text:
        return None
    try:
        labels = json.loads(text)
    except ValueError:
        labels = text.splitlines()
    if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
        return None
    labels = tuple(label.strip() for label in labels)
    return None if any(len(label) > MAX_LABEL_CHARS for label in labels) else labels


def _normalization(model: onnx.ModelProto, input_shape: tuple[int, ...]):
    """The metadata's "mean" and "std", when both are one finite number per channel (std above 0)."""
    found = {entry.key: entry.value for entry in model.metadata_props}
    try:
        mean, std = (tuple(float(v) for v in found[key].split(",")) for key in ("mean", "std"))
    except (KeyError, ValueError):
        return None
    channels = input_shape[0]
    if len(mean) != channels or len(std) != channels or not all(np.isfinite(mean + std)) or min(std) <= 0:
        return None
    return mean, std


def _opset(model: onnx.ModelProto) -> int:
    versions = [entry.version for entry in model.opset_import if entry.domain in ("", "ai.onnx")]
    if not versions:
        raise ModelError("the model names no ai.onnx opset")
    opset = versions[0]
    if not OPSETS[0] <= opset <= OPSETS[1]:
        raise ModelError(f"opset {opset}: ConvScope reads opsets {OPSETS[0]} to {OPSETS[1]} (export with "
                         f"opset_version={OPSETS[1] if opset > OPSETS[1] else 17})")
    return opset


def tensor_array(tensor: TensorProto) -> np.ndarray:
    """A tensor's values, once its storage and declared size are checked."""
    where = f'tensor "{tensor.name}"' if tensor.name else "a tensor"
    if tensor.data_location == TensorProto.EXTERNAL or len(tensor.external_data):
        raise ModelError(f"{where} is stored outside the file: a model must carry its own weights (no path "
                         f"in a model is read)")
    if tensor.data_type not in _DTYPES:
        name = TensorProto.DataType.Name(tensor.data_type) if tensor.data_type in TensorProto.DataType.values() \
            else str(tensor.data_type)
        raise ModelError(f"{where} has data type {name}, which the engine does not read")
    dims = list(tensor.dims)
    if any(size < 0 for size in dims):
        raise ModelError(f"{where} declares a negative size: {dims}")
    count = prod(dims)
    if count > MAX_ELEMENTS:
        raise ModelError(f"{where} declares {count:,} values, over the limit of {MAX_ELEMENTS:,}")
    itemsize = np.dtype(_DTYPES[tensor.data_type]).itemsize
    if tensor.raw_data:
        held = len(tensor.raw_data) // itemsize
        if len(tensor.raw_data) != count * itemsize:
            raise ModelError(f"{where} declares shape {dims} ({count:,} values) but holds {len(tensor.raw_data):,} "
                             f"bytes ({held:,} values): the file is damaged or cut short")
    else:
        held = len(getattr(tensor, _FIELDS.get(tensor.data_type, "int32_data")))
        if held != count:
            raise ModelError(f"{where} declares shape {dims} ({count:,} values) but holds {held:,}")
    return numpy_helper.to_array(tensor)


def _attributes(node: onnx.NodeProto) -> dict:
    """Attribute name -> plain value (a tensor's checked array)."""
    values = {}
    for attribute in node.attribute:
        if attribute.type == onnx.AttributeProto.TENSOR:
            values[attribute.name] = tensor_array(attribute.t)
        elif attribute.type in (onnx.AttributeProto.GRAPH, onnx.AttributeProto.GRAPHS):
            raise Unsupported(node.op_type, "a sub-graph (control flow), which the engine's layers do not run")
        else:
            values[attribute.name] = helper.get_attribute_value(attribute)
    return values


def _guard(count: int, node: str) -> None:
    if count > MAX_ELEMENTS:
        raise ModelError(f"{node} would make {count:,} values, over the limit of {MAX_ELEMENTS:,}")


def _axes(attributes: dict, values: Sequence) -> list[int] | None:
    """Unsqueeze's or Squeeze's axes: an attribute before opset 13, an input after."""
    if "axes" in attributes:
        return [int(axis) for axis in attributes["axes"]]
    return None if len(values) < 2 or values[1] is None else [int(axis) for axis in values[1]]


def unsqueezed(shape: Sequence[int], axes: Sequence[int]) -> tuple[int, ...]:
    rank = len(shape) + len(axes)
    out, rest = [], iter(shape)
    where = {axis % rank for axis in axes}
    for axis in range(rank):
        out.append(1 if axis in where else next(rest))
    return tuple(out)


def squeezed(shape: Sequence[int], axes: Sequence[int] | None) -> tuple[int, ...]:
    if axes is None:
        return tuple(size for size in shape if size != 1)
    where = {axis % len(shape) for axis in axes}
    if any(shape[axis] != 1 for axis in where):
        raise _Fold(f"squeezes axes {sorted(where)} of shape {list(shape)}: each must have size 1")
    return tuple(size for axis, size in enumerate(shape) if axis not in where)


def reshaped(shape: Sequence[int], target: Sequence[int], allowzero: int) -> tuple[int, ...]:
    """ONNX Reshape's output shape: 0 copies the input's size (unless allowzero), one -1 takes the rest."""
    out = [shape[axis] if size == 0 and not allowzero else int(size) for axis, size in enumerate(target)]
    if out.count(-1) > 1 or any(size < -1 for size in out):
        raise _Fold(f"reshape target {list(target)}: at most one -1, and no size below it")
    if -1 in out:
        known = prod(size for size in out if size != -1)
        if known == 0 or prod(shape) % known:
            raise _Fold(f"reshape target {list(target)} does not divide {prod(shape)} values")
        out[out.index(-1)] = prod(shape) // known
    if prod(out) != prod(shape):
        raise _Fold(f"reshape target {list(target)} holds {prod(out)} values, the input {prod(shape)}")
    return tuple(out)


class _Fold(Exception):
    """A constant node that cannot be folded as it is written."""


def slice_spec(attributes: dict, values: Sequence, opset: int) -> list[tuple[int, int, int, int]]:
    """Slice's (axis, start, end, step) for each sliced axis: attributes before opset 10, inputs after."""
    if opset < 10:
        starts, ends = attributes["starts"], attributes["ends"]
        axes, steps = attributes.get("axes", range(len(starts))), [1] * len(starts)
    else:
        if any(value is None for value in values[1:3]):
            raise _Fold("starts or ends is computed, not a constant")
        starts, ends = values[1], values[2]
        axes = values[3] if len(values) > 3 and values[3] is not None else range(len(starts))
        steps = values[4] if len(values) > 4 and values[4] is not None else [1] * len(starts)
    return [(int(axis), int(start), int(end), int(step)) for start, end, axis, step in
            zip(starts, ends, axes, steps, strict=True)]


def _slice(value: np.ndarray, attributes: dict, values: Sequence, opset: int) -> np.ndarray:
    index = [slice(None)] * value.ndim
    for axis, start, end, step in slice_spec(attributes, values, opset):
        index[axis] = slice(start, end, step)
    return value[tuple(index)]


def _constant_node(attributes: dict) -> np.ndarray:
    for name, dtype in (("value", None), ("value_float", np.float32), ("value_floats", np.float32),
                        ("value_int", np.int64), ("value_ints", np.int64)):
        if name in attributes:
            return np.asarray(attributes[name], dtype)
    raise _Fold(f"a Constant with {', '.join(attributes) or 'no value'} (sparse or string values)")


def fold(op: str, attributes: dict, values: list, opset: int, where: str) -> np.ndarray:
    """The value of a node whose inputs are all constants; _Fold if the engine does not fold `op`."""
    if op == "Constant":
        return _constant_node(attributes)
    if op == "ConstantOfShape":
        shape = [int(size) for size in values[0]]
        if any(size < 0 for size in shape):
            raise _Fold(f"a negative size in {shape}")
        _guard(prod(shape), where)
        fill = attributes.get("value", np.zeros(1, np.float32))
        return np.full(shape, fill.reshape(-1)[0], fill.dtype)
    if op in _PASS_ON:
        return values[0]
    if op == "Cast":
        target = attributes["to"]
        if target not in _DTYPES:
            raise _Fold(f"a cast to data type {target}")
        return values[0].astype(_DTYPES[target])
    if op == "Shape":
        shape = np.asarray(values[0].shape, np.int64)
        return shape[attributes.get("start", 0):attributes.get("end", None)]
    if op == "Gather":
        return np.take(values[0], values[1].astype(np.int64), axis=attributes.get("axis", 0))
    if op == "Unsqueeze":
        return values[0].reshape(unsqueezed(values[0].shape, _axes(attributes, values)))
    if op == "Squeeze":
        return values[0].reshape(squeezed(values[0].shape, _axes(attributes, values)))
    if op == "Concat":
        _guard(sum(value.size for value in values), where)
        return np.concatenate(values, axis=attributes["axis"])
    if op == "Reshape":
        return values[0].reshape(reshaped(values[0].shape, values[1], attributes.get("allowzero", 0)))
    if op == "Transpose":
        return np.transpose(values[0], attributes.get("perm"))
    if op == "Slice":
        return _slice(values[0], attributes, values, opset)
    if op in _ARITHMETIC:
        a, b = values
        _guard(prod(np.broadcast_shapes(a.shape, b.shape)), where)
        if op == "Div" and np.issubdtype(a.dtype, np.integer):
            return (np.trunc(a / b)).astype(a.dtype)  # integer division truncates towards zero
        return {"Add": np.add, "Sub": np.subtract, "Mul": np.multiply, "Div": np.divide}[op](a, b)
    raise _Fold(f"{op} is not folded")


class _Walk:
    """The graph walked once, node by node: constants folded, data mapped onto engine nodes."""

    def __init__(self, graph: onnx.GraphProto, opset: int):
        self.graph, self.opset = graph, opset
        self.constants: dict[str, np.ndarray] = {}  # ONNX name -> value
        self.names: dict[str, str] = {}  # ONNX name of a data tensor -> the engine layer giving it
        self.shapes: dict[str, tuple[int, ...]] = {}  # ONNX name of a data tensor -> its shape, batch of 1 first
        self.nodes: list[Node] = []
        self.taken: set[str] = {INPUT}
        self.used = {name for node in graph.node for name in node.input if name} | {o.name for o in graph.output}
        for tensor in graph.initializer:
            self.constants[tensor.name] = tensor_array(tensor)
        feeds = [value for value in graph.input if value.name not in self.constants]
        if len(feeds) != 1:
            raise ModelError(f"the graph has {len(feeds)} data inputs ({', '.join(v.name for v in feeds) or 'none'}); "
                             f"the engine runs a network of one input")
        (self.feed,) = feeds
        self.input_shape = self._input_shape(self.feed)
        self.names[self.feed.name] = INPUT
        self.shapes[self.feed.name] = (1, *self.input_shape)
        for index, node in enumerate(graph.node):
            self._node(index, node)

    def _input_shape(self, value: onnx.ValueInfoProto) -> tuple[int, ...]:
        tensor = value.type.tensor_type
        if not value.type.HasField("tensor_type") or tensor.elem_type not in (TensorProto.FLOAT, TensorProto.DOUBLE):
            raise ModelError(f'input "{value.name}" is not a tensor of floats: the engine computes on numbers')
        dims = tensor.shape.dim
        if len(dims) < 2:
            raise ModelError(f'input "{value.name}" has {len(dims)} axes: a batch axis and a sample\'s are needed')
        sample = []
        for axis, dim in enumerate(dims[1:], 1):
            if not dim.HasField("dim_value") or dim.dim_value < 1:
                raise ModelError(f'input "{value.name}" leaves axis {axis} without a size ("{dim.dim_param}"); '
                                 f"export it with a fixed input shape")
            sample.append(int(dim.dim_value))
        _guard(prod(sample), f'input "{value.name}"')
        return tuple(sample)

    def result(self) -> ImportedModel:
        outputs = []
        for value in self.graph.output:
            if value.name not in self.names or self.names[value.name] == INPUT:
                raise ModelError(f'output "{value.name}" is not computed from the input (a constant, or the input '
                                 f"itself): the engine's graph answers layers")
            outputs.append(self.names[value.name])
        return ImportedModel(self.feed.name, self.input_shape, tuple(self.nodes), tuple(outputs), self.opset)

    # ---- one node ------------------------------------------------------------------------------

    def _node(self, index: int, node: onnx.NodeProto) -> None:
        label = f'node {index} "{node.name or node.output[0]}" ({node.op_type})'
        if node.domain not in ("", "ai.onnx"):
            raise ModelError(f"{label} is of the domain {node.domain}, not ai.onnx: the engine has no layer for it")
        values = []
        for name in node.input:
            if name and name not in self.constants and name not in self.names:
                raise ModelError(f'{label} reads "{name}", which no earlier node, initializer or input gives: '
                                 f"a dangling name, or a cycle")
            values.append(self.constants.get(name) if name else None)
        try:
            attributes = _attributes(node)
            if all(value is not None for name, value in zip(node.input, values, strict=True) if name):
                self._fold(node, attributes, values, label)
            elif node.op_type == "Shape":
                known = np.broadcast_to(np.float32(0), self.shapes[node.input[0]])  # the shape, no values
                self.constants[node.output[0]] = fold("Shape", attributes, [known], self.opset, label)
            elif node.op_type in _PASS_ON and not any(name in self.used for name in node.output[1:]):
                self._alias(node.output[0], node.input[0])
            else:
                self._layers(node, attributes, values)
        except Unsupported as refusal:
            if node.op_type in FOLDED:
                raise ModelError(f"{label} takes values the network computes: ConvScope reads {node.op_type} "
                                 f"only where it computes constants (shapes, weights)") from None
            if node.op_type not in SUPPORTED:
                raise ModelError(f"{label}: the engine has no layer that computes it (ConvScope reads "
                                 f"{', '.join(SUPPORTED)})") from None
            raise ModelError(f"{label}: {refusal.reason}") from None
        except (ParameterError, _Fold) as error:
            raise ModelError(f"{label}: {getattr(error, 'message', error)}") from None

    def _fold(self, node: onnx.NodeProto, attributes: dict, values: list, label: str) -> None:
        if len(node.output) != 1:
            raise _Fold(f"{len(node.output)} outputs of constants")
        value = fold(node.op_type, attributes, values, self.opset, label)
        _guard(value.size, label)
        self.constants[node.output[0]] = value

    def _alias(self, output: str, source: str) -> None:
        self.names[output], self.shapes[output] = self.names[source], self.shapes[source]

    def _name(self, onnx_name: str) -> str:
        """The engine's name for a layer: the file's tensor name, kept unique."""
        name = onnx_name or "layer"
        while name in self.taken:
            name += "_"
        self.taken.add(name)
        return name

    def _add(self, layer, output: str, inputs: Sequence[str]) -> None:
        """A layer taking the data tensors `inputs`, giving the tensor `output`."""
        shapes = [self.shapes[name][1:] for name in inputs]
        shape = tuple(kind_of(layer).output_shape(layer, shapes))
        name = self._name(output)
        self.nodes.append(Node(layer, name, tuple(self.names[source] for source in inputs)))
        self.names[output], self.shapes[output] = name, (1, *shape)

    def _operand(self, value: np.ndarray, rank: int) -> np.ndarray:
        """A constant side of arithmetic as one sample's operand (its batch axis of 1 dropped)."""
        if value.ndim == rank:
            if value.shape[0] != 1:
                raise _Fold(f"a constant of shape {list(value.shape)} differs across the batch")
            value = value[0]
        if not np.issubdtype(value.dtype, np.floating):
            value = value.astype(np.float32)
        return value

    def _layers(self, node: onnx.NodeProto, attributes: dict, values: list) -> None:
        op, inputs, output = node.op_type, list(node.input), node.output[0]
        if op in _ARITHMETIC or op == "Sum":
            if "axis" in attributes:  # before opset 7
                raise _Fold(f"broadcasting from axis {attributes['axis']}: NumPy's broadcasting, the engine's, "
                            f"matches the last axes")
            return self._arithmetic(node, values)
        if op in ("Unsqueeze", "Squeeze"):
            shape = self.shapes[inputs[0]]
            axes = _axes(attributes, values)
            new = unsqueezed(shape, axes) if op == "Unsqueeze" else squeezed(shape, axes)
            return self._reshape(new, inputs[0], output)
        if op in ("Concat", "Sum") and len([name for name in inputs if name]) == 1 and values[0] is None:
            return self._alias(output, inputs[0])  # one tensor joined with nothing: itself (DenseNet's first layer)
        if op == "Slice":
            return self._slice(node, attributes, values)
        if op == "Split":
            return self._split(node, attributes, values)
        if op == "Transpose":
            perm = attributes.get("perm", list(reversed(range(len(self.shapes[inputs[0]])))))
            if int(perm[0]) != 0:
                raise _Fold(f"perm {list(perm)} moves the batch axis")
            return self._add(Transpose(tuple(int(p) - 1 for p in perm[1:])), output, [inputs[0]])
        if op == "Reshape" and values[1] is not None:
            new = reshaped(self.shapes[inputs[0]], values[1], attributes.get("allowzero", 0))
            return self._reshape(new, inputs[0], output)
        if op in ("Softmax", "LogSoftmax") and self.opset < 13:
            return self._softmax_2d(node, attributes)
        data = data_inputs(op, len(inputs))
        if any(values[i] is not None for i in range(data)):
            raise _Fold("a constant in place of the data it computes on")
        outputs = sum(1 for name in node.output if name in self.used)
        layer = layer_for(op, attributes, values, opset=self.opset, outputs=max(outputs, 1))
        self._add(layer, output, [name for name in inputs[:data]])

    def _slice(self, node: onnx.NodeProto, attributes: dict, values: list) -> None:
        """One slice layer per sliced axis (the batch axis must be kept whole)."""
        source, shape = node.input[0], self.shapes[node.input[0]]
        cuts = []
        for axis, start, end, step in slice_spec(attributes, values, self.opset):
            axis %= len(shape)
            whole = range(shape[axis])[slice(start, end, step)] == range(shape[axis])
            if axis == 0 and not whole:
                raise _Fold(f"slices the batch axis [{start}:{end}:{step}]")
            if not whole:
                cuts.append((axis - 1, max(min(start, 2**62), -2**62), max(min(end, 2**62), -2**62), step))
        if not cuts:
            return self._alias(node.output[0], source)
        for k, (axis, start, end, step) in enumerate(cuts):
            target = node.output[0] if k == len(cuts) - 1 else f"{node.output[0]}/{k}"
            self._add(Slice(axis, start, end, step), target, [source])
            source = target

    def _split(self, node: onnx.NodeProto, attributes: dict, values: list) -> None:
        """One slice layer per output, along the split axis."""
        shape = self.shapes[node.input[0]]
        axis = attributes.get("axis", 0) % len(shape)
        if axis == 0:
            raise _Fold("splits the batch axis")
        sizes = attributes.get("split")
        if sizes is None and len(values) > 1 and values[1] is not None:
            sizes = values[1].tolist()
        outputs = list(node.output)
        if sizes is None:  # equal parts (from opset 18, num_outputs of them; the last may be smaller)
            parts = attributes.get("num_outputs", len(outputs))
            size = -(-shape[axis] // parts)
            sizes = [min(size, shape[axis] - k * size) for k in range(parts)]
        if len(sizes) != len(outputs) or sum(sizes) != shape[axis] or min(sizes) < 1:
            raise _Fold(f"split {list(sizes)} into {len(outputs)} outputs of an axis of {shape[axis]}")
        start = 0
        for output, size in zip(outputs, sizes, strict=True):
            if output:
                self._add(Slice(axis - 1, start, start + int(size)), output, [node.input[0]])
            start += int(size)

    def _softmax_2d(self, node: onnx.NodeProto, attributes: dict) -> None:
        """Softmax before opset 13 normalises the axes from `axis` on as one: one axis, where every other
        of them has size 1 (a classifier's (N, 1000, 1, 1))."""
        shape = self.shapes[node.input[0]]
        axis = attributes.get("axis", 1) % len(shape)
        wide = [k for k in range(axis, len(shape)) if shape[k] != 1] or [len(shape) - 1]
        if axis == 0 or len(wide) > 1:
            raise _Fold(f"axis {attributes.get('axis', 1)} of shape {list(shape)} normalises axes "
                        f"{list(range(axis, len(shape)))} as one, where the engine's normalises one axis")
        function = "softmax" if node.op_type == "Softmax" else "log_softmax"
        self._add(Activation(function, axis=wide[0] - 1), node.output[0], [node.input[0]])

    def _reshape(self, shape: tuple[int, ...], source: str, output: str) -> None:
        if not shape or shape[0] != 1:
            raise _Fold(f"reshapes {list(self.shapes[source])} to {list(shape)}, across the batch axis")
        self._add(Reshape(tuple(shape[1:])), output, [source])

    def _arithmetic(self, node: onnx.NodeProto, values: list) -> None:
        """Add, Sub, Mul, Div (one side may be a constant) and Sum (a chain of adds)."""
        op = _ARITHMETIC.get(node.op_type, "add")
        sides = list(zip(node.input, values, strict=True))
        data = [name for name, value in sides if value is None]
        constants = [value for _, value in sides if value is not None]
        constant = None
        if constants and node.op_type == "Sum":
            constant = sum(constants[1:], constants[0])
        elif constants:
            (constant,) = constants
        output = node.output[0]
        if constant is not None:
            first = node.op_type != "Sum" and sides[0][1] is not None
            operand = self._operand(np.asarray(constant), len(self.shapes[data[0]]))
            target = output if len(data) == 1 else f"{output}/constant"
            self._add(Binary(op, operand, first), target, [data[0]])
            data = [target, *data[1:]]
        for step, name in enumerate(data[1:], 1):
            target = output if step == len(data) - 1 else f"{output}/{step}"
            self._add(Binary(op), target, [data[0], name])
            data[0] = target
        if len(data) == 1 and data[0] != output:
            self._alias(output, data[0])
