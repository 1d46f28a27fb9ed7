"""POST /api/activate."""

from fastapi import APIRouter, Request

from ... import engine
from ...settings import Settings
from .. import limits
from ..deps import ensure_finite, finite_results, run_work, settings_of
from ..encoding import encode
from ..errors import ERROR_RESPONSES
from ..json_route import OrjsonRoute
from ..responses import ArrayJSONResponse
from ..schemas.activate import ActivateRequest, ActivateResponse

router = APIRouter(prefix="/api", tags=["operations"], route_class=OrjsonRoute)


@router.post("/activate", response_model=ActivateResponse, response_class=ArrayJSONResponse,
             responses=ERROR_RESPONSES)
async def activate(request: ActivateRequest, http: Request):
    """Apply an activation function elementwise (softmax along an axis)."""
    settings = settings_of(http)
    return await run_work(request.input.size, _activate, request, settings)


def _activate(request: ActivateRequest, settings: Settings) -> ArrayJSONResponse:
    limits.check_array(settings, request.input.shape, "input")
    with finite_results():
        output = engine.activate(request.input, request.function, request.alpha, request.axis)
    ensure_finite(output)
    # A 0-d array would serialise as a one-item list; a number in gives a number out.
    body = {"output": encode(output, request.encoding) if output.ndim else float(output), "shape": list(output.shape)}
    if request.trace:
        top, exps, total = engine.softmax_steps(request.input, request.axis)
        body["trace"] = {"max": top, "exp": exps, "sum": total}
    return ArrayJSONResponse(body)
