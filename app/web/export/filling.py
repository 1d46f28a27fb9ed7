"""An output grid as the explorers show it at one step: the cells computed before it in the colour of
their value, the one computed now highlighted, the rest still empty. Each page computes its outputs
grid by grid, each row by row, so step g·OH·OW + i·OW + j computes cell (i, j) of grid g."""

from __future__ import annotations

import numpy as np

from .numbers import texts
from .scene import Cell, Grid


class Filling:
    def __init__(self, output: np.ndarray):
        """output: (G, OH, OW), one grid per filter or channel, finite."""
        self.shape = output.shape
        self.texts = texts(output)  # formatted once for every step
        low, high = float(output.min()), float(output.max())
        self.signed = low < 0  # a diverging scale around 0, as the pages' colormap.js picks
        bound = max(abs(low), abs(high)) or 1.0
        self.levels = (output / bound + 1) / 2 if self.signed else (output - low) / ((high - low) or 1.0)

    def grid(self, label: str, g: int, step: int) -> Grid:
        """Grid g as it is at `step` (from 0)."""
        _, oh, ow = self.shape

        def cell(i: int, j: int) -> Cell:
            at = g * oh * ow + i * ow + j
            if at > step:
                return Cell("", "later")
            return Cell(self.texts[g][i][j], "current" if at == step else "done", level=float(self.levels[g, i, j]))

        return Grid(label, tuple(tuple(cell(i, j) for j in range(ow)) for i in range(oh)), signed=self.signed)
