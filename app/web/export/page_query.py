"""A page's URL query, read as its state.js writes it (static/js/core/urlstate.js): malformed fields
are a 422 naming the query field, where the page would quietly fall back to its default."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TypeVar

from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

from ...api.errors import ClientError

Request = TypeVar("Request", bound=BaseModel)

STACK_FORMAT = "numbers with commas between values, ';' between rows and '|' between channels"


def invalid(name: str, message: str) -> ClientError:
    return ClientError(("query", name), message)


def numbers(text: str, name: str, what: str) -> list[float]:
    """"1,2.5,-3" -> [1.0, 2.5, -3.0]."""
    try:
        values = [float(part) for part in text.split(",")]
    except ValueError:
        raise invalid(name, f"must be {what} (got {_shown(text)})") from None
    if not all(math.isfinite(v) for v in values):
        raise invalid(name, f"must hold finite numbers only (got {_shown(text)})")
    return values


def stack(text: str, name: str) -> list[list[list[float]]]:
    """"1,2;3,4|5,6;7,8" -> channels of rows (C×H×W); ragged rows are left for the API's schema to name."""
    return [[numbers(row, name, STACK_FORMAT) for row in channel.split(";")] for channel in text.split("|")]


def integer(text: str, name: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise invalid(name, f"must be an integer (got {_shown(text)})") from None


def pair(text: str, name: str, words: tuple[str, ...] = ()) -> int | list[int] | str:
    """"2" -> 2, "2,3" -> [2, 3]; a word of `words` as it is."""
    if text in words:
        return text
    parts = text.split(",")
    if len(parts) <= 2 and all(part.strip().lstrip("-").isdigit() for part in parts):
        values = [int(part) for part in parts]
        return values[0] if len(values) == 1 else values
    options = "".join(f', "{word}"' for word in words)
    raise invalid(name, f'must be an integer or a pair "h,w"{options} (got {_shown(text)})')


def choice(query: Mapping[str, str], name: str, meanings: Mapping[str, str]) -> str:
    """The meaning of the field's value; absent or empty is the meaning of ""."""
    text = query.get(name, "")
    if text not in meanings:
        options = ", ".join(f'"{key}"' for key in meanings if key)
        raise invalid(name, f"must be one of {options} (got {_shown(text)})")
    return meanings[text]


def _shown(text: str) -> str:
    return f'"{text}"' if len(text) <= 40 else f'"{text[:37]}…"'


def validated(model: type[Request], fields: dict, names: Mapping[str, str]) -> Request:
    """The API's request from the page's fields, its errors named by the query fields (names: request
    field -> query field) rather than by the request's."""
    try:
        return model.model_validate(fields)
    except ValidationError as error:
        raise RequestValidationError([_located(e, names) for e in error.errors()]) from None


def _located(error: dict, names: Mapping[str, str]) -> dict:
    field, *rest = error["loc"] or ("",)
    return {**error, "loc": ("query", names.get(field, field), *rest)}


def matrix(text: str, name: str) -> list[list[float]]:
    """"1,2;3,4" -> rows; ragged rows are left for the API's schema to name."""
    if "|" in text:
        raise invalid(name, f"must be one matrix, without '|' between channels (got {_shown(text)})")
    return stack(text, name)[0]
