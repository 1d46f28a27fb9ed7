"""Client errors as one sentence: 422 for malformed input, 413 for requests over a limit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field

from ..engine import KINDS, LayerError, ParameterError
from ..settings import LimitExceeded
from .responses import ArrayJSONResponse


class ErrorResponse(BaseModel):
    detail: str = Field(description="one sentence: which field, and why")
    errors: list[dict] | None = Field(None, description="422 only: every problem found, each with loc and msg")


LAYER_TYPES = tuple(KINDS)

ERROR_RESPONSES = {
    413: {"model": ErrorResponse, "description": "Over a limit (the detail names it); nothing was computed"},
    422: {"model": ErrorResponse, "description": "Malformed input; the detail names the field and the reason"},
}


class ClientError(Exception):
    """Input that passed the schema but cannot be computed (e.g. a result that overflows).

    `loc` says where, as pydantic's errors do: ("body", "input"), ("query", "encoding"), ("body",).
    """

    def __init__(self, loc: tuple[str | int, ...], message: str, status: int = 422):
        super().__init__(message)
        self.loc, self.message, self.status = loc, message, status


def _where(loc: Sequence[Any]) -> str:
    """('body', 'layers', 2, 'conv2d', 'kernel') -> 'layers[2] (conv2d).kernel'."""
    text = ""
    parts = list(loc[1:] if loc and loc[0] in ("body", "query") else loc)
    for i, part in enumerate(parts):
        if isinstance(part, int):
            text += f"[{part}]"
        elif i > 0 and isinstance(parts[i - 1], int) and part in LAYER_TYPES:
            text += f" ({part})"
        else:
            text += f".{part}" if text else str(part)
    return text


def _short(value: Any) -> str | None:
    """A scalar as JSON would show it, or None for anything long."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str) and len(value) <= 40:
        return f'"{value}"'
    return None


def sentence(error: dict) -> str:
    """One pydantic error -> one sentence naming the field and the reason."""
    kind, loc = error["type"], tuple(error.get("loc", ()))
    where = _where(loc)
    if kind == "json_invalid":
        return f"the body is not valid JSON ({error.get('ctx', {}).get('error', 'decode error')})"
    if kind in ("model_attributes_type", "dict_type", "model_type") and where == "":
        return "the body must be a JSON object"
    message = str(error["msg"]).removeprefix("Value error, ")
    if kind == "missing":
        return f"{where or 'the body'} is required"
    if kind == "too_long":
        return f"{where} must have at most {error.get('ctx', {}).get('max_length', '?'):,} items"
    if kind == "too_short":
        return f"{where} must not be empty"
    if kind == "extra_forbidden":
        return f"{where} is not a known field"
    if kind == "union_tag_invalid":
        got = error.get("ctx", {}).get("tag")
        return f"{where}.type must be one of {', '.join(LAYER_TYPES)} (got {_short(got)})"
    if kind == "union_tag_not_found":
        return f"{where} needs a \"type\" ({', '.join(LAYER_TYPES)})"
    if message.startswith("String should have"):
        message = "must have" + message.removeprefix("String should have")
    if message.startswith("Input should be"):
        message = "must be" + message.removeprefix("Input should be")
        got = _short(error.get("input"))
        if got is not None:
            message += f" (got {got})"
    leaf = str(loc[-1]) if loc else ""
    if not where:
        return message
    if leaf and message.startswith((leaf + " ", leaf + ":")):
        parent = _where(loc[:-1])
        return f"{parent}: {message}" if parent else message
    if message.startswith(("must", "is ", "applies")):
        return f"{where} {message}"
    return f"{where}: {message}"


def _respond(status: int, detail: str, errors: list[dict] | None = None) -> ArrayJSONResponse:
    """The error body: `detail`, one sentence; and for a 422, `errors`, each problem with its loc."""
    body: dict[str, Any] = {"detail": detail.rstrip(".") + "."}
    if status == 422:
        body["errors"] = errors or _one(["body"], detail)
    return ArrayJSONResponse(body, status_code=status)


def _one(loc: Sequence[str | int], detail: str) -> list[dict]:
    return [{"loc": list(loc), "msg": detail.rstrip("."), "type": "value_error"}]


def _pydantic_loc(error: dict) -> list:
    loc = list(error.get("loc", ()))
    field = (error.get("ctx") or {}).get("field")
    return loc + [field] if field is not None else loc


def install(app: FastAPI) -> None:
    """Register the handlers that turn client mistakes into 4xx with one sentence."""

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        errors = [{**e, "loc": _pydantic_loc(e)} for e in exc.errors()]
        clean = [{"loc": e["loc"], "msg": sentence(e), "type": e["type"]} for e in errors]
        detail = clean[0]["msg"]
        if clean[0]["loc"][:1] == ["body"] and "json" not in request.headers.get("content-type", ""):
            detail = "the body must be JSON, sent with the header Content-Type: application/json"
        return _respond(422, detail, clean)

    @app.exception_handler(LayerError)
    async def _layer(_: Request, exc: LayerError):
        detail = f"layers[{exc.index}]{exc.given_name} ({exc.layer_type}): {exc.message}"
        field = [] if exc.param in (None, "input", "type") else [exc.param]
        return _respond(422, detail, _one(["body", "layers", exc.index, *field], detail))

    @app.exception_handler(ParameterError)
    async def _parameter(_: Request, exc: ParameterError):
        detail = exc.message if exc.message.startswith(exc.param) else f"{exc.param}: {exc.message}"
        return _respond(422, detail, _one(["body", exc.param], detail))

    @app.exception_handler(ClientError)
    async def _client(_: Request, exc: ClientError):
        detail = f"{_where(exc.loc) or exc.loc[0]}: {exc.message}"
        return _respond(exc.status, detail, _one(exc.loc, detail))

    @app.exception_handler(LimitExceeded)
    async def _limit(_: Request, exc: LimitExceeded):
        return _respond(413, exc.detail)

    @app.exception_handler(HTTPException)
    async def _http(_: Request, exc: HTTPException):
        return _respond(exc.status_code, str(exc.detail))
