"""ONNX operators as engine layers: one small function per operator reads a node's attributes and constant
inputs and returns the engine's record, or says why the node has none (Unsupported).

Pure Python and NumPy, no onnx import: the caller turns each AttributeProto into a plain value (int,
float, str or bytes, list) and each constant input (initializer, Constant node) into an array.

- constants[i] is input i's value when it is a constant, else None: the layer's data (the first
  `data_inputs` inputs), or an optional input left out. Only the caller can tell a left-out optional
  input (Conv's B, Clip's min) from one the graph computes, so the caller refuses computed parameters.
- ONNX counts axes with the batch axis, the engine's records without it: axis k >= 1 becomes k − 1,
  negative axes stay, and axis 0 (the batch) is refused.
- An operator's meaning can change between opsets: NODES[op_type] maps the opset where each meaning
  began to the function that reads it, and layer_for takes the newest one not after the model's opset.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from app.engine.kinds import (
    Activation,
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
    LocalResponseNorm,
    Mean,
    Pad,
    Pool2d,
    Reshape,
    Upsample,
)

Constants = list[np.ndarray | None]
Builder = Callable[[dict, Constants], Layer]

_FLOAT32_MAX = float(np.finfo(np.float32).max)  # Clip's bounds when none is given, before opset 11
# The constants PyTorch's layers fix, as ONNX's float attributes hold them (float32).
_SELU = (np.float32(1.6732632423543772), np.float32(1.0507009873554805))  # alpha, gamma
_HARDSIGMOID = (np.float32(1 / 6), np.float32(0.5))  # alpha, beta of relu6(x + 3) / 6


class Unsupported(ValueError):
    """An ONNX node that no engine layer computes; `reason` says what stands in the way."""

    def __init__(self, op_type: str, reason: str):
        super().__init__(f"ONNX {op_type}: {reason}")
        self.op_type, self.reason = op_type, reason


class _Refused(Exception):
    """Raised by a builder, which does not know its op_type; layer_for names it in Unsupported."""


def _text(attributes: dict, name: str, default: str) -> str:
    value = attributes.get(name, default)
    return value.decode() if isinstance(value, bytes) else value


def _constant(constants: Constants, index: int, name: str) -> np.ndarray:
    """A parameter input the layer holds, which must be a constant."""
    value = constants[index] if index < len(constants) else None
    if value is None:
        raise _Refused(f"{name} is not a constant: the engine holds it as the layer's parameter")
    return value


def _optional(constants: Constants, index: int) -> np.ndarray | None:
    """An optional constant input, None when left out (or given as an empty tensor)."""
    value = constants[index] if index < len(constants) else None
    return None if value is None or value.size == 0 else value


def _sample_axis(axis: int) -> int:
    """ONNX's axis (batch axis included) as the engine's (one sample's axes)."""
    if axis == 0:
        raise _Refused("axis 0 is the batch: the engine's layers work on each sample alone")
    return axis - 1 if axis > 0 else axis


# --- Activations ----------------------------------------------------------------------------------------

def _always(layer: Layer) -> Builder:
    """An operator without attributes or parameters: always the same layer."""
    return lambda attributes, constants: layer


def leaky_relu(attributes: dict, constants: Constants) -> Activation:
    return Activation("leaky_relu", alpha=attributes.get("alpha", 0.01))


def elu(attributes: dict, constants: Constants) -> Activation:
    return Activation("elu", alpha=attributes.get("alpha", 1.0))


def selu(attributes: dict, constants: Constants) -> Activation:
    given = (np.float32(attributes.get("alpha", _SELU[0])), np.float32(attributes.get("gamma", _SELU[1])))
    if given != _SELU:
        raise _Refused(f"alpha {float(given[0])} and gamma {float(given[1])}: the engine's selu has SELU's "
                       f"fixed constants ({float(_SELU[0])}, {float(_SELU[1])}), as PyTorch's does")
    return Activation("selu")


def hard_sigmoid(attributes: dict, constants: Constants) -> Activation:
    given = (np.float32(attributes.get("alpha", 0.2)), np.float32(attributes.get("beta", 0.5)))
    if given != _HARDSIGMOID:
        raise _Refused(f"alpha {float(given[0])} and beta {float(given[1])}: the engine's hardsigmoid is "
                       f"PyTorch's, max(0, min(1, x/6 + 1/2)) (alpha 1/6, beta 0.5)")
    return Activation("hardsigmoid")


def gelu(attributes: dict, constants: Constants) -> Activation:
    approximate = _text(attributes, "approximate", "none")
    if approximate != "none":
        raise _Refused(f'approximate "{approximate}": the engine\'s gelu is the exact one, x·Φ(x)')
    return Activation("gelu")


def _softmax(function: str) -> Builder:
    """Softmax or LogSoftmax from opset 13: along one axis (default the last)."""
    return lambda attributes, constants: Activation(function, axis=_sample_axis(attributes.get("axis", -1)))


def _softmax_2d(function: str) -> Builder:
    """Softmax or LogSoftmax before opset 13: the input flattened into 2-D from `axis` (default 1) on."""
    def build(attributes: dict, constants: Constants) -> Activation:
        axis = attributes.get("axis", 1)
        if axis != -1:
            raise _Refused(f"axis {axis} before opset 13 normalises the flattened axes from {axis} on as one; "
                           f"only axis -1 is one axis whatever the input's rank")
        return Activation(function, axis=-1)
    return build


def prelu_per_channel(attributes: dict, constants: Constants) -> Activation:
    """Opsets 1-6: one slope for every value, or one per channel."""
    slope = _constant(constants, 1, "slope")
    if slope.size != 1 and slope.ndim != 1:
        raise _Refused(f"a slope of shape {list(slope.shape)}: the engine's prelu has one slope or one per channel")
    return Activation("prelu", weight=slope.reshape(-1))


def prelu(attributes: dict, constants: Constants) -> Activation:
    """Opset 7 on: the slope broadcasts to the input. (C, 1, …, 1) is one slope per channel on an input
    with one axis more than the slope (its first axis then meets the channel axis), which the caller,
    knowing the input's shape, checks; the engine checks that C is the channel count."""
    slope = _constant(constants, 1, "slope")
    if slope.size != 1 and any(size != 1 for size in slope.shape[1:]):
        raise _Refused(f"a slope of shape {list(slope.shape)}: the engine's prelu has one slope or one per channel")
    return Activation("prelu", weight=slope.reshape(-1))


def _clip(low: float | None, high: float | None) -> Activation:
    """Clip as the activation that is it: identity, relu, relu6 or hardtanh (a missing bound is infinite)."""
    low = None if low is None or low <= -_FLOAT32_MAX else float(low)
    high = None if high is None or high >= _FLOAT32_MAX else float(high)
    if low is not None and high is not None and low > high:
        raise _Refused(f"min {low} above max {high}: ONNX answers max everywhere, the engine's hardtanh "
                       f"refuses it (as PyTorch's does)")
    named = {(None, None): "identity", (0.0, None): "relu", (0.0, 6.0): "relu6"}
    if (low, high) in named:
        return Activation(named[low, high])
    return Activation("hardtanh", min=-np.inf if low is None else low, max=np.inf if high is None else high)


def clip_attributes(attributes: dict, constants: Constants) -> Activation:
    """Opsets 1-10: the bounds are attributes."""
    return _clip(attributes.get("min"), attributes.get("max"))


def clip(attributes: dict, constants: Constants) -> Activation:
    """Opset 11 on: the bounds are optional inputs."""
    low, high = _optional(constants, 1), _optional(constants, 2)
    return _clip(None if low is None else low.item(), None if high is None else high.item())


# --- Windows: convolution and pooling ---------------------------------------------------------------------

def _pair(values: Sequence[int], name: str) -> tuple[int, int]:
    """An attribute with one number per spatial axis, as (h, w)."""
    if len(values) != 2:
        raise _Refused(f"{name} {list(values)}: the engine's windows slide over 2-D images (N, C, H, W)")
    return int(values[0]), int(values[1])


def _window(attributes: dict, kernel: tuple[int, int]) -> tuple[tuple[int, int], tuple[int, int], tuple[int, ...]]:
    """strides, dilations and pads (top, bottom, left, right), auto_pad resolved -> (stride, dilation, pads)."""
    stride = _pair(attributes.get("strides", (1, 1)), "strides")
    dilation = _pair(attributes.get("dilations", (1, 1)), "dilations")
    auto_pad = _text(attributes, "auto_pad", "NOTSET")
    if auto_pad == "NOTSET":
        pads = attributes.get("pads", (0, 0, 0, 0))
        if len(pads) != 4:
            raise _Refused(f"pads {list(pads)}: the engine's windows slide over 2-D images (N, C, H, W)")
        top, left, bottom, right = pads  # ONNX: every axis's start, then every axis's end
        return stride, dilation, (top, bottom, left, right)
    if auto_pad == "VALID":
        return stride, dilation, (0, 0, 0, 0)
    if auto_pad not in ("SAME_UPPER", "SAME_LOWER"):
        raise _Refused(f'auto_pad "{auto_pad}" is none of NOTSET, VALID, SAME_UPPER and SAME_LOWER')
    if stride != (1, 1):
        raise _Refused(f"auto_pad {auto_pad} with strides {list(stride)}: its padding depends on the input's "
                       f"size, which no layer setting does")
    pads = []
    for size, step in zip(kernel, dilation, strict=True):
        total = step * (size - 1)  # what keeps the size at stride 1
        later = total - total // 2 if auto_pad == "SAME_UPPER" else total // 2  # the odd pixel at the end, or start
        pads += [total - later, later]
    return stride, dilation, tuple(pads)


def _padding(pads: tuple[int, ...]) -> tuple[int, int] | tuple[int, int, int, int]:
    """(top, bottom, left, right) -> PyTorch's (h, w) where both ends of an axis are alike, else the four
    sides (the engine pads each side as given: what PyTorch writes as F.pad before the layer)."""
    top, bottom, left, right = pads
    return (top, left) if (top, left) == (bottom, right) else tuple(int(side) for side in pads)


def _pool_window(attributes: dict) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int], tuple[int, int]]:
    """kernel_shape and _window's settings -> (size, stride, padding, dilation)."""
    size = _pair(attributes["kernel_shape"], "kernel_shape")
    stride, dilation, pads = _window(attributes, size)
    return size, stride, _padding(pads), dilation


def max_pool(attributes: dict, constants: Constants) -> Pool2d:
    """The values only: storage_order orders the Indices output, which layer_for refuses."""
    size, stride, padding, dilation = _pool_window(attributes)
    return Pool2d("max", size, stride, padding, ceil_mode=bool(attributes.get("ceil_mode", 0)), dilation=dilation)


def average_pool(attributes: dict, constants: Constants) -> Pool2d:
    size, stride, padding, dilation = _pool_window(attributes)
    if dilation != (1, 1):
        raise _Refused(f"dilations {list(dilation)}: PyTorch's average pooling has no dilation")
    return Pool2d("avg", size, stride, padding, ceil_mode=bool(attributes.get("ceil_mode", 0)),
                  count_include_pad=bool(attributes.get("count_include_pad", 0)))  # ONNX's default: 0


def _kernel_2d(attributes: dict, constants: Constants, what: str) -> np.ndarray:
    """W, a 2-D convolution's (4 axes) whose kernel_shape, if given, is W's own."""
    kernel = _constant(constants, 1, "W")
    if kernel.ndim != 4:
        raise _Refused(f"a {kernel.ndim - 2}-D {what} (W of shape {list(kernel.shape)}): the engine's "
                       f"convolves 2-D images")
    size = kernel.shape[2:]
    if tuple(attributes.get("kernel_shape", size)) != size:
        raise _Refused(f"kernel_shape {list(attributes['kernel_shape'])} is not W's {list(size)}")
    return kernel


def conv(attributes: dict, constants: Constants) -> Conv2d:
    kernel = _kernel_2d(attributes, constants, "convolution")  # (F, C/group, KH, KW)
    size = kernel.shape[2:]
    stride, dilation, pads = _window(attributes, size)
    # PyTorch's padding="same" (stride 1) puts the odd pixel at the end, as SAME_UPPER does.
    same = _text(attributes, "auto_pad", "NOTSET") == "SAME_UPPER" and (pads[0], pads[2]) != (pads[1], pads[3])
    padding = "same" if same else _padding(pads)
    return Conv2d(kernel, _optional(constants, 2), stride, padding, dilation, groups=attributes.get("group", 1))


def conv_transpose(attributes: dict, constants: Constants) -> ConvTranspose2d:
    kernel = _kernel_2d(attributes, constants, "transposed convolution")  # (C, F/group, KH, KW)
    if "output_shape" in attributes:
        raise _Refused(f"output_shape {list(attributes['output_shape'])}: the padding it implies depends on the "
                       f"input's size, which no layer setting does")
    stride, dilation = _pair(attributes.get("strides", (1, 1)), "strides"), _pair(attributes.get("dilations", (1, 1)),
                                                                                 "dilations")
    auto_pad = _text(attributes, "auto_pad", "NOTSET")
    if auto_pad not in ("NOTSET", "VALID"):
        raise _Refused(f"auto_pad {auto_pad}: its padding depends on the input's size, which no layer setting does")
    pads = attributes.get("pads", (0, 0, 0, 0)) if auto_pad == "NOTSET" else (0, 0, 0, 0)
    if len(pads) != 4:
        raise _Refused(f"pads {list(pads)}: the engine's windows slide over 2-D images (N, C, H, W)")
    extra = _pair(attributes.get("output_padding", (0, 0)), "output_padding")
    # PyTorch crops `padding` from both ends and then adds output_padding at the end: ONNX's pads
    # (begin b, end e) are padding b with output_padding grown by b − e, where PyTorch allows it.
    padding, output_padding = [], []
    for begin, end, added, s, d in zip(pads[:2], pads[2:], extra, stride, dilation, strict=True):
        if begin < end or begin - end + added >= max(s, d):
            raise _Refused(f"pads {list(pads)} with output_padding {list(extra)}: PyTorch crops the same from both "
                           f"ends, then adds less than the stride or the dilation at the end")
        padding.append(begin)
        output_padding.append(begin - end + added)
    return ConvTranspose2d(kernel, _optional(constants, 2), stride, tuple(padding), tuple(output_padding), dilation,
                           groups=attributes.get("group", 1))


# --- Normalisation ---------------------------------------------------------------------------------------

def batch_norm(attributes: dict, constants: Constants) -> BatchNorm:
    """Opset 7 on. Training (more outputs before opset 14, training_mode after) uses the batch's statistics."""
    if attributes.get("training_mode", 0):
        raise _Refused("training_mode 1 normalises by the batch's own statistics; the engine's batchnorm is "
                       "the inference one, with the running mean and variance")
    if not attributes.get("spatial", 1):
        raise _Refused("spatial 0 keeps statistics per position, not per channel")
    scale, bias, mean, var = (_constant(constants, index, name)
                              for index, name in enumerate(("scale", "B", "mean", "var"), start=1))
    return BatchNorm(mean, var, scale, bias, eps=attributes.get("epsilon", 1e-5))


def batch_norm_is_test(attributes: dict, constants: Constants) -> BatchNorm:
    """Opsets 1-6: inference only with is_test 1 (by default it trains)."""
    if not attributes.get("is_test", 0):
        raise _Refused("is_test 0 normalises by the batch's own statistics; the engine's batchnorm is the "
                       "inference one, with the running mean and variance")
    return batch_norm(attributes, constants)


def lrn(attributes: dict, constants: Constants) -> LocalResponseNorm:
    size = attributes["size"]
    if size % 2 == 0:
        raise _Refused(f"size {size}: an even window takes one channel more after the channel in ONNX, one more "
                       f"before it in PyTorch")
    return LocalResponseNorm(size, attributes.get("alpha", 1e-4), attributes.get("beta", 0.75),
                             attributes.get("bias", 1.0))


# --- Joining inputs --------------------------------------------------------------------------------------

def _binary(op: str) -> Builder:
    """Add, Sub, Mul or Div from opset 7 (NumPy's broadcasting) on two computed inputs."""
    def build(attributes: dict, constants: Constants) -> Binary:
        if any(value is not None for value in constants):
            raise _Refused(f"a constant operand: the engine's {op} joins two layers' outputs")
        return Binary(op)
    return build


def _binary_legacy(op: str) -> Builder:
    """Before opset 7: broadcasting with broadcast=1, B matched to A's last axes unless `axis` says where."""
    def build(attributes: dict, constants: Constants) -> Binary:
        if "axis" in attributes:
            raise _Refused(f"broadcasting from axis {attributes['axis']} (before opset 7): NumPy's broadcasting, "
                           f"the engine's, matches the last axes")
        return _binary(op)(attributes, constants)
    return build


def concat(attributes: dict, constants: Constants) -> Concat:
    if any(value is not None for value in constants):
        raise _Refused("a constant input: the engine's concat joins layers' outputs")
    return Concat(axis=_sample_axis(attributes.get("axis", 1)))  # axis 1 by default before opset 4


# --- Reshaping and resampling ----------------------------------------------------------------------------

def flatten(attributes: dict, constants: Constants) -> Flatten:
    axis = attributes.get("axis", 1)
    if axis != 1:
        raise _Refused(f"axis {axis}: ONNX's flatten joins the axes before it into one, the batch with them, "
                       f"while the engine's keeps the batch; they agree on axis 1 alone")
    return Flatten(axis=0)


def reshape(attributes: dict, constants: Constants) -> Reshape:
    """Opset 5 on. The first size is the batch's: 0 copies it, -1 takes what one sample's sizes leave,
    and a number is the batch size the graph was made for."""
    shape = [int(size) for size in _constant(constants, 1, "shape")]
    if not shape:
        raise _Refused("shape [] makes a scalar of the batch")
    if 0 in shape[1:] or (shape[0] == 0 and attributes.get("allowzero", 0)):
        raise _Refused(f"shape {shape}: a 0 copies the input's size on that axis (or, with allowzero, is a size "
                       f"0), which the engine's reshape, given sizes alone, does not")
    return Reshape(tuple(shape[1:]))


_PAD_MODES = {"constant": "constant", "reflect": "reflect", "edge": "replicate", "wrap": "circular"}


def _pad(pads: Sequence[int], axes: Sequence[int] | None, mode: str, value: float) -> Pad:
    """ONNX's pads: every padded axis's start, then every one's end; the axes are all of them (the batch
    first) unless `axes` names some. The engine's pad takes one sample's last axes."""
    if mode not in _PAD_MODES:
        raise _Refused(f'mode "{mode}" is none of constant, reflect, edge and wrap')
    pads = [int(v) for v in pads]
    count = len(pads) // 2
    if any(v < 0 for v in pads):
        raise _Refused(f"pads {pads}: a negative pad crops, which the engine's pad does not")
    pairs = list(zip(pads[:count], pads[count:], strict=True))
    if axes is None:
        if pairs and pairs[0] != (0, 0):
            raise _Refused(f"pads {pads} pad the batch axis")
        pairs = pairs[1:]
    else:
        axes = [int(axis) for axis in axes]
        if sorted(axes) != list(range(-count, 0)):
            raise _Refused(f"axes {axes}: the engine's pad takes the last axes, counted from the end "
                           f"({list(range(-count, 0))}), as it knows no input's rank")
        by_axis = dict(zip(axes, pairs, strict=True))
        pairs = [by_axis[axis] for axis in range(-count, 0)]
    return Pad(tuple(pairs), _PAD_MODES[mode], float(value))


def pad_attributes(attributes: dict, constants: Constants) -> Pad:
    """Opsets 2-10: pads, mode and value are attributes."""
    return _pad(attributes["pads"], None, _text(attributes, "mode", "constant"), attributes.get("value", 0.0))


def pad(attributes: dict, constants: Constants) -> Pad:
    """Opset 11 on: pads, constant_value and (from 18) axes are inputs."""
    value = _optional(constants, 2)
    axes = _optional(constants, 3)
    return _pad(_constant(constants, 1, "pads"), None if axes is None else axes.tolist(),
                _text(attributes, "mode", "constant"), 0.0 if value is None else value.item())


def _mean(axes: Sequence[int] | None, keepdims: int) -> Mean:
    if axes is None:
        raise _Refused("no axes: the mean of every axis, the batch's too")
    return Mean(tuple(_sample_axis(int(axis)) for axis in axes), bool(keepdims))


def reduce_mean_attribute(attributes: dict, constants: Constants) -> Mean:
    """Opsets 1-17: axes is an attribute."""
    return _mean(attributes.get("axes"), attributes.get("keepdims", 1))


def reduce_mean(attributes: dict, constants: Constants) -> Mean:
    """Opset 18 on: axes is an optional input; without it, every axis (or none, with noop_with_empty_axes)."""
    axes = _optional(constants, 1)
    if axes is None and attributes.get("noop_with_empty_axes", 0):
        raise _Refused("no axes with noop_with_empty_axes: the identity, which an Identity node says plainly")
    return _mean(None if axes is None else axes.tolist(), attributes.get("keepdims", 1))


def dropout_is_test(attributes: dict, constants: Constants) -> Dropout:
    """Opsets 1-6: the identity only with is_test 1."""
    if not attributes.get("is_test", 0):
        raise _Refused("is_test 0 drops values at random (training); the engine's dropout is the inference one")
    return Dropout(attributes.get("ratio", 0.5))


def dropout_ratio_attribute(attributes: dict, constants: Constants) -> Dropout:
    """Opsets 7-11: always the identity."""
    return Dropout(attributes.get("ratio", 0.5))


def dropout(attributes: dict, constants: Constants) -> Dropout:
    """Opset 12 on: ratio and training_mode are optional inputs."""
    ratio, training = _optional(constants, 1), _optional(constants, 2)
    ratio = 0.5 if ratio is None else ratio.item()
    if training is not None and training.item() and ratio != 0:
        raise _Refused(f"training_mode true drops values at random (ratio {ratio}); the engine's dropout is "
                       f"the inference one")
    return Dropout(ratio)


def _spatial_factors(values: Sequence[float], axes: Sequence[int] | None, name: str) -> tuple[float, float]:
    """Resize's scales or sizes of an (N, C, H, W) input -> (H's, W's); N and C must stay."""
    values = list(values)
    if axes is not None:
        spatial = {2: "h", 3: "w", -2: "h", -1: "w"}
        if sorted(spatial.get(axis, "?") for axis in axes) != ["h", "w"]:
            raise _Refused(f"axes {list(axes)}: the engine resizes an image's height and width together")
        by_side = {spatial[axis]: value for axis, value in zip(axes, values, strict=True)}
        return by_side["h"], by_side["w"]
    if len(values) != 4:
        raise _Refused(f"{name} {values}: the engine resizes 2-D images (N, C, H, W)")
    if name == "scales" and values[:2] != [1, 1]:
        raise _Refused(f"scales {values} resize the batch or the channels, not only the image")
    return values[2], values[3]  # sizes: N and C are taken to be the input's, as a graph of images has them


def _nearest_is_pytorchs(coordinates: str, rounding: str, scales: tuple[float, float] | None) -> bool:
    """Whether nearest resizing picks PyTorch's pixel, floor(d / scale): with asymmetric coordinates and
    floor (what torch.onnx writes), or with centred coordinates and rounding when each scale is a whole
    number (the centred position then never lands halfway, and rounds to the same pixel)."""
    if (coordinates, rounding) == ("asymmetric", "floor"):
        return True
    centred = coordinates in ("half_pixel", "pytorch_half_pixel") and rounding.startswith("round_prefer")
    return centred and scales is not None and all(scale >= 1 and float(scale).is_integer() for scale in scales)


def _bilinear_corners(coordinates: str, size: tuple[int, int] | None, scales: tuple[float, float] | None) -> bool:
    """The align_corners of PyTorch's bilinear that places the source pixels where ONNX's linear
    `coordinates` does, or _Refused. Given scales, ONNX's align_corners steps by (in − 1)/(in·scale − 1),
    unrounded, where PyTorch steps by (in − 1)/(out − 1): the same for whole-number scales. For an output
    side of 1, pytorch_half_pixel takes the first pixel where PyTorch now takes the middle one."""
    if coordinates == "align_corners" and (size or all(float(scale).is_integer() for scale in scales)):
        return True
    if coordinates == "half_pixel":
        return False
    if coordinates == "pytorch_half_pixel" and (1 not in size if size else min(scales) >= 1):
        return False
    raise _Refused(f'linear with coordinate_transformation_mode "{coordinates}"'
                   + (f" to sizes {list(size)}" if size else f" at scales {list(scales)}")
                   + ": PyTorch's bilinear places its source pixels otherwise")


def resize(attributes: dict, constants: Constants) -> Upsample:
    """Opset 11 on: nearest and linear where PyTorch's interpolate computes the same pixels."""
    mode = _text(attributes, "mode", "nearest")
    if mode not in ("nearest", "linear"):
        raise _Refused(f'mode "{mode}": the engine\'s upsample has nearest and bilinear')
    if attributes.get("antialias", 0):
        raise _Refused("antialias 1: the engine's upsample samples without a low-pass filter")
    policy = _text(attributes, "keep_aspect_ratio_policy", "stretch")
    if policy != "stretch":
        raise _Refused(f'keep_aspect_ratio_policy "{policy}" picks the size from the input\'s, which a layer '
                       f'setting cannot')
    sizes, scales = _optional(constants, 3), _optional(constants, 2)
    if sizes is None and scales is None:
        raise _Refused("neither scales nor sizes is a constant")
    axes = attributes.get("axes")
    size = None if sizes is None else tuple(int(v) for v in _spatial_factors(sizes, axes, "sizes"))
    scale = None if size else tuple(float(v) for v in _spatial_factors(scales, axes, "scales"))
    coordinates = _text(attributes, "coordinate_transformation_mode", "half_pixel")
    if mode == "linear":
        corners = _bilinear_corners(coordinates, size, scale)
        return Upsample(size=size, scale=scale, mode="bilinear", align_corners=corners)
    rounding = _text(attributes, "nearest_mode", "round_prefer_floor")
    if not _nearest_is_pytorchs(coordinates, rounding, scale):
        raise _Refused(f'nearest with coordinate_transformation_mode "{coordinates}" and nearest_mode '
                       f'"{rounding}"' + ("" if size else f" at scales {list(scale)}")
                       + ": PyTorch's nearest takes floor(d / scale)")
    return Upsample(size=size, scale=scale)


def _upsample(mode: str, scales: Sequence[float]) -> Upsample:
    if mode != "nearest":
        raise _Refused(f'mode "{mode}": Upsample\'s linear maps pixel d to d / scale, where PyTorch\'s '
                       f'bilinear maps it to (d + 0.5) / scale - 0.5, or uses the corners')
    scale = _spatial_factors(scales, None, "scales")
    return Upsample(scale=(float(scale[0]), float(scale[1])))


def upsample_scales_attribute(attributes: dict, constants: Constants) -> Upsample:
    """Opsets 7-8: the scales are an attribute."""
    return _upsample(_text(attributes, "mode", "nearest"), attributes["scales"])


def upsample(attributes: dict, constants: Constants) -> Upsample:
    """Opset 9 on: the scales are an input."""
    return _upsample(_text(attributes, "mode", "nearest"), _constant(constants, 1, "scales").tolist())


# --- Fully connected -------------------------------------------------------------------------------------

def gemm(attributes: dict, constants: Constants) -> Dense:
    """alpha·A·B + beta·C with A the batch (N, K): alpha and beta are folded into the weight and bias."""
    if attributes.get("transA", 0):
        raise _Refused("transA 1: the batch would run along A's second axis")
    b = _constant(constants, 1, "B")
    weight = b if attributes.get("transB", 0) else b.T  # (out, in)
    alpha, beta = attributes.get("alpha", 1.0), attributes.get("beta", 1.0)
    if alpha != 1:
        weight = weight * np.asarray(alpha, b.dtype)
    c = _optional(constants, 2)
    if c is None or beta == 0:
        return Dense(np.ascontiguousarray(weight))
    out = weight.shape[0]
    if c.ndim > 2 or (c.ndim == 2 and c.shape[0] != 1) or (c.ndim and c.shape[-1] not in (1, out)):
        raise _Refused(f"C of shape {list(c.shape)}: a bias per sample; the engine's dense has one per output")
    bias = np.broadcast_to(c.reshape(-1) if c.ndim else c, (out,))
    if beta != 1:
        bias = bias * np.asarray(beta, c.dtype)
    return Dense(np.ascontiguousarray(weight), np.array(bias))


def matmul(attributes: dict, constants: Constants) -> Dense:
    b = _constant(constants, 1, "B")
    if b.ndim != 2:
        raise _Refused(f"B of shape {list(b.shape)}: the engine's dense multiplies by one matrix")
    return Dense(np.ascontiguousarray(b.T))


# --- The table -------------------------------------------------------------------------------------------

# op_type -> {the opset where a meaning began: its builder}. Call them through layer_for, which picks the
# version and names the operator in Unsupported.
NODES: dict[str, dict[int, Builder]] = {
    "Relu": {1: _always(Activation("relu"))},
    "Sigmoid": {1: _always(Activation("sigmoid"))},
    "Tanh": {1: _always(Activation("tanh"))},
    "HardSwish": {14: _always(Activation("hardswish"))},
    "Softplus": {1: _always(Activation("softplus"))},  # PyTorch's x above 20: log(1 + e^x) to float32's digits
    "Identity": {1: _always(Activation("identity"))},
    "Erf": {9: _always(Activation("erf"))},
    "LeakyRelu": {1: leaky_relu},
    "Elu": {1: elu},
    "Selu": {1: selu},
    "HardSigmoid": {1: hard_sigmoid},
    "Gelu": {20: gelu},
    "Softmax": {1: _softmax_2d("softmax"), 13: _softmax("softmax")},
    "LogSoftmax": {1: _softmax_2d("log_softmax"), 13: _softmax("log_softmax")},
    "PRelu": {1: prelu_per_channel, 7: prelu},
    "Clip": {1: clip_attributes, 11: clip},
    "Conv": {1: conv},
    "ConvTranspose": {1: conv_transpose},
    "MaxPool": {1: max_pool},
    "AveragePool": {1: average_pool},
    "GlobalAveragePool": {1: _always(GlobalPool("avg"))},
    "GlobalMaxPool": {1: _always(GlobalPool("max"))},
    "BatchNormalization": {1: batch_norm_is_test, 7: batch_norm},
    "LRN": {1: lrn},
    "Add": {1: _binary_legacy("add"), 7: _binary("add")},
    "Sub": {1: _binary_legacy("sub"), 7: _binary("sub")},
    "Mul": {1: _binary_legacy("mul"), 7: _binary("mul")},
    "Div": {1: _binary_legacy("div"), 7: _binary("div")},
    "Concat": {1: concat},
    "Flatten": {1: flatten},
    "Reshape": {5: reshape},
    "Dropout": {1: dropout_is_test, 7: dropout_ratio_attribute, 12: dropout},
    "Upsample": {7: upsample_scales_attribute, 9: upsample},
    "Resize": {11: resize},
    "Pad": {2: pad_attributes, 11: pad},
    "ReduceMean": {1: reduce_mean_attribute, 18: reduce_mean},
    "Gemm": {1: gemm},
    "MatMul": {1: matmul},
}
_ALL_DATA = ("Add", "Sub", "Mul", "Div", "Concat")  # every input is the layer's data; other operators: the first


def data_inputs(op_type: str, count: int) -> int:
    """How many of a node's `count` inputs are the layer's data (batches); the rest are its parameters."""
    return count if op_type in _ALL_DATA else min(count, 1)


def layer_for(op_type: str, attributes: dict, constants: Constants, *, opset: int, outputs: int = 1) -> Layer:
    """The engine's layer for one ONNX node, or Unsupported.

    attributes: name -> plain value; constants: one per input (None where not a constant);
    opset: the model's ai.onnx opset; outputs: how many of the node's outputs are used.
    """
    versions = NODES.get(op_type)
    if versions is None:
        raise Unsupported(op_type, "the engine has no layer that computes it")
    known = [since for since in versions if since <= opset]
    if not known:
        raise Unsupported(op_type, f"opset {opset}: this mapping reads it from opset {min(versions)} on")
    if outputs > 1:
        raise Unsupported(op_type, f"{outputs} of its outputs are used (Indices, mask or statistics); "
                                   f"an engine layer gives one")
    try:
        return versions[max(known)](attributes, constants)
    except _Refused as refusal:
        raise Unsupported(op_type, str(refusal)) from None
