"""One convolution's independent blocks spread over the CPU's cores, as PyTorch's intra-op threads do.

conv.py uses it only where the BLAS runs each block's matrix product on one core (small products,
see blas.py); elsewhere OpenBLAS spreads each product over the cores itself, and threads of ours
would compete with its threads. NumPy releases the GIL while it copies and multiplies, so the
parts run side by side; each block is computed as it would be alone, so the result is the same
to the bit.
"""

from __future__ import annotations

import contextvars
import functools
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

Block = TypeVar("Block")

# Measured with 2 on a 2-core machine; more parts than cores would only take turns.
THREADS = min(4, os.cpu_count() or 1)


@functools.cache
def _pool() -> ThreadPoolExecutor:
    """The helper threads, started at the first parallel convolution (the caller's thread is the other)."""
    return ThreadPoolExecutor(max_workers=max(1, THREADS - 1), thread_name_prefix="convscope-engine")


if hasattr(os, "register_at_fork"):  # a forked child has none of its parent's threads: it starts its own
    os.register_at_fork(after_in_child=_pool.cache_clear)


def in_parts(blocks: Sequence[Block], work: Callable[[Sequence[Block]], None], parts: int) -> None:
    """work(part) for up to `parts` contiguous parts of `blocks`: the first in this thread, the
    others in the pool, each in a copy of this thread's context so that np.errstate carries over."""
    size = max(1, -(-len(blocks) // max(1, parts)))
    chunks = [blocks[start:start + size] for start in range(0, len(blocks), size)]
    others = [_pool().submit(contextvars.copy_context().run, work, chunk) for chunk in chunks[1:]]
    try:
        if chunks:
            work(chunks[0])
    finally:
        for other in others:  # every part has finished before the output is used, even after an error
            other.result()
