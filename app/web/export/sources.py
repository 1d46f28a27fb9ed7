"""The /convolution page's image sources as pixels, for the picture beside an export of its region: the
sample digits (static/samples/digits.json), the drawn shapes (static/js/core/shapes.js) and the photo,
each as the page's images.js makes them (at most MAX_SIDE pixels a side, 0–255). The region's numbers
themselves come from the page's link (`in`), exactly as the page animated them."""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from . import page_query
from .scene import Picture

SAMPLES = Path(__file__).resolve().parents[3] / "static" / "samples"
MAX_SIDE = 160
SHAPE_SIDE = 48
SHAPES = ("circle", "square", "stripes", "checker", "diagonal")
PHOTOS = ("chelsea",)


def pixels(source: str) -> np.ndarray:
    """(H, W, 3) uint8 pixels of a sample id ("digit-3", "shape-circle", "photo-chelsea"); 422 for another."""
    kind, _, name = source.partition("-")
    if kind == "digit" and name.isdigit() and int(name) < len(_digits()):
        return np.repeat(_digits()[int(name)][:, :, None], 3, axis=2)
    if kind == "shape" and name in SHAPES:
        return np.asarray(_shape(name).convert("RGB"))
    if kind == "photo" and name in PHOTOS:
        return np.asarray(_photo(name))
    choices = f"digit-0 to digit-{len(_digits()) - 1}, " + ", ".join(f"shape-{s}" for s in SHAPES) + ", photo-chelsea"
    raise page_query.invalid("src", f'must be one of the page\'s samples ({choices}), got "{source}"')


@lru_cache(maxsize=1)
def _digits() -> list[np.ndarray]:
    """The sample digits, (28, 28) uint8 each."""
    data = json.loads((SAMPLES / "digits.json").read_text())
    return [np.asarray(digit["pixels"], dtype=np.uint8) for digit in data["digits"]]


def _shape(name: str) -> Image.Image:
    """White on black, sizes in sixths of the side, as shapes.js draws them."""
    s = SHAPE_SIDE
    cell = s / 6
    image = Image.new("L", (s, s), 0)
    pen = ImageDraw.Draw(image)
    if name == "circle":
        pen.ellipse((s * 0.2, s * 0.2, s * 0.8, s * 0.8), fill=255)
    elif name == "square":
        pen.rectangle((s * 0.25, s * 0.25, s * 0.75 - 1, s * 0.75 - 1), fill=255)
    elif name == "stripes":
        for k in range(6):
            pen.rectangle((k * cell, 0, k * cell + cell / 2 - 1, s - 1), fill=255)
    elif name == "checker":
        for row in range(6):
            for col in range(row % 2, 6, 2):
                pen.rectangle((col * cell, row * cell, (col + 1) * cell - 1, (row + 1) * cell - 1), fill=255)
    else:  # the lower right half, below the diagonal from the bottom left to the top right
        pen.polygon(((0, s), (s, 0), (s, s)), fill=255)
    return image


@lru_cache(maxsize=len(PHOTOS))
def _photo(name: str) -> Image.Image:
    with Image.open(SAMPLES / f"{name}.png") as photo:
        photo = photo.convert("RGB")
        scale = min(1.0, MAX_SIDE / max(photo.size))
        return photo.resize((max(1, round(photo.width * scale)), max(1, round(photo.height * scale))),
                            Image.Resampling.BILINEAR)


def region_picture(query: Mapping[str, str], shape: tuple[int, int, int], label: str) -> Picture | None:
    """The picture of the page's image source with its region framed, or None for typed numbers. shape: the
    region's (C, H, W), the input in the link; one channel shows the image in grey, as the page reads it."""
    source = query.get("src", "")
    if source in ("", "numbers"):
        return None
    if not query.get("in"):
        raise page_query.invalid("in", "an image source's view animates its region's numbers, which the page's "
                                       f"link holds in 'in' (src={source} without them)")
    image = pixels(source)  # (H, W, 3)
    channels, rows, cols = shape
    if channels == 1:  # ITU-R BT.601 luma, as images.js reads one channel
        grey = np.round(image @ np.array([0.299, 0.587, 0.114])).astype(np.uint8)
        image = np.repeat(grey[:, :, None], 3, axis=2)
    height, width = image.shape[:2]
    rows, cols = min(rows, height), min(cols, width)
    zoom = page_query.pair(query["zoom"], "zoom") if query.get("zoom") else None
    top, left = (zoom, zoom) if isinstance(zoom, int) else zoom or ((height - rows) // 2, (width - cols) // 2)
    top, left = max(0, min(height - rows, top)), max(0, min(width - cols, left))  # clamped as the page's
    out = io.BytesIO()
    Image.fromarray(image).save(out, "PNG")
    return Picture(label, out.getvalue(), (width, height), (top, left, top + rows - 1, left + cols - 1))
