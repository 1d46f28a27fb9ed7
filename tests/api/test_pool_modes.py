"""POST /api/pool's ceil mode, dilation and count_include_pad, and the pooling layers of /api/forward."""

import numpy as np
import pytest

X = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]


def pool(client, **body):
    response = client.post("/api/pool", json={"input": X, **body})
    assert response.status_code == 200, response.json()
    return response.json()


def test_ceil_mode_keeps_the_last_partial_window(client):
    # 3×3, window 2, stride 2: floor gives 1×1; ceil adds the windows that start at row/column 2.
    assert pool(client, kind="max", size=2)["output"] == [[5]]
    body = pool(client, kind="max", size=2, ceil_mode=True)
    assert body["output"] == [[5, 6], [8, 9]] and body["winners"] == [[[1, 1], [1, 2]], [[2, 1], [2, 2]]]
    # The partial windows average the cells they hold: 3 and 6 → 4.5, 7 and 8 → 7.5, 9 alone.
    assert pool(client, kind="avg", size=2, ceil_mode=True)["output"] == [[3, 4.5], [7.5, 9]]


def test_count_include_pad_false_divides_by_the_input_cells(client):
    # Padding 1, window 3, stride 3: the top-left window holds 1, 2, 4, 5 and five zeros.
    assert pool(client, kind="avg", size=3, stride=3, padding=1)["output"] == [[12 / 9]]
    body = pool(client, kind="avg", size=3, stride=3, padding=1, count_include_pad=False, trace=True)
    assert body["output"] == [[3]]
    assert body["trace"]["divisor"] == [4] and body["trace"]["count"] == 4


def test_dilated_max_pooling_reads_every_other_cell(client):
    # Window 2 with dilation 2 on 3×3 reads the corners: 1, 3, 7, 9.
    body = pool(client, kind="max", size=2, dilation=2, trace=True)
    assert body["output"] == [[9]] and body["winners"] == [[[2, 2]]]
    assert body["trace"]["rows"] == [[0, 2]] and body["trace"]["cols"] == [[0, 2]]


@pytest.mark.parametrize("body, detail", [
    ({"kind": "avg", "size": 2, "dilation": 2}, "dilation is for max pooling only (avg got [2, 2])."),
    ({"kind": "max", "size": 2, "count_include_pad": False},
     "count_include_pad is for average pooling only: max pooling never counts its padding."),
    ({"kind": "max", "size": 2, "ceil_mode": 1}, "ceil_mode must be a valid boolean (got 1)."),
])
def test_the_new_fields_are_refused_where_they_do_not_apply(client, body, detail):
    response = client.post("/api/pool", json={"input": X, **body})
    assert response.status_code == 422
    assert response.json()["detail"] == detail


def test_global_and_adaptive_pooling_layers(client):
    layers = [{"type": "globalavgpool", "name": "mean"}, {"type": "globalmaxpool", "name": "max", "inputs": ["input"]},
              {"type": "adaptiveavgpool", "name": "2x2", "output_size": 2, "inputs": ["input"]},
              {"type": "adaptiveavgpool", "name": "rows", "output_size": [1, None], "inputs": ["input"]},
              {"type": "maxpool", "name": "ceil", "size": 2, "ceil_mode": True, "inputs": ["input"]}]
    body = client.post("/api/forward", json={"input": X, "layers": layers}).json()
    outputs = {layer["name"]: layer["output"] for layer in body["layers"]}
    assert outputs["mean"] == [[[5]]] and outputs["max"] == [[[9]]]
    # Adaptive windows of 3 → 2: rows 0-1 and 1-2 (they overlap), the same for columns.
    np.testing.assert_allclose(outputs["2x2"], [[[3, 4], [6, 7]]])
    np.testing.assert_allclose(outputs["rows"], [[[4, 5, 6]]])
    assert outputs["ceil"] == [[[5, 6], [8, 9]]]


@pytest.mark.parametrize("output_size", [0, [2], [0, 2], "2", 1.5, None])
def test_a_bad_output_size_is_one_sentence(client, output_size):
    layers = [{"type": "adaptiveavgpool", "output_size": output_size}]
    response = client.post("/api/forward", json={"input": X, "layers": layers})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("layers[0] (adaptiveavgpool): output_size must be an integer")
