"""POST /api/convolve."""

from math import prod

import numpy as np
from fastapi import APIRouter, Request

from ... import engine
from ...settings import Settings
from .. import limits
from ..deps import ensure_finite, finite_results, run_work, settings_of, work
from ..encoding import encode
from ..errors import ERROR_RESPONSES
from ..json_route import OrjsonRoute
from ..responses import ArrayJSONResponse
from ..schemas.convolve import ConvolveRequest, ConvolveResponse
from ..traces import conv_trace_json

router = APIRouter(prefix="/api", tags=["operations"], route_class=OrjsonRoute)


@router.post("/convolve", response_model=ConvolveResponse, response_class=ArrayJSONResponse,
             responses=ERROR_RESPONSES)
async def convolve(request: ConvolveRequest, http: Request):
    """Convolve (or cross-correlate) an input with one filter or a bank of filters."""
    settings = settings_of(http)
    return await run_work(check(request, settings), _convolve, request)


def check(request: ConvolveRequest, settings: Settings) -> int:
    """Every limit, from shapes alone; -> the request's work estimate."""
    x_shape, bank_shape = request.batch().shape, request.filter_bank().shape  # (1,C,H,W), (F,C,kh,kw)
    limits.check_array(settings, x_shape, "input")
    limits.check_bank(settings, bank_shape)
    limits.check_spacing(settings, stride=request.stride, padding=request.padding, dilation=request.dilation)
    geometry = engine.conv_geometry(x_shape, bank_shape, **_params(request))
    outputs, multiply_adds = limits.conv_cost(bank_shape, geometry)
    limits.check_totals(settings, outputs, multiply_adds)
    trace_values = 0
    if request.trace:
        trace_values = limits.check_trace(settings, outputs, 2 * prod(bank_shape[1:]))
    return work(multiply_adds, outputs + trace_values)


def _params(request: ConvolveRequest) -> dict:
    return dict(stride=request.stride, padding=request.padding, dilation=request.dilation,
                padding_mode=request.padding_mode, mode=request.mode)


def _convolve(request: ConvolveRequest) -> ArrayJSONResponse:
    return answer(request, *compute(request))


def compute(request: ConvolveRequest) -> tuple[np.ndarray, engine.ConvTrace | None]:
    """The output as the request shapes it ((F, OH, OW) for a bank, else (OH, OW)) and its trace
    if asked for, every number checked to be finite."""
    x, bank, bias = request.batch(), request.filter_bank(), request.bias_per_filter()  # (1,C,H,W), (F,C,kh,kw)
    params = _params(request)
    with finite_results():
        output = engine.conv2d(x, bank, bias, **params)[0]  # (F, OH, OW)
        trace = engine.conv_trace(x[0], bank, bias, **params) if request.trace else None
    ensure_finite(output)
    if trace is not None:
        ensure_finite(trace.products, trace.value)
    return (output if request.kernel.ndim == 4 else output[0]), trace


def answer(request: ConvolveRequest, output: np.ndarray, trace: engine.ConvTrace | None) -> ArrayJSONResponse:
    """The response, written as JSON (orjson) when it is made."""
    body = {"output": encode(output, request.encoding), "shape": list(output.shape)}
    if trace is not None:
        body["trace"] = conv_trace_json(trace, request.input.ndim, request.kernel.ndim)
    return ArrayJSONResponse(body)
