"""POST /api/conv_transpose, and groups on /api/convolve and in the forward pass."""

import numpy as np
import pytest

from app.api.schemas.conv_transpose import UPSAMPLING_EXAMPLE

BANK = {"input": [[[1, 2], [3, 4]], [[0, 1], [1, 0]]], "kernel": [[[[1, 0], [0, 1]]], [[[2, 2], [2, 2]]]],
        "bias": [0.5], "stride": 2, "padding": 1, "output_padding": 1}


def test_stride_two_spreads_each_kernel_copy(client):
    # Each input cell adds value × (3×3 of ones) at rows and columns 2i .. 2i + 2; copies overlap on row/column 2.
    body = client.post("/api/conv_transpose", json=UPSAMPLING_EXAMPLE).json()
    assert body["shape"] == [5, 5]
    assert body["output"] == [[1, 1, 3, 2, 2], [1, 1, 3, 2, 2], [4, 4, 10, 6, 6], [3, 3, 7, 4, 4], [3, 3, 7, 4, 4]]


def test_the_trace_lists_every_product_of_every_output_cell(client):
    body = client.post("/api/conv_transpose", json={**BANK, "trace": True}).json()
    trace, output = body["trace"], np.array(body["output"])  # (F, OH, OW)
    rebuilt = np.zeros_like(output) + np.array(trace["bias"])[:, None, None]
    for s in range(trace["steps"]):
        for e, f in enumerate(trace["filters"][s]):
            for m, row in enumerate(trace["rows"][s]):
                for k, col in enumerate(trace["cols"][s]):
                    if trace["kept"][s][m][k]:
                        rebuilt[f, row, col] += trace["products"][s][e][m][k]
    np.testing.assert_allclose(rebuilt, output)
    assert trace["steps"] == 8 and trace["cell"][5] == [1, 0, 1] and trace["input_value"][5] == 1


def test_a_single_channel_trace_keeps_the_requests_shapes(client):
    trace = client.post("/api/conv_transpose", json={**UPSAMPLING_EXAMPLE, "trace": True}).json()["trace"]
    assert trace["kernel"] == [[1, 1, 1]] * 3 and trace["cell"][:2] == [[0, 0], [0, 1]]
    assert trace["rows"][1] == [0, 1, 2] and trace["cols"][1] == [2, 3, 4]  # input (0, 1) lands at column 2


@pytest.mark.parametrize("body, detail", [
    ({"stride": 2, "output_padding": 2}, "output_padding must be smaller than the stride or the dilation "
                                         "(along the height: output_padding 2, stride 2, dilation 1)."),
    ({"kernel": [[[1]]]}, "kernel must be kh×kw (one channel in and out) or C×(F/groups)×kh×kw, got 3 dimensions "
                          "(shape [1, 1, 1])."),
    ({"padding": 1}, "padding 1 crops away the whole output height: (1 - 1)·1 - 2·1 + 1·(1 - 1) + 0 + 1 = -1."),
    ({"groups": 2}, "groups (2) must divide the input's 1 channel(s)."),
    ({"bias": [1, 2]}, "bias must be one number or 1 (one per output channel), got 2."),
])
def test_bad_requests_name_the_field(client, body, detail):
    response = client.post("/api/conv_transpose", json={"input": [[1]], "kernel": [[1]], **body})
    assert response.status_code == 422
    assert response.json()["detail"] == detail


def test_groups_on_convolve_keep_each_filter_to_its_channels(client):
    body = {"input": [[[1, 2], [3, 4]], [[5, 6], [7, 8]]], "kernel": [[[[1, -1]]], [[[2, 0]]]], "groups": 2,
            "trace": True}
    answer = client.post("/api/convolve", json=body).json()
    assert answer["output"] == [[[-1], [-1]], [[10], [14]]]  # filter 0 reads channel 0, filter 1 channel 1
    assert answer["trace"]["groups"] == 2 and answer["trace"]["values"][2] == [[[5, 6]]]


def test_grouped_and_transposed_layers_in_the_forward_pass(client):
    layers = [{"type": "conv2d", "kernel": [[[[1]]], [[[2]]]], "groups": 2},  # depthwise 1×1: scale each channel
              {"type": "conv_transpose2d", "kernel": [[[[1, 1], [1, 1]]], [[[1, 1], [1, 1]]]], "stride": 2}]
    body = client.post("/api/forward", json={"input": BANK["input"], "layers": layers}).json()
    x = np.array(BANK["input"], dtype=float)
    scaled = x * np.array([1, 2])[:, None, None]
    assert body["layers"][1]["shape"] == [1, 4, 4]
    np.testing.assert_allclose(body["output"], [scaled.sum(axis=0).repeat(2, axis=0).repeat(2, axis=1)])
    assert body["layers"][1]["multiply_adds"] == 8 * 4  # 8 input values, each times a 2×2 kernel
