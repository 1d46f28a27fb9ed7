"""Activation functions: elementwise, or along one axis (softmax, log_softmax) or per channel (prelu).

Each: x any shape -> same shape.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .geometry import ParameterError
from .special import erf as _erf
from .special import erfc
from .tensor_ops import check_axis

_SQRT_HALF = np.sqrt(0.5)
# SELU's fixed constants (Klambauer et al. 2017), as torch.nn.SELU writes them.
_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


def relu(x: np.ndarray) -> np.ndarray:
    # clip, not np.maximum(x, 0.0): NumPy's clip between two bounds has a vectorised loop that its maximum
    # against a number lacks (2.5-3.3× faster on float32 maps), and it keeps −0 as torch.relu does.
    return np.clip(x, 0.0, np.inf)


def leaky_relu(x: np.ndarray, alpha: float = 0.01) -> np.ndarray:
    return np.where(x >= 0, x, alpha * x)


def elu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    # expm1 on the clipped input: accurate near 0 and never overflows for large positive x.
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


def sigmoid(x: np.ndarray) -> np.ndarray:
    # e^(−|x|) never overflows; pick the algebraically equal form that keeps precision per sign.
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + z), z / (1.0 + z))


def tanh(x: np.ndarray) -> np.ndarray:
    return np.tanh(x)


def gelu(x: np.ndarray) -> np.ndarray:
    """Exact GELU, x·Φ(x) = x·erfc(−x/√2)/2 (PyTorch's default, not the tanh approximation)."""
    return 0.5 * x * erfc(-x * _SQRT_HALF)


def erf(x: np.ndarray) -> np.ndarray:
    """The error function, as torch.erf (in an imported GELU, x·(1 + erf(x/√2))/2 comes as its steps)."""
    return _erf(x).astype(np.result_type(x, np.float32), copy=False)  # float32 stays float32


def identity(x: np.ndarray) -> np.ndarray:
    return x


def softmax_steps(x: np.ndarray, axis: int = -1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Softmax's intermediate numbers, shifted by the max so exp never overflows.

    x: any shape -> (max, exp = e^(x − max), sum = Σ exp); max and sum keep `axis` with size 1
    """
    check_axis(axis, x.ndim)
    top = x.max(axis=axis, keepdims=True)
    exps = np.exp(x - top)
    return top, exps, exps.sum(axis=axis, keepdims=True)


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """exp(x) / Σ exp(x) along `axis` (the same as e^(x − max) / Σ e^(x − max))."""
    _, exps, total = softmax_steps(x, axis)
    return exps / total


def log_softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """log softmax along `axis`: (x − max) − log Σ e^(x − max), never log of an underflowed 0."""
    top, _, total = softmax_steps(x, axis)
    return (x - top) - np.log(total)


def relu6(x: np.ndarray) -> np.ndarray:
    return np.clip(x, 0.0, 6.0)


def hardtanh_check(low: float, high: float) -> None:
    """PyTorch refuses min > max; min == max is allowed (a constant)."""
    if not low <= high:
        raise ParameterError("max", f"hardtanh's max must be at least its min (got min {low}, max {high})")


def hardtanh(x: np.ndarray, low: float = -1.0, high: float = 1.0) -> np.ndarray:
    """x clipped to [low, high] (the API's min and max)."""
    hardtanh_check(low, high)
    return np.clip(x, low, high)


def hardsigmoid(x: np.ndarray) -> np.ndarray:
    """relu6(x + 3) / 6, in PyTorch's order of operations."""
    return relu6(x + 3.0) / 6.0


def hardswish(x: np.ndarray) -> np.ndarray:
    """x · relu6(x + 3) / 6, in PyTorch's order of operations."""
    return x * relu6(x + 3.0) / 6.0


def silu(x: np.ndarray) -> np.ndarray:
    # x·σ(x) with the stable sigmoid; PyTorch's x / (1 + e^(−x)) overflows e^(−x) for x < −709.
    return x * sigmoid(x)


def selu(x: np.ndarray) -> np.ndarray:
    return np.where(x > 0, _SELU_SCALE * x, _SELU_ALPHA * _SELU_SCALE * np.expm1(np.minimum(x, 0.0)))


def softplus_check(beta: float) -> None:
    """beta = 0 divides by zero (PyTorch returns inf); refused."""
    if not np.isfinite(beta) or beta == 0:
        raise ParameterError("beta", f"softplus's beta must be a finite number other than 0 (got {beta})")


def softplus(x: np.ndarray, beta: float = 1.0, threshold: float = 20.0) -> np.ndarray:
    """log(1 + e^(β·x)) / β, and x itself where β·x > threshold (PyTorch's rule)."""
    softplus_check(beta)
    z = x * beta
    # log(1 + e^z) = max(z, 0) + log(1 + e^(−|z|)): e^(−|z|) <= 1 never overflows, whatever the threshold.
    soft = (np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))) / beta
    return np.where(z > threshold, x, soft)


def prelu_check(shape: tuple[int, ...], weight_shape: tuple[int, ...], axis: int = 1) -> None:
    """weight: one number (shape () or (1,)) for every channel, or one per channel along `axis`."""
    weight_shape = tuple(weight_shape)
    if len(weight_shape) > 1:
        raise ParameterError("weight", f"prelu's weight must be one number or a list of one per channel "
                                       f"(got shape {weight_shape})")
    count = int(np.prod(weight_shape))
    if count == 1:
        return
    if not -len(shape) <= axis < len(shape):
        raise ParameterError("weight", f"prelu's weight holds {count} numbers but an input of shape {tuple(shape)} "
                                       f"has no channel axis {axis}; give one number")
    if count != shape[axis]:
        raise ParameterError("weight", f"prelu's weight must hold 1 number or {shape[axis]} (one per channel "
                                       f"along axis {axis} of shape {tuple(shape)}), got {count}")


def prelu(x: np.ndarray, weight: float | np.ndarray = 0.25, axis: int = 1) -> np.ndarray:
    """x where x > 0, else weight·x, with the weight of x's channel.

    x: any shape, channels along `axis` (1 for a batch (N, C, ...)); weight: a number, (1,) or (C,)
    """
    weight = np.asarray(weight, dtype=np.result_type(x, 0.0))
    prelu_check(x.shape, weight.shape, axis)
    if weight.size > 1:
        after = x.ndim - axis % x.ndim - 1  # axes after the channel axis (prelu_check placed it)
        weight = weight.reshape(weight.shape + (1,) * after)  # (C,) -> (C, 1, …, 1): lines up with `axis`
    else:
        weight = weight.reshape(())
    return np.where(x > 0, x, weight * x)


ACTIVATIONS: dict[str, Callable[..., np.ndarray]] = {
    "relu": relu, "leaky_relu": leaky_relu, "elu": elu, "sigmoid": sigmoid, "tanh": tanh,
    "gelu": gelu, "softmax": softmax, "identity": identity,
    "relu6": relu6, "hardtanh": hardtanh, "hardsigmoid": hardsigmoid, "hardswish": hardswish, "silu": silu,
    "selu": selu, "softplus": softplus, "log_softmax": log_softmax, "prelu": prelu, "erf": erf,
}
# function -> the keyword arguments activate() passes it, with their defaults. prelu's axis is the channel
# axis (1: a batch (N, C, ...)); softmax's and log_softmax's is the axis that is normalised.
EXTRA_PARAMETERS: dict[str, dict[str, float | int]] = {
    "leaky_relu": {"alpha": 0.01}, "elu": {"alpha": 1.0}, "hardtanh": {"low": -1.0, "high": 1.0},
    "softplus": {"beta": 1.0}, "prelu": {"weight": 0.25, "axis": 1},
    "softmax": {"axis": -1}, "log_softmax": {"axis": -1},
}
TAKES_ALPHA = {name: extra["alpha"] for name, extra in EXTRA_PARAMETERS.items() if "alpha" in extra}


def _check_function(function: str) -> None:
    if function not in ACTIVATIONS:
        raise ParameterError("function", f"function must be one of {', '.join(ACTIVATIONS)} (got \"{function}\")")


def activate_check(shape: tuple[int, ...], function: str, axis: int | None = None, *, low: float | None = None,
                   high: float | None = None, beta: float | None = None,
                   weight_shape: tuple[int, ...] | None = None) -> None:
    """Every check activate() makes, on the input's shape alone (for planning before any work)."""
    _check_function(function)
    extra = EXTRA_PARAMETERS.get(function, {})
    if "axis" in extra and function != "prelu":
        check_axis(extra["axis"] if axis is None else axis, len(shape))
    if function == "hardtanh":
        hardtanh_check(extra["low"] if low is None else low, extra["high"] if high is None else high)
    elif function == "softplus":
        softplus_check(extra["beta"] if beta is None else beta)
    elif function == "prelu":
        prelu_check(shape, () if weight_shape is None else weight_shape, extra["axis"] if axis is None else axis)


def activate(x: np.ndarray, function: str, alpha: float | None = None, axis: int | None = None, *,
             low: float | None = None, high: float | None = None, beta: float | None = None,
             weight: float | np.ndarray | None = None) -> np.ndarray:
    """Apply the named activation. x: any shape -> same shape

    Each argument left None takes the function's default from EXTRA_PARAMETERS; arguments the function
    does not take are ignored (the API refuses them). axis: softmax's and log_softmax's axis (default
    −1), or prelu's channel axis (default 1, a batch (N, C, ...); pass 0 for one (C, H, W) sample).
    low, high: hardtanh's min and max. weight: prelu's, one number or (C,).
    """
    _check_function(function)
    given = {"alpha": alpha, "axis": axis, "low": low, "high": high, "beta": beta, "weight": weight}
    extra = {name: default if given[name] is None else given[name]
             for name, default in EXTRA_PARAMETERS.get(function, {}).items()}
    return ACTIVATIONS[function](x, **extra)
