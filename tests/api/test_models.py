"""GET /api/models, GET /api/models/{name}, POST /api/models/{name}/forward, on a tiny model made here."""

import io
import json
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient
from PIL import Image, ImageDraw

from app.engine import Activation, Conv2d, Dense, Flatten, Pool2d, forward
from app.engine.model import save
from app.main import create_app
from app.settings import Settings

BOMB = Path(__file__).resolve().parent.parent / "data" / "bomb.png"


def tiny_layers():
    rng = np.random.default_rng(0)
    return [Conv2d(rng.standard_normal((2, 1, 3, 3)), rng.standard_normal(2), padding=1), Activation("relu"),
            Pool2d("max", 2), Flatten(), Dense(rng.standard_normal((3, 2 * 14 * 14)), rng.standard_normal(3)),
            Activation("softmax")]


@pytest.fixture
def models_client(tmp_path):
    save(tmp_path / "tiny.npz", tiny_layers())
    (tmp_path / "tiny.json").write_text(json.dumps({"name": "tiny", "input_shape": [1, 28, 28],
                                                    "classes": ["a", "b", "c"], "heldout_accuracy": 0.5}))
    with TestClient(create_app(Settings(max_input_elements=100_000), models_dir=tmp_path)) as client:
        yield client


def png(draw, size=(120, 120), paper="white", kind="PNG"):
    image = Image.new("L", size, paper)
    draw(ImageDraw.Draw(image))
    buffer = io.BytesIO()
    image.save(buffer, kind)
    return buffer.getvalue()


STROKE = png(lambda d: d.line([(20, 10), (20, 110)], fill=0, width=10))


def test_models_lists_layers_shapes_parameters_and_work(models_client):
    (model,) = models_client.get("/api/models").json()["models"]
    assert model["name"] == "tiny" and model["classes"] == ["a", "b", "c"] and model["input_shape"] == [1, 28, 28]
    assert [(layer["name"], layer["type"], layer["shape"]) for layer in model["layers"]] == [
        ("conv", "conv2d", [2, 28, 28]), ("relu", "relu", [2, 28, 28]), ("pool", "maxpool", [2, 14, 14]),
        ("flatten", "flatten", [392]), ("dense", "dense", [3]), ("softmax", "softmax", [3])]
    assert model["parameters"] == 2 * 9 + 2 + 3 * 392 + 3
    assert model["multiply_adds"] == 2 * 28 * 28 * 9 + 3 * 392
    # fully connected with the same widths: 784 -> 1568 values, then 392 -> 3
    assert model["dense_equivalent_parameters"] == (784 * 1568 + 1568) + (392 * 3 + 3)


def test_model_detail_carries_the_weights(models_client):
    detail = models_client.get("/api/models/tiny").json()
    conv = detail["layers"][0]
    np.testing.assert_allclose(conv["kernel"], tiny_layers()[0].kernel)
    assert conv["settings"]["padding"] == 1


def test_forward_a_json_digit_matches_the_engine(models_client):
    x = np.random.default_rng(1).random((28, 28))
    body = models_client.post("/api/models/tiny/forward", json={"input": x.tolist()}).json()
    expected = forward(x[None, None], tiny_layers())[-1][0]
    np.testing.assert_allclose(body["probabilities"], expected, rtol=1e-12)
    assert body["prediction"] == int(np.argmax(expected)) and body["label"] == "abc"[body["prediction"]]
    assert [layer["name"] for layer in body["layers"]] == ["conv", "relu", "pool", "flatten", "dense", "softmax"]
    np.testing.assert_allclose(body["input"], x)  # one channel comes back as H×W, as it was sent


def test_forward_an_uploaded_png_prepares_it_like_mnist(models_client):
    # a dark vertical stroke on white paper, off to the left: it comes back white on black, centred
    image = png(lambda d: d.line([(20, 10), (20, 110)], fill=0, width=10))
    body = models_client.post("/api/models/tiny/forward", content=image, headers={"content-type": "image/png"})
    assert body.status_code == 200
    digit = np.asarray(body.json()["input"])
    assert digit.shape == (28, 28) and digit.max() == pytest.approx(1.0) and digit[0, 0] == 0
    rows, cols = np.nonzero(digit > 0.5)
    assert 4 <= rows.min() and rows.max() <= 23  # fits the 20×20 box
    assert abs(cols.mean() - 13.5) <= 1  # centred by mass


@pytest.mark.parametrize("kind, content_type", [("WEBP", "image/webp"), ("GIF", "image/gif"), ("JPEG", "image/jpeg")])
def test_webp_gif_and_jpeg_uploads_read_like_the_png(models_client, kind, content_type):
    def post(content, kind):
        return models_client.post("/api/models/tiny/forward", content=content, headers={"content-type": kind})

    from_png = np.asarray(post(STROKE, "image/png").json()["input"])
    other = png(lambda d: d.line([(20, 10), (20, 110)], fill=0, width=10), kind=kind)
    response = post(other, content_type)
    assert response.status_code == 200
    np.testing.assert_allclose(np.asarray(response.json()["input"]), from_png, atol=0.06)  # JPEG/WebP are lossy


NOT_AN_IMAGE = "body: the body is not a PNG, JPEG, WebP or GIF image."
ACCEPTED = ('with an "input" array, or the raw bytes of a PNG, JPEG, WebP or GIF image with its image/... type.')


@pytest.mark.parametrize("content, content_type, status, detail", [
    (b"not an image", "image/png", 422, NOT_AN_IMAGE),
    (b"GIF89a....", "image/gif", 422, NOT_AN_IMAGE),
    (STROKE[:len(STROKE) // 2], "image/png", 422, "body: the image cannot be decoded"),  # a truncated file
    (b"BM" + bytes(100), "image/png", 422, NOT_AN_IMAGE),  # a BMP header: not an accepted format
    (b"{}", "text/plain", 415, f"body: Content-Type text/plain is not accepted: send JSON {ACCEPTED}"),
    (STROKE, "image/bmp", 415, "body: Content-Type image/bmp is not accepted"),
    (b"--x\r\nContent-Disposition: form-data; name=file\r\n\r\nabc\r\n--x--", "multipart/form-data; boundary=x",
     415, "body: Content-Type multipart/form-data is not accepted"),
    (b'{"input": [[1, 2], [3, 4]]}', "application/json", 422, "input: the model takes shape [1, 28, 28], got [2, 2]."),
    (b'{"input": [[1, 2], [3]]}', "application/json", 422,
     "input must be a rectangular array: some rows have a different length or depth."),
    (b'{"inputs": []}', "application/json", 422, "input is required."),
])
def test_bad_uploads_get_a_sentence(models_client, content, content_type, status, detail):
    response = models_client.post("/api/models/tiny/forward", content=content, headers={"content-type": content_type})
    assert response.status_code == status
    assert response.json()["detail"].startswith(detail) and response.json()["detail"].endswith(".")


def test_an_image_with_too_many_pixels_is_refused_before_decoding(models_client):
    big = png(lambda d: None, size=(400, 400))  # 160,000 pixels, over this app's 100,000
    response = models_client.post("/api/models/tiny/forward", content=big, headers={"content-type": "image/png"})
    assert response.status_code == 413 and "pixels in the image is 160,000" in response.json()["detail"]


def test_a_decompression_bomb_is_refused_from_its_header(models_client):
    # 40,000 × 40,000 one-bit pixels in 200 KB (made by scripts/make_png_bomb.py) would unpack to
    # 1.6 billion: Pillow's guard refuses to open it, and the answer names the pixel limit.
    bomb = BOMB.read_bytes()
    assert len(bomb) < 250_000
    response = models_client.post("/api/models/tiny/forward", content=bomb, headers={"content-type": "image/png"})
    assert response.status_code == 413
    assert "the number of pixels in the image is 1,600,000,000" in response.json()["detail"]


def test_an_unknown_model_is_a_404(models_client):
    response = models_client.post("/api/models/resnet/forward", json={"input": [[0]]})
    expected = ('there is no model named "resnet" (shipped: tiny; an imported model is named by the SHA-256 of its '
                'file, as POST /api/models answers).')
    assert (response.status_code, response.json()["detail"]) == (404, expected)
