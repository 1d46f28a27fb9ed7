"""Valid requests to the operation endpoints, answered without FastAPI's request handling (pure ASGI).

A 7×7 convolution computes in about 35 µs, but FastAPI's layers around it (its exception and
exit-stack middleware, its routing through included routers, the route's handler) took about
55 µs more, measured in-process: a third of the whole call. So a POST to an endpoint that can be
called with its validated body and the Request alone (json_route.direct_endpoint: convolve, pool,
activate, forward), with a body that is exactly application/json, is parsed, validated and
answered here.

This path answers only what FastAPI's would answer the same way. Any other request, and any
request that raises on the way (a body that is not JSON or does not validate, a limit exceeded,
an overflow), goes on to FastAPI with its body replayed, and FastAPI words every error as
before. The limits are checked before any work, so only an error found in the results (an
overflow) costs the work twice.
"""

from __future__ import annotations

from collections.abc import Iterable

from fastapi import Request
from fastapi.routing import APIRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from .body_limit import replaying
from .json_body import parse_body
from .json_route import DirectEndpoint, direct_endpoint

_JSON_TYPE = b"application/json"


class DirectRoutesMiddleware:
    """Innermost of the app's middleware, so that a direct answer passes every other layer (the
    body limit, heavy turns, CORS and the security headers) as FastAPI's answers do."""

    def __init__(self, app: ASGIApp, routes: Iterable[APIRoute]):
        self.app = app
        self.endpoints: dict[str, DirectEndpoint] = {}  # route path -> endpoint
        for route in routes:
            endpoint = direct_endpoint(route) if route.methods == {"POST"} else None
            if endpoint is not None:
                self.endpoints.setdefault(route.path, endpoint)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        endpoint = self._endpoint(scope)
        if endpoint is None:
            return await self.app(scope, receive, send)
        chunks = await _body(receive)
        if chunks is None:  # the client left before sending all of it
            return None
        try:
            value = endpoint.model.model_validate(await parse_body(b"".join(chunks)))
            response = await endpoint(value, Request(scope, receive))
        except Exception:  # whatever it is, FastAPI's path meets it too and answers it
            return await self.app(scope, replaying(chunks, receive), send)
        await response(scope, receive, send)

    def _endpoint(self, scope: Scope) -> DirectEndpoint | None:
        if scope["type"] != "http" or scope["method"] != "POST":
            return None
        endpoint = self.endpoints.get(_route_path(scope))
        return endpoint if endpoint is not None and _content_type(scope) == _JSON_TYPE else None


async def _body(receive: Receive) -> list[bytes] | None:
    """The request body's chunks, or None on a disconnect."""
    chunks, more = [], True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunks.append(message.get("body", b""))
        more = message.get("more_body", False)
    return chunks


def _route_path(scope: Scope) -> str:
    """The path without the root path the app is served under (Starlette routes on this)."""
    path, root = scope["path"], scope.get("root_path", "")
    return path[len(root):] if root and path.startswith(root + "/") else path


def _content_type(scope: Scope) -> bytes | None:
    """The media type, lower-cased, without parameters (FastAPI also takes "charset=...")."""
    for name, value in scope["headers"]:
        if name == b"content-type":
            return value.partition(b";")[0].strip().lower()
    return None
