"""A forward pass over a graph of layers: every name, input and shape is checked before any work.

Each layer has a name (by default its index, as a string) and inputs: names of earlier layers,
or "input" for the network's input (by default the layer before it). Inputs must come earlier,
so the layers' order is an order to run them in and no graph can hold a cycle. A plain list of
layers is the chain it reads as.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from .geometry import ParameterError
from .kinds import KINDS, Layer, LayerKind, Shape, kind_of

INPUT = "input"  # the name by which layers take the network's input


@dataclass(frozen=True)
class Node:
    """A layer in a graph: its name and the names of its inputs."""

    layer: Layer
    name: str
    inputs: tuple[str, ...]


@dataclass(frozen=True)
class LayerPlan:
    """What one layer will produce, known before computing: shape excludes the batch axis."""

    name: str
    type: str
    inputs: tuple[str, ...]
    shape: Shape
    parameters: int
    multiply_adds: int  # per sample
    work: int  # per sample: the multiply-adds and whatever else the layer must touch (pooling windows)


class LayerError(ValueError):
    """A layer that cannot take its inputs; names the layer by index, name and type."""

    def __init__(self, index: int, node: Node, param: str | None, message: str):
        self.index, self.name, self.layer_type = index, node.name, node.layer.type
        self.param, self.message = param, message
        super().__init__(f"layer {self.label} ({self.layer_type}): {message}")

    @property
    def label(self) -> str:
        """The index, and the name where one was given."""
        return str(self.index) + self.given_name

    @property
    def given_name(self) -> str:
        """' "name"' for a layer named by its request, else nothing (the default name is the index)."""
        return "" if self.name == str(self.index) else f' "{self.name}"'


def as_nodes(layers: Sequence[Layer | Node]) -> list[Node]:
    """Layers as graph nodes: a plain layer is named by its index and takes the layer before it."""
    nodes, previous = [], INPUT
    for index, item in enumerate(layers):
        node = item if isinstance(item, Node) else Node(item, str(index), (previous,))
        nodes.append(node)
        previous = node.name
    return nodes


def _check_names(index: int, node: Node, known: dict[str, int], later: set[str]) -> None:
    if node.name == INPUT or node.name in known:
        taken = "the network's input" if node.name == INPUT else f"layer {known[node.name]}"
        raise LayerError(index, node, "name", f'the name "{node.name}" is taken by {taken}')
    kind = KINDS.get(node.layer.type)
    if kind is None:
        raise LayerError(index, node, "type", f'"{node.layer.type}" is not a layer type')
    wanted = kind.inputs_of(node.layer)
    if (wanted is None and len(node.inputs) < 2) or (wanted is not None and len(node.inputs) != wanted):
        count = "two or more inputs" if wanted is None else f"{wanted} input{'s' * (wanted != 1)}"
        raise LayerError(index, node, "inputs", f"takes {count}, got {len(node.inputs)}")
    for name in node.inputs:
        if name == INPUT or name in known:
            continue
        if name == node.name or name in later:
            raise LayerError(index, node, "inputs", f'input "{name}" is not an earlier layer: a layer can take only '
                                                    f'layers before it (or "input"), so that the graph has no cycle')
        raise LayerError(index, node, "inputs", f'input "{name}" is neither "input" nor the name of a layer')


def checked(input_shape: Sequence[int], nodes: list[Node]) -> list[tuple[Node, LayerKind, list[Shape], Shape]]:
    """Each node with its kind, its inputs' shapes and its output's shape for one sample of `input_shape`,
    or LayerError on the first misfit."""
    shapes: dict[str, Shape] = {INPUT: tuple(input_shape)}
    known: dict[str, int] = {}
    later = {node.name for node in nodes}
    walked = []
    for index, node in enumerate(nodes):
        later.discard(node.name)
        _check_names(index, node, known, later)
        kind = kind_of(node.layer)
        in_shapes = [shapes[name] for name in node.inputs]
        try:
            shape = tuple(kind.output_shape(node.layer, in_shapes))
        except ParameterError as error:
            raise LayerError(index, node, error.param, error.message) from None
        walked.append((node, kind, in_shapes, shape))
        shapes[node.name], known[node.name] = shape, index
    return walked


def plan(input_shape: Sequence[int], layers: Sequence[Layer | Node]) -> list[LayerPlan]:
    """Every layer's output shape and counts for one sample of `input_shape`, or LayerError on the first misfit."""
    plans = []
    for node, kind, in_shapes, shape in checked(input_shape, as_nodes(layers)):
        multiply_adds = kind.multiply_adds(node.layer, in_shapes, shape)
        plans.append(LayerPlan(node.name, node.layer.type, node.inputs, shape, kind.parameters(node.layer),
                               multiply_adds, multiply_adds + kind.extra_work(node.layer, in_shapes, shape)))
    return plans


def forward(x: np.ndarray, layers: Sequence[Layer | Node],
            keep: Collection[str] | None = None) -> list[np.ndarray | None]:
    """Run a batch through the graph. x: (N, *input_shape) -> each layer's output (N, *plan[i].shape).

    With `keep`, only the outputs of the layers it names are returned (None for the rest), and
    each other output is let go as soon as no later layer needs it.
    """
    nodes = as_nodes(layers)
    checked(x.shape[1:], nodes)  # every shape before any work (the counts of a plan are not needed here)
    last_use = {name: index for index, node in enumerate(nodes) for name in node.inputs}
    values: dict[str, np.ndarray] = {INPUT: x}
    outputs: list[np.ndarray | None] = []
    for index, node in enumerate(nodes):
        values[node.name] = kind_of(node.layer).run(node.layer, [values[name] for name in node.inputs])
        outputs.append(values[node.name] if keep is None or node.name in keep else None)
        if keep is not None:
            for name in set(node.inputs):
                if last_use[name] == index and name not in keep:
                    del values[name]
    return outputs

