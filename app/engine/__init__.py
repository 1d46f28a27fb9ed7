"""ConvScope's engine: pure NumPy, no web imports. Every function takes and returns ndarrays."""

from .activations import (
    ACTIVATIONS,
    activate,
    elu,
    gelu,
    identity,
    leaky_relu,
    relu,
    sigmoid,
    softmax,
    softmax_steps,
    tanh,
)
from .adaptive_pool import adaptive_avg_pool2d, adaptive_pool_size
from .cells import CELLS, cell_arithmetic
from .conv import applied_kernel, conv2d, conv_geometry
from .conv_naive import conv2d_naive, conv_transpose2d_naive
from .conv_transpose import TransposeGeometry, conv_transpose2d, conv_transpose_geometry
from .dense import dense, flatten
from .geometry import PADDING_MODES, ParameterError, WindowGeometry, output_size, window_geometry
from .graph import INPUT, LayerError, LayerPlan, Node, forward, plan
from .kinds import (
    KINDS,
    Activation,
    AdaptiveAvgPool,
    BatchNorm,
    Binary,
    Concat,
    Conv2d,
    ConvTranspose2d,
    Dense,
    Dropout,
    Flatten,
    GlobalPool,
    Layer,
    LayerKind,
    LocalResponseNorm,
    Mean,
    Pad,
    Pool2d,
    Reshape,
    Slice,
    Transpose,
    Upsample,
    kind_of,
)
from .pool import PoolResult, global_avg_pool, global_pool, pool2d, pool_geometry
from .trace import (
    ConvCell,
    ConvTrace,
    ConvTransposeTrace,
    PoolTrace,
    conv_cell,
    conv_trace,
    conv_transpose_trace,
    pool_trace,
)

__all__ = [
    "ACTIVATIONS", "CELLS", "Activation", "AdaptiveAvgPool", "BatchNorm", "Binary", "Concat", "Conv2d", "ConvCell",
    "ConvTrace", "ConvTranspose2d", "ConvTransposeTrace", "Dense", "Dropout", "Flatten", "GlobalPool", "INPUT", "KINDS",
    "Layer", "LayerError", "LayerKind", "LayerPlan", "LocalResponseNorm", "Mean", "Node", "PADDING_MODES", "Pad",
    "ParameterError", "Pool2d", "PoolResult", "PoolTrace", "Reshape", "Slice", "Transpose", "TransposeGeometry",
    "Upsample",
    "WindowGeometry", "activate", "adaptive_avg_pool2d", "adaptive_pool_size", "applied_kernel", "conv2d",
    "conv2d_naive", "conv_cell", "conv_geometry", "conv_trace", "conv_transpose2d", "conv_transpose2d_naive",
    "conv_transpose_geometry", "cell_arithmetic", "conv_transpose_trace", "dense", "elu", "flatten", "forward", "gelu",
    "global_avg_pool", "global_pool", "identity", "kind_of", "leaky_relu", "output_size", "plan", "pool2d",
    "pool_geometry", "pool_trace", "relu", "sigmoid", "softmax", "softmax_steps", "tanh", "window_geometry",
]
