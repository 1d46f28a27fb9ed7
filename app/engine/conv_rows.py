"""Convolution by shifted rows: each input value is copied KW times instead of KH·KW times.

im2col (conv.py) copies every window into a column. Here, for a stride of 1 down the rows, each
padded input row is copied once per kernel column, into a matrix whose columns are the output
positions of *every* padded row. Kernel row m's part of the output is then one matrix product
with that matrix shifted m·dh rows: a view, not a copy. KH products with an inner dimension of
C·KW replace one with C·KH·KW, which pays when C·KW is deep enough for BLAS (see conv.py).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from .geometry import WindowGeometry
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
