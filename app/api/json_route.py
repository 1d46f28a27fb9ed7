"""Routes that parse JSON bodies with orjson (several times faster than the json module on big arrays).

Most valid requests to the operation routes never reach them: direct_routes.py answers those.
These routes answer the rest (and word every error) through FastAPI's own handler.
"""

from __future__ import annotations

import contextlib
import inspect
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel

from .json_body import parse_body

Handler = Callable[[Request], Awaitable[Response]]


class OrjsonRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = await parse_body(await self.body())
        return self._json


class OrjsonRoute(APIRoute):
    """An APIRoute whose handler sees an OrjsonRequest."""

    def get_route_handler(self) -> Handler:
        checked = super().get_route_handler()  # FastAPI's: reads, validates and reports every error

        async def parse_with_orjson(request: Request) -> Response:
            request = OrjsonRequest(request.scope, request.receive)
            if "json" in request.headers.get("content-type", ""):
                # Parsed here first so that a body over the parser's depth limit reaches its 413
                # handler (FastAPI turns any other exception from parsing into a bare 400). Syntax
                # errors are left for FastAPI, which reports them as invalid JSON.
                with contextlib.suppress(json.JSONDecodeError):
                    await request.json()
            return await checked(request)

        return parse_with_orjson


@dataclass(frozen=True)
class DirectEndpoint:
    """An endpoint that takes just its body's model and the Request, and how to call it."""

    model: type[BaseModel]
    call: Callable[..., Awaitable[Any]]
    body_name: str
    request_name: str

    async def __call__(self, body: BaseModel, request: Request) -> Response:
        response = await self.call(**{self.body_name: body, self.request_name: request})
        if not isinstance(response, Response):  # FastAPI would serialise it through the response model
            raise TypeError(f"{self.call.__name__}: an endpoint called directly must return a Response")
        return response


def direct_endpoint(route: APIRoute) -> DirectEndpoint | None:
    """The route's endpoint, when it can be called with a validated body and the Request alone:
    a coroutine taking one body model (not embedded) and the Request, with no path, query, header
    or cookie parameters and no dependencies (the route's own included). Else None."""
    dependant = route.dependant
    others = (dependant.path_params, dependant.query_params, dependant.header_params,
              dependant.cookie_params, dependant.dependencies)
    if len(dependant.body_params) != 1 or any(others) or dependant.request_param_name is None:
        return None
    body = dependant.body_params[0]
    model = body.field_info.annotation
    embedded = getattr(body.field_info, "embed", False)  # {"request": {...}} rather than the model's fields
    if not (isinstance(model, type) and issubclass(model, BaseModel)) or embedded \
            or not inspect.iscoroutinefunction(route.endpoint):
        return None
    return DirectEndpoint(model, route.endpoint, body.name, dependant.request_param_name)
