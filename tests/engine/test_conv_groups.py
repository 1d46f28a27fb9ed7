"""Grouped convolution (groups > 1, depthwise when groups = C): conv2d against conv2d_naive and PyTorch,
its traces, worked examples and every refusal."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.engine import ParameterError, conv2d, conv2d_naive, conv_trace
from app.engine.conv import _conv2d_im2col, applied_kernel, conv_geometry
from app.engine.conv_rows import depthwise_rows
from app.engine.padding import pad2d

from ..strategies import grouped_conv_cases


def _depthwise(case) -> bool:
    x, weight, _, params = case
    return params["groups"] > 1 and weight.shape[1] == 1


@given(grouped_conv_cases())
def test_grouped_conv2d_equals_the_definition(case):
    x, weight, bias, params = case
    np.testing.assert_allclose(conv2d(x, weight, bias, **params), conv2d_naive(x, weight, bias, **params),
                               rtol=1e-10, atol=1e-12)


@given(grouped_conv_cases(max_kernel=1))
def test_one_by_one_convolutions_equal_the_definition(case):
    """A 1×1 kernel is one matrix product per sample and group, with any stride, padding, dilation and groups."""
    x, weight, bias, params = case
    np.testing.assert_allclose(conv2d(x, weight, bias, **params), conv2d_naive(x, weight, bias, **params),
                               rtol=1e-10, atol=1e-12)


@given(grouped_conv_cases().filter(_depthwise), st.sampled_from([1, 300, 3_000, 1 << 20]))
def test_depthwise_blocks_of_any_size_give_the_definition(case, block_bytes):
    """Blocks of one output row of one plane, a few rows, whole planes, or the whole batch."""
    x, weight, bias, params = case
    geometry = conv_geometry(x.shape, weight.shape, **params)
    got = depthwise_rows(x, applied_kernel(weight, params["mode"]), bias, geometry, params["padding_mode"],
                         block_bytes)
    np.testing.assert_allclose(got, conv2d_naive(x, weight, bias, **params), rtol=1e-10, atol=1e-12)


@given(grouped_conv_cases(), st.sampled_from([1, 300, 3_000, 1 << 20]))
def test_grouped_im2col_blocks_of_any_size_give_the_definition(case, block_bytes):
    """Pieces of rows, rows or whole samples per product, as a huge kernel or a small cache would cut them."""
    import app.engine.conv as conv_module

    x, weight, bias, params = case
    geometry = conv_geometry(x.shape, weight.shape, **params)
    x_padded = pad2d(x, geometry.pads, params["padding_mode"])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(conv_module, "_BLOCK_BYTES", block_bytes)
        got = _conv2d_im2col(x_padded, applied_kernel(weight, params["mode"]), bias, geometry,
                             groups=params["groups"])
    np.testing.assert_allclose(got, conv2d_naive(x, weight, bias, **params), rtol=1e-10, atol=1e-12)


@given(grouped_conv_cases(max_groups=3), st.data())
def test_a_filter_sees_only_its_own_groups_channels(case, data):
    x, weight, bias, params = case
    groups, f = params["groups"], weight.shape[0]
    group = data.draw(st.integers(0, groups - 1))
    depth = x.shape[1] // groups
    changed = x.copy()
    others = np.ones(x.shape[1], dtype=bool)
    others[group * depth:(group + 1) * depth] = False
    changed[:, others] += 1.0 + np.abs(changed[:, others])  # every other group's channels change
    mine = slice(group * (f // groups), (group + 1) * (f // groups))
    np.testing.assert_array_equal(conv2d(changed, weight, bias, **params)[:, mine],
                                  conv2d(x, weight, bias, **params)[:, mine])


@given(grouped_conv_cases(max_groups=3))
def test_grouped_trace_reads_each_filters_group_and_matches_conv2d(case):
    x, weight, bias, params = case
    groups, (f, depth) = params["groups"], weight.shape[:2]
    trace = conv_trace(x[0], weight, bias, **params)
    expected = conv2d(x[:1], weight, bias, **params)[0]  # (F, OH, OW)
    assert trace.groups == groups
    assert trace.values.shape[1] == depth and trace.channel_sums.shape[1] == depth
    np.testing.assert_allclose(trace.value, expected.reshape(-1), rtol=1e-10, atol=1e-12)
    for step in (0, len(trace.value) // 2, len(trace.value) - 1):
        filt = trace.cell[step, 0]
        first = filt // (f // groups) * depth  # the group's first input channel
        window = trace.padded_input[first:first + depth, trace.rows[step][:, None], trace.cols[step][None, :]]
        np.testing.assert_array_equal(trace.values[step], window)
        np.testing.assert_allclose(trace.products[step], window * trace.kernel[filt])
        assert trace.value[step] == pytest.approx(trace.products[step].sum() + trace.bias[step])


@pytest.mark.filterwarnings("ignore:Using padding='same' with even kernel lengths:UserWarning")
@given(grouped_conv_cases())
def test_grouped_conv2d_equals_pytorch(case):
    torch = pytest.importorskip("torch")
    x, weight, bias, params = case
    f, depth, kh, kw = weight.shape
    arg = {name: tuple(value) if isinstance(value, list) else value for name, value in params.items()
           if name in ("stride", "padding", "dilation")}
    layer = torch.nn.Conv2d(depth * params["groups"], f, (kh, kw), groups=params["groups"], bias=bias is not None,
                            padding_mode=params["padding_mode"], dtype=torch.float64, **arg)
    kernel = torch.tensor(weight)
    if params["mode"] == "convolution":
        kernel = torch.flip(kernel, dims=(2, 3))
    with torch.no_grad():
        layer.weight.copy_(kernel)
        if bias is not None:
            layer.bias.copy_(torch.tensor(bias))
        expected = layer(torch.tensor(x)).numpy()
    np.testing.assert_allclose(conv2d(x, weight, bias, **params), expected, rtol=1e-10, atol=1e-12)


# --- worked by hand -------------------------------------------------------------------------------

X_TWO_CHANNELS = np.array([[[1.0, 2.0],
                             [3.0, 4.0]],
                            [[5.0, 6.0],
                             [7.0, 8.0]]])[None]  # (1, 2, 2, 2)


@pytest.mark.parametrize("implementation", [conv2d, conv2d_naive])
def test_depthwise_filters_each_read_one_channel(implementation):
    # filter 0 = [[1, 0], [0, 1]] on channel 0: 1 + 4 = 5
    # filter 1 = [[0, 1], [1, 0]] on channel 1: 6 + 7 = 13 (with groups=1 each would read both channels)
    weight = np.array([[[1.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [1.0, 0.0]]])[:, None]  # (2, 1, 2, 2)
    np.testing.assert_array_equal(implementation(X_TWO_CHANNELS, weight, groups=2), [[[[5.0]], [[13.0]]]])


@pytest.mark.parametrize("implementation", [conv2d, conv2d_naive])
def test_a_channel_multiplier_gives_each_channel_several_filters(implementation):
    # groups = C = 2 and F = 4: filters 0, 1 read channel 0 and filters 2, 3 channel 1 (filter f: channel f // 2)
    # 1×1 kernels 2, 3, 10, 100: outputs 2·[[1, 2], [3, 4]], 3·[[1, 2], [3, 4]],
    #                                    10·[[5, 6], [7, 8]], 100·[[5, 6], [7, 8]]
    weight = np.array([2.0, 3.0, 10.0, 100.0]).reshape(4, 1, 1, 1)
    got = implementation(X_TWO_CHANNELS, weight, groups=2)
    expected = np.stack([2 * X_TWO_CHANNELS[0, 0], 3 * X_TWO_CHANNELS[0, 0],
                         10 * X_TWO_CHANNELS[0, 1], 100 * X_TWO_CHANNELS[0, 1]])[None]
    np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize("implementation", [conv2d, conv2d_naive])
def test_two_groups_of_two_channels_add_up_their_own_channels(implementation):
    # x = [1, 2, 3, 4] (four 1×1 channels); filter 0 = [1, 10] on channels 0-1: 1 + 20 = 21;
    # filter 1 = [100, 1000] on channels 2-3: 300 + 4000 = 4300; bias [0.5, -0.5]
    x = np.array([1.0, 2.0, 3.0, 4.0]).reshape(1, 4, 1, 1)
    weight = np.array([[1.0, 10.0], [100.0, 1000.0]]).reshape(2, 2, 1, 1)
    got = implementation(x, weight, np.array([0.5, -0.5]), groups=2)
    np.testing.assert_array_equal(got.reshape(-1), [21.5, 4299.5])


def test_depthwise_with_padding_stride_and_dilation():
    # one 4×4 channel 0..15, kernel [[1, 1], [1, 1]] dilated 2, stride 2, padding 1: the taps of
    # output (0, 0) sit at padded (0, 0), (0, 2), (2, 0), (2, 2), that is at x[-1, -1], x[-1, 1] and
    # x[1, -1] (padding: 0) and x[1, 1] = 5
    x = np.arange(16.0).reshape(1, 1, 4, 4).repeat(2, axis=1)  # two equal channels, groups = 2
    weight = np.ones((2, 1, 2, 2))
    got = conv2d(x, weight, stride=2, padding=1, dilation=2, groups=2)
    assert got.shape == (1, 2, 2, 2)
    assert got[0, 0, 0, 0] == 5.0 and got[0, 1, 0, 0] == 5.0
    np.testing.assert_array_equal(got, conv2d_naive(x, weight, stride=2, padding=1, dilation=2, groups=2))


@pytest.mark.parametrize("depth, side", [(1, 3), (2, 3), (2, 1), (4, 1)])  # depthwise, two channels per
# group, and 1×1 kernels grouped and not
def test_float32_stays_float32(depth, side):
    rng = np.random.default_rng(3)
    x = rng.standard_normal((1, 4, 9, 9)).astype(np.float32)
    weight = rng.standard_normal((8, depth, side, side)).astype(np.float32)
    got = conv2d(x, weight, padding=1, groups=4 // depth)
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, conv2d_naive(x, weight, padding=1, groups=4 // depth), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("depth, side", [(1, 3), (2, 3), (2, 1), (4, 1)])
def test_an_empty_batch_gives_an_empty_output(depth, side):
    got = conv2d(np.zeros((0, 4, 6, 6)), np.ones((4, depth, side, side)), np.zeros(4), groups=4 // depth)
    assert got.shape == (0, 4, 7 - side, 7 - side)


def test_groups_one_is_the_default():
    rng = np.random.default_rng(4)
    x, weight = rng.standard_normal((2, 3, 7, 7)), rng.standard_normal((4, 3, 3, 3))
    np.testing.assert_array_equal(conv2d(x, weight, padding=1, groups=1), conv2d(x, weight, padding=1))


# --- refusals -------------------------------------------------------------------------------------

def _refusal(x_shape, weight_shape, **params) -> ParameterError:
    with pytest.raises(ParameterError) as caught:
        conv2d(np.zeros(x_shape), np.zeros(weight_shape), **params)
    return caught.value


@pytest.mark.parametrize("groups", [0, -2])
def test_groups_below_one_are_refused(groups):
    error = _refusal((1, 4, 5, 5), (4, 1, 3, 3), groups=groups)
    assert (error.param, error.message) == ("groups", f"groups must be a whole number of at least 1 (got {groups})")


@pytest.mark.parametrize("groups", [2.0, True, "2"])
def test_groups_that_are_not_whole_numbers_are_refused(groups):
    error = _refusal((1, 4, 5, 5), (4, 2, 3, 3), groups=groups)
    assert (error.param, error.message) == ("groups", f"groups must be a whole number of at least 1 (got {groups!r})")


def test_groups_must_divide_the_channels():
    error = _refusal((1, 3, 5, 5), (4, 1, 3, 3), groups=2)
    assert (error.param, error.message) == ("groups", "groups (2) must divide the input's 3 channel(s)")


def test_groups_must_divide_the_filters():
    error = _refusal((1, 4, 5, 5), (3, 2, 3, 3), groups=2)
    assert (error.param, error.message) == ("groups", "groups (2) must divide the kernel's 3 filter(s)")


def test_the_kernel_must_have_a_groups_share_of_the_channels():
    error = _refusal((1, 4, 5, 5), (4, 1, 3, 3), groups=2)
    assert (error.param, error.message) == (
        "kernel", "the kernel has 1 channel(s) per filter, but 4 input channels in 2 groups give each filter 2")


def test_the_trace_refuses_what_conv2d_refuses():
    with pytest.raises(ParameterError) as caught:
        conv_trace(np.zeros((3, 5, 5)), np.zeros((3, 1, 3, 3)), groups=2)
    assert caught.value.param == "groups"
