"""/signal's view as a file. The functions view: a frame per shift t, three plots, and the Riemann sum's
value, checked against sums written here from the definition. The numbers view: a frame per y[n], the
rows of the page, and each step's terms, checked against numpy.convolve."""

import math
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from app.settings import Settings
from app.web.export import signal
from app.web.export.labels import Labels
from app.web.export.numbers import fmt
from app.web.export.scene import Grid, Plot

from .helpers import differ, frames, image

SVG = "{http://www.w3.org/2000/svg}"
TAUS = [round((-5 + j * 0.2) * 10) / 10 for j in range(51)]


def story(query: str):
    fields = dict(part.split("=", 1) for part in query.split("&") if part)
    return signal.plan(fields, Settings()).story(Labels("signal", "en"))


def texts(content: bytes) -> list[str]:
    return ["".join(element.itertext()) for element in ET.fromstring(content).iter(f"{SVG}text")]


def box(tau: float, w: float = 2.0) -> float:
    """The page's box: 1 inside |τ| < w/2, ½ on the edge, 0 outside."""
    return 1.0 if abs(tau) < w / 2 - 1e-9 else 0.5 if abs(abs(tau) - w / 2) <= 1e-9 else 0.0


def decay(tau: float, w: float = 1.0) -> float:
    """The page's exponential decay: exp(−τ/w) for τ > 0, ½ at the jump, 0 before."""
    return math.exp(-tau / w) if tau > 1e-9 else 0.5 if abs(tau) <= 1e-9 else 0.0


def riemann(f, g, t: float, flip: bool = True) -> float:
    """Σⱼ f(τⱼ)·g(t − τⱼ)·Δτ over the page's 51 samples (g zero off the grid); without the flip g(τⱼ − t)."""
    total = 0.0
    for tau in TAUS:
        shift = round(t - tau, 9) if flip else round(tau - t, 9)
        if -5 - 1e-9 <= shift <= 5 + 1e-9:
            total += f(tau) * g(shift) * 0.2
    return total


@pytest.mark.parametrize("extension", ["gif", "apng", "webp"])
def test_the_functions_view_has_a_frame_per_shift_and_the_numbers_view_one_per_output(client, extension):
    shown = frames(client.get(f"/signal.{extension}?scale=1").content)
    assert len(shown) == 51 and differ(shown[0], shown[-1])
    numbers = frames(client.get(f"/signal.{extension}?view=numbers&x=1,2,3&h=0,1,0.5&scale=1").content)
    assert len(numbers) == 5 and differ(numbers[0], numbers[-1])


def test_every_format_is_sized_by_scale(client):
    for query in ("", "view=numbers"):
        one = image(client.get(f"/signal.png?{query}&scale=1").content).size
        for extension in ("gif", "png"):
            assert image(client.get(f"/signal.{extension}?{query}&scale=2").content).size == (one[0] * 2, one[1] * 2)


def test_each_shift_s_value_is_the_riemann_sum_of_the_definition():
    shown = story("f=box&g=decay&xc=1")
    for step in (0, 20, 25, 30, 50):
        t = TAUS[step]
        conv, xcorr = shown.scene(step).equation
        assert conv.result == fmt(riemann(box, decay, t))
        assert xcorr.result == fmt(riemann(box, decay, t, flip=False))
        assert shown.conv.output[step] == pytest.approx(riemann(box, decay, t), abs=1e-12)
        assert shown.xcorr.output[step] == pytest.approx(riemann(box, decay, t, flip=False), abs=1e-12)


def test_the_plots_show_g_flipped_and_slid_the_product_s_strips_and_the_result_so_far():
    shown = story("f=box&g=decay")
    inputs, products, outputs = shown.scene(30).columns[0]
    assert all(isinstance(plot, Plot) for plot in (inputs, products, outputs))
    t = TAUS[30]
    f_curve, g_curve = inputs.curves
    assert f_curve.ys == pytest.approx([box(tau) for tau in TAUS])
    assert g_curve.ys == pytest.approx([decay(round(t - tau, 9)) if abs(t - tau) <= 5 + 1e-9 else 0 for tau in TAUS])
    assert inputs.cursor == t and "t = 1" in inputs.cursor_label  # step 30: t = 1
    # Each strip's area is one product f(τ)·g(t − τ)·Δτ, and together they are the value
    area = sum((s.x1 - s.x0) * s.y for s in products.strips)
    assert area == pytest.approx(riemann(box, decay, t)) and products.note == f"area = {fmt(area)}"
    (traced,) = outputs.curves
    assert traced.xs == pytest.approx(TAUS[:31]) and traced.ys[-1] == pytest.approx(riemann(box, decay, t))


def test_shapes_follow_the_page_s_parameters_and_clamp_as_the_page_does():
    wide = story("f=box&fw=4&fa=-1&g=triangle&gc=1").scene(0).columns[0][0]
    assert wide.curves[0].ys == pytest.approx([-box(tau, 4) for tau in TAUS])
    clamped = story("f=box&fw=99&g=decay").scene(0).columns[0][0]
    assert clamped.curves[0].ys == story("f=box&fw=5&g=decay").scene(0).columns[0][0].curves[0].ys
    drawn = ",".join(["0"] * 25 + ["1"] + ["0"] * 25)
    spike = story(f"f=draw&fd={drawn}&g=box").scene(25).columns[0][0]
    assert spike.y_range == (-1.5, 1.5) and max(spike.curves[0].ys) == 1


def test_the_numbers_view_s_rows_and_equation_are_numpy_s_full_convolution():
    x, h = [2, 4, 6, 4, 2, 0], [0.5, 0.5, -1]
    reference = np.convolve(x, h)
    shown = story("view=numbers&x=" + ",".join(map(str, x)) + "&h=" + ",".join(map(str, h)))
    assert shown.steps == len(reference)
    for n in range(shown.steps):
        xs, hs, products, ys = shown.scene(n).columns[0]
        assert all(isinstance(grid, Grid) for grid in (xs, hs, products, ys))
        window = [q for q, cell in enumerate(xs.cells[0]) if cell.kind in ("window", "pad-window")]
        assert window == list(range(n, n + len(h)))  # h[0] under x[n]: the window's right end
        under = [cell for cell in hs.cells[0] if cell.kind != "blank"]
        assert [cell.text for cell in under] == [fmt(v) for v in h[::-1]]  # flipped
        assert [cell.badge for cell in under] == [f"h[{m}]" for m in reversed(range(len(h)))]
        terms = [float(cell.text.replace("−", "-")) for cell in products.cells[0] if cell.kind != "blank"]
        assert sum(terms) == pytest.approx(reference[n])
        assert ys.cells[0][n + len(h) - 1].text == fmt(reference[n])  # y[n] under x[n]
        assert shown.scene(n).equation[-1].result == fmt(reference[n])


def test_the_numbers_view_s_first_step_names_its_terms_in_the_svg(client):
    lines = texts(client.get("/signal.svg?view=numbers&step=2").content)
    assert "y[1]: x[−1]·h[2] + x[0]·h[1] + x[1]·h[0] = 1" in lines
    assert "(0×0.5) + (1×1) + (2×0) = 1" in lines


def test_the_functions_view_s_svg_holds_its_sum_and_plot_titles(client):
    lines = texts(client.get("/signal.svg?step=31").content)
    assert f"(f∗g)(1) ≈ Σ f(τ)·g(1 − τ)·Δτ = {fmt(riemann(box, decay, 1.0))}" in lines
    assert "f(τ) and g(t − τ): g flipped, then slid to t" in lines and "t = 1" in lines


@pytest.mark.parametrize(("query", "field"), [
    ("f=blob", "f"), ("fw=wide", "fw"), ("f=draw&fd=1,2", "fd"), ("xc=yes", "xc"), ("view=both", "view"),
    ("view=numbers&x=1,2,3,4,5,6,7", "x"), ("view=numbers&h=1,x", "h"), ("view=numbers&x=5000", "x"),
])
def test_a_malformed_query_is_a_422_naming_its_field(client, query, field):
    response = client.get(f"/signal.gif?{query}")
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["query", field]


@pytest.mark.parametrize("query", [
    "fw=1e308&fa=1e308&fc=-1e308", "f=draw&fd=" + ",".join(["1e308"] * 51), "f=draw&fd=" + ",".join(["nan"] * 51),
    "gw=0&ga=0", "view=numbers&x=1000,-1000,1000,-1000,1000,-1000&h=1000,1000,1000,1000,1000,1000",
    "view=numbers&x=,", "view=numbers&h=1e309", "xc=1&f=step&g=step&fc=-5&gc=5",
])
def test_hostile_queries_never_make_a_500(client, query):
    response = client.get(f"/signal.png?{query}&scale=1")
    assert response.status_code in (200, 422), response.text
