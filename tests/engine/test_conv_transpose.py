"""conv_transpose2d against its loop-by-loop definition, conv2d (whose adjoint it is) and PyTorch; its
scatter trace, worked examples and every refusal."""

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from app.engine import ParameterError, conv2d
from app.engine.conv_naive import conv_transpose2d_naive
from app.engine.conv_transpose import TransposeGeometry, conv_transpose2d, conv_transpose_geometry
from app.engine.trace import conv_transpose_trace

from ..strategies import conv_transpose_cases, int_or_pair, normal_values


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def _possible(x_shape, weight_shape, stride, padding, output_padding, dilation, groups) -> bool:
    """PyTorch's rules, restated independently of the engine's geometry."""
    for i, k, s, p, e, d in zip(x_shape[2:], weight_shape[2:], _pair(stride), _pair(padding), _pair(output_padding),
                                _pair(dilation), strict=True):
        if e >= max(s, d) or (i - 1) * s - 2 * p + d * (k - 1) + e + 1 < 1:
            return False
    return x_shape[1] % groups == 0


@given(conv_transpose_cases(only_possible=True))
def test_conv_transpose2d_equals_the_definition(case):
    x, weight, bias, params = case
    np.testing.assert_allclose(conv_transpose2d(x, weight, bias, **params),
                               conv_transpose2d_naive(x, weight, bias, **params), rtol=1e-10, atol=1e-12)


@given(conv_transpose_cases())
def test_impossible_parameters_raise_a_parameter_error(case):
    x, weight, bias, params = case
    assume(not _possible(x.shape, weight.shape, **params))
    with pytest.raises(ParameterError):
        conv_transpose2d(x, weight, bias, **params)


@given(conv_transpose_cases())
def test_possible_parameters_are_accepted(case):
    x, weight, bias, params = case
    assume(_possible(x.shape, weight.shape, **params))
    out = conv_transpose2d(x, weight, bias, **params)
    assert out.shape[1] == weight.shape[1] * params["groups"]


@given(st.integers(1, 7), st.integers(1, 4), st.integers(1, 3), st.integers(0, 3), st.integers(1, 3), st.data())
def test_it_is_conv2ds_adjoint(size, kernel, stride, padding, dilation, data):
    """<conv2d(x, W), y> = <x, conv_transpose2d(y, W)>: it carries conv2d's output back onto its input
    (the input's gradient), given the output_padding that restores the input's size."""
    assume(size + 2 * padding >= dilation * (kernel - 1) + 1)
    groups = data.draw(st.integers(1, 2))
    c, f = groups * data.draw(st.integers(1, 2)), groups * data.draw(st.integers(1, 2))
    x = data.draw(normal_values((2, c, size, size + 1)))
    weight = data.draw(normal_values((f, c // groups, kernel, kernel)))
    y_ = conv2d(x, weight, stride=stride, padding=padding, dilation=dilation, groups=groups)
    y = data.draw(normal_values(y_.shape))
    extra = [(s + 2 * padding - dilation * (kernel - 1) - 1) % stride for s in x.shape[2:]]
    back = conv_transpose2d(y, weight, stride=stride, padding=padding, output_padding=extra, dilation=dilation,
                            groups=groups)
    assert back.shape == x.shape
    assert np.vdot(y_, y) == pytest.approx(np.vdot(x, back), rel=1e-10, abs=1e-10)


@given(conv_transpose_cases(only_possible=True))
def test_the_traces_kept_products_add_up_to_the_output(case):
    x, weight, bias, params = case
    trace = conv_transpose_trace(x[0], weight, bias, **params)
    expected = conv_transpose2d(x[:1], weight, bias, **params)[0]  # (F, OH, OW)
    np.testing.assert_array_equal(trace.output, expected)
    total = np.zeros(expected.shape) + trace.bias.reshape(-1, 1, 1)
    shape = trace.products.shape  # (S, F/G, KH, KW)
    filters = np.broadcast_to(trace.filters[:, :, None, None], shape)
    rows = np.broadcast_to(trace.rows[:, None, :, None], shape)
    cols = np.broadcast_to(trace.cols[:, None, None, :], shape)
    kept = np.broadcast_to(trace.kept[:, None], shape)
    np.add.at(total, (filters[kept], rows[kept], cols[kept]), trace.products[kept])
    np.testing.assert_allclose(total, expected, rtol=1e-10, atol=1e-12)


@given(conv_transpose_cases(only_possible=True))
def test_each_trace_step_is_one_input_cell_scattering_its_value(case):
    x, weight, bias, params = case
    trace = conv_transpose_trace(x[0], weight, bias, **params)
    c, h, w = x[0].shape
    per_group, groups = weight.shape[1], params["groups"]
    assert len(trace.cell) == c * h * w
    np.testing.assert_array_equal(trace.input_value, x[0][tuple(trace.cell.T)])
    np.testing.assert_array_equal(trace.weights, weight[trace.cell[:, 0]])
    np.testing.assert_array_equal(trace.products, trace.input_value[:, None, None, None] * trace.weights)
    np.testing.assert_array_equal(trace.filters // per_group, (trace.cell[:, :1] // (c // groups)).repeat(per_group, 1))
    oh, ow = trace.output.shape[1:]
    inside = ((trace.rows >= 0) & (trace.rows < oh))[:, :, None] & ((trace.cols >= 0) & (trace.cols < ow))[:, None]
    np.testing.assert_array_equal(trace.kept, inside)


@given(conv_transpose_cases(only_possible=True, values=normal_values))
def test_conv_transpose2d_equals_pytorch(case):
    torch = pytest.importorskip("torch")
    x, weight, bias, params = case
    args = {name: tuple(value) if isinstance(value, list) else value for name, value in params.items()}
    expected = torch.nn.functional.conv_transpose2d(torch.tensor(x), torch.tensor(weight),
                                                    None if bias is None else torch.tensor(bias), **args).numpy()
    np.testing.assert_allclose(conv_transpose2d(x, weight, bias, **params), expected, rtol=1e-10, atol=1e-12)


# --- worked by hand -------------------------------------------------------------------------------

X = np.array([[1.0, 2.0],
              [3.0, 4.0]])
K = np.array([[1.0, 10.0],
              [100.0, 1000.0]])


def transpose(x, k, implementation=conv_transpose2d, **params):
    """2-D input and kernel through the batched API."""
    return implementation(np.asarray(x, float)[None, None], np.asarray(k, float)[None, None], **params)[0, 0]


@pytest.mark.parametrize("implementation", [conv_transpose2d, conv_transpose2d_naive])
def test_stride_two_places_one_scaled_kernel_per_input_cell(implementation):
    # Each input cell x[i, j] lays x[i, j]·K on the output at (2i, 2j); stride 2 = kernel size: no overlap.
    #   1·K | 2·K        1   10 |  2   20
    #   ----+----   =  100 1000 | 200 2000
    #   3·K | 4·K        3   30 |  4   40
    #                  300 3000 | 400 4000
    expected = [[1, 10, 2, 20],
                [100, 1000, 200, 2000],
                [3, 30, 4, 40],
                [300, 3000, 400, 4000]]
    np.testing.assert_array_equal(transpose(X, K, implementation, stride=2), expected)


@pytest.mark.parametrize("implementation", [conv_transpose2d, conv_transpose2d_naive])
def test_overlapping_kernels_add_up(implementation):
    # stride 1: [1, 2] with kernel [1, 1]: 1·[1, 1] at columns 0-1, 2·[1, 1] at columns 1-2 -> [1, 1 + 2, 2]
    np.testing.assert_array_equal(transpose([[1.0, 2.0]], [[1.0, 1.0]], implementation), [[1, 3, 2]])


@pytest.mark.parametrize("implementation", [conv_transpose2d, conv_transpose2d_naive])
def test_padding_crops_the_output(implementation):
    # the 4×4 stride-2 output above with padding 1 loses one row and column on each side:
    #   1000  200
    #     30    4
    np.testing.assert_array_equal(transpose(X, K, implementation, stride=2, padding=1), [[1000, 200], [30, 4]])


@pytest.mark.parametrize("implementation", [conv_transpose2d, conv_transpose2d_naive])
def test_output_padding_adds_rows_and_columns_at_the_bottom_right(implementation):
    # stride 2, output_padding [1, 0]: a fifth row that nothing lands on, so it holds only the bias (0.5)
    got = transpose(X, K, implementation, bias=np.array([0.5]), stride=2, output_padding=[1, 0])
    assert got.shape == (5, 4)
    np.testing.assert_array_equal(got[4], [0.5] * 4)
    np.testing.assert_array_equal(got[:4, 0], [1.5, 100.5, 3.5, 300.5])


@pytest.mark.parametrize("implementation", [conv_transpose2d, conv_transpose2d_naive])
def test_dilation_spreads_the_kernel(implementation):
    # a single 1 with kernel [1, 2] dilated 3: the taps land 3 apart -> [1, 0, 0, 2]
    np.testing.assert_array_equal(transpose([[1.0]], [[1.0, 2.0]], implementation, dilation=3), [[1, 0, 0, 2]])


@pytest.mark.parametrize("implementation", [conv_transpose2d, conv_transpose2d_naive])
def test_each_group_writes_only_its_own_filters(implementation):
    # two 1×1 channels [1, 2], two groups, one filter each: weight (C=2, F/G=1, 1, 1) = [10, 100]
    # channel 0 -> filter 0: 1·10 = 10; channel 1 -> filter 1: 2·100 = 200 (groups=1 would need weight (2, F, 1, 1))
    x = np.array([1.0, 2.0]).reshape(1, 2, 1, 1)
    got = implementation(x, np.array([10.0, 100.0]).reshape(2, 1, 1, 1), groups=2)
    np.testing.assert_array_equal(got.reshape(-1), [10.0, 200.0])


def test_the_trace_of_the_stride_two_example():
    trace = conv_transpose_trace(X[None], K[None, None], stride=2, padding=1)
    # step 1 is input cell (0, 0, 1), value 2: it lands on rows -1, 0 and columns 1, 2; row -1 is cropped
    np.testing.assert_array_equal(trace.cell[1], [0, 0, 1])
    assert trace.input_value[1] == 2.0
    np.testing.assert_array_equal(trace.rows[1], [-1, 0])
    np.testing.assert_array_equal(trace.cols[1], [1, 2])
    np.testing.assert_array_equal(trace.kept[1], [[False, False], [True, False]])
    np.testing.assert_array_equal(trace.products[1, 0], [[2, 20], [200, 2000]])
    np.testing.assert_array_equal(trace.output[0], [[1000, 200], [30, 4]])


def test_the_geometry_names_every_pair():
    geometry = conv_transpose_geometry((1, 4, 5, 6), (4, 3, 3, 2), stride=[2, 1], padding=[1, 0],
                                       output_padding=[1, 0], dilation=[1, 2], groups=2)
    assert geometry == TransposeGeometry(in_h=5, in_w=6, kernel=(3, 2), stride=(2, 1), padding=(1, 0),
                                         output_padding=(1, 0), dilation=(1, 2), groups=2, out=(10, 8))


def test_float32_stays_float32():
    rng = np.random.default_rng(3)
    x = rng.standard_normal((1, 4, 5, 5)).astype(np.float32)
    weight = rng.standard_normal((4, 2, 4, 4)).astype(np.float32)
    got = conv_transpose2d(x, weight, stride=2, padding=1, groups=2)
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, conv_transpose2d_naive(x, weight, stride=2, padding=1, groups=2),
                               rtol=1e-5, atol=1e-5)


def test_an_empty_batch_gives_an_empty_output():
    assert conv_transpose2d(np.zeros((0, 2, 3, 3)), np.ones((2, 3, 2, 2)), stride=2).shape == (0, 3, 6, 6)


# --- refusals -------------------------------------------------------------------------------------

def _refusal(x_shape=(1, 2, 3, 3), weight_shape=(2, 1, 3, 3), **params) -> ParameterError:
    with pytest.raises(ParameterError) as caught:
        conv_transpose2d(np.zeros(x_shape), np.zeros(weight_shape), **params)
    return caught.value


def test_the_input_and_kernel_must_be_four_dimensional():
    error = _refusal(x_shape=(2, 3, 3))
    assert (error.param, error.message) == (
        "input", "conv_transpose2d needs input (N, C, H, W) and kernel (C, F/groups, KH, KW), "
                 "got (2, 3, 3) and (2, 1, 3, 3)")


@pytest.mark.parametrize(("name", "value", "message"), [
    ("stride", 0, "stride must be at least 1 (got 0)"),
    ("stride", [1, 0], "stride must be at least 1 (got [1, 0])"),
    ("dilation", 0, "dilation must be at least 1 (got 0)"),
    ("padding", -1, "padding must be at least 0 (got -1)"),
    ("padding", "same", "padding must be an integer or a pair of integers [h, w]"),
    ("output_padding", -1, "output_padding must be at least 0 (got -1)"),
])
def test_out_of_range_parameters_are_refused(name, value, message):
    error = _refusal(**{name: value})
    assert (error.param, error.message) == (name, message)


def test_output_padding_must_be_smaller_than_the_stride_or_the_dilation():
    error = _refusal(stride=2, dilation=[1, 3], output_padding=[2, 2])
    assert (error.param, error.message) == (
        "output_padding", "output_padding must be smaller than the stride or the dilation "
                          "(along the height: output_padding 2, stride 2, dilation 1)")


def test_output_padding_below_the_dilation_is_allowed_with_stride_one():
    assert conv_transpose2d(np.zeros((1, 1, 3, 3)), np.zeros((1, 1, 3, 3)), dilation=2, output_padding=1).shape \
        == (1, 1, 8, 8)


def test_the_kernel_must_have_the_inputs_channels():
    error = _refusal(weight_shape=(3, 1, 3, 3))
    assert (error.param, error.message) == ("kernel", "the kernel has 3 input channel(s) but the input has 2")


def test_groups_must_divide_the_channels():
    error = _refusal(x_shape=(1, 4, 3, 3), weight_shape=(4, 1, 3, 3), groups=3)
    assert (error.param, error.message) == ("groups", "groups (3) must divide the input's 4 channel(s)")


@pytest.mark.parametrize("groups", [0, 1.0])
def test_groups_must_be_a_whole_number_of_at_least_one(groups):
    error = _refusal(groups=groups)
    assert (error.param, error.message) == ("groups", f"groups must be a whole number of at least 1 (got {groups!r})")


def test_the_kernel_must_be_at_least_one_by_one():
    error = _refusal(weight_shape=(2, 1, 0, 3))
    assert (error.param, error.message) == ("kernel", "the kernel must be at least 1×1 (got 0×3)")


def test_an_input_without_channels_is_refused():
    error = _refusal(x_shape=(1, 0, 3, 3), weight_shape=(0, 1, 3, 3))
    assert (error.param, error.message) == ("input", "conv_transpose2d needs at least one input channel")


def test_padding_that_crops_the_whole_output_is_refused():
    error = _refusal(padding=[0, 3])
    assert (error.param, error.message) == (
        "padding", "padding 3 crops away the whole output width: (3 - 1)·1 - 2·3 + 1·(3 - 1) + 0 + 1 = -1")


@given(int_or_pair(0, 3))
def test_the_trace_refuses_what_conv_transpose2d_refuses(output_padding):
    assume(max(_pair(output_padding)) >= 1)  # stride and dilation 1: no output padding allowed
    with pytest.raises(ParameterError) as caught:
        conv_transpose_trace(np.zeros((2, 3, 3)), np.zeros((2, 1, 3, 3)), output_padding=output_padding)
    assert caught.value.param == "output_padding"
