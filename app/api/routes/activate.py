"""POST /api/activate."""

from fastapi import APIRouter, Request

from ... import engine
from .. import limits
from ..deps import ensure_finite, finite_results, run_work, settings_of, work
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
    limits.check_array(settings_of(http), request.input.shape, "input")
    answer_numbers = request.input.size * (2 if request.trace else 1)  # the output, and the trace's exponentials
    return await run_work(work(request.input.size, answer_numbers), _activate, request)


def _activate(request: ActivateRequest) -> ArrayJSONResponse:
    with finite_results():
        output = engine.activate(request.input, request.function, request.alpha, request.axis)
    ensure_finite(output)
    # A 0-d array would serialise as a one-item list; a number in gives a number out.
    body = {"output": encode(output, request.encoding) if output.ndim else float(output), "shape": list(output.shape)}
    if request.trace:
        top, exps, total = engine.softmax_steps(request.input, request.axis)
        body["trace"] = {"max": top, "exp": exps, "sum": total}
    return ArrayJSONResponse(body)
