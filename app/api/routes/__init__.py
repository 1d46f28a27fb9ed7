"""One router per area of the API."""

from . import activate, conv_transpose, convolve, forward, pool

OPERATIONS = (convolve, conv_transpose, pool, activate, forward)  # the endpoints that compute from one JSON body


def operation_names() -> tuple[str, ...]:
    """("convolve", "pool", ...): each operation's path under /api/."""
    return tuple(route.path.removeprefix("/api/") for module in OPERATIONS for route in module.router.routes)
