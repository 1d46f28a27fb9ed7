"""A Plot as primitives, as the pages' SVG charts draw it (static/js/pages/signal/svg.js and the activation
page's curve): grid lines with round ticks, curves and the area under them, strips, dots, a dashed cursor
and a note. Each part is its own group, made once for as long as it looks the same, so that an animation
repaints only what moves."""

from __future__ import annotations

import math

from .drawing import Circle, Group, Path, Rect, Text
from .fonts import FontSet
from .numbers import fmt
from .scene import Curve, Dot, Plot, Strip
from .themes import Theme

# the room around the axes, in layout units: y tick labels at the left, the x axis' name at the right,
# x tick labels under it
LEFT, RIGHT, TOP, BOTTOM = 50, 28, 8, 26
KEYS = 22  # the legend's row under the x tick labels
TICK, NOTE = 13, 15  # font sizes
LINE, CURSOR = 3, 2  # stroke widths


def tick_step(span: float, count: int) -> float:
    """The round spacing (1, 2 or 5 × 10ⁿ) that puts at most about `count` ticks on a span, as svg.js picks it."""
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)


def ticks(low: float, high: float, count: int) -> list[float]:
    """About `count` round values between low and high."""
    step = tick_step(high - low, count)
    return [round(k * step, 9) for k in range(math.ceil(low / step), math.floor(high / step + 1e-9) + 1)]


def extent(plot: Plot) -> tuple[int, int]:
    """(height, width) of the plot in layout units, its legend's row included."""
    return plot.height + (KEYS if plot.keys else 0), plot.width


class Frame:
    """Where a plot's values land in pixels: the plot's box at (left, top), its ranges, the scale."""

    def __init__(self, plot: Plot, left: float, top: float, u: int):
        self.plot, self.u = plot, u
        self.x0, self.x1 = left + LEFT * u, left + (plot.width - RIGHT) * u
        self.y0, self.y1 = top + TOP * u, top + (plot.height - BOTTOM) * u

    def x(self, value: float) -> float:
        low, high = self.plot.x_range
        return self.x0 + (min(high, max(low, value)) - low) / (high - low) * (self.x1 - self.x0)

    def y(self, value: float) -> float:
        low, high = self.plot.y_range
        return self.y0 + (high - min(high, max(low, value))) / (high - low) * (self.y1 - self.y0)


def _thinned(points: tuple[tuple[float, float], ...]) -> tuple[tuple[float, float], ...]:
    """The points that keep the line within a third of a pixel of every point (Ramer–Douglas–Peucker): Pillow
    joins hundreds of tiny segments of a wide line into a ragged edge."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    spans = [(0, len(points) - 1)]
    while spans:
        first, last = spans.pop()
        (ax, ay), (cx, cy) = points[first], points[last]
        length = math.hypot(cx - ax, cy - ay)
        far, index = 0.0, first
        for k in range(first + 1, last):
            bx, by = points[k]
            distance = (abs((cx - ax) * (by - ay) - (cy - ay) * (bx - ax)) / length if length
                        else math.hypot(bx - ax, by - ay))
            if distance > far:
                far, index = distance, k
        if far > 1 / 3:
            keep[index] = True
            spans += [(first, index), (index, last)]
    return tuple(point for point, kept in zip(points, keep, strict=True) if kept)


class PlotPainter:
    def __init__(self, theme: Theme, fonts: FontSet, scale: int, label_role: str):
        """label_role: the font for words the plot's own monospace font cannot draw (Korean)."""
        self.colour, self.fonts, self.u, self.label_role = theme.rgb, fonts, scale, label_role
        self._groups: dict[tuple, Group] = {}

    def draw(self, plot: Plot, left: float, top: float) -> list[Group]:
        """The plot's groups, back to front, its box's top left at (left, top) in pixels."""
        frame = Frame(plot, left, top, self.u)
        where = (plot.x_range, plot.y_range, plot.width, plot.height, left, top)
        parts = [self._made(("axes", plot.x_name, plot.x_ticks, *where), lambda: self._axes(frame))]
        parts += [self._made(("curve", curve, *where), lambda c=curve: self._curve(frame, c)) for curve in plot.curves]
        if plot.strips:
            parts.append(self._made(("strips", plot.strips, *where), lambda: self._strips(frame, plot.strips)))
        if plot.cursor is not None:
            parts.append(self._made(("cursor", plot.cursor, plot.cursor_label, *where), lambda: self._cursor(frame)))
        parts += [self._made(("dot", dot, *where), lambda d=dot: self._dot(frame, d)) for dot in plot.dots]
        if plot.note:
            parts.append(self._made(("note", plot.note, *where), lambda: self._note(frame)))
        if plot.keys:
            parts.append(self._made(("keys", plot.keys, *where), lambda: self._keys(frame)))
        return [part for part in parts if part.items]  # a curve of one point draws nothing

    def _made(self, key: tuple, make) -> Group:
        if key not in self._groups:
            self._groups[key] = Group(tuple(make()))
        return self._groups[key]

    def _text(self, x: float, y: float, text: str, role: str, size: int, ink, anchor: str) -> Text:
        if not self.fonts.draws(role, text, size):
            role = self.label_role
        return Text(x, y, self.fonts.printable(role, text, size * self.u), role, size * self.u, ink, anchor)

    def _axes(self, f: Frame) -> list:
        u, colour, plot = self.u, self.colour, f.plot
        items: list = [Rect(f.x0, f.y0, f.x1 - f.x0, f.y1 - f.y0, None, colour["plot-grid"], max(1, u))]
        low, high = plot.x_range
        for k in range(math.ceil(low / plot.x_ticks), math.floor(high / plot.x_ticks + 1e-9) + 1):
            v = round(k * plot.x_ticks, 9)
            items.append(Path(((f.x(v), f.y0), (f.x(v), f.y1)), colour["plot-grid"], max(1, u)))
            items.append(self._text(f.x(v), f.y1 + 14 * u, fmt(v), "mono", TICK, colour["muted"], "mm"))
        for v in ticks(*plot.y_range, 3 if plot.height < 180 else 4):
            axis = v == 0
            items.append(Path(((f.x0, f.y(v)), (f.x1, f.y(v))), colour["plot-axis" if axis else "plot-grid"],
                              (1.5 if axis else 1) * u))
            items.append(self._text(f.x0 - 8 * u, f.y(v), fmt(v), "mono", TICK, colour["muted"], "rm"))
        items.append(self._text(f.x1 + 8 * u, f.y1, plot.x_name, "mono-bold", NOTE, colour["ink"], "lm"))
        return items

    def _curve(self, f: Frame, curve: Curve) -> list:
        points = _thinned(tuple((f.x(x), f.y(y)) for x, y in zip(curve.xs, curve.ys, strict=True)))
        items: list = []
        if curve.area:
            base = ((points[-1][0], f.y(0)), (points[0][0], f.y(0)))
            items.append(Path(points + base, None, 0, self.colour[f"{curve.role}-area"]))
        if len(points) > 1:
            items.append(Path(points, self.colour[curve.role], LINE * self.u, dashed=curve.dashed))
        return items

    def _strips(self, f: Frame, strips: tuple[Strip, ...]) -> list:
        """Positive strips filled, negative ones in the other colour; the tallest of each sign gets its sign
        written on it, so that the sign never rests on colour alone (as the page's)."""
        colour, items = self.colour, []
        for strip in strips:
            kind = "pos" if strip.y > 0 else "neg"
            top, bottom = sorted((f.y(strip.y), f.y(0)))
            items.append(Rect(f.x(strip.x0), top, f.x(strip.x1) - f.x(strip.x0), bottom - top, colour[kind],
                              colour[f"{kind}-edge"], max(1, self.u)))
        for sign, pick in (("+", max), ("\u2212", min)):
            tallest = pick(strips, key=lambda s: s.y)
            if (tallest.y > 0) == (sign == "+") and tallest.y != 0:
                x, y = f.x((tallest.x0 + tallest.x1) / 2), (f.y(tallest.y) + f.y(0)) / 2
                items.append(self._text(x, y, sign, "mono-bold", NOTE, colour["ink"], "mm"))
        return items

    def _cursor(self, f: Frame) -> list:
        plot, colour, u = f.plot, self.colour, self.u
        x = f.x(plot.cursor)
        items: list = [Path(((x, f.y0), (x, f.y1)), colour["now"], CURSOR * u, dashed=True)]
        if plot.cursor_label:  # on a patch of the page's colour, so that no curve runs through it
            label = self._beside(f, x, f.y0 + 12 * u, plot.cursor_label, colour["now"])
            width = self.fonts.font(label.role, label.size).getlength(label.text)
            left = label.x if label.anchor[0] == "l" else label.x - width
            items += [Rect(left - 2 * u, label.y - 9 * u, width + 4 * u, 18 * u, colour["page"]), label]
        return items

    def _dot(self, f: Frame, dot: Dot) -> list:
        colour, u = self.colour, self.u
        x, y = f.x(dot.x), f.y(dot.y)
        items: list = []
        if dot.guides:  # to both axes, with the coordinates tagged on them
            items += [Path(((x, y), (x, f.y1)), colour["now"], CURSOR * u, dashed=True),
                      Path(((f.x0, y), (x, y)), colour["now"], CURSOR * u, dashed=True),
                      *self._tag(f.x0 - 4 * u, y, fmt(dot.y), "rm"), *self._tag(x, f.y1 + 14 * u, fmt(dot.x), "mm")]
        if dot.role == "sample":  # one of many: small and hollow
            return [*items, Circle(x, y, 4 * u, colour["page"], colour["plot-axis"], 1.5 * u)]
        items.append(Circle(x, y, 7 * u, colour["result"], colour[dot.role], 3 * u))
        if dot.text:
            items.append(self._beside(f, x + 6 * u, y - 14 * u, dot.text, colour["ink"]))
        return items

    def _tag(self, x: float, y: float, text: str, anchor: str) -> list:
        u, colour = self.u, self.colour
        label = self._text(x, y, text, "mono-bold", TICK, colour["result-ink"], anchor)
        width = self.fonts.font("mono-bold", TICK * u).getlength(label.text) + 8 * u
        left = {"r": x - width + 4 * u, "m": x - width / 2}[anchor[0]]
        return [Rect(left, y - 9 * u, width, 18 * u, colour["result"], colour["now"], max(1, u), radius=3 * u), label]

    def _beside(self, f: Frame, x: float, y: float, text: str, ink) -> Text:
        """Text starting just right of x, or ending just left of it where it would run past the plot."""
        label = self._text(x + 6 * self.u, y, text, "mono-bold", NOTE, ink, "lm")
        if x + 6 * self.u + self.fonts.font(label.role, label.size).getlength(label.text) > f.x1:
            return self._text(x - 6 * self.u, y, text, "mono-bold", NOTE, ink, "rm")
        return label

    def _keys(self, f: Frame) -> list:
        """The legend, right-aligned under the x tick labels: a short stroke in each curve's colour, then its words."""
        u, colour, items = self.u, self.colour, []
        x, y = f.x1, f.y1 + (BOTTOM + KEYS / 2) * u
        for words, role in reversed(f.plot.keys):
            text = self._text(x, y, words, "mono", TICK, colour["muted"], "rm")
            x -= self.fonts.font(text.role, text.size).getlength(text.text) + 6 * u
            items += [text, Path(((x - 22 * u, y), (x, y)), colour[role], LINE * u)]
            x -= 22 * u + 16 * u
        return items

    def _note(self, f: Frame) -> list:
        return [self._text(f.x1 - 8 * self.u, f.y0 + 14 * self.u, f.plot.note, "mono-bold", NOTE, self.colour["ink"],
                           "rm")]
