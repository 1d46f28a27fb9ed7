"""Field types shared by the request models: arrays of finite numbers and int-or-pair parameters.

Validation reuses the engine's own rules and reports one sentence per problem.
"""

from __future__ import annotations

import base64
import binascii
from math import prod
from typing import Annotated, Any

import numpy as np
from pydantic import BaseModel, ConfigDict, PlainValidator, StrictFloat, TypeAdapter, ValidationError, WithJsonSchema
from pydantic_core import PydanticCustomError

from ...engine.geometry import PADDING_WORDS, ParameterError, as_pair


def invalid(message: str) -> PydanticCustomError:
    return PydanticCustomError("invalid", message)


def located(field: str, message: str) -> PydanticCustomError:
    """An error a model validator finds in one of its fields. Pydantic places a model validator's
    errors at the model itself; the error handler adds `field` to that loc."""
    return PydanticCustomError("invalid", message, {"field": field})


def _nested_schema(rank: int) -> dict:
    schema: dict = {"type": "number"}
    for _ in range(rank):
        schema = {"type": "array", "items": schema, "minItems": 1}
    return schema


def _nested_numbers(rank: int) -> TypeAdapter:
    """Lists nested `rank` deep around strict numbers: JSON's true and false, which NumPy would read
    as 1 and 0, are refused, as are strings and null."""
    kind: Any = StrictFloat
    for _ in range(rank):
        kind = list[kind]
    return TypeAdapter(kind)


_RAGGED = "must be a rectangular array: some rows have a different length or depth"
_NESTED_NUMBERS = [_nested_numbers(rank) for rank in range(5)]  # ranks 0 to 4, the deepest a field takes


def to_array(value: Any, min_rank: int, max_rank: int, shape_names: str) -> np.ndarray:
    """JSON nested lists, or a compact {dtype, shape, base64} -> float64 array, refusing ragged rows,
    non-numbers and NaN/Infinity."""
    if isinstance(value, dict):
        return _finite(_compact(value, min_rank, max_rank, shape_names))
    if isinstance(value, (str, bytes)) or value is None:
        raise invalid(f"must be an array of numbers ({shape_names})")
    shape = _first_path(value)
    if 0 in shape:
        raise invalid(f"must not be empty (shape {shape})")
    if not min_rank <= len(shape) <= max_rank:
        raise invalid(f"must have {_rank_words(min_rank, max_rank)} ({shape_names}), got {len(shape)} "
                       f"(shape {shape})")
    try:
        _NESTED_NUMBERS[len(shape)].validate_python(value)
    except ValidationError as error:
        first = error.errors()[0]
        if first["type"] == "list_type" or isinstance(first["input"], list):
            raise invalid(_RAGGED) from None
        raise invalid("must contain only numbers (no strings, true, false or null)") from None
    try:
        array = np.asarray(value, dtype=np.float64)
    except (ValueError, OverflowError):
        raise invalid(_RAGGED) from None
    return _finite(array)


def _finite(array: np.ndarray) -> np.ndarray:
    if not np.isfinite(array).all():
        raise invalid("must contain only finite numbers (no NaN or Infinity)")
    return array


def _compact(value: dict, min_rank: int, max_rank: int, shape_names: str) -> np.ndarray:
    """{dtype: "float32", shape, base64}, as answers with "encoding": "base64" carry them -> float64 array.
    The shape is checked against the bytes before anything is built from them."""
    if set(value) != {"dtype", "shape", "base64"} or value["dtype"] != "float32":
        raise invalid(f'must be an array of numbers ({shape_names}), or {{"dtype": "float32", "shape", "base64"}}')
    shape, text = value["shape"], value["base64"]
    if not (isinstance(shape, list) and all(type(n) is int and n > 0 for n in shape)):
        raise invalid("shape must be a list of positive integers")
    if not min_rank <= len(shape) <= max_rank:
        raise invalid(f"must have {_rank_words(min_rank, max_rank)} ({shape_names}), got {len(shape)} "
                      f"(shape {shape})")
    if not isinstance(text, str) or len(text) != 4 * -(-4 * prod(shape) // 3):
        raise invalid(f"base64 must hold {prod(shape):,} float32 values, as many as shape {shape} has")
    try:
        data = base64.b64decode(text, validate=True)
    except binascii.Error:
        raise invalid("base64 is not valid base64") from None
    return np.frombuffer(data, dtype="<f4", count=prod(shape)).reshape(shape).astype(np.float64)


def _first_path(value: Any) -> list[int]:
    """The lengths met going down the first elements: the shape, if the array is rectangular.
    [[1, 2, 3]] -> [1, 3]; [[]] -> [1, 0]; 5 -> []."""
    shape = []
    while isinstance(value, list):
        shape.append(len(value))
        if not value:
            break
        value = value[0]
    return shape


def _rank_words(min_rank: int, max_rank: int) -> str:
    if min_rank == max_rank:
        return f"{min_rank} dimension{'s' if min_rank != 1 else ''}"
    return f"{min_rank} {'or' if max_rank == min_rank + 1 else 'to'} {max_rank} dimensions"


_COMPACT_SCHEMA = {
    "type": "object", "required": ["dtype", "shape", "base64"], "additionalProperties": False,
    "description": "compact: little-endian float32 values, C order, as answers with \"encoding\": \"base64\" hold them",
    "properties": {"dtype": {"enum": ["float32"]},
                   "shape": {"type": "array", "items": {"type": "integer", "minimum": 1}},
                   "base64": {"type": "string"}},
}


def ArrayOf(min_rank: int, max_rank: int, shape_names: str):
    """An ndarray field of `min_rank`..`max_rank` dimensions: nested number arrays, or compact base64."""
    schema = (_nested_schema(min_rank) if min_rank == max_rank
              else {"anyOf": [_nested_schema(r) for r in range(min_rank, max_rank + 1)]})
    schema = {"anyOf": [schema, _COMPACT_SCHEMA], "description": shape_names}
    return Annotated[np.ndarray, PlainValidator(lambda v: to_array(v, min_rank, max_rank, shape_names)),
                     WithJsonSchema(schema)]


def _pair(name: str, minimum: int):
    def validate(value: Any) -> tuple[int, int]:
        try:
            return as_pair(value, name, minimum)
        except ParameterError as error:
            raise invalid(error.message) from None
    return validate


def _pair_schema(minimum: int, extra: list | None = None) -> dict:
    number = {"type": "integer", "minimum": minimum}
    options = [number, {"type": "array", "items": number, "minItems": 2, "maxItems": 2}] + (extra or [])
    return {"anyOf": options}


def PairOf(name: str, minimum: int):
    """An int or [h, w] field, each at least `minimum`; validated by the engine's rule."""
    return Annotated[tuple[int, int], PlainValidator(_pair(name, minimum)), WithJsonSchema(_pair_schema(minimum))]


def _padding(value: Any):
    if value in PADDING_WORDS:
        return value
    if isinstance(value, str):
        words = " or ".join(f'"{word}"' for word in PADDING_WORDS)
        raise invalid(f'padding must be an integer, a pair [h, w], {words} (got "{value}")')
    return _pair("padding", 0)(value)


Padding = Annotated[Any, PlainValidator(_padding),
                    WithJsonSchema(_pair_schema(0, [{"enum": list(PADDING_WORDS)}]))]
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
