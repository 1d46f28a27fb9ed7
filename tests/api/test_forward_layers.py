"""POST /api/forward with the layers of real networks: each wired to the engine, each misfit named."""

import json

import numpy as np
import pytest

from app.api.schemas.forward import _RESIDUAL
from app.api.schemas.layers import LayerModel
from app.engine import KINDS

X = [[[1, -2], [3, -4]], [[0.5, 2], [-1, 1]]]  # 2×2×2


def run(client, layers, **body):
    response = client.post("/api/forward", json={"input": X, "layers": layers, **body})
    assert response.status_code == 200, response.json()
    return response.json()


def test_every_kind_of_the_registry_has_a_schema():
    union = LayerModel.__origin__.__args__
    tags = {tag for model in union for tag in model.model_fields["type"].annotation.__args__}
    assert tags == set(KINDS)


def test_the_residual_example_adds_the_input_back(client):
    body = client.post("/api/forward", json=_RESIDUAL).json()
    x = np.array(_RESIDUAL["input"], dtype=float)
    padded = np.pad(x, 1)
    laplacian = padded[:-2, 1:-1] + padded[2:, 1:-1] + padded[1:-1, :-2] + padded[1:-1, 2:] - 4 * x
    relu, residual = body["layers"]
    assert (relu["name"], residual["name"], residual["inputs"]) == ("relu", "residual", ["relu", "input"])
    np.testing.assert_allclose(relu["output"], [np.maximum(laplacian, 0)])
    np.testing.assert_allclose(residual["output"], [np.maximum(laplacian, 0) + x])


@pytest.mark.parametrize("op, expected", [("add", lambda a, b: a + b), ("sub", lambda a, b: a - b),
                                          ("mul", lambda a, b: a * b), ("div", lambda a, b: a / b)])
def test_arithmetic_broadcasts_a_per_channel_map_over_the_input(client, op, expected):
    # The pooled map is 2×1×1: one number per channel, broadcast over each 2×2 channel.
    layers = [{"type": "maxpool", "name": "peak", "size": 2}, {"type": op, "inputs": ["input", "peak"]}]
    x = np.array(X)
    peak = x.max(axis=(1, 2), keepdims=True)
    np.testing.assert_allclose(run(client, layers)["output"], expected(x, peak))


def test_a_constant_operand_normalises_each_channel_and_transpose_swaps_axes(client):
    layers = [{"type": "sub", "name": "centred", "operand": [[[0.5]], [[-0.25]]]},  # x − mean, per channel
              {"type": "div", "name": "inverse", "operand": [2], "operand_first": True},  # 2 / (x − mean)
              {"type": "transpose", "name": "swapped", "inputs": ["input"], "perm": [2, 0, 1]}]
    body = run(client, layers)
    x = np.array(X)
    centred = x - np.array([0.5, -0.25]).reshape(2, 1, 1)
    np.testing.assert_allclose(body["layers"][0]["output"], centred)
    np.testing.assert_allclose(body["layers"][1]["output"], 2 / centred)
    assert body["layers"][1]["parameters"] == 1
    np.testing.assert_array_equal(body["layers"][2]["output"], x.transpose(2, 0, 1))


def test_slice_pad_and_mean(client):
    layers = [{"type": "slice", "name": "second", "axis": 0, "start": 1, "stop": 2},
              {"type": "pad", "name": "framed", "inputs": ["input"], "pads": [[1, 0], [0, 2]], "mode": "replicate"},
              {"type": "mean", "name": "per_channel", "inputs": ["input"], "axes": [1, 2], "keepdims": False}]
    body = run(client, layers)
    x = np.array(X)
    np.testing.assert_array_equal(body["layers"][0]["output"], x[1:2])
    np.testing.assert_array_equal(body["layers"][1]["output"], np.pad(x, ((0, 0), (1, 0), (0, 2)), mode="edge"))
    np.testing.assert_allclose(body["layers"][2]["output"], x.mean(axis=(1, 2)))


def test_concat_joins_channels_and_any_axis(client):
    layers = [{"type": "relu", "name": "r"}, {"type": "concat", "inputs": ["input", "r"]},
              {"type": "concat", "name": "wide", "inputs": ["input", "input", "input"], "axis": 2}]
    body = run(client, layers)
    x = np.array(X)
    assert body["layers"][1]["shape"] == [4, 2, 2] and body["layers"][2]["shape"] == [2, 2, 6]
    np.testing.assert_allclose(body["layers"][1]["output"], np.concatenate([x, np.maximum(x, 0)]))


def test_batchnorm_uses_the_running_statistics(client):
    layers = [{"type": "batchnorm", "mean": [1, 0], "var": [4, 1], "weight": [2, 1], "bias": [0, 3], "eps": 0}]
    response = client.post("/api/forward", json={"input": X, "layers": layers})
    assert response.status_code == 422  # eps must be above 0
    layers[0]["eps"] = 1e-12
    x = np.array(X)
    expected = np.stack([(x[0] - 1) / 2 * 2, x[1] + 3])
    np.testing.assert_allclose(run(client, layers)["output"], expected, rtol=1e-9)


def test_upsample_reshape_flatten_axis_and_dropout(client):
    layers = [{"type": "upsample", "scale": 2}, {"type": "dropout", "p": 0.2}, {"type": "reshape", "shape": [2, -1]},
              {"type": "flatten", "name": "all", "inputs": ["input"], "axis": 1}]
    body = run(client, layers)
    x = np.array(X)
    nearest = x.repeat(2, axis=1).repeat(2, axis=2)  # 2×4×4
    np.testing.assert_array_equal(body["layers"][1]["output"], nearest)
    assert body["layers"][2]["shape"] == [2, 16] and body["layers"][3]["shape"] == [2, 4]


def test_lrn_and_bilinear_upsampling_run(client):
    layers = [{"type": "lrn", "size": 2, "alpha": 0.5, "beta": 1, "k": 1},
              {"type": "upsample", "size": [3, 5], "mode": "bilinear", "align_corners": True}]
    body = run(client, layers)
    x = np.array(X)
    padded_squares = np.concatenate([np.zeros((1, 2, 2)), x * x])  # window: channel c-1 and c
    lrn = x / (1 + 0.5 / 2 * (padded_squares[:-1] + padded_squares[1:]))
    np.testing.assert_allclose(body["layers"][0]["output"], lrn)
    corners = np.array(body["output"])[:, ::2, ::4]  # align_corners keeps the corner values
    np.testing.assert_allclose(corners, lrn)


@pytest.mark.parametrize("layers, detail", [
    ([{"type": "flatten", "name": "f"}, {"type": "add", "name": "sum", "inputs": ["f", "input"]}],
     'layers[1] "sum" (add): '),
    ([{"type": "maxpool", "name": "p", "size": 2}, {"type": "concat", "name": "c", "inputs": ["input", "p"]}],
     'layers[1] "c" (concat): '),
    ([{"type": "concat", "inputs": ["input"]}], "layers[0] (concat): takes two or more inputs, got 1."),
    ([{"type": "add", "operand": [1], "inputs": ["input", "input"]}], "layers[0] (add): takes 1 input, got 2."),
    ([{"type": "add"}], "layers[0] (add): takes 2 inputs, got 1."),
    ([{"type": "transpose", "perm": [0, 0, 1]}], "layers[0] (transpose): perm must order a sample's 3 axes"),
    ([{"type": "slice", "axis": 1, "start": 5, "stop": 9}], "layers[0] (slice): [5:9:1] leaves nothing of axis 1"),
    ([{"type": "pad", "pads": [[2, 0]], "mode": "reflect"}], "layers[0] (pad): reflect padding must be less than"),
    ([{"type": "mean", "axes": [1, -2]}], "layers[0] (mean): axes must name each axis once"),
    ([{"type": "batchnorm", "mean": [0], "var": [1]}], "layers[0] (batchnorm): mean must hold 2 numbers"),
    ([{"type": "reshape", "shape": [3, -1]}], "layers[0] (reshape): shape [3, -1] cannot hold a sample"),
    ([{"type": "upsample", "size": 4, "scale": 2}], "layers[0] (upsample): give size or scale, not both"),
    ([{"type": "upsample", "scale": 2, "align_corners": True}],
     "layers[0] (upsample): align_corners applies only to bilinear, not to nearest"),
    ([{"type": "conv2d", "name": "dw", "kernel": [[[[1]]]] * 3, "groups": 3}],
     'layers[0] "dw" (conv2d): groups (3) must divide the input\'s 2 channel(s).'),
    ([{"type": "conv_transpose2d", "name": "up", "kernel": [[[[1]]]] * 2, "stride": 2, "output_padding": 2}],
     'layers[0] "up" (conv_transpose2d): output_padding must be smaller than the stride or the dilation'),
])
def test_a_misfit_is_named_by_layer_name_and_type(client, layers, detail):
    response = client.post("/api/forward", json={"input": X, "layers": layers})
    assert response.status_code == 422
    assert response.json()["detail"].startswith(detail)


@pytest.mark.parametrize("scale", [0, -1, [2], [1, 2, 3], "2", True])
def test_a_bad_upsampling_scale_is_one_sentence(client, scale):
    response = client.post("/api/forward", json={"input": X, "layers": [{"type": "upsample", "scale": scale}]})
    assert response.status_code == 422
    assert response.json()["detail"] == ("layers[0] (upsample): scale must be a number above 0, or a pair of them "
                                         f"[sh, sw] (got {json.dumps(scale)}).")
