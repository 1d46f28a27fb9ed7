"""Images in, MNIST-style arrays out: decode a PNG, JPEG, WebP or GIF, then prepare it as MNIST's digits were.

MNIST's recipe: white ink on black, the digit scaled to fit a 20×20 box (keeping its aspect),
then placed in a 28×28 field so that its centre of mass is at the centre.
"""

from __future__ import annotations

import io
import re

import numpy as np
from PIL import Image, UnidentifiedImageError

SIDE = 28
BOX = 20
INK = 0.1  # a pixel darker than this (after inversion: brighter) counts as ink when cropping


FORMATS = ("PNG", "JPEG", "WEBP", "GIF")  # Pillow's names; the Content-Types are image/png, ...
FORMAT_WORDS = "a PNG, JPEG, WebP or GIF image"
# Pillow refuses to decode images above twice this many pixels (a decompression bomb: a small
# file that unpacks to gigabytes). The API checks its own, smaller limit from the header first.
Image.MAX_IMAGE_PIXELS = 16 * 1024 * 1024


class ImageError(ValueError):
    """The bytes are not an image we can read."""


class ImageTooLarge(ImageError):
    """Pillow's bomb guard refused the image from its header; `pixels` is how many it declares."""

    def __init__(self, pixels: int):
        super().__init__(f"the image declares {pixels:,} pixels")
        self.pixels = pixels


def image_size(data: bytes) -> tuple[int, int]:
    """(width, height) from the header alone, before any pixel is decoded."""
    try:
        with Image.open(io.BytesIO(data), formats=FORMATS) as image:
            return image.size
    except Image.DecompressionBombError as error:
        declared = re.search(r"\((\d+) pixels\)", str(error))
        raise ImageTooLarge(int(declared.group(1)) if declared else 2 * Image.MAX_IMAGE_PIXELS + 1) from None
    except (UnidentifiedImageError, OSError):
        raise ImageError(f"the body is not {FORMAT_WORDS}") from None


def _on_paper(image: Image.Image) -> Image.Image:
    """The decoded image with its transparent pixels on white paper (a GIF's first frame)."""
    image.load()
    if image.mode in ("RGBA", "LA", "P"):
        paper = Image.new("RGBA", image.size, "white")
        return Image.alpha_composite(paper, image.convert("RGBA"))
    return image


def decode_grey(data: bytes) -> np.ndarray:
    """Image bytes -> grey levels in [0, 1]. -> (H, W); transparent pixels count as white paper.

    A GIF's first frame is the image.
    """
    try:
        with Image.open(io.BytesIO(data), formats=FORMATS) as opened:
            grey = np.asarray(_on_paper(opened).convert("L"), dtype=np.float64) / 255.0
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError) as error:
        raise ImageError(f"the image cannot be decoded ({error})") from None
    return grey


def decode_fitted(data: bytes, channels: int, height: int, width: int) -> np.ndarray:
    """Image bytes -> what an image model takes: its shorter side scaled to the model's (bilinear, with
    antialiasing, as torchvision's Resize), the middle cut out (CenterCrop), values in [0, 1].
    channels: 3 (RGB) or 1 (grey); transparent pixels count as white. -> (channels, height, width)
    """
    try:
        with Image.open(io.BytesIO(data), formats=FORMATS) as opened:
            image = _on_paper(opened).convert("RGB" if channels == 3 else "L")
            scale = max(height / image.height, width / image.width)
            size = (max(width, round(image.width * scale)), max(height, round(image.height * scale)))
            image = image.resize(size, Image.Resampling.BILINEAR, reducing_gap=None)
            left, top = (size[0] - width) // 2, (size[1] - height) // 2
            image = image.crop((left, top, left + width, top + height))
            pixels = np.asarray(image, dtype=np.float32) / 255.0  # (H, W, 3) or (H, W)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError) as error:
        raise ImageError(f"the image cannot be decoded ({error})") from None
    return pixels.transpose(2, 0, 1) if pixels.ndim == 3 else pixels[None]


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
