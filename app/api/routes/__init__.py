"""One router per area of the API."""

from fastapi.routing import APIRoute

from . import activate, convolve, forward, pool

OPERATIONS = (convolve, pool, activate, forward)  # the endpoints that compute from one JSON body


def operation_routes() -> list[APIRoute]:
    """The operations' routes, for the middleware that answers their valid requests directly."""
    return [route for module in OPERATIONS for route in module.router.routes]
