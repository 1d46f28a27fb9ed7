"""What the renderers draw: a frame as a list of primitives in pixels, colours resolved. The raster
renderer (Pillow) and the SVG writer draw exactly these, so the two files show the same picture."""

from __future__ import annotations

from dataclasses import dataclass

from .themes import RGB


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: RGB | None
    stroke: RGB | None = None
    width: float = 0
    dashed: bool = False
    radius: float = 0


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: RGB
    width: float


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: RGB | None
    stroke: RGB | None = None
    width: float = 0


@dataclass(frozen=True)
class Text:
    """anchor as Pillow's: "lm" (left, middle), "mm" (centre) or "rm" (right, middle) of (x, y)."""

    x: float
    y: float
    text: str
    role: str  # a font role of fonts.FILES
    size: int  # pixels
    fill: RGB
    anchor: str = "mm"


@dataclass(frozen=True)
class TextRow:
    """One line of reading text made of runs (e.g. an equation and its highlighted answer): SVG keeps it
    one text element, so that it reads and copies as one line."""

    runs: tuple[Text, ...]


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    background: RGB
    items: tuple[Rect | Line | Circle | Text | TextRow, ...]
