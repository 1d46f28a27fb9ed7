"""Request bodies as JSON: parsed by orjson, with the checks a parser alone does not make.

- Nesting deeper than orjson's fixed limit (1,024 levels) is refused as over a limit (413).
- NaN and Infinity are not JSON, but Python's json.dumps writes them (and 1e999 overflows to
  infinity): such a body is parsed leniently so that validation can name the field that holds them.
- true and false inside an array would pass NumPy's conversion as 1 and 0. Whether a body has any
  is found once, on its bytes (a boolean in an array follows "[" or ","; a field's value follows
  ":"), so that the exact check per array runs only for bodies that may need it.
"""

from __future__ import annotations

import json
import re
from contextvars import ContextVar
from typing import Any

import orjson
from fastapi.concurrency import run_in_threadpool

from .heavy import LARGE_BODY_BYTES
from .limits import LimitExceeded

PARSER_DEPTH = 1024  # orjson's own limit
_NON_FINITE = (b"NaN", b"Infinity")
_BOOLEAN_IN_ARRAY = re.compile(rb"[\[,]\s*(?:true|false)\b")
_MAX_LETTERS = 64  # "t"s (then "f"s) looked at one by one before the regular expression takes over
_LOOK_BACK = 64  # bytes before a "true" searched for the "[" or "," it follows

# Set per request by parse(); True where nothing was parsed here (a model validated from Python values), so the exact
# check then always runs.
_booleans_in_arrays: ContextVar[bool] = ContextVar("booleans_in_arrays", default=True)


class TooDeep(LimitExceeded):
    """A body nested deeper than the parser goes."""

    def __init__(self) -> None:
        self.detail = (f"the JSON body is nested more than {PARSER_DEPTH:,} levels deep, "
                       f"over the JSON parser's fixed limit")
        Exception.__init__(self, self.detail)


def parse(body: bytes) -> Any:
    """The body's JSON value; orjson.JSONDecodeError (a json.JSONDecodeError) when it is not JSON."""
    _booleans_in_arrays.set(_may_hold_booleans(body))
    return _loads(body)


async def parse_body(body: bytes) -> Any:
    """parse(), in a worker thread for a large body, so that the event loop gets a turn between
    parsing (tens of milliseconds for megabytes) and validating."""
    if len(body) <= LARGE_BODY_BYTES:
        return parse(body)
    _booleans_in_arrays.set(_may_hold_booleans(body))
    return await run_in_threadpool(_loads, body)


def _may_hold_booleans(body: bytes) -> bool:
    """Whether a true or false may stand in an array: after "[" or ",", not after ":".

    Each "t" and "f" is found by a one-byte find(), at memory speed: searching a 55 kB body for
    "true" and "false" took 80 µs, finding its letters takes 1-2. A body of numbers has few of them
    (in field names); a body with many goes to the regular expression, which reads every byte.
    """
    for letter, word in ((b"t", b"true"), (b"f", b"false")):
        at = body.find(letter)
        for _ in range(_MAX_LETTERS):
            if at < 0:
                break
            if body.startswith(word, at):
                before = body[max(0, at - _LOOK_BACK):at].rstrip()  # JSON's whitespace is ASCII's
                if before[-1:] in (b"[", b","):
                    return True
                if not before and at > _LOOK_BACK:  # a long run of whitespace: look at all of it
                    return bool(_BOOLEAN_IN_ARRAY.search(body))
            at = body.find(letter, at + 1)
        else:
            return bool(_BOOLEAN_IN_ARRAY.search(body))
    return False


def _loads(body: bytes) -> Any:
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


def holds_booleans(value: Any) -> bool:
    """Whether nested lists that NumPy read as numbers had true or false among them."""
    if not _booleans_in_arrays.get():
        return False
    try:
        text = orjson.dumps(value)
    except TypeError:  # not plain JSON data (an array built in code): nothing came from a body
        return False
    return b"true" in text or b"false" in text
