"""The /signal page's functions view as scenes: f and g sampled on the page's τ grid (as
static/js/pages/signal/functions.js samples them), the page's two requests to the convolution (Δτ·g slid
over f with "same" padding, convolution and cross-correlation), and one step per shift t: the three
plots of the page (f with the flipped, slid g; the product's strips, whose area is the value; the result
traced so far) and the Riemann sum's value."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from ...api.routes import convolve
from ...api.schemas.convolve import ConvolveRequest
from . import page_query
from .labels import Labels
from .numbers import fmt
from .scene import Curve, Dot, EquationLine, Plot, Scene, Strip

T_MIN, T_MAX, DT = -5.0, 5.0, 0.2
N = round((T_MAX - T_MIN) / DT) + 1  # 51 samples
MIDDLE = (N - 1) // 2  # the sample at τ = 0
DRAW_RANGE = (-1.5, 1.5)  # what a drawn function can reach (the top plot's fixed y-range)
KINDS = ("box", "triangle", "gaussian", "decay", "step", "draw")
WIDTH = {"box": 2.0, "triangle": 1.0, "gaussian": 0.7, "decay": 1.0, "step": 1.0}  # default w per kind
BOUNDS = {"w": (0.2, 5.0), "c": (-5.0, 5.0), "a": (-2.0, 2.0)}
DEFAULTS = {"f": "box", "g": "decay"}
TAUS = np.round((T_MIN + np.arange(N) * DT) * 10) / 10  # (N,) printed as 0.4, not 0.40000000000000036


def _jump(distance: np.ndarray) -> np.ndarray:
    """1 inside, 0 outside, ½ exactly on a jump: the midpoint keeps the Riemann sum close to the integral."""
    return np.where(distance > 1e-9, 1.0, np.where(distance < -1e-9, 0.0, 0.5))


SHAPES = {  # unit shapes of u = τ − c with width w; the height a multiplies them
    "box": lambda u, w: _jump(w / 2 - np.abs(u)),
    "triangle": lambda u, w: np.maximum(0.0, 1 - np.abs(u) / w),
    "gaussian": lambda u, w: np.exp(-(u * u) / (2 * w * w)),
    "decay": lambda u, w: _jump(u) * np.exp(-np.maximum(u, 0) / w),
    "step": lambda u, w: _jump(u),
}


def samples(query: Mapping[str, str], name: str) -> tuple[np.ndarray, bool]:
    """Function `name` ("f" or "g") of the page's query as its N samples, and whether it is drawn. As the page,
    a shape's w, c and a are clamped into their bounds; what is not a number is a 422."""
    kind = page_query.choice(query, name, {"": DEFAULTS[name], **{k: k for k in KINDS}})
    if kind == "draw":
        drawn = page_query.numbers(query.get(f"{name}d", ""), f"{name}d", f"{N} numbers separated by commas")
        if len(drawn) != N:
            raise page_query.invalid(f"{name}d", f"must hold {N} numbers, one per sample of τ (got {len(drawn)})")
        return np.clip(drawn, *DRAW_RANGE), True
    params = {"w": WIDTH[kind], "c": 0.0, "a": 1.0}
    for key, (low, high) in BOUNDS.items():
        if query.get(f"{name}{key}"):
            value = page_query.numbers(query[f"{name}{key}"], f"{name}{key}", "a number")[0]
            params[key] = min(high, max(low, value))
    values = params["a"] * SHAPES[kind](TAUS - params["c"], params["w"])  # (N,)
    return np.where(np.abs(values) < 1e-12, 0.0, values), False


def request(f: np.ndarray, g: np.ndarray, mode: str) -> ConvolveRequest:
    """The page's request (state.js requestBody): Δτ·g over f, one output per t."""
    return ConvolveRequest.model_validate({"input": [f.tolist()], "kernel": [(g * DT).tolist()], "padding": "same",
                                           "mode": mode, "trace": True})


def extent(values: np.ndarray) -> tuple[float, float]:
    """A y-range holding every value and 0, with some air (svg.js extent)."""
    low, high = min(0.0, float(values.min())), max(0.0, float(values.max()))
    if high - low < 1e-9:
        high = 1.0
    air = 0.1 * (high - low)
    return (low - air if low < 0 else low - air / 3), high + air


@dataclass(frozen=True)
class Result:
    """One of the page's two answers: the output per t, and each t's products per τ sample."""

    output: np.ndarray  # (N,)
    products: np.ndarray  # (N, N): [t sample, τ sample]

    @classmethod
    def of(cls, body: ConvolveRequest) -> Result:
        output, trace = convolve.compute(body)
        products = np.zeros((N, N))
        left = trace.pads[2]
        for i in range(N):
            j = trace.cols[i] - left  # (N,) τ sample under each kernel column; off the grid outside 0..N−1
            inside = (j >= 0) & (j < N)
            products[i, j[inside]] = trace.products[i, 0, 0][inside]
        return cls(np.asarray(output)[0], products)


class FunctionsStory:
    """One scene per shift t = −5, −4.8, …, 5."""

    def __init__(self, f: np.ndarray, g: np.ndarray, drawn: bool, xcorr: bool, labels: Labels):
        self.f, self.g, self.labels = f, g, labels
        self.steps = N
        self.conv = Result.of(request(f, g, "convolution"))
        self.xcorr = Result.of(request(f, g, "cross-correlation")) if xcorr else None
        shown = [self.conv] + ([self.xcorr] if self.xcorr else [])
        self.input_range = DRAW_RANGE if drawn else extent(np.concatenate([f, g]))
        self.product_range = extent(np.concatenate([r.products.ravel() / DT for r in shown]))
        self.output_range = extent(np.concatenate([r.output for r in shown]))
        self.f_curve = Curve(tuple(TAUS), tuple(f), "f", area=True)

    def scene(self, step: int) -> Scene:
        label, t = self.labels, float(TAUS[step])
        equation = [self._sum("(f\u2217g)", t, f"g({fmt(t)} \u2212 \u03c4)", self.conv.output[step])]
        if self.xcorr:
            equation.append(self._sum("(f\u22c6g)", t, f"g(\u03c4 \u2212 {fmt(t)})", self.xcorr.output[step]))
        plots = (self._inputs(step), self._products(step), self._outputs(step))
        return Scene((plots,), (), tuple(equation), label("player.step", step=step + 1, count=self.steps))

    @staticmethod
    def _sum(name: str, t: float, g: str, value: float) -> EquationLine:
        """(f∗g)(−1) ≈ Σⱼ f(τⱼ)·g(−1 − τⱼ)·Δτ = 0.5: the Riemann sum the page's formula writes."""
        return EquationLine(((f"\u03a3 f(\u03c4)\u00b7{g}\u00b7\u0394\u03c4",),), fmt(value),
                            opening=f"{name}({fmt(t)}) \u2248 ")

    def _inputs(self, i: int) -> Plot:
        curves = [self.f_curve]
        if self.xcorr:  # g(τ − t): slid without the flip
            curves.append(Curve(tuple(TAUS), tuple(self._shifted(MIDDLE - i + np.arange(N))), "x", dashed=True))
        curves.append(Curve(tuple(TAUS), tuple(self._shifted(MIDDLE + i - np.arange(N))), "g"))
        keys = ((self.labels("page.key.f"), "f"), (self.labels("page.key.g"), "g"))
        keys += ((self.labels("page.key.gx"), "x"),) if self.xcorr else ()
        return Plot(self.labels("page.plot1.title"), (T_MIN, T_MAX), self.input_range, "\u03c4", tuple(curves),
                    cursor=float(TAUS[i]), cursor_label=self.labels("page.plot.t", t=fmt(TAUS[i])), keys=keys)

    def _shifted(self, index: np.ndarray) -> np.ndarray:
        """g's samples at these indices, 0 off the grid. (N,) -> (N,)"""
        inside = (index >= 0) & (index < N)
        return np.where(inside, self.g[np.clip(index, 0, N - 1)], 0.0)

    def _products(self, i: int) -> Plot:
        heights = self.conv.products[i] / DT  # (N,) strips whose areas are the products
        strips = tuple(Strip(float(tau) - DT / 2, float(tau) + DT / 2, float(h))
                       for tau, h in zip(TAUS, heights, strict=True) if h != 0)
        curves = ()
        if self.xcorr:
            curves = (_stairs(self.xcorr.products[i] / DT),)
        return Plot(self.labels("page.plot2.title"), (T_MIN, T_MAX), self.product_range, "\u03c4", curves, strips,
                    cursor=float(TAUS[i]), note=self.labels("page.plot.area", value=fmt(self.conv.output[i])))

    def _outputs(self, i: int) -> Plot:
        shown = slice(0, i + 1)
        curves = [Curve(tuple(TAUS[shown]), tuple(self.conv.output[shown]), "out")]
        dots = [Dot(float(TAUS[i]), float(self.conv.output[i]), "now", f"f\u2217g = {fmt(self.conv.output[i])}")]
        if self.xcorr:
            curves.append(Curve(tuple(TAUS[shown]), tuple(self.xcorr.output[shown]), "x", dashed=True))
            dots.append(Dot(float(TAUS[i]), float(self.xcorr.output[i]), "x",
                            f"f\u22c6g = {fmt(self.xcorr.output[i])}"))
        keys = ((self.labels("page.key.conv"), "out"),)
        keys += ((self.labels("page.key.xcorr"), "x"),) if self.xcorr else ()
        return Plot(self.labels("page.plot3.title"), (T_MIN, T_MAX), self.output_range, "t", tuple(curves),
                    dots=tuple(dots), cursor=float(TAUS[i]), keys=keys)


def _stairs(heights: np.ndarray) -> Curve:
    """A step outline: a flat top of width Δτ at each sample's height, closed at y = 0 (svg.js stairs)."""
    xs, ys = [float(TAUS[0]) - DT / 2], [0.0]
    for tau, h in zip(TAUS, heights, strict=True):
        xs += [float(tau) - DT / 2, float(tau) + DT / 2]
        ys += [float(h), float(h)]
    xs.append(xs[-1])
    ys.append(0.0)
    return Curve(tuple(xs), tuple(ys), "x", dashed=True)

