"""POST /api/pool: request and response."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ...engine.pool import KINDS
from ..encoding import Array, EncodingOption
from .fields import ImageInput, PairOf

PoolSize = PairOf("size", 1)
PoolStride = PairOf("stride", 1)
PoolPadding = PairOf("padding", 0)
PoolDilation = PairOf("dilation", 1)


class PoolParameters(BaseModel):
    """A pooling window; shared with the forward pass's pool layers."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    size: PoolSize = Field(description="window side, int or [kh, kw]")
    stride: PoolStride | None = Field(None, description="default: the window size")
    padding: PoolPadding = Field((0, 0), description="at most half the window; max pads with −∞, "
                                                     "avg with zeros that count in the mean")
    ceil_mode: bool = Field(False, strict=True, description="round the output size up: a last window that "
                                                           "starts inside the input may run past it")
    dilation: PoolDilation = Field((1, 1), description="max only: gaps between the window's cells")
    count_include_pad: bool = Field(True, strict=True, description="avg only: false divides by the cells "
                                                                   "inside the input")

    def pool_settings(self, kind: str) -> dict:
        """pool2d's arguments besides the input."""
        return dict(kind=kind, size=self.size, stride=self.stride, padding=self.padding, ceil_mode=self.ceil_mode,
                    dilation=self.dilation, count_include_pad=self.count_include_pad)


class PoolRequest(PoolParameters, ImageInput, EncodingOption):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"input": [[1, 3, 2, 4], [5, 6, 1, 2], [7, 2, 9, 0], [1, 8, 3, 4]], "kind": "max", "size": 2},
        {"input": [[1, 3, 2], [5, 6, 1], [7, 2, 9]], "kind": "avg", "size": 2, "stride": 1, "trace": True},
        {"input": [[1, 3, 2], [5, 6, 1], [7, 2, 9]], "kind": "avg", "size": 2, "ceil_mode": True,
         "count_include_pad": False, "trace": True},
        {"input": [[1, 3, 2, 4], [5, 6, 1, 2], [7, 2, 9, 0], [1, 8, 3, 4]], "kind": "max", "size": 2, "dilation": 2},
    ]})

    kind: Literal[KINDS]
    trace: bool = Field(False, strict=True, description="include one step per output cell, for animation")


class PoolTraceModel(BaseModel):
    """Columnar, one entry per output cell, row-major over (channel,) row, column."""

    padded_input: Array = Field(description="padding included; null (in base64: −∞) marks max pooling's −∞ padding")
    padding: list[int] = Field(description="[top, bottom, left, right]")
    steps: int
    cell: Array = Field(description="[channel, row, col] for a C×H×W input, else [row, col]")
    rows: Array
    cols: Array
    values: Array = Field(description="the window (S×kh×kw); null (in base64: −∞) marks −∞ padding")
    value: Array
    winner: Array | None = Field(None, description="max: [row, col] in the padded input")
    sum: Array | None = Field(None, description="avg: Σ window")
    count: int | None = Field(None, description="avg: what every window's sum is divided by (zero padding counts "
                                                "unless count_include_pad is false); null when windows differ")
    divisor: Array | None = Field(None, description="avg: what each window's sum is divided by")


class PoolResponse(BaseModel):
    output: Array = Field(description="same rank as the input")
    shape: list[int]
    winners: Array | None = Field(None, description="max: [row, col] in the input of each window's winner "
                                                   "(the first maximum in row-major order)")
    trace: PoolTraceModel | None = None
