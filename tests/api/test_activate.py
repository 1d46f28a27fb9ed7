"""POST /api/activate."""

import math

import pytest


def test_relu_zeroes_negative_cells(client):
    response = client.post("/api/activate", json={"input": [[-2, -0.5, 0], [0.5, 1, 2]], "function": "relu"})
    assert response.json() == {"output": [[0, 0, 0], [0.5, 1, 2]], "shape": [2, 3]}


def test_leaky_relu_alpha(client):
    got = client.post("/api/activate", json={"input": [-3, 3], "function": "leaky_relu", "alpha": 0.1}).json()
    assert got["output"] == pytest.approx([-0.3, 3])


def test_softmax_along_an_axis(client):
    got = client.post("/api/activate", json={"input": [[1, 2], [3, 4]], "function": "softmax", "axis": 0}).json()
    first = 1 / (1 + math.e ** 2)
    assert got["output"][0] == pytest.approx([first, first])
    assert got["output"][1] == pytest.approx([1 - first, 1 - first])


def test_a_single_number(client):
    assert client.post("/api/activate", json={"input": 0, "function": "sigmoid"}).json() == {"output": 0.5,
                                                                                            "shape": []}


@pytest.mark.parametrize("body, detail", [
    ({"input": [1], "function": "swish"},
     "function must be 'relu', 'leaky_relu', 'elu', 'sigmoid', 'tanh', 'gelu', 'softmax', 'identity', 'relu6', "
     "'hardtanh', 'hardsigmoid', 'hardswish', 'silu', 'selu', 'softplus', 'log_softmax', 'prelu' or 'erf' "
     "(got \"swish\")."),
    ({"input": [1], "function": "relu", "alpha": 0.2}, "alpha applies only to leaky_relu and elu, not to relu."),
    ({"input": [1], "function": "tanh", "axis": 0}, "axis applies only to softmax and log_softmax, not to tanh."),
    ({"input": [1], "function": "relu", "beta": 2}, "beta applies only to softplus, not to relu."),
    ({"input": [1], "function": "prelu", "min": 0}, "min applies only to hardtanh, not to prelu."),
    ({"input": [1, 2], "function": "prelu", "weight": [1, 2]},
     "weight: one weight per channel needs a C×H×W (or N×C×H×W) input; give one number."),
    ({"input": [[[1]], [[2]]], "function": "prelu", "weight": [1, 2, 3]},
     "weight: prelu's weight must hold 1 number or 2 (one per channel along axis 0 of shape (2, 1, 1)), got 3."),
    ({"input": [1], "function": "hardtanh", "min": 2, "max": 1},
     "max: hardtanh's max must be at least its min (got min 2.0, max 1.0)."),
    ({"input": [[1, 2]], "function": "softmax", "axis": 2},
     "axis 2 is out of range for an input with 2 axes (allowed: -2 to 1)."),
    ({"input": [[[[[1]]]]], "function": "relu"},
     "input must have 0 to 4 dimensions (a number or an array of up to 4 dimensions), got 5 (shape [1, 1, 1, 1, 1])."),
])
def test_bad_activation_requests(client, body, detail):
    response = client.post("/api/activate", json=body)
    assert (response.status_code, response.json()["detail"]) == (422, detail)


def test_softmax_trace_shows_its_steps(client):
    # logits [2, 1, 0.1]: max 2, exp = e^([0, −1, −1.9]) = [1, 0.368, 0.150], sum 1.518
    body = client.post("/api/activate", json={"input": [2, 1, 0.1], "function": "softmax", "trace": True}).json()
    trace = body["trace"]
    assert trace["max"] == [2]
    assert trace["exp"] == pytest.approx([1, math.exp(-1), math.exp(-1.9)])
    assert trace["sum"] == pytest.approx([1 + math.exp(-1) + math.exp(-1.9)])
    assert body["output"] == pytest.approx([e / trace["sum"][0] for e in trace["exp"]])


def test_trace_is_only_for_softmax(client):
    response = client.post("/api/activate", json={"input": [1], "function": "relu", "trace": True})
    assert (response.status_code, response.json()["detail"]) == (422, "trace applies only to softmax, not to relu.")
