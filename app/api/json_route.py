"""Routes that parse JSON bodies with orjson (several times faster than the json module on big arrays)
and hand a body that validates straight to the endpoint.

FastAPI's way to a validated body (solving the endpoint's parameters, checking the content type
through the email package, validating through a type adapter) took about 50-90 µs of a 7×7
convolve request that costs 200-300 µs in all. A route whose endpoint takes just the body's model
and the Request validates the model itself; anything else (another content type, a body that is
not JSON or does not validate) goes through FastAPI's handler, which words every error as before.
"""

from __future__ import annotations

import contextlib
import inspect
import json
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError

from .heavy import LARGE_BODY_BYTES
from .json_body import parse, parse_in_thread

Handler = Callable[[Request], Awaitable[Response]]
_JSON_TYPE = "application/json"


class OrjsonRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            body = await self.body()
            self._json = await parse_in_thread(body) if len(body) > LARGE_BODY_BYTES else parse(body)
        return self._json


class OrjsonRoute(APIRoute):
    """An APIRoute whose handler sees an OrjsonRequest, and validates its body model itself when
    its endpoint takes only that model and the Request (the app includes these routes without
    dependencies of its own)."""

    def get_route_handler(self) -> Handler:
        checked = super().get_route_handler()  # FastAPI's: reads, validates and reports every error
        validated = self._validated_body_handler(checked)

        async def parse_with_orjson(request: Request) -> Response:
            request = OrjsonRequest(request.scope, request.receive)
            if "json" in request.headers.get("content-type", ""):
                # Parsed here first so that a body over the parser's depth limit reaches its 413
                # handler (FastAPI turns any other exception from parsing into a bare 400). Syntax
                # errors are left for FastAPI, which reports them as invalid JSON.
                with contextlib.suppress(json.JSONDecodeError):
                    await request.json()
            return await (validated or checked)(request)

        return parse_with_orjson

    def _validated_body_handler(self, checked: Handler) -> Handler | None:
        """A handler that calls the endpoint with the body validated by its model (falling back on
        `checked`), or None when the endpoint takes anything else."""
        dependant = self.dependant
        others = (dependant.path_params, dependant.query_params, dependant.header_params,
                  dependant.cookie_params, dependant.dependencies)
        if len(dependant.body_params) != 1 or any(others) or dependant.request_param_name is None:
            return None
        body = dependant.body_params[0]
        model = body.field_info.annotation
        embedded = getattr(body.field_info, "embed", False)  # {"request": {...}} rather than the model's fields
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or embedded \
                or not inspect.iscoroutinefunction(self.endpoint):
            return None
        endpoint, body_name, request_name = self.endpoint, body.name, dependant.request_param_name

        async def handle(request: OrjsonRequest) -> Response:
            if request.headers.get("content-type", "").partition(";")[0].strip().lower() == _JSON_TYPE:
                try:
                    value = model.model_validate(await request.json())
                except (ValidationError, json.JSONDecodeError):
                    pass  # FastAPI's handler finds the same problem and words it
                else:
                    response = await endpoint(**{body_name: value, request_name: request})
                    if not isinstance(response, Response):
                        raise TypeError(f"{self.path}: an endpoint with a validated body must return a Response")
                    return response
            return await checked(request)

        return handle
