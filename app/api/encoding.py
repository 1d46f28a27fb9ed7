"""Array encodings in responses: JSON numbers (the default, for tools) or compact base64 float32.

base64 packs an array as little-endian float32 bytes with its shape: about 5 bytes per number
instead of ~18, and no float parsing on either side. The browser asks for it for image-sized maps.
"""

from __future__ import annotations

import base64
from typing import Literal

import numpy as np
from pydantic import BaseModel, Field

Encoding = Literal["json", "base64"]


class EncodedArray(BaseModel):
    """An array as base64 of its little-endian float32 bytes, C order."""

    dtype: Literal["float32"] = "float32"
    shape: list[int]
    base64: str


class EncodingOption(BaseModel):
    encoding: Encoding = Field("json", description='"base64": arrays in the answer come as {dtype: "float32", '
                                                   'shape, base64} (little-endian, C order) instead of JSON numbers')


def encode(array: np.ndarray, encoding: Encoding):
    """The array as it goes into the response body."""
    if encoding == "json":
        return array
    data = np.ascontiguousarray(array, dtype="<f4")
    return {"dtype": "float32", "shape": list(array.shape), "base64": base64.b64encode(data.tobytes()).decode("ascii")}
