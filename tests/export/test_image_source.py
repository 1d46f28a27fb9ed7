"""/convolution's view of an image source as a file: the region's numbers that the page's link holds, and
the picture with the region framed, its pixels those of the page's sample."""

import base64
import io
import json
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from app.settings import Settings
from app.web.export import convolution
from app.web.export.labels import Labels
from app.web.export.scene import Picture

from .helpers import frames

DIGITS = json.loads((Path(__file__).resolve().parents[2] / "static" / "samples" / "digits.json").read_text())


def story(query: dict):
    return convolution.plan(query, Settings()).story(Labels("convolution", "en"))


def region_of(digit: int, top: int, left: int, rows: int = 3, cols: int = 3) -> list[list[int]]:
    pixels = DIGITS["digits"][digit]["pixels"]
    return [pixels[top + r][left: left + cols] for r in range(rows)]


def query_for(digit: int, top: int, left: int) -> dict:
    numbers = ";".join(",".join(str(v) for v in row) for row in region_of(digit, top, left))
    return {"in": numbers, "k": "1,1;0,2", "src": f"digit-{digit}", "zoom": f"{top},{left}"}


def picture_pixels(picture: Picture) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(picture.png)).convert("L"))  # (H, W)


def test_the_picture_is_the_sample_digit_and_frames_the_region_the_numbers_come_from():
    shown = story(query_for(3, 12, 12))
    first = shown.scene(0)
    (picture,), inputs = first.columns[0], first.columns[1]
    assert isinstance(picture, Picture) and picture.region == (12, 12, 14, 14)
    pixels = picture_pixels(picture)
    assert pixels.tolist() == DIGITS["digits"][3]["pixels"]
    top, left, bottom, right = picture.region
    region = pixels[top: bottom + 1, left: right + 1]  # (3, 3)
    assert [[cell.text for cell in row] for row in inputs[0].cells] == [[str(v) for v in row] for row in region]
    assert first.operators[0] == "→" and picture.label == "Image · region 3×3"


def test_a_missing_zoom_centres_the_region_and_an_out_of_range_one_is_clamped_as_the_page_does():
    centred = story({**query_for(5, 12, 12), "zoom": ""}).scene(0).columns[0][0]
    assert centred.region == (12, 12, 14, 14)  # (28 − 3) // 2
    clamped = story({**query_for(5, 25, 25), "zoom": "40,-3"}).scene(0).columns[0][0]
    assert clamped.region == (25, 0, 27, 2)


@pytest.mark.parametrize("source", ["shape-circle", "shape-stripes", "photo-chelsea"])
def test_every_sample_exports_with_a_frame_per_step(client, source):
    response = client.get(f"/convolution.gif?in=1,2,3;4,5,6;7,8,9&k=1,1;0,2&src={source}&scale=1")
    assert response.status_code == 200, response.text
    assert len(frames(response.content)) == 4


def test_one_channel_shows_the_photo_in_grey_and_three_in_colour():
    grey = story({"in": "1,2;3,4", "k": "1", "src": "photo-chelsea"}).scene(0).columns[0][0]
    colour = story({"in": "1,2;3,4|1,2;3,4|1,2;3,4", "k": "1|1|1", "src": "photo-chelsea"}).scene(0).columns[0][0]
    rgb = np.asarray(Image.open(io.BytesIO(colour.png)).convert("RGB"), dtype=float)  # (H, W, 3)
    luma = np.round(rgb @ np.array([0.299, 0.587, 0.114]))
    assert np.array_equal(picture_pixels(grey), luma)
    assert max(grey.size) == 160 and grey.size == colour.size  # the page's working size


def test_the_svg_holds_the_picture_as_an_image(client):
    text = client.get("/convolution.svg?in=1,2;3,4&src=shape-square").text
    (data,) = re.findall(r'href="data:image/png;base64,([^"]+)"', text)
    square = np.asarray(Image.open(io.BytesIO(base64.b64decode(data))).convert("L"))
    assert square.shape == (48, 48) and square[24, 24] == 255 and square[2, 2] == 0
