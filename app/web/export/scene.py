"""What one frame shows, before any geometry or colour: grids of cells in columns, the operators
between the columns, the step's equation and its caption. Every page's view produces these; the
layout and the renderers know nothing else about a page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

# A cell's part in the step: plain, padding, under the window, the kernel, or an output cell that is
# done, being computed now ("current"), or not computed yet ("later", drawn empty); "unread": a cell of a
# channel that the step's filter does not read (grouped convolution), or a zero that a transposed convolution's
# direct view puts between the input's cells, drawn faded.
CellKind = Literal["plain", "pad", "window", "pad-window", "kernel", "done", "current", "later", "unread"]


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
    columns: tuple[tuple[Grid, ...], ...]  # left to right; each column's grids top to bottom
    operators: tuple[str | Operator, ...]  # between the columns: "⊙", "=", "→" …, or a sign with words
    equation: tuple[EquationLine, ...]
    caption: str  # e.g. "step 3 / 4"


class Story(Protocol):
    """The frames of an export, made on demand: one scene per step."""

    steps: int

    def scene(self, step: int) -> Scene:
        """step counts from 0."""
        ...
