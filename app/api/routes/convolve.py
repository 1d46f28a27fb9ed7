"""POST /api/convolve."""

from math import prod

import numpy as np
from fastapi import APIRouter

from ... import engine
from ...settings import Settings
from .. import limits
from ..deps import SettingsDep, ensure_finite, finite_results, run_work, work
from ..encoding import encode
from ..errors import ERROR_RESPONSES
from ..json_route import JSONBodyRoute
from ..responses import ArrayJSONResponse
from ..schemas.convolve import ConvolveRequest, ConvolveResponse
from ..traces import conv_trace_json

router = APIRouter(prefix="/api", tags=["operations"], route_class=JSONBodyRoute)


@router.post("/convolve", response_model=ConvolveResponse, response_class=ArrayJSONResponse,
             responses=ERROR_RESPONSES)
async def convolve(body: ConvolveRequest, settings: SettingsDep):
    """Convolve (or cross-correlate) an input with one filter or a bank of filters."""
    return await run_work(check(body, settings), _convolve, body)


def check(body: ConvolveRequest, settings: Settings) -> int:
    """Every limit, from shapes alone; -> the request's work estimate."""
    x_shape, bank_shape = body.batch().shape, body.filter_bank().shape  # (1,C,H,W), (F,C,kh,kw)
    limits.check_array(settings, x_shape, "input")
    limits.check_bank(settings, bank_shape)
    limits.check_spacing(settings, stride=body.stride, padding=body.padding, dilation=body.dilation)
    geometry = engine.conv_geometry(x_shape, bank_shape, **_params(body))
    outputs, multiply_adds = limits.conv_cost(bank_shape, geometry)
    limits.check_totals(settings, outputs, multiply_adds)
    trace_values = 0
    if body.trace:
        trace_values = limits.check_trace(settings, outputs, 2 * prod(bank_shape[1:]))
    return work(multiply_adds, outputs + trace_values)


def _params(body: ConvolveRequest) -> dict:
    return dict(stride=body.stride, padding=body.padding, dilation=body.dilation,
                padding_mode=body.padding_mode, mode=body.mode, groups=body.groups)


def _convolve(body: ConvolveRequest) -> ArrayJSONResponse:
    return answer(body, *compute(body))


def compute(body: ConvolveRequest) -> tuple[np.ndarray, engine.ConvTrace | None]:
    """The output as the request shapes it ((F, OH, OW) for a bank, else (OH, OW)) and its trace
    if asked for, every number checked to be finite."""
    x, bank, bias = body.batch(), body.filter_bank(), body.bias_per_filter()  # (1,C,H,W), (F,C,kh,kw)
    params = _params(body)
    with finite_results():
        output = engine.conv2d(x, bank, bias, **params)[0]  # (F, OH, OW)
        trace = engine.conv_trace(x[0], bank, bias, **params) if body.trace else None
    ensure_finite(output)
    if trace is not None:
        ensure_finite(trace.products, trace.value)
    return (output if body.kernel.ndim == 4 else output[0]), trace


def answer(body: ConvolveRequest, output: np.ndarray, trace: engine.ConvTrace | None) -> ArrayJSONResponse:
    """The response, written as JSON (orjson) when it is made."""
    answer_body = {"output": encode(output, body.encoding), "shape": list(output.shape)}
    if trace is not None:
        answer_body["trace"] = conv_trace_json(trace, body.input.ndim, body.kernel.ndim, body.encoding)
    return ArrayJSONResponse(answer_body)
