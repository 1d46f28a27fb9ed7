"""POST /api/forward."""

from fastapi import APIRouter

from ... import engine
from ...settings import Settings
from .. import limits
from ..deps import SettingsDep, ensure_finite, finite_results, run_work, work
from ..encoding import encode
from ..errors import ERROR_RESPONSES
from ..json_route import JSONBodyRoute
from ..responses import ArrayJSONResponse
from ..schemas.forward import ForwardRequest, ForwardResponse

router = APIRouter(prefix="/api", tags=["operations"], route_class=JSONBodyRoute)


@router.post("/forward", response_model=ForwardResponse, response_class=ArrayJSONResponse,
             responses=ERROR_RESPONSES)
async def forward(body: ForwardRequest, settings: SettingsDep):
    """Run an input through a list of layers and return every layer's output."""
    layers = body.engine_layers()
    plans, estimate = _check(body, layers, settings)
    return await run_work(estimate, _forward, body, layers, plans)


def _check(body: ForwardRequest, layers: list, settings: Settings) -> tuple[list, int]:
    """Every limit, and every layer's shape, before any work. -> (the layers' plans, the work estimate)"""
    x_shape = body.batch().shape  # (1, C, H, W)
    limits.check_array(settings, x_shape, "input")
    limits.check_layers(settings, layers)
    plans = engine.plan(x_shape[1:], layers)
    outputs, multiply_adds = limits.check_plan(settings, layers, plans)
    return plans, work(multiply_adds, outputs)


def _forward(body: ForwardRequest, layers: list, plans: list) -> ArrayJSONResponse:
    x = body.batch()  # (1, C, H, W)
    with finite_results():
        outputs = [out[0] for out in engine.forward(x, layers)]  # drop the batch axis
    ensure_finite(*outputs)
    return ArrayJSONResponse({
        "layers": [{"type": p.type, "shape": list(p.shape), "parameters": p.parameters,
                    "multiply_adds": p.multiply_adds, "output": encode(out, body.encoding)}
                   for p, out in zip(plans, outputs, strict=True)],
        "output": encode(outputs[-1], body.encoding),
        "shape": list(plans[-1].shape),
    })
