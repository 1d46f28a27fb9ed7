"""erf and erfc for arrays, in NumPy alone (NumPy has no erf; GELU needs one).

A power series near zero and a continued fraction for erfc in the tails, each with a fixed
number of terms (the scheme CPython's math module once used), accurate to about 1e-15.
"""

from __future__ import annotations

import numpy as np

_SERIES_CUTOFF = 1.5  # |x| below this: series; above: continued fraction
_SERIES_TERMS = 25
_CONTFRAC_TERMS = 50
_CONTFRAC_CUTOFF = 30.0  # erfc(x) underflows to 0 beyond this
_SQRT_PI = np.sqrt(np.pi)


def _erf_series(x: np.ndarray) -> np.ndarray:
    """erf(x) = 2x·e^(−x²)/√π · Σ (2x²)^n / (1·3·…·(2n+1)); all terms positive, so no cancellation."""
    x2 = x * x
    acc = np.zeros_like(x)
    fk = _SERIES_TERMS + 0.5
    for _ in range(_SERIES_TERMS):
        acc = 2.0 + x2 * acc / fk
        fk -= 1.0
    return acc * x * np.exp(-x2) / _SQRT_PI


def _erfc_contfrac(x: np.ndarray) -> np.ndarray:
    """erfc(x) for x >= _SERIES_CUTOFF by its continued fraction, evaluated forwards."""
    x = np.minimum(x, _CONTFRAC_CUTOFF)
    x2 = x * x
    a, da = 0.0, 0.5
    p, p_last = np.ones_like(x), np.zeros_like(x)
    q, q_last = da + x2, np.ones_like(x)
    for _ in range(_CONTFRAC_TERMS):
        a += da
        da += 2.0
        b = da + x2
        p, p_last = b * p - a * p_last, p
        q, q_last = b * q - a * q_last, q
    result = p / q * x * np.exp(-x2) / _SQRT_PI
    return np.where(x >= _CONTFRAC_CUTOFF, 0.0, result)


def erfc(x: np.ndarray) -> np.ndarray:
    """Complementary error function, elementwise. x: any shape -> same shape"""
    x = np.asarray(x, dtype=np.float64)
    small = np.abs(x) < _SERIES_CUTOFF
    tail = _erfc_contfrac(np.where(small, _SERIES_CUTOFF, np.abs(x)))
    near = 1.0 - _erf_series(np.where(small, x, 0.0))
    return np.where(small, near, np.where(x > 0, tail, 2.0 - tail))


def erf(x: np.ndarray) -> np.ndarray:
    """Error function, elementwise. x: any shape -> same shape"""
    x = np.asarray(x, dtype=np.float64)
    small = np.abs(x) < _SERIES_CUTOFF
    tail = _erfc_contfrac(np.where(small, _SERIES_CUTOFF, np.abs(x)))
    return np.where(small, _erf_series(np.where(small, x, 0.0)), np.sign(x) * (1.0 - tail))
