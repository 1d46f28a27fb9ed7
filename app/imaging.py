"""Images in, MNIST-style arrays out: decode a PNG/JPEG, then prepare it as MNIST's digits were.

MNIST's recipe: white ink on black, the digit scaled to fit a 20×20 box (keeping its aspect),
then placed in a 28×28 field so that its centre of mass is at the centre.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, UnidentifiedImageError

SIDE = 28
BOX = 20
INK = 0.1  # a pixel darker than this (after inversion: brighter) counts as ink when cropping


class ImageError(ValueError):
    """The bytes are not a PNG or JPEG we can read."""


def image_size(data: bytes) -> tuple[int, int]:
    """(width, height) from the header alone, before any pixel is decoded."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in ("PNG", "JPEG"):
                raise ImageError(f"the image is {image.format}, not PNG or JPEG")
            return image.size
    except UnidentifiedImageError:
        raise ImageError("the body is not a PNG or JPEG image") from None


def decode_grey(data: bytes) -> np.ndarray:
    """PNG/JPEG bytes -> grey levels in [0, 1]. -> (H, W); transparent pixels count as white paper."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            if image.mode in ("RGBA", "LA", "P"):
                paper = Image.new("RGBA", image.size, "white")
                image = Image.alpha_composite(paper, image.convert("RGBA"))
            grey = np.asarray(image.convert("L"), dtype=np.float64) / 255.0
    except (UnidentifiedImageError, OSError) as error:
        raise ImageError(f"the image cannot be decoded ({error})") from None
    return grey


def _resize(grey: np.ndarray, height: int, width: int) -> np.ndarray:
    """Area-averaging resize (anti-aliased). (H, W) -> (height, width)"""
    image = Image.fromarray(np.clip(grey * 255.0, 0, 255).astype(np.float32), mode="F")
    return np.asarray(image.resize((width, height), Image.Resampling.BOX), dtype=np.float64) / 255.0


def mnist_like(grey: np.ndarray) -> np.ndarray:
    """Any grey image (values in [0, 1]) -> a 28×28 MNIST-style digit in [0, 1]. (H, W) -> (28, 28)

    Dark ink on light paper is inverted (MNIST is light on dark); the ink's bounding box is
    scaled to fit 20×20; the result is shifted so its centre of mass sits at the centre.
    """
    ink = 1.0 - grey if grey.mean() > 0.5 else grey.copy()
    rows, cols = np.nonzero(ink > INK)
    if rows.size == 0:
        return np.zeros((SIDE, SIDE))
    crop = ink[rows.min():rows.max() + 1, cols.min():cols.max() + 1]  # (h, w)
    scale = BOX / max(crop.shape)
    h, w = max(1, round(crop.shape[0] * scale)), max(1, round(crop.shape[1] * scale))
    digit = np.clip(_resize(crop, h, w), 0.0, 1.0)  # (h, w), fits in 20×20
    field = np.zeros((SIDE, SIDE))
    top, left = (SIDE - h) // 2, (SIDE - w) // 2
    field[top:top + h, left:left + w] = digit
    mass = field.sum()
    r, c = np.indices(field.shape)
    shift_r = int(round(SIDE / 2 - 0.5 - (r * field).sum() / mass))
    shift_c = int(round(SIDE / 2 - 0.5 - (c * field).sum() / mass))
    # keep the whole digit inside the field while moving its centre of mass to the middle
    shift_r = int(np.clip(shift_r, -top, SIDE - top - h))
    shift_c = int(np.clip(shift_c, -left, SIDE - left - w))
    return np.roll(field, (shift_r, shift_c), axis=(0, 1))
