"""Numbers for reading, as the pages write them (static/js/core/format.js)."""

from __future__ import annotations

import math

import numpy as np

MINUS = "\u2212"  # a true minus sign: wider and clearer on a projector than "-"


def fmt(value: float) -> str:
    """Integers stay integers, others get 2–3 significant decimals; a negative gets a true minus."""
    value = float(value)
    if not math.isfinite(value):
        return "\u2212\u221e" if value < 0 else "\u221e"
    if value == 0:
        return "0"  # also −0
    if value.is_integer():
        text = str(int(value))
    elif abs(value) >= 100:
        text = _shortest(f"{value:.1f}")
    elif abs(value) >= 1:
        text = _shortest(f"{value:.2f}")
    else:
        text = _shortest(f"{value:.3g}")
    return text.replace("-", MINUS)


def _shortest(text: str) -> str:
    """"2.50" -> "2.5", "3.00" -> "3": as JavaScript's Number(...) prints them."""
    number = float(text)
    return str(int(number)) if number.is_integer() else repr(number)


def texts(values: np.ndarray) -> list:
    """Every value as the page writes it, as nested lists of the array's shape."""
    return np.vectorize(fmt, otypes=[object])(values).tolist() if values.size else values.tolist()
