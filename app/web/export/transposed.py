"""The /transposed page's scatter view as scenes: its query (static/js/pages/transposed/state.js) read
into the API's ConvTransposeRequest, checked by the API's limits, and each step of the engine's scatter
trace drawn as the page's scatter.js draws it: input cell k multiplies the kernel, and its products
land on the uncropped output canvas, whose border (cropped by the padding) is dashed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ... import engine
from ...api.routes import conv_transpose
from ...api.schemas.conv_transpose import ConvTransposeRequest
from ...settings import Settings
from . import page_query
from .filling import Filling
from .labels import Labels
from .numbers import fmt, texts
from .scene import Cell, EquationLine, Grid, Scene

PAGE = "transposed"
# The page's query field for each request field, so that an error names what the URL holds.
QUERY_NAMES = {"input": "in", "kernel": "k", "stride": "s", "padding": "p", "output_padding": "op",
               "dilation": "d"}
# The page's default: the guide's "no padding, strides, transposed" with its pattern numbers (presets.js)
DEFAULT = {"input": [[1, 3], [2, 4]], "kernel": [[1, 2, 0], [0, 1, 2], [2, 0, 1]], "stride": 2}


def request_from(query: Mapping[str, str]) -> ConvTransposeRequest:
    """The page's query as the request the page sends: an H×W input and a kh×kw kernel, with a trace."""
    fields: dict = {"trace": True}
    for field in ("input", "kernel"):
        name = QUERY_NAMES[field]
        fields[field] = page_query.stack(query[name], name)[0] if query.get(name) else DEFAULT[field]
        if query.get(name, "").count("|"):
            raise page_query.invalid(name, "the page takes one channel: no '|' between channels")
    for field in ("stride", "padding", "output_padding", "dilation"):
        name = QUERY_NAMES[field]
        if query.get(name):
            fields[field] = page_query.integer(query[name], name)
        elif field in DEFAULT:
            fields[field] = DEFAULT[field]
    return page_query.validated(ConvTransposeRequest, fields, QUERY_NAMES)


@dataclass(frozen=True)
class TransposedPlan:
    """A request that passed every check: a step per input cell; nothing computed yet."""

    body: ConvTransposeRequest
    steps: int

    def story(self, labels: Labels) -> TransposedStory:
        x, bank = self.body.batch()[0], self.body.filter_bank()  # (1, H, W), (1, 1, KH, KW)
        trace = engine.conv_transpose_trace(x, bank, None, **self.body.settings())
        return TransposedStory(trace, labels)


def plan(query: Mapping[str, str], settings: Settings) -> TransposedPlan:
    """422 for a malformed query, 413 over the API's limits, both before any work."""
    body = request_from(query)
    try:
        conv_transpose.check(body, settings)
    except engine.ParameterError as error:
        raise page_query.invalid(QUERY_NAMES.get(error.param, error.param), error.message) from None
    return TransposedPlan(body, int(body.input.size))


class TransposedStory:
    """One scene per input cell, row by row: its products scattered onto the output canvas."""

    def __init__(self, trace: engine.ConvTransposeTrace, labels: Labels):
        self.trace, self.labels = trace, labels
        self.steps = len(trace.input_value)
        self.output = trace.output[0]  # (OH, OW)
        oh, ow = self.output.shape
        # The canvas: every row and column a product lands on, and the whole output.
        self.top, self.left = min(int(trace.rows.min()), 0), min(int(trace.cols.min()), 0)
        self.height = max(int(trace.rows.max()) + 1, oh) - self.top
        self.width = max(int(trace.cols.max()) + 1, ow) - self.left
        # Output cell -> the steps that add into it and their products, in step order.
        self.terms: dict[tuple[int, int], list[tuple[int, float, float]]] = {}
        for s in range(self.steps):
            for m, r in enumerate(trace.rows[s]):
                for n, q in enumerate(trace.cols[s]):
                    if trace.kept[s, m, n]:
                        self.terms.setdefault((int(r), int(q)), []).append(
                            (s, float(trace.input_value[s]), float(trace.weights[s, 0, m, n])))
        self.scale = Filling(self.output[None])  # the output's texts and colour levels, as the other views'
        h, w = trace.cell[:, 1].max() + 1, trace.cell[:, 2].max() + 1
        self.input_text = texts(trace.input_value.reshape(h, w))
        self.kernel = trace.kernel[0, 0]  # (KH, KW)

    def finished_at(self, cell: tuple[int, int]) -> int:
        """The step after which output cell `cell` holds its value (-1: no input cell reaches it)."""
        return self.terms[cell][-1][0] if cell in self.terms else -1

    def scene(self, step: int) -> Scene:
        label, trace = self.labels, self.trace
        _, i, j = (int(v) for v in trace.cell[step])
        value = float(trace.input_value[step])
        inputs = Grid(label("page.grid.input"), tuple(
            tuple(Cell(text, "window" if (r, q) == (i, j) else "plain") for q, text in enumerate(row))
            for r, row in enumerate(self.input_text)))
        kernel = Grid(label("page.grid.kernel"),
                      tuple(tuple(Cell(fmt(w), "kernel") for w in row) for row in self.kernel))
        products = Grid(label("page.grid.products", v=fmt(value)),
                        tuple(tuple(Cell(fmt(p), "plain") for p in row) for row in trace.products[step, 0]))
        return Scene(((inputs,), (kernel, products), (self._canvas(step),)), ("\u00d7", "\u2192"),
                     self._equation(step), label("player.step", step=step + 1, count=self.steps))

    def _canvas(self, step: int) -> Grid:
        trace, (oh, ow) = self.trace, self.output.shape
        landing = {(int(r), int(q)): float(trace.products[step, 0, m, n])
                   for m, r in enumerate(trace.rows[step]) for n, q in enumerate(trace.cols[step])}

        def cell(r: int, q: int) -> Cell:
            now = landing.get((r, q))
            if not (0 <= r < oh and 0 <= q < ow):  # cropped by the padding
                return Cell(fmt(now), "pad-window") if now is not None else Cell("", "pad")
            done = [p * w for s, p, w in self.terms.get((r, q), []) if s <= step]
            if now is not None:
                return Cell(fmt(sum(done)), "current", f"+{fmt(now)}")
            if self.finished_at((r, q)) <= step:
                return Cell(self.scale.texts[0][r][q], "done", level=float(self.scale.levels[0, r, q]))
            return Cell(fmt(sum(done)), "plain") if done else Cell("", "later")

        rows = tuple(tuple(cell(r, q) for q in range(self.left, self.left + self.width))
                     for r in range(self.top, self.top + self.height))
        rows_hit, cols_hit = [r - self.top for r, _ in landing], [q - self.left for _, q in landing]
        window = (min(rows_hit), min(cols_hit), max(rows_hit), max(cols_hit))  # the kernel's copy this step
        return Grid(self.labels("page.grid.output"), rows, window, signed=self.scale.signed)

    def _equation(self, step: int) -> tuple[EquationLine, ...]:
        """The sum of the output cell this step finishes (else the first it adds to), term by term so far."""
        trace = self.trace
        touched = [(int(r), int(q)) for m, r in enumerate(trace.rows[step]) for n, q in enumerate(trace.cols[step])
                   if trace.kept[step, m, n]]
        value = fmt(float(trace.input_value[step]))
        if not touched:
            return (EquationLine(((f"{value} \u00d7 K",),), self.labels("page.scatter.all_cropped"),
                                 f"x({int(trace.cell[step][1])}, {int(trace.cell[step][2])})", final=False),)
        finished = [cell for cell in touched if self.finished_at(cell) == step]
        r, q = (finished or touched)[0]
        terms = [(p, w) for s, p, w in self.terms[(r, q)] if s <= step]
        return (EquationLine(tuple((f"({fmt(p)}\u00d7{fmt(w)})",) for p, w in terms),
                             fmt(sum(p * w for p, w in terms)), self.labels("page.direct.cell", r=r, c=q),
                             final=bool(finished)),)
