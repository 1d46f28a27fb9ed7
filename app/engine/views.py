"""Read-only strided views of an array's memory: windows and shifted rows without a copy."""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import as_strided


def strided_view(array: np.ndarray, shape: tuple[int, ...], strides: tuple[int, ...]) -> np.ndarray:
    """A read-only view of `array`'s memory with its own shape and strides (bytes)."""
    if not array.flags.c_contiguous:  # a view of another array's memory: only as_strided takes it
        return as_strided(array, shape, strides, writeable=False)
    # A view of the array's own buffer, bounds-checked by NumPy: 1.3 µs, where as_strided (which
    # goes through an __array_interface__ dict) took 6.
    view = np.ndarray(shape, array.dtype, array, 0, strides)
    view.flags.writeable = False
    return view
