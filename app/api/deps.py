"""Dependencies shared by the routes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

import numpy as np
from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool

from ..settings import Settings
from .errors import ClientError
from .heavy import HEAVY_WORK, heavy_turn

T = TypeVar("T")


async def get_settings(request: Request) -> Settings:
    """The app's settings, given when the app is built (so tests can build an app with their own);
    the middleware reads the same object. Async, as every dependency here: FastAPI would run a plain
    function in its thread pool, a hop that costs more than a small request's whole work."""
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def finite_results() -> np.errstate:
    """A context in which engine work runs quietly; the caller checks results with `ensure_finite`."""
    return np.errstate(over="ignore", invalid="ignore")


def ensure_finite(*arrays: np.ndarray, field: str = "input") -> None:
    """Results must be JSON numbers: an overflow is the caller's values being too large."""
    if not all(np.isfinite(a).all() for a in arrays):
        raise ClientError(("body", field), "the values are too large: the result overflows 64-bit floats")


# Work below which a request runs on the event loop; anything bigger runs in the thread pool.
# A hop to the pool and back added 0.3-0.6 ms to a 28×28 request. One unit of work took 0.5-1.4 ns
# here, and 2.5-4.3 ns in requests with a trace (gathered step by step), so inline work holds the
# loop for about 1.5 ms at most, 4.5 ms with a trace.
INLINE_WORK = 1_000_000
# Writing one number of an answer as JSON costs about as much as 25 multiply-adds: an answer's
# size counts towards its work, so that a small request with a huge answer (a trace, or an
# output blown up by padding) is not taken for a small one.
WORK_PER_ANSWER_NUMBER = 25


def work(multiply_adds: int, answer_numbers: int) -> int:
    """A request's work estimate, from what limits.py counted before any work."""
    return multiply_adds + WORK_PER_ANSWER_NUMBER * answer_numbers


async def run_work(estimate: int, compute: Callable[..., T], *args) -> T:
    """Run CPU work inline when it is tiny, else in the thread pool so the event loop stays free;
    large work waits for a heavy turn first."""
    if estimate <= INLINE_WORK:
        return compute(*args)
    if estimate <= HEAVY_WORK:
        return await run_in_threadpool(compute, *args)
    async with heavy_turn():
        return await run_in_threadpool(compute, *args)
