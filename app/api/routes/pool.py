"""POST /api/pool."""

from fastapi import APIRouter, Request

from ... import engine
from ...settings import Settings
from .. import limits
from ..deps import run_work, settings_of, work
from ..encoding import encode
from ..errors import ERROR_RESPONSES
from ..json_route import OrjsonRoute
from ..responses import ArrayJSONResponse
from ..schemas.pool import PoolRequest, PoolResponse
from ..traces import pool_trace_json

router = APIRouter(prefix="/api", tags=["operations"], route_class=OrjsonRoute)


@router.post("/pool", response_model=PoolResponse, response_class=ArrayJSONResponse,
             responses=ERROR_RESPONSES)
async def pool(request: PoolRequest, http: Request):
    """Max or average pooling; max pooling also says which cell won each window."""
    settings = settings_of(http)
    return await run_work(_check(request, settings), _pool, request)


def _check(request: PoolRequest, settings: Settings) -> int:
    """Every limit, from shapes alone; -> the request's work estimate."""
    x_shape, cells = request.batch().shape, request.size[0] * request.size[1]  # (1, C, H, W), window cells
    limits.check_array(settings, x_shape, "input")
    limits.check_window(settings, request.size, "size")
    limits.check_spacing(settings, stride=request.stride, padding=request.padding)
    geometry = engine.pool_geometry(x_shape, **_params(request))
    outputs = x_shape[1] * geometry.out[0] * geometry.out[1]
    limits.check_totals(settings, outputs, outputs * cells)
    trace_values = limits.check_trace(settings, outputs, cells) if request.trace else 0
    return work(outputs * cells, 3 * outputs + trace_values)  # output and winners (a pair each)


def _params(request: PoolRequest) -> dict:
    return dict(kind=request.kind, size=request.size, stride=request.stride, padding=request.padding)


def _pool(request: PoolRequest) -> ArrayJSONResponse:
    x = request.batch()  # (1, C, H, W)
    params = _params(request)
    result = engine.pool2d(x, **params)
    squeeze = request.input.ndim == 2  # answer in the input's rank
    output = result.output[0, 0] if squeeze else result.output[0]
    body = {"output": encode(output, request.encoding), "shape": list(output.shape)}
    if result.winners is not None:
        body["winners"] = result.winners[0, 0] if squeeze else result.winners[0]
    if request.trace:
        body["trace"] = pool_trace_json(engine.pool_trace(x[0], **params), request.input.ndim)
    return ArrayJSONResponse(body)
