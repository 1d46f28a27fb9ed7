"""POST /api/pool: request and response."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..encoding import EncodedArray, EncodingOption
from .fields import ImageInput, PairOf

PoolSize = PairOf("size", 1)
PoolStride = PairOf("stride", 1)
PoolPadding = PairOf("padding", 0)


class PoolParameters(BaseModel):
    """A pooling window; shared with the forward pass's pool layers."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    size: PoolSize = Field(description="window side, int or [kh, kw]")
    stride: PoolStride | None = Field(None, description="default: the window size")
    padding: PoolPadding = Field((0, 0), description="at most half the window; max pads with −∞, "
                                                     "avg with zeros that count in the mean")


class PoolRequest(PoolParameters, ImageInput, EncodingOption):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"input": [[1, 3, 2, 4], [5, 6, 1, 2], [7, 2, 9, 0], [1, 8, 3, 4]], "kind": "max", "size": 2},
        {"input": [[1, 3, 2], [5, 6, 1], [7, 2, 9]], "kind": "avg", "size": 2, "stride": 1, "trace": True},
    ]})

    kind: Literal["max", "avg"]
    trace: bool = Field(False, strict=True, description="include one step per output cell, for animation")


class PoolTraceModel(BaseModel):
    """Columnar, one entry per output cell, row-major over (channel,) row, column."""

    padded_input: list = Field(description="padding included; null marks max pooling's −∞ padding")
    padding: list[int] = Field(description="[top, bottom, left, right]")
    steps: int
    cell: list[list[int]] = Field(description="[channel, row, col] for a C×H×W input, else [row, col]")
    rows: list[list[int]]
    cols: list[list[int]]
    values: list = Field(description="the window (S×kh×kw); null marks −∞ padding")
    value: list[float]
    winner: list[list[int]] | None = Field(None, description="max: [row, col] in the padded input")
    sum: list[float] | None = Field(None, description="avg: Σ window")
    count: int | None = Field(None, description="avg: cells per window (zero padding counts)")


class PoolResponse(BaseModel):
    output: list | EncodedArray = Field(description="same rank as the input")
    shape: list[int]
    winners: list | None = Field(None, description="max: [row, col] in the input of each window's winner "
                                                   "(the first maximum in row-major order)")
    trace: PoolTraceModel | None = None
