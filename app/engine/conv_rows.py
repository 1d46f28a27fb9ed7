"""Convolution by shifted rows: each input value is copied KW times instead of KH·KW times.

im2col (conv.py) copies every window into a column. Here, for a stride of 1 down the rows, each
padded input row is copied once per kernel column, into a matrix whose columns are the output
positions of *every* padded row. Kernel row m's part of the output is then one matrix product
with that matrix shifted m·dh rows: a view, not a copy. KH products with an inner dimension of
C·KW replace one with C·KH·KW, which pays when C·KW is deep enough for BLAS (see conv.py).

depthwise_rows makes the same copies for convolutions one channel deep per group, where no
product is deep: one product per plane gives all KH kernel rows' parts, which are then summed.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from .geometry import WindowGeometry
from .padding import pad2d
from .parallel import in_parts
from .views import strided_view


def conv2d_rows(x_padded: np.ndarray, filters: np.ndarray, bias: np.ndarray | None, geometry: WindowGeometry,
                block_bytes: int, product_columns: int, parts: int = 1) -> np.ndarray:
    """x_padded: (N, C, Hp, Wp); filters: (F, C, KH, KW) as laid on the input; bias: (F,) or None
    -> (N, F, OH, OW). The stride down the rows must be 1. A block's copy takes at most block_bytes
    and each matrix product at most product_columns output cells of a sample (at least a row);
    the blocks are shared by `parts` threads."""
    n, c, hp, _ = x_padded.shape
    f, _, kh, kw = filters.shape
    (_, sw), (dh, dw), (oh, ow) = geometry.stride, geometry.dilation, geometry.out
    s_n, s_c, s_h, s_w = x_padded.strides
    # rows[n, c, q, y, j] = x_padded[n, c, y, j·sw + q·dw]: every padded row y under kernel column q.
    rows = strided_view(x_padded, (n, c, kw, hp, ow), (s_n, s_c, s_w * dw, s_h, s_w * sw))
    by_kernel_row = np.ascontiguousarray(filters.transpose(2, 0, 1, 3)).reshape(kh, f, c * kw)  # (KH, F, C*KW)
    bias_column = None if bias is None else bias.reshape(f, 1)  # (F, 1)
    out = np.empty((n, f, oh * ow), dtype=np.result_type(x_padded, filters))
    reach = (kh - 1) * dh  # padded rows below its last output row that a block reads
    bytes_per_row = c * kw * ow * x_padded.itemsize
    max_rows = max(1, product_columns // ow)  # of one sample, in one product

    def compute(blocks: list[tuple[slice, int, int]]) -> None:
        # Buffers for the largest block (a part may start with a sample's short last one), reused.
        most_samples = max(len(range(n)[samples]) for samples, _, _ in blocks)
        most_rows = max(bottom - top for _, top, bottom in blocks)
        copies = np.empty(most_samples * c * kw * (most_rows + reach) * ow, out.dtype)
        products = np.empty(most_samples * f * most_rows * ow, out.dtype)
        for samples, top, bottom in blocks:
            block = rows[samples, :, :, top:bottom + reach]  # (B, C, KW, R + reach, OW)
            b, r = block.shape[0], bottom - top
            columns = copies[:block.size].reshape(b, c * kw, (r + reach) * ow)
            columns.reshape(block.shape)[...] = block  # the one copy
            target = out[samples, :, top * ow:bottom * ow]  # (B, F, R*OW)
            partial = products[:target.size].reshape(target.shape)
            for m in range(kh):
                shifted = columns[:, :, m * dh * ow:(m * dh + r) * ow]  # (B, C*KW, R*OW): rows m·dh lower
                if m == 0:
                    np.matmul(by_kernel_row[0], shifted, out=target)
                else:
                    target += np.matmul(by_kernel_row[m], shifted, out=partial)
            if bias_column is not None:
                target += bias_column

    in_parts(list(row_blocks(n, oh, reach, bytes_per_row, block_bytes, max_rows)), compute, parts)
    return out.reshape(n, f, oh, ow)


def row_blocks(n: int, oh: int, reach: int, bytes_per_row: int, block_bytes: int,
               max_rows: int) -> Iterator[tuple[slice, int, int]]:
    """(samples, top, bottom): output rows top..bottom-1 of those samples, at most max_rows of a
    sample, whose copied rows (reach more than the output rows) fit in block_bytes; whole samples
    when one fits, and at least one output row."""
    sample_bytes = (oh + reach) * bytes_per_row
    if sample_bytes <= block_bytes and oh <= max_rows:
        step = block_bytes // sample_bytes
        for first in range(0, n, step):
            yield slice(first, min(n, first + step)), 0, oh
        return
    rows_per_block = max(1, min(block_bytes // bytes_per_row - reach, max_rows))
    for sample in range(n):
        for top in range(0, oh, rows_per_block):
            yield slice(sample, sample + 1), top, min(oh, top + rows_per_block)


def depthwise_rows(x: np.ndarray, filters: np.ndarray, bias: np.ndarray | None, geometry: WindowGeometry,
                   padding_mode: str, block_bytes: int) -> np.ndarray:
    """Depthwise convolution (one input channel per group) by shifted rows.

    x: (N, C, H, W), unpadded; filters: (C*M, 1, KH, KW) as laid on the input, M per channel;
    bias: (C*M,) or None -> (N, C*M, OH, OW)

    Each plane's padded rows are copied KW times, shifted by a kernel column each; one product per
    plane then gives every kernel row's part of every padded row at once, (M*KH, KW) @ (KW, R*OW),
    and output row i is the sum over kernel rows m of row m's part of padded row i·sh + m·dh.
    Zero padding is added block by block, into a buffer that stays in cache.
    """
    n, c, h, w = x.shape
    f, _, kh, kw = filters.shape
    per_channel = f // c
    (sh, sw), (dh, dw), (oh, ow) = geometry.stride, geometry.dilation, geometry.out
    _, wp = geometry.padded
    dtype = np.result_type(x, filters)
    if padding_mode == "zeros":  # zeros are added block by block
        planes, (top, _, left, _) = x.reshape(n * c, h, w), geometry.pads  # (N*C, H, W)
    else:  # the other modes read across the plane: pad it whole first
        planes, top, left = pad2d(x, geometry.pads, padding_mode), 0, 0
        planes = planes.reshape(n * c, *planes.shape[2:])  # (N*C, Hp, Wp)
    rows_in, cols_in = planes.shape[1:]
    # (C*M, 1, KH, KW) -> (C, M*KH, KW), then once for each sample: (N*C, M*KH, KW)
    by_plane = np.tile(filters.astype(dtype, copy=False).reshape(c, per_channel * kh, kw), (n, 1, 1))
    biases = None if bias is None else np.tile(bias.astype(dtype, copy=False).reshape(c, per_channel, 1, 1),
                                               (n, 1, 1, 1))  # (N*C, M, 1, 1)
    out = np.empty((n * c, per_channel, oh, ow), dtype=dtype)  # = (N, C*M, OH, OW)
    reach = (kh - 1) * dh  # padded rows below an output row's first that it reads
    blocks = list(_plane_blocks(n * c, oh, sh, reach, ow * (kw + per_channel * kh) * np.dtype(dtype).itemsize,
                                block_bytes))
    if not blocks:  # an empty batch
        return out.reshape(n, f, oh, ow)
    # Buffers for the largest block, reused. The padded one starts as zeros; only its padding rows
    # that a block's input overwrote are zeroed again.
    most_planes = max(block.stop - block.start for block, _, _ in blocks)
    most_rows = max((bottom - top_row - 1) * sh + reach + 1 for _, top_row, bottom in blocks)
    padded = np.zeros((most_planes, most_rows, wp), dtype=dtype)
    copies = np.empty(most_planes * kw * most_rows * ow, dtype=dtype)
    products = np.empty(most_planes * per_channel * kh * most_rows * ow, dtype=dtype)
    written = 0, 0  # rows of `padded` that hold input
    for block, i0, i1 in blocks:
        b, first, r = block.stop - block.start, i0 * sh, (i1 - i0 - 1) * sh + reach + 1  # r padded rows from first
        above = min(max(top - first, 0), r)  # of them, in the top padding
        inside = max(min(rows_in - (first + above - top), r - above), 0)  # of them, from the input
        for start, stop in (written[0], min(written[1], above)), (max(written[0], above + inside), written[1]):
            if start < stop:
                padded[:, start:stop] = 0  # the last block's rows of input where this one has padding
        rows = padded[:b, :r]  # (B, R, Wp)
        start = first + above - top
        rows[:, above:above + inside, left:left + cols_in] = planes[block, start:start + inside]
        written = above, above + inside
        s_b, s_r, s_w = rows.strides
        # [b, q, y, j] = rows[b, y, j·sw + q·dw]: every padded row under kernel column q
        shifted = strided_view(rows, (b, kw, r, ow), (s_b, s_w * dw, s_r, s_w * sw))  # (B, KW, R, OW)
        columns = copies[:shifted.size].reshape(b, kw, r * ow)  # (B, KW, R*OW)
        columns.reshape(shifted.shape)[...] = shifted  # the one copy
        # Every kernel row's part of every padded row: (B, M*KH, KW) @ (B, KW, R*OW) -> (B, M*KH, R*OW)
        parts = np.matmul(by_plane[block], columns,
                          out=products[:b * per_channel * kh * r * ow].reshape(b, per_channel * kh, r * ow))
        parts = parts.reshape(b, per_channel, kh, r, ow)  # (B, M*KH, R*OW) -> (B, M, KH, R, OW)
        span = (i1 - i0 - 1) * sh + 1
        total = parts[:, :, 0, 0:span:sh]  # (B, M, I, OW), summed in place
        for m in range(1, kh - 1):
            total += parts[:, :, m, m * dh:m * dh + span:sh]
        if biases is not None:
            total += biases[block]
        target = out[block, :, i0:i1]  # (B, M, I, OW)
        if kh == 1:
            np.copyto(target, total)
        else:
            last = (kh - 1) * dh
            np.add(total, parts[:, :, kh - 1, last:last + span:sh], out=target)
    return out.reshape(n, f, oh, ow)


def _plane_blocks(planes: int, oh: int, sh: int, reach: int, bytes_per_row: int,
                  block_bytes: int) -> Iterator[tuple[slice, int, int]]:
    """(planes, top, bottom): output rows top..bottom-1 of those planes, whose padded rows
    ((rows - 1)·sh + reach + 1 of them, bytes_per_row each) fit in block_bytes; whole planes when
    one fits, and at least one output row."""
    plane_bytes = ((oh - 1) * sh + reach + 1) * bytes_per_row
    if plane_bytes <= block_bytes:
        step = block_bytes // plane_bytes
        for first in range(0, planes, step):
            yield slice(first, min(planes, first + step)), 0, oh
        return
    rows_per_block = max(1, (block_bytes // bytes_per_row - reach - 1) // sh + 1)
    for plane in range(planes):
        for top in range(0, oh, rows_per_block):
            yield slice(plane, plane + 1), top, min(oh, top + rows_per_block)
