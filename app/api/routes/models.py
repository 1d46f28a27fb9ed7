"""GET /api/models, GET /api/models/{name}, POST /api/models/{name}/forward."""

from __future__ import annotations

from typing import Annotated

import numpy as np
from fastapi import APIRouter, Query, Request

from ... import engine
from ...shipped import ShippedModel, dense_equivalents
from .. import limits
from ..deps import ModelDep, SettingsDep, ensure_finite, finite_results, run_work, work
from ..encoding import Encoding, encode
from ..errors import ERROR_RESPONSES, ErrorResponse
from ..model_input import IMAGE_TYPES, ModelInputDep
from ..responses import ArrayJSONResponse
from ..schemas.models import ModelDetail, ModelForwardRequest, ModelForwardResponse, ModelList

router = APIRouter(prefix="/api/models", tags=["models"])


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
async def model_detail(model: ModelDep):
    """One network with every layer's weights and settings (what /api/convolve needs to retrace a map)."""
    summary = _summary(model)
    for info, layer in zip(summary["layers"], model.layers, strict=True):
        info["settings"] = {key: value for key, value in engine.model.describe(layer).items() if key != "layer"}
        for field in ("kernel", "weight", "bias"):
            if getattr(layer, field, None) is not None:
                info[field] = np.asarray(getattr(layer, field), dtype=np.float64)
    summary["samples"] = model.samples
    return ArrayJSONResponse(summary)


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
async def model_forward(model: ModelDep, given: ModelInputDep, settings: SettingsDep,
                        encoding: Annotated[Encoding | None, Query(description="for an image body: "
                                                                   "base64 arrays in the answer")] = None):
    """Run one input (a 28×28 array, or a PNG, JPEG, WebP or GIF prepared as MNIST's digits) through a network.

    The answer's `warnings` say when the input is not what the model was trained on (values out of
    its range, or a blank input): the prediction is made all the same, but means little.
    """
    encoding = encoding or given.encoding
    limits.check_array(settings, given.x.shape, "input")
    outputs = await run_work(work(model.multiply_adds, model.output_values), _run, model, given.x)
    ensure_finite(*outputs)
    probabilities = outputs[-1]
    prediction = int(np.argmax(probabilities))
    return ArrayJSONResponse({
        "model": model.name,
        "input": encode(given.x[0] if given.x.shape[0] == 1 else given.x, encoding),
        "layers": [{"name": n, "type": p.type, "shape": list(p.shape), "parameters": p.parameters,
                    "multiply_adds": p.multiply_adds, "output": encode(out, encoding)}
                   for n, p, out in zip(model.layer_names, model.plans, outputs, strict=True)],
        "probabilities": encode(probabilities, encoding),
        "prediction": prediction,
        "label": model.classes[prediction],
        "warnings": given.warnings,
    })
