"""Drawings as Pillow images: the still PNG, and the frames of the GIF, APNG and WebP files.

An animation's frames differ in a few places (the window, an output cell, the equation): each frame
after the first is the one before, painted again only inside the boxes of the items that changed.
The layout hands out the same objects (a cell's Group) for what looks the same from frame to frame,
so finding the changes costs about an identity test per item.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import pairwise

from PIL import Image, ImageDraw

from .drawing import Bitmap, Circle, Drawing, Line, Path, Rect, Text, TextRow, ungrouped
from .fonts import FontSet

DASH, GAP = 5, 4  # a dashed border's pattern, in layout units
BLEED = 2  # pixels around a shape that its anti-aliasing may touch
Box = tuple[int, int, int, int]  # left, top, right, bottom (exclusive)
Primitive = Rect | Line | Path | Circle | Bitmap | Text


def raster(drawing: Drawing, fonts: FontSet, scale: int) -> Image.Image:
    image = Image.new("RGB", (drawing.width, drawing.height), drawing.background)
    pen = ImageDraw.Draw(image)
    for item in _primitives(drawing.items):
        _draw(image, pen, item, fonts, scale, (0, 0))
    return image


def frames(drawings: Sequence[Drawing], fonts: FontSet, scale: int) -> Iterator[tuple[Image.Image, list[Box] | None]]:
    """Each drawing as an image, with the boxes where it differs from the one before (None: everywhere)."""
    bounds: dict[int, Box] = {}  # by id: the drawings, held by the caller, keep every item alive

    def bound(item) -> Box:
        key = id(item)
        if key not in bounds:
            bounds[key] = _union([_bounds(part, fonts) for part in _primitives((item,))])
        return bounds[key]

    image, before = None, ()
    for drawing in drawings:
        if image is None or len(drawing.items) != len(before):
            image, boxes = raster(drawing, fonts, scale), None
        else:
            changed = [box for old, new in zip(before, drawing.items, strict=True) if old is not new and old != new
                       for box in (bound(old), bound(new))]
            boxes = [_clipped(box, drawing) for box in _merged(changed)]
            image = image.copy()
            for box in boxes:
                image.paste(_tile(drawing, box, bound, fonts, scale), box[:2])
        yield image, boxes
        before = drawing.items


def _tile(drawing: Drawing, box: Box, bound, fonts: FontSet, scale: int) -> Image.Image:
    """The part of the drawing inside box: every item that reaches into it, drawn in order."""
    left, top, right, bottom = box
    tile = Image.new("RGB", (right - left, bottom - top), drawing.background)
    pen = ImageDraw.Draw(tile)
    for item in drawing.items:
        a, b, c, d = bound(item)
        if a < right and c > left and b < bottom and d > top:
            for part in _primitives((item,)):
                _draw(tile, pen, part, fonts, scale, (left, top))
    return tile


def _union(boxes: list[Box]) -> Box:
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def _merged(boxes: list[Box]) -> list[Box]:
    """Overlapping boxes as one, until none overlap: fewer, larger tiles draw faster than many small ones."""
    merged: list[Box] = []
    for box in boxes:
        for index, other in enumerate(merged):
            if box[0] <= other[2] and other[0] <= box[2] and box[1] <= other[3] and other[1] <= box[3]:
                merged[index] = (min(box[0], other[0]), min(box[1], other[1]), max(box[2], other[2]),
                                 max(box[3], other[3]))
                break
        else:
            merged.append(box)
    return merged if len(merged) == len(boxes) else _merged(merged)


def _clipped(box: Box, drawing: Drawing) -> Box:
    return max(0, box[0]), max(0, box[1]), min(drawing.width, box[2]), min(drawing.height, box[3])


def _primitives(items) -> Iterator[Primitive]:
    for item in ungrouped(items):
        yield from item.runs if isinstance(item, TextRow) else (item,)


def _bounds(item: Primitive, fonts: FontSet) -> Box:
    """The pixels an item may touch, anti-aliasing included."""
    if isinstance(item, Text):
        (left, top), mask = _glyphs(fonts.font(item.role, item.size), item.text, item.anchor)
        x, y = round(item.x) + left, round(item.y) + top
        return x - BLEED, y - BLEED, x + mask.width + BLEED, y + mask.height + BLEED
    if isinstance(item, Bitmap):
        return math.floor(item.x), math.floor(item.y), math.ceil(item.x + item.w), math.ceil(item.y + item.h)
    if isinstance(item, Rect):
        left, top, right, bottom = item.x, item.y, item.x + item.w, item.y + item.h
    elif isinstance(item, Line):
        (left, right), (top, bottom) = sorted((item.x1, item.x2)), sorted((item.y1, item.y2))
    elif isinstance(item, Path):
        xs, ys = [x for x, _ in item.points], [y for _, y in item.points]
        left, top, right, bottom = min(xs), min(ys), max(xs), max(ys)
    else:
        left, top, right, bottom = item.cx - item.r, item.cy - item.r, item.cx + item.r, item.cy + item.r
    reach = item.width + BLEED
    return math.floor(left - reach), math.floor(top - reach), math.ceil(right + reach), math.ceil(bottom + reach)


def _draw(image: Image.Image, pen: ImageDraw.ImageDraw, item: Primitive, fonts: FontSet, scale: int,
          origin: tuple[int, int]) -> None:
    """item drawn on image, whose top left corner is at origin of the whole picture."""
    ox, oy = origin
    if isinstance(item, Rect):
        box = (item.x - ox, item.y - oy, item.x + item.w - ox, item.y + item.h - oy)
        width = round(item.width)
        if item.dashed:
            pen.rectangle(box, fill=item.fill)
            _dashed_box(pen, box, item.stroke, width, scale)
        elif item.radius:
            pen.rounded_rectangle(box, radius=item.radius, fill=item.fill, outline=item.stroke, width=width)
        else:
            pen.rectangle(box, fill=item.fill, outline=item.stroke, width=width)
    elif isinstance(item, Line):
        pen.line((item.x1 - ox, item.y1 - oy, item.x2 - ox, item.y2 - oy), fill=item.stroke, width=round(item.width))
    elif isinstance(item, Path):
        points = [(x - ox, y - oy) for x, y in item.points]
        if item.fill:
            pen.polygon(points, fill=item.fill)
        if item.stroke and item.dashed:
            _dashed(pen, points, item.stroke, round(item.width), scale)
        elif item.stroke:
            pen.line(points, fill=item.stroke, width=round(item.width), joint="curve")
    elif isinstance(item, Circle):
        box = (item.cx - item.r - ox, item.cy - item.r - oy, item.cx + item.r - ox, item.cy + item.r - oy)
        pen.ellipse(box, fill=item.fill, outline=item.stroke, width=round(item.width))
    elif isinstance(item, Bitmap):
        image.paste(_stretched(item.png, round(item.w), round(item.h)), (round(item.x) - ox, round(item.y) - oy))
    elif isinstance(item, Text):
        (left, top), mask = _glyphs(fonts.font(item.role, item.size), item.text, item.anchor)
        image.paste(item.fill, (round(item.x) + left - ox, round(item.y) + top - oy), mask)


@lru_cache(maxsize=8)
def _stretched(png: bytes, width: int, height: int) -> Image.Image:
    with Image.open(io.BytesIO(png)) as picture:
        return picture.convert("RGB").resize((width, height), Image.Resampling.NEAREST)


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
    for segment in ((left, top, right, top), (right, top, right, bottom), (left, bottom, right, bottom),
                    (left, top, left, bottom)):
        _dashed_segment(pen, segment, colour, width, scale)


def _dashed(pen: ImageDraw.ImageDraw, points, colour, width: int, scale: int) -> None:
    """A dashed polyline; each segment starts with a dash."""
    for (x1, y1), (x2, y2) in pairwise(points):
        _dashed_segment(pen, (x1, y1, x2, y2), colour, width, scale)


def _dashed_segment(pen: ImageDraw.ImageDraw, segment, colour, width: int, scale: int) -> None:
    x1, y1, x2, y2 = segment
    length = math.hypot(x2 - x1, y2 - y1)
    dash, step = DASH * scale, (DASH + GAP) * scale
    start = 0.0
    while start < length:
        end = min(start + dash, length)
        a, b = start / length, end / length
        pen.line((x1 + (x2 - x1) * a, y1 + (y2 - y1) * a, x1 + (x2 - x1) * b, y1 + (y2 - y1) * b),
                 fill=colour, width=width)
        start += step
