"""POST /api/conv_transpose."""

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
from ..schemas.conv_transpose import ConvTransposeRequest, ConvTransposeResponse

router = APIRouter(prefix="/api", tags=["operations"], route_class=JSONBodyRoute)


@router.post("/conv_transpose", response_model=ConvTransposeResponse, response_class=ArrayJSONResponse,
             responses=ERROR_RESPONSES)
async def conv_transpose(body: ConvTransposeRequest, settings: SettingsDep):
    """Transposed convolution: each input cell adds its value times the kernel into the output."""
    return await run_work(check(body, settings), _conv_transpose, body)


def check(body: ConvTransposeRequest, settings: Settings) -> int:
    """Every limit, from shapes alone; -> the request's work estimate."""
    x_shape, bank_shape = body.batch().shape, body.filter_bank().shape  # (1, C, H, W), (C, F/groups, kh, kw)
    limits.check_array(settings, x_shape, "input")
    settings.filters.check(body.filters(), "the number of filters in kernel")
    limits.check_window(settings, bank_shape[2:], "kernel")
    limits.check_spacing(settings, stride=body.stride, padding=body.padding, output_padding=body.output_padding,
                         dilation=body.dilation)
    geometry = engine.conv_transpose_geometry(x_shape, bank_shape, **body.settings())
    outputs, multiply_adds = body.filters() * prod(geometry.out), prod(x_shape) * prod(bank_shape[1:])
    limits.check_totals(settings, outputs, multiply_adds)
    trace_values = limits.check_trace(settings, prod(x_shape), 2 * prod(bank_shape[1:])) if body.trace else 0
    return work(multiply_adds, outputs + trace_values)


def _conv_transpose(body: ConvTransposeRequest) -> ArrayJSONResponse:
    x, bank, bias = body.batch(), body.filter_bank(), body.bias_per_filter()  # (1,C,H,W), (C,F/g,kh,kw)
    with finite_results():
        output = engine.conv_transpose2d(x, bank, bias, **body.settings())[0]  # (F, OH, OW)
        trace = engine.conv_transpose_trace(x[0], bank, bias, **body.settings()) if body.trace else None
    ensure_finite(output)
    if trace is not None:
        ensure_finite(trace.products)
    single = body.kernel.ndim == 2
    answer = {"output": encode(output[0] if single else output, body.encoding),
              "shape": list(output.shape[1:] if single else output.shape)}
    if trace is not None:
        answer["trace"] = _trace_json(trace, single, body.encoding)
    return ArrayJSONResponse(answer)


def _trace_json(trace: engine.ConvTransposeTrace, single: bool, encoding) -> dict:
    """The scatter view in the request's shapes (no channel axes for a kh×kw kernel)."""
    arrays = {
        "kernel": trace.kernel[0, 0] if single else trace.kernel,
        "cell": trace.cell[:, 1:] if single else trace.cell,
        "input_value": trace.input_value,
        "filters": trace.filters,
        "rows": trace.rows,
        "cols": trace.cols,
        "kept": trace.kept.astype(np.int32),
        "products": trace.products[:, 0] if single else trace.products,
        "bias": trace.bias,
    }
    return {"steps": len(trace.input_value), **{name: encode(array, encoding) for name, array in arrays.items()}}
