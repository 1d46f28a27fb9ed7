"""Dependencies shared by the routes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
from fastapi import Request

from ..settings import Settings
from .errors import ClientError


async def get_settings(request: Request) -> Settings:
    """The app's limits (set when the app is built, so tests can build an app with their own)."""
    return request.app.state.settings


@contextmanager
def finite_results() -> Iterator[None]:
    """Run engine work quietly; the caller checks results with `ensure_finite`."""
    with np.errstate(over="ignore", invalid="ignore"):
        yield


def ensure_finite(*arrays: np.ndarray, field: str = "input") -> None:
    """Results must be JSON numbers: an overflow is the caller's values being too large."""
    if not all(np.isfinite(a).all() for a in arrays):
        raise ClientError(field, "the values are too large: the result overflows 64-bit floats")
