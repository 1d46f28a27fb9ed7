"""Coverage, as the pages shade it (static/js/core/coverage.js): how many input cells add into each
output cell, in a few steps from light (few) to dark (many), with the count printed in the cell too,
so that nothing is told by colour alone."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ... import engine
from .scene import Cell

SHADES = 4


def counts(trace: engine.ConvTransposeTrace) -> np.ndarray:
    """(OH, OW): the kept products that land on each output cell, one per input cell reaching it."""
    _, oh, ow = trace.output.shape
    rows = np.broadcast_to(trace.rows[:, :, None], trace.kept.shape)[trace.kept]  # (kept,)
    cols = np.broadcast_to(trace.cols[:, None, :], trace.kept.shape)[trace.kept]  # (kept,)
    found = np.zeros((oh, ow), dtype=int)
    np.add.at(found, (rows, cols), 1)
    return found


def shades(found: np.ndarray) -> np.ndarray:
    """0 for a cell no input cell reaches, else 1..SHADES in proportion to the most-reached cell's count."""
    most = max(int(found.max(initial=0)), 1)
    return np.where(found > 0, np.maximum(1, np.ceil(SHADES * found / most)), 0).astype(int)


def covered(cell: Cell, count: int, shade: int) -> Cell:
    """An output cell with its count: shaded unless it is the one being computed now or a partial sum
    (the page keeps those plain, so that they stand out), the count in its corner unless the corner
    holds the product being added."""
    tinted = cell.kind in ("done", "later")
    return replace(cell, badge=cell.badge or str(count), shade=shade if tinted else None)
