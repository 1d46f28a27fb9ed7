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
    """Run an input through a graph of layers and return the layers' outputs."""
    nodes = body.nodes()
    plans, estimate = _check(body, nodes, settings)
    return await run_work(estimate, _forward, body, nodes, plans)


def _check(body: ForwardRequest, nodes: list[engine.Node], settings: Settings) -> tuple[list, int]:
    """Every limit, and every layer's name, inputs and shape, before any work.
    -> (the layers' plans, the work estimate)"""
    x_shape = body.batch().shape  # (1, C, H, W)
    limits.check_array(settings, x_shape, "input")
    limits.check_layers(settings, [node.layer for node in nodes])
    plans = engine.plan(x_shape[1:], nodes)
    outputs, multiply_adds = limits.check_plan(settings, plans)
    return plans, work(multiply_adds, outputs)


def _forward(body: ForwardRequest, nodes: list[engine.Node], plans: list[engine.LayerPlan]) -> ArrayJSONResponse:
    answered = body.answered([p.name for p in plans])
    with finite_results():
        outputs = engine.forward(body.batch(), nodes, keep=answered | {plans[-1].name})  # (1, ...) each
    kept = [(p, out[0]) for p, out in zip(plans, outputs, strict=True) if out is not None]  # batch axis dropped
    ensure_finite(*(out for _, out in kept))
    return ArrayJSONResponse({
        "layers": [{"name": p.name, "type": p.type, "inputs": list(p.inputs), "shape": list(p.shape),
                    "parameters": p.parameters, "multiply_adds": p.multiply_adds,
                    "output": encode(out, body.encoding)} for p, out in kept if p.name in answered],
        "output": encode(kept[-1][1], body.encoding),
        "shape": list(plans[-1].shape),
    })
