"""2-D convolution, vectorised: padded input -> strided, dilated windows -> one matmul per block (and group); a 1×1
kernel needs no windows."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import numpy as np

from .blas import small_products_unpacked
from .conv_rows import conv2d_rows, depthwise_rows
from .geometry import IntOrPair, Padding, ParameterError, WindowGeometry, window_geometry
from .padding import pad2d
from .parallel import THREADS, in_parts
from .views import strided_view

MODES = ("cross-correlation", "convolution")
# Largest im2col block, in bytes. A block near a core's L2 cache is copied and multiplied while
# still there (one 32 MiB block ran 3× slower); blocks much smaller give the matrix products too few
# columns to run at full speed on deep layers (see bench/README.md, "Block sizes").
_BLOCK_BYTES = 2 * 1024 * 1024
_ROWS_MIN_DEPTH = 30  # C·KW from which conv_rows pays (see _rows_pay)
_ROWS_MAX_FILTERS = 32  # more filters make one deep product (im2col) beat KH shallower ones
# Depthwise convolutions (one channel per group) go by depthwise_rows, in blocks of 1 MiB: on
# 1×32×112×112 * 32×1×3×3, padding 1, float32, it took 0.75× im2col's time (which copies 9 values
# per output cell for a product one channel deep) and 0.5× that of KH·KW whole-block multiply-adds;
# 512 KiB blocks took 1.2× as long, and sharing the blocks with a second thread 1.3× as long.
_DEPTHWISE_BLOCK_BYTES = 1024 * 1024
# OpenBLAS, on CPUs with AVX-512, multiplies a product of at most 10^6 multiply-adds with kernels
# that read both operands where they lie; a larger product is first copied into a packed layout of
# its own. With few filters each packed value is used only a few times, so the packing costs more
# than it saves, and blocks are cut so that each product stays that small. Measured in float32 on
# 23 shapes with 8 or 16 filters that the cut changes: 0.4-1.0× the time (0.66× on 1×3×224×224 *
# 16×3×3×3); float64 gained less (0.8-1.0×, with the 512 KiB blocks of then).
# With 32 or 64 filters the smaller blocks lost by up to 1.8×; without those kernels, up to 1.2×
# (see blas.py): then no filter count is few enough.
_SMALL_PRODUCT = 1_000_000  # multiply-adds
_SMALL_PRODUCT_FILTERS = 16 if small_products_unpacked() else 0
# Small products also run on one core each, so such a convolution spreads its blocks over the cores
# (parallel.py) once it is long enough to pay for handing them over: from about 100 MB of
# multiply-add operands (multiply-adds × bytes per value). Measured with 2 threads on 2 cores:
# 0.63-0.79× the time on bench workloads (e) and (f) in float32 and on (d)-(f) in float64; from
# 15 million multiply-adds in float64 0.75-0.90×; below that line, float32 lost up to 1.4×.
_PARALLEL_WORK = 100_000_000


def check_groups(groups: int, channels: int) -> None:
    """groups must be a whole number of at least 1 that divides the input's channels."""
    if isinstance(groups, bool) or not isinstance(groups, int) or groups < 1:
        raise ParameterError("groups", f"groups must be a whole number of at least 1 (got {groups!r})")
    if channels % groups:
        raise ParameterError("groups", f"groups ({groups}) must divide the input's {channels} channel(s)")


def conv_geometry(x_shape: tuple[int, ...], weight_shape: tuple[int, ...], stride: IntOrPair = 1,
                  padding: Padding = 0, dilation: IntOrPair = 1, padding_mode: str = "zeros",
                  mode: str = "cross-correlation", groups: int = 1) -> WindowGeometry:
    """Check a convolution's shapes and parameters before any work.

    x_shape: (N, C, H, W); weight_shape: (F, C/groups, KH, KW).
    """
    if len(x_shape) != 4 or len(weight_shape) != 4:
        raise ParameterError("input", f"conv2d needs input (N, C, H, W) and kernel (F, C, KH, KW), "
                                      f"got {tuple(x_shape)} and {tuple(weight_shape)}")
    check_groups(groups, x_shape[1])
    if weight_shape[0] % groups:
        raise ParameterError("groups", f"groups ({groups}) must divide the kernel's {weight_shape[0]} filter(s)")
    if x_shape[1] != weight_shape[1] * groups:
        if groups == 1:
            raise ParameterError("kernel", f"the kernel has {weight_shape[1]} channel(s) "
                                           f"but the input has {x_shape[1]}")
        raise ParameterError("kernel", f"the kernel has {weight_shape[1]} channel(s) per filter, but {x_shape[1]} "
                                       f"input channels in {groups} groups give each filter {x_shape[1] // groups}")
    if mode not in MODES:
        raise ParameterError("mode", f'mode must be "cross-correlation" or "convolution" (got "{mode}")')
    return window_geometry(x_shape[2:], weight_shape[2:], stride, padding, dilation, padding_mode)


def applied_kernel(weight: np.ndarray, mode: str) -> np.ndarray:
    """The kernel as it is laid on the input: convolution turns it 180°. (..., KH, KW) -> same."""
    return weight[..., ::-1, ::-1] if mode == "convolution" else weight


def windows(x_padded: np.ndarray, geometry: WindowGeometry) -> np.ndarray:
    """Every window of a padded input, as a read-only view (no copy).

    x_padded: (..., Hp, Wp) -> (..., OH, OW, KH, KW)
    """
    (sh, sw), (dh, dw), (oh, ow) = geometry.stride, geometry.dilation, geometry.out
    *outer, row, col = x_padded.strides
    # Window (i, j)'s cell (m, n) sits at row i·sh + m·dh, column j·sw + n·dw of the padded input.
    return strided_view(x_padded, (*x_padded.shape[:-2], oh, ow, *geometry.kernel),
                        (*outer, row * sh, col * sw, row * dh, col * dw))


def conv2d(x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None = None, stride: IntOrPair = 1,
           padding: Padding = 0, dilation: IntOrPair = 1, padding_mode: str = "zeros",
           mode: str = "cross-correlation", groups: int = 1) -> np.ndarray:
    """Convolve a batch with a bank of filters (PyTorch's conv2d semantics, plus a convolution mode).

    The channels and filters split into `groups` independent convolutions: filter f sees only the
    input channels of its group, f // (F/groups); groups = C is depthwise.

    x: (N, C, H, W); weight: (F, C/groups, KH, KW); bias: (F,) or None -> (N, F, OH, OW)
    """
    geometry = conv_geometry(x.shape, weight.shape, stride, padding, dilation, padding_mode, mode, groups)
    dtype = np.result_type(x, weight)
    bank = applied_kernel(weight, mode).astype(dtype, copy=False)  # (F, C/groups, KH, KW)
    bias = None if bias is None else bias.astype(dtype, copy=False)  # (F,)
    n, c = x.shape[:2]
    f, depth, kh, kw = weight.shape
    if groups > 1 and depth == 1:  # depthwise
        return depthwise_rows(x, bank, bias, geometry, padding_mode, _DEPTHWISE_BLOCK_BYTES)
    x_padded = pad2d(x, geometry.pads, padding_mode)  # (N, C, Hp, Wp)
    if kh == kw == 1:
        return _pointwise(x_padded, bank, bias, geometry, groups)
    itemsize = np.dtype(dtype).itemsize
    parts = _parts(f // groups, n * f * geometry.out[0] * geometry.out[1] * depth * kh * kw, itemsize)
    if groups == 1 and _rows_pay(c, f, geometry, itemsize):
        return conv2d_rows(x_padded, bank, bias, geometry, _BLOCK_BYTES, _product_columns(f, c * kw), parts)
    return _conv2d_im2col(x_padded, bank, bias, geometry, parts, groups)


def _pointwise(x_padded: np.ndarray, bank: np.ndarray, bias: np.ndarray | None, geometry: WindowGeometry,
               groups: int) -> np.ndarray:
    """A 1×1 convolution is a matrix product per sample and group: no window to copy.

    x_padded: (N, C, Hp, Wp); bank: (F, C/groups, 1, 1); bias: (F,) or None -> (N, F, OH, OW)
    """
    n, c = x_padded.shape[:2]
    f = bank.shape[0]
    (sh, sw), (oh, ow) = geometry.stride, geometry.out
    picked = x_padded[:, :, :oh * sh:sh, :ow * sw:sw]  # (N, C, OH, OW): the cells the kernel lands on
    columns = picked.reshape(n, groups, c // groups, oh * ow)  # (N, G, C/G, OH*OW), a copy only when strided
    out = np.empty((n, f, oh * ow), dtype=np.result_type(x_padded, bank))
    np.matmul(bank.reshape(groups, f // groups, c // groups), columns,
              out=out.reshape(n, groups, f // groups, oh * ow))  # (G, F/G, C/G) @ (N, G, C/G, L)
    if bias is not None:
        out += bias.reshape(f, 1)
    return out.reshape(n, f, oh, ow)


def _parts(filters: int, multiply_adds: int, itemsize: int) -> int:
    """How many threads share a convolution's blocks: all when its products are small ones and it
    is long enough, else one."""
    if filters > _SMALL_PRODUCT_FILTERS or multiply_adds * itemsize < _PARALLEL_WORK:
        return 1
    return THREADS


def _conv2d_im2col(x_padded: np.ndarray, bank: np.ndarray, bias: np.ndarray | None,
                   geometry: WindowGeometry, parts: int = 1, groups: int = 1) -> np.ndarray:
    """x_padded: (N, C, Hp, Wp); bank: (F, C/groups, KH, KW) as laid on the input; bias: (F,) or None
    -> (N, F, OH, OW). Each group's filters multiply its own channels' columns, one product per group
    and block (a batched matmul); the blocks are shared by `parts` threads."""
    n, c = x_padded.shape[:2]
    f, _, kh, kw = bank.shape
    oh, ow = geometry.out
    dtype = np.result_type(x_padded, bank)
    depth = c // groups * kh * kw  # of one group's columns
    filters = bank.reshape(groups, f // groups, depth)  # (F, C/G, KH, KW) -> (G, F/G, C/G*KH*KW)
    all_windows = windows(x_padded, geometry)  # (N, C, OH, OW, KH, KW)

    # Filters first, so that a block of whole rows is one contiguous (F, B*R*OW) piece that the
    # matmul writes in place and the bias is added to while it is still in cache.
    out = np.empty((f, n, oh, ow), dtype=dtype)
    bias_column = None if bias is None else bias.reshape(groups, f // groups, 1)  # (G, F/G, 1)
    cells = max(1, min(n * oh * ow, _cells_per_block(c * kh * kw, np.dtype(dtype).itemsize, f // groups,
                                                     groups)))  # an empty batch: 1

    def compute(blocks: list[tuple[slice, slice, slice]]) -> None:
        buffer = np.empty(c * kh * kw * cells, dtype=x_padded.dtype)  # one block's columns, reused:
        # fresh memory for each block cost page faults (about 10 % of a 224×224 convolution)
        for samples, rows, cols in blocks:
            block = all_windows[samples, :, rows, cols]  # (B, C, R, W, KH, KW)
            b, _, r, w = block.shape[:4]
            # (G, C/G*KH*KW, B*R*W): the groups' columns one after another, as C runs group by group
            columns = buffer[:c * kh * kw * b * r * w].reshape(groups, depth, b * r * w)
            # (B, C, R, W, KH, KW) -> (C, KH, KW, B, R, W): the one copy.
            np.copyto(columns.reshape(c, kh, kw, b, r, w), block.transpose(1, 4, 5, 0, 2, 3))
            target = out[:, samples, rows, cols]  # (F, B, R, W)
            if w == ow:  # whole rows of one sample, or whole samples: a view of shape (G, F/G, B*R*W)
                result = np.matmul(filters, columns,
                                   out=np.reshape(target, (groups, f // groups, b * r * w), copy=False))
            else:  # pieces of a row (a huge kernel on a wide input)
                result = filters @ columns  # (G, F/G, B*R*W)
            if bias_column is not None:
                result += bias_column
            if w != ow:
                target[...] = result.reshape(f, b, r, w)

    in_parts(list(_blocks(n, (oh, ow), cells)), compute, parts)
    return np.ascontiguousarray(out.transpose(1, 0, 2, 3))  # (N, F, OH, OW); no copy when N is 1


def _rows_pay(c: int, f: int, geometry: WindowGeometry, itemsize: int) -> bool:
    """Whether conv_rows beats im2col: rows one apart (stride 1 down), C·KW deep enough for its
    products (at 20-24 it lost as often as it won; from 30 up it won, e.g. 2.3× on 64×8×28×28 * 5×5),
    few filters (with 64 and more, one product of depth C·KH·KW ran up to 3× faster than KH of
    depth C·KW), and blocks of rows tall enough that the KH-1 rows each block copies again stay a
    small part."""
    (sh, _), (kh, kw), (dh, _), (_, ow) = geometry.stride, geometry.kernel, geometry.dilation, geometry.out
    reach = (kh - 1) * dh
    bytes_per_row = c * kw * ow * itemsize
    return (sh == 1 and c * kw >= _ROWS_MIN_DEPTH and f <= _ROWS_MAX_FILTERS
            and (5 * reach + 1) * bytes_per_row <= _BLOCK_BYTES)


def _cells_per_block(depth: int, itemsize: int, filters: int, groups: int = 1) -> int:
    """Output cells whose im2col columns (`depth` values each, depth/groups per group) fit in
    _BLOCK_BYTES and whose products, `filters` rows each, stay small ones (at least one cell)."""
    return max(1, min(_BLOCK_BYTES // (depth * itemsize), _product_columns(filters, depth // groups)))


def _product_columns(filters: int, depth: int) -> int:
    """Most columns a product of `filters` rows of `depth` values may have to stay a small product
    (at least one); no limit when there are too many filters for small products to pay."""
    if filters > _SMALL_PRODUCT_FILTERS:
        return sys.maxsize
    return max(1, _SMALL_PRODUCT // (filters * depth))


def _blocks(n: int, out: tuple[int, int], cells: int) -> Iterator[tuple[slice, slice, slice]]:
    """(samples, rows, columns) slices of the output with at most `cells` cells each.

    Whole samples when one fits, else whole rows of one sample, else pieces of a row
    (a huge kernel on a wide input); every block holds at least one output cell.
    """
    oh, ow = out
    if cells >= oh * ow:
        step = cells // (oh * ow)
        for first in range(0, n, step):
            yield slice(first, first + step), slice(None), slice(None)
        return
    cols_per_block = min(ow, cells)
    rows_per_block = max(1, cells // cols_per_block)
    for sample in range(n):
        for top in range(0, oh, rows_per_block):
            for left in range(0, ow, cols_per_block):
                yield (slice(sample, sample + 1), slice(top, top + rows_per_block),
                       slice(left, left + cols_per_block))
