"""The operation routes validate a JSON body themselves; everything else goes through FastAPI's path."""

import fastapi.routing
import pytest

BODIES = {
    "/api/convolve": {"input": [[1, 2, 3], [4, 5, 6], [7, 8, 9]], "kernel": [[1, 0], [0, -1]], "bias": 0.5,
                      "padding": 1, "trace": True},
    "/api/pool": {"input": [[1, 5, 2, 0], [3, 4, 8, 1], [0, 2, 6, 7], [9, 1, 3, 4]], "kind": "max", "size": 2},
    "/api/activate": {"input": [-2, -0.5, 0, 1.5], "function": "leaky_relu"},
    "/api/forward": {"input": [[1, 2], [3, 4]], "layers": [{"type": "conv2d", "kernel": [[[[1]]]]},
                                                           {"type": "relu"}, {"type": "flatten"}]},
}


@pytest.fixture
def fastapi_solves(monkeypatch):
    """The requests FastAPI solved the endpoint's parameters for."""
    solved = []
    original = fastapi.routing.solve_dependencies

    async def counting(*args, **kwargs):
        solved.append(kwargs["request"].url.path)
        return await original(*args, **kwargs)

    monkeypatch.setattr(fastapi.routing, "solve_dependencies", counting)
    return solved


@pytest.mark.parametrize("path", BODIES)
def test_a_valid_body_skips_fastapis_path_and_answers_as_it_would(client, fastapi_solves, path):
    fast = client.post(path, json=BODIES[path])
    assert fast.status_code == 200 and fastapi_solves == []
    # application/*+json is JSON to FastAPI, but only application/json takes the short way
    slow = client.post(path, json=BODIES[path], headers={"content-type": "application/vnd.convscope+json"})
    assert fastapi_solves == [path]
    assert slow.status_code == 200 and slow.content == fast.content


@pytest.mark.parametrize("content_type", ["application/json; charset=utf-8", "Application/JSON"])
def test_json_with_parameters_or_capitals_takes_the_short_way(client, fastapi_solves, content_type):
    response = client.post("/api/convolve", content=b'{"input": [[1, 2], [3, 4]], "kernel": [[2]]}',
                           headers={"content-type": content_type})
    assert response.status_code == 200 and response.json()["output"] == [[2, 4], [6, 8]]
    assert fastapi_solves == []


@pytest.mark.parametrize("raw, detail", [
    (b'{"input": [[1, 2], [3, 4]]}', "kernel is required."),
    (b'{"input": [[1, 2], [3, 4]], "kernel": [[1]], "stride": 0}', "stride must be at least 1 (got 0)."),
    (b'{"input": [[1, 2], [3, 4]], "kernel": [[1]], "colour": 1}', "colour is not a known field."),
    (b"[1, 2]", "the body must be a JSON object."),
])
def test_an_invalid_body_is_worded_by_fastapis_path(client, fastapi_solves, raw, detail):
    response = client.post("/api/convolve", content=raw, headers={"content-type": "application/json"})
    assert response.status_code == 422 and response.json()["detail"].startswith(detail)
    assert fastapi_solves == ["/api/convolve"]
