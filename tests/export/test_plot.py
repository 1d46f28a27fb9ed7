"""Plots in exported files: curves thinned without leaving their points, round ticks, and a curve drawn
where its values say, in raster and SVG alike."""

import math
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from app.web.export.drawing import Path
from app.web.export.fonts import server_fonts
from app.web.export.layout import Layout
from app.web.export.plot import Frame, _thinned, tick_step, ticks
from app.web.export.raster import raster
from app.web.export.scene import Curve, Dot, Plot, Scene
from app.web.export.svg import svg
from app.web.export.themes import THEMES

SVG = "{http://www.w3.org/2000/svg}"


def distance_to_polyline(point, polyline) -> float:
    px, py = point
    best = math.inf
    for (ax, ay), (bx, by) in zip(polyline, polyline[1:], strict=False):
        dx, dy = bx - ax, by - ay
        t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
        best = min(best, math.hypot(px - (ax + t * dx), py - (ay + t * dy)))
    return best


@pytest.mark.parametrize("shape", ["elu", "relu", "sine", "noise"])
def test_a_thinned_curve_stays_within_a_third_of_a_pixel_of_every_point(shape):
    xs = np.linspace(0, 300, 401)
    u = np.linspace(-5, 5, 401)
    ys = {"elu": np.where(u > 0, u, np.exp(u) - 1), "relu": np.maximum(u, 0), "sine": np.sin(u * 2),
          "noise": np.random.default_rng(7).normal(size=401)}[shape] * 20 + 100
    points = tuple(zip(xs.tolist(), ys.tolist(), strict=True))
    thinned = _thinned(points)
    assert thinned[0] == points[0] and thinned[-1] == points[-1]
    assert max(distance_to_polyline(p, thinned) for p in points) <= 1 / 3 + 1e-9
    if shape == "relu":
        assert len(thinned) <= 4  # two straight pieces and the kink


def test_ticks_are_round_and_within_the_range():
    assert (tick_step(10, 5), tick_step(1.3, 3), tick_step(2e6, 4)) == (2, 0.5, 5e5)  # 1, 2 or 5 × 10ⁿ
    assert ticks(-1.1, 5.6, 4) == [0, 2, 4]  # a step of 2 ≥ 6.7 / 4
    assert ticks(-0.2, 1.1, 3) == [0, 0.5, 1]


def test_a_curve_is_drawn_where_its_values_say_in_raster_and_svg():
    plot = Plot("y = x / 2", (-4, 4), (-3, 3), "x", (Curve((-4.0, 4.0), (-2.0, 2.0), "curve"),),
                dots=(Dot(2.0, 1.0, "now"),))
    scene = Scene(((plot,),), (), (), "")
    theme, fonts = THEMES["light"], server_fonts()
    layout = Layout([scene], theme, fonts, 2, "sans-bold")
    drawing = layout.draw(scene)
    image = raster(drawing, fonts, 2)
    frame = Frame(plot, 24 * 2, (24 + 26) * 2, 2)  # the plot's box: the margin, then its label's line
    x, y = frame.x(-2), frame.y(-1)  # on the line, left of the dot
    assert image.getpixel((round(x), round(y))) == theme.rgb["curve"]
    paths = [p for group in drawing.items if hasattr(group, "items") for p in group.items if isinstance(p, Path)]
    (line,) = [p for p in paths if p.stroke == theme.rgb["curve"]]
    assert line.points == ((frame.x(-4), frame.y(-2)), (frame.x(4), frame.y(2)))
    root = ET.fromstring(svg(drawing, 2, "t"))
    (written,) = [[float(v) for pair in e.get("points").split() for v in pair.split(",")]
                  for e in root.iter(f"{SVG}polyline") if e.get("stroke") == "#1d4ed8"]
    assert written == pytest.approx([v for point in line.points for v in point], abs=0.01)
