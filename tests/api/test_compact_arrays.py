"""With "encoding": "base64", every array in the answer is compact, traces and the model's answer
included, and decodes to the numbers the JSON answer holds."""

import base64

import numpy as np
import pytest

SEED = {"input": [[1, 2, 3], [4, 5, 6], [7, 8, 9]], "kernel": [[1, 1], [0, 2]]}


def decoded(value):
    """A JSON answer's arrays as NumPy arrays: encoded ones unpacked, lists as they are."""
    if isinstance(value, dict) and set(value) == {"dtype", "shape", "base64"}:
        dtype = {"float32": "<f4", "int32": "<i4"}[value["dtype"]]
        return np.frombuffer(base64.b64decode(value["base64"]), dtype).reshape(value["shape"])
    if isinstance(value, dict):
        return {key: decoded(item) for key, item in value.items()}
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [decoded(item) for item in value]
    return value


def lists_left(value, path=""):
    """Where a list of numbers is still in the answer (a path for each)."""
    if isinstance(value, dict):
        return [where for key, item in value.items() for where in lists_left(item, f"{path}.{key}")]
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [where for i, item in enumerate(value) for where in lists_left(item, f"{path}[{i}]")]
    return [path] if isinstance(value, list) else []


SMALL_LISTS = {".shape", ".trace.padding", ".layers[0].shape", ".layers[1].shape", ".warnings"}

REQUESTS = [
    ("/api/convolve", {**SEED, "trace": True}),
    ("/api/convolve", {"input": [SEED["input"]] * 2, "kernel": [[SEED["kernel"]] * 2] * 3, "bias": [1, 2, 3],
                       "trace": True, "padding": 1}),
    ("/api/pool", {"input": SEED["input"], "kind": "max", "size": 2, "stride": 1, "padding": 1, "trace": True}),
    ("/api/pool", {"input": SEED["input"], "kind": "avg", "size": 2, "trace": True}),
    ("/api/pool", {"input": SEED["input"], "kind": "avg", "size": 2, "ceil_mode": True, "trace": True}),
    ("/api/conv_transpose", {**SEED, "stride": 2, "trace": True}),
    ("/api/conv_transpose", {"input": [SEED["input"]] * 2, "kernel": [[SEED["kernel"]]] * 2, "groups": 2,
                             "bias": [1, 2], "padding": 1, "trace": True}),
    ("/api/activate", {"input": [[2.0, 1.0, 0.1]], "function": "softmax", "trace": True}),
    ("/api/forward", {"input": SEED["input"], "layers": [{"type": "flatten"}, {"type": "softmax"}]}),
]


@pytest.mark.parametrize("path, body", REQUESTS, ids=[f"{path} {i}" for i, (path, _) in enumerate(REQUESTS)])
def test_base64_answers_hold_the_json_answers_numbers(client, path, body):
    plain = client.post(path, json=body).json()
    compact = client.post(path, json={**body, "encoding": "base64"}).json()
    # Shapes and a layer's inputs (names, not numbers) stay lists.
    left = [where for where in lists_left(compact) if not where.endswith((".shape", ".inputs"))
            and where not in SMALL_LISTS]
    assert left == []
    assert_same(decoded(compact), plain)


def assert_same(compact, plain):
    if isinstance(plain, dict):
        assert set(compact) == set(plain)
        for key in plain:
            assert_same(compact[key], plain[key])
    elif isinstance(plain, list) and plain and isinstance(plain[0], dict):
        for ours, theirs in zip(compact, plain, strict=True):
            assert_same(ours, theirs)
    elif isinstance(plain, list) and isinstance(compact, np.ndarray):
        np.testing.assert_allclose(compact, as_numbers(plain), rtol=1e-6)  # float32 in the compact form
    else:
        assert compact == plain


def as_numbers(value) -> np.ndarray:
    """Nested lists as floats; JSON's null stands for max pooling's −∞ padding."""
    return np.vectorize(lambda v: -np.inf if v is None else v, otypes=[float])(np.array(value, dtype=object))


def test_the_model_answer_is_compact_too(client):
    digit = np.zeros((28, 28))
    digit[4:24, 14] = 1.0
    plain = client.post("/api/models/mnist_cnn/forward", json={"input": digit.tolist()}).json()
    compact = client.post("/api/models/mnist_cnn/forward", json={"input": digit.tolist(), "encoding": "base64"}).json()
    assert [where for where in lists_left(compact) if not where.endswith(".shape")] == [".warnings"]
    np.testing.assert_allclose(decoded(compact["input"]), plain["input"])
    np.testing.assert_allclose(decoded(compact["probabilities"]), plain["probabilities"], rtol=1e-6)
