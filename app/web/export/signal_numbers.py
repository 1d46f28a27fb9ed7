"""The /signal page's numbers view as scenes: two short sequences x and h, the page's request for their
full convolution (sequences.js sequenceRequest: h flipped, K − 1 zeros at both ends of x), and one step
per output y[n] as the page's rows show it: x with the window, h flipped and slid under it, the products,
and y filling in; the equation names each term, then gives its numbers."""

from __future__ import annotations

from collections.abc import Mapping

from ...api.routes import convolve
from ...api.schemas.convolve import ConvolveRequest
from . import page_query
from .filling import Filling
from .labels import Labels
from .numbers import fmt, texts
from .scene import Cell, EquationLine, Grid, Scene

MAX_LENGTH, BOUND = 6, 1000  # sequences.js: at most 6 numbers each, |entry| ≤ 1000
DEFAULTS = {"x": [1.0, 2.0, 3.0], "h": [0.0, 1.0, 0.5]}


def sequence(query: Mapping[str, str], name: str) -> list[float]:
    """Sequence `name` ("x" or "h") of the page's query: "1,2,3" (the page writes commas)."""
    if not query.get(name):
        return DEFAULTS[name]
    values = page_query.numbers(query[name].replace("\u2212", "-"), name, "numbers separated by commas")
    if len(values) > MAX_LENGTH:
        raise page_query.invalid(name, f"must hold 1 to {MAX_LENGTH} numbers (got {len(values)})")
    if any(abs(v) > BOUND for v in values):
        raise page_query.invalid(name, f"must hold numbers between \u2212{BOUND} and {BOUND}")
    return values


def request(x: list[float], h: list[float]) -> ConvolveRequest:
    return ConvolveRequest.model_validate({"input": [x], "kernel": [h], "padding": [0, len(h) - 1],
                                           "mode": "convolution", "trace": True})


class NumbersStory:
    """One scene per n = 0 … L + K − 2."""

    def __init__(self, x: list[float], h: list[float], labels: Labels):
        self.labels, self.k = labels, len(h)
        output, self.trace = convolve.compute(request(x, h))  # output: (1, L + K − 1)
        self.steps = output.shape[-1]
        self.padded = self.trace.padded_input[0, 0]  # (L + 2(K − 1),) x with K − 1 zeros at each end
        self.width = len(self.padded)
        self.padded_text = texts(self.padded)
        self.filling = Filling(output.reshape(1, 1, -1))

    def scene(self, n: int) -> Scene:
        label, trace, k = self.labels, self.trace, self.k
        cols = [int(c) for c in trace.cols[n]]  # the padded columns under h, left to right

        def x_cell(q: int) -> Cell:
            pad = not k - 1 <= q < self.width - (k - 1)
            kind = ("pad-window" if pad else "window") if q in cols else ("pad" if pad else "plain")
            return Cell(self.padded_text[q], kind)

        def under(values) -> tuple[Cell, ...]:  # cells under the window only, blank elsewhere
            by_column = dict(zip(cols, values, strict=True))
            return tuple(by_column.get(q, Cell("", "blank")) for q in range(self.width))

        flipped = trace.kernel[0, 0, 0]  # (K,) h as applied: h[K − 1] first
        weights = [Cell(fmt(w), "kernel", f"h[{k - 1 - m}]") for m, w in enumerate(flipped)]
        products = [Cell(fmt(p)) for p in trace.products[n, 0, 0]]
        y = self.filling.grid(label("page.seq.y.label"), 0, n)
        y_row = (Cell("", "blank"),) * (k - 1) + y.cells[0]  # y[n] under x[n], the window's right end
        column = (
            Grid(label("page.seq.x.label"), (tuple(x_cell(q) for q in range(self.width)),), (0, cols[0], 0, cols[-1])),
            Grid(label("page.seq.row.h"), (under(weights),)),
            Grid(label("page.seq.row.products"), (under(products),)),
            Grid(y.label, (y_row,), signed=y.signed),
        )
        return Scene((column,), (), self._equation(n, cols), label("player.step", step=n + 1, count=self.steps))

    def _equation(self, n: int, cols: list[int]) -> tuple[EquationLine, ...]:
        """y[1]: x[−1]·h[2] + x[0]·h[1] + x[1]·h[0] = 1, then (0×0.5) + (1×1) + (2×0) = 1."""
        k, trace, value = self.k, self.trace, fmt(self.trace.value[n])
        index = [col - (k - 1) for col in cols]  # k of each x under the window
        names = tuple((f"x[{fmt(i)}]\u00b7h[{fmt(n - i)}]",) for i in index)
        numbers = tuple((f"({fmt(v)}\u00d7{fmt(w)})",)
                        for v, w in zip(trace.values[n, 0, 0], trace.kernel[0, 0, 0], strict=True))
        return (EquationLine(names, value, f"y[{n}]", final=False), EquationLine(numbers, value))
