"""The model forward answers odd input all the same, and says in `warnings` why the answer means little."""

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw

FORWARD = "/api/models/mnist_cnn/forward"


def stroke() -> np.ndarray:
    digit = np.zeros((28, 28))
    digit[4:24, 14] = 1.0
    return digit


def png(draw=None) -> bytes:
    image = Image.new("L", (64, 64), "white")
    if draw:
        draw(ImageDraw.Draw(image))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def codes(answer: dict) -> list[str]:
    return [warning["code"] for warning in answer["warnings"]]


def test_a_digit_as_trained_has_no_warnings(client):
    answer = client.post(FORWARD, json={"input": stroke().tolist()}).json()
    assert answer["warnings"] == [] and answer["label"] == "1"


def test_values_outside_the_training_range_are_named(client):
    digit = stroke() * 5.0  # 20 values of 5.0
    answer = client.post(FORWARD, json={"input": digit.tolist()}).json()
    assert codes(answer) == ["input_out_of_range"]
    assert answer["warnings"][0]["message"].startswith("20 of the input's 784 values lie outside [0, 1]")
    assert "(they span 0 to 5)" in answer["warnings"][0]["message"]
    assert len(answer["probabilities"]) == 10  # answered all the same


@pytest.mark.parametrize("value, expected", [(0.0, ["blank_input"]), (3.0, ["input_out_of_range", "blank_input"])])
def test_a_blank_array_is_named(client, value, expected):
    answer = client.post(FORWARD, json={"input": np.full((28, 28), value).tolist()}).json()
    assert codes(answer) == expected


def test_a_blank_image_is_named(client):
    response = client.post(FORWARD, content=png(), headers={"content-type": "image/png"})
    assert response.status_code == 200
    assert codes(response.json()) == ["blank_input"]
    assert response.json()["warnings"][0]["message"].startswith("the image has no ink")


def test_an_image_with_a_digit_has_no_warnings(client):
    image = png(lambda d: d.line([(32, 8), (32, 56)], fill=0, width=6))
    assert client.post(FORWARD, content=image, headers={"content-type": "image/png"}).json()["warnings"] == []


def test_an_image_may_ask_for_compact_arrays_in_the_query(client):
    image = png(lambda d: d.line([(32, 8), (32, 56)], fill=0, width=6))
    answer = client.post(FORWARD + "?encoding=base64", content=image, headers={"content-type": "image/png"}).json()
    assert answer["input"]["dtype"] == "float32" and answer["input"]["shape"] == [28, 28]
    response = client.post(FORWARD + "?encoding=hex", content=image, headers={"content-type": "image/png"})
    assert response.status_code == 422 and response.json()["errors"][0]["loc"] == ["query", "encoding"]
    assert response.json()["detail"].startswith("encoding must be 'json' or 'base64'")
