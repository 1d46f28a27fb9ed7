"""Refuse oversized request bodies before anything parses them (pure ASGI middleware).

The declared Content-Length is checked first; a body without one (chunked) is counted while
it is read. Either way the JSON parser never sees more than the limit. An ONNX file uploaded to
POST /api/models has its own, larger limit.
"""

from __future__ import annotations

from collections.abc import Callable

import orjson

from ..settings import LimitExceeded, Settings

Scope, Receive, Send = dict, Callable, Callable
BODY_BYTES = "convscope.body_bytes"  # the key, in the scope's state, of the body's size once read


def replaying(chunks: list[bytes], receive: Receive) -> Receive:
    """A receive() that hands on a body already read, chunk by chunk (the list is used up), then
    waits on `receive` for a disconnect, as the server would."""
    chunks.reverse()

    async def replay() -> dict:
        if not chunks:
            return await receive()
        return {"type": "http.request", "body": chunks.pop(), "more_body": bool(chunks)}

    return replay


UPLOAD_PATH = "/api/models"  # POST: an ONNX file


class BodyLimitMiddleware:
    def __init__(self, app, settings: Settings):
        self.app = app
        self.limits = {False: settings.body_bytes, True: settings.model_bytes}  # by: is it an upload?

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        root, path = scope.get("root_path", ""), scope["path"]
        path = path[len(root):] if root and path.startswith(root) else path  # as the app's routes see it
        limit = self.limits[scope["method"] == "POST" and path.rstrip("/") == UPLOAD_PATH]
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit.allowed:
            return await self._refuse(send, int(declared), limit)
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit.allowed:
                return await self._refuse(send, size, limit, at_least=True)
            chunks.append(chunk)
            more = message.get("more_body", False)
        scope.setdefault("state", {})[BODY_BYTES] = size  # for HeavyRequestMiddleware, inside
        # The chunks are handed on as they came, not joined here: a body waiting for its heavy turn
        # then holds one copy of its bytes, not two, and each chunk is let go once passed on.
        return await self.app(scope, replaying(chunks, receive), send)

    async def _refuse(self, send: Send, size: int, limit, at_least: bool = False) -> None:
        what = "the size of the request body" + (" read so far, in bytes," if at_least else " in bytes")
        payload = orjson.dumps({"detail": LimitExceeded(what, size, limit).detail + "."})
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(payload)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": payload})
