"""The limits of the layers of real networks: counted from the plan, before anything runs."""

import pytest

X = [[1, 2], [3, 4]]


@pytest.mark.parametrize("layer, what", [
    ({"type": "upsample", "scale": 1e9}, "the number of output values"),
    ({"type": "upsample", "size": [100000, 100000]}, "the number of output values"),
    ({"type": "adaptiveavgpool", "output_size": [50000, 50000]}, "the number of output values"),
    ({"type": "concat", "inputs": ["input"] * 4096}, "the number of output values"),
    ({"type": "lrn", "size": 4096}, "the number of multiply-adds"),
])
def test_a_huge_layer_is_refused_before_it_runs(client_with, layer, what):
    client = client_with(max_output_elements=10_000, max_multiply_adds=10_000)
    response = client.post("/api/forward", json={"input": [X] * 4, "layers": [layer]})
    assert response.status_code == 413, response.json()
    assert what in response.json()["detail"]


def test_outputs_that_are_not_answered_still_count(client_with):
    # Memory: every layer's output exists at some point, whatever the request asks to see.
    body = {"input": X, "layers": [{"type": "relu"}, {"type": "relu"}], "outputs": "final"}
    assert client_with(max_output_elements=8).post("/api/forward", json=body).status_code == 200
    assert client_with(max_output_elements=7).post("/api/forward", json=body).status_code == 413
