"""Valid requests to the operation routes are answered without FastAPI's request handling, exactly as
FastAPI's path answers them; everything else goes through FastAPI's path."""

import asyncio

import fastapi.routing
import numpy as np
import orjson
import pytest
from fastapi import APIRouter, Depends, Request
from fastapi.testclient import TestClient
from pydantic import BaseModel

from app.api.direct_routes import DirectRoutesMiddleware
from app.api.heavy import LARGE_BODY_BYTES
from app.api.json_route import direct_endpoint
from app.api.routes import operation_routes
from app.main import create_app
from app.settings import Settings

BODIES = {
    "/api/convolve": {"input": [[1, 2, 3], [4, 5, 6], [7, 8, 9]], "kernel": [[1, 0], [0, -1]], "bias": 0.5,
                      "padding": 1, "trace": True},
    "/api/pool": {"input": [[1, 5, 2, 0], [3, 4, 8, 1], [0, 2, 6, 7], [9, 1, 3, 4]], "kind": "max", "size": 2},
    "/api/activate": {"input": [-2, -0.5, 0, 1.5], "function": "leaky_relu"},
    "/api/forward": {"input": [[1, 2], [3, 4]], "layers": [{"type": "conv2d", "kernel": [[[[1]]]]},
                                                           {"type": "relu"}, {"type": "flatten"}]},
}
# application/*+json is JSON to FastAPI, but only application/json is answered directly
VIA_FASTAPI = {"content-type": "application/vnd.convscope+json"}


@pytest.fixture
def fastapi_solves(monkeypatch):
    """The requests FastAPI solved the endpoint's parameters for: those its own path handled."""
    solved = []
    original = fastapi.routing.solve_dependencies

    async def counting(*args, **kwargs):
        solved.append(kwargs["request"].url.path)
        return await original(*args, **kwargs)

    monkeypatch.setattr(fastapi.routing, "solve_dependencies", counting)
    return solved


@pytest.mark.parametrize("path", BODIES)
def test_a_valid_body_is_answered_directly_as_fastapis_path_answers_it(client, fastapi_solves, path):
    direct = client.post(path, json=BODIES[path])
    assert direct.status_code == 200 and fastapi_solves == []
    by_fastapi = client.post(path, json=BODIES[path], headers=VIA_FASTAPI)
    assert fastapi_solves == [path]
    assert by_fastapi.status_code == 200 and by_fastapi.content == direct.content
    assert by_fastapi.headers.items() == direct.headers.items()  # the security headers included


@pytest.mark.parametrize("content_type", ["application/json; charset=utf-8", "Application/JSON"])
def test_json_with_parameters_or_capitals_is_answered_directly(client, fastapi_solves, content_type):
    response = client.post("/api/convolve", content=b'{"input": [[1, 2], [3, 4]], "kernel": [[2]]}',
                           headers={"content-type": content_type})
    assert response.status_code == 200 and response.json()["output"] == [[2, 4], [6, 8]]
    assert fastapi_solves == []


@pytest.mark.parametrize("raw, detail", [
    (b'{"input": [[1, 2], [3, 4]]}', "kernel is required."),
    (b'{"input": [[1, 2], [3, 4]], "kernel": [[1]], "stride": 0}', "stride must be at least 1 (got 0)."),
    (b'{"input": [[1, 2], [3, 4]], "kernel": [[1]], "colour": 1}', "colour is not a known field."),
    (b"[1, 2]", "the body must be a JSON object."),
    (b'{"input": [[1e300, 1e300]], "kernel": [[1e300, 1e300]]}', "input: the values are too large"),
])
def test_an_invalid_body_is_worded_by_fastapis_path(client, fastapi_solves, raw, detail):
    response = client.post("/api/convolve", content=raw, headers={"content-type": "application/json"})
    assert response.status_code == 422 and response.json()["detail"].startswith(detail)
    assert fastapi_solves == ["/api/convolve"]  # the replayed body reached it


def test_a_body_that_is_not_json_or_over_a_limit_goes_to_fastapis_path(client_with, fastapi_solves):
    client = client_with(max_input_elements=4)
    not_json = client.post("/api/convolve", content=b'{"input": [[1, 2]', headers={"content-type": "application/json"})
    assert not_json.status_code == 422 and not_json.json()["detail"].startswith("the body is not valid JSON")
    too_big = client.post("/api/convolve", json={"input": [[1, 2, 3], [4, 5, 6]], "kernel": [[1]]})
    assert too_big.status_code == 413 and "max_input_elements" in too_big.json()["detail"]
    assert fastapi_solves == ["/api/convolve"]  # the first never got as far as the endpoint's parameters


def test_a_large_body_is_answered_directly_too(client, fastapi_solves):
    side = 300  # a body over LARGE_BODY_BYTES, parsed in a worker thread
    image = np.random.default_rng(0).standard_normal((side, side))
    body = orjson.dumps({"input": image, "kernel": [[1, -1]]}, option=orjson.OPT_SERIALIZE_NUMPY)
    assert len(body) > LARGE_BODY_BYTES
    direct = client.post("/api/convolve", content=body, headers={"content-type": "application/json"})
    assert direct.status_code == 200 and fastapi_solves == []
    np.testing.assert_array_equal(direct.json()["output"], image[:, :-1] - image[:, 1:])


def test_cross_origin_requests_are_answered_directly_with_cors_headers(client, fastapi_solves):
    response = client.post("/api/pool", json=BODIES["/api/pool"], headers={"origin": "https://notebook.example"})
    assert response.status_code == 200 and response.headers["access-control-allow-origin"] == "*"
    assert fastapi_solves == []


def test_an_app_served_under_a_root_path_is_answered_directly(fastapi_solves):
    with TestClient(create_app(Settings()), root_path="/convscope") as client:
        direct = client.post("/convscope/api/activate", json=BODIES["/api/activate"])
        assert fastapi_solves == []
        by_fastapi = client.post("/convscope/api/activate", json=BODIES["/api/activate"], headers=VIA_FASTAPI)
    assert direct.status_code == by_fastapi.status_code == 200 and direct.content == by_fastapi.content


def test_other_methods_and_paths_go_to_fastapi(client):
    assert client.get("/api/convolve").status_code == 405
    assert client.post("/api/convolution", json=BODIES["/api/convolve"]).status_code == 404


def test_a_client_that_leaves_mid_body_gets_no_answer():
    async def never_called(scope, receive, send):
        raise AssertionError("nothing is left to answer")

    messages = [{"type": "http.request", "body": b'{"input": ', "more_body": True}, {"type": "http.disconnect"}]
    sent = []

    async def receive():
        return messages.pop(0)

    async def send(message):
        sent.append(message)

    middleware = DirectRoutesMiddleware(never_called, routes=operation_routes())
    scope = {"type": "http", "method": "POST", "path": "/api/convolve", "root_path": "",
             "headers": [(b"content-type", b"application/json")]}
    asyncio.run(middleware(scope, receive, send))
    assert sent == []


class Body(BaseModel):
    value: int


async def _takes_body_and_request(body: Body, http: Request):
    return None


def test_only_endpoints_taking_a_body_model_and_the_request_are_called_directly():
    router = APIRouter()
    router.post("/eligible")(_takes_body_and_request)
    router.post("/with-a-dependency", dependencies=[Depends(lambda: None)])(_takes_body_and_request)
    router.post("/{name}")(lambda name, body, http: None)

    @router.post("/plain-function")
    def plain_function(body: Body, http: Request):
        return None

    @router.post("/without-the-request")
    async def without_the_request(body: Body):
        return None

    eligible = {route.path for route in router.routes if direct_endpoint(route) is not None}
    assert eligible == {"/eligible"}
    assert {route.path for route in operation_routes() if direct_endpoint(route)} == set(BODIES)
