"""The /transposed page's direct view (static/js/pages/transposed/direct.js): the same output as a
stride-1 convolution of the zero-stuffed, bordered input with the kernel turned 180°. The engine's
convolution trace over that input (mode "convolution" turns the kernel, as the page asks the API to)
gives every number; this draws its grids and one output cell's sum."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ... import engine
from .labels import Labels
from .numbers import fmt, texts
from .scene import Cell, CellKind, EquationLine, Grid
from .stuffing import Stuffed, stuffed


class DirectView:
    def __init__(self, x: np.ndarray, kernel: np.ndarray, geometry: engine.TransposeGeometry, labels: Labels):
        """x: (H, W); kernel: (KH, KW) as given; geometry: the transposed convolution's."""
        self.labels = labels
        self.input: Stuffed = stuffed(x, kernel.shape, geometry.stride, geometry.padding, geometry.output_padding,
                                      geometry.dilation)
        self.trace = engine.conv_trace(self.input.values[None], kernel[None, None], None,
                                       dilation=geometry.dilation, mode="convolution")
        self.out = geometry.out  # (OH, OW): the convolution's output is the transposed one's, cell for cell
        self.turned = self.trace.kernel[0, 0]  # (KH, KW) turned 180° by the engine
        self.plain = self._plain()

    def _plain(self) -> tuple[tuple[Cell, ...], ...]:
        """The stuffed input without a window: the border as padding, the zeros put between the input's
        cells faded (as the page's pale "stuffed" cells), the input's own cells as they are."""
        source, written = self.input, texts(self.input.values)  # (SH, SW) texts

        def kind(r: int, q: int) -> CellKind:
            if source.border(r, q):
                return "pad"
            return "plain" if source.rows[r] >= 0 and source.cols[q] >= 0 else "unread"

        return tuple(tuple(Cell(text, kind(r, q)) for q, text in enumerate(row)) for r, row in enumerate(written))

    def step(self, cell: tuple[int, int]) -> int:
        """The convolution's step for output cell (r, c): its steps run row by row over the output."""
        return cell[0] * self.out[1] + cell[1]

    def value(self, cell: tuple[int, int]) -> float:
        return float(self.trace.value[self.step(cell)])

    def stuffed_grid(self, cell: tuple[int, int], ringed: tuple[int, int] | None = None) -> Grid:
        """The stuffed input with output cell `cell`'s window, each cell in it badged with the turned
        kernel's weight; ringed: the input cell (i, j) to ring, the scatter's current one seen from here."""
        d = self.step(cell)
        rows, cols = [int(r) for r in self.trace.rows[d]], [int(q) for q in self.trace.cols[d]]
        cells = [list(row) for row in self.plain]
        for m, r in enumerate(rows):
            for n, q in enumerate(cols):
                old = cells[r][q]
                cells[r][q] = Cell(old.text, "pad-window" if old.kind == "pad" else "window",
                                   f"\u00d7{fmt(self.turned[m, n])}")
        if ringed is not None:
            r, q = (int(np.flatnonzero(axis == at)[0]) for axis, at in zip((self.input.rows, self.input.cols), ringed,
                                                                           strict=True))
            cells[r][q] = replace(cells[r][q], marked=True)
        return Grid(self.labels("page.grid.stuffed"), tuple(tuple(row) for row in cells),
                    (rows[0], cols[0], rows[-1], cols[-1]))

    def turned_grid(self) -> Grid:
        return Grid(self.labels("page.grid.turned"), tuple(tuple(Cell(fmt(w), "kernel") for w in row)
                                                           for row in self.turned))

    def equation(self, cell: tuple[int, int], final: bool = True) -> EquationLine:
        """As the page's: the window's products of non-zero input values, a kernel row a group, then the
        zeros counted ("8 × 0") rather than written out."""
        d = self.step(cell)
        values = self.trace.values[d, 0]  # (KH, KW) the stuffed input under the window
        groups = tuple(tuple(f"({fmt(v)}\u00d7{fmt(w)})" for v, w in zip(vs, ws, strict=True) if v != 0)
                       for vs, ws in zip(values, self.turned, strict=True))
        zeros = int(np.count_nonzero(values == 0))
        groups = tuple(group for group in groups if group)
        if zeros:
            groups += ((self.labels("page.direct.zeros", n=zeros),),)
        return EquationLine(groups, fmt(self.value(cell)), self.labels("page.direct.cell", r=cell[0], c=cell[1]),
                            final=final)
