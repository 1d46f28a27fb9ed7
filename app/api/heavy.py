"""Heavy requests take turns, so that they cannot crowd out pages and small requests.

Parsing a 15 MB body, turning its lists into arrays and writing a big answer each hold Python's
GIL for up to about 100 ms; two heavy requests side by side make everything else wait for both,
and sixteen would hold sixteen bodies' worth of parsed lists (about 100 MB each) at once. So a
request with a large body waits for a turn once its body has arrived (a slow sender holds no
turn), and a small request whose work is large waits for one before computing:
CONVSCOPE_MAX_HEAVY_REQUESTS turns per worker process (1 by default; run more workers to use
more cores).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar

from starlette.types import ASGIApp, Receive, Scope, Send

from ..settings import Settings
from .body_limit import BODY_BYTES

LARGE_BODY_BYTES = 1 << 20  # bodies above this take a turn before they are parsed
HEAVY_WORK = 10_000_000  # multiply-adds (about 10 ms) above which the work takes a turn

_turns: ContextVar[asyncio.Semaphore | None] = ContextVar("heavy_turns", default=None)
_holding: ContextVar[bool] = ContextVar("holding_a_heavy_turn", default=False)


@asynccontextmanager
async def heavy_turn() -> AsyncIterator[None]:
    """Wait for a turn (unless this request holds one already, or no gate is installed)."""
    turns = _turns.get()
    if turns is None or _holding.get():
        yield
        return
    async with turns:
        token = _holding.set(True)
        try:
            yield
        finally:
            _holding.reset(token)


class HeavyRequestMiddleware:
    """Installs the app's turns for every request; a large body (its size measured by the body-limit
    middleware around this one) waits for a turn before anything parses it."""

    def __init__(self, app: ASGIApp, settings: Settings):
        self.app = app
        self.turns = asyncio.Semaphore(settings.max_heavy_requests)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        _turns.set(self.turns)
        if scope.get("state", {}).get(BODY_BYTES, 0) <= LARGE_BODY_BYTES:
            return await self.app(scope, receive, send)
        async with heavy_turn():
            await self.app(scope, receive, send)
