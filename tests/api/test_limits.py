"""413 when a request is over a limit, decided before any parsing or work."""


import orjson
import pytest

from app.api import body_limit
from app.api.schemas.forward import ForwardRequest
from app.main import create_app
from app.settings import LAYERS_CAP, Limit, Settings

from .. import event_loop

SEED = {"input": [[1, 2, 3], [4, 5, 6], [7, 8, 9]], "kernel": [[1, 1], [0, 2]]}


def test_declared_oversized_body_is_refused_without_being_parsed(client_with):
    client = client_with(max_body_bytes=100)
    garbage = b"{" * 500  # not JSON: a parser would answer 422, so a 413 proves nothing parsed it
    response = client.post("/api/convolve", content=garbage, headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json()["detail"] == ("the size of the request body in bytes is 500, over the limit of 100 "
                                         "(max_body_bytes; the server sets it with CONVSCOPE_MAX_BODY_BYTES).")


def test_streamed_body_is_counted_while_it_arrives(client_with):
    client = client_with(max_body_bytes=100)

    def chunks():  # no Content-Length: sent chunked
        for _ in range(50):
            yield b"{{{{{{{{{{"

    response = client.post("/api/convolve", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "over the limit of 100" in response.json()["detail"]


def test_oversized_content_length_is_refused_before_reading_the_body():
    app = create_app(Settings(max_body_bytes=1000))
    sent = []

    async def receive():
        raise AssertionError("the body was read")

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/api/convolve", "headers": [(b"content-length", b"5000000")],
             "query_string": b"", "root_path": "", "scheme": "http", "server": ("test", 80), "asgi": {"version": "3.0"}}
    event_loop.run(body_limit.BodyLimitMiddleware(app, Settings(max_body_bytes=1000))(scope, receive, send))
    assert sent[0]["status"] == 413
    assert b"5,000,000" in sent[1]["body"]


def test_a_body_just_under_the_limit_passes(client_with):
    raw = orjson.dumps(SEED)
    client = client_with(max_body_bytes=len(raw))
    assert client.post("/api/convolve", content=raw, headers={"content-type": "application/json"}).status_code == 200


@pytest.mark.parametrize("limits, body, detail", [
    ({"max_input_elements": 8}, SEED,
     "the number of values in input is 9, over the limit of 8"),
    ({"max_kernel_size": 1}, SEED, "the largest side of kernel is 2, over the limit of 1"),
    ({"max_filters": 1}, {**SEED, "kernel": [[[[1]]], [[[2]]]]},
     "the number of filters in kernel is 2, over the limit of 1"),
    ({"max_output_elements": 3}, SEED, "the number of output values is 4, over the limit of 3"),
    ({"max_multiply_adds": 15}, SEED, "the number of multiply-adds is 16, over the limit of 15"),
    ({"max_trace_steps": 3}, {**SEED, "trace": True}, "the number of trace steps is 4, over the limit of 3"),
    ({"max_trace_values": 31}, {**SEED, "trace": True},
     "the number of values in the trace is 32, over the limit of 31"),
])
def test_over_a_limit_is_413_naming_the_limit(client_with, limits, body, detail):
    response = client_with(**limits).post("/api/convolve", json=body)
    assert response.status_code == 413
    assert response.json()["detail"].startswith(detail)
    setting = next(iter(limits))
    assert f"({setting}; the server sets it with CONVSCOPE_{setting.upper()})" in response.json()["detail"]


def test_without_trace_the_trace_limits_do_not_apply(client_with):
    assert client_with(max_trace_steps=1).post("/api/convolve", json=SEED).status_code == 200


def test_pool_and_activate_and_forward_check_their_limits(client_with):
    client = client_with(max_input_elements=3, max_kernel_size=2)
    assert client.post("/api/pool", json={"input": [[1, 2], [3, 4]], "kind": "max", "size": 1}).status_code == 413
    assert client.post("/api/activate", json={"input": [1, 2, 3, 4], "function": "relu"}).status_code == 413
    big_window = client_with(max_kernel_size=2).post(
        "/api/forward", json={"input": [[1] * 3] * 3, "layers": [{"type": "maxpool", "size": 3}]})
    assert big_window.status_code == 413 and "layers[0].size" in big_window.json()["detail"]


def test_forward_counts_every_layers_output(client_with):
    body = {"input": [[1, 2], [3, 4]], "layers": [{"type": "relu"}, {"type": "relu"}]}
    assert client_with(max_output_elements=8).post("/api/forward", json=body).status_code == 200
    response = client_with(max_output_elements=7).post("/api/forward", json=body)
    assert response.status_code == 413 and "output values is 8" in response.json()["detail"]


def test_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("CONVSCOPE_MAX_TRACE_STEPS", "99")
    monkeypatch.setenv("CONVSCOPE_MAX_BODY_BYTES", "1024")
    settings = Settings()
    assert settings.max_trace_steps == 99 and settings.max_body_bytes == 1024
    assert settings.max_filters == Settings.model_fields["max_filters"].default
    assert settings.trace_steps == Limit(99, "max_trace_steps")  # the typed accessor reads the same value


def test_a_bad_environment_value_stops_the_start(monkeypatch):
    monkeypatch.setenv("CONVSCOPE_MAX_FILTERS", "0")
    with pytest.raises(ValueError, match="max_filters"):
        Settings()


def test_the_layer_cap_bounds_the_setting_and_the_schema():
    with pytest.raises(ValueError, match="max_layers"):
        Settings(max_layers=LAYERS_CAP + 1)
    assert ForwardRequest.model_fields["layers"].metadata[-1].max_length == LAYERS_CAP
