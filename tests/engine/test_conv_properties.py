"""conv2d against conv2d_naive over every parameter, drawn by Hypothesis."""

import sys

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from app.engine import ParameterError, conv2d, conv2d_naive, output_size
from app.engine.blas import small_products_unpacked
from app.engine.conv import _product_columns, _rows_pay, applied_kernel, conv_geometry
from app.engine.conv_rows import conv2d_rows
from app.engine.padding import pad2d

from ..strategies import conv_cases


def _pair(v):
    return (v, v) if isinstance(v, int) else v


def _valid(h, w, kh, kw, stride, padding, dilation, padding_mode):
    """The rules, restated independently of the engine's geometry module."""
    (sh, sw), (dh, dw) = _pair(stride), _pair(dilation)
    if padding == "same":
        if (sh, sw) != (1, 1):
            return False
        pads = [(dh * (kh - 1) + 1) // 2, (dw * (kw - 1) + 1) // 2]
    else:
        pads = [0, 0] if padding == "valid" else list(_pair(padding))
    (ph, pw) = pads
    if padding_mode == "reflect" and (ph >= h or pw >= w):
        return False
    if padding_mode == "circular" and (ph > h or pw > w):
        return False
    total_h = h + (dh * (kh - 1) if padding == "same" else 2 * ph)
    total_w = w + (dw * (kw - 1) if padding == "same" else 2 * pw)
    return dh * (kh - 1) + 1 <= total_h and dw * (kw - 1) + 1 <= total_w


@given(conv_cases())
def test_conv2d_equals_the_definition(case):
    x, weight, bias, params = case
    assume(_valid(*x.shape[2:], *weight.shape[2:], params["stride"], params["padding"], params["dilation"],
                  params["padding_mode"]))
    np.testing.assert_allclose(conv2d(x, weight, bias, **params), conv2d_naive(x, weight, bias, **params),
                               rtol=1e-10, atol=1e-12)


@given(conv_cases())
def test_impossible_parameters_raise_a_parameter_error(case):
    x, weight, bias, params = case
    assume(not _valid(*x.shape[2:], *weight.shape[2:], params["stride"], params["padding"], params["dilation"],
                      params["padding_mode"]))
    with pytest.raises(ParameterError):
        conv2d(x, weight, bias, **params)


@given(st.integers(1, 40), st.integers(1, 7), st.integers(1, 4), st.integers(0, 3), st.integers(1, 3))
def test_output_size_counts_the_window_positions(size, kernel, stride, pad, dilation):
    extent = dilation * (kernel - 1) + 1
    positions = len(range(0, size + 2 * pad - extent + 1, stride))  # window starts that still fit
    got = output_size(size, kernel, stride, pad, pad, dilation)
    assert got == positions if positions else got <= 0


# Blocks of one output row, a few rows or whole samples; products of one row or of everything;
# blocks shared by one, two or three threads.
@given(conv_cases(), st.sampled_from([1, 2_000, 1 << 20]), st.sampled_from([1, sys.maxsize]),
       st.integers(1, 3))
def test_the_shifted_rows_path_equals_the_definition(case, block_bytes, product_columns, parts):
    """conv2d_rows, which conv2d takes for deep C·KW when rows are one apart, on any such case."""
    x, weight, bias, params = case
    params["stride"] = (1, _pair(params["stride"])[1])
    assume(_valid(*x.shape[2:], *weight.shape[2:], params["stride"], params["padding"], params["dilation"],
                  params["padding_mode"]))
    geometry = conv_geometry(x.shape, weight.shape, **params)
    x_padded = pad2d(x, geometry.pads, params["padding_mode"])
    got = conv2d_rows(x_padded, applied_kernel(weight, params["mode"]), bias, geometry, block_bytes,
                      product_columns, parts)
    np.testing.assert_allclose(got, conv2d_naive(x, weight, bias, **params), rtol=1e-10, atol=1e-12)


def test_deep_kernels_one_row_apart_take_the_shifted_rows_path():
    rng = np.random.default_rng(5)
    x, weight, bias = rng.standard_normal((3, 8, 12, 11)), rng.standard_normal((4, 8, 5, 5)), rng.standard_normal(4)
    deep = conv_geometry(x.shape, weight.shape, padding=2, dilation=(1, 2), stride=(1, 2))
    assert _rows_pay(8, 4, deep, 8)  # C·KW = 40
    assert not _rows_pay(3, 16, conv_geometry((1, 3, 224, 224), (16, 3, 3, 3), padding=1), 8)  # C·KW = 9
    assert not _rows_pay(8, 4, conv_geometry(x.shape, weight.shape, stride=2), 8)  # rows two apart
    assert not _rows_pay(8, 64, deep, 8)  # many filters: one deep product
    np.testing.assert_allclose(conv2d(x, weight, bias, padding=2, dilation=(1, 2), stride=(1, 2)),
                               conv2d_naive(x, weight, bias, padding=2, dilation=(1, 2), stride=(1, 2)),
                               rtol=1e-10, atol=1e-12)


@given(st.integers(1, 64), st.integers(1, 5000))
def test_products_with_few_filters_stay_small_where_the_blas_has_small_kernels(filters, depth):
    import app.engine.conv as conv_module

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(conv_module, "_SMALL_PRODUCT_FILTERS", 16)  # as with OpenBLAS on AVX-512
        columns = _product_columns(filters, depth)
        if filters <= 16:  # at most 10^6 multiply-adds, unless one column alone is more
            assert columns == 1 or filters * depth * columns <= 1_000_000 < filters * depth * (columns + 1)
        else:
            assert columns == sys.maxsize
        patch.setattr(conv_module, "_SMALL_PRODUCT_FILTERS", 0)  # any other BLAS: no cut
        assert _product_columns(filters, depth) == sys.maxsize


@pytest.mark.parametrize("weight_shape", [(4, 8, 5, 5), (4, 2, 3, 3)])  # the shifted-rows path, im2col
def test_blocks_cut_for_small_products_give_the_same_result(monkeypatch, weight_shape):
    import app.engine.conv as conv_module

    rng = np.random.default_rng(6)
    x, weight, bias = rng.standard_normal((2, weight_shape[1], 13, 11)), rng.standard_normal(weight_shape), None
    monkeypatch.setattr(conv_module, "_SMALL_PRODUCT_FILTERS", 16)
    monkeypatch.setattr(conv_module, "_SMALL_PRODUCT", 1)  # one output cell (or row) per product
    np.testing.assert_allclose(conv2d(x, weight, bias, padding=1), conv2d_naive(x, weight, bias, padding=1),
                               rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize(("blas", "avx512", "forced", "expected"), [
    ("scipy-openblas", True, "", True),
    ("scipy-openblas", True, "SkylakeX", True),
    ("scipy-openblas", True, "Haswell", False),  # OpenBLAS told to use its AVX2 kernels
    ("scipy-openblas", False, "", False),
    ("mkl-sdl", True, "", False),
])
def test_small_products_are_cut_only_for_openblas_on_avx512(monkeypatch, blas, avx512, forced, expected):
    from numpy._core._multiarray_umath import __cpu_features__

    monkeypatch.setattr(np, "show_config", lambda mode: {"Build Dependencies": {"blas": {"name": blas}}})
    monkeypatch.setitem(__cpu_features__, "AVX512F", avx512)
    monkeypatch.setenv("OPENBLAS_CORETYPE", forced)
    assert small_products_unpacked() is expected


@pytest.mark.parametrize("block_bytes", [1_000, 3_000, 1 << 20])  # pieces of rows, rows, whole samples
@pytest.mark.parametrize("parts", [2, 3])
def test_im2col_blocks_shared_by_threads_give_the_same_bits(monkeypatch, block_bytes, parts):
    import app.engine.conv as conv_module

    rng = np.random.default_rng(7)
    x, weight, bias = rng.standard_normal((3, 2, 11, 9)), rng.standard_normal((4, 2, 3, 3)), rng.standard_normal(4)
    geometry = conv_geometry(x.shape, weight.shape, padding=1, stride=(2, 1))
    x_padded = pad2d(x, geometry.pads)
    monkeypatch.setattr(conv_module, "_BLOCK_BYTES", block_bytes)
    alone = conv_module._conv2d_im2col(x_padded, weight, bias, geometry)
    np.testing.assert_array_equal(conv_module._conv2d_im2col(x_padded, weight, bias, geometry, parts), alone)


def test_long_convolutions_with_small_products_are_shared_by_the_threads(monkeypatch):
    import app.engine.conv as conv_module

    monkeypatch.setattr(conv_module, "_SMALL_PRODUCT_FILTERS", 16)
    assert conv_module._parts(16, 30_000_000, 8) == conv_module.THREADS  # 240 MB of operands
    assert conv_module._parts(16, 30_000_000, 4) == conv_module.THREADS  # 120 MB
    assert conv_module._parts(16, 20_000_000, 4) == 1  # 80 MB: not worth the hand-over
    assert conv_module._parts(32, 10**9, 8) == 1  # large products: OpenBLAS spreads each one itself
    monkeypatch.setattr(conv_module, "_SMALL_PRODUCT_FILTERS", 0)  # no small-product kernels
    assert conv_module._parts(16, 10**9, 8) == 1


def test_a_thread_whose_first_block_is_a_short_one_still_has_room_for_the_others():
    rng = np.random.default_rng(8)
    x, weight, bias = rng.standard_normal((2, 3, 7, 6)), rng.standard_normal((2, 3, 3, 3)), rng.standard_normal(2)
    geometry = conv_geometry(x.shape, weight.shape)  # 5×4 outputs; each copied row: 3·3·4 float64s, 288 bytes
    # Blocks of 2 output rows (4 copied rows): per sample rows 0-1, 2-3 and a short 4; three threads
    # get two blocks each, and the second starts with sample 0's short block.
    got = conv2d_rows(x, weight, bias, geometry, 4 * 288, sys.maxsize, parts=3)
    np.testing.assert_allclose(got, conv2d_naive(x, weight, bias), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("channels, kernel", [(2, 3), (8, 5)])  # im2col, and the shifted rows (C·KW = 40)
def test_an_empty_batch_gives_an_empty_output_of_pytorchs_shape(channels, kernel):
    x = np.zeros((0, channels, 12, 12))  # (N=0, C, H, W)
    out = conv2d(x, np.ones((3, channels, kernel, kernel)), np.zeros(3))
    assert out.shape == (0, 3, 13 - kernel, 13 - kernel)
