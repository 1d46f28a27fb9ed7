"""POST /api/pool."""

import pytest

GRID = [[1, 3, 2, 4], [5, 6, 1, 2], [7, 2, 9, 0], [1, 8, 3, 4]]


def test_max_pool_with_winners(client):
    response = client.post("/api/pool", json={"input": GRID, "kind": "max", "size": 2})
    assert response.status_code == 200
    assert response.json() == {"output": [[6, 4], [8, 9]], "shape": [2, 2],
                               "winners": [[[1, 1], [0, 3]], [[3, 1], [2, 2]]]}


def test_avg_pool_keeps_the_channel_axis(client):
    got = client.post("/api/pool", json={"input": [GRID, GRID], "kind": "avg", "size": [2, 4], "stride": 2}).json()
    # left-to-right: rows 0-1 average (1+3+2+4+5+6+1+2)/8 = 3, rows 2-3 (7+2+9+0+1+8+3+4)/8 = 4.25
    assert got == {"output": [[[3.0], [4.25]], [[3.0], [4.25]]], "shape": [2, 2, 1]}


def test_max_pool_trace_marks_padding_as_null(client):
    got = client.post("/api/pool", json={"input": [[1, 2], [3, 4]], "kind": "max", "size": 2, "stride": 1,
                                         "padding": 1, "trace": True}).json()
    trace = got["trace"]
    assert got["output"] == [[1, 2, 2], [3, 4, 4], [3, 4, 4]]
    assert trace["padded_input"][0] == [None, None, None, None]
    assert trace["values"][0] == [[None, None], [None, 1]]
    assert trace["winner"][0] == [1, 1] and trace["steps"] == 9


def test_avg_pool_trace_has_sum_and_count(client):
    trace = client.post("/api/pool", json={"input": GRID, "kind": "avg", "size": 2, "trace": True}).json()["trace"]
    assert trace["sum"] == [15, 9, 18, 16] and trace["count"] == 4 and trace["value"] == [3.75, 2.25, 4.5, 4]


@pytest.mark.parametrize("body, detail", [
    ({"input": GRID, "kind": "min", "size": 2}, "kind must be 'max' or 'avg' (got \"min\")."),
    ({"input": GRID, "size": 2}, "kind is required."),
    ({"input": GRID, "kind": "max", "size": 0}, "size must be at least 1 (got 0)."),
    ({"input": GRID, "kind": "max", "size": 2, "padding": 2},
     "padding must be at most half the window size (padding [2, 2], size [2, 2])."),
    ({"input": GRID, "kind": "max", "size": 5}, "size: the window (5×5) is larger than the padded input (4×4)."),
    ({"input": [[[[1]]]], "kind": "max", "size": 1},
     "input must have 2 or 3 dimensions (H×W or C×H×W), got 4 (shape [1, 1, 1, 1])."),
])
def test_bad_pool_requests(client, body, detail):
    response = client.post("/api/pool", json=body)
    assert (response.status_code, response.json()["detail"]) == (422, detail)
