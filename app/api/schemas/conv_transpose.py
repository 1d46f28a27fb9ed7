"""POST /api/conv_transpose: request and response."""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ..encoding import Array, EncodingOption
from .fields import ArrayOf, Bias, Dilation, ImageInput, PairOf, Stride, located

TransposePadding = PairOf("padding", 0)
OutputPadding = PairOf("output_padding", 0)

# Stride 2 spreads each input cell's kernel copy two cells apart: the 2×2 input becomes 5×5 (3×3 kernel).
UPSAMPLING_EXAMPLE = {"input": [[1, 2], [3, 4]], "kernel": [[1, 1, 1], [1, 1, 1], [1, 1, 1]], "stride": 2}


class TransposeParameters(BaseModel):
    """Everything about a transposed convolution except its input; shared with the conv_transpose2d layer."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    stride: Stride = Field((1, 1), description="int or [sh, sw]: how far apart each input cell's kernel lands")
    padding: TransposePadding = Field((0, 0), description="int or [ph, pw]: cropped from each side of the output")
    output_padding: OutputPadding = Field((0, 0), description="added to the bottom and right of the output; "
                                                              "smaller than the stride or the dilation")
    dilation: Dilation = Field((1, 1), description="int or [dh, dw]")
    groups: int = Field(1, ge=1, strict=True, description="input channels and filters split into groups")

    def settings(self) -> dict:
        return dict(stride=self.stride, padding=self.padding, output_padding=self.output_padding,
                    dilation=self.dilation, groups=self.groups)


class ConvTransposeRequest(TransposeParameters, ImageInput, EncodingOption):
    """One input; a kh×kw kernel (one channel in and out) or a C×(F/groups)×kh×kw bank."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        UPSAMPLING_EXAMPLE,
        {"input": [[[1, 2], [3, 4]], [[0, 1], [1, 0]]], "kernel": [[[[1, 0], [0, 1]]], [[[2, 2], [2, 2]]]],
         "bias": [0.5], "stride": 2, "padding": 1, "output_padding": 1, "trace": True},
    ]})

    kernel: ArrayOf(2, 4, "kh×kw or C×(F/groups)×kh×kw")
    bias: Bias | None = Field(None, description="a number, or one per output channel; default 0")
    trace: bool = Field(False, strict=True, description="include one step per input cell: where it scatters")

    @field_validator("kernel")
    @classmethod
    def _kernel_fits_input(cls, kernel: np.ndarray, info: ValidationInfo) -> np.ndarray:
        image = info.data.get("input")  # absent when the input itself was refused
        if kernel.ndim == 3:
            raise PydanticCustomError("invalid", "must be kh×kw (one channel in and out) or C×(F/groups)×kh×kw, "
                                                 f"got 3 dimensions (shape {list(kernel.shape)})")
        if image is not None and image.ndim == 3 and kernel.ndim == 2:
            raise PydanticCustomError("invalid", "a C×H×W input needs a C×(F/groups)×kh×kw kernel, "
                                                 "but the kernel is kh×kw")
        return kernel

    @model_validator(mode="after")
    def _one_bias_per_filter(self) -> ConvTransposeRequest:
        if self.bias is not None and self.bias.size not in (1, self.filters()):
            raise located("bias", f"must be one number or {self.filters()} (one per output channel), "
                                  f"got {self.bias.size}")
        return self

    def filter_bank(self) -> np.ndarray:
        """The kernel as a bank. -> (C, F/groups, KH, KW)"""
        return self.kernel if self.kernel.ndim == 4 else self.kernel.reshape(1, 1, *self.kernel.shape)

    def filters(self) -> int:
        return self.filter_bank().shape[1] * self.groups

    def bias_per_filter(self) -> np.ndarray | None:
        """-> (F,), or None when there is no bias."""
        if self.bias is None or self.bias.size != 1:
            return self.bias
        return np.full(self.filters(), self.bias[0])


class ConvTransposeTraceModel(BaseModel):
    """The scatter view, columnar: one entry per input cell, channel-major, then row-major."""

    steps: int
    kernel: Array = Field(description="C×(F/groups)×kh×kw (kh×kw for a kh×kw kernel)")
    cell: Array = Field(description="[channel, row, col] of the input cell ([row, col] for an H×W input)")
    input_value: Array = Field(description="the input cell's value")
    filters: Array = Field(description="the output channels it adds into (S×F/groups): its group's")
    rows: Array = Field(description="output row under each kernel row (S×kh): i·sh − ph + m·dh")
    cols: Array = Field(description="output column under each kernel column (S×kw)")
    kept: Array = Field(description="S×kh×kw, 1 where the product lands inside the output, 0 where the "
                                    "padding crops it away")
    products: Array = Field(description="input value × kernel (S×F/groups×kh×kw): each output cell is its "
                                        "bias plus the kept products that land on it")
    bias: Array = Field(description="one per output channel")


class ConvTransposeResponse(BaseModel):
    output: Array = Field(description="H'×W' for a kh×kw kernel, else F×H'×W'")
    shape: list[int]
    trace: ConvTransposeTraceModel | None = None
