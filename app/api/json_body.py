"""Request bodies as JSON: the one parser of the API (orjson), with the checks a parser alone does not make.

- Nesting deeper than orjson's fixed limit (1,024 levels) is refused as over a limit (413).
- NaN and Infinity are not JSON, but Python's json.dumps writes them (and 1e999 overflows to
  infinity): such a body is parsed leniently so that validation can name the field that holds them.
"""

from __future__ import annotations

import json
from typing import Any

import orjson
from fastapi import HTTPException
from fastapi.concurrency import run_in_threadpool

from .heavy import LARGE_BODY_BYTES

PARSER_DEPTH = 1024  # orjson's own limit
_NON_FINITE = (b"NaN", b"Infinity")


class TooDeep(HTTPException):
    """A body nested deeper than the parser goes. An HTTPException, so that FastAPI, which turns any
    other failure of the parser into a bare 400, answers it as it is: a 413."""

    def __init__(self) -> None:
        super().__init__(413, f"the JSON body is nested more than {PARSER_DEPTH:,} levels deep, "
                              f"over the JSON parser's fixed limit")


def parse(body: bytes) -> Any:
    """The body's JSON value; orjson.JSONDecodeError (a json.JSONDecodeError) when it is not JSON."""
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError as error:
        if str(error).startswith("depth limit exceeded"):
            raise TooDeep() from None
        too_big = "is infinity when parsed" in str(error)  # 1e999: Python's parser reads it as inf
        if not (too_big or any(token in body for token in _NON_FINITE)):
            raise
        try:
            return json.loads(body)
        except (ValueError, RecursionError):  # not JSON after all (or not UTF-8): orjson's words
            raise error from None


async def parse_body(body: bytes) -> Any:
    """parse(), in a worker thread for a large body, so that the event loop gets a turn while
    megabytes are parsed (tens of milliseconds)."""
    if len(body) <= LARGE_BODY_BYTES:
        return parse(body)
    return await run_in_threadpool(parse, body)
