"""The /activation page's view as scenes: its query (static/js/pages/activation/state.js) read into the
API's ActivateRequest, and one step per cell of the feature map, in the page's player's order (row by
row): the cell on the map, the function, the map after it filling in, the function's curve with the
cell's point on it (as the page's curve.js draws it), and the page's value line ("ReLU(−3) = 0"). The
page's softmax section is not part of the file."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from ... import engine
from ...api import limits
from ...api.deps import ensure_finite, finite_results
from ...api.errors import ClientError
from ...api.schemas.activate import ActivateRequest
from ...settings import Settings
from . import page_query
from .filling import Filling
from .labels import Labels
from .numbers import fmt, texts
from .plot import tick_step
from .scene import Cell, Curve, Dot, EquationLine, Grid, Operator, Plot, Scene

PAGE = "activation"
# The page's query field for each request field, so that an error names what the URL holds.
QUERY_NAMES = {"input": "map", "function": "f", "alpha": "a"}
FUNCTIONS = ("relu", "leaky_relu", "elu", "sigmoid", "tanh", "gelu")  # the page's menu
ALPHA_DEFAULTS = {"leaky_relu": 0.1, "elu": 1.0}  # the page's, steeper than PyTorch's 0.01 to show on a projector
EXAMPLE_MAP = [[-3, 1, 0.5, -1, 2], [2.5, -0.5, -2, 1.5, 0], [-1.5, 3, -2.5, 0, 1], [0.5, -1, 2, -3, 1.5],
               [1, -2, -0.5, 2.5, -1.5]]  # the page's default (state.js EXAMPLE_MAP)
HALF = 200  # the curve's samples: 2·HALF + 1 across [−range, range], as curve.js


def request_from(query: Mapping[str, str]) -> ActivateRequest:
    """The page's query as the request the page sends for its maps."""
    function = page_query.choice(query, "f", {"": "relu", **{name: name for name in FUNCTIONS}})
    fields = {"input": page_query.matrix(query["map"], "map") if query.get("map") else EXAMPLE_MAP,
              "function": function}
    if function in ALPHA_DEFAULTS:
        fields["alpha"] = (page_query.numbers(query["a"], "a", "a number")[0] if query.get("a")
                           else ALPHA_DEFAULTS[function])
    return page_query.validated(ActivateRequest, fields, QUERY_NAMES)


@dataclass(frozen=True)
class ActivationPlan:
    """A request that passed every check: its step count is known, nothing is computed yet."""

    body: ActivateRequest
    steps: int

    def story(self, labels: Labels) -> ActivationStory:
        body = self.body
        arguments = body.engine_arguments(body.function, 0)
        reach = max(5.0, float(np.ceil(np.abs(body.input).max(initial=0))))  # ±5, widened to hold every value
        xs = reach * np.linspace(-1, 1, 2 * HALF + 1)  # (2·HALF + 1,)
        with finite_results():
            output = engine.activate(body.input, body.function, **arguments)
            ys = engine.activate(xs, body.function, **arguments)
        try:
            ensure_finite(output, ys)
        except ClientError as error:
            raise page_query.invalid("map", error.message) from None
        name = labels(f"page.fn.short.{body.function}")
        return ActivationStory(body.input, output, Curve(tuple(xs.tolist()), tuple(ys.tolist()), "curve"), name, labels)


def plan(query: Mapping[str, str], settings: Settings) -> ActivationPlan:
    """422 for a malformed query, 413 over the API's limits, both before any work."""
    body = request_from(query)
    if body.input.ndim != 2:
        raise page_query.invalid("map", "must be a matrix: numbers with commas between values and ';' between rows")
    limits.check_array(settings, body.input.shape, "input")
    return ActivationPlan(body, int(body.input.size))


class ActivationStory:
    """One scene per cell of the map, row by row."""

    def __init__(self, x: np.ndarray, y: np.ndarray, curve: Curve, name: str, labels: Labels):
        self.x, self.y, self.name, self.labels = x, y, name, labels  # (H, W) each
        self.steps = x.size
        self.x_text = texts(x)
        self.filling = Filling(y[None])
        self.operator = Operator("\u2192", name)
        self.curve = curve
        self.samples = tuple(Dot(float(a), float(b), "sample") for a, b in zip(x.ravel(), y.ravel(), strict=True))
        low, high = min(0.0, *curve.ys), max(0.0, *curve.ys)  # the curve's y range, with 0; never thinner than 1
        high = max(high, low + 1)
        air = (high - low) * 0.1
        self.y_range = (low - air, high + air)
        reach = curve.xs[-1]
        # values near the largest floats leave no span to draw over: the file shows the maps alone then
        self.drawable = math.isfinite((high - low) * 1.2 + 2 * reach)
        self.x_ticks = tick_step(reach, 2.5)  # about 5 ticks over 2·reach

    def scene(self, step: int) -> Scene:
        r, q = divmod(step, self.x.shape[1])
        cells = tuple(tuple(Cell(text, "window" if (i, j) == (r, q) else "plain") for j, text in enumerate(row))
                      for i, row in enumerate(self.x_text))
        before = Grid(self.labels("page.map.before"), cells, (r, q, r, q))
        after = self.filling.grid(self.labels("page.map.after.fn", fn=self.name), 0, step)
        line = EquationLine(((fmt(self.x[r, q]),),), fmt(self.y[r, q]), opening=f"{self.name}(", closing=")")
        caption = self.labels("player.step", step=step + 1, count=self.steps)
        if not self.drawable:
            return Scene(((before,), (after,)), (self.operator,), (line,), caption)
        point = Dot(float(self.x[r, q]), float(self.y[r, q]), "now", guides=True)
        # narrow, and named as the page's y axis: the frame stays within the pixel limit at scale 2 even where
        # the maps' numbers are long (GELU's −0.00405)
        curve = Plot(f"{self.name}(x)", (self.curve.xs[0], self.curve.xs[-1]), self.y_range, "x", (self.curve,),
                     dots=(*self.samples, point), x_ticks=self.x_ticks, width=300, height=0)
        return Scene(((before,), (after,), (curve,)), (self.operator, Operator("")), (line,), caption)
