"""The collector settings a started app runs with (app/heap.py)."""

import gc
import tracemalloc

import numpy as np
import orjson

from app import heap
from app.main import create_app
from app.settings import Settings

from .. import event_loop


def test_start_up_freezes_its_heap_and_raises_the_young_threshold(client):
    assert gc.get_freeze_count() > 0
    assert gc.get_threshold()[0] == heap.YOUNG_THRESHOLD


def test_mid_sized_requests_run_no_collection(client):
    # An 8×14×14 input with 16 filters: about 650 lists once parsed, which with Python's default
    # threshold (700) set off a collection in nearly every request.
    rng = np.random.default_rng(0)
    body = {"input": rng.standard_normal((8, 14, 14)).tolist(),
            "kernel": rng.standard_normal((16, 8, 3, 3)).tolist(), "padding": 1}
    collections = []

    def count(phase, info):
        if phase == "start":
            collections.append(info["generation"])

    gc.collect()  # start from empty young generations
    gc.callbacks.append(count)
    try:
        for _ in range(20):
            assert client.post("/api/convolve", json=body).status_code == 200
    finally:
        gc.callbacks.remove(count)
    assert collections == []


def test_a_request_leaves_no_cycles_holding_its_arrays():
    # With collections ~14 times rarer, any cycle a request left behind would keep its arrays
    # alive for longer; so requests must be freed by reference counts alone. Called without a
    # test client, whose own response objects form cycles.
    rng = np.random.default_rng(0)
    body = orjson.dumps({"input": rng.standard_normal((3, 128, 128)).tolist(),  # 393 kB as float64
                         "kernel": rng.standard_normal((8, 3, 3, 3)).tolist(), "trace": False})
    app = create_app(Settings())
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": "/api/convolve", "raw_path": b"/api/convolve", "query_string": b"",
             "root_path": "", "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80),
             "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]}

    async def post() -> int:
        messages = []

        async def receive():
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message):
            messages.append(message)

        await app(dict(scope), receive, send)
        return messages[0]["status"]

    async def freed_by_a_collection() -> int:
        async with app.router.lifespan_context(app):
            assert await post() == 200  # warm: first-use caches are not garbage
            gc.collect()
            tracemalloc.start()
            try:
                assert await post() == 200
                before = tracemalloc.get_traced_memory()[0]
                gc.collect()
                return before - tracemalloc.get_traced_memory()[0]
            finally:
                tracemalloc.stop()

    assert event_loop.run(freed_by_a_collection()) < 16_000
