"""The shipped and the imported models: POST /api/models (an ONNX file), GET /api/models,
GET /api/models/{name}, GET /api/models/{name}.onnx, POST /api/models/{name}/forward and, for an
imported model, POST /api/models/{name}/trace."""

from __future__ import annotations

from typing import Annotated, Literal

import numpy as np
from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from ... import engine
from ...interchange.onnx_export import chain_to_onnx
from ...shipped import ShippedModel, dense_equivalents
from .. import imported, limits
from ..deps import SettingsDep, ensure_finite, finite_results, run_work, work
from ..encoding import Encoding, encode
from ..errors import ERROR_RESPONSES, ClientError, ErrorResponse
from ..model_input import IMAGE_TYPES, model_input, validated
from ..responses import ArrayJSONResponse
from ..schemas.models import (
    ImportedCellResponse,
    ImportedForwardRequest,
    ImportedForwardResponse,
    ImportedModelInfo,
    ImportedModelList,
    ImportedTraceRequest,
    ImportedTraceResponse,
    ModelDetail,
    ModelForwardRequest,
    ModelForwardResponse,
)

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


@router.get("", response_model=ImportedModelList, response_class=ArrayJSONResponse)
async def list_models(request: Request):
    """The trained networks this server ships, with their layers' shapes, parameters and multiply-adds,
    and the models uploaded to POST /api/models."""
    store = request.app.state.store
    stored = [summary for summary in map(store.summary, store.names()) if summary is not None]
    return ArrayJSONResponse({"models": [_summary(m) for m in request.app.state.models.values()], "imported": stored})


UPLOAD_BODY = {"content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
               "required": True}


@router.post("", status_code=201, response_model=ImportedModelInfo, responses={**ERROR_RESPONSES, 200: {
    "model": ImportedModelInfo, "description": "Those bytes were uploaded before"}},
             openapi_extra={"requestBody": UPLOAD_BODY})
async def upload_model(request: Request, settings: SettingsDep,
                       title: Annotated[str | None, Query(max_length=100, description=(
                           "what the model picker calls it, e.g. the file's name"))] = None):
    """Import an ONNX file (its raw bytes): checked, mapped onto the engine's layers and kept in the store,
    named by the SHA-256 of its bytes. 201 with its summary; 200 when those bytes were uploaded before."""
    summary, new = await imported.upload(request, settings, title)
    return JSONResponse(summary, status_code=201 if new else 200)


LABELS_BODY = {"content": {"text/plain": {"schema": {"type": "string"}, "example": "cat\ndog\nbird"}},
               "required": True}


@router.put("/{name}/labels", response_model=ImportedModelInfo, responses={**ERROR_RESPONSES, 404: {}},
            openapi_extra={"requestBody": LABELS_BODY})
async def put_labels(request: Request, name: str):
    """Name an imported model's classes: a text body, one label a line (at most 200 characters each), as many
    as its output has scores (an ONNX file may carry them already, as the metadata entry "labels"). The answer
    is its summary."""
    text = (await request.body()).decode("utf-8", errors="replace")
    return JSONResponse(imported.set_labels(request, name, text))


@router.get("/{name}.onnx", response_class=Response, responses={404: {}, 200: {
    "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    "description": "The network as an ONNX file (opset 17): import it again, or open it in Netron or onnxruntime"}})
async def export_model(request: Request, name: str):
    """A shipped network as an ONNX file."""
    model = request.app.state.models.get(name)
    if model is None:
        raise imported.not_found(request, name)
    exported = request.app.state.exported
    if name not in exported:  # the same bytes every time: written once
        exported[name] = chain_to_onnx(model.layers, model.layer_names, model.input_shape, model_name=name,
                                       doc=f"ConvScope's {name}: {model.card.get('description', '')}".strip(": "),
                                       labels=model.classes)
    return Response(exported[name], media_type="application/octet-stream",
                    headers={"content-disposition": f'attachment; filename="{name}.onnx"'})


@router.get("/{name}", response_model=ModelDetail | ImportedModelInfo, response_class=ArrayJSONResponse,
            responses={404: {}})
async def model_detail(request: Request, name: str):
    """A shipped network with every layer's weights and settings (what /api/convolve needs to retrace a
    map), or an imported model's summary."""
    model = request.app.state.models.get(name)
    if model is None:
        summary = request.app.state.store.summary(name)
        if summary is None:
            raise imported.not_found(request, name)
        return ArrayJSONResponse(summary)
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


@router.post("/{name}/forward", response_model=ModelForwardResponse | ImportedForwardResponse,
             response_class=ArrayJSONResponse, responses={**ERROR_RESPONSES, 404: {}, **UNSUPPORTED},
             openapi_extra={"requestBody": FORWARD_BODY})
async def model_forward(request: Request, name: str, settings: SettingsDep,
                        encoding: Annotated[Encoding | None, Query(description="for an image body: "
                                                                   "base64 arrays in the answer")] = None,
                        normalize: Annotated[Literal["imagenet", "none", "model", "digit"] | None, Query(description=(
                            "an imported model's image body: ImageNet's mean and std, none, the model's own "
                            "(its metadata), or digit: prepared as MNIST's digits are, for a 1×28×28 model; "
                            "default: its own, else ImageNet's for RGB"))] = None):
    """Run one input through a network. A shipped one takes a 28×28 array, or a PNG, JPEG, WebP or GIF
    prepared as MNIST's digits; its answer's `warnings` say when the input is not what the model was
    trained on (values out of its range, or a blank input): the prediction is made all the same, but
    means little. An imported one takes JSON: `input` in its input shape, `outputs` ("final", "all" or
    names) and `encoding`; or an image, its shorter side scaled to the model's, its middle cut out and
    normalised (`normalize`). Its answer has the layers asked for, `output` and, for class scores, `top`.
    """
    model = request.app.state.models.get(name)
    if model is None:
        return await _imported_forward(request, name, settings, encoding, normalize)
    given = await model_input(request, model, settings)
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


async def _imported_forward(request: Request, name: str, settings: SettingsDep, encoding: Encoding | None,
                            normalize: str | None) -> ArrayJSONResponse:
    found = await imported.find(request, name, settings)
    if found is None:
        raise imported.not_found(request, name)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    prepared = None
    if content_type in IMAGE_TYPES:
        x, prepared = await imported.image_input(found, await request.body(), settings, normalize)
        outputs, encoding = "final", encoding or "json"
    elif content_type == "application/json":
        given = await validated(await request.body(), ImportedForwardRequest)
        limits.check_array(settings, given.input.shape, "input")
        x, outputs, encoding = imported.as_batch(found, given.input), given.outputs, given.encoding
    else:
        raise ClientError(("body",), f"Content-Type {content_type or '(none)'} is not accepted: send JSON with an "
                                     f"\"input\" array, or the raw bytes of an image with its image/... type",
                          status=415)
    names = [p.name for p in found.plans]
    if outputs == "all":
        answered = set(names)
    elif outputs == "final":
        answered = set(found.model.outputs)
    else:
        for position, wanted in enumerate(outputs):
            if wanted not in names:
                raise ClientError(("body", "outputs", position), f'there is no layer named "{wanted}"')
        answered = set(outputs)
    # The pass runs as far as the last layer asked for: a page that loads maps as they scroll into view
    # pays only for the layers up to them. The output and the top classes come when it gets that far.
    last = max(names.index(wanted) for wanted in answered)
    final_name = found.model.outputs[0]
    reached = names.index(final_name) <= last
    kept_names = answered | ({final_name} if reached else set())
    cost = found.multiply_adds(last)
    values = imported.check_work(settings, found, kept_names, cost)
    outputs = await run_work(work(cost, values), _run_graph, found, x, last, kept_names)
    kept = {p.name: out[0] for p, out in zip(found.plans, outputs, strict=False) if out is not None}
    ensure_finite(*kept.values())
    final = kept.get(final_name)
    return ArrayJSONResponse({
        "model": name,
        "layers": [{"name": p.name, "type": p.type, "inputs": list(p.inputs), "shape": list(p.shape),
                    "parameters": p.parameters, "multiply_adds": p.multiply_adds,
                    "output": encode(kept[p.name], encoding)} for p in found.plans if p.name in answered],
        "output": None if final is None else encode(final, encoding),
        "top": None if final is None else imported.top_classes(
            final, (request.app.state.store.summary(name) or {}).get("labels")),
        **({"input": encode(x[0], encoding), "normalization": prepared} if prepared else {}),
    })


def _run_graph(found: imported.Imported, x, last: int, kept: set[str]) -> list:
    with finite_results():
        return engine.forward(x.astype(np.float32), found.model.nodes[:last + 1], keep=kept)


TRACE_BODY = {"content": {"application/json": {"schema": ImportedTraceRequest.model_json_schema()}},
              "required": True}


@router.post("/{name}/trace", response_model=ImportedTraceResponse | ImportedCellResponse,
             response_class=ArrayJSONResponse, responses={**ERROR_RESPONSES, 404: {}},
             openapi_extra={"requestBody": TRACE_BODY})
async def model_trace(request: Request, name: str, settings: SettingsDep):
    """The arithmetic of one output cell of one layer of an imported model. A convolution: per input
    channel the window and the kernel slice, the per-channel sums, the bias and the value. Batch norm,
    element-wise arithmetic, concatenation, pooling, dense layers and activations: the few numbers that
    make the value (`arithmetic`). The network runs only up to that layer's inputs, and nothing else is
    traced."""
    found = await imported.find(request, name, settings)
    if found is None:
        raise imported.not_found(request, name)
    given = await validated(await request.body(), ImportedTraceRequest)
    limits.check_array(settings, given.input.shape, "input")
    x = imported.as_batch(found, given.input)
    index = imported.traced_layer(found, given.layer, given.cell)
    node = found.model.nodes[index]
    estimate = work(found.multiply_adds(index), 0)
    inputs = await run_work(estimate, _layer_inputs, found, x, index)
    head = {"model": name, "layer": given.layer, "type": node.layer.type, "cell": given.cell,
            "inputs": list(node.inputs)}
    if node.layer.type != "conv2d":
        arithmetic = await run_work(work(found.plans[index].multiply_adds, 0), engine.cell_arithmetic, node.layer,
                                    inputs, tuple(given.cell))
        return ArrayJSONResponse({**head, "arithmetic": arithmetic})
    layer = node.layer
    cell = await run_work(estimate, engine.conv_cell, inputs[0], layer.kernel, layer.bias, tuple(given.cell),
                          layer.stride, layer.padding, layer.dilation, layer.padding_mode, layer.mode, layer.groups)
    return ArrayJSONResponse({
        **head, "channels": cell.channels.tolist(), "rows": cell.rows.tolist(), "cols": cell.cols.tolist(),
        **{key: encode(getattr(cell, field), given.encoding) for key, field in (
            ("window", "values"), ("kernel", "kernel"), ("products", "products"), ("channel_sums", "channel_sums"))},
        "sum": cell.sum, "bias": cell.bias, "value": cell.value,
    })


def _layer_inputs(found: imported.Imported, x, index: int) -> list[np.ndarray]:
    """Layer `index`'s inputs for the one sample x (1, ...): the graph runs up to them and keeps only them."""
    sources = found.model.nodes[index].inputs
    names = [node.name for node in found.model.nodes]
    with finite_results():
        outputs = engine.forward(x.astype(np.float32), found.model.nodes[:index], keep=set(sources))
    return [x[0].astype(np.float32) if source == engine.INPUT else outputs[names.index(source)][0]
            for source in sources]
