"""What the renderers draw: a frame as a list of primitives in pixels, colours resolved. The raster
renderer (Pillow) and the SVG writer draw exactly these, so the two files show the same picture."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
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
class Path:
    """A polyline (a curve of a plot), or with `fill` a closed polygon (the area under a curve)."""

    points: tuple[tuple[float, float], ...]
    stroke: RGB | None
    width: float
    fill: RGB | None = None
    dashed: bool = False


@dataclass(frozen=True)
class Bitmap:
    """A PNG's pixels stretched over the box, each a sharp square (no smoothing)."""

    x: float
    y: float
    w: float
    h: float
    png: bytes


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
class Group:
    """Primitives that belong together, e.g. a cell's square, number and badge: the layout makes a group
    once and hands out the same object for as long as it looks the same, and frames are compared
    group by group."""

    items: tuple[Rect | Line | Path | Circle | Bitmap | Text | TextRow, ...]


Shape = Rect | Line | Path | Circle | Bitmap | Text | TextRow


def ungrouped(items: Iterable[Shape | Group]) -> Iterator[Shape]:
    for item in items:
        if isinstance(item, Group):
            yield from item.items
        else:
            yield item


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    background: RGB
    items: tuple[Shape | Group, ...]

    def colours(self) -> list[RGB]:
        """Every colour drawn, those that cover most first (roughly: text counts by its size)."""
        area: Counter[RGB] = Counter({self.background: self.width * self.height})
        for item in ungrouped(self.items):
            for part in item.runs if isinstance(item, TextRow) else (item,):
                if isinstance(part, Rect):
                    area.update({part.fill: part.w * part.h} if part.fill else {})
                    area.update({part.stroke: 2 * (part.w + part.h) * part.width} if part.stroke else {})
                elif isinstance(part, Text):
                    area[part.fill] += part.size * part.size * len(part.text) / 4
                elif isinstance(part, Line):
                    area[part.stroke] += abs(part.x2 - part.x1 + part.y2 - part.y1) * part.width
                elif isinstance(part, Path):
                    xs, ys = [x for x, _ in part.points], [y for _, y in part.points]
                    length = max(xs) - min(xs) + max(ys) - min(ys)
                    area.update({part.stroke: length * part.width} if part.stroke else {})
                    area.update({part.fill: length * (max(ys) - min(ys)) / 2} if part.fill else {})
                elif isinstance(part, Circle):
                    area.update({colour: part.r * part.r for colour in (part.fill, part.stroke) if colour})
        return [colour for colour, _ in area.most_common()]
