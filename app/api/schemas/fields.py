"""Field types shared by the request models: arrays of finite numbers and int-or-pair parameters.

Validation reuses the engine's own rules and reports one sentence per problem.
"""

from __future__ import annotations

from typing import Annotated, Any

import numpy as np
from pydantic import BaseModel, ConfigDict, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from ...engine.geometry import ParameterError, as_pair
from ..json_body import holds_booleans


def _invalid(message: str) -> PydanticCustomError:
    return PydanticCustomError("invalid", message)


def _nested_schema(rank: int) -> dict:
    schema: dict = {"type": "number"}
    for _ in range(rank):
        schema = {"type": "array", "items": schema, "minItems": 1}
    return schema


def to_array(value: Any, min_rank: int, max_rank: int, shape_names: str) -> np.ndarray:
    """JSON nested lists -> float64 array, refusing ragged rows, non-numbers and NaN/Infinity."""
    if isinstance(value, (str, bytes, dict)) or value is None:
        raise _invalid(f"must be an array of numbers ({shape_names})")
    try:
        array = np.asarray(value)
    except (ValueError, OverflowError):
        if _first_depth(value) > max_rank:  # NumPy stops at 64 dimensions
            raise _invalid(f"must have {_rank_words(min_rank, max_rank)} ({shape_names}), "
                           f"got {_first_depth(value)}") from None
        raise _invalid("must be a rectangular array: some rows have a different length or depth") from None
    if array.dtype.kind not in "iuf" or holds_booleans(value):
        raise _invalid("must contain only numbers (no strings, true, false or null)")
    if not min_rank <= array.ndim <= max_rank:
        raise _invalid(f"must have {_rank_words(min_rank, max_rank)} ({shape_names}), "
                       f"got {array.ndim} (shape {list(array.shape)})")
    if array.size == 0:
        raise _invalid(f"must not be empty (shape {list(array.shape)})")
    array = array.astype(np.float64, copy=False)
    if not np.isfinite(array).all():
        raise _invalid("must contain only finite numbers (no NaN or Infinity)")
    return array


def _first_depth(value: Any) -> int:
    """How deep the first elements nest: [[[1]]] -> 3."""
    depth = 0
    while isinstance(value, list) and value:
        value, depth = value[0], depth + 1
    return depth


def _rank_words(min_rank: int, max_rank: int) -> str:
    if min_rank == max_rank:
        return f"{min_rank} dimension{'s' if min_rank != 1 else ''}"
    return f"{min_rank} to {max_rank} dimensions"


def ArrayOf(min_rank: int, max_rank: int, shape_names: str):
    """An ndarray field of `min_rank`..`max_rank` dimensions, documented as nested number arrays."""
    schema = (_nested_schema(min_rank) if min_rank == max_rank
              else {"anyOf": [_nested_schema(r) for r in range(min_rank, max_rank + 1)]})
    schema["description"] = shape_names
    return Annotated[np.ndarray, PlainValidator(lambda v: to_array(v, min_rank, max_rank, shape_names)),
                     WithJsonSchema(schema)]


def _pair(name: str, minimum: int):
    def validate(value: Any) -> tuple[int, int]:
        try:
            return as_pair(value, name, minimum)
        except ParameterError as error:
            raise _invalid(error.message) from None
    return validate


def _pair_schema(minimum: int, extra: list | None = None) -> dict:
    number = {"type": "integer", "minimum": minimum}
    options = [number, {"type": "array", "items": number, "minItems": 2, "maxItems": 2}] + (extra or [])
    return {"anyOf": options}


def PairOf(name: str, minimum: int):
    """An int or [h, w] field, each at least `minimum`; validated by the engine's rule."""
    return Annotated[tuple[int, int], PlainValidator(_pair(name, minimum)), WithJsonSchema(_pair_schema(minimum))]


def _padding(value: Any):
    if value in ("valid", "same"):
        return value
    if isinstance(value, str):
        raise _invalid(f'padding must be an integer, a pair [h, w], "valid" or "same" (got "{value}")')
    return _pair("padding", 0)(value)


Padding = Annotated[Any, PlainValidator(_padding),
                    WithJsonSchema(_pair_schema(0, [{"enum": ["valid", "same"]}]))]
Stride = PairOf("stride", 1)
Dilation = PairOf("dilation", 1)


def _bias(value: Any) -> np.ndarray:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = [value]
    return to_array(value, 1, 1, "a number or one number per filter")


Bias = Annotated[np.ndarray, PlainValidator(_bias), WithJsonSchema(
    {"anyOf": [{"type": "number"}, {"type": "array", "items": {"type": "number"}}]})]


class ImageInput(BaseModel):
    """A request whose `input` is one H×W or C×H×W image."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    input: ArrayOf(2, 3, "H×W or C×H×W")

    def batch(self) -> np.ndarray:
        """The input as a batch of one. -> (1, C, H, W)"""
        return self.input.reshape(1, -1, *self.input.shape[-2:])
