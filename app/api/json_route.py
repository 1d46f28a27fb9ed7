"""Routes that parse JSON bodies with orjson (several times faster than the json module on big arrays)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import orjson
from fastapi import Request, Response
from fastapi.routing import APIRoute


class OrjsonRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            body = await self.body()
            try:
                self._json = orjson.loads(body)
            except orjson.JSONDecodeError:
                # Strict JSON has no NaN or Infinity, but Python's json.dumps writes them. Parse such a
                # body leniently so validation can say which field holds them; real syntax errors re-raise.
                self._json = json.loads(body)
        return self._json


class OrjsonRoute(APIRoute):
    """An APIRoute whose handler sees an OrjsonRequest."""

    def get_route_handler(self) -> Callable[[Request], Any]:
        handler = super().get_route_handler()

        async def parse_with_orjson(request: Request) -> Response:
            return await handler(OrjsonRequest(request.scope, request.receive))

        return parse_with_orjson
