"""Backward passes: each takes the gradient of a layer's output and returns the gradients of its inputs.

Same shapes and parameters as the forward functions; every gradient has its forward value's dtype.
"""

from .activations import activation_backward
from .conv import conv2d_backward
from .dense import dense_backward, flatten_backward
from .padding import pad2d_backward
from .pool import pool2d_backward
from .result import WeightGrads

__all__ = ["WeightGrads", "activation_backward", "conv2d_backward", "dense_backward", "flatten_backward",
           "pad2d_backward", "pool2d_backward"]
