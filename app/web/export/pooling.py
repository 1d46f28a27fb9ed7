"""The /pooling page's view as scenes: its query (static/js/pages/pooling/state.js) read into the API's
PoolRequest, checked by the API's limits, and each step of the engine's trace drawn as the page draws
it: the window on the padded input (−∞ padding for max), the winner tagged, the output filling in, and
the step's arithmetic as the page's equation.js writes it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from ... import engine
from ...api.deps import ensure_finite, finite_results
from ...api.errors import ClientError
from ...api.routes import pool
from ...api.schemas.pool import PoolRequest
from ...settings import Settings
from . import page_query
from .filling import Filling
from .labels import Labels, joined
from .numbers import fmt, texts
from .scene import Cell, EquationLine, Grid, Operator, Scene

PAGE = "pooling"
# The page's query field for each request field, so that an error names what the URL holds.
QUERY_NAMES = {"input": "in", "kind": "kind", "size": "size", "stride": "stride", "padding": "pad"}
KINDS = {"": "max", "max": "max", "avg": "avg"}
WORKED = [[1, 3, 2, 4], [5, 6, 1, 2], [7, 2, 9, 0], [1, 8, 3, 4]]  # the page's default (presets.js WORKED)
DEFAULT_SIZE = 2


def request_from(query: Mapping[str, str]) -> PoolRequest:
    """The page's query as the request the page sends: a C×H×W input, the stride the window's size
    unless given, with a trace."""
    fields = {
        "input": page_query.stack(query["in"], "in") if query.get("in") else [WORKED],
        "kind": page_query.choice(query, "kind", KINDS),
        "size": page_query.pair(query["size"], "size") if query.get("size") else DEFAULT_SIZE,
        "trace": True,
    }
    if query.get("stride"):
        fields["stride"] = page_query.pair(query["stride"], "stride")
    if query.get("pad"):
        fields["padding"] = page_query.pair(query["pad"], "pad")
    return page_query.validated(PoolRequest, fields, QUERY_NAMES)


@dataclass(frozen=True)
class PoolingPlan:
    """A request that passed every check: its step count is known, nothing is computed yet."""

    body: PoolRequest
    steps: int

    def story(self, labels: Labels) -> PoolingStory:
        with finite_results():
            trace = engine.pool_trace(self.body.batch()[0], **self.body.pool_settings(self.body.kind))
        try:
            ensure_finite(trace.value)
        except ClientError as error:  # an average of huge numbers
            raise page_query.invalid("in", error.message) from None
        return PoolingStory(trace, self.body.size, self.body.stride or self.body.size, labels)


def plan(query: Mapping[str, str], settings: Settings) -> PoolingPlan:
    """422 for a malformed query, 413 over the API's limits, both before any work."""
    body = request_from(query)
    try:
        pool.check(body, settings)
        geometry = engine.pool_geometry(body.batch().shape, **body.pool_settings(body.kind))
    except engine.ParameterError as error:
        raise page_query.invalid(QUERY_NAMES.get(error.param, error.param), error.message) from None
    return PoolingPlan(body, body.batch().shape[1] * int(np.prod(geometry.out)))


class PoolingStory:
    """One scene per output cell, in the page's order: channel by channel, each row by row."""

    def __init__(self, trace: engine.PoolTrace, size: tuple[int, int], stride: tuple[int, int], labels: Labels):
        self.trace, self.labels = trace, labels
        self.steps = len(trace.cell)
        self.max = trace.winner is not None
        out_h, out_w = int(trace.cell[:, 1].max()) + 1, int(trace.cell[:, 2].max()) + 1  # the last step's cell
        self.filling = Filling(trace.value.reshape(-1, out_h, out_w))  # (C, OH, OW)
        self.plain = self._plain_inputs()
        padded = any(trace.pads)
        (kh, kw), (sh, sw) = size, stride
        window = labels("page.op.window", kh=kh, kw=kw, sh=sh, sw=sw)  # "2×2 window, stride 2×2": two lines here
        self.operator = Operator("\u2192", labels("page.op.max" if self.max else "page.op.avg"),
                                 tuple(line.strip() for line in window.split(",")))
        self.input_label = labels(("page.grid.input.max" if self.max else "page.grid.input.avg") if padded
                                  else "page.grid.input")

    def _plain_inputs(self) -> list[tuple[tuple[Cell, ...], ...]]:
        """Every channel's cells, padding marked (−∞ for max pooling), no window: made once for all steps."""
        top, bottom, left, right = self.trace.pads
        channels, height, width = self.trace.padded_input.shape
        shown = texts(self.trace.padded_input)  # (C, Hp, Wp)

        def kind(r: int, q: int) -> str:
            return "plain" if top <= r < height - bottom and left <= q < width - right else "pad"

        return [tuple(tuple(Cell(shown[c][r][q], kind(r, q)) for q in range(width)) for r in range(height))
                for c in range(channels)]

    def scene(self, step: int) -> Scene:
        channels = len(self.plain)
        inputs = tuple(self._input(step, c) for c in range(channels))
        outputs = tuple(self.filling.grid(joined(self.labels("page.grid.output"), *self._channel(c)), c, step)
                        for c in range(channels))
        return Scene((inputs, outputs), (self.operator,), (self._equation(step),),
                     self.labels("player.step", step=step + 1, count=self.steps))

    def _channel(self, c: int) -> list[str]:
        return [self.labels("page.grid.channel", c=c + 1)] if len(self.plain) > 1 else []

    def _input(self, step: int, c: int) -> Grid:
        """Channel c, with the window on it when this step pools it, and max pooling's winner tagged."""
        trace = self.trace
        cells = list(self.plain[c])  # rows shared by every step
        window = None
        if int(trace.cell[step][0]) == c:
            rows, cols = [int(r) for r in trace.rows[step]], [int(q) for q in trace.cols[step]]
            winner = tuple(int(v) for v in trace.winner[step]) if self.max else None
            for r in rows:
                row = list(cells[r])
                for q in cols:
                    kind = "pad-window" if row[q].kind == "pad" else "window"
                    won = (r, q) == winner
                    row[q] = Cell(row[q].text, kind, self.labels("page.badge.max") if won else "", marked=won)
                cells[r] = tuple(row)
            window = (rows[0], cols[0], rows[-1], cols[-1])
        return Grid(joined(self.input_label, *self._channel(c)), tuple(cells), window)

    def _equation(self, step: int) -> EquationLine:
        """max(1, 3, 5, 6) = 6 or (1 + 3 + 5 + 6) ÷ 4 = 3.75, a window row a group; per channel when several."""
        trace = self.trace
        groups = tuple(tuple(fmt(v) for v in row) for row in trace.values[step])  # (KH, KW)
        channel = int(trace.cell[step][0])
        label = self.labels("page.equation.channel", c=channel + 1) if len(self.plain) > 1 else ""
        value = fmt(trace.value[step])
        if self.max:
            return EquationLine(groups, value, label, opening="max(", separator=", ", closing=")")
        return EquationLine(groups, value, label, opening="(", closing=f") \u00f7 {fmt(trace.divisor[step])}")
