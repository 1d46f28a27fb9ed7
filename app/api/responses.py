"""JSON responses that serialise NumPy arrays directly with orjson."""

from __future__ import annotations

from typing import Any

import numpy as np
import orjson
from fastapi.responses import JSONResponse


def _fallback(value: Any) -> Any:
    # orjson hands back arrays it cannot write in place (non-contiguous views); copy them once.
    if isinstance(value, np.ndarray):
        return np.ascontiguousarray(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


class ArrayJSONResponse(JSONResponse):
    """A JSONResponse (so OpenAPI documents the response model) rendered by orjson."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, default=_fallback, option=orjson.OPT_SERIALIZE_NUMPY)
