"""Shared by the export tests: decoding the files, and the API's own answer for the same view."""

from __future__ import annotations

from io import BytesIO

from PIL import Image, ImageChops, ImageSequence

# The worked example is the page's default view: input 1..9 as 3×3, kernel [[1, 1], [0, 2]].
WORKED_BODY = {"input": [[[1, 2, 3], [4, 5, 6], [7, 8, 9]]], "kernel": [[[[1, 1], [0, 2]]]]}
# Two channels and two filters with biases, in the page's query and as the API's request.
BANK_QUERY = "in=1,2,0;0,1,2;2,0,1|0,1,0;1,1,1;0,1,0&k=1,0;0,1|0,1;1,0/1,1;1,1|-1,0;0,-1&b=0.5,-1"
BANK_BODY = {"input": [[[1, 2, 0], [0, 1, 2], [2, 0, 1]], [[0, 1, 0], [1, 1, 1], [0, 1, 0]]],
             "kernel": [[[[1, 0], [0, 1]], [[0, 1], [1, 0]]], [[[1, 1], [1, 1]], [[-1, 0], [0, -1]]]],
             "bias": [0.5, -1]}


def trace_of(client, body: dict) -> dict:
    response = client.post("/api/convolve", json={**body, "trace": True})
    assert response.status_code == 200
    return response.json()["trace"]


def frames(content: bytes) -> list[Image.Image]:
    return [frame.convert("RGB") for frame in ImageSequence.Iterator(Image.open(BytesIO(content)))]


def image(content: bytes) -> Image.Image:
    return Image.open(BytesIO(content))


def differ(a: Image.Image, b: Image.Image) -> bool:
    return ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox() is not None


def distance(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference per channel, 0 for equal pictures."""
    histogram = ImageChops.difference(a.convert("RGB"), b.convert("RGB")).convert("L").histogram()
    return sum(level * count for level, count in enumerate(histogram)) / (a.width * a.height)
