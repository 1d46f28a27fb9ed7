"""The collector settings a started app runs with (app/heap.py)."""

import gc

import numpy as np

from app import heap


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
