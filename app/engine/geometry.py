"""Sliding-window geometry shared by convolution and pooling: sizes, padding and their checks.

The output-size rule lives here and nowhere else:

    O = floor((I + P_before + P_after - D*(K - 1) - 1) / S) + 1

and in pooling's ceil mode (PyTorch's rule), which lets a last, partial window run past the end:

    O = ceil((I + P_before + P_after - D*(K - 1) - 1) / S) + 1, less one if (O - 1)*S >= I + P_before
"""

from __future__ import annotations

from typing import Literal, NamedTuple

Pair = tuple[int, int]
IntOrPair = int | Pair | list[int]
PADDING_MODES = ("zeros", "reflect", "replicate", "circular")
PADDING_WORDS = ("valid", "same")  # padding by name instead of by number
Padding = int | Pair | list[int] | tuple[int, int, int, int] | Literal[PADDING_WORDS]


class ParameterError(ValueError):
    """A parameter that cannot work; `param` names it (engine argument names match API fields)."""

    def __init__(self, param: str, message: str):
        super().__init__(message)
        self.param = param
        self.message = message


def output_size(size: int, kernel: int, stride: int = 1, pad_before: int = 0,
                pad_after: int | None = None, dilation: int = 1, ceil_mode: bool = False) -> int:
    """Number of window positions along one axis (PyTorch's floor or ceil rule); < 1 means none fit."""
    if pad_after is None:
        pad_after = pad_before
    span = size + pad_before + pad_after - dilation * (kernel - 1) - 1  # room for the window to slide
    if not ceil_mode:
        return span // stride + 1
    out = -(-span // stride) + 1
    # The last window must start inside the input or the left padding, never in the right padding.
    return out - 1 if (out - 1) * stride >= size + pad_before else out


def as_pair(value: IntOrPair, param: str, minimum: int) -> Pair:
    """An int or a pair of ints -> (h, w), each checked against `minimum`."""
    # The common cases, met on every request, first: a plain int, or a pair checked before.
    if type(value) is int and value >= minimum:
        return value, value
    if type(value) is tuple and len(value) == 2 and type(value[0]) is int and type(value[1]) is int \
            and min(value) >= minimum:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        pair = (value, value)
    elif isinstance(value, (tuple, list)) and len(value) == 2 and all(
            isinstance(v, int) and not isinstance(v, bool) for v in value):
        pair = (int(value[0]), int(value[1]))
    else:
        raise ParameterError(param, f"{param} must be an integer or a pair of integers [h, w]")
    if min(pair) < minimum:
        got = value if isinstance(value, int) else list(pair)
        raise ParameterError(param, f"{param} must be at least {minimum} (got {got})")
    return pair


class WindowGeometry(NamedTuple):
    """Where a (dilated, strided) window slides over a padded 2-D input.

    A named tuple rather than a frozen dataclass: built for every operation, it costs a third as
    much to make (0.3-0.5 µs against 0.9-1.1).
    """

    in_h: int
    in_w: int
    kernel: Pair
    stride: Pair
    dilation: Pair
    pads: tuple[int, int, int, int]  # (top, bottom, left, right)
    out: Pair  # window positions (OH, OW), from output_size: read several times by every operation

    @property
    def padded(self) -> Pair:
        top, bottom, left, right = self.pads
        return self.in_h + top + bottom, self.in_w + left + right

    @property
    def extent(self) -> Pair:
        """Size of the dilated window on the padded input."""
        (kh, kw), (dh, dw) = self.kernel, self.dilation
        return dh * (kh - 1) + 1, dw * (kw - 1) + 1

    @property
    def overhang(self) -> Pair:
        """Rows and columns the last windows run past the padded input: ceil mode's partial windows, else 0."""
        (oh, ow), (sh, sw), (kh, kw), (dh, dw) = self.out, self.stride, self.kernel, self.dilation
        top, bottom, left, right = self.pads  # inlined extent and padded: pooling asks on every call
        over_h = (oh - 1) * sh + dh * (kh - 1) + 1 - (self.in_h + top + bottom)
        over_w = (ow - 1) * sw + dw * (kw - 1) + 1 - (self.in_w + left + right)
        return max(0, over_h), max(0, over_w)


def resolve_padding(padding: Padding, kernel: Pair, stride: Pair, dilation: Pair) -> tuple[int, int, int, int]:
    """padding (int, pair, (top, bottom, left, right), "valid" or "same") -> (top, bottom, left, right).

    "same" splits D*(K-1) per axis with the odd pixel at the bottom/right, as PyTorch does.
    """
    if padding == "valid":
        return 0, 0, 0, 0
    if padding == "same":
        if stride != (1, 1):
            raise ParameterError("padding", f'padding "same" needs stride 1 (got stride {list(stride)})')
        total_h, total_w = dilation[0] * (kernel[0] - 1), dilation[1] * (kernel[1] - 1)
        return total_h // 2, total_h - total_h // 2, total_w // 2, total_w - total_w // 2
    if isinstance(padding, str):
        raise ParameterError("padding", f'padding must be an integer, a pair, "valid" or "same" (got "{padding}")')
    if isinstance(padding, (tuple, list)) and len(padding) == 4:  # each side its own (an imported model's)
        if not all(type(side) is int and side >= 0 for side in padding):
            raise ParameterError("padding", f"padding's four sides must be integers of at least 0 (got "
                                            f"{list(padding)})")
        return tuple(padding)
    ph, pw = as_pair(padding, "padding", minimum=0)
    return ph, ph, pw, pw


def window_geometry(in_hw: Pair, kernel_hw: Pair, stride: IntOrPair = 1, padding: Padding = 0,
                    dilation: IntOrPair = 1, padding_mode: str = "zeros", window: str = "kernel",
                    ceil_mode: bool = False) -> WindowGeometry:
    """Check every sliding-window parameter against the input size and return the geometry.

    `window` names the parameter that sets the window's size: "kernel", or pooling's "size".
    `ceil_mode` (pooling) keeps a last, partial window; the cells it runs past the padded input
    (WindowGeometry.overhang) count as padding.
    """
    if type(ceil_mode) is not bool:
        raise ParameterError("ceil_mode", f"ceil_mode must be true or false (got {ceil_mode!r})")
    stride_hw = as_pair(stride, "stride", minimum=1)
    dilation_hw = as_pair(dilation, "dilation", minimum=1)
    if padding_mode not in PADDING_MODES:
        raise ParameterError("padding_mode", f"padding_mode must be one of {', '.join(PADDING_MODES)} "
                                             f'(got "{padding_mode}")')
    pads = resolve_padding(padding, kernel_hw, stride_hw, dilation_hw)
    top, bottom, left, right = pads
    out = (output_size(in_hw[0], kernel_hw[0], stride_hw[0], top, bottom, dilation_hw[0], ceil_mode),
           output_size(in_hw[1], kernel_hw[1], stride_hw[1], left, right, dilation_hw[1], ceil_mode))
    geometry = WindowGeometry(in_hw[0], in_hw[1], kernel_hw, stride_hw, dilation_hw, pads, out)
    _check_padding_mode(geometry, padding_mode)
    if out[0] < 1 or out[1] < 1:  # in floor mode: the window is larger than the padded input
        (ph, pw), (eh, ew) = geometry.padded, geometry.extent
        noun = "kernel" if window == "kernel" else "window"
        what = f"dilated {noun}" if dilation_hw != (1, 1) else noun
        message = f"the {what} ({eh}×{ew}) is larger than the padded input ({ph}×{pw})"
        if ceil_mode:
            (sh, sw) = stride_hw
            message += f" by more than ceil mode allows (stride - 1: {sh - 1}×{sw - 1})"
        raise ParameterError(window, message)
    return geometry


def _check_padding_mode(geometry: WindowGeometry, padding_mode: str) -> None:
    """PyTorch's limits: reflect needs pad < size, circular needs pad <= size."""
    if padding_mode not in ("reflect", "circular"):
        return
    top, bottom, left, right = geometry.pads
    for pad, size, axis in ((max(top, bottom), geometry.in_h, "height"), (max(left, right), geometry.in_w, "width")):
        if padding_mode == "reflect" and pad >= size:
            raise ParameterError("padding", f"reflect padding must be smaller than the input {axis} "
                                            f"(padding {pad}, {axis} {size})")
        if padding_mode == "circular" and pad > size:
            raise ParameterError("padding", f"circular padding cannot exceed the input {axis} "
                                            f"(padding {pad}, {axis} {size})")
