"""What the BLAS under NumPy does with small matrix products: it decides how convolutions are blocked."""

from __future__ import annotations

import os

import numpy as np

# OpenBLAS's x86 cores with small-matrix kernels; OPENBLAS_CORETYPE can force any other core.
_AVX512_CORES = ("skylakex", "cooperlake", "sapphirerapids")


def small_products_unpacked() -> bool:
    """Whether NumPy's BLAS multiplies products of at most 10^6 multiply-adds without first packing
    its operands: OpenBLAS (0.3.17 on, as NumPy's wheels ship it) has such kernels for CPUs with
    AVX-512 only. With its AVX2 kernels (OPENBLAS_CORETYPE=Haswell) blocks cut that small ran up to
    1.2× slower in float32, so elsewhere they are not cut."""
    try:
        from numpy._core._multiarray_umath import __cpu_features__  # the table NumPy dispatches on

        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]["name"]
    except (ImportError, KeyError, TypeError):
        return False
    forced = os.environ.get("OPENBLAS_CORETYPE", "").lower()
    return ("openblas" in str(blas).lower() and bool(__cpu_features__.get("AVX512F"))
            and (not forced or forced in _AVX512_CORES))
