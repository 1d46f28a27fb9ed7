"""POST /api/pool."""

from fastapi import APIRouter

from ... import engine
from ...settings import Settings
from .. import limits
from ..deps import SettingsDep, run_work, work
from ..encoding import encode
from ..errors import ERROR_RESPONSES
from ..json_route import JSONBodyRoute
from ..responses import ArrayJSONResponse
from ..schemas.pool import PoolRequest, PoolResponse
from ..traces import pool_trace_json

router = APIRouter(prefix="/api", tags=["operations"], route_class=JSONBodyRoute)


@router.post("/pool", response_model=PoolResponse, response_class=ArrayJSONResponse,
             responses=ERROR_RESPONSES)
async def pool(body: PoolRequest, settings: SettingsDep):
    """Max or average pooling; max pooling also says which cell won each window."""
    return await run_work(check(body, settings), _pool, body)


def check(body: PoolRequest, settings: Settings) -> int:
    """Every limit, from shapes alone; -> the request's work estimate."""
    x_shape, cells = body.batch().shape, body.size[0] * body.size[1]  # (1, C, H, W), window cells
    limits.check_array(settings, x_shape, "input")
    limits.check_window(settings, body.size, "size")
    limits.check_spacing(settings, stride=body.stride, padding=body.padding, dilation=body.dilation)
    geometry = engine.pool_geometry(x_shape, **body.pool_settings(body.kind))
    outputs = x_shape[1] * geometry.out[0] * geometry.out[1]
    limits.check_totals(settings, outputs, outputs * cells)
    trace_values = limits.check_trace(settings, outputs, cells) if body.trace else 0
    return work(outputs * cells, 3 * outputs + trace_values)  # output and winners (a pair each)


def _pool(body: PoolRequest) -> ArrayJSONResponse:
    x = body.batch()  # (1, C, H, W)
    params = body.pool_settings(body.kind)
    result = engine.pool2d(x, **params)
    squeeze = body.input.ndim == 2  # answer in the input's rank
    output = result.output[0, 0] if squeeze else result.output[0]
    answer = {"output": encode(output, body.encoding), "shape": list(output.shape)}
    if result.winners is not None:
        answer["winners"] = encode(result.winners[0, 0] if squeeze else result.winners[0], body.encoding)
    if body.trace:
        answer["trace"] = pool_trace_json(engine.pool_trace(x[0], **params), body.input.ndim, body.encoding)
    return ArrayJSONResponse(answer)
