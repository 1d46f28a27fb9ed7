"""What a model's forward pass is given: a JSON body with an `input` array, or an image body.

The two halves share only their result: the input in the model's shape, the encoding the answer
asks for, and warnings when the input is not what the model was trained on.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from ..imaging import FORMAT_WORDS, ImageError, ImageTooLarge, decode_grey, image_size, mnist_like
from ..settings import Settings
from ..shipped import ShippedModel
from .encoding import Encoding
from .errors import ClientError
from .json_body import parse_body
from .schemas.models import ModelForwardRequest

IMAGE_TYPES = ("image/png", "image/jpeg", "image/webp", "image/gif")
T = TypeVar("T")


@dataclass(frozen=True)
class ModelInput:
    x: np.ndarray  # in the model's input shape, e.g. (1, 28, 28)
    encoding: Encoding
    warnings: list[dict]  # each {"code", "message"}


async def model_input(request: Request, model: ShippedModel, settings: Settings) -> ModelInput:
    """The request's input, from a JSON body or an image body (by its Content-Type)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if content_type in IMAGE_TYPES:
        x = await _from_image(body, settings)
        return ModelInput(x.reshape(model.input_shape), "json", _warnings(x, model, "the image has no ink"))
    if content_type == "application/json":
        x, encoding = await _from_json(body, model)
        return ModelInput(x, encoding, _warnings(x, model, "every value of the input is the same"))
    raise ClientError(("body",), f"Content-Type {content_type or '(none)'} is not accepted: send JSON with an "
                                 f"\"input\" array, or the raw bytes of {FORMAT_WORDS} with its image/... type",
                      status=415)


async def decoded(body: bytes, settings: Settings, decode: Callable[..., T], *args) -> T:
    """decode(body, *args) in the thread pool, once the header's pixel count is within the input limit."""
    try:
        width, height = image_size(body)
        pixels = width * height
    except ImageTooLarge as error:  # a bomb: Pillow would not even open it
        pixels = error.pixels
    except ImageError as error:
        raise ClientError(("body",), str(error)) from None
    settings.input_elements.check(pixels, "the number of pixels in the image")
    try:
        return await run_in_threadpool(decode, body, *args)
    except ImageError as error:
        raise ClientError(("body",), str(error)) from None


async def _from_image(body: bytes, settings: Settings) -> np.ndarray:
    """Image bytes -> a 28×28 MNIST-style digit, its pixel count checked before it is decoded."""
    return mnist_like(await decoded(body, settings, decode_grey))


async def validated(body: bytes, schema: type[T]) -> T:
    """A JSON body as `schema`, its errors worded as FastAPI words them for the other routes."""
    try:
        return schema.model_validate(await parse_body(body))
    except json.JSONDecodeError as error:
        raise RequestValidationError([{"type": "json_invalid", "loc": ("body", error.pos), "msg": "JSON decode error",
                                       "input": {}, "ctx": {"error": error.msg}}]) from None
    except ValidationError as error:
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in error.errors()]) from None


async def _from_json(body: bytes, model: ShippedModel) -> tuple[np.ndarray, Encoding]:
    """A JSON body -> (the input in the model's shape, the encoding asked for)."""
    given = await validated(body, ModelForwardRequest)
    x = given.input.reshape(-1, *given.input.shape[-2:]) if given.input.ndim == 2 else given.input
    if x.shape != model.input_shape:
        raise ClientError(("body", "input"), f"the model takes shape {list(model.input_shape)}, "
                                             f"got {list(given.input.shape)}")
    return x, given.encoding


def _warnings(x: np.ndarray, model: ShippedModel, blank: str) -> list[dict]:
    """What makes the prediction for `x` mean little: the model answers anyway (a tool may want to see
    what it does with such input), and says so."""
    warnings = []
    low, high = model.input_range
    outside = int(np.count_nonzero((x < low) | (x > high)))
    if outside:
        warnings.append({"code": "input_out_of_range", "message": (
            f"{outside:,} of the input's {x.size:,} values lie outside [{low:g}, {high:g}], the range the model "
            f"was trained on (they span {x.min():g} to {x.max():g}): its prediction means little")})
    if np.ptp(x) == 0:
        warnings.append({"code": "blank_input", "message": (
            f"{blank}: there is nothing to recognise, so the prediction means nothing")})
    return warnings

