"""Pooling's modes (ceil mode, dilated max pooling, count_include_pad) and global and adaptive pooling,
against loop definitions, hand-worked cases and, where PyTorch is installed, PyTorch itself."""

import importlib.util
import math

import numpy as np
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from app.engine import ParameterError, global_avg_pool, output_size, pool2d, pool_geometry, pool_trace
from app.engine.adaptive_pool import adaptive_avg_pool2d, adaptive_pool_size
from app.engine.grad import pool2d_backward
from app.engine.pool import global_pool

from ..strategies import distinct_values, normal_values, pool_cases, seeds, tied_values

needs_torch = pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="PyTorch is not installed")


def _pair(value):
    return (value, value) if isinstance(value, int) else tuple(value)


def ceil_or_floor_size(size, kernel, stride, pad, dilation, ceil_mode):
    """PyTorch's pooling output size along one axis, written out as its docs give it."""
    span = size + 2 * pad - dilation * (kernel - 1) - 1
    if not ceil_mode:
        return span // stride + 1
    out = math.ceil(span / stride) + 1
    return out - 1 if (out - 1) * stride >= size + pad else out  # the last window must start before the right pad


def pool_twin(x, kind, size, stride=None, padding=0, ceil_mode=False, dilation=1, count_include_pad=True):
    """Loop definition, window by window, as PyTorch's CPU kernels read it.

    Max: the input cells under the dilated window, the first strictly larger value winning, in row-major
    order. Avg: the input cells added row by row, divided by the window's cells inside the padded input
    (count_include_pad) or inside the input; cells past the padded input (ceil mode) never count.
    -> (output (N, C, OH, OW), winners (N, C, OH, OW, 2) or None)
    """
    (kh, kw), (ph, pw), (dh, dw) = _pair(size), _pair(padding), _pair(dilation)
    sh, sw = _pair(size if stride is None else stride)
    n, c, h, w = x.shape
    oh = ceil_or_floor_size(h, kh, sh, ph, dh, ceil_mode)
    ow = ceil_or_floor_size(w, kw, sw, pw, dw, ceil_mode)
    out = np.zeros((n, c, oh, ow))
    winners = np.zeros((n, c, oh, ow, 2), dtype=np.int64)
    for a, b, i, j in np.ndindex(n, c, oh, ow):
        best, where, total, inside, padded = -np.inf, None, 0.0, 0, 0
        for m, k in np.ndindex(kh, kw):
            r, col = i * sh - ph + m * dh, j * sw - pw + k * dw
            padded += -ph <= r < h + ph and -pw <= col < w + pw
            if 0 <= r < h and 0 <= col < w:
                inside += 1
                total += x[a, b, r, col]
                if where is None or x[a, b, r, col] > best:
                    best, where = x[a, b, r, col], (r, col)
        assert inside, "every window holds an input cell"
        if kind == "max":
            out[a, b, i, j], winners[a, b, i, j] = best, where
        else:
            out[a, b, i, j] = total / (padded if count_include_pad else inside)
    return out, winners if kind == "max" else None


def refusals(x_shape, kind, size, stride=None, padding=0, ceil_mode=False, dilation=1, count_include_pad=True):
    """The parameters a pooling call is wrong in, by PyTorch's rules plus the engine's one of its own."""
    (kh, kw), (ph, pw), (dh, dw) = _pair(size), _pair(padding), _pair(dilation)
    sh, sw = _pair(size if stride is None else stride)
    h, w = x_shape[2:]
    wrong = set()
    if ph > kh // 2 or pw > kw // 2:
        wrong.add("padding")
    if kind == "avg" and (dh, dw) != (1, 1):
        wrong.add("dilation")
    if kind == "max" and not count_include_pad:
        wrong.add("count_include_pad")
    oh, ow = ceil_or_floor_size(h, kh, sh, ph, dh, ceil_mode), ceil_or_floor_size(w, kw, sw, pw, dw, ceil_mode)
    if oh < 1 or ow < 1:
        return wrong | {"size"}
    # The engine's own: a dilated window over padding alone (PyTorch answers -inf there).
    rows_missed = any(all(not 0 <= i * sh - ph + m * dh < h for m in range(kh)) for i in range(oh))
    cols_missed = any(all(not 0 <= j * sw - pw + k * dw < w for k in range(kw)) for j in range(ow))
    return wrong | {"dilation"} if rows_missed or cols_missed else wrong


def ties_or_normal(shape):
    return st.one_of(tied_values(shape), normal_values(shape))


# --- the output size ------------------------------------------------------------------------------

@given(st.integers(1, 12), st.integers(1, 5), st.integers(1, 4), st.integers(0, 2), st.integers(1, 3))
def test_ceil_mode_counts_every_window_that_starts_before_the_right_padding(size, kernel, stride, pad, dilation):
    pad = min(pad, kernel // 2)  # pooling's limit
    extent, padded = dilation * (kernel - 1) + 1, size + 2 * pad
    # Starts 0, s, 2s, ...: each while the window one stride earlier stopped short of the padded end.
    count = 0
    while count * stride - stride + extent < padded and count * stride < size + pad:
        count += 1
    assert max(0, output_size(size, kernel, stride, pad, pad, dilation, ceil_mode=True)) == count
    floor = output_size(size, kernel, stride, pad, pad, dilation)
    assert output_size(size, kernel, stride, pad, pad, dilation, ceil_mode=True) - floor in (0, 1)


def test_ceil_mode_adds_a_last_partial_window():
    # 5 cells, window 2, stride 2: floor mode has [0 1] [2 3]; ceil mode adds [4 ·].
    assert output_size(5, 2, 2) == 2
    assert output_size(5, 2, 2, ceil_mode=True) == 3


def test_ceil_mode_takes_back_a_window_that_would_start_in_the_right_padding():
    # 2 cells padded by 1: [· 0 1 ·], window 2, stride 3: rounding up gives 2 windows, the second
    # starting on the right padding, so PyTorch keeps only [· 0].
    assert output_size(2, 2, 3, 1, 1, ceil_mode=True) == 1


# --- pool2d against the loop definition -----------------------------------------------------------

@given(pool_cases(only_possible=True, modes=True, values=ties_or_normal))
def test_pool2d_equals_the_loop_definition_in_every_mode(case):
    x, params = case
    expected, winners = pool_twin(x, **params)
    result = pool2d(x, **params)
    np.testing.assert_array_equal(result.output, expected)  # the same additions, in the same order
    if params["kind"] == "max":
        np.testing.assert_array_equal(result.winners, winners)
    else:
        assert result.winners is None
    np.testing.assert_array_equal(pool2d(x, **params, winners=False).output, result.output)


@given(pool_cases(modes=True))
def test_pool2d_refuses_exactly_the_impossible_parameters(case):
    x, params = case
    wrong = refusals(x.shape, **params)
    if not wrong:
        pool2d(x, **params)
        return
    event(f"refused for {sorted(wrong)}")
    with pytest.raises(ParameterError) as error:
        pool2d(x, **params)
    assert error.value.param in wrong


@given(pool_cases(max_channels=2, only_possible=True, modes=True, values=ties_or_normal))
def test_pool_trace_shows_each_window_in_every_mode(case):
    x, params = case
    trace = pool_trace(x[0], **params)
    result = pool2d(x[:1], **params)
    np.testing.assert_array_equal(trace.value, result.output.reshape(-1))
    top, bottom, left, right = trace.pads
    assert trace.padded_input.shape == (x.shape[1], x.shape[2] + top + bottom, x.shape[3] + left + right)
    channel = trace.cell[:, 0]
    # Every window's cells, read from the padded input at its rows and columns.
    np.testing.assert_array_equal(
        trace.values, trace.padded_input[channel[:, None, None], trace.rows[:, :, None], trace.cols[:, None, :]])
    if params["kind"] == "max":
        r, c = trace.winner.T
        np.testing.assert_array_equal(trace.padded_input[channel, r, c], trace.value)
        assert trace.divisor is None
    else:
        np.testing.assert_allclose(trace.sum / trace.divisor, trace.value, rtol=1e-12)  # sums in NumPy's order
        assert trace.count is None or np.all(trace.divisor == trace.count)


# --- hand-worked cases -----------------------------------------------------------------------------

def test_ceil_mode_keeps_the_partial_windows_of_max_pooling():
    # [[1 2 | 3]
    #  [4 5 | 6]     2×2 windows, stride 2: floor mode keeps only the full window, max 5;
    #  [----+--]     ceil mode adds the partial ones: [[5 6]
    #  [7 8 | 9]]                                      [8 9]]
    x = np.arange(1.0, 10.0).reshape(1, 1, 3, 3)
    np.testing.assert_array_equal(pool2d(x, "max", 2).output[0, 0], [[5]])
    result = pool2d(x, "max", 2, ceil_mode=True)
    np.testing.assert_array_equal(result.output[0, 0], [[5, 6], [8, 9]])
    np.testing.assert_array_equal(result.winners[0, 0], [[[1, 1], [1, 2]], [[2, 1], [2, 2]]])


def test_ceil_mode_avg_counts_padding_but_not_the_cells_past_it():
    # [1 2 3 4 5 6] padded by 1: [0 | 1 2 3 4 5 6 | 0], windows of 3, stride 2, ceil mode:
    #   [0 1 2]  [2 3 4]  [4 5 6]  [6 0 ·]
    # count_include_pad: divide by the cells in the padded input: 3, 3, 3, 2 -> 1, 3, 5, 3
    # without it, by the input cells alone: 2, 3, 3, 1 -> 1.5, 3, 5, 6
    x = np.arange(1.0, 7.0).reshape(1, 1, 1, 6)
    params = dict(size=(1, 3), stride=(1, 2), padding=(0, 1), ceil_mode=True)
    np.testing.assert_array_equal(pool2d(x, "avg", **params).output[0, 0, 0], [1, 3, 5, 3])
    np.testing.assert_array_equal(pool2d(x, "avg", **params, count_include_pad=False).output[0, 0, 0],
                                  [1.5, 3, 5, 6])


def test_avg_without_count_include_pad_divides_by_the_input_cells():
    # [[1 2] [3 4]] padded by 1 with 2×2 windows, stride 2: each window holds one input cell and three
    # zeros; counting only the input cell gives back the input (with the zeros counted: 1/4, 2/4, ...).
    x = np.array([[1.0, 2.0], [3.0, 4.0]])[None, None]
    np.testing.assert_array_equal(pool2d(x, "avg", 2, padding=1, count_include_pad=False).output[0, 0],
                                  [[1, 2], [3, 4]])


def test_dilated_max_pooling_reads_every_other_cell():
    # 4×4 input 0..15, 2×2 window with dilation 2, stride 1: window (i, j) reads rows i, i+2 and columns
    # j, j+2, so its maximum is always the bottom-right tap x[i+2, j+2].
    x = np.arange(16.0).reshape(1, 1, 4, 4)
    result = pool2d(x, "max", 2, stride=1, dilation=2)
    np.testing.assert_array_equal(result.output[0, 0], [[10, 11], [14, 15]])
    np.testing.assert_array_equal(result.winners[0, 0], [[[2, 2], [2, 3]], [[3, 2], [3, 3]]])


def test_dilated_max_pooling_ties_go_to_the_first_tap():
    # [[1 0 1]
    #  [0 0 0]    2×2 window, dilation 2: the taps are the four corners, all 1; the first, (0, 0), wins.
    #  [1 0 1]]
    x = np.array([[1.0, 0, 1], [0, 0, 0], [1, 0, 1]])[None, None]
    np.testing.assert_array_equal(pool2d(x, "max", 2, dilation=2).winners[0, 0, 0, 0], [0, 0])


def test_ceil_mode_allows_a_window_larger_than_the_input_by_less_than_a_stride():
    # 3×3 input, 4×4 window, stride 2: floor mode finds no window; ceil mode keeps the one at (0, 0),
    # its last row and column past the input, as PyTorch does.
    x = np.arange(9.0).reshape(1, 1, 3, 3)
    with pytest.raises(ParameterError):
        pool2d(x, "max", 4, stride=2)
    result = pool2d(x, "max", 4, stride=2, ceil_mode=True)
    np.testing.assert_array_equal(result.output[0, 0], [[8]])
    np.testing.assert_array_equal(result.winners[0, 0, 0, 0], [2, 2])
    np.testing.assert_array_equal(pool2d(x, "avg", 4, stride=2, ceil_mode=True).output[0, 0], [[36 / 9]])


def test_ceil_mode_avg_trace_shows_each_windows_divisor():
    # [1 2 3 4 5], windows of 2, stride 2, ceil mode: [1 2] [3 4] [5 ·]; the last divides by 1
    trace = pool_trace(np.arange(1.0, 6.0).reshape(1, 1, 5), "avg", (1, 2), ceil_mode=True)
    assert trace.pads == (0, 0, 0, 1)  # the overhang shows as padding
    np.testing.assert_array_equal(trace.padded_input[0, 0], [1, 2, 3, 4, 5, 0])
    np.testing.assert_array_equal(trace.divisor, [2, 2, 1])
    np.testing.assert_array_equal(trace.value, [1.5, 3.5, 5])
    assert trace.count is None  # the windows do not share one divisor


def test_avg_trace_keeps_one_count_when_every_window_shares_it():
    trace = pool_trace(np.arange(16.0).reshape(1, 4, 4), "avg", 2, ceil_mode=True)  # 4 = 2·2: no partial window
    assert trace.count == 4
    np.testing.assert_array_equal(trace.divisor, [4, 4, 4, 4])


def test_max_trace_with_dilation_marks_the_winner_on_the_padded_input():
    x = np.arange(16.0).reshape(1, 4, 4)
    trace = pool_trace(x, "max", 3, stride=1, padding=1, dilation=2)
    assert trace.padded_input.shape == (1, 6, 6)
    np.testing.assert_array_equal(trace.rows[0], [0, 2, 4])  # the taps, two apart
    for step, (r, c) in enumerate(trace.winner):
        assert r in trace.rows[step] and c in trace.cols[step]
        assert trace.padded_input[0, r, c] == trace.value[step]


def test_float32_stays_float32_whatever_the_divisor():
    x = np.ones((1, 1, 5, 5), dtype=np.float32)
    assert pool2d(x, "avg", 2, ceil_mode=True).output.dtype == np.float32
    assert pool2d(x, "avg", 3, padding=1, count_include_pad=False).output.dtype == np.float32
    dy = np.ones((1, 1, 3, 3), dtype=np.float32)
    assert pool2d_backward(dy, x.shape, "avg", 2, ceil_mode=True).dtype == np.float32


def test_the_defaults_keep_todays_answers():
    x = np.random.default_rng(0).standard_normal((2, 3, 9, 8))
    for kind in ("max", "avg"):
        old = pool2d(x, kind, 3, 2, 1)
        new = pool2d(x, kind, 3, 2, 1, ceil_mode=False, dilation=1, count_include_pad=True)
        np.testing.assert_array_equal(new.output, old.output)
        assert pool_geometry(x.shape, kind, 3, 2, 1) == pool_geometry(x.shape, kind, 3, 2, 1, False, 1)


# --- each refusal ------------------------------------------------------------------------------------

def _refusal(*args, **kwargs) -> ParameterError:
    with pytest.raises(ParameterError) as error:
        pool2d(*args, **kwargs)
    return error.value


def test_dilation_with_avg_pooling_is_refused():
    error = _refusal(np.ones((1, 1, 5, 5)), "avg", 2, dilation=2)
    assert error.param == "dilation"
    assert str(error) == "dilation is for max pooling only (avg got [2, 2])"


def test_count_include_pad_off_with_max_pooling_is_refused():
    error = _refusal(np.ones((1, 1, 4, 4)), "max", 2, count_include_pad=False)
    assert error.param == "count_include_pad"
    assert str(error) == "count_include_pad is for average pooling only: max pooling never counts its padding"


def test_count_include_pad_must_be_a_bool():
    error = _refusal(np.ones((1, 1, 4, 4)), "avg", 2, count_include_pad=0)
    assert error.param == "count_include_pad"
    assert str(error) == "count_include_pad must be true or false (got 0)"


def test_ceil_mode_must_be_a_bool():
    error = _refusal(np.ones((1, 1, 4, 4)), "max", 2, ceil_mode="yes")
    assert error.param == "ceil_mode"
    assert str(error) == "ceil_mode must be true or false (got 'yes')"


def test_dilation_below_one_is_refused():
    error = _refusal(np.ones((1, 1, 4, 4)), "max", 2, dilation=[1, 0])
    assert error.param == "dilation"
    assert str(error) == "dilation must be at least 1 (got [1, 0])"


def test_a_dilated_window_larger_than_the_padded_input_is_refused():
    error = _refusal(np.ones((1, 1, 4, 4)), "max", 2, dilation=4)
    assert error.param == "size"
    assert str(error) == "the dilated window (5×5) is larger than the padded input (4×4)"


def test_ceil_mode_refuses_a_window_larger_than_the_input_by_a_stride():
    # 3×3 input, 5×5 window, stride 2: ceil mode allows 1 more than the padded input, not 2
    error = _refusal(np.ones((1, 1, 3, 3)), "max", 5, stride=2, ceil_mode=True)
    assert error.param == "size"
    assert str(error) == "the window (5×5) is larger than the padded input (3×3) by more than ceil mode allows " \
                         "(stride - 1: 1×1)"


def test_padding_over_half_the_undilated_window_is_refused():
    # dilation 3 widens a 2-cell window to 4 cells, but PyTorch's limit is half the window as given: 1
    error = _refusal(np.ones((1, 1, 6, 6)), "max", 2, padding=2, dilation=3)
    assert error.param == "padding"
    assert str(error) == "padding must be at most half the window size (padding [2, 2], size [2, 2])"


def test_a_dilated_window_over_padding_alone_is_refused():
    # [· 0 1 ·] (2 cells padded by 1), 2-cell window with dilation 3: its taps are the two padding cells.
    # PyTorch answers -inf with an index outside the input; the engine refuses instead.
    error = _refusal(np.ones((1, 1, 2, 2)), "max", 2, padding=1, dilation=3)
    assert error.param == "dilation"
    assert str(error) == ("dilation [3, 3] leaves window 0 along the height reading only padding "
                          "(positions [-1, 2] of an input 2 long)")


def test_trace_refuses_as_pool2d_does():
    with pytest.raises(ParameterError) as error:
        pool_trace(np.ones((1, 4, 4)), "max", 2, count_include_pad=False)
    assert error.value.param == "count_include_pad"


# --- backward ----------------------------------------------------------------------------------------

@given(pool_cases(max_size=3, max_side=6, max_channels=2, only_possible=True, modes=True, values=distinct_values),
       seeds)
def test_pool2d_backward_matches_finite_differences_in_every_mode(case, seed):
    x, params = case
    result = pool2d(x, **params)
    dy = np.random.default_rng(seed).standard_normal(result.output.shape)
    dx = pool2d_backward(dy, x.shape, **params, winners=result.winners)
    eps = 1e-6  # values are 0.01 apart, so a step this small moves no winner
    numeric = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[index] += eps
        down[index] -= eps
        numeric[index] = np.sum((pool2d(up, **params).output - pool2d(down, **params).output) * dy) / (2 * eps)
    np.testing.assert_allclose(dx, numeric, rtol=1e-6, atol=1e-8)


# --- PyTorch itself ----------------------------------------------------------------------------------

def torch_pool(x, kind, size, stride, padding, ceil_mode, dilation, count_include_pad):
    """F.max_pool2d (output, flat indices) or F.avg_pool2d (output, None), on float64."""
    import torch
    import torch.nn.functional as F

    def arg(value):
        return tuple(value) if isinstance(value, list) else value

    args = (torch.tensor(x), arg(size), arg(stride), arg(padding))
    if kind == "max":
        out, indices = F.max_pool2d(*args, dilation=arg(dilation), ceil_mode=ceil_mode, return_indices=True)
        return out.numpy(), indices.numpy()
    return F.avg_pool2d(*args, ceil_mode=ceil_mode, count_include_pad=count_include_pad).numpy(), None


@needs_torch
@given(pool_cases(modes=True, values=ties_or_normal))
def test_pool2d_equals_pytorch_in_every_mode(case):
    x, params = case
    if refusals(x.shape, **params) & {"count_include_pad", "dilation"}:
        # count_include_pad is no argument of F.max_pool2d, nor dilation of F.avg_pool2d; and where a dilated
        # window reads only padding, PyTorch answers -inf with an index outside the input
        event("refused by the engine alone")
        with pytest.raises(ParameterError):
            pool2d(x, **params)
        return
    try:
        expected, indices = torch_pool(x, **params)
    except (RuntimeError, ValueError):
        event("rejected by PyTorch")
        with pytest.raises(ParameterError):
            pool2d(x, **params)
        return
    result = pool2d(x, **params)
    np.testing.assert_array_equal(result.output, expected)
    if params["kind"] == "max":
        np.testing.assert_array_equal(result.winners[..., 0] * x.shape[3] + result.winners[..., 1], indices)


@needs_torch
@given(pool_cases(only_possible=True, modes=True, values=ties_or_normal), seeds)
def test_pool2d_backward_equals_autograd_in_every_mode(case, seed):
    import torch
    import torch.nn.functional as F

    x, params = case
    tx = torch.tensor(x, requires_grad=True)
    size, stride, padding, dilation = (tuple(v) if isinstance(v, list) else v for v in
                                       (params["size"], params["stride"], params["padding"], params["dilation"]))
    if params["kind"] == "max":
        out = F.max_pool2d(tx, size, stride, padding, dilation, params["ceil_mode"])
    else:
        out = F.avg_pool2d(tx, size, stride, padding, params["ceil_mode"], params["count_include_pad"])
    dy = np.random.default_rng(seed).standard_normal(tuple(out.shape))
    out.backward(torch.tensor(dy))
    dx = pool2d_backward(dy, x.shape, **params, winners=pool2d(x, **params).winners)
    np.testing.assert_allclose(dx, tx.grad.numpy(), rtol=1e-12, atol=1e-12)


@needs_torch
def test_pytorch_answers_minus_infinity_where_a_dilated_window_reads_only_padding():
    # Why the engine refuses such windows: [· 0 1 ·] with a 2-cell window dilated by 3 reads the two padding
    # cells, and PyTorch answers -inf with index 6, outside the 2×2 input.
    out, indices = torch_pool(np.ones((1, 1, 2, 2)), "max", 2, None, 1, False, 3, True)
    assert out.tolist() == [[[[-np.inf]]]] and indices.tolist() == [[[[6]]]]


# --- global and adaptive pooling ------------------------------------------------------------------------

def adaptive_twin(x, oh, ow):
    """Loop definition: window (i, j) spans rows [floor(i·H/OH), ceil((i+1)·H/OH)), columns likewise."""
    n, c, h, w = x.shape
    out = np.zeros((n, c, oh, ow))
    for i, j in np.ndindex(oh, ow):
        top, bottom = math.floor(i * h / oh), math.ceil((i + 1) * h / oh)
        left, right = math.floor(j * w / ow), math.ceil((j + 1) * w / ow)
        out[:, :, i, j] = x[:, :, top:bottom, left:right].sum(axis=(2, 3)) / ((bottom - top) * (right - left))
    return out


@given(st.integers(1, 2), st.integers(1, 3), st.integers(1, 12), st.integers(1, 12),
       st.one_of(st.none(), st.integers(1, 14)), st.one_of(st.none(), st.integers(1, 14)), st.booleans(), seeds)
def test_adaptive_avg_pool_equals_the_loop_definition(n, c, h, w, oh, ow, as_int, seed):
    x = np.random.default_rng(seed).standard_normal((n, c, h, w))
    output_size = (oh or 1) if as_int else [oh, ow]  # None keeps that side
    expected_hw = ((oh or 1), (oh or 1)) if as_int else (oh or h, ow or w)
    assert adaptive_pool_size((h, w), output_size) == expected_hw
    got = adaptive_avg_pool2d(x, output_size)
    np.testing.assert_allclose(got, adaptive_twin(x, *expected_hw), rtol=1e-12, atol=1e-14)  # running totals


@given(st.sampled_from(["max", "avg"]), st.integers(1, 2), st.integers(1, 3), st.integers(1, 9), st.integers(1, 9),
       seeds)
def test_global_pooling_is_the_whole_window(kind, n, c, h, w, seed):
    x = np.random.default_rng(seed).integers(-3, 4, (n, c, h, w)).astype(float)
    got = global_pool(x, kind)
    assert got.shape == (n, c, 1, 1)
    np.testing.assert_allclose(got, pool2d(x, kind, (h, w)).output, rtol=1e-12)
    if kind == "avg":
        np.testing.assert_allclose(got, adaptive_avg_pool2d(x, 1), rtol=1e-12)
        np.testing.assert_array_equal(got[:, :, 0, 0], global_avg_pool(x))


def test_adaptive_windows_overlap_where_the_ratio_is_not_whole():
    # 5 cells to 3: windows [0, 2), [1, 4), [3, 5)
    #   [1 2 3 4 5] -> (1+2)/2, (2+3+4)/3, (4+5)/2 = 1.5, 3, 4.5
    x = np.arange(1.0, 6.0).reshape(1, 1, 1, 5)
    np.testing.assert_allclose(adaptive_avg_pool2d(x, [1, 3])[0, 0, 0], [1.5, 3, 4.5])


def test_adaptive_pooling_can_grow_the_input():
    # 2 cells to 3: windows [0, 1), [0, 2), [1, 2): [1 3] -> 1, 2, 3
    x = np.array([1.0, 3.0]).reshape(1, 1, 1, 2)
    np.testing.assert_array_equal(adaptive_avg_pool2d(x, [1, 3])[0, 0, 0], [1, 2, 3])


def test_adaptive_pooling_keeps_a_side_given_as_none():
    x = np.arange(24.0).reshape(1, 1, 4, 6)
    got = adaptive_avg_pool2d(x, [None, 2])  # 4×6 -> 4×2: each row's halves
    np.testing.assert_allclose(got[0, 0], [[1, 4], [7, 10], [13, 16], [19, 22]])


def test_adaptive_pooling_keeps_float32():
    assert adaptive_avg_pool2d(np.ones((1, 1, 5, 5), dtype=np.float32), 2).dtype == np.float32


@pytest.mark.parametrize(("output_size", "message"), [
    (0, "output_size must be at least 1 (got 0)"),
    ([2, -1], "output_size must be at least 1 (got [2, -1])"),
    ([None, 0], "output_size must be at least 1 (got [None, 0])"),
    ([2], "output_size must be an integer or a pair [h, w] of integers (null keeps that side of the input)"),
    ("3", "output_size must be an integer or a pair [h, w] of integers (null keeps that side of the input)"),
    (True, "output_size must be an integer or a pair [h, w] of integers (null keeps that side of the input)"),
    (None, "output_size must be an integer or a pair [h, w] of integers (null keeps that side of the input)"),
])
def test_a_bad_adaptive_output_size_is_refused(output_size, message):
    with pytest.raises(ParameterError) as error:
        adaptive_pool_size((4, 4), output_size)
    assert error.value.param == "output_size"
    assert str(error.value) == message


def test_adaptive_pooling_needs_a_batch_of_feature_maps():
    with pytest.raises(ParameterError) as error:
        adaptive_avg_pool2d(np.ones((3, 4, 4)), 2)
    assert error.value.param == "input"
    assert str(error.value) == "adaptive pooling needs input (N, C, H, W), got (3, 4, 4)"


def test_global_pooling_refuses_an_unknown_kind():
    with pytest.raises(ParameterError) as error:
        global_pool(np.ones((1, 1, 2, 2)), "min")
    assert error.value.param == "kind"
    assert str(error.value) == 'kind must be "max" or "avg" (got "min")'


def test_global_pooling_needs_a_batch_of_feature_maps():
    with pytest.raises(ParameterError) as error:
        global_pool(np.ones((4, 4)), "max")
    assert error.value.param == "input"
    assert str(error.value) == "global pooling needs input (N, C, H, W), got (4, 4)"


@needs_torch
@given(st.integers(1, 2), st.integers(1, 3), st.integers(1, 12), st.integers(1, 12),
       st.one_of(st.none(), st.integers(1, 14)), st.integers(1, 14), seeds)
def test_adaptive_avg_pool_equals_pytorch(n, c, h, w, oh, ow, seed):
    import torch
    import torch.nn.functional as F

    x = np.random.default_rng(seed).standard_normal((n, c, h, w))
    expected = F.adaptive_avg_pool2d(torch.tensor(x), (oh, ow)).numpy()
    np.testing.assert_allclose(adaptive_avg_pool2d(x, [oh, ow]), expected, rtol=1e-12, atol=1e-14)
