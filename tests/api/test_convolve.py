"""POST /api/convolve: whole bodies for good requests, status and sentence for each bad one."""

import pytest

SEED = {"input": [[1, 2, 3], [4, 5, 6], [7, 8, 9]], "kernel": [[1, 1], [0, 2]]}


def test_seed_example(client):
    response = client.post("/api/convolve", json=SEED)
    assert response.status_code == 200
    assert response.json() == {"output": [[13, 17], [25, 29]], "shape": [2, 2]}


def test_seed_example_in_convolution_mode(client):
    response = client.post("/api/convolve", json={**SEED, "mode": "convolution"})
    assert response.json() == {"output": [[11, 15], [23, 27]], "shape": [2, 2]}


def test_seed_trace_has_every_frame(client):
    body = client.post("/api/convolve", json={**SEED, "bias": 1, "trace": True}).json()
    assert body["output"] == [[14, 18], [26, 30]]
    assert body["trace"] == {
        "padded_input": [[1, 2, 3], [4, 5, 6], [7, 8, 9]],
        "padding": [0, 0, 0, 0],
        "kernel": [[1, 1], [0, 2]],
        "steps": 4,
        "cell": [[0, 0], [0, 1], [1, 0], [1, 1]],
        "rows": [[0, 1], [0, 1], [1, 2], [1, 2]],
        "cols": [[0, 1], [1, 2], [0, 1], [1, 2]],
        "values": [[[1, 2], [4, 5]], [[2, 3], [5, 6]], [[4, 5], [7, 8]], [[5, 6], [8, 9]]],
        "products": [[[1, 2], [0, 10]], [[2, 3], [0, 12]], [[4, 5], [0, 16]], [[5, 6], [0, 18]]],
        "sum": [13, 17, 25, 29],
        "bias": [1, 1, 1, 1],
        "value": [14, 18, 26, 30],
    }


def test_multi_channel_bank_with_padding_and_trace(client):
    # 2 channels, 2 filters; filter 0 reads channel 0 only, filter 1 sums both channels' centres
    body = {"input": [[[1, 2], [3, 4]], [[10, 20], [30, 40]]],
            "kernel": [[[[1]], [[0]]], [[[1]], [[1]]]], "bias": [0, 0.5], "padding": 1, "trace": True}
    got = client.post("/api/convolve", json=body).json()
    assert got["shape"] == [2, 4, 4]
    assert got["output"][0][1] == [0, 1, 2, 0]
    assert got["output"][1][2] == [0.5, 33.5, 44.5, 0.5]
    trace = got["trace"]
    assert trace["steps"] == 32 and trace["cell"][16] == [1, 0, 0]
    step = 16 + 4 + 1  # filter 1, row 1, col 1
    assert trace["channel_sums"][step] == [1, 10] and trace["value"][step] == 11.5


def test_same_padding_even_kernel(client):
    got = client.post("/api/convolve", json={**SEED, "kernel": [[1, 1], [1, 1]], "padding": "same"}).json()
    assert got["output"] == [[12, 16, 9], [24, 28, 15], [15, 17, 9]]


def test_rectangular_stride_dilation_and_reflect(client):
    body = {"input": [[float(r * 6 + c) for c in range(6)] for r in range(5)], "kernel": [[1, -1]],
            "stride": [2, 1], "dilation": [1, 2], "padding": [0, 1], "padding_mode": "reflect"}
    got = client.post("/api/convolve", json=body).json()
    # row 0 reflect-padded: p = [1, 0,1,2,3,4,5, 4]; taps 2 apart: p[j] - p[j+2] = 0, -2, -2, -2, -2, 0
    # rows 0, 2, 4 (stride 2 down): row r is row 0 + 6r, and the differences do not change
    assert got["shape"] == [3, 6]
    assert got["output"] == [[0, -2, -2, -2, -2, 0]] * 3


@pytest.mark.parametrize("body, detail", [
    ({"input": [[1, 2], [3]], "kernel": [[1]]},
     "input must be a rectangular array: some rows have a different length or depth."),
    ({"input": [1, 2, 3], "kernel": [[1]]},
     "input must have 2 or 3 dimensions (H×W or C×H×W), got 1 (shape [3])."),
    ({"input": [[1, 2], [3, 4]], "kernel": [[[[[1]]]]]},
     "kernel must have 2 to 4 dimensions (kh×kw, C×kh×kw or F×C×kh×kw), got 5 (shape [1, 1, 1, 1, 1])."),
    ({"input": [[1, "a"]], "kernel": [[1]]}, "input must contain only numbers (no strings, true, false or null)."),
    ({"input": [[]], "kernel": [[1]]}, "input must not be empty (shape [1, 0])."),
    ({"input": [[1, 2], [3, 4]], "kernel": [[1, 1, 1], [1, 1, 1], [1, 1, 1]]},
     "kernel: the kernel (3×3) is larger than the padded input (2×2)."),
    ({"input": [[1, 2], [3, 4]], "kernel": [[1, 1], [1, 1]], "dilation": 2},
     "kernel: the dilated kernel (3×3) is larger than the padded input (2×2)."),
    ({**SEED, "padding": "same", "stride": 2}, 'padding "same" needs stride 1 (got stride [2, 2]).'),
    ({**SEED, "stride": 0}, "stride must be at least 1 (got 0)."),
    ({**SEED, "padding": -1}, "padding must be at least 0 (got -1)."),
    ({**SEED, "padding": "full"}, 'padding must be an integer, a pair [h, w], "valid" or "same" (got "full").'),
    ({**SEED, "dilation": [1, 2, 3]}, "dilation must be an integer or a pair of integers [h, w]."),
    ({**SEED, "padding_mode": "mirror"},
     "padding_mode must be 'zeros', 'reflect', 'replicate' or 'circular' (got \"mirror\")."),
    ({**SEED, "mode": "conv"}, "mode must be 'cross-correlation' or 'convolution' (got \"conv\")."),
    ({**SEED, "padding": 3, "padding_mode": "reflect"},
     "padding: reflect padding must be smaller than the input height (padding 3, height 3)."),
    ({**SEED, "bias": [1, 2]}, "bias must be one number or 1 (one per filter), got 2."),
    ({"input": [[[1, 2], [3, 4]]], "kernel": [[1]]},
     "kernel: a C×H×W input needs a C×kh×kw kernel (one kh×kw slice per channel), but the kernel is kh×kw."),
    ({"input": [[[1, 2], [3, 4]]], "kernel": [[[1]], [[1]]]},
     "kernel: the kernel has 2 channel(s) but the input has 1."),
    ({"kernel": [[1]]}, "input is required."),
    ({**SEED, "strides": 2}, "strides is not a known field."),
    ({**SEED, "trace": "often"}, "trace must be a valid boolean (got \"often\")."),
])
def test_malformed_request_gets_422_naming_the_field(client, body, detail):
    response = client.post("/api/convolve", json=body)
    assert response.status_code == 422
    assert response.json()["detail"] == detail


@pytest.mark.parametrize("raw", [b'{"input": [[NaN]], "kernel": [[1]]}', b'{"input": [[1e999]], "kernel": [[1]]}',
                                 b'{"input": [[-Infinity]], "kernel": [[1]]}'])
def test_non_finite_numbers_are_refused(client, raw):
    response = client.post("/api/convolve", content=raw, headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"] == "input must contain only finite numbers (no NaN or Infinity)."


def test_broken_json_is_refused(client):
    response = client.post("/api/convolve", content=b'{"input": [[1,', headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("the body is not valid JSON")


def test_body_must_be_an_object_sent_as_json(client):
    as_list = client.post("/api/convolve", json=[1, 2])
    assert (as_list.status_code, as_list.json()["detail"]) == (422, "the body must be a JSON object.")
    as_text = client.post("/api/convolve", content=b"{}", headers={"content-type": "text/plain"})
    assert as_text.status_code == 422
    assert as_text.json()["detail"] == "the body must be JSON, sent with the header Content-Type: application/json."


def test_overflowing_result_is_a_422_not_a_500(client):
    response = client.post("/api/convolve", json={"input": [[1e300, 1e300]], "kernel": [[1e300, 1e300]]})
    assert response.status_code == 422
    assert response.json()["detail"] == "input: the values are too large: the result overflows 64-bit floats."


def test_base64_encoding_packs_the_output_as_float32(client):
    import base64

    import numpy as np

    body = client.post("/api/convolve", json={**SEED, "encoding": "base64"}).json()
    assert body["shape"] == [2, 2] and body["output"]["dtype"] == "float32" and body["output"]["shape"] == [2, 2]
    values = np.frombuffer(base64.b64decode(body["output"]["base64"]), dtype="<f4").reshape(2, 2)
    np.testing.assert_array_equal(values, [[13, 17], [25, 29]])


def test_unknown_encoding_is_refused(client):
    response = client.post("/api/convolve", json={**SEED, "encoding": "hex"})
    detail = "encoding must be 'json' or 'base64' (got \"hex\")."
    assert (response.status_code, response.json()["detail"]) == (422, detail)
