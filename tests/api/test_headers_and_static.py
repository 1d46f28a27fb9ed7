"""Security headers on every answer, CORS on the API only, and static files: types, caching, no traversal."""

import re

import pytest

SEED = {"input": [[1, 2], [3, 4]], "kernel": [[1]]}
SECURITY = {"x-content-type-options": "nosniff", "referrer-policy": "no-referrer"}


def asset_urls(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html)


@pytest.mark.parametrize("method, path, body", [
    ("GET", "/convolution", None), ("GET", "/docs", None), ("GET", "/healthz", None),
    ("POST", "/api/convolve", SEED), ("POST", "/api/convolve", {"input": []}),
    ("GET", "/static/favicon.svg", None), ("GET", "/no-such-page", None),
])
def test_every_answer_carries_the_security_headers(client, method, path, body):
    response = client.request(method, path, json=body)
    for name, value in SECURITY.items():
        assert response.headers[name] == value
    policy = response.headers["content-security-policy"]
    assert policy.startswith("default-src 'self'") and "frame-ancestors 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_a_413_from_the_body_limit_carries_them_too(client_with):
    response = client_with(max_body_bytes=10).post("/api/convolve", content=b"x" * 100,
                                                   headers={"content-type": "application/json"})
    assert response.status_code == 413 and response.headers["x-content-type-options"] == "nosniff"


def test_frame_ancestors_come_from_the_settings(client_with):
    client = client_with(frame_ancestors="'self' https://course.example.edu")
    policy = client.get("/convolution").headers["content-security-policy"]
    assert "frame-ancestors 'self' https://course.example.edu" in policy


def test_any_origin_may_call_the_api_without_credentials(client):
    preflight = client.options("/api/convolve", headers={
        "origin": "https://notebook.example", "access-control-request-method": "POST",
        "access-control-request-headers": "content-type"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "access-control-allow-credentials" not in preflight.headers
    answer = client.post("/api/convolve", json=SEED, headers={"origin": "https://notebook.example"})
    assert answer.status_code == 200 and answer.headers["access-control-allow-origin"] == "*"


def test_pages_are_not_opened_to_other_origins(client):
    page = client.get("/convolution", headers={"origin": "https://notebook.example"})
    assert "access-control-allow-origin" not in page.headers


def test_the_allowed_origins_can_be_narrowed(client_with):
    client = client_with(cors_origins="https://a.example, https://b.example")
    allowed = client.post("/api/convolve", json=SEED, headers={"origin": "https://b.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://b.example"
    other = client.post("/api/convolve", json=SEED, headers={"origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    closed = client_with(cors_origins="").post("/api/convolve", json=SEED, headers={"origin": "https://a.example"})
    assert "access-control-allow-origin" not in closed.headers


def test_pages_link_versioned_assets_cached_for_a_year(client):
    urls = asset_urls(client.get("/convolution").text)
    assert len(urls) >= 4
    version = urls[0].split("/")[2]
    assert re.fullmatch(r"[0-9a-f]{12}", version) and all(url.split("/")[2] == version for url in urls)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"


def test_unversioned_and_old_asset_urls_still_work_but_are_revalidated(client):
    assert client.get("/static/css/base.css").headers["cache-control"] == "no-cache"
    old = client.get("/static/000000000000/css/base.css")
    assert old.status_code == 200 and old.headers["cache-control"] == "no-cache"


@pytest.mark.parametrize("path, content_type", [
    ("js/core/grid.js", "text/javascript"), ("css/base.css", "text/css"), ("favicon.svg", "image/svg+xml"),
    ("samples/chelsea.png", "image/png"), ("samples/digits.json", "application/json"),
])
def test_static_files_have_their_content_types(client, path, content_type):
    response = client.get(f"/static/{path}")
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == content_type


@pytest.mark.parametrize("path", [
    "/static/../app/settings.py", "/static/..%2f..%2fapp/settings.py", "/static/%2e%2e/%2e%2e/etc/passwd",
    "/static/js/%2e%2e/%2e%2e/%2e%2e/app/settings.py", "/static/..%252f..%252fetc/passwd",
    "/static/abcdef012345/../../app/settings.py", "/static/%5c..%5c..%5capp%5csettings.py",
    "/static//etc/passwd",
])
def test_no_path_leaves_the_static_folder(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Settings" not in response.text and "root:" not in response.text
