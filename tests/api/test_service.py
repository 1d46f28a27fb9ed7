"""Health, home page, OpenAPI docs."""

import re


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["status"] == "ok"


def test_home_page_links_the_docs_and_shows_the_seed_step(client):
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert 'href="/docs"' in response.text
    assert "(1×1) + (2×1) + (4×0) + (5×2) = <strong>13</strong>" in response.text


def test_docs_are_served_from_our_own_static_files(client):
    html = client.get("/docs").text
    bundle = re.search(r'src="(/static/[0-9a-f]{12}/vendor/swagger-ui/swagger-ui-bundle\.js)"', html)
    assert bundle and "cdn" not in html.lower() and "<script>" not in html  # nothing inline either
    assert client.get(bundle.group(1)).status_code == 200


def test_openapi_has_an_example_body_for_each_endpoint(client):
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    for path, name in [("/api/convolve", "ConvolveRequest"), ("/api/pool", "PoolRequest"),
                       ("/api/activate", "ActivateRequest"), ("/api/forward", "ForwardRequest")]:
        assert path in spec["paths"]
        assert schemas[name]["examples"], name


def test_every_openapi_example_is_accepted(client):
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    for path, name in [("/api/convolve", "ConvolveRequest"), ("/api/pool", "PoolRequest"),
                       ("/api/activate", "ActivateRequest"), ("/api/forward", "ForwardRequest")]:
        for example in schemas[name]["examples"]:
            assert client.post(path, json=example).status_code == 200, (path, example)
    model_body = spec["paths"]["/api/models/{name}/forward"]["post"]["requestBody"]["content"]
    (digit,) = model_body["application/json"]["schema"]["examples"]
    answer = client.post("/api/models/mnist_cnn/forward", json=digit)
    assert answer.status_code == 200 and answer.json()["label"] == "1"  # the example is a drawn 1
    assert set(model_body) == {"application/json", "image/png", "image/jpeg", "image/webp", "image/gif"}


def test_error_responses_are_documented_as_one_sentence(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/convolve", "/api/pool", "/api/activate", "/api/forward"):
        responses = spec["paths"][path]["post"]["responses"]
        for status in ("413", "422"):
            assert responses[status]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/ErrorResponse"}
        assert responses["200"]["content"]["application/json"]["schema"]["$ref"].endswith("Response")


def test_an_empty_post_is_a_422(client):
    response = client.post("/api/convolve")
    assert response.status_code == 422
    assert response.json()["detail"] == "the body must be JSON, sent with the header Content-Type: application/json."
    empty_json = client.post("/api/convolve", content=b"", headers={"content-type": "application/json"})
    assert (empty_json.status_code, empty_json.json()["detail"]) == (422, "the body is required.")


def test_tiny_work_runs_inline_and_big_work_in_the_thread_pool(client, monkeypatch):
    from app.api import deps

    hops = []
    original = deps.run_in_threadpool

    async def counting(fn, *args):
        hops.append(fn.__name__)
        return await original(fn, *args)

    monkeypatch.setattr(deps, "run_in_threadpool", counting)
    assert client.post("/api/convolve", json={"input": [[1, 2], [3, 4]], "kernel": [[1]]}).status_code == 200
    assert hops == []
    big = {"input": [[0.5] * 200] * 200, "kernel": [[1, 2, 1]] * 3}  # 352,836 multiply-adds + 25 × 39,204 outputs
    assert client.post("/api/convolve", json=big).status_code == 200
    assert hops == ["_convolve"]
    # An activation's work is mostly its answer: 50,000 values count as 50,000 + 25 × 50,000.
    assert client.post("/api/activate", json={"input": [0.5] * 10, "function": "relu"}).status_code == 200
    assert client.post("/api/activate", json={"input": [0.5] * 50_000, "function": "relu"}).status_code == 200
    assert hops == ["_convolve", "_activate"]
