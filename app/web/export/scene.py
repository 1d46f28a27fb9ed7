"""What one frame shows, before any geometry or colour: grids of cells in columns, the operators
between the columns, the step's equation and its caption. Every page's view produces these; the
layout and the renderers know nothing else about a page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

# A cell's part in the step: plain, padding, under the window, the kernel, or an output cell that is
# done, being computed now ("current"), or not computed yet ("later", drawn empty); "unread": a cell of a
# channel that the step's filter does not read (grouped convolution), or a zero that a transposed convolution's
# direct view puts between the input's cells, drawn faded; "blank": no cell at all (a row that is shorter than
# the rows it lines up with).
CellKind = Literal["plain", "pad", "window", "pad-window", "kernel", "done", "current", "later", "unread", "blank"]


@dataclass(frozen=True)
class Cell:
    text: str
    kind: CellKind = "plain"
    badge: str = ""  # small corner text, e.g. "×2": the kernel weight that multiplies this cell
    level: float | None = None  # position on the grid's colour scale, 0..1 (done output cells)
    marked: bool = False  # the cell the step singles out (max pooling's winner): ringed, in bold
    shade: int | None = None  # a step 0..4 of the theme's count scale (coverage), in place of the kind's fill


@dataclass(frozen=True)
class Grid:
    label: str
    cells: tuple[tuple[Cell, ...], ...]  # rows
    window: tuple[int, int, int, int] | None = None  # (top, left, bottom, right) cells framed, inclusive
    signed: bool = False  # the colour scale is diverging (values of both signs)


@dataclass(frozen=True)
class Curve:
    """A polyline through (xs[k], ys[k]) in the plot's units, in a colour role of the theme; `area` shades
    the region between it and y = 0 too."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    role: str
    area: bool = False
    dashed: bool = False


@dataclass(frozen=True)
class Strip:
    """A bar from x0 to x1 between y = 0 and y: one sample of a Riemann sum."""

    x0: float
    x1: float
    y: float


@dataclass(frozen=True)
class Dot:
    """A marked point, with its value written beside it; `guides`: dashed lines to both axes, with the
    coordinates written on them (the activation page's cell on its curve)."""

    x: float
    y: float
    role: str
    text: str = ""
    guides: bool = False


@dataclass(frozen=True)
class Plot:
    """A chart over fixed ranges: grid lines and ticks, curves, strips, dots, and a dashed cursor at x = `cursor`
    with its label at the top; `note` is written at the top right (e.g. "area = 0.5")."""

    label: str
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    x_name: str
    curves: tuple[Curve, ...] = ()
    strips: tuple[Strip, ...] = ()
    dots: tuple[Dot, ...] = ()
    cursor: float | None = None
    cursor_label: str = ""
    note: str = ""
    keys: tuple[tuple[str, str], ...] = ()  # (words, colour role): the legend, on the label's line at the right
    x_ticks: float = 1.0  # the spacing of the x-axis ticks
    width: int = 600  # layout units, the frame around the axes' labels included
    height: int = 150  # the chart with its tick labels (0: as tall as the tallest other column); a legend adds a row


@dataclass(frozen=True)
class Picture:
    """An image (the page's image source) with the region the grids show framed: `png` holds its pixels,
    drawn one square a pixel so that the longer side is `side` layout units."""

    label: str
    png: bytes
    size: tuple[int, int]  # (width, height) in pixels
    region: tuple[int, int, int, int]  # (top, left, bottom, right) pixels framed, inclusive
    side: int = 220

    @property
    def extent(self) -> tuple[int, int]:
        """(height, width) in layout units."""
        width, height = self.size
        pixel = self.side / max(width, height)
        return round(height * pixel), round(width * pixel)


@dataclass(frozen=True)
class EquationLine:
    """label: opening, the terms joined by the separator, closing, then " = result": a sum of products
    (1×1) + (2×1) = 3, or max(1, 3) = 3, or (1 + 3) ÷ 2 = 2. Terms come in groups (a kernel row each)
    so a long line can break between rows."""

    groups: tuple[tuple[str, ...], ...]
    result: str
    label: str = ""
    final: bool = True  # the result is the step's answer (highlighted), not a partial sum
    opening: str = ""
    separator: str = " + "
    closing: str = ""


@dataclass(frozen=True)
class Operator:
    """A sign between two columns with words above and below it, as the pooling page's
    "max / → / 2×2 window, stride 2×2"."""

    sign: str
    above: str = ""
    below: tuple[str, ...] = ()  # lines


@dataclass(frozen=True)
class Scene:
    columns: tuple[tuple[Grid | Plot | Picture, ...], ...]  # left to right; each column's parts top to bottom
    operators: tuple[str | Operator, ...]  # between the columns: "⊙", "=", "→" …, or a sign with words
    equation: tuple[EquationLine, ...]
    caption: str  # e.g. "step 3 / 4"


class Story(Protocol):
    """The frames of an export, made on demand: one scene per step."""

    steps: int

    def scene(self, step: int) -> Scene:
        """step counts from 0."""
        ...
