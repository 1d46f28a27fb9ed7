"""GET /api/models, GET /api/models/{name}, POST /api/models/{name}/forward."""

from __future__ import annotations

import numpy as np
from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from ... import engine
from ...imaging import FORMAT_WORDS, ImageError, ImageTooLarge, decode_grey, image_size, mnist_like
from ...settings import Settings
from ...shipped import ShippedModel, dense_equivalents
from .. import limits
from ..deps import ensure_finite, finite_results, run_work, settings_of, work
from ..encoding import encode
from ..errors import ERROR_RESPONSES, ClientError, ErrorResponse
from ..responses import ArrayJSONResponse
from ..schemas.models import ModelDetail, ModelForwardRequest, ModelForwardResponse, ModelList

router = APIRouter(prefix="/api/models", tags=["models"])
IMAGE_TYPES = ("image/png", "image/jpeg", "image/webp", "image/gif")


def _model(request: Request, name: str) -> ShippedModel:
    models = request.app.state.models
    if name not in models:
        raise HTTPException(404, f"there is no model named \"{name}\" (known: {', '.join(models) or 'none'}).")
    return models[name]


def _summary(model: ShippedModel) -> dict:
    dense = dense_equivalents(model.input_shape, model.plans)
    return {
        "name": model.name, "input_shape": list(model.input_shape), "classes": model.classes, "card": model.card,
        "parameters": sum(p.parameters for p in model.plans),
        "multiply_adds": sum(p.multiply_adds for p in model.plans),
        "dense_equivalent_parameters": sum(dense),
        "layers": [{"name": n, "type": p.type, "shape": list(p.shape), "parameters": p.parameters,
                    "multiply_adds": p.multiply_adds, "dense_equivalent_parameters": d}
                   for n, p, d in zip(model.layer_names, model.plans, dense, strict=True)],
    }


@router.get("", response_model=ModelList, response_class=ArrayJSONResponse)
async def list_models(request: Request):
    """The trained networks this server ships, with their layers' shapes, parameters and multiply-adds."""
    return ArrayJSONResponse({"models": [_summary(m) for m in request.app.state.models.values()]})


@router.get("/{name}", response_model=ModelDetail, response_class=ArrayJSONResponse, responses={404: {}})
async def model_detail(request: Request, name: str):
    """One network with every layer's weights and settings (what /api/convolve needs to retrace a map)."""
    model = _model(request, name)
    summary = _summary(model)
    for info, layer in zip(summary["layers"], model.layers, strict=True):
        info["settings"] = {key: value for key, value in engine.model.describe(layer).items() if key != "layer"}
        for field in ("kernel", "weight", "bias"):
            if getattr(layer, field, None) is not None:
                info[field] = np.asarray(getattr(layer, field), dtype=np.float64)
    summary["samples"] = model.samples
    return ArrayJSONResponse(summary)


async def _input(request: Request, model: ShippedModel, settings: Settings) -> tuple[np.ndarray, str]:
    """The request's input as the model's input shape, from JSON or from an image body."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if content_type in IMAGE_TYPES:
        try:
            width, height = image_size(body)
            pixels = width * height
        except ImageTooLarge as error:  # a bomb: Pillow would not even open it
            pixels = error.pixels
        except ImageError as error:
            raise ClientError("body", str(error)) from None
        limits.require(settings, "max_input_elements", pixels, "the number of pixels in the image")
        try:
            grey = await run_in_threadpool(decode_grey, body)
        except ImageError as error:
            raise ClientError("body", str(error)) from None
        encoding = request.query_params.get("encoding", "json")
        if encoding not in ("json", "base64"):
            raise ClientError("encoding", f"must be \"json\" or \"base64\" (got \"{encoding}\")")
        return mnist_like(grey).reshape(model.input_shape), encoding
    if content_type != "application/json":
        raise ClientError("body", f"Content-Type {content_type or '(none)'} is not accepted: send JSON with an "
                                  f"\"input\" array, or the raw bytes of {FORMAT_WORDS} with its image/... type",
                          status=415)
    try:
        parsed = ModelForwardRequest.model_validate_json(body)
    except ValidationError as error:
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in error.errors()]) from None
    x = parsed.input.reshape(-1, *parsed.input.shape[-2:]) if parsed.input.ndim == 2 else parsed.input
    if x.shape != model.input_shape:
        raise ClientError("input", f"the model takes shape {list(model.input_shape)}, got {list(parsed.input.shape)}")
    return x, parsed.encoding


def _run(model: ShippedModel, x: np.ndarray) -> list[np.ndarray]:
    with finite_results():
        return [out[0] for out in engine.forward(x[None].astype(np.float64), model.layers)]


FORWARD_BODY = {"content": {
    "application/json": {"schema": ModelForwardRequest.model_json_schema()},
    **{kind: {"schema": {"type": "string", "format": "binary"}} for kind in IMAGE_TYPES},
}, "required": True}
UNSUPPORTED = {415: {"model": ErrorResponse, "description": "Neither JSON nor an accepted image type"}}


@router.post("/{name}/forward", response_model=ModelForwardResponse, response_class=ArrayJSONResponse,
             responses={**ERROR_RESPONSES, 404: {}, **UNSUPPORTED}, openapi_extra={"requestBody": FORWARD_BODY})
async def model_forward(request: Request, name: str):
    """Run one input (a 28×28 array, or a PNG, JPEG, WebP or GIF prepared as MNIST's digits) through a network.

    An image body may ask for base64 arrays with the query parameter ?encoding=base64.
    """
    settings = settings_of(request)
    model = _model(request, name)
    x, encoding = await _input(request, model, settings)
    limits.check_array(settings, x.shape, "input")
    outputs = await run_work(work(model.multiply_adds, model.output_values), _run, model, x)
    ensure_finite(*outputs)
    probabilities = outputs[-1]
    prediction = int(np.argmax(probabilities))
    return ArrayJSONResponse({
        "model": model.name,
        "input": x[0] if x.shape[0] == 1 else x,
        "layers": [{"name": n, "type": p.type, "shape": list(p.shape), "parameters": p.parameters,
                    "multiply_adds": p.multiply_adds, "output": encode(out, encoding)}
                   for n, p, out in zip(model.layer_names, model.plans, outputs, strict=True)],
        "probabilities": probabilities,
        "prediction": prediction,
        "label": model.classes[prediction],
    })

