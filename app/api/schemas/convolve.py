"""POST /api/convolve: request and response."""

from __future__ import annotations

from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from ...engine.conv import MODES
from ...engine.geometry import PADDING_MODES
from ..encoding import Array, EncodingOption
from .fields import ArrayOf, Bias, Dilation, ImageInput, Padding, Stride

PaddingMode = Literal[PADDING_MODES]
Mode = Literal[MODES]

SEED_EXAMPLE = {"input": [[1, 2, 3], [4, 5, 6], [7, 8, 9]], "kernel": [[1, 1], [0, 2]]}


class ConvolutionParameters(BaseModel):
    """Everything about a convolution except its input; shared with the forward pass's conv2d layer."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    stride: Stride = Field((1, 1), description="int or [sh, sw]")
    padding: Padding = Field((0, 0), description='int, [ph, pw], "valid" or "same" (stride 1 only; '
                                                 'an odd total puts the extra pixel bottom/right, as PyTorch)')
    padding_mode: PaddingMode = "zeros"
    dilation: Dilation = Field((1, 1), description="int or [dh, dw]; 1 means no gaps")
    mode: Mode = Field("cross-correlation", description='"convolution" turns the kernel 180° first')
    groups: int = Field(1, ge=1, strict=True, description="filters read only their group of C/groups channels; "
                                                          "groups = C is depthwise")


class ConvolveRequest(ConvolutionParameters, ImageInput, EncodingOption):
    """One input, one filter (2-D/3-D kernel) or a bank of F filters (4-D kernel)."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        SEED_EXAMPLE,
        {"input": [[[1, 0, 2], [0, 1, 0], [2, 0, 1]], [[0, 1, 0], [1, 1, 1], [0, 1, 0]]],
         "kernel": [[[[1, 0], [0, 1]], [[0, 1], [1, 0]]]], "bias": [0.5], "padding": 1, "stride": 2,
         "trace": True},
        {"input": [[[1, 2], [3, 4]], [[5, 6], [7, 8]]], "kernel": [[[[1, -1]]], [[[2, 0]]]], "groups": 2},
    ]})

    kernel: ArrayOf(2, 4, "kh×kw, C×kh×kw or F×C×kh×kw")
    bias: Bias | None = Field(None, description="a number, or one per filter; default 0")
    trace: bool = Field(False, strict=True, description="include one step per output cell, for animation")

    @field_validator("kernel")
    @classmethod
    def _kernel_fits_input(cls, kernel: np.ndarray, info: ValidationInfo) -> np.ndarray:
        image = info.data.get("input")  # absent when the input itself was refused
        if image is not None and image.ndim == 2 and kernel.ndim == 3:
            raise PydanticCustomError("invalid", "a C×kh×kw kernel needs a C×H×W input, but the input is H×W")
        if image is not None and image.ndim == 3 and kernel.ndim == 2:
            raise PydanticCustomError("invalid", "a C×H×W input needs a C×kh×kw kernel "
                                                 "(one kh×kw slice per channel), but the kernel is kh×kw")
        return kernel

    @field_validator("bias")
    @classmethod
    def _one_bias_per_filter(cls, bias: np.ndarray | None, info: ValidationInfo) -> np.ndarray | None:
        kernel = info.data.get("kernel")
        filters = kernel.shape[0] if kernel is not None and kernel.ndim == 4 else 1
        if bias is not None and bias.size not in (1, filters):
            raise PydanticCustomError("invalid", f"must be one number or {filters} (one per filter), "
                                                 f"got {bias.size}")
        return bias

    def filter_bank(self) -> np.ndarray:
        """The kernel as a bank. -> (F, C, KH, KW)"""
        if self.kernel.ndim == 4:
            return self.kernel
        return self.kernel.reshape(1, -1, *self.kernel.shape[-2:])

    def bias_per_filter(self) -> np.ndarray:
        """-> (F,)"""
        filters = self.filter_bank().shape[0]
        if self.bias is None:
            return np.zeros(filters)
        return np.full(filters, self.bias[0]) if self.bias.size == 1 else self.bias.copy()


class ConvTraceModel(BaseModel):
    """Columnar: every per-step field has one entry per output cell, row-major over (filter,) row, column."""

    padded_input: Array = Field(description="what the window slides over, padding included (input's rank)")
    padding: list[int] = Field(description="[top, bottom, left, right]")
    kernel: Array = Field(description="the kernel as laid on the input (turned 180° in convolution mode)")
    steps: int
    cell: Array = Field(description="[filter, row, col] for a bank, else [row, col]")
    rows: Array = Field(description="padded-input row under each kernel row (S×kh)")
    cols: Array = Field(description="padded-input column under each kernel column (S×kw)")
    values: Array = Field(description="input values under the window (S×kh×kw, or S×C×kh×kw)")
    products: Array = Field(description="values × kernel, same shape as values")
    channel_sums: Array | None = Field(None, description="Σ products per channel (S×C), "
                                                                    "for a C×H×W input")
    groups: int | None = Field(None, description="only when above 1: the window of filter f covers channels "
                                                 "g·C/groups … (g + 1)·C/groups − 1, g = f // (F/groups)")
    sum: Array
    bias: Array
    value: Array = Field(description="sum + bias: the output cell")


class ConvolveResponse(BaseModel):
    output: Array = Field(description="H'×W' for one filter, F×H'×W' for a bank")
    shape: list[int]
    trace: ConvTraceModel | None = None
