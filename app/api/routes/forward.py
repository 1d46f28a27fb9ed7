"""POST /api/forward."""

from fastapi import APIRouter, Request

from ... import engine
from ...settings import Settings
from .. import limits
from ..deps import ensure_finite, finite_results, run_work, settings_of, work
from ..encoding import encode
from ..errors import ERROR_RESPONSES
from ..json_route import OrjsonRoute
from ..responses import ArrayJSONResponse
from ..schemas.forward import ForwardRequest, ForwardResponse

router = APIRouter(prefix="/api", tags=["operations"], route_class=OrjsonRoute)


@router.post("/forward", response_model=ForwardResponse, response_class=ArrayJSONResponse,
             responses=ERROR_RESPONSES)
async def forward(request: ForwardRequest, http: Request):
    """Run an input through a list of layers and return every layer's output."""
    settings = settings_of(http)
    layers = request.engine_layers()
    plans, estimate = _check(request, layers, settings)
    return await run_work(estimate, _forward, request, layers, plans)


def _check(request: ForwardRequest, layers: list, settings: Settings) -> tuple[list, int]:
    """Every limit, and every layer's shape, before any work. -> (the layers' plans, the work estimate)"""
    x_shape = request.batch().shape  # (1, C, H, W)
    limits.check_array(settings, x_shape, "input")
    limits.check_layers(settings, layers)
    plans = engine.plan(x_shape[1:], layers)
    outputs, multiply_adds = limits.check_plan(settings, layers, plans)
    return plans, work(multiply_adds, outputs)


def _forward(request: ForwardRequest, layers: list, plans: list) -> ArrayJSONResponse:
    x = request.batch()  # (1, C, H, W)
    with finite_results():
        outputs = [out[0] for out in engine.forward(x, layers)]  # drop the batch axis
    ensure_finite(*outputs)
    return ArrayJSONResponse({
        "layers": [{"type": p.type, "shape": list(p.shape), "parameters": p.parameters,
                    "multiply_adds": p.multiply_adds, "output": encode(out, request.encoding)}
                   for p, out in zip(plans, outputs, strict=True)],
        "output": encode(outputs[-1], request.encoding),
        "shape": list(plans[-1].shape),
    })
