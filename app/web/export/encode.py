"""Files of rendered frames: a still PNG, and animations as GIF, APNG or WebP.

The animations share one 256-colour palette: the pictures are flat colours plus the shades of
anti-aliased text, which 256 colours hold, and palette frames made every encoder several times faster
and take a third of the memory of RGB ones (bench/README.md has the numbers).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from PIL import Image

from .raster import Box
from .themes import RGB


@dataclass(frozen=True)
class Format:
    extension: str
    media_type: str
    animated: bool


FORMATS = {f.extension: f for f in (
    Format("gif", "image/gif", True),
    Format("apng", "image/apng", True),
    Format("webp", "image/webp", True),
    Format("png", "image/png", False),
    Format("svg", "image/svg+xml", False),
)}


def still_png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


KEY_COLOURS = 160  # at most this many of the palette's 256 colours are the drawing's own
NEAR = 6  # a shade within this of a drawn colour (each channel) is that colour


def animation(frames: Iterable[tuple[Image.Image, list[Box] | None]], palette: Image.Image, extension: str,
              fps: float, plays: int) -> bytes:
    """frames: each with the boxes where it differs from the one before (raster.frames), taken one at a
    time and kept only in the palette's colours (a byte a pixel); plays: how many times the
    animation runs, 0 = forever."""
    indexed = _indexed(frames, palette)
    duration = round(1000 / fps)  # milliseconds a frame
    out = io.BytesIO()
    first, rest = indexed[0], indexed[1:]
    if extension == "gif":
        # GIF counts the repeats after the first run, and no count at all means one run
        repeats = {} if plays == 1 else {"loop": 0 if plays == 0 else plays - 1}
        first.save(out, "GIF", save_all=True, append_images=rest, duration=duration, **repeats)
    elif extension == "apng":
        first.save(out, "PNG", save_all=True, append_images=rest, duration=duration, loop=plays,
                   default_image=False, compress_level=6)
    elif extension == "webp":  # Pillow turns each frame back to RGB as it adds it; lossless WebP finds the palette
        first.save(out, "WEBP", save_all=True, append_images=rest, duration=duration, loop=plays,
                   lossless=True, method=2, quality=0)
    else:
        raise ValueError(f"not an animation format: {extension}")
    return out.getvalue()


def _indexed(frames: Iterable[tuple[Image.Image, list[Box] | None]], palette: Image.Image) -> list[Image.Image]:
    """The frames in the palette's colours; after the first, only the boxes that changed are matched."""
    indexed: list[Image.Image] = []
    for image, boxes in frames:
        if boxes is None or not indexed:
            indexed.append(image.quantize(palette=palette, dither=Image.Dither.NONE))
            continue
        frame = indexed[-1].copy()
        for box in boxes:
            frame.paste(image.crop(box).quantize(palette=palette, dither=Image.Dither.NONE), box[:2])
        indexed.append(frame)
    return indexed


def shared_palette(samples: list[Image.Image], colours: list[RGB]) -> Image.Image:
    """256 colours for every frame: the drawn colours exactly (the most used first), then shades found in
    the sample frames (the first, middle and last)."""
    exact = list(dict.fromkeys(colours))[:KEY_COLOURS]
    width, height = samples[0].size
    strip = Image.new("RGB", (width * len(samples), height))
    for index, frame in enumerate(samples):
        strip.paste(frame, (index * width, 0))
    found = strip.quantize(colors=256 - len(exact), method=Image.Quantize.FASTOCTREE).getpalette() or []
    shades = np.array(found[:3 * (256 - len(exact))], dtype=int).reshape(-1, 3)  # (N, 3)
    # Pillow's colour matching takes a near colour over an exact one when both are in the palette
    # (white came out as 254, 254, 254): shades that close to a drawn colour are left out.
    if exact and len(shades):
        distance = np.abs(shades[:, None, :] - np.array(exact)[None, :, :]).max(axis=2)  # (N, exact)
        shades = shades[distance.min(axis=1) > NEAR]
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for colour in exact for channel in colour] + shades.ravel().tolist())
    return palette
