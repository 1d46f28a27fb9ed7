"""Last in the service tests (files run in name order): after everything thrown at it, the same
server process is alive, answers correctly and quickly, and has not grown without bound."""

import time

import httpx

from .test_concurrency import peak_memory_bytes


def test_the_server_is_still_healthy_after_everything(server_process):
    base, process = server_process
    assert process.poll() is None  # never crashed or restarted
    start = time.perf_counter()
    health = httpx.get(f"{base}/healthz")
    assert health.status_code == 200 and health.json()["status"] == "ok"
    answer = httpx.post(f"{base}/api/convolve", json={"input": [[1, 2, 3], [4, 5, 6], [7, 8, 9]],
                                                      "kernel": [[1, 1], [0, 2]]})
    assert answer.json()["output"] == [[13.0, 17.0], [25.0, 29.0]]
    assert time.perf_counter() - start < 1.0
    assert peak_memory_bytes(process.pid) < 700 * 1024 * 1024
