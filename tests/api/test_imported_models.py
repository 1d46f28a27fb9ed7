"""Models you bring: POST /api/models with an ONNX file, the store every worker shares, and a forward pass
through an imported model, against the engine and onnxruntime."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import numpy as np
import onnx
import pytest
from fastapi.testclient import TestClient

from app.api import imported
from app.interchange.store import ModelStore
from app.main import create_app
from app.settings import Settings

MODELS = Path(__file__).resolve().parent.parent / "data" / "onnx"
MIX = (MODELS / "tiny_mix.onnx").read_bytes()  # 3×16×16 -> 5 class scores
UNET = (MODELS / "tiny_unet.onnx").read_bytes()  # 3×32×32 -> 2×32×32
PREACT = (MODELS / "tiny_preact.onnx").read_bytes()  # 3×16×16 -> 4 probabilities: batch norm, a shortcut, softmax
X = np.random.default_rng(0).standard_normal((3, 16, 16)).astype(np.float32)


@pytest.fixture
def app_with(tmp_path):
    """A started app (its models loaded) with these settings and a store of its own."""
    clients = []

    def start(**settings):
        client = TestClient(create_app(Settings(model_store=str(tmp_path / f"store{len(clients)}"), **settings)))
        clients.append(client.__enter__())
        return client

    yield start
    for client in clients:
        client.__exit__(None, None, None)


def upload(client, data: bytes = MIX):
    return client.post("/api/models", content=data, headers={"content-type": "application/octet-stream"})


def one_sentence(response) -> str:
    detail = response.json()["detail"]
    assert detail.endswith(".") and "\n" not in detail and not re.search(r"\. [A-Z]", detail), detail
    return detail


def test_an_upload_is_named_by_its_bytes_and_summarised(app_with):
    client = app_with()
    first = upload(client)
    assert first.status_code == 201
    summary = first.json()
    assert summary["name"] == hashlib.sha256(MIX).hexdigest()
    assert summary["inputs"] == [{"name": "x", "shape": [1, 3, 16, 16]}] and summary["input_shape"] == [3, 16, 16]
    assert summary["outputs"] == ["y"] and summary["layers"][-1]["name"] == "y"
    assert summary["parameters"] == sum(layer["parameters"] for layer in summary["layers"])
    types = {layer["type"] for layer in summary["layers"]}
    assert {"conv2d", "pad", "hardswish", "transpose", "slice", "upsample", "mean", "erf", "dense"} <= types
    again = upload(client)
    assert again.status_code == 200 and again.json() == summary  # the same bytes: kept once
    assert client.get(f"/api/models/{summary['name']}").json() == summary
    listed = client.get("/api/models").json()
    assert [model["name"] for model in listed["models"]] == ["mnist_cnn"]
    assert summary in listed["imported"]


def test_a_forward_pass_gives_the_engines_numbers_and_the_top_classes(client):
    name = upload(client).json()["name"]
    body = client.post(f"/api/models/{name}/forward", json={"input": X.tolist()}).json()
    onnxruntime = pytest.importorskip("onnxruntime")
    session = onnxruntime.InferenceSession(MIX, providers=["CPUExecutionProvider"])
    (expected,) = session.run(None, {"x": X[None]})
    np.testing.assert_allclose(body["output"], expected[0], rtol=1e-4, atol=1e-5)
    assert [layer["name"] for layer in body["layers"]] == ["y"]  # "final" by default
    scores = np.array(body["output"])
    assert [entry["index"] for entry in body["top"]] == list(np.argsort(-scores)[:5])
    np.testing.assert_allclose([entry["score"] for entry in body["top"]], sorted(scores, reverse=True)[:5], rtol=1e-6)


@pytest.mark.parametrize("model, softmax_in_model", [(MIX, False), (PREACT, True)], ids=["scores", "probabilities"])
def test_the_top_classes_carry_probabilities(client, model, softmax_in_model):
    # raw scores: their softmax over every class, written out here; a model that ends in a softmax: its outputs
    name = upload(client, model).json()["name"]
    body = client.post(f"/api/models/{name}/forward", json={"input": X.tolist()}).json()
    scores, top = np.array(body["output"]), body["top"]
    expected = scores if softmax_in_model else np.exp(scores) / np.exp(scores).sum()
    np.testing.assert_allclose([entry["probability"] for entry in top],
                               [expected[entry["index"]] for entry in top], rtol=1e-6)
    assert scores.min() >= 0 and abs(scores.sum() - 1) < 1e-5 if softmax_in_model else scores.min() < 0


def test_log_probabilities_give_back_the_probabilities():
    p = np.array([0.7, 0.2, 0.1])
    np.testing.assert_allclose(imported.probabilities(np.log(p)), p, rtol=1e-12)
    np.testing.assert_allclose(imported.probabilities(np.array([1000.0, 0.0])), [1, 0], atol=1e-300)  # no overflow


def test_outputs_choose_the_layers_and_base64_encodes_them(client):
    summary = upload(client).json()
    names = [layer["name"] for layer in summary["layers"]]
    body = client.post(f"/api/models/{summary['name']}/forward",
                       json={"input": X[None].tolist(), "outputs": "all", "encoding": "base64"}).json()
    assert [layer["name"] for layer in body["layers"]] == names
    assert set(body["layers"][0]["output"]) == {"dtype", "shape", "base64"}
    chosen = client.post(f"/api/models/{summary['name']}/forward", json={"input": X.tolist(), "outputs": names[:2]})
    assert [layer["name"] for layer in chosen.json()["layers"]] == names[:2]


def test_a_map_that_is_no_class_vector_has_no_top(client):
    name = upload(client, UNET).json()["name"]
    x = np.zeros((3, 32, 32)).tolist()
    body = client.post(f"/api/models/{name}/forward", json={"input": x}).json()
    assert np.array(body["output"]).shape == (2, 32, 32) and body["top"] is None


@pytest.mark.parametrize("data, status, pattern", [
    (b"", 422, r"the body is empty: send the bytes of an ONNX file"),
    (b"\x00\xff" * 500, 422, r"not an ONNX model"),
    (MIX[: len(MIX) // 2], 422, r"not an ONNX model|declares|holds"),
])
def test_a_bad_file_is_refused_in_one_sentence(client, data, status, pattern):
    response = upload(client, data)
    assert response.status_code == status
    assert re.search(pattern, one_sentence(response))


def test_uploads_have_their_own_size_limit_and_other_bodies_keep_theirs(app_with):
    client = app_with(max_body_bytes=4096, max_model_bytes=len(MIX))
    assert upload(client).status_code == 201  # over the body limit, within the model limit
    assert client.post("/api/forward", content=b"[" * 5000, headers={"content-type": "application/json"}
                       ).status_code == 413
    small = app_with(max_model_bytes=len(MIX) - 1)
    response = upload(small)
    assert response.status_code == 413
    assert "CONVSCOPE_MAX_MODEL_BYTES" in one_sentence(response)


@pytest.mark.parametrize("body, status, pattern", [
    ({"input": [[[1.0]]]}, 422, r"the model takes shape \[3, 16, 16\] \(or \[1, 3, 16, 16\]\), got \[1, 1, 1\]"),
    ({"input": X.tolist(), "outputs": ["nowhere"]}, 422, r'there is no layer named "nowhere"'),
    ({"input": X.tolist(), "extra": 1}, 422, r"extra"),
])
def test_a_bad_forward_request_is_refused_in_one_sentence(client, body, status, pattern):
    name = upload(client).json()["name"]
    response = client.post(f"/api/models/{name}/forward", json=body)
    assert response.status_code == status
    assert re.search(pattern, one_sentence(response))


def test_an_unknown_model_a_text_body_and_too_much_work_are_refused(app_with):
    client = app_with(max_model_multiply_adds=1000)
    name = upload(client).json()["name"]
    missing = client.post(f"/api/models/{'0' * 64}/forward", json={"input": X.tolist()})
    assert missing.status_code == 404 and "SHA-256" in one_sentence(missing)
    assert client.get("/api/models/..%2F..%2Fetc%2Fpasswd").status_code == 404
    text = client.post(f"/api/models/{name}/forward", content=b"1 2 3", headers={"content-type": "text/plain"})
    assert text.status_code == 415 and "image/..." in one_sentence(text)
    heavy = client.post(f"/api/models/{name}/forward", json={"input": X.tolist()})
    assert heavy.status_code == 413 and "CONVSCOPE_MAX_MODEL_MULTIPLY_ADDS" in one_sentence(heavy)


def test_workers_that_share_the_store_serve_the_same_models(tmp_path):
    settings = Settings(model_store=str(tmp_path))
    with TestClient(create_app(settings)) as one, TestClient(create_app(settings)) as other:
        name = upload(one).json()["name"]
        response = other.post(f"/api/models/{name}/forward", json={"input": X.tolist()})
        assert response.status_code == 200 and len(response.json()["output"]) == 5


# ---- the store -------------------------------------------------------------------------------------

def model_bytes(seed: int) -> bytes:
    """A distinct small valid file (only its bytes and size matter here)."""
    proto = onnx.load_from_string(MIX)
    proto.doc_string = f"copy {seed}"
    return proto.SerializeToString()


def test_the_least_recently_used_models_are_evicted_beyond_the_count(tmp_path):
    store = ModelStore(tmp_path, max_models=2, max_bytes=10**9)
    names = [store.name_of(model_bytes(k)) for k in range(3)]
    store.put(model_bytes(0), {"n": 0})
    store.put(model_bytes(1), {"n": 1})
    assert store.read(names[0]) is not None  # 0 used again: 1 is now the least recently used
    store.put(model_bytes(2), {"n": 2})
    assert store.has(names[0]) and store.has(names[2]) and not store.has(names[1])
    assert not (tmp_path / f"{names[1]}.json").exists()
    assert store.names()[0] == names[2]


def test_models_are_evicted_beyond_the_bytes_but_never_the_one_just_stored(tmp_path):
    store = ModelStore(tmp_path, max_models=10, max_bytes=len(MIX) + 100)
    store.put(model_bytes(0), {})
    store.put(model_bytes(1), {})
    assert store.names() == [store.name_of(model_bytes(1))]
    tiny = ModelStore(tmp_path / "tiny", max_models=10, max_bytes=1)
    assert tiny.put(MIX, {}) and tiny.has(tiny.name_of(MIX))


@pytest.mark.parametrize("name", ["../secret", "a" * 63, "A" * 64, "g" * 64, ""])
def test_only_a_sha256_names_a_file_in_the_store(tmp_path, name):
    store = ModelStore(tmp_path, max_models=2, max_bytes=10**9)
    (tmp_path.parent / "secret.onnx").write_bytes(b"x")
    assert not store.has(name) and store.read(name) is None and store.summary(name) is None


# ---- the shipped network as a file ------------------------------------------------------------------

def test_the_shipped_network_exports_as_onnx_and_imports_back_to_the_same_numbers(app_with):
    client = app_with()
    exported = client.get("/api/models/mnist_cnn.onnx")
    assert exported.status_code == 200 and exported.headers["content-type"] == "application/octet-stream"
    assert 'filename="mnist_cnn.onnx"' in exported.headers["content-disposition"]
    assert client.get("/api/models/mnist_cnn.onnx").content == exported.content  # the same bytes each time
    summary = upload(client, exported.content).json()
    assert summary["layers"][-1]["name"] == "softmax" and summary["input_shape"] == [1, 28, 28]
    digit = np.array(client.get("/api/models/mnist_cnn").json()["samples"][0]["input"], dtype=float)  # 28×28
    shipped = client.post("/api/models/mnist_cnn/forward", json={"input": digit.tolist()}).json()
    again = client.post(f"/api/models/{summary['name']}/forward", json={"input": digit[None].tolist()}).json()
    np.testing.assert_allclose(again["output"], shipped["probabilities"], rtol=1e-5, atol=1e-7)
    assert again["top"][0]["index"] == shipped["prediction"]
    assert again["top"][0]["label"] == shipped["label"]  # the classes' names travel in the file
    onnxruntime = pytest.importorskip("onnxruntime")
    session = onnxruntime.InferenceSession(exported.content, providers=["CPUExecutionProvider"])
    (theirs,) = session.run(None, {"input": digit[None, None].astype(np.float32)})
    np.testing.assert_allclose(theirs[0], shipped["probabilities"], rtol=1e-4, atol=1e-6)
    assert client.get("/api/models/resnet.onnx").status_code == 404


# ---- one cell's arithmetic ----------------------------------------------------------------------

def test_the_trace_of_a_cell_adds_up_to_the_layers_output(client):
    summary = upload(client).json()
    convs = [layer for layer in summary["layers"] if layer["type"] == "conv2d"]
    everything = client.post(f"/api/models/{summary['name']}/forward", json={"input": X.tolist(), "outputs": "all"})
    outputs = {layer["name"]: np.array(layer["output"]) for layer in everything.json()["layers"]}
    for conv in convs:  # the stem (stride 2, padding from a pad layer), depthwise (groups 8), 1×1 ones
        f, oh, ow = conv["shape"]
        cell = [f - 1, oh // 2, ow - 1]
        trace = client.post(f"/api/models/{summary['name']}/trace",
                            json={"input": X.tolist(), "layer": conv["name"], "cell": cell}).json()
        products = np.array(trace["window"]) * np.array(trace["kernel"])
        np.testing.assert_allclose(trace["products"], products, rtol=1e-6)
        np.testing.assert_allclose(trace["channel_sums"], products.sum(axis=(1, 2)), rtol=1e-5, atol=1e-6)
        assert trace["value"] == pytest.approx(trace["sum"] + trace["bias"])
        assert trace["value"] == pytest.approx(float(outputs[conv["name"]][tuple(cell)]), rel=1e-4, abs=1e-5)
    depthwise = next(conv for conv in convs if "depthwise" in conv["name"])
    trace = client.post(f"/api/models/{summary['name']}/trace",
                        json={"input": X.tolist(), "layer": depthwise["name"], "cell": [5, 0, 0]}).json()
    assert trace["channels"] == [5] and trace["rows"] == [-1, 0, 1]  # its own channel; padding 1 above


@pytest.mark.parametrize("model", [MIX, UNET, PREACT])
def test_every_other_layer_the_trace_reads_ends_in_the_layers_own_value(client, model):
    """Activations, arithmetic, concatenation, pooling and dense layers: one cell of each, against the
    forward pass's output; the numbers it lists make that value by the layer's definition."""
    summary = upload(client, model).json()
    x = np.random.default_rng(1).standard_normal(summary["input_shape"]).astype(np.float32)
    outputs = {layer["name"]: np.array(layer["output"]) for layer in client.post(
        f"/api/models/{summary['name']}/forward", json={"input": x.tolist(), "outputs": "all"}).json()["layers"]}
    seen = set()
    for layer in summary["layers"]:
        if layer["type"] in ("conv2d", "conv_transpose2d", "pad", "reshape", "transpose", "slice", "upsample", "mean",
                             "flatten"):
            continue
        cell = [size - 1 for size in layer["shape"]]  # the last cell: padding and broadcasting show there
        answer = client.post(f"/api/models/{summary['name']}/trace",
                             json={"input": x.tolist(), "layer": layer["name"], "cell": cell})
        assert answer.status_code == 200, answer.text
        arithmetic = answer.json()["arithmetic"]
        value = float(outputs[layer["name"]][tuple(cell)])
        assert arithmetic["value"] == pytest.approx(value, rel=1e-5, abs=1e-6)
        assert answer.json()["inputs"] == layer["inputs"]
        seen.add(layer["type"])
        if layer["type"] in ("add", "mul", "div") and arithmetic["constant"] is None:
            a, b = arithmetic["operands"]
            assert {"add": a + b, "mul": a * b, "div": a / (b or 1)}[layer["type"]] == pytest.approx(value, rel=1e-5)
        elif layer["type"] == "concat":
            source = layer["inputs"][arithmetic["source"]]
            assert float(outputs[source][tuple(arithmetic["source_cell"])]) == pytest.approx(value)
        elif layer["type"] in ("maxpool", "globalavgpool"):
            window = np.array([[np.nan if v is None else v for v in row] for row in arithmetic["window"]])
            made = np.nanmax(window) if arithmetic["kind"] == "max" else np.nansum(window) / arithmetic["divisor"]
            assert made == pytest.approx(value, rel=1e-5, abs=1e-6)
        elif layer["type"] == "dense":
            made = sum(term["product"] for term in arithmetic["terms"]) + arithmetic["rest"]["sum"] + arithmetic["bias"]
            assert made == pytest.approx(value, rel=1e-4, abs=1e-5)
            assert all(term["product"] == pytest.approx(term["x"] * term["weight"], rel=1e-6)
                       for term in arithmetic["terms"])
        elif layer["type"] == "relu":
            assert max(arithmetic["x"], 0) == pytest.approx(value)
        elif layer["type"] == "batchnorm":
            a = arithmetic
            made = (a["x"] - a["mean"]) / np.sqrt(a["var"] + a["eps"]) * a["weight"] + a["bias"]
            assert made == pytest.approx(value, rel=1e-4, abs=1e-5)
        elif layer["type"] == "softmax":
            assert np.exp(arithmetic["x"] - arithmetic["max"]) / arithmetic["exp_sum"] == pytest.approx(value, rel=1e-5)
            assert arithmetic["count"] == 4
    assert seen >= {UNET: {"relu", "maxpool", "concat"}, PREACT: {"batchnorm", "add", "softmax", "dense"},
                    MIX: {"relu6", "globalavgpool", "mul", "concat", "add", "dense", "div", "erf", "leaky_relu"}}[model]


def test_a_pass_stops_at_the_last_layer_asked_for(client):
    """Maps loaded as they scroll into view cost only the layers up to them: no output, no top classes."""
    summary = upload(client).json()
    first = summary["layers"][1]["name"]
    everything = client.post(f"/api/models/{summary['name']}/forward", json={"input": X.tolist(), "outputs": "all"})
    early = client.post(f"/api/models/{summary['name']}/forward", json={"input": X.tolist(), "outputs": [first]})
    assert early.status_code == 200
    assert early.json()["output"] is None and early.json()["top"] is None
    assert early.json()["layers"][0]["output"] == everything.json()["layers"][1]["output"]
    late = client.post(f"/api/models/{summary['name']}/forward", json={"input": X.tolist(), "outputs": [first, "y"]})
    assert late.json()["output"] == everything.json()["output"] and late.json()["top"] is not None


def test_a_trace_takes_the_compact_input_that_a_forward_pass_answers(client):
    """The browser sends back the normalised input it was given, base64 and all."""
    summary = upload(client).json()
    compact = client.post(f"/api/models/{summary['name']}/forward",
                          json={"input": X.tolist(), "outputs": [], "encoding": "base64"})
    assert compact.status_code == 422  # at least one layer is asked for
    packed = {"dtype": "float32", "shape": list(X.shape), "base64": __import__("base64").b64encode(
        X.astype("<f4").tobytes()).decode()}
    plain = client.post(f"/api/models/{summary['name']}/forward", json={"input": X.tolist()}).json()
    again = client.post(f"/api/models/{summary['name']}/forward", json={"input": packed}).json()
    assert again["output"] == plain["output"]
    short = client.post(f"/api/models/{summary['name']}/forward", json={"input": {**packed, "shape": [3, 16, 15]}})
    assert short.status_code == 422 and "base64 must hold 720 float32 values" in one_sentence(short)


@pytest.mark.parametrize("change, pattern", [
    ({"layer": "nowhere"}, r'there is no layer named "nowhere"'),
    ({"layer": "/Reshape_2_output_0"}, r'layer "/Reshape_2_output_0" is a reshape: the trace reads convolution, '
                                       r"batch norm, .* and activation layers"),
    ({"cell": [0, 99, 0]}, r"cell \[0, 99, 0\] is outside the layer's output of shape \[8, 8, 8\]"),
    ({"cell": [0, 0]}, r"cell"),
])
def test_a_trace_that_cannot_be_made_is_refused_in_one_sentence(client, change, pattern):
    summary = upload(client).json()
    stem = next(layer["name"] for layer in summary["layers"] if layer["type"] == "conv2d")
    body = {"input": X.tolist(), "layer": stem, "cell": [0, 0, 0], **change}
    response = client.post(f"/api/models/{summary['name']}/trace", json=body)
    assert response.status_code == 422
    assert re.search(pattern, one_sentence(response))


# ---- an image as input -----------------------------------------------------------------------------

def png(width: int, height: int, colour=(255, 0, 0)) -> bytes:
    """A solid picture: after fitting, every pixel is `colour`."""
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


def test_an_image_is_fitted_to_the_model_and_normalised_as_imagenet_by_default(client):
    name = upload(client).json()["name"]
    response = client.post(f"/api/models/{name}/forward", content=png(40, 20),
                           headers={"content-type": "image/png"})
    body = response.json()
    assert response.status_code == 200 and body["normalization"]["source"] == "imagenet"
    seen = np.array(body["input"])  # 3×16×16: red, normalised per channel
    assert seen.shape == (3, 16, 16)
    expected = (np.array([1.0, 0.0, 0.0]) - [0.485, 0.456, 0.406]) / [0.229, 0.224, 0.225]
    np.testing.assert_allclose(seen[:, 7, 7], expected, rtol=1e-5)
    again = client.post(f"/api/models/{name}/forward", json={"input": seen.tolist()}).json()
    np.testing.assert_allclose(again["output"], body["output"], rtol=1e-5)  # the same input, as JSON
    plain = client.post(f"/api/models/{name}/forward?normalize=none", content=png(40, 20),
                        headers={"content-type": "image/png"}).json()
    np.testing.assert_allclose(np.array(plain["input"])[:, 7, 7], [1.0, 0.0, 0.0])


def test_a_model_may_carry_its_own_normalisation(client):
    proto = onnx.load_from_string(MIX)
    onnx.helper.set_model_props(proto, {"mean": "0.5,0.5,0.5", "std": "0.25,0.25,0.25"})
    name = upload(client, proto.SerializeToString()).json()["name"]
    body = client.post(f"/api/models/{name}/forward", content=png(16, 16, (255, 255, 255)),
                       headers={"content-type": "image/png"}).json()
    assert body["normalization"] == {"source": "model", "mean": [0.5] * 3, "std": [0.25] * 3}
    np.testing.assert_allclose(np.array(body["input"]), 2.0)  # (1 − 0.5) / 0.25


def test_an_image_that_cannot_be_input_is_refused(client):
    unet = upload(client, UNET).json()["name"]
    bad = client.post(f"/api/models/{unet}/forward", content=b"not a picture", headers={"content-type": "image/png"})
    assert bad.status_code == 422 and "PNG, JPEG, WebP or GIF" in one_sentence(bad)
    exported = client.get("/api/models/mnist_cnn.onnx").content  # one channel: ImageNet's values do not fit
    grey = upload(client, exported).json()["name"]
    refused = client.post(f"/api/models/{grey}/forward?normalize=imagenet", content=png(28, 28),
                          headers={"content-type": "image/png"})
    assert refused.status_code == 422 and "three channels" in one_sentence(refused)
    fine = client.post(f"/api/models/{grey}/forward", content=png(28, 28), headers={"content-type": "image/png"})
    assert fine.status_code == 200 and fine.json()["normalization"]["source"] == "none"


# ---- the classes' names -------------------------------------------------------------------------

def test_labels_come_from_the_files_metadata_or_afterwards_one_a_line(app_with):
    client = app_with()  # a store of its own: the labels stay with the bytes
    proto = onnx.load_from_string(MIX)
    onnx.helper.set_model_props(proto, {"labels": '["ant", "bee", "cat", "dog", "eel"]'})
    labelled = upload(client, proto.SerializeToString()).json()
    assert labelled["labels"] == ["ant", "bee", "cat", "dog", "eel"]
    body = client.post(f"/api/models/{labelled['name']}/forward", json={"input": X.tolist()}).json()
    assert [entry["label"] for entry in body["top"]] == [labelled["labels"][entry["index"]] for entry in body["top"]]
    plain = upload(client).json()
    assert plain["labels"] is None
    onnx.helper.set_model_props(proto, {"labels": json.dumps(["ant", "bee", "cat", "dog", "e" * 201])})
    assert upload(client, proto.SerializeToString()).json()["labels"] is None  # a name too long: left unnamed
    unnamed = client.post(f"/api/models/{plain['name']}/forward", json={"input": X.tolist()}).json()
    assert "label" not in unnamed["top"][0]
    named = client.put(f"/api/models/{plain['name']}/labels", content="one\ntwo\nthree\nfour\nfive\n",
                       headers={"content-type": "text/plain"})
    assert named.status_code == 200 and named.json()["labels"] == ["one", "two", "three", "four", "five"]
    assert client.get(f"/api/models/{plain['name']}").json()["labels"][4] == "five"
    top = client.post(f"/api/models/{plain['name']}/forward", json={"input": X.tolist()}).json()["top"]
    assert all(entry["label"] == ["one", "two", "three", "four", "five"][entry["index"]] for entry in top)


@pytest.mark.parametrize("text, pattern", [
    ("a\nb", r"give one label a line, 5 of them \(the model's first output has 5 numbers\); got 2 lines"),
    ("a\n\nc\nd\ne", r"got 5 lines, some empty"),
    ("a\nb\n" + "c" * 201 + "\nd\ne", r"line 3 is 201 characters long; a class's name may have at most 200"),
])
def test_labels_that_do_not_fit_are_refused(client, text, pattern):
    name = upload(client).json()["name"]
    response = client.put(f"/api/models/{name}/labels", content=text, headers={"content-type": "text/plain"})
    assert response.status_code == 422 and re.search(pattern, one_sentence(response))
    assert client.put(f"/api/models/{'0' * 64}/labels", content="a").status_code == 404


def test_a_digit_model_takes_a_drawing_prepared_as_the_shipped_network_prepares_it(app_with):
    """The shipped network, exported and imported again, reads a drawing as the shipped one does."""
    client = app_with()
    exported = client.get("/api/models/mnist_cnn.onnx").content
    name = upload(client, exported).json()["name"]
    from io import BytesIO

    from PIL import Image, ImageDraw

    paper = Image.new("L", (60, 80), 255)
    ImageDraw.Draw(paper).line([(30, 10), (30, 70)], fill=0, width=6)  # a dark 1 on white paper
    buffer = BytesIO()
    paper.save(buffer, "PNG")
    drawing = buffer.getvalue()
    shipped = client.post("/api/models/mnist_cnn/forward", content=drawing, headers={"content-type": "image/png"})
    again = client.post(f"/api/models/{name}/forward?normalize=digit", content=drawing,
                        headers={"content-type": "image/png"})
    assert again.status_code == 200, again.text
    np.testing.assert_allclose(np.array(again.json()["input"])[0], shipped.json()["input"], atol=1e-6)
    np.testing.assert_allclose(again.json()["output"], shipped.json()["probabilities"], rtol=1e-4, atol=1e-6)
    assert again.json()["normalization"]["source"] == "digit"
    refused = upload(client).json()["name"]
    wrong = client.post(f"/api/models/{refused}/forward?normalize=digit", content=drawing,
                        headers={"content-type": "image/png"})
    assert wrong.status_code == 422 and "digit preparation is for a model of input 1×28×28" in one_sentence(wrong)


def test_the_model_picker_names_an_upload_by_the_title_it_came_with(app_with):
    client = app_with()
    octets = {"content-type": "application/octet-stream"}
    first = client.post("/api/models?title=tiny_mix.onnx", content=MIX, headers=octets)
    assert first.status_code == 201 and first.json()["title"] == "tiny_mix.onnx"
    renamed = client.post("/api/models?title=mix.onnx", content=MIX, headers=octets)
    assert renamed.status_code == 200 and renamed.json()["title"] == "mix.onnx"
    listed = {m["name"]: m["title"] for m in client.get("/api/models").json()["imported"]}
    assert listed[first.json()["name"]] == "mix.onnx"
