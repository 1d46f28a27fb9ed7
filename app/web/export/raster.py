"""A drawing as a Pillow image: the frames of the PNG, GIF, APNG and WebP files."""

from __future__ import annotations

import math
from functools import lru_cache

from PIL import Image, ImageDraw

from .drawing import Circle, Drawing, Line, Rect, Text, TextRow
from .fonts import FontSet

DASH, GAP = 5, 4  # a dashed border's pattern, in layout units


def raster(drawing: Drawing, fonts: FontSet, scale: int) -> Image.Image:
    image = Image.new("RGB", (drawing.width, drawing.height), drawing.background)
    pen = ImageDraw.Draw(image)
    for item in drawing.items:
        for part in item.runs if isinstance(item, TextRow) else (item,):
            _draw(image, pen, part, fonts, scale)
    return image


def _draw(image: Image.Image, pen: ImageDraw.ImageDraw, item, fonts: FontSet, scale: int) -> None:
    if isinstance(item, Rect):
        box = (item.x, item.y, item.x + item.w, item.y + item.h)
        width = round(item.width)
        if item.dashed:
            pen.rectangle(box, fill=item.fill)
            _dashed_box(pen, box, item.stroke, width, scale)
        elif item.radius:
            pen.rounded_rectangle(box, radius=item.radius, fill=item.fill, outline=item.stroke, width=width)
        else:
            pen.rectangle(box, fill=item.fill, outline=item.stroke, width=width)
    elif isinstance(item, Line):
        pen.line((item.x1, item.y1, item.x2, item.y2), fill=item.stroke, width=round(item.width))
    elif isinstance(item, Circle):
        box = (item.cx - item.r, item.cy - item.r, item.cx + item.r, item.cy + item.r)
        pen.ellipse(box, fill=item.fill, outline=item.stroke, width=round(item.width))
    elif isinstance(item, Text):
        (left, top), mask = _glyphs(fonts.font(item.role, item.size), item.text, item.anchor)
        image.paste(item.fill, (round(item.x) + left, round(item.y) + top), mask)


@lru_cache(maxsize=4096)
def _glyphs(font, text: str, anchor: str) -> tuple[tuple[int, int], Image.Image]:
    """A text's coverage mask and where it sits from its anchor point, rendered once: an export draws
    the same numbers in frame after frame, and FreeType's rendering was most of a frame's time."""
    left, top, right, bottom = font.getbbox(text, anchor=anchor)
    mask = Image.new("L", (max(1, right - left), max(1, bottom - top)))
    ImageDraw.Draw(mask).text((-left, -top), text, fill=255, font=font, anchor=anchor)
    return (left, top), mask


def _dashed_box(pen: ImageDraw.ImageDraw, box, colour, width: int, scale: int) -> None:
    left, top, right, bottom = box
    for x1, y1, x2, y2 in ((left, top, right, top), (right, top, right, bottom), (left, bottom, right, bottom),
                           (left, top, left, bottom)):
        length = math.hypot(x2 - x1, y2 - y1)
        dash, step = DASH * scale, (DASH + GAP) * scale
        start = 0.0
        while start < length:
            end = min(start + dash, length)
            a, b = start / length, end / length
            pen.line((x1 + (x2 - x1) * a, y1 + (y2 - y1) * a, x1 + (x2 - x1) * b, y1 + (y2 - y1) * b),
                     fill=colour, width=width)
            start += step
