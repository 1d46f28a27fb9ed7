"""Layers that join two or more inputs: add, sub, mul, div (NumPy broadcasting) and concat along an axis."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .geometry import ParameterError
from .tensor_ops import check_axis

BINARY_OPS = ("add", "sub", "mul", "div")
_UFUNCS = {"add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.true_divide}


def broadcast_shape(a_shape: tuple[int, ...], b_shape: tuple[int, ...]) -> tuple[int, ...]:
    """The shape two inputs broadcast to: aligned from the right, each pair of sizes equal or one of them 1."""
    a_shape, b_shape = tuple(a_shape), tuple(b_shape)
    ndim = max(len(a_shape), len(b_shape))
    a = (1,) * (ndim - len(a_shape)) + a_shape  # missing leading axes count as size 1
    b = (1,) * (ndim - len(b_shape)) + b_shape
    for axis, (m, n) in enumerate(zip(a, b, strict=True)):
        if m != n and 1 not in (m, n):
            raise ParameterError("inputs", f"shapes {list(a_shape)} and {list(b_shape)} do not broadcast: aligned "
                                           f"from the right, axis {axis - ndim} has sizes {m} and {n} (each pair "
                                           f"must be equal or one of them 1)")
    return tuple(n if m == 1 else m for m, n in zip(a, b, strict=True))


def binary_shape(op: str, a_shape: tuple[int, ...], b_shape: tuple[int, ...]) -> tuple[int, ...]:
    """Check the operation's name and the inputs' shapes; return the output's shape."""
    if op not in BINARY_OPS:
        raise ParameterError("op", f"op must be one of {', '.join(BINARY_OPS)} (got \"{op}\")")
    return broadcast_shape(a_shape, b_shape)


def binary(op: str, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a op b elementwise, as torch.add/sub/mul/div (true division).

    a, b: shapes that broadcast -> their broadcast shape
    Division by zero follows IEEE as PyTorch does (±inf, or nan for 0/0), without warnings; callers that
    need finite numbers check the result.
    """
    binary_shape(op, a.shape, b.shape)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return _UFUNCS[op](a, b)


def concat_shape(shapes: Sequence[tuple[int, ...]], axis: int) -> tuple[int, ...]:
    """The shape of the inputs joined along `axis`: same number of axes, equal sizes on every other axis."""
    if not shapes:
        raise ParameterError("inputs", "concat needs at least one input (got none)")
    first = tuple(shapes[0])
    axis = check_axis(axis, len(first))
    for index, shape in enumerate(map(tuple, shapes)):
        if len(shape) != len(first):
            raise ParameterError("inputs", f"concat needs inputs with the same number of axes: input 0 has shape "
                                           f"{list(first)} and input {index} has shape {list(shape)}")
        clash = next((d for d in range(len(first)) if d != axis and shape[d] != first[d]), None)
        if clash is not None:
            raise ParameterError("inputs", f"concat along axis {axis} needs every other axis to match: input 0 "
                                           f"has shape {list(first)} and input {index} has shape {list(shape)} "
                                           f"(axis {clash}: {first[clash]} and {shape[clash]})")
    return (*first[:axis], sum(shape[axis] for shape in shapes), *first[axis + 1:])


def concat(arrays: Sequence[np.ndarray], axis: int) -> np.ndarray:
    """Join the inputs along `axis` (as torch.cat; mixed float32/float64 gives float64).

    arrays: each (d0, …, dk, …) with the same sizes except along `axis` -> sizes there summed
    """
    concat_shape([a.shape for a in arrays], axis)
    return np.concatenate(arrays, axis=axis)
