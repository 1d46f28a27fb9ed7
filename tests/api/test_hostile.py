"""Hostile bodies, one test each: every one gets a 4xx with one sentence naming the field, fast."""

import time

import pytest

JSON = {"content-type": "application/json"}
KERNEL = b'"kernel": [[1]]'


def body(input_json: bytes, rest: bytes = KERNEL) -> bytes:
    return b'{"input": ' + input_json + b", " + rest + b"}"


# (id, path, raw body, status, the detail starts with)
CASES = [
    ("NaN literal", "/api/convolve", body(b"[[NaN, 1], [1, 1]]"), 422, "input must contain only finite numbers"),
    ("Infinity literal", "/api/convolve", body(b"[[Infinity, 1], [1, 1]]"), 422,
     "input must contain only finite numbers"),
    ("-Infinity in the kernel", "/api/convolve", body(b"[[1, 1], [1, 1]]", b'"kernel": [[-Infinity]]'), 422,
     "kernel must contain only finite numbers"),
    ("true among numbers", "/api/convolve", body(b"[[true, 1], [1, 1]]"), 422, "input must contain only numbers"),
    ("false among numbers, kernel", "/api/convolve", body(b"[[1, 2], [3, 4]]", b'"kernel": [[0.5, false]]'), 422,
     "kernel must contain only numbers"),
    ("only booleans", "/api/convolve", body(b"[[true, false], [true, true]]"), 422,
     "input must contain only numbers"),
    ("null among numbers", "/api/convolve", body(b"[[null, 1], [1, 1]]"), 422, "input must contain only numbers"),
    ("a string among numbers", "/api/convolve", body(b'[["1", 1], [1, 1]]'), 422,
     "input must contain only numbers"),
    ("true among activation inputs", "/api/activate", b'{"input": [1, true, 3], "function": "relu"}', 422,
     "input must contain only numbers"),
    ("true in a forward layer's kernel", "/api/forward",
     b'{"input": [[1, 2], [3, 4]], "layers": [{"type": "conv2d", "kernel": [[[[true]]]]}]}', 422,
     "layers[0] (conv2d).kernel must contain only numbers"),
    ("an empty array", "/api/convolve", body(b"[]"), 422, "input must not be empty"),
    ("empty rows", "/api/convolve", body(b"[[], []]"), 422, "input must not be empty"),
    ("ragged rows", "/api/convolve", body(b"[[1, 2], [3]]"), 422, "input must be a rectangular array"),
    ("five dimensions", "/api/convolve", body(b"[[[[[1]]]]]"), 422, "input must have 2 or 3 dimensions"),
    ("nested 100 deep", "/api/convolve", body(b"[" * 100 + b"1" + b"]" * 100), 422,
     "input must have 2 or 3 dimensions (H×W or C×H×W), got 100"),
    ("nested 100,000 deep", "/api/convolve", b"[" * 100_000 + b"]" * 100_000, 413,
     "the JSON body is nested more than 1,024 levels deep"),
    ("not JSON", "/api/convolve", b'{"input": [[1, 2]', 422, "the body is not valid JSON"),
    ("not UTF-8", "/api/convolve", b'\xff\xfe{"input": 1}', 422, "the body is not valid JSON"),
    ("an array for a body", "/api/convolve", b"[1, 2]", 422, "the body must be a JSON object"),
    ("a number for a body", "/api/pool", b"42", 422, "the body must be a JSON object"),
    ("a result past float64", "/api/convolve", body(b"[[1.7e308, 1.7e308], [1.7e308, 1.7e308]]",
                                                    b'"kernel": [[1, 1], [1, 1]]'), 422,
     "input: the values are too large: the result overflows 64-bit floats"),
    ("stride 10^9", "/api/convolve", body(b"[[1, 2], [3, 4]]", KERNEL + b', "stride": 1000000000'), 413,
     "stride is 1,000,000,000, over the limit of 1,024"),
    ("padding 10^9", "/api/convolve", body(b"[[1, 2], [3, 4]]", KERNEL + b', "padding": [1, 1000000000]'), 413,
     "padding is 1,000,000,000, over the limit"),
    ("dilation 10^9", "/api/convolve", body(b"[[1, 2], [3, 4]]", KERNEL + b', "dilation": 1000000000'), 413,
     "dilation is 1,000,000,000, over the limit"),
    ("pooling stride 10^9", "/api/pool", b'{"input": [[1, 2], [3, 4]], "kind": "max", "size": 1, '
                                         b'"stride": 1000000000}', 413, "stride is 1,000,000,000"),
    ("a forward layer's dilation 10^9", "/api/forward",
     b'{"input": [[1, 2], [3, 4]], "layers": [{"type": "conv2d", "kernel": [[[[1]]]], "dilation": 1000000000}]}', 413,
     "layers[0].dilation is 1,000,000,000"),
    ("a stride past 64 bits", "/api/convolve",
     body(b"[[1, 2], [3, 4]]", KERNEL + b', "stride": 100000000000000000000000'), 422,
     "stride must be an integer or a pair of integers"),
    ("a negative padding", "/api/convolve", body(b"[[1, 2], [3, 4]]", KERNEL + b', "padding": -1'), 422,
     "padding must be at least 0"),
]


@pytest.mark.parametrize("path, raw, status, detail", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_a_hostile_body_gets_one_sentence(client, path, raw, status, detail):
    start = time.perf_counter()
    response = client.post(path, content=raw, headers=JSON)
    assert time.perf_counter() - start < 5  # generous: these take milliseconds; a hang would not
    assert response.status_code == status, response.text
    text = response.json()["detail"]
    assert text.startswith(detail), text
    assert text.endswith(".") and text.count(". ") == 0  # one sentence


def test_trace_true_is_still_a_boolean_field(client):
    # "trace": true is a field's value (after ":"), not an array element: it must stay accepted.
    response = client.post("/api/convolve", content=body(b"[[1, 2], [3, 4]]", KERNEL + b', "trace": true'),
                           headers=JSON)
    assert response.status_code == 200 and response.json()["trace"]["steps"] == 4


@pytest.mark.parametrize("count, status, detail", [
    (1_000, 413, "the number of layers is 1,000, over the limit of 256"),
    (100_000, 422, "layers must have at most 4,096 items"),  # the schema's cap: stops before validating them
])
def test_too_many_layers_are_refused_before_any_runs(client, count, status, detail):
    # 1.6 MB of {"type": "relu"} would cost seconds of per-layer work on a one-number input
    raw = b'{"input": [[1.0]], "layers": [' + b",".join([b'{"type": "relu"}'] * count) + b"]}"
    start = time.perf_counter()
    response = client.post("/api/forward", content=raw, headers=JSON)
    assert time.perf_counter() - start < 1
    assert response.status_code == status
    assert response.json()["detail"].startswith(detail)
