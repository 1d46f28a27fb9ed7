"""POST /api/activate."""

from fastapi import APIRouter

from ... import engine
from .. import limits
from ..deps import SettingsDep, ensure_finite, finite_results, run_work, work
from ..encoding import encode
from ..errors import ERROR_RESPONSES
from ..json_route import JSONBodyRoute
from ..responses import ArrayJSONResponse
from ..schemas.activate import ActivateRequest, ActivateResponse

router = APIRouter(prefix="/api", tags=["operations"], route_class=JSONBodyRoute)


@router.post("/activate", response_model=ActivateResponse, response_class=ArrayJSONResponse,
             responses=ERROR_RESPONSES)
async def activate(body: ActivateRequest, settings: SettingsDep):
    """Apply an activation function elementwise (softmax along an axis)."""
    limits.check_array(settings, body.input.shape, "input")
    answer_numbers = body.input.size * (2 if body.trace else 1)  # the output, and the trace's exponentials
    return await run_work(work(body.input.size, answer_numbers), _activate, body)


def _activate(body: ActivateRequest) -> ArrayJSONResponse:
    with finite_results():
        channel_axis = max(body.input.ndim - 3, 0)  # C×H×W: 0, N×C×H×W: 1
        output = engine.activate(body.input, body.function, **body.engine_arguments(body.function, channel_axis))
    ensure_finite(output)
    # A 0-d array would serialise as a one-item list; a number in gives a number out.
    answer = {"output": encode(output, body.encoding) if output.ndim else float(output), "shape": list(output.shape)}
    if body.trace:
        top, exps, total = engine.softmax_steps(body.input, body.axis)
        answer["trace"] = {"max": encode(top, body.encoding), "exp": encode(exps, body.encoding),
                           "sum": encode(total, body.encoding)}
    return ArrayJSONResponse(answer)
