"""Every 422 carries `detail` (one sentence) and `errors` (each problem with the `loc` of its field),
whether the schema, the engine or the results found the problem."""

import pytest
from fastapi.testclient import TestClient

from app.api.deps import get_settings
from app.main import create_app
from app.settings import Settings

SEED = {"input": [[1, 2, 3], [4, 5, 6], [7, 8, 9]], "kernel": [[1, 1], [0, 2]]}
BANK = [[[[1.0]]], [[[2.0]]]]  # two 1×1 filters on one channel

# (id, path, body, the field's loc, the detail)
CASES = [
    ('"same" with a stride', "/api/convolve", {**SEED, "padding": "same", "stride": 2},
     ["body", "padding"], 'padding "same" needs stride 1 (got stride [2, 2]).'),
    ("reflect padding too large", "/api/convolve", {**SEED, "padding": 3, "padding_mode": "reflect"},
     ["body", "padding"], "padding: reflect padding must be smaller than the input height (padding 3, height 3)."),
    ("a channel mismatch", "/api/convolve", {"input": [[[1, 2], [3, 4]]], "kernel": [[[[1]], [[1]]]]},
     ["body", "kernel"], "kernel: the kernel has 2 channel(s) but the input has 1."),
    ("an overflow", "/api/convolve", {"input": [[1.7e308, 1.7e308]], "kernel": [[1, 1]]},
     ["body", "input"], "input: the values are too large: the result overflows 64-bit floats."),
    ("a kernel larger than the input", "/api/convolve", {"input": [[1, 2], [3, 4]], "kernel": [[1] * 3] * 3},
     ["body", "kernel"], "kernel: the kernel (3×3) is larger than the padded input (2×2)."),
    ("a pooling window larger than the input", "/api/pool", {"input": [[1, 2], [3, 4]], "kind": "max", "size": 3},
     ["body", "size"], "size: the window (3×3) is larger than the padded input (2×2)."),
    ("a layer mismatch", "/api/forward",
     {"input": [[1, 2], [3, 4]], "layers": [{"type": "flatten"}, {"type": "dense", "weight": [[1, 2, 3]]}]},
     ["body", "layers", 1, "weight"], "layers[1] (dense): weight expects 3 inputs (out × in = 1 × 3) but receives 4."),
    ("a wrong-length bias", "/api/convolve", {**SEED, "kernel": BANK, "input": [[[1]]], "bias": [1, 2, 3]},
     ["body", "bias"], "bias must be one number or 2 (one per filter), got 3."),
    ("alpha where it does not apply", "/api/activate", {"input": [1], "function": "relu", "alpha": 0.5},
     ["body", "alpha"], "alpha applies only to leaky_relu and elu, not to relu."),
    ("a model input of the wrong shape", "/api/models/mnist_cnn/forward", {"input": [[0.5, 0.5]]},
     ["body", "input"], "input: the model takes shape [1, 28, 28], got [1, 2]."),
]


@pytest.mark.parametrize("path, body, loc, detail", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_every_422_names_its_field_in_errors(client, path, body, loc, detail):
    response = client.post(path, json=body)
    assert response.status_code == 422
    answer = response.json()
    assert answer["detail"] == detail
    assert answer["errors"][0]["loc"] == loc and answer["errors"][0]["msg"] + "." == detail


def test_an_empty_array_is_called_empty(client):
    response = client.post("/api/convolve", json={"input": [], "kernel": [[1]]})
    assert response.json()["detail"] == "input must not be empty (shape [0])."
    assert response.json()["errors"][0]["loc"] == ["body", "input"]


def test_two_ranks_read_as_either_or(client):
    response = client.post("/api/pool", json={"input": [1, 2], "kind": "max", "size": 1})
    assert response.json()["detail"] == "input must have 2 or 3 dimensions (H×W or C×H×W), got 1 (shape [2])."


@pytest.mark.parametrize("field, value", [("alpha", True), ("axis", False)])
def test_a_boolean_is_not_a_number_in_parameters_either(client, field, value):
    function = "leaky_relu" if field == "alpha" else "softmax"
    response = client.post("/api/activate", json={"input": [1.0, 2.0], "function": function, field: value})
    assert response.status_code == 422 and response.json()["errors"][0]["loc"] == ["body", field]


def test_a_413_has_no_errors_list(client_with):
    response = client_with(max_input_elements=4).post("/api/convolve", json=SEED)
    assert response.status_code == 413 and set(response.json()) == {"detail"}


def test_the_routes_take_their_settings_from_the_dependency():
    app = create_app(Settings())
    small = Settings(max_kernel_size=1)

    async def small_settings():
        return small

    app.dependency_overrides[get_settings] = small_settings
    with TestClient(app) as client:
        response = client.post("/api/convolve", json=SEED)
    assert response.status_code == 413 and "max_kernel_size" in response.json()["detail"]
