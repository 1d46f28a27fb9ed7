"""The /convolution page's view as scenes: its query (static/js/pages/convolution/state.js) read
into the API's ConvolveRequest, checked by the API's limits, and each step of the engine's trace
drawn as the page's step.js draws it. With an image source, the numbers are the region's that the page's
link holds, and the picture with its region framed comes first."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np

from ... import engine
from ...api.errors import ClientError
from ...api.routes import convolve
from ...api.schemas.convolve import SEED_EXAMPLE, ConvolveRequest
from ...engine.geometry import PADDING_WORDS
from ...settings import Settings
from . import page_query, sources
from .filling import Filling
from .labels import Labels, joined
from .numbers import fmt, texts
from .scene import Cell, CellKind, EquationLine, Grid, Picture, Scene

PAGE = "convolution"
# The page's query field for each request field, so that an error names what the URL holds.
QUERY_NAMES = {"input": "in", "kernel": "k", "bias": "b", "padding": "p", "padding_mode": "pm", "stride": "s",
               "dilation": "d", "mode": "m", "groups": "g"}
MODES = {"": "cross-correlation", "conv": "convolution", "cross-correlation": "cross-correlation",
         "convolution": "convolution"}
PADDING_MODES = {"": "zeros", **{name: name for name in engine.PADDING_MODES}}


def request_from(query: Mapping[str, str]) -> ConvolveRequest:
    """The page's query as the request the page sends: C×H×W input, F×C×kh×kw kernel, with a trace."""
    fields = {
        "input": page_query.stack(query["in"], "in") if query.get("in") else [SEED_EXAMPLE["input"]],
        "kernel": ([page_query.stack(f, "k") for f in query["k"].split("/")] if query.get("k")
                   else [[SEED_EXAMPLE["kernel"]]]),
        "padding_mode": page_query.choice(query, "pm", PADDING_MODES),
        "mode": page_query.choice(query, "m", MODES),
        "trace": True,
    }
    if query.get("b"):
        fields["bias"] = page_query.numbers(query["b"], "b", "numbers separated by commas, one per filter")
    for field, words in (("padding", PADDING_WORDS), ("stride", ()), ("dilation", ())):
        if query.get(QUERY_NAMES[field]):
            fields[field] = page_query.pair(query[QUERY_NAMES[field]], QUERY_NAMES[field], words)
    if query.get("g"):
        fields["groups"] = page_query.integer(query["g"], "g")
    return page_query.validated(ConvolveRequest, fields, QUERY_NAMES)


@dataclass(frozen=True)
class ConvolutionPlan:
    """A request that passed every check: its step count is known, nothing is computed yet."""

    body: ConvolveRequest
    steps: int
    picture: Picture | None = None  # the image source, where the numbers are its region

    def story(self, labels: Labels) -> ConvolutionStory:
        try:
            output, trace = convolve.compute(self.body)
        except ClientError as error:
            raise ClientError(("query", QUERY_NAMES.get(str(error.loc[-1]), "in")), error.message) from None
        picture = self.picture
        if picture is not None:
            (top, left, bottom, right) = picture.region
            picture = replace(picture, label=labels("page.image.region", h=bottom - top + 1, w=right - left + 1))
        return ConvolutionStory(trace, output.reshape(-1, *output.shape[-2:]), self.body.mode, labels, picture)


def plan(query: Mapping[str, str], settings: Settings) -> ConvolutionPlan:
    """422 for a malformed query, 413 over the API's limits, both before any work."""
    body = request_from(query)
    try:
        convolve.check(body, settings)
        geometry = engine.conv_geometry(body.batch().shape, body.filter_bank().shape, stride=body.stride,
                                        padding=body.padding, dilation=body.dilation,
                                        padding_mode=body.padding_mode, mode=body.mode, groups=body.groups)
    except engine.ParameterError as error:
        raise page_query.invalid(QUERY_NAMES.get(error.param, error.param), error.message) from None
    picture = sources.region_picture(query, body.batch().shape[1:], "")
    return ConvolutionPlan(body, body.filter_bank().shape[0] * int(np.prod(geometry.out)), picture)


class ConvolutionStory:
    """One scene per output cell, in the page's order: filter by filter, each row by row."""

    def __init__(self, trace: engine.ConvTrace, output: np.ndarray, mode: str, labels: Labels,
                 picture: Picture | None = None):
        self.trace, self.labels, self.picture = trace, labels, picture  # output: (F, OH, OW)
        self.steps = len(trace.cell)
        self.turned = mode == "convolution"
        self.plain = self._plain_inputs()
        self.unread = self._unread() if trace.groups > 1 else []
        self.filling = Filling(output)

    def _plain_inputs(self) -> list[tuple[tuple[Cell, ...], ...]]:
        """Every input channel's cells, padding marked, no window: formatted once for all the steps."""
        top, bottom, left, right = self.trace.pads
        channels, height, width = self.trace.padded_input.shape

        def kind(r: int, q: int) -> CellKind:
            return "plain" if top <= r < height - bottom and left <= q < width - right else "pad"

        written = texts(self.trace.padded_input)  # (C, Hp, Wp)
        return [tuple(tuple(Cell(written[c][r][q], kind(r, q)) for q in range(width)) for r in range(height))
                for c in range(channels)]

    def scene(self, step: int) -> Scene:
        trace, label = self.trace, self.labels
        f = int(trace.cell[step][0])
        filters, per_group = trace.kernel.shape[0], trace.kernel.shape[1]
        first = f // (filters // trace.groups) * per_group  # the first input channel filter f reads
        inputs = tuple(self._input(step, c, c - first if first <= c < first + per_group else None)
                       for c in range(trace.padded_input.shape[0]))
        kernels = self._kernels(f, first, per_group)
        outputs = tuple(self._output(step, g) for g in range(filters))
        caption = label("player.step", step=step + 1, count=self.steps)
        if self.picture is not None:
            return Scene(((self.picture,), inputs, kernels, outputs), ("\u2192", "\u2299", "="), self._equation(step),
                         caption)
        return Scene((inputs, kernels, outputs), ("\u2299", "="), self._equation(step), caption)

    def _kernels(self, f: int, first: int, per_group: int) -> tuple[Grid, ...]:
        """Filter f's kernel, one grid per channel it reads; in convolution mode, as the page, the kernel
        as typed under the turned one that the window meets."""
        label, weights = self.labels, self.trace.kernel[f]  # (C/G, KH, KW) as applied
        of_filter = [label("page.grid.filter", f=f + 1)] if self.trace.kernel.shape[0] > 1 else []

        def grids(name: str, slices, kind: CellKind) -> tuple[Grid, ...]:
            named = per_group > 1 or self.trace.groups > 1  # with groups, which channel the slice meets
            return tuple(Grid(joined(name, *of_filter, *self._channel(first + c, named)),
                              tuple(tuple(Cell(fmt(w), kind) for w in row) for row in slices[c]))
                         for c in range(per_group))

        if not self.turned:
            return grids(label("page.grid.kernel"), weights, "kernel")
        return (grids(label("page.grid.kernel.turned"), weights, "kernel")
                + grids(label("page.grid.kernel.original"), weights[:, ::-1, ::-1], "plain"))

    def _channel(self, c: int, named: bool) -> list[str]:
        return [self.labels("page.grid.channel", c=c + 1)] if named else []

    def _unread(self) -> list[tuple[tuple[Cell, ...], ...]]:
        """Every channel faded, as the page fades the channels the shown filter does not read (groups)."""
        return [tuple(tuple(cell if cell.kind == "pad" else Cell(cell.text, "unread") for cell in row) for row in plain)
                for plain in self.plain]

    def _input(self, step: int, c: int, slice_index: int | None) -> Grid:
        """Channel c with the window on it when filter f reads it (slice_index: which of its kernel slices)."""
        trace = self.trace
        rows, cols = [int(r) for r in trace.rows[step]], [int(q) for q in trace.cols[step]]
        cells = list(self.plain[c] if slice_index is not None else self.unread[c])  # shared by every step
        window = None
        if slice_index is not None:
            weights = trace.kernel[int(trace.cell[step][0]), slice_index]  # (KH, KW)
            for m, r in enumerate(rows):
                row = list(cells[r])
                for n, q in enumerate(cols):
                    kind = "pad-window" if row[q].kind == "pad" else "window"
                    row[q] = Cell(row[q].text, kind, f"\u00d7{fmt(weights[m, n])}")
                cells[r] = tuple(row)
            window = (rows[0], cols[0], rows[-1], cols[-1])
        name = self.labels("page.grid.input")
        return Grid(joined(name, *self._channel(c, trace.padded_input.shape[0] > 1)), tuple(cells), window)

    def _output(self, step: int, f: int) -> Grid:
        of_filter = [self.labels("page.grid.filter", f=f + 1)] if self.filling.shape[0] > 1 else []
        return self.filling.grid(joined(self.labels("page.grid.output"), *of_filter), f, step)

    def _equation(self, step: int) -> tuple[EquationLine, ...]:
        """As the page's equation: one line of products, or one per channel and then their sum."""
        trace = self.trace
        values, kernel = trace.values[step], trace.kernel[int(trace.cell[step][0])]  # (C/G, KH, KW) each
        bias = float(trace.bias[step])
        extra = ((fmt(bias),),) if bias != 0 else ()
        value = fmt(trace.value[step])

        def products(c: int) -> tuple[tuple[str, ...], ...]:
            return tuple(tuple(f"({fmt(v)}\u00d7{fmt(w)})" for v, w in zip(vs, ws, strict=True))
                         for vs, ws in zip(values[c], kernel[c], strict=True))

        if len(values) == 1:
            return (EquationLine(products(0) + extra, value),)
        partials = tuple(fmt(p) for p in trace.channel_sums[step])
        lines = tuple(EquationLine(products(c), partials[c], self.labels("equation.channel", c=c + 1), final=False)
                      for c in range(len(values)))
        return (*lines, EquationLine((partials,) + extra, value, self.labels("equation.total")))

