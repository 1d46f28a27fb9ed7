"""The /transposed page as scenes: its query (static/js/pages/transposed/state.js) read into the API's
ConvTransposeRequest, checked by the API's limits, and each step of the engine's scatter trace drawn as
the page's scatter.js draws it: input cell k multiplies the kernel, and its products land on the
uncropped output canvas, whose border (cropped by the padding) is dashed. Beside it, as on the page, the
direct view (transposed_direct.py) shows the output cell the step finishes as a stride-1 convolution.

The export's own field `view` picks both (the page's look), the scatter alone, or the direct view alone
(a step per output cell, as a convolution fills its output); the page's `cov=1` shades the output by
coverage (coverage.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np

from ... import engine
from ...api import limits
from ...api.routes import conv_transpose
from ...api.schemas.conv_transpose import ConvTransposeRequest
from ...settings import Settings
from . import coverage, page_query
from .filling import Filling
from .labels import Labels, joined
from .numbers import fmt, texts
from .scene import Cell, EquationLine, Grid, Scene
from .transposed_direct import DirectView

PAGE = "transposed"
# The page's query field for each request field, so that an error names what the URL holds.
QUERY_NAMES = {"input": "in", "kernel": "k", "stride": "s", "padding": "p", "output_padding": "op",
               "dilation": "d"}
# The page's default: the guide's "no padding, strides, transposed" with its pattern numbers (presets.js)
DEFAULT = {"input": [[1, 3], [2, 4]], "kernel": [[1, 2, 0], [0, 1, 2], [2, 0, 1]], "stride": 2}
VIEWS = {"": "both", "both": "both", "scatter": "scatter", "direct": "direct"}
COVERAGE = {"": "off", "0": "off", "1": "on"}  # the page writes cov=1, or nothing


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
    """A request that passed every check: a step per input cell (per output cell for the direct view
    alone); nothing computed yet."""

    body: ConvTransposeRequest
    steps: int
    view: str  # "both", "scatter" or "direct"
    coverage: bool

    def story(self, labels: Labels) -> TransposedStory | DirectStory:
        x, bank = self.body.batch()[0], self.body.filter_bank()  # (1, H, W), (1, 1, KH, KW)
        settings = self.body.settings()
        trace = engine.conv_transpose_trace(x, bank, None, **settings)
        direct = None
        if self.view != "scatter":
            geometry = engine.conv_transpose_geometry((1, *x.shape), bank.shape, **settings)
            direct = DirectView(x[0], bank[0, 0], geometry, labels)
        shading = Shading(trace) if self.coverage else None
        if self.view == "direct":
            return DirectStory(direct, shading, labels)
        return TransposedStory(trace, labels, direct, shading)


def plan(query: Mapping[str, str], settings: Settings) -> TransposedPlan:
    """422 for a malformed query, 413 over the API's limits, both before any work."""
    body = request_from(query)
    view = page_query.choice(query, "view", VIEWS)
    shaded = page_query.choice(query, "cov", COVERAGE) == "on"
    try:
        conv_transpose.check(body, settings)
        bank = body.filter_bank()  # (1, 1, KH, KW)
        geometry = engine.conv_transpose_geometry(body.batch().shape, bank.shape, **body.settings())
    except engine.ParameterError as error:
        raise page_query.invalid(QUERY_NAMES.get(error.param, error.param), error.message) from None
    (oh, ow), (kh, kw), (dh, dw) = geometry.out, geometry.kernel, geometry.dilation
    if view != "scatter":  # the direct view's convolution, within the limits the page's own request meets
        limits.check_array(settings, (oh + dh * (kh - 1), ow + dw * (kw - 1)), "the zero-stuffed input")
        limits.check_trace(settings, oh * ow, 2 * kh * kw)
    return TransposedPlan(body, oh * ow if view == "direct" else int(body.input.size), view, shaded)


class Shading:
    """The output's coverage: a count per output cell and its shade."""

    def __init__(self, trace: engine.ConvTransposeTrace):
        self.counts = coverage.counts(trace)  # (OH, OW)
        self.shades = coverage.shades(self.counts)  # (OH, OW)

    def cell(self, cell: Cell, r: int, q: int) -> Cell:
        return coverage.covered(cell, int(self.counts[r, q]), int(self.shades[r, q]))


class TransposedStory:
    """One scene per input cell, row by row: its products scattered onto the output canvas; with a
    direct view, that view of the output cell the step finishes beside it."""

    def __init__(self, trace: engine.ConvTransposeTrace, labels: Labels, direct: DirectView | None = None,
                 shading: Shading | None = None):
        self.trace, self.labels, self.direct, self.shading = trace, labels, direct, shading
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
        self.finishing = np.full((oh, ow), -1)  # (OH, OW) each cell's finishing step
        for (r, q), terms in self.terms.items():
            self.finishing[r, q] = terms[-1][0]

    def finished_at(self, cell: tuple[int, int]) -> int:
        """The step after which output cell `cell` holds its value (-1: no input cell reaches it)."""
        return self.terms[cell][-1][0] if cell in self.terms else -1

    def focus(self, step: int) -> tuple[tuple[int, int], int]:
        """The output cell both views show, as the page's focusCell: the first (row by row) that this step
        finishes; when it finishes none, the first of the next step that does; after the last such step,
        the last cell finished. -> (cell, the step that finishes it)."""
        steps = self.finishing[self.finishing >= 0]
        if not steps.size:
            return (0, 0), -1
        later = steps[steps >= step]
        at = int(later.min()) if later.size else int(steps.max())
        r, q = np.argwhere(self.finishing == at)[0]  # row-major: the first
        return (int(r), int(q)), at

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
        columns, operators = ((inputs,), (kernel, products)), ("\u00d7", "\u2192")
        equation = self._equation(step)
        if self.direct is None:
            return Scene((*columns, (self._canvas(step),)), operators, equation,
                         label("player.step", step=step + 1, count=self.steps))
        cell, at = self.focus(step)  # the page frames it on the canvas and shows its window on the right
        direct = (self.direct.stuffed_grid(cell, (i, j)), self.direct.turned_grid())
        lines = (*equation, self.direct.equation(cell, final=at <= step))
        # each line named by its view, as the page's two halves are titled
        lines = tuple(replace(line, label=joined(label(title), line.label)) for line, title
                      in zip(lines, ("page.scatter.title", "page.direct.title"), strict=True))
        return Scene((*columns, (self._canvas(step, cell),), direct), (*operators, "\u2190"), lines,
                     label("player.step", step=step + 1, count=self.steps))

    def _canvas(self, step: int, focus: tuple[int, int] | None = None) -> Grid:
        """focus: the output cell to frame, as the page does when both views show it; else the frame is
        the kernel's copy that lands this step."""
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

        def shown(r: int, q: int) -> Cell:
            inside = 0 <= r < oh and 0 <= q < ow
            return self.shading.cell(cell(r, q), r, q) if self.shading and inside else cell(r, q)

        rows = tuple(tuple(shown(r, q) for q in range(self.left, self.left + self.width))
                     for r in range(self.top, self.top + self.height))
        if focus is not None:
            r, q = focus[0] - self.top, focus[1] - self.left
            window = (r, q, r, q)
        else:
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


class DirectStory:
    """The direct view alone: one scene per output cell, row by row, as a convolution fills its output;
    the window on the stuffed input, the turned kernel, and the output so far."""

    def __init__(self, direct: DirectView, shading: Shading | None, labels: Labels):
        self.direct, self.shading, self.labels = direct, shading, labels
        oh, ow = direct.out
        self.steps = oh * ow
        self.filling = Filling(direct.trace.value.reshape(1, oh, ow))  # the convolution's own output

    def scene(self, step: int) -> Scene:
        direct, label = self.direct, self.labels
        cell = divmod(step, direct.out[1])
        output = self.filling.grid(label("page.grid.output"), 0, step)
        if self.shading:
            output = replace(output, cells=tuple(tuple(self.shading.cell(c, r, q) for q, c in enumerate(row))
                                                 for r, row in enumerate(output.cells)))
        return Scene(((direct.stuffed_grid(cell),), (direct.turned_grid(),), (output,)), ("\u2299", "="),
                     (direct.equation(cell),), label("player.step", step=step + 1, count=self.steps))
