"""Hypothesis strategies for the engine's convolution and pooling cases, written once for every test.

A case is what one call takes: (x, weight, bias, params) for conv2d(x, weight, bias, **params) or
conv_transpose2d(x, weight, bias, **params), and (x, params) for pool2d(x, **params). Pairs are
drawn as lists, as they arrive in JSON (torch_arg in tests/torch_reference.py gives PyTorch the
tuples it wants). Each test picks the values in the arrays (`values=`), because what suits one
check spoils another: finite differences need values without ties, the comparisons with PyTorch
want ties and exact zeros.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import numpy as np
from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from app.engine import ParameterError
from app.engine.conv import MODES as CONV_MODES
from app.engine.conv import conv_geometry
from app.engine.conv_transpose import conv_transpose_geometry
from app.engine.geometry import PADDING_MODES
from app.engine.pool import KINDS as POOL_KINDS
from app.engine.pool import pool_geometry

seeds = st.integers(0, 2**32 - 1)

Values = Callable[[tuple[int, ...]], st.SearchStrategy[np.ndarray]]


def int_or_pair(low: int, high: int) -> st.SearchStrategy[int | list[int]]:
    """An int, or a [height, width] list; each in [low, high]."""
    return st.one_of(st.integers(low, high), st.lists(st.integers(low, high), min_size=2, max_size=2))


@cache  # one strategy per shape: building a new one for every draw would double the drawing time
def normal_values(shape: tuple[int, ...]) -> st.SearchStrategy[np.ndarray]:
    """Standard normal values from a drawn seed: quick to draw, and no two equal."""
    return seeds.map(lambda seed: np.random.default_rng(seed).standard_normal(shape))


@cache  # one strategy per shape: building a new one for every draw would double the drawing time
def shrinkable_values(shape: tuple[int, ...]) -> st.SearchStrategy[np.ndarray]:
    """Floats in [-10, 10] drawn element by element, so that Hypothesis shrinks a failure to simple numbers."""
    return arrays(np.float64, shape, elements=st.floats(-10, 10, allow_nan=False, allow_subnormal=False, width=64))


@cache  # one strategy per shape: building a new one for every draw would double the drawing time
def tied_values(shape: tuple[int, ...]) -> st.SearchStrategy[np.ndarray]:
    """Whole numbers in [-2, 2]: tied maxima everywhere, for the rule that the first one wins."""
    return arrays(np.float64, shape, elements=st.sampled_from([-2.0, -1.0, 0.0, 1.0, 2.0]))


@cache  # one strategy per shape: building a new one for every draw would double the drawing time
def distinct_values(shape: tuple[int, ...]) -> st.SearchStrategy[np.ndarray]:
    """0, 0.01, 0.02, ... shuffled: no tie anywhere near a finite-difference step."""
    return seeds.map(lambda seed: np.random.default_rng(seed).permutation(np.prod(shape)).reshape(shape) * 0.01)


def _window_params(draw, max_padding: int, max_dilation: int, only_possible: bool) -> dict:
    """conv2d's stride, padding, dilation, padding_mode and mode."""
    padding = draw(st.one_of(int_or_pair(0, max_padding), st.sampled_from(["valid", "same"])))
    # "same" needs stride 1: always, for possible cases only; else three times in four
    if padding == "same" and (only_possible or draw(st.integers(0, 3))):
        stride = draw(st.sampled_from([1, [1, 1]]))
    else:
        stride = draw(int_or_pair(1, 3))
    return dict(stride=stride, padding=padding, dilation=draw(int_or_pair(1, max_dilation)),
                padding_mode=draw(st.sampled_from(PADDING_MODES)), mode=draw(st.sampled_from(CONV_MODES)))


@st.composite
def conv_cases(draw, *, max_side: int = 8, max_kernel: int = 4, max_padding: int = 3, max_dilation: int = 3,
               only_possible: bool = False, always_bias: bool = False, values: Values = normal_values):
    """(x, weight, bias, params): x (N, C, H, W), weight (F, C, KH, KW), bias (F,) or None.

    With only_possible, parameters conv2d refuses are assumed away; without it, some impossible ones
    come too, for the tests of refusals.
    """
    n, c, f = draw(st.integers(1, 2)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    h, w = draw(st.integers(1, max_side)), draw(st.integers(1, max_side))
    kh, kw = draw(st.integers(1, max_kernel)), draw(st.integers(1, max_kernel))
    params = _window_params(draw, max_padding, max_dilation, only_possible)
    if only_possible:
        try:
            conv_geometry((n, c, h, w), (f, c, kh, kw), **params)
        except ParameterError:
            assume(False)
    x, weight = draw(values((n, c, h, w))), draw(values((f, c, kh, kw)))
    bias = draw(values((f,))) if always_bias or draw(st.booleans()) else None
    return x, weight, bias, params


@st.composite
def grouped_conv_cases(draw, *, max_groups: int = 4, max_side: int = 7, max_kernel: int = 4, max_padding: int = 3,
                       max_dilation: int = 3, values: Values = normal_values):
    """(x, weight, bias, params) conv2d takes, params with groups: x (N, C, H, W), weight (F, C/groups, KH, KW),
    bias (F,) or None. One or two channels per group (one: depthwise, when groups > 1) and one to three
    filters per group; parameters conv2d refuses are assumed away."""
    groups = draw(st.integers(1, max_groups))
    n, depth, per_group = draw(st.integers(1, 2)), draw(st.integers(1, 2)), draw(st.integers(1, 3))
    c, f = groups * depth, groups * per_group
    h, w = draw(st.integers(1, max_side)), draw(st.integers(1, max_side))
    kh, kw = draw(st.integers(1, max_kernel)), draw(st.integers(1, max_kernel))
    params = {**_window_params(draw, max_padding, max_dilation, only_possible=True), "groups": groups}
    try:
        conv_geometry((n, c, h, w), (f, depth, kh, kw), **params)
    except ParameterError:
        assume(False)
    x, weight = draw(values((n, c, h, w))), draw(values((f, depth, kh, kw)))
    bias = draw(values((f,))) if draw(st.booleans()) else None
    return x, weight, bias, params


@st.composite
def conv_transpose_cases(draw, *, max_groups: int = 3, max_side: int = 5, max_kernel: int = 4, max_stride: int = 3,
                         max_padding: int = 3, max_dilation: int = 3, only_possible: bool = False,
                         values: Values = normal_values):
    """(x, weight, bias, params) for conv_transpose2d(x, weight, bias, **params): x (N, C, H, W),
    weight (C, F/groups, KH, KW), bias (F,) or None; params stride, padding, output_padding, dilation
    and groups. Output paddings mostly below the larger of stride and dilation, as PyTorch allows.

    With only_possible, parameters conv_transpose2d refuses are assumed away; without it, some
    impossible ones come too (paddings that crop everything, output paddings too large).
    """
    groups = draw(st.integers(1, max_groups))
    n, depth, per_group = draw(st.integers(1, 2)), draw(st.integers(1, 2)), draw(st.integers(1, 2))
    h, w = draw(st.integers(1, max_side)), draw(st.integers(1, max_side))
    kh, kw = draw(st.integers(1, max_kernel)), draw(st.integers(1, max_kernel))
    stride, dilation = draw(int_or_pair(1, max_stride)), draw(int_or_pair(1, max_dilation))
    (sh, sw), (dh, dw) = ((v, v) if isinstance(v, int) else v for v in (stride, dilation))
    allowed = int_or_pair(0, min(max(sh, dh), max(sw, dw)) - 1)  # within PyTorch's limit on both axes
    output_padding = draw(allowed if only_possible else st.one_of(allowed, allowed, allowed, int_or_pair(0, 3)))
    params = dict(stride=stride, padding=draw(int_or_pair(0, max_padding)), output_padding=output_padding,
                  dilation=dilation, groups=groups)
    c = groups * depth
    if only_possible:
        try:
            conv_transpose_geometry((n, c, h, w), (c, per_group, kh, kw), **params)
        except ParameterError:
            assume(False)
    x, weight = draw(values((n, c, h, w))), draw(values((c, per_group, kh, kw)))
    bias = draw(values((groups * per_group,))) if draw(st.booleans()) else None
    return x, weight, bias, params


@st.composite
def pool_cases(draw, *, max_size: int = 4, max_padding: int = 2, max_side: int = 8, max_channels: int = 3,
               only_possible: bool = False, modes: bool = False, values: Values = normal_values):
    """(x, params): x (N, C, H, W); params kind, size, stride (None: the size) and padding.

    With only_possible, parameters pool2d refuses are assumed away. Without it, most paddings stay
    within half the window, the most PyTorch allows, and the rest may go past it.
    With modes, params also hold ceil_mode, dilation and count_include_pad: dilation is drawn for max
    pooling and count_include_pad for avg, and without only_possible each sometimes comes to the
    other kind too, to be refused.
    """
    kind, size = draw(st.sampled_from(POOL_KINDS)), draw(int_or_pair(1, max_size))
    stride = draw(st.one_of(st.none(), int_or_pair(1, 3)))
    paddings = int_or_pair(0, max_padding)
    if not only_possible:
        half = (size if isinstance(size, int) else min(size)) // 2
        paddings = st.one_of(st.just(0), int_or_pair(0, half), int_or_pair(0, half), paddings)
    padding = draw(paddings)
    shape = (draw(st.integers(1, 2)), draw(st.integers(1, max_channels)),
             draw(st.integers(1, max_side)), draw(st.integers(1, max_side)))
    params = dict(kind=kind, size=size, stride=stride, padding=padding)
    if modes:
        wrong_kind = not only_possible and draw(st.integers(0, 7)) == 0  # one draw in eight
        dilated = kind == "max" or wrong_kind
        params.update(ceil_mode=draw(st.booleans()),
                      dilation=draw(int_or_pair(1, 3)) if dilated else draw(st.sampled_from([1, [1, 1]])),
                      count_include_pad=draw(st.booleans()) if kind == "avg" or wrong_kind else True)
    if only_possible:
        try:
            pool_geometry(shape, **{k: v for k, v in params.items() if k != "count_include_pad"})
        except ParameterError:
            assume(False)
    return draw(values(shape)), params
