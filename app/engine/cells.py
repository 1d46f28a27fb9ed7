"""The arithmetic of one output cell of one layer, for the kinds a model explorer opens besides
convolution (trace.conv_cell): batch norm, element-wise arithmetic, concatenation, pooling, a dense
layer, softmax and the other activations.

Each takes the layer, its inputs (one sample each, no batch axis) and the cell (an index into the
layer's output), and answers a dict of the numbers that make that one value. `value` is always the
layer's own output at the cell, computed by the layer as the forward pass computes it, so the page
shows exactly the number the maps were drawn from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np

from .kinds import Activation, BatchNorm, Binary, Concat, Dense, GlobalPool, Pool2d, kind_of
from .trace import pool_trace

Cell = tuple[int, ...]
TOP_TERMS = 8  # a dense cell's largest products listed one by one; the rest are summed


def _output(layer, inputs: list[np.ndarray]) -> np.ndarray:
    """The layer's output for one sample, as the forward pass computes it."""
    return kind_of(layer).run(layer, [x[None] for x in inputs])[0]


def batchnorm_cell(layer: BatchNorm, inputs: list[np.ndarray], cell: Cell) -> dict:
    """(x − mean) / √(var + eps) · γ + β, with channel cell[0]'s running statistics."""
    (x,) = inputs
    c = cell[0]
    return {
        "x": float(x[cell]), "mean": float(layer.mean[c]), "var": float(layer.var[c]), "eps": float(layer.eps),
        "weight": 1.0 if layer.weight is None else float(layer.weight[c]),
        "bias": 0.0 if layer.bias is None else float(layer.bias[c]),
        "value": float(_output(layer, inputs)[cell]),
    }


def binary_cell(layer: Binary, inputs: list[np.ndarray], cell: Cell) -> dict:
    """The two operands that meet at the cell (after broadcasting) and the operator between them."""
    out = _output(layer, inputs)
    sides = list(inputs) if layer.operand is None else (
        [layer.operand, inputs[0]] if layer.operand_first else [inputs[0], layer.operand])
    operands = [float(np.broadcast_to(side, out.shape)[cell]) for side in sides]
    return {"op": layer.op, "operands": operands, "constant": None if layer.operand is None else
            (0 if layer.operand_first else 1), "value": float(out[cell])}


def concat_cell(layer: Concat, inputs: list[np.ndarray], cell: Cell) -> dict:
    """Which input the cell was copied from, and where it sat there."""
    axis = layer.axis % len(cell)
    at = cell[axis]
    for source, x in enumerate(inputs):
        if at < x.shape[axis]:
            index = (*cell[:axis], at, *cell[axis + 1:])
            return {"source": source, "source_cell": list(index), "value": float(x[index])}
        at -= x.shape[axis]
    raise IndexError(f"cell {list(cell)} is outside the concatenation")  # the caller checks the cell first


def pool_cell(layer: Pool2d, inputs: list[np.ndarray], cell: Cell) -> dict:
    """The window over channel cell[0] of the input, and what max or average makes of it."""
    (x,) = inputs
    c, i, j = cell
    trace = pool_trace(x[c:c + 1], **layer.settings())  # every window of the one channel
    step = int(np.flatnonzero((trace.cell[:, 1] == i) & (trace.cell[:, 2] == j))[0])  # windows run row by row
    top, _, left, _ = trace.pads
    window = trace.values[step]  # (KH, KW), −∞ where max pooling's padding is
    return {
        "kind": layer.kind, "window": [[None if np.isneginf(v) else float(v) for v in row] for row in window],
        "rows": (trace.rows[step] - top).tolist(), "cols": (trace.cols[step] - left).tolist(),
        "divisor": None if trace.divisor is None else int(trace.divisor[step]),
        "value": float(trace.value[step]),
    }


def global_pool_cell(layer: GlobalPool, inputs: list[np.ndarray], cell: Cell) -> dict:
    """The whole map of channel cell[0], and its max or its mean."""
    (x,) = inputs
    plane = x[cell[0]]  # (H, W)
    return {"kind": layer.kind, "window": plane.tolist(), "rows": list(range(plane.shape[0])),
            "cols": list(range(plane.shape[1])), "divisor": plane.size if layer.kind == "avg" else None,
            "value": float(_output(layer, inputs)[cell])}


def dense_cell(layer: Dense, inputs: list[np.ndarray], cell: Cell) -> dict:
    """Output k = Σ weight[k, n] · x[n] + bias[k]: the largest products by size, the rest as one sum."""
    (x,) = inputs
    (k,) = cell
    # Its own row alone, through the layer's code: a VGG classifier's whole layer is 100 M multiply-adds
    row = replace(layer, weight=layer.weight[k:k + 1], bias=None if layer.bias is None else layer.bias[k:k + 1])
    flat = x.reshape(-1)  # (in,)
    products = layer.weight[k] * flat  # (in,)
    order = np.argsort(-np.abs(products), kind="stable")[:TOP_TERMS]
    rest = np.ones(products.size, bool)
    rest[order] = False
    return {
        "terms": [{"index": int(n), "x": float(flat[n]), "weight": float(layer.weight[k, n]),
                   "product": float(products[n])} for n in order],
        "rest": {"count": int(rest.sum()), "sum": float(products[rest].sum())},
        "bias": 0.0 if layer.bias is None else float(layer.bias[k]), "value": float(_output(row, inputs)[0]),
    }


def activation_cell(layer: Activation, inputs: list[np.ndarray], cell: Cell) -> dict:
    """f(x) at the cell; softmax and log-softmax also give what they divide by: the largest input
    along their axis and Σ e^(x − max)."""
    (x,) = inputs
    answer = {"function": layer.function, "x": float(x[cell]), "value": float(_output(layer, inputs)[cell])}
    if layer.function in ("softmax", "log_softmax"):
        axis = layer.axis % x.ndim
        line = x[(*cell[:axis], slice(None), *cell[axis + 1:])]  # the values softmax normalises together
        top = float(line.max())
        answer.update({"max": top, "exp_sum": float(np.exp(line.astype(np.float64) - top).sum()),
                       "count": int(line.size)})
    return answer


CELLS: dict[type, Callable[[object, list[np.ndarray], Cell], dict]] = {
    BatchNorm: batchnorm_cell, Binary: binary_cell, Concat: concat_cell, Pool2d: pool_cell,
    GlobalPool: global_pool_cell, Dense: dense_cell, Activation: activation_cell,
}


def cell_arithmetic(layer, inputs: list[np.ndarray], cell: Cell) -> dict | None:
    """The arithmetic of one output cell, or None for a kind without a cell view."""
    explain = CELLS.get(type(layer))
    return None if explain is None else explain(layer, inputs, tuple(cell))
