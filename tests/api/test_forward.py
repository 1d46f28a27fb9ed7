"""POST /api/forward."""

import pytest

from app.api.schemas.forward import _TINY_CNN
from app.engine import KINDS


def test_every_layer_reports_type_shape_and_output(client):
    response = client.post("/api/forward", json=_TINY_CNN)
    assert response.status_code == 200
    body = response.json()
    assert [(layer["type"], layer["shape"]) for layer in body["layers"]] == [
        ("conv2d", [2, 4, 4]), ("relu", [2, 4, 4]), ("maxpool", [2, 2, 2]), ("flatten", [8]), ("dense", [2]),
        ("softmax", [2])]
    assert body["output"] == body["layers"][-1]["output"] and sum(body["output"]) == pytest.approx(1)
    assert body["layers"][0]["parameters"] == 2 * 4 + 2
    assert body["layers"][0]["multiply_adds"] == 2 * 16 * 4


def test_forward_by_hand(client):
    # 2×2 input → 1×1 conv doubling it → relu → flatten [2,-0→0,6,8]... then dense sums them
    body = {"input": [[1, -1], [3, 4]], "layers": [
        {"type": "conv2d", "kernel": [[[[2]]]], "bias": [0]}, {"type": "relu"}, {"type": "flatten"},
        {"type": "dense", "weight": [[1, 1, 1, 1]], "bias": [0.5]}]}
    got = client.post("/api/forward", json=body).json()
    assert got["layers"][1]["output"] == [[[2, 0], [6, 8]]]
    assert got["output"] == [16.5] and got["shape"] == [1]


@pytest.mark.parametrize("layers, detail", [
    ([{"type": "dense", "weight": [[1, 2]]}],
     "layers[0] (dense): dense needs a flat input (add a flatten layer first), got shape [1, 2, 2]."),
    ([{"type": "flatten"}, {"type": "dense", "weight": [[1, 2, 3]]}],
     "layers[1] (dense): weight expects 3 inputs (out × in = 1 × 3) but receives 4."),
    ([{"type": "conv2d", "kernel": [[[[1]], [[1]]]]}],
     "layers[0] (conv2d): the kernel has 2 channel(s) but the input has 1."),
    ([{"type": "maxpool", "size": 3}], "layers[0] (maxpool): the window (3×3) is larger than the padded input (2×2)."),
    ([{"type": "conv2d", "kernel": [[1]]}],
     "layers[0] (conv2d).kernel must have 4 dimensions (F×C×kh×kw), got 2 (shape [1, 1])."),
    ([{"type": "swish"}], f"layers[0].type must be one of {', '.join(KINDS)} (got \"swish\")."),
    ([{"size": 2}], f'layers[0] needs a "type" ({", ".join(KINDS)}).'),
    ([{"type": "maxpool", "size": 2, "stride": 0}], "layers[0] (maxpool): stride must be at least 1 (got 0)."),
    ([{"type": "relu", "alpha": 1}], "layers[0] (relu).alpha applies only to leaky_relu and elu, not to relu."),
    ([], "layers must not be empty."),
])
def test_a_misfit_layer_is_named_by_index_and_type(client, layers, detail):
    response = client.post("/api/forward", json={"input": [[1, 2], [3, 4]], "layers": layers})
    assert response.status_code == 422
    assert response.json()["detail"] == detail


def test_base64_encoding_applies_to_every_layer(client):
    import base64

    import numpy as np

    body = client.post("/api/forward", json={**_TINY_CNN, "encoding": "base64"}).json()
    for layer in body["layers"]:
        packed = layer["output"]
        values = np.frombuffer(base64.b64decode(packed["base64"]), dtype="<f4")
        assert packed["shape"] == layer["shape"] and values.size == np.prod(layer["shape"])
    probabilities = np.frombuffer(base64.b64decode(body["output"]["base64"]), dtype="<f4")
    assert probabilities.sum() == pytest.approx(1, abs=1e-6)
