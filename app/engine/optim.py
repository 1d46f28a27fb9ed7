"""Adam (Kingma & Ba, in PyTorch's arithmetic) over named parameters, and a cosine learning-rate schedule.

Pure: a step takes parameters, gradients and state, and returns new parameters and new state.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

Params = dict[str, np.ndarray]


@dataclass(frozen=True)
class AdamState:
    """step: steps taken; m, v: running means of the gradients and their squares, shaped as the parameters."""

    step: int
    m: Params
    v: Params


def adam_init(params: Params) -> AdamState:
    """Zero moments, shaped as the parameters."""
    zeros = {name: np.zeros_like(value) for name, value in params.items()}
    return AdamState(0, zeros, dict(zeros))


def adam_step(params: Params, grads: Params, state: AdamState, lr: float, beta1: float = 0.9,
              beta2: float = 0.999, eps: float = 1e-8) -> tuple[Params, AdamState]:
    """One Adam update of every parameter; grads must hold one gradient per parameter, same shapes."""
    if grads.keys() != params.keys():
        raise ValueError(f"gradients for {sorted(grads)} do not match the parameters {sorted(params)}")
    step = state.step + 1
    correction1, correction2 = 1.0 - beta1 ** step, 1.0 - beta2 ** step
    new_params, m, v = {}, {}, {}
    for name, value in params.items():
        grad = grads[name]
        if grad.shape != value.shape:
            raise ValueError(f"gradient of {name} has shape {grad.shape}, the parameter {value.shape}")
        m[name] = beta1 * state.m[name] + (1.0 - beta1) * grad
        v[name] = beta2 * state.v[name] + (1.0 - beta2) * grad * grad
        denominator = np.sqrt(v[name]) / math.sqrt(correction2) + eps
        new_params[name] = value - (lr / correction1) * m[name] / denominator
    return new_params, AdamState(step, m, v)


def cosine_lr(step: int, total: int, peak: float, warmup: int = 0) -> float:
    """Learning rate at `step` of `total`: linear warm-up to `peak`, then half a cosine down to 0."""
    if step < warmup:
        return peak * (step + 1) / warmup
    progress = (step - warmup) / max(1, total - warmup)
    return 0.5 * peak * (1.0 + math.cos(math.pi * min(progress, 1.0)))
