"""The /activation page's view as scenes: its query (static/js/pages/activation/state.js) read into the
API's ActivateRequest, and one step per cell of the feature map, in the page's player's order (row by
row): the cell on the map, the function, the map after it filling in, and the page's value line
("ReLU(−3) = 0"). The page's curve and its softmax section are not part of the file."""

from __future__ import annotations

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
from .scene import Cell, EquationLine, Grid, Operator, Scene

PAGE = "activation"
# The page's query field for each request field, so that an error names what the URL holds.
QUERY_NAMES = {"input": "map", "function": "f", "alpha": "a"}
FUNCTIONS = ("relu", "leaky_relu", "elu", "sigmoid", "tanh", "gelu")  # the page's menu
ALPHA_DEFAULTS = {"leaky_relu": 0.1, "elu": 1.0}  # the page's, steeper than PyTorch's 0.01 to show on a projector
EXAMPLE_MAP = [[-3, 1, 0.5, -1, 2], [2.5, -0.5, -2, 1.5, 0], [-1.5, 3, -2.5, 0, 1], [0.5, -1, 2, -3, 1.5],
               [1, -2, -0.5, 2.5, -1.5]]  # the page's default (state.js EXAMPLE_MAP)


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
        with finite_results():
            output = engine.activate(body.input, body.function, **body.engine_arguments(body.function, 0))
        try:
            ensure_finite(output)
        except ClientError as error:
            raise page_query.invalid("map", error.message) from None
        return ActivationStory(body.input, output, labels(f"page.fn.short.{body.function}"), labels)


def plan(query: Mapping[str, str], settings: Settings) -> ActivationPlan:
    """422 for a malformed query, 413 over the API's limits, both before any work."""
    body = request_from(query)
    if body.input.ndim != 2:
        raise page_query.invalid("map", "must be a matrix: numbers with commas between values and ';' between rows")
    limits.check_array(settings, body.input.shape, "input")
    return ActivationPlan(body, int(body.input.size))


class ActivationStory:
    """One scene per cell of the map, row by row."""

    def __init__(self, x: np.ndarray, y: np.ndarray, name: str, labels: Labels):
        self.x, self.y, self.name, self.labels = x, y, name, labels  # (H, W) each
        self.steps = x.size
        self.x_text = texts(x)
        self.filling = Filling(y[None])
        self.operator = Operator("\u2192", name)

    def scene(self, step: int) -> Scene:
        r, q = divmod(step, self.x.shape[1])
        cells = tuple(tuple(Cell(text, "window" if (i, j) == (r, q) else "plain") for j, text in enumerate(row))
                      for i, row in enumerate(self.x_text))
        before = Grid(self.labels("page.map.before"), cells, (r, q, r, q))
        after = self.filling.grid(self.labels("page.map.after.fn", fn=self.name), 0, step)
        line = EquationLine(((fmt(self.x[r, q]),),), fmt(self.y[r, q]), opening=f"{self.name}(", closing=")")
        return Scene(((before,), (after,)), (self.operator,), (line,),
                     self.labels("player.step", step=step + 1, count=self.steps))
